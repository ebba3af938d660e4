//! One side of a diff: everything the comparison looks at, taken from a
//! dataset in memory or read from an `error-codes.json` file written by
//! `build`. Both give the same snapshot for the same data.
//!
//! A snapshot shares its text with the dataset it was taken from: the
//! document, section, file, locale and description strings that the model
//! keeps as `Arc<str>` are shared, not copied. Taking a snapshot is cheap,
//! and the snapshot outlives its dataset: a caller comparing two large
//! projects can keep each side's snapshot and free the project.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{Dataset, DocumentSummary, HResult, Record, TableSummary};

/// The dataset layout this module reads (`format_version` of
/// `error-codes.json`; a test holds it equal to what `emit` writes).
pub const SUPPORTED_FORMAT_VERSION: u32 = 1;

/// What a path given as a side of a diff holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A project folder: its sources are read and normalized.
    Project,
    /// A dataset file written by `build` (`out/error-codes.json`).
    Dataset,
}

/// Tells a project folder (one holding `errdocs.toml` or `sources/`) from
/// a dataset file. Anything else is an [`Error::Input`] naming the path.
pub fn classify(path: &Path) -> Result<InputKind> {
    let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    // A pipe is a dataset too: `errdocs diff <(git show
    // main:out/error-codes.json) out/error-codes.json`.
    if !metadata.is_dir() {
        Ok(InputKind::Dataset)
    } else if path.join("errdocs.toml").is_file() || path.join("sources").is_dir() {
        Ok(InputKind::Project)
    } else {
        Err(Error::Input {
            path: path.to_path_buf(),
            message: "neither an errdocs project (a folder with errdocs.toml or sources/) \
                      nor a dataset file (out/error-codes.json)"
                .into(),
        })
    }
}

/// One side of a diff.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The documents, sorted by id.
    pub documents: Vec<DocumentSnapshot>,
    /// The records, sorted by document, code, name and position.
    pub records: Vec<RecordSnapshot>,
}

/// One document: its metadata and its locale files.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentSnapshot {
    /// The document's id.
    pub id: Box<str>,
    /// Its title.
    pub title: Box<str>,
    /// The source-language locale.
    pub source_locale: Box<str>,
    /// Its locale files, sorted by locale.
    pub files: Vec<FileSnapshot>,
    /// How many of its rows did not become records.
    pub unresolved_rows: usize,
}

/// One locale file of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct FileSnapshot {
    /// The locale.
    pub locale: Box<str>,
    /// Path relative to the project root.
    pub file: Box<str>,
    /// The front matter, every key as written.
    pub front_matter: BTreeMap<String, serde_json::Value>,
    /// The tables, in file order.
    pub tables: Vec<TableSnapshot>,
}

/// One table of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSnapshot {
    /// 0-based index in the file.
    pub index: usize,
    /// The heading above it.
    pub section: Box<str>,
    /// `markdown` or `html`.
    pub format: Box<str>,
    /// The column roles in order, comma-separated (`code, name, description`).
    pub columns: Box<str>,
    /// Data rows.
    pub rows: usize,
}

/// One locale's description of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    /// The locale.
    pub locale: Arc<str>,
    /// The plain text.
    pub text: Arc<str>,
    /// The Markdown, only where it differs from the text.
    pub markdown: Option<Box<str>>,
}

impl Description {
    /// The Markdown as written (the text where the two are the same).
    pub fn markdown_or_text(&self) -> &str {
        self.markdown.as_deref().unwrap_or(&self.text)
    }
}

/// A value repaired from evidence, as the diff compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairSnapshot {
    /// The field repaired.
    pub field: Box<str>,
    /// The text as documented.
    pub from: Box<str>,
    /// The value used.
    pub to: Box<str>,
    /// The rule whose finding explains it.
    pub rule: Box<str>,
}

/// Where a record's first row (the source-language row, where there is
/// one) sits: the file, the table and the row's code cell. Rows are
/// ordered within a table by line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Path relative to the project root.
    pub file: Arc<str>,
    /// 0-based index of the table in the file.
    pub table: usize,
    /// 1-based line of the code cell.
    pub line: u32,
    /// 1-based column of the code cell.
    pub column: u32,
}

