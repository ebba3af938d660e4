//! Codes listed in a layout errdocs does not read. A page that lists its
//! codes under a heading each (`## 0x801C03ED`) or as list items
//! (`- **NTE_PERM** (0x80090010): Access denied.`), beside its tables or
//! without any: without a word, those codes would be missing from the
//! dataset.
//!
//! The look is deliberately narrow, so prose that mentions a code or two
//! is left alone: only headings and list items outside code blocks count,
//! only codes that lead them (after two words of prose at most: a how-to
//! step's sentence mentions a code, it does not list one), only `0x` and
//! eight hex digits, and only from three distinct codes up. Decimal
//! numbers count in one place alone: bullet items that give a number a
//! meaning (`- 0: success`) under a heading that names exit or return
//! codes, from two distinct numbers up.
//!
//! Troubleshooting articles write their codes in headings and items
//! without the `0x` (`### Error 8018000a`, `- Fehler 80070005: …`). Eight
//! hex digits alone count there too, when a word that labels a code
//! (`Error`, `Fehler`, `Erreur`, `错误`, `エラー`, as a vertical table's
//! labels are read: [`super::vertical::label_role`]) is all that comes
//! before them, or when they have an HRESULT's shape (see
//! [`has_hresult_shape`]): a number, a date or a hash does not. They count
//! with the `0x` ones towards the three, a code written both ways once.
//!
//! One layout counts from a single code: a line written as a table row
//! (`| 0x80240002 | WU_E_X | ... |`) that no table holds, because the
//! table ended above it (a blank line, a directive line) or never had its
//! header and delimiter rows. That is a row the page meant to list, and it
//! would otherwise be missing without a word.

use std::collections::HashSet;

use super::markdown::Structure;
use super::problem::{MOST_LINES, Places};
use crate::source::{Location, SourceFile};

/// Distinct codes from which a file without a code table is reported.
pub const MIN_CODES: usize = 3;

/// Codes listed outside any table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrayCodes {
    /// Where the first is.
    pub location: Location,
    /// The first, as written.
    pub first: String,
    /// How many distinct codes (ignoring case).
    pub count: usize,
    /// Where the distinct codes are written, by kind of line.
    pub places: Places,
    /// Where the HTML block starts that holds the first row written as a
    /// table row, if one does: a table right under a tag
    /// (`<TabItem value="a">`), with no blank line between them, is read
    /// by Markdown as part of the tag's HTML block, not as a table.
    pub html_block: Option<Location>,
}

/// The kind of line a listed code is on, for [`Places`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Heading,
    Item,
    Definition,
    Row,
}

/// The lines whose codes count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listing {
    /// A heading, a list item or a definition: from [`MIN_CODES`] codes.
    HeadingOrItem,
    /// A line written as a table row: from one code.
    Row,
    /// The term of a Markdown definition list (`0x8024402C` above
    /// `: WU_E_X — text`), its code first: from [`MIN_CODES`] codes.
    Term,
    /// A line of an HTML definition list that starts with a `<dt>` or a
    /// `<dd>`, its text from byte `.0` on: from [`MIN_CODES`] codes. The
    /// lists that give each code a name are read as tables, and their
    /// codes are the tables'; these are the ones that could not be read.
    Element(usize),
}

