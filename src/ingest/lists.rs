//! Codes listed outside tables. SDK pages list codes as definition lists
//! (`<dt>BG_E_NOT_FOUND (0x80200001)</dt><dd>...</dd>`, or a name `<dt>`
//! with a nested list of its number and its description) and as paragraph
//! entries (`**ERROR_FILE_NOT_FOUND**`, then `2 (0x2)`, then the
//! description; or the description first and a `#define` line after it).
//!
//! The Markdown walk hands over the page's text blocks in order
//! (paragraphs, list items, the text between the tags of HTML blocks), with
//! boundaries where a heading, a table or a code block stands. A run of
//! entries (a block that is a symbolic name, then its code, then text; or
//! the code first, then the name) is a code list when at least three
//! entries have both a name and a code; on a page that has such a list, a
//! run of one or two entries, every one whole, is one too (a section of
//! one or two codes under its heading). A block that states the name or
//! the code may go on with the description (`<dd>0x80070005 Access is
//! denied.</dd>`, see [`super::entry_head`]). A code list
//! becomes a table of four columns (name, code, decimal, description) whose
//! cells keep the place of the text they came from, and is read like any
//! other table.

use std::ops::Range;

use super::entry_head::{Head, head_of};
use super::shape::{CellShape, Shape, Token, shape_of};
use super::table::{Cell, Heading, Row, Table, TableParts, build};
use super::text::normalize_cell_text;
use crate::model::TableFormat;
use crate::source::SourceFile;

/// One block of text of a page, or a boundary between runs of blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph, a list item or the text of an HTML element: its plain
    /// text and where its source is.
    Text {
        /// The plain text (markup removed).
        text: String,
        /// The bytes of its source in the file.
        range: Range<usize>,
    },
    /// A heading, a table or a code block: entries do not run across it.
    Boundary,
}

/// Collects the blocks of a page during the Markdown walk.
#[derive(Debug, Default)]
pub struct BlockCollector {
    blocks: Vec<Block>,
    open: Option<(usize, String)>,
    /// How many `<dl>` are open: only the outermost list's start and end
    /// separate entries (lists nest inside entries).
    list_depth: usize,
    /// The symbolic name an anchor before the open block's text gives
    /// (`<span id="FWP_E_IN_USE"></span>**…**`).
    anchor: Option<String>,
}

impl BlockCollector {
    /// A block starts at byte `start` (a paragraph, a list item): any open
    /// one ends.
    pub fn start(&mut self, start: usize) {
        self.flush(start);
        self.open = Some((start, String::new()));
    }

    /// Inline HTML inside the open block: an anchor named as a symbolic
    /// name, before any of the block's text, is kept for its `flush`.
    pub fn inline_html(&mut self, html: &str) {
        let Some((_, open)) = self.open.as_ref() else {
            return;
        };
        if self.anchor.is_none()
            && open.trim().is_empty()
            && let Some(id) = super::html_scan::span_id(html)
            && super::shape::is_identifier(&id)
        {
            self.anchor = Some(id);
        }
    }

    /// Text inside the open block.
    pub fn push(&mut self, text: &str) {
        if let Some((_, open)) = self.open.as_mut() {
            open.push_str(text);
        }
    }

    /// The open block ends at byte `end`.
    pub fn finish(&mut self, end: usize) {
        self.flush(end);
    }

    /// A heading, a table or a code block.
    pub fn boundary(&mut self, at: usize) {
        self.flush(at);
        self.push_boundary();
    }

    fn push_boundary(&mut self) {
        if self.blocks.last() != Some(&Block::Boundary) {
            self.blocks.push(Block::Boundary);
        }
    }

    /// A line of an HTML block at `range`: the text between its tags, one
    /// block per element that holds text.
    pub fn html(&mut self, html: &str, range: Range<usize>) {
        self.flush(range.start);
        for piece in html_segments(html) {
            match piece {
                HtmlPiece::Text(segment, text) => self.blocks.push(Block::Text {
                    text,
                    range: range.start + segment.start..range.start + segment.end,
                }),
                // The text after a definition list is not its last entry's.
                HtmlPiece::ListOpen => {
                    if self.list_depth == 0 {
                        self.push_boundary();
                    }
                    self.list_depth += 1;
                }
                HtmlPiece::ListClose => {
                    self.list_depth = self.list_depth.saturating_sub(1);
                    if self.list_depth == 0 {
                        self.push_boundary();
                    }
                }
            }
        }
    }

