//! `reference-value-mismatch`: the reference defines the name with another
//! value.

use crate::check::context::Context;
use crate::check::reference::{NameVerdict, ValueVerdict, defines, either, names_of_code};
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::model::Record;
use rustc_hash::FxHashMap as HashMap;

/// The rule.
pub static RULE: Rule = Rule {
    id: "reference-value-mismatch",
    severity: Severity::Error,
    tags: &["code", "reference"],
    fix: Some(Applicability::Unsafe),
    summary: "The reference defines the name with another code",
    explanation: "The header that defines a constant is what programs are compiled against: a page that gives the name another code sends readers to the wrong error. errdocs checks names against the Windows SDK's constants and the product's own headers named in errdocs.toml (a Win32 error inside an HRESULT, 0x8007xxxx, counts as the same code). The fix is the defined code, unless another row of the page already has it; when the reference names the documented code too, the message says so, since the name may be the wrong half of the row. A name that one component alone defines in a family that is mostly another module's (HTML Help's E_FILENOTFOUND, 0x80001037) is not held against a row that gives it a code the reference knows by other names, none of that component's (0x80070002, ERROR_FILE_NOT_FOUND): pages use such plain spellings for other components' codes. The other names a row gives its code (`E_ACCESSDENIED, E_FAIL`, kept as the record's aliases) are checked too: one the reference defines with another code is reported, a Win32 error's name beside the HRESULT that wraps it being the same code.",
    bad_example: "<td>0x80245003</td><td>WU_E_REDIRECTOR_UNEXPECTED</td><td>Unexpected redirector failure.</td>",
    good_example: "<td>0x802450FF</td><td>WU_E_REDIRECTOR_UNEXPECTED</td><td>Unexpected redirector failure.</td>",
    rollup: None,
    check,
};

/// On source rows whose name a reference defines with another code.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let verdicts = ctx.reference_verdicts();
    // The first record of each code in each document, made on the first
    // finding: a page rarely has one.
    let mut documented: Option<HashMap<(&str, u32), &Record>> = None;
    for row in ctx.source_rows() {
        let Some(record) = row.record else { continue };
        check_aliases(ctx, row, record, out);
        let Some(verdict) = verdicts.of(record) else {
            continue;
        };
        let NameVerdict::Defined {
            fact,
            value: ValueVerdict::Differs { expected },
            ..
        } = verdict.name_verdict
        else {
            continue;
        };
        let location = row.cells.code_location();
        let written = row.cells.code_text().trim();
        let mut message = format!(
            "{} is {} here, but {}",
            verdict.name,
            record.code,
            defines(&fact)
        );
        // The documented code may be right and the name wrong: say what the
        // reference calls it.
        let code_facts = names_of_code(ctx.input.reference, record.code);
        let names: Vec<&str> = code_facts.iter().map(|other| other.name).collect();
        // A name only one component defines, in a family that is mostly
        // another module's, written with a code the reference knows under
        // other names, none of them that component's: the page uses the
        // family's plain spelling for another component's code
        // (E_FILENOTFOUND for 0x80070002, ERROR_FILE_NOT_FOUND's HRESULT),
        // not HTML Help's constant. Too weak to call an error. Two WinHTTP
        // names with each other's codes stay errors.
        if ctx
            .input
            .reference
            .is_foreign_spelling(&fact, record.code.value())
        {
            continue;
        }
        if !names.is_empty() {
            message.push_str(&format!(
                "; the reference names {} {}",
                record.code,
                either(names.iter().copied())
            ));
        }
        // Another row of the document with the defined code makes a change
        // of code a duplicate: a person has to read both.
        let taken = documented
            .get_or_insert_with(|| {
                let mut by_code: HashMap<(&str, u32), &Record> = HashMap::default();
                for other in ctx.records() {
                    by_code
                        .entry((&*other.document, other.code.value()))
                        .or_insert(other);
                }
                by_code
            })
            .get(&(&*record.document, expected.value()))
            .copied();
        let mut finding = RULE
            .finding(location, String::new())
            .about(Some(record.code.to_string()), Some(&verdict.name));
        if let Some(other) = taken {
            message.push_str(&format!(
                "; {expected} is already listed as {} ({}): check which row is wrong",
                other.name,
                crate::check::counterparts::record_place(other).file_line()
            ));
        } else {
            message.push_str(&format!("; if the name is right, the code is {expected}"));
            finding = finding.with_fix(Fix {
                field: "code".into(),
                from: written.to_string(),
                to: in_notation_of(written, expected),
                confidence: Confidence::Medium,
                applicability: Applicability::Unsafe,
                evidence: vec![defines(&fact)],
            });
        }
        finding.message = message;
        out.push(finding);
    }
}

