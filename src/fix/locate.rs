//! Where a fix's text is written, and what to write instead. A fix says
//! what a cell reads as (`OM_E_AU *`, plain text); the file may write it
//! with escapes and entities (`OM_E_AU &#42;`), break a name across lines
//! (`WU_E_` + newline + `NO_SERVICE`, or `<strong>WU_E_</strong><br/>
//! <strong>NO_SERVICE</strong>`) or hide a zero-width space in it. The
//! written text is decoded unit by unit (a character, an escape, a
//! character reference, an HTML tag), each unit keeping the bytes that
//! wrote it; the fix's text is found among them, and only the characters
//! the fix changes are rewritten: the rest keep their bytes, escapes, tags
//! and line breaks included. A fix that would delete or replace a tag is
//! not made: a person decides what the markup becomes.

use std::ops::Range;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::Edit;
use crate::ingest::text::{is_identifier_char, is_invisible, normalize_cell_text};

/// How the text of a region is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Markdown: backslash escapes, character references and inline HTML.
    Markdown,
    /// HTML: character references and tags; a backslash is a backslash.
    Html,
}

/// One unit of a region as read: a character and the bytes that write it,
/// or an HTML tag, which reads as nothing (`<br>`: as a line break).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Written {
    /// The character (for a tag, none that matters).
    ch: char,
    /// Its bytes in the region.
    range: Range<usize>,
    /// True for a tag.
    tag: bool,
    /// True for a Markdown emphasis delimiter (the `**` that closes
    /// `**E_X**`): markup, which no character of a fix's text matches.
    delimiter: bool,
}

impl Written {
    fn is_space(&self) -> bool {
        !self.tag && (self.ch.is_whitespace() || self.ch == '\u{a0}')
    }

    /// Read as nothing: a tag, or a zero-width character.
    fn is_nothing(&self) -> bool {
        self.tag || is_invisible(self.ch)
    }

    /// The character as the text has it, if any.
    fn text(&self) -> Option<char> {
        (!self.is_nothing() && !self.delimiter).then_some(self.ch)
    }
}

/// Every place `from` is written in `region` (whole, not as part of a
/// longer name or number), with the edit that writes `to` there instead;
/// the edits' ranges are bytes of `region`. Empty when `from` is not
/// written there (or not as text: markup inside a word), when a tag would
/// be lost, or when `to` could not be written so that it reads back as
/// `to`.
pub fn replacements(region: &str, syntax: Syntax, from: &str, to: &str) -> Vec<Edit> {
    let from: Vec<char> = collapse_spaces(from).chars().collect();
    if from.is_empty() {
        return Vec::new();
    }
    let written = decode(region, syntax);
    let mut found = Vec::new();
    let mut at = 0;
    while at < written.len() {
        match match_at(&written, at, &from) {
            Some(matched) if is_whole(&written, at, matched.end, &from) => {
                match rewrite(region, syntax, &written, &matched, &from, to) {
                    Some(edit) => found.push(edit),
                    None => return Vec::new(),
                }
                at = matched.end.max(at + 1);
            }
            _ => at += 1,
        }
    }
    found
}

