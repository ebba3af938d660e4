//! Word diffs over every description of the bundled dataset (English,
//! German, Swedish, Chinese), each changed in several ways: the segments
//! always rebuild both texts exactly, are never empty, and no two equal
//! segments touch.

mod common;

use errdocs::diff::words::{Segment, SegmentKind, diff_words};

/// A small deterministic generator (no dependency, same on every machine).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// The char boundaries of `text`, its end included.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

fn mutations(text: &str, other: &str, random: &mut Lcg) -> Vec<String> {
    let at = boundaries(text);
    let pick = |random: &mut Lcg| at[random.below(at.len())];
    let (a, b) = {
        let (x, y) = (pick(random), pick(random));
        (x.min(y), x.max(y))
    };
    vec![
        format!("{}{}", &text[..a], &text[b..]),
        format!("{} inserted words {}", &text[..a], &text[a..]),
        format!("{}新的{}", &text[..a], &text[a..]),
        format!("Now {text} changed."),
        text.replace(' ', "  "),
        text.to_uppercase(),
        other.to_string(),
        String::new(),
        format!("{}{}", &text[b..], &text[..a]),
    ]
}

fn check(old: &str, new: &str) {
    let segments = diff_words(old, new);
    let rebuilt = |skip: SegmentKind| -> String {
        segments
            .iter()
            .filter(|s| s.kind != skip)
            .map(|s| s.text)
            .collect()
    };
    assert_eq!(rebuilt(SegmentKind::Inserted), old, "{old:?} -> {new:?}");
    assert_eq!(rebuilt(SegmentKind::Deleted), new, "{old:?} -> {new:?}");
    assert!(segments.iter().all(|s| !s.text.is_empty()));
    let touching_equals = segments
        .windows(2)
        .any(|w: &[Segment]| w[0].kind == SegmentKind::Equal && w[1].kind == SegmentKind::Equal);
    assert!(!touching_equals, "{segments:?}");
}

#[test]
fn segments_rebuild_both_texts_for_every_bundled_description() {
    let texts: Vec<&str> = common::bundled()
        .dataset
        .records
        .iter()
        .flat_map(|r| r.descriptions.values().map(|t| &**t))
        .collect();
    assert!(texts.len() > 1_000);
    let mut random = Lcg(42);
    let mut pairs = 0;
    for (i, text) in texts.iter().enumerate() {
        let other = texts[(i + 1) % texts.len()];
        for changed in mutations(text, other, &mut random) {
            check(text, &changed);
            check(&changed, text);
            pairs += 2;
        }
    }
    assert!(pairs > 20_000);
}

/// One word repeated a million times, and the same with a word changed in
/// the middle: the diff is a few segments (a diff that paired words one
/// by one, or kept a record per repeated pair, would take gigabytes).
#[test]
fn a_repeated_word_diffs_in_a_few_segments() {
    let old = "y ".repeat(1_000_000);
    let new = format!("{}z {}", "y ".repeat(500_000), "y ".repeat(499_999));
    let segments = diff_words(&old, &new);
    assert!(segments.len() <= 4, "{} segments", segments.len());
    let rebuilt: String = segments
        .iter()
        .filter(|s| s.kind != SegmentKind::Inserted)
        .map(|s| s.text)
        .collect();
    assert_eq!(rebuilt, old);
}
