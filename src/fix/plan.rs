//! From findings to edits: which fixes apply, where each one is written,
//! the same fix in the translations, and edits that do not overlap.

use std::collections::{BTreeMap, HashMap};
use std::ops::{Range, RangeInclusive};

use super::locate::{Syntax, replacements};
use super::{Edit, padding};
use crate::diagnostic::{Applicability, Finding, Fix, Replacement};
use crate::ingest::{Cell, IngestedFile, Table};
use crate::model::{ColumnRole, TableFormat};
use crate::normalize::{RowCells, TranslationAlignment};
use crate::source::{Location, SourceFile};

/// Which fixes to apply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Unsafe fixes too, not only safe ones (display-only fixes never).
    pub unsafe_fixes: bool,
    /// Only the fixes of these rules; every rule's when empty.
    pub rules: Vec<String>,
}

impl Selection {
    fn has_rule(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| r == rule)
    }
}

/// What a plan is made from: what the stages read, and the findings.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    /// Every ingested file.
    pub files: &'a [IngestedFile],
    /// The text of each, in the same order.
    pub sources: &'a [&'a SourceFile],
    /// How each translation was joined to its source.
    pub alignments: &'a [TranslationAlignment],
    /// The findings (suppressed ones already left out).
    pub findings: &'a [Finding],
}

/// A fix that the plan applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFix {
    /// The rule whose finding suggests it.
    pub rule: &'static str,
    /// How far it may be trusted.
    pub applicability: Applicability,
    /// Where it changes the file.
    pub location: Location,
    /// The field changed.
    pub field: String,
    /// The text as it was.
    pub from: String,
    /// The text as it is now.
    pub to: String,
    /// For the same fix made in a translation: where the source row is.
    pub translation_of: Option<Location>,
}

/// A fix the plan could not apply, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// The rule whose finding suggests it.
    pub rule: &'static str,
    /// Where the finding puts it.
    pub location: Location,
    /// The fix.
    pub fix: Fix,
    /// Why it was not applied.
    pub reason: String,
}

/// The edits of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePlan {
    /// The file's index among the ingested files.
    pub file: usize,
    /// The edits, sorted, not overlapping.
    pub edits: Vec<Edit>,
    /// The fixes they make.
    pub fixes: Vec<AppliedFix>,
}

/// What one round of fixing does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Per file with edits, in file order.
    pub files: Vec<FilePlan>,
    /// Selected fixes that could not be applied.
    pub unplaced: Vec<Unplaced>,
    /// Unsafe fixes left out because unsafe fixes were not asked for.
    pub unsafe_left: usize,
    /// Fixes left out because an inline suppression covers their row.
    pub suppressed: usize,
}

impl Plan {
    /// True when the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// One fix to place: the finding's rule, where the fix is, and the fix.
#[derive(Clone, Copy)]
struct Wanted<'a> {
    rule: &'static str,
    location: &'a Location,
    fix: &'a Fix,
}

/// A cell of a table row: (file, table, row, column), indices.
type CellKey = (usize, usize, usize, usize);

/// Where one edit is: a cell of a pipe table (whose padding may need
/// adjusting), or anywhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// In a cell of the pipe table of this index of the file.
    PipeTable(usize),
    /// Elsewhere.
    Other,
}

/// The edits of one file so far (by where they start; they do not
/// overlap), each with its place, and the fixes they make.
#[derive(Default)]
struct FileEdits {
    edits: BTreeMap<usize, (Edit, Place)>,
    fixes: Vec<AppliedFix>,
}

/// How an edit meets the edits of its file so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clash {
    /// It touches none of their bytes.
    None,
    /// One of them is the same edit.
    Same,
    /// It touches bytes one of them changes (or inserts where one of them
    /// does: their order would be a guess).
    Overlaps,
}

