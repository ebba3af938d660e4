//! HTML tables inside Markdown, read with scraper. scraper keeps no source
//! positions, so each `<tr>` and `<td>` is matched, in document order, with
//! the tag found by a scan of the raw text; that gives every cell its line.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node, Selector};

use super::html_scan::{find_ascii_ci, starts_with_ci, starts_with_tag};
use super::problem::IngestProblem;
use super::roles::roles_of_headers;
use super::shape::brief_shape_of;
use super::table::{Cell, Heading, Row, Table, TableParts, caption_heading};
use super::text::{identifier_break_lines, normalize_owned_cell_text};
use crate::model::{ColumnRole, TableFormat, TableKind};
use crate::source::{Location, SourceFile};

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

/// How deep elements may nest for the HTML parser, as in Chromium's
/// parser (512). html5ever checks the open elements' scope at every start
/// tag, so markup nested deeper than pages ever are (50,000 `<div>`s) takes
/// time that grows with the square of the depth; past this depth,
/// [`within_depth`] drops the tags and keeps their text.
const MAX_DEPTH: usize = 512;

/// How deep tables inside tables are followed: the tables of a layout
/// table (one whose cells hold the tables with the data), and a table of
/// codes inside a data table's cell, down to this many tables inside the
/// outermost. A table deeper still is not read as a table (its text stays
/// its cell's) and is reported ([`IngestProblem::TablesNestedTooDeep`]):
/// each level parses the tables inside it again, so the bound keeps the
/// work (and this reader's recursion) small however deep a page nests.
pub const NESTING_DEPTH: usize = 3;

/// Reads the HTML table in `range` of `file`: one table, or, for a layout
/// table whose cells each hold a table, the tables inside it; a table of
/// codes inside a cell of a data table is read as a table of its own,
/// after the table that holds it. `first_index` is the index the first
/// table gets among the file's tables.
pub fn read_tables(
    file: &SourceFile,
    range: Range<usize>,
    first_index: usize,
    heading: Option<Heading>,
    problems: &mut Vec<IngestProblem>,
) -> Vec<Table> {
    let mut tables = read_nested(file, range, heading, problems, 0);
    // Numbered once all are read: how many tables a nested one gives is
    // known only then.
    for (i, table) in tables.iter_mut().enumerate() {
        table.index = first_index + i;
    }
    tables
}

/// True when one of `tables` lists error codes, or looks as if it should:
/// a table that is read on its own, its rows counted, rather than as the
/// text of the cell that holds it. A table of codes with names, or of
/// codes mostly beyond 16 bits (a facility's, a failure's); not a table of
/// flag values (`0x00000001 | Log the failure.`), which a description
/// explains and which are no error codes.
pub fn holds_codes(tables: &[Table]) -> bool {
    tables.iter().any(|t| match t.kind {
        TableKind::NoCodes => false,
        TableKind::Codes => {
            t.column(ColumnRole::Name).is_some() || {
                let code = t.column(ColumnRole::Code);
                let values: Vec<u32> = t
                    .rows
                    .iter()
                    .filter_map(|row| row.cells.get(code?))
                    .filter_map(|cell| crate::model::HResult::read(&cell.text).value)
                    .map(|v| v.value())
                    .collect();
                let wide = values.iter().filter(|&&v| v > 0xFFFF).count();
                wide > 0 && wide * 2 >= values.len()
            }
        }
        _ => true,
    })
}

/// Of the problems found reading a table that is then left as the text
/// of its cell, those that still hold: what they say of its rows does not
/// apply, but that tables inside it were too deep to read does (their
/// codes may be what left it without any).
pub fn kept_for_text(problems: Vec<IngestProblem>) -> impl Iterator<Item = IngestProblem> {
    problems
        .into_iter()
        .filter(|p| matches!(p, IngestProblem::TablesNestedTooDeep { .. }))
}

/// Reads the table in `range`, `depth` tables inside the outermost (see
/// [`read_tables`]; the tables it gives are numbered there).
fn read_nested(
    file: &SourceFile,
    range: Range<usize>,
    heading: Option<Heading>,
    problems: &mut Vec<IngestProblem>,
    depth: usize,
) -> Vec<Table> {
    let (rows, section) = laid_out_rows(file, range.clone(), heading.clone(), &[], problems);
    // A layout table: every cell holds a table. Its tables are the data.
    let is_layout = !rows.is_empty()
        && rows.iter().all(|r| {
            !r.row.cells.is_empty()
                && r.row
                    .cells
                    .iter()
                    .all(|c| c.source().to_ascii_lowercase().contains("<table"))
        });
    let inner = read_inner(file, range.clone(), &section, problems, depth);
    if is_layout {
        let mut tables = Vec::new();
        for inner in inner {
            problems.extend(inner.problems);
            tables.extend(inner.tables);
        }
        if !tables.is_empty() {
            return tables;
        }
        // Tables nested too deep, or never closed: the layout table is
        // read as it is.
        return data_tables(file, range, rows, section, problems);
    }
    // In a data table, a table of codes in a cell is a table of its own:
    // left in the cell, its rows would be words of one description, and
    // its codes in no record. Other tables (a cell's table of options)
    // stay the text of their cell.
    let extract: Vec<bool> = inner.iter().map(|i| holds_codes(&i.tables)).collect();
    let mut tables = if extract.contains(&true) {
        // Laid out again without the text of the tables read on their
        // own. The problems found are the same as the first time's.
        drop(rows);
        let (rows, section) =
            laid_out_rows(file, range.clone(), heading, &extract, &mut Vec::new());
        data_tables(file, range, rows, section, problems)
    } else {
        data_tables(file, range, rows, section, problems)
    };
    for (inner, extracted) in inner.into_iter().zip(extract) {
        if extracted {
            problems.extend(inner.problems);
            tables.extend(inner.tables);
        } else {
            problems.extend(kept_for_text(inner.problems));
        }
    }
    tables
}

/// What the tables one level inside a table gave, each read on its own.
struct Inner {
    /// The tables read from it (several for a layout table).
    tables: Vec<Table>,
    /// The problems reading them found: kept only where the tables are.
    problems: Vec<IngestProblem>,
}

