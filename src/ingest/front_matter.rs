//! Front matter: the leading `---` block of a Markdown file (YAML), or
//! the `+++` block (TOML) that Hugo and Zola pages open with.
//!
//! Beyond what YAML reports, the reader finds what YAML cannot show: a
//! character it misreads where it needs plain ASCII (a no-break space after
//! `key:`, a tab or a no-break space in the indentation, a zero-width space
//! in a key, a byte-order mark in the text or a second one before the
//! opening `---`) and a key given twice. Each is reported at its line and
//! column, and the block is then read as its author meant it, so that the
//! rest of the file still ingests.

use std::collections::BTreeMap;

use serde::Serialize;

use super::problem::{CharacterPlace, Elsewhere, FrontMatterProblem, IngestProblem};
use crate::source::SourceFile;

/// A file's front matter: every key as written (dotted `ms.date` and colon
/// `ms:assetid` forms alike) and the keys that are commented out.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FrontMatter {
    /// Key to value, as parsed by YAML.
    pub entries: BTreeMap<String, serde_json::Value>,
    /// The 1-based line of each key.
    #[serde(skip)]
    pub key_lines: BTreeMap<String, usize>,
    /// Keys written commented out (`#audience:`), in file order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commented_keys: Vec<String>,
}

impl FrontMatter {
    /// A string value by key.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.entries.get(key).and_then(|v| v.as_str())
    }
}

/// The byte order mark. `source` removes one from the start of a file; a
/// second one is read here.
const BOM: char = '\u{feff}';

/// The byte range of the front-matter body (between the fences) and the
/// offset where the Markdown after it starts. `None` when the file does not
/// open with `---` or `+++` (after any byte-order marks).
pub fn split(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let fence = opening_fence(text)?;
    let start = text.len() - text.trim_start_matches(BOM).len();
    let first_line_end = text[start..].find('\n')?;
    let body_start = start + first_line_end + 1;
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            return Some((body_start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// The fence the file opens with (after any byte-order marks): `---` for
/// YAML, `+++` for TOML (Hugo and Zola pages), or `None`.
fn opening_fence(text: &str) -> Option<&'static str> {
    let first = text.trim_start_matches(BOM).lines().next()?.trim_end();
    ["---", "+++"].into_iter().find(|fence| first == *fence)
}

/// How a character is named in messages: `a no-break space`.
pub fn character_name(c: char) -> &'static str {
    match c {
        '\t' => "a tab",
        '\u{00A0}' => "a no-break space",
        '\u{202F}' => "a narrow no-break space",
        '\u{1680}' => "an Ogham space mark",
        '\u{2000}' | '\u{2002}' => "an en space",
        '\u{2001}' | '\u{2003}' => "an em space",
        '\u{2007}' => "a figure space",
        '\u{2008}' => "a punctuation space",
        '\u{2009}' => "a thin space",
        '\u{200A}' => "a hair space",
        '\u{2004}'..='\u{2006}' | '\u{205F}' => "a narrow space",
        '\u{3000}' => "an ideographic space",
        '\u{200B}' => "a zero-width space",
        '\u{200C}' => "a zero-width non-joiner",
        '\u{200D}' => "a zero-width joiner",
        '\u{2060}' => "a word joiner",
        '\u{180E}' => "a Mongolian vowel separator",
        BOM => "a byte-order mark",
        _ => "an unusual character",
    }
}

/// A space other than U+0020 and the tab: YAML takes it for text.
pub fn is_unusual_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// A character that shows nothing at all.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{180E}' | BOM
    )
}

/// A character that a reader cannot tell from a space, or cannot see.
fn is_suspect(c: char) -> bool {
    c == '\t' || is_unusual_space(c) || is_invisible(c)
}

/// A misread character found in a line of the block.
#[derive(Debug, Clone)]
struct Found {
    /// 0-based line within the block.
    line: usize,
    /// Byte offset within the line.
    offset: usize,
    /// 1-based column within the line, in characters.
    column: usize,
    character: char,
    place: CharacterPlace,
    /// Only a problem when YAML cannot read the block as written: a tab in
    /// the indentation of a continued value is allowed.
    only_if_broken: bool,
}

impl Found {
    /// What the character is read as.
    fn replacement(&self) -> &'static str {
        match self.character {
            '\t' => "  ",
            c if is_invisible(c) => "",
            _ => " ",
        }
    }
}

