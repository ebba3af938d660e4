//! Documents where they live: `source` and a `translations` template with
//! `{locale}` in errdocs.toml, in the three layouts docs repositories use
//! (sibling repositories per locale, locale folders, locale suffixes), and
//! the errors a wrong placement gets.

mod common;

use std::path::Path;

use errdocs::Project;

const SOURCE: &str = "---\ntitle: App install errors\n---\n# App install errors\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n|0x80CF0001|OM_E_NO_SERVICE|The agent could not provide the service.|\n|0x80CF0002|OM_E_MAX_CAPACITY_REACHED|The maximum capacity of the service was exceeded.|\n";
/// The German page, which lost the second row.
const GERMAN: &str = "---\ntitle: Fehler\n---\n# Fehler\n\n|Fehlercode|Symbolischer Name|Weitere Informationen|\n|---|---|---|\n|0x80CF0001|OM_E_NO_SERVICE|Der Agent konnte den Dienst nicht bereitstellen.|\n";
const FRENCH: &str = "---\ntitle: Erreurs\n---\n# Erreurs\n\n|Code d'erreur|Nom symbolique|Informations supplémentaires|\n|---|---|---|\n|0x80CF0001|OM_E_NO_SERVICE|L’agent n’a pas pu fournir le service.|\n|0x80CF0002|OM_E_MAX_CAPACITY_REACHED|La capacité maximale du service a été dépassée.|\n";

/// Writes `files` (path under `base`, content) and returns nothing: the
/// layouts below put the project root somewhere under `base`.
fn write(base: &Path, files: &[(&str, &str)]) {
    for (path, content) in files {
        let path = base.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, content).expect("write");
    }
}

/// (locale, path as shown, is source) of every file of the only document.
fn files_of(project: &Project) -> Vec<(String, String, bool)> {
    assert_eq!(project.corpus.documents.len(), 1);
    project.corpus.documents[0]
        .files
        .iter()
        .map(|f| (f.locale.clone(), f.rel.clone(), f.is_source))
        .collect()
}

fn owned(files: &[(&str, &str, bool)]) -> Vec<(String, String, bool)> {
    files
        .iter()
        .map(|(l, p, s)| (l.to_string(), p.to_string(), *s))
        .collect()
}

/// Microsoft Learn's layout: each locale in its own repository at the same
/// path, checked out side by side, the project in the English one: the
/// template reaches outside the root, and reports show the path as given.
#[test]
fn sibling_repositories_reach_outside_the_root() {
    let base = tempfile::tempdir().expect("temp dir");
    write(
        base.path(),
        &[
            (
                "memdocs/errdocs.toml",
                "[documents.app-install-errors]\nsource = \"intune/apps/troubleshoot-app-install.md\"\ntranslations = \"../memdocs.{locale}/intune/apps/troubleshoot-app-install.md\"\n",
            ),
            ("memdocs/intune/apps/troubleshoot-app-install.md", SOURCE),
            (
                "memdocs.de-de/intune/apps/troubleshoot-app-install.md",
                GERMAN,
            ),
            (
                "memdocs.fr-fr/intune/apps/troubleshoot-app-install.md",
                FRENCH,
            ),
            // Not a locale, and a locale without the page.
            (
                "memdocs.old/intune/apps/troubleshoot-app-install.md",
                SOURCE,
            ),
            ("memdocs.sv-se/intune/apps/other.md", SOURCE),
        ],
    );
    let root = base.path().join("memdocs");
    let project = Project::load(&root).expect("loads");
    assert_eq!(
        files_of(&project),
        owned(&[
            ("en-US", "intune/apps/troubleshoot-app-install.md", true),
            (
                "de-DE",
                "../memdocs.de-de/intune/apps/troubleshoot-app-install.md",
                false
            ),
            (
                "fr-FR",
                "../memdocs.fr-fr/intune/apps/troubleshoot-app-install.md",
                false
            ),
        ])
    );
    assert!(project.corpus.notes.is_empty());
    // The translation rules run across the repositories, and point at the
    // file as given.
    let findings = project.evaluate().findings;
    let missing: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "translation-row-missing")
        .collect();
    assert_eq!(missing.len(), 1, "{findings:#?}");
    assert_eq!(
        &*missing[0].location.file,
        "../memdocs.de-de/intune/apps/troubleshoot-app-install.md"
    );
    assert_eq!(
        &*missing[0].related[0].location.file,
        "intune/apps/troubleshoot-app-install.md"
    );
    // Reports quote the lines of files outside the root too.
    project.require_sources().expect("every file reads again");
    // And build writes the dataset under the root.
    let (_, written) = project.build().expect("builds");
    assert!(written.iter().all(|p| p.starts_with(&root)));
    let json = std::fs::read_to_string(root.join("out/error-codes.json")).expect("json");
    assert!(json.contains("\"file\":\"../memdocs.de-de/intune/apps/troubleshoot-app-install.md\""));
}

