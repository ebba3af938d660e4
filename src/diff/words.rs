//! Word-by-word differences between two descriptions.
//!
//! Text is cut into tokens: a run of letters and digits is one word in
//! alphabetic scripts, every Han, kana or Hangul character is a token of its
//! own (those scripts do not separate words with spaces), every punctuation
//! mark is one token, and a run of white space is one token. The token
//! sequences are compared with `similar`'s Myers diff, then tidied: white
//! space alone between two changes joins them, so `a b c` -> `x y z` reads
//! as one replacement rather than three.

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// Above this many tokens on either side, the texts are compared by their
/// common start and end only, keeping the cost linear for any input (a
/// description is a table cell: a few dozen words).
const MAX_TOKENS: usize = 4_000;

/// What a segment of a word diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// Text present before and after.
    Equal,
    /// Text present only before.
    Deleted,
    /// Text present only after.
    Inserted,
}

/// One piece of a word diff: a slice of the old text (`Equal`, `Deleted`)
/// or of the new text (`Inserted`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Segment<'t> {
    /// Equal, deleted or inserted.
    #[serde(rename = "op")]
    pub kind: SegmentKind,
    /// The text.
    pub text: &'t str,
}

/// True for characters of scripts written without spaces between words,
/// compared one character at a time: Han (with its extensions and
/// compatibility forms), Hiragana, Katakana, Hangul, Bopomofo, and the CJK
/// and full-width punctuation written with them.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF      // Hangul Jamo
        | 0x2E80..=0x2FDF    // CJK radicals, Kangxi radicals
        | 0x3000..=0x30FF    // CJK symbols and punctuation, Hiragana, Katakana
        | 0x3100..=0x31FF    // Bopomofo, Hangul compatibility Jamo, Katakana extensions
        | 0x3400..=0x4DBF    // Han extension A
        | 0x4E00..=0x9FFF    // Han
        | 0xA960..=0xA97F    // Hangul Jamo extended A
        | 0xAC00..=0xD7FF    // Hangul syllables, Jamo extended B
        | 0xF900..=0xFAFF    // Han compatibility
        | 0xFE30..=0xFE4F    // CJK compatibility forms
        | 0xFF00..=0xFFEF    // half- and full-width forms
        | 0x20000..=0x3FFFF  // Han extensions B and later
    )
}

/// The class of a character for tokenizing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Word,
    /// A token of one character: punctuation, a CJK character.
    Single,
}

fn class(c: char) -> Class {
    if c.is_whitespace() {
        Class::Space
    } else if c.is_ascii() {
        if c.is_ascii_alphanumeric() || c == '_' {
            Class::Word
        } else {
            Class::Single
        }
    } else if is_cjk(c) {
        Class::Single
    } else if c.is_alphanumeric() || matches!(c as u32, 0x0300..=0x036F) {
        // Letters of alphabetic scripts, and combining accents, which
        // belong to the letter before them.
        Class::Word
    } else {
        Class::Single
    }
}

/// Cuts `text` into tokens (see the module documentation). The tokens,
/// joined, are `text`.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len() / 3 + 1);
    let mut start = 0;
    let mut current: Option<Class> = None;
    for (i, c) in text.char_indices() {
        let this = class(c);
        if let Some(previous) = current {
            if this != previous || this == Class::Single {
                out.push(&text[start..i]);
                start = i;
            }
        }
        current = Some(this);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// A run of tokens: `[start, end)` in the old and the new token lists.
#[derive(Clone, Copy)]
struct Run {
    equal: bool,
    old: (usize, usize),
    new: (usize, usize),
}

/// The word diff of `old` and `new`: segments in reading order, each change
/// a deletion followed by an insertion. Equal texts give one `Equal`
/// segment (none for two empty texts).
pub fn diff_words<'t>(old: &'t str, new: &'t str) -> Vec<Segment<'t>> {
    if old == new {
        return if old.is_empty() {
            Vec::new()
        } else {
            vec![Segment {
                kind: SegmentKind::Equal,
                text: old,
            }]
        };
    }
    let old_tokens = tokens(old);
    let new_tokens = tokens(new);
    let runs = tidy(token_runs(&old_tokens, &new_tokens), &old_tokens);
    segments(old, new, &old_tokens, &new_tokens, &runs)
}

/// The diff of two token lists as runs, alternating between equal and
/// changed.
fn token_runs(old: &[&str], new: &[&str]) -> Vec<Run> {
    if old.len() > MAX_TOKENS || new.len() > MAX_TOKENS {
        return prefix_suffix_runs(old, new);
    }
    let mut runs: Vec<Run> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (equal, old_range, new_range) = match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (
                true,
                (old_index, old_index + len),
                (new_index, new_index + len),
            ),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (
                false,
                (old_index, old_index + old_len),
                (new_index, new_index),
            ),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (
                false,
                (old_index, old_index),
                (new_index, new_index + new_len),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                false,
                (old_index, old_index + old_len),
                (new_index, new_index + new_len),
            ),
        };
        push_run(&mut runs, equal, old_range, new_range);
    }
    runs
}

/// Appends a run, merging it into the last one when both are equal or
/// both are changes (the ranges are contiguous).
fn push_run(runs: &mut Vec<Run>, equal: bool, old: (usize, usize), new: (usize, usize)) {
    if old.0 == old.1 && new.0 == new.1 {
        return;
    }
    if let Some(last) = runs.last_mut() {
        if last.equal == equal {
            last.old.1 = old.1;
            last.new.1 = new.1;
            return;
        }
    }
    runs.push(Run { equal, old, new });
}

