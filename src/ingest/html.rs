//! HTML tables inside Markdown, read with scraper. scraper keeps no source
//! positions, so each `<tr>` and `<td>` is matched, in document order, with
//! the tag found by a scan of the raw text; that gives every cell its line.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

use super::columns::roles_of_headers;
use super::markdown::find_ascii_ci;
use super::table::{Cell, Column, Heading, Row, Table, TableFormat};
use super::text::{identifier_break_lines, normalize_owned_cell_text};
use crate::check::rules;
use crate::finding::Finding;
use crate::source::SourceFile;

static ROW_SELECTOR: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("tr").expect("`tr` is a valid selector"));
static TABLE_SELECTOR: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("table").expect("`table` is a valid selector"));

/// Where a tag was found in the raw text.
#[derive(Debug, Clone, Copy)]
struct TagSpan {
    /// Offset of `<`.
    start: usize,
    /// Offset just after the tag's `>`.
    content_start: usize,
}

/// The byte offset just after the `</table>` that closes the table opened at
/// `start`, counting nested tables and skipping comments; `None` when it is
/// never closed.
pub fn table_end(text: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut offset = start;
    while let Some(lt) = text.get(offset..).and_then(|rest| rest.find('<')) {
        let at = offset + lt;
        let rest = &text[at..];
        if rest.starts_with("<!--") {
            offset = rest.find("-->").map_or(text.len(), |end| at + end + 3);
            continue;
        }
        if starts_with_tag(rest, "<table") {
            depth += 1;
        } else if starts_with_ci(rest, "</table") {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(rest.find('>').map_or(text.len(), |gt| at + gt + 1));
            }
        }
        offset = at + 1;
    }
    None
}

/// The byte ranges of the HTML comments (`<!-- ... -->`) in `text`; an
/// unclosed comment runs to the end.
pub fn comment_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut offset = 0;
    while let Some(start) = text[offset..].find("<!--") {
        let start = offset + start;
        let end = text[start + 4..]
            .find("-->")
            .map_or(text.len(), |e| start + 4 + e + 3);
        ranges.push(start..end);
        offset = end;
    }
    ranges
}

/// Where each `<table` outside comments starts, in `range` of `text`.
pub fn table_starts(text: &str, range: Range<usize>, comments: &[Range<usize>]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut offset = range.start;
    while offset < range.end {
        let Some(found) = text
            .get(offset..range.end)
            .and_then(|slice| find_ascii_ci(slice, "<table"))
        else {
            break;
        };
        let at = offset + found;
        if starts_with_tag(&text[at..], "<table") && !comments.iter().any(|c| c.contains(&at)) {
            starts.push(at);
        }
        offset = at + 1;
    }
    starts
}

/// The `name` or `id` of an `<a>` tag, as in
/// `<a name="software-update-agent-error-codes"></a>`.
pub fn anchor_name(html: &str) -> Option<String> {
    let start = find_ascii_ci(html, "<a ")?;
    let tag = &html[start..];
    let tag = &tag[..tag.find('>')?];
    for attr in ["name=", "id="] {
        if let Some(at) = find_ascii_ci(tag, attr) {
            let value = &tag[at + attr.len()..];
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &value[1..];
                return Some(value[..value.find(quote)?].to_string());
            }
        }
    }
    None
}

