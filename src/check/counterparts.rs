//! What the counterpart rules share: `OM_*` codes are `WU_*` codes with
//! facility 0x024 replaced by 0x0CF, so each `OM` record whose mirrored
//! code is in the dataset pairs with that `WU` record. Also what two rules
//! need of the pairs' descriptions: whether one side reads like another
//! code's counterpart (`counterpart-description-mismatch`) or the two have
//! little in common (`counterpart-description-divergent`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use super::tokens::{each_content_word, id_similarity, significant_numbers};
use crate::model::{Family, Record, counterpart_code};
use crate::source::Location;

/// A `WU` record and the `OM` record that mirrors it.
#[derive(Debug, Clone, Copy)]
pub struct CounterpartPair<'a> {
    /// The Windows Update code.
    pub wu: &'a Record,
    /// Its Intune mirror.
    pub om: &'a Record,
}

/// The pairs of a dataset, and the analyses of them that rules share.
pub struct Counterparts<'a> {
    /// Every pair, in the order of the `OM` records.
    pub pairs: Vec<CounterpartPair<'a>>,
    /// Every `WU` record, in dataset order (empty when the dataset has no
    /// `OM` record: there is nothing to compare).
    pub wu: Vec<&'a Record>,
    /// Every `OM` record, likewise.
    pub om: Vec<&'a Record>,
    verdicts: OnceLock<Vec<DescriptionVerdict<'a>>>,
    /// The addresses of the records of pairs whose names differ after the
    /// prefix.
    differing_names: OnceLock<rustc_hash::FxHashSet<usize>>,
}

/// What the descriptions of one pair say about each other.
#[derive(Debug, Clone, Copy)]
pub enum DescriptionVerdict<'a> {
    /// Nothing worth a finding.
    Consistent,
    /// `record`'s description reads like that of `other`, a code of its
    /// counterpart's family, rather than like its own counterpart's.
    Copied {
        /// The record whose description is suspect.
        record: &'a Record,
        /// Its counterpart.
        counterpart: &'a Record,
        /// The record whose description it resembles.
        other: &'a Record,
    },
    /// The two descriptions share almost no content words.
    Divergent,
}

impl<'a> Counterparts<'a> {
    /// Pairs the `WU` and `OM` records of `records`.
    pub fn new(records: &'a [Record]) -> Self {
        let wu: Vec<&Record> = records.iter().filter(|r| r.family == Family::Wu).collect();
        let om: Vec<&Record> = records.iter().filter(|r| r.family == Family::Om).collect();
        if wu.is_empty() || om.is_empty() {
            return Counterparts {
                pairs: Vec::new(),
                wu: Vec::new(),
                om: Vec::new(),
                verdicts: OnceLock::new(),
                differing_names: OnceLock::new(),
            };
        }
        // Where a code is listed twice, its last record is the one paired,
        // one in the OM record's language first: translations checked as
        // documents of their own (`check DIR`) list every code again.
        let wu_by_code: HashMap<u32, &Record> = wu.iter().map(|r| (r.code.value(), *r)).collect();
        let wu_by_code_and_language: HashMap<(u32, &str), &Record> = wu
            .iter()
            .map(|r| ((r.code.value(), language_of(r)), *r))
            .collect();
        let pairs = om
            .iter()
            .filter_map(|&om| {
                let code = counterpart_code(om.family, om.code)?.value();
                let wu = wu_by_code_and_language
                    .get(&(code, language_of(om)))
                    .or_else(|| wu_by_code.get(&code))?;
                Some(CounterpartPair { wu, om })
            })
            .collect();
        Counterparts {
            pairs,
            wu,
            om,
            verdicts: OnceLock::new(),
            differing_names: OnceLock::new(),
        }
    }

    /// True when `record` is one side of a pair whose names differ after
    /// the prefix (`counterpart-name-mismatch` reports those).
    pub fn names_differ(&self, record: &Record) -> bool {
        self.differing_names
            .get_or_init(|| {
                self.pairs
                    .iter()
                    .filter(|pair| match (name_suffix(pair.wu), name_suffix(pair.om)) {
                        (Some(wu), Some(om)) => !wu.eq_ignore_ascii_case(om),
                        _ => false,
                    })
                    .flat_map(|pair| [address(pair.wu), address(pair.om)])
                    .collect()
            })
            .contains(&address(record))
    }

