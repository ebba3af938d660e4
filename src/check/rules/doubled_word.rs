//! `doubled-word`: a word written twice.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::ingest::text::is_ascii_space;

/// The rule.
pub static RULE: Rule = Rule {
    id: "doubled-word",
    severity: Severity::Warning,
    tags: &["description"],
    fix: Some(Applicability::Unsafe),
    summary: "A description repeats a word",
    explanation: "\"the the\" and, in Chinese or Japanese text, a word written twice in a row (\"安装安装\") are typos. Words are compared case-sensitively, so that German \"Sie sie\" (polite you, then them) is not reported.",
    bad_example: "The the update could not be installed.",
    good_example: "The update could not be installed.",
    rollup: None,
    check,
};

/// In every locale.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for row in &ctx.rows {
        let Some(cell) = row.cells.description else {
            continue;
        };
        // German capitalizes nouns and the polite "Sie": case matters.
        let case_sensitive = row.file.locale.starts_with("de");
        let grammatical = grammatical_doubles(&row.file.locale);
        let found = doubled_words_except(&cell.text, case_sensitive, grammatical);
        // A description shared by several rows (a `rowspan`) is one text,
        // reported once, in the first row that holds it.
        if found.total == 0 || row.shares_with_row_above(cell) {
            continue;
        }
        if found.total > found.words.len() {
            // Past a handful, more findings help no one, and a cell of one
            // word repeated (hostile input, or a paste gone wrong) would
            // make one each.
            out.push(
                RULE.finding(
                    cell.location.clone(),
                    format!(
                        "the description repeats words {} more times after the {} shown; check the cell as a whole",
                        found.total - found.words.len(),
                        found.words.len()
                    ),
                )
                .about(
                    row.record.map(|r| r.code.to_string()),
                    Some(row.cells.name_text()),
                ),
            );
        }
        for doubled in found.words {
            let single = single_of(&doubled);
            out.push(
                RULE.finding(
                    cell.location.clone(),
                    format!("\"{doubled}\" repeats a word; write it once"),
                )
                .about(
                    row.record.map(|r| r.code.to_string()),
                    Some(row.cells.name_text()),
                )
                .with_fix(Fix {
                    field: "description".into(),
                    from: doubled.clone(),
                    to: single,
                    confidence: Confidence::Medium,
                    applicability: Applicability::Unsafe,
                    evidence: vec!["the same word twice in a row is almost always a typo".into()],
                }),
            );
        }
    }
}

/// Words that a language writes twice in a row in good grammar: German
/// "für die die App" (the article, then the relative pronoun), French
/// "vous vous connectez", English "that that" and "had had".
fn grammatical_doubles(locale: &str) -> &'static [&'static str] {
    let language = locale.split('-').next().unwrap_or("");
    match language {
        "de" => &["die", "der", "das", "den", "dem", "des", "sie"],
        "fr" => &["nous", "vous"],
        "en" => &["that", "had"],
        "nl" => &["die", "dat"],
        _ => &[],
    }
}

/// True for Han characters (Chinese, and kanji in Japanese). Kana are left
/// out on purpose: Japanese doubles them in ordinary words (いろいろ,
/// まだまだ), as Korean does with some syllables.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Doubled words in `text`: the same word twice in a row ("The the"); and
/// in CJK text, a run of two to four characters written twice
/// ("安装安装"). With `case_sensitive` (German, where "Sie sie" is polite
/// "you" then "them"), words differing in case are not doubles.
/// The doubled words of one description: the first [`Found::LIMIT`] of
/// them, and how many there are. Memory stays bounded whatever the cell
/// holds.
#[derive(Debug, Default, PartialEq, Eq)]
struct Found {
    words: Vec<String>,
    total: usize,
    /// Words the language writes twice in good grammar: neither shown
    /// nor counted.
    allowed: &'static [&'static str],
}

impl Found {
    /// The doubled words reported one by one in a description.
    const LIMIT: usize = 10;

