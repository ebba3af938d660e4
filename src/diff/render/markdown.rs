//! The diff as GitHub-flavoured Markdown, for a pull-request comment and
//! `$GITHUB_STEP_SUMMARY`: a table of counts, then per document a
//! collapsible `<details>` section with a table `code | name | field |
//! before → after`, then the stale translations and the findings
//! introduced and fixed.
//!
//! Word changes are marked with `<del>` and `<ins>`, which GitHub renders
//! as struck-through and underlined text. (`~~` and `**` would not do:
//! emphasis delimiters next to punctuation, CJK punctuation included, are
//! often not read as emphasis, and the marks would show as typed.)
//!
//! Page text is escaped so that it cannot break a table or bring HTML of
//! its own: `|`, Markdown punctuation and backticks are backslash- or
//! entity-escaped, `<`, `>` and `&` become entities, line breaks `<br>`.
//!
//! The report never exceeds [`MarkdownOptions::limit`] characters
//! (GitHub rejects comments over 65,536). When everything does not fit, it
//! is cut after a whole row (a record's rows stay together), every open
//! section and table is closed, and a closing note says how much was left
//! out and that the JSON report has everything. The stale translations
//! and the findings keep a share of the room, so a large change to the
//! records cannot push them out entirely.

use std::io::{self, Write};

use super::{count, field_label, item_label, kind_label, shows_words};
use crate::diff::compare::{ChangeKind, Diff, DocumentChangeKind, DocumentItem, RecordChange};
use crate::diff::findings::FingerprintedFinding;
use crate::diff::words::{SegmentKind, diff_words};

/// GitHub's limit on the length of a comment, in characters.
pub const GITHUB_COMMENT_LIMIT: usize = 65_536;

/// How to write the Markdown report.
#[derive(Debug, Clone)]
pub struct MarkdownOptions {
    /// The most characters the report may have, counted as GitHub counts
    /// them (UTF-16 code units).
    pub limit: usize,
    /// The heading at the top (a level-2 heading).
    pub title: String,
    /// What gives the whole report, named when the report is cut.
    pub full_report: String,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions {
            limit: GITHUB_COMMENT_LIMIT,
            title: "errdocs diff".into(),
            full_report: "`errdocs diff --format json`".into(),
        }
    }
}

/// What the report left out to stay within the limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Omitted {
    /// Record changes not shown.
    pub changes: usize,
    /// Document-level items not shown.
    pub document_items: usize,
    /// Stale translations not shown.
    pub stale_translations: usize,
    /// Findings (introduced or fixed) not shown.
    pub findings: usize,
}

impl Omitted {
    /// True when nothing was left out.
    pub fn is_empty(&self) -> bool {
        *self == Omitted::default()
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MarkdownOutcome {
    /// The report's length in characters (UTF-16 code units).
    pub length: usize,
    /// What was left out (nothing when the report is whole).
    pub omitted: Omitted,
}

/// The length of `text` as GitHub counts it.
pub fn length(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.encode_utf16().count()
    }
}

/// A writer that counts what it writes against the limit.
struct Budget<'w> {
    out: &'w mut dyn Write,
    used: usize,
    limit: usize,
}

impl Budget<'_> {
    /// True when `len` more characters fit, leaving `keep` free.
    fn fits(&self, len: usize, keep: usize) -> bool {
        self.used + len + keep <= self.limit
    }

    fn write(&mut self, text: &str) -> io::Result<()> {
        self.used += length(text);
        self.out.write_all(text.as_bytes())
    }
}

/// Writes `open`, then as many blocks as fit before `close` while leaving
/// `keep` free, then `close`. Writes nothing when not even the first block
/// fits. Returns the number of blocks written.
fn write_section(
    budget: &mut Budget,
    open: &str,
    close: &str,
    blocks: impl Iterator<Item = String>,
    keep: usize,
) -> io::Result<usize> {
    let frame = length(open) + length(close);
    let mut written = 0;
    for block in blocks {
        let size = length(&block);
        let needed = if written == 0 {
            size + frame
        } else {
            size + length(close)
        };
        if !budget.fits(needed, keep) {
            break;
        }
        if written == 0 {
            budget.write(open)?;
        }
        budget.write(&block)?;
        written += 1;
    }
    if written > 0 {
        budget.write(close)?;
    }
    Ok(written)
}

