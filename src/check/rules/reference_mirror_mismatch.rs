//! `reference-mirror-mismatch`: a code of a mirrored family (`OM_*`) whose
//! mirror (`WU_*`) the reference defines otherwise.

use crate::check::context::Context;
use crate::check::reference::{NameVerdict, ValueVerdict, defines, either, names_of_code, show_origin, value_verdict};
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::model::counterpart_code;
use crate::reference::family_prefix;

/// The rule.
pub static RULE: Rule = Rule {
    id: "reference-mirror-mismatch",
    severity: Severity::Warning,
    tags: &["counterpart", "reference"],
    fix: Some(Applicability::Unsafe),
    summary: "The reference defines the code's WU mirror otherwise",
    explanation: "OM_* codes are WU_* codes under facility 0x0CF instead of 0x024, with the same name after the prefix. The Windows SDK defines the WU codes but not Intune's OM codes; so where the pages list an OM code without its WU counterpart, the SDK's WU code still says what the OM code should be. When the SDK defines the mirrored name with another code, the OM code is probably wrong (the fix moves it to the mirror of the SDK's code). When the SDK gives the mirrored code another name, the OM name or code is wrong, or the code is no mirror at all (a number Intune assigned on its own): check the product's headers.",
    bad_example: "|0x80CF002E|OM_E_SOURCE_ABSENT|   (the SDK defines WU_E_SOURCE_ABSENT as 0x8024002D)",
    good_example: "|0x80CF002D|OM_E_SOURCE_ABSENT|",
    rollup: None,
    check,
};

/// On source rows of `WU`/`OM` codes that the references do not know
/// themselves, whose mirror is not in the dataset (else the counterpart
/// rules compare the two), and whose mirror the references define.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let verdicts = ctx.reference_verdicts();
    let reference = ctx.input.reference;
    for row in ctx.source_rows() {
        let Some(record) = row.record else { continue };
        let Some(verdict) = verdicts.of(record) else {
            continue;
        };
        if record.counterpart.is_some() || !matches!(verdict.name_verdict, NameVerdict::Unknown) {
            continue;
        }
        let family = record.family;
        let (Some((mirror_family, _)), Some(prefix)) = (family.counterpart(), family.prefix())
        else {
            continue;
        };
        let (Some(mirror_prefix), Some(mirror_code)) =
            (mirror_family.prefix(), counterpart_code(family, record.code))
        else {
            continue;
        };
        let Some(suffix) = verdict
            .name
            .get(prefix.len()..)
            .filter(|_| verdict.name.is_char_boundary(prefix.len()))
        else {
            continue;
        };
        let mirror_name = format!("{mirror_prefix}{suffix}");
        let name = &verdict.name;
        let location = row.cells.code_location();
        let finding = RULE
            .finding(location, String::new())
            .about(Some(record.code.to_string()), Some(name));
        let defined = reference.by_name_ignore_case(&mirror_name);
        if let Some(fact) = defined.first() {
            let ValueVerdict::Differs { expected } = value_verdict(fact, mirror_code) else {
                continue;
            };
            // The mirror of the defined code, in this family's facility.
            let own_facility = family.facilities().first().copied();
            let moved = own_facility
                .filter(|_| mirror_family.facilities().contains(&expected.facility()))
                .map(|facility| expected.with_facility(facility));
            let mut message = format!(
                "{name} is {}, whose {} mirror is {mirror_code}, but {}",
                record.code,
                mirror_family.as_str(),
                defines(fact)
            );
            let mut finding = finding;
            if let Some(moved) = moved {
                message.push_str(&format!(
                    "; the mirror of that code is {moved}, which is probably {name}'s code"
                ));
                finding = finding.with_fix(Fix {
                    field: "code".into(),
                    from: row.cells.code_text().trim().to_string(),
                    to: moved.to_string(),
                    confidence: Confidence::Low,
                    applicability: Applicability::Unsafe,
                    evidence: vec![
                        defines(fact),
                        format!(
                            "{} codes are {} codes under facility 0x{:03X}",
                            family.as_str(),
                            mirror_family.as_str(),
                            moved.facility()
                        ),
                    ],
                });
            }
            finding.message = message;
            out.push(finding);
            continue;
        }
        // A near spelling of the mirrored name with the mirrored code: the
        // name is misspelt.
        let misses: Vec<_> = reference
            .near_misses(&mirror_name)
            .into_iter()
            .filter(|miss| value_verdict(&miss.fact, mirror_code) == ValueVerdict::Agrees)
            .collect();
        if let [miss] = misses.as_slice()
            && let Some(suffix) = miss
                .fact
                .name
                .get(mirror_prefix.len()..)
                .filter(|_| miss.fact.name.is_char_boundary(mirror_prefix.len()))
        {
            let to = format!("{prefix}{suffix}");
            out.push(
                Finding {
                    message: format!(
                        "{name} is {}, whose {} mirror {mirror_code} {} names `{}`, a near spelling of `{mirror_name}` (which no reference defines): the name is probably `{to}`",
                        record.code,
                        mirror_family.as_str(),
                        show_origin(&miss.fact),
                        miss.fact.name
                    ),
                    ..finding
                }
                .with_fix(Fix {
                    field: "name".into(),
                    from: row.cells.name_text().trim().to_string(),
                    to,
                    confidence: Confidence::Medium,
                    applicability: Applicability::Unsafe,
                    evidence: vec![
                        defines(&miss.fact),
                        format!(
                            "{} codes are {} codes under another facility, with the same name after the prefix",
                            family.as_str(),
                            mirror_family.as_str()
                        ),
                    ],
                }),
            );
            continue;
        }
        let mirror_family_prefix = family_prefix(&mirror_name);
        let others: Vec<_> = names_of_code(reference, mirror_code)
            .into_iter()
            .filter(|fact| family_prefix(fact.name).eq_ignore_ascii_case(mirror_family_prefix))
            .collect();
        let Some(first) = others.first() else {
            continue;
        };
        out.push(Finding {
            message: format!(
                "{name} is {}, whose {} mirror {mirror_code} {} names {}, not `{mirror_name}` (which no reference defines): the name or the code is wrong, or this code mirrors no {} code; check the product's headers",
                record.code,
                mirror_family.as_str(),
                show_origin(first),
                either(others.iter().map(|fact| fact.name)),
                mirror_family.as_str(),
            ),
            ..finding
        });
    }
}
