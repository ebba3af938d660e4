//! The Markdown walk: headings, GFM pipe tables, and the HTML tables that
//! sit in the Markdown as raw HTML.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::html;
use super::html_scan::{TableIndex, anchor_name, comment_ranges, find_ascii_ci, starts_with_ci};
use super::lists::BlockCollector;
use super::problem::IngestProblem;
use super::table::{Cell, Heading, Row, Table, TableParts};
use super::text::normalize_cell_text;
use crate::model::TableFormat;
use crate::source::SourceFile;

/// Headings and tables of one file, in file order.
#[derive(Debug, Default)]
pub struct Structure {
    /// Every non-empty heading.
    pub headings: Vec<Heading>,
    /// Every table, Markdown and HTML.
    pub tables: Vec<Table>,
    /// Every link target, with the link's location, in file order.
    pub links: Vec<(String, crate::source::Location)>,
    /// The byte ranges of the HTML comments that Markdown reads as HTML (not
    /// those shown in code blocks or code spans), in file order.
    pub html_comments: Vec<Range<usize>>,
    /// Where the Markdown starts: after the front matter, if there is one.
    pub body_start: usize,
    /// The byte ranges of the code blocks, fenced and indented, in file
    /// order (as Markdown reads them: an indented line in a list item is
    /// no code block).
    pub code_blocks: Vec<Range<usize>>,
    /// The byte ranges of the HTML blocks (a line that starts with a tag,
    /// to the next blank line), in file order: the lines in them are shown
    /// as HTML, so a table written there is no table.
    pub html_blocks: Vec<Range<usize>>,
    /// The extent of an HTML comment that is never closed, from its `<!--`
    /// to where Markdown's HTML block ends, if there is one.
    pub unclosed_comment: Option<Range<usize>>,
    /// The extents of the fenced code blocks never closed, from the fence
    /// to the end of the page (or of the list item or quote they are in),
    /// whose lines hold what would be read as a table: Markdown shows it
    /// as code.
    pub unclosed_fences: Vec<UnclosedFence>,
}

struct HeadingInProgress {
    level: u8,
    start: usize,
    text: String,
    anchor: Option<String>,
}

struct CellInProgress {
    range: Range<usize>,
    text: String,
    /// Inside `<sup>`: its text so far, a note mark (see
    /// [`super::text::push_superscript`]), added whole at `</sup>` (the
    /// parser hands `[1]` over in three pieces).
    superscript: Option<String>,
    /// Where an HTML table of codes written in the cell ends: it is read
    /// as a table of its own, so what comes before this offset is not
    /// the cell's text.
    skip_until: usize,
    /// Where the last HTML table read in the cell ends: the tables inside
    /// it were read with it.
    tables_read_until: usize,
    /// The text of the cell's hidden source copies (see [`HiddenCopy`]):
    /// the cell's text when the translation broke the code or name the
    /// copy states (see [`super::hidden_copy::translation_or_source`]).
    source_copy: String,
}

struct TableInProgress {
    start: usize,
    header: Vec<Cell>,
    rows: Vec<Row>,
    row: Vec<Cell>,
    row_range: Range<usize>,
    cell: Option<CellInProgress>,
    in_head: bool,
    /// The empty cells the Markdown reader padded its body rows with, as
    /// their raw lines count them.
    padded: usize,
    /// The HTML tables of codes written in its cells, read on their own:
    /// they follow the table among the file's tables.
    nested: Vec<Table>,
}

