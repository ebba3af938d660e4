//! `errdocs lookup`: the answers as a program reads them (JSON), and the
//! exit codes. The transcripts in tests/cmd/lookup*.trycmd show the human
//! form of every kind of query.

mod common;

use common::{errdocs, repo_root};

fn lookup_json(root: &std::path::Path, queries: &[&str]) -> (i32, serde_json::Value) {
    let root = root.to_str().expect("UTF-8 path");
    let mut args = vec!["--root", root, "lookup", "--format", "json"];
    args.extend_from_slice(queries);
    let output = errdocs(&args);
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().unwrap_or(-1), json)
}

#[test]
fn every_kind_of_query_in_the_bundled_project() {
    let (code, json) = lookup_json(
        &repo_root(),
        &[
            "0x8024002d",
            "-2145124307",
            "wu_e_ff_source_absent",
            "OM_E_*SOURCE_ABSENT",
        ],
    );
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["project"], true);
    let queries = json["queries"].as_array().expect("queries");
    assert_eq!(queries.len(), 4);
    // A code, in hex and in decimal: the page's name, and the SDK's.
    for query in &queries[..2] {
        assert_eq!(query["kind"], "code");
        let entry = &query["matches"][0];
        assert_eq!(entry["code"], "0x8024002D");
        assert_eq!(entry["records"][0]["name"], "WU_E_FF_SOURCE_ABSENT");
        assert_eq!(
            entry["records"][0]["counterpart_name"],
            "OM_E_SOURCE_ABSENT"
        );
        assert_eq!(
            entry["records"][0]["places"][0],
            "sources/wsus-additional-resources/en-us.md:531 (en-US)"
        );
        assert_eq!(entry["reference"]["names"][0]["name"], "WU_E_SOURCE_ABSENT");
        assert_eq!(
            entry["reference"]["names"][0]["module"],
            "System.UpdateAgent"
        );
    }
    // A name in any case.
    assert_eq!(queries[2]["kind"], "name");
    assert_eq!(queries[2]["matches"][0]["code"], "0x8024002D");
    // A wildcard: both OM codes, each in every locale.
    assert_eq!(queries[3]["kind"], "wildcard");
    let codes: Vec<&str> = queries[3]["matches"]
        .as_array()
        .expect("matches")
        .iter()
        .map(|entry| entry["code"].as_str().expect("code"))
        .collect();
    assert_eq!(codes, ["0x80CF002C", "0x80CF002D"]);
    let descriptions = &queries[3]["matches"][1]["records"][0]["descriptions"];
    assert_eq!(descriptions.as_object().map(|d| d.len()), Some(4));
}

#[test]
fn a_win32_error_is_found_in_both_forms_and_as_its_digits_written_as_hex() {
    let (code, json) = lookup_json(&repo_root(), &["1112", "0x800704CF"]);
    assert_eq!(code, 0, "{json:#}");
    let first = &json["queries"][0]["matches"];
    assert_eq!(first[0]["code"], "0x00000458");
    assert_eq!(
        first[0]["reference"]["names"][0]["name"],
        "ERROR_NO_MEDIA_IN_DRIVE"
    );
    // The page documents 1112 as 0x00001112.
    assert_eq!(first[1]["code"], "0x00001112");
    assert!(
        first[1]["relation"]
            .as_str()
            .is_some_and(|r| r.contains("decimal digits written as hex")),
        "{first:#}"
    );
    let second = &json["queries"][1]["matches"][0];
    assert_eq!(second["records"][0]["name"], "ERROR_NETWORK_UNREACHABLE");
    assert_eq!(second["reference"]["win32_inside"]["value"], 1231);
    assert_eq!(
        second["reference"]["win32_inside"]["names"][0]["name"],
        "ERROR_NETWORK_UNREACHABLE"
    );
}

#[test]
fn one_query_that_finds_nothing_makes_the_exit_code_1() {
    let (code, json) = lookup_json(&repo_root(), &["0x80240001", "WU_E_SOURCE_ABSNET"]);
    assert_eq!(code, 1);
    assert_eq!(json["queries"][0]["found"], true);
    assert_eq!(json["queries"][1]["found"], false);
    assert_eq!(json["queries"][1]["did_you_mean"][0], "WU_E_SOURCE_ABSENT");
}

#[test]
fn without_a_project_the_sdk_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, json) = lookup_json(dir.path(), &["WU_E_NO_SERVICE", "0x80CF0001"]);
    assert_eq!(code, 1, "OM codes are not in the SDK: {json:#}");
    assert_eq!(json["project"], false);
    assert_eq!(json["queries"][0]["matches"][0]["code"], "0x80240001");
    assert_eq!(json["queries"][1]["found"], false);
}

#[test]
fn a_bad_query_is_a_usage_error() {
    let output = errdocs(&["lookup", "12.5"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`12.5` holds `.`"), "{stderr}");
}
