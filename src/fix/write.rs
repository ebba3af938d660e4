//! Writing fixed pages back: atomically, keeping each file's permissions,
//! never over a file that changed since it was read, and never outside the
//! project through a symbolic link.
//!
//! Every file is first written in full to a temporary file beside it; only
//! when all are written, and each file still holds the bytes that were
//! read, are they renamed over their files. A failure before the renames
//! changes nothing; a rename is atomic, so each file is either as it was or
//! fully fixed.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

/// One file to write back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    /// The document's path.
    pub path: PathBuf,
    /// Its bytes when they were read (a byte-order mark included).
    pub original: Vec<u8>,
    /// Its new bytes.
    pub bytes: Vec<u8>,
}

/// Where to write a document at `path`: the path itself, or, for a
/// symbolic link, the file it points to, which must be inside `root`
/// (a link must not make errdocs write elsewhere).
pub fn target(path: &Path, root: &Path) -> Result<PathBuf> {
    let metadata = std::fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    if !metadata.file_type().is_symlink() {
        return Ok(path.to_path_buf());
    }
    let resolved = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
    let root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    if resolved.starts_with(&root) {
        Ok(resolved)
    } else {
        Err(Error::io(
            path,
            std::io::Error::other(format!(
                "a link to {}, outside {}; errdocs fix writes only inside the project",
                resolved.display(),
                root.display()
            )),
        ))
    }
}

/// A file written in full beside its target, not yet renamed.
struct Staged {
    temp: NamedTempFile,
    target: PathBuf,
    original: Vec<u8>,
}

/// Writes every file of `rewrites` (see the module's documentation),
/// symbolic links followed only inside `root`. Returns the paths written.
pub fn write_all(rewrites: &[Rewrite], root: &Path) -> Result<Vec<PathBuf>> {
    let mut staged = Vec::with_capacity(rewrites.len());
    for rewrite in rewrites {
        staged.push(stage(rewrite, root)?);
    }
    for file in &staged {
        let now = std::fs::read(&file.target).map_err(|e| Error::io(&file.target, e))?;
        if now != file.original {
            return Err(Error::io(
                &file.target,
                std::io::Error::other(
                    "changed since errdocs read it; nothing was written: run errdocs fix again",
                ),
            ));
        }
    }
    let mut written = Vec::with_capacity(staged.len());
    for file in staged {
        file.temp
            .persist(&file.target)
            .map_err(|e| Error::io(&file.target, e.error))?;
        written.push(file.target);
    }
    Ok(written)
}

/// Writes one file's new bytes to a temporary file in its folder, with its
/// permissions.
fn stage(rewrite: &Rewrite, root: &Path) -> Result<Staged> {
    let target = target(&rewrite.path, root)?;
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let permissions = std::fs::metadata(&target)
        .map_err(|e| Error::io(&target, e))?
        .permissions();
    refuse_read_only(&target, &permissions)?;
    // A failure names the page being fixed: the temporary file's name
    // alone (`.errdocs-fix-k6cC26: No space left on device`) said
    // neither which page nor that nothing was written.
    let not_written = |e: std::io::Error| {
        Error::io(
            &target,
            std::io::Error::new(
                e.kind(),
                format!(
                    "the fixed page could not be written beside it, in {}: {}; nothing was written",
                    folder.display(),
                    crate::error::without_temporary_path(&e)
                ),
            ),
        )
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".errdocs-fix-")
        .tempfile_in(&folder)
        .map_err(not_written)?;
    let path = temp.path().to_path_buf();
    temp.write_all(&rewrite.bytes)
        .and_then(|()| temp.as_file().sync_all())
        .and_then(|()| std::fs::set_permissions(&path, permissions))
        .map_err(not_written)?;
    Ok(Staged {
        temp,
        target,
        original: rewrite.original.clone(),
    })
}

/// Refuses a page that is read-only: without a write permission for
/// anyone, or one this user may not open for writing. The page is
/// replaced by a rename in its folder, which the folder's permissions
/// allow whatever the file's: a page made read-only (a generated or a
/// locked one) was rewritten all the same.
fn refuse_read_only(target: &Path, permissions: &std::fs::Permissions) -> Result<()> {
    const WROTE_NOTHING: &str = "errdocs fix writes only pages it may write, and wrote nothing";
    if permissions.readonly() {
        return Err(Error::io(
            target,
            std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!(
                    "read-only; {WROTE_NOTHING}: make it writable (chmod u+w), or leave it out"
                ),
            ),
        ));
    }
    // Writable by its mode bits but not by this user (its owner, an ACL,
    // a read-only mount, another program holding it): the system's own
    // words say which.
    match std::fs::OpenOptions::new().write(true).open(target) {
        Ok(_) => Ok(()),
        Err(error) => Err(Error::io(
            target,
            std::io::Error::new(
                error.kind(),
                format!("cannot be opened for writing ({error}); {WROTE_NOTHING}"),
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_keep_permissions_and_refuse_changed_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("page.md");
        std::fs::write(&path, "old\n").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        }
        let rewrite = Rewrite {
            path: path.clone(),
            original: b"old\n".to_vec(),
            bytes: b"new\n".to_vec(),
        };
        write_all(std::slice::from_ref(&rewrite), dir.path()).expect("written");
        assert_eq!(std::fs::read(&path).expect("read"), b"new\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        // The file is no longer what was read: nothing is written, and no
        // temporary file is left.
        let err = write_all(&[rewrite], dir.path()).expect_err("refused");
        assert!(
            err.to_string().contains("changed since errdocs read it"),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).expect("read"), b"new\n");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["page.md"]);
    }

    #[test]
    fn read_only_pages_are_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let writable = dir.path().join("a.md");
        let locked = dir.path().join("b.md");
        for path in [&writable, &locked] {
            std::fs::write(path, "old\n").expect("write");
        }
        let mut permissions = std::fs::metadata(&locked).expect("stat").permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&locked, permissions).expect("chmod");
        let rewrites: Vec<Rewrite> = [&writable, &locked]
            .into_iter()
            .map(|path| Rewrite {
                path: path.clone(),
                original: b"old\n".to_vec(),
                bytes: b"new\n".to_vec(),
            })
            .collect();
        let err = write_all(&rewrites, dir.path()).expect_err("refused");
        let said = err.to_string();
        assert!(
            said.starts_with(&locked.display().to_string()) && said.contains("read-only"),
            "{said}"
        );
        for path in [&writable, &locked] {
            assert_eq!(std::fs::read(path).expect("read"), b"old\n");
        }
        let names = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(names, 2, "a temporary file was left");
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_project_are_refused() {
        let outside = tempfile::tempdir().expect("temp dir");
        let project = tempfile::tempdir().expect("temp dir");
        let elsewhere = outside.path().join("page.md");
        std::fs::write(&elsewhere, "x\n").expect("write");
        let link = project.path().join("page.md");
        std::os::unix::fs::symlink(&elsewhere, &link).expect("link");
        let err = target(&link, project.path()).expect_err("refused");
        assert!(err.to_string().contains("outside"), "{err}");
        let inside = project.path().join("real.md");
        std::fs::write(&inside, "x\n").expect("write");
        let link = project.path().join("alias.md");
        std::os::unix::fs::symlink(&inside, &link).expect("link");
        assert_eq!(
            target(&link, project.path()).expect("inside"),
            std::fs::canonicalize(&inside).expect("canonical")
        );
    }
}
