//! Users' own references: their product's constants, from C headers and
//! from CSV/TSV tables of name and value.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::table::{FactRows, FactTable};
use super::{CodeKind, Fact, Origin, ReferenceError, classify_integer_constant};

/// One constant of a user reference.
#[derive(Debug, Clone, PartialEq, Eq)]
struct UserFact {
    name: String,
    value: u32,
    kind: CodeKind,
    line: usize,
}

/// A user reference file's facts, with the file they come from.
#[derive(Debug, Clone)]
pub(crate) struct UserRows {
    file: PathBuf,
    facts: Vec<UserFact>,
}

impl FactRows for UserRows {
    fn len(&self) -> usize {
        self.facts.len()
    }

    fn fact(&self, index: usize) -> Fact<'_> {
        let fact = &self.facts[index];
        Fact {
            name: &fact.name,
            value: fact.value,
            kind: fact.kind,
            origin: Origin::User {
                file: &self.file,
                line: fact.line,
            },
        }
    }
}

/// A definition errdocs read but could not turn into a fact, and why: a
/// value that is an expression (`0x80CF0000 | 5`, `0xE-1`), a string, a
/// float, a 64-bit number, or an alias of a name the file does not define
/// (nor a macro's argument of one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedDefinition {
    /// 1-based line of the definition.
    pub line: usize,
    /// The name it defines.
    pub name: String,
    /// Why it is not a fact.
    pub reason: String,
}

/// The constants of one user reference file.
#[derive(Debug, Clone)]
pub struct UserReference {
    table: FactTable<UserRows>,
    skipped: Vec<SkippedDefinition>,
}

/// Which reader a reference file needs, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserReferenceFormat {
    /// A C or C++ header (`.h`, `.hpp`, `.hh`, `.hxx`, `.inc`).
    CHeader,
    /// Comma-separated name and value (`.csv`).
    Csv,
    /// Tab-separated name and value (`.tsv`, `.tab`).
    Tsv,
}

impl UserReferenceFormat {
    /// Each format with the extensions that name it (in any case): the one
    /// list, which [`UserReferenceFormat::IN_WORDS`], the README and the
    /// error messages follow (tests hold them to it).
    pub const EXTENSIONS: [(UserReferenceFormat, &'static [&'static str]); 3] = [
        (
            UserReferenceFormat::CHeader,
            &["h", "hpp", "hh", "hxx", "inc"],
        ),
        (UserReferenceFormat::Csv, &["csv"]),
        (UserReferenceFormat::Tsv, &["tsv", "tab"]),
    ];

    /// What errdocs reads, for messages that say what a file should be.
    pub const IN_WORDS: &'static str =
        "a C header (.h, .hpp, .hh, .hxx, .inc) or a table of name and value (.csv, .tsv, .tab)";

    /// The format a file's extension says, if errdocs reads it.
    pub fn of_path(path: &Path) -> Option<UserReferenceFormat> {
        let extension = path.extension()?.to_str()?;
        Self::EXTENSIONS
            .iter()
            .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(extension)))
            .map(|(format, _)| *format)
    }
}

/// The largest reference file errdocs reads: the Windows SDK's table of
/// every error-shaped constant is about 1 MiB.
pub const MAX_REFERENCE_BYTES: u64 = 64 * 1024 * 1024;

/// The error for a file over [`MAX_REFERENCE_BYTES`].
fn too_large(shown: &Path) -> ReferenceError {
    ReferenceError::Unusable {
        path: shown.to_path_buf(),
        message: format!(
            "larger than {} MiB, more than a reference file holds (the Windows SDK's table of every error constant is about 1 MiB)",
            MAX_REFERENCE_BYTES / (1024 * 1024)
        ),
    }
}

/// A reference file's bytes as text: UTF-8, with lines ending in LF.
/// UTF-16 and UTF-32 (by their byte-order marks), binary files (a NUL byte)
/// and files with nothing in them are refused, naming the file.
fn reference_text(shown: &Path, mut bytes: Vec<u8>) -> Result<String, ReferenceError> {
    let unusable = |message: String| ReferenceError::Unusable {
        path: shown.to_path_buf(),
        message,
    };
    // UTF-32's marks first: the little-endian one starts with UTF-16's.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(unusable(
            "the file is UTF-32 (it starts with a UTF-32 byte-order mark); errdocs reads UTF-8: save it as UTF-8".into(),
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(unusable(
            "the file is UTF-16 (it starts with a UTF-16 byte-order mark); errdocs reads UTF-8: save it as UTF-8 (iconv -f UTF-16 -t UTF-8)".into(),
        ));
    }
    // Lines end at CR LF, LF or a lone CR, and are counted by LF.
    crate::source::unify_line_ends(&mut bytes);
    if let Some(offset) = bytes.iter().position(|&byte| byte == 0) {
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        // ASCII text in UTF-16 without a mark has a NUL in every other byte.
        let utf16 = match bytes.get(..4) {
            Some(&[a, 0, c, 0]) | Some(&[0, a, 0, c]) => a != 0 && c != 0,
            _ => false,
        };
        let message = if utf16 {
            format!(
                "NUL bytes (the first at byte offset {offset}): the file looks like UTF-16 without a byte-order mark; errdocs reads UTF-8: save it as UTF-8 (iconv -f UTF-16LE -t UTF-8)"
            )
        } else {
            format!(
                "binary file (NUL byte at byte offset {offset}); a reference is a C header or a CSV/TSV text file"
            )
        };
        return Err(ReferenceError::Malformed {
            path: shown.to_path_buf(),
            line,
            message,
        });
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let line = 1 + error.as_bytes()[..valid]
                .iter()
                .filter(|&&byte| byte == b'\n')
                .count();
            return Err(ReferenceError::Malformed {
                path: shown.to_path_buf(),
                line,
                message: format!("not valid UTF-8 (byte offset {valid}); save the file as UTF-8"),
            });
        }
    };
    // As for a page: an empty file is a mistake (a failed export, a wrong
    // path), not a reference that defines nothing.
    if text
        .strip_prefix('\u{FEFF}')
        .unwrap_or(&text)
        .trim()
        .is_empty()
    {
        return Err(unusable(
            "the file is empty; remove it from [reference] files or give it content".into(),
        ));
    }
    Ok(text)
}

impl UserReference {
    /// Reads a reference file, choosing the reader by its extension (see
    /// [`UserReferenceFormat`]).
    pub fn read(path: &Path) -> Result<UserReference, ReferenceError> {
        UserReference::read_named(path, path)
    }

    /// Reads the reference file at `path`, naming it `shown` in facts and
    /// errors (a path relative to the project root, as the configuration
    /// writes it, where `path` is where it is found from here).
    pub fn read_named(path: &Path, shown: &Path) -> Result<UserReference, ReferenceError> {
        let format =
            UserReferenceFormat::of_path(shown).ok_or_else(|| ReferenceError::UnknownFormat {
                path: shown.to_path_buf(),
            })?;
        let io_error = |source| ReferenceError::Io {
            path: shown.to_path_buf(),
            source,
        };
        // A FIFO would never end and a device never stop: only files.
        let metadata = std::fs::metadata(path).map_err(io_error)?;
        if !metadata.is_file() {
            return Err(io_error(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "is not a regular file; a reference is a C header or a CSV/TSV file",
            )));
        }
        if metadata.len() > MAX_REFERENCE_BYTES {
            return Err(too_large(shown));
        }
        // Read through `take`: a file that grows after the check is not
        // read whole either.
        let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_REFERENCE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(io_error)?;
        if bytes.len() as u64 > MAX_REFERENCE_BYTES {
            return Err(too_large(shown));
        }
        let text = reference_text(shown, bytes)?;
        UserReference::parse(shown, &text, format)
    }

    /// Reads reference text in a given format; `path` names the file in
    /// facts and errors.
    pub fn parse(
        path: &Path,
        text: &str,
        format: UserReferenceFormat,
    ) -> Result<UserReference, ReferenceError> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut collector = Collector::new(path);
        match format {
            UserReferenceFormat::CHeader => read_c_header(text, &mut collector)?,
            UserReferenceFormat::Csv => read_table(text, b',', &mut collector)?,
            UserReferenceFormat::Tsv => read_table(text, b'\t', &mut collector)?,
        }
        Ok(collector.finish())
    }

    /// The file the facts come from.
    pub fn file(&self) -> &Path {
        &self.table.rows().file
    }

    /// How many constants the file defines.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// True when the file defines no constant.
    pub fn is_empty(&self) -> bool {
        self.table.len() == 0
    }

    /// Every constant, sorted by name ignoring case.
    pub fn iter(&self) -> impl Iterator<Item = Fact<'_>> + '_ {
        self.table.iter()
    }

    /// Definitions read but not understood, in file order.
    pub fn skipped(&self) -> &[SkippedDefinition] {
        &self.skipped
    }

    pub(crate) fn table(&self) -> &FactTable<UserRows> {
        &self.table
    }
}

/// Gathers the facts of one file, refusing a name defined twice with
/// different values.
struct Collector {
    file: PathBuf,
    facts: Vec<UserFact>,
    by_name: HashMap<String, usize>,
    /// Names an `#undef` undefined after their definition: the next
    /// definition replaces the fact.
    undefined: HashSet<String>,
    skipped: Vec<SkippedDefinition>,
    /// Where the line being read stands among the open `#if` groups.
    branch: Branch,
    /// Every branch of every `#if` group met, each naming the branch it
    /// sits in: a place is one index, however deep, where a copy of the
    /// open groups per definition made 20,000 definitions under 20,000
    /// nested `#if`s take gigabytes.
    places: Vec<BranchNode>,
    /// How many `#if` groups have opened.
    groups: u32,
    /// The branch of each fact, in `facts` order.
    branches: Vec<Branch>,
    /// Names defined with different values in alternative branches of one
    /// `#if`: which holds depends on conditions errdocs does not evaluate,
    /// so none is a fact.
    ambiguous: HashSet<String>,
}

impl Collector {
    fn new(path: &Path) -> Collector {
        Collector {
            file: path.to_path_buf(),
            facts: Vec::new(),
            by_name: HashMap::new(),
            undefined: HashSet::new(),
            skipped: Vec::new(),
            branch: None,
            places: Vec::new(),
            groups: 0,
            branches: Vec::new(),
            ambiguous: HashSet::new(),
        }
    }

    /// `#if`, `#ifdef`, `#ifndef`: a group opens, in its first branch.
    fn open_group(&mut self) {
        self.groups += 1;
        self.enter(BranchNode {
            outer: self.branch,
            group: self.groups,
            branch: 0,
            depth: self.branch.map_or(0, |at| self.places[at].depth + 1),
        });
    }

    /// `#elif`, `#else`: the next branch of the innermost group.
    fn next_branch(&mut self) {
        if let Some(at) = self.branch {
            let node = self.places[at];
            self.enter(BranchNode {
                branch: node.branch + 1,
                ..node
            });
        }
    }

    /// `#endif`: the innermost group closes.
    fn close_group(&mut self) {
        self.branch = self.branch.and_then(|at| self.places[at].outer);
    }

    fn enter(&mut self, node: BranchNode) {
        self.branch = Some(self.places.len());
        self.places.push(node);
    }

    /// True when two places in a header are in different branches of one
    /// `#if` group: below the innermost branch both are in, each is in a
    /// branch of the same group.
    fn alternatives(&self, a: Branch, b: Branch) -> bool {
        let depth = |at: Branch| at.map_or(0, |at| self.places[at].depth + 1);
        let outer = |at: Branch| at.and_then(|at| self.places[at].outer);
        let (mut a, mut b) = (a, b);
        while depth(a) > depth(b) {
            a = outer(a);
        }
        while depth(b) > depth(a) {
            b = outer(b);
        }
        // Climbing in step to where the two places meet; the last
        // branches before it, one on each side, decide.
        let mut last = None;
        while a != b {
            last = a.zip(b);
            (a, b) = (outer(a), outer(b));
        }
        last.is_some_and(|(x, y)| self.places[x].group == self.places[y].group)
    }

    fn malformed(&self, line: usize, message: impl Into<String>) -> ReferenceError {
        ReferenceError::Malformed {
            path: self.file.clone(),
            line,
            message: message.into(),
        }
    }

    /// `#undef name`: the name's next definition replaces its fact.
    fn undefine(&mut self, name: &str) {
        if self.by_name.contains_key(name) {
            self.undefined.insert(name.to_string());
        }
    }

