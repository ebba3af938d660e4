//! The SARIF 2.1.0 report, in the subset GitHub code scanning reads.
//!
//! One run; the driver lists every registered rule (so that `ruleIndex` is
//! stable whatever was found), results carry a fingerprint that survives
//! line shifts, and locations are repo-relative URIs under `%SRCROOT%`.
//! No timestamps or absolute paths: the same input gives the same bytes.

use serde_json::{Value, json};

use crate::Project;
use crate::check::baseline::fingerprints;
use crate::check::{CheckOutcome, Rule, registry};
use crate::finding::{Finding, Severity};
use crate::source::Location;

/// The `$schema` written at the top of the report.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The tool's home page, written as `tool.driver.informationUri`.
pub const INFORMATION_URI: &str = "https://github.com/errdocs/errdocs";

/// The key of errdocs' fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "errdocsFingerprint/v1";

/// The base id that artifact URIs are relative to.
pub const SRCROOT: &str = "%SRCROOT%";

/// Renders the SARIF report: pretty-printed, with a final newline.
pub fn render(project: &Project, outcome: &CheckOutcome) -> String {
    let bytes = crate::emit::json::to_pretty_json(&render_value(project, outcome));
    // serde_json writes UTF-8 only; lossy conversion never changes it.
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The SARIF report as a value.
pub fn render_value(project: &Project, outcome: &CheckOutcome) -> Value {
    let prints = fingerprints(project, &outcome.findings);
    let results: Vec<Value> = outcome
        .findings
        .iter()
        .zip(&prints)
        .map(|(finding, print)| result(finding, print))
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver() },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn driver() -> Value {
    let rules: Vec<Value> = registry()
        .iter()
        .map(|rule| rule_descriptor(rule))
        .collect();
    json!({
        "name": "errdocs",
        "informationUri": INFORMATION_URI,
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    })
}

fn rule_descriptor(rule: &Rule) -> Value {
    json!({
        "id": rule.id,
        "name": camel_case(rule.id),
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.explanation },
        "help": {
            "text": help_text(rule),
            "markdown": help_markdown(rule),
        },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "tags": rule.tags },
    })
}

/// `hex-malformed` -> `HexMalformed`: SARIF's `name` is meant to be an
/// identifier, the id is kebab-case.
pub fn camel_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
        })
        .collect()
}

fn help_text(rule: &Rule) -> String {
    format!(
        "{}\n\nBad:\n{}\n\nGood:\n{}",
        rule.explanation,
        indent(rule.bad_example),
        indent(rule.good_example)
    )
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn help_markdown(rule: &Rule) -> String {
    format!(
        "{}\n\nBad:\n\n{}\n\nGood:\n\n{}",
        rule.explanation,
        fenced(rule.bad_example),
        fenced(rule.good_example)
    )
}

/// A fenced code block longer than any backtick run in `text`, so that an
/// example containing a fence cannot end the block early.
fn fenced(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}\n{text}\n{fence}")
}

/// The SARIF level of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn result(finding: &Finding, fingerprint: &str) -> Value {
    let mut result = json!({
        "ruleId": finding.rule,
        "level": level(finding.severity),
        "message": { "text": message_text(finding) },
        "locations": [{ "physicalLocation": physical_location(&finding.location) }],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
    });
    // A rule missing from the registry (only possible in a hand-built
    // outcome) gets no index rather than a wrong one.
    if let Some(index) = registry().iter().position(|r| r.id == finding.rule) {
        result["ruleIndex"] = json!(index);
    }
    if !finding.related.is_empty() {
        let related: Vec<Value> = finding
            .related
            .iter()
            .enumerate()
            .map(|(id, related)| {
                json!({
                    "id": id,
                    "physicalLocation": physical_location(&related.location),
                    "message": { "text": related.message },
                })
            })
            .collect();
        result["relatedLocations"] = Value::Array(related);
    }
    result
}

/// The message, with the fix in words when there is one: code scanning
/// shows only the message, and SARIF `fixes` need byte replacements.
fn message_text(finding: &Finding) -> String {
    match &finding.fix {
        Some(fix) => format!(
            "{} Suggested fix: {}.",
            with_full_stop(&finding.message),
            super::human::fix_in_words(fix)
        ),
        None => finding.message.clone(),
    }
}

fn with_full_stop(message: &str) -> String {
    let trimmed = message.trim_end();
    if trimmed.ends_with(['.', '!', '?']) {
        trimmed.to_string()
    } else {
        format!("{trimmed}.")
    }
}

fn physical_location(location: &Location) -> Value {
    json!({
        "artifactLocation": { "uri": uri_path(&location.file), "uriBaseId": SRCROOT },
        "region": { "startLine": location.line, "startColumn": location.column },
    })
}

/// A relative path as a URI reference: `/`-separated segments with every
/// byte outside RFC 3986's unreserved set percent-encoded, so that a space,
/// `#` or `%` in a file name cannot change what the URI means. Ordinary
/// paths come out unchanged.
pub fn uri_path(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(byte));
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}
