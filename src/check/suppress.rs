//! Inline suppressions in the documents, in markdownlint's style:
//!
//! - `<!-- errdocs-disable-next-line rule-a rule-b -->` silences those rules
//!   on the next non-blank line (the whole `<tr>` row when that line opens
//!   one);
//! - `<!-- errdocs-disable-line rule-a -->` silences them on its own line
//!   (the way to silence a pipe-table row, which a comment line would end);
//! - `<!-- errdocs-disable rule-a -->` ... `<!-- errdocs-enable rule-a -->`
//!   silences them in between.
//!
//! With no rule ids, every rule is silenced. A suppression that silences
//! nothing, or names an unknown rule, is itself reported.

use crate::Project;
use crate::check::{rule, rules};
use crate::finding::Finding;
use crate::source::{Location, SourceFile};

/// One suppression comment (or, for `disable` ... `enable`, the part of it
/// that one `enable` closes).
#[derive(Debug, Clone)]
struct Suppression {
    location: Location,
    /// The rule ids; empty for all rules.
    rules: Vec<String>,
    first_line: usize,
    last_line: usize,
    /// Per rule id (one entry when `rules` is empty): did it silence
    /// anything?
    used: Vec<bool>,
}

impl Suppression {
    fn new(location: Location, rules: Vec<String>, first_line: usize, last_line: usize) -> Self {
        let used = vec![false; rules.len().max(1)];
        Suppression {
            location,
            rules,
            first_line,
            last_line,
            used,
        }
    }

    /// Marks and returns whether it silences `finding`.
    fn silence(&mut self, finding: &Finding) -> bool {
        if finding.location.file != self.location.file
            || !(self.first_line..=self.last_line).contains(&finding.location.line)
        {
            return false;
        }
        if self.rules.is_empty() {
            self.used[0] = true;
            return true;
        }
        match self.rules.iter().position(|r| r == finding.rule) {
            Some(i) => {
                self.used[i] = true;
                true
            }
            None => false,
        }
    }
}

/// The suppression comments of one file, read when the file is loaded (the
/// project does not keep the files' text), and the problems found in them.
#[derive(Debug, Clone, Default)]
pub struct FileSuppressions {
    suppressions: Vec<Suppression>,
    problems: Vec<Finding>,
}

impl FileSuppressions {
    /// Reads the suppression comments of `source`.
    pub fn of(source: &SourceFile) -> Self {
        let mut problems = Vec::new();
        let suppressions = scan(source, &mut problems);
        FileSuppressions {
            suppressions,
            problems,
        }
    }
}

/// Removes suppressed findings, adds findings for unused or invalid
/// suppressions, and returns how many findings were suppressed.
pub fn apply(project: &Project, findings: &mut Vec<Finding>) -> usize {
    let mut suppressions: Vec<Suppression> = Vec::new();
    let mut problems = Vec::new();
    for file in project.suppressions() {
        suppressions.extend(file.suppressions.iter().cloned());
        problems.extend(file.problems.iter().cloned());
    }
    if suppressions.is_empty() {
        findings.extend(problems);
        return 0;
    }
    let before = findings.len();
    findings.retain(|f| {
        if f.rule == rules::SUPPRESSION_UNUSED.id {
            return true;
        }
        let mut suppressed = false;
        for s in suppressions.iter_mut() {
            suppressed |= s.silence(f);
        }
        !suppressed
    });
    let suppressed = before - findings.len();
    for s in &suppressions {
        // Unknown ids were reported as such when the comment was read.
        let unused: Vec<String> = if s.rules.is_empty() {
            if s.used[0] {
                Vec::new()
            } else {
                vec!["any rule".to_string()]
            }
        } else {
            s.rules
                .iter()
                .zip(&s.used)
                .filter(|(r, used)| !**used && rule(r).is_some())
                .map(|(r, _)| format!("`{r}`"))
                .collect()
        };
        if unused.is_empty() {
            continue;
        }
        let what = unused.join(", ");
        problems.push(Finding::new(
            &rules::SUPPRESSION_UNUSED,
            s.location.clone(),
            format!("this suppression of {what} silences nothing; remove it"),
        ));
    }
    findings.extend(problems);
    suppressed
}

