//! `out/error-codes.json`: the dataset, schema in
//! `schema/error-codes.schema.json`.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::model::{Dataset, LocaleMap, Normalization, RawText, Record, Repair, RowSource};

/// The file name inside `out/`.
pub const FILE_NAME: &str = "error-codes.json";

/// The version of the JSON layout; raised on incompatible changes.
pub const FORMAT_VERSION: u32 = 1;

/// One record as written to JSON: its fields before the counterpart, the
/// counterpart, and its fields after (an entry of the dataset's JSON is
/// rendered in those three parts, see [`super::entry`]).
#[derive(Serialize)]
pub struct RecordJson<'a> {
    #[serde(flatten)]
    head: RecordHead<'a>,
    counterpart: Option<String>,
    #[serde(flatten)]
    tail: RecordTail<'a>,
}

/// A record's fields before its counterpart.
#[derive(Serialize)]
struct RecordHead<'a> {
    code: String,
    value: u32,
    decimal: i32,
    name: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: &'a [Box<str>],
    severity: &'static str,
    facility: u16,
    family: &'static str,
    document: &'a str,
    section: &'a str,
    descriptions: &'a LocaleMap<Arc<str>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    descriptions_markdown: BTreeMap<&'a str, &'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    documented_decimal: Option<&'a str>,
}

/// A record's fields after its counterpart.
#[derive(Serialize)]
struct RecordTail<'a> {
    sources: &'a [RowSource],
    #[serde(skip_serializing_if = "RawText::is_empty")]
    raw: &'a RawText,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    normalizations: &'a [Normalization],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    repairs: &'a [Repair],
}

impl<'a> RecordJson<'a> {
    /// The JSON view of a record.
    pub fn new(record: &'a Record) -> Self {
        RecordJson {
            head: RecordHead::new(record),
            counterpart: record.counterpart.map(|c| c.to_string()),
            tail: RecordTail::new(record),
        }
    }
}

impl<'a> RecordHead<'a> {
    fn new(record: &'a Record) -> Self {
        RecordHead {
            code: record.code.to_string(),
            value: record.code.value(),
            decimal: record.code.signed(),
            name: &record.name,
            aliases: &record.aliases,
            severity: if record.code.is_failure() {
                "error"
            } else {
                "success"
            },
            facility: record.code.facility(),
            family: record.family.as_str(),
            document: &record.document,
            section: &record.section,
            descriptions: &record.descriptions,
            // Only where the Markdown says more than the plain text.
            descriptions_markdown: record
                .descriptions_markdown
                .iter()
                .filter(|(locale, markdown)| {
                    record.descriptions.get(locale).map(|text| &**text) != Some(markdown.as_str())
                })
                .map(|(locale, markdown)| (locale, markdown.as_str()))
                .collect(),
            documented_decimal: record.documented_decimal.as_deref(),
        }
    }
}

impl<'a> RecordTail<'a> {
    fn new(record: &'a Record) -> Self {
        RecordTail {
            sources: &record.sources,
            raw: &record.raw,
            normalizations: &record.normalizations,
            repairs: &record.repairs,
        }
    }
}

/// Appends `record`'s line of the records array, without its counterpart,
/// to `out` and returns where the counterpart goes (see [`super::entry`]).
pub(super) fn render_entry(record: &Record, out: &mut Vec<u8>) -> usize {
    // Writing to a `Vec` cannot fail, and the fields serialize infallibly.
    let _ = serde_json::to_writer(&mut *out, &RecordHead::new(record));
    // `{"code":...}` is left open for the counterpart...
    out.pop();
    out.extend_from_slice(b",\"counterpart\":");
    let slot = out.len();
    // ...and `{"sources":...}` joined after it (`sources` is never left
    // out, so the object is never empty).
    let _ = serde_json::to_writer(&mut *out, &RecordTail::new(record));
    if let Some(open) = out.get_mut(slot) {
        *open = b',';
    }
    slot
}

/// The file is written with one record (and one document, one unresolved
/// row) per line: small enough to write fast, and a change to a record is
/// a change to one line of a diff. What is written before each record's
/// line, the first and the others.
pub(super) const SEPARATORS: [&[u8]; 2] = [b"\n    ", b",\n    "];

/// Everything before the records.
pub(super) fn begin(dataset: &Dataset, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(b"{\n")?;
    out.write_all(format!("  \"format_version\": {FORMAT_VERSION},\n").as_bytes())?;
    out.write_all(b"  \"stats\": ")?;
    write_compact(out, &dataset.stats)?;
    out.write_all(b",\n")?;
    write_lines(out, "documents", dataset.documents.iter())?;
    out.write_all(b",\n  \"records\": [")
}

/// Everything after the records (`empty`: there were none).
pub(super) fn end(
    dataset: &Dataset,
    empty: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.write_all(if empty { b"]" } else { b"\n  ]" })?;
    out.write_all(b",\n")?;
    write_lines(out, "unresolved", dataset.unresolved.iter())?;
    out.write_all(b"\n}\n")
}

/// Writes `"key": [` then one compact item per line, then `]`.
fn write_lines<T: Serialize>(
    out: &mut dyn std::io::Write,
    key: &str,
    items: impl Iterator<Item = T>,
) -> std::io::Result<()> {
    out.write_all(format!("  \"{key}\": [").as_bytes())?;
    // Each item is serialized into one reused buffer, then written whole:
    // serde_json writes many small pieces, and a `Vec` takes them faster
    // than a writer behind `dyn`.
    let mut line = Vec::with_capacity(4096);
    let mut empty = true;
    for item in items {
        line.clear();
        line.extend_from_slice(if empty { b"\n    " } else { b",\n    " });
        serde_json::to_writer(&mut line, &item).map_err(std::io::Error::from)?;
        out.write_all(&line)?;
        empty = false;
    }
    out.write_all(if empty { b"]" } else { b"\n  ]" })
}

fn write_compact<T: Serialize>(out: &mut dyn std::io::Write, value: &T) -> std::io::Result<()> {
    // The output types have string keys and infallible Serialize impls, so
    // an error here is an I/O error.
    serde_json::to_writer(&mut *out, value).map_err(std::io::Error::from)
}
