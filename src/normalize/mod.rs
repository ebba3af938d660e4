//! Normalize: ingested tables in, canonical records out. Every data row
//! becomes part of a record or an unresolved row that keeps its raw text.
//! Codes that are not written canonically are resolved from the evidence
//! and reported as [`UnreadableCode`]s; translated rows are joined to their
//! source rows, and the joins ([`TranslationAlignment`]) are kept for the
//! check.

pub mod columns;
pub mod name_board;
pub mod resolve;
pub mod translations;
pub mod win32;

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;
use thin_vec::ThinVec;

use crate::corpus::{Corpus, Document};
use crate::ingest::shape::Shape;
use crate::ingest::{Cell, IngestedFile, Row, Table, TableKind};
use crate::model::{
    CellPosition, CellPositions, CodeForms, CodeProblem, CodeReading, ColumnRole, ColumnSummary,
    Dataset, DocumentSummary, Family, FileSummary, HResult, LocaleMap, Normalization, RawText,
    Record, Repair, RowSource, Stats, TableSummary, UnresolvedRow, counterpart_code,
};
use crate::reference::Reference;
use crate::source::Location;
use resolve::{NameIndex, NameLookup, Neighbours, Resolution, RowEvidence, resolve};
pub use translations::{AlignedRow, Alignment, TableAlignment, TranslationAlignment};

/// The rule whose findings explain the dataset's code repairs: each
/// [`Repair`] names it. (Normalize knows no rules; the check's registry
/// has this one, and a test holds the two together.)
pub const CODE_REPAIR_RULE: &str = "hex-malformed";
/// The rule whose findings report a well-formed code that the row's
/// decimal and the rows around it contradict, repaired in the dataset.
pub const CODE_CONTRADICTED_RULE: &str = "code-contradicted";

/// The dataset, the codes that needed resolving, and how translated rows
/// were joined to their source rows.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The dataset.
    pub dataset: Dataset,
    /// Every source row whose code is not written canonically, with what
    /// the evidence made of it.
    pub unreadable_codes: Vec<UnreadableCode>,
    /// Source rows whose fields look misplaced: kept unresolved.
    pub doubtful_rows: Vec<DoubtfulRow>,
    /// Per translation file, how its tables and rows were joined to the
    /// source's.
    pub alignments: Vec<TranslationAlignment>,
}

/// Why the rows of a table that names a code column but holds no codes are
/// unresolved.
pub const UNREADABLE_TABLE: &str =
    "the table's header names a code column, but too few of its cells hold a code to read one";

/// Why the rows of an unreadable table are unresolved: [`UNREADABLE_TABLE`],
/// or why a vertical table that holds a code cannot be read.
pub fn unreadable_reason(table: &Table) -> String {
    match &table.unread_vertical {
        Some(unread) => format!(
            "the table holds one code (`{}`) laid out vertically, labels in its first column and values in its second, but cannot be read safely: {}",
            unread.code, unread.reason
        ),
        None => UNREADABLE_TABLE.to_string(),
    }
}

/// A source row whose fields look misplaced (a name read as a
/// description, a name cell empty beside a cell that holds the name): kept
/// as an unresolved row rather than made a record with a wrong field.
#[derive(Debug, Clone)]
pub struct DoubtfulRow {
    /// Where the row starts.
    pub location: Location,
    /// Its code.
    pub code: Option<HResult>,
    /// Its name cell's text.
    pub name: String,
    /// What looks wrong.
    pub reason: String,
}

/// A source row whose code cell is not `0x` and eight hex digits, and what
/// the evidence made of it: a value the dataset uses, a suggestion, or
/// nothing.
#[derive(Debug, Clone)]
pub struct UnreadableCode {
    /// Where the code cell is (the row's start when it has none).
    pub location: Location,
    /// The code cell's text.
    pub written: String,
    /// The row's symbolic name.
    pub name: String,
    /// What is wrong with the written form (`None`: the text is no code).
    pub problem: Option<CodeProblem>,
    /// The value from the evidence, and the evidence.
    pub resolution: Resolution,
}

/// Identifies one row: file, table and row index.
pub type RowKey = (usize, usize, usize);

