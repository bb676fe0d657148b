//! `-o PATH` on the built binary: what PATH is decides how it is written
//! (see `src/output_file.rs`). None of these tests touches a real device.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;

mod common;
use common::civex;

const INPUT: &str =
    "{\"id\": \"a\", \"text\": \"Police detained two activists. They were released.\"}\n";

/// Runs `civex sentences -q - -o PATH` on [`INPUT`] in `dir`; returns stdout.
fn sentences_to(dir: &Path, path: &str) -> String {
    let output = civex()
        .current_dir(dir)
        .args(["sentences", "-q", "-", "-o", path])
        .write_stdin(INPUT)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).expect("UTF-8 output")
}

fn record_count(text: &str) -> usize {
    let mut count = 0;
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("a JSON record");
        count += 1;
    }
    count
}

#[test]
fn dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let stdout = sentences_to(dir.path(), "-");
    assert_eq!(record_count(&stdout), 2);
    assert!(!dir.path().join("-").exists(), "no file named '-'");
}

#[test]
fn an_existing_file_keeps_its_mode_640() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.jsonl");
    fs::write(&path, "old\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    sentences_to(dir.path(), "out.jsonl");
    assert_eq!(record_count(&fs::read_to_string(&path).unwrap()), 2);
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640, "mode {mode:o}");
}

#[test]
fn a_symlink_writes_its_target_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("data")).unwrap();
    let target = dir.path().join("data/events.jsonl");
    fs::write(&target, "old\n").unwrap();
    std::os::unix::fs::symlink("data/events.jsonl", dir.path().join("latest.jsonl")).unwrap();
    sentences_to(dir.path(), "latest.jsonl");
    let link = fs::symlink_metadata(dir.path().join("latest.jsonl")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    assert_eq!(record_count(&fs::read_to_string(&target).unwrap()), 2);
}

#[test]
fn a_named_pipe_is_written_to_its_reader() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        // Opening a FIFO for reading blocks until a writer opens it.
        std::thread::spawn(move || fs::read_to_string(fifo).expect("the pipe is readable"))
    };
    sentences_to(dir.path(), "pipe");
    let received = reader.join().expect("the reader ends");
    assert_eq!(record_count(&received), 2);
    let meta = fs::symlink_metadata(&fifo).unwrap();
    assert!(meta.file_type().is_fifo(), "the pipe is still a pipe");
}

#[test]
fn a_character_device_is_written_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let node = dir.path().join("null");
    // A null device of our own (major 1, minor 3), so that the real
    // /dev/null is never at risk; making one needs root (CI runs as root).
    let made = std::process::Command::new("mknod")
        .args([node.to_str().unwrap(), "c", "1", "3"])
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mknod needs root");
        return;
    }
    sentences_to(dir.path(), "null");
    let meta = fs::symlink_metadata(&node).unwrap();
    assert!(
        meta.file_type().is_char_device(),
        "the device is still a device"
    );
}

#[test]
fn a_folder_is_an_io_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("out")).unwrap();
    civex()
        .current_dir(dir.path())
        .args(["sentences", "-q", "-", "-o", "out"])
        .write_stdin(INPUT)
        .assert()
        .code(3)
        .stderr(predicates::str::contains("out is a folder"));
}
