//! `win32-number-mismatch`: a number beside a `FACILITY_WIN32` HRESULT that
//! is not the Win32 error inside it.

use std::collections::HashMap;

use crate::check::context::{Context, RowView};
use crate::check::decimals::grouping_of;
use crate::check::reference::{NameVerdict, ValueVerdict, defines};
use crate::check::rule::Rule;
use crate::check::win32::{Stated, error_inside, restate, same_numbers, stated};
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::ingest::Cell;
use crate::model::{HResult, Record, decimal_value};

/// The rule.
pub static RULE: Rule = Rule {
    id: "win32-number-mismatch",
    severity: Severity::Error,
    tags: &["code"],
    fix: Some(Applicability::Safe),
    summary: "A Win32 error number disagrees with the HRESULT that wraps it",
    explanation: "An HRESULT of FACILITY_WIN32 (0x8007xxxx) wraps a Win32 error in its low 16 bits: 0x80070057 is HRESULT_FROM_WIN32(87), so a page that writes the Win32 error beside it must write 87 (or 0x57). Readers search for that number in logs and in the Win32 error list; a wrong one sends them to another error. errdocs reads such a column from its cells, whatever its header says (`Win32 error`, `Código Win32`, or none): it is the column most of whose numbers beside 0x8007xxxx codes are the errors inside them (half, under a header that says Win32), so a column of ordinals or counts is not; the same goes for numbers written in the code's cell (`0x80070005 (5)`). Rows whose code is of another facility are not checked. The fix writes the error inside the code, in the cell's notation (decimal or hex), where the code is well-formed and neither the row's decimal nor the reference's definition of the name contradicts it; otherwise the finding says what the evidence favours, with no fix. A translation's number that differs from its source's is reported in the translation; one the source writes too is reported once, at the source.",
    bad_example: "| HRESULT | Win32 error | Name |\n|---|---|---|\n| 0x80070057 | 78 | E_INVALIDARG |",
    good_example: "| HRESULT | Win32 error | Name |\n|---|---|---|\n| 0x80070057 | 87 | E_INVALIDARG |",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    // The Win32 cell of the source row each translated row translates.
    let mut source_cells: HashMap<(*const crate::ingest::Table, usize), &Cell> = HashMap::new();
    for pair in ctx.row_pairs() {
        if let Some(cell) = pair.source_cells.win32 {
            source_cells.insert(
                (std::ptr::from_ref(pair.translated_table), pair.aligned.row),
                cell,
            );
        }
    }
    for table in ctx.tables() {
        for row in table {
            let (Some(cell), Some(record)) = (row.cells.win32, row.record) else {
                continue;
            };
            if !row.file.is_source {
                // One the source writes too is the source's finding.
                let source = source_cells.get(&(std::ptr::from_ref(row.table), row.index));
                if source.is_some_and(|s| same_numbers(&s.text, &cell.text)) {
                    continue;
                }
            }
            if let Some(finding) = finding(ctx, row, cell, record) {
                out.push(finding);
            }
        }
    }
}

/// Why the row's code may itself be wrong, if anything says so: the code
/// cell is not a well-formed code, the row's decimal states another code,
/// or the reference defines the name with another code. Then the number
/// gets no fix: the code is not evidence enough.
fn code_in_doubt(ctx: &Context, row: &RowView, record: &Record) -> Option<String> {
    let code = record.code;
    let reading = row.cells.code_reading();
    if reading.problem.is_some() || reading.value != Some(code) {
        return Some(format!(
            "the code cell `{}` is not {code} written plainly",
            row.cells.code_text().trim()
        ));
    }
    if let Some(decimal) = row.cells.decimal.map(|c| c.text.trim()) {
        match decimal_value(decimal) {
            Some(other) if other != code => {
                return Some(format!(
                    "the row's decimal `{decimal}` is {other}, not {code}"
                ));
            }
            _ => {}
        }
    }
    if let Some(NameVerdict::Defined {
        fact,
        value: ValueVerdict::Differs { .. } | ValueVerdict::DecimalAsHex { .. },
        ..
    }) = ctx.reference_verdicts().of(record).map(|v| &v.name_verdict)
    {
        return Some(defines(fact));
    }
    None
}

/// What else agrees with the code, for the fix's evidence: the row's
/// decimal and the reference's definition of the name.
fn code_confirmed(ctx: &Context, row: &RowView, record: &Record) -> Vec<String> {
    let mut evidence = Vec::new();
    if let Some(decimal) = row.cells.decimal.map(|c| c.text.trim())
        && decimal_value(decimal) == Some(record.code)
    {
        evidence.push(format!("the row's decimal `{decimal}` is {}", record.code));
    }
    if let Some(NameVerdict::Defined {
        fact,
        value: ValueVerdict::Agrees,
        ..
    }) = ctx.reference_verdicts().of(record).map(|v| &v.name_verdict)
    {
        evidence.push(defines(fact));
    }
    evidence
}

/// The finding of a row whose Win32 cell states a number that is not the
/// error inside its `FACILITY_WIN32` code; `None` for a right one, an
/// empty one, or a code of another facility.
fn finding(ctx: &Context, row: &RowView, cell: &Cell, record: &Record) -> Option<Finding> {
    let code = record.code;
    let inside = error_inside(code)?;
    let written = cell.text.trim();
    let numbers = stated(written);
    let wrong: Vec<&Stated> = numbers
        .iter()
        .filter(|n| n.value != i64::from(inside))
        .collect();
    let first_wrong = wrong.first()?;
    let said = |n: &Stated| written.get(n.span.clone()).unwrap_or(written);
    // The code the number would be inside, to show what it points to.
    let other = match u16::try_from(first_wrong.value) {
        Ok(value) => format!(
            "; `{}` is the one inside {}",
            said(first_wrong),
            HResult::new(0x8007_0000 | u32::from(value))
        ),
        Err(_) => String::new(),
    };
    let mut message = format!(
        "Win32 error `{}` does not match {code}, which is HRESULT_FROM_WIN32({inside}): the Win32 error inside it is {inside} (0x{inside:X}){other}",
        said(first_wrong)
    );
    if let Some(doubt) = code_in_doubt(ctx, row, record) {
        message.push_str(&format!(
            "; but {doubt}, so the code may be what is wrong: no fix is offered"
        ));
        return Some(
            RULE.finding(cell.location.clone(), message)
                .about(Some(code.to_string()), Some(&record.name)),
        );
    }
    // Every number of the cell restated, so that a cell that writes the
    // error both ways (`78 (0x4E)`) is made right as a whole.
    let mut to = String::new();
    let mut at = 0;
    for n in &numbers {
        to.push_str(written.get(at..n.span.start).unwrap_or(""));
        // A lone number keeps the groups the file writes (`1\u{202F}223`).
        let template = match numbers.len() {
            1 if !n.hex => grouping_of(cell),
            _ => said(n),
        };
        to.push_str(&restate(template, n.hex, inside));
        at = n.span.end;
    }
    to.push_str(written.get(at..).unwrap_or(""));
    let mut evidence = vec![format!(
        "{code} is HRESULT_FROM_WIN32({inside}): the Win32 error inside it is its low 16 bits, {inside} (0x{inside:X})"
    )];
    evidence.extend(code_confirmed(ctx, row, record));
    Some(
        RULE.finding(cell.location.clone(), message)
            .about(Some(code.to_string()), Some(&record.name))
            .with_fix(Fix {
                field: "win32".into(),
                from: written.to_string(),
                to,
                confidence: Confidence::High,
                applicability: Applicability::Safe,
                evidence,
            }),
    )
}
