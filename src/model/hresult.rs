//! The `HResult` value type: one 32-bit Windows error code, parsed from the
//! many ways documentation writes it and printed in one canonical form.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// A Windows error code as a 32-bit value (an HRESULT, or a plain Win32
/// code written in the same 8-hex-digit form).
///
/// Canonical text form: `0x` followed by exactly eight upper-case hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HResult(u32);

/// Why a piece of text is not a canonical hex code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeProblem {
    /// `0x` plus a number of hex digits other than eight (`0x8024200`).
    WrongDigitCount {
        /// How many hex digits were written.
        digits: usize,
    },
    /// Eight hex digits without the `0x` prefix (`80240001`).
    MissingPrefix,
    /// `x` without the leading zero (`x8024EFFF`).
    MissingZero,
    /// Eight hex digits with an assembler's `h` after them instead of the
    /// `0x` before them (`80070005h`).
    AssemblerSuffix,
    /// Eight hex digits followed by punctuation (`0x800704CF.`).
    TrailingPunctuation {
        /// The characters after the digits.
        trailing: String,
    },
    /// A code with punctuation before it (`=0x87D101F8`).
    LeadingPunctuation {
        /// The characters before the code.
        leading: String,
    },
    /// A code between stray characters (`(0x80240002)`, `（0x80240002）`).
    Wrapped {
        /// The characters before the code.
        leading: String,
        /// The characters after its digits.
        trailing: String,
    },
    /// Eight hex digits written in groups (`0x8024 0002`, `0x8024_0002`,
    /// `0x80 24 00 02`), as some wiki and CJK pages and C++ or C# sources
    /// write them: the value is plain, but the text is no code to search.
    Separated {
        /// The character between the groups.
        separator: char,
    },
    /// A code written in full-width characters (`０ｘ８００７００５７`), as
    /// CJK input methods type it: the value is plain, but the text is no
    /// code to search.
    FullWidth,
    /// A range of codes, not one code (`0xC1900101 - 0xC1900107`,
    /// `0x80240001 to 0x80240FFF`), as support pages list a family.
    Range,
    /// A family of codes with its last digits left open (`0x8024xxxx`),
    /// not one code.
    Wildcard,
    /// The cell holds something that is not a code at all.
    NotACode,
    /// The cell of a table whose codes are decimal numbers holds no number.
    NotANumber,
    /// The cell is empty.
    Empty,
}

impl fmt::Display for CodeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeProblem::WrongDigitCount { digits } => {
                write!(f, "has {digits} hex digits where 8 are required")
            }
            CodeProblem::MissingPrefix => f.write_str("lacks the `0x` prefix"),
            CodeProblem::MissingZero => f.write_str("starts with `x` instead of `0x`"),
            CodeProblem::AssemblerSuffix => {
                f.write_str("ends with an assembler's `h` instead of starting with `0x`")
            }
            CodeProblem::TrailingPunctuation { trailing } => {
                write!(f, "ends with stray `{trailing}` after the digits")
            }
            CodeProblem::LeadingPunctuation { leading } => {
                write!(f, "starts with stray `{leading}` before the code")
            }
            CodeProblem::Wrapped { leading, trailing } => {
                write!(f, "is wrapped in stray `{leading}` and `{trailing}`")
            }
            CodeProblem::Separated { separator } => write!(
                f,
                "has its digits split by {} where 8 digits are written together",
                separator_name(*separator)
            ),
            CodeProblem::FullWidth => f.write_str("is written in full-width characters"),
            CodeProblem::Range => f.write_str("is a range of codes, not one code"),
            CodeProblem::Wildcard => {
                f.write_str("stands for a family of codes, its last digits left open, not one code")
            }
            CodeProblem::NotACode => f.write_str("is not a hex code"),
            CodeProblem::NotANumber => f.write_str("is not a number"),
            CodeProblem::Empty => f.write_str("is empty"),
        }
    }
}

/// The result of reading a code cell: the value where the text yields one,
/// and what was wrong with the text, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeReading {
    /// The value, when the digits could be read without guessing.
    pub value: Option<HResult>,
    /// What is wrong with the written form; `None` for `0x` + 8 hex digits
    /// (either case).
    pub problem: Option<CodeProblem>,
}

impl HResult {
    /// Wraps a raw 32-bit value.
    pub const fn new(value: u32) -> Self {
        HResult(value)
    }

    /// The value as an unsigned 32-bit integer.
    pub const fn value(self) -> u32 {
        self.0
    }

    /// The value as Windows tools print it: a signed 32-bit integer.
    pub const fn signed(self) -> i32 {
        self.0 as i32
    }

    /// True when the severity bit (bit 31) is set: a failure code.
    pub const fn is_failure(self) -> bool {
        self.0 & 0x8000_0000 != 0
    }

    /// The facility: bits 16 to 26 (MS-ERREF 2.1).
    pub const fn facility(self) -> u16 {
        ((self.0 >> 16) & 0x7FF) as u16
    }

    /// The code within the facility: bits 0 to 15.
    pub const fn code(self) -> u16 {
        (self.0 & 0xFFFF) as u16
    }

    /// The Win32 error code this value is: a bare Win32 code (`0x0000041D`)
    /// or one wrapped by `HRESULT_FROM_WIN32` (`0x8007041D`, facility 7).
    pub const fn win32_error(self) -> Option<u16> {
        if self.0 <= 0xFFFF {
            Some(self.0 as u16)
        } else if self.0 & 0xFFFF_0000 == 0x8007_0000 {
            Some((self.0 & 0xFFFF) as u16)
        } else {
            None
        }
    }

    /// The same code under another facility.
    pub const fn with_facility(self, facility: u16) -> Self {
        HResult((self.0 & !0x07FF_0000) | (((facility as u32) & 0x7FF) << 16))
    }

    /// Reads a code cell of a table that writes its codes in `forms`: as
    /// [`HResult::read`] does, but a table that writes hex codes short
    /// (`0x2`, `0x240001`, bare `1F`) reads them as values, and a table
    /// whose codes are decimal numbers reads those.
    pub fn read_as(text: &str, forms: crate::model::CodeForms) -> CodeReading {
        let trimmed = text.trim();
        let without_suffix = without_c_suffix(trimmed);
        if forms.decimal_codes {
            return match decimal_value(without_suffix) {
                Some(value) => CodeReading {
                    value: Some(value),
                    problem: None,
                },
                None => CodeReading {
                    value: None,
                    problem: Some(if trimmed.is_empty() {
                        CodeProblem::Empty
                    } else {
                        CodeProblem::NotANumber
                    }),
                },
            };
        }
        // A single digit is the same value in either base: `0L` in a
        // column of hex codes is S_OK. In a list whose codes are hex where
        // written with `0x` and decimal elsewhere, a number is decimal.
        let plain_number = without_suffix
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-')
            && without_suffix.bytes().any(|b| b.is_ascii_digit());
        if plain_number
            && (without_suffix.len() == 1 || (forms.mixed && without_suffix.len() <= 10))
        {
            return CodeReading {
                value: decimal_value(without_suffix),
                problem: None,
            };
        }
        if forms.short_hex {
            let digits = without_suffix
                .strip_prefix("0x")
                .or_else(|| without_suffix.strip_prefix("0X"))
                .unwrap_or(without_suffix);
            // Seven digits beginning 8 to F are a failure code that lost a
            // digit, not a short form.
            let lost_a_digit = digits.len() == 7
                && digits
                    .as_bytes()
                    .first()
                    .is_some_and(|d| !(b'0'..=b'7').contains(d));
            if (1..=8).contains(&digits.len())
                && !lost_a_digit
                && digits.bytes().all(|b| b.is_ascii_hexdigit())
            {
                return CodeReading {
                    value: u32::from_str_radix(digits, 16).ok().map(HResult),
                    problem: None,
                };
            }
        }
        HResult::read(text)
    }

