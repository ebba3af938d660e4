//! `codes-outside-tables`: a page that lists codes in a layout errdocs does
//! not read.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::IngestProblem;
use crate::ingest::problem::Places;

/// The rule.
pub static RULE: Rule = Rule {
    id: "codes-outside-tables",
    severity: Severity::Warning,
    tags: &["ingest"],
    fix: None,
    summary: "A page lists codes in headings, list items, definition lists or table rows outside its tables",
    explanation: "errdocs reads codes from tables (Markdown and HTML) and from HTML definition lists (`<dl>`) and paragraph entries of three entries or more. A page that lists three or more codes (`0x` and eight hex digits) that none of its tables holds in headings, list items, the terms of a Markdown definition list (`0x8024402C` above `: WU_E_X — text`) or the `<dt>` and `<dd>` of an HTML definition list that could not be read as entries (codes without names, or too few entries with both), outside code blocks, writes them in a layout errdocs does not read: none of them is in the dataset, and none is checked. Exit codes in decimal, two or more, listed as bullet items that give each number a meaning (`- 0: success`, `- 1603 - fatal error`) under a heading that names exit or return codes, count too: installers and package managers list theirs so. A line written as a table row (`| 0x80240002 | WU_E_X | ... |`) that no table holds counts from one code, even one with digits lost (`0x8024002`) or written in groups (`0x8024 0002`): the table ended above it (at a blank line or a directive) or never had its header and delimiter rows. Write them as a table (code, name, description) to have them read. Troubleshooting articles write codes in headings and items without `0x` (`### Error 8018000a`, `- Fehler 80070005: ...`): eight hex digits count there too when a word that labels a code (`Error`, `Error code`, `Fehler`, `Erreur`, `错误`, `エラー`) is all that comes before them, or when they have an HRESULT's shape (`8` or `C` first, and a hex letter among them or `80` first), a code written both ways counting once. errdocs does not read a code from a heading and the text under it: that text is as often a cause or a fix as the code's message. Codes mentioned in paragraphs are not counted, nor those that come after more than two words of prose in a heading or an item (a how-to step such as `1. If the update fails with 0x80070005, ...` mentions a code; it does not list one). The finding says where the codes are: in headings, list items, definition lists or table rows, and on which lines.",
    bad_example: "## 0x801C03ED
The device could not be registered.

## 0x801C03EE
The device was not found.

## 0x801C03EF
The request was denied.",
    good_example: "|Error code|Description|
|---|---|
|0x801C03ED|The device could not be registered.|
|0x801C03EE|The device was not found.|
|0x801C03EF|The request was denied.|",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for problem in ctx.input.ingest_problems {
        let IngestProblem::CodesOutsideTables {
            location,
            first,
            count,
            places,
            html_block,
        } = problem
        else {
            continue;
        };
        // A table right under a tag (`<TabItem>`, `<details>`) with no blank
        // line between them is the tag's HTML block: "write them as a
        // table" would not help, a blank line does.
        let advice = |one: bool| match html_block {
            Some(block) => format!(
                "{} inside the HTML block that starts at line {}, which Markdown shows as HTML, not as a table: leave a blank line between the tag and the table to have {} read and checked",
                if one { "its row is" } else { "their rows are" },
                block.line,
                if one { "it" } else { "them" },
            ),
            None if one => "write it as a row of a table to have it read and checked".to_string(),
            None => "write them as a table (code, name, description) to have them read and checked"
                .to_string(),
        };
        let (listed, not_read) = where_listed(places);
        let message = if *count == 1 {
            format!(
                "`{first}` is listed {listed}, and no table of the page holds it: errdocs reads codes from tables, and from definition lists and paragraph entries that give each code a name, not {not_read}, so it is not in the dataset; {}",
                advice(true)
            )
        } else {
            let without = match places.without_prefix {
                0 => String::new(),
                n if n == *count => ", all written without `0x`,".to_string(),
                n => format!(", {n} of them written without `0x`,"),
            };
            format!(
                "{count} codes{without} are listed {listed}, `{first}` first, and no table of the page holds them: errdocs reads codes from tables, and from definition lists and paragraph entries that give each code a name, not {not_read}, so none of them is in the dataset; {}",
                advice(false)
            )
        };
        out.push(RULE.finding(location.clone(), message));
    }
}

/// Where the codes are (`in headings, on lines 3, 7 and 11`, `in headings
/// (2) and in list items (1), on lines …`) and what errdocs does not read
/// them from (`from headings and the text under them`), in words.
fn where_listed(places: &Places) -> (String, String) {
    let kinds: Vec<(usize, &str, &str)> = [
        (
            places.headings,
            "in headings",
            "from headings and the text under them",
        ),
        (places.items, "in list items", "from list items"),
        (
            places.definitions,
            "in definition lists",
            "from definition lists that do not name each code",
        ),
        (
            places.rows,
            "in lines written as table rows outside any table",
            "from lines that no table holds",
        ),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .collect();
    let listed = match kinds.as_slice() {
        [] => "outside its tables".to_string(),
        [(_, one, _)] => (*one).to_string(),
        several => {
            let each: Vec<String> = several
                .iter()
                .map(|(n, kind, _)| format!("{kind} ({n})"))
                .collect();
            match each.as_slice() {
                [init @ .., last] => format!("{} and {last}", init.join(", ")),
                [] => String::new(),
            }
        }
    };
    let not_read: Vec<&str> = kinds.iter().map(|(_, _, not)| *not).collect();
    let not_read = match not_read.as_slice() {
        [] => "from outside them".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    };
    let lines: Vec<String> = places.lines.iter().map(usize::to_string).collect();
    let more = if places.more_lines { ", …" } else { "" };
    let at = match lines.as_slice() {
        [] => String::new(),
        [one] => format!(", on line {one}"),
        [init @ .., last] if more.is_empty() => {
            format!(", on lines {} and {last}", init.join(", "))
        }
        all => format!(", on lines {}{more}", all.join(", ")),
    };
    (format!("{listed}{at}"), not_read)
}
