//! `errdocs fix`: apply the findings' fixes to the pages, in rounds, and
//! say what was fixed and what remains.
//!
//! Each round checks the documents as they are (in memory), applies the
//! selected fixes, and reads the fixed texts again: a fix can make another
//! possible (a code repaired gives its translations a source to follow).
//! After the last round, each changed file is written once, atomically;
//! with `--diff`, nothing is written and the changes are printed as a
//! unified diff.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::say;
use crate::Project;
use crate::diagnostic::FailLevel;
use crate::error::{Error, Result};
use crate::fix::write::{Rewrite, write_all};
use crate::fix::{AppliedFix, Plan, PlanInput, Selection, Unplaced};
use crate::report::summary::plural;
use crate::report::{Emitter, ReportContext, human::HumanEmitter};
use crate::safe_text::terminal;
use crate::source::SourceFile;

/// The most rounds a run makes: fixes settle in two or three; a fix that
/// keeps undoing another must not loop.
pub const MAX_ROUNDS: usize = 10;

/// The options of `fix`.
#[derive(Debug, Clone, Default)]
pub struct FixOptions {
    /// Markdown files and folders to fix, each file a document of its own;
    /// empty to fix the project at the root.
    pub paths: Vec<PathBuf>,
    /// Which fixes to apply.
    pub selection: Selection,
    /// Write nothing; print what would change as a unified diff.
    pub diff: bool,
    /// The failing level, overriding the configuration's.
    pub fail_on: Option<FailLevel>,
}

/// What the rounds did.
#[derive(Debug)]
pub struct Rounds {
    /// The project as fixed (its texts in memory).
    pub project: Project,
    /// Every fix applied, round after round.
    pub applied: Vec<AppliedFix>,
    /// How many rounds changed something.
    pub rounds: usize,
    /// What the last look found still to do: fixes that could not be
    /// applied, and the unsafe ones left.
    pub last: Plan,
    /// The edits made, in the order made: the file's index in corpus
    /// order and one round's edits of it. Replayed on the bytes as read,
    /// they give the fixed file with its own line ends (a lone carriage
    /// return is a line feed in the texts that rounds read; see
    /// [`crate::source::unify_line_ends`]).
    pub edits: Vec<(usize, Vec<crate::fix::Edit>)>,
}

/// Reads each locale file of `project` again, as bytes, and gives the
/// project their text: the fix writes back exactly what it read, a
/// byte-order mark included. Fails when a file is not the text that was
/// ingested (it changed in between).
pub fn read_originals(project: &Project) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut originals = Vec::new();
    for (_, file) in project.corpus.files() {
        // A pipe (`errdocs fix <(...)`) was read up by the check: read
        // again, it was an empty file.
        if std::fs::metadata(&file.path).is_ok_and(|m| !m.is_file()) {
            return Err(Error::io(
                &file.path,
                std::io::Error::other(
                    "not a regular file (a pipe?); fix reads a page twice and writes it back: save it to a file first",
                ),
            ));
        }
        let bytes = crate::source::read_page_bytes(&file.path)?;
        let source = SourceFile::from_bytes(&file.path, file.rel.clone(), bytes.clone())?;
        if !project.adopt_source(source) {
            return Err(Error::io(
                &file.path,
                std::io::Error::other(
                    "changed while errdocs was reading it; run errdocs fix again",
                ),
            ));
        }
        originals.push((file.path.clone(), bytes));
    }
    Ok(originals)
}

/// The texts of the project's files, in corpus order.
fn texts(project: &Project) -> Result<Vec<&SourceFile>> {
    project
        .files
        .iter()
        .map(|f| {
            project.source(&f.file).ok_or_else(|| {
                Error::io(
                    project.root.join(&*f.file),
                    std::io::Error::other(
                        "changed while errdocs was fixing it; run errdocs fix again",
                    ),
                )
            })
        })
        .collect()
}

