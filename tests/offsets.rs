//! Invariants: every record's character offsets select exactly its text, in
//! the fixtures and in arbitrary text; sentences are ordered and disjoint.

mod common;

use civex::document::{Document, Origin};
use civex::gazetteer::Gazetteers;
use civex::output::{write_events, write_mentions, write_sentences};
use civex::pipeline::{Pipeline, Stages};
use proptest::prelude::*;
use serde_json::Value;

fn check_records(doc: &Document, pipeline: &Pipeline) -> Result<(), String> {
    let analysis = pipeline.analyse(doc);
    let chars: Vec<char> = doc.text.chars().collect();
    let mut out = Vec::new();
    write_sentences(&mut out, doc, &analysis);
    write_mentions(&mut out, doc, &analysis);
    let mut events = Vec::new();
    write_events(&mut events, doc, &analysis);
    for line in String::from_utf8(events)
        .map_err(|e| e.to_string())?
        .lines()
    {
        let record: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        for part in ["trigger", "sentence"] {
            let span = &record[part];
            let start = span["start"].as_u64().ok_or("start")? as usize;
            let end = span["end"].as_u64().ok_or("end")? as usize;
            let slice: String = chars
                .get(start..end)
                .ok_or("event span out of range")?
                .iter()
                .collect();
            if slice != span["text"].as_str().ok_or("text")? {
                return Err(format!(
                    "event {part} text differs from text[{start}..{end}]: {line}"
                ));
            }
        }
    }
    let mut last_sentence_end = 0;
    for line in String::from_utf8(out).map_err(|e| e.to_string())?.lines() {
        let record: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let start = record["start"].as_u64().ok_or("start")? as usize;
        let end = record["end"].as_u64().ok_or("end")? as usize;
        if start > end || end > chars.len() {
            return Err(format!("offsets out of range: {line}"));
        }
        let slice: String = chars[start..end].iter().collect();
        if slice != record["text"].as_str().ok_or("text")? {
            return Err(format!(
                "text[{start}..{end}] = {slice:?} differs from the record: {line}"
            ));
        }
        if record.get("index").is_some() {
            if start < last_sentence_end {
                return Err(format!("sentences overlap or are out of order: {line}"));
            }
            if slice.trim() != slice || slice.is_empty() {
                return Err(format!("sentence not trimmed or empty: {line}"));
            }
            last_sentence_end = end;
        }
    }
    Ok(())
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| {
        Pipeline::new(
            &Gazetteers::embedded().expect("embedded gazetteers load"),
            Stages::Events,
        )
        .expect("the embedded gazetteers build")
    })
}

#[test]
fn fixture_offsets_select_the_record_text() {
    let pipeline = pipeline();
    for (name, doc) in common::fixture_documents() {
        if let Err(problem) = check_records(&doc, pipeline) {
            panic!("{name}: {problem}");
        }
    }
}

/// Inputs that once crashed the fuzz target (`tests/regressions/`): the first
/// byte is the target's mode, the rest the document.
#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    for entry in std::fs::read_dir(dir).expect("tests/regressions exists") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("readable");
        let text = String::from_utf8_lossy(bytes.get(1..).unwrap_or_default()).into_owned();
        if let Err(problem) = check_records(&doc(text), pipeline()) {
            panic!("{}: {problem}", path.display());
        }
    }
}

fn doc(text: String) -> Document {
    Document {
        id: "prop".into(),
        text,
        published: chrono::NaiveDate::from_ymd_opt(2016, 11, 1),
        meta: Default::default(),
        origin: Origin {
            path: "prop".into(),
            line: None,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    /// Arbitrary Unicode text, with news-like pieces mixed in.
    #[test]
    fn offsets_hold_on_any_text(pieces in proptest::collection::vec(prop_oneof![
        any::<String>(),
        Just("Mr. Karimov was detained on 25th October 2016 in Almaty. ".to_string()),
        Just("“Тимур Беков” — fined 180 Euros… ".to_string()),
        Just("\u{a0}\n\n• 1. A. B. 2. $2.50 ".to_string()),
        Just("Human Rights Watch (HRW) said HRW ".to_string()),
        Just("Police detained nine activists; they were fined 200 euros and jailed for two years. ".to_string()),
        Just("The two, activist Timur Bekov and Aigerim Nurlanova, were not charged. ".to_string()),
        Just("On 5 March the march was banned; marches on March 8 were dispersed. ".to_string()),
    ], 0..8)) {
        let pipeline = pipeline();
        let text: String = pieces.concat();
        prop_assert!(check_records(&doc(text), pipeline).is_ok());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// Any bytes at all, read as input is read (invalid UTF-8 repaired).
    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        prop_assert!(check_records(&doc(text), pipeline()).is_ok());
    }
}