impl FileEdits {
    fn clash(&self, edit: &Edit) -> Clash {
        let Range { start, end } = edit.range;
        if let Some((existing, _)) = self.edits.get(&start) {
            return if existing == edit {
                Clash::Same
            } else {
                Clash::Overlaps
            };
        }
        let before = self
            .edits
            .range(..start)
            .next_back()
            .is_some_and(|(_, (e, _))| e.range.end > start);
        let after = self
            .edits
            .range(start..)
            .next()
            .is_some_and(|(&next, _)| next < end);
        if before || after {
            Clash::Overlaps
        } else {
            Clash::None
        }
    }
}

/// The edits one fix makes, in one file.
struct Placed<'a> {
    file: usize,
    edits: Vec<Edit>,
    place: Place,
    fix: AppliedFix,
    /// The fix as the finding suggests it.
    suggested: &'a Fix,
}

/// The fixes of one finding, as places and fixes: its own, and those of
/// the rows it sums up.
fn fixes_of(finding: &Finding) -> impl Iterator<Item = Wanted<'_>> {
    let own = finding.fix.iter().map(|fix| (&finding.location, fix));
    let rows = finding
        .related
        .iter()
        .filter_map(|r| r.fix.as_ref().map(|fix| (&r.location, fix)));
    own.chain(rows).map(|(location, fix)| Wanted {
        rule: finding.rule,
        location,
        fix,
    })
}

/// Plans one round: for each fix `selection` takes, the edits that make it,
/// and the same fix in the translations whose row says the same wrong
/// thing. A fix whose edits would overlap another's waits for the next
/// round (by then the check may no longer suggest it).
pub fn plan(input: PlanInput, selection: &Selection) -> Plan {
    let mut result = Plan::default();
    let mut wanted = Vec::new();
    for finding in input.findings.iter().filter(|f| selection.has_rule(f.rule)) {
        for want in fixes_of(finding) {
            match want.fix.applicability {
                Applicability::DisplayOnly => {}
                Applicability::Unsafe if !selection.unsafe_fixes => result.unsafe_left += 1,
                _ => wanted.push(want),
            }
        }
    }
    if wanted.is_empty() {
        return result;
    }
    let placer = Placer::new(input, &wanted);
    let mut placed = Vec::new();
    for want in &wanted {
        match placer.place(want) {
            Ok(Some(edits)) => placed.extend(edits),
            Ok(None) => result.suppressed += 1,
            Err(reason) => result.unplaced.push(Unplaced {
                rule: want.rule,
                location: want.location.clone(),
                fix: want.fix.clone(),
                reason,
            }),
        }
    }
    let per_file = merge(placed, &mut result.unplaced);
    result.files = finish(input, per_file);
    result
}

/// The replacements each finding's fix makes, by finding (its own fix, and
/// those of the rows it sums up; in its file and in the translations that
/// say the same wrong thing), for reports that carry fixes (SARIF). A
/// display-only fix makes none (errdocs never applies it), nor does one
/// that cannot be placed or whose row an inline suppression covers.
pub fn replacements_by_finding(input: PlanInput) -> Vec<Vec<Replacement>> {
    let wanted: Vec<Vec<Wanted>> = input
        .findings
        .iter()
        .map(|finding| {
            fixes_of(finding)
                .filter(|w| w.fix.applicability != Applicability::DisplayOnly)
                .collect()
        })
        .collect();
    let all: Vec<Wanted> = wanted.iter().flatten().cloned().collect();
    if all.is_empty() {
        return vec![Vec::new(); input.findings.len()];
    }
    let placer = Placer::new(input, &all);
    wanted
        .iter()
        .map(|wanted| {
            let placed: Vec<Placed> = wanted
                .iter()
                .filter_map(|want| placer.place(want).ok().flatten())
                .flatten()
                .collect();
            let mut ignored = Vec::new();
            finish(input, merge(placed, &mut ignored))
                .into_iter()
                .flat_map(|plan| {
                    let source = input.sources[plan.file];
                    plan.edits.into_iter().map(move |edit| Replacement {
                        start: source.location(edit.range.start),
                        end: source.location(edit.range.end),
                        text: edit.text,
                    })
                })
                .collect()
        })
        .collect()
}

/// Places fixes: their files, and the cells of those files by where they
/// start.
struct Placer<'a> {
    input: PlanInput<'a>,
    by_path: HashMap<&'a str, usize>,
    cells: CellIndex,
}

