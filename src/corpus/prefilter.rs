//! A quick look at a file's bytes, before any parsing: can it hold a table
//! of error codes? Files named on the command line (a pre-commit hook
//! passes every changed Markdown file) are mostly prose; those that cannot
//! hold a code table are left out, unread, unreported.
//!
//! The look is conservative: a file is kept when it has something that may
//! be a table (a pipe-table delimiter row, `<table`, `<dl`, MyST's
//! `{list-table}`) and something
//! code-shaped anywhere (a `0x` hex number; a run of exactly eight hex
//! digits; a decimal number of nine or more digits; a name with `ERROR_`,
//! `_E_` or `_S_`, or starting with `E_` or `S_`, escaped underscores
//! included; a decimal number next to an upper-case name such as
//! `WSAEINTR` or `NERR_BadNetName`, with only spaces, cell bars, emphasis,
//! parentheses or HTML tags between them, or anywhere in one table row
//! for a name with an underscore).
//!
//! A file without a table is kept too when three lines or more hold a `0x`
//! number and start as a heading, a list item, a block quote, emphasis or
//! a number: paragraph entries (`**NAME** (0x…)`, `#define NAME 0x…`) are
//! read as a table, and codes under headings or in list items are reported
//! (`codes-outside-tables`). So is a file with one line that starts with
//! `|`, or holds two `|`, and holds a `0x` number: a table row that no
//! table holds (a table without its delimiter row) is reported from one
//! code.
//!
//! Quick passes over the bytes, each stopping at the first hit: one
//! jumps from `<` to `<` and from `-` to `-` (with `memchr`) for a table;
//! one looks only at the words around digits and underscores for a code,
//! since everything code-shaped holds one; one from `0` to `0` for listed
//! codes. No Markdown is parsed.
//!
//! Troubleshooting articles list their codes in headings and items
//! without `0x` (`### Error 8018000a`): a file is kept too when three
//! lines or more start as a heading, a list item or a definition and hold
//! eight hex digits alone, a digit among them, or a `0x` number. Only
//! those lines are searched, each once.

/// False when `bytes` cannot hold a code table that errdocs reads; true
/// when it may, and for text these passes cannot read (UTF-16 or UTF-32,
/// with a byte-order mark or with NUL bytes), which the reader then
/// refuses by name rather than the page being passed over as prose.
pub fn may_hold_code_table(bytes: &[u8]) -> bool {
    if !ascii_compatible(bytes) {
        return true;
    }
    // Tables first: most prose has none, and they are found by jumping
    // from one `<` or `-` to the next.
    let table = has_table(bytes);
    // Every code `lists_bare_codes` counts is a code token: where a table
    // is found and no code token, it would count none, and its pass over
    // the page is saved.
    (table && has_code_token(bytes)) || lists_codes(bytes) || (!table && lists_bare_codes(bytes))
}

/// False for UTF-16 or UTF-32 text: a byte-order mark of either, or a NUL
/// byte (ASCII in UTF-16 without a mark has one in every other byte).
fn ascii_compatible(bytes: &[u8]) -> bool {
    let wide_mark = [&[0xFF, 0xFE][..], &[0xFE, 0xFF], &[0, 0, 0xFE, 0xFF]]
        .iter()
        .any(|mark| bytes.starts_with(mark));
    !wide_mark && memchr::memchr(0, bytes).is_none()
}

/// Lines from which a page is kept without a table: paragraph entries
/// (`**NAME** (0x…)`, `2 (0x2)`, `#define NAME 0x…`) are read as a table,
/// and codes in headings or list items are reported
/// (`codes-outside-tables`), from three entries or codes up (a line that
/// starts with `|` or holds two, from one: a table row no table holds).
const LISTED_LINES: usize = 3;

