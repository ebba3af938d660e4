//! The diff for a terminal: a summary, then per document its
//! document-level changes and record changes with word diffs, the stale
//! translations and the findings introduced and fixed. Word changes are
//! marked `[-deleted-]{+inserted+}` (as `git diff --word-diff`), in red
//! and green when colour is on. Control characters of page text are
//! escaped, so a page cannot drive the terminal.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{count, field_label, item_label, kind_label, shows_words};
use crate::diagnostic::Severity;
use crate::diff::compare::{
    ChangeKind, Diff, DocumentChange, DocumentChangeKind, FieldChange, RecordChange,
};
use crate::diff::words::{SegmentKind, diff_words};

/// How to write the human report.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    /// ANSI colour. The caller decides (a terminal, and `NO_COLOR` unset).
    pub colour: bool,
}

/// ANSI styles, empty when colour is off.
struct Style {
    bold: &'static str,
    red: &'static str,
    green: &'static str,
    yellow: &'static str,
    dim: &'static str,
    reset: &'static str,
}

impl Style {
    fn new(colour: bool) -> Style {
        if colour {
            Style {
                bold: "\x1b[1m",
                red: "\x1b[31m",
                green: "\x1b[32m",
                yellow: "\x1b[33m",
                dim: "\x1b[2m",
                reset: "\x1b[0m",
            }
        } else {
            Style {
                bold: "",
                red: "",
                green: "",
                yellow: "",
                dim: "",
                reset: "",
            }
        }
    }
}

/// Writes the human report of `diff` to `out`.
pub fn write(diff: &Diff, out: &mut dyn Write, options: HumanOptions) -> io::Result<()> {
    let style = Style::new(options.colour);
    let s = &diff.summary;
    if diff.is_empty() {
        return writeln!(out, "errdocs diff: no changes");
    }
    writeln!(
        out,
        "{}errdocs diff{}: {} added, {} removed, {} changed, {} renamed, {} code changed, {} moved ({} unchanged)",
        style.bold,
        style.reset,
        count(s.added, "record", "records"),
        s.removed,
        s.changed,
        s.renamed,
        s.code_changed,
        s.moved,
        s.unchanged
    )?;
    writeln!(
        out,
        "  descriptions: {} reworded, {} markup only; {}",
        s.descriptions_reworded,
        s.markup_only,
        count(
            s.stale_translations,
            "stale translation",
            "stale translations"
        )
    )?;
    writeln!(
        out,
        "  documents: {} added, {} removed, {} changed; locales: {} added, {} removed",
        s.documents_added,
        s.documents_removed,
        s.documents_changed,
        s.locales_added,
        s.locales_removed
    )?;
    match (s.findings_introduced, s.findings_fixed) {
        (Some(introduced), Some(fixed)) => {
            writeln!(out, "  findings: {introduced} introduced, {fixed} fixed")?
        }
        _ => writeln!(out, "  findings: not compared (a dataset file holds none)")?,
    }

    // Each document's heading and items, then its records, in order; the
    // lines are made on every core.
    let mut units: Vec<Unit> = Vec::with_capacity(diff.changes.len() + diff.documents.len());
    for (document, change) in diff.documents_touched() {
        units.push(Unit::Document(document, change));
        units.extend(diff.changes_of(document).iter().map(Unit::Record));
    }
    super::write_in_order(&units, out, |_, unit, out| match unit {
        Unit::Document(document, change) => document_lines(out, document, *change, &style),
        Unit::Record(change) => record_lines(out, change, &style),
    })?;

    if !diff.stale_translations.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}stale translations{} ({}): the source text changed, the translation did not",
            style.bold,
            style.reset,
            diff.stale_translations.len()
        )?;
        super::write_in_order(&diff.stale_translations, out, |_, stale, out| {
            writeln!(
                out,
                "  {} {} {} {}",
                clean(stale.document),
                stale.code,
                clean(stale.name),
                clean(stale.locale)
            )?;
            writeln!(
                out,
                "    source ({}): {}",
                clean(stale.source_locale),
                words(stale.source_from, stale.source_to, &style)
            )?;
            writeln!(
                out,
                "    {} (unchanged): {}",
                clean(stale.locale),
                clean(stale.translation)
            )
        })?;
    }

    for (title, findings) in [
        ("findings introduced", &diff.findings.introduced),
        ("findings fixed", &diff.findings.fixed),
    ] {
        if findings.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{}{title}{} ({})",
            style.bold,
            style.reset,
            findings.len()
        )?;
        super::write_in_order(findings, out, |_, f, out| {
            let f = &f.finding;
            let colour = match f.severity {
                Severity::Error => style.red,
                Severity::Warning => style.yellow,
                Severity::Note => style.dim,
            };
            writeln!(
                out,
                "  {}:{}:{}: {colour}{}{}: {} [{}]",
                clean(&f.location.file),
                f.location.line,
                f.location.column,
                f.severity,
                style.reset,
                clean(&f.message),
                f.rule
            )
        })?;
    }
    Ok(())
}