/// The codes `file` lists in headings and list items, when there are at
/// least [`MIN_CODES`] distinct ones; `None` otherwise. Of its
/// `structure` (as the Markdown walk found it): the front matter is no
/// Markdown, lines that start inside an HTML comment are not shown to
/// readers, and lines inside a code block (fenced or indented) are code,
/// not headings or items: none of them counts.
pub fn find(
    file: &SourceFile,
    structure: &Structure,
    in_tables: impl FnOnce() -> HashSet<u32>,
) -> Option<StrayCodes> {
    let comments = &structure.html_comments;
    // The tables' codes are gathered only for a page that lists some
    // codes: most pages list none.
    let in_tables = std::cell::LazyCell::new(in_tables);
    let text = &file.text;
    // A set, not a list searched for each code: a page of a million
    // distinct codes in list items took minutes.
    let mut seen: HashSet<u32> = HashSet::new();
    let mut places = Places::default();
    let mut first: Option<(usize, &str)> = None;
    let mut in_rows = false;
    let mut html_block: Option<usize> = None;
    // Whether the heading above names exit or return codes, and the
    // decimal codes listed under such headings (see [`leading_decimal`]).
    let mut section_names_codes = false;
    let mut decimals: HashSet<u32> = HashSet::new();
    let mut first_decimal: Option<(usize, &str)> = None;
    let mut decimal_lines: Vec<usize> = Vec::new();
    // The code blocks are the Markdown parser's, not guessed again here
    // from fences and indents (an indented line is code after a blank line
    // but not inside a list item). Lines come in order: the code blocks
    // are walked once, beside them.
    let mut blocks = structure.code_blocks.iter().peekable();
    // The front matter's YAML (`- 0x80070005` in a list of keywords) is
    // not the page's.
    let (mut offset, body) = text
        .get(structure.body_start..)
        .map_or((0, text.as_str()), |body| (structure.body_start, body));
    let tables = TableLines::of(structure);
    let mut line_number = file.location(offset).line;
    let mut lines = body.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let start = offset;
        offset += line.len();
        line_number += 1;
        let trimmed = line.trim_start_matches([' ', '\t']);
        // The term of a Markdown definition list (kramdown, Pandoc,
        // Markdig): the line above a `: ` definition.
        let listing = listing_of(trimmed).or_else(|| {
            lines
                .peek()
                .is_some_and(|next| is_definition(next.trim_start_matches([' ', '\t'])))
                .then_some(Listing::Term)
        });
        let Some(listing) = listing else {
            continue;
        };
        // A table's own rows are its: only rows outside every table are
        // looked at (and the tables' codes gathered only for those).
        if listing == Listing::Row && tables.holds(line_number - 1) {
            continue;
        }
        // Where the line's text starts: a code block's range may start
        // after the indent of its first line.
        let at = start + (line.len() - trimmed.len());
        while blocks.next_if(|block| block.end <= at).is_some() {}
        if blocks.peek().is_some_and(|block| block.start <= at) {
            continue;
        }
        let before = comments.partition_point(|c| c.start <= start);
        if before > 0 && comments[before - 1].contains(&start) {
            continue;
        }
        // Exit codes in decimal (`- 0: success`, `- 1603 : fatal error`)
        // under a heading that names exit or return codes: installers and
        // package managers list theirs so, without names, and a decimal
        // number there is a code as surely as `0x` makes one elsewhere.
        if trimmed.starts_with('#') {
            section_names_codes = names_exit_codes(trimmed);
        } else if section_names_codes
            && listing == Listing::HeadingOrItem
            && let Some((at, number, value)) = leading_decimal(trimmed)
        {
            let at = at + (line.len() - trimmed.len());
            if !in_tables.contains(&value) {
                if decimals.insert(value) && decimal_lines.len() < MOST_LINES {
                    decimal_lines.push(line_number - 1);
                }
                first_decimal.get_or_insert((start + at, number));
            }
        }
        let mut words: Option<LineWords> = None;
        // A row's code may be malformed (`0x8024002`): the row is still
        // one the page meant to list, and its code is what hex-malformed
        // would have said of it in a table.
        let digits = match listing {
            Listing::HeadingOrItem | Listing::Term | Listing::Element(_) => 8..=8,
            Listing::Row => MALFORMED_DIGITS_IN_ROWS,
        };
        let kind = match listing {
            Listing::HeadingOrItem if trimmed.starts_with('#') => LineKind::Heading,
            Listing::HeadingOrItem if trimmed.starts_with(':') => LineKind::Definition,
            Listing::HeadingOrItem => LineKind::Item,
            Listing::Term | Listing::Element(_) => LineKind::Definition,
            Listing::Row => LineKind::Row,
        };
        // Codes without their `0x`, in headings and items: those a label
        // word leads or that have an HRESULT's shape (see the module's
        // comment); leading the line is asked of them as of the others.
        let bare = match listing {
            Listing::HeadingOrItem => bare_codes_of(line),
            _ => Vec::new(),
        };
        let mut codes: Vec<(usize, &str, u32, bool)> = hex_codes_of(line, digits)
            .map(|(at, code, value)| (at, code, value, false))
            .collect();
        if !bare.is_empty() {
            let words = words.get_or_insert_with(|| LineWords::new(line, true));
            codes.extend(
                bare.into_iter()
                    .filter(|&(at, code, _)| has_hresult_shape(code) || words.labelled(at))
                    .map(|(at, code, value)| (at, code, value, true)),
            );
            codes.sort_unstable_by_key(|&(at, ..)| at);
        }
        for (at, code, value, without_prefix) in codes {
            // The line's words are found once, for all its codes: asking
            // again of each code's whole prefix made a line of 80,000
            // codes take minutes.
            let leads = match listing {
                Listing::HeadingOrItem => words
                    .get_or_insert_with(|| LineWords::new(line, true))
                    .leads(at),
                // The element's text has no marker: its first word counts.
                Listing::Element(text) => {
                    at >= text
                        && words
                            .get_or_insert_with(|| LineWords::new(&line[text..], false))
                            .leads(at - text)
                }
                Listing::Row | Listing::Term => leads_cell(line, at),
            };
            if !leads {
                continue;
            }
            // A heading that repeats a code of the page's table (an anchor
            // for it) lists nothing new.
            if in_tables.contains(&value) {
                continue;
            }
            if seen.insert(value) {
                match kind {
                    LineKind::Heading => places.headings += 1,
                    LineKind::Item => places.items += 1,
                    LineKind::Definition => places.definitions += 1,
                    LineKind::Row => places.rows += 1,
                }
                places.without_prefix += usize::from(without_prefix);
                // A line of several codes is named once.
                let line = line_number - 1;
                if places.lines.last() != Some(&line) {
                    if places.lines.len() < MOST_LINES {
                        places.lines.push(line);
                    } else {
                        places.more_lines = true;
                    }
                }
            }
            in_rows |= listing == Listing::Row;
            if listing == Listing::Row && html_block.is_none() {
                let blocks = &structure.html_blocks;
                let before = blocks.partition_point(|b| b.start <= start);
                html_block = (before > 0 && blocks[before - 1].contains(&start))
                    .then(|| blocks[before - 1].start);
            }
            first.get_or_insert((start + at, code));
        }
    }
    if let Some((at, code)) = first
        && (in_rows || seen.len() >= MIN_CODES)
    {
        return Some(StrayCodes {
            location: file.location(at),
            first: code.to_string(),
            count: seen.len(),
            places,
            html_block: html_block.map(|at| file.location(at)),
        });
    }
    let (at, number) = first_decimal?;
    (decimals.len() >= MIN_DECIMAL_CODES).then(|| StrayCodes {
        location: file.location(at),
        first: number.to_string(),
        count: decimals.len(),
        places: Places {
            items: decimals.len(),
            lines: decimal_lines,
            ..Places::default()
        },
        html_block: None,
    })
}

/// Distinct decimal codes, listed under headings that name exit or return
/// codes, from which a file is reported: the heading says what the
/// numbers are, so two will do (`0: success`, `1: an error has occurred`).
const MIN_DECIMAL_CODES: usize = 2;

/// Words of a heading over exit codes, as installers, package managers and
/// command-line tools name them: in a section under such a heading, list
/// items that start with a decimal number list codes.
const EXIT_CODE_WORDS: &[&str] = &[
    "exit code",
    "return code",
    "error code",
    "result code",
    "exit status",
    "return value",
    "errorlevel",
    "exitcode",
    "rückgabecode",
    "code de sortie",
    "code de retour",
    "código de salida",
    "código de retorno",
    "codice di uscita",
    "終了コード",
    "戻り値",
    "返回代码",
    "返回码",
    "退出代码",
    "退出码",
    "종료 코드",
    "반환 코드",
    "код возврата",
    "код выхода",
];

