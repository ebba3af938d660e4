//! The files `build` writes: schema-valid, deterministic, committed and
//! current.

mod common;

use common::{bundled, repo_root};

fn render() -> Vec<errdocs::emit::OutputFile> {
    bundled().render_outputs().expect("outputs render")
}

fn output(name: &str) -> Vec<u8> {
    render()
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{name} is rendered"))
        .bytes
}

#[test]
fn json_output_matches_its_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("schema/error-codes.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is valid");
    let data: serde_json::Value = serde_json::from_slice(&output("error-codes.json")).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// A record whose row lists several names for its code writes them as
/// `aliases`, which the schema describes; the CSV file and the Rust module
/// carry them too.
#[test]
fn aliases_are_written_as_the_schema_says() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("schema/error-codes.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is valid");
    let dir = common::project_with(&[(
        "sources/doc/en-us.md",
        b"# Errors\n\n| Code | Name | Description |\n|---|---|---|\n\
          | 0x80070005 | E_ACCESSDENIED, ERROR_ACCESS_DENIED | Access denied. |\n\
          | 0x80004005 | E_FAIL | Unspecified failure. |\n",
    )]);
    let project = errdocs::Project::load(dir.path()).expect("loads");
    let outputs = project.render_outputs().expect("outputs render");
    let output = |name: &str| {
        outputs
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("{name} is rendered"))
            .bytes
            .clone()
    };
    let json = output("error-codes.json");
    let data: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let records = data["records"].as_array().expect("records");
    let access = records
        .iter()
        .find(|r| r["code"] == "0x80070005")
        .expect("0x80070005");
    assert_eq!(access["name"], "E_ACCESSDENIED");
    assert_eq!(
        access["aliases"],
        serde_json::json!(["ERROR_ACCESS_DENIED"])
    );
    let fail = records
        .iter()
        .find(|r| r["code"] == "0x80004005")
        .expect("0x80004005");
    assert!(fail.get("aliases").is_none(), "{fail}");

    // The CSV: a last column, empty for a record of one name.
    let csv = String::from_utf8(output("error-codes.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.iter().next_back(), Some("aliases"), "{csv}");
    let aliases_of = |code: &str| -> String {
        csv::Reader::from_reader(csv.as_bytes())
            .records()
            .map(Result::unwrap)
            .find(|row| &row[0] == code)
            .map(|row| row[header.len() - 1].to_string())
            .unwrap_or_else(|| panic!("{code} in {csv}"))
    };
    assert_eq!(aliases_of("0x80070005"), "ERROR_ACCESS_DENIED");
    assert_eq!(aliases_of("0x80004005"), "");

    // The Rust module: a field of every entry.
    let rust = String::from_utf8(output("error_codes.rs")).unwrap();
    assert!(
        rust.contains("pub aliases: &'static [&'static str],"),
        "{rust}"
    );
    assert!(
        rust.contains("name: \"E_ACCESSDENIED\",\n        aliases: &[\"ERROR_ACCESS_DENIED\"],"),
        "{rust}"
    );
    assert!(
        rust.contains("name: \"E_FAIL\",\n        aliases: &[],"),
        "{rust}"
    );
}

#[test]
fn schema_rejects_a_non_canonical_code() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("schema/error-codes.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut data: serde_json::Value = serde_json::from_slice(&output("error-codes.json")).unwrap();
    data["records"][0]["code"] = "0x8024200".into();
    assert!(!validator.is_valid(&data));
}

#[test]
fn two_renders_are_byte_identical() {
    assert_eq!(render(), render());
}

#[test]
fn committed_out_matches_the_sources() {
    let project = bundled();
    let outputs = project.outputs(&project.build_check()).unwrap();
    let stale = errdocs::emit::stale(&project.out_dir(), &outputs);
    assert!(
        stale.is_empty(),
        "out/ is stale, run `cargo run -- build`: {stale:?}"
    );
}

#[test]
fn csv_files_are_rfc4180_and_complete() {
    let project = bundled();
    let codes = output("error-codes.csv");
    let mut reader = csv::Reader::from_reader(codes.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "code");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), project.dataset.records.len());
    assert!(rows.iter().all(|r| r.len() == headers.len()));

    let descriptions = output("descriptions.csv");
    let mut reader = csv::Reader::from_reader(descriptions.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let expected: usize = project
        .dataset
        .records
        .iter()
        .map(|r| r.descriptions.len())
        .sum();
    assert_eq!(rows.len(), expected);
    // A multi-line description survives quoting.
    assert!(rows.iter().any(|r| r[4].contains("\nWorkaround:\n")));
}

/// `error-codes.json` renders a record around its counterpart, which is
/// put in once every document is read; `lookup` shows the record as one
/// value. Both must say the same, counterpart or not.
#[test]
fn each_json_line_is_the_record_as_lookup_shows_it() {
    let project = bundled();
    let json = output("error-codes.json");
    let json = std::str::from_utf8(&json).expect("UTF-8");
    let start = json.find("\"records\": [\n").expect("records") + "\"records\": [\n".len();
    let lines: Vec<&str> = json[start..]
        .lines()
        .take_while(|line| line.starts_with("    {"))
        .map(|line| line.trim().trim_end_matches(','))
        .collect();
    let records = &project.dataset.records;
    assert_eq!(lines.len(), records.len());
    assert!(records.iter().any(|r| r.counterpart.is_some()));
    assert!(records.iter().any(|r| r.counterpart.is_none()));
    for (line, record) in lines.iter().zip(records) {
        let view = serde_json::to_string(&errdocs::emit::json::RecordJson::new(record)).unwrap();
        assert_eq!(*line, view);
    }
}
