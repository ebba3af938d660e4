//! The `errdocs` command line: parses arguments, calls the library, maps
//! outcomes to exit codes (0 success, 1 findings or stale outputs, 2 usage,
//! I/O or unreadable input).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use errdocs::Project;

// The build allocates many small strings; mimalloc frees them several
// times faster than the system allocator (see the benchmark in README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use errdocs::finding::Severity;

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
    /// (JSON, CSV and Rust source).
    ///
    /// Prints what was read: documents, locales, tables, rows, records and
    /// unresolved rows. Every output file is replaced atomically, and only
    /// when all of them were rendered.
    Build {
        /// Write nothing; exit 1 if out/ differs from what build would write.
        #[arg(long)]
        check: bool,
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
    }
}

fn build(root: &std::path::Path, check: bool) -> errdocs::Result<ExitCode> {
    let project = Project::load(root)?;
    let out_dir = project.out_dir();
    let stats = project.dataset.stats;
    let locales: Vec<&str> = {
        let mut l: Vec<&str> = project.files.iter().map(|f| f.locale.as_str()).collect();
        l.sort();
        l.dedup();
        l
    };
    println!(
        "read {} documents, {} files in {} locales ({}), {} tables",
        stats.documents,
        stats.files,
        locales.len(),
        locales.join(", "),
        stats.tables
    );
    println!(
        "rows read {}: {} in {} records, {} unresolved",
        stats.rows_read, stats.rows_in_records, stats.records, stats.unresolved_rows
    );
    // Problems that change what the dataset holds are shown here; the
    // full list is `errdocs check`'s job.
    for finding in project
        .findings
        .iter()
        .filter(|f| errdocs::check::rule(f.rule).is_some_and(|r| r.tags.contains(&"ingest")))
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
    let count = |s: Severity| project.findings.iter().filter(|f| f.severity == s).count();
    println!(
        "findings: {} errors, {} warnings, {} notes",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note)
    );
    if check {
        let outputs = project.render_outputs()?;
        let stale = errdocs::emit::stale(&out_dir, &outputs);
        if stale.is_empty() {
            println!("{} is up to date", out_dir.display());
            return Ok(ExitCode::SUCCESS);
        }
        for path in &stale {
            eprintln!(
                "errdocs: stale: {} differs from the sources; run `errdocs build`",
                path.display()
            );
        }
        return Ok(ExitCode::from(1));
    }
    for path in errdocs::emit::render_and_write(&project.dataset, &out_dir)? {
        println!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
