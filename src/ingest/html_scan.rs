//! Finding HTML in raw text: tags, comments and table boundaries, by a
//! scan of the bytes (the HTML parser keeps no source positions, and the
//! Markdown parser hands HTML over line by line).

use std::ops::Range;

/// Finds `needle` (ASCII, lower case) in `haystack`, ignoring ASCII case.
pub fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The byte offset just after the `</table>` that closes the table opened at
/// `start`, counting nested tables and skipping comments; `None` when it is
/// never closed.
pub fn table_end(text: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut offset = start;
    while let Some(lt) = text.get(offset..).and_then(|rest| rest.find('<')) {
        let at = offset + lt;
        let rest = &text[at..];
        if rest.starts_with("<!--") {
            offset = rest.find("-->").map_or(text.len(), |end| at + end + 3);
            continue;
        }
        if starts_with_tag(rest, "<table") {
            depth += 1;
        } else if starts_with_ci(rest, "</table") {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(rest.find('>').map_or(text.len(), |gt| at + gt + 1));
            }
        }
        offset = at + 1;
    }
    None
}

/// The byte ranges of the HTML comments (`<!-- ... -->`) in `text`; an
/// unclosed comment runs to the end.
pub fn comment_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut offset = 0;
    while let Some(start) = text[offset..].find("<!--") {
        let start = offset + start;
        let end = text[start + 4..]
            .find("-->")
            .map_or(text.len(), |e| start + 4 + e + 3);
        ranges.push(start..end);
        offset = end;
    }
    ranges
}

/// Every `<table` outside comments in a text and the end of the table it
/// opens, found in one pass: what [`table_starts`] and [`table_end`] give,
/// without scanning the rest of the text again for each table (a page of
/// thousands of unclosed or commented tables made that quadratic).
#[derive(Debug, Default)]
pub struct TableIndex {
    /// Each table's start and, when it is closed, the offset just after
    /// its `</table>`; sorted by start.
    tables: Vec<(usize, Option<usize>)>,
}

impl TableIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> TableIndex {
        let mut tables: Vec<(usize, Option<usize>)> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut offset = 0;
        // The next `>` from the last search (`text.len()` for none).
        let mut next_gt = 0;
        while let Some(lt) = text.get(offset..).and_then(|rest| rest.find('<')) {
            let at = offset + lt;
            let rest = &text[at..];
            if rest.starts_with("<!--") {
                offset = rest.find("-->").map_or(text.len(), |end| at + end + 3);
                continue;
            }
            if starts_with_tag(rest, "<table") {
                open.push(tables.len());
                tables.push((at, None));
            } else if starts_with_ci(rest, "</table")
                && let Some(opened) = open.pop()
            {
                if next_gt < at {
                    next_gt = rest.find('>').map_or(text.len(), |gt| at + gt);
                }
                tables[opened].1 = Some((next_gt + 1).min(text.len()));
            }
            offset = at + 1;
        }
        TableIndex { tables }
    }

    /// Where each table starts in `range`.
    pub fn starts_in(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let first = self
            .tables
            .partition_point(|(start, _)| *start < range.start);
        self.tables[first..]
            .iter()
            .map(|(start, _)| *start)
            .take_while(move |start| *start < range.end)
    }

    /// The offset just after the `</table>` that closes the table at
    /// `start`; `None` when it is never closed (or no table starts there).
    pub fn end_of(&self, start: usize) -> Option<usize> {
        let i = self.tables.partition_point(|(s, _)| *s < start);
        self.tables.get(i).filter(|(s, _)| *s == start)?.1
    }
}

/// Where each `<table` outside comments starts, in `range` of `text`.
pub fn table_starts(text: &str, range: Range<usize>, comments: &[Range<usize>]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut offset = range.start;
    while offset < range.end {
        let Some(found) = text
            .get(offset..range.end)
            .and_then(|slice| find_ascii_ci(slice, "<table"))
        else {
            break;
        };
        let at = offset + found;
        // `comments` is sorted: the one that may hold `at` is the last
        // that starts before it.
        let before = comments.partition_point(|c| c.start <= at);
        let in_comment = before > 0 && comments[before - 1].contains(&at);
        if starts_with_tag(&text[at..], "<table") && !in_comment {
            starts.push(at);
        }
        offset = at + 1;
    }
    starts
}

/// The `name` or `id` of an `<a>` tag, as in
/// `<a name="software-update-agent-error-codes"></a>`.
pub fn anchor_name(html: &str) -> Option<String> {
    let start = find_ascii_ci(html, "<a ")?;
    let tag = &html[start..];
    let tag = &tag[..tag.find('>')?];
    for attr in ["name=", "id="] {
        if let Some(at) = find_ascii_ci(tag, attr) {
            let value = &tag[at + attr.len()..];
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &value[1..];
                return Some(value[..value.find(quote)?].to_string());
            }
        }
    }
    None
}

/// The `id` of a `<span>` tag at the start of `html` (`<span
/// id="FWP_E_IN_USE"></span>`), the anchors SDK pages put before each
/// entry's name; `None` for any other HTML.
pub fn span_id(html: &str) -> Option<String> {
    let tag = html.trim_start();
    if !starts_with_ci(tag, "<span") {
        return None;
    }
    let tag = &tag[..tag.find('>')?];
    let at = find_ascii_ci(tag, " id=")?;
    let value = &tag[at + 4..];
    let quote = value.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let value = &value[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// True when `text` starts with `prefix` (ASCII, lower case), ignoring
/// ASCII case.
pub fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// True when `text` opens the tag `prefix` (`<td` but not `<tdx`).
pub fn starts_with_tag(text: &str, prefix: &str) -> bool {
    starts_with_ci(text, prefix)
        && text[prefix.len()..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_index_agrees_with_the_scans() {
        let text = "<table><tr><td><table></table></td></tr></table> <!-- <table> --> <TABLE x>\n<table></table";
        let index = TableIndex::new(text);
        let comments = comment_ranges(text);
        let starts: Vec<usize> = index.starts_in(0..text.len()).collect();
        assert_eq!(starts, table_starts(text, 0..text.len(), &comments));
        for start in starts {
            assert_eq!(index.end_of(start), table_end(text, start), "{start}");
        }
        // Thousands of unclosed tables, each in its own block.
        let many = "<table>\n\n".repeat(50_000);
        let index = TableIndex::new(&many);
        assert_eq!(index.starts_in(0..many.len()).count(), 50_000);
        assert_eq!(index.end_of(0), None);
    }

    #[test]
    fn anchors_and_table_ends() {
        assert_eq!(
            anchor_name("<a name=\"abc-def\"></a>").as_deref(),
            Some("abc-def")
        );
        assert_eq!(anchor_name("<b>"), None);
        let text = "<table><tr><td><table></table></td></tr></table>tail";
        assert_eq!(table_end(text, 0).map(|end| &text[end..]), Some("tail"));
        assert_eq!(table_end("<table><tr>", 0), None);
        // A </table> inside a comment does not close the table.
        let text = "<table><!-- </table> --><tr></tr></table>x";
        assert_eq!(table_end(text, 0).map(|end| &text[end..]), Some("x"));
        assert_eq!(comment_ranges("a<!--b-->c<!--d"), vec![1..9, 10..15]);
    }
}
