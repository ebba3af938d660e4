//! Matching two snapshots and naming what changed.
//!
//! Records are matched by document and code. Within one document and code
//! (a page may list a code twice), records of the same name pair first,
//! in row order, then the rest pair in row order: one left on each side is
//! a rename. Records still unmatched pair by document and name: the same
//! name under another code is a code change. What is left was added or
//! removed. A matched record whose row went to another table or section,
//! or out of order with the rows matched around it, moved; rows inserted
//! or removed elsewhere do not make their neighbours move (the order is
//! compared as a longest increasing subsequence per table).
//!
//! Matching is a merge of the two sorted record lists, so the cost is
//! linear after sorting; descriptions are compared for equality only here
//! (word diffs are computed when a report shows them).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::findings::FindingsDiff;
use super::snapshot::{
    Description, DocumentSnapshot, FileSnapshot, Position, RecordSnapshot, RepairSnapshot,
    Snapshot, TableSnapshot,
};
use crate::model::HResult;

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// New: no record of its document had its code or its name.
    Added,
    /// Gone: no record of its document has its code or its name.
    Removed,
    /// The same code under another name.
    Renamed,
    /// The same name under another code.
    CodeChanged,
    /// The same record in another table, section or place in its table.
    Moved,
    /// The same record, in place, with other values.
    Changed,
}

impl ChangeKind {
    /// The name written in reports (`code_changed`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Renamed => "renamed",
            ChangeKind::CodeChanged => "code_changed",
            ChangeKind::Moved => "moved",
            ChangeKind::Changed => "changed",
        }
    }
}

/// A compared field of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The code (canonical; its written form for a markup change).
    Code,
    /// The code as a signed decimal.
    Decimal,
    /// `error` or `success`, from the code.
    Severity,
    /// The facility, from the code.
    Facility,
    /// The symbolic name.
    Name,
    /// The decimal column as documented.
    DocumentedDecimal,
    /// The heading the record's table sits under.
    Section,
    /// The file, table and line of the record's row.
    Position,
    /// The mirrored WU/OM code.
    Counterpart,
    /// The values repaired from evidence.
    Repairs,
    /// One locale's description.
    Description,
}

impl Field {
    /// The name written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Decimal => "decimal",
            Field::Severity => "severity",
            Field::Facility => "facility",
            Field::Name => "name",
            Field::DocumentedDecimal => "documented_decimal",
            Field::Section => "section",
            Field::Position => "position",
            Field::Counterpart => "counterpart",
            Field::Repairs => "repairs",
            Field::Description => "description",
        }
    }
}

/// How a field or document item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    /// Another value.
    Value,
    /// A description's text changed (a word diff shows how).
    Text,
    /// Only the markup changed (`\*` to `*`, bold, an entity, the written
    /// form of a code): the text is the same.
    Markup,
    /// Present only after.
    Added,
    /// Present only before.
    Removed,
}

impl Edit {
    /// The name written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Edit::Value => "value",
            Edit::Text => "text",
            Edit::Markup => "markup",
            Edit::Added => "added",
            Edit::Removed => "removed",
        }
    }
}

/// One field of one record, before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange<'s> {
    /// Which field.
    pub field: Field,
    /// The locale, for a description.
    pub locale: Option<&'s str>,
    /// How it changed.
    pub edit: Edit,
    /// Before (`None` when added). Plain text for a text change, Markdown
    /// for a markup change.
    pub from: Option<Cow<'s, str>>,
    /// After (`None` when removed).
    pub to: Option<Cow<'s, str>>,
}

/// What happened to one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordChange<'s> {
    /// The document's id.
    pub document: &'s str,
    /// The code (the new one, for a code change; the old one when removed).
    pub code: HResult,
    /// The name (the new one, for a rename; the old one when removed).
    pub name: &'s str,
    /// What happened: for a record that changed in several ways, the first
    /// of code change, rename, move, change. `fields` lists every field.
    pub kind: ChangeKind,
    /// Every field that differs; for an added or removed record, its
    /// descriptions.
    pub fields: Vec<FieldChange<'s>>,
}

