//! Machine-translated pages write each sentence twice: the translation,
//! then the source text in a hidden copy (`sxs-lookup`). Both readers of
//! cells, Markdown and HTML, choose between the two here.

use crate::ingest::text::{normalize_cell_text, normalize_owned_cell_text};

/// The normalized text of a cell of a machine-translated page, and the
/// joins normalizing made. That is the translation's text, except where
/// the translation broke what the hidden source copy states as a code
/// cell: translated word by word, `DXGI\_ERROR\_ACCESS\_DENIED` became
/// `DXGI \_ Ошибка \_ \_ отказа в доступе`, and beside its code the cell
/// read as prose, so no column of the table read as codes. A code or a
/// name is the same in every language: the copy's text stands for the
/// cell when it reads as a code, a name or both and the translation reads
/// as prose. Descriptions, prose in both, stay translated.
pub fn translation_or_source(translation: String, source_copy: &str) -> (String, usize) {
    let translated = normalize_owned_cell_text(translation);
    if source_copy.trim().is_empty() {
        return translated;
    }
    let (source, source_joins) = normalize_cell_text(source_copy);
    let source_shape = crate::ingest::shape::shape_of(&source).shape;
    let states_code =
        source_shape.has_hex() || source_shape.has_decimal() || source_shape.has_identifier();
    if states_code
        && crate::ingest::shape::shape_of(&translated.0).shape == crate::ingest::shape::Shape::Prose
    {
        (source, source_joins)
    } else {
        translated
    }
}
