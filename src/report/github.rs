//! GitHub Actions annotations and the job summary.
//!
//! Annotations are workflow commands on standard output, one per finding:
//! `::error file=F,line=L,col=C,title=T::MESSAGE`. GitHub shows only ten
//! annotations of each kind per step, so the job summary
//! (`$GITHUB_STEP_SUMMARY`) lists every finding in a table.

use std::io::{self, Write};

use super::summary::{counts_by_rule, fix_in_words};
use super::{Emitter, ReportContext};
use crate::check::CheckOutcome;
use crate::diagnostic::{Finding, Severity};
use crate::safe_text;

/// Workflow-command annotations, one line per finding.
#[derive(Debug, Clone, Copy)]
pub struct GithubEmitter;

impl Emitter for GithubEmitter {
    fn emit(&self, out: &mut dyn Write, report: &ReportContext) -> io::Result<()> {
        for finding in &report.outcome.findings {
            out.write_all(annotation(finding).as_bytes())?;
        }
        Ok(())
    }
}

/// The Markdown job summary, for `$GITHUB_STEP_SUMMARY`.
#[derive(Debug, Clone, Copy)]
pub struct StepSummaryEmitter;

impl Emitter for StepSummaryEmitter {
    fn emit(&self, out: &mut dyn Write, report: &ReportContext) -> io::Result<()> {
        write_step_summary(out, report.outcome)
    }
}

/// The workflow command of a severity.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// One annotation line, with its newline. The page text in it (the
/// message, the fix, the file's path) has no control characters or
/// bidirectional overrides left (see [`crate::safe_text::terminal`]; line
/// breaks in the message are kept, escaped, as GitHub shows them): the
/// runner prints the line in the job's log, which reads escape codes.
pub fn annotation(finding: &Finding) -> String {
    let mut message = safe_text::terminal_keep_lines(&finding.message).into_owned();
    if let Some(fix) = &finding.fix {
        // An escaped newline: the annotation shows the fix on its own line.
        message.push_str("\nfix: ");
        message.push_str(&safe_text::terminal_keep_lines(&fix_in_words(fix)));
    }
    format!(
        "::{} file={},line={},col={},title={}::{}\n",
        command(finding.severity),
        escape_property(&safe_text::terminal(&finding.location.file)),
        finding.location.line,
        finding.location.column,
        escape_property(&format!("errdocs {}", finding.rule)),
        escape_data(&message),
    )
}

/// Escapes a command's message (data) as the Actions runner reads it:
/// `%`, carriage return and line feed.
pub fn escape_data(text: &str) -> String {
    // `%` first, so that the escapes added after are not escaped again.
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as data, plus `:` and `,`, which
/// would otherwise end the value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Writes the Markdown job summary of `outcome`.
fn write_step_summary(out: &mut dyn Write, outcome: &CheckOutcome) -> io::Result<()> {
    out.write_all(b"# errdocs check\n\n")?;
    writeln!(out, "{}\n", verdict(outcome))?;
    write_severity_table(out, outcome)?;
    write_counts(out, outcome)?;
    if outcome.findings.is_empty() {
        return out.write_all(b"No findings.\n");
    }
    write_rule_table(out, outcome)?;
    write_findings_table(out, outcome)
}

fn verdict(outcome: &CheckOutcome) -> String {
    let level = outcome.fail_on.as_str();
    if outcome.fails() {
        let failing = outcome.failing();
        let s = if failing == 1 { "" } else { "s" };
        format!("**Fails**: {failing} finding{s} at or above the fail-on level `{level}`.")
    } else {
        format!("**Passes** at the fail-on level `{level}`.")
    }
}

fn write_severity_table(out: &mut dyn Write, outcome: &CheckOutcome) -> io::Result<()> {
    out.write_all(b"| Severity | Count |\n|---|---:|\n")?;
    for severity in [Severity::Error, Severity::Warning, Severity::Note] {
        writeln!(out, "| {} | {} |", severity, outcome.count(severity))?;
    }
    writeln!(out)
}

/// Suppressed and baselined findings and fixed baseline entries, when any.
fn write_counts(out: &mut dyn Write, outcome: &CheckOutcome) -> io::Result<()> {
    let mut lines = Vec::new();
    if outcome.suppressed > 0 {
        lines.push(format!("- Suppressed inline: {}", outcome.suppressed));
    }
    if outcome.baselined > 0 {
        lines.push(format!("- In the baseline: {}", outcome.baselined));
    }
    for entry in &outcome.gone_from_baseline {
        // Everything here comes from the baseline file, rule id included.
        lines.push(format!(
            "- Fixed since baseline: {} {}:{} {}",
            cell(&entry.rule),
            cell(&entry.file),
            entry.line,
            cell(&entry.message)
        ));
    }
    if !lines.is_empty() {
        write!(out, "{}\n\n", lines.join("\n"))?;
    }
    Ok(())
}

fn write_rule_table(out: &mut dyn Write, outcome: &CheckOutcome) -> io::Result<()> {
    out.write_all(b"## By rule\n\n| Rule | Severity | Count |\n|---|---|---:|\n")?;
    for ((rule, severity), count) in counts_by_rule(&outcome.findings) {
        writeln!(out, "| `{rule}` | {} | {count} |", severity.0)?;
    }
    writeln!(out)
}

fn write_findings_table(out: &mut dyn Write, outcome: &CheckOutcome) -> io::Result<()> {
    writeln!(
        out,
        "## Findings\n\nAll {} findings (annotations show at most ten of each kind).\n",
        outcome.findings.len()
    )?;
    out.write_all(b"| Location | Rule | Severity | Message |\n|---|---|---|---|\n")?;
    for finding in &outcome.findings {
        let mut message = cell(&finding.message);
        if let Some(fix) = &finding.fix {
            message.push_str("<br>fix: ");
            message.push_str(&cell(&fix_in_words(fix)));
        }
        writeln!(
            out,
            "| {}:{} | `{}` | {} | {} |",
            cell(&finding.location.file),
            finding.location.line,
            finding.rule,
            finding.severity,
            message
        )?;
    }
    Ok(())
}

/// Page text for the job summary's Markdown, in a table cell or a list
/// item: it shows as written, and opens no HTML, code span, link or
/// emphasis, whatever it holds (see [`crate::safe_text::markdown_cell`]).
/// Messages quote page text between backticks, and that text may hold a
/// backtick itself: so the whole message is text, its backticks shown as
/// they are.
pub fn cell(text: &str) -> String {
    safe_text::markdown_cell(text)
}
