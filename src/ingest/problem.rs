//! What ingest could read only in part. Ingest knows no rules: it reports
//! these typed problems, and the check turns each kind into the finding of
//! one rule.

use super::roles::HeaderMismatch;
use crate::source::Location;

/// A problem found while reading a file; the file is still read as far as
/// it can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestProblem {
    /// The front matter could not be read, or only in part.
    FrontMatter {
        /// Where the problem is.
        location: Location,
        /// What is wrong.
        kind: FrontMatterProblem,
    },
    /// A table row with more or fewer cells than its header.
    RaggedRow {
        /// Where the row starts.
        location: Location,
        /// The cells the row has.
        cells: usize,
        /// The cells the header has.
        width: usize,
        /// The text of the cells beyond the header, where the reader has it.
        extra: Vec<String>,
    },
    /// A pipe table the Markdown reader ended before its rows did: its rows
    /// are so much shorter than its header that the cells it pads them
    /// with reached its limit ([`crate::ingest::markdown::PADDED_CELLS_LIMIT`]).
    /// The lines after it are not read as its rows.
    TableCutShort {
        /// The first line not read as a row.
        location: Location,
        /// The cells the header has.
        width: usize,
        /// The rows read.
        rows: usize,
    },
    /// A table whose header names no code column: its rows cannot be read
    /// as codes.
    UnrecognizedHeader {
        /// Where the table starts.
        location: Location,
        /// The header cells' text (empty when the table has no header row).
        headers: Vec<String>,
        /// The table's data rows.
        rows: usize,
        /// How many of them hold a code somewhere: too few for a column
        /// of codes.
        rows_with_code: usize,
        /// The most rows whose code is in one and the same column: fewer
        /// than `rows_with_code` where the codes are spread over columns.
        most_in_a_column: usize,
        /// Where the header names no code column, the first code the
        /// table's cells list among other words (`E _ puntatore
        /// 0x80004003`), as written, and where: the table is read as
        /// unreadable for them, not passed over as a table of other things.
        listed_code: Option<(String, Location)>,
    },
    /// A table that holds one code laid out vertically (labels in its
    /// first column, values in its second) but cannot be read safely: its
    /// values are kept as one unresolved row.
    UnreadVerticalTable {
        /// Where its code is written.
        location: Location,
        /// Where the table starts.
        table: Location,
        /// The code, as written.
        code: String,
        /// Why it is not read.
        reason: String,
    },
    /// A header whose words name another role than its column's cells
    /// hold: the cells decide.
    HeaderMismatch {
        /// The header cell.
        location: Location,
        /// Where the table starts.
        table: Location,
        /// The header's text.
        header: String,
        /// What the header says and what the cells hold.
        mismatch: HeaderMismatch,
    },
    /// A column whose header names a role another column of the table
    /// already has (`Error code | Error code | Description`): its cells
    /// are kept with the table but are in no record.
    DuplicateColumn {
        /// The second column's header cell.
        location: Location,
        /// Its header text.
        header: String,
        /// The role its header names.
        role: crate::model::ColumnRole,
        /// The header cell of the column read in that role.
        kept: Location,
    },
    /// A row whose code cell lists several codes beside a name cell that
    /// lists several names that cannot be paired with them: each code keeps
    /// the name cell as read.
    UnpairedNames {
        /// Where the name cell is.
        location: Location,
        /// The names it lists.
        names: Vec<String>,
        /// How many codes the code cell lists.
        codes: usize,
    },
    /// An HTML table that is never closed: read up to the end of its HTML
    /// block.
    UnclosedHtmlTable {
        /// Where the table starts.
        location: Location,
    },
    /// An HTML table whose cells could not be matched with their tags in
    /// the raw text, so they are placed at the table's first line.
    UnmappedHtmlTable {
        /// Where the table starts.
        location: Location,
        /// Rows the HTML parser sees.
        rows: usize,
        /// Cells the HTML parser sees.
        cells: usize,
        /// `<tr>` tags in the raw text.
        row_tags: usize,
        /// `<td>` and `<th>` tags in the raw text.
        cell_tags: usize,
    },
    /// An HTML table cell whose `colspan` reaches a column that a
    /// `rowspan` from a row above already covers (HTML's table model calls
    /// it an error; browsers draw the two cells over each other). The
    /// column is read as the cell from above.
    OverlappingHtmlCells {
        /// The overlapping cell.
        location: Location,
        /// The cell from above whose column it overlaps.
        overlapped: Location,
    },
    /// Tables inside a table nested deeper than ingest follows them (see
    /// `NESTING_DEPTH` in [`super::html`]): they are not read as tables,
    /// their text stays the text of the cell that holds them.
    TablesNestedTooDeep {
        /// Where the first of them starts.
        location: Location,
        /// How many tables deep it is (1 for a table inside a top-level
        /// one).
        depth: usize,
        /// How many tables at that depth, side by side, are not read.
        tables: usize,
    },
    /// An HTML comment that is never closed: Markdown hides the rest of
    /// the page (or of the list or quote it is in), tables included.
    UnclosedHtmlComment {
        /// Where the comment opens.
        location: Location,
        /// The non-blank lines it hides after its own.
        hidden_lines: usize,
        /// The last line it hides.
        last_line: usize,
    },
    /// A fenced code block that is never closed and hides what may be a
    /// table of codes: Markdown shows the rest of the page (or of the list
    /// item or quote it is in) as code.
    UnclosedCodeFence {
        /// Where the fence opens.
        location: Location,
        /// The non-blank lines it holds after its own.
        hidden_lines: usize,
        /// The last line it holds.
        last_line: usize,
    },
    /// A file that lists codes in headings or list items that none of its
    /// tables holds (see [`super::stray_codes`]): none of them is in the
    /// dataset.
    CodesOutsideTables {
        /// Where the first code is.
        location: Location,
        /// The first code, as written.
        first: String,
        /// How many distinct codes are listed.
        count: usize,
        /// Where they are, by kind of line.
        places: Places,
        /// Where the HTML block starts that holds the rows written as table
        /// rows, if one does (a table right under `<TabItem>`).
        html_block: Option<Location>,
    },
    /// An `errdocs-` comment that is not a directive errdocs knows, or a
    /// directive that cannot apply.
    Suppression {
        /// Where the comment is.
        location: Location,
        /// What is wrong.
        kind: SuppressionProblem,
    },
}

