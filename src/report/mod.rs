//! Reports of a check run: for people (`human`), for tools (`json`), for
//! GitHub code scanning (`sarif`) and for GitHub Actions annotations
//! (`github`, with a Markdown job summary). Each is an [`Emitter`]: it
//! writes to any [`Write`] as it goes, given the outcome and where to read
//! the lines it quotes.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod summary;

use std::io::{self, Write};

use crate::check::CheckOutcome;
use crate::source::SourceLines;

/// What every report is written from: the outcome of a check run and the
/// text of the lines its findings are on (quoted by the human report,
/// fingerprinted by SARIF).
#[derive(Clone, Copy)]
pub struct ReportContext<'a> {
    /// The findings and the run's counts and tables.
    pub outcome: &'a CheckOutcome,
    /// The source lines.
    pub lines: &'a dyn SourceLines,
}

/// One report format.
pub trait Emitter {
    /// Writes the report of `report` to `out`.
    fn emit(&self, out: &mut dyn Write, report: &ReportContext) -> io::Result<()>;
}

/// An output format of `errdocs check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Grouped by file, with the source line, a caret and the fix.
    Human,
    /// One JSON object with a `findings` array and a summary.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

impl Format {
    /// The emitter of this format. `color` asks for ANSI colours (human
    /// format only; the caller decides from the terminal and `NO_COLOR`).
    pub fn emitter(self, color: bool) -> Box<dyn Emitter> {
        match self {
            Format::Human => Box::new(human::HumanEmitter { color }),
            Format::Json => Box::new(json::JsonEmitter),
            Format::Sarif => Box::new(sarif::SarifEmitter),
            Format::Github => Box::new(github::GithubEmitter),
        }
    }
}

/// The report in `format` as a string (for tests and small outputs; the
/// command writes straight to standard output).
pub fn render(format: Format, report: &ReportContext, color: bool) -> String {
    to_string(format.emitter(color).as_ref(), report)
}

/// What `emitter` writes, as a string.
pub fn to_string(emitter: &dyn Emitter, report: &ReportContext) -> String {
    let mut bytes = Vec::new();
    // Writing to a vector cannot fail, and every emitter writes UTF-8.
    let _ = emitter.emit(&mut bytes, report);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
