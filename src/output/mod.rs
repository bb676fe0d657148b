//! Output records, as `RECORDS.md` defines them, written as JSON Lines.
//!
//! This is the one place where byte offsets become character offsets.
//! Records are serialised straight from borrowed data (no intermediate JSON
//! maps): output is written for every mention of every document.

pub mod schema;
pub mod table;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::document::{ByteSpan, CharIndex, Document};
use crate::events::{Event, Rejected};
use crate::input::InputError;
use crate::pipeline::Analysis;
use crate::records;
use crate::tag::Mention;

/// Appends one record and a newline to `out`.
fn push_line(out: &mut Vec<u8>, record: &impl Serialize) {
    // Serialising plain values into memory cannot fail.
    serde_json::to_writer(&mut *out, record).expect("serialising a record to memory");
    out.push(b'\n');
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
///
/// The busiest writer of all (one record per sentence of every document), so
/// it is written by hand rather than through serde: the parts that are the
/// same for every sentence of a document (`doc_id`, `meta`) are serialised
/// once, and the sentence text is escaped by `push_json_str`. The bytes are
/// the ones serde_json would write; a unit test compares the two.
pub fn write_sentences(out: &mut Vec<u8>, doc: &Document, analysis: &Analysis) {
    let index = CharIndex::new(&doc.text);
    let (head, tail) = record_ends(doc, "index");
    let mut numbers = itoa::Buffer::new();
    for (i, sentence) in analysis.sentences.iter().enumerate() {
        let chars = index.char_span(*sentence);
        out.extend_from_slice(&head);
        out.extend_from_slice(numbers.format(i).as_bytes());
        out.extend_from_slice(b",\"start\":");
        out.extend_from_slice(numbers.format(chars.start).as_bytes());
        out.extend_from_slice(b",\"end\":");
        out.extend_from_slice(numbers.format(chars.end).as_bytes());
        out.extend_from_slice(b",\"text\":");
        push_json_str(out, sentence.slice(&doc.text));
        out.extend_from_slice(&tail);
    }
}

/// Appends `text` as a JSON string literal, escaped exactly as serde_json
/// escapes it (`\"`, `\\`, the short forms `\b \f \n \r \t`, `\u00XX` for the
/// other control characters; everything else verbatim).
///
/// News text rarely needs escaping, so the scan looks at eight bytes at a time
/// and copies clean runs whole.
pub fn push_json_str(out: &mut Vec<u8>, text: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    /// Whether any byte of `word` is below 0x20, a quote or a backslash
    /// (exact: no false positives or negatives on the "any" question).
    fn needs_escape(word: u64) -> bool {
        let below_space = word.wrapping_sub(ONES * 0x20) & !word;
        let quote = word ^ (ONES * b'"' as u64);
        let backslash = word ^ (ONES * b'\\' as u64);
        let has_zero = |v: u64| v.wrapping_sub(ONES) & !v;
        (below_space | has_zero(quote) | has_zero(backslash)) & HIGHS != 0
    }
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut clean_from = 0;
    let mut at = 0;
    while at < bytes.len() {
        if at + 8 <= bytes.len() {
            let mut word = [0u8; 8];
            word.copy_from_slice(&bytes[at..at + 8]);
            if !needs_escape(u64::from_le_bytes(word)) {
                at += 8;
                continue;
            }
        }
        let byte = bytes[at];
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => b"",
            _ => {
                at += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[clean_from..at]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[(byte >> 4) as usize]);
            out.push(HEX[(byte & 0xf) as usize]);
        } else {
            out.extend_from_slice(escape);
        }
        at += 1;
        clean_from = at;
    }
    out.extend_from_slice(&bytes[clean_from..]);
    out.push(b'"');
}

/// `extract --emit mentions` records of one document.
///
/// Written by hand, as the sentences are (see [`write_sentences`]): the
/// parts that are the same for every mention of a document (`doc_id`,
/// `meta`) are serialised once. The bytes are those of `MentionRecord`
/// through serde_json, which a unit test compares.
pub fn write_mentions(out: &mut Vec<u8>, doc: &Document, analysis: &Analysis) {
    let index = CharIndex::new(&doc.text);
    let (head, tail) = record_ends(doc, "sentence");
    let mut numbers = itoa::Buffer::new();
    for mention in &analysis.mentions {
        let chars = index.char_span(mention.span);
        out.extend_from_slice(&head);
        match analysis.sentence_of(mention.span.start) {
            Some(sentence) => out.extend_from_slice(numbers.format(sentence).as_bytes()),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"kind\":");
        push_json_str(out, mention.kind.as_str());
        out.extend_from_slice(b",\"text\":");
        push_json_str(out, mention.span.slice(&doc.text));
        out.extend_from_slice(b",\"start\":");
        out.extend_from_slice(numbers.format(chars.start).as_bytes());
        out.extend_from_slice(b",\"end\":");
        out.extend_from_slice(numbers.format(chars.end).as_bytes());
        out.extend_from_slice(b",\"value\":");
        match &mention.value {
            Some(value) => push_json_str(out, value),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"rule\":");
        push_json_str(out, mention.rule);
        for (key, value) in &mention.attrs {
            out.push(b',');
            push_json_str(out, key);
            out.push(b':');
            serde_json::to_writer(&mut *out, value).expect("serialising a value to memory");
        }
        out.extend_from_slice(&tail);
    }
}

