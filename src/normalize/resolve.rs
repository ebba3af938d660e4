//! Reading a row's code from every piece of evidence at hand: the code cell
//! itself, the row's decimal column, the counterpart family (`WU` <-> `OM`),
//! the neighbouring rows of a sorted table, and the reference that defines
//! the name (the Windows SDK, the product's headers). A value the code cell
//! does not state outright is used only when independent evidence agrees on
//! it.

use std::collections::BTreeMap;

use crate::diagnostic::Confidence;
use crate::model::{CodeProblem, CodeReading, Family, HResult, decimal_value};
use crate::reference::{CodeKind, Fact, Reference, hresult_from_win32};
use crate::source::Location;

/// An independent source of evidence for a row's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EvidenceKind {
    /// The row's decimal column.
    Decimal,
    /// The same name in the mirrored family.
    Counterpart,
    /// The rows around it in a sorted table.
    Neighbours,
    /// The header that defines the name.
    Reference,
    /// The Win32 error the row writes beside its code (a Win32 column, or
    /// `0x80070005 (5)`): the low 16 bits of a `FACILITY_WIN32` HRESULT.
    Win32,
}

impl Proposal {
    /// True when this proposal speaks against `value`: it names other
    /// values and is no mere neighbour (rows around a gap say where a code
    /// may be, not where it may not). A Win32 error beside the code says
    /// the code is the HRESULT that wraps it, so it speaks against any
    /// other value, of `FACILITY_WIN32` or not.
    fn contradicts(&self, value: HResult) -> bool {
        self.kind != EvidenceKind::Neighbours && !self.values.contains(&value)
    }
}

/// One source's proposal: the values it allows and why.
#[derive(Debug, Clone)]
pub struct Proposal {
    /// Which source.
    pub kind: EvidenceKind,
    /// The values it supports (one for decimal and counterpart; up to two
    /// for neighbours).
    pub values: Vec<HResult>,
    /// In words.
    pub because: String,
}

/// Known codes by symbolic name, for counterpart evidence.
pub type NameIndex = BTreeMap<String, (HResult, Location)>;

/// Where counterpart evidence is looked up: the code that the first row of
/// a name (in corpus order) states, by the name in upper case.
pub trait NameLookup {
    /// The code and place of the first row of `name` (upper case).
    fn first_row_of(&self, name: &str) -> Option<(HResult, Location)>;
}

impl NameLookup for NameIndex {
    fn first_row_of(&self, name: &str) -> Option<(HResult, Location)> {
        self.get(name).cloned()
    }
}

/// What is known about one row when its code is resolved.
pub struct RowEvidence<'a> {
    /// The code cell's plain text.
    pub written: &'a str,
    /// How the code cell reads.
    pub reading: &'a CodeReading,
    /// The row's symbolic name.
    pub name: &'a str,
    /// The decimal cell's text, where the table has one.
    pub decimal: Option<&'a str>,
    /// The Win32 cell's text, where the table has a column of the Win32
    /// errors inside its codes (or writes them in the code cells).
    pub win32: Option<&'a str>,
    /// The macro the row wraps its name in (`HRESULT_FROM_WIN32` of
    /// `HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED)`), if any.
    pub name_wrapper: Option<&'static str>,
    /// The nearest known codes below and above it, when the table is
    /// sorted.
    pub neighbours: Option<Neighbours>,
}

/// The nearest known codes around a row of a sorted table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Neighbours {
    /// The nearest lower code (the previous row's in an ascending table).
    pub lower: Option<HResult>,
    /// The nearest higher code (the next row's in an ascending table).
    pub higher: Option<HResult>,
    /// True when the table lists codes from the highest down.
    pub descending: bool,
}

/// The outcome of resolving a row's code.
#[derive(Debug, Clone)]
pub struct Resolution {
    /// The value the dataset uses, if any.
    pub value: Option<HResult>,
    /// The best candidate when the evidence did not settle it.
    pub suggestion: Option<HResult>,
    /// How sure.
    pub confidence: Confidence,
    /// The facts that agree on the value (or suggestion).
    pub evidence: Vec<String>,
    /// Sources that proposed other values.
    pub disagreements: Vec<String>,
}

impl Resolution {
    /// No value, no suggestion, no evidence: for a code no evidence is
    /// asked about.
    pub fn none() -> Self {
        Resolution {
            value: None,
            suggestion: None,
            confidence: Confidence::Low,
            evidence: Vec::new(),
            disagreements: Vec::new(),
        }
    }
}

/// The reference's definition of the row's name (as spelt, or in another
/// case), if any.
fn definition<'r>(row: &RowEvidence, reference: &'r Reference) -> Option<Fact<'r>> {
    let name: String = row.name.split_whitespace().collect();
    if name.is_empty() {
        return None;
    }
    reference
        .by_name(&name)
        .or_else(|| reference.by_name_ignore_case(&name).first().copied())
}

