//! The CSV outputs, in a tidy layout: `error-codes.csv` has one row per
//! record, `descriptions.csv` one row per record and locale. They join on
//! `document`, `code` and `name`. Text cells that a spreadsheet would read
//! as a formula are prefixed with `'` (see [`crate::safe_text::csv_cell`]).

use std::fmt::Write as _;

use std::cell::RefCell;
use std::rc::Rc;

use crate::model::Record;

/// One row per record.
pub const CODES_FILE_NAME: &str = "error-codes.csv";
/// One row per record and locale.
pub const DESCRIPTIONS_FILE_NAME: &str = "descriptions.csv";

/// A text field from the pages (a description, a name, a section, a path):
/// one that a spreadsheet would run as a formula (it starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading `'`, as OWASP's
/// advice on CSV injection says; see [`crate::safe_text::csv_cell`]. The
/// numbers errdocs writes (`decimal` is often negative) are left as
/// numbers, and the JSON keeps every text exactly.
fn guard(text: &str) -> std::borrow::Cow<'_, str> {
    crate::safe_text::csv_cell(text)
}

/// Writes a field formatted by `Display`, through `scratch`.
fn write_display<W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    scratch: &mut String,
    value: impl std::fmt::Display,
) -> csv::Result<()> {
    scratch.clear();
    let _ = write!(scratch, "{value}");
    writer.write_field(scratch.as_bytes())
}

/// The header row of `error-codes.csv`.
pub(super) const CODES_HEADER: &[u8] =
    b"code,value,decimal,name,severity,facility,family,document,section,counterpart,repaired,file,line,column,aliases\r\n";

/// What separates a record's aliases in their one cell: no name holds it.
pub const ALIAS_SEPARATOR: &str = ";";

/// The header row of `descriptions.csv`.
pub(super) const DESCRIPTIONS_HEADER: &[u8] =
    b"document,code,name,locale,description,file,line\r\n";

/// A CSV writer into memory, whose rows are taken out entry by entry.
pub(super) struct CsvRows {
    writer: csv::Writer<SharedBytes>,
    /// What the writer has written, taken after each entry.
    bytes: SharedBytes,
}

impl Default for CsvRows {
    fn default() -> Self {
        let bytes = SharedBytes::default();
        CsvRows {
            // Flexible: the writer writes rows of both CSV files.
            writer: csv::WriterBuilder::new()
                .flexible(true)
                .terminator(csv::Terminator::CRLF)
                .buffer_capacity(4096)
                .from_writer(bytes.clone()),
            bytes,
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

impl CsvRows {
    /// The writer.
    fn writer(&mut self) -> &mut csv::Writer<SharedBytes> {
        &mut self.writer
    }

    /// How many bytes of the entry have been written.
    fn written(&mut self) -> csv::Result<usize> {
        self.writer.flush()?;
        Ok(self.bytes.0.borrow().len())
    }

    /// Runs `write`, appends what it wrote to `out`, and returns the offset
    /// in `out` of the position `write` returns (an offset in what it
    /// wrote). The writer's errors are passed on, though writing into
    /// memory cannot fail and rows of any length are allowed.
    pub(super) fn take(
        &mut self,
        out: &mut Vec<u8>,
        write: impl FnOnce(&mut CsvRows) -> csv::Result<usize>,
    ) -> std::io::Result<usize> {
        let start = out.len();
        let written = write(self).and_then(|at| {
            self.writer.flush()?;
            Ok(at)
        });
        // Taken out whatever happened: an error stops the run.
        let mut bytes = self.bytes.0.borrow_mut();
        out.extend_from_slice(&bytes);
        bytes.clear();
        written
            .map(|at| start + at)
            .map_err(|e| std::io::Error::other(format!("could not write CSV: {e}")))
    }
}

/// Writes `record`'s row of `error-codes.csv`, its counterpart left empty,
/// and returns where the counterpart goes (see [`super::entry`]).
pub(super) fn write_code_row(
    rows: &mut CsvRows,
    scratch: &mut String,
    record: &Record,
) -> csv::Result<usize> {
    let source = record.sources.first();
    let code = record.code;
    let writer = rows.writer();
    write_display(writer, scratch, code)?;
    write_display(writer, scratch, code.value())?;
    write_display(writer, scratch, code.signed())?;
    writer.write_field(guard(&record.name).as_bytes())?;
    writer.write_field(if code.is_failure() {
        "error"
    } else {
        "success"
    })?;
    write_display(writer, scratch, code.facility())?;
    writer.write_field(record.family.as_str())?;
    writer.write_field(guard(&record.document).as_bytes())?;
    writer.write_field(guard(&record.section).as_bytes())?;
    // The counterpart: empty here, put in where it ends.
    writer.write_field("")?;
    let slot = rows.written()?;
    let writer = rows.writer();
    writer.write_field(if record.repairs.is_empty() {
        "no"
    } else {
        "yes"
    })?;
    match source {
        Some(s) => {
            writer.write_field(guard(&s.file).as_bytes())?;
            write_display(writer, scratch, s.line)?;
            write_display(writer, scratch, s.column)?;
        }
        None => {
            for _ in 0..3 {
                writer.write_field("")?;
            }
        }
    }
    // Last, so that the columns before it keep their places.
    scratch.clear();
    for (i, alias) in record.aliases.iter().enumerate() {
        if i > 0 {
            scratch.push_str(ALIAS_SEPARATOR);
        }
        scratch.push_str(alias);
    }
    writer.write_field(guard(scratch).as_bytes())?;
    writer.write_record(std::iter::empty::<&[u8]>())?;
    Ok(slot)
}

/// Writes `record`'s rows of `descriptions.csv`, one per locale.
pub(super) fn write_description_rows(
    rows: &mut CsvRows,
    scratch: &mut String,
    record: &Record,
) -> csv::Result<()> {
    let writer = rows.writer();
    let mut code = String::with_capacity(10);
    let _ = write!(code, "{}", record.code);
    for (locale, text) in record.descriptions.iter() {
        let source = record.sources.iter().find(|s| &*s.locale == locale);
        let line = source.map(|s| s.cells.description.map_or(s.line, |c| c.line));
        writer.write_field(guard(&record.document).as_bytes())?;
        writer.write_field(&code)?;
        writer.write_field(guard(&record.name).as_bytes())?;
        writer.write_field(guard(locale).as_bytes())?;
        writer.write_field(guard(text).as_bytes())?;
        writer.write_field(guard(source.map_or("", |s| &*s.file)).as_bytes())?;
        match line {
            Some(line) => write_display(writer, scratch, line)?,
            None => writer.write_field("")?,
        }
        writer.write_record(std::iter::empty::<&[u8]>())?;
    }
    Ok(())
}
