//! MyST's `{list-table}` directive, as Sphinx sites written in Markdown
//! use it: a table written as a two-level bullet list inside a code fence,
//! each outer item a row and each inner item a cell.
//!
//! ````markdown
//! ```{list-table} Errors
//! :header-rows: 1
//!
//! * - Code
//!   - Name
//! * - 0x80070005
//!   - E_ACCESSDENIED
//! ```
//! ````
//!
//! The site shows a table; read as the code block Markdown sees, its rows
//! were no data and nothing said so. Each cell keeps its place in the file,
//! so findings point at it and `fix` edits it as it edits a pipe cell.

use std::ops::Range;

use super::problem::IngestProblem;
use super::table::{Cell, Heading, Row, TableParts};
use super::text::normalize_owned_cell_text;
use crate::model::TableFormat;
use crate::source::SourceFile;

/// True for a fence's info string that opens a list table
/// (`{list-table}`, with a title or not).
pub fn is_list_table(info: &str) -> bool {
    info.trim_start().starts_with("{list-table}")
}

/// A cell being read: where its text starts and ends in the file, and its
/// lines without their indentation.
struct CellText {
    start: usize,
    end: usize,
    lines: Vec<String>,
}

/// The table of the fenced block at `block` (its fences included), as
/// rows of cells; the first `:header-rows:` rows (the last of them, when
/// there are several) are its header. `None` when the block lists no row.
pub fn read(
    file: &SourceFile,
    block: Range<usize>,
    index: usize,
    heading: Option<Heading>,
    problems: &mut Vec<IngestProblem>,
) -> Option<TableParts> {
    let text = file.text.get(block.clone())?;
    let mut header_rows = 0usize;
    let mut rows: Vec<(usize, Vec<CellText>)> = Vec::new();
    // The column of the inner bullets of the current row: a deeper line
    // continues the cell, a line at it starts the next cell.
    let mut cell_indent = usize::MAX;
    let mut offset = block.start;
    let mut lines = text.split_inclusive('\n');
    // The opening fence.
    if let Some(first) = lines.next() {
        offset += first.len();
    }
    for line in lines {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let body = content.trim_start_matches([' ', '\t']);
        let indent = content.len() - body.len();
        if body.starts_with("```") || body.starts_with("~~~") {
            break;
        }
        if rows.is_empty()
            && let Some(value) = body.strip_prefix(":header-rows:")
        {
            header_rows = value.trim().parse().unwrap_or(0);
            continue;
        }
        if body.is_empty() {
            continue;
        }
        // `* - cell` or `- - cell`: a new row and its first cell.
        if let Some(rest) = outer_item(body) {
            let inner = rest.trim_start_matches(' ');
            let cell_start = start + indent + (body.len() - inner.len());
            let mut cells = Vec::new();
            if let Some(cell) = inner
                .strip_prefix("- ")
                .or(inner.strip_prefix('-').filter(|r| r.is_empty()))
            {
                let at = cell_start + (inner.len() - cell.len());
                cell_indent = indent + (body.len() - inner.len());
                cells.push(CellText {
                    start: at,
                    end: at + cell.trim_end().len(),
                    lines: vec![cell.trim().to_string()],
                });
            } else {
                cell_indent = usize::MAX;
            }
            rows.push((start + indent, cells));
            continue;
        }
        let Some((_, cells)) = rows.last_mut() else {
            continue;
        };
        // `  - cell`: the row's next cell.
        if let Some(cell) = body.strip_prefix("- ").or((body == "-").then_some(""))
            && (cell_indent == usize::MAX || indent <= cell_indent)
        {
            cell_indent = indent;
            let at = start + indent + (body.len() - cell.len());
            cells.push(CellText {
                start: at,
                end: at + cell.trim_end().len(),
                lines: vec![cell.trim().to_string()],
            });
            continue;
        }
        // A deeper line: the cell goes on.
        if let Some(cell) = cells.last_mut() {
            cell.end = start + content.len();
            cell.lines.push(body.trim_end().to_string());
        }
    }
    if rows.is_empty() {
        return None;
    }
    let header = if header_rows > 0 {
        let split = header_rows.min(rows.len());
        rows.drain(..split).next_back().map(|(_, cells)| cells)
    } else {
        None
    };
    let header: Vec<Cell> = header
        .unwrap_or_default()
        .into_iter()
        .map(|cell| to_cell(file, cell))
        .collect();
    let width = if header.is_empty() {
        rows.iter().map(|(_, cells)| cells.len()).max().unwrap_or(0)
    } else {
        header.len()
    };
    let rows = rows
        .into_iter()
        .map(|(row_start, cells)| {
            let location = file.location(row_start);
            let written = cells.len();
            let mut cells: Vec<Cell> = cells.into_iter().map(|cell| to_cell(file, cell)).collect();
            let extra_cells: Vec<String> = cells
                .iter()
                .skip(width)
                .map(|cell| cell.text.to_string())
                .collect();
            if written != width {
                problems.push(IngestProblem::RaggedRow {
                    location: location.clone(),
                    cells: written,
                    width,
                    extra: extra_cells.clone(),
                });
            }
            cells.truncate(width);
            while cells.len() < width {
                cells.push(Cell::empty(location.clone(), row_start));
            }
            Row {
                location,
                cells,
                extra_cells,
                part: 0,
                aliases: thin_vec::ThinVec::new(),
            }
        })
        .collect();
    Some(TableParts {
        index,
        format: TableFormat::Markdown,
        location: file.location(block.start),
        heading,
        header,
        rows,
    })
}

