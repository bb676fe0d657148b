//! Errors of building a pipeline from gazetteers.
//!
//! Everything civex compiles (automata, rule patterns, lookup tables) is
//! built from gazetteer files, and a user's `--gazetteers` folder can hold
//! anything: a malformed line, or lists so large that a compiled rule
//! exceeds its size limit. Building never panics on such data; it returns a
//! [`BuildError`] that names the part being built, the files it was built
//! from, and what went wrong, in words a user can act on.
//!
//! The error is opaque (as `aho_corasick::BuildError` is): its message is
//! the interface, and [`BuildError::is_too_large`] tells a size limit from
//! a malformed entry.

use std::fmt;

use crate::gazetteer::GazetteerError;

/// Why a pipeline could not be built.
#[derive(Debug, Clone)]
pub struct BuildError {
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    /// A gazetteer file could not be read or has a malformed line.
    Gazetteer(GazetteerError),
    /// A compiled rule or automaton exceeded a size limit.
    TooLarge {
        part: String,
        files: String,
        detail: String,
    },
    /// Entries that make a rule or automaton impossible to build.
    Malformed {
        part: String,
        files: String,
        detail: String,
    },
}

impl BuildError {
    /// A rule pattern built from `files` did not compile.
    pub(crate) fn regex(part: &str, files: &str, error: &regex::Error) -> BuildError {
        let (part, files) = (part.to_string(), files.to_string());
        let kind = match error {
            regex::Error::CompiledTooBig(limit) => Kind::TooLarge {
                part,
                files,
                detail: format!(
                    "the compiled rule exceeds its size limit of {} MiB",
                    limit >> 20
                ),
            },
            other => Kind::Malformed {
                part,
                files,
                // The first line: the rest repeats the whole pattern.
                detail: other
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim()
                    .to_string(),
            },
        };
        BuildError { kind }
    }

    /// An automaton of `patterns` phrases built from `files` could not be built.
    pub(crate) fn automaton(
        part: &str,
        files: &str,
        patterns: usize,
        error: &aho_corasick::BuildError,
    ) -> BuildError {
        BuildError {
            kind: Kind::TooLarge {
                part: part.to_string(),
                files: files.to_string(),
                detail: format!("an automaton of {patterns} phrases could not be built ({error})"),
            },
        }
    }

    /// A phrase table of `patterns` phrases built from `files` has more
    /// nodes than it can index.
    pub(crate) fn phrase_table(part: &str, files: &str, patterns: usize) -> BuildError {
        BuildError {
            kind: Kind::TooLarge {
                part: part.to_string(),
                files: files.to_string(),
                detail: format!(
                    "a table of {patterns} phrases has more than 4,294,967,294 nodes or phrases"
                ),
            },
        }
    }

    /// Adds a hint to the message ("the largest kinds: holiday (20040
    /// entries)").
    pub(crate) fn with_hint(mut self, hint: String) -> BuildError {
        if let Kind::TooLarge { detail, .. } | Kind::Malformed { detail, .. } = &mut self.kind {
            detail.push_str(" (");
            detail.push_str(&hint);
            detail.push(')');
        }
        self
    }

    /// Whether a size limit was hit (rather than a malformed entry).
    pub fn is_too_large(&self) -> bool {
        matches!(self.kind, Kind::TooLarge { .. })
    }
}

impl From<GazetteerError> for BuildError {
    fn from(error: GazetteerError) -> BuildError {
        BuildError {
            kind: Kind::Gazetteer(error),
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Gazetteer(e) => e.fmt(f),
            Kind::TooLarge {
                part,
                files,
                detail,
            } => write!(
                f,
                "gazetteer {files}: cannot build {part}: {detail}; the lists it is built from are too large \
                 (split rare entries into a list of their own kind, or remove some)"
            ),
            Kind::Malformed {
                part,
                files,
                detail,
            } => write!(f, "gazetteer {files}: cannot build {part}: {detail}"),
        }
    }
}

// No `source`: the message already holds the gazetteer error's (a chain
// printed by anyhow would say it twice).
impl std::error::Error for BuildError {}

/// Why civex could not do what it was asked: build an [`Extractor`] from
/// gazetteers (or with an option out of its range), or read an input record
/// as a [`Document`].
///
/// Opaque: its message is the interface (the one the `civex` command
/// prints), and [`Error::is_too_large`] tells a size limit of the compiled
/// lists from a malformed entry.
///
/// [`Extractor`]: crate::Extractor
/// [`Document`]: crate::Document
#[derive(Debug, Clone)]
pub struct Error {
    inner: Inner,
}

#[derive(Debug, Clone)]
enum Inner {
    Build(BuildError),
    /// An input record that is not a document (the problem, as the
    /// command's error record gives it, and the record's id when it could
    /// be read), or an option out of its range.
    Message {
        problem: String,
        doc_id: Option<String>,
    },
}

impl Error {
    /// An input record that cannot become a document, or an option out of
    /// its range: `problem` says which.
    pub(crate) fn message(problem: String) -> Error {
        Error {
            inner: Inner::Message {
                problem,
                doc_id: None,
            },
        }
    }

    /// An input record that cannot become a document, as the command
    /// reports it.
    pub(crate) fn input(error: crate::input::InputError) -> Error {
        Error {
            inner: Inner::Message {
                problem: error.problem,
                doc_id: error.doc_id,
            },
        }
    }

    /// The id of the input record that could not become a document, when
    /// its id could be read (the `doc_id` of the command's error record).
    ///
    /// ```
    /// let error = civex::Document::from_json(r#"{"id": 7, "txt": "..."}"#).unwrap_err();
    /// assert_eq!(error.doc_id(), Some("7"));
    /// assert_eq!(error.to_string(), r#"the record has no "text" field"#);
    /// ```
    pub fn doc_id(&self) -> Option<&str> {
        match &self.inner {
            Inner::Message { doc_id, .. } => doc_id.as_deref(),
            Inner::Build(_) => None,
        }
    }

    /// Whether building hit a size limit of a compiled list (rather than a
    /// malformed or unreadable one, a bad option or a bad input record).
    pub fn is_too_large(&self) -> bool {
        matches!(&self.inner, Inner::Build(e) if e.is_too_large())
    }
}

impl From<BuildError> for Error {
    fn from(error: BuildError) -> Error {
        Error {
            inner: Inner::Build(error),
        }
    }
}

impl From<GazetteerError> for Error {
    fn from(error: GazetteerError) -> Error {
        Error::from(BuildError::from(error))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Build(e) => e.fmt(f),
            Inner::Message { problem, .. } => f.write_str(problem),
        }
    }
}

// No `source`: the message says it all (see `BuildError`).
impl std::error::Error for Error {}
