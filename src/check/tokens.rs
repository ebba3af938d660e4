//! Protected tokens: the parts of a description that must survive
//! translation unchanged (identifiers, wildcards, numbers, hex codes, URLs,
//! link targets, inline code), and the words used to compare descriptions.

mod links;
mod numbers;

use std::borrow::Cow;

use crate::ingest::text::is_identifier_char;

pub use links::without_locale;
pub use numbers::{Number, numbers, unmatched as unmatched_numbers};

/// What must survive the translation of a description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protected<'a> {
    /// Its identifiers, wildcards, hex codes, URLs, link targets and inline
    /// code, sorted by key, so that two lists compare as multisets.
    pub tokens: Vec<Token<'a>>,
    /// Its numbers, in text order: compared as values, which a locale
    /// writes in its own way (see [`unmatched_numbers`]).
    pub numbers: Vec<Number<'a>>,
}

/// A protected token other than a number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Token<'a> {
    /// What is compared: a hex code in upper case, a link without the
    /// locale of its path ([`without_locale`]), inline code in its
    /// backticks, anything else as written.
    pub key: Cow<'a, str>,
    /// The token as written, where that is not the key (a link with its
    /// locale), to show it as the description has it.
    pub written: Option<&'a str>,
}

impl<'a> Token<'a> {
    fn new(key: impl Into<Cow<'a, str>>) -> Self {
        Token {
            key: key.into(),
            written: None,
        }
    }

    /// A URL or link target, compared without its locale.
    fn link(link: &'a str) -> Self {
        match without_locale(link) {
            Cow::Owned(key) => Token {
                key: Cow::Owned(key),
                written: Some(link),
            },
            Cow::Borrowed(key) => Token::new(key),
        }
    }

    /// The token as the description shows it.
    pub fn shown(&self) -> &str {
        self.written.unwrap_or(&self.key)
    }
}

/// The protected tokens of a description: from its plain text (where
/// `&#42;`, `\*` and `*` are one character and bold is gone) and its
/// Markdown (for link targets and inline code). Tokens borrow from the
/// text where they can: this runs on every description of every
/// translation.
pub fn protected_tokens<'a>(text: &'a str, markdown: &'a str) -> Protected<'a> {
    // Every character a token starts with or continues with is ASCII, so
    // the scan can go byte by byte: a byte of a multi-byte character is
    // never one of them, as the character itself would not be.
    let is_identifier_byte = |b: u8| is_identifier_char(char::from(b));
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !is_identifier_byte(bytes[i - 1]) && bytes[i - 1] != b'.';
        if !starts_word || !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < bytes.len()
            && (is_identifier_byte(bytes[end])
                || (bytes[end] == b'.'
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
                    && bytes[i].is_ascii_digit()))
        {
            end += 1;
        }
        // A wildcard identifier: OM_E_PT_SOAP_*.
        if bytes[end - 1] == b'_' && bytes.get(end) == Some(&b'*') {
            end += 1;
        }
        let word = glued_identifier(&text[i..end]);
        let is_hex = word.len() > 2 && (word.starts_with("0x") || word.starts_with("0X"));
        let is_identifier = word.contains('_') && word.bytes().any(|b| b.is_ascii_uppercase());
        if is_hex {
            tokens.push(Token::new(word.to_ascii_uppercase()));
        } else if is_identifier {
            tokens.push(Token::new(word));
        }
        i = end.max(i + 1);
    }
    tokens.extend(urls(text).map(Token::link));
    tokens.extend(link_targets(markdown).into_iter().map(Token::link));
    tokens.extend(inline_code(markdown).map(Token::new));
    tokens.sort();
    // A URL written as its own link text is one link.
    tokens.dedup_by(|a, b| a.key == b.key && a.key.starts_with("http"));
    Protected {
        tokens,
        numbers: numbers(text),
    }
}

