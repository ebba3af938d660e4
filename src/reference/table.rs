//! A table of reference facts with its name and value indexes.

use std::cmp::Ordering;

use super::Fact;
use super::names::{cmp_ignore_case, starts_with_ignore_case};

/// Rows a [`FactTable`] indexes: anything that can show its i-th fact.
pub(crate) trait FactRows {
    /// How many facts there are.
    fn len(&self) -> usize;
    /// The i-th fact; `index < len()`.
    fn fact(&self, index: usize) -> Fact<'_>;
}

impl FactRows for Vec<Fact<'static>> {
    fn len(&self) -> usize {
        <[Fact<'static>]>::len(self)
    }

    fn fact(&self, index: usize) -> Fact<'_> {
        self[index]
    }
}

/// Facts with two indexes: positions sorted by name ignoring case (then by
/// exact name), and (value, position) pairs sorted by value.
#[derive(Debug, Clone)]
pub(crate) struct FactTable<R> {
    rows: R,
    by_name: Vec<u32>,
    by_value: Vec<(u32, u32)>,
}

impl<R: FactRows> FactTable<R> {
    /// Indexes the rows.
    pub(crate) fn new(rows: R) -> Self {
        let count = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        let mut by_name: Vec<u32> = (0..count).collect();
        // The SDK rows come sorted this way already, which the sort detects
        // in one pass.
        by_name.sort_by(|&a, &b| {
            let (a, b) = (rows.fact(a as usize).name, rows.fact(b as usize).name);
            cmp_ignore_case(a, b).then_with(|| a.cmp(b))
        });
        let mut by_value: Vec<(u32, u32)> = (0..count)
            .map(|index| (rows.fact(index as usize).value, index))
            .collect();
        by_value.sort_unstable();
        FactTable {
            rows,
            by_name,
            by_value,
        }
    }

    /// The rows.
    pub(crate) fn rows(&self) -> &R {
        &self.rows
    }

    /// How many facts the table holds.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// Every fact, in name order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Fact<'_>> + '_ {
        self.by_name
            .iter()
            .map(|&index| self.rows.fact(index as usize))
    }

    /// The facts whose name equals `name` ignoring case.
    pub(crate) fn named_ignore_case(&self, name: &str) -> impl Iterator<Item = Fact<'_>> + '_ {
        self.name_range(|candidate| cmp_ignore_case(candidate, name))
    }

    /// The fact named exactly `name`, if any.
    pub(crate) fn named(&self, name: &str) -> Option<Fact<'_>> {
        self.named_ignore_case(name).find(|fact| fact.name == name)
    }

    /// The facts whose name starts with `prefix`, ignoring case.
    pub(crate) fn with_prefix(&self, prefix: &str) -> impl Iterator<Item = Fact<'_>> + '_ {
        self.name_range(|candidate| {
            if starts_with_ignore_case(candidate, prefix) {
                Ordering::Equal
            } else {
                cmp_ignore_case(candidate, prefix)
            }
        })
    }

    /// The facts, in name order, for which `position` is `Equal`; `position`
    /// must say `Less` for every name before them and `Greater` after.
    fn name_range(
        &self,
        position: impl Fn(&str) -> Ordering,
    ) -> impl Iterator<Item = Fact<'_>> + '_ {
        let name_of = |index: &u32| self.rows.fact(*index as usize).name;
        let start = self
            .by_name
            .partition_point(|index| position(name_of(index)) == Ordering::Less);
        let length = self.by_name[start..]
            .partition_point(|index| position(name_of(index)) == Ordering::Equal);
        self.by_name[start..start + length]
            .iter()
            .map(|&index| self.rows.fact(index as usize))
    }

    /// The facts with this value, in name order.
    pub(crate) fn with_value(&self, value: u32) -> impl Iterator<Item = Fact<'_>> + '_ {
        let start = self.by_value.partition_point(|&(v, _)| v < value);
        let mut positions: Vec<u32> = self.by_value[start..]
            .iter()
            .take_while(|&&(v, _)| v == value)
            .map(|&(_, index)| index)
            .collect();
        positions.sort_by(|&a, &b| {
            let (a, b) = (
                self.rows.fact(a as usize).name,
                self.rows.fact(b as usize).name,
            );
            cmp_ignore_case(a, b).then_with(|| a.cmp(b))
        });
        positions
            .into_iter()
            .map(|index| self.rows.fact(index as usize))
    }
}