/// True when a heading line (`## Exit Codes`) names exit or return codes.
fn names_exit_codes(heading: &str) -> bool {
    let text = heading.to_lowercase();
    EXIT_CODE_WORDS.iter().any(|w| text.contains(w))
}

/// The decimal number a bullet item (`-`, `*`, `+`) starts with, as
/// written, with its byte offset in `item` and its value as a code, where
/// a `:` or a dash follows it (after more numbers joined by `or`, `,` or
/// `/`: `- -1 or 1: an error has occurred`), so that the item gives the
/// number a meaning: `- 0: success`, `- 1603 - fatal error`, `` - `3010`:
/// reboot required``. A number that starts a sentence (`- 2 files are
/// kept`) is no code.
fn leading_decimal(item: &str) -> Option<(usize, &str, u32)> {
    let marker = item.strip_prefix(['-', '*', '+'])?;
    let body = marker.trim_start_matches([' ', '\t']);
    let marks = |c: char| matches!(c, '*' | '_' | '`');
    let text = body.trim_start_matches(marks);
    let at = item.len() - text.len();
    let number_len = |text: &str| {
        let unsigned = text.strip_prefix('-').unwrap_or(text);
        let digits = unsigned.bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0 && digits <= 10).then_some(text.len() - unsigned.len() + digits)
    };
    let len = number_len(text)?;
    let number = &text[..len];
    let mut rest = text[len..].trim_start_matches(marks);
    // More numbers that share the meaning: `-1 or 1`, `1, 2`, `1/2`.
    loop {
        let joined = [" or ", ", ", " / ", "/"]
            .iter()
            .find_map(|joint| rest.strip_prefix(joint))
            .map(|after| after.trim_start_matches(marks));
        match joined.and_then(|after| Some((after, number_len(after)?))) {
            Some((after, len)) => rest = after[len..].trim_start_matches(marks),
            None => break,
        }
    }
    let rest = rest.trim_start_matches([' ', '\t']);
    let separated = rest
        .strip_prefix([':', '-', '\u{2013}', '\u{2014}', '='])
        .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t', '\n', '\r']));
    if !separated {
        return None;
    }
    let value = crate::model::decimal_value(number)?;
    Some((at, number, value.value()))
}

/// Words of prose a listed code may follow on its line: a heading or an
/// item that is about a code names it first (`## 0x801C03ED`, `- Error
/// 0x80090010: …`, `- **NTE_PERM** (0x80090010): …`), where a step of a
/// how-to page mentions one in a sentence (`1. If the update fails with
/// 0x80070005, …`), which is prose, not a list of codes.
const MAX_WORDS_BEFORE: usize = 2;

/// True when `before`, a heading's or an item's text up to a code (its
/// marker included), has at most [`MAX_WORDS_BEFORE`] words of prose: words
/// with a lower-case letter, and without a digit or an underscore (a code
/// or a symbolic name is not prose). `LineWords::leads` answers it for
/// every code of a line at once; this is its plain statement, which the
/// tests hold it to.
#[cfg(test)]
fn leads(before: &str) -> bool {
    before
        .split_whitespace()
        .skip(1)
        .filter(|word| is_prose(word))
        .take(MAX_WORDS_BEFORE + 1)
        .count()
        <= MAX_WORDS_BEFORE
}

/// The words of one line (split at whitespace), and how many of them are
/// prose, so that whether a code leads its line (at most
/// [`MAX_WORDS_BEFORE`] words of prose before it, the marker not counted)
/// can be asked at any offset without reading the line up to it again.
struct LineWords<'a> {
    line: &'a str,
    /// Each word's byte range, in order.
    words: Vec<(usize, usize)>,
    /// `prose[i]`: how many of the words from the second to the `i`-th
    /// (exclusive) are prose; the first word, the marker, is never counted.
    prose: Vec<usize>,
    /// Whether the first word is a marker.
    marker: bool,
}

impl<'a> LineWords<'a> {
    /// The words of `line`; its first word is a marker (`-`, `##`) that
    /// is never counted when `marker` is true.
    fn new(line: &'a str, marker: bool) -> LineWords<'a> {
        let mut words = Vec::new();
        let mut start: Option<usize> = None;
        for (at, c) in line.char_indices() {
            match (c.is_whitespace(), start) {
                (true, Some(from)) => {
                    words.push((from, at));
                    start = None;
                }
                (false, None) => start = Some(at),
                _ => {}
            }
        }
        if let Some(from) = start {
            words.push((from, line.len()));
        }
        let mut prose = Vec::with_capacity(words.len() + 1);
        prose.push(0);
        for (index, &(from, to)) in words.iter().enumerate() {
            let counted = (index > 0 || !marker) && is_prose(&line[from..to]);
            prose.push(prose[index] + usize::from(counted));
        }
        LineWords {
            line,
            words,
            prose,
            marker,
        }
    }

    /// Whether the line's text up to byte `at` (the words before `at`, the
    /// last one cut there) has at most [`MAX_WORDS_BEFORE`] words of prose
    /// after its marker.
    fn leads(&self, at: usize) -> bool {
        let before = self.words.partition_point(|&(from, _)| from < at);
        let Some(last) = before.checked_sub(1) else {
            return true;
        };
        let (from, to) = self.words[last];
        let cut = (last > 0 || !self.marker) && is_prose(&self.line[from..to.min(at)]);
        self.prose[last] + usize::from(cut) <= MAX_WORDS_BEFORE
    }
}

/// The longest text, in bytes, that [`LineWords::labelled`] reads as a
/// label before a code: the longest labels (`**Код ошибки HRESULT**:`)
/// with room to spare.
const MAX_LABEL_BYTES: usize = 64;

impl LineWords<'_> {
    /// Whether the text between the line's marker and byte `at` is a
    /// label that names a code (`### Error 8018000a`, `- **Fehler**
    /// 80070005`, `### Error code 80070005`), as a vertical table's labels
    /// are read ([`super::vertical::label_role`]): a code's lead word, not
    /// a sentence (`Fix error …` names no code).
    fn labelled(&self, at: usize) -> bool {
        let from = match (self.marker, self.words.first()) {
            (true, Some(&(_, end))) => end,
            _ => 0,
        };
        // A label is a word or three (`Código de error`); asking
        // `label_role` of a longer text, the whole line before each of a
        // line's many codes, took time growing with the square of the line.
        if at.saturating_sub(from) > MAX_LABEL_BYTES {
            return false;
        }
        let Some(before) = self.line.get(from..at) else {
            return false;
        };
        let label = before.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '*' | '_' | '`' | ':' | '(' | '[' | '-' | '—' | '–')
        });
        !label.is_empty() && super::vertical::label_role(label) == crate::model::ColumnRole::Code
    }
}

