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
            return Err(no_such_root(root));
        }
        let placed: Vec<_> = config
            .documents
            .iter()
            .filter(|(_, settings)| settings.is_placed())
            .collect();
        // Placed documents first: their files may lie inside the sources
        // folder, which the folders' discovery then passes over.
        let config_path = root.join(CONFIG_FILE);
        let mut placed_documents = Vec::with_capacity(placed.len());
        let mut placed_notes = Vec::new();
        for (id, settings) in &placed {
            let source_locale = source_locale_of(root, config, Some(id))?;
            let placed = placement::place(root, id, settings, &source_locale)?;
            placed_notes.extend(placed.note);
            placed_documents.push((*id, *settings, placed.document));
        }
        let claimed = PlacedFiles::of(placed_documents.iter().map(|(_, _, d)| d));
        let mut documents = Vec::new();
        let mut notes = Vec::new();
        if sources.is_dir() {
            Containment::of(root).check_sources(&sources)?;
            documents = discover_folders(root, &sources, config, &claimed, &mut notes)?;
        } else if placed.is_empty() {
            return Err(no_sources_folder(root, config, &sources));
        }
        for (id, settings, document) in placed_documents {
            if documents.iter().any(|d: &Document| d.id == *id) {
                return Err(Error::Config {
                    path: config_path,
                    line: settings.lines.source,
                    message: format!(
                        "[documents.{id}] places the document with source, but {}/{id}/ holds a document of that name too; remove the folder or rename one of them",
                        config.sources
                    ),
                });
            }
            documents.push(document);
        }
        notes.extend(placed_notes);
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
                message: format!(
                    "no documents: expected folders holding <locale>.md files, such as my-page/en-us.md{}",
                    skipped_ones(&notes)
                ),
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
    let document = id.and_then(|id| config.documents.get(id));
    let (source_locale, line) = match document.and_then(|d| d.source_locale.clone()) {
        Some(locale) => (locale, document.and_then(|d| d.lines.source_locale)),
        None => (config.source_locale.clone(), config.source_locale_line),
    };
    canonical_locale(&source_locale).ok_or_else(|| Error::Config {
        path: root.join(CONFIG_FILE),
        line,
        message: format!("`{source_locale}` is not a locale tag such as en-US"),
    })
}

