//! The batch runner: many documents, many threads, output in input order.
//!
//! A reader thread fills chunks of documents (bounded in count and bytes)
//! and hands them over a channel of depth two; the calling thread processes
//! each chunk in parallel on a rayon pool and writes the results in input
//! order. Memory is therefore bounded by a few chunks, whatever the number of
//! documents, and the output is byte-identical at any thread count.
//!
//! Within a chunk, consecutive documents are processed in groups (at most
//! `GROUP_DOCS` documents and `GROUP_BYTES` of text (`pipeline.rs`), and small enough
//! that every thread gets several): a group goes through the pipeline stage
//! by stage ([`crate::pipeline::Pipeline::analyse_many`]), which keeps each
//! stage's automata in the processor's caches. A panic in a group is
//! retried document by document, so that only the document that panics
//! becomes an error record.

use std::io::{self, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::sync_channel;

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::document::Document;
use crate::input::{InputError, InputItem};
use crate::output::error_record;

/// Documents per chunk, at most.
const CHUNK_DOCS: usize = 2048;
/// Text bytes per chunk, at most (a single larger document is its own chunk).
const CHUNK_BYTES: usize = 8 << 20;
#[cfg(test)]
use crate::pipeline::GROUP_BYTES;

/// How a run behaves.
#[derive(Clone, Copy, Default)]
pub struct RunOptions<'a> {
    /// Stop at the first document that fails (its error is still written).
    pub fail_fast: bool,
    pub progress: Option<&'a ProgressBar>,
}

/// Counts reported at the end of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub documents_read: u64,
    pub succeeded: u64,
    pub failed: u64,
    pub records_written: u64,
    pub text_bytes: u64,
    /// The run stopped at a failed document (`--fail-fast`).
    pub stopped: bool,
}

/// The output of processing one document: its records, and how many.
pub struct Processed {
    pub bytes: Vec<u8>,
    pub records: u64,
}

/// Runs `process` over every document of `inputs` on `pool`, writing records
/// to `sink` and error records to `errors`, in input order. `process` takes
/// a group of documents and returns one result per document, in order.
pub fn run<I, F>(
    inputs: I,
    pool: &rayon::ThreadPool,
    process: F,
    sink: &mut dyn Write,
    errors: &mut dyn Write,
    options: RunOptions<'_>,
) -> io::Result<Summary>
where
    I: Iterator<Item = InputItem> + Send,
    F: Fn(&[&Document]) -> Vec<Processed> + Sync,
{
    let mut summary = Summary::default();
    std::thread::scope(|scope| -> io::Result<()> {
        let (sender, receiver) = sync_channel::<Vec<InputItem>>(2);
        scope.spawn(move || {
            let mut chunk = Vec::with_capacity(CHUNK_DOCS);
            let mut bytes = 0;
            for item in inputs {
                bytes += item.as_ref().map_or(0, |d| d.text.len());
                chunk.push(item);
                if chunk.len() >= CHUNK_DOCS || bytes >= CHUNK_BYTES {
                    if sender.send(std::mem::take(&mut chunk)).is_err() {
                        return; // the writer stopped
                    }
                    bytes = 0;
                }
            }
            if !chunk.is_empty() {
                let _ = sender.send(chunk);
            }
        });
        'chunks: for chunk in receiver {
            let groups = groups(&chunk, pool.current_num_threads());
            let results: Vec<Result<Processed, InputError>> = pool.install(|| {
                groups
                    .par_iter()
                    .map(|group| process_group(&chunk[group.clone()], &process))
                    .collect::<Vec<_>>()
                    .into_iter()
                    .flatten()
                    .collect()
            });
            for (item, result) in chunk.iter().zip(results) {
                summary.documents_read += 1;
                let text_bytes = item.as_ref().map_or(0, |d| d.text.len() as u64);
                summary.text_bytes += text_bytes;
                match result {
                    Ok(processed) => {
                        sink.write_all(&processed.bytes)?;
                        summary.succeeded += 1;
                        summary.records_written += processed.records;
                    }
                    Err(error) => {
                        errors.write_all(&error_record(&error))?;
                        summary.failed += 1;
                        if options.fail_fast {
                            summary.stopped = true;
                            break 'chunks;
                        }
                    }
                }
                if let Some(bar) = options.progress {
                    bar.inc(text_bytes);
                }
            }
        }
        Ok(())
    })?;
    Ok(summary)
}

/// Splits a chunk into groups of consecutive items: runs of documents (see
/// `pipeline::GROUP_DOCS`), and each input error alone.
fn groups(chunk: &[InputItem], threads: usize) -> Vec<std::ops::Range<usize>> {
    crate::pipeline::groups(
        chunk
            .iter()
            .map(|item| item.as_ref().ok().map(|doc| doc.text.len())),
        threads,
    )
}

