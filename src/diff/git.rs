//! A project's files at a git revision, materialized in a temporary folder
//! so that the caller can load them as a project (`errdocs diff --base
//! REV [--head REV]`).
//!
//! Only the files asked for are written: the project's configuration and
//! sources, not its `out/` (which, on a large corpus, is many times their
//! size). Paths are relative to the project root, which may sit anywhere
//! inside the work tree.
//!
//! Why the `git` command rather than a library such as gix: it is present
//! wherever CI has checked out the repository (the `--base` use case), it
//! reads every repository git itself can (worktrees, alternates, partial
//! and shallow clones, `safe.directory`, new object formats) with the
//! user's own configuration, and its messages are the ones users know.
//! gix would add a hundred crates to the build to reimplement what the
//! installed git already does, and would lag it on such details. Three
//! plumbing commands do the work: `rev-parse` (where the project is, which
//! commit a revision names), `ls-tree` (which files) and one `cat-file
//! --batch` process for all the contents.

use std::io::{BufRead, BufReader, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// Why a revision could not be materialized. Each is an error of the
/// command's input (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// The `git` command could not be run.
    #[error(
        "cannot run git ({source}); `--base` and `--head` read revisions through the git command: install git or compare two folders or datasets instead"
    )]
    NotInstalled {
        /// Why it could not be started.
        source: std::io::Error,
    },
    /// The project root is not inside a git work tree.
    #[error("{}: not inside a git work tree (git says: {stderr})", path.display())]
    NotAWorkTree {
        /// The project root.
        path: PathBuf,
        /// What git said.
        stderr: String,
    },
    /// The revision does not name a commit.
    #[error(
        "{}: revision `{rev}` does not exist (git says: {stderr}); in CI, fetch it first (actions/checkout with `fetch-depth: 0`)", path.display()
    )]
    UnknownRevision {
        /// The revision as given.
        rev: String,
        /// The project root.
        path: PathBuf,
        /// What git said.
        stderr: String,
    },
    /// A git command failed for another reason.
    #[error("{}: `git {command}` failed: {stderr}", path.display())]
    Failed {
        /// The command's arguments.
        command: String,
        /// Where it ran.
        path: PathBuf,
        /// What git said.
        stderr: String,
    },
    /// A path in the revision cannot be written safely.
    #[error(
        "revision `{rev}` holds the path `{file}`, which errdocs will not write outside its temporary folder"
    )]
    UnsafePath {
        /// The revision.
        rev: String,
        /// The path as git lists it.
        file: String,
    },
    /// Writing the temporary copy failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl From<GitError> for crate::Error {
    fn from(error: GitError) -> Self {
        match error {
            GitError::Io { path, source } => crate::Error::Io { path, source },
            GitError::NotAWorkTree { ref path, .. }
            | GitError::UnknownRevision { ref path, .. }
            | GitError::Failed { ref path, .. } => crate::Error::Input {
                path: path.clone(),
                message: strip_path(&error.to_string(), path),
            },
            other => crate::Error::Input {
                path: PathBuf::from("git"),
                message: other.to_string(),
            },
        }
    }
}

/// The message without the leading `path: ` (the error adds it back).
fn strip_path(message: &str, path: &Path) -> String {
    let prefix = format!("{}: ", path.display());
    message.strip_prefix(&prefix).unwrap_or(message).to_string()
}

/// A project's files at one revision, in a temporary folder removed on drop
/// (and, once the program has installed the signal handler,
/// [`crate::interrupt::remove_on_interrupt`], when a signal stops it).
#[derive(Debug)]
pub struct RevisionTree {
    dir: tempfile::TempDir,
    /// Dropped after `dir`, whose drop removes the folder.
    _removed_on_interrupt: crate::interrupt::RemovedOnInterrupt,
    /// The top of the work tree.
    top: PathBuf,
    /// The project root relative to the top, with `/` and a trailing `/`
    /// (empty at the top).
    prefix: String,
    rev: String,
    commit: String,
    files: usize,
}