/// An upper-case identifier with a lower-case word glued to its end, as a
/// bold identifier renders when the space after it is missing
/// (`**SIP_SUBJECTINFO**structure`): the identifier alone. Other words are
/// returned as they are.
fn glued_identifier(word: &str) -> &str {
    let Some(last_part) = word.rsplit('_').next() else {
        return word;
    };
    let bytes = last_part.as_bytes();
    let upper = bytes
        .iter()
        .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        .count();
    let rest = &bytes[upper..];
    if upper >= 2
        && !rest.is_empty()
        && rest.iter().all(u8::is_ascii_lowercase)
        && word.contains('_')
    {
        &word[..word.len() - rest.len()]
    } else {
        word
    }
}

fn urls(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
        .map(|w| w.trim_end_matches(['.', ',', ')', ';']))
}

/// Targets of Markdown links `[text](target)`.
pub fn link_targets(markdown: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = markdown;
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let Some(end) = after.find(')') else { break };
        let target = after[..end].split_whitespace().next().unwrap_or("");
        if !target.is_empty() {
            out.push(target);
        }
        rest = &after[end..];
    }
    out
}

fn inline_code(markdown: &str) -> impl Iterator<Item = String> {
    markdown
        .split('`')
        .enumerate()
        .filter(|(i, part)| i % 2 == 1 && !part.is_empty())
        .map(|(_, part)| format!("`{part}`"))
}

/// The text of the bold spans in Markdown, in order, read by pulldown-cmark
/// so that `**OM_E_PT_SOAP_***` (a wildcard in bold) and
/// `**OM_E_PT_SOAP_&#42;**` read alike.
pub fn bold_spans(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    if !markdown.contains("**") && !markdown.contains("__") {
        return Vec::new();
    }
    let mut spans: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    let mut just_closed = false;
    for event in Parser::new(markdown) {
        // CommonMark reads `**OM_E_PT_SOAP_***` as bold `OM_E_PT_SOAP_`
        // followed by `*`: the writer meant the wildcard in bold.
        if just_closed
            && let Event::Text(t) = &event
            && t.starts_with('*')
            && let Some(last) = spans.last_mut()
            && last.ends_with('_')
        {
            last.push('*');
        }
        just_closed = matches!(event, Event::End(TagEnd::Strong));
        match event {
            Event::Start(Tag::Strong) => depth += 1,
            Event::End(TagEnd::Strong) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let text = std::mem::take(&mut current);
                    if !text.trim().is_empty() {
                        spans.push(text.trim().to_string());
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if depth > 0 => current.push_str(&t),
            _ => {}
        }
    }
    spans
}

/// Words that say little about a description's meaning (a `match`, which
/// compiles to a test of the length and a few comparisons: this runs on
/// every word of every description).
fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an" | "the" | "of" | "to" | "is" | "was" | "were" | "be" | "been" | "in" | "for"
            | "and" | "or" | "by" | "on" | "that" | "this" | "with" | "it" | "as" | "at"
            | "from" | "are" | "not" | "no" | "any" | "can" | "could" | "cannot" | "has"
            | "have" | "had" | "will" | "would" | "which" | "there" | "its" | "another"
            | "other" | "some" | "same" | "because" | "due" | "if" | "but" | "so" | "than"
            // Boilerplate of these pages: "Same as HTTP status 401", "error code".
            | "http" | "status" | "error" | "code"
    )
}

/// Words the pages use for one another.
const SYNONYMS: &[(&str, &str)] = &[("reboot", "restart"), ("remov", "uninstall")];

/// The content words of an English description, lightly stemmed
/// ("cancelled", "canceled" and "cancel" are one word). The check uses
/// [`each_content_word`]; this set is for tests.
#[cfg(test)]
pub fn content_words(text: &str) -> std::collections::BTreeSet<String> {
    let mut words = std::collections::BTreeSet::new();
    each_content_word(text, |w| {
        words.insert(w.to_string());
    });
    words
}