/// A translation whose text stayed the same while the source-language
/// text it translates changed: what a localization manager hands to
/// translators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleTranslation<'s> {
    /// The document's id.
    pub document: &'s str,
    /// The record's code (after the change).
    pub code: HResult,
    /// The record's name (after the change).
    pub name: &'s str,
    /// The translation's locale.
    pub locale: &'s str,
    /// The document's source locale.
    pub source_locale: &'s str,
    /// The source text before.
    pub source_from: &'s str,
    /// The source text after.
    pub source_to: &'s str,
    /// The translation, unchanged.
    pub translation: &'s str,
}

/// What a document-level item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentAspect {
    /// The document's title.
    Title,
    /// The document's source locale.
    SourceLocale,
    /// A locale file (added or removed; from/to are its path).
    Locale,
    /// One front matter key of a locale file.
    FrontMatter,
    /// One table of a locale file (from/to summarize it).
    Table,
    /// The count of rows that did not become records.
    UnresolvedRows,
}

impl DocumentAspect {
    /// The name written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentAspect::Title => "title",
            DocumentAspect::SourceLocale => "source_locale",
            DocumentAspect::Locale => "locale",
            DocumentAspect::FrontMatter => "front_matter",
            DocumentAspect::Table => "table",
            DocumentAspect::UnresolvedRows => "unresolved_rows",
        }
    }
}

/// One document-level change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentItem<'s> {
    /// What changed.
    pub aspect: DocumentAspect,
    /// The locale file it concerns, where it concerns one.
    pub locale: Option<&'s str>,
    /// The front matter key, or the table's index.
    pub key: Option<Cow<'s, str>>,
    /// Added, removed or another value.
    pub edit: Edit,
    /// Before.
    pub from: Option<Cow<'s, str>>,
    /// After.
    pub to: Option<Cow<'s, str>>,
}

/// Whether a document was added, removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentChangeKind {
    /// Only after.
    Added,
    /// Only before.
    Removed,
    /// On both sides, with document-level changes.
    Changed,
}

/// What happened to one document as a whole (its records are in
/// [`Diff::changes`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentChange<'s> {
    /// The document's id.
    pub document: &'s str,
    /// Added, removed or changed.
    pub kind: DocumentChangeKind,
    /// The document-level items, in order: title, source locale, then per
    /// locale its file, front matter keys and tables, then unresolved rows.
    pub items: Vec<DocumentItem<'s>>,
}

/// Counts of everything in a diff.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Records added.
    pub added: usize,
    /// Records removed.
    pub removed: usize,
    /// Records changed in place.
    pub changed: usize,
    /// Records renamed.
    pub renamed: usize,
    /// Records whose code changed.
    pub code_changed: usize,
    /// Records moved.
    pub moved: usize,
    /// Records matched with no change.
    pub unchanged: usize,
    /// Descriptions whose text changed (any locale).
    pub descriptions_reworded: usize,
    /// Descriptions, codes and names whose markup alone changed.
    pub markup_only: usize,
    /// Translations left stale by a source change.
    pub stale_translations: usize,
    /// Documents added.
    pub documents_added: usize,
    /// Documents removed.
    pub documents_removed: usize,
    /// Documents on both sides with document-level changes.
    pub documents_changed: usize,
    /// Locale files added.
    pub locales_added: usize,
    /// Locale files removed.
    pub locales_removed: usize,
    /// Findings introduced; `None` where they were not compared (a
    /// dataset file holds none).
    pub findings_introduced: Option<usize>,
    /// Findings fixed; `None` where they were not compared.
    pub findings_fixed: Option<usize>,
}

impl Summary {
    /// Records added, removed, renamed, with a changed code, moved or
    /// changed.
    pub fn records_changed(&self) -> usize {
        self.added + self.removed + self.renamed + self.code_changed + self.moved + self.changed
    }
}

/// What one side's change did to the dataset, compared to the other.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diff<'s> {
    /// The counts.
    pub summary: Summary,
    /// Documents added, removed or changed as a whole, sorted by id.
    pub documents: Vec<DocumentChange<'s>>,
    /// Records that changed, sorted by document, code, name and kind.
    pub changes: Vec<RecordChange<'s>>,
    /// Stale translations, sorted by document, code, name and locale.
    pub stale_translations: Vec<StaleTranslation<'s>>,
    /// Findings introduced and fixed (empty until [`Diff::with_findings`]).
    pub findings: FindingsDiff,
}

