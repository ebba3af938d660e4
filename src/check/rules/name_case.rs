//! `name-case`: a name not spelt the way the C header that defines it
//! spells it (or, where no reference knows it, not in the usual
//! upper-snake form).

use rustc_hash::FxHashMap as HashMap;

use crate::check::context::{Context, first_row_place};
use crate::check::reference::{
    NameVerdict, ValueVerdict, defines, either, names_for_code, prefix_counts, show_origin,
};
use crate::check::rule::Rule;
use crate::diagnostic::{AcrossDocuments, Applicability, Confidence, Finding, Fix, Severity};
use crate::model::{is_placeholder_name, lookalike_name};

/// The rule.
pub static RULE: Rule = Rule {
    id: "name-case",
    severity: Severity::Note,
    tags: &["name", "style", "reference"],
    fix: Some(Applicability::Safe),
    summary: "A symbolic name is not spelt the way the C header that defines it spells it",
    explanation: "Search is case-sensitive in many tools, and code uses the name exactly as its header defines it. Where the Windows SDK (or the product's header named in errdocs.toml) defines the name in another case, the fix is the header's spelling, and safe when the header's code agrees with the row's. Where no reference knows the name, errdocs goes by the usual form (upper case with underscores, LAN Manager's NERR_ names CamelCase after the prefix), and the fix is only a suggestion: a few real names break the pattern. A word where a name belongs (`Success`) is reported with the names the reference gives the code.",
    bad_example: "<td>0x0000007B</td><td>Error_Invalid_Name</td>",
    good_example: "<td>0x0000007B</td><td>ERROR_INVALID_NAME</td>",
    rollup: None,
    check,
};

/// On source rows of tables with a name column (placeholders are
/// `name-placeholder`'s; names a reference says are misspelt or another
/// code's are `reference-name-unknown`'s or `counterpart-name-mismatch`'s,
/// whose fixes also mend the case, when those rules run).
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let verdicts = ctx.reference_verdicts();
    let unknown_said = ctx.is_enabled(super::reference_name_unknown::RULE.id);
    let pairs_said = ctx.is_enabled(super::counterpart_name_mismatch::RULE.id);
    let lookalikes_said = ctx.is_enabled(super::name_lookalike::RULE.id);
    for table in ctx.source_tables() {
        // The family prefixes the table's names use, worked out only for a
        // table that needs them.
        let mut prefixes: Option<HashMap<String, usize>> = None;
        for row in table {
            let Some(cell) = row.cells.name else { continue };
            let name = row.cells.name_text();
            // Characters that only look like ASCII are `name-lookalike`'s;
            // the case is judged once they are ASCII.
            if is_placeholder_name(name) || (lookalikes_said && lookalike_name(name).is_some()) {
                continue;
            }
            let joined: String = name.split_whitespace().collect();
            let verdict = row
                .record
                .and_then(|record| verdicts.of(record))
                .filter(|verdict| verdict.name == joined);
            let location = cell.location.clone();
            let code = row.record.map(|r| r.code.to_string());
            // A name the reference calls misspelt or another code's is left
            // to counterpart-name-mismatch where its pair's names differ;
            // where the pairs are not known yet, the finding waits for them.
            let left_to_pairs = pairs_said
                && !unknown_said
                && matches!(
                    verdict.map(|verdict| &verdict.name_verdict),
                    Some(NameVerdict::Misspelt(_) | NameVerdict::OtherName(_))
                );
            let pair_names_differ = row
                .record
                .filter(|_| left_to_pairs)
                .and_then(|r| ctx.pair_names_differ(r));
            let finding = RULE
                .finding(location, String::new())
                .about(code, Some(name))
                .unless(
                    AcrossDocuments::PairNamesDiffer,
                    row.record
                        .filter(|_| left_to_pairs && pair_names_differ.is_none())
                        .and_then(first_row_place),
                );
            match verdict.map(|verdict| &verdict.name_verdict) {
                // The reference spells it so: right, however unusual.
                Some(NameVerdict::Defined { exact: true, .. }) => continue,
                // The spelling is the cell's, whatever the row's code: a
                // name cell that rows share is told once, at the first.
                Some(NameVerdict::Defined { .. }) if row.shares_with_row_above(cell) => continue,
                Some(NameVerdict::Defined { fact, value, .. }) => {
                    let (confidence, applicability) = match value {
                        ValueVerdict::Agrees | ValueVerdict::DecimalAsHex { .. } => {
                            (Confidence::High, Applicability::Safe)
                        }
                        ValueVerdict::Differs { .. } => (Confidence::Medium, Applicability::Unsafe),
                    };
                    out.push(
                        Finding {
                            message: format!(
                                "`{name}` is not spelt the way the C header that defines it spells it: {} defines `{}`",
                                show_origin(fact),
                                fact.name
                            ),
                            ..finding
                        }
                        .with_fix(Fix {
                            field: "name".into(),
                            from: name.trim().to_string(),
                            to: fact.name.to_string(),
                            confidence,
                            applicability,
                            evidence: vec![
                                defines(fact),
                                format!("`{joined}` and `{}` differ only in case", fact.name),
                            ],
                        }),
                    );
                    continue;
                }
                Some(NameVerdict::Misspelt(_) | NameVerdict::OtherName(_))
                    if unknown_said || pair_names_differ == Some(true) =>
                {
                    continue;
                }
                _ => {}
            }
            let suggestion = usual_form(name);
            if suggestion == name {
                continue;
            }
            let family = row.record.map_or("this", |r| r.family.as_str());
            if !name.contains('_') {
                // A word such as "Success" is not a constant at all; the names
                // the reference gives the code that hold the word are the
                // candidates.
                let mut message = format!(
                    "`{name}` is not a symbolic name: {family} constants are written like PREFIX_WORDS; write the constant's name"
                );
                let Some(record) = row.record else {
                    out.push(Finding { message, ..finding });
                    continue;
                };
                let prefixes = prefixes.get_or_insert_with(|| {
                    prefix_counts(table.iter().map(|other| other.cells.name_text()))
                });
                let candidates = names_for_code(ctx.input.reference, record.code, name, prefixes);
                match candidates.as_slice() {
                    [] => out.push(Finding { message, ..finding }),
                    [only] => {
                        message.push_str(&format!(
                            "; {} names {} `{}`",
                            show_origin(only),
                            record.code,
                            only.name
                        ));
                        out.push(Finding { message, ..finding }.with_fix(Fix {
                            field: "name".into(),
                            from: name.trim().to_string(),
                            to: only.name.to_string(),
                            confidence: Confidence::Medium,
                            applicability: Applicability::Unsafe,
                            evidence: vec![
                                defines(only),
                                format!("`{}` holds the word `{}`", only.name, name.trim()),
                            ],
                        }));
                    }
                    several => {
                        message.push_str(&format!(
                            "; the reference names {} {}",
                            record.code,
                            either(several.iter().map(|fact| fact.name))
                        ));
                        out.push(Finding { message, ..finding });
                    }
                }
                continue;
            }
            out.push(
                Finding {
                    message: format!(
                        "`{name}` is not written the way {family} names usually are; it is probably `{suggestion}` (no reference defines it: check the header that does, since a few real names break the pattern)"
                    ),
                    ..finding
                }
                .with_fix(Fix {
                    field: "name".into(),
                    from: name.to_string(),
                    to: suggestion,
                    confidence: Confidence::Low,
                    applicability: Applicability::Unsafe,
                    evidence: vec![format!(
                        "{family} names are usually upper-case with underscores (NERR_ names CamelCase after the prefix, ESENT's after JET_err or JET_wrn)"
                    )],
                }),
            );
        }
    }
}

