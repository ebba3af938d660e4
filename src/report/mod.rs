//! Reports of a check run: for people (`human`), for tools (`json`), for
//! GitHub code scanning (`sarif`) and for GitHub Actions annotations
//! (`github`, with a Markdown job summary).

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::Project;
use crate::check::CheckOutcome;

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

/// Renders `outcome` in `format`. `color` asks for ANSI colours (human
/// format only; the caller decides from the terminal and `NO_COLOR`).
pub fn render(format: Format, project: &Project, outcome: &CheckOutcome, color: bool) -> String {
    match format {
        Format::Human => human::render(project, outcome, color),
        Format::Json => json::render(project, outcome),
        Format::Sarif => sarif::render(project, outcome),
        Format::Github => github::render(project, outcome),
    }
}