impl<'s> Diff<'s> {
    /// Adds the comparison of the two sides' findings.
    pub fn with_findings(mut self, findings: FindingsDiff) -> Self {
        self.summary.findings_introduced = Some(findings.introduced.len());
        self.summary.findings_fixed = Some(findings.fixed.len());
        self.findings = findings;
        self
    }

    /// True when nothing changed: no record, no document, no finding (what
    /// `--exit-code` tests).
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty() && self.changes.is_empty() && self.findings.is_empty()
    }

    /// The record changes of one document (a slice of [`Diff::changes`]).
    pub fn changes_of(&self, document: &str) -> &[RecordChange<'s>] {
        let start = self.changes.partition_point(|c| c.document < document);
        let end = start + self.changes[start..].partition_point(|c| c.document == document);
        &self.changes[start..end]
    }

    /// Every document with a document-level change or a record change, in
    /// order, with its document-level change where there is one.
    pub fn documents_touched(&self) -> Vec<(&'s str, Option<&DocumentChange<'s>>)> {
        let mut ids: BTreeMap<&'s str, Option<&DocumentChange<'s>>> = BTreeMap::new();
        for change in &self.changes {
            ids.entry(change.document).or_insert(None);
        }
        for document in &self.documents {
            ids.insert(document.document, Some(document));
        }
        ids.into_iter().collect()
    }
}

/// Compares two snapshots: `old` before the change, `new` after.
pub fn compare<'s>(old: &'s Snapshot, new: &'s Snapshot) -> Diff<'s> {
    let matching = match_records(&old.records, &new.records);
    let moved = moved_pairs(&old.records, &new.records, &matching.pairs);
    let mut summary = Summary::default();
    let mut changes = Vec::new();
    let mut stale_translations = Vec::new();

    for (&(o, n), &moved) in matching.pairs.iter().zip(&moved) {
        let (before, after) = (&old.records[o], &new.records[n]);
        let source_locale = source_locale(old, new, &after.document);
        let fields = record_fields(before, after, moved);
        let kind = if before.code != after.code {
            ChangeKind::CodeChanged
        } else if before.name != after.name {
            ChangeKind::Renamed
        } else if moved.any() {
            ChangeKind::Moved
        } else if !fields.is_empty() {
            ChangeKind::Changed
        } else {
            summary.unchanged += 1;
            continue;
        };
        if let Some(source_locale) = source_locale {
            stale(before, after, source_locale, &mut stale_translations);
        }
        for field in &fields {
            match field.edit {
                Edit::Text => summary.descriptions_reworded += 1,
                Edit::Markup => summary.markup_only += 1,
                _ => {}
            }
        }
        changes.push(RecordChange {
            document: &after.document,
            code: after.code,
            name: &after.name,
            kind,
            fields,
        });
    }
    for &o in &matching.removed {
        let record = &old.records[o];
        changes.push(whole_record(record, ChangeKind::Removed));
    }
    for &n in &matching.added {
        let record = &new.records[n];
        changes.push(whole_record(record, ChangeKind::Added));
    }
    for change in &changes {
        *match change.kind {
            ChangeKind::Added => &mut summary.added,
            ChangeKind::Removed => &mut summary.removed,
            ChangeKind::Renamed => &mut summary.renamed,
            ChangeKind::CodeChanged => &mut summary.code_changed,
            ChangeKind::Moved => &mut summary.moved,
            ChangeKind::Changed => &mut summary.changed,
        } += 1;
    }
    changes.sort_by(|a, b| {
        (a.document, a.code, a.name, a.kind).cmp(&(b.document, b.code, b.name, b.kind))
    });
    stale_translations.sort_by(|a, b| {
        (a.document, a.code, a.name, a.locale).cmp(&(b.document, b.code, b.name, b.locale))
    });
    summary.stale_translations = stale_translations.len();

    let documents = compare_documents(&old.documents, &new.documents);
    for document in &documents {
        *match document.kind {
            DocumentChangeKind::Added => &mut summary.documents_added,
            DocumentChangeKind::Removed => &mut summary.documents_removed,
            DocumentChangeKind::Changed => &mut summary.documents_changed,
        } += 1;
        for item in &document.items {
            match (item.aspect, item.edit) {
                (DocumentAspect::Locale, Edit::Added) => summary.locales_added += 1,
                (DocumentAspect::Locale, Edit::Removed) => summary.locales_removed += 1,
                _ => {}
            }
        }
    }
    Diff {
        summary,
        documents,
        changes,
        stale_translations,
        findings: FindingsDiff::default(),
    }
}

