//! The pipeline: one document in, its sentences and mentions out.
//!
//! Everything compiled from the gazetteers (automata, regular expressions,
//! lookup tables) is built once in [`Pipeline::new`] and shared read-only by
//! all worker threads.

use std::time::{Duration, Instant};

use crate::document::{ByteSpan, Document};
use crate::error::BuildError;
use crate::events::lexicon::TriggerMatch;
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
///
/// Under [`Stages::EventsOnly`], a document without trigger candidates has
/// no sentences and no mentions: it was not analysed further.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The sentences, in order.
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

/// Documents analysed together, stage by stage, at most (see
/// [`Pipeline::analyse_many`]).
pub const GROUP_DOCS: usize = 256;
/// Text bytes of a group, at most (a larger document is a group of its own).
pub const GROUP_BYTES: usize = 1 << 20;

/// Splits a run of items into groups of consecutive ones for `threads`
/// threads: runs of documents (`Some(text length)`) of at most
/// [`GROUP_DOCS`] and [`GROUP_BYTES`], several per thread so that the
/// threads stay busy to the end, and each other item (`None`: an input
/// error) alone.
pub(crate) fn groups(
    items: impl ExactSizeIterator<Item = Option<usize>> + Clone,
    threads: usize,
) -> Vec<std::ops::Range<usize>> {
    let documents = items.clone().filter(Option::is_some).count();
    let size = documents.div_ceil(threads.max(1) * 4).clamp(1, GROUP_DOCS);
    let len = items.len();
    let mut groups = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, item) in items.enumerate() {
        match item {
            Some(text_len) => {
                if i > start && (i - start >= size || bytes + text_len > GROUP_BYTES) {
                    groups.push(start..i);
                    start = i;
                    bytes = 0;
                }
                bytes += text_len;
            }
            None => {
                if i > start {
                    groups.push(start..i);
                }
                groups.push(i..i + 1);
                start = i + 1;
                bytes = 0;
            }
        }
    }
    if start < len {
        groups.push(start..len);
    }
    groups
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
    /// Events, and mentions only where an event may use them: what
    /// `extract` runs when it writes events alone. Every event (and every
    /// rejected candidate) starts from a trigger candidate, and the
    /// candidates are found in the text alone
    /// (`EventExtractor::find_triggers`), so a document without any is
    /// neither split nor tagged: its analysis is empty, as its events and
    /// rejected candidates are under [`Stages::Events`]. Most news is not
    /// about civic space: in the news corpus, 59% of the text is in such
    /// documents.
    EventsOnly,
}

impl Stages {
    /// Whether the events are extracted.
    fn events(self) -> bool {
        matches!(self, Stages::Events | Stages::EventsOnly)
    }

    /// Whether the analysis hands on its mentions to be written (all but
    /// `EventsOnly`, which tags only what its events need), trigger
    /// candidates among them.
    fn writes_mentions(self) -> bool {
        matches!(self, Stages::Mentions | Stages::Events)
    }

    /// Whether names, organisations, places and money are tagged.
    fn mentions(self) -> bool {
        matches!(self, Stages::Mentions | Stages::Events | Stages::EventsOnly)
    }
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
    /// Sentences and tokens.
    pub segmentation: Duration,
    /// Dates, times, durations and sets.
    pub temporal: Duration,
    /// Money and counted groups.
    pub money: Duration,
    /// Names, organisations and places, with the true-casing of lower-cased
    /// text.
    pub names: Duration,
    /// Choosing among overlapping candidates.
    pub overlaps: Duration,
    /// Trigger candidates and events.
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

    /// Adds `other`'s times to these.
    pub fn add(&mut self, other: &StageTimings) {
        self.segmentation += other.segmentation;
        self.temporal += other.temporal;
        self.money += other.money;
        self.names += other.names;
        self.overlaps += other.overlaps;
        self.events += other.events;
    }
}

