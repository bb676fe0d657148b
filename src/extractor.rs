//! The library's front door: an [`Extractor`] built once from gazetteers,
//! then run on [`Document`]s, giving an [`Analysis`] of records in
//! character offsets (the types of [`crate::records`]).

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::document::{CharIndex, Document};
use crate::error::Error;
use crate::gazetteer::Gazetteers;
use crate::pipeline::{Pipeline, Stages};
use crate::records::{Event, Mention, Sentence};

/// Extracts sentences, mentions and events from documents.
///
/// Building one compiles every gazetteer into automata (about 0.1 s, and
/// more for a large folder of one's own); build it once and share it: an
/// `Extractor` is `Send + Sync`, and [`Extractor::extract`] takes `&self`.
///
/// ```
/// use civex::{Document, Extractor};
///
/// let extractor = Extractor::new()?;
/// let doc = Document::new("d1", "Police detained two students in Minsk on 14 October.")
///     .with_published(chrono::NaiveDate::from_ymd_opt(2016, 11, 1).unwrap());
/// let analysis = extractor.extract(&doc);
/// let event = &analysis.events[0];
/// assert_eq!(event.event_type, "arrest");
/// assert_eq!(event.target_count, Some(2));
/// assert_eq!(event.date.as_ref().map(|d| d.value.as_str()), Some("2016-10-14"));
/// assert_eq!(event.locations[0].name, "Minsk");
/// # Ok::<(), civex::Error>(())
/// ```
pub struct Extractor {
    pipeline: Pipeline,
    events_only: bool,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("events_only", &self.events_only)
            .finish_non_exhaustive()
    }
}

// One extractor serves every thread.
const _: () = {
    const fn shared<T: Send + Sync>() {}
    shared::<Extractor>();
};

/// How to build an [`Extractor`]: [`Extractor::builder`], then
/// [`ExtractorBuilder::build`].
///
/// ```
/// let extractor = civex::Extractor::builder()
///     .min_confidence(0.0) // every event, however weak its evidence
///     .events_only(true) // skip what only the mentions would need
///     .build()?;
/// # Ok::<(), civex::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct ExtractorBuilder {
    gazetteers: Option<PathBuf>,
    min_confidence: Option<f64>,
    events_only: bool,
}

/// What [`Extractor::extract`] found in one document, in character offsets.
///
/// The records of one document share one copy of its other input fields
/// (`meta`, an [`std::sync::Arc`]).
///
/// Serialises (with serde) as `{"sentences": [...], "mentions": [...],
/// "events": [...]}`, each record as the `civex` command writes it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Analysis {
    /// The document's sentences, in order (`civex sentences`); empty for an
    /// extractor built with [`ExtractorBuilder::events_only`].
    pub sentences: Vec<Sentence>,
    /// Its mentions, sorted by position (`civex extract --emit
    /// mentions`): the tagged spans never overlap one another, but a
    /// `trigger` mention may overlap one ("face up to" and "up to ten
    /// years"); empty for an extractor built with
    /// [`ExtractorBuilder::events_only`].
    pub mentions: Vec<Mention>,
    /// Its events, in the order of their triggers (`civex extract`).
    pub events: Vec<Event>,
}

impl ExtractorBuilder {
    /// Layers every `*.tsv` of `dir` over the shipped word lists, as the
    /// command's `--gazetteers DIR` does (a line replaces the shipped entry
    /// of the same surface and kind; see the README's "Rules and word
    /// lists").
    pub fn gazetteers(mut self, dir: impl Into<PathBuf>) -> ExtractorBuilder {
        self.gazetteers = Some(dir.into());
        self
    }

    /// Keeps only events whose confidence is at least `threshold` (0 keeps
    /// every event), as `civex extract --min-confidence` does; outside 0 to 1,
    /// [`ExtractorBuilder::build`] fails. The default is the command's.
    pub fn min_confidence(mut self, threshold: f64) -> ExtractorBuilder {
        self.min_confidence = Some(threshold);
        self
    }

