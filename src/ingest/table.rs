//! Raw tables as ingest reads them: cells with their source text, plain
//! text and location, grouped into rows under a header with column roles.

use serde::Serialize;
use thin_vec::ThinVec;

use super::roles::{ColumnPlan, HeaderMismatch, Part, TablePlan};
use super::shape::{Shape, Token, shape_of};
use crate::model::{CodeForms, ColumnRole, TableFormat, TableKind, TableLayout};
use crate::source::{Location, SourceFile};

pub use super::cell::{Cell, Column, Heading, Row};

/// One table of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// 0-based position among the file's tables.
    pub index: usize,
    /// Markdown or HTML.
    pub format: TableFormat,
    /// Where the table starts.
    #[serde(flatten)]
    pub location: Location,
    /// The nearest non-empty heading above the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<Heading>,
    /// The columns, as read: by role, one per column written, or two for
    /// a column whose cells hold a name and a code together.
    pub columns: Vec<Column>,
    /// The data rows (the header row excluded), a cell per column.
    pub rows: Vec<Row>,
    /// Whether the table lists codes.
    #[serde(skip)]
    pub kind: TableKind,
    /// How its codes are written.
    #[serde(skip)]
    pub forms: CodeForms,
    /// Headers that name another role than their column holds.
    #[serde(skip)]
    pub header_mismatches: Vec<HeaderMismatch>,
    /// Rows that list codes and names that cannot be paired.
    #[serde(skip)]
    pub unpaired_names: Vec<UnpairedNames>,
    /// Data rows with no text in any cell: not read (a page's empty
    /// template rows), only counted.
    #[serde(skip)]
    pub blank_rows: usize,
    /// A row per code, or one code laid out vertically (see
    /// [`super::vertical`]): then the columns are the label/value pairs,
    /// their headers the labels, and the one row the values.
    #[serde(skip_serializing_if = "TableLayout::is_rows")]
    pub layout: TableLayout,
    /// For a vertical table that holds a code but cannot be read safely
    /// (of kind [`TableKind::Unreadable`]): its code and why.
    #[serde(skip)]
    pub unread_vertical: Option<Box<super::vertical::UnreadVertical>>,
}

impl Table {
    /// The index of the first column with `role`.
    pub fn column(&self, role: ColumnRole) -> Option<usize> {
        self.columns.iter().position(|c| c.role == role)
    }

    /// True when the table lists codes: its rows are read as codes.
    pub fn is_understood(&self) -> bool {
        self.kind == TableKind::Codes
    }

    /// The line of its last row, where it has rows: for a vertical table,
    /// whose one row starts where the table does, its last value's.
    pub fn last_row_line(&self) -> Option<usize> {
        let rows = self.rows.iter().map(|r| r.location.line);
        match self.layout {
            TableLayout::Rows => rows.max(),
            TableLayout::Vertical => rows
                .chain(
                    self.rows
                        .iter()
                        .flat_map(|r| &r.cells)
                        .map(|c| c.location.line),
                )
                .max(),
        }
    }

    /// The heading's text, or an empty string.
    pub fn section(&self) -> &str {
        self.heading.as_ref().map_or("", |h| h.text.as_str())
    }
}

/// The headers a code list's columns (name, code, decimal, description;
/// see [`super::lists`]) are planned by: the decimal column is the decimal
/// that its entries write beside their code; the others are read from
/// their cells.
const LIST_PLANNING_HEADERS: [&str; 4] = ["", "", "Decimal", ""];