    fn add(&mut self, fact: UserFact) -> Result<(), ReferenceError> {
        if self.ambiguous.contains(&fact.name) {
            return Ok(());
        }
        if let Some(&existing) = self.by_name.get(&fact.name) {
            if self.undefined.remove(&fact.name) {
                self.facts[existing] = fact;
                self.branches[existing] = self.branch;
                return Ok(());
            }
            let earlier = &self.facts[existing];
            if earlier.value == fact.value {
                return Ok(());
            }
            if self.alternatives(self.branches[existing], self.branch) {
                let reason = format!(
                    "defined as 0x{:08X} at line {} and as 0x{:08X} here, in alternative branches of an `#if`; errdocs does not evaluate conditions, so it records neither",
                    earlier.value, earlier.line, fact.value
                );
                self.by_name.remove(&fact.name);
                self.ambiguous.insert(fact.name.clone());
                self.skip(fact.line, &fact.name, reason);
                return Ok(());
            }
            return Err(self.malformed(
                fact.line,
                format!(
                    "`{}` is defined again with another value: line {} says 0x{:08X}, this line 0x{:08X}",
                    fact.name, earlier.line, earlier.value, fact.value
                ),
            ));
        }
        self.by_name.insert(fact.name.clone(), self.facts.len());
        self.facts.push(fact);
        self.branches.push(self.branch);
        Ok(())
    }

    fn skip(&mut self, line: usize, name: &str, reason: impl Into<String>) {
        self.skipped.push(SkippedDefinition {
            line,
            name: name.to_string(),
            reason: reason.into(),
        });
    }

    fn finish(mut self) -> UserReference {
        let ambiguous = std::mem::take(&mut self.ambiguous);
        self.facts.retain(|fact| !ambiguous.contains(&fact.name));
        self.skipped.sort_by_key(|skipped| skipped.line);
        UserReference {
            table: FactTable::new(UserRows {
                file: self.file,
                facts: self.facts,
            }),
            skipped: self.skipped,
        }
    }
}

/// A place in a header among its `#if` groups: the index of its
/// innermost branch in [`Collector`]'s places, `None` outside any.
type Branch = Option<usize>;

/// One branch of an `#if` group.
#[derive(Debug, Clone, Copy)]
struct BranchNode {
    /// The branch the group sits in.
    outer: Branch,
    /// The group's number (unique in the file).
    group: u32,
    /// The branch: `#if` 0, each `#elif` or `#else` one more.
    branch: u32,
    /// How many groups are open around this one.
    depth: usize,
}

/// True for a C identifier: a letter or `_`, then letters, digits and `_`.
fn is_identifier(text: &str) -> bool {
    let mut bytes = text.bytes();
    matches!(bytes.next(), Some(first) if first.is_ascii_alphabetic() || first == b'_')
        && bytes.all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
}

/// The kind a definition gets: the one its cast or typedef macro says, or
/// else the one its name and value suggest, or else a plain integer.
fn kind_of(declared: Option<CodeKind>, name: &str, value: u32) -> CodeKind {
    declared
        .or_else(|| classify_integer_constant(name, value))
        .unwrap_or(CodeKind::Integer)
}

// ---------------------------------------------------------------- C headers

/// The logical lines of a C header, and where a block comment that never
/// closes opens, if one does.
struct LogicalLines {
    lines: Vec<(usize, String)>,
    /// The line of a `/*` without its `*/`: the compiler rejects such a
    /// file, and everything after the `/*` would be lost.
    unterminated_comment: Option<usize>,
    /// The line of a C++ raw string (`R"(...)"`) that never closes.
    unterminated_raw_string: Option<usize>,
}

/// Tells a C++14 digit separator (`0x8007'0005`, `1'000`) from the quote
/// that opens a character literal (`'a'`, `L'a'`): a `'` is a separator
/// inside a number (a word that starts with a digit) before a digit or
/// letter. Fed the characters of code one by one.
#[derive(Default)]
struct DigitSeparators {
    in_word: bool,
    in_number: bool,
}

impl DigitSeparators {
    /// Takes the next character of code; true when it is a `'` that
    /// separates digits.
    fn separates(&mut self, c: char, next: Option<char>) -> bool {
        if c == '\'' {
            let separator = self.in_number && next.is_some_and(|next| next.is_ascii_alphanumeric());
            if !separator {
                self.reset();
            }
            return separator;
        }
        let word = c.is_alphanumeric() || c == '_' || c == '.';
        if word && !self.in_word {
            self.in_number =
                c.is_ascii_digit() || (c == '.' && next.is_some_and(|n| n.is_ascii_digit()));
        }
        self.in_word = word;
        self.in_number &= word;
        false
    }

    fn reset(&mut self) {
        *self = DigitSeparators::default();
    }
}

/// Splits C source into logical lines the way the preprocessor sees them:
/// comments replaced by a space (a block comment may span lines), `\` at the
/// end of a line joining the next. Each logical line comes with the number
/// of its first physical line.
fn logical_lines(text: &str) -> LogicalLines {
    enum State {
        Code,
        BlockComment,
        LineComment,
        Literal(char),
    }
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut comment_start = 0;
    // Nothing but blanks and comments on the logical line yet: its line is
    // where its code starts (`/* ...\n */ #define X 1` is at line 2).
    let mut blank = true;
    let mut state = State::Code;
    let mut separators = DigitSeparators::default();
    let mut unterminated_raw_string = None;
    let mut chars = text.chars().filter(|&c| c != '\r').peekable();
    while let Some(c) = chars.next() {
        match state {
            State::Code
                if c == 'R' && chars.peek() == Some(&'"') && raw_string_may_start(&current) =>
            {
                // A C++11 raw string, `R"delim(...)delim"`: no escapes, no
                // comments, and lines inside it (a `/*` or a `#define` in
                // its text is neither). Read whole, kept as `""`, a string.
                if blank {
                    blank = false;
                    start = line;
                }
                let mut ahead = chars.clone();
                ahead.next();
                let delimiter: String = ahead.by_ref().take_while(|&c| c != '(').take(17).collect();
                let valid = delimiter.len() <= 16
                    && !delimiter
                        .chars()
                        .any(|c| c.is_whitespace() || matches!(c, '\\' | ')' | '"'));
                if !valid {
                    current.push(c); // not a raw string: `R` and a string
                    continue;
                }
                let opened = line;
                chars = ahead;
                let closing = format!("){delimiter}\"");
                let mut body = String::new();
                let mut closed = false;
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                    }
                    body.push(c);
                    if body.ends_with(&closing) {
                        closed = true;
                        break;
                    }
                }
                if !closed {
                    unterminated_raw_string = Some(opened);
                }
                current.push_str("\"\"");
                separators.reset();
            }
            State::Code => {
                let opens_comment = c == '/' && matches!(chars.peek(), Some('*' | '/'));
                if blank && !c.is_whitespace() && !opens_comment {
                    blank = false;
                    start = line;
                }
                if separators.separates(c, chars.peek().copied()) {
                    current.push(c);
                    continue;
                }
                match c {
                    '/' if chars.peek() == Some(&'*') => {
                        chars.next();
                        current.push(' ');
                        comment_start = line;
                        state = State::BlockComment;
                    }
                    '/' if chars.peek() == Some(&'/') => state = State::LineComment,
                    '"' | '\'' => {
                        current.push(c);
                        state = State::Literal(c);
                    }
                    '\\' if chars.peek() == Some(&'\n') => {
                        chars.next();
                        line += 1;
                        current.push(' ');
                    }
                    // A continuation with no line after it, at the end of
                    // the file (compilers warn and read on): nothing to join.
                    '\\' if chars.peek().is_none() => current.push(' '),
                    '\n' => {
                        lines.push((start, std::mem::take(&mut current)));
                        line += 1;
                        start = line;
                        blank = true;
                    }
                    _ => current.push(c),
                }
            }
            State::BlockComment => match c {
                '*' if chars.peek() == Some(&'/') => {
                    chars.next();
                    separators.reset();
                    state = State::Code;
                }
                '\n' => line += 1,
                _ => {}
            },
            State::LineComment => {
                if c == '\n' {
                    lines.push((start, std::mem::take(&mut current)));
                    line += 1;
                    start = line;
                    blank = true;
                    separators.reset();
                    state = State::Code;
                }
            }
            State::Literal(quote) => {
                current.push(c);
                if c == '\\' {
                    if let Some(next) = chars.next() {
                        current.push(next);
                    }
                } else if c == quote {
                    separators.reset();
                    state = State::Code;
                } else if c == '\n' {
                    // An unterminated literal ends with its line.
                    current.pop();
                    lines.push((start, std::mem::take(&mut current)));
                    line += 1;
                    start = line;
                    blank = true;
                    separators.reset();
                    state = State::Code;
                }
            }
        }
    }
    if !current.trim().is_empty() {
        lines.push((start, current));
    }
    LogicalLines {
        lines,
        unterminated_comment: matches!(state, State::BlockComment).then_some(comment_start),
        unterminated_raw_string,
    }
}

/// True when an `R` after `code` would begin a raw string's prefix: it
/// starts a word, or follows the encoding prefix `u8`, `u`, `U` or `L`
/// that starts one (`u8R"(...)"`); not in `FOOR"..."`.
fn raw_string_may_start(code: &str) -> bool {
    let word_start = code
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |at| {
            at + code[at..].chars().next().map_or(1, char::len_utf8)
        });
    matches!(&code[word_start..], "" | "u8" | "u" | "U" | "L")
}

/// True when `value` holds a string or character literal (a `"`, or a `'`
/// that is no digit separator).
fn has_literal(value: &str) -> bool {
    if value.contains('"') {
        return true;
    }
    let mut separators = DigitSeparators::default();
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if !separators.separates(c, chars.peek().copied()) && c == '\'' {
            return true;
        }
    }
    false
}

/// Input text for a message: whole when short, else its first 60
/// characters and `…` (a value may be a megabyte long).
fn excerpt(text: &str) -> std::borrow::Cow<'_, str> {
    const SHOWN: usize = 60;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// What the value of a `#define` is.
#[derive(Debug, PartialEq, Eq)]
enum DefinedValue {
    /// A number, and the kind its cast or typedef macro declares.
    Number(u32, Option<CodeKind>),
    /// Another name, and the kind a cast around it declares.
    Alias(String, Option<CodeKind>),
    /// A macro of winerror.h that makes a code from numbers or names
    /// (`MAKE_HRESULT(1, FACILITY_X, 1)`), with its arguments.
    Call(KnownMacro, Vec<Operand>),
    /// Not a constant errdocs reads; why.
    Other(String),
}

/// The macros of winerror.h that headers define codes with, which errdocs
/// computes as the compiler does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KnownMacro {
    /// `MAKE_HRESULT(sev, fac, code)` and `MAKE_SCODE`, the same:
    /// `(sev << 31) | (fac << 16) | code` in 32 bits.
    MakeHresult(&'static str),
    /// `HRESULT_FROM_WIN32(x)` (and `__HRESULT_FROM_WIN32`): see
    /// [`super::hresult_from_win32`].
    FromWin32(&'static str),
    /// `HRESULT_FROM_NT(x)`: `x | FACILITY_NT_BIT` (`0x10000000`).
    FromNt,
}

impl KnownMacro {
    /// The macro called `name`, if errdocs computes it.
    fn named(name: &str) -> Option<KnownMacro> {
        Some(match name {
            "MAKE_HRESULT" => KnownMacro::MakeHresult("MAKE_HRESULT"),
            "MAKE_SCODE" => KnownMacro::MakeHresult("MAKE_SCODE"),
            "HRESULT_FROM_WIN32" => KnownMacro::FromWin32("HRESULT_FROM_WIN32"),
            "__HRESULT_FROM_WIN32" => KnownMacro::FromWin32("__HRESULT_FROM_WIN32"),
            "HRESULT_FROM_NT" => KnownMacro::FromNt,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            KnownMacro::MakeHresult(name) | KnownMacro::FromWin32(name) => name,
            KnownMacro::FromNt => "HRESULT_FROM_NT",
        }
    }

    fn arity(self) -> usize {
        match self {
            KnownMacro::MakeHresult(_) => 3,
            KnownMacro::FromWin32(_) | KnownMacro::FromNt => 1,
        }
    }

    /// The value the macro gives for `args` (as many as [`Self::arity`]).
    fn apply(self, args: &[u32]) -> u32 {
        match (self, args) {
            (KnownMacro::MakeHresult(_), &[severity, facility, code]) => {
                (severity << 31) | (facility << 16) | code
            }
            (KnownMacro::FromWin32(_), &[code]) => super::hresult_from_win32(code),
            (KnownMacro::FromNt, &[code]) => code | 0x1000_0000,
            _ => 0,
        }
    }
}

/// An argument of a [`KnownMacro`]: a number, or a name to look up.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Operand {
    Number(u32),
    Name(String),
}

/// The severities and facilities of winerror.h, which headers pass to
/// `MAKE_HRESULT` by name without defining them: a name the header does
/// not define is looked up here.
const WINERROR_NAMES: &[(&str, u32)] = &[
    ("SEVERITY_SUCCESS", 0),
    ("SEVERITY_ERROR", 1),
    ("FACILITY_NULL", 0),
    ("FACILITY_RPC", 1),
    ("FACILITY_DISPATCH", 2),
    ("FACILITY_STORAGE", 3),
    ("FACILITY_ITF", 4),
    ("FACILITY_WIN32", 7),
    ("FACILITY_WINDOWS", 8),
    ("FACILITY_SSPI", 9),
    ("FACILITY_SECURITY", 9),
    ("FACILITY_CONTROL", 10),
    ("FACILITY_CERT", 11),
    ("FACILITY_INTERNET", 12),
    ("FACILITY_MEDIASERVER", 13),
    ("FACILITY_MSMQ", 14),
    ("FACILITY_SETUPAPI", 15),
    ("FACILITY_SCARD", 16),
    ("FACILITY_COMPLUS", 17),
    ("FACILITY_AAF", 18),
    ("FACILITY_URT", 19),
    ("FACILITY_ACS", 20),
    ("FACILITY_DPLAY", 21),
    ("FACILITY_UMI", 22),
    ("FACILITY_SXS", 23),
    ("FACILITY_WINDOWS_CE", 24),
    ("FACILITY_HTTP", 25),
    ("FACILITY_BACKGROUNDCOPY", 32),
    ("FACILITY_CONFIGURATION", 33),
    ("FACILITY_STATE_MANAGEMENT", 34),
    ("FACILITY_METADIRECTORY", 35),
    ("FACILITY_WINDOWSUPDATE", 36),
    ("FACILITY_DIRECTORYSERVICE", 37),
    ("FACILITY_GRAPHICS", 38),
    ("FACILITY_SHELL", 39),
    ("FACILITY_TPM_SERVICES", 40),
    ("FACILITY_TPM_SOFTWARE", 41),
    ("FACILITY_PLA", 48),
    ("FACILITY_FVE", 49),
    ("FACILITY_FWP", 50),
    ("FACILITY_WINRM", 51),
    ("FACILITY_NDIS", 52),
    ("FACILITY_WINDOWS_DEFENDER", 80),
];

/// The value of one of winerror.h's severities and facilities.
fn winerror_value(name: &str) -> Option<u32> {
    WINERROR_NAMES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|&(_, value)| value)
}