impl RevisionTree {
    /// Materializes the files under `include` (paths relative to the
    /// project `root`, files or folders; every file under the root when
    /// empty) as they are at `rev`. Paths absent at `rev` are skipped.
    ///
    /// To follow the revision's own configuration, ask for
    /// `errdocs.toml` first, read its `sources` from [`RevisionTree::root`],
    /// then [`add`](RevisionTree::add) that folder.
    pub fn checkout(root: &Path, rev: &str, include: &[&str]) -> Result<RevisionTree, GitError> {
        if rev.starts_with('-') || rev.is_empty() || rev.contains('\0') {
            return Err(GitError::UnknownRevision {
                rev: rev.to_string(),
                path: root.to_path_buf(),
                stderr: "not a revision name".into(),
            });
        }
        std::fs::metadata(root).map_err(|source| GitError::Io {
            path: root.to_path_buf(),
            source,
        })?;
        let work_tree = |stderr: String| GitError::NotAWorkTree {
            path: root.to_path_buf(),
            stderr,
        };
        let top = git(root, &["rev-parse", "--show-toplevel"]).map_err(|e| e.or(work_tree))?;
        let prefix = git(root, &["rev-parse", "--show-prefix"]).map_err(|e| e.or(work_tree))?;
        let commit = git(
            root,
            &["rev-parse", "--verify", &format!("{rev}^{{commit}}")],
        )
        .map_err(|e| {
            e.or(|stderr| GitError::UnknownRevision {
                rev: rev.to_string(),
                path: root.to_path_buf(),
                stderr,
            })
        })?;
        sweep_abandoned_revision_folders(&std::env::temp_dir());
        let dir = tempfile::Builder::new()
            .prefix(&format!("{REVISION_FOLDER_PREFIX}{}-", std::process::id()))
            .tempdir()
            .map_err(|source| GitError::Io {
                path: std::env::temp_dir(),
                source,
            })?;
        let removed_on_interrupt = crate::interrupt::RemovedOnInterrupt::new(dir.path());
        let mut tree = RevisionTree {
            dir,
            _removed_on_interrupt: removed_on_interrupt,
            top: PathBuf::from(top.trim_end_matches(['\n', '\r'])),
            prefix: prefix.trim_end_matches(['\n', '\r']).to_string(),
            rev: rev.to_string(),
            commit: commit.trim().to_string(),
            files: 0,
        };
        tree.add(include)?;
        Ok(tree)
    }

    /// Materializes more paths (relative to the project root) from the
    /// same revision. Files outside the project root (a `sources` setting
    /// such as `../shared`) are not written.
    ///
    /// Symbolic links are made as they are at `rev`, and what a link inside
    /// the project leads to is materialized too (up to
    /// [`MAX_LINK_HOPS`] links in a chain), so that the revision reads as
    /// the work tree does: a page linked into `sources/` from elsewhere in
    /// the project is read, a link out of the project refused. Links were
    /// left out, and `diff --base` showed every linked page as added.
    pub fn add(&mut self, include: &[&str]) -> Result<(), GitError> {
        let mut pending: Vec<String> = include.iter().map(|s| s.to_string()).collect();
        let mut first = true;
        for _ in 0..=MAX_LINK_HOPS {
            if pending.is_empty() && !first {
                break;
            }
            first = false;
            let paths: Vec<&str> = pending.iter().map(String::as_str).collect();
            let links = self.add_once(&paths)?;
            pending = links
                .iter()
                .filter_map(|(link, target)| link_target(link, target))
                .filter(|target| std::fs::symlink_metadata(self.dir.path().join(target)).is_err())
                .collect();
            pending.sort();
            pending.dedup();
        }
        Ok(())
    }

