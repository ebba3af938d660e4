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
/// The Win32 numbers of a row, read where codes are resolved too.
pub use crate::normalize::win32;

pub use baseline::{Baseline, BaselineEntry};
pub use context::{CheckInput, Context};
pub use coverage::{CounterpartCoverage, Coverage, CoverageRow, CoverageState};
pub use rule::{CheckFn, Rollup, RollupFacts, Rule};
pub use suppress::Suppressions;

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

/// The rules `config` enables (a rule that is off does not run).
fn enabled_rules(config: &Config) -> Vec<&'static Rule> {
    registry()
        .iter()
        .copied()
        .filter(|rule| config.severity_of(rule.id, rule.severity).is_some())
        .collect()
}

/// Sets each finding's severity to its rule's configured one, where
/// errdocs.toml sets one; a finding a rule raised above its default (see
/// `name-lookalike`) keeps its own otherwise.
fn configure_severities(findings: &mut [Finding], config: &Config) {
    for finding in findings {
        if let Some(configured) = config
            .rules
            .get(finding.rule)
            .and_then(|level| level.severity())
        {
            finding.severity = configured;
        }
    }
}

/// What `rule` finds in `ctx`.
fn findings_of(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut found = Vec::new();
    (rule.check)(ctx, &mut found);
    found
}

/// Runs `rules` side by side, and beside them works out the counterpart
/// coverage (it needs only the records).
fn run_with_counterpart_coverage(
    ctx: &Context,
    rules: &[&'static Rule],
) -> (Vec<Finding>, Vec<CounterpartCoverage>) {
    std::thread::scope(|scope| {
        let counterpart_coverage = scope.spawn(|| coverage::counterpart_coverage(ctx));
        let findings = crate::threads::map_dynamic(rules, |rule| findings_of(ctx, rule)).concat();
        (findings, crate::threads::join(counterpart_coverage))
    })
}

/// The rules that compare records of different documents: the `WU`/`OM`
/// pairs, which span documents. A check that reads one document at a time
/// runs them once every document is read (see [`evaluate_records`]); every
/// other rule looks at one document at a time.
pub const ACROSS_DOCUMENTS: [&str; 7] = [
    rules::counterpart_code_mismatch::RULE.id,
    rules::counterpart_coverage::RULE.id,
    rules::counterpart_description_divergent::RULE.id,
    rules::counterpart_description_mismatch::RULE.id,
    rules::counterpart_name_mismatch::RULE.id,
    rules::counterpart_number_mismatch::RULE.id,
    rules::counterpart_severity_mismatch::RULE.id,
];

/// Runs the rules that `config` enables (a rule that is off does not run),
/// side by side, then applies the inline suppressions and the configured
/// severities.
pub fn evaluate(input: CheckInput, config: &Config) -> Evaluation {
    let mut ctx = Context::new(input);
    let enabled = enabled_rules(config);
    ctx.enabled = enabled.iter().map(|r| r.id).collect();
    let ctx = ctx;
    let (mut findings, counterpart_coverage) = run_with_counterpart_coverage(&ctx, &enabled);
    let applied = suppress::apply(input.files, &mut findings, |id| rule(id).is_some());
    let mut findings = rollup::apply(&ctx, findings);
    if enabled
        .iter()
        .any(|r| r.id == rules::suppression_unused::RULE.id)
    {
        findings.extend(applied.unused);
    }
    configure_severities(&mut findings, config);
    sort_findings(&mut findings);
    Evaluation {
        coverage: coverage::translation_coverage(&ctx, &findings),
        counterpart_coverage,
        findings,
        suppressed: applied.suppressed,
    }
}

/// What the rules found in one document of a check that reads one
/// document at a time (see [`evaluate_document`]), kept until every
/// document is read.
#[derive(Debug, Clone, Default)]
pub struct DocumentEvaluation {
    /// The findings of the rules that look at one document, after its
    /// suppressions, summed up per table and at their configured
    /// severities.
    findings: Vec<Finding>,
    /// Findings that stand unless something only every document together
    /// tells holds of their record (see [`Finding::unless`]): decided
    /// once every document is read.
    ///
    /// [`Finding::unless`]: crate::diagnostic::Finding::unless
    waiting: Vec<Finding>,
    /// The document's suppressions, and which silenced something.
    suppressions: Suppressions,
    /// Its translation coverage.
    coverage: Vec<Coverage>,
}

/// Runs the rules that `config` enables and that look at one document on
/// `input`, which holds one document's files and records; applies the
/// document's suppressions and the configured severities. `memo` holds
/// the reference's verdicts made for the other documents. With
/// `rules_side_by_side`, the rules run on every core (for a corpus of
/// fewer documents than that would keep busy). Its findings are sorted
/// with the others by [`evaluate_records`].
pub fn evaluate_document<'a>(
    input: CheckInput<'a>,
    config: &Config,
    memo: &'a dyn reference::SharedVerdicts<'a>,
    rules_side_by_side: bool,
) -> DocumentEvaluation {
    let mut ctx = Context::for_document(input, memo);
    let enabled = enabled_rules(config);
    ctx.enabled = enabled.iter().map(|r| r.id).collect();
    let ctx = ctx;
    let own: Vec<&Rule> = enabled
        .iter()
        .copied()
        .filter(|rule| !ACROSS_DOCUMENTS.contains(&rule.id))
        .collect();
    // Documents are checked side by side; where there are too few to
    // keep the cores busy, so are one document's rules.
    let findings: Vec<Finding> = if rules_side_by_side {
        crate::threads::map_dynamic(&own, |rule| findings_of(&ctx, rule)).concat()
    } else {
        own.iter()
            .flat_map(|rule| findings_of(&ctx, rule))
            .collect()
    };
    let (waiting, mut findings): (Vec<Finding>, Vec<Finding>) =
        findings.into_iter().partition(|f| f.waits_for.is_some());
    // Decided after every document, where no table is at hand to sum
    // findings up by: a rule whose findings wait must not roll up.
    debug_assert!(
        waiting
            .iter()
            .all(|f| rule(f.rule).is_some_and(|r| r.rollup.is_none()))
    );
    let mut suppressions = Suppressions::of(input.files);
    suppressions.silence(&mut findings);
    let mut findings = rollup::apply(&ctx, findings);
    configure_severities(&mut findings, config);
    DocumentEvaluation {
        coverage: coverage::translation_coverage(&ctx, &findings),
        findings,
        waiting,
        suppressions,
    }
}

