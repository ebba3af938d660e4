//! GitHub Actions annotations and the job summary.
//!
//! Annotations are workflow commands on standard output, one per finding:
//! `::error file=F,line=L,col=C,title=T::MESSAGE`. GitHub shows only ten
//! annotations of each kind per step, so the job summary
//! (`$GITHUB_STEP_SUMMARY`) lists every finding in a table.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::human::fix_in_words;
use super::json::fail_level_name;
use crate::Project;
use crate::check::CheckOutcome;
use crate::finding::{Finding, Severity};

/// Renders workflow-command annotations, one line per finding.
pub fn render(project: &Project, outcome: &CheckOutcome) -> String {
    let _ = project;
    outcome.findings.iter().map(annotation).collect()
}

/// The workflow command of a severity.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// One annotation line, with its newline.
pub fn annotation(finding: &Finding) -> String {
    let mut message = finding.message.clone();
    if let Some(fix) = &finding.fix {
        // An escaped newline: the annotation shows the fix on its own line.
        message.push_str("\nfix: ");
        message.push_str(&fix_in_words(fix));
    }
    format!(
        "::{} file={},line={},col={},title={}::{}\n",
        command(finding.severity),
        escape_property(&finding.location.file),
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

/// The Markdown job summary for `$GITHUB_STEP_SUMMARY`.
pub fn step_summary(project: &Project, outcome: &CheckOutcome) -> String {
    let _ = project;
    let mut out = String::from("# errdocs check\n\n");
    let _ = writeln!(out, "{}\n", verdict(outcome));
    write_severity_table(&mut out, outcome);
    write_counts(&mut out, outcome);
    if outcome.findings.is_empty() {
        out.push_str("No findings.\n");
        return out;
    }
    write_rule_table(&mut out, outcome);
    write_findings_table(&mut out, outcome);
    out
}

fn verdict(outcome: &CheckOutcome) -> String {
    let level = fail_level_name(outcome.fail_on);
    if outcome.fails() {
        let failing = outcome
            .findings
            .iter()
            .filter(|f| outcome.fail_on.fails(f.severity))
            .count();
        let s = if failing == 1 { "" } else { "s" };
        format!("**Fails**: {failing} finding{s} at or above the fail-on level `{level}`.")
    } else {
        format!("**Passes** at the fail-on level `{level}`.")
    }
}

fn write_severity_table(out: &mut String, outcome: &CheckOutcome) {
    out.push_str("| Severity | Count |\n|---|---:|\n");
    for severity in [Severity::Error, Severity::Warning, Severity::Note] {
        let _ = writeln!(out, "| {} | {} |", severity, outcome.count(severity));
    }
    out.push('\n');
}

/// Suppressed and baselined findings and fixed baseline entries, when any.
fn write_counts(out: &mut String, outcome: &CheckOutcome) {
    let mut lines = Vec::new();
    if outcome.suppressed > 0 {
        lines.push(format!("- Suppressed inline: {}", outcome.suppressed));
    }
    if outcome.baselined > 0 {
        lines.push(format!("- In the baseline: {}", outcome.baselined));
    }
    for entry in &outcome.gone_from_baseline {
        lines.push(format!(
            "- Fixed since baseline: `{}` {}:{} {}",
            entry.rule,
            entry.file,
            entry.line,
            cell(&entry.message)
        ));
    }
    if !lines.is_empty() {
        out.push_str(&lines.join("\n"));
        out.push_str("\n\n");
    }
}

fn write_rule_table(out: &mut String, outcome: &CheckOutcome) {
    let mut rows: BTreeMap<(&str, std::cmp::Reverse<Severity>), usize> = BTreeMap::new();
    for finding in &outcome.findings {
        *rows
            .entry((finding.rule, std::cmp::Reverse(finding.severity)))
            .or_insert(0) += 1;
    }
    out.push_str("## By rule\n\n| Rule | Severity | Count |\n|---|---|---:|\n");
    for ((rule, severity), count) in rows {
        let _ = writeln!(out, "| `{rule}` | {} | {count} |", severity.0);
    }
    out.push('\n');
}

fn write_findings_table(out: &mut String, outcome: &CheckOutcome) {
    let _ = writeln!(
        out,
        "## Findings\n\nAll {} findings (annotations show at most ten of each kind).\n",
        outcome.findings.len()
    );
    out.push_str("| Location | Rule | Severity | Message |\n|---|---|---|---|\n");
    for finding in &outcome.findings {
        let mut message = cell(&finding.message);
        if let Some(fix) = &finding.fix {
            message.push_str("<br>fix: ");
            message.push_str(&cell(&fix_in_words(fix)));
        }
        let _ = writeln!(
            out,
            "| {}:{} | `{}` | {} | {} |",
            cell(&finding.location.file),
            finding.location.line,
            finding.rule,
            finding.severity,
            message
        );
    }
}

/// Text for a Markdown table cell: `|` escaped, line breaks as `<br>`, so
/// that a message cannot end its cell or its row.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\r', '\n'], "<br>")
}
