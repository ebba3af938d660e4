//! `counterpart-name-mismatch`: wU and OM counterparts with different names.

use std::collections::{BTreeMap, BTreeSet};

use crate::check::context::Context;
use crate::check::counterparts::{CounterpartPair, name_suffix, record_place, source_description};
use crate::check::reference::{NameVerdict, ReferenceVerdicts, ValueVerdict, defines};
use crate::check::rule::Rule;
use crate::check::tokens::words;
use crate::diagnostic::{Applicability, Confidence, Finding, Fix, Severity};
use crate::model::Record;

/// The rule.
pub static RULE: Rule = Rule {
    id: "counterpart-name-mismatch",
    severity: Severity::Warning,
    tags: &["counterpart", "reference"],
    fix: Some(Applicability::Safe),
    summary: "A WU code and its OM counterpart have different names",
    explanation: "OM_* codes are WU_* codes under facility 0x0CF instead of 0x024, with the same name after the prefix. Where a reference (the Windows SDK, which defines the WU codes, or the product's header named in errdocs.toml) defines one side's name with its code, or names one side's code as the other side spells it, the reference settles which side is right: the finding sits on the wrong row, with the reference's name as the fix. Otherwise a small difference is usually a misspelling, and the side whose spelling the documents use elsewhere is more likely right; a larger one is a different name: check the product's headers.",
    bad_example: "0x80240019 WU_E_EXCLUSIVE_INSTALL_CONFILCT\n0x80CF0019 OM_E_EXCLUSIVE_INSTALL_CONFLICT",
    good_example: "0x80240019 WU_E_EXCLUSIVE_INSTALL_CONFLICT\n0x80CF0019 OM_E_EXCLUSIVE_INSTALL_CONFLICT",
    rollup: None,
    check,
};

/// Each pair whose names differ after the prefix.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let counterparts = ctx.counterparts();
    // Which name parts the documents use elsewhere decides which side of a
    // misspelled pair is right: find out, in one pass over every record,
    // for the parts of the pairs that need it.
    let misspellings: Vec<Option<(Vec<String>, Vec<String>)>> = counterparts
        .pairs
        .iter()
        .map(|&pair| misspelling_parts(pair))
        .collect();
    let questions: BTreeSet<String> = misspellings
        .iter()
        .flatten()
        .flat_map(|(wu_only, om_only)| wu_only.iter().chain(om_only))
        .map(|part| part.to_ascii_uppercase())
        .collect();
    let vocabulary = Vocabulary::of(ctx.records(), questions);
    let verdicts = ctx.reference_verdicts();
    for (&pair, misspelling) in counterparts.pairs.iter().zip(misspellings) {
        match reference_side(pair, verdicts) {
            Some(ReferenceSide::Both) => {}
            Some(ReferenceSide::Right { right, to, fact }) => {
                reference_finding(pair, right, to, &fact, out);
            }
            None => check_pair(pair, misspelling, &vocabulary, out),
        }
    }
}

/// What the references say of a pair whose names differ.
enum ReferenceSide<'a, 'r> {
    /// They define both names with their codes: both are right.
    Both,
    /// They support `right`'s name: the other side's name should be `to`,
    /// as `fact` shows.
    Right {
        right: &'a Record,
        to: String,
        fact: crate::reference::Fact<'r>,
    },
}

