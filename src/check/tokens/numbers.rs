//! Numbers as descriptions write them in any locale, and which numbers of
//! a translation and its source agree as values.
//!
//! Locales write one number differently: `4,294,967,295` (en),
//! `4.294.967.295` (de), `4 294 967 295` with a (narrow) no-break space
//! (fr), `4'294'967'295` (de-CH); `2.5` (en) and `2,5` (de, fr); `５`
//! with full-width digits (ja, zh). A number is read here as the runs of
//! digits joined by such separators, and compared by the values it can
//! be read as: where a text alone cannot tell (`1,234` is 1234 in en and
//! 1.234 in de), either reading that makes the two sides agree is taken,
//! and only a number that no reading of the other side matches is
//! reported.

use std::borrow::Cow;

use crate::ingest::text::is_identifier_char;

/// The characters that join the digit groups of a number in some locale:
/// grouping (`.`, `,`, `'`, a space, a no-break, thin or narrow no-break
/// space, Arabic's `٬` and `٫`: [`crate::model::is_group_separator`]) or
/// decimal ([`is_decimal_point`]).
fn is_separator(c: char) -> bool {
    crate::model::is_group_separator(c)
}

/// True for the characters locales put before the fraction of a number:
/// `.` (en), `,` (de, fr), and Arabic's decimal separator U+066B `٫`
/// (`٢٫٥`), which can also group thousands as `.` does in de (`٤٫٢٩٤`
/// reads either way, as `4.294` does).
fn is_decimal_point(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{066B}')
}

/// The ASCII digit of an ASCII, a full-width (U+FF10..U+FF19, which CJK
/// text writes in running text), an Arabic-Indic (U+0660..U+0669) or a
/// Persian digit (U+06F0..U+06F9): the digits
/// [`crate::model::fold_number_forms`] folds, as the reader of code
/// columns does.
fn ascii_digit(c: char) -> Option<char> {
    let from = |zero: u32| char::from_u32(u32::from(c) - zero + u32::from(b'0'));
    match c {
        '0'..='9' => Some(c),
        '\u{ff10}'..='\u{ff19}' => from(0xff10),
        '\u{0660}'..='\u{0669}' => from(0x0660),
        '\u{06f0}'..='\u{06f9}' => from(0x06f0),
        _ => None,
    }
}

/// The character at byte `at` of `text`, if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|rest| rest.chars().next())
}

/// The end of the run of digits that starts at byte `at`.
fn digits_end(text: &str, at: usize) -> usize {
    let mut end = at;
    while let Some(c) = char_at(text, end).filter(|c| ascii_digit(*c).is_some()) {
        end += c.len_utf8();
    }
    end
}

/// One run of digits of a number, as written and as ASCII digits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Group<'a> {
    written: &'a str,
    digits: Cow<'a, str>,
}

/// A number of a description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number<'a> {
    /// The number as the text writes it.
    pub written: &'a str,
    /// The values it can be read as, canonical (ASCII digits, no grouping,
    /// `.` before a fraction), in a fixed order; a number no locale's
    /// format explains (`10.0.19041`, `1,2,3`) has its digits and
    /// separators as written as its one value.
    values: Vec<Cow<'a, str>>,
    /// Its runs of digits when it has several (`5 100` may be two numbers
    /// side by side, which the other side can write apart).
    groups: Vec<Group<'a>>,
}

