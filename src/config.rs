//! `errdocs.toml`: where the documents are, which locale is each document's
//! source language, how rules are configured, and which references the
//! pages are checked against.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{FailLevel, Severity};
use crate::error::{Error, Result};
use crate::reference::UserReferenceFormat;

/// The name of the configuration file at the project root.
pub const CONFIG_FILE: &str = "errdocs.toml";

/// The parsed configuration. Every field has a default, so a project without
/// `errdocs.toml` works by convention.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Folder of documents, relative to the root: one folder per document,
    /// one `<locale>.md` file per locale. It may be absent when every
    /// document is placed with `source`.
    #[serde(default = "default_sources")]
    pub sources: String,
    /// The line of `sources` in errdocs.toml, for errors; `None` when the
    /// file does not set it.
    #[serde(skip)]
    pub sources_line: Option<usize>,
    /// Folder the dataset is written to, relative to the root. `build`
    /// replaces it whole, so it may not hold or lie inside the sources or
    /// the project, and must lie inside the root unless
    /// `out-outside-root` says otherwise.
    #[serde(default = "default_out")]
    pub out: String,
    /// The line of `out` in errdocs.toml, for errors.
    #[serde(skip)]
    pub out_line: Option<usize>,
    /// Allows an `out` folder outside the project root (`out = "../x"`).
    #[serde(default)]
    pub out_outside_root: bool,
    /// The locale translations are made from, unless a document says
    /// otherwise.
    #[serde(default = "default_source_locale")]
    pub source_locale: String,
    /// The line of `source-locale` in errdocs.toml, for errors.
    #[serde(skip)]
    pub source_locale_line: Option<usize>,
    /// Per-document settings, by document id (the folder name, for
    /// documents under the sources folder).
    #[serde(default, deserialize_with = "documents_table")]
    pub documents: BTreeMap<String, DocumentConfig>,
    /// `[check]`: what fails a run.
    #[serde(default, deserialize_with = "check_table")]
    pub check: CheckConfig,
    /// `[rules]`: per-rule severity or `off`.
    #[serde(default, deserialize_with = "rules_table")]
    pub rules: BTreeMap<String, RuleLevel>,
    /// `[reference]`: what the pages are checked against.
    #[serde(default, deserialize_with = "reference_table")]
    pub reference: ReferenceConfig,
}

/// Reads a TOML table into `T`, refusing anything else (`what` names the
/// table for the message). serde's derived structs also take a sequence,
/// by position: `check = ["never"]` or `[[check]]` would otherwise read as
/// `fail-on = "never"`, or fail with a message about the wrong key.
fn table<'de, D, T>(deserializer: D, what: &'static str) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct TableOnly<T> {
        what: &'static str,
        into: std::marker::PhantomData<T>,
    }
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for TableOnly<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "a table: {}", self.what)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }
    deserializer.deserialize_any(TableOnly {
        what,
        into: std::marker::PhantomData,
    })
}

fn check_table<'de, D: serde::Deserializer<'de>>(d: D) -> Result<CheckConfig, D::Error> {
    table(d, "`[check]` with keys such as `fail-on = \"error\"`")
}

fn reference_table<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ReferenceConfig, D::Error> {
    table(
        d,
        "`[reference]` with keys such as `sdk = true` and `files = [\"include/codes.h\"]`",
    )
}

fn rules_table<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, RuleLevel>, D::Error> {
    table(d, "`[rules]` with lines such as `name-case = \"warning\"`")
}

fn documents_table<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, DocumentConfig>, D::Error> {
    let documents: BTreeMap<String, DocumentTable> = table(
        d,
        "`[documents.ID]` tables, one per document, with keys such as `title` and `source`",
    )?;
    Ok(documents.into_iter().map(|(id, d)| (id, d.0)).collect())
}

/// One `[documents.ID]` table.
struct DocumentTable(DocumentConfig);

impl<'de> Deserialize<'de> for DocumentTable {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        table(
            d,
            "`[documents.ID]` with keys such as `title = \"...\"` and `source = \"path/page.md\"`",
        )
        .map(DocumentTable)
    }
}

