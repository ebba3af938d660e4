//! `errdocs lookup`: the answers as a program reads them (JSON), and the
//! exit codes (0 found, 1 not found, 2 a bad query) for every kind of query
//! in both formats, in a project and without one. The transcripts in
//! tests/cmd/lookup*.trycmd show the human form in full.

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

/// A wildcard of 100,000 characters was matched against every name, a
/// step per pattern character and name character each time; wildcards are
/// bounded, and a longer one is a usage error that says so.
#[test]
fn an_overlong_wildcard_is_a_usage_error() {
    let pattern = "*A".repeat(50_000) + "*B";
    let output = errdocs(&["lookup", &pattern]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("is a wildcard of 100002 characters: a wildcard has at most 256"),
        "{}",
        &stderr[stderr.len().saturating_sub(300)..]
    );
}

#[test]
fn a_bad_query_reaches_the_terminal_without_escape_codes() {
    // clap quoted a value it refused as it was: the ESC would reach the
    // terminal and recolour it, or worse.
    let output = errdocs(&["lookup", "0x8024\u{1b}[31mZZ", "WU_E_\u{7}"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains(['\u{1b}', '\u{7}']), "{stderr:?}");
    assert!(
        stderr.starts_with(
            "errdocs: error: invalid QUERY: `0x8024?[31mZZ` holds U+001B, a control character"
        ),
        "{stderr:?}"
    );
    assert!(output.stdout.is_empty());
}

/// Many queries, each answered, in the order asked. (That answers are
/// printed one at a time, not held, is a matter of memory the output
/// cannot show; the unit test `streamed_json_is_the_pretty_printed_whole`
/// pins the streamed JSON's bytes.)
#[test]
fn many_queries_are_answered_in_order() {
    // Each answer is printed as it is ready; the output is that of the
    // answers one by one, with a blank line between them.
    let queries: Vec<String> = (1..=300).map(|code| code.to_string()).collect();
    let mut args = vec!["lookup"];
    args.extend(queries.iter().map(String::as_str));
    let output = errdocs(&args);
    let all = String::from_utf8_lossy(&output.stdout).into_owned();
    let first = String::from_utf8_lossy(&errdocs(&["lookup", "1"]).stdout).into_owned();
    let last = String::from_utf8_lossy(&errdocs(&["lookup", "300"]).stdout).into_owned();
    assert!(all.starts_with(&format!("{first}\n# code `2`")), "{all}");
    assert!(all.ends_with(&format!("\n{last}")), "{all}");
    assert_eq!(all.matches("\n# code `").count(), 299);
}

/// Where a lookup runs: in the bundled project, or in an empty folder,
/// which is no project (the Windows SDK alone answers); the folder is kept
/// while the test runs.
fn roots() -> Vec<(&'static str, Option<tempfile::TempDir>, std::path::PathBuf)> {
    let empty = tempfile::tempdir().expect("temp dir");
    let empty_path = empty.path().to_path_buf();
    vec![
        ("project", None, repo_root()),
        ("no project", Some(empty), empty_path),
    ]
}

#[test]
fn every_kind_of_query_in_both_formats_with_and_without_a_project() {
    // (query, kind, the first code it finds): codes the SDK defines, so
    // that both settings find them.
    let found = [
        ("0x8024002D", "code", "0x8024002D"),
        ("0x8024002d", "code", "0x8024002D"),
        ("0X8024002D", "code", "0x8024002D"),
        ("8024002d", "code", "0x8024002D"),
        ("0x5", "code", "0x00000005"),
        ("0x458L", "code", "0x00000458"),
        ("-2145124307", "code", "0x8024002D"),
        ("2149842989", "code", "0x8024002D"),
        ("1112", "code", "0x00000458"),
        ("wu_e_no_service", "name", "0x80240001"),
        ("Wu_E_No_Service", "name", "0x80240001"),
        ("WU_E_NO_SERV*", "wildcard", "0x80240001"),
        ("bg_e_http_error_50?", "wildcard", "0x801901F4"),
    ];
    for (setting, _keep, root) in roots() {
        let root_arg = root.to_str().expect("UTF-8 path");
        for (query, kind, code) in found {
            let (status, json) = lookup_json(&root, &[query]);
            assert_eq!(status, 0, "{setting}: {query}: {json:#}");
            assert_eq!(json["project"], setting == "project", "{setting}");
            let answer = &json["queries"][0];
            assert_eq!(answer["kind"], kind, "{setting}: {query}");
            assert_eq!(answer["found"], true, "{setting}: {query}");
            assert_eq!(answer["matches"][0]["code"], code, "{setting}: {query}");

            let output = errdocs(&["--root", root_arg, "lookup", "--format", "human", query]);
            assert_eq!(output.status.code(), Some(0), "{setting}: {query}");
            let text = String::from_utf8_lossy(&output.stdout);
            assert!(
                text.starts_with(&format!("# {kind} `{query}`\n{code}  ")),
                "{setting}: {query}: {text}"
            );
        }
        // Nothing found: exit 1, in both formats.
        for query in ["WU_E_NO_SUCH_THING", "WU_E_ZZ_*", "0x8024FF00"] {
            let (status, json) = lookup_json(&root, &[query]);
            assert_eq!(status, 1, "{setting}: {query}: {json:#}");
            assert_eq!(json["queries"][0]["found"], false, "{setting}: {query}");
            let output = errdocs(&["--root", root_arg, "lookup", query]);
            assert_eq!(output.status.code(), Some(1), "{setting}: {query}");
            let text = String::from_utf8_lossy(&output.stdout);
            assert!(text.starts_with("# "), "{setting}: {query}: {text}");
        }
        // A query that is no code, name or wildcard: exit 2, in both
        // formats, saying what is wrong and printing no answer.
        for (query, why) in [
            ("12.5", "`12.5` holds `.`"),
            ("0x8024ZZZZ", "`0x8024ZZZZ` holds `Z`"),
            ("0x123456789", "0x123456789"),
        ] {
            for format in ["human", "json"] {
                let output = errdocs(&["--root", root_arg, "lookup", "--format", format, query]);
                assert_eq!(
                    output.status.code(),
                    Some(2),
                    "{setting}: {format}: {query}"
                );
                assert!(output.stdout.is_empty(), "{setting}: {format}: {query}");
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert!(
                    stderr.contains(why),
                    "{setting}: {format}: {query}: {stderr}"
                );
            }
        }
    }
}

/// A mistyped --root is an error (exit 2), as for `check` and `build`, not
/// a lookup that quietly leaves the project's pages out.
#[test]
fn a_root_that_does_not_exist_is_an_error() {
    let output = errdocs(&["--root", "/no/such/folder", "lookup", "0x80240001"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("/no/such/folder: no such folder"),
        "{stderr}"
    );
}

#[test]
fn a_reader_that_stops_early_leaves_the_exit_code_meaningful() {
    // The reading end is closed before errdocs writes: the first answer's
    // write fails (as under `| head -1` once head has exited). The queries
    // after it were not looked up, and the exit code said 0, every query
    // found, for a name that nothing defines.
    let empty = tempfile::tempdir().expect("temp dir");
    for format in ["human", "json"] {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
            .args([
                "lookup",
                "--format",
                format,
                "0x80070005",
                "NO_SUCH_NAME_ANYWHERE",
            ])
            .current_dir(empty.path())
            .stdout(writer)
            .stderr(std::process::Stdio::null())
            .status()
            .expect("errdocs runs");
        assert_eq!(status.code(), Some(1), "{format}");
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_errdocs"))
            .args(["lookup", "--format", format, "0x80070005", "E_ACCESSDENIED"])
            .current_dir(empty.path())
            .stdout(writer)
            .stderr(std::process::Stdio::null())
            .status()
            .expect("errdocs runs");
        assert_eq!(status.code(), Some(0), "{format}");
    }
}

/// A project whose `count` documents each document 0x80070005.
fn many_pages_with_one_code(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for number in 0..count {
        let folder = dir.path().join(format!("sources/doc{number:03}"));
        std::fs::create_dir_all(&folder).expect("mkdir");
        let page = format!(
            "# Codes {number}\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n|0x80070005|E_ACCESSDENIED|Access is denied ({number}).|\n"
        );
        std::fs::write(folder.join("en-us.md"), page).expect("write page");
    }
    dir
}

fn lookup_human(root: &std::path::Path, args: &[&str]) -> (i32, String) {
    let root = root.to_str().expect("UTF-8 path");
    let mut all = vec!["--root", root, "lookup"];
    all.extend_from_slice(args);
    let output = errdocs(&all);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// The human format printed every record a query matched: a code that
/// every page of a large corpus documents, or a wildcard as broad as
/// `ERROR_*`, was tens of thousands of lines. It shows 20 records (a code
/// no record documents counts as one) and says how many more there are;
/// `--limit` and `--all` change that, and the JSON lists every one.
#[test]
fn the_human_format_shows_a_limited_number_of_records() {
    let dir = many_pages_with_one_code(45);
    let (code, text) = lookup_human(dir.path(), &["0x80070005"]);
    assert_eq!(code, 0);
    assert_eq!(text.matches("\n    documented:  ").count(), 20, "{text}");
    assert!(
        text.contains(
            "\n  ... and 25 more records documenting this code, not shown\n  reference:   "
        ),
        "{text}"
    );
    assert!(
        text.ends_with(
            "\n\n(not shown: 25 more records; --limit N or --all shows more, --format json lists them all)\n"
        ),
        "{text}"
    );
    let (_, text) = lookup_human(dir.path(), &["--limit", "3", "0x80070005"]);
    assert_eq!(text.matches("\n    documented:  ").count(), 3, "{text}");
    assert!(text.contains("(not shown: 42 more records;"), "{text}");
    let (_, text) = lookup_human(dir.path(), &["--all", "0x80070005"]);
    assert_eq!(text.matches("\n    documented:  ").count(), 45, "{text}");
    assert!(!text.contains("not shown"), "{text}");
    let (code, json) = lookup_json(dir.path(), &["0x80070005"]);
    assert_eq!(code, 0);
    assert_eq!(
        json["queries"][0]["matches"][0]["records"]
            .as_array()
            .expect("records")
            .len(),
        45
    );

    // A broad wildcard outside a project: codes no record documents, each
    // counting one.
    let empty = tempfile::tempdir().expect("temp dir");
    let (code, text) = lookup_human(empty.path(), &["ERROR_*"]);
    assert_eq!(code, 0);
    assert_eq!(text.matches("\n  decoded:     ").count(), 20, "{text}");
    let (_, json) = lookup_json(empty.path(), &["ERROR_*"]);
    let codes = json["queries"][0]["matches"]
        .as_array()
        .expect("matches")
        .len();
    assert!(codes > 1_000, "{codes}");
    assert!(
        text.ends_with(&format!(
            "\n\n(not shown: {} more codes; --limit N or --all shows more, --format json lists them all)\n",
            thousands(codes - 20)
        )),
        "{}",
        &text[text.len().saturating_sub(300)..]
    );
    let (_, text) = lookup_human(empty.path(), &["--all", "ERROR_*"]);
    assert_eq!(text.matches("\n  decoded:     ").count(), codes);
}

/// `--limit 0` would show nothing: a usage error, as is `--limit` with
/// `--all`.
#[test]
fn a_limit_of_zero_or_with_all_is_a_usage_error() {
    for args in [
        &["lookup", "--limit", "0", "E_FAIL"][..],
        &["lookup", "--limit", "x", "E_FAIL"],
        &["lookup", "--limit", "5", "--all", "E_FAIL"],
    ] {
        let output = errdocs(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
    }
}

fn thousands(count: usize) -> String {
    errdocs::check::reference::thousands(count)
}

/// A record from a table without a name column: the human format says it
/// has none, instead of a line that starts with a blank where the name goes.
#[test]
fn a_record_without_a_name_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("sources/doc");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let page = "# Fixes\n\n| Error | Cause |\n|---|---|\n| 0x800F081F | The source files could not be found. |\n";
    std::fs::write(folder.join("en-us.md"), page).expect("write page");
    let (code, text) = lookup_human(dir.path(), &["0x800F081F"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("\n  (no name) (unknown family; doc, \"Fixes\")\n"),
        "{text}"
    );
}

/// Decimals in groups of three, as French and other locales write them
/// (a space, a no-break, thin or narrow no-break space), are the number;
/// irregular groups are no number.
#[test]
fn a_decimal_grouped_by_spaces_is_the_number() {
    let (code, json) = lookup_json(
        &repo_root(),
        &[
            "1\u{202F}112",
            "--",
            "-2 145 124 307",
            "-2\u{A0}145\u{A0}124\u{A0}307",
            "-2\u{2009}145\u{2009}124\u{2009}307",
        ],
    );
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["queries"][0]["matches"][0]["code"], "0x00000458");
    for query in 1..4 {
        assert_eq!(
            json["queries"][query]["matches"][0]["code"], "0x8024002D",
            "{json:#}"
        );
    }
    let output = errdocs(&["lookup", "12 3456"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("holds ` `, which is not a decimal digit")
    );
}

/// A table under no heading has no section: the human answer names the
/// document alone, not the document and `""`.
#[test]
fn a_record_under_no_heading_is_shown_without_an_empty_section() {
    let dir = common::project_with(&[(
        "sources/u/en-us.md",
        b"| Code | Name | Description |\n|---|---|---|\n\
          | 0x80240001 | WU_E_NO_SERVICE | The agent could not provide the service. |\n",
    )]);
    let root = dir.path().to_str().expect("utf-8 path");
    let output = common::errdocs(&["--root", root, "lookup", "0x80240001"]);
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(
        text.contains("  WU_E_NO_SERVICE (WU family; u)\n"),
        "{text}"
    );
    assert!(!text.contains("\"\""), "{text}");
}
