//! What a block of a code list leads with. Definition lists put an
//! entry's name and code in either element, and the element that holds
//! one of them may go on with the description: `<dt>0x80070005</dt>`
//! above `<dd><b>E_ACCESSDENIED</b>: Access is denied.</dd>`, or
//! `<dt>E_ACCESSDENIED</dt>` above `<dd>0x80070005 Access is denied.</dd>`.
//! A block is read as its head (a name, a code, or both) and the text
//! after it.

use std::ops::Range;

use super::shape::{CellShape, Shape, Spanned, Token, note_after_code};

/// What a block states of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Head {
    /// A name, a code or both, and nothing else (`E_ACCESSDENIED`,
    /// `BG_E_NOT_FOUND (0x80200001)`, `0x80070005 (E_ACCESSDENIED)`,
    /// `2 (0x2)`). `name` is where the name is in the text.
    Bare {
        /// The name's span, if the block has one.
        name: Option<Range<usize>>,
        /// True when the block states a code.
        code: bool,
    },
    /// A name, then a colon or a dash and text (`E_ACCESSDENIED: Access is
    /// denied.`).
    NameThenText {
        /// The name's span.
        name: Range<usize>,
        /// Where the text after it starts.
        rest: usize,
    },
    /// A code, then text (`0x80070005 Access is denied.`,
    /// `0x80070005 - Access is denied.`, `5: Access is denied.`).
    CodeThenText {
        /// Where the text after it starts.
        rest: usize,
    },
}

/// The head of a block whose plain text is `text` and shape `shape`, if
/// it leads with a name or a code; `None` for prose.
pub fn head_of(text: &str, shape: &CellShape) -> Option<Head> {
    match shape.shape {
        Shape::Identifier => Some(Head::Bare {
            name: shape.identifier_span(),
            code: false,
        }),
        Shape::HexAndIdentifier | Shape::DecimalAndIdentifier => Some(Head::Bare {
            name: shape.identifier_span(),
            code: true,
        }),
        // `0x80070005 - Access is denied.`: a table cell's note after a
        // dash, but in a list the entry's description.
        Shape::Hex => Some(match note_after_code(text) {
            Some(note) => Head::CodeThenText { rest: note.start },
            None => Head::Bare {
                name: None,
                code: true,
            },
        }),
        Shape::Decimal => Some(Head::Bare {
            name: None,
            code: true,
        }),
        Shape::Prose | Shape::CodeRange => leading_head(text, &shape.tokens),
        Shape::Empty | Shape::HexList => None,
    }
}

/// The head of prose that starts with a name or a code: the tokens before
/// the text, joined by white space or brackets only.
fn leading_head(text: &str, tokens: &[Spanned]) -> Option<Head> {
    let first = tokens.first()?;
    // Only marks before the first token (`**`, `(`): a word before it is
    // a sentence that mentions a code.
    if text
        .get(..first.span.start)?
        .chars()
        .any(char::is_alphanumeric)
    {
        return None;
    }
    let mut name = None;
    let mut hex = false;
    let mut decimal = false;
    let mut end = first.span.start;
    for token in tokens {
        // Tokens are in text order; a colon or a dash ends the head.
        let joined = text
            .get(end..token.span.start)
            .is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || is_bracket(c)));
        if !joined {
            break;
        }
        match token.token {
            Token::Identifier if name.is_none() => name = Some(token.span.clone()),
            Token::Hex(_) if !hex => hex = true,
            Token::Decimal(_) if !decimal => decimal = true,
            _ => break,
        }
        end = token.span.end;
    }
    let (rest, separated) = rest_after(text, end)?;
    match (name, hex, decimal) {
        // A name and a code, then text: an entry in one block, which is
        // a layout of its own (a bulleted list of codes), not read here.
        (Some(_), true, _) | (Some(_), _, true) => None,
        // `E_FAIL is returned when ...` mentions a name; a colon or a dash
        // after it says the text is about it.
        (Some(name), false, false) => separated.then_some(Head::NameThenText { name, rest }),
        // A hex code leads its text with or without a separator; a lone
        // number (`3 files failed`) only with one.
        (None, true, _) => Some(Head::CodeThenText { rest }),
        (None, false, true) => separated.then_some(Head::CodeThenText { rest }),
        (None, false, false) => None,
    }
}

/// Where the text after a head ending at `end` starts, and whether a colon
/// or a dash parts it from the head; `None` when there is no text.
fn rest_after(text: &str, end: usize) -> Option<(usize, bool)> {
    let mut separated = false;
    for (i, c) in text.get(end..)?.char_indices() {
        match c {
            ')' | ']' | '）' | '】' | '*' | '`' => {}
            ':' | '：' | '-' | '–' | '—' if !separated => separated = true,
            c if c.is_whitespace() => {}
            _ => return Some((end + i, separated)),
        }
    }
    None
}

/// Brackets and marks that wrap a name or a code (`(0x2)`, `**E_X**`).
fn is_bracket(c: char) -> bool {
    matches!(
        c,
        '(' | ')' | '[' | ']' | '（' | '）' | '【' | '】' | '*' | '`' | '"' | '\''
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::shape::shape_of;

    fn head(text: &str) -> Option<Head> {
        head_of(text, &shape_of(text))
    }

    fn rest(text: &str) -> Option<&str> {
        match head(text)? {
            Head::NameThenText { rest, .. } | Head::CodeThenText { rest } => Some(&text[rest..]),
            Head::Bare { .. } => None,
        }
    }

    #[test]
    fn names_and_codes_alone_are_bare_heads() {
        assert_eq!(
            head("E_ACCESSDENIED"),
            Some(Head::Bare {
                name: Some(0..14),
                code: false
            })
        );
        assert_eq!(
            head("0x80070005 (E_ACCESSDENIED)"),
            Some(Head::Bare {
                name: Some(12..26),
                code: true
            })
        );
        assert_eq!(
            head("2 (0x2)"),
            Some(Head::Bare {
                name: None,
                code: true
            })
        );
    }

    #[test]
    fn a_name_leads_text_after_a_colon_or_a_dash_only() {
        let text = "E_ACCESSDENIED: Access is denied.";
        assert_eq!(
            head(text),
            Some(Head::NameThenText {
                name: 0..14,
                rest: 16
            })
        );
        assert_eq!(
            rest("E_ACCESSDENIED — Access is denied."),
            Some("Access is denied.")
        );
        assert_eq!(head("E_FAIL is returned when it fails."), None);
    }

    #[test]
    fn a_code_leads_text_after_a_space_a_colon_or_a_dash() {
        assert_eq!(
            rest("0x80070005 Access is denied."),
            Some("Access is denied.")
        );
        assert_eq!(
            rest("0x80070005: Access is denied."),
            Some("Access is denied.")
        );
        assert_eq!(
            rest("0x80070005 - Access is denied."),
            Some("Access is denied.")
        );
        assert_eq!(
            rest("(0x80070005) Access is denied."),
            Some("Access is denied.")
        );
        assert_eq!(rest("5: Access is denied."), Some("Access is denied."));
        assert_eq!(head("3 files failed."), None);
    }

    #[test]
    fn prose_that_mentions_a_code_has_no_head() {
        assert_eq!(head("Access is denied (0x80070005)."), None);
        assert_eq!(head("The job was not found."), None);
        // A whole entry in one block is another layout.
        assert_eq!(head("E_X (0x80070005): Access is denied."), None);
    }
}
