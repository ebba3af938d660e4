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
    // back under the limit, so they stay at `beyond`. Only the band is
    // written, and the cell on either side of it reset: clearing whole rows
    // made two long names (a user header may define a name of a megabyte)
    // cost the product of their lengths.
    let mut before = vec![beyond; width];
    let mut previous: Vec<usize> = (0..width).map(|j| j.min(beyond)).collect();
    let mut current = vec![beyond; width];
    for i in 1..=a.len() {
        current[0] = if i <= limit { i } else { beyond };
        let low = i.saturating_sub(limit).max(1);
        let high = (i + limit).min(b.len());
        if low > 1 {
            current[low - 1] = beyond;
        }
        if high + 1 < width {
            current[high + 1] = beyond;
        }
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
/// any run of characters (also none), `?` exactly one character (not one
/// byte: a name a page writes with `É` is one character there). The
/// pattern is ASCII, as [`super::Query::parse`] makes it.
pub(crate) fn wildcard_matches(pattern: &str, name: &str) -> bool {
    wildcard_match_steps(pattern, name).0
}

/// [`wildcard_matches`], and how many steps it took: the greedy two-pointer
/// match, where a mismatch goes back only to the last `*` (which then
/// covers one more character). Earlier stars never need to cover more:
/// whatever the last one matched, a later choice can match too. So the
/// steps are at most (pattern + 1) x (name + 1), never exponential, and the
/// pattern's length is bounded by [`super::MAX_WILDCARD_CHARS`].
fn wildcard_match_steps(pattern: &str, name: &str) -> (bool, usize) {
    let pattern = pattern.as_bytes();
    // Every character but `*` takes at least one byte of the name.
    let needed = pattern.iter().filter(|&&byte| byte != b'*').count();
    if name.len() < needed {
        return (false, 0);
    }
    let bytes = name.as_bytes();
    // The byte length of the character that starts at `n`, from its
    // first byte (the name is UTF-8; no slicing, so no char boundary to
    // get wrong).
    let char_len = |n: usize| match bytes[n] {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    };
    let (mut p, mut n) = (0, 0);
    let mut steps = 0;
    // Where the last `*` was, and the name position it currently covers up to.
    let mut star: Option<(usize, usize)> = None;
    while n < bytes.len() {
        steps += 1;
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(b'?') => {
                p += 1;
                n += char_len(n);
            }
            // The pattern is ASCII, so a match is one ASCII byte of the name.
            Some(byte) if byte.eq_ignore_ascii_case(&bytes[n]) => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((star_p, star_n)) => {
                    let covered = star_n + char_len(star_n);
                    p = star_p + 1;
                    n = covered;
                    star = Some((star_p, covered));
                }
                None => return (false, steps),
            },
        }
    }
    (pattern[p..].iter().all(|&byte| byte == b'*'), steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_characters_not_bytes() {
        assert!(wildcard_matches("WU_E_*", "wu_e_no_service"));
        assert!(wildcard_matches("*_NOT_FOUND", "ERROR_FILE_NOT_FOUND"));
        assert!(wildcard_matches("E_?AIL", "E_FAIL"));
        assert!(!wildcard_matches("E_?AIL", "E_AIL"));
        assert!(wildcard_matches("**A**", "A"));
        assert!(wildcard_matches("*", ""));
        assert!(!wildcard_matches("?", ""));
        // `?` is one character, two bytes here: it matched one byte and
        // left the next unmatched.
        assert!(wildcard_matches("CAF?", "CAFÉ"));
        assert!(wildcard_matches("?_*", "É_X"));
        assert!(!wildcard_matches("CAF??", "CAFÉ"));
        assert!(wildcard_matches("*?", "É"));
    }

    #[test]
    fn pathological_wildcards_take_at_most_pattern_times_name_steps() {
        use crate::reference::MAX_WILDCARD_CHARS;
        // The classic worst cases for a backtracking matcher: many stars
        // each followed by the same letter, and one star followed by a long
        // run, against long names that almost match. A matcher that goes
        // back to every star (recursion) takes exponential time here.
        let many_stars = "*A".repeat(MAX_WILDCARD_CHARS / 2 - 1) + "*B";
        let long_run = format!("*{}B", "A".repeat(MAX_WILDCARD_CHARS - 2));
        let with_marks = format!("*{}B", "A?".repeat(MAX_WILDCARD_CHARS / 2 - 1));
        for pattern in [&many_stars, &long_run, &with_marks] {
            assert!(pattern.len() <= MAX_WILDCARD_CHARS, "{}", pattern.len());
            for name in ["A".repeat(20_000), "a".repeat(20_000) + "C"] {
                let (matched, steps) = wildcard_match_steps(pattern, &name);
                assert!(!matched);
                let bound = (pattern.len() + 1) * (name.len() + 1);
                assert!(steps <= bound, "{steps} steps > {bound}");
            }
            let name = "A".repeat(20_000) + "B";
            assert!(wildcard_match_steps(pattern, &name).0, "{pattern}");
        }
        // A pattern that needs more characters than a name has is refused
        // before any step.
        assert_eq!(wildcard_match_steps(&long_run, "AAB"), (false, 0));
    }

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

    /// The distance by the whole table, for comparison.
    fn full_distance(a: &str, b: &str) -> usize {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        d[0] = (0..=b.len()).collect();
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(!a[i - 1].eq_ignore_ascii_case(&b[j - 1]));
                let mut cell = (d[i - 1][j - 1] + cost)
                    .min(d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    cell = cell.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = cell;
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn banded_distance_agrees_with_the_whole_table() {
        // Every pair of short words over a small alphabet: the band must
        // not read a cell it did not write.
        let words: Vec<String> = (0..3usize.pow(5))
            .flat_map(|n| {
                (0..=5).map(move |len| {
                    (0..len)
                        .map(|k| ["A", "B", "C"][(n / 3usize.pow(k as u32)) % 3])
                        .collect::<String>()
                })
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        for a in &words {
            for b in &words {
                for limit in 0..=3 {
                    let full = full_distance(a, b);
                    assert_eq!(
                        edit_distance_within(a, b, limit),
                        (full <= limit).then_some(full),
                        "{a:?} {b:?} within {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn long_names_cost_their_length_not_its_square() {
        // Two names of 1 MB (a user header may hold one) one edit apart:
        // the band is 5 cells wide, where the whole table (or clearing whole
        // rows) is a million million cells.
        let long = "OM_E_".to_string() + &"A".repeat(1 << 20);
        let other = long.clone() + "B";
        assert_eq!(edit_distance_within(&long, &other, 2), Some(1));
        assert_eq!(edit_distance_within(&other, &long, 2), Some(1));
        let far = "B".to_string() + &long[1..long.len() - 3] + "BBB";
        assert_eq!(edit_distance_within(&long, &far, 2), None);
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