/// The two ends of every record of `doc` written by hand: the head, up to
/// the value of the field after `doc_id` (`{"doc_id":"a","index":`), and
/// the tail: its `meta` (when it has any), the closing brace and the
/// newline.
fn record_ends(doc: &Document, second_key: &str) -> (Vec<u8>, Vec<u8>) {
    let mut head = Vec::with_capacity(doc.id.len() + second_key.len() + 16);
    head.extend_from_slice(b"{\"doc_id\":");
    push_json_str(&mut head, &doc.id);
    head.push(b',');
    push_json_str(&mut head, second_key);
    head.push(b':');
    let mut tail = Vec::new();
    if !doc.meta.is_empty() {
        tail.extend_from_slice(b",\"meta\":");
        serde_json::to_writer(&mut tail, &doc.meta).expect("serialising a map to memory");
    }
    tail.extend_from_slice(b"}\n");
    (head, tail)
}

struct SpanRecord<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    index: Option<usize>,
}

impl Serialize for SpanRecord<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(index) = self.index {
            map.serialize_entry("index", &index)?;
        }
        map.serialize_entry("start", &self.start)?;
        map.serialize_entry("end", &self.end)?;
        map.serialize_entry("text", self.text)?;
        map.end()
    }
}

/// The event records of one document as JSON values (for writers that
/// read records, such as the tables of `table.rs`): the records
/// [`write_events`] writes.
pub fn event_values(doc: &Document, analysis: &Analysis) -> Vec<Value> {
    let index = CharIndex::new(&doc.text);
    let meta = std::sync::Arc::new(doc.meta.clone());
    analysis
        .events
        .iter()
        .map(|event| {
            serde_json::to_value(records::Event::of(doc, analysis, event, &index, &meta))
                .unwrap_or(Value::Null)
        })
        .collect()
}

/// `extract` (events) records of one document: [`records::Event`]s.
pub fn write_events(out: &mut Vec<u8>, doc: &Document, analysis: &Analysis) {
    let index = CharIndex::new(&doc.text);
    let meta = std::sync::Arc::new(doc.meta.clone());
    for event in &analysis.events {
        push_line(
            out,
            &records::Event::of(doc, analysis, event, &index, &meta),
        );
    }
}

/// A trigger candidate that gave no event (`rejected` in a document
/// record): its type, trigger (character offsets), sentence index, trigger
/// entry, the rule that decided (`guard.NAME`, `merge.same_sentence`,
/// `restatement.same_incident`, `evidence.unmet_needs`,
/// `evidence.below_min_confidence`) and, for the last three, the
/// confidence the event had.
#[derive(Serialize)]
struct RejectedRecord<'a> {
    #[serde(rename = "type")]
    event_type: &'a str,
    trigger: SpanRecord<'a>,
    sentence: usize,
    trigger_entry: &'a str,
    rule: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f64>,
}