    /// Reads a code cell leniently: canonical text yields a value and no
    /// problem; text whose digits are unambiguous (missing prefix, `x` prefix,
    /// trailing punctuation) yields a value and the problem; anything else
    /// yields the problem only.
    pub fn read(text: &str) -> CodeReading {
        let text = text.trim();
        if let Cow::Owned(folded) = fold_number_forms(text) {
            let reading = HResult::read(&folded);
            return CodeReading {
                problem: match reading.problem {
                    None if reading.value.is_some() => Some(CodeProblem::FullWidth),
                    other => other,
                },
                value: reading.value,
            };
        }
        // Punctuation before a code (`=0x87D101F8`): the code after it, with
        // the stray characters as its problem. Spaces between them (`( (`)
        // are taken in the same pass, so the reading below starts at a
        // character that is neither and goes one level deep, however
        // many a cell holds.
        let unprefixed = text.trim_start_matches(|c: char| {
            (is_punctuation(c) && !matches!(c, '-' | '+')) || c.is_whitespace()
        });
        if unprefixed.len() < text.len() && !unprefixed.is_empty() {
            let leading = text[..text.len() - unprefixed.len()].trim_end();
            let reading = HResult::read(unprefixed);
            return CodeReading {
                problem: match reading.problem {
                    None if reading.value.is_some() => Some(CodeProblem::LeadingPunctuation {
                        leading: leading.to_string(),
                    }),
                    // Both ends, said as both: a message naming only the
                    // `)` leaves the `(` to be found by hand.
                    Some(CodeProblem::TrailingPunctuation { trailing }) => {
                        Some(CodeProblem::Wrapped {
                            leading: leading.to_string(),
                            trailing,
                        })
                    }
                    other => other,
                },
                value: reading.value,
            };
        }
        if text.is_empty() {
            return CodeReading {
                value: None,
                problem: Some(CodeProblem::Empty),
            };
        }
        if let Some(problem) = several_codes(text) {
            return CodeReading {
                value: None,
                problem: Some(problem),
            };
        }
        let (prefix, rest) =
            if let Some(rest) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
                ("0x", rest)
            } else if let Some(rest) = text.strip_prefix('x').or_else(|| text.strip_prefix('X')) {
                ("x", rest)
            } else {
                ("", text)
            };
        // Assembler's hex (`80070005h`): the digits, with the `h` for the
        // prefix as the problem (a wrong count of them reported as such).
        if prefix.is_empty()
            && let Some(digits) = assembler_hex(text)
        {
            return match digits.len() {
                8 => CodeReading {
                    value: u32::from_str_radix(digits, 16).ok().map(HResult),
                    problem: Some(CodeProblem::AssemblerSuffix),
                },
                n => CodeReading {
                    value: None,
                    problem: Some(CodeProblem::WrongDigitCount { digits: n }),
                },
            };
        }
        if prefix == "0x"
            && let Some(grouped) = separated_hex(rest)
            && let after = rest[grouped.len..].trim()
            && after.chars().all(is_punctuation)
        {
            return match grouped.value {
                // Punctuation after the groups (`【0x8024 0004】`): the
                // stray characters are the problem named, and the fix
                // writes the digits together too.
                Some(value) if !after.is_empty() => CodeReading {
                    value: Some(HResult(value)),
                    problem: Some(CodeProblem::TrailingPunctuation {
                        trailing: after.to_string(),
                    }),
                },
                Some(value) => CodeReading {
                    value: Some(HResult(value)),
                    problem: Some(CodeProblem::Separated {
                        separator: grouped.separator,
                    }),
                },
                None => CodeReading {
                    value: None,
                    problem: Some(CodeProblem::WrongDigitCount {
                        digits: grouped.digits.len(),
                    }),
                },
            };
        }
        let digits_len = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        let (digits, trailing) = rest.split_at(digits_len);
        // A C literal's suffix (`0x80070005L`) is how headers write codes;
        // eight bare digits with one (`80070643L`) lost only the prefix.
        let trailing = if prefix == "0x" || (prefix.is_empty() && digits_len == 8) {
            C_SUFFIXES
                .iter()
                .find_map(|suffix| trailing.strip_prefix(suffix))
                .unwrap_or(trailing)
        } else {
            trailing
        };
        let trailing_is_punct = !trailing.is_empty()
            && trailing
                .chars()
                .all(|c| is_punctuation(c) || c.is_whitespace());
        if !trailing.is_empty() && !trailing_is_punct {
            return CodeReading {
                value: None,
                problem: Some(CodeProblem::NotACode),
            };
        }
        if digits_len == 0 {
            return CodeReading {
                value: None,
                problem: Some(CodeProblem::NotACode),
            };
        }
        if digits_len != 8 {
            // Without a prefix, a short run of digits is more likely a
            // decimal number or prose than a hex code.
            let problem = if prefix.is_empty() {
                CodeProblem::NotACode
            } else {
                CodeProblem::WrongDigitCount { digits: digits_len }
            };
            return CodeReading {
                value: None,
                problem: Some(problem),
            };
        }
        let value = u32::from_str_radix(digits, 16).ok().map(HResult);
        let problem = if trailing_is_punct {
            Some(CodeProblem::TrailingPunctuation {
                trailing: trailing.trim().to_string(),
            })
        } else {
            match prefix {
                "0x" => None,
                "x" => Some(CodeProblem::MissingZero),
                _ => Some(CodeProblem::MissingPrefix),
            }
        };
        CodeReading { value, problem }
    }
}

/// The suffixes of a C integer literal that headers write codes with
/// (`0x80070005L`, `0x8000FFFFUL`, `0x80070005u`), longest first.
pub const C_SUFFIXES: &[&str] = &["UL", "ul", "L", "l", "U", "u"];

/// `text` without the C suffix it ends with, if any.
fn without_c_suffix(text: &str) -> &str {
    C_SUFFIXES
        .iter()
        .find_map(|suffix| text.strip_suffix(suffix))
        .unwrap_or(text)
}