/// Which side of a pair whose names differ after the prefix the references
/// support: a side whose name they define with its code (in any case), or
/// a side whose code they name as the other side spells it (the SDK calls
/// 0x8024002D `WU_E_SOURCE_ABSENT`, as the OM side's `OM_E_SOURCE_ABSENT`
/// mirrors). `None` when they settle nothing.
fn reference_side<'a, 'r>(
    CounterpartPair { wu, om }: CounterpartPair<'a>,
    verdicts: &ReferenceVerdicts<'r>,
) -> Option<ReferenceSide<'a, 'r>> {
    let (wu_suffix, om_suffix) = (name_suffix(wu)?, name_suffix(om)?);
    if wu_suffix.eq_ignore_ascii_case(om_suffix) {
        return None;
    }
    let confirmed = |record: &Record| match verdicts.of(record).map(|v| &v.name_verdict) {
        Some(NameVerdict::Defined {
            fact,
            value: ValueVerdict::Agrees,
            ..
        }) => Some(*fact),
        _ => None,
    };
    // The wrong side's name mirrors the right side's, as the reference
    // spells it.
    let mirrored = |right: &Record, fact: &crate::reference::Fact<'_>| -> Option<String> {
        let wrong = if std::ptr::eq(right, wu) { om } else { wu };
        let (wrong_prefix, right_prefix) = (wrong.family.prefix()?, right.family.prefix()?);
        let suffix = suffix_after(fact.name, right_prefix)?;
        Some(format!("{wrong_prefix}{suffix}"))
    };
    match (confirmed(wu), confirmed(om)) {
        (Some(_), Some(_)) => return Some(ReferenceSide::Both),
        (Some(fact), None) => {
            return Some(ReferenceSide::Right {
                right: wu,
                to: mirrored(wu, &fact)?,
                fact,
            });
        }
        (None, Some(fact)) => {
            return Some(ReferenceSide::Right {
                right: om,
                to: mirrored(om, &fact)?,
                fact,
            });
        }
        (None, None) => {}
    }
    // One side's code, as the reference names it, is the other side's name
    // mirrored: the reference's name is the fix.
    for (record, other, other_suffix) in [(wu, om, om_suffix), (om, wu, wu_suffix)] {
        let facts = match verdicts.of(record).map(|v| &v.name_verdict) {
            Some(NameVerdict::Misspelt(misses)) => misses.iter().map(|m| m.fact).collect(),
            Some(NameVerdict::OtherName(facts)) => facts.clone(),
            _ => Vec::new(),
        };
        if let [fact] = facts.as_slice()
            && suffix_after(fact.name, record.family.prefix()?)
                .is_some_and(|suffix| suffix.eq_ignore_ascii_case(other_suffix))
        {
            return Some(ReferenceSide::Right {
                right: other,
                to: fact.name.to_string(),
                fact: *fact,
            });
        }
    }
    None
}

/// The part of `name` after `prefix` (matched ignoring case).
fn suffix_after<'n>(name: &'n str, prefix: &str) -> Option<&'n str> {
    let head = name.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &name[prefix.len()..])
}

/// The finding of a pair the references settle: on the row whose name is
/// wrong, with the name that mirrors the right side.
fn reference_finding(
    CounterpartPair { wu, om }: CounterpartPair,
    right: &Record,
    to: String,
    fact: &crate::reference::Fact<'_>,
    out: &mut Vec<Finding>,
) {
    let wrong = if std::ptr::eq(right, wu) { om } else { wu };
    // Where the reference defines the wrong side's own code (the WU side),
    // it and the other page agree: two sources. Where it speaks only of the
    // other side (the OM side, which no SDK defines), the product may name
    // its mirror otherwise.
    let reference_names_wrong_code = fact.name.eq_ignore_ascii_case(&to);
    let (confidence, applicability) = if reference_names_wrong_code {
        (Confidence::High, Applicability::Safe)
    } else {
        (Confidence::Medium, Applicability::Unsafe)
    };
    let message = format!(
        "{} ({}) and its counterpart {} ({}, {}) should share their name after the prefix, but `{}` vs `{}` differ; {}, so {} is right and this name should be `{to}`",
        wrong.name,
        wrong.code,
        right.name,
        right.code,
        record_place(right).file_line(),
        name_suffix(wrong).unwrap_or(""),
        name_suffix(right).unwrap_or(""),
        defines(fact),
        right.name,
    );
    out.push(
        RULE.finding(record_place(wrong), message)
            .about(Some(wrong.code.to_string()), Some(&wrong.name))
            .with_related(
                record_place(right),
                format!("the counterpart {}", right.name),
            )
            .with_fix(Fix {
                field: "name".into(),
                from: wrong.name.clone(),
                to,
                confidence,
                applicability,
                evidence: vec![
                    defines(fact),
                    format!("{} and {} have corresponding codes", wu.code, om.code),
                ],
            }),
    );
}

