//! Vertical tables: one code per table, labels in the first column and
//! values in the second (`| Code | 0x80070005 |` above `| Name |
//! E_ACCESSDENIED |`), as reference pages write when they describe one
//! code at a time. Such a table is read as one row whose columns are its
//! label/value pairs, each value keeping its own place in the file, so
//! that every rule reads it as it reads a row of a table of codes.
//!
//! What each value is, its shape decides: the one code among the values,
//! a symbolic name, the code's decimal form, the longest text. The labels,
//! in whatever language, only break ties ([`label_role`]). A two-column
//! table that lists many codes is no vertical table (its second column
//! holds more than one), nor is a key/value table without a code
//! (settings, flags). A table that holds one code so but cannot be read
//! safely (two values could be its name; nothing but the code says it
//! describes an error code) is unreadable, and reported.

use super::cell::{Cell, Heading, Row};
use super::roles::{ColumnPlan, Part, TablePlan, is_short_form, role_of_header};
use super::shape::{Shape, Token, brief_shape_of, shape_of};
use crate::model::{CodeForms, ColumnRole, Family, TableKind};
use crate::source::Location;

/// A vertical table as read: its pairs' labels, its one row of values,
/// and the values' roles.
#[derive(Debug, Clone)]
pub struct Vertical {
    /// Per pair, its label; an empty cell at the value's place where the
    /// pair has none (a heading row that names the code).
    pub labels: Vec<Cell>,
    /// The one row: per pair, its value.
    pub row: Row,
    /// The values' roles; of kind [`TableKind::Unreadable`] when the table
    /// cannot be read safely.
    pub plan: TablePlan,
    /// Why it cannot be, where it cannot.
    pub unread: Option<UnreadVertical>,
}

/// A vertical table that holds a code but is not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadVertical {
    /// Where its code is written.
    pub location: Location,
    /// The code, as written.
    pub code: String,
    /// Why the table is not read, in words.
    pub reason: String,
}

/// One label and its value.
#[derive(Clone, Copy)]
struct Pair<'a> {
    label: Option<&'a Cell>,
    value: &'a Cell,
    /// The value's brief shape.
    shape: Shape,
}

/// The most label/value pairs a vertical table is read with. Pages give a
/// code a dozen attributes at most; a two-column table of more rows is a
/// list, read as rows, whose pairs would each become a column (and
/// matching a translation's columns to its source's compares every pair
/// with every other).
const MOST_PAIRS: usize = 64;

