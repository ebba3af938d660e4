//! The fuzz targets' entry points, shared by the libFuzzer targets in
//! `fuzz/fuzz_targets/` and by `tests/fuzz_replay.rs`, which runs every
//! saved corpus file through the same functions on stable Rust (no
//! libFuzzer), so CI replays what fuzzing found.
//!
//! Each function takes arbitrary bytes and must neither panic, hang nor
//! use memory out of proportion to its input: that is all a target checks.
//! What the bytes mean is documented per function; inputs that split into
//! several files use [`SEPARATOR`] between them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use errdocs::check::Baseline;
use errdocs::config::Config;
use errdocs::corpus::{Corpus, Document, LocaleFile};
use errdocs::diagnostic::FailLevel;
use errdocs::diff::render::{human, json as diff_json, markdown};
use errdocs::diff::{FindingsDiff, Snapshot};
use errdocs::ingest::{self, IngestedFile};
use errdocs::report::{self, Format, ReportContext};
use errdocs::source::{NoSourceLines, SourceFile};

/// Splits one input into several files: a line holding only `%%%%`.
pub const SEPARATOR: &[u8] = b"\n%%%%\n";

/// The parts of `data` between separators, at most `max` (the last part
/// keeps any further separators).
fn parts(data: &[u8], max: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while out.len() + 1 < max {
        match memchr::memmem::find(rest, SEPARATOR) {
            Some(at) => {
                out.push(&rest[..at]);
                rest = &rest[at + SEPARATOR.len()..];
            }
            None => break,
        }
    }
    out.push(rest);
    out
}

/// Ingest: `data` is one Markdown file (front matter, pipe tables, HTML
/// tables, lists, suppression comments), read as a source page, then
/// normalized into a dataset, rendered as every output and checked.
pub fn ingest(data: &[u8]) {
    let Ok(file) = SourceFile::from_bytes(Path::new("page.md"), "page.md".into(), data.to_vec())
    else {
        return;
    };
    let corpus = corpus_of(&["en-US"]);
    let mut problems = Vec::new();
    let ingested = ingest::ingest(&file, "doc", "en-US", true, &mut problems);
    let files = std::slice::from_ref(&ingested);
    let reference = errdocs::reference::Reference::sdk();
    let normalized = errdocs::normalize::normalize(&corpus, files, &reference);
    let _ = errdocs::emit::render(errdocs::emit::DatasetOutput::Whole(&normalized.dataset));
    let input = errdocs::check::CheckInput {
        files,
        dataset: &normalized.dataset,
        ingest_problems: &problems,
        unreadable_codes: &normalized.unreadable_codes,
        doubtful_rows: &normalized.doubtful_rows,
        alignments: &normalized.alignments,
        reference: &reference,
    };
    let _ = errdocs::check::evaluate(input, &Config::default());
}

/// One document `doc` with a file per locale (the first the source), at
/// `sources/doc/<locale>.md`.
fn corpus_of(locales: &[&str]) -> Corpus {
    Corpus {
        root: PathBuf::from("."),
        documents: vec![Document {
            id: "doc".into(),
            title: None,
            source_locale: locales[0].into(),
            files: locales
                .iter()
                .enumerate()
                .map(|(i, locale)| LocaleFile {
                    locale: (*locale).into(),
                    path: PathBuf::from(rel_of(locale)),
                    rel: rel_of(locale),
                    is_source: i == 0,
                })
                .collect(),
        }],
        notes: Vec::new(),
    }
}

fn rel_of(locale: &str) -> String {
    format!("sources/doc/{}.md", locale.to_ascii_lowercase())
}

/// Ingests the texts of one document's locale files (`None` for a file
/// that is not readable text) into a dataset's snapshot.
fn snapshot_of(texts: &[&[u8]]) -> Snapshot {
    let locales = ["en-US", "de-DE"];
    let mut kept = Vec::new();
    let mut files: Vec<IngestedFile> = Vec::new();
    for (text, locale) in texts.iter().zip(locales) {
        let rel = rel_of(locale);
        if let Ok(file) = SourceFile::from_bytes(Path::new(&rel), rel.clone(), text.to_vec()) {
            let mut problems = Vec::new();
            files.push(ingest::ingest(
                &file,
                "doc",
                locale,
                kept.is_empty(),
                &mut problems,
            ));
            kept.push(locale);
        }
    }
    if kept.is_empty() {
        return Snapshot::from_dataset(&errdocs::model::Dataset::default());
    }
    errdocs::normalize::translations::adopt_source_roles(&mut files);
    let corpus = corpus_of(&kept);
    Snapshot::from_dataset(
        &errdocs::normalize::normalize(&corpus, &files, &errdocs::reference::Reference::sdk())
            .dataset,
    )
}

