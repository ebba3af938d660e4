//! `errdocs diff`: what a docs change did to the dataset, for reviewers.
//!
//! Each side is a project folder (its sources read and normalized in
//! memory), a dataset file written by `build`, or the project at a git
//! revision (`--base`, `--head`). Findings are compared when both sides
//! are projects: a dataset file does not hold what fingerprints need.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::Project;
use crate::config::{CONFIG_FILE, Config, LOCALE_PLACEHOLDER};
use crate::diagnostic::{FailLevel, fingerprints};
use crate::diff::git::RevisionTree;
use crate::diff::render::human::HumanOptions;
use crate::diff::render::markdown::MarkdownOptions;
use crate::diff::{self, FindingsDiff, FingerprintedFinding, InputKind, Snapshot};
use crate::error::{Error, Result};

/// How `diff` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// For a terminal: colour when it is one, never with `NO_COLOR`.
    Human,
    /// GitHub-flavoured Markdown for a pull-request comment or
    /// `$GITHUB_STEP_SUMMARY`, at most 65,536 characters.
    Markdown,
    /// Every change, for tools (schema/diff.schema.json).
    Json,
}

/// One side of the comparison, as the command line names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    /// A project folder or a dataset file.
    Path(PathBuf),
    /// The project at `--root` as it is at a git revision.
    Revision(String),
    /// The project at `--root` as it is on disk.
    WorkTree,
}

/// The options of `diff`.
#[derive(Debug, Clone)]
pub struct DiffOptions {
    /// Before the change.
    pub old: Side,
    /// After the change.
    pub new: Side,
    /// How to report.
    pub format: DiffFormat,
    /// Exit 1 when anything changed.
    pub exit_code: bool,
    /// Exit 1 when the change introduces findings at or above this level.
    pub fail_on_new: Option<FailLevel>,
}

/// A side read and reduced to what the comparison needs.
struct LoadedSide {
    snapshot: Snapshot,
    /// `None` for a dataset file.
    findings: Option<Vec<FingerprintedFinding>>,
    /// How the side is named in notes and the report's title.
    label: String,
}

