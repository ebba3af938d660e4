//! Emit: the dataset as JSON, CSV and Rust source, written atomically.

pub mod csv;
mod direct;
pub mod json;
pub mod rust;

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::threads::join;

/// One output file: its name inside `out/` and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// File name inside the output folder.
    pub name: &'static str,
    /// The content.
    pub bytes: Vec<u8>,
}

type Renderer = fn(&Dataset) -> Result<Vec<u8>>;
type Writer = fn(&Dataset, &mut dyn Write, &Path) -> Result<()>;

/// Every output: its file name, how to render it in memory, and how to
/// write it to a file as it is produced.
const OUTPUTS: [(&str, Renderer, Writer); 4] = [
    (
        json::FILE_NAME,
        |d| Ok(json::render(d)),
        |d, w, path| json::write(d, w).map_err(|e| Error::io(path, e)),
    ),
    (csv::CODES_FILE_NAME, csv::render_codes, |d, w, _| {
        csv::write_codes(d, w)
    }),
    (
        csv::DESCRIPTIONS_FILE_NAME,
        csv::render_descriptions,
        |d, w, _| csv::write_descriptions(d, w),
    ),
    (
        rust::FILE_NAME,
        |d| Ok(rust::render(d).into_bytes()),
        |d, w, path| rust::write(d, w).map_err(|e| Error::io(path, e)),
    ),
];

/// Renders every dataset output in memory, each on its own thread: they are
/// independent, and on a large corpus they are much of a build's time.
pub fn render(dataset: &Dataset) -> Result<Vec<OutputFile>> {
    let rendered: Vec<Result<OutputFile>> = std::thread::scope(|scope| {
        let handles: Vec<_> = OUTPUTS
            .iter()
            .map(|&(name, render, _)| {
                scope.spawn(move || {
                    Ok(OutputFile {
                        name,
                        bytes: render(dataset)?,
                    })
                })
            })
            .collect();
        handles.into_iter().map(join).collect()
    });
    rendered.into_iter().collect()
}

/// Renders every output and writes it into `dir`: each output on its own
/// thread, straight to a temporary file; only when all are written are they
/// renamed into place (see `persist`), so a failure leaves the previous
/// outputs as they were. Returns the paths written.
///
/// `extra` runs beside the rendering (the check, for `build`): it returns a
/// value for the caller, and may write more files through the [`Stager`]
/// it is given; they are renamed into place with the others.
pub fn render_and_write<T: Send>(
    dataset: &Dataset,
    dir: &Path,
    extra: impl FnOnce(&Stager) -> T + Send,
) -> Result<(T, Vec<PathBuf>)> {
    create_out_dir(dir)?;
    let stager = Stager {
        dir,
        staged: std::sync::Mutex::new(Vec::new()),
    };
    let (mut staged, value) = std::thread::scope(|scope| {
        let extra = scope.spawn(|| extra(&stager));
        // Each output streams into its temporary file: a large corpus's
        // outputs are several times its size, and need not be in memory.
        let handles: Vec<_> = OUTPUTS
            .iter()
            .map(|&(name, _, write)| {
                scope.spawn(move || stage_with(dir, name, |out, path| write(dataset, out, path)))
            })
            .collect();
        let staged: Vec<Result<(NamedTempFile, PathBuf)>> = handles.into_iter().map(join).collect();
        (staged, join(extra))
    });
    staged.extend(
        stager
            .staged
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    let staged: Vec<(NamedTempFile, PathBuf)> = staged.into_iter().collect::<Result<_>>()?;
    Ok((value, persist(staged)?))
}

/// Stages more output files beside the dataset's, for
/// [`render_and_write`]'s `extra`.
pub struct Stager<'d> {
    dir: &'d Path,
    staged: std::sync::Mutex<Vec<Result<(NamedTempFile, PathBuf)>>>,
}

impl Stager<'_> {
    /// Streams the file `name` into a temporary file, to be renamed into
    /// place with the dataset's outputs (or dropped if any output fails).
    pub fn write(&self, name: &str, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
        let staged = stage_with(self.dir, name, |out, path| {
            write(out).map_err(|e| Error::io(path, e))
        });
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

fn create_out_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::io(
            dir,
            std::io::Error::new(e.kind(), format!("cannot create the output folder: {e}")),
        )
    })
}

/// Lets `write` fill a new temporary file in `dir` (through a buffer), to be
/// renamed to `name`.
fn stage_with(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn Write, &Path) -> Result<()>,
) -> Result<(NamedTempFile, PathBuf)> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".errdocs-");
    // Temporary files are private by default; outputs are for everyone who
    // can read the folder.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let temp = builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
    let path = dir.join(name);
    let file = temp.as_file().try_clone().map_err(|e| Error::io(dir, e))?;
    let mut out = direct::DirectWriter::new(file);
    write(&mut out, &path)?;
    out.finish().map_err(|e| Error::io(&path, e))?;
    Ok((temp, path))
}

/// Renames staged files into place. Several renames cannot be one atomic
/// step, so the current files are first moved aside; if a rename fails, the
/// new files are removed and the old ones put back.
fn persist(staged: Vec<(NamedTempFile, PathBuf)>) -> Result<Vec<PathBuf>> {
    for (_, path) in &staged {
        if path.is_dir() {
            return Err(Error::io(
                path,
                std::io::Error::other("is a folder; errdocs writes a file of this name here"),
            ));
        }
    }
    let mut backups: Vec<(PathBuf, PathBuf)> = Vec::new();
    let restore = |backups: &[(PathBuf, PathBuf)]| {
        for (path, backup) in backups {
            let _ = std::fs::rename(backup, path);
        }
    };
    for (_, path) in &staged {
        if !path.exists() {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let backup = path.with_file_name(format!(".errdocs-old-{name}"));
        if let Err(e) = std::fs::rename(path, &backup) {
            restore(&backups);
            return Err(Error::io(path, e));
        }
        backups.push((path.clone(), backup));
    }
    let mut written = Vec::with_capacity(staged.len());
    for (temp, path) in staged {
        if let Err(e) = temp.persist(&path) {
            for new in &written {
                let _ = std::fs::remove_file(new);
            }
            restore(&backups);
            return Err(Error::io(&path, e.error));
        }
        written.push(path);
    }
    for (_, backup) in backups {
        let _ = std::fs::remove_file(backup);
    }
    Ok(written)
}
