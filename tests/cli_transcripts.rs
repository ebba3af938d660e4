//! CLI transcripts in the style of typos' trycmd cases: every command and
//! report format, run as a user runs them, with their standard output,
//! standard error and exit code. `TRYCMD=overwrite cargo test --test
//! cli_transcripts` rewrites the expected output (review the diff).

#[test]
fn cli_transcripts() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        // Empty: no job summary is written, even on a CI runner.
        .env("GITHUB_STEP_SUMMARY", "")
        .case("tests/cmd/*.toml")
        .case("tests/cmd/*.trycmd");
}