/// The numbers of `text`, in order. A number starts a word and ends one:
/// the digits of `0x80070005`, `Win32`, `100ms` or `E_5` are none.
pub fn numbers(text: &str) -> Vec<Number<'_>> {
    // Most descriptions have no digit at all (a full-width digit starts
    // with the byte 0xEF, an Arabic-Indic one with 0xD9, a Persian one
    // with 0xDB).
    if !text
        .bytes()
        .any(|b| b.is_ascii_digit() || matches!(b, 0xEF | 0xD9 | 0xDB))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut at = 0;
    while let Some(c) = char_at(text, at) {
        let starts_word =
            prev.is_none_or(|p| !is_identifier_char(p) && p != '.' && ascii_digit(p).is_none());
        if ascii_digit(c).is_some() && starts_word {
            let end = match read_number(text, at) {
                Some(number) => {
                    let end = at + number.written.len();
                    out.push(number);
                    end
                }
                // Digits glued to a word: the word is skipped whole.
                None => {
                    let mut end = at;
                    while let Some(c) = char_at(text, end)
                        .filter(|c| is_identifier_char(*c) || ascii_digit(*c).is_some())
                    {
                        end += c.len_utf8();
                    }
                    end
                }
            };
            prev = text[..end].chars().next_back();
            at = end;
            continue;
        }
        prev = Some(c);
        at += c.len_utf8();
    }
    out
}

/// The number that starts at byte `start`, a digit: its groups joined by
/// single separators, each group ending where a word would not go on.
/// `None` when its first digits are glued to a word.
fn read_number(text: &str, start: usize) -> Option<Number<'_>> {
    let mut groups = Vec::new();
    let mut separators = Vec::new();
    let mut at = start;
    let mut end_of_number = start;
    loop {
        let end = digits_end(text, at);
        if char_at(text, end).is_some_and(is_identifier_char) {
            // `4,294bytes`: the number ends before the glued group.
            separators.truncate(groups.len().saturating_sub(1));
            break;
        }
        groups.push(Group {
            written: &text[at..end],
            // Full-width digits as ASCII, as the reader folds them.
            digits: crate::model::fold_number_forms(&text[at..end]),
        });
        end_of_number = end;
        match char_at(text, end) {
            Some(s)
                if is_separator(s)
                    && char_at(text, end + s.len_utf8())
                        .is_some_and(|c| ascii_digit(c).is_some()) =>
            {
                separators.push(s);
                at = end + s.len_utf8();
            }
            _ => break,
        }
    }
    if groups.is_empty() {
        return None;
    }
    let written = &text[start..end_of_number];
    let values = readings(written, &groups, &separators);
    if groups.len() == 1 {
        groups.clear();
    }
    Some(Number {
        written,
        values,
        groups,
    })
}

/// The values a number of `groups` joined by `separators` can be read as:
/// a whole number grouped by one separator (`4.294.967.295`), a decimal
/// (`2,5`, `1,234.5`, `4.294.967,5`), both when both fit (`1,234`), or
/// else the number as written.
fn readings<'a>(written: &'a str, groups: &[Group<'a>], separators: &[char]) -> Vec<Cow<'a, str>> {
    let (Some(last), Some((last_separator, before))) = (groups.last(), separators.split_last())
    else {
        // A single run of digits.
        return groups.iter().map(|g| g.digits.clone()).collect();
    };
    // Grouped as the reader reads a decimal column's numbers
    // ([`crate::model::grouped_digits`]), on the digits as ASCII (the
    // separators are ASCII, spaces or Arabic's marks, which folding leaves
    // alone).
    let folded = crate::model::fold_number_forms(written);
    let mut values = Vec::new();
    if let Some(digits) = crate::model::grouped_digits(&folded) {
        values.push(Cow::Owned(digits.into_owned()));
    }
    // A decimal: a last separator that is a decimal one, after a whole part
    // that is one group or is grouped by another separator.
    let whole = folded
        .len()
        .checked_sub(last.digits.len() + last_separator.len_utf8())
        .and_then(|end| folded.get(..end));
    if is_decimal_point(*last_separator)
        && !before.contains(last_separator)
        && let Some(whole) = whole.and_then(crate::model::grouped_digits)
    {
        values.push(Cow::Owned(format!("{whole}.{}", last.digits)));
    }
    if values.is_empty() {
        // Not a number any locale writes: a version (`10.0.19041`), a list
        // (`1,2,3`). Compared as written, its spaces alike.
        let literal: String = written
            .chars()
            .map(|c| match c {
                c if crate::model::is_group_space(c) => ' ',
                c => ascii_digit(c).unwrap_or(c),
            })
            .collect();
        values.push(if literal == written {
            Cow::Borrowed(written)
        } else {
            Cow::Owned(literal)
        });
    }
    values
}

/// A number, or one group of a number that was split, being matched.
#[derive(Debug, Clone, Copy)]
struct Item<'n, 'a> {
    written: &'a str,
    values: &'n [Cow<'a, str>],
    groups: &'n [Group<'a>],
}