/// The kind a cast's type or a typedef macro's name declares.
fn declared_kind(type_name: &str) -> Option<CodeKind> {
    let upper = type_name.to_ascii_uppercase();
    if upper.contains("HRESULT") || upper == "SCODE" {
        Some(CodeKind::Hresult)
    } else if upper.contains("NTSTATUS") {
        Some(CodeKind::NtStatus)
    } else {
        None
    }
}

/// For each byte of `value`, where the `)` closing a `(` there is (other
/// bytes: 0); `None` when the parentheses do not pair up. One pass with a
/// stack, so peeling any number of layers costs no more than reading the
/// value once.
fn closing_parentheses(value: &str) -> Option<Vec<usize>> {
    let mut closing = vec![0; value.len()];
    let mut open: Vec<usize> = Vec::new();
    for (position, byte) in value.bytes().enumerate() {
        match byte {
            b'(' => open.push(position),
            b')' => closing[open.pop()?] = position,
            _ => {}
        }
    }
    open.is_empty().then_some(closing)
}

/// `start..end` of `value` without the whitespace at either end.
fn trimmed(value: &str, start: usize, end: usize) -> (usize, usize) {
    let part = &value[start..end];
    let after_leading = part.trim_start();
    let start = start + (part.len() - after_leading.len());
    (start, start + after_leading.trim_end().len())
}

/// How many parentheses, casts and typedef macros [`read_defined_value`]
/// peels before it gives up on a value: real headers use two or three.
const MAX_VALUE_LAYERS: usize = 64;

/// Reads the value of a `#define`: peels parentheses, casts
/// (`(HRESULT)`), typedef macros (`_HRESULT_TYPEDEF_(...)`) and MinGW's
/// `__MSABI_LONG(...)`, then expects a number, a name, or a call of one of
/// winerror.h's [`KnownMacro`]s. A value that starts like a number but is
/// not one, or has unbalanced parentheses, is an error (the message).
fn read_defined_value(value: &str) -> Result<DefinedValue, String> {
    read_value(value, true)
}

/// [`read_defined_value`]; `calls`: whether a [`KnownMacro`] call is read
/// (not inside another's arguments: one level is what headers write, and
/// it keeps the reading's depth bounded).
fn read_value(value: &str, calls: bool) -> Result<DefinedValue, String> {
    if has_literal(value) {
        return Ok(DefinedValue::Other(format!(
            "`{}` is a string or character literal",
            excerpt(value)
        )));
    }
    let opening = value.bytes().filter(|&byte| byte == b'(').count();
    let closing = value.bytes().filter(|&byte| byte == b')').count();
    if opening != closing {
        return Err(format!(
            "unbalanced parentheses in `{}` ({opening} `(`, {closing} `)`)",
            excerpt(value)
        ));
    }
    let Some(close_of) = closing_parentheses(value) else {
        return Err(format!("unbalanced parentheses in `{}`", excerpt(value)));
    };
    // The part of `value` still to read; a `(` inside it closes inside it,
    // as the parentheses pair up and each step keeps whole pairs.
    let (mut start, mut end) = trimmed(value, 0, value.len());
    let mut declared = None;
    let mut layers = 0;
    loop {
        let rest = &value[start..end];
        // Past the limit, anything left to peel (a parenthesis, a cast, a
        // typedef macro however spaced) skips the definition.
        if layers >= MAX_VALUE_LAYERS && rest.contains('(') {
            return Ok(DefinedValue::Other(format!(
                "`{}` nests more than {MAX_VALUE_LAYERS} parentheses, casts and typedef macros",
                excerpt(value)
            )));
        }
        layers += 1;
        if rest.starts_with('(') {
            let close = close_of[start];
            let inner = trimmed(value, start + 1, close);
            let after = trimmed(value, close + 1, end);
            if after.0 == after.1 {
                (start, end) = inner;
                continue;
            }
            // `(TYPE)value`: a cast. Types may be several words
            // (`unsigned long`).
            let inner_text = &value[inner.0..inner.1];
            if !inner_text.is_empty() && inner_text.split_whitespace().all(is_identifier) {
                declared = declared.or(declared_kind(inner_text));
                (start, end) = after;
                continue;
            }
            break;
        }
        if let Some(open) = rest.find('(').map(|open| start + open) {
            let macro_name = value[start..open].trim();
            let close = close_of[open];
            let whole = value[close + 1..end].trim().is_empty();
            // `__MSABI_LONG(x)` is `x` with an `L` (MinGW's winerror.h).
            if whole
                && is_identifier(macro_name)
                && (macro_name.ends_with("_TYPEDEF_") || macro_name == "__MSABI_LONG")
            {
                declared = declared.or(declared_kind(macro_name));
                (start, end) = trimmed(value, open + 1, close);
                continue;
            }
            if whole && let Some(known) = KnownMacro::named(macro_name) {
                return read_call(value, known, open, close, &close_of, calls);
            }
        }
        break;
    }
    let rest = &value[start..end];
    if is_identifier(rest) {
        return Ok(DefinedValue::Alias(rest.to_string(), declared));
    }
    let unsigned = rest.strip_prefix(['-', '+']).unwrap_or(rest).trim_start();
    if unsigned.starts_with(|c: char| c.is_ascii_digit()) {
        // A number followed by more (`0x100 + 1`, `1 << 3`, `0x8000 | 5`)
        // is an expression, which a compiler reads and errdocs does not
        // evaluate: skipped, as `MAKE_HRESULT(...)` is, not refused.
        if number_token_len(unsigned) < unsigned.len() {
            return Ok(DefinedValue::Other(format!(
                "`{}` is an expression errdocs does not evaluate",
                excerpt(rest)
            )));
        }
        // `0xE-1`: standard C reads one number (a sign after `e` is an
        // exponent's) and rejects it; MSVC reads a subtraction. Which one
        // the header means is not errdocs' to guess.
        let is_hex = unsigned.starts_with("0x") || unsigned.starts_with("0X");
        if is_hex && unsigned.contains(['+', '-']) && !is_hex_float(&unsigned[2..]) {
            return Ok(DefinedValue::Other(format!(
                "`{}` is no number: standard C reads the sign after the hex digit `E` as an exponent's and rejects it, other compilers read an expression; write the value",
                excerpt(rest)
            )));
        }
        return match read_c_integer(rest)? {
            IntegerLiteral::Value(number) => Ok(DefinedValue::Number(number, declared)),
            IntegerLiteral::NotCode(reason) => Ok(DefinedValue::Other(reason)),
        };
    }
    Ok(DefinedValue::Other(format!(
        "`{}` is an expression errdocs does not evaluate",
        excerpt(rest)
    )))
}

/// Reads `NAME(args)`, a call of `known` whose `(` is at `open` and `)` at
/// `close` in `value`: each argument a number or a name (read as a
/// value is, without further calls).
fn read_call(
    value: &str,
    known: KnownMacro,
    open: usize,
    close: usize,
    close_of: &[usize],
    calls: bool,
) -> Result<DefinedValue, String> {
    let call = excerpt(&value[..=close]).into_owned();
    if !calls {
        return Ok(DefinedValue::Other(format!(
            "`{}` calls `{}` inside another macro's argument; errdocs computes one level",
            excerpt(value),
            known.name()
        )));
    }
    // The arguments: split at the commas outside parentheses.
    let mut args = Vec::new();
    let mut from = open + 1;
    let mut at = from;
    while at < close {
        match value.as_bytes()[at] {
            b'(' => at = close_of[at],
            b',' => {
                args.push(&value[from..at]);
                from = at + 1;
            }
            _ => {}
        }
        at += 1;
    }
    args.push(&value[from..close]);
    if args.len() != known.arity() {
        return Ok(DefinedValue::Other(format!(
            "`{call}` passes {} argument{} to `{}`, which takes {}",
            args.len(),
            if args.len() == 1 { "" } else { "s" },
            known.name(),
            known.arity()
        )));
    }
    let mut operands = Vec::with_capacity(args.len());
    for arg in args {
        let arg = arg.trim();
        if arg.is_empty() {
            return Ok(DefinedValue::Other(format!(
                "`{call}` leaves an argument of `{}` empty",
                known.name()
            )));
        }
        match read_value(arg, false)? {
            DefinedValue::Number(number, _) => operands.push(Operand::Number(number)),
            DefinedValue::Alias(name, _) => operands.push(Operand::Name(name)),
            DefinedValue::Other(reason) => {
                return Ok(DefinedValue::Other(format!(
                    "`{call}`: an argument of `{}` is not a number or a name: {reason}",
                    known.name()
                )));
            }
            DefinedValue::Call(..) => {
                return Ok(DefinedValue::Other(format!(
                    "`{call}` calls a macro inside `{}`'s arguments; errdocs computes one level",
                    known.name()
                )));
            }
        }
    }
    Ok(DefinedValue::Call(known, operands))
}

/// The length of the number that starts `text` as the preprocessor reads it
/// (a pp-number): digits, letters, `_`, `.`, digit separators, and a sign
/// right after an exponent's `e` or `p`.
fn number_token_len(text: &str) -> usize {
    let mut previous = ' ';
    for (at, c) in text.char_indices() {
        let exponent_sign = matches!(c, '+' | '-') && matches!(previous, 'e' | 'E' | 'p' | 'P');
        if !(c.is_alphanumeric() || matches!(c, '_' | '.' | '\'') || exponent_sign) {
            return at;
        }
        previous = c;
    }
    text.len()
}

/// What a literal that starts with a digit holds.
#[derive(Debug, PartialEq, Eq)]
enum IntegerLiteral {
    /// A 32-bit integer (negatives as two's complement).
    Value(u32),
    /// A number that is no error code: a float, a 64-bit number, a
    /// user-defined literal; why.
    NotCode(String),
}

/// MSVC's sized integer suffixes, longest first, and whether the type is
/// 64 bits wide.
const MSVC_SUFFIXES: [(&str, bool); 8] = [
    ("ui64", true),
    ("i64", true),
    ("ui32", false),
    ("i32", false),
    ("ui16", false),
    ("i16", false),
    ("ui8", false),
    ("i8", false),
];

/// True for a hexadecimal floating-point literal's part after `0x`:
/// hex digits with an optional `.`, `p`, an optional sign, decimal digits,
/// an optional `f`/`l` suffix (`1p3`, `1.8P-2f`).
fn is_hex_float(after_prefix: &str) -> bool {
    let Some((mantissa, exponent)) = after_prefix.split_once(['p', 'P']) else {
        return false;
    };
    let mantissa_ok = mantissa.bytes().any(|b| b.is_ascii_hexdigit())
        && mantissa.bytes().filter(|&b| b == b'.').count() <= 1
        && mantissa.bytes().all(|b| b.is_ascii_hexdigit() || b == b'.');
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let exponent = exponent.trim_end_matches(['f', 'F', 'l', 'L']);
    mantissa_ok && !exponent.is_empty() && exponent.bytes().all(|b| b.is_ascii_digit())
}

