//! `reference-mirror-mismatch`: a code of a mirrored family (`OM_*`) whose
//! mirror (`WU_*`) the reference defines otherwise.

use crate::check::context::{Context, first_row_place};
use crate::check::reference::{
    NameVerdict, ValueVerdict, defines, either, names_of_code, show_origin, value_verdict,
};
use crate::check::rule::Rule;
use crate::diagnostic::{AcrossDocuments, Applicability, Confidence, Finding, Fix, Severity};
use crate::model::{HResult, Record, counterpart_code};
use crate::reference::{NEAR_MISS_DISTANCE, Reference, edit_distance_within, family_prefix};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

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
    // What the references say of each name and code, once: a large corpus
    // repeats them.
    let mut said: HashMap<(&str, u32), Option<Said>> = HashMap::default();
    // The codes and names each document lists, made on the first fix: a
    // fix to one of them would make two rows alike.
    let mut listed: Option<Listed> = None;
    for row in ctx.source_rows() {
        let Some(record) = row.record else { continue };
        let Some(verdict) = verdicts.of(record) else {
            continue;
        };
        // Where the dataset is not known yet, the finding waits for it.
        let has_counterpart = ctx.has_counterpart(record);
        if has_counterpart == Some(true) || !matches!(verdict.name_verdict, NameVerdict::Unknown) {
            continue;
        }
        let Some(said) = said
            .entry((verdict.name.as_str(), record.code.value()))
            .or_insert_with(|| mirror_said(reference, record, &verdict.name))
        else {
            continue;
        };
        // A name fix sits on the name cell.
        let location = match (&said.fix, row.cells.name) {
            (Some(fix), Some(cell)) if fix.field == "name" => cell.location.clone(),
            _ => row.cells.code_location(),
        };
        let mut finding = RULE
            .finding(location, said.message.clone())
            .about(Some(record.code.to_string()), Some(&verdict.name))
            .unless(
                AcrossDocuments::HasCounterpart,
                has_counterpart
                    .is_none()
                    .then(|| first_row_place(record))
                    .flatten(),
            );
        if let Some(fix) = &said.fix {
            let (codes, names) = listed.get_or_insert_with(|| {
                let mut codes = HashSet::default();
                let mut names = HashSet::default();
                for other in ctx.records() {
                    codes.insert((&*other.document, other.code.value()));
                    names.insert((&*other.document, other.name.to_ascii_uppercase()));
                }
                (codes, names)
            });
            let taken = if fix.field == "code" {
                fix.to
                    .parse::<HResult>()
                    .is_ok_and(|code| codes.contains(&(&*record.document, code.value())))
            } else {
                names.contains(&(&*record.document, fix.to.to_ascii_uppercase()))
            };
            if taken {
                finding.message.push_str(&format!(
                    "; `{}` is already listed in this document, so no fix is offered: check both rows",
                    fix.to
                ));
            } else {
                let written = if fix.field == "code" {
                    row.cells.code_text()
                } else {
                    row.cells.name_text()
                };
                finding = finding.with_fix(Fix {
                    from: written.trim().to_string(),
                    ..fix.clone()
                });
            }
        }
        out.push(finding);
    }
}

/// The codes and the upper-case names each document lists.
type Listed<'c> = (HashSet<(&'c str, u32)>, HashSet<(&'c str, String)>);

/// What the references say of a code's mirror: the message, and the fix
/// (its `from` left to each row).
struct Said {
    message: String,
    fix: Option<Fix>,
}

/// What the references say of the mirror of `record`, named `name`; `None`
/// when its family mirrors none, or when they agree or know nothing.
fn mirror_said(reference: &Reference, record: &Record, name: &str) -> Option<Said> {
    let family = record.family;
    let (mirror_family, _) = family.counterpart()?;
    let prefix = family.prefix()?;
    let mirror_prefix = mirror_family.prefix()?;
    let mirror_code = counterpart_code(family, record.code)?;
    let suffix = name
        .get(prefix.len()..)
        .filter(|_| name.is_char_boundary(prefix.len()))?;
    let mirror_name = format!("{mirror_prefix}{suffix}");
    let code = record.code;
    if let Some(fact) = reference.by_name_ignore_case(&mirror_name).first() {
        let ValueVerdict::Differs { expected } = value_verdict(fact, mirror_code) else {
            return None;
        };
        // The mirror of the defined code, in this family's facility.
        let moved = family
            .facilities()
            .first()
            .copied()
            .filter(|_| mirror_family.facilities().contains(&expected.facility()))
            .map(|facility| expected.with_facility(facility));
        let mut message = format!(
            "{name} is {code}, whose {} mirror is {mirror_code}, but {}",
            mirror_family.as_str(),
            defines(fact)
        );
        let fix = moved.map(|moved| {
            message.push_str(&format!(
                "; the mirror of that code is {moved}, which is probably {name}'s code"
            ));
            Fix {
                field: "code".into(),
                from: String::new(),
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
            }
        });
        return Some(Said { message, fix });
    }
    // The names the references give the mirrored code in the mirrored
    // family: one or two edits from the mirrored name, the name is
    // misspelt; further, the name or the code is wrong.
    let mirror_family_prefix = family_prefix(&mirror_name);
    let others: Vec<_> = names_of_code(reference, mirror_code)
        .into_iter()
        .filter(|fact| family_prefix(fact.name).eq_ignore_ascii_case(mirror_family_prefix))
        .collect();
    let misses: Vec<_> = others
        .iter()
        .filter(|fact| {
            edit_distance_within(&mirror_name, fact.name, NEAR_MISS_DISTANCE)
                .is_some_and(|distance| distance > 0)
        })
        .collect();
    if let [miss] = misses.as_slice()
        && let Some(suffix) = miss
            .name
            .get(mirror_prefix.len()..)
            .filter(|_| miss.name.is_char_boundary(mirror_prefix.len()))
    {
        let to = format!("{prefix}{suffix}");
        return Some(Said {
            message: format!(
                "{name} is {code}, whose {} mirror {mirror_code} {} names `{}`, a near spelling of `{mirror_name}` (which no reference defines): the name is probably `{to}`",
                mirror_family.as_str(),
                show_origin(miss),
                miss.name
            ),
            fix: Some(Fix {
                field: "name".into(),
                from: String::new(),
                to,
                confidence: Confidence::Medium,
                applicability: Applicability::Unsafe,
                evidence: vec![
                    defines(miss),
                    format!(
                        "{} codes are {} codes under another facility, with the same name after the prefix",
                        family.as_str(),
                        mirror_family.as_str()
                    ),
                ],
            }),
        });
    }
    let first = others.first()?;
    Some(Said {
        message: format!(
            "{name} is {code}, whose {} mirror {mirror_code} {} names {}, not `{mirror_name}` (which no reference defines): the name or the code is wrong, or this code mirrors no {} code; check the product's headers",
            mirror_family.as_str(),
            show_origin(first),
            either(others.iter().map(|fact| fact.name)),
            mirror_family.as_str(),
        ),
        fix: None,
    })
}
