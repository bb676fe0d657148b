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
use crate::tokens::Tokens;

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

/// What a build thread returned; its panic, if it panicked, goes on.
fn finish<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
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
        // The stages are compiled side by side, on threads of their own
        // (start-up is most of the time of a run on a few documents); an
        // error is reported as a build one after another would report it.
        let (temporal, money, names, truecaser, events) = std::thread::scope(|scope| {
            let temporal = scope.spawn(move || {
                temporal
                    .then(|| TemporalTagger::new(gazetteers))
                    .transpose()
            });
            let names =
                scope.spawn(move || mentions.then(|| NameTagger::new(gazetteers)).transpose());
            let events = scope.spawn(move || {
                (stages == Stages::Events)
                    .then(|| EventExtractor::new(gazetteers))
                    .transpose()
            });
            let money = mentions.then(|| MoneyTagger::new(gazetteers)).transpose();
            let truecaser = mentions.then(|| Truecaser::new(gazetteers)).transpose();
            (
                finish(temporal),
                money,
                finish(names),
                truecaser,
                finish(events),
            )
        });
        Ok(Pipeline {
            stages,
            segmenter: Segmenter::new(gazetteers),
            temporal: temporal?,
            money: money?,
            names: names?,
            truecaser: truecaser?,
            events: events?,
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
        self.analyse_many_timed(&[doc], timings)
            .pop()
            .unwrap_or_default()
    }

    /// The analyses of several documents, in their order: each the same as
    /// [`Pipeline::analyse`] would give, but computed stage by stage (every
    /// document's sentences, then every document's dates, ...). Each stage
    /// then finds its automata and lazily built DFAs still in the processor's
    /// caches: measured 1.2x faster than document by document in groups of
    /// 64, 1.3-1.5x in groups of 256 (see [`crate::batch`]).
    pub fn analyse_many(&self, docs: &[&Document]) -> Vec<Analysis> {
        self.analyse_many_timed(docs, &mut StageTimings::default())
    }

    /// [`Pipeline::analyse_many`], adding the time each stage took to
    /// `timings`.
    pub fn analyse_many_timed(
        &self,
        docs: &[&Document],
        timings: &mut StageTimings,
    ) -> Vec<Analysis> {
        let mut clock = Instant::now();
        let mut lap = |into: &mut Duration| {
            let now = Instant::now();
            *into += now - clock;
            clock = now;
        };
        let sentences: Vec<Vec<ByteSpan>> = docs
            .iter()
            .map(|doc| self.segmenter.split(&doc.text))
            .collect();
        // The token layer of each text, read by every phrase matcher.
        let tokens: Vec<Tokens> = docs.iter().map(|doc| Tokens::new(&doc.text)).collect();
        lap(&mut timings.segmentation);
        let mut candidates: Vec<Vec<Mention>> = vec![Vec::new(); docs.len()];
        if let Some(temporal) = &self.temporal {
            for ((doc, sentences), found) in docs.iter().zip(&sentences).zip(&mut candidates) {
                found.extend(temporal.tag(&TemporalContext {
                    text: &doc.text,
                    sentences,
                    anchor: doc.published,
                }));
            }
        }
        lap(&mut timings.temporal);
        if let Some(money) = &self.money {
            for ((doc, tokens), found) in docs.iter().zip(&tokens).zip(&mut candidates) {
                found.extend(money.tag_in(&doc.text, tokens));
            }
        }
        lap(&mut timings.money);
        if let Some(names) = &self.names {
            for (((doc, sentences), tokens), found) in docs
                .iter()
                .zip(&sentences)
                .zip(&tokens)
                .zip(&mut candidates)
            {
                // A lower-cased text is read with its names capitalised: only
                // ASCII letters change case, so the byte offsets and the
                // tokens are the text's own (see tag::truecase).
                let cased = self.truecaser.as_ref().and_then(|t| t.truecase(&doc.text));
                found.extend(names.tag_in(
                    cased.as_deref().unwrap_or(&doc.text),
                    tokens,
                    sentences,
                ));
            }
        }
        lap(&mut timings.names);
        let mentions: Vec<Vec<Mention>> = candidates.into_iter().map(resolve_overlaps).collect();
        lap(&mut timings.overlaps);
        let analyses =
            docs.iter()
                .zip(sentences)
                .zip(mentions)
                .zip(&tokens)
                .map(|(((doc, sentences), mentions), tokens)| {
                    let (events, rejected) = match &self.events {
                        Some(extractor) => self
                            .keep_confident(extractor.extract(doc, tokens, &sentences, &mentions)),
                        None => Default::default(),
                    };
                    Analysis {
                        mentions,
                        sentences,
                        events,
                        rejected,
                    }
                })
                .collect();
        lap(&mut timings.events);
        analyses
    }

    /// The events of at least the minimum confidence; the others join the
    /// rejected candidates, which come sorted by position.
    fn keep_confident(&self, extraction: Extraction) -> (Vec<Event>, Vec<Rejected>) {
        let Extraction {
            mut events,
            mut rejected,
        } = extraction;
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
        (events, rejected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Origin;

    #[test]
    fn documents_analysed_together_are_analysed_as_alone() {
        let gazetteers = Gazetteers::embedded().unwrap();
        let pipeline = Pipeline::new(&gazetteers, Stages::Events).unwrap();
        let docs: Vec<Document> =
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
                .unwrap()
                .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
                .flat_map(|text| {
                    text.lines()
                        .filter(|l| l.starts_with('{'))
                        .map(|line| {
                            crate::input::parse_json_document(
                                line.as_bytes(),
                                Origin {
                                    path: "fixture".into(),
                                    line: None,
                                },
                                &Default::default(),
                            )
                            .unwrap()
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
        assert!(docs.len() >= 10);
        let refs: Vec<&Document> = docs.iter().collect();
        let together = pipeline.analyse_many(&refs);
        assert_eq!(together.len(), docs.len());
        for (doc, many) in docs.iter().zip(&together) {
            let alone = pipeline.analyse(doc);
            assert_eq!(alone.sentences, many.sentences, "{}", doc.id);
            assert_eq!(alone.mentions, many.mentions, "{}", doc.id);
            assert_eq!(
                format!("{:?}", alone.events),
                format!("{:?}", many.events),
                "{}",
                doc.id
            );
            assert_eq!(alone.rejected.len(), many.rejected.len(), "{}", doc.id);
        }
    }
}