/// Reads a C integer literal with an optional sign and suffix: hex (`0x`),
/// binary (`0b`), octal (a leading `0`), decimal, with C++14 digit
/// separators (`0x8007'0005`). [`IntegerLiteral::NotCode`] for a float
/// (hex floats too), a number only a 64-bit type holds (suffix `LL`,
/// `i64`) or a user-defined literal (`10_km`); `Err` for anything else
/// that is not a 32-bit integer.
fn read_c_integer(literal: &str) -> Result<IntegerLiteral, String> {
    let shown = excerpt(literal);
    let (negative, unsigned) = match literal.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (
            false,
            literal.strip_prefix('+').unwrap_or(literal).trim_start(),
        ),
    };
    let is_hex = unsigned.starts_with("0x") || unsigned.starts_with("0X");
    if is_hex && is_hex_float(&unsigned[2..]) {
        return Ok(IntegerLiteral::NotCode(format!(
            "`{shown}` is a hexadecimal floating-point number, not an error code"
        )));
    }
    let is_float = !is_hex && (unsigned.contains('.') || unsigned.contains(['e', 'E']));
    if is_float
        && unsigned
            .trim_end_matches(['f', 'F', 'l', 'L'])
            .replace('\'', "")
            .parse::<f64>()
            .is_ok()
    {
        return Ok(IntegerLiteral::NotCode(format!(
            "`{shown}` is a floating-point number, not an error code"
        )));
    }
    // Digit separators stand between two digits (`0x'1`, `1''0` and `1'`
    // are wrong); the number is read without them.
    let unsigned: std::borrow::Cow<str> = if unsigned.contains('\'') {
        let bytes = unsigned.as_bytes();
        let digit = |at: usize| {
            bytes.get(at).is_some_and(|&b| {
                if is_hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
        };
        let misplaced = bytes.iter().enumerate().any(|(at, &b)| {
            b == b'\'' && (at == 0 || !digit(at - 1) || !digit(at + 1) || (is_hex && at == 2))
        });
        if misplaced {
            return Err(format!(
                "`{shown}` has a digit separator `'` that is not between two digits"
            ));
        }
        unsigned.replace('\'', "").into()
    } else {
        unsigned.into()
    };
    let lower = unsigned.to_ascii_lowercase();
    let msvc = MSVC_SUFFIXES
        .iter()
        .find_map(|&(suffix, wide)| Some((lower.strip_suffix(suffix)?, suffix, wide)));
    let (body, suffix, wide) = match msvc {
        Some(found) => found,
        None => {
            let body = lower.trim_end_matches(['u', 'l']);
            let suffix = &lower[body.len()..];
            if !matches!(suffix, "" | "u" | "l" | "ul" | "lu" | "ll" | "ull" | "llu") {
                return Err(format!("`{shown}` has an unknown suffix `{suffix}`"));
            }
            (body, suffix, suffix.contains("ll"))
        }
    };
    let (digits, radix) = if let Some(hex) = body.strip_prefix("0x") {
        (hex, 16)
    } else if let Some(binary) = body.strip_prefix("0b") {
        (binary, 2)
    } else if body.len() > 1 && body.starts_with('0') {
        (&body[1..], 8)
    } else {
        (body, 10)
    };
    // A C++11 user-defined literal (`10_km`, `0x10_x`): digits, then `_`
    // and a name.
    if let Some(at) = digits.find('_')
        && at > 0
        && suffix.is_empty()
        && digits[..at].chars().all(|c| c.is_digit(radix))
    {
        return Ok(IntegerLiteral::NotCode(format!(
            "`{shown}` is a user-defined literal (suffix `{}`), not an error code",
            excerpt(&unsigned[body.len() - digits.len() + at..])
        )));
    }
    if digits.is_empty() {
        return Err(format!("`{shown}` has no digits"));
    }
    // The digits as written (ASCII lower-casing keeps every byte where it
    // was), to name a wrong one as the file has it.
    let written = unsigned
        .get(body.len() - digits.len()..body.len())
        .unwrap_or(digits);
    if let Some(bad) = written.chars().find(|c| !c.is_digit(radix)) {
        let base = match radix {
            16 => "a hex digit",
            8 => "an octal digit (C reads a number with a leading 0 as octal)",
            2 => "a binary digit",
            _ => "a decimal digit",
        };
        return Err(format!("`{shown}` is not a number: `{bad}` is not {base}"));
    }
    // Leading zeros do not count towards the width.
    let significant = digits.trim_start_matches('0');
    let magnitude = u64::from_str_radix(
        if significant.is_empty() {
            "0"
        } else {
            significant
        },
        radix,
    )
    .ok();
    let value = magnitude.and_then(|magnitude| {
        if negative {
            (magnitude <= 1 << 31).then(|| (magnitude as i64).wrapping_neg() as u32)
        } else {
            u32::try_from(magnitude).ok()
        }
    });
    match value {
        Some(value) => Ok(IntegerLiteral::Value(value)),
        None if wide => Ok(IntegerLiteral::NotCode(format!(
            "`{shown}` is a 64-bit number, not a 32-bit error code"
        ))),
        None => Err(format!("`{shown}` does not fit in 32 bits")),
    }
}

/// True for a character C compilers accept in an identifier: ASCII letters,
/// digits and `_`, `$` (a common extension), `\` (of a universal character
/// name, `\u00C9`), and any character outside ASCII but whitespace.
fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '_'
        || c == '$'
        || c == '\\'
        || (!c.is_ascii() && !c.is_whitespace())
}

/// Reads the `#define`s of a C header. Skipped without a trace: other
/// directives, code, function-like macros (`#define F(x) ...`), and names
/// defined as nothing (include guards). Read: numbers, casts, typedef
/// macros, aliases, and winerror.h's [`KnownMacro`]s. Recorded as skipped:
/// values that are other expressions, strings, floats, 64-bit numbers,
/// unresolved aliases and macro arguments, names with characters outside
/// ASCII. A block comment that never closes is an
/// error at its `/*`.
fn read_c_header(text: &str, collector: &mut Collector) -> Result<(), ReferenceError> {
    let logical = logical_lines(text);
    if let Some(line) = logical.unterminated_raw_string {
        return Err(collector.malformed(
            line,
            "a raw string literal `R\"(` opens here and never closes: a compiler rejects the file, and the rest of it would be read as the string",
        ));
    }
    if let Some(line) = logical.unterminated_comment {
        return Err(collector.malformed(
            line,
            "a `/*` comment opens here and never closes: a compiler rejects the file, and the rest of it would be read as comment",
        ));
    }
    let mut aliases = Vec::new();
    let mut calls: Vec<Call> = Vec::new();
    for (line, code) in logical.lines {
        let code = code.trim();
        let Some(directive) = code.strip_prefix('#') else {
            continue;
        };
        let directive = directive.trim_start();
        // Conditionals: definitions in alternative branches may differ.
        let word = directive
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        match word {
            "if" | "ifdef" | "ifndef" => {
                collector.open_group();
                continue;
            }
            "elif" | "elifdef" | "elifndef" | "else" => {
                collector.next_branch();
                continue;
            }
            "endif" => {
                collector.close_group();
                continue;
            }
            _ => {}
        }
        // `#undef NAME`: a later `#define NAME` with another value is a
        // new definition, as the compiler reads it, not a conflict.
        if let Some(undefined) = directive
            .strip_prefix("undef")
            .filter(|rest| rest.starts_with([' ', '\t']))
        {
            let name = undefined.trim();
            collector.undefine(name);
            aliases.retain(|(_, alias, _, _, _)| alias != name);
            continue;
        }
        let Some(after) = directive.strip_prefix("define") else {
            continue;
        };
        if !after.starts_with([' ', '\t']) {
            if after.is_empty() {
                return Err(collector.malformed(line, "`#define` without a name"));
            }
            continue; // `#defined`, `#define_x`: not this directive
        }
        let after = after.trim_start();
        // The name whole, as the compiler reads it: `OM_É` is not `OM_`.
        let name_end = after
            .find(|c: char| !is_identifier_char(c))
            .unwrap_or(after.len());
        let name = &after[..name_end];
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(collector.malformed(
                line,
                format!(
                    "`#define {}`: `{}` is not a macro name",
                    excerpt(after),
                    excerpt(name)
                ),
            ));
        }
        let rest = &after[name_end..];
        if rest.starts_with('(') {
            continue; // function-like macro
        }
        let value = rest.trim();
        if value.is_empty() {
            continue;
        }
        if !is_identifier(name) {
            let odd = name
                .chars()
                .find(|&c| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or('?');
            collector.skip(
                line,
                name,
                format!(
                    "the name holds `{}` (U+{:04X}); errdocs reads names of ASCII letters, digits and `_`",
                    odd.escape_debug(),
                    u32::from(odd)
                ),
            );
            continue;
        }
        match read_defined_value(value) {
            Ok(DefinedValue::Number(number, declared)) => collector.add(UserFact {
                name: name.to_string(),
                value: number,
                kind: kind_of(declared, name, number),
                line,
            })?,
            Ok(DefinedValue::Alias(target, declared)) => {
                aliases.push((line, name.to_string(), target, declared, collector.branch));
            }
            Ok(DefinedValue::Call(known, operands)) => {
                let numbers: Option<Vec<u32>> = operands
                    .iter()
                    .map(|operand| match operand {
                        Operand::Number(number) => Some(*number),
                        Operand::Name(_) => None,
                    })
                    .collect();
                match numbers {
                    Some(numbers) => collector.add(UserFact {
                        name: name.to_string(),
                        value: known.apply(&numbers),
                        kind: CodeKind::Hresult,
                        line,
                    })?,
                    None => calls.push((line, name.to_string(), known, operands, collector.branch)),
                }
            }
            Ok(DefinedValue::Other(reason)) => collector.skip(line, name, reason),
            Err(message) => {
                return Err(collector.malformed(line, format!("`#define {name}`: {message}")));
            }
        }
    }
    resolve(calls, aliases, collector)
}

/// One `#define NAME MACRO(args)` with a name among its arguments: its
/// line, name, macro, arguments, and `#if` branch.
type Call = (usize, String, KnownMacro, Vec<Operand>, Branch);

/// One `#define NAME OTHER_NAME`: its line, name, target, the kind its
/// cast declares, and its `#if` branch.
type Alias = (usize, String, String, Option<CodeKind>, Branch);

/// A definition whose value depends on other names.
enum Pending {
    /// `#define NAME MACRO(args)`, a name among the arguments.
    Call(Call),
    /// `#define NAME OTHER_NAME`.
    Alias(Alias),
}

impl Pending {
    fn line(&self) -> usize {
        match self {
            Pending::Call((line, ..)) | Pending::Alias((line, ..)) => *line,
        }
    }

    fn name(&self) -> &str {
        match self {
            Pending::Call((_, name, ..)) | Pending::Alias((_, name, ..)) => name,
        }
    }

    /// The names its value depends on.
    fn depends_on(&self) -> Vec<&str> {
        match self {
            Pending::Call((_, _, _, operands, _)) => operands
                .iter()
                .filter_map(|operand| match operand {
                    Operand::Name(name) => Some(name.as_str()),
                    Operand::Number(_) => None,
                })
                .collect(),
            Pending::Alias((_, _, target, _, _)) => vec![target.as_str()],
        }
    }
}

