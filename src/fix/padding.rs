//! Aligned pipe tables stay aligned. A page whose pipes line up, row under
//! row, loses that when a fix makes a cell's text longer or shorter; the
//! cell's padding takes up the difference where it can, so that the pipe
//! after it stays where it was and the rest of the line is untouched.

use std::ops::{Range, RangeInclusive};

use super::Edit;
use crate::source::SourceFile;

/// `edits` (inside the cells of the pipe table on `lines` of `file`,
/// sorted, not overlapping), with the padding of each edited cell whose
/// column is aligned adjusted: its closing pipe stays at its column when
/// the new text fits the padding. The edits of one cell become one.
pub fn keep_aligned(
    file: &SourceFile,
    lines: RangeInclusive<usize>,
    edits: Vec<Edit>,
) -> Vec<Edit> {
    let mut out = Vec::with_capacity(edits.len());
    let mut pending: Vec<Edit> = Vec::new();
    let mut pending_cell: Option<Range<usize>> = None;
    for edit in edits {
        let cell = cell_around(file, &edit.range);
        if pending_cell.is_some() && pending_cell != cell {
            flush(file, &lines, pending_cell.take(), &mut pending, &mut out);
        }
        pending_cell = cell;
        pending.push(edit);
    }
    flush(file, &lines, pending_cell, &mut pending, &mut out);
    out
}

/// Emits the edits of one cell: as one edit with its padding adjusted
/// when the cell's column is aligned, else as they are.
fn flush(
    file: &SourceFile,
    lines: &RangeInclusive<usize>,
    cell: Option<Range<usize>>,
    edits: &mut Vec<Edit>,
    out: &mut Vec<Edit>,
) {
    let Some(cell) = cell.filter(|cell| is_aligned(file, lines, cell.end)) else {
        out.append(edits);
        return;
    };
    let old = &file.text[cell.clone()];
    let mut new = String::with_capacity(old.len() + 8);
    let mut at = cell.start;
    for edit in edits.drain(..) {
        new.push_str(&file.text[at..edit.range.start]);
        new.push_str(&edit.text);
        at = edit.range.end;
    }
    new.push_str(&file.text[at..cell.end]);
    let repadded = repad(old, &new);
    out.push(Edit::minimal(&file.text, cell, repadded));
}

/// The bytes between the unescaped pipes around `range` on its line, when
/// a pipe closes the cell; `None` otherwise (the last cell of a row written
/// without its closing pipe).
fn cell_around(file: &SourceFile, range: &Range<usize>) -> Option<Range<usize>> {
    let (line, _) = file.line_column(range.start);
    let start = file.offset_of(line, 1)?;
    let text = file.line_text(line)?;
    let pipes = unescaped_pipes(text);
    let relative = range.start - start..range.end - start;
    let open = pipes
        .iter()
        .rev()
        .find(|&&p| p < relative.start)
        .map_or(0, |p| p + 1);
    let close = *pipes.iter().find(|&&p| p >= relative.end)?;
    Some(start + open..start + close)
}

/// The byte offsets of the pipes of a table row that separate cells (not
/// those escaped with a backslash).
fn unescaped_pipes(line: &str) -> Vec<usize> {
    let bytes = line.as_bytes();
    let mut pipes = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'|' => {
                pipes.push(i);
                i += 1;
            }
            _ => i += 1,
        }
    }
    pipes
}

/// True when every line of the table has a cell-separating pipe in the
/// column (in characters) of the pipe at byte `pipe`.
fn is_aligned(file: &SourceFile, lines: &RangeInclusive<usize>, pipe: usize) -> bool {
    let (line, column) = file.line_column(pipe);
    lines.clone().all(|other| {
        other == line
            || file.line_text(other).is_some_and(|text| {
                unescaped_pipes(text)
                    .iter()
                    .any(|&p| text[..p].chars().count() + 1 == column)
            })
    })
}

