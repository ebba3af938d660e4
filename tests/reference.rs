//! The references a project is checked against: the Windows SDK's
//! constants, and the product's own named in `errdocs.toml`.

mod common;

use common::project_with;
use errdocs::Project;

const PAGE: &str = "# Codes\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n|0x80CF0001|OM_E_NO_SERVICE|The agent could not provide the service.|\n";

fn load(files: &[(&str, &str)]) -> errdocs::Result<Project> {
    let mut all: Vec<(&str, &[u8])> = vec![("sources/doc/en-us.md", PAGE.as_bytes())];
    all.extend(files.iter().map(|(path, text)| (*path, text.as_bytes())));
    let dir = project_with(&all);
    Project::load(dir.path())
}

#[test]
fn user_references_are_read_relative_to_the_root_and_named_as_written() {
    let project = load(&[
        (
            "errdocs.toml",
            "[reference]\nfiles = [\"include/om.h\", \"codes.csv\"]\n",
        ),
        (
            "include/om.h",
            "#define OM_E_NO_SERVICE _HRESULT_TYPEDEF_(0x80CF0001L)\n#define OM_E_MADE MAKE_HRESULT(1, 0xCF, 2)\n",
        ),
        ("codes.csv", "name,value\nOM_E_TABLE,0x80CF0003\n"),
    ])
    .expect("loads");
    let fact = project
        .reference
        .by_name("OM_E_NO_SERVICE")
        .expect("defined");
    assert_eq!(fact.origin.to_string(), "include/om.h:1");
    let table = project.reference.by_name("OM_E_TABLE").expect("defined");
    assert_eq!(table.origin.to_string(), "codes.csv:2");
    // The SDK is there too, unless left out.
    assert!(project.reference.by_name("WU_E_NO_SERVICE").is_some());
    assert_eq!(
        project.reference_notes,
        [
            "include/om.h: 1 definition not read as constants, the first at line 2 (`OM_E_MADE`: `MAKE_HRESULT(1, 0xCF, 2)` is an expression errdocs does not evaluate)"
        ]
    );
}

#[test]
fn the_sdk_can_be_left_out() {
    let project = load(&[("errdocs.toml", "[reference]\nsdk = false\n")]).expect("loads");
    assert!(project.reference.by_name("WU_E_NO_SERVICE").is_none());
    assert!(project.reference.sdk_reference().is_none());
}

#[test]
fn a_malformed_line_is_an_error_naming_file_and_line() {
    let error = load(&[
        ("errdocs.toml", "[reference]\nfiles = [\"include/om.h\"]\n"),
        (
            "include/om.h",
            "// Product codes\n#define OM_E_NO_SERVICE _HRESULT_TYPEDEF_(0x80CF0001L)\n#define OM_E_BAD _HRESULT_TYPEDEF_(0x80CFZZZZL)\n",
        ),
    ])
    .expect_err("a malformed header stops the run")
    .to_string();
    assert!(error.starts_with("include/om.h:3: "), "{error}");

    let error = load(&[
        ("errdocs.toml", "[reference]\nfiles = [\"codes.tsv\"]\n"),
        ("codes.tsv", "OM_E_A\t0x80CF0001\nOM_E_B\tnot a number\n"),
    ])
    .expect_err("a malformed table stops the run")
    .to_string();
    assert!(error.starts_with("codes.tsv:2: "), "{error}");
}

#[test]
fn a_missing_or_unreadable_file_is_an_error_at_its_line_in_the_configuration() {
    let error = load(&[(
        "errdocs.toml",
        "[reference]\nfiles = [\n  \"include/missing.h\",\n]\n",
    )])
    .expect_err("a missing reference stops the run")
    .to_string();
    assert!(
        error.ends_with(
            "errdocs.toml:3: [reference] files: `include/missing.h` does not exist (paths are relative to the folder holding errdocs.toml)"
        ),
        "{error}"
    );
    let error = load(&[("errdocs.toml", "[reference]\nfiles = [\"codes.json\"]\n")])
        .expect_err("an unknown format stops the run")
        .to_string();
    assert!(
        error.contains(
            "errdocs.toml:2: [reference] files: `codes.json` is not a format errdocs reads"
        ),
        "{error}"
    );
}

#[test]
fn files_as_arguments_use_the_references_of_the_root() {
    let dir = project_with(&[
        (
            "errdocs.toml",
            b"[reference]\nfiles = [\"om.h\"]\n".as_slice(),
        ),
        ("om.h", b"#define OM_E_NO_SERVICE 0x80CF0001L\n".as_slice()),
        ("docs/page.md", PAGE.as_bytes()),
    ]);
    let project = Project::load_paths(dir.path(), &[dir.path().join("docs")]).expect("loads");
    assert!(project.reference.by_name("OM_E_NO_SERVICE").is_some());
}
