//! `out/error-codes.json`: the dataset, schema in
//! `schema/error-codes.schema.json`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{
    Dataset, DocumentSummary, Normalization, Record, Repair, RowSource, Stats, UnresolvedRow,
};

/// The file name inside `out/`.
pub const FILE_NAME: &str = "error-codes.json";

/// The version of the JSON layout; raised on incompatible changes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct DatasetJson<'a> {
    format_version: u32,
    stats: &'a Stats,
    documents: &'a [DocumentSummary],
    records: Vec<RecordJson<'a>>,
    unresolved: &'a [UnresolvedRow],
}

/// One record as written to JSON.
#[derive(Serialize)]
pub struct RecordJson<'a> {
    code: String,
    value: u32,
    decimal: i32,
    name: &'a str,
    severity: &'static str,
    facility: u16,
    family: &'static str,
    document: &'a str,
    section: &'a str,
    descriptions: &'a BTreeMap<String, String>,
    descriptions_markdown: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    documented_decimal: Option<&'a str>,
    counterpart: Option<String>,
    sources: &'a [RowSource],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    raw: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    normalizations: &'a [Normalization],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    repairs: &'a [Repair],
}

impl<'a> RecordJson<'a> {
    /// The JSON view of a record.
    pub fn new(record: &'a Record) -> Self {
        RecordJson {
            code: record.code.to_string(),
            value: record.code.value(),
            decimal: record.code.signed(),
            name: &record.name,
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
            descriptions_markdown: &record.descriptions_markdown,
            documented_decimal: record.documented_decimal.as_deref(),
            counterpart: record.counterpart.map(|c| c.to_string()),
            sources: &record.sources,
            raw: &record.raw,
            normalizations: &record.normalizations,
            repairs: &record.repairs,
        }
    }
}

/// Renders the dataset as pretty-printed JSON with a final newline.
pub fn render(dataset: &Dataset) -> Vec<u8> {
    let view = DatasetJson {
        format_version: FORMAT_VERSION,
        stats: &dataset.stats,
        documents: &dataset.documents,
        records: dataset.records.iter().map(RecordJson::new).collect(),
        unresolved: &dataset.unresolved,
    };
    to_pretty_json(&view)
}

/// Pretty JSON with a final newline. Serializing these types cannot fail:
/// every map key is a string.
pub fn to_pretty_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_else(|e| {
        // Only a non-string map key or a failing Serialize impl gets here,
        // and the output types have neither.
        format!("{{\"error\": \"{e}\"}}").into_bytes()
    });
    bytes.push(b'\n');
    bytes
}
