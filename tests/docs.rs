//! The documentation generated from the code stays true: the README's table
//! of rules is the registry's. With `UPDATE_DOCS=1` the test rewrites the
//! README instead of failing.

use std::path::PathBuf;

const START: &str = "<!-- rules-table:start -->\n";
const END: &str = "<!-- rules-table:end -->";

#[test]
fn readme_rule_table_matches_the_registry() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let start = readme
        .find(START)
        .expect("README has the rules-table:start marker")
        + START.len();
    let end = readme[start..]
        .find(END)
        .expect("README has the rules-table:end marker")
        + start;
    let table = errdocs::commands::rules::markdown_table();
    if readme[start..end] == table {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    let diff = similar::TextDiff::from_lines(&readme[start..end], table.as_str())
        .unified_diff()
        .header("README.md", "the registry")
        .to_string();
    panic!("README.md's rule table is stale; run `UPDATE_DOCS=1 cargo test --test docs`:\n{diff}");
}

/// The README's paragraphs (separated by blank lines), white space
/// collapsed.
fn readme_paragraphs() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    readme
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn readme_lists_every_reference_file_extension_errdocs_reads() {
    use errdocs::reference::UserReferenceFormat;
    for (format, names) in UserReferenceFormat::EXTENSIONS {
        for paragraph in readme_paragraphs() {
            // A paragraph that lists this format's extensions (as `.h` or
            // `.tsv`, not inside a file name) lists all of them.
            let mentions = |name: &str| {
                paragraph
                    .match_indices(&format!(".{name}"))
                    .any(|(at, found)| {
                        let before = paragraph[..at].chars().next_back();
                        let after = paragraph[at + found.len()..].chars().next();
                        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                            && !after.is_some_and(|c| c.is_alphanumeric() || c == '.')
                    })
            };
            if names.iter().any(|n| mentions(n)) {
                for name in names.iter() {
                    assert!(
                        mentions(name),
                        "README lists {format:?} extensions without .{name}:\n{paragraph}"
                    );
                }
            }
        }
    }
}

/// The README says how much of a finding's line its baseline fingerprint
/// hashes, and says the number the code uses.
#[test]
fn readme_states_how_much_of_a_line_a_fingerprint_hashes() {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .expect("README.md");
    let paragraph: String = readme
        .split("\n\n")
        .find(|p| p.starts_with("A baseline entry is a fingerprint"))
        .expect("README explains baseline entries")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let bytes = errdocs::diagnostic::FINGERPRINT_LINE_BYTES;
    let shown = format!("{},{:03}", bytes / 1000, bytes % 1000);
    assert!(
        paragraph.contains(&format!(
            "the text of the finding's line (its first {shown} bytes"
        )),
        "{paragraph}"
    );
}