/// Whether eight hex digits written without `0x` have the shape of an
/// HRESULT (a failure: its first digit 8 or C) that a number of eight
/// decimal digits does not have: a hex letter among them, or `80` first
/// (`80070005`, the Win32 errors wrapped as HRESULTs). A date
/// (`20240115`), a count or a hash that starts otherwise is none.
pub fn has_hresult_shape(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    bytes.len() == 8
        && bytes.iter().all(u8::is_ascii_hexdigit)
        && matches!(bytes[0], b'8' | b'c' | b'C')
        && (bytes.iter().any(u8::is_ascii_alphabetic) || bytes.starts_with(b"80"))
}

/// Each run of eight hex digits standing alone in `line`, without `0x`
/// (`8018000a`), a digit among them (`deadbeef` is a word), with its byte
/// offset, as written, and its value: not
/// part of a longer word, nor a piece of a GUID (`-` beside it), nor a
/// colour (`#` before it), nor a version's or an address's part (`.`
/// beside it).
fn bare_codes_of(line: &str) -> Vec<(usize, &str, u32)> {
    let bytes = line.as_bytes();
    let joined = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'#' | b'.');
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let end = at
            + bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count();
        // A full stop after the word ends a sentence: only one before a
        // digit or a letter joins it to more.
        let joined_after = match bytes.get(end) {
            Some(b'.') => bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric),
            Some(&b) => joined(b),
            None => false,
        };
        let alone = !at.checked_sub(1).is_some_and(|i| joined(bytes[i])) && !joined_after;
        let word = &line[at..end];
        if alone
            && word.len() == 8
            && word.bytes().all(|b| b.is_ascii_hexdigit())
            && word.bytes().any(|b| b.is_ascii_digit())
            && let Ok(value) = u32::from_str_radix(word, 16)
        {
            found.push((at, word, value));
        }
        at = end;
    }
    found
}

/// A word of prose: one with a lower-case letter, and without a digit or
/// an underscore (a code or a symbolic name is not prose).
fn is_prose(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_lowercase())
        && !word.bytes().any(|b| b.is_ascii_digit() || b == b'_')
}

/// How many hex digits a code of a row that no table holds may have: a
/// digit or three lost, as malformed codes in tables are.
const MALFORMED_DIGITS_IN_ROWS: std::ops::RangeInclusive<usize> = 5..=8;

/// The lines the page's tables span, from each table's first line to its
/// last row's.
struct TableLines {
    /// First lines, in order.
    starts: Vec<usize>,
    /// `ends[i]`: the furthest last line of the tables up to the `i`-th
    /// (nested tables may end before the table around them).
    ends: Vec<usize>,
}

impl TableLines {
    fn of(structure: &Structure) -> TableLines {
        let mut spans: Vec<(usize, usize)> = structure
            .tables
            .iter()
            .map(|table| {
                let first = table.location.line;
                // The header and its delimiter row, at least.
                let last = table.last_row_line();
                (first, last.unwrap_or(first).max(first + 1))
            })
            .collect();
        spans.sort_unstable();
        let starts = spans.iter().map(|&(first, _)| first).collect();
        let ends = spans
            .iter()
            .scan(0, |furthest, &(_, last)| {
                *furthest = last.max(*furthest);
                Some(*furthest)
            })
            .collect();
        TableLines { starts, ends }
    }

    /// True when line `line` (1-based) is within a table.
    fn holds(&self, line: usize) -> bool {
        let before = self.starts.partition_point(|&first| first <= line);
        before > 0 && self.ends[before - 1] >= line
    }
}

/// Whether `line` (its indent removed) is a heading, an item or a
/// definition, or written as a table row: it starts with `|`, or holds
/// two `|` at least (a table written without its outer bars).
fn listing_of(line: &str) -> Option<Listing> {
    if is_heading_or_item(line) {
        Some(Listing::HeadingOrItem)
    } else if line.starts_with('|') || memchr::memchr_iter(b'|', line.as_bytes()).nth(1).is_some() {
        Some(Listing::Row)
    } else {
        definition_text(line).map(Listing::Element)
    }
}

/// Where the text starts in a line of an HTML definition list that starts
/// with a `<dt>` or a `<dd>` (after a `<dl>` perhaps, and before inline
/// tags such as `<b>` or `<code>`): `None` for any other line.
fn definition_text(line: &str) -> Option<usize> {
    if !line.starts_with('<') {
        return None;
    }
    let mut at = 0;
    let mut definition = false;
    while let Some(rest) = line.get(at..) {
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        if !trimmed.starts_with('<') {
            break;
        }
        let end = trimmed.find('>')? + 1;
        let name: String = trimmed[1..end]
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        definition |= matches!(name.as_str(), "dt" | "dd");
        at += end;
    }
    definition.then_some(at)
}