/// Walks the Markdown of `file` (front matter skipped) and collects its
/// structure. HTML tables are cut from the raw text and read with
/// [`html::read_tables`], so a blank line inside one does not split it.
pub fn walk(file: &SourceFile, problems: &mut Vec<IngestProblem>) -> Structure {
    let text = file.text.as_str();
    let body_start = super::front_matter::split(text).map_or(0, |(_, start)| start);
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    // A footnote mark (`supported.[^1]`) is a link to a note, not words of
    // the cell: GitHub and Learn show it as a superscript number. Only a
    // mark whose note the page defines is one; others stay text.
    options.insert(Options::ENABLE_FOOTNOTES);

    let mut structure = Structure {
        body_start,
        ..Structure::default()
    };
    let mut heading: Option<HeadingInProgress> = None;
    let mut table: Option<TableInProgress> = None;
    let mut skip_until = 0;
    let mut html_block_end = 0;
    let comments = comment_ranges(text);
    // Every HTML table and its end, found once for the file.
    let table_index = TableIndex::new(text);
    // Where Markdown reads raw HTML: HTML blocks, inline HTML and the HTML
    // tables read from the raw text.
    let mut html_ranges: Vec<Range<usize>> = Vec::new();

    // The text blocks outside tables, for codes listed as paragraphs or
    // definition lists.
    let mut blocks = BlockCollector::default();
    let mut hidden_copy = HiddenCopy::default();

    let body = with_mkdocs_blocks_as_items(&text[body_start..]);
    let body = without_directives_in_tables(&body, options);
    for (event, range) in Parser::new_ext(&body, options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        if range.start < skip_until {
            continue;
        }
        let in_table_or_heading = table.is_some() || heading.is_some();
        let block_html = matches!(event, Event::Html(_));
        // The copy is a run of inline HTML: a span left open does not
        // hide the blocks after its own.
        if let Event::End(
            TagEnd::Paragraph
            | TagEnd::TableCell
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::HtmlBlock,
        ) = event
        {
            hidden_copy = HiddenCopy::default();
        }
        match event {
            Event::Start(Tag::Paragraph | Tag::Item) if !in_table_or_heading => {
                blocks.start(range.start);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) if !in_table_or_heading => {
                blocks.finish(range.end);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                blocks.boundary(range.start);
                structure.code_blocks.push(range.clone());
                if matches!(kind, CodeBlockKind::Fenced(_))
                    && let Some((fence, at)) = unclosed_fence_over_a_table(&text[range.clone()])
                {
                    structure.unclosed_fences.push(UnclosedFence {
                        range: range.clone(),
                        fence,
                        table_at: range.start + at,
                    });
                }
                if let CodeBlockKind::Fenced(info) = kind
                    && super::list_table::is_list_table(&info)
                    && let Some(parts) = super::list_table::read(
                        file,
                        range.clone(),
                        structure.tables.len(),
                        structure.headings.last().cloned(),
                        problems,
                    )
                {
                    structure.tables.push(super::table::build(file, parts));
                }
            }
            Event::Rule => blocks.boundary(range.start),
            Event::Start(Tag::HtmlBlock) => {
                html_block_end = range.end;
                html_ranges.push(range.clone());
                structure.html_blocks.push(range.clone());
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                blocks.boundary(range.start);
                heading = Some(HeadingInProgress {
                    level: level as u8,
                    start: range.start,
                    text: String::new(),
                    anchor: id.map(|id| id.to_string()),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    let (text, _) = normalize_cell_text(&h.text);
                    if !text.is_empty() {
                        structure.headings.push(Heading {
                            level: h.level,
                            text,
                            anchor: h.anchor,
                            location: file.location(h.start),
                        });
                    }
                }
            }
            Event::Start(Tag::Table(_)) => {
                blocks.boundary(range.start);
                table = Some(TableInProgress {
                    start: range.start,
                    header: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    row_range: range.clone(),
                    cell: None,
                    in_head: false,
                    padded: 0,
                    nested: Vec::new(),
                });
            }
            Event::Start(Tag::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.in_head = true;
                    t.row_range = range.clone();
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.row_range = range.clone();
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(t) = table.as_mut() {
                    t.cell = Some(CellInProgress {
                        range: range.clone(),
                        text: String::new(),
                        superscript: None,
                        skip_until: 0,
                        tables_read_until: 0,
                        source_copy: String::new(),
                    });
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(t) = table.as_mut()
                    && let Some(mut cell) = t.cell.take()
                {
                    // A `<sup>` the cell never closed: its text is kept.
                    if let Some(raised) = cell.superscript.take() {
                        super::text::push_superscript(&mut cell.text, &raised);
                    }
                    t.row.push(markdown_cell(file, cell));
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.header = std::mem::take(&mut t.row);
                    t.in_head = false;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    let cells = std::mem::take(&mut t.row);
                    let row = finish_markdown_row(file, t, cells, problems);
                    t.rows.push(row);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    if let Some(location) = cut_short_at(file, &t) {
                        problems.push(IngestProblem::TableCutShort {
                            location,
                            width: t.header.len(),
                            rows: t.rows.len(),
                        });
                    }
                    let heading = structure.headings.last().cloned();
                    let sections = super::table::split_vertical_records(
                        &t.header,
                        super::table::pipe_sections(&t.header, t.rows, heading),
                    );
                    let location = file.location(t.start);
                    for (i, (heading, rows)) in sections.into_iter().enumerate() {
                        // A section after the first starts at its first row.
                        let location = rows
                            .first()
                            .filter(|_| i > 0)
                            .map_or_else(|| location.clone(), |r| r.location.clone());
                        let parts = TableParts {
                            index: structure.tables.len(),
                            format: TableFormat::Markdown,
                            location,
                            heading,
                            header: t.header.clone(),
                            rows,
                        };
                        structure.tables.push(super::table::build(file, parts));
                    }
                    for mut nested in t.nested {
                        nested.index = structure.tables.len();
                        structure.tables.push(nested);
                    }
                }
            }
            Event::Text(s) | Event::Code(s) if hidden_copy.is_open() => {
                if let Some(cell) = table.as_mut().and_then(|t| t.cell.as_mut()) {
                    cell.source_copy.push_str(&s);
                }
            }
            Event::Text(s) | Event::Code(s) => {
                if let Some(cell) = table.as_mut().and_then(|t| t.cell.as_mut()) {
                    if range.start < cell.skip_until {
                        continue;
                    }
                    if let Some(raised) = cell.superscript.as_mut() {
                        raised.push_str(&s);
                    } else {
                        cell.text.push_str(&s);
                    }
                } else if let Some(h) = heading.as_mut() {
                    h.text.push_str(&s);
                } else {
                    blocks.push(&s);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(cell) = table.as_mut().and_then(|t| t.cell.as_mut()) {
                    cell.text.push(' ');
                } else if let Some(h) = heading.as_mut() {
                    h.text.push(' ');
                } else {
                    blocks.push("\n");
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                structure
                    .links
                    .push((dest_url.to_string(), file.location(range.start)));
            }
            Event::Html(s) | Event::InlineHtml(s) => {
                html_ranges.push(range.clone());
                if hidden_copy.read(&s) {
                    // The copy's own `<dt>`s and `<br/>`s part its words
                    // (`DXGI_ERROR_ACCESS_DENIED 0x887A002B`).
                    if let Some(cell) = table.as_mut().and_then(|t| t.cell.as_mut())
                        && (breaks_text(&s) || find_ascii_ci(&s, "<br").is_some())
                    {
                        cell.source_copy.push(' ');
                    }
                    continue;
                }
                if let Some(h) = heading.as_mut() {
                    if h.anchor.is_none() {
                        h.anchor = anchor_name(&s);
                    }
                    continue;
                }
                if let Some(t) = table.as_mut()
                    && let Some(cell) = t.cell.as_mut()
                {
                    if range.start < cell.skip_until {
                        continue;
                    }
                    // An HTML table written in the cell, on the row's line:
                    // a table of codes there is a table of its own (its
                    // codes would otherwise be words of the cell's text and
                    // in no record); any other stays the cell's text.
                    if let Some(start) = table_index.starts_in(range.clone()).next()
                        && start >= cell.tables_read_until
                        && let Some(end) = table_index
                            .end_of(start)
                            .filter(|&end| end <= cell.range.end)
                    {
                        cell.tables_read_until = end;
                        let mut found = Vec::new();
                        let heading = structure.headings.last().cloned();
                        let tables = html::read_tables(file, start..end, 0, heading, &mut found);
                        if html::holds_codes(&tables) {
                            problems.extend(found);
                            t.nested.extend(tables);
                            cell.skip_until = end;
                            continue;
                        }
                        problems.extend(html::kept_for_text(found));
                    }
                    match superscript_tag(&s) {
                        Some(true) => {
                            cell.superscript.get_or_insert_with(String::new);
                            continue;
                        }
                        Some(false) => {
                            if let Some(raised) = cell.superscript.take() {
                                super::text::push_superscript(&mut cell.text, &raised);
                            }
                            continue;
                        }
                        None => {}
                    }
                    if find_ascii_ci(&s, "<br").is_some() {
                        cell.text.push('\n');
                    } else if breaks_text(&s) && !cell.text.trim().is_empty() {
                        // `<li>` items and paragraphs in a cell are not one
                        // run of text ("unsigned.The publisher"): a blank
                        // line apart, as the HTML reader keeps them.
                        while !cell.text.ends_with("\n\n") {
                            cell.text.push('\n');
                        }
                    }
                    continue;
                }
                if !block_html {
                    blocks.inline_html(&s);
                }
                if !block_html && find_ascii_ci(&s, "<br").is_some() {
                    blocks.push("\n");
                }
                if block_html && table_index.starts_in(range.clone()).next().is_none() {
                    blocks.html(&s, range.clone());
                }
                // Every table that starts here (several may share a line),
                // read from the raw text so that blank lines inside one do
                // not split it. Tables inside comments are not content.
                let mut from = range.start;
                while let Some(start) = table_index.starts_in(from..range.end).next() {
                    let end = match table_index.end_of(start) {
                        Some(end) => end,
                        None => {
                            // Unclosed: it ends with its HTML block, and the
                            // Markdown after it is still read.
                            problems.push(IngestProblem::UnclosedHtmlTable {
                                location: file.location(start),
                            });
                            html_block_end.max(range.end)
                        }
                    };
                    html_ranges.push(start..end);
                    blocks.boundary(start);
                    let index = structure.tables.len();
                    let heading = structure.headings.last().cloned();
                    structure.tables.extend(html::read_tables(
                        file,
                        start..end,
                        index,
                        heading,
                        problems,
                    ));
                    skip_until = end;
                    from = end;
                }
            }
            _ => {}
        }
    }
    // Codes listed as paragraphs or definition lists, after the tables.
    let blocks = blocks.into_blocks(text.len());
    let first_index = structure.tables.len();
    structure.tables.extend(super::lists::find(
        file,
        &blocks,
        &structure.headings,
        first_index,
    ));
    // A comment counts where Markdown reads it as HTML: where it starts
    // inside one of those ranges.
    let html_ranges = merge_ranges(html_ranges);
    let html_range_of = |at: usize| {
        let after = html_ranges.partition_point(|h| h.start <= at);
        (after > 0 && html_ranges[after - 1].contains(&at)).then(|| &html_ranges[after - 1])
    };
    structure.html_comments = comments
        .into_iter()
        .filter(|c| html_range_of(c.start).is_some())
        .collect();
    // A comment never closed runs to the end of the HTML block Markdown
    // reads it in: the end of the page, or of the list or quote it is in.
    structure.unclosed_comment = structure
        .html_comments
        .last()
        .filter(|c| !text[(*c).clone()].ends_with("-->"))
        .and_then(|c| html_range_of(c.start).map(|h| c.start..c.end.min(h.end)));
    structure
}

/// A fenced code block that is never closed and runs over lines that,
/// outside it, would be a table (see [`unclosed_fence_over_a_table`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnclosedFence {
    /// The block, from its opening fence to where Markdown ends it.
    pub range: Range<usize>,
    /// The fence as written (```` ``` ````, `~~~~`).
    pub fence: String,
    /// Where the first line that would be a table starts.
    pub table_at: usize,
}

/// The fence of the fenced code block `block` (its text from the opening
/// fence on) and the offset in it of the first line that would be a table
/// (a pipe row, or an HTML table), when the block is never closed: a
/// fence left open (its closing line lost in an edit, or written with
/// fewer backticks) shows the rest of the page as code, and its tables
/// were gone without a word. `None` for a block closed by its fence, and
/// for one of code alone.
fn unclosed_fence_over_a_table(block: &str) -> Option<(String, usize)> {
    /// A line of a list item or a quote without what it starts with.
    fn content(line: &str) -> &str {
        line.trim_start_matches(|c: char| c == '>' || c.is_whitespace())
    }
    let opening = content(block.lines().next()?);
    let fence_char = opening.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let width = opening.chars().take_while(|&c| c == fence_char).count();
    let last = content(block.lines().last()?).trim_end();
    let closed = block.lines().nth(1).is_some()
        && last.len() >= width
        && last.chars().all(|c| c == fence_char);
    if closed {
        return None;
    }
    let mut offset = 0;
    for (index, line) in block.split_inclusive('\n').enumerate() {
        let text = content(line).trim_end();
        let table = (text.starts_with('|') && text[1..].contains('|'))
            || find_ascii_ci(text, "<table").is_some();
        if index > 0 && table {
            return Some((fence_char.to_string().repeat(width), offset));
        }
        offset += line.len();
    }
    None
}

/// `body` with the opening line of each MkDocs block (an admonition
/// `!!! note "Title"`, a collapsible `??? note` or `???+ note`, a content
/// tab `=== "Tab"`) turned into a list item, byte for byte: its first three
/// bytes become `-  `. MkDocs shows what is indented four spaces under
/// such a line as the block's content; CommonMark, which knows no such
/// blocks, shows it as an indented code block, and a table there was left
/// unread without a word. As a list item's content it is read as MkDocs
/// reads it, tables included, nested blocks too (each level four spaces
/// further in); and as no byte moves, every location stays the file's.
/// Lines inside fenced code blocks are code and stay as they are; a line
/// of `===` alone (a setext heading's underline) is no tab.
fn with_mkdocs_blocks_as_items(body: &str) -> std::borrow::Cow<'_, str> {
    // Most pages have no such block: one search says so (memchr's, which
    // is several times faster than `str::contains` on a whole page).
    if !["!!!", "???", "==="]
        .iter()
        .any(|marker| memchr::memmem::find(body.as_bytes(), marker.as_bytes()).is_some())
    {
        return std::borrow::Cow::Borrowed(body);
    }
    let mut rewritten: Option<Vec<u8>> = None;
    let mut fence: Option<Fence> = None;
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = &line[indent..];
        if let Some(open) = fence {
            if open.closed_by(rest) {
                fence = None;
            }
            continue;
        }
        fence = Fence::opened_by(rest);
        if fence.is_none() && opens_mkdocs_block(rest) {
            let bytes = rewritten.get_or_insert_with(|| body.as_bytes().to_vec());
            let at = line_start + indent;
            bytes[at..at + 3].copy_from_slice(b"-  ");
        }
    }
    match rewritten {
        // Three ASCII bytes were replaced by three others: still UTF-8.
        Some(bytes) => {
            std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| body.to_string()))
        }
        None => std::borrow::Cow::Borrowed(body),
    }
}

