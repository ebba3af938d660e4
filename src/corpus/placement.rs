//! Documents where they live: a document placed by `errdocs.toml` with
//! `source` (its source-language file) and `translations`, a path template
//! in which `{locale}` stands for one locale tag:
//!
//! ```toml
//! [documents.app-install-errors]
//! source = "memdocs/intune/apps/troubleshoot-app-install.md"
//! translations = "memdocs.{locale}/intune/apps/troubleshoot-app-install.md"
//! ```
//!
//! `{locale}` may be a whole path segment (`content/{locale}/page.md`), part
//! of one (`page.{locale}.md`) or the suffix of a repository folder
//! (`memdocs.{locale}/...`). The template is matched against directory
//! listings, in name order: the text that stands in for `{locale}` must be a
//! locale tag ([`canonical_locale`] accepts it; any case), and is
//! canonicalized (`de-de` becomes `de-DE`). Paths are relative to the root
//! and may reach outside it (`../memdocs.de-de/page.md`); reports show them
//! as written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Document, LocaleFile, canonical_locale};
use crate::config::{CONFIG_FILE, DocumentConfig, LOCALE_PLACEHOLDER};
use crate::error::{Error, Result};

/// A file a `translations` template matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The canonical locale its `{locale}` stands for.
    pub locale: String,
    /// The file's path (the root joined with `shown`).
    pub path: PathBuf,
    /// The path as reports show it: the template with `{locale}` replaced
    /// by the text on disk (`../memdocs.de-de/page.md`).
    pub shown: String,
}

/// A placed document, and a note for the user when its template matched
/// no translation.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The document.
    pub document: Document,
    /// Said once, not an error: a document without translations is fine.
    pub note: Option<String>,
}

