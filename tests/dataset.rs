//! The dataset built from the bundled sources: every row accounted for,
//! with provenance, and the canonical records as snapshots.

mod common;

use std::collections::BTreeSet;
use std::fmt::Write;

use common::{bundled, repo_root};
use errdocs::model::{Dataset, HResult};

const INTUNE: [&str; 4] = ["en-us", "de-de", "sv-se", "zh-cn"];
const WSUS: &str = "sources/wsus-additional-resources/en-us.md";

#[test]
fn every_row_read_is_a_record_row_or_unresolved() {
    let project = bundled();
    let stats = project.dataset.stats;
    assert_eq!(
        stats.rows_read,
        stats.rows_in_records + stats.unresolved_rows
    );
    assert_eq!(stats.rows_read, 209 * 4 + 277);
    let counted: usize = project
        .dataset
        .records
        .iter()
        .map(|r| r.sources.len())
        .sum();
    assert_eq!(counted + project.dataset.unresolved.len(), stats.rows_read);
}

/// Rows as a plain reader of the files counts them, independently of the
/// parsers: pipe-table rows that start with a bold code, and `<tr>` tags
/// less one header row per HTML table.
#[test]
fn every_seed_row_is_in_the_dataset_with_its_line() {
    let project = bundled();
    let dataset = &project.dataset;
    let rows_of = |file: &str| -> BTreeSet<usize> {
        dataset
            .records
            .iter()
            .flat_map(|r| r.sources.iter())
            .filter(|s| &*s.file == file)
            .map(|s| s.line as usize)
            .chain(
                dataset
                    .unresolved
                    .iter()
                    .filter(|u| &*u.file == file)
                    .map(|u| u.line),
            )
            .collect()
    };
    for locale in INTUNE {
        let file = format!("sources/intune-update-agent-errors/{locale}.md");
        let text = std::fs::read_to_string(repo_root().join(&file)).unwrap();
        let expected: BTreeSet<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with("|**0x"))
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(expected.len(), 209, "{file}");
        assert_eq!(rows_of(&file), expected, "{file}");
    }
    let text = std::fs::read_to_string(repo_root().join(WSUS)).unwrap();
    let tr_count = text.matches("<tr").count();
    assert_eq!(tr_count - 3, 277);
    let wsus_rows: usize = dataset
        .records
        .iter()
        .flat_map(|r| r.sources.iter())
        .filter(|s| &*s.file == WSUS)
        .count()
        + dataset
            .unresolved
            .iter()
            .filter(|u| &*u.file == WSUS)
            .count();
    assert_eq!(wsus_rows, 277);
}

#[test]
fn om_e_no_service_has_all_four_locales() {
    let project = bundled();
    let record = project
        .dataset
        .records
        .iter()
        .find(|r| r.name == "OM_E_NO_SERVICE")
        .expect("OM_E_NO_SERVICE is in the dataset");
    assert_eq!(record.code, HResult::new(0x80CF_0001));
    assert_eq!(record.code.signed(), -2133917695);
    let locales: Vec<&str> = record.descriptions.keys().collect();
    assert_eq!(locales, ["de-DE", "en-US", "sv-SE", "zh-CN"]);
    assert_eq!(
        record.descriptions.get("en-US").map(|d| &**d),
        Some("The agent could not provide the service.")
    );
    assert_eq!(record.sources.len(), 4);
    assert_eq!(
        &*record.sources[0].file,
        "sources/intune-update-agent-errors/en-us.md"
    );
    assert_eq!((record.sources[0].line, record.sources[0].column), (44, 2));
}

#[test]
fn html_cells_keep_their_own_lines_and_joined_names() {
    let project = bundled();
    let record = project
        .dataset
        .records
        .iter()
        .find(|r| r.name == "WU_E_NO_SERVICE")
        .expect("WU_E_NO_SERVICE is in the dataset");
    let source = &record.sources[0];
    assert_eq!(&*source.file, WSUS);
    assert_eq!(source.cells.code.expect("code cell").line, 286);
    assert_eq!(source.cells.name.expect("name cell").line, 287);
    assert_eq!(
        source.cells.description.expect("description cell").line,
        289
    );
    assert_eq!(record.raw.name.as_deref(), Some("WU_E_\nNO_SERVICE"));
    assert_eq!(record.counterpart, Some(HResult::new(0x80CF_0001)));
}

/// One block per record: code, name, family, counterpart, where it was
/// read, its descriptions, and any repair.
fn describe(dataset: &Dataset, document: &str) -> String {
    let mut out = String::new();
    for record in dataset.records.iter().filter(|r| &*r.document == document) {
        let _ = write!(
            out,
            "{} {} [{}]",
            record.code,
            record.name,
            record.family.as_str()
        );
        if let Some(c) = record.counterpart {
            let _ = write!(out, " <-> {c}");
        }
        out.push('\n');
        let places: Vec<String> = record
            .sources
            .iter()
            .map(|s| {
                format!(
                    "{}:{}:{}",
                    s.file.rsplit('/').next().unwrap_or(""),
                    s.line,
                    s.column
                )
            })
            .collect();
        let _ = writeln!(out, "  at {} ({})", places.join(" "), record.section);
        for (locale, text) in record.descriptions.iter() {
            let _ = writeln!(out, "  {locale}: {}", text.replace('\n', "\\n"));
        }
        for n in &record.normalizations {
            if n.field != "code" {
                let _ = writeln!(
                    out,
                    "  normalized {}: {:?} -> {:?} ({})",
                    n.field, n.from, n.to, n.reason
                );
            }
        }
        for repair in &record.repairs {
            let _ = writeln!(
                out,
                "  repaired {}: {:?} -> {} by {}",
                repair.field, repair.from, repair.to, repair.rule
            );
            for e in &repair.evidence {
                let _ = writeln!(out, "    because {e}");
            }
        }
    }
    for row in dataset
        .unresolved
        .iter()
        .filter(|u| &*u.document == document)
    {
        let _ = writeln!(
            out,
            "UNRESOLVED {}:{} {} {:?}",
            row.file, row.line, row.reason, row.cells
        );
    }
    out
}

#[test]
fn snapshot_intune_records() {
    insta::assert_snapshot!(describe(&bundled().dataset, "intune-update-agent-errors"));
}

#[test]
fn snapshot_wsus_records() {
    insta::assert_snapshot!(describe(&bundled().dataset, "wsus-additional-resources"));
}