/// Calls `f` with each content word of an English description, lower case
/// and lightly stemmed ("cancelled", "canceled" and "cancel" are one word),
/// repeats included. One buffer for all words: this runs over every
/// description of a corpus.
pub fn each_content_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    for raw in words(text) {
        word.clear();
        if raw.is_ascii() {
            word.push_str(raw);
            word.make_ascii_lowercase();
        } else {
            // Whole-string lower case, which knows a word-final Σ is ς.
            word.push_str(&raw.to_lowercase());
        }
        if word.len() <= 2 || is_stop_word(&word) || word.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let stemmed = stem(&word);
        f(SYNONYMS
            .iter()
            .find(|(from, _)| *from == stemmed)
            .map_or(stemmed, |(_, to)| to));
    }
}

/// The words of `text`: its maximal runs of alphanumeric characters, as
/// splitting at every other character gives them, without the empty pieces.
/// ASCII is tested byte by byte; only other characters are decoded.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    // The character at byte `i` (a boundary) and its length.
    let char_at = move |i: usize| -> (bool, usize) {
        match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
            _ => text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            if i >= bytes.len() {
                return None;
            }
            let (alphanumeric, len) = char_at(i);
            if alphanumeric {
                break;
            }
            i += len;
        }
        let start = i;
        while i < bytes.len() {
            let (alphanumeric, len) = char_at(i);
            if !alphanumeric {
                break;
            }
            i += len;
        }
        Some(&text[start..i])
    })
}

fn stem(word: &str) -> &str {
    let mut w = word;
    for suffix in ["ations", "ation", "ing", "ed", "es", "s"] {
        if w.len() > suffix.len() + 3
            && let Some(rest) = w.strip_suffix(suffix)
        {
            w = rest;
            break;
        }
    }
    // "cancelled" and "canceled" are one word.
    w.strip_suffix("ll").map_or(w, |rest| &w[..rest.len() + 1])
}

/// Jaccard similarity of two sorted, duplicate-free lists of word ids.
pub fn id_similarity(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    if union == 0 {
        return 1.0;
    }
    shared as f64 / union as f64
}

