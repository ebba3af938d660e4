//! The committed SDK reference must be what the pinned SDK metadata gives:
//! a change to the generator, to its rules or to the metadata version shows
//! up here until the data is regenerated.

#[test]
fn committed_sdk_reference_matches_the_metadata() {
    let generated = match xtask::generate_sdk_text() {
        Ok(text) => text,
        Err(error) => panic!("cannot generate the SDK reference: {error}"),
    };
    let committed = match xtask::committed_sdk_text() {
        Ok(text) => text,
        Err(error) => panic!(
            "cannot read the committed SDK reference ({error}); run `cargo run -p xtask -- gen-sdk-reference`"
        ),
    };
    assert!(
        committed == generated,
        "{} is stale: {}\nrun `cargo run -p xtask -- gen-sdk-reference` and commit the result",
        xtask::data_file().display(),
        xtask::describe_changes(&committed, &generated, 20)
    );
}
