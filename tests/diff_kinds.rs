//! Each kind of change, on crafted revision pairs (tests/fixtures/diff/):
//! what the diff calls it, which fields it lists, and what it leaves out.

mod common;
mod diff_common;

use diff_common::pair;
use errdocs::diff::{
    ChangeKind, Diff, DocumentAspect, Edit, Field, FieldChange, RecordChange, Summary,
    words::SegmentKind,
};

/// The change of the record with `code`.
fn change<'d>(diff: &'d Diff, code: &str) -> &'d RecordChange<'d> {
    let matching: Vec<_> = diff
        .changes
        .iter()
        .filter(|c| c.code.to_string() == code)
        .collect();
    assert_eq!(matching.len(), 1, "changes of {code}: {:#?}", diff.changes);
    matching[0]
}

/// One field change as `(field, locale, edit, from, to)`.
type FieldTuple<'d> = (
    Field,
    Option<&'d str>,
    Edit,
    Option<&'d str>,
    Option<&'d str>,
);

/// `(field, locale, edit, from, to)` of each field change.
fn fields<'d>(change: &'d RecordChange) -> Vec<FieldTuple<'d>> {
    change
        .fields
        .iter()
        .map(|f: &FieldChange| {
            (
                f.field,
                f.locale,
                f.edit,
                f.from.as_deref(),
                f.to.as_deref(),
            )
        })
        .collect()
}

/// The summary with only the record counts that the test names.
fn records(summary: &Summary) -> [usize; 6] {
    [
        summary.added,
        summary.removed,
        summary.changed,
        summary.renamed,
        summary.code_changed,
        summary.moved,
    ]
}

#[test]
fn an_added_row_is_an_added_record_with_its_descriptions() {
    pair("added").with_diff(|diff| {
        assert_eq!(records(&diff.summary), [1, 0, 0, 0, 0, 0]);
        assert_eq!(diff.summary.unchanged, 4);
        let added = change(diff, "0x80240005");
        assert_eq!(added.kind, ChangeKind::Added);
        assert_eq!(added.name, "WU_E_ALREADY_INITIALIZED");
        assert_eq!(
            fields(added),
            [
                (
                    Field::Description,
                    Some("de-DE"),
                    Edit::Added,
                    None,
                    Some("Das Objekt wurde bereits initialisiert.")
                ),
                (
                    Field::Description,
                    Some("en-US"),
                    Edit::Added,
                    None,
                    Some("The object was already initialized.")
                ),
            ]
        );
        assert!(diff.documents.is_empty(), "{:#?}", diff.documents);
        assert!(diff.stale_translations.is_empty());
    });
}

#[test]
fn a_removed_row_is_a_removed_record() {
    pair("removed").with_diff(|diff| {
        assert_eq!(records(&diff.summary), [0, 1, 0, 0, 0, 0]);
        let removed = change(diff, "0x80240003");
        assert_eq!(removed.kind, ChangeKind::Removed);
        assert_eq!(removed.name, "WU_E_UNKNOWN_ID");
        assert!(
            removed
                .fields
                .iter()
                .all(|f| f.edit == Edit::Removed && f.to.is_none())
        );
        // The rows after it moved up a line: that is not a move.
        assert_eq!(diff.changes.len(), 1, "{:#?}", diff.changes);
    });
}

#[test]
fn the_same_code_with_another_name_is_a_rename() {
    pair("renamed").with_diff(|diff| {
        assert_eq!(records(&diff.summary), [0, 0, 0, 1, 0, 0]);
        let renamed = change(diff, "0x80240003");
        assert_eq!(renamed.kind, ChangeKind::Renamed);
        assert_eq!(renamed.name, "WU_E_UNKNOWN_IDENTIFIER");
        assert_eq!(
            fields(renamed),
            [(
                Field::Name,
                None,
                Edit::Value,
                Some("WU_E_UNKNOWN_ID"),
                Some("WU_E_UNKNOWN_IDENTIFIER")
            )]
        );
    });
}

#[test]
fn the_same_name_under_another_code_is_a_code_change() {
    pair("code_changed").with_diff(|diff| {
        assert_eq!(records(&diff.summary), [0, 0, 0, 0, 1, 0]);
        let changed = change(diff, "0x80240014");
        assert_eq!(changed.kind, ChangeKind::CodeChanged);
        assert_eq!(changed.name, "WU_E_NOT_INITIALIZED");
        assert_eq!(
            fields(changed),
            [
                (
                    Field::Code,
                    None,
                    Edit::Value,
                    Some("0x80240004"),
                    Some("0x80240014")
                ),
                (
                    Field::Decimal,
                    None,
                    Edit::Value,
                    Some("-2145124348"),
                    Some("-2145124332")
                ),
            ]
        );
    });
}

