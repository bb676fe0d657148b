//! What a tracker loads (issue 14), on the built binary: tables, schemas,
//! completions, the manual page and the version.

use predicates::prelude::*;

mod common;
use common::{civex, json_lines};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");

fn stdout_of(args: &[&str]) -> String {
    let out = civex().args(args).assert().success().get_output().clone();
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn a_csv_table_has_a_header_and_one_row_per_event_in_record_order() {
    let records = json_lines(stdout_of(&["extract", "-q", FIXTURES]).as_bytes());
    let table = stdout_of(&[
        "extract",
        "-q",
        FIXTURES,
        "--format",
        "csv",
        "--columns",
        "event_id,type,sentence",
    ]);
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["event_id", "type", "sentence"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), records.len());
    assert!(rows.len() > 100);
    for (row, record) in rows.iter().zip(&records) {
        assert_eq!(&row[0], record["event_id"].as_str().unwrap());
        assert_eq!(&row[1], record["type"].as_str().unwrap());
        assert_eq!(&row[2], record["sentence"]["text"].as_str().unwrap());
    }
}

#[test]
fn an_empty_run_still_writes_the_header() {
    let table = civex()
        .args(["extract", "-q", "--format", "tsv", "--columns", "type,date"])
        .write_stdin("{\"id\": \"x\", \"text\": \"Shares rose on Monday.\"}\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(table).unwrap(), "type\tdate\n");
}

/// `civex ARGS` stops with a usage error (exit 2) that says `message`.
fn usage_error(args: &[&str], message: &str) {
    civex()
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message));
}

#[test]
fn table_options_that_cannot_apply_are_usage_errors() {
    let csv = ["extract", "-q", FIXTURES, "--format", "csv"];
    usage_error(
        &[&csv[..], &["--columns", "type,colour"]].concat(),
        "unknown column \"colour\"",
    );
    usage_error(
        &[&csv[..], &["--emit", "documents"]].concat(),
        "JSON Lines only",
    );
    usage_error(
        &["extract", "-q", FIXTURES, "--columns", "type"],
        "--format csv",
    );
    let columns = stdout_of(&["extract", "--list-columns", "--emit", "mentions"]);
    assert!(
        columns.lines().any(|l| l.starts_with("admin1 ")),
        "{columns}"
    );
}

#[test]
fn every_record_kind_has_its_schema_and_an_unknown_kind_is_refused() {
    for kind in [
        "events",
        "mentions",
        "sentences",
        "documents",
        "errors",
        "incidents",
    ] {
        let schema: serde_json::Value =
            serde_json::from_str(&stdout_of(&["schema", kind])).unwrap();
        let on_disk: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!(
                "{}/schemas/{kind}.schema.json",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        )
        .unwrap();
        assert_eq!(schema, on_disk, "{kind}");
    }
    usage_error(&["schema", "weather"], "the kinds are: events");
}

#[test]
fn completions_man_page_and_version() {
    assert!(stdout_of(&["completions", "bash"]).contains("civex"));
    assert!(stdout_of(&["completions", "zsh"]).contains("#compdef civex"));
    assert!(stdout_of(&["completions", "fish"]).contains("complete -c civex"));
    let man = stdout_of(&["man"]);
    assert!(
        man.contains(".TH civex 1") && man.contains("extract"),
        "{man}"
    );
    let version = stdout_of(&["--version"]);
    assert!(
        version.starts_with(concat!("civex ", env!("CARGO_PKG_VERSION"), " (commit ")),
        "{version}"
    );
}
