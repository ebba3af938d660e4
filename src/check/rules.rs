//! The rule definitions: ids, severities, summaries and explanations. The
//! logic lives with the stage that has the evidence (ingest, normalize,
//! the check modules).

use super::Rule;
use crate::finding::Severity::{Error, Warning};

/// Front matter that YAML cannot read.
pub static FRONT_MATTER_INVALID: Rule = Rule {
    id: "front-matter-invalid",
    severity: Warning,
    tags: &["ingest", "metadata"],
    summary: "The front matter is not valid YAML",
    explanation: "The leading `---` block must be YAML `key: value` lines. errdocs keeps the keys it can read and goes on with the document, but the page's metadata (title, locale) may be lost for publishing tools too.",
    bad_example: "---\ntitle: Update errors\nms.date: [05/29/2019\n---",
    good_example: "---\ntitle: Update errors\nms.date: 05/29/2019\n---",
};

/// A row whose cell count differs from its header's.
pub static TABLE_RAGGED_ROW: Rule = Rule {
    id: "table-ragged-row",
    severity: Warning,
    tags: &["ingest", "table"],
    summary: "A table row has more or fewer cells than the header",
    explanation: "Markdown renderers pad short rows with empty cells and drop extra cells silently, so a stray or missing `|` hides text from readers. errdocs reads missing cells as empty and keeps extra cells as raw text.",
    bad_example: "|Error code|Symbolic name|More information|\n|---|---|---|\n|0x80cf0001|OM_E_NO_SERVICE|",
    good_example: "|Error code|Symbolic name|More information|\n|---|---|---|\n|0x80cf0001|OM_E_NO_SERVICE|The agent could not provide the service.|",
};

/// A table whose header names no code column.
pub static TABLE_HEADER_UNRECOGNIZED: Rule = Rule {
    id: "table-header-unrecognized",
    severity: Warning,
    tags: &["ingest", "table"],
    summary: "A table's header names no error-code column",
    explanation: "errdocs finds columns by their header text (Error code, Hexadecimal Error Code, Fehlercode, 错误代码, ...), not by position. A table whose header it cannot read is kept as unresolved rows. If the table holds error codes, use one of the known headers; if it does not, this note can be turned off in errdocs.toml.",
    bad_example: "|Value|Meaning|\n|---|---|\n|0x80cf0001|The agent could not provide the service.|",
    good_example: "|Error code|More information|\n|---|---|\n|0x80cf0001|The agent could not provide the service.|",
};

/// HTML table cells that could not be placed on their lines.
pub static HTML_TABLE_UNMAPPED: Rule = Rule {
    id: "html-table-unmapped",
    severity: Warning,
    tags: &["ingest", "table"],
    summary: "An HTML table's cells could not be matched to their lines",
    explanation: "errdocs matches each `<td>` that the HTML parser sees with the tag in the file to know its line. Unclosed or implied tags break the match; the cells are then reported at the table's first line. Close every `<tr>` and `<td>` explicitly.",
    bad_example: "<table><tr><td>0x80240001<td>WU_E_NO_SERVICE</table>",
    good_example: "<table><tr><td>0x80240001</td><td>WU_E_NO_SERVICE</td></tr></table>",
};

/// A hex code that is not `0x` followed by eight hex digits.
pub static HEX_MALFORMED: Rule = Rule {
    id: "hex-malformed",
    severity: Error,
    tags: &["code"],
    summary: "A hex code is not `0x` followed by 8 hex digits",
    explanation: "A code with a lost digit, a missing prefix, trailing punctuation or text in the code column cannot be looked up. errdocs suggests the intended code from independent evidence (the row's decimal column, the same name in the mirrored WU/OM family, the neighbouring rows of a sorted table) and uses it in the dataset only when the evidence agrees.",
    bad_example: "<td>0x8024200</td><td>WU_E_UH_REMOTEUNAVAILABLE</td>",
    good_example: "<td>0x80242000</td><td>WU_E_UH_REMOTEUNAVAILABLE</td>",
};

/// A suppression comment that silences nothing or names no rule.
pub static SUPPRESSION_UNUSED: Rule = Rule {
    id: "suppression-unused",
    severity: Warning,
    tags: &["meta"],
    summary: "An errdocs-disable comment silences nothing",
    explanation: "A suppression outlives the problem it silenced, or names a rule id that does not exist. Either way it would hide a future problem: remove it, or correct the rule id.",
    bad_example: "<!-- errdocs-disable-next-line decimal-mismatch -->\n<tr><td>0x80240001</td><td>-2145124351</td>...",
    good_example: "<tr><td>0x80240001</td><td>-2145124351</td>...",
};

/// Every rule, sorted by id.
pub static ALL: &[&Rule] = &[
    &FRONT_MATTER_INVALID,
    &HEX_MALFORMED,
    &HTML_TABLE_UNMAPPED,
    &SUPPRESSION_UNUSED,
    &TABLE_HEADER_UNRECOGNIZED,
    &TABLE_RAGGED_ROW,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_sorted_kebab_case() {
        let ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted);
        for id in ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
        }
    }
}
