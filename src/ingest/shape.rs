//! What a cell holds, read from its plain text: a hex code, a decimal
//! number, a symbolic name, some of these together (`BG_E_NOT_FOUND
//! (0x80200001)`, `10 (APP_CI_ENFORCEMENT_IN_PROGRESS)`), or prose. Column
//! roles are decided from these shapes, so that a page in any language, in
//! any column order, reads the same.

use std::ops::Range;

/// One token of a cell's text that matters for its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A hex code as written (`0x80240001`, `0x2`, `0x80070005L`,
    /// `x8024EFFF`, `80240001`): its digits, upper case.
    Hex(HexDigits),
    /// A whole decimal number (`-2145124351`, `13`, `0L`).
    Decimal(i64),
    /// A symbolic name: letters, digits and underscores, with an
    /// underscore (`WU_E_NO_SERVICE`, `Error_Invalid_Name`) or all capitals
    /// (`WSAEINTR`).
    Identifier,
    /// Any other word.
    Word,
}

/// Up to 16 hex digits, upper case, kept inline: every cell of every table
/// is tokenized, and a heap string per code was a measurable share of
/// ingest.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct HexDigits {
    bytes: [u8; 16],
    len: u8,
}

impl HexDigits {
    /// The digits of `digits` (at most 16 ASCII hex digits), upper-cased.
    fn new(digits: &str) -> HexDigits {
        let mut bytes = [0u8; 16];
        for (slot, b) in bytes.iter_mut().zip(digits.bytes()) {
            *slot = b.to_ascii_uppercase();
        }
        HexDigits {
            bytes,
            len: digits.len().min(16) as u8,
        }
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        // Only ASCII hex digits are ever stored.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl std::fmt::Debug for HexDigits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// A token and where it is in the cell's text (byte range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned {
    /// The token.
    pub token: Token,
    /// Its bytes in the text.
    pub span: Range<usize>,
}

/// The shape of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    /// Nothing but white space and markup.
    Empty,
    /// One hex code (maybe with a stray character around it).
    Hex,
    /// One decimal number.
    Decimal,
    /// One symbolic name.
    Identifier,
    /// A hex code and a symbolic name, and little else
    /// (`SEC_E_ILLEGAL_MESSAGE 0x80090326`, `0x80004004 (E_ABORT)`).
    HexAndIdentifier,
    /// A decimal number and a symbolic name, and little else
    /// (`10 (APP_CI_ENFORCEMENT_IN_PROGRESS)`, `ERROR_X 1112`).
    DecimalAndIdentifier,
    /// Several hex codes (`0x80072EFD <br>0x80072EFE`).
    HexList,
    /// A range of codes or a family of them, written as one
    /// (`0xC1900101 - 0xC1900107`, `0x8024xxxx`): no one code, but what a
    /// code column holds.
    CodeRange,
    /// Text: words, or a mixture that is none of the above.
    Prose,
}

impl Shape {
    /// True for shapes that state a hex code.
    pub fn has_hex(self) -> bool {
        matches!(
            self,
            Shape::Hex | Shape::HexAndIdentifier | Shape::HexList | Shape::CodeRange
        )
    }

    /// True for shapes that state a decimal number (and no hex code).
    pub fn has_decimal(self) -> bool {
        matches!(self, Shape::Decimal | Shape::DecimalAndIdentifier)
    }

    /// True for shapes that state a symbolic name.
    pub fn has_identifier(self) -> bool {
        matches!(
            self,
            Shape::Identifier | Shape::HexAndIdentifier | Shape::DecimalAndIdentifier
        )
    }
}

/// A cell's tokens and shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellShape {
    /// The tokens that matter, in text order (for prose read by
    /// [`brief_shape_of`], the first few).
    pub tokens: Vec<Spanned>,
    /// The shape.
    pub shape: Shape,
}

impl CellShape {
    /// The span of the first token of a kind.
    fn first(&self, wanted: impl Fn(&Token) -> bool) -> Option<Range<usize>> {
        self.tokens
            .iter()
            .find(|t| wanted(&t.token))
            .map(|t| t.span.clone())
    }

    /// Where the (first) hex code is.
    pub fn hex_span(&self) -> Option<Range<usize>> {
        self.first(|t| matches!(t, Token::Hex(_)))
    }

    /// Where the (first) decimal number is.
    pub fn decimal_span(&self) -> Option<Range<usize>> {
        self.first(|t| matches!(t, Token::Decimal(_)))
    }

    /// Where the (first) symbolic name is.
    pub fn identifier_span(&self) -> Option<Range<usize>> {
        self.first(|t| matches!(t, Token::Identifier))
    }

    /// Where the number beside a cell's code is: its decimal number
    /// (`-2147024891` of `0x80070005 (-2147024891)`; of several, the one of
    /// the whole code, `-2146824581` of `3707 -2146824581 0x800A0E7B`), or, in a cell
    /// that writes an HRESULT and its Win32 error in hex (`0x80070005
    /// (0x5)`), the bracketed Win32 error.
    pub fn number_span(&self) -> Option<Range<usize>> {
        let widest = self
            .tokens
            .iter()
            .filter_map(|t| match t.token {
                Token::Decimal(n) => Some((n.unsigned_abs(), t.span.clone())),
                _ => None,
            })
            .reduce(|best, next| if next.0 > best.0 { next } else { best })
            .map(|(_, span)| span);
        widest.or_else(|| match self.tokens.as_slice() {
            [
                Spanned {
                    token: Token::Hex(_),
                    ..
                },
                second @ Spanned {
                    token: Token::Hex(_),
                    ..
                },
                ..,
            ] if self.shape == Shape::Hex => Some(second.span.clone()),
            _ => None,
        })
    }
}

/// Characters that surround a token without belonging to it.
fn is_wrapper(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | ','
            | ';'
            | ':'
            | '.'
            | '"'
            | '\''
            | '`'
            | '*'
            | '†'
            | '‡'
            | '§'
            | '='
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '：'
            | '，'
            | '。'
    ) || super::text::is_directional_mark(c)
        || super::text::is_superscript_mark(c)
}

/// Splits text into words at white space and at the separators that join a
/// code to what follows it (`28001:Bad`), keeping byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '：' | '/' | '|' | '(' | ')' | '（' | '）')
    })
    .scan(0usize, |offset, piece| {
        let start = *offset;
        *offset += piece.len();
        Some((start, piece))
    })
    .filter_map(|(start, piece)| {
        let trimmed_end = piece.trim_end_matches(|c: char| {
            c.is_whitespace() || is_wrapper(c) || matches!(c, '/' | '|')
        });
        let trimmed = trimmed_end.trim_start_matches(is_wrapper);
        let lead = trimmed_end.len() - trimmed.len();
        (!trimmed.is_empty()).then_some((start + lead, trimmed))
    })
}