/// `text` with each run of white space made one space, and trimmed.
fn collapse_spaces(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The units of `region`: escapes (Markdown) and character references
/// decoded, HTML tags as tags, everything else as it is (Markdown's `*` and
/// `` ` `` too: a fix's text is found only where no such markup is inside
/// it).
fn decode(region: &str, syntax: Syntax) -> Vec<Written> {
    let mut out = Vec::with_capacity(region.len());
    let mut i = 0;
    while let Some(c) = region[i..].chars().next() {
        let mut tag = false;
        let (ch, len) = match c {
            '\\' if syntax == Syntax::Markdown => match region[i + 1..].chars().next() {
                Some(next) if next.is_ascii_punctuation() => (next, 2),
                _ => (c, 1),
            },
            '&' => character_reference(&region[i..]).unwrap_or((c, 1)),
            '<' => match tag_length(&region[i..]) {
                Some((len, is_break)) => {
                    tag = !is_break;
                    ('\n', len)
                }
                None => (c, 1),
            },
            _ => (c, c.len_utf8()),
        };
        out.push(Written {
            ch,
            range: i..i + len,
            tag,
            delimiter: false,
        });
        i += len;
    }
    if syntax == Syntax::Markdown {
        mark_delimiters(region, &mut out);
    }
    out
}

/// Marks the runs of `*` and `_` written as themselves that are emphasis
/// markup: a run that can open emphasis, with one after it that can close
/// it, and the reverse (CommonMark's flanking rules, pairing simplified).
/// A fix's `*` is then not matched against the `*` that closes bold
/// (`**E_X**\*` holds the text `E_X*`, but no `E_X*` is written there).
fn mark_delimiters(region: &str, units: &mut [Written]) {
    // (first unit, units, char, can open, can close) of each run.
    let mut runs: Vec<(usize, usize, char, bool, bool)> = Vec::new();
    let raw = |w: &Written| !w.tag && matches!(w.ch, '*' | '_') && w.range.len() == 1;
    let mut i = 0;
    while i < units.len() {
        if !raw(&units[i]) {
            i += 1;
            continue;
        }
        let c = units[i].ch;
        let mut end = i + 1;
        while units.get(end).is_some_and(|w| raw(w) && w.ch == c) {
            end += 1;
        }
        let before = region[..units[i].range.start].chars().next_back();
        let after = region[units[end - 1].range.end..].chars().next();
        let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let punct = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
        let left = !space(after) && (!punct(after) || space(before) || punct(before));
        let right = !space(before) && (!punct(before) || space(after) || punct(after));
        let (open, close) = if c == '_' {
            (
                left && (!right || punct(before)),
                right && (!left || punct(after)),
            )
        } else {
            (left, right)
        };
        runs.push((i, end - i, c, open, close));
        i = end;
    }
    // For each run, whether a run of its character after it can close, and
    // one before it can open: one pass each way, as a cell may hold many
    // runs and asking each of all the others would take their square.
    let index = |c: char| usize::from(c == '_');
    let mut closer_after = vec![false; runs.len()];
    let mut seen = [false; 2];
    for (k, &(_, _, c, _, close)) in runs.iter().enumerate().rev() {
        closer_after[k] = seen[index(c)];
        seen[index(c)] |= close;
    }
    let mut seen = [false; 2];
    for (k, &(first, len, c, open, close)) in runs.iter().enumerate() {
        let closed = open && closer_after[k];
        let opened = close && seen[index(c)];
        seen[index(c)] |= open;
        if closed || opened {
            for unit in &mut units[first..first + len] {
                unit.delimiter = true;
            }
        }
    }
}

/// The length of the HTML tag (or comment) at the start of `text`, and
/// whether it is a line break (`<br>`, `<br/>`); `None` when `text` does
/// not start with one.
fn tag_length(text: &str) -> Option<(usize, bool)> {
    if text.starts_with("<!--") {
        return text.find("-->").map(|end| (end + 3, false));
    }
    let rest = text.get(1..)?;
    let name_start = rest.strip_prefix('/').unwrap_or(rest);
    if !name_start.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = 1 + rest.find(['>', '<', '\n'])?;
    if text.as_bytes()[end] != b'>' {
        return None;
    }
    let name: String = name_start
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let is_break = name.eq_ignore_ascii_case("br") && !rest.starts_with('/');
    Some((end + 1, is_break))
}

/// The character a reference at the start of `text` stands for (`&amp;`,
/// `&#42;`, `&#x2A;`) and its length; `None` when it is none errdocs knows.
fn character_reference(text: &str) -> Option<(char, usize)> {
    let end = text.get(..12).unwrap_or(text).find(';')?;
    let name = text.get(1..end)?;
    let ch = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ast" => '*',
        "lowbar" => '_',
        "verbar" | "vert" => '|',
        _ => {
            let number =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    name.strip_prefix('#').and_then(|d| d.parse().ok())
                };
            number.and_then(char::from_u32)?
        }
    };
    Some((ch, end + 1))
}

