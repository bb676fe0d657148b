//! Reading input files: JSON Lines, plain text, folders, gzip and standard
//! input, streamed one document at a time (the `cli` feature).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::{decode_lossy, parse_json_document, InputError, InputOptions};
use crate::document::{Document, Origin};

/// Whether decoded text is binary data rather than writing: NUL bytes, or
/// more than a tenth of it repaired.
fn looks_binary(text: &str, replaced: usize) -> bool {
    text.contains('\0') || replaced * 10 > text.chars().count().max(1)
}

/// Reads one line (newline included) of at most `limit` bytes into `line`.
/// A longer line is consumed to its end without being stored. Returns
/// whether it was too long and how many bytes were consumed (0 at the end).
fn read_bounded_line(
    reader: &mut dyn BufRead,
    limit: usize,
    line: &mut Vec<u8>,
) -> io::Result<(bool, usize)> {
    line.clear();
    let mut total = 0usize;
    let mut too_long = false;
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok((too_long, total));
        }
        let (n, found) = match memchr::memchr(b'\n', buffer) {
            Some(p) => (p + 1, true),
            None => (buffer.len(), false),
        };
        total += n;
        if !too_long {
            if line.len() + n > limit {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(&buffer[..n]);
            }
        }
        reader.consume(n);
        if found {
            return Ok((too_long, total));
        }
    }
}

/// What a file holds, judged by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    JsonLines,
    Text,
    /// Decide from the first non-blank byte: `{` means JSON Lines.
    Sniff,
}

fn format_of(path: &Path) -> (Format, bool) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_lowercase();
    let (name, gzip) = match name.strip_suffix(".gz") {
        Some(stem) => (stem.to_string(), true),
        None => (name, false),
    };
    let format = if name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".json")
    {
        Format::JsonLines
    } else if name.ends_with(".txt") {
        Format::Text
    } else {
        Format::Sniff
    };
    (format, gzip)
}

/// Whether the file is named `.json` (or `.json.gz`): it is read as JSON
/// Lines only if it holds them.
fn is_plain_json(path: &str) -> bool {
    let name = path.to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".json")
}

/// Why the start of a `.json` file shows it is not JSON Lines (a JSON array,
/// a pretty-printed object), or `None` when its first line is one record.
fn not_json_lines(start: &[u8]) -> Option<String> {
    let first = start.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &start[first..];
    if rest[0] == b'[' {
        return Some(
            "a .json file holding a JSON array, not JSON Lines (one object per line); \
             convert it with: jq -c '.[]' FILE > FILE.jsonl"
                .into(),
        );
    }
    let line = rest.split(|&b| b == b'\n').next().unwrap_or(rest);
    let complete_line = line.len() < rest.len();
    if complete_line && serde_json::from_slice::<Value>(line).is_err() {
        return Some(
            "a .json file whose first line is not a whole JSON record: a pretty-printed \
             document, not JSON Lines (one object per line); convert it with: jq -c . FILE > FILE.jsonl"
                .into(),
        );
    }
    None
}