impl<'a> Placer<'a> {
    fn new(input: PlanInput<'a>, wanted: &[Wanted]) -> Self {
        let by_path: HashMap<&str, usize> = input
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.file.as_ref(), i))
            .collect();
        let cells = CellIndex::of(
            input,
            wanted
                .iter()
                .filter_map(|w| by_path.get(&*w.location.file).copied()),
        );
        Placer {
            input,
            by_path,
            cells,
        }
    }

    /// The edits of one fix, and of the same fix in the translations;
    /// `None` when an inline suppression covers its row.
    fn place<'w>(&self, want: &Wanted<'w>) -> Result<Option<Vec<Placed<'w>>>, String> {
        let Some(&file) = self.by_path.get(&*want.location.file) else {
            return Err("the file is not one of the documents".into());
        };
        if is_suppressed(&self.input.files[file], want.rule, want.location.line) {
            return Ok(None);
        }
        let (first, cell) = place(self.input, &self.cells, file, want)?;
        let translations = match cell {
            Some(cell) => in_translations(self.input, cell, want, &first.fix.location),
            None => Vec::new(),
        };
        let mut placed = vec![first];
        placed.extend(translations);
        Ok(Some(placed))
    }
}

/// The edits of the placed fixes, per file, in order; a fix whose edits
/// overlap another's different edits is left out (for the next round), and
/// said in `unplaced`.
fn merge(placed: Vec<Placed>, unplaced: &mut Vec<Unplaced>) -> BTreeMap<usize, FileEdits> {
    let mut per_file: BTreeMap<usize, FileEdits> = BTreeMap::new();
    for p in placed {
        let file = per_file.entry(p.file).or_default();
        let clashes: Vec<Clash> = p.edits.iter().map(|e| file.clash(e)).collect();
        if clashes.contains(&Clash::Overlaps) {
            unplaced.push(Unplaced {
                rule: p.fix.rule,
                location: p.fix.location.clone(),
                fix: p.suggested.clone(),
                reason: "another fix changes the same text; run errdocs fix again".into(),
            });
            continue;
        }
        // The same edits, made for another finding (a translation's own
        // finding and the source's fix carried to it), are one fix.
        if clashes.iter().all(|c| *c == Clash::Same) {
            continue;
        }
        for (edit, clash) in p.edits.into_iter().zip(clashes) {
            if clash == Clash::None {
                file.edits.insert(edit.range.start, (edit, p.place));
            }
        }
        file.fixes.push(p.fix);
    }
    per_file
}

/// Each file's edits, sorted, those in pipe tables with the padding that
/// keeps aligned columns aligned.
fn finish(input: PlanInput, per_file: BTreeMap<usize, FileEdits>) -> Vec<FilePlan> {
    let mut files = Vec::new();
    for (file, FileEdits { edits, fixes }) in per_file {
        let source = input.sources[file];
        let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
        let mut tables: BTreeMap<usize, Vec<Edit>> = BTreeMap::new();
        for (edit, place) in edits.into_values() {
            match place {
                Place::PipeTable(table) => tables.entry(table).or_default().push(edit),
                Place::Other => out.push(edit),
            }
        }
        for (table, edits) in tables {
            match input.files[file].tables.get(table).map(table_lines) {
                Some(lines) => out.extend(padding::keep_aligned(source, lines, edits)),
                None => out.extend(edits),
            }
        }
        out.sort_by_key(|e| (e.range.start, e.range.end));
        out.retain(|e| !(e.range.is_empty() && e.text.is_empty()));
        if !out.is_empty() {
            files.push(FilePlan {
                file,
                edits: out,
                fixes,
            });
        }
    }
    files
}

/// True when an inline suppression of `file` silences `rule` on `line`.
fn is_suppressed(file: &IngestedFile, rule: &str, line: usize) -> bool {
    file.suppressions.iter().any(|s| {
        (s.first_line..=s.last_line).contains(&line)
            && (s.rules.is_empty() || s.rules.iter().any(|r| r == rule))
    })
}

