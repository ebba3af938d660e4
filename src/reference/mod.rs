//! References: what the headers that define the codes say, to check the
//! pages against.
//!
//! Two sources of facts:
//!
//! - the **Windows SDK**: every error-shaped constant of the SDK metadata
//!   (`Windows.Win32.winmd`, the metadata the `windows` crate is generated
//!   from), embedded in the binary ([`SdkReference`]);
//! - **user references**: a product's own constants, from C headers and
//!   CSV/TSV tables ([`UserReference`]).
//!
//! A [`Reference`] combines them, user facts first: where a user file
//! defines a name, the SDK's fact for that name is not consulted. Every
//! [`Fact`] knows its [`Origin`].
//!
//! [`Query`] classifies what `errdocs lookup` is asked.
//!
//! This module depends on nothing of errdocs but [`crate::model`] and
//! [`crate::source`] (line ends);
//! (the pipeline turns a [`ReferenceError`] into a [`crate::Error`] that names the
//! file and line).

mod kind;
mod names;
mod query;
mod sdk;
mod table;
mod user;

use std::path::{Path, PathBuf};

use crate::model::HResult;

pub use kind::{CodeKind, classify_integer_constant};
pub use names::family_prefix;
pub use query::{MAX_WILDCARD_CHARS, Notation, Query, QueryError, ValueQuery, Wildcard};
pub use sdk::{
    SDK_DATA_FILE, SdkConstant, SdkDataError, SdkReference, decode_sdk_data, embedded_sdk_text,
    encode_sdk_data, parse_sdk_text, render_sdk_text,
};
pub use user::{MAX_REFERENCE_BYTES, SkippedDefinition, UserReference, UserReferenceFormat};

pub use names::edit_distance_within;

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
    /// A user reference file.
    User {
        /// The file, as it was given.
        file: &'a Path,
        /// 1-based line of the definition.
        line: usize,
    },
}

impl Origin<'_> {
    /// True when two definitions come from one component: one SDK module,
    /// or one user file.
    pub fn same_component(&self, other: &Origin<'_>) -> bool {
        match (self, other) {
            (Origin::Sdk { module: a, .. }, Origin::Sdk { module: b, .. }) => a == b,
            (Origin::User { file: a, .. }, Origin::User { file: b, .. }) => a == b,
            _ => false,
        }
    }
}

impl std::fmt::Display for Origin<'_> {
    /// `Windows SDK (System.UpdateAgent)` or `path/to/file.h:12`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Sdk { module, .. } => write!(f, "Windows SDK ({module})"),
            Origin::User { file, line } => write!(f, "{}:{line}", file.display()),
        }
    }
}

/// A user reference file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line that defines a constant, but not in a way errdocs can read
    /// (or that contradicts another line).
    #[error("{}:{line}: {message}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The file as a whole cannot be a reference: empty, too large, or not
    /// UTF-8 text (UTF-16, UTF-32).
    #[error("{}: {message}", path.display())]
    Unusable {
        /// The file.
        path: PathBuf,
        /// What is wrong, and what to do.
        message: String,
    },
    /// The file's extension names no format errdocs reads.
    #[error("{}: unknown reference format; use {}", path.display(), UserReferenceFormat::IN_WORDS)]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
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
    /// The constants with exactly this value, user facts first.
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

/// The names already taken, when facts of several files are merged: a hash
/// set, as a user file may give tens of thousands of names one value (and
/// a list searched per name made that quadratic).
pub type NameSet<'a> = rustc_hash::FxHashSet<&'a str>;

/// The largest edit distance [`Reference::near_misses`] reports.
pub const NEAR_MISS_DISTANCE: usize = 2;

/// The facts errdocs checks against: the Windows SDK (unless left out) and
/// the user's reference files, user facts taking precedence.
#[derive(Debug, Default)]
pub struct Reference {
    /// Whether the SDK facts are included. They are loaded on first use: a
    /// run whose pages hold no codes (`check DIR` over prose) never pays
    /// for decompressing them.
    include_sdk: bool,
    user: Vec<UserReference>,
}

