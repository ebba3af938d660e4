//! Text from the pages (and from file names, baselines and datasets) made
//! safe for where a report puts it: a terminal line, a Markdown table cell,
//! HTML, a spreadsheet cell. Page text is input like any other: it may hold
//! escape sequences that retitle or clear a terminal, bidirectional
//! overrides that show a line in another order than it is, line breaks
//! that split a `file:line:col` line in two, entities that become HTML
//! tags in a job summary, or a leading `=` that a spreadsheet runs as a
//! formula. Every output for people goes through one of these functions.

use std::borrow::Cow;

/// True for characters that must not reach a terminal or a rendered page
/// as they are: the C0 controls but tab (escape, bell, backspace, line
/// breaks...), delete, the C1 controls (U+0080 to U+009F; U+009B is a
/// control sequence introducer by itself), the bidirectional formatting
/// characters (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to
/// U+2069), which reorder what follows them on screen (the "Trojan
/// Source" trick), and the Unicode line and paragraph separators, which
/// some terminals and editors break lines at.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Text for one line of a terminal: each line break (CR LF, LF or CR)
/// shown as `⏎`, every other unsafe character (see [`is_unsafe`]) as `?`.
/// Other characters are kept, one for one, so that a caret under a column
/// still points at it. Borrowed when nothing needed changing (the usual
/// case).
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push('⏎'),
            c if is_unsafe(c) => out.push('?'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`terminal`], but line breaks are kept, for a writer that encodes
/// them itself (GitHub's workflow commands, which show `%0A` as a line
/// break in an annotation).
pub fn terminal_keep_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\r' => c,
                c if is_unsafe(c) => '?',
                c => c,
            })
            .collect(),
    )
}

/// Text for a GitHub-Flavored Markdown table cell (GitHub's renderer, and
/// any CommonMark one): it shows as written and cannot end the cell, the
/// row or the table, nor open HTML, an entity, a code span, a link, an
/// image, emphasis, strikethrough or math. Line breaks become `<br>` (the
/// one tag this writes), tabs spaces, other unsafe characters U+FFFD.
pub fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '`' => out.push_str("&#96;"),
            // Emphasis, strikethrough, links (and so images), GitHub's
            // math, the cell's end, and a backslash that would escape what
            // follows.
            '|' | '\\' | '*' | '_' | '~' | '[' | ']' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push_str("<br>"),
            '\t' => out.push(' '),
            c if is_unsafe(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Text inside HTML, in content or in a quoted attribute value: `&`, `<`,
/// `>`, `"` and `'` as entities, unsafe characters as spaces.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_unsafe(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text for a CSV cell that a spreadsheet opens: a cell that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a
/// formula (OWASP's "CSV injection"), so it gets a leading `'`, which
/// spreadsheets take as "text" and do not show. Other cells are kept as
/// they are; the CSV writer quotes what needs quoting.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The most characters of a message errdocs prints on standard error.
pub const MAX_MESSAGE_CHARS: usize = 8192;

/// A message for standard error, at most about [`MAX_MESSAGE_CHARS`]
/// characters: a longer one (an error quoting a value of megabytes from
/// errdocs.toml or a reference file) keeps its beginning (the file, the line
/// and what is wrong) and its end (what to do), and says how much it left
/// out between them.
pub fn bounded_message(text: &str) -> Cow<'_, str> {
    const HEAD: usize = MAX_MESSAGE_CHARS / 2;
    const TAIL: usize = MAX_MESSAGE_CHARS / 8;
    if text.len() <= MAX_MESSAGE_CHARS {
        return Cow::Borrowed(text);
    }
    let count = text.chars().count();
    if count <= MAX_MESSAGE_CHARS {
        return Cow::Borrowed(text);
    }
    let head_end = text
        .char_indices()
        .nth(HEAD)
        .map_or(text.len(), |(at, _)| at);
    let tail_start = text
        .char_indices()
        .nth_back(TAIL - 1)
        .map_or(head_end, |(at, _)| at);
    Cow::Owned(format!(
        "{}… ({} characters left out) …{}",
        &text[..head_end],
        count - HEAD - TAIL,
        &text[tail_start..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_keep_their_start_and_end() {
        let short = "errdocs.toml:1: `x` is not a locale tag";
        assert_eq!(bounded_message(short), short);
        let value = "é".repeat(5_000_000);
        let long = format!("./errdocs.toml:1: `{value}` is not a locale tag such as en-US");
        let bounded = bounded_message(&long);
        assert!(bounded.chars().count() < MAX_MESSAGE_CHARS + 100);
        assert!(
            bounded.starts_with("./errdocs.toml:1: `éé"),
            "{}",
            &bounded[..40]
        );
        assert!(bounded.ends_with("éé` is not a locale tag such as en-US"));
        assert!(bounded.contains(&format!(
            "… ({} characters left out) …",
            long.chars().count() - MAX_MESSAGE_CHARS / 2 - MAX_MESSAGE_CHARS / 8
        )));
    }

    #[test]
    fn terminal_lines_carry_no_controls_and_keep_columns() {
        assert!(matches!(terminal("plain text 错误"), Cow::Borrowed(_)));
        assert_eq!(terminal("a\x1b]0;pwned\x07b"), "a?]0;pwned?b");
        assert_eq!(terminal("a\u{9b}31mb"), "a?31mb");
        assert_eq!(terminal("abc\u{202E}fed"), "abc?fed");
        assert_eq!(terminal("one\r\ntwo\nthree\rfour"), "one⏎two⏎three⏎four");
        assert_eq!(terminal("tab\tkept\x7f"), "tab\tkept?");
        assert_eq!(terminal("\u{2066}x\u{2069}").chars().count(), 3);
        assert_eq!(terminal_keep_lines("a\r\nb\x1b"), "a\r\nb?");
    }

    #[test]
    fn markdown_cells_escape_what_would_break_a_table() {
        assert_eq!(markdown_cell("a|b"), "a\\|b");
        assert_eq!(markdown_cell("<td>x</td>"), "&lt;td&gt;x&lt;/td&gt;");
        assert_eq!(markdown_cell("`code`"), "&#96;code&#96;");
        assert_eq!(markdown_cell("one\r\ntwo\nthree"), "one<br>two<br>three");
        assert_eq!(markdown_cell("\\*bold\\*"), "\\\\\\*bold\\\\\\*");
        assert_eq!(markdown_cell("&#42;"), "&amp;#42;");
        assert_eq!(markdown_cell("![i](x)"), "!\\[i\\](x)");
        assert_eq!(markdown_cell("$x$ ~~y~~"), "\\$x\\$ \\~\\~y\\~\\~");
        assert_eq!(markdown_cell("a\x1bb\u{202E}"), "a\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn html_text_escapes_markup_and_quotes() {
        assert_eq!(
            html("<a href=\"x\" title='y'>&</a>\x07"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt; "
        );
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_get_a_quote() {
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(formula), format!("'{formula}"));
        }
        assert!(matches!(csv_cell("The agent"), Cow::Borrowed(_)));
        assert_eq!(csv_cell("a=1"), "a=1");
        assert_eq!(csv_cell(""), "");
    }
}