/// Runs `diff` for the project at `root` (used by `--base` and `--head`).
pub fn run(root: &Path, options: DiffOptions) -> Result<ExitCode> {
    if options.fail_on_new.is_some() && (is_dataset(&options.old)? || is_dataset(&options.new)?) {
        return Err(Error::Usage(
            "--fail-on-new compares findings, which only projects have: give two project \
             folders or --base, not a dataset file"
                .into(),
        ));
    }
    let old = load_side(root, &options.old)?;
    let new = load_side(root, &options.new)?;
    let findings = match (old.findings, new.findings) {
        (Some(old), Some(new)) => Some(FindingsDiff::compare(old, new)),
        _ => None,
    };
    if findings.is_none() {
        eprintln!(
            "errdocs: note: findings are not compared: a dataset file does not hold them \
             (compare project folders, or use --base, to see findings introduced and fixed)"
        );
    }
    let mut diff = diff::compare(&old.snapshot, &new.snapshot);
    if let Some(findings) = &findings {
        diff = diff.with_findings(findings.clone());
    }

    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match options.format {
        DiffFormat::Human => diff::render::human::write(
            &diff,
            &mut stdout,
            HumanOptions {
                colour: super::color_on_stdout(),
            },
        ),
        DiffFormat::Markdown => {
            let markdown = MarkdownOptions {
                title: format!("errdocs diff: {} → {}", old.label, new.label),
                full_report: format!("`{}`", json_command(&options)),
                ..MarkdownOptions::default()
            };
            diff::render::markdown::write(&diff, &mut stdout, &markdown).map(|_| ())
        }
        DiffFormat::Json => diff::render::json::write(&diff, &mut stdout),
    };
    match written.and_then(|()| stdout.flush()) {
        // A reader that stopped early (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        result => result.map_err(|e| Error::io("<stdout>", e))?,
    }

    let failing_new = match (options.fail_on_new, &findings) {
        (Some(level), Some(findings)) => findings
            .introduced
            .iter()
            .filter(|f| level.fails(f.finding.severity))
            .count(),
        _ => 0,
    };
    Ok(
        if failing_new > 0 || (options.exit_code && !diff.is_empty()) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// The command that gives the whole report, named when Markdown is cut.
fn json_command(options: &DiffOptions) -> String {
    let side = |side: &Side| match side {
        Side::Path(path) => shell_word(&path.display().to_string()),
        Side::Revision(rev) => shell_word(rev),
        Side::WorkTree => String::new(),
    };
    match (&options.old, &options.new) {
        (Side::Revision(_), Side::WorkTree) => {
            format!("errdocs diff --base {} --format json", side(&options.old))
        }
        (Side::Revision(_), Side::Revision(_)) => format!(
            "errdocs diff --base {} --head {} --format json",
            side(&options.old),
            side(&options.new)
        ),
        _ => format!(
            "errdocs diff {} {} --format json",
            side(&options.old),
            side(&options.new)
        ),
    }
}

/// `text` as one shell word: quoted unless it is plainly safe.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./~^@:+=".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

fn is_dataset(side: &Side) -> Result<bool> {
    Ok(match side {
        Side::Path(path) => diff::classify(path)? == InputKind::Dataset,
        Side::Revision(_) | Side::WorkTree => false,
    })
}

fn load_side(root: &Path, side: &Side) -> Result<LoadedSide> {
    match side {
        Side::Path(path) => match diff::classify(path)? {
            InputKind::Dataset => Ok(LoadedSide {
                snapshot: Snapshot::load(path)?,
                findings: None,
                label: path.display().to_string(),
            }),
            InputKind::Project => load_project(path, path.display().to_string()),
        },
        Side::WorkTree => load_project(root, "work tree".into()),
        Side::Revision(rev) => {
            // Stopped by Ctrl-C (or SIGTERM, SIGHUP), `diff` removes the
            // revision's temporary copy before it ends.
            crate::interrupt::remove_on_interrupt();
            let tree = revision_tree(root, rev)?;
            // Errors name the revision's files, not the temporary copy.
            load_project(tree.root(), rev.clone())
                .map_err(|e| e.renamed(|text| tree.as_revision_paths(text)))
        }
    }
}

/// Reads a project and keeps its snapshot and fingerprinted findings; the
/// project itself is dropped before the other side is read.
fn load_project(root: &Path, label: String) -> Result<LoadedSide> {
    let project = Project::load(root)?;
    super::print_notes(&project);
    let findings = project.build_check().findings;
    // After the rules (see `check`): the findings' lines from the text
    // checked.
    let lines = project.quote_lines(&findings)?;
    let prints = fingerprints(&lines, &findings);
    Ok(LoadedSide {
        snapshot: Snapshot::from_dataset(&project.dataset),
        findings: Some(FingerprintedFinding::pair_with_rows(
            findings, prints, &lines,
        )),
        label,
    })
}

/// The project at `rev`: its configuration first, then the folders that
/// configuration reads documents from (as they are at `rev`).
fn revision_tree(root: &Path, rev: &str) -> Result<RevisionTree> {
    let mut tree = RevisionTree::checkout(root, rev, &[CONFIG_FILE])?;
    let config = Config::load(tree.root(), &crate::check::rule_ids())
        .map_err(|e| e.renamed(|text| tree.as_revision_paths(text)))?;
    let folders = document_folders(&config);
    if folders.iter().any(String::is_empty) {
        // A template that varies from its first folder: every file.
        tree.add(&[])?;
    } else {
        let folders: Vec<&str> = folders.iter().map(String::as_str).collect();
        tree.add(&folders)?;
    }
    Ok(tree)
}

/// The folders (relative to the root) that hold the documents a
/// configuration names: `sources`, and the fixed part of each placement
/// template (up to its first `{locale}` or wildcard).
fn document_folders(config: &Config) -> Vec<String> {
    let mut folders = vec![config.sources.clone()];
    for document in config.documents.values() {
        for template in [&document.source, &document.translations]
            .into_iter()
            .flatten()
        {
            folders.push(fixed_folder(template));
        }
    }
    folders.sort();
    folders.dedup();
    folders
}

/// The folder part of `template` before anything that varies.
fn fixed_folder(template: &str) -> String {
    let varies = template
        .find(LOCALE_PLACEHOLDER)
        .into_iter()
        .chain(template.find(['*', '?', '[']))
        .min()
        .unwrap_or(template.len());
    let fixed = &template[..varies];
    match fixed.rfind('/') {
        Some(slash) => fixed[..slash].to_string(),
        // A file at the root, or a template that varies from its start.
        None if varies == template.len() => fixed.to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixed_folder_of_a_template_stops_where_it_varies() {
        assert_eq!(fixed_folder("docs/{locale}/errors.md"), "docs");
        assert_eq!(fixed_folder("docs/errors.{locale}.md"), "docs");
        assert_eq!(fixed_folder("docs/a/b/*.md"), "docs/a/b");
        assert_eq!(fixed_folder("errors.md"), "errors.md");
        assert_eq!(fixed_folder("{locale}/errors.md"), "");
    }

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("origin/main"), "origin/main");
        assert_eq!(shell_word("HEAD~1"), "HEAD~1");
        assert_eq!(shell_word("my docs"), "'my docs'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
    }
}
