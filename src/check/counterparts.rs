//! WU codes against their OM counterparts: `OM_*` codes are `WU_*` codes
//! with facility 0x024 replaced by 0x0CF. Names, numbers quoted in the
//! descriptions, the descriptions' meaning, severity, and coverage.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use super::rules;
use super::tokens::{each_content_word, id_similarity, significant_numbers, words};
use crate::Project;
use crate::finding::{Confidence, Finding, Fix};
use crate::model::{Family, Record, counterpart_code};
use crate::source::Location;

/// Codes of one document with no counterpart in the dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CounterpartCoverage {
    /// The document.
    pub document: String,
    /// Its family (`WU` or `OM`).
    pub family: String,
    /// The family its counterparts would be in.
    pub counterpart_family: String,
    /// Codes with a counterpart.
    pub paired: usize,
    /// (code, name) of the codes without one.
    pub unpaired: Vec<(String, String)>,
}

/// HTTP status constants of winhttp.h (`HTTP_STATUS_*`), by name suffix.
const HTTP_STATUS: &[(&str, u32)] = &[
    ("CONTINUE", 100),
    ("SWITCH_PROTOCOLS", 101),
    ("OK", 200),
    ("CREATED", 201),
    ("ACCEPTED", 202),
    ("PARTIAL", 203),
    ("NO_CONTENT", 204),
    ("RESET_CONTENT", 205),
    ("PARTIAL_CONTENT", 206),
    ("AMBIGUOUS", 300),
    ("MOVED", 301),
    ("REDIRECT", 302),
    ("REDIRECT_METHOD", 303),
    ("NOT_MODIFIED", 304),
    ("USE_PROXY", 305),
    ("REDIRECT_KEEP_VERB", 307),
    ("BAD_REQUEST", 400),
    ("DENIED", 401),
    ("PAYMENT_REQ", 402),
    ("FORBIDDEN", 403),
    ("NOT_FOUND", 404),
    ("BAD_METHOD", 405),
    ("NONE_ACCEPTABLE", 406),
    ("PROXY_AUTH_REQ", 407),
    ("REQUEST_TIMEOUT", 408),
    ("CONFLICT", 409),
    ("GONE", 410),
    ("LENGTH_REQUIRED", 411),
    ("PRECOND_FAILED", 412),
    ("REQUEST_TOO_LARGE", 413),
    ("URI_TOO_LONG", 414),
    ("UNSUPPORTED_MEDIA", 415),
    ("RETRY_WITH", 449),
    ("SERVER_ERROR", 500),
    ("NOT_SUPPORTED", 501),
    ("BAD_GATEWAY", 502),
    ("SERVICE_UNAVAIL", 503),
    ("GATEWAY_TIMEOUT", 504),
    ("VERSION_NOT_SUP", 505),
];

/// The HTTP status a name such as `WU_E_PT_HTTP_STATUS_NOT_SUPPORTED`
/// stands for, from winhttp.h.
pub fn http_status_of(name: &str) -> Option<u32> {
    let (_, suffix) = name.split_once("HTTP_STATUS_")?;
    HTTP_STATUS
        .iter()
        .find(|(n, _)| *n == suffix)
        .map(|(_, v)| *v)
}

/// The name after its family prefix: `NO_SERVICE` for `WU_E_NO_SERVICE`.
fn suffix(record: &Record) -> Option<&str> {
    let prefix = record.family.prefix()?;
    record.name.get(prefix.len()..)
}