    /// One listing of `include` at the revision, its files written; returns
    /// the symbolic links made, each with its target.
    fn add_once(&mut self, include: &[&str]) -> Result<Vec<(String, String)>, GitError> {
        let mut args: Vec<String> = vec![
            "--literal-pathspecs".into(),
            "ls-tree".into(),
            "-r".into(),
            "-z".into(),
            "--full-name".into(),
            self.commit.clone(),
            "--".into(),
        ];
        if include.is_empty() {
            if !self.prefix.is_empty() {
                args.push(self.prefix.clone());
            }
        } else {
            for path in include {
                let path = path.trim_start_matches("./").trim_end_matches('/');
                args.push(format!("{}{path}", self.prefix));
            }
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let listing =
            git(&self.top, &args).map_err(|e| e.or(|stderr| self.failed(&args, stderr)))?;
        let mut blobs: Vec<Blob> = Vec::new();
        for entry in listing.split('\0').filter(|e| !e.is_empty()) {
            // `<mode> SP <type> SP <object> TAB <path>`
            let Some((meta, path)) = entry.split_once('\t') else {
                continue;
            };
            let mut meta = meta.split(' ');
            let (Some(mode), Some(kind), Some(object)) = (meta.next(), meta.next(), meta.next())
            else {
                continue;
            };
            // Regular files and symbolic links; not submodules.
            let link = mode == "120000";
            if kind != "blob" || !(mode == "100644" || mode == "100755" || link) {
                continue;
            }
            let Some(relative) = path.strip_prefix(&self.prefix) else {
                continue;
            };
            blobs.push((object.to_string(), relative.to_string(), link));
        }
        for (_, relative, _) in &blobs {
            if !is_safe(relative) {
                return Err(GitError::UnsafePath {
                    rev: self.rev.clone(),
                    file: relative.clone(),
                });
            }
        }
        let links = self.write_blobs(&blobs)?;
        self.files += blobs.len();
        Ok(links)
    }

    /// Writes each blob's contents to its path under the temporary folder,
    /// reading them all from one `git cat-file --batch`.
    fn write_blobs(&self, blobs: &[Blob]) -> Result<Vec<(String, String)>, GitError> {
        if blobs.is_empty() {
            return Ok(Vec::new());
        }
        let args = ["cat-file", "--batch"];
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&self.top)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|source| GitError::NotInstalled { source })?;
        let requests: String = blobs
            .iter()
            .map(|(object, _, _)| format!("{object}\n"))
            .collect();
        let mut stdin = child.stdin.take();
        // Written from another thread: git answers while it reads, and
        // either side's pipe could fill.
        let writer = std::thread::spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                let _ = stdin.write_all(requests.as_bytes());
            }
            drop(stdin);
        });
        let result = match child.stdout.take() {
            Some(stdout) => self.read_batch(BufReader::new(stdout), blobs),
            None => Err(self.failed(&args, "no output".into())),
        };
        let _ = writer.join();
        let output = child.wait_with_output().map_err(|source| GitError::Io {
            path: self.top.clone(),
            source,
        })?;
        let links = result?;
        if !output.status.success() {
            return Err(self.failed(&args, String::from_utf8_lossy(&output.stderr).trim().into()));
        }
        Ok(links)
    }

    fn read_batch(
        &self,
        mut reader: impl BufRead,
        blobs: &[Blob],
    ) -> Result<Vec<(String, String)>, GitError> {
        let mut links = Vec::new();
        let args = ["cat-file", "--batch"];
        let mut header = String::new();
        let mut contents = Vec::new();
        for (object, relative, link) in blobs {
            header.clear();
            reader
                .read_line(&mut header)
                .map_err(|source| self.io(&self.top, source))?;
            // `<object> SP blob SP <size> LF <contents> LF`
            let mut parts = header.trim_end().split(' ');
            let size = match (parts.next(), parts.next(), parts.next()) {
                (Some(_), Some("blob"), Some(size)) => size.parse::<usize>().ok(),
                _ => None,
            };
            let Some(size) = size else {
                return Err(self.failed(
                    &args,
                    format!("unexpected answer for {object}: {}", header.trim_end()),
                ));
            };
            contents.clear();
            contents.resize(size + 1, 0);
            reader
                .read_exact(&mut contents)
                .map_err(|source| self.io(&self.top, source))?;
            contents.pop();
            let path = self.dir.path().join(relative);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|source| self.io(parent, source))?;
            }
            if *link {
                // A link's blob is its target. Where links cannot be made
                // (Windows without the privilege) it is left out.
                #[cfg(unix)]
                {
                    use std::os::unix::ffi::OsStrExt;
                    let target = std::ffi::OsStr::from_bytes(&contents);
                    std::os::unix::fs::symlink(target, &path)
                        .map_err(|source| self.io(&path, source))?;
                }
                links.push((
                    relative.clone(),
                    String::from_utf8_lossy(&contents).into_owned(),
                ));
                continue;
            }
            std::fs::write(&path, &contents).map_err(|source| self.io(&path, source))?;
        }
        Ok(links)
    }

    fn failed(&self, args: &[&str], stderr: String) -> GitError {
        GitError::Failed {
            command: args.join(" "),
            path: self.top.clone(),
            stderr,
        }
    }

    fn io(&self, path: &Path, source: std::io::Error) -> GitError {
        GitError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The project root as it was at the revision (a temporary folder).
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `text` (a path, or a message) with the temporary folder written as
    /// git names the revision's files, `REV:path` from the top of the work
    /// tree (`HEAD~1:docs/errdocs.toml`, which `git show` takes): what an
    /// error about a file of the revision names, rather than a copy that
    /// is gone when errdocs ends.
    pub fn as_revision_paths(&self, text: &str) -> String {
        let folder = self.root().display().to_string();
        let named = format!("{}:{}", self.rev, self.prefix);
        let whole = if self.prefix.is_empty() {
            format!("{}:.", self.rev)
        } else {
            format!("{}:{}", self.rev, self.prefix.trim_end_matches('/'))
        };
        text.replace(&format!("{folder}/"), &named)
            .replace(&folder, &whole)
    }

    /// The revision as given.
    pub fn rev(&self) -> &str {
        &self.rev
    }

    /// The commit it names (full hash).
    pub fn commit(&self) -> &str {
        &self.commit
    }

    /// How many files were written.
    pub fn files(&self) -> usize {
        self.files
    }
}

