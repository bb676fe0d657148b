//! The records civex writes, as Rust values: what [`Extractor::extract`]
//! returns and what the `civex` command serialises.
//!
//! Every offset here counts **characters** (Unicode scalar values) of the
//! document's text, as `RECORDS.md` defines them, never bytes: `start` is the
//! first character, `end` one past the last, so that in Python
//! `text[start:end]` is the span's text. Each type serialises (with serde)
//! to exactly the JSON object of the command's record: the same field names
//! in the same order, fields that are absent in a record skipped the same
//! way. [`Event`] is the very type `civex extract` writes; the command writes
//! sentences and mentions through borrowing writers of its own, and a test
//! holds their bytes equal to these types'.
//!
//! [`Extractor::extract`]: crate::Extractor::extract

use std::sync::Arc;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::calendar::{CalendarRange, Precision};
use crate::document::{ByteSpan, CharIndex, Document};
use crate::events::event_id;
pub use crate::events::{categories::Categories, penalty::Penalty, Actor, Place};
use crate::pipeline;

/// Whether a document has no other fields (`meta` is then left out).
fn no_fields(meta: &Arc<Map<String, Value>>) -> bool {
    meta.is_empty()
}

/// One sentence (`civex sentences`).
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sentence {
    /// The document's id.
    pub doc_id: String,
    /// The sentence's position in the document, from 0.
    pub index: usize,
    /// The first character of the sentence.
    pub start: usize,
    /// One past the last character of the sentence.
    pub end: usize,
    /// The sentence's text.
    pub text: String,
    /// The input record's other fields (not written when there are none),
    /// shared by every record of the document.
    #[serde(skip_serializing_if = "no_fields")]
    pub meta: Arc<Map<String, Value>>,
}

/// One tagged span (`civex extract --emit mentions`): a date, time,
/// duration, set, person, organisation, location, money amount, penalty,
/// counted group or trigger word.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    /// The document's id.
    pub doc_id: String,
    /// The index of the sentence that holds the mention's start.
    pub sentence: Option<usize>,
    /// `date`, `time`, `duration`, `set`, `person`, `organisation`,
    /// `location`, `money`, `penalty`, `quantity` or `trigger`.
    pub kind: String,
    /// The mention's text.
    pub text: String,
    /// The first character of the mention.
    pub start: usize,
    /// One past the last character of the mention.
    pub end: usize,
    /// The normalised value: a TIMEX3 value, a canonical name, "180 EUR".
    pub value: Option<String>,
    /// The rule that produced it, `family.rule`.
    pub rule: String,
    /// Further fields of the kind (`country`, `amount`, `currency`, `mod`,
    /// ...), written in the record beside the fields above.
    #[serde(flatten)]
    pub attributes: Map<String, Value>,
    /// The input record's other fields (not written when there are none),
    /// shared by every record of the document.
    #[serde(skip_serializing_if = "no_fields")]
    pub meta: Arc<Map<String, Value>>,
}

/// A span of an event: its trigger.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The first character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The text.
    pub text: String,
}

/// The sentence of an event.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventSentence {
    /// The sentence's position in the document, from 0.
    pub index: usize,
    /// The first character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The text.
    pub text: String,
}

/// When an event happened.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventDate {
    /// The date mention's text ("on Tuesday").
    pub text: String,
    /// Its TIMEX3 value ("2016-10-25", "2016-W43", "2016-10").
    pub value: String,
    /// How the date was chosen: `sentence`, `episode`, `restatement`,
    /// `heading` or `report`.
    pub source: String,
    /// `day`, `week`, `month`, `year` or `unknown`.
    pub precision: String,
    /// The day, when the value names one (YYYY-MM-DD).
    pub day: Option<String>,
}

/// One event (`civex extract`).
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// The document's id.
    pub doc_id: String,
    /// Stable across runs: a hash of the document id, the type and the
    /// trigger's offsets.
    pub event_id: String,
    /// The event type (`arrest`, `detention`, `sentence`, `fine`, `protest`,
    /// ...; see `RECORDS.md`).
    #[serde(rename = "type")]
    pub event_type: String,
    /// `asserted`, `negated`, `potential` or `reported`.
    pub modality: String,
    /// The trigger word or phrase.
    pub trigger: Span,
    /// The sentence that holds the trigger.
    pub sentence: EventSentence,
    /// When it happened, if the text says.
    pub date: Option<EventDate>,
    /// The people or organisations it happened to.
    pub targets: Vec<Actor>,
    /// The number of targets stated or named.
    pub target_count: Option<u64>,
    /// What the targets are, in the text's words ("human rights activists").
    pub target_description: Option<String>,
    /// Who did it.
    pub agents: Vec<Actor>,
    /// Where it happened.
    pub locations: Vec<Place>,
    /// The fine or prison term, for `sentence` and `fine`.
    pub penalty: Option<Penalty>,
    /// The rule that produced the event.
    pub rule: String,
    /// The trigger entry that fired (`triggers.tsv` surface and lemma).
    pub trigger_entry: String,
    /// What supports the event (`named_target`, `state_agent`, `date`, ...).
    pub evidence: Vec<String>,
    /// In [0, 1], from the evidence.
    pub confidence: f64,
    /// The categories trackers file it under (`categories.tsv`).
    pub categories: Categories,
    /// The document's publication date (YYYY-MM-DD), if known.
    pub published: Option<String>,
    /// The input record's other fields (not written when there are none),
    /// shared by every record of the document.
    #[serde(skip_serializing_if = "no_fields")]
    pub meta: Arc<Map<String, Value>>,
}