/// True when `table` has no description column of its own, and its
/// descriptions are the notes after its codes (`0x80240002 - see below`):
/// a row without a note has no description, rather than an empty one.
fn describes_by_notes(table: &Table) -> bool {
    let source = |role| {
        table
            .column(role)
            .and_then(|i| table.columns.get(i))
            .map(|c| c.source)
    };
    source(ColumnRole::Description).is_some_and(|d| source(ColumnRole::Code) == Some(d))
}

/// The cells of one data row by role.
#[derive(Debug, Clone, Copy)]
pub struct RowCells<'a> {
    /// The row.
    pub row: &'a Row,
    /// The code cell.
    pub code: Option<&'a Cell>,
    /// The decimal cell.
    pub decimal: Option<&'a Cell>,
    /// The name cell.
    pub name: Option<&'a Cell>,
    /// The description cell.
    pub description: Option<&'a Cell>,
    /// The cell of the Win32 error the code wraps (`87` beside
    /// `0x80070057`), where the table has a column of them.
    pub win32: Option<&'a Cell>,
    /// How the table writes its codes.
    pub forms: CodeForms,
}

impl<'a> RowCells<'a> {
    /// Picks a row's cells by the table's column roles. In a table whose
    /// codes are decimal numbers, the decimal cell is the code cell.
    pub fn of(table: &'a Table, row: &'a Row) -> Self {
        let cell = |role| table.column(role).and_then(|i| row.cells.get(i));
        let decimal_codes = table.forms.decimal_codes;
        RowCells {
            row,
            code: if decimal_codes {
                cell(ColumnRole::Decimal)
            } else {
                cell(ColumnRole::Code)
            },
            decimal: if decimal_codes {
                None
            } else {
                cell(ColumnRole::Decimal)
            },
            name: cell(ColumnRole::Name)
                .filter(|name| !(table.forms.names_optional && name.text.trim().is_empty())),
            description: cell(ColumnRole::Description)
                .filter(|d| !d.text.is_empty() || !describes_by_notes(table)),
            win32: cell(ColumnRole::Win32),
            forms: table.forms,
        }
    }

    /// The code cell read as the table writes its codes.
    pub fn code_reading(&self) -> CodeReading {
        HResult::read_as(self.code_text(), self.forms)
    }

    /// The name's plain text, or empty.
    pub fn name_text(&self) -> &'a str {
        self.name.map_or("", |c| c.text.as_ref())
    }

    /// The code's plain text, or empty.
    pub fn code_text(&self) -> &'a str {
        self.code.map_or("", |c| c.text.as_ref())
    }

    /// Where the code cell is (the row's start when it has none).
    pub fn code_location(&self) -> crate::source::Location {
        self.code
            .map_or_else(|| self.row.location.clone(), |c| c.location.clone())
    }
}

/// Builds the dataset from the ingested files of `corpus`, which are in
/// corpus order: per document, the source-language file first. What
/// `reference` defines a name as is one more independent piece of evidence
/// for a code that is not written canonically.
pub fn normalize(corpus: &Corpus, files: &[IngestedFile], reference: &Reference) -> Normalized {
    let names = name_index(files);
    // Documents are independent once the names are known: normalize them
    // in parallel, each core taking the next document as it finishes one,
    // and concatenate in corpus order, so the result does not depend on
    // the thread count.
    let mut documents: Vec<(usize, &[IngestedFile])> = Vec::new();
    let mut offset = 0;
    for chunk in files.chunk_by(|a, b| a.document == b.document) {
        documents.push((offset, chunk));
        offset += chunk.len();
    }
    let parts: Vec<DocumentPart> = crate::threads::map_dynamic(&documents, |(offset, files)| {
        normalize_document(*offset, files, &names, reference)
    });
    let summaries = corpus
        .documents
        .iter()
        .map(|document| {
            let own: Vec<&IngestedFile> = files
                .iter()
                .filter(|f| *f.document == *document.id)
                .collect();
            summarize(document, &own)
        })
        .collect();
    assemble(summaries, FileCounts::of(files), parts)
}