/// The document's source locale, when both sides agree on it.
fn source_locale<'s>(old: &Snapshot, new: &'s Snapshot, document: &str) -> Option<&'s str> {
    let after = new.document(document)?;
    let before = old.document(document)?;
    (before.source_locale == after.source_locale).then_some(&*after.source_locale)
}

/// Which records pair up, and which are left on each side.
struct Matching {
    /// (old index, new index), in new-side order.
    pairs: Vec<(usize, usize)>,
    removed: Vec<usize>,
    added: Vec<usize>,
}

/// Pairs records by document and code, then the rest by document and name.
/// Both lists are sorted by document, code, name and position.
fn match_records(old: &[RecordSnapshot], new: &[RecordSnapshot]) -> Matching {
    let mut pairs = Vec::with_capacity(old.len().min(new.len()));
    let (mut old_left, mut new_left) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < old.len() && j < new.len() {
        match key(&old[i]).cmp(&key(&new[j])) {
            std::cmp::Ordering::Less => {
                old_left.push(i);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                new_left.push(j);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                let k = key(&old[i]);
                let old_end = i + old[i..].iter().take_while(|r| key(r) == k).count();
                let new_end = j + new[j..].iter().take_while(|r| key(r) == k).count();
                pair_group(
                    old,
                    new,
                    (i..old_end).collect(),
                    (j..new_end).collect(),
                    &mut pairs,
                    &mut old_left,
                    &mut new_left,
                );
                (i, j) = (old_end, new_end);
            }
        }
    }
    old_left.extend(i..old.len());
    new_left.extend(j..new.len());

    // The same name under another code. Empty names say nothing. Names
    // are compared ignoring ASCII case: `fix` writes a name as the
    // reference spells it (`error_Invalid_HW_Profile` becomes
    // `ERROR_INVALID_HW_PROFILE`), and the record is still the same one.
    let by_name = |records: &[RecordSnapshot], left: &mut Vec<usize>| {
        left.sort_by(|&a, &b| {
            let (a, b) = (&records[a], &records[b]);
            a.document
                .cmp(&b.document)
                .then_with(|| cmp_names(&a.name, &b.name))
                .then_with(|| a.position.cmp(&b.position))
        });
    };
    by_name(old, &mut old_left);
    by_name(new, &mut new_left);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < old_left.len() && j < new_left.len() {
        let (a, b) = (&old[old_left[i]], &new[new_left[j]]);
        match a
            .document
            .cmp(&b.document)
            .then_with(|| cmp_names(&a.name, &b.name))
        {
            std::cmp::Ordering::Less => {
                removed.push(old_left[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                added.push(new_left[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal if a.name.trim().is_empty() => {
                removed.push(old_left[i]);
                added.push(new_left[j]);
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                pairs.push((old_left[i], new_left[j]));
                i += 1;
                j += 1;
            }
        }
    }
    removed.extend_from_slice(&old_left[i..]);
    added.extend_from_slice(&new_left[j..]);
    pairs.sort_by_key(|&(_, n)| n);
    Matching {
        pairs,
        removed,
        added,
    }
}

fn key(record: &RecordSnapshot) -> (&str, HResult) {
    (&record.document, record.code)
}

/// Two names in order, ignoring ASCII case.
fn cmp_names(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_uppercase())
        .cmp(b.bytes().map(|c| c.to_ascii_uppercase()))
}

/// Pairs the records of one document and code: same names first (each
/// group sorted by name, then position), then the rest in row order.
fn pair_group(
    old: &[RecordSnapshot],
    new: &[RecordSnapshot],
    old_group: Vec<usize>,
    new_group: Vec<usize>,
    pairs: &mut Vec<(usize, usize)>,
    old_left: &mut Vec<usize>,
    new_left: &mut Vec<usize>,
) {
    if let ([o], [n]) = (old_group.as_slice(), new_group.as_slice()) {
        pairs.push((*o, *n));
        return;
    }
    let (mut rest_old, mut rest_new) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < old_group.len() && j < new_group.len() {
        let (a, b) = (&old[old_group[i]], &new[new_group[j]]);
        match a.name.cmp(&b.name) {
            std::cmp::Ordering::Less => {
                rest_old.push(old_group[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                rest_new.push(new_group[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                pairs.push((old_group[i], new_group[j]));
                i += 1;
                j += 1;
            }
        }
    }
    rest_old.extend_from_slice(&old_group[i..]);
    rest_new.extend_from_slice(&new_group[j..]);
    rest_old.sort_by(|&a, &b| old[a].position.cmp(&old[b].position));
    rest_new.sort_by(|&a, &b| new[a].position.cmp(&new[b].position));
    let paired = rest_old.len().min(rest_new.len());
    pairs.extend(rest_old.iter().copied().zip(rest_new.iter().copied()));
    old_left.extend_from_slice(&rest_old[paired..]);
    new_left.extend_from_slice(&rest_new[paired..]);
}

/// How a matched record moved.
#[derive(Debug, Clone, Copy, Default)]
struct Moved {
    /// Another file or table, or out of order in its table.
    position: bool,
    /// Another section.
    section: bool,
}

impl Moved {
    fn any(self) -> bool {
        self.position || self.section
    }
}

/// For each pair, whether its record moved. Within one file and table, the
/// pairs whose rows keep their relative order (the longest such run) stay;
/// the others moved.
fn moved_pairs(
    old: &[RecordSnapshot],
    new: &[RecordSnapshot],
    pairs: &[(usize, usize)],
) -> Vec<Moved> {
    let mut moved = vec![Moved::default(); pairs.len()];
    let mut by_table: HashMap<(&str, usize), Vec<usize>> = HashMap::new();
    for (k, &(o, n)) in pairs.iter().enumerate() {
        let (before, after) = (&old[o], &new[n]);
        moved[k].section = before.section != after.section;
        match (&before.position, &after.position) {
            (Some(a), Some(b)) if a.file == b.file && a.table == b.table => {
                by_table.entry((&b.file, b.table)).or_default().push(k);
            }
            (None, None) => {}
            _ => moved[k].position = true,
        }
    }
    let line = |p: &Option<Position>| p.as_ref().map(|p| (p.line, p.column));
    for mut group in by_table.into_values() {
        group.sort_by_key(|&k| (line(&old[pairs[k].0].position), k));
        let after: Vec<_> = group
            .iter()
            .map(|&k| line(&new[pairs[k].1].position))
            .collect();
        let keep = longest_increasing(&after);
        for (at, &k) in group.iter().enumerate() {
            if !keep[at] {
                moved[k].position = true;
            }
        }
    }
    moved
}

/// Marks the items of one longest strictly increasing subsequence of
/// `items` (patience sorting, O(n log n)); among several, the one that
/// ends earliest at each length.
fn longest_increasing<T: Ord>(items: &[T]) -> Vec<bool> {
    // tails[l]: index of the smallest last item of an increasing run of
    // length l + 1; previous[i]: the item before i in its run.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; items.len()];
    for (i, item) in items.iter().enumerate() {
        let at = tails.partition_point(|&t| items[t] < *item);
        previous[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut keep = vec![false; items.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = previous[i];
    }
    keep
}

fn value<'s>(text: impl Into<Cow<'s, str>>) -> Option<Cow<'s, str>> {
    Some(text.into())
}

fn field<'s>(
    field: Field,
    edit: Edit,
    from: Option<Cow<'s, str>>,
    to: Option<Cow<'s, str>>,
) -> FieldChange<'s> {
    FieldChange {
        field,
        locale: None,
        edit,
        from,
        to,
    }
}

/// Every field that differs between two matched records.
fn record_fields<'s>(
    before: &'s RecordSnapshot,
    after: &'s RecordSnapshot,
    moved: Moved,
) -> Vec<FieldChange<'s>> {
    let mut fields = Vec::new();
    let (a, b) = (before.code, after.code);
    if a != b {
        fields.push(field(
            Field::Code,
            Edit::Value,
            value(a.to_string()),
            value(b.to_string()),
        ));
        if a.signed() != b.signed() {
            let (from, to) = (a.signed().to_string(), b.signed().to_string());
            fields.push(field(Field::Decimal, Edit::Value, value(from), value(to)));
        }
        if a.is_failure() != b.is_failure() {
            let (from, to) = (severity(a), severity(b));
            fields.push(field(Field::Severity, Edit::Value, value(from), value(to)));
        }
        if a.facility() != b.facility() {
            let (from, to) = (a.facility().to_string(), b.facility().to_string());
            fields.push(field(Field::Facility, Edit::Value, value(from), value(to)));
        }
    } else if before.raw_code != after.raw_code {
        let code = || Cow::Owned(a.to_string());
        let (from, to) = (
            before.raw_code.as_deref().map_or_else(code, Cow::Borrowed),
            after.raw_code.as_deref().map_or_else(code, Cow::Borrowed),
        );
        fields.push(field(Field::Code, Edit::Markup, Some(from), Some(to)));
    }
    if before.name != after.name {
        let (from, to) = (&*before.name, &*after.name);
        fields.push(field(Field::Name, Edit::Value, value(from), value(to)));
    } else if before.raw_name != after.raw_name {
        let (from, to) = (
            before.raw_name.as_deref().unwrap_or(&before.name),
            after.raw_name.as_deref().unwrap_or(&after.name),
        );
        fields.push(field(Field::Name, Edit::Markup, value(from), value(to)));
    }
    if before.documented_decimal != after.documented_decimal {
        let (from, to) = (
            before.documented_decimal.as_deref(),
            after.documented_decimal.as_deref(),
        );
        let edit = presence_edit(from.is_some(), to.is_some());
        fields.push(field(
            Field::DocumentedDecimal,
            edit,
            from.map(Cow::Borrowed),
            to.map(Cow::Borrowed),
        ));
    }
    if moved.section {
        let (from, to) = (&*before.section, &*after.section);
        fields.push(field(Field::Section, Edit::Value, value(from), value(to)));
    }
    if moved.position {
        let (from, to) = (
            before.position.as_ref().map(position_text),
            after.position.as_ref().map(position_text),
        );
        fields.push(field(
            Field::Position,
            Edit::Value,
            from.map(Cow::Owned),
            to.map(Cow::Owned),
        ));
    }
    if before.counterpart != after.counterpart {
        let text = |c: Option<HResult>| c.map(|c| Cow::Owned(c.to_string()));
        let edit = presence_edit(before.counterpart.is_some(), after.counterpart.is_some());
        fields.push(field(
            Field::Counterpart,
            edit,
            text(before.counterpart),
            text(after.counterpart),
        ));
    }
    if before.repairs != after.repairs {
        let (from, to) = (repairs_text(&before.repairs), repairs_text(&after.repairs));
        let edit = presence_edit(from.is_some(), to.is_some());
        fields.push(field(
            Field::Repairs,
            edit,
            from.map(Cow::Owned),
            to.map(Cow::Owned),
        ));
    }
    descriptions(&before.descriptions, &after.descriptions, &mut fields);
    fields
}

fn presence_edit(before: bool, after: bool) -> Edit {
    match (before, after) {
        (false, true) => Edit::Added,
        (true, false) => Edit::Removed,
        _ => Edit::Value,
    }
}

fn severity(code: HResult) -> &'static str {
    if code.is_failure() {
        "error"
    } else {
        "success"
    }
}

/// `file:line (table N)`.
pub(crate) fn position_text(position: &Position) -> String {
    format!(
        "{}:{} (table {})",
        position.file, position.line, position.table
    )
}

/// `field: from -> to (rule)`, joined with `; `; `None` for no repairs.
fn repairs_text(repairs: &[RepairSnapshot]) -> Option<String> {
    if repairs.is_empty() {
        return None;
    }
    let parts: Vec<String> = repairs
        .iter()
        .map(|r| format!("{}: {} -> {} ({})", r.field, r.from, r.to, r.rule))
        .collect();
    Some(parts.join("; "))
}

/// Compares two sorted description lists, locale by locale.
fn descriptions<'s>(
    before: &'s [Description],
    after: &'s [Description],
    fields: &mut Vec<FieldChange<'s>>,
) {
    let (mut i, mut j) = (0, 0);
    loop {
        let order = match (before.get(i), after.get(j)) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(a), Some(b)) => a.locale.cmp(&b.locale),
        };
        match order {
            std::cmp::Ordering::Less => {
                let a = &before[i];
                fields.push(FieldChange {
                    field: Field::Description,
                    locale: Some(&a.locale),
                    edit: Edit::Removed,
                    from: value(&*a.text),
                    to: None,
                });
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                let b = &after[j];
                fields.push(FieldChange {
                    field: Field::Description,
                    locale: Some(&b.locale),
                    edit: Edit::Added,
                    from: None,
                    to: value(&*b.text),
                });
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                let (a, b) = (&before[i], &after[j]);
                if a.text != b.text {
                    fields.push(FieldChange {
                        field: Field::Description,
                        locale: Some(&b.locale),
                        edit: Edit::Text,
                        from: value(&*a.text),
                        to: value(&*b.text),
                    });
                } else if a.markdown_or_text() != b.markdown_or_text() {
                    fields.push(FieldChange {
                        field: Field::Description,
                        locale: Some(&b.locale),
                        edit: Edit::Markup,
                        from: value(a.markdown_or_text()),
                        to: value(b.markdown_or_text()),
                    });
                }
                i += 1;
                j += 1;
            }
        }
    }
}