/// One record, as the diff compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSnapshot {
    /// The document's id.
    pub document: Arc<str>,
    /// The canonical code.
    pub code: HResult,
    /// The symbolic name.
    pub name: Box<str>,
    /// The heading of the record's table.
    pub section: Arc<str>,
    /// The decimal column as documented, where the table has one.
    pub documented_decimal: Option<Box<str>>,
    /// The mirrored WU/OM code.
    pub counterpart: Option<HResult>,
    /// Descriptions, sorted by locale.
    pub descriptions: Vec<Description>,
    /// The code as written, where it is not the canonical form.
    pub raw_code: Option<Box<str>>,
    /// The name as written, where a line break inside it was removed.
    pub raw_name: Option<Box<str>>,
    /// Values repaired from evidence.
    pub repairs: Vec<RepairSnapshot>,
    /// Where its first row is; `None` only for a record without rows.
    pub position: Option<Position>,
}

impl RecordSnapshot {
    /// The description of `locale`.
    pub fn description(&self, locale: &str) -> Option<&Description> {
        self.descriptions
            .binary_search_by(|d| (*d.locale).cmp(locale))
            .ok()
            .map(|i| &self.descriptions[i])
    }
}

impl Snapshot {
    /// The snapshot of a dataset in memory, sharing its text. Records are
    /// made on every core, in their final order.
    pub fn from_dataset(dataset: &Dataset) -> Snapshot {
        let mut unresolved: HashMap<&str, usize> = HashMap::new();
        for row in &dataset.unresolved {
            *unresolved.entry(&row.document).or_default() += 1;
        }
        let mut documents: Vec<DocumentSnapshot> = dataset
            .documents
            .iter()
            .map(|d| document_of(d, unresolved.get(d.id.as_str()).copied().unwrap_or(0)))
            .collect();
        documents.sort_by(|a, b| a.id.cmp(&b.id));
        let order = record_order(
            dataset
                .records
                .iter()
                .map(|r| {
                    let position = r
                        .sources
                        .first()
                        .map(|s| (&*s.file, s.table, s.line, s.column));
                    (&*r.document, r.code, r.name.as_str(), position)
                })
                .collect(),
        );
        let records = map_on_every_core(&order, |&i| record_of(&dataset.records[i]));
        Snapshot { documents, records }
    }

    fn sorted(mut documents: Vec<DocumentSnapshot>, records: Vec<RecordSnapshot>) -> Snapshot {
        documents.sort_by(|a, b| a.id.cmp(&b.id));
        let order = record_order(
            records
                .iter()
                .map(|r| {
                    let position = r
                        .position
                        .as_ref()
                        .map(|p| (&*p.file, p.table, p.line, p.column));
                    (&*r.document, r.code, &*r.name, position)
                })
                .collect(),
        );
        let mut slots: Vec<Option<RecordSnapshot>> = records.into_iter().map(Some).collect();
        let records = order.iter().filter_map(|&i| slots[i].take()).collect();
        Snapshot { documents, records }
    }

    /// The document with `id`.
    pub fn document(&self, id: &str) -> Option<&DocumentSnapshot> {
        self.documents
            .binary_search_by(|d| (*d.id).cmp(id))
            .ok()
            .map(|i| &self.documents[i])
    }