/// Whether the code at byte `at` of a row-shaped `line` leads its cell:
/// only spaces, emphasis or code marks and directional marks (see
/// [`super::text::is_directional_mark`]) between the cell's bar (or the
/// line's start) and the code.
fn leads_cell(line: &str, at: usize) -> bool {
    // Read back from the code, not forward from the cell's bar: a cell of
    // 200,000 codes was searched back to its bar from each of them.
    line[..at]
        .chars()
        .rev()
        .find(|&c| {
            !(c.is_whitespace()
                || matches!(c, '*' | '_' | '`' | '[' | '(')
                || super::text::is_directional_mark(c))
        })
        .is_none_or(|c| c == '|')
}

/// True for a definition of a Markdown definition list (`: text`).
fn is_definition(line: &str) -> bool {
    matches!(line.as_bytes(), [b':', b' ' | b'\t', ..])
}

/// A heading (`#`), a list item (`-`, `*`, `+`, `1.`, `1)`), or a
/// definition (`: `).
fn is_heading_or_item(line: &str) -> bool {
    let bytes = line.as_bytes();
    match bytes.first() {
        Some(b'#') => true,
        Some(b'-' | b'*' | b'+' | b':') => matches!(bytes.get(1), Some(b' ' | b'\t')),
        Some(b) if b.is_ascii_digit() => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            matches!(bytes.get(digits), Some(b'.' | b')'))
                && matches!(bytes.get(digits + 1), Some(b' ' | b'\t'))
        }
        _ => false,
    }
}

/// The value of every code of eight hex digits in `texts` (the cells of a
/// page's tables), with its `0x` or without: a heading that repeats a
/// table's `80070005` is an anchor for its row, as one that repeats its
/// `0x80070005` is.
pub fn codes_in<'a>(texts: impl Iterator<Item = &'a str>) -> HashSet<u32> {
    let mut codes = HashSet::new();
    for text in texts {
        codes.extend(hex_codes(text).map(|(_, _, value)| value));
        codes.extend(bare_codes_of(text).into_iter().map(|(_, _, value)| value));
        // A cell that is a decimal number alone is a code in a table of
        // exit codes, which a list beside it may repeat.
        let plain = text.trim().trim_matches('`');
        if plain.bytes().all(|b| b.is_ascii_digit() || b == b'-')
            && let Some(value) = crate::model::decimal_value(plain)
        {
            codes.insert(value.value());
        }
    }
    codes
}

/// The first code (`0x` and eight hex digits) `text` lists, as written,
/// with its byte offset and value: one among the first few words of a
/// short text (a cell that gives a code beside its name, `E _ puntatore
/// 0x80004003`), not one a sentence mentions.
pub fn listed_code(text: &str) -> Option<(usize, &str, u32)> {
    /// The most words a text that lists a code has: those of a name split
    /// by spaces (`HRESULT _ FROM _ WIN32(ERROR _ FILE _ NOT _ FOUND)
    /// 0x80070002`) and the code itself; the `_` between them are none.
    const MOST_WORDS: usize = 8;
    let mut words = text
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric));
    if words.nth(MOST_WORDS).is_some() {
        return None;
    }
    hex_codes(text).next()
}

/// Each `0x` and eight hex digits standing alone in `line`, with its byte
/// offset, as written, and its value.
fn hex_codes(line: &str) -> impl Iterator<Item = (usize, &str, u32)> {
    hex_codes_of(line, 8..=8)
}

