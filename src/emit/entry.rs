//! One record's entry in each output that has one per record: its line of
//! `error-codes.json`, its row of `error-codes.csv`, its rows of
//! `descriptions.csv` and its `ErrorCode` in `error_codes.rs`. An entry is
//! rendered without its counterpart, and the counterpart put in where the
//! entry says: the counterpart is known only once every document is read,
//! the rest of a record as soon as its document is, so `build` renders a
//! document's entries as it finishes and frees its records (see
//! [`super::spill`]).

use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

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
pub struct EntryRenderer {
    csv: csv::Writer<SharedBytes>,
    /// What the CSV writer has written, taken after each entry.
    csv_bytes: SharedBytes,
    scratch: String,
}

impl Default for EntryRenderer {
    fn default() -> Self {
        let csv_bytes = SharedBytes::default();
        EntryRenderer {
            // Flexible: the writer writes rows of both CSV files.
            csv: csv::WriterBuilder::new()
                .flexible(true)
                .terminator(csv::Terminator::CRLF)
                .buffer_capacity(4096)
                .from_writer(csv_bytes.clone()),
            csv_bytes,
            scratch: String::new(),
        }
    }
}

/// Bytes that a CSV writer writes and its owner reads: the writer owns what
/// it writes to, and lends it only to be read (`get_ref`), where the bytes
/// of each entry must be taken out and the buffer emptied.
#[derive(Clone, Default)]
struct SharedBytes(Rc<RefCell<Vec<u8>>>);

impl std::io::Write for SharedBytes {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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
        match kind {
            EntryKind::Json => Ok(super::json::render_entry(record, out)),
            EntryKind::Codes => self.csv_rows(out, |csv, scratch| {
                super::csv::write_code_row(csv, scratch, record)
            }),
            EntryKind::Descriptions => {
                self.csv_rows(out, |csv, scratch| {
                    super::csv::write_description_rows(csv, scratch, record).map(|()| 0)
                })?;
                Ok(out.len())
            }
            EntryKind::Rust => Ok(super::rust::render_entry(record, out)),
        }
    }

    /// Runs `write` on the CSV writer, appends what it wrote to `out`, and
    /// returns the offset in `out` of the position `write` returns (an
    /// offset in what it wrote).
    fn csv_rows(
        &mut self,
        out: &mut Vec<u8>,
        write: impl FnOnce(&mut CsvRows, &mut String) -> csv::Result<usize>,
    ) -> std::io::Result<usize> {
        let start = out.len();
        let mut rows = CsvRows {
            writer: &mut self.csv,
            bytes: &self.csv_bytes,
        };
        let written = write(&mut rows, &mut self.scratch).and_then(|at| {
            self.csv.flush()?;
            Ok(at)
        });
        // Taken out whatever happened: the next entry starts empty.
        let mut bytes = self.csv_bytes.0.borrow_mut();
        out.extend_from_slice(&bytes);
        bytes.clear();
        written
            .map(|at| start + at)
            .map_err(|e| std::io::Error::other(format!("could not write CSV: {e}")))
    }
}

/// A CSV writer into memory, which can say how much of an entry it has
/// written.
pub struct CsvRows<'a> {
    writer: &'a mut csv::Writer<SharedBytes>,
    bytes: &'a SharedBytes,
}

impl<'a> CsvRows<'a> {
    /// The writer.
    pub(super) fn writer(&mut self) -> &mut csv::Writer<impl std::io::Write + use<'a>> {
        &mut *self.writer
    }

    /// How many bytes of the entry have been written.
    pub fn written(&mut self) -> csv::Result<usize> {
        self.writer.flush()?;
        Ok(self.bytes.0.borrow().len())
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
