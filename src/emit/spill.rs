//! Records written to disk as their documents finish, so that `build`
//! need not hold the dataset: each record's entries (see [`super::entry`])
//! are appended to a temporary file, and only a small index of them is
//! kept. Once every document is read the index is sorted into the
//! dataset's order, and each record's entries are read back in that order
//! (once for the four files, see [`super::data_file`]), the counterparts,
//! which only the whole dataset knows, put in.
//!
//! The file has no name (on Linux it never has one where the file system
//! allows; elsewhere it is removed as soon as it is made), so a run that
//! is killed leaves nothing behind.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::entry::{EntryKind, EntryRenderer};
use crate::error::{Error, Result};
use crate::model::Record;

/// Where a record's entries are in the file.
#[derive(Debug, Clone, Copy)]
struct SpilledRecord {
    /// The record's code, to check that the order is the dataset's.
    code: u32,
    /// Its document's rank among the documents' ids, sorted.
    document_rank: u32,
    /// Where its first entry starts.
    offset: u64,
    /// Where each entry ends, from `offset`, in [`EntryKind::ALL`]'s order.
    ends: [u32; 4],
    /// Where in each entry its counterpart goes.
    slots: [u32; 4],
}

impl SpilledRecord {
    /// Where the entry of `kind` is among the record's entries, and where
    /// in it its counterpart goes.
    fn entry(&self, kind: EntryKind) -> (std::ops::Range<usize>, usize) {
        let index = kind.index();
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        (
            start as usize..self.ends[index] as usize,
            self.slots[index] as usize,
        )
    }
}

/// The temporary file records are written to, shared by the threads that
/// check documents.
#[derive(Debug)]
pub struct Spill {
    file: Mutex<(File, u64)>,
    /// The folder the file is in, as errors name it.
    dir: PathBuf,
}

/// One document's records, written to a [`Spill`].
#[derive(Debug, Default)]
pub struct SpilledDocument {
    document: Option<Arc<str>>,
    records: Vec<SpilledRecord>,
}

/// Every record's entries on disk, in the dataset's order: what the outputs
/// are written from, beside the records cut to what the check reads.
#[derive(Debug)]
pub struct SpilledDataset {
    file: File,
    records: Vec<SpilledRecord>,
    dir: PathBuf,
}

impl Spill {
    /// Makes the temporary file in `dir`: the folder that holds the output
    /// folder, which `build` writes anyway (not the system's temporary
    /// folder, which may be memory, or too small).
    pub fn create(dir: &Path) -> Result<Spill> {
        let file = tempfile::tempfile_in(dir).map_err(|e| {
            let hint =
                format!("{e}; build needs to write in the folder that holds the output folder");
            spill_error(dir, std::io::Error::new(e.kind(), hint))
        })?;
        let dir = dir.to_path_buf();
        Ok(Spill {
            file: Mutex::new((file, 0)),
            dir,
        })
    }

    /// Renders the entries of one document's `records` (in the dataset's
    /// order) and appends them to the file.
    pub fn write_document(&self, records: &[Record]) -> Result<SpilledDocument> {
        debug_assert!(
            records.is_sorted_by_key(|r| r.code),
            "in the dataset's order"
        );
        let mut renderer = EntryRenderer::default();
        let mut bytes = Vec::with_capacity(records.len() * 2048);
        let mut spilled = Vec::with_capacity(records.len());
        let narrow = |n: usize| u32::try_from(n).map_err(|_| too_large(&self.dir));
        for record in records {
            let start = bytes.len();
            let mut ends = [0; 4];
            let mut slots = [0; 4];
            for kind in EntryKind::ALL {
                let entry_start = bytes.len();
                let slot = renderer
                    .render(kind, record, &mut bytes)
                    .map_err(|e| spill_error(&self.dir, e))?;
                slots[kind.index()] = narrow(slot - entry_start)?;
                ends[kind.index()] = narrow(bytes.len() - start)?;
            }
            spilled.push(SpilledRecord {
                code: record.code.value(),
                document_rank: 0,
                offset: start as u64,
                ends,
                slots,
            });
        }
        let mut file = self
            .file
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (file, len) = &mut *file;
        // A failed write leaves the file's end past `len`, and the offsets
        // wrong: the run stops on the error.
        file.write_all(&bytes)
            .map_err(|e| spill_error(&self.dir, e))?;
        for record in &mut spilled {
            record.offset += *len;
        }
        *len += bytes.len() as u64;
        Ok(SpilledDocument {
            document: records.first().map(|r| r.document.clone()),
            records: spilled,
        })
    }