    fn push(&mut self, word: impl FnOnce() -> String) {
        let word = word();
        if !self.allowed.is_empty()
            && self
                .allowed
                .contains(&single_of(&word).to_lowercase().as_str())
        {
            return;
        }
        if self.words.len() < Self::LIMIT {
            self.words.push(word);
        }
        self.total += 1;
    }
}

#[cfg(test)]
fn doubled_words(text: &str, case_sensitive: bool) -> Found {
    doubled_words_except(text, case_sensitive, &[])
}

/// The doubled words of `text`, except those of `allowed`.
fn doubled_words_except(
    text: &str,
    case_sensitive: bool,
    allowed: &'static [&'static str],
) -> Found {
    let mut found = Found {
        allowed,
        ..Found::default()
    };
    // Only words separated by white space alone: "wurde, wurde" is German
    // grammar (a clause ends between them), "wurde wurde" a typo.
    if !text.is_ascii() && text.chars().any(|c| !c.is_ascii() && c.is_whitespace()) {
        doubled_pairs(text.split(char::is_whitespace), case_sensitive, &mut found);
    } else {
        // The only white space is ASCII: split at its bytes, which are
        // always character boundaries, without decoding the rest.
        let bytes = text.as_bytes();
        let ends = (0..bytes.len()).filter(|&i| is_ascii_space(bytes[i]));
        let mut start = 0;
        let pieces = ends.chain([bytes.len()]).map(|end| {
            let piece = &text[start..end];
            start = end + 1;
            piece
        });
        doubled_pairs(pieces, case_sensitive, &mut found);
    }
    if text.is_ascii() || !text.chars().any(is_cjk) {
        return found;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let mut matched = false;
        for len in (2..=4).rev() {
            if i + 2 * len <= chars.len()
                && chars[i..i + len].iter().all(|c| is_cjk(*c))
                && chars[i..i + len] == chars[i + len..i + 2 * len]
            {
                found.push(|| chars[i..i + 2 * len].iter().collect());
                i += 2 * len;
                matched = true;
                break;
            }
        }
        if !matched {
            i += 1;
        }
    }
    found
}

/// Pushes "a a" for each two neighbouring pieces that are one word twice.
fn doubled_pairs<'t>(
    pieces: impl Iterator<Item = &'t str>,
    case_sensitive: bool,
    found: &mut Found,
) {
    let mut words = pieces.peekable();
    // A word three or more times in a row ("y y y ...") is one typo, found
    // once.
    let mut in_run = false;
    while let (Some(first), Some(second)) = (words.next(), words.peek()) {
        let a = first.trim_start_matches(|c: char| !c.is_alphanumeric());
        let b = second.trim_end_matches(|c: char| !c.is_alphanumeric());
        // Cheap tests first: this runs on every pair of words of every
        // description.
        let same = if case_sensitive {
            a == b
        } else if a.is_ascii() && b.is_ascii() {
            a.eq_ignore_ascii_case(b)
        } else {
            // Whole-string lower case, which knows a word-final Σ is ς.
            // Two words whose first characters are ASCII letters that differ
            // are told apart without it.
            let first = |w: &str| {
                w.bytes()
                    .next()
                    .filter(u8::is_ascii)
                    .map(|b| b.to_ascii_lowercase())
            };
            let differ = matches!((first(a), first(b)), (Some(x), Some(y)) if x != y);
            !differ && a.to_lowercase() == b.to_lowercase()
        };
        let doubled =
            !a.is_empty() && same && a.chars().all(char::is_alphabetic) && !a.chars().any(is_cjk);
        if doubled && !in_run {
            found.push(|| format!("{a} {b}"));
        }
        in_run = doubled;
    }
}