/// Hugo's and Docusaurus's layout: a folder per locale. The template
/// matches the source's own folder too, which is not a translation of
/// itself; folders that are not locales are passed over.
#[test]
fn locale_folders() {
    let base = tempfile::tempdir().expect("temp dir");
    write(
        base.path(),
        &[
            (
                "errdocs.toml",
                "[documents.codes]\nsource = \"content/en/docs/codes.md\"\ntranslations = \"content/{locale}/docs/codes.md\"\n",
            ),
            ("content/en/docs/codes.md", SOURCE),
            ("content/de/docs/codes.md", GERMAN),
            ("content/FR-fr/docs/codes.md", FRENCH),
            ("content/images/docs/codes.md", SOURCE),
            ("content/de/docs/other.md", SOURCE),
        ],
    );
    let project = Project::load(base.path()).expect("loads");
    assert_eq!(
        files_of(&project),
        owned(&[
            ("en-US", "content/en/docs/codes.md", true),
            ("de", "content/de/docs/codes.md", false),
            ("fr-FR", "content/FR-fr/docs/codes.md", false),
        ])
    );
}

/// Suffixes: `page.md` and `page.<locale>.md` side by side. No sources/
/// folder is needed when every document is placed.
#[test]
fn locale_suffixes() {
    let base = tempfile::tempdir().expect("temp dir");
    write(
        base.path(),
        &[
            (
                "errdocs.toml",
                "source-locale = \"en-US\"\n\n[documents.codes]\ntitle = \"Codes\"\nsource = \"./docs/codes.md\"\ntranslations = \"docs/codes.{locale}.md\"\n",
            ),
            ("docs/codes.md", SOURCE),
            ("docs/codes.de-DE.md", GERMAN),
            ("docs/codes.zh-cn.md", FRENCH),
            ("docs/codes.draft.md", SOURCE),
        ],
    );
    let project = Project::load(base.path()).expect("loads");
    assert_eq!(
        files_of(&project),
        owned(&[
            ("en-US", "docs/codes.md", true),
            ("de-DE", "docs/codes.de-DE.md", false),
            ("zh-CN", "docs/codes.zh-cn.md", false),
        ])
    );
    assert_eq!(project.corpus.documents[0].title.as_deref(), Some("Codes"));
}

/// Placed documents and documents under sources/ live together.
#[test]
fn placed_and_conventional_documents_together() {
    let base = tempfile::tempdir().expect("temp dir");
    write(
        base.path(),
        &[
            (
                "errdocs.toml",
                "[documents.placed]\nsource = \"elsewhere/codes.md\"\n",
            ),
            ("elsewhere/codes.md", SOURCE),
            ("sources/folder/en-us.md", SOURCE),
            ("sources/folder/de-de.md", GERMAN),
        ],
    );
    let project = Project::load(base.path()).expect("loads");
    let ids: Vec<&str> = project
        .corpus
        .documents
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, ["folder", "placed"]);
}