/// `new` (a cell's text between its pipes after a fix) padded to the width
/// of `old`, as far as its padding allows: spaces added to, or taken from,
/// the side `old` pads (the right, unless it pads the left more, as a
/// right-aligned column does), keeping one space where `old` had one.
fn repad(old: &str, new: &str) -> String {
    let width = |s: &str| s.chars().count();
    let (old_width, new_width) = (width(old), width(new));
    if old_width == new_width {
        return new.to_string();
    }
    let spaces = |s: &str, from_end: bool| {
        let count = |c: &char| *c == ' ';
        if from_end {
            s.chars().rev().take_while(count).count()
        } else {
            s.chars().take_while(count).count()
        }
    };
    let (old_lead, old_trail) = (spaces(old, false), spaces(old, true));
    let right_aligned = old_lead > old_trail;
    let mut lead = spaces(new, false);
    let mut trail = if lead == new.len() {
        0
    } else {
        spaces(new, true)
    };
    let content = &new[lead..new.len() - trail];
    if new_width < old_width {
        let missing = old_width - new_width;
        if right_aligned {
            lead += missing;
        } else {
            trail += missing;
        }
    } else {
        let mut excess = new_width - old_width;
        let mut take = |padding: &mut usize, kept: usize| {
            let spare = padding.saturating_sub(kept.min(1));
            let taken = spare.min(excess);
            *padding -= taken;
            excess -= taken;
        };
        if right_aligned {
            take(&mut lead, old_lead);
            take(&mut trail, old_trail);
        } else {
            take(&mut trail, old_trail);
            take(&mut lead, old_lead);
        }
    }
    format!("{}{content}{}", " ".repeat(lead), " ".repeat(trail))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(text: &str) -> SourceFile {
        SourceFile::from_text(PathBuf::from("t.md"), "t.md".into(), text.into())
    }

    fn apply(text: &str, edits: &[Edit]) -> String {
        let mut out = text.to_string();
        for e in edits.iter().rev() {
            out.replace_range(e.range.clone(), &e.text);
        }
        out
    }

    #[test]
    fn padding_takes_up_the_difference() {
        assert_eq!(repad(" 0x8024200  ", " 0x80242000  "), " 0x80242000 ");
        assert_eq!(repad(" -4294967296 ", " 0 "), " 0           ");
        assert_eq!(repad("   12 ", "   123 "), "  123 ");
        // Too long to fit: one space kept.
        assert_eq!(repad(" ab ", " abcd "), " abcd ");
        assert_eq!(repad("ab", "abc"), "abc");
    }

    #[test]
    fn aligned_columns_stay_aligned() {
        let text = "| Code       | Decimal     |\r\n|------------|-------------|\r\n| 0x00000000 | -4294967296 |\r\n| 0x8024200  | 5           |\r\n";
        let f = file(text);
        let at = text.find("-4294967296").unwrap();
        let code = text.find("0x8024200 ").unwrap() + "0x8024200".len();
        let edits = vec![
            Edit {
                range: at..at + 11,
                text: "0".into(),
            },
            Edit {
                range: code..code,
                text: "0".into(),
            },
        ];
        let fixed = apply(text, &keep_aligned(&f, 1..=4, edits));
        assert_eq!(
            fixed,
            "| Code       | Decimal     |\r\n|------------|-------------|\r\n| 0x00000000 | 0           |\r\n| 0x80242000 | 5           |\r\n"
        );
    }

    #[test]
    fn compact_tables_are_left_compact() {
        let text = "|Code|Name|\n|---|---|\n|0x8024200|A|\n";
        let f = file(text);
        let code = text.find("0x8024200").unwrap() + 9;
        let edits = vec![Edit {
            range: code..code,
            text: "0".into(),
        }];
        assert_eq!(
            apply(text, &keep_aligned(&f, 1..=3, edits)),
            "|Code|Name|\n|---|---|\n|0x80242000|A|\n"
        );
    }
}