/// Judges the reference's proposal as the check does
/// (`reference-value-mismatch`): the definition of a component-local name
/// (HTML Help's `E_FILENOTFOUND`, 0x80001037) is no evidence about a code
/// the references know by other components' names (0x80070002,
/// `ERROR_FILE_NOT_FOUND`): pages use the family's plain spelling for it.
/// Returns a test of whether a proposal is to be left out when the row's
/// code is, or would be, `code`.
fn foreign_definition<'a>(
    row: &RowEvidence,
    reference: &'a Reference,
) -> impl Fn(&Proposal, HResult) -> bool + 'a {
    let fact = definition(row, reference);
    move |proposal: &Proposal, code: HResult| {
        proposal.kind == EvidenceKind::Reference
            && fact.is_some_and(|fact| reference.is_foreign_spelling(&fact, code.value()))
    }
}

/// The value the macro `wrapper` makes of a code of `kind` and `value`,
/// where errdocs knows the macro and it applies to such a code:
/// `HRESULT_FROM_WIN32` and `NTSTATUS_FROM_WIN32` of a Win32 error,
/// `HRESULT_FROM_NT` of an NTSTATUS.
fn wrapped_value(wrapper: &str, kind: CodeKind, value: u32) -> Option<u32> {
    match (wrapper, kind) {
        ("HRESULT_FROM_WIN32", CodeKind::Win32Error) if value != 0 => {
            Some(hresult_from_win32(value))
        }
        // FACILITY_NTWIN32 (7) and the error severity, as ntstatus.h's
        // macro makes them.
        ("NTSTATUS_FROM_WIN32", CodeKind::Win32Error) if value as i32 > 0 => {
            Some((value & 0xFFFF) | 0xC007_0000)
        }
        // FACILITY_NT_BIT.
        ("HRESULT_FROM_NT", CodeKind::NtStatus) => Some(value | 0x1000_0000),
        _ => None,
    }
}

/// Proposals for a row's value from every independent source.
pub fn proposals(
    row: &RowEvidence,
    names: &impl NameLookup,
    reference: &Reference,
) -> Vec<Proposal> {
    let mut out = Vec::new();
    // The definition of the name (as spelt, or in another case); a Win32
    // error may be documented bare or inside an HRESULT.
    if let Some(fact) = definition(row, reference) {
        let win32 = fact.kind == CodeKind::Win32Error && fact.value != 0;
        // A name the row wraps in a macro (`HRESULT_FROM_WIN32(ERROR_X)`)
        // says the code is the macro's value of the name's, not the name's.
        let wrapped = row
            .name_wrapper
            .and_then(|wrapper| Some((wrapper, wrapped_value(wrapper, fact.kind, fact.value)?)));
        let mut values = Vec::with_capacity(2);
        match wrapped {
            Some((_, value)) => values.push(HResult::new(value)),
            None => {
                values.push(HResult::new(fact.value));
                if win32 {
                    values.push(HResult::new(hresult_from_win32(fact.value)));
                }
            }
        }
        let place = match fact.origin {
            crate::reference::Origin::Sdk { .. } => format!("the {}", fact.origin),
            crate::reference::Origin::User { .. } => fact.origin.to_string(),
        };
        let defined = if let Some((wrapper, value)) = wrapped {
            format!(
                "{} ({}), which the row wraps in {wrapper}: {}",
                fact.value,
                HResult::new(fact.value),
                HResult::new(value)
            )
        } else if win32 {
            format!(
                "{} ({}; {} inside an HRESULT)",
                fact.value,
                HResult::new(fact.value),
                HResult::new(hresult_from_win32(fact.value))
            )
        } else {
            HResult::new(fact.value).to_string()
        };
        out.push(Proposal {
            kind: EvidenceKind::Reference,
            because: format!("{place} defines {} as {defined}", fact.name),
            values,
        });
    }
    if let Some(decimal) = row.decimal
        && let Some(value) = decimal_value(decimal)
    {
        out.push(Proposal {
            kind: EvidenceKind::Decimal,
            values: vec![value],
            because: format!("the row's decimal column `{}` is {value}", decimal.trim()),
        });
    }
    // The Win32 error beside the code: the code is the HRESULT that wraps
    // it. Not 0 (`ERROR_SUCCESS`, which no failure wraps).
    if let Some(written) = row.win32
        && let Some(error) = super::win32::error_stated(written).filter(|&e| e != 0)
    {
        let value = HResult::new(hresult_from_win32(u32::from(error)));
        out.push(Proposal {
            kind: EvidenceKind::Win32,
            values: vec![value],
            because: format!(
                "the row's Win32 error `{}` is the one inside {value} (HRESULT_FROM_WIN32({error}))",
                written.trim()
            ),
        });
    }
    let family = Family::of_name(row.name);
    if let (Some((other, facility)), Some(prefix)) = (family.counterpart(), family.prefix()) {
        let upper = row.name.to_ascii_uppercase();
        if let (Some(rest), Some(other_prefix)) = (upper.strip_prefix(prefix), other.prefix()) {
            let other_name = format!("{other_prefix}{rest}");
            // Only a counterpart that is itself under its family's facility
            // is evidence: an OM_ name on a WU code proves nothing.
            if let Some((code, location)) = names.first_row_of(&other_name)
                && code.facility() == facility
                && let Some(&own_facility) = family.facilities().first()
            {
                let value = code.with_facility(own_facility);
                out.push(Proposal {
                    kind: EvidenceKind::Counterpart,
                    values: vec![value],
                    because: format!(
                        "{other_name} is {code} ({}:{}), and {} codes are {} codes with facility 0x{own_facility:03X}, so {} is {value}",
                        location.file,
                        location.line,
                        family.as_str(),
                        other.as_str(),
                        row.name
                    ),
                });
            }
        }
    }
    if let Some(Neighbours {
        lower,
        higher,
        descending,
    }) = row.neighbours
    {
        // A lower code above the higher one marks a section break: only the
        // row on the far side then says where this one belongs.
        let lower = lower.filter(|b| higher.is_none_or(|a| *b < a));
        let (lower_row, higher_row) = if descending {
            ("the next row", "the previous row")
        } else {
            ("the previous row", "the next row")
        };
        let mut values = Vec::new();
        let mut parts = Vec::new();
        match (lower, higher) {
            (Some(b), Some(a)) if a.value() > b.value() && a.value() - b.value() == 2 => {
                values.push(HResult::new(b.value() + 1));
                parts.push(format!(
                    "the rows around it are {b} and {a}, leaving only {}",
                    HResult::new(b.value() + 1)
                ));
            }
            (b, a) => {
                if let Some(b) = b
                    && b.value() < u32::MAX
                    && a.is_none_or(|a| a.value() > b.value() + 1)
                {
                    values.push(HResult::new(b.value() + 1));
                    parts.push(format!("{lower_row} is {b}"));
                }
                if let Some(a) = a
                    && a.value() > 0
                    && b.is_none_or(|b| a.value() - 1 > b.value())
                {
                    values.push(HResult::new(a.value() - 1));
                    parts.push(format!("{higher_row} is {a}"));
                }
            }
        }
        if !values.is_empty() {
            let order = if descending {
                "sorted by code, highest first,"
            } else {
                "sorted by code"
            };
            out.push(Proposal {
                kind: EvidenceKind::Neighbours,
                values,
                because: format!("the table is {order} and {}", parts.join(" and ")),
            });
        }
    }
    out
}

