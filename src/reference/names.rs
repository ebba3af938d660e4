//! Comparing constant names: wildcards.

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
