//! Comparing constant names: case-insensitive order, name families,
//! bounded edit distance, wildcards.

use std::cmp::Ordering;

/// Orders two names as their ASCII upper-case forms would order, without
/// allocating.
pub(crate) fn cmp_ignore_case(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|byte| byte.to_ascii_uppercase())
        .cmp(b.bytes().map(|byte| byte.to_ascii_uppercase()))
}

/// True when `name` starts with `prefix`, ignoring ASCII case.
pub(crate) fn starts_with_ignore_case(name: &str, prefix: &str) -> bool {
    name.len() >= prefix.len()
        && name.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// The prefix that says which family a name belongs to, for telling a typo
/// from another code: the first word and its underscore, and the severity
/// or type word after it when there is one (`WU_E_` for
/// `WU_E_FF_SOURCE_ABSENT`, `RPC_S_` for `RPC_S_SERVER_UNAVAILABLE`,
/// `ERROR_` for `ERROR_INTERNET_TIMEOUT`, `E_` for `E_FAIL`). A name without
/// an underscore (`WSAEINTR`) has its first three characters as family.
///
/// The prefix is a slice of `name`, in the case it is written in.
pub fn family_prefix(name: &str) -> &str {
    let Some(first_end) = name.find('_') else {
        return name.get(..3).unwrap_or(name);
    };
    let after_first = &name[first_end + 1..];
    let severity_word = match after_first.split_once('_') {
        Some((word, _)) => {
            word.len() == 1 && matches!(word.as_bytes()[0].to_ascii_uppercase(), b'E' | b'S' | b'X')
        }
        None => false,
    };
    if severity_word {
        &name[..first_end + 3]
    } else {
        &name[..=first_end]
    }
}

/// The optimal-string-alignment distance between two names, ignoring ASCII
/// case (insertions, deletions, substitutions and swaps of two adjacent
/// characters each cost 1), when it is at most `limit`; `None` when it is
/// larger. Works on bytes: names are ASCII identifiers.
pub fn edit_distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a = a.as_bytes();
    let b = b.as_bytes();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let same = |i: usize, j: usize| a[i].eq_ignore_ascii_case(&b[j]);
    let width = b.len() + 1;
    let beyond = limit + 1;
    // Three rows of the dynamic programme: two back (for swaps), previous,
    // current. Cells farther than `limit` from the diagonal can never come
    // back under the limit, so they are left at `beyond`.
    let mut before = vec![beyond; width];
    let mut previous: Vec<usize> = (0..width).map(|j| j.min(beyond)).collect();
    let mut current = vec![beyond; width];
    for i in 1..=a.len() {
        current.fill(beyond);
        if i <= limit {
            current[0] = i;
        }
        let low = i.saturating_sub(limit).max(1);
        let high = (i + limit).min(b.len());
        let mut row_best = current[0];
        for j in low..=high {
            let substitution = previous[j - 1] + usize::from(!same(i - 1, j - 1));
            let mut cell = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
            if i > 1 && j > 1 && same(i - 1, j - 2) && same(i - 2, j - 1) {
                cell = cell.min(before[j - 2] + 1);
            }
            current[j] = cell.min(beyond);
            row_best = row_best.min(current[j]);
        }
        if row_best > limit {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= limit).then_some(distance)
}

/// Matches `name` against a wildcard pattern, ignoring ASCII case: `*` is
/// any run of characters (also none), `?` exactly one.
pub(crate) fn wildcard_matches(pattern: &str, name: &str) -> bool {
    let pattern = pattern.as_bytes();
    let name = name.as_bytes();
    let (mut p, mut n) = (0, 0);
    // Where the last `*` was, and the name position it currently covers up to.
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(b'?') => {
                p += 1;
                n += 1;
            }
            Some(byte) if byte.eq_ignore_ascii_case(&name[n]) => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((star_p, star_n)) => {
                    p = star_p + 1;
                    n = star_n + 1;
                    star = Some((star_p, star_n + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&byte| byte == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_insensitive_order() {
        assert_eq!(cmp_ignore_case("wu_e_a", "WU_E_A"), Ordering::Equal);
        assert_eq!(cmp_ignore_case("WU_E_A", "wu_e_b"), Ordering::Less);
        assert_eq!(cmp_ignore_case("WU_E", "WU_E_"), Ordering::Less);
        assert!(starts_with_ignore_case("wu_e_pt_x", "WU_E_PT_"));
        assert!(!starts_with_ignore_case("WU_E", "WU_E_"));
    }

    #[test]
    fn families() {
        assert_eq!(family_prefix("WU_E_FF_SOURCE_ABSENT"), "WU_E_");
        assert_eq!(family_prefix("wu_e_ff_source_absent"), "wu_e_");
        assert_eq!(family_prefix("RPC_S_SERVER_UNAVAILABLE"), "RPC_S_");
        assert_eq!(family_prefix("RPC_X_NULL_REF_POINTER"), "RPC_X_");
        assert_eq!(family_prefix("ERROR_INTERNET_TIMEOUT"), "ERROR_");
        assert_eq!(family_prefix("E_FAIL"), "E_");
        assert_eq!(family_prefix("S_OK"), "S_");
        assert_eq!(family_prefix("WSAEINTR"), "WSA");
        assert_eq!(family_prefix("AB"), "AB");
        // A single-letter second word that ends the name is the code, not a
        // severity word.
        assert_eq!(family_prefix("DXGI_E"), "DXGI_");
        assert_eq!(family_prefix("MQ_ERROR_QUEUE_EXISTS"), "MQ_");
    }

    #[test]
    fn bounded_edit_distance() {
        assert_eq!(
            edit_distance_within("WU_E_NO_SERVICE", "WU_E_NO_SERVICE", 2),
            Some(0)
        );
        assert_eq!(
            edit_distance_within("wu_e_no_service", "WU_E_NO_SERVICE", 2),
            Some(0)
        );
        assert_eq!(
            edit_distance_within("WU_E_NO_SERVIC", "WU_E_NO_SERVICE", 2),
            Some(1)
        );
        assert_eq!(
            edit_distance_within("WU_E_NO_SREVICE", "WU_E_NO_SERVICE", 2),
            Some(1)
        );
        assert_eq!(
            edit_distance_within("WU_E_NO_SERVXXE", "WU_E_NO_SERVICE", 2),
            Some(2)
        );
        assert_eq!(
            edit_distance_within("WU_E_NO_SERXXXE", "WU_E_NO_SERVICE", 2),
            None
        );
        assert_eq!(edit_distance_within("WU_E_NO", "WU_E_NO_SERVICE", 2), None);
        assert_eq!(edit_distance_within("", "AB", 2), Some(2));
        assert_eq!(edit_distance_within("ABC", "", 2), None);
        assert_eq!(
            edit_distance_within("WU_E_SOURCE_ABSENT", "WU_E_FF_SOURCE_ABSENT", 3),
            Some(3)
        );
        assert_eq!(
            edit_distance_within("WU_E_SOURCE_ABSENT", "WU_E_FF_SOURCE_ABSENT", 2),
            None
        );
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_matches("WU_E_PT_*", "WU_E_PT_SOAPCLIENT_BASE"));
        assert!(wildcard_matches("wu_e_pt_*", "WU_E_PT_SOAPCLIENT_BASE"));
        assert!(wildcard_matches("WU_E_PT_*", "WU_E_PT_"));
        assert!(!wildcard_matches("WU_E_PT_*", "WU_E_P"));
        assert!(wildcard_matches("*_NOT_FOUND", "BG_E_NOT_FOUND"));
        assert!(wildcard_matches("BG_?_*FOUND", "BG_E_NOT_FOUND"));
        assert!(!wildcard_matches("BG_?_*FOUND", "BG_EE_NOT_FOUND"));
        assert!(wildcard_matches("*A*B*", "xxAyyBzz"));
        assert!(!wildcard_matches("*A*B", "xxAyyBzz"));
        assert!(wildcard_matches("*", ""));
    }
}
