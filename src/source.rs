//! Source files held in memory with a line index, so that any byte offset
//! becomes a 1-based line and column.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::error::{Error, Result};

/// A place in a source file. Lines and columns are 1-based; columns count
/// Unicode scalar values (characters), not bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// Path relative to the project root, with `/` separators. Shared: every
    /// cell of a file carries it.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Location {
    /// `file:line`, the short form messages use to point at another row.
    pub fn file_line(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// Where reports find the text of a line they quote or fingerprint: the
/// project's files, read again after ingest freed them.
pub trait SourceLines {
    /// The text of 1-based `line` of the file at `file` (relative to the
    /// root), without its line ending; `None` when the file or line is
    /// unknown.
    fn line_text(&self, file: &str, line: usize) -> Option<&str>;
}

/// No source text at all: reports without snippets, fingerprints of
/// findings without their lines (for tests and hand-built outcomes).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoSourceLines;

impl SourceLines for NoSourceLines {
    fn line_text(&self, _file: &str, _line: usize) -> Option<&str> {
        None
    }
}

/// True when `bytes` has a carriage return that no line feed follows.
fn has_lone_cr(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', bytes).any(|at| bytes.get(at + 1) != Some(&b'\n'))
}

/// Makes every carriage return that no line feed follows a line feed, in
/// place, and returns how many there were. CommonMark (and GitHub) end a
/// line at CR LF, LF or a lone CR (old Mac files, some exports); errdocs
/// counts lines and finds front matter and tables by LF. Each replacement
/// is one byte for one, so every offset, line and column still points at
/// the same character of the file; CR LF pairs are left as they are.
pub fn unify_line_ends(bytes: &mut [u8]) -> usize {
    let lone: Vec<usize> = memchr::memchr_iter(b'\r', bytes)
        .filter(|&at| bytes.get(at + 1) != Some(&b'\n'))
        .collect();
    for &at in &lone {
        bytes[at] = b'\n';
    }
    lone.len()
}

/// One source file's text and where each line starts.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as opened.
    pub path: PathBuf,
    /// Path relative to the project root, with `/` separators.
    pub rel: String,
    /// The whole text.
    pub text: String,
    line_starts: Vec<usize>,
    /// For a file with lines longer than [`MARK_STRIDE`] bytes: every
    /// stride, a character boundary and the characters before it, so that
    /// the column of an offset in a long line is counted from the nearest
    /// mark, not from the line's start (a table written on one line of
    /// megabytes has a cell every few bytes). Empty otherwise.
    char_marks: Vec<(usize, usize)>,
    shared_rel: Arc<str>,
}

/// Bytes between two marks of [`SourceFile::char_marks`].
const MARK_STRIDE: usize = 4096;

/// The marks of `text` (see [`SourceFile::char_marks`]).
fn char_marks(text: &str) -> Vec<(usize, usize)> {
    let mut marks = Vec::with_capacity(text.len() / MARK_STRIDE);
    let (mut previous, mut chars) = (0, 0);
    let mut at = MARK_STRIDE;
    while at < text.len() {
        while !text.is_char_boundary(at) {
            at += 1;
        }
        chars += text[previous..at].chars().count();
        marks.push((at, chars));
        previous = at;
        at += MARK_STRIDE;
    }
    marks
}

/// The largest page errdocs reads: docs pages are kilobytes, the largest
/// real ones a few megabytes. A device or a stream given as a page
/// (`/dev/zero`, `yes | errdocs check /dev/stdin`) grew without end.
pub const MAX_PAGE_BYTES: u64 = 512 * 1024 * 1024;

/// Reads a page's bytes, at most [`MAX_PAGE_BYTES`] (more is an error
/// naming the file), and no further than the block that holds a NUL byte:
/// such a file is binary, which [`SourceFile::from_bytes`] says with the
/// place of the first one, and a stream of NULs need not be read to its
/// end.
pub fn read_page_bytes(path: &Path) -> Result<Vec<u8>> {
    read_text_bytes(
        path,
        MAX_PAGE_BYTES,
        "errdocs reads documentation pages, not streams or devices",
    )
}