/// A well-formed code that the evidence contradicts: the row's decimal
/// column states another value, and the sorted rows around it, the
/// counterpart, the reference that defines the name or the row's Win32
/// error agree with the decimal, while nothing but the code cell supports
/// the code (a reference that defines the name as written, or a Win32
/// error that is the one inside it, keeps the code). A Win32 error inside
/// neither the code nor the decimal's value speaks against both: the row's
/// own cells disagree three ways, and nothing is repaired
/// (`win32-number-mismatch` and `decimal-mismatch` report them, and would
/// report the repaired code). A component-local
/// definition that the written code is another component's counts for
/// neither (see [`Reference::is_foreign_spelling`]). Returns the value the
/// evidence gives and the facts that agree on it.
pub fn contradicted(
    row: &RowEvidence,
    names: &impl NameLookup,
    reference: &Reference,
) -> Option<(HResult, Vec<String>)> {
    let written = row.reading.value?;
    if row.reading.problem.is_some() {
        return None;
    }
    let stated = decimal_value(row.decimal?)?;
    if stated == written {
        return None;
    }
    // A component-local definition that the written code is another
    // component's neither keeps the code nor speaks for the decimal.
    let foreign = foreign_definition(row, reference);
    let proposals: Vec<Proposal> = proposals(row, names, reference)
        .into_iter()
        .filter(|p| !foreign(p, written))
        .collect();
    if proposals.iter().any(|p| p.values.contains(&written)) {
        return None;
    }
    if proposals
        .iter()
        .any(|p| p.kind == EvidenceKind::Win32 && p.contradicts(stated))
    {
        return None;
    }
    let agreeing: Vec<&Proposal> = proposals
        .iter()
        .filter(|p| p.values.contains(&stated))
        .collect();
    let independent = agreeing.iter().any(|p| p.kind != EvidenceKind::Decimal);
    let from_decimal = agreeing.iter().any(|p| p.kind == EvidenceKind::Decimal);
    (independent && from_decimal)
        .then(|| (stated, agreeing.iter().map(|p| p.because.clone()).collect()))
}