/// True when at least [`LISTED_LINES`] lines hold a `0x` number and start
/// (after indentation) as a heading, a list item, a definition, a block
/// quote, emphasis (`**NAME**`) or a number do: the layouts besides tables
/// that errdocs reads or reports. Without this look, `check PATH` left
/// such pages out unread, where `check` on a project read them.
fn lists_codes(bytes: &[u8]) -> bool {
    let mut lines = 0;
    // The start of the line of the last `0x` looked at, and how far the
    // text was searched for line ends: each byte is searched once, however
    // many numbers share a line.
    let mut line_start = 0;
    let mut searched_to = 0;
    // The start of the last line looked at: its other numbers add nothing.
    let mut looked: Option<usize> = None;
    for at in memchr::memchr_iter(b'0', bytes) {
        // The digits may follow a separator (`0x 8024 0002`; a byte of a
        // no-break or thin space is no ASCII).
        let digit_at = match bytes.get(at + 2) {
            Some(b' ' | b'_' | b'\'') => at + 3,
            Some(&b) if !b.is_ascii() => at + 3,
            _ => at + 2,
        };
        if !matches!(bytes.get(at + 1), Some(b'x' | b'X'))
            || !bytes.get(digit_at..).is_some_and(|rest| {
                rest.iter()
                    .find(|b| b.is_ascii())
                    .is_some_and(u8::is_ascii_hexdigit)
            })
        {
            continue;
        }
        if let Some(newline) = memchr::memrchr(b'\n', &bytes[searched_to..at]) {
            line_start = searched_to + newline + 1;
        }
        searched_to = at;
        if looked == Some(line_start) {
            continue;
        }
        looked = Some(line_start);
        let first = bytes[line_start..at]
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t'))
            .copied()
            .unwrap_or(b'0');
        // A row that no table holds is reported from one code, and
        // `codes-outside-tables` takes a line with two `|` for a row too
        // (a table written without its outer bars). Each line is looked
        // at once, so its bars are counted once.
        let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
        if first == b'|'
            || memchr::memchr_iter(b'|', &bytes[line_start..line_end])
                .nth(1)
                .is_some()
        {
            return true;
        }
        if matches!(first, b'#' | b'-' | b'*' | b'+' | b':' | b'>') || first.is_ascii_digit() {
            lines += 1;
            if lines >= LISTED_LINES {
                return true;
            }
        }
    }
    false
}

/// True when at least [`LISTED_LINES`] lines start (after indentation) as
/// a heading, a list item or a definition and hold eight hex digits
/// alone, one a digit at least, not a piece of a GUID (`### Error
/// 8018000a`), or a `0x` number: codes written without `0x` that
/// `codes-outside-tables` reports, counted with those written with it.
fn lists_bare_codes(bytes: &[u8]) -> bool {
    let mut lines = 0;
    // The start of the last line counted: its other codes add nothing.
    let mut counted: Option<usize> = None;
    let mut at = 0;
    // Both kinds of code hold a digit: only the words around digits (and
    // underscores) are looked at, found eight bytes at a time, as
    // [`has_code_token`] finds them. Looking at every word of every
    // heading and list item was a third of a docs tree's scan.
    while let Some(found) = find_digit_or_underscore(&bytes[at..]) {
        let (start, end) = word_around(bytes, at + found);
        at = end.max(at + found + 1);
        if !is_listed_code(bytes, start, end) {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |i| i + 1);
        if counted == Some(line_start) {
            continue;
        }
        let first = bytes[line_start..]
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t'))
            .copied()
            .unwrap_or(b' ');
        if matches!(first, b'#' | b'-' | b'*' | b'+' | b':') || first.is_ascii_digit() {
            counted = Some(line_start);
            lines += 1;
            if lines >= LISTED_LINES {
                return true;
            }
        }
    }
    false
}

/// True when the word `text[start..end]` is eight hex digits alone, one a
/// digit at least, not a piece of a GUID, or a `0x` number.
fn is_listed_code(text: &[u8], start: usize, end: usize) -> bool {
    let word = &text[start..end];
    let dash_beside =
        start.checked_sub(1).map(|j| text[j]) == Some(b'-') || text.get(end) == Some(&b'-');
    let prefixed = word.len() > 2
        && word[0] == b'0'
        && (word[1] | 0x20) == b'x'
        && word[2..].iter().all(u8::is_ascii_hexdigit);
    prefixed
        || (word.len() == 8
            && word.iter().all(u8::is_ascii_hexdigit)
            && word.iter().any(u8::is_ascii_digit)
            && !dash_beside)
}