/// The stages, built from gazetteers, run over documents.
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
        let mentions = stages.mentions();
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
            // Mentions include the trigger candidates: the extractor finds
            // them.
            let events = scope.spawn(move || {
                mentions
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

    /// The trigger entry of this index (`Event::trigger_entry_index`), if
    /// the pipeline extracts events.
    pub fn trigger_entry(&self, index: usize) -> Option<&crate::gazetteer::Entry> {
        self.events.as_ref().map(|e| e.trigger_entry(index))
    }

    /// The stages this pipeline runs.
    pub fn stages(&self) -> Stages {
        self.stages
    }

    /// What the stages find in one document, in byte offsets.
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
        // The token layer of each text, read by every phrase matcher (of
        // money, names and events; the sentence splitter and the temporal
        // rules read the text).
        let tokens: Vec<Tokens> = docs
            .iter()
            .map(|doc| {
                if self.stages.mentions() {
                    Tokens::new(&doc.text)
                } else {
                    Tokens::default()
                }
            })
            .collect();
        lap(&mut timings.segmentation);
        // Where events may be, and which documents the taggers read: all of
        // them, unless only events are asked for (`Stages::EventsOnly`).
        let triggers: Vec<Vec<TriggerMatch>> = match &self.events {
            Some(extractor) => docs
                .iter()
                .zip(&tokens)
                .map(|(doc, tokens)| extractor.find_triggers(&doc.text, tokens))
                .collect(),
            None => vec![Vec::new(); docs.len()],
        };
        let tagged: Vec<usize> = (0..docs.len())
            .filter(|&i| self.stages != Stages::EventsOnly || !triggers[i].is_empty())
            .collect();
        lap(&mut timings.events);
        let mut sentences: Vec<Vec<ByteSpan>> = vec![Vec::new(); docs.len()];
        for &i in &tagged {
            sentences[i] = self.segmenter.split(&docs[i].text);
        }
        lap(&mut timings.segmentation);
        let mut candidates: Vec<Vec<Mention>> = vec![Vec::new(); docs.len()];
        if let Some(temporal) = &self.temporal {
            for &i in &tagged {
                candidates[i].extend(temporal.tag(&TemporalContext {
                    text: &docs[i].text,
                    sentences: &sentences[i],
                    anchor: docs[i].published,
                }));
            }
        }
        lap(&mut timings.temporal);
        if let Some(money) = &self.money {
            for &i in &tagged {
                candidates[i].extend(money.tag_in(&docs[i].text, &tokens[i]));
            }
        }
        lap(&mut timings.money);
        if let Some(names) = &self.names {
            for &i in &tagged {
                let text = &docs[i].text;
                // A lower-cased text is read with its names capitalised: only
                // ASCII letters change case, so the byte offsets and the
                // tokens are the text's own (see tag::truecase).
                let cased = self.truecaser.as_ref().and_then(|t| t.truecase(text));
                candidates[i].extend(names.tag_in(
                    cased.as_deref().unwrap_or(text),
                    &tokens[i],
                    &sentences[i],
                ));
            }
        }
        lap(&mut timings.names);
        let mentions: Vec<Vec<Mention>> = candidates.into_iter().map(resolve_overlaps).collect();
        lap(&mut timings.overlaps);
        let analyses = docs
            .iter()
            .zip(sentences)
            .zip(mentions)
            .zip(&tokens)
            .zip(&triggers)
            .map(|((((doc, sentences), mut mentions), tokens), triggers)| {
                let (events, rejected) = match &self.events {
                    Some(extractor) if self.stages.events() => self.keep_confident(
                        extractor.extract_at(doc, tokens, &sentences, &mentions, triggers),
                    ),
                    _ => Default::default(),
                };
                // The trigger candidates join the mentions written (after
                // the events, which read the others only).
                if let Some(extractor) = self
                    .events
                    .as_ref()
                    .filter(|_| self.stages.writes_mentions())
                {
                    let found = extractor
                        .trigger_mentions(&doc.text, tokens, &sentences, triggers, &mentions);
                    if !found.is_empty() {
                        mentions.extend(found);
                        mentions.sort_by_key(|m| (m.span.start, m.span.end));
                    }
                }
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

/// For tests of the stages: one text analysed with a user's files.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Analysis, Pipeline, Stages};
    use crate::document::{Document, Origin};
    use crate::gazetteer::Gazetteers;

    /// `text` (published 8 March 2024) analysed by `stages`, with `files`
    /// (name, content) as the user's rule folder.
    pub(crate) fn analyse_with(files: &[(&str, &str)], text: &str, stages: Stages) -> Analysis {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for (name, content) in files {
            std::fs::write(dir.path().join(name), content).expect("the file is written");
        }
        let gazetteers = Gazetteers::with_overlay(dir.path()).expect("the rules load");
        let doc = Document {
            id: "t".into(),
            text: text.into(),
            published: chrono::NaiveDate::from_ymd_opt(2024, 3, 8),
            meta: Default::default(),
            origin: Origin {
                path: "test".into(),
                line: None,
            },
        };
        Pipeline::new(&gazetteers, stages)
            .expect("the pipeline builds")
            .analyse(&doc)
    }
}

/// The documents of the fixtures.
#[cfg(test)]
pub(crate) fn fixture_documents() -> Vec<Document> {
    std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .flat_map(|text| {
            text.lines()
                .filter(|l| l.starts_with('{'))
                .map(|line| {
                    crate::input::parse_json_document(
                        line.as_bytes(),
                        crate::document::Origin {
                            path: "fixture".into(),
                            line: None,
                        },
                        &Default::default(),
                    )
                    .unwrap()
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Origin;
    use crate::tag::MentionKind;

    /// Two analyses of document `id` have the same events and rejected
    /// candidates.
    fn assert_same_events(a: &Analysis, b: &Analysis, id: &str) {
        assert_eq!(format!("{:?}", a.events), format!("{:?}", b.events), "{id}");
        assert_eq!(a.rejected, b.rejected, "{id}");
    }

    #[test]
    fn documents_analysed_together_are_analysed_as_alone() {
        let gazetteers = Gazetteers::embedded().unwrap();
        let pipeline = Pipeline::new(&gazetteers, Stages::Events).unwrap();
        let docs = fixture_documents();
        assert!(docs.len() >= 10);
        let refs: Vec<&Document> = docs.iter().collect();
        let together = pipeline.analyse_many(&refs);
        assert_eq!(together.len(), docs.len());
        for (doc, many) in docs.iter().zip(&together) {
            let alone = pipeline.analyse(doc);
            assert_same_events(&alone, many, &doc.id);
            assert_eq!(alone.sentences, many.sentences, "{}", doc.id);
            assert_eq!(alone.mentions, many.mentions, "{}", doc.id);
        }
    }

    #[test]
    fn events_only_tags_just_the_documents_with_trigger_candidates() {
        let gazetteers = Gazetteers::embedded().unwrap();
        let full = Pipeline::new(&gazetteers, Stages::Events).unwrap();
        let only = Pipeline::new(&gazetteers, Stages::EventsOnly).unwrap();
        let mut docs = fixture_documents();
        // Ordinary news with dates, names and money but no trigger word, and
        // short texts with a single trigger candidate.
        for (i, text) in [
            "Shares of Northwind Ltd rose 4% on Tuesday after the company said \
             quarterly revenue reached $2.3 billion, chief executive Maria Lopez \
             told analysts in London.",
            "The festival opens in Lyon on 12 June 2025 and runs for three weeks, \
             the organisers said on Monday.",
            // One trigger each: an event, and a candidate rejected.
            "Police arrested the journalist Nino Kapanadze in Tbilisi on Friday, \
             her lawyer said.",
            "The band said the album's release was moved to March.",
        ]
        .into_iter()
        .enumerate()
        {
            docs.push(Document {
                id: format!("plain-{i}"),
                text: text.to_string(),
                published: chrono::NaiveDate::from_ymd_opt(2025, 6, 2),
                meta: Default::default(),
                origin: Origin {
                    path: "test".into(),
                    line: None,
                },
            });
        }
        let refs: Vec<&Document> = docs.iter().collect();
        let extractor = only.events.as_ref().unwrap();
        let (mut tagged, mut skipped) = (0, 0);
        for ((doc, all), some) in docs
            .iter()
            .zip(full.analyse_many(&refs))
            .zip(only.analyse_many(&refs))
        {
            assert_same_events(&all, &some, &doc.id);
            let triggers = extractor.find_triggers(&doc.text, &Tokens::new(&doc.text));
            if triggers.is_empty() {
                assert!(some.mentions.is_empty(), "{}", doc.id);
                assert!(some.sentences.is_empty(), "{}", doc.id);
                assert!(
                    all.events.is_empty() && all.rejected.is_empty(),
                    "{}",
                    doc.id
                );
                skipped += 1;
            } else {
                // The same mentions, but for the trigger candidates, which
                // only the stages that write mentions add.
                let untriggered: Vec<&Mention> = all
                    .mentions
                    .iter()
                    .filter(|m| m.kind != MentionKind::Trigger)
                    .collect();
                assert_eq!(
                    untriggered,
                    some.mentions.iter().collect::<Vec<_>>(),
                    "{}",
                    doc.id
                );
                assert_eq!(all.sentences, some.sentences, "{}", doc.id);
                tagged += 1;
            }
        }
        // Both kinds were seen, and the plain ones were tagged in full.
        assert!(
            tagged >= 10 && skipped >= 2,
            "{tagged} tagged, {skipped} skipped"
        );
        let plain = full.analyse(&docs[docs.len() - 3]);
        assert!(plain.mentions.len() >= 3, "{:?}", plain.mentions);
        let single = only.analyse(&docs[docs.len() - 2]);
        assert_eq!(single.events.len(), 1, "{:?}", single.events);
        let release = only.analyse(&docs[docs.len() - 1]);
        assert_eq!(release.rejected.len(), 1, "{:?}", release.rejected);
    }

    #[test]
    fn trigger_candidates_are_written_as_mentions() {
        let gazetteers = Gazetteers::embedded().unwrap();
        let doc = Document {
            id: "t".into(),
            text: "Police detained two activists after a protest by the Hunger Strike Committee. Workers protest. They met on the square. Protest organisers spoke.".into(),
            published: None,
            meta: Default::default(),
            origin: Origin {
                path: "test".into(),
                line: None,
            },
        };
        let triggers = |stages: Stages| -> Vec<(String, String, &'static str)> {
            Pipeline::new(&gazetteers, stages)
                .unwrap()
                .analyse(&doc)
                .mentions
                .iter()
                .filter(|m| m.kind == MentionKind::Trigger)
                .map(|m| {
                    (
                        m.span.slice(&doc.text).to_string(),
                        m.value.clone().unwrap(),
                        m.rule,
                    )
                })
                .collect()
        };
        let expected = vec![
            ("detained".to_string(), "arrest".to_string(), "trigger.verb"),
            ("protest".to_string(), "protest".to_string(), "trigger.noun"),
            ("protest".to_string(), "protest".to_string(), "trigger.verb"),
            // The reading reads its own sentence only, as extract does:
            // "the square." before it does not make it a noun.
            ("Protest".to_string(), "protest".to_string(), "trigger.verb"),
        ];
        assert_eq!(triggers(Stages::Mentions), expected);
        assert_eq!(triggers(Stages::Events), expected);
        assert!(triggers(Stages::EventsOnly).is_empty());
        assert!(triggers(Stages::Temporal).is_empty());
    }

    #[test]
    fn taggers_hand_on_their_values_typed() {
        use crate::tag::value::{DatePrecision, DurationUnit};
        use crate::tag::MentionKind;
        let gazetteers = Gazetteers::embedded().unwrap();
        let pipeline = Pipeline::new(&gazetteers, Stages::Mentions).unwrap();
        let doc = Document {
            id: "typed".into(),
            text: "Police detained 9 activists in Almaty on 25 October 2016. Two were \
                   fined 200 euros and one was jailed for 8 1/2 years in March."
                .into(),
            published: chrono::NaiveDate::from_ymd_opt(2016, 11, 1),
            meta: Default::default(),
            origin: Origin {
                path: "test".into(),
                line: None,
            },
        };
        let mentions = pipeline.analyse(&doc).mentions;
        let of_kind = |kind: MentionKind| {
            mentions
                .iter()
                .filter(move |m| m.kind == kind)
                .collect::<Vec<_>>()
        };
        let days: Vec<_> = of_kind(MentionKind::Date)
            .iter()
            .filter_map(|m| m.date())
            .map(|d| (d.precision, d.known_day()))
            .collect();
        assert!(
            days.contains(&(
                DatePrecision::Day,
                chrono::NaiveDate::from_ymd_opt(2016, 10, 25)
            )),
            "{mentions:?}"
        );
        let durations = of_kind(MentionKind::Duration);
        let term = durations
            .first()
            .and_then(|m| m.duration())
            .expect("a term");
        assert_eq!(term.parts[0].unit, DurationUnit::Year);
        assert_eq!(term.months(), 102.0);
        let money = of_kind(MentionKind::Money);
        let fine = money.first().and_then(|m| m.money()).expect("a fine");
        assert_eq!((fine.amount, fine.currency.as_str()), (200.0, "EUR"));
        let count = of_kind(MentionKind::Quantity);
        assert_eq!(count.first().and_then(|m| m.count()), Some(9), "{count:?}");
    }
}
