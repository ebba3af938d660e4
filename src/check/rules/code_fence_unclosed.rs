//! `code-fence-unclosed`: a code fence never closed, which shows the
//! tables after it as code.

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
    summary: "A code fence is never closed and shows the tables after it as code",
    explanation: "A fenced code block (```` ``` ```` or `~~~`) runs to the line that closes it with the same fence, as long or longer. One that is never closed runs to the end of the page (or of the list or quote it is in): readers see the tables after it as code, and errdocs reads no table there. Usually the closing fence was lost in an edit, or written with fewer backticks than the opening one. Close the block where the code ends.",
    bad_example: "```powershell
Get-WindowsUpdateLog

|Error code|Description|
|---|---|
|0x80cf0001|The agent could not provide the service.|",
    good_example: "```powershell
Get-WindowsUpdateLog
```

|Error code|Description|
|---|---|
|0x80cf0001|The agent could not provide the service.|",
    rollup: None,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for problem in ctx.input.ingest_problems {
        let IngestProblem::UnclosedCodeFence {
            location,
            fence,
            table_line,
            last_line,
        } = problem
        else {
            continue;
        };
        out.push(RULE.finding(
            location.clone(),
            format!(
                "this code block's fence, {fence}, is never closed: Markdown shows everything after it up to line {last_line} as code, the table at line {table_line} included, and errdocs reads no table there; close the block with a line of {fence} where the code ends"
            ),
        ));
    }
}
