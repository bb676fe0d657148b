//! Tables: events and mentions as CSV or TSV, one row per record, for
//! spreadsheets, sqlite and any tracker that loads flat files.
//!
//! # Wire format
//!
//! 1. **A header row**, then one row per record, in the order of the JSON
//!    Lines output. UTF-8, lines end in `\n`.
//! 2. **CSV** (`--format csv`) quotes as RFC 4180 does: a field holding a
//!    comma, a quote or a line break is written in double quotes, with its
//!    quotes doubled.
//! 3. **TSV** (`--format tsv`) is never quoted: a TAB, CR or LF inside a
//!    value becomes a space, so that every line is one row (the form `cut`
//!    and `awk` read). A value may start with a quote (a sentence that
//!    opens a quotation): readers that take quotes in TSV (sqlite's `.mode
//!    tabs`, pandas by default) must be told not to (`.mode ascii` with
//!    `.separator "\t" "\n"`; `quoting=csv.QUOTE_NONE`), or read the CSV.
//! 4. **Empty means none**: a missing value (no date, no penalty) is an
//!    empty field; lists (targets, agents, places) are joined with `; `.
//!    Integers are written as JSON writes them, a float without a
//!    fraction without it (an amount `50000.0` is `50000`), booleans as
//!    `true`/`false`.
//! 5. **Columns**: [`EVENT_COLUMNS`] and [`MENTION_COLUMNS`], each with its
//!    meaning; `--columns a,b,c` picks some, in the order given. Offsets
//!    are character offsets, as in the JSON Lines records.
//!
//! The values are the JSON records' own: `date` is the event's day when
//! the day is known (`date.day`), `timex` its TIMEX3 value; `location`,
//! `country`, `admin1` and `location_kind` are of the event's first place
//! (`locations` lists them all).

use std::borrow::Cow;

use crate::calendar::{CalendarRange, Precision};
use serde_json::Value;

use crate::document::{CharIndex, Document};
use crate::pipeline::Analysis;
use crate::tag::value::DurationValue;
use crate::tag::Mention;

/// CSV or TSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Tsv,
}

/// Which records a table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    Events,
    Mentions,
    /// `civex incidents` records.
    Incidents,
}

/// A column: its name in the header, and what it holds.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub meaning: &'static str,
}

const fn column(name: &'static str, meaning: &'static str) -> Column {
    Column { name, meaning }
}

