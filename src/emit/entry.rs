//! One record's entry in each output that has one per record: its line of
//! `error-codes.json`, its row of `error-codes.csv`, its rows of
//! `descriptions.csv` and its `ErrorCode` in `error_codes.rs`. An entry is
//! rendered without its counterpart, and the counterpart put in where the
//! entry says: the counterpart is known only once every document is read,
//! the rest of a record as soon as its document is, so `build` renders a
//! document's entries as it finishes and frees its records (see
//! [`super::spill`]).

use std::fmt::Write as _;

use crate::model::{HResult, Record};

/// An output with one entry per record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A line of `error-codes.json`.
    Json,
    /// A row of `error-codes.csv`.
    Codes,
    /// The rows of `descriptions.csv`, one per locale.
    Descriptions,
    /// An `ErrorCode` of `error_codes.rs`.
    Rust,
}

impl EntryKind {
    /// Every kind, in the order a spilled record's entries are stored.
    pub const ALL: [EntryKind; 4] = [
        EntryKind::Json,
        EntryKind::Codes,
        EntryKind::Descriptions,
        EntryKind::Rust,
    ];

    /// The kind's index in [`EntryKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Renders entries into byte buffers, reusing its CSV writer and scratch
/// text from one record to the next.
#[derive(Default)]
pub struct EntryRenderer {
    csv: super::csv::CsvRows,
    scratch: String,
}

impl EntryRenderer {
    /// Appends `record`'s entry of `kind` to `out`, without its
    /// counterpart, and returns where in `out` the counterpart goes (for
    /// [`EntryKind::Descriptions`], which has none, the entry's end). The
    /// CSV writer's errors are passed on, though writing into memory
    /// cannot fail and rows of any length are allowed.
    pub fn render(
        &mut self,
        kind: EntryKind,
        record: &Record,
        out: &mut Vec<u8>,
    ) -> std::io::Result<usize> {
        let scratch = &mut self.scratch;
        match kind {
            EntryKind::Json => Ok(super::json::render_entry(record, out)),
            EntryKind::Codes => self.csv.take(out, |rows| {
                super::csv::write_code_row(rows, scratch, record)
            }),
            EntryKind::Descriptions => {
                self.csv.take(out, |rows| {
                    super::csv::write_description_rows(rows, scratch, record).map(|()| 0)
                })?;
                Ok(out.len())
            }
            EntryKind::Rust => Ok(super::rust::render_entry(record, out)),
        }
    }
}

/// Appends `counterpart` as an entry of `kind` writes it.
pub fn write_counterpart(kind: EntryKind, counterpart: Option<HResult>, out: &mut Vec<u8>) {
    let code = |out: &mut Vec<u8>, code: HResult| {
        let mut text = String::with_capacity(10);
        let _ = write!(text, "{code}");
        out.extend_from_slice(text.as_bytes());
    };
    match (kind, counterpart) {
        (EntryKind::Json, None) => out.extend_from_slice(b"null"),
        (EntryKind::Json, Some(c)) => {
            out.push(b'"');
            code(out, c);
            out.push(b'"');
        }
        (EntryKind::Codes, None) | (EntryKind::Descriptions, _) => {}
        (EntryKind::Codes, Some(c)) => code(out, c),
        (EntryKind::Rust, counterpart) => super::rust::write_counterpart(counterpart, out),
    }
}

/// Appends to `out` the entry `rendered` with `counterpart` put in at
/// `slot` (at most `rendered`'s length, as [`EntryRenderer::render`] and
/// the spill return it).
pub fn splice(
    kind: EntryKind,
    rendered: &[u8],
    slot: usize,
    counterpart: Option<HResult>,
    out: &mut Vec<u8>,
) {
    let (before, after) = rendered.split_at(slot);
    out.extend_from_slice(before);
    write_counterpart(kind, counterpart, out);
    out.extend_from_slice(after);
}