/// The other names a row gives its code (`E_ACCESSDENIED, E_FAIL`: the
/// record's aliases) that a reference defines with another code. A Win32
/// error's name beside the HRESULT that wraps it (`ERROR_ACCESS_DENIED`
/// beside 0x80070005) names the same code. Only the source row that made
/// the record says so: a translation repeats it.
fn check_aliases(
    ctx: &Context,
    row: &crate::check::context::RowView<'_>,
    record: &Record,
    out: &mut Vec<Finding>,
) {
    if record.aliases.is_empty()
        || !record.sources.first().is_some_and(|first| {
            *first.file == *row.file.file && first.line as usize == row.cells.row.location.line
        })
    {
        return;
    }
    for alias in &record.aliases {
        let Some(fact) = ctx.input.reference.by_name(alias) else {
            continue;
        };
        if !matches!(
            crate::check::reference::value_verdict(&fact, record.code),
            ValueVerdict::Differs { .. } | ValueVerdict::DecimalAsHex { .. }
        ) {
            continue;
        }
        let location = row
            .cells
            .name
            .map_or_else(|| row.cells.code_location(), |cell| cell.location.clone());
        out.push(
            RULE.finding(
                location,
                format!(
                    "the row gives {} the other name {alias}, but {}: the name belongs to another code; leave it out of the row, or check which code the row means",
                    record.code,
                    defines(&fact)
                ),
            )
            .about(Some(record.code.to_string()), Some(&record.name)),
        );
    }
}

/// `code` written the way `written` is: a decimal cell (a table of Win32
/// codes in decimal) keeps decimal, signed if it was; anything else gets
/// the canonical hex.
fn in_notation_of(written: &str, code: crate::model::HResult) -> String {
    // A decimal as the reader reads one (grouped as the locale writes it,
    // `1 232`, full-width digits, the minus sign U+2212), in its groups.
    match crate::model::whole_number(written) {
        Some(n) if n < 0 => crate::model::grouped_like(written, i64::from(code.signed())),
        Some(_) => crate::model::grouped_like(written, i64::from(code.value())),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::in_notation_of;
    use crate::model::HResult;

    #[test]
    fn fixes_keep_the_cell_s_notation() {
        assert_eq!(in_notation_of("6", HResult::new(5)), "5");
        assert_eq!(
            in_notation_of("-2147024890", HResult::new(0x8007_0005)),
            "-2147024891"
        );
        assert_eq!(
            in_notation_of("0x80070006", HResult::new(0x8007_0005)),
            "0x80070005"
        );
        assert_eq!(in_notation_of("0x6", HResult::new(5)), "0x00000005");
        // Grouped as the locale writes it: decimal, in the same groups.
        assert_eq!(in_notation_of("1 232", HResult::new(1231)), "1 231");
        assert_eq!(in_notation_of("1,232", HResult::new(1231)), "1,231");
        assert_eq!(
            in_notation_of("-2 147 024 890", HResult::new(0x8007_0005)),
            "-2 147 024 891"
        );
        assert_eq!(in_notation_of("6L", HResult::new(5)), "0x00000005");
    }
}
