//! `civex incidents [EVENTS...]`: event records, as `civex extract` writes
//! them, linked into one record per incident by `civex::incidents` (whose
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

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use civex::incidents::{link, parse_line, EventInput, Line};
use civex::input::expand_inputs;
use civex::output_file::OutputFile;

use crate::{Failure, EXIT_DOCUMENT_ERRORS};

/// What to link and where to write it.
pub struct Request<'a> {
    pub inputs: &'a [String],
    pub output: Option<&'a Path>,
    pub quiet: bool,
}

/// What reading the input found besides events.
#[derive(Default)]
struct Reading {
    events: Vec<EventInput>,
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
                crate::usage("incidents")
            )));
        }
        vec!["-".to_string()]
    } else {
        request.inputs.to_vec()
    };
    let sources = expand_inputs(&inputs).map_err(|e| Failure::Usage(e.to_string()))?;
    // The destination is opened first: a wrong -o fails before a long read.
    let output = match request.output {
        Some(path) => Some(OutputFile::create(path).map_err(|e| {
            Failure::Io(io::Error::new(
                e.kind(),
                format!("cannot create {}: {e}", path.display()),
            ))
        })?),
        None => None,
    };

    let mut reading = Reading::default();
    for source in &sources {
        read_source(source, &mut reading)?;
    }
    let linked = link(&reading.events);

    let write = |sink: &mut dyn Write| -> io::Result<()> {
        sink.write_all(&reading.error_records)?;
        for incident in &linked.incidents {
            serde_json::to_writer(&mut *sink, incident)?;
            sink.write_all(b"\n")?;
        }
        sink.flush()
    };
    match (output, request.output) {
        (Some(file), Some(path)) => {
            let mut sink = BufWriter::with_capacity(1 << 20, file);
            write(&mut sink)?;
            let file = sink.into_inner().map_err(|e| Failure::Io(e.into_error()))?;
            file.commit().map_err(|e| {
                Failure::Io(io::Error::new(
                    e.kind(),
                    format!("cannot write {}: {e}", path.display()),
                ))
            })?;
        }
        _ => {
            let stdout = io::stdout();
            let mut sink = BufWriter::with_capacity(1 << 20, stdout.lock());
            write(&mut sink)?;
        }
    }

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

/// Reads the events of one file (or of standard input, `-`).
fn read_source(source: &str, reading: &mut Reading) -> Result<(), Failure> {
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
        let parsed = match std::str::from_utf8(&buffer) {
            Ok(line) => parse_line(line),
            Err(e) => Err(format!("not UTF-8: {e}")),
        };
        match parsed {
            Ok(Line::Event(event)) => reading.events.push(*event),
            Ok(Line::CivexRecord) => reading.civex_records += 1,
            Ok(Line::Blank) => {}
            Err(problem) => {
                eprintln!("civex: {source}:{line_number}: {problem}");
                reading.bad_lines += 1;
                let record = serde_json::json!({
                    "error": problem,
                    "file": source,
                    "line": line_number,
                });
                reading
                    .error_records
                    .extend_from_slice(record.to_string().as_bytes());
                reading.error_records.push(b'\n');
            }
        }
    }
}