/// Reads a table of two columns (`header` empty or two cells, every row of
/// `rows` two cells) as a vertical table, if it is one: its second column
/// holds exactly one code (or, where it holds no hex code at all, exactly
/// one number, under a label that names a code, beside the one symbolic
/// name), its first no code, number or symbolic name but on its first row
/// (a heading row that names the code), and at least one row pairs a label
/// with a value, in fewer than 64 rows. `None` for any other table, which
/// is read as a row per code. `location` is where the table starts (its
/// row's place); `heading` the heading above it.
pub fn read(
    header: &[Cell],
    rows: &[Row],
    location: &Location,
    heading: Option<&Heading>,
) -> Option<Vertical> {
    if !(header.is_empty() || header.len() == 2)
        || rows.len() >= MOST_PAIRS
        || rows
            .iter()
            .any(|r| r.cells.len() != 2 || !r.extra_cells.is_empty())
    {
        return None;
    }
    let pairs = pairs(header, rows)?;
    let written = pairs.iter().filter(|p| p.shape != Shape::Empty).count();
    if written < 2 || pairs.iter().any(|p| p.shape == Shape::HexList) {
        return None;
    }
    // The code: the one hex code; where there is none, the one number.
    let (code, decimal_codes) = match only(&pairs, |s| s.has_hex())? {
        Some(j) => (j, false),
        None => (only(&pairs, |s| s == Shape::Decimal)??, true),
    };
    let values = Values {
        pairs: &pairs,
        labels: pairs
            .iter()
            .map(|p| p.label.map_or(ColumnRole::Other, |l| label_role(&l.text)))
            .collect(),
        code,
        code_shape: shape_of(&pairs[code].value.text),
        above: Above::of(heading),
    };
    let digits = values
        .code_shape
        .tokens
        .iter()
        .find_map(|t| match &t.token {
            Token::Hex(d) => Some(d.as_str().to_string()),
            _ => None,
        });
    if !decimal_codes && digits.is_none() {
        return None;
    }
    let value = digits
        .as_deref()
        .and_then(|d| u32::from_str_radix(d, 16).ok());

    let mut taken = vec![false; pairs.len()];
    taken[code] = true;
    let mut columns = vec![if decimal_codes {
        ColumnPlan {
            source: code,
            part: Part::Number,
            role: ColumnRole::Decimal,
            reason: "the one number among the values of a vertical table (labels in its first column, values in its second), which has no hex code: the code".to_string(),
        }
    } else {
        ColumnPlan {
            source: code,
            part: Part::Hex,
            role: ColumnRole::Code,
            reason: "the one code among the values of a vertical table (labels in its first column, values in its second)".to_string(),
        }
    }];
    let names = values.names();
    // A number is a code only under a label that names one, beside the
    // one name: else it is a count, a version, a setting (`| Retries | 3
    // |` beside `| On failure | ERROR_TIMEOUT |`).
    if decimal_codes && !(values.labels[code] == ColumnRole::Code && names.all.len() == 1) {
        return None;
    }
    if let Some((j, reason)) = names.chosen() {
        taken[j] = true;
        columns.push(ColumnPlan {
            source: j,
            part: Part::Name,
            role: ColumnRole::Name,
            reason: reason.to_string(),
        });
    }
    let decimal = value
        .filter(|_| !decimal_codes)
        .and_then(|v| values.decimal(v, &taken));
    if let Some((j, reason)) = decimal {
        taken[j] = true;
        columns.push(ColumnPlan {
            source: j,
            part: Part::Number,
            role: ColumnRole::Decimal,
            reason: reason.to_string(),
        });
    }
    if let Some((j, reason)) = values.description(&taken, names.chosen().is_some()) {
        taken[j] = true;
        columns.push(ColumnPlan {
            source: j,
            part: Part::Whole,
            role: ColumnRole::Description,
            reason,
        });
    }

    // Whether the table is one of an error code: its code is whole, or
    // its label or the heading above says it is one. Of a table that is
    // not, a short value (`0x2` among settings) is no code, and the table
    // is left as it is.
    let whole = digits.as_ref().is_some_and(|d| d.len() >= 7) || value.is_some_and(|v| v > 0xFFFF);
    let said = values.labels[code] == ColumnRole::Code
        || value.is_some_and(|v| values.above.codes.contains(&v));
    let unread = if names.tied.len() > 1 {
        let quoted: Vec<String> = names.tied.iter().map(|c| format!("`{}`", c.name)).collect();
        (whole || said).then(|| {
            format!(
                "{} of its values could be the code's name ({}), and neither their labels, the heading above nor their families tell which",
                names.tied.len(),
                quoted.join(", ")
            )
        })
    } else if names.chosen().is_none() && !said {
        whole.then(|| {
            "nothing else in it says it describes an error code: no value is a symbolic name, the code's label names no code, and the heading above does not name it".to_string()
        })
    } else {
        None
    };
    let readable = names.tied.len() <= 1 && (names.chosen().is_some() || said);
    if !readable && unread.is_none() {
        return None;
    }

    let plan = match &unread {
        Some(_) => TablePlan {
            kind: TableKind::Unreadable,
            columns: (0..pairs.len())
                .map(|j| ColumnPlan {
                    source: j,
                    part: Part::Whole,
                    role: ColumnRole::Other,
                    reason: "not read: the vertical table cannot be read safely".to_string(),
                })
                .collect(),
            forms: CodeForms::default(),
            header_mismatches: Vec::new(),
        },
        None => {
            for j in (0..pairs.len()).filter(|&j| !taken[j]) {
                columns.push(ColumnPlan {
                    source: j,
                    part: Part::Whole,
                    role: ColumnRole::Other,
                    reason: if pairs[j].shape == Shape::Empty {
                        "empty".to_string()
                    } else {
                        "not needed for a code, name or description".to_string()
                    },
                });
            }
            // In the order written; a name before the code it shares a
            // cell with, as a table of rows has it.
            columns.sort_by_key(|c| (c.source, c.part != Part::Name));
            TablePlan {
                kind: TableKind::Codes,
                columns,
                forms: CodeForms {
                    short_hex: digits.as_deref().is_some_and(is_short_form),
                    decimal_codes,
                    ..CodeForms::default()
                },
                header_mismatches: Vec::new(),
            }
        }
    };
    let code_cell = pairs[code].value;
    Some(Vertical {
        labels: pairs
            .iter()
            .map(|p| {
                p.label
                    .cloned()
                    .unwrap_or_else(|| Cell::empty(p.value.location.clone(), p.value.offset))
            })
            .collect(),
        row: Row {
            location: location.clone(),
            cells: pairs.iter().map(|p| p.value.clone()).collect(),
            extra_cells: Vec::new(),
            part: 0,
            aliases: thin_vec::ThinVec::new(),
        },
        plan,
        unread: unread.map(|reason| UnreadVertical {
            location: code_cell.location.clone(),
            code: code_cell.text.trim().to_string(),
            reason,
        }),
    })
}

