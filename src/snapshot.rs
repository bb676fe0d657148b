//! Snapshot tests of a user's rules (`civex test DIR`): sample texts, the
//! output a user has accepted for each, and what changed since.
//!
//! Rules:
//!
//! 1. **Samples.** Every `*.txt` (one document, its id the file's name)
//!    and `*.jsonl` (one document per line, as `extract` reads them) of
//!    DIR, in name order. Beside each, its accepted output:
//!    `NAME.accepted.jsonl` (`arrests.txt` → `arrests.txt.accepted.jsonl`),
//!    which is never itself a sample.
//! 2. **Output.** Per document, its mention records then its event
//!    records, exactly as `extract --emit mentions` and `extract` write
//!    them (one JSON object per line, character offsets): a snapshot diff
//!    under version control reads like civex's own output.
//! 3. **Comparison, field by field.** Records are matched by document and
//!    key: an event by its type and trigger offsets, a mention by its kind
//!    and offsets. A record on one side only is added or removed; a
//!    matched record whose fields differ is changed, and each differing
//!    field is named with its accepted and current values. A sample
//!    without an accepted file is new.
//! 4. **Deterministic.** The same rules and samples give the same bytes
//!    (no times, no thread order), so that a diff is a change of rules.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::document::Document;
use crate::input::{InputOptions, Inputs};
use crate::output::{write_events, write_mentions};
use crate::pipeline::Pipeline;

/// The suffix of an accepted output file.
pub const ACCEPTED_SUFFIX: &str = ".accepted.jsonl";

/// A sample text and where its accepted output is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    pub path: PathBuf,
    pub accepted: PathBuf,
}

impl Sample {
    /// The sample's file name, as it is shown.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// The samples of `dir`, in name order.
pub fn samples(dir: &Path) -> std::io::Result<Vec<Sample>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            !name.ends_with(ACCEPTED_SUFFIX) && (name.ends_with(".txt") || name.ends_with(".jsonl"))
        })
        .collect();
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|path| {
            let mut accepted = path.clone().into_os_string();
            accepted.push(ACCEPTED_SUFFIX);
            Sample {
                path,
                accepted: accepted.into(),
            }
        })
        .collect())
}

/// The current output of a sample: its records, one JSON line each (rule 2).
/// A line of the sample that cannot be read is an error naming it.
pub fn run(pipeline: &Pipeline, sample: &Sample, options: &InputOptions) -> Result<String, String> {
    let inputs = Inputs::new(vec![sample.path.display().to_string()], options.clone());
    let mut out: Vec<u8> = Vec::new();
    for item in inputs {
        let mut doc: Document = item.map_err(|e| e.to_string())?;
        if doc.origin.line.is_none() {
            // A text file: its id is its name, wherever the folder is.
            doc.id = sample.name();
        }
        let analysis = pipeline.analyse(&doc);
        write_mentions(&mut out, &doc, &analysis);
        write_events(&mut out, &doc, &analysis);
    }
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// One difference between accepted and current output.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Added(Shown),
    Removed(Shown),
    Changed {
        record: String,
        field: String,
        accepted: Value,
        current: Value,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Added(record) | Change::Removed(record) => {
                let sign = if matches!(self, Change::Added(_)) {
                    '+'
                } else {
                    '-'
                };
                write!(f, "{sign} {}", record.key)?;
                if !record.summary.is_empty() {
                    write!(f, " ({})", record.summary)?;
                }
                Ok(())
            }
            Change::Changed {
                record,
                field,
                accepted,
                current,
            } => write!(f, "~ {record}: {field}: {accepted} -> {current}"),
        }
    }
}

/// A record as a change shows it: its key and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// `event arrest "detained" at 41-49`.
    pub key: String,
    /// `targets: Ali Karimov; date: 2024-03-04; rule: arrest.active`.
    pub summary: String,
}

impl Shown {
    fn of(record: &Value) -> Shown {
        let names = |v: &Value| -> String {
            v.as_array()
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|i| i["name"].as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
        };
        let mut parts: Vec<String> = Vec::new();
        let mut add = |label: &str, value: String| {
            if !value.is_empty() {
                parts.push(format!("{label}: {value}"));
            }
        };
        if record.get("event_id").is_some() {
            add("targets", names(&record["targets"]));
            add("agents", names(&record["agents"]));
            add(
                "date",
                record["date"]["value"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            );
            add(
                "penalty",
                record["penalty"]["kind"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            );
            add(
                "modality",
                record["modality"].as_str().unwrap_or_default().to_string(),
            );
        } else {
            add(
                "value",
                record["value"].as_str().unwrap_or_default().to_string(),
            );
        }
        add(
            "rule",
            record["rule"].as_str().unwrap_or_default().to_string(),
        );
        Shown {
            key: key_of(record),
            summary: parts.join("; "),
        }
    }
}

/// The differences of one document.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentChanges {
    pub doc_id: String,
    pub changes: Vec<Change>,
}

/// A record's key (rule 3), as it is shown: `event arrest "detained" at
/// 41-49`, `mention person "Ali Karimov" at 0-11`.
fn key_of(record: &Value) -> String {
    let num = |v: &Value| v.as_u64().map_or("?".to_string(), |n| n.to_string());
    if record.get("event_id").is_some() {
        let trigger = &record["trigger"];
        format!(
            "event {} {} at {}-{}",
            record["type"].as_str().unwrap_or("?"),
            trigger["text"],
            num(&trigger["start"]),
            num(&trigger["end"])
        )
    } else {
        format!(
            "mention {} {} at {}-{}",
            record["kind"].as_str().unwrap_or("?"),
            record["text"],
            num(&record["start"]),
            num(&record["end"])
        )
    }
}

/// Parses JSON Lines output into records per document, in order.
fn by_document(output: &str) -> Result<BTreeMap<String, Vec<Value>>, String> {
    let mut docs: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (index, line) in output.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(line)
            .map_err(|e| format!("line {}: not a JSON record: {e}", index + 1))?;
        let doc_id = record["doc_id"].as_str().unwrap_or_default().to_string();
        docs.entry(doc_id).or_default().push(record);
    }
    Ok(docs)
}

