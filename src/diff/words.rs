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

/// The class of each ASCII byte.
const ASCII_CLASS: [Class; 128] = {
    let mut table = [Class::Single; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_whitespace() || c == 0x0b {
            Class::Space
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            Class::Word
        } else {
            Class::Single
        };
        b += 1;
    }
    table
};

fn class(c: char) -> Class {
    if let Some(&class) = ASCII_CLASS.get(c as usize) {
        class
    } else if c.is_whitespace() {
        Class::Space
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
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 4 + 2);
    let mut start = 0;
    let mut current: Option<Class> = None;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII, most of every corpus, is classified by byte; the rest by
        // character.
        let (this, width) = match bytes[i] {
            b if b.is_ascii() => (ASCII_CLASS[usize::from(b)], 1),
            _ => match text[i..].chars().next() {
                Some(c) => (class(c), c.len_utf8()),
                None => break,
            },
        };
        if let Some(previous) = current
            && (this != previous || this == Class::Single)
        {
            out.push(&text[start..i]);
            start = i;
        }
        current = Some(this);
        i += width;
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
    // Only the part between the common start and the common end is cut
    // into tokens and compared.
    let (start, old_end, new_end) = common_ends(old, new);
    let (old_middle, new_middle) = (&old[start..old_end], &new[start..new_end]);
    let old_tokens = tokens(old_middle);
    let new_tokens = tokens(new_middle);
    let mut runs = token_runs(&old_tokens, &new_tokens);
    slide(&mut runs, &old_tokens, &new_tokens);
    let runs = tidy(runs, &old_tokens);
    let middle = segments(old_middle, new_middle, &old_tokens, &new_tokens, &runs);
    // The middle's segments between the common start and end, equal
    // segments that touch joined. `equal_end` is where the last segment
    // ends in `old` when it is an equal one.
    let mut out: Vec<Segment<'t>> = Vec::with_capacity(middle.len() + 2);
    let mut equal_end: Option<usize> = None;
    push_equal(old, &mut out, &mut equal_end, 0, start);
    for segment in middle {
        if segment.kind == SegmentKind::Equal {
            // An equal segment is a slice of `old_middle`, itself of `old`.
            let from = start + (segment.text.as_ptr() as usize - old_middle.as_ptr() as usize);
            push_equal(
                old,
                &mut out,
                &mut equal_end,
                from,
                from + segment.text.len(),
            );
        } else {
            out.push(segment);
            equal_end = None;
        }
    }
    push_equal(old, &mut out, &mut equal_end, old_end, old.len());
    out
}

/// Appends `old[from..to]` as an equal segment, joined to the last one when
/// that is an equal segment ending at `from` (`equal_end`).
fn push_equal<'t>(
    old: &'t str,
    out: &mut Vec<Segment<'t>>,
    equal_end: &mut Option<usize>,
    from: usize,
    to: usize,
) {
    if from == to {
        return;
    }
    match (*equal_end, out.last_mut()) {
        (Some(end), Some(last)) if end == from => {
            last.text = &old[from - last.text.len()..to];
        }
        _ => out.push(Segment {
            kind: SegmentKind::Equal,
            text: &old[from..to],
        }),
    }
    *equal_end = Some(to);
}

/// Where the two texts stop being the same from the start, and from the
/// end (`old_end` in `old`, `new_end` in `new`), cut only where both texts
/// have a token boundary between two ASCII characters they share, so that
/// the middles cut into the same tokens as the whole texts.
fn common_ends(old: &str, new: &str) -> (usize, usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let boundary = |before: u8, after: u8| {
        before.is_ascii()
            && after.is_ascii()
            && (ASCII_CLASS[usize::from(before)] != ASCII_CLASS[usize::from(after)]
                || ASCII_CLASS[usize::from(before)] == Class::Single)
    };
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    // A cut at k needs bytes k - 1 and k in the common part.
    let start = (1..prefix)
        .rev()
        .find(|&k| boundary(a[k - 1], a[k]))
        .unwrap_or(0);
    let max_suffix = a.len().min(b.len()) - start;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    // The cut at old_end = k needs bytes k - 1 and k in the common end.
    let shift = b.len() as isize - a.len() as isize;
    let end = ((a.len() - suffix + 1)..a.len())
        .find(|&k| boundary(a[k - 1], a[k]))
        .filter(|&k| k >= start && (k as isize + shift) as usize >= start);
    match end {
        Some(k) => (start, k, (k as isize + shift) as usize),
        None => (start, a.len(), b.len()),
    }
}