/// A code fence that is open: its character and how many of them.
#[derive(Debug, Clone, Copy)]
struct Fence {
    mark: u8,
    len: usize,
}

impl Fence {
    /// The fence `line` (its indentation removed) opens, if it opens one:
    /// three backticks or tildes or more (backticks with none in the info
    /// string after them).
    fn opened_by(line: &str) -> Option<Fence> {
        let mark = *line.as_bytes().first()?;
        if mark != b'`' && mark != b'~' {
            return None;
        }
        let len = line.bytes().take_while(|&b| b == mark).count();
        let info = &line[len..];
        (len >= 3 && !(mark == b'`' && info.contains('`'))).then_some(Fence { mark, len })
    }

    /// True when `line` (its indentation removed) closes this fence: as
    /// many of its characters or more, and nothing else.
    fn closed_by(self, line: &str) -> bool {
        let len = line.bytes().take_while(|&b| b == self.mark).count();
        len >= self.len && line[len..].trim().is_empty()
    }
}

/// True when `line` (its indentation removed) opens a MkDocs block, as
/// Python-Markdown's admonition and PyMdown's details and tabbed
/// extensions match it: `!!!` or `???` (`???+` for one shown open), an
/// optional space, the block's type in words (`note`, `danger inline
/// end`) and an optional quoted title; or `===` (with `+` or `!` marks),
/// spaces and a quoted title. Nothing else may follow on the line, so
/// prose that shouts (`!!! Important !!!`) and a setext heading's
/// underline stay as they are.
fn opens_mkdocs_block(line: &str) -> bool {
    let line = line.trim_end();
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    // A quoted title, alone: `"Title"`.
    let is_title = |rest: &str| rest.len() >= 2 && rest.starts_with('"') && rest.ends_with('"');
    if let Some(rest) = line.strip_prefix("===") {
        let rest = rest
            .strip_prefix("+!")
            .or_else(|| rest.strip_prefix("!+"))
            .or_else(|| rest.strip_prefix(['+', '!']))
            .unwrap_or(rest);
        return rest.starts_with(' ') && is_title(rest.trim_start());
    }
    let rest = match line.strip_prefix("!!!") {
        Some(rest) => rest,
        None => match line.strip_prefix("???") {
            Some(rest) => rest.strip_prefix('+').unwrap_or(rest),
            None => return false,
        },
    };
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    // The type: words joined by spaces, up to the title.
    let (kind, title) = match rest.find(" \"") {
        Some(at) => (&rest[..at], rest[at..].trim_start()),
        None => (rest, ""),
    };
    let kind_ok = !kind.is_empty()
        && kind
            .split(' ')
            .filter(|w| !w.is_empty())
            .all(|w| w.chars().all(is_word))
        && kind.starts_with(is_word);
    kind_ok && (title.is_empty() || is_title(title))
}

