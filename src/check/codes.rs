//! Rules about the codes themselves: decimal columns, HRESULT structure,
//! hex digit case, and row order.

use super::context::{Context, RowView};
use super::rules;
use crate::finding::{Confidence, Finding, Fix};
use crate::model::{DecimalReading, Family, HResult, read_decimal};

/// `decimal-mismatch` per row and `decimal-systematic` per table.
pub fn decimals(ctx: &Context, out: &mut Vec<Finding>) {
    for table in ctx.tables() {
        let Some(first) = table.first() else { continue };
        if !first.file.is_source {
            continue;
        }
        let mut kinds: Vec<DecimalReading> = Vec::new();
        let mut rows_with_decimal = 0;
        for row in table {
            let (Some(cell), Some(record)) = (row.cells.decimal, row.record) else {
                continue;
            };
            // An empty decimal cell states nothing to compare.
            if cell.text.trim().is_empty() {
                continue;
            }
            rows_with_decimal += 1;
            let reading = read_decimal(&cell.text, record.code);
            if reading == DecimalReading::Signed {
                continue;
            }
            let signed = record.code.signed();
            let written = cell.text.trim();
            let why = match reading {
                DecimalReading::OffsetBy2Pow32 => format!(
                    "is {} minus 2^32, a wrong offset; as a signed 32-bit integer it is {signed}",
                    record.code
                ),
                DecimalReading::Unsigned => format!(
                    "is the unsigned value of {}; the table writes signed values, so it should be {signed}",
                    record.code
                ),
                DecimalReading::Truncated => {
                    format!("has lost digits; {} is {signed}", record.code)
                }
                DecimalReading::NotANumber => {
                    format!("is not a number; {} is {signed}", record.code)
                }
                _ => match crate::model::decimal_value(written) {
                    Some(other) => format!(
                        "is {other}, not {}; as a signed 32-bit integer {} is {signed}",
                        record.code, record.code
                    ),
                    None => format!("does not match {}, which is {signed}", record.code),
                },
            };
            kinds.push(reading);
            out.push(
                Finding::new(
                    &rules::DECIMAL_MISMATCH,
                    cell.location.clone(),
                    format!("decimal `{written}` {why}"),
                )
                .about(Some(record.code.to_string()), Some(&record.name))
                .with_fix(Fix {
                    field: "decimal".into(),
                    from: written.to_string(),
                    to: signed.to_string(),
                    confidence: Confidence::High,
                    evidence: vec![format!(
                        "{} read as a signed 32-bit integer is {signed}",
                        record.code
                    )],
                }),
            );
        }
        // One cause for (nearly) the whole table: say it once, as a note.
        if kinds.len() >= 3
            && kinds.len() * 10 >= rows_with_decimal * 8
            && kinds.iter().all(|k| *k == kinds[0])
        {
            let cause = match kinds[0] {
                DecimalReading::OffsetBy2Pow32 => {
                    "every value is the code minus 2^32: the column was computed with the wrong offset"
                }
                DecimalReading::Unsigned => "every value is the unsigned form of the code",
                DecimalReading::Truncated => "every value has lost digits",
                _ => "every value disagrees with its hex code",
            };
            out.push(Finding::new(
                &rules::DECIMAL_SYSTEMATIC,
                first.table.location.clone(),
                format!(
                    "{} of {rows_with_decimal} decimal values in table \"{}\" are wrong for one reason: {cause}; recompute the column as signed 32-bit values",
                    kinds.len(),
                    first.table.section()
                ),
            ));
        }
    }
}

/// `severity-bit-mismatch` and `facility-mismatch`.
pub fn structure(ctx: &Context, out: &mut Vec<Finding>) {
    for row in ctx.source_rows() {
        let Some(record) = row.record else { continue };
        let code = record.code;
        let name = record.name.to_ascii_uppercase();
        // Only these families spell the HRESULT severity in the name: Win32
        // names such as RPC_S_SERVER_UNAVAILABLE are success-style names of
        // Win32 errors, wrapped as failures.
        let spells_severity = matches!(
            record.family,
            Family::Wu | Family::Om | Family::Omc | Family::Bits | Family::Com
        );
        let location = row.cells.code_location();
        if spells_severity {
            // The first marker is the severity: WU_E_REDIRECTOR_S_FALSE is
            // an error whose name mentions S_FALSE.
            let marker = severity_marker(&name);
            let says_error = marker == Some('E');
            let says_success = marker == Some('S');
            if says_error && !code.is_failure() || says_success && code.is_failure() {
                let (named, is) = if says_error {
                    ("an error (`_E_`)", "its severity bit (bit 31) is clear")
                } else {
                    ("a success (`_S_`)", "its severity bit (bit 31) is set")
                };
                let flipped = HResult::new(code.value() ^ 0x8000_0000);
                out.push(
                    Finding::new(
                        &rules::SEVERITY_BIT_MISMATCH,
                        location.clone(),
                        format!(
                            "{} is named as {named} but {code} says otherwise: {is}; either the name or the code is wrong (the code with the bit flipped is {flipped})",
                            record.name
                        ),
                    )
                    .about(Some(code.to_string()), Some(&record.name)),
                );
            }
        }
        let facilities = record.family.facilities();
        if !facilities.is_empty() && !facilities.contains(&code.facility()) {
            let expected = facilities
                .iter()
                .map(|f| format!("0x{f:03X}"))
                .collect::<Vec<_>>()
                .join(" or ");
            let suggestion = HResult::new(code.value()).with_facility(facilities[0]);
            out.push(
                Finding::new(
                    &rules::FACILITY_MISMATCH,
                    location,
                    format!(
                        "{code} has facility 0x{:03X}, but {} names a {} code, whose facility is {expected}",
                        code.facility(),
                        record.name,
                        record.family.as_str()
                    ),
                )
                .about(Some(code.to_string()), Some(&record.name))
                .with_fix(Fix {
                    field: "code".into(),
                    from: code.to_string(),
                    to: suggestion.to_string(),
                    confidence: Confidence::Low,
                    evidence: vec![format!(
                        "{} codes have facility {expected}",
                        record.family.as_str()
                    )],
                }),
            );
        }
    }
}