/// The columns of an events table, in their default order.
pub const EVENT_COLUMNS: &[Column] = &[
    column(
        "event_id",
        "stable id of the event (hash of doc_id, type and trigger offsets)",
    ),
    column(
        "incident_id",
        "the incident it belongs to (`civex incidents --emit events --format csv`); empty in `extract`'s tables",
    ),
    column("doc_id", "the document's id"),
    column("title", "the document's title (input field `title`)"),
    column(
        "url",
        "the document's address (input field `url` or `link`)",
    ),
    column(
        "source",
        "the source's name (input field `source`, `source_name` or `publisher`)",
    ),
    column("published", "the document's publication date (YYYY-MM-DD)"),
    column("type", "event type (RECORDS.md): arrest, fine, protest..."),
    column(
        "acled_event_type",
        "ACLED event type, where one applies (categories.tsv)",
    ),
    column(
        "acled_sub_event_type",
        "ACLED sub-event type, where one applies",
    ),
    column(
        "civicus_category",
        "CIVICUS Monitor-style category, where one applies",
    ),
    column("modality", "asserted, potential or negated"),
    column("confidence", "0 to 1, from the event's evidence"),
    column("date", "the day (YYYY-MM-DD) when the day is known"),
    column(
        "date_precision",
        "day, week, month, year or unknown (empty: no date)",
    ),
    column("date_first", "first day the date may be (YYYY-MM-DD)"),
    column("date_last", "last day the date may be (YYYY-MM-DD)"),
    column("date_text", "the date as written"),
    column(
        "timex",
        "the date's TIMEX3 value (2016-10-25, 2024-W22, XXXX-10-25)",
    ),
    column(
        "date_source",
        "how the date was chosen: sentence, episode, restatement, heading, report",
    ),
    column("country", "ISO 3166 alpha-2 code of the first place"),
    column("country_name", "the country's name"),
    column(
        "location",
        "the first place's name (a city, region or country)",
    ),
    column(
        "admin1",
        "the first place's first-level administrative area, where known",
    ),
    column("location_kind", "city, region or country"),
    column("locations", "every place's name, joined with '; '"),
    column(
        "targets",
        "named targets (canonical names), joined with '; '",
    ),
    column(
        "target_kinds",
        "each named target's kind (person, organisation), joined with '; '",
    ),
    column(
        "target_roles",
        "each named target's role (journalist, activist...; '-' when none), joined with '; '",
    ),
    column("target_count", "the number of targets stated or named"),
    column(
        "target_description",
        "how the text describes the targets (\"activists\")",
    ),
    column("agents", "who did it, joined with '; '"),
    column(
        "agent_kind",
        "each agent's kind (state, non_state, organisation, person), joined with '; '",
    ),
    column(
        "penalty_kind",
        "fine, prison, restricted_freedom, community_service, travel_ban, death, other",
    ),
    column("duration", "the penalty's duration (ISO 8601: P10Y, P18M)"),
    column(
        "duration_days",
        "the duration in days (years of 365.2425 days, months of 30.436875), rounded",
    ),
    column("min_duration", "the shorter end of a range of terms"),
    column("amount", "the fine's amount"),
    column("currency", "the fine's currency (ISO 4217)"),
    column("min_amount", "the lower end of a range of fines"),
    column("bound", "exact, up_to or at_least"),
    column("suspended", "true for a suspended term"),
    column("life", "true for life imprisonment"),
    column(
        "penalty_other",
        "what a penalty of kind other is (lashes, a ban from a profession)",
    ),
    column("penalty_text", "the penalty as written"),
    column("trigger", "the words that state the event"),
    column(
        "trigger_start",
        "character offset of the trigger in the text",
    ),
    column("trigger_end", "character offset just after the trigger"),
    column("sentence_index", "the sentence's index in the document"),
    column(
        "sentence",
        "the sentence that states the event (the evidence)",
    ),
    column("rule", "the rule that produced the event"),
    column("trigger_entry", "the trigger list entry that fired"),
];

/// The columns of a mentions table, in their default order.
pub const MENTION_COLUMNS: &[Column] = &[
    column("doc_id", "the document's id"),
    column("title", "the document's title"),
    column("url", "the document's address"),
    column("source", "the source's name"),
    column("published", "the document's publication date"),
    column("sentence_index", "the sentence's index in the document"),
    column(
        "kind",
        "date, time, duration, set, person, organisation, location, money, quantity, trigger",
    ),
    column("text", "the span as written"),
    column("start", "character offset of the span"),
    column("end", "character offset just after the span"),
    column("value", "normalised value (TIMEX3, canonical name, amount)"),
    column("rule", "the rule that tagged the span"),
    column("country", "a place's ISO 3166 alpha-2 code"),
    column("admin1", "a city's first-level administrative area"),
    column("attributes", "every other attribute, as a JSON object"),
];

/// The columns of an incidents table (`civex incidents --format csv`).
pub const INCIDENT_COLUMNS: &[Column] = &[
    column(
        "incident_id",
        "stable id of the incident (hash of its smallest event_id)",
    ),
    column("type", "its most common event type"),
    column("types", "the types of its events, joined with '; '"),
    column("date", "the day (YYYY-MM-DD) when its reports agree on one"),
    column(
        "date_precision",
        "day, week, month, year or unknown (empty: no date)",
    ),
    column("date_first", "first day it may have happened"),
    column("date_last", "last day it may have happened"),
    column("timex", "the most precise TIMEX3 value among its events"),
    column("country", "ISO 3166 alpha-2 code"),
    column("places", "its places' names, joined with '; '"),
    column("targets", "its named targets, joined with '; '"),
    column("target_count", "the largest number of targets stated"),
    column("events", "the number of its events"),
    column("event_ids", "its events' ids, joined with '; '"),
    column("doc_ids", "the documents that report it, joined with '; '"),
];

