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

/// mimalloc 3's `mi_option_purge_delay` (its place in `mi_option_e`; a
/// test holds it there).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tunes mimalloc for a process that frees each document's memory as it
/// goes: freed pages go back to the system after 10 ms (mimalloc 2's
/// default). mimalloc 3 waits a second, so on a large corpus the pages of
/// documents long done still count in the peak (`check` on the scale
/// bench's 1x corpus: about 160 MB to 132 MB, for about 4% more time). A
/// `MIMALLOC_PURGE_DELAY` in the environment still wins.
fn tune_allocator() {
    // SAFETY: mi_option_set_default only stores the value (unless the
    // environment set the option), which the allocator reads on its next
    // purge.
    unsafe { libmimalloc_sys::mi_option_set_default(MI_OPTION_PURGE_DELAY, 10) }
}

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
    /// Read the documents (the folders in sources/ and those placed in
    /// errdocs.toml) and write the dataset to out/ (JSON, CSV, Rust
    /// source, and the findings as out/findings.json).
    ///
    /// Prints what was read: documents, locales, tables, rows, records and
    /// unresolved rows. out/ is replaced whole, in one step, once every
    /// output is written: a reader, a killed run or a second build sees
    /// the old set or the new one, never a mixture.
    Build {
        /// Write nothing; exit 1 if out/ differs from what build would write
        /// (or an interrupted build left files beside or in it).
        #[arg(long)]
        check: bool,
    },
    /// Check the documents and report findings; writes nothing.
    ///
    /// Without PATH, checks the project at --root. With PATHs, checks those
    /// Markdown files, each a document of its own, and the Markdown files
    /// in those folders (walked as ripgrep does: .gitignore respected,
    /// hidden files skipped); no errdocs.toml is needed, and one at --root
    /// gives its settings (rules, fail-on, source-locale, reference), not
    /// where pages are. In folders, only .md and .markdown files
    /// (any case) are read; a file named as PATH is read whatever its
    /// name. Files that cannot hold a code table are skipped quietly.
    ///
    /// Exit status: 0 when no finding is at or above the failing level
    /// (with --write-baseline: once the baseline is written), 1 when some
    /// is, 2 for usage errors, unreadable input (a missing path, a file
    /// that is binary or not UTF-8, a bad errdocs.toml or baseline), a
    /// file that changed while errdocs checked it, and output that cannot
    /// be written.
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
    /// Apply the findings' fixes to the pages: the safe ones (independent
    /// evidence agrees), and with --unsafe those a person should read too.
    ///
    /// Each fix replaces the text of one cell (or front matter value);
    /// every other byte stays as it was (line endings, a byte-order mark,
    /// entities, the <td>'s attributes), and an aligned pipe table stays
    /// aligned where the new text fits. A code or name fixed in the source
    /// is fixed in each translation whose row says the same wrong thing.
    /// The documents are checked again after each round of fixes, and new
    /// fixes applied, up to 10 rounds; then each changed file is written
    /// once, atomically, and not at all if it changed meanwhile. Prints
    /// what was fixed, by file and rule, and what remains, as `check`
    /// does. Suppressed findings are not fixed.
    ///
    /// Without PATH, fixes the project at --root; with PATHs, those
    /// Markdown files and folders, as `check` reads them.
    ///
    /// Exit status: 0 when no finding at or above the failing level
    /// remains, 1 when some does, 2 for usage errors and unreadable input.
    /// With --diff: 1 when there is something to fix, 0 when nothing.
    Fix {
        /// Markdown files or folders to fix instead of the project.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Apply unsafe fixes too: those backed by one source, or that a
        /// person should read (display-only suggestions never).
        #[arg(long = "unsafe")]
        unsafe_fixes: bool,
        /// Write nothing; print the changes as a unified diff, its paths
        /// relative to --root (with PATHs: to the current folder), so that
        /// `git apply` run there takes it. A page outside that folder (a
        /// document placed in errdocs.toml at ../elsewhere) is left out of
        /// the diff, and named on standard error. (`--dry-run` is taken
        /// for it too.)
        #[arg(long, alias = "dry-run")]
        diff: bool,
        /// Apply only the fixes of this rule (repeat for several).
        #[arg(long = "rule", value_name = "ID", value_parser = clap::builder::PossibleValuesParser::new(errdocs::check::rule_ids()), hide_possible_values = true)]
        rules: Vec<String>,
        /// The lowest severity that fails the run [default: from
        /// errdocs.toml, else error].
        #[arg(long, value_enum, value_name = "LEVEL")]
        fail_on: Option<FailLevel>,
    },
    /// Compare two versions of the documents, for review
    ///
    /// Reports which codes were added, removed, renamed, moved or changed,
    /// each description word by word, the translations a source change left
    /// stale, and the findings introduced and fixed.
    ///
    /// Give OLD and NEW (each a project folder, whose sources are read, or
    /// a dataset file written by build, out/error-codes.json), or, in a
    /// git work tree, --base REV: the project at --root as it is at REV
    /// (read through the git command) against the work tree, or against
    /// --head REV. In CI on a pull request:
    ///
    ///     errdocs diff --base origin/main --format markdown
    ///
    /// Findings are compared only between projects (a dataset file does
    /// not hold them).
    ///
    /// Exit status: 0; 1 with --exit-code when anything changed, or with
    /// --fail-on-new when the change introduces findings at or above that
    /// level; 2 for usage errors, a revision that does not exist, a path
    /// that is neither a project nor a dataset, or unreadable input.
    #[command(
        verbatim_doc_comment,
        override_usage = "errdocs diff [OPTIONS] OLD NEW\n       errdocs diff [OPTIONS] --base REV [--head REV]"
    )]
    Diff {
        /// Before the change: a project folder or a dataset file.
        #[arg(value_name = "OLD", conflicts_with = "base")]
        old: Option<PathBuf>,
        /// After the change: a project folder or a dataset file.
        #[arg(value_name = "NEW", conflicts_with = "base")]
        new: Option<PathBuf>,
        /// Compare the project at --root as it is at this git revision.
        #[arg(long, value_name = "REV")]
        base: Option<String>,
        /// With --base: compare against this revision, not the work tree.
        #[arg(long, value_name = "REV")]
        head: Option<String>,
        /// How to report.
        #[arg(long, value_enum, default_value = "human")]
        format: commands::diff::DiffFormat,
        /// Exit 1 when anything changed (as `git diff --exit-code`).
        #[arg(long)]
        exit_code: bool,
        /// Exit 1 when the change introduces findings at or above LEVEL.
        #[arg(long, value_enum, value_name = "LEVEL")]
        fail_on_new: Option<FailLevel>,
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
        /// (eight bare digits are hex), '0x8024 0001' (digits in groups), 0x5,
        /// -2145124351, 2149842945, 1112, '1 223' or '2,149,842,945' (digits in groups of three, as
        /// locales write them; after `--` when they start with `-`: -- '-2 145 124 351'),
        /// wu_e_no_service (any case), WU_E_PT_* (`*` any characters, `?` one).
        #[arg(value_name = "QUERY", required = true, allow_negative_numbers = true)]
        queries: Vec<String>,
        /// How to print the answers.
        #[arg(long, value_enum, default_value = "human")]
        format: commands::lookup::LookupFormat,
        /// In the human format, show at most N records per query (a code
        /// that no record documents counts as one) and say how many more
        /// there are. The JSON always lists every one.
        #[arg(
            long,
            value_name = "N",
            default_value_t = commands::lookup::DEFAULT_LIMIT,
            value_parser = limit_parser
        )]
        limit: usize,
        /// In the human format, show every record (no --limit).
        #[arg(long, conflicts_with = "limit")]
        all: bool,
    },
}

