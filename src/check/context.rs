//! What rules look at: the ingested files, the dataset, the problems the
//! stages below reported, every data row of every understood table with
//! its cells by role and the record it became part of, the references the
//! pages are checked against, and the analyses that several rules share
//! (computed once, on first use).

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap as HashMap;

use super::counterparts::Counterparts;
use super::reference::{ReferenceVerdicts, SharedVerdicts};
use crate::diagnostic::AcrossDocuments;
use crate::ingest::{Cell, IngestProblem, IngestedFile, Table};
use crate::model::{Dataset, Record};
use crate::normalize::{
    AlignedRow, DoubtfulRow, RowCells, TableAlignment, TranslationAlignment, UnreadableCode,
};
use crate::reference::Reference;
use crate::source::Location;

/// What the check reads: the output of the stages below it.
#[derive(Debug, Clone, Copy)]
pub struct CheckInput<'a> {
    /// Every ingested file, per document the source-language file first.
    pub files: &'a [IngestedFile],
    /// The dataset.
    pub dataset: &'a Dataset,
    /// What ingest could read only in part.
    pub ingest_problems: &'a [IngestProblem],
    /// Source rows whose code is not written canonically.
    pub unreadable_codes: &'a [UnreadableCode],
    /// Source rows whose fields look misplaced.
    pub doubtful_rows: &'a [DoubtfulRow],
    /// How each translation was joined to its source.
    pub alignments: &'a [TranslationAlignment],
    /// What the headers that define the codes say (the Windows SDK's and
    /// the product's own constants).
    pub reference: &'a Reference,
}

/// One data row, seen by the rules.
#[derive(Debug, Clone, Copy)]
pub struct RowView<'a> {
    /// The file.
    pub file: &'a IngestedFile,
    /// The table.
    pub table: &'a Table,
    /// Index of the row in the table.
    pub index: usize,
    /// The row's cells by role.
    pub cells: RowCells<'a>,
    /// The record the row became part of; `None` for unresolved rows.
    pub record: Option<&'a Record>,
}

impl RowView<'_> {
    /// True when `cell`, one of this row's, is the very cell of the row
    /// above in its table: a cell an HTML `rowspan` carries down, or the
    /// shared cells of a row whose code cell lists several codes (read as
    /// a row per code). A rule about the cell's own text reports it once,
    /// in the first row that holds it, not once per row.
    pub fn shares_with_row_above(&self, cell: &Cell) -> bool {
        shared_with_row_above(self.table, self.index, cell)
    }
}

/// True when `cell` of row `index` of `table` is the cell of the row above
/// (see [`RowView::shares_with_row_above`]): the same place in the file and
/// the same text.
fn shared_with_row_above(table: &Table, index: usize, cell: &Cell) -> bool {
    index
        .checked_sub(1)
        .and_then(|above| table.rows.get(above))
        .is_some_and(|above| {
            above
                .cells
                .iter()
                .any(|c| c.offset == cell.offset && c.text == cell.text)
        })
}

/// One translated table beside the source table it translates.
#[derive(Debug, Clone, Copy)]
pub struct TablePair<'a> {
    /// The source-language file.
    pub source: &'a IngestedFile,
    /// The translation file.
    pub translation: &'a IngestedFile,
    /// The source table.
    pub source_table: &'a Table,
    /// Its translation, when the translation has one.
    pub translated_table: Option<&'a Table>,
    /// How their rows were matched.
    pub alignment: &'a TableAlignment,
}

/// One translated row beside its source row.
#[derive(Debug, Clone, Copy)]
pub struct RowPair<'a> {
    /// The source-language file.
    pub source: &'a IngestedFile,
    /// The translation file.
    pub translation: &'a IngestedFile,
    /// How the rows were matched.
    pub aligned: &'a AlignedRow,
    /// The translated table.
    pub translated_table: &'a Table,
    /// The source table.
    pub source_table: &'a Table,
    /// The source row's cells.
    pub source_cells: RowCells<'a>,
    /// The translated row's cells.
    pub cells: RowCells<'a>,
}

impl RowPair<'_> {
    /// `file:line` of the source row, for messages.
    pub fn source_place(&self) -> String {
        self.source_cells.code_location().file_line()
    }
}

/// What a [`Context`] holds of the project.
#[derive(Debug, Clone, Copy)]
enum Scope<'a> {
    /// Every document, its files and its records.
    Whole,
    /// One document of a check that reads one at a time: the `WU`/`OM`
    /// pairs, which span documents, are not known.
    Document,
    /// The records of every document, their files gone: for the rules
    /// that compare records across documents. Each document's first code
    /// table, where a finding about a document as a whole is put.
    Records(&'a HashMap<Arc<str>, Location>),
}

/// The rows of one project, in file, table and row order, and what rules
/// share.
pub struct Context<'a> {
    /// What the check reads.
    pub input: CheckInput<'a>,
    /// Every row of every understood table.
    pub rows: Vec<RowView<'a>>,
    /// The ids of the rules that run.
    pub enabled: Vec<&'static str>,
    /// What the check sees: every document, one, or the records of every
    /// document without their files.
    scope: Scope<'a>,
    counterparts: OnceLock<Counterparts<'a>>,
    reference_verdicts: OnceLock<ReferenceVerdicts<'a>>,
    /// Verdicts shared with the other documents' contexts.
    verdict_memo: Option<&'a dyn SharedVerdicts<'a>>,
}