/// The severity letter a name spells: `E` or `S` from its first `_E_` or
/// `_S_` (or a leading `E_` or `S_`, as in E_ACCESSDENIED).
fn severity_marker(upper_name: &str) -> Option<char> {
    let padded = format!("_{upper_name}");
    let e = padded.find("_E_");
    let s = padded.find("_S_");
    match (e, s) {
        (Some(e), Some(s)) => Some(if e < s { 'E' } else { 'S' }),
        (Some(_), None) => Some('E'),
        (None, Some(_)) => Some('S'),
        (None, None) => None,
    }
}

/// How a code cell writes its hex letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LetterCase {
    Upper,
    Lower,
    Mixed,
}

fn letter_case(text: &str) -> Option<LetterCase> {
    let digits = text
        .trim()
        .strip_prefix("0x")
        .or_else(|| text.trim().strip_prefix("0X"))?;
    let upper = digits.chars().any(|c| ('A'..='F').contains(&c));
    let lower = digits.chars().any(|c| ('a'..='f').contains(&c));
    match (upper, lower) {
        (true, true) => Some(LetterCase::Mixed),
        (true, false) => Some(LetterCase::Upper),
        (false, true) => Some(LetterCase::Lower),
        (false, false) => None,
    }
}

/// `hex-case-inconsistent`: one note per table that mixes cases.
pub fn hex_case(ctx: &Context, out: &mut Vec<Finding>) {
    for table in ctx.tables() {
        let Some(first) = table.first() else { continue };
        if !first.file.is_source {
            continue;
        }
        let cased: Vec<(&RowView, LetterCase)> = table
            .iter()
            .filter_map(|r| letter_case(r.cells.code_text()).map(|c| (r, c)))
            .collect();
        let count = |case| cased.iter().filter(|(_, c)| *c == case).count();
        let (upper, lower, mixed) = (
            count(LetterCase::Upper),
            count(LetterCase::Lower),
            count(LetterCase::Mixed),
        );
        let kinds = [upper, lower, mixed].iter().filter(|n| **n > 0).count();
        if kinds < 2 && mixed == 0 {
            continue;
        }
        let Some((example, _)) = cased
            .iter()
            .find(|(_, c)| *c == LetterCase::Mixed)
            .or_else(|| cased.iter().find(|(_, c)| *c == LetterCase::Lower))
        else {
            continue;
        };
        let written = example.cells.code_text();
        let canonical = example
            .record
            .map_or_else(|| written.to_ascii_uppercase(), |r| r.code.to_string());
        out.push(
            Finding::new(
                &rules::HEX_CASE_INCONSISTENT,
                example.cells.code_location(),
                format!(
                    "hex digits in table \"{}\" are written in mixed case: {upper} codes upper-case, {lower} lower-case, {mixed} mixed within one code (such as `{written}`); write them all upper-case, as in {canonical}",
                    first.table.section()
                ),
            )
            .about(example.record.map(|r| r.code.to_string()), Some(example.cells.name_text())),
        );
    }
}

/// `row-out-of-order`: in a table sorted by code, a row whose code does not
/// fit between its neighbours, where the neighbours are in order (a section
/// break, where the previous code is above the next, is not reported).
pub fn order(ctx: &Context, out: &mut Vec<Finding>) {
    for table in ctx.tables() {
        let Some(first) = table.first() else { continue };
        if !first.file.is_source {
            continue;
        }
        let coded: Vec<(&RowView, HResult)> = table
            .iter()
            .filter_map(|r| r.record.map(|rec| (r, rec.code)))
            .collect();
        if !crate::normalize::is_sorted(coded.iter().map(|(_, code)| Some(*code))) {
            continue;
        }
        for window in coded.windows(3) {
            let [(_, before), (row, code), (_, after)] = window else {
                continue;
            };
            if before < after && !(before < code && code < after) {
                out.push(
                    Finding::new(
                        &rules::ROW_OUT_OF_ORDER,
                        row.cells.code_location(),
                        format!(
                            "the table is sorted by code, but {code} comes between {before} and {after}; move the row, or check its code"
                        ),
                    )
                    .about(Some(code.to_string()), Some(row.cells.name_text())),
                );
            }
        }
    }
}
