//! The `civex` command line (the `cli` feature, on by default): a thin shell
//! over the library. The `civex` binary calls [`main`].
//!
//! The subcommands that are not a run over documents (`explain`, `gazetteers`,
//! `incidents`, `test`) live in modules of their own: what they print and
//! their exit codes; their logic is the library's.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod destination;
mod explain;
mod gazetteers;
mod incidents;
mod test;
use indicatif::{ProgressBar, ProgressStyle};

use crate::batch::{self, Processed, RunOptions, Summary};
use crate::gazetteer::Gazetteers;
use crate::input::{expand_inputs, parse_published, InputOptions, Inputs, DEFAULT_MAX_DOC_BYTES};
use crate::output as records;
use crate::output::table::{TableFormat, TableKind, TableWriter};
use crate::pipeline::{Pipeline, Stages};

/// Exit codes (see README).
const EXIT_DOCUMENT_ERRORS: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_IO: u8 = 3;
const EXIT_BROKEN_PIPE: u8 = 141;

#[derive(Parser)]
#[command(
    name = "civex",
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("CIVEX_COMMIT"), ")"),
    about = "Turn civic-space news into structured records: sentences, dates, people, organisations, places, money."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Split documents into sentences (one record per sentence).
    Sentences(Common),
    /// Extract events (the default), tagged spans (--emit mentions) or whole documents (--emit documents).
    Extract {
        #[command(flatten)]
        common: Common,
        /// What to write.
        #[arg(long, value_enum, default_value_t = Emit::Events)]
        emit: Emit,
        /// Only temporal mentions (date, time, duration, set): skips the other taggers.
        #[arg(long)]
        temporal_only: bool,
        /// Write only events whose confidence (0 to 1, from their evidence) is at least X; 0 writes every event.
        #[arg(long, value_name = "X", default_value_t = crate::events::evidence::DEFAULT_MIN_CONFIDENCE)]
        min_confidence: f64,
        /// Record format: JSON Lines, or a table (events and mentions) with a header row: CSV (RFC 4180 quoting) or TSV (never quoted).
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// The table's columns, comma-separated, in this order (default: all; `civex extract --list-columns` lists them).
        #[arg(long, value_name = "A,B,...")]
        columns: Option<String>,
        /// List the table columns of --emit events or mentions with their meaning, and exit.
        #[arg(long)]
        list_columns: bool,
    },
    /// Explain one document: its sentences, every mention with its rule and gazetteer entry (file:line), every event with how its parts were attached, and every rejected candidate with the rule that rejected it.
    Explain {
        /// A file (.txt, .jsonl; `-` for stdin), or else the text itself.
        #[arg(value_name = "TEXT-OR-FILE")]
        input: String,
        /// Only the document with this id (in a JSON Lines file).
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// One JSON object per document instead of text.
        #[arg(long)]
        json: bool,
        /// A folder of gazetteer files layered over the built-in ones.
        #[arg(long, value_name = "DIR")]
        gazetteers: Option<PathBuf>,
        /// Anchor date (YYYY-MM-DD) for documents without `published`.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// As for extract: events below this confidence are shown among the rejected candidates.
        #[arg(long, value_name = "X", default_value_t = crate::events::evidence::DEFAULT_MIN_CONFIDENCE)]
        min_confidence: f64,
    },
    /// Snapshot tests of your rules: run every sample (*.txt, *.jsonl) of DIR and compare its records with the accepted output beside it (NAME.accepted.jsonl). Exit 1 on any difference.
    Test {
        /// The folder of samples.
        dir: PathBuf,
        /// A folder of gazetteer files layered over the built-in ones.
        #[arg(long, value_name = "DIR")]
        gazetteers: Option<PathBuf>,
        /// Anchor date (YYYY-MM-DD) for samples without `published`.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// Write the current output of every sample as its accepted output.
        #[arg(long, conflicts_with = "review")]
        accept: bool,
        /// Show each changed sample and ask: accept, reject, skip or quit (answers read from stdin, one per line).
        #[arg(long)]
        review: bool,
    },
    /// Link event records (extract's output) that report the same incident: one record per incident, with the links that joined its events.
    Incidents {
        /// Event files or folders (JSON Lines, as `extract` writes them; gzipped or not); `-` or none reads stdin.
        #[arg(value_name = "EVENTS")]
        inputs: Vec<String>,
        /// Write records to FILE instead of stdout, as extract's -o does.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// No summary on stderr.
        #[arg(short, long)]
        quiet: bool,
        /// What to write: incident records, or the input's event records each with its `incident_id`, in input order.
        #[arg(long, value_enum, default_value_t = IncidentsEmit::Incidents)]
        emit: IncidentsEmit,
        /// Record format: JSON Lines, or a table with a header row (CSV or TSV, as for extract).
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// The table's columns, comma-separated (default: all; `civex extract --list-columns` for events).
        #[arg(long, value_name = "A,B,...")]
        columns: Option<String>,
    },
    /// Print the JSON Schema (draft 2020-12) of a record kind; with no KIND, list the kinds.
    Schema {
        /// events, mentions, sentences, documents, errors or incidents.
        #[arg(value_name = "KIND")]
        kind: Option<String>,
    },
    /// Print a shell completion script: `civex completions bash > /etc/bash_completion.d/civex`, or zsh, fish, elvish, powershell.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `civex man > civex.1; man ./civex.1`.
    Man,
    /// Check a folder of rules (gazetteer files) or list what is loaded.
    Gazetteers {
        #[command(subcommand)]
        action: GazetteersAction,
    },
}