/// Applies the fixes `selection` takes, round after round (at most
/// [`MAX_ROUNDS`]), in memory: the project's texts must be loaded (see
/// [`read_originals`]).
pub fn run_rounds(mut project: Project, selection: &Selection) -> Result<Rounds> {
    let mut applied = Vec::new();
    let mut edits = Vec::new();
    let mut rounds = 0;
    loop {
        let findings = project.evaluate().findings;
        let sources = texts(&project)?;
        let plan = crate::fix::plan(
            PlanInput {
                files: &project.files,
                sources: &sources,
                alignments: &project.alignments,
                findings: &findings,
            },
            selection,
        );
        if plan.is_empty() || rounds == MAX_ROUNDS {
            return Ok(Rounds {
                project,
                applied,
                rounds,
                last: plan,
                edits,
            });
        }
        let mut fixed: Vec<SourceFile> = sources.iter().map(|s| (*s).clone()).collect();
        for file in &plan.files {
            let old = &fixed[file.file];
            let text = crate::fix::apply(&old.text, &file.edits);
            fixed[file.file] = SourceFile::from_text(old.path.clone(), old.rel.clone(), text);
        }
        edits.extend(plan.files.iter().map(|f| (f.file, f.edits.clone())));
        applied.extend(plan.files.into_iter().flat_map(|f| f.fixes));
        rounds += 1;
        project = project.with_sources(fixed);
    }
}

