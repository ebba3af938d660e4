//! `cargo run -p xtask -- TASK`: errdocs maintenance tasks.

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo run -p xtask -- TASK

tasks:
  gen-sdk-reference           regenerate src/reference/sdk-constants.tsv.zz from the
                              Windows SDK metadata and say what changed
  gen-sdk-reference --check   exit 1 when the committed file is not what the
                              metadata gives (what the drift test checks)
  show-sdk-reference          print the committed file as text (tab-separated),
                              to read or diff";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
    let result = match arguments.as_slice() {
        ["gen-sdk-reference"] => generate(false),
        ["gen-sdk-reference", "--check"] => generate(true),
        ["show-sdk-reference"] => show(),
        ["--help" | "-h" | "help"] => {
            say(USAGE);
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// Regenerates the data file, or with `check` compares it.
fn generate(check: bool) -> Result<ExitCode, xtask::XtaskError> {
    let generated = xtask::generate_sdk_text()?;
    // A missing or unreadable file counts as empty: generating replaces it.
    let committed = xtask::committed_sdk_text().unwrap_or_default();
    let path = xtask::data_file();
    let changes = xtask::describe_changes(&committed, &generated, 20);
    if check {
        if committed == generated {
            say(&format!("{} is up to date: {changes}", path.display()));
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "{} is stale: {changes}\nrun `cargo run -p xtask -- gen-sdk-reference`",
            path.display()
        );
        return Ok(ExitCode::from(1));
    }
    if committed == generated {
        say(&format!("{} is up to date: {changes}", path.display()));
        return Ok(ExitCode::SUCCESS);
    }
    let data = errdocs::reference::encode_sdk_data(&generated);
    std::fs::write(&path, &data)
        .map_err(|error| xtask::XtaskError(format!("{}: {error}", path.display())))?;
    say(&format!(
        "wrote {} ({} bytes; {} bytes as text): {changes}",
        path.display(),
        data.len(),
        generated.len()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Prints a line to stdout; a reader that stopped reading (`| head`) is not
/// an error.
fn say(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// Prints the committed data as text.
fn show() -> Result<ExitCode, xtask::XtaskError> {
    use std::io::Write as _;
    let text = xtask::committed_sdk_text()?;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        // `| head` closing the pipe early is not a failure.
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(xtask::XtaskError(
            format!("cannot write to stdout: {error}"),
        )),
        _ => Ok(ExitCode::SUCCESS),
    }
}
