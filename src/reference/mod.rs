//! References: what the headers that define the codes say, to check the
//! pages against.
//!
//! The **Windows SDK**: every error-shaped constant of the SDK metadata
//! (`Windows.Win32.winmd`, the metadata the `windows` crate is generated
//! from), embedded in the binary ([`SdkReference`]). A [`Reference`] answers
//! lookups by name, value, near miss and wildcard; every [`Fact`] knows its
//! [`Origin`].
//!
//! [`Query`] classifies what `errdocs lookup` is asked.
//!
//! This module depends on nothing of errdocs but [`crate::model`].

mod kind;
mod names;
mod query;
mod sdk;
mod table;

use crate::model::HResult;

pub use kind::{CodeKind, classify_integer_constant};
pub use names::family_prefix;
pub use query::{Notation, Query, QueryError, ValueQuery, Wildcard};
pub use sdk::{
    SDK_DATA_FILE, SdkConstant, SdkDataError, SdkReference, decode_sdk_data, embedded_sdk_text,
    encode_sdk_data, parse_sdk_text, render_sdk_text,
};

use names::edit_distance_within;

/// The facility of Win32 errors wrapped in HRESULTs (`FACILITY_WIN32`).
pub const FACILITY_WIN32: u16 = 7;

/// One constant a reference defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fact<'a> {
    /// The name, as the reference spells it.
    pub name: &'a str,
    /// The value; negative definitions as their 32-bit two's-complement bits.
    pub value: u32,
    /// The kind of code.
    pub kind: CodeKind,
    /// Where the definition is.
    pub origin: Origin<'a>,
}

impl Fact<'_> {
    /// The value as a code.
    pub fn code(&self) -> HResult {
        HResult::new(self.value)
    }
}

/// Where a fact is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin<'a> {
    /// The Windows SDK metadata.
    Sdk {
        /// The metadata namespace without `Windows.Win32.`
        /// (`System.UpdateAgent`).
        module: &'a str,
        /// The type the metadata declares (`HRESULT`, `WIN32_ERROR`,
        /// `RPC_STATUS`, `i32`).
        declared_type: &'a str,
    },
}

impl std::fmt::Display for Origin<'_> {
    /// `Windows SDK (System.UpdateAgent)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Sdk { module, .. } => write!(f, "Windows SDK ({module})"),
        }
    }
}

/// `HRESULT_FROM_WIN32`: the HRESULT that wraps a Win32 error code
/// (`0x8007xxxx`); 0 and values that already have a severity bit or a
/// facility are returned as they are, as the macro does.
pub const fn hresult_from_win32(code: u32) -> u32 {
    if code as i32 <= 0 {
        code
    } else {
        (code & 0xFFFF) | ((FACILITY_WIN32 as u32) << 16) | 0x8000_0000
    }
}

/// The Win32 error code inside an HRESULT of `FACILITY_WIN32` failures
/// (`0x80070005` holds 5); `None` for any other value and for `0x80070000`.
pub const fn win32_from_hresult(value: u32) -> Option<u32> {
    if value & 0xFFFF_0000 == 0x8007_0000 && value & 0xFFFF != 0 {
        Some(value & 0xFFFF)
    } else {
        None
    }
}

/// What the references know about one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueFacts<'a> {
    /// The value looked up.
    pub value: u32,
    /// The constants with exactly this value.
    pub facts: Vec<Fact<'a>>,
    /// For a `0x8007xxxx` value, the Win32 error inside it.
    pub win32_inside: Option<WrappedCode<'a>>,
    /// For a Win32 error (a value up to `0xFFFF` that the references name
    /// as one, or whose HRESULT they name), its `HRESULT_FROM_WIN32` form.
    pub as_hresult: Option<WrappedCode<'a>>,
}

/// The other form of a value (the Win32 code inside an HRESULT, or the
/// HRESULT wrapping a Win32 code) and the constants that name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedCode<'a> {
    /// The value of the other form.
    pub value: u32,
    /// The constants with that value (for a Win32 code inside an HRESULT,
    /// only Win32 errors).
    pub facts: Vec<Fact<'a>>,
}