/// `[reference]`: the facts the pages are checked against, besides each
/// other.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReferenceConfig {
    /// Check against the Windows SDK's constants (embedded in errdocs).
    #[serde(default = "default_true")]
    pub sdk: bool,
    /// The product's own constants: C headers and CSV/TSV tables of name
    /// and value, relative to the root. Earlier files take precedence over
    /// later ones, and all of them over the SDK.
    #[serde(default)]
    pub files: Vec<String>,
    /// The line of each entry of `files` in errdocs.toml, for errors.
    #[serde(skip)]
    pub lines: Vec<Option<usize>>,
}

impl Default for ReferenceConfig {
    fn default() -> Self {
        ReferenceConfig {
            sdk: true,
            files: Vec::new(),
            lines: Vec::new(),
        }
    }
}

impl ReferenceConfig {
    /// The line in errdocs.toml of the `index`-th entry of `files`.
    pub fn line_of_file(&self, index: usize) -> Option<usize> {
        self.lines.get(index).copied().flatten()
    }
}

/// Settings of one document.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DocumentConfig {
    /// A human title, for reports.
    pub title: Option<String>,
    /// The source-language locale of this document.
    pub source_locale: Option<String>,
    /// Where the document lives, when it is not under the sources folder:
    /// its source-language file, relative to the root (it may reach
    /// outside it, `../memdocs/page.md`).
    pub source: Option<String>,
    /// Where its translations live: a path template, relative to the root,
    /// in which `{locale}` stands for a locale tag (`memdocs.{locale}/page.md`,
    /// `content/{locale}/page.md`, `page.{locale}.md`). Needs `source`.
    pub translations: Option<String>,
    /// The lines of `source` and `translations` in errdocs.toml, for errors.
    #[serde(skip)]
    pub lines: PlacementLines,
}

impl DocumentConfig {
    /// True when the document is placed by `source` rather than found under
    /// the sources folder.
    pub fn is_placed(&self) -> bool {
        self.source.is_some()
    }
}

/// The 1-based lines of a document's keys in errdocs.toml that errors
/// point at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlacementLines {
    /// The line of `source`.
    pub source: Option<usize>,
    /// The line of `translations`.
    pub translations: Option<usize>,
    /// The line of the document's `source-locale`.
    pub source_locale: Option<usize>,
}

/// What `{locale}` is written as in a `translations` template.
pub const LOCALE_PLACEHOLDER: &str = "{locale}";

/// The placement keys with their spans, read in a second pass for their
/// lines.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Spans {
    #[serde(default)]
    documents: BTreeMap<String, DocumentSpans>,
    source_locale: Option<toml::Spanned<String>>,
    sources: Option<toml::Spanned<String>>,
    out: Option<toml::Spanned<String>>,
    #[serde(default)]
    reference: Option<ReferenceSpans>,
}

#[derive(Deserialize)]
struct ReferenceSpans {
    #[serde(default)]
    files: Vec<toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct DocumentSpans {
    source: Option<toml::Spanned<String>>,
    translations: Option<toml::Spanned<String>>,
    source_locale: Option<toml::Spanned<String>>,
}

/// `[check]` settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckConfig {
    /// Findings at or above this level make `errdocs check` exit 1.
    #[serde(default = "default_fail_on", deserialize_with = "fail_level")]
    pub fail_on: FailLevel,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            fail_on: default_fail_on(),
        }
    }
}

/// Reads one of `words` (a TOML string), naming them all when the value is
/// anything else: serde's own message for `fail-on = 3` ("wanted string or
/// table") says neither what is allowed nor that quotes are needed.
fn one_of<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    words: &'static [&'static str],
) -> Result<&'static str, D::Error> {
    struct Words(&'static [&'static str]);
    impl<'de> serde::de::Visitor<'de> for Words {
        type Value = &'static str;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            let quoted: Vec<String> = self.0.iter().map(|w| format!("\"{w}\"")).collect();
            write!(f, "one of {} (a string, in quotes)", quoted.join(", "))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            self.0
                .iter()
                .find(|w| **w == v)
                .copied()
                .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
        }
    }
    deserializer.deserialize_any(Words(words))
}

fn fail_level<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<FailLevel, D::Error> {
    Ok(
        match one_of(deserializer, &["error", "warning", "note", "never"])? {
            "error" => FailLevel::Error,
            "warning" => FailLevel::Warning,
            "note" => FailLevel::Note,
            _ => FailLevel::Never,
        },
    )
}

