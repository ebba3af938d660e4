//! Column roles, decided from what the cells hold: hex codes, decimal
//! numbers, symbolic names, prose. The header's words are one hint among
//! others (they break ties between columns whose cells look alike), never
//! the only one: a page in a language errdocs has no word for, or whose
//! header names the wrong column, still reads right, and a header that
//! contradicts its column's content is reported.
//!
//! A column whose cells hold two things (a name and its code, `BG_E_X
//! (0x80200001)`; a number and a name, `10 (APP_X)`) is read as two
//! logical columns, one per part.

use super::shape::{Shape, Token};
use crate::model::{CodeForms, ColumnRole, Family, TableKind};

/// Which part of a physical column a logical column reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The whole cell.
    Whole,
    /// The hex code in the cell.
    Hex,
    /// The decimal number in the cell.
    Number,
    /// The symbolic name in the cell.
    Name,
    /// The symbolic name the cell starts with, before a note
    /// (`WU_E_A (see below)`).
    LeadingName,
    /// The symbolic name a description starts with, before a `:` or a
    /// dash (`DO_E_X: text`); empty where the cell starts otherwise.
    NameBeforeText,
    /// The description after the name it starts with (`text` of
    /// `DO_E_X: text`); the whole cell where it starts otherwise.
    TextAfterName,
    /// The note after a code's dash (`see below` of `0x80240002 - see
    /// below`), in a table with no description column; empty where the
    /// cell has none.
    NoteAfterCode,
    /// The extend code after a Windows setup result code (`0x20004` of
    /// `0xC1900101 - 0x20004`); empty where the cell has none.
    ExtendCode,
}

/// One logical column: where it reads from and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnPlan {
    /// The physical column (0-based).
    pub source: usize,
    /// The part of its cells read.
    pub part: Part,
    /// What it holds.
    pub role: ColumnRole,
    /// Why, in words (for the dataset's table summary).
    pub reason: String,
}

/// A header that names another role than its column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMismatch {
    /// The physical column.
    pub column: usize,
    /// What the header's words say.
    pub header_says: ColumnRole,
    /// What the cells hold.
    pub content_is: ColumnRole,
    /// How many non-empty cells the column has, and how many of them are
    /// what `content_is` says.
    pub evidence: (usize, usize),
}

/// The roles of a table's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TablePlan {
    /// Codes, no codes, or unreadable.
    pub kind: TableKind,
    /// The logical columns, in physical order (a split column's parts
    /// together).
    pub columns: Vec<ColumnPlan>,
    /// How the table writes its codes.
    pub forms: CodeForms,
    /// Headers that contradict their columns.
    pub header_mismatches: Vec<HeaderMismatch>,
}

/// Counts of what one column's cells hold.
#[derive(Debug, Clone, Default)]
struct Profile {
    non_empty: usize,
    hex: usize,
    /// Hex codes written without their leading zeros.
    hex_short: usize,
    /// Cells that are one short run of hex digits without `0x`, a letter
    /// among them (`A`, `1F`): hex written bare.
    bare_hex_letters: usize,
    /// Cells that are one run of up to eight hex digits without `0x`.
    bare_hex: usize,
    /// Cells that are one digit, 0 to 9: the same number in hex and in
    /// decimal (`S_OK` is `0`, `S_FALSE` `1`, beside `0x80004005`).
    one_digit: usize,
    decimal: usize,
    /// Cells whose number is sized like an error HRESULT, 0x80000000 and
    /// up as an unsigned or a signed 32-bit number (`3400073293`,
    /// `-2147024891`): no count, version or ordinal is that large.
    hresult_sized: usize,
    /// Cells that state a number and no hex code (`3400073293`), of them
    /// the ones sized like an error HRESULT.
    decimal_hresult_sized: usize,
    /// Cells that are one number: a decimal or a hex code (or both, `87
    /// (0x57)`), nothing else.
    numeric: usize,
    /// Cells of at most four characters and no digit (`—`, `N/A`): what
    /// a column of numbers writes where a row has none.
    placeholder: usize,
    /// Cells that hold one hex code and a number beside it (`87 (0x57)`,
    /// a Win32 code written both ways; `0x80070005 (0x5)`, an HRESULT and
    /// its Win32 error), counted in `hex`.
    hex_and_decimal: usize,
    identifier: usize,
    /// Cells that begin with a symbolic name, whatever follows it.
    leading_identifier: usize,
    /// Cells that begin with a symbolic name, then a `:` or a dash and
    /// text (`DO_E_X: text`).
    name_before_text: usize,
    /// Cells that hold one code, then a dash and a note
    /// (`0x80240002 - see below`).
    note_after_code: usize,
    /// Cells that hold one code under a one-word label
    /// (`Error 0x800F081F`), counted in `hex` too.
    labelled_code: usize,
    /// Identifiers whose family errdocs knows (`ERROR_`, `WU_`, `E_`...).
    known_family: usize,
    hex_and_identifier: usize,
    decimal_and_identifier: usize,
    prose: usize,
    text_chars: usize,
}

/// What deciding roles needs of one cell, read from its brief shape and
/// kept instead of the shape's tokens: a large table has hundreds of
/// thousands of cells, and their tokens would all be alive at once.
#[derive(Debug, Clone, Copy)]
struct CellSummary {
    shape: Shape,
    /// A hex code written without its leading zeros.
    hex_short: bool,
    /// The cell begins with a symbolic name.
    leading_identifier: bool,
    /// The cell begins with a symbolic name, then a `:` or a dash and text.
    name_before_text: bool,
    /// The cell is one code, then a dash and a note.
    note_after_code: bool,
    /// The cell is one code under a one-word label (`Error 0x800F081F`).
    labelled_code: bool,
    /// Its first symbolic name is of a family errdocs knows.
    known_family: bool,
    /// The value of its first hex code that fits 32 bits.
    hex: Option<u32>,
    /// Its first decimal number.
    decimal: Option<i64>,
    /// The number beside its code ([`super::shape::CellShape::number_span`]): its
    /// decimal, or the Win32 error in hex of `0x80070005 (0x5)`.
    beside_code: Option<i64>,
}

impl CellSummary {
    fn of(text: &str) -> Self {
        // A name in look-alike characters is summed up as its ASCII form,
        // which is ASCII: this recurses once at most.
        if let Some(ascii) = super::shape::lookalike_identifier(text) {
            return CellSummary::of(&ascii);
        }
        let shape = super::shape::brief_shape_of(text);
        let known_family = shape.shape.has_identifier()
            && shape
                .identifier_span()
                .and_then(|span| text.get(span))
                .is_some_and(|name| Family::of_name(name) != Family::Unknown);
        CellSummary {
            shape: shape.shape,
            hex_short: shape
                .tokens
                .iter()
                .any(|t| matches!(&t.token, Token::Hex(d) if is_short_form(d.as_str()))),
            leading_identifier: shape
                .tokens
                .first()
                .is_some_and(|t| t.token == Token::Identifier),
            known_family,
            name_before_text: shape.shape == Shape::Prose
                && shape
                    .tokens
                    .first()
                    .is_some_and(|t| t.token == Token::Identifier)
                && super::shape::name_before_text(text).is_some(),
            note_after_code: shape.shape == Shape::Hex
                && shape.tokens.len() == 2
                && super::shape::note_after_code(text).is_some(),
            labelled_code: shape.shape == Shape::Hex
                && matches!(
                    shape.tokens.as_slice(),
                    [label, code] if label.token == Token::Word && matches!(code.token, Token::Hex(_))
                ),
            hex: shape.tokens.iter().find_map(|t| match &t.token {
                Token::Hex(digits) => u32::from_str_radix(digits.as_str(), 16).ok(),
                _ => None,
            }),
            decimal: shape.tokens.iter().find_map(|t| match t.token {
                Token::Decimal(n) => Some(n),
                _ => None,
            }),
            beside_code: shape.number_span().and_then(|span| {
                shape.tokens.iter().find_map(|t| match &t.token {
                    _ if t.span != span => None,
                    Token::Decimal(n) => Some(*n),
                    Token::Hex(digits) => {
                        u32::from_str_radix(digits.as_str(), 16).ok().map(i64::from)
                    }
                    _ => None,
                })
            }),
        }
    }
}

