//! What the references (the Windows SDK's constants and the product's own)
//! say about each record of the source pages: whether they define its name,
//! exactly or in another case, and whether the value they give agrees with
//! the record's code; for a name they do not define, a spelling of the
//! same family one or two edits away with this very code, or the names they
//! give the code. Computed once per check and shared by the reference rules
//! and by the rules whose findings a reference settles (`name-case`,
//! `name-placeholder`, `counterpart-name-mismatch`).
//!
//! Win32 errors are understood in both forms: `ERROR_ACCESS_DENIED` (5)
//! documented as `0x80070005` (`HRESULT_FROM_WIN32`) agrees, and so does
//! `E_ACCESSDENIED` (`0x80070005`) documented as the Win32 error 5.
//!
//! A name and code that no reference knows get no verdict to act on
//! ([`NameVerdict::Unknown`]): a product's own codes (Intune's `OM_*`) are
//! not in the SDK, and that is not an error.

use rustc_hash::FxHashMap;

use crate::model::{HResult, Record};
use crate::reference::{
    CodeKind, Fact, NEAR_MISS_DISTANCE, NearMiss, Reference, edit_distance_within, family_prefix,
    hresult_from_win32, win32_from_hresult,
};

/// What the references say about one record.
#[derive(Debug, Clone)]
pub struct RecordVerdict<'r> {
    /// The record's name as the verdict read it (line breaks removed).
    pub name: String,
    /// The record's code.
    pub code: HResult,
    /// What they say of its name, and of its code against it.
    pub name_verdict: NameVerdict<'r>,
}

/// What the references say of a record's name.
#[derive(Debug, Clone)]
pub enum NameVerdict<'r> {
    /// They define the name: as written (`exact`) or in another case.
    Defined {
        /// The definition.
        fact: Fact<'r>,
        /// True when the definition spells the name exactly as the page
        /// does.
        exact: bool,
        /// The definition's value against the record's code.
        value: ValueVerdict,
    },
    /// They do not define the name, but define a name of the same family
    /// one or two edits away with the record's code: a misspelling. More
    /// than one when several are equally close.
    Misspelt(Vec<NearMiss<'r>>),
    /// They do not define the name, nor a close spelling with this code,
    /// but give the record's code other names of the same family.
    OtherName(Vec<Fact<'r>>),
    /// They know neither the name nor (in its family) the code.
    Unknown,
}

/// A definition's value against a record's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueVerdict {
    /// The same code (also as a Win32 error inside an HRESULT, either way).
    Agrees,
    /// The code's hex digits are the decimal digits of the defined value:
    /// `0x00001112` for a Win32 error 1112. `expected` is the defined value
    /// in the form the page writes (bare, or inside an HRESULT).
    DecimalAsHex {
        /// The code the page means.
        expected: HResult,
    },
    /// Another code; `expected` as for [`ValueVerdict::DecimalAsHex`].
    Differs {
        /// The code the definition gives.
        expected: HResult,
    },
}

/// The verdicts of every record, in the dataset's order.
pub struct ReferenceVerdicts<'r> {
    /// One per distinct name and code.
    verdicts: Vec<RecordVerdict<'r>>,
    /// Per record, its verdict's index: `None` for a record that is not
    /// from a source page row or whose name is a placeholder.
    of_record: Vec<Option<u32>>,
    /// The address of the first record, to find a record's verdict.
    base: usize,
}

