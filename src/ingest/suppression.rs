//! Inline suppression comments, in markdownlint's style:
//!
//! - `<!-- errdocs-disable-next-line rule-a rule-b -->` silences those rules
//!   on the next non-blank line (the whole `<tr>` row when that line opens
//!   one);
//! - `<!-- errdocs-disable-line rule-a -->` silences them on its own line
//!   (the way to silence a pipe-table row, which a comment line would end);
//! - `<!-- errdocs-disable rule-a -->` ... `<!-- errdocs-enable rule-a -->`
//!   silences them in between.
//!
//! With no rule ids, every rule is silenced; ids may be separated by spaces
//! or commas. Only comments that Markdown reads as HTML count: the same text
//! in a code block or a code span shows the syntax and silences nothing.
//!
//! Ingest reads the comments while it has the file's text (the project does
//! not keep it) and works out the lines each one covers; which rule ids
//! exist, and whether a suppression silenced anything, is the check's
//! business.

use std::ops::Range;

use super::problem::{IngestProblem, SuppressionProblem};
use crate::source::{Location, SourceFile};

/// One suppression: the rules it silences on a range of lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// Where the comment is.
    pub location: Location,
    /// The rule ids as written; empty for every rule.
    pub rules: Vec<String>,
    /// The first line silenced (1-based).
    pub first_line: usize,
    /// The last line silenced (1-based, inclusive).
    pub last_line: usize,
}

const PREFIX: &str = "errdocs-";

/// Reads the suppression comments among `comments` (byte ranges of the
/// HTML comments that Markdown reads as HTML, in file order).
pub fn read(
    source: &SourceFile,
    comments: &[Range<usize>],
    problems: &mut Vec<IngestProblem>,
) -> Vec<Suppression> {
    let mut found = Vec::new();
    let text = source.text.as_str();
    let mut open: Vec<Suppression> = Vec::new();
    for range in comments {
        let Some(body) = text
            .get(range.clone())
            .and_then(|c| c.strip_prefix("<!--"))
            // An unclosed comment runs to the end of the file
            // (`html-comment-unclosed` says so): its directive is its first
            // line that is not blank, not every word of the page after it.
            .map(|c| {
                c.strip_suffix("-->")
                    .unwrap_or_else(|| c.lines().find(|l| !l.trim().is_empty()).unwrap_or(""))
                    .trim()
            })
        else {
            continue;
        };
        let Some(directive) = body.strip_prefix(PREFIX) else {
            continue;
        };
        let mut words = directive
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty());
        let kind = words.next().unwrap_or("");
        let rules: Vec<String> = words.map(str::to_string).collect();
        let location = source.location(range.start);
        let line = location.line;
        let problem = |kind| IngestProblem::Suppression {
            location: location.clone(),
            kind,
        };
        let suppression = |first_line, last_line| Suppression {
            location: location.clone(),
            rules: rules.clone(),
            first_line,
            last_line,
        };
        match kind {
            "disable-line" => found.push(suppression(line, line)),
            "disable-next-line" => {
                // The comment may span lines: the next line is the one after
                // its end.
                let end_line = source.line_column(range.end.saturating_sub(1)).0;
                match next_non_blank_line(source, end_line + 1) {
                    Some(target) => {
                        let last = row_end(source, target);
                        found.push(suppression(target, last));
                    }
                    None => problems.push(problem(SuppressionProblem::NoNextLine)),
                }
            }
            "disable" => open.push(suppression(line + 1, usize::MAX)),
            "enable" => {
                if open.is_empty() {
                    problems.push(problem(SuppressionProblem::EnableWithoutDisable));
                }
                close(&mut open, &rules, line, &mut found);
            }
            _ => problems.push(problem(SuppressionProblem::UnknownDirective(
                kind.to_string(),
            ))),
        }
    }
    for unclosed in &open {
        problems.push(IngestProblem::Suppression {
            location: unclosed.location.clone(),
            kind: SuppressionProblem::UnclosedDisable,
        });
    }
    found.extend(open);
    found
}

/// Closes, at `line`, the ids that an `enable` names (every id, if it names
/// none) of each open `disable`; the others stay disabled.
fn close(open: &mut Vec<Suppression>, rules: &[String], line: usize, found: &mut Vec<Suppression>) {
    for disable in std::mem::take(open) {
        let (closing, staying): (Vec<String>, Vec<String>) = if rules.is_empty() {
            (disable.rules.clone(), Vec::new())
        } else if disable.rules.is_empty() {
            // "All rules" cannot be narrowed: it stays open.
            open.push(disable);
            continue;
        } else {
            disable
                .rules
                .iter()
                .cloned()
                .partition(|r| rules.contains(r))
        };
        if rules.is_empty() || !closing.is_empty() {
            found.push(Suppression {
                location: disable.location.clone(),
                rules: closing,
                first_line: disable.first_line,
                last_line: line,
            });
        }
        if !staying.is_empty() {
            open.push(Suppression {
                rules: staying,
                last_line: usize::MAX,
                ..disable
            });
        }
    }
}

/// The first line at or after `line` (1-based) with more than white space.
fn next_non_blank_line(source: &SourceFile, line: usize) -> Option<usize> {
    (line..=source.line_count())
        .find(|&l| source.line_text(l).is_some_and(|t| !t.trim().is_empty()))
}

/// The last line of the row that starts at `line`: the line of the closing
/// `</tr>` when `line` opens an HTML row, else `line`.
fn row_end(source: &SourceFile, line: usize) -> usize {
    let opens_row = source.line_text(line).is_some_and(|t| {
        t.trim_start()
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case("<tr"))
    });
    if !opens_row {
        return line;
    }
    (line..=source.line_count())
        .find(|&l| {
            source
                .line_text(l)
                .is_some_and(|t| t.to_ascii_lowercase().contains("</tr"))
        })
        .unwrap_or(line)
}