const PREFIX: &str = "errdocs-";

/// Finds the suppression comments of one file.
fn scan(source: &SourceFile, problems: &mut Vec<Finding>) -> Vec<Suppression> {
    let mut found = Vec::new();
    // Most files have no directive: one search instead of a walk over
    // every line.
    if !source.text.contains(PREFIX) {
        return found;
    }
    let mut open: Vec<Suppression> = Vec::new();
    let lines: Vec<&str> = source.text.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        let line_number = index + 1;
        let mut rest = *line;
        while let Some(start) = rest.find("<!--") {
            let after = &rest[start + 4..];
            let Some(end) = after.find("-->") else { break };
            let body = after[..end].trim();
            rest = &after[end + 3..];
            let Some(directive) = body.strip_prefix(PREFIX) else {
                continue;
            };
            let mut words = directive.split_whitespace();
            let kind = words.next().unwrap_or("");
            let rules: Vec<String> = words.map(str::to_string).collect();
            let column = line[..line.len() - rest.len()]
                .rfind("<!--")
                .map_or(1, |b| line[..b].chars().count() + 1);
            let location = source.location_at(line_number, column);
            for id in &rules {
                if rule(id).is_none() {
                    problems.push(Finding::new(
                        &rules::SUPPRESSION_UNUSED,
                        location.clone(),
                        format!("`{id}` is not a rule id; `errdocs rules` lists them"),
                    ));
                }
            }
            let suppression = |first_line, last_line| {
                Suppression::new(location.clone(), rules.clone(), first_line, last_line)
            };
            match kind {
                "disable-line" => found.push(suppression(line_number, line_number)),
                "disable-next-line" => {
                    let target = (index + 1..lines.len()).find(|&i| !lines[i].trim().is_empty());
                    if let Some(target) = target {
                        let last = row_end(&lines, target);
                        found.push(suppression(target + 1, last + 1));
                    }
                }
                "disable" => open.push(suppression(line_number + 1, usize::MAX)),
                "enable" => {
                    // Closes the ids it names (every id, if it names none)
                    // of each open `disable`; the others stay disabled.
                    for open_suppression in std::mem::take(&mut open) {
                        let (closing, staying): (Vec<String>, Vec<String>) = if rules.is_empty() {
                            (open_suppression.rules.clone(), Vec::new())
                        } else if open_suppression.rules.is_empty() {
                            // "All rules" cannot be narrowed: it stays open.
                            open.push(open_suppression);
                            continue;
                        } else {
                            open_suppression
                                .rules
                                .iter()
                                .cloned()
                                .partition(|r| rules.contains(r))
                        };
                        let Suppression { location, first_line, .. } = open_suppression;
                        if rules.is_empty() || !closing.is_empty() {
                            found.push(Suppression::new(location.clone(), closing, first_line, line_number));
                        }
                        if !staying.is_empty() {
                            open.push(Suppression::new(location, staying, first_line, usize::MAX));
                        }
                    }
                }
                _ => problems.push(Finding::new(
                    &rules::SUPPRESSION_UNUSED,
                    location.clone(),
                    format!(
                        "`{PREFIX}{kind}` is not a directive; use errdocs-disable-next-line, errdocs-disable-line, errdocs-disable or errdocs-enable"
                    ),
                )),
            }
        }
    }
    found.extend(open);
    found
}

/// The last line (0-based) of the row that starts at `start`: the line of
/// the closing `</tr>` when `start` opens an HTML row, else `start`.
fn row_end(lines: &[&str], start: usize) -> usize {
    if !lines[start]
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("<tr")
    {
        return start;
    }
    (start..lines.len())
        .find(|&i| lines[i].to_ascii_lowercase().contains("</tr"))
        .unwrap_or(start)
}