/// The usual spelling of a name: upper-snake, except NERR_ names (LAN
/// Manager), which are CamelCase after the prefix (NERR_BadPasswordCore),
/// and the ESENT database engine's, `JET_err` or `JET_wrn` then CamelCase
/// (JET_errLogDiskFull, as esent.h spells them and sync and directory
/// pages quote them).
fn usual_form(name: &str) -> String {
    let joined: String = name.split_whitespace().collect();
    let esent = ["JET_err", "JET_wrn"].iter().any(|prefix| {
        joined
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
    });
    if esent {
        return joined;
    }
    match joined.get(..5) {
        Some(prefix) if prefix.eq_ignore_ascii_case("NERR_") => {
            format!("NERR_{}", camel_case(&joined[5..]))
        }
        _ => joined.to_ascii_uppercase(),
    }
}

/// `BADPasswordCore` -> `BadPasswordCore`: a run of capitals keeps only its
/// first one capital, except the last of the run when a lower-case letter
/// follows (it starts the next word).
fn camel_case(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
        let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
        if c.is_ascii_uppercase() && prev_upper && !next_lower {
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_forms() {
        assert_eq!(usual_form("Error_Invalid_Name"), "ERROR_INVALID_NAME");
        assert_eq!(usual_form("NERR_BADPasswordCore"), "NERR_BadPasswordCore");
        assert_eq!(usual_form("NERR_BadPasswordCore"), "NERR_BadPasswordCore");
        assert_eq!(usual_form("WU_E_ NO_SERVICE"), "WU_E_NO_SERVICE");
        assert_eq!(usual_form("JET_errLogDiskFull"), "JET_errLogDiskFull");
        assert_eq!(usual_form("JET_wrnNyi"), "JET_wrnNyi");
        assert_eq!(usual_form("jet_ERRlogdiskfull"), "JET_ERRLOGDISKFULL");
    }
}
