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
}
