//! The coverage tables of a check run: which source rows each translation
//! has (present, missing, or there with a finding), and which `WU` and `OM`
//! codes have no counterpart.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashSet as HashSet;
use serde::Serialize;

use super::context::Context;
use super::counterparts::record_place;
use super::rules;
use crate::diagnostic::Finding;
use crate::ingest::IngestedFile;
use crate::model::{Family, LocaleMap, Record};
use crate::normalize::RowCells;
use crate::source::Location;

/// How one source row stands in one translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CoverageState {
    /// Translated, and no reported finding on the translated row.
    Present,
    /// No row for it in the translation.
    Missing,
    /// There, but with a reported finding.
    Differs,
}

/// One source row across the locales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageRow {
    /// The code: canonical where the text gives a value, as written
    /// otherwise.
    pub code: String,
    /// The name.
    pub name: String,
    /// State per translated locale.
    pub states: LocaleMap<CoverageState>,
}

/// The coverage matrix of one document: source rows x translated locales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The document.
    pub document: String,
    /// The translated locales.
    pub locales: Vec<String>,
    /// Counts per locale: state -> rows.
    pub counts: BTreeMap<String, BTreeMap<CoverageState, usize>>,
    /// One entry per source row.
    pub rows: Vec<CoverageRow>,
}

/// The rules whose findings sit on a translated row and make it differ
/// from its source row.
fn row_rules() -> [&'static str; 6] {
    [
        rules::name_lookalike::RULE.id,
        rules::translation_key_mismatch::RULE.id,
        rules::translation_markup_lost::RULE.id,
        rules::translation_row_order::RULE.id,
        rules::translation_token_mismatch::RULE.id,
        rules::translation_untranslated::RULE.id,
    ]
}