    fn flush(&mut self, end: usize) {
        let anchor = self.anchor.take();
        if let Some((start, mut text)) = self.open.take()
            && !text.trim().is_empty()
        {
            // Machine translation translates the words of a name it does
            // not know for one (`**FWP\_E\_IN\_USE**` became `Verwendung
            // von "f" ( \_ E) \_ \_`); the anchor before it still names
            // the constant. A block that states no name or code of its own
            // is the name its anchor gives.
            if let Some(name) = anchor
                && head_of(&text, &shape_of(&text)).is_none()
            {
                text = name;
            }
            self.blocks.push(Block::Text {
                text,
                range: start..end.max(start),
            });
        }
    }

    /// The blocks, in page order.
    pub fn into_blocks(mut self, end: usize) -> Vec<Block> {
        self.flush(end);
        self.blocks
    }
}

/// A piece of a line of HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
enum HtmlPiece {
    /// An element's text: its bytes in the line, and the text.
    Text(Range<usize>, String),
    /// A `<dl>`.
    ListOpen,
    /// A `</dl>`.
    ListClose,
}

/// The text of the elements of one line of HTML: segments between the tags
/// that separate blocks (`dt`, `dd`, `p`, `li`, `br`, `div`), other tags
/// dropped, common entities decoded; and where a definition list starts
/// or ends.
fn html_segments(html: &str) -> Vec<HtmlPiece> {
    const SEPARATORS: &[&str] = &["dt", "dd", "p", "li", "br", "div", "dl", "ul", "ol"];
    let mut segments = Vec::new();
    let mut text = String::new();
    let mut start = 0;
    let mut i = 0;
    let bytes = html.as_bytes();
    let flush = |segments: &mut Vec<HtmlPiece>, text: &mut String, start: usize, end: usize| {
        let decoded = decode_entities(text);
        if !decoded.trim().is_empty() {
            segments.push(HtmlPiece::Text(start..end, decoded));
        }
        text.clear();
    };
    while i < bytes.len() {
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
            continue;
        }
        if bytes[i] == b'<' {
            let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
            let name: String = html[i + 1..end]
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if SEPARATORS.contains(&name.as_str()) {
                flush(&mut segments, &mut text, start, i);
                start = end;
                if name == "dl" {
                    segments.push(if html[i + 1..].starts_with('/') {
                        HtmlPiece::ListClose
                    } else {
                        HtmlPiece::ListOpen
                    });
                }
            }
            i = end;
            continue;
        }
        let c = html[i..].chars().next().unwrap_or(' ');
        if text.is_empty() && c.is_whitespace() {
            start = i + c.len_utf8();
        } else {
            text.push(c);
        }
        i += c.len_utf8();
    }
    flush(&mut segments, &mut text, start, html.len());
    segments
}

/// Decodes the entities pages write in raw HTML: the five of XML, `&nbsp;`,
/// the typographic ones that part a code from its text (`&ndash;`,
/// `&mdash;`) or quote it, and numeric ones. Others are left as written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|end| {
            let entity = &tail[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "hellip" => Some('…'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A block's text, shape and place, and what it leads with.
struct Piece<'b> {
    text: String,
    range: &'b Range<usize>,
    shape: CellShape,
    head: Option<Head>,
}

impl Piece<'_> {
    /// Where the text after the block's name or code starts (its end when
    /// the block is a name or a code alone): the code is looked for before
    /// it, so a number in the description is not taken for the code.
    fn head_end(&self) -> usize {
        match self.head {
            Some(Head::NameThenText { rest, .. } | Head::CodeThenText { rest }) => rest,
            _ => self.text.len(),
        }
    }

    /// Where the first token that `wanted` accepts is, in the head.
    fn head_token(&self, wanted: impl Fn(&Token) -> bool) -> Option<Range<usize>> {
        let end = self.head_end();
        self.shape
            .tokens
            .iter()
            .find(|t| t.span.end <= end && wanted(&t.token))
            .map(|t| t.span.clone())
    }
}

/// One entry: the blocks of its name and its code, and the blocks of its
/// description (each from a byte of its text on: the block that states the
/// name or the code may go on with the description).
#[derive(Default)]
struct Entry {
    name: Option<(usize, Range<usize>)>,
    code: Option<usize>,
    description: Vec<(usize, usize)>,
}

impl Entry {
    fn complete(&self) -> bool {
        self.name.is_some() && self.code.is_some()
    }

