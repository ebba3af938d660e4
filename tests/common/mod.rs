//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use errdocs::Project;

/// The repository root, which is also the bundled project.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled project, loaded once per test binary.
pub fn bundled() -> &'static Project {
    static PROJECT: std::sync::OnceLock<Project> = std::sync::OnceLock::new();
    PROJECT.get_or_init(|| Project::load(&repo_root()).expect("the bundled sources load"))
}

/// A throw-away project: `files` are (path under the root, content) pairs.
pub fn project_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, content) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(&path, content).expect("write fixture");
    }
    dir
}

/// A copy of the bundled project (errdocs.toml and sources/) in a temp dir,
/// with `edit` applied to the file at `rel` (relative to the root).
pub fn bundled_copy_with(rel: &str, edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&repo_root().join("sources"), &dir.path().join("sources"));
    std::fs::copy(
        repo_root().join("errdocs.toml"),
        dir.path().join("errdocs.toml"),
    )
    .expect("copy config");
    let path = dir.path().join(rel);
    let text = std::fs::read_to_string(&path).expect("read fixture");
    std::fs::write(&path, edit(text)).expect("write fixture");
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Runs the errdocs binary.
pub fn errdocs(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("run errdocs")
}

/// True when a `git` command runs here; a note on standard error when
/// not, for the tests that then skip what needs it.
pub fn git_available() -> bool {
    let found = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        eprintln!("note: no `git` command on this machine; skipped");
    }
    found
}

/// `git -C dir`, with a fixed identity and no system configuration, for
/// tests that make commits.
pub fn git(dir: &Path) -> std::process::Command {
    let mut command = std::process::Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=errdocs test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .env("GIT_CONFIG_NOSYSTEM", "1");
    command
}