fn single_of(doubled: &str) -> String {
    if let Some((a, _)) = doubled.split_once(' ') {
        return a.to_string();
    }
    let chars: Vec<char> = doubled.chars().collect();
    chars[..chars.len() / 2].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_split_finds_what_splitting_finds() {
        for text in [
            "The the agent",
            "the agent the agent",
            "It failed. Failed again",
            "  leading  and  double  spaces spaces ",
            "a\n\na",
            "(word word) and word, word",
            "Sie sie",
            "x",
            "",
            "The agent agent.",
        ] {
            for case_sensitive in [false, true] {
                let mut by_split = Found::default();
                doubled_pairs(
                    text.split(char::is_whitespace),
                    case_sensitive,
                    &mut by_split,
                );
                assert_eq!(doubled_words(text, case_sensitive), by_split, "{text:?}");
            }
        }
        assert_eq!(doubled_words("The the agent", false).words, ["The the"]);
        // Other scripts, with ASCII and other white space.
        for text in [
            "Die Größe größe ist",
            "wenn Sie sie  installieren",
            "Fehler\u{a0}Fehler und Fehler Fehler",
            "Uppdateringen  uppdateringen.",
        ] {
            for case_sensitive in [false, true] {
                let mut by_split = Found::default();
                doubled_pairs(
                    text.split(char::is_whitespace),
                    case_sensitive,
                    &mut by_split,
                );
                assert_eq!(doubled_words(text, case_sensitive), by_split, "{text:?}");
            }
        }
    }

    #[test]
    fn a_run_of_one_word_is_one_finding_and_a_cell_has_a_bounded_few() {
        let run = doubled_words(&"y ".repeat(100_000), false);
        assert_eq!(run.words, ["y y"]);
        assert_eq!(run.total, 1);
        assert_eq!(
            doubled_words("the the the the agent", false).words,
            ["the the"]
        );
        // Grammatical doubles are neither shown nor counted.
        let allowed =
            doubled_words_except(&"had had that that ".repeat(11), false, &["had", "that"]);
        assert_eq!((allowed.words.len(), allowed.total), (0, 0));
        let pairs: String = (0..1000).map(|i| format!("w{i} w{i} ")).collect();
        let pairs = pairs.replace(|c: char| c.is_ascii_digit(), "");
        assert_eq!(doubled_words(&pairs, false).total, 1);
        let distinct: String = (0..1000)
            .map(|i| {
                let word: String = format!("{i:04}")
                    .chars()
                    .map(|d| char::from(b'a' + d as u8 - b'0'))
                    .collect();
                format!("{word} {word} ")
            })
            .collect();
        let found = doubled_words(&distinct, false);
        assert_eq!((found.words.len(), found.total), (Found::LIMIT, 1000));
        let cjk = doubled_words(&"安装".repeat(10_000), false);
        assert_eq!(cjk.words.len(), Found::LIMIT);
    }

    #[test]
    fn finds_doubled_words_in_any_script() {
        assert_eq!(
            doubled_words("The the update", false).words,
            vec!["The the"]
        );
        assert!(
            doubled_words("wenn Sie sie installieren", true)
                .words
                .is_empty()
        );
        assert!(
            doubled_words("durchgeführt wurde, wurde abgebrochen", true)
                .words
                .is_empty()
        );
        assert_eq!(doubled_words("(the the).", false).words, vec!["the the"]);
        assert!(
            doubled_words("HTTP 1.1 1.1 version", false)
                .words
                .is_empty()
        );
        assert_eq!(
            doubled_words("无法安装安装更新", false).words,
            vec!["安装安装"]
        );
        // A word-final Σ lower-cases to ς, as in the word written in lower
        // case.
        assert_eq!(
            doubled_words("Η ΟΔΟΣ οδος είναι.", false).words,
            vec!["ΟΔΟΣ οδος"]
        );
        assert!(doubled_words("常常无法", false).words.is_empty());
        assert!(doubled_words("いろいろな更新", false).words.is_empty());
        assert_eq!(single_of("安装安装"), "安装");
        assert!(grammatical_doubles("de-DE").contains(&"die"));
        assert!(grammatical_doubles("zh-CN").is_empty());
    }
}
