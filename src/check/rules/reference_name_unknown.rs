//! `reference-name-unknown`: a name the reference does not define, where
//! it defines a near spelling with this code, or names the code otherwise.

use crate::check::context::{Context, first_row_place};
use crate::check::reference::{NameVerdict, defines, either, show_origin};
use crate::check::rule::Rule;
use crate::diagnostic::{AcrossDocuments, Applicability, Confidence, Finding, Fix, Severity};
use crate::model::lookalike_name;

/// The rule.
pub static RULE: Rule = Rule {
    id: "reference-name-unknown",
    severity: Severity::Warning,
    tags: &["name", "reference"],
    fix: Some(Applicability::Safe),
    summary: "The reference does not define the name, but defines a near spelling or another name for the code",
    explanation: "Readers search for a constant by the name the header defines. When the Windows SDK (or the product's header named in errdocs.toml) does not define a page's name, but defines a name of the same family one or two edits away with this very code, the page misspells it: the fix is safe, since the code and the spelling agree. When it defines no near spelling but gives the code another name of the same family, the page's name is probably wrong or outdated: the fix is that name, for a person to confirm. A name and code that no reference knows are not reported: a product's own codes need not be in the SDK.",
    bad_example: "<td>0x801901F4</td><td>BG_E_HTTP_RROR_500</td>",
    good_example: "<td>0x801901F4</td><td>BG_E_HTTP_ERROR_500</td>",
    rollup: None,
    check,
};

/// On source rows whose name the references do not define but whose
/// spelling or code they do. A row of a `WU`/`OM` pair whose names differ
/// is `counterpart-name-mismatch`'s (when it runs), which then says what
/// the reference supports.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let verdicts = ctx.reference_verdicts();
    let pairs_said = ctx.is_enabled(super::counterpart_name_mismatch::RULE.id);
    let lookalikes_said = ctx.is_enabled(super::name_lookalike::RULE.id);
    for row in ctx.source_rows() {
        let (Some(record), Some(cell)) = (row.record, row.cells.name) else {
            continue;
        };
        let Some(verdict) = verdicts.of(record) else {
            continue;
        };
        // Where the pairs are not known yet, the finding waits for them.
        let pair_names_differ = ctx.pair_names_differ(record);
        if pairs_said && pair_names_differ == Some(true) {
            continue;
        }
        let name = &verdict.name;
        let written = row.cells.name_text().trim();
        // A name in characters that only look like ASCII is
        // `name-lookalike`'s: the reference cannot know it as written.
        if lookalikes_said && lookalike_name(written).is_some() {
            continue;
        }
        let finding = RULE
            .finding(cell.location.clone(), String::new())
            .about(Some(record.code.to_string()), Some(name))
            .unless(
                AcrossDocuments::PairNamesDiffer,
                (pairs_said && pair_names_differ.is_none())
                    .then(|| first_row_place(record))
                    .flatten(),
            );
        let finding = match &verdict.name_verdict {
            NameVerdict::Misspelt(misses) => match misses.as_slice() {
                [miss] => {
                    let right = miss.fact.name;
                    let edits = if miss.distance == 1 {
                        "1 edit".to_string()
                    } else {
                        format!("{} edits", miss.distance)
                    };
                    Finding {
                        message: format!(
                            "`{name}` is not a name the reference defines: it is a misspelling of `{right}`, {edits} away in the same family ({}), which {} defines with this very code",
                            miss.family,
                            show_origin(&miss.fact)
                        ),
                        ..finding
                    }
                    .with_fix(Fix {
                        field: "name".into(),
                        from: written.to_string(),
                        to: right.to_string(),
                        confidence: Confidence::High,
                        applicability: Applicability::Safe,
                        evidence: vec![
                            defines(&miss.fact),
                            format!(
                                "`{name}` is {edits} from `{right}`, in the same family {}",
                                miss.family
                            ),
                            format!("no reference defines `{name}`"),
                        ],
                    })
                }
                _ => Finding {
                    message: format!(
                        "`{name}` is not a name the reference defines; it is a misspelling of {}, all equally close, in the same family and with this very code: check which one the page means",
                        either(misses.iter().map(|miss| miss.fact.name))
                    ),
                    ..finding
                },
            },
            NameVerdict::OtherName(others) => match others.as_slice() {
                [other] => Finding {
                    message: format!(
                        "`{name}` is not a name the reference defines, and {} names {} `{}`: the page's name is probably wrong or outdated",
                        show_origin(other),
                        record.code,
                        other.name
                    ),
                    ..finding
                }
                .with_fix(Fix {
                    field: "name".into(),
                    from: written.to_string(),
                    to: other.name.to_string(),
                    confidence: Confidence::Medium,
                    applicability: Applicability::Unsafe,
                    evidence: vec![defines(other), format!("no reference defines `{name}`")],
                }),
                _ => Finding {
                    message: format!(
                        "`{name}` is not a name the reference defines, and it names {} {}: check which one the page means",
                        record.code,
                        either(others.iter().map(|other| other.name))
                    ),
                    ..finding
                },
            },
            NameVerdict::Defined { .. } | NameVerdict::Unknown => continue,
        };
        out.push(finding);
    }
}