/// `body` with the directive lines that GFM would read as rows of a pipe
/// table above them blanked out, byte for byte: DocFX directives
/// (`:::column-end:::`, `:::row:::`, `:::image ...:::`, and Docusaurus's
/// `:::` that closes an admonition), Hugo shortcodes alone on their
/// line (`{{% /tab %}}`, `{{< /tabs >}}`), and on Jekyll sites kramdown's
/// attribute lists (`{: .table .table-striped }`, which style the table
/// above) and Liquid tags (`{% endcapture %}`), and on MkDocs sites the
/// lines of PyMdown blocks (`///` closing a `/// tab | Title`). GFM ends a
/// table only at a blank line or another block, so a directive right
/// under a table is a one-cell row there; the sites read it as the
/// directive it is, and the table ends above it. A directive holds no
/// pipe (a PyMdown block's line does, but no row starts with `///`), so
/// no row is lost. Pages without such a line are parsed once more only
/// when they hold one at all.
fn without_directives_in_tables(body: &str, options: Options) -> std::borrow::Cow<'_, str> {
    let is_directive = |line: &str| directive_start(line).is_some();
    // Every directive holds one of these; most pages hold none, and are
    // not then looked at line by line.
    let may_hold_directive = ["///", ":::", "{{", "{:", "{%"]
        .iter()
        .any(|marker| memchr::memmem::find(body.as_bytes(), marker.as_bytes()).is_some());
    if !may_hold_directive || !body.lines().any(is_directive) {
        return std::borrow::Cow::Borrowed(body);
    }
    let mut tables: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if let Event::Start(Tag::Table(_)) = event {
            tables.push(range);
        }
    }
    let mut blanked: Option<Vec<u8>> = None;
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        // Tables come in file order and do not overlap: the one that may
        // hold the line is the last that starts at or before it (a page of
        // 100,000 tables, each closed by a directive, is not searched
        // through for each line).
        let before = tables.partition_point(|t| t.start <= line_start);
        let in_table = before > 0 && tables[before - 1].contains(&line_start);
        if !is_directive(line) || !in_table {
            continue;
        }
        let bytes = blanked.get_or_insert_with(|| body.as_bytes().to_vec());
        // From the `:::` to the line end: a block quote's `>` stays, so
        // the quote goes on and only the table ends.
        let directive = line_start + directive_start(line).unwrap_or(0);
        let end = line_start + line.trim_end_matches(['\n', '\r']).len();
        bytes[directive..end].fill(b' ');
    }
    match blanked {
        // Whole characters, from an ASCII `:::` to the line end, were
        // replaced by spaces, so the text is still UTF-8.
        Some(bytes) => {
            std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| body.to_string()))
        }
        None => std::borrow::Cow::Borrowed(body),
    }
}

