//! Helpers shared by the diff tests: the crafted revision pairs under
//! `tests/fixtures/diff/<case>/{old,new}/`, loaded as projects.
#![allow(dead_code)]

use std::path::PathBuf;

use errdocs::Project;
use errdocs::diff::{self, Diff, FindingsDiff, FingerprintedFinding, Snapshot};

/// The folder of a crafted pair.
pub fn case_dir(case: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(case)
}

/// Both sides of a crafted pair, loaded as projects.
pub struct Pair {
    /// Before the change.
    pub old: Project,
    /// After the change.
    pub new: Project,
}

/// Loads the pair `case`.
pub fn pair(case: &str) -> Pair {
    let dir = case_dir(case);
    Pair {
        old: Project::load(&dir.join("old")).expect("the old side loads"),
        new: Project::load(&dir.join("new")).expect("the new side loads"),
    }
}

/// A project's findings with their baseline fingerprints, as the command
/// will supply them.
pub fn fingerprinted(project: &Project) -> Vec<FingerprintedFinding> {
    let findings = project.build_check().findings;
    let prints = errdocs::diagnostic::fingerprints(project, &findings);
    FingerprintedFinding::pair_with_rows(findings, prints, project)
}

impl Pair {
    /// Runs `f` on the diff of the two sides (records and documents only).
    pub fn with_diff<T>(&self, f: impl FnOnce(&Diff) -> T) -> T {
        let old = Snapshot::from_dataset(&self.old.dataset);
        let new = Snapshot::from_dataset(&self.new.dataset);
        f(&diff::compare(&old, &new))
    }

    /// Runs `f` on the diff of the two sides, findings included.
    pub fn with_full_diff<T>(&self, f: impl FnOnce(&Diff) -> T) -> T {
        let old = Snapshot::from_dataset(&self.old.dataset);
        let new = Snapshot::from_dataset(&self.new.dataset);
        let findings = FindingsDiff::compare(fingerprinted(&self.old), fingerprinted(&self.new));
        f(&diff::compare(&old, &new).with_findings(findings))
    }
}

/// The human report without colour.
pub fn human(diff: &Diff) -> String {
    let mut out = Vec::new();
    diff::render::human::write(diff, &mut out, Default::default()).expect("writes to a Vec");
    String::from_utf8(out).expect("UTF-8")
}

/// The Markdown report with the default options.
pub fn markdown(diff: &Diff) -> String {
    let mut out = Vec::new();
    diff::render::markdown::write(diff, &mut out, &Default::default()).expect("writes to a Vec");
    String::from_utf8(out).expect("UTF-8")
}

/// The JSON report, parsed.
pub fn json(diff: &Diff) -> serde_json::Value {
    let mut out = Vec::new();
    diff::render::json::write(diff, &mut out).expect("writes to a Vec");
    serde_json::from_slice(&out).expect("the report is JSON")
}