/// What is counted of the ingested files for the dataset's [`Stats`].
#[derive(Debug, Clone, Copy, Default)]
pub struct FileCounts {
    /// Locale files.
    pub files: usize,
    /// Tables.
    pub tables: usize,
    /// Tables that hold no codes.
    pub tables_without_codes: usize,
    /// Blank rows skipped.
    pub blank_rows: usize,
    /// Data rows read.
    pub rows_read: usize,
}

impl FileCounts {
    /// The counts of `files`.
    pub fn of(files: &[IngestedFile]) -> Self {
        let tables = || files.iter().flat_map(|f| &f.tables);
        FileCounts {
            files: files.len(),
            tables: tables().count(),
            tables_without_codes: tables().filter(|t| t.kind == TableKind::NoCodes).count(),
            blank_rows: tables().map(|t| t.blank_rows).sum(),
            rows_read: files.iter().map(IngestedFile::row_count).sum(),
        }
    }

    /// Adds the counts of `other`.
    pub fn add(&mut self, other: FileCounts) {
        self.files += other.files;
        self.tables += other.tables;
        self.tables_without_codes += other.tables_without_codes;
        self.blank_rows += other.blank_rows;
        self.rows_read += other.rows_read;
    }
}

/// Puts the documents' parts together, in corpus order: the records
/// linked to their counterparts and sorted, the dataset counted.
/// `summaries` are the corpus's documents, in its order.
pub fn assemble(
    summaries: Vec<DocumentSummary>,
    counts: FileCounts,
    parts: Vec<DocumentPart>,
) -> Normalized {
    // Sized once: the records of a large corpus are tens of megabytes, and
    // growing by doubling would copy and touch them again.
    let mut records = Vec::with_capacity(parts.iter().map(|p| p.records.len()).sum());
    let mut unresolved = Vec::new();
    let mut unreadable_codes = Vec::new();
    let mut doubtful_rows = Vec::new();
    let mut alignments = Vec::new();
    for part in parts {
        records.extend(part.records);
        unresolved.extend(part.unresolved);
        unreadable_codes.extend(part.unreadable_codes);
        doubtful_rows.extend(part.doubtful_rows);
        alignments.extend(part.alignments);
    }
    link_counterparts(&mut records);
    Normalized {
        dataset: finish(summaries, counts, records, unresolved),
        unreadable_codes,
        doubtful_rows,
        alignments,
    }
}

/// What normalization makes of one document.
#[derive(Debug, Clone, Default)]
pub struct DocumentPart {
    /// Its records, in row order, each one's sources in order (the
    /// dataset's order and the counterpart links come with [`assemble`]).
    pub records: Vec<Record>,
    /// Its rows that did not become records.
    pub unresolved: Vec<UnresolvedRow>,
    /// Its source rows whose code is not written canonically.
    pub unreadable_codes: Vec<UnreadableCode>,
    /// Its source rows whose fields look misplaced.
    pub doubtful_rows: Vec<DoubtfulRow>,
    /// How its translations were joined to its source.
    pub alignments: Vec<TranslationAlignment>,
}

