//! The references a project is checked against: the Windows SDK's
//! constants, and the product's own named in `errdocs.toml`.

mod common;

use common::{errdocs, project_with};
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
            "#define OM_E_NO_SERVICE _HRESULT_TYPEDEF_(0x80CF0001L)\n#define OM_E_MADE MAKE_HRESULT(1, 0xCF, 2)\n#define OM_E_SUM (0x80CF0000 | 3)\n",
        ),
        ("codes.csv", "name,value\nOM_E_TABLE,0x80CF0003\n"),
    ])
    .expect("loads");
    let fact = project
        .reference
        .by_name("OM_E_NO_SERVICE")
        .expect("defined");
    assert_eq!(fact.origin.to_string(), "include/om.h:1");
    // winerror.h's macro is computed as the compiler does.
    let made = project.reference.by_name("OM_E_MADE").expect("defined");
    assert_eq!(
        (made.value, made.origin.to_string()),
        (0x80CF_0002, "include/om.h:2".to_string())
    );
    let table = project.reference.by_name("OM_E_TABLE").expect("defined");
    assert_eq!(table.origin.to_string(), "codes.csv:2");
    // The SDK is there too, unless left out.
    assert!(project.reference.by_name("WU_E_NO_SERVICE").is_some());
    assert_eq!(
        project.reference_notes,
        [
            "include/om.h: 1 definition not read as constants: line 3 (`OM_E_SUM`: `0x80CF0000 | 3` is an expression errdocs does not evaluate)"
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
    assert!(error.contains("/include/om.h:3: "), "{error}");

    let error = load(&[
        ("errdocs.toml", "[reference]\nfiles = [\"codes.tsv\"]\n"),
        ("codes.tsv", "OM_E_A\t0x80CF0001\nOM_E_B\tnot a number\n"),
    ])
    .expect_err("a malformed table stops the run")
    .to_string();
    assert!(error.contains("/codes.tsv:2: "), "{error}");
}

#[test]
fn a_malformed_line_stops_every_command_with_file_and_line() {
    let page = "# Codes\n\n|Code|Name|Description|\n|---|---|---|\n|0x80CF0001|OM_E_NO_SERVICE|No service.|\n";
    let dir = project_with(&[
        ("errdocs.toml", b"[reference]\nfiles = [\"include/om.h\"]\n"),
        (
            "include/om.h",
            b"// Product codes\n#define OM_E_NO_SERVICE _HRESULT_TYPEDEF_(0x80CF0001L)\n#define OM_E_BAD _HRESULT_TYPEDEF_(0x80CFZZZZL)\n",
        ),
        ("sources/doc/en-us.md", page.as_bytes()),
    ]);
    let root = dir.path().to_str().expect("UTF-8 path");
    for command in [
        &["check"][..],
        &["build"],
        &["fix", "--diff"],
        &["lookup", "0x80CF0001"],
    ] {
        let mut args = vec!["--root", root];
        args.extend_from_slice(command);
        let output = errdocs(&args);
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        // The path opens from where errdocs ran, not only from the root.
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            format!(
                "errdocs: error: {}: `#define OM_E_BAD`: `0x80CFZZZZL` is not a number: `Z` is not a hex digit\n",
                dir.path().join("include/om.h:3").display()
            ),
            "{command:?}"
        );
        assert!(dir.path().join("include/om.h").is_file());
    }
    // Not UTF-8: the same.
    std::fs::write(dir.path().join("include/om.h"), b"// \xff\n").expect("write");
    let output = errdocs(&["--root", root, "check"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "errdocs: error: {}: not valid UTF-8 (byte offset 3); save the file as UTF-8\n",
            dir.path().join("include/om.h:1").display()
        )
    );
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

/// The findings of the rules that a reference drives, on a one-page
/// project: (rule, line).
fn reference_findings(page: &str, config: &str) -> Vec<(&'static str, usize)> {
    let dir = project_with(&[
        ("sources/doc/en-us.md", page.as_bytes()),
        ("errdocs.toml", config.as_bytes()),
    ]);
    let project = Project::load(dir.path()).expect("loads");
    project
        .evaluate()
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("reference-") || f.rule == "name-case")
        .map(|f| (f.rule, f.location.line))
        .collect()
}

