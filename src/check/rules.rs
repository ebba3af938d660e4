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
    explanation: "errdocs finds columns by their header text (Error code, Hexadecimal Error Code, Fehlercode, 错误代码, ...), not by position. A table whose header it cannot read is kept as unresolved rows. If the table holds error codes, use one of the known headers; if it does not, set this rule to \"off\" in errdocs.toml or suppress it above the table.",
    bad_example: "|Value|Meaning|\n|---|---|\n|0x80cf0001|The agent could not provide the service.|",
    good_example: "|Error code|More information|\n|---|---|\n|0x80cf0001|The agent could not provide the service.|",
};

/// HTML table cells that could not be placed on their lines.
pub static HTML_TABLE_UNMAPPED: Rule = Rule {
    id: "html-table-unmapped",
    severity: Warning,
    tags: &["ingest", "table"],
    summary: "An HTML table is never closed, or its cells could not be matched to their lines",
    explanation: "errdocs matches each `<td>` that the HTML parser sees with the tag in the file to know its line. A table that is never closed is read up to the next blank line; cells the parser invents (a `<td>` outside any `<tr>`) break the match, and are then reported at the table's first line. Close every `<table>` and put every cell in a row.",
    bad_example: "<table>\n<td>0x80240001</td><td>WU_E_NO_SERVICE</td>\n</tabel>",
    good_example: "<table>\n<tr><td>0x80240001</td><td>WU_E_NO_SERVICE</td></tr>\n</table>",
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
    summary: "An errdocs-disable comment silences nothing, or names an unknown rule",
    explanation: "A suppression outlives the problem it silenced, or names a rule id that does not exist. Either way it would hide a future problem: remove it, or correct the rule id. In a comment naming several rules, each unused one is reported.",
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

/// A translated row missing.
pub static TRANSLATION_ROW_MISSING: Rule = Rule {
    id: "translation-row-missing",
    severity: Error,
    tags: &["translation"],
    summary: "A row of the source page is missing from a translation",
    explanation: "Rows are matched by code and name, not by position, so one dropped row does not shift the others. The finding sits where the row belongs in the translation and names the source row.",
    bad_example: "en-us.md: 0x80cf0001, 0x80cf0002, 0x80cf0003\nde-de.md: 0x80cf0001, 0x80cf0003",
    good_example: "en-us.md: 0x80cf0001, 0x80cf0002, 0x80cf0003\nde-de.md: 0x80cf0001, 0x80cf0002, 0x80cf0003",
};

/// A translated row with no source row.
pub static TRANSLATION_ROW_EXTRA: Rule = Rule {
    id: "translation-row-extra",
    severity: Error,
    tags: &["translation"],
    summary: "A translation has a row the source page does not",
    explanation: "A row whose code and name both match no source row was added to the translation only, or both its code and name were changed. Add it to the source first, or remove it.",
    bad_example: "de-de.md: |0x80cf9999|OM_E_NEW_ONLY_HERE|...|",
    good_example: "(the row exists in en-us.md too)",
};

/// A translated row out of the source's order.
pub static TRANSLATION_ROW_ORDER: Rule = Rule {
    id: "translation-row-order",
    severity: Warning,
    tags: &["translation"],
    summary: "A translation lists rows in a different order",
    explanation: "Translations keep the source's row order so that readers and reviewers can compare pages side by side. The rows reported are those off the longest run that keeps the source order.",
    bad_example: "en-us.md: 0x80cf0001, 0x80cf0002\nde-de.md: 0x80cf0002, 0x80cf0001",
    good_example: "en-us.md: 0x80cf0001, 0x80cf0002\nde-de.md: 0x80cf0001, 0x80cf0002",
};

/// A code or name changed in a translation.
pub static TRANSLATION_KEY_MISMATCH: Rule = Rule {
    id: "translation-key-mismatch",
    severity: Error,
    tags: &["translation"],
    summary: "A translation changes a row's code or symbolic name",
    explanation: "Codes and symbolic names are never translated. A row matched to its source row by name whose code differs, or by code whose name differs, has a typo; the fix is the source's text.",
    bad_example: "en-us.md: |0x80cf0001|OM_E_NO_SERVICE|\nde-de.md: |0x80cf0001|OM_E_NO_SERVCE|",
    good_example: "de-de.md: |0x80cf0001|OM_E_NO_SERVICE|",
};

/// Protected tokens changed in a translation.
pub static TRANSLATION_TOKEN_MISMATCH: Rule = Rule {
    id: "translation-token-mismatch",
    severity: Error,
    tags: &["translation"],
    summary: "A translation loses or changes an identifier, number, code or link",
    explanation: "Identifiers (SOAP_E_VERSION_MISMATCH), wildcards (OM_E_PT_SOAP_*), numbers (HTTP status 404, versions), hex codes, URLs, link targets and inline code must survive translation unchanged. They are compared Markdown-aware: `&#42;`, `\\*` and `*` are one character, and bold is markup, not content.",
    bad_example: "en-us.md: Same as **HTTP status 404**.\nde-de.md: Entspricht **HTTP-Status 400**.",
    good_example: "de-de.md: Entspricht **HTTP-Status 404**.",
};

/// An untranslated cell.
pub static TRANSLATION_UNTRANSLATED: Rule = Rule {
    id: "translation-untranslated",
    severity: Warning,
    tags: &["translation"],
    summary: "A translated description is the source text, untranslated",
    explanation: "A description identical to the source, where the source has words to translate, was most likely never translated.",
    bad_example: "de-de.md: |0x80cf0001|OM_E_NO_SERVICE|The agent could not provide the service.|",
    good_example: "de-de.md: |0x80cf0001|OM_E_NO_SERVICE|Der Dienst kann vom Agent nicht bereitgestellt werden.|",
};

/// Markup that carries meaning lost in a translation.
pub static TRANSLATION_MARKUP_LOST: Rule = Rule {
    id: "translation-markup-lost",
    severity: Warning,
    tags: &["translation"],
    summary: "A translation loses a link or the bold around an identifier",
    explanation: "Links and bold identifiers guide readers to related codes. A translation that keeps the identifier but drops its bold, or drops a link, reads differently from the source.",
    bad_example: "en-us.md: see **OM_E_PT_&#42;**\nde-de.md: siehe OM_E_PT_&#42;",
    good_example: "de-de.md: siehe **OM_E_PT_&#42;**",
};

/// Page metadata of a translation that disagrees with the file or source.
pub static TRANSLATION_METADATA: Rule = Rule {
    id: "translation-metadata",
    severity: Warning,
    tags: &["translation", "metadata"],
    summary: "A translation's locale, title anchor or introduction links disagree",
    explanation: "The front matter's ms.contentlocale must name the file's locale; the title's anchor must be the source's so that links to it work in every language; the introduction's links must point where the source's do.",
    bad_example: "sv-se.md: ms.contentlocale: de-DE",
    good_example: "sv-se.md: ms.contentlocale: sv-SE",
};

/// WU and OM counterparts with different names.
pub static COUNTERPART_NAME_MISMATCH: Rule = Rule {
    id: "counterpart-name-mismatch",
    severity: Warning,
    tags: &["counterpart"],
    summary: "A WU code and its OM counterpart have different names",
    explanation: "OM_* codes are WU_* codes under facility 0x0CF instead of 0x024, with the same name after the prefix. A small difference is usually a misspelling: the side whose spelling the documents use elsewhere is more likely right. A larger one is a different name: check the product's headers.",
    bad_example: "0x80240019 WU_E_EXCLUSIVE_INSTALL_CONFILCT\n0x80CF0019 OM_E_EXCLUSIVE_INSTALL_CONFLICT",
    good_example: "0x80240019 WU_E_EXCLUSIVE_INSTALL_CONFLICT\n0x80CF0019 OM_E_EXCLUSIVE_INSTALL_CONFLICT",
};

/// One name under non-corresponding codes.
pub static COUNTERPART_CODE_MISMATCH: Rule = Rule {
    id: "counterpart-code-mismatch",
    severity: Error,
    tags: &["counterpart", "code"],
    summary: "The same name appears under WU and OM codes that do not correspond",
    explanation: "WU_E_X and OM_E_X must differ only in the facility (0x024 and 0x0CF). When they differ elsewhere, one side's code is wrong; the sorted neighbours of each side usually tell which.",
    bad_example: "0x80244019 WU_E_PT_HTTP_STATUS_NOT_FOUND\n0x80CF4018 OM_E_PT_HTTP_STATUS_NOT_FOUND",
    good_example: "0x80244019 WU_E_PT_HTTP_STATUS_NOT_FOUND\n0x80CF4019 OM_E_PT_HTTP_STATUS_NOT_FOUND",
};

/// Numbers that disagree between counterparts.
pub static COUNTERPART_NUMBER_MISMATCH: Rule = Rule {
    id: "counterpart-number-mismatch",
    severity: Error,
    tags: &["counterpart", "description"],
    summary: "A WU code and its OM counterpart quote different numbers",
    explanation: "Counterparts describe the same error, so an HTTP status or another number quoted in both descriptions must agree. For HTTP_STATUS_* names, winhttp.h says which number is right, and a number shared with the neighbouring row shows where it was copied from.",
    bad_example: "WU_E_PT_HTTP_STATUS_NOT_SUPPORTED: Http status 501\nOM_E_PT_HTTP_STATUS_NOT_SUPPORTED: Same as HTTP status 500",
    good_example: "OM_E_PT_HTTP_STATUS_NOT_SUPPORTED: Same as HTTP status 501",
};

/// A description that describes another code.
pub static COUNTERPART_DESCRIPTION_MISMATCH: Rule = Rule {
    id: "counterpart-description-mismatch",
    severity: Warning,
    tags: &["counterpart", "description"],
    summary: "A description matches another code's counterpart better than its own",
    explanation: "When a WU description reads like the OM description of a different code (or the reverse), it was most likely copied from the wrong row.",
    bad_example: "WU_S_MARKED_FOR_DISCONNECT: The system needs to be rebooted to complete installation.",
    good_example: "WU_S_MARKED_FOR_DISCONNECT: A callback was marked to be disconnected later.",
};

/// Counterpart descriptions with little in common.
pub static COUNTERPART_DESCRIPTION_DIVERGENT: Rule = Rule {
    id: "counterpart-description-divergent",
    severity: Note,
    tags: &["counterpart", "description"],
    summary: "A WU code and its OM counterpart have descriptions with little in common",
    explanation: "Counterparts describe the same error in different words, but when their descriptions share almost no content words a person should read both and check they say the same thing.",
    bad_example: "WU_E_PT_FILE_LOCATIONS_CHANGED: Server replied with FileLocationsChange.\nOM_E_PT_FILE_LOCATIONS_CHANGED: The operation failed because of a changed file location.",
    good_example: "(both describe the changed file locations in similar words)",
};

/// Counterparts whose severity differs.
pub static COUNTERPART_SEVERITY_MISMATCH: Rule = Rule {
    id: "counterpart-severity-mismatch",
    severity: Error,
    tags: &["counterpart", "structure"],
    summary: "A WU code and its OM counterpart differ in severity",
    explanation: "A mirrored code is a failure on both sides or a success on both. A mismatch means one code's severity bit is wrong.",
    bad_example: "0x00240001 WU_S_SERVICE_STOP\n0x80CF0001 OM_S_SERVICE_STOP",
    good_example: "0x00240001 WU_S_SERVICE_STOP\n0x00CF0001 OM_S_SERVICE_STOP",
};

/// Codes present on one side only.
pub static COUNTERPART_COVERAGE: Rule = Rule {
    id: "counterpart-coverage",
    severity: Note,
    tags: &["counterpart"],
    summary: "Codes of one family have no counterpart in the other",
    explanation: "Each document's WU or OM codes without a mirrored code on the other side, listed once per document (a fact, not an error: the pages cover different sets). The human and JSON reports list them all.",
    bad_example: "(informational)",
    good_example: "(informational)",
};

/// Every rule, sorted by id.
pub static ALL: &[&Rule] = &[
    &COUNTERPART_CODE_MISMATCH,
    &COUNTERPART_COVERAGE,
    &COUNTERPART_DESCRIPTION_DIVERGENT,
    &COUNTERPART_DESCRIPTION_MISMATCH,
    &COUNTERPART_NAME_MISMATCH,
    &COUNTERPART_NUMBER_MISMATCH,
    &COUNTERPART_SEVERITY_MISMATCH,
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
    &TRANSLATION_KEY_MISMATCH,
    &TRANSLATION_MARKUP_LOST,
    &TRANSLATION_METADATA,
    &TRANSLATION_ROW_EXTRA,
    &TRANSLATION_ROW_MISSING,
    &TRANSLATION_ROW_ORDER,
    &TRANSLATION_TOKEN_MISMATCH,
    &TRANSLATION_UNTRANSLATED,
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
