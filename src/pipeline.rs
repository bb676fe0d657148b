//! The pipeline: one document in, its sentences and mentions out.
//!
//! Everything compiled from the gazetteers (automata, regular expressions,
//! lookup tables) is built once in [`Pipeline::new`] and shared read-only by
//! all worker threads.

use std::time::{Duration, Instant};

use crate::document::{ByteSpan, Document};
use crate::error::BuildError;
use crate::events::{Event, EventExtractor, Extraction, Rejected};
use crate::gazetteer::Gazetteers;
use crate::segment::Segmenter;
use crate::tag::money::MoneyTagger;
use crate::tag::names::NameTagger;
use crate::tag::temporal::{TemporalContext, TemporalTagger};
use crate::tag::truecase::Truecaser;
use crate::tag::{resolve_overlaps, Mention};

/// What the pipeline found in one document, in byte offsets.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub sentences: Vec<ByteSpan>,
    /// Non-overlapping, sorted by position.
    pub mentions: Vec<Mention>,
    /// In order of their triggers.
    pub events: Vec<Event>,
    /// Trigger candidates that gave no event, each with the rule that
    /// decided so (a guard, a merge, a restatement, the evidence).
    pub rejected: Vec<Rejected>,
}

impl Analysis {
    /// The index of the sentence that contains byte `pos`, if any.
    pub fn sentence_of(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        self.sentences.get(i).filter(|s| s.start <= pos).map(|_| i)
    }
}

/// Which stages to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stages {
    /// Sentence splitting only.
    Sentences,
    /// Dates, times, durations and sets only.
    Temporal,
    /// Everything up to mentions.
    Mentions,
    /// Mentions and events.
    Events,
}

/// Time spent in each stage, summed over the documents analysed with
/// [`Pipeline::analyse_timed`]: what the benchmark (`cargo bench --bench
/// throughput`) prints per stage.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimings {
    pub segmentation: Duration,
    pub temporal: Duration,
    pub money: Duration,
    /// Names, organisations and places, with the true-casing of lower-cased
    /// text.
    pub names: Duration,
    /// Choosing among overlapping candidates.
    pub overlaps: Duration,
    pub events: Duration,
}

impl StageTimings {
    /// The stages by name, in pipeline order.
    pub fn by_stage(&self) -> [(&'static str, Duration); 6] {
        [
            ("segmentation", self.segmentation),
            ("temporal", self.temporal),
            ("money", self.money),
            ("names", self.names),
            ("overlaps", self.overlaps),
            ("events", self.events),
        ]
    }

    pub fn add(&mut self, other: &StageTimings) {
        self.segmentation += other.segmentation;
        self.temporal += other.temporal;
        self.money += other.money;
        self.names += other.names;
        self.overlaps += other.overlaps;
        self.events += other.events;
    }
}

pub struct Pipeline {
    stages: Stages,
    segmenter: Segmenter,
    temporal: Option<TemporalTagger>,
    money: Option<MoneyTagger>,
    names: Option<NameTagger>,
    truecaser: Option<Truecaser>,
    events: Option<EventExtractor>,
    min_confidence: f64,
}

impl Pipeline {
    /// Builds what `stages` needs (and nothing more: building the name
    /// automata is most of the start-up time).
    ///
    /// Building compiles the gazetteers, which may be a user's: it fails
    /// with a [`BuildError`] naming the files and the problem (a size limit,
    /// a malformed entry), never with a panic.
    pub fn new(gazetteers: &Gazetteers, stages: Stages) -> Result<Pipeline, BuildError> {
        let temporal = stages != Stages::Sentences;
        let mentions = matches!(stages, Stages::Mentions | Stages::Events);
        Ok(Pipeline {
            stages,
            segmenter: Segmenter::new(gazetteers),
            temporal: temporal
                .then(|| TemporalTagger::new(gazetteers))
                .transpose()?,
            money: mentions.then(|| MoneyTagger::new(gazetteers)).transpose()?,
            names: mentions.then(|| NameTagger::new(gazetteers)).transpose()?,
            truecaser: mentions.then(|| Truecaser::new(gazetteers)).transpose()?,
            events: (stages == Stages::Events)
                .then(|| EventExtractor::new(gazetteers))
                .transpose()?,
            min_confidence: crate::events::evidence::DEFAULT_MIN_CONFIDENCE,
        })
    }

    /// Keeps only events whose confidence is at least `threshold` (0 keeps
    /// every event; see [`crate::events::evidence`]).
    pub fn with_min_confidence(mut self, threshold: f64) -> Pipeline {
        self.min_confidence = threshold;
        self
    }

    pub fn stages(&self) -> Stages {
        self.stages
    }

    pub fn analyse(&self, doc: &Document) -> Analysis {
        self.analyse_timed(doc, &mut StageTimings::default())
    }

    /// [`Pipeline::analyse`], adding the time each stage took to `timings`.
    pub fn analyse_timed(&self, doc: &Document, timings: &mut StageTimings) -> Analysis {
        let mut clock = Instant::now();
        let mut lap = |into: &mut Duration| {
            let now = Instant::now();
            *into += now - clock;
            clock = now;
        };
        let sentences = self.segmenter.split(&doc.text);
        lap(&mut timings.segmentation);
        let mut candidates = Vec::new();
        if let Some(temporal) = &self.temporal {
            candidates.extend(temporal.tag(&TemporalContext {
                text: &doc.text,
                sentences: &sentences,
                anchor: doc.published,
            }));
        }
        lap(&mut timings.temporal);
        if let Some(money) = &self.money {
            candidates.extend(money.tag(&doc.text));
        }
        lap(&mut timings.money);
        if let Some(names) = &self.names {
            // A lower-cased text is read with its names capitalised (the
            // same byte offsets; see tag::truecase).
            let cased = self.truecaser.as_ref().and_then(|t| t.truecase(&doc.text));
            candidates.extend(names.tag(cased.as_deref().unwrap_or(&doc.text), &sentences));
        }
        lap(&mut timings.names);
        let mentions = resolve_overlaps(candidates);
        lap(&mut timings.overlaps);
        let Extraction {
            mut events,
            mut rejected,
        } = match &self.events {
            Some(extractor) => extractor.extract(doc, &sentences, &mentions),
            None => Extraction::default(),
        };
        events.retain(|e| {
            let keep = e.confidence >= self.min_confidence;
            if !keep {
                rejected.push(e.rejected(if e.evidence.unmet.is_none() {
                    "evidence.below_min_confidence"
                } else {
                    "evidence.unmet_needs"
                }));
            }
            keep
        });
        rejected.sort_by_key(|r| (r.trigger.start, r.trigger.end));
        lap(&mut timings.events);
        Analysis {
            mentions,
            sentences,
            events,
            rejected,
        }
    }
}
