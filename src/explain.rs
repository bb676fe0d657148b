//! `civex explain`: why one document gave the records it gave.
//!
//! A trace of one document, readable on a terminal and as JSON:
//!
//! 1. **Sentences**, with their character offsets.
//! 2. **Mentions**: each with the rule that produced it and, when a
//!    gazetteer entry gave it, that entry's `file:line` (shipped or the
//!    user's): a place by its `cities.tsv` or `countries.tsv` line, an
//!    organisation by its `organisations.tsv` or `state_agents.tsv` line, a
//!    person by the `given_names.tsv` line of the first name, money by its
//!    currency word. (The entry is looked up again from the mention's
//!    words; the taggers do not carry it.)
//! 3. **Events**: the trigger entry and its `file:line`; the rule; how the
//!    targets, agents, modality and place were found; the date, where it
//!    came from, and every other date of the sentence with the check that
//!    passed over it (`dating.NAME`); the penalty; the evidence and
//!    confidence.
//! 4. **Rejected candidates**: every trigger that gave no event, with the
//!    named rule that rejected it (`guard.NAME`, `evidence.NAME`,
//!    `merge.same_sentence`, `restatement.same_incident`, `pattern.covered`,
//!    `pattern.unfilled`) and its entry.
//!
//! Offsets are characters, as in every record civex writes.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::document::{ByteSpan, CharIndex, Document};
use crate::gazetteer::{Entry, Gazetteers};
use crate::pipeline::Pipeline;
use crate::tag::{Mention, MentionKind};

/// The trace of one document.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    pub doc_id: String,
    pub published: Option<String>,
    pub sentences: Vec<SentenceTrace>,
    pub mentions: Vec<MentionTrace>,
    pub events: Vec<EventTrace>,
    pub rejected: Vec<RejectedTrace>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SentenceTrace {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct MentionTrace {
    pub kind: &'static str,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub value: Option<String>,
    pub rule: &'static str,
    /// The gazetteer entry that gave it: `file:line` and its surface.
    pub entry: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventTrace {
    #[serde(rename = "type")]
    pub event_type: &'static str,
    pub trigger: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub rule: String,
    /// The trigger entry (surface and lemma) and its `file:line`.
    pub trigger_entry: String,
    pub confidence: f64,
    pub evidence: Vec<String>,
    pub targets: Vec<String>,
    pub target_count: Option<u64>,
    pub target_description: Option<String>,
    pub targets_how: &'static str,
    pub agents: Vec<String>,
    pub agents_how: &'static str,
    pub modality: &'static str,
    pub modality_how: &'static str,
    /// The date's words and value, and where it came from.
    pub date: Option<String>,
    pub date_how: &'static str,
    /// The other dates of the sentence, each with the check that passed
    /// over it.
    pub dates_passed_over: Vec<String>,
    pub penalty: Option<serde_json::Value>,
    pub locations: Vec<String>,
    pub locations_how: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct RejectedTrace {
    #[serde(rename = "type")]
    pub event_type: &'static str,
    pub trigger: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub trigger_entry: String,
    pub rule: &'static str,
    pub confidence: Option<f64>,
}

/// The gazetteer entries by folded surface, to name the entry behind a
/// mention.
struct EntryIndex<'g> {
    by_surface: HashMap<String, Vec<(&'g str, &'g Entry)>>,
}

impl<'g> EntryIndex<'g> {
    const LISTS: &'static [&'static str] = &[
        "cities",
        "countries",
        "organisations",
        "state_agents",
        "given_names",
        "currencies",
    ];

    fn new(gazetteers: &'g Gazetteers) -> EntryIndex<'g> {
        let mut by_surface: HashMap<String, Vec<(&'g str, &'g Entry)>> = HashMap::new();
        for list in Self::LISTS {
            for entry in gazetteers.list(list) {
                by_surface
                    .entry(entry.surface.to_lowercase())
                    .or_default()
                    .push((list, entry));
            }
        }
        EntryIndex { by_surface }
    }

    /// The entry of one of `lists` with this surface, the one whose
    /// canonical form is `value` first.
    fn find(&self, surface: &str, lists: &[&str], value: Option<&str>) -> Option<&'g Entry> {
        let found = self.by_surface.get(&surface.to_lowercase())?;
        let mut fitting = found.iter().filter(|(list, _)| lists.contains(list));
        let first = fitting.clone().next();
        fitting
            .find(|(_, e)| Some(e.canonical.as_str()) == value)
            .or(first)
            .map(|(_, e)| *e)
    }

    /// The entry behind a mention, shown as `file:line "surface"`.
    fn of_mention(&self, text: &str, mention: &Mention) -> Option<String> {
        let words = mention.span.slice(text);
        let value = mention.value.as_deref();
        let entry = match mention.kind {
            MentionKind::Location => self
                .find(words, &["cities", "countries"], value)
                .or_else(|| self.find(value?, &["cities", "countries"], value)),
            MentionKind::Organisation => {
                self.find(words, &["organisations", "state_agents"], value)
            }
            MentionKind::Person => {
                let first = words.split_whitespace().next()?;
                self.find(first, &["given_names"], None)
            }
            MentionKind::Money => words
                .split(|c: char| c.is_whitespace() || c.is_ascii_digit())
                .filter(|w| !w.is_empty())
                .find_map(|w| self.find(w, &["currencies"], None)),
            _ => None,
        }?;
        Some(format!("{} {:?}", entry.origin, entry.surface))
    }
}

/// Explains documents as a pipeline reads them: the pipeline and the index
/// of gazetteer entries are built once, for every document.
pub struct Explainer<'g> {
    pipeline: &'g Pipeline,
    index: EntryIndex<'g>,
}

