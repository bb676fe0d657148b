//! `civex incidents [EVENTS...]`: event records, as `civex extract` writes
//! them, linked into one record per incident by the library's `incidents` (whose
//! header states the rules).
//!
//! 1. **Input.** Files or folders as `extract` takes them (JSON Lines,
//!    gzipped or not; a folder is walked), `-` or nothing for standard
//!    input. Every event is read before any incident is written: linking
//!    needs them all.
//! 2. **Bad lines.** A line that is not JSON, or a JSON object without a
//!    string `event_id`, `type` and `doc_id`, becomes an error record
//!    (`{"error": …, "file": …, "line": N}`) at the head of the output and
//!    a message `civex: FILE:LINE: problem` on standard error; the run goes
//!    on and exits with 1. civex's own error and summary records are passed
//!    over and counted.
//! 3. **Output.** The error records, then the incidents in their order;
//!    `-o FILE` writes them as `extract -o` does (atomically for a regular
//!    file). Unless `-q`, a summary on standard error.
//! 4. **`--emit events`** writes the event records read instead, in input
//!    order, each with the `incident_id` of its incident after its
//!    `event_id` (the `incident_id` column of an events table).
//! 5. **Tables.** `--format csv|tsv` writes a header row and one row per
//!    record, as `extract` does; error records then go to standard error
//!    only, never into the table.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::incidents::{link, parse_line, EventInput, Line};
use crate::input::expand_inputs;
use crate::output::table::TableWriter;
use serde_json::Value;

use super::destination::Destination;
use super::{Failure, EXIT_DOCUMENT_ERRORS};

/// What to link and where to write it.
pub struct Request<'a> {
    pub inputs: &'a [String],
    pub output: Option<&'a Path>,
    pub quiet: bool,
    /// Write the events read, each with its `incident_id`, instead of the
    /// incidents.
    pub emit_events: bool,
    /// Write a table instead of JSON Lines.
    pub table: Option<&'a TableWriter>,
}

/// What reading the input found besides events.
#[derive(Default)]
struct Reading {
    events: Vec<EventInput>,
    /// The records of the events as read (kept for `--emit events` only).
    records: Vec<Value>,
    /// The error records of bad lines, as written.
    error_records: Vec<u8>,
    bad_lines: usize,
    civex_records: usize,
}