/// Finds the characters YAML misreads in the lines of a block: unusual
/// spaces and invisible characters in indentation, keys and the separator
/// after a key's colon, tabs in indentation, and byte-order marks anywhere.
/// Lines of a block scalar (`|`, `>`) are text: only byte-order marks count
/// there.
fn find_characters(lines: &[&str]) -> Vec<Found> {
    let mut found = Vec::new();
    // The indentation of the key whose block scalar is running.
    let mut block: Option<usize> = None;
    for (index, line) in lines.iter().enumerate() {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut push = |position: usize, place: CharacterPlace, only_if_broken: bool| {
            let (offset, character) = chars[position];
            found.push(Found {
                line: index,
                offset,
                column: position + 1,
                character,
                place,
                only_if_broken,
            });
        };
        let indent = chars.iter().take_while(|(_, c)| *c == ' ').count();
        if let Some(key_indent) = block {
            if line.trim().is_empty() || indent > key_indent {
                for (position, &(_, c)) in chars.iter().enumerate() {
                    if c == BOM {
                        push(position, CharacterPlace::Value, false);
                    }
                }
                continue;
            }
            block = None;
        }
        // The indentation: spaces, and what looks like them. Invisible
        // characters after the last of them belong to the key.
        let run = chars
            .iter()
            .take_while(|(_, c)| *c == ' ' || is_suspect(*c))
            .count();
        let spaces_end = chars[..run]
            .iter()
            .rposition(|(_, c)| !is_invisible(*c))
            .map_or(0, |i| i + 1);
        for (at, &(_, c)) in chars[..run].iter().enumerate() {
            if c == '\t' {
                push(at, CharacterPlace::Indentation, true);
            } else if c != ' ' {
                let place = if at < spaces_end {
                    CharacterPlace::Indentation
                } else {
                    CharacterPlace::Key
                };
                push(at, place, false);
            }
        }
        let mut at = run;
        if chars.get(at).is_some_and(|(_, c)| *c == '#') {
            continue;
        }
        // List markers before a key: `- name: x`.
        while chars.get(at).is_some_and(|(_, c)| *c == '-')
            && chars.get(at + 1).is_some_and(|(_, c)| *c == ' ')
        {
            at += 2;
            while chars.get(at).is_some_and(|(_, c)| *c == ' ') {
                at += 1;
            }
        }
        let key_start = at;
        let quoted = chars
            .get(at)
            .is_some_and(|(_, c)| matches!(c, '"' | '\'' | '[' | '{'));
        // The key's colon: the first one followed by a space, by what
        // looks like one, or by the end of the line.
        let colon = (!quoted)
            .then(|| {
                (key_start..chars.len()).find(|&i| {
                    chars[i].1 == ':'
                        && chars
                            .get(i + 1)
                            .is_none_or(|&(_, next)| next == ' ' || is_suspect(next))
                })
            })
            .flatten()
            // A comment ends the search: `note # a: b` has no key.
            .filter(|&colon| {
                !(key_start..colon).any(|i| chars[i].1 == '#' && i > 0 && chars[i - 1].1 == ' ')
            });
        let mut value_start = key_start;
        if let Some(colon) = colon {
            for (position, &(_, c)) in chars.iter().enumerate().take(colon).skip(key_start) {
                if is_unusual_space(c) || is_invisible(c) {
                    push(position, CharacterPlace::Key, false);
                }
            }
            let mut position = colon + 1;
            while let Some(&(_, c)) = chars.get(position) {
                if c == ' ' || c == '\t' {
                } else if is_unusual_space(c) || is_invisible(c) {
                    push(position, CharacterPlace::AfterColon, false);
                } else {
                    break;
                }
                position += 1;
            }
            value_start = position;
            if chars
                .get(position)
                .is_some_and(|(_, c)| matches!(c, '|' | '>'))
            {
                block = Some(indent);
            }
        }
        for (position, &(_, c)) in chars.iter().enumerate().skip(value_start) {
            if c == BOM {
                push(position, CharacterPlace::Value, false);
            }
        }
    }
    found
}

/// The key a top-level line gives, if it gives one: `ms:assetid: x` has a
/// colon in its key, which ends at the first `: ` or at a colon that ends
/// the line.
fn top_level_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#']) {
        return None;
    }
    let trimmed = line.trim_end();
    let end = trimmed
        .find(": ")
        .or_else(|| trimmed.strip_suffix(':').map(str::len))?;
    Some(trimmed[..end].trim())
}

/// True for a line that starts another top-level entry, ending the lines
/// that continue the entry before it (`- item` lines at the margin belong
/// to the key above them).
fn starts_entry(line: &str) -> bool {
    !line.trim().is_empty()
        && !line.starts_with([' ', '\t'])
        && !(line.starts_with('-') && (line.len() == 1 || line[1..].starts_with([' ', '\t'])))
}