/// The records of a two-column table that describes several codes one
/// after another, each by the same labels (`| **HRESULT** | 0x8E5E0211 |`
/// ... then `| **HRESULT** | 0x80C8031A |` ...), often with a blank row
/// between them: per record, the header it is read with and its rows,
/// when there are two or more and every one reads as a vertical table
/// ([`read`]). `None` for any other table: one code, or a table of codes
/// read as rows. Without this such a table holds two codes, so it is no
/// vertical table, and its rows, being labels and values, are no table of
/// codes either: every code in it would be lost unread.
///
/// A header that is itself a pair (`| Error code | 0x80070005 |` over
/// `|---|---|`), or a heading row that names the code, is the first
/// record's: that record is read with it, the others without a header, and
/// its label coming again among the rows starts the next record.
pub fn records(
    header: &[Cell],
    rows: &[Row],
    heading: Option<&Heading>,
) -> Option<Vec<(Vec<Cell>, Vec<Row>)>> {
    if !(header.is_empty() || header.len() == 2) || rows.iter().any(|r| r.cells.len() != 2) {
        return None;
    }
    let header_is_a_pair = header_is_a_pair(header);
    let mut records: Vec<Vec<Row>> = vec![Vec::new()];
    let mut labels_seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    if header_is_a_pair && let Some(label) = header.first() {
        labels_seen.insert(label.text.trim().to_lowercase());
    }
    // Whether the record being gathered has a pair yet: the first has the
    // header's, when the header is one.
    let mut has_pairs = header_is_a_pair;
    for row in rows {
        let blank = row.cells.iter().all(|c| c.text.trim().is_empty());
        let label = row.cells[0].text.trim().to_lowercase();
        // A blank row, or a label the record already has, starts the next.
        let starts_next = blank || (!label.is_empty() && labels_seen.contains(&label));
        if starts_next && has_pairs {
            records.push(Vec::new());
            labels_seen.clear();
            has_pairs = false;
        }
        if !blank {
            labels_seen.insert(label);
            has_pairs = true;
            if let Some(record) = records.last_mut() {
                record.push(row.clone());
            }
        }
    }
    // A first record of the header alone is kept: it does not read, and
    // neither does the table as records, rather than lose the header's code.
    let mut records: Vec<(Vec<Cell>, Vec<Row>)> = records
        .into_iter()
        .enumerate()
        .map(|(i, rows)| {
            let own_header = i == 0 || !header_is_a_pair;
            (
                if own_header {
                    header.to_vec()
                } else {
                    Vec::new()
                },
                rows,
            )
        })
        .collect();
    records.retain(|(header, rows)| !rows.is_empty() || (header_is_a_pair && !header.is_empty()));
    let every_one_reads = records.len() >= 2
        && records.iter().all(|(header, record)| {
            let location = record.first().or(rows.first()).map(|row| &row.location);
            location.is_some_and(|location| read(header, record, location, heading).is_some())
        });
    every_one_reads.then_some(records)
}

