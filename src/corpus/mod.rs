//! The corpus: which documents exist, in which locales, and which locale is
//! each document's source language. Documents are found three ways:
//!
//! - by convention: one folder per document under `sources/`, one
//!   `<locale>.md` per locale, so that adding a locale needs no
//!   configuration;
//! - where they live: placed by `errdocs.toml` with `source` and a
//!   `translations` template in which `{locale}` stands for a locale tag
//!   ([`placement`]);
//! - from paths on the command line: each Markdown file a document of its
//!   own ([`paths`]), files that cannot hold a code table left out after a
//!   quick look at their bytes ([`prefilter`]).

pub mod paths;
pub mod placement;
pub mod prefilter;

use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, Config};
use crate::error::{Error, Result};

/// One locale file of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleFile {
    /// The locale in BCP 47 form (`en-US`, `zh-CN`).
    pub locale: String,
    /// The file's path.
    pub path: PathBuf,
    /// The path as reports show it, with `/` separators: relative to the
    /// root for files under it, as written in `errdocs.toml` for placed
    /// files (`../memdocs.de-de/page.md`), as given on the command line for
    /// files named there.
    pub rel: String,
    /// True for the source-language file; the others are its translations.
    pub is_source: bool,
}

/// One document: a page and its translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The document's id: its folder name under `sources/`, its key in
    /// `errdocs.toml` when placed there, or its path when named on the
    /// command line.
    pub id: String,
    /// A human title, from the configuration.
    pub title: Option<String>,
    /// The source-language locale.
    pub source_locale: String,
    /// Every locale file, the source first, then the translations by locale.
    pub files: Vec<LocaleFile>,
}

/// Every document of a project.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The project root.
    pub root: PathBuf,
    /// The documents, sorted by id.
    pub documents: Vec<Document>,
    /// What is worth saying about how the documents were found but is no
    /// error (a `translations` template that matches no file), one line
    /// each, for the commands to print.
    pub notes: Vec<String>,
}

impl Corpus {
    /// Finds the documents of the project at `root`: those under the
    /// configured sources folder and those `errdocs.toml` places with
    /// `source` (the sources folder may then be absent).
    pub fn discover(root: &Path, config: &Config) -> Result<Corpus> {
        let sources = config.sources_dir(root);
        if !root.is_dir() {
            return Err(Error::Corpus {
                path: root.to_path_buf(),
                message: "no such folder; pass the project folder (the one holding errdocs.toml and sources/) to --root".into(),
            });
        }
        let placed: Vec<_> = config
            .documents
            .iter()
            .filter(|(_, settings)| settings.is_placed())
            .collect();
        let mut documents = Vec::new();
        if sources.is_dir() {
            documents = discover_folders(root, &sources, config)?;
        } else if placed.is_empty() {
            return Err(Error::Corpus {
                path: sources,
                message:
                    "no sources folder here; run errdocs in the project root or pass --root DIR"
                        .into(),
            });
        }
        let mut notes = Vec::new();
        let config_path = root.join(CONFIG_FILE);
        for (id, settings) in placed {
            let source_locale = source_locale_of(root, config, Some(id))?;
            if documents.iter().any(|d: &Document| &d.id == id) {
                return Err(Error::Config {
                    path: config_path,
                    line: settings.lines.source,
                    message: format!(
                        "[documents.{id}] places the document with source, but {}/{id}/ holds a document of that name too; remove the folder or rename one of them",
                        config.sources
                    ),
                });
            }
            let placed = placement::place(root, id, settings, &source_locale)?;
            notes.extend(placed.note);
            documents.push(placed.document);
        }
        for (id, settings) in &config.documents {
            if settings.is_placed() || documents.iter().any(|d| &d.id == id) {
                continue;
            }
            return Err(Error::Corpus {
                path: sources.join(id),
                message: if sources.join(id).is_dir() {
                    format!(
                        "errdocs.toml configures document `{id}` but this folder holds no <locale>.md file"
                    )
                } else {
                    format!(
                        "errdocs.toml configures document `{id}` but there is no such folder; to read a document from elsewhere, give it a source"
                    )
                },
            });
        }
        if documents.is_empty() {
            return Err(Error::Corpus {
                path: sources,
                message: "no documents: expected folders holding <locale>.md files, such as my-page/en-us.md".into(),
            });
        }
        documents.sort_by(|a, b| a.id.cmp(&b.id));
        if config.documents.values().any(|d| d.is_placed()) {
            one_document_per_file(&documents)?;
        }
        Ok(Corpus {
            root: root.to_path_buf(),
            documents,
            notes,
        })
    }

    /// A corpus of files named on the command line (see [`paths`]): each
    /// file is a document of its own, in its locale, with the file's path
    /// (as shown) for its id. The documents keep the order given.
    pub fn of_files(root: &Path, files: Vec<(paths::FoundFile, String)>) -> Corpus {
        let documents = files
            .into_iter()
            .map(|(file, locale)| Document {
                id: file.shown.clone(),
                title: None,
                source_locale: locale.clone(),
                files: vec![LocaleFile {
                    locale,
                    path: file.path,
                    rel: file.shown,
                    is_source: true,
                }],
            })
            .collect();
        Corpus {
            root: root.to_path_buf(),
            documents,
            notes: Vec::new(),
        }
    }

    /// Every locale file of every document.
    pub fn files(&self) -> impl Iterator<Item = (&Document, &LocaleFile)> {
        self.documents
            .iter()
            .flat_map(|d| d.files.iter().map(move |f| (d, f)))
    }
}