#[derive(Subcommand)]
enum GazetteersAction {
    /// Report every problem of a rule folder with its file:line: errors (a run would stop), warnings, notes. Exit 1 on any error or warning.
    Check {
        /// The folder, as given to --gazetteers.
        dir: PathBuf,
    },
    /// Count the loaded entries per list and kind, or find entries (--grep) with their file:line.
    List {
        /// Lay this folder of rules over the shipped ones first.
        #[arg(long, value_name = "DIR")]
        gazetteers: Option<PathBuf>,
        /// Only entries whose surface or canonical form holds WORD (any case).
        #[arg(long, value_name = "WORD")]
        grep: Option<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum IncidentsEmit {
    /// One record per incident.
    Incidents,
    /// The event records read, each with the `incident_id` of its incident.
    Events,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// JSON Lines: one JSON object per record.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Emit {
    /// One record per event.
    Events,
    /// One record per tagged span.
    Mentions,
    /// One record per document, with its sentences, mentions and events.
    Documents,
}

#[derive(Args)]
struct Common {
    /// Input files or folders: JSON Lines (.jsonl, .ndjson, .json), text (.txt), any of them gzipped (.gz); `-` reads stdin. With no INPUT, standard input is read unless it is a terminal.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
    /// Write records to FILE instead of stdout (`-`: stdout). A regular file is replaced only when the run completes; devices and named pipes are written directly.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Anchor date (YYYY-MM-DD) for documents without `published`.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// A folder of gazetteer files layered over the built-in ones (same file names).
    #[arg(long, value_name = "DIR")]
    gazetteers: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    quiet: bool,
    /// Write error records (JSON Lines) to FILE instead of stderr.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Stop at the first document that fails.
    #[arg(long)]
    fail_fast: bool,
    /// Documents whose text is larger than this many bytes become error records.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_DOC_BYTES)]
    max_doc_bytes: usize,
}

/// Runs the `civex` command on the process's arguments and returns its exit
/// code (see the README's "Exit codes"): what the `civex` binary's `main`
/// does.
pub fn main() -> ExitCode {
    // A panic inside one document becomes that document's error record,
    // with the place in the source (see batch.rs); nothing else is printed.
    batch::install_panic_hook();
    let cli = Cli::parse();
    let (common, stages, output, min_confidence, table) = match &cli.command {
        Command::Gazetteers { action } => return exit_code(gazetteers(action)),
        Command::Incidents {
            inputs,
            output,
            quiet,
            emit,
            format,
            columns,
        } => {
            let kind = match emit {
                IncidentsEmit::Incidents => TableKind::Incidents,
                IncidentsEmit::Events => TableKind::Events,
            };
            let table = match table_format(*format, columns.as_deref()) {
                Ok(Some(format)) => match TableWriter::new(kind, format, columns.as_deref()) {
                    Ok(table) => Some(table),
                    Err(message) => return exit_code(Err(Failure::Usage(message))),
                },
                Ok(None) => None,
                Err(failure) => return exit_code(Err(failure)),
            };
            return exit_code(incidents::run(&incidents::Request {
                inputs,
                output: output.as_deref(),
                quiet: *quiet,
                emit_events: *emit == IncidentsEmit::Events,
                table: table.as_ref(),
            }));
        }
        Command::Schema { kind } => return exit_code(print_schema(kind.as_deref())),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut command = Cli::command();
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            clap_complete::generate(*shell, &mut command, "civex", &mut out);
            return exit_code(out.flush().map(|_| ExitCode::SUCCESS).map_err(Failure::Io));
        }
        Command::Man => {
            use clap::CommandFactory;
            let page = clap_mangen::Man::new(Cli::command());
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let result = page.render(&mut out).and_then(|_| out.flush());
            return exit_code(result.map(|_| ExitCode::SUCCESS).map_err(Failure::Io));
        }
        Command::Explain {
            input,
            id,
            json,
            gazetteers,
            published,
            min_confidence,
        } => {
            let result = (|| {
                if !(0.0..=1.0).contains(min_confidence) {
                    return Err(Failure::Usage(format!(
                        "--min-confidence {min_confidence} is not between 0 and 1"
                    )));
                }
                let request = explain::Request {
                    input,
                    id: id.as_deref(),
                    json: *json,
                    options: InputOptions {
                        default_published: published_date(published.as_deref())?,
                        ..InputOptions::default()
                    },
                    min_confidence: *min_confidence,
                };
                let gazetteers = load_gazetteers(gazetteers.as_deref())?;
                let stdout = io::stdout();
                let mut out = BufWriter::new(stdout.lock());
                explain::run(&request, &gazetteers, &mut out)?;
                out.flush()?;
                Ok(ExitCode::SUCCESS)
            })();
            return exit_code(result);
        }
        Command::Test {
            dir,
            gazetteers,
            published,
            accept,
            review,
        } => {
            let mode = match (accept, review) {
                (true, _) => test::Mode::Accept,
                (_, true) => test::Mode::Review,
                _ => test::Mode::Check,
            };
            return exit_code(snapshot_test(
                dir,
                gazetteers.as_deref(),
                published.as_deref(),
                mode,
            ));
        }
        Command::Sentences(common) => (common, Stages::Sentences, Output::Sentences, 0.0, None),
        Command::Extract {
            common,
            temporal_only,
            emit,
            min_confidence,
            format,
            columns,
            list_columns,
        } => {
            let (stages, output) = match emit {
                _ if *temporal_only => (Stages::Temporal, Output::Mentions),
                Emit::Mentions => (Stages::Mentions, Output::Mentions),
                Emit::Events => (Stages::EventsOnly, Output::Events),
                Emit::Documents => (Stages::Events, Output::Documents),
            };
            if *list_columns {
                return exit_code(list_table_columns(output));
            }
            let table = match table_writer(output, *format, columns.as_deref()) {
                Ok(table) => table,
                Err(failure) => return exit_code(Err(failure)),
            };
            (common, stages, output, *min_confidence, table)
        }
    };
    exit_code(run(common, stages, output, min_confidence, table.as_ref()))
}

/// The kind of table `output` makes, if it makes one.
fn table_kind(output: Output) -> Option<TableKind> {
    match output {
        Output::Events => Some(TableKind::Events),
        Output::Mentions => Some(TableKind::Mentions),
        Output::Sentences | Output::Documents => None,
    }
}

/// The table format of `--format` (none for JSON Lines).
fn table_format(format: Format, columns: Option<&str>) -> Result<Option<TableFormat>, Failure> {
    match format {
        Format::Jsonl if columns.is_some() => Err(Failure::Usage(
            "--columns chooses the columns of a table: add --format csv or --format tsv".into(),
        )),
        Format::Jsonl => Ok(None),
        Format::Csv => Ok(Some(TableFormat::Csv)),
        Format::Tsv => Ok(Some(TableFormat::Tsv)),
    }
}

/// The table writer of `--format csv|tsv` (none for JSON Lines).
fn table_writer(
    output: Output,
    format: Format,
    columns: Option<&str>,
) -> Result<Option<TableWriter>, Failure> {
    let Some(format) = table_format(format, columns)? else {
        return Ok(None);
    };
    let kind = table_kind(output).ok_or_else(|| {
        Failure::Usage(
            "--format csv and tsv write events or mentions; --emit documents is JSON Lines only"
                .into(),
        )
    })?;
    TableWriter::new(kind, format, columns)
        .map(Some)
        .map_err(Failure::Usage)
}

/// `civex extract --list-columns`.
fn list_table_columns(output: Output) -> Result<ExitCode, Failure> {
    let kind = table_kind(output).ok_or_else(|| {
        Failure::Usage("--emit documents has no table columns (JSON Lines only)".into())
    })?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for column in crate::output::table::columns_of(kind) {
        writeln!(out, "{:<22} {}", column.name, column.meaning)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The exit code of a command's result, with its message on standard error.
fn exit_code(result: Result<ExitCode, Failure>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            eprintln!("civex: {message}");
            ExitCode::from(EXIT_USAGE)
        }
        // The reader closed the pipe (`civex ... | head`): stop quietly with
        // the status a shell gives a process ended by SIGPIPE.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::from(EXIT_BROKEN_PIPE)
        }
        Err(Failure::Io(e)) => {
            eprintln!("civex: {e}");
            ExitCode::from(EXIT_IO)
        }
    }
}

