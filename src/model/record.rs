//! Records, unresolved rows and the dataset: the canonical form every output
//! is written from.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use thin_vec::ThinVec;

use super::{ColumnRole, Family, HResult, LocaleMap, TableFormat, TableKind, TableLayout};

/// Where one cell of a row is. Written to JSON as `[line, column]`: a
/// record carries one per cell per locale, so the short form matters, in
/// the output and in memory (hence `u32`: no text file has four billion
/// lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellPosition {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl CellPosition {
    /// The position of a location (saturating, for the impossible file of
    /// more than four billion lines).
    pub fn of(location: &crate::source::Location) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        CellPosition {
            line: narrow(location.line),
            column: narrow(location.column),
        }
    }
}

impl Serialize for CellPosition {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (self.line, self.column).serialize(serializer)
    }
}

/// Where the cells of one row are, by column role. A fixed struct rather
/// than a map: a large corpus has half a million of them. Written to JSON as
/// an object of the roles present, in alphabetical order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellPositions {
    /// The code cell.
    pub code: Option<CellPosition>,
    /// The decimal cell.
    pub decimal: Option<CellPosition>,
    /// The description cell.
    pub description: Option<CellPosition>,
    /// The name cell.
    pub name: Option<CellPosition>,
}

impl CellPositions {
    /// The position of the cell of a role; `None` for a role the row has no
    /// cell of (and for [`ColumnRole::Win32`] and [`ColumnRole::Other`],
    /// whose cells the dataset does not keep).
    pub fn get(&self, role: ColumnRole) -> Option<CellPosition> {
        match role {
            ColumnRole::Code => self.code,
            ColumnRole::Decimal => self.decimal,
            ColumnRole::Description => self.description,
            ColumnRole::Name => self.name,
            ColumnRole::Win32 | ColumnRole::Other => None,
        }
    }
}

impl Serialize for CellPositions {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Alphabetical, as a map of role names would be.
        let present = [
            ColumnRole::Code,
            ColumnRole::Decimal,
            ColumnRole::Description,
            ColumnRole::Name,
        ]
        .into_iter()
        .filter_map(|role| Some((role.as_str(), self.get(role)?)));
        serializer.collect_map(present)
    }
}

/// One table row that contributed to a record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RowSource {
    /// Path relative to the root (shared with the file's cells).
    pub file: Arc<str>,
    /// 1-based line of the row's code cell.
    pub line: u32,
    /// 1-based column of the row's code cell.
    pub column: u32,
    /// The file's locale.
    pub locale: Arc<str>,
    /// 0-based index of the table in its file.
    pub table: usize,
    /// Where each cell is, by column role.
    pub cells: CellPositions,
    /// 0-based index of the row among the table's data rows (for checks;
    /// not written).
    #[serde(skip)]
    pub row: usize,
    /// True when the row is from the document's source-language file (for
    /// ordering; not written).
    #[serde(skip)]
    pub source_language: bool,
}

/// The documented text of the cells of a record's source row whose text
/// the dataset normalized. Written to JSON as an object of the fields
/// present.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawText {
    /// The code as written, where it is not the canonical form.
    pub code: Option<String>,
    /// The name as written, where a line break or invisible characters
    /// (zero-width spaces and joiners) inside it were removed.
    pub name: Option<String>,
}

impl RawText {
    /// True when no cell was normalized.
    pub fn is_empty(&self) -> bool {
        self.code.is_none() && self.name.is_none()
    }
}

impl Serialize for RawText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let present = [("code", &self.code), ("name", &self.name)]
            .into_iter()
            .filter_map(|(field, text)| Some((field, text.as_deref()?)));
        serializer.collect_map(present)
    }
}

/// A change made to documented text on the way into the dataset that keeps
/// its meaning (case, a line break inside a name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Normalization {
    /// `code`, `name`, ...
    pub field: String,
    /// The text as documented.
    pub from: String,
    /// The text in the dataset.
    pub to: String,
    /// What was done.
    pub reason: String,
}

/// A value in the dataset that differs from the documented one because the
/// evidence says the documented one is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repair {
    /// The field repaired.
    pub field: String,
    /// The text as documented.
    pub from: String,
    /// The value used.
    pub to: String,
    /// The rule whose finding explains the repair.
    pub rule: String,
    /// The independent facts that agree on the value.
    pub evidence: Vec<String>,
}

