//! The human report: findings grouped by file, each with its source line, a
//! caret under the column and the suggested fix, then a summary.
//!
//! ```text
//! sources/doc/en-us.md
//! sources/doc/en-us.md:9:4: error[hex-malformed]: code `0x8024200` has 7 hex digits
//!     9 | |**0x8024200**|WU_E_UH_REMOTEUNAVAILABLE|...|
//!       |    ^
//!     fix: code `0x8024200` -> `0x80242000` (safe, high confidence)
//!         the decimal column says -2145116160
//! ```
//!
//! Colour is decoration only: with `color` false the text is the same minus
//! the escape codes.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::summary::{counts_by_rule, fix_in_words, plural};
use super::{Emitter, ReportContext};
use crate::check::{BaselineEntry, CheckOutcome, CoverageState};
use crate::diagnostic::{FailLevel, Finding, Severity};
use crate::source::{Location, SourceLines};

const RESET: &str = "\x1b[0m";
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";

/// The human report; `color` adds ANSI colours.
#[derive(Debug, Clone, Copy)]
pub struct HumanEmitter {
    /// Whether to colour severities and rule ids.
    pub color: bool,
}

impl Emitter for HumanEmitter {
    fn emit(&self, out: &mut dyn Write, report: &ReportContext) -> io::Result<()> {
        write_report(out, report.outcome, report.lines, Paint(self.color))
    }
}

fn write_report(
    out: &mut dyn Write,
    outcome: &CheckOutcome,
    lines: &dyn SourceLines,
    paint: Paint,
) -> io::Result<()> {
    if outcome.findings.is_empty() {
        // With a baseline, what is reported is what is new.
        out.write_all(if outcome.baseline_given {
            b"no new findings\n"
        } else {
            b"no findings\n"
        })?;
    }
    for (file, findings) in by_file(&outcome.findings) {
        writeln!(
            out,
            "{} ({})\n",
            one_line(file),
            plural(findings.len(), "finding")
        )?;
        // One gutter width per file, so that the `|` of every snippet in
        // the file lines up.
        let gutter = findings
            .iter()
            .map(|f| f.location.line.to_string().len())
            .max()
            .unwrap_or(1);
        for finding in findings {
            write_finding(out, lines, finding, gutter, paint)?;
            writeln!(out)?;
        }
    }
    write_summary(out, outcome, paint)
}

/// Findings grouped by file, files in name order, findings in their given
/// order within a file (the outcome is sorted already; grouping with a map
/// keeps a hand-built, unsorted outcome from listing a file twice).
fn by_file(findings: &[Finding]) -> BTreeMap<&str, Vec<&Finding>> {
    let mut groups: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for finding in findings {
        groups
            .entry(finding.location.file.as_ref())
            .or_default()
            .push(finding);
    }
    groups
}

/// Optional ANSI colouring.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn wrap(self, code: &str, text: &str) -> String {
        if self.0 {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// The severity word in its colour.
    fn severity(self, severity: Severity) -> String {
        self.severity_padded(severity, 0)
    }

    /// The severity word padded to `width`, the padding outside the
    /// colour so that columns align with and without it.
    fn severity_padded(self, severity: Severity, width: usize) -> String {
        let code = match severity {
            Severity::Error => RED,
            Severity::Warning => YELLOW,
            Severity::Note => CYAN,
        };
        let word = severity.as_str();
        let pad = " ".repeat(width.saturating_sub(word.len()));
        format!("{}{pad}", self.wrap(code, word))
    }

    /// A rule id, dimmed.
    fn rule(self, id: &str) -> String {
        self.rule_padded(id, 0)
    }

    fn rule_padded(self, id: &str, width: usize) -> String {
        let pad = " ".repeat(width.saturating_sub(id.chars().count()));
        format!("{}{pad}", self.wrap(DIM, id))
    }
}

fn location(location: &Location) -> String {
    format!(
        "{}:{}:{}",
        one_line(&location.file),
        location.line,
        location.column
    )
}

