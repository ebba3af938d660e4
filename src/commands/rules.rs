//! `errdocs rules`: every rule, with its severity in this project; and the
//! README's table of rules, generated from the same registry.

use super::{print_text, push_line};
use crate::check::{Rule, registry};
use crate::config::Config;
use crate::diagnostic::Applicability;

/// Lists the rules with the severity they have under `config` (`off` for
/// rules turned off in errdocs.toml).
pub fn run(config: &Config) -> crate::Result<()> {
    let mut text = String::new();
    let width = registry().iter().map(|r| r.id.len()).max().unwrap_or(0);
    for rule in registry() {
        push_line(
            &mut text,
            &format!(
                "{:width$}  {:7}  {}  [{}]",
                rule.id,
                config
                    .severity_of(rule.id, rule.severity)
                    .map_or("off", |s| s.as_str()),
                rule.summary,
                rule.tags.join(", ")
            ),
        );
    }
    push_line(
        &mut text,
        "\n`errdocs explain RULE` explains one; set severities in errdocs.toml under [rules].",
    );
    print_text(&text)
}

/// What a rule's fixes are, in words for people.
pub fn fix_in_words(rule: &Rule) -> &'static str {
    match rule.fix {
        None => "no fix",
        Some(Applicability::Safe) => "safe",
        Some(Applicability::Unsafe) => "unsafe",
        Some(Applicability::DisplayOnly) => "display-only",
    }
}

/// The README's table of rules: one row per rule, in id order.
pub fn markdown_table() -> String {
    let mut table = String::from("| rule | default | fix | what it finds |\n|---|---|---|---|\n");
    for rule in registry() {
        table.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            rule.id,
            rule.severity,
            fix_in_words(rule),
            rule.summary.replace('|', "\\|")
        ));
    }
    table
}