/// Reads each table one level inside the table at `range` on its own,
/// `depth + 1` deep; empty when there is none, or, reported, when they
/// are deeper than [`NESTING_DEPTH`].
fn read_inner(
    file: &SourceFile,
    range: Range<usize>,
    heading: &Option<Heading>,
    problems: &mut Vec<IngestProblem>,
    depth: usize,
) -> Vec<Inner> {
    // Most tables hold none: one scan of the text says so.
    let holds_table = file
        .text
        .get(range.start + 1..range.end)
        .and_then(|rest| find_ascii_ci(rest, "<table"))
        .is_some();
    if !holds_table {
        return Vec::new();
    }
    let ranges = nested_tables(&file.text, range);
    if depth >= NESTING_DEPTH {
        if let Some(first) = ranges.first() {
            problems.push(IngestProblem::TablesNestedTooDeep {
                location: file.location(first.start),
                depth: depth + 1,
                tables: ranges.len(),
            });
        }
        return Vec::new();
    }
    ranges
        .into_iter()
        .map(|inner| {
            let mut found = Vec::new();
            let tables = read_nested(file, inner, heading.clone(), &mut found, depth + 1);
            Inner {
                tables,
                problems: found,
            }
        })
        .collect()
}

/// The rows of the table at `range` laid out on its columns, the caption
/// rows above them taken off (see [`GridRow`]), and the heading they are
/// under: `heading`, or the caption's. `leave_out` says, for each table
/// one level inside (in the order [`nested_tables`] finds them), whether
/// its text is left out of its cell: it is read as a table of its own.
fn laid_out_rows(
    file: &SourceFile,
    range: Range<usize>,
    heading: Option<Heading>,
    leave_out: &[bool],
    problems: &mut Vec<IngestProblem>,
) -> (Vec<GridRow>, Option<Heading>) {
    let raw = &file.text[range.clone()];
    let (row_tags, cell_tags) = scan_tags(raw, range.start);
    let fragment = Html::parse_fragment(&within_depth(raw, MAX_DEPTH));
    // Only the outer table's own rows: a table nested in a cell is part of
    // that cell's text.
    let root = fragment.select(&TABLE_SELECTOR).next().map(|t| t.id());
    let in_root = |element: &ElementRef| {
        element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "table")
            .map(|t| t.id())
            == root
    };
    let parsed_rows: Vec<Vec<(ElementRef, bool)>> = fragment
        .select(&ROW_SELECTOR)
        .filter(in_root)
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
    // The tables one level inside, as the parser sees them, matched in
    // order with those the scan of the text found. Where the two do not
    // agree (a table the parser moved out of the cells), no text is left
    // out: a table's codes read twice rather than not at all.
    let mut skip: Vec<NodeId> = Vec::new();
    if leave_out.contains(&true) {
        let inner: Vec<NodeId> = fragment
            .select(&TABLE_SELECTOR)
            .filter(|t| Some(t.id()) != root && in_root(t))
            .map(|t| t.id())
            .collect();
        if inner.len() == leave_out.len() {
            skip = inner
                .into_iter()
                .zip(leave_out)
                .filter_map(|(id, &out)| out.then_some(id))
                .collect();
        }
    }

    let cell_count: usize = parsed_rows.iter().map(Vec::len).sum();
    let mapped = cell_count == cell_tags.len() && parsed_rows.len() == row_tags.len();
    if !mapped {
        problems.push(IngestProblem::UnmappedHtmlTable {
            location: file.location(range.start),
            rows: parsed_rows.len(),
            cells: cell_count,
            row_tags: row_tags.len(),
            cell_tags: cell_tags.len(),
        });
    }

    let tags = mapped.then_some((row_tags.as_slice(), cell_tags.as_slice()));
    let mut rows = grid_rows(file, &parsed_rows, tags, range.start, &skip, problems);
    // The rows own their cells now. The parsed document is several times
    // the size of the table's text: freed before the table is read, it is
    // not alive beside what reading builds (nor beside nested tables').
    drop(parsed_rows);
    drop(fragment);
    drop((row_tags, cell_tags));

    // Rows of one cell above a wider table are captions ("Extend code:
    // phase"): the section the table is about, not data.
    let width = rows.iter().map(|r| r.row.cells.len()).max().unwrap_or(0);
    let mut heading = heading;
    while width > 1 && rows.first().is_some_and(GridRow::is_single) {
        let caption = rows.remove(0);
        if let Some(cell) = caption.row.cells.first() {
            heading = caption_heading(cell, heading.as_ref()).or(heading);
        }
    }
    (rows, heading)
}

/// The data tables of the table at `range` from its laid-out `rows`:
/// one, or one per section a caption row inside it starts.
fn data_tables(
    file: &SourceFile,
    range: Range<usize>,
    mut rows: Vec<GridRow>,
    heading: Option<Heading>,
    problems: &mut Vec<IngestProblem>,
) -> Vec<Table> {
    // The header is the first row when it is made of <th> cells, when its
    // words name the columns, or when it holds no code and the rows after
    // it do.
    let mut header = Vec::new();
    if let Some(first) = rows.first() {
        let named = roles_of_headers(first.row.cells.iter().map(|c| c.text.as_ref()));
        let names_columns = named.contains(&ColumnRole::Code)
            && (named.contains(&ColumnRole::Name) || named.contains(&ColumnRole::Description));
        let later_with_code = rows.iter().skip(1).filter(|r| holds_code(&r.row)).count();
        let unlike_the_rest =
            !holds_code(&first.row) && later_with_code > 0 && later_with_code * 2 >= rows.len() - 1;
        if first.all_th || names_columns || unlike_the_rest {
            let first = rows.remove(0);
            header = first.row.cells;
            // A header on two rows (`Error code` over `Hex` and `Decimal`):
            // each further row of <th> cells, as wide and without codes,
            // names its columns more closely under the row above.
            let mut above = first.spanned;
            while let Some(next) = rows.first()
                && next.all_th
                && next.row.cells.len() == header.len()
                && !holds_code(&next.row)
            {
                let next = rows.remove(0);
                header = stack_headers(header, &above, next.row.cells);
                above = next.spanned;
            }
        }
    }

    let width = header.len();
    // A row of one cell across the table inside the body (`<td
    // colspan="3">Server errors</td>`) starts a section: the rows after it
    // are a table of their own under that heading.
    let mut parts: Vec<(Option<Heading>, Vec<Row>)> = vec![(heading.clone(), Vec::new())];
    for grid_row in rows {
        if width > 1
            && grid_row.is_single()
            && grid_row.row.cells.len() > 1
            && !holds_code(&grid_row.row)
            && let Some(section) = grid_row
                .row
                .cells
                .first()
                .and_then(|c| caption_heading(c, heading.as_ref()))
        {
            parts.push((Some(section), Vec::new()));
            continue;
        }
        let mut row = grid_row.row;
        if width > 0 && row.cells.len() != width {
            problems.push(IngestProblem::RaggedRow {
                location: row.location.clone(),
                cells: row.cells.len(),
                width,
                extra: Vec::new(),
            });
            if row.cells.len() > width {
                row.extra_cells = row
                    .cells
                    .drain(width..)
                    .map(|c| c.source().to_string())
                    .collect();
            } else {
                while row.cells.len() < width {
                    row.cells
                        .push(Cell::empty(row.location.clone(), row_offset(&row)));
                }
            }
        }
        if let Some((_, part_rows)) = parts.last_mut() {
            part_rows.push(row);
        }
    }
    super::table::drop_empty_sections(&mut parts, heading);
    let parts = super::table::split_vertical_records(&header, parts);
    let location = file.location(range.start);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, (heading, header, data_rows))| {
            super::table::build(
                file,
                TableParts {
                    // Numbered by `read_tables`.
                    index: i,
                    format: TableFormat::Html,
                    location: data_rows
                        .first()
                        .filter(|_| i > 0)
                        .map_or_else(|| location.clone(), |r| r.location.clone()),
                    heading,
                    header,
                    rows: data_rows,
                },
            )
        })
        .collect()
}

