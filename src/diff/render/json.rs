//! The diff as JSON for tools, schema in `schema/diff.schema.json`.
//!
//! One object, its keys in a fixed order: `version`, `summary`,
//! `documents`, `changes`, `stale_translations`, `findings`. Like the
//! dataset, every item of a list sits on its own line. Text and markup
//! changes carry their word diff (`words`), computed as each line is
//! written, unless [`JsonOptions::words`] is off.

use std::io::{self, Write};

use serde::Serialize;

use super::shows_words;
use crate::diff::compare::{
    ChangeKind, Diff, DocumentAspect, DocumentChange, DocumentChangeKind, Edit, Field, FieldChange,
    RecordChange, StaleTranslation,
};
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
    fn new(change: &'a FieldChange, words: bool) -> Self {
        let (from, to) = (change.from.as_deref(), change.to.as_deref());
        let words = match (from, to) {
            (Some(from), Some(to)) if words && shows_words(change) => Some(diff_words(from, to)),
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
    fn new(change: &'a RecordChange, words: bool) -> Self {
        ChangeJson {
            document: change.document,
            code: change.code.to_string(),
            name: change.name,
            kind: change.kind,
            fields: change
                .fields
                .iter()
                .map(|f| FieldJson::new(f, words))
                .collect(),
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
    #[serde(skip_serializing_if = "Option::is_none")]
    source_words: Option<Vec<Segment<'a>>>,
    translation: &'a str,
}

impl<'a> StaleJson<'a> {
    fn new(stale: &'a StaleTranslation, words: bool) -> Self {
        StaleJson {
            document: stale.document,
            code: stale.code.to_string(),
            name: stale.name,
            locale: stale.locale,
            source_locale: stale.source_locale,
            source_from: stale.source_from,
            source_to: stale.source_to,
            source_words: words.then(|| diff_words(stale.source_from, stale.source_to)),
            translation: stale.translation,
        }
    }
}

/// What the JSON report holds.
#[derive(Debug, Clone, Copy)]
pub struct JsonOptions {
    /// The word diff (`words`, `source_words`) of every text and markup
    /// change. On by default; without it, the report is about a third of
    /// the size and written about three times as fast when every
    /// description changed.
    pub words: bool,
}

impl Default for JsonOptions {
    fn default() -> Self {
        JsonOptions { words: true }
    }
}

/// Writes the JSON report of `diff` to `out`, word diffs included.
pub fn write(diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    write_with(diff, out, &JsonOptions::default())
}

/// Writes the JSON report of `diff` to `out` as `options` say.
pub fn write_with(diff: &Diff, out: &mut dyn Write, options: &JsonOptions) -> io::Result<()> {
    let words = options.words;
    out.write_all(b"{\n")?;
    writeln!(out, "  \"version\": {DIFF_FORMAT_VERSION},")?;
    out.write_all(b"  \"summary\": ")?;
    serde_json::to_writer(&mut *out, &diff.summary).map_err(io::Error::from)?;
    out.write_all(b",\n")?;
    write_lines(out, "  ", "documents", &diff.documents, DocumentJson::new)?;
    out.write_all(b",\n")?;
    write_lines(out, "  ", "changes", &diff.changes, |c| {
        ChangeJson::new(c, words)
    })?;
    out.write_all(b",\n")?;
    write_lines(
        out,
        "  ",
        "stale_translations",
        &diff.stale_translations,
        |s| StaleJson::new(s, words),
    )?;
    out.write_all(b",\n  \"findings\": {\n")?;
    write_lines(out, "    ", "introduced", &diff.findings.introduced, |f| f)?;
    out.write_all(b",\n")?;
    write_lines(out, "    ", "fixed", &diff.findings.fixed, |f| f)?;
    out.write_all(b"\n  }\n}\n")
}

/// Writes `"key": [` then one compact item per line, then `]`, indented.
/// The lines (word diffs included) are made on every core.
fn write_lines<'a, T: Sync + 'a, J: Serialize>(
    out: &mut dyn Write,
    indent: &str,
    key: &str,
    items: &'a [T],
    view: impl Fn(&'a T) -> J + Sync,
) -> io::Result<()> {
    write!(out, "{indent}\"{key}\": [")?;
    super::write_in_order(items, out, |i, item, line| {
        line.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        line.extend_from_slice(indent.as_bytes());
        line.extend_from_slice(b"  ");
        serde_json::to_writer(&mut *line, &view(item)).map_err(io::Error::from)
    })?;
    if items.is_empty() {
        out.write_all(b"]")
    } else {
        write!(out, "\n{indent}]")
    }
}
