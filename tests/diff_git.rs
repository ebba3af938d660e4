//! `--base REV`: the project's files at a revision, read through git into a
//! temporary folder, against the work tree. Tests build a repository of two
//! commits; without a `git` command they say so and pass.

mod common;
mod diff_common;

use std::path::Path;
use std::process::Command;

use common::git_available;
use errdocs::Project;
use errdocs::diff::git::{GitError, RevisionTree};
use errdocs::diff::{self, ChangeKind, Snapshot};

fn git(dir: &Path, args: &[&str]) {
    let output = common::git(dir).args(args).output().expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn copy_side(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_side(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A repository whose project sits in `docs/`: the first commit holds the
/// "reworded" pair's old side and an `out/` folder, the second its new side;
/// then the work tree renames a code (uncommitted).
fn repository() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    let project = repo.path().join("docs");
    std::fs::create_dir_all(project.join("out")).unwrap();
    std::fs::write(repo.path().join("README.md"), "outside the project\n").unwrap();
    git(repo.path(), &["init", "-q"]);
    copy_side(&diff_common::case_dir("reworded").join("old"), &project);
    std::fs::write(project.join("out/error-codes.json"), "{}\n").unwrap();
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "first"]);
    copy_side(&diff_common::case_dir("reworded").join("new"), &project);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "second"]);
    for file in ["en-us.md", "de-de.md"] {
        let path = project.join("sources/update-errors").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replace("WU_E_UNKNOWN_ID ", "WU_E_UNKNOWN_IDENTIFIER "),
        )
        .unwrap();
    }
    repo
}

#[test]
fn base_revision_against_the_work_tree() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let root = repo.path().join("docs");
    // What the command does: the configuration first, then its sources.
    let mut base = RevisionTree::checkout(&root, "HEAD~1", &["errdocs.toml"]).unwrap();
    base.add(&["sources"]).unwrap();
    assert_eq!(base.files(), 3);
    assert_eq!(base.rev(), "HEAD~1");
    assert_eq!(base.commit().len(), 40);
    assert!(base.root().join("sources/update-errors/en-us.md").is_file());
    assert!(!base.root().join("out").exists(), "out/ is not needed");
    assert!(
        !base.root().join("README.md").exists(),
        "outside the project"
    );

    let old = Project::load(base.root()).unwrap();
    let new = Project::load(&root).unwrap();
    let (old, new) = (
        Snapshot::from_dataset(&old.dataset),
        Snapshot::from_dataset(&new.dataset),
    );
    let diff = diff::compare(&old, &new);
    let kinds: Vec<(String, ChangeKind)> = diff
        .changes
        .iter()
        .map(|c| (c.code.to_string(), c.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("0x80240001".to_string(), ChangeKind::Changed),
            ("0x80240003".to_string(), ChangeKind::Renamed),
        ]
    );
}

#[test]
fn base_and_head_revisions() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let root = repo.path().join("docs");
    let base = RevisionTree::checkout(&root, "HEAD~1", &[]).unwrap();
    let head = RevisionTree::checkout(&root, "HEAD", &[]).unwrap();
    // Everything under the project root, out/ included, when asked for all.
    assert!(base.root().join("out/error-codes.json").is_file());
    let (old, new) = (
        Project::load(base.root()).unwrap(),
        Project::load(head.root()).unwrap(),
    );
    let (old, new) = (
        Snapshot::from_dataset(&old.dataset),
        Snapshot::from_dataset(&new.dataset),
    );
    let diff = diff::compare(&old, &new);
    assert_eq!(diff.changes.len(), 1, "{:#?}", diff.changes);
    assert_eq!(diff.summary.descriptions_reworded, 2);
}