impl<'g> Explainer<'g> {
    /// For `pipeline`, built with [`crate::pipeline::Stages::Events`] from
    /// `gazetteers`.
    pub fn new(pipeline: &'g Pipeline, gazetteers: &'g Gazetteers) -> Explainer<'g> {
        Explainer {
            pipeline,
            index: EntryIndex::new(gazetteers),
        }
    }

    /// The trace of one document.
    pub fn explain(&self, doc: &Document) -> Explanation {
        explain_with(self.pipeline, &self.index, doc)
    }
}

fn explain_with(pipeline: &Pipeline, index: &EntryIndex, doc: &Document) -> Explanation {
    let analysis = pipeline.analyse(doc);
    let text = doc.text.as_str();
    let chars = CharIndex::new(text);
    let span_of = |span: ByteSpan| {
        let c = chars.char_span(span);
        (c.start, c.end)
    };
    let entry_of = |name: &str, at: Option<usize>| match at.and_then(|i| pipeline.trigger_entry(i))
    {
        Some(entry) => format!("{name} at {}", entry.origin),
        None => name.to_string(),
    };
    let sentences = analysis
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (start, end) = span_of(*s);
            SentenceTrace {
                index: i,
                start,
                end,
                text: s.slice(text).to_string(),
            }
        })
        .collect();
    let mentions = analysis
        .mentions
        .iter()
        .map(|m| {
            let (start, end) = span_of(m.span);
            MentionTrace {
                kind: m.kind.as_str(),
                text: m.span.slice(text).to_string(),
                start,
                end,
                value: m.value.clone(),
                rule: m.rule,
                entry: index.of_mention(text, m),
            }
        })
        .collect();
    let events = analysis
        .events
        .iter()
        .map(|e| {
            let (start, end) = span_of(e.trigger);
            let date = e.date.as_ref().map(|(at, value)| {
                let (s, t) = span_of(*at);
                format!("{:?} = {value} at {s}-{t}", at.slice(text))
            });
            let dates_passed_over = e
                .dates_passed_over
                .iter()
                .map(|(at, rule)| {
                    let (s, t) = span_of(*at);
                    let value = analysis
                        .mentions
                        .iter()
                        .find(|m| m.span == *at)
                        .and_then(|m| m.value.clone())
                        .unwrap_or_default();
                    format!("{:?} = {value} at {s}-{t}: {rule}", at.slice(text))
                })
                .collect();
            let name = |a: &crate::events::Actor| match &a.role {
                Some(role) => format!("{} ({}, {role})", a.name, a.kind),
                None => format!("{} ({})", a.name, a.kind),
            };
            EventTrace {
                event_type: e.event_type,
                trigger: e.trigger.slice(text).to_string(),
                start,
                end,
                sentence: e.sentence,
                rule: e.rule.clone(),
                trigger_entry: entry_of(&e.trigger_entry, e.trigger_entry_index),
                confidence: e.confidence,
                evidence: e.evidence.names(),
                targets: e.targets.iter().map(name).collect(),
                target_count: e.target_count,
                target_description: e.target_description.clone(),
                targets_how: e.attached.targets,
                agents: e.agents.iter().map(name).collect(),
                agents_how: e.attached.agents,
                modality: e.modality,
                modality_how: e.attached.modality,
                date,
                date_how: match e.date_source {
                    Some("sentence") => "the date of its sentence nearest the trigger",
                    Some("episode") => "the date of the event its targets refer back to",
                    Some("restatement") => "the date of the incident it restates",
                    Some("heading") => "the date heading before it (\"26 August.\")",
                    Some("report") => "the last day named before it in a short report",
                    Some(_) => "another rule",
                    None => "no date could be tied to it",
                },
                dates_passed_over,
                penalty: e
                    .penalty
                    .as_ref()
                    .and_then(|p| serde_json::to_value(p).ok()),
                locations: e
                    .locations
                    .iter()
                    .map(|p| format!("{} ({})", p.name, p.country))
                    .collect(),
                locations_how: e.attached.location,
            }
        })
        .collect();
    let rejected = analysis
        .rejected
        .iter()
        .map(|r| {
            let (start, end) = span_of(r.trigger);
            RejectedTrace {
                event_type: r.event_type,
                trigger: r.trigger.slice(text).to_string(),
                start,
                end,
                sentence: r.sentence,
                trigger_entry: entry_of(&r.trigger_entry, r.trigger_entry_index),
                rule: r.rule,
                confidence: r.confidence,
            }
        })
        .collect();
    Explanation {
        doc_id: doc.id.clone(),
        published: doc.published.map(|d| d.format("%Y-%m-%d").to_string()),
        sentences,
        mentions,
        events,
        rejected,
    }
}