/// Attributes of mentions that have columns of their own.
const MENTION_ATTR_COLUMNS: &[&str] = &["country", "admin1"];

/// The columns a table lists.
pub fn columns_of(kind: TableKind) -> &'static [Column] {
    match kind {
        TableKind::Events => EVENT_COLUMNS,
        TableKind::Mentions => MENTION_COLUMNS,
        TableKind::Incidents => INCIDENT_COLUMNS,
    }
}

/// Writes events or mentions as rows of chosen columns.
#[derive(Clone, Debug)]
pub struct TableWriter {
    kind: TableKind,
    format: TableFormat,
    columns: Vec<&'static str>,
}

impl TableWriter {
    /// A writer of the given columns (a comma-separated list; `None`: all,
    /// in the default order). An unknown column is an error that lists
    /// the known ones.
    pub fn new(
        kind: TableKind,
        format: TableFormat,
        columns: Option<&str>,
    ) -> Result<TableWriter, String> {
        let known = columns_of(kind);
        let columns = match columns {
            None => known.iter().map(|c| c.name).collect(),
            Some(list) => {
                let mut chosen = Vec::new();
                for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    match known.iter().find(|c| c.name == name) {
                        Some(c) => chosen.push(c.name),
                        None => {
                            let names: Vec<&str> = known.iter().map(|c| c.name).collect();
                            return Err(format!(
                                "unknown column {name:?}; the columns are: {}",
                                names.join(", ")
                            ));
                        }
                    }
                }
                if chosen.is_empty() {
                    return Err("--columns names no column".to_string());
                }
                chosen
            }
        };
        Ok(TableWriter {
            kind,
            format,
            columns,
        })
    }

    /// The header row.
    pub fn header(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut rows = self.rows(&mut out);
        rows.push(self.columns.iter().map(|c| Cow::Borrowed(*c)));
        rows.finish();
        out
    }

    /// The rows of one document's records; the number of rows.
    pub fn write(&self, out: &mut Vec<u8>, doc: &Document, analysis: &Analysis) -> usize {
        let index = CharIndex::new(&doc.text);
        // One CSV writer (and its buffer) per document, not per row.
        let mut rows = self.rows(out);
        let written = match self.kind {
            TableKind::Events => {
                let published = doc.published.map(|d| d.to_string());
                let records = super::event_values(doc, analysis);
                for record in &records {
                    let row = EventRow {
                        record,
                        published: published.as_deref(),
                    };
                    rows.push(self.columns.iter().map(|c| row.cell(c)));
                }
                records.len()
            }
            TableKind::Mentions => {
                for mention in &analysis.mentions {
                    let row = MentionRow {
                        doc,
                        analysis,
                        index: &index,
                        mention,
                    };
                    rows.push(self.columns.iter().map(|c| row.cell(c)));
                }
                analysis.mentions.len()
            }
            // Incidents are not made from one document.
            TableKind::Incidents => 0,
        };
        rows.finish();
        written
    }

    /// The row of one incident record (JSON, as `civex incidents` writes
    /// it). For an incidents table only.
    pub fn write_record_row(&self, out: &mut Vec<u8>, record: &Value) {
        let row = EventRow {
            record,
            published: None,
        };
        let mut rows = self.rows(out);
        rows.push(self.columns.iter().map(|c| row.incident_cell(c)));
        rows.finish();
    }

    /// The row of one event record (JSON, as `extract` writes it; a field
    /// `incident_id` fills that column), with the document's publication
    /// date when known. For an events table only.
    pub fn write_event_row(&self, out: &mut Vec<u8>, record: &Value, published: Option<&str>) {
        let row = EventRow { record, published };
        let mut rows = self.rows(out);
        rows.push(self.columns.iter().map(|c| row.cell(c)));
        rows.finish();
    }

    /// A writer of rows into `out`, in this table's format.
    fn rows<'o>(&self, out: &'o mut Vec<u8>) -> Rows<'o> {
        match self.format {
            TableFormat::Csv => Rows::Csv(Box::new(
                csv::WriterBuilder::new()
                    .terminator(csv::Terminator::Any(b'\n'))
                    .from_writer(out),
            )),
            TableFormat::Tsv => Rows::Tsv(out),
        }
    }
}