/// The stale translations of a matched record: its source text changed,
/// a translation present before and after did not.
fn stale<'s>(
    before: &'s RecordSnapshot,
    after: &'s RecordSnapshot,
    source_locale: &'s str,
    out: &mut Vec<StaleTranslation<'s>>,
) {
    let (Some(source_before), Some(source_after)) = (
        before.description(source_locale),
        after.description(source_locale),
    ) else {
        return;
    };
    if source_before.text == source_after.text {
        return;
    }
    for translation in &after.descriptions {
        if *translation.locale == *source_locale {
            continue;
        }
        let unchanged = before
            .description(&translation.locale)
            .is_some_and(|old| old.text == translation.text);
        if unchanged {
            out.push(StaleTranslation {
                document: &after.document,
                code: after.code,
                name: &after.name,
                locale: &translation.locale,
                source_locale,
                source_from: &source_before.text,
                source_to: &source_after.text,
                translation: &translation.text,
            });
        }
    }
}

/// An added or removed record, with its descriptions.
fn whole_record<'s>(record: &'s RecordSnapshot, kind: ChangeKind) -> RecordChange<'s> {
    let fields = record
        .descriptions
        .iter()
        .map(|d| {
            let text = Some(Cow::Borrowed(&*d.text));
            let (edit, from, to) = if kind == ChangeKind::Added {
                (Edit::Added, None, text)
            } else {
                (Edit::Removed, text, None)
            };
            FieldChange {
                field: Field::Description,
                locale: Some(&d.locale),
                edit,
                from,
                to,
            }
        })
        .collect();
    RecordChange {
        document: &record.document,
        code: record.code,
        name: &record.name,
        kind,
        fields,
    }
}