/// Lays out a table's columns and rows by `plan`: a column per planned
/// role, each row's cell for it the whole cell written, or the part of it
/// the role reads (the name of `BG_E_X (0x80200001)`, its code). A name
/// cell that gives the row's code several names keeps the first as the
/// name and the others as the row's aliases, but for the cells of
/// `unpaired`, whose names belong to several codes, none of them known.
pub fn lay_out(
    file: &SourceFile,
    header: &[Cell],
    rows: Vec<Row>,
    plan: &TablePlan,
    unpaired: &[UnpairedNames],
) -> (Vec<Column>, Vec<Row>) {
    let unpaired: std::collections::HashSet<(usize, usize)> = unpaired
        .iter()
        .map(|u| (u.location.line, u.location.column))
        .collect();
    let fallback_header = |j: usize| {
        header
            .get(j)
            .cloned()
            .or_else(|| header.last().cloned())
            .unwrap_or_else(|| {
                Cell::empty(
                    Location {
                        file: file.shared_path(),
                        line: 1,
                        column: 1,
                    },
                    0,
                )
            })
    };
    let columns = plan
        .columns
        .iter()
        .map(|c| Column {
            role: c.role,
            header: fallback_header(c.source),
            source: c.source,
            reason: c.reason.clone(),
        })
        .collect();
    // Only a column read in parts needs its cells cut. Counted once per
    // physical column: comparing every column with every other took
    // minutes on a table of 200,000 columns.
    let width = plan.columns.iter().map(|c| c.source + 1).max().unwrap_or(0);
    let mut planned_of_source = vec![0usize; width];
    for c in &plan.columns {
        planned_of_source[c.source] += 1;
    }
    let split: Vec<bool> = plan
        .columns
        .iter()
        .map(|c| planned_of_source[c.source] > 1)
        .collect();
    let rows = rows
        .into_iter()
        .map(|row| {
            let mut aliases = ThinVec::new();
            let cells = plan
                .columns
                .iter()
                .zip(&split)
                .map(|(c, &split)| {
                    let Some(cell) = row.cells.get(c.source) else {
                        return Cell::empty(row.location.clone(), 0);
                    };
                    let read = read_part(file, cell, c, split, &unpaired, &mut aliases);
                    // A name read from inside a macro
                    // (`HRESULT_FROM_WIN32(ERROR_X) 0x80070005`) keeps the
                    // macro: the row's code is the macro's value of it.
                    if c.part == Part::Name
                        && read.text != cell.text
                        && let Some(wrapper) = super::shape::macro_wrapping(&cell.text, &read.text)
                    {
                        return read.wrapped_in(wrapper);
                    }
                    read
                })
                .collect();
            Row {
                cells,
                aliases,
                ..row
            }
        })
        .collect();
    (columns, rows)
}

/// True for the name of a facility (`FACILITY_WIN32`), which names the
/// bits of a code that say who defines it, not a code.
fn is_facility_name(name: &str) -> bool {
    name.strip_prefix("FACILITY_")
        .is_some_and(|rest| !rest.is_empty())
}

/// The part of `cell` that column `c` reads, `split` when the cell's
/// column is read in several parts; the names listed beside the first go
/// to `aliases`, but in cells of `unpaired` names.
fn read_part(
    file: &SourceFile,
    cell: &Cell,
    c: &ColumnPlan,
    split: bool,
    unpaired: &std::collections::HashSet<(usize, usize)>,
    aliases: &mut ThinVec<Box<str>>,
) -> Cell {
    // Names listed for the row's one code (`E_A, E_B`,
    // `0x80070005 (E_A, E_B)`): the first, and the others
    // as aliases.
    if c.role == ColumnRole::Name
        && !unpaired.contains(&(cell.location.line, cell.location.column))
        && let Some(names) = super::shape::several_names(&cell.text)
    {
        // A facility's name beside the code's (`FACILITY_VISUALCPP/
        // ERROR_MOD_NOT_FOUND`, an exception code made of a Win32 error)
        // names the code's facility bits, not the code.
        let named_codes: Vec<_> = names
            .iter()
            .filter(|span| !cell.text.get((*span).clone()).is_some_and(is_facility_name))
            .cloned()
            .collect();
        let names = if named_codes.is_empty() {
            names
        } else {
            named_codes
        };
        let mut names = cell.parts(file, names).into_iter();
        if let Some(first) = names.next() {
            *aliases = names.map(|name| Box::from(&*name.text)).collect();
            return first;
        }
    }
    // A name and a note or mark after it
    // (`RPC_E_X (deprecated)`, `RPC_E_X*`): the name.
    if !split
        && c.part == Part::Name
        && has_more_than_a_name(&cell.text)
        && let Some(span) = super::shape::name_before_note(&cell.text)
    {
        return cell.part(file, span);
    }
    // A name wrapped in a macro
    // (`HRESULT_FROM_WIN32(ERROR_X)`): the name.
    if !split
        && c.part == Part::Name
        && has_more_than_a_name(&cell.text)
        && let Some(span) = super::shape::name_in_wrapper(&cell.text)
    {
        return cell.part(file, span);
    }
    if !split && matches!(c.part, Part::Whole | Part::Name) {
        return cell.clone();
    }
    part_of(file, cell, c.part, split)
}