impl<'r> ReferenceVerdicts<'r> {
    /// The verdict of every record of `records` against `reference`;
    /// those `memo` holds are taken from it, the others added to it (it
    /// must judge against `reference`).
    pub fn new(
        reference: &'r Reference,
        records: &[Record],
        memo: Option<&dyn SharedVerdicts<'r>>,
    ) -> Self {
        let base = records.as_ptr() as usize;
        if !reference.has_facts() || records.is_empty() {
            return ReferenceVerdicts {
                verdicts: Vec::new(),
                of_record: vec![None; records.len()],
                base,
            };
        }
        // A large corpus documents the same codes many times (every
        // translation, every copy of a page): each distinct name and code
        // is judged once.
        let mut keys: Vec<(String, HResult)> = Vec::new();
        let mut index: FxHashMap<(&str, u32), u32> = FxHashMap::default();
        let of_record: Vec<Option<u32>> = records
            .iter()
            .map(|record| {
                if !record.sources.first().is_some_and(|s| s.source_language)
                    || crate::model::is_placeholder_name(&record.name)
                {
                    return None;
                }
                let next = u32::try_from(keys.len()).ok()?;
                let at = *index
                    .entry((record.name.as_str(), record.code.value()))
                    .or_insert_with(|| {
                        keys.push((record.name.split_whitespace().collect(), record.code));
                        next
                    });
                Some(at)
            })
            .collect();
        let judge = |(name, code): &(String, HResult)| RecordVerdict {
            name_verdict: match memo {
                Some(memo) => memo.verdict(name, *code),
                None => name_verdict(reference, name, *code),
            },
            name: name.clone(),
            code: *code,
        };
        // A verdict takes a microsecond or two: threads pay off only for
        // many.
        let verdicts = if keys.len() < 4096 {
            keys.iter().map(judge).collect()
        } else {
            crate::threads::map_in_order(&keys, judge)
        };
        ReferenceVerdicts {
            verdicts,
            of_record,
            base,
        }
    }

    /// The verdict of `record`, one of the records the verdicts were made
    /// of; `None` for a record not from a source page row, and for a
    /// placeholder or empty name (`name-placeholder`'s).
    pub fn of(&self, record: &Record) -> Option<&RecordVerdict<'r>> {
        let size = std::mem::size_of::<Record>().max(1);
        let offset = (record as *const Record as usize).checked_sub(self.base)?;
        if offset % size != 0 {
            return None;
        }
        let at = (*self.of_record.get(offset / size)?)?;
        self.verdicts.get(at as usize)
    }
}

/// The verdicts made so far, shared by the documents of a check that
/// reads one document at a time: a corpus repeats its names and codes in
/// every translation and every copy of a page, and each is judged once.
#[derive(Debug)]
pub struct VerdictMemo<'r> {
    reference: &'r Reference,
    made: std::sync::Mutex<FxHashMap<(String, u32), NameVerdict<'r>>>,
}

impl<'r> VerdictMemo<'r> {
    /// No verdict made yet against `reference`.
    pub fn new(reference: &'r Reference) -> Self {
        VerdictMemo {
            reference,
            made: std::sync::Mutex::default(),
        }
    }
}

/// Verdicts made once and shared (see [`VerdictMemo`]); a trait so that a
/// document's context, which lives shorter than the memo, can hold it.
pub trait SharedVerdicts<'a>: Sync {
    /// [`name_verdict`] of `name` and `code`, made once.
    fn verdict(&self, name: &str, code: HResult) -> NameVerdict<'a>;
}

impl<'a, 'r: 'a> SharedVerdicts<'a> for VerdictMemo<'r> {
    fn verdict(&self, name: &str, code: HResult) -> NameVerdict<'a> {
        let lock = || {
            self.made
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(made) = lock().get(&(name.to_string(), code.value())) {
            return made.clone();
        }
        // Judged without the lock: two documents may judge one name at
        // once, and agree.
        let verdict = name_verdict(self.reference, name, code);
        lock().insert((name.to_string(), code.value()), verdict.clone());
        verdict
    }
}