/// The diff: `data` is up to four Markdown files, the old source page and
/// its German translation, then the new ones. Both sides become snapshots
/// (the new one also through its `error-codes.json`, as `diff` reads a
/// dataset file), are compared, and the comparison is rendered in every
/// format. The whole input is also read as an `error-codes.json`.
pub fn diff(data: &[u8]) {
    let _ = Snapshot::from_json(data, Path::new("error-codes.json"));
    let p = parts(data, 4);
    let empty: &[u8] = b"";
    let get = |i: usize| p.get(i).copied().unwrap_or(empty);
    let old = snapshot_of(&[get(0), get(1)]);
    let new = snapshot_of(&[get(2), get(3)]);
    let diff = errdocs::diff::compare(&old, &new).with_findings(FindingsDiff::default());
    let mut out = Vec::new();
    let _ = human::write(&diff, &mut out, human::HumanOptions { colour: true });
    out.clear();
    let _ = diff_json::write(&diff, &mut out);
    out.clear();
    let _ = markdown::write(&diff, &mut out, &markdown::MarkdownOptions::default());
    out.clear();
    let small = markdown::MarkdownOptions {
        limit: 600,
        ..markdown::MarkdownOptions::default()
    };
    let _ = markdown::write(&diff, &mut out, &small);
}

/// `errdocs.toml`: `data` is the configuration's text.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ids = errdocs::check::rule_ids();
    let _ = Config::parse(text, Path::new("errdocs.toml"), &ids).map_err(|e| e.to_string());
}

/// A baseline file: `data` is its text.
pub fn baseline(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Baseline::from_json(text, Path::new("baseline.json")).map_err(|e| e.to_string());
}

