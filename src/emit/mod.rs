//! Emit: the dataset as JSON, CSV and Rust source, the output folder
//! replaced as one step ([`outdir`]).

pub mod csv;
pub mod data_file;
mod direct;
pub mod entry;
pub mod json;
pub mod outdir;
pub mod rust;
pub mod spill;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::threads::join;
use data_file::DATA_FILES;
use spill::SpilledDataset;

/// The dataset as its outputs are written from it.
#[derive(Debug, Clone, Copy)]
pub enum DatasetOutput<'a> {
    /// Every record whole, in memory: each data file is written on its own
    /// thread, rendering each entry as it goes.
    Whole(&'a Dataset),
    /// Records cut to what the check reads (their codes, names and
    /// counterparts, in the dataset's order), and every record's entries
    /// on disk (what `build` reads, see [`spill`]): the data files are
    /// written together, each record's entries read once.
    Spilled(&'a Dataset, &'a SpilledDataset),
}

/// One output file: its name inside `out/` and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// File name inside the output folder.
    pub name: &'static str,
    /// The content.
    pub bytes: Vec<u8>,
}

/// Renders the dataset as `error-codes.json`, in memory.
pub fn render_json(dataset: &Dataset) -> Vec<u8> {
    // Only the CSV writer can fail, and not the JSON's.
    data_file::JSON.render_whole(dataset).unwrap_or_default()
}

/// Renders the dataset as `error_codes.rs`, in memory.
pub fn render_rust(dataset: &Dataset) -> String {
    // Only the CSV writer can fail, and not the Rust module's.
    String::from_utf8_lossy(&data_file::RUST.render_whole(dataset).unwrap_or_default()).into_owned()
}

/// Renders every dataset output in memory: from a whole dataset each on
/// its own thread (they are independent, and on a large corpus they are
/// much of a build's time).
pub fn render(source: DatasetOutput) -> Result<Vec<OutputFile>> {
    match source {
        DatasetOutput::Whole(dataset) => std::thread::scope(|scope| {
            let handles: Vec<_> = DATA_FILES
                .iter()
                .map(|file| {
                    scope.spawn(move || {
                        let bytes = file
                            .render_whole(dataset)
                            .map_err(|e| Error::io(Path::new(file.name), e))?;
                        Ok(OutputFile {
                            name: file.name,
                            bytes,
                        })
                    })
                })
                .collect();
            handles.into_iter().map(join).collect()
        }),
        DatasetOutput::Spilled(dataset, spilled) => {
            let mut bytes: [Vec<u8>; 4] = Default::default();
            {
                let [a, b, c, d] = &mut bytes;
                let mut outs: [&mut dyn Write; 4] = [a, b, c, d];
                data_file::write_spilled(dataset, spilled, &mut outs).map_err(|(file, e)| {
                    match file.and_then(|at| DATA_FILES.get(at)) {
                        Some(file) => Error::io(Path::new(file.name), e),
                        None => spilled.error(e),
                    }
                })?;
            }
            Ok(DATA_FILES
                .iter()
                .zip(bytes)
                .map(|(file, bytes)| OutputFile {
                    name: file.name,
                    bytes,
                })
                .collect())
        }
    }
}

/// Renders every output and writes the whole set into `dir` as one step:
/// from a whole dataset each output on its own thread, from a spilled one
/// the four together (see [`DatasetOutput`]), straight into a new folder
/// beside `dir`,
/// which replaces `dir` only when all are written (see [`outdir`]); a
/// failure leaves the previous outputs as they were. Returns the paths
/// written.
///
/// `extra` runs beside the rendering (the check's last step, for `build`): it returns a
/// value for the caller, and may write more files through the [`Stager`]
/// it is given; they are part of the new set.
pub fn render_and_write<T: Send>(
    source: DatasetOutput,
    dir: &Path,
    extra: impl FnOnce(&Stager) -> T + Send,
) -> Result<(T, Vec<PathBuf>)> {
    let transaction = outdir::Transaction::begin(dir)?;
    let staging = transaction.staging();
    let stager = Stager {
        dir: staging,
        shown: dir,
        staged: std::sync::Mutex::new(Vec::new()),
    };
    let (mut staged, value) = std::thread::scope(|scope| {
        let extra = scope.spawn(|| extra(&stager));
        // The outputs stream into their files: a large corpus's outputs
        // are several times its size, and need not be in memory.
        let staged: Vec<Result<&'static str>> = match source {
            DatasetOutput::Whole(dataset) => {
                let handles: Vec<_> = DATA_FILES
                    .iter()
                    .map(|file| {
                        scope.spawn(move || {
                            stage_with(staging, dir, file.name, |out, path| {
                                file.write_whole(dataset, out)
                                    .map_err(|e| Error::io(path, e))
                            })
                        })
                    })
                    .collect();
                handles.into_iter().map(join).collect()
            }
            DatasetOutput::Spilled(dataset, spilled) => {
                match stage_data_files(staging, dir, dataset, spilled) {
                    Ok(()) => DATA_FILES.iter().map(|file| Ok(file.name)).collect(),
                    Err(error) => vec![Err(error)],
                }
            }
        };
        (staged, join(extra))
    });
    let names: Vec<String> = staged
        .drain(..)
        .map(|r| r.map(str::to_string))
        .chain(
            stager
                .staged
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
        .collect::<Result<_>>()?;
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    Ok((value, transaction.commit(&names)?))
}