/// Runs `civex incidents`.
pub fn run(request: &Request) -> Result<ExitCode, Failure> {
    let inputs = if request.inputs.is_empty() {
        if io::stdin().is_terminal() {
            return Err(Failure::Usage(format!(
                "no EVENTS given, and standard input is a terminal\n\n{}",
                super::usage("incidents")
            )));
        }
        vec!["-".to_string()]
    } else {
        request.inputs.to_vec()
    };
    let sources = expand_inputs(&inputs).map_err(|e| Failure::Usage(e.to_string()))?;
    // The destination is opened first: a wrong -o fails before a long read.
    let mut destination = Destination::open(request.output)?;

    let mut reading = Reading::default();
    for source in &sources {
        read_source(source, request.emit_events, &mut reading)?;
    }
    let linked = link(&reading.events);

    let write = |sink: &mut dyn Write| -> io::Result<()> {
        match request.table {
            // A table holds records only: the error records go to stderr.
            Some(table) => {
                io::stderr().write_all(&reading.error_records)?;
                sink.write_all(&table.header())?
            }
            None => sink.write_all(&reading.error_records)?,
        }
        let mut line = Vec::new();
        if request.emit_events {
            let incident_of: std::collections::HashMap<&str, &str> = linked
                .incidents
                .iter()
                .flat_map(|i| {
                    i.event_ids
                        .iter()
                        .map(|e| (e.as_str(), i.incident_id.as_str()))
                })
                .collect();
            for record in &reading.records {
                let record = with_incident_id(record, &incident_of);
                line.clear();
                match request.table {
                    Some(table) => table.write_event_row(&mut line, &record, None),
                    None => {
                        serde_json::to_writer(&mut line, &record)?;
                        line.push(b'\n');
                    }
                }
                sink.write_all(&line)?;
            }
        } else {
            for incident in &linked.incidents {
                line.clear();
                match request.table {
                    Some(table) => {
                        table.write_record_row(&mut line, &serde_json::to_value(incident)?)
                    }
                    None => {
                        serde_json::to_writer(&mut line, incident)?;
                        line.push(b'\n');
                    }
                }
                sink.write_all(&line)?;
            }
        }
        sink.flush()
    };
    write(destination.writer())?;
    destination.finish()?;

    if !request.quiet {
        let several = linked.incidents.iter().filter(|i| i.events > 1).count();
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut summary = format!(
            "civex: {} read, {} written ({} of several events)",
            plural(reading.events.len(), "event"),
            plural(linked.incidents.len(), "incident"),
            several
        );
        if reading.bad_lines > 0 {
            summary.push_str(&format!(", {}", plural(reading.bad_lines, "bad line")));
        }
        if reading.civex_records > 0 {
            summary.push_str(&format!(
                ", {} passed over",
                plural(reading.civex_records, "civex error or summary record")
            ));
        }
        if linked.refused_links + linked.ambiguous_events > 0 {
            summary.push_str(&format!(
                "; left apart: {} between incidents whose dates or names disagree, {} that could join more than one incident",
                plural(linked.refused_links, "link"),
                plural(linked.ambiguous_events, "event")
            ));
        }
        eprintln!("{summary}");
    }
    Ok(if reading.bad_lines > 0 {
        ExitCode::from(EXIT_DOCUMENT_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}

/// An event record with the `incident_id` of its incident, right after its
/// `event_id`.
fn with_incident_id(record: &Value, incident_of: &std::collections::HashMap<&str, &str>) -> Value {
    let Value::Object(fields) = record else {
        return record.clone();
    };
    let incident = fields
        .get("event_id")
        .and_then(Value::as_str)
        .and_then(|id| incident_of.get(id));
    let mut out = serde_json::Map::with_capacity(fields.len() + 1);
    for (key, value) in fields {
        if key == "incident_id" {
            continue;
        }
        out.insert(key.clone(), value.clone());
        if key == "event_id" {
            if let Some(incident) = incident {
                out.insert("incident_id".into(), Value::String(incident.to_string()));
            }
        }
    }
    Value::Object(out)
}

/// Reads the events of one file (or of standard input, `-`); with
/// `keep_records`, their records too.
fn read_source(source: &str, keep_records: bool, reading: &mut Reading) -> Result<(), Failure> {
    let cannot = |e: io::Error, what: &str| {
        Failure::Io(io::Error::new(
            e.kind(),
            format!("cannot {what} {source}: {e}"),
        ))
    };
    let raw: Box<dyn Read> = if source == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(source).map_err(|e| cannot(e, "open"))?)
    };
    let raw: Box<dyn Read> = if source.ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(raw))
    } else {
        raw
    };
    let mut reader = BufReader::with_capacity(1 << 16, raw);
    let mut buffer = Vec::new();
    let mut line_number: u64 = 0;
    loop {
        buffer.clear();
        if reader
            .read_until(b'\n', &mut buffer)
            .map_err(|e| cannot(e, "read"))?
            == 0
        {
            return Ok(());
        }
        line_number += 1;
        let text = std::str::from_utf8(&buffer);
        let parsed = match text {
            Ok(line) => parse_line(line),
            Err(e) => Err(format!("not UTF-8: {e}")),
        };
        match parsed {
            Ok(Line::Event(event)) => {
                if keep_records {
                    // The line parsed as an event, so it is a JSON object.
                    let record = text
                        .ok()
                        .and_then(|line| serde_json::from_str(line).ok())
                        .unwrap_or(Value::Null);
                    reading.records.push(record);
                }
                reading.events.push(*event)
            }
            Ok(Line::CivexRecord) => reading.civex_records += 1,
            Ok(Line::Blank) => {}
            Err(problem) => {
                eprintln!("civex: {source}:{line_number}: {problem}");
                reading.bad_lines += 1;
                let record = serde_json::json!({
                    "error": problem,
                    "file": source,
                    "line": line_number,
                    "doc_id": null,
                });
                reading
                    .error_records
                    .extend_from_slice(record.to_string().as_bytes());
                reading.error_records.push(b'\n');
            }
        }
    }
}