/// Reads the front matter. A block that YAML cannot parse is reported with
/// its line and yields what could be read line by line, so the rest of the
/// document still ingests. Characters YAML misreads and keys given twice
/// are reported where they are, and the block is read as meant: the
/// character as a space (or not at all, for an invisible one), the first
/// of two keys.
pub fn read(file: &SourceFile, problems: &mut Vec<IngestProblem>) -> FrontMatter {
    let Some((body, _)) = split(&file.text) else {
        if let Some(fence) = opening_fence(&file.text) {
            problems.push(IngestProblem::FrontMatter {
                location: file.location(0),
                kind: FrontMatterProblem::Unclosed { fence },
            });
        }
        return FrontMatter::default();
    };
    if opening_fence(&file.text) == Some("+++") {
        return read_toml(file, body, problems);
    }
    if file.text.starts_with(BOM) {
        problems.push(IngestProblem::FrontMatter {
            location: file.location(0),
            kind: FrontMatterProblem::Character {
                character: BOM,
                place: CharacterPlace::BeforeFence,
                key: None,
                elsewhere: Elsewhere::default(),
            },
        });
    }
    let yaml = &file.text[body.clone()];
    let first_line = file.line_column(body.start).0;
    let lines: Vec<&str> = yaml.lines().collect();
    let mut front = FrontMatter::default();
    for line in &lines {
        if let Some(comment) = line.trim_start().strip_prefix('#')
            && let Some((key, _)) = comment.split_once(':')
            && !key.trim().is_empty()
            && !key.contains(' ')
        {
            front.commented_keys.push(key.trim().to_string());
        }
    }
    if yaml.trim().is_empty() {
        return front;
    }
    let original = parse(yaml);
    let readable = matches!(
        original,
        Ok(serde_yaml::Value::Mapping(_) | serde_yaml::Value::Null)
    );
    let fixes: Vec<Found> = find_characters(&lines)
        .into_iter()
        .filter(|f| !f.only_if_broken || !readable)
        .collect();
    // The lines as meant: each misread character set right.
    let mut meant: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    for fix in fixes.iter().rev() {
        let line = &mut meant[fix.line];
        line.replace_range(
            fix.offset..fix.offset + fix.character.len_utf8(),
            fix.replacement(),
        );
    }
    // Top-level keys, the first of each kept.
    let mut duplicates = Vec::new();
    for (index, line) in meant.iter().enumerate() {
        if let Some(key) = top_level_key(line) {
            match front.key_lines.get(key) {
                Some(&first) => duplicates.push((index, key.to_string(), first)),
                None => {
                    front.key_lines.insert(key.to_string(), first_line + index);
                }
            }
        }
    }
    if fixes.is_empty() && duplicates.is_empty() {
        take(
            original,
            yaml,
            &lines,
            &[],
            first_line,
            file,
            problems,
            &mut front,
        );
        return front;
    }
    // One problem for each character in each place, at its first line,
    // the other lines counted with it: a block may repeat one mistake on
    // every line. Few groups: the suspect characters are a fixed set.
    let mut groups: Vec<IngestProblem> = Vec::new();
    for fix in &fixes {
        let location = file.location_at(first_line + fix.line, fix.column);
        let same = groups.iter_mut().find_map(|problem| match problem {
            IngestProblem::FrontMatter {
                kind:
                    FrontMatterProblem::Character {
                        character,
                        place,
                        elsewhere,
                        ..
                    },
                ..
            } if *character == fix.character && *place == fix.place => Some(elsewhere),
            _ => None,
        });
        if let Some(elsewhere) = same {
            elsewhere.add(location);
            continue;
        }
        let key = meant
            .get(fix.line)
            .and_then(|line| key_of(line))
            .map(str::to_string);
        groups.push(IngestProblem::FrontMatter {
            location,
            kind: FrontMatterProblem::Character {
                character: fix.character,
                place: fix.place,
                key,
                elsewhere: Elsewhere::default(),
            },
        });
    }
    problems.extend(groups);
    // The first key given again, the others counted with it.
    if let Some(((index, key, first), others)) = duplicates.split_first() {
        let mut elsewhere = Elsewhere::default();
        for (other, _, _) in others {
            elsewhere.add(file.location_at(first_line + other, 1));
        }
        problems.push(IngestProblem::FrontMatter {
            location: file.location_at(first_line + index, 1),
            kind: FrontMatterProblem::DuplicateKey {
                key: key.clone(),
                first_line: *first,
                elsewhere,
            },
        });
    }
    // The repetitions go, with the lines that continue them.
    for (index, _, _) in &duplicates {
        meant[*index].clear();
        for line in meant.iter_mut().skip(index + 1) {
            if starts_entry(line) {
                break;
            }
            line.clear();
        }
    }
    let text = meant.join("\n");
    let reading = parse(&text);
    let fixed: Vec<(usize, usize)> = fixes.iter().map(|f| (f.line, f.column)).collect();
    take(
        reading, &text, &lines, &fixed, first_line, file, problems, &mut front,
    );
    front
}