/// Hex digits written in the code cell, after any prefix: `8024200` for
/// `0x8024200`. Empty when the cell holds no run of digits.
pub fn written_digits(written: &str) -> String {
    let text = written.trim();
    let text = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))
        .or_else(|| text.strip_prefix('x'))
        .or_else(|| text.strip_prefix('X'))
        .unwrap_or(text);
    // Digits in groups (`8024 200`) are one run of digits.
    let digits: String = match crate::model::separated_hex(text) {
        Some(grouped) => grouped.digits,
        None => text.chars().take_while(char::is_ascii_hexdigit).collect(),
    };
    if digits.len() >= 4 {
        digits.to_ascii_uppercase()
    } else {
        String::new()
    }
}

/// True when one digit string can be made from the other by deleting digits:
/// the written digits lost or gained some, but kept their order.
pub fn digits_agree(written: &str, candidate: HResult) -> bool {
    let full = format!("{:08X}", candidate.value());
    let (short, long) = if written.len() <= full.len() {
        (written, full.as_str())
    } else {
        (full.as_str(), written)
    };
    let mut long_chars = long.chars();
    short.chars().all(|c| long_chars.any(|l| l == c))
}

/// Resolves a row's code. A cell that states the value (canonical, or with
/// only its prefix or trailing punctuation off) gives the value; otherwise a
/// value is used only when independent sources agree on it, or when the row's
/// own decimal column or the counterpart states it and every check that
/// applies (the written digits, the name's facility) is consistent.
pub fn resolve(row: &RowEvidence, names: &impl NameLookup, reference: &Reference) -> Resolution {
    let proposals = proposals(row, names, reference);
    let digits = written_digits(row.written);
    let family = Family::of_name(row.name);

    if let Some(value) = row.reading.value {
        let agreeing: Vec<String> = proposals
            .iter()
            .filter(|p| p.values.contains(&value))
            .map(|p| p.because.clone())
            .collect();
        let mut evidence = vec![format!(
            "the digits `{}` are complete; only the written form is off",
            format!("{:08X}", value.value())
        )];
        let confidence = if agreeing.is_empty() {
            Confidence::Medium
        } else {
            Confidence::High
        };
        evidence.extend(agreeing);
        return Resolution {
            value: Some(value),
            suggestion: None,
            confidence,
            evidence,
            disagreements: Vec::new(),
        };
    }

    // Every value some source proposes, kept when it passes the checks that
    // apply to it.
    let mut candidates: Vec<HResult> = proposals.iter().flat_map(|p| p.values.clone()).collect();
    candidates.sort();
    candidates.dedup();
    let facilities = family.facilities();
    let passes = |c: &HResult| {
        (digits.is_empty() || digits_agree(&digits, *c))
            && (facilities.is_empty() || facilities.contains(&c.facility()))
    };
    let mut scored: Vec<(usize, HResult)> = candidates
        .iter()
        .filter(|c| passes(c))
        .map(|c| {
            (
                proposals.iter().filter(|p| p.values.contains(c)).count(),
                *c,
            )
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));

    let Some(&(support, best)) = scored.first() else {
        return Resolution {
            value: None,
            suggestion: None,
            confidence: Confidence::Low,
            evidence: Vec::new(),
            disagreements: proposals.iter().map(|p| p.because.clone()).collect(),
        };
    };
    let unique = scored.get(1).is_none_or(|next| next.0 < support);
    let evidence: Vec<String> = proposals
        .iter()
        .filter(|p| p.values.contains(&best))
        .map(|p| p.because.clone())
        .chain((!digits.is_empty()).then(|| {
            let full = format!("{:08X}", best.value());
            let how = match full.len().abs_diff(digits.len()) {
                0 => "with their case changed".to_string(),
                1 if digits.len() < full.len() => "with one digit missing".to_string(),
                1 => "with one digit too many".to_string(),
                n if digits.len() < full.len() => format!("with {n} digits missing"),
                n => format!("with {n} digits too many"),
            };
            format!("the written digits `{digits}` are those of {best} {how}")
        }))
        .chain((!facilities.is_empty()).then(|| match best.facility() {
            // Bare Win32 errors (WinHTTP's 12044) have no facility: their
            // family shows in the code's range, not in a facility.
            0 => format!(
                "a bare Win32 error (facility 0), as {} codes are written",
                family.as_str()
            ),
            facility => format!(
                "facility 0x{facility:03X} is a {} facility, as the name says",
                family.as_str()
            ),
        }))
        .collect();
    // A definite source (decimal column, counterpart, reference) that names
    // another value contradicts the candidate; not a component-local
    // definition when the references know the candidate by other
    // components' names (the page then means the candidate by the name).
    let foreign = foreign_definition(row, reference);
    let disagreements: Vec<String> = proposals
        .iter()
        .filter(|p| p.contradicts(best) && !foreign(p, best))
        .map(|p| p.because.clone())
        .collect();
    let checks_applied = !digits.is_empty() || !facilities.is_empty();
    // An empty code cell contradicts nothing: the row's own decimal column
    // (or the counterpart) is then the only statement of its code.
    let nothing_written = row.written.trim().is_empty();
    // A component-local definition is weak evidence of what a page means
    // by the name: with nothing written to judge it against, it does not
    // settle the code on its own. Written digits that are its component's
    // own code (E_FILENOTFOUND's 0x8000137 for HTML Help's 0x80001037)
    // are judged against it as any definition's.
    let local = nothing_written
        && definition(row, reference).is_some_and(|fact| reference.is_component_local(&fact));
    let definite = proposals.iter().any(|p| {
        p.kind != EvidenceKind::Neighbours
            && p.values.contains(&best)
            && !(local && p.kind == EvidenceKind::Reference)
    });
    let accepted = unique
        && disagreements.is_empty()
        && (support >= 2 || (definite && (checks_applied || nothing_written)));
    let confidence = if support >= 2 {
        Confidence::High
    } else if accepted {
        Confidence::Medium
    } else {
        Confidence::Low
    };
    // Sorted rows around a gap, with nothing written to narrow it down,
    // only say the code lies in the gap: one end of it is a guess.
    let guess = support == 1
        && !definite
        && digits.is_empty()
        && proposals
            .iter()
            .any(|p| p.kind == EvidenceKind::Neighbours && p.values.len() > 1);
    Resolution {
        value: accepted.then_some(best),
        suggestion: (!guess).then_some(best),
        confidence,
        evidence,
        disagreements,
    }
}

