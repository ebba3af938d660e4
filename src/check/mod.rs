//! Checks: the rules with stable ids (one file each under [`rules`]), and
//! the pass that runs the enabled ones over what the stages below produced,
//! applies the configuration and the inline suppressions, and compares
//! with a baseline.

pub mod baseline;
pub mod context;
pub mod counterparts;
pub mod coverage;
pub mod decimals;
pub mod reference;
mod rollup;
mod rule;
pub mod rules;
pub mod suppress;
pub mod tokens;

pub use baseline::{Baseline, BaselineEntry};
pub use context::{CheckInput, Context};
pub use coverage::{CounterpartCoverage, Coverage, CoverageRow, CoverageState};
pub use rule::{CheckFn, Rollup, RollupFacts, Rule};

use crate::config::Config;
use crate::diagnostic::{FailLevel, Finding, Severity, sort_findings};
use crate::source::SourceLines;

/// Every rule, sorted by id.
pub fn registry() -> &'static [&'static Rule] {
    rules::ALL
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    registry().iter().copied().find(|r| r.id == id)
}

/// The id of every rule, sorted.
pub fn rule_ids() -> Vec<&'static str> {
    registry().iter().map(|r| r.id).collect()
}

/// What the rules found, after the configuration and the inline
/// suppressions, with the coverage tables.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The findings at their configured severities, sorted.
    pub findings: Vec<Finding>,
    /// Findings silenced by `errdocs-disable` comments.
    pub suppressed: usize,
    /// Per translated document: source rows x locales.
    pub coverage: Vec<Coverage>,
    /// Per document: WU or OM codes without a counterpart.
    pub counterpart_coverage: Vec<CounterpartCoverage>,
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
    /// True when the findings were compared with a baseline (`check
    /// --baseline`): the report is then about what is new, and the human
    /// one leaves out the coverage tables, which cover every row.
    pub baseline_given: bool,
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

    /// Reported findings at or above the failing level.
    pub fn failing(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| self.fail_on.fails(f.severity))
            .count()
    }
}

/// Runs the rules that `config` enables (a rule that is off does not run),
/// side by side, then applies the inline suppressions and the configured
/// severities.
pub fn evaluate(input: CheckInput, config: &Config) -> Evaluation {
    let mut ctx = Context::new(input);
    let severity = |rule: &Rule| config.severity_of(rule.id, rule.severity);
    let enabled: Vec<&Rule> = registry()
        .iter()
        .copied()
        .filter(|rule| severity(rule).is_some())
        .collect();
    ctx.enabled = enabled.iter().map(|r| r.id).collect();
    let ctx = ctx;
    // The counterpart coverage needs only the records: it is worked out
    // beside the rules rather than after them.
    let (mut findings, counterpart_coverage) = std::thread::scope(|scope| {
        let counterpart_coverage = scope.spawn(|| coverage::counterpart_coverage(&ctx));
        let findings: Vec<Finding> = crate::threads::map_dynamic(&enabled, |rule| {
            let mut found = Vec::new();
            (rule.check)(&ctx, &mut found);
            found
        })
        .concat();
        (findings, crate::threads::join(counterpart_coverage))
    });
    let applied = suppress::apply(input.files, &mut findings, |id| rule(id).is_some());
    let mut findings = rollup::apply(&ctx, findings);
    if enabled
        .iter()
        .any(|r| r.id == rules::suppression_unused::RULE.id)
    {
        findings.extend(applied.unused);
    }
    for finding in &mut findings {
        if let Some(configured) = rule(finding.rule).and_then(severity) {
            finding.severity = configured;
        }
    }
    sort_findings(&mut findings);
    Evaluation {
        coverage: coverage::translation_coverage(&ctx, &findings),
        counterpart_coverage,
        findings,
        suppressed: applied.suppressed,
    }
}

/// Runs the check and compares with the baseline, if any. `lines` gives the
/// text of the findings' lines, which baseline fingerprints hash.
pub fn run(
    input: CheckInput,
    config: &Config,
    baseline: Option<&Baseline>,
    lines: &dyn SourceLines,
    fail_on: FailLevel,
) -> CheckOutcome {
    let evaluation = evaluate(input, config);
    let (findings, baselined, gone_from_baseline) = match baseline {
        Some(baseline) => baseline.filter(lines, evaluation.findings),
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
        baseline_given: baseline.is_some(),
    }
}