/// The results of one group: all documents (or one input error).
fn process_group<F>(group: &[InputItem], process: &F) -> Vec<Result<Processed, InputError>>
where
    F: Fn(&[&Document]) -> Vec<Processed> + Sync,
{
    let docs: Vec<&Document> = group.iter().filter_map(|item| item.as_ref().ok()).collect();
    if docs.len() < group.len() {
        // An input error is a group of its own.
        return group
            .iter()
            .map(|item| match item {
                Ok(doc) => process_one(doc, process),
                Err(e) => Err(e.clone()),
            })
            .collect();
    }
    match catch_unwind(AssertUnwindSafe(|| process(&docs))) {
        Ok(results) if results.len() == docs.len() => results.into_iter().map(Ok).collect(),
        // A panic (or a result missing): each document again, alone.
        _ => docs.iter().map(|doc| process_one(doc, process)).collect(),
    }
}

fn process_one<F>(doc: &Document, process: &F) -> Result<Processed, InputError>
where
    F: Fn(&[&Document]) -> Vec<Processed> + Sync,
{
    let result = catch_unwind(AssertUnwindSafe(|| process(&[doc])));
    match result {
        Ok(mut results) if results.len() == 1 => Ok(results.remove(0)),
        Ok(_) => Err(InputError {
            origin: doc.origin.clone(),
            doc_id: Some(doc.id.clone()),
            problem: "internal error while processing this document (no result); please report it with the document".into(),
        }),
        Err(panic) => Err(InputError {
            origin: doc.origin.clone(),
            doc_id: Some(doc.id.clone()),
            problem: format!(
                "internal error while processing this document ({}); please report it with the document",
                panic_message(&panic)
            ),
        }),
    }
}

thread_local! {
    /// Where the last panic on this thread happened, for its error record.
    static PANIC_LOCATION: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Makes a panic inside one document silent: its error record (written by
/// [`run`]) carries the message and the place in civex's source. Without
/// this, Rust prints the panic to standard error, which breaks a reader of
/// error records there.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        PANIC_LOCATION.with(|cell| *cell.borrow_mut() = location);
    }));
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    let message = if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    };
    match PANIC_LOCATION.with(|cell| cell.borrow_mut().take()) {
        Some(location) => format!("{message} at {location}"),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Origin;

    fn doc(id: &str, text: &str) -> InputItem {
        Ok(Document {
            id: id.into(),
            text: text.into(),
            published: None,
            meta: Default::default(),
            origin: Origin {
                path: "t.jsonl".into(),
                line: None,
            },
        })
    }

    fn bad(line: u64) -> InputItem {
        Err(InputError {
            origin: Origin {
                path: "t.jsonl".into(),
                line: Some(line),
            },
            doc_id: None,
            problem: "invalid JSON".into(),
        })
    }

    #[test]
    fn groups_are_runs_of_documents_and_errors_stand_alone() {
        let chunk = vec![
            doc("a", "x"),
            doc("b", "x"),
            bad(3),
            doc("c", "x"),
            doc("d", "x"),
        ];
        // Four documents, one thread: groups of one (four per thread).
        assert_eq!(groups(&chunk, 1), vec![0..1, 1..2, 2..3, 3..4, 4..5]);
        let many: Vec<InputItem> = (0..40).map(|i| doc(&i.to_string(), "x")).collect();
        assert_eq!(groups(&many, 1), vec![0..10, 10..20, 20..30, 30..40]);
        // A document larger than a group's bytes is a group of its own.
        let big = "x".repeat(GROUP_BYTES);
        let chunk = vec![doc("a", "x"), doc("b", &big), doc("c", "x")];
        assert_eq!(groups(&chunk, 1), vec![0..1, 1..2, 2..3]);
    }

    #[test]
    fn a_panic_in_a_group_costs_only_its_document() {
        let process = |docs: &[&Document]| -> Vec<Processed> {
            docs.iter()
                .map(|d| {
                    assert!(d.id != "boom", "planted failure");
                    Processed {
                        bytes: d.id.as_bytes().to_vec(),
                        records: 1,
                    }
                })
                .collect()
        };
        let group = vec![doc("a", "x"), doc("boom", "x"), doc("c", "x")];
        let results = process_group(&group, &process);
        assert_eq!(results.len(), 3);
        assert_eq!(
            results[0].as_ref().map(|p| p.bytes.clone()).ok(),
            Some(b"a".to_vec())
        );
        let error = results[1]
            .as_ref()
            .err()
            .map(|e| e.problem.clone())
            .unwrap_or_default();
        assert!(error.contains("planted failure"), "{error}");
        assert_eq!(
            results[2].as_ref().map(|p| p.bytes.clone()).ok(),
            Some(b"c".to_vec())
        );
    }
}
