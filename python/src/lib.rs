//! Python bindings of civex: the `civex._civex` extension module, re-exported
//! by the `civex` package (`python/civex/__init__.py`).
//!
//! Everything goes through the library's facade ([`civex::Extractor`],
//! [`civex::Document`]), so that a Python caller gets the records the
//! command line writes: documents are read as `civex extract` reads a JSON
//! Lines record ([`civex::Document::from_json_value`]), and records are the
//! facade's serde records turned into Python objects by `pythonize`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use serde_json::{Map, Value};

create_exception!(
    civex,
    CivexError,
    PyValueError,
    "A document or a configuration civex cannot use.\n\nA record without \"text\", a \"published\" that is not a date, a gazetteer\nfolder with a malformed line, a min_confidence outside 0..1, ... The\nmessage is the one the civex command line prints."
);

/// The id of a document given to `Extractor.extract` without one: the id
/// the command line gives a text read from standard input.
const DEFAULT_ID: &str = "-";

/// `extract_many` and `extract_lines` hand documents to the library in
/// chunks of at most this many per thread (or [`CHUNK_BYTES_PER_THREAD`] of text,
/// whichever comes first), and checks for Ctrl-C between chunks.
const CHUNK_DOCS_PER_THREAD: usize = 1024;
/// Text per thread in one chunk of `extract_many`: 4 MiB, under a second
/// of work for one thread.
const CHUNK_BYTES_PER_THREAD: usize = 4 << 20;

/// The chunks `extract_many` and `extract_lines` hand to the library one
/// after another (checking for Ctrl-C between them): consecutive runs of
/// items of these sizes in bytes, at most [`CHUNK_DOCS_PER_THREAD`] items
/// and [`CHUNK_BYTES_PER_THREAD`] per thread (an item larger than that is a
/// chunk of its own).
fn chunks(sizes: &[usize], threads: usize) -> Vec<std::ops::Range<usize>> {
    let threads = threads.max(1);
    let mut chunks = Vec::new();
    let mut start = 0;
    while start < sizes.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < sizes.len()
            && end - start < CHUNK_DOCS_PER_THREAD * threads
            && (end == start || bytes < CHUNK_BYTES_PER_THREAD * threads)
        {
            bytes += sizes[end];
            end += 1;
        }
        chunks.push(start..end);
        start = end;
    }
    chunks
}

fn civex_error(message: impl std::fmt::Display) -> PyErr {
    CivexError::new_err(message.to_string())
}