/// Rows being written into memory: CSV through the `csv` crate (RFC 4180
/// quoting), TSV by hand (wire format, rule 3).
enum Rows<'o> {
    Csv(Box<csv::Writer<&'o mut Vec<u8>>>),
    Tsv(&'o mut Vec<u8>),
}

impl Rows<'_> {
    fn push<'a>(&mut self, cells: impl Iterator<Item = Cow<'a, str>>) {
        match self {
            Rows::Csv(writer) => {
                let cells: Vec<Cow<str>> = cells.collect();
                // Writing to memory cannot fail.
                writer
                    .write_record(cells.iter().map(|c| c.as_bytes()))
                    .expect("writing a row to memory");
            }
            Rows::Tsv(out) => {
                for (i, cell) in cells.enumerate() {
                    if i > 0 {
                        out.push(b'\t');
                    }
                    for b in cell.bytes() {
                        out.push(if matches!(b, b'\t' | b'\n' | b'\r') {
                            b' '
                        } else {
                            b
                        });
                    }
                }
                out.push(b'\n');
            }
        }
    }

    /// Flushes the rows into memory.
    fn finish(self) {
        if let Rows::Csv(mut writer) = self {
            writer.flush().expect("writing rows to memory");
        }
    }
}

/// The input fields a column of the source's `meta` is read from, the
/// first present winning.
fn meta_keys(column: &str) -> &'static [&'static str] {
    match column {
        "title" => &["title", "headline"],
        "url" => &["url", "link"],
        "source" => &["source", "source_name", "publisher"],
        _ => &[],
    }
}

/// The first of `keys` in `meta` that holds text or a number, as a cell.
fn meta_cell<'m>(meta: &'m serde_json::Map<String, Value>, keys: &[&str]) -> Cow<'m, str> {
    keys.iter()
        .filter_map(|k| meta.get(*k))
        .find(|v| v.is_string() || v.is_number())
        .map(cell_of)
        .unwrap_or_default()
}

/// Cells shared by both tables.
fn document_cell<'d>(doc: &'d Document, column: &str) -> Option<Cow<'d, str>> {
    Some(match column {
        "doc_id" => Cow::Borrowed(doc.id.as_str()),
        "title" | "url" | "source" => meta_cell(&doc.meta, meta_keys(column)),
        "published" => doc
            .published
            .map(|d| Cow::Owned(d.to_string()))
            .unwrap_or_default(),
        _ => return None,
    })
}

fn number(n: impl ToString) -> Cow<'static, str> {
    Cow::Owned(n.to_string())
}

/// The cells of one event row, read from its JSON record (as
/// [`super::event_values`] gives it, or as a file holds it: `civex
/// incidents --emit events`).
struct EventRow<'a> {
    record: &'a Value,
    /// The document's publication date, when the caller knows it (else
    /// the record's `published`).
    published: Option<&'a str>,
}

/// A JSON value as a cell: text as is, numbers as JSON writes them (a whole
/// float without its fraction), booleans as `true`/`false`, null empty.
fn cell_of(value: &Value) -> Cow<'_, str> {
    match value {
        Value::Null => Cow::Borrowed(""),
        Value::String(s) => Cow::Borrowed(s.as_str()),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => json_number(f),
            _ => Cow::Owned(n.to_string()),
        },
        Value::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        other => Cow::Owned(other.to_string()),
    }
}