/// True when a two-column table's header is no words over its columns but
/// a pair of the first record (`| Error code | 0x80070005 |`), or a
/// heading row that names the code (`| 0x80070005 | E_ACCESSDENIED |`), as
/// [`pairs`] reads it.
fn header_is_a_pair(header: &[Cell]) -> bool {
    let [label, value] = header else {
        return false;
    };
    let blank = header.iter().all(|h| h.text.trim().is_empty());
    !blank && (!can_be_label(label) || is_value(brief_shape_of(&value.text).shape))
}

/// The one pair whose value's shape is `wanted`: `Some(Some(j))` for one,
/// `Some(None)` for none, `None` for more than one.
fn only(pairs: &[Pair], wanted: impl Fn(Shape) -> bool) -> Option<Option<usize>> {
    let mut found = (0..pairs.len()).filter(|&j| wanted(pairs[j].shape));
    match (found.next(), found.next()) {
        (Some(j), None) => Some(Some(j)),
        (None, _) => Some(None),
        _ => None,
    }
}

/// A vertical table's values, with what decides their roles.
struct Values<'p, 'a> {
    pairs: &'p [Pair<'a>],
    /// Per pair, the role its label names ([`label_role`]).
    labels: Vec<ColumnRole>,
    /// The code's pair.
    code: usize,
    /// Its value's shape, every token read.
    code_shape: super::shape::CellShape,
    /// What the heading above names.
    above: Above,
}

/// The symbolic names among a table's values, and those that tie for the
/// code's name.
struct Names {
    /// Every one.
    all: Vec<Candidate>,
    /// The best by [`Values::name_key`]: one, the name; more, no telling
    /// which.
    tied: Vec<Candidate>,
    /// Why the one is the name.
    why: &'static str,
}

impl Names {
    /// The name's pair and why it is the name, when one is best.
    fn chosen(&self) -> Option<(usize, &'static str)> {
        match self.tied.as_slice() {
            [one] => Some((one.source, self.why)),
            _ => None,
        }
    }
}

impl Values<'_, '_> {
    /// The code's name: the one symbolic name among the values (or beside
    /// the code in its cell); of several, the one its label names so, else
    /// the one the heading above names, else the one of a family errdocs
    /// knows, else the one with an underscore.
    fn names(&self) -> Names {
        let all = self.candidates();
        let best = all.iter().map(|c| self.name_key(c)).max();
        let tied: Vec<Candidate> = all
            .iter()
            .filter(|c| Some(self.name_key(c)) == best)
            .cloned()
            .collect();
        let why = match (all.len(), best) {
            (1, _) => "the one symbolic name among the values",
            (_, Some((true, _, _, _))) => "a symbolic name, which its label names as the name",
            (_, Some((_, true, _, _))) => "a symbolic name, which the heading above names",
            (_, Some((_, _, true, _))) => {
                "a symbolic name of a family errdocs knows, which the others are not"
            }
            _ => "a symbolic name with an underscore, which the others are not",
        };
        Names { all, tied, why }
    }

    /// What singles a name out: its label names it so, the heading above
    /// names it, its family is known, it has an underscore.
    fn name_key(&self, c: &Candidate) -> (bool, bool, bool, bool) {
        (
            c.source != self.code && self.labels[c.source] == ColumnRole::Name,
            self.above.names(&c.name),
            Family::of_name(&c.name) != Family::Unknown,
            c.name.contains('_'),
        )
    }