/// Where the directive starts in a line that is one (after a block
/// quote's `>` and indentation): a DocFX `:::` line, or a Hugo shortcode
/// (`{{< name >}}`, `{{% name %}}`), a kramdown attribute list (`{: .x }`)
/// or a Liquid tag (`{% name %}`) that fills the line, or a line of a
/// PyMdown block (`/// note | Title` and the `///` that closes it, on
/// MkDocs sites). `None` for any other line, and for one holding a pipe
/// (a row) but the PyMdown block's, which no row starts as.
fn directive_start(line: &str) -> Option<usize> {
    let rest = line.trim_start_matches([' ', '\t', '>']);
    let at = line.len() - rest.len();
    let rest = rest.trim_end();
    if rest.starts_with("///") {
        return Some(at);
    }
    if rest.contains('|') {
        return None;
    }
    let shortcode = (rest.starts_with("{{<") && rest.ends_with(">}}"))
        || (rest.starts_with("{{%") && rest.ends_with("%}}"));
    // kramdown's attribute list for the block above (`{: .table }`,
    // `{:#errors}`), and a Liquid tag (`{% endcapture %}`): Jekyll sites.
    let jekyll = (rest.starts_with("{:") && rest.ends_with('}'))
        || (rest.starts_with("{%") && rest.ends_with("%}"));
    (rest.starts_with(":::") || shortcode || jekyll).then_some(at)
}

