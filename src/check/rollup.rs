//! Saying at once what a rule finds on most rows of one table: a page left
//! untranslated is one problem, not three hundred. The rows stay reachable:
//! each is a related place of the one finding, with its own fix.

use std::collections::BTreeMap;

use super::context::Context;
use super::rule::RollupFacts;
use super::rules::ALL;
use crate::diagnostic::{Finding, RelatedLocation, TableScope};

/// The fewest rows, and the least share of a table's rows, that a rule's
/// findings must cover to be said at once.
const MIN_ROWS: usize = 5;
const MIN_SHARE: (usize, usize) = (3, 4);

/// Replaces each group of one rollable rule's findings that covers most
/// rows of one table by one finding at the table.
pub fn apply(ctx: &Context, findings: Vec<Finding>) -> Vec<Finding> {
    let mut groups: BTreeMap<(&'static str, String, u32), Vec<Finding>> = BTreeMap::new();
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let rollable = ALL
            .iter()
            .any(|r| r.id == finding.rule && r.rollup.is_some());
        match finding.scope {
            Some(scope) if rollable => groups
                .entry((finding.rule, finding.location.file.to_string(), scope.table))
                .or_default()
                .push(finding),
            _ => kept.push(finding),
        }
    }
    for ((rule_id, file, table), group) in groups {
        let rows = group
            .iter()
            .filter_map(|f| f.scope)
            .map(|s| s.rows as usize)
            .max()
            .unwrap_or(0);
        let count = group.len();
        let most = count >= MIN_ROWS && count * MIN_SHARE.1 >= rows * MIN_SHARE.0;
        let rule = ALL.iter().find(|r| r.id == rule_id);
        let (Some(rule), true) = (rule, most) else {
            kept.extend(group);
            continue;
        };
        let Some(rollup) = &rule.rollup else {
            kept.extend(group);
            continue;
        };
        let ingested = ctx.files().iter().find(|f| *f.file == *file);
        let table_ref = ingested.and_then(|f| f.tables.get(table as usize));
        let facts = RollupFacts {
            count,
            rows,
            section: table_ref.map_or("", |t| t.section()),
            locale: ingested.map_or("", |f| &f.locale),
        };
        let location = table_ref.map_or_else(|| group[0].location.clone(), |t| t.location.clone());
        let mut rolled = rule.finding(location, (rollup.message)(&facts));
        // Marked, so that a diff can compare it row by row.
        rolled.scope = Some(TableScope {
            table,
            rows: u32::try_from(rows).unwrap_or(u32::MAX),
            rolled_up: true,
        });
        rolled.related = group
            .into_iter()
            .map(|f| RelatedLocation {
                location: f.location,
                message: f.message,
                fix: f.fix,
                name: f.name,
            })
            .collect();
        kept.push(rolled);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The threshold is said in words (`explain`, the README): those words
    /// must follow the constants.
    #[test]
    fn the_threshold_is_stated_where_users_read_it() {
        assert_eq!(MIN_SHARE, (3, 4), "the words below say three quarters");
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let rule = ALL
            .iter()
            .find(|r| r.id == "translation-untranslated")
            .expect("registered");
        assert!(
            rule.explanation.contains(&format!(
                "at least {MIN_ROWS} rows of a translated table, and at least three quarters of its rows"
            )),
            "{}",
            rule.explanation
        );
        assert!(words(include_str!("../../README.md")).contains(&format!(
            "\"Most rows\" is at least {MIN_ROWS} rows and at least three quarters of the table's rows"
        )));
    }
}
