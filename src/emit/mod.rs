//! Emit: the dataset as JSON, CSV and Rust source, the output folder
//! replaced as one step ([`outdir`]).

pub mod csv;
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
use entry::{EntryKind, EntryRenderer};
use spill::SpilledDataset;

/// The dataset as its outputs are written from it.
#[derive(Debug, Clone, Copy)]
pub enum DatasetOutput<'a> {
    /// Every record whole, in memory: each entry is rendered as it is
    /// written.
    Whole(&'a Dataset),
    /// Records cut to what the check reads (their codes, names and
    /// counterparts, in the dataset's order), and every record's entries
    /// on disk (what `build` reads, see [`spill`]).
    Spilled(&'a Dataset, &'a SpilledDataset),
}

impl<'a> DatasetOutput<'a> {
    /// The dataset: its documents, statistics and unresolved rows, and its
    /// records (whole or cut).
    pub fn dataset(&self) -> &'a Dataset {
        match self {
            DatasetOutput::Whole(dataset) | DatasetOutput::Spilled(dataset, _) => dataset,
        }
    }

    /// Calls `write` with each record's entry of `kind`, its counterpart
    /// in, in the dataset's order.
    pub fn for_each_entry(
        &self,
        kind: EntryKind,
        mut write: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let (mut rendered, mut entry) = (Vec::with_capacity(4096), Vec::with_capacity(4096));
        let mut renderer = EntryRenderer::default();
        let records = &self.dataset().records;
        if let DatasetOutput::Spilled(_, spilled) = self
            && spilled.len() != records.len()
        {
            return Err(std::io::Error::other(format!(
                "internal error: {} records spilled for {} in the dataset",
                spilled.len(),
                records.len()
            )));
        }
        for (index, record) in records.iter().enumerate() {
            rendered.clear();
            let slot = match self {
                DatasetOutput::Whole(_) => renderer.render(kind, record, &mut rendered),
                DatasetOutput::Spilled(_, spilled) => {
                    spilled.read_entry(index, record.code.value(), kind, &mut rendered)?
                }
            };
            entry.clear();
            entry::splice(kind, &rendered, slot, record.counterpart, &mut entry);
            write(&entry)?;
        }
        Ok(())
    }
}

/// One output file: its name inside `out/` and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// File name inside the output folder.
    pub name: &'static str,
    /// The content.
    pub bytes: Vec<u8>,
}

type Writer = fn(&DatasetOutput, &mut dyn Write, &Path) -> Result<()>;

/// Every output: its file name, and how to write it as it is produced.
const OUTPUTS: [(&str, Writer); 4] = [
    (json::FILE_NAME, |d, w, path| {
        json::write(d, w).map_err(|e| Error::io(path, e))
    }),
    (csv::CODES_FILE_NAME, |d, w, _| csv::write_codes(d, w)),
    (csv::DESCRIPTIONS_FILE_NAME, |d, w, _| {
        csv::write_descriptions(d, w)
    }),
    (rust::FILE_NAME, |d, w, path| {
        rust::write(d, w).map_err(|e| Error::io(path, e))
    }),
];

/// Renders every dataset output in memory, each on its own thread: they are
/// independent, and on a large corpus they are much of a build's time.
pub fn render(source: DatasetOutput) -> Result<Vec<OutputFile>> {
    let rendered: Vec<Result<OutputFile>> = std::thread::scope(|scope| {
        let handles: Vec<_> = OUTPUTS
            .iter()
            .map(|&(name, write)| {
                scope.spawn(move || {
                    let mut bytes = Vec::new();
                    write(&source, &mut bytes, Path::new(name))?;
                    Ok(OutputFile { name, bytes })
                })
            })
            .collect();
        handles.into_iter().map(join).collect()
    });
    rendered.into_iter().collect()
}

/// Renders every output and writes the whole set into `dir` as one step:
/// each output on its own thread, straight into a new folder beside `dir`,
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
        // Each output streams into its file: a large corpus's outputs are
        // several times its size, and need not be in memory.
        let handles: Vec<_> = OUTPUTS
            .iter()
            .map(|&(name, write)| {
                scope.spawn(move || {
                    stage_with(staging, dir, name, |out, path| write(&source, out, path))
                })
            })
            .collect();
        let staged: Vec<Result<&'static str>> = handles.into_iter().map(join).collect();
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
        .filter(|f| std::fs::read(dir.join(f.name)).ok().as_deref() != Some(f.bytes.as_slice()))
        .map(|f| dir.join(f.name))
        .collect()
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