/// Normalizes the files of one document (the source-language file first);
/// `offset` is the index of its first file among all files (the
/// alignments' file indices count from it). `names` gives the counterpart
/// evidence of every document.
pub fn normalize_document(
    offset: usize,
    files: &[IngestedFile],
    names: &impl NameLookup,
    reference: &Reference,
) -> DocumentPart {
    let mut unreadable_codes = Vec::new();
    let mut doubtful_rows = Vec::new();
    // At most one record per source row.
    let source_rows = files
        .iter()
        .filter(|f| f.is_source)
        .map(IngestedFile::row_count)
        .sum();
    let mut records: Vec<Record> = Vec::with_capacity(source_rows);
    let mut unresolved: Vec<UnresolvedRow> = Vec::new();
    // Source rows that became records, for translations to join.
    let mut record_of_row: HashMap<RowKey, usize> = HashMap::default();
    record_of_row.reserve(source_rows);

    for (file_index, file) in files.iter().enumerate() {
        if !file.is_source {
            continue;
        }
        for (table_index, table) in file.tables.iter().enumerate() {
            let section: Arc<str> = table.section().into();
            match table.kind {
                TableKind::Codes => {}
                TableKind::NoCodes => continue,
                TableKind::Unreadable => {
                    let reason = unreadable_reason(table);
                    for row in &table.rows {
                        unresolved.push(unresolved_row(file, table, row, reason.clone()));
                    }
                    continue;
                }
            }
            let readings: Vec<_> = table
                .rows
                .iter()
                .map(|row| RowCells::of(table, row).code_reading())
                .collect();
            // Neighbours are evidence for hex codes of a sorted table; numbered
            // statuses leave gaps that say nothing about a missing one.
            let order = (!table.forms.decimal_codes)
                .then(|| sort_order(readings.iter().map(|r| r.value)))
                .flatten();
            let mut resolved: Vec<Option<HResult>> = Vec::with_capacity(table.rows.len());
            for (row_index, row) in table.rows.iter().enumerate() {
                let cells = RowCells::of(table, row);
                let reading = &readings[row_index];
                let neighbours = order.map(|order| {
                    let previous = resolved.iter().rev().flatten().next().copied();
                    let next = readings[row_index + 1..].iter().find_map(|r| r.value);
                    match order {
                        SortOrder::Ascending => Neighbours {
                            lower: previous,
                            higher: next,
                            descending: false,
                        },
                        SortOrder::Descending => Neighbours {
                            lower: next,
                            higher: previous,
                            descending: true,
                        },
                    }
                });
                let evidence = RowEvidence {
                    written: cells.code_text(),
                    reading,
                    name: cells.name_text(),
                    decimal: cells.decimal.map(|c| c.text.as_ref()),
                    win32: cells.win32.map(|c| c.text.as_ref()),
                    name_wrapper: cells.name.and_then(Cell::wrapper),
                    neighbours,
                };
                // Text where a continuation row's is, that ingest could
                // join to no row: not a code to repair, and one finding
                // says what it is, not one per empty cell.
                if is_unjoined_continuation(table, row) {
                    let reason = unjoined_continuation(table, row, row_index == 0);
                    doubtful_rows.push(DoubtfulRow {
                        location: row.location.clone(),
                        code: None,
                        name: String::new(),
                        reason: reason.clone(),
                    });
                    unresolved.push(unresolved_row(file, table, row, reason));
                    resolved.push(None);
                    continue;
                }
                let needs_resolution = reading.value.is_none() || reading.problem.is_some();
                // A range or a family of codes (`0x8024xxxx`) is deliberate,
                // and no one code: no evidence is asked for a value.
                if matches!(
                    reading.problem,
                    Some(CodeProblem::Range | CodeProblem::Wildcard)
                ) {
                    let reason = format!(
                        "the code `{}` {}",
                        cells.code_text(),
                        resolve::describe_problem(reading.problem.as_ref())
                    );
                    unresolved.push(unresolved_row(file, table, row, reason));
                    unreadable_codes.push(UnreadableCode {
                        location: cells.code_location(),
                        written: cells.code_text().to_string(),
                        name: cells.name_text().to_string(),
                        problem: reading.problem.clone(),
                        resolution: Resolution::none(),
                    });
                    resolved.push(None);
                    continue;
                }
                let (value, repair) = if needs_resolution {
                    let resolution = resolve(&evidence, names, reference);
                    let repair = resolution.value.map(|value| Repair {
                        field: "code".into(),
                        from: cells.code_text().to_string(),
                        to: value.to_string(),
                        rule: CODE_REPAIR_RULE.into(),
                        evidence: resolution.evidence.clone(),
                    });
                    if resolution.value.is_none() {
                        let mut reason = format!(
                            "the code `{}` {}",
                            cells.code_text(),
                            resolve::describe_problem(reading.problem.as_ref())
                        );
                        match resolution.suggestion {
                            Some(s) => reason.push_str(&format!(
                                ", and the evidence for {s} is not strong enough to repair it"
                            )),
                            None => reason.push_str(", and no evidence gives its value"),
                        }
                        unresolved.push(unresolved_row(file, table, row, reason));
                    }
                    let value = resolution.value;
                    unreadable_codes.push(UnreadableCode {
                        location: cells.code_location(),
                        written: cells.code_text().to_string(),
                        name: cells.name_text().to_string(),
                        problem: reading.problem.clone(),
                        resolution,
                    });
                    (value, repair)
                } else if let Some((value, evidence)) =
                    resolve::contradicted(&evidence, names, reference)
                {
                    let repair = Repair {
                        field: "code".into(),
                        from: cells.code_text().to_string(),
                        to: value.to_string(),
                        rule: CODE_CONTRADICTED_RULE.into(),
                        evidence,
                    };
                    (Some(value), Some(repair))
                } else {
                    (reading.value, None)
                };
                resolved.push(value);
                // A row whose fields look misplaced is not guessed into a
                // record.
                if let (Some(_), Some(reason)) = (value, doubtful_fields(table, &cells)) {
                    doubtful_rows.push(DoubtfulRow {
                        location: row.location.clone(),
                        code: value,
                        name: cells.name_text().to_string(),
                        reason: reason.clone(),
                    });
                    unresolved.push(unresolved_row(file, table, row, reason));
                    continue;
                }
                if let Some(value) = value {
                    let mut record = new_record(
                        file,
                        table,
                        (row_index, &cells),
                        value,
                        files.len(),
                        &section,
                    );
                    record.repairs.extend(repair);
                    record_of_row.insert((file_index, table_index, row_index), records.len());
                    records.push(record);
                }
            }
        }
    }

    let alignments =
        translations::merge(offset, files, &mut records, &record_of_row, &mut unresolved);
    // Each record's sources: the source-language row first, then by file.
    // They are mostly in this order already, which a stable sort checks in
    // one pass.
    for record in &mut records {
        record.sources.sort_by(|a, b| {
            (!a.source_language, &a.file, a.line).cmp(&(!b.source_language, &b.file, b.line))
        });
    }
    DocumentPart {
        records,
        unresolved,
        unreadable_codes,
        doubtful_rows,
        alignments,
    }
}

