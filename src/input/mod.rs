//! Reading input documents: JSON Lines, plain-text files, folders, gzip,
//! standard input.
//!
//! Inputs are streamed: [`Inputs`] is an iterator that holds one open file at
//! a time and yields each document (or the error that stands in its place)
//! as soon as it is read, so memory does not grow with the number of
//! documents.

use chrono::NaiveDate;
use serde_json::Value;

use crate::document::{Document, Origin};

#[cfg(feature = "cli")]
mod files;
#[cfg(feature = "cli")]
pub use files::{expand_inputs, InputItem, Inputs};

/// A record that could not become a document, with where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub origin: Origin,
    /// The document id, when it could be read.
    pub doc_id: Option<String>,
    pub problem: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.doc_id {
            Some(id) => write!(f, "{} (document {id:?}): {}", self.origin, self.problem),
            None => write!(f, "{}: {}", self.origin, self.problem),
        }
    }
}

/// How input files are read.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// The anchor date for documents that carry no `published` field.
    pub default_published: Option<NaiveDate>,
    /// The largest document text accepted, in bytes; a larger one becomes an
    /// error record instead of exhausting memory.
    pub max_doc_bytes: usize,
}

/// The default for `--max-doc-bytes`: far above any news article (the news
/// corpus's largest is 25 KB), far below what would strain memory.
pub const DEFAULT_MAX_DOC_BYTES: usize = 16 << 20;

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            default_published: None,
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}

/// Decodes bytes as UTF-8, replacing invalid sequences with U+FFFD: a stray
/// Latin-1 byte in a scraped page should not cost the whole document. The
/// number of repaired places is recorded in the document's `meta`
/// (`civex_invalid_utf8`); offsets refer to the repaired text.
pub(crate) fn decode_lossy(bytes: Vec<u8>) -> (String, usize) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, 0),
        Err(e) => {
            let bytes = e.into_bytes();
            let valid = String::from_utf8_lossy(&bytes);
            let originally = bytes
                .windows(3)
                .filter(|w| *w == [0xEF, 0xBF, 0xBD])
                .count();
            let replaced = valid
                .matches('\u{FFFD}')
                .count()
                .saturating_sub(originally)
                .max(1);
            (valid.into_owned(), replaced)
        }
    }
}

/// Parses a `published` value: `YYYY-MM-DD` or RFC 3339 (the date part).
pub fn parse_published(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(date);
    }
    if let Ok(datetime) = chrono::DateTime::parse_from_rfc3339(value) {
        return Some(datetime.date_naive());
    }
    // "2016-11-01T10:00:00" without a zone, or "2016-11-01 10:00".
    value
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .filter(|_| value.len() > 10 && matches!(value.as_bytes()[10], b'T' | b' '))
}

/// Turns one JSON Lines record into a document.
pub fn parse_json_document(
    line: &[u8],
    origin: Origin,
    options: &InputOptions,
) -> Result<Document, InputError> {
    let fail = |doc_id: Option<String>, problem: String| InputError {
        origin: origin.clone(),
        doc_id,
        problem,
    };
    // Valid UTF-8 (the usual case) is parsed in place; only a broken line
    // is copied and repaired.
    let repaired;
    let (line_text, replaced) = match std::str::from_utf8(line) {
        Ok(text) => (text, 0),
        Err(_) => {
            repaired = decode_lossy(line.to_vec());
            (repaired.0.as_str(), repaired.1)
        }
    };
    let value: Value = serde_json::from_str(line_text).map_err(|e| fail(None, json_problem(&e)))?;
    document_from_json(value, origin, options, replaced)
}

/// The problem of a line that is not JSON.
pub(crate) fn json_problem(e: &serde_json::Error) -> String {
    let hint = if e.is_eof() {
        " (the record ends early: truncated?)"
    } else {
        ""
    };
    format!("invalid JSON: {e}{hint}")
}