/// One match of the fix's text among the units.
struct Match {
    /// Per character of the fix's text, the unit it starts at.
    starts: Vec<usize>,
    /// The unit after the match.
    end: usize,
}

impl Match {
    /// The units that write character `k` of the fix's text: from its own
    /// to the next character's (what is passed over between two characters
    /// goes with the first).
    fn units(&self, k: usize) -> Range<usize> {
        self.starts[k]..self.starts.get(k + 1).copied().unwrap_or(self.end)
    }
}

/// Matches the fix's text (`from`, spaces collapsed) against the units
/// from `at`, as the cell's text reads them: a space matches a run of white
/// space; a line break inside a name (after or before a `_`) matches
/// nothing, as the text joins it; tags and zero-width characters between
/// two characters are passed over.
fn match_at(written: &[Written], at: usize, from: &[char]) -> Option<Match> {
    if written.get(at)?.is_nothing() {
        return None;
    }
    let mut starts = Vec::with_capacity(from.len());
    let mut j = at;
    for (k, &c) in from.iter().enumerate() {
        if k > 0 {
            while written.get(j).is_some_and(Written::is_nothing) {
                j += 1;
            }
        }
        let run_start = j;
        let mut newlines = 0;
        let mut spaces = 0;
        while written
            .get(j)
            .is_some_and(|w| w.is_space() || (spaces > 0 && w.is_nothing()))
        {
            spaces += usize::from(written[j].is_space());
            newlines += usize::from(written[j].ch == '\n' && !written[j].tag);
            j += 1;
        }
        if c == ' ' {
            if spaces == 0 {
                return None;
            }
            starts.push(run_start);
            continue;
        }
        if spaces > 0 {
            // Only a line break that the cell's text joins: inside a name.
            let before = from.get(k.wrapping_sub(1)).copied();
            let joins = newlines == 1
                && before.is_some_and(|b| {
                    (b == '_' && is_identifier_char(c)) || (is_identifier_char(b) && c == '_')
                });
            if k == 0 || !joins {
                return None;
            }
        }
        if written.get(j)?.text()? != c {
            return None;
        }
        starts.push(j);
        j += 1;
    }
    Some(Match { starts, end: j })
}

/// True when the match is a whole name or number: no identifier character
/// joins it (across tags) on a side where the fix's text has one.
fn is_whole(written: &[Written], at: usize, end: usize, from: &[char]) -> bool {
    let is_word = |w: Option<&Written>| w.and_then(Written::text).is_some_and(is_identifier_char);
    let before = written[..at].iter().rev().find(|w| !w.is_nothing());
    let after = written[end..].iter().find(|w| !w.is_nothing());
    let first = from.first().copied().is_some_and(is_identifier_char);
    let last = from.last().copied().is_some_and(is_identifier_char);
    let joined_before = first && is_word(before);
    let joined_after = last && is_word(after);
    !joined_before && !joined_after
}

/// The edit for one match: the characters the fix keeps keep their bytes;
/// the ones it adds are written as the match writes them (an escaped `_`
/// stays escaped), or plainly. `None` when a tag would go with the
/// characters the fix removes, or the result would not read as `to`.
fn rewrite(
    region: &str,
    syntax: Syntax,
    written: &[Written],
    matched: &Match,
    from: &[char],
    to: &str,
) -> Option<Edit> {
    let start = written[matched.starts[0]].range.start;
    let end = written[matched.end - 1].range.end;
    let bytes = |units: Range<usize>| -> Range<usize> {
        let first = written[units.start].range.start;
        let last = written
            .get(units.end)
            .map_or(end, |w| w.range.start)
            .min(end);
        first..last
    };
    let to_chars: Vec<char> = to.chars().collect();
    let mut text = String::with_capacity(to.len() + 8);
    for op in capture_diff_slices(Algorithm::Myers, from, &to_chars) {
        let (old, new) = (op.old_range(), op.new_range());
        if let DiffOp::Equal { .. } = op {
            let first = bytes(matched.units(old.start)).start;
            let last = bytes(matched.units(old.end - 1)).end;
            text.push_str(&region[first..last]);
            continue;
        }
        // What the fix removes must be text only.
        if old
            .clone()
            .any(|k| matched.units(k).any(|u| written[u].tag))
        {
            return None;
        }
        for &c in &to_chars[new] {
            text.push_str(&encode(c, syntax, &written[matched.starts[0]..matched.end]));
        }
    }
    // What is written must read as `to`.
    let reads: String = decode(&text, syntax)
        .iter()
        .filter_map(|w| if w.tag { None } else { w.text() })
        .collect();
    if normalize_cell_text(&reads).0 != normalize_cell_text(to).0 {
        return None;
    }
    Some(Edit::minimal(region, start..end, text))
}