/// `extract --emit documents`: one record per document with its sentences,
/// mentions, events and the trigger candidates that gave no event
/// (`rejected`: type, trigger, sentence, trigger_entry, rule, confidence).
pub fn write_document(out: &mut Vec<u8>, doc: &Document, analysis: &Analysis) {
    struct DocumentRecord<'a> {
        doc: &'a Document,
        analysis: &'a Analysis,
        index: CharIndex,
    }
    struct Seq<'a, T>(&'a [T], &'a dyn Fn(&T) -> Value);
    impl<T> Serialize for Seq<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0.iter().map(|item| (self.1)(item)))
        }
    }
    impl Serialize for DocumentRecord<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let (doc, analysis, index) = (self.doc, self.analysis, &self.index);
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("doc_id", &doc.id)?;
            map.serialize_entry("published", &doc.published.map(|d| d.to_string()))?;
            meta_entry(&mut map, &doc.meta)?;
            let sentence = |(i, s): &(usize, ByteSpan)| {
                let c = index.char_span(*s);
                serde_json::to_value(SpanRecord {
                    text: s.slice(&doc.text),
                    start: c.start,
                    end: c.end,
                    index: Some(*i),
                })
                .unwrap_or(Value::Null)
            };
            let sentences: Vec<(usize, ByteSpan)> =
                analysis.sentences.iter().copied().enumerate().collect();
            map.serialize_entry("sentences", &Seq(&sentences, &sentence))?;
            let mention = |m: &Mention| {
                let c = index.char_span(m.span);
                let record = MentionRecord {
                    doc,
                    sentence: analysis.sentence_of(m.span.start),
                    mention: m,
                    start: c.start,
                    end: c.end,
                };
                let mut value = serde_json::to_value(record).unwrap_or(Value::Null);
                // Without what the document record gives once; the other
                // fields keep their order (`remove` would move the last
                // field into the gap).
                if let Value::Object(object) = &mut value {
                    object.shift_remove("doc_id");
                    object.shift_remove("meta");
                }
                value
            };
            map.serialize_entry("mentions", &Seq(&analysis.mentions, &mention))?;
            // The events without what the document record gives once.
            let meta = std::sync::Arc::default();
            let event = |e: &Event| {
                let mut value =
                    serde_json::to_value(records::Event::of(doc, analysis, e, index, &meta))
                        .unwrap_or(Value::Null);
                if let Value::Object(object) = &mut value {
                    for key in ["doc_id", "published", "meta"] {
                        object.shift_remove(key);
                    }
                }
                value
            };
            map.serialize_entry("events", &Seq(&analysis.events, &event))?;
            let rejected = |r: &Rejected| {
                let c = index.char_span(r.trigger);
                serde_json::to_value(RejectedRecord {
                    event_type: r.event_type,
                    trigger: SpanRecord {
                        text: r.trigger.slice(&doc.text),
                        start: c.start,
                        end: c.end,
                        index: None,
                    },
                    sentence: r.sentence,
                    trigger_entry: &r.trigger_entry,
                    rule: r.rule,
                    confidence: r.confidence,
                })
                .unwrap_or(Value::Null)
            };
            map.serialize_entry("rejected", &Seq(&analysis.rejected, &rejected))?;
            map.end()
        }
    }
    push_line(
        out,
        &DocumentRecord {
            doc,
            analysis,
            index: CharIndex::new(&doc.text),
        },
    );
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The fixtures' documents, and one whose id, meta and text need
    /// escaping.
    fn documents() -> Vec<Document> {
        let line = r#"{"id":"a\"b\\c\u0001","text":"Police in \"Almaty\" detained Ivan Petrov\non 3 May 2024 and fined him $500.\tHe said so.","published":"2024-05-04","z":{"b":[1,2.5,null]},"title":"Ünïcode \u2028 line"}"#;
        let origin = crate::document::Origin {
            path: "test".into(),
            line: None,
        };
        let mut documents = crate::pipeline::fixture_documents();
        documents.push(
            crate::input::parse_json_document(line.as_bytes(), origin, &Default::default())
                .unwrap(),
        );
        documents
    }

    #[test]
    fn mentions_written_by_hand_are_serde_json_s_bytes() {
        let gazetteers = crate::gazetteer::Gazetteers::embedded().unwrap();
        let pipeline =
            crate::pipeline::Pipeline::new(&gazetteers, crate::pipeline::Stages::Events).unwrap();
        let mut mentions = 0;
        for doc in documents() {
            let analysis = pipeline.analyse(&doc);
            let mut by_hand = Vec::new();
            write_mentions(&mut by_hand, &doc, &analysis);
            let index = CharIndex::new(&doc.text);
            let mut by_serde = Vec::new();
            for mention in &analysis.mentions {
                let chars = index.char_span(mention.span);
                push_line(
                    &mut by_serde,
                    &MentionRecord {
                        doc: &doc,
                        sentence: analysis.sentence_of(mention.span.start),
                        mention,
                        start: chars.start,
                        end: chars.end,
                    },
                );
            }
            assert_eq!(
                String::from_utf8(by_hand).unwrap(),
                String::from_utf8(by_serde).unwrap(),
                "{}",
                doc.id
            );
            mentions += analysis.mentions.len();
        }
        assert!(mentions > 1000, "{mentions} mentions");
    }

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        push_json_str(&mut out, text);
        String::from_utf8(out).expect("escaping keeps UTF-8")
    }

    #[test]
    fn escapes_like_serde_json() {
        for text in [
            "",
            "plain",
            "He said \"no\".",
            "a\\b",
            "tab\there\nnew\r\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "eight!!!\"eight!!!\\",
            "Алматы — «кавычки» \u{2028}",
        ] {
            assert_eq!(
                escaped(text),
                serde_json::to_string(text).unwrap(),
                "{text:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn escapes_any_string_like_serde_json(text in "(?s).{0,80}") {
            prop_assert_eq!(escaped(&text), serde_json::to_string(&text).unwrap());
        }

        #[test]
        fn escapes_ascii_soup_like_serde_json(text in "[\\x00-\\x7f]{0,64}") {
            prop_assert_eq!(escaped(&text), serde_json::to_string(&text).unwrap());
        }
    }
}
