//! `errdocs.toml`: where the documents are, which locale is each document's
//! source language, and how rules are configured.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{FailLevel, Severity};
use crate::error::{Error, Result};

/// The name of the configuration file at the project root.
pub const CONFIG_FILE: &str = "errdocs.toml";

/// The parsed configuration. Every field has a default, so a project without
/// `errdocs.toml` works by convention.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Folder of documents, relative to the root: one folder per document,
    /// one `<locale>.md` file per locale.
    #[serde(default = "default_sources")]
    pub sources: String,
    /// Folder the dataset is written to, relative to the root.
    #[serde(default = "default_out")]
    pub out: String,
    /// The locale translations are made from, unless a document says
    /// otherwise.
    #[serde(default = "default_source_locale")]
    pub source_locale: String,
    /// Per-document settings, by folder name.
    #[serde(default)]
    pub documents: BTreeMap<String, DocumentConfig>,
    /// `[check]`: what fails a run.
    #[serde(default)]
    pub check: CheckConfig,
    /// `[rules]`: per-rule severity or `off`.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
}

/// Settings of one document.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DocumentConfig {
    /// A human title, for reports.
    pub title: Option<String>,
    /// The source-language locale of this document.
    pub source_locale: Option<String>,
}

/// `[check]` settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckConfig {
    /// Findings at or above this level make `errdocs check` exit 1.
    #[serde(default = "default_fail_on")]
    pub fail_on: FailLevel,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            fail_on: default_fail_on(),
        }
    }
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
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

impl Default for Config {
    fn default() -> Self {
        Config {
            sources: default_sources(),
            out: default_out(),
            source_locale: default_source_locale(),
            documents: BTreeMap::new(),
            check: CheckConfig::default(),
            rules: BTreeMap::new(),
        }
    }
}

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
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::io(path, e)),
        };
        Config::parse(&text, &path, rule_ids)
    }

    /// Parses configuration text; `path` names it in errors, and `rule_ids`
    /// are the rules `[rules]` may configure.
    pub fn parse(text: &str, path: &Path, rule_ids: &[&str]) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            line: e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1),
            message: e.message().trim().to_string(),
        })?;
        for id in config.rules.keys() {
            if !rule_ids.contains(&id.as_str()) {
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    line: line_of(text, id),
                    message: format!(
                        "unknown rule `{id}` in [rules]; `errdocs rules` lists the rule ids"
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

fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines()
        .position(|line| line.trim_start().starts_with(needle))
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_without_file() {
        let config = Config::parse("", Path::new("errdocs.toml"), &[]).unwrap();
        assert_eq!(config.sources, "sources");
        assert_eq!(config.source_locale, "en-US");
        assert_eq!(config.check.fail_on, FailLevel::Error);
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