/// The lines of a table, its header to its last row.
fn table_lines(table: &Table) -> RangeInclusive<usize> {
    let first = table.location.line;
    let last = table.last_row_line().unwrap_or(first + 1);
    first..=last.max(first)
}

/// The cells of some files by where they start.
struct CellIndex {
    at: HashMap<(usize, usize, usize), Vec<CellKey>>,
}

impl CellIndex {
    fn of(input: PlanInput, files: impl Iterator<Item = usize>) -> Self {
        let mut wanted: Vec<usize> = files.collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut at: HashMap<(usize, usize, usize), Vec<CellKey>> = HashMap::new();
        for f in wanted {
            let Some(file) = input.files.get(f) else {
                continue;
            };
            for (t, table) in file.tables.iter().enumerate() {
                for (r, row) in table.rows.iter().enumerate() {
                    for (c, cell) in row.cells.iter().enumerate() {
                        at.entry((f, cell.location.line, cell.location.column))
                            .or_default()
                            .push((f, t, r, c));
                    }
                }
            }
        }
        CellIndex { at }
    }
}

impl CellIndex {
    /// How many rows of table `table` of file `file` hold `cell` (more
    /// than one for a cell an HTML `rowspan` carries down).
    fn rows_sharing(&self, file: usize, table: usize, cell: &Cell) -> usize {
        let Some(keys) = self
            .at
            .get(&(file, cell.location.line, cell.location.column))
        else {
            return 1;
        };
        let mut rows: Vec<usize> = keys
            .iter()
            .filter(|&&(_, t, _, _)| t == table)
            .map(|&(_, _, r, _)| r)
            .collect();
        rows.dedup();
        rows.len().max(1)
    }
}

/// The cell of a row that holds `field`: by the role of its column.
fn cell_of_field<'a>(table: &'a Table, row: usize, field: &str) -> Option<&'a Cell> {
    let cells = RowCells::of(table, table.rows.get(row)?);
    match field {
        "code" => cells.code,
        "decimal" => cells.decimal,
        "name" => cells.name,
        "description" => cells.description,
        "win32" => cells.win32,
        _ => None,
    }
}

/// The role of the other column whose cells the table's names are read
/// from (the descriptions that start with them, or the codes beside
/// them), if they are read from part of one.
fn name_shares_column(table: &Table) -> Option<ColumnRole> {
    let name = table.columns.iter().find(|c| c.role == ColumnRole::Name)?;
    table
        .columns
        .iter()
        .find(|c| c.role != ColumnRole::Name && c.source == name.source)
        .map(|c| c.role)
}

fn syntax_of(table: &Table) -> Syntax {
    match table.format {
        TableFormat::Html => Syntax::Html,
        TableFormat::Markdown | TableFormat::List => Syntax::Markdown,
    }
}

/// The edits that write `to` for `from` in `cell`, in file offsets; empty
/// when the cell's bytes are not its source (an HTML table whose cells
/// could not be matched to its tags) or do not write `from` as plain text.
/// An empty cell is filled, where it is one written in the file.
fn edits_in_cell(source: &SourceFile, table: &Table, cell: &Cell, fix: &Fix) -> Vec<Edit> {
    let span = cell.span();
    if source.text.get(span.clone()) != Some(cell.source()) {
        return Vec::new();
    }
    if fix.from.trim().is_empty() {
        return fill(source, table, cell, &fix.to).into_iter().collect();
    }
    replacements(cell.source(), syntax_of(table), &fix.from, &fix.to)
        .into_iter()
        .map(|e| Edit {
            range: span.start + e.range.start..span.start + e.range.end,
            text: e.text,
        })
        .collect()
}

/// The edit that writes `to` in an empty cell: one written between two
/// pipes or inside a `<td>` (not the missing cell of a short row, which
/// has no place in the file), and empty but for white space. The text is
/// set off by a space on each side where the cell has room for one.
fn fill(source: &SourceFile, table: &Table, cell: &Cell, to: &str) -> Option<Edit> {
    let span = cell.span();
    let (before, after) = (&source.text[..span.start], &source.text[span.end..]);
    let written = match table.format {
        TableFormat::Markdown => before.ends_with('|') && after.starts_with('|'),
        TableFormat::Html => before.ends_with('>') && after.starts_with('<'),
        TableFormat::List => false,
    };
    if !written || !cell.text.trim().is_empty() || cell.source().contains('<') {
        return None;
    }
    let text = if cell.source().is_empty() {
        to.to_string()
    } else {
        format!(" {to} ")
    };
    Some(Edit::minimal(&source.text, span, text))
}

