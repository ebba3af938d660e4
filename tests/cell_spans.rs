//! Cells know the bytes they were read from (`Cell::span`), exactly: what
//! `errdocs fix` edits, and nothing around it.

mod common;

use common::project_with;
use errdocs::Project;

/// Every cell's span is the bytes its source was read from: between the
/// pipes (padding, escaped pipes), inside a blockquote or a list item,
/// between `<td ...>` and `</td>`, in a definition list, with CRLF line
/// ends and a byte-order mark.
#[test]
fn cell_spans_are_the_bytes_their_text_was_read_from() {
    let quoted = "\u{feff}# Quoted\r\n\r\n> | Code | Name | Description |\r\n> |---|---|---|\r\n> | 0x80240001 | WU_E_NO_SERVICE | a \\| b  |\r\n> |0x80240002|WU_E_MAX_CAPACITY_REACHED|`c|d`|\r\n\r\n- In a list:\r\n\r\n  | Code | Name | Description |\r\n  |---|---|---|\r\n  | 0x80240003 | WU_E_UNKNOWN_ID | e |\r\n";
    let html = "# HTML\n\n<table border=\"1\">\n<tr><th>Code</th><th>Name</th><th>Description</th></tr>\n<tr>\n<td class=\"c\"  style=\"x\">\n0x80070057 </td><td>E_INVALIDARG</td><td>One &amp; <b>two</b>.</td></tr>\n</table>\n\n## Listed\n\n<dl>\n<dt>BG_E_NOT_FOUND (0x80200001)</dt><dd>The job was not found.</dd>\n<dt>BG_E_INVALID_STATE (0x80200002)</dt><dd>The state is wrong.</dd>\n<dt>BG_E_EMPTY (0x80200003)</dt><dd>There are no files.</dd>\n</dl>\n";
    let dir = project_with(&[
        ("sources/quoted/en-us.md", quoted.as_bytes()),
        ("sources/html/en-us.md", html.as_bytes()),
    ]);
    for root in [dir.path(), common::repo_root().as_path()] {
        let project = Project::load(root).expect("loads");
        project.require_sources().expect("unchanged");
        let mut cells = 0;
        for file in &project.files {
            let text = &project.source(&file.file).expect("text").text;
            for table in &file.tables {
                for row in &table.rows {
                    for cell in row.cells.iter().filter(|c| !c.source().is_empty()) {
                        assert_eq!(
                            text.get(cell.span()),
                            Some(cell.source()),
                            "{}:{}",
                            file.file,
                            cell.location.line
                        );
                        // A pipe-table cell is everything between its
                        // pipes.
                        if table.format == errdocs::model::TableFormat::Markdown {
                            assert_eq!(&text[cell.span().start - 1..cell.span().start], "|");
                        }
                        cells += 1;
                    }
                }
            }
        }
        assert!(cells > 20, "{cells}");
    }
    // The crafted pages have each kind of table.
    let project = Project::load(dir.path()).expect("loads");
    let kinds: Vec<_> = project
        .files
        .iter()
        .flat_map(|f| f.tables.iter().map(|t| (t.format, t.rows.len())))
        .collect();
    use errdocs::model::TableFormat::{Html, List, Markdown};
    assert_eq!(kinds, [(Html, 1), (List, 3), (Markdown, 2), (Markdown, 1)]);
}
