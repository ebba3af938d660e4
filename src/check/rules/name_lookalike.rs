//! `name-lookalike`: a name written with characters that only look like
//! ASCII ones (full-width forms, Cyrillic or Greek letters), with a
//! bidirectional control that is not seen, or with spaces around its
//! underscores: written otherwise than as the name it reads as.

use rustc_hash::FxHashMap as HashMap;

use crate::check::context::Context;
use crate::check::reference::{NameVerdict, defines, name_verdict};
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::ingest::Cell;
use crate::ingest::text::with_spaced_underscores_joined;
use crate::model::{Lookalike, LookalikeName, lookalike_name};

/// The id of `translation-key-mismatch`, which reports a translated name
/// that reads as another name than its source row's.
const KEY_MISMATCH: &str = "translation-key-mismatch";

/// The rule.
pub static RULE: Rule = Rule {
    id: "name-lookalike",
    severity: Severity::Warning,
    tags: &["name", "reference", "translation"],
    fix: Some(Applicability::Safe),
    summary: "A symbolic name holds characters that only look like ASCII (full-width forms, Cyrillic or Greek letters), or spaces around its underscores",
    explanation: "Symbolic names are C identifiers, ASCII only. A name typed with a CJK input method (`E＿FAIL`, `ＥＲＲＯＲ_ＡＣＣＥＳＳ`), or pasted with a Cyrillic or Greek letter that looks Latin (`Е_FAIL` with U+0415) reads right but is not found by search and does not compile. Full-width forms are the ASCII characters to Unicode (NFKC), so their fix is safe. A letter of another script is another letter: its fix is offered, and safe, only where the reference defines the name it reads as, or where the other side of a translated row (the source row, or a translation of it) writes that name; otherwise the finding says what it reads as, for a person to confirm. A bidirectional control inside a name (a right-to-left override U+202E, which shows what follows it in another order) is not seen at all: it is left out of the name as it reads, and that fix is safe; such a finding is an error, not a warning, unless errdocs.toml sets the rule's severity. A name that machine translation wrote with spaces around its underscores (`E _ POINTER`, `E \\_ POINTER` in Markdown) is not found or compiled either: errdocs reads it as the name (`E_POINTER`), and the fix, which takes the spaces out, is safe.",
    bad_example: "<td>0x80004005</td><td>E＿FAIL</td>",
    good_example: "<td>0x80004005</td><td>E_FAIL</td>",
    rollup: None,
    check,
};

/// On every row with a name cell, source and translation alike; the
/// description and the other cells are text, where these characters are
/// the language's own.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    // For each translated row written with look-alike characters, its
    // source row's name; for each source row written with them, a
    // translated row that writes the name it reads as, and where. By
    // (file, table, row).
    let mut source_names: HashMap<(&str, usize, usize), &str> = HashMap::default();
    let mut translated_names: HashMap<(&str, usize, usize), (&str, String)> = HashMap::default();
    for pair in ctx.row_pairs() {
        let (source, translated) = (
            pair.source_cells.name_text().trim(),
            pair.cells.name_text().trim(),
        );
        if lookalike_name(translated).is_some() {
            source_names.insert(
                (
                    pair.translation.file.as_ref(),
                    pair.translated_table.index,
                    pair.aligned.row,
                ),
                source,
            );
        }
        if lookalike_name(source).is_some_and(|name| name.ascii == translated) {
            translated_names
                .entry((
                    pair.source.file.as_ref(),
                    pair.source_table.index,
                    pair.aligned.source_row,
                ))
                .or_insert_with(|| (translated, pair.cells.code_location().file_line()));
        }
    }
    // translation-key-mismatch, which defers to this rule in turn (by its
    // id: the two rules import neither way round).
    let keys_said = ctx.is_enabled(KEY_MISMATCH);
    for row in &ctx.rows {
        let Some(cell) = row.cells.name else { continue };
        if row.shares_with_row_above(cell) {
            continue;
        }
        let written = row.cells.name_text().trim();
        if let Some(spaced) = spaced_underscores(cell, written) {
            out.push(spaced_finding(
                cell,
                row.record.map(|r| r.code),
                &spaced,
                written,
            ));
            continue;
        }
        let Some(lookalike) = lookalike_name(written) else {
            continue;
        };
        let key = (row.file.file.as_ref(), row.table.index, row.index);
        let source_name = source_names.get(&key).copied();
        // A translated name that reads as another name than its source
        // row's is `translation-key-mismatch`'s, whose fix (the source's
        // name) mends the characters too.
        if keys_said
            && source_name.is_some_and(|source| {
                !source.eq_ignore_ascii_case(written)
                    && !source.eq_ignore_ascii_case(&lookalike.ascii)
            })
        {
            continue;
        }
        // The other side of the row that writes the name read, in words.
        let witness = match source_name {
            Some(source) if source == lookalike.ascii => {
                Some(format!("the source row writes `{source}`"))
            }
            _ => translated_names
                .get(&key)
                .map(|(name, place)| format!("the translated row at {place} writes `{name}`")),
        };
        let fix = safe_fix(ctx, row.record.map(|r| r.code), &lookalike, witness);
        let mut finding = RULE
            .finding(cell.location.clone(), message(written, &lookalike, &fix))
            .about(row.record.map(|r| r.code.to_string()), Some(written));
        // A control that reorders what is shown, unseen inside a name (the
        // "Trojan Source" trick), is an error, as the key mismatch it
        // hides in a translation was, unless errdocs.toml sets the rule's
        // severity.
        if lookalike.invisible > 0 {
            finding.severity = Severity::Error;
        }
        if let Some(evidence) = fix {
            finding = finding.with_fix(Fix {
                field: "name".into(),
                from: written.to_string(),
                to: lookalike.ascii.clone(),
                confidence: Confidence::High,
                applicability: Applicability::Safe,
                evidence,
            });
        }
        out.push(finding);
    }
}

