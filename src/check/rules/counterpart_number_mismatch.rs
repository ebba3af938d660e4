//! `counterpart-number-mismatch`: numbers that disagree between counterparts.

use crate::check::context::Context;
use crate::check::counterparts::{
    CounterpartPair, description_place, record_place, source_description,
};
use crate::check::rule::Rule;
use crate::check::tokens::significant_numbers;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::model::{Record, http_status_of};

/// The rule.
pub static RULE: Rule = Rule {
    id: "counterpart-number-mismatch",
    severity: Severity::Error,
    tags: &["counterpart", "description"],
    fix: Some(Applicability::Safe),
    summary: "A WU code and its OM counterpart quote different numbers",
    explanation: "Counterparts describe the same error, so an HTTP status or another number quoted in both descriptions must agree. For HTTP_STATUS_* names, winhttp.h says which number is right, and a number shared with the neighbouring row shows where it was copied from.",
    bad_example: "WU_E_PT_HTTP_STATUS_NOT_SUPPORTED: Http status 501\nOM_E_PT_HTTP_STATUS_NOT_SUPPORTED: Same as HTTP status 500",
    good_example: "OM_E_PT_HTTP_STATUS_NOT_SUPPORTED: Same as HTTP status 501",
    rollup: None,
    check,
};

/// Each pair whose descriptions quote different numbers.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let pairs = &ctx.counterparts().pairs;
    if pairs.is_empty() {
        return;
    }
    let rows = row_index(ctx.records());
    for &pair in pairs {
        check_pair(pair, &rows, out);
    }
}

fn check_pair(
    CounterpartPair { wu, om }: CounterpartPair,
    rows: &RowIndex,
    out: &mut Vec<Finding>,
) {
    let wu_numbers = significant_numbers(source_description(wu));
    let om_numbers = significant_numbers(source_description(om));
    if wu_numbers.is_empty() || om_numbers.is_empty() || wu_numbers == om_numbers {
        return;
    }
    // winhttp.h says what an HTTP_STATUS_* name's number is.
    let expected = http_status_of(&wu.name).or_else(|| http_status_of(&om.name));
    let ((wrong, wrong_numbers), (right, right_numbers)) = match expected {
        Some((_, status)) if om_numbers.contains(&status) && !wu_numbers.contains(&status) => {
            ((wu, wu_numbers), (om, om_numbers))
        }
        _ => ((om, om_numbers), (wu, wu_numbers)),
    };
    let mut evidence = Vec::new();
    if let Some((status_name, status)) = expected {
        evidence.push(format!(
            "winhttp.h defines HTTP_STATUS_{status_name} as {status}"
        ));
    }
    // A number copied from the row above or below is a likely cause.
    if let Some(neighbour) = neighbour_with(wrong, rows, &wrong_numbers) {
        evidence.push(format!(
            "{} quotes {} as well: the number was probably copied from that row",
            neighbour.name,
            list(&wrong_numbers)
        ));
    }
    let mut finding = RULE
        .finding(
            description_place(wrong),
            format!(
                "{} quotes {} where its counterpart {} ({}) quotes {}",
                wrong.name,
                list(&wrong_numbers),
                right.name,
                record_place(right).file_line(),
                list(&right_numbers)
            ),
        )
        .about(Some(wrong.code.to_string()), Some(&wrong.name))
        .with_related(
            description_place(right),
            format!("the counterpart {}", right.name),
        );
    // A fix only where winhttp.h and the other side agree on the number.
    match expected {
        Some((_, status)) if wrong_numbers.len() == 1 && right_numbers == [status] => {
            evidence.push(format!("{} quotes {status}", right.name));
            let confidence = if evidence.len() >= 3 {
                Confidence::High
            } else {
                Confidence::Medium
            };
            finding = finding.with_fix(Fix {
                field: "description".into(),
                from: wrong_numbers[0].to_string(),
                to: status.to_string(),
                confidence,
                applicability: if confidence == Confidence::High {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
                evidence,
            });
        }
        _ => finding.message.push_str("; check which number is right"),
    }
    out.push(finding);
}

fn list(numbers: &[u32]) -> String {
    numbers
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every record by the (file, table, row) of its source-language row,
/// sorted, so that a record's neighbours are two binary searches: a
/// vector is half the memory of a map, and it is built, for every record
/// of the corpus, at the last step, the peak.
type RowIndex<'a> = Vec<((&'a str, usize, usize), &'a Record)>;

fn row_index(records: &[Record]) -> RowIndex<'_> {
    let mut index: RowIndex = records
        .iter()
        .filter_map(|r| {
            let s = r.sources.first()?;
            Some(((s.file.as_ref(), s.table, s.row), r))
        })
        .collect();
    // No two records share a source row (one row makes at most one
    // record), so the keys are unique.
    index.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    debug_assert!(index.windows(2).all(|w| w[0].0 != w[1].0), "unique rows");
    index
}

/// The record just before or after `record` in its table that quotes one of
/// `numbers`.
fn neighbour_with<'a>(record: &Record, rows: &RowIndex<'a>, numbers: &[u32]) -> Option<&'a Record> {
    let source = record.sources.first()?;
    [source.row.checked_sub(1), Some(source.row + 1)]
        .into_iter()
        .flatten()
        .filter_map(|row| {
            let key = (source.file.as_ref(), source.table, row);
            rows.binary_search_by(|(at, _)| at.cmp(&key))
                .ok()
                .map(|i| rows[i].1)
        })
        .find(|r| {
            significant_numbers(source_description(r))
                .iter()
                .any(|n| numbers.contains(n))
        })
}
