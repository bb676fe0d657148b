//! Documents and the spans that pipeline stages attach to them.
//!
//! Every stage works in **byte** offsets into the document's UTF-8 text, because
//! that is what `regex` and `aho-corasick` report and what slicing a `str`
//! needs. The record contract (`RECORDS.md`) speaks **character** offsets
//! (Unicode scalar values). The conversion happens exactly once, in
//! [`CharIndex`], when records are written; the two kinds of offset have their
//! own types so that they cannot be mixed up.

use chrono::NaiveDate;
use serde_json::{Map, Value};

/// A half-open range `[start, end)` of **byte** offsets into a document's text.
/// Both ends always lie on UTF-8 character boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ByteSpan {
    pub start: usize,
    pub end: usize,
}

impl ByteSpan {
    pub fn new(start: usize, end: usize) -> ByteSpan {
        debug_assert!(start <= end);
        ByteSpan { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(&self, other: &ByteSpan) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &ByteSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// A set of non-overlapping byte spans, for "is this place already taken?"
/// tests while candidates are kept one by one. Both the test and the insert
/// take logarithmic time, so keeping the candidates of a long document stays
/// linear-logarithmic in their number (a sorted `Vec` with `insert` is
/// quadratic: it moved gigabytes on a 5 MB document).
#[derive(Clone, Debug, Default)]
pub struct SpanSet {
    /// Sorted by start, while the set is small: a binary search and a
    /// short move beat a tree's allocations.
    small: Vec<ByteSpan>,
    /// start → end of each span, once the set outgrows [`SMALL_SPAN_SET`].
    large: std::collections::BTreeMap<usize, usize>,
}

/// How many spans a [`SpanSet`] keeps in a sorted vector before it moves
/// them to a tree (an insert into the vector moves up to this many spans).
const SMALL_SPAN_SET: usize = 512;

impl SpanSet {
    pub fn new() -> SpanSet {
        SpanSet::default()
    }

    /// Whether `span` overlaps a span of the set (as [`ByteSpan::overlaps`]
    /// says). Of the spans that start before `span` ends, the last one ends
    /// last, since the set holds no overlaps: only it needs a test.
    pub fn overlaps(&self, span: ByteSpan) -> bool {
        if self.large.is_empty() {
            let at = self.small.partition_point(|s| s.start < span.end);
            return at > 0 && self.small[at - 1].overlaps(&span);
        }
        self.large
            .range(..span.end)
            .next_back()
            .is_some_and(|(&start, &end)| ByteSpan::new(start, end).overlaps(&span))
    }

    /// Adds `span`. The caller keeps the set free of overlaps (by testing
    /// [`SpanSet::overlaps`] first); a span at a start already present
    /// replaces it.
    pub fn insert(&mut self, span: ByteSpan) {
        if self.large.is_empty() {
            let at = self.small.partition_point(|s| s.start < span.start);
            match self.small.get_mut(at) {
                Some(s) if s.start == span.start => *s = span,
                _ => self.small.insert(at, span),
            }
            if self.small.len() > SMALL_SPAN_SET {
                self.large = self.small.drain(..).map(|s| (s.start, s.end)).collect();
            }
        } else {
            self.large.insert(span.start, span.end);
        }
    }

    /// Adds `span` unless it overlaps a span of the set; whether it was added.
    pub fn insert_if_free(&mut self, span: ByteSpan) -> bool {
        let free = !self.overlaps(span);
        if free {
            self.insert(span);
        }
        free
    }
}

/// A half-open range `[start, end)` of **character** offsets (Unicode scalar
/// values, as Python indexes a `str`): the unit of every output record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
}

/// Converts byte offsets of one text to character offsets.
///
/// Most news text is ASCII, where both are equal; for the rest it records the
/// byte position of each multi-byte character, so a conversion is a binary
/// search rather than a rescan of the text.
pub struct CharIndex {
    /// `(byte position of a multi-byte char, extra bytes it has beyond one)`,
    /// with the extra bytes accumulated over all earlier entries.
    multibyte: Vec<(usize, usize)>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut multibyte = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (pos, ch) in text.char_indices() {
                let len = ch.len_utf8();
                if len > 1 {
                    extra += len - 1;
                    multibyte.push((pos, extra));
                }
            }
        }
        CharIndex { multibyte }
    }

    /// The character offset of a byte offset (which must lie on a character
    /// boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        // Extra bytes of every multi-byte char that starts before `byte`.
        let before = self.multibyte.partition_point(|&(pos, _)| pos < byte);
        let extra = if before == 0 {
            0
        } else {
            self.multibyte[before - 1].1
        };
        byte - extra
    }

    pub fn char_span(&self, span: ByteSpan) -> CharSpan {
        CharSpan {
            start: self.char_offset(span.start),
            end: self.char_offset(span.end),
        }
    }
}

/// Where a document came from, for error messages and provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The input path as the user gave it (or `-` for standard input).
    pub path: String,
    /// 1-based line number for JSON Lines input; `None` for a whole text file.
    pub line: Option<u64>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => write!(f, "{}", self.path),
        }
    }
}

/// One input article: its id, text, publication date and any other fields
/// of its input record.
///
/// ```
/// use civex::Document;
///
/// let doc = Document::new("d1", "Police detained two students on Monday.")
///     .with_published(chrono::NaiveDate::from_ymd_opt(2016, 11, 1).unwrap());
/// assert_eq!(doc.id(), "d1");
///
/// // Or a JSON Lines record, read as `civex extract` reads one.
/// let doc = Document::from_json(r#"{"id": 7, "text": "...", "published": "2016-11-01", "source": "wire"}"#)?;
/// assert_eq!(doc.id(), "7");
/// assert_eq!(doc.meta()["source"], "wire");
/// let err = Document::from_json(r#"{"id": "x"}"#).unwrap_err();
/// assert_eq!(err.to_string(), r#"the record has no "text" field"#);
/// # Ok::<(), civex::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Document {
    pub(crate) id: String,
    pub(crate) text: String,
    /// The publication date: the anchor of relative and year-less dates.
    pub(crate) published: Option<NaiveDate>,
    /// Every input field other than `id`, `text` and `published`, untouched.
    pub(crate) meta: Map<String, Value>,
    pub(crate) origin: Origin,
}

