//! Invariants: every record's character offsets select exactly its text, in
//! the fixtures and in arbitrary text; sentences are ordered and disjoint;
//! the command writes the library's records, byte for byte.

mod common;

use civex::internals::{write_events, write_mentions, write_sentences};
use civex::internals::{Gazetteers, Pipeline, Stages};
use civex::{Document, Extractor};
use proptest::prelude::*;
use serde::Serialize;

/// The characters `start..end` of `chars`, or why they cannot be.
fn slice(chars: &[char], start: usize, end: usize) -> Result<String, String> {
    chars
        .get(start..end)
        .map(|c| c.iter().collect())
        .ok_or_else(|| format!("{start}..{end} is out of range (or reversed)"))
}

/// One JSON line per record, as serde_json writes it.
fn json_lines<T: Serialize>(records: &[T]) -> String {
    records
        .iter()
        .map(|r| serde_json::to_string(r).expect("a record serialises") + "\n")
        .collect()
}

/// The library's records of `doc` select their text at their character
/// offsets, sentences are ordered, disjoint and trimmed, and the command's
/// writers (`civex sentences`, `extract --emit mentions`, `extract`) write
/// exactly these records, byte for byte.
fn check_records(doc: &Document) -> Result<(), String> {
    let analysis = extractor().extract(doc);
    let chars: Vec<char> = doc.text().chars().collect();
    let mut last_sentence_end = 0;
    for s in &analysis.sentences {
        let text = slice(&chars, s.start, s.end)?;
        if text != s.text {
            return Err(format!("sentence {} differs from its text: {s:?}", s.index));
        }
        if s.start < last_sentence_end {
            return Err(format!("sentences overlap or are out of order: {s:?}"));
        }
        if text.trim() != text || text.is_empty() {
            return Err(format!("sentence not trimmed or empty: {s:?}"));
        }
        last_sentence_end = s.end;
    }
    for m in &analysis.mentions {
        if slice(&chars, m.start, m.end)? != m.text {
            return Err(format!("mention differs from its text: {m:?}"));
        }
    }
    for e in &analysis.events {
        if slice(&chars, e.trigger.start, e.trigger.end)? != e.trigger.text {
            return Err(format!("trigger differs from its text: {e:?}"));
        }
        if slice(&chars, e.sentence.start, e.sentence.end)? != e.sentence.text {
            return Err(format!("event sentence differs from its text: {e:?}"));
        }
    }
    let internal = pipeline().analyse(doc);
    for (name, write, expected) in [
        (
            "sentences",
            write_sentences as fn(&mut Vec<u8>, &Document, &_),
            json_lines(&analysis.sentences),
        ),
        ("mentions", write_mentions, json_lines(&analysis.mentions)),
        ("events", write_events, json_lines(&analysis.events)),
    ] {
        let mut out = Vec::new();
        write(&mut out, doc, &internal);
        let written = String::from_utf8(out).map_err(|e| e.to_string())?;
        if written != expected {
            return Err(format!(
                "the command's {name} differ from the library's records:\n{written}\n{expected}"
            ));
        }
    }
    Ok(())
}

fn extractor() -> &'static Extractor {
    static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new().expect("the embedded gazetteers build"))
}

/// The stages as the command runs them for `--emit documents`.
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
    for (name, doc) in common::fixture_documents() {
        if let Err(problem) = check_records(&doc) {
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
        if let Err(problem) = check_records(&doc(text)) {
            panic!("{}: {problem}", path.display());
        }
    }
}

fn doc(text: String) -> Document {
    Document::new("prop", text)
        .with_published(chrono::NaiveDate::from_ymd_opt(2016, 11, 1).expect("a date"))
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
        let text: String = pieces.concat();
        prop_assert!(check_records(&doc(text)).is_ok());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// Any bytes at all, read as input is read (invalid UTF-8 repaired).
    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        prop_assert!(check_records(&doc(text)).is_ok());
    }
}