/// Extracts sentences, mentions and events from news text, as `civex extract`
/// does.
///
/// Building an extractor compiles the gazetteers (a fraction of a second);
/// build one and reuse it. An extractor may be shared by threads.
///
/// Args:
///     gazetteers: a folder of `*.tsv` lists laid over the shipped ones, as
///         `civex --gazetteers DIR`.
///     min_confidence: keep only events of this confidence or more (0 to 1;
///         None is the command line's default, 0.5), as
///         `civex extract --min-confidence X`.
///     events_only: extract events only (faster); the results' "sentences"
///         and "mentions" lists are then empty.
///
/// Raises:
///     CivexError: the gazetteer folder cannot be read or has a malformed
///         line, or min_confidence is not between 0 and 1.
#[pyclass(module = "civex", name = "Extractor", frozen)]
struct PyExtractor {
    inner: civex::Extractor,
    gazetteers: Option<PathBuf>,
    min_confidence: Option<f64>,
    events_only: bool,
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (gazetteers=None, min_confidence=None, events_only=false))]
    fn new(
        py: Python<'_>,
        gazetteers: Option<PathBuf>,
        min_confidence: Option<f64>,
        events_only: bool,
    ) -> PyResult<Self> {
        let mut builder = civex::Extractor::builder().events_only(events_only);
        if let Some(dir) = &gazetteers {
            builder = builder.gazetteers(dir.clone());
        }
        if let Some(x) = min_confidence {
            // Out of 0..1, build() refuses it with the library's message.
            builder = builder.min_confidence(x);
        }
        // Compiling the gazetteers takes a while: other threads may run.
        let inner = py.detach(|| builder.build()).map_err(civex_error)?;
        Ok(PyExtractor {
            inner,
            gazetteers,
            min_confidence,
            events_only,
        })
    }

    /// Extracts the records of one text.
    ///
    /// Args:
    ///     text: the document's text.
    ///     published: the publication date, which anchors relative and
    ///         year-less dates ("on 14th March", "yesterday"): a
    ///         datetime.date (or datetime.datetime: its date), or a str,
    ///         YYYY-MM-DD or RFC 3339, read as the command line reads the
    ///         "published" field of a record.
    ///     id: the document's id, the records' "doc_id" (event ids hash it);
    ///         None gives "-", the id `civex extract` gives a text read from
    ///         standard input.
    ///
    /// Returns:
    ///     {"sentences": [...], "mentions": [...], "events": [...]}: lists of
    ///     records equal to the lines of `civex sentences`,
    ///     `civex extract --emit mentions` and `civex extract`.
    ///
    /// Raises:
    ///     CivexError: published is a str that is not a date.
    ///     TypeError: published is neither a str, a date nor None.
    #[pyo3(signature = (text, published=None, id=None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: String,
        published: Option<&Bound<'py, PyAny>>,
        id: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut record = Map::new();
        record.insert(
            "id".into(),
            Value::String(id.unwrap_or_else(|| DEFAULT_ID.into())),
        );
        record.insert("text".into(), Value::String(text));
        if let Some(published) = published {
            record.insert("published".into(), published_value(published)?);
        }
        let doc = civex::Document::from_json_value(Value::Object(record)).map_err(civex_error)?;
        let mut analysis = py.detach(|| self.inner.extract(&doc));
        analysis_to_py(py, &mut analysis)
    }

    /// Extracts the records of many documents, in parallel, in input order.
    ///
    /// Args:
    ///     docs: an iterable of dicts shaped as JSON Lines input records:
    ///         "id" (str or int), "text", optional "published" (a str or
    ///         None); other keys travel in the records' "meta".
    ///     threads: how many threads extract, at least 1 (None: one per
    ///         core). The results are the same at any number.
    ///     errors: what a record that cannot be read does. "raise": raise
    ///         CivexError("record I: PROBLEM") for the first one (I counts
    ///         from 0), before anything is extracted. "record": its place in
    ///         the result holds {"error": PROBLEM, "index": I, "doc_id": ID or
    ///         None}, and the other documents are extracted. PROBLEM is the
    ///         command line's error text for such a line.
    ///
    /// Returns:
    ///     one dict per document, as `extract` returns.
    ///
    /// Raises:
    ///     CivexError: errors="raise" and a record cannot be read.
    ///     ValueError: threads is below 1, or errors is another value.
    ///
    /// The GIL is released while the documents are extracted, and Ctrl-C
    /// is noticed between chunks of documents. An exception raised by the
    /// iterable itself propagates unchanged, whatever `errors` says, and
    /// nothing is extracted.
    #[pyo3(signature = (docs, threads=None, errors="raise"))]
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        threads: Option<i64>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let record_errors = errors_mode(errors)?;
        let threads = thread_count(threads)?;

        // Read every record first, holding the GIL: a bad one is then
        // reported before any work is done.
        let mut slots: Vec<Slot> = Vec::new();
        let mut documents: Vec<civex::Document> = Vec::new();
        let mut sizes: Vec<usize> = Vec::new();
        for (index, item) in docs.try_iter()?.enumerate() {
            match read_record(&item?) {
                Ok((doc, size)) => {
                    slots.push(Slot::Document);
                    documents.push(doc);
                    sizes.push(size);
                }
                Err((problem, _)) if !record_errors => {
                    return Err(civex_error(format!("record {index}: {problem}")));
                }
                Err((problem, doc_id)) => slots.push(Slot::Error {
                    problem,
                    doc_id,
                    index,
                }),
            }
        }

        let pool = thread_pool(threads)?;
        let mut analyses: Vec<Bound<'py, PyAny>> = Vec::with_capacity(documents.len());
        for range in chunks(&sizes, pool.current_num_threads()) {
            let chunk = &documents[range];
            let mut results = py.detach(|| pool.install(|| self.inner.extract_many(chunk)));
            for analysis in &mut results {
                analyses.push(analysis_to_py(py, analysis)?);
            }
            drop(results);
            // Ctrl-C between chunks stops the call.
            py.check_signals()?;
        }

        let out = PyList::empty(py);
        let mut analyses = analyses.into_iter();
        for slot in slots {
            match slot {
                Slot::Document => {
                    let analysis = analyses.next().ok_or_else(|| {
                        PyRuntimeError::new_err("civex: fewer results than documents")
                    })?;
                    out.append(analysis)?;
                }
                Slot::Error {
                    problem,
                    doc_id,
                    index,
                } => {
                    let record = PyDict::new(py);
                    record.set_item("error", problem)?;
                    record.set_item("index", index)?;
                    record.set_item("doc_id", doc_id)?;
                    out.append(record)?;
                }
            }
        }
        Ok(out)
    }

    /// Extracts the records of many JSON Lines input lines, in parallel, in
    /// input order, and returns each record as the line the command line
    /// writes for it.
    ///
    /// The fast way to run civex inside a pipeline that already holds raw
    /// lines (a Spark job): each line is read by civex itself, as `civex
    /// extract` reads a line of a file (invalid UTF-8 repaired, the same
    /// problems for a bad one; but no --max-doc-bytes limit), and each
    /// record is serialised by civex, byte for byte the command line's line;
    /// no JSON is parsed or written in Python.
    ///
    /// Args:
    ///     lines: an iterable of str or bytes, one JSON Lines record each (a
    ///         trailing newline is allowed; a str with lone surrogates, as
    ///         read with surrogateescape, is taken as its original bytes).
    ///     threads: how many threads extract, at least 1 (None: one per
    ///         core).
    ///     errors: what a line that is not a document does. "raise" (the
    ///         default): CivexError names the first one by its position
    ///         (counted from 0), and nothing is returned. "record": its
    ///         place in the result holds {"error": PROBLEM, "index": I,
    ///         "doc_id": ID or None}, and the other lines are extracted.
    ///
    /// Returns:
    ///     one item per line: None for a blank line (the command line skips
    ///     it), else {"doc_id": ID, "sentences": [str], "mentions": [str],
    ///     "events": [str]}, each str one record as the command line writes
    ///     it (without the newline).
    ///
    /// Raises:
    ///     CivexError: errors="raise" and a line cannot be read.
    ///     TypeError: a line is neither str nor bytes, or lines is one str or
    ///         bytes.
    ///     ValueError: threads is below 1, or errors is another value.
    ///
    /// The GIL is released while the lines are read and extracted, and
    /// Ctrl-C is noticed between chunks of lines. Every line is held in
    /// memory with its results: give a large file in batches.
    #[pyo3(signature = (lines, threads=None, errors="raise"))]
    fn extract_lines<'py>(
        &self,
        py: Python<'py>,
        lines: &Bound<'py, PyAny>,
        threads: Option<i64>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let record_errors = errors_mode(errors)?;
        let threads = thread_count(threads)?;
        if lines.is_instance_of::<PyString>() || lines.is_instance_of::<PyBytes>() {
            return Err(PyTypeError::new_err(
                "lines must be an iterable of lines (a list, a file), not one str or bytes",
            ));
        }
        let mut raw: Vec<Vec<u8>> = Vec::new();
        for item in lines.try_iter()? {
            let item = item?;
            if let Ok(text) = item.cast::<PyString>() {
                match text.to_str() {
                    Ok(text) => raw.push(text.as_bytes().to_vec()),
                    // A lone surrogate (a line read with surrogateescape):
                    // its original bytes, repaired by civex as invalid UTF-8.
                    Err(_) => raw.push(
                        item.call_method1("encode", ("utf-8", "surrogateescape"))?
                            .cast::<PyBytes>()?
                            .as_bytes()
                            .to_vec(),
                    ),
                }
            } else if let Ok(bytes) = item.cast::<PyBytes>() {
                raw.push(bytes.as_bytes().to_vec());
            } else {
                return Err(PyTypeError::new_err(format!(
                    "a line must be str or bytes, not {}",
                    item.get_type().name()?
                )));
            }
        }
        let pool = thread_pool(threads)?;
        let sizes: Vec<usize> = raw.iter().map(Vec::len).collect();
        let out = PyList::empty(py);
        for range in chunks(&sizes, pool.current_num_threads()) {
            let start = range.start;
            let lines = &raw[range];
            let results = py
                .detach(|| pool.install(|| self.lines(lines, record_errors)))
                .map_err(|failure| match failure {
                    LinesFailure::Bad(at, error) => {
                        civex_error(format!("record {}: {error}", start + at))
                    }
                    LinesFailure::Internal => {
                        PyRuntimeError::new_err("civex: fewer results than documents")
                    }
                })?;
            for (at, result) in results.into_iter().enumerate() {
                match result {
                    LineResult::Blank => out.append(py.None())?,
                    LineResult::Error(error) => {
                        let record = PyDict::new(py);
                        record.set_item("error", error.to_string())?;
                        record.set_item("index", start + at)?;
                        record.set_item("doc_id", error.doc_id())?;
                        out.append(record)?;
                    }
                    LineResult::Records {
                        doc_id,
                        sentences,
                        mentions,
                        events,
                    } => {
                        let record = PyDict::new(py);
                        record.set_item("doc_id", doc_id)?;
                        record.set_item("sentences", sentences)?;
                        record.set_item("mentions", mentions)?;
                        record.set_item("events", events)?;
                        out.append(record)?;
                    }
                }
            }
            // Ctrl-C between chunks stops the call.
            py.check_signals()?;
        }
        Ok(out)
    }

    /// The folder of gazetteers laid over the shipped lists (a pathlib.Path), or
    /// None.
    #[getter]
    fn gazetteers(&self) -> Option<PathBuf> {
        self.gazetteers.clone()
    }

    /// The min_confidence the extractor was built with (None: the default).
    #[getter]
    fn min_confidence(&self) -> Option<f64> {
        self.min_confidence
    }

    /// Whether only events are extracted.
    #[getter]
    fn events_only(&self) -> bool {
        self.events_only
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let gazetteers = match &self.gazetteers {
            Some(dir) => dir.into_pyobject(py)?.str()?.repr()?.to_string(),
            None => "None".into(),
        };
        let min_confidence = match self.min_confidence {
            Some(x) => format!("{x:?}"),
            None => "None".into(),
        };
        Ok(format!(
            "Extractor(gazetteers={gazetteers}, min_confidence={min_confidence}, events_only={})",
            if self.events_only { "True" } else { "False" }
        ))
    }
}

