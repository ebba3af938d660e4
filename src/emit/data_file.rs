//! The four data files, each written as a beginning, its records' entries
//! (see [`super::entry`]) in the dataset's order, and an end: from a whole
//! dataset, each file on its own, rendering each entry as it goes; from a
//! spilled one, all four together, reading each record's entries from
//! disk once.

use std::io::Write;

use super::entry::{self, EntryKind, EntryRenderer};
use super::spill::SpilledDataset;
use crate::model::Dataset;

/// A data file: its name, and how it is written around its entries.
#[derive(Debug, Clone, Copy)]
pub struct DataFile {
    /// The file name inside `out/`.
    pub name: &'static str,
    /// Which entry of each record it holds.
    pub kind: EntryKind,
    /// Writes what comes before the records' entries.
    pub begin: fn(&Dataset, &mut dyn Write) -> std::io::Result<()>,
    /// Written before the first entry, and before each of the others.
    pub separators: [&'static [u8]; 2],
    /// Writes what comes after them; told whether there were none.
    pub end: fn(&Dataset, bool, &mut dyn Write) -> std::io::Result<()>,
}

/// Every data file, in [`EntryKind::ALL`]'s order.
pub const DATA_FILES: [DataFile; 4] = [JSON, CODES_CSV, DESCRIPTIONS_CSV, RUST];

/// `error-codes.json`.
pub const JSON: DataFile = DataFile {
    name: super::json::FILE_NAME,
    kind: EntryKind::Json,
    begin: super::json::begin,
    separators: super::json::SEPARATORS,
    end: super::json::end,
};

/// `error-codes.csv`.
pub const CODES_CSV: DataFile = DataFile {
    name: super::csv::CODES_FILE_NAME,
    kind: EntryKind::Codes,
    begin: |_, out| out.write_all(super::csv::CODES_HEADER),
    separators: [b"", b""],
    end: |_, _, _| Ok(()),
};

/// `descriptions.csv`.
pub const DESCRIPTIONS_CSV: DataFile = DataFile {
    name: super::csv::DESCRIPTIONS_FILE_NAME,
    kind: EntryKind::Descriptions,
    begin: |_, out| out.write_all(super::csv::DESCRIPTIONS_HEADER),
    separators: [b"", b""],
    end: |_, _, _| Ok(()),
};

/// `error_codes.rs`.
pub const RUST: DataFile = DataFile {
    name: super::rust::FILE_NAME,
    kind: EntryKind::Rust,
    begin: super::rust::write_begin,
    separators: [b"", b""],
    end: |dataset, _, out| super::rust::write_end(dataset, out),
};

impl DataFile {
    /// Writes the file for a dataset of whole records, rendering each
    /// record's entry as it goes.
    pub fn write_whole(&self, dataset: &Dataset, out: &mut dyn Write) -> std::io::Result<()> {
        (self.begin)(dataset, out)?;
        let mut renderer = EntryRenderer::default();
        let (mut rendered, mut spliced) = (Vec::with_capacity(4096), Vec::with_capacity(4096));
        for (index, record) in dataset.records.iter().enumerate() {
            rendered.clear();
            let slot = renderer.render(self.kind, record, &mut rendered)?;
            spliced.clear();
            spliced.extend_from_slice(self.separators[usize::from(index > 0)]);
            entry::splice(self.kind, &rendered, slot, record.counterpart, &mut spliced);
            out.write_all(&spliced)?;
        }
        (self.end)(dataset, dataset.records.is_empty(), out)
    }

    /// Renders the file for a dataset of whole records in memory.
    pub fn render_whole(&self, dataset: &Dataset) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        self.write_whole(dataset, &mut out)?;
        Ok(out)
    }
}

/// Writes every data file (`outs` in [`DATA_FILES`]' order) from the
/// records cut to what the check reads (`dataset`: their order, and their
/// counterparts) and their entries on disk (`spilled`), reading each
/// record's entries once. An error says which file it is about (its
/// index), or `None` for the temporary file.
pub fn write_spilled(
    dataset: &Dataset,
    spilled: &SpilledDataset,
    outs: &mut [&mut dyn Write; 4],
) -> Result<(), (Option<usize>, std::io::Error)> {
    if spilled.len() != dataset.records.len() {
        return Err((
            None,
            std::io::Error::other(format!(
                "internal error: {} records on disk for {} in the dataset",
                spilled.len(),
                dataset.records.len()
            )),
        ));
    }
    for (at, (file, out)) in DATA_FILES.iter().zip(outs.iter_mut()).enumerate() {
        (file.begin)(dataset, *out).map_err(|e| (Some(at), e))?;
    }
    let (mut entries, mut spliced) = (Vec::with_capacity(8192), Vec::with_capacity(4096));
    for (index, record) in dataset.records.iter().enumerate() {
        let parts = spilled
            .read_record(index, record.code.value(), &mut entries)
            .map_err(|e| (None, e))?;
        for (at, ((file, out), (range, slot))) in DATA_FILES
            .iter()
            .zip(outs.iter_mut())
            .zip(parts)
            .enumerate()
        {
            spliced.clear();
            spliced.extend_from_slice(file.separators[usize::from(index > 0)]);
            let rendered = entries
                .get(range)
                .filter(|entry| slot <= entry.len())
                .ok_or_else(|| {
                    let message = format!("internal error: record {index}'s entries do not fit");
                    (None, std::io::Error::other(message))
                })?;
            entry::splice(file.kind, rendered, slot, record.counterpart, &mut spliced);
            out.write_all(&spliced).map_err(|e| (Some(at), e))?;
        }
    }
    for (at, (file, out)) in DATA_FILES.iter().zip(outs.iter_mut()).enumerate() {
        (file.end)(dataset, dataset.records.is_empty(), *out).map_err(|e| (Some(at), e))?;
    }
    Ok(())
}