/// The translation coverage of every translated document. `reported` are
/// the findings as reported (rules switched off and suppressed findings
/// are not there, so they make no row differ).
pub fn translation_coverage(ctx: &Context, reported: &[Finding]) -> Vec<Coverage> {
    let row_rules = row_rules();
    // A finding that sums up many rows has them among its related places.
    let marked: HashSet<(&str, usize, usize)> = reported
        .iter()
        .filter(|f| row_rules.contains(&f.rule))
        .flat_map(|f| std::iter::once(&f.location).chain(f.related.iter().map(|r| &r.location)))
        .map(|l| (l.file.as_ref(), l.line, l.column))
        .collect();
    let is_marked = |location: &Location| {
        marked.contains(&(location.file.as_ref(), location.line, location.column))
    };
    let files = ctx.files();
    // Documents are independent: each source file's matrix on any core,
    // in corpus order.
    let sources: Vec<usize> = (0..files.len()).filter(|&i| files[i].is_source).collect();
    crate::threads::map_dynamic(&sources, |&source_index| {
        document_coverage(ctx, source_index, &is_marked)
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The coverage matrix of the document whose source-language file is
/// `files[source_index]`; `None` when it has no translation.
fn document_coverage(
    ctx: &Context,
    source_index: usize,
    is_marked: &(impl Fn(&Location) -> bool + Sync),
) -> Option<Coverage> {
    let files = ctx.files();
    let source = &files[source_index];
    let translations: Vec<_> = ctx
        .input
        .alignments
        .iter()
        .filter(|a| a.source_file == source_index)
        .collect();
    if translations.is_empty() {
        return None;
    }
    let mut matrix = Coverage {
        document: source.document.to_string(),
        locales: translations
            .iter()
            .filter_map(|a| files.get(a.translation_file))
            .map(|t| t.locale.to_string())
            .collect(),
        counts: BTreeMap::new(),
        rows: Vec::new(),
    };
    // Source rows by (table, row) -> index in matrix.rows.
    let mut index = BTreeMap::new();
    for table in source.tables.iter().filter(|t| t.is_understood()) {
        for (r, row) in table.rows.iter().enumerate() {
            let cells = RowCells::of(table, row);
            index.insert((table.index, r), matrix.rows.len());
            matrix.rows.push(CoverageRow {
                code: cells
                    .code_reading()
                    .value
                    .map_or_else(|| cells.code_text().to_string(), |v| v.to_string()),
                name: cells.name_text().to_string(),
                states: LocaleMap::with_capacity(translations.len()),
            });
        }
    }
    for alignment in &translations {
        let Some(translation) = files.get(alignment.translation_file) else {
            continue;
        };
        for table in &alignment.tables {
            let states = table_states(source, translation, table, is_marked);
            for (r, state) in states.into_iter().enumerate() {
                if let Some(&i) = index.get(&(table.source_table, r)) {
                    matrix.rows[i]
                        .states
                        .insert(translation.locale.clone(), state);
                }
            }
        }
    }
    for locale in &matrix.locales {
        let counts = matrix.counts.entry(locale.clone()).or_default();
        for row in &matrix.rows {
            if let Some(state) = row.states.get(locale) {
                *counts.entry(*state).or_default() += 1;
            }
        }
    }
    Some(matrix)
}

/// The state of each row of one source table in one translation.
fn table_states(
    source: &IngestedFile,
    translation: &IngestedFile,
    alignment: &crate::normalize::TableAlignment,
    is_marked: &impl Fn(&Location) -> bool,
) -> Vec<CoverageState> {
    let rows = source
        .tables
        .get(alignment.source_table)
        .map_or(0, |t| t.rows.len());
    let mut states = vec![CoverageState::Missing; rows];
    let Some(translated) = alignment
        .translated_table
        .and_then(|t| translation.tables.get(t))
    else {
        return states;
    };
    for aligned in &alignment.rows {
        let Some(row) = translated.rows.get(aligned.row) else {
            continue;
        };
        let cells = RowCells::of(translated, row);
        let differs = [cells.code, cells.name, cells.description]
            .into_iter()
            .flatten()
            .any(|cell| is_marked(&cell.location));
        if let Some(state) = states.get_mut(aligned.source_row) {
            *state = if differs {
                CoverageState::Differs
            } else {
                CoverageState::Present
            };
        }
    }
    states
}

/// Codes of one document with no counterpart in the dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CounterpartCoverage {
    /// The document.
    pub document: String,
    /// Its family (`WU` or `OM`).
    pub family: String,
    /// The family its counterparts would be in.
    pub counterpart_family: String,
    /// Codes with a counterpart.
    pub paired: usize,
    /// (code, name) of the codes without one.
    pub unpaired: Vec<(String, String)>,
    /// Where the document's first code table is (for the
    /// `counterpart-coverage` finding; not written).
    #[serde(skip)]
    pub location: Location,
}

/// Per document and family (`OM` first), the `WU` or `OM` codes without a
/// counterpart. Empty when the dataset lacks either family.
pub fn counterpart_coverage(ctx: &Context) -> Vec<CounterpartCoverage> {
    let counterparts = ctx.counterparts();
    let paired: BTreeSet<*const Record> = counterparts
        .pairs
        .iter()
        .flat_map(|pair| [pair.wu as *const Record, pair.om as *const Record])
        .collect();
    let mut result = Vec::new();
    for (family, other, members) in [
        (Family::Om, Family::Wu, &counterparts.om),
        (Family::Wu, Family::Om, &counterparts.wu),
    ] {
        let mut by_document: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
        for r in members {
            by_document.entry(r.document.as_ref()).or_default().push(r);
        }
        for (document, records) in by_document {
            let unpaired: Vec<&Record> = records
                .iter()
                .copied()
                .filter(|r| !paired.contains(&(*r as *const Record)))
                .collect();
            // The document's first code table; a record's row where the
            // source file has none (it always has: the records come from it).
            let location = ctx
                .first_code_table(document)
                .or_else(|| {
                    unpaired
                        .iter()
                        .chain(&records)
                        .next()
                        .map(|r| record_place(r))
                })
                .unwrap_or_else(|| Location {
                    file: "".into(),
                    line: 1,
                    column: 1,
                });
            result.push(CounterpartCoverage {
                document: document.to_string(),
                family: family.as_str().to_string(),
                counterpart_family: other.as_str().to_string(),
                paired: records.len() - unpaired.len(),
                unpaired: unpaired
                    .iter()
                    .map(|r| (r.code.to_string(), r.name.clone()))
                    .collect(),
                location,
            });
        }
    }
    result
}