    /// The first block of the entry.
    fn first(&self) -> Option<usize> {
        let name = self.name.as_ref().map(|(i, _)| *i);
        match (name, self.code) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// A block of the description, from byte `from` of its text.
    fn describe(&mut self, piece: usize, from: usize) {
        self.description.push((piece, from));
    }
}

/// Which part of an entry starts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// The name (`<dt>E_X</dt><dd>0x... text</dd>`, `**NAME**` then
    /// `2 (0x2)`): a code fills the entry's code.
    Name,
    /// The code (`<dt>0x80070005</dt><dd>E_X: text</dd>`): a name fills
    /// the entry's name.
    Code,
}

/// The entries of a run of blocks, each started by its `lead`. Blocks
/// before the first entry are page text, not part of any.
fn entries_of(pieces: &[Piece], lead: Lead) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let head = piece.head.clone();
        // Both together always start an entry.
        if let Some(Head::Bare {
            name: Some(name),
            code: true,
        }) = head
        {
            entries.push(Entry {
                name: Some((i, name)),
                code: Some(i),
                description: Vec::new(),
            });
            continue;
        }
        if let (
            Lead::Name,
            Some(Head::Bare {
                name: Some(name), ..
            }),
        ) = (lead, &head)
        {
            entries.push(Entry {
                name: Some((i, name.clone())),
                ..Entry::default()
            });
            continue;
        }
        if let (
            Lead::Code,
            Some(Head::Bare {
                name: None,
                code: true,
            }),
        ) = (lead, &head)
        {
            entries.push(Entry {
                code: Some(i),
                ..Entry::default()
            });
            continue;
        }
        let Some(entry) = entries.last_mut() else {
            continue;
        };
        match (lead, head) {
            // The entry's code, after its name; as the entry's last block
            // only as `#define NAME 0x...` under the description: a lone code
            // after a description starts the next entry of a list led by
            // codes, which the name-led reading must not take.
            (
                Lead::Name,
                Some(Head::Bare {
                    name: None,
                    code: true,
                }),
            ) if entry.code.is_none()
                && (entry.description.is_empty() || piece.text.starts_with("#define ")) =>
            {
                entry.code = Some(i)
            }
            (Lead::Name, Some(Head::CodeThenText { rest }))
                if entry.code.is_none() && entry.description.is_empty() =>
            {
                entry.code = Some(i);
                entry.describe(i, rest);
            }
            // The entry's name, after its code.
            (
                Lead::Code,
                Some(Head::Bare {
                    name: Some(name),
                    code: false,
                }),
            ) if entry.name.is_none() => entry.name = Some((i, name)),
            (Lead::Code, Some(Head::NameThenText { name, rest }))
                if entry.name.is_none() && entry.description.is_empty() =>
            {
                entry.name = Some((i, name));
                entry.describe(i, rest);
            }
            _ => entry.describe(i, 0),
        }
    }
    entries
}

/// The code lists among `blocks`, as tables numbered from `first_index`.
/// `headings` are the page's headings, for each list's section.
pub fn find(
    file: &SourceFile,
    blocks: &[Block],
    headings: &[Heading],
    first_index: usize,
) -> Vec<Table> {
    let mut tables = Vec::new();
    // Each run's blocks, its entries, and whether they are a list of codes
    // by themselves, or a short one on a page that lists codes.
    let mut runs = Vec::new();
    for run in blocks.split(|b| *b == Block::Boundary) {
        let pieces: Vec<Piece> = run
            .iter()
            .filter_map(|b| match b {
                Block::Text { text, range } => {
                    let (text, _) = normalize_cell_text(text);
                    let shape = shape_of(&text);
                    // `#define NAME 0x...`: the entry's code (its name is
                    // the entry's, above it).
                    let head = if text.starts_with("#define ") {
                        Some(Head::Bare {
                            name: None,
                            code: true,
                        })
                    } else {
                        head_of(&text, &shape)
                    };
                    Some(Piece {
                        text,
                        range,
                        shape,
                        head,
                    })
                }
                Block::Boundary => None,
            })
            .collect();
        // Lists start their entries with the name or with the code: read
        // both ways, the way that finds more whole entries wins (the name,
        // as pages mostly write them, on a tie).
        let by_name = entries_of(&pieces, Lead::Name);
        let by_code = entries_of(&pieces, Lead::Code);
        let complete = |entries: &[Entry]| entries.iter().filter(|e| e.complete()).count();
        // On a tie, the reading whose first entry starts first: the other
        // left the list's first block out of every entry.
        let starts_at = |entries: &[Entry]| entries.first().and_then(Entry::first);
        let by_code_wins = complete(&by_code) > complete(&by_name)
            || (complete(&by_code) == complete(&by_name)
                && starts_at(&by_code) < starts_at(&by_name));
        let entries = if by_code_wins { by_code } else { by_name };
        let complete = complete(&entries);
        let list = complete >= 3 && complete * 5 >= entries.len() * 4;
        // One or two entries alone are too few to tell a list from prose
        // that names a code; where the page lists codes so elsewhere, a
        // run whose every entry is whole is a short list of its own (a
        // section of one or two codes under its heading).
        let short = complete >= 1 && complete == entries.len();
        runs.push((pieces, entries, list, short));
    }
    let page_lists_codes = runs.iter().any(|(_, _, list, _)| *list);
    for (pieces, entries, list, short) in runs {
        if !(list || (short && page_lists_codes)) {
            continue;
        }
        let Some(first) = entries
            .first()
            .and_then(Entry::first)
            .and_then(|i| pieces.get(i))
        else {
            continue;
        };
        let start = first.range.start;
        let line = file.line_column(start).0;
        let heading = headings.iter().rfind(|h| h.location.line <= line).cloned();
        let rows = entries
            .iter()
            .map(|entry| entry_row(file, &pieces, entry))
            .collect();
        let empty = || Cell::empty(file.location(start), start);
        let mut table = build(
            file,
            TableParts {
                index: first_index + tables.len(),
                format: TableFormat::List,
                location: file.location(start),
                heading,
                header: vec![empty(), empty(), empty(), empty()],
                rows,
            },
        );
        // Some entries give their code as hex, some as a decimal number.
        if !table.forms.decimal_codes
            && let Some(code) = table.column(crate::model::ColumnRole::Code)
        {
            table.forms.mixed = table.rows.iter().any(|row| {
                row.cells
                    .get(code)
                    .is_some_and(|c| shape_of(&c.text).shape == Shape::Decimal)
            });
        }
        tables.push(table);
    }
    tables
}