/// Numbers tokens so that equal tokens, and only they, get equal ids: a
/// token of up to seven bytes is its bytes and its length packed into the
/// id; a longer one gets the high bit and its index among the distinct
/// long tokens of the two texts (a handful). Myers then compares integers.
fn token_ids<'t>(old: &[&'t str], new: &[&'t str]) -> (Vec<u64>, Vec<u64>) {
    let mut long: Vec<&'t str> = Vec::new();
    let mut id = |token: &'t str| -> u64 {
        let bytes = token.as_bytes();
        if bytes.len() <= 7 {
            let mut packed = [0u8; 8];
            packed[..bytes.len()].copy_from_slice(bytes);
            packed[7] = bytes.len() as u8;
            u64::from_le_bytes(packed)
        } else {
            let index = long.iter().position(|t| *t == token).unwrap_or_else(|| {
                long.push(token);
                long.len() - 1
            });
            (1 << 63) | index as u64
        }
    };
    let old_ids = old.iter().map(|&t| id(t)).collect();
    let new_ids = new.iter().map(|&t| id(t)).collect();
    (old_ids, new_ids)
}

/// The diff of two token lists as runs, alternating between equal and
/// changed.
fn token_runs(old: &[&str], new: &[&str]) -> Vec<Run> {
    if old.len() > MAX_TOKENS || new.len() > MAX_TOKENS {
        return prefix_suffix_runs(old, new);
    }
    let (old_ids, new_ids) = token_ids(old, new);
    let mut hook = RunHook(Vec::new());
    // The hook cannot fail.
    let _ = similar::algorithms::myers::diff(
        &mut hook,
        &old_ids,
        0..old_ids.len(),
        &new_ids,
        0..new_ids.len(),
    );
    hook.0
}

/// Receives Myers' edit script and keeps it as runs.
struct RunHook(Vec<Run>);

impl similar::algorithms::DiffHook for RunHook {
    type Error = std::convert::Infallible;

    fn equal(&mut self, old_index: usize, new_index: usize, len: usize) -> Result<(), Self::Error> {
        push_run(
            &mut self.0,
            true,
            (old_index, old_index + len),
            (new_index, new_index + len),
        );
        Ok(())
    }

    fn delete(
        &mut self,
        old_index: usize,
        old_len: usize,
        new_index: usize,
    ) -> Result<(), Self::Error> {
        push_run(
            &mut self.0,
            false,
            (old_index, old_index + old_len),
            (new_index, new_index),
        );
        Ok(())
    }

    fn insert(
        &mut self,
        old_index: usize,
        new_index: usize,
        new_len: usize,
    ) -> Result<(), Self::Error> {
        push_run(
            &mut self.0,
            false,
            (old_index, old_index),
            (new_index, new_index + new_len),
        );
        Ok(())
    }
}

