//! Replacing the output folder as one step.
//!
//! A build writes its whole set of outputs into a new folder beside the
//! output folder (`.out.tmp-PID` next to `out/`), then swaps the two
//! folders in one atomic step and removes the old set. A reader who opens
//! `out/FILE`, a `kill -9` at any instant and a second build all see either
//! the old complete set or the new complete set, never a mixture or a gap:
//!
//! - on Linux the swap is `renameat2(RENAME_EXCHANGE)`: both names exist
//!   before and after it, and no instant has neither;
//! - elsewhere (and on Linux file systems without the exchange) it is two
//!   renames, `out` aside to `.out.old-PID` and the new folder to `out`.
//!   Between them `out` is missing for a moment; a run killed there leaves
//!   the old set complete in `.out.old-PID`, and the next run puts it back
//!   before it does anything else;
//! - builds of one output folder take turns: each holds a lock on
//!   `.out.lock` (beside `out/`, removed when the build ends) from before it
//!   cleans up until its swap is done;
//! - under that lock, a run first cleans up after runs that were killed:
//!   their `.out.tmp-*` and `.out.old-*` folders, and the `.errdocs-*`
//!   temporary files that versions before this one left inside `out/`.
//!   [`leftovers`] lists them for `build --check`;
//! - a build stopped by SIGINT, SIGTERM or SIGHUP (on Unix, once
//!   [`remove_on_interrupt`] is called) removes its new set and its lock
//!   before it ends, unless the swap has begun: the signal then waits for
//!   the swap to end, so `out` is the old set or the new, never neither.
//!   Other commands' temporary folders (`diff --base`'s copy of a
//!   revision) are removed the same way while a
//!   [`crate::interrupt::RemovedOnInterrupt`] names them.
//!
//! Files in the output folder that errdocs does not write (a README, a
//! `.gitattributes`) are carried over into the new set (hard links where
//! the system allows, copies otherwise).
//!
//! Atomic here means atomic for processes: the files are not flushed to
//! the disk before the swap, so a power cut may still lose the last build.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::error::{Error, Result};

/// The names of the folders and the lock beside an output folder.
#[derive(Debug, Clone)]
struct Names {
    /// The output folder.
    out: PathBuf,
    /// The folder that holds it.
    parent: PathBuf,
    /// Its file name.
    name: OsString,
}

impl Names {
    fn of(out: &Path) -> Result<Names> {
        let name = out.file_name().ok_or_else(|| {
            Error::io(
                out,
                io::Error::other("the output folder needs a name of its own (not `..` or `/`)"),
            )
        })?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Names {
            out: out.to_path_buf(),
            parent,
            name: name.to_os_string(),
        })
    }

    /// `.NAME.SUFFIX` beside the output folder.
    fn beside(&self, suffix: &str) -> PathBuf {
        let mut name = OsString::from(".");
        name.push(&self.name);
        name.push(suffix);
        self.parent.join(name)
    }

    fn lock(&self) -> PathBuf {
        self.beside(".lock")
    }

    fn staging(&self) -> PathBuf {
        self.beside(&format!(".tmp-{}", std::process::id()))
    }

    fn old(&self) -> PathBuf {
        self.beside(&format!(".old-{}", std::process::id()))
    }

    /// Folders and files beside the output folder that runs make for a
    /// moment: `(staging, old)`, each sorted by name.
    fn siblings(&self) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let mut staging = Vec::new();
        let mut old = Vec::new();
        let prefix = {
            let mut p = OsString::from(".");
            p.push(&self.name);
            p.into_string().ok()
        };
        let (Some(prefix), Ok(entries)) = (prefix, fs::read_dir(&self.parent)) else {
            return (staging, old);
        };
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
                continue;
            };
            if rest.starts_with(".tmp-") {
                staging.push(entry.path());
            } else if rest.starts_with(".old-") {
                old.push(entry.path());
            }
        }
        staging.sort();
        old.sort();
        (staging, old)
    }
}