impl Reference {
    /// The Windows SDK facts alone.
    pub fn sdk() -> Reference {
        Reference {
            include_sdk: true,
            user: Vec::new(),
        }
    }

    /// The Windows SDK facts (when `include_sdk`) and the given user
    /// references; earlier user files take precedence over later ones.
    pub fn new(include_sdk: bool, user: Vec<UserReference>) -> Reference {
        Reference { include_sdk, user }
    }

    /// True when any facts are included (the SDK's or a user file's),
    /// without loading the SDK's.
    pub fn has_facts(&self) -> bool {
        self.include_sdk || !self.user.is_empty()
    }

    /// The SDK facts, when included (loaded on the first call).
    pub fn sdk_reference(&self) -> Option<&'static SdkReference> {
        self.include_sdk.then(SdkReference::get)
    }

    /// The user references, in precedence order.
    pub fn user_references(&self) -> &[UserReference] {
        &self.user
    }

    /// True when a user file defines `name` exactly, which hides the SDK's
    /// fact for it.
    fn user_defines(&self, name: &str) -> bool {
        self.user
            .iter()
            .any(|file| file.table().named(name).is_some())
    }

    /// The SDK facts that user files do not override.
    #[expect(
        clippy::map_identity,
        reason = "the map shortens the facts' lifetime from 'static to the reference's"
    )]
    fn visible_sdk<'s>(
        &'s self,
        facts: impl Iterator<Item = Fact<'static>> + 's,
    ) -> impl Iterator<Item = Fact<'s>> + 's {
        facts
            .filter(move |fact| self.user.is_empty() || !self.user_defines(fact.name))
            .map(|fact| -> Fact<'s> { fact })
    }

    /// The fact named exactly `name`: the first user file's that defines it,
    /// else the SDK's.
    pub fn by_name(&self, name: &str) -> Option<Fact<'_>> {
        self.user
            .iter()
            .find_map(|file| file.table().named(name))
            .or_else(|| self.sdk_reference().and_then(|sdk| sdk.table().named(name)))
    }

    /// The facts whose name equals `name` ignoring case (`Error_Invalid_Name`
    /// finds `ERROR_INVALID_NAME`), user facts first, each name once.
    pub fn by_name_ignore_case(&self, name: &str) -> Vec<Fact<'_>> {
        let mut facts: Vec<Fact<'_>> = Vec::new();
        let mut seen = NameSet::default();
        for file in &self.user {
            for fact in file.table().named_ignore_case(name) {
                if seen.insert(fact.name) {
                    facts.push(fact);
                }
            }
        }
        if let Some(sdk) = self.sdk_reference() {
            facts.extend(self.visible_sdk(sdk.table().named_ignore_case(name).into_iter()));
        }
        facts
    }

    /// Every constant with this value, user facts first; for a `0x8007xxxx`
    /// value also the Win32 error `xxxx` inside it, and for a Win32 error its
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

    /// The facts with exactly this value, user facts first, each name once.
    fn exactly(&self, value: u32) -> Vec<Fact<'_>> {
        let mut facts: Vec<Fact<'_>> = Vec::new();
        let mut seen = NameSet::default();
        for file in &self.user {
            for fact in file.table().with_value(value) {
                if seen.insert(fact.name) {
                    facts.push(fact);
                }
            }
        }
        if let Some(sdk) = self.sdk_reference() {
            facts.extend(self.visible_sdk(sdk.table().with_value(value)));
        }
        facts
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
        let mut candidates: Vec<Fact<'_>> = Vec::new();
        for file in &self.user {
            candidates.extend(file.table().with_prefix(family));
        }
        if let Some(sdk) = self.sdk_reference() {
            candidates.extend(self.visible_sdk(sdk.table().with_prefix(family)));
        }
        let mut misses: Vec<NearMiss<'_>> = Vec::new();
        let mut seen = NameSet::default();
        for fact in candidates {
            if !seen.insert(fact.name) {
                continue;
            }
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

    /// The facts whose name matches the wildcard (ignoring case), user facts
    /// first, each name once, in name order within each source.
    pub fn matching(&self, pattern: &Wildcard) -> Vec<Fact<'_>> {
        let prefix = pattern.literal_prefix();
        let mut facts: Vec<Fact<'_>> = Vec::new();
        let mut seen = NameSet::default();
        for file in &self.user {
            for fact in file.table().with_prefix(prefix) {
                if pattern.matches(fact.name) && seen.insert(fact.name) {
                    facts.push(fact);
                }
            }
        }
        if let Some(sdk) = self.sdk_reference() {
            facts.extend(
                self.visible_sdk(sdk.table().with_prefix(prefix))
                    .filter(|fact| pattern.matches(fact.name)),
            );
        }
        facts
    }

    /// True when `fact` is an SDK constant one component defines in a family
    /// that belongs elsewhere: `E_FILENOTFOUND` is only HTML Help's
    /// (`Data.HtmlHelp`), while most `E_` constants are `Foundation`'s. Such a
    /// definition is weak evidence of what a page means by the name, as pages
    /// also use the family's plain spelling for codes other components
    /// define. A family is the module's that defines most of its constants
    /// (in the SDK metadata, `E_`: `Foundation` 118, `System.AddressBook`
    /// 84, `Data.HtmlHelp` 62, and 15 more modules).
    pub fn is_component_local(&self, fact: &Fact<'_>) -> bool {
        let (Origin::Sdk { module, .. }, Some(sdk)) = (fact.origin, self.sdk_reference()) else {
            return false;
        };
        let family = family_prefix(fact.name);
        let mut per_module: Vec<(&str, usize)> = Vec::new();
        for other in sdk.table().with_prefix(family) {
            let Origin::Sdk {
                module: other_module,
                ..
            } = other.origin
            else {
                continue;
            };
            if family_prefix(other.name) != family {
                continue;
            }
            match per_module.iter_mut().find(|(m, _)| *m == other_module) {
                Some((_, count)) => *count += 1,
                None => per_module.push((other_module, 1)),
            }
        }
        let own = per_module
            .iter()
            .find(|(m, _)| *m == module)
            .map_or(0, |(_, count)| *count);
        per_module
            .iter()
            .any(|(m, count)| *m != module && *count > own)
    }

    /// The constants the references give `value`: those with exactly it,
    /// and, for a Win32 error, those of its other form (the Win32 errors
    /// inside a `0x8007xxxx` HRESULT; the HRESULTs wrapping a bare Win32
    /// code), each name once.
    pub fn names_of_value(&self, value: u32) -> Vec<Fact<'_>> {
        let found = self.by_value(value);
        let mut facts = found.facts;
        let mut seen: NameSet<'_> = facts.iter().map(|fact| fact.name).collect();
        let other_form = found
            .win32_inside
            .into_iter()
            .chain(found.as_hresult)
            .flat_map(|wrapped| wrapped.facts);
        for fact in other_form {
            if seen.insert(fact.name) {
                facts.push(fact);
            }
        }
        facts
    }

    /// True when a page that writes `fact`'s name with the code `value`
    /// most likely uses the family's plain spelling for another
    /// component's code, so that `fact` says nothing about the code:
    /// `fact` is component-local ([`Reference::is_component_local`]), and
    /// the references know `value` by other names, none of them from
    /// `fact`'s component (`E_FILENOTFOUND`, HTML Help's 0x80001037,
    /// written for 0x80070002, which is `ERROR_FILE_NOT_FOUND` inside an
    /// HRESULT). The check does not hold such a fact against the page, and
    /// normalize neither repairs a code towards it nor keeps one from a
    /// repair for it.
    pub fn is_foreign_spelling(&self, fact: &Fact<'_>, value: u32) -> bool {
        let names = self.names_of_value(value);
        !names.is_empty()
            && !names
                .iter()
                .any(|other| other.origin.same_component(&fact.origin))
            && self.is_component_local(fact)
    }

    /// Every fact: each user file's (name order), then the SDK's that no user
    /// file overrides.
    pub fn iter(&self) -> impl Iterator<Item = Fact<'_>> + '_ {
        let user = self.user.iter().flat_map(UserReference::iter);
        let sdk = self
            .sdk_reference()
            .into_iter()
            .flat_map(|sdk| self.visible_sdk(sdk.iter()));
        user.chain(sdk)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(text: &str) -> UserReference {
        UserReference::parse(Path::new("product.h"), text, UserReferenceFormat::CHeader)
            .expect("parses")
    }

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

    #[test]
    fn component_local_definitions_of_shared_families() {
        let reference = Reference::sdk();
        let local = |name: &str| {
            let fact = reference.by_name(name).expect("the SDK defines it");
            reference.is_component_local(&fact)
        };
        // HTML Help's own E_ constant; most E_ constants are Foundation's.
        assert!(local("E_FILENOTFOUND"));
        assert!(!local("E_FAIL"));
        assert!(!local("WU_E_NO_SERVICE"));
        assert!(!local("ERROR_ACCESS_DENIED"));
        // A user's definition is the product's own, never component-local.
        let product = user("#define E_FILENOTFOUND ((HRESULT)0x80070002L)\n");
        let fact = product.table().named("E_FILENOTFOUND").expect("defined");
        assert!(!reference.is_component_local(&fact));
    }

    #[test]
    fn a_component_local_name_for_another_component_s_code() {
        let reference = Reference::sdk();
        let fact = reference.by_name("E_FILENOTFOUND").expect("defined");
        // 0x80070002 is ERROR_FILE_NOT_FOUND's: none of HTML Help's names.
        assert!(reference.is_foreign_spelling(&fact, 0x8007_0002));
        // Its own code, and a code no reference names, are not.
        assert!(!reference.is_foreign_spelling(&fact, 0x8000_1037));
        assert!(!reference.is_foreign_spelling(&fact, 0x8007_FFF0));
        // A family's own constant is never a foreign spelling.
        let fail = reference.by_name("E_FAIL").expect("defined");
        assert!(!reference.is_foreign_spelling(&fail, 0x8007_0002));
    }

    #[test]
    fn user_facts_take_precedence() {
        let product = user(
            "#define OM_E_NO_SERVICE _HRESULT_TYPEDEF_(0x80CF0001L)\n\
             #define WU_E_NO_SERVICE _HRESULT_TYPEDEF_(0x80CF0001L)\n",
        );
        let reference = Reference::new(true, vec![product]);
        let fact = reference.by_name("WU_E_NO_SERVICE").expect("defined");
        assert_eq!(fact.value, 0x80CF_0001);
        assert_eq!(fact.origin.to_string(), "product.h:2");
        // The SDK's WU_E_NO_SERVICE is hidden: its value names nothing now.
        assert!(reference.by_value(0x8024_0001).facts.is_empty());
        assert_eq!(
            names(&reference.by_value(0x80CF_0001).facts),
            ["OM_E_NO_SERVICE", "WU_E_NO_SERVICE"]
        );
        assert_eq!(
            names(&reference.by_name_ignore_case("wu_e_no_service")),
            ["WU_E_NO_SERVICE"]
        );
        let misses = reference.near_misses("OM_E_NO_SERVIC");
        assert_eq!(misses.len(), 1);
        assert_eq!(misses[0].fact.origin.to_string(), "product.h:1");

        let user_only = Reference::new(false, vec![user("#define OM_X 1\n")]);
        assert!(user_only.by_name("WU_E_NO_SERVICE").is_none());
        assert_eq!(user_only.iter().count(), 1);
    }
}