/// The digits of a hex number written as assemblers write it, with an `h`
/// after them (`80070005h`; `0C1900101h`, whose `0` keeps a number from
/// beginning with a letter): seven or eight of them (seven, a code that
/// lost a digit, to be reported as such), after a digit. `None` for
/// anything else (`24h` is no code).
pub fn assembler_hex(text: &str) -> Option<&str> {
    let written = text.strip_suffix(['h', 'H'])?;
    let digits = match written.strip_prefix('0') {
        Some(rest) if written.len() == 9 => rest,
        _ => written,
    };
    (written.as_bytes().first()?.is_ascii_digit()
        && (7..=8).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_hexdigit()))
    .then_some(digits)
}

/// The words that join the two ends of a range of codes (`0x1 to 0x2`),
/// in the languages docs are translated into; a space on each side.
const RANGE_WORDS: &[&str] = &[
    "to", "through", "thru", "till", "bis", "à", "a", "al", "até", "tot", "t/m", "do", "до", "až",
    "ile",
];

/// The marks that join the two ends of a range of codes, with or without
/// space around them (`0x1-0x2`, `0x1 ~ 0x2`, `0x1至0x2`).
const RANGE_MARKS: &[&str] = &[
    "-", "–", "—", "~", "～", "〜", "..", "…", "至", "到", "から",
];

/// What a code cell that stands for several codes is: a range
/// (`0xC1900101 - 0xC1900107`, `0x80240001 to 0x80240FFF`, two full codes
/// and a dash or a word between them) or a family with its last digits
/// left open (`0x8024xxxx`, eight places in all), read as
/// [`CodeProblem::Range`] or [`CodeProblem::Wildcard`]; `None` for
/// anything else. `text` is read as it is: trim it first.
pub fn several_codes(text: &str) -> Option<CodeProblem> {
    let digits = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))?;
    let fixed = digits.bytes().take_while(u8::is_ascii_hexdigit).count();
    let open = &digits[fixed..];
    if (1..8).contains(&fixed)
        && fixed + open.len() == 8
        && open.bytes().all(|b| matches!(b, b'x' | b'X' | b'*' | b'?'))
    {
        return Some(CodeProblem::Wildcard);
    }
    let rest = after_full_code(text)?;
    let joined = rest.trim_start();
    let second = match RANGE_MARKS.iter().find_map(|m| joined.strip_prefix(m)) {
        Some(second) => second,
        None => {
            let (word, second) = joined.split_once(char::is_whitespace)?;
            let spaced = rest.len() > joined.len();
            if !spaced || !RANGE_WORDS.contains(&word.to_lowercase().as_str()) {
                return None;
            }
            second
        }
    };
    after_full_code(second.trim_start())
        .is_some_and(|end| end.trim().is_empty())
        .then_some(CodeProblem::Range)
}

/// The text after the full code (`0x` and eight hex digits) `text` starts
/// with; `None` when it starts otherwise, or its digits run on.
fn after_full_code(text: &str) -> Option<&str> {
    let digits = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))?;
    let (code, rest) = (digits.get(..8)?, digits.get(8..)?);
    // `から` and `至` may follow with no space; a digit or a letter may not.
    let runs_on = rest
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphanumeric());
    (code.bytes().all(|b| b.is_ascii_hexdigit()) && !runs_on).then_some(rest)
}

/// Hex digits written in groups, read by [`separated_hex`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeparatedHex {
    /// The digits, joined.
    pub digits: String,
    /// The value of the digits when there are eight of them.
    pub value: Option<u32>,
    /// The character between the groups.
    pub separator: char,
    /// How many bytes of the text the groups take.
    pub len: usize,
}

/// True for the characters that pages put between groups of digits: a
/// space (plain, no-break, thin or narrow no-break, as typography groups
/// digits, or the ideographic space of CJK pages), `_` (C#, Java, Rust) and `'` (C++14). Not `-`: `0x0000-FFFF`
/// is a range.
pub fn is_digit_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\u{3000}' | '_' | '\''
    )
}

/// The digits at the start of `text` (after its `0x`) when they are eight
/// hex digits in groups of the same length (4 and 4, or four of 2), each
/// split from the next by the same single separator (see
/// [`is_digit_separator`]): `8024 0002`, `8024_0002`, `80 24 00 02`; or
/// seven, 4 and 3 (`8024 200`), a grouped code that lost a digit, read as
/// such (no value). Groups of other lengths are not read as one code:
/// `0x57 87` is a code and its decimal, `0x800 70005` nothing a reader
/// would take for one code.
///
/// One separator may also stand between the `0x` and the digits, grouped
/// the same way or not grouped at all (`0x 8024 0002`, `0x 80240002`): it
/// parts the prefix from digits that are still the code's own.
pub fn separated_hex(text: &str) -> Option<SeparatedHex> {
    let Some(lead) = text.chars().next().filter(|&c| is_digit_separator(c)) else {
        return grouped_hex(text);
    };
    let after = &text[lead.len_utf8()..];
    let whole = after.bytes().take_while(u8::is_ascii_hexdigit).count();
    let found = if whole == 8 {
        SeparatedHex {
            digits: after[..8].to_string(),
            value: u32::from_str_radix(&after[..8], 16).ok(),
            separator: lead,
            len: 8,
        }
    } else {
        grouped_hex(after).filter(|grouped| grouped.separator == lead)?
    };
    // As after grouped digits: a letter, or another group, makes it
    // something else.
    let rest = &after[found.len..];
    if rest
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        || rest.strip_prefix(lead).is_some_and(starts_a_group)
    {
        return None;
    }
    Some(SeparatedHex {
        len: found.len + lead.len_utf8(),
        ..found
    })
}

/// [`separated_hex`] for digits right after the `0x`.
fn grouped_hex(text: &str) -> Option<SeparatedHex> {
    let first = text.bytes().take_while(u8::is_ascii_hexdigit).count();
    if first != 2 && first != 4 {
        return None;
    }
    let separator = text[first..]
        .chars()
        .next()
        .filter(|&c| is_digit_separator(c))?;
    let mut digits = String::with_capacity(8);
    let mut at = 0;
    for group in 0..8 / first {
        if group > 0 {
            text[at..].strip_prefix(separator)?;
            at += separator.len_utf8();
        }
        let run = text[at..].bytes().take_while(u8::is_ascii_hexdigit).count();
        // The last of two groups of 4 may have lost a digit.
        let lost_one = first == 4 && group == 1 && run == 3;
        if run != first && !lost_one {
            return None;
        }
        digits.push_str(&text[at..at + run]);
        at += run;
    }
    // A ninth digit, or another group, makes it something else.
    if text[at..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        || text[at..]
            .strip_prefix(separator)
            .is_some_and(starts_a_group)
    {
        return None;
    }
    // `0x1234 4660`: a short code and its decimal, not one code. A decimal
    // is not written with a leading zero: `0x0000 0000` (S_OK in groups)
    // and `0x0001 0001` are one code.
    let (high, low) = digits.split_at(4);
    if !low.starts_with('0') && u32::from_str_radix(high, 16).ok() == low.parse::<u32>().ok() {
        return None;
    }
    Some(SeparatedHex {
        value: (digits.len() == 8)
            .then(|| u32::from_str_radix(&digits, 16).ok())
            .flatten(),
        digits,
        separator,
        len: at,
    })
}

/// True when `text`, after a group's separator, starts another group of
/// digits: not the next code (`0x8024 0001 0x8024 0002` is two codes,
/// where the `0` of its `0x` was taken for a fifth group).
fn starts_a_group(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_hexdigit())
        && !(text.starts_with("0x") || text.starts_with("0X"))
}