/// Reads a TOML block (`+++` fences): every key, a table as an object
/// (`[params]` gives `params`), dates as written. A block TOML cannot read
/// is reported at its line and column, and its keys are then not read.
fn read_toml(
    file: &SourceFile,
    body: std::ops::Range<usize>,
    problems: &mut Vec<IngestProblem>,
) -> FrontMatter {
    let text = &file.text[body.clone()];
    let first_line = file.line_column(body.start).0;
    let mut front = FrontMatter::default();
    // The line of each top-level key: `key = ...` before the first table,
    // and each table's header.
    let mut in_table = false;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        // `a.b` and `"a"` name the top-level key `a`.
        let key = if let Some(header) = line.strip_prefix('[') {
            in_table = true;
            let name = header.trim_start_matches('[');
            &name[..name.find(']').unwrap_or(name.len())]
        } else if !in_table
            && !line.starts_with('#')
            && let Some((key, _)) = line.split_once('=')
        {
            key
        } else {
            continue;
        };
        let top = key
            .split('.')
            .next()
            .unwrap_or(key)
            .trim()
            .trim_matches('"');
        if !top.is_empty() {
            front
                .key_lines
                .entry(top.to_string())
                .or_insert(first_line + index);
        }
    }
    if let Some((line, column)) = toml_too_deep(text) {
        problems.push(IngestProblem::FrontMatter {
            location: file.location_at(first_line + line - 1, column),
            kind: FrontMatterProblem::InvalidToml {
                message: format!("tables and arrays nested more than {MAX_FLOW_DEPTH} deep"),
            },
        });
        return front;
    }
    match toml::from_str::<toml::Table>(text) {
        Ok(table) => {
            for (key, value) in table {
                front.entries.insert(key, toml_to_json(value));
            }
        }
        Err(err) => {
            let at = err
                .span()
                .map_or(body.start, |span| body.start + span.start);
            // The message's first line: the rest repeats the source line.
            let message = err.message().lines().next().unwrap_or_default().to_string();
            problems.push(IngestProblem::FrontMatter {
                location: file.location(at),
                kind: FrontMatterProblem::InvalidToml { message },
            });
        }
    }
    front
}

/// The 1-based line and column of the first `[`, `{` or `.` that nests a
/// TOML value more than [`MAX_FLOW_DEPTH`] deep, counted outside strings
/// (multi-line ones too) and comments; the dots of a key or a header count
/// on their line, and only those: a dot in a value (`1.5`, a time's
/// fraction) nests nothing. Reading and dropping deeper values recurses
/// once per level.
fn toml_too_deep(text: &str) -> Option<(usize, usize)> {
    // The open `[` and `{`, innermost last.
    let mut open: Vec<char> = Vec::new();
    // The quote of the multi-line string (`"""`, `'''`) a line ends in.
    let mut multi_line: Option<char> = None;
    for (index, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let run = |at: usize, q: char| chars[at..].iter().take_while(|&&c| c == q).count();
        let mut dots = 0usize;
        // A line outside any array starts with a key (or a header); a
        // value starts after `=`; an inline table's keys after `{`.
        let mut in_key = open.is_empty() && multi_line.is_none();
        let mut quote: Option<char> = None;
        let mut at = 0;
        while at < chars.len() {
            let c = chars[at];
            if let Some(q) = multi_line {
                if c == '\\' && q == '"' {
                    at += 2;
                } else if c == q && run(at, q) >= 3 {
                    // Up to two quotes of the text may come before the
                    // three that close it (`""""` ends the text in `"`).
                    at += run(at, q);
                    multi_line = None;
                } else {
                    at += 1;
                }
                continue;
            }
            if let Some(q) = quote {
                if c == '\\' && q == '"' {
                    at += 1;
                } else if c == q {
                    quote = None;
                }
                at += 1;
                continue;
            }
            match c {
                '"' | '\'' if run(at, c) >= 3 => {
                    multi_line = Some(c);
                    at += 3;
                    continue;
                }
                '"' | '\'' => quote = Some(c),
                '#' => break,
                '[' | '{' => {
                    open.push(c);
                    in_key |= c == '{';
                }
                ']' | '}' => {
                    open.pop();
                }
                '=' => in_key = false,
                ',' => in_key = open.last() == Some(&'{'),
                '.' if in_key => dots += 1,
                _ => {}
            }
            if open.len() + dots > MAX_FLOW_DEPTH {
                return Some((index + 1, at + 1));
            }
            at += 1;
        }
        // A table header's brackets close on its line; arrays may not.
        if line.trim_start().starts_with('[') && line.trim_end().ends_with(']') {
            open.clear();
        }
    }
    None
}