/// What this process's builds have begun and not finished: the folders
/// their new sets are written into and the locks they hold. A build
/// stopped by a signal removes them (see [`remove_on_interrupt`]); the
/// swap of the folders holds the registry from its start to its end, so
/// the signal waits for it and finds nothing renamed into place.
#[derive(Debug)]
struct Unfinished {
    staging: Vec<PathBuf>,
    locks: Vec<PathBuf>,
}

static UNFINISHED: Mutex<Unfinished> = Mutex::new(Unfinished {
    staging: Vec::new(),
    locks: Vec::new(),
});

/// The registry of unfinished builds. A thread that panicked holding it
/// left it as consistent as any: each change is one push or one removal.
fn unfinished() -> MutexGuard<'static, Unfinished> {
    UNFINISHED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes what the unfinished builds of this process wrote beside their
/// output folders (their new sets, then their lock files, still locked)
/// and returns the guard of the registry, to be held until the process
/// ends: no build starts its swap after this. Returns the folders removed.
fn remove_unfinished() -> (MutexGuard<'static, Unfinished>, Vec<PathBuf>) {
    let mut registry = unfinished();
    let staging = std::mem::take(&mut registry.staging);
    for path in &staging {
        // The build's threads may still be opening files in the folder as
        // it goes: each try removes what the one before raced with, and
        // once the folder is gone no file can be made in it.
        for _ in 0..16 {
            remove_any(path);
            if fs::symlink_metadata(path).is_err() {
                break;
            }
        }
    }
    for lock in std::mem::take(&mut registry.locks) {
        let _ = fs::remove_file(lock);
    }
    (registry, staging)
}

/// Makes a build stopped by SIGINT, SIGTERM or SIGHUP remove its new set
/// and its lock (see [`Transaction`]) before it ends, through the signal
/// handler of [`crate::interrupt::remove_on_interrupt`], which it
/// installs. Call it once, early, from the program. Elsewhere than on Unix
/// it does nothing, and an interrupted build leaves its new set to the
/// next build, which removes it.
pub fn remove_on_interrupt() {
    static REGISTERED: std::sync::Once = std::sync::Once::new();
    REGISTERED
        .call_once(|| crate::interrupt::clean_up_on_interrupt(remove_unfinished_on_interrupt));
    crate::interrupt::remove_on_interrupt();
}

/// [`remove_unfinished`] for the signal handler: the registry stays
/// locked until the process ends, so no build starts its swap after the
/// signal, and what was removed is said in words.
fn remove_unfinished_on_interrupt() -> Vec<String> {
    let (held_until_the_end, removed) = remove_unfinished();
    std::mem::forget(held_until_the_end);
    removed
        .iter()
        .map(|path| format!("removed the unfinished outputs in {}", path.display()))
        .collect()
}

/// True for the temporary files that errdocs versions before the folder
/// swap left inside the output folder when they were killed.
fn is_legacy_temporary(name: &str) -> bool {
    name.starts_with(".errdocs-")
}

/// What interrupted runs left behind, for `build --check` to report: a
/// new or old set beside the output folder, or temporary files inside it.
/// Each is removed by the next `build`.
pub fn leftovers(out: &Path) -> Vec<PathBuf> {
    let Ok(names) = Names::of(out) else {
        return Vec::new();
    };
    let (staging, old) = names.siblings();
    let mut found: Vec<PathBuf> = staging.into_iter().chain(old).collect();
    if let Ok(entries) = fs::read_dir(out) {
        let mut inside: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_name().to_str().is_some_and(is_legacy_temporary))
            .map(|e| e.path())
            .collect();
        inside.sort();
        found.extend(inside);
    }
    found
}