/// A separator in words, for messages (a no-break space looks like a space
/// but is not one to search).
fn separator_name(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '\u{00A0}' => "a no-break space (U+00A0)".to_string(),
        '\u{2009}' => "a thin space (U+2009)".to_string(),
        '\u{202F}' => "a narrow no-break space (U+202F)".to_string(),
        '\u{3000}' => "an ideographic space (U+3000)".to_string(),
        c => format!("`{c}`"),
    }
}

/// Punctuation that may stray around a code: ASCII, and the full-width
/// and ideographic forms that Chinese, Japanese and Korean pages write
/// (`0x80240003：`, `（0x80240004）`, `0x80240005。`, `【0x80240006】`).
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '\u{FF01}'..='\u{FF0F}'
                | '\u{FF1A}'..='\u{FF20}'
                | '\u{FF3B}'..='\u{FF40}'
                | '\u{FF5B}'..='\u{FF65}'
                | '\u{3001}'..='\u{3003}'
                | '\u{3008}'..='\u{3011}'
                | '\u{3014}'..='\u{301B}'
        )
}

/// Error returned by [`HResult::from_str`] for text that is not a code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` {problem}")]
pub struct ParseHResultError {
    /// The text that was read.
    pub text: String,
    /// What is wrong with it.
    pub problem: CodeProblem,
}

impl FromStr for HResult {
    type Err = ParseHResultError;

    /// Parses `0x` + 8 hex digits (either case) or 8 bare hex digits.
    /// Anything that needs a guess is an error.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let reading = HResult::read(text);
        match (reading.value, reading.problem) {
            (Some(value), None | Some(CodeProblem::MissingPrefix)) => Ok(value),
            (_, problem) => Err(ParseHResultError {
                text: text.trim().to_string(),
                problem: problem.unwrap_or(CodeProblem::NotACode),
            }),
        }
    }
}

impl fmt::Display for HResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:08X}", self.0)
    }
}

impl fmt::Debug for HResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HResult({self})")
    }
}

impl serde::Serialize for HResult {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// How a documented decimal number relates to a hex code's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalReading {
    /// The signed 32-bit value: what the column should hold.
    Signed,
    /// The unsigned value (`2147942487` for `0x80070057`).
    Unsigned,
    /// The value minus 2^32 (`-4294967296` for `0x00000000`): a column
    /// computed with the wrong offset.
    OffsetBy2Pow32,
    /// A prefix of the right digits: some were lost.
    Truncated,
    /// The signed value without its minus sign (`2147024809` for
    /// `0x80070057`, which is -2147024809): the sign was lost.
    SignLost,
    /// Unrelated to the hex value.
    Mismatch,
    /// Not a number.
    NotANumber,
}

/// Compares a documented decimal text with the value it should describe.
pub fn read_decimal(text: &str, expected: HResult) -> DecimalReading {
    let Some(number) = whole_number(text) else {
        return DecimalReading::NotANumber;
    };
    let text = number.to_string();
    let text = text.as_str();
    let signed = i64::from(expected.signed());
    if number == signed {
        DecimalReading::Signed
    } else if number == i64::from(expected.value()) {
        DecimalReading::Unsigned
    } else if number == i64::from(expected.value()) - (1_i64 << 32) {
        DecimalReading::OffsetBy2Pow32
    } else if signed < 0 && number == -signed {
        DecimalReading::SignLost
    } else if number.signum() == signed.signum()
        && signed.to_string().starts_with(text)
        && text.len() >= 4
    {
        DecimalReading::Truncated
    } else {
        DecimalReading::Mismatch
    }
}

/// Reads a decimal cell as a 32-bit value, accepting the signed and the
/// unsigned forms. `None` for text that is neither.
pub fn decimal_value(text: &str) -> Option<HResult> {
    let text = text.trim();
    // A C literal's suffix: `6200L`.
    let text = without_c_suffix(text);
    let number = whole_number(text)?;
    if (i64::from(i32::MIN)..=i64::from(u32::MAX)).contains(&number) {
        Some(HResult(number as u32))
    } else {
        None
    }
}

/// `text` with the forms of digits, hex letters, `x` and signs that are
/// not ASCII written as ASCII: full-width forms (`０ｘ８００７`, typed by CJK
/// input methods), Arabic-Indic and Persian digits, and the minus sign
/// U+2212 and the en dash (`−2147024891`, `–2147024891`, which
/// typesetting and word processors put for `-`). Borrowed when there is
/// nothing to fold.
pub fn fold_number_forms(text: &str) -> Cow<'_, str> {
    let folded = |c: char| match c {
        '\u{2212}' | '\u{2013}' | '\u{FF0D}' => Some('-'),
        '\u{FF0B}' => Some('+'),
        '\u{FF10}'..='\u{FF19}'
        | '\u{FF21}'..='\u{FF26}'
        | '\u{FF41}'..='\u{FF46}'
        | '\u{FF38}'
        | '\u{FF58}' => char::from_u32(u32::from(c) - 0xFEE0),
        // Arabic-Indic and Persian digits.
        '\u{0660}'..='\u{0669}' => char::from_u32(u32::from(c) - 0x0660 + u32::from('0')),
        '\u{06F0}'..='\u{06F9}' => char::from_u32(u32::from(c) - 0x06F0 + u32::from('0')),
        _ => None,
    };
    if text.is_ascii() || !text.chars().any(|c| folded(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| folded(c).unwrap_or(c)).collect())
}

/// True for the spaces typography puts between groups of three digits
/// (`4 294 967 295`, as French and other locales group them): a space, a
/// no-break space U+00A0, a thin space U+2009 or a narrow no-break space
/// U+202F.
pub fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{2009}' | '\u{202F}')
}

/// True for the characters locales put between groups of three digits of
/// a whole number: `,` (en), `.` (de), `'` (de-CH), the spaces of
/// [`is_group_space`] (fr), and Arabic's own marks, the thousands
/// separator U+066C `٬` (ar, fa: `-٢٬١٤٧٬٠٢٤٬٨٩١`) and the decimal
/// separator U+066B `٫`, which pages put between groups of three as `.`
/// is put in de (in a column of whole numbers, groups of exactly three
/// are no fraction; see [`grouped_digits`]).
pub fn is_group_separator(c: char) -> bool {
    matches!(c, ',' | '.' | '\'' | '\u{066B}' | '\u{066C}') || is_group_space(c)
}

