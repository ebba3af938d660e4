//! The `errdocs` command line: parses arguments, calls the library, maps
//! outcomes to exit codes (0 success, 1 findings at the failing level or
//! stale outputs, 2 usage, I/O or unreadable input).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use errdocs::commands;
use errdocs::diagnostic::FailLevel;
use errdocs::report::Format;

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
    /// Without PATH, checks the project at --root. With PATHs, checks those
    /// Markdown files, each a document of its own, and the Markdown files
    /// in those folders (walked as ripgrep does: .gitignore respected,
    /// hidden files skipped); no errdocs.toml is needed, and one at --root
    /// only gives rule settings. Files that cannot hold a code table are
    /// skipped quietly.
    ///
    /// Exit status: 0 when no finding is at or above the failing level, 1
    /// when some is, 2 for usage errors and unreadable input.
    Check {
        /// Markdown files or folders to check instead of the project.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
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
    /// Look up codes and names in the project's pages and in the Windows
    /// SDK's constants.
    ///
    /// For each code: the code decoded (signed and unsigned decimal,
    /// severity, facility), every record that documents it (name, family,
    /// each locale's description, counterpart, file and line), and what
    /// the reference says (the names the SDK, or the product's own headers
    /// named in errdocs.toml, give the code and where they are defined; the
    /// Win32 error inside a 0x8007xxxx HRESULT, and the HRESULT around a
    /// Win32 error). Outside a project (no errdocs.toml or sources/ at
    /// --root), the reference alone answers.
    ///
    /// Exit status: 0 when every query found something, 1 when one found
    /// nothing, 2 for a query that is neither a code, a name nor a
    /// wildcard.
    Lookup {
        /// Codes, names or wildcards: 0x80240001, 0x8024402c, 80240001
        /// (eight bare digits are hex), 0x5, -2145124351, 2149842945, 1112,
        /// wu_e_no_service (any case), WU_E_PT_* (`*` any characters, `?`
        /// one).
        #[arg(value_name = "QUERY", required = true, allow_negative_numbers = true)]
        queries: Vec<commands::lookup::QueryArg>,
        /// How to print the answers.
        #[arg(long, value_enum, default_value = "human")]
        format: commands::lookup::LookupFormat,
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
        Command::Build { check } => commands::build::run(&cli.root, check),
        Command::Check {
            paths,
            format,
            baseline,
            write_baseline,
            fail_on,
        } => commands::check::run(
            &cli.root,
            commands::check::CheckOptions {
                paths,
                format,
                baseline,
                write_baseline,
                fail_on,
            },
        ),
        Command::Rules => {
            let config = errdocs::config::Config::load(&cli.root, &errdocs::check::rule_ids())?;
            commands::rules::run(&config);
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { rule } => Ok(commands::explain::run(&rule, &cli.root)),
        Command::Lookup { queries, format } => commands::lookup::run(
            &cli.root,
            commands::lookup::LookupOptions { queries, format },
        ),
    }
}