/// Compares the documents of both sides (each sorted by id).
fn compare_documents<'s>(
    old: &'s [DocumentSnapshot],
    new: &'s [DocumentSnapshot],
) -> Vec<DocumentChange<'s>> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    loop {
        let order = match (old.get(i), new.get(j)) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(a), Some(b)) => a.id.cmp(&b.id),
        };
        match order {
            std::cmp::Ordering::Less => {
                out.push(whole_document(&old[i], DocumentChangeKind::Removed));
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(whole_document(&new[j], DocumentChangeKind::Added));
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                let items = document_items(&old[i], &new[j]);
                if !items.is_empty() {
                    out.push(DocumentChange {
                        document: &new[j].id,
                        kind: DocumentChangeKind::Changed,
                        items,
                    });
                }
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// An added or removed document: its locale files.
fn whole_document<'s>(
    document: &'s DocumentSnapshot,
    kind: DocumentChangeKind,
) -> DocumentChange<'s> {
    let items = document
        .files
        .iter()
        .map(|f| {
            let file = Some(Cow::Borrowed(&*f.file));
            let (edit, from, to) = if kind == DocumentChangeKind::Added {
                (Edit::Added, None, file)
            } else {
                (Edit::Removed, file, None)
            };
            DocumentItem {
                aspect: DocumentAspect::Locale,
                locale: Some(&f.locale),
                key: None,
                edit,
                from,
                to,
            }
        })
        .collect();
    DocumentChange {
        document: &document.id,
        kind,
        items,
    }
}

