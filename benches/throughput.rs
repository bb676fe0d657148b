//! The throughput benchmark: one command, figures per stage and end to end.
//!
//! ```text
//! cargo bench --bench throughput                      # the news corpus, else the fixtures
//! cargo bench --bench throughput -- FILE.jsonl[.gz]   # any JSON Lines file
//! cargo bench --bench throughput -- --vs OLD_CIVEX    # also time an older binary beside this one
//! ```
//!
//! Input: the file given, else `../shared/corpus/news.jsonl.gz` when it is
//! present, else the fixtures repeated to about 5 MB. Options:
//! `--mb N` reads at most N MB of text (default: all), `--long-doc-mb N`
//! sizes the single long document (default 5), `--repeat N` runs each
//! measurement N times and keeps the median (default 3), `--vs BIN` times
//! `BIN extract` against this build's `civex extract` end to end on the same
//! documents (the lines read, written to a temporary file), pair by pair.
//!
//! What it prints (all on one thread unless said; MB are 10^6 bytes of the
//! documents' `text`):
//!
//! 1. reading (and decompressing) the file, and the floor: parsing every
//!    JSON line (in memory) into a document; then the token layer alone;
//! 2. `sentences`, `mentions`, `events` and `documents` (the records of
//!    `civex sentences`, `extract --emit mentions`, `extract` and `extract
//!    --emit documents`), each in process on documents already in memory,
//!    output records written to a buffer: MB/s, documents per second, and
//!    the ratio of its time to the floor's. `events` tags only the
//!    documents that hold a trigger candidate (`Stages::EventsOnly`, as
//!    `extract` does), `documents` tags them all;
//! 3. the time per stage of `mentions` and `events` (segmentation,
//!    temporal, money, names, overlaps, events, and the writing of the
//!    records), in ms per MB and share;
//! 4. `events` on two threads, and its speed-up over one;
//! 5. one long document (the articles joined) against the same articles as
//!    separate documents, every one tagged (`documents`): the ratio should
//!    stay near 1 (rules read bounded windows);
//! 6. with `--vs`, wall-clock time of both binaries on the documents read
//!    (with `--mb`, only those), median of the pairs and the ratio;
//! 7. the process's peak resident memory (which holds the whole input in
//!    memory: for the CLI's streaming figure use `scripts/throughput.py`).
//!
//! The machine may be shared: the load average is printed at the start and
//! the end; quote medians and ratios, never a single run.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use civex::internals::Gazetteers;
use civex::internals::Tokens;
use civex::internals::GROUP_DOCS;
use civex::internals::{parse_json_document, InputOptions};
use civex::internals::{Analysis, Pipeline, StageTimings, Stages};
use civex::internals::{Document, Origin};
use rayon::prelude::*;

/// The allocator the binary runs with (`src/main.rs`), so that the stages
/// are timed as the CLI runs them.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

struct Options {
    input: Option<PathBuf>,
    mb: Option<f64>,
    long_doc_mb: f64,
    repeat: usize,
    vs: Option<PathBuf>,
}

fn parse_args() -> Options {
    let mut options = Options {
        input: None,
        mb: None,
        long_doc_mb: 5.0,
        repeat: 3,
        vs: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| fail(&format!("{name} needs a value")))
        };
        match arg.as_str() {
            // cargo bench passes --bench to every bench target.
            "--bench" => {}
            "--mb" => options.mb = Some(number(&value("--mb"))),
            "--long-doc-mb" => options.long_doc_mb = number(&value("--long-doc-mb")),
            "--repeat" => options.repeat = number(&value("--repeat")).max(1.0) as usize,
            "--vs" => options.vs = Some(PathBuf::from(value("--vs"))),
            other if other.starts_with("--") => fail(&format!("unknown option {other}")),
            path => options.input = Some(PathBuf::from(path)),
        }
    }
    options
}

fn number(text: &str) -> f64 {
    text.parse()
        .unwrap_or_else(|_| fail(&format!("not a number: {text}")))
}

fn fail(message: &str) -> ! {
    eprintln!("throughput: {message}");
    std::process::exit(2)
}

