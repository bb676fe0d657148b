//! Ordinary shell habits on the built binary: standard input by default,
//! folders of `.ndjson`/`.json`, integer ids, honest help, and a standard
//! error stream that stays JSON Lines.

use std::fs;

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::{civex, json_lines, sentences_of_folder};

#[test]
fn no_input_reads_standard_input_when_it_is_not_a_terminal() {
    let out = civex()
        .args(["sentences", "-q"])
        .write_stdin("{\"id\": \"s\", \"text\": \"One. Two.\"}\n")
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(json_lines(&out.stdout).len(), 2);
}

#[test]
fn no_input_on_a_terminal_prints_the_usage() {
    // `script` gives the command a terminal of its own (util-linux).
    let binary = assert_cmd::cargo::cargo_bin("civex");
    let run = std::process::Command::new("script")
        .args([
            "-qec",
            &format!("{} sentences", binary.display()),
            "/dev/null",
        ])
        .stdin(std::process::Stdio::null())
        .output();
    let Ok(out) = run else {
        eprintln!("skipped: `script` is not installed");
        return;
    };
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{printed}");
    assert!(
        printed.contains("standard input is a terminal"),
        "{printed}"
    );
    assert!(printed.contains("Usage: civex sentences"), "{printed}");
}

#[test]
fn folders_hold_ndjson_and_json_lines_and_report_other_json() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [
        ("a.ndjson", "{\"id\": \"a\", \"text\": \"One.\"}\n"),
        ("b.json", "{\"id\": \"b\", \"text\": \"Two.\"}\n"),
        ("c.json", "[{\"id\": \"c\", \"text\": \"x\"}]\n"),
        ("d.json", "{\n  \"id\": \"d\",\n  \"text\": \"x\"\n}\n"),
        ("notes.md", "not an input"),
    ] {
        fs::write(dir.path().join(name), content).unwrap();
    }
    let out = sentences_of_folder(dir.path(), 1);
    let ids: Vec<Value> = json_lines(&out.stdout)
        .into_iter()
        .map(|r| r["doc_id"].clone())
        .collect();
    assert_eq!(ids, ["a", "b"]);
    let errors = json_lines(&out.stderr);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0]["error"].as_str().unwrap().contains("JSON array"));
    assert!(errors[0]["file"].as_str().unwrap().ends_with("c.json"));
    assert!(errors[1]["error"]
        .as_str()
        .unwrap()
        .contains("pretty-printed"));
}

#[test]
fn an_empty_folder_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("readme.md"), "no inputs here").unwrap();
    civex()
        .args(["sentences", "-q"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds no input files"));
}

#[test]
fn integer_ids_are_taken_as_strings_and_fractions_are_errors() {
    let out = civex()
        .args(["sentences", "-q", "-"])
        .write_stdin("{\"id\": 17, \"text\": \"One.\"}\n{\"id\": 1.5, \"text\": \"Two.\"}\n")
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(json_lines(&out.stdout)[0]["doc_id"], "17");
    let errors = json_lines(&out.stderr);
    assert!(errors[0]["error"]
        .as_str()
        .unwrap()
        .contains("string or an integer"));
    assert_eq!(errors[0]["line"], 2);
}

#[test]
fn extract_help_says_it_extracts_events() {
    civex()
        .args(["extract", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Extract events (the default)"));
}

#[test]
fn standard_error_is_json_lines_with_a_summary_record() {
    let out = civex()
        .args(["sentences", "-"])
        .write_stdin("{\"id\": \"ok\", \"text\": \"Fine.\"}\nnot json\n")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let records = json_lines(&out.stderr);
    assert_eq!(records.len(), 2, "{records:?}");
    assert_eq!(records[0]["line"], 2);
    let summary = &records[1]["summary"];
    assert_eq!(summary["documents_read"], 2);
    assert_eq!(summary["failed"], 1);
    assert_eq!(summary["records_written"], 1);
}