/// Whether a folder walk picks up this file.
fn wanted_in_folder(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".jsonl", ".ndjson", ".json", ".txt"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Expands the user's input arguments into a list of sources, walking
/// folders recursively in sorted order.
pub fn expand_inputs(args: &[String]) -> Result<Vec<String>, InputError> {
    let mut sources = Vec::new();
    for arg in args {
        if arg == "-" {
            sources.push(arg.clone());
            continue;
        }
        let path = Path::new(arg);
        let meta = std::fs::metadata(path).map_err(|e| InputError {
            origin: Origin {
                path: arg.clone(),
                line: None,
            },
            doc_id: None,
            problem: format!("cannot open the input: {e}"),
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            let folder_error = |problem: String| InputError {
                origin: Origin {
                    path: arg.clone(),
                    line: None,
                },
                doc_id: None,
                problem,
            };
            walk(path, &mut found)
                .map_err(|e| folder_error(format!("cannot read the folder: {e}")))?;
            if found.is_empty() {
                return Err(folder_error(
                    "the folder holds no input files (*.jsonl, *.ndjson, *.json, *.txt, or their .gz forms)"
                        .into(),
                ));
            }
            found.sort();
            sources.extend(found.into_iter().map(|p| p.display().to_string()));
        } else {
            sources.push(arg.clone());
        }
    }
    Ok(sources)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if wanted_in_folder(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// One item read from the inputs.
pub type InputItem = Result<Document, InputError>;

/// A streaming iterator over the documents of several sources.
pub struct Inputs {
    sources: std::vec::IntoIter<String>,
    current: Option<SourceReader>,
    options: InputOptions,
}

struct SourceReader {
    path: String,
    reader: Box<dyn BufRead + Send>,
    format: Format,
    line: u64,
    done: bool,
    /// The line buffer, reused from record to record.
    buffer: Vec<u8>,
}

impl Inputs {
    pub fn new(sources: Vec<String>, options: InputOptions) -> Inputs {
        Inputs {
            sources: sources.into_iter(),
            current: None,
            options,
        }
    }

    fn open(&self, path: &str) -> Result<SourceReader, InputError> {
        let origin = Origin {
            path: path.to_string(),
            line: None,
        };
        let (format, gzip) = if path == "-" {
            (Format::Sniff, false)
        } else {
            format_of(Path::new(path))
        };
        let raw: Box<dyn Read + Send> = if path == "-" {
            Box::new(io::stdin())
        } else {
            Box::new(File::open(path).map_err(|e| InputError {
                origin: origin.clone(),
                doc_id: None,
                problem: format!("cannot open the file: {e}"),
            })?)
        };
        let raw: Box<dyn Read + Send> = if gzip {
            Box::new(flate2::read::MultiGzDecoder::new(raw))
        } else {
            raw
        };
        let mut reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(1 << 16, raw));
        let format = if format == Format::Sniff {
            let buffer = reader.fill_buf().map_err(|e| InputError {
                origin: origin.clone(),
                doc_id: None,
                problem: format!("cannot read the input: {e}"),
            })?;
            match buffer.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'{') => Format::JsonLines,
                _ => Format::Text,
            }
        } else {
            format
        };
        if is_plain_json(path) {
            let buffer = reader.fill_buf().map_err(|e| InputError {
                origin: origin.clone(),
                doc_id: None,
                problem: format!("cannot read the input: {e}"),
            })?;
            if let Some(problem) = not_json_lines(buffer) {
                return Err(InputError {
                    origin,
                    doc_id: None,
                    problem,
                });
            }
        }
        Ok(SourceReader {
            path: path.to_string(),
            reader,
            format,
            line: 0,
            done: false,
            buffer: Vec::new(),
        })
    }
}

impl Iterator for Inputs {
    type Item = InputItem;

    fn next(&mut self) -> Option<InputItem> {
        loop {
            if self.current.is_none() {
                let path = self.sources.next()?;
                match self.open(&path) {
                    Ok(reader) => self.current = Some(reader),
                    Err(e) => return Some(Err(e)),
                }
            }
            let source = self.current.as_mut()?;
            if source.done {
                self.current = None;
                continue;
            }
            match source.format {
                Format::Text | Format::Sniff => {
                    source.done = true;
                    let origin = Origin {
                        path: source.path.clone(),
                        line: None,
                    };
                    let mut bytes = Vec::new();
                    let limit = self.options.max_doc_bytes as u64;
                    let read = (&mut source.reader).take(limit + 1).read_to_end(&mut bytes);
                    if bytes.len() as u64 > limit {
                        return Some(Err(InputError {
                            origin,
                            doc_id: Some(source.path.clone()),
                            problem: format!(
                                "the file is larger than --max-doc-bytes ({limit}); split it or raise the limit"
                            ),
                        }));
                    }
                    if let Err(e) = read {
                        return Some(Err(InputError {
                            origin,
                            doc_id: Some(source.path.clone()),
                            problem: format!("cannot read the file: {e}"),
                        }));
                    }
                    let (text, replaced) = decode_lossy(bytes);
                    if looks_binary(&text, replaced) {
                        return Some(Err(InputError {
                            origin,
                            doc_id: Some(source.path.clone()),
                            problem: "the file looks binary (NUL bytes or mostly invalid UTF-8), not text".into(),
                        }));
                    }
                    let mut meta = Map::new();
                    if replaced > 0 {
                        meta.insert("civex_invalid_utf8".into(), Value::from(replaced));
                    }
                    return Some(Ok(Document {
                        id: source.path.clone(),
                        text,
                        published: self.options.default_published,
                        meta,
                        origin,
                    }));
                }
                Format::JsonLines => {
                    let mut line = std::mem::take(&mut source.buffer);
                    // JSON escapes may double a text's size; a line beyond
                    // that is skipped unread rather than held in memory.
                    let limit = self
                        .options
                        .max_doc_bytes
                        .saturating_mul(2)
                        .saturating_add(1 << 16);
                    match read_bounded_line(&mut source.reader, limit, &mut line) {
                        Ok((_, 0)) => {
                            source.done = true;
                            continue;
                        }
                        Ok((too_long, consumed)) => {
                            source.line += 1;
                            let origin = Origin {
                                path: source.path.clone(),
                                line: Some(source.line),
                            };
                            if too_long {
                                return Some(Err(InputError {
                                    origin,
                                    doc_id: None,
                                    problem: format!(
                                        "the record is {consumed} bytes, far more than --max-doc-bytes ({}); split the document or raise the limit",
                                        self.options.max_doc_bytes
                                    ),
                                }));
                            }
                            while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                                line.pop();
                            }
                            if line.iter().all(u8::is_ascii_whitespace) {
                                source.buffer = line;
                                continue; // blank lines separate nothing
                            }
                            let parsed = parse_json_document(&line, origin, &self.options);
                            source.buffer = line;
                            return Some(parsed);
                        }
                        Err(e) => {
                            source.done = true;
                            let origin = Origin {
                                path: source.path.clone(),
                                line: Some(source.line + 1),
                            };
                            return Some(Err(InputError {
                                origin,
                                doc_id: None,
                                problem: format!(
                                    "cannot read the input (the rest of this file is skipped): {e}"
                                ),
                            }));
                        }
                    }
                }
            }
        }
    }
}