/// The digits of an unsigned whole number written with ASCII digits, in
/// groups of three after a separator where the locale writes one
/// ([`is_group_separator`]: `1,603`, `4.294.967.295`, `1 223`, `1٬603`): a first
/// group of one to three digits, then groups of exactly three, the same
/// separator throughout. Borrowed when there is no separator; `None` for
/// anything else (`1,60`, `12,3456`, `1,603.5`, an empty text).
pub fn grouped_digits(text: &str) -> Option<Cow<'_, str>> {
    let Some(separator) = text.chars().find(|c| !c.is_ascii_digit()) else {
        return (!text.is_empty()).then_some(Cow::Borrowed(text));
    };
    if !is_group_separator(separator) {
        return None;
    }
    let mut groups = text.split(separator);
    let head = groups.next()?;
    if !(1..=3).contains(&head.len()) || !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut joined = head.to_string();
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        joined.push_str(group);
    }
    Some(Cow::Owned(joined))
}

/// A whole number as decimal columns write it: an optional sign (`-`,
/// `+`, the minus sign U+2212), ASCII, full-width, Arabic-Indic or Persian
/// digits, and groups of three digits after a separator where the locale
/// writes one (see [`grouped_digits`]: `1,603`, `4.294.967.295`, `1 223`,
/// with a space, a no-break, thin or narrow no-break space, `'`, Arabic's
/// `٬` or `٫`: `-٢٬١٤٧٬٠٢٤٬٨٩١`), the same separator throughout. `None` for
/// anything else.
pub fn whole_number(text: &str) -> Option<i64> {
    let folded = fold_number_forms(text.trim());
    let text = folded.as_ref();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let magnitude = grouped_digits(digits)?;
    if magnitude.len() > 19 {
        return None;
    }
    let value = magnitude.parse::<i64>().ok()?;
    Some(if negative { -value } else { value })
}

/// A run of digits in groups of three split by spaces that `text` starts
/// with, read by [`space_grouped_len`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpaceGrouped {
    /// A whole number, this many bytes long.
    Number(usize),
    /// A run of more groups than a 64-bit number has, this many bytes long
    /// (to the last group of three): no number, and no part of it one
    /// either, so a reader skips all of it rather than read its tail as a
    /// number of its own.
    TooLong(usize),
}

/// The whole number `text` starts with, where it is written in groups of
/// three split by a space ([`is_group_space`], the same one throughout:
/// `-2 147 024 891`, `1\u{202F}223`): what a reader that splits text at
/// spaces would take for several numbers. `None` when `text` starts with
/// no such number. Only a regular grouping is one number: an optional
/// sign, a first group of one to three ASCII digits, then one or more
/// groups of exactly three, the last one ending its word. `5 1234` and
/// `12 34` are numbers side by side (`None`), and so is all of `1 223 4`;
/// `1 234,5` and `1 234ms` are no whole number (`None`). `5 123` is one
/// number: where prose means two, the reader of a description keeps its
/// groups apart too. A run of more groups than a 64-bit number has is no
/// number ([`SpaceGrouped::TooLong`], whatever follows it), and its length
/// is all of its groups: a reader that skips it reads each group once.
pub fn space_grouped_len(text: &str) -> Option<SpaceGrouped> {
    // `18 446 744 073 709 551 615`: six groups after the first.
    const MAX_GROUPS: usize = 6;
    let sign = text
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '+' | '\u{2212}' | '\u{2013}'))
        .map_or(0, char::len_utf8);
    let digits_at = |at: usize| {
        text.get(at..).map_or(0, |rest| {
            rest.bytes().take_while(u8::is_ascii_digit).count()
        })
    };
    let head = digits_at(sign);
    if !(1..=3).contains(&head) {
        return None;
    }
    let mut end = sign + head;
    let mut separator: Option<char> = None;
    let mut groups = 0;
    while let Some(c) = text
        .get(end..)
        .and_then(|rest| rest.chars().next())
        .filter(|&c| is_group_space(c))
    {
        let group = digits_at(end + c.len_utf8());
        match group {
            // A word after the number: it ended.
            0 => break,
            3 if separator.is_none_or(|s| s == c) => {
                groups += 1;
                separator = Some(c);
                end += c.len_utf8() + 3;
            }
            // Past the cap, the run ends at the first thing that is not
            // one more group of three: it is no number however it ends.
            _ if groups > MAX_GROUPS => break,
            // `5 1234`, `12 34`, two kinds of space: not one number.
            _ => return None,
        }
    }
    separator?;
    if groups > MAX_GROUPS {
        return Some(SpaceGrouped::TooLong(end));
    }
    let mut after = text.get(end..).unwrap_or("").chars();
    match after.next() {
        Some(c) if c.is_alphanumeric() || c == '_' => None,
        Some(',' | '.') if after.next().is_some_and(|c| c.is_ascii_digit()) => None,
        _ => Some(SpaceGrouped::Number(end)),
    }
}

