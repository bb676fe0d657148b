//! Rules users own (issue 13): `civex gazetteers check|list` and strict
//! loading of `--gazetteers DIR`, on the built binary.

use std::path::PathBuf;

mod common;
use common::{civex, success_stdout};

fn faulty() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/rules/faulty")
}

#[test]
fn check_finds_each_planted_fault_at_its_line() {
    let output = civex()
        .args(["gazetteers", "check"])
        .arg(faulty())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    // (file:line, severity, words of the message)
    let expected = [
        (
            "triggers.tsv:2",
            "error",
            "unknown event type \"arest\" in the second column (did you mean \"arrest\"?)",
        ),
        (
            "triggers.tsv:3",
            "error",
            "unknown form (third column) \"phrase\"",
        ),
        (
            "triggers.tsv:4",
            "error",
            "unknown attribute \"subjet\" (did you mean \"subject\"?)",
        ),
        (
            "triggers.tsv:5",
            "error",
            "needs=custody is not a value of needs",
        ),
        (
            "triggers.tsv:6",
            "warning",
            "already built in at triggers.tsv:",
        ),
        (
            "triggers.tsv:7",
            "note",
            "replaces the shipped entry at triggers.tsv:",
        ),
        (
            "triggers.tsv:9",
            "warning",
            "same surface and kind as line 8",
        ),
        ("triggers.tsv:10", "error", "switches off nothing"),
        (
            "triggers.tsv:11",
            "error",
            "the kind (third column) is missing",
        ),
        ("cities.tsv:1", "error", "cc=ru is not a country code"),
        (
            "cities.tsv:2",
            "error",
            "unknown kind (third column) \"cty\" (did you mean \"city\"?)",
        ),
        (
            "given_names.tsv:2",
            "warning",
            "\"Mary Ann\" can never match",
        ),
        ("places.tsv", "error", "unknown list name"),
        ("notes.txt", "warning", "not read"),
    ];
    for (place, severity, words) in expected {
        let found = stdout
            .lines()
            .any(|line| line.contains(&format!("/{place}: {severity}: ")) && line.contains(words));
        assert!(found, "{place}: {severity}: {words}\nnot in:\n{stdout}");
    }
    // One line per finding, and the summary.
    assert_eq!(stdout.lines().count(), expected.len() + 1, "{stdout}");
    assert!(
        stdout
            .trim_end()
            .ends_with(": 9 errors, 4 warnings, 1 note"),
        "{stdout}"
    );
}

#[test]
fn check_of_a_clean_folder_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("triggers.tsv"),
        "frogmarched\tarrest\tverb\tlemma=frogmarch;subject=agent;object=target;participle=1\n",
    )
    .unwrap();
    civex()
        .args(["gazetteers", "check"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicates::str::ends_with(
            ": 0 errors, 0 warnings, 0 notes\n",
        ));
}

#[test]
fn an_unknown_event_type_stops_extract_with_exit_2_and_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("triggers.tsv"),
        "# my triggers\nfrogmarched\tarrest\tverb\nheld incommunicado\tarest\tverb\n",
    )
    .unwrap();
    let output = civex()
        .args(["extract", "-q", "--gazetteers"])
        .arg(dir.path())
        .write_stdin("Police frogmarched him away.")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("triggers.tsv:3: unknown event type \"arest\""),
        "{stderr}"
    );
    // `sentences` loads the same folder, strictly too.
    civex()
        .args(["sentences", "-q", "--gazetteers"])
        .arg(dir.path())
        .write_stdin("One. Two.")
        .assert()
        .code(2);
}

#[test]
fn a_bang_line_switches_a_shipped_trigger_off() {
    let text = "Police picked up the editor on Monday.";
    let events = |dir: Option<&std::path::Path>| {
        let mut cmd = civex();
        cmd.args(["extract", "-q", "--published", "2024-03-06"]);
        if let Some(dir) = dir {
            cmd.arg("--gazetteers").arg(dir);
        }
        let output = cmd
            .write_stdin(text)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        common::json_lines(&output)
    };
    let before = events(None);
    assert_eq!(before.len(), 1, "{before:?}");
    assert_eq!(before[0]["trigger"]["text"], "picked up");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("triggers.tsv"), "!picked up\t-\tverb\n").unwrap();
    assert!(events(Some(dir.path())).is_empty());
}

#[test]
fn list_finds_an_entry_with_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("triggers.tsv"),
        "# mine\nfrogmarched\tarrest\tverb\tlemma=frogmarch\n",
    )
    .unwrap();
    let stdout = success_stdout(
        civex()
            .args(["gazetteers", "list", "--grep", "FROGMARCH", "--gazetteers"])
            .arg(dir.path()),
    );
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("triggers.tsv:2\tfrogmarched\tarrest\tverb\tlemma=frogmarch"),
        "{stdout}"
    );
    let shipped = success_stdout(civex().args(["gazetteers", "list", "--grep", "picked up"]));
    assert!(
        shipped.contains(" (built-in)\tpicked up\tarrest\tverb\t"),
        "{shipped}"
    );
}

#[test]
fn list_counts_entries_per_list_and_kind() {
    let stdout = success_stdout(civex().args(["gazetteers", "list"]));
    let verbs = stdout
        .lines()
        .find(|l| l.starts_with("triggers.tsv") && l.contains(" verb "))
        .unwrap_or_else(|| panic!("{stdout}"));
    let count: usize = verbs.split_whitespace().nth(2).unwrap().parse().unwrap();
    assert!(count > 1000, "{verbs}");
}