/// Something that may be a table: `<table`, `<dl`, or a pipe-table
/// delimiter row.
fn has_table(bytes: &[u8]) -> bool {
    if memchr::memchr_iter(b'<', bytes).any(|at| opens_list(&bytes[at + 1..])) {
        return true;
    }
    // MyST's list table (`{list-table}` after a fence): rows as bullets.
    if memchr::memmem::find(bytes, b"{list-table}").is_some() {
        return true;
    }
    let mut from = 0;
    while let Some(found) = memchr::memchr(b'-', &bytes[from..]) {
        let at = from + found;
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let line = &bytes[start..end];
        let pipe_near = || {
            memchr::memchr(b'|', line).is_some()
                || start.checked_sub(1).is_some_and(|previous_end| {
                    let previous_start =
                        memchr::memrchr(b'\n', &bytes[..previous_end]).map_or(0, |i| i + 1);
                    memchr::memchr(b'|', &bytes[previous_start..previous_end]).is_some()
                })
        };
        if is_delimiter_row(line) && pipe_near() {
            return true;
        }
        from = end + 1;
        if from >= bytes.len() {
            break;
        }
    }
    false
}

/// A line that may be a pipe table's delimiter row (`|---|:--:|`, or
/// `--- | ---` under `a | b`), when a pipe is on it or on the line above.
fn is_delimiter_row(line: &[u8]) -> bool {
    let mut dash = false;
    for &b in line {
        match b {
            b'-' => dash = true,
            b'|' | b':' | b' ' | b'\t' | b'\r' => {}
            _ => return false,
        }
    }
    dash
}

/// True when the text after a `<` opens `<table` or `<dl` (a definition
/// list of codes), in any case.
fn opens_list(tag: &[u8]) -> bool {
    let name_is = |name: &[u8]| {
        tag.len() >= name.len()
            && tag[..name.len()].eq_ignore_ascii_case(name)
            && tag
                .get(name.len())
                .is_none_or(|b| !b.is_ascii_alphanumeric())
    };
    name_is(b"table") || name_is(b"dl")
}

/// Something code-shaped in the text (see the module's documentation).
/// Every such thing holds a digit or an underscore (a name counts only next
/// to a number), so only the words around those are looked at: most of
/// prose is passed over by a loop that only compares bytes.
fn has_code_token(text: &[u8]) -> bool {
    // The end of the last table row searched whole for a number and a
    // name: each row is searched once.
    let mut searched_to = 0;
    // The line of the last word looked at: a line of many numbers is
    // searched for its ends once, not once per number.
    let mut row: Option<(usize, usize)> = None;
    let mut at = 0;
    while let Some(found) = find_digit_or_underscore(&text[at..]) {
        let (start, end) = word_around(text, at + found);
        let wanted = match classify(text, start, end) {
            Token::Code => return true,
            Token::Number => Token::Name,
            Token::Name => Token::Number,
            Token::Other => Token::Other,
        };
        if !matches!(wanted, Token::Other) {
            if neighbours(text, start, end).any(|k| k == wanted) {
                return true;
            }
            // In a table row, a number and a name with an underscore need
            // not be side by side (a capitalized word such as `LICENSE`
            // must be).
            let (row_start, row_end) = match row {
                Some((row_start, row_end)) if row_start <= start && end <= row_end => {
                    (row_start, row_end)
                }
                _ => {
                    let row_start = memchr::memrchr(b'\n', &text[..start]).map_or(0, |i| i + 1);
                    let row_end =
                        memchr::memchr(b'\n', &text[end..]).map_or(text.len(), |i| end + i);
                    row = Some((row_start, row_end));
                    (row_start, row_end)
                }
            };
            let row = &text[row_start..row_end];
            let identifier = |s: usize, e: usize| memchr::memchr(b'_', &text[s..e]).is_some();
            let searchable = wanted == Token::Name || identifier(start, end);
            // A row is searched once, whether or not it is a table's: a
            // line of numbers without a bar was searched for one from
            // each of its numbers.
            if searchable && row_start >= searched_to {
                searched_to = row_end;
                if memchr::memchr(b'|', row).is_some()
                    && words(row).any(|(s, e)| {
                        classify(row, s, e) == wanted
                            && (wanted == Token::Number || identifier(row_start + s, row_start + e))
                    })
                {
                    return true;
                }
            }
        }
        at = end.max(at + found + 1);
    }
    false
}