/// Each `0x` and a number of hex digits in `digits` standing alone in
/// `line`, written together or in groups (`0x8024 0002`, `0x8024_0002`,
/// as [`crate::model::separated_hex`] reads them: a code, not two words),
/// with its byte offset, as written, and the value of its digits.
fn hex_codes_of(
    line: &str,
    digits: std::ops::RangeInclusive<usize>,
) -> impl Iterator<Item = (usize, &str, u32)> {
    let bytes = line.as_bytes();
    let mut found = memchr::memmem::find_iter(bytes, b"0x")
        .chain(memchr::memmem::find_iter(bytes, b"0X"))
        .filter_map(move |at| {
            let before = at.checked_sub(1).map(|i| bytes[i]);
            let count = bytes[at + 2..]
                .iter()
                .take_while(|b| b.is_ascii_hexdigit())
                .count();
            // `0x` is ASCII: the text after it starts at a character.
            let grouped = matches!(count, 0 | 2 | 4)
                .then(|| crate::model::separated_hex(&line[at + 2..]))
                .flatten();
            // The bytes the digits take, and how many digits they are.
            let (written, count) = grouped
                .as_ref()
                .map_or((count, count), |group| (group.len, group.digits.len()));
            if !digits.contains(&count) {
                return None;
            }
            let value = match &grouped {
                Some(group) => u32::from_str_radix(&group.digits, 16).ok()?,
                None => u32::from_str_radix(&line[at + 2..at + 2 + count], 16).ok()?,
            };
            let after = bytes.get(at + 2 + written);
            // Not part of a longer word, nor a piece of a GUID.
            let joined = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
            let alone = !before.is_some_and(joined) && !after.is_some_and(|&b| joined(b));
            alone.then(|| (at, &line[at..at + 2 + written], value))
        })
        .collect::<Vec<_>>();
    // The `0X` hits follow the `0x` ones: in the line's order, the first
    // code written is the one reported first.
    found.sort_unstable_by_key(|&(at, _, _)| at);
    found.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decimal_leads_an_item_that_gives_it_a_meaning() {
        let number = |item| leading_decimal(item).map(|(at, n, v)| (at, n.to_string(), v));
        assert_eq!(number("- 0: success"), Some((2, "0".into(), 0)));
        assert_eq!(
            number("- 1707 : Success, no action"),
            Some((2, "1707".into(), 1707))
        );
        assert_eq!(
            number("- `3010` - reboot required"),
            Some((3, "3010".into(), 3010))
        );
        assert_eq!(
            number("- -1 or 1: an error has occurred"),
            Some((2, "-1".into(), 0xFFFF_FFFF))
        );
        assert_eq!(
            number("* **1603** \u{2013} fatal error"),
            Some((4, "1603".into(), 1603))
        );
        // A number that starts a sentence, a version, a step: no code.
        assert_eq!(number("- 2 files are kept"), None);
        assert_eq!(number("- 0 for installed & compliant"), None);
        assert_eq!(number("- 1.2: the version"), None);
        assert_eq!(number("1. 0: success"), None);
    }

    fn file(text: &str) -> SourceFile {
        SourceFile::from_bytes(
            std::path::Path::new("page.md"),
            "page.md".into(),
            text.as_bytes().to_vec(),
        )
        .expect("text")
    }

    /// What [`find`] says of `file`, with its comments and code blocks as
    /// the Markdown walk finds them.
    fn listed(file: &SourceFile) -> Option<StrayCodes> {
        let structure = crate::ingest::markdown::walk(file, &mut Vec::new());
        find(file, &structure, HashSet::new)
    }

    #[test]
    fn codes_in_the_front_matter_are_not_listed() {
        let text = "---\ntitle: Codes\nkeywords:\n  - 0x80070005\n  - 0x80070006\n  - 0x80070007\n---\n# Codes\n\n- 0x80070008\n";
        assert_eq!(listed(&file(text)), None);
        // After it, the page's items count, at their lines.
        let text = text.replace(
            "- 0x80070008\n",
            "- 0x80070008\n- 0x80070009\n- 0x8007000A\n",
        );
        let found = listed(&file(&text)).expect("found");
        assert_eq!((found.count, found.location.line), (3, 10));
    }

    #[test]
    fn codes_in_indented_code_blocks_are_code() {
        // An indented code block (after a blank line, outside a list)
        // shows its lines as written: its `- 0x...` are not list items.
        // Indented as much inside a list item, they are the item's own
        // list.
        let code = "# Codes\n\nRun:\n\n    - 0x80070005\n    - 0x80070006\n\t- 0x80070007\n    # 0x80070008\n\nDone.\n";
        assert_eq!(listed(&file(code)), None);
        let nested = "- Errors:\n\n    - 0x80070005\n    - 0x80070006\n    - 0x80070007\n";
        assert_eq!(listed(&file(nested)).map(|f| f.count), Some(3));
        // A fence inside a list item, and one never closed, hide their
        // lines too; a fence in an indented block does not open one.
        let fenced = "- Steps:\n\n  ```\n  - 0x80070005\n  - 0x80070006\n  ```\n- 0x80070007\n\n```\n- 0x80070008\n";
        assert_eq!(listed(&file(fenced)).map(|f| f.count), None);
        let after_indented_fence = "Text.\n\n    ```\n\n- 0x80070005\n- 0x80070006\n- 0x80070007\n";
        assert_eq!(
            listed(&file(after_indented_fence)).map(|f| f.count),
            Some(3)
        );
    }

    /// Codes as the terms of a Markdown definition list (kramdown,
    /// Pandoc): each line above a `: ` definition. A paragraph line that
    /// mentions a code, with no definition under it, is no term.
    #[test]
    fn codes_as_terms_of_a_definition_list_are_found() {
        let text = "# Codes\n\n0x8024402C\n: WU_E_PT_WINHTTP_NAME_NOT_RESOLVED — The name cannot be resolved.\n\n**0x80244022**\n: WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL — HTTP 503.\n\n0x80240438\n:   WU_E_PT_ENDPOINT_UNREACHABLE — No route.\n";
        let found = listed(&file(text)).expect("found");
        assert_eq!(found.first, "0x8024402C");
        assert_eq!((found.count, found.location.line), (3, 3));
        let prose = "0x8024402C\n\n0x80244022\n\nSee 0x80240438\n: text\n";
        assert_eq!(listed(&file(prose)), None);
    }

    #[test]
    fn codes_under_headings_and_in_list_items_are_found() {
        let text = "# Codes\n\n## 0x801C03ED\n\nText.\n\n## 0x801c03ee\n\n- **NTE_PERM** (0x80090010): Access denied.\n1. 0x80090003 bad key\n";
        let found = listed(&file(text)).expect("found");
        assert_eq!(found.first, "0x801C03ED");
        assert_eq!((found.location.line, found.location.column), (3, 4));
        assert_eq!(found.count, 4);
    }

    /// An HTML definition list of codes without names is no table errdocs
    /// reads (see `lists`): its codes are listed, in `<dt>` or `<dd>`,
    /// after inline tags too, but not those a sentence mentions.
    #[test]
    fn codes_in_the_elements_of_a_definition_list_are_found() {
        let text = "# Codes\n\n<dl><dt><b>0x80070005</b></dt>\n<dd>Access is denied.</dd>\n<dt>0x8007000E</dt><dd>Out of memory.</dd>\n  <dd>E_INVALIDARG: 0x80070057 bad</dd>\n</dl>\n";
        let found = listed(&file(text)).expect("found");
        assert_eq!(found.first, "0x80070005");
        assert_eq!((found.location.line, found.location.column), (3, 12));
        assert_eq!(found.count, 3);
        let mentions = "<dl>\n<dd>It fails with 0x80070005.</dd>\n<dd>See also 0x8007000E.</dd>\n<dd>Then it returns 0x80070057.</dd>\n</dl>\n";
        assert_eq!(listed(&file(mentions)), None);
        assert_eq!(definition_text("<dl> <dt><code>0x1</code>"), Some(15));
        assert_eq!(definition_text("<p>0x80070005</p>"), None);
        assert_eq!(definition_text("0x80070005 <dt>"), None);
    }

    #[test]
    fn the_first_code_is_the_first_written_whatever_its_x() {
        let text = "- 0X80070005 or 0x80070006\n- 0x80070007\n";
        let found = listed(&file(text)).expect("found");
        assert_eq!(found.first, "0X80070005");
        assert_eq!((found.location.line, found.location.column), (1, 3));
    }

    #[test]
    fn many_listed_codes_are_counted_in_linear_time() {
        // 100,000 distinct codes in list items (1.3 MB): each was compared
        // with every one before it, billions of steps.
        let text: String = (0..100_000u32)
            .map(|i| format!("- 0x{:08X}\n", 0x8000_0000 + i))
            .collect();
        let file = file(&text);
        let found = listed(&file).expect("found");
        assert_eq!((found.count, found.first.as_str()), (100_000, "0x80000000"));
        // No clock: the machine is shared, and speed is measured by `cargo
        // bench`. Walked quadratically, this input makes the test run far
        // longer than the others (minutes where they take seconds).
    }

    /// Whether each code leads its line is found from the line's words
    /// read once: a list item of 20,000 codes on one line read the line
    /// up to each code again (seconds in a release build, minutes here).
    #[test]
    fn a_line_of_many_codes_is_read_in_linear_time() {
        let codes: Vec<String> = (0..20_000u32)
            .map(|i| format!("0x{:08X}", 0x8024_0000 + i))
            .collect();
        let text = format!("# Errors\n\n- {}\n", codes.join(" "));
        let file = file(&text);
        let found = listed(&file).expect("found");
        assert_eq!((found.count, found.first.as_str()), (20_000, "0x80240000"));
        // No clock: the machine is shared, and speed is measured by `cargo
        // bench`. Walked quadratically, this input makes the test run far
        // longer than the others (minutes where they take seconds).
    }

    /// A row that no table holds counts with a code written in groups
    /// (`0x8024 0002`), as a table reads it: such rows were missing from
    /// the dataset without a word. Groups that are no code (`0x1234
    /// 4660`, a short code and its decimal) stay out.
    #[test]
    fn rows_with_codes_in_groups_are_listed() {
        for (row, first) in [
            ("| 0x8024 0004 | WU_E_Z | Text. |", "0x8024 0004"),
            ("| 0x8024_0004 | WU_E_Z | Text. |", "0x8024_0004"),
            ("0x80 24 00 04 | WU_E_Z | Text.", "0x80 24 00 04"),
            ("| 0x8024\u{a0}0004 | WU_E_Z | Text. |", "0x8024\u{a0}0004"),
            ("| 0x8024 004 | WU_E_Z | Text. |", "0x8024 004"),
            ("| 0x 8024 0004 | WU_E_Z | Text. |", "0x 8024 0004"),
        ] {
            let text = format!("# Errors\n\n{row}\n");
            let found = listed(&file(&text));
            assert_eq!(
                found.map(|f| (f.first, f.count, f.location.line)),
                Some((first.to_string(), 1, 3)),
                "{row:?}"
            );
        }
        for row in [
            "| 0x1234 4660 | short code and decimal |",
            "| 0x8024 0002 0003 | three groups |",
            "| 0x80 2400 02 | uneven |",
        ] {
            let text = format!("# Errors\n\n{row}\n");
            assert_eq!(listed(&file(&text)), None, "{row:?}");
        }
        // A heading that repeats a table's code written in groups is an
        // anchor for it, not a code listed outside the table.
        let text = "| Code | Name |\n|---|---|\n| 0x8024 0002 | WU_E_X |\n\n## 0x80240002\n\n## 0x80240003\n\n## 0x80240004\n";
        let structure = crate::ingest::markdown::walk(&file(text), &mut Vec::new());
        let cells = ["0x8024 0002", "WU_E_X"];
        let found = find(&file(text), &structure, || codes_in(cells.into_iter()));
        assert_eq!(found, None);
    }

    /// Whether a code leads its cell is read back from the code to the
    /// nearest character that is no blank or mark: a row of 200,000 codes
    /// in one cell searched back to its bar from each (a minute in a
    /// release build).
    #[test]
    fn a_row_of_many_codes_in_one_cell_is_read_in_linear_time() {
        let codes: Vec<String> = (0..100_000u32)
            .map(|i| format!("0x{:08X}", 0x8024_0000 + i))
            .collect();
        let text = format!("# Errors\n\n| {} |\n", codes.join(" "));
        let file = file(&text);
        // No clock: the machine is shared, and speed is measured by `cargo
        // bench`. Searched back to the bar from each code, this input takes
        // minutes where the other tests take seconds.
        let found = listed(&file).expect("found");
        assert_eq!((found.count, found.first.as_str()), (1, "0x80240000"));
        // Only the first leads its cell; one after a bar does too.
        for (line, at, leads) in [
            ("| 0x80240001 0x80240002 |", 2, true),
            ("| 0x80240001 0x80240002 |", 13, false),
            ("| x | **0x80240002** |", 8, true),
            ("0x80240002 | x |", 0, true),
            ("| word 0x80240002 |", 7, false),
        ] {
            assert_eq!(leads_cell(line, at), leads, "{line:?} at {at}");
        }
    }

    /// The words read once say of every offset what [`leads`] says of the
    /// line up to it, words cut in the middle included.
    #[test]
    fn line_words_agree_with_leads_at_every_offset() {
        for line in [
            "- Error 0x80070005: denied.",
            "- **E_HANDLE**(0x80070006) bad handle",
            "1. If the update fails with 0x80070005, run it.",
            "- word(0x80070006) and more words here 0x80070007",
            "  -   two  spaced\twords 0x80070008 é 0x80070009\n",
            "",
            "-",
        ] {
            let words = LineWords::new(line, true);
            for at in (0..=line.len()).filter(|&at| line.is_char_boundary(at)) {
                assert_eq!(words.leads(at), leads(&line[..at]), "{line:?} at {at}");
            }
        }
    }

    #[test]
    fn prose_code_blocks_and_few_codes_are_left_alone() {
        // Mentions in paragraphs, codes in a fenced block, a GUID piece,
        // and two listed codes: nothing to report.
        let text = "If you see 0x80070005, 0x80070006 or 0x80070007, sign in again.\n\n```text\n- 0x80070008\n- 0x80070009\n- 0x8007000A\n```\n\n- 0x8007000B\n- 0x8007000B\n- 0x8007000Cx\n* {0x12345678-1234}\n- 0x8007000D\n";
        assert_eq!(listed(&file(text)), None);
    }

    /// Each line is named once, however many codes it holds, and whether
    /// codes stand on lines past those named is said apart from their
    /// count.
    #[test]
    fn the_lines_of_the_codes_are_each_named_once() {
        let text = "## 0x80070005 or 0x80070006\n\n## 0x8007000E\n";
        let found = listed(&file(text)).expect("found");
        assert_eq!(found.count, 3);
        assert_eq!(found.places.lines, [1, 3]);
        assert!(!found.places.more_lines);
        let many: String = (1..=7).map(|i| format!("- 0x8007000{i}\n")).collect();
        let found = listed(&file(&many)).expect("found");
        assert_eq!(found.places.lines, [1, 2, 3, 4, 5]);
        assert!(found.places.more_lines);
    }

    /// Troubleshooting articles write their codes in headings and items
    /// without `0x`: after a word that labels a code, or in an HRESULT's
    /// shape, they count with the `0x` ones, a code written both ways once.
    #[test]
    fn codes_without_their_prefix_lead_headings_and_items() {
        let text = "# Troubleshoot enrollment\n\n### Error 8018000a\n\nThe device is already enrolled.\n\n### Error 0x80180014: Device not supported\n\nBlocked.\n\n### Error code 80070005 (E_ACCESSDENIED)\n\nAccess is denied.\n";
        let found = listed(&file(text)).expect("found");
        assert_eq!(found.first, "8018000a");
        assert_eq!((found.location.line, found.location.column), (3, 11));
        assert_eq!(found.count, 3);
        assert_eq!(
            found.places,
            Places {
                headings: 3,
                without_prefix: 2,
                lines: vec![3, 7, 11],
                ..Places::default()
            }
        );
        // Labels in other languages, in list items, and a code with a
        // label but no HRESULT's shape.
        let labelled = "- **Fehler** 12345678: Zugriff verweigert.\n- Erreur 00000005\n- 错误 0000000E\n- エラー 00000057\n";
        let found = listed(&file(labelled)).expect("found");
        assert_eq!((found.count, found.first.as_str()), (4, "12345678"));
        assert_eq!(found.places.items, 4);
        // An HRESULT's shape without a label.
        let shaped = "## 8018000A\n\n## C00D36B4 Media error\n\n## Error 80070005.\n";
        assert_eq!(listed(&file(shaped)).map(|f| f.count), Some(3));
        // The same code written both ways is one code.
        let twice = "## 0x80070005\n## Error 80070005\n## 0x8007000E\n";
        assert_eq!(listed(&file(twice)), None);
    }

    /// Eight digits that are no code stay silent: without a label and
    /// without an HRESULT's shape (a date, a count, a build), a piece of
    /// a GUID, a colour, a version's part, a word of hex letters, or after
    /// a sentence; and paragraphs, and fewer than three codes.
    #[test]
    fn eight_digits_that_are_no_code_are_left_alone() {
        for text in [
            "- 20240115 release\n- 12345678 rows\n- 81234567 bytes\n",
            "- {8018000a-1111-2222}\n- 80180014-x\n- #80180015\n- 1.8018000a\n",
            "- deadbeef\n- Error cafebabe\n- abcdef12x\n",
            "1. If the update fails with 80070005, run it again.\n2. If it fails with 8024402c, check the proxy.\n3. When it stops with 80240017, wait.\n",
            "Error 8018000a, error 80180014 and error 80070005 mean the same.\n",
            "### Error 8018000a\n\n### Error 80180014\n",
            "- Fix error 12345678\n- Fix error 23456789\n- Fix error 34567890\n",
        ] {
            assert_eq!(listed(&file(text)), None, "{text:?}");
        }
        assert!(has_hresult_shape("8018000a"));
        assert!(has_hresult_shape("80070005"));
        assert!(has_hresult_shape("C00D36B4"));
        assert!(!has_hresult_shape("81234567"));
        assert!(!has_hresult_shape("20240115"));
        assert!(!has_hresult_shape("0x800700"));
        // A table's code written without `0x` in a heading is an anchor.
        let text = "| Code | Name |\n|---|---|\n| 0x80070005 | E_X |\n| 8007000E | E_Y |\n\n## 80070005\n\n## Error 8007000e\n\n## 80070057\n";
        let structure = crate::ingest::markdown::walk(&file(text), &mut Vec::new());
        let cells = ["0x80070005", "E_X", "8007000E", "E_Y"];
        let found = find(&file(text), &structure, || codes_in(cells.into_iter()));
        assert_eq!(found, None);
    }

    #[test]
    fn codes_in_the_sentences_of_steps_are_mentions() {
        // A how-to page's steps name codes in sentences: not a list of
        // codes, however many steps.
        let steps = "# Troubleshoot\n\n1. If the update fails with 0x80070005, run it as an administrator.\n2. If it fails with 0x80240017, it does not apply.\n3. When it stops with 0x8024402C, check the proxy.\n## Fix the error that says 0x80070006\n";
        assert_eq!(listed(&file(steps)), None);
        // Items that name a code first, after a word or two, are a list.
        let items = "- Error 0x80070005: denied.\n- **E_HANDLE** (0x80070006, 0x80070007): bad handle.\n* Error code 0x80070008\n";
        assert_eq!(listed(&file(items)).map(|f| f.count), Some(4));
    }
}