/// The documents by convention: one folder per document under `sources`,
/// one `<locale>.md` per locale (`.md` in any case, or `.markdown`).
/// Whatever else is there is skipped with a note in `notes` (so that a
/// page saved as `notes.txt` or put in a subfolder is not lost without a
/// word), except hidden files. A symbolic link that leads out of the
/// project is refused: `sources/` holds the project's pages, and a page
/// from elsewhere is placed in errdocs.toml, where it shows.
fn discover_folders(
    root: &Path,
    sources: &Path,
    config: &Config,
    claimed: &PlacedFiles,
    notes: &mut Vec<String>,
) -> Result<Vec<Document>> {
    let mut documents = Vec::new();
    let inside = Containment::of(root);
    for folder in sorted_entries(sources)? {
        let id = file_name(&folder);
        // A folder holding placed files may hold pages of its own too.
        if id.starts_with('.') || claimed.is_placed_file(&folder) {
            continue;
        }
        if !folder.is_dir() {
            notes.push(skipped_note(root, &folder, "not in a document's folder"));
            continue;
        }
        utf8_name(&folder)?;
        let settings = config.documents.get(&id);
        let source_locale = source_locale_of(root, config, Some(&id))?;
        let mut files = Vec::new();
        for path in sorted_entries(&folder)? {
            let name = file_name(&path);
            if name.starts_with('.') || claimed.claims(&path) {
                continue;
            }
            if let Some(why) = not_a_page(&path) {
                notes.push(skipped_note(root, &path, why));
                continue;
            }
            inside.check(&path)?;
            utf8_name(&path)?;
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
            // The folder, not a file that does not exist; with what was
            // found there, so a page named `en.md` (locale `en`) is seen.
            let found: Vec<String> = files
                .iter()
                .map(|f| {
                    let name = f
                        .path
                        .file_name()
                        .map_or_else(|| f.rel.clone(), |n| n.to_string_lossy().into_owned());
                    format!("{name} ({})", f.locale)
                })
                .collect();
            return Err(Error::Corpus {
                path: folder.clone(),
                message: format!(
                    "document `{id}` has no file for its source locale {source_locale} (a file named {}.md); found {}; rename the source page, or set [documents.{id}] source-locale in errdocs.toml",
                    source_locale.to_ascii_lowercase(),
                    found.join(", ")
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

/// The files errdocs.toml places, and the folders that hold them, as the
/// file system names them (links resolved): the folders' discovery passes
/// over them, since they belong to their placed documents.
#[derive(Default)]
struct PlacedFiles {
    files: std::collections::BTreeSet<PathBuf>,
    folders: std::collections::BTreeSet<PathBuf>,
}

impl PlacedFiles {
    fn of<'a>(documents: impl Iterator<Item = &'a Document>) -> PlacedFiles {
        let mut placed = PlacedFiles::default();
        for file in documents.flat_map(|d| &d.files) {
            let Ok(real) = std::fs::canonicalize(&file.path) else {
                continue;
            };
            placed
                .folders
                .extend(real.ancestors().skip(1).map(Path::to_path_buf));
            placed.files.insert(real);
        }
        placed
    }

    /// True when the entry at `path` is a placed file: not a page of the
    /// folder it is in, and not to be noted as skipped.
    fn is_placed_file(&self, path: &Path) -> bool {
        !self.files.is_empty()
            && std::fs::canonicalize(path).is_ok_and(|real| self.files.contains(&real))
    }

    /// True when the entry at `path` is a placed file, or a folder that
    /// holds one (inside a document's folder, where folders are otherwise
    /// noted as skipped).
    fn claims(&self, path: &Path) -> bool {
        !self.files.is_empty()
            && std::fs::canonicalize(path)
                .is_ok_and(|real| self.files.contains(&real) || self.folders.contains(&real))
    }
}

/// Why an entry of a document's folder is not one of its pages, if it is
/// not: `None` for a Markdown file (`.md` in any case, or `.markdown`).
fn not_a_page(path: &Path) -> Option<&'static str> {
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match std::fs::metadata(path) {
        Err(_) if link => Some("a symbolic link that leads nowhere (or in a circle)"),
        Err(_) => Some("cannot be read"),
        Ok(m) if m.is_dir() => Some("a folder inside a document's folder; pages go directly in it"),
        Ok(m) if !m.is_file() => Some("not a regular file"),
        Ok(_) if !paths::is_markdown(path) => {
            Some("not a page: a document's pages are <locale>.md files")
        }
        Ok(_) => None,
    }
}

fn skipped_note(root: &Path, path: &Path, why: &str) -> String {
    format!("skipped {}: {why}", relative(root, path))
}

/// What is inside the project root, for refusing symbolic links that lead
/// out of it.
struct Containment {
    /// The root as written (paths are joined to it).
    root: PathBuf,
    /// The root with every link resolved, where it can be.
    real: Option<PathBuf>,
}

impl Containment {
    fn of(root: &Path) -> Containment {
        Containment {
            root: root.to_path_buf(),
            real: std::fs::canonicalize(root).ok(),
        }
    }

    /// Where `path` really is, when it lies inside the root as written but
    /// a symbolic link on the way leads it out of the root.
    fn leads_out(&self, path: &Path) -> Option<PathBuf> {
        let real_root = self.real.as_ref()?;
        if !lexically_inside(&self.root, path) {
            return None;
        }
        std::fs::canonicalize(path)
            .ok()
            .filter(|real| !real.starts_with(real_root))
    }

    /// Fails when a symbolic link leads the page at `path` out of the root.
    fn check(&self, path: &Path) -> Result<()> {
        match self.leads_out(path) {
            Some(real) => Err(Error::Corpus {
                path: path.to_path_buf(),
                message: format!(
                    "is a symbolic link to {}, outside the project; errdocs does not read files from outside the project through links (place the document in errdocs.toml with `source` to read it from there)",
                    real.display()
                ),
            }),
            None => Ok(()),
        }
    }

    /// Fails when a symbolic link leads the sources folder out of the root.
    /// Said of the folder, not of the first page in it (which is no link):
    /// the folder is named in errdocs.toml instead, where it shows.
    fn check_sources(&self, sources: &Path) -> Result<()> {
        let Some(real) = self.leads_out(sources) else {
            return Ok(());
        };
        let is_link = std::fs::symlink_metadata(sources).is_ok_and(|m| m.file_type().is_symlink());
        let how = if is_link {
            "is a symbolic link to"
        } else {
            "leads through a symbolic link to"
        };
        Err(Error::Corpus {
            path: sources.to_path_buf(),
            message: format!(
                "the sources folder {how} {}, outside the project; errdocs does not read pages from outside the project through links: to read them from there, set `sources = {:?}` in errdocs.toml",
                real.display(),
                real.display().to_string()
            ),
        })
    }
}

/// What was skipped, for an error that says no document was found: the
/// notes that name each skipped file are printed with the documents, so
/// when there are none, "no documents" alone left a page that is a FIFO,
/// a folder named `en-us.md` or a `notes.txt` unexplained.
fn skipped_ones(notes: &[String]) -> String {
    /// Notes quoted in the message; the rest are counted.
    const SHOWN: usize = 5;
    if notes.is_empty() {
        return String::new();
    }
    let mut text = format!(
        " ({}",
        notes
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ")
    );
    if notes.len() > SHOWN {
        text.push_str(&format!("; and {} more skipped", notes.len() - SHOWN));
    }
    text.push(')');
    text
}

/// Why the sources folder `sources` cannot be read, said of what the
/// user wrote: a link that leads nowhere names where it leads, a file is
/// no folder, and a folder that `sources` in errdocs.toml names is that
/// line's mistake, not a wrong current folder.
fn no_sources_folder(root: &Path, config: &Config, sources: &Path) -> Error {
    let corpus = |message: String| Error::Corpus {
        path: sources.to_path_buf(),
        message,
    };
    if let Ok(target) = std::fs::read_link(sources)
        && let Err(e) = std::fs::metadata(sources)
    {
        if crate::error::is_link_loop(&e) {
            return corpus(format!(
                "the sources folder is a symbolic link to {}, and the links lead in a circle, never to a folder; make `sources` (or the link) name the folder of documents",
                target.display()
            ));
        }
        return corpus(format!(
            "the sources folder is a symbolic link to {}, which does not exist; create that folder, or make `sources` in errdocs.toml name the folder of documents",
            target.display()
        ));
    }
    if sources.exists() {
        return corpus(
            "is not a folder; errdocs reads the documents from the sources folder (`sources` in errdocs.toml), one folder per document"
                .into(),
        );
    }
    match config.sources_line {
        Some(line) => Error::Config {
            path: root.join(CONFIG_FILE),
            line: Some(line),
            message: format!(
                "sources = {:?}: there is no such folder ({}); name the folder that holds one folder per document (relative to the project folder, or absolute)",
                config.sources,
                sources.display()
            ),
        },
        None => corpus(
            "no sources folder here; run errdocs in the project root or pass --root DIR".into(),
        ),
    }
}

/// True when `path`, with `.` and `..` resolved as written, is `root` or
/// lies under it. A relative one and an absolute one (a root given as
/// `site`, an absolute `sources` in errdocs.toml) are compared from the
/// current folder: how either is spelt does not decide.
pub fn lexically_inside(root: &Path, path: &Path) -> bool {
    if root.is_absolute() != path.is_absolute()
        && let Ok(current) = std::env::current_dir()
    {
        return within(&lexical(&current.join(path)), &lexical(&current.join(root)));
    }
    within(&lexical(path), &lexical(root))
}

/// True when `path` is `root` or lies under it, both resolved already
/// (by [`lexical`] or by the file system): `../x` is not under `` (the
/// current folder), though it starts with it.
pub fn within(path: &Path, root: &Path) -> bool {
    path.strip_prefix(root)
        .is_ok_and(|rest| !rest.starts_with(".."))
}

/// `path` with `.` dropped and each `..` taking off the component before
/// it (links are not looked at).
pub fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                // `/..` is `/`.
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
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

/// `part` of `path` (its name, or what a report shows of it) as text; an
/// error naming `path` where it is not UTF-8, which errdocs cannot use as a
/// document's id or show in a report: read lossily, two such names
/// (`a\xFF`, `a\xFE`) were one document, whose rows were then each listed
/// twice, and reports named a file that does not exist.
pub(crate) fn utf8_part<'a>(path: &Path, part: &'a Path) -> Result<&'a str> {
    part.to_str().ok_or_else(|| Error::Corpus {
        path: path.to_path_buf(),
        message: format!(
            "{part:?} is not valid UTF-8; rename it (documents and reports name files as text)"
        ),
    })
}

/// [`utf8_part`] for the name of `path`.
fn utf8_name(path: &Path) -> Result<&str> {
    utf8_part(path, Path::new(path.file_name().unwrap_or_default()))
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

/// The error for a `--root` that is no folder.
pub fn no_such_root(root: &Path) -> Error {
    Error::Corpus {
        path: root.to_path_buf(),
        message: "no such folder; pass the project folder (the one holding errdocs.toml and sources/) to --root".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_resolved_as_written() {
        assert_eq!(lexical(Path::new("./a/../b/./c")), PathBuf::from("b/c"));
        assert_eq!(lexical(Path::new("a/../../x")), PathBuf::from("../x"));
        assert_eq!(lexical(Path::new("/../x")), PathBuf::from("/x"));
        assert!(lexically_inside(
            Path::new("."),
            Path::new("./sources/a.md")
        ));
        assert!(!lexically_inside(Path::new("."), Path::new("../x")));
        assert!(!lexically_inside(Path::new("root"), Path::new("root/../x")));
        assert!(lexically_inside(Path::new("root"), Path::new("root/./out")));
    }

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
