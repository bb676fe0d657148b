//! `civex incidents`: event records of several articles in, incident
//! records out.

use serde_json::{json, Value};

mod common;
use common::{civex, json_lines};

/// An event record as `civex extract` writes it (all invented).
fn event(
    doc_id: &str,
    event_id: &str,
    event_type: &str,
    date: Option<(&str, &str)>,
    targets: Value,
    place: &str,
    sentence: &str,
) -> String {
    json!({
        "doc_id": doc_id,
        "event_id": event_id,
        "type": event_type,
        "modality": "asserted",
        "trigger": {"text": "detained", "start": 20, "end": 28},
        "sentence": {"index": 0, "start": 0, "end": sentence.chars().count(), "text": sentence},
        "date": date.map(|(text, value)| json!({"text": text, "value": value, "source": "sentence"})),
        "targets": targets,
        "target_count": 1,
        "target_description": null,
        "agents": [{"name": "police", "kind": "state"}],
        "locations": [{"name": place, "country": "GE"}],
        "penalty": null,
        "rule": format!("{event_type}.active"),
        "confidence": 0.9,
        "meta": {"title": format!("Article {doc_id}")},
    })
    .to_string()
}

/// Three articles on one arrest (dated "Monday", "3 March" and "last
/// week") and an unrelated fine the same day in the same city.
fn four_events() -> String {
    [
        event(
            "ge-rustavi-daily",
            "1a2b3c4d5e6f7081",
            "arrest",
            Some(("Monday", "2025-03-03")),
            json!([{"name": "Nino Beridze", "kind": "person", "role": "journalist"}]),
            "Tbilisi",
            "Police in Tbilisi detained journalist Nino Beridze on Monday.",
        ),
        event(
            "caucasus-wire",
            "9f8e7d6c5b4a3921",
            "arrest",
            Some(("3 March", "2025-03-03")),
            json!([{"name": "N. Beridze", "kind": "person"}]),
            "Georgia",
            "N. Beridze was arrested on 3 March.",
        ),
        event(
            "weekly-roundup",
            "5566778899aabbcc",
            "arrest",
            Some(("last week", "2025-W10")),
            json!([{"name": "Beridze", "kind": "person"}]),
            "Tbilisi",
            "Last week police arrested Beridze in Tbilisi.",
        ),
        event(
            "weekly-roundup",
            "0011223344556677",
            "fine",
            Some(("3 March", "2025-03-03")),
            json!([{"name": "Tamar Kapanadze", "kind": "person"}]),
            "Tbilisi",
            "A Tbilisi court fined Tamar Kapanadze 500 lari on 3 March.",
        ),
    ]
    .join("\n")
        + "\n"
}

#[test]
fn three_articles_on_one_arrest_are_one_incident() {
    let output = civex()
        .args(["incidents", "-q"])
        .write_stdin(four_events())
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(output.stderr.is_empty(), "{:?}", output.stderr);
    let incidents = json_lines(&output.stdout);
    assert_eq!(incidents.len(), 2);
    let arrest = incidents
        .iter()
        .find(|i| i["type"] == "arrest")
        .expect("the arrest");
    assert_eq!(arrest["events"], 3);
    assert_eq!(
        arrest["event_ids"],
        json!(["1a2b3c4d5e6f7081", "5566778899aabbcc", "9f8e7d6c5b4a3921"])
    );
    assert_eq!(
        arrest["doc_ids"],
        json!(["caucasus-wire", "ge-rustavi-daily", "weekly-roundup"])
    );
    assert_eq!(
        arrest["date"],
        json!({"value": "2025-03-03", "precision": "day", "first": "2025-03-03",
               "last": "2025-03-03", "day": "2025-03-03"})
    );
    assert_eq!(arrest["country"], "GE");
    assert_eq!(arrest["places"], json!(["Georgia", "Tbilisi"]));
    assert_eq!(
        arrest["targets"],
        json!([{"name": "Nino Beridze", "kind": "person", "role": "journalist"}])
    );
    assert_eq!(arrest["target_count"], 1);
    let links = arrest["links"].as_array().expect("links");
    assert_eq!(links.len(), 2);
    // Sorted by from, then to: the week, then the day.
    assert_eq!(
        links[0],
        json!({"from": "1a2b3c4d5e6f7081", "to": "5566778899aabbcc",
               "by": ["type", "date_overlap", "named_target:Nino Beridze"]})
    );
    assert_eq!(
        links[1],
        json!({"from": "1a2b3c4d5e6f7081", "to": "9f8e7d6c5b4a3921",
               "by": ["type", "same_day", "named_target:Nino Beridze"]})
    );
    // "inc-" and the FNV-1a hash of the smallest event id.
    assert!(arrest["incident_id"]
        .as_str()
        .is_some_and(|id| id.starts_with("inc-") && id.len() == 20));

    let fine = incidents
        .iter()
        .find(|i| i["type"] == "fine")
        .expect("the fine");
    assert_eq!(fine["events"], 1);
    assert_eq!(fine["links"], json!([]));
    // Same first day: ordered by id.
    assert!(incidents[0]["incident_id"].as_str() < incidents[1]["incident_id"].as_str());
}