/// False for a cell that is one name and nothing else, which most name
/// cells are: only the others are read for a note after the name.
fn has_more_than_a_name(text: &str) -> bool {
    !text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The part of `cell` that `part` reads. A cell that holds nothing else is
/// read whole, stray characters and all (`=0x87D101F8` is reported as it
/// is written); a name read from a code's cell is empty where the cell has
/// none.
fn part_of(file: &SourceFile, cell: &Cell, part: Part, split: bool) -> Cell {
    if part == Part::Whole {
        return cell.clone();
    }
    // A code and a note after it (`0x80240002 - see below`): the code.
    if part == Part::Hex
        && let Some(span) = super::shape::code_before_note(&cell.text)
    {
        return cell.part(file, span);
    }
    match part {
        Part::NoteAfterCode => {
            return super::shape::note_after_code(&cell.text).map_or_else(
                || Cell::empty(cell.location.clone(), cell.offset),
                |note| cell.part(file, note),
            );
        }
        Part::NameBeforeText | Part::TextAfterName => {
            let found = super::shape::name_before_text(&cell.text);
            return match (found, part) {
                (Some((name, _)), Part::NameBeforeText) => cell.part(file, name),
                (Some((_, text)), _) => cell.part(file, text),
                (None, Part::NameBeforeText) => Cell::empty(cell.location.clone(), cell.offset),
                (None, _) => cell.clone(),
            };
        }
        Part::ExtendCode => {
            return super::shape::extend_code(&cell.text).map_or_else(
                || Cell::empty(cell.location.clone(), cell.offset),
                |span| cell.part(file, span),
            );
        }
        _ => {}
    }
    let shape = shape_of(&cell.text);
    let composite = shape.tokens.len() > 1
        && matches!(
            shape.shape,
            Shape::Hex | Shape::HexAndIdentifier | Shape::DecimalAndIdentifier
        );
    let span = match part {
        Part::Whole
        | Part::NameBeforeText
        | Part::TextAfterName
        | Part::NoteAfterCode
        | Part::ExtendCode => {
            return cell.clone();
        }
        // A name and a number in a cell of codes (`S_OK` above `0`, as
        // Win32 reference pages list return values): the number is the
        // code as written, read and judged as such, not the name with it.
        Part::Hex => shape.hex_span().or_else(|| {
            (shape.shape == Shape::DecimalAndIdentifier)
                .then(|| shape.decimal_span())
                .flatten()
        }),
        Part::Number => shape.number_span(),
        Part::Name => shape.identifier_span(),
        Part::LeadingName => {
            return match shape.tokens.first() {
                Some(first) if first.token == Token::Identifier && shape.tokens.len() > 1 => {
                    cell.part(file, first.span.clone())
                }
                _ => cell.clone(),
            };
        }
    };
    match span {
        Some(span) if composite => cell.part(file, span),
        Some(_) if part != Part::Name || !split => cell.clone(),
        Some(span) => cell.part(file, span),
        None if part == Part::Name && split => Cell::empty(cell.location.clone(), cell.offset),
        None => cell.clone(),
    }
}

/// The heading a caption cell gives the rows under it: one level below
/// `above`, the heading the table sits under. `None` for an empty cell.
pub fn caption_heading(cell: &Cell, above: Option<&Heading>) -> Option<Heading> {
    (!cell.text.trim().is_empty()).then(|| Heading {
        level: above.map_or(6, |h| (h.level + 1).min(6)),
        text: cell.text.to_string(),
        anchor: None,
        location: cell.location.clone(),
    })
}

/// A table's rows in sections, each under its heading.
pub type Sections = Vec<(Option<Heading>, Vec<Row>)>;

/// Leaves out the sections of `parts` without rows, where there are
/// several: a section row before any data leaves the first one empty. One
/// table at least stays, under `heading`, though it be empty.
pub fn drop_empty_sections(parts: &mut Sections, heading: Option<Heading>) {
    if parts.len() > 1 {
        parts.retain(|(_, rows)| !rows.is_empty());
        if parts.is_empty() {
            parts.push((heading, Vec::new()));
        }
    }
}

/// A table's sections, each with the header it is read with.
pub type HeadedSections = Vec<(Option<Heading>, Vec<Cell>, Vec<Row>)>;

/// `sections` with each section that is a two-column table describing
/// several codes one after another by the same labels (see
/// [`super::vertical::records`]) split into a section per code, under the
/// same heading, so that each is read as the vertical table it is. Each
/// section is read with the table's `header`, but for the records after
/// the first of a table whose header is the first record's pair (`| Error
/// code | 0x80070005 |`): they have none.
pub fn split_vertical_records(header: &[Cell], sections: Sections) -> HeadedSections {
    let mut out: HeadedSections = Vec::with_capacity(sections.len());
    for (heading, rows) in sections {
        match super::vertical::records(header, &rows, heading.as_ref()) {
            Some(records) => out.extend(
                records
                    .into_iter()
                    .map(|(header, rows)| (heading.clone(), header, rows)),
            ),
            None => out.push((heading, header.to_vec(), rows)),
        }
    }
    out
}

/// The rows of a pipe table in sections. A row whose only text is in its
/// first cell, words that are neither a code nor a name (`| **Windows
/// Update errors** | | |`), is a heading inside the table, as a row of one
/// cell across an HTML table (`<td colspan="3">`) is: the rows after it
/// are a table of their own under that heading, one level below
/// `heading`, the one the table sits under. A row with a name or a
/// description beside an empty code, a name alone, or a code alone however
/// mangled (`0x8024200G`) is a row, and is read (and reported) as one; so
/// is such a row with no row under it (a note below the table), which
/// heads nothing.
pub fn pipe_sections(header: &[Cell], rows: Vec<Row>, heading: Option<Heading>) -> Sections {
    let width = header.len();
    // Under a description header, text alone in the first column is a
    // description whose code is missing, not a heading.
    let first_is_description = header.first().is_some_and(|h| {
        super::roles::role_of_header(&h.text) == crate::model::ColumnRole::Description
    });
    let mut parts: Sections = vec![(heading.clone(), Vec::new())];
    // The row that started the last section, while no row is under it.
    let mut heading_row: Option<Row> = None;
    for row in rows {
        if width > 1
            && !first_is_description
            && let Some(section) =
                group_heading(&row).and_then(|cell| caption_heading(cell, heading.as_ref()))
        {
            parts.push((Some(section), Vec::new()));
            heading_row = Some(row);
            continue;
        }
        heading_row = None;
        if let Some((_, part_rows)) = parts.last_mut() {
            part_rows.push(row);
        }
    }
    if let Some(row) = heading_row {
        parts.pop();
        if let Some((_, part_rows)) = parts.last_mut() {
            part_rows.push(row);
        }
    }
    drop_empty_sections(&mut parts, heading);
    parts
}

/// The first cell of `row` when it is the row's only text and reads as a
/// heading: words, not a code, a number or a name, nor one word that
/// starts with a digit (a code mistyped past reading, `0x8024200G`).
fn group_heading(row: &Row) -> Option<&Cell> {
    let (first, rest) = row.cells.split_first()?;
    if !row.extra_cells.is_empty() || rest.iter().any(|c| !c.text.trim().is_empty()) {
        return None;
    }
    let text = first.text.trim();
    let one_word_from_a_digit =
        !text.contains(char::is_whitespace) && text.starts_with(|c: char| c.is_ascii_digit());
    (super::shape::shape_of(text).shape == Shape::Prose && !one_word_from_a_digit).then_some(first)
}

/// What a table is made of before its columns are read.
pub struct TableParts {
    /// 0-based position among the file's tables.
    pub index: usize,
    /// Markdown or HTML.
    pub format: TableFormat,
    /// Where the table starts.
    pub location: Location,
    /// The heading above it.
    pub heading: Option<Heading>,
    /// The header cells (empty when the table has none).
    pub header: Vec<Cell>,
    /// The data rows, their cells as written.
    pub rows: Vec<Row>,
}

/// Reads the columns of a table from its cells (see [`super::roles`]) and
/// lays it out by role.
pub fn build(file: &SourceFile, mut parts: TableParts) -> Table {
    let before = parts.rows.len();
    parts.rows.retain(|row| {
        row.cells.iter().any(|c| !c.text.trim().is_empty()) || !row.extra_cells.is_empty()
    });
    let blank_rows = before - parts.rows.len();
    // The header written again among the rows (long tables repeat it every
    // screenful; some write it bold as the first body row): a header, not
    // a row whose code is `Code`.
    let header = &parts.header;
    parts.rows.retain(|row| !repeats_header(header, row));
    // One code laid out vertically: one row, a column per label.
    if parts.format != TableFormat::List
        && let Some(vertical) = super::vertical::read(
            &parts.header,
            &parts.rows,
            &parts.location,
            parts.heading.as_ref(),
        )
    {
        let (columns, rows) = lay_out(
            file,
            &vertical.labels,
            vec![vertical.row],
            &vertical.plan,
            &[],
        );
        return Table {
            index: parts.index,
            format: parts.format,
            location: parts.location,
            heading: parts.heading,
            columns,
            rows,
            kind: vertical.plan.kind,
            forms: vertical.plan.forms,
            header_mismatches: Vec::new(),
            blank_rows,
            layout: TableLayout::Vertical,
            unread_vertical: vertical.unread.map(Box::new),
            unpaired_names: Vec::new(),
        };
    }
    // A code list's columns have no header, but its decimal column is
    // known to be one: the number its entries write beside their hex code
    // (`NAME (0x80072EE2/-2147012894)`). Named so, every wrong one is
    // reported, not the column dropped when all of them are wrong.
    let headers: Vec<&str> = if parts.format == TableFormat::List {
        LIST_PLANNING_HEADERS.to_vec()
    } else {
        parts.header.iter().map(|c| c.text.as_ref()).collect()
    };
    let plan_of = |rows: &[Row]| {
        let texts: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_ref()).collect())
            .collect();
        let mut plan = super::roles::plan(&headers, &texts);
        read_extend_codes(&mut plan, &texts);
        plan
    };
    let mut plan = plan_of(&parts.rows);
    if parts.format != TableFormat::List {
        let before = parts.rows.len();
        parts.rows = join_continuation_rows(std::mem::take(&mut parts.rows), &plan);
        // The columns, read again without the rows that were parts of
        // others (their empty code cells thinned the code column).
        if parts.rows.len() != before {
            plan = plan_of(&parts.rows);
        }
    }
    let (rows, unpaired_names) = one_code_a_row(file, &plan, parts.rows);
    let (columns, rows) = lay_out(file, &parts.header, rows, &plan, &unpaired_names);
    Table {
        index: parts.index,
        format: parts.format,
        location: parts.location,
        heading: parts.heading,
        columns,
        rows,
        kind: plan.kind,
        forms: plan.forms,
        // A code list's planning headers are no page's words: nothing to
        // hold its cells against.
        header_mismatches: if parts.format == TableFormat::List {
            Vec::new()
        } else {
            plan.header_mismatches
        },
        unpaired_names,
        blank_rows,
        layout: TableLayout::Rows,
        unread_vertical: None,
    }
}

