//! Rules about entries as a whole: duplicated codes, names and
//! descriptions, and the form of symbolic names.

use rustc_hash::FxHashMap as HashMap;

use super::context::{Context, RowView};
use super::rules;
use crate::finding::{Confidence, Finding, Fix};
use crate::model::HResult;

/// Names that stand for "no name".
const PLACEHOLDERS: &[&str] = &[
    "NULL", "NONE", "N/A", "NA", "TBD", "TODO", "-", "?", "UNKNOWN",
];

/// True when `name` is empty or a placeholder.
pub fn is_placeholder(name: &str) -> bool {
    let name = name.trim();
    name.is_empty() || PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(name))
}

fn place(row: &RowView) -> String {
    format!("{}:{}", row.file.file, row.cells.code_location().line)
}

/// `duplicate-code` and `duplicate-name`, within each source document.
pub fn duplicates(ctx: &Context, out: &mut Vec<Finding>) {
    let mut by_code: HashMap<(&str, u32), &RowView> = HashMap::default();
    let mut by_name: HashMap<(&str, String), &RowView> = HashMap::default();
    for row in ctx.source_rows() {
        let Some(record) = row.record else { continue };
        let document = row.file.document.as_ref();
        if let Some(first) = by_code.get(&(document, record.code.value())) {
            out.push(
                Finding::new(
                    &rules::DUPLICATE_CODE,
                    row.cells.code_location(),
                    format!(
                        "{} is listed twice: here as {} and at {} as {}",
                        record.code,
                        record.name,
                        place(first),
                        first.cells.name_text()
                    ),
                )
                .about(Some(record.code.to_string()), Some(&record.name))
                .with_related(
                    first.cells.code_location(),
                    format!("{} is first listed here", record.code),
                ),
            );
        } else {
            by_code.insert((document, record.code.value()), row);
        }
        if is_placeholder(&record.name) {
            continue;
        }
        let key = (document, record.name.to_ascii_uppercase());
        if let Some(first) = by_name.get(&key) {
            // 0x0000041D and 0x8007041D are one Win32 error, bare and as an
            // HRESULT (HRESULT_FROM_WIN32): the same name is right for both.
            // The same code too: duplicate-code has said it.
            if first
                .record
                .is_some_and(|f| f.code == record.code || same_win32_error(f.code, record.code))
            {
                continue;
            }
            let first_code = first.record.map(|r| r.code.to_string()).unwrap_or_default();
            out.push(
                Finding::new(
                    &rules::DUPLICATE_NAME,
                    row.cells
                        .name
                        .map_or_else(|| row.cells.code_location(), |c| c.location.clone()),
                    format!(
                        "{} names two codes: {} here and {first_code} at {}",
                        record.name,
                        record.code,
                        place(first)
                    ),
                )
                .about(Some(record.code.to_string()), Some(&record.name))
                .with_related(
                    first.cells.code_location(),
                    format!("{} is first given here", record.name),
                ),
            );
        } else {
            by_name.insert(key, row);
        }
    }
}

/// True when two codes are one Win32 error code, bare (`0x0000041D`) and
/// wrapped by HRESULT_FROM_WIN32 (`0x8007041D`).
fn same_win32_error(a: HResult, b: HResult) -> bool {
    let bare = |c: HResult| {
        if c.value() <= 0xFFFF {
            Some(c.value())
        } else if c.value() & 0xFFFF_0000 == 0x8007_0000 {
            Some(c.value() & 0xFFFF)
        } else {
            None
        }
    };
    bare(a).is_some() && bare(a) == bare(b)
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

/// `duplicate-description`: two codes of one document with the same
/// description in the same locale. In a translation, only where the source
/// descriptions differ (otherwise the source is reported).
pub fn duplicate_descriptions(ctx: &Context, out: &mut Vec<Finding>) {
    let mut seen: HashMap<(&str, &str, &str), &RowView> = HashMap::default();
    seen.reserve(ctx.rows.len());
    for row in &ctx.rows {
        let (Some(record), Some(cell)) = (row.record, row.cells.description) else {
            continue;
        };
        let text = cell.text.trim();
        if text.is_empty() {
            continue;
        }
        let key = (row.file.document.as_ref(), row.file.locale.as_ref(), text);
        let Some(first) = seen.get(&key) else {
            seen.insert(key, row);
            continue;
        };
        let Some(first_record) = first.record else {
            continue;
        };
        if first_record.code == record.code {
            continue;
        }
        if !row.file.is_source {
            let source_of = |r: &crate::model::Record| {
                r.sources
                    .first()
                    .and_then(|s| r.descriptions.get(&s.locale).cloned())
            };
            if source_of(first_record) == source_of(record) {
                continue;
            }
        }
        out.push(
            Finding::new(
                &rules::DUPLICATE_DESCRIPTION,
                cell.location.clone(),
                format!(
                    "{} has the same {} description as {} {} ({}): \"{}\"; one of them is probably copied by mistake",
                    record.name,
                    row.file.locale,
                    first_record.code,
                    first_record.name,
                    place(first),
                    shorten(text)
                ),
            )
            .about(Some(record.code.to_string()), Some(&record.name))
            .with_related(
                first.cells.description.map_or_else(|| first.cells.code_location(), |c| c.location.clone()),
                format!("the same description, for {}", first_record.name),
            ),
        );
    }
}

/// At most 80 characters of `text`.
pub fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(80).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

/// `name-placeholder` and `name-case`, on source rows.
pub fn names(ctx: &Context, out: &mut Vec<Finding>) {
    for row in ctx.source_rows() {
        if row.cells.name.is_none() {
            continue;
        }
        let name = row.cells.name_text();
        let location = row
            .cells
            .name
            .map_or_else(|| row.cells.code_location(), |c| c.location.clone());
        let code = row.record.map(|r| r.code.to_string());
        if is_placeholder(name) {
            let shown = if name.trim().is_empty() {
                "empty".to_string()
            } else {
                format!("`{name}`, a placeholder")
            };
            out.push(
                Finding::new(
                    &rules::NAME_PLACEHOLDER,
                    location,
                    format!(
                        "the symbolic name is {shown}; write the constant's name, or remove the row if the code has none"
                    ),
                )
                .about(code, None),
            );
            continue;
        }
        let suggestion = usual_form(name);
        if suggestion == name {
            continue;
        }
        let family = row.record.map_or("this", |r| r.family.as_str());
        if !name.contains('_') {
            // A word such as "Success" is not a constant at all; no
            // spelling of it is a safe suggestion.
            out.push(
                Finding::new(
                    &rules::NAME_CASE,
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
            Finding::new(
                &rules::NAME_CASE,
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
                evidence: vec![format!(
                    "{family} names are usually upper-case with underscores (NERR_ names CamelCase after the prefix)"
                )],
            }),
        );
    }
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

    #[test]
    fn win32_errors_bare_and_wrapped() {
        assert!(same_win32_error(
            HResult::new(0x041D),
            HResult::new(0x8007_041D)
        ));
        assert!(!same_win32_error(
            HResult::new(0x8024_041D),
            HResult::new(0x041D)
        ));
    }
}
