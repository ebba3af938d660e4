//! `duplicate-code`: the same code listed twice.

use rustc_hash::FxHashMap as HashMap;

use crate::check::context::{Context, RowView};
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::shape::shape_of;
use crate::model::ColumnRole;

/// The rule.
pub static RULE: Rule = Rule {
    id: "duplicate-code",
    severity: Severity::Error,
    tags: &["duplicate"],
    fix: None,
    summary: "A code is listed twice in one document",
    explanation: "Each code should have one row. Two rows with one code usually mean one of them has a typo in its code (compare the names and the neighbouring rows).",
    bad_example: "0x8024200B | WU_E_UH_INSTALLERFAILURE\n0x8024200B | WU_E_UH_FALLBACKTOSELFCONTAINED",
    good_example: "0x8024200B | WU_E_UH_INSTALLERFAILURE\n0x8024200C | WU_E_UH_FALLBACKTOSELFCONTAINED",
    rollup: None,
    check,
};

/// Within each source document.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let mut seen: HashMap<(&str, u32), Vec<&RowView>> = HashMap::default();
    // Documents' rows are contiguous: the map holds one document at a
    // time.
    let mut document: Option<&str> = None;
    for row in ctx.source_rows() {
        let Some(record) = row.record else { continue };
        if document != Some(row.file.document.as_ref()) {
            document = Some(row.file.document.as_ref());
            seen.clear();
        }
        let earlier = seen
            .entry((row.file.document.as_ref(), record.code.value()))
            .or_default();
        // Only the first COMPARED earlier rows of a code: a code listed
        // thousands of times (hostile input, or a generated page gone
        // wrong) must not compare every row with every other.
        if let Some(first) = earlier
            .iter()
            .take(COMPARED)
            .find(|first| is_duplicate(first, row))
        {
            let first_name = first.record.map_or("", |r| r.name.as_str());
            let message = if record.name.is_empty() && first_name.is_empty() {
                format!(
                    "{} is listed twice, with different descriptions: here and at {}",
                    record.code,
                    first.cells.code_location().file_line()
                )
            } else {
                format!(
                    "{} is listed twice: here as {} and at {} as {}",
                    record.code,
                    shown(&record.name),
                    first.cells.code_location().file_line(),
                    shown(first_name)
                )
            };
            out.push(
                RULE.finding(row.cells.code_location(), message)
                    .about(Some(record.code.to_string()), Some(&record.name))
                    .with_related(
                        first.cells.code_location(),
                        format!("{} is first listed here", record.code),
                    ),
            );
        }
        // A row that says what an earlier one says (same table, name,
        // description and other cells) is told apart from later rows as
        // that one is: it need not be compared again.
        if !earlier.iter().take(COMPARED).any(|e| same_row(e, row)) {
            earlier.push(row);
        }
    }
}

/// The most earlier rows of one code each row is compared with.
const COMPARED: usize = 256;

/// True when `is_duplicate` answers the same for `a` and `b` as the
/// earlier row, whatever the later one: same file and table, same name in
/// any case, same description and same cells otherwise.
fn same_row(a: &RowView, b: &RowView) -> bool {
    let (Some(x), Some(y)) = (a.record, b.record) else {
        return false;
    };
    a.file.file == b.file.file
        && a.table.index == b.table.index
        && x.name.eq_ignore_ascii_case(&y.name)
        && x.name.is_empty() == y.name.is_empty()
        && a.cells.row.cells.len() == b.cells.row.cells.len()
        && a.cells
            .row
            .cells
            .iter()
            .zip(&b.cells.row.cells)
            .enumerate()
            .all(|(j, (p, q))| {
                // The code cell differs in case or markup only; the rest
                // must match as `is_duplicate` reads them.
                Some(j) == a.table.column(ColumnRole::Code) || p.text.trim() == q.text.trim()
            })
}

fn shown(name: &str) -> &str {
    if name.is_empty() { "(no name)" } else { name }
}

/// Whether `row` repeats the code of `first` by mistake. A code given two
/// names is; the same code and name in two tables of the page (a list by
/// name and one by value) is not, nor are small values in separate tables
/// (their own numberings: phases, operations), nor rows that another
/// column tells apart (the TLS alerts that map to one Schannel error, the
/// extend codes of one setup result code).
fn is_duplicate(first: &RowView, row: &RowView) -> bool {
    let (Some(a), Some(b)) = (first.record, row.record) else {
        return false;
    };
    let same_table = first.file.file == row.file.file && first.table.index == row.table.index;
    if a.name.is_empty() && b.name.is_empty() {
        // Without names, only what the rows say tells them apart: their
        // descriptions, and another column of the table (the extend codes
        // of one setup result code, `0xC1900101 - 0x20004`, are different
        // failures).
        let description = |r: &RowView| r.cells.description.map(|c| c.text.trim().to_string());
        return description(first) != description(row) && !(same_table && told_apart(first, row));
    }
    if !a.name.eq_ignore_ascii_case(&b.name) {
        return same_table || b.code.value() > 0xFFFF;
    }
    same_table && !told_apart(first, row)
}

/// True when a column read as neither code, name nor description holds a
/// different symbol or number in the two rows: the rows list something
/// else, for which this code is the answer.
fn told_apart(first: &RowView, row: &RowView) -> bool {
    row.table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.role == ColumnRole::Other)
        .any(|(j, _)| {
            let (Some(x), Some(y)) = (first.cells.row.cells.get(j), row.cells.row.cells.get(j))
            else {
                return false;
            };
            let keyed = |text: &str| {
                let shape = shape_of(text).shape;
                shape.has_identifier() || shape.has_decimal() || shape.has_hex()
            };
            x.text != y.text && (keyed(&x.text) || keyed(&y.text))
        })
}