#[test]
fn a_row_that_only_moved_is_a_move() {
    pair("moved").with_diff(|diff| {
        // Rows 2 and 3 swapped (one of them moved, the other kept its
        // order with the rest); row 4 went to another table and section.
        assert_eq!(records(&diff.summary), [0, 0, 0, 0, 0, 2]);
        let swapped = change(diff, "0x80240002");
        assert_eq!(swapped.kind, ChangeKind::Moved);
        assert_eq!(
            fields(swapped),
            [(
                Field::Position,
                None,
                Edit::Value,
                Some("sources/update-errors/en-us.md:13 (table 0)"),
                Some("sources/update-errors/en-us.md:14 (table 0)")
            )]
        );
        let elsewhere = change(diff, "0x80240004");
        assert_eq!(elsewhere.kind, ChangeKind::Moved);
        assert_eq!(
            fields(elsewhere),
            [
                (
                    Field::Section,
                    None,
                    Edit::Value,
                    Some("Agent error codes"),
                    Some("Other codes")
                ),
                (
                    Field::Position,
                    None,
                    Edit::Value,
                    Some("sources/update-errors/en-us.md:15 (table 0)"),
                    Some("sources/update-errors/en-us.md:20 (table 1)")
                ),
            ]
        );
        // The new table is a document-level change, per locale.
        let items = &diff.documents[0].items;
        assert_eq!(items.len(), 2, "{items:#?}");
        assert!(
            items
                .iter()
                .all(|i| i.aspect == DocumentAspect::Table && i.edit == Edit::Added)
        );
    });
}

#[test]
fn a_reworded_description_is_shown_word_by_word() {
    pair("reworded").with_diff(|diff| {
        assert_eq!(records(&diff.summary), [0, 0, 1, 0, 0, 0]);
        assert_eq!(diff.summary.descriptions_reworded, 2);
        let reworded = change(diff, "0x80240001");
        let english = &reworded.fields[1];
        assert_eq!(
            (english.field, english.locale, english.edit),
            (Field::Description, Some("en-US"), Edit::Text)
        );
        let words = errdocs::diff::words::diff_words(
            english.from.as_deref().unwrap(),
            english.to.as_deref().unwrap(),
        );
        let changed: Vec<(SegmentKind, &str)> = words
            .iter()
            .filter(|s| s.kind != SegmentKind::Equal)
            .map(|s| (s.kind, s.text))
            .collect();
        assert_eq!(
            changed,
            [
                (SegmentKind::Deleted, "could not"),
                (SegmentKind::Inserted, "cannot"),
                (SegmentKind::Inserted, "requested "),
            ]
        );
        // The translation was reworded too: nothing is stale.
        assert!(diff.stale_translations.is_empty());
    });
}

#[test]
fn a_change_of_markup_only_is_reported_as_markup() {
    pair("markup_only").with_diff(|diff| {
        assert_eq!(diff.summary.markup_only, 3);
        assert_eq!(diff.summary.descriptions_reworded, 0);
        let bold = change(diff, "0x80240001");
        assert_eq!(
            fields(bold),
            [(
                Field::Description,
                Some("en-US"),
                Edit::Markup,
                Some("The agent could not provide the service."),
                Some("The agent could **not** provide the service.")
            )]
        );
        let entity = change(diff, "0x80240002");
        assert_eq!(entity.fields[0].edit, Edit::Markup);
        assert_eq!(
            entity.fields[0].to.as_deref(),
            Some("The maximum capacity of the service was exceeded&#46;")
        );
        let translated = change(diff, "0x80240003");
        assert_eq!(
            (translated.fields[0].locale, translated.fields[0].edit),
            (Some("de-DE"), Edit::Markup)
        );
        // Markup in the source does not make translations stale.
        assert!(diff.stale_translations.is_empty());
    });
}

#[test]
fn a_new_locale_is_a_document_change_and_a_description_per_record() {
    pair("new_locale").with_diff(|diff| {
        assert_eq!(diff.summary.locales_added, 1);
        assert_eq!(diff.summary.documents_changed, 1);
        let items = &diff.documents[0].items;
        assert_eq!(items.len(), 1, "{items:#?}");
        assert_eq!(
            (items[0].aspect, items[0].locale, items[0].edit),
            (DocumentAspect::Locale, Some("sv-SE"), Edit::Added)
        );
        assert_eq!(
            items[0].to.as_deref(),
            Some("sources/update-errors/sv-se.md")
        );
        assert_eq!(diff.changes.len(), 4);
        for change in &diff.changes {
            assert_eq!(change.kind, ChangeKind::Changed);
            assert_eq!(
                fields(change)
                    .iter()
                    .map(|f| (f.0, f.1, f.2))
                    .collect::<Vec<_>>(),
                [(Field::Description, Some("sv-SE"), Edit::Added)]
            );
        }
        assert!(diff.stale_translations.is_empty());
    });
}