/// Reads the extend codes of a code column whose cells give them after
/// their result codes (`0xC1900101 - 0x20004`) as a column of their own,
/// beside the codes: one result code with several extend codes is several
/// failures, not a code listed twice, and their rows stay apart by it.
fn read_extend_codes(plan: &mut TablePlan, rows: &[Vec<&str>]) {
    let Some(at) = plan
        .columns
        .iter()
        .position(|c| c.role == ColumnRole::Code && c.part == Part::Hex)
    else {
        return;
    };
    let source = plan.columns[at].source;
    let extended = rows
        .iter()
        .filter(|row| {
            row.get(source)
                .is_some_and(|text| super::shape::extend_code(text).is_some())
        })
        .count();
    if extended > 0 {
        plan.columns.insert(
            at + 1,
            ColumnPlan {
                source,
                part: Part::ExtendCode,
                role: ColumnRole::Other,
                reason: format!(
                    "{extended} of the code cells add an extend code after a dash \
                     (`0xC1900101 - 0x20004`): read apart from the code"
                ),
            },
        );
    }
}

/// `rows` with each continuation row (see [`is_continuation`]) joined to
/// the row above it: each of its cells goes on the cell above on a line
/// of its own, as a `<br>` would (or is that cell, where the one above is
/// empty, at its own place in the file). A joined cell's source stays the
/// one above's, so a fix finds there only what is written there. Only in
/// a table of codes; a continuation row with no row above it (the first
/// of its table), or with cells beyond the header's, stays a row.
fn join_continuation_rows(rows: Vec<Row>, plan: &super::roles::TablePlan) -> Vec<Row> {
    if plan.kind != TableKind::Codes {
        return rows;
    }
    let last = last_identifying_column(plan.columns.iter().map(|c| (c.source, c.role)));
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    // The cells of the continuation rows under the last row of `out`, by
    // column, joined to it once the next row that is not one comes: joining
    // each in turn copied the growing text again every time, and 100,000
    // continuation rows took seconds.
    let mut pending: Vec<Vec<Cell>> = Vec::new();
    for row in rows {
        let continues =
            row.extra_cells.is_empty() && is_continuation(last, row.cells.iter().enumerate());
        match out.last() {
            Some(above) if continues && above.cells.len() >= row.cells.len() => {
                pending.resize_with(above.cells.len(), Vec::new);
                for (below, cell) in pending.iter_mut().zip(row.cells) {
                    if !cell.text.trim().is_empty() {
                        below.push(cell);
                    }
                }
            }
            _ => {
                join_pending(&mut out, &mut pending);
                out.push(row);
            }
        }
    }
    join_pending(&mut out, &mut pending);
    out
}

