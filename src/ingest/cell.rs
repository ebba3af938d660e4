//! The cells a reader yields, with their source text, plain text and
//! location, and the rows, columns and headings made of them: what every
//! reader of a layout (pipe and HTML tables, vertical tables, lists)
//! shares, below the tables they are laid out into.

use std::sync::Arc;

use serde::Serialize;
use thin_vec::ThinVec;

use crate::model::ColumnRole;
use crate::source::{Location, SourceFile};

/// One table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Where the cell's content starts.
    pub location: Location,
    /// The byte offset in the file where [`Cell::source`] starts (for a
    /// cell that is part of another, where that part starts).
    pub offset: usize,
    /// Plain text: markup removed, entities and escapes decoded, white space
    /// collapsed, identifiers broken across lines joined. Shared: the
    /// dataset's descriptions are these texts.
    pub text: Arc<str>,
    /// What most cells do not have (a large corpus has millions of cells,
    /// so what is rare lives behind one pointer). Shared: a cell listing
    /// many codes is read as a row per code, each with the row's cells.
    forms: Option<Arc<OtherForms>>,
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
    /// For a name read from inside a macro, the macro
    /// (`HRESULT_FROM_WIN32` of `HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)`):
    /// the code is the value the macro makes of the name's.
    wrapped_in: Option<&'static str>,
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
        offset: usize,
        source: &str,
        text: String,
        markdown: &str,
        joined_lines: Vec<usize>,
    ) -> Self {
        let forms = OtherForms {
            source: (source != markdown).then(|| source.into()),
            markdown: (markdown != text).then(|| markdown.into()),
            joined_lines: joined_lines.into_boxed_slice(),
            wrapped_in: None,
        };
        Cell {
            location,
            offset,
            text: text.into(),
            forms: (forms != OtherForms::default()).then(|| Arc::new(forms)),
        }
    }

    /// An empty cell at `location`, byte `offset` (a missing cell of a
    /// short row).
    pub fn empty(location: Location, offset: usize) -> Self {
        Cell::new(location, offset, "", String::new(), "", Vec::new())
    }

    /// The part of this cell at `span` of its text, as a cell of its own:
    /// its location is where that text is written in the file, when it can
    /// be found in the cell's source (markup around it is dropped), else the
    /// cell's own.
    pub fn part(&self, file: &SourceFile, span: std::ops::Range<usize>) -> Cell {
        self.part_after(file, span, &mut 0)
    }

    /// [`Cell::part`] for each of `spans`, in the order they are written:
    /// each is looked for after the one before it, so a cell listing
    /// thousands of codes is read once, not once per code (and a code
    /// written twice is found at each place).
    pub fn parts(
        &self,
        file: &SourceFile,
        spans: impl IntoIterator<Item = std::ops::Range<usize>>,
    ) -> Vec<Cell> {
        let mut from = 0;
        spans
            .into_iter()
            .map(|span| self.part_after(file, span, &mut from))
            .collect()
    }

    /// [`Cell::part`], looked for in the source from byte `from` on (where
    /// no HTML tag is open) and, when not found there, from its start;
    /// `from` moves past the part found.
    fn part_after(
        &self,
        file: &SourceFile,
        span: std::ops::Range<usize>,
        from: &mut usize,
    ) -> Cell {
        let Some(text) = self.text.get(span) else {
            return self.clone();
        };
        let source = self.source();
        // Markdown escapes `_` and `*` in names: `E\_UNEXPECTED`.
        let escaped = text.replace('_', "\\_");
        let find = |start: usize| {
            written_as_text(source, text, start)
                .map(|at| (at, text.len()))
                .or_else(|| written_as_text(source, &escaped, start).map(|at| (at, escaped.len())))
        };
        let found = find(*from).or_else(|| if *from > 0 { find(0) } else { None });
        if let Some((at, len)) = found {
            *from = at + len;
        }
        match found {
            Some((at, len)) => {
                let offset = self.offset + at;
                let written = &source[at..at + len];
                Cell::new(
                    file.location(offset),
                    offset,
                    written,
                    text.to_string(),
                    written,
                    Vec::new(),
                )
            }
            None => Cell::new(
                self.location.clone(),
                self.offset,
                text,
                text.to_string(),
                text,
                Vec::new(),
            ),
        }
    }

    /// The bytes of the file that [`Cell::source`] was read from:
    /// `offset..offset + source().len()`. For a pipe-table cell, everything
    /// between its pipes, padding included; for an HTML cell, the content
    /// between the `<td>`'s `>` and the tag that ends it; for a part of a
    /// cell, the part as written. One exception: the cells of an HTML table
    /// whose tags could not be matched to its cells (`html-table-unmapped`)
    /// hold their parsed HTML, not the file's bytes. A caller that edits the
    /// file checks that the bytes there are still [`Cell::source`].
    pub fn span(&self) -> std::ops::Range<usize> {
        self.offset..self.offset + self.source().len()
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

    /// This cell, a name read from inside the macro `wrapper`.
    pub fn wrapped_in(mut self, wrapper: &'static str) -> Cell {
        let forms = self.forms.get_or_insert_with(Default::default);
        Arc::make_mut(forms).wrapped_in = Some(wrapper);
        self
    }

    /// The macro this cell's name was read from inside, if any
    /// (`HRESULT_FROM_WIN32`).
    pub fn wrapper(&self) -> Option<&'static str> {
        self.forms.as_ref().and_then(|f| f.wrapped_in)
    }
}