/// A folder of its own for the generated projects of this process and
/// `target`: the replay test runs the `project` and `fix` targets at once,
/// on threads of one process.
fn scratch(target: &str) -> PathBuf {
    let base = Path::new("/dev/shm");
    let base = if base.is_dir() {
        base.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    base.join(format!("errdocs-fuzz-{target}-{}", std::process::id()))
}

/// True for a configured folder that stays inside the scratch project: the
/// fuzzer must not make errdocs read the machine's files or write its
/// outputs somewhere else.
fn contained(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with(['/', '\\'])
        && !path.contains(':')
        && !path.split(['/', '\\']).any(|part| part == "..")
}

/// Writes the first four parts of a generated project (see [`project`])
/// into a fresh scratch folder; `None` when they cannot be written, or
/// when the configuration is read and places a folder outside the
/// project.
fn write_project(p: &[&[u8]], target: &str) -> Option<PathBuf> {
    let root = scratch(target);
    let _ = std::fs::remove_dir_all(&root);
    let files = [
        "errdocs.toml",
        "sources/a/en-us.md",
        "sources/a/de-de.md",
        "sources/b/en-us.md",
    ];
    for (part, name) in p.iter().zip(files) {
        if part.is_empty() {
            continue;
        }
        let path = root.join(name);
        let _ = std::fs::create_dir_all(path.parent().unwrap_or(&root));
        if std::fs::write(&path, part).is_err() {
            return None;
        }
    }
    let _ = std::fs::create_dir_all(root.join("sources"));
    let ids = errdocs::check::rule_ids();
    if let Ok(text) = std::fs::read_to_string(root.join("errdocs.toml")) {
        let Ok(config) = Config::parse(&text, Path::new("errdocs.toml"), &ids) else {
            return None;
        };
        let placed = config.documents.values().flat_map(|d| {
            [d.source.as_deref(), d.translations.as_deref()]
                .into_iter()
                .flatten()
        });
        if !contained(&config.sources)
            || !contained(&config.out)
            || placed.into_iter().any(|p| !contained(p))
        {
            return None;
        }
    }
    Some(root)
}

/// The whole check on a generated project: `data` is up to five files,
/// `errdocs.toml`, `sources/a/en-us.md`, `sources/a/de-de.md`,
/// `sources/b/en-us.md` and a baseline (empty parts are left out). The
/// project is loaded as `check` and `build` load it, checked with and
/// without the baseline, reported in every format, and built into its
/// `out/`.
pub fn project(data: &[u8]) {
    let p = parts(data, 5);
    let Some(root) = write_project(&p, "project") else {
        return;
    };
    let Ok(project) = errdocs::Project::load(&root) else {
        return;
    };
    let baseline = p
        .get(4)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|t| Baseline::from_json(t, Path::new("baseline.json")).ok());
    let _ = project.require_sources();
    let evaluation = project.evaluate();
    // `check` and `build` read one document at a time: the same findings
    // and dataset, whatever the pages hold.
    // `check` keeps only what its last step reads of the dataset; `build`
    // the same, and the outputs' entries on disk.
    let checked = errdocs::Project::load_checked(&root);
    let built = errdocs::Project::load_documents(&root)
        .map(|(built, unfinished)| (built.finish_check(unfinished), built));
    assert!(
        checked.is_ok() && built.is_ok(),
        "loads whole, not one document at a time: {:?}",
        checked.as_ref().err().or(built.as_ref().err())
    );
    if let (Ok((_, checked)), Ok((built_evaluation, built))) = (checked, built) {
        for one_at_a_time in [checked, built_evaluation] {
            assert_eq!(evaluation.findings, one_at_a_time.findings);
            assert_eq!(evaluation.coverage, one_at_a_time.coverage);
            assert_eq!(
                evaluation.counterpart_coverage,
                one_at_a_time.counterpart_coverage
            );
            assert_eq!(evaluation.suppressed, one_at_a_time.suppressed);
        }
        // `build` keeps the records cut and their entries on disk: what it
        // writes is the whole dataset's.
        let whole = project.render_outputs().expect("a whole dataset renders");
        let spilled = built.render_outputs().expect("a spilled dataset renders");
        assert_eq!(whole, spilled);
        assert_eq!(project.dataset.stats, built.dataset.stats);
    }
    let findings = evaluation.findings;
    let _ = Baseline::of(&project, &findings).to_json();
    for baseline in [None, baseline.as_ref()] {
        let outcome = project.check(baseline, FailLevel::Note);
        let context = ReportContext {
            outcome: &outcome,
            lines: &project,
        };
        for format in [Format::Human, Format::Json, Format::Sarif, Format::Github] {
            let _ = report::render(format, &context, true);
        }
        let _ = report::to_string(&report::github::StepSummaryEmitter, &context);
        let no_lines = ReportContext {
            outcome: &outcome,
            lines: &NoSourceLines,
        };
        let _ = report::render(Format::Human, &no_lines, false);
    }
    let _ = project.build();
    let _ = std::fs::remove_dir_all(&root);
}

/// `errdocs fix` on a generated project: `data` is as for [`project`]
/// (the baseline part is not used). The fixes are applied in memory round
/// after round and written as the command writes them (its byte-order
/// marks and line ends kept, atomically); the project read again from
/// disk must load, and, unless the rounds ran out, have nothing left to
/// fix.
pub fn fix(data: &[u8]) {
    use errdocs::commands::fix::{MAX_ROUNDS, read_originals, rewrites, run_rounds};
    let p = parts(data, 5);
    let Some(root) = write_project(&p, "fix") else {
        return;
    };
    let fix_in = |root: &Path, write: bool| -> Option<usize> {
        let project = errdocs::Project::load(root).ok()?;
        let originals = read_originals(&project).ok()?;
        let rounds = run_rounds(project, &errdocs::fix::Selection::default()).ok()?;
        if write {
            let files = rewrites(originals, &rounds.project, &rounds.edits).ok()?;
            let files: Vec<_> = files.into_iter().map(|(_, r)| r).collect();
            errdocs::fix::write::write_all(&files, root).ok()?;
        }
        Some(rounds.rounds)
    };
    if fix_in(&root, true).is_some_and(|rounds| rounds < MAX_ROUNDS) {
        let again = fix_in(&root, false);
        assert!(
            again.is_some_and(|r| r == 0),
            "fixed files must load and have nothing left to fix: {again:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&root);
}