    /// Each value that is a symbolic name, and the name beside the code in
    /// its cell (`E_FAIL (0x80004005)`) unless another value is that name.
    fn candidates(&self) -> Vec<Candidate> {
        let name_of = |text: &str| {
            shape_of(text)
                .identifier_span()
                .and_then(|span| text.get(span))
                .map(str::to_string)
        };
        let mut found: Vec<Candidate> = (0..self.pairs.len())
            .filter(|&j| j != self.code && self.pairs[j].shape == Shape::Identifier)
            .filter_map(|j| {
                name_of(&self.pairs[j].value.text).map(|name| Candidate { source: j, name })
            })
            .collect();
        let code_text = &self.pairs[self.code].value.text;
        if self.pairs[self.code].shape == Shape::HexAndIdentifier
            && let Some(name) = self
                .code_shape
                .identifier_span()
                .and_then(|span| code_text.get(span))
            && !found.iter().any(|c| c.name.eq_ignore_ascii_case(name))
        {
            found.push(Candidate {
                source: self.code,
                name: name.to_string(),
            });
        }
        found
    }

    /// The decimal beside the hex code `code`, among the values not
    /// `taken`: a whole number its label names so, else one that is a form
    /// of the code (a Win32 code or a count beside it is not), else the
    /// code written both ways in its cell (`2 (0x2)`).
    fn decimal(&self, code: u32, taken: &[bool]) -> Option<(usize, &'static str)> {
        let number = |text: &str| {
            shape_of(text).tokens.iter().find_map(|t| match t.token {
                Token::Decimal(n) => Some(n),
                _ => None,
            })
        };
        let numbers: Vec<usize> = (0..self.pairs.len())
            .filter(|&j| !taken[j] && self.pairs[j].shape == Shape::Decimal)
            .collect();
        numbers
            .iter()
            .find(|&&j| self.labels[j] == ColumnRole::Decimal)
            .map(|&j| (j, "a whole number, which its label names as the decimal"))
            .or_else(|| {
                numbers
                    .iter()
                    .find(|&&j| {
                        number(&self.pairs[j].value.text).is_some_and(|n| is_decimal_form(code, n))
                    })
                    .map(|&j| (j, "a whole number, the code's decimal form"))
            })
            .or_else(|| {
                self.code_shape
                    .tokens
                    .iter()
                    .any(|t| matches!(t.token, Token::Decimal(n) if is_decimal_form(code, n)))
                    .then_some((
                        self.code,
                        "the code's decimal form, written in the code's cell",
                    ))
            })
    }

    /// The description, among the values not `taken`: the text its label
    /// names so, else the longest. In a table without a name (`named`
    /// false), whose other texts may be anything (`| Source | Windows
    /// Error Reporting |` in an event's details), only the one text there
    /// is.
    fn description(&self, taken: &[bool], named: bool) -> Option<(usize, String)> {
        let texts: Vec<usize> = (0..self.pairs.len())
            .filter(|&j| !taken[j] && self.pairs[j].shape == Shape::Prose)
            .collect();
        let length = |j: usize| self.pairs[j].value.text.chars().count();
        texts
            .iter()
            .find(|&&j| self.labels[j] == ColumnRole::Description)
            .map(|&j| {
                (
                    j,
                    "text, which its label names as the description".to_string(),
                )
            })
            .or_else(|| {
                texts
                    .iter()
                    .filter(|_| named || texts.len() == 1)
                    .filter(|&&j| explains(&self.pairs[j].value.text))
                    .filter(|&&j| !self.pairs[j].label.is_some_and(|l| names_a_level(&l.text)))
                    .max_by(|&&a, &&b| length(a).cmp(&length(b)).then(b.cmp(&a)))
                    .map(|&j| {
                        (
                            j,
                            format!(
                                "the longest text among the values: {} characters",
                                length(j)
                            ),
                        )
                    })
            })
    }
}

