//! `translation-metadata`: page metadata of a translation that disagrees with the file or source.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::ingest::IngestedFile;
use crate::source::Location;

/// The rule.
pub static RULE: Rule = Rule {
    id: "translation-metadata",
    severity: Severity::Warning,
    tags: &["translation", "metadata"],
    fix: Some(Applicability::Safe),
    summary: "A translation's locale, title anchor or introduction links disagree",
    explanation: "The front matter's ms.contentlocale must name the file's locale; the title's anchor must be the source's so that links to it work in every language; the introduction's links must point where the source's do.",
    bad_example: "sv-se.md: ms.contentlocale: de-DE",
    good_example: "sv-se.md: ms.contentlocale: sv-SE",
    rollup: None,
    check,
};

/// Page metadata of each translation against its source.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let files = ctx.files();
    for alignment in ctx.input.alignments {
        let (Some(source), Some(translation)) = (
            files.get(alignment.source_file),
            files.get(alignment.translation_file),
        ) else {
            continue;
        };
        check_file(source, translation, out);
    }
}

fn location(file: &IngestedFile, line: usize) -> Location {
    Location {
        file: file.file.clone(),
        line,
        column: 1,
    }
}

/// The anchor GitHub and docs sites give a heading: lower case, each space
/// a hyphen, letters, digits, `-` and `_` kept, everything else dropped.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// Page metadata: the front matter's locale, the title heading's anchor,
/// and the links outside tables.
fn check_file(source: &IngestedFile, translation: &IngestedFile, out: &mut Vec<Finding>) {
    let front = &translation.front_matter;
    if let Some(declared) = front.get_str("ms.contentlocale")
        && !declared.eq_ignore_ascii_case(&translation.locale)
    {
        let line = front
            .key_lines
            .get("ms.contentlocale")
            .copied()
            .unwrap_or(1);
        out.push(
            RULE.finding(
                location(translation, line),
                format!(
                    "front matter says ms.contentlocale: {declared}, but the file is the {} translation",
                    translation.locale
                ),
            )
            .with_fix(Fix {
                field: "ms.contentlocale".into(),
                from: declared.to_string(),
                to: translation.locale.to_string(),
                confidence: Confidence::High,
                applicability: Applicability::Safe,
                evidence: vec![format!("the file is named for {}", translation.locale)],
            }),
        );
    }
    if let (Some(src_heading), Some(dst_heading)) =
        (source.headings.first(), translation.headings.first())
    {
        let expected = src_heading
            .anchor
            .clone()
            .unwrap_or_else(|| slug(&src_heading.text));
        if let Some(anchor) = &dst_heading.anchor
            && *anchor != expected
        {
            out.push(
                RULE.finding(
                    dst_heading.location.clone(),
                    format!(
                        "the title's anchor `{anchor}` differs from the source's `{expected}` ({}:{}); links to the page's sections break",
                        source.file, src_heading.location.line
                    ),
                )
                .with_fix(Fix {
                    field: "anchor".into(),
                    from: anchor.clone(),
                    to: expected,
                    confidence: Confidence::High,
                    applicability: Applicability::Safe,
                    evidence: vec!["anchors are kept from the source so that links work in every language".into()],
                }),
            );
        }
    }
    let outside_tables = |file: &IngestedFile| -> Vec<(String, Location)> {
        let first_table = file.tables.first().map_or(usize::MAX, |t| t.location.line);
        file.links
            .iter()
            .filter(|(_, l)| l.line < first_table)
            .cloned()
            .collect()
    };
    let src_links = outside_tables(source);
    let dst_links = outside_tables(translation);
    for (k, (target, src_location)) in src_links.iter().enumerate() {
        if dst_links.iter().any(|(t, _)| t == target) {
            continue;
        }
        let (at, shown) = match dst_links.get(k) {
            Some((t, l)) => (
                l.clone(),
                format!("links to `{t}` where the source links to `{target}`"),
            ),
            None => (
                translation
                    .headings
                    .first()
                    .map_or_else(|| location(translation, 1), |h| h.location.clone()),
                format!("has no link to `{target}`, which the source's introduction has"),
            ),
        };
        out.push(
            RULE.finding(
                at,
                format!(
                    "the introduction {shown} ({}:{})",
                    src_location.file, src_location.line
                ),
            )
            .with_related(src_location.clone(), "the source link"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Software update agent error codes and descriptions in Microsoft Intune"),
            "software-update-agent-error-codes-and-descriptions-in-microsoft-intune"
        );
    }
}
