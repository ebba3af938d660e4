//! Decimal cells read against their rows' codes: shared by
//! `decimal-mismatch` (one finding per row) and `decimal-systematic` (one
//! per table, each row among its related places).

use crate::check::context::{Context, RowView};
use crate::check::reference::{NameVerdict, ValueVerdict, defines};
use crate::check::rule::Rule;
use crate::check::win32::{error_inside, error_stated};
use crate::diagnostic::{Applicability, Confidence, Finding, Fix};
use crate::ingest::Cell;
use crate::model::{
    DecimalReading, HResult, Record, decimal_value, grouped_like, read_decimal, whole_number,
};

/// A decimal cell that disagrees with its row's code.
pub struct WrongDecimal<'r> {
    /// The row.
    pub row: &'r RowView<'r>,
    /// The decimal cell.
    pub cell: &'r Cell,
    /// The row's record.
    pub record: &'r Record,
    /// How the decimal reads against the code.
    pub reading: DecimalReading,
    /// Whether another row of the table writes a failure code's decimal
    /// as the signed value it is (`-2147024891`): the table's own
    /// convention, where it has one.
    pub table_writes_signed: bool,
}

/// The decimal cells of one table that disagree with their codes.
pub struct TableDecimals<'r> {
    /// Rows whose decimal cell states something.
    pub stated: usize,
    /// The ones that disagree, in row order.
    pub wrong: Vec<WrongDecimal<'r>>,
}

impl TableDecimals<'_> {
    /// The one reason that (nearly) all the table's decimals are wrong for:
    /// the reading most wrong rows share (of two as common, the first in
    /// row order), where its rows alone are three or more and four in five
    /// of those stated. Rows wrong another way are not part of it: each
    /// is decimal-mismatch's, row by row.
    pub fn systematic(&self) -> Option<DecimalReading> {
        // Readings are a handful of kinds: a short list, not a map.
        let mut counts: Vec<(DecimalReading, usize)> = Vec::new();
        for wrong in &self.wrong {
            match counts.iter_mut().find(|(kind, _)| *kind == wrong.reading) {
                Some((_, n)) => *n += 1,
                None => counts.push((wrong.reading, 1)),
            }
        }
        let (kind, count) = counts
            .into_iter()
            .reduce(|best, next| if next.1 > best.1 { next } else { best })?;
        (count >= 3 && count * 5 >= self.stated * 4).then_some(kind)
    }
}