/// The input lines (raw JSON), at most `limit_mb` MB of them, and how long
/// reading (and decompressing) them took.
fn read_lines(path: &Path, limit_mb: Option<f64>) -> (Vec<Vec<u8>>, Duration) {
    let start = Instant::now();
    let file =
        std::fs::File::open(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let limit = limit_mb.map_or(usize::MAX, |mb| (mb * 1e6) as usize);
    let mut size = 0;
    let lines = BufReader::with_capacity(1 << 20, reader)
        .split(b'\n')
        .map(|line| line.unwrap_or_else(|e| fail(&format!("{}: {e}", path.display()))))
        .filter(|line| !line.is_empty())
        .take_while(|line| {
            size += line.len();
            size <= limit
        })
        .collect();
    (lines, start.elapsed())
}

fn parse(lines: &[Vec<u8>], path: &Path) -> Vec<Document> {
    let options = InputOptions::default();
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let origin = Origin {
                path: path.display().to_string(),
                line: Some(i as u64 + 1),
            };
            parse_json_document(line, origin, &options).ok()
        })
        .collect()
}

/// The time per stage of one command's run (`timings`, of a run that took
/// `total` on `bytes` of text): ms per MB, share, MB/s; what no stage took
/// is the writing of the records.
fn print_stages(name: &str, timings: &StageTimings, total: Duration, bytes: usize) {
    println!("\nstages of `{name}` (one thread): ms per MB of text, share of the run");
    let mb = bytes as f64 / 1e6;
    let mut staged = Duration::ZERO;
    for (stage, time) in timings.by_stage() {
        staged += time;
        println!(
            "  {:<13} {:>7.1} ms/MB {:>6.1}%  ({:.1} MB/s)",
            stage,
            time.as_secs_f64() * 1e3 / mb,
            100.0 * time.as_secs_f64() / total.as_secs_f64(),
            mb_per_s(bytes, time)
        );
    }
    let rest = total.saturating_sub(staged);
    println!(
        "  {:<13} {:>7.1} ms/MB {:>6.1}%",
        "output",
        rest.as_secs_f64() * 1e3 / mb,
        100.0 * rest.as_secs_f64() / total.as_secs_f64()
    );
}

/// The fixtures' documents, repeated to about 5 MB of text, as JSON lines.
fn fixture_lines(root: &Path) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    let mut folder: Vec<_> = std::fs::read_dir(root.join("fixtures"))
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    folder.sort();
    for path in folder
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
    {
        if let Ok(text) = std::fs::read(path) {
            lines.extend(
                text.split(|&b| b == b'\n')
                    .filter(|l| !l.is_empty())
                    .map(<[u8]>::to_vec),
            );
        }
    }
    if lines.is_empty() {
        fail("no input: give a JSON Lines file");
    }
    let size: usize = lines.iter().map(Vec::len).sum();
    let copies = (5_000_000 / size.max(1)).max(1);
    lines
        .iter()
        .cycle()
        .take(lines.len() * copies)
        .cloned()
        .collect()
}

fn text_bytes(docs: &[Document]) -> usize {
    docs.iter().map(|d| d.text().len()).sum()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64().max(1e-9)
}

fn write(stages: Stages, out: &mut Vec<u8>, doc: &Document, analysis: &Analysis) {
    match stages {
        Stages::Sentences => civex::internals::write_sentences(out, doc, analysis),
        Stages::EventsOnly => civex::internals::write_events(out, doc, analysis),
        Stages::Events => civex::internals::write_document(out, doc, analysis),
        _ => civex::internals::write_mentions(out, doc, analysis),
    }
}

/// One pass over `docs` on this thread, in groups of documents analysed
/// stage by stage as the CLI does: the time, and the stage timings.
fn one_thread(pipeline: &Pipeline, docs: &[Document]) -> (Duration, StageTimings) {
    let mut timings = StageTimings::default();
    let mut out = Vec::with_capacity(1 << 20);
    let start = Instant::now();
    for group in docs.chunks(GROUP_DOCS) {
        let refs: Vec<&Document> = group.iter().collect();
        let analyses = pipeline.analyse_many_timed(&refs, &mut timings);
        for (doc, analysis) in group.iter().zip(&analyses) {
            write(pipeline.stages(), &mut out, doc, analysis);
            out.clear();
        }
    }
    (start.elapsed(), timings)
}