fn write_finding(
    out: &mut dyn Write,
    lines: &dyn SourceLines,
    finding: &Finding,
    gutter: usize,
    paint: Paint,
) -> io::Result<()> {
    writeln!(
        out,
        "{}: {}[{}]: {}",
        location(&finding.location),
        paint.severity(finding.severity),
        paint.rule(finding.rule),
        one_line(&finding.message)
    )?;
    if let Some(text) = lines.line_text(&finding.location.file, finding.location.line) {
        write_snippet(out, &finding.location, gutter, text)?;
    }
    if let Some(fix) = &finding.fix {
        writeln!(out, "    fix: {}", one_line(&fix_in_words(fix)))?;
        for evidence in &fix.evidence {
            writeln!(out, "        {}", one_line(evidence))?;
        }
    }
    // A finding that sums up a table's rows lists them all in the JSON
    // report; here, the first few.
    const SHOWN: usize = 5;
    let shown = if finding.related.len() > SHOWN + 1 {
        SHOWN
    } else {
        finding.related.len()
    };
    for related in &finding.related[..shown] {
        writeln!(
            out,
            "    related: {}: {}",
            location(&related.location),
            one_line(&related.message)
        )?;
    }
    if finding.related.len() > shown {
        writeln!(
            out,
            "    related: ... and {} more (`--format json` lists them all)",
            finding.related.len() - shown
        )?;
    }
    Ok(())
}

/// The source line under a gutter `gutter` digits wide with its number,
/// and a caret line.
fn write_snippet(
    out: &mut dyn Write,
    location: &Location,
    gutter: usize,
    text: &str,
) -> io::Result<()> {
    let line = location.line;
    let blank = "";
    let (text, column) = window(text, location.column);
    writeln!(out, "    {line:>gutter$} | {}", printable(&text))?;
    writeln!(
        out,
        "    {blank:>gutter$} | {}^",
        caret_indent(&text, column)
    )
}

/// Characters of a quoted line shown at most, around the column.
const SNIPPET_CHARS: usize = 1000;

/// The part of a long line around the 1-based `column`, `…` marking what
/// is cut, and the column in that part. A table written on one line of
/// megabytes, with a finding every few cells, would otherwise print the
/// whole line for each finding.
fn window(text: &str, column: usize) -> (std::borrow::Cow<'_, str>, usize) {
    // Cheap for a short line: its bytes bound its characters.
    if text.len() <= SNIPPET_CHARS {
        return (std::borrow::Cow::Borrowed(text), column);
    }
    let chars = text.chars().count();
    if chars <= SNIPPET_CHARS {
        return (std::borrow::Cow::Borrowed(text), column);
    }
    let first = column
        .saturating_sub(1)
        .saturating_sub(SNIPPET_CHARS / 2)
        .min(chars - SNIPPET_CHARS);
    let mut part: String = text.chars().skip(first).take(SNIPPET_CHARS).collect();
    let mut column = column - first;
    if first > 0 {
        part.insert(0, '…');
        column += 1;
    }
    if first + SNIPPET_CHARS < chars {
        part.push('…');
    }
    (std::borrow::Cow::Owned(part), column)
}

/// Page text (a message, a path, a description, a line quoted) as one line
/// with no control characters or bidirectional overrides: line breaks
/// shown as `⏎`, the rest as `?`, one character for one so that carets
/// stay under their column (see [`crate::safe_text::terminal`]). A
/// document cannot send escape codes to the terminal, reorder what it
/// shows, or break the layout.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    crate::safe_text::terminal(text)
}

/// The same for a source line quoted under a finding.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    crate::safe_text::terminal(text)
}

/// The white space that puts a caret under the 1-based character `column`
/// of `text`: the characters before it, each as a space (two for East
/// Asian wide characters), tabs kept so that the terminal's tab stops
/// apply to both lines. A column past the end of the line puts the caret
/// just after it.
pub fn caret_indent(text: &str, column: usize) -> String {
    let before = column.saturating_sub(1);
    let mut indent = String::new();
    for c in text.chars().take(before) {
        match c {
            '\t' => indent.push('\t'),
            c if is_wide(c) => indent.push_str("  "),
            _ => indent.push(' '),
        }
    }
    // A column past the end stops here, however far it says: a hand-made
    // column must not allocate a huge line.
    indent
}

