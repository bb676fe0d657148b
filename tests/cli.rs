//! Tests of the built `civex` binary.

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::{civex, json_lines};

fn fixtures() -> String {
    format!("{}/fixtures", env!("CARGO_MANIFEST_DIR"))
}

/// Runs civex with `args` on `stdin`, expects success, and returns its records.
fn records_of(args: &[&str], stdin: &str) -> Vec<Value> {
    let output = civex()
        .args(args)
        .write_stdin(stdin.to_string())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    json_lines(&output)
}

#[test]
fn sentences_from_stdin_jsonl() {
    let records = records_of(
        &["sentences", "-q", "-"],
        "{\"id\": \"a\", \"text\": \"Mr. Bekov was held. He was freed.\"}\n",
    );
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["text"], "Mr. Bekov was held.");
    assert_eq!(records[1]["start"], 20);
    assert_eq!(records[1]["index"], 1);
}

#[test]
fn plain_text_from_stdin_is_one_document() {
    let records = records_of(&["sentences", "-q", "-"], "One. Two.");
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["doc_id"], "-");
}

#[test]
fn mentions_with_published_anchor_and_meta() {
    let input = "{\"id\": \"k\", \"text\": \"Police detained nine activists on 25th October.\", \"title\": \"T\"}\n";
    let records = records_of(
        &[
            "extract",
            "--emit",
            "mentions",
            "--published",
            "2016-11-01",
            "-q",
            "-",
        ],
        input,
    );
    let date = records
        .iter()
        .find(|r| r["kind"] == "date")
        .expect("a date mention");
    assert_eq!(date["value"], "2016-10-25");
    assert_eq!(date["text"], "25th October");
    assert_eq!(date["meta"]["title"], "T");
    let count = records
        .iter()
        .find(|r| r["kind"] == "quantity")
        .expect("a quantity");
    assert_eq!(count["value"], "9");
}

#[test]
fn folder_input_and_output_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("out.jsonl");
    civex()
        .args(["extract", "-q", "-o"])
        .arg(&out_path)
        .arg(fixtures())
        .assert()
        .success();
    let written = std::fs::read(&out_path).expect("output written");
    let records = json_lines(&written);
    let docs: std::collections::BTreeSet<_> = records
        .iter()
        .map(|r| r["doc_id"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(docs.len() >= 12, "{docs:?}");
}

#[test]
fn gzip_and_txt_inputs() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("temp dir");
    let gz_path = dir.path().join("docs.jsonl.gz");
    let mut encoder = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz_path).expect("create"),
        flate2::Compression::default(),
    );
    encoder
        .write_all(b"{\"id\": \"g1\", \"text\": \"First. Second.\"}\n")
        .expect("write");
    encoder.finish().expect("finish");
    std::fs::write(dir.path().join("note.txt"), "A note. Another.").expect("write");
    let out = civex()
        .args(["sentences", "-q"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = json_lines(&out);
    assert_eq!(records.len(), 4);
    assert_eq!(records[0]["doc_id"], "g1");
    assert!(records[2]["doc_id"]
        .as_str()
        .unwrap_or("")
        .ends_with("note.txt"));
}

#[test]
fn events_are_the_default_output() {
    let input = "{\"id\": \"e\", \"published\": \"2016-11-01\", \"text\": \"On 25th October, police detained nine activists in Almaty.\"}\n";
    let records = records_of(&["extract", "-q", "-"], input);
    assert_eq!(records.len(), 1, "{records:?}");
    let event = &records[0];
    assert_eq!(event["type"], "arrest");
    assert_eq!(event["date"]["value"], "2016-10-25");
    assert_eq!(event["target_count"], 9);
    assert_eq!(event["trigger"]["text"], "detained");
    assert_eq!(event["locations"][0]["country"], "KZ");
    assert_eq!(event["event_id"].as_str().map(str::len), Some(16));
}

#[test]
fn documents_hold_sentences_mentions_and_events() {
    let input =
        "{\"id\": \"d\", \"text\": \"Police detained Timur Bekov. He was fined 200 euros.\"}\n";
    let records = records_of(&["extract", "--emit", "documents", "-q", "-"], input);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["sentences"].as_array().map(Vec::len), Some(2));
    assert!(records[0]["mentions"]
        .as_array()
        .is_some_and(|m| !m.is_empty()));
    let events = records[0]["events"].as_array().expect("events");
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[1]["targets"][0]["name"], "Timur Bekov");
}