/// Common start, one change, common end: linear, for very long texts.
fn prefix_suffix_runs(old: &[&str], new: &[&str]) -> Vec<Run> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let mut runs = Vec::with_capacity(3);
    push_run(&mut runs, true, (0, prefix), (0, prefix));
    push_run(
        &mut runs,
        false,
        (prefix, old.len() - suffix),
        (prefix, new.len() - suffix),
    );
    push_run(
        &mut runs,
        true,
        (old.len() - suffix, old.len()),
        (new.len() - suffix, new.len()),
    );
    runs
}

/// Joins two changes separated only by white space into one change.
fn tidy(runs: Vec<Run>, old_tokens: &[&str]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for (i, run) in runs.iter().enumerate() {
        let between_changes = run.equal
            && i > 0
            && i + 1 < runs.len()
            && old_tokens[run.old.0..run.old.1]
                .iter()
                .all(|t| t.chars().all(char::is_whitespace));
        push_run(&mut out, run.equal && !between_changes, run.old, run.new);
    }
    out
}

fn segments<'t>(
    old: &'t str,
    new: &'t str,
    old_tokens: &[&str],
    new_tokens: &[&str],
    runs: &[Run],
) -> Vec<Segment<'t>> {
    let offsets = |tokens: &[&str]| -> Vec<usize> {
        let mut offsets = Vec::with_capacity(tokens.len() + 1);
        let mut at = 0;
        offsets.push(0);
        for token in tokens {
            at += token.len();
            offsets.push(at);
        }
        offsets
    };
    let old_at = offsets(old_tokens);
    let new_at = offsets(new_tokens);
    let mut out = Vec::with_capacity(runs.len() + 1);
    let mut push = |kind, text: &'t str| {
        if !text.is_empty() {
            out.push(Segment { kind, text });
        }
    };
    for run in runs {
        let old_text = &old[old_at[run.old.0]..old_at[run.old.1]];
        if run.equal {
            push(SegmentKind::Equal, old_text);
        } else {
            push(SegmentKind::Deleted, old_text);
            push(
                SegmentKind::Inserted,
                &new[new_at[run.new.0]..new_at[run.new.1]],
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s.kind {
                SegmentKind::Equal => s.text.to_string(),
                SegmentKind::Deleted => format!("[-{}-]", s.text),
                SegmentKind::Inserted => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    #[test]
    fn words_and_punctuation_are_tokens() {
        assert_eq!(
            tokens("The agent's WU_E_X failed."),
            [
                "The", " ", "agent", "'", "s", " ", "WU_E_X", " ", "failed", "."
            ]
        );
    }

    #[test]
    fn cjk_characters_are_tokens_of_their_own() {
        assert_eq!(
            tokens("代理无法 OK。"),
            ["代", "理", "无", "法", " ", "OK", "。"]
        );
        assert_eq!(tokens("한국어"), ["한", "국", "어"]);
        assert_eq!(tokens("カタカナ"), ["カ", "タ", "カ", "ナ"]);
    }

    #[test]
    fn accented_words_stay_whole() {
        assert_eq!(
            tokens("Kan inte utföras"),
            ["Kan", " ", "inte", " ", "utföras"]
        );
        assert_eq!(tokens("e\u{301}te"), ["e\u{301}te"]);
    }

    #[test]
    fn a_reworded_phrase_is_one_change() {
        let d = diff_words(
            "The agent could not provide the service.",
            "The agent cannot provide the service.",
        );
        assert_eq!(
            show(&d),
            "The agent [-could not-]{+cannot+} provide the service."
        );
    }

    #[test]
    fn white_space_between_changes_joins_them() {
        assert_eq!(show(&diff_words("a b c", "x y z")), "[-a b c-]{+x y z+}");
    }

    #[test]
    fn cjk_changes_are_by_character() {
        assert_eq!(
            show(&diff_words("代理无法提供服务。", "代理不能提供服务。")),
            "代理[-无法-]{+不能+}提供服务。"
        );
    }

    #[test]
    fn segments_rebuild_both_texts() {
        let (old, new) = ("Ein Fehler ist aufgetreten.", "Ein neuer Fehler trat auf!");
        let d = diff_words(old, new);
        let rebuilt = |skip| -> String {
            d.iter()
                .filter(|s| s.kind != skip)
                .map(|s| s.text)
                .collect()
        };
        assert_eq!(rebuilt(SegmentKind::Inserted), old);
        assert_eq!(rebuilt(SegmentKind::Deleted), new);
    }

    #[test]
    fn equal_and_empty_texts() {
        assert_eq!(show(&diff_words("same", "same")), "same");
        assert!(diff_words("", "").is_empty());
        assert_eq!(show(&diff_words("", "new")), "{+new+}");
    }

    #[test]
    fn very_long_texts_stay_linear() {
        let half = "word ".repeat(2_500);
        let old = format!("{half}{half}");
        let new = format!("{half}inserted {half}");
        let d = diff_words(&old, &new);
        let kinds: Vec<SegmentKind> = d.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SegmentKind::Equal,
                SegmentKind::Inserted,
                SegmentKind::Equal
            ]
        );
        assert_eq!(d[1].text, "inserted ");
    }
}
