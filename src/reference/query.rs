//! What a lookup query asks for: a code value (hex or decimal), a name, or
//! a wildcard over names.

use std::fmt;
use std::str::FromStr;

use super::names::wildcard_matches;

/// One query of `errdocs lookup`, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// A code value, written in hex or decimal.
    Value(ValueQuery),
    /// A constant name, to be matched ignoring case (`wu_e_no_service`).
    Name(String),
    /// A wildcard over names (`WU_E_PT_*`).
    Wildcard(Wildcard),
}

/// A code value and how the query wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueQuery {
    /// The 32-bit value; negative decimals as their two's-complement bits.
    pub value: u32,
    /// How the value was written.
    pub notation: Notation,
    /// For eight bare digits that are all decimal (`80070005`), the value
    /// they would have as a decimal number: read as hex first, because that
    /// is how pages write codes without their `0x`.
    pub decimal_reading: Option<u32>,
}

/// How a query wrote a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    /// Hex digits, with `0x` or as eight bare digits.
    Hex,
    /// A signed or unsigned decimal number.
    Decimal,
}

/// The longest wildcard accepted, in characters. Matching takes up to
/// (pattern + 1) x (name + 1) steps per name, so the bound keeps a lookup
/// over every name linear in the names' length; no constant name comes
/// near it, and a `*` matches longer names.
pub const MAX_WILDCARD_CHARS: usize = 256;

/// A name pattern with `*` (any run of characters) and `?` (one
/// character), matched ignoring case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wildcard {
    pattern: String,
    /// The pattern with each run of `*` written once, as it is matched: a
    /// run is one `*`, and the matcher walked all of a run for every name
    /// (130,000 `*` in one query took 5 s against the SDK's names).
    matched: String,
}

impl Wildcard {
    /// Makes a pattern from text holding `*` or `?` and name characters.
    pub fn new(pattern: &str) -> Result<Wildcard, QueryError> {
        match Query::parse(pattern)? {
            Query::Wildcard(wildcard) => Ok(wildcard),
            _ => Err(QueryError::new(pattern, "holds no `*` or `?`")),
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The characters before the first `*` or `?`: every match starts with
    /// them (ignoring case).
    pub fn literal_prefix(&self) -> &str {
        let end = self.pattern.find(['*', '?']).unwrap_or(self.pattern.len());
        &self.pattern[..end]
    }

    /// True when `name` matches the pattern, ignoring case.
    pub fn matches(&self, name: &str) -> bool {
        wildcard_matches(&self.matched, name)
    }
}

impl fmt::Display for Wildcard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pattern)
    }
}

/// A query that is neither a code, nor a name, nor a wildcard.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{query}` {problem}")]
pub struct QueryError {
    /// The query as given.
    pub query: String,
    /// What is wrong with it, phrased to follow the query.
    pub problem: String,
}

impl QueryError {
    fn new(query: &str, problem: impl Into<String>) -> QueryError {
        QueryError {
            query: query.to_string(),
            problem: problem.into(),
        }
    }
}

impl FromStr for Query {
    type Err = QueryError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Query::parse(text)
    }
}

impl Query {
    /// Classifies a query:
    ///
    /// - `0x` or `0X` and one to eight hex digits, in any case, with an
    ///   optional C suffix (`L`, `U`, `UL`): a value; short forms mean the
    ///   value (`0x240001` is `0x00240001`);
    /// - eight bare hex digits (`80240001`, `8024ef00`): a value read as hex,
    ///   as pages write codes without their prefix; when all eight are decimal
    ///   digits the decimal reading is kept in
    ///   [`ValueQuery::decimal_reading`];
    /// - other digits, with an optional sign: a decimal value, signed
    ///   (`-2145124351`) or unsigned (`2149842945`), that fits in 32 bits;
    /// - letters, digits and `_`, starting with a letter or `_`: a name;
    /// - the same with `*` or `?`: a wildcard, of at most
    ///   [`MAX_WILDCARD_CHARS`] characters.
    ///
    /// Surrounding white space and backticks are ignored. Anything else is a
    /// [`QueryError`] that says what is wrong.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let query = text.trim().trim_matches('`').trim();
        if query.is_empty() {
            return Err(QueryError::new(
                text,
                "is empty: give a code (0x80240001, -2145124351), a name or a wildcard",
            ));
        }
        if let Some(digits) = query
            .strip_prefix("0x")
            .or_else(|| query.strip_prefix("0X"))
        {
            return parse_prefixed_hex(query, digits).map(Query::Value);
        }
        let first = query.as_bytes()[0];
        if first.is_ascii_digit() || first == b'-' || first == b'+' {
            return parse_number(query).map(Query::Value);
        }
        if let Some(bad) = query
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || c == '_' || c == '*' || c == '?'))
        {
            return Err(QueryError::new(
                query,
                format!(
                    "holds {}: a name has only letters, digits and `_`, a wildcard also `*` and `?`",
                    shown(bad)
                ),
            ));
        }
        if query.contains(['*', '?']) {
            let mut matched = String::with_capacity(query.len());
            for c in query.chars() {
                if !(c == '*' && matched.ends_with('*')) {
                    matched.push(c);
                }
            }
            // The bound is on the pattern as matched: a run of `*` costs
            // what one does.
            let length = matched.chars().count();
            if length > MAX_WILDCARD_CHARS {
                return Err(QueryError::new(
                    query,
                    format!(
                        "is a wildcard of {length} characters: a wildcard has at most {MAX_WILDCARD_CHARS} (a run of `*` counts as one)"
                    ),
                ));
            }
            Ok(Query::Wildcard(Wildcard {
                pattern: query.to_string(),
                matched,
            }))
        } else {
            Ok(Query::Name(query.to_string()))
        }
    }
}

