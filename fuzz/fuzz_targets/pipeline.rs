//! Fuzzes the whole pipeline and the gazetteer parser.
//!
//! The first byte chooses the target: even, the bytes (as lossy UTF-8) are
//! a document run through every stage and written as every kind of record;
//! odd, they are a gazetteer file, parsed and compiled into a matcher that
//! then runs over a sample text. Both must never panic, and every record
//! must select its own text at its offsets.

#![no_main]

use std::sync::OnceLock;

use civex::internals::{
    parse_list, write_document, write_events, write_mentions, write_sentences, Gazetteers, Lexicon,
    PhraseMatcher, Pipeline, Stages,
};
use civex::Document;
use libfuzzer_sys::fuzz_target;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        Pipeline::new(
            &Gazetteers::embedded().expect("embedded gazetteers"),
            Stages::Events,
        )
        .expect("the embedded gazetteers build")
    })
}

fn check_offsets(text: &str, records: &[u8]) {
    let chars: Vec<char> = text.chars().collect();
    for line in records.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let value: serde_json::Value = serde_json::from_slice(line).expect("records are JSON");
        if let (Some(start), Some(end), Some(t)) = (
            value["start"].as_u64(),
            value["end"].as_u64(),
            value["text"].as_str(),
        ) {
            let slice: String = chars[start as usize..end as usize].iter().collect();
            assert_eq!(slice, t, "offsets select the record text");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 0 {
        let text = String::from_utf8_lossy(rest).into_owned();
        let Some(published) = chrono::NaiveDate::from_ymd_opt(2016, 11, 1) else {
            return;
        };
        let doc = Document::new("fuzz", text).with_published(published);
        let analysis = pipeline().analyse(&doc);
        let mut out = Vec::new();
        write_sentences(&mut out, &doc, &analysis);
        write_mentions(&mut out, &doc, &analysis);
        check_offsets(doc.text(), &out);
        let mut rest_out = Vec::new();
        write_events(&mut rest_out, &doc, &analysis);
        write_document(&mut rest_out, &doc, &analysis);
    } else {
        let content = String::from_utf8_lossy(rest);
        if let Ok(entries) = parse_list("fuzz.tsv", &content) {
            // Building may fail (a list too large); it must not panic.
            let Ok(matcher) = PhraseMatcher::new("fuzz", "fuzz.tsv", &entries) else {
                return;
            };
            let sample = "Police in Almaty detained Timur Bekov; the Coalition for Fair Elections (CFE) said $5 and 180 Euros.";
            for m in matcher.find(sample) {
                assert!(
                    sample.is_char_boundary(m.span.start) && sample.is_char_boundary(m.span.end)
                );
            }
            let lexicon = Lexicon::of_entries(&entries);
            let _ = lexicon.contains("Police");
        }
    }
});
