//! The CSV outputs, in a tidy layout: `error-codes.csv` has one row per
//! record, `descriptions.csv` one row per record and locale. They join on
//! `document`, `code` and `name`.

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
    for record in &dataset.records {
        let source = record.sources.first();
        writer
            .write_record([
                record.code.to_string(),
                record.code.value().to_string(),
                record.code.signed().to_string(),
                record.name.clone(),
                if record.code.is_failure() {
                    "error"
                } else {
                    "success"
                }
                .to_string(),
                record.code.facility().to_string(),
                record.family.as_str().to_string(),
                record.document.clone(),
                record.section.clone(),
                record
                    .counterpart
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                if record.repairs.is_empty() {
                    "no"
                } else {
                    "yes"
                }
                .to_string(),
                source.map(|s| s.file.clone()).unwrap_or_default(),
                source.map(|s| s.line.to_string()).unwrap_or_default(),
                source.map(|s| s.column.to_string()).unwrap_or_default(),
            ])
            .map_err(&csv_error)?;
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
    for record in &dataset.records {
        for (locale, text) in &record.descriptions {
            let source = record.sources.iter().find(|s| &s.locale == locale);
            let line = source
                .and_then(|s| s.cells.get("description").map(|c| c.line).or(Some(s.line)))
                .map(|l| l.to_string())
                .unwrap_or_default();
            writer
                .write_record([
                    record.document.as_str(),
                    &record.code.to_string(),
                    &record.name,
                    locale,
                    text,
                    source.map_or("", |s| s.file.as_str()),
                    &line,
                ])
                .map_err(&csv_error)?;
        }
    }
    writer.flush().map_err(|e| csv_error(csv::Error::from(e)))
}
