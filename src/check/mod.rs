//! Checks: a registry of rules with stable ids, and the pass that runs them
//! over the ingested files and the dataset.

pub mod baseline;
mod codes;
pub mod context;
pub mod counterparts;
mod descriptions;
mod entries;
pub mod rules;
pub mod suppress;
pub mod tokens;
pub mod translations;

use crate::Project;
use crate::config::FailLevel;
use crate::finding::{Finding, Severity, sort_findings};
use crate::threads::join;

pub use baseline::{Baseline, BaselineEntry, fingerprint};
pub use counterparts::CounterpartCoverage;
pub use entries::is_placeholder as is_placeholder_name;
pub use translations::{Coverage, CoverageState};

/// One rule: a stable id, a default severity and the text that explains it.
#[derive(Debug)]
pub struct Rule {
    /// Stable kebab-case id, used in configuration, suppressions and
    /// baselines.
    pub id: &'static str,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// Tags for grouping (`code`, `translation`, `ingest`, ...).
    pub tags: &'static [&'static str],
    /// One line.
    pub summary: &'static str,
    /// Why it matters and what to do, in a paragraph.
    pub explanation: &'static str,
    /// A row that breaks the rule.
    pub bad_example: &'static str,
    /// The same row, fixed.
    pub good_example: &'static str,
}

/// Every rule, sorted by id.
pub fn registry() -> &'static [&'static Rule] {
    rules::ALL
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    registry().iter().copied().find(|r| r.id == id)
}

/// What a check run found, after configuration, inline suppressions and the
/// baseline.
#[derive(Debug, Clone)]
pub struct CheckOutcome {
    /// The findings to report, sorted by file, line, column and rule.
    pub findings: Vec<Finding>,
    /// Findings silenced by `errdocs-disable` comments.
    pub suppressed: usize,
    /// Findings already in the baseline (not reported).
    pub baselined: usize,
    /// Baseline entries that no longer occur: fixed since the baseline was
    /// written.
    pub gone_from_baseline: Vec<BaselineEntry>,
    /// The level at which findings fail the run.
    pub fail_on: FailLevel,
    /// Per translated document: source rows x locales.
    pub coverage: Vec<Coverage>,
    /// Per document: WU or OM codes without a counterpart.
    pub counterpart_coverage: Vec<CounterpartCoverage>,
}

impl CheckOutcome {
    /// True when some reported finding is at or above the failing level.
    pub fn fails(&self) -> bool {
        self.findings.iter().any(|f| self.fail_on.fails(f.severity))
    }

    /// Reported findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// What the rules found, before the baseline.
struct Evaluation {
    findings: Vec<Finding>,
    suppressed: usize,
    coverage: Vec<Coverage>,
    counterpart_coverage: Vec<CounterpartCoverage>,
}

fn evaluate(project: &Project) -> Evaluation {
    let mut all = project.findings.clone();
    let (found, coverage, counterpart_coverage) = run_rules(project);
    all.extend(found);
    // Rules turned off first (so that their suppressions count as unused),
    // then suppressions, then severities: the suppression findings are
    // configured like every other.
    let enabled =
        |f: &Finding| rule(f.rule).is_some_and(|r| project.config.severity_of(r).is_some());
    all.retain(enabled);
    let suppressed = suppress::apply(project, &mut all);
    let mut configured: Vec<Finding> = all
        .into_iter()
        .filter_map(|mut f| {
            let rule = rule(f.rule)?;
            f.severity = project.config.severity_of(rule)?;
            Some(f)
        })
        .collect();
    sort_findings(&mut configured);
    Evaluation {
        findings: configured,
        suppressed,
        coverage,
        counterpart_coverage,
    }
}

/// Every finding of every enabled rule at its configured severity, with
/// inline suppressions applied (suppression problems are findings too).
/// Returns the findings and how many were suppressed.
pub fn findings(project: &Project) -> (Vec<Finding>, usize) {
    let evaluation = evaluate(project);
    (evaluation.findings, evaluation.suppressed)
}

/// Runs every check and compares with the baseline, if any.
pub fn check(project: &Project, baseline: Option<&Baseline>, fail_on: FailLevel) -> CheckOutcome {
    let evaluation = evaluate(project);
    let (findings, baselined, gone_from_baseline) = match baseline {
        Some(baseline) => baseline.filter(project, evaluation.findings),
        None => (evaluation.findings, 0, Vec::new()),
    };
    CheckOutcome {
        findings,
        suppressed: evaluation.suppressed,
        baselined,
        gone_from_baseline,
        fail_on,
        coverage: evaluation.coverage,
        counterpart_coverage: evaluation.counterpart_coverage,
    }
}

/// The rules that look at the ingested files and the dataset (ingest and
/// normalize report their own), and the coverage tables they compute.
/// The three groups (rules on rows, translations, counterparts) share only
/// the project, so they run side by side; the findings are sorted later,
/// so the order they finish in does not matter.
fn run_rules(project: &Project) -> (Vec<Finding>, Vec<Coverage>, Vec<CounterpartCoverage>) {
    let run = || {
        let ctx = context::Context::new(project);
        let mut out = Vec::new();
        codes::decimals(&ctx, &mut out);
        codes::structure(&ctx, &mut out);
        codes::hex_case(&ctx, &mut out);
        codes::order(&ctx, &mut out);
        entries::duplicates(&ctx, &mut out);
        entries::duplicate_descriptions(&ctx, &mut out);
        entries::names(&ctx, &mut out);
        descriptions::empty(&ctx, &mut out);
        descriptions::identifier_references(&ctx, &mut out);
        descriptions::doubled(&ctx, &mut out);
        out
    };
    std::thread::scope(|scope| {
        let rows = scope.spawn(run);
        let translated = scope.spawn(|| {
            let mut out = Vec::new();
            let coverage = translations::check(project, &mut out);
            (out, coverage)
        });
        let mut out = Vec::new();
        let counterpart_coverage = counterparts::check(project, &mut out);
        let (translation_findings, coverage) = join(translated);
        out.extend(join(rows));
        out.extend(translation_findings);
        (out, coverage, counterpart_coverage)
    })
}