/// True when `row` of `table` is written as a continuation row (see
/// [`crate::ingest::table::is_continuation`]) but is still a row: ingest
/// joins those that have a row above them to it.
pub fn is_unjoined_continuation(table: &Table, row: &Row) -> bool {
    use crate::ingest::table::{is_continuation, last_identifying_column};
    if !table.is_understood() {
        return false;
    }
    let last = last_identifying_column(table.columns.iter().map(|c| (c.source, c.role)));
    is_continuation(last, table.columns.iter().map(|c| c.source).zip(&row.cells))
}

/// Why a row written as a continuation row that is no part of another
/// (see [`is_unjoined_continuation`]) is in doubt, naming the columns its
/// text is in; `first` when it is its table's first row, which has no row
/// above it to continue.
fn unjoined_continuation(table: &Table, row: &Row, first: bool) -> String {
    let columns: Vec<String> = table
        .columns
        .iter()
        .zip(&row.cells)
        .filter(|(_, cell)| !cell.text.trim().is_empty())
        .map(|(column, _)| format!("`{}`", column.header.text.trim()))
        .collect();
    let (columns, s) = match columns.as_slice() {
        [one] => (one.clone(), ""),
        _ => (columns.join(", "), "s"),
    };
    if first {
        format!(
            "the row has no code and no name, only text in its {columns} column{s}, and no row above it in its table that it could continue: a note written as a row, or a row whose code and name are missing"
        )
    } else {
        format!(
            "the row has no code and no name, only text in its {columns} column{s}: nothing says which error it is about"
        )
    }
}

/// Why a row's fields look misplaced, if they do: the row has no name but
/// another of its cells is a symbolic name alone, or its description is a
/// symbolic name alone (a name read as a description).
fn doubtful_fields(table: &Table, cells: &RowCells) -> Option<String> {
    let alone =
        |cell: &Cell| crate::ingest::shape::brief_shape_of(&cell.text).shape == Shape::Identifier;
    let has_name_column = table.column(ColumnRole::Name).is_some();
    if cells.name_text().trim().is_empty() && has_name_column {
        let misplaced = table
            .columns
            .iter()
            .zip(&cells.row.cells)
            .find(|(c, cell)| {
                matches!(c.role, ColumnRole::Other | ColumnRole::Description) && alone(cell)
            });
        if let Some((column, cell)) = misplaced {
            return Some(format!(
                "the name cell is empty, but the `{}` column holds the symbolic name `{}`: the row's cells may be shifted",
                column.header.text.trim(),
                cell.text.trim()
            ));
        }
    }
    let description = cells.description.filter(|d| alone(d))?;
    let name = cells.name_text().trim();
    (name.is_empty() || !name.eq_ignore_ascii_case(description.text.trim())).then(|| {
        format!(
            "the description is only the symbolic name `{}`: the name may have been read as the description",
            description.text.trim()
        )
    })
}