/// Computes the calls and aliases as a compiler does, whatever their
/// order in the file: each once every name it depends on is settled (a
/// number of this file, or another call or alias computed or skipped
/// first), so `#define FACILITY_OM FACILITY_X` serves a later
/// `MAKE_HRESULT(1, FACILITY_OM, 1)` and a call may name another call.
/// A call's name that the file does not define is looked up among
/// winerror.h's severities and facilities ([`WINERROR_NAMES`]). What
/// cannot be computed is recorded as skipped, with the name at fault;
/// definitions that depend on themselves (`#define A MAKE_HRESULT(1, A,
/// 1)`, aliases in a circle) are skipped as such. Each definition and
/// each of its names is handled once: linear in the file.
fn resolve(
    calls: Vec<Call>,
    aliases: Vec<Alias>,
    collector: &mut Collector,
) -> Result<(), ReferenceError> {
    let mut pending: Vec<Pending> = calls
        .into_iter()
        .map(Pending::Call)
        .chain(aliases.into_iter().map(Pending::Alias))
        .collect();
    pending.sort_by_key(Pending::line);
    // How many pending definitions each name still has.
    let mut unsettled: HashMap<String, usize> = HashMap::new();
    for item in &pending {
        *unsettled.entry(item.name().to_string()).or_default() += 1;
    }
    // Per definition, how many of its names are not settled yet; per
    // name, the definitions waiting for it.
    let mut waiting_for: Vec<usize> = Vec::with_capacity(pending.len());
    let mut waiters: HashMap<String, Vec<usize>> = HashMap::new();
    let mut ready = std::collections::BinaryHeap::new();
    for (index, item) in pending.iter().enumerate() {
        let mut names = item.depends_on();
        names.sort_unstable();
        names.dedup();
        let mut count = 0;
        for name in names {
            if unsettled.contains_key(name) {
                count += 1;
                waiters.entry(name.to_string()).or_default().push(index);
            }
        }
        waiting_for.push(count);
        if count == 0 {
            ready.push(std::cmp::Reverse(index));
        }
    }
    let mut done = vec![false; pending.len()];
    // In file order among those ready, so the outcome is the same each run.
    while let Some(std::cmp::Reverse(index)) = ready.pop() {
        done[index] = true;
        settle_one(&pending[index], collector)?;
        let name = pending[index].name();
        let left = unsettled.get_mut(name).map_or(0, |left| {
            *left -= 1;
            *left
        });
        if left == 0 {
            for waiter in waiters.remove(name).unwrap_or_default() {
                waiting_for[waiter] -= 1;
                if waiting_for[waiter] == 0 {
                    ready.push(std::cmp::Reverse(waiter));
                }
            }
        }
    }
    // What is left waits on itself, through a circle of definitions.
    for (item, _) in pending.iter().zip(&done).filter(|(_, done)| !**done) {
        let reason = match item {
            Pending::Call((_, _, known, _, _)) => format!(
                "`{}` takes a name whose value depends on `{}` itself (definitions in a circle)",
                known.name(),
                item.name()
            ),
            Pending::Alias((_, _, target, _, _)) => format!(
                "refers to `{target}`, whose value depends on `{}` itself (definitions in a circle)",
                item.name()
            ),
        };
        collector.skip(item.line(), item.name(), reason);
    }
    Ok(())
}

/// Computes one call or alias whose names are all settled: a fact, or a
/// skipped definition naming what is missing.
fn settle_one(item: &Pending, collector: &mut Collector) -> Result<(), ReferenceError> {
    match item {
        Pending::Call((line, name, known, operands, branch)) => {
            let mut numbers = Vec::with_capacity(operands.len());
            let mut unknown = None;
            for operand in operands {
                match operand {
                    Operand::Number(number) => numbers.push(*number),
                    Operand::Name(argument) => {
                        let value = collector
                            .by_name
                            .get(argument)
                            .map(|&index| collector.facts[index].value)
                            .or_else(|| winerror_value(argument));
                        match value {
                            Some(value) => numbers.push(value),
                            None => {
                                unknown = Some(argument);
                                break;
                            }
                        }
                    }
                }
            }
            collector.branch = *branch;
            match unknown {
                None => collector.add(UserFact {
                    name: name.clone(),
                    value: known.apply(&numbers),
                    kind: CodeKind::Hresult,
                    line: *line,
                }),
                Some(argument) => {
                    collector.skip(
                        *line,
                        name,
                        format!(
                            "`{}` takes `{argument}`, which this file does not define as a number (nor is it one of winerror.h's severities and facilities)",
                            known.name()
                        ),
                    );
                    Ok(())
                }
            }
        }
        Pending::Alias((line, name, target, declared, branch)) => {
            collector.branch = *branch;
            // A severity or facility of winerror.h counts as a number here
            // too (`#define FACILITY_OM FACILITY_WINDOWSUPDATE`), as it
            // does as a call's argument: the call naming the alias was
            // skipped.
            let resolved = collector
                .by_name
                .get(target)
                .map(|&index| (collector.facts[index].value, collector.facts[index].kind))
                .or_else(|| {
                    winerror_value(target).map(|value| (value, kind_of(None, name, value)))
                });
            match resolved {
                Some((value, kind)) => collector.add(UserFact {
                    name: name.clone(),
                    value,
                    kind: declared.unwrap_or(kind),
                    line: *line,
                }),
                None => {
                    collector.skip(
                        *line,
                        name,
                        format!(
                            "refers to `{target}`, which this file does not define as a number (nor is it one of winerror.h's severities and facilities)"
                        ),
                    );
                    Ok(())
                }
            }
        }
    }
}

// ---------------------------------------------------------------- CSV / TSV

/// Header texts that name the name column, compared ignoring case.
const NAME_HEADERS: [&str; 7] = [
    "name",
    "symbol",
    "symbolic name",
    "constant",
    "identifier",
    "error string",
    "error name",
];

/// Header texts that name the value column, compared ignoring case.
const VALUE_HEADERS: [&str; 8] = [
    "value",
    "code",
    "hex",
    "hresult",
    "error code",
    "decimal",
    "number",
    "hexadecimal",
];

/// Reads a table value: `0x` and one to eight hex digits (with an optional
/// `L`/`U` suffix), or a signed or unsigned decimal that fits in 32 bits.
fn read_table_value(text: &str) -> Result<u32, String> {
    let trimmed = text.trim_end_matches(['l', 'L', 'u', 'U']);
    if let Some(hex) = trimmed
        .strip_prefix("0x")
        .or_else(|| trimmed.strip_prefix("0X"))
    {
        if hex.is_empty() || !hex.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return Err(format!("`{}` is not a hex number", excerpt(text)));
        }
        if hex.trim_start_matches('0').len() > 8 {
            return Err(format!("`{}` has more than 8 hex digits", excerpt(text)));
        }
        return u32::from_str_radix(hex, 16)
            .map_err(|error| format!("`{}`: {error}", excerpt(text)));
    }
    let number: i64 = trimmed.parse().map_err(|_| {
        if !trimmed.is_empty() && trimmed.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            format!(
                "`{}` is not a decimal number; write hex values with `0x` (0x{})",
                excerpt(text),
                excerpt(trimmed)
            )
        } else {
            format!(
                "`{}` is not a number (hex with `0x`, or decimal)",
                excerpt(text)
            )
        }
    })?;
    if !(i64::from(i32::MIN)..=i64::from(u32::MAX)).contains(&number) {
        return Err(format!("`{}` does not fit in 32 bits", excerpt(text)));
    }
    // In range: the low 32 bits are the value, negatives as two's complement.
    Ok(number as u32)
}