/// A character of a query as a message names it: in backticks when it is
/// ASCII and seen, with its code point when it is not ASCII (a Cyrillic
/// `Е` looks like the Latin one), and by its code point alone when it is
/// not seen at all. The query is quoted with unsafe characters shown as
/// `?` ([`crate::safe_text::terminal`]): "holds `?`" for a right-to-left
/// override or an escape named a character the user did not type, and
/// one that a wildcard allows.
fn shown(c: char) -> String {
    let code_point = u32::from(c);
    if c == ' ' || c.is_ascii_graphic() {
        format!("`{c}`")
    } else if c.is_control() {
        format!("U+{code_point:04X}, a control character")
    } else if crate::safe_text::is_unsafe(c)
        // Zero-width spaces and joiners, the word joiner, the byte-order
        // mark, the soft hyphen.
        || matches!(
            c,
            '\u{AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
    {
        format!("U+{code_point:04X}, a character that is not shown")
    } else if c.is_whitespace() {
        format!("U+{code_point:04X}, a space other than U+0020")
    } else {
        format!("`{c}` (U+{code_point:04X}), which is not ASCII")
    }
}

/// Reads the digits after `0x`: one to eight hex digits and an optional C
/// integer suffix.
fn parse_prefixed_hex(query: &str, after_prefix: &str) -> Result<ValueQuery, QueryError> {
    let digits = strip_integer_suffix(after_prefix);
    if digits.is_empty() {
        return Err(QueryError::new(query, "has no hex digits after `0x`"));
    }
    // Digits in groups, as pages write them (`0x8024 0002`, `0x8024_0002`):
    // the code, as the pages' own codes are read.
    if let Some(grouped) = crate::model::separated_hex(digits)
        && grouped.len == digits.len()
        && let Some(value) = grouped.value
    {
        return Ok(ValueQuery {
            value,
            notation: Notation::Hex,
            decimal_reading: None,
        });
    }
    if let Some(bad) = digits.chars().find(|c| !c.is_ascii_hexdigit()) {
        return Err(QueryError::new(
            query,
            format!("holds {}, which is not a hex digit", shown(bad)),
        ));
    }
    let significant = digits.trim_start_matches('0');
    if significant.len() > 8 {
        return Err(QueryError::new(
            query,
            format!("has {} hex digits: a code has at most 8", digits.len()),
        ));
    }
    let value = u32::from_str_radix(digits, 16)
        .map_err(|error| QueryError::new(query, format!("is not a hex number ({error})")))?;
    Ok(ValueQuery {
        value,
        notation: Notation::Hex,
        decimal_reading: None,
    })
}

/// Reads a query that starts with a digit or a sign: eight bare hex digits,
/// or a decimal number.
fn parse_number(query: &str) -> Result<ValueQuery, QueryError> {
    let body = strip_integer_suffix(query);
    if body.len() == 8 && body.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        let value = u32::from_str_radix(body, 16)
            .map_err(|error| QueryError::new(query, format!("is not a hex number ({error})")))?;
        let decimal_reading = body.parse::<u32>().ok();
        return Ok(ValueQuery {
            value,
            notation: Notation::Hex,
            decimal_reading,
        });
    }
    let unsigned = body.strip_prefix(['-', '+']).unwrap_or(body);
    if unsigned.is_empty() {
        return Err(QueryError::new(query, "has a sign but no digits"));
    }
    if let Some(bad) = unsigned.chars().find(|c| !c.is_ascii_digit()) {
        // Digits in groups of three, as locales write them (`-2 147 024 891`
        // with a space, a no-break, thin or narrow no-break space, `1,223`,
        // `4.294.967.295`): the number, as a page's decimal column is read.
        if let Some(number) = crate::model::whole_number(body) {
            return decimal_query(query, number);
        }
        let hint = if unsigned.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            format!(
                "holds {}, which is not a decimal digit; write hex codes with `0x` (0x{unsigned}) or as eight digits",
                shown(bad)
            )
        } else {
            format!("holds {}, which is not a decimal digit", shown(bad))
        };
        return Err(QueryError::new(query, hint));
    }
    let number: i64 = body.parse().map_err(|_| {
        QueryError::new(
            query,
            "is too large: a code is a 32-bit number (-2147483648 to 4294967295)",
        )
    })?;
    decimal_query(query, number)
}