impl IngestProblem {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            IngestProblem::FrontMatter { location, .. }
            | IngestProblem::RaggedRow { location, .. }
            | IngestProblem::UnrecognizedHeader { location, .. }
            | IngestProblem::UnreadVerticalTable { location, .. }
            | IngestProblem::HeaderMismatch { location, .. }
            | IngestProblem::DuplicateColumn { location, .. }
            | IngestProblem::UnpairedNames { location, .. }
            | IngestProblem::UnclosedHtmlTable { location }
            | IngestProblem::UnmappedHtmlTable { location, .. }
            | IngestProblem::OverlappingHtmlCells { location, .. }
            | IngestProblem::TablesNestedTooDeep { location, .. }
            | IngestProblem::CodesOutsideTables { location, .. }
            | IngestProblem::UnclosedHtmlComment { location, .. }
            | IngestProblem::UnclosedCodeFence { location, .. }
            | IngestProblem::TableCutShort { location, .. }
            | IngestProblem::Suppression { location, .. } => location,
        }
    }
}

/// What is wrong with a front-matter block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontMatterProblem {
    /// It opens with a fence (`---`, `+++`) that is never closed.
    Unclosed {
        /// The fence.
        fence: &'static str,
    },
    /// It is TOML (`+++` fences) that TOML cannot parse.
    InvalidToml {
        /// TOML's message.
        message: String,
    },
    /// It is YAML, but not a mapping of keys to values.
    NotAMapping,
    /// YAML cannot parse it, even with the characters and repeated keys
    /// below set right.
    InvalidYaml {
        /// YAML's message.
        message: String,
        /// An unusual character on the line of the error (a tab, an unusual
        /// space, an invisible character) and its 1-based column: the
        /// likely cause.
        suspect: Option<(char, usize)>,
    },
    /// A character YAML misreads where it needs plain ASCII; the location
    /// is the character's. The block is read as if the character were an
    /// ordinary space (or, for an invisible one, absent).
    Character {
        /// The character.
        character: char,
        /// Where in the line it is.
        place: CharacterPlace,
        /// The key of the line, as read with the character set right.
        key: Option<String>,
        /// The other lines of the block with the same character in the
        /// same place, reported with this one.
        elsewhere: Elsewhere,
    },
    /// A top-level key given again; the location is the repetition's. The
    /// first is kept.
    DuplicateKey {
        /// The key.
        key: String,
        /// The 1-based line of its first occurrence.
        first_line: usize,
        /// The other keys of the block given again, reported with this
        /// one.
        elsewhere: Elsewhere,
    },
}