    /// Every document's records, in the dataset's order: by code, then by
    /// document, then as each document ordered them.
    pub fn finish(self, documents: Vec<SpilledDocument>) -> Result<SpilledDataset> {
        let (file, _) = self
            .file
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // The corpus lists documents by id already; ranked here all the
        // same, as `normalize::sort_records` ranks them for the dataset.
        let mut ids: Vec<&str> = documents
            .iter()
            .filter_map(|d| d.document.as_deref())
            .collect();
        ids.sort_unstable();
        let rank = |id: &str| ids.binary_search(&id).unwrap_or(0) as u32;
        let ranks: Vec<u32> = documents
            .iter()
            .map(|d| d.document.as_deref().map_or(0, rank))
            .collect();
        drop(ids);
        // Each document's index freed as it is moved: the whole index is
        // never held twice.
        let mut records = Vec::with_capacity(documents.iter().map(|d| d.records.len()).sum());
        for (document, document_rank) in documents.into_iter().zip(ranks) {
            records.extend(
                document
                    .records
                    .into_iter()
                    .map(|r| SpilledRecord { document_rank, ..r }),
            );
        }
        // Stable: a document's records keep its order.
        records.sort_by_key(|r| (r.code, r.document_rank));
        Ok(SpilledDataset {
            file,
            records,
            dir: self.dir,
        })
    }
}

impl SpilledDataset {
    /// How many records there are.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// An error reading the temporary file, as the run reports it.
    pub fn error(&self, error: std::io::Error) -> Error {
        spill_error(&self.dir, error)
    }

    /// Reads the entries of the record at `index` (in the dataset's order)
    /// into `buffer`, which it replaces; returns where each entry is in it
    /// and where in the entry its counterpart goes, in [`EntryKind::ALL`]'s
    /// order. `code` is the record's, as the dataset has it: an entry of
    /// another code is an error (the two orders disagree).
    pub fn read_record(
        &self,
        index: usize,
        code: u32,
        buffer: &mut Vec<u8>,
    ) -> std::io::Result<[(std::ops::Range<usize>, usize); 4]> {
        let Some(record) = self.records.get(index).filter(|r| r.code == code) else {
            return Err(std::io::Error::other(format!(
                "internal error: out of step with the dataset at record {index}"
            )));
        };
        let len = record.ends[3] as usize;
        buffer.clear();
        buffer.resize(len, 0);
        read_exact_at(&self.file, buffer, record.offset)?;
        Ok(EntryKind::ALL.map(|kind| record.entry(kind)))
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

#[cfg(not(any(unix, windows)))]
fn read_exact_at(file: &File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
    // One thread reads the file (see `data_file::write_spilled`).
    use std::io::{Read, Seek};
    let mut file = file;
    file.seek(std::io::SeekFrom::Start(offset))?;
    file.read_exact(buffer)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buffer: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buffer.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buffer, offset) {
            Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                buffer = &mut buffer[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn spill_error(dir: &Path, error: std::io::Error) -> Error {
    Error::Io {
        // `.` says little in a message: the folder as an absolute path.
        path: std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()),
        source: std::io::Error::new(
            error.kind(),
            format!(
                "errdocs's temporary file in this folder (the records, until they are written to the output folder): {error}"
            ),
        ),
    }
}

fn too_large(dir: &Path) -> Error {
    spill_error(
        dir,
        std::io::Error::other("a record's entries are larger than 4 GiB"),
    )
}