#[test]
fn a_revision_that_does_not_exist_is_named_in_the_error() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let root = repo.path().join("docs");
    let error = RevisionTree::checkout(&root, "origin/no-such-branch", &[]).unwrap_err();
    assert!(
        matches!(error, GitError::UnknownRevision { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("`origin/no-such-branch` does not exist")
            && message.contains("git says:")
            && message.contains("fetch-depth: 0"),
        "{message}"
    );
    let error: errdocs::Error = error.into();
    assert!(matches!(error, errdocs::Error::Input { .. }), "{error:?}");
    assert!(error.to_string().contains("origin/no-such-branch"));

    // An option is not a revision.
    let error = RevisionTree::checkout(&root, "--output=/tmp/x", &[]).unwrap_err();
    assert!(
        matches!(error, GitError::UnknownRevision { .. }),
        "{error:?}"
    );
}

#[test]
fn a_folder_outside_any_work_tree_is_an_error() {
    if !git_available() {
        return;
    }
    let outside = tempfile::tempdir().unwrap();
    let inside_a_repository = Command::new("git")
        .arg("-C")
        .arg(outside.path())
        .args(["rev-parse", "--git-dir"])
        .output()
        .is_ok_and(|o| o.status.success());
    if inside_a_repository {
        eprintln!("note: the temporary folder is inside a git work tree; skipped");
    } else {
        let error = RevisionTree::checkout(outside.path(), "HEAD", &[]).unwrap_err();
        assert!(matches!(error, GitError::NotAWorkTree { .. }), "{error:?}");
        let message = error.to_string();
        assert!(
            message.contains("not inside a git work tree")
                && message.contains(&*outside.path().to_string_lossy()),
            "{message}"
        );
    }
    let missing = outside.path().join("missing");
    let error = RevisionTree::checkout(&missing, "HEAD", &[]).unwrap_err();
    assert!(matches!(error, GitError::Io { .. }), "{error:?}");
    assert!(error.to_string().contains("missing"), "{error}");
}

/// Runs the errdocs binary in `dir` and returns its exit code, standard
/// output and standard error.
fn errdocs(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_errdocs"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("errdocs runs");
    (
        output.status.code().expect("exits with a code"),
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

#[test]
fn the_command_compares_a_revision_with_the_work_tree_as_ci_runs_it() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let root = repo.path().join("docs");
    let (code, stdout, stderr) = errdocs(
        &root,
        &[
            "diff",
            "--base",
            "HEAD~1",
            "--format",
            "json",
            "--exit-code",
        ],
    );
    assert_eq!(code, 1, "a change with --exit-code: {stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(report["summary"]["changed"], 1);
    assert_eq!(report["summary"]["renamed"], 1);
    let renamed = &report["changes"][1];
    assert_eq!(renamed["kind"], "renamed");
    assert_eq!(renamed["name"], "WU_E_UNKNOWN_IDENTIFIER");

    // --head: the two commits; out/ at either is never read.
    let (code, stdout, _) = errdocs(
        &root,
        &[
            "diff", "--base", "HEAD~1", "--head", "HEAD", "--format", "json",
        ],
    );
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(report["summary"]["changed"], 1);
    assert_eq!(report["summary"]["renamed"], 0);

    // From a subfolder, with --root, and the Markdown for a PR comment.
    let (code, stdout, stderr) = errdocs(
        repo.path(),
        &[
            "--root", "docs", "diff", "--base", "HEAD", "--format", "markdown",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("## errdocs diff: HEAD → work tree\n"),
        "{stdout}"
    );
    assert!(stdout.contains("| records renamed | 1 |"), "{stdout}");

    // The same revision on both sides: nothing changed.
    let (code, stdout, _) = errdocs(
        &root,
        &["diff", "--base", "HEAD", "--head", "HEAD", "--exit-code"],
    );
    assert_eq!(code, 0);
    assert_eq!(stdout, "errdocs diff: no changes\n");
}

#[test]
fn the_command_refuses_what_it_cannot_compare_with_exit_code_2() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let root = repo.path().join("docs");
    let (code, _, stderr) = errdocs(&root, &["diff", "--base", "no-such-rev"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("revision `no-such-rev` does not exist"),
        "{stderr}"
    );

    let outside = tempfile::tempdir().unwrap();
    let (code, _, stderr) = errdocs(outside.path(), &["diff", "--base", "HEAD"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not inside a git work tree"), "{stderr}");

    // A dataset of another layout.
    let dataset = outside.path().join("error-codes.json");
    std::fs::write(&dataset, r#"{"format_version": 99, "records": []}"#).unwrap();
    let (code, _, stderr) = errdocs(
        outside.path(),
        &["diff", "error-codes.json", root.to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("error-codes.json") && stderr.contains("99"),
        "{stderr}"
    );

    // --fail-on-new needs findings, which a dataset file does not hold.
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("out/error-codes.json");
    let (code, _, stderr) = errdocs(
        &root,
        &[
            "diff",
            bundled.to_str().unwrap(),
            ".",
            "--fail-on-new",
            "error",
        ],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("--fail-on-new"), "{stderr}");
}

/// A revision's file that errdocs cannot read (a bad errdocs.toml, a page
/// that is not UTF-8) was named by its temporary copy
/// (`/tmp/errdocs-rev-123-x/errdocs.toml:2`), gone when errdocs ends: it is
/// named as git names it, `REV:path` from the top of the work tree.
#[test]
fn errors_in_a_revision_name_its_files_as_git_does() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let root = repo.path().join("docs");
    std::fs::write(root.join("errdocs.toml"), "[check]\nfail-on = 3\n").unwrap();
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "bad configuration"]);
    std::fs::remove_file(root.join("errdocs.toml")).unwrap();
    let (code, _, stderr) = errdocs(&root, &["diff", "--base", "HEAD"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("errdocs: error: HEAD:docs/errdocs.toml:2: invalid type"),
        "{stderr}"
    );
    git(repo.path(), &["rm", "-q", "docs/errdocs.toml"]);
    std::fs::write(
        root.join("sources/update-errors/fr-fr.md"),
        b"\xc3\x28 bad\n",
    )
    .unwrap();
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "not UTF-8"]);
    std::fs::remove_file(root.join("sources/update-errors/fr-fr.md")).unwrap();
    let (code, _, stderr) = errdocs(&root, &["diff", "--base", "HEAD"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with(
            "errdocs: error: HEAD:docs/sources/update-errors/fr-fr.md:1:1: not valid UTF-8"
        ) && !stderr.contains("errdocs-rev"),
        "{stderr}"
    );
}

/// A page that is a symbolic link (inside the project, as the work tree
/// follows it) was left out of the revision's tree: `diff --base HEAD` on
/// a tree with no change showed its locale and every description added. A
/// link out of the project is refused at the revision as in the work tree.
#[cfg(unix)]
#[test]
fn linked_pages_are_read_at_the_revision_as_in_the_work_tree() {
    if !git_available() {
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path();
    let page = |description: &str| {
        format!(
            "# Codes\n\n| Error code | Symbolic name | Description |\n|---|---|---|\n| 0x80240001 | WU_E_NO_SERVICE | {description} |\n"
        )
    };
    std::fs::create_dir_all(root.join("sources/doc")).unwrap();
    std::fs::create_dir_all(root.join("pages/deep")).unwrap();
    std::fs::write(
        root.join("sources/doc/en-us.md"),
        page("The agent could not provide the service."),
    )
    .unwrap();
    std::fs::write(root.join("pages/deep/de.md"), page("Der Agent.")).unwrap();
    // A chain: sources/doc/de-de.md -> pages/de-de.md -> pages/deep/de.md.
    std::os::unix::fs::symlink("deep/de.md", root.join("pages/de-de.md")).unwrap();
    std::os::unix::fs::symlink("../../pages/de-de.md", root.join("sources/doc/de-de.md")).unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "linked"]);
    let (code, stdout, stderr) = errdocs(root, &["diff", "--base", "HEAD", "--exit-code"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "errdocs diff: no changes\n"),
        "{stderr}"
    );
    // Out of the project: refused, naming the link.
    std::fs::remove_file(root.join("sources/doc/de-de.md")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", root.join("sources/doc/de-de.md")).unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "out"]);
    std::fs::remove_file(root.join("sources/doc/de-de.md")).unwrap();
    let (code, _, stderr) = errdocs(root, &["diff", "--base", "HEAD"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("sources/doc/de-de.md") && stderr.contains("outside the project"),
        "{stderr}"
    );
}