/// Waits until no build of the output folder `out` is running, without
/// writing anything (for `build --check`, which then reads a complete
/// set, and does not take a running build's new set for a leftover).
pub fn wait_for_builds(out: &Path) {
    let Ok(names) = Names::of(out) else { return };
    // No lock file: no build running. One that appears after this look
    // belongs to a build that started after the check.
    if let Ok(file) = fs::OpenOptions::new().read(true).open(names.lock()) {
        let _ = lock_shared(&file);
    }
}

// `flock` through rustix: `File::lock` needs Rust 1.89, and errdocs builds
// with 1.85. Where there is no `flock` (Windows), builds are not
// serialized; the README says so.

/// Takes the exclusive lock if it is free: `Ok(false)` when another
/// process holds it.
#[cfg(unix)]
fn try_lock(file: &File) -> io::Result<bool> {
    use rustix::fs::{FlockOperation, flock};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::WOULDBLOCK) => Ok(false),
        Err(e) if e == rustix::io::Errno::NOSYS || e == rustix::io::Errno::OPNOTSUPP => {
            Err(io::Error::from(io::ErrorKind::Unsupported))
        }
        Err(e) => Err(e.into()),
    }
}

/// Waits for the exclusive lock.
#[cfg(unix)]
fn lock(file: &File) -> io::Result<()> {
    rustix::fs::flock(file, rustix::fs::FlockOperation::LockExclusive).map_err(io::Error::from)
}

/// Waits for a shared lock: until no exclusive holder is left.
#[cfg(unix)]
fn lock_shared(file: &File) -> io::Result<()> {
    rustix::fs::flock(file, rustix::fs::FlockOperation::LockShared).map_err(io::Error::from)
}

#[cfg(not(unix))]
fn try_lock(_file: &File) -> io::Result<bool> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(not(unix))]
fn lock(_file: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(not(unix))]
fn lock_shared(_file: &File) -> io::Result<()> {
    Ok(())
}

/// The lock that makes builds of one output folder take turns.
struct Lock {
    path: PathBuf,
    // Held open: closing it releases the lock.
    _file: File,
}