/// What one input of `extract_many` became.
enum Slot {
    Document,
    Error {
        problem: String,
        doc_id: Option<String>,
        index: usize,
    },
}

/// One input record as a document, with its text's length in bytes; or the
/// problem, with the record's id when it has one.
fn read_record(
    item: &Bound<'_, PyAny>,
) -> Result<(civex::Document, usize), (String, Option<String>)> {
    let value: Value = pythonize::depythonize(item).map_err(|e| {
        // The id may still be readable, as the command line reads the id
        // of a record whose other fields are wrong.
        let id = item
            .get_item("id")
            .ok()
            .and_then(|id| pythonize::depythonize::<Value>(&id).ok());
        (
            format!("the record cannot be read as JSON: {e}"),
            id.as_ref().and_then(id_of),
        )
    })?;
    civex::Document::from_json_value(value)
        .map(|doc| {
            let size = doc.text().len();
            (doc, size)
        })
        .map_err(|e| (e.to_string(), e.doc_id().map(str::to_string)))
}

/// A record's `id` as the command line takes it: a string, or an integer
/// as its decimal string (for a record that is not even JSON; the library
/// names the id of the others, `civex::Error::doc_id`).
fn id_of(id: &Value) -> Option<String> {
    match id {
        Value::String(id) => Some(id.clone()),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

/// `published` of `extract` as the JSON value of a record's field.
fn published_value(published: &Bound<'_, PyAny>) -> PyResult<Value> {
    if published.is_none() {
        return Ok(Value::Null);
    }
    if published.is_instance_of::<PyString>() {
        return Ok(Value::String(published.extract()?));
    }
    let py = published.py();
    let date_type = py.import("datetime")?.getattr("date")?;
    if published.is_instance(&date_type)? {
        // A datetime is a date too; its own (local) date is the one an
        // RFC 3339 string of it would give.
        let year: i32 = published.getattr("year")?.extract()?;
        let month: u32 = published.getattr("month")?.extract()?;
        let day: u32 = published.getattr("day")?.extract()?;
        return Ok(Value::String(format!("{year:04}-{month:02}-{day:02}")));
    }
    Err(PyTypeError::new_err(format!(
        "published must be a str, a datetime.date or None, not {}",
        published.get_type().name()?
    )))
}

/// Thread pools of `extract_many`, by size (0: one thread per core), built
/// once per process: a process forked from one that used a pool has none of
/// its threads, so the child builds its own.
static POOLS: Mutex<Option<Pools>> = Mutex::new(None);

/// The pools of one process: its id, and its pools by size.
struct Pools {
    pid: u32,
    by_size: HashMap<usize, Arc<rayon::ThreadPool>>,
}

fn thread_pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    let pid = std::process::id();
    let mut pools = POOLS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if pools.as_ref().is_some_and(|pools| pools.pid != pid) {
        // Forked: the parent's worker threads do not exist here. Dropping
        // the pools would signal them, so they are leaked instead.
        std::mem::forget(pools.take());
    }
    let by_size = &mut pools
        .get_or_insert_with(|| Pools {
            pid,
            by_size: HashMap::new(),
        })
        .by_size;
    if let Some(pool) = by_size.get(&threads) {
        return Ok(pool.clone());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("civex-{i}"))
        .build()
        .map(Arc::new)
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start {threads} threads: {e}")))?;
    by_size.insert(threads, pool.clone());
    Ok(pool)
}

/// civex: civic-space events from news text (the extension module; import
/// `civex`).
#[pymodule]
mod _civex {
    #[pymodule_export]
    use super::CivexError;
    #[pymodule_export]
    use super::PyExtractor;

    #[pymodule_init]
    fn init(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
        use pyo3::types::PyModuleMethods;
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}

/// One document's records as a dict of lists of dicts. The document's other
/// fields (`meta`) become one dict that every record of the document holds
/// (the same object, converted once): a scraped page's large fields are
/// then not copied into each of its hundreds of records.
fn analysis_to_py<'py>(
    py: Python<'py>,
    analysis: &mut civex::Analysis,
) -> PyResult<Bound<'py, PyAny>> {
    let meta = analysis
        .sentences
        .first()
        .map(|r| Arc::clone(&r.meta))
        .or_else(|| analysis.mentions.first().map(|r| Arc::clone(&r.meta)))
        .or_else(|| analysis.events.first().map(|r| Arc::clone(&r.meta)))
        .filter(|meta| !meta.is_empty());
    let Some(meta) = meta else {
        return Ok(pythonize::pythonize(py, &*analysis)?);
    };
    // Without it, then the one dict put back as each record's last field
    // (where the command writes it).
    let none = Arc::new(Map::new());
    analysis
        .sentences
        .iter_mut()
        .for_each(|r| r.meta = Arc::clone(&none));
    analysis
        .mentions
        .iter_mut()
        .for_each(|r| r.meta = Arc::clone(&none));
    analysis
        .events
        .iter_mut()
        .for_each(|r| r.meta = Arc::clone(&none));
    let result = pythonize::pythonize(py, &*analysis)?;
    let shared = pythonize::pythonize(py, &*meta)?;
    for key in ["sentences", "mentions", "events"] {
        for record in result.get_item(key)?.try_iter()? {
            record?.set_item("meta", &shared)?;
        }
    }
    Ok(result)
}