/// The differences between an accepted output and the current one, per
/// document (documents without a difference are left out).
pub fn compare(accepted: &str, current: &str) -> Result<Vec<DocumentChanges>, String> {
    let accepted = by_document(accepted).map_err(|e| format!("the accepted output, {e}"))?;
    let current = by_document(current)?;
    let mut ids: Vec<&String> = accepted.keys().chain(current.keys()).collect();
    ids.sort();
    ids.dedup();
    let empty = Vec::new();
    let mut out = Vec::new();
    for id in ids {
        let old = accepted.get(id).unwrap_or(&empty);
        let new = current.get(id).unwrap_or(&empty);
        let old_keyed: BTreeMap<String, &Value> = old.iter().map(|r| (key_of(r), r)).collect();
        let new_keyed: BTreeMap<String, &Value> = new.iter().map(|r| (key_of(r), r)).collect();
        let mut changes = Vec::new();
        for record in old {
            let key = key_of(record);
            match new_keyed.get(&key) {
                None => changes.push(Change::Removed(Shown::of(record))),
                Some(now) => changes.extend(changed_fields(&key, record, now)),
            }
        }
        for record in new {
            if !old_keyed.contains_key(&key_of(record)) {
                changes.push(Change::Added(Shown::of(record)));
            }
        }
        if !changes.is_empty() {
            out.push(DocumentChanges {
                doc_id: id.clone(),
                changes,
            });
        }
    }
    Ok(out)
}

/// The fields of two records of one key that differ, in field order.
fn changed_fields(shown: &str, accepted: &Value, current: &Value) -> Vec<Change> {
    let null = Value::Null;
    let (Some(a), Some(c)) = (accepted.as_object(), current.as_object()) else {
        return Vec::new();
    };
    let mut fields: Vec<&String> = a.keys().chain(c.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter_map(|field| {
            let old = a.get(field).unwrap_or(&null);
            let new = c.get(field).unwrap_or(&null);
            (old != new).then(|| Change::Changed {
                record: shown.to_string(),
                field: field.clone(),
                accepted: old.clone(),
                current: new.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = r#"{"doc_id":"a","event_id":"1","type":"arrest","trigger":{"start":7,"end":15,"text":"detained"},"date":null,"targets":[]}"#;
    const MENTION: &str = r#"{"doc_id":"a","kind":"person","text":"Ali Karimov","start":0,"end":11,"value":"Ali Karimov","rule":"person.given_name"}"#;

    #[test]
    fn the_same_output_has_no_change() {
        let out = format!("{MENTION}\n{EVENT}\n");
        assert!(compare(&out, &out).unwrap().is_empty());
    }

    #[test]
    fn a_changed_field_is_named_with_both_values() {
        let old = format!("{MENTION}\n{EVENT}\n");
        let new = format!(
            "{MENTION}\n{}\n",
            EVENT.replace(r#""date":null"#, r#""date":{"value":"2024-03-04"}"#)
        );
        let changes = compare(&old, &new).unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].doc_id, "a");
        assert_eq!(
            changes[0].changes[0].to_string(),
            r#"~ event arrest "detained" at 7-15: date: null -> {"value":"2024-03-04"}"#
        );
    }

    #[test]
    fn records_on_one_side_are_added_or_removed() {
        let old = format!("{MENTION}\n{EVENT}\n");
        let new = format!(
            "{}\n",
            EVENT.replace(r#""start":7,"end":15"#, r#""start":8,"end":16"#)
        );
        let shown: Vec<String> = compare(&old, &new).unwrap()[0]
            .changes
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            shown,
            [
                r#"- mention person "Ali Karimov" at 0-11 (value: Ali Karimov; rule: person.given_name)"#,
                r#"- event arrest "detained" at 7-15"#,
                r#"+ event arrest "detained" at 8-16"#,
            ]
        );
    }

    #[test]
    fn samples_are_texts_and_json_lines_but_not_accepted_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.jsonl", "a.jsonl.accepted.jsonl", "notes.md"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let names: Vec<String> = samples(dir.path())
            .unwrap()
            .iter()
            .map(Sample::name)
            .collect();
        assert_eq!(names, ["a.jsonl", "b.txt"]);
        assert!(samples(dir.path()).unwrap()[0]
            .accepted
            .ends_with("a.jsonl.accepted.jsonl"));
    }
}