/// Joins the `pending` cells of continuation rows to the last row of
/// `out`, column by column, and empties them.
fn join_pending(out: &mut [Row], pending: &mut Vec<Vec<Cell>>) {
    if let Some(above) = out.last_mut() {
        for (top, below) in above.cells.iter_mut().zip(pending.iter()) {
            if !below.is_empty() {
                *top = joined(top, below);
            }
        }
    }
    pending.clear();
}

/// The last physical column of a table whose `columns` are given as (the
/// physical column, its role) that says which error a row is about: a
/// column of codes, decimals or names. `None` when it has none.
pub fn last_identifying_column(
    columns: impl IntoIterator<Item = (usize, ColumnRole)>,
) -> Option<usize> {
    columns
        .into_iter()
        .filter(|(_, role)| {
            matches!(
                role,
                ColumnRole::Code | ColumnRole::Decimal | ColumnRole::Name
            )
        })
        .map(|(column, _)| column)
        .max()
}

/// True when a row whose `cells` are given at their physical columns is
/// the rest of the row above it: Word and Confluence exports split a long
/// cell over rows (`| | | Restart the computer and try again. |` under the
/// code's row). Such a row has text, and only in columns right of
/// `last_identifying` (see [`last_identifying_column`]): no code, no
/// decimal, no name, and nothing in a column before them (text alone in
/// a first column of descriptions is a row whose code is missing).
pub fn is_continuation<'a>(
    last_identifying: Option<usize>,
    cells: impl IntoIterator<Item = (usize, &'a Cell)>,
) -> bool {
    let Some(last) = last_identifying else {
        return false;
    };
    let mut written = false;
    for (column, cell) in cells {
        if cell.text.trim().is_empty() {
            continue;
        }
        if column <= last {
            return false;
        }
        written = true;
    }
    written
}