/// Turns one parsed JSON Lines record into a document; `replaced` counts the
/// invalid UTF-8 sequences its line had (noted in `meta`).
pub(crate) fn document_from_json(
    value: Value,
    origin: Origin,
    options: &InputOptions,
    replaced: usize,
) -> Result<Document, InputError> {
    let fail = |doc_id: Option<String>, problem: String| InputError {
        origin: origin.clone(),
        doc_id,
        problem,
    };
    let Value::Object(mut object) = value else {
        return Err(fail(
            None,
            "expected a JSON object with \"id\" and \"text\"".into(),
        ));
    };
    let id = match object.shift_remove("id") {
        Some(Value::String(id)) => id,
        // An integer id is common in exports ("id": 17) and unambiguous:
        // it is taken as its decimal string. A fraction is not an id.
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => n.to_string(),
        Some(other) => {
            return Err(fail(
                None,
                format!(
                    "\"id\" must be a string or an integer, found {}",
                    match other {
                        Value::Number(_) => "a number with a fraction",
                        _ => json_type(&other),
                    }
                ),
            ))
        }
        None => return Err(fail(None, "the record has no \"id\" field".into())),
    };
    let text = match object.shift_remove("text") {
        Some(Value::String(text)) if text.len() > options.max_doc_bytes => {
            return Err(fail(
                Some(id),
                format!(
                    "the text is {} bytes, more than --max-doc-bytes ({}); split the document or raise the limit",
                    text.len(),
                    options.max_doc_bytes
                ),
            ))
        }
        Some(Value::String(text)) => text,
        Some(other) => {
            return Err(fail(
                Some(id),
                format!("\"text\" must be a string, found {}", json_type(&other)),
            ))
        }
        None => return Err(fail(Some(id), "the record has no \"text\" field".into())),
    };
    let published = match object.shift_remove("published") {
        None | Some(Value::Null) => options.default_published,
        Some(Value::String(s)) => match parse_published(&s) {
            Some(date) => Some(date),
            None => {
                return Err(fail(
                    Some(id),
                    format!("\"published\" is {s:?}, which is neither YYYY-MM-DD nor RFC 3339"),
                ))
            }
        },
        Some(other) => {
            return Err(fail(
                Some(id),
                format!(
                    "\"published\" must be a string or null, found {}",
                    json_type(&other)
                ),
            ))
        }
    };
    let mut meta = object;
    if replaced > 0 {
        meta.insert("civex_invalid_utf8".into(), Value::from(replaced));
    }
    Ok(Document {
        id,
        text,
        published,
        meta,
        origin,
    })
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(all(test, feature = "cli"))]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin {
            path: "in.jsonl".into(),
            line: Some(3),
        }
    }

    #[test]
    fn reads_fields_and_keeps_the_rest_as_meta() {
        let doc = parse_json_document(
            br#"{"id": "a", "text": "T", "published": "2016-11-01", "title": "x", "n": 1}"#,
            origin(),
            &InputOptions::default(),
        )
        .unwrap();
        assert_eq!(doc.id, "a");
        assert_eq!(doc.published, NaiveDate::from_ymd_opt(2016, 11, 1));
        assert_eq!(doc.meta.len(), 2);
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let options = InputOptions::default();
        let err = parse_json_document(br#"{"id": "a"}"#, origin(), &options).unwrap_err();
        assert_eq!(err.doc_id.as_deref(), Some("a"));
        assert!(err.problem.contains("no \"text\""));
        let err =
            parse_json_document(br#"{"id": "a", "text": 5}"#, origin(), &options).unwrap_err();
        assert!(err.problem.contains("must be a string"));
        let err = parse_json_document(br#"{"id": "a", "text": "#, origin(), &options).unwrap_err();
        assert!(err.problem.contains("invalid JSON"));
        let doc = parse_json_document(b"{\"id\": \"a\", \"text\": \"x\xffy\"}", origin(), &options)
            .unwrap();
        assert_eq!(doc.text, "x\u{FFFD}y");
        assert_eq!(doc.meta["civex_invalid_utf8"], 1);
        let small = InputOptions {
            max_doc_bytes: 4,
            ..InputOptions::default()
        };
        let err = parse_json_document(br#"{"id": "a", "text": "too long"}"#, origin(), &small)
            .unwrap_err();
        assert!(err.problem.contains("--max-doc-bytes"), "{}", err.problem);
        let err = parse_json_document(
            br#"{"id": "a", "text": "x", "published": "yesterday"}"#,
            origin(),
            &options,
        )
        .unwrap_err();
        assert!(err.problem.contains("published"));
        assert_eq!(err.to_string(), "in.jsonl:3 (document \"a\"): \"published\" is \"yesterday\", which is neither YYYY-MM-DD nor RFC 3339");
    }

    #[test]
    fn published_forms() {
        let d = NaiveDate::from_ymd_opt(2016, 11, 1);
        assert_eq!(parse_published("2016-11-01"), d);
        assert_eq!(parse_published("2016-11-01T10:00:00Z"), d);
        assert_eq!(parse_published("2016-11-01T10:00:00"), d);
        assert_eq!(parse_published("November"), None);
    }
}
