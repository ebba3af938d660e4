//! Plain-text normalization shared by the Markdown and HTML readers.

/// True for characters that can be part of a symbolic name.
pub fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// What a run of white space between two characters becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Nothing: a line break inside an identifier (`WU_E_` + newline +
    /// `NO_SERVICE`).
    Join,
    /// One space.
    Space,
    /// A line break, kept: the lines of multi-line descriptions
    /// ("Workaround:" and its steps).
    LineBreak,
    /// A blank line: a paragraph break.
    Paragraph,
}

/// Classifies a run of white space holding `newlines` line breaks between
/// `before` and `after`.
fn gap(newlines: usize, before: char, after: char) -> Gap {
    match newlines {
        0 => Gap::Space,
        1 if (before == '_' && is_identifier_char(after))
            || (is_identifier_char(before) && after == '_') =>
        {
            Gap::Join
        }
        1 => Gap::LineBreak,
        _ => Gap::Paragraph,
    }
}

/// The ASCII characters `char::is_whitespace` accepts: a byte test for
/// scans that need not decode.
pub fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

/// Characters that take no room and mean nothing in a cell's text: zero-
/// width spaces and joiners, word joiners, byte-order marks, soft hyphens
/// (`WU_E_PT_&shy;SOAPCLIENT`, a place a long name may break). They are
/// dropped from the plain text (the cell's source keeps them), so that
/// "Installation\u{200B} Error" reads as "Installation Error".
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
    )
}

/// Appends the text of a superscript (`<sup>2</sup>`, `<sup>[a]</sup>`, a
/// mark pointing to a note below a table) to `out`. A short mark (four
/// characters at most: digits, letters, brackets, `*`, `†`) is written in
/// superscript characters (`²`, `ᵃ`), its square brackets dropped, so that
/// it stays a mark beside the code or name it follows; longer text goes
/// after a space. Glued on as written, `0x80070005<sup>1</sup>` read as the
/// nine-digit code `0x800700051` and `E_OUTOFMEMORY<sup>a</sup>` as a name
/// that does not exist.
pub fn push_superscript(out: &mut String, text: &str) {
    let mark = text.trim().trim_start_matches('[').trim_end_matches(']');
    let short = !mark.is_empty() && mark.chars().count() <= 4;
    let raised: Option<String> = short.then(|| mark.chars().map(raised).collect()).flatten();
    match raised {
        Some(raised) => out.push_str(&raised),
        None => {
            if out
                .chars()
                .next_back()
                .is_some_and(|last| !last.is_whitespace())
                && !text.starts_with(char::is_whitespace)
            {
                out.push(' ');
            }
            out.push_str(text);
        }
    }
}

/// The superscript form of a character of a note mark, where Unicode has
/// one (no superscript `q`); the marks `*`, `†`, `‡`, `§` as they are.
fn raised(c: char) -> Option<char> {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    match c {
        '0'..='9' => DIGITS.get(usize::from(c as u8 - b'0')).copied(),
        'q' | 'Q' => None,
        'a'..='z' => RAISED_LETTERS.get(usize::from(c as u8 - b'a')).copied(),
        'A'..='Z' => RAISED_LETTERS.get(usize::from(c as u8 - b'A')).copied(),
        '(' => Some('⁽'),
        ')' => Some('⁾'),
        '+' => Some('⁺'),
        '-' => Some('⁻'),
        '*' | '†' | '‡' | '§' => Some(c),
        _ => None,
    }
}

/// True for the superscript characters [`push_superscript`] writes (and
/// that pages type as such: `E_PENDING¹`): marks pointing to a note.
pub fn is_superscript_mark(c: char) -> bool {
    // Asked of the characters around every word: ASCII answers at once.
    if c.is_ascii() {
        return false;
    }
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴'..='⁹' | '⁽' | '⁾' | '⁺' | '⁻') || raised_letter(c)
}

/// The superscript forms of `a` to `z`; Unicode has none for `q`, whose
/// ASCII letter stands in its place (no mark: [`is_superscript_mark`]
/// answers false for ASCII).
const RAISED_LETTERS: [char; 26] = [
    'ᵃ', 'ᵇ', 'ᶜ', 'ᵈ', 'ᵉ', 'ᶠ', 'ᵍ', 'ʰ', 'ⁱ', 'ʲ', 'ᵏ', 'ˡ', 'ᵐ', 'ⁿ', 'ᵒ', 'ᵖ', 'q', 'ʳ', 'ˢ',
    'ᵗ', 'ᵘ', 'ᵛ', 'ʷ', 'ˣ', 'ʸ', 'ᶻ',
];

/// True for the superscript letters of [`raised`].
fn raised_letter(c: char) -> bool {
    RAISED_LETTERS.contains(&c)
}

