//! Whole-document snapshots of `extract --emit documents` on every fixture:
//! sentences, mentions and events.
//!
//! A snapshot is a claim that the output is right: review every changed line
//! (`cargo insta review`, or read the `.snap.new` file) before accepting it.

mod common;

use civex::internals::write_document;
use civex::internals::Gazetteers;
use civex::internals::{Pipeline, Stages};

#[test]
fn fixture_documents() {
    let gazetteers = Gazetteers::embedded().expect("embedded gazetteers load");
    let pipeline =
        Pipeline::new(&gazetteers, Stages::Events).expect("the embedded gazetteers build");
    let docs = common::fixture_documents();
    assert!(
        docs.len() >= 12,
        "expected at least 12 fixture articles, found {}",
        docs.len()
    );
    for (name, doc) in docs {
        let analysis = pipeline.analyse(&doc);
        let mut out = Vec::new();
        write_document(&mut out, &doc, &analysis);
        let record: serde_json::Value =
            serde_json::from_slice(&out).expect("the document record is JSON");
        let pretty = serde_json::to_string_pretty(&record).expect("JSON values serialise");
        insta::assert_snapshot!(format!("document-{name}"), pretty);
    }
}
