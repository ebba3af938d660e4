//! `errdocs check`: run every rule and report.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::Project;
use crate::check::Baseline;
use crate::diagnostic::FailLevel;
use crate::error::{Error, Result};
use crate::report::github::StepSummaryEmitter;
use crate::report::sarif::SarifWithFixes;
use crate::report::{Emitter, Format, ReportContext};
use crate::safe_text::terminal;
use crate::source::SourceLines;

/// The options of `check`.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Markdown files and folders to check, each file a document of its
    /// own; empty to check the project at the root.
    pub paths: Vec<PathBuf>,
    /// How to report.
    pub format: Format,
    /// Report only findings not in this baseline.
    pub baseline: Option<PathBuf>,
    /// Record the findings in this baseline instead of reporting them.
    pub write_baseline: Option<PathBuf>,
    /// The failing level, overriding the configuration's.
    pub fail_on: Option<FailLevel>,
}

/// Runs `check` on the project at `root`, or on the files at
/// `options.paths` (with the settings of the project at `root`, if any).
pub fn run(root: &Path, options: CheckOptions) -> Result<ExitCode> {
    // SARIF carries fixes as replacements of the files' texts, which needs
    // every file's ingested tables; the other reports need only the
    // findings, so each document is checked and freed in turn.
    let (project, evaluation) = match (options.paths.is_empty(), options.format) {
        (true, Format::Sarif) => {
            let project = Project::load(root)?;
            let evaluation = project.evaluate();
            (project, evaluation)
        }
        (false, Format::Sarif) => {
            let project = Project::load_paths(root, &options.paths)?;
            let evaluation = project.evaluate();
            (project, evaluation)
        }
        (true, _) => Project::load_checked(root)?,
        (false, _) => Project::load_paths_checked(root, &options.paths)?,
    };
    super::print_notes(&project);
    let fail_on = options.fail_on.unwrap_or(project.config.check.fail_on);
    // Reports quote and fingerprint findings' lines, from the text checked:
    // `quote_lines` reads every file again, stops if one changed, and keeps
    // only those lines. It runs after the rules, whose working memory is
    // then freed, so the texts and that memory are never held at once.
    if let Some(path) = options.write_baseline {
        let findings = evaluation.findings;
        let lines = project.quote_lines(&findings)?;
        let baseline = Baseline::of(&lines, &findings);
        write_whole(&path, &baseline.to_json())?;
        eprintln!(
            "errdocs: recorded {} findings in {}",
            baseline.findings.len(),
            crate::safe_text::terminal(&path.display().to_string())
        );
        return Ok(ExitCode::SUCCESS);
    }
    let baseline = options
        .baseline
        .map(|path| Baseline::load(&path))
        .transpose()?;
    let outcome = crate::check::outcome(evaluation, baseline.as_ref(), &project, fail_on);
    // SARIF carries fixes as replacements of the files' texts, so it needs
    // them whole; the other formats need only the findings' lines.
    let quoted;
    let lines: &dyn SourceLines = if options.format == Format::Sarif {
        project.require_sources()?;
        &project
    } else {
        quoted = project.quote_lines(&outcome.findings)?;
        &quoted
    };
    let report = ReportContext {
        outcome: &outcome,
        lines,
    };
    let color = options.format == Format::Human && super::color_on_stdout();
    // SARIF carries each fix as replacements of the text, for tools that
    // apply them.
    let replacements = if options.format == Format::Sarif {
        project.fix_replacements(&outcome.findings)
    } else {
        Vec::new()
    };
    let emitter: Box<dyn Emitter + '_> = if options.format == Format::Sarif {
        Box::new(SarifWithFixes {
            replacements: &replacements,
        })
    } else {
        options.format.emitter(color)
    };
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match emitter
        .emit(&mut stdout, &report)
        .and_then(|()| stdout.flush())
    {
        // A reader that stopped early (`| head`) is not an error: the exit
        // code still says what the check found.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        result => result.map_err(|e| Error::io("<stdout>", e))?,
    }
    if options.format == Format::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        // The job summary repeats what the annotations and the exit code
        // already say: one that cannot be written is told, and the exit
        // code stays the check's, not an error's that would hide it.
        let path = PathBuf::from(path);
        let mut summary = Vec::new();
        let written = StepSummaryEmitter
            .emit(&mut summary, &report)
            .and_then(|()| {
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&path)?
                    .write_all(&summary)
            });
        if let Err(e) = written {
            eprintln!(
                "errdocs: warning: cannot write the job summary to $GITHUB_STEP_SUMMARY ({}): {e}; the annotations above and the exit code still give the check's result",
                terminal(&path.display().to_string())
            );
        }
    }
    let code = if outcome.fails() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: the OS takes the memory back at once, where
    // freeing every cell and record one by one is a few percent of a
    // large check (as in `build`).
    drop(emitter);
    std::mem::forget(replacements);
    std::mem::forget(outcome);
    std::mem::forget(project);
    Ok(code)
}
/// Where a write to `path` lands: `path`, or the file its symbolic links
/// lead to, followed link by link so that a link to a file not yet
/// written (a baseline kept in another folder) is written through, not
/// replaced by a file of its own. Links in a circle are an error.
fn link_target(path: &Path) -> Result<PathBuf> {
    // As many links as Linux follows before it says ELOOP.
    const MAX_LINKS: usize = 40;
    let mut target = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&target).map_err(|e| Error::io(&target, e))?;
                target = match target.parent() {
                    Some(parent) => parent.join(link),
                    None => link,
                };
            }
            _ => return Ok(target),
        }
    }
    Err(Error::io(
        path,
        std::io::Error::other("symbolic links lead in a circle"),
    ))
}

/// Writes a baseline whole or not at all: to a temporary file beside it,
/// renamed over it once complete, with the permissions of the file it
/// replaces (a symbolic link's target is replaced, the link kept).
/// `std::fs::write` truncated the previous baseline first, so a run killed
/// or a disk filled mid-write left a file that is not JSON, and CI then
/// stopped on it. What is not a regular file (`/dev/stdout`, a pipe) is
/// written as it is.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = link_target(path)?;
    let existing = std::fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return std::fs::write(&target, bytes).map_err(|e| Error::io(&target, e));
    }
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".errdocs-baseline-");
    // A new file gets the usual mode (the umask applies), not the
    // temporary file's owner-only one.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // Errors name the baseline, not the temporary file, whose name means
    // nothing to the reader (tempfile's own message adds it, "at path
    // .../.errdocs-baseline-TtFaCo").
    let mut temp = builder.tempfile_in(folder).map_err(|e| {
        let message = match e.kind() {
            std::io::ErrorKind::NotFound if !folder.is_dir() => format!(
                "cannot write the baseline: there is no folder {}; create it first",
                folder.display()
            ),
            // The operating system's words, without the temporary path
            // (tempfile keeps the error itself private).
            _ => format!(
                "cannot write the baseline in {}: {}",
                folder.display(),
                crate::error::without_temporary_path(&e)
            ),
        };
        Error::io(&target, std::io::Error::new(e.kind(), message))
    })?;
    temp.write_all(bytes)
        .and_then(|()| temp.flush())
        .map_err(|e| Error::io(&target, crate::error::without_temporary_path(&e)))?;
    if let Some(metadata) = existing {
        std::fs::set_permissions(temp.path(), metadata.permissions())
            .map_err(|e| Error::io(&target, e))?;
    }
    temp.persist(&target)
        .map_err(|e| Error::io(&target, e.error))?;
    Ok(())
}