    /// The `WU` and `OM` records that share a name after the prefix but
    /// whose codes do not mirror each other (where one name is listed
    /// twice, its last `OM` record), in `WU` record order.
    pub fn same_name_other_code(&self) -> Vec<CounterpartPair<'a>> {
        let om_by_suffix: BTreeMap<String, &Record> = self
            .om
            .iter()
            .filter_map(|r| name_suffix(r).map(|s| (s.to_ascii_uppercase(), *r)))
            .collect();
        self.wu
            .iter()
            .filter_map(|&wu| {
                let om = *om_by_suffix.get(&name_suffix(wu)?.to_ascii_uppercase())?;
                (counterpart_code(wu.family, wu.code) != Some(om.code))
                    .then_some(CounterpartPair { wu, om })
            })
            .collect()
    }

    /// For each pair (in [`Counterparts::pairs`] order), what its
    /// descriptions say about each other.
    pub fn description_verdicts(&self) -> &[DescriptionVerdict<'a>] {
        self.verdicts
            .get_or_init(|| description_verdicts(&self.pairs, &self.wu, &self.om))
    }
}

/// What the rules that compare records across documents
/// ([`crate::check::ACROSS_DOCUMENTS`]) read of one document's records:
/// every record (`counterpart-name-mismatch` looks for a name's words in
/// every name and description, `counterpart-number-mismatch` quotes a
/// pair's neighbour), in its order, cut to its code, name, family,
/// document, section, counterpart, first row and that row's description.
/// `check`, which writes no dataset, keeps only this of a document once
/// its own rules have run: on a corpus of translated pages, the
/// translations' rows and descriptions are most of the records' memory.
pub fn what_pairs_read(records: Vec<Record>) -> Vec<Record> {
    records.into_iter().map(cut_to_what_pairs_read).collect()
}

/// A record with only what [`what_pairs_read`] keeps.
fn cut_to_what_pairs_read(record: Record) -> Record {
    let first = record.sources.into_iter().next();
    let mut descriptions = crate::model::LocaleMap::with_capacity(1);
    if let Some(source) = &first
        && let Some(text) = record.descriptions.get(&source.locale)
    {
        descriptions.insert(source.locale.clone(), text.clone());
    }
    Record {
        code: record.code,
        name: record.name,
        aliases: thin_vec::ThinVec::new(),
        family: record.family,
        document: record.document,
        section: record.section,
        descriptions,
        descriptions_markdown: Default::default(),
        documented_decimal: None,
        counterpart: record.counterpart,
        sources: first.into_iter().collect(),
        raw: Default::default(),
        normalizations: thin_vec::ThinVec::new(),
        repairs: thin_vec::ThinVec::new(),
    }
}

/// A record's address, which identifies it within one dataset.
fn address(record: &Record) -> usize {
    record as *const Record as usize
}

/// The name after its family prefix: `NO_SERVICE` for `WU_E_NO_SERVICE`.
pub fn name_suffix(record: &Record) -> Option<&str> {
    let prefix = record.family.prefix()?;
    record.name.get(prefix.len()..)
}

/// Where a record's source row is (its code cell).
pub fn record_place(record: &Record) -> Location {
    record.sources.first().map_or_else(
        || Location {
            file: "".into(),
            line: 1,
            column: 1,
        },
        |s| Location {
            file: s.file.clone(),
            line: s.line as usize,
            column: s.column as usize,
        },
    )
}

/// Where a record's source-language description is (its code cell when the
/// row has no description).
pub fn description_place(record: &Record) -> Location {
    record.sources.first().map_or_else(
        || record_place(record),
        |s| {
            let (line, column) = s
                .cells
                .description
                .map_or((s.line, s.column), |c| (c.line, c.column));
            Location {
                file: s.file.clone(),
                line: line as usize,
                column: column as usize,
            }
        },
    )
}

/// The language of a record's source-locale description: its locale's
/// primary subtag (`de` of `de-DE`; `zh` of both `zh-Hans` and `zh-Hant`).
fn language_of(record: &Record) -> &str {
    record
        .sources
        .first()
        .map_or("", |s| s.locale.split(['-', '_']).next().unwrap_or(""))
}