/// Reads one word as a token.
pub fn token_of(word: &str) -> Token {
    // Full-width, Arabic-Indic and Persian digits and the minus sign
    // U+2212 are read as ASCII: the folded word has none left, so this
    // recurses once at most. Only a word that begins with a character that
    // is not ASCII, or with a sign and then one (`-٢١٤٧`), is looked at:
    // every word of every cell comes here.
    let bytes = word.as_bytes();
    let unsigned_at = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    if bytes.get(unsigned_at).is_some_and(|b| !b.is_ascii())
        && let std::borrow::Cow::Owned(folded) = crate::model::fold_number_forms(word)
    {
        return token_of(&folded);
    }
    // C literal suffixes: 0x80070005L, 0L, 0x8000FFFFUL, 0x80070005u.
    let bare = crate::model::C_SUFFIXES
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .filter(|b| {
            !b.is_empty()
                && b.bytes()
                    .all(|c| c.is_ascii_hexdigit() || c == b'x' || c == b'X' || c == b'-')
        })
        .unwrap_or(word);
    let hex_digits =
        |s: &str| !s.is_empty() && s.len() <= 16 && s.bytes().all(|c| c.is_ascii_hexdigit());
    if let Some(digits) = bare.strip_prefix("0x").or_else(|| bare.strip_prefix("0X"))
        && hex_digits(digits)
    {
        return Token::Hex(HexDigits::new(digits));
    }
    if let Some(digits) = bare.strip_prefix('x').or_else(|| bare.strip_prefix('X'))
        && digits.len() >= 6
        && hex_digits(digits)
    {
        return Token::Hex(HexDigits::new(digits));
    }
    let (sign, magnitude) = match bare.strip_prefix('-').or_else(|| bare.strip_prefix('+')) {
        Some(rest) => (bare.len() - rest.len(), rest),
        None => (0, bare),
    };
    if !magnitude.is_empty()
        && magnitude.len() <= 19
        && magnitude.bytes().all(|c| c.is_ascii_digit())
        && let Ok(n) = bare[..sign + magnitude.len()].parse::<i64>()
    {
        return Token::Decimal(n);
    }
    // A number in groups of three as locales write it (`-2,145,124,351`,
    // `4.294.967.295`, `-٢٬١٤٥٬١٢٤٬٣٥١` read as `-2٬145٬124٬351`).
    if bare
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+'))
        && bare.chars().any(|c| {
            matches!(c, ',' | '.' | '\'') || (!c.is_ascii() && crate::model::is_group_separator(c))
        })
        && let Some(n) = crate::model::whole_number(bare)
    {
        return Token::Decimal(n);
    }
    // Eight bare hex digits with a letter among them: a code without its
    // prefix (80CF0001). Eight decimal digits are a number.
    if bare.len() == 8
        && hex_digits(bare)
        && bare.bytes().any(|c| c.is_ascii_alphabetic())
        && bare.bytes().any(|c| c.is_ascii_digit())
    {
        return Token::Hex(HexDigits::new(bare));
    }
    // Assembler's hex (`80070005h`): a code written without its `0x`.
    if let Some(digits) = crate::model::assembler_hex(bare) {
        return Token::Hex(HexDigits::new(digits));
    }
    if is_identifier(word) {
        return Token::Identifier;
    }
    Token::Word
}

/// True for a symbolic name: starts with a letter, then letters, digits and
/// underscores, with at least one underscore between word parts
/// (`WU_E_NO_SERVICE`), or capitals and digits only, four or more
/// (`WSAEINTR`, `NO_ERROR`).
pub fn is_identifier(word: &str) -> bool {
    let bytes = word.as_bytes();
    let Some(first) = bytes.first() else {
        return false;
    };
    if !first.is_ascii_alphabetic()
        || !bytes
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'_')
    {
        return false;
    }
    let has_underscore = word.contains('_') && word.trim_end_matches('_').contains('_');
    let capitals = bytes.len() >= 4
        && bytes
            .iter()
            .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && bytes.iter().filter(|c| c.is_ascii_uppercase()).count() >= 3;
    has_underscore || capitals
}

/// The ASCII form of a cell that is one symbolic name written with
/// characters that only look like ASCII (`E＿FAIL` typed by a CJK input
/// method, `Е_FAIL` with a Cyrillic letter): such a cell is read as a
/// name where errdocs decides what a column holds, so that the names stay
/// in the dataset as written and `name-lookalike` reports them. `None` for
/// anything else, ASCII text included.
pub fn lookalike_identifier(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let name = crate::model::lookalike_name(text)?;
    is_identifier(&name.ascii).then_some(name.ascii)
}

/// Reads the shape of a cell's plain text, with every token.
pub fn shape_of(text: &str) -> CellShape {
    read_shape(text, false)
}

/// Reads the shape of a cell's plain text, stopping as soon as the shape
/// is settled: for prose, once the text has two plain words (or two names,
/// two numbers, codes with anything else), so `tokens` holds the first few
/// only. For deciding column roles, which reads every cell of every table,
/// most of them descriptions.
pub fn brief_shape_of(text: &str) -> CellShape {
    read_shape(text, true)
}

fn read_shape(text: &str, brief: bool) -> CellShape {
    // Asked of every cell: only one that begins with `0x` can be a range.
    if crate::model::several_codes(text.trim()).is_some() {
        return CellShape {
            tokens: read_words(text, false).tokens,
            shape: Shape::CodeRange,
        };
    }
    // `0x80240002 (hex)`, `0x80240002 - see below`: one code and a note,
    // read as the code; `RPC_E_SERVERFAULT (deprecated)`: one name and a
    // note, as the name.
    let note = |at: usize| Spanned {
        token: Token::Word,
        span: at..text.trim_end().len(),
    };
    if let Some(at) = note_start(text)
        && let Some(code) = lone_code(text, at)
    {
        return CellShape {
            tokens: vec![code, note(at)],
            shape: Shape::Hex,
        };
    }
    if let Some(at) = bracketed_note(text)
        && let Some(name) = lone_name(text, at)
    {
        return CellShape {
            tokens: vec![name, note(at)],
            shape: Shape::Identifier,
        };
    }
    read_words(text, brief)
}

/// The words that join codes in a list (`0x1 or 0x2`), in the languages
/// docs are translated into. Not `to`, `bis`, `à`, `至`: those make a range,
/// whose codes between are not written ([`Shape::CodeRange`]).
const LIST_WORDS: &[&str] = &[
    "or",
    "and",
    "oder",
    "und",
    "ou",
    "et",
    "o",
    "y",
    "e",
    "of",
    "en",
    "och",
    "eller",
    "lub",
    "i",
    "или",
    "и",
    "또는",
    "및",
    "或",
    "和",
    "及",
    "または",
    "か",
    "أو",
    "و",
    "או",
    "veya",
    "ve",
    "nebo",
    "vagy",
    "és",
    "tai",
    "ja",
];

/// True when every word of `tokens` stands between two codes and is a
/// word that joins a list (`or`, `oder`, `или`, `或`; [`LIST_WORDS`]): codes
/// listed in prose's way, not prose about codes.
fn joined_by_words(text: &str, tokens: &[Spanned]) -> bool {
    let is_hex = |t: &Spanned| matches!(t.token, Token::Hex(_));
    tokens.iter().enumerate().all(|(i, t)| {
        is_hex(t)
            || (t.token == Token::Word
                && i > 0
                && tokens.get(i - 1).is_some_and(is_hex)
                && tokens.get(i + 1).is_some_and(is_hex)
                && text
                    .get(t.span.clone())
                    .is_some_and(|word| LIST_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))))
    })
}

/// Where each name is in a cell that lists several symbolic names and
/// nothing else (`E_ACCESSDENIED<br>E_FAIL`, `E_A, E_B`, `E_A or E_B`);
/// `None` for a cell of one name, or of anything else.
pub fn listed_names(text: &str) -> Option<Vec<Range<usize>>> {
    let shape = read_words(text, false);
    let is_name = |t: &Spanned| t.token == Token::Identifier;
    let joins = |t: &Spanned| {
        t.token == Token::Word
            && text
                .get(t.span.clone())
                .is_some_and(|word| LIST_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w)))
    };
    let names: Vec<Range<usize>> = shape
        .tokens
        .iter()
        .filter(|t| is_name(t))
        .map(|t| t.span.clone())
        .collect();
    let only_names = shape.tokens.iter().all(|t| is_name(t) || joins(t));
    (names.len() >= 2 && only_names && parted(text, &names)).then_some(names)
}

/// True when something more than one space parts each name of `names`
/// from the next: punctuation, a line break, a word (`E_A, E_B`, `E_A /
/// E_B`, `E_A or E_B`). Names side by side with a space only are one name
/// written in words (`ERROR_FILE NOT__FOUND`, as machine translation
/// reorders `ERROR_FILE_NOT_FOUND`), not a list.
fn parted(text: &str, names: &[Range<usize>]) -> bool {
    list_separators(text, names).iter().all(|s| s != " ")
}