/// Appends a run, merging it into the last one when both are equal or
/// both are changes (the ranges are contiguous).
fn push_run(runs: &mut Vec<Run>, equal: bool, old: (usize, usize), new: (usize, usize)) {
    if old.0 == old.1 && new.0 == new.1 {
        return;
    }
    if let Some(last) = runs.last_mut()
        && last.equal == equal
    {
        last.old.1 = old.1;
        last.new.1 = new.1;
        return;
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

/// Moves each pure insertion or deletion that starts with white space
/// right by that token when the same white space follows it, so that the
/// change starts at a word: `the {+requested +}service`, not
/// `the{+ requested+} service`. Both read the same text; the first reads
/// better.
fn slide(runs: &mut Vec<Run>, old: &[&str], new: &[&str]) {
    let mut i = 0;
    while i < runs.len() {
        let run = runs[i];
        let next_is_equal = runs.get(i + 1).is_some_and(|r| r.equal);
        let previous_is_equal = i == 0 || runs[i - 1].equal;
        let (side, range): (&[&str], (usize, usize)) = if run.old.0 == run.old.1 {
            (new, run.new)
        } else {
            (old, run.old)
        };
        let slides = !run.equal
            && (run.old.0 == run.old.1 || run.new.0 == run.new.1)
            && next_is_equal
            && previous_is_equal
            && side
                .get(range.0)
                .is_some_and(|t| t.starts_with(char::is_whitespace))
            && side.get(range.0) == side.get(range.1);
        if slides {
            // The first token of the change becomes equal, the first token
            // of the equal run after it joins the change.
            let (old_at, new_at) = (run.old.0, run.new.0);
            if i == 0 {
                runs.insert(
                    0,
                    Run {
                        equal: true,
                        old: (old_at, old_at),
                        new: (new_at, new_at),
                    },
                );
                i += 1;
            }
            runs[i - 1].old.1 += 1;
            runs[i - 1].new.1 += 1;
            runs[i].old = (run.old.0 + 1, run.old.1 + 1);
            runs[i].new = (run.new.0 + 1, run.new.1 + 1);
            runs[i + 1].old.0 += 1;
            runs[i + 1].new.0 += 1;
            if runs[i + 1].old.0 == runs[i + 1].old.1 {
                runs.remove(i + 1);
            }
        }
        i += 1;
    }
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

/// The byte offset in `text` where token `index` starts (`text.len()` past
/// the last): tokens are slices of `text`.
fn offset(text: &str, tokens: &[&str], index: usize) -> usize {
    tokens
        .get(index)
        .map_or(text.len(), |t| t.as_ptr() as usize - text.as_ptr() as usize)
}

fn segments<'t>(
    old: &'t str,
    new: &'t str,
    old_tokens: &[&str],
    new_tokens: &[&str],
    runs: &[Run],
) -> Vec<Segment<'t>> {
    let mut out = Vec::with_capacity(runs.len() + 1);
    let mut push = |kind, text: &'t str| {
        if !text.is_empty() {
            out.push(Segment { kind, text });
        }
    };
    for run in runs {
        let old_text = &old[offset(old, old_tokens, run.old.0)..offset(old, old_tokens, run.old.1)];
        if run.equal {
            push(SegmentKind::Equal, old_text);
        } else {
            push(SegmentKind::Deleted, old_text);
            push(
                SegmentKind::Inserted,
                &new[offset(new, new_tokens, run.new.0)..offset(new, new_tokens, run.new.1)],
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
    fn an_inserted_or_deleted_word_starts_at_the_word() {
        assert_eq!(
            show(&diff_words(
                "provide the service.",
                "provide the requested service."
            )),
            "provide the {+requested +}service."
        );
        assert_eq!(
            show(&diff_words(
                "provide the requested service.",
                "provide the service."
            )),
            "provide the [-requested -]service."
        );
        assert_eq!(show(&diff_words(" a", "b a")), "{+b+} a");
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
    fn token_ids_are_equal_exactly_for_equal_tokens() {
        let old = ["a", "a\0", "abcdefg", "abcdefgh", "abcdefgi", "代"];
        let new = ["abcdefgh", "a", "abcdefgi", "代", "a\0", "abcdefg"];
        let (a, b) = token_ids(&old, &new);
        for (i, x) in old.iter().enumerate() {
            for (j, y) in new.iter().enumerate() {
                assert_eq!(a[i] == b[j], x == y, "{x:?} {y:?}");
            }
        }
    }

    #[test]
    fn the_common_start_and_end_are_cut_at_shared_boundaries() {
        let (old, new) = ("The agent could not go.", "The agent cannot go.");
        let (start, old_end, new_end) = common_ends(old, new);
        assert_eq!(&old[..start], "The agent ");
        assert_eq!(&old[old_end..], " go.");
        assert_eq!(&new[start..new_end], "cannot");
        // CJK has no ASCII boundary: nothing is cut, which is still right.
        assert_eq!(common_ends("代理无法", "代理不能"), (0, 12, 12));
        // Overlapping common parts.
        let (start, old_end, new_end) = common_ends("a a", "a a a");
        assert!(start <= old_end && start <= new_end);
        assert_eq!(show(&diff_words("a a", "a a a")), "a a{+ a+}");
    }

    #[test]
    fn cut_texts_diff_as_whole_ones() {
        let pairs = [
            (
                "The agent could not provide the service.",
                "The agent cannot provide the service.",
            ),
            ("Der Dienst kann nicht", "Der Agent kann nicht mehr"),
            ("x", "y"),
            ("same start, other end", "same start, new end!"),
            ("a  b", "a b"),
            ("WU_E_X failed", "WU_E_Y failed"),
        ];
        for (old, new) in pairs {
            let d = diff_words(old, new);
            let rebuilt = |skip| -> String {
                d.iter()
                    .filter(|s| s.kind != skip)
                    .map(|s| s.text)
                    .collect()
            };
            assert_eq!(rebuilt(SegmentKind::Inserted), old);
            assert_eq!(rebuilt(SegmentKind::Deleted), new);
            assert!(
                d.windows(2)
                    .all(|w| !(w[0].kind == SegmentKind::Equal && w[1].kind == SegmentKind::Equal)),
                "{d:?}"
            );
        }
        assert_eq!(
            show(&diff_words("WU_E_X failed", "WU_E_Y failed")),
            "[-WU_E_X-]{+WU_E_Y+} failed"
        );
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
