//! How a table is laid out: its format and what each column holds.

use serde::Serialize;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnRole {
    /// The hex code.
    Code,
    /// The code as a decimal number.
    Decimal,
    /// The symbolic name.
    Name,
    /// The description.
    Description,
    /// The Win32 error number that a `FACILITY_WIN32` HRESULT
    /// (`0x8007xxxx`) wraps, its low 16 bits, in decimal or hex (`87` or
    /// `0x57` beside `0x80070057`). Checked against the code, not kept in
    /// the dataset: it restates the code.
    Win32,
    /// Anything else; kept, not interpreted.
    Other,
}

impl ColumnRole {
    /// The role's name in outputs (`code`, `decimal`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnRole::Code => "code",
            ColumnRole::Decimal => "decimal",
            ColumnRole::Name => "name",
            ColumnRole::Description => "description",
            ColumnRole::Win32 => "win32",
            ColumnRole::Other => "other",
        }
    }
}

/// Whether a table was a Markdown pipe table or raw HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableFormat {
    /// A GFM pipe table.
    Markdown,
    /// An HTML `<table>` inside the Markdown.
    Html,
    /// Codes listed outside tables: definition lists or paragraph entries,
    /// read as a table.
    List,
}

/// How the codes of a table are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CodeForms {
    /// Hex codes are written without their leading zeros (`0x2`,
    /// `0x240001`), or without `0x` at all: they are values, not codes
    /// that lost digits.
    pub short_hex: bool,
    /// The table has no hex codes: its decimal column is the code.
    pub decimal_codes: bool,
    /// Codes are hex where written with `0x`, decimal numbers elsewhere (a
    /// list of `#define`s, some hex and some decimal).
    pub mixed: bool,
    /// Only some codes are written with their name, in the code's own
    /// cell (`2149056536 (0x80180018)<br>MENROLL_E_USERLICENSE` above a
    /// bare `3400073293`): a row without one names no constant, it does
    /// not leave a name blank.
    pub names_optional: bool,
}

/// Whether a table holds codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableKind {
    /// It lists codes: its rows become records.
    Codes,
    /// Nothing in it is a code (a Requirements table, a list of links):
    /// counted, never read as codes.
    NoCodes,
    /// Its header names a code column but its cells hold no codes, or it
    /// has codes but nothing else to read them with: its rows are kept as
    /// unresolved rows, and reported.
    Unreadable,
}

/// How a table sets out its codes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableLayout {
    /// A row per code, a column per field.
    #[default]
    Rows,
    /// One code per table: labels in the first column, values in the
    /// second (`| Code | 0x80070005 |` above `| Name | E_ACCESSDENIED |`),
    /// read as one row whose columns are the label/value pairs.
    Vertical,
}

impl TableLayout {
    /// True for [`TableLayout::Rows`], which outputs leave unsaid.
    pub fn is_rows(&self) -> bool {
        *self == TableLayout::Rows
    }
}