/// The size of a section's frame and blocks, counted until it passes `cap`.
fn size_up_to(open: &str, close: &str, blocks: impl Iterator<Item = String>, cap: usize) -> usize {
    let mut size = length(open) + length(close);
    for block in blocks {
        if size > cap {
            break;
        }
        size += length(&block);
    }
    size
}

/// Writes the Markdown report of `diff` to `out`, within `options.limit`.
pub fn write(
    diff: &Diff,
    out: &mut dyn Write,
    options: &MarkdownOptions,
) -> io::Result<MarkdownOutcome> {
    let mut budget = Budget {
        out,
        used: 0,
        limit: options.limit,
    };
    let mut omitted = Omitted::default();
    // Room kept for the closing note of a cut report: the note as long as
    // it can be, everything left out.
    let note_reserve = length(&note(
        &Omitted {
            changes: diff.changes.len(),
            document_items: diff.documents.iter().map(|d| d.items.len()).sum(),
            stale_translations: diff.stale_translations.len(),
            findings: diff.findings.introduced.len() + diff.findings.fixed.len(),
        },
        options,
    ));
    let header = header(diff, options);
    if budget.fits(length(&header), note_reserve) {
        budget.write(&header)?;
    } else {
        budget.write(&format!("## {}\n\n", html_text(&options.title)))?;
    }

    // Room kept for the sections after the documents: each may claim a
    // quarter of what is left, if it needs it.
    let share = options.limit.saturating_sub(budget.used + note_reserve) / 4;
    let (stale_open, stale_close) = stale_frame(diff);
    let (findings_open, findings_close) = findings_frame(diff);
    let stale_keep = if diff.stale_translations.is_empty() {
        0
    } else {
        size_up_to(&stale_open, &stale_close, stale_rows(diff), share).min(share)
    };
    let findings_keep = if diff.findings.is_empty() {
        0
    } else {
        size_up_to(&findings_open, &findings_close, findings_rows(diff), share).min(share)
    };

    write_documents(
        diff,
        &mut budget,
        note_reserve + stale_keep + findings_keep,
        &mut omitted,
    )?;
    if !diff.stale_translations.is_empty() {
        let shown = write_section(
            &mut budget,
            &stale_open,
            &stale_close,
            stale_rows(diff),
            note_reserve + findings_keep,
        )?;
        omitted.stale_translations = diff.stale_translations.len() - shown;
    }
    if !diff.findings.is_empty() {
        let shown = write_section(
            &mut budget,
            &findings_open,
            &findings_close,
            findings_rows(diff),
            note_reserve,
        )?;
        omitted.findings = diff.findings.introduced.len() + diff.findings.fixed.len() - shown;
    }
    if !omitted.is_empty() {
        budget.write(&note(&omitted, options))?;
    }
    Ok(MarkdownOutcome {
        length: budget.used,
        omitted,
    })
}

fn header(diff: &Diff, options: &MarkdownOptions) -> String {
    let s = &diff.summary;
    let mut text = format!("## {}\n\n", html_text(&options.title));
    if diff.is_empty() {
        text.push_str("No changes to the dataset, its documents or its findings.\n");
        return text;
    }
    text.push_str("| change | count |\n| --- | ---: |\n");
    let rows: [(&str, String); 12] = [
        ("records added", s.added.to_string()),
        ("records removed", s.removed.to_string()),
        ("records changed", s.changed.to_string()),
        ("records renamed", s.renamed.to_string()),
        ("codes changed", s.code_changed.to_string()),
        ("records moved", s.moved.to_string()),
        ("descriptions reworded", s.descriptions_reworded.to_string()),
        ("markup-only changes", s.markup_only.to_string()),
        ("stale translations", s.stale_translations.to_string()),
        (
            "documents added / removed / changed",
            format!(
                "{} / {} / {}",
                s.documents_added, s.documents_removed, s.documents_changed
            ),
        ),
        (
            "locales added / removed",
            format!("{} / {}", s.locales_added, s.locales_removed),
        ),
        (
            "findings introduced / fixed",
            match (s.findings_introduced, s.findings_fixed) {
                (Some(introduced), Some(fixed)) => format!("{introduced} / {fixed}"),
                _ => "not compared (a dataset file holds none)".to_string(),
            },
        ),
    ];
    for (label, value) in rows {
        text.push_str(&format!("| {label} | {value} |\n"));
    }
    text.push('\n');
    text
}