/// `--limit N`: a whole number of at least 1 (`--all` shows everything).
fn limit_parser(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1 (--all shows every record)".into()),
        Ok(limit) => Ok(limit),
        Err(_) => Err("must be a whole number of at least 1".into()),
    }
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // Errors quote paths and input (a folder name, a TOML value):
            // shown on one terminal line, without escape codes, and not
            // megabytes long when the input is.
            let message = err.to_string();
            eprintln!(
                "errdocs: error: {}",
                errdocs::safe_text::terminal(&errdocs::safe_text::bounded_message(&message))
            );
            ExitCode::from(2)
        }
    }
}

/// The two sides of `diff` from its arguments, or a usage error that says
/// what is missing. (clap alone, told that OLD and NEW are needed unless
/// --base is given, answered `diff --head REV` with a usage line naming
/// --base, OLD and NEW together, which no command line can give.)
fn diff_sides(
    old: Option<PathBuf>,
    new: Option<PathBuf>,
    base: Option<String>,
    head: Option<String>,
) -> errdocs::Result<(commands::diff::Side, commands::diff::Side)> {
    use commands::diff::Side;
    let usage = |message: &str| Err(errdocs::Error::Usage(message.into()));
    match (old, new, base, head) {
        (None, None, Some(base), head) => Ok((
            Side::Revision(base),
            head.map_or(Side::WorkTree, Side::Revision),
        )),
        (_, _, None, Some(_)) => usage(
            "--head REV needs --base REV (errdocs diff --base REV --head REV compares two revisions); to compare two folders or datasets, give OLD and NEW without --head",
        ),
        (Some(old), Some(new), None, None) => Ok((Side::Path(old), Side::Path(new))),
        (Some(_), None, None, None) => usage(
            "give NEW too: errdocs diff OLD NEW compares two project folders or datasets (or use --base REV for a git revision)",
        ),
        _ => usage(
            "give OLD and NEW (two project folders or datasets), or --base REV (the project at a git revision against the work tree)",
        ),
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
        Command::Fix {
            paths,
            unsafe_fixes,
            diff,
            rules,
            fail_on,
        } => commands::fix::run(
            &cli.root,
            commands::fix::FixOptions {
                paths,
                selection: errdocs::fix::Selection {
                    unsafe_fixes,
                    rules,
                },
                diff,
                fail_on,
            },
        ),
        Command::Diff {
            old,
            new,
            base,
            head,
            format,
            exit_code,
            fail_on_new,
        } => {
            let (old, new) = diff_sides(old, new, base, head)?;
            commands::diff::run(
                &cli.root,
                commands::diff::DiffOptions {
                    old,
                    new,
                    format,
                    exit_code,
                    fail_on_new,
                },
            )
        }
        Command::Rules => {
            let config = errdocs::config::Config::load(&cli.root, &errdocs::check::rule_ids())?;
            commands::rules::run(&config)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { rule } => commands::explain::run(&rule, &cli.root),
        Command::Lookup {
            queries,
            format,
            limit,
            all,
        } => {
            let queries = commands::lookup::parse_queries(&queries)?;
            commands::lookup::run(
                &cli.root,
                commands::lookup::LookupOptions {
                    queries,
                    format,
                    limit: (!all).then_some(limit),
                },
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_set_is_mimallocs_purge_delay() {
        let get = |option| {
            // SAFETY: reads an option.
            unsafe { libmimalloc_sys::mi_option_get(option) }
        };
        let set = |name| std::env::var_os(name).is_some();
        let environment = match std::env::var("MIMALLOC_PURGE_DELAY") {
            Err(_) => None,
            Ok(v) => match v.parse::<std::ffi::c_long>() {
                Ok(delay) => Some(delay),
                // What mimalloc makes of it is mimalloc's business.
                Err(_) => return,
            },
        };
        // The place holds what mimalloc read for the purge delay (the
        // environment's, or mimalloc 3's default), and the options around
        // it sit where mimalloc.h puts them: a shifted enum fails here.
        assert_eq!(get(MI_OPTION_PURGE_DELAY), environment.unwrap_or(1000));
        if !set("MIMALLOC_ARENA_RESERVE") {
            let arena_reserve = get(MI_OPTION_PURGE_DELAY + 8);
            assert_eq!(arena_reserve, 1024 * 1024, "arena_reserve (KiB)");
        }
        if !set("MIMALLOC_RETRY_ON_OOM") {
            assert_eq!(get(MI_OPTION_PURGE_DELAY + 12), 400, "retry_on_oom");
        }
        tune_allocator();
        assert_eq!(get(MI_OPTION_PURGE_DELAY), environment.unwrap_or(10));
    }
}