/// `civex test DIR`.
fn snapshot_test(
    dir: &std::path::Path,
    gazetteers: Option<&std::path::Path>,
    published: Option<&str>,
    mode: test::Mode,
) -> Result<ExitCode, Failure> {
    let gazetteers = load_gazetteers(gazetteers)?;
    let options = InputOptions {
        default_published: published_date(published)?,
        ..InputOptions::default()
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let passed = test::test(dir, &gazetteers, &options, mode, &mut out)?;
    out.flush()?;
    Ok(if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_DOCUMENT_ERRORS)
    })
}

/// The shipped gazetteers, with a user's folder over them if given.
fn load_gazetteers(dir: Option<&std::path::Path>) -> Result<Gazetteers, Failure> {
    match dir {
        Some(dir) => Gazetteers::with_overlay(dir),
        None => Gazetteers::embedded(),
    }
    .map_err(|e| Failure::Usage(e.to_string()))
}

/// `--published`, parsed.
fn published_date(value: Option<&str>) -> Result<Option<chrono::NaiveDate>, Failure> {
    match value {
        Some(value) => Ok(Some(parse_published(value).ok_or_else(|| {
            Failure::Usage(format!(
                "--published {value:?} is not a date; write it as YYYY-MM-DD"
            ))
        })?)),
        None => Ok(None),
    }
}