#[test]
fn the_same_input_gives_the_same_bytes_in_any_order() {
    let run = |input: String| {
        civex()
            .args(["incidents", "-q", "-"])
            .write_stdin(input)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let forward = four_events();
    let mut lines: Vec<&str> = forward.lines().collect();
    lines.reverse();
    assert_eq!(run(forward.clone()), run(lines.join("\n")));
}

#[test]
fn a_malformed_line_gives_an_error_record_and_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("events.jsonl");
    let events = four_events();
    let mut lines: Vec<&str> = events.lines().collect();
    lines.insert(1, "{\"doc_id\": \"x\", \"event_i");
    lines.insert(3, "{\"doc_id\": \"x\", \"type\": \"arrest\"}");
    std::fs::write(&path, lines.join("\n")).expect("written");
    let output = civex()
        .arg("incidents")
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let records = json_lines(&output.stdout);
    let file = path.display().to_string();
    assert_eq!(records[0]["line"], 2);
    assert_eq!(records[0]["file"], file.as_str());
    assert!(records[0]["error"]
        .as_str()
        .is_some_and(|e| e.starts_with("not JSON")));
    assert_eq!(records[1]["line"], 4);
    assert!(records[1]["error"]
        .as_str()
        .is_some_and(|e| e.contains("event_id")));
    // The good lines are linked all the same.
    assert_eq!(records.len(), 4);
    assert_eq!(
        records[2]["events"]
            .as_u64()
            .max(records[3]["events"].as_u64()),
        Some(3)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("{file}:2: not JSON")), "{stderr}");
    assert!(stderr.contains(&format!("{file}:4: ")), "{stderr}");
    assert!(stderr.contains("2 bad lines"), "{stderr}");
}

#[test]
fn civex_error_records_are_passed_over_and_output_goes_to_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("incidents.jsonl");
    let input = format!(
        "{}{}\n",
        four_events(),
        json!({"error": "not JSON", "file": "articles.jsonl", "line": 7, "doc_id": null})
    );
    let output = civex()
        .args(["incidents", "-o"])
        .arg(&out)
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("4 events read, 2 incidents written (1 of several events)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 civex error or summary record passed over"),
        "{stderr}"
    );
    let written = std::fs::read(&out).expect("the output file");
    assert_eq!(json_lines(&written).len(), 2);
}

#[test]
fn a_missing_file_is_a_usage_error() {
    civex()
        .args(["incidents", "no-such-events.jsonl"])
        .assert()
        .code(2);
}

