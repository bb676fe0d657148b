//! Whole-document snapshots of `extract --emit mentions` on every fixture.
//!
//! A snapshot is a claim that the output is right: review every changed line
//! (`cargo insta review`) before accepting it.

mod common;

use civex::gazetteer::Gazetteers;
use civex::output::write_mentions;
use civex::pipeline::{Pipeline, Stages};

#[test]
fn fixture_mentions() {
    let gazetteers = Gazetteers::embedded().expect("embedded gazetteers load");
    let pipeline = Pipeline::new(&gazetteers, Stages::Mentions);
    let docs = common::fixture_documents();
    assert!(
        docs.len() >= 12,
        "expected at least 12 fixture articles, found {}",
        docs.len()
    );
    for (name, doc) in docs {
        let analysis = pipeline.analyse(&doc);
        let mut out = Vec::new();
        write_mentions(&mut out, &doc, &analysis);
        let text = String::from_utf8(out).expect("records are UTF-8");
        insta::assert_snapshot!(format!("mentions-{name}"), text);
    }
}