impl Profile {
    fn of<'t>(cells: impl Iterator<Item = (&'t str, &'t CellSummary)>) -> Self {
        let mut p = Profile::default();
        for (text, cell) in cells {
            if cell.shape == Shape::Empty {
                continue;
            }
            p.non_empty += 1;
            p.text_chars += text.chars().count();
            let s = cell.shape;
            if s.has_hex() {
                p.hex += 1;
                if cell.hex_short {
                    p.hex_short += 1;
                }
            }
            if s.has_decimal() {
                p.decimal += 1;
            }
            if cell.decimal.is_some_and(|n| {
                (0x8000_0000..=0xFFFF_FFFF).contains(&n) || (i64::from(i32::MIN)..0).contains(&n)
            }) {
                p.hresult_sized += 1;
                if s.has_decimal() {
                    p.decimal_hresult_sized += 1;
                }
            }
            if s == Shape::Hex && cell.beside_code.is_some() {
                p.hex_and_decimal += 1;
            }
            if matches!(s, Shape::Decimal | Shape::Hex) {
                p.numeric += 1;
            }
            if cell.leading_identifier {
                p.leading_identifier += 1;
            }
            if cell.name_before_text {
                p.name_before_text += 1;
            }
            if cell.note_after_code {
                p.note_after_code += 1;
            }
            if cell.labelled_code {
                p.labelled_code += 1;
            }
            if s.has_identifier() {
                p.identifier += 1;
                if cell.known_family {
                    p.known_family += 1;
                }
            }
            match s {
                Shape::HexAndIdentifier => p.hex_and_identifier += 1,
                Shape::DecimalAndIdentifier => p.decimal_and_identifier += 1,
                Shape::Prose => p.prose += 1,
                _ => {}
            }
            let trimmed = text.trim();
            if trimmed.chars().nth(4).is_none() && !trimmed.bytes().any(|b| b.is_ascii_digit()) {
                p.placeholder += 1;
            }
            if trimmed.len() == 1 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
                p.one_digit += 1;
            }
            if (1..=8).contains(&trimmed.len()) && trimmed.bytes().all(|b| b.is_ascii_hexdigit()) {
                p.bare_hex += 1;
                if trimmed.bytes().any(|b| b.is_ascii_alphabetic()) {
                    p.bare_hex_letters += 1;
                }
            }
        }
        p
    }

    /// True when at least half the non-empty cells (and at least one) are
    /// counted by `n`.
    fn mostly(&self, n: usize) -> bool {
        n > 0 && n * 2 >= self.non_empty
    }

    /// Hex written bare: every cell a short run of hex digits, a letter in
    /// some (`0` ... `F`, `10`).
    fn is_bare_hex(&self) -> bool {
        self.non_empty > 0 && self.bare_hex == self.non_empty && self.bare_hex_letters > 0
    }
}

/// True for hex digits that read as a value with its leading zeros left
/// out (`2`, `240001`), rather than a code that lost a digit: up to six
/// digits, or seven that cannot begin a failure code (`0x8024200` lost
/// one).
pub fn is_short_form(digits: &str) -> bool {
    digits.len() <= 6
        || (digits.len() == 7
            && digits
                .as_bytes()
                .first()
                .is_some_and(|d| (b'0'..=b'7').contains(d)))
}

/// Words of headers, per role, in the languages seen so far: hints only.
/// Matched whole first, then as a part of the header, decimal words first
/// ("Decimal Error Code" contains "error code").
const DECIMAL_WORDS: &[&str] = &[
    "decimal",
    "dezimal",
    "十进制",
    "decimalt",
    "décimal",
    "(dec)",
    "(dez)",
    "十進位",
    "十進制",
    "10 進",
    "10進",
    "십진",
    "10진",
    "десятич",
    "dziesięt",
    "ondalık",
    "desítkov",
];
const CODE_EXACT: &[&str] = &[
    "error code",
    "code",
    "hresult",
    "错误代码",
    "错误码",
    "felkod",
    "fehlercode",
    "code d'erreur",
    "code d’erreur",
    "código de error",
    "código",
    "錯誤碼",
    "錯誤代碼",
    "エラー コード",
    "エラーコード",
    "오류 코드",
    "код ошибки",
    "kod błędu",
    "codice di errore",
    "código de erro",
    "hata kodu",
    "chybový kód",
    "foutcode",
    // What a program returns: installers', services' and command-line
    // tools' exit codes (`1603`, `3010`), Win32 errors, often in decimal
    // with no symbolic names; without a header that names the codes, such
    // a column reads as numbers of no kind and the table as no code table
    // at all. Not "Return value": an API's return values are its own small
    // numbers (`0`, `1`), which two tables of one page would give twice.
    "exit code",
    "return code",
    "exit status",
    "errorlevel",
    "exitcode",
    "beendigungscode",
    "rückgabecode",
    "code de sortie",
    "code de retour",
    "código de salida",
    "código de retorno",
    "código de saída",
    "codice di uscita",
    "codice restituito",
    "kod zakończenia",
    "kod wyjścia",
    "kod powrotu",
    "код выхода",
    "код завершения",
    "код возврата",
    "çıkış kodu",
    "dönüş kodu",
    "afsluitcode",
    "retourcode",
    "ukončovací kód",
    "návratový kód",
    "終了コード",
    "戻りコード",
    "退出代码",
    "退出代碼",
    "返回代码",
    "返回码",
    "傳回碼",
    "종료 코드",
    "반환 코드",
    "リターン コード",
    "退出码",
    "結束代碼",
    "returkod",
    "slutkod",
    // Windows setup's result codes, in the languages its troubleshooting
    // pages are translated into.
    "result code",
    "ergebniscode",
    "code de résultat",
    "código de resultado",
    "codice risultato",
    "resultatkod",
    "結果コード",
    "结果代码",
    "結果代碼",
    "код результата",
];
const CODE_WORDS: &[&str] = &["hex", "十六进制", "十六進位", "16 進", "16進", "шестнадцат"];
const NAME_EXACT: &[&str] = &[
    "symbolic name",
    "error string",
    "name",
    "constant",
    "symbol",
    "符号名称",
    "符号名",
    "symboliskt namn",
    "symbolischer name",
    "nom symbolique",
];
const NAME_WORDS: &[&str] = &["symbol", "error string", "符号"];
const DESCRIPTION_EXACT: &[&str] = &[
    "description",
    "more information",
    "details",
    "更多信息",
    "说明",
    "描述",
    "mer information",
    "beskrivning",
    "weitere informationen",
    "beschreibung",
];
const DESCRIPTION_WORDS: &[&str] = &["description", "information", "beschreib", "beskriv", "说明"];