/// Reads a CSV or TSV table of name and value. A first row whose value cell
/// is not a number is a header; it may name the columns (`name`, `symbol`,
/// ...; `value`, `code`, `hex`, ...) in any order. Without a header the
/// first column is the name and the second the value; further columns are
/// ignored. Lines starting with `#` are comments.
fn read_table(text: &str, delimiter: u8, collector: &mut Collector) -> Result<(), ReferenceError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    // The csv crate's positions are where it started reading a record,
    // before the blank and comment lines it skipped (and its line numbers
    // leave blank lines out), so the line is found from the byte offset,
    // past those lines.
    let lines: Vec<&str> = text.split('\n').collect();
    let line_starts: Vec<u64> = lines
        .iter()
        .scan(0u64, |offset, line| {
            let start = *offset;
            *offset += line.len() as u64 + 1;
            Some(start)
        })
        .collect();
    let line_of = |position: Option<&csv::Position>| {
        let Some(position) = position else {
            return 0;
        };
        // After a CR LF the crate may start at the LF, the end of the
        // line before.
        let mut byte = position.byte();
        if text.as_bytes().get(byte as usize) == Some(&b'\n') {
            byte += 1;
        }
        let mut index = line_starts
            .partition_point(|&start| start <= byte)
            .saturating_sub(1);
        while lines.get(index).is_some_and(|line| {
            let line = line.trim();
            line.is_empty() || line.starts_with('#')
        }) && index + 1 < lines.len()
        {
            index += 1;
        }
        index + 1
    };
    let mut columns: Option<(usize, usize)> = None;
    for record in reader.records() {
        let record = record.map_err(|error| {
            collector.malformed(line_of(error.position()), format!("not valid CSV: {error}"))
        })?;
        // A comment indented (`  # note`): the csv crate knows only those
        // at the start of a line, and `line_of` passes over both kinds.
        if record.iter().all(str::is_empty)
            || record.get(0).is_some_and(|cell| cell.starts_with('#'))
        {
            continue;
        }
        let line = line_of(record.position());
        let looks_numeric =
            |cell: &str| cell.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
        let (name_column, value_column) = match columns {
            Some(columns) => columns,
            // A first row without a single number is a header.
            None if !record.iter().any(looks_numeric) => {
                let position = |headers: &[&str]| {
                    record.iter().position(|cell| {
                        headers
                            .iter()
                            .any(|header| header.eq_ignore_ascii_case(cell))
                    })
                };
                let (Some(name_column), Some(value_column)) =
                    (position(&NAME_HEADERS), position(&VALUE_HEADERS))
                else {
                    return Err(collector.malformed(
                        line,
                        format!(
                            "the first row `{}` is neither a constant nor a header naming a name column ({}) and a value column ({})",
                            excerpt(&record.iter().collect::<Vec<_>>().join(",")),
                            NAME_HEADERS.join(", "),
                            VALUE_HEADERS.join(", ")
                        ),
                    ));
                };
                columns = Some((name_column, value_column));
                continue;
            }
            None => {
                columns = Some((0, 1));
                (0, 1)
            }
        };
        let name = record.get(name_column).unwrap_or_default();
        if !is_identifier(name) {
            return Err(collector.malformed(
                line,
                format!(
                    "`{}` is not a constant name (letters, digits and `_`)",
                    excerpt(name)
                ),
            ));
        }
        let Some(value_text) = record.get(value_column).filter(|cell| !cell.is_empty()) else {
            return Err(collector.malformed(line, format!("`{}` has no value", excerpt(name))));
        };
        let value =
            read_table_value(value_text).map_err(|message| collector.malformed(line, message))?;
        collector.add(UserFact {
            name: name.to_string(),
            value,
            kind: kind_of(None, name, value),
            line,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(text: &str) -> Result<UserReference, ReferenceError> {
        UserReference::parse(Path::new("product.h"), text, UserReferenceFormat::CHeader)
    }

    fn table(text: &str, format: UserReferenceFormat) -> Result<UserReference, ReferenceError> {
        UserReference::parse(Path::new("codes.csv"), text, format)
    }

    /// The names and values `reference` defines, in order.
    fn values(reference: &UserReference) -> Vec<(String, u32)> {
        facts(reference)
            .into_iter()
            .map(|(name, value, ..)| (name, value))
            .collect()
    }

    fn facts(reference: &UserReference) -> Vec<(String, u32, CodeKind, usize)> {
        let mut facts: Vec<_> = reference
            .iter()
            .map(|fact| {
                let Origin::User { line, .. } = fact.origin else {
                    panic!("not a user fact")
                };
                (fact.name.to_string(), fact.value, fact.kind, line)
            })
            .collect();
        facts.sort_by_key(|fact| fact.3);
        facts
    }

    fn error_text(result: Result<UserReference, ReferenceError>) -> String {
        match result {
            Err(error) => error.to_string(),
            Ok(reference) => panic!("parsed: {:?}", facts(&reference)),
        }
    }

    #[test]
    fn alias_chains_resolve_and_cycles_are_skipped_in_linear_time() {
        // 20,000 aliases, each naming the next: walked once, not once per
        // alias (which took seconds).
        let mut text: String = (0..20_000)
            .map(|i| format!("#define OM_A{i} OM_A{}\n", i + 1))
            .collect();
        text.push_str("#define OM_A20000 0x80CF0001L\n#define OM_C1 OM_C2\n#define OM_C2 OM_C1\n");
        let reference = header(&text).expect("parses");
        assert_eq!(
            reference.table().named("OM_A0").map(|f| f.value),
            Some(0x80CF_0001)
        );
        assert_eq!(
            reference.table().named("OM_A19999").map(|f| f.value),
            Some(0x80CF_0001)
        );
        assert!(reference.table().named("OM_C1").is_none());
        let skipped: Vec<&str> = reference
            .skipped()
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(skipped, ["OM_C1", "OM_C2"]);
    }

    #[test]
    fn header_forms() {
        let text = "\
#ifndef PRODUCT_H
#define PRODUCT_H
#include <winerror.h>
// OM_E_NO_SERVICE: the agent could not provide the service.
#define OM_E_NO_SERVICE _HRESULT_TYPEDEF_(0x80CF0001L)
#define OM_E_MAX_CAPACITY_REACHED ((HRESULT)0x80CF0002L)
#  define OM_ERROR_COUNT 1234L /* a plain number */
#define OM_STATUS_X ((NTSTATUS)0xC0CF0001L)
#define OM_HEX 0x80cf0003
#define OM_NEGATIVE (-2133917692)
#define OM_ALIAS OM_E_NO_SERVICE
#define OM_MACRO(x) ((x) + 1)
#define OM_E_CONTINUED \\
    _HRESULT_TYPEDEF_(0x80CF0005L)
/* #define OM_E_COMMENTED 0x80CF0006L
   still a comment */
#define OM_E_AFTER_COMMENT 0x80CF0007L // trailing
#define OM_STRING \"text // not a comment\"
#define OM_MADE MAKE_HRESULT(1, 0xCF, 8)
#define OM_FLOAT 1.5
#define OM_WIDE 0x100000000ULL
#define OM_UNKNOWN_ALIAS SOMETHING_ELSE
#define OM_OCTAL 010
#endif
";
        let reference = header(text).expect("parses");
        assert_eq!(
            facts(&reference),
            [
                ("OM_E_NO_SERVICE".into(), 0x80CF_0001, CodeKind::Hresult, 5),
                (
                    "OM_E_MAX_CAPACITY_REACHED".into(),
                    0x80CF_0002,
                    CodeKind::Hresult,
                    6
                ),
                ("OM_ERROR_COUNT".into(), 1234, CodeKind::Integer, 7),
                ("OM_STATUS_X".into(), 0xC0CF_0001, CodeKind::NtStatus, 8),
                ("OM_HEX".into(), 0x80CF_0003, CodeKind::Integer, 9),
                ("OM_NEGATIVE".into(), 0x80CF_0004, CodeKind::Integer, 10),
                ("OM_ALIAS".into(), 0x80CF_0001, CodeKind::Hresult, 11),
                ("OM_E_CONTINUED".into(), 0x80CF_0005, CodeKind::Hresult, 13),
                (
                    "OM_E_AFTER_COMMENT".into(),
                    0x80CF_0007,
                    CodeKind::Hresult,
                    17
                ),
                ("OM_MADE".into(), 0x80CF_0008, CodeKind::Hresult, 19),
                ("OM_OCTAL".into(), 8, CodeKind::Integer, 23),
            ]
        );
        let skipped: Vec<(usize, &str)> = reference
            .skipped()
            .iter()
            .map(|skipped| (skipped.line, skipped.name.as_str()))
            .collect();
        assert_eq!(
            skipped,
            [
                (18, "OM_STRING"),
                (20, "OM_FLOAT"),
                (21, "OM_WIDE"),
                (22, "OM_UNKNOWN_ALIAS"),
            ]
        );
        assert!(reference.skipped()[0].reason.contains("string"));
        assert_eq!(reference.file(), Path::new("product.h"));
    }

    #[test]
    fn the_forms_of_real_headers_are_read_or_skipped_with_a_reason() {
        // What SDK, MinGW and product headers write: casts, typedef
        // macros, MinGW's `__MSABI_LONG`, and winerror.h's macros that
        // make a code, with numbers or names (the file's own, or
        // winerror.h's severities and facilities).
        let text = "\
#define FACILITY_OM 0xCF
#define OM_E_CAST ((HRESULT)0x80240001L)
#define OM_E_TYPEDEF _HRESULT_TYPEDEF_(0x80240002L)
#define OM_E_PARENS (0x80240003)
#define OM_E_MSABI __MSABI_LONG(5)
#define OM_E_MADE MAKE_HRESULT(1, FACILITY_OM, 1)
#define OM_E_MADE_SDK MAKE_HRESULT(SEVERITY_ERROR, FACILITY_ITF, 0x200)
#define OM_S_SCODE MAKE_SCODE(SEVERITY_SUCCESS, FACILITY_WIN32, 3)
#define OM_E_WIN32 HRESULT_FROM_WIN32(5L)
#define OM_E_WIN32_NAME HRESULT_FROM_WIN32(OM_E_MSABI)
#define OM_E_NT HRESULT_FROM_NT(0xC0000022L)
#define OM_E_CAST_MADE ((HRESULT)MAKE_HRESULT(1, (FACILITY_OM), (0x10)))
#define OM_E_ALIAS_OF_MADE OM_E_MADE
#define OM_E_EXPONENT 0xE-1
#define OM_E_EXPONENT_PLUS 0x1E+1
#define OM_E_UNKNOWN_FACILITY MAKE_HRESULT(1, FACILITY_ELSEWHERE, 1)
#define OM_E_ARITY MAKE_HRESULT(1, 2)
#define OM_E_NESTED MAKE_HRESULT(1, 2, HRESULT_FROM_WIN32(5))
#define OM_E_EXPRESSION (0x80240000 | 5)
#define OM_E_WIN32_ELSEWHERE HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED)
";
        let reference = header(text).expect("parses");
        let value = |name: &str| reference.table().named(name).map(|f| (f.value, f.kind));
        let hresult = |value: u32| Some((value, CodeKind::Hresult));
        assert_eq!(value("OM_E_CAST"), hresult(0x8024_0001));
        assert_eq!(value("OM_E_TYPEDEF"), hresult(0x8024_0002));
        assert_eq!(value("OM_E_PARENS").map(|v| v.0), Some(0x8024_0003));
        assert_eq!(value("OM_E_MSABI").map(|v| v.0), Some(5));
        assert_eq!(value("OM_E_MADE"), hresult(0x80CF_0001));
        assert_eq!(value("OM_E_MADE_SDK"), hresult(0x8004_0200));
        assert_eq!(value("OM_S_SCODE"), hresult(0x0007_0003));
        assert_eq!(value("OM_E_WIN32"), hresult(0x8007_0005));
        assert_eq!(value("OM_E_WIN32_NAME"), hresult(0x8007_0005));
        assert_eq!(value("OM_E_NT"), hresult(0xD000_0022));
        assert_eq!(value("OM_E_CAST_MADE"), hresult(0x80CF_0010));
        assert_eq!(value("OM_E_ALIAS_OF_MADE"), hresult(0x80CF_0001));
        // What is not read is listed, with its line and what it is; no
        // line of it stops the file.
        let skipped = skipped(&reference);
        let lines: Vec<(usize, &str)> = skipped.iter().map(|s| (s.0, s.1)).collect();
        assert_eq!(
            lines,
            [
                (14, "OM_E_EXPONENT"),
                (15, "OM_E_EXPONENT_PLUS"),
                (16, "OM_E_UNKNOWN_FACILITY"),
                (17, "OM_E_ARITY"),
                (18, "OM_E_NESTED"),
                (19, "OM_E_EXPRESSION"),
                (20, "OM_E_WIN32_ELSEWHERE"),
            ]
        );
        assert!(
            skipped[0].2.contains("`0xE-1` is no number"),
            "{}",
            skipped[0].2
        );
        assert!(
            skipped[2].2.contains("`FACILITY_ELSEWHERE`"),
            "{}",
            skipped[2].2
        );
        assert!(
            skipped[3]
                .2
                .contains("passes 2 arguments to `MAKE_HRESULT`, which takes 3"),
            "{}",
            skipped[3].2
        );
        assert!(skipped[4].2.contains("one level"), "{}", skipped[4].2);
        assert!(skipped[5].2.contains("expression"), "{}", skipped[5].2);
        assert!(
            skipped[6].2.contains("`ERROR_ACCESS_DENIED`"),
            "{}",
            skipped[6].2
        );
        // A hex float is still a float, not a misread exponent.
        let float = header("#define OM_F 0x1p-3\n").expect("parses");
        assert!(skipped_reason(float).contains("floating-point"));
    }

    /// A call may name an alias or another call, written before or after
    /// it, as a compiler reads them; only what depends on itself is
    /// skipped, and said to. (Calls were computed before aliases, each
    /// from the numbers defined so far: `FACILITY_OM` below, an alias,
    /// was "not defined as a number".)
    #[test]
    fn calls_and_aliases_resolve_in_any_order_and_circles_are_named() {
        let text = "\
#define OM_E_EARLY MAKE_HRESULT(1, FACILITY_OM, OM_CODE_BASE)
#define OM_CODE_BASE HRESULT_CODE_BASE
#define HRESULT_CODE_BASE 0x10
#define FACILITY_OM FACILITY_OM_NUMBER
#define FACILITY_OM_NUMBER 0xCF
#define OM_E_FROM_CALL MAKE_HRESULT(1, FACILITY_OM, 2)
#define OM_E_OF_CALL HRESULT_FROM_NT(OM_E_FROM_CALL)
#define OM_E_SELF MAKE_HRESULT(1, OM_E_SELF, 1)
#define OM_E_LOOP_A MAKE_HRESULT(1, OM_E_LOOP_B, 1)
#define OM_E_LOOP_B OM_E_LOOP_A
#define OM_E_MISSING MAKE_HRESULT(1, FACILITY_NOWHERE, 1)
#define OM_E_AFTER_MISSING OM_E_MISSING
";
        let reference = header(text).expect("parses");
        let value = |name: &str| reference.table().named(name).map(|f| f.value);
        assert_eq!(value("OM_E_EARLY"), Some(0x80CF_0010));
        assert_eq!(value("FACILITY_OM"), Some(0xCF));
        assert_eq!(value("OM_E_FROM_CALL"), Some(0x80CF_0002));
        assert_eq!(value("OM_E_OF_CALL"), Some(0x90CF_0002));
        let skipped = skipped(&reference);
        let names: Vec<(usize, &str)> = skipped.iter().map(|s| (s.0, s.1)).collect();
        assert_eq!(
            names,
            [
                (8, "OM_E_SELF"),
                (9, "OM_E_LOOP_A"),
                (10, "OM_E_LOOP_B"),
                (11, "OM_E_MISSING"),
                (12, "OM_E_AFTER_MISSING")
            ]
        );
        assert!(skipped[0].2.contains("in a circle"), "{skipped:?}");
        assert!(skipped[1].2.contains("in a circle"), "{skipped:?}");
        assert!(skipped[3].2.contains("`FACILITY_NOWHERE`"), "{skipped:?}");
        assert!(
            skipped[4].2.contains("does not define as a number"),
            "{skipped:?}"
        );
    }

    /// Chains of calls and aliases written last to first are still read
    /// once each.
    #[test]
    fn long_chains_of_calls_resolve_in_linear_time() {
        let mut text: String = (0..20_000)
            .map(|i| {
                format!(
                    "#define OM_F{i} HRESULT_FROM_NT(OM_G{i})\n#define OM_G{i} OM_F{}\n",
                    i + 1
                )
            })
            .collect();
        text.push_str("#define OM_F20000 0x1\n");
        let reference = header(&text).expect("parses");
        assert_eq!(
            reference.table().named("OM_F0").map(|f| f.value),
            Some(0x1000_0001)
        );
        assert!(reference.skipped().is_empty());
        // No clock: the machine is shared, and speed is measured by `cargo
        // bench`. Walked quadratically, this input makes the test run far
        // longer than the others (minutes where they take seconds).
    }

    fn skipped(reference: &UserReference) -> Vec<(usize, &str, &str)> {
        reference
            .skipped()
            .iter()
            .map(|s| (s.line, s.name.as_str(), s.reason.as_str()))
            .collect()
    }

    #[test]
    fn deep_nesting_is_peeled_in_one_pass_and_bounded() {
        let nested = |depth: usize, inner: &str| {
            format!("{}{inner}{}", "(".repeat(depth), ")".repeat(depth))
        };
        let typedefs = |depth: usize| {
            format!(
                "{}0x80CF0003L{}",
                "_HRESULT_TYPEDEF_(".repeat(depth),
                ")".repeat(depth)
            )
        };
        let casts = |depth: usize| format!("{}0x80CF0004L", "(HRESULT)".repeat(depth));
        // A typedef macro spaced from its parenthesis counts as a layer too.
        let spaced = |depth: usize| {
            format!(
                "{}0x80CF0005L{}",
                "_HRESULT_TYPEDEF_ (".repeat(depth),
                ")".repeat(depth)
            )
        };
        // Up to the bound, read; 200,000 layers (a second or more when
        // each layer searched the rest for its `)`) are skipped, named.
        let text = format!(
            "#define OM_A {}\n#define OM_B {}\n#define OM_C {}\n#define OM_D {}\n#define OM_E {}\n#define OM_F {}\n#define OM_G {}\n",
            nested(MAX_VALUE_LAYERS - 1, "0x80CF0001L"),
            nested(200_000, "0x80CF0002L"),
            typedefs(200_000),
            casts(200_000),
            casts(3),
            nested(2, &typedefs(2)),
            spaced(MAX_VALUE_LAYERS + 1),
        );
        let reference = header(&text).expect("parses");
        let values = values(&reference);
        assert_eq!(
            values,
            [
                ("OM_A".to_string(), 0x80CF_0001),
                ("OM_E".to_string(), 0x80CF_0004),
                ("OM_F".to_string(), 0x80CF_0003),
            ]
        );
        let skipped = skipped(&reference);
        assert_eq!(
            skipped.iter().map(|s| (s.0, s.1)).collect::<Vec<_>>(),
            [(2, "OM_B"), (3, "OM_C"), (4, "OM_D"), (7, "OM_G")]
        );
        for (_, _, reason) in &skipped {
            assert!(reason.contains("nests more than 64"), "{reason}");
            // The value is quoted short, not whole.
            assert!(reason.len() < 300, "{reason}");
        }
        // Parentheses that pair up in number but not in order.
        assert!(error_text(header("#define OM_X )0x1(\n")).contains("unbalanced parentheses"),);
    }

    #[test]
    fn an_unclosed_block_comment_is_an_error_at_its_start() {
        let text = "#define OM_A 1\n/* product codes\n#define OM_B 2\n#define OM_C 3\n";
        assert_eq!(
            error_text(header(text)),
            "product.h:2: a `/*` comment opens here and never closes: a compiler rejects the file, and the rest of it would be read as comment"
        );
        // Closed on another line: fine.
        let reference =
            header("/* a\n b */ #define OM_A 1\n#define OM_B /* x\n */ 2\n").expect("parses");
        assert_eq!(
            facts(&reference),
            [
                ("OM_A".into(), 1, CodeKind::Integer, 2),
                ("OM_B".into(), 2, CodeKind::Integer, 3)
            ]
        );
    }

    #[test]
    fn numbers_that_are_no_codes_are_skipped_with_a_reason() {
        let text = "\
#define OM_HEX_FLOAT 0x1p3
#define OM_HEX_FLOAT_2 0x1.8P-2f
#define OM_FLOAT 1'000.5
#define OM_WIDE 0x100000000ui64
#define OM_UDL 10_km
#define OM_I32 0x80CF0001i32
#define OM_UI64 0x80CF0002ui64
#define OM_I8 5i8
#define OM_SEPARATED 0x8007'0005
#define OM_SEPARATED_2 _HRESULT_TYPEDEF_(0x80CF'0003L) // it's fine
#define OM_MILLION 1'000'000
#define OM_BINARY 0b1010
#define OM_CHAR 'a'
#define OM_WIDE_CHAR L'a'
";
        let reference = header(text).expect("parses");
        let values = values(&reference);
        assert_eq!(
            values,
            [
                ("OM_I32".to_string(), 0x80CF_0001),
                ("OM_UI64".to_string(), 0x80CF_0002),
                ("OM_I8".to_string(), 5),
                ("OM_SEPARATED".to_string(), 0x8007_0005),
                ("OM_SEPARATED_2".to_string(), 0x80CF_0003),
                ("OM_MILLION".to_string(), 1_000_000),
                ("OM_BINARY".to_string(), 10),
            ]
        );
        let reasons: Vec<(&str, &str)> = skipped(&reference).iter().map(|s| (s.1, s.2)).collect();
        assert_eq!(
            reasons,
            [
                (
                    "OM_HEX_FLOAT",
                    "`0x1p3` is a hexadecimal floating-point number, not an error code"
                ),
                (
                    "OM_HEX_FLOAT_2",
                    "`0x1.8P-2f` is a hexadecimal floating-point number, not an error code"
                ),
                (
                    "OM_FLOAT",
                    "`1'000.5` is a floating-point number, not an error code"
                ),
                (
                    "OM_WIDE",
                    "`0x100000000ui64` is a 64-bit number, not a 32-bit error code"
                ),
                (
                    "OM_UDL",
                    "`10_km` is a user-defined literal (suffix `_km`), not an error code"
                ),
                ("OM_CHAR", "`'a'` is a string or character literal"),
                ("OM_WIDE_CHAR", "`L'a'` is a string or character literal"),
            ]
        );
        // A separator out of place is a malformed number (or, where it
        // opens a character literal, a literal), never another number.
        for wrong in ["0x'80070005", "1'u"] {
            let text = format!("#define OM_X {wrong}\n");
            assert!(
                error_text(header(&text)).contains("digit separator"),
                "{wrong}"
            );
        }
        for wrong in ["0x8007''0005", "0x80070005'"] {
            let reference = header(&format!("#define OM_X {wrong}\n")).expect("parses");
            assert!(reference.is_empty(), "{wrong}");
            assert!(
                skipped(&reference)[0].2.contains("character literal"),
                "{wrong}"
            );
        }
        assert!(error_text(header("#define OM_X 0b102\n")).contains("`2` is not a binary digit"));
        assert!(error_text(header("#define OM_X 5i33\n")).contains("is not a decimal digit"));
    }

    #[test]
    fn names_are_read_whole() {
        let text = "#define OM_\u{C9} 1\n#define OM_A\u{200B} 2\n#define OM_\\u00C9 3\n#define OM_\u{C9}(x) x\n#define OM_OK 4\n";
        let reference = header(text).expect("parses");
        assert_eq!(
            facts(&reference),
            [("OM_OK".into(), 4, CodeKind::Integer, 5)]
        );
        assert!(reference.table().named("OM_").is_none());
        assert_eq!(
            skipped(&reference),
            [
                (
                    1,
                    "OM_\u{C9}",
                    "the name holds `\u{C9}` (U+00C9); errdocs reads names of ASCII letters, digits and `_`"
                ),
                (
                    2,
                    "OM_A\u{200B}",
                    "the name holds `\\u{200b}` (U+200B); errdocs reads names of ASCII letters, digits and `_`"
                ),
                (
                    3,
                    "OM_\\u00C9",
                    "the name holds `\\\\` (U+005C); errdocs reads names of ASCII letters, digits and `_`"
                ),
            ]
        );
    }

    #[test]
    fn files_that_are_no_text_are_refused_naming_the_file() {
        let folder = tempfile::tempdir().expect("temp dir");
        let read = |name: &str, bytes: &[u8]| {
            let path = folder.path().join(name);
            std::fs::write(&path, bytes).expect("write");
            match UserReference::read_named(&path, Path::new(name)) {
                Ok(reference) => panic!("{name} read: {:?}", facts(&reference)),
                Err(error) => error.to_string(),
            }
        };
        assert_eq!(
            read("empty.h", b""),
            "empty.h: the file is empty; remove it from [reference] files or give it content"
        );
        assert!(
            read("blank.csv", b"\xEF\xBB\xBF \r\n\t\n").starts_with("blank.csv: the file is empty")
        );
        for (name, bytes) in [
            ("le.h", &b"\xFF\xFE#\0d\0"[..]),
            ("be.tsv", b"\xFE\xFF\0#\0d"),
        ] {
            let error = read(name, bytes);
            assert!(
                error.starts_with(&format!("{name}: the file is UTF-16"))
                    && error.contains("save it as UTF-8"),
                "{error}"
            );
        }
        assert!(read("utf32.h", b"\xFF\xFE\0\0#\0\0\0").contains("UTF-32"));
        let error = read("nobom.h", b"#\0d\0e\0f\0");
        assert!(
            error.starts_with("nobom.h:1: NUL bytes")
                && error.contains("UTF-16 without a byte-order mark"),
            "{error}"
        );
        assert_eq!(
            read("image.csv", b"A,1\nB,2\n\x89PNG\0\0"),
            "image.csv:3: binary file (NUL byte at byte offset 12); a reference is a C header or a CSV/TSV text file"
        );
        // Too large: refused by its size, before a byte is read.
        let path = folder.path().join("huge.h");
        let file = std::fs::File::create(&path).expect("create");
        file.set_len(MAX_REFERENCE_BYTES + 1).expect("sparse file");
        let error = UserReference::read_named(&path, Path::new("huge.h"))
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("huge.h: larger than 64 MiB"), "{error}");
    }

    #[test]
    fn header_kinds_follow_names_without_a_cast() {
        let reference =
            header("#define ERROR_PRODUCT_BROKEN 1112L\n#define PRODUCT_E_FAILED 0x80CF0009\n")
                .expect("parses");
        assert_eq!(
            facts(&reference),
            [
                ("ERROR_PRODUCT_BROKEN".into(), 1112, CodeKind::Win32Error, 1),
                ("PRODUCT_E_FAILED".into(), 0x80CF_0009, CodeKind::Hresult, 2),
            ]
        );
    }

    #[test]
    fn malformed_header_lines_name_file_and_line() {
        assert_eq!(
            error_text(header("\n#define OM_E_X _HRESULT_TYPEDEF_(0x80CFZZZZL)\n")),
            "product.h:2: `#define OM_E_X`: `0x80CFZZZZL` is not a number: `Z` is not a hex digit"
        );
        assert!(
            error_text(header("#define OM_E_X _HRESULT_TYPEDEF_(0x80CF0001L\n"))
                .starts_with("product.h:1: `#define OM_E_X`: unbalanced parentheses")
        );
        assert!(
            error_text(header("#define OM_E_X 0x180CF0001L\n")).contains("does not fit in 32 bits")
        );
        assert!(error_text(header("#define OM_X 12abc\n")).contains("`a` is not a decimal digit"));
        assert!(error_text(header("#define OM_X 09\n")).contains("octal"));
        assert!(error_text(header("#define\n")).contains("without a name"));
        assert!(error_text(header("#define 1X 5\n")).contains("not a macro name"));
        assert_eq!(
            error_text(header("#define OM_X 1\n#define OM_X 2\n")),
            "product.h:2: `OM_X` is defined again with another value: line 1 says 0x00000001, this line 0x00000002"
        );
        // The same value twice (under different #if branches) is fine.
        assert!(header("#define OM_X 1\n#define OM_X 0x1\n").is_ok());
    }

    #[test]
    fn expressions_that_start_with_a_number_are_skipped_not_refused() {
        // A compiler reads each of these; they stopped every command (exit
        // 2, "` ` is not a hex digit") where `MAKE_HRESULT(...)` is skipped.
        let text = "#define OM_A 0x100 + 1\n#define OM_B (0x80000000 | 5)\n#define OM_C 1 << 3\n\
                    #define OM_D ((HRESULT)0x80CF0000L + 0x10)\n#define OM_E_OK 0x80CF0001L\n";
        let reference = header(text).unwrap();
        assert_eq!(
            facts(&reference),
            [("OM_E_OK".into(), 0x80CF_0001, CodeKind::Hresult, 5)]
        );
        let skipped = skipped(&reference);
        assert_eq!(
            skipped.iter().map(|s| (s.0, s.1)).collect::<Vec<_>>(),
            [(1, "OM_A"), (2, "OM_B"), (3, "OM_C"), (4, "OM_D")]
        );
        assert!(skipped.iter().all(|s| s.2.contains("is an expression")));
        assert!(skipped[0].2.contains("`0x100 + 1`"), "{}", skipped[0].2);
        // Numbers with an exponent's sign are still one number, and a
        // malformed number alone is still an error.
        assert!(skipped_reason(header("#define OM_F 1e+5\n").unwrap()).contains("floating-point"));
        assert!(
            skipped_reason(header("#define OM_F 0x1p-3\n").unwrap()).contains("floating-point")
        );
        assert!(error_text(header("#define OM_X 0x80CFZZZZ\n")).contains("`Z` is not a hex digit"));
    }

    fn skipped_reason(reference: UserReference) -> String {
        reference.skipped()[0].reason.clone()
    }

    #[test]
    fn raw_strings_hold_no_comment_and_no_definition() {
        // A `/*` inside a raw string was an unterminated comment (exit 2,
        // "a compiler rejects the file"), and a `#define` in one a constant.
        let text = "const char* a = R\"(\n/* not a comment\n)\";\n\
                    const char* b = u8R\"x(\n#define OM_E_FAKE 5\n)\" )x\";\n\
                    #define OM_E_X 0x80CF0001L\n#define OM_S_RAW R\"(1)\"\n\
                    #define FOOR \"/* a string */\"\n#define OM_E_Y 0x80CF0002L\n";
        let reference = header(text).unwrap();
        assert_eq!(
            facts(&reference),
            [
                ("OM_E_X".into(), 0x80CF_0001, CodeKind::Hresult, 7),
                ("OM_E_Y".into(), 0x80CF_0002, CodeKind::Hresult, 10),
            ]
        );
        assert_eq!(
            skipped(&reference)
                .iter()
                .map(|s| (s.0, s.1))
                .collect::<Vec<_>>(),
            [(8, "OM_S_RAW"), (9, "FOOR")]
        );
        assert_eq!(
            error_text(header(
                "#define OM_E_X 1\nconst char* a = R\"(\n#define OM_E_Y 2\n"
            )),
            "product.h:2: a raw string literal `R\"(` opens here and never closes: a compiler rejects the file, and the rest of it would be read as the string"
        );
        // Not raw strings: `R` inside a word, a delimiter with a space.
        assert!(header("#define OM_E_X 1\nint R = 0; const char* s = BAR\"(\";\n").is_ok());
        assert_eq!(
            header("char* s = R\"a b(\";\n#define OM_E_X 1\n")
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn alternative_if_branches_may_define_a_name_differently() {
        // Which branch holds depends on the build: neither value is a
        // fact, and the name is listed as skipped with both lines.
        let text = "#ifdef NEW_CODES\n#define OM_X 0x80CF0002L\n#define OM_Y 1\n#else\n#define OM_X 0x80CF0001L\n#define OM_Y 1\n#endif\n#define OM_Z OM_X\n#if A\n#if B\n#define OM_W 1\n#endif\n#elif C\n#define OM_W 2\n#else\n#define OM_W 3\n#endif\n#define OM_V 0x80CF0009L\n";
        let reference = header(text).expect("alternatives are no conflict");
        let names: Vec<String> = facts(&reference).into_iter().map(|f| f.0).collect();
        assert_eq!(names, ["OM_Y", "OM_V"]);
        let skipped = skipped(&reference);
        assert_eq!(
            skipped.iter().map(|s| (s.0, s.1)).collect::<Vec<_>>(),
            [(5, "OM_X"), (8, "OM_Z"), (14, "OM_W")]
        );
        assert!(
            skipped[0].2.contains("alternative branches of an `#if`"),
            "{}",
            skipped[0].2
        );
        // In one branch, or outside any, it is still a conflict.
        for text in [
            "#ifdef A\n#define OM_X 1\n#define OM_X 2\n#endif\n",
            "#define OM_X 1\n#ifdef A\n#define OM_X 2\n#endif\n",
            "#ifdef A\n#define OM_X 1\n#endif\n#ifdef B\n#define OM_X 2\n#endif\n",
        ] {
            assert!(
                error_text(header(text)).contains("is defined again with another value"),
                "{text}"
            );
        }
    }

    #[test]
    fn an_alias_of_a_winerror_facility_serves_a_call() {
        // A product names its facility after winerror.h's: the alias, and
        // every call that took it, were skipped.
        let text = "#define FACILITY_OM FACILITY_WINDOWSUPDATE\n#define OM_E_X MAKE_HRESULT(SEVERITY_ERROR, FACILITY_OM, 1)\n#define OM_SEV SEVERITY_ERROR\n";
        let reference = header(text).expect("read");
        assert!(skipped(&reference).is_empty(), "{:?}", skipped(&reference));
        let values: Vec<(String, u32)> =
            facts(&reference).into_iter().map(|f| (f.0, f.1)).collect();
        assert!(
            values.contains(&("OM_E_X".to_string(), 0x8024_0001)),
            "{values:?}"
        );
        assert!(
            values.contains(&("FACILITY_OM".to_string(), 36)),
            "{values:?}"
        );
        // A name neither the file nor winerror.h defines is still skipped.
        let reference = header("#define FACILITY_OM FACILITY_NOWHERE\n").expect("read");
        assert_eq!(skipped(&reference).len(), 1);
    }

    /// Each definition kept a copy of the `#if` groups open around it:
    /// 20,000 definitions under 20,000 nested `#if`s (a 400 kB header)
    /// took 3 GB and seconds. A place is now one index among the groups.
    #[test]
    fn definitions_under_deeply_nested_ifs_are_read_in_linear_space() {
        let depth = 20_000;
        let mut text = "#if A\n".repeat(depth);
        for i in 0..depth {
            text.push_str(&format!(
                "#define OM_E_{i} 0x{:08X}\n",
                0x80CF_0000u32 + i as u32
            ));
        }
        text.push_str(&"#endif\n".repeat(depth));
        // No clock: the machine is shared, and speed is measured by `cargo
        // bench`. Copying the open groups into each definition, this input
        // takes gigabytes and far longer than the other tests.
        let reference = header(&text).expect("read");
        assert_eq!(reference.len(), depth);
        // Alternatives are told apart as before, however deep the
        // definitions sit in them.
        let alternatives = "#if A\n#if B\n#define OM_X 1\n#endif\n#else\n#if C\n#if D\n#define OM_X 2\n#endif\n#endif\n#endif\n";
        let reference = header(alternatives).expect("alternatives are no conflict");
        assert!(facts(&reference).is_empty());
        assert_eq!(skipped(&reference).len(), 1);
        for text in [
            "#if A\n#if B\n#define OM_X 1\n#endif\n#if C\n#define OM_X 2\n#endif\n#endif\n",
            "#if A\n#define OM_X 1\n#else\n#endif\n#define OM_X 2\n",
            "#if A\n#else\n#if B\n#define OM_X 1\n#endif\n#define OM_X 2\n#endif\n",
        ] {
            assert!(
                error_text(header(text)).contains("is defined again with another value"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_definition_after_undef_replaces_the_earlier_one() {
        // A compiler takes the second value; errdocs refused the file as
        // defining the name twice with different values.
        let text = "#define OM_E_X 0x80CF0001L\n#undef OM_E_X\n#define OM_E_X 0x80CF0002L\n\
                    #define OM_E_A 1\n#define OM_E_B OM_E_A\n#undef OM_E_B\n#define OM_E_B 7\n\
                    #undef OM_E_NEVER\n#undefOM_E_A\n";
        let reference = header(text).unwrap();
        assert_eq!(
            facts(&reference)
                .into_iter()
                .map(|(name, value, _, line)| (name, value, line))
                .collect::<Vec<_>>(),
            [
                ("OM_E_X".into(), 0x80CF_0002, 3),
                ("OM_E_A".into(), 1, 4),
                ("OM_E_B".into(), 7, 7),
            ]
        );
        // Without the `#undef`, still a conflict.
        assert!(
            error_text(header("#define OM_E_X 1\n#define OM_E_X 2\n"))
                .contains("is defined again with another value")
        );
    }

    #[test]
    fn a_continuation_at_the_end_of_the_file_joins_nothing() {
        let reference = header("#define OM_E_X 0x80CF0001L \\").unwrap();
        assert_eq!(
            facts(&reference),
            [("OM_E_X".into(), 0x80CF_0001, CodeKind::Hresult, 1)]
        );
        let reference = header("#define OM_E_X 0x80CF0001L \\\n").unwrap();
        assert_eq!(reference.len(), 1);
    }

    #[test]
    fn table_messages_quote_an_excerpt_and_the_right_line() {
        // A quote that never closes holds the rest of the file: the message
        // quoted all of it (megabytes on one line).
        let rest = "OM_E_Y,2\n".repeat(100_000);
        let message = error_text(table(
            &format!("OM_E_X,\"1\n{rest}"),
            UserReferenceFormat::Csv,
        ));
        assert!(message.starts_with("codes.csv:1: `1"), "{message}");
        assert!(message.len() < 300, "{} bytes", message.len());
        let long = "X".repeat(100_000);
        for text in [
            format!("OM_E_{long}!,1\n"),
            format!("OM_E_X,0x{long}\n"),
            format!("OM_E_X,{long}\n"),
            format!("OM_E_X,9{long}\n"),
            format!("{long},{long}\n"),
        ] {
            let message = error_text(table(&text, UserReferenceFormat::Csv));
            assert!(message.len() < 400, "{} bytes", message.len());
        }
        // An indented comment is a comment, and the line of an error is the
        // line that holds it.
        let reference = table(
            "  # generated\nname,value\n  # more\nOM_E_X,1\n",
            UserReferenceFormat::Csv,
        )
        .unwrap();
        assert_eq!(facts(&reference)[0].3, 4);
        assert_eq!(
            error_text(table(
                "  # generated\nOM_E_X,1\n  # more\nOM_E_Y,zz\n",
                UserReferenceFormat::Csv
            )),
            "codes.csv:4: `zz` is not a number (hex with `0x`, or decimal)"
        );
    }

    #[test]
    fn tables_with_and_without_header() {
        let csv = "name,value,description\nOM_E_NO_SERVICE,0x80CF0001,\"The agent, offline\"\n\nOM_E_TWO,-2133917694,x\n# comment\nOM_E_THREE,2161049603\n";
        let reference = table(csv, UserReferenceFormat::Csv).expect("parses");
        assert_eq!(
            facts(&reference),
            [
                ("OM_E_NO_SERVICE".into(), 0x80CF_0001, CodeKind::Hresult, 2),
                ("OM_E_TWO".into(), 0x80CF_0002, CodeKind::Hresult, 4),
                ("OM_E_THREE".into(), 0x80CF_0003, CodeKind::Hresult, 6),
            ]
        );
        let tsv = "OM_E_NO_SERVICE\t0x80cf0001L\nERROR_X\t1112\n";
        let reference = table(tsv, UserReferenceFormat::Tsv).expect("parses");
        assert_eq!(reference.len(), 2);
        let swapped = "Code;Symbol\n".replace(';', ",") + "0x80CF0001,OM_E_NO_SERVICE\n";
        let reference = table(&swapped, UserReferenceFormat::Csv).expect("parses");
        assert_eq!(
            facts(&reference),
            [("OM_E_NO_SERVICE".into(), 0x80CF_0001, CodeKind::Hresult, 2)]
        );
    }

    #[test]
    fn malformed_table_rows_name_file_and_line() {
        assert_eq!(
            error_text(table(
                "OM_E_X,0x80CF0001\nOM_E_Y,0x80CFZZ01\n",
                UserReferenceFormat::Csv
            )),
            "codes.csv:2: `0x80CFZZ01` is not a hex number"
        );
        // Blank and comment lines before a row still count.
        assert_eq!(
            error_text(table(
                "OM_E_X,0x80CF0001\n\n# note\n\nOM_E_Y,0x80CFZZ01\n",
                UserReferenceFormat::Csv
            )),
            "codes.csv:5: `0x80CFZZ01` is not a hex number"
        );
        assert!(
            error_text(table(
                "OM_E_X,0x80CF0001\nOM_E_Y,80CF0002\n",
                UserReferenceFormat::Csv
            ))
            .contains("write hex values with `0x`")
        );
        assert!(
            error_text(table(
                "OM_E_X,0x80CF0001\nOM E,1\n",
                UserReferenceFormat::Csv
            ))
            .starts_with("codes.csv:2: `OM E` is not a constant name")
        );
        assert!(
            error_text(table(
                "OM_E_X,0x80CF0001\nOM_E_Y\n",
                UserReferenceFormat::Csv
            ))
            .contains("`OM_E_Y` has no value")
        );
        assert!(
            error_text(table("OM_E_X,4294967296\n", UserReferenceFormat::Csv))
                .contains("does not fit in 32 bits")
        );
        assert!(
            error_text(table("foo,bar\nOM_E_X,1\n", UserReferenceFormat::Csv))
                .starts_with("codes.csv:1: the first row `foo,bar` is neither")
        );
        assert!(
            error_text(table("OM_X,1\nOM_X,2\n", UserReferenceFormat::Csv))
                .contains("defined again with another value")
        );
    }

    /// The extensions written in `text` as `.ext` (a letter or digit
    /// after the dot).
    fn extensions_in(text: &str) -> std::collections::BTreeSet<String> {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .filter_map(|word| word.strip_prefix('.'))
            .filter(|ext| !ext.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_extensions_in_words_are_the_ones_read() {
        let read: std::collections::BTreeSet<String> = UserReferenceFormat::EXTENSIONS
            .iter()
            .flat_map(|(_, names)| names.iter().map(|n| n.to_string()))
            .collect();
        assert_eq!(extensions_in(UserReferenceFormat::IN_WORDS), read);
        for (format, names) in UserReferenceFormat::EXTENSIONS {
            for name in names {
                let upper = format!("codes.{}", name.to_ascii_uppercase());
                assert_eq!(
                    UserReferenceFormat::of_path(Path::new(&upper)),
                    Some(format)
                );
            }
        }
        // The message for a file of another format names them all.
        let unknown = ReferenceError::UnknownFormat {
            path: "codes.json".into(),
        }
        .to_string();
        assert_eq!(extensions_in(&unknown), read);
    }

    #[test]
    fn files_are_read_by_extension() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("codes.tsv");
        std::fs::write(&path, "OM_E_X\t0x80CF0001\n").expect("write");
        let reference = UserReference::read(&path).expect("reads");
        assert_eq!(reference.len(), 1);
        let unknown = folder.path().join("codes.json");
        assert!(matches!(
            UserReference::read(&unknown),
            Err(ReferenceError::UnknownFormat { .. })
        ));
        let missing = folder.path().join("missing.h");
        assert!(matches!(
            UserReference::read(&missing),
            Err(ReferenceError::Io { .. })
        ));
        let latin1 = folder.path().join("latin1.h");
        std::fs::write(&latin1, b"#define A 1\n#define \xE9 2\n").expect("write");
        let error = UserReference::read(&latin1).map(|_| ()).unwrap_err();
        assert!(
            error.to_string().contains("latin1.h:2: not valid UTF-8"),
            "{error}"
        );
        // Named as the project writes it, read from where it is.
        let named = UserReference::read_named(&path, Path::new("ref/codes.tsv")).expect("reads");
        assert_eq!(named.file(), Path::new("ref/codes.tsv"));
        let error = UserReference::read_named(&latin1, Path::new("ref/latin1.h"))
            .map(|_| ())
            .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("ref/latin1.h:2: not valid UTF-8"),
            "{error}"
        );
    }
}