/// The rule ids of `ids` that `id` may have meant: those holding the most
/// of its words, split at `-` and `_` (`hex_malformed` and `name-cas`
/// mean `hex-malformed` and `name-case`; `decimal`, each `decimal-*`
/// rule), words of three letters or more. Empty when none holds any.
pub fn similar_rule_ids<'a>(id: &str, ids: &[&'a str]) -> Vec<&'a str> {
    let id = id.to_ascii_lowercase();
    // Words of one or two letters (`no`, `e`) are in too many ids to say
    // anything.
    let words: Vec<&str> = id.split(['-', '_']).filter(|w| w.len() >= 3).collect();
    let held = |rule: &str| words.iter().filter(|w| rule.contains(**w)).count();
    let most = ids.iter().map(|r| held(r)).max().unwrap_or(0);
    if most == 0 {
        return Vec::new();
    }
    ids.iter().copied().filter(|r| held(r) == most).collect()
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    /// The rule does not run.
    Off,
    /// Report at `note`.
    Note,
    /// Report at `warning`.
    Warning,
    /// Report at `error`.
    Error,
}

impl<'de> Deserialize<'de> for RuleLevel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(
            match one_of(deserializer, &["off", "note", "warning", "error"])? {
                "off" => RuleLevel::Off,
                "note" => RuleLevel::Note,
                "warning" => RuleLevel::Warning,
                _ => RuleLevel::Error,
            },
        )
    }
}

impl RuleLevel {
    /// The severity, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Note => Some(Severity::Note),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Error => Some(Severity::Error),
        }
    }
}

fn default_sources() -> String {
    "sources".into()
}
fn default_out() -> String {
    "out".into()
}
fn default_source_locale() -> String {
    "en-US".into()
}
fn default_fail_on() -> FailLevel {
    FailLevel::Error
}
fn default_true() -> bool {
    true
}

impl Default for Config {
    fn default() -> Self {
        Config {
            sources: default_sources(),
            sources_line: None,
            out: default_out(),
            out_line: None,
            out_outside_root: false,
            source_locale: default_source_locale(),
            source_locale_line: None,
            documents: BTreeMap::new(),
            check: CheckConfig::default(),
            rules: BTreeMap::new(),
            reference: ReferenceConfig::default(),
        }
    }
}

/// The parser's message for `error`, with the key it is about where the
/// message does not say it: toml says "duplicate key" and no more, and a
/// `[documents.x]` table repeated many lines apart was hard to find.
fn with_key_named(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim();
    let key = error
        .span()
        .and_then(|span| text.get(span))
        .map(str::trim)
        .filter(|key| !key.is_empty() && key.len() <= 200 && !key.contains('\n'));
    match key {
        Some(key) if message == "duplicate key" => format!("duplicate key `{key}`"),
        _ => message.to_string(),
    }
}

/// The largest `errdocs.toml` errdocs reads: settings take kilobytes, a
/// list of every page of a large docs tree megabytes.
const MAX_CONFIG_BYTES: u64 = 64 * 1024 * 1024;