/// True when a cell of `row` holds a code or a number.
fn holds_code(row: &Row) -> bool {
    row.cells
        .iter()
        .any(|c| matches!(brief_shape_of(&c.text).shape, s if s.has_hex() || s.has_decimal()))
}

/// The header cells of two header rows as one: under a cell that spans
/// columns (`upper_spanned`), each column's words follow the spanning
/// cell's (`Error code` over `Hex`: `Error code Hex`); elsewhere the lower
/// cell names the column, or the upper one where the lower is empty (a
/// rowspan carries the same cell down into both).
fn stack_headers(
    upper: Vec<Cell>,
    upper_spanned: &[Option<Arc<str>>],
    lower: Vec<Cell>,
) -> Vec<Cell> {
    upper
        .into_iter()
        .zip(lower)
        .enumerate()
        .map(
            |(j, (up, low))| match upper_spanned.get(j).cloned().flatten() {
                Some(over) if !over.trim().is_empty() && !low.text.trim().is_empty() => {
                    let text = format!("{over} {}", low.text);
                    Cell::new(
                        low.location.clone(),
                        low.offset,
                        low.source(),
                        text.clone(),
                        &text,
                        Vec::new(),
                    )
                }
                _ if low.text.trim().is_empty() => up,
                _ => low,
            },
        )
        .collect()
}

/// How far a `colspan` is followed: HTML allows 1,000, pages use a few.
const MAX_COLSPAN: usize = 64;

/// The cells `colspan` and `rowspan` may add to a table per cell it
/// writes (see [`grid_rows`]), beside [`SPAN_CELLS_PER_TABLE`].
const SPAN_CELLS_PER_CELL: usize = 4;

/// The cells spans may add to any table, however few cells it writes.
const SPAN_CELLS_PER_TABLE: usize = 4096;

/// A row of an HTML table laid out on the table's columns: a cell that
/// spans columns (`colspan`) is followed by empty cells for the columns
/// it covers, and a cell that spans rows (`rowspan`) stands in each row
/// it covers, so that every cell is under its own header.
struct GridRow {
    row: Row,
    /// Every cell the row writes is a `<th>`.
    all_th: bool,
    /// How many cells the row writes itself.
    written: usize,
    /// How many cells stand in it from a row above (`rowspan`).
    carried: usize,
    /// Per column, the text of the cell that spans it with a `colspan`
    /// (the cell itself or one before it): in a header, the words of a
    /// spanning cell head each column it covers.
    spanned: Vec<Option<Arc<str>>>,
}

impl GridRow {
    /// A row of one cell of its own and nothing carried into it: a
    /// caption, when the table is wider.
    fn is_single(&self) -> bool {
        self.written == 1 && self.carried == 0
    }
}

/// The value of a span attribute: 1 when absent or unreadable; 0 (a
/// `rowspan` to the end of the table) as written.
fn span_of(element: ElementRef, name: &str) -> usize {
    element
        .value()
        .attr(name)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
}

/// A cell a `rowspan` carries down into the rows below it.
struct Carried {
    /// The cell, as it stands in each row it covers.
    cell: Cell,
    /// The rows below that it still covers.
    left: usize,
    /// Rows covered after those, by a cell that overlaps it (a later
    /// `colspan` with a `rowspan` of its own across this column): an empty
    /// cell stands there for them, as the overlapping cell's part would.
    then: usize,
}