/// Terminal styles: none, or ANSI colours.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn heading(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn event(&self, text: &str) -> String {
        self.paint("1;32", text)
    }
    fn rejected(&self, text: &str) -> String {
        self.paint("31", text)
    }
    fn quiet(&self, text: &str) -> String {
        self.paint("2", text)
    }
}

/// A section's heading, and "(none)" under it if it is empty.
fn section(out: &mut String, style: &Style, title: &str, empty: bool) {
    let _ = writeln!(out, "\n{}", style.heading(title));
    if empty {
        let _ = writeln!(out, "  (none)");
    }
}

impl Explanation {
    /// The trace as text, with ANSI colours if `colour`.
    pub fn render(&self, colour: bool) -> String {
        let style = Style { on: colour };
        let mut out = String::new();
        let published = self.published.as_deref().unwrap_or("none");
        let _ = writeln!(
            out,
            "{} {} (published {published})",
            style.heading("document"),
            self.doc_id
        );
        let _ = writeln!(out, "\n{}", style.heading("sentences"));
        for s in &self.sentences {
            let _ = writeln!(out, "  [{}] {}-{}  {}", s.index, s.start, s.end, s.text);
        }
        let _ = writeln!(out, "\n{}", style.heading("mentions"));
        for m in &self.mentions {
            let value = m.value.as_deref().unwrap_or("");
            let _ = write!(
                out,
                "  {:<12} {:?} {}-{} = {value}  {}",
                m.kind,
                m.text,
                m.start,
                m.end,
                style.quiet(&format!("rule {}", m.rule))
            );
            if let Some(entry) = &m.entry {
                let _ = write!(out, "{}", style.quiet(&format!(", entry {entry}")));
            }
            out.push('\n');
        }
        section(&mut out, &style, "events", self.events.is_empty());
        for e in &self.events {
            let _ = writeln!(
                out,
                "  {} {:?} {}-{} (sentence {}): rule {}, confidence {:.2}",
                style.event(e.event_type),
                e.trigger,
                e.start,
                e.end,
                e.sentence,
                e.rule,
                e.confidence
            );
            let list = |items: &[String]| {
                if items.is_empty() {
                    "none".to_string()
                } else {
                    items.join("; ")
                }
            };
            let mut targets = if e.targets.is_empty() {
                "none named".to_string()
            } else {
                e.targets.join("; ")
            };
            if let Some(count) = e.target_count {
                let _ = write!(targets, ", count {count}");
            }
            if let Some(description) = &e.target_description {
                let _ = write!(targets, ", described as {description:?}");
            }
            let lines = [
                ("trigger entry", e.trigger_entry.clone(), ""),
                ("targets", targets, e.targets_how),
                ("agents", list(&e.agents), e.agents_how),
                ("modality", e.modality.to_string(), e.modality_how),
                (
                    "date",
                    e.date.clone().unwrap_or_else(|| "none".into()),
                    e.date_how,
                ),
                ("place", list(&e.locations), e.locations_how),
                (
                    "penalty",
                    e.penalty
                        .as_ref()
                        .map_or("none".to_string(), ToString::to_string),
                    "",
                ),
                ("evidence", e.evidence.join(", "), ""),
            ];
            for (label, value, how) in lines {
                let _ = write!(out, "    {label:<16}{value}");
                if !how.is_empty() {
                    let _ = write!(out, "  {}", style.quiet(&format!("<- {how}")));
                }
                out.push('\n');
            }
            for passed in &e.dates_passed_over {
                let _ = writeln!(out, "    {:<16}{passed}", "date not taken");
            }
        }
        section(
            &mut out,
            &style,
            "rejected candidates",
            self.rejected.is_empty(),
        );
        for r in &self.rejected {
            let _ = write!(
                out,
                "  {} {:?} {}-{} (sentence {}): rejected by {}",
                r.event_type,
                r.trigger,
                r.start,
                r.end,
                r.sentence,
                style.rejected(r.rule)
            );
            if let Some(confidence) = r.confidence {
                let _ = write!(out, " (confidence {confidence:.2})");
            }
            let _ = writeln!(
                out,
                "  {}",
                style.quiet(&format!("entry {}", r.trigger_entry))
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Stages;

    fn doc(text: &str) -> Document {
        Document {
            id: "d".into(),
            text: text.into(),
            published: chrono::NaiveDate::from_ymd_opt(2024, 3, 8),
            meta: Default::default(),
            origin: crate::document::Origin {
                path: "-".into(),
                line: None,
            },
        }
    }

    fn explained(gazetteers: &Gazetteers, text: &str) -> Explanation {
        let pipeline = Pipeline::new(gazetteers, Stages::Events).unwrap();
        Explainer::new(&pipeline, gazetteers).explain(&doc(text))
    }

    const TEXT: &str = "Security forces frogmarched the blogger Rustam Nazarov out of his flat in Khujand on Monday, his lawyer said. \
        He was detained on Tuesday, a court spokesman told reporters on Wednesday. \
        Officers also released a statement.";

    #[test]
    fn a_user_trigger_is_named_with_its_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("triggers.tsv"),
            "# mine\nfrogmarched\tarrest\tverb\tlemma=frogmarch;subject=agent;object=target;participle=1\n",
        )
        .unwrap();
        let gazetteers = Gazetteers::with_overlay(dir.path()).unwrap();
        let trace = explained(&gazetteers, TEXT);
        let first = &trace.events[0];
        assert_eq!(first.trigger, "frogmarched");
        assert!(
            first.trigger_entry.ends_with("triggers.tsv:2"),
            "{}",
            first.trigger_entry
        );
        assert_eq!(first.targets_how, "the object of the verb");
        assert!(first.agents_how.starts_with("the subject of the clause"));
        // Without the user's line there is no such event.
        let shipped = explained(&Gazetteers::embedded().unwrap(), TEXT);
        assert!(shipped.events.iter().all(|e| e.trigger != "frogmarched"));
    }

    #[test]
    fn mentions_name_their_entry_and_dates_not_taken_their_check() {
        let trace = explained(&Gazetteers::embedded().unwrap(), TEXT);
        let khujand = trace.mentions.iter().find(|m| m.text == "Khujand").unwrap();
        let entry = khujand.entry.as_deref().unwrap();
        assert!(
            entry.starts_with("cities.tsv:") && entry.ends_with("(built-in) \"Khujand\""),
            "{entry}"
        );
        let detained = trace
            .events
            .iter()
            .find(|e| e.trigger == "detained")
            .unwrap();
        assert!(detained
            .date
            .as_deref()
            .unwrap()
            .starts_with("\"Tuesday\" = 2024-03-05"));
        assert_eq!(detained.dates_passed_over.len(), 1);
        assert!(
            detained.dates_passed_over[0].ends_with(": dating.report_date"),
            "{:?}",
            detained.dates_passed_over
        );
        let statement = trace
            .rejected
            .iter()
            .find(|r| r.trigger == "released")
            .unwrap();
        assert!(statement.rule.starts_with("guard."), "{}", statement.rule);
        assert!(statement.trigger_entry.contains("triggers.tsv:"));
        let text = trace.render(false);
        assert!(text.contains("rejected by guard."), "{text}");
        assert!(!text.contains('\x1b'));
        assert!(trace.render(true).contains("\x1b[1;32marrest\x1b[0m"));
    }

    #[test]
    fn every_span_of_the_trace_is_its_text_at_its_char_offsets() {
        let text = "«Protest» in Zürich: 12 activists were detained on 3 May. Police fined them 200 francs.";
        let trace = explained(&Gazetteers::embedded().unwrap(), text);
        let at = |start: usize, end: usize| -> String {
            text.chars().skip(start).take(end - start).collect()
        };
        assert!(!trace.events.is_empty());
        for s in &trace.sentences {
            assert_eq!(at(s.start, s.end), s.text);
        }
        for m in &trace.mentions {
            assert_eq!(at(m.start, m.end), m.text);
        }
        for e in &trace.events {
            assert_eq!(at(e.start, e.end), e.trigger);
        }
        for r in &trace.rejected {
            assert_eq!(at(r.start, r.end), r.trigger);
        }
    }
}
