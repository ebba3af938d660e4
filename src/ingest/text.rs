//! Plain-text normalization shared by the Markdown and HTML readers.

/// True for characters that can be part of a symbolic name.
pub fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Normalizes cell text: non-breaking spaces become spaces, a line break
/// inside an identifier (next to a `_`, as in `WU_E_` + newline +
/// `NO_SERVICE`) is removed, other runs of white space become one line
/// break if they hold one and one space if not, and the ends are trimmed. Paragraph breaks (`\n\n`, from HTML paragraphs) are
/// kept as a blank line.
///
/// Returns the text and the number of identifier joins made, in order.
pub fn normalize_cell_text(raw: &str) -> (String, usize) {
    if !raw.contains("\n\n") {
        return normalize_paragraph(raw);
    }
    let mut paragraphs = Vec::new();
    let mut joins = 0;
    for paragraph in raw.split("\n\n") {
        let (text, n) = normalize_paragraph(paragraph);
        joins += n;
        if !text.is_empty() {
            paragraphs.push(text);
        }
    }
    (paragraphs.join("\n\n"), joins)
}

fn normalize_paragraph(raw: &str) -> (String, usize) {
    let trimmed = raw.trim();
    // Most cells are one clean line: nothing to do.
    let bytes = trimmed.as_bytes();
    let clean = !bytes
        .iter()
        .any(|&b| matches!(b, b'\n' | b'\t' | b'\r' | 0xA0))
        && !bytes.windows(2).any(|w| w == b"  ");
    if clean {
        return (trimmed.to_string(), 0);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut joins = 0;
    let mut chars = trimmed
        .chars()
        .map(|c| if c == '\u{a0}' { ' ' } else { c })
        .peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        let mut has_newline = c == '\n';
        while let Some(&next) = chars.peek() {
            if !next.is_whitespace() {
                break;
            }
            has_newline |= next == '\n';
            chars.next();
        }
        let before = out.chars().next_back();
        let after = chars.peek().copied();
        let breaks_identifier = has_newline
            && match (before, after) {
                (Some(b), Some(a)) => {
                    (b == '_' && is_identifier_char(a)) || (is_identifier_char(b) && a == '_')
                }
                _ => false,
            };
        if breaks_identifier {
            joins += 1;
        } else if before.is_some() && after.is_some() {
            // Line breaks in HTML cells separate the lines of multi-line
            // descriptions ("Workaround:" and its steps): keep them.
            out.push(if has_newline { '\n' } else { ' ' });
        }
    }
    (out, joins)
}

/// The 1-based lines, counted from `first_line`, at which `raw` breaks an
/// identifier across lines (the joins [`normalize_cell_text`] makes).
pub fn identifier_break_lines(raw: &str, first_line: usize) -> Vec<usize> {
    let mut lines = Vec::new();
    if !raw.contains('\n') {
        return lines;
    }
    let mut line = first_line;
    let chars: Vec<char> = raw.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != '\n' {
            continue;
        }
        let before = chars[..i].iter().rev().find(|c| !is_space(**c));
        let after = chars[i + 1..].iter().find(|c| !is_space(**c));
        if let (Some(&b), Some(&a)) = (before, after)
            && ((b == '_' && is_identifier_char(a)) || (is_identifier_char(b) && a == '_'))
        {
            lines.push(line);
        }
        line += 1;
    }
    lines
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}' || c == '\r'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_identifiers_broken_across_lines() {
        assert_eq!(
            normalize_cell_text("WU_E_\nNO_SERVICE"),
            ("WU_E_NO_SERVICE".into(), 1)
        );
        assert_eq!(
            normalize_cell_text("WU_E_PT_REGISTRATION\n_NOT_SUPPORTED"),
            ("WU_E_PT_REGISTRATION_NOT_SUPPORTED".into(), 1)
        );
        assert_eq!(
            normalize_cell_text("ERROR_INTERNET_\nCONNECTION_\nABORTED"),
            ("ERROR_INTERNET_CONNECTION_ABORTED".into(), 2)
        );
        assert_eq!(identifier_break_lines("A_\nB_\nC", 10), vec![10, 11]);
    }

    #[test]
    fn collapses_other_white_space() {
        assert_eq!(
            normalize_cell_text("\u{a0} Some  text \n here. "),
            ("Some text\nhere.".into(), 0)
        );
        assert_eq!(
            normalize_cell_text("One.\n\n\nTwo."),
            ("One.\n\nTwo.".into(), 0)
        );
        assert_eq!(normalize_cell_text("a _ b"), ("a _ b".into(), 0));
        assert_eq!(normalize_cell_text("\u{a0}"), (String::new(), 0));
    }
}