/// Stages more output files beside the dataset's, for
/// [`render_and_write`]'s `extra`.
pub struct Stager<'d> {
    /// The folder of the new set.
    dir: &'d Path,
    /// The output folder, as errors name it.
    shown: &'d Path,
    staged: std::sync::Mutex<Vec<Result<String>>>,
}

impl Stager<'_> {
    /// Streams the file `name` into the new set (which is dropped whole if
    /// any output fails).
    pub fn write(&self, name: &str, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
        let staged = stage_with(self.dir, self.shown, name, |out, path| {
            write(out).map_err(|e| Error::io(path, e))
        })
        .map(|_| name.to_string());
        self.staged
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(staged);
    }
}

/// The files in `dir` whose content differs from `files` (or that are
/// missing): what `build --check` reports as stale.
pub fn stale(dir: &Path, files: &[OutputFile]) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|f| !holds_exactly(&dir.join(f.name), &f.bytes))
        .map(|f| dir.join(f.name))
        .collect()
}

/// Whether the file at `path` holds `bytes` and nothing more. At most one
/// byte past them is read: an output replaced by a link to a device
/// (`/dev/zero`) was read without end.
fn holds_exactly(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let limit = u64::try_from(bytes.len())
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut held = Vec::with_capacity(bytes.len().saturating_add(1));
    file.take(limit).read_to_end(&mut held).is_ok() && held == bytes
}

/// Writes the data files into the folder `staging` from a spilled
/// dataset, all four at once (see [`data_file::write_spilled`]); errors
/// name each file as it will be in `shown`.
fn stage_data_files(
    staging: &Path,
    shown: &Path,
    dataset: &Dataset,
    spilled: &SpilledDataset,
) -> Result<()> {
    let create = |name: &str| -> Result<(direct::DirectWriter, PathBuf)> {
        let path = shown.join(name);
        let file = std::fs::File::create(staging.join(name)).map_err(|e| Error::io(&path, e))?;
        Ok((direct::DirectWriter::new(file), path))
    };
    let [json, codes, descriptions, rust] = DATA_FILES.map(|file| create(file.name));
    let mut files = [json?, codes?, descriptions?, rust?];
    {
        let [a, b, c, d] = &mut files;
        let mut outs: [&mut dyn Write; 4] = [&mut a.0, &mut b.0, &mut c.0, &mut d.0];
        data_file::write_spilled(dataset, spilled, &mut outs).map_err(|(file, e)| {
            match file.and_then(|at| DATA_FILES.get(at)) {
                Some(file) => Error::io(shown.join(file.name), e),
                None => spilled.error(e),
            }
        })?;
    }
    for (out, path) in files {
        out.finish().map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// Lets `write` fill the new file `name` in the folder `staging` (through
/// a buffer); errors name the file as it will be in `shown`, the output
/// folder.
fn stage_with<'n>(
    staging: &Path,
    shown: &Path,
    name: &'n str,
    write: impl FnOnce(&mut dyn Write, &Path) -> Result<()>,
) -> Result<&'n str> {
    let path = shown.join(name);
    let file = std::fs::File::create(staging.join(name)).map_err(|e| Error::io(&path, e))?;
    let mut out = direct::DirectWriter::new(file);
    write(&mut out, &path)?;
    out.finish().map_err(|e| Error::io(&path, e))?;
    Ok(name)
}
