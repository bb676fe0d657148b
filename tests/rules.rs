//! Rules users own (issue 13): `civex gazetteers check|list` and strict
//! loading of `--gazetteers DIR`, on the built binary.

use std::path::{Path, PathBuf};

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
        (
            "triggers.tsv:12",
            "error",
            "pattern \"held {victim} incommunicado\": unknown slot {victim}",
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
            .ends_with(": 10 errors, 4 warnings, 1 note"),
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

/// A folder with one sample text, and a rule folder that adds a trigger.
fn sample_and_rules() -> (tempfile::TempDir, tempfile::TempDir) {
    let samples = tempfile::tempdir().unwrap();
    std::fs::write(
        samples.path().join("blogger.txt"),
        "Security forces frogmarched the blogger Rustam Nazarov out of his flat on Monday, his lawyer said.\n",
    )
    .unwrap();
    let rules = tempfile::tempdir().unwrap();
    std::fs::write(
        rules.path().join("triggers.tsv"),
        "frogmarched\tarrest\tverb\tlemma=frogmarch;subject=agent;object=target;participle=1\n",
    )
    .unwrap();
    (samples, rules)
}

fn civex_test(samples: &Path, rules: Option<&Path>, extra: &[&str]) -> std::process::Output {
    let mut cmd = civex();
    cmd.args(["test", "--published", "2024-03-06"])
        .arg(samples)
        .args(extra);
    if let Some(rules) = rules {
        cmd.arg("--gazetteers").arg(rules);
    }
    cmd.output().unwrap()
}

#[test]
fn civex_test_fails_on_a_new_sample_then_passes_once_accepted() {
    let (samples, _) = sample_and_rules();
    let new = civex_test(samples.path(), None, &[]);
    assert_eq!(new.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&new.stdout);
    assert!(
        stdout.contains("blogger.txt: new sample, no accepted output"),
        "{stdout}"
    );
    let accepted = civex_test(samples.path(), None, &["--accept"]);
    assert_eq!(accepted.status.code(), Some(0));
    let file = samples.path().join("blogger.txt.accepted.jsonl");
    let records = common::json_lines(&std::fs::read(&file).unwrap());
    assert!(records
        .iter()
        .any(|r| r["kind"] == "person" && r["value"] == "Rustam Nazarov"));
    assert!(records.iter().all(|r| r["doc_id"] == "blogger.txt"));
    let again = civex_test(samples.path(), None, &[]);
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    assert!(String::from_utf8_lossy(&again.stdout).ends_with("1 sample: 1 as accepted, 0 differ\n"));
}

#[test]
fn civex_test_shows_what_a_rule_change_did_and_accepts_it() {
    let (samples, rules) = sample_and_rules();
    civex_test(samples.path(), None, &["--accept"]);
    let changed = civex_test(samples.path(), Some(rules.path()), &[]);
    assert_eq!(changed.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&changed.stdout);
    let expected = "blogger.txt: 2 changed\n  document blogger.txt\n    + mention trigger \"frogmarched\" at 16-27 (value: arrest; rule: trigger.verb)\n    + event arrest \"frogmarched\" at 16-27 (targets: Rustam Nazarov; agents: Security forces; date: 2024-03-04; modality: asserted; rule: arrest.active)\n1 sample: 0 as accepted, 1 differ\n";
    assert_eq!(stdout, expected);
    // Accepted with the rule, the same run passes; without it, the event
    // is reported removed.
    civex_test(samples.path(), Some(rules.path()), &["--accept"]);
    assert_eq!(
        civex_test(samples.path(), Some(rules.path()), &[])
            .status
            .code(),
        Some(0)
    );
    let without = civex_test(samples.path(), None, &[]);
    assert_eq!(without.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&without.stdout)
        .contains("    - event arrest \"frogmarched\" at 16-27"));
}

#[test]
fn civex_test_names_a_changed_field() {
    let (samples, _) = sample_and_rules();
    civex_test(samples.path(), None, &["--accept"]);
    let file = samples.path().join("blogger.txt.accepted.jsonl");
    let accepted = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        accepted.replace("\"value\":\"2024-03-04\"", "\"value\":\"2024-03-05\""),
    )
    .unwrap();
    let output = civex_test(samples.path(), None, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "    ~ mention date \"Monday\" at 74-80: value: \"2024-03-05\" -> \"2024-03-04\""
        ),
        "{stdout}"
    );
}

