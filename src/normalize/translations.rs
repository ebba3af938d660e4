//! Joining translated rows to their source-language rows: by code and name,
//! never by position, so a dropped or reordered row cannot shift the others.

use rustc_hash::FxHashMap as HashMap;

use super::columns::{self, Caseless};
use super::{RowCells, RowKey, row_source, unresolved_row};
use crate::ingest::{Column, IngestedFile, Table, TableKind};
use crate::model::{CodeForms, ColumnRole, Record, UnresolvedRow};

/// How one translation file's tables and rows were joined to those of its
/// source-language file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationAlignment {
    /// Index of the source-language file among the ingested files.
    pub source_file: usize,
    /// Index of the translation file among the ingested files.
    pub translation_file: usize,
    /// One entry per understood table of the source file, in table order.
    pub tables: Vec<TableAlignment>,
}

/// One source table and its translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableAlignment {
    /// Index of the table in the source file.
    pub source_table: usize,
    /// Index of the table of the translation that translates it; `None`
    /// when no table of the translation does.
    pub translated_table: Option<usize>,
    /// The translated rows matched with source rows, in translated-row
    /// order.
    pub rows: Vec<AlignedRow>,
    /// Translated rows that match no source row.
    pub unmatched: Vec<usize>,
}

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
pub fn align(source: &Table, translated: &Table) -> (Vec<AlignedRow>, Vec<usize>) {
    let key = |table, row| {
        let cells = RowCells::of(table, row);
        (CodeKey::of(&cells), Caseless(cells.name_text().trim()))
    };
    let source_keys: Vec<RowKeyText> = source.rows.iter().map(|r| key(source, r)).collect();
    let translated_keys: Vec<RowKeyText> =
        translated.rows.iter().map(|r| key(translated, r)).collect();
    let mut taken = vec![false; source.rows.len()];
    let mut matched: Vec<Option<AlignedRow>> = vec![None; translated.rows.len()];

    // Exact matches first, so that a renamed row cannot take the source row
    // of a later exact match; then by name, then by code.
    for by in [Alignment::CodeAndName, Alignment::Name, Alignment::Code] {
        // Most translations match every row exactly in the first pass.
        if matched.iter().all(Option::is_some) {
            break;
        }
        let key_of = |key| match_key(by, key);
        let mut by_key: HashMap<RowKeyText, Vec<usize>> = HashMap::default();
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

/// A row's code as a key: its value where the cell gives one (so that
/// `0x80cf0001` and `0x80CF0001`, or a code fixed in a translation, match),
/// else its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum CodeKey<'a> {
    Value(u32),
    Text(Caseless<'a>),
}

impl<'a> CodeKey<'a> {
    fn of(cells: &RowCells<'a>) -> Self {
        match cells.code_reading().value {
            Some(value) => CodeKey::Value(value.value()),
            None => CodeKey::Text(Caseless(cells.code_text().trim())),
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, CodeKey::Text(text) if text.0.is_empty())
    }
}

/// A row's code and name, trimmed.
type RowKeyText<'a> = (CodeKey<'a>, Caseless<'a>);

/// The part of a row's (code, name) key that an alignment pass compares;
/// `None` when that part is empty.
fn match_key<'a>(by: Alignment, key: &RowKeyText<'a>) -> Option<RowKeyText<'a>> {
    let empty_code = CodeKey::Text(Caseless(""));
    let empty_name = Caseless("");
    match by {
        Alignment::CodeAndName => Some(*key),
        Alignment::Name => (!key.1.0.is_empty()).then_some((empty_code, key.1)),
        Alignment::Code => (!key.0.is_empty()).then_some((key.0, empty_name)),
    }
}