    /// Extracts the events alone: sentences and mentions are then left
    /// empty, and a document without a trigger word is not tagged at all,
    /// which is what `civex extract` does when it writes events (about
    /// twice as fast on ordinary news). The events are the same.
    pub fn events_only(mut self, yes: bool) -> ExtractorBuilder {
        self.events_only = yes;
        self
    }

    /// Reads the gazetteers and compiles them.
    ///
    /// Fails, never panics, on a folder that cannot be read, a malformed
    /// line (naming its file and line), lists too large to compile (the
    /// error's message is then the command's), or a `min_confidence`
    /// outside 0 to 1.
    pub fn build(self) -> Result<Extractor, Error> {
        if let Some(threshold) = self.min_confidence {
            if !(0.0..=1.0).contains(&threshold) {
                return Err(Error::message(format!(
                    "min_confidence {threshold} is not between 0 and 1"
                )));
            }
        }
        let gazetteers = match &self.gazetteers {
            Some(dir) => Gazetteers::with_overlay(dir)?,
            None => Gazetteers::embedded()?,
        };
        let stages = if self.events_only {
            Stages::EventsOnly
        } else {
            Stages::Events
        };
        let mut pipeline = Pipeline::new(&gazetteers, stages)?;
        if let Some(threshold) = self.min_confidence {
            pipeline = pipeline.with_min_confidence(threshold);
        }
        Ok(Extractor {
            pipeline,
            events_only: self.events_only,
        })
    }
}

impl Extractor {
    /// An extractor of everything, with the shipped gazetteers and the
    /// command's defaults.
    pub fn new() -> Result<Extractor, Error> {
        Extractor::builder().build()
    }

    /// A builder, to choose gazetteers and options.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// The sentences, mentions and events of one document.
    pub fn extract(&self, doc: &Document) -> Analysis {
        self.records(doc, &self.pipeline.analyse(doc))
    }

    /// The analyses of many documents, in their order, computed in
    /// parallel on rayon's current thread pool (run it inside
    /// `rayon::ThreadPool::install` to choose the number of threads). Each
    /// is the one [`Extractor::extract`] gives.
    ///
    /// ```
    /// use civex::{Document, Extractor};
    ///
    /// let extractor = Extractor::new()?;
    /// let docs = vec![
    ///     Document::new("a", "Riot police arrested 12 protesters in Nairobi on Monday."),
    ///     Document::new("b", "Shares rallied on Monday after the bank cut rates."),
    /// ];
    /// let analyses = extractor.extract_many(&docs);
    /// assert_eq!(analyses[0].events[0].event_type, "arrest");
    /// assert!(analyses[1].events.is_empty());
    /// # Ok::<(), civex::Error>(())
    /// ```
    pub fn extract_many(&self, docs: &[Document]) -> Vec<Analysis> {
        // Groups of documents go through the pipeline stage by stage (see
        // the pipeline's `analyse_many`), several groups per thread.
        let groups = crate::pipeline::groups(
            docs.iter().map(|doc| Some(doc.text.len())),
            rayon::current_num_threads(),
        );
        groups
            .into_par_iter()
            .flat_map_iter(|range| {
                let group = &docs[range];
                let refs: Vec<&Document> = group.iter().collect();
                let analyses = self.pipeline.analyse_many(&refs);
                group
                    .iter()
                    .zip(analyses)
                    .map(|(doc, analysis)| self.records(doc, &analysis))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn records(&self, doc: &Document, analysis: &crate::pipeline::Analysis) -> Analysis {
        let index = CharIndex::new(&doc.text);
        // One copy of the document's other fields, shared by its records.
        let meta = std::sync::Arc::new(doc.meta.clone());
        let (sentences, mentions) = if self.events_only {
            (Vec::new(), Vec::new())
        } else {
            (
                Sentence::all_of(doc, analysis, &index, &meta),
                Mention::all_of(doc, analysis, &index, &meta),
            )
        };
        Analysis {
            sentences,
            mentions,
            events: Event::all_of(doc, analysis, &index, &meta),
        }
    }
}
