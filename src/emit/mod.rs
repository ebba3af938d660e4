//! Emit: the dataset as JSON, CSV and Rust source, written atomically.

pub mod csv;
pub mod json;
pub mod rust;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Dataset;

/// One output file: its name inside `out/` and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// File name inside the output folder.
    pub name: &'static str,
    /// The content.
    pub bytes: Vec<u8>,
}

/// Renders every dataset output in memory.
pub fn render(dataset: &Dataset) -> Result<Vec<OutputFile>> {
    Ok(vec![
        OutputFile {
            name: json::FILE_NAME,
            bytes: json::render(dataset),
        },
        OutputFile {
            name: csv::CODES_FILE_NAME,
            bytes: csv::render_codes(dataset)?,
        },
        OutputFile {
            name: csv::DESCRIPTIONS_FILE_NAME,
            bytes: csv::render_descriptions(dataset)?,
        },
        OutputFile {
            name: rust::FILE_NAME,
            bytes: rust::render(dataset).into_bytes(),
        },
    ])
}

/// Writes the files into `dir`: every file goes to a temporary file first,
/// and only when all are written are they renamed into place, so a failure
/// leaves the previous outputs as they were.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut staged = Vec::with_capacity(files.len());
    for file in files {
        let mut builder = tempfile::Builder::new();
        builder.prefix(".errdocs-");
        // Temporary files are private by default; outputs are for everyone
        // who can read the folder.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let mut temp = builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
        temp.write_all(&file.bytes)
            .and_then(|()| temp.flush())
            .map_err(|e| Error::io(temp.path(), e))?;
        staged.push((temp, dir.join(file.name)));
    }
    for (temp, path) in staged {
        temp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
    }
    Ok(())
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