fn threads(pipeline: &Pipeline, docs: &[Document], count: usize) -> Duration {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(count)
        .build()
        .unwrap_or_else(|e| fail(&format!("thread pool: {e}")));
    let start = Instant::now();
    // Groups small enough that every thread gets several, as the CLI's.
    let group = docs.len().div_ceil(count * 4).clamp(1, GROUP_DOCS);
    pool.install(|| {
        docs.par_chunks(group).for_each(|group| {
            let refs: Vec<&Document> = group.iter().collect();
            let mut out = Vec::new();
            for (doc, analysis) in group.iter().zip(pipeline.analyse_many(&refs)) {
                write(pipeline.stages(), &mut out, doc, &analysis);
            }
        })
    });
    start.elapsed()
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// `lines` as a temporary JSON Lines file.
fn lines_file(lines: &[Vec<u8>]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".jsonl")
        .tempfile()
        .unwrap_or_else(|e| fail(&format!("a temporary file: {e}")));
    for line in lines {
        file.write_all(line)
            .and_then(|()| file.write_all(b"\n"))
            .unwrap_or_else(|e| fail(&format!("{}: {e}", file.path().display())));
    }
    file
}

/// Wall-clock time of `bin extract -q --threads 1 FILE -o /dev/null`.
fn run_binary(bin: &Path, input: &Path) -> Duration {
    let start = Instant::now();
    let status = Command::new(bin)
        .args(["extract", "-q", "--threads", "1", "-o", "/dev/null"])
        .arg(input)
        .stdout(Stdio::null())
        .status()
        .unwrap_or_else(|e| fail(&format!("{}: {e}", bin.display())));
    if !matches!(status.code(), Some(0) | Some(1)) {
        fail(&format!("{} exited with {status}", bin.display()));
    }
    start.elapsed()
}

