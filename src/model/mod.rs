//! The canonical model: the `HResult` value type, code families, and the
//! dataset of records that every output is made from.

mod family;
mod hresult;
mod record;

pub use family::{Family, counterpart_code};
pub use hresult::{
    CodeProblem, CodeReading, DecimalReading, HResult, ParseHResultError, decimal_value,
    read_decimal,
};
pub use record::{
    CellPosition, CellPositions, Dataset, DocumentSummary, FileSummary, Normalization, Record,
    Repair, RowSource, Stats, TableSummary, UnresolvedRow,
};