const RECORD_TABLE: &str = "| code | name | field | before → after |\n| --- | --- | --- | --- |\n";
const CLOSE_DETAILS: &str = "\n</details>\n\n";

/// Writes one `<details>` section per document until the room runs out;
/// counts what did not fit.
fn write_documents(
    diff: &Diff,
    budget: &mut Budget,
    keep: usize,
    omitted: &mut Omitted,
) -> io::Result<()> {
    let mut cut = false;
    for (document, change) in diff.documents_touched() {
        let items: &[DocumentItem] = change.map_or(&[], |c| &c.items);
        let changes = diff.changes_of(document);
        if cut {
            omitted.document_items += items.len();
            omitted.changes += changes.len();
            continue;
        }
        let open = format!(
            "<details><summary>{}</summary>\n\n{RECORD_TABLE}",
            document_summary(document, change.map(|c| c.kind), items.len(), changes)
        );
        let blocks = items
            .iter()
            .map(item_row)
            .chain(changes.iter().map(change_rows));
        let shown = write_section(budget, &open, CLOSE_DETAILS, blocks, keep)?;
        let items_shown = shown.min(items.len());
        omitted.document_items += items.len() - items_shown;
        omitted.changes += changes.len() - (shown - items_shown);
        cut = shown < items.len() + changes.len();
    }
    Ok(())
}

/// `<code>id</code> changed: 3 changed, 1 added; 2 document changes`.
fn document_summary(
    document: &str,
    kind: Option<DocumentChangeKind>,
    items: usize,
    changes: &[RecordChange],
) -> String {
    let state = match kind {
        Some(DocumentChangeKind::Added) => "added",
        Some(DocumentChangeKind::Removed) => "removed",
        _ => "changed",
    };
    let mut counts: Vec<String> = Vec::new();
    for kind in [
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Changed,
        ChangeKind::Renamed,
        ChangeKind::CodeChanged,
        ChangeKind::Moved,
    ] {
        let n = changes.iter().filter(|c| c.kind == kind).count();
        if n > 0 {
            counts.push(format!("{n} {}", kind_label(kind)));
        }
    }
    if items > 0 {
        counts.push(count(items, "document change", "document changes"));
    }
    format!(
        "<code>{}</code> {state}: {}",
        html_text(document),
        counts.join(", ")
    )
}

fn item_row(item: &DocumentItem) -> String {
    format!(
        "|  |  | {} | {} |\n",
        cell(&item_label(item)),
        before_after(item.from.as_deref(), item.to.as_deref())
    )
}

/// The rows of one record change: one per field.
fn change_rows(change: &RecordChange) -> String {
    let code = change.code.to_string();
    let name = cell(change.name);
    let whole = matches!(change.kind, ChangeKind::Added | ChangeKind::Removed);
    let mut rows = String::new();
    for (i, field) in change.fields.iter().enumerate() {
        let mut label = if whole {
            format!("description ({})", field.locale.unwrap_or(""))
        } else {
            field_label(field)
        };
        if i == 0 && change.kind != ChangeKind::Changed {
            label = format!("**{}**: {}", kind_label(change.kind), cell(&label));
        } else {
            label = cell(&label);
        }
        let value = match (field.from.as_deref(), field.to.as_deref()) {
            (Some(from), Some(to)) if shows_words(field) => words(from, to),
            (from, to) => before_after(from, to),
        };
        rows.push_str(&format!("| {code} | {name} | {label} | {value} |\n"));
    }
    if change.fields.is_empty() {
        rows.push_str(&format!(
            "| {code} | {name} | **{}** |  |\n",
            kind_label(change.kind)
        ));
    }
    rows
}

fn stale_frame(diff: &Diff) -> (String, String) {
    let open = format!(
        "### Stale translations\n\n<details><summary>{}: the source text changed, the translation did not</summary>\n\n\
         | document | code | name | locale | source change |\n| --- | --- | --- | --- | --- |\n",
        count(
            diff.stale_translations.len(),
            "stale translation",
            "stale translations"
        )
    );
    (open, CLOSE_DETAILS.to_string())
}

fn stale_rows<'d>(diff: &'d Diff) -> impl Iterator<Item = String> + 'd {
    diff.stale_translations.iter().map(|stale| {
        format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(stale.document),
            stale.code,
            cell(stale.name),
            cell(stale.locale),
            words(stale.source_from, stale.source_to)
        )
    })
}

