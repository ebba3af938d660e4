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
