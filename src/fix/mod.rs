//! Fixes applied to the pages: the suggested fixes of the check's findings
//! turned into edits of the files' bytes, and the files written back.
//!
//! - [`mod@plan`]: which fixes apply (by applicability and rule, never a
//!   suppressed finding's, which the check has already dropped), the cell
//!   (or front matter value) each one changes, the same fix in each
//!   translation whose row says the same wrong thing, and edits that do not
//!   overlap;
//! - [`locate`]: where a fix's text is written in a cell, and the bytes
//!   that write the new text, only the characters that change rewritten;
//! - [`padding`]: aligned pipe tables kept aligned;
//! - [`mod@write`]: each file written atomically, and only if it has not
//!   changed since it was read.
//!
//! Every edit replaces bytes inside one cell (or one front matter value or
//! heading anchor): line endings, a byte-order mark, entities, indentation
//! and the `<td>`'s attributes are never touched.

pub mod locate;
pub mod padding;
pub mod plan;
pub mod write;

use std::ops::Range;

pub use plan::{
    AppliedFix, FilePlan, Plan, PlanInput, Selection, Unplaced, plan, replacements_by_finding,
};

/// One edit of a file's text: the bytes at `range` replaced by `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes replaced (offsets in the text, a byte-order mark not
    /// counted).
    pub range: Range<usize>,
    /// What is written instead.
    pub text: String,
}

impl Edit {
    /// The edit that turns `text[range]` into `new`, without the
    /// characters at either end that stay as they are.
    pub fn minimal(text: &str, range: Range<usize>, new: String) -> Edit {
        let old = &text[range.clone()];
        let prefix: usize = old
            .chars()
            .zip(new.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let suffix: usize = old[prefix..]
            .chars()
            .rev()
            .zip(new[prefix..].chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        Edit {
            range: range.start + prefix..range.end - suffix,
            text: new[prefix..new.len() - suffix].to_string(),
        }
    }
}

/// `text` with `edits` (sorted, not overlapping) applied.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.text);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_edits_keep_what_does_not_change() {
        let text = "| 2147942487 |";
        let edit = Edit::minimal(text, 1..13, " -2147024809 ".into());
        assert_eq!(apply(text, std::slice::from_ref(&edit)), "| -2147024809 |");
        assert_eq!(edit.range, 2..12);
        let text = "é1";
        let edit = Edit::minimal(text, 0..3, "è1".into());
        assert_eq!(edit.range, 0..2);
        assert_eq!(edit.text, "è");
    }
}