impl<'a> EventRow<'a> {
    /// The value at a path of the record (null when absent).
    fn at(&self, path: &[&str]) -> &'a Value {
        path.iter()
            .try_fold(self.record, |v, key| match v {
                Value::Array(items) => items.get(key.parse::<usize>().ok()?),
                _ => v.get(*key),
            })
            .unwrap_or(&Value::Null)
    }

    fn text(&self, path: &[&str]) -> Cow<'a, str> {
        cell_of(self.at(path))
    }

    /// A field of every item of a list, joined ("targets", "name").
    fn joined(&self, list: &str, field: &str, absent: &str) -> Cow<'a, str> {
        let items = self
            .at(&[list])
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        Cow::Owned(
            items
                .iter()
                .map(|item| match item.get(field).map(cell_of) {
                    Some(text) if !text.is_empty() => text.into_owned(),
                    _ => absent.to_string(),
                })
                .collect::<Vec<_>>()
                .join("; "),
        )
    }

    fn cell(&self, column: &str) -> Cow<'a, str> {
        let timex = self.at(&["date", "value"]).as_str();
        let range = timex.and_then(CalendarRange::of);
        let place = |field: &str| self.text(&["locations", "0", field]);
        match column {
            "event_id" | "incident_id" | "doc_id" | "type" | "modality" | "confidence"
            | "target_count" | "target_description" | "rule" | "trigger_entry" => {
                self.text(&[column])
            }
            "title" | "url" | "source" => match self.at(&["meta"]) {
                Value::Object(meta) => meta_cell(meta, meta_keys(column)),
                _ => Cow::Borrowed(""),
            },
            "published" => match self.published {
                Some(day) => Cow::Borrowed(day),
                None => self.text(&["published"]),
            },
            "acled_event_type" | "acled_sub_event_type" => self.text(&["categories", column]),
            "civicus_category" => self.text(&["categories", "civicus"]),
            "date" => range.and_then(|r| r.day()).map(number).unwrap_or_default(),
            "date_precision" => timex
                .map(|t| Cow::Borrowed(Precision::of_timex(t).as_str()))
                .unwrap_or_default(),
            "date_first" => range.map(|r| number(r.first)).unwrap_or_default(),
            "date_last" => range.map(|r| number(r.last)).unwrap_or_default(),
            "date_text" => self.text(&["date", "text"]),
            "timex" => self.text(&["date", "value"]),
            "date_source" => self.text(&["date", "source"]),
            "country" | "country_name" | "admin1" => place(column),
            "location" => place("name"),
            "location_kind" => place("kind"),
            "locations" => self.joined("locations", "name", "-"),
            "targets" => self.joined("targets", "name", "-"),
            "target_kinds" => self.joined("targets", "kind", "-"),
            "target_roles" => self.joined("targets", "role", "-"),
            "agents" => self.joined("agents", "name", "-"),
            "agent_kind" => self.joined("agents", "kind", "-"),
            "penalty_kind" => self.text(&["penalty", "kind"]),
            "duration" | "min_duration" | "amount" | "currency" | "min_amount" | "bound"
            | "suspended" | "life" => self.text(&["penalty", column]),
            "duration_days" => self
                .at(&["penalty", "duration"])
                .as_str()
                .and_then(|d| DurationValue::of(d).days())
                .map(|days| number(days.round() as i64))
                .unwrap_or_default(),
            "penalty_other" => self.text(&["penalty", "other"]),
            "penalty_text" => self.text(&["penalty", "text"]),
            "trigger" => self.text(&["trigger", "text"]),
            "trigger_start" => self.text(&["trigger", "start"]),
            "trigger_end" => self.text(&["trigger", "end"]),
            "sentence_index" => self.text(&["sentence", "index"]),
            "sentence" => self.text(&["sentence", "text"]),
            _ => Cow::Borrowed(""),
        }
    }

    /// A cell of an incidents table.
    fn incident_cell(&self, column: &str) -> Cow<'a, str> {
        let list = |key: &str| -> Cow<'a, str> {
            let items = self
                .at(&[key])
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default();
            Cow::Owned(items.iter().map(cell_of).collect::<Vec<_>>().join("; "))
        };
        match column {
            "date" => self.text(&["date", "day"]),
            "date_precision" => self.text(&["date", "precision"]),
            "date_first" => self.text(&["date", "first"]),
            "date_last" => self.text(&["date", "last"]),
            "timex" => self.text(&["date", "value"]),
            "types" | "places" | "event_ids" | "doc_ids" => list(column),
            "targets" => self.joined("targets", "name", "-"),
            _ => self.text(&[column]),
        }
    }
}