/// What the references say of `name` documented with `code`.
pub fn name_verdict<'r>(reference: &'r Reference, name: &str, code: HResult) -> NameVerdict<'r> {
    let defined = reference.by_name_ignore_case(name);
    if !defined.is_empty() {
        // The exact spelling first; else the spelling whose value agrees.
        let fact = defined
            .iter()
            .find(|fact| fact.name == name)
            .or_else(|| {
                defined
                    .iter()
                    .find(|fact| value_verdict(fact, code) == ValueVerdict::Agrees)
            })
            .unwrap_or(&defined[0]);
        return NameVerdict::Defined {
            fact: *fact,
            exact: fact.name == name,
            value: value_verdict(fact, code),
        };
    }
    // The names the references give this code in the name's family: one or
    // two edits away, the name is misspelt; further, it is another name. A
    // near spelling with another code does not count: it is as likely
    // another constant of the family (BG_E_HTTP_ERROR_416 next to a new
    // BG_E_HTTP_ERROR_418). Looking from the code keeps this to a handful
    // of names, where a search of the family would read thousands.
    let family = family_prefix(name);
    let others: Vec<Fact<'r>> = names_of_code(reference, code)
        .into_iter()
        .filter(|fact| family_prefix(fact.name).eq_ignore_ascii_case(family))
        .collect();
    let mut misses: Vec<NearMiss<'r>> = others
        .iter()
        .filter_map(|fact| {
            let distance = edit_distance_within(name, fact.name, NEAR_MISS_DISTANCE)?;
            (distance > 0).then(|| NearMiss {
                fact: *fact,
                distance,
                family: family_prefix(fact.name),
            })
        })
        .collect();
    if let Some(closest) = misses.iter().map(|miss| miss.distance).min() {
        misses.retain(|miss| miss.distance == closest);
        misses.sort_by(|a, b| a.fact.name.cmp(b.fact.name));
        return NameVerdict::Misspelt(misses);
    }
    if others.is_empty() {
        NameVerdict::Unknown
    } else {
        NameVerdict::OtherName(others)
    }
}

/// The constants the references give `code`: those with exactly its value,
/// and, for a Win32 error, those of its other form (the Win32 errors inside
/// a `0x8007xxxx` HRESULT; the HRESULTs wrapping a bare Win32 code).
pub fn names_of_code(reference: &Reference, code: HResult) -> Vec<Fact<'_>> {
    reference.names_of_value(code.value())
}

/// How many of `names` use each family prefix (upper case); names without
/// an underscore are no constants and count for nothing.
pub fn prefix_counts<'n>(names: impl Iterator<Item = &'n str>) -> FxHashMap<String, usize> {
    let mut counts: FxHashMap<String, usize> = FxHashMap::default();
    for name in names.map(str::trim).filter(|name| name.contains('_')) {
        *counts
            .entry(family_prefix(name).to_ascii_uppercase())
            .or_default() += 1;
    }
    counts
}

/// The names the references give `code` that a row may mean where its
/// name cell holds `text` (a word such as `Success`, or a placeholder):
/// those of the kind a code of that value is (a Win32 error up to
/// `0xFFFF`, anything else above, and for a `0x8007xxxx` code of
/// `FACILITY_WIN32` also the Win32 error inside it, since
/// `HRESULT_FROM_WIN32(ERROR_CANCELLED)` is how 0x800704C7 is defined),
/// holding every word of `text` as a part
/// of the name (`ERROR_SUCCESS` for `Success`; a placeholder holds no word
/// to match), and, when several remain, those of the family prefix the
/// row's table uses most (`prefixes`, from [`prefix_counts`]).
pub fn names_for_code<'r>(
    reference: &'r Reference,
    code: HResult,
    text: &str,
    prefixes: &FxHashMap<String, usize>,
) -> Vec<Fact<'r>> {
    let words: Vec<String> = if crate::model::is_placeholder_name(text) {
        Vec::new()
    } else {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_ascii_uppercase)
            .collect()
    };
    let small = code.value() <= 0xFFFF;
    let wraps_win32 = win32_from_hresult(code.value()).is_some();
    let candidates: Vec<Fact<'r>> = names_of_code(reference, code)
        .into_iter()
        .filter(|fact| {
            let win32 = fact.kind == CodeKind::Win32Error;
            let kind_fits = if small { win32 } else { !win32 || wraps_win32 };
            let parts: Vec<String> = fact.name.split('_').map(str::to_ascii_uppercase).collect();
            kind_fits && words.iter().all(|word| parts.contains(word))
        })
        .collect();
    if candidates.len() < 2 {
        return candidates;
    }
    let uses = |fact: &Fact| {
        prefixes
            .get(&family_prefix(fact.name).to_ascii_uppercase())
            .copied()
            .unwrap_or(0)
    };
    let most = candidates.iter().map(uses).max().unwrap_or(0);
    if most == 0 {
        return candidates;
    }
    candidates
        .into_iter()
        .filter(|fact| uses(fact) == most)
        .collect()
}