fn item<'s>(
    aspect: DocumentAspect,
    locale: Option<&'s str>,
    key: Option<Cow<'s, str>>,
    from: Option<Cow<'s, str>>,
    to: Option<Cow<'s, str>>,
) -> DocumentItem<'s> {
    DocumentItem {
        aspect,
        locale,
        key,
        edit: presence_edit(from.is_some(), to.is_some()),
        from,
        to,
    }
}

/// The document-level differences of a document on both sides.
fn document_items<'s>(
    before: &'s DocumentSnapshot,
    after: &'s DocumentSnapshot,
) -> Vec<DocumentItem<'s>> {
    let mut items = Vec::new();
    if before.title != after.title {
        items.push(item(
            DocumentAspect::Title,
            None,
            None,
            value(&*before.title),
            value(&*after.title),
        ));
    }
    if before.source_locale != after.source_locale {
        items.push(item(
            DocumentAspect::SourceLocale,
            None,
            None,
            value(&*before.source_locale),
            value(&*after.source_locale),
        ));
    }
    let mut files: BTreeMap<&str, (Option<&FileSnapshot>, Option<&FileSnapshot>)> = BTreeMap::new();
    for f in &before.files {
        files.entry(&f.locale).or_default().0 = Some(f);
    }
    for f in &after.files {
        files.entry(&f.locale).or_default().1 = Some(f);
    }
    for (locale, pair) in files {
        match pair {
            (Some(a), Some(b)) => file_items(locale, a, b, &mut items),
            (a, b) => items.push(item(
                DocumentAspect::Locale,
                Some(locale),
                None,
                a.map(|f| Cow::Borrowed(&*f.file)),
                b.map(|f| Cow::Borrowed(&*f.file)),
            )),
        }
    }
    if before.unresolved_rows != after.unresolved_rows {
        items.push(item(
            DocumentAspect::UnresolvedRows,
            None,
            None,
            value(before.unresolved_rows.to_string()),
            value(after.unresolved_rows.to_string()),
        ));
    }
    items
}