/// Reads the HTML table in `range` of `file`.
pub fn read_table(
    file: &SourceFile,
    range: Range<usize>,
    index: usize,
    heading: Option<Heading>,
    findings: &mut Vec<Finding>,
) -> Table {
    let raw = &file.text[range.clone()];
    let (row_tags, cell_tags) = scan_tags(raw, range.start);
    let fragment = Html::parse_fragment(raw);
    // Only the outer table's own rows: a table nested in a cell is part of
    // that cell's text.
    let root = fragment.select(&TABLE_SELECTOR).next().map(|t| t.id());
    let parsed_rows: Vec<Vec<(ElementRef, bool)>> = fragment
        .select(&ROW_SELECTOR)
        .filter(|tr| {
            tr.ancestors()
                .filter_map(ElementRef::wrap)
                .find(|e| e.value().name() == "table")
                .map(|t| t.id())
                == root
        })
        .map(|tr| {
            tr.children()
                .filter_map(ElementRef::wrap)
                .filter_map(|el| match el.value().name() {
                    "td" => Some((el, false)),
                    "th" => Some((el, true)),
                    _ => None,
                })
                .collect()
        })
        .collect();

    let cell_count: usize = parsed_rows.iter().map(Vec::len).sum();
    let mapped = cell_count == cell_tags.len() && parsed_rows.len() == row_tags.len();
    if !mapped {
        findings.push(Finding::new(
            &rules::HTML_TABLE_UNMAPPED,
            file.location(range.start),
            format!(
                "HTML table has {} rows and {cell_count} cells but the raw text shows {} `<tr>` and {} `<td>`/`<th>` tags (unclosed or nested markup?); its cells are placed at the table's first line",
                parsed_rows.len(),
                row_tags.len(),
                cell_tags.len()
            ),
        ));
    }

    let mut next_cell = 0;
    let mut rows: Vec<(Row, bool)> = Vec::new();
    for (r, parsed) in parsed_rows.iter().enumerate() {
        let row_start = if mapped {
            row_tags[r].start
        } else {
            range.start
        };
        let mut cells = Vec::new();
        let mut all_th = !parsed.is_empty();
        for (element, is_th) in parsed {
            all_th &= *is_th;
            let span = if mapped {
                Some(cell_tags[next_cell])
            } else {
                None
            };
            next_cell += 1;
            cells.push(html_cell(file, *element, span, range.start));
        }
        rows.push((
            Row {
                location: file.location(row_start),
                cells,
                extra_cells: Vec::new(),
            },
            all_th,
        ));
    }

    // The header is the first row when it is made of <th> cells or when its
    // text names the columns.
    let mut columns = Vec::new();
    if let Some((first, all_th)) = rows.first() {
        let roles = roles_of_headers(first.cells.iter().map(|c| c.text.as_ref()));
        let candidate = Table {
            index,
            format: TableFormat::Html,
            location: file.location(range.start),
            heading: None,
            columns: first
                .cells
                .iter()
                .cloned()
                .zip(roles)
                .map(|(header, role)| Column { role, header })
                .collect(),
            rows: Vec::new(),
        };
        if *all_th || candidate.is_understood() {
            columns = candidate.columns;
            rows.remove(0);
        }
    }

    let width = columns.len();
    let mut data_rows = Vec::with_capacity(rows.len());
    for (mut row, _) in rows {
        if width > 0 && row.cells.len() != width {
            findings.push(super::table::ragged_row(
                row.location.clone(),
                row.cells.len(),
                width,
                &[],
            ));
            if row.cells.len() > width {
                row.extra_cells = row
                    .cells
                    .drain(width..)
                    .map(|c| c.source().to_string())
                    .collect();
            } else {
                while row.cells.len() < width {
                    row.cells.push(Cell::empty(row.location.clone()));
                }
            }
        }
        data_rows.push(row);
    }

    Table {
        index,
        format: TableFormat::Html,
        location: file.location(range.start),
        heading,
        columns,
        rows: data_rows,
    }
}

/// Finds every `<tr>` and every `<td>`/`<th>` opening tag, skipping comments.
/// Only the tags of the outer table count (depth 1): nested tables belong to
/// their cell.
fn scan_tags(raw: &str, base: usize) -> (Vec<TagSpan>, Vec<TagSpan>) {
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut offset = 0;
    let mut depth = 0usize;
    while let Some(lt) = raw.get(offset..).and_then(|rest| rest.find('<')) {
        let at = offset + lt;
        let rest = &raw[at..];
        if rest.starts_with("<!--") {
            offset = rest.find("-->").map_or(raw.len(), |end| at + end + 3);
            continue;
        }
        if starts_with_tag(rest, "<table") {
            depth += 1;
        } else if starts_with_ci(rest, "</table") {
            depth = depth.saturating_sub(1);
        }
        let is_row = starts_with_tag(rest, "<tr");
        let is_cell = starts_with_tag(rest, "<td") || starts_with_tag(rest, "<th");
        if depth == 1 && (is_row || is_cell) {
            let content_start = rest.find('>').map_or(raw.len(), |gt| at + gt + 1);
            let span = TagSpan {
                start: base + at,
                content_start: base + content_start,
            };
            if is_row {
                rows.push(span)
            } else {
                cells.push(span)
            }
        }
        offset = at + 1;
    }
    (rows, cells)
}

fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// True when `text` opens the tag `prefix` (`<td` but not `<tdx`).
fn starts_with_tag(text: &str, prefix: &str) -> bool {
    starts_with_ci(text, prefix)
        && text[prefix.len()..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
}

fn html_cell(
    file: &SourceFile,
    element: ElementRef,
    span: Option<TagSpan>,
    fallback: usize,
) -> Cell {
    let mut plain = String::new();
    let mut markdown = String::new();
    for child in element.children() {
        collect_text(child, false, &mut plain, &mut markdown);
    }
    let (source, content_offset) = match span {
        Some(span) => {
            let rest = &file.text[span.content_start..];
            let end = cell_content_end(rest);
            let source = &rest[..end];
            let leading = source.len() - source.trim_start().len();
            (Cow::Borrowed(source), span.content_start + leading)
        }
        None => (Cow::Owned(element.inner_html()), fallback),
    };
    let location = file.location(content_offset);
    let (text, joins) = normalize_owned_cell_text(plain);
    let (markdown, _) = normalize_owned_cell_text(markdown);
    // Lines come from the raw source, where each break really is; if the
    // two counts ever disagree, the joins still show, on the cell's line.
    let mut joined_lines = identifier_break_lines(&source, location.line);
    if joined_lines.len() != joins {
        joined_lines = vec![location.line; joins];
    }
    Cell::new(location, &source, text, &markdown, joined_lines)
}

/// Where a cell's content ends: at the first `</td`, `</th`, `<td`, `<th`
/// or `</tr`, found in one pass.
fn cell_content_end(rest: &str) -> usize {
    let mut offset = 0;
    while let Some(lt) = rest[offset..].find('<') {
        let at = offset + lt;
        let tail = &rest[at..];
        if ["</td", "</th", "</tr"]
            .iter()
            .any(|p| starts_with_ci(tail, p))
            || starts_with_tag(tail, "<td")
            || starts_with_tag(tail, "<th")
        {
            return at;
        }
        offset = at + 1;
    }
    rest.len()
}

/// Appends a node's plain text and its Markdown rendering. Inside `<code>`
/// the text is not escaped: backslashes do not escape in code spans.
fn collect_text(node: NodeRef<Node>, in_code: bool, plain: &mut String, markdown: &mut String) {
    match node.value() {
        Node::Text(text) => {
            plain.push_str(text);
            if in_code {
                markdown.push_str(text);
            } else {
                markdown.push_str(&escape_markdown(text));
            }
        }
        Node::Element(element) => {
            let name = element.name();
            let (open, close) = match name {
                "strong" | "b" => ("**".to_string(), "**".to_string()),
                "em" | "i" => ("*".to_string(), "*".to_string()),
                "code" => ("`".to_string(), "`".to_string()),
                "a" => match element.attr("href") {
                    Some(href) => ("[".to_string(), format!("]({href})")),
                    None => (String::new(), String::new()),
                },
                "p" | "div" | "li" | "ul" | "ol" | "tr" | "table" => {
                    ("\n\n".to_string(), "\n\n".to_string())
                }
                // Cells of a table nested in a cell: keep words apart.
                "td" | "th" => (" ".to_string(), " ".to_string()),
                "br" => {
                    plain.push('\n');
                    markdown.push_str("  \n");
                    return;
                }
                _ => (String::new(), String::new()),
            };
            if open.trim().is_empty() {
                plain.push_str(&open);
            }
            markdown.push_str(&open);
            for child in node.children() {
                collect_text(child, in_code || name == "code", plain, markdown);
            }
            markdown.push_str(&close);
            if close.trim().is_empty() {
                plain.push_str(&close);
            }
        }
        _ => {}
    }
}

fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '`' | '[' | ']' | '<' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(text: &str) -> SourceFile {
        SourceFile::from_text(PathBuf::from("t.md"), "t.md".into(), text.into())
    }

    #[test]
    fn cells_keep_their_lines_and_join_broken_names() {
        let text = "x\n<table>\n<tr><td><strong>Hexadecimal Error Code</strong></td><td>Error String</td><td>Description</td></tr>\n<tr>\n<td>0x80240001</td>\n<td>WU_E_\nNO_SERVICE</td>\n<td>Say &quot;hi&quot; *now*.\n\nMore.</td>\n</tr>\n</table>\n";
        let f = file(text);
        let end = table_end(text, 2).expect("closed");
        assert!(text[..end].ends_with("</table>"));
        let mut findings = Vec::new();
        let table = read_table(&f, 2..end, 0, None, &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        assert!(table.is_understood());
        assert_eq!(table.rows.len(), 1);
        let row = &table.rows[0];
        assert_eq!(row.location.line, 4);
        assert_eq!(
            (row.cells[0].location.line, row.cells[0].location.column),
            (5, 5)
        );
        assert_eq!(&*row.cells[1].text, "WU_E_NO_SERVICE");
        assert_eq!(row.cells[1].joined_lines(), [6]);
        assert_eq!(&*row.cells[2].text, "Say \"hi\" *now*.\n\nMore.");
        assert_eq!(row.cells[2].markdown(), "Say \"hi\" \\*now\\*.\n\nMore.");
    }

    #[test]
    fn anchors_and_table_ends() {
        assert_eq!(
            anchor_name("<a name=\"abc-def\"></a>").as_deref(),
            Some("abc-def")
        );
        assert_eq!(anchor_name("<b>"), None);
        let text = "<table><tr><td><table></table></td></tr></table>tail";
        assert_eq!(table_end(text, 0).map(|end| &text[end..]), Some("tail"));
        assert_eq!(table_end("<table><tr>", 0), None);
        // A </table> inside a comment does not close the table.
        let text = "<table><!-- </table> --><tr></tr></table>x";
        assert_eq!(table_end(text, 0).map(|end| &text[end..]), Some("x"));
        assert_eq!(comment_ranges("a<!--b-->c<!--d"), vec![1..9, 10..15]);
    }
}
