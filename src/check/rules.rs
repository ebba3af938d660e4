//! The rule definitions: ids, severities, summaries and explanations. The
//! logic lives with the stage that has the evidence (ingest, normalize,
//! the check modules).

use super::Rule;
use crate::finding::Severity::{Error, Note, Warning};

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

/// A decimal column that disagrees with the hex code.
pub static DECIMAL_MISMATCH: Rule = Rule {
    id: "decimal-mismatch",
    severity: Error,
    tags: &["code"],
    summary: "A decimal column disagrees with the hex code",
    explanation: "The decimal column is the code as a signed 32-bit integer, the form Windows tools and logs print. A value computed with the wrong offset (minus 2^32), written unsigned, or with digits lost sends readers to the wrong code. The fix names the correct signed value.",
    bad_example: "<td>0x80070057</td><td>2147942487</td><td>E_INVALIDARG</td>",
    good_example: "<td>0x80070057</td><td>-2147024809</td><td>E_INVALIDARG</td>",
};

/// A whole table's decimal column wrong for one reason.
pub static DECIMAL_SYSTEMATIC: Rule = Rule {
    id: "decimal-systematic",
    severity: Note,
    tags: &["code"],
    summary: "A whole table's decimal column is wrong for one reason",
    explanation: "When (nearly) every decimal value in a table is wrong the same way, the column was generated with a bug: recompute it rather than fixing rows one by one. Each row is also reported by decimal-mismatch.",
    bad_example: "0x00000000 | -4294967296\n0x00000001 | -4294967295",
    good_example: "0x00000000 | 0\n0x00000001 | 1",
};

/// A name that says error or success against the code's severity bit.
pub static SEVERITY_BIT_MISMATCH: Rule = Rule {
    id: "severity-bit-mismatch",
    severity: Error,
    tags: &["code", "structure"],
    summary: "An `_E_` name without the severity bit, or an `_S_` name with it",
    explanation: "In HRESULT families (WU, OM, OMC, BITS, COM) `_E_` names are failures, whose bit 31 is set (codes 0x8...), and `_S_` names are successes, whose bit 31 is clear. A mismatch means either the name or the code is wrong. Win32 names (such as RPC_S_SERVER_UNAVAILABLE) follow other conventions and are not checked.",
    bad_example: "|0x00cf0001|OM_E_NO_SERVICE|...|",
    good_example: "|0x80cf0001|OM_E_NO_SERVICE|...|",
};

/// A facility that does not belong to the name's family.
pub static FACILITY_MISMATCH: Rule = Rule {
    id: "facility-mismatch",
    severity: Warning,
    tags: &["code", "structure"],
    summary: "A code's facility does not match its name's family",
    explanation: "Bits 16 to 26 of an HRESULT are its facility: 0x024 for Windows Update (WU_*), 0x0CF for Intune (OM_*), 0x007 for Win32 errors, and so on. A WU_ name under another facility is usually a typo in the code.",
    bad_example: "<td>0x80250001</td><td>WU_E_NO_SERVICE</td>",
    good_example: "<td>0x80240001</td><td>WU_E_NO_SERVICE</td>",
};

/// Hex letters in mixed case within a table.
pub static HEX_CASE_INCONSISTENT: Rule = Rule {
    id: "hex-case-inconsistent",
    severity: Note,
    tags: &["code", "style"],
    summary: "A table writes hex digits in mixed case",
    explanation: "Codes such as `0x80cf000B` mix lower- and upper-case hex digits, which makes them harder to search for and compare. Write every code as errdocs does: `0x` and eight upper-case hex digits. Reported once per table.",
    bad_example: "|0x80cf000B|OM_E_CALL_CANCELLED|",
    good_example: "|0x80CF000B|OM_E_CALL_CANCELLED|",
};

/// The same code listed twice.
pub static DUPLICATE_CODE: Rule = Rule {
    id: "duplicate-code",
    severity: Error,
    tags: &["duplicate"],
    summary: "A code is listed twice in one document",
    explanation: "Each code should have one row. Two rows with one code usually mean one of them has a typo in its code (compare the names and the neighbouring rows).",
    bad_example: "0x8024200B | WU_E_UH_INSTALLERFAILURE\n0x8024200B | WU_E_UH_FALLBACKTOSELFCONTAINED",
    good_example: "0x8024200B | WU_E_UH_INSTALLERFAILURE\n0x8024200C | WU_E_UH_FALLBACKTOSELFCONTAINED",
};

/// The same name for two codes.
pub static DUPLICATE_NAME: Rule = Rule {
    id: "duplicate-name",
    severity: Error,
    tags: &["duplicate"],
    summary: "A symbolic name is given to two codes in one document",
    explanation: "A symbolic name is a constant with one value. Two rows with one name mean one of the names or codes is wrong.",
    bad_example: "0x80240001 | WU_E_NO_SERVICE\n0x80240002 | WU_E_NO_SERVICE",
    good_example: "0x80240001 | WU_E_NO_SERVICE\n0x80240002 | WU_E_MAX_CAPACITY_REACHED",
};

