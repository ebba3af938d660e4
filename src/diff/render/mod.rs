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
        // A code or name read as the same value, written otherwise (a
        // digit lost and repaired, another case of hex digits).
        Edit::Markup if matches!(change.field, Field::Code | Field::Name) => {
            label.push_str(", written otherwise, read as the same value");
        }
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

/// Items formatted per chunk, in one thread each.
const CHUNK: usize = 256;

/// Formats `items` with `format` on the machine's cores and writes the
/// results to `out` in order. Work goes in waves of one chunk per core,
/// so at most that many chunks' text is held at once. `format` gets each
/// item's index in `items`.
pub(crate) fn write_in_order<'a, T: Sync>(
    items: &'a [T],
    out: &mut dyn std::io::Write,
    format: impl Fn(usize, &'a T, &mut Vec<u8>) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    let format_chunk = |first: usize, chunk: &'a [T]| -> std::io::Result<Vec<u8>> {
        let mut buffer = Vec::with_capacity(chunk.len() * 256);
        for (i, item) in chunk.iter().enumerate() {
            format(first + i, item, &mut buffer)?;
        }
        Ok(buffer)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads == 1 || items.len() <= CHUNK {
        return out.write_all(&format_chunk(0, items)?);
    }
    for (wave_index, wave) in items.chunks(CHUNK * threads).enumerate() {
        let wave_start = wave_index * CHUNK * threads;
        let buffers: Vec<std::io::Result<Vec<u8>>> = std::thread::scope(|scope| {
            let mut chunks = wave.chunks(CHUNK).enumerate();
            let first = chunks.next();
            let handles: Vec<_> = chunks
                .map(|(i, chunk)| {
                    let format_chunk = &format_chunk;
                    scope.spawn(move || format_chunk(wave_start + i * CHUNK, chunk))
                })
                .collect();
            // This thread takes the first chunk itself.
            let mut buffers = Vec::with_capacity(handles.len() + 1);
            if let Some((_, chunk)) = first {
                buffers.push(format_chunk(wave_start, chunk));
            }
            for handle in handles {
                buffers.push(
                    handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
            buffers
        });
        for buffer in buffers {
            out.write_all(&buffer?)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_written_otherwise_is_not_called_markup() {
        let change = |field, locale| FieldChange {
            field,
            locale,
            edit: Edit::Markup,
            from: Some("0x80cf0002".into()),
            to: Some("0x80cf002".into()),
        };
        assert_eq!(
            field_label(&change(Field::Code, None)),
            "code, written otherwise, read as the same value"
        );
        assert_eq!(
            field_label(&change(Field::Description, Some("de-DE"))),
            "description (de-DE), markup only"
        );
    }

    #[test]
    fn items_are_written_in_order_whatever_the_chunks() {
        for n in [0, 1, CHUNK, CHUNK + 1, 10 * CHUNK + 7] {
            let items: Vec<usize> = (0..n).collect();
            let mut out = Vec::new();
            write_in_order(&items, &mut out, |i, item, buffer| {
                assert_eq!(i, *item);
                buffer.extend_from_slice(format!("{item},").as_bytes());
                Ok(())
            })
            .unwrap();
            let expected: String = (0..n).map(|i| format!("{i},")).collect();
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }
}