/// True when `word` is a word that joins a list ([`LIST_WORDS`]).
fn is_list_word(word: &str) -> bool {
    LIST_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// True for tokens that are one code (hex or decimal) first or last, and
/// beside it two or more symbolic names listed together, parted by
/// punctuation, line breaks or a word that joins a list (`0x80070005
/// (E_ACCESSDENIED, ERROR_ACCESS_DENIED)`, `E_A / E_B 0x80004001`): one
/// code with each name it goes by, as pages give a Win32 error's HRESULT
/// its `E_` name and its `ERROR_` name. Names beside other words are prose.
fn is_code_and_listed_names(text: &str, tokens: &[Spanned]) -> bool {
    let is_code = |t: &Spanned| matches!(t.token, Token::Hex(_) | Token::Decimal(_));
    let names = match tokens {
        [code, names @ ..] if is_code(code) => names,
        [names @ .., code] if is_code(code) => names,
        _ => return false,
    };
    let is_name = |t: &Spanned| t.token == Token::Identifier;
    let spans: Vec<Range<usize>> = names
        .iter()
        .filter(|t| is_name(t))
        .map(|t| t.span.clone())
        .collect();
    names.first().is_some_and(is_name)
        && names.last().is_some_and(is_name)
        && parted(text, &spans)
        && names.iter().enumerate().all(|(i, t)| {
            is_name(t)
                || (t.token == Token::Word
                    && names.get(i + 1).is_some_and(is_name)
                    && text.get(t.span.clone()).is_some_and(is_list_word))
        })
}

/// Where each name is in a cell that gives one code or row several
/// symbolic names: a cell of names only ([`listed_names`]), or one code
/// and its names (`0x80070005 (E_ACCESSDENIED, ERROR_ACCESS_DENIED)`).
/// `None` for a cell of at most one name, or of anything else.
pub fn several_names(text: &str) -> Option<Vec<Range<usize>>> {
    // Most name cells are one name, of nothing but its characters: no list,
    // and no shape to read (every name cell of every table comes here).
    if text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    if let Some(names) = listed_names(text) {
        return Some(names);
    }
    let shape = shape_of(text);
    if !matches!(
        shape.shape,
        Shape::HexAndIdentifier | Shape::DecimalAndIdentifier
    ) {
        return None;
    }
    let names: Vec<Range<usize>> = shape
        .tokens
        .iter()
        .filter(|t| t.token == Token::Identifier)
        .map(|t| t.span.clone())
        .collect();
    (names.len() >= 2 && parted(text, &names)).then_some(names)
}

/// What separates each item of a list from the next, given the items'
/// spans in `text`: the text between them, trimmed and in lower case, or
/// a line break or a space where only white space parts them. Two cells
/// listed alike (codes and names both split by `<br>`, both by `, `)
/// have the same separators.
pub fn list_separators(text: &str, items: &[Range<usize>]) -> Vec<String> {
    items
        .windows(2)
        .map(|pair| {
            let between = text.get(pair[0].end..pair[1].start).unwrap_or_default();
            match between.trim() {
                "" if between.contains('\n') => "\n".to_string(),
                "" => " ".to_string(),
                written => written.to_lowercase(),
            }
        })
        .collect()
}

/// True for tokens that are a `FACILITY_WIN32` HRESULT (`0x8007xxxx`)
/// and then, in brackets that close the text, a short hex number of at
/// most four digits (`0x80070005 (0x5)`, `0x80070057 （0x0057）`): the
/// Win32 error the HRESULT wraps, written beside it, not a second code.
/// The same number bracketed again (`0x80070005 (0x5) (0x5)`, `(0x5
/// (0x5))`) is still that one number. Two codes of eight digits
/// (`0x80070005 (0x80070006)`) stay two, and so do different bracketed
/// numbers (`0x80070005 (0x5) (0x6)`).
fn is_hresult_and_win32(text: &str, tokens: &[Spanned]) -> bool {
    let [code, number, more @ ..] = tokens else {
        return false;
    };
    let (Token::Hex(code_digits), Token::Hex(number_digits)) = (&code.token, &number.token) else {
        return false;
    };
    let facility_win32 = u32::from_str_radix(code_digits.as_str(), 16)
        .is_ok_and(|value| value & 0xFFFF_0000 == 0x8007_0000);
    let short = number_digits.as_str().len() <= 4;
    let value = u32::from_str_radix(number_digits.as_str(), 16).ok();
    let repeated = more.iter().all(|again| match &again.token {
        Token::Hex(digits) => u32::from_str_radix(digits.as_str(), 16).ok() == value,
        _ => false,
    });
    if !(facility_win32 && short && repeated && value.is_some()) {
        return false;
    }
    // Between and after the numbers, only brackets (markup and space
    // aside: `` `0x80070005` (`0x5`) ``), opened before each bracketed
    // number and all closed at the end.
    let brackets = |range: Range<usize>| {
        text.get(range)
            .unwrap_or("")
            .chars()
            .filter(|&c| !(c.is_whitespace() || matches!(c, '`' | '*' | '_')))
            .map(|c| match c {
                '(' | '（' => Some(1i32),
                ')' | '）' => Some(-1),
                _ => None,
            })
            .try_fold((0i32, 0i32), |(opened, closed), step| match step? {
                1 => Some((opened + 1, closed)),
                _ => Some((opened, closed + 1)),
            })
    };
    if brackets(0..code.span.start) != Some((0, 0)) {
        return false;
    }
    let mut depth = 0i32;
    let mut previous_end = code.span.end;
    for spanned in tokens.iter().skip(1) {
        // Each bracketed number opens a bracket after closing any.
        let Some((opened, closed)) = brackets(previous_end..spanned.span.start) else {
            return false;
        };
        depth -= closed;
        if opened != 1 || depth < 0 {
            return false;
        }
        depth += 1;
        previous_end = spanned.span.end;
    }
    brackets(previous_end..text.len()) == Some((0, depth))
}

/// Where a word that is two numbers glued by a minus sign splits
/// (`3707-2146824581` at 4): a number of at most five digits, then a
/// negative one of nine or ten, sized like a 32-bit code. A range of
/// codes (`1000-1999`) has digits alike on both sides.
fn glued_negative(word: &str) -> Option<usize> {
    let at = word.find('-').filter(|&at| at > 0)?;
    let (low, negative) = (&word[..at], &word[at + 1..]);
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (low.len() <= 5 && (9..=10).contains(&negative.len()) && digits(low) && digits(negative))
        .then_some(at)
}

/// True for tokens that are one hex code and decimal numbers of which one
/// at least is one of its forms: its signed or unsigned value, or its low
/// 16 bits (the error number Visual Basic shows). The cell writes one code
/// in several forms; a form that disagrees is the decimal column's to
/// report.
fn forms_of_one_code(tokens: &[Spanned]) -> bool {
    let Some(value) = tokens.iter().find_map(|t| match &t.token {
        Token::Hex(digits) => u32::from_str_radix(digits.as_str(), 16).ok(),
        _ => None,
    }) else {
        return false;
    };
    tokens.iter().any(|t| match t.token {
        Token::Decimal(n) => {
            n == i64::from(value) || n == i64::from(value as i32) || n == i64::from(value & 0xFFFF)
        }
        _ => false,
    })
}

/// True for tokens that are a word of letters and then a code, and
/// nothing but space between them.
fn is_label_and_code(text: &str, tokens: &[Spanned]) -> bool {
    match tokens {
        [label, code] => {
            label.token == Token::Word
                && matches!(code.token, Token::Hex(_))
                && text[label.span.clone()].chars().all(char::is_alphabetic)
                && text[..label.span.start].trim().is_empty()
                && text[label.span.end..code.span.start].trim().is_empty()
        }
        _ => false,
    }
}

/// The one symbolic name that `text[..at]` holds, if that is all it holds
/// and a space parts it from the bracket: `E_X (deprecated)` is a name and
/// a note, `HYPERLINK("a")` or `=SUM(A1)` is no name.
fn lone_name(text: &str, at: usize) -> Option<Spanned> {
    let before = text.get(..at)?;
    if !before.ends_with(char::is_whitespace) {
        return None;
    }
    let mut name = read_words(before, false);
    let bare = name.tokens.len() == 1
        && before[..name.tokens[0].span.start]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '*' | '`'));
    (name.shape == Shape::Identifier && bare).then(|| name.tokens.remove(0))
}