/// Two codes with the same description.
pub static DUPLICATE_DESCRIPTION: Rule = Rule {
    id: "duplicate-description",
    severity: Warning,
    tags: &["duplicate", "description"],
    summary: "Two codes have the same description",
    explanation: "Different codes mean different things. An identical description on two codes is usually a copy-paste that was never edited. In a translation it is reported only when the source-language descriptions differ.",
    bad_example: "WU_E_UH_UNKNOWNHANDLER | The caller requested an unknown handler object.\nWU_E_UH_REMOTEALREADYACTIVE | The caller requested an unknown handler object.",
    good_example: "WU_E_UH_UNKNOWNHANDLER | The caller requested an unknown handler object.\nWU_E_UH_REMOTEALREADYACTIVE | A remote handler is already active.",
};

/// A placeholder where the name should be.
pub static NAME_PLACEHOLDER: Rule = Rule {
    id: "name-placeholder",
    severity: Error,
    tags: &["name"],
    summary: "A symbolic name is empty or a placeholder such as NULL",
    explanation: "Readers look codes up by name. `NULL`, `N/A` or an empty cell where the constant's name belongs gives them nothing; find the name, or drop the row.",
    bad_example: "<td>0x000005D5</td><td>NULL</td>",
    good_example: "<td>0x000005D5</td><td>ERROR_EXAMPLE_NAME</td>",
};

/// A name not in upper-snake form.
pub static NAME_CASE: Rule = Rule {
    id: "name-case",
    severity: Note,
    tags: &["name", "style"],
    summary: "A symbolic name is not in upper-snake form",
    explanation: "Windows error constants are usually written in upper case with underscores (ERROR_INVALID_NAME), and search is case-sensitive in many tools. A few real names are mixed case (NERR_BadPasswordCore), so this is a note: check the header that defines the constant before changing it.",
    bad_example: "<td>Error_Invalid_Name</td>",
    good_example: "<td>ERROR_INVALID_NAME</td>",
};

/// An empty description.
pub static DESCRIPTION_EMPTY: Rule = Rule {
    id: "description-empty",
    severity: Warning,
    tags: &["description"],
    summary: "A description is empty",
    explanation: "A row with no description tells readers nothing about what went wrong or what to do.",
    bad_example: "<td>0x00000BC2</td><td>Error_Success_Reboot_Required</td><td> </td>",
    good_example: "<td>0x00000BC2</td><td>ERROR_SUCCESS_REBOOT_REQUIRED</td><td>The requested operation is successful. Changes will not be effective until the system is rebooted.</td>",
};

/// A malformed identifier reference in a description.
pub static IDENTIFIER_REFERENCE_MALFORMED: Rule = Rule {
    id: "identifier-reference-malformed",
    severity: Warning,
    tags: &["description"],
    summary: "A wildcard reference to a family of codes is broken",
    explanation: "Descriptions refer to families of codes as `OM_E_AU_*`. A space before the `*` (`OM_E_AU *`) breaks the reference for readers and for search.",
    bad_example: "not covered by another **OM_E_AU &#42;** code.",
    good_example: "not covered by another **OM_E_AU_&#42;** code.",
};

/// A word written twice.
pub static DOUBLED_WORD: Rule = Rule {
    id: "doubled-word",
    severity: Warning,
    tags: &["description"],
    summary: "A description repeats a word",
    explanation: "\"the the\" and, in Chinese or Japanese text, a word written twice in a row (\"安装安装\") are typos. Words are compared case-sensitively, so that German \"Sie sie\" (polite you, then them) is not reported.",
    bad_example: "The the update could not be installed.",
    good_example: "The update could not be installed.",
};

/// A row out of code order.
pub static ROW_OUT_OF_ORDER: Rule = Rule {
    id: "row-out-of-order",
    severity: Note,
    tags: &["table", "code"],
    summary: "A row is out of code order in a table sorted by code",
    explanation: "In a table sorted by code, a row whose code does not fit between its neighbours is either misplaced or has a wrong code. errdocs also uses sorted neighbours as evidence when it repairs malformed codes. Section breaks, where the codes jump back, are not reported.",
    bad_example: "0x80240001\n0x80240009\n0x80240002\n0x80240003",
    good_example: "0x80240001\n0x80240002\n0x80240003\n0x80240009",
};

/// Every rule, sorted by id.
pub static ALL: &[&Rule] = &[
    &DECIMAL_MISMATCH,
    &DECIMAL_SYSTEMATIC,
    &DESCRIPTION_EMPTY,
    &DOUBLED_WORD,
    &DUPLICATE_CODE,
    &DUPLICATE_DESCRIPTION,
    &DUPLICATE_NAME,
    &FACILITY_MISMATCH,
    &FRONT_MATTER_INVALID,
    &HEX_CASE_INCONSISTENT,
    &HEX_MALFORMED,
    &HTML_TABLE_UNMAPPED,
    &IDENTIFIER_REFERENCE_MALFORMED,
    &NAME_CASE,
    &NAME_PLACEHOLDER,
    &ROW_OUT_OF_ORDER,
    &SEVERITY_BIT_MISMATCH,
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