/// The value of a decimal query: `number`, where it fits 32 bits, signed or
/// unsigned.
fn decimal_query(query: &str, number: i64) -> Result<ValueQuery, QueryError> {
    if !(i64::from(i32::MIN)..=i64::from(u32::MAX)).contains(&number) {
        return Err(QueryError::new(
            query,
            "is out of range: a code is a 32-bit number (-2147483648 to 4294967295)",
        ));
    }
    Ok(ValueQuery {
        // In range, so the low 32 bits are the value (negative numbers as
        // their two's-complement bits).
        value: number as u32,
        notation: Notation::Decimal,
        decimal_reading: None,
    })
}

/// Drops a C integer suffix (`L`, `U`, `UL`, `LU`, any case).
fn strip_integer_suffix(text: &str) -> &str {
    let trimmed = text.trim_end_matches(['l', 'L', 'u', 'U']);
    if text.len() - trimmed.len() <= 2 {
        trimmed
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> ValueQuery {
        match Query::parse(text) {
            Ok(Query::Value(value)) => value,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn problem(text: &str) -> String {
        match Query::parse(text) {
            Err(error) => error.to_string(),
            Ok(other) => panic!("{text} parsed as {other:?}"),
        }
    }

    #[test]
    fn hex_in_any_case_with_prefix_and_suffix() {
        for text in [
            "0x80240001",
            "0X80240001",
            "0x80240001L",
            "0x80240001ul",
            " `0x80240001` ",
        ] {
            let query = value(text);
            assert_eq!(query.value, 0x8024_0001, "{text}");
            assert_eq!(query.notation, Notation::Hex);
            assert_eq!(query.decimal_reading, None);
        }
        assert_eq!(value("0x8024ef00").value, 0x8024_EF00);
        assert_eq!(value("0x240001").value, 0x0024_0001);
        assert_eq!(value("0x5").value, 5);
        assert_eq!(value("0x0000000080240001").value, 0x8024_0001);
    }

    #[test]
    fn eight_bare_digits_are_hex() {
        let query = value("8024EF00");
        assert_eq!(query.value, 0x8024_EF00);
        assert_eq!(query.decimal_reading, None);
        let query = value("80070005");
        assert_eq!(query.value, 0x8007_0005);
        assert_eq!(query.notation, Notation::Hex);
        assert_eq!(query.decimal_reading, Some(80_070_005));
    }

    #[test]
    fn signed_and_unsigned_decimals() {
        let query = value("-2145124351");
        assert_eq!(query.value, 0x8024_0001);
        assert_eq!(query.notation, Notation::Decimal);
        assert_eq!(value("2149842945").value, 0x8024_0001);
        assert_eq!(value("1112").value, 1112);
        assert_eq!(value("+5").value, 5);
        assert_eq!(value("0").value, 0);
        assert_eq!(value("4294967295").value, u32::MAX);
        assert_eq!(value("-2147483648").value, 0x8000_0000);
        assert_eq!(value("1112L").value, 1112);
    }

    /// Decimals in groups of three, as locales write them: the number.
    #[test]
    fn grouped_decimals_are_numbers() {
        for query in [
            "-2 147 024 891",
            "-2\u{A0}147\u{A0}024\u{A0}891",
            "-2\u{2009}147\u{2009}024\u{2009}891",
            "-2\u{202F}147\u{202F}024\u{202F}891",
            "-2,147,024,891",
            "2.147.942.405",
        ] {
            let query = value(query);
            assert_eq!(
                (query.value, query.notation),
                (0x8007_0005, Notation::Decimal)
            );
        }
        assert_eq!(value("1 223").value, 1223);
        // Irregular groups are no number.
        assert!(problem("1 2234").contains("holds ` `"));
        assert!(problem("12 34").contains("holds ` `"));
        assert!(problem("4 294 967 296").contains("out of range"));
    }

    #[test]
    fn codes_in_groups_are_codes() {
        for query in ["0x8024 0002", "0x8024_0002", "0X80 24 00 02"] {
            assert_eq!(value(query).value, 0x8024_0002, "{query}");
        }
        // Seven digits are a code that lost one: said, not guessed.
        assert!(Query::parse("0x8024 200").is_err());
    }

    #[test]
    fn names_and_wildcards() {
        assert_eq!(
            Query::parse("wu_e_no_service"),
            Ok(Query::Name("wu_e_no_service".to_string()))
        );
        assert_eq!(Query::parse("_X1"), Ok(Query::Name("_X1".to_string())));
        let Ok(Query::Wildcard(wildcard)) = Query::parse("WU_E_PT_*") else {
            panic!("not a wildcard");
        };
        assert_eq!(wildcard.literal_prefix(), "WU_E_PT_");
        assert!(wildcard.matches("wu_e_pt_soap_client_base"));
        assert!(!wildcard.matches("WU_E_NO_SERVICE"));
        assert!(Wildcard::new("*_NOT_FOUND").is_ok());
        assert!(Wildcard::new("WU_E_X").is_err());
        // A name made of hex letters stays a name: hex needs `0x` or eight
        // digits.
        assert_eq!(Query::parse("FACE"), Ok(Query::Name("FACE".to_string())));
    }

    #[test]
    fn bad_queries_say_what_is_wrong() {
        assert!(problem("").contains("is empty"));
        assert!(problem("0x").contains("no hex digits"));
        assert!(problem("0x8024ZZZZ").contains("`Z`, which is not a hex digit"));
        assert!(problem("0x802400001").contains("9 hex digits"));
        assert!(problem("4294967296").contains("out of range"));
        assert!(problem("-2147483649").contains("out of range"));
        assert!(problem("99999999999999999999").contains("too large"));
        assert!(problem("-").contains("no digits"));
        assert!(problem("8024EF0").contains("write hex codes with `0x`"));
        assert!(problem("12.5").contains("`.`, which is not a decimal digit"));
        assert!(problem("WU-E").contains("holds `-`"));
        assert!(problem("WU_E NO").contains("holds ` `"));
        // Characters that are not ASCII, or not seen, by their code point:
        // the query is quoted with them made safe (`?`), which a wildcard
        // allows, and a Cyrillic `Е` looks like the Latin one.
        assert!(
            problem("ERROR_ACCESS_DENIED\u{202E}")
                .contains("holds U+202E, a character that is not shown")
        );
        assert!(problem("E\u{1B}[31m").contains("holds U+001B, a control character"));
        assert!(problem("WU_E\u{200B}X").contains("holds U+200B, a character that is not shown"));
        assert!(problem("WU_E\u{A0}X").contains("holds U+00A0, a space other than U+0020"));
        assert!(problem("\u{415}RROR_X").contains("holds `\u{415}` (U+0415), which is not ASCII"));
        assert!(problem("0x8024\u{41E}\u{41E}\u{41E}2").contains("holds `\u{41E}` (U+041E)"));
        assert!(problem("8\u{2028}0").contains("holds U+2028, a character that is not shown"));
        let long = format!("WU_E_*{}", "A".repeat(MAX_WILDCARD_CHARS));
        assert!(
            problem(&long).ends_with(&format!(
                "is a wildcard of {} characters: a wildcard has at most 256 (a run of `*` counts as one)",
                MAX_WILDCARD_CHARS + 6
            )),
            "{}",
            problem(&long)
        );
        let longest = format!("WU_E_*{}", "A".repeat(MAX_WILDCARD_CHARS - 6));
        assert!(Wildcard::new(&longest).is_ok());
        assert_eq!(
            problem("0xGG"),
            "`0xGG` holds `G`, which is not a hex digit"
        );
    }

    #[test]
    fn a_run_of_stars_is_matched_as_one() {
        let wildcard = Wildcard::new("wu**_E***pt_*").expect("wildcard");
        assert_eq!(wildcard.matched, "wu*_E*pt_*");
        assert_eq!(wildcard.as_str(), "wu**_E***pt_*");
        assert!(wildcard.matches("WU_E_PT_SOAPCLIENT_BASE"));
        assert!(!wildcard.matches("WU_S_PT"));
        // 130,000 stars (about the most one argument holds) against 20,000
        // names: the run was walked for each name, seconds in a release
        // build, where it is now one `*`.
        let long = Wildcard::new(&format!("{}X", "*".repeat(130_000))).expect("wildcard");
        assert_eq!(long.matched, "*X");
        let found = (0..20_000)
            .filter(|i| long.matches(&format!("WU_E_NAME_{i}_X")))
            .count();
        assert_eq!(found, 20_000);
        // No clock: the machine is shared, and speed is measured by `cargo
        // bench`. Walked quadratically, this input makes the test run far
        // longer than the others (minutes where they take seconds).
    }
}