/// Whether a value unlabelled as the description can be one: it explains,
/// so it is more than one short word. A yes or no, a state or a level
/// (`| Remediation required | Yes |`, `| 需要補救 | 否 |`, `| Severity |
/// Critical |`) answers its label; taken for the description it would
/// make every code of the page share one. Chinese and Japanese write no
/// spaces between words and say much in few characters, each ideograph a
/// word or its root: two ideographs explain (`失敗`, `無効`, `拒绝访问`),
/// where a yes or no is one (`是`, `否`) or a word in kana (`はい`,
/// `いいえ`).
fn explains(text: &str) -> bool {
    let text = text.trim();
    let one_word = !text.contains(char::is_whitespace);
    let latin_word = one_word && text.chars().all(|c| c.is_ascii_alphabetic());
    let ideographs = text.chars().filter(|&c| is_ideograph(c)).count();
    !(latin_word || (one_word && text.chars().count() < 4 && ideographs < 2))
}

/// Label words of a value that grades the code (its severity, level,
/// priority), in the languages seen so far:
/// such a value answers its label, whatever its length (`| 严重性 | 严重 |`,
/// `| Severity | Very high |`), and is never the description.
const LEVEL_LABELS: &[&str] = &[
    "severity",
    "level",
    "priority",
    "schweregrad",
    "gravité",
    "gravedad",
    "gravità",
    "gravidade",
    "severidad",
    "ważność",
    "серьезность",
    "серьёзность",
    "严重性",
    "嚴重性",
    "严重程度",
    "嚴重程度",
    "级别",
    "級別",
    "等级",
    "等級",
    "重大度",
    "深刻度",
    "レベル",
    "심각도",
    "수준",
];

/// True when `label` names a grade of the code ([`LEVEL_LABELS`]).
fn names_a_level(label: &str) -> bool {
    let label = label.trim().trim_matches('*').to_lowercase();
    LEVEL_LABELS.iter().any(|w| label.contains(w))
}

/// True for Han ideographs (Chinese, and kanji in Japanese): the main
/// block, its extension A and the compatibility ideographs.
fn is_ideograph(c: char) -> bool {
    matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// The label/value pairs of a two-column table: its header's when its
/// second cell is a value (a code, a number, a name) rather than the word
/// over a column of values (`Field | Value`), then its rows'. The table's
/// first row (its header, or its first row where the header is blank or
/// missing) is a heading row that names the code when its first cell
/// holds a code or a symbolic name: its cells are values without labels.
/// `None` when another row's first cell holds one (a table of codes or
/// names, read as rows), when the header names two columns (`Code |
/// Name`), or when no row pairs a label with a value.
fn pairs<'a>(header: &'a [Cell], rows: &'a [Row]) -> Option<Vec<Pair<'a>>> {
    let names_columns = header.len() == 2
        && header
            .iter()
            .all(|h| role_of_header(&h.text) != ColumnRole::Other);
    if names_columns {
        return None;
    }
    let blank = header.iter().all(|h| h.text.trim().is_empty());
    let lines = std::iter::once((header, true))
        .filter(|_| !blank)
        .chain(rows.iter().map(|r| (r.cells.as_slice(), false)));
    let mut pairs = Vec::new();
    let (mut labelled, mut names, mut codes) = (0usize, 0usize, 0usize);
    let mut push =
        |pairs: &mut Vec<Pair<'a>>, label: Option<&'a Cell>, value: &'a Cell, shape: Shape| {
            codes += usize::from(shape.has_hex());
            if label.is_some() {
                labelled += usize::from(shape != Shape::Empty);
                names += usize::from(shape == Shape::Identifier);
            }
            pairs.push(Pair {
                label,
                value,
                shape,
            });
            // More than one code: a table of codes, read as rows.
            codes <= 1
        };
    for (index, (cells, is_header)) in lines.enumerate() {
        let [label, value] = cells else {
            return None;
        };
        let shape = brief_shape_of(&value.text).shape;
        let more = if !can_be_label(label) {
            if index > 0 {
                return None;
            }
            let own = brief_shape_of(&label.text).shape;
            push(&mut pairs, None, label, own)
                && (shape == Shape::Empty || push(&mut pairs, None, value, shape))
        } else if is_header && !is_value(shape) {
            // The words over the columns.
            continue;
        } else {
            push(&mut pairs, Some(label), value, shape)
        };
        if !more {
            return None;
        }
    }
    // A column of names beside labels is a table of names, not one name
    // among a code's values.
    let column_of_names = names >= 3 && names * 2 > labelled;
    (labelled > 0 && !column_of_names).then_some(pairs)
}