/// Orders the records and counts what was read.
fn finish(
    documents: Vec<DocumentSummary>,
    counts: FileCounts,
    records: Vec<Record>,
    mut unresolved: Vec<UnresolvedRow>,
) -> Dataset {
    let records = sort_records(records);
    unresolved.sort();

    let stats = Stats {
        documents: documents.len(),
        files: counts.files,
        tables: counts.tables,
        tables_without_codes: counts.tables_without_codes,
        blank_rows: counts.blank_rows,
        rows_read: counts.rows_read,
        records: records.len(),
        rows_in_records: records.iter().map(|r| r.sources.len()).sum(),
        unresolved_rows: unresolved.len(),
    };
    Dataset {
        documents,
        records,
        unresolved,
        stats,
    }
}

/// Sorts records by [`Record::sort_key`] (the dataset's order). The sort moves indices, not
/// records (a record is a few hundred bytes, and a large corpus has
/// hundreds of thousands), and compares the value and the document's rank
/// before anything else: codes repeat across documents.
pub fn sort_records(records: Vec<Record>) -> Vec<Record> {
    let mut documents: Vec<&str> = records.iter().map(|r| &*r.document).collect();
    documents.sort_unstable();
    documents.dedup();
    let rank: HashMap<&str, u32> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (*d, i as u32))
        .collect();
    let mut order: Vec<(u32, u32, u32)> = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                r.code.value(),
                rank.get(&*r.document).copied().unwrap_or(0),
                i as u32,
            )
        })
        .collect();
    // Keys are unique (no two records share a first source row), so an
    // unstable sort is deterministic.
    order.sort_unstable_by(|a, b| {
        (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| {
            records[a.2 as usize]
                .sort_key()
                .cmp(&records[b.2 as usize].sort_key())
        })
    });
    // Both borrow `records`, which is rearranged next.
    drop(rank);
    drop(documents);
    // In place, one cycle of the permutation at a time: a second vector of
    // records would be a second copy of the largest thing normalize makes.
    let mut records = records;
    let mut from: Vec<u32> = order.into_iter().map(|(_, _, i)| i).collect();
    for start in 0..from.len() {
        let mut at = start;
        // `from[at]` is the index whose record belongs at `at`; a visited
        // position points to itself.
        while from[at] as usize != start && from[at] as usize != at {
            let next = from[at] as usize;
            records.swap(at, next);
            from[at] = at as u32;
            at = next;
        }
        from[at] = at as u32;
    }
    records
}

/// Every name whose code its cell states, for counterpart evidence. The
/// first row of a name wins.
fn name_index(files: &[IngestedFile]) -> NameIndex {
    // Each run of files indexed on any core; the runs merged in corpus
    // order, where a name already there stays: the first row still wins.
    let runs: Vec<&[IngestedFile]> = files.chunks(files.len().div_ceil(8).max(1)).collect();
    let mut indexes = crate::threads::map_in_order(&runs, |run| name_index_of(run)).into_iter();
    let mut names = indexes.next().unwrap_or_default();
    for index in indexes {
        for (name, first) in index {
            names.entry(name).or_insert(first);
        }
    }
    names
}

/// The counterpart evidence of some files: the first row of each name
/// among them whose code its cell states.
pub fn name_index_of(files: &[IngestedFile]) -> NameIndex {
    let mut names = NameIndex::new();
    for file in files.iter().filter(|f| f.is_source) {
        for table in file.tables.iter().filter(|t| t.is_understood()) {
            for row in &table.rows {
                let cells = RowCells::of(table, row);
                let reading = cells.code_reading();
                if let (Some(value), None) = (reading.value, reading.problem) {
                    names
                        .entry(cells.name_text().to_ascii_uppercase())
                        .or_insert((value, cells.code_location()));
                }
            }
        }
    }
    names
}

