//! Which column of a source table each column of its translation is, by
//! what the cells hold, never by position alone: a translation may write
//! its columns in another order, drop one or add one.
//!
//! Codes and names are not translated, so a translated column whose values
//! are those of a source column is that column. The columns left over hold
//! translated words, which nothing can compare across languages: those are
//! paired in the order they are written, each with the next source text
//! column its cells could be.

use rustc_hash::FxHashSet as HashSet;

use crate::ingest::Table;
use crate::ingest::shape::{Shape, brief_shape_of, lookalike_identifier};
use crate::model::ColumnRole;

/// Text compared without regard to ASCII case (codes are hex, names upper
/// case by convention). Borrowed: aligning must not copy every cell of
/// every table.
#[derive(Debug, Clone, Copy)]
pub(super) struct Caseless<'a>(pub(super) &'a str);

impl PartialEq for Caseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Caseless<'_> {}

impl std::hash::Hash for Caseless<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        // Ends the text, as `str` does, so that tuples of texts hash apart.
        state.write_u8(0xff);
    }
}

/// Cells longer than this are text, which translations translate: they
/// are not compared as values (codes and names are far shorter), so a
/// table's descriptions are never hashed.
const LONGEST_VALUE: usize = 100;

/// For each logical column of `translated`, the logical column of `source`
/// it is, if any: first by the values the two share (most shared first,
/// then the nearest), then, for the text columns left over on each side
/// (a translation's own [`is_open`] roles, or empty columns), in the order
/// they are written, each with the first source description or other
/// column left whose role its cells [`fits`]. A column added by the
/// translation, or one whose source column it dropped, stays unmatched.
pub fn match_columns(source: &Table, translated: &Table) -> Vec<Option<usize>> {
    let mut matched = match_by_values(source, translated);
    let mut taken = vec![false; source.columns.len()];
    for s in matched.iter().flatten() {
        taken[*s] = true;
    }
    // The text left over: its words are translated, so only the order of
    // the columns (and what their cells could be) tells them apart.
    for (t, column) in translated.columns.iter().enumerate() {
        if matched[t].is_some() || !(is_open(column.role) || is_empty(translated, t)) {
            continue;
        }
        let next = (0..source.columns.len()).find(|&s| {
            let role = source.columns[s].role;
            !taken[s] && is_open(role) && fits(translated, t, role)
        });
        if let Some(s) = next {
            matched[t] = Some(s);
            taken[s] = true;
        }
    }
    matched
}

/// For each logical column of `translated`, the logical column of `source`
/// that shares the most short values with it (codes and names, which
/// translations do not translate), each source column matched once; the
/// first step of [`match_columns`].
pub fn match_by_values(source: &Table, translated: &Table) -> Vec<Option<usize>> {
    let source_values = values(source);
    let translated_values = values(translated);
    let mut candidates = Vec::new();
    for (t, tv) in translated_values.iter().enumerate() {
        for (s, sv) in source_values.iter().enumerate() {
            let shared = tv.iter().filter(|v| sv.contains(v)).count();
            if shared > 0 {
                candidates.push((std::cmp::Reverse(shared), s.abs_diff(t), s, t));
            }
        }
    }
    candidates.sort_unstable();
    let mut matched: Vec<Option<usize>> = vec![None; translated.columns.len()];
    let mut taken = vec![false; source.columns.len()];
    for (_, _, s, t) in candidates {
        if matched[t].is_none() && !taken[s] {
            matched[t] = Some(s);
            taken[s] = true;
        }
    }
    matched
}

/// True for the roles that a column's content alone leaves open: which of
/// a table's text columns is the description and which are other text is
/// a close call (the most text wins), which a translation's words can tip
/// the other way. Codes, decimals and names are what the cells are.
pub fn is_open(role: ColumnRole) -> bool {
    matches!(role, ColumnRole::Description | ColumnRole::Other)
}

/// True when no cell of logical column `column` holds text.
pub fn is_empty(table: &Table, column: usize) -> bool {
    table
        .rows
        .iter()
        .filter_map(|row| row.cells.get(column))
        .all(|cell| cell.text.trim().is_empty())
}

