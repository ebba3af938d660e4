//! The rules, one file each, and the one list that registers them: adding
//! a rule is a file here, a line in the list below, and its fixtures under
//! `tests/fixtures/<rule-id>/`.

use super::rule::Rule;

/// Declares each rule's module and lists their rules in [`ALL`].
macro_rules! registry {
    ($($rule:ident),* $(,)?) => {
        $(pub mod $rule;)*

        /// Every rule, sorted by id.
        pub static ALL: &[&Rule] = &[$(&$rule::RULE),*];
    };
}

registry! {
    code_contradicted,
    code_fence_unclosed,
    code_range,
    codes_outside_tables,
    column_duplicate,
    column_header_mismatch,
    counterpart_code_mismatch,
    counterpart_coverage,
    counterpart_description_divergent,
    counterpart_description_mismatch,
    counterpart_name_mismatch,
    counterpart_number_mismatch,
    counterpart_severity_mismatch,
    decimal_mismatch,
    decimal_systematic,
    description_empty,
    doubled_word,
    duplicate_code,
    duplicate_description,
    duplicate_name,
    facility_mismatch,
    front_matter_invalid,
    hex_case_inconsistent,
    hex_malformed,
    html_comment_unclosed,
    html_table_unmapped,
    identifier_reference_malformed,
    name_case,
    name_lookalike,
    name_placeholder,
    names_unpaired,
    reference_decimal_as_hex,
    reference_mirror_mismatch,
    reference_name_unknown,
    reference_value_mismatch,
    row_fields_doubtful,
    row_out_of_order,
    severity_bit_mismatch,
    suppression_unused,
    table_header_unrecognized,
    table_ragged_row,
    translation_key_mismatch,
    translation_markup_lost,
    translation_metadata,
    translation_row_extra,
    translation_row_missing,
    translation_row_order,
    translation_token_mismatch,
    translation_untranslated,
    win32_number_mismatch,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_sorted_kebab_case_and_match_their_files() {
        let ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted);
        for id in ids {
            // Words of lower-case letters and digits (`win32`), each
            // starting with a letter, joined by single dashes.
            assert!(
                id.split('-').all(|word| {
                    word.starts_with(|c: char| c.is_ascii_lowercase())
                        && word
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                }),
                "{id}"
            );
        }
    }
}
