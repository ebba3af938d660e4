//! Facts about symbolic names that several stages use: which names stand
//! for "no name", the HTTP statuses that `HTTP_STATUS_*` names mean, and
//! names written with characters that only look like ASCII.

/// Names that stand for "no name".
const PLACEHOLDERS: &[&str] = &[
    "NULL", "NONE", "N/A", "NA", "TBD", "TODO", "-", "?", "UNKNOWN",
];

/// True when `name` is empty or a placeholder (`NULL`, `N/A`, ...).
pub fn is_placeholder_name(name: &str) -> bool {
    let name = name.trim();
    name.is_empty() || PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(name))
}

/// HTTP status constants of winhttp.h (`HTTP_STATUS_*`), by name suffix.
const HTTP_STATUS: &[(&str, u32)] = &[
    ("CONTINUE", 100),
    ("SWITCH_PROTOCOLS", 101),
    ("OK", 200),
    ("CREATED", 201),
    ("ACCEPTED", 202),
    ("PARTIAL", 203),
    ("NO_CONTENT", 204),
    ("RESET_CONTENT", 205),
    ("PARTIAL_CONTENT", 206),
    ("AMBIGUOUS", 300),
    ("MOVED", 301),
    ("REDIRECT", 302),
    ("REDIRECT_METHOD", 303),
    ("NOT_MODIFIED", 304),
    ("USE_PROXY", 305),
    ("REDIRECT_KEEP_VERB", 307),
    ("BAD_REQUEST", 400),
    ("DENIED", 401),
    ("PAYMENT_REQ", 402),
    ("FORBIDDEN", 403),
    ("NOT_FOUND", 404),
    ("BAD_METHOD", 405),
    ("NONE_ACCEPTABLE", 406),
    ("PROXY_AUTH_REQ", 407),
    ("REQUEST_TIMEOUT", 408),
    ("CONFLICT", 409),
    ("GONE", 410),
    ("LENGTH_REQUIRED", 411),
    ("PRECOND_FAILED", 412),
    ("REQUEST_TOO_LARGE", 413),
    ("URI_TOO_LONG", 414),
    ("UNSUPPORTED_MEDIA", 415),
    ("RETRY_WITH", 449),
    ("SERVER_ERROR", 500),
    ("NOT_SUPPORTED", 501),
    ("BAD_GATEWAY", 502),
    ("SERVICE_UNAVAIL", 503),
    ("GATEWAY_TIMEOUT", 504),
    ("VERSION_NOT_SUP", 505),
];

/// The HTTP status a name such as `WU_E_PT_HTTP_STATUS_NOT_SUPPORTED`
/// stands for, from winhttp.h: the name part after `HTTP_STATUS_` and its
/// number.
pub fn http_status_of(name: &str) -> Option<(&str, u32)> {
    let (_, suffix) = name.split_once("HTTP_STATUS_")?;
    HTTP_STATUS
        .iter()
        .find(|(n, _)| *n == suffix)
        .map(|(n, v)| (*n, *v))
}

/// What kind of character stands where a name has an ASCII one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookalike {
    /// A full-width form (`Ｅ`, `＿`), as CJK input methods type it: the
    /// same letter to Unicode (NFKC reads it as ASCII).
    FullWidth,
    /// A letter of another script that looks like a Latin one: Cyrillic
    /// `Е` (U+0415), Greek `Ι` (U+0399). Another letter to Unicode.
    Homoglyph(&'static str),
    /// A bidirectional control (a right-to-left override U+202E, a
    /// left-to-right mark U+200E): not seen, and it reorders what follows
    /// it on screen, but the name is another string to search and to a
    /// compiler. It stands for nothing: the name reads without it.
    Invisible,
}

/// The bidirectional controls: marks (U+200E, U+200F, U+061C), embeddings
/// and overrides (U+202A to U+202E), isolates (U+2066 to U+2069). Cell
/// text keeps them (in an Arabic or Hebrew description they order the
/// words), so a name cell keeps them too, unlike the zero-width spaces and
/// joiners that cell text leaves out.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// A name written with characters that only look like ASCII.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookalikeName {
    /// The name as it reads: each look-alike as its ASCII letter, digit or
    /// underscore.
    pub ascii: String,
    /// The first look-alike, its 1-based position in the name (in
    /// characters) and its kind.
    pub first: (char, usize, Lookalike),
    /// How many characters are look-alikes.
    pub count: usize,
    /// True when some of them are letters of another script, which
    /// Unicode does not take for the Latin ones (a confusable, not a form).
    pub homoglyphs: bool,
    /// How many of them are bidirectional controls, left out of
    /// [`LookalikeName::ascii`].
    pub invisible: usize,
}

