//! Joining translated rows to their source-language rows: by code and name,
//! never by position, so a dropped or reordered row cannot shift the others.

use rustc_hash::FxHashMap as HashMap;

use super::{RowCells, RowKey, row_source, unresolved_row};
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

    // Exact matches first, so that a renamed row cannot take the source row
    // of a later exact match; then by name, then by code.
    for by in [Alignment::CodeAndName, Alignment::Name, Alignment::Code] {
        let key_of = |key| match_key(by, key);
        let mut by_key: HashMap<(&str, &str), Vec<usize>> = HashMap::default();
        for (s, key) in source_keys.iter().enumerate() {
            if let Some(key) = key_of(key) {
                by_key.entry(key).or_default().push(s);
            }
        }
        for (t, tkey) in translated_keys.iter().enumerate() {
            if matched[t].is_some() {
                continue;
            }
            let Some(candidates) = key_of(tkey).and_then(|k| by_key.get(&k)) else {
                continue;
            };
            if let Some(&s) = candidates.iter().find(|&&s| !taken[s]) {
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

/// The part of a row's (code, name) key that an alignment pass compares;
/// `None` when that part is empty.
fn match_key(by: Alignment, key: &(String, String)) -> Option<(&str, &str)> {
    match by {
        Alignment::CodeAndName => Some((&key.0, &key.1)),
        Alignment::Name => (!key.1.is_empty()).then_some(("", key.1.as_str())),
        Alignment::Code => (!key.0.is_empty()).then_some((key.0.as_str(), "")),
    }
}

/// Adds every translated row to its source row's record, or to the
/// unresolved rows with the reason.
pub fn merge(
    files: &[IngestedFile],
    records: &mut [Record],
    record_of_row: &HashMap<RowKey, usize>,
    unresolved: &mut Vec<UnresolvedRow>,
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
                row: row_index,
                source_row,
                ..
            } in aligned
            {
                let row = &table.rows[row_index];
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
                        record
                            .sources
                            .push(row_source(file, table, row_index, &cells));
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