/// Whole numbers of three or more digits (HTTP statuses, Win32 codes), the
/// numbers that two descriptions of one code must agree on.
pub fn significant_numbers(text: &str) -> Vec<u32> {
    // Runs of digits and dots, found byte by byte (both are ASCII, so a
    // run never splits a character).
    let bytes = text.as_bytes();
    let is_part = |b: u8| b.is_ascii_digit() || b == b'.';
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !is_part(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_part(bytes[i]) {
            i += 1;
        }
        runs.push(&text[start..i]);
    }
    let mut numbers: Vec<u32> = runs
        .into_iter()
        .map(|w| w.trim_matches('.'))
        .filter(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_digit()))
        .filter_map(|w| w.parse().ok())
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys of a description's tokens, and its numbers as written.
    fn keys<'a>(text: &'a str, markdown: &'a str) -> (Vec<String>, Vec<&'a str>) {
        let protected = protected_tokens(text, markdown);
        (
            protected.tokens.iter().map(|t| t.key.to_string()).collect(),
            protected.numbers.iter().map(|n| n.written).collect(),
        )
    }

    #[test]
    fn tokens_survive_markup_differences() {
        let source = keys(
            "Same as SOAPCLIENT_SOAPFAULT. A fault of OM_E_PT_SOAP_* error code type, HTTP 1.1 and 500.",
            "Same as **SOAPCLIENT_SOAPFAULT**. A fault of **OM_E_PT_SOAP_&#42;** error code type, HTTP 1.1 and 500.",
        );
        assert_eq!(
            source,
            (
                vec!["OM_E_PT_SOAP_*".to_string(), "SOAPCLIENT_SOAPFAULT".into()],
                vec!["1.1", "500"]
            )
        );
        let translated = keys(
            "与 SOAPCLIENT_SOAPFAULT 相同。OM_E_PT_SOAP_* 错误，HTTP 1.1 和 500。",
            "与 **SOAPCLIENT_SOAPFAULT** 相同。**OM_E_PT_SOAP_\\*** 错误，HTTP 1.1 和 500。",
        );
        assert_eq!(source, translated);
        assert_eq!(
            keys(
                "See [list](https://example.com/a) at 0x80cf0001.",
                "See [list](https://example.com/a) at 0x80cf0001."
            ),
            (
                vec!["0X80CF0001".to_string(), "https://example.com/a".into()],
                vec![]
            )
        );
    }

    #[test]
    fn links_are_compared_without_their_locale_and_shown_as_written() {
        let link = "https://learn.microsoft.com/he-il/windows/win32/x";
        let protected = protected_tokens(
            "",
            "ראה [בקרת גישה](https://learn.microsoft.com/he-il/windows/win32/x) ו-[עוד](/he-il/windows/y).",
        );
        let keys: Vec<&str> = protected.tokens.iter().map(|t| t.key.as_ref()).collect();
        assert_eq!(
            keys,
            ["/windows/y", "https://learn.microsoft.com/windows/win32/x"]
        );
        assert_eq!(protected.tokens[1].shown(), link);
    }

    #[test]
    fn identifiers_glued_to_a_word_are_cut() {
        assert_eq!(
            glued_identifier("SIP_SUBJECTINFOstructure"),
            "SIP_SUBJECTINFO"
        );
        assert_eq!(
            glued_identifier("ERROR_INSTALL_INVALID_Paket"),
            "ERROR_INSTALL_INVALID_Paket"
        );
        assert_eq!(glued_identifier("OM_E_PT_SOAP_*"), "OM_E_PT_SOAP_*");
        assert_eq!(glued_identifier("Error_Invalid_Name"), "Error_Invalid_Name");
        assert_eq!(
            keys(
                "the SIP_SUBJECTINFOstructure",
                "the **SIP_SUBJECTINFO**structure"
            )
            .0,
            vec!["SIP_SUBJECTINFO"]
        );
    }

    #[test]
    fn words_are_the_non_empty_alphanumeric_runs() {
        for text in [
            "",
            "...",
            "The agent, (WU_E_NO_SERVICE) failed: 0x80240001!",
            "Der Dienst ist nicht verfügbar — Größe: 5 MB.",
            "代理无法提供服务。Agent 服务",
            "  leading and trailing  ",
        ] {
            let expected: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words(text).collect::<Vec<_>>(), expected, "{text}");
        }
    }

    #[test]
    fn bold_and_words_and_numbers() {
        assert_eq!(
            bold_spans("Same as **HTTP status 500**. See **OM_E_PT_&#42;**."),
            vec!["HTTP status 500", "OM_E_PT_*"]
        );
        assert_eq!(
            significant_numbers("Http status 501 - HTTP 1.1, 2^31 - 1"),
            vec![501]
        );
        assert_eq!(
            significant_numbers("Same as **HTTP status 500**. More."),
            vec![500]
        );
        assert_eq!(
            bold_spans("another **OM_E_AU &#42;** code"),
            vec!["OM_E_AU *"]
        );
        assert_eq!(
            bold_spans("发生了 **OM_E_PT_SOAP_*** 错误"),
            vec!["OM_E_PT_SOAP_*"]
        );
        assert_eq!(
            bold_spans("of **OM_E_PT_SOAP_&#42;** error"),
            vec!["OM_E_PT_SOAP_*"]
        );
        let a = content_words("The operation was canceled.");
        let b = content_words("Call has been cancelled.");
        assert!(a.contains("cancel") && b.contains("cancel"), "{a:?} {b:?}");
        assert_eq!(content_words("ΑΡΧΕΙΟΣ αρχειος").len(), 1);
    }
}
