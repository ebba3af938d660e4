//! `errdocs explain RULE`: one rule, with an example that breaks it.

use std::path::Path;
use std::process::ExitCode;

use super::{print_text, push_line};
use crate::check::{registry, rule};
use crate::config::Config;
use crate::diagnostic::Applicability;

/// Explains the rule `id`; exit 2, with the rules it may have meant, when
/// there is none. `root` is the project whose setting of the rule is shown,
/// where there is one. An error writing to standard output is an error.
pub fn run(id: &str, root: &Path) -> crate::Result<ExitCode> {
    let id = id.trim().to_ascii_lowercase();
    let id = id.as_str();
    let Some(rule) = rule(id) else {
        // `hex_malformed` (written as a Rust or TOML key might be) is
        // split at `_` as at `-`: it named no rule and suggested none.
        let ids: Vec<&str> = registry().iter().map(|r| r.id).collect();
        let near = crate::config::similar_rule_ids(id, &ids);
        eprintln!(
            "errdocs: error: no rule `{}`",
            crate::safe_text::terminal(&crate::safe_text::bounded_message(id))
        );
        if !near.is_empty() {
            eprintln!("did you mean: {}", near.join(", "));
        }
        eprintln!("`errdocs rules` lists every rule");
        return Ok(ExitCode::from(2));
    };
    let mut text = String::new();
    // The project's setting too, where there is a project and it differs.
    let ids = crate::check::rule_ids();
    let configured = Config::load(root, &ids)
        .ok()
        .map(|config| config.severity_of(rule.id, rule.severity));
    let severity = match configured {
        Some(level) if level != Some(rule.severity) => format!(
            "{} by default, {} in this project",
            rule.severity,
            level.map_or("off", |s| s.as_str())
        ),
        _ => rule.severity.to_string(),
    };
    push_line(
        &mut text,
        &format!("{} ({severity}; tags: {})\n", rule.id, rule.tags.join(", ")),
    );
    push_line(&mut text, &format!("{}\n", rule.summary));
    push_line(&mut text, &format!("{}\n", rule.explanation));
    if rule.has_tag("reference") {
        push_line(&mut text, &format!("{}\n", reference_note()));
    }
    push_line(
        &mut text,
        &format!(
            "Fixes: {}\n",
            match rule.fix {
                None => "none; the finding says what to check",
                Some(Applicability::Safe) =>
                    "safe where independent evidence agrees: `errdocs fix` applies them (a finding whose evidence is thinner offers an unsafe or display-only fix)",
                Some(Applicability::Unsafe) =>
                    "unsafe: a person should read each one; `errdocs fix --unsafe` applies them",
                Some(Applicability::DisplayOnly) =>
                    "display-only: suggestions for a person; `errdocs fix` never applies them",
            }
        ),
    );
    push_line(&mut text, "Breaks the rule:\n");
    for line in rule.bad_example.lines() {
        push_line(&mut text, &format!("    {line}"));
    }
    push_line(&mut text, "\nFixed:\n");
    for line in rule.good_example.lines() {
        push_line(&mut text, &format!("    {line}"));
    }
    push_line(
        &mut text,
        &format!(
            "\nConfigure in errdocs.toml:\n\n    [rules]\n    {} = \"warning\"   # or error, note, off",
            rule.id
        ),
    );
    print_text(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Where the facts of the rules tagged `reference` come from.
fn reference_note() -> String {
    let sdk = crate::reference::SdkReference::get();
    format!(
        "The reference: the Windows SDK's {} error constants, embedded in errdocs (source: {}), and the product's own headers and CSV/TSV tables named in errdocs.toml ([reference] files), which take precedence. `errdocs lookup NAME` shows what they say of a name or code.",
        sdk.len(),
        sdk.source()
    )
}
