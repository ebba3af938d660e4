//! `front-matter-invalid`: front matter that YAML (or TOML) cannot read, or reads
//! otherwise than its author meant: a misread character (pointed at by its
//! column, and named), a key given twice (with both lines).

use crate::check::context::Context;
use crate::check::reference::thousands;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::front_matter::{character_name, is_invisible};
use crate::ingest::problem::{CharacterPlace, Elsewhere};
use crate::ingest::{FrontMatterProblem, IngestProblem};

/// The rule.
pub static RULE: Rule = Rule {
    id: "front-matter-invalid",
    severity: Severity::Warning,
    tags: &["ingest", "metadata"],
    fix: None,
    summary: "The front matter is not valid YAML (or TOML), hides a character YAML misreads, or repeats a key",
    explanation: "The leading `---` block must be YAML `key: value` lines; a `+++` block (Hugo and Zola pages) must be TOML. A character that looks like a space but is not one (a no-break space after `key:`, a tab in the indentation, a zero-width space in a key, a byte-order mark) is named and pointed at by its column; a key given twice is reported with both lines. errdocs reads the block as meant (the character as a space, the first of two keys) and goes on with the document, but publishing tools may lose the page's metadata (title, locale).",
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
        // Places the message refers to; the other lines with the same
        // problem, the first of them.
        let mut related = Vec::new();
        let mut others = None;
        let message = match kind {
            FrontMatterProblem::Unclosed { fence } => {
                format!(
                    "front matter opens with `{fence}` but is never closed; the file is read as Markdown"
                )
            }
            FrontMatterProblem::InvalidToml { message } => {
                format!("front matter is not valid TOML: {message}; its keys are not read")
            }
            FrontMatterProblem::NotAMapping => {
                "front matter is not a list of `key: value` lines".to_string()
            }
            FrontMatterProblem::InvalidYaml { message, suspect } => {
                let suspect = suspect.map_or(String::new(), |(c, column)| {
                    format!("; {} at column {column} may be the cause", named(c))
                });
                format!(
                    "front matter is not valid YAML: {message}{suspect}; the keys errdocs could read line by line are kept"
                )
            }
            FrontMatterProblem::Character {
                character,
                place,
                key,
                elsewhere,
            } => {
                others = Some((elsewhere, "the same character in the same place"));
                let message =
                    character_message(*character, *place, key.as_deref(), location.column);
                if elsewhere.count == 0 {
                    message
                } else {
                    format!(
                        "{message}; the same on {} ({})",
                        more(elsewhere.count, "line"),
                        lines_of(elsewhere)
                    )
                }
            }
            FrontMatterProblem::DuplicateKey {
                key,
                first_line,
                elsewhere,
            } => {
                related.push((
                    crate::source::Location {
                        line: *first_line,
                        column: 1,
                        ..location.clone()
                    },
                    "the first, which is kept",
                ));
                others = Some((elsewhere, "another key given again"));
                let again = if elsewhere.count == 0 {
                    String::new()
                } else {
                    format!(
                        "; {} given again too ({} {}), the first of each kept",
                        more(elsewhere.count, "key"),
                        if elsewhere.count == 1 {
                            "line"
                        } else {
                            "lines"
                        },
                        lines_of(elsewhere)
                    )
                };
                format!(
                    "front matter gives `{key}` twice, at lines {first_line} and {}; the first is kept{again}",
                    location.line
                )
            }
        };
        if let Some((elsewhere, what)) = others {
            related.extend(elsewhere.shown.iter().map(|place| (place.clone(), what)));
        }
        let mut finding = RULE.finding(location.clone(), message);
        for (place, what) in related {
            finding = finding.with_related(place, what);
        }
        out.push(finding);
    }
}

/// The lines of the other places with the same problem, for a message:
/// `5, 6 and 9`, or past the first few `5, 6, 7, 8, 9 and 99,994 more`.
fn lines_of(elsewhere: &Elsewhere) -> String {
    let mut lines: Vec<String> = elsewhere
        .shown
        .iter()
        .map(|place| place.line.to_string())
        .collect();
    let unshown = elsewhere.count.saturating_sub(lines.len());
    if unshown > 0 {
        return format!("{} and {} more", lines.join(", "), thousands(unshown));
    }
    match lines.pop() {
        Some(last) if !lines.is_empty() => format!("{} and {last}", lines.join(", ")),
        Some(last) => last,
        None => String::new(),
    }
}

/// `1 more line`, `99,999 more lines`.
fn more(count: usize, noun: &str) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{} more {noun}{s}", thousands(count))
}

/// `a no-break space (U+00A0)`.
fn named(c: char) -> String {
    format!("{} (U+{:04X})", character_name(c), u32::from(c))
}

/// The message for a misread character at `column`.
fn character_message(c: char, place: CharacterPlace, key: Option<&str>, column: usize) -> String {
    let what = format!("front matter has {} at column {column}", named(c));
    let read_as = if c == '\t' {
        "errdocs read it as two spaces"
    } else if is_invisible(c) {
        "errdocs read the line without it"
    } else {
        "errdocs read it as a space"
    };
    let key = key.unwrap_or("the key");
    match place {
        CharacterPlace::BeforeFence => format!(
            "{what}, before the opening `---`: the file starts with two byte-order marks, and tools that remove one miss the front matter; save it with one (errdocs read the front matter)"
        ),
        CharacterPlace::Indentation => format!(
            "{what}, in the indentation; YAML indents with ordinary spaces only ({read_as})"
        ),
        CharacterPlace::Key => format!(
            "{what}, inside the key `{key}`; the key is not `{key}` to YAML and to publishing tools ({read_as})"
        ),
        CharacterPlace::AfterColon => format!(
            "{what}; YAML needs an ordinary space after `{key}:` and otherwise takes the line for text ({read_as})"
        ),
        CharacterPlace::Value => {
            format!(
                "{what}, inside the value of `{key}`; it is invisible but part of the text ({read_as})"
            )
        }
    }
}