/// Header words of a text column that says what a code means, though
/// not in the words of [`DESCRIPTION_EXACT`]: a message, a meaning, the
/// issue.
const MESSAGE_WORDS: &[&str] = &[
    "message",
    "meaning",
    "issue",
    "problem",
    "significado",
    "signification",
    "bedeutung",
    "meldung",
    "messaggio",
    "significato",
    "mensagem",
    "mensaje",
    "komunikat",
    "znaczenie",
    "сообщение",
    "значение",
    "訊息",
    "消息",
    "メッセージ",
    "意味",
    "問題",
    "问题",
    "메시지",
    "의미",
];
/// Header words of a text column that says what to do about a code: its
/// remedy, however long, is not what the code means.
const REMEDY_WORDS: &[&str] = &[
    "solution",
    "resolution",
    "remediation",
    "mitigation",
    "workaround",
    "action",
    "steps",
    "what to do",
    "troubleshoot",
    "solución",
    "resolución",
    "lösung",
    "abhilfe",
    "maßnahme",
    "résolution",
    "soluzione",
    "risoluzione",
    "solução",
    "resolução",
    "rozwiązanie",
    "решение",
    "補救",
    "疑難排解",
    "解決",
    "解决",
    "对策",
    "対処",
    "해결",
];

/// How well a text column's header says it holds the description, where
/// it does not say so outright ([`role_of_header`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DescriptionTier {
    /// It names a remedy: the description only where nothing else is.
    Remedy,
    /// It says nothing of the kind.
    Neutral,
    /// It names a message or a meaning.
    Message,
}

/// The [`DescriptionTier`] of a header.
fn description_tier(header: &str) -> DescriptionTier {
    let text = header.to_lowercase();
    // A word of letters counts where a word starts (`Action`, `Actions`,
    // not `Transaction`); words of scripts written without spaces count
    // anywhere.
    let starts_a_word = |at: usize| {
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    };
    let has = |list: &[&str]| {
        list.iter().any(|w| {
            text.match_indices(w)
                .any(|(at, _)| !w.is_ascii() || starts_a_word(at))
        })
    };
    if has(REMEDY_WORDS) {
        DescriptionTier::Remedy
    } else if has(MESSAGE_WORDS) {
        DescriptionTier::Message
    } else {
        DescriptionTier::Neutral
    }
}

/// The role a header's words name, if any.
pub fn role_of_header(header: &str) -> ColumnRole {
    // "hexadecimal" contains "decimal": read it as "hex" first.
    let text: String = header
        .trim()
        .trim_end_matches(':')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace("hexadecimal", "hex")
        .replace("hexadécimal", "hex")
        .replace("hexadezimal", "hex")
        .replace("esadecimale", "hex");
    let exact = |list: &[&str]| list.contains(&text.as_str());
    let contains = |list: &[&str]| list.iter().any(|w| text.contains(w));
    if contains(DECIMAL_WORDS) {
        ColumnRole::Decimal
    } else if exact(CODE_EXACT) || contains(CODE_WORDS) {
        ColumnRole::Code
    } else if exact(NAME_EXACT) || contains(NAME_WORDS) {
        ColumnRole::Name
    } else if exact(DESCRIPTION_EXACT) || contains(DESCRIPTION_WORDS) {
        ColumnRole::Description
    } else {
        ColumnRole::Other
    }
}

/// True when a header's words name its role beyond doubt ("Hexadecimal",
/// "Decimal", "Symbolic name", "Description"), as against words that pages
/// use loosely: "Error code" heads the symbolic names of many Win32 pages.
pub fn header_is_specific(header: &str) -> bool {
    let text = header.trim().to_lowercase();
    let role = role_of_header(header);
    match role {
        ColumnRole::Code => CODE_WORDS.iter().any(|w| text.contains(w)) || text.contains("hex"),
        ColumnRole::Other => false,
        _ => true,
    }
}

/// Roles from the header alone, a role claimed twice keeping its first
/// column: what a table with no data rows can be read by.
pub fn roles_of_headers<'a>(headers: impl IntoIterator<Item = &'a str>) -> Vec<ColumnRole> {
    let mut seen = Vec::new();
    headers
        .into_iter()
        .map(|h| {
            let role = role_of_header(h);
            if role != ColumnRole::Other && seen.contains(&role) {
                ColumnRole::Other
            } else {
                seen.push(role);
                role
            }
        })
        .collect()
}

/// `n of m cells` in words.
fn of(n: usize, m: usize, what: &str) -> String {
    if n == m {
        format!("all {m} cells are {what}")
    } else {
        format!("{n} of {m} cells are {what}")
    }
}

/// Why a column is read as the Win32 errors inside the codes, from the
/// rows that state a number beside a `FACILITY_WIN32` code and those that
/// state the error inside it.
fn win32_reason((stated, matching): (usize, usize)) -> String {
    if matching == stated {
        format!(
            "all {stated} numbers beside FACILITY_WIN32 codes (0x8007xxxx) are the Win32 errors inside them (their low 16 bits)"
        )
    } else {
        format!(
            "{matching} of the {stated} numbers beside FACILITY_WIN32 codes (0x8007xxxx) are the Win32 errors inside them (their low 16 bits)"
        )
    }
}