/// True for a cell that can be a label: no code, no number and no
/// symbolic name with an underscore in it (`HRESULT` and `Code` are
/// labels; `E_ACCESSDENIED` and `0x80070005` are values).
fn can_be_label(cell: &Cell) -> bool {
    let shape = brief_shape_of(&cell.text).shape;
    !(shape.has_hex()
        || shape.has_decimal()
        || (shape == Shape::Identifier && cell.text.contains('_')))
}

/// True for a value's shape that is a code, a number or a symbolic name.
fn is_value(shape: Shape) -> bool {
    shape.has_hex() || shape.has_decimal() || shape.has_identifier()
}

/// A value that could be the code's name.
#[derive(Clone)]
struct Candidate {
    /// The pair whose value holds it.
    source: usize,
    /// The name.
    name: String,
}

/// The codes and names the heading above a table writes.
struct Above {
    codes: Vec<u32>,
    names: Vec<String>,
}

impl Above {
    fn of(heading: Option<&Heading>) -> Self {
        let mut above = Above {
            codes: Vec::new(),
            names: Vec::new(),
        };
        let Some(heading) = heading else {
            return above;
        };
        let text = heading.text.as_str();
        for token in shape_of(text).tokens {
            match token.token {
                Token::Hex(digits) => above
                    .codes
                    .extend(u32::from_str_radix(digits.as_str(), 16).ok()),
                Token::Identifier => above
                    .names
                    .extend(text.get(token.span).map(str::to_ascii_uppercase)),
                _ => {}
            }
        }
        above
    }

    fn names(&self, name: &str) -> bool {
        self.names.contains(&name.to_ascii_uppercase())
    }
}

/// True when `n` is a decimal form of the 32-bit code `code`: unsigned,
/// signed, or signed written as the unsigned value less 2^32.
fn is_decimal_form(code: u32, n: i64) -> bool {
    let unsigned = i64::from(code);
    n == unsigned || n == i64::from(code as i32) || n == unsigned - (1_i64 << 32)
}

/// Stems that words for a role share across languages, for labels that
/// the header words ([`role_of_header`]) do not know: matched at the start
/// of a label's first word (`descr` of description, descripción,
/// descrição, descrizione).
const DECIMAL_STEMS: &[&str] = &["decim", "décim", "dezim", "десятич", "δεκαδικ"];
const CODE_STEMS: &[&str] = &[
    "cod",
    "cód",
    "kod",
    "kód",
    "koodi",
    "код",
    "κωδικ",
    "hresult",
    "hex",
    "err",
    "fehler",
    "błąd",
    "ошибк",
    "virhe",
    "hata",
    "chyba",
    "hiba",
    "σφάλμα",
];
const NAME_STEMS: &[&str] = &[
    "nom",
    "name",
    "naam",
    "namn",
    "navn",
    "nimi",
    "nazw",
    "název",
    "név",
    "имя",
    "назван",
    "όνομα",
    "symbol",
    "símbolo",
    "simbol",
    "constant",
    "konstant",
    "costant",
];
const DESCRIPTION_STEMS: &[&str] = &[
    "descr",
    "deskr",
    "beschr",
    "beskr",
    "omschr",
    "messag",
    "mensaj",
    "mensag",
    "meldung",
    "meddel",
    "сообщ",
    "opis",
    "popis",
    "kuvaus",
    "açıklama",
    "leírás",
    "описан",
    "περιγραφ",
    "תיאור",
    "وصف",
];
/// Words of languages written without spaces, matched anywhere, the
/// first found deciding: a description's words before a code's
/// (`错误消息`, an error message, is a text).
const INNER_WORDS: &[(&str, ColumnRole)] = &[
    ("十进制", ColumnRole::Decimal),
    ("十進", ColumnRole::Decimal),
    ("10進", ColumnRole::Decimal),
    ("십진", ColumnRole::Decimal),
    ("描述", ColumnRole::Description),
    ("说明", ColumnRole::Description),
    ("說明", ColumnRole::Description),
    ("説明", ColumnRole::Description),
    ("설명", ColumnRole::Description),
    ("消息", ColumnRole::Description),
    ("メッセージ", ColumnRole::Description),
    ("메시지", ColumnRole::Description),
    ("名称", ColumnRole::Name),
    ("名稱", ColumnRole::Name),
    ("名前", ColumnRole::Name),
    ("이름", ColumnRole::Name),
    ("代码", ColumnRole::Code),
    ("代碼", ColumnRole::Code),
    ("コード", ColumnRole::Code),
    ("코드", ColumnRole::Code),
    ("错误", ColumnRole::Code),
    ("錯誤", ColumnRole::Code),
    ("エラー", ColumnRole::Code),
    ("오류", ColumnRole::Code),
];

