//! Snapshots, the sides of a diff: a dataset in memory and the
//! `error-codes.json` written from it give the same snapshot; paths that
//! are neither a project nor a dataset, and datasets of another version,
//! are clear errors.

mod common;

use std::path::Path;

use common::{bundled, repo_root};
use errdocs::diff::{self, InputKind, Snapshot, classify};

#[test]
fn a_dataset_file_and_the_dataset_in_memory_give_the_same_snapshot() {
    let project = bundled();
    let in_memory = Snapshot::from_dataset(&project.dataset);
    // The committed out/ is current (tests/outputs.rs holds it to that);
    // render it again all the same, so this test does not depend on it.
    let bytes = errdocs::emit::render_json(&project.dataset);
    let from_file = Snapshot::from_json(&bytes, Path::new("error-codes.json")).unwrap();
    assert_eq!(in_memory.records.len(), project.dataset.records.len());
    assert_eq!(in_memory.documents.len(), project.dataset.documents.len());
    assert!(in_memory == from_file, "the snapshots differ");
    // And the committed file itself.
    let committed = Snapshot::load(&repo_root().join("out/error-codes.json")).unwrap();
    assert!(committed == in_memory, "out/error-codes.json is stale");
}

#[test]
fn a_snapshot_outlives_its_dataset() {
    let project = errdocs::Project::load(&repo_root()).unwrap();
    let snapshot = Snapshot::from_dataset(&project.dataset);
    let expected = Snapshot::from_dataset(&bundled().dataset);
    drop(project);
    assert!(snapshot == expected);
}

#[test]
fn the_bundled_snapshot_keeps_markdown_only_where_it_says_more() {
    let project = bundled();
    let snapshot = Snapshot::from_dataset(&project.dataset);
    let with_markdown = snapshot
        .records
        .iter()
        .flat_map(|r| &r.descriptions)
        .filter(|d| d.markdown.is_some())
        .count();
    assert!(with_markdown > 0);
    assert!(
        snapshot
            .records
            .iter()
            .flat_map(|r| &r.descriptions)
            .all(|d| d.markdown.as_deref() != Some(&*d.text))
    );
}

#[test]
fn a_side_compared_with_itself_has_no_changes() {
    let project = bundled();
    let old = Snapshot::from_dataset(&project.dataset);
    let new = Snapshot::load(&repo_root().join("out/error-codes.json")).unwrap();
    let diff = diff::compare(&old, &new);
    assert!(diff.is_empty(), "{:?}", diff.summary);
    assert_eq!(diff.summary.unchanged, project.dataset.records.len());
    let mut human = Vec::new();
    diff::render::human::write(&diff, &mut human, Default::default()).unwrap();
    assert_eq!(
        String::from_utf8(human).unwrap(),
        "errdocs diff: no changes\n"
    );
}

#[test]
fn inputs_are_told_apart() {
    assert_eq!(classify(&repo_root()).unwrap(), InputKind::Project);
    assert_eq!(
        classify(&repo_root().join("out/error-codes.json")).unwrap(),
        InputKind::Dataset
    );
    let empty = tempfile::tempdir().unwrap();
    let error = classify(empty.path()).unwrap_err().to_string();
    assert!(
        error.contains("neither an errdocs project")
            && error.contains(&*empty.path().to_string_lossy()),
        "{error}"
    );
    let missing = empty.path().join("missing.json");
    let error = classify(&missing).unwrap_err().to_string();
    assert!(error.contains("missing.json"), "{error}");
}

#[test]
fn files_that_are_not_datasets_are_refused_with_their_path() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "findings.json",
            b"{\"version\": 1, \"findings\": [], \"summary\": {}}",
            "not an errdocs dataset",
        ),
        ("page.md", b"# A page\n", "not an errdocs dataset"),
        (
            "future.json",
            b"{\n  \"format_version\": 2,\n  \"stats\": {}\n}\n",
            "format_version 2 is not supported",
        ),
        (
            "bad-code.json",
            b"{\"format_version\": 1, \"stats\": {}, \"documents\": [], \"unresolved\": [], \"records\": [{\"code\": \"0x8024200\", \"name\": \"X\", \"document\": \"d\", \"section\": \"s\", \"descriptions\": {}, \"counterpart\": null, \"sources\": []}]}",
            "record 0: code `0x8024200`",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let error = Snapshot::load(&path).unwrap_err();
        assert!(matches!(error, errdocs::Error::Input { .. }), "{error:?}");
        let message = error.to_string();
        assert!(
            message.starts_with(&*path.to_string_lossy()) && message.contains(expected),
            "{name}: {message}"
        );
    }
    let error = Snapshot::load(&dir.path().join("absent.json")).unwrap_err();
    assert!(matches!(error, errdocs::Error::Io { .. }), "{error:?}");
}

#[test]
fn the_diff_reads_the_dataset_layout_that_build_writes() {
    assert_eq!(
        errdocs::diff::snapshot::SUPPORTED_FORMAT_VERSION,
        errdocs::emit::json::FORMAT_VERSION
    );
}