/// A cell of a block's whole text.
fn block_cell(file: &SourceFile, piece: &Piece) -> Cell {
    let range = piece.range.clone();
    let source = file.text.get(range.clone()).unwrap_or("");
    let leading = source.len() - source.trim_start().len();
    Cell::new(
        file.location(range.start + leading),
        range.start,
        source,
        piece.text.clone(),
        source.trim(),
        Vec::new(),
    )
}

/// The row of an entry: its name, hex code, decimal number and
/// description, each cut from the block that states it.
fn entry_row(file: &SourceFile, pieces: &[Piece], entry: &Entry) -> Row {
    let first_piece = entry.first().and_then(|i| pieces.get(i));
    let location = first_piece.map_or_else(|| file.location(0), |p| file.location(p.range.start));
    let empty = || Cell::empty(location.clone(), first_piece.map_or(0, |p| p.range.start));
    let part = |piece: &Piece, span: Option<Range<usize>>| match span {
        Some(span) => block_cell(file, piece).part(file, span),
        None => empty(),
    };
    let name = match &entry.name {
        Some((i, span)) => pieces
            .get(*i)
            .map_or_else(empty, |p| part(p, Some(span.clone()))),
        None => empty(),
    };
    let code_piece = entry.code.and_then(|i| pieces.get(i));
    // The code is the hex number, where the entry writes one; else its
    // decimal number is the code (`#define X 6200L`), and the decimal
    // column is for the decimal that restates a hex code (`2 (0x2)`).
    let (code, decimal) = match code_piece {
        Some(p) => {
            let hex = p.head_token(|t| matches!(t, Token::Hex(_)));
            let number = p.head_token(|t| matches!(t, Token::Decimal(_)));
            match (hex, number) {
                (Some(hex), number) => (part(p, Some(hex)), part(p, number)),
                (None, Some(number)) => (part(p, Some(number)), empty()),
                (None, None) => (empty(), empty()),
            }
        }
        None => (empty(), empty()),
    };
    let description = description_cell(file, pieces, &entry.description).unwrap_or_else(empty);
    Row {
        location,
        cells: vec![name, code, decimal, description],
        extra_cells: Vec::new(),
        part: 0,
        aliases: thin_vec::ThinVec::new(),
    }
}

/// The description of an entry, from its blocks (the first from byte
/// `from` of its text on): their texts a paragraph each, their source
/// from where the first's text starts to the end of the last.
fn description_cell(file: &SourceFile, pieces: &[Piece], parts: &[(usize, usize)]) -> Option<Cell> {
    let &(first_index, from) = parts.first()?;
    let first = pieces.get(first_index)?;
    let last = parts.last().and_then(|&(i, _)| pieces.get(i))?;
    let start = if from == 0 {
        first.range.start
    } else {
        text_start(file, first, from)
    };
    let range = start..last.range.end.max(start);
    let source = file.text.get(range.clone()).unwrap_or("");
    let text = parts
        .iter()
        .filter_map(|&(i, from)| pieces.get(i).and_then(|p| p.text.get(from..)))
        .collect::<Vec<_>>()
        .join("\n\n");
    let leading = source.len() - source.trim_start().len();
    Some(Cell::new(
        file.location(range.start + leading),
        range.start,
        source,
        text,
        source.trim(),
        Vec::new(),
    ))
}