/// True when at least nine in ten steps between known codes go up: the
/// table is sorted by code (a few rows out of place allowed), so its
/// neighbours are evidence.
pub fn is_mostly_ascending(values: impl Iterator<Item = Option<HResult>>) -> bool {
    sort_order(values) == Some(SortOrder::Ascending)
}

/// The order a table lists its codes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    /// Lowest first.
    Ascending,
    /// Highest first.
    Descending,
}

/// The order of the known codes, when nine steps in ten go one way (five
/// codes at least).
pub fn sort_order(values: impl Iterator<Item = Option<HResult>>) -> Option<SortOrder> {
    let known: Vec<HResult> = values.flatten().collect();
    let steps = known.len().saturating_sub(1);
    if steps < 4 {
        return None;
    }
    let rising = known.windows(2).filter(|w| w[0] < w[1]).count();
    let falling = known.windows(2).filter(|w| w[0] > w[1]).count();
    if rising * 10 >= steps * 9 {
        Some(SortOrder::Ascending)
    } else if falling * 10 >= steps * 9 {
        Some(SortOrder::Descending)
    } else {
        None
    }
}

fn positions(table: &Table, row: &Row) -> CellPositions {
    let mut positions = CellPositions::default();
    for (column, cell) in table.columns.iter().zip(&row.cells) {
        let position = Some(CellPosition::of(&cell.location));
        let slot = match column.role {
            ColumnRole::Code => &mut positions.code,
            ColumnRole::Decimal => &mut positions.decimal,
            ColumnRole::Name => &mut positions.name,
            ColumnRole::Description => &mut positions.description,
            ColumnRole::Win32 | ColumnRole::Other => continue,
        };
        if slot.is_none() {
            *slot = position;
        }
    }
    positions
}

/// The provenance entry of one row.
pub fn row_source(file: &IngestedFile, table: &Table, row: usize, cells: &RowCells) -> RowSource {
    let position = CellPosition::of(&cells.code_location());
    RowSource {
        file: file.file.clone(),
        line: position.line,
        column: position.column,
        locale: file.locale.clone(),
        table: table.index,
        cells: positions(table, cells.row),
        row,
        source_language: file.is_source,
    }
}