/// Lays the parsed rows out on the table's columns (see [`GridRow`]).
/// `tags` are the `<tr>` and cell tags found in the text, when they match
/// the parsed rows one for one; otherwise cells are placed at `fallback`.
/// The tables in `skip` are left out of the text of the cells that hold
/// them (they are read as tables of their own).
///
/// Cells are placed as HTML's table model places them: each cell in the
/// first column of its row that no cell above covers, a `rowspan` covering
/// its column in exactly the rows it spans. A cell whose `colspan` reaches
/// a column that a `rowspan` above already covers overlaps it (a table
/// model error; browsers draw both cells there): the column keeps the
/// cell from above, whose rows stay counted, and the overlap is reported
/// ([`IngestProblem::OverlappingHtmlCells`]), so that no later row gets a
/// cell it was never meant to have.
fn grid_rows(
    file: &SourceFile,
    parsed_rows: &[Vec<(ElementRef, bool)>],
    tags: Option<(&[TagSpan], &[TagSpan])>,
    fallback: usize,
    skip: &[NodeId],
    problems: &mut Vec<IngestProblem>,
) -> Vec<GridRow> {
    // Per column, the cell a rowspan carries down and the rows it still
    // covers.
    let mut carried: Vec<Option<Carried>> = Vec::new();
    // The cells spans may add: a few per written cell on real pages. A
    // crafted table of `rowspan="0"` cells over empty rows would otherwise
    // lay out millions of cells from a few kilobytes; past the budget,
    // spans are no longer followed (the rows then show as ragged). A
    // rowspan is charged in full where it starts.
    let written: usize = parsed_rows.iter().map(Vec::len).sum();
    let mut budget = written
        .saturating_mul(SPAN_CELLS_PER_CELL)
        .saturating_add(SPAN_CELLS_PER_TABLE);
    let mut next_cell = 0;
    let mut rows = Vec::with_capacity(parsed_rows.len());
    for (r, parsed) in parsed_rows.iter().enumerate() {
        let rows_left = parsed_rows.len() - r - 1;
        let row_start = tags.map_or(fallback, |(row_tags, _)| row_tags[r].start);
        let mut cells: Vec<Cell> = Vec::with_capacity(parsed.len());
        let mut spanned: Vec<Option<Arc<str>>> = Vec::with_capacity(parsed.len());
        let mut carried_here = 0;
        let mut all_th = !parsed.is_empty();
        for (element, is_th) in parsed {
            all_th &= *is_th;
            carried_here += take_carried(&mut carried, &mut cells, &mut spanned);
            let span = tags.map(|(_, cell_tags)| cell_tags[next_cell]);
            next_cell += 1;
            let cell = html_cell(file, *element, span, fallback, skip);
            let colspan = span_of(*element, "colspan")
                .clamp(1, MAX_COLSPAN)
                .min(budget.saturating_add(1));
            budget -= colspan - 1;
            let rowspan = match span_of(*element, "rowspan") {
                0 => rows_left + 1,
                n => n.min(rows_left + 1),
            }
            .min(budget / colspan + 1);
            budget -= (rowspan - 1) * colspan;
            let (text, location, end) = (cell.text.clone(), cell.location.clone(), cell.span().end);
            let mut unplaced = Some(cell);
            let mut overlapped: Option<Location> = None;
            for _ in 0..colspan {
                let column = cells.len();
                // The first column is never covered (take_carried placed
                // every covered one before it); a later one may be.
                if let Some(above) = take_one_carried(&mut carried, column, rowspan - 1) {
                    overlapped.get_or_insert_with(|| above.location.clone());
                    cells.push(above);
                    spanned.push(None);
                    carried_here += 1;
                    continue;
                }
                // The written cell goes in its first column, moved.
                let placed = unplaced
                    .take()
                    .unwrap_or_else(|| Cell::empty(location.clone(), end));
                if rowspan > 1 {
                    if carried.len() <= column {
                        carried.resize_with(column + 1, || None);
                    }
                    carried[column] = Some(Carried {
                        cell: placed.clone(),
                        left: rowspan - 1,
                        then: 0,
                    });
                }
                cells.push(placed);
                spanned.push((colspan > 1).then(|| text.clone()));
            }
            if let Some(overlapped) = overlapped {
                problems.push(IngestProblem::OverlappingHtmlCells {
                    location: location.clone(),
                    overlapped,
                });
            }
        }
        carried_here += take_carried(&mut carried, &mut cells, &mut spanned);
        // A row that ends before a column a rowspan covers (a short row
        // under a description spanning it) still holds that cell there,
        // after empty cells for the columns it leaves out: left pending,
        // the span came out in the next row it does not span and pushed
        // that row's cells over. Each empty cell is charged to the budget;
        // past it, the spans still pending end here.
        // `carried` is kept without empty slots at its end, so that "a
        // span is pending past this row's cells" is a comparison of
        // lengths: a scan of the slots for each empty cell (and each row)
        // made a first row of 80,000 cells ending in a `rowspan` take 15 s.
        trim_carried(&mut carried);
        while carried.len() > cells.len() {
            if budget == 0 {
                carried.truncate(cells.len());
                break;
            }
            budget -= 1;
            let location = file.location(row_start);
            cells.push(Cell::empty(location, row_start));
            spanned.push(None);
            carried_here += take_carried(&mut carried, &mut cells, &mut spanned);
            trim_carried(&mut carried);
        }
        rows.push(GridRow {
            row: Row {
                location: file.location(row_start),
                cells,
                extra_cells: Vec::new(),
                part: 0,
                aliases: thin_vec::ThinVec::new(),
            },
            all_th,
            written: parsed.len(),
            carried: carried_here,
            spanned,
        });
    }
    rows
}

/// Drops the slots at the end of `carried` that no rowspan covers.
fn trim_carried(carried: &mut Vec<Option<Carried>>) {
    while carried.last().is_some_and(Option::is_none) {
        carried.pop();
    }
}

/// The cell a rowspan carries into `column` of the row being laid out,
/// counting the row as covered, or `None` when no rowspan covers it.
/// `also_below` is how many rows below a cell overlapping it there covers
/// too: the column stays covered for them.
fn take_one_carried(
    carried: &mut [Option<Carried>],
    column: usize,
    also_below: usize,
) -> Option<Cell> {
    let slot = carried.get_mut(column)?;
    let entry = slot.as_mut()?;
    let cell = entry.cell.clone();
    entry.left -= 1;
    entry.then = entry.then.max(also_below.saturating_sub(entry.left));
    if entry.left == 0 {
        if entry.then == 0 {
            *slot = None;
        } else {
            entry.cell = Cell::empty(entry.cell.location.clone(), entry.cell.span().end);
            entry.left = std::mem::take(&mut entry.then);
        }
    }
    Some(cell)
}

/// Places the cells that rowspans carry into the row being laid out, from
/// its next column on, until a column that no rowspan covers; returns how
/// many it placed.
fn take_carried(
    carried: &mut [Option<Carried>],
    cells: &mut Vec<Cell>,
    spanned: &mut Vec<Option<Arc<str>>>,
) -> usize {
    let mut placed = 0;
    while let Some(cell) = take_one_carried(carried, cells.len(), 0) {
        cells.push(cell);
        spanned.push(None);
        placed += 1;
    }
    placed
}

/// The ranges of the tables directly inside the table at `range` (one
/// level down).
fn nested_tables(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut offset = range.start + 1;
    // Found once: looking again from each inner table's end made a layout
    // table of thousands of tables quadratic.
    for start in super::html_scan::table_starts(text, offset..range.end, &[]) {
        if start < offset {
            continue;
        }
        let Some(end) = super::html_scan::table_end(text, start).filter(|&e| e <= range.end) else {
            break;
        };
        found.push(start..end);
        offset = end;
    }
    found
}

/// Where a row's missing cells would go: after its last cell.
fn row_offset(row: &Row) -> usize {
    row.cells.last().map_or(0, |c| c.offset + c.source().len())
}