/// A TOML value as JSON; dates and times as TOML writes them.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    use toml::Value as T;
    match value {
        T::String(s) => J::String(s),
        T::Integer(i) => J::from(i),
        T::Float(f) => {
            serde_json::Number::from_f64(f).map_or_else(|| J::String(f.to_string()), J::Number)
        }
        T::Boolean(b) => J::Bool(b),
        T::Datetime(d) => J::String(d.to_string()),
        T::Array(items) => J::Array(items.into_iter().map(toml_to_json).collect()),
        T::Table(table) => J::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

/// The key of any line, indented or not, list markers skipped.
fn key_of(line: &str) -> Option<&str> {
    let rest = line.trim_start();
    let rest = rest.trim_start_matches(['-', ' ']);
    let trimmed = rest.trim_end();
    let end = trimmed
        .find(": ")
        .or_else(|| trimmed.strip_suffix(':').map(str::len))?;
    Some(trimmed[..end].trim()).filter(|k| !k.is_empty())
}

/// Takes what YAML read of `text` (the block, or the block as meant) into
/// `front`, reporting what YAML could not read. `lines` are the block's
/// lines as written, where the likely cause of an error is looked for,
/// except at the (0-based line, column) places in `fixed`, already reported.
#[allow(clippy::too_many_arguments)]
fn take(
    reading: Result<serde_yaml::Value, YamlError>,
    text: &str,
    lines: &[&str],
    fixed: &[(usize, usize)],
    first_line: usize,
    file: &SourceFile,
    problems: &mut Vec<IngestProblem>,
    front: &mut FrontMatter,
) {
    match reading {
        Ok(serde_yaml::Value::Mapping(mapping)) => {
            for (key, value) in mapping {
                front.entries.insert(yaml_key(&key), yaml_to_json(value));
            }
        }
        Ok(serde_yaml::Value::Null) => {}
        Ok(_) => problems.push(IngestProblem::FrontMatter {
            location: file.location_at(first_line, 1),
            kind: FrontMatterProblem::NotAMapping,
        }),
        Err(err) => {
            // An error found at the end of the block (an unclosed bracket)
            // belongs to the last line of YAML, not to the closing fence.
            let last_line = first_line + text.trim_end().lines().count().max(1) - 1;
            let (line, column) = err.location.map_or((first_line, 1), |(l, c)| {
                let line = first_line + l - 1;
                if line > last_line {
                    (last_line, 1)
                } else {
                    (line, c)
                }
            });
            let index = line - first_line;
            let suspect = lines.get(index).and_then(|text| {
                text.chars()
                    .enumerate()
                    .find(|&(i, c)| is_suspect(c) && !fixed.contains(&(index, i + 1)))
                    .map(|(i, c)| (c, i + 1))
            });
            let message = err
                .message
                .split(" at line ")
                .next()
                .unwrap_or(&err.message);
            problems.push(IngestProblem::FrontMatter {
                location: file.location_at(line, column),
                kind: FrontMatterProblem::InvalidYaml {
                    message: message.to_string(),
                    suspect,
                },
            });
            // Keep what reads on its own, line by line.
            for line in text.lines() {
                if let Ok(serde_yaml::Value::Mapping(mapping)) = parse(line) {
                    for (key, value) in mapping {
                        front.entries.insert(yaml_key(&key), yaml_to_json(value));
                    }
                }
            }
        }
    }
}

/// Flow collections (`[`, `{`) nested deeper than this are not given to
/// YAML. serde_yaml refuses them anyway (its recursion limit is 128), but
/// only after its scanner has read the whole block in time that grows with
/// the square of the depth: 30,000 `[` in a 60 KB line took 15 s, 100,000
/// minutes.
const MAX_FLOW_DEPTH: usize = 128;

/// Why YAML could not read a block: its message and 1-based line and
/// column, when it gives them.
#[derive(Debug)]
struct YamlError {
    message: String,
    location: Option<(usize, usize)>,
}

/// Reads `text` as YAML, unless it nests flow collections deeper than
/// [`MAX_FLOW_DEPTH`].
fn parse(text: &str) -> Result<serde_yaml::Value, YamlError> {
    if let Some(location) = too_deep(text) {
        return Err(YamlError {
            message: format!("flow collections nested more than {MAX_FLOW_DEPTH} deep"),
            location: Some(location),
        });
    }
    serde_yaml::from_str(text).map_err(|err| YamlError {
        message: err.to_string(),
        location: err.location().map(|l| (l.line(), l.column())),
    })
}

/// The 1-based line and column of the first `[` or `{` that opens a flow
/// collection more than [`MAX_FLOW_DEPTH`] deep, in one linear pass. In a
/// flow collection every bracket outside quotes and comments counts; outside
/// one, only a bracket where a value starts (at the start of a line, after
/// `:`, `-`, `?`, an anchor or a tag) opens one, and the lines of a block
/// scalar (`|`, `>`) are text. Brackets inside a plain scalar can only be
/// over-counted, and only where 128 of them are left unclosed.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    // The indentation of the key whose block scalar is running.
    let mut block: Option<usize> = None;
    for (index, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(key_indent) = block {
            if line.trim().is_empty() || indent > key_indent {
                continue;
            }
            block = None;
        }
        // The last character that is not a space; the first character of
        // the word being read, and of the word before it.
        let mut previous: Option<char> = None;
        let mut word: Option<char> = None;
        let mut previous_word: Option<char> = None;
        let mut chars = line.chars().enumerate().peekable();
        while let Some((position, c)) = chars.next() {
            match quote {
                Some('"') => {
                    if c == '\\' {
                        chars.next();
                    } else if c == '"' {
                        quote = None;
                    }
                    previous = Some(c);
                    continue;
                }
                Some(_) => {
                    if c == '\'' {
                        if chars.peek().is_some_and(|&(_, next)| next == '\'') {
                            chars.next();
                        } else {
                            quote = None;
                        }
                    }
                    previous = Some(c);
                    continue;
                }
                None => {}
            }
            if c == ' ' || c == '\t' {
                if word.is_some() {
                    previous_word = word.take();
                }
                continue;
            }
            let word_starts = word.is_none();
            if word_starts {
                word = Some(c);
            }
            if c == '#' && word_starts {
                break;
            }
            // Where a block value starts: the line's first word, or one
            // after `key:`, `-`, `?`, an anchor (`&a`) or a tag (`!t`).
            let value_starts = previous.is_none()
                || (word_starts
                    && (matches!(previous, Some(':' | '-' | '?'))
                        || matches!(previous_word, Some('&' | '!'))));
            // Where a scalar starts inside a flow collection (a quote after
            // a space may be inside a plain scalar: `[it 's`).
            let flow_scalar_starts = depth > 0 && matches!(previous, Some('[' | '{' | ',' | ':'));
            match c {
                '[' | '{' if depth > 0 || value_starts => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some((index + 1, position + 1));
                    }
                }
                ']' | '}' if depth > 0 => depth -= 1,
                '"' | '\'' if value_starts || flow_scalar_starts => quote = Some(c),
                '|' | '>' if depth == 0 && value_starts => block = Some(indent),
                _ => {}
            }
            previous = Some(c);
        }
    }
    None
}