    /// Reads a dataset file written by `build` (`out/error-codes.json`).
    /// A file that is not an errdocs dataset, or of another
    /// `format_version`, is an [`Error::Input`] naming it.
    pub fn load(path: &Path) -> Result<Snapshot> {
        /// Far past the largest dataset (half a million records in a few
        /// hundred megabytes): a stream given as one stops here.
        const MAX_BYTES: u64 = 4 * 1024 * 1024 * 1024;
        let bytes = crate::source::read_text_bytes(
            path,
            MAX_BYTES,
            "a dataset is the out/error-codes.json that `errdocs build` writes",
        )?;
        // Read no further than the block of a NUL byte (a device): JSON
        // has none.
        if let Some(offset) = memchr::memchr(0, &bytes) {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: format!(
                    "line {}: not an errdocs dataset: a binary file (NUL byte at byte offset {offset}); pass a project folder or the out/error-codes.json that `errdocs build` writes",
                    1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count()
                ),
            });
        }
        Snapshot::from_json(&bytes, path)
    }

    /// Parses the text of a dataset file; `path` names it in errors.
    pub fn from_json(bytes: &[u8], path: &Path) -> Result<Snapshot> {
        // A byte-order mark, as Windows editors save UTF-8, is read past:
        // serde refuses one ("expected value" at line 1).
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let input_error = |message: String| Error::Input {
            path: path.to_path_buf(),
            message,
        };
        // The version is checked first, so that a dataset of another layout
        // says so rather than failing on a field it does not have.
        match format_version(bytes) {
            Some(SUPPORTED_FORMAT_VERSION) | None => {}
            Some(other) => {
                return Err(input_error(format!(
                    "dataset format_version {other} is not supported (this errdocs reads \
                     version {SUPPORTED_FORMAT_VERSION}); rebuild it with this errdocs \
                     (`errdocs build`) or compare the projects instead"
                )));
            }
        }
        let file: DatasetFile = serde_json::from_slice(bytes).map_err(|e| {
            let what = e.to_string();
            let what = what.split(" at line ").next().unwrap_or("invalid JSON");
            input_error(format!(
                "line {}: not an errdocs dataset ({what}); pass a project folder or the \
                 out/error-codes.json that `errdocs build` writes",
                e.line()
            ))
        })?;
        if file.format_version != SUPPORTED_FORMAT_VERSION {
            return Err(input_error(format!(
                "dataset format_version {} is not supported (this errdocs reads version \
                 {SUPPORTED_FORMAT_VERSION})",
                file.format_version
            )));
        }
        let mut unresolved: HashMap<String, usize> = HashMap::new();
        for row in file.unresolved {
            *unresolved.entry(row.document).or_default() += 1;
        }
        let documents = file
            .documents
            .into_iter()
            .map(|d| {
                let count = unresolved.get(&d.id).copied().unwrap_or(0);
                d.into_snapshot(count)
            })
            .collect();
        // The strings records repeat are kept once, as in memory.
        let mut shared = Interner::default();
        let records = file
            .records
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                r.into_snapshot(&mut shared)
                    .map_err(|m| input_error(format!("record {i}: {m}")))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Snapshot::sorted(documents, records))
    }
}

/// What records are ordered by: document, code, name and the position of
/// their first row (file, table, line, column).
type OrderKey<'r> = (
    &'r str,
    HResult,
    &'r str,
    Option<(&'r str, usize, u32, u32)>,
);

/// The order of records by their keys: indices into `keys`. Stable:
/// records equal in every key keep the dataset's order, which the file and
/// the memory share. Documents are ranked first, so that the sort compares
/// integers (a dataset is ordered by code, not document: most records
/// move), and only indices move.
fn record_order(keys: Vec<OrderKey>) -> Vec<usize> {
    let mut ids: Vec<&str> = keys
        .iter()
        .map(|k| k.0)
        .collect::<std::collections::HashSet<_>>()
        .into_iter()
        .collect();
    ids.sort_unstable();
    let rank: HashMap<&str, u64> = ids
        .into_iter()
        .enumerate()
        .map(|(rank, id)| (id, rank as u64))
        .collect();
    let fast: Vec<u64> = keys
        .iter()
        .map(|k| (rank.get(k.0).copied().unwrap_or(u64::MAX) << 32) | u64::from(k.1.value()))
        .collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| {
        fast[a]
            .cmp(&fast[b])
            .then_with(|| (keys[a].2, keys[a].3).cmp(&(keys[b].2, keys[b].3)))
    });
    order
}

/// `f` of each item, in order, made on the machine's cores.
fn map_on_every_core<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads == 1 || items.len() < 4096 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let parts: Vec<Vec<U>> = std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<U>>()))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(items.len());
    for part in parts {
        out.extend(part);
    }
    out
}

/// The `format_version` at the start of a dataset file, read without
/// parsing the rest (`build` writes it on the second line). `None` when it
/// is not there: the full parse then says what is wrong.
fn format_version(bytes: &[u8]) -> Option<u32> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = match std::str::from_utf8(head) {
        Ok(text) => text,
        // Cut inside a character: the valid part is enough.
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
    };
    let after = head.split_once("\"format_version\"")?.1.trim_start();
    let digits = after.strip_prefix(':')?.trim_start();
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    digits[..end].parse().ok()
}

fn document_of(document: &DocumentSummary, unresolved_rows: usize) -> DocumentSnapshot {
    let mut files: Vec<FileSnapshot> = document
        .files
        .iter()
        .map(|f| FileSnapshot {
            locale: f.locale.as_str().into(),
            file: f.file.as_str().into(),
            front_matter: f.front_matter.clone(),
            tables: f.tables.iter().map(table_of).collect(),
        })
        .collect();
    files.sort_by(|a, b| a.locale.cmp(&b.locale));
    DocumentSnapshot {
        id: document.id.as_str().into(),
        title: document.title.as_str().into(),
        source_locale: document.source_locale.as_str().into(),
        files,
        unresolved_rows,
    }
}