impl Sentence {
    /// The sentences of one analysed document.
    pub(crate) fn all_of(
        doc: &Document,
        analysis: &pipeline::Analysis,
        index: &CharIndex,
        meta: &Arc<Map<String, Value>>,
    ) -> Vec<Sentence> {
        analysis
            .sentences
            .iter()
            .enumerate()
            .map(|(i, span)| {
                let chars = index.char_span(*span);
                Sentence {
                    doc_id: doc.id.clone(),
                    index: i,
                    start: chars.start,
                    end: chars.end,
                    text: span.slice(&doc.text).to_string(),
                    meta: Arc::clone(meta),
                }
            })
            .collect()
    }
}

impl Mention {
    /// The mentions of one analysed document, in their order.
    pub(crate) fn all_of(
        doc: &Document,
        analysis: &pipeline::Analysis,
        index: &CharIndex,
        meta: &Arc<Map<String, Value>>,
    ) -> Vec<Mention> {
        analysis
            .mentions
            .iter()
            .map(|m| {
                let chars = index.char_span(m.span);
                Mention {
                    doc_id: doc.id.clone(),
                    sentence: analysis.sentence_of(m.span.start),
                    kind: m.kind.as_str().to_string(),
                    text: m.span.slice(&doc.text).to_string(),
                    start: chars.start,
                    end: chars.end,
                    value: m.value.clone(),
                    rule: m.rule.to_string(),
                    attributes: m
                        .attrs
                        .iter()
                        .map(|(key, value)| (key.to_string(), value.clone()))
                        .collect(),
                    meta: Arc::clone(meta),
                }
            })
            .collect()
    }
}

impl Event {
    /// The record of one event of an analysed document.
    pub(crate) fn of(
        doc: &Document,
        analysis: &pipeline::Analysis,
        event: &crate::events::Event,
        index: &CharIndex,
        meta: &Arc<Map<String, Value>>,
    ) -> Event {
        let text = &doc.text;
        // The event's sentence (its trigger's, were the index out of range).
        let sentence_span: ByteSpan = analysis
            .sentences
            .get(event.sentence)
            .copied()
            .unwrap_or(event.trigger);
        let trigger = index.char_span(event.trigger);
        let sentence = index.char_span(sentence_span);
        Event {
            doc_id: doc.id.clone(),
            event_id: event_id(&doc.id, event.event_type, trigger.start, trigger.end),
            event_type: event.event_type.to_string(),
            modality: event.modality.to_string(),
            trigger: Span {
                start: trigger.start,
                end: trigger.end,
                text: event.trigger.slice(text).to_string(),
            },
            sentence: EventSentence {
                index: event.sentence,
                start: sentence.start,
                end: sentence.end,
                text: sentence_span.slice(text).to_string(),
            },
            date: event.date.as_ref().map(|(span, value)| {
                let range = CalendarRange::of(value);
                EventDate {
                    text: span.slice(text).to_string(),
                    value: value.clone(),
                    source: event.date_source.unwrap_or("sentence").to_string(),
                    precision: range
                        .map_or(Precision::Unknown, |r| r.precision)
                        .as_str()
                        .to_string(),
                    day: range.and_then(|r| r.day()).map(|d| d.to_string()),
                }
            }),
            targets: event.targets.clone(),
            target_count: event.target_count,
            target_description: event.target_description.clone(),
            agents: event.agents.clone(),
            locations: event.locations.clone(),
            penalty: event.penalty.clone(),
            rule: event.rule.clone(),
            trigger_entry: event.trigger_entry.clone(),
            evidence: event.evidence.names(),
            confidence: event.confidence,
            categories: event.categories.clone(),
            published: doc.published.map(|d| d.to_string()),
            meta: Arc::clone(meta),
        }
    }

    /// The events of one analysed document, in their order.
    pub(crate) fn all_of(
        doc: &Document,
        analysis: &pipeline::Analysis,
        index: &CharIndex,
        meta: &Arc<Map<String, Value>>,
    ) -> Vec<Event> {
        analysis
            .events
            .iter()
            .map(|event| Event::of(doc, analysis, event, index, meta))
            .collect()
    }
}