/// Where the name is in a cell that holds one symbolic name and then a
/// note in brackets (`RPC_E_SERVERFAULT (deprecated)`) or a mark that
/// points to a note below the table (`RPC_E_DISCONNECTED*`,
/// `E_PENDING †`, `E_X¹`). The name is the constant's name, which no
/// translation translates; the note (`(preterido)` in Portuguese) stays on
/// the page, with no finding, as it is no mistake. `None` for a cell that
/// is the name alone, or anything else.
pub fn name_before_note(text: &str) -> Option<Range<usize>> {
    let text = text.trim_end();
    let shape = shape_of(text);
    if shape.shape != Shape::Identifier {
        return None;
    }
    let span = shape.identifier_span()?;
    let lead_free = text[..span.start].chars().all(char::is_whitespace);
    let rest = text[span.end..].trim_start();
    let noted = match shape.tokens.get(1) {
        // The bracketed note `read_shape` found.
        Some(note) => note.span.start >= span.end,
        None => !rest.is_empty() && rest.chars().all(|c| is_note_mark(c) || c.is_whitespace()),
    };
    (lead_free && noted).then_some(span)
}

/// Marks that point from a cell to a note below the table.
fn is_note_mark(c: char) -> bool {
    matches!(c, '*' | '†' | '‡' | '§') || super::text::is_superscript_mark(c)
}

/// Where the code is in a cell that holds one code and then a note: in
/// brackets that close the cell (`0x80240002 (hex)`, `0x80240002（十六进制）`)
/// or after a dash (`0x80240002 - see below`). The note is dropped from the
/// code only, with no finding: it is how a page explains itself, not a
/// mistake, a reader sees the code, and the page keeps the note. A note
/// naming a symbol or holding a code (`(E_ABORT)`, `(0x2)`) is no note:
/// those cells are a code with its name, or written twice.
pub fn code_before_note(text: &str) -> Option<Range<usize>> {
    if let Some(at) = note_start(text)
        && let Some(code) = lone_code(text, at)
    {
        return Some(code.span);
    }
    code_before_mark(text)
}

/// Where the code is in a cell that holds one code and then marks that
/// point to a note below the table (`0x80070005¹`, `0x80004005*`): the
/// marks are the page's, not stray characters of the code.
fn code_before_mark(text: &str) -> Option<Range<usize>> {
    let trimmed = text.trim_end();
    let body = trimmed.trim_end_matches(|c: char| is_note_mark(c) || c.is_whitespace());
    if body.len() == trimmed.len() || body.is_empty() {
        return None;
    }
    let code = read_words(body, false);
    match code.tokens.as_slice() {
        [only] if code.shape == Shape::Hex => Some(only.span.clone()),
        _ => None,
    }
}

/// The note after the one code of a cell, after a dash (`see below` of
/// `0x80240002 - see below`): in a table with no description column, what
/// the page says about the code.
pub fn note_after_code(text: &str) -> Option<Range<usize>> {
    let at = dashed_note(text)?;
    lone_code(text, at)?;
    let note = text[at..].trim_start().strip_prefix(['-', '–', '—'])?;
    let start = text.len() - note.trim_start().len();
    let end = text.trim_end().len();
    (end > start).then_some(start..end)
}

/// Where a note after a cell's code may start: in brackets that close
/// the cell, or after a dash. Only a cell that begins like a code (a digit,
/// the `x` of a code that lost its `0` (`x8024EFFF`), or a mark such as `=`
/// or a directional mark) is looked at: this is asked of every cell, most
/// of them descriptions that begin with a word.
fn note_start(text: &str) -> Option<usize> {
    let trimmed = text.trim_start();
    let first = trimmed.chars().next()?;
    if first.is_alphanumeric() && !first.is_ascii_digit() && !matches!(first, 'x' | 'X') {
        // A code under a label (`Error 0x80070057 (hex)`, `HRESULT
        // 0x80070057 - see below`) begins like a code after one word. Read
        // as bytes: most cells asked are descriptions.
        let bytes = trimmed.as_bytes();
        let space = bytes.iter().position(u8::is_ascii_whitespace)?;
        let next = bytes[space..].iter().find(|b| !b.is_ascii_whitespace());
        if !next.is_some_and(u8::is_ascii_digit) {
            return None;
        }
    }
    bracketed_note(text)
        .or_else(|| dashed_note(text))
        .or_else(|| extend_code_parts(text).map(|(at, _)| at))
}

/// Where the extend code is in a cell that writes a Windows setup result
/// code and its extend code after a dash (`0xC1900101 - 0x20004`, as
/// upgrade and deployment troubleshooting pages write them): the result
/// code is the row's code, and the extend code says which phase and
/// operation failed. `None` for any other cell.
pub fn extend_code(text: &str) -> Option<Range<usize>> {
    extend_code_parts(text).map(|(_, span)| span)
}

/// The end of the result code and the span of the extend code of a cell
/// that [`extend_code`] reads. The extend code must be clearly no code of
/// its own (six hex digits at most) after a code of seven or eight (seven:
/// a code that lost a digit is still the row's code, to be reported); two
/// full codes around a dash are a range, and a short code before one is
/// no result code.
fn extend_code_parts(text: &str) -> Option<(usize, Range<usize>)> {
    let trimmed = text.trim_end();
    let (dash, mark) = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '-' | '–' | '—'))?;
    let after_start = dash + mark.len_utf8();
    let extend = read_words(&trimmed[after_start..], false);
    let [
        Spanned {
            token: Token::Hex(extend_digits),
            span,
        },
    ] = extend.tokens.as_slice()
    else {
        return None;
    };
    let code_end = trimmed[..dash].trim_end().len();
    let code = lone_code(text, code_end)?;
    let full = matches!(&code.token, Token::Hex(d) if d.as_str().len() >= 7);
    (full && extend_digits.as_str().len() <= 6)
        .then(|| (code_end, after_start + span.start..after_start + span.end))
}

/// The one hex code that `text[..at]` holds, if that is all it holds but
/// a label before it (`Error 0x80070057`).
fn lone_code(text: &str, at: usize) -> Option<Spanned> {
    let code = read_words(text.get(..at)?, false);
    let mut hex = code
        .tokens
        .iter()
        .filter(|t| matches!(t.token, Token::Hex(_)));
    let (Some(found), None) = (hex.next(), hex.next()) else {
        return None;
    };
    let labelled = code.tokens.len() == 1 || is_label_and_code(text, &code.tokens);
    (code.shape == Shape::Hex && labelled).then(|| found.clone())
}

/// Where the name is in a cell that wraps it in a macro
/// (`HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)`): the constant's name, as
/// the table's other rows write theirs.
pub fn name_in_wrapper(text: &str) -> Option<Range<usize>> {
    let shape = shape_of(text);
    if shape.shape != Shape::Identifier || shape.tokens.len() != 2 {
        return None;
    }
    let span = shape.identifier_span()?;
    let before = text[..span.start].trim_end_matches(|c: char| c.is_whitespace() || c == '`');
    let label = before.strip_suffix('(')?.trim();
    let after = text[span.end..].trim_matches(|c: char| c.is_whitespace() || c == '`');
    (is_code_label(label.trim_start_matches(['`', '*'])) && after == ")").then_some(span)
}

/// True for the text of a note: words, and no code or symbolic name.
fn is_note(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
        && read_words(text, false)
            .tokens
            .iter()
            .all(|t| matches!(t.token, Token::Word | Token::Decimal(_)))
}

/// Where a note in brackets that close `text` starts, after something.
fn bracketed_note(text: &str) -> Option<usize> {
    let text = text.trim_end();
    let close = text.chars().next_back()?;
    let open = match close {
        ')' => '(',
        '）' => '（',
        ']' => '[',
        '】' => '【',
        _ => return None,
    };
    let at = text.rfind(open)?;
    let inner = &text[at + open.len_utf8()..text.len() - close.len_utf8()];
    (!text[..at].trim().is_empty() && is_note(inner)).then_some(at)
}

