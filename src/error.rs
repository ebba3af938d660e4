//! The library's error type: everything that stops a run before it can
//! produce a dataset (exit code 2 in the CLI).

use std::path::PathBuf;

/// A failure that stops a run: bad configuration, unreadable input, or an
/// output that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A source file is not valid UTF-8.
    #[error("{}:{line}:{column}: not valid UTF-8 (byte offset {offset}); save the file as UTF-8", path.display())]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based column (in characters) of the first invalid byte.
        column: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A source file is UTF-16 (it starts with a UTF-16 byte-order mark).
    #[error("{}: the file is UTF-16; errdocs reads UTF-8: save it as UTF-8", path.display())]
    Utf16 {
        /// The file.
        path: PathBuf,
    },
    /// A source file is UTF-32 (it starts with a UTF-32 byte-order mark).
    #[error("{}: the file is UTF-32; errdocs reads UTF-8: save it as UTF-8", path.display())]
    Utf32 {
        /// The file.
        path: PathBuf,
    },
    /// A source file is UTF-16 or UTF-32 saved without a byte-order mark:
    /// its NUL bytes fall between its characters, as they do in text of
    /// that encoding.
    #[error("{}: the file is {encoding} without a byte-order mark (NUL bytes between its characters); errdocs reads UTF-8: save it as UTF-8", path.display())]
    UnmarkedWide {
        /// The file.
        path: PathBuf,
        /// The encoding, as a person names it (`UTF-16 (little-endian)`).
        encoding: &'static str,
    },
    /// A source file holds NUL bytes: not text.
    #[error("{}:{line}: binary file (NUL byte at byte offset {offset}); errdocs reads Markdown text", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first NUL byte.
        line: usize,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// A source file is empty or holds only white space.
    #[error("{}: file is empty; remove it or give it content", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// `errdocs.toml` is missing, unreadable or wrong.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line, where known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// The corpus as laid out on disk does not make sense.
    #[error("{}: {message}", path.display())]
    Corpus {
        /// The folder or file involved.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A reference file named in `errdocs.toml` (a product's header or
    /// table of constants) cannot be used: a line that defines a constant
    /// in a way errdocs cannot read, or contradicts another.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Reference {
        /// The reference file.
        path: PathBuf,
        /// 1-based line, where known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// Options that cannot work together, or an argument that is wrong in
    /// itself (not a file's content).
    #[error("{0}")]
    Usage(String),
    /// A file given on the command line (a baseline, a dataset) is wrong.
    #[error("{}: {message}", path.display())]
    Input {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The operating system's words for `error`, without the temporary
/// file's path that tempfile adds to the errors of its files (`File too
/// large (os error 27) at path "/abs/.errdocs-fix-6OrbVa"`): that name
/// means nothing to the reader, and the file is gone once the error is
/// shown. Errors are reported of the file the temporary one stood for.
pub fn without_temporary_path(error: &std::io::Error) -> std::io::Error {
    let message = error.to_string();
    match message.split_once(" at path ") {
        Some((words, _)) => std::io::Error::new(error.kind(), words.to_string()),
        None => std::io::Error::new(error.kind(), message),
    }
}

/// Whether `error` says that symbolic links lead in a circle (ELOOP): a
/// link that leads back to itself, or to a link that leads back to it,
/// which `metadata` reports as an error as it does a link to nothing.
pub fn is_link_loop(error: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        error.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = error;
        false
    }
}

impl Error {
    /// The error with `rename` applied to its paths and to its message:
    /// a file read from a temporary copy named as the user knows it (see
    /// `errdocs diff --base`, whose revisions are read from a copy).
    pub fn renamed(self, rename: impl Fn(&str) -> String) -> Self {
        let path = |path: PathBuf| PathBuf::from(rename(&path.display().to_string()));
        match self {
            Error::Io { path: p, source } => Error::Io {
                path: path(p),
                source,
            },
            Error::InvalidUtf8 {
                path: p,
                line,
                column,
                offset,
            } => Error::InvalidUtf8 {
                path: path(p),
                line,
                column,
                offset,
            },
            Error::Utf16 { path: p } => Error::Utf16 { path: path(p) },
            Error::Utf32 { path: p } => Error::Utf32 { path: path(p) },
            Error::UnmarkedWide { path: p, encoding } => Error::UnmarkedWide {
                path: path(p),
                encoding,
            },
            Error::Binary {
                path: p,
                line,
                offset,
            } => Error::Binary {
                path: path(p),
                line,
                offset,
            },
            Error::Empty { path: p } => Error::Empty { path: path(p) },
            Error::Config {
                path: p,
                line,
                message,
            } => Error::Config {
                path: path(p),
                line,
                message: rename(&message),
            },
            Error::Corpus { path: p, message } => Error::Corpus {
                path: path(p),
                message: rename(&message),
            },
            Error::Reference {
                path: p,
                line,
                message,
            } => Error::Reference {
                path: path(p),
                line,
                message: rename(&message),
            },
            Error::Usage(message) => Error::Usage(rename(&message)),
            Error::Input { path: p, message } => Error::Input {
                path: path(p),
                message: rename(&message),
            },
        }
    }
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