/// Why `extract_lines` stopped: a bad line under errors="raise" (its index
/// in the chunk), or results missing (a bug).
enum LinesFailure {
    Bad(usize, civex::Error),
    Internal,
}

/// What one line of `extract_lines` gave.
enum LineResult {
    Blank,
    Error(civex::Error),
    Records {
        doc_id: String,
        sentences: Vec<String>,
        mentions: Vec<String>,
        events: Vec<String>,
    },
}

impl PyExtractor {
    /// `extract_lines` without the GIL, on the current thread pool: read
    /// every line, then (unless a bad line ends it, under "raise") extract
    /// the documents and serialise their records.
    fn lines(&self, raw: &[Vec<u8>], record_errors: bool) -> Result<Vec<LineResult>, LinesFailure> {
        use rayon::prelude::*;
        let read: Vec<Option<Result<civex::Document, civex::Error>>> = raw
            .par_iter()
            .map(|line| {
                // Blank as the command line has it: ASCII whitespace only.
                let blank = line.iter().all(u8::is_ascii_whitespace);
                (!blank).then(|| civex::Document::from_json_bytes(line))
            })
            .collect();
        let mut docs = Vec::new();
        let mut slots = Vec::with_capacity(read.len());
        for (index, item) in read.into_iter().enumerate() {
            match item {
                None => slots.push(LineResult::Blank),
                Some(Ok(doc)) => {
                    docs.push(doc);
                    slots.push(LineResult::Records {
                        doc_id: String::new(),
                        sentences: Vec::new(),
                        mentions: Vec::new(),
                        events: Vec::new(),
                    });
                }
                Some(Err(error)) if !record_errors => return Err(LinesFailure::Bad(index, error)),
                Some(Err(error)) => slots.push(LineResult::Error(error)),
            }
        }
        let analyses = self.inner.extract_many(&docs);
        if analyses.len() != docs.len() {
            return Err(LinesFailure::Internal);
        }
        let serialised: Vec<(Vec<String>, Vec<String>, Vec<String>)> = analyses
            .into_par_iter()
            .map(|a| {
                (
                    a.sentences.iter().map(json_line).collect(),
                    a.mentions.iter().map(json_line).collect(),
                    a.events.iter().map(json_line).collect(),
                )
            })
            .collect();
        let mut filled = docs.into_iter().zip(serialised);
        for slot in &mut slots {
            if let LineResult::Records {
                doc_id,
                sentences,
                mentions,
                events,
            } = slot
            {
                if let Some((doc, (s, m, e))) = filled.next() {
                    *doc_id = doc.id().to_string();
                    (*sentences, *mentions, *events) = (s, m, e);
                }
            }
        }
        Ok(slots)
    }
}

/// One record as the command line writes it (serialising plain values into
/// memory cannot fail; were it to, the record would be `null`).
fn json_line(record: &impl serde::Serialize) -> String {
    serde_json::to_string(record).unwrap_or_else(|_| "null".into())
}

/// `errors` of `extract_many` and `extract_lines`: whether bad records
/// become error records (else they raise).
fn errors_mode(errors: &str) -> PyResult<bool> {
    match errors {
        "raise" => Ok(false),
        "record" => Ok(true),
        other => Err(PyValueError::new_err(format!(
            "errors must be \"raise\" or \"record\", not {other:?}"
        ))),
    }
}

/// `threads` of `extract_many` and `extract_lines`: 0 for one per core.
fn thread_count(threads: Option<i64>) -> PyResult<usize> {
    match threads {
        None => Ok(0),
        Some(n) if n >= 1 => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        Some(n) => Err(PyValueError::new_err(format!(
            "threads must be at least 1 (or None for one per core), not {n}"
        ))),
    }
}