/// Runs `fix` on the project at `root`, or on the files at `options.paths`.
pub fn run(root: &Path, options: FixOptions) -> Result<ExitCode> {
    let project = if options.paths.is_empty() {
        Project::load(root)?
    } else {
        Project::load_paths(root, &options.paths)?
    };
    super::print_notes(&project);
    let originals = read_originals(&project)?;
    let fail_on = options.fail_on.unwrap_or(project.config.check.fail_on);
    let Rounds {
        project,
        applied,
        rounds,
        last,
        edits,
    } = run_rounds(project, &options.selection)?;
    let (changed, rewrites): (Vec<_>, Vec<_>) = rewrites(originals, &project, &edits)?
        .into_iter()
        .map(|(rel, rewrite)| {
            let text = String::from_utf8_lossy(&rewrite.bytes).into_owned();
            ((rel, rewrite.original.clone(), text), rewrite)
        })
        .unzip();
    if options.diff {
        // The diff is applied where its paths start: the root for a
        // project, the current folder for files as arguments (their paths
        // are as given, relative to it).
        let (base, where_) = if options.paths.is_empty() {
            (
                project.root.clone(),
                format!("the root ({})", project.root.display()),
            )
        } else {
            let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
            let shown = format!("the current folder ({})", cwd.display());
            (cwd, shown)
        };
        let mut in_diff = Vec::new();
        let mut left_out = 0;
        for ((rel, original, text), rewrite) in changed.iter().zip(&rewrites) {
            match diff_path(&rewrite.path, &base)? {
                Some(path) => in_diff.push((path, original.clone(), text.clone())),
                None => {
                    left_out += 1;
                    eprintln!(
                        "errdocs: left out of the diff: {} is outside {}, where the diff applies, and `git apply` takes no path outside the folder it runs in; `errdocs fix` without --diff writes it",
                        terminal(rel),
                        terminal(&where_)
                    );
                }
            }
        }
        print_diff(&in_diff)?;
        if changed.is_empty() {
            eprintln!("errdocs: nothing to fix");
        } else {
            let left_out = match left_out {
                0 => String::new(),
                n => format!(" ({} left out of the diff, named above)", plural(n, "file")),
            };
            eprintln!(
                "errdocs: would fix {} in {}{left_out}",
                plural(applied.len(), "problem"),
                plural(changed.len(), "file")
            );
        }
        print_left(&last);
        return Ok(if changed.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    write_all(&rewrites, &project.root)?;
    if changed.is_empty() {
        say("nothing to fix\n");
    } else {
        for line in fixed_lines(&applied) {
            say(&line);
        }
        say(&format!(
            "fixed {} in {}{}\n",
            plural(applied.len(), "problem"),
            plural(changed.len(), "file"),
            if rounds > 1 {
                format!(" ({rounds} rounds)")
            } else {
                String::new()
            }
        ));
    }
    let outcome = project.check(None, fail_on);
    let report = ReportContext {
        outcome: &outcome,
        lines: &project,
    };
    let color = super::color_on_stdout();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let emitter = HumanEmitter { color };
    match emitter
        .emit(&mut stdout, &report)
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        result => result.map_err(|e| Error::io("<stdout>", e))?,
    }
    print_left(&last);
    Ok(if outcome.fails() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The files that `rounds` changed, each with its path relative to the
/// root and its new bytes: `originals` as [`read_originals`] gave them,
/// `project` as the rounds left it, `edits` the rounds' edits (see
/// [`Rounds::edits`]). A file keeps its byte-order mark and line ends.
pub fn rewrites(
    originals: Vec<(PathBuf, Vec<u8>)>,
    project: &Project,
    edits: &[(usize, Vec<crate::fix::Edit>)],
) -> Result<Vec<(String, Rewrite)>> {
    let mut out = Vec::new();
    // Both in corpus order.
    for (index, ((path, original), source)) in
        originals.into_iter().zip(texts(project)?).enumerate()
    {
        let file_edits = edits.iter().filter(|(i, _)| *i == index).map(|(_, e)| e);
        let mut bytes = replay(&original, file_edits);
        // The replay must read as the text the rounds left; should it not,
        // that text is written (its lone carriage returns as line feeds).
        let mut read_as = bytes.clone();
        crate::source::unify_line_ends(&mut read_as);
        let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        if read_as.get(bom..) != Some(source.text.as_bytes()) {
            bytes.truncate(bom);
            bytes.extend_from_slice(source.text.as_bytes());
        }
        if bytes != original {
            out.push((
                source.rel.clone(),
                Rewrite {
                    path,
                    original,
                    bytes,
                },
            ));
        }
    }
    Ok(out)
}

/// The bytes of a file as read (`original`, a UTF-8 byte-order mark
/// included) with each round's edits applied in turn. The edits' offsets
/// are those of the text the rounds read, which differs from the file's
/// only by lone carriage returns read as line feeds, one byte for one: so
/// they apply to the file's own text, and its line ends stay as they were.
fn replay<'a>(original: &[u8], rounds: impl Iterator<Item = &'a Vec<crate::fix::Edit>>) -> Vec<u8> {
    let (bom, rest) = match original.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (&original[..3], rest),
        None => (&original[..0], original),
    };
    // The file was read as UTF-8 text; a file that is not is never fixed.
    let mut text = String::from_utf8_lossy(rest).into_owned();
    for edits in rounds {
        text = crate::fix::apply(&text, edits);
    }
    let mut bytes = Vec::with_capacity(bom.len() + text.len());
    bytes.extend_from_slice(bom);
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// The path of the file at `path` as a diff applied in `base` names it:
/// relative to `base`, with `/` separators and no `..` (`git apply`
/// refuses those), the file a symbolic link leads to (which is what
/// `fix` writes); `None` for a file outside `base`. A placed document
/// written `../project/docs/page.md` is inside the root that way.
///
/// The path is the name's bytes as the file system holds them, so that a
/// name that is not UTF-8 can be quoted byte for byte, as git quotes it:
/// written as U+FFFD it named no file, and `git apply` refused the diff.
pub fn diff_path(path: &Path, base: &Path) -> Result<Option<Vec<u8>>> {
    let file = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
    let base = std::fs::canonicalize(base).map_err(|e| Error::io(base, e))?;
    let Ok(inside) = file.strip_prefix(&base) else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    for (number, component) in inside.components().enumerate() {
        if number > 0 {
            bytes.push(b'/');
        }
        bytes.extend_from_slice(&name_bytes(component.as_os_str(), &file)?);
    }
    Ok(Some(bytes))
}

/// The bytes of a file name: on Unix, whatever they are.
#[cfg(unix)]
fn name_bytes(name: &std::ffi::OsStr, _file: &Path) -> Result<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    Ok(name.as_bytes().to_vec())
}

/// The bytes of a file name: elsewhere (Windows names are UTF-16) a name
/// that is not Unicode has no bytes a diff could name, and is refused.
#[cfg(not(unix))]
fn name_bytes(name: &std::ffi::OsStr, file: &Path) -> Result<Vec<u8>> {
    match name.to_str() {
        Some(name) => Ok(name.as_bytes().to_vec()),
        None => Err(Error::Input {
            path: file.to_path_buf(),
            message: "the file's name is not valid Unicode, so a diff cannot name it; `errdocs fix` without --diff writes it".into(),
        }),
    }
}

/// A path as a diff's `---`/`+++` line names it, as `git diff` writes it:
/// in double quotes with C escapes when it holds a `"`, a `\\`, a
/// control character (a newline in a file's name would otherwise end the
/// line and start another, which `git apply` would read as the diff's) or
/// bytes that are not UTF-8 (each as a three-digit octal escape, as git
/// writes every byte outside ASCII with `core.quotePath`, so that `git
/// apply` finds the file by its own bytes), and followed by a tab when it
/// holds a space (so that `patch` finds where the name ends). Characters
/// outside ASCII are otherwise kept as they are (`git apply` and `patch`
/// read them).
fn diff_header_path(prefix: &str, rel: &[u8]) -> String {
    let mut path = prefix.as_bytes().to_vec();
    path.extend_from_slice(rel);
    let has_space = path.contains(&b' ');
    let needs_quotes = path.utf8_chunks().any(|chunk| {
        !chunk.invalid().is_empty()
            || chunk
                .valid()
                .chars()
                .any(|c| c == '"' || c == '\\' || c.is_control())
    });
    if !needs_quotes {
        // No invalid bytes: the conversion loses nothing.
        let path = String::from_utf8_lossy(&path).into_owned();
        return if has_space { path + "\t" } else { path };
    }
    let mut quoted = String::from("\"");
    let octal = |quoted: &mut String, byte: u8| quoted.push_str(&format!("\\{byte:03o}"));
    for chunk in path.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '"' => quoted.push_str("\\\""),
                '\\' => quoted.push_str("\\\\"),
                '\u{7}' => quoted.push_str("\\a"),
                '\u{8}' => quoted.push_str("\\b"),
                '\t' => quoted.push_str("\\t"),
                '\n' => quoted.push_str("\\n"),
                '\u{b}' => quoted.push_str("\\v"),
                '\u{c}' => quoted.push_str("\\f"),
                '\r' => quoted.push_str("\\r"),
                c if c.is_control() => {
                    let mut bytes = [0; 4];
                    for &byte in c.encode_utf8(&mut bytes).as_bytes() {
                        octal(&mut quoted, byte);
                    }
                }
                c => quoted.push(c),
            }
        }
        for &byte in chunk.invalid() {
            octal(&mut quoted, byte);
        }
    }
    quoted.push('"');
    if has_space {
        quoted.push('\t');
    }
    quoted
}

