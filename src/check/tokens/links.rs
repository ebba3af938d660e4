//! Links that a translation points at its own locale's copy of a page.
//!
//! Microsoft's sites put the reader's locale first in the path
//! (`https://learn.microsoft.com/en-us/windows/...`), and translators
//! change it to theirs (`.../he-il/windows/...`), or write a site-relative
//! link with one (`/windows/...` as `/he-il/windows/...`). The page is the
//! same: the locale is left out when two links are compared.

use std::borrow::Cow;

/// Sites whose pages are at `https://HOST/<locale>/...`.
const LOCALIZED_HOSTS: &[&str] = &[
    "learn.microsoft.com",
    "docs.microsoft.com",
    "support.microsoft.com",
    "www.microsoft.com",
];

/// `link` without the locale at the start of its path: a link to one of
/// the hosts that localize their paths (`LOCALIZED_HOSTS`: Learn, Docs,
/// Support, www.microsoft.com) or a site-relative one
/// (`/he-il/windows/...`).
/// Other links, and links with no locale there, are returned as they are.
pub fn without_locale(link: &str) -> Cow<'_, str> {
    let (site, path) = if let Some(rest) = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))
    {
        let host_end = rest.find('/').unwrap_or(rest.len());
        let host = &rest[..host_end];
        if !LOCALIZED_HOSTS.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return Cow::Borrowed(link);
        }
        let split = link.len() - rest.len() + host_end;
        (&link[..split], &link[split..])
    } else if link.starts_with('/') && !link.starts_with("//") {
        ("", link)
    } else {
        return Cow::Borrowed(link);
    };
    // `path` is `/<segment>/...` (or `/<segment>` alone).
    let Some(after_slash) = path.strip_prefix('/') else {
        return Cow::Borrowed(link);
    };
    let segment_end = after_slash
        .find(['/', '?', '#'])
        .unwrap_or(after_slash.len());
    if !is_locale_tag(&after_slash[..segment_end]) {
        return Cow::Borrowed(link);
    }
    let rest = &after_slash[segment_end..];
    let rest = if rest.is_empty() { "/" } else { rest };
    Cow::Owned(format!("{site}{rest}"))
}

/// A locale tag as these sites write it in a path, in any case: a
/// language of two or three letters, a script of four letters if any, and
/// a region of two letters or three digits (`en-us`, `he-IL`,
/// `sr-latn-rs`, `es-419`). A bare language (`/de/`) is not taken for
/// one: it is as likely a folder's name.
fn is_locale_tag(segment: &str) -> bool {
    let parts: Vec<&str> = segment.split('-').collect();
    let letters = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
    };
    let region =
        |s: &str| letters(s, 2..=2) || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()));
    match parts.as_slice() {
        [language, region_] => letters(language, 2..=3) && region(region_),
        [language, script, region_] => {
            letters(language, 2..=3) && letters(script, 4..=4) && region(region_)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_of_a_localized_site_or_a_site_relative_link_is_left_out() {
        let page = "https://learn.microsoft.com/windows/win32/secauthz/access-control";
        for link in [
            "https://learn.microsoft.com/en-us/windows/win32/secauthz/access-control",
            "https://learn.microsoft.com/ar-sa/windows/win32/secauthz/access-control",
            "https://learn.microsoft.com/he-IL/windows/win32/secauthz/access-control",
            "https://learn.microsoft.com/sr-latn-rs/windows/win32/secauthz/access-control",
            "https://learn.microsoft.com/es-419/windows/win32/secauthz/access-control",
            page,
        ] {
            assert_eq!(without_locale(link), page, "{link}");
        }
        assert_eq!(
            without_locale("https://docs.microsoft.com/de-de/"),
            "https://docs.microsoft.com/"
        );
        assert_eq!(
            without_locale("https://docs.microsoft.com/zh-cn"),
            "https://docs.microsoft.com/"
        );
        assert_eq!(
            without_locale("https://Learn.Microsoft.com/EN-US/windows"),
            "https://Learn.Microsoft.com/windows"
        );
        assert_eq!(without_locale("/he-il/windows/win32/x"), "/windows/win32/x");
        assert_eq!(without_locale("/windows/win32/x"), "/windows/win32/x");
    }

    #[test]
    fn other_links_and_other_segments_are_kept() {
        for link in [
            // Another site: its paths are its own.
            "https://example.com/en-us/windows/x",
            "https://learn.microsoft.com.evil.example/en-us/x",
            // A folder, not a locale.
            "https://learn.microsoft.com/windows/en-us",
            "https://learn.microsoft.com/de/windows/x",
            "https://learn.microsoft.com/windows-server/x",
            "https://learn.microsoft.com/a-b-c-d/x",
            "//cdn.example.com/en-us/x",
            "../en-us/x",
            "#en-us",
        ] {
            assert_eq!(without_locale(link), link);
        }
    }
}