/// One error code of one document, with every locale's description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The code.
    pub code: HResult,
    /// The symbolic name (line breaks joined; otherwise as documented).
    pub name: String,
    /// The other names the row gives the code, in the order written, where
    /// its name cell lists several (`E_ACCESSDENIED, ERROR_ACCESS_DENIED`:
    /// `name` is the first).
    pub aliases: ThinVec<Box<str>>,
    /// The family, from the name.
    pub family: Family,
    /// The document's id (shared by the document's records).
    pub document: Arc<str>,
    /// The heading the table sits under (shared by the table's records).
    pub section: Arc<str>,
    /// Plain-text description per locale (shared with the cells read).
    pub descriptions: LocaleMap<Arc<str>>,
    /// Markdown description per locale, where it differs from the text.
    pub descriptions_markdown: LocaleMap<String>,
    /// The decimal column as documented, where the table has one.
    pub documented_decimal: Option<String>,
    /// The mirrored code (`WU` <-> `OM`), where the dataset holds it.
    pub counterpart: Option<HResult>,
    /// Every row that contributed, source locale first.
    pub sources: ThinVec<RowSource>,
    /// The documented text of every cell whose text was normalized.
    pub raw: RawText,
    /// What normalization did.
    pub normalizations: ThinVec<Normalization>,
    /// Values repaired from evidence.
    pub repairs: ThinVec<Repair>,
}

impl Record {
    /// The sort key of the dataset: value, document, name, first source.
    pub fn sort_key(&self) -> (HResult, &str, &str, Option<&RowSource>) {
        (self.code, &self.document, &self.name, self.sources.first())
    }
}

/// A data row that did not become a record, with why and its raw cells.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct UnresolvedRow {
    /// Path relative to the root.
    pub file: Arc<str>,
    /// 1-based line of the row.
    pub line: usize,
    /// 1-based column of the row.
    pub column: usize,
    /// The document's id.
    pub document: Arc<str>,
    /// The file's locale.
    pub locale: Arc<str>,
    /// 0-based index of the table in its file.
    pub table: usize,
    /// Why the row is not a record.
    pub reason: String,
    /// The raw text of each cell, by column header (or position).
    pub cells: BTreeMap<String, String>,
}

/// One document in the dataset's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentSummary {
    /// The document's id.
    pub id: String,
    /// A title: configured, or the first heading.
    pub title: String,
    /// The source-language locale.
    pub source_locale: String,
    /// Every locale file.
    pub files: Vec<FileSummary>,
}

/// One locale file in the dataset's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileSummary {
    /// Path relative to the root.
    pub file: String,
    /// The locale.
    pub locale: String,
    /// The front matter, every key as written.
    pub front_matter: BTreeMap<String, serde_json::Value>,
    /// The tables: where, under which heading, with which columns and how
    /// many rows.
    pub tables: Vec<TableSummary>,
}

/// One table in the dataset's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableSummary {
    /// 0-based index in the file.
    pub index: usize,
    /// 1-based line where the table starts.
    pub line: usize,
    /// The heading above it.
    pub section: String,
    /// `markdown` or `html`.
    pub format: TableFormat,
    /// `vertical` for a table of one code whose first column holds labels
    /// and second the values; left out for a row per code. The columns of
    /// a vertical table are its label/value pairs.
    #[serde(skip_serializing_if = "TableLayout::is_rows")]
    pub layout: TableLayout,
    /// Whether it lists codes (`codes`), holds none (`no-codes`: not read
    /// as codes), or names a code column over no codes (`unreadable`).
    pub kind: TableKind,
    /// The columns as read: their roles, and why.
    pub columns: Vec<ColumnSummary>,
    /// Data rows.
    pub rows: usize,
    /// Rows with no text in any cell (not read).
    #[serde(skip_serializing_if = "is_zero")]
    pub blank_rows: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One column of a table as errdocs read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnSummary {
    /// The header's text (empty where the table has no header).
    pub header: String,
    /// The column as written, 1-based (two columns read the parts of one
    /// whose cells hold a name and a code together); in a vertical table,
    /// the label/value pair, 1-based in the order written.
    pub column: usize,
    /// What it holds.
    pub role: ColumnRole,
    /// Why it was read so.
    pub reason: String,
}

/// Counts that show every row was accounted for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Documents.
    pub documents: usize,
    /// Locale files.
    pub files: usize,
    /// Tables, of codes or not.
    pub tables: usize,
    /// Tables that hold no codes (requirements, links): not read as codes.
    pub tables_without_codes: usize,
    /// Data rows with no text in any cell: not read.
    pub blank_rows: usize,
    /// Data rows read from the tables that hold codes (or should).
    pub rows_read: usize,
    /// Records.
    pub records: usize,
    /// Rows that contributed to a record.
    pub rows_in_records: usize,
    /// Rows kept as unresolved.
    pub unresolved_rows: usize,
}

/// The canonical dataset.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// The documents and their files.
    pub documents: Vec<DocumentSummary>,
    /// The records, sorted by value, document and name.
    pub records: Vec<Record>,
    /// Rows that did not become records, sorted by file and line.
    pub unresolved: Vec<UnresolvedRow>,
    /// The counts.
    pub stats: Stats,
}
