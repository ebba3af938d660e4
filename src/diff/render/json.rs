//! The diff as JSON for tools, schema in `schema/diff.schema.json`.
//!
//! One object, its keys in a fixed order: `version`, `summary`,
//! `documents`, `changes`, `stale_translations`, `findings`. Like the
//! dataset, every item of a list sits on its own line. Text and markup
//! changes carry their word diff (`words`), computed as each line is
//! written.

use std::io::{self, Write};

use serde::Serialize;

use super::shows_words;
use crate::diff::compare::{
    ChangeKind, Diff, DocumentAspect, DocumentChange, DocumentChangeKind, Edit, Field, FieldChange,
    RecordChange, StaleTranslation, Summary,
};
use crate::diff::findings::FingerprintedFinding;
use crate::diff::words::{Segment, diff_words};

/// The version of the diff report's layout; raised on incompatible changes.
pub const DIFF_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct DocumentJson<'a> {
    document: &'a str,
    kind: DocumentChangeKind,
    items: Vec<ItemJson<'a>>,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    aspect: DocumentAspect,
    #[serde(skip_serializing_if = "Option::is_none")]
    locale: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    edit: Edit,
    from: Option<&'a str>,
    to: Option<&'a str>,
}

impl<'a> DocumentJson<'a> {
    fn new(change: &'a DocumentChange) -> Self {
        DocumentJson {
            document: change.document,
            kind: change.kind,
            items: change
                .items
                .iter()
                .map(|item| ItemJson {
                    aspect: item.aspect,
                    locale: item.locale,
                    key: item.key.as_deref(),
                    edit: item.edit,
                    from: item.from.as_deref(),
                    to: item.to.as_deref(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    document: &'a str,
    code: String,
    name: &'a str,
    kind: ChangeKind,
    fields: Vec<FieldJson<'a>>,
}

#[derive(Serialize)]
struct FieldJson<'a> {
    field: Field,
    #[serde(skip_serializing_if = "Option::is_none")]
    locale: Option<&'a str>,
    edit: Edit,
    from: Option<&'a str>,
    to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    words: Option<Vec<Segment<'a>>>,
}

impl<'a> FieldJson<'a> {
    fn new(change: &'a FieldChange) -> Self {
        let (from, to) = (change.from.as_deref(), change.to.as_deref());
        let words = match (from, to) {
            (Some(from), Some(to)) if shows_words(change) => Some(diff_words(from, to)),
            _ => None,
        };
        FieldJson {
            field: change.field,
            locale: change.locale,
            edit: change.edit,
            from,
            to,
            words,
        }
    }
}

impl<'a> ChangeJson<'a> {
    fn new(change: &'a RecordChange) -> Self {
        ChangeJson {
            document: change.document,
            code: change.code.to_string(),
            name: change.name,
            kind: change.kind,
            fields: change.fields.iter().map(FieldJson::new).collect(),
        }
    }
}

#[derive(Serialize)]
struct StaleJson<'a> {
    document: &'a str,
    code: String,
    name: &'a str,
    locale: &'a str,
    source_locale: &'a str,
    source_from: &'a str,
    source_to: &'a str,
    source_words: Vec<Segment<'a>>,
    translation: &'a str,
}

impl<'a> StaleJson<'a> {
    fn new(stale: &'a StaleTranslation) -> Self {
        StaleJson {
            document: stale.document,
            code: stale.code.to_string(),
            name: stale.name,
            locale: stale.locale,
            source_locale: stale.source_locale,
            source_from: stale.source_from,
            source_to: stale.source_to,
            source_words: diff_words(stale.source_from, stale.source_to),
            translation: stale.translation,
        }
    }
}

/// Writes the JSON report of `diff` to `out`.
pub fn write(diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\n")?;
    writeln!(out, "  \"version\": {DIFF_FORMAT_VERSION},")?;
    out.write_all(b"  \"summary\": ")?;
    write_summary(out, &diff.summary)?;
    out.write_all(b",\n")?;
    write_lines(
        out,
        "  ",
        "documents",
        diff.documents.iter().map(DocumentJson::new),
    )?;
    out.write_all(b",\n")?;
    write_lines(
        out,
        "  ",
        "changes",
        diff.changes.iter().map(ChangeJson::new),
    )?;
    out.write_all(b",\n")?;
    write_lines(
        out,
        "  ",
        "stale_translations",
        diff.stale_translations.iter().map(StaleJson::new),
    )?;
    out.write_all(b",\n  \"findings\": {\n")?;
    write_lines(out, "    ", "introduced", diff.findings.introduced.iter())?;
    out.write_all(b",\n")?;
    write_lines::<&FingerprintedFinding>(out, "    ", "fixed", diff.findings.fixed.iter())?;
    out.write_all(b"\n  }\n}\n")
}

fn write_summary(out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
    serde_json::to_writer(&mut *out, summary).map_err(io::Error::from)
}

/// Writes `"key": [` then one compact item per line, then `]`, indented.
fn write_lines<T: Serialize>(
    out: &mut dyn Write,
    indent: &str,
    key: &str,
    items: impl Iterator<Item = T>,
) -> io::Result<()> {
    write!(out, "{indent}\"{key}\": [")?;
    let mut line = Vec::with_capacity(4096);
    let mut empty = true;
    for item in items {
        line.clear();
        line.extend_from_slice(if empty { b"\n" } else { b",\n" });
        line.extend_from_slice(indent.as_bytes());
        line.extend_from_slice(b"  ");
        serde_json::to_writer(&mut line, &item).map_err(io::Error::from)?;
        out.write_all(&line)?;
        empty = false;
    }
    if empty {
        out.write_all(b"]")
    } else {
        write!(out, "\n{indent}]")
    }
}