/// True for characters that terminals draw two cells wide: a simple East
/// Asian Wide / Fullwidth check over the main blocks (Hangul Jamo, CJK,
/// Hangul syllables, compatibility ideographs, fullwidth forms).
pub fn is_wide(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
    )
}

fn write_summary(out: &mut dyn Write, outcome: &CheckOutcome, paint: Paint) -> io::Result<()> {
    writeln!(
        out,
        "summary: {}, {}, {}",
        plural(outcome.count(Severity::Error), "error"),
        plural(outcome.count(Severity::Warning), "warning"),
        plural(outcome.count(Severity::Note), "note"),
    )?;
    write_rule_table(out, outcome, paint)?;
    if outcome.suppressed > 0 {
        writeln!(out, "suppressed: {}", outcome.suppressed)?;
    }
    if outcome.baselined > 0 {
        writeln!(out, "baselined: {}", outcome.baselined)?;
    }
    for entry in &outcome.gone_from_baseline {
        write_gone(out, entry, paint)?;
    }
    if outcome.baseline_given {
        // A check against a baseline is CI's question "what is new?": the
        // coverage tables cover every row, new or not, and ran to a
        // hundred lines under a report of no new findings. One line says
        // where they are.
        if !outcome.coverage.is_empty() || !outcome.counterpart_coverage.is_empty() {
            writeln!(
                out,
                "coverage tables: not shown with --baseline (`--format json` has them, as does a check without --baseline)"
            )?;
        }
    } else {
        write_coverage(out, outcome)?;
        write_counterpart_coverage(out, outcome)?;
    }
    writeln!(out, "{}", verdict(outcome))
}

/// The translation coverage matrix: counts per locale, then every source
/// row that is not present and clean in every locale.
fn write_coverage(out: &mut dyn Write, outcome: &CheckOutcome) -> io::Result<()> {
    for matrix in &outcome.coverage {
        writeln!(
            out,
            "translation coverage of {} ({} source rows):",
            one_line(&matrix.document),
            matrix.rows.len()
        )?;
        // As wide as the longest tag: `zh-Hant-TW` pushed its counts out
        // from under their headers.
        let width = matrix
            .locales
            .iter()
            .map(|locale| one_line(locale).chars().count())
            .max()
            .unwrap_or(0)
            .max("locale".len() + 2);
        writeln!(out, "  {:width$}  present  missing  differs", "locale")?;
        for locale in &matrix.locales {
            let counts = matrix.counts.get(locale);
            let count = |state| counts.and_then(|c| c.get(&state)).copied().unwrap_or(0);
            writeln!(
                out,
                "  {:width$}  {:>7}  {:>7}  {:>7}",
                one_line(locale),
                count(CoverageState::Present),
                count(CoverageState::Missing),
                count(CoverageState::Differs)
            )?;
        }
        for row in &matrix.rows {
            let issues: Vec<String> = row
                .states
                .iter()
                .filter(|(_, s)| **s != CoverageState::Present)
                .map(|(locale, state)| {
                    format!(
                        "{locale} {}",
                        if *state == CoverageState::Missing {
                            "missing"
                        } else {
                            "differs"
                        }
                    )
                })
                .collect();
            if !issues.is_empty() {
                writeln!(
                    out,
                    "    {} {}: {}",
                    one_line(&row.code),
                    one_line(&row.name),
                    one_line(&issues.join(", "))
                )?;
            }
        }
    }
    Ok(())
}

