//! `front-matter-invalid`: front matter that YAML cannot read.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::{FrontMatterProblem, IngestProblem};

/// The rule.
pub static RULE: Rule = Rule {
    id: "front-matter-invalid",
    severity: Severity::Warning,
    tags: &["ingest", "metadata"],
    fix: None,
    summary: "The front matter is not valid YAML",
    explanation: "The leading `---` block must be YAML `key: value` lines. errdocs keeps the keys it can read and goes on with the document, but the page's metadata (title, locale) may be lost for publishing tools too.",
    bad_example: "---\ntitle: Update errors\nms.date: [05/29/2019\n---",
    good_example: "---\ntitle: Update errors\nms.date: 05/29/2019\n---",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for problem in ctx.input.ingest_problems {
        let IngestProblem::FrontMatter { location, kind } = problem else {
            continue;
        };
        let message = match kind {
            FrontMatterProblem::Unclosed => {
                "front matter opens with `---` but is never closed; the file is read as Markdown"
                    .to_string()
            }
            FrontMatterProblem::NotAMapping => {
                "front matter is not a list of `key: value` lines".to_string()
            }
            FrontMatterProblem::InvalidYaml(yaml) => format!(
                "front matter is not valid YAML: {yaml}; the keys before the error are kept"
            ),
        };
        out.push(RULE.finding(location.clone(), message));
    }
}