/// Tags that make a table's structure: never dropped by [`within_depth`],
/// whose cells must stay the ones [`scan_tags`] finds.
const STRUCTURE: &[&str] = &[
    "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "colgroup", "col",
];

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// `html` with the start and end tags of elements nested deeper than
/// `max` left out (their text kept), except a table's own tags. Borrowed
/// when nothing is that deep, which is every real page.
///
/// Depth follows HTML's implied end tags where pages rely on them: a `<tr>`
/// ends the open row and its cells, a `<td>` the open cell, a `<p>`, a
/// list or a block the open paragraph, an `<li>` the open item, a
/// `<dt>`/`<dd>` the open term or definition. Otherwise a long table
/// written without `</td>` or `</p>` would count as deep, and its `<br>`s
/// would be dropped.
fn within_depth(html: &str, max: usize) -> Cow<'_, str> {
    // The open elements' names, as ranges of `html` (lower-cased on
    // compare).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut offset = 0;
    let bytes = html.as_bytes();
    while let Some(lt) = memchr::memchr(b'<', &bytes[offset..]) {
        let at = offset + lt;
        let rest = &html[at..];
        if rest.starts_with("<!--") {
            offset = rest.find("-->").map_or(html.len(), |end| at + end + 3);
            continue;
        }
        let closing = rest.as_bytes().get(1) == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            // A `<` of text ("a < b"): the next `>` may be a tag's.
            offset = at + 1;
            continue;
        }
        let Some(gt) = memchr::memchr(b'>', &bytes[name_start..]) else {
            break;
        };
        let end = name_start + gt + 1;
        offset = end;
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let name = name.as_str();
        let self_closing = html[..end].ends_with("/>");
        let keep = STRUCTURE.contains(&name);
        let deep = if closing {
            let deep = open.len() > max;
            if let Some(at) = find_open(html, &open, &[name], &[]) {
                open.truncate(at);
            }
            deep
        } else if VOID.contains(&name) || self_closing {
            open.len() >= max
        } else {
            close_implied(html, &mut open, name);
            open.push((name_start, name_len));
            open.len() > max
        };
        if deep && !keep {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..at]);
            copied = end;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
    }
}

/// How far down the open elements an end tag or an implied end looks: an
/// end tag whose element is not open near the top is ignored, which keeps
/// stray end tags from costing the whole stack each.
const IMPLIED_REACH: usize = 64;

/// The index in `open` of the nearest open element named one of `names`,
/// not looking past an element named one of `bounds`.
fn find_open(
    html: &str,
    open: &[(usize, usize)],
    names: &[&str],
    bounds: &[&str],
) -> Option<usize> {
    for (index, &(start, len)) in open.iter().enumerate().rev().take(IMPLIED_REACH) {
        let element = &html[start..start + len];
        if names.iter().any(|n| element.eq_ignore_ascii_case(n)) {
            return Some(index);
        }
        if bounds.iter().any(|b| element.eq_ignore_ascii_case(b)) {
            return None;
        }
    }
    None
}