/// True when the source-locale descriptions of `a` and `b` are in one
/// language (`en-US` and `en-GB` are; `en-US` and `de-DE` are not).
fn same_language(a: &Record, b: &Record) -> bool {
    language_of(a).eq_ignore_ascii_case(language_of(b))
}

/// The source-locale description of a record.
pub fn source_description(record: &Record) -> &str {
    record
        .sources
        .first()
        .and_then(|s| record.descriptions.get(&s.locale))
        .map_or("", |text| text)
}

/// Content words as ids, so that a set of them is a sorted list of numbers
/// and comparing two sets allocates nothing.
#[derive(Default)]
struct WordIds {
    ids: HashMap<String, u32>,
}

impl WordIds {
    /// The sorted, duplicate-free ids of the content words of `text`.
    fn of(&mut self, text: &str) -> Vec<u32> {
        let mut set = Vec::new();
        each_content_word(text, |word| {
            let next = self.ids.len() as u32;
            let id = match self.ids.get(word) {
                Some(&id) => id,
                None => *self.ids.entry(word.to_string()).or_insert(next),
            };
            set.push(id);
        });
        set.sort_unstable();
        set.dedup();
        set
    }
}

/// The descriptions of one document's codes of one family, with an
/// inverted index from word to codes, so that finding the most similar
/// description costs the postings of a description's words, not a
/// comparison with every code.
struct DescriptionIndex<'a> {
    /// Each record and its words, in the dataset's order (so by address:
    /// the records are one slice).
    entries: Vec<(&'a Record, Vec<u32>)>,
    /// Every (word, entry) pair, sorted: a corpus has an index per
    /// document and family, thousands, and a sorted vector is a third of
    /// the memory of a map of vectors, for the time the last step runs.
    postings: Vec<(u32, u32)>,
    /// Shared words per entry, and the entries counted, for `most_similar`:
    /// kept between calls so that a call costs the postings it reads, not
    /// the size of the index.
    scratch: std::cell::RefCell<(Vec<u32>, Vec<u32>)>,
}

impl<'a> DescriptionIndex<'a> {
    /// The index of `records`, which must be in the order of the one slice
    /// they are in (by address): [`DescriptionIndex::words_of`] finds a
    /// record by its address.
    fn new(records: impl Iterator<Item = &'a Record>, ids: &mut WordIds) -> Self {
        let entries: Vec<(&Record, Vec<u32>)> = records
            .map(|r| (r, ids.of(source_description(r))))
            .collect();
        debug_assert!(entries.is_sorted_by_key(|(r, _)| address(r)));
        let mut postings: Vec<(u32, u32)> = entries
            .iter()
            .enumerate()
            .flat_map(|(i, (_, words))| words.iter().map(move |&word| (word, i as u32)))
            .collect();
        postings.sort_unstable();
        let scratch = std::cell::RefCell::new((vec![0; entries.len()], Vec::new()));
        DescriptionIndex {
            entries,
            postings,
            scratch,
        }
    }

    /// The content words of a record of this index.
    fn words_of(&self, record: &Record) -> Option<&[u32]> {
        let i = self
            .entries
            .binary_search_by_key(&address(record), |(r, _)| address(r))
            .ok()?;
        self.entries.get(i).map(|(_, words)| words.as_slice())
    }

    /// The entries whose description has `word`.
    fn with_word(&self, word: u32) -> impl Iterator<Item = u32> + '_ {
        let start = self.postings.partition_point(|&(w, _)| w < word);
        self.postings[start..]
            .iter()
            .take_while(move |&&(w, _)| w == word)
            .map(|&(_, i)| i)
    }

    /// The entry (other than `skip`) whose description is most like
    /// `mine`: (similarity, record, shared words). Ties go to the lowest
    /// code, then the first row, so the answer is deterministic.
    fn most_similar(&self, mine: &[u32], skip: &Record) -> Option<(f64, &'a Record, usize)> {
        let mut scratch = self.scratch.borrow_mut();
        let (shared, touched) = &mut *scratch;
        for word in mine {
            for i in self.with_word(*word) {
                if shared[i as usize] == 0 {
                    touched.push(i);
                }
                shared[i as usize] += 1;
            }
        }
        let best = touched
            .iter()
            .map(|&i| (i as usize, shared[i as usize] as usize))
            .filter(|&(i, _)| !std::ptr::eq(self.entries[i].0, skip))
            .map(|(i, n)| {
                let (record, words) = &self.entries[i];
                let union = mine.len() + words.len() - n;
                (n as f64 / union.max(1) as f64, *record, n, i)
            })
            .max_by(|a, b| {
                a.0.total_cmp(&b.0)
                    .then_with(|| b.1.code.cmp(&a.1.code))
                    .then_with(|| b.3.cmp(&a.3))
            })
            .map(|(score, record, n, _)| (score, record, n));
        for &i in touched.iter() {
            shared[i as usize] = 0;
        }
        touched.clear();
        best
    }
}