#[test]
fn explain_traces_a_text_with_the_rule_and_entry_of_each_record() {
    let (_, rules) = sample_and_rules();
    let text = "Security forces frogmarched the blogger Rustam Nazarov out of his flat on Monday. Officers also released a statement.";
    let stdout = success_stdout(
        civex()
            .args(["explain", "--published", "2024-03-06", "--gazetteers"])
            .arg(rules.path())
            .arg(text),
    );
    for part in [
        "document text (published 2024-03-06)",
        "  [0] 0-81  Security forces frogmarched",
        "  person       \"Rustam Nazarov\" 40-54 = Rustam Nazarov  rule person.given_name, entry given_names.tsv:",
        "  arrest \"frogmarched\" 16-27 (sentence 0): rule arrest.active",
        "/triggers.tsv:1\n",
        "    targets         Rustam Nazarov (person, journalist), count 1  <- the object of the verb",
        "    date            \"Monday\" = 2024-03-04 at 74-80  <- the date of its sentence nearest the trigger",
        "  release \"released\" 96-104 (sentence 1): rejected by guard.object_sense",
    ] {
        assert!(stdout.contains(part), "{part:?} not in:\n{stdout}");
    }
    // Not a terminal: no colour codes.
    assert!(!stdout.contains('\x1b'));
}

#[test]
fn explain_reads_a_file_picks_a_document_and_writes_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two.jsonl");
    std::fs::write(
        &file,
        "{\"id\": \"a\", \"text\": \"Police detained two activists.\", \"published\": \"2024-03-06\"}\n\
         {\"id\": \"b\", \"text\": \"Shares rallied on Friday.\", \"published\": \"2024-03-06\"}\n",
    )
    .unwrap();
    let stdout = success_stdout(civex().args(["explain", "--json", "--id", "a"]).arg(&file));
    let traces = common::json_lines(stdout.as_bytes());
    assert_eq!(traces.len(), 1);
    assert_eq!(traces[0]["doc_id"], "a");
    assert_eq!(traces[0]["events"][0]["type"], "arrest");
    assert_eq!(traces[0]["events"][0]["target_count"], 2);
    assert!(traces[0]["events"][0]["trigger_entry"]
        .as_str()
        .unwrap()
        .contains("triggers.tsv:"));
    let both = success_stdout(civex().args(["explain", "--json"]).arg(&file));
    assert_eq!(common::json_lines(both.as_bytes()).len(), 2);
    civex()
        .args(["explain", "--id", "zzz"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no document with id \"zzz\""));
}

#[test]
fn civex_test_review_asks_per_changed_sample() {
    let (samples, rules) = sample_and_rules();
    std::fs::write(
        samples.path().join("court.txt"),
        "Guards frogmarched Ali Karimov into the courtroom on Monday.\n",
    )
    .unwrap();
    civex_test(samples.path(), None, &["--accept"]);
    // Both samples change with the rule: accept the first, reject the second.
    let output = civex()
        .args([
            "test",
            "--published",
            "2024-03-06",
            "--review",
            "--gazetteers",
        ])
        .arg(rules.path())
        .arg(samples.path())
        .write_stdin("a\nr\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("blogger.txt: accepted\n"), "{stdout}");
    assert!(
        stdout.contains("court.txt: rejected (the accepted output stays)\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("2 samples: 0 as accepted, 1 differ, 1 accepted now, 1 rejected\n"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(
        "blogger.txt: [a]ccept the current output, [r]eject it, [s]kip, [q]uit reviewing?"
    ));
    // The accepted one passes with the rule, the rejected one still differs.
    let again = civex_test(samples.path(), Some(rules.path()), &[]);
    let again = String::from_utf8_lossy(&again.stdout);
    assert!(again.starts_with("court.txt: 2 changed"), "{again}");
    assert!(
        again.ends_with("2 samples: 1 as accepted, 1 differ\n"),
        "{again}"
    );
}

#[test]
fn a_broken_accepted_file_fails_its_sample_only() {
    let (samples, _) = sample_and_rules();
    std::fs::write(
        samples.path().join("court.txt"),
        "Police detained Ali Karimov.\n",
    )
    .unwrap();
    civex_test(samples.path(), None, &["--accept"]);
    std::fs::write(
        samples.path().join("blogger.txt.accepted.jsonl"),
        "{not json\n",
    )
    .unwrap();
    let output = civex_test(samples.path(), None, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("blogger.txt: error: "), "{stdout}");
    assert!(stdout.contains("line 1: not a JSON record"), "{stdout}");
    assert!(
        stdout.ends_with("2 samples: 1 as accepted, 1 differ\n"),
        "{stdout}"
    );
}

#[test]
fn explain_refuses_a_missing_file_and_a_bad_confidence() {
    civex()
        .args(["explain", "no-such-article.jsonl"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no such file: no-such-article.jsonl",
        ));
    civex()
        .args(["explain", "--min-confidence", "2", "Police detained him."])
        .assert()
        .code(2);
}
