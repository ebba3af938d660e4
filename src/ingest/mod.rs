//! Ingest: one source file in, its front matter, headings, tables and
//! suppression comments out, every cell with its file, line and column.
//! What could be read only in part is reported as an [`IngestProblem`].

pub mod cell;
pub mod entry_head;
pub mod front_matter;
pub mod hidden_copy;
pub mod html;
pub mod html_scan;
pub mod list_table;
pub mod lists;
pub mod markdown;
pub mod problem;
pub mod roles;
pub mod shape;
pub mod stray_codes;
pub mod suppression;
pub mod table;
pub mod text;
pub mod vertical;

use std::sync::Arc;

use serde::Serialize;

pub use crate::model::TableKind;
pub use front_matter::FrontMatter;
pub use problem::{FrontMatterProblem, IngestProblem, SuppressionProblem};
pub use suppression::Suppression;
pub use table::{Cell, Column, Heading, Row, Table};

use crate::source::{Location, SourceFile};

/// Everything ingest read from one locale file.
#[derive(Debug, Clone, Serialize)]
pub struct IngestedFile {
    /// The document's id (shared with the records made from the file).
    pub document: Arc<str>,
    /// The file's locale (shared likewise).
    pub locale: Arc<str>,
    /// True for the document's source-language file.
    pub is_source: bool,
    /// The path relative to the root (shared with its cells' locations).
    pub file: Arc<str>,
    /// The front matter.
    pub front_matter: FrontMatter,
    /// Every non-empty heading.
    pub headings: Vec<Heading>,
    /// Every table.
    pub tables: Vec<Table>,
    /// Every link target and where it is.
    #[serde(skip)]
    pub links: Vec<(String, Location)>,
    /// The suppression comments.
    #[serde(skip)]
    pub suppressions: Vec<Suppression>,
}

impl IngestedFile {
    /// The number of data rows read: those of the tables that hold codes,
    /// or that look as if they should (tables without codes are not read as
    /// codes, and their rows are not counted).
    pub fn row_count(&self) -> usize {
        self.tables
            .iter()
            .filter(|t| t.kind != TableKind::NoCodes)
            .map(|t| t.rows.len())
            .sum()
    }
}

/// Reports each column whose header names a role that another column of
/// `table` has (`Error code | Error code | Description | Description`):
/// a record has one value per role, so the second column's cells would
/// be left out of every output without a word.
fn duplicate_columns(table: &Table, problems: &mut Vec<IngestProblem>) {
    use crate::model::ColumnRole;
    for column in &table.columns {
        if column.role != ColumnRole::Other {
            continue;
        }
        let named = roles::role_of_header(&column.header.text);
        if named == ColumnRole::Other {
            continue;
        }
        if let Some(kept) = table
            .columns
            .iter()
            .find(|c| c.role == named && c.source != column.source)
        {
            problems.push(IngestProblem::DuplicateColumn {
                location: column.header.location.clone(),
                header: column.header.text.to_string(),
                role: named,
                kept: kept.header.location.clone(),
            });
        }
    }
}

/// The codes a table read as holding none lists in its cells.
struct ListedCodes {
    /// The first, as written.
    first: String,
    /// Where it is.
    location: crate::source::Location,
    /// The rows that list one.
    rows: usize,
}

/// The codes a table of rows whose columns read as no codes lists in its
/// cells, each among a few words (`E _ puntatore 0x80004003`, as
/// machine-translated pages write `E_POINTER`): from
/// [`stray_codes::MIN_CODES`] distinct codes up, in half its rows or more.
/// `None` for tables read as codes, and for tables of other things whose
/// sentences mention a code or two.
fn codes_listed_in_cells(table: &Table) -> Option<ListedCodes> {
    if table.kind != TableKind::NoCodes || !table.layout.is_rows() || table.rows.is_empty() {
        return None;
    }
    let mut first: Option<(String, crate::source::Location)> = None;
    let mut rows = 0;
    let mut distinct = std::collections::HashSet::new();
    for row in &table.rows {
        let listed = row.cells.iter().find_map(|cell| {
            stray_codes::listed_code(&cell.text)
                .filter(|_| names_something(&cell.text))
                .map(|(_, written, value)| (cell, written, value))
        });
        let Some((cell, written, value)) = listed else {
            continue;
        };
        rows += 1;
        distinct.insert(value);
        first.get_or_insert_with(|| (written.to_string(), cell.location.clone()));
    }
    let (first, location) = first?;
    (distinct.len() >= stray_codes::MIN_CODES && rows * 2 >= table.rows.len()).then_some(
        ListedCodes {
            first,
            location,
            rows,
        },
    )
}

/// True when `text` has a word that looks like a symbolic name or part
/// of one, split or translated: a word with an `_` (a lone `_` too, as in
/// `E _ puntatore`), or a word of two or more upper-case letters (`E
/// PUNTATORE`). A sentence that mentions a code (`Setup fails with error
/// 0x80070005.`) has none.
fn names_something(text: &str) -> bool {
    text.split_whitespace().any(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '_');
        word.contains('_')
            || (word.len() >= 2
                && !word.starts_with("0x")
                && !word.starts_with("0X")
                && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
                && word.chars().any(char::is_uppercase))
    })
}

