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

/// Facts with three indexes: positions sorted by name ignoring case (then
/// by exact name), (value, position) pairs sorted by value, and a hash of
/// each name ignoring case to where its spellings are in the first.
#[derive(Debug, Clone)]
pub(crate) struct FactTable<R> {
    rows: R,
    by_name: Vec<u32>,
    by_value: Vec<(u32, u32)>,
    /// [`upper_hash`] of each name to the range of `by_name` that holds its
    /// spellings (they sort together); [`COLLISION`] where two names share a
    /// hash, which then need the binary search. A check runs a lookup by
    /// name per documented code, and a binary search over 18,000 names
    /// costs ten times a hash lookup.
    by_upper_hash: rustc_hash::FxHashMap<u64, (u32, u32)>,
}

/// Marks a hash that two different names (ignoring case) share.
const COLLISION: (u32, u32) = (u32::MAX, 0);

/// A hash of a name's ASCII upper-case form, without allocating it.
fn upper_hash(name: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    for byte in name.bytes() {
        hasher.write_u8(byte.to_ascii_uppercase());
    }
    hasher.write_usize(name.len());
    hasher.finish()
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
        let mut by_upper_hash = rustc_hash::FxHashMap::default();
        by_upper_hash.reserve(by_name.len());
        let mut start = 0;
        while start < by_name.len() {
            let name = rows.fact(by_name[start] as usize).name;
            let length = by_name[start..]
                .iter()
                .take_while(|&&index| rows.fact(index as usize).name.eq_ignore_ascii_case(name))
                .count();
            let range = (
                u32::try_from(start).unwrap_or(u32::MAX),
                u32::try_from(length).unwrap_or(0),
            );
            by_upper_hash
                .entry(upper_hash(name))
                .and_modify(|known| *known = COLLISION)
                .or_insert(range);
            start += length.max(1);
        }
        FactTable {
            rows,
            by_name,
            by_value,
            by_upper_hash,
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
    pub(crate) fn named_ignore_case(&self, name: &str) -> Vec<Fact<'_>> {
        match self.by_upper_hash.get(&upper_hash(name)) {
            None => Vec::new(),
            Some(&range) if range == COLLISION => self
                .name_range(|candidate| cmp_ignore_case(candidate, name))
                .collect(),
            // A name that is not in the table may share a hash with one
            // that is.
            Some(&(start, length)) => self.by_name[start as usize..(start + length) as usize]
                .iter()
                .map(|&index| self.rows.fact(index as usize))
                .filter(|fact| fact.name.eq_ignore_ascii_case(name))
                .collect(),
        }
    }

    /// The fact named exactly `name`, if any: a binary search among the
    /// spellings of `name` (a user file may hold thousands of them).
    pub(crate) fn named(&self, name: &str) -> Option<Fact<'_>> {
        let range = match *self.by_upper_hash.get(&upper_hash(name))? {
            COLLISION => &self.by_name[..],
            (start, length) => &self.by_name[start as usize..(start + length) as usize],
        };
        // Sorted by name ignoring case, then by exact name.
        let at = range.partition_point(|&index| {
            let candidate = self.rows.fact(index as usize).name;
            cmp_ignore_case(candidate, name).then_with(|| candidate.cmp(name)) == Ordering::Less
        });
        let fact = self.rows.fact(*range.get(at)? as usize);
        (fact.name == name).then_some(fact)
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
        // The matches follow: few for a name, and read anyway for a prefix,
        // so walking them costs less than a second binary search.
        let length = self.by_name[start..]
            .iter()
            .take_while(|index| position(name_of(index)) == Ordering::Equal)
            .count();
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