/// The name `cell` writes with spaces around its underscores, as it reads
/// with them (`E _ POINTER` of `E \_ POINTER` or `**E _ POINTER**`),
/// where the reader joined them into the cell's name `name` (see
/// [`with_spaced_underscores_joined`]): machine translation writes names
/// so. `None` for a name written whole, as nearly all are.
fn spaced_underscores(cell: &Cell, name: &str) -> Option<String> {
    let markdown = cell.markdown();
    if !name.contains('_') || !(markdown.contains(" _ ") || markdown.contains(" \\_ ")) {
        return None;
    }
    // As the cell reads: Markdown's escaped `_` is an `_`, and emphasis or
    // a code span around the name is markup.
    let unescaped = markdown.replace("\\_", "_");
    let written = unescaped
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '`'))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (written != name && with_spaced_underscores_joined(&written) == name).then_some(written)
}

/// The finding for a name written with spaces around its underscores
/// (`written`), which reads as `name`; its fix, which takes the spaces
/// out, is safe: the reader already reads the name so.
fn spaced_finding(
    cell: &Cell,
    code: Option<crate::model::HResult>,
    written: &str,
    name: &str,
) -> Finding {
    let underscores = if name.matches('_').count() > 1 {
        "underscores"
    } else {
        "underscore"
    };
    RULE.finding(
        cell.location.clone(),
        format!(
            "the name `{written}` is written with spaces around its {underscores}, as machine translation writes names: search and code do not find it as the name it reads as; write `{name}`"
        ),
    )
    .about(code.map(|c| c.to_string()), Some(name))
    .with_fix(Fix {
        field: "name".into(),
        from: written.to_string(),
        to: name.to_string(),
        confidence: Confidence::High,
        applicability: Applicability::Safe,
        evidence: vec![format!(
            "`{name}` is the name as it reads, its {underscores} without the spaces around them"
        )],
    })
}

/// The evidence that `lookalike.ascii` is the name meant, when it is
/// beyond doubt: always for full-width forms (Unicode reads them as the
/// ASCII name); for letters of another script, only where the reference
/// defines the name read, or the other side of a translated row writes it
/// (`witness`). `None` otherwise.
fn safe_fix(
    ctx: &Context,
    code: Option<crate::model::HResult>,
    lookalike: &LookalikeName,
    witness: Option<String>,
) -> Option<Vec<String>> {
    let ascii = lookalike.ascii.as_str();
    let mut evidence = vec![format!(
        "`{ascii}` is the name as it reads, in ASCII characters"
    )];
    if lookalike.invisible > 0 {
        evidence.push(
            "a bidirectional control is not seen and stands for nothing in a name".to_string(),
        );
    }
    if !lookalike.homoglyphs {
        // The others are full-width forms.
        if lookalike.count > lookalike.invisible {
            evidence
                .push("full-width forms are their ASCII characters to Unicode (NFKC)".to_string());
        }
        return Some(evidence);
    }
    if let Some(witness) = witness {
        evidence.push(witness);
        return Some(evidence);
    }
    let code = code?;
    match name_verdict(ctx.input.reference, ascii, code) {
        NameVerdict::Defined {
            fact, exact: true, ..
        } => {
            evidence.push(defines(&fact));
            Some(evidence)
        }
        _ => None,
    }
}

/// What the finding says: the first look-alike character, what it looks
/// like, how many there are, and the name as it reads.
fn message(written: &str, lookalike: &LookalikeName, fix: &Option<Vec<String>>) -> String {
    let (c, position, kind) = lookalike.first;
    let code_point = format!("U+{:04X}", u32::from(c));
    let what = match kind {
        Lookalike::FullWidth => format!("the full-width `{c}` ({code_point})"),
        Lookalike::Homoglyph(script) => format!("the {script} letter `{c}` ({code_point})"),
        Lookalike::Invisible => format!("the bidirectional control {code_point} (not seen)"),
    };
    let others = match lookalike.count {
        1 => String::new(),
        2 => ", and 1 more such character".to_string(),
        n => format!(", and {} more such characters", n - 1),
    };
    let reads = &lookalike.ascii;
    let then = if fix.is_some() {
        format!("write `{reads}`")
    } else {
        format!(
            "it reads as `{reads}`, which no reference confirms: write the name in ASCII letters"
        )
    };
    format!(
        "the name `{written}` has {what} at character {position}{others}, not ASCII: search and code do not find it as the name it looks like; {then}"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_rule_deferred_to_is_registered() {
        assert!(crate::check::rule(super::KEY_MISMATCH).is_some());
    }
}
