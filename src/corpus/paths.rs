//! Files as arguments: the Markdown files named on the command line, and
//! those in folders named there, each a document of its own, and where
//! each file's locale comes from.
//!
//! Folders are walked as ripgrep walks them (the `ignore` crate): files
//! that `.gitignore` (inside a git repository), `.ignore` or the global git
//! excludes leave out are left out, and so are hidden files and folders;
//! of the rest, only `*.md` and `*.markdown` files (any case) are read. A
//! file named itself is read whatever its name.
//!
//! A file's locale is, in this order:
//!
//! 1. the front matter's `ms.locale`, `locale` or `lang` (the first of them
//!    present with a locale tag for its value);
//! 2. a tag in the file's name: a suffix, `page.de.md` or `page.pt-br.md`,
//!    or the whole name when it has a region or script, `de-de.md`;
//! 3. a tag in a folder's name, the nearest folder first: the whole name
//!    or a suffix after a dot when it has a region or script (`de-de/`,
//!    `memdocs.de-de/`), a bare language (`de/`) only in a folder right
//!    under one named `content`, `i18n`, `locales`, `locale`, `l10n`,
//!    `lang`, `langs`, `languages` or `translations` (elsewhere `go/` or
//!    `io/` is more likely a topic than Galician or Ido);
//!
//! and otherwise the project's source locale. In paths, a tag's language
//! has two letters, and what follows it is a script (four letters) and a
//! region (two letters or three digits): `how-to/` and `my-notes/` are
//! not locales.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::canonical_locale;
use crate::error::{Error, Result};

/// A Markdown file to read, named on the command line or found in a folder
/// named there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// The path to open.
    pub path: PathBuf,
    /// The path as reports show it: as given, with `/` separators and
    /// without `./`; for a file found in a folder, the folder as given
    /// joined with the file's path in it.
    pub shown: String,
}

/// Folders whose sub-folders are named after locales.
const LOCALE_FOLDERS: &[&str] = &[
    "content",
    "i18n",
    "l10n",
    "lang",
    "langs",
    "languages",
    "locale",
    "locales",
    "translations",
];

/// True for a file name ending in `.md` or `.markdown`, in any case.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The Markdown files at `paths`: each file as given, and the Markdown
/// files in each folder, walked as ripgrep walks it. Sorted by the path
/// shown; a file reached twice is listed once. A path that does not exist
/// is an error.
pub fn markdown_files(paths: &[PathBuf]) -> Result<Vec<FoundFile>> {
    markdown_files_noted(paths, &mut Vec::new())
}

/// [`markdown_files`], with a note in `notes` for each Markdown-named
/// symbolic link in a folder that is not followed (links are not followed
/// in folders, as ripgrep does not follow them: a link could lead out of
/// the folder, or in a circle); name the file itself to check it.
pub fn markdown_files_noted(paths: &[PathBuf], notes: &mut Vec<String>) -> Result<Vec<FoundFile>> {
    // Each file with its identity for spotting a file reached twice: its
    // canonical path. Links are not followed in folders, so a walked file's
    // is its folder's canonical path joined with the rest: one
    // `canonicalize` per path given, not one per file (a docs tree has
    // thousands, and each costs a system call per folder on its path).
    let mut found: Vec<(FoundFile, PathBuf)> = Vec::new();
    for given in paths {
        let shown = shown_path(given)?;
        let canonical = std::fs::canonicalize(given).unwrap_or_else(|_| given.clone());
        let metadata = std::fs::metadata(given).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::Corpus {
                    path: given.clone(),
                    message: "no such file or folder".into(),
                }
            } else {
                Error::io(given, e)
            }
        })?;
        if !metadata.is_dir() {
            found.push((
                FoundFile {
                    path: given.clone(),
                    shown,
                },
                canonical,
            ));
            continue;
        }
        let mut walk = ignore::WalkBuilder::new(given);
        walk.sort_by_file_name(|a, b| a.cmp(b));
        for entry in walk.build() {
            let entry = entry.map_err(|e| Error::Corpus {
                path: given.clone(),
                message: e.to_string(),
            })?;
            if entry.file_type().is_some_and(|t| t.is_symlink()) && is_markdown(entry.path()) {
                notes.push(format!(
                    "skipped {}: a symbolic link in a folder (links are not followed there; name the file to check it)",
                    entry.path().display()
                ));
                continue;
            }
            if !entry.file_type().is_some_and(|t| t.is_file()) || !is_markdown(entry.path()) {
                continue;
            }
            let relative = entry.path().strip_prefix(given).unwrap_or(entry.path());
            super::utf8_part(entry.path(), relative)?;
            let inner = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            found.push((
                FoundFile {
                    path: entry.path().to_path_buf(),
                    shown: if shown.is_empty() {
                        inner
                    } else if shown.ends_with('/') {
                        format!("{shown}{inner}")
                    } else {
                        format!("{shown}/{inner}")
                    },
                },
                canonical.join(relative),
            ));
        }
    }
    let mut seen = HashSet::new();
    let mut found: Vec<FoundFile> = found
        .into_iter()
        .filter(|(_, identity)| seen.insert(identity.clone()))
        .map(|(file, _)| file)
        .collect();
    found.sort_by(|a, b| a.shown.cmp(&b.shown));
    Ok(found)
}

/// A path given on the command line as reports show it.
fn shown_path(path: &Path) -> Result<String> {
    Ok(super::placement::shown(super::utf8_part(path, path)?))
}

/// The locale of a file from its front matter, else its path (see the
/// module's documentation); `None` when neither says.
pub fn locale_of(text: &str, shown: &str) -> Option<String> {
    locale_in_front_matter(text).or_else(|| locale_in_path(shown))
}