/// A reference name that a queried name is probably a misspelling of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NearMiss<'a> {
    /// The reference's constant.
    pub fact: Fact<'a>,
    /// Edits from the queried name to this one (1 or 2; a swap of two
    /// adjacent characters counts 1; case is ignored).
    pub distance: usize,
    /// The family prefix both names share (`WU_E_`), as the reference spells
    /// it.
    pub family: &'a str,
}

/// The largest edit distance [`Reference::near_misses`] reports.
pub const NEAR_MISS_DISTANCE: usize = 2;

/// The facts errdocs checks against: the Windows SDK's.
#[derive(Debug, Default)]
pub struct Reference {
    sdk: Option<&'static SdkReference>,
}

impl Reference {
    /// The Windows SDK facts.
    pub fn sdk() -> Reference {
        Reference {
            sdk: Some(SdkReference::get()),
        }
    }

    /// The SDK facts, when included.
    pub fn sdk_reference(&self) -> Option<&'static SdkReference> {
        self.sdk
    }

    /// The fact named exactly `name`.
    pub fn by_name(&self, name: &str) -> Option<Fact<'_>> {
        self.sdk.and_then(|sdk| sdk.table().named(name))
    }

    /// The facts whose name equals `name` ignoring case (`Error_Invalid_Name`
    /// finds `ERROR_INVALID_NAME`).
    pub fn by_name_ignore_case(&self, name: &str) -> Vec<Fact<'_>> {
        self.sdk
            .map(|sdk| sdk.table().named_ignore_case(name).collect())
            .unwrap_or_default()
    }

    /// Every constant with this value; for a `0x8007xxxx` value also the
    /// Win32 error `xxxx` inside it, and for a Win32 error its
    /// `HRESULT_FROM_WIN32` form.
    pub fn by_value(&self, value: u32) -> ValueFacts<'_> {
        let facts = self.exactly(value);
        let win32_inside = win32_from_hresult(value).map(|code| WrappedCode {
            value: code,
            facts: self
                .exactly(code)
                .into_iter()
                .filter(|fact| fact.kind == CodeKind::Win32Error)
                .collect(),
        });
        let as_hresult = if (1..=0xFFFF).contains(&value) {
            let wrapped = hresult_from_win32(value);
            let named = self.exactly(wrapped);
            let is_win32 = facts.iter().any(|fact| fact.kind == CodeKind::Win32Error);
            (is_win32 || !named.is_empty()).then_some(WrappedCode {
                value: wrapped,
                facts: named,
            })
        } else {
            None
        };
        ValueFacts {
            value,
            facts,
            win32_inside,
            as_hresult,
        }
    }

    /// The facts with exactly this value.
    fn exactly(&self, value: u32) -> Vec<Fact<'_>> {
        self.sdk
            .map(|sdk| sdk.table().with_value(value).collect())
            .unwrap_or_default()
    }

    /// The reference names that `name` is probably a misspelling of: those
    /// in the same family (the same [`family_prefix`], ignoring case) at most
    /// [`NEAR_MISS_DISTANCE`] edits away, case ignored, closest first, then
    /// by name. Empty when the references define `name` (in any case).
    pub fn near_misses(&self, name: &str) -> Vec<NearMiss<'_>> {
        if !self.by_name_ignore_case(name).is_empty() {
            return Vec::new();
        }
        let family = family_prefix(name);
        let mut misses: Vec<NearMiss<'_>> = Vec::new();
        let candidates = self
            .sdk
            .into_iter()
            .flat_map(|sdk| sdk.table().with_prefix(family));
        for fact in candidates {
            match edit_distance_within(name, fact.name, NEAR_MISS_DISTANCE) {
                Some(distance) if distance > 0 => misses.push(NearMiss {
                    fact,
                    distance,
                    family: family_prefix(fact.name),
                }),
                _ => {}
            }
        }
        misses.sort_by(|a, b| {
            a.distance
                .cmp(&b.distance)
                .then_with(|| a.fact.name.cmp(b.fact.name))
        });
        misses
    }

    /// The facts whose name matches the wildcard (ignoring case), in name
    /// order.
    pub fn matching(&self, pattern: &Wildcard) -> Vec<Fact<'_>> {
        let prefix = pattern.literal_prefix();
        self.sdk
            .map(|sdk| {
                sdk.table()
                    .with_prefix(prefix)
                    .filter(|fact| pattern.matches(fact.name))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every fact, in name order.
    pub fn iter(&self) -> impl Iterator<Item = Fact<'_>> + '_ {
        self.sdk.into_iter().flat_map(|sdk| sdk.table().iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(facts: &[Fact<'_>]) -> Vec<String> {
        facts.iter().map(|fact| fact.name.to_string()).collect()
    }

    #[test]
    fn win32_inside_hresults_both_ways() {
        assert_eq!(hresult_from_win32(5), 0x8007_0005);
        assert_eq!(hresult_from_win32(0), 0);
        assert_eq!(hresult_from_win32(0x8024_0001), 0x8024_0001);
        assert_eq!(win32_from_hresult(0x8007_0005), Some(5));
        assert_eq!(win32_from_hresult(0x8007_0000), None);
        assert_eq!(win32_from_hresult(0x8024_0005), None);

        let reference = Reference::sdk();
        let facts = reference.by_value(0x8007_0005);
        assert!(names(&facts.facts).contains(&"E_ACCESSDENIED".to_string()));
        let inside = facts.win32_inside.expect("0x80070005 wraps a Win32 code");
        assert_eq!(inside.value, 5);
        assert_eq!(
            names(&inside.facts),
            ["ERROR_ACCESS_DENIED", "RPC_S_ACCESS_DENIED"]
        );

        let facts = reference.by_value(1112);
        assert_eq!(names(&facts.facts), ["ERROR_NO_MEDIA_IN_DRIVE"]);
        let wrapped = facts.as_hresult.expect("a Win32 code has an HRESULT form");
        assert_eq!(wrapped.value, 0x8007_0458);
        // Only values up to 0xFFFF can be Win32 errors.
        assert_eq!(reference.by_value(0x8024_0001).as_hresult, None);
    }

    #[test]
    fn sdk_lookups() {
        let reference = Reference::sdk();
        let fact = reference.by_name("WU_E_SOURCE_ABSENT").expect("defined");
        assert_eq!((fact.value, fact.kind), (0x8024_002D, CodeKind::Hresult));
        assert_eq!(fact.origin.to_string(), "Windows SDK (System.UpdateAgent)");
        assert!(reference.by_name("wu_e_source_absent").is_none());
        // The name the Intune page gives 0x8024002D is not the SDK's.
        assert!(reference.by_name("WU_E_FF_SOURCE_ABSENT").is_none());
        assert_eq!(
            names(&reference.by_name_ignore_case("Error_Invalid_Name")),
            ["ERROR_INVALID_NAME"]
        );
        let value = reference.by_value(fact.value);
        assert_eq!(names(&value.facts), ["WU_E_SOURCE_ABSENT"]);

        let misses = reference.near_misses("WU_E_SOURCE_ABSNET");
        assert_eq!(misses.len(), 1, "{misses:?}");
        assert_eq!(misses[0].fact.name, "WU_E_SOURCE_ABSENT");
        assert_eq!(misses[0].distance, 1);
        assert_eq!(misses[0].family, "WU_E_");
        assert!(reference.near_misses("wu_e_source_absent").is_empty());
        // Three edits away: another code, not a typo.
        assert!(reference.near_misses("WU_E_FF_SOURCE_ABSENT").is_empty());
        assert!(reference.near_misses("OM_E_SOURCE_ABSENT").is_empty());

        let Ok(Query::Wildcard(pattern)) = Query::parse("wu_e_pt_soap*") else {
            panic!("a wildcard");
        };
        let matched = reference.matching(&pattern);
        assert!(!matched.is_empty());
        assert!(
            matched
                .iter()
                .all(|fact| fact.name.starts_with("WU_E_PT_SOAP"))
        );
    }
}