/// True when the cells of logical column `column` of `table` could hold
/// `role`: at least half of its non-empty cells (and at least one) have
/// the shape the role needs, as roles are decided at ingest. An empty
/// column could be a description or other text (what it is, the source
/// says), nothing else: a column's codes, decimals and names are what its
/// cells hold. Any column could be other text.
pub fn fits(table: &Table, column: usize, role: ColumnRole) -> bool {
    if role == ColumnRole::Other {
        return true;
    }
    let shapes: Vec<Shape> = table
        .rows
        .iter()
        .filter_map(|row| row.cells.get(column))
        .map(|cell| match lookalike_identifier(&cell.text) {
            // A name in look-alike characters is a name.
            Some(_) => Shape::Identifier,
            None => brief_shape_of(&cell.text).shape,
        })
        .filter(|shape| *shape != Shape::Empty)
        .collect();
    if shapes.is_empty() {
        return role == ColumnRole::Description;
    }
    let holding = shapes
        .iter()
        .filter(|shape| match role {
            ColumnRole::Code => shape.has_hex(),
            ColumnRole::Decimal => shape.has_decimal(),
            ColumnRole::Name => shape.has_identifier(),
            ColumnRole::Description => **shape == Shape::Prose,
            ColumnRole::Win32 => matches!(shape, Shape::Decimal | Shape::Hex),
            ColumnRole::Other => true,
        })
        .count();
    holding > 0 && holding * 2 >= shapes.len()
}

/// The distinct short values of each logical column of `table`.
fn values(table: &Table) -> Vec<HashSet<Caseless<'_>>> {
    (0..table.columns.len())
        .map(|j| {
            table
                .rows
                .iter()
                .filter_map(|row| row.cells.get(j))
                .map(|cell| cell.text.trim())
                .filter(|text| !text.is_empty() && text.len() <= LONGEST_VALUE)
                .map(Caseless)
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::source::SourceFile;

    /// The first table of a page.
    fn table(page: &str) -> Table {
        let file = SourceFile::from_text(PathBuf::from("t.md"), "t.md".into(), page.into());
        let mut problems = Vec::new();
        let mut structure = crate::ingest::markdown::walk(&file, &mut problems);
        assert!(!structure.tables.is_empty(), "{page}");
        structure.tables.swap_remove(0)
    }

    const SOURCE: &str = "| Code | Name | Description |\n|---|---|---|\n\
        | 0x80070005 | E_ACCESSDENIED | Access is denied. |\n\
        | 0x8007000E | E_OUTOFMEMORY | Out of memory. |\n";

    #[test]
    fn swapped_columns_match_by_their_values() {
        let translated = table(
            "| Nome | Código | Descrição |\n|---|---|---|\n\
             | E_OUTOFMEMORY | 0x8007000e | Sem memória. |\n\
             | E_ACCESSDENIED | 0x80070005 | Acesso negado. |\n",
        );
        assert_eq!(
            match_columns(&table(SOURCE), &translated),
            [Some(1), Some(0), Some(2)]
        );
    }

    #[test]
    fn translated_text_left_over_matches_the_source_text_not_its_names() {
        // The names dropped: the description is the source's third column.
        let translated = table(
            "| Descrição | Código |\n|---|---|\n\
             | Acesso negado. | 0x80070005 |\n\
             | Sem memória. | 0x8007000E |\n",
        );
        assert_eq!(
            match_columns(&table(SOURCE), &translated),
            [Some(2), Some(0)]
        );
        // A column added after the description has no source column.
        let translated = table(
            "| Código | Nome | Descrição | Notas |\n|---|---|---|---|\n\
             | 0x80070005 | E_ACCESSDENIED | Acesso negado. | Ver abaixo. |\n\
             | 0x8007000E | E_OUTOFMEMORY | Sem memória. | Ver abaixo. |\n",
        );
        assert_eq!(
            match_columns(&table(SOURCE), &translated),
            [Some(0), Some(1), Some(2), None]
        );
    }

    #[test]
    fn a_column_fits_the_roles_its_cells_could_hold() {
        let t = table(
            "| A | B | C | D |\n|---|---|---|---|\n\
             | 0x80070005 | E_ACCESSDENIED | Acesso negado. | |\n\
             | 0x8007000E | E_OUTOFMEMORY | Sem memória. | |\n",
        );
        let fitting = |column: usize| -> Vec<ColumnRole> {
            [
                ColumnRole::Code,
                ColumnRole::Decimal,
                ColumnRole::Name,
                ColumnRole::Description,
                ColumnRole::Other,
            ]
            .into_iter()
            .filter(|&role| fits(&t, column, role))
            .collect()
        };
        assert_eq!(fitting(0), [ColumnRole::Code, ColumnRole::Other]);
        assert_eq!(fitting(1), [ColumnRole::Name, ColumnRole::Other]);
        assert_eq!(fitting(2), [ColumnRole::Description, ColumnRole::Other]);
        // Empty: text of some kind, which the source says.
        assert_eq!(fitting(3), [ColumnRole::Description, ColumnRole::Other]);
        assert!(is_empty(&t, 3) && !is_empty(&t, 2));
    }
}
