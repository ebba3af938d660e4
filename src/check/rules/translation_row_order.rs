//! `translation-row-order`: a translated row out of the source's order.

use std::collections::BTreeSet;

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::normalize::RowCells;

/// The rule.
pub static RULE: Rule = Rule {
    id: "translation-row-order",
    severity: Severity::Warning,
    tags: &["translation"],
    fix: None,
    summary: "A translation lists rows in a different order",
    explanation: "Translations keep the source's row order so that readers and reviewers can compare pages side by side. The rows reported are those off the longest run that keeps the source order.",
    bad_example: "en-us.md: 0x80cf0001, 0x80cf0002\nde-de.md: 0x80cf0002, 0x80cf0001",
    good_example: "en-us.md: 0x80cf0001, 0x80cf0002\nde-de.md: 0x80cf0001, 0x80cf0002",
    rollup: None,
    check,
};

/// The matched rows of a translated table that are not on the longest run
/// keeping the source's order.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for pair in ctx.table_pairs() {
        let Some(translated) = pair.translated_table else {
            continue;
        };
        let aligned = &pair.alignment.rows;
        let order: Vec<usize> = aligned.iter().map(|a| a.source_row).collect();
        let in_order = longest_increasing(&order);
        for (k, a) in aligned.iter().enumerate() {
            if in_order.contains(&k) {
                continue;
            }
            let (Some(source_row), Some(row)) = (
                pair.source_table.rows.get(a.source_row),
                translated.rows.get(a.row),
            ) else {
                continue;
            };
            let source_cells = RowCells::of(pair.source_table, source_row);
            let cells = RowCells::of(translated, row);
            out.push(
                RULE.finding(
                    cells.code_location(),
                    format!(
                        "row {} {} is out of the source's order: in {} it is row {} of the table",
                        cells.code_text(),
                        cells.name_text(),
                        source_cells.code_location().file_line(),
                        a.source_row + 1
                    ),
                )
                .about(None, Some(cells.name_text()))
                .with_related(source_cells.code_location(), "the source row"),
            );
        }
    }
}

/// Indices (into `values`) of one longest strictly increasing subsequence:
/// of the longest ones, the one ending earliest, each element preceded by
/// the earliest element that can precede it. Patience sorting: n log n, so
/// that a shuffled table of any size costs little.
fn longest_increasing(values: &[usize]) -> BTreeSet<usize> {
    // Most translations keep the source's order: the whole sequence.
    if values.windows(2).all(|w| w[0] < w[1]) {
        return (0..values.len()).collect();
    }
    // piles[k]: the indices whose longest run ending there has length k + 1,
    // in order; their values never rise, so each pile's last is its least.
    let mut piles: Vec<Vec<usize>> = Vec::new();
    let mut previous = vec![usize::MAX; values.len()];
    for (i, &value) in values.iter().enumerate() {
        let k = piles.partition_point(|pile| pile.last().is_some_and(|&j| values[j] < value));
        if k > 0 {
            let below = &piles[k - 1];
            let first_smaller = below.partition_point(|&j| values[j] >= value);
            if let Some(&j) = below.get(first_smaller) {
                previous[i] = j;
            }
        }
        match piles.get_mut(k) {
            Some(pile) => pile.push(i),
            None => piles.push(vec![i]),
        }
    }
    let mut keep = BTreeSet::new();
    let Some(mut at) = piles.last().and_then(|pile| pile.first()).copied() else {
        return keep;
    };
    loop {
        keep.insert(at);
        if previous[at] == usize::MAX {
            break;
        }
        at = previous[at];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_one_longest_ordered_run() {
        let keep = longest_increasing(&[0, 1, 3, 2, 4]);
        assert_eq!(keep.len(), 4);
        assert!(!keep.contains(&2) || !keep.contains(&3));
        assert_eq!(longest_increasing(&[0, 1, 2]).len(), 3);
        assert!(longest_increasing(&[]).is_empty());
        // The same choices as the quadratic textbook version.
        let quadratic = |values: &[usize]| -> BTreeSet<usize> {
            let n = values.len();
            let mut length = vec![1usize; n];
            let mut previous = vec![usize::MAX; n];
            for i in 0..n {
                for j in 0..i {
                    if values[j] < values[i] && length[j] + 1 > length[i] {
                        length[i] = length[j] + 1;
                        previous[i] = j;
                    }
                }
            }
            let mut keep = BTreeSet::new();
            let Some(mut at) = (0..n).max_by_key(|&i| (length[i], std::cmp::Reverse(i))) else {
                return keep;
            };
            loop {
                keep.insert(at);
                if previous[at] == usize::MAX {
                    break;
                }
                at = previous[at];
            }
            keep
        };
        let mut seed = 7u64;
        for len in 0..40 {
            let values: Vec<usize> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 33) as usize % 12
                })
                .collect();
            assert_eq!(
                longest_increasing(&values),
                quadratic(&values),
                "{values:?}"
            );
        }
    }
}
