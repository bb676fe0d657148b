//! civex turns civic-space news into structured records: sentences, dates,
//! people, organisations, places, money and penalties (mentions), and the
//! events they make up (arrests, detentions, trials, fines, prison
//! sentences, protests and their suppression, attacks), each naming the rule
//! that produced it.
//!
//! The library is small: build an [`Extractor`] once, then give it
//! [`Document`]s; each gives an [`Analysis`] of [`records`] in character
//! offsets, the records the `civex` command writes (`RECORDS.md` is their
//! contract). Errors are one opaque [`Error`] whose message is the
//! command's.
//!
//! ```rust
//! use civex::{Document, Extractor};
//!
//! let extractor = Extractor::new()?;
//! let doc = Document::new("d1", "Police detained two students in Minsk on 14 October.")
//!     .with_published(chrono::NaiveDate::from_ymd_opt(2016, 11, 1).unwrap());
//! let analysis = extractor.extract(&doc);
//! let event = &analysis.events[0];
//! assert_eq!((event.event_type.as_str(), event.trigger.start), ("arrest", 7));
//! assert_eq!(event.date.as_ref().unwrap().value, "2016-10-14");
//! assert_eq!(event.locations[0].name, "Minsk");
//! println!("{}", serde_json::to_string(event).unwrap()); // the line `civex extract` writes
//! # Ok::<(), civex::Error>(())
//! ```
//!
//! The pipeline inside, one module per stage: input records become
//! documents; `segment` splits sentences; `tokens` finds words; `gazetteer`
//! reads the word lists of `gazetteers/` (embedded, or overlaid from a
//! folder) and builds their matchers; `tag` finds dates, times, durations,
//! sets, persons, organisations, places, money and counted groups;
//! `events` assembles events from triggers and mentions; `pipeline` runs
//! the stages over groups of documents; [`records`] turns byte offsets into
//! character offsets. The command line (`cli`, the default `cli` feature)
//! adds reading files, folders and gzip, output formats, many threads, and
//! the subcommands `incidents`, `explain`, `gazetteers` and `test`.
//!
//! Features: `cli` (default) builds the `civex` command and what only it
//! needs (clap, indicatif, flate2, csv); a library user who does not run
//! the command can turn it off (`default-features = false`).

#![warn(missing_docs)]
// Without the command, the parts only it reads (rejected candidates, stage
// timings, the trigger entries `explain` shows) go unread; a build with the
// `cli` feature (the default, and CI's) still reports dead code.
#![cfg_attr(not(feature = "cli"), allow(dead_code))]

#[cfg(feature = "cli")]
mod batch;
mod bytescan;
mod calendar;
mod document;
mod error;
mod events;
#[cfg(feature = "cli")]
mod explain;
mod extractor;
mod gazetteer;
#[cfg(feature = "cli")]
mod incidents;
mod input;
#[cfg(feature = "cli")]
mod output;
#[cfg(feature = "cli")]
mod output_file;
mod pipeline;
pub mod records;
mod segment;
#[cfg(feature = "cli")]
mod snapshot;
mod tag;
mod tokens;
mod trie;

#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;

pub use document::Document;
pub use error::Error;
pub use extractor::{Analysis, Extractor, ExtractorBuilder};

/// The stages' own types, for civex's benchmark, tests and fuzz target only: not part of
/// the library's interface, and free to change in any release.
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod internals {
    pub use crate::document::{Document, Origin};
    pub use crate::gazetteer::{check, parse_list, Gazetteers, Lexicon, PhraseMatcher};
    pub use crate::input::{parse_json_document, InputOptions};
    pub use crate::output::{write_document, write_events, write_mentions, write_sentences};
    pub use crate::pipeline::{Analysis, Pipeline, StageTimings, Stages, GROUP_DOCS};
    pub use crate::segment::Segmenter;
    pub use crate::tokens::Tokens;
}