fn main() {
    let options = parse_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus/news.jsonl.gz");
    let input = options
        .input
        .clone()
        .or_else(|| corpus.exists().then_some(corpus));
    println!("load average at start: {}", load_average());

    // 1. The floor: read and parse.
    let (lines, read_time, source) = match &input {
        Some(path) => {
            let (lines, time) = read_lines(path, options.mb);
            (lines, time, path.display().to_string())
        }
        None => (
            fixture_lines(root),
            Duration::ZERO,
            "fixtures (repeated)".to_string(),
        ),
    };
    let source_path = input.clone().unwrap_or_else(|| PathBuf::from("fixtures"));
    let parse_times: Vec<Duration> = (0..options.repeat)
        .map(|_| {
            let start = Instant::now();
            let docs = parse(&lines, &source_path);
            std::hint::black_box(docs);
            start.elapsed()
        })
        .collect();
    let docs = parse(&lines, &source_path);
    let bytes = text_bytes(&docs);
    let jsonl: usize = lines.iter().map(|l| l.len() + 1).sum();
    // The documents measured here, and only those (`--mb`), as a file for
    // the binaries compared end to end (6).
    let vs_input = options.vs.as_ref().map(|_| lines_file(&lines));
    drop(lines);
    let floor = median(parse_times);
    println!(
        "input: {source}: {} documents, {:.1} MB of text ({:.1} MB of JSON Lines)",
        docs.len(),
        bytes as f64 / 1e6,
        jsonl as f64 / 1e6
    );
    println!(
        "reading the file (and decompressing it): {:.0} MB/s of text",
        mb_per_s(bytes, read_time)
    );
    println!(
        "floor (parsing the JSON lines, in memory): {:.0} MB/s of text",
        mb_per_s(bytes, floor)
    );
    // The token layer alone (part of `segmentation` below): the one pass
    // over the bytes that every phrase matcher reads.
    let token_times: Vec<Duration> = (0..options.repeat)
        .map(|_| {
            let start = Instant::now();
            for doc in &docs {
                std::hint::black_box(Tokens::new(doc.text()));
            }
            start.elapsed()
        })
        .collect();
    println!(
        "token layer (Tokens::new, in memory): {:.0} MB/s of text",
        mb_per_s(bytes, median(token_times))
    );

    // 2. and 3. Each command on one thread; stages of the full extraction.
    let gazetteers = Gazetteers::embedded().unwrap_or_else(|e| fail(&e.to_string()));
    println!(
        "\n{:<10} {:>8} {:>9} {:>11} {:>9}",
        "command", "build ms", "MB/s", "docs/s", "x floor"
    );
    let mut events_pipeline = None;
    let mut documents_pipeline = None;
    let mut staged_runs: Vec<(&str, StageTimings, Duration)> = Vec::new();
    for (name, stages) in [
        ("sentences", Stages::Sentences),
        ("mentions", Stages::Mentions),
        ("events", Stages::EventsOnly),
        ("documents", Stages::Events),
    ] {
        let start = Instant::now();
        let pipeline = Pipeline::new(&gazetteers, stages).unwrap_or_else(|e| fail(&e.to_string()));
        let build = start.elapsed();
        let mut runs: Vec<(Duration, StageTimings)> = (0..options.repeat)
            .map(|_| one_thread(&pipeline, &docs))
            .collect();
        runs.sort_by_key(|r| r.0);
        let (time, timings) = runs[runs.len() / 2];
        println!(
            "{:<10} {:>8.0} {:>9.1} {:>11.0} {:>9.1}",
            name,
            build.as_secs_f64() * 1e3,
            mb_per_s(bytes, time),
            docs.len() as f64 / time.as_secs_f64(),
            time.as_secs_f64() / floor.as_secs_f64()
        );
        if matches!(stages, Stages::Mentions | Stages::EventsOnly) {
            staged_runs.push((name, timings, time));
        }
        match stages {
            Stages::EventsOnly => events_pipeline = Some(pipeline),
            Stages::Events => documents_pipeline = Some(pipeline),
            _ => {}
        }
    }
    let (Some(pipeline), Some(documents_pipeline)) = (events_pipeline, documents_pipeline) else {
        return;
    };
    for (name, timings, time) in &staged_runs {
        print_stages(name, timings, *time, bytes);
    }

    // 4. Two threads.
    let one = median(
        (0..options.repeat)
            .map(|_| threads(&pipeline, &docs, 1))
            .collect(),
    );
    let two = median(
        (0..options.repeat)
            .map(|_| threads(&pipeline, &docs, 2))
            .collect(),
    );
    println!(
        "\nthreads: 1 = {:.1} MB/s, 2 = {:.1} MB/s: 2 threads are {:.2}x one ({} cores here)",
        mb_per_s(bytes, one),
        mb_per_s(bytes, two),
        one.as_secs_f64() / two.as_secs_f64(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    // 5. One long document.
    let mut joined = String::new();
    let mut separate = Vec::new();
    for doc in docs.iter().cycle().take(docs.len().max(1) * 1000) {
        if joined.len() as f64 >= options.long_doc_mb * 1e6 {
            break;
        }
        if !joined.is_empty() {
            joined.push_str("\n\n");
        }
        joined.push_str(doc.text());
        // Every article anchored at the first one's date, as the long
        // document is.
        separate.push(match docs[0].published() {
            Some(date) => doc.clone().with_published(date),
            None => doc.clone(),
        });
    }
    let mut long = Document::new("long", joined);
    if let Some(date) = docs[0].published() {
        long = long.with_published(date);
    }
    let long_time = median(
        (0..options.repeat)
            .map(|_| one_thread(&documents_pipeline, std::slice::from_ref(&long)).0)
            .collect(),
    );
    let separate_time = median(
        (0..options.repeat)
            .map(|_| one_thread(&documents_pipeline, &separate).0)
            .collect(),
    );
    println!(
        "long document: {:.1} MB as one document takes {:.2}x the time of its {} articles apart",
        long.text().len() as f64 / 1e6,
        long_time.as_secs_f64() / separate_time.as_secs_f64(),
        separate.len()
    );

    // 6. Against an older binary.
    if let (Some(old), Some(file)) = (&options.vs, &vs_input) {
        let path = file.path();
        let new = PathBuf::from(env!("CARGO_BIN_EXE_civex"));
        let mut ratios = Vec::new();
        let mut new_times = Vec::new();
        let mut old_times = Vec::new();
        for _ in 0..options.repeat.max(3) {
            let a = run_binary(&new, path);
            let b = run_binary(old, path);
            ratios.push(b.as_secs_f64() / a.as_secs_f64());
            new_times.push(a);
            old_times.push(b);
        }
        ratios.sort_by(f64::total_cmp);
        println!(
            "\nend to end (extract, one thread, {} pairs): this build {:.2} s = {:.1} MB/s of text; {} {:.2} s; old/new median {:.2}x",
            ratios.len(),
            median(new_times.clone()).as_secs_f64(),
            mb_per_s(bytes, median(new_times)),
            old.display(),
            median(old_times).as_secs_f64(),
            ratios[ratios.len() / 2]
        );
    }

    // 7. Memory and the load at the end.
    if let Some(rss) = peak_rss_mib() {
        println!("\npeak RSS of this process (input held in memory): {rss:.0} MiB");
    }
    println!("load average at end: {}", load_average());
}