/// The problem with a code cell that gave no value, in words.
pub fn describe_problem(problem: Option<&CodeProblem>) -> String {
    problem.map_or_else(|| "is not a code".to_string(), ToString::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc() -> Location {
        Location {
            file: "om.md".into(),
            line: 9,
            column: 1,
        }
    }

    #[test]
    fn digits_in_groups_are_one_run() {
        assert_eq!(written_digits("0x8024 200"), "8024200");
        assert_eq!(written_digits("0x8024_0002"), "80240002");
    }

    #[test]
    fn digit_agreement() {
        assert!(digits_agree("8024200", HResult::new(0x8024_2000)));
        assert!(digits_agree("8024200", HResult::new(0x8024_200B)));
        assert!(!digits_agree("8024200", HResult::new(0x8024_4000)));
        assert!(digits_agree("802420001", HResult::new(0x8024_2001)));
    }

    #[test]
    fn truncated_code_is_repaired_when_counterpart_and_neighbours_agree() {
        let mut names = NameIndex::new();
        names.insert(
            "OM_E_UH_REMOTEUNAVAILABLE".into(),
            (HResult::new(0x80CF_2000), loc()),
        );
        let reading = HResult::read("0x8024200");
        let row = RowEvidence {
            written: "0x8024200",
            reading: &reading,
            name: "WU_E_UH_REMOTEUNAVAILABLE",
            decimal: None,
            win32: None,
            name_wrapper: None,
            neighbours: Some(Neighbours {
                lower: Some(HResult::new(0x8024_AFFF)),
                higher: Some(HResult::new(0x8024_2001)),
                descending: false,
            }),
        };
        let resolution = resolve(&row, &names, &Reference::default());
        assert_eq!(resolution.value, Some(HResult::new(0x8024_2000)));
        assert_eq!(resolution.confidence, Confidence::High);
    }

    #[test]
    fn a_code_that_the_decimal_and_the_rows_around_it_contradict_is_repaired() {
        // intune: `|-2016331103|0x87D13AA4|5009:(unused)|` between 0x87D13AA2
        // and 0x87D13AA0, in a table sorted highest first.
        let reading = HResult::read("0x87D13AA4");
        let row = RowEvidence {
            written: "0x87D13AA4",
            reading: &reading,
            name: "",
            decimal: Some("-2016331103"),
            win32: None,
            name_wrapper: None,
            neighbours: Some(Neighbours {
                lower: Some(HResult::new(0x87D1_3AA0)),
                higher: Some(HResult::new(0x87D1_3AA2)),
                descending: true,
            }),
        };
        let (value, evidence) =
            contradicted(&row, &NameIndex::new(), &Reference::default()).expect("contradicted");
        assert_eq!(value, HResult::new(0x87D1_3AA1));
        assert_eq!(
            evidence,
            [
                "the row's decimal column `-2016331103` is 0x87D13AA1",
                "the table is sorted by code, highest first, and the rows around it are 0x87D13AA0 and 0x87D13AA2, leaving only 0x87D13AA1",
            ]
        );
    }

    #[test]
    fn a_code_that_only_the_decimal_contradicts_stays() {
        let reading = HResult::read("0x87D13AA4");
        let alone = RowEvidence {
            written: "0x87D13AA4",
            reading: &reading,
            name: "",
            decimal: Some("-2016331103"),
            win32: None,
            name_wrapper: None,
            neighbours: None,
        };
        assert_eq!(
            contradicted(&alone, &NameIndex::new(), &Reference::default()),
            None
        );
        // Rows around it that fit the code: the decimal is what is wrong.
        let fitting = RowEvidence {
            neighbours: Some(Neighbours {
                lower: Some(HResult::new(0x87D1_3AA3)),
                higher: Some(HResult::new(0x87D1_3AA5)),
                descending: false,
            }),
            ..alone
        };
        assert_eq!(
            contradicted(&fitting, &NameIndex::new(), &Reference::default()),
            None
        );
    }

    /// The Win32 error beside a code is a witness as the rows around it
    /// are: with the decimal, it repairs the code; inside the code, it
    /// keeps it; inside neither of two `FACILITY_WIN32` values, it stops a
    /// repair the rows around it would make.
    #[test]
    fn the_win32_error_beside_a_code_is_a_witness() {
        let reading = HResult::read("0x80070075");
        let row = RowEvidence {
            written: "0x80070075",
            reading: &reading,
            name: "",
            decimal: Some("-2147024809"),
            win32: Some("87"),
            name_wrapper: None,
            neighbours: None,
        };
        let (value, evidence) =
            contradicted(&row, &NameIndex::new(), &Reference::default()).expect("contradicted");
        assert_eq!(value, HResult::new(0x8007_0057));
        assert_eq!(
            evidence,
            [
                "the row's decimal column `-2147024809` is 0x80070057",
                "the row's Win32 error `87` is the one inside 0x80070057 (HRESULT_FROM_WIN32(87))",
            ]
        );
        // In both notations, as the cell writes it.
        let both = RowEvidence {
            win32: Some("87 (0x57)"),
            name_wrapper: None,
            ..row
        };
        assert!(contradicted(&both, &NameIndex::new(), &Reference::default()).is_some());
        // The rows around it leave only the decimal's value.
        let around = Some(Neighbours {
            lower: Some(HResult::new(0x8007_0056)),
            higher: Some(HResult::new(0x8007_0058)),
            descending: false,
        });
        for (win32, repaired) in [("117", false), ("0x75", false), ("86", false), ("87", true)] {
            let row = RowEvidence {
                win32: Some(win32),
                name_wrapper: None,
                neighbours: around,
                ..row
            };
            assert_eq!(
                contradicted(&row, &NameIndex::new(), &Reference::default()).is_some(),
                repaired,
                "{win32}"
            );
        }
        // A decimal of another facility: the Win32 error says the code
        // wraps a Win32 error, which that value does not.
        let other = RowEvidence {
            decimal: Some("-2147221499"),
            win32: Some("5"),
            name_wrapper: None,
            neighbours: Some(Neighbours {
                lower: Some(HResult::new(0x8004_0004)),
                higher: Some(HResult::new(0x8004_0006)),
                descending: false,
            }),
            ..row
        };
        assert_eq!(
            contradicted(&other, &NameIndex::new(), &Reference::default()),
            None
        );
        let unwritten = RowEvidence {
            win32: Some("—"),
            name_wrapper: None,
            ..other
        };
        assert_eq!(
            contradicted(&unwritten, &NameIndex::new(), &Reference::default()).map(|(v, _)| v),
            Some(HResult::new(0x8004_0005))
        );
        // A code that lost a digit, and the Win32 error beside it: the
        // code it is inside, where the written digits agree.
        for (written, value) in [
            ("0x8007005", Some(HResult::new(0x8007_0005))),
            ("0x8004005", None),
        ] {
            let reading = HResult::read(written);
            let row = RowEvidence {
                written,
                reading: &reading,
                name: "",
                decimal: None,
                win32: Some("5"),
                name_wrapper: None,
                neighbours: None,
            };
            let resolution = resolve(&row, &NameIndex::new(), &Reference::default());
            assert_eq!(resolution.value, value, "{written}");
        }
    }

    #[test]
    fn neighbours_alone_only_suggest() {
        let reading = HResult::read("0x8024200");
        let row = RowEvidence {
            written: "0x8024200",
            reading: &reading,
            name: "WU_E_UH_INSTALLERFAILURE",
            decimal: None,
            win32: None,
            name_wrapper: None,
            neighbours: Some(Neighbours {
                lower: Some(HResult::new(0x8024_200A)),
                higher: Some(HResult::new(0x8024_200C)),
                descending: false,
            }),
        };
        let resolution = resolve(&row, &NameIndex::new(), &Reference::default());
        assert_eq!(resolution.value, None);
        assert_eq!(resolution.suggestion, Some(HResult::new(0x8024_200B)));
    }

    #[test]
    fn decimal_column_settles_text_in_the_code_column() {
        let reading = HResult::read("Internal winhttp error");
        let row = RowEvidence {
            written: "Internal winhttp error",
            reading: &reading,
            name: "ERROR_WINHTTP_INVALID_SERVER_RESPONSE",
            decimal: Some("-2147012744"),
            win32: None,
            name_wrapper: None,
            neighbours: None,
        };
        let resolution = resolve(&row, &NameIndex::new(), &Reference::default());
        assert_eq!(resolution.value, Some(HResult::new(0x8007_2F78)));
        assert_eq!(resolution.confidence, Confidence::Medium);
    }

    #[test]
    fn a_counterpart_under_the_wrong_facility_is_no_evidence() {
        let mut names = NameIndex::new();
        // An OM_ name documented with a WU code.
        names.insert("OM_E_X".into(), (HResult::new(0x8024_0005), loc()));
        let reading = HResult::read("0x802400");
        let row = RowEvidence {
            written: "0x802400",
            reading: &reading,
            name: "WU_E_X",
            decimal: None,
            win32: None,
            name_wrapper: None,
            neighbours: None,
        };
        let resolution = resolve(&row, &names, &Reference::default());
        assert_eq!(resolution.value, None);
        assert!(resolution.evidence.is_empty(), "{:?}", resolution.evidence);
    }

    #[test]
    fn the_reference_is_independent_evidence() {
        let reference = Reference::sdk();
        // The SDK and the neighbours agree on the lost digit.
        let reading = HResult::read("0x8024200");
        let row = RowEvidence {
            written: "0x8024200",
            reading: &reading,
            name: "WU_E_UH_INSTALLERFAILURE",
            decimal: None,
            win32: None,
            name_wrapper: None,
            neighbours: Some(Neighbours {
                lower: Some(HResult::new(0x8024_200A)),
                higher: Some(HResult::new(0x8024_200C)),
                descending: false,
            }),
        };
        let resolution = resolve(&row, &NameIndex::new(), &reference);
        assert_eq!(resolution.value, Some(HResult::new(0x8024_200B)));
        assert_eq!(resolution.confidence, Confidence::High);
        assert!(
            resolution
                .evidence
                .iter()
                .any(|e| e
                    .contains("Windows SDK (System.UpdateAgent) defines WU_E_UH_INSTALLERFAILURE")),
            "{:?}",
            resolution.evidence
        );
        // A Win32 error documented inside an HRESULT: the SDK's 12152 is
        // 0x80072F78, as the decimal column says.
        let reading = HResult::read("Internal winhttp error");
        let row = RowEvidence {
            written: "Internal winhttp error",
            reading: &reading,
            name: "ERROR_WINHTTP_INVALID_SERVER_RESPONSE",
            decimal: Some("-2147012744"),
            win32: None,
            name_wrapper: None,
            neighbours: None,
        };
        let resolution = resolve(&row, &NameIndex::new(), &reference);
        assert_eq!(resolution.value, Some(HResult::new(0x8007_2F78)));
        assert_eq!(resolution.confidence, Confidence::High);
        // A reference that disagrees with the decimal column leaves the row
        // unresolved.
        let row = RowEvidence {
            decimal: Some("-2147012745"),
            win32: None,
            name_wrapper: None,
            ..row
        };
        assert_eq!(resolve(&row, &NameIndex::new(), &reference).value, None);
    }

    /// E_FILENOTFOUND is HTML Help's alone (0x80001037); pages write it
    /// for 0x80070002, ERROR_FILE_NOT_FOUND inside an HRESULT.
    #[test]
    fn a_component_local_definition_neither_blocks_nor_drives_a_repair() {
        let reference = Reference::sdk();
        // A digit lost between 0x80070001 and 0x80070003, the decimal
        // column saying 0x80070002: repaired, HTML Help notwithstanding.
        let reading = HResult::read("0x8007002");
        let row = RowEvidence {
            written: "0x8007002",
            reading: &reading,
            name: "E_FILENOTFOUND",
            decimal: Some("-2147024894"),
            win32: None,
            name_wrapper: None,
            neighbours: Some(Neighbours {
                lower: Some(HResult::new(0x8007_0001)),
                higher: Some(HResult::new(0x8007_0003)),
                descending: false,
            }),
        };
        let resolution = resolve(&row, &NameIndex::new(), &reference);
        assert_eq!(resolution.value, Some(HResult::new(0x8007_0002)));
        assert!(
            resolution.disagreements.is_empty(),
            "{:?}",
            resolution.disagreements
        );
        // An empty code cell: the definition alone does not fill it in.
        let reading = HResult::read("");
        let empty = RowEvidence {
            written: "",
            reading: &reading,
            name: "E_FILENOTFOUND",
            decimal: None,
            win32: None,
            name_wrapper: None,
            neighbours: None,
        };
        let resolution = resolve(&empty, &NameIndex::new(), &reference);
        assert_eq!(resolution.value, None);
        // A well-formed 0x80070002 whose decimal says HTML Help's value,
        // between rows that leave room for it: the definition does not
        // speak for the decimal.
        let reading = HResult::read("0x80070002");
        let written = RowEvidence {
            written: "0x80070002",
            reading: &reading,
            name: "E_FILENOTFOUND",
            decimal: Some("-2147479497"),
            win32: None,
            name_wrapper: None,
            neighbours: None,
        };
        assert_eq!(contradicted(&written, &NameIndex::new(), &reference), None);
        // A family's own constant still counts: E_ACCESSDENIED is
        // Foundation's, and the neighbours alone would only suggest.
        let reading = HResult::read("0x8007005");
        let row = RowEvidence {
            written: "0x8007005",
            reading: &reading,
            name: "E_ACCESSDENIED",
            decimal: None,
            win32: None,
            name_wrapper: None,
            neighbours: Some(Neighbours {
                lower: Some(HResult::new(0x8007_0004)),
                higher: Some(HResult::new(0x8007_0006)),
                descending: false,
            }),
        };
        let resolution = resolve(&row, &NameIndex::new(), &reference);
        assert_eq!(resolution.value, Some(HResult::new(0x8007_0005)));
        // The component's own code, a digit lost, on a page of that
        // component: its definition settles the repair as any would.
        let reading = HResult::read("0x8000137");
        let own = RowEvidence {
            written: "0x8000137",
            reading: &reading,
            name: "E_FILENOTFOUND",
            decimal: None,
            win32: None,
            name_wrapper: None,
            neighbours: None,
        };
        let resolution = resolve(&own, &NameIndex::new(), &reference);
        assert_eq!(resolution.value, Some(HResult::new(0x8000_1037)));
    }

    #[test]
    fn a_wrapped_name_proposes_what_its_macro_makes_of_it() {
        // Nothing written: the name, as the macro wraps it, is the proposal.
        let reading = HResult::read("");
        for (wrapper, name, expected) in [
            ("HRESULT_FROM_WIN32", "ERROR_ACCESS_DENIED", 0x8007_0005),
            ("NTSTATUS_FROM_WIN32", "ERROR_ACCESS_DENIED", 0xC007_0005),
            ("HRESULT_FROM_NT", "STATUS_ACCESS_DENIED", 0xD000_0022),
        ] {
            let row = RowEvidence {
                written: "",
                reading: &reading,
                name,
                decimal: None,
                win32: None,
                name_wrapper: Some(wrapper),
                neighbours: None,
            };
            let found = proposals(&row, &NameIndex::new(), &Reference::sdk());
            let values: Vec<HResult> = found.iter().flat_map(|p| p.values.clone()).collect();
            assert_eq!(values, [HResult::new(expected)], "{wrapper}: {found:?}");
            assert!(
                found[0]
                    .because
                    .contains(&format!("which the row wraps in {wrapper}")),
                "{found:?}"
            );
        }
    }

    #[test]
    fn a_bare_win32_error_is_not_called_a_facility_of_its_family() {
        // WinHTTP's codes are written as bare Win32 errors (12044), and
        // facility 0 is nobody's facility.
        let reading = HResult::read("0x2F0");
        let row = RowEvidence {
            written: "0x2F0",
            reading: &reading,
            name: "ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED",
            decimal: Some("12044"),
            win32: None,
            name_wrapper: None,
            neighbours: None,
        };
        let resolution = resolve(&row, &NameIndex::new(), &Reference::sdk());
        assert_eq!(resolution.value, Some(HResult::new(0x0000_2F0C)));
        assert!(
            resolution
                .evidence
                .iter()
                .any(|e| e == "a bare Win32 error (facility 0), as WinHTTP codes are written"),
            "{:?}",
            resolution.evidence
        );
        assert!(
            !resolution
                .evidence
                .iter()
                .any(|e| e.contains("is a WinHTTP facility")),
            "{:?}",
            resolution.evidence
        );
    }

    #[test]
    fn contradicting_sources_leave_the_row_unresolved() {
        let mut names = NameIndex::new();
        names.insert("OM_E_X".into(), (HResult::new(0x80CF_0005), loc()));
        let reading = HResult::read("0x802400");
        let row = RowEvidence {
            written: "0x802400",
            reading: &reading,
            name: "WU_E_X",
            decimal: Some("-2145124346"),
            win32: None,
            name_wrapper: None,
            neighbours: None,
        };
        let resolution = resolve(&row, &names, &Reference::default());
        assert_eq!(resolution.value, None);
    }
}
