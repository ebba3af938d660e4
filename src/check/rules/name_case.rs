//! `name-case`: a name not in upper-snake form.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::model::is_placeholder_name;

/// The rule.
pub static RULE: Rule = Rule {
    id: "name-case",
    severity: Severity::Note,
    tags: &["name", "style"],
    fix: Some(Applicability::Unsafe),
    summary: "A symbolic name is not in upper-snake form",
    explanation: "Windows error constants are usually written in upper case with underscores (ERROR_INVALID_NAME), and search is case-sensitive in many tools. A few real names are mixed case (NERR_BadPasswordCore), so this is a note: check the header that defines the constant before changing it.",
    bad_example: "<td>Error_Invalid_Name</td>",
    good_example: "<td>ERROR_INVALID_NAME</td>",
    rollup: None,
    check,
};

/// On source rows of tables with a name column (placeholders are
/// `name-placeholder`'s).
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for row in ctx.source_rows() {
        let Some(cell) = row.cells.name else { continue };
        let name = row.cells.name_text();
        if is_placeholder_name(name) {
            continue;
        }
        let suggestion = usual_form(name);
        if suggestion == name {
            continue;
        }
        let location = cell.location.clone();
        let code = row.record.map(|r| r.code.to_string());
        let family = row.record.map_or("this", |r| r.family.as_str());
        if !name.contains('_') {
            // A word such as "Success" is not a constant at all; no
            // spelling of it is a safe suggestion.
            out.push(
                RULE.finding(
                    location,
                    format!(
                        "`{name}` is not a symbolic name: {family} constants are written like PREFIX_WORDS; write the constant's name"
                    ),
                )
                .about(code, Some(name)),
            );
            continue;
        }
        out.push(
            RULE.finding(
                location,
                format!(
                    "`{name}` is not written the way {family} names usually are; it is probably `{suggestion}` (check the header that defines it: a few real names break the pattern)"
                ),
            )
            .about(code, Some(name))
            .with_fix(Fix {
                field: "name".into(),
                from: name.to_string(),
                to: suggestion,
                confidence: Confidence::Low,
                applicability: Applicability::Unsafe,
                evidence: vec![format!(
                    "{family} names are usually upper-case with underscores (NERR_ names CamelCase after the prefix)"
                )],
            }),
        );
    }
}

/// The usual spelling of a name: upper-snake, except NERR_ names (LAN
/// Manager), which are CamelCase after the prefix (NERR_BadPasswordCore).
fn usual_form(name: &str) -> String {
    let joined: String = name.split_whitespace().collect();
    match joined.get(..5) {
        Some(prefix) if prefix.eq_ignore_ascii_case("NERR_") => {
            format!("NERR_{}", camel_case(&joined[5..]))
        }
        _ => joined.to_ascii_uppercase(),
    }
}

/// `BADPasswordCore` -> `BadPasswordCore`: a run of capitals keeps only its
/// first one capital, except the last of the run when a lower-case letter
/// follows (it starts the next word).
fn camel_case(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
        let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
        if c.is_ascii_uppercase() && prev_upper && !next_lower {
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_forms() {
        assert_eq!(usual_form("Error_Invalid_Name"), "ERROR_INVALID_NAME");
        assert_eq!(usual_form("NERR_BADPasswordCore"), "NERR_BadPasswordCore");
        assert_eq!(usual_form("NERR_BadPasswordCore"), "NERR_BadPasswordCore");
        assert_eq!(usual_form("WU_E_ NO_SERVICE"), "WU_E_NO_SERVICE");
    }
}