fn place(record: &Record) -> Location {
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

fn description_place(record: &Record) -> Location {
    record.sources.first().map_or_else(
        || place(record),
        |s| {
            let (line, column) = s
                .cells
                .get("description")
                .map_or((s.line, s.column), |c| (c.line, c.column));
            Location {
                file: s.file.clone(),
                line: line as usize,
                column: column as usize,
            }
        },
    )
}

fn at(record: &Record) -> String {
    let l = place(record);
    format!("{}:{}", l.file, l.line)
}

/// The source-locale description of a record.
fn description(record: &Record) -> &str {
    record
        .sources
        .first()
        .and_then(|s| record.descriptions.get(&s.locale))
        .map_or("", |text| text)
}

/// Optimal string alignment distance: edits, with a swap of two adjacent
/// characters counted as one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// Runs the counterpart rules.
pub fn check(project: &Project, out: &mut Vec<Finding>) -> Vec<CounterpartCoverage> {
    let records = &project.dataset.records;
    let by_code: BTreeMap<(u32, Family), &Record> = records
        .iter()
        .map(|r| ((r.code.value(), r.family), r))
        .collect();
    let wu: Vec<&Record> = records.iter().filter(|r| r.family == Family::Wu).collect();
    let om: Vec<&Record> = records.iter().filter(|r| r.family == Family::Om).collect();
    if wu.is_empty() || om.is_empty() {
        return Vec::new();
    }
    let mut pairs: Vec<(&Record, &Record)> = Vec::new();
    for &o in &om {
        if let Some(code) = counterpart_code(o.family, o.code)
            && let Some(&w) = by_code.get(&(code.value(), Family::Wu))
        {
            pairs.push((w, o));
        }
    }
    let rows = row_index(records);
    // Which name parts the documents use elsewhere decides which side of a
    // misspelled pair is right: find out, in one pass over every record,
    // for the parts of the pairs that need it.
    let misspellings: Vec<Option<(Vec<String>, Vec<String>)>> = pairs
        .iter()
        .map(|&(w, o)| misspelling_parts(w, o))
        .collect();
    let questions: BTreeSet<String> = misspellings
        .iter()
        .flatten()
        .flat_map(|(w_only, o_only)| w_only.iter().chain(o_only))
        .map(|part| part.to_ascii_uppercase())
        .collect();
    let vocabulary = Vocabulary::of(records, questions);
    for (&(w, o), misspelling) in pairs.iter().zip(misspellings) {
        names(w, o, misspelling, &vocabulary, out);
        numbers(w, o, &rows, out);
    }
    descriptions(&pairs, &wu, &om, out);
    linked_by_name(&wu, &om, out);
    coverage(project, &pairs, &wu, &om, out)
}

/// What the documents say of some name parts (upper case): how many names
/// have each, and whether a description uses it as a word or the start of
/// one.
struct Vocabulary {
    /// Each part asked about, with how many names have it.
    name_parts: BTreeMap<String, usize>,
    /// Parts that some description has as a whole word.
    words: BTreeSet<String>,
    /// Parts that start some word of a description (CONFLICT in
    /// "conflicting").
    word_starts: BTreeSet<String>,
}

impl Vocabulary {
    /// Reads every record's name and description for the `parts` asked
    /// about (upper case). Each name part and word is upper-cased into one
    /// buffer and looked up, with its prefixes of the asked lengths: storing
    /// every word of every description would cost more than the whole
    /// check, and comparing each with every asked part grows with both.
    fn of(records: &[Record], parts: BTreeSet<String>) -> Self {
        let mut vocabulary = Vocabulary {
            name_parts: parts.iter().map(|p| (p.clone(), 0)).collect(),
            words: BTreeSet::new(),
            word_starts: BTreeSet::new(),
        };
        if parts.is_empty() {
            return vocabulary;
        }
        let asked: rustc_hash::FxHashSet<&str> = parts.iter().map(String::as_str).collect();
        // Only prefixes of four or more characters count (see `knows`).
        let prefix_lengths: BTreeSet<usize> =
            parts.iter().map(String::len).filter(|&n| n >= 4).collect();
        let empty_asked = parts.contains("");
        let mut upper = String::new();
        for r in records {
            for part in r.name.split('_') {
                uppercase_into(&mut upper, part);
                if let Some(count) = vocabulary.name_parts.get_mut(upper.as_str()) {
                    *count += 1;
                }
            }
            let description = description(r);
            for word in words(description) {
                uppercase_into(&mut upper, word);
                if asked.contains(upper.as_str()) {
                    vocabulary.words.insert(upper.clone());
                    vocabulary.word_starts.insert(upper.clone());
                }
                for &n in prefix_lengths.iter().take_while(|&&n| n < upper.len()) {
                    if let Some(prefix) = upper.get(..n)
                        && asked.contains(prefix)
                    {
                        vocabulary.word_starts.insert(prefix.to_string());
                    }
                }
            }
            // An empty part (a doubled `_` in a name) counts as a word where
            // a description has an empty piece between separators, as
            // splitting it at every separator gives.
            if empty_asked
                && !vocabulary.words.contains("")
                && description
                    .split(|c: char| !c.is_alphanumeric())
                    .any(str::is_empty)
            {
                vocabulary.words.insert(String::new());
            }
        }
        vocabulary
    }

    /// True when a word is used somewhere other than in `own` names: in
    /// another name, or in a description (also as the start of a longer
    /// word: CONFLICT in "conflicting").
    fn knows(&self, part: &str, own: &[&str]) -> bool {
        let part = part.to_ascii_uppercase();
        let own_uses = own
            .iter()
            .map(|n| {
                n.split('_')
                    .filter(|p| p.eq_ignore_ascii_case(&part))
                    .count()
            })
            .sum::<usize>();
        self.name_parts.get(&part).copied().unwrap_or(0) > own_uses
            || self.words.contains(&part)
            || (part.len() >= 4 && self.word_starts.contains(&part))
    }
}

/// Sets `buffer` to `text` upper-cased (ASCII letters only).
fn uppercase_into(buffer: &mut String, text: &str) {
    buffer.clear();
    buffer.push_str(text);
    buffer.make_ascii_uppercase();
}

/// For a pair whose names look like a misspelling of one another (edit
/// distance of at most 2 after the prefix): the parts of the name each side
/// has that the other does not.
fn misspelling_parts(w: &Record, o: &Record) -> Option<(Vec<String>, Vec<String>)> {
    let (ws, os) = (suffix(w)?, suffix(o)?);
    if ws.eq_ignore_ascii_case(os) || edit_distance(ws, os) > 2 {
        return None;
    }
    let parts = |a: &str, b: &str| -> Vec<String> {
        let other: BTreeSet<&str> = b.split('_').collect();
        a.split('_')
            .filter(|p| !other.contains(p))
            .map(str::to_string)
            .collect()
    };
    Some((parts(ws, os), parts(os, ws)))
}

/// `counterpart-name-mismatch`.
fn names(
    w: &Record,
    o: &Record,
    misspelling: Option<(Vec<String>, Vec<String>)>,
    vocabulary: &Vocabulary,
    out: &mut Vec<Finding>,
) {
    let (Some(ws), Some(os)) = (suffix(w), suffix(o)) else {
        return;
    };
    if ws.eq_ignore_ascii_case(os) {
        return;
    }
    // The parts each side has that the other does not; the side whose parts
    // are words the documents use elsewhere is more likely right.
    let own = [w.name.as_str(), o.name.as_str()];
    let known = |ps: &[String]| ps.iter().all(|p| vocabulary.knows(p, &own));
    let (kind, likely, w_only, o_only) = match misspelling {
        Some((w_only, o_only)) => {
            let likely = match (known(&w_only), known(&o_only)) {
                (true, false) => Some(w),
                (false, true) => Some(o),
                _ => None,
            };
            ("looks like a misspelling", likely, w_only, o_only)
        }
        None => ("is a different name", None, Vec::new(), Vec::new()),
    };
    let (finding_at, right) = match likely {
        Some(r) if std::ptr::eq(r, o) => (w, Some(o)),
        Some(r) => (o, Some(r)),
        None => (o, None),
    };
    let other = if std::ptr::eq(finding_at, o) { w } else { o };
    let mut message = format!(
        "{} ({}) and its counterpart {} ({}, {}) should share their name after the prefix, but `{}` vs `{}` {kind}",
        finding_at.name,
        finding_at.code,
        other.name,
        other.code,
        at(other),
        suffix(finding_at).unwrap_or(""),
        suffix(other).unwrap_or("")
    );
    let mut finding = Finding::new(
        &rules::COUNTERPART_NAME_MISMATCH,
        place(finding_at),
        String::new(),
    )
    .about(Some(finding_at.code.to_string()), Some(&finding_at.name))
    .with_related(place(other), format!("the counterpart {}", other.name));
    if let (Some(right), Some(prefix)) = (right, finding_at.family.prefix()) {
        let wrong_parts = if std::ptr::eq(right, w) {
            &o_only
        } else {
            &w_only
        };
        message.push_str(&format!(
            "; {} is more likely right: {} not a word used anywhere else in the documents",
            right.name,
            wrong_parts
                .iter()
                .map(|p| format!("`{p}` is"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let to = format!("{prefix}{}", suffix(right).unwrap_or(""));
        finding = finding.with_fix(Fix {
            field: "name".into(),
            from: finding_at.name.clone(),
            to,
            confidence: Confidence::Medium,
            evidence: vec![
                format!("{} and {} have corresponding codes", w.code, o.code),
                format!(
                    "the spelling of {} is used elsewhere in the documents",
                    right.name
                ),
            ],
        });
    } else {
        message.push_str("; check which name the product's headers define");
    }
    finding.message = message;
    out.push(finding);
}

/// `counterpart-number-mismatch`: numbers both descriptions quote.
fn numbers(w: &Record, o: &Record, rows: &RowIndex, out: &mut Vec<Finding>) {
    let wn = significant_numbers(description(w));
    let on = significant_numbers(description(o));
    if wn.is_empty() || on.is_empty() || wn == on {
        return;
    }
    let expected = http_status_of(&w.name).or_else(|| http_status_of(&o.name));
    let ((wrong, wrong_numbers), (right, right_numbers)) = match expected {
        Some(status) if on.contains(&status) && !wn.contains(&status) => ((w, wn), (o, on)),
        _ => ((o, on), (w, wn)),
    };
    let mut evidence = Vec::new();
    if let Some(status) = expected {
        evidence.push(format!(
            "winhttp.h defines HTTP_STATUS_{} as {status}",
            w.name.split_once("HTTP_STATUS_").map_or("", |(_, s)| s)
        ));
    }
    // A number copied from the row above or below is a likely cause.
    if let Some(neighbour) = neighbour_with(wrong, rows, &wrong_numbers) {
        evidence.push(format!(
            "{} quotes {} as well: the number was probably copied from that row",
            neighbour.name,
            list(&wrong_numbers)
        ));
    }
    let mut finding = Finding::new(
        &rules::COUNTERPART_NUMBER_MISMATCH,
        description_place(wrong),
        format!(
            "{} quotes {} where its counterpart {} ({}) quotes {}",
            wrong.name,
            list(&wrong_numbers),
            right.name,
            at(right),
            list(&right_numbers)
        ),
    )
    .about(Some(wrong.code.to_string()), Some(&wrong.name))
    .with_related(
        description_place(right),
        format!("the counterpart {}", right.name),
    );
    // A fix only where winhttp.h and the other side agree on the number.
    if let Some(status) = expected
        && wrong_numbers.len() == 1
        && right_numbers == [status]
    {
        evidence.push(format!("{} quotes {status}", right.name));
        finding = finding.with_fix(Fix {
            field: "description".into(),
            from: wrong_numbers[0].to_string(),
            to: status.to_string(),
            confidence: if evidence.len() >= 3 {
                Confidence::High
            } else {
                Confidence::Medium
            },
            evidence,
        });
    } else {
        finding.message.push_str("; check which number is right");
    }
    out.push(finding);
}

fn list(numbers: &[u32]) -> String {
    numbers
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every record by the (file, table, row) of its source-language row, so
/// that a record's neighbours are two lookups.
type RowIndex<'a> = HashMap<(&'a str, usize, usize), &'a Record>;

fn row_index(records: &[Record]) -> RowIndex<'_> {
    records
        .iter()
        .filter_map(|r| {
            let s = r.sources.first()?;
            Some(((s.file.as_ref(), s.table, s.row), r))
        })
        .collect()
}

/// The record just before or after `record` in its table that quotes one of
/// `numbers`.
fn neighbour_with<'a>(record: &Record, rows: &RowIndex<'a>, numbers: &[u32]) -> Option<&'a Record> {
    let source = record.sources.first()?;
    [source.row.checked_sub(1), Some(source.row + 1)]
        .into_iter()
        .flatten()
        .filter_map(|row| {
            rows.get(&(source.file.as_ref(), source.table, row))
                .copied()
        })
        .find(|r| {
            significant_numbers(description(r))
                .iter()
                .any(|n| numbers.contains(n))
        })
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
    entries: Vec<(&'a Record, Vec<u32>)>,
    postings: HashMap<u32, Vec<u32>>,
    /// Entry of each record, by address.
    position: HashMap<*const Record, usize>,
    /// Shared words per entry, and the entries counted, for `most_similar`:
    /// kept between calls so that a call costs the postings it reads, not
    /// the size of the index.
    scratch: std::cell::RefCell<(Vec<u32>, Vec<u32>)>,
}

impl<'a> DescriptionIndex<'a> {
    fn new(records: impl Iterator<Item = &'a Record>, ids: &mut WordIds) -> Self {
        let entries: Vec<(&Record, Vec<u32>)> =
            records.map(|r| (r, ids.of(description(r)))).collect();
        let mut postings: HashMap<u32, Vec<u32>> = HashMap::default();
        for (i, (_, words)) in entries.iter().enumerate() {
            for &word in words {
                postings.entry(word).or_default().push(i as u32);
            }
        }
        let position = entries
            .iter()
            .enumerate()
            .map(|(i, (r, _))| (*r as *const Record, i))
            .collect();
        let scratch = std::cell::RefCell::new((vec![0; entries.len()], Vec::new()));
        DescriptionIndex {
            entries,
            postings,
            position,
            scratch,
        }
    }

    /// The content words of a record of this index.
    fn words_of(&self, record: &Record) -> Option<&[u32]> {
        let i = *self.position.get(&(record as *const Record))?;
        self.entries.get(i).map(|(_, words)| words.as_slice())
    }

    /// The entry (other than `skip`) whose description is most like
    /// `mine`: (similarity, record, shared words). Ties go to the lowest
    /// code, then the first row, so the answer is deterministic.
    fn most_similar(&self, mine: &[u32], skip: &Record) -> Option<(f64, &'a Record, usize)> {
        let mut scratch = self.scratch.borrow_mut();
        let (shared, touched) = &mut *scratch;
        for word in mine {
            for &i in self.postings.get(word).map_or(&[][..], Vec::as_slice) {
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

/// `counterpart-description-mismatch` (a description that describes another
/// code) and `counterpart-description-divergent` (little in common).
fn descriptions(
    pairs: &[(&Record, &Record)],
    wu: &[&Record],
    om: &[&Record],
    out: &mut Vec<Finding>,
) {
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
    for &(w, o) in pairs {
        let (Some(ww), Some(ow)) = (words_in(&indexes, w), words_in(&indexes, o)) else {
            continue;
        };
        if ww.is_empty() || ow.is_empty() {
            continue;
        }
        let own = id_similarity(ww, ow);
        // Does one side describe a different code of the other family?
        // Only a pair with little in common can (both tests below need
        // `own` under 0.25): most pairs skip the search.
        let sides = [(w, ww, o), (o, ow, w)];
        let candidates = if own < 0.25 { &sides[..] } else { &[] };
        let wrong_side = candidates
            .iter()
            .copied()
            .filter_map(|(me, mine, counterpart)| {
                let index = indexes.get(&(counterpart.family, counterpart.document.as_ref()))?;
                let (score, other, shared) = index.most_similar(mine, counterpart)?;
                // Clearly closer to another code than to its own; or nothing
                // in common with its own and several words with the code
                // next to its counterpart (a row copied from its neighbour).
                let clearly = score >= 0.4 && score >= own + 0.25 && own < 0.25;
                let next_door = other.code.value().abs_diff(counterpart.code.value()) <= 2;
                let only_other = own == 0.0 && score >= 0.2 && shared >= 2 && next_door;
                // Quoted numbers that agree with its own counterpart (HTTP
                // 401 and 401) say it describes the right code.
                let numbers_agree = || {
                    let my_numbers = significant_numbers(description(me));
                    !my_numbers.is_empty()
                        && my_numbers == significant_numbers(description(counterpart))
                };
                ((clearly || only_other) && !numbers_agree()).then_some((
                    me,
                    counterpart,
                    other,
                    score,
                ))
            })
            .max_by(|a, b| a.3.total_cmp(&b.3));
        if let Some((me, counterpart, other, _)) = wrong_side {
            out.push(
                Finding::new(
                    &rules::COUNTERPART_DESCRIPTION_MISMATCH,
                    description_place(me),
                    format!(
                        "{} says \"{}\", which describes {} ({}: \"{}\") rather than its counterpart {} ({}: \"{}\"); it was probably copied from the wrong row",
                        me.name,
                        description(me),
                        other.name,
                        at(other),
                        description(other),
                        counterpart.name,
                        at(counterpart),
                        description(counterpart)
                    ),
                )
                .about(Some(me.code.to_string()), Some(&me.name))
                .with_related(description_place(counterpart), format!("the counterpart {}", counterpart.name))
                .with_related(description_place(other), format!("the row it resembles, {}", other.name)),
            );
            continue;
        }
        if own < 0.1 && ww.len() >= 3 && ow.len() >= 3 {
            out.push(
                Finding::new(
                    &rules::COUNTERPART_DESCRIPTION_DIVERGENT,
                    description_place(o),
                    format!(
                        "{} and its counterpart {} ({}) have few words in common; read both to check they say the same thing: \"{}\" / \"{}\"",
                        o.name,
                        w.name,
                        at(w),
                        description(o),
                        description(w)
                    ),
                )
                .about(Some(o.code.to_string()), Some(&o.name))
                .with_related(description_place(w), format!("the counterpart {}", w.name)),
            );
        }
    }
}

/// `counterpart-code-mismatch` and `counterpart-severity-mismatch`: one name
/// under codes that do not correspond.
fn linked_by_name(wu: &[&Record], om: &[&Record], out: &mut Vec<Finding>) {
    let om_by_suffix: BTreeMap<String, &Record> = om
        .iter()
        .filter_map(|r| suffix(r).map(|s| (s.to_ascii_uppercase(), *r)))
        .collect();
    for &w in wu {
        let Some(s) = suffix(w) else { continue };
        let Some(&o) = om_by_suffix.get(&s.to_ascii_uppercase()) else {
            continue;
        };
        let expected = w.code.with_facility(0x0CF);
        if o.code == expected {
            continue;
        }
        if w.code.is_failure() != o.code.is_failure() {
            out.push(
                Finding::new(
                    &rules::COUNTERPART_SEVERITY_MISMATCH,
                    place(o),
                    format!(
                        "{} is a {} code ({}) but its counterpart {} is a {} code ({}, {})",
                        o.name,
                        if o.code.is_failure() {
                            "failure"
                        } else {
                            "success"
                        },
                        o.code,
                        w.name,
                        if w.code.is_failure() {
                            "failure"
                        } else {
                            "success"
                        },
                        w.code,
                        at(w)
                    ),
                )
                .about(Some(o.code.to_string()), Some(&o.name))
                .with_related(place(w), format!("the counterpart {}", w.name)),
            );
        }
        out.push(
            Finding::new(
                &rules::COUNTERPART_CODE_MISMATCH,
                place(o),
                format!(
                    "{} is {} but {} is {} ({}); mirrored codes differ only in the facility, so one of them is wrong ({} would mirror {}, {} would mirror {})",
                    o.name,
                    o.code,
                    w.name,
                    w.code,
                    at(w),
                    expected,
                    w.name,
                    o.code.with_facility(0x024),
                    o.name
                ),
            )
            .about(Some(o.code.to_string()), Some(&o.name))
            .with_related(place(w), format!("the counterpart {}", w.name)),
        );
    }
}

/// `counterpart-coverage`: one note per document listing the codes without
/// a counterpart.
fn coverage(
    project: &Project,
    pairs: &[(&Record, &Record)],
    wu: &[&Record],
    om: &[&Record],
    out: &mut Vec<Finding>,
) -> Vec<CounterpartCoverage> {
    let paired: BTreeSet<*const Record> = pairs
        .iter()
        .flat_map(|(w, o)| [*w as *const Record, *o as *const Record])
        .collect();
    let mut result = Vec::new();
    for (family, other, members) in [(Family::Om, Family::Wu, om), (Family::Wu, Family::Om, wu)] {
        let mut by_document: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
        for r in members {
            by_document.entry(r.document.as_ref()).or_default().push(r);
        }
        for (document, records) in by_document {
            let unpaired: Vec<&&Record> = records
                .iter()
                .filter(|r| !paired.contains(&(**r as *const Record)))
                .collect();
            let paired_count = records.len() - unpaired.len();
            let entry = CounterpartCoverage {
                document: document.to_string(),
                family: family.as_str().to_string(),
                counterpart_family: other.as_str().to_string(),
                paired: paired_count,
                unpaired: unpaired
                    .iter()
                    .map(|r| (r.code.to_string(), r.name.clone()))
                    .collect(),
            };
            if !unpaired.is_empty() {
                let location = project
                    .files
                    .iter()
                    .find(|f| f.is_source && &*f.document == document)
                    .and_then(|f| f.tables.iter().find(|t| t.is_understood()))
                    .map_or_else(|| place(unpaired[0]), |t| t.location.clone());
                let shown: Vec<String> = unpaired.iter().take(12).map(|r| r.name.clone()).collect();
                out.push(Finding::new(
                    &rules::COUNTERPART_COVERAGE,
                    location,
                    format!(
                        "{} of {} {} codes in {document} have no {} counterpart in the dataset (a fact, not an error): {}{}",
                        unpaired.len(),
                        records.len(),
                        family.as_str(),
                        other.as_str(),
                        shown.join(", "),
                        if unpaired.len() > shown.len() {
                            format!(" and {} more (the report's summary lists them all)", unpaired.len() - shown.len())
                        } else {
                            String::new()
                        }
                    ),
                ));
            }
            result.push(entry);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_http_statuses() {
        assert_eq!(
            edit_distance("EXCLUSIVE_INSTALL_CONFILCT", "EXCLUSIVE_INSTALL_CONFLICT"),
            1
        );
        assert_eq!(edit_distance("SOURCE_ABSENT", "FF_SOURCE_ABSENT"), 3);
        assert_eq!(
            http_status_of("WU_E_PT_HTTP_STATUS_NOT_SUPPORTED"),
            Some(501)
        );
        assert_eq!(
            http_status_of("OM_E_PT_HTTP_STATUS_GATEWAY_TIMEOUT"),
            Some(504)
        );
        assert_eq!(http_status_of("OM_E_NO_SERVICE"), None);
    }
}
