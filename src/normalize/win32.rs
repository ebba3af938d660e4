//! The cells of a Win32 column: the numbers they state (`87`, `0x57`,
//! `87 (0x57)`, `1 223`), and a number restated in the notation its cell
//! writes. Shared by `win32-number-mismatch`, which checks them against
//! their codes, and by the reading of a row's code and the decimal rules,
//! for which they are evidence about the code.

use crate::ingest::shape::{Token, shape_of};
use crate::model::{HResult, grouped_like};

/// True when two cells state the same numbers (`87` and `87`, `1 223` and
/// `1,223`).
pub fn same_numbers(a: &str, b: &str) -> bool {
    let values = |text: &str| -> Vec<i64> { stated(text).iter().map(|n| n.value).collect() };
    values(a) == values(b)
}

/// A number a Win32 cell states, and where it is in the cell's text.
pub struct Stated {
    /// Its value.
    pub value: i64,
    /// Its bytes in the cell's trimmed text.
    pub span: std::ops::Range<usize>,
    /// True when written in hex (`0x57`).
    pub hex: bool,
}

/// The numbers of a Win32 cell's trimmed text, decimal or hex, in order.
pub fn stated(text: &str) -> Vec<Stated> {
    shape_of(text.trim())
        .tokens
        .into_iter()
        .filter_map(|t| match t.token {
            Token::Decimal(value) => Some(Stated {
                value,
                span: t.span,
                hex: false,
            }),
            Token::Hex(digits) => Some(Stated {
                value: i64::from(u32::from_str_radix(digits.as_str(), 16).ok()?),
                span: t.span,
                hex: true,
            }),
            _ => None,
        })
        .collect()
}

/// `written`, a number of a Win32 cell, restated as `value` in its own
/// notation: its digit groups for a decimal (`1 223`), its prefix, case,
/// width and suffix for hex (`0x0057L`).
pub fn restate(written: &str, hex: bool, value: u16) -> String {
    if !hex {
        return grouped_like(written, i64::from(value));
    }
    let prefix_len = if written.starts_with("0x") || written.starts_with("0X") {
        2
    } else {
        0
    };
    let (prefix, rest) = written.split_at(prefix_len);
    let digits_len = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
    let (digits, suffix) = rest.split_at(digits_len);
    let lower = digits.bytes().any(|b| b.is_ascii_lowercase());
    let width = digits_len.max(1);
    let new_digits = if lower {
        format!("{value:0width$x}")
    } else {
        format!("{value:0width$X}")
    };
    format!("{prefix}{new_digits}{suffix}")
}

/// The Win32 error that every number of a Win32 cell states, where they
/// state one (`87`, `87 (0x57)`); `None` for an empty cell, one that states
/// no number or two different ones.
pub fn error_stated(text: &str) -> Option<u16> {
    let numbers = stated(text);
    let first = numbers.first()?.value;
    numbers
        .iter()
        .all(|n| n.value == first)
        .then(|| u16::try_from(first).ok())
        .flatten()
}

/// The Win32 error inside `code` where it is a `FACILITY_WIN32` failure
/// (`0x8007xxxx`): its low 16 bits.
pub fn error_inside(code: HResult) -> Option<u16> {
    (code.value() & 0xFFFF_0000 == 0x8007_0000).then(|| code.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_restated_in_their_own_notation() {
        assert_eq!(restate("78", false, 87), "87");
        assert_eq!(restate("1 224", false, 1223), "1 223");
        assert_eq!(restate("0x4E", true, 0x57), "0x57");
        assert_eq!(restate("0x004e", true, 0x57), "0x0057");
        assert_eq!(restate("0X4EL", true, 0x57), "0X57L");
        assert_eq!(restate("0x4", true, 0x4C7), "0x4C7");
    }

    #[test]
    fn the_error_a_cell_states_and_the_one_inside_a_code() {
        assert_eq!(error_stated("87 (0x57)"), Some(87));
        assert_eq!(error_stated("87 (0x58)"), None);
        assert_eq!(error_stated("n/a"), None);
        assert_eq!(error_inside(HResult::new(0x8007_0057)), Some(87));
        assert_eq!(error_inside(HResult::new(0x8000_4005)), None);
        assert_eq!(error_inside(HResult::new(0x0000_0057)), None);
    }

    #[test]
    fn a_cell_states_its_numbers_in_either_notation() {
        let values = |text: &str| -> Vec<(i64, bool)> {
            stated(text).iter().map(|n| (n.value, n.hex)).collect()
        };
        assert_eq!(values("87"), [(87, false)]);
        assert_eq!(values("0x57"), [(0x57, true)]);
        assert_eq!(values("87 (0x57)"), [(87, false), (0x57, true)]);
        assert_eq!(values("1\u{202F}223"), [(1223, false)]);
        assert!(values("n/a").is_empty());
        assert!(same_numbers("1 223", "1223"));
        assert!(!same_numbers("87", "78"));
    }
}
