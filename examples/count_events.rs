//! Events by type and month over a JSON Lines file of articles, in
//! parallel: what a monitor's weekly report starts from.
//!
//! ```text
//! cargo run --release --example count_events -- articles.jsonl [THREADS]
//! ```
//!
//! Each line is read as `civex extract` reads it (`Document::from_json`); a
//! bad line is reported with its number and the rest go on.

use std::collections::BTreeMap;
use std::process::ExitCode;

use civex::{Document, Extractor};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: count_events FILE.jsonl [THREADS]");
        return ExitCode::from(2);
    };
    let threads: usize = args.next().and_then(|t| t.parse().ok()).unwrap_or(0);
    let content = match std::fs::read_to_string(&path) {
        Ok(content) => content,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(3);
        }
    };
    let mut docs = Vec::new();
    let mut bad_lines = 0;
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match Document::from_json(line) {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                eprintln!("{path}:{}: {e}", i + 1);
                bad_lines += 1;
            }
        }
    }
    let extractor = match Extractor::builder().events_only(true).build() {
        Ok(extractor) => extractor,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // 0 threads: rayon's default, one per core.
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("cannot start threads: {e}");
            return ExitCode::from(3);
        }
    };
    let analyses = pool.install(|| extractor.extract_many(&docs));
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for event in analyses.iter().flat_map(|a| &a.events) {
        if event.modality != "asserted" {
            continue;
        }
        let month = event
            .date
            .as_ref()
            .and_then(|d| d.value.get(..7))
            .unwrap_or("undated")
            .to_string();
        *counts.entry((month, event.event_type.clone())).or_default() += 1;
    }
    println!("{} documents, {bad_lines} bad lines", docs.len());
    for ((month, event_type), n) in &counts {
        println!("{month:<8} {event_type:<20} {n}");
    }
    if bad_lines > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
