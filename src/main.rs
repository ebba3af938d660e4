//! The `errdocs` command line: parses arguments, calls the library, maps
//! outcomes to exit codes (0 success, 1 findings at the failing level or
//! stale outputs, 2 usage, I/O or unreadable input).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use errdocs::check::{self, Baseline};
use errdocs::config::FailLevel;
use errdocs::finding::Severity;
use errdocs::report::{self, Format};
use errdocs::{Error, Project};

/// `println!` that survives a closed pipe (`errdocs rules | head -3`).
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

// The build allocates many small strings; mimalloc frees them several
// times faster than the system allocator (see the benchmark in README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns documentation tables of Windows error codes into a trustworthy
/// dataset, and checks them for docs CI.
#[derive(Debug, Parser)]
#[command(name = "errdocs", version, about, long_about = None)]
struct Cli {
    /// The project folder: it holds errdocs.toml, sources/ and out/.
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    root: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read the documents in sources/ and write the dataset to out/
    /// (JSON, CSV, Rust source, and the findings as out/findings.json).
    ///
    /// Prints what was read: documents, locales, tables, rows, records and
    /// unresolved rows. Every output file is replaced atomically, and only
    /// when all of them were rendered.
    Build {
        /// Write nothing; exit 1 if out/ differs from what build would write.
        #[arg(long)]
        check: bool,
    },
    /// Check the documents and report findings; writes nothing.
    ///
    /// Exit status: 0 when no finding is at or above the failing level, 1
    /// when some is, 2 for usage errors and unreadable input.
    Check {
        /// How to report.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Report and fail only on findings not recorded in this baseline,
        /// and list the recorded ones that no longer occur.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record today's findings in FILE (a baseline) and exit 0.
        #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
        write_baseline: Option<PathBuf>,
        /// The lowest severity that fails the run [default: from
        /// errdocs.toml, else error].
        #[arg(long, value_enum, value_name = "LEVEL")]
        fail_on: Option<FailLevel>,
    },
    /// List every rule: id, severity (as errdocs.toml sets it, under
    /// --root), summary and tags.
    Rules,
    /// Explain one rule, with an example that breaks it and the fix.
    Explain {
        /// The rule id, such as hex-malformed.
        rule: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("errdocs: error: {err}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> errdocs::Result<ExitCode> {
    match cli.command {
        Command::Build { check } => build(&cli.root, check),
        Command::Check {
            format,
            baseline,
            write_baseline,
            fail_on,
        } => run_check(&cli.root, format, baseline, write_baseline, fail_on),
        Command::Rules => {
            print_rules(&errdocs::config::Config::load(&cli.root)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { rule } => explain(&rule, &cli.root),
    }
}

/// "1 document", "2 documents".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Prints a line of the build summary. A closed pipe (`errdocs build |
/// head -1`) must not stop the build before it writes out/.
fn say(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
}

fn build(root: &Path, check: bool) -> errdocs::Result<ExitCode> {
    let project = Project::load(root)?;
    let out_dir = project.out_dir();
    let stats = project.dataset.stats;
    let mut locales: Vec<&str> = project.files.iter().map(|f| f.locale.as_ref()).collect();
    locales.sort();
    locales.dedup();
    say(&format!(
        "read {}, {} in {} ({}), {}",
        count(stats.documents, "document"),
        count(stats.files, "file"),
        count(locales.len(), "locale"),
        locales.join(", "),
        count(stats.tables, "table")
    ));
    say(&format!(
        "rows read {}: {} in {}, {} unresolved",
        stats.rows_read,
        stats.rows_in_records,
        count(stats.records, "record"),
        stats.unresolved_rows
    ));
    // build --check compares; build writes (checking while it renders).
    let (outcome, written) = if check {
        (project.build_check(), Vec::new())
    } else {
        project.build()?
    };
    // Problems that change what the dataset holds are shown here, as
    // configured and suppressed; the full list is `errdocs check`'s job.
    for finding in outcome
        .findings
        .iter()
        .filter(|f| check::rule(f.rule).is_some_and(|r| r.tags.contains(&"ingest")))
    {
        eprintln!(
            "{}:{}:{}: {}: {} [{}]",
            finding.location.file,
            finding.location.line,
            finding.location.column,
            finding.severity,
            finding.message,
            finding.rule
        );
    }
    say(&format!(
        "findings: {}, {}, {} (`errdocs check` shows them)",
        count(outcome.count(Severity::Error), "error"),
        count(outcome.count(Severity::Warning), "warning"),
        count(outcome.count(Severity::Note), "note")
    ));
    if check {
        let outputs = project.outputs(&outcome)?;
        let stale = errdocs::emit::stale(&out_dir, &outputs);
        if stale.is_empty() {
            say(&format!("{} is up to date", out_dir.display()));
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
                path.display()
            );
        }
        return Ok(ExitCode::from(1));
    }
    for path in written {
        say(&format!("wrote {}", path.display()));
    }
    // The process ends here: the OS takes the memory back at once, where
    // freeing half a million records one by one takes a second on a large
    // corpus.
    std::mem::forget(outcome);
    std::mem::forget(project);
    Ok(ExitCode::SUCCESS)
}

fn run_check(
    root: &Path,
    format: Format,
    baseline: Option<PathBuf>,
    write_baseline: Option<PathBuf>,
    fail_on: Option<FailLevel>,
) -> errdocs::Result<ExitCode> {
    let project = Project::load(root)?;
    // Reports quote and fingerprint findings' lines: from the text checked.
    project.require_sources()?;
    let fail_on = fail_on.unwrap_or(project.config.check.fail_on);
    if let Some(path) = write_baseline {
        let (findings, _) = check::findings(&project);
        let baseline = Baseline::of(&project, &findings);
        std::fs::write(&path, baseline.to_json()).map_err(|e| Error::io(&path, e))?;
        eprintln!(
            "errdocs: recorded {} findings in {}",
            baseline.findings.len(),
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let baseline = baseline.map(|path| Baseline::load(&path)).transpose()?;
    let outcome = check::check(&project, baseline.as_ref(), fail_on);
    let color = format == Format::Human
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = report::render(format, &project, &outcome, color);
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A reader that stopped early (`| head`) is not an error: the exit
        // code still says what the check found.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        result => result.map_err(|e| Error::io("<stdout>", e))?,
    }
    if format == Format::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        let summary = report::github::step_summary(&project, &outcome);
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(summary.as_bytes()))
            .map_err(|e| Error::io(PathBuf::from(&path), e))?;
    }
    Ok(if outcome.fails() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Lists the rules with the severity they have in this project (`off` for
/// rules turned off in errdocs.toml).
fn print_rules(config: &errdocs::config::Config) {
    let width = check::registry()
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0);
    for rule in check::registry() {
        out!(
            "{:width$}  {:7}  {}  [{}]",
            rule.id,
            config.severity_of(rule).map_or("off", |s| s.as_str()),
            rule.summary,
            rule.tags.join(", ")
        );
    }
    out!("\n`errdocs explain RULE` explains one; set severities in errdocs.toml under [rules].");
}

fn explain(id: &str, root: &Path) -> errdocs::Result<ExitCode> {
    let id = id.trim().to_ascii_lowercase();
    let id = id.as_str();
    let Some(rule) = check::rule(id) else {
        let near: Vec<&str> = check::registry()
            .iter()
            .map(|r| r.id)
            .filter(|r| {
                id.split('-')
                    .any(|part| !part.is_empty() && r.contains(part))
            })
            .collect();
        eprintln!("errdocs: error: no rule `{id}`");
        if !near.is_empty() {
            eprintln!("did you mean: {}", near.join(", "));
        }
        eprintln!("`errdocs rules` lists every rule");
        return Ok(ExitCode::from(2));
    };
    // The project's setting too, where there is a project and it differs.
    let configured = errdocs::config::Config::load(root)
        .ok()
        .map(|config| config.severity_of(rule));
    let severity = match configured {
        Some(level) if level != Some(rule.severity) => format!(
            "{} by default, {} in this project",
            rule.severity,
            level.map_or("off", |s| s.as_str())
        ),
        _ => rule.severity.to_string(),
    };
    out!("{} ({severity}; tags: {})\n", rule.id, rule.tags.join(", "));
    out!("{}\n", rule.summary);
    out!("{}\n", rule.explanation);
    out!("Breaks the rule:\n");
    for line in rule.bad_example.lines() {
        out!("    {line}");
    }
    out!("\nFixed:\n");
    for line in rule.good_example.lines() {
        out!("    {line}");
    }
    out!(
        "\nConfigure in errdocs.toml:\n\n    [rules]\n    {} = \"warning\"   # or error, note, off",
        rule.id
    );
    Ok(ExitCode::SUCCESS)
}