/// A definition's value against a documented code.
pub fn value_verdict(fact: &Fact<'_>, code: HResult) -> ValueVerdict {
    let documented = code.value();
    if documented == fact.value {
        return ValueVerdict::Agrees;
    }
    let win32 = fact.kind == CodeKind::Win32Error;
    // ERROR_ACCESS_DENIED (5) documented as 0x80070005, and E_ACCESSDENIED
    // (0x80070005) documented as 5.
    if win32 && documented == hresult_from_win32(fact.value) {
        return ValueVerdict::Agrees;
    }
    if documented <= 0xFFFF && win32_from_hresult(fact.value) == Some(documented) {
        return ValueVerdict::Agrees;
    }
    // The defined value in the form the page writes codes in: a Win32 error
    // documented inside an HRESULT is expected inside one.
    let wrapped = win32 && win32_from_hresult(documented).is_some();
    let expected = HResult::new(if wrapped {
        hresult_from_win32(fact.value)
    } else {
        fact.value
    });
    // The digits written are those of the value in decimal: 0x00001112 for
    // 1112. Small integer codes only (Win32 errors, HTTP statuses); a value
    // below 10 reads the same either way.
    let small = matches!(fact.kind, CodeKind::Win32Error | CodeKind::Integer);
    let written = if wrapped {
        documented & 0xFFFF
    } else {
        documented
    };
    if small && fact.value >= 10 && format!("{written:X}") == fact.value.to_string() {
        return ValueVerdict::DecimalAsHex { expected };
    }
    ValueVerdict::Differs { expected }
}

/// A fact's value as people read it: small integer codes in decimal with
/// their hex (`1112 (0x00000458)`), others in hex (`0x802450FF`).
pub fn show_value(fact: &Fact<'_>) -> String {
    match fact.kind {
        CodeKind::Win32Error | CodeKind::Integer if fact.value <= 0xFFFF => {
            format!("{} ({})", fact.value, fact.code())
        }
        _ => fact.code().to_string(),
    }
}

/// Where a fact is defined, for messages: `the Windows SDK
/// (System.UpdateAgent)` or `include/product.h:12`.
pub fn show_origin(fact: &Fact<'_>) -> String {
    match fact.origin {
        crate::reference::Origin::Sdk { .. } => format!("the {}", fact.origin),
        crate::reference::Origin::User { .. } => fact.origin.to_string(),
    }
}

/// A fact as evidence: `the Windows SDK (System.UpdateAgent) defines
/// WU_E_SOURCE_ABSENT as 0x8024002D`.
pub fn defines(fact: &Fact<'_>) -> String {
    format!(
        "{} defines {} as {}",
        show_origin(fact),
        fact.name,
        show_value(fact)
    )
}

/// How many names a message lists before it counts the rest: a user file
/// may give one code tens of thousands of names, and a finding is read by
/// people.
pub const NAMES_SHOWN: usize = 10;