impl<'a> Context<'a> {
    /// Indexes the rows of `input`.
    pub fn new(input: CheckInput<'a>) -> Self {
        let files = input.files;
        // Every row of every understood table, and where each table's rows
        // start, by file index and table index.
        let mut rows = Vec::with_capacity(files.iter().map(IngestedFile::row_count).sum());
        let mut table_start: Vec<Vec<Option<usize>>> = Vec::with_capacity(files.len());
        for file in files {
            let mut starts = vec![None; file.tables.len()];
            for table in file.tables.iter().filter(|t| t.is_understood()) {
                if let Some(start) = starts.get_mut(table.index) {
                    *start = Some(rows.len());
                }
                for (index, row) in table.rows.iter().enumerate() {
                    rows.push(RowView {
                        file,
                        table,
                        index,
                        cells: RowCells::of(table, row),
                        record: None,
                    });
                }
            }
            table_start.push(starts);
        }
        // Each record's rows. A record's sources share their file's path
        // (the same `Arc`), so the file is found by address, without
        // hashing half a million paths; by path as a fallback.
        let by_address: HashMap<*const u8, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.file.as_ptr(), i))
            .collect();
        let by_path: HashMap<&str, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.file.as_ref(), i))
            .collect();
        for record in &input.dataset.records {
            for source in &record.sources {
                let file = by_address
                    .get(&source.file.as_ptr())
                    .or_else(|| by_path.get(source.file.as_ref()));
                let at = file
                    .and_then(|&f| table_start.get(f)?.get(source.table).copied().flatten())
                    .map(|start| start + source.row);
                if let Some(view) = at.and_then(|at| rows.get_mut(at))
                    && view.index == source.row
                    && view.table.index == source.table
                {
                    view.record = Some(record);
                }
            }
        }
        Context {
            input,
            rows,
            enabled: Vec::new(),
            scope: Scope::Whole,
            counterparts: OnceLock::new(),
            reference_verdicts: OnceLock::new(),
            verdict_memo: None,
        }
    }

    /// The context of one document of a check that reads one document at
    /// a time: `input` holds its files and records only. The documents
    /// share the reference's verdicts through `memo`.
    pub fn for_document(input: CheckInput<'a>, memo: &'a dyn SharedVerdicts<'a>) -> Self {
        Context {
            scope: Scope::Document,
            verdict_memo: Some(memo),
            ..Context::new(input)
        }
    }

    /// The context of the rules that compare records across documents,
    /// once every document is read: `input` holds no file, and
    /// `first_code_tables` gives each document's first code table.
    pub fn for_records(
        input: CheckInput<'a>,
        first_code_tables: &'a HashMap<Arc<str>, Location>,
    ) -> Self {
        Context {
            scope: Scope::Records(first_code_tables),
            ..Context::new(input)
        }
    }

    /// Where the source file of `document` has its first code table.
    pub fn first_code_table(&self, document: &str) -> Option<Location> {
        if let Scope::Records(tables) = self.scope {
            return tables.get(document).cloned();
        }
        first_code_table(self.files(), document)
    }

    /// Whether `record` is one side of a `WU`/`OM` pair whose names differ;
    /// `None` in the context of one document, which does not know the
    /// pairs (a finding that depends on it is marked with
    /// [`Finding::unless`] and decided later).
    ///
    /// [`Finding::unless`]: crate::diagnostic::Finding::unless
    pub fn pair_names_differ(&self, record: &Record) -> Option<bool> {
        match self.scope {
            Scope::Document => None,
            Scope::Whole | Scope::Records(_) => Some(self.counterparts().names_differ(record)),
        }
    }

    /// Whether `record`'s mirrored code (`WU` <-> `OM`) is in the dataset;
    /// `None` in the context of one document when its own records do not
    /// hold it (another document may).
    pub fn has_counterpart(&self, record: &Record) -> Option<bool> {
        match self.scope {
            Scope::Document if record.counterpart.is_none() => None,
            _ => Some(record.counterpart.is_some()),
        }
    }

    /// Whether `condition` holds of `record`, where this context knows.
    pub fn holds(&self, condition: AcrossDocuments, record: &Record) -> Option<bool> {
        match condition {
            AcrossDocuments::PairNamesDiffer => self.pair_names_differ(record),
            AcrossDocuments::HasCounterpart => self.has_counterpart(record),
        }
    }

    /// True when the rule `id` runs (for a rule that leaves some findings
    /// to another, when that one runs).
    pub fn is_enabled(&self, id: &str) -> bool {
        self.enabled.contains(&id)
    }

    /// The ingested files.
    pub fn files(&self) -> &'a [IngestedFile] {
        self.input.files
    }

    /// The dataset's records.
    pub fn records(&self) -> &'a [Record] {
        &self.input.dataset.records
    }

    /// Rows of source-language files.
    pub fn source_rows(&self) -> impl Iterator<Item = &RowView<'a>> {
        self.rows.iter().filter(|r| r.file.is_source)
    }

    /// Rows grouped by (file, table), in order.
    pub fn tables(&self) -> impl Iterator<Item = &[RowView<'a>]> {
        self.rows
            .chunk_by(|a, b| a.file.file == b.file.file && a.table.index == b.table.index)
    }

    /// The tables of source-language files, as groups of rows.
    pub fn source_tables(&self) -> impl Iterator<Item = &[RowView<'a>]> {
        self.tables()
            .filter(|rows| rows.first().is_some_and(|r| r.file.is_source))
    }

    /// Every understood source table beside its translation in each
    /// translation file, in file and table order.
    pub fn table_pairs(&self) -> impl Iterator<Item = TablePair<'a>> + '_ {
        let files = self.input.files;
        self.input.alignments.iter().flat_map(move |translation| {
            let source = &files[translation.source_file];
            let translated = &files[translation.translation_file];
            translation.tables.iter().filter_map(move |alignment| {
                Some(TablePair {
                    source,
                    translation: translated,
                    source_table: source.tables.get(alignment.source_table)?,
                    translated_table: alignment
                        .translated_table
                        .and_then(|t| translated.tables.get(t)),
                    alignment,
                })
            })
        })
    }

    /// Every translated row matched with a source row.
    pub fn row_pairs(&self) -> impl Iterator<Item = RowPair<'a>> + '_ {
        self.table_pairs().flat_map(|pair| {
            let translated_table = pair.translated_table;
            pair.alignment.rows.iter().filter_map(move |aligned| {
                let translated_table = translated_table?;
                Some(RowPair {
                    source: pair.source,
                    translation: pair.translation,
                    aligned,
                    translated_table,
                    source_table: pair.source_table,
                    source_cells: RowCells::of(
                        pair.source_table,
                        pair.source_table.rows.get(aligned.source_row)?,
                    ),
                    cells: RowCells::of(translated_table, translated_table.rows.get(aligned.row)?),
                })
            })
        })
    }

    /// Every translated row matched with a source row where both have a
    /// description and the translation's is not empty (an empty one is
    /// `description-empty`'s): the row pair, the source description cell
    /// and the translated one. Rows whose two descriptions are those of the
    /// pair before (cells shared by a `rowspan` on each side) are left out.
    pub fn description_pairs(
        &self,
    ) -> impl Iterator<Item = (RowPair<'a>, &'a Cell, &'a Cell)> + '_ {
        // Two rows that share both descriptions (an HTML `rowspan` on each
        // side, or the codes of one cell, read as a row each) are one
        // comparison, made and reported once: rows come in order, so such
        // pairs follow one another.
        let mut last: Option<(*const Table, *const Table, usize, usize)> = None;
        self.row_pairs().filter_map(move |pair| {
            let (source, translated) = (pair.source_cells.description?, pair.cells.description?);
            let here = (
                std::ptr::from_ref(pair.source_table),
                std::ptr::from_ref(pair.translated_table),
                pair.aligned.source_row,
                pair.aligned.row,
            );
            let after_the_rows_above = last.replace(here).is_some_and(|(s, t, source_row, row)| {
                (s, t) == (here.0, here.1) && source_row + 1 == here.2 && row + 1 == here.3
            });
            let shared = after_the_rows_above
                && shared_with_row_above(pair.translated_table, pair.aligned.row, translated)
                && shared_with_row_above(pair.source_table, pair.aligned.source_row, source);
            (!shared && !translated.text.trim().is_empty()).then_some((pair, source, translated))
        })
    }

    /// What the references say about each record of the source pages.
    pub fn reference_verdicts(&self) -> &ReferenceVerdicts<'a> {
        self.reference_verdicts.get_or_init(|| {
            ReferenceVerdicts::new(self.input.reference, self.records(), self.verdict_memo)
        })
    }

    /// The pairs of `WU` and `OM` records and what the counterpart rules
    /// share about them.
    pub fn counterparts(&self) -> &Counterparts<'a> {
        // The pairs span documents: one document's would be wrong.
        debug_assert!(
            !matches!(self.scope, Scope::Document),
            "the pairs of one document asked for: the rule belongs in check::ACROSS_DOCUMENTS"
        );
        self.counterparts
            .get_or_init(|| Counterparts::new(self.records()))
    }
}

/// What identifies `record` (its first row), for a finding that waits for
/// the `WU`/`OM` pairs; `None` for a record without rows, which no finding
/// is about.
pub fn first_row_place(record: &Record) -> Option<crate::diagnostic::RecordPlace> {
    let first = record.sources.first()?;
    Some(crate::diagnostic::RecordPlace {
        file: first.file.clone(),
        table: first.table,
        row: first.row,
    })
}

/// Where the source file of `document`, among `files`, has its first code
/// table.
pub fn first_code_table(files: &[IngestedFile], document: &str) -> Option<Location> {
    files
        .iter()
        .find(|f| f.is_source && &*f.document == document)
        .and_then(|f| f.tables.iter().find(|t| t.is_understood()))
        .map(|t| t.location.clone())
}