/// `civex schema [KIND]`.
fn print_schema(kind: Option<&str>) -> Result<ExitCode, Failure> {
    use crate::output::schema::{schema, SCHEMAS};
    let kinds: Vec<&str> = SCHEMAS.iter().map(|(k, _)| *k).collect();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match kind {
        None => {
            for (kind, text) in SCHEMAS {
                let title = serde_json::from_str::<serde_json::Value>(text)
                    .ok()
                    .and_then(|s| s["title"].as_str().map(str::to_string))
                    .unwrap_or_default();
                writeln!(out, "{kind:<10} {title}")?;
            }
        }
        Some(kind) => match schema(kind) {
            Some(text) => out.write_all(text.as_bytes())?,
            None => {
                return Err(Failure::Usage(format!(
                    "no record kind {kind:?}; the kinds are: {}",
                    kinds.join(", ")
                )))
            }
        },
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `civex gazetteers check|list`.
fn gazetteers(action: &GazetteersAction) -> Result<ExitCode, Failure> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let code = match action {
        GazetteersAction::Check { dir } => {
            if self::gazetteers::check(dir, &mut out)? {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_DOCUMENT_ERRORS)
            }
        }
        GazetteersAction::List { gazetteers, grep } => {
            self::gazetteers::list(gazetteers.as_deref(), grep.as_deref(), &mut out)?;
            ExitCode::SUCCESS
        }
    };
    out.flush()?;
    Ok(code)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    Sentences,
    Mentions,
    Events,
    Documents,
}

pub(crate) enum Failure {
    Usage(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

fn run(
    common: &Common,
    stages: Stages,
    output: Output,
    min_confidence: f64,
    table: Option<&TableWriter>,
) -> Result<ExitCode, Failure> {
    if !(0.0..=1.0).contains(&min_confidence) {
        return Err(Failure::Usage(format!(
            "--min-confidence {min_confidence} is not between 0 and 1"
        )));
    }
    let default_published = published_date(common.published.as_deref())?;
    let gazetteers = load_gazetteers(common.gazetteers.as_deref())?;
    let inputs = if common.inputs.is_empty() {
        // As jq does: no INPUT reads standard input, unless it is a
        // terminal (nobody is typing articles): then the usage helps more.
        if io::stdin().is_terminal() {
            return Err(Failure::Usage(format!(
                "no INPUT given, and standard input is a terminal\n\n{}",
                usage(if output == Output::Sentences {
                    "sentences"
                } else {
                    "extract"
                })
            )));
        }
        vec!["-".to_string()]
    } else {
        common.inputs.clone()
    };
    let sources = expand_inputs(&inputs).map_err(|e| Failure::Usage(e.to_string()))?;
    let pipeline = Pipeline::new(&gazetteers, stages)
        .map_err(|e| Failure::Usage(e.to_string()))?
        .with_min_confidence(min_confidence);
    let threads = common.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Failure::Usage(format!("cannot start {threads} threads: {e}")))?;

    let progress = (!common.quiet && io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {binary_bytes} of text read ({binary_bytes_per_sec}) {elapsed}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar
    });