impl Config {
    /// Loads `errdocs.toml` from `root`; a missing file means the defaults.
    /// `rule_ids` are the rules there are: `[rules]` may configure only
    /// those.
    pub fn load(root: &Path, rule_ids: &[&str]) -> Result<Config> {
        if root.is_file() {
            return Err(Error::io(
                root,
                std::io::Error::other(
                    "is a file; pass the project folder (the one holding errdocs.toml and sources/) to --root",
                ),
            ));
        }
        let path = root.join(CONFIG_FILE);
        // Bounded, and no further than a NUL byte: a link to a device
        // (`/dev/zero`) was read without end.
        let bytes = match crate::source::read_text_bytes(
            &path,
            MAX_CONFIG_BYTES,
            "errdocs.toml is a TOML file of settings",
        ) {
            Ok(bytes) => bytes,
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default());
            }
            Err(e) => return Err(e),
        };
        let line_of = |offset: usize| 1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count();
        if let Some(offset) = memchr::memchr(0, &bytes) {
            return Err(Error::Config {
                path,
                line: Some(line_of(offset)),
                message: format!(
                    "a binary file (NUL byte at byte offset {offset}); errdocs.toml is TOML text"
                ),
            });
        }
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => text,
            Err(e) => {
                let offset = e.valid_up_to();
                return Err(Error::Config {
                    path,
                    line: Some(line_of(offset)),
                    message: format!(
                        "not valid UTF-8 (byte offset {offset}); save the file as UTF-8"
                    ),
                });
            }
        };
        Config::parse(text, &path, rule_ids)
    }

    /// Parses configuration text; `path` names it in errors, and `rule_ids`
    /// are the rules `[rules]` may configure.
    pub fn parse(text: &str, path: &Path, rule_ids: &[&str]) -> Result<Config> {
        // Where the lines start, found once: counting the newlines before
        // each span made a list of 200,000 files written on one line take
        // seconds per thousand entries.
        let newlines = std::cell::OnceCell::new();
        let line_at = |offset: usize| {
            let newlines: &Vec<usize> =
                newlines.get_or_init(|| text.match_indices('\n').map(|(at, _)| at).collect());
            newlines.partition_point(|&at| at < offset.min(text.len())) + 1
        };
        let mut config: Config = toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            line: e.span().map(|span| line_at(span.start)),
            message: with_key_named(text, &e),
        })?;
        // The same text parsed again: it parsed once, so it parses.
        if let Ok(spans) = toml::from_str::<Spans>(text) {
            if let Some(reference) = spans.reference {
                config.reference.lines = reference
                    .files
                    .iter()
                    .map(|file| Some(line_at(file.span().start)))
                    .collect();
            }
            for (id, spans) in spans.documents {
                if let Some(document) = config.documents.get_mut(&id) {
                    document.lines = PlacementLines {
                        source: spans.source.map(|s| line_at(s.span().start)),
                        translations: spans.translations.map(|s| line_at(s.span().start)),
                        source_locale: spans.source_locale.map(|s| line_at(s.span().start)),
                    };
                }
            }
            config.source_locale_line = spans.source_locale.map(|s| line_at(s.span().start));
            config.out_line = spans.out.map(|s| line_at(s.span().start));
            config.sources_line = spans.sources.map(|s| line_at(s.span().start));
        }
        for (id, document) in &config.documents {
            document.validate(id, path)?;
        }
        config.reference.validate(path)?;
        for id in config.rules.keys() {
            if !rule_ids.contains(&id.as_str()) {
                let near = similar_rule_ids(id, rule_ids);
                let meant = if near.is_empty() {
                    String::new()
                } else {
                    format!(" (did you mean `{}`?)", near.join("`, `"))
                };
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    line: line_of(text, id),
                    message: format!(
                        "unknown rule `{id}` in [rules]{meant}; `errdocs rules` lists the rule ids"
                    ),
                });
            }
        }
        Ok(config)
    }

    /// The configured severity of the rule `id`, whose default is
    /// `default`: `None` when it is off.
    pub fn severity_of(&self, id: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(id) {
            Some(level) => level.severity(),
            None => Some(default),
        }
    }

    /// The sources folder under `root`.
    pub fn sources_dir(&self, root: &Path) -> PathBuf {
        root.join(&self.sources)
    }

    /// The output folder under `root`.
    pub fn out_dir(&self, root: &Path) -> PathBuf {
        root.join(&self.out)
    }
}