fn yaml_key(key: &serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

fn yaml_to_json(value: serde_yaml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    use serde_yaml::Value as Y;
    match value {
        Y::Null => J::Null,
        Y::Bool(b) => J::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                J::from(i)
            } else if let Some(u) = n.as_u64() {
                J::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| J::String(n.to_string()), J::Number)
            }
        }
        Y::String(s) => J::String(s),
        Y::Sequence(items) => J::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(mapping) => J::Object(
            mapping
                .into_iter()
                .map(|(k, v)| (yaml_key(&k), yaml_to_json(v)))
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(text: &str) -> SourceFile {
        SourceFile::from_text(PathBuf::from("t.md"), "t.md".into(), text.into())
    }

    /// TOML nested deeper than YAML's limit, by brackets or by the dots of
    /// a key, is reported at the level that goes too deep and not given to
    /// TOML, whose reading and dropping recurse once per level.
    #[test]
    fn deep_toml_is_reported_without_being_read() {
        for (body, column) in [
            (format!("x = {}", "[".repeat(100_000)), 133),
            (format!("[{}]", vec!["a"; 100_000].join(".")), 257),
            (format!("a{} = 1", ".a".repeat(100_000)), 258),
        ] {
            let f = file(&format!("+++\ntitle = \"T\"\n{body}\n+++\n# T\n"));
            let mut problems = Vec::new();
            let front = read(&f, &mut problems);
            assert!(front.entries.is_empty());
            assert_eq!(problems.len(), 1, "{problems:?}");
            let IngestProblem::FrontMatter { location, kind } = &problems[0] else {
                panic!("{problems:?}");
            };
            assert_eq!((location.line, location.column), (3, column));
            assert!(matches!(kind, FrontMatterProblem::InvalidToml { .. }));
        }
        // Dots inside strings and the brackets of tables closed on their
        // line are not nesting.
        let f = file(&format!(
            "+++\nurl = \"{}\"\n{}+++\n",
            ".".repeat(500),
            (0..200)
                .map(|i| format!("[t{i}]\nx = [[1]]\n"))
                .collect::<String>()
        ));
        let mut problems = Vec::new();
        let front = read(&f, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(front.get_str("url").map(str::len), Some(500));
        // Nor are the dots of values (floats, a time's fraction), nor
        // brackets in a multi-line string: valid TOML, read whole, where
        // they were counted as 200 levels and the keys were lost.
        let floats = vec!["1.5"; 200].join(", ");
        let brackets = "[".repeat(200);
        let f = file(&format!(
            "+++\ncoords = [{floats}]\nat = 07:32:00.999\nd = '''\n{brackets}\n'''\ne = \"\"\"\\\"{brackets}\"\"\"\"\ntitle = \"T\"\n+++\n"
        ));
        let mut problems = Vec::new();
        let front = read(&f, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(front.get_str("title"), Some("T"));
        assert_eq!(front.get_str("d").map(str::len), Some(201));
        // The keys of an inline table after its first count as a key does.
        let f = file(&format!(
            "+++\nx = {{a = 1.5, b{} = 1}}\n+++\n",
            ".b".repeat(200)
        ));
        let mut problems = Vec::new();
        read(&f, &mut problems);
        assert!(
            matches!(
                &problems[..],
                [IngestProblem::FrontMatter { location, .. }] if location.column == 270
            ),
            "{problems:?}"
        );
    }

    #[test]
    fn keeps_dotted_colon_and_commented_keys() {
        let f =
            file("---\nms.date: 05/29/2019\nms:assetid: 'x'\n#audience:\nkeywords:\n---\n# T\n");
        let mut problems = Vec::new();
        let front = read(&f, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(front.get_str("ms.date"), Some("05/29/2019"));
        assert_eq!(front.get_str("ms:assetid"), Some("x"));
        assert_eq!(
            front.entries.get("keywords"),
            Some(&serde_json::Value::Null)
        );
        assert_eq!(front.commented_keys, vec!["audience"]);
        assert_eq!(front.key_lines.get("ms:assetid"), Some(&3));
    }

    #[test]
    fn broken_yaml_is_a_finding_with_its_line() {
        let f = file("---\ntitle: ok\nbad: [unclosed\n---\n# T\n");
        let mut problems = Vec::new();
        let front = read(&f, &mut problems);
        assert_eq!(problems.len(), 1);
        assert!(
            matches!(&problems[0], IngestProblem::FrontMatter { location, kind: FrontMatterProblem::InvalidYaml { .. } } if location.line >= 3),
            "{:?}",
            problems[0]
        );
        assert_eq!(front.get_str("title"), Some("ok"));
    }

    /// The problems of a file, as (line, column, kind).
    fn problems_of(text: &str) -> (FrontMatter, Vec<(usize, usize, FrontMatterProblem)>) {
        let f = file(text);
        let mut problems = Vec::new();
        let front = read(&f, &mut problems);
        let found = problems
            .into_iter()
            .map(|p| match p {
                IngestProblem::FrontMatter { location, kind } => {
                    (location.line, location.column, kind)
                }
                other => panic!("{other:?}"),
            })
            .collect();
        (front, found)
    }

    fn character(c: char, place: CharacterPlace, key: &str) -> FrontMatterProblem {
        FrontMatterProblem::Character {
            character: c,
            place,
            key: Some(key.into()),
            elsewhere: Elsewhere::default(),
        }
    }

    #[test]
    fn a_no_break_space_after_the_colon_is_named_at_its_column() {
        let (front, found) =
            problems_of("---\ntitle: T\nms.date:\u{a0}05/29/2019\nauthor: a\n---\n# T\n");
        assert_eq!(
            found,
            vec![(
                3,
                9,
                character('\u{a0}', CharacterPlace::AfterColon, "ms.date")
            )]
        );
        // Read as meant: every key is there.
        assert_eq!(front.get_str("ms.date"), Some("05/29/2019"));
        assert_eq!(front.get_str("author"), Some("a"));
        // Alone in the block, YAML reads the line as one string.
        let (front, found) = problems_of("---\nms.date:\u{a0}05/29/2019\n---\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(front.get_str("ms.date"), Some("05/29/2019"));
    }

    #[test]
    fn a_tab_in_the_indentation_is_named_only_when_yaml_fails() {
        let (front, found) = problems_of("---\nkeywords:\n\t- a\n\t- b\ntitle: T\n---\n");
        // One problem, the second line counted with the first.
        let tab = FrontMatterProblem::Character {
            character: '\t',
            place: CharacterPlace::Indentation,
            key: None,
            elsewhere: Elsewhere {
                shown: vec![file("").location_at(4, 1)],
                count: 1,
            },
        };
        assert_eq!(found, vec![(3, 1, tab)]);
        assert_eq!(
            front.entries.get("keywords"),
            Some(&serde_json::json!(["a", "b"]))
        );
        assert_eq!(front.get_str("title"), Some("T"));
        // A no-break space in the indentation is never meant.
        let (_, found) = problems_of("---\nkeywords:\n\u{a0} - a\n---\n");
        assert_eq!(
            found,
            vec![(
                3,
                1,
                FrontMatterProblem::Character {
                    character: '\u{a0}',
                    place: CharacterPlace::Indentation,
                    key: None,
                    elsewhere: Elsewhere::default(),
                }
            )]
        );
        // A tab after the indentation of a continued value is fine.
        let (_, found) = problems_of("---\ntitle: x\n  \tcontinued\n---\n");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_zero_width_space_in_a_key_is_found_though_yaml_reads_it() {
        let (front, found) = problems_of("---\ntitle: T\n\u{200b}ms.locale: de-de\n---\n");
        assert_eq!(
            found,
            vec![(
                3,
                1,
                character('\u{200b}', CharacterPlace::Key, "ms.locale")
            )]
        );
        assert_eq!(front.get_str("ms.locale"), Some("de-de"));
        assert_eq!(front.key_lines.get("ms.locale"), Some(&3));
        let (front, found) = problems_of("---\nms.\u{200b}locale: de-de\n---\n");
        assert_eq!(
            found,
            vec![(
                2,
                4,
                character('\u{200b}', CharacterPlace::Key, "ms.locale")
            )]
        );
        assert_eq!(front.get_str("ms.locale"), Some("de-de"));
        // In a value it may be meant (Thai text uses it): not reported.
        let (_, found) = problems_of("---\ntitle: a\u{200b}b\n---\n");
        assert!(found.is_empty());
    }

    #[test]
    fn a_byte_order_mark_inside_the_text_is_found() {
        let (front, found) = problems_of("---\ntitle: T\u{feff}x\nb: 2\n---\n");
        assert_eq!(
            found,
            vec![(2, 9, character('\u{feff}', CharacterPlace::Value, "title"))]
        );
        assert_eq!(front.get_str("title"), Some("Tx"));
    }

    #[test]
    fn a_second_byte_order_mark_does_not_lose_the_front_matter() {
        // `source` removed the first.
        let (front, found) = problems_of("\u{feff}---\ntitle: T\n---\n# T\n");
        assert_eq!(
            found,
            vec![(
                1,
                1,
                FrontMatterProblem::Character {
                    character: '\u{feff}',
                    place: CharacterPlace::BeforeFence,
                    key: None,
                    elsewhere: Elsewhere::default(),
                }
            )]
        );
        assert_eq!(front.get_str("title"), Some("T"));
        assert_eq!(front.key_lines.get("title"), Some(&2));
        let text = "\u{feff}---\ntitle: T\n---\n# T\n";
        assert_eq!(&text[split(text).expect("front matter").1..], "# T\n");
    }

    #[test]
    fn a_key_given_twice_names_both_lines_and_the_rest_is_read() {
        let (front, found) = problems_of(
            "---\ntitle: T\nms.date: 01/01/2020\nkeywords:\n- a\nms.date: 02/02/2020\n  more\nauthor: a\n---\n",
        );
        assert_eq!(
            found,
            vec![(
                6,
                1,
                FrontMatterProblem::DuplicateKey {
                    key: "ms.date".into(),
                    first_line: 3,
                    elsewhere: Elsewhere::default(),
                }
            )]
        );
        assert_eq!(front.get_str("ms.date"), Some("01/01/2020"));
        assert_eq!(front.get_str("author"), Some("a"));
        assert_eq!(
            front.entries.get("keywords"),
            Some(&serde_json::json!(["a"]))
        );
        assert_eq!(front.key_lines.get("ms.date"), Some(&3));
    }

    #[test]
    fn a_block_scalar_is_text() {
        let (front, found) = problems_of("---\ndescription: |\n  a\u{a0}: b\n  c\ntitle: T\n---\n");
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(front.get_str("title"), Some("T"));
    }

    #[test]
    fn a_yaml_error_names_a_suspect_character_on_its_line() {
        let (_, found) = problems_of("---\ntitle: T\nbad: [x,\u{2009}y\n---\n");
        let [(line, _, FrontMatterProblem::InvalidYaml { suspect, .. })] = found.as_slice() else {
            panic!("{found:?}");
        };
        assert_eq!(*line, 3);
        assert_eq!(*suspect, Some(('\u{2009}', 9)));
    }

    #[test]
    fn flow_collections_nested_too_deep_are_refused_before_yaml_reads_them() {
        let deep = format!("a: {}{}", "[".repeat(129), "]".repeat(129));
        // The 129th bracket, after `a: ` and 128 others.
        assert_eq!(too_deep(&deep), Some((1, 132)));
        let mapping = format!("k: 1\nb:\n  - {}", "{x: ".repeat(200));
        assert_eq!(too_deep(&mapping), Some((3, 4 + 128 * 4 + 1)));
        // As deep as YAML reads, and brackets that open nothing.
        let brackets = "[".repeat(300);
        for fine in [
            format!("a: {}{}", "[".repeat(128), "]".repeat(128)),
            format!("a: '{brackets}'\nb: \"{brackets}\\\"{brackets}\""),
            format!("a: |\n  {brackets}\n  {brackets}\nb: x"),
            format!("a: x{brackets}\n# {brackets}\nb: x # {brackets}"),
            format!("a: [it 's, \"{brackets}\", '{brackets}', x]\nb: c'{brackets}"),
            // Many collections, each shallow.
            "a: [[1], [2]]\n".repeat(1_000),
        ] {
            assert_eq!(too_deep(&fine), None, "{fine:.60}");
        }
        // Quotes do not hide brackets that YAML reads as collections.
        let hidden = format!("a: [x 'y, {}", "[".repeat(200));
        assert!(too_deep(&hidden).is_some());
    }

    #[test]
    fn front_matter_nested_100000_deep_is_reported_and_its_other_keys_kept() {
        let text = format!(
            "---\ntitle: T\na: {}{}\n---\n# Page\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let (front, problems) = problems_of(&text);
        let [(3, 132, FrontMatterProblem::InvalidYaml { message, .. })] = problems.as_slice()
        else {
            panic!("{problems:?}");
        };
        assert_eq!(message, "flow collections nested more than 128 deep");
        assert_eq!(front.get_str("title"), Some("T"));
    }
}