    let inputs = Inputs::new(
        sources,
        InputOptions {
            default_published,
            max_doc_bytes: common.max_doc_bytes,
        },
    );
    let process = |docs: &[&crate::document::Document]| -> Vec<Processed> {
        let analyses = pipeline.analyse_many(docs);
        docs.iter()
            .zip(analyses)
            .map(|(doc, analysis)| match table {
                Some(table) => {
                    let mut bytes = Vec::with_capacity(doc.text.len() + 256);
                    let records = table.write(&mut bytes, doc, &analysis);
                    Processed {
                        bytes,
                        records: records as u64,
                    }
                }
                None => write_records(output, doc, &analysis),
            })
            .collect()
    };

    // Error records: a file of their own, or standard error.
    let mut error_file = match &common.errors {
        Some(path) => Some(BufWriter::new(File::create(path).map_err(|e| {
            Failure::Io(io::Error::new(
                e.kind(),
                format!("cannot create the errors file {}: {e}", path.display()),
            ))
        })?)),
        None => None,
    };
    // Standard error is not locked for the whole run: the panic hook (a bug
    // in one document) must be able to write to it from a worker thread.
    let mut stderr = io::stderr();
    let errors: &mut dyn Write = match &mut error_file {
        Some(file) => file,
        None => &mut stderr,
    };
    let options = RunOptions {
        fail_fast: common.fail_fast,
        progress: progress.as_ref(),
    };
    let mut destination = destination::Destination::open(common.output.as_deref())?;
    if let Some(table) = table {
        destination.writer().write_all(&table.header())?;
    }
    let summary = batch::run(
        inputs,
        &pool,
        process,
        destination.writer(),
        errors,
        options,
    )?;
    destination.finish()?;
    errors.flush()?;
    // The automata and lists of the pipeline go with the process: freeing
    // them one by one took about 60 M instructions (15 ms) at every exit.
    std::mem::forget(pipeline);
    std::mem::forget(gazetteers);
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if !common.quiet {
        // On standard error beside error records, the summary is a record
        // too, so that a reader of the stream sees JSON Lines only.
        let as_record = common.errors.is_none() && !io::stderr().is_terminal();
        report(&summary, output, as_record);
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(EXIT_DOCUMENT_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}

fn report(summary: &Summary, output: Output, as_record: bool) {
    let what = match output {
        Output::Sentences => "sentences",
        Output::Mentions => "mentions",
        Output::Events => "events",
        Output::Documents => "document records",
    };
    if as_record {
        let record = serde_json::json!({
            "summary": {
                "documents_read": summary.documents_read,
                "succeeded": summary.succeeded,
                "failed": summary.failed,
                "records_written": summary.records_written,
                "records": what,
                "stopped_at_first_failure": summary.stopped,
            }
        });
        eprintln!("{record}");
        return;
    }
    eprintln!(
        "civex: {} documents read, {} succeeded, {} failed, {} {what} written{}",
        summary.documents_read,
        summary.succeeded,
        summary.failed,
        summary.records_written,
        if summary.stopped {
            " (stopped at the first failure: --fail-fast)"
        } else {
            ""
        }
    );
}

/// The usage of subcommand `name`, for a usage error.
fn usage(name: &str) -> String {
    use clap::CommandFactory;
    let mut command = Cli::command();
    match command.find_subcommand_mut(name) {
        Some(sub) => {
            sub.set_bin_name(format!("civex {name}"));
            format!(
                "{}\nRun 'civex {name} --help' for more.",
                sub.render_usage()
            )
        }
        None => command.render_usage().to_string(),
    }
}

/// The records of one analysed document, as `output` asks.
fn write_records(
    output: Output,
    doc: &crate::document::Document,
    analysis: &crate::pipeline::Analysis,
) -> Processed {
    // Records take roughly twice the text (offsets, escapes, meta).
    let mut bytes = Vec::with_capacity(doc.text.len() * 2 + 256);
    let records = match output {
        Output::Sentences => {
            records::write_sentences(&mut bytes, doc, analysis);
            analysis.sentences.len()
        }
        Output::Mentions => {
            records::write_mentions(&mut bytes, doc, analysis);
            analysis.mentions.len()
        }
        Output::Events => {
            records::write_events(&mut bytes, doc, analysis);
            analysis.events.len()
        }
        Output::Documents => {
            records::write_document(&mut bytes, doc, analysis);
            1
        }
    };
    Processed {
        bytes,
        records: records as u64,
    }
}