/// Where a note after a dash (` - `, ` – `, ` — `) starts.
fn dashed_note(text: &str) -> Option<usize> {
    // One pass from space to space: most cells have no dash, and this is
    // asked of every code cell.
    let at = text.match_indices(' ').map(|(at, _)| at).find(|&at| {
        let mut after = text[at + 1..].chars();
        matches!(after.next(), Some('-' | '–' | '—')) && after.next() == Some(' ')
    })?;
    is_note(&text[at..]).then_some(at)
}

/// A cell that begins with a symbolic name and then, after a `:` or a
/// dash, its text (`DO_E_X: The download failed.`, `WU_E_Y - text`): where
/// the name is, and where the text after it is.
pub fn name_before_text(text: &str) -> Option<(Range<usize>, Range<usize>)> {
    let first = read_words(text, true).tokens.into_iter().next()?;
    if first.token != Token::Identifier
        || !text[..first.span.start]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '`' | '*' | '"'))
    {
        return None;
    }
    let after = &text[first.span.end..];
    let after = after.trim_start_matches(['`', '*', '"']);
    let rest = match after.strip_prefix([':', '：']) {
        Some(rest) => rest,
        None => {
            let dashed = after.trim_start();
            // The dash needs space around it on the name's side too:
            // `WU_E_X-text` is no way to write a name and its text.
            if dashed.len() == after.len() {
                return None;
            }
            dashed
                .strip_prefix(['-', '–', '—'])
                .filter(|rest| rest.starts_with(char::is_whitespace))?
        }
    };
    // `rest` is the end of `text`: its place is counted from the end.
    let rest = rest.trim_start();
    let start = text.len() - rest.len();
    let end = start + rest.trim_end().len();
    (end > start).then_some((first.span, start..end))
}

/// True for a word that labels a code rather than names it: the C types
/// codes are declared with (`HRESULT 0x80004004`, `E_ABORT (HRESULT
/// 0x80004004)`) and the macros that wrap a name or a value
/// (`HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)`). No error code is named
/// so; read as names, they took the name of every row of a table.
fn is_code_label(word: &str) -> bool {
    matches!(word, "HRESULT" | "NTSTATUS" | "SCODE" | "LRESULT" | "DWORD")
        || is_wrapping_macro(word)
}

/// The macros that wrap a name or a value into a code
/// (`HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)`), as against the types
/// among [`is_code_label`]'s words, which label one.
const WRAPPING_MACROS: &[&str] = &[
    "HRESULT_FROM_WIN32",
    "HRESULT_FROM_NT",
    "HRESULT_FROM_SETUPAPI",
    "NTSTATUS_FROM_WIN32",
    "MAKE_HRESULT",
    "MAKE_SCODE",
];

fn is_wrapping_macro(word: &str) -> bool {
    WRAPPING_MACROS.contains(&word)
}

/// The macro that wraps `name` where `text` writes it
/// (`HRESULT_FROM_WIN32` for `ERROR_X` in `HRESULT_FROM_WIN32(ERROR_X)
/// 0x80070005`), if any: the code the row states is the macro's value of
/// the name's, not the name's own.
pub fn macro_wrapping(text: &str, name: &str) -> Option<&'static str> {
    if name.is_empty() || !text.contains('(') {
        return None;
    }
    text.match_indices(name).find_map(|(at, _)| {
        let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() || c == '`');
        let before = before.strip_suffix('(')?.trim_end();
        // The name's characters are ASCII: the word starts at a character.
        let word_len = before
            .bytes()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let word = &before[before.len() - word_len..];
        WRAPPING_MACROS.iter().find(|m| **m == word).copied()
    })
}

/// The argument of a wrapping macro ([`is_wrapping_macro`]) whose word
/// ends at byte `end` of `text`, where it is one name that machine
/// translation split into several words and reordered
/// (`HRESULT_FROM_WIN32(ERROR_FILE NOT__FOUND)`): its span (without the
/// spaces and backticks inside the parentheses) and the end of the `)`.
/// Only words and names, at least one name among them and no number: the
/// arguments of `MAKE_HRESULT(1, FACILITY_WIN32, 2)` are no name, nor is
/// prose in parentheses. `None` for no `(` after the macro, no `)`, a
/// parenthesis inside, or an argument of one word (read as it is).
fn wrapped_argument(text: &str, end: usize) -> Option<(Range<usize>, usize)> {
    let after = text.get(end..)?;
    let open = end + (after.len() - after.trim_start().len());
    let inner_start = open + text.get(open..)?.strip_prefix('(').map(|_| 1)?;
    // The first parenthesis after the `(`, which must close it: searching
    // on for the `)` past another `(` made a cell of many macros left open
    // take time growing with the square of its length.
    let close = inner_start + text.get(inner_start..)?.find(['(', ')'])?;
    if !text[close..].starts_with(')') {
        return None;
    }
    let inner = &text[inner_start..close];
    let trimmed_start = inner.trim_start_matches(|c: char| c.is_whitespace() || c == '`');
    let argument = trimmed_start.trim_end_matches(|c: char| c.is_whitespace() || c == '`');
    let start = inner_start + (inner.len() - trimmed_start.len());
    let (mut names, mut others) = (0usize, 0usize);
    for (_, piece) in words(argument) {
        match token_of(piece) {
            Token::Identifier => names += 1,
            Token::Word => others += 1,
            Token::Hex(_) | Token::Decimal(_) => return None,
        }
    }
    (names >= 1 && names + others >= 2).then_some((start..start + argument.len(), close + 1))
}

/// The token and end (in bytes) of the run whose first group is `piece`,
/// the word of `text` at byte `start`, where groups of three digits split
/// by spaces follow it ([`crate::model::space_grouped_len`]): a number, or
/// a word where the run is longer than any 64-bit number, which no part
/// of it is read as either.
fn space_grouped(text: &str, start: usize, piece: &str) -> Option<(Token, usize)> {
    let rest = text.get(start..)?;
    if !rest
        .get(piece.len()..)?
        .starts_with(crate::model::is_group_space)
    {
        return None;
    }
    match crate::model::space_grouped_len(rest)? {
        crate::model::SpaceGrouped::Number(len) => Some((
            Token::Decimal(crate::model::whole_number(rest.get(..len)?)?),
            start + len,
        )),
        crate::model::SpaceGrouped::TooLong(len) => Some((Token::Word, start + len)),
    }
}

/// True when a cell whose words so far are `hex` codes, `decimal`
/// numbers, `identifier` names and plain `word`s is prose whatever follows
/// (see [`read_words`]' shapes): the brief reading stops there.
fn is_settled_prose(hex: usize, decimal: usize, identifier: usize, word: usize) -> bool {
    // Two decimals may still be forms of one code the cell writes after
    // them (`3707 -2146824581 0x800A0E7B`); three are not.
    word >= 2
        || identifier >= 2
        || decimal >= 3
        || (decimal >= 2 && identifier + word > 0)
        || (hex >= 2 && decimal + identifier + word > 0)
}