#[test]
fn without_facts_the_reference_rules_say_nothing() {
    let page = "# Codes\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n|0x00001112|ERROR_NO_MEDIA_IN_DRIVE|No media.|\n|0x801901F4|BG_E_HTTP_RROR_500|Server error.|\n|0x000000C7|ERROR_AUTODATASEG_EXCEEDS_64k|Too large.|\n";
    assert_eq!(
        reference_findings(page, ""),
        [
            ("reference-decimal-as-hex", 5),
            ("reference-name-unknown", 6)
        ]
    );
    // With the SDK left out, nothing is known: the usual form is all
    // name-case has to go by.
    assert_eq!(
        reference_findings(page, "[reference]\nsdk = false\n"),
        [("name-case", 7)]
    );
}

/// A table whose codes were all converted by hand is one problem, said
/// once at the table, each row's fix among the related places.
#[test]
fn a_table_converted_by_hand_is_said_once() {
    let mut page =
        String::from("# Codes\n\n|Error code|Symbolic name|More information|\n|---|---|---|\n");
    for (digits, name) in [
        ("0x00000619", "ERROR_INVALID_HW_PROFILE"),
        ("0x00001112", "ERROR_NO_MEDIA_IN_DRIVE"),
        ("0x00001190", "ERROR_SHUTDOWN_IS_SCHEDULED"),
        ("0x00001234", "ERROR_PORT_UNREACHABLE"),
        ("0x00001396", "ERROR_WRONG_TARGET_NAME"),
        ("0x00001449", "ERROR_INVALID_SHOWWIN_COMMAND"),
    ] {
        page.push_str(&format!("|{digits}|{name}|A Win32 error.|\n"));
    }
    let dir = project_with(&[("sources/doc/en-us.md", page.as_bytes())]);
    let findings = Project::load(dir.path())
        .expect("loads")
        .evaluate()
        .findings;
    let said: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "reference-decimal-as-hex")
        .collect();
    assert_eq!(said.len(), 1, "{said:#?}");
    assert!(
        said[0].message.starts_with("6 of 6 codes in table"),
        "{}",
        said[0].message
    );
    assert_eq!(said[0].related.len(), 6);
    let fix = said[0].related[0]
        .fix
        .as_ref()
        .expect("each row has its fix");
    assert_eq!(
        (fix.from.as_str(), fix.to.as_str()),
        ("0x00000619", "0x0000026B")
    );
}

/// What the Windows SDK reveals in the bundled pages: each finding of a
/// rule that the reference drives or settles, with its place and fix.
#[test]
fn the_bundled_pages_against_the_sdk() {
    let findings = common::bundled().evaluate().findings;
    let found: Vec<(&str, &str, usize, Option<&str>)> = findings
        .iter()
        .filter(|f| f.rule.starts_with("reference-") || f.rule == "counterpart-name-mismatch")
        .map(|f| {
            (
                f.rule,
                f.location.file.split('/').nth(1).unwrap_or(""),
                f.location.line,
                f.fix.as_ref().map(|fix| fix.to.as_str()),
            )
        })
        .collect();
    let intune = "intune-update-agent-errors";
    let wsus = "wsus-additional-resources";
    assert_eq!(
        found,
        [
            // OM codes whose WU mirror the SDK gives another name.
            ("reference-mirror-mismatch", intune, 94, None),
            ("reference-mirror-mismatch", intune, 96, None),
            ("reference-mirror-mismatch", intune, 97, None),
            ("reference-mirror-mismatch", intune, 98, None),
            ("reference-mirror-mismatch", intune, 99, None),
            ("reference-mirror-mismatch", intune, 100, None),
            ("reference-mirror-mismatch", intune, 229, None),
            (
                "reference-name-unknown",
                wsus,
                89,
                Some("ERROR_DUP_DOMAINNAME")
            ),
            ("reference-decimal-as-hex", wsus, 99, Some("0x0000026B")),
            ("reference-decimal-as-hex", wsus, 184, Some("0x00000458")),
            ("reference-decimal-as-hex", wsus, 196, Some("0x000004A6")),
            ("reference-decimal-as-hex", wsus, 202, Some("0x000004D2")),
            ("reference-decimal-as-hex", wsus, 208, Some("0x00000574")),
            (
                "reference-name-unknown",
                wsus,
                216,
                Some("ERROR_CLUSTER_RESTYPE_NOT_SUPPORTED")
            ),
            ("reference-decimal-as-hex", wsus, 220, Some("0x000005A9")),
            // The reference settles which side of the pair is right.
            (
                "counterpart-name-mismatch",
                wsus,
                418,
                Some("WU_E_EXCLUSIVE_INSTALL_CONFLICT")
            ),
            (
                "counterpart-name-mismatch",
                wsus,
                531,
                Some("WU_E_SOURCE_ABSENT")
            ),
            (
                "reference-name-unknown",
                wsus,
                634,
                Some("WU_E_PT_SOAPCLIENT_INITIALIZE")
            ),
            ("reference-value-mismatch", wsus, 911, Some("0x802450FF")),
            (
                "reference-name-unknown",
                wsus,
                1635,
                Some("BG_E_HTTP_ERROR_500")
            ),
        ]
    );
    // Names the SDK spells otherwise are name-case's, with the SDK's
    // spelling; names the SDK spells so, however unusual, are not reported.
    let case: Vec<(usize, &str)> = findings
        .iter()
        .filter(|f| f.rule == "name-case")
        .filter_map(|f| Some((f.location.line, f.fix.as_ref()?.to.as_str())))
        .collect();
    assert!(case.contains(&(138, "NERR_BadPasswordCore")), "{case:?}");
    assert!(case.contains(&(52, "ERROR_SUCCESS")), "{case:?}");
    // The misspelt ones are said once, by reference-name-unknown.
    assert!(
        !case.iter().any(|(line, _)| *line == 89 || *line == 216),
        "{case:?}"
    );
}

