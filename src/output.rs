//! Output records, as `RECORDS.md` defines them, written as JSON Lines.
//!
//! This is the one place where byte offsets become character offsets.
//! Records are serialised straight from borrowed data (no intermediate JSON
//! maps): output is written for every mention of every document.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::document::{CharIndex, Document};
use crate::input::InputError;
use crate::pipeline::Analysis;
use crate::tag::Mention;

/// Appends one record and a newline to `out`.
fn push_line(out: &mut Vec<u8>, record: &impl Serialize) {
    // Serialising plain values into memory cannot fail.
    serde_json::to_writer(&mut *out, record).expect("serialising a record to memory");
    out.push(b'\n');
}

struct SentenceRecord<'a> {
    doc: &'a Document,
    index: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

impl Serialize for SentenceRecord<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("doc_id", &self.doc.id)?;
        map.serialize_entry("index", &self.index)?;
        map.serialize_entry("start", &self.start)?;
        map.serialize_entry("end", &self.end)?;
        map.serialize_entry("text", self.text)?;
        meta_entry(&mut map, &self.doc.meta)?;
        map.end()
    }
}

struct MentionRecord<'a> {
    doc: &'a Document,
    sentence: Option<usize>,
    mention: &'a Mention,
    start: usize,
    end: usize,
}

impl Serialize for MentionRecord<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let m = self.mention;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("doc_id", &self.doc.id)?;
        map.serialize_entry("sentence", &self.sentence)?;
        map.serialize_entry("kind", m.kind.as_str())?;
        map.serialize_entry("text", m.span.slice(&self.doc.text))?;
        map.serialize_entry("start", &self.start)?;
        map.serialize_entry("end", &self.end)?;
        map.serialize_entry("value", &m.value)?;
        map.serialize_entry("rule", m.rule)?;
        for (key, value) in &m.attrs {
            map.serialize_entry(key, value)?;
        }
        meta_entry(&mut map, &self.doc.meta)?;
        map.end()
    }
}

/// Input fields other than id, text and published travel in `meta`.
fn meta_entry<M: SerializeMap>(map: &mut M, meta: &Map<String, Value>) -> Result<(), M::Error> {
    if meta.is_empty() {
        Ok(())
    } else {
        map.serialize_entry("meta", meta)
    }
}

/// `sentences` records of one document.
pub fn write_sentences(out: &mut Vec<u8>, doc: &Document, analysis: &Analysis) {
    let index = CharIndex::new(&doc.text);
    for (i, sentence) in analysis.sentences.iter().enumerate() {
        let chars = index.char_span(*sentence);
        push_line(
            out,
            &SentenceRecord {
                doc,
                index: i,
                start: chars.start,
                end: chars.end,
                text: sentence.slice(&doc.text),
            },
        );
    }
}

/// `extract --emit mentions` records of one document.
pub fn write_mentions(out: &mut Vec<u8>, doc: &Document, analysis: &Analysis) {
    let index = CharIndex::new(&doc.text);
    for mention in &analysis.mentions {
        let chars = index.char_span(mention.span);
        push_line(
            out,
            &MentionRecord {
                doc,
                sentence: analysis.sentence_of(mention.span.start),
                mention,
                start: chars.start,
                end: chars.end,
            },
        );
    }
}

/// The error record that stands in for a document that could not be read or
/// processed.
pub fn error_record(error: &InputError) -> Vec<u8> {
    #[derive(Serialize)]
    struct ErrorRecord<'a> {
        error: &'a str,
        file: &'a str,
        line: Option<u64>,
        doc_id: Option<&'a str>,
    }
    let mut out = Vec::new();
    push_line(
        &mut out,
        &ErrorRecord {
            error: &error.problem,
            file: &error.origin.path,
            line: error.origin.line,
            doc_id: error.doc_id.as_deref(),
        },
    );
    out
}