/// `ranges` sorted and merged where they overlap or touch, so that a
/// binary search finds the one holding an offset.
fn merge_ranges(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

fn markdown_cell(file: &SourceFile, cell: CellInProgress) -> Cell {
    let source = &file.text[cell.range.clone()];
    let location = file.location(cell.range.start);
    let (text, joins) = super::hidden_copy::translation_or_source(cell.text, &cell.source_copy);
    let line = location.line;
    // Comments (such as errdocs-disable-line) are not content.
    let uncommented;
    let markdown = if source.contains("<!--") {
        uncommented = without_comments(source);
        uncommented.trim()
    } else {
        source.trim()
    };
    Cell::new(
        location,
        cell.range.start,
        source,
        text,
        markdown,
        vec![line; joins],
    )
}

/// `text` without its HTML comments.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for range in comment_ranges(text) {
        out.push_str(&text[last..range.start]);
        last = range.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Completes a body row: checks its width against the header from the raw
/// line (pulldown-cmark pads short rows and drops extra cells silently) and
/// keeps any extra cells' text.
fn finish_markdown_row(
    file: &SourceFile,
    table: &mut TableInProgress,
    cells: Vec<Cell>,
    problems: &mut Vec<IngestProblem>,
) -> Row {
    let raw_line = raw_row_line(file, &table.row_range);
    let raw_cells = split_pipe_row(raw_line);
    let width = table.header.len();
    let location = file.location(table.row_range.start);
    let extra_cells: Vec<String> = raw_cells
        .iter()
        .skip(width)
        .map(|s| s.trim().to_string())
        .collect();
    table.padded += width.saturating_sub(raw_cells.len());
    if raw_cells.len() != width {
        problems.push(IngestProblem::RaggedRow {
            location: location.clone(),
            cells: raw_cells.len(),
            width,
            extra: extra_cells.clone(),
        });
    }
    // pulldown-cmark places the cells it pads at the end of the row's
    // range, which is the start of the next line: place them at the end of
    // this one instead.
    let line_end = file.text[..table.row_range.end.min(file.text.len())]
        .trim_end_matches(['\n', '\r'])
        .len();
    let cells = cells
        .into_iter()
        .map(|mut cell| {
            if cell.source().is_empty() && cell.location.line > location.line {
                cell.location = file.location(line_end);
                cell.offset = line_end;
            }
            cell
        })
        .collect();
    Row {
        location,
        cells,
        extra_cells,
        part: 0,
        aliases: thin_vec::ThinVec::new(),
    }
}

/// The empty cells pulldown-cmark pads a pipe table's short rows with, at
/// most, in one table: a guard against pages built to take quadratic time
/// (a header of 10,000 columns over rows of 3). Once its rows need more,
/// it ends the table, in the middle of a row, and the lines after it are
/// read as a paragraph.
pub const PADDED_CELLS_LIMIT: usize = 1 << 18;

/// Where the lines after a pipe table that pulldown-cmark ended for its
/// padded cells (see [`PADDED_CELLS_LIMIT`]) start, when it did: the rows
/// padded up to the limit, its last row is left with an empty range (the
/// reader stopped while padding it), and a line that is not blank follows
/// that row, where a table ends only at a blank line or another block.
/// These lines were read as a paragraph: their codes were reported as
/// codes outside any table, and the rest not at all.
fn cut_short_at(file: &SourceFile, table: &TableInProgress) -> Option<crate::source::Location> {
    let width = table.header.len();
    let last_row = &table.row_range;
    if table.padded + width < PADDED_CELLS_LIMIT || !last_row.is_empty() || table.rows.is_empty() {
        return None;
    }
    let rest = file.text.get(last_row.start..)?;
    let next = last_row.start + rest.find('\n')? + 1;
    let line = file.text[next..].split('\n').next().unwrap_or_default();
    if line.trim().is_empty() {
        return None;
    }
    Some(file.location(next))
}

/// The raw text of a body row: its range, or, for the row pulldown-cmark
/// stopped in while padding it (an empty range, see
/// [`PADDED_CELLS_LIMIT`]), its line. The row was read as one cell.
fn raw_row_line<'a>(file: &'a SourceFile, range: &Range<usize>) -> &'a str {
    if range.is_empty() {
        let rest = file.text.get(range.start..).unwrap_or_default();
        return rest.split('\n').next().unwrap_or_default();
    }
    &file.text[range.clone()]
}