impl DocumentConfig {
    /// Checks `source` and `translations` for what is wrong whatever the
    /// files on disk.
    fn validate(&self, id: &str, path: &Path) -> Result<()> {
        let error = |line: Option<usize>, message: String| Error::Config {
            path: path.to_path_buf(),
            line,
            message,
        };
        if let Some(source) = &self.source {
            if source.trim().is_empty() {
                return Err(error(
                    self.lines.source,
                    format!(
                        "[documents.{id}] source is empty; give the path of the document's source-language file"
                    ),
                ));
            }
            if source.contains('{') {
                return Err(error(
                    self.lines.source,
                    format!(
                        "[documents.{id}] source `{source}` has a placeholder; source names one file, and {LOCALE_PLACEHOLDER} belongs in translations"
                    ),
                ));
            }
        }
        let Some(template) = &self.translations else {
            return Ok(());
        };
        let line = self.lines.translations;
        if self.source.is_none() {
            return Err(error(
                line,
                format!(
                    "[documents.{id}] has translations but no source; add source = \"path/of/the/source-language/page.md\""
                ),
            ));
        }
        if !template.contains(LOCALE_PLACEHOLDER) {
            return Err(error(
                line,
                format!(
                    "[documents.{id}] translations `{template}` has no {LOCALE_PLACEHOLDER}; write it where the locale tag stands in the path, as in `memdocs.{LOCALE_PLACEHOLDER}/page.md`, `content/{LOCALE_PLACEHOLDER}/page.md` or `page.{LOCALE_PLACEHOLDER}.md`"
                ),
            ));
        }
        let rest = template.replace(LOCALE_PLACEHOLDER, "");
        if let Some(start) = rest.find(['{', '}']) {
            let other: String = rest[start..].chars().take_while(|&c| c != '/').collect();
            return Err(error(
                line,
                format!(
                    "[documents.{id}] translations `{template}`: `{other}` is not a placeholder; the only one is {LOCALE_PLACEHOLDER}"
                ),
            ));
        }
        if template
            .split(['/', '\\'])
            .any(|segment| segment.matches(LOCALE_PLACEHOLDER).count() > 1)
        {
            return Err(error(
                line,
                format!(
                    "[documents.{id}] translations `{template}` has {LOCALE_PLACEHOLDER} twice in one path segment; one stands for the whole tag"
                ),
            ));
        }
        Ok(())
    }
}

impl ReferenceConfig {
    /// Checks each of `files` for what is wrong whatever the files hold: an
    /// empty path, a format errdocs does not read.
    fn validate(&self, path: &Path) -> Result<()> {
        for (index, file) in self.files.iter().enumerate() {
            let error = |message: String| Error::Config {
                path: path.to_path_buf(),
                line: self.line_of_file(index),
                message,
            };
            if file.trim().is_empty() {
                return Err(error(
                    "[reference] files has an empty path; give the path of a C header or a CSV/TSV table of name and value".to_string(),
                ));
            }
            if UserReferenceFormat::of_path(Path::new(file)).is_none() {
                return Err(error(format!(
                    "[reference] files: `{file}` is not a format errdocs reads; use {}",
                    UserReferenceFormat::IN_WORDS
                )));
            }
        }
        Ok(())
    }
}

fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines()
        .position(|line| line.trim_start().starts_with(needle))
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_a_misspelt_id_may_mean() {
        let ids = [
            "decimal-mismatch",
            "decimal-systematic",
            "hex-case-inconsistent",
            "hex-malformed",
            "name-case",
            "reference-name-unknown",
        ];
        assert_eq!(similar_rule_ids("name-cas", &ids), ["name-case"]);
        assert_eq!(similar_rule_ids("HEX_MALFORMED", &ids), ["hex-malformed"]);
        assert_eq!(
            similar_rule_ids("hex_case", &ids),
            ["hex-case-inconsistent"]
        );
        assert_eq!(
            similar_rule_ids("decimal", &ids),
            ["decimal-mismatch", "decimal-systematic"]
        );
        assert!(similar_rule_ids("no-such-rule", &ids).is_empty());
    }

    #[test]
    fn defaults_without_file() {
        let config = Config::parse("", Path::new("errdocs.toml"), &[]).unwrap();
        assert_eq!(config.sources, "sources");
        assert_eq!(config.source_locale, "en-US");
        assert_eq!(config.check.fail_on, FailLevel::Error);
    }

    /// toml says "duplicate key" and nothing of which.
    #[test]
    fn a_duplicate_key_is_named() {
        let error = |text: &str| {
            Config::parse(text, Path::new("errdocs.toml"), &["name-case"])
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            error("source-locale = \"en-US\"\nsource-locale = \"de-DE\"\n"),
            "errdocs.toml:2: duplicate key `source-locale`"
        );
        assert_eq!(
            error("[documents.doc]\ntitle = \"A\"\n\n[documents.doc]\ntitle = \"B\"\n"),
            "errdocs.toml:4: duplicate key `doc`"
        );
    }

    /// Bytes that are not UTF-8 are named by line and offset, as in a
    /// page; a missing file is the defaults.
    #[test]
    fn a_file_that_is_not_utf8_names_its_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(Config::load(dir.path(), &[]).is_ok());
        std::fs::write(dir.path().join(CONFIG_FILE), b"out = \"out\"\n# caf\xe9\n").expect("write");
        let error = Config::load(dir.path(), &[]).unwrap_err().to_string();
        assert!(
            error.ends_with(
                "errdocs.toml:2: not valid UTF-8 (byte offset 17); save the file as UTF-8"
            ),
            "{error}"
        );
    }

    #[test]
    fn placement_keys_keep_their_lines() {
        let text = "[documents.a]\ntitle = \"A\"\nsource = \"memdocs/a.md\"\ntranslations = \"memdocs.{locale}/a.md\"\n";
        let config = Config::parse(text, Path::new("errdocs.toml"), &[]).unwrap();
        let a = &config.documents["a"];
        assert!(a.is_placed());
        assert_eq!(a.source.as_deref(), Some("memdocs/a.md"));
        assert_eq!(
            a.lines,
            PlacementLines {
                source: Some(3),
                translations: Some(4),
                source_locale: None,
            }
        );
    }

    #[test]
    fn levels_name_what_is_allowed() {
        let error = |text: &str| {
            Config::parse(text, Path::new("errdocs.toml"), &["name-case"])
                .unwrap_err()
                .to_string()
        };
        // Not "wanted string or table".
        assert_eq!(
            error("[check]\nfail-on = 3\n"),
            "errdocs.toml:2: invalid type: integer `3`, expected one of \"error\", \"warning\", \"note\", \"never\" (a string, in quotes)"
        );
        assert!(error("[rules]\nname-case = \"loud\"\n").starts_with(
            "errdocs.toml:2: invalid value: string \"loud\", expected one of \"off\", \"note\""
        ));
        let config = Config::parse(
            "source-locale = \"x\"\n[documents.a]\n\nsource-locale = \"y\"\n",
            Path::new("errdocs.toml"),
            &[],
        )
        .unwrap();
        assert_eq!(config.source_locale_line, Some(1));
        assert_eq!(config.documents["a"].lines.source_locale, Some(4));
        assert_eq!(config.out_line, None);
        let config = Config::parse(
            "# Output\n\nout = \"data\"\n",
            Path::new("errdocs.toml"),
            &[],
        )
        .unwrap();
        assert_eq!(config.out_line, Some(3));
    }

    #[test]
    fn bad_templates_are_errors_with_their_line() {
        let error = |doc: &str| {
            Config::parse(
                &format!("source-locale = \"en-US\"\n[documents.a]\n{doc}"),
                Path::new("errdocs.toml"),
                &[],
            )
            .unwrap_err()
            .to_string()
        };
        let text = error("source = \"a.md\"\ntranslations = \"memdocs.de/a.md\"\n");
        assert!(
            text.starts_with(
                "errdocs.toml:4: [documents.a] translations `memdocs.de/a.md` has no {locale}"
            ),
            "{text}"
        );
        let text = error("translations = \"{locale}/a.md\"\n");
        assert!(
            text.starts_with("errdocs.toml:3: [documents.a] has translations but no source"),
            "{text}"
        );
        let text = error("source = \"a.md\"\ntranslations = \"{lang}/a.{locale}.md\"\n");
        assert!(text.contains("`{lang}` is not a placeholder"), "{text}");
        let text = error("source = \"a.md\"\ntranslations = \"a.{locale}.{locale}.md\"\n");
        assert!(text.contains("twice in one path segment"), "{text}");
        let text = error("source = \"{locale}/a.md\"\n");
        assert!(
            text.starts_with(
                "errdocs.toml:3: [documents.a] source `{locale}/a.md` has a placeholder"
            ),
            "{text}"
        );
    }

    #[test]
    fn many_reference_files_on_one_line_get_their_lines_in_one_pass() {
        // 200,000 entries on line 3: each entry's line was found by counting
        // the newlines before it, 10^11 bytes read in all.
        let files: Vec<String> = (0..200_000).map(|i| format!("\"f{i}.h\"")).collect();
        let text = format!("[reference]\n\nfiles = [{}]\n", files.join(","));
        let config = Config::parse(&text, Path::new("errdocs.toml"), &[]).unwrap();
        assert_eq!(config.reference.files.len(), 200_000);
        assert_eq!(config.reference.line_of_file(0), Some(3));
        assert_eq!(config.reference.line_of_file(199_999), Some(3));
    }

    #[test]
    fn reference_files_keep_their_lines() {
        let text =
            "[reference]\nsdk = false\nfiles = [\n  \"include/om.h\",\n  \"codes.csv\",\n]\n";
        let config = Config::parse(text, Path::new("errdocs.toml"), &[]).unwrap();
        assert!(!config.reference.sdk);
        assert_eq!(config.reference.files, ["include/om.h", "codes.csv"]);
        assert_eq!(config.reference.line_of_file(0), Some(4));
        assert_eq!(config.reference.line_of_file(1), Some(5));
        let config = Config::parse("", Path::new("errdocs.toml"), &[]).unwrap();
        assert!(
            config.reference.sdk,
            "the SDK is checked against by default"
        );
        assert!(config.reference.files.is_empty());
    }

    #[test]
    fn bad_reference_files_are_errors_with_their_line() {
        let error = |files: &str| {
            Config::parse(
                &format!("out = \"out\"\n[reference]\nfiles = [{files}]\n"),
                Path::new("errdocs.toml"),
                &[],
            )
            .unwrap_err()
            .to_string()
        };
        let text = error("\"codes.txt\"");
        assert!(
            text.starts_with(
                "errdocs.toml:3: [reference] files: `codes.txt` is not a format errdocs reads"
            ),
            "{text}"
        );
        let text = error("\"a.h\", \" \"");
        assert!(
            text.starts_with("errdocs.toml:3: [reference] files has an empty path"),
            "{text}"
        );
        let text = Config::parse(
            "[reference]\nheaders = [\"a.h\"]\n",
            Path::new("errdocs.toml"),
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(
            text.starts_with("errdocs.toml:2: unknown field `headers`"),
            "{text}"
        );
    }

    #[test]
    fn tables_given_as_arrays_are_refused_with_their_line() {
        let error = |text: &str| {
            Config::parse(text, Path::new("errdocs.toml"), &["name-case"])
                .expect_err(text)
                .to_string()
        };
        // Read by position, `["never"]` was `fail-on = "never"`.
        let text = error("sources = \"s\"\ncheck = [\"never\"]\n");
        assert!(
            text.starts_with("errdocs.toml:2: invalid type: sequence, expected a table: `[check]`"),
            "{text}"
        );
        let text = error("\n[[check]]\nfail-on = \"never\"\n");
        assert!(
            text.starts_with("errdocs.toml:2: invalid type: sequence, expected a table: `[check]`"),
            "{text}"
        );
        let text = error("reference = [false, [\"a.h\"]]\n");
        assert!(
            text.starts_with(
                "errdocs.toml:1: invalid type: sequence, expected a table: `[reference]`"
            ),
            "{text}"
        );
        let text = error("[documents]\na = [\"Title\"]\n");
        assert!(
            text.starts_with(
                "errdocs.toml:2: invalid type: sequence, expected a table: `[documents.ID]`"
            ),
            "{text}"
        );
        let text = error("documents = [\"a\"]\n");
        assert!(
            text.starts_with(
                "errdocs.toml:1: invalid type: sequence, expected a table: `[documents.ID]` tables"
            ),
            "{text}"
        );
        let text = error("rules = [\"off\"]\n");
        assert!(
            text.starts_with("errdocs.toml:1: invalid type: sequence, expected a table: `[rules]`"),
            "{text}"
        );
        // Tables, inline or not, still read.
        let config = Config::parse(
            "check = { fail-on = \"never\" }\n[documents.a]\ntitle = \"A\"\n[rules]\nname-case = \"off\"\n[reference]\nsdk = false\n",
            Path::new("errdocs.toml"),
            &["name-case"],
        )
        .expect("tables read");
        assert_eq!(config.check.fail_on, FailLevel::Never);
        assert_eq!(config.documents["a"].title.as_deref(), Some("A"));
        assert_eq!(config.rules["name-case"], RuleLevel::Off);
        assert!(!config.reference.sdk);
    }

    #[test]
    fn errors_name_the_line() {
        let err = Config::parse(
            "sources = \"s\"\nbogus = 1\n",
            Path::new("errdocs.toml"),
            &[],
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("errdocs.toml:2: unknown field `bogus`"),
            "{text}"
        );
    }
}