/// `value` written as `written`, a whole number, groups its digits: in
/// groups of three split by the same separator where `written` is so
/// grouped (`-2 147 024 882` for `-2 147 024 883`, `1,223` for `1,224`,
/// `-٢٬١٤٧٬٠٢٤٬٨٨٢` for `-٢٬١٤٧٬٠٢٤٬٨٨٣`),
/// plain otherwise; with the minus sign `written` has (`−`, U+2212, as
/// Russian and other locales write it) and in its digits (full-width,
/// Arabic-Indic, Persian). A fix then keeps the locale's way of writing
/// numbers.
pub fn grouped_like(written: &str, value: i64) -> String {
    let written = written.trim();
    let minus = written
        .chars()
        .next()
        .filter(|&c| fold_number_forms(c.encode_utf8(&mut [0; 4])) == "-")
        .unwrap_or('-');
    // The zero of the digits `written` uses; ASCII where it has none else.
    let zero = written
        .chars()
        .find_map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => Some(0xFF10),
            '\u{0660}'..='\u{0669}' => Some(0x0660),
            '\u{06F0}'..='\u{06F9}' => Some(0x06F0),
            _ => None,
        })
        .unwrap_or(u32::from('0'));
    let ascii = grouped_ascii_like(written, value);
    ascii
        .chars()
        .map(|c| match c {
            '-' => minus,
            '0'..='9' => char::from_u32(zero + (u32::from(c) - u32::from('0'))).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// [`grouped_like`] in ASCII digits and minus sign.
fn grouped_ascii_like(written: &str, value: i64) -> String {
    let folded = fold_number_forms(written.trim());
    let unsigned = folded.trim_start_matches(['-', '+']);
    let separator = unsigned
        .chars()
        .find(|c| !c.is_ascii_digit())
        .filter(|&c| is_group_separator(c) && grouped_digits(unsigned).is_some());
    let digits = value.unsigned_abs().to_string();
    let sign = if value < 0 { "-" } else { "" };
    let Some(separator) = separator else {
        return format!("{sign}{digits}");
    };
    let mut out = String::from(sign);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_read_as_locales_write_them() {
        for (text, value) in [
            ("-2147024891", Some(-2_147_024_891)),
            ("\u{2212}2147024891", Some(-2_147_024_891)),
            ("１２２３", Some(1223)),
            ("-۲۱۴۵۱۲۴۳۵۱", Some(-2_145_124_351)),
            ("\u{2013}٨٧", Some(-87)),
            ("1,603", Some(1603)),
            ("4.294.967.295", Some(4_294_967_295)),
            ("1 223", Some(1223)),
            ("-2\u{A0}147\u{A0}024\u{A0}891", Some(-2_147_024_891)),
            ("-2\u{202F}147\u{202F}024\u{202F}891", Some(-2_147_024_891)),
            ("-2\u{2009}147\u{2009}024\u{2009}891", Some(-2_147_024_891)),
            ("4'294'967'295", Some(4_294_967_295)),
            ("+5", Some(5)),
            ("1 223\u{A0}456", None),
            ("1 2345", None),
            ("1,60", None),
            ("1,603.5", None),
            ("12,3456", None),
            ("", None),
            ("-", None),
            ("0x10", None),
        ] {
            assert_eq!(whole_number(text), value, "{text:?}");
        }
    }

    #[test]
    fn numbers_grouped_by_spaces_are_found_where_they_start() {
        use SpaceGrouped::{Number, TooLong};
        for (text, len) in [
            ("-2 147 024 891", Some(Number(14))),
            ("-2\u{A0}147\u{A0}024\u{A0}891 octets", Some(Number(17))),
            (
                "\u{2212}2\u{202F}147\u{202F}024\u{202F}891",
                Some(Number(22)),
            ),
            ("1\u{2009}223.", Some(Number(7))),
            ("1 223 essais", Some(Number(5))),
            ("(1 223)", None),
            ("10 000 ms", Some(Number(6))),
            // One regular group joins: `5 123` is 5123 as a whole number.
            ("5 123 and 7", Some(Number(5))),
            // Irregular groups are numbers side by side.
            ("5 1234", None),
            ("12 34", None),
            ("1 223 4", None),
            ("1234 567", None),
            ("1 223\u{A0}456", None),
            // The largest 64-bit number is one; a group more is no number.
            ("18 446 744 073 709 551 615", Some(Number(26))),
            ("1 446 744 073 709 551 615 000", Some(TooLong(29))),
            // Past the cap, the run is all its groups of three, however it
            // ends: none of its tail is a number of its own.
            ("1 000 000 000 000 000 000 000 4", Some(TooLong(29))),
            ("1 000 000 000 000 000 000 000ms", Some(TooLong(29))),
            ("1 000 000 000 000 000 000 000\u{A0}000", Some(TooLong(29))),
            // No group, or no whole number.
            ("5 minutes", None),
            ("1 234,5", None),
            ("1 234ms", None),
            ("2147024891", None),
            ("", None),
        ] {
            assert_eq!(space_grouped_len(text), len, "{text:?}");
        }
    }

    #[test]
    fn fixed_numbers_keep_the_grouping_written() {
        assert_eq!(
            grouped_like("-2\u{202F}147\u{202F}024\u{202F}883", -2_147_024_882),
            "-2\u{202F}147\u{202F}024\u{202F}882"
        );
        assert_eq!(
            grouped_like("2,147,942,487", -2_147_024_809),
            "-2,147,024,809"
        );
        assert_eq!(grouped_like("1 224", 1223), "1 223");
        assert_eq!(grouped_like("1 224", 87), "87");
        assert_eq!(grouped_like("2147942487", -2_147_024_809), "-2147024809");
        assert_eq!(grouped_like("n/a", -2_147_024_809), "-2147024809");
        assert_eq!(grouped_like("12,3456", 5), "5");
    }

    /// The minus sign and the digits are the cell's own, as are its groups.
    #[test]
    fn fixed_numbers_keep_the_sign_and_digits_written() {
        assert_eq!(
            grouped_like("\u{2212}2 147 024 800", -2_147_024_809),
            "\u{2212}2 147 024 809"
        );
        assert_eq!(
            grouped_like("-2.147.024.800", -2_147_024_809),
            "-2.147.024.809"
        );
        assert_eq!(
            grouped_like("\u{2212}2147024800", -2_147_024_809),
            "\u{2212}2147024809"
        );
        assert_eq!(grouped_like("-2147024800", -2_147_024_809), "-2147024809");
        assert_eq!(grouped_like("\u{2212}5", 5), "5");
        assert_eq!(grouped_like("１２２４", 1223), "１２２３");
        assert_eq!(grouped_like("-٨٨", -87), "-٨٧");
        // Arabic's own separators, with Arabic-Indic or Persian digits.
        assert_eq!(
            grouped_like("-٢٬١٤٧٬٠٢٤٬٨٨٣", -2_147_024_882),
            "-٢٬١٤٧٬٠٢٤٬٨٨٢"
        );
        assert_eq!(
            grouped_like("\u{2212}۲٬۱۴۷٬۰۲۴٬۸۰۰", -2_147_024_809),
            "\u{2212}۲٬۱۴۷٬۰۲۴٬۸۰۹"
        );
        assert_eq!(grouped_like("١٫٢٢٤", 1223), "١٫٢٢٣");
        assert_eq!(grouped_like("١٬٢٢٤", 87), "٨٧");
        // ASCII digits grouped the Arabic way keep the mark.
        assert_eq!(grouped_like("1٬224", 1223), "1٬223");
    }

    #[test]
    fn whole_numbers_in_arabic_and_persian_digits_and_separators_are_read() {
        for (text, value) in [
            ("-٢٬١٤٧٬٠٢٤٬٨٩١", Some(-2_147_024_891)),
            ("-۲٬۱۴۷٬۰۲۴٬۸۹۱", Some(-2_147_024_891)),
            ("\u{2212}٢٬١٤٧٬٠٢٤٬٨٩١", Some(-2_147_024_891)),
            ("٤٬٢٩٤٬٩٦٧٬٢٩٥", Some(4_294_967_295)),
            ("-٢٫١٤٧٫٠٢٤٫٨٩١", Some(-2_147_024_891)),
            ("۱٬۲۲۳", Some(1223)),
            ("1٬223", Some(1223)),
            ("٨٧", Some(87)),
            // Groups of three, the same mark throughout.
            ("١٬٢٢", None),
            ("١٬٢٢٣٫٤٥٦", None),
            ("١٢٬٣٤٥٦", None),
            ("١٬٢٢٣٫٥", None),
        ] {
            assert_eq!(whole_number(text), value, "{text:?}");
        }
        assert_eq!(
            decimal_value("-٢٬١٤٧٬٠٢٤٬٨٠٩"),
            Some(HResult::new(0x8007_0057))
        );
    }

    #[test]
    fn full_width_codes_are_read_and_named_as_such() {
        let reading = HResult::read("０ｘ８００７００５７");
        assert_eq!(reading.value, Some(HResult::new(0x8007_0057)));
        assert_eq!(reading.problem, Some(CodeProblem::FullWidth));
        assert_eq!(HResult::read("0x80070057").problem, None);
    }

    #[test]
    fn canonical_form_is_upper_case_with_prefix() {
        assert_eq!(HResult::new(0x80cf_0001).to_string(), "0x80CF0001");
        assert_eq!(HResult::new(0).to_string(), "0x00000000");
        assert_eq!(HResult::new(u32::MAX).to_string(), "0xFFFFFFFF");
    }

    #[test]
    fn parses_both_cases_and_bare_digits() {
        for text in [
            "0x80cf0001",
            "0X80CF0001",
            "0x80Cf0001",
            "80cf0001",
            " 0x80cf0001 ",
        ] {
            assert_eq!(
                text.parse::<HResult>(),
                Ok(HResult::new(0x80CF_0001)),
                "{text}"
            );
        }
    }

    #[test]
    fn edge_values_round_trip() {
        for value in [0u32, 1, 0x7FFF_FFFF, 0x8000_0000, u32::MAX] {
            let text = HResult::new(value).to_string();
            assert_eq!(text.parse::<HResult>().map(HResult::value), Ok(value));
        }
        assert_eq!(HResult::new(u32::MAX).signed(), -1);
        assert_eq!(HResult::new(0).signed(), 0);
    }

    #[test]
    fn structure_fields() {
        let code = HResult::new(0x80CF_0001);
        assert!(code.is_failure());
        assert_eq!(code.facility(), 0x0CF);
        assert_eq!(code.code(), 1);
        assert_eq!(code.signed(), -2133917695);
        assert_eq!(code.with_facility(0x024), HResult::new(0x8024_0001));
        assert!(!HResult::new(0x00CF_0001).is_failure());
    }

    #[test]
    fn c_suffixes_and_the_assembler_h_are_read() {
        for (text, value, problem) in [
            ("0x80070005u", Some(0x8007_0005), None),
            ("0x80070005U", Some(0x8007_0005), None),
            ("0x80070005ul", Some(0x8007_0005), None),
            (
                "80070005U",
                Some(0x8007_0005),
                Some(CodeProblem::MissingPrefix),
            ),
            (
                "80070005h",
                Some(0x8007_0005),
                Some(CodeProblem::AssemblerSuffix),
            ),
            (
                "8007000EH",
                Some(0x8007_000E),
                Some(CodeProblem::AssemblerSuffix),
            ),
            // The zero that keeps a number from beginning with a letter.
            (
                "0C0000005h",
                Some(0xC000_0005),
                Some(CodeProblem::AssemblerSuffix),
            ),
            (
                "8000401h",
                None,
                Some(CodeProblem::WrongDigitCount { digits: 7 }),
            ),
            ("C0000005h", None, Some(CodeProblem::NotACode)),
            ("180070005h", None, Some(CodeProblem::NotACode)),
            ("0x80070005h", None, Some(CodeProblem::NotACode)),
        ] {
            let read = HResult::read(text);
            assert_eq!(read.value, value.map(HResult::new), "{text:?}");
            assert_eq!(read.problem, problem, "{text:?}");
        }
        assert_eq!(assembler_hex("24h"), None);
        assert_eq!(decimal_value("6200u"), Some(HResult::new(6200)));
    }

    #[test]
    fn ranges_and_families_of_codes_are_not_one_code() {
        for (text, problem) in [
            ("0x8024xxxx", Some(CodeProblem::Wildcard)),
            ("0x8024XXXX", Some(CodeProblem::Wildcard)),
            ("0xC19001**", Some(CodeProblem::Wildcard)),
            ("0xC1900101 - 0xC1900107", Some(CodeProblem::Range)),
            ("0x80240001–0x80240FFF", Some(CodeProblem::Range)),
            ("0x80240001 to 0x80240FFF", Some(CodeProblem::Range)),
            ("0x80240001 bis 0x80240FFF", Some(CodeProblem::Range)),
            ("0x80240001～0x80240FFF", Some(CodeProblem::Range)),
            ("0x80240001至0x80240FFF", Some(CodeProblem::Range)),
            // Not a range or a family: reported as before.
            ("0xXXXXXXXX", Some(CodeProblem::NotACode)),
            ("0x8024xxx", Some(CodeProblem::NotACode)),
            ("0x80240001 - 0x2", Some(CodeProblem::NotACode)),
            ("0x80240001 or 0x80240002", Some(CodeProblem::NotACode)),
            ("0x80240001 to0x80240FFF", Some(CodeProblem::NotACode)),
            ("0x802400011 - 0x80240FFF", Some(CodeProblem::NotACode)),
        ] {
            let read = HResult::read(text);
            assert_eq!(read.value, None, "{text:?}");
            assert_eq!(read.problem, problem, "{text:?}");
        }
    }

    #[test]
    fn lenient_reading_names_the_problem() {
        let read = HResult::read("0x8024200");
        assert_eq!(read.value, None);
        assert_eq!(
            read.problem,
            Some(CodeProblem::WrongDigitCount { digits: 7 })
        );

        let read = HResult::read("x8024EFFF");
        assert_eq!(read.value, Some(HResult::new(0x8024_EFFF)));
        assert_eq!(read.problem, Some(CodeProblem::MissingZero));

        let read = HResult::read("0x800704CF.");
        assert_eq!(read.value, Some(HResult::new(0x8007_04CF)));
        assert!(matches!(
            read.problem,
            Some(CodeProblem::TrailingPunctuation { .. })
        ));

        let read = HResult::read("Internal winhttp error");
        assert_eq!(
            read,
            CodeReading {
                value: None,
                problem: Some(CodeProblem::NotACode)
            }
        );

        assert_eq!(HResult::read("").problem, Some(CodeProblem::Empty));
        assert_eq!(HResult::read("0x").problem, Some(CodeProblem::NotACode));
        assert_eq!(
            HResult::read("0x123456789").problem,
            Some(CodeProblem::WrongDigitCount { digits: 9 })
        );
        assert!("0x8024200".parse::<HResult>().is_err());
        assert!("x8024EFFF".parse::<HResult>().is_err());

        // Full-width and ideographic punctuation strays as ASCII does: the
        // digits are read, not `is not a hex code`.
        for (text, stray) in [("0x80240003：", "："), ("0x80240003。", "。")] {
            let read = HResult::read(text);
            assert_eq!(read.value, Some(HResult::new(0x8024_0003)), "{text}");
            assert_eq!(
                read.problem,
                Some(CodeProblem::TrailingPunctuation {
                    trailing: stray.into()
                }),
                "{text}"
            );
        }
        let read = HResult::read("【0x80240004】");
        assert_eq!(read.value, Some(HResult::new(0x8024_0004)));
        assert_eq!(
            read.problem,
            Some(CodeProblem::Wrapped {
                leading: "【".into(),
                trailing: "】".into()
            })
        );
        assert_eq!(
            HResult::read("(0x80240004)").problem,
            Some(CodeProblem::Wrapped {
                leading: "(".into(),
                trailing: ")".into()
            })
        );
        let read = HResult::read("＝0x80240004");
        assert_eq!(read.value, Some(HResult::new(0x8024_0004)));
        assert_eq!(
            read.problem,
            Some(CodeProblem::LeadingPunctuation {
                leading: "＝".into()
            })
        );

        // Punctuation and spaces before a code, however many: one stray
        // run, read in one pass (each `( ` was a level of recursion, and
        // 100,000 of them in a cell overflowed the stack).
        let read = HResult::read("( (0x80240004)");
        assert_eq!(read.value, Some(HResult::new(0x8024_0004)));
        assert_eq!(
            read.problem,
            Some(CodeProblem::Wrapped {
                leading: "( (".into(),
                trailing: ")".into()
            })
        );
        let deep = format!("{}0x80240004)", "( ".repeat(100_000));
        let read = HResult::read(&deep);
        assert_eq!(read.value, Some(HResult::new(0x8024_0004)));
        assert!(matches!(read.problem, Some(CodeProblem::Wrapped { .. })));

        // Eight bare digits with a C suffix: the value, without its prefix.
        for text in ["80070643L", "80070643UL"] {
            let read = HResult::read(text);
            assert_eq!(read.value, Some(HResult::new(0x8007_0643)), "{text}");
            assert_eq!(read.problem, Some(CodeProblem::MissingPrefix), "{text}");
        }
        assert_eq!(
            HResult::read("8007064L").problem,
            Some(CodeProblem::NotACode)
        );
    }

    #[test]
    fn digits_written_in_groups_are_one_code() {
        for (text, separator) in [
            ("0x8024 0002", ' '),
            ("0x8024_0002", '_'),
            ("0x8024'0002", '\''),
            ("0x80 24 00 02", ' '),
            ("0x8024\u{00A0}0002", '\u{00A0}'),
            ("0X8024\u{202F}0002", '\u{202F}'),
            ("0x8024\u{3000}0002", '\u{3000}'),
        ] {
            let read = HResult::read(text);
            assert_eq!(read.value, Some(HResult::new(0x8024_0002)), "{text:?}");
            assert_eq!(
                read.problem,
                Some(CodeProblem::Separated { separator }),
                "{text:?}"
            );
        }
        assert!(
            HResult::read("0x8024 0002")
                .problem
                .is_some_and(|p| p.to_string().contains("split by a space"))
        );
        // A grouped code that lost a digit is read whole, as one.
        assert_eq!(
            HResult::read("0x8024 200"),
            CodeReading {
                value: None,
                problem: Some(CodeProblem::WrongDigitCount { digits: 7 })
            }
        );
        // Equal halves with a leading zero are no code and its decimal.
        for (text, value) in [
            ("0x0000 0000", 0),
            ("0x00 00 00 00", 0),
            ("0x0001 0001", 0x0001_0001),
        ] {
            let read = HResult::read(text);
            assert_eq!(read.value, Some(HResult::new(value)), "{text:?}");
            assert_eq!(
                read.problem,
                Some(CodeProblem::Separated { separator: ' ' }),
                "{text:?}"
            );
        }
        assert_eq!(
            separated_hex("8024 200 |").map(|g| (g.digits, g.len)),
            Some(("8024200".to_string(), 8))
        );
        // A space between the prefix and the digits, grouped or not, is
        // one more of the same separators; another separator after it, or
        // digits that are no code, leave it unread.
        for (text, separator, value) in [
            ("0x 8024 0002", ' ', 0x8024_0002),
            ("0x 80240002", ' ', 0x8024_0002),
            ("0x_8024_0002", '_', 0x8024_0002),
            ("0x 80 24 00 02", ' ', 0x8024_0002),
        ] {
            let read = HResult::read(text);
            assert_eq!(read.value, Some(HResult::new(value)), "{text:?}");
            assert_eq!(
                read.problem,
                Some(CodeProblem::Separated { separator }),
                "{text:?}"
            );
        }
        // Stray punctuation around grouped digits: the code, wrapped.
        let read = HResult::read("【0x8024\u{3000}0004】");
        assert_eq!(read.value, Some(HResult::new(0x8024_0004)));
        assert_eq!(
            read.problem,
            Some(CodeProblem::Wrapped {
                leading: "【".into(),
                trailing: "】".into()
            })
        );
        let read = HResult::read("0x8024 0004.");
        assert_eq!(read.value, Some(HResult::new(0x8024_0004)));
        assert_eq!(
            HResult::read("0x8024 0004 see").value,
            None,
            "words after the groups are no punctuation"
        );
        // The next code after a separator is no group of this one.
        assert_eq!(
            separated_hex("8024 0001 0x8024 0002").map(|g| (g.value, g.len)),
            Some((Some(0x8024_0001), 9))
        );
        assert_eq!(
            separated_hex(" 80240001 0X80240002").map(|g| (g.value, g.len)),
            Some((Some(0x8024_0001), 9))
        );
        assert_eq!(
            HResult::read("0x 8024 200").problem,
            Some(CodeProblem::WrongDigitCount { digits: 7 })
        );
        for text in [
            "0x 8024_0002",
            "0x 1234 4660",
            "0x 8024",
            "0x 800 70005",
            "0x 8024 0002 0003",
            "0x  80240002",
            "0x 80240002 x",
        ] {
            assert_eq!(HResult::read(text).value, None, "{text:?}");
        }
        // Not one code: groups of other lengths, a range, a short code and
        // its decimal, a ninth digit, mixed separators.
        for text in [
            "0x00FF 255",
            "0x8024 20",
            "0x800 70005",
            "0x0000-FFFF",
            "0x1234 4660",
            "0x8024 00021",
            "0x8024 0002 0003",
            "0x80 24_00 02",
        ] {
            assert_eq!(HResult::read(text).value, None, "{text:?}");
        }
    }

    #[test]
    fn decimal_readings() {
        let success = HResult::new(0);
        assert_eq!(read_decimal("0", success), DecimalReading::Signed);
        assert_eq!(
            read_decimal("-4294967296", success),
            DecimalReading::OffsetBy2Pow32
        );
        let invalid_arg = HResult::new(0x8007_0057);
        assert_eq!(
            read_decimal("-2147024809", invalid_arg),
            DecimalReading::Signed
        );
        assert_eq!(
            read_decimal("2147942487", invalid_arg),
            DecimalReading::Unsigned
        );
        let range = HResult::new(0x8019_01A0);
        assert_eq!(read_decimal("-21458448", range), DecimalReading::Truncated);
        assert_eq!(read_decimal("12", range), DecimalReading::Mismatch);
        assert_eq!(
            read_decimal("2147024809", invalid_arg),
            DecimalReading::SignLost
        );
        // A success code has no sign to lose.
        assert_eq!(read_decimal("-0", success), DecimalReading::Signed);
        assert_eq!(read_decimal("n/a", range), DecimalReading::NotANumber);
        assert_eq!(decimal_value("-2147024809"), Some(invalid_arg));
        assert_eq!(decimal_value("2147942487"), Some(invalid_arg));
        assert_eq!(decimal_value("-4294967296"), None);
    }
}
