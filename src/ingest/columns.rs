//! Column roles from header text, in every language the corpus uses.

use crate::model::ColumnRole;

/// Header texts (lower case) per role. Matched whole first, then as a part of
/// the header, with the decimal words tried before the code words because
/// "Decimal Error Code" contains "error code".
const DECIMAL_WORDS: &[&str] = &["decimal", "dezimal", "十进制", "decimalt", "décimal"];
const CODE_EXACT: &[&str] = &[
    "error code",
    "code",
    "hresult",
    "错误代码",
    "错误码",
    "felkod",
    "fehlercode",
    "code d'erreur",
    "código de error",
];
const CODE_WORDS: &[&str] = &["hex"];
const NAME_EXACT: &[&str] = &[
    "symbolic name",
    "error string",
    "name",
    "constant",
    "符号名称",
    "符号名",
    "symboliskt namn",
    "symbolischer name",
    "nom symbolique",
];
const NAME_WORDS: &[&str] = &["symbol", "error string", "符号"];
const DESCRIPTION_EXACT: &[&str] = &[
    "description",
    "more information",
    "message",
    "details",
    "更多信息",
    "说明",
    "描述",
    "mer information",
    "beskrivning",
    "weitere informationen",
    "beschreibung",
];
const DESCRIPTION_WORDS: &[&str] = &["description", "information", "beschreib", "beskriv", "说明"];

/// The role of a column from its header's plain text.
pub fn role_of_header(header: &str) -> ColumnRole {
    // "hexadecimal" contains "decimal": read it as "hex" first.
    let text = header
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_lowercase()
        .replace("hexadecimal", "hex");
    let exact = |list: &[&str]| list.contains(&text.as_str());
    let contains = |list: &[&str]| list.iter().any(|w| text.contains(w));
    if contains(DECIMAL_WORDS) {
        ColumnRole::Decimal
    } else if exact(CODE_EXACT) || contains(CODE_WORDS) {
        ColumnRole::Code
    } else if exact(NAME_EXACT) || contains(NAME_WORDS) {
        ColumnRole::Name
    } else if exact(DESCRIPTION_EXACT) || contains(DESCRIPTION_WORDS) {
        ColumnRole::Description
    } else {
        ColumnRole::Other
    }
}

/// Roles for a whole header row. A role claimed twice keeps its first column;
/// later ones become [`ColumnRole::Other`].
pub fn roles_of_headers<'a>(headers: impl IntoIterator<Item = &'a str>) -> Vec<ColumnRole> {
    let mut seen = Vec::new();
    headers
        .into_iter()
        .map(|h| {
            let role = role_of_header(h);
            if role != ColumnRole::Other && seen.contains(&role) {
                ColumnRole::Other
            } else {
                seen.push(role);
                role
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnRole::*;

    #[test]
    fn headers_of_every_seed_language() {
        let cases = [
            ("Error code", Code),
            ("Symbolic name", Name),
            ("More information", Description),
            ("错误代码", Code),
            ("符号名称", Name),
            ("更多信息", Description),
            ("Felkod", Code),
            ("Symboliskt namn", Name),
            ("Mer information", Description),
            ("Fehlercode", Code),
            ("Symbolischer Name", Name),
            ("Weitere Informationen", Description),
            ("Hexadecimal Error Code", Code),
            ("Hexadecimal error code", Code),
            ("Decimal Error Code", Decimal),
            ("Error String", Name),
            ("Description", Description),
            ("Colour", Other),
        ];
        for (header, role) in cases {
            assert_eq!(role_of_header(header), role, "{header}");
        }
    }

    #[test]
    fn a_role_claimed_twice_keeps_the_first_column() {
        assert_eq!(
            roles_of_headers(["Code", "Hex", "Name"]),
            vec![Code, Other, Name]
        );
    }
}
