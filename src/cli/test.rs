//! `civex test DIR`: snapshot tests of a user's rules (see
//! the library's `snapshot` for the samples, the accepted files and the diff).

use std::io::{BufRead, Write};
use std::path::Path;

use crate::gazetteer::Gazetteers;
use crate::input::InputOptions;
use crate::pipeline::{Pipeline, Stages};
use crate::snapshot::{compare, run, samples, Sample};

use super::Failure;

/// What to do with differences.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Report them; exit 1 if any.
    Check,
    /// Write the current output as accepted, for every sample.
    Accept,
    /// Show each changed sample and ask what to do with it: accept,
    /// reject, skip, or quit reviewing. The answers are read from standard
    /// input, one line each (on a terminal, as typed; from a pipe, as
    /// given: `printf 'a\\nr\\n' | civex test DIR --review`).
    Review,
}

/// Runs every sample of `dir`; `Ok(true)` when every sample matches its
/// accepted output (or was accepted now).
pub fn test(
    dir: &Path,
    gazetteers: &Gazetteers,
    options: &InputOptions,
    mode: Mode,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    let samples = samples(dir)
        .map_err(|e| Failure::Usage(format!("cannot read the folder {}: {e}", dir.display())))?;
    if samples.is_empty() {
        return Err(Failure::Usage(format!(
            "no samples in {}: a sample is a *.txt or *.jsonl file",
            dir.display()
        )));
    }
    let pipeline =
        Pipeline::new(gazetteers, Stages::Events).map_err(|e| Failure::Usage(e.to_string()))?;
    let (mut same, mut failing, mut accepted_now) = (0, 0, 0);
    let (mut rejected, mut skipped) = (0, 0);
    let mut reviewing = mode == Mode::Review;
    for sample in &samples {
        let name = sample.name();
        let current = match run(&pipeline, sample, options) {
            Ok(current) => current,
            Err(problem) => {
                writeln!(out, "{name}: error: {problem}")?;
                failing += 1;
                continue;
            }
        };
        if mode == Mode::Accept {
            accept(sample, &current)?;
            writeln!(
                out,
                "{name}: accepted ({} records)",
                current.lines().count()
            )?;
            accepted_now += 1;
            continue;
        }
        let accepted = match std::fs::read_to_string(&sample.accepted) {
            Ok(accepted) => Some(accepted),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Failure::Io(e)),
        };
        match &accepted {
            None => writeln!(
                out,
                "{name}: new sample, no accepted output ({} records; --accept writes {})",
                current.lines().count(),
                sample.accepted.display()
            )?,
            Some(accepted) => {
                let changes = match compare(accepted, &current) {
                    Ok(changes) => changes,
                    // A broken accepted file fails its sample, not the run.
                    Err(problem) => {
                        writeln!(
                            out,
                            "{name}: error: {}: {problem}",
                            sample.accepted.display()
                        )?;
                        failing += 1;
                        continue;
                    }
                };
                if changes.is_empty() {
                    same += 1;
                    continue;
                }
                let count: usize = changes.iter().map(|d| d.changes.len()).sum();
                writeln!(out, "{name}: {count} changed")?;
                for doc in &changes {
                    writeln!(out, "  document {}", doc.doc_id)?;
                    for change in &doc.changes {
                        writeln!(out, "    {change}")?;
                    }
                }
            }
        }
        if reviewing {
            // The diff first, then the question.
            out.flush()?;
            let answer = ask(&format!(
                "{name}: [a]ccept the current output, [r]eject it, [s]kip, [q]uit reviewing? "
            ))?;
            match answer {
                Some('a') => {
                    accept(sample, &current)?;
                    writeln!(out, "{name}: accepted")?;
                    accepted_now += 1;
                    continue;
                }
                Some('r') => {
                    writeln!(out, "{name}: rejected (the accepted output stays)")?;
                    rejected += 1;
                }
                Some('s') => skipped += 1,
                // "q", or no more answers.
                _ => reviewing = false,
            }
        }
        failing += 1;
    }
    let mut summary = format!(
        "{} sample{}: {same} as accepted, {failing} differ",
        samples.len(),
        if samples.len() == 1 { "" } else { "s" }
    );
    if accepted_now > 0 {
        summary.push_str(&format!(", {accepted_now} accepted now"));
    }
    if rejected > 0 {
        summary.push_str(&format!(", {rejected} rejected"));
    }
    if skipped > 0 {
        summary.push_str(&format!(", {skipped} skipped"));
    }
    writeln!(out, "{summary}")?;
    Ok(failing == 0)
}

/// Writes `current` as the accepted output of `sample`.
fn accept(sample: &Sample, current: &str) -> Result<(), Failure> {
    std::fs::write(&sample.accepted, current).map_err(|e| {
        Failure::Io(std::io::Error::new(
            e.kind(),
            format!("cannot write {}: {e}", sample.accepted.display()),
        ))
    })
}

/// Asks a question (on standard error) and reads the answer, a line of
/// standard input: its first letter in lower case, `None` when input has
/// ended. An unknown letter is asked again.
fn ask(question: &str) -> Result<Option<char>, Failure> {
    loop {
        eprint!("{question}");
        std::io::stderr().flush()?;
        let mut answer = String::new();
        if std::io::stdin().lock().read_line(&mut answer)? == 0 {
            eprintln!();
            return Ok(None);
        }
        match answer.trim().chars().next().map(|c| c.to_ascii_lowercase()) {
            Some(c @ ('a' | 'r' | 's' | 'q')) => return Ok(Some(c)),
            _ => eprintln!("answer a, r, s or q"),
        }
    }
}