#[test]
fn events_are_those_of_the_document_records() {
    // `extract` writing events tags only the documents that hold a trigger
    // candidate; `--emit documents` tags them all: the events must agree.
    let mut input = String::new();
    for entry in std::fs::read_dir(fixtures()).expect("fixtures") {
        let path = entry.expect("a fixture").path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            input.push_str(&std::fs::read_to_string(path).expect("a fixture"));
        }
    }
    input.push_str(
        "{\"id\": \"plain\", \"published\": \"2025-03-04\", \"text\": \"Shares in Lisbon rose 2% on Monday after the bank reported record profits.\"}\n",
    );
    // The whole event record, without the document's fields (which the
    // document record holds once).
    let key = |event: &Value| {
        let mut event = event.clone();
        if let Some(fields) = event.as_object_mut() {
            fields.retain(|k, _| !matches!(k.as_str(), "doc_id" | "meta" | "published"));
        }
        event.to_string()
    };
    let events: Vec<String> = records_of(&["extract", "-q", "-"], &input)
        .iter()
        .map(key)
        .collect();
    let documents = records_of(&["extract", "--emit", "documents", "-q", "-"], &input);
    let plain = documents.last().expect("the last document");
    assert_eq!(plain["doc_id"], "plain");
    assert!(plain["events"].as_array().is_some_and(Vec::is_empty));
    assert!(plain["mentions"].as_array().is_some_and(|m| m.len() >= 2));
    let in_documents: Vec<String> = documents
        .iter()
        .flat_map(|d| d["events"].as_array().cloned().unwrap_or_default())
        .map(|e| key(&e))
        .collect();
    assert!(events.len() > 20, "{}", events.len());
    assert_eq!(events, in_documents);
}

/// The event records of all fixtures, extracted on `threads` threads.
fn extract_fixtures_with_threads(threads: &str) -> Vec<u8> {
    civex()
        .args(["extract", "-q", "--threads", threads])
        .arg(fixtures())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

#[test]
fn event_ids_are_stable_across_runs_and_threads() {
    let ids = |out: &[u8]| {
        json_lines(out)
            .iter()
            .map(|r| r["event_id"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    let first = ids(&extract_fixtures_with_threads("1"));
    assert!(first.len() > 20, "{}", first.len());
    assert_eq!(first, ids(&extract_fixtures_with_threads("2")));
}

#[test]
fn output_is_identical_at_any_thread_count() {
    let one = extract_fixtures_with_threads("1");
    assert!(!one.is_empty());
    assert_eq!(one, extract_fixtures_with_threads("2"));
    assert_eq!(one, extract_fixtures_with_threads("4"));
}

#[test]
fn bad_records_become_error_records_and_exit_1() {
    let input = "{\"id\": \"ok\", \"text\": \"Fine.\"}\n{\"id\": \"bad\"}\nnot json\n";
    civex()
        .args(["sentences", "-"])
        .write_stdin(input)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"doc_id\":\"ok\""))
        .stderr(
            predicate::str::contains("\"line\":2")
                .and(predicate::str::contains("no \\\"text\\\" field")),
        )
        .stderr(
            predicate::str::contains("\"line\":3").and(predicate::str::contains("invalid JSON")),
        )
        .stderr(predicate::str::contains(
            "{\"summary\":{\"documents_read\":3,\"succeeded\":1,\"failed\":2,",
        ));
}

#[test]
fn usage_errors_exit_2() {
    civex()
        .args(["sentences", "/no/such/file.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/file.jsonl"));
    civex()
        .args(["extract", "--published", "soon", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn user_gazetteers_extend_and_report_bad_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("organisations.tsv"),
        "Zqx Watchers\t-\tngo\t-\n",
    )
    .expect("write");
    let out = civex()
        .args(["extract", "--emit", "mentions", "-q", "--gazetteers"])
        .arg(dir.path())
        .arg("-")
        .write_stdin("{\"id\": \"u\", \"text\": \"The Zqx Watchers said so.\"}\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(json_lines(&out)
        .iter()
        .any(|r| r["kind"] == "organisation" && r["text"] == "Zqx Watchers"));

    std::fs::write(
        dir.path().join("organisations.tsv"),
        "ok\t-\tngo\nbroken\t-\tngo\tnot-a-pair\n",
    )
    .expect("write");
    civex()
        .args(["extract", "--gazetteers"])
        .arg(dir.path())
        .arg("-")
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("organisations.tsv:2"));
}

#[test]
fn min_confidence_filters_events_and_is_checked() {
    let input = "{\"id\": \"m\", \"text\": \"Bonds rallied as prices rose on the stock market. Police detained two activists in Shymkent on Monday.\"}\n";
    let default = records_of(&["extract", "-q", "-"], input);
    assert_eq!(default.len(), 1, "{default:?}");
    assert_eq!(default[0]["type"], "arrest");
    assert!(default[0]["confidence"].as_f64().unwrap() >= 0.5);
    assert!(default[0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e == "state_agent"));
    let all = records_of(&["extract", "-q", "--min-confidence", "0", "-"], input);
    assert_eq!(all.len(), 2, "{all:?}");
    civex()
        .args(["extract", "-q", "--min-confidence", "1.5", "-"])
        .write_stdin(input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("between 0 and 1"));
}
