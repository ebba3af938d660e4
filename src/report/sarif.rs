//! The SARIF 2.1.0 report.

use crate::Project;
use crate::check::CheckOutcome;

/// Renders the SARIF report.
pub fn render(project: &Project, outcome: &CheckOutcome) -> String {
    let _ = (project, outcome);
    String::from("{}\n")
}