/// Where in the file the text from byte `from` of `piece`'s text is
/// written: its first word, looked for after the piece's first token (the
/// name or code before it). The piece's start where it cannot be found
/// (an entity or markup inside that word), so the description still holds
/// all its text.
fn text_start(file: &SourceFile, piece: &Piece, from: usize) -> usize {
    let rest = piece.text.get(from..).unwrap_or("");
    let word_end = rest
        .find(char::is_whitespace)
        .map_or(piece.text.len(), |end| from + end);
    let head = piece.shape.tokens.first().map_or(0..0, |t| t.span.clone());
    let parts = block_cell(file, piece).parts(file, [head, from..word_end]);
    parts
        .get(1)
        .map(|cell| cell.offset)
        .filter(|&offset| offset > piece.range.start)
        .unwrap_or(piece.range.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces of blocks of `texts`, each with a range of its own.
    fn pieces<'r>(texts: &[&str], ranges: &'r [Range<usize>]) -> Vec<Piece<'r>> {
        texts
            .iter()
            .zip(ranges)
            .map(|(text, range)| {
                let shape = shape_of(text);
                Piece {
                    head: head_of(text, &shape),
                    text: text.to_string(),
                    range,
                    shape,
                }
            })
            .collect()
    }

    /// Each entry as (name block, code block, description blocks and the
    /// byte each starts from).
    type Read = (Option<usize>, Option<usize>, Vec<(usize, usize)>);

    fn read(entries: &[Entry]) -> Vec<Read> {
        entries
            .iter()
            .map(|e| {
                let name = e.name.as_ref().map(|(i, _)| *i);
                (name, e.code, e.description.clone())
            })
            .collect()
    }

    #[test]
    fn entries_are_led_by_the_name_or_by_the_code() {
        let ranges: Vec<Range<usize>> = (0..8).map(|i| i..i + 1).collect();
        let by_code = [
            "0x80070005",
            "E_ACCESSDENIED: Access is denied.",
            "More about it.",
            "0x8007000E",
            "E_OUTOFMEMORY",
            "Not enough memory.",
        ];
        let pieces_by_code = pieces(&by_code, &ranges);
        assert_eq!(
            read(&entries_of(&pieces_by_code, Lead::Code)),
            [
                (Some(1), Some(0), vec![(1, 16), (2, 0)]),
                (Some(4), Some(3), vec![(5, 0)]),
            ]
        );
        // Led by names, the same blocks give no whole entry.
        assert!(
            entries_of(&pieces_by_code, Lead::Name)
                .iter()
                .all(|e| !e.complete())
        );
        // A code in the page's text above name-led entries starts no
        // entry of its own there: the names lead.
        let by_name = [
            "See 0x80070005 below.",
            "E_ACCESSDENIED",
            "0x80070005 Access is denied.",
            "E_OUTOFMEMORY",
            "0x8007000E: Not enough memory.",
            "0x8007000E is also returned when it fails.",
        ];
        let pieces_by_name = pieces(&by_name, &ranges);
        assert_eq!(
            read(&entries_of(&pieces_by_name, Lead::Name)),
            [
                (Some(1), Some(2), vec![(2, 11)]),
                (Some(3), Some(4), vec![(4, 12), (5, 0)]),
            ]
        );
    }

    #[test]
    fn html_lines_give_the_text_of_their_elements() {
        assert_eq!(
            html_segments("<dl> <dt>ERROR_X (0x1)</dt><dd>It &amp; that</dd>"),
            [
                HtmlPiece::ListOpen,
                HtmlPiece::Text(9..22, "ERROR_X (0x1)".into()),
                HtmlPiece::Text(31..44, "It & that".into()),
            ]
        );
        assert!(html_segments("</dt> <dd>").is_empty());
        assert_eq!(html_segments("</dd> </dl>"), [HtmlPiece::ListClose]);
        assert_eq!(decode_entities("a&#42;b&#x2A;&bogus;"), "a*b*&bogus;");
        assert_eq!(decode_entities("0x5 &ndash; &ldquo;A&rdquo;"), "0x5 – “A”");
    }
}