fn table_of(table: &TableSummary) -> TableSnapshot {
    TableSnapshot {
        index: table.index,
        section: table.section.as_str().into(),
        format: serialized_name(&table.format).into(),
        columns: table
            .columns
            .iter()
            .map(|c| c.role.as_str())
            .collect::<Vec<_>>()
            .join(", ")
            .into(),
        rows: table.rows,
    }
}

/// The name a unit enum variant is written under in the dataset (the
/// table's format and column roles): the same text the file holds.
fn serialized_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        Ok(other) => other.to_string(),
        Err(e) => e.to_string(),
    }
}

fn record_of(record: &Record) -> RecordSnapshot {
    let descriptions = record
        .descriptions
        .iter()
        .map(|(locale, text)| Description {
            locale: shared_locale(record, locale),
            text: Arc::clone(text),
            markdown: record
                .descriptions_markdown
                .get(locale)
                .filter(|markdown| markdown.as_str() != &**text)
                .map(|markdown| markdown.as_str().into()),
        })
        .collect();
    RecordSnapshot {
        document: Arc::clone(&record.document),
        code: record.code,
        name: record.name.as_str().into(),
        section: Arc::clone(&record.section),
        documented_decimal: record.documented_decimal.as_deref().map(Into::into),
        counterpart: record.counterpart,
        descriptions,
        raw_code: record.raw.code.as_deref().map(Into::into),
        raw_name: record.raw.name.as_deref().map(Into::into),
        repairs: record
            .repairs
            .iter()
            .map(|r| RepairSnapshot {
                field: r.field.as_str().into(),
                from: r.from.as_str().into(),
                to: r.to.as_str().into(),
                rule: r.rule.as_str().into(),
            })
            .collect(),
        position: record.sources.first().map(|s| Position {
            file: Arc::clone(&s.file),
            table: s.table,
            line: s.line,
            column: s.column,
        }),
    }
}

/// The record's own shared name of `locale` (its sources carry it), so
/// that locales are not copied per description.
fn shared_locale(record: &Record, locale: &str) -> Arc<str> {
    record
        .sources
        .iter()
        .find(|s| &*s.locale == locale)
        .map_or_else(|| Arc::from(locale), |s| Arc::clone(&s.locale))
}

/// Keeps one copy of each repeated string (document ids, sections, file
/// paths, locales) of a dataset file.
#[derive(Default)]
struct Interner(HashMap<String, Arc<str>>);

impl Interner {
    fn get(&mut self, text: String) -> Arc<str> {
        if let Some(shared) = self.0.get(&text) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = Arc::from(text.as_str());
        self.0.insert(text, Arc::clone(&shared));
        shared
    }
}

// The parts of `error-codes.json` a snapshot needs; everything else in the
// file is skipped.

#[derive(Deserialize)]
struct DatasetFile {
    format_version: u32,
    documents: Vec<DocumentJson>,
    records: Vec<RecordJson>,
    unresolved: Vec<UnresolvedJson>,
}

#[derive(Deserialize)]
struct DocumentJson {
    id: String,
    title: String,
    source_locale: String,
    files: Vec<FileJson>,
}

#[derive(Deserialize)]
struct FileJson {
    file: String,
    locale: String,
    front_matter: BTreeMap<String, serde_json::Value>,
    tables: Vec<TableJson>,
}

#[derive(Deserialize)]
struct TableJson {
    index: usize,
    section: String,
    format: String,
    columns: Vec<ColumnJson>,
    rows: usize,
}

#[derive(Deserialize)]
struct ColumnJson {
    role: String,
}

#[derive(Deserialize)]
struct RecordJson {
    code: String,
    name: String,
    document: String,
    section: String,
    descriptions: BTreeMap<String, String>,
    #[serde(default)]
    descriptions_markdown: BTreeMap<String, String>,
    #[serde(default)]
    documented_decimal: Option<String>,
    counterpart: Option<String>,
    sources: Vec<SourceJson>,
    #[serde(default)]
    raw: RawJson,
    #[serde(default)]
    repairs: Vec<RepairJson>,
}

