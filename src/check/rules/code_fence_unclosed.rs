//! `code-fence-unclosed`: a fenced code block that is never closed and
//! hides a table of codes.

use crate::check::context::Context;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::ingest::IngestProblem;

/// The rule.
pub static RULE: Rule = Rule {
    id: "code-fence-unclosed",
    severity: Severity::Warning,
    tags: &["ingest"],
    fix: None,
    summary: "A code fence is never closed and shows a table of codes as code",
    explanation: "Markdown reads a fenced code block (```` ``` ```` or `~~~`) up to the line that closes it with the same fence. One that is never closed runs to the end of the page (or of the list item or quote it is in): readers see the rest as code, and errdocs reads no table there. Usually the closing fence was lost in an edit. errdocs reports it where what the block holds after its opening line may be a table of codes (a pipe table or an HTML table, and something code-shaped), so that a code sample that merely lost its last fence at the end of a page is left alone. Close the block where the code ends.",
    bad_example: "```powershell
Get-WindowsUpdateLog

|Error code|Description|
|---|---|
|0x80240001|The agent could not provide the service.|",
    good_example: "```powershell
Get-WindowsUpdateLog
```

|Error code|Description|
|---|---|
|0x80240001|The agent could not provide the service.|",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for problem in ctx.input.ingest_problems {
        let IngestProblem::UnclosedCodeFence {
            location,
            hidden_lines,
            last_line,
        } = problem
        else {
            continue;
        };
        let lines = super::html_comment_unclosed::lines_not_blank(*hidden_lines);
        out.push(RULE.finding(
            location.clone(),
            format!(
                "this code fence is never closed: Markdown shows everything after it up to line {last_line} ({lines}) as code, a table of codes among it, and errdocs reads no table there; close the block where the code ends"
            ),
        ));
    }
}
