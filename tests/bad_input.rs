//! Bad input: every bad record gets one clear error record, nothing is lost,
//! and the exit code says what happened.

use std::io::{Read, Write};
use std::process::{Command as StdCommand, Stdio};

mod common;
use common::{civex, json_lines, sentences_of_folder};

/// One bad record of each kind, with a word its error message must contain.
fn bad_records(n: usize) -> Vec<(String, &'static str)> {
    let big = "x".repeat(6000);
    vec![
        (
            format!("{{\"id\": \"bad-{n}-a\", \"text\": \"Police det"),
            "truncated",
        ),
        (format!("{{\"id\": \"bad-{n}-b\"}}"), "no \"text\" field"),
        (
            "{\"text\": \"Police detained him.\"}".to_string(),
            "no \"id\" field",
        ),
        (
            format!("{{\"id\": \"bad-{n}-d\", \"text\": 42}}"),
            "\"text\" must be a string",
        ),
        (
            "{\"id\": [1, 2], \"text\": \"Police detained him.\"}".to_string(),
            "\"id\" must be a string",
        ),
        (
            format!("{{\"id\": \"bad-{n}-f\", \"text\": \"x\", \"published\": \"last Tuesday\"}}"),
            "neither YYYY-MM-DD",
        ),
        (
            format!("{{\"id\": \"bad-{n}-g\", \"text\": \"x\", \"published\": 20161101}}"),
            "\"published\" must be a string",
        ),
        (
            "[\"not\", \"an\", \"object\"]".to_string(),
            "expected a JSON object",
        ),
        (
            format!("{{\"id\": \"bad-{n}-i\", \"text\": \"{big}\"}}"),
            "--max-doc-bytes",
        ),
        (
            format!("{{\"id\": \"bad-{n}-j\", \"text\": null}}"),
            "\"text\" must be a string",
        ),
    ]
}

#[test]
fn the_bad_input_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("one.jsonl");
    for (record, expected) in bad_records(0) {
        std::fs::write(&path, format!("{record}\n")).expect("write");
        let out = civex()
            .args(["extract", "-q", "--max-doc-bytes", "5000"])
            .arg(&path)
            .assert()
            .code(1)
            .get_output()
            .clone();
        assert!(out.stdout.is_empty(), "no records for {record:.60}");
        let errors = json_lines(&out.stderr);
        assert_eq!(
            errors.len(),
            1,
            "one error record for {record:.60}: {errors:?}"
        );
        let message = errors[0]["error"].as_str().unwrap_or_default();
        assert!(message.contains(expected), "{record:.60}: {message}");
        assert!(errors[0]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("one.jsonl")));
        assert_eq!(errors[0]["line"], 1);
    }
}

#[test]
fn a_thousand_good_and_a_hundred_bad_documents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("mixed.jsonl");
    let mut file = std::fs::File::create(&input).expect("create");
    let mut good_ids = std::collections::BTreeSet::new();
    let mut bad = 0;
    for i in 0..1000 {
        let id = format!("good-{i}");
        writeln!(
            file,
            "{}",
            serde_json::json!({"id": id, "published": "2016-11-01", "text": format!("On 25th October, police detained {} activists in Almaty.", i % 50 + 2)})
        )
        .expect("write");
        good_ids.insert(id);
        if i % 100 == 99 {
            for (record, _) in bad_records(i) {
                writeln!(file, "{record}").expect("write");
                bad += 1;
            }
        }
    }
    drop(file);
    assert_eq!(bad, 100);
    let errors_path = dir.path().join("errors.jsonl");
    let out = civex()
        .args([
            "extract",
            "-q",
            "--max-doc-bytes",
            "5000",
            "--threads",
            "2",
            "--errors",
        ])
        .arg(&errors_path)
        .arg(&input)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let events = json_lines(&out.stdout);
    let with_events: std::collections::BTreeSet<String> = events
        .iter()
        .map(|e| e["doc_id"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        with_events, good_ids,
        "events for exactly the good documents"
    );
    let errors = json_lines(&std::fs::read(&errors_path).expect("errors file"));
    assert_eq!(errors.len(), 100);
    assert!(errors.iter().all(|e| e["file"]
        .as_str()
        .is_some_and(|f| f.ends_with("mixed.jsonl"))
        && e["line"].is_u64()));
}