/// The invisible characters that set the direction of text: the marks
/// (left-to-right, right-to-left, Arabic letter mark), the embeddings and
/// overrides (U+202A to U+202E) and the isolates (U+2066 to U+2069) that
/// right-to-left translations put around a code or a name so that it shows
/// in the right place. At a cell's ends they are trimmed as white space is
/// (`\u{200F}0x80240001\u{200F}`, `\u{2066}0x80240001\u{2069}` read as
/// the code); inside prose they stay, as they steer how it shows.
pub fn is_directional_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// What a cell's ends are trimmed of: white space (no-break spaces
/// included) and directional marks.
fn is_edge(c: char) -> bool {
    is_space(c) || is_directional_mark(c)
}

/// Normalizes cell text: the ends are trimmed (of directional marks too);
/// inside, a run of white space
/// (non-breaking spaces included) becomes nothing when it is a line break
/// inside an identifier (`WU_E_` + newline + `NO_SERVICE`), a line break when
/// it holds one, a blank line when it holds more, and one space otherwise.
///
/// Returns the text and the number of identifier joins made.
pub fn normalize_cell_text(raw: &str) -> (String, usize) {
    let trimmed = raw.trim_matches(is_edge);
    // Most cells are one clean line: nothing to do.
    if is_normalized(trimmed) {
        return (with_spaced_underscores_joined(trimmed).into_owned(), 0);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut joins = 0;
    let mut chars = trimmed.chars().filter(|c| !is_invisible(*c)).peekable();
    while let Some(c) = chars.next() {
        if !is_space(c) {
            out.push(c);
            continue;
        }
        let mut newlines = usize::from(c == '\n');
        while let Some(&next) = chars.peek() {
            if !is_space(next) {
                break;
            }
            newlines += usize::from(next == '\n');
            chars.next();
        }
        let (Some(before), Some(&after)) = (out.chars().next_back(), chars.peek()) else {
            continue;
        };
        match gap(newlines, before, after) {
            Gap::Join => joins += 1,
            Gap::Space => out.push(' '),
            Gap::LineBreak => out.push('\n'),
            Gap::Paragraph => out.push_str("\n\n"),
        }
    }
    match with_spaced_underscores_joined(&out) {
        std::borrow::Cow::Borrowed(_) => (out, joins),
        std::borrow::Cow::Owned(joined) => (joined, joins),
    }
}

/// `text` with the spaces around each `_` that splits a symbolic name
/// taken out: machine translation writes `E_POINTER` as `E _ POINTER`
/// (`DISP _ E _ EXCEPTION`, `ERROR _ FILE _ NOT _ FOUND`), and the name
/// would read as three words. Only an `_` with one space either side,
/// after a word of upper-case ASCII letters and digits (the prefix of a
/// name) and before an upper-case letter or a digit, is such a split
/// (`E _ Puntatore` too, as translation writes the rest of the name):
/// prose writes no `_` alone between such words otherwise. Borrowed when
/// there is none. Linear: each `_` is looked at once, and the word before
/// it only so far as a name's prefix goes.
pub fn with_spaced_underscores_joined(text: &str) -> std::borrow::Cow<'_, str> {
    /// The longest prefix looked back at: names' words are short.
    const LONGEST_WORD: usize = 64;
    let bytes = text.as_bytes();
    // The end of the run of `_ ` that starts at `underscore` (`NOT _ _
    // FOUND` has two).
    let run_end = |underscore: usize| {
        let mut end = underscore;
        while bytes.get(end) == Some(&b'_') && bytes.get(end + 1) == Some(&b' ') {
            end += 2;
        }
        end
    };
    let prefix_before = |space: usize| {
        let word: Vec<u8> = bytes[space.saturating_sub(LONGEST_WORD + 1)..space]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .copied()
            .collect();
        word.len() <= LONGEST_WORD
            && word.last().is_some_and(|b| *b != b'_')
            && word
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
    };
    let mut pieces: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'_', &bytes[at..]) {
        let underscore = at + found;
        at = underscore + 1;
        // The cheap tests first: a space either side.
        if underscore < 2
            || bytes[underscore - 1] != b' '
            || bytes.get(underscore + 1) != Some(&b' ')
        {
            continue;
        }
        let end = run_end(underscore);
        // A run that is no split is passed over whole: each of its `_` has
        // the same word after it, and an `_` before it.
        at = end;
        let before_name = bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !before_name || !prefix_before(underscore - 1) {
            continue;
        }
        // Drop the space before the `_` and each space after a `_` of the
        // run: `A _ _ B` becomes `A__B`.
        let out = pieces.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[copied..underscore - 1]);
        for _ in (underscore..end).step_by(2) {
            out.push('_');
        }
        copied = end;
    }
    match pieces {
        None => std::borrow::Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            std::borrow::Cow::Owned(out)
        }
    }
}

