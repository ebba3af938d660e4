//! What rules look at: every data row of every understood table, with its
//! cells by role and the record it became part of.

use rustc_hash::FxHashMap as HashMap;

use crate::Project;
use crate::ingest::{IngestedFile, Table};
use crate::model::Record;
use crate::normalize::RowCells;

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

/// The rows of one project, in file, table and row order.
pub struct Context<'a> {
    /// The project.
    pub project: &'a Project,
    /// Every row of every understood table.
    pub rows: Vec<RowView<'a>>,
}

impl<'a> Context<'a> {
    /// Indexes the project's rows.
    pub fn new(project: &'a Project) -> Self {
        // Sized up front: a large corpus has half a million rows.
        let mut record_of: HashMap<(&str, usize, usize), &Record> = HashMap::default();
        record_of.reserve(project.dataset.stats.rows_in_records);
        for record in &project.dataset.records {
            for source in &record.sources {
                record_of.insert((source.file.as_ref(), source.table, source.row), record);
            }
        }
        let mut rows = Vec::with_capacity(project.dataset.stats.rows_read);
        for file in &project.files {
            for table in file.tables.iter().filter(|t| t.is_understood()) {
                for (index, row) in table.rows.iter().enumerate() {
                    rows.push(RowView {
                        file,
                        table,
                        index,
                        cells: RowCells::of(table, row),
                        record: record_of
                            .get(&(file.file.as_ref(), table.index, index))
                            .copied(),
                    });
                }
            }
        }
        Context { project, rows }
    }

    /// Rows of source-language files.
    pub fn source_rows(&self) -> impl Iterator<Item = &RowView<'a>> {
        self.rows.iter().filter(|r| r.file.is_source)
    }

    /// Rows grouped by (file, table), in order.
    pub fn tables(&self) -> Vec<&[RowView<'a>]> {
        self.rows
            .chunk_by(|a, b| a.file.file == b.file.file && a.table.index == b.table.index)
            .collect()
    }
}
