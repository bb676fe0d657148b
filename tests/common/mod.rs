//! Shared helpers for the integration tests. Each test file uses some of
//! them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use civex::Document;

/// The fixture files, sorted by name.
pub fn fixture_paths() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/ exists")
        .map(|e| e.expect("readable fixtures/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    paths.sort();
    paths
}

/// Every document of every fixture file.
pub fn fixture_documents() -> Vec<(String, Document)> {
    let mut docs = Vec::new();
    for path in fixture_paths() {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let content = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        for (i, line) in content
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let doc = Document::from_json(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
            docs.push((name.clone(), doc));
        }
    }
    docs
}

/// The built `civex` binary, as a command to configure and run.
pub fn civex() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("civex").expect("the civex binary is built")
}

/// Runs `cmd`, expects success, and returns its standard output.
pub fn success_stdout(cmd: &mut assert_cmd::Command) -> String {
    let output = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(output).expect("the output is UTF-8")
}

/// The JSON records of a JSON Lines output (blank lines skipped).
pub fn json_lines(output: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(output)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Runs `civex sentences -q FOLDER`, expects exit code `code`, and returns
/// the output.
pub fn sentences_of_folder(folder: &Path, code: i32) -> std::process::Output {
    civex()
        .args(["sentences", "-q"])
        .arg(folder)
        .assert()
        .code(code)
        .get_output()
        .clone()
}