/// Names joined for a message: `A`, `A or B`, `A, B or C`; past
/// [`NAMES_SHOWN`], the first of them and `and 49,990 more`.
pub fn either<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut names = names.into_iter();
    let shown: Vec<String> = names
        .by_ref()
        .take(NAMES_SHOWN)
        .map(|n| format!("`{n}`"))
        .collect();
    let more = names.count();
    if more > 0 {
        return format!("{} and {} more", shown.join(", "), thousands(more));
    }
    match shown.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// A count with thousands separated by commas: `49,990`.
pub fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{Origin, UserReference, UserReferenceFormat};
    use std::path::Path;

    fn fact(name: &'static str, value: u32, kind: CodeKind) -> Fact<'static> {
        Fact {
            name,
            value,
            kind,
            origin: Origin::Sdk {
                module: "Foundation",
                declared_type: "WIN32_ERROR",
            },
        }
    }

    #[test]
    fn values_agree_in_either_win32_form() {
        let access = fact("ERROR_ACCESS_DENIED", 5, CodeKind::Win32Error);
        assert_eq!(
            value_verdict(&access, HResult::new(5)),
            ValueVerdict::Agrees
        );
        assert_eq!(
            value_verdict(&access, HResult::new(0x8007_0005)),
            ValueVerdict::Agrees
        );
        let e_access = fact("E_ACCESSDENIED", 0x8007_0005, CodeKind::Hresult);
        assert_eq!(
            value_verdict(&e_access, HResult::new(5)),
            ValueVerdict::Agrees
        );
        assert_eq!(
            value_verdict(&e_access, HResult::new(0x8007_0006)),
            ValueVerdict::Differs {
                expected: HResult::new(0x8007_0005)
            }
        );
    }

    #[test]
    fn decimal_digits_written_as_hex() {
        let media = fact("ERROR_NO_MEDIA_IN_DRIVE", 1112, CodeKind::Win32Error);
        assert_eq!(
            value_verdict(&media, HResult::new(0x1112)),
            ValueVerdict::DecimalAsHex {
                expected: HResult::new(1112)
            }
        );
        // Inside an HRESULT, the fix stays inside one.
        assert_eq!(
            value_verdict(&media, HResult::new(0x8007_1112)),
            ValueVerdict::DecimalAsHex {
                expected: HResult::new(0x8007_0458)
            }
        );
        assert_eq!(
            value_verdict(&media, HResult::new(0x1113)),
            ValueVerdict::Differs {
                expected: HResult::new(1112)
            }
        );
        // An HRESULT is not a decimal written as hex.
        let hresult = fact("WU_E_X", 0x8024_0001, CodeKind::Hresult);
        assert!(matches!(
            value_verdict(&hresult, HResult::new(0x1112)),
            ValueVerdict::Differs { .. }
        ));
    }

    #[test]
    fn names_the_sdk_knows_misspells_or_names_otherwise() {
        let reference = Reference::sdk();
        let verdict = |name: &str, code: u32| name_verdict(&reference, name, HResult::new(code));
        assert!(matches!(
            verdict("WU_E_NO_SERVICE", 0x8024_0001),
            NameVerdict::Defined {
                exact: true,
                value: ValueVerdict::Agrees,
                ..
            }
        ));
        let NameVerdict::Defined { fact, exact, value } = verdict("Error_Invalid_Name", 0x7B)
        else {
            panic!("defined in another case");
        };
        assert_eq!(
            (fact.name, exact, value),
            ("ERROR_INVALID_NAME", false, ValueVerdict::Agrees)
        );
        let NameVerdict::Misspelt(misses) = verdict("WU_E_EXCLUSIVE_INSTALL_CONFILCT", 0x8024_0019)
        else {
            panic!("a misspelling");
        };
        assert_eq!(misses[0].fact.name, "WU_E_EXCLUSIVE_INSTALL_CONFLICT");
        // A near spelling with another code is no misspelling.
        assert!(matches!(
            verdict("WU_E_EXCLUSIVE_INSTALL_CONFILCT", 0x8024_0099),
            NameVerdict::Unknown
        ));
        let NameVerdict::OtherName(others) = verdict("WU_E_FF_SOURCE_ABSENT", 0x8024_002D) else {
            panic!("another name");
        };
        assert_eq!(others[0].name, "WU_E_SOURCE_ABSENT");
        // Intune's codes are not in the SDK: nothing to say.
        assert!(matches!(
            verdict("OM_E_NO_SERVICE", 0x80CF_0001),
            NameVerdict::Unknown
        ));
        // A name of another family says nothing about this one's.
        assert!(matches!(
            verdict("PRODUCT_E_DENIED", 0x8007_0005),
            NameVerdict::Unknown
        ));
    }

    #[test]
    fn user_facts_decide_first() {
        let user = UserReference::parse(
            Path::new("om.h"),
            "#define WU_E_NO_SERVICE _HRESULT_TYPEDEF_(0x80240099L)\n",
            UserReferenceFormat::CHeader,
        )
        .expect("parses");
        let reference = Reference::new(true, vec![user]);
        let NameVerdict::Defined { fact, value, .. } =
            name_verdict(&reference, "WU_E_NO_SERVICE", HResult::new(0x8024_0001))
        else {
            panic!("defined");
        };
        assert_eq!(show_origin(&fact), "om.h:1");
        assert_eq!(
            value,
            ValueVerdict::Differs {
                expected: HResult::new(0x8024_0099)
            }
        );
    }

    #[test]
    fn names_for_a_word_or_a_placeholder() {
        let reference = Reference::sdk();
        let table = prefix_counts(
            [
                "ERROR_INVALID_NAME",
                "ERROR_X",
                "NERR_BadPasswordCore",
                "Success",
            ]
            .into_iter(),
        );
        assert_eq!(table.get("ERROR_"), Some(&2));
        assert_eq!(table.get("SUC"), None);
        let names = |code: u32, text: &str| -> Vec<&str> {
            names_for_code(&reference, HResult::new(code), text, &table)
                .iter()
                .map(|fact| fact.name)
                .collect()
        };
        // ERROR_SUCCESS and NERR_Success hold the word; the table uses
        // ERROR_ most.
        assert_eq!(names(0, "Success"), ["ERROR_SUCCESS"]);
        assert_eq!(names(0x7B, "NULL"), ["ERROR_INVALID_NAME"]);
        assert!(names(0x5D5, "NULL").is_empty());
        // A code above 0xFFFF is no Win32 error.
        assert_eq!(names(0x8024_0001, "NULL"), ["WU_E_NO_SERVICE"]);
        // ... but a 0x8007xxxx code holds one: ERROR_CANCELLED (1223) is
        // the only name of 0x800704C7, and of 0x80070005's names the table
        // uses ERROR_ most.
        assert_eq!(names(0x8007_04C7, "NULL"), ["ERROR_CANCELLED"]);
        assert_eq!(names(0x8007_04C7, "Cancelled"), ["ERROR_CANCELLED"]);
        assert_eq!(names(0x8007_0005, "NULL"), ["ERROR_ACCESS_DENIED"]);
    }

    #[test]
    fn messages() {
        assert_eq!(either(["A"]), "`A`");
        assert_eq!(either(["A", "B", "C"]), "`A`, `B` or `C`");
        let many: Vec<String> = (0..50_000).map(|i| format!("OM_E_{i}")).collect();
        let listed = either(many.iter().map(String::as_str));
        assert!(listed.ends_with("`OM_E_9` and 49,990 more"), "{listed}");
        assert_eq!(listed.matches('`').count(), 2 * NAMES_SHOWN);
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1_234_567), "1,234,567");
        let media = fact("ERROR_NO_MEDIA_IN_DRIVE", 1112, CodeKind::Win32Error);
        assert_eq!(
            defines(&media),
            "the Windows SDK (Foundation) defines ERROR_NO_MEDIA_IN_DRIVE as 1112 (0x00000458)"
        );
    }
}