/// The first digit or `_` in `bytes`. Prose is mostly neither: eight
/// bytes at a time are tested at once ([`holds_digit_or_underscore`]), and
/// only a block with a hit is searched byte by byte.
fn find_digit_or_underscore(bytes: &[u8]) -> Option<usize> {
    let wanted = |b: u8| b.is_ascii_digit() || b == b'_';
    let mut blocks = bytes.chunks_exact(8);
    let mut offset = 0;
    for block in &mut blocks {
        let word = u64::from_le_bytes(block.try_into().unwrap_or([0; 8]));
        if holds_digit_or_underscore(word) {
            return block.iter().position(|&b| wanted(b)).map(|i| offset + i);
        }
        offset += 8;
    }
    blocks
        .remainder()
        .iter()
        .position(|&b| wanted(b))
        .map(|i| offset + i)
}

/// True when one of the eight bytes of `word` is an ASCII digit or `_`,
/// tested on all eight at once (the compiler did not vectorize the byte
/// loop, which was a fifth of a docs tree's scan). Each byte's high bit
/// answers for it, and no carry or borrow crosses bytes: below, `low` is
/// each byte without its high bit (at most 127), so `185 - low` keeps its
/// high bit exactly when the byte is below `:` (58 = 185 - 127), and
/// `low + 80` gets one exactly when it is above `/` (47 = 127 - 80); `!word`
/// drops bytes of 128 and up (UTF-8), and an `_` is a zero byte of
/// `word ^ "________"`, found the usual way.
fn holds_digit_or_underscore(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = ONES * 0x80;
    let low = word & (ONES * 0x7F);
    let digits = (ONES * 185).wrapping_sub(low) & !word & (low + ONES * 80) & HIGHS;
    let underscores = word ^ (ONES * u64::from(b'_'));
    let zero_bytes = underscores.wrapping_sub(ONES) & !underscores & HIGHS;
    (digits | zero_bytes) != 0
}

/// The words of `text`, as ranges.
fn words(text: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let found = text[at..].iter().position(|&b| is_word(b))?;
        let (start, end) = word_around(text, at + found);
        at = end.max(at + found + 1);
        Some((start, end))
    })
}

/// The word (letters, digits, `_` and escaped `\\_`) around byte `i`.
fn word_around(text: &[u8], i: usize) -> (usize, usize) {
    let mut start = i;
    while start > 0 {
        let b = text[start - 1];
        if is_word(b) || (b == b'\\' && text[start] == b'_') {
            start -= 1;
        } else {
            break;
        }
    }
    let mut end = i;
    while end < text.len() {
        if is_word(text[end]) {
            end += 1;
        } else if text[end] == b'\\' && text.get(end + 1) == Some(&b'_') {
            end += 2;
        } else {
            break;
        }
    }
    (start, end)
}