/// For a pair whose names look like a misspelling of one another (edit
/// distance of at most 2 after the prefix): the parts of the name each side
/// has that the other does not.
fn misspelling_parts(pair: CounterpartPair) -> Option<(Vec<String>, Vec<String>)> {
    let (wu, om) = (name_suffix(pair.wu)?, name_suffix(pair.om)?);
    if wu.eq_ignore_ascii_case(om) || edit_distance(wu, om) > 2 {
        return None;
    }
    let parts = |a: &str, b: &str| -> Vec<String> {
        let other: BTreeSet<&str> = b.split('_').collect();
        a.split('_')
            .filter(|p| !other.contains(p))
            .map(str::to_string)
            .collect()
    };
    Some((parts(wu, om), parts(om, wu)))
}

/// The finding of one pair, if their names differ after the prefix.
fn check_pair(
    CounterpartPair { wu, om }: CounterpartPair,
    misspelling: Option<(Vec<String>, Vec<String>)>,
    vocabulary: &Vocabulary,
    out: &mut Vec<Finding>,
) {
    let (Some(wu_suffix), Some(om_suffix)) = (name_suffix(wu), name_suffix(om)) else {
        return;
    };
    if wu_suffix.eq_ignore_ascii_case(om_suffix) {
        return;
    }
    // The parts each side has that the other does not; the side whose parts
    // are words the documents use elsewhere is more likely right.
    let own = [wu.name.as_str(), om.name.as_str()];
    let known = |ps: &[String]| ps.iter().all(|p| vocabulary.knows(p, &own));
    let (kind, likely, wu_only, om_only) = match misspelling {
        Some((wu_only, om_only)) => {
            let likely = match (known(&wu_only), known(&om_only)) {
                (true, false) => Some(wu),
                (false, true) => Some(om),
                _ => None,
            };
            ("looks like a misspelling", likely, wu_only, om_only)
        }
        None => ("is a different name", None, Vec::new(), Vec::new()),
    };
    let (finding_at, right) = match likely {
        Some(r) if std::ptr::eq(r, om) => (wu, Some(om)),
        Some(r) => (om, Some(r)),
        None => (om, None),
    };
    let other = if std::ptr::eq(finding_at, om) { wu } else { om };
    let mut message = format!(
        "{} ({}) and its counterpart {} ({}, {}) should share their name after the prefix, but `{}` vs `{}` {kind}",
        finding_at.name,
        finding_at.code,
        other.name,
        other.code,
        record_place(other).file_line(),
        name_suffix(finding_at).unwrap_or(""),
        name_suffix(other).unwrap_or("")
    );
    let mut finding = RULE
        .finding(record_place(finding_at), String::new())
        .about(Some(finding_at.code.to_string()), Some(&finding_at.name))
        .with_related(
            record_place(other),
            format!("the counterpart {}", other.name),
        );
    if let (Some(right), Some(prefix)) = (right, finding_at.family.prefix()) {
        let wrong_parts = if std::ptr::eq(right, wu) {
            &om_only
        } else {
            &wu_only
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
        let to = format!("{prefix}{}", name_suffix(right).unwrap_or(""));
        finding = finding.with_fix(Fix {
            field: "name".into(),
            from: finding_at.name.clone(),
            to,
            confidence: Confidence::Medium,
            applicability: Applicability::Unsafe,
            evidence: vec![
                format!("{} and {} have corresponding codes", wu.code, om.code),
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
            let description = source_description(r);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(
            edit_distance("EXCLUSIVE_INSTALL_CONFILCT", "EXCLUSIVE_INSTALL_CONFLICT"),
            1
        );
        assert_eq!(edit_distance("SOURCE_ABSENT", "FF_SOURCE_ABSENT"), 3);
    }
}
