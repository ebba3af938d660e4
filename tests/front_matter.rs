//! Front matter that YAML misreads: every problem is pointed at, and the
//! rest of the file, its keys and its tables, is still read.

mod common;

use errdocs::Project;

/// The failing fixture of `front-matter-invalid` holds one document per
/// kind of problem (a no-break space after a colon, tabs in indentation, a
/// zero-width space before a key, a key given twice, two byte-order marks),
/// each with the same one-row table, and the original YAML error.
#[test]
fn every_broken_front_matter_keeps_its_keys_and_its_table() {
    let root = common::repo_root().join("tests/fixtures/front-matter-invalid/fail");
    let project = Project::load(&root).expect("fixture loads");
    for file in &project.files {
        let front = &file.front_matter;
        if &*file.document == "doc" {
            // The YAML error of the original fixture: the table is there.
            assert_eq!(file.row_count(), 2);
            continue;
        }
        assert_eq!(file.row_count(), 1, "{}: the table is read", file.file);
        assert_eq!(front.get_str("title"), Some("Codes"), "{}", file.file);
        match &*file.document {
            "nbsp" => {
                assert_eq!(front.get_str("ms.date"), Some("05/29/2019"));
                assert_eq!(front.get_str("ms.topic"), Some("troubleshooting"));
            }
            "tab" => assert_eq!(
                front.entries.get("keywords"),
                Some(&serde_json::json!(["intune", "errors"]))
            ),
            "zero-width" => assert_eq!(front.get_str("ms.locale"), Some("en-us")),
            "duplicate" => {
                assert_eq!(front.get_str("ms.date"), Some("05/29/2019"));
                assert_eq!(front.get_str("author"), Some("someone"));
            }
            _ => {}
        }
    }
    assert_eq!(project.files.len(), 6);
}

/// TOML front matter between `+++` fences (Hugo and Zola pages), here
/// after a byte-order mark and with CR LF line ends: its keys are read,
/// tables as objects and dates as written, and it is not Markdown (its
/// lines are no paragraph and its table header no link).
#[test]
fn toml_front_matter_is_read() {
    let page = "\u{feff}+++\r\ntitle = \"Update errors\"\r\ndate = 2023-04-11\r\n\
                weight = 20\r\n[params]\r\n  author = \"docs-team\"\r\n+++\r\n\r\n\
                # Errors\r\n\r\n| Code | Name | Description |\r\n|---|---|---|\r\n\
                | 0x80240001 | WU_E_NO_SERVICE | The agent could not provide the service. |\r\n";
    let dir = common::project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
    let project = Project::load(dir.path()).expect("loads");
    let file = &project.files[0];
    let front = &file.front_matter;
    assert_eq!(front.get_str("title"), Some("Update errors"));
    assert_eq!(front.get_str("date"), Some("2023-04-11"));
    assert_eq!(front.entries.get("weight"), Some(&serde_json::json!(20)));
    assert_eq!(
        front.entries.get("params"),
        Some(&serde_json::json!({"author": "docs-team"}))
    );
    assert_eq!(front.key_lines.get("title"), Some(&2));
    assert_eq!(front.key_lines.get("weight"), Some(&4));
    assert_eq!(front.key_lines.get("params"), Some(&5));
    assert_eq!(file.row_count(), 1);
    assert!(project.evaluate().findings.is_empty());
}

/// TOML front matter that TOML cannot read, or that is never closed, is
/// reported at its line, as YAML's is.
#[test]
fn broken_toml_front_matter_is_reported() {
    let table = "\n# Errors\n\n| Code | Name | Description |\n|---|---|---|\n\
                 | 0x80240001 | WU_E_NO_SERVICE | The agent could not provide the service. |\n";
    let broken = format!("+++\ntitle = \"Update errors\"\ndate = [2023\n+++\n{table}");
    let unclosed = format!("+++\ntitle = \"Update errors\"\n{table}");
    let dir = common::project_with(&[
        ("sources/broken/en-us.md", broken.as_bytes()),
        ("sources/unclosed/en-us.md", unclosed.as_bytes()),
    ]);
    let project = Project::load(dir.path()).expect("loads");
    let found: Vec<(String, usize, String)> = project
        .evaluate()
        .findings
        .iter()
        .filter(|f| f.rule == "front-matter-invalid")
        .map(|f| {
            (
                f.location.file.to_string(),
                f.location.line,
                f.message.clone(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].0, "sources/broken/en-us.md");
    assert_eq!(found[0].1, 3);
    assert!(
        found[0].2.starts_with("front matter is not valid TOML: "),
        "{}",
        found[0].2
    );
    assert_eq!(
        found[1],
        (
            "sources/unclosed/en-us.md".to_string(),
            1,
            "front matter opens with `+++` but is never closed; the file is read as Markdown"
                .to_string()
        )
    );
}