/// Bytes that may stand between a number and a name in one row: spaces,
/// cell bars, emphasis, parentheses, punctuation of a list.
fn is_separator(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\r' | b'|' | b'*' | b'`' | b'(' | b')' | b',' | b':' | b'='
    )
}

/// What the words before and after `start..end` are, when only separators
/// and HTML tags (`<td>`, `<br/>`) on the same line stand between.
fn neighbours(text: &[u8], start: usize, end: usize) -> impl Iterator<Item = Token> + use<> {
    // Before.
    let mut j = start;
    let before = loop {
        let Some(&b) = j.checked_sub(1).and_then(|k| text.get(k)) else {
            break None;
        };
        if is_separator(b) {
            j -= 1;
        } else if b == b'>' {
            // A tag holds no other `<` or `>`: the search stops at the
            // nearest one, so a line of `1>1>1>…` is not searched back to
            // its start from each number.
            match memchr::memrchr3(b'<', b'>', b'\n', &text[..j - 1]) {
                Some(k) if text[k] == b'<' => j = k,
                _ => break None,
            }
        } else if is_word(b) {
            let (s, e) = word_around(text, j - 1);
            break Some(classify(text, s, e));
        } else {
            break None;
        }
    };
    // After.
    let mut j = end;
    let after = loop {
        let Some(&b) = text.get(j) else {
            break None;
        };
        if is_separator(b) {
            j += 1;
        } else if b == b'<' {
            match memchr::memchr3(b'>', b'<', b'\n', &text[j + 1..]) {
                Some(k) if text[j + 1 + k] == b'>' => j += k + 2,
                _ => break None,
            }
        } else if is_word(b) || b == b'\\' {
            let (s, e) = word_around(text, j);
            break Some(classify(text, s, e));
        } else {
            break None;
        }
    };
    before.into_iter().chain(after)
}

/// A letter, a digit or `_`.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// Code-shaped on its own.
    Code,
    /// A decimal number.
    Number,
    /// An upper-case name.
    Name,
    Other,
}

/// What the word at `start..end` of `text` is.
fn classify(text: &[u8], start: usize, end: usize) -> Token {
    let token = &text[start..end];
    let Some(&first) = token.first() else {
        return Token::Other;
    };
    // Eight hex digits are a code on their own, not as a piece of a GUID.
    let dash_beside =
        start.checked_sub(1).map(|j| text[j]) == Some(b'-') || text.get(end) == Some(&b'-');
    let hex = |t: &[u8]| t.iter().all(u8::is_ascii_hexdigit);
    let has_digit = token.iter().any(u8::is_ascii_digit);
    // Eight hex digits; `x` and seven or eight of them.
    let bare_hex = || {
        has_digit
            && ((token.len() == 8 && hex(token) && !dash_beside)
                || ((first | 0x20) == b'x' && matches!(token.len(), 8 | 9) && hex(&token[1..])))
    };
    if first.is_ascii_lowercase() {
        // Most of prose: only a hex code may start with a small letter.
        return if bare_hex() {
            Token::Code
        } else {
            Token::Other
        };
    }
    if first.is_ascii_digit() {
        if token.len() > 2
            && first == b'0'
            && (token[1] | 0x20) == b'x'
            && token[2].is_ascii_hexdigit()
        {
            return Token::Code;
        }
        if token.iter().all(u8::is_ascii_digit) {
            return if token.len() >= 9 || (token.len() == 8 && !dash_beside) {
                Token::Code
            } else {
                Token::Number
            };
        }
        return if bare_hex() {
            Token::Code
        } else {
            Token::Other
        };
    }
    if bare_hex() {
        return Token::Code;
    }
    // A name: escaped underscores read as underscores.
    let unescaped: Vec<u8>;
    let name = if token.contains(&b'\\') {
        unescaped = token.iter().copied().filter(|&b| b != b'\\').collect();
        &unescaped[..]
    } else {
        token
    };
    let contains = |needle: &[u8]| name.windows(needle.len()).any(|w| w == needle);
    if name.starts_with(b"E_")
        || name.starts_with(b"S_")
        || contains(b"ERROR_")
        || contains(b"_E_")
        || contains(b"_S_")
    {
        return Token::Code;
    }
    let upper = name.iter().filter(|b| b.is_ascii_uppercase()).count();
    let shaped = name.first().is_some_and(u8::is_ascii_uppercase)
        && name
            .iter()
            .take_while(|&&b| b != b'_')
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if shaped && upper >= 3 && (name.contains(&b'_') || name.len() >= 6) {
        return Token::Name;
    }
    Token::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_underscores_are_found_at_every_offset() {
        for len in [0, 1, 31, 32, 33, 64, 100] {
            for at in 0..len {
                for wanted in [b'0', b'9', b'_'] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = wanted;
                    assert_eq!(find_digit_or_underscore(&bytes), Some(at), "{len} {at}");
                }
            }
            assert_eq!(find_digit_or_underscore(&vec![b'/'; len]), None);
            assert_eq!(find_digit_or_underscore(&vec![b':'; len]), None);
        }
    }

    #[test]
    fn the_eight_byte_test_agrees_with_the_byte_test_for_every_pair_of_bytes() {
        // Every byte at every place, among every filler byte that is
        // neither: a borrow or carry between bytes would show as a
        // filler's answer changing with its neighbour.
        let wanted = |b: u8| b.is_ascii_digit() || b == b'_';
        for filler in (0..=u8::MAX).filter(|&b| !wanted(b)) {
            assert!(!holds_digit_or_underscore(u64::from_le_bytes([filler; 8])));
            for byte in 0..=u8::MAX {
                for at in 0..8 {
                    let mut block = [filler; 8];
                    block[at] = byte;
                    let word = u64::from_le_bytes(block);
                    assert_eq!(
                        holds_digit_or_underscore(word),
                        wanted(byte),
                        "{filler} {byte} {at}"
                    );
                }
            }
        }
    }

    fn keeps(text: &str) -> bool {
        may_hold_code_table(text.as_bytes())
    }

    /// `may_hold_code_table` skips the pass for codes listed without `0x`
    /// on a page with a table and no code token: every code that pass
    /// counts is a code token.
    #[test]
    fn a_listed_code_is_a_code_token() {
        for page in [
            "### Error 8018000a\n### Error 80180014\n- Fehler 80070005: x\n",
            "- 0x80240001\n- 0X8024000a\n# 0x1\n",
            "## C00D1234\n## 8007000E\n## a0000001\n",
        ] {
            assert!(lists_bare_codes(page.as_bytes()), "{page:?}");
            assert!(has_code_token(page.as_bytes()), "{page:?}");
        }
    }

    #[test]
    fn code_tables_are_kept() {
        assert!(keeps(
            "|Code|Name|\n|---|---|\n|0x80240001|WU_E_NO_SERVICE|\n"
        ));
        assert!(keeps("|Code|Name|\n|---|---|\n|80240001|x|\n"));
        assert!(keeps("<TABLE>\n<tr><td>-2145124351</td></tr>\n"));
        assert!(keeps("<dl>\n<dt>BG\\_E\\_NOT\\_FOUND</dt>\n"));
        assert!(keeps(
            "| a | b |\n| - | - |\n| ERROR\\_INSTALL\\_FAILURE | 1603 |\n"
        ));
        assert!(keeps("|Name|Value|\n|---|---|\n|WSAEINTR|10004|\n"));
        assert!(keeps("<table>\n<tr><td>WSAEINTR<br/>10004</td></tr>\n"));
        assert!(keeps(
            "|Value|Description|Name|\n|---|---|---|\n|2106|Not found.|NERR_BadNetName|\n"
        ));
        assert!(keeps(
            "|Name|Description|Value|\n|---|---|---|\n|NERR_BadNetName|Not found.|2106|\n"
        ));
        assert!(keeps("|Name|Value|\n|---|---|\n|NERR_BadNetName|2106|\n"));
        assert!(keeps("|Name|Value|\n|---|---|\n|E_FAIL|x|\n"));
        assert!(keeps("|Code|\n|---|\n|c00d36c4|\n"));
        assert!(keeps("|Code|\n|---|\n|x8024001|\n"));
        assert!(keeps("|Code|\n|---|\n|0X8024001|\n"));
        assert!(keeps("a | b\n--- | ---\n0x1 | c\n"));
    }

    #[test]
    fn prose_is_left_out() {
        // No table.
        assert!(!keeps(
            "# Errors\n\nError 0x80070005 means access denied.\n"
        ));
        // A table without codes, and front matter with a GUID and a date.
        assert!(!keeps(
            "---\nms.assetid: 40622ced-6029-4abf-873e-b51d2b51934c\nms.date: 05/29/2019\n---\n| Step | What |\n|---|---|\n| 1 | Install SCCM on Windows 10 |\n"
        ));
        assert!(!keeps(""));
        // A number and a word in capitals, apart.
        assert!(!keeps(
            "| a | b |\n|---|---|\n| CC-BY-4.0 (see the `LICENSE` file) | x |\n"
        ));
        // A capitalized word counts only beside the number.
        assert!(!keeps(
            "| a | b |\n|---|---|\n| 10004 | see the WARNING |\n"
        ));
        // A dash line under a plain line is a heading, not a table.
        assert!(!keeps("Title\n---\nE_FAIL\n"));
        // Codes in paragraphs, or two listed codes.
        assert!(!keeps(
            "Error 0x80070005, 0x80070006 or 0x80070007 ends the setup.\n\n- 0x1\n- 0x2 and 0x3\n"
        ));
    }

    /// Each number of a long line was looked at with searches to the
    /// line's ends (for its row, and for a tag around it): a table line
    /// of 100,000 numbers between `>` or `<` took minutes.
    #[test]
    fn a_long_line_of_numbers_is_read_in_linear_time() {
        for between in [">", "<", " "] {
            let text = format!(
                "| a | b |\n|---|---|\n{}\n",
                format!("1{between}").repeat(100_000)
            );
            // No clock: the machine is shared, and speed is measured by
            // `cargo bench`. Searched to the line's ends from each number,
            // this input takes minutes where the other tests take seconds.
            assert!(!keeps(&text), "{between:?}");
        }
        // Tags still stand between a number and a name.
        assert!(keeps("<table>\n<tr><td>10004</td><td>WSAEINTR</td></tr>\n"));
        assert!(keeps(
            "<table>\n<tr><td>WSAEINTR</td> <td>10004</td></tr>\n"
        ));
    }

    #[test]
    fn codes_listed_outside_tables_are_kept() {
        // A table row that no table holds (`codes-outside-tables`), not
        // a prose line that mentions a code.
        assert!(keeps("# Errors\n\n| 0x80240002 | WU_E_X | Text. |\n"));
        assert!(!keeps("# Errors\n\nA code such as 0x80240002 | another.\n"));
        // Without its outer bars, as `codes-outside-tables` reads it too.
        assert!(keeps("# Errors\n\n0x80240002 | WU_E_X | Text.\n"));
        // With a space after its prefix, of any kind.
        assert!(keeps("# Errors\n\n| 0x 8024 0002 | WU_E_X | Text. |\n"));
        assert!(keeps("# Errors\n\n| 0x\u{a0}8024\u{a0}0002 | WU_E_X |\n"));
        assert!(!keeps("# Errors\n\n| 0x zz | WU_E_X |\n"));
        // Codes under headings and in list items (`codes-outside-tables`).
        assert!(keeps(
            "# Errors\n\n## 0x801C03ED\n\nText.\n\n## 0x801C03EE\n\n- **NTE_PERM** (0x80090010): Denied.\n"
        ));
        // Paragraph entries, read as a table: the code on its own line,
        // or after the name.
        assert!(keeps(
            "**ERROR_SUCCESS**\n\n0 (0x0)\n\nDone.\n\n**ERROR_INVALID_FUNCTION**\n\n1 (0x1)\n\nIncorrect.\n\n**ERROR_FILE_NOT_FOUND**\n\n2 (0x2)\n\nNot found.\n"
        ));
        assert!(keeps(
            "**WU_E_ONE** (0x00240001)\n\nOne.\n\n  **WU_E_TWO** (0x00240002)\n\nTwo.\n\n**WU_E_THREE** (0x00240003)\n"
        ));
        // Codes without `0x` in headings and items; not in paragraphs,
        // nor fewer than three, nor GUIDs' pieces.
        assert!(keeps(
            "# Enrollment\n\n### Error 8018000a\n\nText.\n\n### Error 80180014\n\n- Fehler 80070005: x\n"
        ));
        assert!(keeps(
            "# Enrollment\n\n### Error 8018000a\n\nText.\n\n### Error 0x80180014\n\n- Fehler 80070005: x\n"
        ));
        assert!(!keeps(
            "# Enrollment\n\nError 8018000a.\n\nError 80180014.\n\nFehler 80070005.\n"
        ));
        assert!(!keeps("- 8018000a\n- 80180014\n"));
        assert!(!keeps(
            "- {8018000a-1111-2222}\n- 80180014-x\n- deadbeef\n- 80070005\n"
        ));
        assert!(keeps(
            "Bad.\n#define NTE_BAD_UID 0x80090001L\nWorse.\n#define NTE_BAD_HASH 0x80090002L\n#define NTE_BAD_KEY 0x80090003L\n"
        ));
    }
}