impl<'n, 'a> Item<'n, 'a> {
    fn whole(number: &'n Number<'a>) -> Self {
        Item {
            written: number.written,
            values: &number.values,
            groups: &number.groups,
        }
    }

    fn shares_a_value(&self, other: &Item) -> bool {
        self.values.iter().any(|v| other.values.contains(v))
    }

    /// The value of a whole number from 0 to 12 (see [`NUMBER_WORDS`]).
    fn small(&self) -> Option<usize> {
        self.values
            .iter()
            .find_map(|v| v.parse::<usize>().ok().filter(|n| *n < NUMBER_WORDS.len()))
    }
}

/// English number words, at their value. A translation may write a small
/// number in digits where the English source spells it out ("One or more
/// arguments" is `1 つ以上の引数` in Japanese), and spell out a number the
/// source writes in digits ("in 5 minutes" is "in fünf Minuten" in German):
/// style guides spell out numbers up to ten or twelve in running text, in
/// their own words. So a small number that the translation adds is
/// accepted when the source has its English word, and a small number the
/// translation lacks is accepted when the translation has no number in its
/// place (a changed number, 5 to 6, is still reported: the 6 is added).
/// Larger numbers are written in digits everywhere and must match.
const NUMBER_WORDS: [&str; 13] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
];

