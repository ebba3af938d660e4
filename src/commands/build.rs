//! `errdocs build`: read the sources, write the dataset to `out/` (or, with
//! `--check`, say whether `out/` is current).

use std::path::Path;
use std::process::ExitCode;

use super::say;
use crate::Project;
use crate::diagnostic::Severity;
use crate::error::Result;
use crate::report::summary::plural;
use crate::safe_text::terminal;

/// Runs `build` on the project at `root`; with `check`, writes nothing and
/// exits 1 when `out/` differs from what `build` would write.
pub fn run(root: &Path, check: bool) -> Result<ExitCode> {
    // Stopped by Ctrl-C (or SIGTERM, SIGHUP), a build removes the new set
    // it was writing beside `out/` before it ends.
    if !check {
        crate::emit::outdir::remove_on_interrupt();
    }
    // Each document is checked and its files freed in turn, its records'
    // entries in the outputs written to disk: `build` needs those and the
    // findings, not the cells.
    // `--check` writes nothing, not even the temporary file: it keeps the
    // dataset in memory.
    let (project, unfinished) = if check {
        Project::load_documents_in_memory(root)?
    } else {
        Project::load_documents(root)?
    };
    super::print_notes(&project);
    // Refused before anything is written, or compared.
    let out_dir = project.checked_out_dir()?;
    let stats = project.dataset.stats;
    let mut locales: Vec<&str> = project
        .corpus
        .files()
        .map(|(_, file)| file.locale.as_str())
        .collect();
    locales.sort();
    locales.dedup();
    let without_codes = match stats.tables_without_codes {
        0 => String::new(),
        n => format!(" ({n} without codes)"),
    };
    say(&format!(
        "read {}, {} in {} ({}), {}{without_codes}",
        plural(stats.documents, "document"),
        plural(stats.files, "file"),
        plural(locales.len(), "locale"),
        terminal(&locales.join(", ")),
        plural(stats.tables, "table")
    ));
    say(&format!(
        "rows read {}: {} in {}, {} unresolved",
        stats.rows_read,
        stats.rows_in_records,
        plural(stats.records, "record"),
        stats.unresolved_rows
    ));
    // build --check compares; build writes (finishing the check while it
    // renders).
    let (outcome, written) = if check {
        let evaluation = project.finish_check(unfinished);
        let outcome =
            crate::check::outcome(evaluation, None, &project, project.config.check.fail_on);
        (outcome, Vec::new())
    } else {
        project.build_finishing(unfinished)?
    };
    // Problems that change what the dataset holds are shown here, as
    // configured and suppressed; the full list is `errdocs check`'s job.
    for finding in outcome
        .findings
        .iter()
        .filter(|f| crate::check::rule(f.rule).is_some_and(|r| r.has_tag("ingest")))
    {
        // Page text and paths, shown on a terminal: no escape codes, one
        // line per warning.
        eprintln!(
            "{}:{}:{}: {}: {} [{}]",
            terminal(&finding.location.file),
            finding.location.line,
            finding.location.column,
            finding.severity,
            terminal(&finding.message),
            finding.rule
        );
    }
    say(&format!(
        "findings: {}, {}, {} (`errdocs check` shows them)",
        plural(outcome.count(Severity::Error), "error"),
        plural(outcome.count(Severity::Warning), "warning"),
        plural(outcome.count(Severity::Note), "note")
    ));
    if check {
        let outputs = project.outputs(&outcome)?;
        crate::emit::outdir::wait_for_builds(&out_dir);
        let stale = crate::emit::stale(&out_dir, &outputs);
        // What a killed build left is stale too: the next build removes it.
        let leftovers = crate::emit::outdir::leftovers(&out_dir);
        for path in &leftovers {
            eprintln!(
                "errdocs: stale: {} is left over from an interrupted build; run `errdocs build` to remove it",
                terminal(&path.display().to_string())
            );
        }
        if stale.is_empty() && leftovers.is_empty() {
            say(&format!(
                "{} is up to date",
                terminal(&out_dir.display().to_string())
            ));
            return Ok(ExitCode::SUCCESS);
        }
        for path in &stale {
            let why = if path.exists() {
                "differs from what the sources give"
            } else {
                "is missing"
            };
            eprintln!(
                "errdocs: stale: {} {why}; run `errdocs build`",
                terminal(&path.display().to_string())
            );
        }
        return Ok(ExitCode::from(1));
    }
    for path in written {
        say(&format!("wrote {}", terminal(&path.display().to_string())));
    }
    // The process ends here: the OS takes the memory back at once, where
    // freeing half a million records one by one takes a second on a large
    // corpus.
    std::mem::forget(outcome);
    std::mem::forget(project);
    Ok(ExitCode::SUCCESS)
}