/// The row a fix was placed in: (file, table, row).
type PlacedCell = (usize, usize, usize);

/// Places one fix: in the cell of its field in the row at its location,
/// else in the cell at its location; where no cell is there (front matter,
/// a heading), in the rest of its line, where its text must be written
/// once.
fn place<'a>(
    input: PlanInput,
    cells: &CellIndex,
    file: usize,
    want: &Wanted<'a>,
) -> Result<(Placed<'a>, Option<PlacedCell>), String> {
    let (Some(source), Some(ingested)) = (input.sources.get(file), input.files.get(file)) else {
        return Err("the file's text is not at hand".into());
    };
    let location = want.location;
    let applied = AppliedFix {
        rule: want.rule,
        applicability: want.fix.applicability,
        location: location.clone(),
        field: want.fix.field.clone(),
        from: want.fix.from.clone(),
        to: want.fix.to.clone(),
        translation_of: None,
    };
    if let Some(keys) = cells.at.get(&(file, location.line, location.column)) {
        for &(f, t, r, c) in keys {
            let table = &ingested.tables[t];
            let own = table.rows.get(r).and_then(|row| row.cells.get(c));
            let candidates = [cell_of_field(table, r, &want.fix.field), own];
            for cell in candidates.into_iter().flatten() {
                // A cell that stands in several rows (an HTML `rowspan`)
                // holds one value for all of them: a code, decimal or name
                // made right for one row is wrong for the others, and each
                // round of fixes turned it back and forth.
                if matches!(
                    want.fix.field.as_str(),
                    "code" | "decimal" | "name" | "win32"
                ) && cells.rows_sharing(f, t, cell) > 1
                {
                    // A pipe table has no rowspan: its rows share a cell
                    // only where the code cell lists several codes.
                    let why = if table.format == TableFormat::Markdown {
                        "the row's code cell lists several codes"
                    } else {
                        "a rowspan, or a row whose code cell lists several codes"
                    };
                    return Err(format!(
                        "the {} cell stands in {} rows ({why}): a value fixed for one row would be wrong for the others; write each row its own cell",
                        want.fix.field,
                        cells.rows_sharing(f, t, cell)
                    ));
                }
                let edits = edits_in_cell(source, table, cell, want.fix);
                if edits.is_empty() {
                    continue;
                }
                let place = if table.format == TableFormat::Markdown {
                    Place::PipeTable(t)
                } else {
                    Place::Other
                };
                let fix = AppliedFix {
                    location: cell.location.clone(),
                    ..applied
                };
                return Ok((
                    Placed {
                        file: f,
                        edits,
                        place,
                        fix,
                        suggested: want.fix,
                    },
                    Some((f, t, r)),
                ));
            }
        }
        // A name read from part of another column's cell (`WU_E_X: text`
        // in the descriptions) has no cell of its own to fill where the
        // row writes none.
        let shared = keys
            .iter()
            .find_map(|&(_, t, _, _)| name_shares_column(&ingested.tables[t]));
        if want.fix.field == "name"
            && want.fix.from.is_empty()
            && let Some(role) = shared
        {
            return Err(match role {
                ColumnRole::Description => format!(
                    "the table's names are read from the start of its descriptions (`NAME: text`), and this row's description starts with none: write `{}: ` before it",
                    want.fix.to
                ),
                role => format!(
                    "the table's names are read from its {} cells, and this row's holds none: write `{}` there",
                    role.as_str(),
                    want.fix.to
                ),
            });
        }
        return Err(format!(
            "`{}` is not written as plain text in the cell (markup or an unmatched HTML table around it)",
            want.fix.from
        ));
    }
    // Front matter and headings: the rest of the line. Never in a table,
    // whose lines hold other cells.
    if ingested
        .tables
        .iter()
        .any(|t| table_lines(t).contains(&location.line))
    {
        return Err("no cell starts at the finding's place".into());
    }
    let start = source
        .offset_of(location.line, location.column)
        .ok_or_else(|| "the finding's place is not in the file".to_string())?;
    let line = source.line_text(location.line).unwrap_or("");
    let line_start = source.offset_of(location.line, 1).unwrap_or(start);
    let rest = &source.text[start..line_start + line.len()];
    // A front matter value: after its key.
    let (skip, rest) = match rest.split_once(':') {
        Some((key, value)) if key.trim() == want.fix.field => (key.len() + 1, value),
        _ => (0, rest),
    };
    let found = replacements(rest, Syntax::Markdown, &want.fix.from, &want.fix.to);
    match found.as_slice() {
        [one] => Ok((
            Placed {
                file,
                edits: vec![Edit {
                    range: start + skip + one.range.start..start + skip + one.range.end,
                    text: one.text.clone(),
                }],
                place: Place::Other,
                fix: applied,
                suggested: want.fix,
            },
            None,
        )),
        [] => Err(format!("`{}` is not written on the line", want.fix.from)),
        _ => Err(format!(
            "`{}` is written more than once on the line",
            want.fix.from
        )),
    }
}

