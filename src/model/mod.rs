//! The canonical model: the `HResult` value type, code families, and the
//! dataset of records that every output is made from.

mod family;
mod hresult;
mod locale_map;
mod record;

pub use family::{Family, counterpart_code};
pub use hresult::{
    CodeProblem, CodeReading, DecimalReading, HResult, ParseHResultError, decimal_value,
    read_decimal,
};
pub use locale_map::LocaleMap;
pub use record::{
    CellPosition, CellPositions, Dataset, DocumentSummary, FileSummary, Normalization, RawText,
    Record, Repair, RowSource, Stats, TableSummary, UnresolvedRow,
};