/// Decides the roles of a table's columns from its header (`headers`, one
/// per column; empty strings where there is none) and its data cells
/// (`rows[i][j]`, plain text). Rows shorter than the header have their
/// missing cells read as empty.
pub fn plan<'a>(headers: &[&str], rows: &[Vec<&'a str>]) -> TablePlan {
    let specific: Vec<bool> = headers.iter().map(|h| header_is_specific(h)).collect();
    let width = headers
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let header_roles = roles_of_headers((0..width).map(|j| headers.get(j).copied().unwrap_or("")));
    // One summary per cell, row by row (`width` per row).
    let cell_text = |row: &[&'a str], j: usize| row.get(j).copied().unwrap_or("");
    let summaries: Vec<CellSummary> = rows
        .iter()
        .flat_map(|row| (0..width).map(|j| CellSummary::of(cell_text(row, j))))
        .collect();
    let summaries_of = |j: usize| summaries.iter().skip(j).step_by(width.max(1));
    let mut profiles: Vec<Profile> = (0..width)
        .map(|j| {
            Profile::of(
                rows.iter()
                    .map(|row| cell_text(row, j))
                    .zip(summaries_of(j)),
            )
        })
        .collect();
    // A code under a one-word label (`Error 0x800F081F`) is a code where
    // the table writes its codes so; beside a column of codes of their own,
    // a word and a code (`See 0x80240002.`) is a description that points
    // to another code.
    let plain_codes = |p: &Profile| p.mostly(p.hex - p.labelled_code);
    if profiles.iter().any(plain_codes) {
        for p in profiles.iter_mut().filter(|p| !plain_codes(p)) {
            p.hex -= p.labelled_code;
            p.prose += p.labelled_code;
            p.labelled_code = 0;
        }
    }
    // For each pair of columns, the rows whose decimal number (in the
    // second) is a form of the hex code (in the first): a decimal column
    // restates the codes, a column of other numbers (TLS alert numbers
    // beside Schannel errors) does not.
    let related = |code: usize, number: usize| -> usize {
        summaries_of(code)
            .zip(summaries_of(number))
            .filter(|(code, number)| match (code.hex, number.decimal) {
                (Some(hex), Some(n)) => {
                    let hex = i64::from(hex);
                    let signed = i64::from(hex as u32 as i32);
                    n == hex
                        || n == signed
                        || n == hex - (1_i64 << 32)
                        || signed.to_string().starts_with(&n.to_string())
                }
                _ => false,
            })
            .count()
    };
    // For one column whose cells write a hex code and a decimal number,
    // the rows whose number is sized like the code's value: one of its
    // forms, or a number with as many digits as one (a decimal mistyped,
    // `0x80070057<br>-2147024000`). A Win32 error or an ordinal beside an
    // HRESULT (`0x80070005 (5)`) is shorter by far.
    let sized_like_code = |j: usize| -> usize {
        let digits = |n: i64| n.unsigned_abs().to_string().len();
        summaries_of(j)
            // The number beside the code: of several decimals, the one of
            // the whole code (`3707 -2146824581 0x800A0E7B`).
            .filter(|cell| {
                match (
                    cell.hex,
                    cell.decimal.map(|d| cell.beside_code.unwrap_or(d)),
                ) {
                    (Some(hex), Some(n)) => {
                        let unsigned = i64::from(hex);
                        let signed = i64::from(hex as i32);
                        n == unsigned
                            || n == signed
                            || digits(n) == digits(unsigned)
                            || digits(n) == digits(signed)
                    }
                    _ => false,
                }
            })
            .count()
    };
    // For a pair of columns, the rows whose code (in the first) is a
    // `FACILITY_WIN32` HRESULT and whose second cell states a number, and
    // of those the ones whose number is the Win32 error inside the code
    // (its low 16 bits, in decimal or hex). In one column (`0x80070005
    // (5)`), the number is the decimal beside the code.
    let wrapped = |code: usize, number: usize| -> (usize, usize) {
        summaries_of(code)
            .zip(summaries_of(number))
            .filter_map(|(code_cell, number_cell)| {
                let hex = code_cell.hex.filter(|h| h & 0xFFFF_0000 == 0x8007_0000)?;
                let stated = if code == number {
                    number_cell.beside_code
                } else {
                    number_cell.decimal.or(number_cell.hex.map(i64::from))
                }?;
                Some(stated == i64::from(hex & 0xFFFF))
            })
            .fold((0, 0), |(stated, matching), wraps| {
                (stated + 1, matching + usize::from(wraps))
            })
    };
    let win32_header: Vec<bool> = (0..width)
        .map(|j| headers.get(j).is_some_and(|h| names_win32(h)))
        .collect();
    // A column of Win32 errors: most of the numbers it states beside
    // `FACILITY_WIN32` codes are the errors inside them, and two at least:
    // a column of ordinals or counts matches one such code by chance, not
    // most of them. Under a header that says "Win32", half of them, and
    // one, will do.
    let holds_win32 = |code: usize, number: usize| {
        let (stated, matching) = wrapped(code, number);
        let says_win32 = win32_header.get(number) == Some(&true);
        (matching >= 2 && matching * 2 > stated)
            || (says_win32 && matching >= 1 && matching * 2 >= stated)
    };
    let win32 = Win32Evidence {
        holds: &holds_win32,
        counts: &wrapped,
    };
    let tiers: Vec<DescriptionTier> = (0..width)
        .map(|j| description_tier(headers.get(j).copied().unwrap_or("")))
        .collect();
    decide(
        &header_roles,
        &tiers,
        &specific,
        &profiles,
        &related,
        &sized_like_code,
        &win32,
    )
}

/// True when a header names the Win32 errors (`Win32 error`, `Código
/// Win32`, `ERROR_ code`): a hint that lets fewer matching rows decide a
/// Win32 column, never a role by itself.
fn names_win32(header: &str) -> bool {
    let text = header.to_lowercase();
    text.contains("win32") || text.contains("error_")
}

/// How the rows of a pair of columns read as codes and the Win32 errors
/// inside them (see `plan`).
struct Win32Evidence<'a> {
    /// True when the second column holds the Win32 errors of the first's
    /// codes.
    holds: &'a dyn Fn(usize, usize) -> bool,
    /// The rows that state a number beside a `FACILITY_WIN32` code, and
    /// those whose number is the error inside it.
    counts: &'a dyn Fn(usize, usize) -> (usize, usize),
}

/// Picks the best column among `candidates` by `score`, ties broken by the
/// header naming `role`, then by the leftmost column.
fn best(
    candidates: impl Iterator<Item = usize>,
    score: impl Fn(usize) -> (usize, usize),
    header_roles: &[ColumnRole],
    role: ColumnRole,
) -> Option<usize> {
    candidates.max_by(|&a, &b| {
        let key = |j: usize| {
            let (primary, secondary) = score(j);
            (primary, secondary, header_roles.get(j) == Some(&role))
        };
        key(a).cmp(&key(b)).then(b.cmp(&a))
    })
}