/// Where `needle` is first written in `source` from byte `from` on (a
/// place outside any HTML tag) as text: not inside an HTML tag (a page's
/// anchors repeat names in `<span id="...">`, which a fix must not touch),
/// and not as part of a longer name or number. One pass over
/// `source[from..]`, however many times `needle` occurs in it.
fn written_as_text(source: &str, needle: &str, from: usize) -> Option<usize> {
    if needle.is_empty() || !source.is_char_boundary(from) {
        return None;
    }
    let is_word = |c: char| super::text::is_identifier_char(c);
    let bytes = source.as_bytes();
    let mut in_tag = false;
    let mut scanned = from;
    for (at, _) in source[from..].match_indices(needle) {
        let at = from + at;
        for i in scanned..at {
            match bytes[i] {
                b'<' if bytes
                    .get(i + 1)
                    .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!') =>
                {
                    in_tag = true;
                }
                b'>' => in_tag = false,
                _ => {}
            }
        }
        scanned = scanned.max(at);
        let before = source[..at].chars().next_back();
        let after = source[at + needle.len()..].chars().next();
        let glued_before = before.is_some_and(is_word) && needle.starts_with(is_word);
        let glued_after = after.is_some_and(is_word) && needle.ends_with(is_word);
        if !in_tag && !glued_before && !glued_after {
            return Some(at);
        }
    }
    None
}

/// One column: its header cell, its role, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// What the column holds.
    pub role: ColumnRole,
    /// The header cell (for a part of a column, the column's header).
    pub header: Cell,
    /// The column of the table as written (0-based): two columns read
    /// the parts of one whose cells hold a name and a code together.
    pub source: usize,
    /// Why the column was read in this role.
    pub reason: String,
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
    /// For a row whose code cell lists several codes, read as a row per
    /// code: which code of the cell this row is (0 for the first, and for
    /// every other row).
    #[serde(skip)]
    pub part: u16,
    /// The other names of a row whose name cell gives its one code several
    /// (`E_ACCESSDENIED, ERROR_ACCESS_DENIED`, `E_A<br>E_B`): the cell
    /// laid out by role holds the first, the row's name, and these are
    /// kept as its aliases rather than joined to it or dropped.
    #[serde(
        skip_serializing_if = "ThinVec::is_empty",
        serialize_with = "serialize_names"
    )]
    pub aliases: ThinVec<Box<str>>,
}

/// Writes names as a JSON array (`ThinVec` has no `Serialize` here).
fn serialize_names<S: serde::Serializer>(
    names: &ThinVec<Box<str>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(names.iter())
}