/// The source locale of document `id`: its own setting, else the
/// project's (the project's alone for `None`), canonicalized.
pub fn source_locale_of(root: &Path, config: &Config, id: Option<&str>) -> Result<String> {
    let source_locale = id
        .and_then(|id| config.documents.get(id))
        .and_then(|d| d.source_locale.clone())
        .unwrap_or_else(|| config.source_locale.clone());
    canonical_locale(&source_locale).ok_or_else(|| Error::Config {
        path: root.join(CONFIG_FILE),
        line: None,
        message: format!("`{source_locale}` is not a locale tag such as en-US"),
    })
}

/// The documents by convention: one folder per document under `sources`,
/// one `<locale>.md` per locale.
fn discover_folders(root: &Path, sources: &Path, config: &Config) -> Result<Vec<Document>> {
    let mut documents = Vec::new();
    for folder in sorted_entries(sources)? {
        if !folder.is_dir() {
            continue;
        }
        let id = file_name(&folder);
        if id.starts_with('.') {
            continue;
        }
        let settings = config.documents.get(&id);
        let source_locale = source_locale_of(root, config, Some(&id))?;
        let mut files = Vec::new();
        for path in sorted_entries(&folder)? {
            if path.extension().and_then(|e| e.to_str()) != Some("md") || !path.is_file() {
                continue;
            }
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            let locale = canonical_locale(stem).ok_or_else(|| Error::Corpus {
                path: path.clone(),
                message: format!(
                    "`{stem}` is not a locale tag; name locale files like en-us.md or zh-cn.md"
                ),
            })?;
            let rel = relative(root, &path);
            if let Some(other) = files.iter().find(|f: &&LocaleFile| f.locale == locale) {
                return Err(Error::Corpus {
                    path: path.clone(),
                    message: format!(
                        "this file and {} are both the {locale} page of `{id}`; keep one",
                        other.rel
                    ),
                });
            }
            files.push(LocaleFile {
                is_source: locale == source_locale,
                locale,
                path,
                rel,
            });
        }
        if files.is_empty() {
            continue;
        }
        files.sort_by(|a, b| (!a.is_source, &a.locale).cmp(&(!b.is_source, &b.locale)));
        if !files[0].is_source {
            return Err(Error::Corpus {
                path: folder.join(format!("{}.md", source_locale.to_ascii_lowercase())),
                message: format!(
                    "document `{id}` has no file for its source locale {source_locale}; add it, or set [documents.{id}] source-locale in errdocs.toml"
                ),
            });
        }
        documents.push(Document {
            title: settings.and_then(|d| d.title.clone()),
            id,
            source_locale,
            files,
        });
    }
    Ok(documents)
}

/// Fails when one file is a page of two documents (placed documents may
/// name any file): its rows would be read twice.
fn one_document_per_file(documents: &[Document]) -> Result<()> {
    let mut seen: std::collections::HashMap<PathBuf, (&str, &LocaleFile)> =
        std::collections::HashMap::new();
    for document in documents {
        for file in &document.files {
            let key = std::fs::canonicalize(&file.path).unwrap_or_else(|_| file.path.clone());
            if let Some((other, other_file)) = seen.insert(key, (&document.id, file)) {
                return Err(Error::Corpus {
                    path: file.path.clone(),
                    message: format!(
                        "this file is the {} page of `{}` ({}) and the {} page of `{}` ({}); a file belongs to one document",
                        other_file.locale,
                        other,
                        other_file.rel,
                        file.locale,
                        document.id,
                        file.rel
                    ),
                });
            }
        }
    }
    Ok(())
}

/// Normalizes a locale tag to BCP 47 case (`zh-cn` -> `zh-CN`,
/// `sr-latn-rs` -> `sr-Latn-RS`). `None` for text that is not a tag. A bare
/// three-letter name is not taken for a language: `faq.md` and `toc.md` are
/// more likely than Filipino or Hawaiian pages.
pub fn canonical_locale(tag: &str) -> Option<String> {
    let parts: Vec<&str> = tag.split(['-', '_']).collect();
    let language = parts.first()?;
    if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    if language.len() == 3 && parts.len() == 1 {
        return None;
    }
    let mut out = language.to_ascii_lowercase();
    for part in &parts[1..] {
        if part.is_empty() || part.len() > 8 || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        out.push('-');
        match part.len() {
            2 => out.push_str(&part.to_ascii_uppercase()),
            4 => {
                let mut chars = part.chars();
                out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                out.push_str(&chars.as_str().to_ascii_lowercase());
            }
            _ => out.push_str(&part.to_ascii_lowercase()),
        }
    }
    Some(out)
}

/// `path` relative to `root`, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        paths.push(entry.map_err(|e| Error::io(dir, e))?.path());
    }
    paths.sort();
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_tags_are_canonicalized() {
        assert_eq!(canonical_locale("en-us").as_deref(), Some("en-US"));
        assert_eq!(canonical_locale("zh-CN").as_deref(), Some("zh-CN"));
        assert_eq!(
            canonical_locale("sr-latn-rs").as_deref(),
            Some("sr-Latn-RS")
        );
        assert_eq!(canonical_locale("de").as_deref(), Some("de"));
        assert_eq!(canonical_locale("readme"), None);
        assert_eq!(canonical_locale("faq"), None);
        assert_eq!(canonical_locale("fil-ph").as_deref(), Some("fil-PH"));
        assert_eq!(canonical_locale("en--us"), None);
    }
}