/// The locale the front matter gives in `ms.locale`, `locale` or `lang`,
/// in that order of preference. A quick look at the top-level lines, not a
/// YAML parse: a block YAML cannot read still gives its locale.
pub fn locale_in_front_matter(text: &str) -> Option<String> {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut found: [Option<String>; 3] = [None, None, None];
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            break;
        }
        if line.starts_with([' ', '\t', '#']) {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let slot = match key.trim() {
            "ms.locale" => 0,
            "locale" => 1,
            "lang" => 2,
            _ => continue,
        };
        let value = value.split(" #").next().unwrap_or_default().trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        if found[slot].is_none() {
            found[slot] = canonical_locale(value);
        }
    }
    found.into_iter().flatten().next()
}

/// The locale a path gives in its file name or folders (see the module's
/// documentation).
pub fn locale_in_path(shown: &str) -> Option<String> {
    let segments: Vec<&str> = shown
        .split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .collect();
    let (name, folders) = segments.split_last()?;
    let stem = name.rsplit_once('.').map_or(*name, |(stem, _)| stem);
    if let Some((_, suffix)) = stem.rsplit_once('.')
        && let Some(locale) = path_tag(suffix, true)
    {
        return Some(locale);
    }
    if let Some(locale) = path_tag(stem, false) {
        return Some(locale);
    }
    for (index, folder) in folders.iter().enumerate().rev() {
        if let Some(locale) = path_tag(folder, false) {
            return Some(locale);
        }
        if let Some((_, suffix)) = folder.rsplit_once('.')
            && let Some(locale) = path_tag(suffix, false)
        {
            return Some(locale);
        }
        let under_locale_folder = index > 0
            && LOCALE_FOLDERS
                .iter()
                .any(|f| folders[index - 1].eq_ignore_ascii_case(f));
        if under_locale_folder && let Some(locale) = path_tag(folder, true) {
            return Some(locale);
        }
    }
    None
}

/// A locale tag as paths write it: a two-letter language, then a script
/// (four letters) and a region (two letters or three digits), in that
/// order, at least one of them unless `bare` allows the language alone.
fn path_tag(text: &str, bare: bool) -> Option<String> {
    let mut parts = text.split(['-', '_']);
    let language = parts.next()?;
    if language.len() != 2 || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let (mut script, mut region) = (false, false);
    for part in parts {
        let letters = part.bytes().all(|b| b.is_ascii_alphabetic());
        let digits = part.bytes().all(|b| b.is_ascii_digit());
        if !script && !region && part.len() == 4 && letters {
            script = true;
        } else if !region && ((part.len() == 2 && letters) || (part.len() == 3 && digits)) {
            region = true;
        } else {
            return None;
        }
    }
    if !(bare || script || region) {
        return None;
    }
    canonical_locale(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_reached_twice_is_listed_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let docs = dir.path().join("docs");
        std::fs::create_dir_all(docs.join("sub")).expect("folders");
        for file in ["docs/a.md", "docs/sub/b.md"] {
            std::fs::write(dir.path().join(file), "# A\n").expect("write");
        }
        // A folder, a folder inside it, a file inside both, and (on Unix)
        // a link to the folder: each file once.
        let mut given = vec![
            docs.clone(),
            docs.join("sub"),
            docs.join("sub/b.md"),
            docs.join("sub/../a.md"),
        ];
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&docs, dir.path().join("link")).expect("link");
            given.push(dir.path().join("link"));
        }
        let found = markdown_files(&given).expect("found");
        let names: Vec<&str> = found
            .iter()
            .map(|f| f.path.file_name().and_then(|n| n.to_str()).unwrap_or(""))
            .collect();
        assert_eq!(names, ["a.md", "b.md"], "{found:?}");
    }

    #[test]
    fn locales_in_paths() {
        let cases = [
            ("docs/page.de.md", Some("de")),
            ("docs/page.pt-br.md", Some("pt-BR")),
            ("sources/doc/zh-cn.md", Some("zh-CN")),
            ("intune-common-error-codes/de-de.md", Some("de-DE")),
            ("../memdocs.de-de/intune/apps/page.md", Some("de-DE")),
            ("content/fr/docs/page.md", Some("fr")),
            (
                "i18n/de/docusaurus-plugin-content-docs/current/page.md",
                Some("de"),
            ),
            ("site/zh-hans/page.md", Some("zh-Hans")),
            ("es-419/page.md", Some("es-419")),
            ("docs/go/page.md", None),
            ("docs/io.md", None),
            ("how-to/page.md", None),
            ("my-notes/page.md", None),
            ("docs/en.md", None),
            ("docs/page.md", None),
            ("v1.2/page.md", None),
        ];
        for (path, expected) in cases {
            assert_eq!(locale_in_path(path).as_deref(), expected, "{path}");
        }
    }

    #[test]
    fn locales_in_front_matter_come_first() {
        let text = "---\ntitle: T\nlang: fr\nms.locale: de-de\n---\n# T\n";
        assert_eq!(locale_in_front_matter(text).as_deref(), Some("de-DE"));
        assert_eq!(
            locale_of("---\nlocale: \"sv-se\" # Swedish\n---\n", "x/de-de.md").as_deref(),
            Some("sv-SE")
        );
        assert_eq!(
            locale_of("---\nlocale: whatever\n---\n", "x/de-de.md").as_deref(),
            Some("de-DE")
        );
        assert_eq!(locale_of("# T\n", "x/page.md"), None);
        assert!(is_markdown(Path::new("a/B.MarkDown")));
        assert!(!is_markdown(Path::new("a/b.txt")));
    }
}