#[test]
fn lines_are_counted_at_cr_lf_and_lone_cr_line_ends() {
    let error_of = |file: &str, text: &str| {
        load(&[
            (
                "errdocs.toml",
                &format!("[reference]\nfiles = [\"{file}\"]\n"),
            ),
            (file, text),
        ])
        .expect_err("line 3 is malformed")
        .to_string()
    };
    let crlf = error_of(
        "codes.csv",
        "name,value\r\nOM_E_A,0x80CF0001\r\nOM_E_B,zz\r\n",
    );
    assert!(crlf.contains("/codes.csv:3: "), "{crlf}");
    let defined_again = error_of(
        "codes.tsv",
        "name\tvalue\r\nOM_E_A\t0x80CF0001\r\nOM_E_A\t0x80CF0002\r\n",
    );
    assert!(defined_again.contains("/codes.tsv:3: "), "{defined_again}");
    let lone_cr = error_of(
        "om.h",
        "// Codes\r#define OM_E_A 0x80CF0001L\r#define OM_E_BAD _HRESULT_TYPEDEF_(0x80CFZZZZL)\r",
    );
    assert!(lone_cr.contains("/om.h:3: "), "{lone_cr}");
}

#[cfg(unix)]
#[test]
fn a_reference_that_is_not_a_regular_file_is_refused_at_its_line() {
    let dir = project_with(&[
        ("sources/doc/en-us.md", PAGE.as_bytes()),
        ("errdocs.toml", b"[reference]\nfiles = [\"om.h\"]\n"),
        ("om.h/inner.h", b"#define OM_E_A 0x80CF0001L\n"),
    ]);
    let error = Project::load(dir.path()).expect_err("a folder").to_string();
    assert!(error.contains("errdocs.toml:2: "), "{error}");
    assert!(error.contains("is not a regular file"), "{error}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_reference_link_that_leads_in_a_circle_is_refused_at_its_line() {
    let dir = project_with(&[
        ("sources/doc/en-us.md", PAGE.as_bytes()),
        ("errdocs.toml", b"[reference]\nfiles = [\"loop.h\"]\n"),
    ]);
    std::os::unix::fs::symlink("loop.h", dir.path().join("loop.h")).expect("a link");
    let error = Project::load(dir.path()).expect_err("a loop").to_string();
    assert!(error.contains("errdocs.toml:2: "), "{error}");
    assert!(
        error.contains("`loop.h` is a symbolic link that leads in a circle"),
        "{error}"
    );
}

/// A project whose header gives one code 50,000 names, none of them the
/// page's.
fn fifty_thousand_names() -> tempfile::TempDir {
    let header: String = (0..50_000)
        .map(|i| format!("#define OM_E_N{i} _HRESULT_TYPEDEF_(0x80CF0001L)\n"))
        .collect();
    project_with(&[
        ("sources/doc/en-us.md", PAGE.as_bytes()),
        ("errdocs.toml", b"[reference]\nfiles = [\"include/om.h\"]\n"),
        ("include/om.h", header.as_bytes()),
    ])
}

#[test]
fn a_code_with_fifty_thousand_names_is_listed_briefly() {
    // Merging the names searched a list per name (32 s for this project)
    // and every name was listed: a 740 KB finding, 50,000 lookup lines.
    let dir = fifty_thousand_names();
    let root = dir.path().to_str().expect("UTF-8 path");
    let check = errdocs(&["--root", root, "check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    let message = json["findings"][0]["message"].as_str().expect("a finding");
    assert!(
        message.contains("`OM_E_N10004` and 49,990 more: check which one"),
        "{message}"
    );
    assert!(message.len() < 400, "{message}");

    let lookup = errdocs(&["--root", root, "lookup", "0x80CF0001"]);
    assert_eq!(lookup.status.code(), Some(0));
    let text = String::from_utf8_lossy(&lookup.stdout);
    assert_eq!(text.matches("  reference:   OM_E_N").count(), 10, "{text}");
    assert!(
        text.contains(
            "  reference:   and 49,990 more constants with this value (--format json lists them all)\n"
        ),
        "{text}"
    );
    assert!(text.len() < 2000, "{text}");
    // JSON lists every name, each once.
    let lookup = errdocs(&["--root", root, "lookup", "--format", "json", "0x80CF0001"]);
    let json: serde_json::Value = serde_json::from_slice(&lookup.stdout).expect("JSON");
    let names = json["queries"][0]["matches"][0]["reference"]["names"]
        .as_array()
        .expect("names");
    assert_eq!(names.len(), 50_000);
}

#[test]
fn reference_files_that_are_no_text_stop_the_run_naming_the_file() {
    for (file, bytes, expected) in [
        (
            "om.h",
            &b""[..],
            "errdocs: error: om.h: the file is empty; remove it from [reference] files or give it content",
        ),
        (
            "om.h",
            b"\xFF\xFE#\0d\0",
            "errdocs: error: om.h: the file is UTF-16",
        ),
        (
            "codes.csv",
            b"A,1\n\0",
            "errdocs: error: codes.csv:2: binary file (NUL byte at byte offset 4)",
        ),
        (
            "om.h",
            b"#define OM_A 1\n/* open\n#define OM_B 2\n",
            "errdocs: error: om.h:2: a `/*` comment opens here and never closes",
        ),
    ] {
        let config = format!("[reference]\nfiles = [\"{file}\"]\n");
        let dir = project_with(&[
            ("sources/doc/en-us.md", PAGE.as_bytes()),
            ("errdocs.toml", config.as_bytes()),
            (file, bytes),
        ]);
        let root = dir.path().to_str().expect("UTF-8 path");
        let output = errdocs(&["--root", root, "check"]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        // The file as it opens from where errdocs ran: joined to --root.
        let expected = expected.replacen("error: ", &format!("error: {root}/"), 1);
        assert!(stderr.starts_with(&expected), "{stderr}");
    }
    // A header with no definition at all is noted, not refused.
    let project = load(&[
        ("errdocs.toml", "[reference]\nfiles = [\"om.h\"]\n"),
        ("om.h", "// generated: no codes in this build\n"),
    ])
    .expect("loads");
    assert_eq!(
        project.reference_notes,
        [
            "om.h: defines no constant errdocs reads (a C header's `#define NAME value`, or rows of name and value)"
        ]
    );
}

/// Every definition a header skips is said: the first few with their
/// lines and reasons, the rest by their lines.
#[test]
fn skipped_definitions_are_each_said_with_their_line() {
    let header: String = (1..=8)
        .map(|i| format!("#define OM_E_SUM{i} (0x80CF0000 | {i})\n"))
        .collect();
    let project = load(&[
        (
            "errdocs.toml",
            "[reference]\nfiles = [\"om.h\"]\nsdk = false\n",
        ),
        ("om.h", header.as_str()),
    ])
    .expect("loads");
    assert_eq!(project.reference_notes.len(), 1);
    let note = &project.reference_notes[0];
    assert!(
        note.starts_with("om.h: 8 definitions not read as constants: line 1 (`OM_E_SUM1`: "),
        "{note}"
    );
    assert!(note.contains("; line 5 (`OM_E_SUM5`: "), "{note}");
    assert!(note.ends_with("; and 3 more, at lines 6, 7, 8"), "{note}");
}