/// Front matter keys and tables of one locale file on both sides.
fn file_items<'s>(
    locale: &'s str,
    before: &'s FileSnapshot,
    after: &'s FileSnapshot,
    items: &mut Vec<DocumentItem<'s>>,
) {
    let mut keys: BTreeMap<&str, (Option<&serde_json::Value>, Option<&serde_json::Value>)> =
        BTreeMap::new();
    for (key, v) in before.front_matter.iter() {
        keys.entry(key).or_default().0 = Some(v);
    }
    for (key, v) in after.front_matter.iter() {
        keys.entry(key).or_default().1 = Some(v);
    }
    for (key, (a, b)) in keys {
        if a != b {
            items.push(item(
                DocumentAspect::FrontMatter,
                Some(locale),
                value(key),
                a.map(front_matter_text),
                b.map(front_matter_text),
            ));
        }
    }
    let tables = before.tables.len().max(after.tables.len());
    for index in 0..tables {
        let (a, b) = (
            before.tables.iter().find(|t| t.index == index),
            after.tables.iter().find(|t| t.index == index),
        );
        let (from, to) = (a.map(table_text), b.map(table_text));
        if from != to {
            items.push(item(
                DocumentAspect::Table,
                Some(locale),
                value(index.to_string()),
                from.map(Cow::Owned),
                to.map(Cow::Owned),
            ));
        }
    }
}

/// A front matter value as text: strings as they are, the rest as JSON.
fn front_matter_text(value: &serde_json::Value) -> Cow<'_, str> {
    match value {
        serde_json::Value::String(text) => Cow::Borrowed(text),
        other => Cow::Owned(other.to_string()),
    }
}

/// `markdown table "Section": code, name, description`. The row count is
/// left out: the record changes say which rows came and went.
fn table_text(table: &TableSnapshot) -> String {
    format!(
        "{} table \"{}\": {}",
        table.format, table.section, table.columns
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_increasing_keeps_the_order_that_survived() {
        let keep = longest_increasing(&[1, 2, 10, 3, 4]);
        assert_eq!(keep, [true, true, false, true, true]);
        assert_eq!(longest_increasing::<u8>(&[]), Vec::<bool>::new());
        let keep = longest_increasing(&[2, 1]);
        assert_eq!(keep.iter().filter(|k| **k).count(), 1);
    }
}