fn decide(
    header_roles: &[ColumnRole],
    description_tiers: &[DescriptionTier],
    specific: &[bool],
    profiles: &[Profile],
    related: &dyn Fn(usize, usize) -> usize,
    sized_like: &dyn Fn(usize) -> usize,
    win32: &Win32Evidence,
) -> TablePlan {
    let width = profiles.len();
    let mut taken = vec![false; width];
    let mut columns: Vec<ColumnPlan> = Vec::new();
    let mut forms = CodeForms::default();
    let header_has = |role| header_roles.contains(&role);

    // The code: a column of hex codes, else a column of bare hex digits,
    // else (no hex anywhere) a column of whole numbers next to names. Of
    // two columns of hex, one may hold the Win32 errors inside the other's
    // HRESULTs (`0x57` beside `0x80070057`): that one is not the code.
    // A digit alone reads the same either way: beside whole codes in hex it
    // neither makes the column one of decimals nor keeps it from being hex
    // (`0`, `1` and `0x80004005`, a method's S_OK, S_FALSE and E_FAIL).
    // Beside short hex only (`0x2` among settings), it counts for nothing.
    let hex_candidates = || {
        (0..width).filter(|&j| {
            let p = &profiles[j];
            p.mostly(p.hex) || (p.hex > p.hex_short && p.mostly(p.hex + p.one_digit))
        })
    };
    let by_share = |j: usize| {
        (
            profiles[j].hex * 100 / profiles[j].non_empty.max(1),
            profiles[j].hex,
        )
    };
    let first_pick = best(hex_candidates(), by_share, header_roles, ColumnRole::Code);
    // The column picked yields to one whose codes it holds the errors of:
    // one pass over the other columns, not one per pair of them, so that a
    // table of many hex columns stays linear in its cells.
    let hex_column = first_pick.map(|picked| {
        best(
            hex_candidates().filter(|&k| k != picked && (win32.holds)(k, picked)),
            by_share,
            header_roles,
            ColumnRole::Code,
        )
        .unwrap_or(picked)
    });
    let bare_hex_column = || {
        best(
            (0..width).filter(|&j| {
                let p = &profiles[j];
                // Digits under a header that says "Hex" are hex too: 10 is
                // 0x10 there.
                let hex_header = specific.get(j).copied().unwrap_or(false)
                    && header_roles.get(j) == Some(&ColumnRole::Code);
                p.is_bare_hex() || (hex_header && p.non_empty > 0 && p.bare_hex == p.non_empty)
            }),
            |j| (profiles[j].bare_hex, 0),
            header_roles,
            ColumnRole::Code,
        )
    };
    let code = match hex_column {
        Some(j) => {
            let p = &profiles[j];
            forms.short_hex = p.hex_short * 2 > p.hex;
            // The rest of the column's codes written in decimal, each a
            // number sized like an error HRESULT (`3400073293` below
            // `2149056536 (0x80180018)`): those numbers are the codes, the
            // same values in another base, not hex digits that lost `0x`.
            forms.mixed = p.decimal > 0 && p.decimal_hresult_sized == p.decimal;
            let mut reason = of(p.hex, p.non_empty, "hex codes");
            if forms.mixed {
                reason.push_str(&format!(
                    "; {} more are a number sized like an error HRESULT, the code in decimal",
                    p.decimal
                ));
            }
            Some((j, ColumnRole::Code, reason))
        }
        None => match bare_hex_column() {
            Some(j) => {
                forms.short_hex = true;
                let p = &profiles[j];
                Some((
                    j,
                    ColumnRole::Code,
                    format!(
                        "{}, written without `0x` ({} with a letter A to F)",
                        of(p.bare_hex, p.non_empty, "hex digits"),
                        p.bare_hex_letters
                    ),
                ))
            }
            None => None,
        },
    };
    let mut code_column = None;
    if let Some((j, role, reason)) = code {
        taken[j] = true;
        code_column = Some(j);
        columns.push(ColumnPlan {
            source: j,
            part: Part::Hex,
            role,
            reason,
        });
    }

    // The Win32 errors inside the codes (`87` or `0x57` beside
    // `0x80070057`), whatever the header says: read from what the cells
    // hold, so that a wrong one is reported rather than left as other text.
    let win32_column = code_column.and_then(|code| {
        best(
            (0..width).filter(|&j| {
                // Numbers, and a mark (`—`, `N/A`) where a code wraps no
                // Win32 error.
                let p = &profiles[j];
                !taken[j] && p.mostly(p.numeric + p.placeholder) && (win32.holds)(code, j)
            }),
            |j| ((win32.counts)(code, j).1, profiles[j].numeric),
            header_roles,
            ColumnRole::Win32,
        )
        .map(|j| (code, j))
    });
    if let Some((code, j)) = win32_column {
        taken[j] = true;
        columns.push(ColumnPlan {
            source: j,
            part: Part::Whole,
            role: ColumnRole::Win32,
            reason: win32_reason((win32.counts)(code, j)),
        });
    }

    // A decimal column: beside the hex codes, or, without them, the code.
    let decimal_column = best(
        (0..width).filter(|&j| {
            let p = &profiles[j];
            // Beside hex codes, a decimal column is theirs when its numbers
            // are mostly forms of them, or when its header says it is
            // (then every wrong one is reported).
            let restates = match code_column {
                Some(code) => {
                    related(code, j) * 2 >= p.decimal
                        || header_roles.get(j) == Some(&ColumnRole::Decimal)
                }
                None => true,
            };
            !taken[j] && p.mostly(p.decimal) && restates
        }),
        |j| {
            (
                profiles[j].decimal * 100 / profiles[j].non_empty.max(1),
                profiles[j].decimal,
            )
        },
        header_roles,
        ColumnRole::Decimal,
    );
    // No decimal column, but the codes are written both ways in their
    // cells (`87 (0x57)`): the numbers are the decimal column, so that a
    // cell whose two forms disagree is reported as a decimal column that
    // disagrees with its code would be.
    // Only where the numbers are mostly sized like the codes' values (equal
    // to one of their forms, or as many digits long: a mistyped decimal is
    // still the decimal): `0x80070005 (5)` writes the Win32 code inside the
    // HRESULT, another number.
    let decimal_in_code = code_column.filter(|&j| {
        decimal_column.is_none()
            && profiles[j].mostly(profiles[j].hex_and_decimal)
            && sized_like(j) * 2 > profiles[j].hex_and_decimal
    });
    if let Some(j) = decimal_in_code {
        columns.push(ColumnPlan {
            source: j,
            part: Part::Number,
            role: ColumnRole::Decimal,
            reason: format!(
                "{}: the numbers are read as the decimal column",
                of(
                    profiles[j].hex_and_decimal,
                    profiles[j].non_empty,
                    "a decimal number and a hex code"
                )
            ),
        });
    }
    // No column of Win32 errors, but the codes' cells write them beside
    // the codes (`0x80070005 (5)`): those numbers are the Win32 column.
    let win32_in_code = code_column.filter(|&j| {
        decimal_in_code.is_none()
            && win32_column.is_none()
            && profiles[j].mostly(profiles[j].hex_and_decimal)
            && (win32.holds)(j, j)
    });
    if let Some(j) = win32_in_code {
        columns.push(ColumnPlan {
            source: j,
            part: Part::Number,
            role: ColumnRole::Win32,
            reason: format!(
                "{}: the numbers are read as the Win32 column",
                win32_reason((win32.counts)(j, j))
            ),
        });
    }
    if let Some(j) = decimal_column {
        taken[j] = true;
        let p = &profiles[j];
        let mut reason = of(p.decimal, p.non_empty, "whole numbers");
        if code_column.is_none() {
            forms.decimal_codes = true;
            reason.push_str(if p.hex > 0 {
                "; too few cells write a hex code to make a column of them, so the numbers are the codes"
            } else {
                "; the table has no hex codes, so they are the codes"
            });
        }
        columns.push(ColumnPlan {
            source: j,
            part: Part::Number,
            role: ColumnRole::Decimal,
            reason,
        });
    }

    // The name: a column of symbolic names, the one whose names errdocs
    // knows best; else the names inside the code (or number) column.
    let says_name = |j: usize| {
        header_roles.get(j) == Some(&ColumnRole::Name) && specific.get(j).copied().unwrap_or(false)
    };
    let name_column = best(
        (0..width).filter(|&j| {
            let p = &profiles[j];
            !taken[j]
                && p.hex == 0
                && p.decimal_and_identifier * 2 < p.non_empty.max(1)
                // Names; or, under a header that says so, cells that begin
                // with a name and add a note.
                && (p.mostly(p.identifier) || (says_name(j) && p.mostly(p.leading_identifier)))
        }),
        |j| {
            (
                profiles[j].identifier * 100 / profiles[j].non_empty.max(1),
                profiles[j].known_family,
            )
        },
        header_roles,
        ColumnRole::Name,
    );
    match name_column {
        Some(j) => {
            taken[j] = true;
            let p = &profiles[j];
            let (part, reason) = if p.mostly(p.identifier) {
                (Part::Name, of(p.identifier, p.non_empty, "symbolic names"))
            } else {
                (
                    Part::LeadingName,
                    format!(
                        "the header says so, and {}",
                        of(
                            p.leading_identifier,
                            p.non_empty,
                            "a symbolic name and a note"
                        )
                    ),
                )
            };
            columns.push(ColumnPlan {
                source: j,
                part,
                role: ColumnRole::Name,
                reason,
            });
        }
        None => {
            // Names written with their code in one cell. Where only some
            // codes have one (`2149056536 (0x80180018)<br>MENROLL_E_X`
            // above a bare `3400073293`), those rows still have it: two
            // such cells show the column writes names so.
            let named = |p: &Profile| p.hex_and_identifier + p.decimal_and_identifier;
            let carrier = code_column
                .filter(|&j| profiles[j].mostly(profiles[j].hex_and_identifier))
                .or_else(|| {
                    decimal_column
                        .filter(|&j| profiles[j].mostly(profiles[j].decimal_and_identifier))
                })
                .or_else(|| {
                    let partial = code_column
                        .or(decimal_column)
                        .filter(|&j| named(&profiles[j]) >= 2);
                    forms.names_optional = partial.is_some();
                    partial
                });
            if let Some(j) = carrier {
                let p = &profiles[j];
                columns.push(ColumnPlan {
                    source: j,
                    part: Part::Name,
                    role: ColumnRole::Name,
                    reason: format!(
                        "{}: the name is read from them",
                        of(
                            p.hex_and_identifier + p.decimal_and_identifier,
                            p.non_empty,
                            "a code with its symbolic name"
                        )
                    ),
                });
            }
        }
    }

    // The description: the header's, else the longest text of the rest.
    let prose = |j: usize| !taken[j] && profiles[j].mostly(profiles[j].prose);
    let described = (0..width)
        .find(|&j| prose(j) && header_roles[j] == ColumnRole::Description)
        .map(|j| (j, "the header says so, and its cells are text".to_string()))
        .or_else(|| {
            // The column that describes most rows, then the one with the
            // most text: a long column that is mostly empty ("What to do")
            // loses to the one with a text on every row.
            // Of those, a column whose header names the message beats
            // one whose header names the remedy: the steps to take are
            // often the longest text of a row, but they say what to do,
            // not what the code means.
            let rows = profiles.iter().map(|p| p.non_empty).max().unwrap_or(0);
            let tier = |j: usize| {
                description_tiers
                    .get(j)
                    .copied()
                    .unwrap_or(DescriptionTier::Neutral)
            };
            let by = |with_tier: bool| {
                move |j: usize| {
                    (
                        profiles[j].non_empty * 2 >= rows,
                        if with_tier {
                            tier(j)
                        } else {
                            DescriptionTier::Neutral
                        },
                        profiles[j].text_chars,
                    )
                }
            };
            let best = |with_tier: bool| {
                let key = by(with_tier);
                (0..width)
                    .filter(|&j| prose(j))
                    .max_by(|&a, &b| key(a).cmp(&key(b)).then(b.cmp(&a)))
            };
            let longest = best(false);
            best(true).map(|j| {
                let counted = format!(
                    "{} characters in {} cells",
                    profiles[j].text_chars, profiles[j].non_empty
                );
                let reason = if Some(j) == longest {
                    format!("the most text: {counted}")
                } else {
                    format!(
                        "its header names a message or a meaning, where the column with more text names a remedy or neither: {counted}"
                    )
                };
                (j, reason)
            })
        });
    // No column describes the codes, but some codes are followed by a
    // note (`0x80240002 - The agent failed.`): those notes are all the
    // page says about them, kept as their descriptions.
    let noted = code_column.filter(|&j| profiles[j].note_after_code > 0);
    if let (None, Some(j)) = (&described, noted) {
        columns.push(ColumnPlan {
            source: j,
            part: Part::NoteAfterCode,
            role: ColumnRole::Description,
            reason: format!(
                "no column describes the codes, and {}: the notes are read as descriptions",
                of(
                    profiles[j].note_after_code,
                    profiles[j].non_empty,
                    "a code, then a dash and a note"
                )
            ),
        });
    }
    if let Some((j, reason)) = described {
        taken[j] = true;
        // No column names the codes, and the descriptions start with
        // names (`DO_E_X: text`): the names are read from them. Only when
        // more than half of them do, so a description that happens to
        // open with a symbol (`E_FAIL: see above`) among plain ones is left
        // whole.
        let p = &profiles[j];
        let named = !columns.iter().any(|c| c.role == ColumnRole::Name)
            && p.name_before_text * 2 > p.non_empty;
        if named {
            columns.push(ColumnPlan {
                source: j,
                part: Part::NameBeforeText,
                role: ColumnRole::Name,
                reason: format!(
                    "{}: the name is read from them",
                    of(
                        p.name_before_text,
                        p.non_empty,
                        "a symbolic name, then `:` or a dash and a description"
                    )
                ),
            });
        }
        columns.push(ColumnPlan {
            source: j,
            part: if named {
                Part::TextAfterName
            } else {
                Part::Whole
            },
            role: ColumnRole::Description,
            reason,
        });
    }
    // An empty column is what its header says, where no other column is.
    for j in 0..width {
        if taken[j] || profiles[j].non_empty > 0 {
            continue;
        }
        let role = header_roles[j];
        if matches!(
            role,
            ColumnRole::Name | ColumnRole::Description | ColumnRole::Decimal
        ) && !columns.iter().any(|c| c.role == role)
        {
            taken[j] = true;
            columns.push(ColumnPlan {
                source: j,
                part: Part::Whole,
                role,
                reason: "empty; the header says so".to_string(),
            });
        }
    }
    for j in (0..width).filter(|&j| !taken[j]) {
        columns.push(ColumnPlan {
            source: j,
            part: Part::Whole,
            role: ColumnRole::Other,
            reason: if profiles[j].non_empty == 0 {
                "empty".to_string()
            } else {
                "not needed for a code, name or description".to_string()
            },
        });
    }
    columns.sort_by_key(|c| {
        (
            c.source,
            !matches!(
                c.part,
                Part::Name | Part::LeadingName | Part::NameBeforeText
            ),
        )
    });

    let has_code = code_column.is_some() || forms.decimal_codes;
    let has_name_or_text = columns
        .iter()
        .any(|c| matches!(c.role, ColumnRole::Name | ColumnRole::Description));
    let any_rows = profiles.iter().any(|p| p.non_empty > 0);
    // SDK return-value tables head a column of constants' names with
    // the kind of value they are (`HRESULT | Description`, `Return code |
    // Description`): a table of names without codes, not a code column
    // whose codes went missing.
    let names_under_code_header = (0..width)
        .filter(|&j| header_roles[j] == ColumnRole::Code)
        .all(|j| {
            let p = &profiles[j];
            p.mostly(p.leading_identifier.max(p.identifier)) && p.hex == 0 && p.decimal == 0
        });
    let kind = if has_code && (code_column.is_some() || has_name_or_text) {
        TableKind::Codes
    } else if header_has(ColumnRole::Code) && any_rows && !names_under_code_header {
        TableKind::Unreadable
    } else {
        TableKind::NoCodes
    };
    // A decimal code column needs names beside it to be a code table: a
    // column of numbers alone (counts, versions) is not one. Numbers sized
    // like error HRESULTs are codes without names (`3400073293 | ADAL
    // request failed`): no count or version is that large.
    let hresult_numbers =
        decimal_column.is_some_and(|j| profiles[j].mostly(profiles[j].hresult_sized));
    let kind = if kind == TableKind::Codes
        && forms.decimal_codes
        && !columns.iter().any(|c| c.role == ColumnRole::Name)
    {
        if header_has(ColumnRole::Code) || hresult_numbers {
            TableKind::Codes
        } else {
            TableKind::NoCodes
        }
    } else {
        kind
    };

    let mut header_mismatches = Vec::new();
    if kind == TableKind::Codes {
        for c in &columns {
            let header_says = header_roles[c.source];
            if header_says == ColumnRole::Other || header_says == c.role {
                continue;
            }
            // Loose words ("Error code" over the names of a Win32 page, or
            // "Code" over its numbers) are how pages are written, not a
            // mistake.
            let loose = !specific.get(c.source).copied().unwrap_or(false);
            if loose
                && header_says == ColumnRole::Code
                && matches!(c.role, ColumnRole::Name | ColumnRole::Decimal)
            {
                continue;
            }
            // The Win32 error inside a code is a code, and a number, as
            // headers say (`Win32 code (hex)`, `Win32 (decimal)`).
            if c.role == ColumnRole::Win32
                && matches!(header_says, ColumnRole::Code | ColumnRole::Decimal)
            {
                continue;
            }
            // A split column holds both; the decimal code of a table
            // without hex is the "code" its header says.
            if columns
                .iter()
                .any(|other| other.source == c.source && other.role == header_says)
                || (header_says == ColumnRole::Code
                    && c.role == ColumnRole::Decimal
                    && forms.decimal_codes)
                || (header_says == ColumnRole::Description && c.role == ColumnRole::Other)
            {
                continue;
            }
            let p = &profiles[c.source];
            let holding = |role: ColumnRole| match role {
                ColumnRole::Code => p.hex.max(p.bare_hex),
                ColumnRole::Decimal => p.decimal,
                ColumnRole::Win32 => p.numeric,
                ColumnRole::Name => p.identifier,
                _ => p.prose,
            };
            // A column read as none of the roles holds "something else"
            // in each cell that is not what its header says: counted as
            // prose, a `Name` column of codes was "0 of its 1 cells".
            let count = match c.role {
                ColumnRole::Other => p.non_empty.saturating_sub(holding(header_says)),
                role => holding(role),
            };
            header_mismatches.push(HeaderMismatch {
                column: c.source,
                header_says,
                content_is: c.role,
                evidence: (p.non_empty, count),
            });
        }
    }
    TablePlan {
        kind,
        columns,
        forms,
        header_mismatches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn description_tiers_match_words_not_parts_of_words() {
        assert_eq!(description_tier("Action"), DescriptionTier::Remedy);
        assert_eq!(
            description_tier("Recommended actions"),
            DescriptionTier::Remedy
        );
        assert_eq!(description_tier("Transaction"), DescriptionTier::Neutral);
        assert_eq!(description_tier("Error message"), DescriptionTier::Message);
        assert_eq!(description_tier("Tissue"), DescriptionTier::Neutral);
        assert_eq!(description_tier("錯誤訊息"), description_tier("訊息"));
    }
    use ColumnRole::*;

    fn roles(plan: &TablePlan) -> Vec<(usize, ColumnRole)> {
        plan.columns.iter().map(|c| (c.source, c.role)).collect()
    }

    #[test]
    fn headers_of_every_seed_language() {
        let cases = [
            ("Error code", Code),
            ("Symbolic name", Name),
            ("More information", Description),
            ("错误代码", Code),
            ("符号名称", Name),
            ("更多信息", Description),
            ("Felkod", Code),
            ("Symboliskt namn", Name),
            ("Mer information", Description),
            ("Fehlercode", Code),
            ("Symbolischer Name", Name),
            ("Weitere Informationen", Description),
            ("Hexadecimal Error Code", Code),
            ("Hexadecimal error code", Code),
            ("Decimal Error Code", Decimal),
            ("Error String", Name),
            ("Description", Description),
            ("Colour", Other),
            ("Error   code (Hex)", Code),
            ("Fehlercode (Dez)", Decimal),
        ];
        for (header, role) in cases {
            assert_eq!(role_of_header(header), role, "{header}");
        }
    }

    #[test]
    fn content_decides_in_a_language_without_words() {
        // Finnish headers errdocs has no words for.
        let plan = super::plan(
            &["Virhekoodi", "Symbolinen nimi", "Kuvaus"],
            &[
                vec![
                    "0x80240001",
                    "WU_E_NO_SERVICE",
                    "Agentti ei voinut tarjota palvelua.",
                ],
                vec![
                    "0x80240002",
                    "WU_E_MAX_CAPACITY_REACHED",
                    "Palvelun enimmäiskapasiteetti ylittyi.",
                ],
            ],
        );
        assert_eq!(plan.kind, TableKind::Codes);
        assert_eq!(roles(&plan), [(0, Code), (1, Name), (2, Description)]);
        assert!(plan.header_mismatches.is_empty());
    }

    #[test]
    fn a_header_that_names_the_wrong_column_loses() {
        let plan = super::plan(
            &["Error code", "Value", "Description"],
            &[
                vec!["E_FILENOTFOUND", "0x80070002", "File or path is not found."],
                vec![
                    "ERROR_BAD_FORMAT",
                    "0x8007000B",
                    "The package isn't correctly formatted.",
                ],
            ],
        );
        assert_eq!(roles(&plan), [(0, Name), (1, Code), (2, Description)]);
        // "Error code" heads the names of many Win32 pages: loose, not wrong.
        assert!(plan.header_mismatches.is_empty());
        let plan = super::plan(
            &["Hexadecimal error code", "Symbolic name", "Description"],
            &[
                vec![
                    "WU_E_NO_SERVICE",
                    "0x80240001",
                    "The agent could not provide the service.",
                ],
                vec![
                    "WU_E_MAX_CAPACITY_REACHED",
                    "0x80240002",
                    "The maximum capacity was exceeded.",
                ],
            ],
        );
        assert_eq!(roles(&plan), [(0, Name), (1, Code), (2, Description)]);
        let said: Vec<(usize, ColumnRole, ColumnRole)> = plan
            .header_mismatches
            .iter()
            .map(|m| (m.column, m.header_says, m.content_is))
            .collect();
        assert_eq!(said, [(0, Code, Name), (1, Name, Code)]);
    }

    #[test]
    fn a_column_read_as_none_counts_what_its_header_does_not_say() {
        let plan = super::plan(
            &["Code", "Name", "Description"],
            &[
                vec!["0x80240001", "0x80240002", "0x80240003"],
                vec!["0x80240004", "0x80240005", "Text."],
            ],
        );
        let name = plan
            .header_mismatches
            .iter()
            .find(|m| m.column == 1)
            .expect("the Name column is said");
        assert_eq!((name.content_is, name.evidence), (Other, (2, 2)));
    }

    #[test]
    fn composite_cells_are_split() {
        let plan = super::plan(
            &["Constant/value", "Description"],
            &[
                vec!["E_UNEXPECTED 0x8000FFFF", "Catastrophic failure"],
                vec!["E_NOTIMPL 0x80004001", "Not implemented"],
            ],
        );
        assert_eq!(plan.kind, TableKind::Codes);
        let parts: Vec<(usize, Part, ColumnRole)> = plan
            .columns
            .iter()
            .map(|c| (c.source, c.part, c.role))
            .collect();
        assert_eq!(
            parts,
            [
                (0, Part::Name, Name),
                (0, Part::Hex, Code),
                (1, Part::Whole, Description)
            ]
        );
        // A number with its name: the number is the code.
        let plan = super::plan(
            &["Status code", "Error message", "What to do"],
            &[
                vec![
                    "10 (APP_CI_ENFORCEMENT_IN_PROGRESS)",
                    "Installation in progress",
                    "",
                ],
                vec!["20 (APP_CI_ENFORCEMENT_WAITING)", "Waiting for content", ""],
            ],
        );
        assert_eq!(plan.kind, TableKind::Codes);
        assert!(plan.forms.decimal_codes);
        assert!(plan.columns.iter().any(|c| c.source == 0 && c.role == Name));
        assert!(
            plan.columns
                .iter()
                .any(|c| c.source == 1 && c.role == Description)
        );
    }

    #[test]
    fn decimal_codes_with_names_and_no_hex() {
        let plan = super::plan(
            &["Error code", "Value", "Description"],
            &[
                vec!["ERROR_SUCCESS", "0", "The action completed successfully."],
                vec!["ERROR_INVALID_DATA", "13", "The data is invalid."],
            ],
        );
        assert_eq!(plan.kind, TableKind::Codes);
        assert!(plan.forms.decimal_codes);
        assert_eq!(roles(&plan), [(0, Name), (1, Decimal), (2, Description)]);
    }

    #[test]
    fn tables_without_codes_are_not_code_tables() {
        let plan = super::plan(
            &["Requirement", "Value"],
            &[
                vec!["Minimum supported client", "Windows XP [desktop apps only]"],
                vec!["Header", "Winerror.h"],
            ],
        );
        assert_eq!(plan.kind, TableKind::NoCodes);
        let plan = super::plan(&["Colour", "Shade"], &[vec!["red", "dark"]]);
        assert_eq!(plan.kind, TableKind::NoCodes);
        // A header that names a code column over no codes is unreadable.
        let plan = super::plan(&["Error code", "Description"], &[vec!["see below", "text"]]);
        assert_eq!(plan.kind, TableKind::Unreadable);
    }

    #[test]
    fn hex_written_bare_and_short() {
        let plan = super::plan(
            &["", ""],
            &[
                vec!["0", "SP_EXECUTION_UNKNOWN"],
                vec!["A", "SP_EXECUTION_OP_INSTALL"],
                vec!["10", "SP_EXECUTION_OP_X"],
            ],
        );
        assert_eq!(plan.kind, TableKind::Codes);
        assert!(plan.forms.short_hex);
        assert_eq!(roles(&plan), [(0, Code), (1, Name)]);
        let plan = super::plan(
            &["Code", "Name"],
            &[
                vec!["0x240001", "WU_S_SERVICE_STOP"],
                vec!["0x240002", "WU_S_SELFUPDATE"],
            ],
        );
        assert!(plan.forms.short_hex);
        let plan = super::plan(
            &["Code", "Name"],
            &[
                vec!["0x80240001", "WU_E_A"],
                vec!["0x8024002", "WU_E_B"],
                vec!["0x80240003", "WU_E_C"],
            ],
        );
        assert!(
            !plan.forms.short_hex,
            "one short code among full ones lost a digit"
        );
    }

    #[test]
    fn numbers_that_are_not_the_codes_are_other() {
        // TLS alerts beside the Schannel errors they map to.
        let plan = super::plan(
            &["TLS or SSL alert", "Schannel error code"],
            &[
                vec![
                    "SSL3_ALERT_UNEXPECTED_MESSAGE\n10",
                    "SEC_E_ILLEGAL_MESSAGE\n0x80090326",
                ],
                vec![
                    "TLS1_ALERT_BAD_RECORD_MAC\n20",
                    "SEC_E_MESSAGE_ALTERED\n0x8009030F",
                ],
                vec!["TLS1_ALERT_X\n21", "SEC_E_DECRYPT_FAILURE\n0x80090330"],
            ],
        );
        assert_eq!(roles(&plan), [(0, Other), (1, Name), (1, Code)]);
    }

    /// Rows of (HRESULT, number beside it, name), for the Win32 tests.
    fn win32_rows(numbers: [&str; 4]) -> Vec<Vec<&str>> {
        let codes = ["0x80070005", "0x80070057", "0x8007000E", "0x80004005"];
        let names = ["E_ACCESSDENIED", "E_INVALIDARG", "E_OUTOFMEMORY", "E_FAIL"];
        (0..4)
            .map(|i| vec![codes[i], numbers[i], names[i]])
            .collect()
    }

    #[test]
    fn the_win32_errors_inside_the_codes_are_read_from_their_values() {
        // Whatever the header says, or none; in decimal or hex; one wrong
        // among three; nothing beside a code of another facility.
        for header in ["Win32 error", "Código Win32", "Erreur Win32", "", "Fehler"] {
            for numbers in [
                ["5", "78", "14", ""],
                ["5", "87", "14", "—"],
                ["0x5", "0x57", "0x0E", ""],
                ["5 (0x5)", "87 (0x57)", "14 (0xE)", ""],
            ] {
                let plan = super::plan(&["HRESULT", header, "Name"], &win32_rows(numbers));
                assert_eq!(
                    roles(&plan),
                    [(0, Code), (1, Win32), (2, Name)],
                    "{header:?} {numbers:?}"
                );
                assert!(plan.header_mismatches.is_empty());
            }
        }
        // Marks where a code of another facility wraps no Win32 error.
        let mut rows = win32_rows(["5", "87", "14", "—"]);
        for (code, name) in [
            ("0x80004001", "E_NOTIMPL"),
            ("0x80004004", "E_ABORT"),
            ("0x8000FFFF", "E_UNEXPECTED"),
        ] {
            rows.push(vec![code, "N/A", name]);
        }
        let plan = super::plan(&["HRESULT", "", "Name"], &rows);
        assert_eq!(roles(&plan), [(0, Code), (1, Win32), (2, Name)]);
        // A header that says decimal, or hex, over them is no mismatch.
        for header in ["Win32 (decimal)", "Win32 code (hex)"] {
            let plan = super::plan(
                &["HRESULT", header, "Name"],
                &win32_rows(["5", "87", "14", ""]),
            );
            assert_eq!(roles(&plan), [(0, Code), (1, Win32), (2, Name)]);
            assert!(plan.header_mismatches.is_empty(), "{header}");
        }
        // Written before the codes in hex, with no header: the full codes
        // are the codes.
        let rows: Vec<Vec<&str>> = win32_rows(["0x5", "0x57", "0xE", ""])
            .into_iter()
            .map(|row| vec![row[1], row[0], row[2]])
            .collect();
        let plan = super::plan(&["", "", ""], &rows);
        assert_eq!(roles(&plan), [(0, Win32), (1, Code), (2, Name)]);
        // In the code's cell.
        let plan = super::plan(
            &["Code", "Name"],
            &[
                vec!["0x80070005 (5)", "E_ACCESSDENIED"],
                vec!["0x80070057 (78)", "E_INVALIDARG"],
                vec!["0x8007000E (14)", "E_OUTOFMEMORY"],
            ],
        );
        let parts: Vec<(usize, Part, ColumnRole)> = plan
            .columns
            .iter()
            .map(|c| (c.source, c.part, c.role))
            .collect();
        assert_eq!(
            parts,
            [
                (0, Part::Hex, Code),
                (0, Part::Number, Win32),
                (1, Part::Name, Name)
            ]
        );
    }

    #[test]
    fn ordinals_and_counts_are_no_win32_errors() {
        // Ordinals, counts, and numbers that match one code by chance.
        for numbers in [
            ["1", "2", "3", "4"],
            ["12", "40", "3", "7"],
            ["5", "40", "3", "7"],
            ["5", "40", "", ""],
        ] {
            let plan = super::plan(&["#", "Code", "Name"], &{
                let mut rows = win32_rows(numbers);
                for row in &mut rows {
                    row.swap(0, 1);
                }
                rows
            });
            assert_eq!(
                roles(&plan),
                [(0, Other), (1, Code), (2, Name)],
                "{numbers:?}"
            );
        }
        // One match in two rows is enough only under a header that says
        // "Win32".
        let rows = win32_rows(["5", "40", "", ""]);
        let plan = super::plan(&["HRESULT", "Count", "Name"], &rows);
        assert_eq!(roles(&plan), [(0, Code), (1, Other), (2, Name)]);
        let plan = super::plan(&["HRESULT", "Win32", "Name"], &rows);
        assert_eq!(roles(&plan), [(0, Code), (1, Win32), (2, Name)]);
    }

    #[test]
    fn of_two_name_columns_the_known_family_wins() {
        let plan = super::plan(
            &[
                "ADSI Error Value",
                "LDAP message",
                "Win32 message",
                "Description",
            ],
            &[
                vec![
                    "0x80070005L",
                    "LDAP_INSUFFICIENT_RIGHTS",
                    "ERROR_ACCESS_DENIED",
                    "User has insufficient access rights.",
                ],
                vec![
                    "0x80070008L",
                    "LDAP_NO_MEMORY",
                    "ERROR_NOT_ENOUGH_MEMORY",
                    "The system is out of memory.",
                ],
            ],
        );
        assert_eq!(
            roles(&plan),
            [(0, Code), (1, Other), (2, Name), (3, Description)]
        );
    }
}
