//! Files as arguments: `errdocs check [PATH...]` outside any project, each
//! Markdown file a document of its own, folders walked as ripgrep walks
//! them, prose pages skipped quietly, and each file's locale from its front
//! matter or its path.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use errdocs::Project;

/// A page with a code table whose decimal column is wrong in one row.
const CODES: &str = "# Codes\n\n|Error code|Decimal|Symbolic name|Description|\n|---|---|---|---|\n|0x80240001|-2145124351|WU_E_NO_SERVICE|The agent could not provide the service.|\n|0x80240002|2149842946|WU_E_MAX_CAPACITY_REACHED|The maximum capacity of the service was exceeded.|\n";
/// A page with a table, but no code in it.
const PROSE: &str = "---\nms.date: 05/29/2019\nms.assetid: 40622ced-6029-4abf-873e-b51d2b51934c\n---\n# Install\n\n| Step | What to do |\n|---|---|\n| 1 | Install the agent on Windows 10. |\n";

fn write(base: &Path, files: &[(&str, &str)]) {
    for (path, content) in files {
        let path = base.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, content).expect("write");
    }
}

/// Runs errdocs in `dir`.
fn errdocs_in(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("run errdocs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_a_file_outside_any_project() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), &[("docs/codes.md", CODES)]);
    let output = errdocs_in(dir.path(), &["check", "docs/codes.md"]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}{}",
        text(&output.stderr)
    );
    assert!(
        stdout.contains("docs/codes.md:6:13: error[decimal-mismatch]"),
        "{stdout}"
    );
    // `./` is not part of the path shown, and the file is named once even
    // when it is reached twice.
    let output = errdocs_in(
        dir.path(),
        &["check", "--format", "json", "./docs/codes.md", "docs"],
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let files: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["file"].as_str().expect("file"))
        .collect();
    assert_eq!(files, ["docs/codes.md"]);
}

#[test]
fn prose_pages_and_empty_files_pass_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), &[("install.md", PROSE), ("empty.md", "")]);
    let output = errdocs_in(dir.path(), &["check", "install.md", "empty.md"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).starts_with("no findings"));
    assert_eq!(text(&output.stderr), "");
}

#[test]
fn a_missing_path_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = errdocs_in(dir.path(), &["check", "nowhere.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "errdocs: error: nowhere.md: no such file or folder\n"
    );
}

/// A folder is walked as ripgrep walks it: `.gitignore` (in a git
/// repository), `.ignore`, hidden folders; only Markdown files. A file
/// named itself is read whatever ignores it.
#[test]
fn folders_are_walked_as_ripgrep_walks_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join(".git")).expect("a git repository");
    write(
        dir.path(),
        &[
            (".gitignore", "generated/\n"),
            ("docs/.ignore", "drafts/\n"),
            ("docs/codes.md", CODES),
            ("docs/More.MARKDOWN", CODES),
            ("docs/codes.txt", CODES),
            ("docs/install.md", PROSE),
            ("docs/drafts/codes.md", CODES),
            ("generated/codes.md", CODES),
            (".github/codes.md", CODES),
        ],
    );
    let paths = |project: &Project| -> Vec<String> {
        project
            .corpus
            .documents
            .iter()
            .map(|d| d.id.clone())
            .collect()
    };
    let root = dir.path();
    let project = Project::load_paths(root, &[root.to_path_buf()]).expect("loads");
    let shown = |p: &str| format!("{}/{p}", root.display());
    assert_eq!(
        paths(&project),
        [shown("docs/More.MARKDOWN"), shown("docs/codes.md")]
    );
    // The prose page was left out.
    assert_eq!(project.skipped_files, 1);
    // Named, an ignored file is read.
    let project = Project::load_paths(
        root,
        &[root.join("generated/codes.md"), root.join("docs/codes.txt")],
    )
    .expect("loads");
    assert_eq!(
        paths(&project),
        [shown("docs/codes.txt"), shown("generated/codes.md")]
    );
    // From inside, paths are shown relative.
    let output = errdocs_in(root, &["check", "--format", "github", "."]);
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("::error file=docs/codes.md,line=6,col=13,"),
        "{stdout}"
    );
    assert!(!stdout.contains("generated/"), "{stdout}");
}

/// Each file's locale: front matter first, then its name, then its
/// folders, else the configured source locale (errdocs.toml at --root gives
/// settings, and only settings).
#[test]
fn locales_come_from_front_matter_then_the_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let with_front = |key: &str, value: &str| format!("---\n{key}: {value}\n---\n{CODES}");
    write(
        dir.path(),
        &[
            (
                "de-de/by-front-matter.md",
                &with_front("ms.locale", "sv-se"),
            ),
            ("x/by-lang.md", &with_front("lang", "fr")),
            ("x/by-suffix.zh-cn.md", CODES),
            ("x/pt-br.md", CODES),
            ("content/fr/by-folder.md", CODES),
            ("memdocs.ja-jp/by-repository.md", CODES),
            ("go/by-default.md", CODES),
        ],
    );
    let root = dir.path();
    let load = || {
        Project::load_paths(root, &[PathBuf::from(root)])
            .expect("loads")
            .corpus
            .documents
            .iter()
            .map(|d| {
                let name = d.id.rsplit('/').next().unwrap_or_default().to_string();
                (name, d.source_locale.clone())
            })
            .collect::<Vec<_>>()
    };
    let expected = |default: &str| {
        [
            ("by-folder.md", "fr"),
            ("by-front-matter.md", "sv-SE"),
            ("by-default.md", default),
            ("by-repository.md", "ja-JP"),
            ("by-lang.md", "fr"),
            ("by-suffix.zh-cn.md", "zh-CN"),
            ("pt-br.md", "pt-BR"),
        ]
        .map(|(n, l)| (n.to_string(), l.to_string()))
        .to_vec()
    };
    assert_eq!(load(), expected("en-US"));
    // A project's settings apply: its source locale is the default.
    write(
        root,
        &[(
            "errdocs.toml",
            "source-locale = \"de-DE\"\n[rules]\ndecimal-mismatch = \"off\"\n",
        )],
    );
    assert_eq!(load(), expected("de-DE"));
    let output = errdocs_in(root, &["check", "go/by-default.md"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
}

/// The pre-commit hook the README shows: errdocs check, built with cargo,
/// given the changed Markdown files.
#[test]
fn the_pre_commit_hook_runs_check_on_markdown() {
    let text = std::fs::read_to_string(common::repo_root().join(".pre-commit-hooks.yaml"))
        .expect(".pre-commit-hooks.yaml");
    let hooks: serde_json::Value = serde_yaml::from_str(&text).expect("YAML");
    let hook = &hooks[0];
    assert_eq!(hook["id"], "errdocs");
    assert_eq!(hook["entry"], "errdocs check");
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["types"], serde_json::json!(["markdown"]));
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).expect("README");
    assert!(
        readme.contains("      - id: errdocs\n"),
        "the README shows the hook"
    );
}

#[test]
fn a_page_whose_only_table_is_a_myst_list_table_is_checked() {
    // Without a pipe row or an HTML table, the quick look that skips prose
    // passed over the page.
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        &[(
            "docs/codes.md",
            "# Errors\n\n```{list-table}\n:header-rows: 1\n\n* - Code\n  - Name\n* - 0x8007057\n  - E_INVALIDARG\n```\n",
        )],
    );
    let output = errdocs_in(dir.path(), &["check", "docs/codes.md"]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("docs/codes.md:8:5: error[hex-malformed]"),
        "{stdout}"
    );
}