/// Splits a pipe-table row into its raw cells: outer pipes removed, `\|`
/// kept inside a cell.
pub fn split_pipe_row(line: &str) -> Vec<&str> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = match line.strip_suffix('|') {
        Some(rest) if !rest.ends_with('\\') => rest,
        _ => line,
    };
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'|' => {
                cells.push(&line[start..i]);
                start = i + 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    cells.push(&line[start.min(line.len())..]);
    cells
}

/// True for an inline HTML tag that starts or ends a block of text inside
/// a pipe-table cell: a list or list item, a paragraph, a division.
fn breaks_text(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "li" | "ul" | "ol" | "p" | "div" | "dl" | "dt" | "dd"
    )
}

/// The hidden English copy that Microsoft's machine-translated docs
/// (`ms.translationtype: MT`, the `*.xx-xx` repositories) write after each
/// translated sentence: `<span data-ttu-id="…">Übersetzung</span><span
/// class="sxs-lookup"><span data-stu-id="…">Source</span></span>`. The site
/// hides it; read as text, it glued the source's words to the
/// translation's (`FehlercodeError code`, `0x802400130x80240003`) and no
/// table of the page was read.
#[derive(Default)]
struct HiddenCopy {
    /// `<span>`s open inside the copy, its own included; 0 outside it.
    depth: usize,
}

impl HiddenCopy {
    /// Follows the `<span>` tags of an HTML fragment (one tag for inline
    /// HTML). True when the fragment is part of the copy: it opens it, is
    /// inside it or closes it.
    fn read(&mut self, html: &str) -> bool {
        let was_open = self.is_open();
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            rest = &rest[lt + 1..];
            let end = rest.find('>').map_or(rest.len(), |gt| gt + 1);
            let tag = &rest[..end];
            if let Some(after) = tag.strip_prefix('/') {
                if starts_with_ci(after, "span") && self.depth > 0 {
                    self.depth -= 1;
                }
            } else if starts_with_ci(tag, "span")
                && tag[4..].starts_with(|c: char| c == '>' || c == '/' || c.is_whitespace())
                && !tag.trim_end_matches('>').ends_with('/')
                && (self.depth > 0 || find_ascii_ci(tag, "sxs-lookup").is_some())
            {
                self.depth += 1;
            }
            rest = &rest[end..];
        }
        was_open || self.is_open()
    }

    /// True inside the copy: its text is not the page's.
    fn is_open(&self) -> bool {
        self.depth > 0
    }
}

