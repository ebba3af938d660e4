//! Translations against their source: rows aligned by code and name (never
//! by position), protected tokens, untranslated cells, markup that carries
//! meaning, and page metadata. Also builds the coverage matrix.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use super::rules;

use super::tokens::{bold_spans, link_targets, protected_tokens};
use crate::Project;
use crate::finding::{Confidence, Finding, Fix};
use crate::ingest::{IngestedFile, Table};
use crate::model::LocaleMap;
use crate::normalize::RowCells;
use crate::normalize::translations::{Alignment, align};
use crate::source::Location;

/// How one source row stands in one translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CoverageState {
    /// Translated, and no translation finding on the row.
    Present,
    /// No row for it in the translation.
    Missing,
    /// There, but with a translation finding.
    Differs,
}

/// One source row across the locales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageRow {
    /// The code as written in the source.
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

/// Runs the translation rules; returns the findings and the coverage.
pub fn check(project: &Project, out: &mut Vec<Finding>) -> Vec<Coverage> {
    let mut coverage = Vec::new();
    for source in project.files.iter().filter(|f| f.is_source) {
        let translations: Vec<&IngestedFile> = project
            .files
            .iter()
            .filter(|f| !f.is_source && f.document == source.document)
            .collect();
        if translations.is_empty() {
            continue;
        }
        let mut matrix = Coverage {
            document: source.document.to_string(),
            locales: translations.iter().map(|t| t.locale.to_string()).collect(),
            counts: BTreeMap::new(),
            rows: Vec::new(),
        };
        // Source rows by (table, row) -> index in matrix.rows.
        let mut index = BTreeMap::new();
        for table in source.tables.iter().filter(|t| t.is_understood()) {
            for (r, row) in table.rows.iter().enumerate() {
                let cells = RowCells::of(table, row);
                index.insert((table.index, r), matrix.rows.len());
                let reading = crate::model::HResult::read(cells.code_text());
                matrix.rows.push(CoverageRow {
                    // Canonical where the text gives a value, so the rows
                    // join with the records; as written otherwise.
                    code: reading
                        .value
                        .map_or_else(|| cells.code_text().to_string(), |v| v.to_string()),
                    name: cells.name_text().to_string(),
                    states: LocaleMap::with_capacity(translations.len()),
                });
            }
        }
        // What each source description says, worked out once for all the
        // translations.
        let mut source_facts: BTreeMap<usize, Vec<SourceFacts>> = BTreeMap::new();
        for translation in &translations {
            metadata(source, translation, out);
            let pairs = crate::normalize::translations::pair_tables(source, translation);
            for table in source.tables.iter().filter(|t| t.is_understood()) {
                let translated = pairs
                    .iter()
                    .find(|(s, _)| *s == table.index)
                    .and_then(|(_, t)| translation.tables.get(*t));
                let states = match translated {
                    Some(translated) => {
                        let facts = source_facts.entry(table.index).or_insert_with(|| {
                            table
                                .rows
                                .iter()
                                .map(|row| SourceFacts::of(RowCells::of(table, row).description))
                                .collect()
                        });
                        compare_table(source, table, facts, translation, translated, out)
                    }
                    None => {
                        out.push(Finding::new(
                            &rules::TRANSLATION_ROW_MISSING,
                            translation
                                .tables
                                .last()
                                .map_or_else(|| location(translation, 1), |t| t.location.clone()),
                            format!(
                                "the translation has no table matching table {} of {} (\"{}\", {} rows)",
                                table.index + 1,
                                source.file,
                                table.section(),
                                table.rows.len()
                            ),
                        ));
                        vec![CoverageState::Missing; table.rows.len()]
                    }
                };
                for (r, state) in states.into_iter().enumerate() {
                    if let Some(&i) = index.get(&(table.index, r)) {
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
        coverage.push(matrix);
    }
    coverage
}

fn location(file: &IngestedFile, line: usize) -> Location {
    Location {
        file: file.file.as_ref().into(),
        line,
        column: 1,
    }
}

fn source_place(source: &IngestedFile, cells: &RowCells) -> String {
    format!("{}:{}", source.file, cells.code_location().line)
}

/// Compares one translated table with its source table; returns the state
/// of each source row.
fn compare_table(
    source: &IngestedFile,
    table: &Table,
    facts: &[SourceFacts],
    translation: &IngestedFile,
    translated: &Table,
    out: &mut Vec<Finding>,
) -> Vec<CoverageState> {
    let mut states = vec![CoverageState::Missing; table.rows.len()];
    let (aligned, extra) = align(table, translated);
    let mut matched = vec![None; table.rows.len()];
    for pair in &aligned {
        matched[pair.source_row] = Some(pair.row);
    }

    // Rows in a different order: the aligned rows not on the longest run
    // that keeps the source order.
    let order: Vec<usize> = aligned.iter().map(|p| p.source_row).collect();
    let in_order = longest_increasing(&order);
    for (k, pair) in aligned.iter().enumerate() {
        let source_cells = RowCells::of(table, &table.rows[pair.source_row]);
        let cells = RowCells::of(translated, &translated.rows[pair.row]);
        let before = out.len();
        if !in_order.contains(&k) {
            out.push(
                Finding::new(
                    &rules::TRANSLATION_ROW_ORDER,
                    cells.code_location(),
                    format!(
                        "row {} {} is out of the source's order: in {} it is row {} of the table",
                        cells.code_text(),
                        cells.name_text(),
                        source_place(source, &source_cells),
                        pair.source_row + 1
                    ),
                )
                .about(None, Some(cells.name_text()))
                .with_related(source_cells.code_location(), "the source row"),
            );
        }
        key_mismatch(source, &source_cells, &cells, pair.by, out);
        if let Some(facts) = facts.get(pair.source_row) {
            description(source, translation, facts, &source_cells, &cells, out);
        }
        states[pair.source_row] = if out.len() > before {
            CoverageState::Differs
        } else {
            CoverageState::Present
        };
    }

    for (r, m) in matched.iter().enumerate() {
        if m.is_some() {
            continue;
        }
        let source_cells = RowCells::of(table, &table.rows[r]);
        // Place it after the translated row of the previous source row.
        let anchor = (0..r).rev().find_map(|p| matched[p]).map_or_else(
            || translated.location.clone(),
            |t| translated.rows[t].location.clone(),
        );
        out.push(
            Finding::new(
                &rules::TRANSLATION_ROW_MISSING,
                anchor,
                format!(
                    "the row for {} {} ({}) is missing from the translation; it belongs after this row",
                    source_cells.code_text(),
                    source_cells.name_text(),
                    source_place(source, &source_cells)
                ),
            )
            .about(None, Some(source_cells.name_text()))
            .with_related(source_cells.code_location(), "the source row"),
        );
    }
    for t in extra {
        let cells = RowCells::of(translated, &translated.rows[t]);
        out.push(
            Finding::new(
                &rules::TRANSLATION_ROW_EXTRA,
                cells.code_location(),
                format!(
                    "row {} {} has no row with its code or name in the source {}; remove it, or add it to the source first",
                    cells.code_text(),
                    cells.name_text(),
                    source.file
                ),
            )
            .about(None, Some(cells.name_text())),
        );
    }
    states
}

/// Indices (into `values`) of one longest strictly increasing subsequence.
fn longest_increasing(values: &[usize]) -> std::collections::BTreeSet<usize> {
    let n = values.len();
    // Most translations keep the source's order: the whole sequence.
    if values.windows(2).all(|w| w[0] < w[1]) {
        return (0..n).collect();
    }
    let mut length = vec![1usize; n];
    let mut previous = vec![usize::MAX; n];
    // Quadratic, but tables are hundreds of rows and this runs only on
    // translations.
    for i in 0..n {
        for j in 0..i {
            if values[j] < values[i] && length[j] + 1 > length[i] {
                length[i] = length[j] + 1;
                previous[i] = j;
            }
        }
    }
    let mut keep = std::collections::BTreeSet::new();
    let Some(mut at) = (0..n).max_by_key(|&i| (length[i], std::cmp::Reverse(i))) else {
        return keep;
    };
    loop {
        keep.insert(at);
        if previous[at] == usize::MAX {
            break;
        }
        at = previous[at];
    }
    keep
}

/// A code or name that differs from the source row it was aligned with.
fn key_mismatch(
    source: &IngestedFile,
    source_cells: &RowCells,
    cells: &RowCells,
    by: Alignment,
    out: &mut Vec<Finding>,
) {
    let (field, written, expected, location) = match by {
        Alignment::CodeAndName => return,
        Alignment::Name => (
            "code",
            cells.code_text(),
            source_cells.code_text(),
            cells.code_location(),
        ),
        Alignment::Code => (
            "name",
            cells.name_text(),
            source_cells.name_text(),
            cells
                .name
                .map_or_else(|| cells.code_location(), |c| c.location.clone()),
        ),
    };
    if written.eq_ignore_ascii_case(expected) {
        return;
    }
    out.push(
        Finding::new(
            &rules::TRANSLATION_KEY_MISMATCH,
            location,
            format!(
                "the {field} `{written}` differs from the source row ({}), which has `{expected}`; codes and symbolic names are never translated",
                source_place(source, source_cells)
            ),
        )
        .about(None, Some(source_cells.name_text()))
        .with_related(source_cells.code_location(), "the source row")
        .with_fix(Fix {
            field: field.into(),
            from: written.to_string(),
            to: expected.to_string(),
            confidence: Confidence::High,
            evidence: vec![format!(
                "the row matches the source row by its {}, and the source writes `{expected}`",
                if field == "code" { "name" } else { "code" }
            )],
        }),
    );
}

/// What a source description holds that its translations must keep.
struct SourceFacts<'a> {
    tokens: Vec<Cow<'a, str>>,
    /// At least two words of three letters or more: text a translation
    /// would change.
    has_words: bool,
    links: usize,
    bold: Vec<String>,
}

impl<'a> SourceFacts<'a> {
    fn of(cell: Option<&'a crate::ingest::Cell>) -> Self {
        match cell {
            Some(cell) => SourceFacts {
                tokens: protected_tokens(&cell.text, cell.markdown()),
                has_words: cell
                    .text
                    .split_whitespace()
                    .filter(|w| {
                        w.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !w.contains('_')
                    })
                    .count()
                    >= 2,
                links: link_targets(cell.markdown()).len(),
                bold: bold_spans(cell.markdown()),
            },
            None => SourceFacts {
                tokens: Vec::new(),
                has_words: false,
                links: 0,
                bold: Vec::new(),
            },
        }
    }
}

/// Protected tokens, untranslated text and meaningful markup of one
/// description.
fn description(
    source: &IngestedFile,
    translation: &IngestedFile,
    facts: &SourceFacts,
    source_cells: &RowCells,
    cells: &RowCells,
    out: &mut Vec<Finding>,
) {
    let (Some(src), Some(dst)) = (source_cells.description, cells.description) else {
        return;
    };
    if dst.text.trim().is_empty() {
        // description-empty reports it.
        return;
    }
    // Only a finding needs the source's place, and most rows have none.
    let place = || source_place(source, source_cells);
    let name = source_cells.name_text();
    let src_tokens = &facts.tokens;
    let dst_tokens = protected_tokens(&dst.text, dst.markdown());
    if *src_tokens != dst_tokens {
        let missing = difference(src_tokens, &dst_tokens);
        let added = difference(&dst_tokens, src_tokens);
        let mut parts = Vec::new();
        if !missing.is_empty() {
            parts.push(format!("lost {}", quote_all(&missing)));
        }
        if !added.is_empty() {
            parts.push(format!(
                "has {} that the source does not",
                quote_all(&added)
            ));
        }
        out.push(
            Finding::new(
                &rules::TRANSLATION_TOKEN_MISMATCH,
                dst.location.clone(),
                format!(
                    "the {} description of {name} {}; identifiers, numbers, codes and links must match the source ({})",
                    translation.locale,
                    parts.join(" and "),
                    place()
                ),
            )
            .about(None, Some(name))
            .with_related(src.location.clone(), "the source description"),
        );
    }
    if facts.has_words && dst.text.trim() == src.text.trim() {
        out.push(
            Finding::new(
                &rules::TRANSLATION_UNTRANSLATED,
                dst.location.clone(),
                format!(
                    "the {} description of {name} is the source text, untranslated ({})",
                    translation.locale,
                    place()
                ),
            )
            .about(None, Some(name))
            .with_related(src.location.clone(), "the source description"),
        );
    }
    // Markup that carries meaning: links, and bold around identifiers.
    let src_links = facts.links;
    let dst_links = link_targets(dst.markdown()).len();
    let mut lost = Vec::new();
    if dst_links < src_links {
        lost.push(format!("{} link(s)", src_links - dst_links));
    }
    // Parsing the translation's bold spans is needed only when the source
    // has some.
    let dst_bold = if facts.bold.is_empty() {
        Vec::new()
    } else {
        bold_spans(dst.markdown())
    };
    for bold in &facts.bold {
        let is_identifier = bold.contains('_') && !bold.contains(' ');
        if is_identifier && dst.text.contains(bold.as_str()) && !dst_bold.contains(bold) {
            lost.push(format!("the bold around `{bold}`"));
        }
    }
    if !lost.is_empty() {
        out.push(
            Finding::new(
                &rules::TRANSLATION_MARKUP_LOST,
                dst.location.clone(),
                format!(
                    "the {} description of {name} lost {} that the source has ({})",
                    translation.locale,
                    lost.join(" and "),
                    place()
                ),
            )
            .about(None, Some(name))
            .with_related(src.location.clone(), "the source description"),
        );
    }
}

fn difference<'t>(a: &[Cow<'t, str>], b: &[Cow<'t, str>]) -> Vec<Cow<'t, str>> {
    let mut rest = b.to_vec();
    let mut out = Vec::new();
    for token in a {
        if let Some(i) = rest.iter().position(|t| t == token) {
            rest.remove(i);
        } else {
            out.push(token.clone());
        }
    }
    out
}

fn quote_all(tokens: &[Cow<str>]) -> String {
    tokens
        .iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The anchor GitHub and docs sites give a heading: lower case, each space
/// a hyphen, letters, digits, `-` and `_` kept, everything else dropped.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// Page metadata: the front matter's locale, the title heading's anchor,
/// and the links outside tables.
fn metadata(source: &IngestedFile, translation: &IngestedFile, out: &mut Vec<Finding>) {
    let front = &translation.front_matter;
    if let Some(declared) = front.get_str("ms.contentlocale")
        && !declared.eq_ignore_ascii_case(&translation.locale)
    {
        let line = front
            .key_lines
            .get("ms.contentlocale")
            .copied()
            .unwrap_or(1);
        out.push(
            Finding::new(
                &rules::TRANSLATION_METADATA,
                location(translation, line),
                format!(
                    "front matter says ms.contentlocale: {declared}, but the file is the {} translation",
                    translation.locale
                ),
            )
            .with_fix(Fix {
                field: "ms.contentlocale".into(),
                from: declared.to_string(),
                to: translation.locale.to_string(),
                confidence: Confidence::High,
                evidence: vec![format!("the file is named for {}", translation.locale)],
            }),
        );
    }
    if let (Some(src_heading), Some(dst_heading)) =
        (source.headings.first(), translation.headings.first())
    {
        let expected = src_heading
            .anchor
            .clone()
            .unwrap_or_else(|| slug(&src_heading.text));
        if let Some(anchor) = &dst_heading.anchor
            && *anchor != expected
        {
            out.push(
                Finding::new(
                    &rules::TRANSLATION_METADATA,
                    dst_heading.location.clone(),
                    format!(
                        "the title's anchor `{anchor}` differs from the source's `{expected}` ({}:{}); links to the page's sections break",
                        source.file, src_heading.location.line
                    ),
                )
                .with_fix(Fix {
                    field: "anchor".into(),
                    from: anchor.clone(),
                    to: expected,
                    confidence: Confidence::High,
                    evidence: vec!["anchors are kept from the source so that links work in every language".into()],
                }),
            );
        }
    }
    let outside_tables = |file: &IngestedFile| -> Vec<(String, Location)> {
        let first_table = file.tables.first().map_or(usize::MAX, |t| t.location.line);
        file.links
            .iter()
            .filter(|(_, l)| l.line < first_table)
            .cloned()
            .collect()
    };
    let src_links = outside_tables(source);
    let dst_links = outside_tables(translation);
    for (k, (target, src_location)) in src_links.iter().enumerate() {
        if dst_links.iter().any(|(t, _)| t == target) {
            continue;
        }
        let (at, shown) = match dst_links.get(k) {
            Some((t, l)) => (
                l.clone(),
                format!("links to `{t}` where the source links to `{target}`"),
            ),
            None => (
                translation
                    .headings
                    .first()
                    .map_or_else(|| location(translation, 1), |h| h.location.clone()),
                format!("has no link to `{target}`, which the source's introduction has"),
            ),
        };
        out.push(
            Finding::new(
                &rules::TRANSLATION_METADATA,
                at,
                format!(
                    "the introduction {shown} ({}:{})",
                    src_location.file, src_location.line
                ),
            )
            .with_related(src_location.clone(), "the source link"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_order() {
        assert_eq!(
            slug("Software update agent error codes and descriptions in Microsoft Intune"),
            "software-update-agent-error-codes-and-descriptions-in-microsoft-intune"
        );
        let keep = longest_increasing(&[0, 1, 3, 2, 4]);
        assert_eq!(keep.len(), 4);
        assert!(!keep.contains(&2) || !keep.contains(&3));
    }
}