impl Lock {
    fn take(path: PathBuf, out: &Path) -> Result<Lock> {
        loop {
            let file = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(&path)
                .map_err(|e| {
                    // The first write beside `out/`: say why errdocs writes
                    // there at all.
                    let why = if e.kind() == io::ErrorKind::PermissionDenied {
                        format!(
                            "{e}; `build` writes its lock and the new set of outputs beside {}, in the folder that holds it, and needs write access there",
                            out.display()
                        )
                    } else {
                        e.to_string()
                    };
                    Error::io(&path, io::Error::new(e.kind(), why))
                })?;
            match try_lock(&file) {
                Ok(true) => {}
                Ok(false) => {
                    eprintln!(
                        "errdocs: waiting for another build of {} to finish",
                        crate::safe_text::terminal(&out.display().to_string())
                    );
                    lock(&file).map_err(|e| Error::io(&path, e))?;
                }
                // A file system without locks: build as before, unlocked.
                Err(e) if e.kind() == io::ErrorKind::Unsupported => {}
                Err(e) => return Err(Error::io(&path, e)),
            }
            // The build before this one removes the lock file as it ends:
            // a lock taken on a file no longer at the path guards nothing.
            if same_file(&file, &path) {
                unfinished().locks.push(path.clone());
                return Ok(Lock { path, _file: file });
            }
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, _path: &Path) -> bool {
    // Elsewhere the lock file stays (see `Drop`), so it is always the one.
    true
}

impl Drop for Lock {
    fn drop(&mut self) {
        let mut registry = unfinished();
        // Removed while still locked, so no one locks a file that is gone
        // (they check, see `take`). Windows cannot remove an open file:
        // the lock file stays there.
        #[cfg(unix)]
        let _ = fs::remove_file(&self.path);
        registry.locks.retain(|path| *path != self.path);
    }
}

/// A build's replacement of the output folder: begun with
/// [`Transaction::begin`], the outputs written into
/// [`Transaction::staging`], made visible all at once by
/// [`Transaction::commit`]. Dropped without a commit, it removes the new
/// set and leaves the output folder as it was.
pub struct Transaction {
    names: Names,
    staging: PathBuf,
    committed: bool,
    // Last: released after the staging folder is gone.
    _lock: Lock,
}

impl Transaction {
    /// Takes the lock of the output folder `out` (waiting for another
    /// build of it), cleans up after interrupted runs and creates the
    /// folder the new set is written into.
    pub fn begin(out: &Path) -> Result<Transaction> {
        // A link is written through: the new set replaces the folder it
        // leads to, and the link stays.
        let resolved;
        let out = if out.is_symlink() {
            check_link(out)?;
            resolved = fs::canonicalize(out).map_err(|e| Error::io(out, e))?;
            resolved.as_path()
        } else {
            out
        };
        let names = Names::of(out)?;
        fs::create_dir_all(&names.parent).map_err(|e| {
            Error::io(
                &names.parent,
                io::Error::new(e.kind(), format!("cannot create the output folder: {e}")),
            )
        })?;
        if out.exists() && !out.is_dir() {
            return Err(Error::io(
                out,
                io::Error::other("is not a folder; errdocs writes its outputs into a folder here"),
            ));
        }
        let lock = Lock::take(names.lock(), out)?;
        recover(&names)?;
        let staging = names.staging();
        {
            // Made and registered at once: a signal finds it either way.
            let mut registry = unfinished();
            fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
            registry.staging.push(staging.clone());
        }
        Ok(Transaction {
            names,
            staging,
            committed: false,
            _lock: lock,
        })
    }

    /// The folder the new set is written into.
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Carries the files errdocs does not write (any not in `written`)
    /// over from the current output folder, swaps the new set in and
    /// removes the old. Returns the paths of `written` in the output
    /// folder. A signal that comes meanwhile waits for it to end.
    pub fn commit(mut self, written: &[&str]) -> Result<Vec<PathBuf>> {
        let mut registry = unfinished();
        let swapped = self.swap(written);
        if self.committed {
            // Its name is the output folder's now, or holds nothing.
            registry.staging.retain(|path| *path != self.staging);
        }
        drop(registry);
        swapped
    }

    /// The swap of [`Transaction::commit`], with the registry held.
    fn swap(&mut self, written: &[&str]) -> Result<Vec<PathBuf>> {
        let out = self.names.out.clone();
        // A folder where an output goes is someone's: not replaced.
        if let Some(path) = written
            .iter()
            .map(|name| out.join(name))
            .find(|path| path.is_dir())
        {
            return Err(Error::io(
                path,
                io::Error::other("is a folder; errdocs writes a file of this name here"),
            ));
        }
        if out.is_dir() {
            carry_over(&out, &self.staging, written)?;
            let old = self.names.old();
            match exchange(&self.staging, &out) {
                Ok(()) => {
                    // The staging name now holds the old set.
                    self.committed = true;
                    remove_any(&self.staging);
                }
                Err(_) => {
                    if let Err(e) = fs::rename(&out, &old) {
                        // A mount point (a container's bind mount) cannot
                        // be renamed: its files are replaced one by one.
                        if is_busy_or_cross_device(&e) {
                            replace_files_inside(&self.staging, &out, written)?;
                            self.committed = true;
                            remove_any(&self.staging);
                            return Ok(written.iter().map(|name| out.join(name)).collect());
                        }
                        return Err(Error::io(&out, e));
                    }
                    if let Err(e) = fs::rename(&self.staging, &out) {
                        let _ = fs::rename(&old, &out);
                        return Err(Error::io(&out, e));
                    }
                    self.committed = true;
                    remove_any(&old);
                }
            }
        } else {
            fs::rename(&self.staging, &out).map_err(|e| Error::io(&out, e))?;
            self.committed = true;
        }
        Ok(written.iter().map(|name| out.join(name)).collect())
    }
}

impl Drop for Transaction {
    fn drop(&mut self) {
        let mut registry = unfinished();
        if !self.committed {
            remove_any(&self.staging);
        }
        registry.staging.retain(|path| *path != self.staging);
    }
}

/// Fails when the output folder `out` is a symbolic link that leads to
/// nothing, naming where it leads: the new set is written through a link,
/// and errdocs does not make folders wherever a link points.
pub fn check_link(out: &Path) -> Result<()> {
    match fs::read_link(out) {
        Ok(target) if fs::metadata(out).is_err_and(|e| crate::error::is_link_loop(&e)) => {
            Err(Error::Corpus {
                path: out.to_path_buf(),
                message: format!(
                    "the output folder is a symbolic link to {}, and the links lead in a circle, never to a folder; make the link lead to a folder, or remove it for build to make the folder here",
                    target.display()
                ),
            })
        }
        Ok(target) if fs::metadata(out).is_err() => Err(Error::Corpus {
            path: out.to_path_buf(),
            message: format!(
                "the output folder is a symbolic link to {}, which does not exist; build writes its outputs through the link: create that folder, or remove the link for build to make the folder here",
                target.display()
            ),
        }),
        _ => Ok(()),
    }
}

/// Puts back an old set that a killed run left aside with no output
/// folder in its place, then removes every leftover of killed runs.
/// Called under the lock: no other build is running.
fn recover(names: &Names) -> Result<()> {
    let (staging, old) = names.siblings();
    // Only a folder a killed run set aside is put back: a symbolic link
    // of that name (committed to the repository, say) would make its
    // target, anywhere, the output folder, and the next set would carry
    // its files over. Such a link is removed below, its target untouched.
    let set_aside = old
        .iter()
        .rev()
        .find(|path| fs::symlink_metadata(path).is_ok_and(|meta| meta.is_dir()));
    if fs::symlink_metadata(&names.out).is_err()
        && let Some(previous) = set_aside
    {
        fs::rename(previous, &names.out).map_err(|e| Error::io(previous, e))?;
    }
    let (staging_now, old_now) = names.siblings();
    for path in staging
        .iter()
        .chain(&old)
        .chain(&staging_now)
        .chain(&old_now)
    {
        remove_any(path);
    }
    if let Ok(entries) = fs::read_dir(&names.out) {
        for entry in entries.flatten() {
            if entry.file_name().to_str().is_some_and(is_legacy_temporary) {
                remove_any(&entry.path());
            }
        }
    }
    Ok(())
}

/// True for the errors renaming a mount point gives.
fn is_busy_or_cross_device(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ResourceBusy | io::ErrorKind::CrossesDevices
    )
}

/// Puts each of `written` from `staging` into `out` in its place: copied
/// to a temporary name inside `out`, then renamed over the old file, so
/// each file is whole at every instant (the set, unlike a swap of the
/// folder, is not).
fn replace_files_inside(staging: &Path, out: &Path, written: &[&str]) -> Result<()> {
    for name in written {
        let from = staging.join(name);
        let to = out.join(name);
        let temporary = out.join(format!(".{name}.errdocs-new"));
        fs::copy(&from, &temporary).map_err(|e| Error::io(&temporary, e))?;
        if let Err(e) = fs::rename(&temporary, &to) {
            let _ = fs::remove_file(&temporary);
            return Err(Error::io(&to, e));
        }
    }
    Ok(())
}

/// Removes a file or a folder with everything in it, as far as it can.
fn remove_any(path: &Path) {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let _ = fs::remove_dir_all(path);
        }
        Ok(_) => {
            let _ = fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// Copies the entries of `from` that are not in `skip` (and not legacy
/// temporary files) into `to`: files as hard links where possible,
/// folders entry by entry (with a stack of its own, not recursion),
/// symbolic links as links.
fn carry_over(from: &Path, to: &Path, skip: &[&str]) -> Result<()> {
    let mut stack: Vec<(PathBuf, PathBuf)> = Vec::new();
    let entries = fs::read_dir(from).map_err(|e| Error::io(from, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        let name = entry.file_name();
        let keep = name
            .to_str()
            .is_none_or(|n| !skip.contains(&n) && !is_legacy_temporary(n));
        if keep {
            stack.push((entry.path(), to.join(&name)));
        }
    }
    while let Some((source, target)) = stack.pop() {
        let meta = fs::symlink_metadata(&source).map_err(|e| Error::io(&source, e))?;
        if meta.file_type().is_symlink() {
            copy_link(&source, &target)?;
        } else if meta.is_dir() {
            fs::create_dir(&target).map_err(|e| Error::io(&target, e))?;
            for entry in fs::read_dir(&source).map_err(|e| Error::io(&source, e))? {
                let entry = entry.map_err(|e| Error::io(&source, e))?;
                stack.push((entry.path(), target.join(entry.file_name())));
            }
        } else if fs::hard_link(&source, &target).is_err() {
            fs::copy(&source, &target).map_err(|e| Error::io(&source, e))?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn copy_link(source: &Path, target: &Path) -> Result<()> {
    let link = fs::read_link(source).map_err(|e| Error::io(source, e))?;
    std::os::unix::fs::symlink(link, target).map_err(|e| Error::io(target, e))
}

#[cfg(not(unix))]
fn copy_link(source: &Path, target: &Path) -> Result<()> {
    fs::copy(source, target)
        .map(|_| ())
        .map_err(|e| Error::io(source, e))
}

/// Swaps two existing folders in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = fs::read_dir(dir)
            .expect("read")
            .flatten()
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read_to_string(e.path()).unwrap_or_default(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn commits_the_whole_set_and_keeps_foreign_files() {
        let root = tempfile::tempdir().expect("tempdir");
        let out = root.path().join("out");
        fs::create_dir(&out).expect("mkdir");
        fs::write(out.join("a.json"), "old a").expect("write");
        fs::write(out.join("README.md"), "mine").expect("write");
        fs::write(out.join(".errdocs-x1y2"), "junk of a killed run").expect("write");
        let txn = Transaction::begin(&out).expect("begin");
        fs::write(txn.staging().join("a.json"), "new a").expect("write");
        fs::write(txn.staging().join("b.csv"), "new b").expect("write");
        let written = txn.commit(&["a.json", "b.csv"]).expect("commit");
        assert_eq!(written, [out.join("a.json"), out.join("b.csv")]);
        assert_eq!(
            files(&out),
            [
                ("README.md".to_string(), "mine".to_string()),
                ("a.json".to_string(), "new a".to_string()),
                ("b.csv".to_string(), "new b".to_string()),
            ]
        );
        // Nothing left beside it: no staging, no old set, no lock.
        let beside: Vec<String> = fs::read_dir(root.path())
            .expect("read")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(beside, ["out"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_output_folder_is_written_through_and_stays_a_link() {
        let root = tempfile::tempdir().expect("tempdir");
        let target = root.path().join("site/errors");
        fs::create_dir_all(&target).expect("mkdir");
        fs::write(target.join("a.json"), "old a").expect("write");
        let out = root.path().join("out");
        std::os::unix::fs::symlink("site/errors", &out).expect("link");
        let txn = Transaction::begin(&out).expect("begin");
        fs::write(txn.staging().join("a.json"), "new a").expect("write");
        txn.commit(&["a.json"]).expect("commit");
        assert!(out.is_symlink(), "the link stays");
        assert_eq!(
            fs::read_to_string(target.join("a.json")).expect("read"),
            "new a"
        );
    }

    #[test]
    fn files_are_replaced_inside_a_folder_that_cannot_be_swapped() {
        let root = tempfile::tempdir().expect("tempdir");
        let (staging, out) = (root.path().join("new"), root.path().join("out"));
        fs::create_dir_all(&staging).expect("mkdir");
        fs::create_dir_all(&out).expect("mkdir");
        fs::write(staging.join("a.json"), "new a").expect("write");
        fs::write(out.join("a.json"), "old a").expect("write");
        fs::write(out.join("mine.txt"), "mine").expect("write");
        replace_files_inside(&staging, &out, &["a.json"]).expect("replace");
        assert_eq!(
            files(&out),
            [
                ("a.json".to_string(), "new a".to_string()),
                ("mine.txt".to_string(), "mine".to_string()),
            ]
        );
        assert!(is_busy_or_cross_device(&io::Error::from(
            io::ErrorKind::ResourceBusy
        )));
    }

    #[test]
    fn a_dropped_transaction_leaves_the_folder_as_it_was() {
        let root = tempfile::tempdir().expect("tempdir");
        let out = root.path().join("out");
        fs::create_dir(&out).expect("mkdir");
        fs::write(out.join("a.json"), "old").expect("write");
        {
            let txn = Transaction::begin(&out).expect("begin");
            fs::write(txn.staging().join("a.json"), "half").expect("write");
        }
        assert_eq!(files(&out), [("a.json".to_string(), "old".to_string())]);
        assert_eq!(fs::read_dir(root.path()).expect("read").count(), 1);
    }

    #[test]
    fn leftovers_of_killed_runs_are_listed_then_cleaned_and_an_old_set_put_back() {
        let root = tempfile::tempdir().expect("tempdir");
        let out = root.path().join("out");
        // Killed between the two renames of the fallback: no `out`, the
        // old set aside, the new one staged.
        let old = root.path().join(".out.old-1");
        let staged = root.path().join(".out.tmp-1");
        fs::create_dir(&old).expect("mkdir");
        fs::write(old.join("a.json"), "old").expect("write");
        fs::create_dir(&staged).expect("mkdir");
        fs::write(staged.join("a.json"), "new").expect("write");
        assert_eq!(leftovers(&out), [staged.clone(), old.clone()]);
        let txn = Transaction::begin(&out).expect("begin");
        assert_eq!(files(&out), [("a.json".to_string(), "old".to_string())]);
        assert!(!old.exists() && !staged.exists());
        drop(txn);
        assert!(leftovers(&out).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_named_like_an_old_set_is_removed_not_followed() {
        let root = tempfile::tempdir().expect("tempdir");
        let elsewhere = tempfile::tempdir().expect("tempdir");
        fs::write(elsewhere.path().join("secret.txt"), "secret").expect("write");
        let out = root.path().join("out");
        let link = root.path().join(".out.old-6");
        std::os::unix::fs::symlink(elsewhere.path(), &link).expect("symlink");
        let txn = Transaction::begin(&out).expect("begin");
        fs::write(txn.staging().join("a.json"), "new").expect("write");
        txn.commit(&["a.json"]).expect("commit");
        assert_eq!(files(&out), [("a.json".to_string(), "new".to_string())]);
        assert!(fs::symlink_metadata(&link).is_err(), "the link is removed");
        assert_eq!(
            fs::read_to_string(elsewhere.path().join("secret.txt")).expect("read"),
            "secret"
        );
    }

    #[test]
    fn a_second_build_waits_for_the_first() {
        let root = tempfile::tempdir().expect("tempdir");
        let out = root.path().join("out");
        let first = Transaction::begin(&out).expect("begin");
        fs::write(first.staging().join("a.json"), "first").expect("write");
        let (tx, rx) = std::sync::mpsc::channel();
        let out2 = out.clone();
        let second = std::thread::spawn(move || {
            let txn = Transaction::begin(&out2).expect("begin");
            tx.send(()).expect("send");
            fs::write(txn.staging().join("a.json"), "second").expect("write");
            txn.commit(&["a.json"]).expect("commit");
        });
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(rx.try_recv().is_err(), "the second build did not wait");
        first.commit(&["a.json"]).expect("commit");
        second.join().expect("second build");
        assert_eq!(files(&out), [("a.json".to_string(), "second".to_string())]);
    }
}