/// Which table of the source page each table of a translation translates:
/// (source table index, translated table index) pairs of understood tables.
/// Tables are matched by the codes and names their rows share, most shared
/// first, so that a table added to or dropped from one page does not shift
/// the others; tables that share nothing fall back to the same position.
pub fn pair_tables<'f>(
    source: &'f IngestedFile,
    translation: &'f IngestedFile,
) -> Vec<(usize, usize)> {
    // Codes and names, told apart by the flag (a name never matches a
    // code).
    let keys = |table: &'f Table| -> rustc_hash::FxHashSet<(bool, Caseless)> {
        table
            .rows
            .iter()
            .flat_map(|row| {
                let cells = RowCells::of(table, row);
                [
                    (false, Caseless(cells.code_text().trim())),
                    (true, Caseless(cells.name_text().trim())),
                ]
            })
            .collect()
    };
    let understood = |file: &IngestedFile| -> Vec<usize> {
        file.tables
            .iter()
            .filter(|t| t.is_understood())
            .map(|t| t.index)
            .collect()
    };
    let (sources, translated) = (understood(source), understood(translation));
    // One table on each side, at the same place: they pair whatever their
    // rows share (the fallback below pairs them by position), so their
    // keys need not be compared.
    if let ([s], [t]) = (sources.as_slice(), translated.as_slice())
        && s == t
    {
        return vec![(*s, *t)];
    }
    let source_keys: Vec<_> = sources.iter().map(|&s| keys(&source.tables[s])).collect();
    let mut candidates = Vec::new();
    for &t in &translated {
        let tkeys = keys(&translation.tables[t]);
        for (k, &s) in sources.iter().enumerate() {
            let shared = source_keys[k].intersection(&tkeys).count();
            if shared > 0 {
                candidates.push((std::cmp::Reverse(shared), s.abs_diff(t), s, t));
            }
        }
    }
    candidates.sort();
    let mut pairs = Vec::new();
    let (mut used_s, mut used_t) = (Vec::new(), Vec::new());
    for (_, _, s, t) in candidates {
        if !used_s.contains(&s) && !used_t.contains(&t) {
            used_s.push(s);
            used_t.push(t);
            pairs.push((s, t));
        }
    }
    for &t in &translated {
        if !used_t.contains(&t) && sources.contains(&t) && !used_s.contains(&t) {
            used_s.push(t);
            used_t.push(t);
            pairs.push((t, t));
        }
    }
    pairs.sort();
    pairs
}