/// `Some(true)` for an opening `<sup>` tag, `Some(false)` for `</sup>`,
/// `None` for any other HTML.
fn superscript_tag(html: &str) -> Option<bool> {
    let tag = html.trim();
    let (open, rest) = match tag.strip_prefix("</") {
        Some(rest) => (false, rest),
        None => (true, tag.strip_prefix('<')?),
    };
    let (name, after) = (rest.get(..3)?, rest.get(3..)?);
    (name.eq_ignore_ascii_case("sup") && after.starts_with(|c: char| c == '>' || c.is_whitespace()))
        .then_some(open)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fenced code blocks never closed over what would be a table, as
    /// Markdown reads their extent: to the end of the page, or of the list
    /// item or quote they are in. A closed block, one closed by a longer
    /// fence, and one of code alone are left alone.
    #[test]
    fn fences_never_closed_over_a_table_are_found() {
        let row = "| 0x80240001 | WU_E_NO_SERVICE | Text. |";
        let fences = |text: &str| -> Vec<(usize, String, usize)> {
            let file = SourceFile::from_text("a.md".into(), "a.md".into(), text.to_string());
            walk(&file, &mut Vec::new())
                .unclosed_fences
                .iter()
                .map(|f| {
                    (
                        file.location(f.range.start).line,
                        f.fence.clone(),
                        file.location(f.table_at).line,
                    )
                })
                .collect()
        };
        assert_eq!(
            fences(&format!("# A\n\n```sh\nrun\n\n{row}\n")),
            [(3, "```".to_string(), 6)]
        );
        // Closed by fewer backticks than it opened with: not closed.
        assert_eq!(
            fences(&format!("````\ncode\n```\n{row}\n")),
            [(1, "````".to_string(), 4)]
        );
        assert_eq!(
            fences("~~~\n<table><tr><td>0x80240001</td></tr></table>\n"),
            [(1, "~~~".to_string(), 2)]
        );
        // In a list item and in a quote: to the end of the item, the quote.
        assert_eq!(
            fences(&format!("- Step:\n\n  ```\n  {row}\n\n- Next.\n")),
            [(3, "```".to_string(), 4)]
        );
        assert_eq!(
            fences(&format!("> ```\n> {row}\n\n{row}\n")),
            [(1, "```".to_string(), 2)]
        );
        for closed in [
            format!("```\n{row}\n```\n"),
            format!("```\n{row}\n`````\n"),
            format!("   ```\n{row}\n   ```   \n"),
            format!("- Step:\n\n  ```\n  {row}\n  ```\n"),
            "```\nno table here\n".to_string(),
            "```\n".to_string(),
        ] {
            assert_eq!(fences(&closed), [], "{closed:?}");
        }
    }

    /// Each directive line is checked against the one table that may hold
    /// it, not against every table of the page.
    #[test]
    fn directives_under_many_tables_are_blanked_in_linear_time() {
        let one = "| a |\n|---|\n| 1 |\n:::row-end:::\n\n";
        let body = one.repeat(60_000);
        let mut options = Options::empty();
        options.insert(Options::ENABLE_TABLES);
        let blanked = without_directives_in_tables(&body, options);
        assert_eq!(blanked.len(), body.len());
        assert!(!blanked.contains(":::"));
        // No clock: the machine is shared, and speed is measured by `cargo
        // bench`. Walked quadratically, this input makes the test run far
        // longer than the others (minutes where they take seconds).
    }

    /// The marker lines of MkDocs blocks, as the extensions match them,
    /// and lines that only look like them.
    #[test]
    fn mkdocs_block_markers_are_told_from_prose_and_underlines() {
        for marker in [
            "!!! note",
            "!!!note",
            "!!! danger inline end \"Stop\"",
            "!!! warning \"\"",
            "??? tip",
            "???+ note \"Open\"",
            "=== \"Tab\"",
            "===+ \"Selected\"",
            "===! \"New group\"",
            "=== \"Tab\"  \n",
        ] {
            assert!(opens_mkdocs_block(marker), "{marker}");
        }
        for other in [
            "===",
            "=====",
            "=== Tab",
            "!!!",
            "!!! Important !!!",
            "!!! \"Title only\"",
            "??? what?",
            "???",
            "!!! note \"Title\" and more",
        ] {
            assert!(!opens_mkdocs_block(other), "{other}");
        }
    }

    /// The rewrite keeps every byte's place; a marker in a fenced code
    /// block stays as written.
    #[test]
    fn mkdocs_markers_become_list_items_of_the_same_length() {
        let body = "!!! note\n\n    text\n\n````md\n!!! note\n```\n````\n    === \"Tab\"\n";
        let rewritten = with_mkdocs_blocks_as_items(body);
        assert_eq!(
            rewritten,
            "-   note\n\n    text\n\n````md\n!!! note\n```\n````\n    -   \"Tab\"\n"
        );
        assert!(matches!(
            with_mkdocs_blocks_as_items("Title\n===\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    fn walk_text(text: &str) -> (Structure, Vec<IngestProblem>) {
        let file = SourceFile::from_text("t.md".into(), "t.md".into(), text.into());
        let mut problems = Vec::new();
        let structure = walk(&file, &mut problems);
        (structure, problems)
    }

    #[test]
    fn a_table_of_codes_in_a_pipe_cell_is_a_table_of_its_own() {
        let text = "# Errors\n\n\
            | Error code | Name | Description |\n\
            |---|---|---|\n\
            | 0x80240001 | WU_E_NO_SERVICE | The agent. <table><tr><td>0x80240002</td><td>WU_E_MAX_CAPACITY_REACHED</td><td>Full.</td></tr><tr><td>0x80240003</td><td>WU_E_UNKNOWN_ID</td><td>Unknown.</td></tr></table> |\n\
            | 0x80240005 | WU_E_RANGEOVERLAP | Overlap. |\n\
            \n\
            | Code | Name | Description |\n\
            |---|---|---|\n\
            | 0x80240006 | WU_E_X | Set: <table><tr><td>Value</td><td>Meaning</td></tr></table> |\n";
        let (structure, problems) = walk_text(text);
        assert!(problems.is_empty(), "{problems:?}");
        let tables = &structure.tables;
        assert_eq!(tables.len(), 3);
        assert_eq!(
            tables
                .iter()
                .map(|t| (t.index, t.format))
                .collect::<Vec<_>>(),
            [
                (0, TableFormat::Markdown),
                (1, TableFormat::Html),
                (2, TableFormat::Markdown)
            ]
        );
        assert_eq!(&*tables[0].rows[0].cells[2].text, "The agent.");
        let inner: Vec<(&str, usize, usize)> = tables[1]
            .rows
            .iter()
            .map(|r| {
                let cell = &r.cells[0];
                (cell.text.as_ref(), cell.location.line, cell.location.column)
            })
            .collect();
        assert_eq!(inner, [("0x80240002", 5, 60), ("0x80240003", 5, 136)]);
        // A table without codes in a cell is the cell's text.
        let text = &tables[2].rows[0].cells[2].text;
        assert!(text.starts_with("Set: Value"), "{text}");
    }

    #[test]
    fn splits_pipe_rows() {
        assert_eq!(split_pipe_row("|a|b|c|\n"), vec!["a", "b", "c"]);
        assert_eq!(split_pipe_row("a | b"), vec!["a ", " b"]);
        assert_eq!(split_pipe_row("|a \\| b|c|"), vec!["a \\| b", "c"]);
        assert_eq!(split_pipe_row("|1|2|3|4|"), vec!["1", "2", "3", "4"]);
    }
}
