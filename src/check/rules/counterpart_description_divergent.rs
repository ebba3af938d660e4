//! `counterpart-description-divergent`: counterpart descriptions with little in common.

use crate::check::context::Context;
use crate::check::counterparts::{
    CounterpartPair, DescriptionVerdict, description_place, record_place, source_description,
};
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "counterpart-description-divergent",
    severity: Severity::Note,
    tags: &["counterpart", "description"],
    fix: None,
    summary: "A WU code and its OM counterpart have descriptions with little in common",
    explanation: "Counterparts describe the same error in different words, but when their descriptions share almost no content words a person should read both and check they say the same thing. Descriptions in two languages (a German page's OM code beside an English page's WU code) are not compared.",
    bad_example: "WU_E_PT_FILE_LOCATIONS_CHANGED: Server replied with FileLocationsChange.\nOM_E_PT_FILE_LOCATIONS_CHANGED: The operation failed because of a changed file location.",
    good_example: "(both describe the changed file locations in similar words)",
    rollup: None,
    check,
};

/// Each pair whose descriptions share almost no content words (and where
/// neither reads like another code's: that is
/// `counterpart-description-mismatch`).
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let counterparts = ctx.counterparts();
    // Sized once: on a corpus of copies a divergent pair repeats in every
    // copy (tens of thousands of findings, folded together later), and a
    // vector grown by doubling would hold half as much again, at the last
    // step, the peak.
    let divergent = counterparts
        .description_verdicts()
        .iter()
        .filter(|v| matches!(v, DescriptionVerdict::Divergent))
        .count();
    out.reserve_exact(divergent);
    for (&CounterpartPair { wu, om }, verdict) in counterparts
        .pairs
        .iter()
        .zip(counterparts.description_verdicts())
    {
        if !matches!(verdict, DescriptionVerdict::Divergent) {
            continue;
        }
        out.push(
            RULE.finding(
                description_place(om),
                format!(
                    "{} and its counterpart {} ({}) have few words in common; read both to check they say the same thing: \"{}\" / \"{}\"",
                    om.name,
                    wu.name,
                    record_place(wu).file_line(),
                    source_description(om),
                    source_description(wu)
                ),
            )
            .about(Some(om.code.to_string()), Some(&om.name))
            .with_related(description_place(wu), format!("the counterpart {}", wu.name)),
        );
    }
}