/// What the report shows for one document, in order.
enum Unit<'d, 's> {
    /// A document's heading and document-level items.
    Document(&'s str, Option<&'d DocumentChange<'s>>),
    /// One record change.
    Record(&'d RecordChange<'s>),
}

fn document_lines(
    out: &mut Vec<u8>,
    document: &str,
    change: Option<&DocumentChange>,
    style: &Style,
) -> io::Result<()> {
    let state = match change.map(|d| d.kind) {
        Some(DocumentChangeKind::Added) => "added",
        Some(DocumentChangeKind::Removed) => "removed",
        _ => "changed",
    };
    writeln!(out)?;
    writeln!(
        out,
        "{}{}{} ({state})",
        style.bold,
        clean(document),
        style.reset
    )?;
    for item in change.iter().flat_map(|d| &d.items) {
        writeln!(
            out,
            "  {}: {}",
            clean(&item_label(item)),
            before_after(item.from.as_deref(), item.to.as_deref(), style)
        )?;
    }
    Ok(())
}

fn record_lines(out: &mut Vec<u8>, change: &RecordChange, style: &Style) -> io::Result<()> {
    let colour = match change.kind {
        ChangeKind::Added => style.green,
        ChangeKind::Removed => style.red,
        _ => style.yellow,
    };
    writeln!(
        out,
        "  {} {}: {colour}{}{}",
        change.code,
        clean(change.name),
        kind_label(change.kind),
        style.reset
    )?;
    for field in &change.fields {
        writeln!(
            out,
            "    {}: {}",
            clean(&field_label(field)),
            field_text(field, style)
        )?;
    }
    Ok(())
}

/// A field's before and after: word by word for text and markup, `a -> b`
/// for other values.
fn field_text(field: &FieldChange, style: &Style) -> String {
    match (field.from.as_deref(), field.to.as_deref()) {
        (Some(from), Some(to)) if shows_words(field) => words(from, to, style),
        (from, to) => before_after(from, to, style),
    }
}

fn before_after(from: Option<&str>, to: Option<&str>, style: &Style) -> String {
    match (from, to) {
        (Some(from), Some(to)) => format!(
            "{}{}{} -> {}{}{}",
            style.red,
            clean(from),
            style.reset,
            style.green,
            clean(to),
            style.reset
        ),
        (None, Some(to)) => format!("{}{{+{}+}}{}", style.green, clean(to), style.reset),
        (Some(from), None) => format!("{}[-{}-]{}", style.red, clean(from), style.reset),
        (None, None) => String::new(),
    }
}

/// The word diff of two texts, marked.
fn words(from: &str, to: &str, style: &Style) -> String {
    let mut text = String::with_capacity(from.len() + to.len() + 16);
    for segment in diff_words(from, to) {
        let body = clean(segment.text);
        let (open, close, colour) = match segment.kind {
            SegmentKind::Equal => ("", "", ""),
            SegmentKind::Deleted => ("[-", "-]", style.red),
            SegmentKind::Inserted => ("{+", "+}", style.green),
        };
        if open.is_empty() {
            text.push_str(&body);
        } else {
            for part in [colour, open, &body, close, style.reset] {
                text.push_str(part);
            }
        }
    }
    text
}

/// Page text with its control characters and bidirectional overrides
/// escaped (`\n`, `\u{1b}`, `\u{202e}`; see
/// [`crate::safe_text::is_unsafe`]), so that each item stays on its line,
/// no escape sequence reaches the terminal and no line shows reordered.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(crate::safe_text::is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if crate::safe_text::is_unsafe(c) {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}