/// How to write a character the fix adds: as the match writes the same
/// character (`\_` where the name escapes its underscores, `&#42;` for a
/// `*`), else plainly, escaped where the syntax would read it as markup.
fn encode(c: char, syntax: Syntax, matched: &[Written]) -> String {
    let written_so = matched
        .iter()
        .find(|w| !w.tag && w.ch == c && w.range.len() != c.len_utf8());
    match (written_so, syntax, c) {
        // An escape: a backslash and the character.
        (Some(w), Syntax::Markdown, _) if w.range.len() == 2 => format!("\\{c}"),
        // A character reference, as a number, which every reader knows.
        (Some(_), _, _) => format!("&#{};", u32::from(c)),
        (None, Syntax::Markdown, '|' | '\\' | '*' | '`' | '[' | ']' | '<') => format!("\\{c}"),
        (None, Syntax::Html, '&') => "&amp;".into(),
        (None, Syntax::Html, '<') => "&lt;".into(),
        (None, Syntax::Html, '>') => "&gt;".into(),
        (None, _, _) => c.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(region: &str, replacements: &[Edit]) -> String {
        let mut out = region.to_string();
        for r in replacements.iter().rev() {
            out.replace_range(r.range.clone(), &r.text);
        }
        out
    }

    fn fixed(region: &str, syntax: Syntax, from: &str, to: &str) -> String {
        apply(region, &replacements(region, syntax, from, to))
    }

    /// The `*` that closes bold is markup: a fix of the text `E_X*` (read
    /// from `**E_X**\*`) is not made on it, which would leave the bold
    /// unclosed (`**E_X*\*`); a `*` written as text is matched.
    #[test]
    fn emphasis_markup_is_not_text_a_fix_matches() {
        let region = " **RPC_E_DISCONNECTED**\\* ";
        assert_eq!(
            replacements(
                region,
                Syntax::Markdown,
                "RPC_E_DISCONNECTED*",
                "RPC_E_DISCONNECTED"
            ),
            []
        );
        assert_eq!(
            fixed(" OM_E_AU * ", Syntax::Markdown, "OM_E_AU *", "OM_E_AU"),
            " OM_E_AU "
        );
        assert_eq!(
            fixed(" **OM_E_AU\\*** ", Syntax::Markdown, "OM_E_AU*", "OM_E_AU"),
            " **OM_E_AU** "
        );
        assert_eq!(
            fixed(
                " WU_E_NO_SERVCE ",
                Syntax::Markdown,
                "WU_E_NO_SERVCE",
                "WU_E_NO_SERVICE"
            ),
            " WU_E_NO_SERVICE "
        );
    }

    /// Every run of `*` is paired from both sides in one pass each way: a
    /// cell of many emphasised words is decoded in linear time (asking
    /// each run of all the others made this input run for minutes).
    #[test]
    fn many_emphasis_runs_are_paired_in_linear_time() {
        // Runs that open with none to close them, then pairs.
        let region = format!("{}{} E_X\\*", "*a ".repeat(100_000), "*a* ".repeat(1_000));
        let units = decode(&region, Syntax::Markdown);
        let delimiters = units.iter().filter(|w| w.delimiter).count();
        assert_eq!(delimiters, 100_000 + 2_000);
        assert_eq!(units.last().and_then(Written::text), Some('*'));
        // No clock: the machine is shared, and speed is measured by `cargo
        // bench`. Paired quadratically, this input makes the test run far
        // longer than the others (minutes where they take seconds).
    }

    #[test]
    fn only_the_changed_characters_are_rewritten() {
        let found = replacements(" 0x8024200  ", Syntax::Markdown, "0x8024200", "0x80242000");
        assert_eq!(
            found,
            [Edit {
                range: 10..10,
                text: "0".into()
            }]
        );
        assert_eq!(
            fixed("**-4294967296**", Syntax::Markdown, "-4294967296", "0"),
            "**0**"
        );
        assert_eq!(
            fixed(
                " 2147942487 ",
                Syntax::Markdown,
                "2147942487",
                "-2147024809"
            ),
            " -2147024809 "
        );
    }

    #[test]
    fn escapes_entities_and_line_breaks_are_kept() {
        assert_eq!(
            fixed(
                "another **OM_E_AU &#42;** code.",
                Syntax::Markdown,
                "OM_E_AU *",
                "OM_E_AU_*"
            ),
            "another **OM_E_AU_&#42;** code."
        );
        assert_eq!(
            fixed(
                "Error\\_Invalid\\_Name",
                Syntax::Markdown,
                "Error_Invalid_Name",
                "ERROR_INVALID_NAME"
            ),
            "ERROR\\_INVALID\\_NAME"
        );
        assert_eq!(
            fixed(
                "WU_E_\r\nEXCLUSIVE_INSTALL_CONFILCT",
                Syntax::Html,
                "WU_E_EXCLUSIVE_INSTALL_CONFILCT",
                "WU_E_EXCLUSIVE_INSTALL_CONFLICT"
            ),
            "WU_E_\r\nEXCLUSIVE_INSTALL_CONFLICT"
        );
        assert_eq!(
            fixed("A&amp;B x", Syntax::Html, "x", "<y>"),
            "A&amp;B &lt;y&gt;"
        );
        assert_eq!(fixed("a | b", Syntax::Markdown, "b", "c|d"), "a | c\\|d");
        // A zero-width space inside the name goes with the fix.
        assert_eq!(
            fixed(
                "Error_\u{200b}Name",
                Syntax::Html,
                "Error_Name",
                "ERROR_NAME"
            ),
            "ERROR_\u{200b}NAME"
        );
    }

    #[test]
    fn tags_between_the_characters_are_kept() {
        assert_eq!(
            fixed(
                "<strong>ERROR_INSTALL_INVALID_</strong><br/> <strong>Paket</strong><br/>",
                Syntax::Html,
                "ERROR_INSTALL_INVALID_Paket",
                "ERROR_INSTALL_INVALID_PACKAGE"
            ),
            "<strong>ERROR_INSTALL_INVALID_</strong><br/> <strong>PACKAGE</strong><br/>"
        );
        assert_eq!(
            fixed(
                "<b>ERROR_INSTALL_VOLUME_</b><br/> <b>HORS connexion</b>",
                Syntax::Html,
                "ERROR_INSTALL_VOLUME_HORS connexion",
                "ERROR_INSTALL_VOLUME_OFFLINE"
            ),
            "<b>ERROR_INSTALL_VOLUME_</b><br/> <b>OFFLINE</b>"
        );
        // Deleting the word would delete a tag: a person decides.
        assert!(replacements("The <b>the</b> end", Syntax::Html, "The the", "The").is_empty());
        // A tag is not a character of the text.
        assert!(replacements("<b>x</b>", Syntax::Html, "b", "c").is_empty());
    }

    #[test]
    fn only_whole_names_and_numbers_match() {
        assert!(replacements("0x80242000", Syntax::Html, "0x8024200", "0x80242000").is_empty());
        assert!(replacements("bathe the dog", Syntax::Html, "the the", "the").is_empty());
        assert_eq!(
            fixed(
                "status 500, not 5000 or 500",
                Syntax::Markdown,
                "500",
                "501"
            ),
            "status 501, not 5000 or 501"
        );
        // Markup inside the text: not written as such.
        assert!(replacements("The **the** end", Syntax::Markdown, "The the", "The").is_empty());
        assert!(replacements("", Syntax::Markdown, "x", "y").is_empty());
    }
}