/// A path as written, for reports: `/` separators, without `.` segments
/// and repeated slashes; `..` is kept.
pub fn shown(path: &str) -> String {
    let absolute = path.starts_with('/');
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    let joined = segments.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// The files `template` matches under `root`, sorted by locale, then by
/// path. Several files for one locale are all returned: the caller decides.
pub fn expand(root: &Path, template: &str) -> Result<Vec<Match>> {
    struct Partial {
        path: PathBuf,
        shown: Vec<String>,
        locale: Option<String>,
    }
    let shown_template = shown(template);
    let absolute = shown_template.starts_with('/');
    let mut partials = vec![Partial {
        path: if absolute {
            PathBuf::from("/")
        } else {
            root.to_path_buf()
        },
        shown: Vec::new(),
        locale: None,
    }];
    let segments: Vec<&str> = shown_template
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    for (index, segment) in segments.iter().enumerate() {
        let last = index + 1 == segments.len();
        let Some((prefix, suffix)) = segment.split_once(LOCALE_PLACEHOLDER) else {
            for partial in &mut partials {
                partial.path.push(segment);
                partial.shown.push(segment.to_string());
            }
            continue;
        };
        let mut next = Vec::new();
        for partial in &partials {
            for name in sorted_names(&partial.path)? {
                let Some(middle) = name
                    .strip_prefix(prefix)
                    .and_then(|rest| rest.strip_suffix(suffix))
                else {
                    continue;
                };
                let Some(locale) = canonical_locale(middle) else {
                    continue;
                };
                if partial.locale.as_ref().is_some_and(|l| *l != locale) {
                    continue;
                }
                let path = partial.path.join(&name);
                // A folder where the template goes on, a file where it ends.
                if if last {
                    !path.is_file()
                } else {
                    !path.is_dir()
                } {
                    continue;
                }
                let mut shown = partial.shown.clone();
                shown.push(name);
                next.push(Partial {
                    path,
                    shown,
                    locale: Some(locale),
                });
            }
        }
        partials = next;
    }
    let mut matches: Vec<Match> = partials
        .into_iter()
        .filter(|p| p.path.is_file())
        .filter_map(|p| {
            let shown = p.shown.join("/");
            Some(Match {
                locale: p.locale?,
                path: p.path,
                shown: if absolute { format!("/{shown}") } else { shown },
            })
        })
        .collect();
    matches.sort_by(|a, b| (&a.locale, &a.shown).cmp(&(&b.locale, &b.shown)));
    Ok(matches)
}

/// Places document `id` as `settings` say: its source file, and the
/// translations its template matches (not the source file itself, which a
/// template may match too). Errors name the errdocs.toml line: a source
/// that does not exist, two files for one locale.
pub fn place(
    root: &Path,
    id: &str,
    settings: &DocumentConfig,
    source_locale: &str,
) -> Result<Placed> {
    let config_path = root.join(CONFIG_FILE);
    let error = |line: Option<usize>, message: String| Error::Config {
        path: config_path.clone(),
        line,
        message,
    };
    let source = settings.source.as_deref().unwrap_or_default();
    let source_shown = shown(source);
    let source_path = root.join(&source_shown);
    if !source_path.is_file() {
        // What is there, said as it is: a device or a pipe exists, and
        // was said not to; a link that leads nowhere names where it leads.
        let what = match (
            std::fs::metadata(&source_path),
            std::fs::read_link(&source_path),
        ) {
            (Ok(meta), _) if meta.is_dir() => {
                "is a folder; source names the document's source-language file".to_string()
            }
            (Ok(_), _) => {
                "is not a regular file (a device or a pipe); source names the document's source-language file".to_string()
            }
            (Err(e), Ok(target)) if crate::error::is_link_loop(&e) => format!(
                "is a symbolic link to {}, and the links lead in a circle",
                target.display()
            ),
            (Err(_), Ok(target)) => format!(
                "is a symbolic link to {}, which does not exist",
                target.display()
            ),
            (Err(_), Err(_)) => "does not exist".to_string(),
        };
        return Err(error(
            settings.lines.source,
            format!(
                "[documents.{id}] source `{source}` {what} (looked for {})",
                source_path.display()
            ),
        ));
    }
    let mut files = vec![LocaleFile {
        locale: source_locale.to_string(),
        path: source_path.clone(),
        rel: source_shown.clone(),
        is_source: true,
    }];
    let mut note = None;
    if let Some(template) = &settings.translations {
        let line = settings.lines.translations;
        let source_identity = std::fs::canonicalize(&source_path).ok();
        let mut by_locale: BTreeMap<String, Match> = BTreeMap::new();
        for found in expand(root, template)? {
            if source_identity.is_some()
                && std::fs::canonicalize(&found.path).ok() == source_identity
            {
                continue;
            }
            if found.locale == source_locale {
                return Err(error(
                    line,
                    format!(
                        "[documents.{id}] translations `{template}` matches {}, a second {source_locale} page besides the source {source_shown}; the source locale has one file (set source-locale if {} is the source)",
                        found.shown, found.shown
                    ),
                ));
            }
            if let Some(first) = by_locale.get(&found.locale) {
                return Err(error(
                    line,
                    format!(
                        "[documents.{id}] translations `{template}` matches two files for {}: {} and {}; keep one",
                        found.locale, first.shown, found.shown
                    ),
                ));
            }
            by_locale.insert(found.locale.clone(), found);
        }
        if by_locale.is_empty() {
            note = Some(format!(
                "{}{}: [documents.{id}] translations `{template}` matches no file; `{id}` is read without translations",
                config_path.display(),
                line.map(|l| format!(":{l}")).unwrap_or_default()
            ));
        }
        files.extend(by_locale.into_values().map(|found| LocaleFile {
            locale: found.locale,
            path: found.path,
            rel: found.shown,
            is_source: false,
        }));
    }
    Ok(Placed {
        document: Document {
            id: id.to_string(),
            title: settings.title.clone(),
            source_locale: source_locale.to_string(),
            files,
        },
        note,
    })
}

/// The names in a folder, sorted; none for a folder that is not there.
/// Names that are not UTF-8 cannot be locale tags and are left out.
fn sorted_names(dir: &Path) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound
                || e.kind() == std::io::ErrorKind::NotADirectory =>
        {
            return Ok(Vec::new());
        }
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        if let Ok(name) = entry.file_name().into_string() {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source that is there but is no page (a device), or a link that
    /// leads nowhere or in a circle, was said not to exist.
    #[cfg(unix)]
    #[test]
    fn a_source_that_is_no_file_says_what_it_is() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::os::unix::fs::symlink("loop.md", root.join("loop.md")).expect("link");
        std::os::unix::fs::symlink("gone.md", root.join("dangling.md")).expect("link");
        let error = |source: &str| {
            let settings = DocumentConfig {
                source: Some(source.into()),
                ..DocumentConfig::default()
            };
            place(root, "doc", &settings, "en-US")
                .map(|_| ())
                .unwrap_err()
                .to_string()
        };
        for (source, what) in [
            (
                "/dev/null",
                "source `/dev/null` is not a regular file (a device or a pipe)",
            ),
            (
                "loop.md",
                "source `loop.md` is a symbolic link to loop.md, and the links lead in a circle",
            ),
            (
                "dangling.md",
                "source `dangling.md` is a symbolic link to gone.md, which does not exist",
            ),
            ("missing.md", "source `missing.md` does not exist"),
        ] {
            assert!(error(source).contains(what), "{source}: {}", error(source));
        }
    }

    #[test]
    fn paths_are_shown_as_written() {
        assert_eq!(shown("./a//b/./c.md"), "a/b/c.md");
        assert_eq!(shown("../memdocs.de-de/x.md"), "../memdocs.de-de/x.md");
        assert_eq!(shown("/srv/docs/x.md"), "/srv/docs/x.md");
    }

    #[test]
    fn the_placeholder_matches_segments_parts_and_suffixes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for path in [
            "content/en/page.md",
            "content/de/page.md",
            "content/zh-cn/page.md",
            "content/images/page.md",
            "content/faq/page.md",
            "pages/page.md",
            "pages/page.pt-br.md",
            "pages/page.FR.md",
            "pages/page.draft.md",
            "repo.de-de/x/page.md",
            "repo.sv-se/x/other.md",
        ] {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, "x").expect("write");
        }
        let locales = |template: &str| -> Vec<(String, String)> {
            expand(root, template)
                .expect("expands")
                .into_iter()
                .map(|m| (m.locale, m.shown))
                .collect()
        };
        assert_eq!(
            locales("content/{locale}/page.md"),
            [
                ("de".into(), "content/de/page.md".into()),
                ("en".into(), "content/en/page.md".into()),
                ("zh-CN".into(), "content/zh-cn/page.md".into()),
            ]
        );
        assert_eq!(
            locales("./pages/page.{locale}.md"),
            [
                ("fr".into(), "pages/page.FR.md".into()),
                ("pt-BR".into(), "pages/page.pt-br.md".into()),
            ]
        );
        assert_eq!(
            locales("repo.{locale}/x/page.md"),
            [("de-DE".into(), "repo.de-de/x/page.md".into())]
        );
        assert!(locales("nowhere.{locale}/page.md").is_empty());
    }
}
