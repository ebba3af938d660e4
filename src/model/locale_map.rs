//! A small map from locale to a value, sorted by locale.

use std::sync::Arc;

use serde::Serialize;
use thin_vec::ThinVec;

/// Values by locale, kept sorted by locale. A record has one entry per
/// locale of its document (a handful), and a large corpus has hundreds of
/// thousands of records: a sorted vector of shared locale names costs a
/// fraction of a `BTreeMap<String, _>` and iterates in the same order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleMap<V> {
    entries: ThinVec<(Arc<str>, V)>,
}

impl<V> Default for LocaleMap<V> {
    fn default() -> Self {
        LocaleMap {
            entries: ThinVec::new(),
        }
    }
}

impl<V> LocaleMap<V> {
    /// An empty map with room for `capacity` locales.
    pub fn with_capacity(capacity: usize) -> Self {
        LocaleMap {
            entries: ThinVec::with_capacity(capacity),
        }
    }

    /// Sets the value of `locale`, replacing any earlier one.
    pub fn insert(&mut self, locale: Arc<str>, value: V) {
        match self.search(&locale) {
            Ok(i) => self.entries[i].1 = value,
            Err(i) => self.entries.insert(i, (locale, value)),
        }
    }

    /// The value of `locale`.
    pub fn get(&self, locale: &str) -> Option<&V> {
        self.search(locale).ok().map(|i| &self.entries[i].1)
    }

    /// True when `locale` has a value.
    pub fn contains_key(&self, locale: &str) -> bool {
        self.search(locale).is_ok()
    }

    /// The number of locales.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no locale has a value.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// (locale, value) pairs in locale order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &V)> {
        self.entries
            .iter()
            .map(|(locale, value)| (&**locale, value))
    }

    /// The locales, in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.entries.iter().map(|(locale, _)| &**locale)
    }

    /// The values, in locale order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &V> {
        self.entries.iter().map(|(_, value)| value)
    }

    fn search(&self, locale: &str) -> Result<usize, usize> {
        self.entries
            .binary_search_by(|(probe, _)| (**probe).cmp(locale))
    }
}

impl<V: Serialize> Serialize for LocaleMap<V> {
    /// As a JSON object, locales in order: what a `BTreeMap` would write.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_locales_sorted_and_replaces() {
        let mut map = LocaleMap::default();
        map.insert("sv-SE".into(), 1);
        map.insert("de-DE".into(), 2);
        map.insert("en-US".into(), 3);
        map.insert("de-DE".into(), 4);
        assert_eq!(map.keys().collect::<Vec<_>>(), ["de-DE", "en-US", "sv-SE"]);
        assert_eq!(map.get("de-DE"), Some(&4));
        assert_eq!(map.get("en-US"), Some(&3));
        assert_eq!(map.get("zh-CN"), None);
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            r#"{"de-DE":4,"en-US":3,"sv-SE":1}"#
        );
    }
}