/// The numbers of a source description and of its translation that the
/// other side does not have, as written: `(lost, added)`, each in text
/// order. A number matches one the other side can be read as the same
/// value (see the module's documentation); a number that may be two side
/// by side (`5 100`) matches them apart; small numbers follow
/// `NUMBER_WORDS` (the English words for 0 to 12). `source_text` is the source's plain text, for its
/// number words.
pub fn unmatched<'s, 't>(
    source: &[Number<'s>],
    translation: &[Number<'t>],
    source_text: &str,
) -> (Vec<&'s str>, Vec<&'t str>) {
    let mut lost: Vec<Item> = source.iter().map(Item::whole).collect();
    let mut added: Vec<Item> = translation.iter().map(Item::whole).collect();
    // Same readings first, so that an ambiguous number does not take the
    // partner of one that has a single reading.
    pair_off_equal(&mut lost, &mut added);
    pair_off(&mut lost, &mut added, Item::shares_a_value);
    if !lost.is_empty() && !added.is_empty() {
        split_where_a_group_matches(&mut lost, &added);
        split_where_a_group_matches(&mut added, &lost);
        pair_off(&mut lost, &mut added, Item::shares_a_value);
    }
    if added.iter().any(|item| item.small().is_some()) {
        let mut words = [0usize; NUMBER_WORDS.len()];
        for word in super::words(source_text) {
            if let Some(n) = NUMBER_WORDS
                .iter()
                .position(|w| w.eq_ignore_ascii_case(word))
            {
                words[n] += 1;
            }
        }
        added.retain(|item| match item.small() {
            Some(n) if words[n] > 0 => {
                words[n] -= 1;
                false
            }
            _ => true,
        });
    }
    if added.is_empty() {
        lost.retain(|item| item.small().is_none());
    }
    (
        lost.iter().map(|i| i.written).collect(),
        added.iter().map(|i| i.written).collect(),
    )
}

/// [`pair_off`] for items with the same readings, through a map from the
/// readings to the items of `a` that have them: a description of tens of
/// thousands of numbers, all in the translation in another order, was
/// compared number by number (minutes).
fn pair_off_equal<'n, 's, 't>(a: &mut Vec<Item<'n, 's>>, b: &mut Vec<Item<'n, 't>>) {
    use std::collections::{HashMap, VecDeque};
    let mut by_values: HashMap<&[Cow<'_, str>], VecDeque<usize>> = HashMap::new();
    for (i, item) in a.iter().enumerate() {
        by_values.entry(item.values).or_default().push_back(i);
    }
    let mut taken = vec![false; a.len()];
    b.retain(|y| {
        let found = by_values.get_mut(y.values).and_then(VecDeque::pop_front);
        if let Some(i) = found {
            taken[i] = true;
        }
        found.is_none()
    });
    let mut taken = taken.into_iter();
    a.retain(|_| !taken.next().unwrap_or(false));
}

/// Removes from `a` and `b` the pairs that `same` matches, each item of
/// `b` taking the first unmatched item of `a`, in order.
fn pair_off<'n, 's, 't>(
    a: &mut Vec<Item<'n, 's>>,
    b: &mut Vec<Item<'n, 't>>,
    same: impl Fn(&Item<'n, 's>, &Item<'n, 't>) -> bool,
) {
    let mut taken = vec![false; a.len()];
    b.retain(|y| {
        let found = a
            .iter()
            .enumerate()
            .position(|(i, x)| !taken[i] && same(x, y));
        if let Some(i) = found {
            taken[i] = true;
        }
        found.is_none()
    });
    let mut taken = taken.into_iter();
    a.retain(|_| !taken.next().unwrap_or(false));
}

/// Replaces each number of `items` that has several groups, one of which
/// is a value of `others`, by its groups: `5 100` written where the other
/// side has `5` and `100` apart.
fn split_where_a_group_matches<'n, 'a>(items: &mut Vec<Item<'n, 'a>>, others: &[Item]) {
    let splits = |item: &Item| {
        item.groups
            .iter()
            .any(|g| others.iter().any(|o| o.values.contains(&g.digits)))
    };
    if !items.iter().any(splits) {
        return;
    }
    *items = std::mem::take(items)
        .into_iter()
        .flat_map(|item| {
            if splits(&item) {
                item.groups
                    .iter()
                    .map(|g| Item {
                        written: g.written,
                        values: std::slice::from_ref(&g.digits),
                        groups: &[],
                    })
                    .collect::<Vec<_>>()
            } else {
                vec![item]
            }
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers of `text`, as written.
    fn written(text: &str) -> Vec<&str> {
        numbers(text).into_iter().map(|n| n.written).collect()
    }

    /// What `translation` loses and adds against `source`.
    fn compare<'a>(source: &'a str, translation: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
        unmatched(&numbers(source), &numbers(translation), source)
    }

    const NONE: (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());

    #[test]
    fn numbers_are_read_whole_and_never_inside_words() {
        assert_eq!(
            written("larger than 4,294,967,295 bytes, 2.5 s, HTTP/1.1, 10.0.19041 and 1, 2, 3."),
            ["4,294,967,295", "2.5", "1.1", "10.0.19041", "1", "2", "3"]
        );
        assert_eq!(
            written("0x80070005 E_5 Win32 100ms x86 4,294bytes (5)"),
            ["4", "5"]
        );
        assert_eq!(
            written("５ 分後 or ２,５ or 4\u{202f}294 or 4\u{a0}294"),
            ["５", "２,５", "4\u{202f}294", "4\u{a0}294"]
        );
        assert!(written("no digits at all").is_empty());
    }

    #[test]
    fn grouping_and_decimal_separators_of_any_locale_read_as_one_value() {
        let source = "The file is larger than 4,294,967,295 bytes after 2.5 seconds.";
        for translation in [
            "Die Datei ist größer als 4.294.967.295 Bytes, nach 2,5 Sekunden.",
            "Le fichier dépasse 4 294 967 295 octets après 2,5 secondes.",
            "Le fichier dépasse 4\u{a0}294\u{a0}967\u{a0}295 octets après 2,5 secondes.",
            "Le fichier dépasse 4\u{202f}294\u{202f}967\u{202f}295 octets après 2,5 secondes.",
            "Die Datei ist grösser als 4'294'967'295 Bytes, nach 2.5 Sekunden.",
            "ファイルが 4,294,967,295 バイトを超えています。2.5 秒後。",
            "ファイルが ４,２９４,９６７,２９５ バイトを超えています。２.５ 秒後。",
        ] {
            assert_eq!(compare(source, translation), NONE, "{translation}");
        }
        // Grouping and a decimal separator together, either way round.
        assert_eq!(compare("1,234.5 MB", "1.234,5 MB"), NONE);
        assert_eq!(compare("1,234.5 MB", "1 234,5 MB"), NONE);
        // Ambiguous: 1,234 is a thousand and more in en, a decimal in de.
        assert_eq!(compare("1,234 items", "1.234 Elemente"), NONE);
        assert_eq!(compare("1.234 items", "1234 Elemente"), NONE);
        // A thin space groups digits as the other spaces do.
        assert_eq!(
            compare(
                "4,294,967,295 bytes",
                "4\u{2009}294\u{2009}967\u{2009}295 octets"
            ),
            NONE
        );
        assert_eq!(
            compare(
                "4,294,967,295 bytes",
                "4\u{2009}294\u{2009}967\u{2009}296 octets"
            ),
            (
                vec!["4,294,967,295"],
                vec!["4\u{2009}294\u{2009}967\u{2009}296"]
            )
        );
        // Two numbers side by side on one side, apart on the other.
        assert_eq!(compare("Windows 10 1809", "Windows 10 Version 1809"), NONE);
        assert_eq!(compare("Windows 10.0.19041", "Windows 10.0.19041"), NONE);
    }

    /// Prose may put two numbers side by side where a locale groups the
    /// digits of one: `5 123` is a first group and a group of three, so it
    /// reads as 5123, and also as 5 and 123 apart where the other side has
    /// them so; irregular groups (`5 1234`) are only numbers side by side.
    #[test]
    fn numbers_side_by_side_in_prose_read_either_way() {
        assert_eq!(written("codes 5 123 and 7"), ["5 123", "7"]);
        assert_eq!(compare("codes 5123 and 7", "codes 5 123 et 7"), NONE);
        assert_eq!(compare("codes 5, 123 and 7", "codes 5 123 et 7"), NONE);
        assert_eq!(
            compare("codes 5 and 7", "codes 5 123 et 7"),
            (vec![], vec!["123"])
        );
        assert_eq!(
            compare("codes 5 123 and 7", "codes 5 124 et 7"),
            (vec!["5 123"], vec!["5 124"])
        );
        assert_eq!(compare("codes 5 1234 and 7", "codes 5, 1234 et 7"), NONE);
        assert_eq!(
            compare("codes 5 1234 and 7", "codes 51234 et 7"),
            (vec!["5 1234"], vec!["51234"])
        );
    }

    /// Arabic writes its numbers with its own digits (Arabic-Indic, and
    /// Persian's) and marks: U+066C `٬` groups thousands and U+066B `٫`
    /// is its decimal point, as the reader of decimal columns takes them
    /// ([`crate::model::is_group_separator`]).
    #[test]
    fn arabic_digits_and_separators_read_as_their_values() {
        assert_eq!(
            written("بعد ٢٫٥ ثانية و ٤٬٢٩٤٬٩٦٧٬٢٩٥ بايت و ۱۰ دقیقه"),
            ["٢٫٥", "٤٬٢٩٤٬٩٦٧٬٢٩٥", "۱۰"]
        );
        let source = "The file is larger than 4,294,967,295 bytes after 2.5 seconds.";
        for translation in [
            "الملف أكبر من ٤٬٢٩٤٬٩٦٧٬٢٩٥ بايت بعد ٢٫٥ ثانية.",
            "الملف أكبر من 4٬294٬967٬295 بايت بعد 2٫5 ثانية.",
            "فایل بزرگ‌تر از ۴٬۲۹۴٬۹۶۷٬۲۹۵ بایت پس از ۲٫۵ ثانیه است.",
        ] {
            assert_eq!(compare(source, translation), NONE, "{translation}");
        }
        // Grouping and a decimal point, in Arabic's marks.
        assert_eq!(compare("1,234.5 MB", "١٬٢٣٤٫٥ MB"), NONE);
        // Ambiguous as `1.234` is: a thousand and more, or a decimal.
        assert_eq!(compare("1.234 items", "١٫٢٣٤ عنصر"), NONE);
        assert_eq!(compare("1234 items", "١٫٢٣٤ عنصر"), NONE);
        assert_eq!(
            compare("after 2.5 seconds", "بعد ٣٫٥ ثانية"),
            (vec!["2.5"], vec!["٣٫٥"])
        );
    }

    #[test]
    fn a_changed_number_is_reported_in_every_format() {
        assert_eq!(
            compare("after 30 seconds", "nach 300 Sekunden"),
            (vec!["30"], vec!["300"])
        );
        assert_eq!(
            compare("try again in 5 minutes", "in 6 Minuten"),
            (vec!["5"], vec!["6"])
        );
        assert_eq!(
            compare(
                "larger than 4,294,967,295 bytes",
                "größer als 4.294.967.296 Bytes"
            ),
            (vec!["4,294,967,295"], vec!["4.294.967.296"])
        );
        assert_eq!(
            compare("after 2.5 seconds", "nach 3,5 Sekunden"),
            (vec!["2.5"], vec!["3,5"])
        );
        // Grouped one way, the value is another: 4,294 is not 4.294,0.
        assert_eq!(
            compare("HTTP status 404", "HTTP-Status ４０５"),
            (vec!["404"], vec!["４０５"])
        );
        assert_eq!(
            compare("between 1 and 10", "entre 1 et 100"),
            (vec!["10"], vec!["100"])
        );
        // A large number dropped is lost, spelt out or not.
        assert_eq!(
            compare("after 30 seconds", "nach dreißig Sekunden"),
            (vec!["30"], vec![])
        );
    }

    #[test]
    fn small_numbers_may_be_spelt_out_on_either_side() {
        assert_eq!(
            compare(
                "One or more arguments are invalid.",
                "1 つ以上の引数が無効です。"
            ),
            NONE
        );
        assert_eq!(
            compare(
                "Retry two or three times.",
                "2 回または 3 回再試行してください。"
            ),
            NONE
        );
        assert_eq!(
            compare(
                "Try again in 5 minutes.",
                "Versuchen Sie es in fünf Minuten erneut."
            ),
            NONE
        );
        assert_eq!(
            compare(
                "Try again in 5 minutes.",
                "５ 分後にもう一度お試しください。"
            ),
            NONE
        );
        // A digit with no word for it in the source is added.
        assert_eq!(
            compare(
                "One or more arguments are invalid.",
                "2 つ以上の引数が無効です。"
            ),
            (vec![], vec!["2"])
        );
        assert_eq!(
            compare("Arguments are invalid.", "1 つ以上の引数が無効です。"),
            (vec![], vec!["1"])
        );
        // A number above twelve is never taken for a word.
        assert_eq!(
            compare("Thirteen arguments.", "13 Argumente."),
            (vec![], vec!["13"])
        );
        // A small number changed is a change, not a number spelt out.
        assert_eq!(
            compare("Between 1 and 10.", "Zwischen 1 und 12."),
            (vec!["10"], vec!["12"])
        );
    }
}