#[test]
fn a_translation_left_behind_by_a_source_change_is_stale() {
    pair("stale").with_diff(|diff| {
        // en-US and sv-SE were reworded, de-DE was not.
        assert_eq!(diff.stale_translations.len(), 1);
        let stale = &diff.stale_translations[0];
        assert_eq!(
            (
                stale.document,
                stale.code.to_string().as_str(),
                stale.name,
                stale.locale,
                stale.source_locale
            ),
            (
                "update-errors",
                "0x80240002",
                "WU_E_MAX_CAPACITY_REACHED",
                "de-DE",
                "en-US"
            )
        );
        assert_eq!(
            stale.source_from,
            "The maximum capacity of the service was exceeded."
        );
        assert_eq!(
            stale.source_to,
            "The service has reached its maximum capacity."
        );
        assert_eq!(
            stale.translation,
            "Die maximale Kapazität des Diensts wurde überschritten."
        );
        assert_eq!(diff.summary.stale_translations, 1);
    });
}

#[test]
fn duplicated_codes_pair_by_name_then_row_order() {
    // Old: 0x80240002 twice under two names, 0x80240003 twice under one.
    // New: the two names' rows swapped, one 0x80240003 row dropped.
    pair("duplicates").with_diff(|diff| {
        assert_eq!(records(&diff.summary), [0, 1, 0, 0, 0, 1]);
        assert_eq!(diff.summary.renamed, 0, "a swap is not two renames");
        let moved = change(diff, "0x80240002");
        assert_eq!(moved.kind, ChangeKind::Moved);
        let removed = change(diff, "0x80240003");
        assert_eq!(removed.kind, ChangeKind::Removed);
        assert_eq!(removed.name, "WU_E_UNKNOWN_ID");
    });
}

#[test]
fn front_matter_and_tables_are_document_changes() {
    pair("documents").with_diff(|diff| {
        assert_eq!(diff.documents.len(), 1);
        let items: Vec<_> = diff.documents[0]
            .items
            .iter()
            .map(|i| {
                (
                    i.aspect,
                    i.locale,
                    i.key.as_deref(),
                    i.edit,
                    i.from.as_deref(),
                    i.to.as_deref(),
                )
            })
            .collect();
        let en = Some("en-US");
        assert!(items.contains(&(
            DocumentAspect::FrontMatter,
            en,
            Some("ms.date"),
            Edit::Value,
            Some("01/15/2024"),
            Some("02/20/2024")
        )));
        assert!(items.contains(&(
            DocumentAspect::FrontMatter,
            en,
            Some("ms.topic"),
            Edit::Added,
            None,
            Some("reference")
        )));
        assert!(items.contains(&(
            DocumentAspect::Table,
            en,
            Some("1"),
            Edit::Added,
            None,
            Some("markdown table \"Other codes\": code, name, description")
        )));
        assert_eq!(items.len(), 6, "three per locale: {items:#?}");
        assert_eq!(records(&diff.summary), [1, 0, 0, 0, 0, 0]);
    });
}

#[test]
fn a_dataset_file_and_a_project_compare_like_two_projects() {
    let pair = pair("mixed");
    let expected = pair.with_diff(|diff| format!("{diff:?}"));
    let old_file = errdocs::emit::render_json(&pair.old.dataset);
    let old = errdocs::diff::Snapshot::from_json(&old_file, "old.json".as_ref()).unwrap();
    let new = errdocs::diff::Snapshot::from_dataset(&pair.new.dataset);
    let mixed = errdocs::diff::compare(&old, &new);
    assert_eq!(format!("{mixed:?}"), expected);
}

/// `fix` writes a name as the reference spells it and a code as the name
/// says: the record before and after is one record whose code changed, not
/// one removed and one added.
#[test]
fn a_name_respelt_in_another_case_under_another_code_is_a_code_change() {
    let page = |code: &str, name: &str| {
        format!(
            "# Codes\n\n|Error code|Name|Description|\n|---|---|---|\n|{code}|{name}|The hardware profile is not valid.|\n|0x80240001|WU_E_NO_SERVICE|The agent could not provide the service.|\n"
        )
    };
    let old = page("0x00000619", "error_Invalid_HW_Profile");
    let new = page("0x0000026B", "ERROR_INVALID_HW_PROFILE");
    let old_dir = common::project_with(&[("sources/doc/en-us.md", old.as_bytes())]);
    let new_dir = common::project_with(&[("sources/doc/en-us.md", new.as_bytes())]);
    let pair = diff_common::Pair {
        old: errdocs::Project::load(old_dir.path()).expect("loads"),
        new: errdocs::Project::load(new_dir.path()).expect("loads"),
    };
    pair.with_diff(|diff| {
        assert_eq!(
            records(&diff.summary),
            [0, 0, 0, 0, 1, 0],
            "{:#?}",
            diff.changes
        );
        let changed = change(diff, "0x0000026B");
        assert_eq!(changed.kind, ChangeKind::CodeChanged);
    });
}
