//! The canonical model: the `HResult` value type, code families, facts
//! about names, table layouts, and the dataset of records that every output
//! is made from.

mod family;
mod hresult;
mod layout;
mod locale_map;
mod names;
mod record;

pub use family::{Family, counterpart_code};
pub use hresult::{
    C_SUFFIXES, CodeProblem, CodeReading, DecimalReading, HResult, ParseHResultError, SeparatedHex,
    SpaceGrouped, assembler_hex, decimal_value, fold_number_forms, grouped_digits, grouped_like,
    is_digit_separator, is_group_separator, is_group_space, read_decimal, separated_hex,
    several_codes, space_grouped_len, whole_number,
};
pub use layout::{CodeForms, ColumnRole, TableFormat, TableKind, TableLayout};
pub use locale_map::LocaleMap;
pub use names::{
    Lookalike, LookalikeName, ascii_lookalike, differs_only_in_lookalikes, http_status_of,
    is_placeholder_name, lookalike_name,
};
pub use record::{
    CellPosition, CellPositions, ColumnSummary, Dataset, DocumentSummary, FileSummary,
    Normalization, RawText, Record, Repair, RowSource, Stats, TableSummary, UnresolvedRow,
};
