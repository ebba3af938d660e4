//! GitHub Actions annotations and the job summary.

use crate::Project;
use crate::check::CheckOutcome;

/// Renders workflow-command annotations, one line per finding.
pub fn render(project: &Project, outcome: &CheckOutcome) -> String {
    let _ = (project, outcome);
    String::new()
}

/// The Markdown job summary for `$GITHUB_STEP_SUMMARY`.
pub fn step_summary(project: &Project, outcome: &CheckOutcome) -> String {
    let _ = (project, outcome);
    String::new()
}