/// The text after an outer bullet (`* ` or `- ` followed by the first
/// cell's `- `), or `None` for any other line.
fn outer_item(body: &str) -> Option<&str> {
    let rest = body.strip_prefix("* ").or(body.strip_prefix("- "))?;
    rest.trim_start_matches(' ')
        .starts_with('-')
        .then_some(rest)
}

/// A cell as the site shows it: its Markdown read (code spans, emphasis),
/// its lines joined as a paragraph's.
fn to_cell(file: &SourceFile, cell: CellText) -> Cell {
    let markdown = cell.lines.join("\n");
    let mut plain = String::new();
    super::text::push_markdown_text(&markdown, &mut plain);
    let (text, _) = normalize_owned_cell_text(plain);
    let source = file.text.get(cell.start..cell.end).unwrap_or_default();
    Cell::new(
        file.location(cell.start),
        cell.start,
        source,
        text,
        &markdown,
        Vec::new(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn parts_of(text: &str) -> (Option<TableParts>, Vec<IngestProblem>) {
        let file = SourceFile::from_text(PathBuf::from("t.md"), "t.md".into(), text.into());
        let mut problems = Vec::new();
        let parts = read(&file, 0..text.len(), 0, None, &mut problems);
        (parts, problems)
    }

    fn texts(parts: &TableParts) -> Vec<Vec<String>> {
        parts
            .rows
            .iter()
            .map(|row| row.cells.iter().map(|c| c.text.to_string()).collect())
            .collect()
    }

    #[test]
    fn without_header_rows_every_row_is_data_and_short_rows_are_padded_and_reported() {
        let (parts, problems) =
            parts_of("```{list-table}\n* - 0x1\n  - A\n* - 0x2\n* -\n  - C\n```\n");
        let parts = parts.expect("a table");
        assert!(parts.header.is_empty());
        assert_eq!(
            texts(&parts),
            [["0x1", "A"], ["0x2", ""], ["", "C"]].map(|r| r.map(String::from).to_vec())
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn a_fence_without_bullets_is_no_table() {
        assert!(
            parts_of("```{list-table}\n:header-rows: 1\n```\n")
                .0
                .is_none()
        );
    }
}