fn read_words(text: &str, brief: bool) -> CellShape {
    let mut tokens: Vec<Spanned> = Vec::new();
    let (mut hex, mut decimal, mut identifier, mut word) = (0usize, 0usize, 0usize, 0usize);
    // Labels ([`is_code_label`]) are kept as words, but count for nothing
    // beside a code or a name; alone (a column of types), they are words.
    let mut labels = 0usize;
    // The end of a code written in groups (`0x8024 0002`): the words up to
    // it are its digits, not words of their own.
    let mut grouped_until = 0;
    for (start, piece) in words(text) {
        if start < grouped_until {
            continue;
        }
        let grouped = piece
            .get(..2)
            .filter(|p| p.eq_ignore_ascii_case("0x"))
            .and_then(|_| crate::model::separated_hex(&text[start + 2..]));
        // `3707-2146824581`: a code's low word and its signed value, the
        // space between them lost (machine translation drops it before a
        // minus sign). Two numbers, not one word.
        if grouped.is_none()
            && let Some(at) = glued_negative(piece)
        {
            for span in [start..start + at, start + at..start + piece.len()] {
                if let Token::Decimal(n) = token_of(&text[span.clone()]) {
                    decimal += 1;
                    tokens.push(Spanned {
                        token: Token::Decimal(n),
                        span,
                    });
                }
            }
            if brief && is_settled_prose(hex, decimal, identifier, word) {
                return CellShape {
                    tokens,
                    shape: Shape::Prose,
                };
            }
            continue;
        }
        let (token, piece) = match grouped {
            Some(g) => {
                grouped_until = start + 2 + g.len;
                (
                    Token::Hex(HexDigits::new(&g.digits)),
                    &text[start..grouped_until],
                )
            }
            None => match token_of(piece) {
                // A number whose digits a locale groups by spaces
                // (`-2 147 024 891`): one number, not a number per group.
                Token::Decimal(n) => match space_grouped(text, start, piece) {
                    Some((token, end)) => {
                        grouped_until = end;
                        (token, &text[start..end])
                    }
                    None => (Token::Decimal(n), piece),
                },
                token => (token, piece),
            },
        };
        if token == Token::Identifier && is_code_label(piece) {
            labels += 1;
            tokens.push(Spanned {
                token: Token::Word,
                span: start..start + piece.len(),
            });
            // The name a macro wraps, in words that translation split
            // and reordered: one name, as it would be written whole.
            if is_wrapping_macro(piece)
                && let Some((argument, end)) = wrapped_argument(text, start + piece.len())
            {
                identifier += 1;
                tokens.push(Spanned {
                    token: Token::Identifier,
                    span: argument,
                });
                grouped_until = end;
            }
            continue;
        }
        match token {
            Token::Hex(_) => hex += 1,
            Token::Decimal(_) => decimal += 1,
            Token::Identifier => identifier += 1,
            Token::Word => word += 1,
        }
        tokens.push(Spanned {
            token,
            span: start..start + piece.len(),
        });
        if brief && is_settled_prose(hex, decimal, identifier, word) {
            return CellShape {
                tokens,
                shape: Shape::Prose,
            };
        }
    }
    if hex + decimal + identifier == 0 {
        word += labels;
    }
    let shape = match (hex, decimal, identifier, word) {
        (0, 0, 0, 0) => Shape::Empty,
        (1, 0, 0, 0) => Shape::Hex,
        (0, 1, 0, 0) => Shape::Decimal,
        (0, 0, 1, 0) => Shape::Identifier,
        // A code with its name, an alias in parentheses, or a word such as
        // "error" beside them.
        (1, 0, 1, 0..=1) | (1, 1, 1, 0) => Shape::HexAndIdentifier,
        (0, 1, 1, 0..=1) => Shape::DecimalAndIdentifier,
        // `2 (0x2)`: a Win32 code written twice.
        (1, 1, 0, 0) => Shape::Hex,
        // `3707 -2146824581 0x800A0E7B`: one code in three forms, its low
        // word, its signed value and its hex.
        (1, 2, 0, 0) if forms_of_one_code(&tokens) => Shape::Hex,
        // `Error 0x800F081F`, `Kesalahan 0x800F081F`: a code under a
        // one-word label, as support articles write their code column.
        (1, 0, 0, 1) if is_label_and_code(text, &tokens) => Shape::Hex,
        // `0x80070005 (0x5)`: an HRESULT and its Win32 error, one code.
        (2.., 0, 0, 0) if is_hresult_and_win32(text, &tokens) => Shape::Hex,
        (n, 0, 0, 0) if n > 1 => Shape::HexList,
        // `0x80070057 or 0x80070006`, `0x1 und 0x2`: codes joined by a
        // short word.
        (n, 0, 0, w) if n > 1 && w < n && joined_by_words(text, &tokens) => Shape::HexList,
        // `0x80070005 (E_ACCESSDENIED, ERROR_ACCESS_DENIED)`: one code and
        // the several names it goes by.
        (1, 0, 2.., _) if is_code_and_listed_names(text, &tokens) => Shape::HexAndIdentifier,
        (0, 1, 2.., _) if is_code_and_listed_names(text, &tokens) => Shape::DecimalAndIdentifier,
        _ => Shape::Prose,
    };
    CellShape { tokens, shape }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_of_the_cells_pages_write() {
        let cases = [
            ("0x80240001", Shape::Hex),
            ("0x80cf0001", Shape::Hex),
            ("0X8007000D", Shape::Hex),
            ("0x80070005L", Shape::Hex),
            ("0x80070005u", Shape::Hex),
            ("80070005h", Shape::Hex),
            ("8000401h", Shape::Hex),
            ("24h", Shape::Prose),
            ("=0x87D101F8", Shape::Hex),
            ("0x800704CF.", Shape::Hex),
            ("x8024EFFF", Shape::Hex),
            ("80CF0001", Shape::Hex),
            ("0x240001", Shape::Hex),
            ("2 (0x2)", Shape::Hex),
            ("3707 -2146824581 0x800A0E7B", Shape::Hex),
            ("3707-2146824581 0x800A0E7B", Shape::Hex),
            ("3220 -2146825068 0X800A0C94", Shape::Hex),
            // A wrong form is still the cell's number (the decimal column
            // reports it); numbers that are no form of the code are prose.
            ("3707 -2146824582 0x800A0E7B", Shape::Hex),
            ("12 34 0x800A0E7B", Shape::Prose),
            ("1000-1999", Shape::Prose),
            ("5 1234", Shape::Prose),
            ("-2145124351", Shape::Decimal),
            ("\u{2212}2145124351", Shape::Decimal),
            ("-2,145,124,351", Shape::Decimal),
            ("4.294.967.295", Shape::Decimal),
            ("-2 147 024 891", Shape::Decimal),
            ("-2\u{A0}147\u{A0}024\u{A0}891", Shape::Decimal),
            ("\u{2212}2\u{202F}147\u{202F}024\u{202F}891", Shape::Decimal),
            ("1\u{2009}223", Shape::Decimal),
            // Arabic-Indic and Persian digits, after a sign too, in groups
            // split by Arabic's own marks.
            ("-٢٬١٤٧٬٠٢٤٬٨٩١", Shape::Decimal),
            ("-۲۱۴۷۰۲۴۸۹۱", Shape::Decimal),
            ("٢٫١٤٧٫٠٢٤٫٨٩١", Shape::Decimal),
            ("-٢٬١٤", Shape::Prose),
            ("1 223 (0x4C7)", Shape::Hex),
            ("5 1234", Shape::Prose),
            ("10.0.19041", Shape::Prose),
            ("０ｘ８００７００５７", Shape::Hex),
            ("13", Shape::Decimal),
            ("0L", Shape::Decimal),
            ("WU_E_NO_SERVICE", Shape::Identifier),
            ("Error_Invalid_Name", Shape::Identifier),
            ("WSAEINTR", Shape::Identifier),
            ("BG_E_NOT_FOUND (0x80200001)", Shape::HexAndIdentifier),
            ("0x80004004 (E_ABORT)", Shape::HexAndIdentifier),
            ("SEC_E_ILLEGAL_MESSAGE\n0x80090326", Shape::HexAndIdentifier),
            ("E_UNEXPECTED 0x8000FFFF", Shape::HexAndIdentifier),
            (
                "10 (APP_CI_ENFORCEMENT_IN_PROGRESS)",
                Shape::DecimalAndIdentifier,
            ),
            (
                "SSL3_ALERT_UNEXPECTED_MESSAGE\n10",
                Shape::DecimalAndIdentifier,
            ),
            ("0x80072EFD\n0x80072EFE\n0x80D02002", Shape::HexList),
            // Digits in groups are one code.
            ("0x8024 0002", Shape::Hex),
            ("0x8024_0002", Shape::Hex),
            ("0x80 24 00 02", Shape::Hex),
            ("WU_E_X (0x8024 0002)", Shape::HexAndIdentifier),
            ("0x8024 200", Shape::Hex),
            // A code under a one-word label; not under a phrase, nor a
            // label glued to it.
            ("Error 0x800F081F", Shape::Hex),
            ("Kesalahan 0x800F081F¹", Shape::Hex),
            ("See the 0x800F081F", Shape::Prose),
            ("Error: 0x800F081F", Shape::Prose),
            // A space after the prefix too.
            ("0x 8024 0002", Shape::Hex),
            ("0x 80240002", Shape::Hex),
            ("WU_E_X (0x 8024 0002)", Shape::HexAndIdentifier),
            ("0x8024 0001 0x8024 0002", Shape::HexList),
            // A code beside a macro whose wrapped name machine translation
            // split and reordered: the macro's argument is one name.
            (
                "HRESULT_FROM_WIN32(ERROR_FILE NOT__FOUND) 0x80070002",
                Shape::HexAndIdentifier,
            ),
            (
                "HRESULT_FROM_WIN32( ERROR_FILE NOT FOUND ) 0x80070002",
                Shape::HexAndIdentifier,
            ),
            ("HRESULT_FROM_WIN32(see the log) 0x80070002", Shape::Prose),
            ("0x80070057 or 0x80070006", Shape::HexList),
            ("0x80070005 (0x5)", Shape::Hex),
            ("0x80070057 （0x0057）", Shape::Hex),
            ("`0x80070005` (`0x5`)", Shape::Hex),
            ("0x80070005 (0x5) (0x5)", Shape::Hex),
            ("0x80070005 (0x5 (0x0005))", Shape::Hex),
            ("0x80070005 (0x5) (0x6)", Shape::HexList),
            ("0x80070005 (0x5))", Shape::HexList),
            ("0x80070005 ((0x5)", Shape::HexList),
            ("0x80070005 (0x80070006)", Shape::HexList),
            ("0x80040005 (0x5)", Shape::HexList),
            ("0x1 oder 0x2 oder 0x3", Shape::HexList),
            ("0x80070057 otherwise 0x80070006", Shape::Prose),
            ("0x80240010 to 0x80240020", Shape::CodeRange),
            ("0x80240010 bis 0x80240020", Shape::CodeRange),
            ("0x8024xxxx", Shape::CodeRange),
            ("0xC1900101 - 0xC1900107", Shape::CodeRange),
            ("or 0x80070057 0x80070006", Shape::Prose),
            // A code and a note.
            ("0x80240002 (hex)", Shape::Hex),
            ("0x80240002（十六进制）", Shape::Hex),
            ("0x8024 0002 (see the note below)", Shape::Hex),
            ("0x80240002 (0x2)", Shape::HexList),
            ("0x80240002 - see below", Shape::Hex),
            ("(hex)", Shape::Prose),
            // A code or a name under the C type or macro that labels it.
            ("HRESULT 0x80004004 (E_ABORT)", Shape::HexAndIdentifier),
            ("E_ABORT (HRESULT 0x80004004)", Shape::HexAndIdentifier),
            ("HRESULT 0x80004004", Shape::Hex),
            ("Error 0x80070057 (hex)", Shape::Hex),
            (
                "HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)",
                Shape::Identifier,
            ),
            ("HRESULT", Shape::Prose),
            ("HRESULT NTSTATUS", Shape::Prose),
            ("The agent could not provide the service.", Shape::Prose),
            ("28001:Bad wallpaper image", Shape::Prose),
            ("500 error", Shape::Prose),
            ("No status (APP_CI_ENFORCEMENT_UNKNOWN)", Shape::Prose),
            ("代理无法提供服务。", Shape::Prose),
            ("", Shape::Empty),
            ("Success", Shape::Prose),
            ("NULL", Shape::Identifier),
            // One code and the several names it goes by.
            (
                "0x80070005 (E_ACCESSDENIED, ERROR_ACCESS_DENIED)",
                Shape::HexAndIdentifier,
            ),
            ("E_A / E_B 0x80004001", Shape::HexAndIdentifier),
            ("0x80070005 (E_A or E_B)", Shape::HexAndIdentifier),
            ("5 (ERROR_A, ERROR_B)", Shape::DecimalAndIdentifier),
            ("0x80070005 (E_A is E_B)", Shape::Prose),
            ("E_A 0x80070005 E_B", Shape::Prose),
            ("0x80070005 (or E_A, E_B)", Shape::Prose),
            // Directional marks around a code inside a right-to-left cell.
            (
                "WU_E_NO_SERVICE (\u{200F}0x80240001\u{200F})",
                Shape::HexAndIdentifier,
            ),
        ];
        for (text, shape) in cases {
            assert_eq!(shape_of(text).shape, shape, "{text:?}");
        }
    }

    #[test]
    fn a_code_in_groups_is_one_token() {
        let text = "WU_E_X (0x8024 0002)";
        let shape = shape_of(text);
        assert_eq!(shape.hex_span().map(|s| &text[s]), Some("0x8024 0002"));
        assert!(
            shape
                .tokens
                .iter()
                .any(|t| t.token == Token::Hex(HexDigits::new("80240002")))
        );
    }

    /// Digits grouped by spaces are one number where the grouping is
    /// regular, in prose too (`5 123`: 5123, which a description's reader
    /// may still match as two numbers); irregular groups stay apart.
    #[test]
    fn a_number_grouped_by_spaces_is_one_token() {
        let decimals = |text: &str| -> Vec<i64> {
            shape_of(text)
                .tokens
                .iter()
                .filter_map(|t| match t.token {
                    Token::Decimal(n) => Some(n),
                    _ => None,
                })
                .collect()
        };
        let text = "-2 147 024 891";
        assert_eq!(decimals(text), [-2_147_024_891]);
        assert_eq!(shape_of(text).decimal_span().map(|s| &text[s]), Some(text));
        assert_eq!(decimals("codes 5 123 and 7"), [5123, 7]);
        assert_eq!(decimals("codes 5 1234 and 7"), [5, 1234, 7]);
        assert_eq!(decimals("1 223 4"), [1, 223, 4]);
        assert_eq!(decimals("Windows 10 1809"), [10, 1809]);
        // A run longer than any 64-bit number is no number, nor is its tail.
        let long = "1 000 000 000 000 000 000 000";
        assert_eq!(decimals(long), [] as [i64; 0]);
        assert_ne!(shape_of(long).shape, Shape::Decimal);
        assert_eq!(decimals(&format!("{long} 4")), [4]);
        assert_eq!(decimals("-2 147 024 891 000 000 000 000 000 and 7"), [7]);
    }

    /// The brief reading stops once a cell is prose, whatever its words:
    /// numbers glued by a minus sign (`3707-2146824581`) too.
    #[test]
    fn the_brief_shape_stops_at_prose() {
        for word in ["word", "3707-2146824581", "12"] {
            let text = format!("{word} ").repeat(1_000);
            let brief = brief_shape_of(&text);
            assert_eq!(brief.shape, Shape::Prose, "{word}");
            assert!(brief.tokens.len() <= 4, "{word}: {}", brief.tokens.len());
        }
    }

    #[test]
    fn a_name_wrapped_in_a_macro_is_the_name() {
        for (text, name) in [
            (
                "HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)",
                Some("ERROR_FILE_NOT_FOUND"),
            ),
            (
                "`HRESULT_FROM_WIN32( ERROR_CANCELLED )`",
                Some("ERROR_CANCELLED"),
            ),
            ("HRESULT_FROM_WIN32(ERROR_X) or more", None),
            (
                "HRESULT_FROM_WIN32(ERROR_FILE NOT__FOUND)",
                Some("ERROR_FILE NOT__FOUND"),
            ),
            ("MY_MACRO(ERROR_X)", None),
            ("ERROR_X", None),
        ] {
            assert_eq!(name_in_wrapper(text).map(|s| &text[s]), name, "{text:?}");
        }
    }

    #[test]
    fn a_note_or_mark_after_a_name_is_not_the_name() {
        let cases = [
            ("RPC_E_SERVERFAULT (deprecated)", Some("RPC_E_SERVERFAULT")),
            ("RPC_E_SERVERFAULT (preterido)", Some("RPC_E_SERVERFAULT")),
            ("RPC_E_DISCONNECTED*", Some("RPC_E_DISCONNECTED")),
            ("E_PENDING †", Some("E_PENDING")),
            ("E_PENDING¹", Some("E_PENDING")),
            // The name alone, or not a note.
            ("RPC_E_DISCONNECTED", None),
            ("E_FAIL.", None),
            ("E_ABORT (E_FAIL)", None),
            ("ERROR_X (0x5)", None),
            ("See E_FAIL (below)", None),
            ("0x80004004 (hex)", None),
            (
                "HYPERLINK (\"http://example.com\",\"x\")",
                Some("HYPERLINK"),
            ),
            ("=HYPERLINK (\"http://example.com\",\"x\")", None),
            ("HYPERLINK(\"http://example.com\",\"x\")", None),
        ];
        for (text, name) in cases {
            assert_eq!(name_before_note(text).map(|s| &text[s]), name, "{text:?}");
        }
        assert_eq!(
            shape_of("RPC_E_SERVERFAULT (deprecated)").shape,
            Shape::Identifier
        );
    }

    #[test]
    fn a_note_after_a_code_is_not_the_code() {
        for (text, code) in [
            ("0x80240002 (hex)", Some("0x80240002")),
            ("0x80240002（十六进制）", Some("0x80240002")),
            ("0x80240002 - see below", Some("0x80240002")),
            ("0x80240002 – siehe unten", Some("0x80240002")),
            ("0x8024 0002 (hex)", Some("0x8024 0002")),
            // A code that lost its `0` starts with a letter, and is a code.
            ("x8024EFFF (hex)", Some("x8024EFFF")),
            ("X8024EFFF - see below", Some("X8024EFFF")),
            ("0x80004004 (E_ABORT)", None),
            ("0x80240002 - 0x80240003", None),
            ("WU_E_X - see below", None),
            ("0x80240002", None),
            // Marks that point to a note below the table.
            ("0x80070005¹", Some("0x80070005")),
            ("0x80004005*", Some("0x80004005")),
            ("0x80004005 †", Some("0x80004005")),
            ("0x8000400*", Some("0x8000400")),
            ("E_FAIL*", None),
            // Under a label.
            ("Error 0x80070057 (hex)", Some("0x80070057")),
            ("HRESULT 0x80070057 - see below", Some("0x80070057")),
            ("See 0x80070057 (hex)", Some("0x80070057")),
            ("See the 0x80070057 (hex)", None),
        ] {
            assert_eq!(code_before_note(text).map(|s| &text[s]), code, "{text:?}");
        }
    }

    #[test]
    fn a_setup_result_code_and_its_extend_code_read_as_the_code() {
        for (text, code, extend) in [
            ("0xC1900101 - 0x20004", Some("0xC1900101"), Some("0x20004")),
            ("0xC1900101 – 0x4000D", Some("0xC1900101"), Some("0x4000D")),
            ("0xC1900101-0x2000c", Some("0xC1900101"), Some("0x2000c")),
            (
                "Error 0x80070070 - 0x50011",
                Some("0x80070070"),
                Some("0x50011"),
            ),
            // A code that lost a digit is still the row's code.
            ("0xC190101 - 0x20017", Some("0xC190101"), Some("0x20017")),
            // Two full codes are a range; a short code leads no extend code.
            ("0xC1900101 - 0xC1900107", None, None),
            ("0x1 - 0x20004", None, None),
            ("0xC1900101 - see below", Some("0xC1900101"), None),
            ("WU_E_X - 0x20004", None, None),
        ] {
            assert_eq!(code_before_note(text).map(|s| &text[s]), code, "{text:?}");
            assert_eq!(extend_code(text).map(|s| &text[s]), extend, "{text:?}");
            if extend.is_some() {
                assert_eq!(shape_of(text).shape, Shape::Hex, "{text:?}");
                // The extend code is no note to describe the code with.
                assert_eq!(note_after_code(text), None, "{text:?}");
            }
        }
    }

    #[test]
    fn names_listed_in_a_cell_and_what_parts_them() {
        for (text, names, separators) in [
            (
                "E_ACCESSDENIED\nE_FAIL",
                vec!["E_ACCESSDENIED", "E_FAIL"],
                vec!["\n"],
            ),
            ("E_A, E_B", vec!["E_A", "E_B"], vec![","]),
            ("E_A or E_B", vec!["E_A", "E_B"], vec!["or"]),
        ] {
            let spans = listed_names(text).expect(text);
            let found: Vec<&str> = spans.iter().map(|s| &text[s.clone()]).collect();
            assert_eq!(found, names, "{text:?}");
            assert_eq!(list_separators(text, &spans), separators, "{text:?}");
        }
        for text in ["E_FAIL", "E_A is E_B", "E_A 0x80004005", ""] {
            assert_eq!(listed_names(text), None, "{text:?}");
        }
        let codes = "0x80070005 \n0x80004005";
        assert_eq!(list_separators(codes, &[0..10, 12..22]), ["\n"]);
    }

    #[test]
    fn several_names_of_one_code_are_found_alone_or_beside_it() {
        for (text, names) in [
            (
                "E_ACCESSDENIED, ERROR_ACCESS_DENIED",
                vec!["E_ACCESSDENIED", "ERROR_ACCESS_DENIED"],
            ),
            ("E_A / E_B", vec!["E_A", "E_B"]),
            ("E_A\nE_B", vec!["E_A", "E_B"]),
            ("0x80070005 (E_A, E_B)", vec!["E_A", "E_B"]),
            ("E_A / E_B 0x80004001", vec!["E_A", "E_B"]),
        ] {
            let spans = several_names(text).expect(text);
            let found: Vec<&str> = spans.iter().map(|s| &text[s.clone()]).collect();
            assert_eq!(found, names, "{text:?}");
        }
        for text in [
            "E_FAIL",
            "0x80004005 (E_FAIL)",
            "E_FAIL (deprecated)",
            "E_A (see E_B)",
            "ERROR_FILE NOT__FOUND",
            "0x80070002 ERROR_FILE NOT__FOUND",
            "0x1<br>0x2",
            "",
        ] {
            assert_eq!(several_names(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_note_after_a_dash_is_told_from_the_code() {
        for (text, note) in [
            ("0x80240002 - see below", Some("see below")),
            (
                "0x80240002 —  The agent failed. ",
                Some("The agent failed."),
            ),
            ("0x8024 0002 – siehe unten", Some("siehe unten")),
            ("0x80240002 (hex)", None),
            ("0x80240002 - 0x80240003", None),
            ("WU_E_X - see below", None),
            ("0x80240002", None),
        ] {
            assert_eq!(note_after_code(text).map(|s| &text[s]), note, "{text:?}");
        }
    }

    #[test]
    fn a_code_and_its_note_read_as_a_code() {
        for text in ["0x80240002 - see below", "0x80240002 (hex)"] {
            assert_eq!(shape_of(text).shape, Shape::Hex, "{text:?}");
        }
    }

    #[test]
    fn a_name_leading_its_text_is_found() {
        for (text, found) in [
            (
                "DO_E_X: The download failed.",
                Some(("DO_E_X", "The download failed.")),
            ),
            ("WU_E_Y - Some text", Some(("WU_E_Y", "Some text"))),
            ("`WU_E_Y`：文本", Some(("WU_E_Y", "文本"))),
            ("WU_E_Y — text", Some(("WU_E_Y", "text"))),
            ("WU_E_Y-text", None),
            ("WU_E_Y is returned when", None),
            ("WU_E_Y:", None),
            ("The agent: WU_E_Y", None),
        ] {
            let got = name_before_text(text).map(|(name, rest)| (&text[name], &text[rest]));
            assert_eq!(got, found, "{text:?}");
        }
    }

    #[test]
    fn tokens_keep_their_place() {
        let text = "BG_E_NOT_FOUND (0x80200001)";
        let shape = shape_of(text);
        assert_eq!(
            shape.identifier_span().map(|s| &text[s]),
            Some("BG_E_NOT_FOUND")
        );
        assert_eq!(shape.hex_span().map(|s| &text[s]), Some("0x80200001"));
        let text = "10 (APP_CI_ENFORCEMENT_IN_PROGRESS)";
        let shape = shape_of(text);
        assert_eq!(shape.decimal_span().map(|s| &text[s]), Some("10"));
        assert_eq!(
            shape.identifier_span().map(|s| &text[s]),
            Some("APP_CI_ENFORCEMENT_IN_PROGRESS")
        );
    }
}
