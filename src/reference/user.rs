//! Users' own references: their product's constants, from C headers and
//! from CSV/TSV tables of name and value.

use std::collections::{HashMap, HashSet};
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
/// value that is an expression (`MAKE_HRESULT(1, 2, 3)`), a string, a float,
/// a 64-bit number, or an alias of a name the file does not define.
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
        let mut bytes = std::fs::read(path).map_err(io_error)?;
        // Lines end at CR LF, LF or a lone CR, and are counted by LF.
        crate::source::unify_line_ends(&mut bytes);
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
                    message: format!(
                        "not valid UTF-8 (byte offset {valid}); save the file as UTF-8"
                    ),
                });
            }
        };
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
    skipped: Vec<SkippedDefinition>,
}

impl Collector {
    fn new(path: &Path) -> Collector {
        Collector {
            file: path.to_path_buf(),
            facts: Vec::new(),
            by_name: HashMap::new(),
            skipped: Vec::new(),
        }
    }

    fn malformed(&self, line: usize, message: impl Into<String>) -> ReferenceError {
        ReferenceError::Malformed {
            path: self.file.clone(),
            line,
            message: message.into(),
        }
    }

    fn add(&mut self, fact: UserFact) -> Result<(), ReferenceError> {
        if let Some(&existing) = self.by_name.get(&fact.name) {
            let earlier = &self.facts[existing];
            if earlier.value == fact.value {
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

/// Splits C source into logical lines the way the preprocessor sees them:
/// comments replaced by a space (a block comment may span lines), `\` at the
/// end of a line joining the next. Each logical line comes with the number
/// of its first physical line.
fn logical_lines(text: &str) -> Vec<(usize, String)> {
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
    let mut state = State::Code;
    let mut chars = text.chars().filter(|&c| c != '\r').peekable();
    while let Some(c) = chars.next() {
        match state {
            State::Code => match c {
                '/' if chars.peek() == Some(&'*') => {
                    chars.next();
                    current.push(' ');
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
                '\n' => {
                    lines.push((start, std::mem::take(&mut current)));
                    line += 1;
                    start = line;
                }
                _ => current.push(c),
            },
            State::BlockComment => match c {
                '*' if chars.peek() == Some(&'/') => {
                    chars.next();
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
                    state = State::Code;
                } else if c == '\n' {
                    // An unterminated literal ends with its line.
                    current.pop();
                    lines.push((start, std::mem::take(&mut current)));
                    line += 1;
                    start = line;
                    state = State::Code;
                }
            }
        }
    }
    if !current.trim().is_empty() {
        lines.push((start, current));
    }
    lines
}

/// What the value of a `#define` is.
#[derive(Debug, PartialEq, Eq)]
enum DefinedValue {
    /// A number, and the kind its cast or typedef macro declares.
    Number(u32, Option<CodeKind>),
    /// Another name, and the kind a cast around it declares.
    Alias(String, Option<CodeKind>),
    /// Not a constant errdocs reads; why.
    Other(String),
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

/// The position of the `)` that closes the `(` at byte 0, if any.
fn closing_parenthesis(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (position, byte) in text.bytes().enumerate() {
        match byte {
            b'(' => depth += 1,
            b')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(position);
                }
            }
            _ => {}
        }
    }
    None
}

/// Reads the value of a `#define`: peels parentheses, casts
/// (`(HRESULT)`) and typedef macros (`_HRESULT_TYPEDEF_(...)`), then
/// expects a number or a name. A value that starts like a number but is not
/// one, or has unbalanced parentheses, is an error (the message).
fn read_defined_value(value: &str) -> Result<DefinedValue, String> {
    if value.contains(['"', '\'']) {
        return Ok(DefinedValue::Other(format!(
            "`{value}` is a string or character literal"
        )));
    }
    let opening = value.bytes().filter(|&byte| byte == b'(').count();
    let closing = value.bytes().filter(|&byte| byte == b')').count();
    if opening != closing {
        return Err(format!(
            "unbalanced parentheses in `{value}` ({opening} `(`, {closing} `)`)"
        ));
    }
    let mut rest = value.trim();
    let mut declared = None;
    loop {
        if rest.starts_with('(') {
            let Some(close) = closing_parenthesis(rest) else {
                return Err(format!("unbalanced parentheses in `{value}`"));
            };
            let inner = rest[1..close].trim();
            let after = rest[close + 1..].trim();
            if after.is_empty() {
                rest = inner;
                continue;
            }
            // `(TYPE)value`: a cast. Types may be several words
            // (`unsigned long`).
            if inner.split_whitespace().all(is_identifier) && !inner.is_empty() {
                declared = declared.or(declared_kind(inner));
                rest = after;
                continue;
            }
            break;
        }
        if let Some(open) = rest.find('(') {
            let macro_name = rest[..open].trim();
            if macro_name.ends_with("_TYPEDEF_") && is_identifier(macro_name) {
                let Some(close) = closing_parenthesis(&rest[open..]) else {
                    return Err(format!("unbalanced parentheses in `{value}`"));
                };
                if rest[open + close + 1..].trim().is_empty() {
                    declared = declared.or(declared_kind(macro_name));
                    rest = rest[open + 1..open + close].trim();
                    continue;
                }
            }
        }
        break;
    }
    if is_identifier(rest) {
        return Ok(DefinedValue::Alias(rest.to_string(), declared));
    }
    let unsigned = rest.strip_prefix(['-', '+']).unwrap_or(rest).trim_start();
    if unsigned.starts_with(|c: char| c.is_ascii_digit()) {
        return match read_c_integer(rest)? {
            Some(number) => Ok(DefinedValue::Number(number, declared)),
            None => Ok(DefinedValue::Other(format!(
                "`{rest}` is not a 32-bit integer (a float or a 64-bit number)"
            ))),
        };
    }
    Ok(DefinedValue::Other(format!(
        "`{rest}` is an expression errdocs does not evaluate"
    )))
}

/// Reads a C integer literal with an optional sign and suffix: hex (`0x`),
/// octal (a leading `0`), decimal. `Ok(None)` for a float or a number only a
/// 64-bit type holds (suffix `LL`, `i64`); `Err` for anything else that is
/// not a 32-bit integer.
fn read_c_integer(literal: &str) -> Result<Option<u32>, String> {
    let (negative, unsigned) = match literal.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (
            false,
            literal.strip_prefix('+').unwrap_or(literal).trim_start(),
        ),
    };
    let is_float = !unsigned.starts_with("0x")
        && !unsigned.starts_with("0X")
        && (unsigned.contains('.') || unsigned.contains(['e', 'E']));
    if is_float
        && unsigned
            .trim_end_matches(['f', 'F', 'l', 'L'])
            .parse::<f64>()
            .is_ok()
    {
        return Ok(None);
    }
    let lower = unsigned.to_ascii_lowercase();
    let (body, suffix) = if let Some(body) = lower
        .strip_suffix("i64")
        .or_else(|| lower.strip_suffix("ui64"))
    {
        (body.trim_end_matches('u'), "i64")
    } else {
        let body = lower.trim_end_matches(['u', 'l']);
        (body, &lower[body.len()..])
    };
    let wide = suffix.contains("ll") || suffix == "i64";
    if !matches!(
        suffix,
        "" | "u" | "l" | "ul" | "lu" | "ll" | "ull" | "llu" | "i64"
    ) {
        return Err(format!("`{literal}` has an unknown suffix `{suffix}`"));
    }
    let (digits, radix) = if let Some(hex) = body.strip_prefix("0x") {
        (hex, 16)
    } else if body.len() > 1 && body.starts_with('0') {
        (&body[1..], 8)
    } else {
        (body, 10)
    };
    if digits.is_empty() {
        return Err(format!("`{literal}` has no digits"));
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
            _ => "a decimal digit",
        };
        return Err(format!(
            "`{literal}` is not a number: `{bad}` is not {base}"
        ));
    }
    let magnitude = u64::from_str_radix(digits, radix).ok();
    let value = magnitude.and_then(|magnitude| {
        if negative {
            (magnitude <= 1 << 31).then(|| (magnitude as i64).wrapping_neg() as u32)
        } else {
            u32::try_from(magnitude).ok()
        }
    });
    match value {
        Some(value) => Ok(Some(value)),
        None if wide => Ok(None),
        None => Err(format!("`{literal}` does not fit in 32 bits")),
    }
}

/// Reads the `#define`s of a C header. Skipped without a trace: other
/// directives, code, function-like macros (`#define F(x) ...`), and names
/// defined as nothing (include guards). Recorded as skipped: values that are
/// expressions, strings, floats, 64-bit numbers, unresolved aliases.
fn read_c_header(text: &str, collector: &mut Collector) -> Result<(), ReferenceError> {
    let mut aliases = Vec::new();
    for (line, code) in logical_lines(text) {
        let code = code.trim();
        let Some(directive) = code.strip_prefix('#') else {
            continue;
        };
        let directive = directive.trim_start();
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
        let name_end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..name_end];
        if !is_identifier(name) {
            return Err(collector.malformed(
                line,
                format!("`#define {after}`: `{name}` is not a macro name"),
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
        match read_defined_value(value) {
            Ok(DefinedValue::Number(number, declared)) => collector.add(UserFact {
                name: name.to_string(),
                value: number,
                kind: kind_of(declared, name, number),
                line,
            })?,
            Ok(DefinedValue::Alias(target, declared)) => {
                aliases.push((line, name.to_string(), target, declared));
            }
            Ok(DefinedValue::Other(reason)) => collector.skip(line, name, reason),
            Err(message) => {
                return Err(collector.malformed(line, format!("`#define {name}`: {message}")));
            }
        }
    }
    resolve_aliases(aliases, collector)
}

/// Turns `#define A B` into a fact when `B` is a constant of the same file
/// (directly or through other aliases); records it as skipped otherwise.
fn resolve_aliases(
    aliases: Vec<(usize, String, String, Option<CodeKind>)>,
    collector: &mut Collector,
) -> Result<(), ReferenceError> {
    let targets: HashMap<&str, &str> = aliases
        .iter()
        .map(|(_, name, target, _)| (name.as_str(), target.as_str()))
        .collect();
    // Where each alias ends: a name that is no alias, or `None` in a
    // cycle. Each chain is walked once; the names on it learn its end.
    let mut ends: HashMap<&str, Option<&str>> = HashMap::default();
    for (_, name, _, _) in &aliases {
        let mut path: Vec<&str> = Vec::new();
        let mut on_path: HashSet<&str> = HashSet::default();
        let mut current = name.as_str();
        let end = loop {
            if let Some(&known) = ends.get(current) {
                break known;
            }
            match targets.get(current) {
                Some(&next) => {
                    if !on_path.insert(current) {
                        break None; // a cycle
                    }
                    path.push(current);
                    current = next;
                }
                None => break Some(current),
            }
        };
        for step in path {
            ends.insert(step, end);
        }
    }
    for (line, name, target, declared) in &aliases {
        let resolved = ends
            .get(name.as_str())
            .copied()
            .flatten()
            .and_then(|end| collector.by_name.get(end))
            .map(|&index| (collector.facts[index].value, collector.facts[index].kind));
        match resolved {
            Some((value, kind)) => collector.add(UserFact {
                name: name.clone(),
                value,
                kind: declared.unwrap_or(kind),
                line: *line,
            })?,
            None => collector.skip(
                *line,
                name,
                format!("refers to `{target}`, which this file does not define as a number"),
            ),
        }
    }
    Ok(())
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
            return Err(format!("`{text}` is not a hex number"));
        }
        if hex.trim_start_matches('0').len() > 8 {
            return Err(format!("`{text}` has more than 8 hex digits"));
        }
        return u32::from_str_radix(hex, 16).map_err(|error| format!("`{text}`: {error}"));
    }
    let number: i64 = trimmed.parse().map_err(|_| {
        if !trimmed.is_empty() && trimmed.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            format!("`{text}` is not a decimal number; write hex values with `0x` (0x{trimmed})")
        } else {
            format!("`{text}` is not a number (hex with `0x`, or decimal)")
        }
    })?;
    if !(i64::from(i32::MIN)..=i64::from(u32::MAX)).contains(&number) {
        return Err(format!("`{text}` does not fit in 32 bits"));
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
        let line = line_of(record.position());
        if record.iter().all(str::is_empty) {
            continue;
        }
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
                            record.iter().collect::<Vec<_>>().join(","),
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
                format!("`{name}` is not a constant name (letters, digits and `_`)"),
            ));
        }
        let Some(value_text) = record.get(value_column).filter(|cell| !cell.is_empty()) else {
            return Err(collector.malformed(line, format!("`{name}` has no value")));
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
                (19, "OM_MADE"),
                (20, "OM_FLOAT"),
                (21, "OM_WIDE"),
                (22, "OM_UNKNOWN_ALIAS"),
            ]
        );
        assert!(reference.skipped()[1].reason.contains("expression"));
        assert_eq!(reference.file(), Path::new("product.h"));
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