#[test]
fn invalid_utf8_is_repaired_and_flagged() {
    let mut input =
        b"{\"id\": \"u\", \"text\": \"Police detained Timur Bekov in Almaty \xff\xfe.\"}\n"
            .to_vec();
    input.extend_from_slice(b"{\"id\": \"v\", \"text\": \"Fine.\"}\n");
    let out = civex()
        .args(["extract", "--emit", "mentions", "-q", "-"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .clone();
    let records = json_lines(&out.stdout);
    let person = records
        .iter()
        .find(|r| r["kind"] == "person")
        .expect("the document is processed");
    assert_eq!(person["meta"]["civex_invalid_utf8"], 2);
}

#[test]
fn files_that_are_empty_truncated_or_binary() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("empty.jsonl"), b"").expect("write");
    std::fs::write(
        dir.path().join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3],
    )
    .expect("write");
    // A gzip stream cut in the middle, after one complete record.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..200 {
        writeln!(encoder, "{}", serde_json::json!({"id": format!("z{i}"), "text": "Police detained nine activists on Monday in a long sentence that repeats."})).expect("write");
    }
    let gz = encoder.finish().expect("finish");
    std::fs::write(dir.path().join("cut.jsonl.gz"), &gz[..gz.len() / 2]).expect("write");
    std::fs::write(
        dir.path().join("good.txt"),
        "Police detained nine activists.",
    )
    .expect("write");
    let out = sentences_of_folder(dir.path(), 1);
    let errors = json_lines(&out.stderr);
    assert!(
        errors.iter().any(|e| e["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("binary.txt"))
            && e["error"].as_str().is_some_and(|m| m.contains("binary"))),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("cut.jsonl.gz"))),
        "{errors:?}"
    );
    let sentences = json_lines(&out.stdout);
    assert!(sentences.iter().any(|s| s["doc_id"]
        .as_str()
        .is_some_and(|d| d.ends_with("good.txt"))));
    assert!(
        sentences.iter().any(|s| s["doc_id"] == "z0"),
        "records before the cut are kept"
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut input = String::new();
    for i in 0..20000 {
        input.push_str(&format!(
            "{{\"id\": \"p{i}\", \"text\": \"One. Two. Three.\"}}\n"
        ));
    }
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("civex"))
        .args(["sentences", "-q", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut first = [0u8; 64];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // stdout is dropped here: the pipe is closed.
    let output = child.wait_with_output().expect("wait");
    let _ = writer.join();
    assert_eq!(output.status.code(), Some(141));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn fail_fast_stops_at_the_first_error() {
    let input = "{\"id\": \"a\", \"text\": \"One.\"}\n{\"id\": \"b\"}\n{\"id\": \"c\", \"text\": \"Three.\"}\n";
    let out = civex()
        .args(["sentences", "--fail-fast", "-"])
        .write_stdin(input)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let records = json_lines(&out.stdout);
    assert!(records.iter().all(|r| r["doc_id"] != "c"), "{records:?}");
    let summary = json_lines(&out.stderr).pop().expect("a summary record");
    assert_eq!(summary["summary"]["stopped_at_first_failure"], true);
}

#[test]
fn an_interrupted_run_leaves_no_output_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("out.jsonl");
    // An I/O error ends the run: the errors file cannot be created.
    civex()
        .args([
            "sentences",
            "-q",
            "--errors",
            "/no/such/folder/errors.jsonl",
            "-o",
        ])
        .arg(&out_path)
        .arg("-")
        .write_stdin("{\"id\": \"a\", \"text\": \"One.\"}\n")
        .assert()
        .code(3);
    assert!(!out_path.exists());
    civex()
        .args(["sentences", "-q", "-o"])
        .arg(&out_path)
        .arg("-")
        .write_stdin("{\"id\": \"a\", \"text\": \"One.\"}\n")
        .assert()
        .success();
    assert!(out_path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("read dir").count(),
        1,
        "no temporary file is left"
    );
}