/// The cells of `below`, each written on a line of its own after `top`,
/// as one cell at `top`'s place; at the first of `below`'s where `top` is
/// empty.
fn joined(top: &Cell, below: &[Cell]) -> Cell {
    let mut parts = std::iter::once(top)
        .chain(below)
        .filter(|cell| !cell.text.trim().is_empty());
    let Some(base) = parts.next() else {
        return top.clone();
    };
    let mut text = base.text.to_string();
    let mut markdown = base.markdown().to_string();
    let mut joined_lines = base.joined_lines().to_vec();
    let mut more = false;
    for cell in parts {
        more = true;
        text.push('\n');
        text.push_str(&cell.text);
        markdown.push('\n');
        markdown.push_str(cell.markdown());
        joined_lines.extend_from_slice(cell.joined_lines());
    }
    if !more {
        return base.clone();
    }
    Cell::new(
        base.location.clone(),
        base.offset,
        base.source(),
        text,
        &markdown,
        joined_lines,
    )
}

/// True when `row` writes the table's header again: two cells or more, the
/// same words as the header's in the same places (case aside), no extra
/// cells.
fn repeats_header(header: &[Cell], row: &Row) -> bool {
    let written = header.iter().filter(|c| !c.text.trim().is_empty()).count();
    written >= 2
        && row.extra_cells.is_empty()
        && row.cells.len() == header.len()
        && header.iter().zip(&row.cells).all(|(h, c)| {
            let (h, c) = (h.text.trim(), c.text.trim());
            h.to_lowercase() == c.to_lowercase()
        })
}

