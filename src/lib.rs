//! civex turns civic-space news into structured records.
//!
//! The pipeline, one module per stage:
//!
//! - [`input`][]: JSON Lines, text files, folders, gzip and stdin → [`document::Document`]s
//! - [`segment`][]: sentences
//! - [`tokens`][]: where words and symbols start and end, read by the phrase matchers
//! - [`gazetteer`][]: the word lists in `gazetteers/` and the matchers built from them
//! - [`tag`][]: dates, times, durations, sets, persons, organisations, locations,
//!   money and counted groups, each naming the rule that produced it, their
//!   values typed for the event stage ([`tag::value`])
//! - [`events`][]: event records assembled from triggers and mentions
//! - [`pipeline`][]: the stages above run over one document
//! - [`output`][]: JSON Lines records with character offsets
//! - [`batch`][]: many documents on many threads, in input order
//! - [`incidents`][]: event records of many articles linked into one record per incident
//!
//! ```
//! use civex::{document::{Document, Origin}, gazetteer::Gazetteers, pipeline::{Pipeline, Stages}};
//!
//! let gazetteers = Gazetteers::embedded().unwrap();
//! let pipeline = Pipeline::new(&gazetteers, Stages::Mentions).unwrap();
//! let doc = Document {
//!     id: "d1".into(),
//!     text: "Police detained two students on 14th October.".into(),
//!     published: chrono::NaiveDate::from_ymd_opt(2016, 11, 1),
//!     meta: Default::default(),
//!     origin: Origin { path: "-".into(), line: None },
//! };
//! let analysis = pipeline.analyse(&doc);
//! let date = analysis.mentions.iter().find(|m| m.kind.as_str() == "date").unwrap();
//! assert_eq!(date.value.as_deref(), Some("2016-10-14"));
//! ```

pub mod batch;
mod bytescan;
pub mod calendar;
pub mod document;
pub mod error;
pub mod events;
pub mod explain;
pub mod gazetteer;
pub mod incidents;
pub mod input;
pub mod output;
pub mod output_file;
pub mod pipeline;
pub mod segment;
pub mod snapshot;
pub mod tag;
pub mod tokens;
mod trie;