/// Reads one file. Problems that do not stop the read (broken front matter,
/// ragged rows, a header that names no known column, a suppression comment
/// that cannot apply) are pushed to `problems`.
pub fn ingest(
    file: &SourceFile,
    document: &str,
    locale: &str,
    is_source: bool,
    problems: &mut Vec<IngestProblem>,
) -> IngestedFile {
    let front_matter = front_matter::read(file, problems);
    let mut structure = markdown::walk(file, problems);
    // Tables found to list codes that no column reads are unreadable, not
    // passed over as tables of other things: their rows are kept as
    // unresolved rows, and they are reported below with the first code.
    let listings: Vec<Option<ListedCodes>> = structure
        .tables
        .iter_mut()
        .map(|table| {
            let listed = codes_listed_in_cells(table);
            if listed.is_some() {
                table.kind = TableKind::Unreadable;
            }
            listed
        })
        .collect();
    for (table, listed) in structure.tables.iter().zip(listings) {
        if is_source {
            for mismatch in &table.header_mismatches {
                let header = table.columns.iter().find(|c| c.source == mismatch.column);
                problems.push(IngestProblem::HeaderMismatch {
                    location: header
                        .map_or_else(|| table.location.clone(), |c| c.header.location.clone()),
                    table: table.location.clone(),
                    header: header
                        .map(|c| c.header.text.to_string())
                        .unwrap_or_default(),
                    mismatch: mismatch.clone(),
                });
            }
        }
        // A vertical table's labels head no columns: they are no column's
        // header that another repeats.
        if is_source && table.kind != TableKind::NoCodes && table.layout.is_rows() {
            duplicate_columns(table, problems);
            for unpaired in &table.unpaired_names {
                problems.push(IngestProblem::UnpairedNames {
                    location: unpaired.location.clone(),
                    names: unpaired.names.clone(),
                    codes: unpaired.codes,
                });
            }
        }
        if let Some(unread) = &table.unread_vertical {
            problems.push(IngestProblem::UnreadVerticalTable {
                location: unread.location.clone(),
                table: table.location.clone(),
                code: unread.code.clone(),
                reason: unread.reason.clone(),
            });
        } else if table.kind == TableKind::Unreadable {
            let holds_code = |cell: &Cell| crate::model::HResult::read(&cell.text).value.is_some();
            problems.push(IngestProblem::UnrecognizedHeader {
                location: table.location.clone(),
                headers: table
                    .columns
                    .iter()
                    .map(|c| c.header.text.to_string())
                    .collect(),
                rows: table.rows.len(),
                rows_with_code: listed.as_ref().map_or_else(
                    || {
                        table
                            .rows
                            .iter()
                            .filter(|row| row.cells.iter().any(holds_code))
                            .count()
                    },
                    |listed| listed.rows,
                ),
                most_in_a_column: (0..table.columns.len())
                    .map(|j| {
                        table
                            .rows
                            .iter()
                            .filter(|row| row.cells.get(j).is_some_and(holds_code))
                            .count()
                    })
                    .max()
                    .unwrap_or(0),
                listed_code: listed.map(|listed| (listed.first, listed.location)),
            });
        }
    }
    // A comment never closed hides the rest of the page from readers and
    // from errdocs alike; say so where it opens.
    if let Some(hidden) = structure
        .unclosed_comment
        .as_ref()
        .map(|c| hidden_by(file, c))
        && hidden.lines > 0
    {
        problems.push(IngestProblem::UnclosedHtmlComment {
            location: hidden.location,
            hidden_lines: hidden.lines,
            last_line: hidden.last_line,
        });
    }
    // A code fence never closed shows the rest of the page as code: a
    // table of codes after it is read by no one. Said only where what it
    // holds may be such a table (a code sample that merely lost its last
    // fence at the page's end hides nothing).
    if let Some(hidden) = structure
        .unclosed_fence
        .as_ref()
        .map(|b| hidden_by(file, b))
        && crate::corpus::prefilter::may_hold_code_table(hidden.text.as_bytes())
    {
        problems.push(IngestProblem::UnclosedCodeFence {
            location: hidden.location,
            hidden_lines: hidden.lines,
            last_line: hidden.last_line,
        });
    }
    // Codes a page lists outside its tables, in a layout errdocs does not
    // read, would be missing without a word: say so.
    let in_tables = || {
        stray_codes::codes_in(
            structure
                .tables
                .iter()
                .flat_map(|t| &t.rows)
                .flat_map(|r| &r.cells)
                .map(|c| c.text.as_ref()),
        )
    };
    if let Some(stray) = stray_codes::find(file, &structure, in_tables) {
        problems.push(IngestProblem::CodesOutsideTables {
            location: stray.location,
            first: stray.first,
            count: stray.count,
            places: stray.places,
            html_block: stray.html_block,
        });
    }
    let suppressions = suppression::read(file, &structure.html_comments, problems);
    IngestedFile {
        document: document.into(),
        locale: locale.into(),
        is_source,
        file: file.shared_path(),
        front_matter,
        headings: structure.headings,
        tables: structure.tables,
        links: structure.links,
        suppressions,
    }
}

/// What a block never closed (an HTML comment, a code fence) hides: the
/// text after its opening line, how many of those lines are not blank,
/// where it opens and its last line.
struct Hidden<'t> {
    text: &'t str,
    lines: usize,
    location: Location,
    last_line: usize,
}

fn hidden_by<'t>(file: &'t SourceFile, block: &std::ops::Range<usize>) -> Hidden<'t> {
    let whole = file.text.get(block.clone()).unwrap_or_default();
    let text = whole.find('\n').map_or("", |i| &whole[i + 1..]);
    Hidden {
        text,
        lines: text.lines().filter(|l| !l.trim().is_empty()).count(),
        location: file.location(block.start),
        last_line: file.location(block.end.saturating_sub(1)).line,
    }
}