/// A row whose code cell lists several codes and whose name cell lists
/// several names that cannot be paired with them: their counts differ, or
/// they are written apart otherwise (`0x1<br>0x2` beside `E_A, E_B`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnpairedNames {
    /// Where the name cell is.
    pub location: Location,
    /// The names it lists.
    pub names: Vec<String>,
    /// How many codes the code cell lists.
    pub codes: usize,
}

/// Rows whose code cell lists several codes (`0x80072EFD <br>0x80072EFE`)
/// become one row per code, each with the row's other cells: the rows of
/// the dataset are codes. A name cell that lists as many names, written
/// apart as the codes are (`E_ACCESSDENIED<br>E_FAIL`), gives each code
/// its name, in order; any other name cell is each code's, and a list of
/// names that cannot be paired is returned, to be reported. Read on the
/// cells as written, before they are laid out by role: a name column read
/// for its leading name would have lost the others.
fn one_code_a_row(
    file: &SourceFile,
    plan: &TablePlan,
    rows: Vec<Row>,
) -> (Vec<Row>, Vec<UnpairedNames>) {
    let mut unpaired = Vec::new();
    let Some(code) = plan
        .columns
        .iter()
        .find(|c| c.role == ColumnRole::Code)
        .map(|c| c.source)
    else {
        return (rows, unpaired);
    };
    // A name column of its own: names read from the code cell go with it.
    let name = plan
        .columns
        .iter()
        .find(|c| c.role == ColumnRole::Name)
        .map(|c| c.source)
        .filter(|&j| j != code);
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(cell) = row.cells.get(code) else {
            out.push(row);
            continue;
        };
        let shape = shape_of(&cell.text);
        if shape.shape != Shape::HexList {
            out.push(row);
            continue;
        }
        // The codes, not the words that join them (`0x1 or 0x2`).
        let codes: Vec<std::ops::Range<usize>> = shape
            .tokens
            .iter()
            .filter(|t| matches!(t.token, Token::Hex(_)))
            .map(|t| t.span.clone())
            .collect();
        let listed = name
            .and_then(|j| row.cells.get(j))
            .and_then(|c| Some((c, super::shape::listed_names(&c.text)?)));
        let names = match listed {
            Some((name_cell, names))
                if names.len() == codes.len()
                    && super::shape::list_separators(&name_cell.text, &names)
                        == super::shape::list_separators(&cell.text, &codes) =>
            {
                Some(name_cell.parts(file, names))
            }
            Some((name_cell, names)) => {
                unpaired.push(UnpairedNames {
                    location: name_cell.location.clone(),
                    names: names
                        .iter()
                        .filter_map(|span| name_cell.text.get(span.clone()))
                        .map(str::to_string)
                        .collect(),
                    codes: codes.len(),
                });
                None
            }
            None => None,
        };
        let parts = cell.parts(file, codes);
        for (index, part) in parts.into_iter().enumerate() {
            // The other cells are shared (their text and forms are behind
            // `Arc`s); the listing cell itself is not copied for each code.
            let cells = row
                .cells
                .iter()
                .enumerate()
                .map(|(column, other)| {
                    if column == code {
                        part.clone()
                    } else if let (Some(names), true) = (&names, Some(column) == name) {
                        names.get(index).cloned().unwrap_or_else(|| other.clone())
                    } else {
                        other.clone()
                    }
                })
                .collect();
            out.push(Row {
                location: row.location.clone(),
                cells,
                extra_cells: row.extra_cells.clone(),
                part: u16::try_from(index).unwrap_or(u16::MAX),
                aliases: ThinVec::new(),
            });
        }
    }
    (out, unpaired)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(text: &str) -> (SourceFile, Vec<Table>) {
        let file = SourceFile::from_bytes(
            std::path::Path::new("page.md"),
            "page.md".into(),
            text.as_bytes().to_vec(),
        )
        .expect("text");
        let tables = super::super::markdown::walk(&file, &mut Vec::new()).tables;
        (file, tables)
    }

    /// The codes of a cell that lists them are each found after the one
    /// before: 8,000 codes in one cell were each looked for from the
    /// cell's start, and the cell copied for each (20,000 took 23 s in a
    /// release build). A code listed twice is found at each place.
    #[test]
    fn a_cell_of_many_codes_is_read_in_linear_time() {
        let codes: Vec<String> = (0..8_000u32)
            .map(|i| format!("0x{:08X}", 0x8024_0000 + i))
            .collect();
        let text = format!(
            "| Code | Name | Description |\n|---|---|---|\n| {}<br>0x80240000 | WU_E_A | Fails. |\n",
            codes.join("<br>")
        );
        let (file, tables) = tables(&text);
        let table = &tables[0];
        let code = table
            .columns
            .iter()
            .position(|c| c.role == ColumnRole::Code)
            .expect("a code column");
        assert_eq!(table.rows.len(), 8_001);
        for (row, written) in table.rows.iter().zip(codes.iter()) {
            let cell = &row.cells[code];
            assert_eq!(&file.text[cell.span()], written.as_str());
        }
        let first = table.rows[0].cells[code].offset;
        let again = table.rows[8_000].cells[code].offset;
        assert!(again > first, "{first} {again}");
        assert_eq!(&file.text[again..again + 10], "0x80240000");
        // No clock: the machine is shared, and speed is measured by `cargo
        // bench`. Walked quadratically, this input makes the test run far
        // longer than the others (minutes where they take seconds).
    }
}
