//! The SARIF 2.1.0 report, in the subset GitHub code scanning reads.
//!
//! One run; the driver lists every registered rule (so that `ruleIndex` is
//! stable whatever was found), results carry a fingerprint that survives
//! line shifts, and locations are repo-relative URIs under `%SRCROOT%`.
//! No timestamps or absolute paths: the same input gives the same bytes.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::summary::fix_in_words;
use super::{Emitter, ReportContext};
use crate::check::{Rule, registry};
use crate::diagnostic::{Finding, Replacement, Severity, fingerprints};
use crate::source::Location;

/// The `$schema` written at the top of the report.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The tool's home page, written as `tool.driver.informationUri`.
pub const INFORMATION_URI: &str = "https://github.com/errdocs/errdocs";

/// The key of errdocs' fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "errdocsFingerprint/v1";

/// The base id that artifact URIs are relative to.
pub const SRCROOT: &str = "%SRCROOT%";

/// The SARIF report: pretty-printed, with a final newline, written as it is
/// produced.
#[derive(Debug, Clone, Copy)]
pub struct SarifEmitter;

impl Emitter for SarifEmitter {
    fn emit(&self, out: &mut dyn Write, report: &ReportContext) -> io::Result<()> {
        write_log(out, report, &[])
    }
}

/// The SARIF report with each result's fix as the replacements of the
/// files' text that make it (SARIF's `fixes`), where the fix could be
/// placed in the text: `replacements[i]` are those of finding `i` of the
/// outcome (`errdocs fix` places them; see `fix::replacements_by_finding`).
#[derive(Debug, Clone, Copy)]
pub struct SarifWithFixes<'r> {
    /// Per finding, the replacements its fix makes.
    pub replacements: &'r [Vec<Replacement>],
}

impl Emitter for SarifWithFixes<'_> {
    fn emit(&self, out: &mut dyn Write, report: &ReportContext) -> io::Result<()> {
        write_log(out, report, self.replacements)
    }
}

fn write_log(
    out: &mut dyn Write,
    report: &ReportContext,
    replacements: &[Vec<Replacement>],
) -> io::Result<()> {
    let findings = &report.outcome.findings;
    let prints = fingerprints(report.lines, findings);
    let log = Log {
        schema: SCHEMA_URI,
        runs: [Run {
            column_kind: "unicodeCodePoints",
            results: findings
                .iter()
                .zip(&prints)
                .enumerate()
                .map(|(i, (finding, print))| {
                    let fix = replacements.get(i).map_or(&[][..], Vec::as_slice);
                    result(finding, print, fix)
                })
                .collect(),
            tool: Tool { driver: driver() },
        }],
        version: "2.1.0",
    };
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

// The structures below declare their fields in alphabetical order: the
// order the report has always had (it was once built as a sorted JSON map),
// so that the bytes do not change.

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
    tool: Tool,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    information_uri: &'static str,
    name: &'static str,
    rules: Vec<RuleDescriptor>,
    version: &'static str,
}

#[derive(Serialize)]
struct Text<T> {
    text: T,
}

#[derive(Serialize)]
struct Help {
    markdown: String,
    text: String,
}

#[derive(Serialize)]
struct Level {
    level: &'static str,
}

#[derive(Serialize)]
struct Tags {
    tags: &'static [&'static str],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    default_configuration: Level,
    full_description: Text<&'static str>,
    help: Help,
    id: &'static str,
    name: String,
    properties: Tags,
    short_description: Text<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    level: &'static str,
    locations: [LocationWrapper; 1],
    message: Text<String>,
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
}

/// A fix as SARIF has it: the changes of each file's text.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    artifact_changes: Vec<ArtifactChange<'a>>,
    description: Text<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<SarifReplacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifReplacement<'a> {
    deleted_region: DeletedRegion,
    inserted_content: Text<&'a str>,
}