/// The invisible characters in `text`, named as `U+200B`, once each.
fn invisible_characters(text: &str) -> String {
    let mut found: Vec<char> = text
        .chars()
        .filter(|c| crate::ingest::text::is_invisible(*c))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
        .iter()
        .map(|c| format!("U+{:04X}", u32::from(*c)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A record from a source-language row. `locales` is the number of locale
/// files of the document (the most descriptions and sources the record can
/// get); `section` the table's heading, shared by its records.
fn new_record(
    file: &IngestedFile,
    table: &Table,
    (row, cells): (usize, &RowCells),
    value: HResult,
    locales: usize,
    section: &Arc<str>,
) -> Record {
    let name = cells.name_text().to_string();
    let mut raw = RawText::default();
    let mut normalizations = ThinVec::new();
    if let Some(code) = cells.code {
        let documented = code.source().trim();
        let canonical = value.to_string();
        if documented != canonical {
            // The canonical code and this raw text say all there is to say
            // about markup and case; no normalization entry for them.
            raw.code = Some(documented.to_string());
        }
    }
    if let Some(cell) = cells.name
        && !cell.joined_lines().is_empty()
    {
        raw.name = Some(cell.source().trim().to_string());
        normalizations.push(Normalization {
            field: "name".into(),
            from: cell.source().trim().to_string(),
            to: name.clone(),
            reason: format!(
                "joined a name broken across lines (line{} {})",
                if cell.joined_lines().len() > 1 {
                    "s"
                } else {
                    ""
                },
                cell.joined_lines()
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    } else if let Some(cell) = cells.name
        && cell.source().contains(crate::ingest::text::is_invisible)
    {
        // Invisible characters split a name without showing; the name is
        // read without them, and what the page holds is kept.
        let source = cell.source().trim();
        raw.name = Some(source.to_string());
        normalizations.push(Normalization {
            field: "name".into(),
            from: source.to_string(),
            to: name.clone(),
            reason: format!(
                "removed invisible characters ({})",
                invisible_characters(source)
            ),
        });
    }
    let mut descriptions = LocaleMap::with_capacity(locales);
    let mut descriptions_markdown = LocaleMap::default();
    if let Some(cell) = cells.description {
        descriptions.insert(file.locale.clone(), cell.text.clone());
        // Only where the Markdown says more than the text.
        if cell.markdown() != &*cell.text {
            descriptions_markdown.insert(file.locale.clone(), cell.markdown().to_string());
        }
    }
    // At most two: a vector grown by `push` would hold room for four.
    normalizations.shrink_to_fit();
    Record {
        code: value,
        family: Family::of_name(&name),
        name,
        aliases: cells.row.aliases.clone(),
        document: file.document.clone(),
        section: Arc::clone(section),
        descriptions,
        descriptions_markdown,
        documented_decimal: cells.decimal.map(|c| c.text.to_string()),
        counterpart: None,
        sources: {
            let mut sources = ThinVec::with_capacity(locales);
            sources.push(row_source(file, table, row, cells));
            sources
        },
        raw,
        normalizations,
        repairs: ThinVec::new(),
    }
}

/// An unresolved row with its raw cells keyed by header text.
pub fn unresolved_row(
    file: &IngestedFile,
    table: &Table,
    row: &Row,
    reason: String,
) -> UnresolvedRow {
    let mut cells = BTreeMap::new();
    for (i, cell) in row.cells.iter().enumerate() {
        let key = table
            .columns
            .get(i)
            .map(|c| match c.role {
                ColumnRole::Other => c.header.text.to_string(),
                role => role.as_str().to_string(),
            })
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| format!("column {}", i + 1));
        // Two columns with one header must not overwrite each other.
        let key = if cells.contains_key(&key) {
            format!("{key} (column {})", i + 1)
        } else {
            key
        };
        cells.insert(key, cell.source().trim().to_string());
    }
    for (i, extra) in row.extra_cells.iter().enumerate() {
        cells.insert(format!("extra {}", i + 1), extra.clone());
    }
    UnresolvedRow {
        file: file.file.clone(),
        line: row.location.line,
        column: row.location.column,
        document: file.document.clone(),
        locale: file.locale.clone(),
        table: table.index,
        reason,
        cells,
    }
}

/// Links each `WU` record to its `OM` record and back, where both exist.
pub fn link_counterparts(records: &mut [Record]) {
    let index: HashMap<(HResult, Family), usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.code, r.family), i))
        .collect();
    for record in records.iter_mut() {
        if let (Some(code), Some((family, _))) = (
            counterpart_code(record.family, record.code),
            record.family.counterpart(),
        ) && index.contains_key(&(code, family))
        {
            record.counterpart = Some(code);
        }
    }
}

/// The summary of one document, from its locale files.
pub fn summarize(document: &Document, own: &[&IngestedFile]) -> DocumentSummary {
    let title = document.title.clone().unwrap_or_else(|| {
        own.iter()
            .find(|f| f.is_source)
            .and_then(|f| f.headings.first())
            .map(|h| h.text.clone())
            .unwrap_or_else(|| document.id.clone())
    });
    DocumentSummary {
        id: document.id.clone(),
        title,
        source_locale: document.source_locale.clone(),
        files: own
            .iter()
            .map(|f| FileSummary {
                file: f.file.to_string(),
                locale: f.locale.to_string(),
                front_matter: f.front_matter.entries.clone(),
                tables: f
                    .tables
                    .iter()
                    .map(|t| TableSummary {
                        index: t.index,
                        line: t.location.line,
                        section: t.section().to_string(),
                        format: t.format,
                        layout: t.layout,
                        kind: t.kind,
                        columns: t
                            .columns
                            .iter()
                            .map(|c| ColumnSummary {
                                header: c.header.text.to_string(),
                                column: c.source + 1,
                                role: c.role,
                                reason: c.reason.clone(),
                            })
                            .collect(),
                        rows: t.rows.len(),
                        blank_rows: t.blank_rows,
                    })
                    .collect(),
            })
            .collect(),
    }
}
