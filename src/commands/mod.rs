//! The commands of the `errdocs` binary, on top of the pipeline: each
//! takes its options, does its job and returns the exit code. `main.rs`
//! only parses arguments and reports errors.

pub mod build;
pub mod check;
pub mod diff;
pub mod explain;
pub mod fix;
pub mod lookup;
pub mod rules;

use std::io::Write;

/// Writes a line to standard output, ignoring a closed pipe (`errdocs rules
/// | head -3`): the exit code still says what the command found, and a
/// build must not stop before it writes `out/`.
pub fn say(line: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Writes `text` to standard output, for commands whose output is the
/// point (`rules`, `explain`): a reader that stopped early (`| head`) is
/// no error, any other failure (a full disk, a closed descriptor) is.
pub fn print_text(text: &str) -> crate::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.map_err(|e| crate::Error::io("<stdout>", e)),
    }
}

/// Appends `line` and a line break to `text`.
pub fn push_line(text: &mut String, line: &str) {
    text.push_str(line);
    text.push('\n');
}

/// Whether to colour a report for standard output: only on a terminal, and
/// never with `NO_COLOR` set (to anything but the empty string).
pub fn color_on_stdout() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints what is worth saying about how the documents were found (a
/// `translations` template that matches no file) and about the reference
/// files (definitions not read as constants) to standard error.
pub fn print_notes(project: &crate::Project) {
    for note in project.corpus.notes.iter().chain(&project.reference_notes) {
        eprintln!(
            "errdocs: note: {}",
            crate::safe_text::terminal(&crate::safe_text::bounded_message(note))
        );
    }
}