/// Placed files may lie inside sources/: they are their placed document's
/// pages, not "skipped" entries of the folders (errdocs used to note
/// `skipped sources/top.md: not in a document's folder` for a file it read
/// all the same), and the folders holding them are not noted either. What
/// nobody places is still noted.
#[test]
fn placed_files_inside_sources_are_not_noted_as_skipped() {
    let base = tempfile::tempdir().expect("temp dir");
    write(
        base.path(),
        &[
            (
                "errdocs.toml",
                "[documents.top]\nsource = \"sources/top.md\"\ntranslations = \"sources/top.{locale}.md\"\n\n[documents.nested]\nsource = \"sources/folder/extra/codes.md\"\n",
            ),
            ("sources/top.md", SOURCE),
            ("sources/top.de-de.md", GERMAN),
            ("sources/folder/en-us.md", SOURCE),
            ("sources/folder/de-de.md", GERMAN),
            ("sources/folder/extra/codes.md", SOURCE),
            ("sources/stray.txt", SOURCE),
        ],
    );
    let project = Project::load(base.path()).expect("loads");
    let documents: Vec<(&str, Vec<&str>)> = project
        .corpus
        .documents
        .iter()
        .map(|d| {
            (
                d.id.as_str(),
                d.files.iter().map(|f| f.rel.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        documents,
        [
            (
                "folder",
                vec!["sources/folder/en-us.md", "sources/folder/de-de.md"]
            ),
            ("nested", vec!["sources/folder/extra/codes.md"]),
            ("top", vec!["sources/top.md", "sources/top.de-de.md"]),
        ]
    );
    assert_eq!(
        project.corpus.notes,
        ["skipped sources/stray.txt: not in a document's folder"]
    );
}

/// The error `Project::load` gives for a project of `files`.
fn load_error(files: &[(&str, &str)]) -> String {
    let base = tempfile::tempdir().expect("temp dir");
    write(base.path(), files);
    let error = Project::load(base.path()).expect_err("fails").to_string();
    // Paths under the temp dir are not part of the message's meaning.
    error.replace(&base.path().display().to_string(), "<root>")
}

#[test]
fn a_missing_source_names_its_line() {
    let error = load_error(&[(
        "errdocs.toml",
        "[documents.a]\ntitle = \"A\"\nsource = \"memdocs/a.md\"\n",
    )]);
    assert_eq!(
        error,
        "<root>/errdocs.toml:3: [documents.a] source `memdocs/a.md` does not exist (looked for <root>/memdocs/a.md)"
    );
}

#[test]
fn two_files_for_one_locale_are_an_error() {
    let error = load_error(&[
        (
            "errdocs.toml",
            "[documents.a]\nsource = \"a.md\"\ntranslations = \"{locale}/a.md\"\n",
        ),
        ("a.md", SOURCE),
        ("de-de/a.md", GERMAN),
        ("DE-de/a.md", GERMAN),
    ]);
    assert_eq!(
        error,
        "<root>/errdocs.toml:3: [documents.a] translations `{locale}/a.md` matches two files for de-DE: DE-de/a.md and de-de/a.md; keep one"
    );
    // A second page for the source locale is one too.
    let error = load_error(&[
        (
            "errdocs.toml",
            "[documents.a]\nsource = \"a.md\"\ntranslations = \"{locale}/a.md\"\n",
        ),
        ("a.md", SOURCE),
        ("en-us/a.md", SOURCE),
    ]);
    assert!(
        error.starts_with("<root>/errdocs.toml:3: [documents.a] translations `{locale}/a.md` matches en-us/a.md, a second en-US page besides the source a.md"),
        "{error}"
    );
}

#[test]
fn a_template_without_the_placeholder_is_an_error() {
    let error = load_error(&[
        (
            "errdocs.toml",
            "[documents.a]\nsource = \"a.md\"\ntranslations = \"de/a.md\"\n",
        ),
        ("a.md", SOURCE),
    ]);
    assert!(
        error.starts_with(
            "<root>/errdocs.toml:3: [documents.a] translations `de/a.md` has no {locale}"
        ),
        "{error}"
    );
}

#[test]
fn a_document_placed_and_in_a_folder_is_an_error() {
    let error = load_error(&[
        ("errdocs.toml", "[documents.a]\nsource = \"a.md\"\n"),
        ("a.md", SOURCE),
        ("sources/a/en-us.md", SOURCE),
    ]);
    assert!(
        error.starts_with("<root>/errdocs.toml:2: [documents.a] places the document with source, but sources/a/ holds a document of that name too"),
        "{error}"
    );
}

#[test]
fn one_file_in_two_documents_is_an_error() {
    let error = load_error(&[
        (
            "errdocs.toml",
            "[documents.a]\nsource = \"a.md\"\n[documents.b]\nsource = \"./a.md\"\n",
        ),
        ("a.md", SOURCE),
    ]);
    assert!(
        error.ends_with("this file is the en-US page of `a` (a.md) and the en-US page of `b` (a.md); a file belongs to one document"),
        "{error}"
    );
}

/// A template that matches nothing is no error: the document has no
/// translations (they may not be checked out), and the commands say so.
#[test]
fn a_template_that_matches_nothing_is_a_note() {
    let base = tempfile::tempdir().expect("temp dir");
    write(
        base.path(),
        &[
            (
                "errdocs.toml",
                "[documents.a]\nsource = \"a.md\"\ntranslations = \"../a.{locale}/a.md\"\n",
            ),
            ("a.md", SOURCE),
        ],
    );
    let project = Project::load(base.path()).expect("loads");
    assert_eq!(project.corpus.documents[0].files.len(), 1);
    assert_eq!(project.corpus.notes.len(), 1);
    let root = base.path().to_string_lossy().into_owned();
    let output = common::errdocs(&["--root", &root, "check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("errdocs.toml:3: [documents.a] translations `../a.{locale}/a.md` matches no file; `a` is read without translations"),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}

/// The README's example of errdocs.toml is a valid configuration.
#[test]
fn the_readme_configuration_example_parses() {
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).expect("README");
    let section = readme
        .split("## Configuration: `errdocs.toml`")
        .nth(1)
        .expect("the configuration section");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a toml example");
    let config = errdocs::config::Config::parse(
        example,
        Path::new("errdocs.toml"),
        &errdocs::check::rule_ids(),
    )
    .expect("the example parses");
    assert!(config.documents["app-install-errors"].is_placed());
}