/// [`normalize_cell_text`] of a text already owned: returned as it is when
/// there is nothing to do, as for most cells, without a copy.
pub fn normalize_owned_cell_text(raw: String) -> (String, usize) {
    if raw.trim_matches(is_edge).len() == raw.len() && is_normalized(&raw) {
        return match with_spaced_underscores_joined(&raw) {
            std::borrow::Cow::Borrowed(_) => (raw, 0),
            std::borrow::Cow::Owned(joined) => (joined, 0),
        };
    }
    normalize_cell_text(&raw)
}

/// True when trimmed text has no white space but single plain spaces.
fn is_normalized(trimmed: &str) -> bool {
    let bytes = trimmed.as_bytes();
    // Most cells are ASCII: two branch-free passes the compiler vectorizes,
    // one for tabs and line breaks (9 to 13), one for two spaces in a row.
    if trimmed.is_ascii() {
        let breaks = bytes
            .iter()
            .fold(false, |found, &b| found | (b.wrapping_sub(9) < 5));
        let doubled = bytes
            .iter()
            .zip(&bytes[1.min(bytes.len())..])
            .fold(false, |found, (&a, &b)| found | (a == b' ' && b == b' '));
        return !breaks && !doubled;
    }
    // Otherwise one pass over the bytes: ASCII is tested as it is, and only the
    // characters whose first byte can start a non-ASCII space (U+0085,
    // U+00A0, U+1680, U+2000 to U+205F, U+3000) are decoded.
    let mut previous_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if is_ascii_space(b) && (b != b' ' || previous_space) {
                return false;
            }
            previous_space = b == b' ';
            i += 1;
            continue;
        }
        previous_space = false;
        if matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
            && trimmed[i..]
                .chars()
                .next()
                .is_some_and(|c| is_space(c) || is_invisible(c))
        {
            return false;
        }
        i += 1;
    }
    true
}