/// Reads the decimal cells of a table's rows against their codes (an empty
/// cell states nothing to compare).
pub fn wrong_decimals<'r>(table: &'r [RowView<'r>]) -> TableDecimals<'r> {
    let mut decimals = TableDecimals {
        stated: 0,
        wrong: Vec::new(),
    };
    let mut signed_failures = 0;
    for row in table {
        let (Some(cell), Some(record)) = (row.cells.decimal, row.record) else {
            continue;
        };
        if cell.text.trim().is_empty() {
            continue;
        }
        decimals.stated += 1;
        let reading = read_decimal(&cell.text, record.code);
        if reading != DecimalReading::Signed {
            decimals.wrong.push(WrongDecimal {
                row,
                cell,
                record,
                reading,
                table_writes_signed: false,
            });
        } else if record.code.is_failure() {
            signed_failures += 1;
        }
    }
    for wrong in &mut decimals.wrong {
        wrong.table_writes_signed = signed_failures > 0;
    }
    decimals
}

/// The text a fix of a number cell copies its digit groups from (see
/// [`grouped_like`]): the cell as the file writes it, where that is the
/// same number as its plain text (a no-break or thin space between the
/// groups, which the plain text reads as a space); else the plain text.
pub fn grouping_of(cell: &Cell) -> &str {
    let written = cell.text.trim();
    let source = cell.source().trim();
    match whole_number(source) {
        Some(n) if source != written && whole_number(written) == Some(n) => source,
        _ => written,
    }
}

/// The code a row should have where `reference-decimal-as-hex` (when it
/// runs) corrects it, with the reference's fact in words: the decimal's fix
/// must agree with the code's.
pub fn corrected_code(ctx: &Context, record: &Record) -> Option<(HResult, String)> {
    if !ctx.is_enabled(crate::check::rules::reference_decimal_as_hex::RULE.id) {
        return None;
    }
    match &ctx.reference_verdicts().of(record)?.name_verdict {
        NameVerdict::Defined {
            fact,
            value: ValueVerdict::DecimalAsHex { expected },
            ..
        } => Some((*expected, defines(fact))),
        _ => None,
    }
}

/// The finding of one wrong decimal, as `rule`'s; `corrected` is the code the row should
/// have, where a reference corrects it (see [`corrected_code`]).
pub fn finding(
    rule: &'static Rule,
    wrong: &WrongDecimal,
    corrected: Option<(HResult, String)>,
) -> Finding {
    let WrongDecimal {
        cell,
        record,
        reading,
        ..
    } = wrong;
    let code = record.code;
    let signed = code.signed();
    let written = cell.text.trim();
    if let Some((right, fact)) = corrected {
        let decimal = right.signed();
        return rule
            .finding(
                cell.location.clone(),
                format!(
                    "decimal `{written}` does not match {code}, and {code} is itself wrong (reference-decimal-as-hex): {fact}, so the code is {right} and the decimal {decimal}"
                ),
            )
            .about(Some(code.to_string()), Some(&record.name))
            .with_fix(Fix {
                field: "decimal".into(),
                from: written.to_string(),
                to: grouped_like(grouping_of(cell), i64::from(decimal)),
                confidence: Confidence::High,
                applicability: Applicability::Safe,
                evidence: vec![
                    fact,
                    format!("{right} read as a signed 32-bit integer is {decimal}"),
                ],
            });
    }
    let why = match reading {
        DecimalReading::OffsetBy2Pow32 => format!(
            "is {code} minus 2^32, a wrong offset; as a signed 32-bit integer it is {signed}"
        ),
        DecimalReading::Unsigned if wrong.table_writes_signed => format!(
            "is the unsigned value of {code}; the table writes signed values, so it should be {signed}"
        ),
        DecimalReading::Unsigned => format!(
            "is the unsigned value of {code}; a decimal column gives the code as a signed 32-bit integer, as Windows tools print it, so it should be {signed}"
        ),
        DecimalReading::Truncated => format!("has lost digits; {code} is {signed}"),
        DecimalReading::SignLost => format!("has lost its minus sign; {code} is {signed}"),
        DecimalReading::NotANumber => format!("is not a number; {code} is {signed}"),
        _ => match decimal_value(written) {
            Some(other) => {
                format!("is {other}, not {code}; as a signed 32-bit integer {code} is {signed}")
            }
            None => format!("does not match {code}, which is {signed}"),
        },
    };
    let mut message = format!("decimal `{written}` {why}");
    let evidence = vec![format!(
        "{code} read as a signed 32-bit integer is {signed}"
    )];
    let (mut confidence, mut applicability) = (Confidence::High, Applicability::Safe);
    // The row's Win32 error may side with the decimal against the code
    // (`0x80070075 | -2147024809 | 87`): then the code may be what is
    // wrong, and the decimal's fix is for a person to weigh.
    if let Some((win32, stated)) = wrong
        .row
        .cells
        .win32
        .and_then(|c| Some((c.text.trim(), error_stated(&c.text)?)))
        && let Some(decimal) = decimal_value(written)
        && error_inside(decimal) == Some(stated)
        && error_inside(code) != Some(stated)
    {
        message.push_str(&format!(
            "; but the row's Win32 error `{win32}` is the one inside {decimal}, as the decimal says: the code may be what is wrong"
        ));
        (confidence, applicability) = (Confidence::Low, Applicability::Unsafe);
    }
    rule.finding(cell.location.clone(), message)
        .about(Some(code.to_string()), Some(&record.name))
        .with_fix(Fix {
            field: "decimal".into(),
            from: written.to_string(),
            // In the digit groups the page writes (`-2 147 024 882`).
            to: grouped_like(grouping_of(cell), i64::from(signed)),
            confidence,
            applicability,
            evidence,
        })
}
