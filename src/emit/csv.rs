//! The CSV outputs, in a tidy layout: `error-codes.csv` has one row per
//! record, `descriptions.csv` one row per record and locale. They join on
//! `document`, `code` and `name`. Text cells that a spreadsheet would read
//! as a formula are prefixed with `'` (see [`crate::safe_text::csv_cell`]).

use std::fmt::Write as _;

use crate::error::{Error, Result};
use crate::model::Dataset;

/// One row per record.
pub const CODES_FILE_NAME: &str = "error-codes.csv";
/// One row per record and locale.
pub const DESCRIPTIONS_FILE_NAME: &str = "descriptions.csv";

fn csv_error(file: &str) -> impl Fn(csv::Error) -> Error + '_ {
    move |e| Error::Io {
        path: file.into(),
        source: std::io::Error::other(format!("could not write CSV: {e}")),
    }
}

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

/// Renders `error-codes.csv`.
pub fn render_codes(dataset: &Dataset) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_codes(dataset, &mut out)?;
    Ok(out)
}

/// Writes `error-codes.csv` to `out`.
pub fn write_codes(dataset: &Dataset, out: &mut dyn std::io::Write) -> Result<()> {
    let csv_error = csv_error(CODES_FILE_NAME);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer
        .write_record([
            "code",
            "value",
            "decimal",
            "name",
            "severity",
            "facility",
            "family",
            "document",
            "section",
            "counterpart",
            "repaired",
            "file",
            "line",
            "column",
        ])
        .map_err(&csv_error)?;
    // Numbers are formatted into one scratch buffer: a field is a borrowed
    // string, never a string made for the row.
    let mut scratch = String::new();
    for record in &dataset.records {
        let source = record.sources.first();
        let code = record.code;
        let mut row = || -> csv::Result<()> {
            write_display(&mut writer, &mut scratch, code)?;
            write_display(&mut writer, &mut scratch, code.value())?;
            write_display(&mut writer, &mut scratch, code.signed())?;
            writer.write_field(guard(&record.name).as_bytes())?;
            writer.write_field(if code.is_failure() {
                "error"
            } else {
                "success"
            })?;
            write_display(&mut writer, &mut scratch, code.facility())?;
            writer.write_field(record.family.as_str())?;
            writer.write_field(guard(&record.document).as_bytes())?;
            writer.write_field(guard(&record.section).as_bytes())?;
            match record.counterpart {
                Some(counterpart) => write_display(&mut writer, &mut scratch, counterpart)?,
                None => writer.write_field("")?,
            }
            writer.write_field(if record.repairs.is_empty() {
                "no"
            } else {
                "yes"
            })?;
            match source {
                Some(s) => {
                    writer.write_field(guard(&s.file).as_bytes())?;
                    write_display(&mut writer, &mut scratch, s.line)?;
                    write_display(&mut writer, &mut scratch, s.column)?;
                }
                None => {
                    for _ in 0..3 {
                        writer.write_field("")?;
                    }
                }
            }
            writer.write_record(std::iter::empty::<&[u8]>())
        };
        row().map_err(&csv_error)?;
    }
    writer.flush().map_err(|e| csv_error(csv::Error::from(e)))
}

/// Renders `descriptions.csv`.
pub fn render_descriptions(dataset: &Dataset) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_descriptions(dataset, &mut out)?;
    Ok(out)
}

/// Writes `descriptions.csv` to `out`.
pub fn write_descriptions(dataset: &Dataset, out: &mut dyn std::io::Write) -> Result<()> {
    let csv_error = csv_error(DESCRIPTIONS_FILE_NAME);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer
        .write_record([
            "document",
            "code",
            "name",
            "locale",
            "description",
            "file",
            "line",
        ])
        .map_err(&csv_error)?;
    let (mut scratch, mut code) = (String::new(), String::new());
    for record in &dataset.records {
        code.clear();
        let _ = write!(code, "{}", record.code);
        for (locale, text) in record.descriptions.iter() {
            let source = record.sources.iter().find(|s| &*s.locale == locale);
            let line = source.map(|s| s.cells.description.map_or(s.line, |c| c.line));
            let mut row = || -> csv::Result<()> {
                writer.write_field(guard(&record.document).as_bytes())?;
                writer.write_field(&code)?;
                writer.write_field(guard(&record.name).as_bytes())?;
                writer.write_field(guard(locale).as_bytes())?;
                writer.write_field(guard(text).as_bytes())?;
                writer.write_field(guard(source.map_or("", |s| &*s.file)).as_bytes())?;
                match line {
                    Some(line) => write_display(&mut writer, &mut scratch, line)?,
                    None => writer.write_field("")?,
                }
                writer.write_record(std::iter::empty::<&[u8]>())
            };
            row().map_err(&csv_error)?;
        }
    }
    writer.flush().map_err(|e| csv_error(csv::Error::from(e)))
}
