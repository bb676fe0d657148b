//! Output records, as `RECORDS.md` defines them, written as JSON Lines.
//!
//! This is the one place where byte offsets become character offsets.

use serde_json::{Map, Value};

use crate::document::{CharIndex, Document};
use crate::input::InputError;
use crate::pipeline::Analysis;

/// Appends one JSON object and a newline to `out`.
fn push_line(out: &mut Vec<u8>, record: &Map<String, Value>) {
    // Serialising a Map of plain values cannot fail.
    serde_json::to_writer(&mut *out, record).expect("serialising a JSON map to memory");
    out.push(b'\n');
}

fn with_meta(record: &mut Map<String, Value>, doc: &Document) {
    if !doc.meta.is_empty() {
        record.insert("meta".into(), Value::Object(doc.meta.clone()));
    }
}

/// `sentences` records of one document.
pub fn write_sentences(out: &mut Vec<u8>, doc: &Document, analysis: &Analysis) {
    let index = CharIndex::new(&doc.text);
    for (i, sentence) in analysis.sentences.iter().enumerate() {
        let chars = index.char_span(*sentence);
        let mut record = Map::new();
        record.insert("doc_id".into(), doc.id.clone().into());
        record.insert("index".into(), i.into());
        record.insert("start".into(), chars.start.into());
        record.insert("end".into(), chars.end.into());
        record.insert("text".into(), sentence.slice(&doc.text).into());
        with_meta(&mut record, doc);
        push_line(out, &record);
    }
}

/// `extract --emit mentions` records of one document.
pub fn write_mentions(out: &mut Vec<u8>, doc: &Document, analysis: &Analysis) {
    let index = CharIndex::new(&doc.text);
    for mention in &analysis.mentions {
        let chars = index.char_span(mention.span);
        let sentence = analysis.sentence_of(mention.span.start);
        let mut record = Map::new();
        record.insert("doc_id".into(), doc.id.clone().into());
        record.insert("sentence".into(), sentence.map_or(Value::Null, Value::from));
        record.insert("kind".into(), mention.kind.as_str().into());
        record.insert("text".into(), mention.span.slice(&doc.text).into());
        record.insert("start".into(), chars.start.into());
        record.insert("end".into(), chars.end.into());
        record.insert(
            "value".into(),
            mention.value.clone().map_or(Value::Null, Value::from),
        );
        record.insert("rule".into(), mention.rule.into());
        for (key, value) in &mention.attrs {
            record.insert((*key).into(), value.clone());
        }
        with_meta(&mut record, doc);
        push_line(out, &record);
    }
}

/// The error record that stands in for a document that could not be read or
/// processed.
pub fn error_record(error: &InputError) -> Vec<u8> {
    let mut record = Map::new();
    record.insert("error".into(), error.problem.clone().into());
    record.insert("file".into(), error.origin.path.clone().into());
    record.insert(
        "line".into(),
        error.origin.line.map_or(Value::Null, Value::from),
    );
    record.insert(
        "doc_id".into(),
        error.doc_id.clone().map_or(Value::Null, Value::from),
    );
    let mut out = Vec::new();
    push_line(&mut out, &record);
    out
}