/// The 1-based lines, counted from `first_line`, at which `raw` breaks an
/// identifier across lines: the joins [`normalize_cell_text`] makes, placed
/// on the line where each break starts. Markup in `raw` (`<b>...</b>`) is
/// skipped, its line breaks counted.
pub fn identifier_break_lines(raw: &str, first_line: usize) -> Vec<usize> {
    let mut lines = Vec::new();
    if !raw.contains('\n') {
        return lines;
    }
    // Drop tags, keep their line breaks.
    let mut text = String::with_capacity(raw.len());
    let mut in_tag = false;
    for c in raw.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            '\n' => text.push('\n'),
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let chars: Vec<char> = text.trim_matches(is_space).chars().collect();
    let leading_newlines = text
        .chars()
        .take_while(|c| is_space(*c))
        .filter(|c| *c == '\n')
        .count();
    let mut line = first_line + leading_newlines;
    let mut i = 0;
    while i < chars.len() {
        if !is_space(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let break_line = line;
        let mut newlines = 0;
        while i < chars.len() && is_space(chars[i]) {
            if chars[i] == '\n' {
                newlines += 1;
                line += 1;
            }
            i += 1;
        }
        if start > 0 && i < chars.len() && gap(newlines, chars[start - 1], chars[i]) == Gap::Join {
            lines.push(break_line);
        }
    }
    lines
}

/// Appends the text that Markdown `source` shows (its markup read, not
/// kept): code spans' and emphasis's text, a space for a soft break, a
/// line break for a hard one or `<br>`, a blank line after a paragraph.
pub fn push_markdown_text(source: &str, plain: &mut String) {
    use pulldown_cmark::{Event, Parser, TagEnd};
    for event in Parser::new(source) {
        match event {
            Event::Text(text) | Event::Code(text) => plain.push_str(&text),
            Event::SoftBreak => plain.push(' '),
            Event::HardBreak => plain.push('\n'),
            Event::InlineHtml(html) | Event::Html(html)
                if super::html_scan::find_ascii_ci(&html, "<br").is_some() =>
            {
                plain.push('\n');
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                plain.push_str("\n\n");
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {

    use super::with_spaced_underscores_joined as joined;

    #[test]
    fn underscores_spaced_inside_names_are_joined_and_prose_is_left_alone() {
        for (text, expected) in [
            ("E _ POINTER", "E_POINTER"),
            ("E _ Puntatore 0x80004003", "E_Puntatore 0x80004003"),
            ("DISP _ E _ ECCEZIONE", "DISP_E_ECCEZIONE"),
            (
                "HRESULT _ FROM _ WIN32(ERROR _ FILE NOT _ _ FOUND)",
                "HRESULT_FROM_WIN32(ERROR_FILE NOT__FOUND)",
            ),
            ("S _ OK\n\n0", "S_OK\n\n0"),
            // Not after an upper-case prefix, or not before a word: prose.
            ("Fill in the _ blank", "Fill in the _ blank"),
            ("Press A _ then B", "Press A _ then B"),
            ("see A _ b", "see A _ b"),
            ("x _ _ B", "x _ _ B"),
            ("WU_E_NO_SERVICE", "WU_E_NO_SERVICE"),
            ("X _", "X _"),
            ("_ A", "_ A"),
            (" _ B", " _ B"),
            ("A _ _", "A _ _"),
        ] {
            assert_eq!(joined(text), expected, "{text:?}");
        }
    }
    use super::*;

    #[test]
    fn normalized_text_is_recognized_in_any_script() {
        let by_chars = |text: &str| {
            let mut previous_space = false;
            text.chars().all(|c| {
                let ok = !is_invisible(c) && !(is_space(c) && (c != ' ' || previous_space));
                previous_space = c == ' ';
                ok
            })
        };
        for text in [
            "",
            "plain text",
            "two  spaces",
            "tab\there",
            "line\nbreak",
            "Größe ändern",
            "non\u{a0}breaking",
            "ideographic\u{3000}space",
            "代理无法提供服务。",
            "em\u{2003}space and \u{2014} dash",
            "ogham\u{1680}space",
            "next\u{85}line",
            "zero\u{200B}width",
            "bom\u{FEFF}inside",
            "soft\u{AD}hyphen",
        ] {
            assert_eq!(is_normalized(text), by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn superscripts_are_marks_not_digits_of_the_word_before() {
        for (before, sup, after) in [
            ("0x80070005", "1", "0x80070005¹"),
            ("E_OUTOFMEMORY", "12", "E_OUTOFMEMORY¹²"),
            ("E_OUTOFMEMORY", "a", "E_OUTOFMEMORYᵃ"),
            ("0x80070005", "[1]", "0x80070005¹"),
            ("E_FAIL", "*", "E_FAIL*"),
            ("Text", "see note", "Text see note"),
            ("Text", "q", "Text q"),
            ("", "2", "²"),
        ] {
            let mut out = before.to_string();
            push_superscript(&mut out, sup);
            assert_eq!(out, after, "{before:?} {sup:?}");
        }
        assert!("¹²ᵃ⁽⁾".chars().all(is_superscript_mark));
        assert!(!"1aq*".chars().any(is_superscript_mark));
    }

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
        assert_eq!(
            normalize_cell_text("WU_E_\n \nNO_SERVICE"),
            ("WU_E_\n\nNO_SERVICE".into(), 0)
        );
        assert_eq!(identifier_break_lines("A_\nB_\nC", 10), vec![10, 11]);
        assert_eq!(
            identifier_break_lines("<b>x</b>\n<i>WU_E_</i>\nNO", 5),
            vec![6]
        );
        assert!(identifier_break_lines("WU_E_\n \nNO_SERVICE", 1).is_empty());
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
        // Other Unicode spaces read the same, whatever else the cell holds.
        assert_eq!(normalize_cell_text("a\u{3000}b"), ("a b".into(), 0));
        assert_eq!(
            normalize_cell_text("a\u{2009}b\u{a0}c"),
            ("a b c".into(), 0)
        );
        // Directional marks around a cell's text are trimmed; inside prose
        // they stay.
        assert_eq!(
            normalize_cell_text("\u{200F}0x80240001\u{200F} "),
            ("0x80240001".into(), 0)
        );
        assert_eq!(
            normalize_owned_cell_text("\u{200E}WU_E_NO_SERVICE".into()),
            ("WU_E_NO_SERVICE".into(), 0)
        );
        assert_eq!(
            normalize_cell_text("\u{061C} a\u{200F}.b "),
            ("a\u{200F}.b".into(), 0)
        );
        // So are isolates and embeddings.
        assert_eq!(
            normalize_cell_text("\u{2066}0x80240001\u{2069}"),
            ("0x80240001".into(), 0)
        );
        assert_eq!(
            normalize_owned_cell_text("\u{202B}\u{2067}WU_E_NO_SERVICE\u{2069}\u{202C}".into()),
            ("WU_E_NO_SERVICE".into(), 0)
        );
        assert_eq!(
            normalize_cell_text("\u{202E}a \u{2068}b\u{2069} c\u{202C}"),
            ("a \u{2068}b\u{2069} c".into(), 0)
        );
        // Zero-width characters are dropped from the text.
        assert_eq!(
            normalize_cell_text("Installation \u{200B}Error"),
            ("Installation Error".into(), 0)
        );
        // So are soft hyphens, which only say where a long name may break.
        assert_eq!(
            normalize_cell_text("WU_E_PT_\u{AD}SOAPCLIENT_\u{AD}OUTOFMEMORY"),
            ("WU_E_PT_SOAPCLIENT_OUTOFMEMORY".into(), 0)
        );
    }
}