/// Reads the bytes of a text file errdocs reads whole (a page, a baseline,
/// `errdocs.toml`): at most `max` bytes, more being an error naming the
/// file and saying `what` errdocs reads there, and no further than the
/// block that holds a NUL byte (text has none, and the caller says where
/// it is). A device or a stream given as the file (`/dev/zero`, a link to
/// it) was read without end, gigabytes in seconds.
pub fn read_text_bytes(path: &Path, max: u64, what: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    /// Read at a time from a file of unknown size (a device, a stream).
    const BLOCK: u64 = 64 * 1024;
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // A regular file is read in one step of its size (and one more byte, to
    // see its end): `read_to_end` fills the vector's spare capacity without
    // zeroing it first, which for a docs tree of small prose pages was a
    // third of the scan's instructions.
    let size = file
        .metadata()
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|meta| meta.len());
    let mut bytes =
        Vec::with_capacity(size.map_or(0, |len| usize::try_from(len.min(max) + 1).unwrap_or(0)));
    let mut step = size.map_or(BLOCK, |len| len.clamp(1, max) + 1);
    loop {
        let before = bytes.len();
        // `read_to_end` retries reads a signal interrupts, and stops early
        // only at the end of the file.
        let read = (&mut file)
            .take(step)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
        if bytes.len() as u64 > max {
            return Err(Error::io(
                path,
                std::io::Error::other(format!("larger than {} MiB; {what}", max / (1024 * 1024))),
            ));
        }
        if (read as u64) < step || memchr::memchr(0, &bytes[before..]).is_some() {
            break;
        }
        // A file that grew since its size was read, or a device.
        step = BLOCK;
    }
    Ok(bytes)
}

/// The encoding of a page saved as UTF-16 or UTF-32 without a byte-order
/// mark, told from its first 4 KiB: at least half of its code units are
/// ASCII characters, four at least (a Markdown page's markup, spaces and line breaks are,
/// whatever its language), each a byte beside one or three NUL bytes, on
/// the same side. Such a page was called a binary file for its NUL at byte
/// offset 1. `None` for UTF-8, and for binary files whose NUL bytes fall
/// otherwise.
fn unmarked_wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    let sample = &bytes[..bytes.len().min(4096)];
    // Without a NUL byte in it, the sample is no UTF-16 or UTF-32.
    memchr::memchr(0, sample)?;
    // UTF-32 first: its ASCII units read as UTF-16 are half ASCII too.
    let encodings = [
        (4, "UTF-32 (little-endian)", "UTF-32 (big-endian)"),
        (2, "UTF-16 (little-endian)", "UTF-16 (big-endian)"),
    ];
    for (width, little, big) in encodings {
        let units = sample.len() / width;
        if units < 2 {
            continue;
        }
        // Text's ASCII: printable, or a tab or a line end (an array of
        // small numbers is NUL bytes beside control bytes).
        let ascii_at = |unit: &[u8], at: usize| {
            (unit[at].is_ascii_graphic() || matches!(unit[at], b' ' | b'\t' | b'\n' | b'\r'))
                && unit.iter().enumerate().all(|(i, &b)| i == at || b == 0)
        };
        let count = |at: usize| {
            sample
                .chunks_exact(width)
                .filter(|unit| ascii_at(unit, at))
                .count()
        };
        // Four at least: a few bytes and a NUL (`a\nb\0`) are no text.
        let text_like = |ascii: usize| ascii >= 4 && ascii * 2 >= units;
        if text_like(count(0)) {
            return Some(little);
        }
        if text_like(count(width - 1)) {
            return Some(big);
        }
    }
    None
}

impl SourceFile {
    /// Reads a file, refusing what is not UTF-8 Markdown text: binary files,
    /// invalid UTF-8 and empty files each get an error naming the file and,
    /// where it applies, the line.
    pub fn read(path: &Path, rel: String) -> Result<Self> {
        let bytes = read_page_bytes(path)?;
        Self::from_bytes(path, rel, bytes)
    }

