//! Joining translated rows to their source-language rows: by code and name,
//! never by position, so a dropped or reordered row cannot shift the others.

use std::collections::HashMap;

use super::{RowCells, RowKey, row_source, unresolved_row};
use crate::finding::Finding;
use crate::ingest::IngestedFile;
use crate::model::{Record, UnresolvedRow};

/// How a translated row was matched to its source row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    /// Same code text and same name.
    CodeAndName,
    /// Same name; the code text differs.
    Name,
    /// Same code text; the name differs.
    Code,
}

/// One translated row matched to its source row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlignedRow {
    /// Index of the translated row in its table.
    pub row: usize,
    /// Index of the source row in the source table.
    pub source_row: usize,
    /// How they were matched.
    pub by: Alignment,
}

/// Matches the rows of a translated table to those of its source table.
/// Returns the matches (in translated-row order) and the translated rows
/// left unmatched.
pub fn align(
    source: &crate::ingest::Table,
    translated: &crate::ingest::Table,
) -> (Vec<AlignedRow>, Vec<usize>) {
    let key = |table, row| {
        let cells = RowCells::of(table, row);
        (
            cells.code_text().trim().to_ascii_lowercase(),
            cells.name_text().trim().to_ascii_uppercase(),
        )
    };
    let source_keys: Vec<(String, String)> = source.rows.iter().map(|r| key(source, r)).collect();
    let translated_keys: Vec<(String, String)> =
        translated.rows.iter().map(|r| key(translated, r)).collect();
    let mut taken = vec![false; source.rows.len()];
    let mut matched: Vec<Option<AlignedRow>> = vec![None; translated.rows.len()];

    // Exact matches first, so that a renamed row cannot steal the source row
    // of a later exact match; then by name, then by code.
    let passes: [(Alignment, fn(&(String, String), &(String, String)) -> bool); 3] = [
        (Alignment::CodeAndName, |a, b| a == b),
        (Alignment::Name, |a, b| !a.1.is_empty() && a.1 == b.1),
        (Alignment::Code, |a, b| !a.0.is_empty() && a.0 == b.0),
    ];
    for (by, same) in passes {
        for (t, tkey) in translated_keys.iter().enumerate() {
            if matched[t].is_some() {
                continue;
            }
            if let Some(s) =
                (0..source_keys.len()).find(|&s| !taken[s] && same(&source_keys[s], tkey))
            {
                taken[s] = true;
                matched[t] = Some(AlignedRow {
                    row: t,
                    source_row: s,
                    by,
                });
            }
        }
    }
    let unmatched = (0..translated.rows.len())
        .filter(|&t| matched[t].is_none())
        .collect();
    (matched.into_iter().flatten().collect(), unmatched)
}

/// Adds every translated row to its source row's record, or to the
/// unresolved rows with the reason.
pub fn merge(
    files: &[IngestedFile],
    records: &mut [Record],
    record_of_row: &HashMap<RowKey, usize>,
    unresolved: &mut Vec<UnresolvedRow>,
    _findings: &mut [Finding],
) {
    for file in files.iter().filter(|f| !f.is_source) {
        let Some(source_index) = files
            .iter()
            .position(|s| s.is_source && s.document == file.document)
        else {
            continue;
        };
        let source = &files[source_index];
        for table in &file.tables {
            let source_table = source.tables.get(table.index);
            let Some(source_table) =
                source_table.filter(|s| s.is_understood() && table.is_understood())
            else {
                let reason = if table.is_understood() {
                    format!(
                        "the source-language page {} has no matching table {}",
                        source.file,
                        table.index + 1
                    )
                } else {
                    "the table's header names no error-code column, so its rows cannot be read as codes".into()
                };
                for row in &table.rows {
                    unresolved.push(unresolved_row(file, table, row, reason.clone()));
                }
                continue;
            };
            let (aligned, unmatched) = align(source_table, table);
            for AlignedRow {
                row, source_row, ..
            } in aligned
            {
                let row = &table.rows[row];
                let cells = RowCells::of(table, row);
                match record_of_row.get(&(source_index, table.index, source_row)) {
                    Some(&r) => {
                        let record = &mut records[r];
                        if let Some(cell) = cells.description {
                            record
                                .descriptions
                                .insert(file.locale.clone(), cell.text.clone());
                            record
                                .descriptions_markdown
                                .insert(file.locale.clone(), cell.markdown.clone());
                        }
                        record.sources.push(row_source(file, table, &cells));
                    }
                    None => {
                        let source_line = source_table.rows[source_row].location.line;
                        unresolved.push(unresolved_row(
                            file,
                            table,
                            row,
                            format!(
                                "its source-language row ({}:{source_line}) is unresolved",
                                source.file
                            ),
                        ));
                    }
                }
            }
            for t in unmatched {
                let row = &table.rows[t];
                let cells = RowCells::of(table, row);
                unresolved.push(unresolved_row(
                    file,
                    table,
                    row,
                    format!(
                        "no row of the source-language page {} has the code `{}` or the name `{}`",
                        source.file,
                        cells.code_text(),
                        cells.name_text()
                    ),
                ));
            }
        }
    }
}