/// Adds every translated row to its source row's record, or to the
/// unresolved rows with the reason; returns how each translation was
/// aligned. `offset` is the index of `files[0]` among all ingested files.
pub fn merge(
    offset: usize,
    files: &[IngestedFile],
    records: &mut [Record],
    record_of_row: &HashMap<RowKey, usize>,
    unresolved: &mut Vec<UnresolvedRow>,
) -> Vec<TranslationAlignment> {
    let mut alignments = Vec::new();
    for (file_index, file) in files.iter().enumerate().filter(|(_, f)| !f.is_source) {
        let Some(source_index) = files
            .iter()
            .position(|s| s.is_source && s.document == file.document)
        else {
            continue;
        };
        let source = &files[source_index];
        let pairs = pair_tables(source, file);
        let mut tables: Vec<TableAlignment> = source
            .tables
            .iter()
            .filter(|t| t.is_understood())
            .map(|t| TableAlignment {
                source_table: t.index,
                translated_table: pairs.iter().find(|(s, _)| *s == t.index).map(|(_, t)| *t),
                rows: Vec::new(),
                unmatched: Vec::new(),
            })
            .collect();
        for table in &file.tables {
            let source_table = pairs
                .iter()
                .find(|(_, t)| *t == table.index)
                .and_then(|(s, _)| source.tables.get(*s));
            let Some(source_table) = source_table else {
                let reason = match table.kind {
                    TableKind::NoCodes => continue,
                    TableKind::Unreadable => super::unreadable_reason(table),
                    TableKind::Codes => format!(
                        "no table of the source-language page {} has this table's codes or names",
                        source.file
                    ),
                };
                for row in &table.rows {
                    unresolved.push(unresolved_row(file, table, row, reason.clone()));
                }
                continue;
            };
            let (aligned, unmatched) = align(source_table, table);
            for &AlignedRow {
                row: row_index,
                source_row,
                ..
            } in &aligned
            {
                let row = &table.rows[row_index];
                let cells = RowCells::of(table, row);
                match record_of_row.get(&(source_index, source_table.index, source_row)) {
                    Some(&r) => {
                        let record = &mut records[r];
                        if let Some(cell) = cells.description {
                            record
                                .descriptions
                                .insert(file.locale.clone(), cell.text.clone());
                            if cell.markdown() != &*cell.text {
                                record
                                    .descriptions_markdown
                                    .insert(file.locale.clone(), cell.markdown().to_string());
                            }
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
            for &t in &unmatched {
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
            if let Some(entry) = tables
                .iter_mut()
                .find(|a| a.source_table == source_table.index)
            {
                entry.rows = aligned;
                entry.unmatched = unmatched;
            }
        }
        alignments.push(TranslationAlignment {
            source_file: offset + source_index,
            translation_file: offset + file_index,
            tables,
        });
    }
    alignments
}

/// Reads each translated table as the source table it translates where
/// its own content leaves a column's role open: each translated column is
/// matched to the source column it is by what the cells hold
/// ([`columns::match_columns`]), never by position, and takes that
/// column's role where its cells could hold it ([`columns::fits`]): a
/// translation's texts can tip the close call between two text columns
/// the other way, and an empty column says nothing of itself. Codes and
/// names are never translated, so where the code columns match, the
/// source (with all its rows) also decides how the codes are written.
/// Returns how many tables were changed.
pub fn adopt_source_roles(files: &mut [IngestedFile]) -> usize {
    /// A translated table (file, table) to read with these roles and forms.
    type Change = (usize, usize, Vec<(ColumnRole, String)>, CodeForms);
    let mut changes: Vec<Change> = Vec::new();
    for (t, translation) in files.iter().enumerate().filter(|(_, f)| !f.is_source) {
        let Some(source) = files
            .iter()
            .find(|s| s.is_source && s.document == translation.document)
        else {
            continue;
        };
        for (s_index, t_index) in pair_tables(source, translation) {
            let (Some(source_table), Some(translated)) =
                (source.tables.get(s_index), translation.tables.get(t_index))
            else {
                continue;
            };
            let (roles, forms) = roles_from_source(source_table, translated, &source.file);
            let changed = roles
                .iter()
                .zip(&translated.columns)
                .any(|((role, _), column)| *role != column.role)
                || forms != translated.forms;
            if changed {
                changes.push((t, t_index, roles, forms));
            }
        }
    }
    let changed = changes.len();
    for (file, table, roles, forms) in changes {
        if let Some(table) = files.get_mut(file).and_then(|f| f.tables.get_mut(table)) {
            for (column, (role, reason)) in table.columns.iter_mut().zip(roles) {
                if column.role != role {
                    column.role = role;
                    column.reason = reason;
                }
            }
            table.forms = forms;
        }
    }
    changed
}

/// The text of the first row's cell of logical column `column`.
fn first_cell(table: &Table, column: usize) -> Option<&str> {
    table
        .rows
        .first()
        .and_then(|row| row.cells.get(column))
        .map(|cell| cell.text.as_ref())
}

/// Why a translated column reads as `from`, the source's column.
fn borrowed_reason(from: &Column, source_file: &str) -> String {
    format!(
        "as column {} of the source table ({}): {}",
        from.source + 1,
        source_file,
        from.reason
    )
}

/// The roles (with their reasons) and code forms of `translated` read as
/// `source`, the table it translates (in file `source_file`): its own
/// where its content decides, the source's where it leaves them open.
fn roles_from_source(
    source: &Table,
    translated: &Table,
    source_file: &str,
) -> (Vec<(ColumnRole, String)>, CodeForms) {
    let own: Vec<(ColumnRole, String)> = translated
        .columns
        .iter()
        .map(|c| (c.role, c.reason.clone()))
        .collect();
    // Most translations read as their source does, column for column, and
    // write the same codes and names in the same columns: then there is
    // nothing to borrow, and matching the columns by their cells (a tenth
    // of a check's work on a corpus of translations) is not needed. The
    // first row tells the columns apart: codes and names are not
    // translated, and a column of other text is matched in full.
    let same_reading = source.columns.len() == translated.columns.len()
        && source
            .columns
            .iter()
            .zip(&translated.columns)
            .enumerate()
            .all(|(column, (s, t))| {
                s.role == t.role
                    && (s.role == ColumnRole::Description
                        || first_cell(source, column) == first_cell(translated, column))
            })
        && source.forms == translated.forms;
    if same_reading {
        return (own, translated.forms);
    }
    // Laid out as the source is (the same columns, and every column that
    // shares codes or names with one of the source's is in its place): each
    // column is read as the source's in its place, whatever its cells now
    // hold, so that a translated name (`Отказано в доступе` for
    // E_ACCESSDENIED) or a decimal written with a dash for its minus is
    // reported as the source's name or decimal, not read as a description.
    let by_values = columns::match_by_values(source, translated);
    let in_place = source.columns.len() == translated.columns.len()
        && source
            .columns
            .iter()
            .zip(&translated.columns)
            .all(|(s, t)| s.source == t.source)
        && by_values
            .iter()
            .enumerate()
            .all(|(t, s)| s.is_none_or(|s| s == t));
    if in_place {
        let roles = source
            .columns
            .iter()
            .zip(own)
            .map(|(from, (role, reason))| {
                if from.role == role {
                    (role, reason)
                } else {
                    (from.role, borrowed_reason(from, source_file))
                }
            })
            .collect();
        return (roles, source.forms);
    }
    let matched = columns::match_columns(source, translated);
    let mut roles = own.clone();
    let mut borrowed = vec![false; roles.len()];
    for (t, s) in matched.iter().enumerate() {
        let Some(from) = s.and_then(|s| source.columns.get(s)) else {
            continue;
        };
        if from.role != roles[t].0 && columns::fits(translated, t, from.role) {
            roles[t] = (from.role, borrowed_reason(from, source_file));
            borrowed[t] = true;
        }
    }
    // A column that kept a role another column took from the source (a
    // column the translation added, read as the description because its
    // text is the longest) is other text: a table has one of each.
    for t in 0..roles.len() {
        let role = roles[t].0;
        let taken_elsewhere = (0..roles.len()).any(|b| b != t && borrowed[b] && roles[b].0 == role);
        if !borrowed[t] && role != ColumnRole::Other && taken_elsewhere {
            roles[t] = (
                ColumnRole::Other,
                format!(
                    "the source table ({source_file}) has its {} in another column",
                    role.as_str()
                ),
            );
        }
    }
    // Every role the translation's content found must still be read
    // somewhere (a code column that matched a source column of other
    // codes, with no column to take the code's role): else the table is
    // read as its content says.
    let lost = own
        .iter()
        .any(|(role, _)| *role != ColumnRole::Other && !roles.iter().any(|(r, _)| r == role));
    if lost {
        return (own, translated.forms);
    }
    // The codes are the source's, written as the source writes them.
    let code_role = |forms: CodeForms| {
        if forms.decimal_codes {
            ColumnRole::Decimal
        } else {
            ColumnRole::Code
        }
    };
    let role = code_role(translated.forms);
    let translated_code = roles.iter().position(|(r, _)| *r == role);
    let same_codes = role == code_role(source.forms)
        && translated_code.is_some()
        && translated_code.and_then(|t| matched[t]) == source.column(role);
    let forms = if same_codes {
        source.forms
    } else {
        translated.forms
    };
    (roles, forms)
}