fn findings_frame(diff: &Diff) -> (String, String) {
    let open = format!(
        "### Findings\n\n<details><summary>{} introduced, {} fixed</summary>\n\n\
         | change | severity | rule | where | message |\n| --- | --- | --- | --- | --- |\n",
        diff.findings.introduced.len(),
        diff.findings.fixed.len()
    );
    (open, CLOSE_DETAILS.to_string())
}

fn findings_rows<'d>(diff: &'d Diff) -> impl Iterator<Item = String> + 'd {
    let row = |change: &'static str| {
        move |f: &FingerprintedFinding| {
            let f = &f.finding;
            format!(
                "| {change} | {} | {} | {} | {} |\n",
                f.severity,
                cell(f.rule),
                cell(&format!("{}:{}", f.location.file, f.location.line)),
                cell(&f.message)
            )
        }
    };
    diff.findings
        .introduced
        .iter()
        .map(row("introduced"))
        .chain(diff.findings.fixed.iter().map(row("fixed")))
}

fn note(omitted: &Omitted, options: &MarkdownOptions) -> String {
    let mut parts = Vec::new();
    if omitted.changes > 0 {
        parts.push(count(omitted.changes, "record change", "record changes"));
    }
    if omitted.document_items > 0 {
        parts.push(count(
            omitted.document_items,
            "document change",
            "document changes",
        ));
    }
    if omitted.stale_translations > 0 {
        parts.push(count(
            omitted.stale_translations,
            "stale translation",
            "stale translations",
        ));
    }
    if omitted.findings > 0 {
        parts.push(count(omitted.findings, "finding", "findings"));
    }
    format!(
        "---\n\n**This report was cut to {} characters** (GitHub's limit for a comment is {}): \
         {} not shown. {} reports everything.\n",
        group_digits(options.limit),
        group_digits(GITHUB_COMMENT_LIMIT),
        parts.join(", "),
        options.full_report
    )
}

fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `before → after`, `—` standing for a missing side.
fn before_after(from: Option<&str>, to: Option<&str>) -> String {
    let side = |text: Option<&str>| text.map_or_else(|| "—".to_string(), cell);
    format!("{} → {}", side(from), side(to))
}

/// The word diff of two texts, changes marked with `<del>` and `<ins>`.
fn words(from: &str, to: &str) -> String {
    let mut text = String::with_capacity(from.len() + to.len() + 32);
    for segment in diff_words(from, to) {
        let body = cell(segment.text);
        match segment.kind {
            SegmentKind::Equal => text.push_str(&body),
            SegmentKind::Deleted => {
                text.push_str("<del>");
                text.push_str(&body);
                text.push_str("</del>");
            }
            SegmentKind::Inserted => {
                text.push_str("<ins>");
                text.push_str(&body);
                text.push_str("</ins>");
            }
        }
    }
    if text.is_empty() {
        text.push('—');
    }
    text
}

/// Page text made safe for a GFM table cell: it shows as written and
/// cannot end the cell, the row or the table, nor open HTML, a link or
/// emphasis (see [`crate::safe_text::markdown_cell`]).
pub fn cell(text: &str) -> String {
    crate::safe_text::markdown_cell(text)
}

/// Text made safe inside HTML (the `<summary>` of a section).
fn html_text(text: &str) -> String {
    crate::safe_text::html(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_what_would_break_a_table() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("<td>x</td>"), "&lt;td&gt;x&lt;/td&gt;");
        assert_eq!(cell("`code`"), "&#96;code&#96;");
        assert_eq!(cell("one\r\ntwo\nthree"), "one<br>two<br>three");
        assert_eq!(cell("\\*bold\\*"), "\\\\\\*bold\\\\\\*");
        assert_eq!(cell("&#42;"), "&amp;#42;");
        assert_eq!(cell("[link](x)"), "\\[link\\](x)");
        assert_eq!(cell("$x$ ~~y~~"), "\\$x\\$ \\~\\~y\\~\\~");
    }

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(65_536), "65,536");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_000_000), "1,000,000");
    }

    #[test]
    fn lengths_count_utf16_units() {
        assert_eq!(length("abc"), 3);
        assert_eq!(length("代理"), 2);
        assert_eq!(length("😀"), 2);
    }
}
