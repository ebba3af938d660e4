//! Temporary folders that a signal must not leave behind.
//!
//! A `tempfile::TempDir` is removed when it is dropped, which a process
//! ended by SIGINT or SIGTERM never does. A [`RemovedOnInterrupt`] names
//! such a folder from its creation to its drop; the program's signal
//! handler (`emit::outdir::remove_on_interrupt`, installed by the commands
//! that make such folders) calls [`remove_registered`] before it ends the
//! process. Here, below the modules that make the folders (`diff`'s copy
//! of a revision) and the one that handles the signal (`emit`), so that
//! neither imports the other.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The folders named by the live [`RemovedOnInterrupt`]s.
static REGISTERED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The registry. A thread that panicked holding it left it as consistent
/// as any: each change is one push or one removal.
fn registered() -> MutexGuard<'static, Vec<PathBuf>> {
    REGISTERED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Names a temporary folder to remove when a signal stops the process,
/// from its creation to its drop. Dropping it only forgets the folder:
/// drop it with the folder's own owner (after a `TempDir`, whose drop
/// removes it).
#[derive(Debug)]
pub struct RemovedOnInterrupt {
    path: PathBuf,
}

impl RemovedOnInterrupt {
    /// Registers `path` for removal on a signal.
    pub fn new(path: &Path) -> Self {
        registered().push(path.to_path_buf());
        RemovedOnInterrupt {
            path: path.to_path_buf(),
        }
    }
}

impl Drop for RemovedOnInterrupt {
    fn drop(&mut self) {
        let mut registry = registered();
        if let Some(at) = registry.iter().position(|p| *p == self.path) {
            registry.swap_remove(at);
        }
    }
}

/// Removes every registered folder and returns the guard of the registry,
/// to be held until the process ends (no folder is registered after
/// this), with the folders removed. For the signal handler.
pub fn remove_registered() -> (MutexGuard<'static, Vec<PathBuf>>, Vec<PathBuf>) {
    let mut registry = registered();
    let folders = std::mem::take(&mut *registry);
    for path in &folders {
        remove_folder(path);
    }
    (registry, folders)
}

/// Removes `path` and everything in it. The command's threads (or git's
/// output) may still be writing into the folder as it goes: each try
/// removes what the one before raced with, and once the folder is gone
/// nothing can be made in it.
fn remove_folder(path: &Path) {
    for _ in 0..16 {
        let _ = std::fs::remove_dir_all(path);
        if std::fs::symlink_metadata(path).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Registered while the guard lives, forgotten (not removed) when it is
    /// dropped. [`remove_registered`] itself is not called here: it would
    /// remove the folders other tests of this process registered; the
    /// hostile tests stop the binary with signals instead.
    #[test]
    fn a_folder_is_registered_while_its_guard_lives() {
        let root = tempfile::tempdir().expect("tempdir");
        let folder = root.path().join("copy");
        std::fs::create_dir_all(folder.join("inside")).expect("mkdir");
        let guard = RemovedOnInterrupt::new(&folder);
        assert!(registered().contains(&folder));
        drop(guard);
        assert!(!registered().contains(&folder));
        assert!(folder.exists(), "dropping the guard removes nothing");
        remove_folder(&folder);
        assert!(!folder.exists());
        remove_folder(&folder);
    }
}