/// Three invented reports of one arrest from three outlets, and a fine of
/// another activist by the same court on the same day, through `extract`
/// and then `incidents`.
#[test]
fn articles_of_three_outlets_on_one_arrest_become_one_incident_end_to_end() {
    let articles = [
        (
            "outlet-a-1",
            "2025-03-05",
            "Police in Tbilisi detained the opposition activist Nino Beridze on Monday \
             outside parliament, her lawyer said.",
        ),
        (
            "outlet-b-7",
            "2025-03-04",
            "Georgian police arrested activist Nino Beridze in Tbilisi on 3 March, \
             according to the Georgian Young Lawyers' Association.",
        ),
        (
            "outlet-c-2",
            "2025-03-06",
            "Nino Beridze, a prominent activist, was detained by police in Tbilisi on \
             March 3 and remains in custody.",
        ),
        (
            "outlet-b-8",
            "2025-03-04",
            "A Tbilisi court fined the activist Levan Gelashvili 2,000 lari on 3 March \
             for taking part in a rally.",
        ),
    ];
    let input: String = articles
        .iter()
        .map(|(id, published, text)| {
            format!(
                "{}\n",
                serde_json::json!({"id": id, "published": published, "text": text})
            )
        })
        .collect();
    let events = civex()
        .args(["extract", "-q"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let arrests = json_lines(&events)
        .iter()
        .filter(|e| e["type"] == "arrest")
        .count();
    assert_eq!(arrests, 3, "{}", String::from_utf8_lossy(&events));
    let incidents = civex()
        .args(["incidents", "-q"])
        .write_stdin(events)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let incidents = json_lines(&incidents);
    let arrest: Vec<&serde_json::Value> =
        incidents.iter().filter(|i| i["type"] == "arrest").collect();
    assert_eq!(arrest.len(), 1, "{incidents:#?}");
    assert_eq!(arrest[0]["events"], 3);
    assert_eq!(arrest[0]["date"]["day"], "2025-03-03");
    assert_eq!(
        arrest[0]["doc_ids"],
        serde_json::json!(["outlet-a-1", "outlet-b-7", "outlet-c-2"])
    );
    let fines: Vec<&serde_json::Value> = incidents.iter().filter(|i| i["type"] == "fine").collect();
    assert_eq!(fines.len(), 1, "{incidents:#?}");
    assert_eq!(fines[0]["events"], 1);
}

#[test]
fn emit_events_gives_each_event_its_incident_id_in_input_order() {
    let input = four_events();
    let stdout = |args: &[&str]| {
        civex()
            .args(args)
            .write_stdin(input.clone())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let events = json_lines(&stdout(&["incidents", "-q", "--emit", "events"]));
    let incidents = json_lines(&stdout(&["incidents", "-q"]));
    let read = json_lines(input.as_bytes());
    assert_eq!(events.len(), read.len());
    for (event, original) in events.iter().zip(&read) {
        assert_eq!(event["event_id"], original["event_id"]);
        // Right after event_id; every other field as read.
        let keys: Vec<&String> = event.as_object().unwrap().keys().collect();
        let at = keys.iter().position(|k| *k == "event_id").unwrap();
        assert_eq!(keys[at + 1], "incident_id");
        let mut without = event.clone();
        without.as_object_mut().unwrap().remove("incident_id");
        assert_eq!(&without, original);
        let incident = incidents
            .iter()
            .find(|i| i["incident_id"] == event["incident_id"])
            .expect("its incident is written");
        assert!(incident["event_ids"]
            .as_array()
            .unwrap()
            .contains(&event["event_id"]));
    }
    // The three arrests share one incident id, the fine has its own.
    let ids: Vec<&Value> = events.iter().map(|e| &e["incident_id"]).collect();
    assert!(
        ids[0] == ids[1] && ids[1] == ids[2] && ids[2] != ids[3],
        "{ids:?}"
    );

    // As tables: the incident_id column of an events table, and an
    // incidents table with one row per incident.
    let table = String::from_utf8(stdout(&[
        "incidents",
        "-q",
        "--emit",
        "events",
        "--format",
        "csv",
        "--columns",
        "event_id,incident_id,type",
    ]))
    .unwrap();
    let rows: Vec<&str> = table.lines().collect();
    assert_eq!(rows[0], "event_id,incident_id,type");
    assert_eq!(rows.len(), read.len() + 1);
    assert!(rows[1].contains(ids[0].as_str().unwrap()), "{table}");
    let table = String::from_utf8(stdout(&["incidents", "-q", "--format", "tsv"])).unwrap();
    assert_eq!(table.lines().count(), incidents.len() + 1);
    assert!(
        table.starts_with("incident_id\ttype\ttypes\tdate\t"),
        "{table}"
    );
}