/// A file's object, its path relative to the project root, and whether it
/// is a symbolic link.
type Blob = (String, String, bool);

/// How many links in a chain a revision's tree follows to materialize what
/// they lead to (Linux's own limit).
pub const MAX_LINK_HOPS: usize = 40;

/// What the link at `link` (relative to the project root) leads to,
/// relative to the root, when that is inside the project: `None` for an
/// absolute target or one that leaves the root.
fn link_target(link: &str, target: &str) -> Option<String> {
    if target.starts_with('/') || target.contains('\\') || target.is_empty() {
        return None;
    }
    let mut parts: Vec<&str> = link.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// True when a path from git stays inside the folder it is written to:
/// only plain components, no `..`, no root, no drive.
fn is_safe(relative: &str) -> bool {
    !relative.is_empty()
        && !relative.contains('\\')
        && Path::new(relative)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// A git command's failure: not started, or what it wrote to stderr.
enum GitFailure {
    NotInstalled(std::io::Error),
    Stderr(String),
}

impl GitFailure {
    /// The error, building it from git's message where git ran.
    fn or(self, error: impl FnOnce(String) -> GitError) -> GitError {
        match self {
            GitFailure::NotInstalled(source) => GitError::NotInstalled { source },
            GitFailure::Stderr(stderr) => error(stderr),
        }
    }
}

/// Runs `git -C dir args...` and returns its standard output.
fn git(dir: &Path, args: &[&str]) -> Result<String, GitFailure> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(GitFailure::NotInstalled)?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stderr = stderr
            .lines()
            .map(|l| l.trim_start_matches("fatal: ").trim())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        Err(GitFailure::Stderr(if stderr.is_empty() {
            format!("exit status {}", output.status)
        } else {
            stderr
        }))
    }
}

/// The start of the name of the temporary folder a revision's pages are
/// copied into; the process id follows, so that a folder whose process is
/// gone can be told from one in use.
const REVISION_FOLDER_PREFIX: &str = "errdocs-rev-";

/// Removes the revision folders of `diff` runs that were interrupted
/// (Ctrl-C skips the removal at the end): those whose process no longer
/// runs. Only on Linux, where `/proc` says which processes run; a folder
/// that cannot be told apart is left alone.
fn sweep_abandoned_revision_folders(temp: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(REVISION_FOLDER_PREFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_folder && !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn revision_folders_of_processes_gone_are_swept_and_others_kept() {
        let temp = tempfile::tempdir().expect("tempdir");
        // No process has an id this high (Linux's limit is 2^22).
        let gone = temp
            .path()
            .join(format!("{REVISION_FOLDER_PREFIX}4294967294-abc"));
        let running = temp.path().join(format!(
            "{REVISION_FOLDER_PREFIX}{}-abc",
            std::process::id()
        ));
        let unrelated = temp.path().join("errdocs-revision-notes");
        for dir in [&gone, &running, &unrelated] {
            std::fs::create_dir(dir).expect("mkdir");
        }
        sweep_abandoned_revision_folders(temp.path());
        assert!(!gone.exists());
        assert!(running.exists() && unrelated.exists());
    }

    #[test]
    fn only_plain_relative_paths_are_safe() {
        assert!(is_safe("errdocs.toml"));
        assert!(is_safe("sources/doc/en-us.md"));
        assert!(!is_safe("../outside"));
        assert!(!is_safe("sources/../../x"));
        assert!(!is_safe("/etc/passwd"));
        assert!(!is_safe("a\\..\\b"));
        assert!(!is_safe(""));
    }
}