/// The text a replacement deletes: from the start up to the end, which is
/// not deleted (an insertion deletes from a place up to itself).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DeletedRegion {
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LocationWrapper {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation<'a> {
    id: usize,
    message: Text<&'a str>,
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_column: usize,
    start_line: usize,
}

fn driver() -> Driver {
    Driver {
        information_uri: INFORMATION_URI,
        name: "errdocs",
        rules: registry()
            .iter()
            .map(|rule| rule_descriptor(rule))
            .collect(),
        version: env!("CARGO_PKG_VERSION"),
    }
}

fn rule_descriptor(rule: &Rule) -> RuleDescriptor {
    RuleDescriptor {
        default_configuration: Level {
            level: level(rule.severity),
        },
        full_description: Text {
            text: rule.explanation,
        },
        help: Help {
            markdown: help_markdown(rule),
            text: help_text(rule),
        },
        id: rule.id,
        name: camel_case(rule.id),
        properties: Tags { tags: rule.tags },
        short_description: Text { text: rule.summary },
    }
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

fn result<'a>(
    finding: &'a Finding,
    fingerprint: &'a str,
    replacements: &'a [Replacement],
) -> SarifResult<'a> {
    SarifResult {
        fixes: sarif_fix(finding, replacements).into_iter().collect(),
        level: level(finding.severity),
        locations: [LocationWrapper {
            physical_location: physical_location(&finding.location),
        }],
        message: Text {
            text: message_text(finding),
        },
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
        related_locations: finding
            .related
            .iter()
            .enumerate()
            .map(|(id, related)| RelatedLocation {
                id,
                message: Text {
                    text: &related.message,
                },
                physical_location: physical_location(&related.location),
            })
            .collect(),
        rule_id: finding.rule,
        // A rule missing from the registry (only possible in a hand-built
        // outcome) gets no index rather than a wrong one.
        rule_index: registry().iter().position(|r| r.id == finding.rule),
    }
}

/// The SARIF fix of a finding whose fix makes `replacements`, file by file
/// in the order they come; `None` without replacements.
fn sarif_fix<'a>(finding: &Finding, replacements: &'a [Replacement]) -> Option<SarifFix<'a>> {
    if replacements.is_empty() {
        return None;
    }
    let mut changes: Vec<ArtifactChange> = Vec::new();
    for replacement in replacements {
        let uri = uri_path(&replacement.start.file);
        let edit = SarifReplacement {
            deleted_region: DeletedRegion {
                end_column: replacement.end.column,
                end_line: replacement.end.line,
                start_column: replacement.start.column,
                start_line: replacement.start.line,
            },
            inserted_content: Text {
                text: &replacement.text,
            },
        };
        match changes.last_mut() {
            Some(change) if change.artifact_location.uri == uri => change.replacements.push(edit),
            _ => changes.push(ArtifactChange {
                artifact_location: ArtifactLocation {
                    uri,
                    uri_base_id: SRCROOT,
                },
                replacements: vec![edit],
            }),
        }
    }
    let description = match &finding.fix {
        Some(fix) => fix_in_words(fix),
        None => format!(
            "the fixes of the rows the finding lists ({})",
            finding.related.iter().filter(|r| r.fix.is_some()).count()
        ),
    };
    Some(SarifFix {
        artifact_changes: changes,
        description: Text { text: description },
    })
}

/// The message, with the fix in words when there is one: code scanning
/// shows only the message (the `fixes`, where errdocs could place them in
/// the text, are for tools that apply them).
fn message_text(finding: &Finding) -> String {
    match &finding.fix {
        Some(fix) => format!(
            "{} Suggested fix: {}.",
            with_full_stop(&finding.message),
            fix_in_words(fix)
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

fn physical_location(location: &Location) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri_path(&location.file),
            uri_base_id: SRCROOT,
        },
        region: Region {
            start_column: location.column,
            start_line: location.line,
        },
    }
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