    /// Builds a source file from bytes already read, with the same checks as
    /// [`SourceFile::read`].
    pub fn from_bytes(path: &Path, rel: String, mut bytes: Vec<u8>) -> Result<Self> {
        // UTF-32's marks first: the little-endian one starts with UTF-16's.
        if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
            return Err(Error::Utf32 {
                path: path.to_path_buf(),
            });
        }
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(Error::Utf16 {
                path: path.to_path_buf(),
            });
        }
        if let Some(encoding) = unmarked_wide_encoding(&bytes) {
            return Err(Error::UnmarkedWide {
                path: path.to_path_buf(),
                encoding,
            });
        }
        // Lines end at a lone CR too, in errors' line numbers as in the
        // rest.
        unify_line_ends(&mut bytes);
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(Error::Binary {
                path: path.to_path_buf(),
                line,
                offset,
            });
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&err.as_bytes()[..offset]).into_owned();
                let line = valid.matches('\n').count() + 1;
                let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                return Err(Error::InvalidUtf8 {
                    path: path.to_path_buf(),
                    line,
                    column,
                    offset,
                });
            }
        };
        // A UTF-8 byte-order mark is not content: without this, the front
        // matter fence would not be at the start of the file.
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        if text.trim().is_empty() {
            return Err(Error::Empty {
                path: path.to_path_buf(),
            });
        }
        Ok(Self::from_text(path.to_path_buf(), rel, text))
    }

    /// Builds a source file from text, without checks (for tests and
    /// generated input). Lone carriage returns become line feeds (see
    /// [`unify_line_ends`]).
    pub fn from_text(path: PathBuf, rel: String, text: String) -> Self {
        let text = if has_lone_cr(text.as_bytes()) {
            let mut bytes = text.into_bytes();
            unify_line_ends(&mut bytes);
            // One ASCII byte replaced by another: still UTF-8.
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        } else {
            text
        };
        let mut line_starts = vec![0];
        // memchr's vector search: `match_indices` found each line end with
        // a byte-at-a-time search around it (1% of a check's instructions).
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let long_line = line_starts
            .iter()
            .zip(line_starts.iter().skip(1).chain([&text.len()]))
            .any(|(start, end)| end - start > MARK_STRIDE);
        SourceFile {
            path,
            shared_rel: Arc::from(rel.as_str()),
            rel,
            char_marks: if long_line {
                char_marks(&text)
            } else {
                Vec::new()
            },
            text,
            line_starts,
        }
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line_index];
        let column = if self.char_marks.is_empty() {
            self.text
                .get(start..offset)
                .map_or(offset - start, |s| s.chars().count())
        } else {
            self.chars_before(offset) - self.chars_before(start)
        };
        (line_index + 1, column + 1)
    }

    /// The characters of the text before `offset`, counted from the
    /// nearest mark.
    fn chars_before(&self, offset: usize) -> usize {
        let i = self.char_marks.partition_point(|(at, _)| *at <= offset);
        let (at, chars) = i.checked_sub(1).map_or((0, 0), |i| self.char_marks[i]);
        chars
            + self
                .text
                .get(at..offset)
                .map_or(offset - at, |s| s.chars().count())
    }

    /// The byte offset of a 1-based line and column (in characters), the
    /// inverse of [`SourceFile::line_column`]; `None` past the end of the
    /// line or the file.
    pub fn offset_of(&self, line: usize, column: usize) -> Option<usize> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let text = self.line_text(line)?;
        let skip = column.checked_sub(1)?;
        if skip == text.chars().count() {
            return Some(start + text.len());
        }
        text.char_indices().nth(skip).map(|(at, _)| start + at)
    }

    /// The path relative to the root, shared with every location in the
    /// file.
    pub fn shared_path(&self) -> Arc<str> {
        Arc::clone(&self.shared_rel)
    }

    /// The location of a byte offset.
    pub fn location(&self, offset: usize) -> Location {
        let (line, column) = self.line_column(offset);
        self.location_at(line, column)
    }

    /// The location of a 1-based line and column in this file.
    pub fn location_at(&self, line: usize, column: usize) -> Location {
        Location {
            file: Arc::clone(&self.shared_rel),
            line,
            column,
        }
    }

    /// The number of lines (a final line ending does not start another).
    pub fn line_count(&self) -> usize {
        let starts = self.line_starts.len();
        if starts > 1 && self.line_starts[starts - 1] == self.text.len() {
            starts - 1
        } else {
            starts
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::from_text(PathBuf::from("t.md"), "t.md".into(), text.into())
    }

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let f = file("ab\n错误x\n\nz");
        assert_eq!(f.line_column(0), (1, 1));
        assert_eq!(f.line_column(3), (2, 1));
        // 错误 is six bytes but two characters.
        assert_eq!(f.line_column(9), (2, 3));
        assert_eq!(f.line_column(12), (4, 1));
        assert_eq!(f.line_text(2), Some("错误x"));
        assert_eq!(f.line_text(3), Some(""));
        assert_eq!(f.line_text(9), None);
        for offset in [0, 3, 9, 12] {
            let (line, column) = f.line_column(offset);
            assert_eq!(f.offset_of(line, column), Some(offset));
        }
        assert_eq!(f.offset_of(2, 4), Some(10));
        assert_eq!(f.offset_of(2, 5), None);
        assert_eq!(f.offset_of(9, 1), None);
    }

    #[test]
    fn columns_in_long_lines_count_characters_from_the_nearest_mark() {
        let line = "é".repeat(5_000) + &"ab".repeat(5_000);
        let f = file(&format!("x\n{line}\ny"));
        assert!(!f.char_marks.is_empty());
        let at = |chars: usize| {
            2 + line
                .char_indices()
                .nth(chars)
                .map_or(line.len(), |(i, _)| i)
        };
        for chars in [0, 1, 4_095, 4_096, 5_000, 9_999, 14_999] {
            assert_eq!(f.line_column(at(chars)), (2, chars + 1), "{chars}");
        }
        assert_eq!(f.line_column(2 + line.len() + 1), (3, 1));
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let f = file("a\rb\r\nc\rd");
        assert_eq!(f.text, "a\nb\r\nc\nd");
        assert_eq!(f.line_count(), 4);
        assert_eq!(f.line_text(2), Some("b"));
        assert_eq!(f.line_column(7), (4, 1));
    }

    #[test]
    fn rejects_binary_invalid_utf8_and_empty() {
        let p = Path::new("x.md");
        let err = SourceFile::from_bytes(p, "x.md".into(), b"a\nb\0".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.md:2: binary file (NUL byte at byte offset 3); errdocs reads Markdown text"
        );
        let err = SourceFile::from_bytes(p, "x.md".into(), b"ok\nab\xff".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.md:2:3: not valid UTF-8 (byte offset 5); save the file as UTF-8"
        );
        let err = SourceFile::from_bytes(p, "x.md".into(), b" \n".to_vec()).unwrap_err();
        assert!(err.to_string().contains("file is empty"));
        // Without a byte-order mark, by where the NUL bytes fall; the line
        // of a binary file's NUL otherwise.
        let text = "| Code | Name |\n|---|---|\n| 0x80240001 | Не найдено |\n";
        let utf16 = |bytes: fn(u16) -> [u8; 2]| -> Vec<u8> {
            text.encode_utf16().flat_map(bytes).collect()
        };
        let utf32 = |bytes: fn(u32) -> [u8; 4]| -> Vec<u8> {
            text.chars().map(u32::from).flat_map(bytes).collect()
        };
        for (bytes, encoding) in [
            (utf16(u16::to_le_bytes), "UTF-16 (little-endian)"),
            (utf16(u16::to_be_bytes), "UTF-16 (big-endian)"),
            (utf32(u32::to_le_bytes), "UTF-32 (little-endian)"),
            (utf32(u32::to_be_bytes), "UTF-32 (big-endian)"),
        ] {
            let err = SourceFile::from_bytes(p, "x.md".into(), bytes).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "x.md: the file is {encoding} without a byte-order mark (NUL bytes between its characters); errdocs reads UTF-8: save it as UTF-8"
                )
            );
        }
        let png_like = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
        let err = SourceFile::from_bytes(p, "x.md".into(), png_like).unwrap_err();
        assert!(err.to_string().contains("binary file"), "{err}");
        // An array of small little-endian numbers is no UTF-32 text.
        let numbers: Vec<u8> = (1u32..=16).flat_map(u32::to_le_bytes).collect();
        let err = SourceFile::from_bytes(p, "x.md".into(), numbers).unwrap_err();
        assert!(err.to_string().contains("binary file"), "{err}");
        for utf32 in [&b"\xff\xfe\0\0#\0\0\0"[..], b"\0\0\xfe\xff\0\0\0#"] {
            let err = SourceFile::from_bytes(p, "x.md".into(), utf32.to_vec()).unwrap_err();
            assert!(err.to_string().contains("UTF-32"), "{err}");
        }
    }
}