/// The role a label names, if any: in the words errdocs knows for column
/// headers ([`role_of_header`]), else by its first word, where that begins
/// with a stem that role's words share across languages (`Nombre del
/// código` names a name, `Descripción` a description; `Default error`
/// names no code). A hint that breaks ties between values of one shape;
/// never what makes a value a code, a name or a text.
pub fn label_role(label: &str) -> ColumnRole {
    let role = role_of_header(label);
    if role != ColumnRole::Other {
        return role;
    }
    let text = label.trim().to_lowercase();
    let by_stem = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .and_then(|word| {
            [
                (DECIMAL_STEMS, ColumnRole::Decimal),
                (CODE_STEMS, ColumnRole::Code),
                (NAME_STEMS, ColumnRole::Name),
                (DESCRIPTION_STEMS, ColumnRole::Description),
            ]
            .into_iter()
            .find(|(stems, _)| stems.iter().any(|s| word.starts_with(s)))
            .map(|(_, role)| role)
        });
    by_stem
        .or_else(|| {
            INNER_WORDS
                .iter()
                .find(|(w, _)| text.contains(w))
                .map(|(_, role)| *role)
        })
        .unwrap_or(ColumnRole::Other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_roles_in_many_languages() {
        use ColumnRole::*;
        for (label, role) in [
            ("Code", Code),
            ("HRESULT", Code),
            ("**Código**", Code),
            ("Kod błędu", Code),
            ("Error", Code),
            ("エラー コード", Code),
            ("Nombre", Name),
            ("Nom symbolique", Name),
            ("Nazwa", Name),
            ("Descripción", Description),
            ("Descrição", Description),
            ("Opis", Description),
            ("Описание", Description),
            ("Mensaje", Description),
            ("错误消息", Description),
            ("Valor decimal", Decimal),
            ("Dezimalwert", Decimal),
            // The first word decides: a setting's name is no code's label.
            ("Default error", Other),
            ("Remarks", Other),
            ("Applies to", Other),
            ("", Other),
        ] {
            assert_eq!(label_role(label), role, "{label}");
        }
    }

    #[test]
    fn a_value_explains_unless_it_is_one_short_word() {
        for text in [
            "Access is denied.",
            "Denied.",
            "Отказано",
            "失敗",
            "無効",
            "拒绝访问",
            "アクセスが拒否されました",
        ] {
            assert!(explains(text), "{text}");
        }
        for text in ["Yes", "Critical", "Да", "否", "是", "はい", "いいえ", "예"] {
            assert!(!explains(text), "{text}");
        }
    }

    #[test]
    fn labels_of_a_grade_are_known() {
        for label in [
            "Severity",
            "**严重性**",
            "重大度",
            "Schweregrad",
            "Error level",
        ] {
            assert!(names_a_level(label), "{label}");
        }
        for label in ["Description", "Message", "错误消息", "Cause"] {
            assert!(!names_a_level(label), "{label}");
        }
    }
}