/// True when a fix's text is a code, a number or a name, which
/// translations write as the source does: a fix of a code, a decimal or a
/// name, or a description's number or identifier (`500`, `OM_E_AU *`),
/// not a description's words.
fn is_untranslated(fix: &Fix) -> bool {
    match fix.field.as_str() {
        "code" | "decimal" | "name" | "win32" => true,
        "description" => fix.from.split_whitespace().all(|word| {
            word.is_ascii()
                && word
                    .chars()
                    .any(|c| c.is_ascii_digit() || c == '_' || c == '*')
        }),
        _ => false,
    }
}

/// The same fix in each translation of the source row it was placed in,
/// where the translated row says the same wrong thing: the cell's text is
/// the fix's (for a description, has it as a whole word) and no inline
/// suppression covers it there.
fn in_translations<'a>(
    input: PlanInput,
    (file, table, row): PlacedCell,
    want: &Wanted<'a>,
    source_location: &Location,
) -> Vec<Placed<'a>> {
    let mut out = Vec::new();
    if !input.files.get(file).is_some_and(|f| f.is_source) || !is_untranslated(want.fix) {
        return out;
    }
    for alignment in input.alignments.iter().filter(|a| a.source_file == file) {
        let translated_file = alignment.translation_file;
        let Some(translation) = input.files.get(translated_file) else {
            continue;
        };
        for tables in alignment.tables.iter().filter(|t| t.source_table == table) {
            let Some(t) = tables.translated_table else {
                continue;
            };
            let Some(translated) = translation.tables.get(t) else {
                continue;
            };
            for aligned in tables.rows.iter().filter(|a| a.source_row == row) {
                let Some(cell) = cell_of_field(translated, aligned.row, &want.fix.field) else {
                    continue;
                };
                let says_the_same =
                    want.fix.field == "description" || cell.text.trim() == want.fix.from.trim();
                if !says_the_same || is_suppressed(translation, want.rule, cell.location.line) {
                    continue;
                }
                let edits =
                    edits_in_cell(input.sources[translated_file], translated, cell, want.fix);
                if edits.is_empty() {
                    continue;
                }
                out.push(Placed {
                    file: translated_file,
                    edits,
                    place: if translated.format == TableFormat::Markdown {
                        Place::PipeTable(t)
                    } else {
                        Place::Other
                    },
                    fix: AppliedFix {
                        rule: want.rule,
                        applicability: want.fix.applicability,
                        location: cell.location.clone(),
                        field: want.fix.field.clone(),
                        from: want.fix.from.clone(),
                        to: want.fix.to.clone(),
                        translation_of: Some(source_location.clone()),
                    },
                    suggested: want.fix,
                });
            }
        }
    }
    out
}
