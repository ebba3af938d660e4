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
        // Every row of every understood table, and where each table's rows
        // start, by file index and table index.
        let mut rows = Vec::with_capacity(project.dataset.stats.rows_read);
        let mut table_start: Vec<Vec<Option<usize>>> = Vec::with_capacity(project.files.len());
        for file in &project.files {
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
        let by_address: HashMap<*const u8, usize> = project
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.file.as_ptr(), i))
            .collect();
        let by_path: HashMap<&str, usize> = project
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.file.as_ref(), i))
            .collect();
        for record in &project.dataset.records {
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