/// A number as JSON writes it (`180`, not `180.0`, for a whole amount).
fn json_number(n: f64) -> Cow<'static, str> {
    Cow::Owned(
        serde_json::Number::from_f64(n).map_or_else(String::new, |n| {
            if n.as_f64()
                .is_some_and(|f| f.fract() == 0.0 && f.abs() < 1e15)
            {
                format!("{}", n.as_f64().unwrap_or_default() as i64)
            } else {
                n.to_string()
            }
        }),
    )
}

struct MentionRow<'a> {
    doc: &'a Document,
    analysis: &'a Analysis,
    index: &'a CharIndex,
    mention: &'a Mention,
}

impl<'a> MentionRow<'a> {
    fn cell(&self, column: &str) -> Cow<'a, str> {
        if let Some(cell) = document_cell(self.doc, column) {
            return cell;
        }
        let m = self.mention;
        let attr = |key: &str| -> Cow<'a, str> {
            match m.attr(key) {
                Some(serde_json::Value::String(s)) => Cow::Borrowed(s.as_str()),
                Some(other) => Cow::Owned(other.to_string()),
                None => Cow::Borrowed(""),
            }
        };
        match column {
            "sentence_index" => self
                .analysis
                .sentence_of(m.span.start)
                .map(number)
                .unwrap_or_default(),
            "kind" => Cow::Borrowed(m.kind.as_str()),
            "text" => Cow::Borrowed(m.span.slice(&self.doc.text)),
            "start" => number(self.index.char_span(m.span).start),
            "end" => number(self.index.char_span(m.span).end),
            "value" => m.value.as_deref().map(Cow::Borrowed).unwrap_or_default(),
            "rule" => Cow::Borrowed(m.rule),
            "country" | "admin1" => attr(column),
            "attributes" => {
                let others: serde_json::Map<String, serde_json::Value> = m
                    .attrs
                    .iter()
                    .filter(|(k, _)| !MENTION_ATTR_COLUMNS.contains(k))
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect();
                if others.is_empty() {
                    Cow::Borrowed("")
                } else {
                    Cow::Owned(serde_json::Value::Object(others).to_string())
                }
            }
            _ => Cow::Borrowed(""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Origin;
    use crate::gazetteer::Gazetteers;
    use crate::pipeline::{Pipeline, Stages};
    use std::sync::OnceLock;

    /// `text`, published on Wednesday 6 March 2024, with everything tagged.
    fn analyse(text: &str) -> (Document, Analysis) {
        static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
        let pipeline = PIPELINE.get_or_init(|| {
            Pipeline::new(&Gazetteers::embedded().unwrap(), Stages::Events).unwrap()
        });
        let mut meta = serde_json::Map::new();
        meta.insert("title".into(), "Journalist held in Almaty".into());
        let doc = Document {
            id: "t".into(),
            text: text.into(),
            published: chrono::NaiveDate::from_ymd_opt(2024, 3, 6),
            meta,
            origin: Origin {
                path: "test".into(),
                line: None,
            },
        };
        let analysis = pipeline.analyse(&doc);
        (doc, analysis)
    }

    fn rows(format: TableFormat, kind: TableKind, columns: Option<&str>, text: &str) -> String {
        let (doc, analysis) = analyse(text);
        let writer = TableWriter::new(kind, format, columns).unwrap();
        let mut out = writer.header();
        writer.write(&mut out, &doc, &analysis);
        String::from_utf8(out).unwrap()
    }

    const TEXT: &str = "Police in Almaty detained the journalist Anna Bekova on Monday, \
        and a court fined her 50,000 tenge \"for taking part\" in an unsanctioned rally.";

    #[test]
    fn csv_quotes_as_rfc_4180_and_keeps_one_row_per_event() {
        let table = rows(
            TableFormat::Csv,
            TableKind::Events,
            Some("type,date,date_precision,location,admin1,targets,target_roles,amount,currency,sentence"),
            TEXT,
        );
        let mut reader = csv::Reader::from_reader(table.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header[0], "type");
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let arrest = records
            .iter()
            .find(|r| &r[0] == "arrest")
            .expect("an arrest row");
        assert_eq!(&arrest[1], "2024-03-04");
        assert_eq!(&arrest[2], "day");
        assert_eq!(&arrest[3], "Almaty");
        assert_eq!(&arrest[5], "Anna Bekova");
        assert_eq!(&arrest[6], "journalist");
        // The sentence holds quotes and a comma: quoted, quotes doubled.
        assert!(table.contains("\"\"for taking part\"\""), "{table}");
        let fine = records
            .iter()
            .find(|r| &r[0] == "fine")
            .expect("a fine row");
        assert_eq!((&fine[7], &fine[8]), ("50000", "KZT"));
    }

    #[test]
    fn tsv_is_never_quoted_and_keeps_rows_on_one_line() {
        let text = "\"We are not afraid,\" said the activist Omar Hadi\nafter police detained him in Amman on 3 May 2023.";
        let table = rows(
            TableFormat::Tsv,
            TableKind::Events,
            Some("type,sentence,timex"),
            text,
        );
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "type\tsentence\ttimex");
        assert!(lines.len() >= 2, "{table}");
        for line in &lines {
            assert_eq!(line.split('\t').count(), 3, "{line:?}");
        }
        // The sentence as written, its line break a space, its quotes kept
        // as they are (not doubled, not wrapped).
        let arrest = lines
            .iter()
            .find(|l| l.starts_with("arrest\t"))
            .expect("the arrest");
        assert_eq!(
            arrest.split('\t').nth(1),
            Some(text.replace('\n', " ").as_str()),
            "{table}"
        );
    }

    #[test]
    fn every_column_has_a_value_or_is_empty_and_unknown_columns_are_refused() {
        let table = rows(TableFormat::Csv, TableKind::Events, None, TEXT);
        let mut reader = csv::Reader::from_reader(table.as_bytes());
        assert_eq!(reader.headers().unwrap().len(), EVENT_COLUMNS.len());
        for record in reader.records() {
            assert_eq!(record.unwrap().len(), EVENT_COLUMNS.len());
        }
        let err =
            TableWriter::new(TableKind::Events, TableFormat::Csv, Some("type,colour")).unwrap_err();
        assert!(err.contains("unknown column \"colour\"") && err.contains("event_id"));
    }

    #[test]
    fn mention_rows_carry_places_and_other_attributes() {
        let table = rows(
            TableFormat::Csv,
            TableKind::Mentions,
            Some("kind,text,value,country,admin1,attributes"),
            TEXT,
        );
        let mut reader = csv::Reader::from_reader(table.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let almaty = records.iter().find(|r| &r[1] == "Almaty").expect("Almaty");
        assert_eq!(
            (&almaty[0], &almaty[3], &almaty[4]),
            ("location", "KZ", "Almaty")
        );
        let money = records.iter().find(|r| &r[0] == "money").expect("money");
        assert!(money[5].contains("\"currency\":\"KZT\""), "{:?}", money);
    }

    #[test]
    fn the_readme_lists_every_column_in_order() {
        let readme = include_str!("../../README.md");
        // The events table: rows "| `name` | meaning |" after its header.
        let table = readme
            .split("| event column | meaning |")
            .nth(1)
            .expect("the README's table of event columns");
        let listed: Vec<&str> = table
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with("| `"))
            .filter_map(|l| l.trim_start_matches("| `").split('`').next())
            .collect();
        let names: Vec<&str> = EVENT_COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(listed, names);
        for column in MENTION_COLUMNS.iter().chain(INCIDENT_COLUMNS) {
            assert!(
                readme.contains(&format!("`{}`", column.name)),
                "README.md does not list the column {}",
                column.name
            );
        }
    }

    #[test]
    fn whole_amounts_are_written_without_a_fraction() {
        assert_eq!(json_number(180.0), "180");
        assert_eq!(json_number(2.5), "2.5");
    }
}