/// Prints the changes as a unified diff, `a/` and `b/` before the paths
/// (as `git diff` writes them, so that `git apply` takes it). `changed`
/// holds each changed file's path (see [`diff_path`]), bytes as read, and
/// new text.
fn print_diff(changed: &[(Vec<u8>, Vec<u8>, String)]) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (rel, original, fixed) in changed {
        // Both sides as the file's bytes, a byte-order mark included: the
        // fix keeps it, so it is in the first line of both and never a
        // change; a side without it made line 1 a change of its own, and a
        // hunk whose context holds line 1 must hold it too, or `git apply`
        // and `patch` do not find the line in the file.
        let before = String::from_utf8_lossy(original);
        let text = unified_diff(
            &before,
            fixed,
            &diff_header_path("a/", rel),
            &diff_header_path("b/", rel),
        );
        match out.write_all(text.as_bytes()) {
            // A reader that stopped early (`| head`) is not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            result => result.map_err(|e| Error::io("<stdout>", e))?,
        }
    }
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.map_err(|e| Error::io("<stdout>", e)),
    }
}

/// The unified diff of `before` and `after`, with 3 lines of context,
/// under `--- old` and `+++ new` headers; empty when they are the same.
///
/// Lines are split at LF alone, as `git apply` and `patch` split them: a
/// lone CR (an old Mac file) is a character inside a line, and a line
/// without an LF (the last one of a file with no final line break) is
/// followed by `\ No newline at end of file`. similar's own unified diff
/// splits at a lone CR too, and then neither ended those lines with an LF
/// nor marked them: the patch for a CR-only page was one corrupt line.
fn unified_diff(before: &str, after: &str, old: &str, new: &str) -> String {
    /// Lines of unchanged context around each change.
    const CONTEXT: usize = 3;
    let old_lines: Vec<&str> = before.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = after.split_inclusive('\n').collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &old_lines, &new_lines);
    let mut text = String::new();
    for (index, group) in similar::group_diff_ops(ops, CONTEXT).iter().enumerate() {
        if index == 0 {
            text.push_str(&format!("--- {old}\n+++ {new}\n"));
        }
        text.push_str(&format!(
            "{}\n",
            similar::udiff::UnifiedHunkHeader::new(group)
        ));
        let mut push = |sign: char, line: &str| {
            text.push(sign);
            text.push_str(line);
            if !line.ends_with('\n') {
                text.push_str("\n\\ No newline at end of file\n");
            }
        };
        for op in group {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            match tag {
                similar::DiffTag::Equal => {
                    old_lines[old_range].iter().for_each(|line| push(' ', line));
                }
                similar::DiffTag::Delete => {
                    old_lines[old_range].iter().for_each(|line| push('-', line));
                }
                similar::DiffTag::Insert => {
                    new_lines[new_range].iter().for_each(|line| push('+', line));
                }
                similar::DiffTag::Replace => {
                    old_lines[old_range].iter().for_each(|line| push('-', line));
                    new_lines[new_range].iter().for_each(|line| push('+', line));
                }
            }
        }
    }
    text
}