/// Finishes a check that read one document at a time: runs the rules that
/// compare records across documents on `input`, which holds every
/// document's records and no file (`first_code_tables` gives each
/// document's first code table), decides the findings that waited for
/// the `WU`/`OM` pairs, applies the suppressions of every document to what
/// was found now, and sorts. The result is [`evaluate`]'s on the whole
/// project.
pub fn evaluate_records(
    input: CheckInput,
    first_code_tables: &rustc_hash::FxHashMap<std::sync::Arc<str>, crate::source::Location>,
    documents: Vec<DocumentEvaluation>,
    config: &Config,
) -> Evaluation {
    let mut ctx = Context::for_records(input, first_code_tables);
    let enabled = enabled_rules(config);
    ctx.enabled = enabled.iter().map(|r| r.id).collect();
    let across: Vec<&Rule> = enabled
        .iter()
        .copied()
        .filter(|rule| ACROSS_DOCUMENTS.contains(&rule.id))
        .collect();
    let ctx = ctx;
    let (mut late, counterpart_coverage) = run_with_counterpart_coverage(&ctx, &across);
    let mut findings = Vec::with_capacity(documents.iter().map(|d| d.findings.len()).sum());
    let mut suppressions = Suppressions::default();
    let mut translation_coverage = Vec::new();
    let mut waiting = Vec::new();
    for document in documents {
        findings.extend(document.findings);
        waiting.extend(document.waiting);
        suppressions.append(document.suppressions);
        translation_coverage.extend(document.coverage);
    }
    // The records the waiting findings are about, found in one pass.
    let asked: rustc_hash::FxHashSet<&crate::diagnostic::RecordPlace> = waiting
        .iter()
        .filter_map(|f| f.waits_for.as_ref().map(|unless| &unless.record))
        .collect();
    let asked_records: rustc_hash::FxHashMap<
        crate::diagnostic::RecordPlace,
        &crate::model::Record,
    > = if asked.is_empty() {
        rustc_hash::FxHashMap::default()
    } else {
        ctx.records()
            .iter()
            .filter_map(|record| {
                let place = context::first_row_place(record)?;
                asked.contains(&place).then_some((place, record))
            })
            .collect()
    };
    for mut finding in waiting {
        let taken_away = finding.waits_for.take().is_some_and(|unless| {
            asked_records
                .get(&unless.record)
                .is_some_and(|record| ctx.holds(unless.condition, record) == Some(true))
        });
        if !taken_away {
            late.push(finding);
        }
    }
    suppressions.silence(&mut late);
    let applied = suppressions.finish(|id| rule(id).is_some());
    if enabled
        .iter()
        .any(|r| r.id == rules::suppression_unused::RULE.id)
    {
        late.extend(applied.unused);
    }
    configure_severities(&mut late, config);
    findings.append(&mut late);
    sort_findings(&mut findings);
    Evaluation {
        coverage: translation_coverage,
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
    outcome(evaluate(input, config), baseline, lines, fail_on)
}

/// What a check reports of `evaluation`: compared with the baseline, if
/// any (`lines` gives the text of the findings' lines, which baseline
/// fingerprints hash), failing at `fail_on`.
pub fn outcome(
    evaluation: Evaluation,
    baseline: Option<&Baseline>,
    lines: &dyn SourceLines,
    fail_on: FailLevel,
) -> CheckOutcome {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules that run once every document is read see no table: none
    /// may sum its findings up per table.
    #[test]
    fn the_rules_across_documents_are_registered_and_do_not_roll_up() {
        for id in ACROSS_DOCUMENTS {
            let rule = rule(id).expect("registered");
            assert!(rule.rollup.is_none(), "{id} rolls up");
        }
    }
}
