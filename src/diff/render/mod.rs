//! Writing a [`Diff`](super::Diff): for a terminal ([`human`]), for a
//! pull-request comment or job summary ([`markdown`]), for tools
//! ([`json`]). Each writes to a `dyn Write` as it goes.

pub mod human;
pub mod json;
pub mod markdown;

use super::compare::{ChangeKind, DocumentAspect, DocumentItem, Edit, Field, FieldChange};

/// What a field change is called in reports: `description (de-DE)`,
/// `name`, `code (markup)`, ...
pub fn field_label(change: &FieldChange) -> String {
    let mut label = match change.field {
        Field::DocumentedDecimal => "documented decimal".to_string(),
        other => other.as_str().to_string(),
    };
    if let Some(locale) = change.locale {
        label.push_str(&format!(" ({locale})"));
    }
    match change.edit {
        Edit::Markup => label.push_str(", markup only"),
        Edit::Added if change.field == Field::Description => label.push_str(" added"),
        Edit::Removed if change.field == Field::Description => label.push_str(" removed"),
        _ => {}
    }
    label
}

/// What a document-level item is called in reports: `front matter
/// ms.date (de-DE)`, `locale de-DE added`, `table 1 (en-US)`, ...
pub fn item_label(item: &DocumentItem) -> String {
    let locale = item.locale.map(|l| format!(" ({l})")).unwrap_or_default();
    let key = item.key.as_deref().unwrap_or("");
    match item.aspect {
        DocumentAspect::Title => "title".into(),
        DocumentAspect::SourceLocale => "source locale".into(),
        DocumentAspect::Locale => format!(
            "locale {}{}",
            item.locale.unwrap_or(""),
            match item.edit {
                Edit::Added => " added",
                Edit::Removed => " removed",
                _ => "",
            }
        ),
        DocumentAspect::FrontMatter => format!("front matter {key}{locale}"),
        DocumentAspect::Table => format!("table {key}{locale}"),
        DocumentAspect::UnresolvedRows => "unresolved rows".into(),
    }
}

/// What a record change's kind is called in reports (`code changed`).
pub fn kind_label(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::CodeChanged => "code changed",
        other => other.as_str(),
    }
}

/// True when a field change is best shown word by word: a description's
/// text or markup, a name's markup.
pub fn shows_words(change: &FieldChange) -> bool {
    matches!(change.edit, Edit::Text | Edit::Markup)
}

/// `n thing` or `n things`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