/// The ASCII character `c` looks like, and how it differs; `None` for
/// ASCII and for characters that look like no ASCII one. (Invisible
/// characters are no look-alikes: cell text leaves them out, and the
/// dataset records their removal.)
pub fn ascii_lookalike(c: char) -> Option<(char, Lookalike)> {
    let latin = match c {
        // Full-width digits, letters and the low line, by their offset
        // from ASCII (as `fold_number_forms` folds digits and hex letters).
        '\u{FF10}'..='\u{FF19}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF3F}'
        | '\u{FF41}'..='\u{FF5A}' => {
            return char::from_u32(u32::from(c) - 0xFEE0).map(|a| (a, Lookalike::FullWidth));
        }
        // Cyrillic letters drawn as Latin ones.
        'А' | 'а' => ('A', 'a', "Cyrillic"),
        'В' => ('B', 'B', "Cyrillic"),
        'Е' | 'е' => ('E', 'e', "Cyrillic"),
        'К' => ('K', 'K', "Cyrillic"),
        'М' => ('M', 'M', "Cyrillic"),
        'Н' => ('H', 'H', "Cyrillic"),
        'О' | 'о' => ('O', 'o', "Cyrillic"),
        'Р' | 'р' => ('P', 'p', "Cyrillic"),
        'С' | 'с' => ('C', 'c', "Cyrillic"),
        'Т' => ('T', 'T', "Cyrillic"),
        'Х' | 'х' => ('X', 'x', "Cyrillic"),
        'Ѕ' | 'ѕ' => ('S', 's', "Cyrillic"),
        'І' | 'і' => ('I', 'i', "Cyrillic"),
        'Ј' | 'ј' => ('J', 'j', "Cyrillic"),
        'Ү' => ('Y', 'Y', "Cyrillic"),
        'у' => ('y', 'y', "Cyrillic"),
        'һ' => ('h', 'h', "Cyrillic"),
        'ԁ' => ('d', 'd', "Cyrillic"),
        // Greek capitals drawn as Latin ones, and the omicron.
        'Α' => ('A', 'A', "Greek"),
        'Β' => ('B', 'B', "Greek"),
        'Ε' => ('E', 'E', "Greek"),
        'Ζ' => ('Z', 'Z', "Greek"),
        'Η' => ('H', 'H', "Greek"),
        'Ι' => ('I', 'I', "Greek"),
        'Κ' => ('K', 'K', "Greek"),
        'Μ' => ('M', 'M', "Greek"),
        'Ν' => ('N', 'N', "Greek"),
        'Ο' | 'ο' => ('O', 'o', "Greek"),
        'Ρ' => ('P', 'P', "Greek"),
        'Τ' => ('T', 'T', "Greek"),
        'Υ' => ('Y', 'Y', "Greek"),
        'Χ' => ('X', 'X', "Greek"),
        _ => return None,
    };
    let (upper, lower, script) = latin;
    let ascii = if c.is_uppercase() { upper } else { lower };
    Some((ascii, Lookalike::Homoglyph(script)))
}

/// `name` (trimmed) when it is a name written with characters that only
/// look like ASCII: every character an ASCII letter, digit, underscore or
/// space, or one that looks like one (see [`ascii_lookalike`]), at least
/// one of them a look-alike, and at least one an ASCII or full-width one.
/// A word wholly in another script (Russian `НЕТ` in a translated page's
/// name column) is text, not a disguised name, and is `None`.
pub fn lookalike_name(name: &str) -> Option<LookalikeName> {
    let name = name.trim();
    if name.is_ascii() {
        return None;
    }
    let mut ascii = String::with_capacity(name.len());
    let mut first = None;
    let mut count = 0;
    let mut homoglyphs = false;
    let mut invisible = 0;
    let mut latin = false;
    for (at, c) in name.chars().enumerate() {
        if c.is_ascii_alphanumeric() || c == '_' || c == ' ' {
            latin |= c != ' ';
            ascii.push(c);
            continue;
        }
        if is_bidi_control(c) {
            count += 1;
            first.get_or_insert((c, at + 1, Lookalike::Invisible));
            invisible += 1;
            continue;
        }
        let (folded, kind) = ascii_lookalike(c)?;
        count += 1;
        first.get_or_insert((c, at + 1, kind));
        match kind {
            Lookalike::FullWidth => latin = true,
            Lookalike::Homoglyph(_) => homoglyphs = true,
            Lookalike::Invisible => {}
        }
        ascii.push(folded);
    }
    let first = first?;
    // The name as it reads is trimmed again: a mark before or after it
    // (`\u{200E}E_FAIL`) stood where the trim did not reach.
    let ascii = ascii.trim().to_string();
    latin.then_some(LookalikeName {
        ascii,
        first,
        count,
        homoglyphs,
        invisible,
    })
}

