//! The generated Rust module compiles (here, as part of this test crate, and
//! as its own crate with `-D warnings` for hostile descriptions) and answers
//! lookups.

mod common;

mod error_codes {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/out/error_codes.rs"));
}

use errdocs::model::{Dataset, Family, HResult, LocaleMap, RawText, Record};

#[test]
fn looks_up_by_value_and_by_name() {
    let by_value = error_codes::by_value(0x80CF_0001).expect("0x80CF0001 is there");
    assert_eq!(by_value.name, "OM_E_NO_SERVICE");
    assert_eq!(by_value.signed(), -2133917695);
    assert_eq!(by_value.counterpart, Some(0x8024_0001));
    assert_eq!(
        by_value.description("en-US"),
        Some("The agent could not provide the service.")
    );
    assert_eq!(by_value.descriptions.len(), 4);

    let by_name =
        error_codes::by_name("WU_E_UH_REMOTEUNAVAILABLE").expect("repaired code is there");
    assert_eq!(by_name.value, 0x8024_2000);
    assert_eq!(error_codes::codes::OM_E_NO_SERVICE, 0x80CF_0001);
    assert!(error_codes::by_value(0x1234_5678).is_none());
    assert!(error_codes::by_name("NO_SUCH_NAME").is_none());
    assert!(
        error_codes::ERROR_CODES
            .windows(2)
            .all(|w| w[0].value <= w[1].value)
    );
    assert_eq!(error_codes::all_by_value(0x8024_0001).len(), 1);
}

fn hostile_dataset() -> Dataset {
    let texts = [
        "quote \" and backslash \\ and \"# raw-string end",
        "comment end */ and start /* and //",
        "control \u{0} \u{7} \t tab and \r\n newline",
        "Unicode: 错误代码 Fehlercode ÅÄÖ \u{200B} \u{202E} 🦀 \u{301}",
        "}} {{ {} format braces and ' single",
    ];
    let records = texts
        .iter()
        .enumerate()
        .map(|(i, text)| Record {
            code: HResult::new(0x8024_0000 + i as u32),
            name: ["WU_E_A", "Error_Mixed_Case", "NULL", "NULL", "match"][i].to_string(),
            // Aliases are written as string literals too.
            aliases: [Box::from(*text), Box::from("E_\"ALIAS\\")]
                .into_iter()
                .collect(),
            family: Family::Wu,
            document: "doc \"x\"".into(),
            section: "s".into(),
            descriptions: {
                let mut descriptions = LocaleMap::default();
                descriptions.insert("en-US".into(), (*text).into());
                descriptions
            },
            descriptions_markdown: LocaleMap::default(),
            documented_decimal: None,
            counterpart: None,
            sources: thin_vec::ThinVec::new(),
            raw: RawText::default(),
            normalizations: thin_vec::ThinVec::new(),
            repairs: thin_vec::ThinVec::new(),
        })
        .collect();
    Dataset {
        records,
        ..Dataset::default()
    }
}

#[test]
fn hostile_descriptions_compile_with_deny_warnings() {
    let source = errdocs::emit::render_rust(&hostile_dataset());
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("error_codes.rs");
    std::fs::write(&lib, &source).unwrap();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let output = std::process::Command::new(rustc)
        .args([
            "--edition",
            "2021",
            "--crate-type",
            "lib",
            "-D",
            "warnings",
            "--out-dir",
        ])
        .arg(dir.path())
        .arg(&lib)
        .output()
        .expect("rustc runs");
    assert!(
        output.status.success(),
        "generated source does not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // `match` is a keyword: it must not have become a constant.
    assert!(!source.contains("pub const match"));
}