/// What was fixed, a line per file: `fixed FILE: RULE COUNT, ...`.
pub fn fixed_lines(applied: &[AppliedFix]) -> Vec<String> {
    let mut by_file: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for fix in applied {
        *by_file
            .entry(&fix.location.file)
            .or_default()
            .entry(fix.rule)
            .or_default() += 1;
    }
    by_file
        .into_iter()
        .map(|(file, rules)| {
            let rules: Vec<String> = rules
                .into_iter()
                .map(|(rule, count)| format!("{rule} {count}"))
                .collect();
            format!("fixed {}: {}", terminal(file), rules.join(", "))
        })
        .collect()
}

/// Says on standard error which fixes were left: those that could not be
/// applied, how many unsafe ones `--unsafe` would apply, and those the
/// last round did not get to.
fn print_left(last: &Plan) {
    let waiting: usize = last.files.iter().map(|f| f.fixes.len()).sum();
    if waiting > 0 {
        eprintln!(
            "errdocs: stopped after {MAX_ROUNDS} rounds with {} still to apply; run errdocs fix again",
            fixes(waiting)
        );
    }
    for Unplaced {
        rule,
        location,
        fix,
        reason,
    } in &last.unplaced
    {
        // Page text and file names, shown as text: no escape sequences or
        // line breaks reach the terminal.
        eprintln!(
            "errdocs: not fixed: {}:{}:{}: {} `{}` -> `{}` [{rule}]: {}",
            terminal(&location.file),
            location.line,
            location.column,
            fix.field,
            terminal(&fix.from),
            terminal(&fix.to),
            terminal(reason)
        );
    }
    match last.unsafe_left {
        0 => {}
        1 => eprintln!(
            "errdocs: 1 unsafe fix not applied; `errdocs fix --unsafe` applies it (read it first: `errdocs check`)"
        ),
        n => eprintln!(
            "errdocs: {} not applied; `errdocs fix --unsafe` applies them (read them first: `errdocs check`)",
            fixes(n).replacen(' ', " unsafe ", 1)
        ),
    }
}

/// `1 fix`, `2 fixes`.
fn fixes(count: usize) -> String {
    if count == 1 {
        "1 fix".into()
    } else {
        format!("{count} fixes")
    }
}
