//! The batch runner: many documents, many threads, output in input order.
//!
//! A reader thread fills chunks of documents (bounded in count and bytes)
//! and hands them over a channel of depth two; the calling thread processes
//! each chunk in parallel on a rayon pool and writes the results in input
//! order. Memory is therefore bounded by a few chunks, whatever the number of
//! documents, and the output is byte-identical at any thread count.

use std::io::{self, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::sync_channel;

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::document::Document;
use crate::input::{InputError, InputItem};
use crate::output::error_record;

/// Documents per chunk, at most.
const CHUNK_DOCS: usize = 512;
/// Text bytes per chunk, at most (a single larger document is its own chunk).
const CHUNK_BYTES: usize = 8 << 20;

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
/// to `sink` and error records to `errors`, in input order.
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
    F: Fn(&Document) -> Processed + Sync,
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
            let results: Vec<Result<Processed, InputError>> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|item| match item {
                        Ok(doc) => catch_unwind(AssertUnwindSafe(|| process(doc))).map_err(|panic| InputError {
                            origin: doc.origin.clone(),
                            doc_id: Some(doc.id.clone()),
                            problem: format!(
                                "internal error while processing this document ({}); please report it with the document",
                                panic_message(&panic)
                            ),
                        }),
                        Err(e) => Err(e.clone()),
                    })
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