/// Ends the open elements that a start tag `name` ends in HTML.
fn close_implied(html: &str, open: &mut Vec<(usize, usize)>, name: &str) {
    const CELL_SCOPE: &[&str] = &["td", "th", "table", "caption"];
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "ul",
        "ol",
        "dl",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
    ];
    // Ends everything above the nearest `parent`: the children it holds.
    let mut close_above = |parents: &[&str], bounds: &[&str]| {
        if let Some(at) = find_open(html, open, parents, bounds) {
            open.truncate(at + 1);
        }
    };
    match name {
        "tr" => close_above(&["tbody", "thead", "tfoot", "table"], &[]),
        "td" | "th" => close_above(&["tr", "table"], &[]),
        "thead" | "tbody" | "tfoot" => close_above(&["table"], &[]),
        "li" => {
            if let Some(at) = find_open(html, open, &["li"], &["ul", "ol", "td", "th", "table"]) {
                open.truncate(at);
            }
        }
        "dt" | "dd" => {
            if let Some(at) = find_open(html, open, &["dt", "dd"], &["dl", "td", "th", "table"]) {
                open.truncate(at);
            }
        }
        _ => {}
    }
    if BLOCKS.contains(&name)
        && let Some(at) = find_open(html, open, &["p"], CELL_SCOPE)
    {
        open.truncate(at);
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
    // Where the next `>` is (`raw.len()` for none), from the last search.
    let mut next_gt = 0;
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
            // The next `>` once found serves every tag before it: text of
            // `<td <td <td ...` with no `>` must not be searched to its end
            // once per tag.
            if next_gt < at {
                next_gt = raw[at..].find('>').map_or(raw.len(), |gt| at + gt);
            }
            let content_start = (next_gt + 1).min(raw.len());
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

fn html_cell(
    file: &SourceFile,
    element: ElementRef,
    span: Option<TagSpan>,
    fallback: usize,
    skip: &[NodeId],
) -> Cell {
    let mut plain = String::new();
    let mut markdown = String::new();
    collect_text(element.children(), skip, &mut plain, &mut markdown);
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
    let offset = span.map_or(fallback, |span| span.content_start);
    let location = file.location(content_offset);
    // The hidden source copies of a machine-translated cell (see the
    // Markdown reader's `HiddenCopy`): its text where the translation
    // broke the code or name they state.
    let mut source_copy = String::new();
    for hidden in element
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().classes().any(|class| class == "sxs-lookup"))
    {
        let mut ignored = String::new();
        collect_text(hidden.children(), skip, &mut source_copy, &mut ignored);
        source_copy.push(' ');
    }
    let (text, joins) = super::hidden_copy::translation_or_source(plain, &source_copy);
    let (markdown, _) = normalize_owned_cell_text(markdown);
    // Lines come from the raw source, where each break really is; if the
    // two counts ever disagree, the joins still show, on the cell's line.
    let mut joined_lines = identifier_break_lines(&source, location.line);
    if joined_lines.len() != joins {
        joined_lines = vec![location.line; joins];
    }
    Cell::new(location, offset, &source, text, &markdown, joined_lines)
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

/// One step of the walk in [`collect_text`].
enum Step<'a> {
    /// Read a node (and then its children).
    Enter(NodeRef<'a, Node>, bool),
    /// Close an element: its Markdown closing text.
    Exit(Cow<'static, str>),
}

/// Appends the plain text and the Markdown rendering of `nodes`. Inside
/// `<code>` the text is not escaped: backslashes do not escape in code
/// spans. The tables in `skip` are left out. The walk keeps its own stack: HTML nested thousands of levels
/// deep (which pages do not have, but input can) must not exhaust the
/// thread's.
fn collect_text<'a>(
    nodes: impl DoubleEndedIterator<Item = NodeRef<'a, Node>>,
    skip: &[NodeId],
    plain: &mut String,
    markdown: &mut String,
) {
    let mut stack: Vec<Step<'a>> = nodes.rev().map(|n| Step::Enter(n, false)).collect();
    while let Some(step) = stack.pop() {
        let (node, in_code) = match step {
            Step::Enter(node, in_code) => (node, in_code),
            Step::Exit(close) => {
                markdown.push_str(&close);
                if close.trim().is_empty() {
                    plain.push_str(&close);
                }
                continue;
            }
        };
        match node.value() {
            Node::Text(text) => {
                let (html_text, markdown_text) = match blank_line_end(text) {
                    Some(at) if !in_code => text.split_at(at),
                    _ => (&text[..], ""),
                };
                plain.push_str(html_text);
                if in_code {
                    markdown.push_str(html_text);
                } else {
                    markdown.push_str(&escape_markdown(html_text));
                }
                if !markdown_text.is_empty() {
                    super::text::push_markdown_text(markdown_text, plain);
                    markdown.push_str(markdown_text);
                }
            }
            Node::Element(element) => {
                let name = element.name();
                if name == "table" && skip.contains(&node.id()) {
                    continue;
                }
                // Machine-translated Microsoft docs follow each translated
                // sentence with its hidden English source (see the
                // Markdown reader's `HiddenCopy`): not the page's text.
                if element.classes().any(|class| class == "sxs-lookup") {
                    continue;
                }
                let (open, close): (&str, Cow<'static, str>) = match name {
                    "strong" | "b" => ("**", "**".into()),
                    "em" | "i" => ("*", "*".into()),
                    "code" => ("`", "`".into()),
                    "a" => match element.attr("href") {
                        Some(href) => ("[", format!("]({href})").into()),
                        None => ("", "".into()),
                    },
                    "p" | "div" | "li" | "ul" | "ol" | "tr" | "table" => ("\n\n", "\n\n".into()),
                    // Cells of a table nested in a cell: keep words apart.
                    "td" | "th" => (" ", " ".into()),
                    "br" => {
                        plain.push('\n');
                        markdown.push_str("  \n");
                        continue;
                    }
                    // A mark pointing to a note: not glued to the code or
                    // name before it.
                    "sup" => {
                        let inner: String = node
                            .descendants()
                            .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                            .collect();
                        super::text::push_superscript(plain, &inner);
                        markdown.push_str("<sup>");
                        markdown.push_str(&escape_markdown(&inner));
                        markdown.push_str("</sup>");
                        continue;
                    }
                    _ => ("", "".into()),
                };
                if open.trim().is_empty() {
                    plain.push_str(open);
                }
                markdown.push_str(open);
                stack.push(Step::Exit(close));
                let in_code = in_code || name == "code" || name == "pre";
                stack.extend(node.children().rev().map(|c| Step::Enter(c, in_code)));
            }
            _ => {}
        }
    }
}

/// Where the text after the first blank line of `text` starts. Markdown
/// ends an HTML block (`<td>`, `<tr>`, `<div>`…) at a blank line, and
/// reads what follows, up to the next tag, as Markdown: GitHub shows
/// `<td>` + blank line + `` `0x80070005` `` as a code span, which read as
/// HTML text kept its backticks (`hex-malformed`: "wrapped in stray `").
fn blank_line_end(text: &str) -> Option<usize> {
    let mut line_start = text.find('\n')? + 1;
    loop {
        let rest = &text[line_start..];
        let line_end = rest.find('\n')?;
        if rest[..line_end].trim().is_empty() {
            return Some(line_start + line_end + 1);
        }
        line_start += line_end + 1;
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
    use crate::ingest::html_scan::table_end;
    use std::path::PathBuf;

    fn file(text: &str) -> SourceFile {
        SourceFile::from_text(PathBuf::from("t.md"), "t.md".into(), text.into())
    }

    /// The tables read from the HTML table that `text` starts with.
    fn tables_at_start(text: &str) -> Vec<Table> {
        tables_and_problems_at_start(text).0
    }

    /// The tables read from the HTML table at the start of `text`, and
    /// the problems reading them reported.
    fn tables_and_problems_at_start(text: &str) -> (Vec<Table>, Vec<IngestProblem>) {
        let end = table_end(text, 0).expect("closed");
        let mut problems = Vec::new();
        let tables = read_tables(&file(text), 0..end, 0, None, &mut problems);
        (tables, problems)
    }

    /// Every cell laid out in `tables`, extra cells included.
    fn laid_out_cells(tables: &[Table]) -> usize {
        tables
            .iter()
            .flat_map(|t| &t.rows)
            .map(|r| r.cells.len() + r.extra_cells.len())
            .sum()
    }

    #[test]
    fn cells_keep_their_lines_and_join_broken_names() {
        let text = "x\n<table>\n<tr><td><strong>Hexadecimal Error Code</strong></td><td>Error String</td><td>Description</td></tr>\n<tr>\n<td>0x80240001</td>\n<td>WU_E_\nNO_SERVICE</td>\n<td>Say &quot;hi&quot; *now*.\n\nMore.</td>\n</tr>\n</table>\n";
        let f = file(text);
        let end = table_end(text, 2).expect("closed");
        assert!(text[..end].ends_with("</table>"));
        let mut problems = Vec::new();
        let table = read_tables(&f, 2..end, 0, None, &mut problems).remove(0);
        assert!(problems.is_empty(), "{problems:?}");
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
    fn markup_nested_past_the_parser_depth_keeps_its_text() {
        let deep = format!("{}x{}", "<div><i>".repeat(400), "</i></div>".repeat(400));
        let kept = within_depth(&deep, MAX_DEPTH);
        assert_eq!(kept.matches("<div>").count(), MAX_DEPTH / 2);
        assert_eq!(kept.matches("</div>").count(), MAX_DEPTH / 2);
        assert!(kept.contains(">x<"));
        assert!(matches!(within_depth("<b>a</b><br>", 2), Cow::Borrowed(_)));
        // Elements whose end tags are implied do not nest: a long table
        // written without `</td>`, `</tr>` or `</p>` keeps every tag.
        let rows = "<tr><td><p>First line<br>second line<td>x".repeat(600);
        let table = format!("<table>{rows}</table>");
        assert!(matches!(within_depth(&table, MAX_DEPTH), Cow::Borrowed(_)));
        let items = "<li><p>one<br>".repeat(600);
        assert!(matches!(
            within_depth(&format!("<ul>{items}</ul>"), MAX_DEPTH),
            Cow::Borrowed(_)
        ));
        // A `<` of text does not hide the tag after it.
        assert_eq!(
            within_depth("<b>a < b<i>c</i></b>", 1)
                .matches("<i>")
                .count(),
            0
        );
        // A table's own tags stay, however deep.
        let tables = "<table><tr><td>".repeat(600);
        assert_eq!(
            within_depth(&tables, MAX_DEPTH).matches("<td>").count(),
            600
        );
    }

    /// A cell that spans the rows below at the end of a wide row: the
    /// empty cells placed before it in the rows below, and the check for
    /// spans still pending, cost a step each, not a scan of the row.
    #[test]
    fn a_span_at_the_end_of_a_wide_row_is_laid_out_in_linear_time() {
        let text = format!(
            "<table><tr><th>Code</th><th>Name</th><th>Description</th></tr><tr>{}<td rowspan=\"0\">x</td></tr>{}</table>",
            "<td>0x80070005</td>".repeat(40_000),
            "<tr></tr>".repeat(2_000)
        );
        let cells = laid_out_cells(&tables_at_start(&text));
        assert!(cells > 40_000, "{cells} cells");
        // No clock: the machine is shared, and speed is measured by `cargo
        // bench`. Walked quadratically, this input makes the test run far
        // longer than the others (minutes where they take seconds).
    }

    #[test]
    fn spans_add_a_bounded_number_of_cells() {
        // 2,000 cells spanning every row below, over 20,000 empty rows:
        // followed in full, 40 million cells from 250 KB (and cells that
        // span 64 columns and 64 rows multiply by 4,096).
        let text = format!(
            "<table><tr><th>Code</th><th>Name</th><th>Description</th></tr><tr>{}</tr>{}</table>",
            "<td rowspan=\"0\" colspan=\"64\">0x80070005</td>".repeat(2000),
            "<tr></tr>".repeat(20_000)
        );
        let cells = laid_out_cells(&tables_at_start(&text));
        let written = 2003;
        assert!(
            cells <= written * (1 + SPAN_CELLS_PER_CELL) + SPAN_CELLS_PER_TABLE,
            "{cells} cells"
        );
        // A cell spanning every row below, after 2,000 others, over empty
        // rows: the empty cells placed before it in each row it spans are
        // charged too.
        let text = format!(
            "<table><tr><th>Code</th><th>Name</th><th>Description</th></tr><tr>{}<td rowspan=\"0\">x</td></tr>{}</table>",
            "<td>0x80070005</td>".repeat(2000),
            "<tr></tr>".repeat(20_000)
        );
        let cells = laid_out_cells(&tables_at_start(&text));
        // Each row short of the header's width is filled to it as ragged.
        let written = 2004;
        assert!(
            cells <= written * (1 + SPAN_CELLS_PER_CELL) + SPAN_CELLS_PER_TABLE + 3 * 20_001,
            "{cells} cells"
        );
        // Spans within the budget are still followed: a description over
        // two rows describes both.
        let text = "<table><tr><th>Code</th><th>Description</th></tr><tr><td>0x80070005</td><td rowspan=\"2\">Denied.</td></tr><tr><td>0x80070006</td></tr></table>";
        let table = tables_at_start(text).remove(0);
        let described: Vec<&str> = table
            .rows
            .iter()
            .map(|r| r.cells[1].text.as_ref())
            .collect();
        assert_eq!(described, ["Denied.", "Denied."]);
    }

    #[test]
    fn a_rowspan_past_a_short_row_stays_in_the_rows_it_spans() {
        // The second row leaves its name out: the description spanning it
        // is still its own, and the third row, which it does not span, is
        // read as written. The span stayed pending past the short row and
        // came out in the third, pushing its description out of the table.
        let text = "<table><tr><th>Code</th><th>Name</th><th>Description</th></tr>\
            <tr><td>0x80070005</td><td>E_A</td><td rowspan=\"2\">Denied.</td></tr>\
            <tr><td>0x80070006</td></tr>\
            <tr><td>0x80070007</td><td>E_C</td><td>Gone.</td></tr></table>";
        let table = tables_at_start(text).remove(0);
        let rows: Vec<Vec<&str>> = table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_ref()).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["0x80070005", "E_A", "Denied."],
                vec!["0x80070006", "", "Denied."],
                vec!["0x80070007", "E_C", "Gone."],
            ]
        );
        assert!(table.rows.iter().all(|r| r.extra_cells.is_empty()));
    }

    /// The text of every cell of every row of `table`.
    fn texts(table: &Table) -> Vec<Vec<&str>> {
        table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_ref()).collect())
            .collect()
    }

    #[test]
    fn a_colspan_over_a_rowspan_does_not_carry_it_further_and_is_reported() {
        // The description spans rows 1 and 2; row 2's name spans two
        // columns, over it. HTML's table model covers the description's
        // column in exactly rows 1 and 2: row 3 is read as written. The
        // span was left pending under the colspan, came out in row 3 and
        // pushed its description out of the table.
        let text = "<table><tr><th>Code</th><th>Name</th><th>Description</th></tr>\n\
            <tr><td>0x80070005</td><td>E_A</td><td rowspan=\"2\">Denied.</td></tr>\n\
            <tr><td>0x80070006</td><td colspan=\"2\">E_B</td></tr>\n\
            <tr><td>0x80070007</td><td>E_C</td><td>Gone.</td></tr></table>";
        let (mut tables, problems) = tables_and_problems_at_start(text);
        let table = tables.remove(0);
        assert_eq!(
            texts(&table),
            [
                vec!["0x80070005", "E_A", "Denied."],
                vec!["0x80070006", "E_B", "Denied."],
                vec!["0x80070007", "E_C", "Gone."],
            ]
        );
        assert!(table.rows.iter().all(|r| r.extra_cells.is_empty()));
        // Reported at the overlapping cell, naming the cell it overlaps.
        let overlaps: Vec<_> = problems
            .iter()
            .filter_map(|p| match p {
                IngestProblem::OverlappingHtmlCells {
                    location,
                    overlapped,
                } => Some((
                    (location.line, location.column),
                    (overlapped.line, overlapped.column),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(overlaps, [((3, 40), (2, 52))]);
        assert!(
            problems
                .iter()
                .all(|p| matches!(p, IngestProblem::OverlappingHtmlCells { .. })),
            "{problems:?}"
        );
    }

    #[test]
    fn an_overlapping_cell_with_a_rowspan_covers_its_rows_below() {
        // Row 2's name spans two columns and two rows, over the
        // description spanning rows 1 and 2: the third column stays
        // covered in row 3 (by the name's part, empty), so row 3's cells
        // fill the columns left free, as a browser places them.
        let text = "<table><tr><th>Code</th><th>Name</th><th>Description</th></tr>\
            <tr><td>0x80070005</td><td>E_A</td><td rowspan=\"2\">Denied.</td></tr>\
            <tr><td>0x80070006</td><td colspan=\"2\" rowspan=\"2\">E_B</td></tr>\
            <tr><td>0x80070007</td></tr>\
            <tr><td>0x80070008</td><td>E_D</td><td>Gone.</td></tr></table>";
        let (mut tables, problems) = tables_and_problems_at_start(text);
        let table = tables.remove(0);
        assert_eq!(
            texts(&table),
            [
                vec!["0x80070005", "E_A", "Denied."],
                vec!["0x80070006", "E_B", "Denied."],
                vec!["0x80070007", "E_B", ""],
                vec!["0x80070008", "E_D", "Gone."],
            ]
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    /// The code of each row of `table`, its line and column.
    fn codes_at(table: &Table) -> Vec<(&str, usize, usize)> {
        let code = table.column(ColumnRole::Code).expect("a code column");
        table
            .rows
            .iter()
            .map(|r| {
                let cell = &r.cells[code];
                (cell.text.as_ref(), cell.location.line, cell.location.column)
            })
            .collect()
    }

    #[test]
    fn a_table_of_codes_in_a_cell_is_a_table_of_its_own() {
        let text = "<table>\n\
            <tr><th>Error code</th><th>Name</th><th>Description</th></tr>\n\
            <tr><td>0x80240001</td><td>WU_E_NO_SERVICE</td><td>The agent. Sub-codes:\n\
            <table>\n\
            <tr><td>Error code</td><td>Name</td><td>Description</td></tr>\n\
            <tr><td>0x80240002</td><td>WU_E_MAX_CAPACITY_REACHED</td><td>Full.</td></tr>\n\
            <tr><td>0x80240003</td><td>WU_E_UNKNOWN_ID</td><td>Unknown.</td></tr>\n\
            </table>\n\
            </td></tr>\n\
            <tr><td>0x80240005</td><td>WU_E_RANGEOVERLAP</td><td>Overlap.</td></tr>\n\
            </table>";
        let (tables, problems) = tables_and_problems_at_start(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(tables.len(), 2);
        // The holding table first, its description without the codes.
        assert_eq!(
            texts(&tables[0]),
            [
                vec!["0x80240001", "WU_E_NO_SERVICE", "The agent. Sub-codes:"],
                vec!["0x80240005", "WU_E_RANGEOVERLAP", "Overlap."],
            ]
        );
        // The inner table's rows, each cell on its own line.
        assert_eq!(
            codes_at(&tables[1]),
            [("0x80240002", 6, 9), ("0x80240003", 7, 9)]
        );
        assert!(tables.iter().all(Table::is_understood));
        assert_eq!(tables.iter().map(|t| t.index).collect::<Vec<_>>(), [0, 1]);
    }

    #[test]
    fn a_table_without_codes_in_a_cell_stays_its_text() {
        let text = "<table>\n\
            <tr><th>Error code</th><th>Name</th><th>Description</th></tr>\n\
            <tr><td>0x80240001</td><td>WU_E_NO_SERVICE</td><td>Set the value:\n\
            <table><tr><td>Value</td><td>Meaning</td></tr><tr><td>On</td><td>Retry.</td></tr></table>\n\
            </td></tr>\n\
            </table>";
        let (tables, problems) = tables_and_problems_at_start(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(tables.len(), 1);
        let description = &tables[0].rows[0].cells[2].text;
        assert!(description.starts_with("Set the value:"), "{description}");
        assert!(description.contains("Meaning"), "{description}");
    }

    /// `levels` layout tables, one inside the other, around a table of
    /// codes.
    fn in_layout_tables(levels: usize) -> String {
        format!(
            "{}<table><tr><th>Error code</th><th>Name</th><th>Description</th></tr>\n\
             <tr><td>0x80240001</td><td>WU_E_NO_SERVICE</td><td>No service.</td></tr></table>{}",
            "<table><tr><td>\n".repeat(levels),
            "</td></tr></table>\n".repeat(levels)
        )
    }

    #[test]
    fn tables_nested_past_the_limit_are_reported_where_they_start() {
        let (tables, problems) = tables_and_problems_at_start(&in_layout_tables(NESTING_DEPTH));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(tables.len(), 1);
        assert_eq!(codes_at(&tables[0]), [("0x80240001", NESTING_DEPTH + 2, 9)]);

        let (tables, problems) = tables_and_problems_at_start(&in_layout_tables(NESTING_DEPTH + 1));
        // Not read as a table: the deepest layout table is read as text.
        assert!(!holds_codes(&tables));
        let reported: Vec<_> = problems
            .iter()
            .filter_map(|p| match p {
                IngestProblem::TablesNestedTooDeep {
                    location,
                    depth,
                    tables,
                } => Some((location.line, location.column, *depth, *tables)),
                _ => None,
            })
            .collect();
        assert_eq!(reported, [(NESTING_DEPTH + 2, 1, NESTING_DEPTH + 1, 1)]);
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn a_too_deep_table_in_a_cell_is_reported_though_its_cell_keeps_it() {
        // Inside a data table's cell, the layout tables around the codes
        // hide them: the table in the cell holds no codes of its own, so
        // it stays the cell's text, and the depth that hid them is said.
        let text = format!(
            "<table><tr><th>Error code</th><th>Name</th><th>Description</th></tr>\n\
             <tr><td>0x80240005</td><td>WU_E_RANGEOVERLAP</td><td>See:\n{}</td></tr></table>",
            in_layout_tables(NESTING_DEPTH)
        );
        let (tables, problems) = tables_and_problems_at_start(&text);
        assert_eq!(tables.len(), 1);
        assert!(
            matches!(
                problems.as_slice(),
                [IngestProblem::TablesNestedTooDeep { depth, .. }] if *depth == NESTING_DEPTH + 1
            ),
            "{problems:?}"
        );
    }

    #[test]
    fn tables_nested_thousands_deep_are_read_in_a_bounded_walk() {
        // The reader follows no more than NESTING_DEPTH levels, each a
        // parse of what it holds: the levels deeper are found by a scan
        // and reported, never parsed (nor walked) once per level.
        let depth = 2_000;
        let text = format!(
            "{}0x80240001{}",
            "<table><tr><td>".repeat(depth),
            "</td></tr></table>".repeat(depth)
        );
        let (_, problems) = tables_and_problems_at_start(&text);
        assert!(
            matches!(
                problems.as_slice(),
                [IngestProblem::TablesNestedTooDeep { .. }]
            ),
            "{problems:?}"
        );
    }

    #[test]
    fn tags_without_an_end_are_scanned_once() {
        // Each `<td ` would search the rest of the text for its `>`.
        let raw = format!("<table><tr>{}", "<td ".repeat(200_000));
        let (rows, cells) = scan_tags(&raw, 0);
        assert_eq!((rows.len(), cells.len()), (1, 200_000));
        assert!(cells.iter().all(|c| c.content_start == raw.len()));
    }

    #[test]
    fn deeply_nested_markup_is_read_without_exhausting_the_stack() {
        // Deeper than any recursive walk survives on a test thread's stack.
        let depth = 50_000;
        let text = format!(
            "<table><tr><td>Code</td><td>Description</td></tr><tr><td>0x80240001</td><td>{}deep{}</td></tr></table>",
            "<b>".repeat(depth),
            "</b>".repeat(depth)
        );
        let f = file(&text);
        let end = table_end(&text, 0).expect("closed");
        let mut problems = Vec::new();
        let table = read_tables(&f, 0..end, 0, None, &mut problems).remove(0);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(&*table.rows[0].cells[1].text, "deep");
    }
}