/// The codes without a counterpart, per document, as a table.
fn write_counterpart_coverage(out: &mut dyn Write, outcome: &CheckOutcome) -> io::Result<()> {
    if outcome.counterpart_coverage.is_empty() {
        return Ok(());
    }
    writeln!(out, "WU/OM counterparts:")?;
    let width = outcome
        .counterpart_coverage
        .iter()
        .map(|c| c.document.chars().count())
        .max()
        .unwrap_or(0)
        .max("document".len());
    writeln!(
        out,
        "  {:width$}  family  paired  without counterpart",
        "document"
    )?;
    for c in &outcome.counterpart_coverage {
        writeln!(
            out,
            "  {:width$}  {:6}  {:>6}  {:>19}",
            one_line(&c.document),
            c.family,
            c.paired,
            c.unpaired.len()
        )?;
    }
    for c in outcome
        .counterpart_coverage
        .iter()
        .filter(|c| !c.unpaired.is_empty())
    {
        writeln!(
            out,
            "  {} codes of {} without {} {} counterpart:",
            c.family,
            one_line(&c.document),
            if c.counterpart_family.starts_with(['A', 'E', 'I', 'O', 'U']) {
                "an"
            } else {
                "a"
            },
            c.counterpart_family
        )?;
        // A list, wrapped: it can run to a hundred codes.
        let mut line = String::from("   ");
        for (code, name) in &c.unpaired {
            let entry = format!(" {} {}", one_line(code), one_line(name));
            if line.chars().count() + entry.chars().count() > 100 && !line.trim().is_empty() {
                writeln!(out, "{line}")?;
                line = String::from("   ");
            }
            line.push_str(&entry);
        }
        if !line.trim().is_empty() {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// Counts by rule and severity.
fn write_rule_table(out: &mut dyn Write, outcome: &CheckOutcome, paint: Paint) -> io::Result<()> {
    let rows = counts_by_rule(&outcome.findings);
    if rows.is_empty() {
        return Ok(());
    }
    let rule_width = rows
        .keys()
        .map(|(rule, _)| rule.chars().count())
        .chain(std::iter::once("rule".len()))
        .max()
        .unwrap_or(0);
    let severity_width = "severity".len();
    writeln!(
        out,
        "  {:rule_width$}  {:severity_width$}  count",
        "rule", "severity"
    )?;
    for ((rule, severity), count) in rows {
        writeln!(
            out,
            "  {}  {}  {count:>5}",
            paint.rule_padded(rule, rule_width),
            paint.severity_padded(severity.0, severity_width),
        )?;
    }
    Ok(())
}

fn write_gone(out: &mut dyn Write, entry: &BaselineEntry, paint: Paint) -> io::Result<()> {
    writeln!(
        out,
        "fixed since baseline: {} {}:{} {}",
        paint.rule(&one_line(&entry.rule)),
        one_line(&entry.file),
        entry.line,
        one_line(&entry.message)
    )
}

/// The last line: whether the run fails at the configured level.
fn verdict(outcome: &CheckOutcome) -> String {
    let level = outcome.fail_on.as_str();
    if outcome.fail_on == FailLevel::Never {
        return "result: passes (fail-on is `never`)".to_string();
    }
    if outcome.fails() {
        format!(
            "result: fails ({} at or above `{level}`, the fail-on level)",
            plural(outcome.failing(), "finding")
        )
    } else {
        format!("result: passes (no findings at or above `{level}`, the fail-on level)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_quoted_around_the_column() {
        let line: String = (0..10_000)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let (part, column) = window(&line, 5_000);
        assert_eq!(part.chars().count(), SNIPPET_CHARS + 2);
        assert!(part.starts_with('…') && part.ends_with('…'));
        assert_eq!(part.chars().nth(column - 1), line.chars().nth(4_999));
        let (part, column) = window(&line, 3);
        assert_eq!((part.chars().nth(2), column), (Some('c'), 3));
        assert!(!part.starts_with('…'));
        let (part, column) = window(&line, 10_000);
        assert_eq!(
            part.chars().nth(column - 1),
            Some(line.chars().last().unwrap())
        );
        assert!(matches!(
            window("short", 2),
            (std::borrow::Cow::Borrowed("short"), 2)
        ));
    }
}