/// True when a translated name and its source row's differ, but read
/// alike once the look-alike characters of either are read as ASCII: the
/// difference is then this rule's to report, on the side that has them.
pub fn differs_only_in_lookalikes(written: &str, expected: &str) -> bool {
    let read = |name: &str| lookalike_name(name).map(|name| name.ascii);
    let (written_read, expected_read) = (read(written), read(expected));
    (written_read.is_some() || expected_read.is_some())
        && written_read
            .as_deref()
            .unwrap_or(written.trim())
            .eq_ignore_ascii_case(expected_read.as_deref().unwrap_or(expected.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_http_statuses() {
        assert!(is_placeholder_name(" n/a "));
        assert!(is_placeholder_name(""));
        assert!(!is_placeholder_name("ERROR_SUCCESS"));
        assert_eq!(
            http_status_of("WU_E_PT_HTTP_STATUS_NOT_SUPPORTED"),
            Some(("NOT_SUPPORTED", 501))
        );
        assert_eq!(
            http_status_of("OM_E_PT_HTTP_STATUS_GATEWAY_TIMEOUT"),
            Some(("GATEWAY_TIMEOUT", 504))
        );
        assert_eq!(http_status_of("OM_E_NO_SERVICE"), None);
    }

    #[test]
    fn names_in_lookalike_characters_read_as_ascii() {
        let full = lookalike_name(" ＥＲＲＯＲ_ＡＣＣＥＳＳ ").expect("full-width");
        assert_eq!(full.ascii, "ERROR_ACCESS");
        assert_eq!(full.first, ('Ｅ', 1, Lookalike::FullWidth));
        assert_eq!((full.count, full.homoglyphs), (11, false));
        let low_line = lookalike_name("E＿FAIL").expect("full-width low line");
        assert_eq!((low_line.ascii.as_str(), low_line.first.1), ("E_FAIL", 2));
        let cyrillic = lookalike_name("\u{415}_NOTIMPL").expect("Cyrillic");
        assert_eq!(cyrillic.ascii, "E_NOTIMPL");
        assert_eq!(cyrillic.first.2, Lookalike::Homoglyph("Cyrillic"));
        assert!(cyrillic.homoglyphs);
        let greek = lookalike_name("E_NO\u{399}NTERFACE").expect("Greek");
        assert_eq!(greek.ascii, "E_NOINTERFACE");
        // Bidirectional controls: left out, in a name or around it.
        let overridden = lookalike_name("WU_E_TOO\u{202E}MANY_RANGES").expect("override");
        assert_eq!(overridden.ascii, "WU_E_TOOMANY_RANGES");
        assert_eq!(overridden.first, ('\u{202E}', 9, Lookalike::Invisible));
        assert_eq!((overridden.invisible, overridden.homoglyphs), (1, false));
        let marked = lookalike_name("\u{200E}E_FAIL\u{200E} ").expect("marks");
        assert_eq!((marked.ascii.as_str(), marked.count), ("E_FAIL", 2));
        assert_eq!(lookalike_name("\u{200F}"), None);
        assert_eq!(lookalike_name("\u{200F}خطأ"), None);
        // ASCII, words of other scripts, and text that is no name.
        for not in [
            "E_FAIL",
            "НЕТ",
            "ΟΚ",
            "Нет данных",
            "E_FAIL（旧）",
            "ERROR_ÜBER",
        ] {
            assert_eq!(lookalike_name(not), None, "{not}");
        }
    }
}
