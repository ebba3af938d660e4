//! What a signal must not leave behind, and the handler that removes it.
//!
//! A `tempfile::TempDir` is removed when it is dropped, which a process
//! ended by SIGINT or SIGTERM never does. A [`RemovedOnInterrupt`] names
//! such a folder from its creation to its drop, and a module with more to
//! undo (`emit`'s unfinished builds) registers a [`Cleanup`]; the signal
//! handler ([`remove_on_interrupt`], installed by the commands that make
//! such things) runs the cleanups and removes the folders before it ends
//! the process. Here, below the modules that make them (`diff`'s copy of
//! a revision, `emit`'s new sets), so that each uses the one handler and
//! none imports another.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Undoes what a module began and a signal stops, when the handler runs:
/// returns what it removed, in words (`removed the unfinished outputs in
/// out/.out.tmp-1`). It runs once, and the process ends after it; a
/// cleanup that must keep others waiting until then (a lock) keeps it.
pub type Cleanup = fn() -> Vec<String>;

/// The cleanups registered, run in order by the handler.
static CLEANUPS: Mutex<Vec<Cleanup>> = Mutex::new(Vec::new());

/// Registers `cleanup` for the signal handler. Register each once,
/// before [`remove_on_interrupt`] installs the handler.
pub fn clean_up_on_interrupt(cleanup: Cleanup) {
    CLEANUPS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(cleanup);
}

/// Makes a command stopped by SIGINT, SIGTERM or SIGHUP run the
/// registered [`Cleanup`]s and remove the temporary folders a
/// [`RemovedOnInterrupt`] names, and then end as the signal ends it (a
/// shell sees 130 for SIGINT, 143 for SIGTERM). A signal that was ignored
/// when the process started (a build under `nohup`, or started in the
/// background by a script) stays ignored. Call it early, from the
/// program: a thread waits for the signals; later calls do nothing.
/// Elsewhere than on Unix it does nothing, and what an interrupted run
/// leaves is for the next run to remove.
pub fn remove_on_interrupt() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        static INSTALLED: std::sync::Once = std::sync::Once::new();
        INSTALLED.call_once(|| {
            let caught: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
                .into_iter()
                .filter(|&signal| !ignored_at_start(signal))
                .collect();
            let Ok(mut signals) = signal_hook::iterator::Signals::new(&caught) else {
                return;
            };
            let _ = std::thread::Builder::new()
                .name("errdocs-signals".into())
                .spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        // Held until the process ends: nothing is
                        // registered after this.
                        let cleanups = CLEANUPS.lock().unwrap_or_else(PoisonError::into_inner);
                        let removed: Vec<String> =
                            cleanups.iter().flat_map(|cleanup| cleanup()).collect();
                        let (_also_held, temporary) = remove_registered();
                        for what in removed {
                            eprintln!(
                                "errdocs: interrupted: {}",
                                crate::safe_text::terminal(&what)
                            );
                        }
                        for path in temporary {
                            eprintln!(
                                "errdocs: interrupted: removed the temporary folder {}",
                                crate::safe_text::terminal(&path.display().to_string())
                            );
                        }
                        // Ended by the signal itself, as the shell expects
                        // of a program that cleans up; by its code if that
                        // fails.
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                        std::process::exit(128 + signal);
                    }
                });
        });
    }
}

/// True when `signal` was set to be ignored when the process started.
#[cfg(unix)]
fn ignored_at_start(signal: i32) -> bool {
    // SAFETY: sigaction with no new action only reads the current one into
    // `current`, a zeroed struct of the right type.
    unsafe {
        let mut current: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut current) == 0
            && current.sa_sigaction == libc::SIG_IGN
    }
}

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
fn remove_registered() -> (MutexGuard<'static, Vec<PathBuf>>, Vec<PathBuf>) {
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
