//! Raw tables as ingest reads them: cells with their source text, plain
//! text and location, grouped into rows under a header with column roles.

use std::sync::Arc;

use serde::Serialize;

use crate::model::{ColumnRole, TableFormat};
use crate::source::Location;

/// One table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Where the cell's content starts.
    pub location: Location,
    /// Plain text: markup removed, entities and escapes decoded, white space
    /// collapsed, identifiers broken across lines joined. Shared: the
    /// dataset's descriptions are these texts.
    pub text: Arc<str>,
    /// What most cells do not have (a large corpus has millions of cells,
    /// so what is rare lives behind one pointer).
    forms: Option<Box<OtherForms>>,
}

/// A cell's other forms, where they differ from its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct OtherForms {
    /// The Markdown, where it differs from the text.
    markdown: Option<Box<str>>,
    /// The text exactly as in the file, where it differs from the Markdown.
    source: Option<Box<str>>,
    /// Lines at which a line break inside an identifier was removed.
    joined_lines: Box<[usize]>,
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let forms = self.forms.as_deref();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("file", &self.location.file)?;
        map.serialize_entry("line", &self.location.line)?;
        map.serialize_entry("column", &self.location.column)?;
        map.serialize_entry("text", &self.text)?;
        map.serialize_entry("markdown", &forms.and_then(|f| f.markdown.as_deref()))?;
        map.serialize_entry("source", &forms.and_then(|f| f.source.as_deref()))?;
        if !self.joined_lines().is_empty() {
            map.serialize_entry("joined_lines", self.joined_lines())?;
        }
        map.end()
    }
}

impl Cell {
    /// A cell from its three forms: the text exactly as in the file
    /// (Markdown, or the inner HTML), the plain text, and the Markdown. The
    /// source and the Markdown are copied only where they differ from the
    /// next simpler form.
    pub fn new(
        location: Location,
        source: &str,
        text: String,
        markdown: &str,
        joined_lines: Vec<usize>,
    ) -> Self {
        let forms = OtherForms {
            source: (source != markdown).then(|| source.into()),
            markdown: (markdown != text).then(|| markdown.into()),
            joined_lines: joined_lines.into_boxed_slice(),
        };
        Cell {
            location,
            text: text.into(),
            forms: (forms != OtherForms::default()).then(|| Box::new(forms)),
        }
    }

    /// An empty cell at `location` (a missing cell of a short row).
    pub fn empty(location: Location) -> Self {
        Cell::new(location, "", String::new(), "", Vec::new())
    }

    /// The content as Markdown (for HTML cells, converted).
    pub fn markdown(&self) -> &str {
        self.forms
            .as_ref()
            .and_then(|f| f.markdown.as_deref())
            .unwrap_or(&self.text)
    }

    /// The cell's text exactly as in the file (Markdown, or the inner HTML).
    pub fn source(&self) -> &str {
        self.forms
            .as_ref()
            .and_then(|f| f.source.as_deref())
            .unwrap_or_else(|| self.markdown())
    }

    /// Lines at which a line break inside an identifier was removed.
    pub fn joined_lines(&self) -> &[usize] {
        self.forms.as_ref().map_or(&[], |f| &f.joined_lines)
    }
}

/// One column: its header cell and role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// What the column holds.
    pub role: ColumnRole,
    /// The header cell.
    pub header: Cell,
}

/// A heading of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Plain text.
    pub text: String,
    /// An explicit anchor (`<a name="...">` or `{#id}`), where the heading
    /// has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// Where the heading starts.
    #[serde(flatten)]
    pub location: Location,
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Where the row starts.
    #[serde(flatten)]
    pub location: Location,
    /// The cells, one per column (missing cells of a short row are empty).
    pub cells: Vec<Cell>,
    /// Cells beyond the header's width, kept as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extra_cells: Vec<String>,
}

/// One table of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// 0-based position among the file's tables.
    pub index: usize,
    /// Markdown or HTML.
    pub format: TableFormat,
    /// Where the table starts.
    #[serde(flatten)]
    pub location: Location,
    /// The nearest non-empty heading above the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<Heading>,
    /// The columns; empty when the table has no header row.
    pub columns: Vec<Column>,
    /// The data rows (the header row excluded).
    pub rows: Vec<Row>,
}

impl Table {
    /// The index of the first column with `role`.
    pub fn column(&self, role: ColumnRole) -> Option<usize> {
        self.columns.iter().position(|c| c.role == role)
    }

    /// True when the header says where the codes are and what describes
    /// them: the table can be read as error codes.
    pub fn is_understood(&self) -> bool {
        self.column(ColumnRole::Code).is_some()
            && (self.column(ColumnRole::Name).is_some()
                || self.column(ColumnRole::Description).is_some())
    }

    /// The heading's text, or an empty string.
    pub fn section(&self) -> &str {
        self.heading.as_ref().map_or("", |h| h.text.as_str())
    }
}