/// The content words of `record`, from its document's index.
fn words_in<'i, 'r>(
    indexes: &'i BTreeMap<(Family, &'r str), DescriptionIndex<'r>>,
    record: &'r Record,
) -> Option<&'i [u32]> {
    indexes
        .get(&(record.family, record.document.as_ref()))
        .and_then(|index| index.words_of(record))
}

/// What each pair's descriptions say about each other: does one side
/// describe a different code of the other family, or have the two little
/// in common?
fn description_verdicts<'a>(
    pairs: &[CounterpartPair<'a>],
    wu: &[&'a Record],
    om: &[&'a Record],
) -> Vec<DescriptionVerdict<'a>> {
    // One index per (family, document): a description is compared with the
    // codes of its counterpart's document.
    let mut indexes: BTreeMap<(Family, &str), DescriptionIndex> = BTreeMap::new();
    let mut ids = WordIds::default();
    for family in [wu, om] {
        let mut by_document: BTreeMap<(Family, &str), Vec<&Record>> = BTreeMap::new();
        for r in family {
            by_document
                .entry((r.family, r.document.as_ref()))
                .or_default()
                .push(r);
        }
        for (key, records) in by_document {
            indexes.insert(key, DescriptionIndex::new(records.into_iter(), &mut ids));
        }
    }
    pairs
        .iter()
        .map(|&CounterpartPair { wu, om }| {
            // Descriptions in two languages share few words whatever they
            // say (a German page's OM code beside an English page's WU
            // code): there is nothing to compare.
            if !same_language(wu, om) {
                return DescriptionVerdict::Consistent;
            }
            let (Some(wu_words), Some(om_words)) = (words_in(&indexes, wu), words_in(&indexes, om))
            else {
                return DescriptionVerdict::Consistent;
            };
            if wu_words.is_empty() || om_words.is_empty() {
                return DescriptionVerdict::Consistent;
            }
            let own = id_similarity(wu_words, om_words);
            // Does one side describe a different code of the other family?
            // Only a pair with little in common can (both tests below need
            // `own` under 0.25): most pairs skip the search.
            let sides = [(wu, wu_words, om), (om, om_words, wu)];
            let candidates = if own < 0.25 { &sides[..] } else { &[] };
            let copied = candidates
                .iter()
                .copied()
                .filter_map(|(record, words, counterpart)| {
                    let index =
                        indexes.get(&(counterpart.family, counterpart.document.as_ref()))?;
                    let (score, other, shared) = index.most_similar(words, counterpart)?;
                    // Clearly closer to another code than to its own; or
                    // nothing in common with its own and several words with
                    // the code next to its counterpart (a row copied from
                    // its neighbour).
                    let clearly = score >= 0.4 && score >= own + 0.25 && own < 0.25;
                    let next_door = other.code.value().abs_diff(counterpart.code.value()) <= 2;
                    let only_other = own == 0.0 && score >= 0.2 && shared >= 2 && next_door;
                    // Quoted numbers that agree with its own counterpart
                    // (HTTP 401 and 401) say it describes the right code.
                    let numbers_agree = || {
                        let numbers = significant_numbers(source_description(record));
                        !numbers.is_empty()
                            && numbers == significant_numbers(source_description(counterpart))
                    };
                    ((clearly || only_other) && !numbers_agree()).then_some((
                        record,
                        counterpart,
                        other,
                        score,
                    ))
                })
                .max_by(|a, b| a.3.total_cmp(&b.3));
            if let Some((record, counterpart, other, _)) = copied {
                DescriptionVerdict::Copied {
                    record,
                    counterpart,
                    other,
                }
            } else if own < 0.1 && wu_words.len() >= 3 && om_words.len() >= 3 {
                DescriptionVerdict::Divergent
            } else {
                DescriptionVerdict::Consistent
            }
        })
        .collect()
}