#[derive(Deserialize)]
struct SourceJson {
    file: String,
    line: u32,
    column: u32,
    table: usize,
}

#[derive(Deserialize, Default)]
struct RawJson {
    code: Option<String>,
    name: Option<String>,
}

#[derive(Deserialize)]
struct RepairJson {
    field: String,
    from: String,
    to: String,
    rule: String,
}

#[derive(Deserialize)]
struct UnresolvedJson {
    document: String,
}

impl DocumentJson {
    fn into_snapshot(self, unresolved_rows: usize) -> DocumentSnapshot {
        let mut files: Vec<FileSnapshot> = self
            .files
            .into_iter()
            .map(|f| FileSnapshot {
                locale: f.locale.into(),
                file: f.file.into(),
                front_matter: f.front_matter,
                tables: f
                    .tables
                    .into_iter()
                    .map(|t| TableSnapshot {
                        index: t.index,
                        section: t.section.into(),
                        format: t.format.into(),
                        columns: t
                            .columns
                            .iter()
                            .map(|c| c.role.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                            .into(),
                        rows: t.rows,
                    })
                    .collect(),
            })
            .collect();
        files.sort_by(|a, b| a.locale.cmp(&b.locale));
        DocumentSnapshot {
            id: self.id.into(),
            title: self.title.into(),
            source_locale: self.source_locale.into(),
            files,
            unresolved_rows,
        }
    }
}

impl RecordJson {
    fn into_snapshot(self, shared: &mut Interner) -> std::result::Result<RecordSnapshot, String> {
        let code = canonical_code(&self.code)?;
        let counterpart = self
            .counterpart
            .as_deref()
            .map(canonical_code)
            .transpose()?;
        let mut markdown = self.descriptions_markdown;
        let descriptions = self
            .descriptions
            .into_iter()
            .map(|(locale, text)| {
                let markdown = markdown.remove(&locale).filter(|m| *m != text);
                Description {
                    locale: shared.get(locale),
                    text: text.into(),
                    markdown: markdown.map(Into::into),
                }
            })
            .collect();
        Ok(RecordSnapshot {
            document: shared.get(self.document),
            code,
            name: self.name.into(),
            section: shared.get(self.section),
            documented_decimal: self.documented_decimal.map(Into::into),
            counterpart,
            descriptions,
            raw_code: self.raw.code.map(Into::into),
            raw_name: self.raw.name.map(Into::into),
            repairs: self
                .repairs
                .into_iter()
                .map(|r| RepairSnapshot {
                    field: r.field.into(),
                    from: r.from.into(),
                    to: r.to.into(),
                    rule: r.rule.into(),
                })
                .collect(),
            position: self.sources.into_iter().next().map(|s| Position {
                file: shared.get(s.file),
                table: s.table,
                line: s.line,
                column: s.column,
            }),
        })
    }
}

/// A code as the dataset writes it: `0x` and 8 upper-case hex digits.
fn canonical_code(text: &str) -> std::result::Result<HResult, String> {
    match text.parse::<HResult>() {
        Ok(code) if code.to_string() == text => Ok(code),
        _ => Err(format!(
            "code `{text}` is not in the dataset's form (0x and 8 upper-case hex digits)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_read_from_the_start_of_the_file() {
        assert_eq!(format_version(b"{\n  \"format_version\": 1,\n"), Some(1));
        assert_eq!(format_version(b"{\"format_version\":12}"), Some(12));
        assert_eq!(format_version(b"{\"records\": []}"), None);
        assert_eq!(format_version(b"\xff\xfe"), None);
    }

    #[test]
    fn another_version_is_refused_by_name() {
        let error = Snapshot::from_json(
            b"{\"format_version\": 2, \"records\": {}}",
            Path::new("old.json"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.starts_with("old.json: dataset format_version 2"),
            "{error}"
        );
    }

    #[test]
    fn other_json_is_not_a_dataset() {
        let error = Snapshot::from_json(b"{\"version\": 1, \"findings\": []}", Path::new("f.json"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("not an errdocs dataset"), "{error}");
        let error = Snapshot::from_json(b"# Markdown", Path::new("a.md"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("not an errdocs dataset"), "{error}");
    }

    #[test]
    fn a_code_not_in_canonical_form_is_an_error() {
        assert!(canonical_code("0x80240001").is_ok());
        assert!(canonical_code("0x80cf0001").is_err());
        assert!(canonical_code("80240001").is_err());
    }
}