/// The other places in a front-matter block with the same problem as the
/// one reported. A block repeats a mistake on every line as easily as on
/// one (a tab-indented list, an editor that writes no-break spaces), and
/// one finding names it with a count, not one finding per line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Elsewhere {
    /// The first of them, up to [`Elsewhere::SHOWN`].
    pub shown: Vec<Location>,
    /// How many there are, shown or not.
    pub count: usize,
}

impl Elsewhere {
    /// How many places are kept to be shown; the rest are counted.
    pub const SHOWN: usize = 5;

    /// Counts one more place, keeping it if fewer than [`Elsewhere::SHOWN`]
    /// are kept.
    pub fn add(&mut self, location: Location) {
        if self.shown.len() < Self::SHOWN {
            self.shown.push(location);
        }
        self.count += 1;
    }
}

/// Where a misread character sits in a front-matter line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharacterPlace {
    /// Before the opening `---`: a second byte-order mark.
    BeforeFence,
    /// In the indentation at the start of the line.
    Indentation,
    /// Inside a key.
    Key,
    /// Right after a key's colon, where YAML needs an ordinary space.
    AfterColon,
    /// Inside a value (a byte-order mark, which is never text).
    Value,
}

/// What is wrong with a suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuppressionProblem {
    /// `errdocs-<kind>` where `<kind>` is no directive.
    UnknownDirective(String),
    /// `errdocs-disable-next-line` with no line after it.
    NoNextLine,
    /// `errdocs-disable` never closed by an `errdocs-enable`: it silences
    /// the rest of the file.
    UnclosedDisable,
    /// `errdocs-enable` with no `errdocs-disable` open to close.
    EnableWithoutDisable,
}

/// Where a page's codes outside its tables are: how many distinct codes
/// each kind of line holds, and the lines of the first few, so that a
/// finding can say what errdocs does not read and where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// Codes in headings (`### Error 8018000a`).
    pub headings: usize,
    /// Codes in list items (`- 0x80070005: …`).
    pub items: usize,
    /// Codes in definition lists, Markdown's or HTML's.
    pub definitions: usize,
    /// Codes in lines written as table rows that no table holds.
    pub rows: usize,
    /// Codes written without their `0x` (`8018000a`).
    pub without_prefix: usize,
    /// The first [`MOST_LINES`] lines that hold a distinct code, in order,
    /// each once.
    pub lines: Vec<usize>,
    /// Whether distinct codes stand on lines after those of [`Self::lines`].
    pub more_lines: bool,
}

/// How many lines [`Places::lines`] keeps: enough to find the codes, few
/// enough for one message.
pub const MOST_LINES: usize = 5;
