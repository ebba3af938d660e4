//! `hex-malformed`: a hex code that is not `0x` followed by eight hex digits.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::model::CodeProblem;
use crate::normalize::UnreadableCode;
use crate::normalize::resolve::describe_problem;

/// The rule.
pub static RULE: Rule = Rule {
    id: "hex-malformed",
    severity: Severity::Error,
    tags: &["code"],
    fix: Some(Applicability::Safe),
    summary: "A hex code is not `0x` followed by 8 hex digits",
    explanation: "A code with a lost digit, a missing prefix, trailing punctuation or text in the code column cannot be looked up. errdocs suggests the intended code from independent evidence (the row's decimal column, the same name in the mirrored WU/OM family, the neighbouring rows of a sorted table, the code the Windows SDK or the product's header defines the name as) and uses it in the dataset only when the evidence agrees.",
    bad_example: "<td>0x8024200</td><td>WU_E_UH_REMOTEUNAVAILABLE</td>",
    good_example: "<td>0x80242000</td><td>WU_E_UH_REMOTEUNAVAILABLE</td>",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    // A range or a family of codes is no malformed code: `code-range`
    // notes it.
    for code in ctx
        .input
        .unreadable_codes
        .iter()
        .filter(|c| !matches!(c.problem, Some(CodeProblem::Range | CodeProblem::Wildcard)))
    {
        out.push(finding(code));
    }
}

fn finding(code: &UnreadableCode) -> Finding {
    let UnreadableCode {
        location,
        written,
        name,
        problem,
        resolution,
    } = code;
    let mut message = format!("code `{written}` {}", describe_problem(problem.as_ref()));
    let target = resolution.value.or(resolution.suggestion);
    match (resolution.value, resolution.suggestion) {
        (Some(value), _) => message.push_str(&format!("; the dataset uses {value}")),
        (None, Some(s)) => message.push_str(&format!(
            "; {s} is likely but the evidence is not strong enough to repair it ({}); confirm the code against the product's headers",
            if resolution.disagreements.is_empty() {
                "only one source supports it".to_string()
            } else {
                format!("against it: {}", resolution.disagreements.join("; "))
            }
        )),
        (None, None) => match crate::ingest::stray_codes::listed_code(written) {
            // A whole code among other words (`HRESULT_FROM_WIN32(ERROR_FILE
            // NOT__FOUND) 0x80070002`, as machine translation reorders a
            // name): the code is there, the cell is what cannot be read.
            Some((_, listed, _)) if listed != written.trim() => message.push_str(&format!(
                "; it writes `{listed}` among other words, which errdocs does not read as the row's code: give the code a cell of its own, or write only the code and its name"
            )),
            _ => message.push_str(match problem {
                Some(CodeProblem::NotANumber) => {
                    "; nothing in the row or the other tables gives its value; write the code's number, or move the text out of the code column"
                }
                _ => {
                    "; nothing in the row or the other tables gives its value; write the code as 0x followed by 8 hex digits"
                }
            }),
        },
    }
    let mut finding = RULE
        .finding(location.clone(), message)
        .about(target.map(|v| v.to_string()), Some(name));
    if let Some(to) = target {
        // The written digits themselves (only the form is off), or
        // independent sources that agree, are safe to apply; a value the
        // dataset uses on thinner evidence is not; a suggestion the dataset
        // does not use is for people.
        let digits_stated = matches!(
            problem,
            Some(
                CodeProblem::MissingPrefix
                    | CodeProblem::MissingZero
                    | CodeProblem::AssemblerSuffix
                    | CodeProblem::TrailingPunctuation { .. }
                    | CodeProblem::Separated { .. }
                    | CodeProblem::FullWidth
            )
        );
        let applicability = match (resolution.value, resolution.confidence) {
            (None, _) => Applicability::DisplayOnly,
            (Some(_), _) if digits_stated => Applicability::Safe,
            (Some(_), Confidence::High) => Applicability::Safe,
            (Some(_), _) => Applicability::Unsafe,
        };
        finding = finding.with_fix(Fix {
            field: "code".into(),
            from: written.to_string(),
            to: to.to_string(),
            confidence: resolution.confidence,
            applicability,
            evidence: resolution.evidence.clone(),
        });
    }
    finding
}