/// Where a library user's document comes from (error messages name no file).
fn library_origin() -> Origin {
    Origin {
        path: "-".into(),
        line: None,
    }
}

/// How the library reads a record: without the command's size limit
/// (`--max-doc-bytes`, for input it streams); a library user holds the text
/// already.
fn library_options() -> crate::input::InputOptions {
    crate::input::InputOptions {
        max_doc_bytes: usize::MAX,
        ..Default::default()
    }
}

impl Document {
    /// A document of this id and text, without a publication date (relative
    /// dates such as "on Monday" then stay unresolved) or other fields.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            published: None,
            meta: Map::new(),
            origin: Origin {
                path: "-".into(),
                line: None,
            },
        }
    }

    /// The same document with a publication date: the anchor of relative
    /// and year-less dates ("on Monday", "on 3 May").
    pub fn with_published(mut self, date: NaiveDate) -> Document {
        self.published = Some(date);
        self
    }

    /// The same document with these other fields, carried into every record
    /// as `meta`.
    pub fn with_meta(mut self, meta: Map<String, Value>) -> Document {
        self.meta = meta;
        self
    }

    /// One JSON Lines input record, read as `civex extract` reads a line:
    /// `id` (a string or an integer) and `text` are required, `published`
    /// (YYYY-MM-DD or RFC 3339) is optional, every other field goes to
    /// `meta`. The error's message is the problem the command's error record
    /// gives.
    pub fn from_json(line: &str) -> Result<Document, crate::Error> {
        Document::from_json_bytes(line.as_bytes())
    }

    /// [`Document::from_json`] of a record already parsed.
    pub fn from_json_value(value: Value) -> Result<Document, crate::Error> {
        crate::input::document_from_json(value, library_origin(), &library_options(), 0)
            .map_err(crate::Error::input)
    }

    /// [`Document::from_json`] of a line as bytes, exactly as `civex
    /// extract` reads a line of a file: its line end (`\n`, `\r\n`) is
    /// dropped, and invalid UTF-8 is repaired (each place becomes U+FFFD)
    /// and counted in `meta` as `civex_invalid_utf8`.
    ///
    /// ```
    /// let doc = civex::Document::from_json_bytes(b"{\"id\": \"a\", \"text\": \"caf\xe9\"}")?;
    /// assert_eq!(doc.text(), "caf\u{fffd}");
    /// assert_eq!(doc.meta()["civex_invalid_utf8"], 1);
    /// # Ok::<(), civex::Error>(())
    /// ```
    pub fn from_json_bytes(line: &[u8]) -> Result<Document, crate::Error> {
        // The line's end, as the command drops it.
        let mut end = line.len();
        while end > 0 && matches!(line[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        crate::input::parse_json_document(&line[..end], library_origin(), &library_options())
            .map_err(crate::Error::input)
    }

    /// The document's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The document's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The publication date, if known.
    pub fn published(&self) -> Option<NaiveDate> {
        self.published
    }

    /// The input record's other fields.
    pub fn meta(&self) -> &Map<String, Value> {
        &self.meta
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_set_finds_overlaps_on_either_side() {
        let mut set = SpanSet::new();
        assert!(set.insert_if_free(ByteSpan::new(10, 20)));
        assert!(set.insert_if_free(ByteSpan::new(30, 40)));
        assert!(!set.insert_if_free(ByteSpan::new(5, 11)));
        assert!(!set.insert_if_free(ByteSpan::new(19, 31)));
        assert!(!set.insert_if_free(ByteSpan::new(12, 14)));
        assert!(!set.insert_if_free(ByteSpan::new(0, 50)));
        assert!(set.insert_if_free(ByteSpan::new(20, 30)));
        assert!(set.insert_if_free(ByteSpan::new(0, 10)));
        assert!(set.overlaps(ByteSpan::new(39, 41)));
        assert!(!set.overlaps(ByteSpan::new(40, 41)));
    }

    #[test]
    fn a_large_span_set_answers_as_a_small_one() {
        let mut set = SpanSet::new();
        // Every third byte, inserted out of order, past the switch to a tree.
        let starts: Vec<usize> = (0..2000).map(|i| (i * 7919) % 2000 * 3).collect();
        for &s in &starts {
            assert!(set.insert_if_free(ByteSpan::new(s, s + 2)));
        }
        for &s in &starts {
            assert!(set.overlaps(ByteSpan::new(s + 1, s + 3)));
            assert!(!set.overlaps(ByteSpan::new(s + 2, s + 3)));
        }
    }

    #[test]
    fn ascii_offsets_are_identical() {
        let index = CharIndex::new("plain text");
        assert_eq!(index.char_offset(0), 0);
        assert_eq!(index.char_offset(5), 5);
        assert_eq!(index.char_offset(10), 10);
    }

    #[test]
    fn multibyte_offsets_count_characters() {
        let text = "a\u{a0}b “c” Алматы d";
        let index = CharIndex::new(text);
        for (char_pos, (byte_pos, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_offset(byte_pos), char_pos, "at byte {byte_pos}");
        }
        assert_eq!(index.char_offset(text.len()), text.chars().count());
    }
}
