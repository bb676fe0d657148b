//! Event assembly: from triggers and the mentions around them to event
//! records (type, modality, date, targets, agents, penalty, location).
//!
//! Per sentence, each trigger from `gazetteers/triggers.tsv` is read in its
//! clause:
//!
//! 1. **Voice.** A past participle after a form of "be"/"get" ("were
//!    quickly detained") or before "by" is passive: its subject is the
//!    target and its "by" phrase the agent. Otherwise the trigger's entry
//!    says what its subject and object are ("Police arrested 9 activists":
//!    subject agent, object target; "activists picketed": subject target).
//! 2. **Subject and object.** The subject is the first participant group of
//!    the clause that is not inside a prepositional phrase; the object is
//!    the first group after the trigger in the same clause. Coordinated
//!    verbs share the clause, hence the subject ("prosecuted both activists
//!    and fined them").
//! 3. **Back-references** ("they", "the two", "both activists") take the
//!    targets of the most recent group of the right size, within a few
//!    sentences; when none fits, targets stay empty and the description and
//!    count are kept.
//! 4. **Date.** The date mention of the sentence nearest the trigger (not
//!    one that dates a report: "told AFP on Monday"); else the date of the
//!    previous sentence's events when this sentence continues that episode
//!    (it refers back to their targets); else none.
//! 5. **Type.** The trigger entry's type, unless the words around it say
//!    more ("jailed for questioning" is an arrest, "a failed assassination
//!    attempt" an assault, "banned the march" a protest restriction).
//! 6. **Penalty, modality, location, provenance, restatements** as described
//!    on the functions below; a use of force or an arrest against protesters
//!    implies their protest.
//!
//! One module per concern: [`lexicon`] (triggers and cues from the
//! gazetteers), `guards` (named rules that reject a candidate: a rejected
//! candidate keeps the guard's name in [`Rejected`]), [`mod@participants`] and
//! `roles` (groups, subject, object, agents, back-references), `typing`
//! (type refinements), `modality`, `dating`, [`penalty`], `places`,
//! `restatement`, `implied` (implied protests), and [`evidence`]
//! (confidence and the `needs=` constraints). This file reads one trigger
//! through them and assembles the record.

pub mod categories;
mod dating;
pub mod evidence;
mod guards;
mod implied;
pub mod lexicon;
mod modality;
pub mod participants;
pub mod patterns;
pub mod penalty;
mod places;
mod restatement;
mod roles;
mod typing;

use serde::Serialize;

use crate::document::{ByteSpan, Document};
use crate::tag::value::DateValue;
use crate::tag::{Mention, MentionKind};
use crate::tokens::Tokens;
use dating::{choose_date, episode_date, report_date, SHORT_REPORT_SENTENCES};
use lexicon::{EventLexicon, Role, Trigger, TriggerMatch};
use modality::modality;
use participants::{groups, participants, Group, Part};
use penalty::Penalty;
use places::{default_country, sentence_places};
use restatement::is_restatement;
use roles::{
    agents_of, clause_start, fill_from_group, force_agent, is_state_group, possessive_before,
    remember_groups, resolve, resolve_cataphora, subject_group, Referent, NUMBERED_WINDOW,
    PRONOUN_WINDOW,
};

/// A person or organisation an event happened to, or who did it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Actor {
    /// The canonical name ("Elena Semenova", "Kazakhstani authorities").
    pub name: String,
    /// `person`, `organisation`, `group` or `state`.
    pub kind: &'static str,
    /// What a person is, from the role noun the text gives them
    /// ("independent journalist X", "X, a lawyer"): the `group=` of the
    /// descriptor in `person_descriptors.tsv`. Set once the document's
    /// events are assembled; absent when the text gives none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// Where an event happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Place {
    /// The canonical name: a city, a region or a country, never a code.
    pub name: String,
    /// ISO 3166 alpha-2 code.
    pub country: String,
    /// The country's canonical name (`countries.tsv`).
    pub country_name: String,
    /// `city`, `region` or `country`.
    pub kind: &'static str,
    /// The first-level administrative area of a city, where `cities.tsv`
    /// gives one (`admin1=`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
}

/// One event, in byte offsets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Event {
    pub event_type: &'static str,
    pub modality: &'static str,
    pub trigger: ByteSpan,
    pub sentence: usize,
    /// The date mention: its span and TIMEX3 value.
    pub date: Option<(ByteSpan, String)>,
    /// How the date was chosen: "sentence", "episode", "restatement",
    /// "heading" or "report".
    pub date_source: Option<&'static str>,
    pub targets: Vec<Actor>,
    pub target_count: Option<u64>,
    pub target_description: Option<String>,
    pub agents: Vec<Actor>,
    pub locations: Vec<Place>,
    pub penalty: Option<Penalty>,
    pub rule: String,
    /// The trigger entry that fired (`triggers.tsv` surface and lemma).
    pub trigger_entry: String,
    /// A noun trigger with a definite determiner and no names of its own
    /// ("the trial", "their prosecution"): likely a restatement.
    pub definite_noun: bool,
    /// The text marks a further incident of the kind ("also detained",
    /// "another activist", "other charges", "arrested again"): never a
    /// restatement.
    pub further_incident: bool,
    /// The places were named in the event's sentence (not the article's
    /// country): a restatement happens at the same place.
    pub place_in_sentence: bool,
    /// What supports the event, and the confidence it gives (see
    /// [`evidence`]); set once the document's events are assembled.
    pub evidence: evidence::Evidence,
    pub confidence: f64,
    /// What the trigger entry requires (`needs=`); see [`evidence`].
    pub needs: Vec<&'static str>,
    /// The trigger entry's index among the triggers' entries
    /// ([`lexicon::EventLexicon::entry`]: its file and line); none for an
    /// implied event.
    pub trigger_entry_index: Option<usize>,
    /// How the parts were found (for `civex explain`).
    pub attached: Attachments,
    /// The other dates of the event's sentence, each with the check that
    /// passed over it (`dating.NAME`).
    pub dates_passed_over: Vec<(ByteSpan, &'static str)>,
    /// The categories trackers file it under (`categories.tsv`); set once
    /// the document's events are assembled.
    pub categories: categories::Categories,
}

/// How an event's targets, agents, modality and place were found: one
/// phrase each, shown by `civex explain`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attachments {
    pub targets: &'static str,
    pub agents: &'static str,
    pub modality: &'static str,
    pub location: &'static str,
}

impl Event {
    /// This event as a rejected candidate, under `rule`.
    pub fn rejected(&self, rule: &'static str) -> Rejected {
        Rejected {
            event_type: self.event_type,
            trigger: self.trigger,
            sentence: self.sentence,
            trigger_entry: self.trigger_entry.clone(),
            trigger_entry_index: self.trigger_entry_index,
            rule,
            confidence: Some(self.confidence),
        }
    }
}

/// Whether a trigger is followed by an object the roles did not read: a
/// capitalised word ("the shot that killed Bonny Lee Bakley", a name the
/// tagger missed), a digit, a number word or a determiner (`determiner`
/// cues, `numbers.tsv`). Such an event has targets of its own and is not
/// merged into another of its sentence.
fn object_unread(text: &str, trigger: ByteSpan, lexicon: &EventLexicon) -> bool {
    let Some(rest) = text.get(trigger.end..) else {
        return false;
    };
    if !rest.starts_with(char::is_whitespace) {
        return false;
    }
    let next = rest.split_whitespace().next().unwrap_or("");
    next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        || lexicon.cues.determiner.contains(next)
        || lexicon.numbers.parse(next).is_some()
}

/// A trigger candidate that produced no event of its own, and the named
/// rule that decided so.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub event_type: &'static str,
    pub trigger: ByteSpan,
    pub sentence: usize,
    /// The trigger entry (`triggers.tsv` surface and lemma).
    pub trigger_entry: String,
    /// Its index among the triggers' entries, as [`Event::trigger_entry_index`].
    pub trigger_entry_index: Option<usize>,
    /// The rule: `guard.NAME` (see `events/guards.rs`), `merge.same_sentence` (one
    /// event with another trigger of its sentence), `restatement.same_incident`
    /// (see `events/restatement.rs`), `evidence.unmet_needs` or
    /// `evidence.below_min_confidence` (see [`evidence`]).
    pub rule: &'static str,
    /// The confidence of an event dropped for its evidence.
    pub confidence: Option<f64>,
}

/// The events of one document, and the candidates that gave none.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    /// In order of their triggers.
    pub events: Vec<Event>,
    /// In order of their triggers within each rule family.
    pub rejected: Vec<Rejected>,
}

pub struct EventExtractor {
    lexicon: EventLexicon,
}
/// The items of a position-sorted list that start inside `span`.
pub(crate) fn within<T>(items: &[T], key: impl Fn(&T) -> ByteSpan, span: ByteSpan) -> &[T] {
    let lo = items.partition_point(|x| key(x).start < span.start);
    let hi = items.partition_point(|x| key(x).start < span.end);
    &items[lo..hi.max(lo)]
}

impl EventExtractor {
    /// The trigger entry of this index ([`Event::trigger_entry_index`]).
    pub fn trigger_entry(&self, index: usize) -> &crate::gazetteer::Entry {
        self.lexicon.entry(index)
    }
}

impl EventExtractor {
    pub fn new(
        gazetteers: &crate::gazetteer::Gazetteers,
    ) -> Result<EventExtractor, crate::error::BuildError> {
        let lexicon = EventLexicon::new(gazetteers)?;
        participants::compile_patterns();
        Ok(EventExtractor { lexicon })
    }

    /// The trigger candidates of a text (`triggers.tsv`): every event and
    /// every rejected candidate starts from one, so a text without any
    /// holds neither, whatever its mentions (see
    /// [`crate::pipeline::Stages::EventsOnly`]).
    pub fn find_triggers(&self, text: &str, tokens: &Tokens) -> Vec<TriggerMatch> {
        self.lexicon.find_triggers_in(text, tokens)
    }

    /// The trigger candidates as `trigger` mentions (`--emit mentions`):
    /// the value is the event type of the entry, the rule `trigger.verb` or
    /// `trigger.noun`, the attribute `entry` names it (surface and lemma).
    /// Like the events, a trigger inside a name ("Hunger Strike Committee")
    /// is none. `mentions` are the document's others, sorted by position.
    /// A surface that is both a noun and a verb ("protest") takes the
    /// reading that the events would (the words just before it decide).
    pub fn trigger_mentions(
        &self,
        text: &str,
        tokens: &Tokens,
        sentences: &[ByteSpan],
        triggers: &[TriggerMatch],
        mentions: &[Mention],
    ) -> Vec<Mention> {
        let names = NameSpans::new(mentions);
        triggers
            .iter()
            .filter(|t| !names.overlap(t.span))
            // A pattern's anchor is no trigger of its own: its match is an
            // event's (or a rejected candidate's) trigger.
            .filter(|t| self.lexicon.pattern(t.trigger).is_none())
            .filter_map(|t| {
                // As in `extract`: a trigger across a sentence boundary is
                // none, and its reading reads its own sentence only.
                let s = sentences.partition_point(|s| s.end <= t.span.start);
                let sentence = sentences.get(s).filter(|s| s.contains(&t.span))?;
                let trigger = if t.alternative.is_some() {
                    // Two words before it are all the reading reads.
                    let from = crate::tag::money::floor_char_boundary(
                        text,
                        t.span
                            .start
                            .saturating_sub(READING_WINDOW)
                            .max(sentence.start),
                    );
                    let words = tokens.words(text, ByteSpan::new(from, t.span.end));
                    self.choose_reading(text, t, &words)?
                } else {
                    self.lexicon.trigger(t.trigger)?
                };
                let form = if trigger.is_noun {
                    "trigger.noun"
                } else {
                    "trigger.verb"
                };
                let mut mention = Mention::new(
                    MentionKind::Trigger,
                    t.span,
                    Some(trigger.event_type.to_string()),
                    form,
                );
                mention
                    .attrs
                    .push(("entry", serde_json::Value::String(trigger.entry_name())));
                Some(mention)
            })
            .collect()
    }

    /// [`EventExtractor::extract`] from the trigger candidates
    /// [`EventExtractor::find_triggers`] gave for the document's text.
    pub fn extract_at(
        &self,
        doc: &Document,
        tokens: &Tokens,
        sentences: &[ByteSpan],
        mentions: &[Mention],
        triggers: &[TriggerMatch],
    ) -> Extraction {
        let text = doc.text.as_str();
        if triggers.is_empty() {
            return Extraction::default();
        }
        let mut rejected: Vec<Rejected> = Vec::new();
        // The document's words (token layer, rule 4), read whole by the
        // pronouns and by the document's domain.
        let doc_words = tokens.words(text, ByteSpan::new(0, text.len()));
        let all_participants = participants(text, tokens, &doc_words, mentions, &self.lexicon);
        let all_groups = groups(text, &all_participants);
        let default_country = default_country(mentions, &self.lexicon.country_names);
        let names = NameSpans::new(mentions);
        let mut memory: Vec<Referent> = Vec::new();
        let mut events: Vec<Event> = Vec::new();
        // The last date heading ("26 August." standing as a sentence of its
        // own): it dates the undated events after it.
        let mut heading: Option<(ByteSpan, String)> = None;

        for (s_index, sentence) in sentences.iter().enumerate() {
            if s_index > 0 {
                resolve_cataphora(&mut events, s_index - 1, sentences, &all_groups, text);
            }
            // Everything below looks only at this sentence's slice of the
            // document-wide lists (all sorted by position): work per
            // document stays linear in its length.
            memory.retain(|r| r.sentence + NUMBERED_WINDOW >= s_index);
            let sentence_mentions = within(mentions, |m| m.span, *sentence);
            if let Some(date) = dating::date_heading(text, *sentence, sentence_mentions) {
                heading = Some(date);
            }
            let sentence_group_slice = within(&all_groups, |g| g.span, *sentence);
            let sentence_triggers: Vec<_> = within(triggers, |t| t.span, *sentence)
                .iter()
                .filter(|t| sentence.contains(&t.span))
                .filter(|t| !names.overlap(t.span))
                .collect();
            if sentence_triggers.is_empty() {
                // Names in a sentence without events still feed back-references.
                remember_groups(
                    sentence_group_slice,
                    *sentence,
                    sentence.end,
                    s_index,
                    &mut memory,
                );
                continue;
            }
            let sentence_groups: Vec<&Group> = sentence_group_slice
                .iter()
                .filter(|g| sentence.contains(&g.span))
                .collect();
            let words = tokens.words_within(text, &doc_words, *sentence);
            // Trigger patterns (patterns.rs), matched at their anchors.
            let fillers = patterns::SlotFillers {
                text,
                sentence: *sentence,
                groups: &sentence_groups,
                mentions: sentence_mentions,
            };
            let run_at = |run: &str, at: usize| words_at(text, *sentence, run, at);
            // (None for every trigger when no entry is a pattern: nothing
            // is allocated then.)
            let pattern_matches: Vec<Option<patterns::PatternMatch>> =
                if self.lexicon.has_patterns() {
                    sentence_triggers
                        .iter()
                        .map(|tm| {
                            let pattern = self.lexicon.pattern(tm.trigger)?;
                            patterns::match_at(pattern, tm.span, &fillers, &run_at)
                        })
                        .collect()
                } else {
                    Vec::new()
                };
            // Nouns of offences in the sentence ("an illegal assembly", "the
            // attack"): a date right after one dates it, not the proceedings
            // against it (see dating::choose_date).
            // Each trigger's reading (noun or verb), chosen once.
            let readings: Vec<Option<&Trigger>> = sentence_triggers
                .iter()
                .map(|tm| self.choose_reading(text, tm, &words))
                .collect();
            let event_nouns: Vec<ByteSpan> = sentence_triggers
                .iter()
                .zip(&readings)
                .filter(|(_, reading)| {
                    reading.is_some_and(|t| {
                        t.is_noun
                            && !matches!(
                                t.event_type,
                                "charge" | "trial" | "sentence" | "fine" | "arrest" | "release"
                            )
                    })
                })
                .map(|(tm, _)| tm.span)
                .collect();
            let trigger_spans: Vec<ByteSpan> = sentence_triggers.iter().map(|t| t.span).collect();
            // Triggers of a use of force ("dispersed", "fired at"): a state
            // subject of one is the agent of a noun of force after it.
            let force_acts: Vec<ByteSpan> = sentence_triggers
                .iter()
                .zip(&readings)
                .filter(|(_, reading)| reading.is_some_and(|t| is_use_of_force(t.event_type)))
                .map(|(tm, _)| tm.span)
                .collect();
            let mut sentence_events: Vec<Event> = Vec::new();
            for (i, (tm, reading)) in sentence_triggers.iter().zip(&readings).enumerate() {
                let pattern_match = pattern_matches.get(i).and_then(Option::as_ref);
                // Groups named before the trigger can be referred back to by it.
                remember_groups(
                    sentence_group_slice,
                    *sentence,
                    tm.span.start,
                    s_index,
                    &mut memory,
                );
                let Some(trigger) = *reading else {
                    continue;
                };
                let is_pattern = self.lexicon.pattern(tm.trigger).is_some();
                let covered = !is_pattern
                    && pattern_matches
                        .iter()
                        .flatten()
                        .any(|m| m.span.contains(&tm.span));
                let outcome = if is_pattern && pattern_match.is_none() {
                    Err("pattern.unfilled")
                } else if covered {
                    Err("pattern.covered")
                } else {
                    self.read_trigger(
                        (doc, tokens),
                        *sentence,
                        s_index,
                        pattern_match.map_or(tm.span, |m| m.span),
                        trigger,
                        &sentence_groups,
                        &words,
                        &event_nouns,
                        &trigger_spans,
                        &force_acts,
                        sentence_mentions,
                        &memory,
                        default_country.as_ref(),
                        pattern_match,
                    )
                };
                match outcome {
                    Ok((event, referent)) => {
                        memory.push(referent);
                        sentence_events.push(event);
                    }
                    Err(rule) => rejected.push(Rejected {
                        event_type: trigger.event_type,
                        trigger: tm.span,
                        sentence: s_index,
                        trigger_entry: trigger.entry_name(),
                        trigger_entry_index: Some(trigger.entry),
                        rule,
                        confidence: None,
                    }),
                }
            }
            remember_groups(
                sentence_group_slice,
                *sentence,
                sentence.end,
                s_index,
                &mut memory,
            );
            // Several triggers of one type that concern the same targets in
            // one sentence are one event; so is a later noun that names no
            // targets of its own ("sentenced X to 40 lashes and a suspended
            // prison sentence"), unless the first needs support the later
            // one does not ("had died ... had been killed by police").
            // An earlier trigger with no targets at all and a later one of
            // the same type and modality with targets are one event too,
            // told by the later trigger ("If convicted, the accused could
            // face up to two years").
            let untargeted = |x: &Event| {
                x.targets.is_empty()
                    && x.target_count.is_none()
                    && x.target_description.is_none()
                    && !x.further_incident
            };
            let mut merged: Vec<Event> = Vec::new();
            for e in sentence_events {
                let bare = e.rule.ends_with(".noun") && untargeted(&e);
                if !untargeted(&e) {
                    if let Some(prev) = merged.iter_mut().find(|p| {
                        p.event_type == e.event_type
                            && p.modality == e.modality
                            && untargeted(p)
                            && !object_unread(text, p.trigger, &self.lexicon)
                            && (p.needs.is_empty() || p.needs == e.needs)
                    }) {
                        let earlier = std::mem::replace(prev, e);
                        prev.needs.retain(|n| earlier.needs.contains(n));
                        if prev.penalty.is_none() {
                            prev.penalty = earlier.penalty.clone();
                        }
                        if prev.date.is_none() {
                            prev.date = earlier.date.clone();
                            prev.date_source = earlier.date_source;
                        }
                        rejected.push(earlier.rejected("merge.same_sentence"));
                        continue;
                    }
                }
                if let Some(prev) = merged.iter_mut().find(|p| {
                    p.event_type == e.event_type
                        && p.modality == e.modality
                        && (bare && (p.needs.is_empty() || p.needs == e.needs)
                            || p.targets == e.targets
                                && p.target_count == e.target_count
                                && p.target_description == e.target_description)
                }) {
                    // "gathered in the square and marched to the ministry":
                    // the event needs only what both triggers need
                    // ("gathered" needs civic context, "marched" nothing).
                    prev.needs.retain(|n| e.needs.contains(n));
                    if prev.penalty.is_none() {
                        prev.penalty = e.penalty.clone();
                    }
                    rejected.push(e.rejected("merge.same_sentence"));
                    continue;
                }
                merged.push(e);
            }
            // Inherit the episode's date from the previous sentence, when
            // this sentence gives no date of its own.
            let sentence_has_date = sentence_mentions
                .iter()
                .any(|m| m.kind == MentionKind::Date && sentence.contains(&m.span));
            // "They were later fined": the sentence moves in time.
            let moves_in_time = words
                .iter()
                .any(|(_, w)| self.lexicon.cues.time_shift.contains(&w.to_lowercase()));
            for e in merged
                .iter_mut()
                .filter(|e| e.date.is_none() && !sentence_has_date)
            {
                if let Some(date) = episode_date(&events, s_index, e, &memory) {
                    e.date = Some(date);
                    e.date_source = Some("episode");
                } else if let Some(date) = (!moves_in_time)
                    .then(|| restatement::penalty_restatement_date(&events, e))
                    .flatten()
                {
                    // "The two were fined 5,000 soms each" after "police
                    // fined A and B on 24 May": the incident's date.
                    e.date = Some(date);
                    e.date_source = Some("restatement");
                } else if let Some(date) = heading.clone() {
                    e.date = Some(date);
                    e.date_source = Some("heading");
                } else if sentences.len() <= SHORT_REPORT_SENTENCES && !moves_in_time {
                    if let Some(date) = report_date(text, sentences, mentions, sentence.start) {
                        e.date = Some(date);
                        e.date_source = Some("report");
                    }
                }
            }
            // "Police fired tear gas at protesters": their protest is
            // implied (events/implied.rs).
            if let Some(protest) = implied::implied_protest(&merged, &words, &self.lexicon.cues) {
                let at = merged.partition_point(|e| e.trigger.start < protest.trigger.start);
                merged.insert(at, protest);
            }
            for e in merged {
                if is_restatement(&events, &e) {
                    rejected.push(e.rejected("restatement.same_incident"));
                } else {
                    events.push(e);
                }
            }
        }
        let restated = restatement::restated_deaths(&events);
        if !restated.is_empty() {
            let mut is_restated = vec![false; events.len()];
            for i in restated {
                is_restated[i] = true;
            }
            let mut kept = Vec::with_capacity(events.len());
            for (e, restated) in events.into_iter().zip(is_restated) {
                if restated {
                    rejected.push(e.rejected("restatement.same_incident"));
                } else {
                    kept.push(e);
                }
            }
            events = kept;
        }
        if let Some(last) = sentences.len().checked_sub(1) {
            resolve_cataphora(&mut events, last, sentences, &all_groups, text);
        }
        // Roles are read only for the persons that events target (most
        // documents have none).
        let targeted: rustc_hash::FxHashSet<&str> = (events.iter())
            .flat_map(|e| e.targets.iter())
            .filter(|actor| actor.kind == "person")
            .map(|actor| actor.name.as_str())
            .collect();
        let roles = participants::person_roles(text, mentions, &targeted, &self.lexicon);
        for actor in events.iter_mut().flat_map(|e| e.targets.iter_mut()) {
            if actor.kind == "person" {
                actor.role = roles.get(&actor.name).cloned();
            }
        }
        for event in &mut events {
            event.categories = self.lexicon.categories.categorise(event);
        }
        evidence::assess_document(
            &mut events,
            text,
            tokens,
            &doc_words,
            sentences,
            mentions,
            &self.lexicon,
        );
        Extraction { events, rejected }
    }

    /// A surface that is both a noun and a verb ("arrest", "fine"): a
    /// determiner, possessive or preposition before it makes it a noun.
    fn choose_reading(
        &self,
        text: &str,
        tm: &TriggerMatch,
        words: &[(ByteSpan, &str)],
    ) -> Option<&Trigger> {
        let first = self.lexicon.trigger(tm.trigger)?;
        let Some(alt) = tm.alternative.and_then(|a| self.lexicon.trigger(a)) else {
            return Some(first);
        };
        let previous: Vec<String> = words
            .iter()
            .rev()
            .filter(|(s, _)| s.end <= tm.span.start)
            .take(2)
            .map(|(_, w)| w.to_lowercase())
            .collect();
        let nounish = previous.iter().map(String::as_str).any(|w| {
            matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "our"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "both"
                    | "earlier"
                    | "previous"
                    | "of"
                    | "for"
                    | "after"
                    | "before"
                    | "during"
                    | "following"
                    | "against"
                    | "since"
                    | "new"
                    | "first"
                    | "second"
                    | "latest"
                    | "recent"
                    | "mass"
                    | "arbitrary"
                    | "unlawful"
                    | "illegal"
                    | "on"
                    | "in"
                    | "with"
                    | "under"
                    | "into"
                    | "over"
                    | "what"
                    | "same"
                    | "all"
                    | "any"
                    | "no"
                    | "such"
                    | "other"
                    | "further"
                    | "criminal"
                    | "serious"
                    | "formal"
                    | "official"
            ) || w.ends_with("'s")
                || w.ends_with("’s")
        }) || text[..tm.span.start].ends_with("'s ")
            || text[..tm.span.start].ends_with("’s ")
            // "the charges carry sentences of up to 20 years".
            || previous
                .first()
                .is_some_and(|w| self.lexicon.cues.penalty_potential.contains(w))
            // "a $250,000 fine", "a 1,000 dlr fine": an amount before it.
            || previous
                .iter()
                .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
            || crate::tag::word_before(crate::tag::before_window(text, tm.span.start))
                .ends_with(|c: char| c.is_ascii_digit());
        let (noun, verb) = if first.is_noun {
            (first, alt)
        } else {
            (alt, first)
        };
        Some(if nounish { noun } else { verb })
    }

    #[allow(clippy::too_many_arguments)]
    fn read_trigger(
        &self,
        (doc, tokens): (&Document, &Tokens),
        sentence: ByteSpan,
        s_index: usize,
        span: ByteSpan,
        trigger: &Trigger,
        groups: &[&Group],
        words: &[(ByteSpan, &str)],
        event_nouns: &[ByteSpan],
        trigger_spans: &[ByteSpan],
        force_acts: &[ByteSpan],
        mentions: &[Mention],
        memory: &[Referent],
        default_country: Option<&Place>,
        pattern: Option<&patterns::PatternMatch>,
    ) -> Result<(Event, Referent), &'static str> {
        let text = doc.text.as_str();
        let cues = &self.lexicon.cues;
        let before: Vec<&(ByteSpan, &str)> =
            words.iter().filter(|(s, _)| s.end <= span.start).collect();
        let after: Vec<&(ByteSpan, &str)> =
            words.iter().filter(|(s, _)| s.start >= span.end).collect();
        let clause_start = clause_start(text, sentence, span, &before, cues);

        let candidate = guards::Candidate {
            text,
            sentence,
            span,
            trigger,
            groups,
            before: &before,
            after: &after,
            mentions,
            clause_start,
            lexicon: &self.lexicon,
            tokens,
        };
        // A pattern says what it means: the sense guards of single words
        // are not applied to it.
        if let Some(guard) = pattern
            .is_none()
            .then(|| guards::rejection(&candidate))
            .flatten()
        {
            return Err(guard);
        }
        let definite = trigger.is_noun
            && before.iter().rev().take(2).any(|(_, w)| {
                matches!(
                    w.to_lowercase().as_str(),
                    "the" | "this" | "that" | "these" | "both" | "their" | "his" | "her" | "its"
                )
            });

        // Voice.
        let passive =
            !trigger.is_noun && trigger.participle && roles::is_passive(text, span, &before, cues);
        let (subject_role, object_role, voice) = if pattern.is_some() {
            (Role::None, Role::None, "pattern")
        } else if trigger.is_noun {
            (Role::None, Role::None, "noun")
        } else if passive {
            (Role::Target, Role::None, "passive")
        } else {
            (
                trigger.subject,
                trigger.object,
                if trigger.subject == Role::Target {
                    "intransitive"
                } else {
                    "active"
                },
            )
        };

        let clause_groups: Vec<&Group> = groups
            .iter()
            .copied()
            .filter(|g| g.span.start >= clause_start && g.span.end <= span.start)
            .collect();
        let subject = subject_group(text, &clause_groups, clause_start);
        let direct_object = roles::object_group(text, groups, span, sentence);
        let appositive = match direct_object {
            Some(_) => None,
            None => roles::appositive_object(text, groups, span, sentence, &self.lexicon),
        };
        let object = direct_object.or(appositive.as_ref());
        let by_agent = groups.iter().copied().find(|g| {
            g.span.start >= span.end
                && text[span.end..g.span.start].split_whitespace().count() <= 8
                && {
                    let gap = &text[span.end..g.span.start];
                    gap.trim_end().ends_with(" by") || gap.trim() == "by"
                }
        });

        let mut target_group: Option<&Group> = None;
        let mut agent_group: Option<&Group> = None;
        let mut how = Attachments::default();
        match (subject_role, object_role) {
            _ if pattern.is_some() => {
                target_group = pattern.and_then(|p| p.target);
                agent_group = pattern.and_then(|p| p.agent);
                how.targets = "the {target} slot of the pattern";
                how.agents = "the {agent} slot of the pattern";
                // Without an {agent} slot, a verb's subject is its agent,
                // as for any trigger whose entry says so ("Security
                // services have held X incommunicado").
                let agent_slot = self
                    .lexicon
                    .pattern(trigger.entry)
                    .is_some_and(|p| p.has_slot(patterns::SlotKind::Agent));
                if !agent_slot && !trigger.is_noun && trigger.subject == Role::Agent {
                    agent_group = subject;
                    how.agents = "the subject of the clause (the pattern has no {agent} slot)";
                }
            }
            _ if trigger.is_noun => {
                // "the arrest of X", "X's arrest", "their trial", "by police".
                target_group = groups.iter().copied().find(|g| {
                    g.span.start >= span.end && {
                        let gap = text[span.end..g.span.start].trim();
                        gap == "of" || gap == "of the" || gap == "against" || gap == "of the two"
                    }
                });
                how.targets = "after the noun and 'of' or 'against' (\"the arrest of X\")";
                if target_group.is_none() {
                    target_group = groups.iter().copied().find(|g| {
                        g.possessive
                            && g.span.end <= span.start
                            && text[g.span.end..span.start].split_whitespace().count() <= 3
                    });
                    how.targets = "a possessive before the noun (\"X's arrest\")";
                }
                let subject_is_agent = subject.is_some_and(|g| {
                    g.members.iter().all(|m| {
                        matches!(
                            m.part,
                            Part::Agent { .. } | Part::Organisation { state: true, .. }
                        )
                    })
                });
                if target_group.is_none()
                    && !subject_is_agent
                    && !possessive_before(&before, clause_start)
                {
                    target_group = subject;
                    how.targets = "the subject of the noun's clause";
                }
                agent_group = by_agent;
                how.agents = "a 'by' phrase after the trigger";
            }
            (Role::Target, _) => {
                target_group = subject;
                how.targets = if passive {
                    "the subject of the passive verb"
                } else {
                    "the subject of the clause (the entry's subject=target)"
                };
                agent_group = by_agent;
                how.agents = "a 'by' phrase after the trigger";
            }
            (Role::Agent, Role::Target) => {
                agent_group = subject;
                how.agents = "the subject of the clause (the entry's subject=agent)";
                target_group = object;
                how.targets = if direct_object.is_some() {
                    "the object of the verb"
                } else {
                    "a group set off after the verb (\"detained two people, X and Y\")"
                };
            }
            (Role::Agent, _) => {
                agent_group = subject;
                how.agents = "the subject of the clause (the entry's subject=agent)";
            }
            _ => {}
        }
        // Possessive pronouns before the trigger ("their trial began",
        // "their involvement in organising protests").
        let possessive_pronoun = target_group.is_none() && possessive_before(&before, clause_start);

        // Targets.
        let mut referent = Referent {
            sentence: s_index,
            ..Referent::default()
        };
        if let Some(g) = target_group {
            fill_from_group(g, &mut referent, memory, s_index, text);
            if referent.via_reference {
                how.targets =
                    "a back-reference (\"the two\", \"they\") to a group of an earlier sentence";
            }
        } else if possessive_pronoun {
            how.targets = "a possessive pronoun (\"their trial\") resolved to an earlier group";
            let plural = before
                .iter()
                .rev()
                .take(6)
                .any(|(_, w)| w.eq_ignore_ascii_case("their"));
            if let Some(found) = resolve(
                memory,
                if plural { None } else { Some(1) },
                None,
                s_index,
                PRONOUN_WINDOW,
            ) {
                referent.names = found.names.clone();
                referent.count = found.size();
                referent.description = found.description.clone();
                referent.via_reference = true;
            }
        }
        // "killed in police firing", "injured in a baton charge by police":
        // the force named after the trigger says who used it.
        let use_of_force = is_use_of_force(trigger.event_type);
        if agent_group.is_none() && use_of_force {
            agent_group = force_agent(span, words, groups, cues);
            how.agents = "a state group named with the force after the trigger (\"killed in police firing\")";
        }
        // "police fired 70 rounds and lobbed teargas shells", "police
        // dispersed them with tear gas": a noun of force takes a state
        // subject of its clause as its agent when a verb of force, "used" or
        // "with" joins them and no verb of response does ("officials
        // condemned the attacks"; "police registered a case of murder"
        // names no killer).
        if agent_group.is_none() && use_of_force && trigger.is_noun {
            agent_group = subject.filter(|g| {
                let between: Vec<String> = before
                    .iter()
                    .filter(|(s, _)| s.start >= g.span.end)
                    .map(|(_, w)| w.to_lowercase())
                    .collect();
                // "police detained 300 people, beating many", "soldiers are
                // accused of fatally beating a man": a gerund after a comma
                // or "of" has the clause's subject as its own.
                let participle = text[span.start..span.end].ends_with("ing") && {
                    let mut lead = before.iter().rev().skip_while(|(_, w)| w.ends_with("ly"));
                    lead.next().is_some_and(|(s, w)| {
                        w.eq_ignore_ascii_case("of") || text[s.end..span.start].contains(',')
                    })
                };
                is_state_group(g)
                    && (participle
                        || between.iter().any(|w| {
                            cues.force_verb.contains(w)
                                || matches!(w.as_str(), "used" | "using" | "uses" | "with")
                        })
                        || force_acts
                            .iter()
                            .any(|t| t.start >= g.span.end && t.end <= span.start))
                    && !between.iter().any(|w| cues.response_verb.contains(w))
            });
            how.agents = "the state subject of a verb of force (\"police fired tear gas\")";
        }

        // An agent named as a target is no target ("Police ... police").
        let agents = agent_group.map(agents_of).unwrap_or_default();
        referent.names.retain(|a| !agents.contains(a));
        if agents.is_empty() {
            how.agents = "none found";
        }
        if referent.names.is_empty() && referent.count.is_none() && referent.description.is_none() {
            how.targets = "none found";
        }

        // Modality. "faces charges" is a charge that happened.
        how.modality = if trigger.modality.is_some() {
            "the trigger entry (modality=)"
        } else {
            "the words before the trigger in its clause (negation, possibility, plans)"
        };
        let modality = trigger.modality.unwrap_or_else(|| {
            let reading = modality::Reading {
                clause_start,
                sentence_start: sentence.start,
                span,
                before: &before,
                after: &after,
                noun: trigger.is_noun,
                penalty_noun: trigger.is_noun && matches!(trigger.event_type, "fine" | "sentence"),
                tokens,
            };
            modality(text, &reading, mentions, cues)
        });
        let modality = if modality == "potential"
            && trigger.event_type == "charge"
            && before.last().is_some_and(|(_, w)| {
                matches!(
                    w.to_lowercase().as_str(),
                    "face" | "faces" | "facing" | "faced" | "serious" | "criminal"
                )
            }) {
            how.modality = "'face(s) charges': the charge happened";
            "asserted"
        } else {
            modality
        };

        // Date.
        let proceedings = matches!(trigger.event_type, "charge" | "trial" | "sentence" | "fine");
        let others = dating::OtherTriggers {
            offence_nouns: if proceedings { event_nouns } else { &[] },
            all: trigger_spans,
            event_nouns,
        };
        let choice = choose_date(
            text,
            sentence,
            span,
            mentions,
            &self.lexicon,
            words,
            &others,
        );
        let date = choice.chosen.map(|(at, value, typed)| {
            let day = doc
                .published
                .and_then(|published| dating::weeks_ago_day(&typed, published));
            match day {
                Some(day) => (
                    at,
                    day.format("%Y-%m-%d").to_string(),
                    DateValue::of_day(day),
                ),
                None => (at, value, typed),
            }
        });
        // "a week of strike action beginning on April 3", written in March:
        // an event of a day to come has not happened yet.
        let modality = if modality == "asserted"
            && date
                .as_ref()
                .zip(doc.published)
                .is_some_and(|((_, _, typed), published)| {
                    modality::after_publication(typed, published)
                }) {
            how.modality = "its date is after the publication date";
            "potential"
        } else {
            modality
        };

        // The type, when the words around the trigger say more than its
        // entry (events/typing.rs).
        let event_type = typing::event_type(&typing::Context {
            trigger,
            before: &before,
            after: &after,
            words,
            agents: &agents,
            target_group,
            cues,
        });

        // Penalty.
        let penalty = if matches!(event_type, "sentence" | "fine") {
            // A pattern's penalty is read after its anchor ("sentenced
            // {target} to {duration}").
            let at = pattern.map_or(span, |p| p.anchor);
            penalty::penalty_for(text, sentence, at, trigger, mentions, &self.lexicon)
        } else {
            None
        };

        // Location: the sentence's place, else the document's country.
        let sentence_places = sentence_places(mentions, sentence, &self.lexicon.country_names);
        let place_in_sentence = sentence_places.is_some();
        how.location = if place_in_sentence {
            "a place named in the sentence"
        } else if default_country.is_some() {
            "the document's country (no place in the sentence)"
        } else {
            "none found"
        };
        let locations = sentence_places
            .or_else(|| default_country.cloned().map(|p| vec![p]))
            .unwrap_or_default();

        let target_count = referent
            .count
            .or_else(|| (!referent.names.is_empty()).then_some(referent.names.len() as u64));
        let event = Event {
            event_type,
            modality,
            trigger: span,
            sentence: s_index,
            date_source: date.as_ref().map(|_| "sentence"),
            date: date.map(|(at, value, _)| (at, value)),
            targets: referent.names.clone(),
            target_count,
            target_description: referent.description.clone(),
            agents,
            locations,
            penalty,
            rule: format!("{event_type}.{voice}"),
            definite_noun: definite
                && target_group
                    .is_none_or(|g| g.members.iter().all(|m| !matches!(m.part, Part::Person(_)))),
            further_incident: before
                .iter()
                .rev()
                .take_while(|(s, _)| s.start >= clause_start)
                .take(3)
                .any(|(_, w)| cues.further.contains(&w.to_lowercase()))
                || after
                    .first()
                    .is_some_and(|(_, w)| w.eq_ignore_ascii_case("again")),
            place_in_sentence,
            trigger_entry: trigger.entry_name(),
            evidence: evidence::Evidence::default(),
            confidence: 0.0,
            // What the entry asks of its object holds for its own type only
            // ("banned the march" needs no organisation).
            needs: trigger
                .needs
                .iter()
                .copied()
                .filter(|n| {
                    event_type == trigger.event_type || !matches!(*n, "media" | "organisation")
                })
                .collect(),
            trigger_entry_index: Some(trigger.entry),
            attached: how,
            dates_passed_over: choice.passed_over,
            categories: categories::Categories::default(),
        };
        Ok((event, referent))
    }
}

/// The spans of a document's person and organisation names: a trigger
/// inside one ("Hunger Strike Committee") is no trigger, for `extract` and
/// for the trigger mentions alike.
struct NameSpans {
    /// In order of their starts.
    spans: Vec<ByteSpan>,
    /// The furthest end among the first i+1 spans.
    furthest_end: Vec<usize>,
}

impl NameSpans {
    fn new(mentions: &[Mention]) -> NameSpans {
        let spans: Vec<ByteSpan> = mentions
            .iter()
            .filter(|m| matches!(m.kind, MentionKind::Person | MentionKind::Organisation))
            .map(|m| m.span)
            .collect();
        let furthest_end = spans
            .iter()
            .scan(0, |end, s| {
                *end = s.end.max(*end);
                Some(*end)
            })
            .collect();
        NameSpans {
            spans,
            furthest_end,
        }
    }

    /// Whether `span` overlaps a name: one that starts before its end
    /// reaches past its start (a binary search, so a long document stays
    /// linear).
    fn overlap(&self, span: ByteSpan) -> bool {
        let before_end = self.spans.partition_point(|s| s.start < span.end);
        before_end > 0 && self.furthest_end[before_end - 1] > span.start
    }
}

/// Where the words `run` (a run of a pattern, `patterns.rs`) end if they
/// stand in `text` from `at` on (after spaces), within the sentence: matched
/// as trigger phrases are (a lower-case run in any case, one with a capital
/// as written or in capitals), ending at a word boundary.
fn words_at(text: &str, sentence: ByteSpan, run: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..sentence.end)?;
    let start = at + (rest.len() - rest.trim_start().len());
    let end = start + run.len();
    let found = text.get(start..end)?;
    let same = if run.chars().any(char::is_uppercase) {
        found == run || found == run.to_uppercase()
    } else if run.is_ascii() {
        found.eq_ignore_ascii_case(run)
    } else {
        found.to_lowercase() == run
    };
    (same && crate::gazetteer::at_word_boundaries(text, ByteSpan::new(start, end), run))
        .then_some(end)
}

/// How many bytes before a trigger the words that choose its reading (noun
/// or verb) are read from, for its mention: more than two words.
const READING_WINDOW: usize = 64;

/// A stable id: FNV-1a over the document id, the type and the trigger's
/// character offsets (the same input gives the same id on any run).
pub fn event_id(doc_id: &str, event_type: &str, start: usize, end: usize) -> String {
    let hash = fnv1a(
        doc_id
            .bytes()
            .chain([0])
            .chain(event_type.bytes())
            .chain([0])
            .chain(start.to_le_bytes())
            .chain(end.to_le_bytes()),
    );
    format!("{hash:016x}")
}

/// 64-bit FNV-1a of `bytes`: the hash of event ids and incident ids.
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf29ce484222325, |hash, byte| {
        (hash ^ byte as u64).wrapping_mul(0x100000001b3)
    })
}

/// Event types that are a use of force against people: their agent may
/// be named by the force used ("killed in police firing").
fn is_use_of_force(event_type: &str) -> bool {
    matches!(
        event_type,
        "killing" | "assault" | "ill_treatment" | "protest_restriction"
    )
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Origin};
    use crate::gazetteer::Gazetteers;
    use crate::pipeline::{Pipeline, Stages};

    fn pipeline() -> &'static Pipeline {
        static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
        PIPELINE.get_or_init(|| {
            Pipeline::new(&Gazetteers::embedded().expect("gazetteers"), Stages::Events)
                .expect("the embedded gazetteers build")
        })
    }

    /// (type, modality, trigger, date, targets, count, agents, penalty duration or amount)
    type Row = (
        String,
        String,
        String,
        Option<String>,
        Vec<String>,
        Option<u64>,
        Vec<String>,
        Option<String>,
    );

    /// A test document, published on 1 November 2016.
    fn document(text: &str) -> Document {
        Document {
            id: "t".into(),
            text: text.into(),
            published: chrono::NaiveDate::from_ymd_opt(2016, 11, 1),
            meta: Default::default(),
            origin: Origin {
                path: "t".into(),
                line: None,
            },
        }
    }

    fn events(text: &str) -> Vec<Row> {
        let analysis = pipeline().analyse(&document(text));
        analysis
            .events
            .iter()
            .map(|e| {
                (
                    e.event_type.to_string(),
                    e.modality.to_string(),
                    e.trigger.slice(text).to_string(),
                    e.date.as_ref().map(|(_, v)| v.clone()),
                    e.targets.iter().map(|t| t.name.clone()).collect(),
                    e.target_count,
                    e.agents.iter().map(|a| a.name.clone()).collect(),
                    e.penalty.as_ref().map(|p| {
                        p.duration.clone().unwrap_or_else(|| {
                            format!(
                                "{} {}",
                                p.amount.unwrap_or(0.0),
                                p.currency.clone().unwrap_or_default()
                            )
                        })
                    }),
                )
            })
            .collect()
    }

    fn find<'r>(rows: &'r [Row], event_type: &str) -> &'r Row {
        rows.iter()
            .find(|r| r.0 == event_type)
            .unwrap_or_else(|| panic!("no {event_type} event in {rows:?}"))
    }

    /// "the women" (a back-reference) and the role noun after it, which
    /// the document's role nouns read as part of "women journalists".
    #[test]
    fn a_role_noun_after_a_back_reference_is_its_description() {
        let text = "Police detained the women journalists on Monday in Almaty.";
        let analysis = pipeline().analyse(&document(text));
        let descriptions: Vec<Option<&str>> = (analysis.events.iter())
            .map(|e| e.target_description.as_deref())
            .collect();
        assert_eq!(descriptions, [Some("journalists")], "{:?}", analysis.events);
    }

    #[test]
    fn active_and_passive_voice_give_the_same_roles() {
        let active = events("Police arrested nine activists in Almaty.");
        let passive = events("Nine activists were arrested by police in Almaty.");
        for rows in [&active, &passive] {
            let arrest = find(rows, "arrest");
            assert_eq!(arrest.5, Some(9), "{rows:?}");
            assert!(
                arrest
                    .6
                    .iter()
                    .any(|a| a.to_lowercase().starts_with("police")),
                "{rows:?}"
            );
        }
    }

    #[test]
    fn relative_clause_and_coordination() {
        let rows =
            events("Timur Bekov, who was detained by police on Monday, was fined 200 euros.");
        let arrest = find(&rows, "arrest");
        assert_eq!(arrest.4, ["Timur Bekov"]);
        assert_eq!(arrest.3.as_deref(), Some("2016-10-31"));
        let fine = find(&rows, "fine");
        assert_eq!(fine.4, ["Timur Bekov"]);
        assert_eq!(fine.7.as_deref(), Some("200 EUR"));

        let rows = events(
            "Authorities prosecuted Aigerim Nurlanova and Timur Bekov and fined them 300 euros.",
        );
        for event_type in ["charge", "fine"] {
            let e = find(&rows, event_type);
            assert_eq!(
                e.4,
                ["Aigerim Nurlanova", "Timur Bekov"],
                "{event_type}: {rows:?}"
            );
            assert_eq!(e.5, Some(2));
        }
    }

    #[test]
    fn a_counted_group_takes_the_names_of_the_next_sentence_when_they_are_as_many() {
        let text = "On 3 May, the court sentenced three activists to prison. \
                    Aigerim Nurlanova, 27, was sentenced to seven years, and Timur Bekov, 31, \
                    and Dana Serikova, 28, to three years each.";
        let rows = events(text);
        let sentence = find(&rows, "sentence");
        assert_eq!(
            sentence.4,
            ["Aigerim Nurlanova", "Timur Bekov", "Dana Serikova"]
        );
        // Two names for a group of three: no names.
        let text = "On 3 May, the court sentenced three activists to prison. \
                    Aigerim Nurlanova, 27, was sentenced to seven years, and Timur Bekov to three.";
        assert!(find(&events(text), "sentence").4.is_empty());
    }

    #[test]
    fn a_counted_group_takes_the_names_of_a_sentence_that_says_who_they_are() {
        let text = "Three activists were sentenced to prison on 3 May. \
                    They had pleaded guilty. \
                    The activists are Aigerim Nurlanova, a former treasurer of the union; \
                    Timur Bekov; and Dana Serikova, a student.";
        let rows = events(text);
        assert_eq!(
            find(&rows, "sentence").4,
            ["Aigerim Nurlanova", "Timur Bekov", "Dana Serikova"]
        );
    }

    #[test]
    fn a_numbered_back_reference_takes_the_persons_of_the_last_sentence_naming_any() {
        let text = "Police detained Aigerim Nurlanova, who was with her lawyer Timur Bekov \
                    and the students Dana Serikova and Arman Ospanov. \
                    The four were arrested outside the court on 3 May.";
        let rows = events(text);
        let arrest = rows
            .iter()
            .find(|r| r.0 == "arrest" && r.2 == "arrested")
            .expect("the second arrest");
        assert_eq!(
            arrest.4,
            [
                "Aigerim Nurlanova",
                "Timur Bekov",
                "Dana Serikova",
                "Arman Ospanov"
            ]
        );
    }

    #[test]
    fn back_references_resolve_to_the_named_group() {
        let text = "Aigerim Nurlanova and Timur Bekov were arrested on 19th May. Both activists face up to ten years in prison.";
        let rows = events(text);
        let sentence = find(&rows, "sentence");
        assert_eq!(sentence.1, "potential");
        assert_eq!(sentence.4, ["Aigerim Nurlanova", "Timur Bekov"]);
        assert_eq!(sentence.7.as_deref(), Some("P10Y"));
    }

    /// Every event of `text`, whatever its confidence: (type, confidence,
    /// evidence names).
    fn assessed(text: &str) -> Vec<(String, f64, Vec<String>)> {
        static ALL: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
        let pipeline = ALL.get_or_init(|| {
            Pipeline::new(&Gazetteers::embedded().expect("gazetteers"), Stages::Events)
                .expect("the embedded gazetteers build")
                .with_min_confidence(0.0)
        });
        pipeline
            .analyse(&document(text))
            .events
            .iter()
            .map(|e| (e.event_type.to_string(), e.confidence, e.evidence.names()))
            .collect()
    }

    #[test]
    fn other_senses_of_trigger_words_score_low_and_are_not_written() {
        for text in [
            "Bonds rallied on Tuesday as prices rose on the stock market.",
            "The company released its quarterly earnings figures on Monday.",
            "The earthquake killed 30 people in the coastal region.",
            "The champion beat the top seed 6-3 6-4 in the final match.",
        ] {
            let all = assessed(text);
            assert!(
                all.iter()
                    .all(|(_, c, _)| *c < super::evidence::DEFAULT_MIN_CONFIDENCE),
                "{text}: {all:?}"
            );
            assert!(events(text).is_empty(), "{text}");
        }
        let all = assessed("Bonds rallied on Tuesday as prices rose on the stock market.");
        assert!(
            all[0].2.contains(&"other_domain:markets".to_string()),
            "{all:?}"
        );
    }

    #[test]
    fn an_affiliation_after_a_listed_name_does_not_end_the_list() {
        let rows = events(
            "The journalists, Ali Karimov of the Daily Star Weekly, Nigora Saidova of the \
             Valley Courier and Timur Bekov were detained on Monday.",
        );
        assert_eq!(
            find(&rows, "arrest").4,
            vec!["Ali Karimov", "Nigora Saidova", "Timur Bekov"]
        );
        // An affiliation no tagger knows ("of KTK").
        let rows = events(
            "The journalists, Ali Karimov of KTK, Nigora Saidova of the AFP and Timur Bekov \
             were detained on Monday.",
        );
        assert_eq!(
            find(&rows, "arrest").4,
            vec!["Ali Karimov", "Nigora Saidova", "Timur Bekov"]
        );
    }

    #[test]
    fn targets_named_in_apposition_or_before_an_insertion() {
        let cases = [
            (
                "Police detained the head of the regional office of the Union of Teachers, \
                 Bakhyt Ormanov, who had planned to rally outside the ministry.",
                "arrest",
                "Bakhyt Ormanov",
            ),
            (
                "Police detained student Sok Dara on Monday. Dara, described by friends as \
                 a quiet reader, was charged with incitement on Tuesday.",
                "charge",
                "Sok Dara",
            ),
            (
                "A second journalist, Leyla Farzin, also detained on 4 March, was sentenced \
                 to eight months in prison on 29 March.",
                "arrest",
                "Leyla Farzin",
            ),
        ];
        for (text, kind, name) in cases {
            let rows = events(text);
            let row = find(&rows, kind);
            assert!(row.4.iter().any(|t| t == name), "{text}: {rows:?}");
        }
    }

    #[test]
    fn a_death_is_a_killing_only_next_to_violence() {
        let all = assessed("The former president died on Monday aged 84, his family said.");
        assert!(
            all.iter().any(|(k, c, e)| k == "killing"
                && *c == 0.0
                && e.contains(&"unmet:violence".to_string())),
            "{all:?}"
        );
        assert!(events("The former president died on Monday aged 84, his family said.").is_empty());
        // A report of a match that names no sport word in the sentence.
        let text = "The striker scored twice in the cup match. The club won the league \
                    title last season. The coach praised the fans. He was injured late on.";
        assert!(events(text).is_empty(), "{:?}", assessed(text));
        // A death restating a killing told with a verb is not a second event.
        let rows = events(
            "Two soldiers died on Monday. They were killed when rebels attacked their base.",
        );
        assert_eq!(
            rows.iter().filter(|r| r.0 == "killing").count(),
            1,
            "{rows:?}"
        );
    }

    #[test]
    fn evidence_of_a_clear_event() {
        let all = assessed("Police detained two activists in Shymkent on Monday.");
        let (kind, confidence, evidence) = &all[0];
        assert_eq!(kind, "arrest");
        assert!(*confidence >= super::evidence::CLEAR_EVENT, "{all:?}");
        for name in [
            "specific_trigger",
            "human_target",
            "state_agent",
            "date",
            "place",
        ] {
            assert!(evidence.contains(&name.to_string()), "{name}: {all:?}");
        }
        // A trigger with other senses needs more support: a strike by
        // workers whose union speaks for them is one.
        let rows = events("Some 2,000 dockworkers began a strike on Monday, their union said.");
        assert_eq!(find(&rows, "protest").1, "asserted");
    }

    #[test]
    fn a_target_keeps_the_role_the_text_gives() {
        let doc = document(
            "Police detained independent journalist Dilnoza Rahimova on Monday. \
             Timur Bekov, a prominent lawyer, was also arrested. Aigerim Nurlanova was fined.",
        );
        let analysis = pipeline().analyse(&doc);
        let roles: Vec<(String, Option<String>)> = analysis
            .events
            .iter()
            .flat_map(|e| e.targets.iter())
            .map(|t| (t.name.clone(), t.role.clone()))
            .collect();
        assert!(
            roles.contains(&("Dilnoza Rahimova".into(), Some("journalist".into()))),
            "{roles:?}"
        );
        assert!(
            roles.contains(&("Timur Bekov".into(), Some("lawyer".into()))),
            "{roles:?}"
        );
        assert!(
            roles.contains(&("Aigerim Nurlanova".into(), None)),
            "{roles:?}"
        );
    }

    #[test]
    fn a_trigger_entry_says_what_it_needs() {
        // "picked up" needs a state agent (needs=state_agent).
        assert!(events("The singer picked up two awards at the ceremony on Monday.").is_empty());
        let rows = events("Two students were picked up by police in Almaty on Monday.");
        assert_eq!(find(&rows, "arrest").1, "asserted");
        let all = assessed("The singer picked up two awards at the ceremony on Monday.");
        assert!(
            all[0].2.contains(&"unmet:state_agent".to_string()),
            "{all:?}"
        );
        assert_eq!(all[0].1, 0.0);
        // "released" needs someone held (needs=held).
        for text in [
            "The band released a new single in November, and it sold well.",
            "The company said cooling water was released into the lake this morning.",
        ] {
            let all = assessed(text);
            assert!(
                all.iter().all(|e| e.2.contains(&"unmet:held".to_string())),
                "{text}: {all:?}"
            );
        }
        for text in [
            "The man was released when the officers checked his papers.",
            "Residents marched after the release of a villager on Monday.",
            "Two activists were arrested on Monday. The group was released on Tuesday.",
            "Rebels released the hostages on Friday.",
        ] {
            assert!(
                events(text).iter().any(|r| r.0 == "release"),
                "{text}: {:?}",
                assessed(text)
            );
        }
    }

    #[test]
    fn an_event_dated_to_a_day_to_come_has_not_happened() {
        // Published on 1 November 2016.
        let rows = events("The union announced a three-day strike starting on 19 November.");
        assert_eq!(find(&rows, "protest").1, "potential");
        let rows = events("Workers went on strike on 31 October.");
        assert_eq!(find(&rows, "protest").1, "asserted");
        // The date is the planned strike's, not the rally's.
        let rows = events("At a rally in the city, bank workers voted to strike on 24 November.");
        let rally = rows.iter().find(|r| r.2 == "rally").expect("a rally");
        assert_eq!((rally.1.as_str(), rally.3.as_deref()), ("asserted", None));
    }

    #[test]
    fn a_conditional_sentence_states_no_event() {
        let rows = events(
            "If convicted, Bekov could be fined up to 5,000 euros or jailed for three years.",
        );
        assert!(rows.iter().all(|r| r.1 == "potential"), "{rows:?}");
    }

    #[test]
    fn a_cue_word_inside_a_mention_or_after_a_determiner_is_no_cue() {
        // "May" the month, and "May" the surname, are no modal verb.
        let rows = events("On 12 May 2016, bakery workers rallied outside the mill.");
        assert_eq!(find(&rows, "protest").1, "asserted");
        let rows = events("In May police detained five activists in Minsk.");
        assert_eq!(find(&rows, "arrest").1, "asserted");
        let rows = events("Police said Theresa May was questioned on Monday.");
        assert_eq!(find(&rows, "harassment").1, "asserted");
        // "the will of": a noun, not the future of the event.
        let rows = events("Against the will of their families, police detained the two students.");
        assert_eq!(find(&rows, "arrest").1, "asserted");
        // The cue words still work where they are cue words.
        let rows = events("Police may detain the two students.");
        assert_eq!(find(&rows, "arrest").1, "potential");
        assert!(events("Police will detain the two students.").is_empty());
        // A cue phrase keeps its determiner: "an attempt to" is a cue.
        assert!(events("It was an attempt to intimidate the two students.").is_empty());
    }

    #[test]
    fn a_year_used_as_an_adjective_dates_its_noun_only() {
        let text = "On Wednesday, a court sentenced Ali Karimov to two years in prison over a 2013 sit-in.";
        let rows = events(text);
        assert_eq!(find(&rows, "sentence").3.as_deref(), Some("2016-10-26"));
        assert_eq!(find(&rows, "protest").3.as_deref(), Some("2013"));
    }

    #[test]
    fn a_limit_or_a_deferred_date_is_not_the_day_of_the_event() {
        let text = "A judge remanded Ali Karimov in custody until 5 December. \
                    His hearing was adjourned to 9 December.";
        let rows = events(text);
        assert_eq!(find(&rows, "arrest").3, None);
        assert_eq!(find(&rows, "trial").3, None);
        let rows = events("The city court adjourned the trial to 9 December.");
        assert_eq!(find(&rows, "trial").3, None);
        assert_eq!(find(&rows, "trial").1, "asserted");
    }

    #[test]
    fn a_date_after_the_offence_dates_the_offence_not_the_proceedings() {
        let rows = events(
            "Ali Karimov pleaded guilty to organising an unauthorised assembly on 3 May. \
             A court sentenced Nigora Saidova to a two-year prison sentence on 30 October.",
        );
        assert_eq!(find(&rows, "trial").3, None);
        assert_eq!(find(&rows, "protest").3.as_deref(), Some("2016-05-03"));
        assert_eq!(find(&rows, "sentence").3.as_deref(), Some("2016-10-30"));
    }

    #[test]
    fn a_further_incident_or_another_place_is_no_restatement() {
        let text = "Police detained protesters in Tashkent on Monday. \
                    Another activist was also detained. \
                    Police detained protesters in Samarkand. \
                    Police detained protesters in Samarkand.";
        let arrests: Vec<Row> = events(text)
            .into_iter()
            .filter(|r| r.0 == "arrest")
            .collect();
        // The second is a further incident, the third at another place; the
        // fourth restates the third.
        assert_eq!(arrests.len(), 3, "{arrests:?}");
    }

    #[test]
    fn an_act_by_other_hands_or_a_named_perpetrator_is_no_restatement() {
        // The mob's assault and the police's fire are two incidents.
        let text = "A mob attacked the police station with stones. \
                    Police opened fire.";
        let assaults = events(text)
            .into_iter()
            .filter(|r| r.0 == "assault")
            .count();
        assert_eq!(assaults, 2);
        // A later killing that names who killed tells what the first did not.
        let text = "Two people were killed in the district on Friday. \
                    Police said one person was killed in police firing.";
        let killings: Vec<Row> = events(text)
            .into_iter()
            .filter(|r| r.0 == "killing")
            .collect();
        assert_eq!(killings.len(), 2, "{killings:?}");
        // The same hands again: a restatement.
        let text = "Police opened fire on the crowd. \
                    Witnesses said police opened fire without warning.";
        let fire = events(text)
            .into_iter()
            .filter(|r| r.0 == "assault")
            .count();
        assert_eq!(fire, 1);
        // "Both attacks" refers back.
        let text = "Gunmen attacked villagers in two districts. Officials condemned both attacks.";
        let assaults = events(text)
            .into_iter()
            .filter(|r| r.0 == "assault")
            .count();
        assert_eq!(assaults, 1);
    }

    #[test]
    fn a_noun_of_force_takes_a_state_subject_only_through_a_verb_of_force() {
        let agents_of = |text: &str, event_type: &str| find(&events(text), event_type).6.clone();
        let police = vec!["Police".to_string()];
        assert_eq!(
            agents_of(
                "Police detained 300 people, beating many with clubs.",
                "assault"
            ),
            police
        );
        assert_eq!(
            agents_of(
                "Police dispersed the marchers with tear gas.",
                "protest_restriction"
            ),
            police
        );
        assert!(agents_of("Police condemned the attack on the villagers.", "assault").is_empty());
        assert!(agents_of(
            "Police registered a case of murder against the gang.",
            "killing"
        )
        .is_empty());
    }

    #[test]
    fn a_bare_mention_restates_only_a_recent_incident() {
        // Two reports of police fire, seven sentences apart, each bare.
        let filler = "The situation remained tense in the district. ".repeat(6);
        let text = format!("Police opened fire. {filler}Police opened fire.");
        let fire = events(&text)
            .into_iter()
            .filter(|r| r.2 == "opened fire")
            .count();
        assert_eq!(fire, 2);
        let text = "Police opened fire. The situation remained tense. \
                    Police opened fire.";
        let fire = events(text)
            .into_iter()
            .filter(|r| r.2 == "opened fire")
            .count();
        assert_eq!(fire, 1);
    }

    #[test]
    fn a_state_group_firing_in_a_clause_of_time_is_the_agent_of_the_killing() {
        let rows = events("One person was killed when the police fired 15 rounds in the old city.");
        let killing = find(&rows, "killing");
        assert_eq!(killing.6, vec!["police".to_string()]);
    }

    #[test]
    fn a_shutdown_or_block_needs_an_outlet_and_a_ban_an_organisation() {
        // (The events these rules keep are in EVENT_CASES.)
        for text in [
            "The regulator ordered the company to shut down the power plant.",
            "Protesters blocked a road in the city centre on Monday.",
            "A court blocked completion of the merger.",
            "Parliament approved a trade ban against the country.",
        ] {
            assert!(
                events(text)
                    .iter()
                    .all(|r| r.0 != "censorship" && r.0 != "organisation_restriction"),
                "{text}: {:?}",
                events(text)
            );
        }
    }

    /// Each guard with a text it rejects: (text, rule, trigger word).
    const GUARD_CASES: &[(&str, &str, &str)] = &[
        (
            "The opposition leader attacked the government's budget plans on Monday.",
            "guard.verbal_attack",
            "attacked",
        ),
        (
            "Three executives pleaded guilty to fraud charges on Monday.",
            "guard.charge_as_ground",
            "charges",
        ),
        (
            "Jailed tycoon Ali Karimov has sold his stake in the company.",
            "guard.status_adjective",
            "Jailed",
        ),
        (
            "Other strikes are being threatened by the teachers' union.",
            "guard.threat_of_action",
            "threatened",
        ),
        (
            "The coaches have been trying to arrest the decline of the team.",
            "guard.object_sense",
            "arrest",
        ),
        (
            "The union threatened to strike on Thursday.",
            "guard.threat_of_action",
            "threatened",
        ),
        (
            "Detaining suspects without trial is unlawful, the court ruled.",
            "guard.gerund_subject",
            "Detaining",
        ),
        (
            "The suspects currently detained are held at a prison near the capital.",
            "guard.status_participle",
            "detained",
        ),
        (
            "A strong earthquake killed two people in the north of the country.",
            "guard.natural_cause",
            "killed",
        ),
        (
            "Thirty people were killed in flooding in the south.",
            "guard.natural_cause",
            "were killed",
        ),
        (
            "The new Fine Gael leader spoke on Monday.",
            "guard.name_word",
            "Fine",
        ),
        (
            "The surgeon said he was fine after the operation.",
            "guard.fine_adjective",
            "fine",
        ),
        (
            "Ministers agreed the fine details of the accord.",
            "guard.fine_adjective",
            "fine",
        ),
        (
            "He told a Senate committee hearing that rates would rise.",
            "guard.non_court",
            "hearing",
        ),
        (
            "The office filed charges after hearing submissions by both sides.",
            "guard.hearing_verb",
            "hearing",
        ),
        (
            "The plan is unlikely to gather much support among ministers.",
            "guard.object_sense",
            "gather",
        ),
        (
            "The singer Ali Karimov said his new album was released on Monday.",
            "guard.release_of_thing",
            "released",
        ),
        (
            "A fire at the mine killed one miner, the company said.",
            "guard.natural_cause",
            "killed",
        ),
        (
            "Gunmen have killed 52 policemen and soldiers in the province this year.",
            "guard.aggregate_since",
            "killed",
        ),
        (
            "The singer died of a heart attack at his home on Monday.",
            "guard.natural_cause",
            "died",
        ),
        (
            "Riot police blocked the road to the square on Monday.",
            "guard.state_blockade",
            "blocked the road",
        ),
        (
            "Householders who injure or even kill intruders are rarely in the dock.",
            "guard.habitual",
            "kill",
        ),
        (
            "Police released photos of the two suspects on Monday.",
            "guard.object_sense",
            "released",
        ),
        (
            "In a statement released through her lawyer, the singer denied the claims.",
            "guard.release_of_thing",
            "released",
        ),
        (
            "A police spokesman in the city, one of the worst hit areas, said walls cracked.",
            "guard.status_participle",
            "hit",
        ),
        (
            "Since the start of the year, police have arrested 31 students and sentenced nine.",
            "guard.aggregate_since",
            "sentenced",
        ),
        (
            "They held small, dispersed rallies across the city on Sunday.",
            "guard.participle_adjective",
            "dispersed",
        ),
        (
            "The defendant rejected all the charges as politically motivated.",
            "guard.charge_as_ground",
            "charges",
        ),
        (
            "After beating three other singers to the best newcomer award, she thanked her fans.",
            "guard.contest_sense",
            "beating",
        ),
        (
            "The report lists the difficulties faced by regulators in convicting the guilty.",
            "guard.gerund_without_person",
            "convicting",
        ),
        (
            "The minister repeated his commitment to prosecuting fraud in the banking sector.",
            "guard.gerund_without_person",
            "prosecuting",
        ),
        (
            "Ministers are committed to outlawing ageism, leaving the old rules behind, Health Secretary Tom Reed said in London.",
            "guard.gerund_without_person",
            "outlawing",
        ),
        (
            "The farmers' union said it was unfair to charge growers for the new inspections.",
            "guard.evaluative_infinitive",
            "charge",
        ),
        (
            "Officials said it is illegal to protest within a mile of the palace.",
            "guard.evaluative_infinitive",
            "protest",
        ),
        (
            "Historians estimate that about 300,000 villagers were killed by the occupying army.",
            "guard.aggregate_toll",
            "were killed",
        ),
        (
            "The civil war has killed 2 million civilians since it began, aid groups say.",
            "guard.aggregate_toll",
            "killed",
        ),
        (
            "Insurers said the number killed in the disaster could rise as roads reopen.",
            "guard.natural_cause",
            "killed",
        ),
        (
            "Police vowed that they would jail anyone who tried to picket the embassy.",
            "guard.generic_relative",
            "picket",
        ),
        (
            "Under the new code, those who are charged with sedition face up to ten years.",
            "guard.generic_relative",
            "charged with",
        ),
        (
            "A cousin of jailed Uzbek blogger Aziz Karimov was questioned on Monday.",
            "guard.status_adjective",
            "jailed",
        ),
        (
            "Shopkeepers said they were apprehending trouble after the verdict.",
            "guard.object_sense",
            "apprehending",
        ),
        (
            "The minister apprehended that the ruling could cause unrest in the region.",
            "guard.object_sense",
            "apprehended",
        ),
        (
            "Officers were given sweeping powers to detain journalists without charge.",
            "guard.power_infinitive",
            "detain",
        ),
        (
            "The senator launched a scathing attack on the governor over the budget.",
            "guard.preceding_sense",
            "attack",
        ),
        (
            "The firm joined the European assault on the US market last year.",
            "guard.attack_on_abstraction",
            "assault",
        ),
        (
            "Raiders burned two huts, wounded a herder and killed nine goats near the river.",
            "guard.animal_victim",
            "killed",
        ),
        (
            "Several camels were also shot during the raid on the market.",
            "guard.animal_victim",
            "shot",
        ),
        (
            "Rebels said the sabotage attack near the capital was their third this month.",
            "guard.preceding_sense",
            "attack",
        ),
        (
            "The lawyer said his client had been cleared of highly damaging and unfounded charges.",
            "guard.charge_as_ground",
            "charges",
        ),
        (
            "After beating Anna Marie Kowalski, Jo Brand, Lucy Carter Smith and Mia Hart to the best female prize, she thanked her fans.",
            "guard.contest_sense",
            "beating",
        ),
        (
            "The track samples the band's 1980s hit about a lost summer.",
            "guard.verb_as_noun",
            "hit",
        ),
        (
            "Strike prices will rise in steps of two cents, the exchange said.",
            "guard.noun_as_modifier",
            "Strike",
        ),
        (
            "The minister was put in charge of the inquiry on Monday.",
            "guard.preceding_sense",
            "charge",
        ),
        (
            "The ministry released the full annual report on Monday.",
            "guard.object_sense",
            "released",
        ),
        (
            "The striker shot wide in the second minute, and police said nothing.",
            "guard.object_sense",
            "shot",
        ),
        (
            "Critics say the new rules kill the business model of local radio.",
            "guard.thing_object",
            "kill",
        ),
        (
            "The company executed contracts worth $5m with the city council.",
            "guard.thing_object",
            "executed",
        ),
        (
            "The lock was shown a yellow card for killing the ball near the line.",
            "guard.thing_object",
            "killing",
        ),
        (
            "Police seized shares held by the former owner on Monday.",
            "guard.thing_object",
            "seized",
        ),
        (
            "Hundreds signed a letter supporting two imprisoned Iranian bloggers.",
            "guard.status_adjective",
            "imprisoned",
        ),
        (
            "The winger was poised to strike when the defender intervened.",
            "guard.infinitive",
            "strike",
        ),
        (
            "Her school was threatened with closure by the council last year.",
            "guard.threat_of_action",
            "threatened",
        ),
        (
            "The unions threatened legal action over the pension plan.",
            "guard.threat_of_action",
            "threatened",
        ),
        (
            "In 2003, the rapper B-Murder was cleared by a jury.",
            "guard.name_word",
            "Murder",
        ),
        (
            "The judges said the rules were unlawful as they allowed detentions without trial.",
            "guard.generic_plural",
            "detentions",
        ),
        (
            "Delays in court hearings have left families waiting for years.",
            "guard.generic_plural",
            "court hearings",
        ),
        (
            "Trading in the region picked up, police said on Monday.",
            "guard.intransitive_particle",
            "picked up",
        ),
        (
            "Police cordoned off the district after the shooting on Monday.",
            "evidence.unmet_needs",
            "cordoned off",
        ),
    ];

    #[test]
    fn every_guard_case_is_rejected_by_its_guard() {
        assert_rejected(GUARD_CASES);
    }

    /// Events the guards and modality rules must keep, each with its type
    /// and, where the case is about it, its modality: the counterparts of
    /// [`GUARD_CASES`] (a threat of harm, a killing by people, a release
    /// from prison ...) and the modality cases.
    const EVENT_CASES: &[(&str, &str, Option<&str>)] = &[
        (
            "Police locked up 40 students overnight after the march on Monday.",
            "arrest",
            Some("asserted"),
        ),
        (
            "Police were ordered to arrest anyone breaking the curfew in the old city.",
            "arrest",
            Some("potential"),
        ),
        (
            "Police responded quickly to arrest 23 of the rioters in the market on Monday.",
            "arrest",
            Some("asserted"),
        ),
        (
            "It is not clear why the reporter was detained on Monday.",
            "arrest",
            Some("asserted"),
        ),
        (
            "Police raided the offices of the Daily Mirror on Monday.",
            "organisation_restriction",
            None,
        ),
        (
            "Police raided the independent Zarya daily in the capital on Monday.",
            "organisation_restriction",
            None,
        ),
        (
            "Armed herders continued their attacks on the farming communities of the valley on Monday.",
            "assault",
            None,
        ),
        (
            "On Monday the special police unit has attacked protesters in the market town.",
            "assault",
            None,
        ),
        (
            "Dozens of parents gathered outside the school on Monday to demand lower fees.",
            "protest",
            Some("asserted"),
        ),
        (
            "Dozens of traders gathered in the square on Monday and marched to the town hall.",
            "protest",
            Some("asserted"),
        ),
        (
            "The union has decided to stage a protest outside the ministry.",
            "protest",
            Some("potential"),
        ),
        (
            "Hundreds of nurses gathered on Monday to stage a protest outside the ministry.",
            "protest",
            Some("asserted"),
        ),
        (
            "On 3 May, a protest was held in the capital against new fuel taxes.",
            "protest",
            Some("asserted"),
        ),
        (
            "On 3 May, firefighters protested in the capital against budget cuts.",
            "protest",
            Some("asserted"),
        ),
        (
            "Bandits shot dead a herder near his cattle pen on Monday.",
            "killing",
            None,
        ),
        (
            "Armed men attacked cattle owners near the river on Sunday.",
            "assault",
            None,
        ),
        (
            "Masked militiamen tortured a party official in the village on Monday.",
            "assault",
            None,
        ),
        (
            "Two prisoners were tortured by guards in custody last week.",
            "ill_treatment",
            None,
        ),
        (
            "The editor survived an assassination attempt outside her home on Monday.",
            "assault",
            None,
        ),
        (
            "Soldiers whipped three traders at a checkpoint on Monday.",
            "assault",
            None,
        ),
        (
            "Youths threw stones at police officers outside the stadium on Saturday.",
            "assault",
            None,
        ),
        (
            "Gunmen killed 12 villagers and stole 20,000 dollars from the market on Monday.",
            "killing",
            None,
        ),
        (
            "Police said it was illegal, then arrested 12 protesters outside the court.",
            "arrest",
            None,
        ),
        (
            "The government moved on Monday towards outlawing the main opposition party.",
            "organisation_restriction",
            None,
        ),
        (
            "The blogger was jailed for questioning on Monday over a post about the army.",
            "arrest",
            None,
        ),
        (
            "A farmer was jailed last year for beating a protester outside his home.",
            "assault",
            None,
        ),
        (
            "Two guards are accused of torturing him in custody in March.",
            "ill_treatment",
            None,
        ),
        (
            "Four people were injured in a drive-by shooting by unknown gunmen.",
            "assault",
            None,
        ),
        (
            "Gunmen shot two villagers ahead of the election.",
            "assault",
            None,
        ),
        (
            "Unknown men threatened to kill the journalist Ali Karimov.",
            "harassment",
            None,
        ),
        (
            "Gunmen killed two villagers after the earthquake relief convoy left.",
            "killing",
            None,
        ),
        (
            "During a four-hour hearing, the judge heard arguments from both sides.",
            "trial",
            Some("asserted"),
        ),
        (
            "Two civilians were injured after gunmen opened fire in the market.",
            "assault",
            None,
        ),
        (
            "Gunmen killed a local trader in the village on Monday.",
            "killing",
            None,
        ),
        (
            "Police killed two protesters on Monday, the deadliest day this year.",
            "killing",
            None,
        ),
        (
            "Gunmen shot three taxi drivers on Monday. Two of them died in hospital.",
            "killing",
            None,
        ),
        (
            "An attack by 30 policemen led to the death of a woman on Monday.",
            "killing",
            None,
        ),
        (
            "On 7 May, unknown gunmen killed an unknown number of civilians.",
            "killing",
            None,
        ),
        (
            "On 21 January, insurgents attacked the village of Lumbo and burned huts.",
            "assault",
            None,
        ),
        (
            "Witnesses said Karimov attacked mourners with stones at the funeral.",
            "assault",
            None,
        ),
        (
            "On 29 April, soldiers assaulted a fruit seller in the market.",
            "assault",
            None,
        ),
        (
            "On 3 May, workers blocked the road to the factory, denouncing unpaid salaries.",
            "protest",
            None,
        ),
        (
            "Seven teachers were arrested while protesting in the capital on Monday.",
            "protest",
            None,
        ),
        (
            "Opposition supporters protested their exclusion from the election on Monday.",
            "protest",
            None,
        ),
        (
            // A sentence that opens with a character of several bytes.
            "Abcd€ police detained two activists on Monday.",
            "arrest",
            None,
        ),
        (
            "His lawyers said investigators had planted drugs in his home on 3 May.",
            "harassment",
            None,
        ),
        (
            "Police called the rallies illegal on Monday and detained 15 people.",
            "protest_restriction",
            None,
        ),
        (
            "Police said they hit the protesters with batons on Monday.",
            "assault",
            None,
        ),
        (
            "Witnesses saw her shot by a soldier at the checkpoint.",
            "assault",
            None,
        ),
        (
            "Ali Karimov was released from prison on Monday.",
            "release",
            None,
        ),
        (
            "A hearing at the district court has been set for 19 April.",
            "trial",
            Some("potential"),
        ),
        (
            "Court hearings in the case of Ali Karimov are scheduled to continue tomorrow.",
            "trial",
            Some("asserted"),
        ),
        (
            "Ali Karimov faces up to five years in jail and a $250,000 fine.",
            "fine",
            Some("potential"),
        ),
        (
            "The charges carry sentences of up to 15 years in prison.",
            "sentence",
            Some("potential"),
        ),
        (
            "The court refused to grant Ali Karimov a new trial.",
            "trial",
            Some("negated"),
        ),
        (
            "Authorities shut down the independent newspaper Vremya on Monday.",
            "censorship",
            None,
        ),
        (
            "The court banned the opposition party on Monday.",
            "organisation_restriction",
            None,
        ),
        (
            "The governor banned the march planned for Saturday.",
            "protest_restriction",
            None,
        ),
        (
            "Police cordoned off the square as the crowd grew on Monday.",
            "protest_restriction",
            None,
        ),
        (
            "The dockworkers' strike will affect three ports, the union of dockworkers said.",
            "protest",
            Some("potential"),
        ),
        (
            "A judge recommended that Ali Karimov be fined $5,000.",
            "fine",
            Some("potential"),
        ),
        (
            "Prosecutors said the charges against Ali Karimov would be filed next week.",
            "charge",
            Some("potential"),
        ),
        (
            "Ali Karimov, who was arrested on 15 May, faces criminal charges for organising a rally.",
            "charge",
            None,
        ),
        (
            "Students marched through the city to protest the fee rise on Monday.",
            "protest",
            None,
        ),
        (
            "Police killed the 25-year-old at a checkpoint on Monday.",
            "killing",
            None,
        ),
        (
            "Gunmen killed the head of the district council on Monday.",
            "killing",
            None,
        ),
        (
            "Protesters pelted stones at police in the capital on Monday.",
            "assault",
            None,
        ),
        (
            "Ali Karimov faces a maximum five years in jail and 1,000 dlr fine.",
            "fine",
            Some("potential"),
        ),
    ];

    #[test]
    fn every_event_case_is_found_with_its_modality() {
        for (text, event_type, modality) in EVENT_CASES {
            let rows = events(text);
            let row = find(&rows, event_type);
            if let Some(modality) = modality {
                assert_eq!(row.1, *modality, "{text}");
            }
        }
    }

    /// Each text's trigger word is rejected by the named rule.
    fn assert_rejected(cases: &[(&str, &str, &str)]) {
        for (text, rule, word) in cases {
            let rows = rejected(text);
            assert!(
                rows.contains(&(rule.to_string(), word.to_string())),
                "{text}: {rows:?}"
            );
        }
    }

    #[test]
    fn a_base_form_verb_of_force_joins_the_police_to_a_noun_of_force() {
        let rows =
            events("Police had to fire 31 rounds and lob six tear gas shells to scatter the mob.");
        assert_eq!(find(&rows, "protest_restriction").6, ["Police"], "{rows:?}");
        // "open" is no verb of force ("open control rooms").
        let rows = events("The army should open control rooms for the massacre survivors.");
        assert!(rows.iter().all(|r| r.6.is_empty()), "{rows:?}");
    }

    #[test]
    fn a_definite_charge_after_a_trial_names_the_same_case() {
        let text = "The trial of Ali Karimov began in Baku on 3 October. Rights groups say his \
                    prosecution is meant to silence critics.";
        let rows = events(text);
        assert!(rows.iter().any(|r| r.0 == "trial"), "{rows:?}");
        assert!(rows.iter().all(|r| r.0 != "charge"), "{rows:?}");
        // A charge of its own, with new targets, stays.
        let rows = events(
            "The trial of Ali Karimov began in Baku on 3 October. Prosecutors charged his \
             lawyer, Leyla Aliyeva, with contempt on 5 October.",
        );
        assert!(rows.iter().any(|r| r.0 == "charge"), "{rows:?}");
    }

    #[test]
    fn force_against_protesters_implies_their_protest_once() {
        let rows = events("Riot police fired tear gas at protesters in Mombasa on 3 October.");
        let protest = find(&rows, "protest");
        assert_eq!(protest.2, "protesters");
        assert_eq!(protest.3.as_deref(), Some("2016-10-03"));
        let rows = events("Security forces shot dead four demonstrators in the town on Friday.");
        assert_eq!(find(&rows, "protest").5, Some(4));
        // A protest reported just before is the one the protesters held.
        let rows = events(
            "Hundreds of nurses marched to the ministry on Tuesday. Police fired tear gas at \
             the protesters.",
        );
        assert_eq!(
            rows.iter().filter(|r| r.0 == "protest").count(),
            1,
            "{rows:?}"
        );
        // No protest when the sentence has one of its own.
        let rows = events("Police arrested 20 protesters at a rally in the capital on Monday.");
        let protests: Vec<_> = rows.iter().filter(|r| r.0 == "protest").collect();
        assert_eq!(protests.len(), 1, "{rows:?}");
        assert_eq!(protests[0].2, "rally");
    }

    #[test]
    fn in_a_market_report_a_civic_word_alone_does_not_make_a_rally_a_protest() {
        let market = "Copper prices rose 2% on Tuesday as traders bought futures. Shares in \
                      mining firms gained and the index closed higher. Worries about \
                      terrorism also fed the rally. Analysts said the market may cool.";
        assert!(
            events(market).iter().all(|r| r.0 != "protest"),
            "{:?}",
            events(market)
        );
        let protest = market.replace(
            "fed the rally",
            "fed the rally of farmers outside parliament",
        );
        let rows = events(&protest);
        assert!(rows.iter().any(|r| r.0 == "protest"), "{rows:?}");
    }

    #[test]
    fn about_or_over_before_a_count_approximates_it() {
        let rows = events("About 100 people were shot dead by police on Monday.");
        assert_eq!(find(&rows, "killing").5, Some(100));
        let rows = events("Over 80 people were detained in the capital on Monday.");
        assert_eq!(find(&rows, "arrest").5, Some(80));
    }

    #[test]
    fn a_date_written_at_the_opening_beats_a_holiday_name() {
        let rows = events(
            "On 1 May 2016, hundreds of workers from the state railway company and the port \
             marched on Labor Day to demand higher wages.",
        );
        assert_eq!(find(&rows, "protest").3.as_deref(), Some("2016-05-01"));
    }

    #[test]
    fn an_opening_date_dates_a_clause_of_place_but_not_one_of_a_person() {
        let rows = events(
            "On 1 August, soldiers took two civilians to the barracks, where they beat them severely.",
        );
        assert_eq!(find(&rows, "assault").3.as_deref(), Some("2016-08-01"));
        let rows = events(
            "On 1 August, Ali Karimov, who was sentenced to two years in prison, spoke to reporters.",
        );
        assert_eq!(find(&rows, "sentence").3, None);
        // A relative clause closed by a comma leaves the main clause to the
        // opening date.
        let rows = events(
            "On 4 October, about 30 nurses, most of whom were unpaid, held a protest outside \
             the ministry.",
        );
        assert_eq!(find(&rows, "protest").3.as_deref(), Some("2016-10-04"));
    }

    #[test]
    fn a_date_claimed_by_another_trigger_or_ahead_of_the_event_is_not_its_own() {
        let rows = events(
            "Ali Karimov, also detained on 4 March, was sentenced to two years in prison \
             on 29 October.",
        );
        assert_eq!(find(&rows, "sentence").3.as_deref(), Some("2016-10-29"));
        let rows = events("Nigora Saidova was charged with calling for the June 12 protests.");
        assert_eq!(find(&rows, "charge").3, None);
        let rows = events("Ahead of the holiday on 16 October, police detained three activists.");
        assert_eq!(find(&rows, "arrest").3, None);
    }

    /// (rule, trigger text) of the candidates that gave no event.
    fn rejected(text: &str) -> Vec<(String, String)> {
        pipeline()
            .analyse(&document(text))
            .rejected
            .iter()
            .map(|r| (r.rule.to_string(), r.trigger.slice(text).to_string()))
            .collect()
    }

    #[test]
    fn a_rejected_candidate_keeps_the_name_of_the_rule_that_rejected_it() {
        let rows = rejected(
            "The jailed blogger Ali Karimov was moved to another prison. \
             Amnesty called for the release of Karimov. \
             Police detained Ali Karimov and arrested him on Monday.",
        );
        let rule_of = |word: &str| {
            rows.iter()
                .find(|(_, t)| t == word)
                .map(|(r, _)| r.as_str())
                .unwrap_or_else(|| panic!("{word} not rejected: {rows:?}"))
        };
        assert_eq!(rule_of("jailed"), "guard.status_adjective");
        assert_eq!(rule_of("release"), "guard.not_event_cue");
        assert_eq!(rule_of("arrested"), "merge.same_sentence");
        // Every guard has a distinct name of the form guard.NAME.
        let names: std::collections::BTreeSet<&str> =
            super::guards::GUARDS.iter().map(|g| g.name).collect();
        assert_eq!(names.len(), super::guards::GUARDS.len());
        assert!(names.iter().all(|n| n.starts_with("guard.")));
    }

    #[test]
    fn tried_to_is_an_attempt_but_adjourned_to_is_a_hearing() {
        let rows = rejected("Police stopped anyone who tried to march on Monday.");
        assert!(
            rows.contains(&("guard.tried_to".into(), "tried".into())),
            "{rows:?}"
        );
        let rows = events("The hearing of Ali Karimov was adjourned to 9 December.");
        assert_eq!(find(&rows, "trial").0, "trial");
    }

    #[test]
    fn the_next_sentence_of_an_episode_inherits_its_date_but_no_further() {
        let text = "On 14th October, two students picketed the ministry. They were detained by police. They were later fined.";
        let rows = events(text);
        assert_eq!(find(&rows, "protest").3.as_deref(), Some("2016-10-14"));
        assert_eq!(find(&rows, "arrest").3.as_deref(), Some("2016-10-14"));
        assert_eq!(find(&rows, "fine").3, None);
    }

    #[test]
    fn modality() {
        assert_eq!(find(&events("No one was detained."), "arrest").1, "negated");
        assert_eq!(
            find(&events("The two activists were not charged."), "charge").1,
            "negated"
        );
        assert_eq!(
            find(&events("The activists could be fined."), "fine").1,
            "potential"
        );
        assert_eq!(
            find(&events("Timur Bekov was arrested on Monday."), "arrest").1,
            "asserted"
        );
        assert_eq!(
            find(&events("No arrests have been made in the case."), "arrest").1,
            "negated"
        );
    }

    #[test]
    fn calls_plans_and_figures_of_speech_are_no_events() {
        for text in [
            "Amnesty International called for their immediate release.",
            "Activists plan to rally next week.",
            "The law is an attack on press freedom.",
            "Riot police often use force to disperse peaceful sit-ins.",
            "Under the law, foreign nationals can be detained without trial.",
            "Talks resumed in an effort to avert a walkout.",
            "It fits a pattern of journalists being beaten and then prosecuted.",
        ] {
            assert!(events(text).is_empty(), "{text}: {:?}", events(text));
        }
    }

    #[test]
    fn penalties() {
        let rows = events("A court sentenced Timur Bekov to three to five years in prison.");
        let e = find(&rows, "sentence");
        assert_eq!(e.7.as_deref(), Some("P5Y"));
        let text = "Timur Bekov was sentenced to life imprisonment.";
        let doc = Document {
            id: "t".into(),
            text: text.into(),
            published: None,
            meta: Default::default(),
            origin: Origin {
                path: "t".into(),
                line: None,
            },
        };
        let analysis = pipeline().analyse(&doc);
        let penalty = analysis.events[0].penalty.as_ref().expect("a penalty");
        assert_eq!(
            (
                penalty.kind.as_str(),
                penalty.life,
                penalty.duration.as_deref()
            ),
            ("prison", Some(true), None)
        );
    }

    #[test]
    fn a_role_of_a_named_body_does_not_break_a_list_of_targets() {
        let rows = events(
            "Among those detained were opposition figures, including Peter Walusimbi, \
             head of the Liberal Party, and Grace Akello of the People's Forum.",
        );
        assert_eq!(
            find(&rows, "arrest").4,
            vec!["Peter Walusimbi", "Grace Akello"],
            "{rows:?}"
        );
    }

    #[test]
    fn an_untargeted_trigger_merges_into_a_later_one_with_targets() {
        let text = "A city court on Monday charged Sok Dara, 28, and Chan Vibol, 31, with \
                    incitement. If convicted, the accused could face up to two years in prison.";
        let rows = events(text);
        let sentences: Vec<_> = rows.iter().filter(|r| r.0 == "sentence").collect();
        assert_eq!(sentences.len(), 1, "{rows:?}");
        assert_eq!(sentences[0].4, vec!["Sok Dara", "Chan Vibol"], "{rows:?}");
        // An active trigger before an object the tagger did not read keeps
        // its own event ("the shot that killed Qoro Vantu").
        let rows = events(
            "But the shot that killed Qoro Vantu in 2001 was fired from a car, Mr \
             Brandt's murder trial was told.",
        );
        assert!(
            rows.iter().any(|r| r.0 == "killing" && r.2 == "killed"),
            "{rows:?}"
        );
    }

    #[test]
    fn a_dateline_and_a_day_the_event_comes_ahead_of_do_not_date_it() {
        for text in [
            "Lagos, October 3, 2016 - A court has jailed the publisher Musa Bello for two \
             years.",
            "(Nairobi, 12 October 2016) - Police detained the blogger Wanjiru Kamau.",
            "LAGOS, Oct 3 (Reuters) - Police detained five activists. The five were \
             charged with unlawful assembly.",
            "- Ahead of Constitution Day on 30th October, several activists in Aktobe were \
             detained and told to stay at home on that day.",
        ] {
            let rows = events(text);
            assert!(!rows.is_empty(), "{text}");
            assert!(rows.iter().all(|r| r.3.is_none()), "{text}: {rows:?}");
        }
        // A date written after the opening phrase still dates the event.
        let rows = events("On 3 October, police detained the blogger Wanjiru Kamau.");
        assert_eq!(rows[0].3.as_deref(), Some("2016-10-03"), "{rows:?}");
    }

    #[test]
    fn a_week_ago_dates_an_event_to_the_day() {
        // Published on 1 November 2016; any count the tagger reads, in words
        // or digits; an approximate count stays the week.
        for (when, date) in [
            ("a week ago in Nairobi", "2016-10-25"),
            ("two weeks ago", "2016-10-18"),
            ("four weeks ago", "2016-10-04"),
            ("4 weeks ago", "2016-10-04"),
            ("just a week ago", "2016-10-25"),
            ("about two weeks ago", "2016-W42"),
        ] {
            let rows = events(&format!("The blogger Wanjiru Kamau was detained {when}."));
            assert_eq!(find(&rows, "arrest").3.as_deref(), Some(date), "{rows:?}");
        }
    }

    #[test]
    fn a_date_heading_dates_what_follows_and_a_bracketed_year_names_its_noun() {
        let rows = events(
            "14 October. Two police officers beat a handcuffed youth in the market. \
             Residents later protested outside the station. Traders said the youth \
             had done nothing wrong. A curfew was ordered by the mayor.",
        );
        assert_eq!(
            find(&rows, "assault").3.as_deref(),
            Some("2016-10-14"),
            "{rows:?}"
        );
        let rows = events(
            "On 12 October 2016, hundreds of victims of the floods (2015) gathered outside \
             the governor's office to demand aid.",
        );
        assert_eq!(
            find(&rows, "protest").3.as_deref(),
            Some("2016-10-12"),
            "{rows:?}"
        );
    }

    #[test]
    fn a_penalty_told_later_takes_the_date_of_its_incident() {
        let rows = events(
            "Police in Osh fined the students Aibek Sadyrov and Nurlan Toktomushev on 14 \
             October for holding a picket. Their lawyer said the ruling was unfair. The \
             students study law at the city university. Rights groups have criticised \
             the police. The two were fined 3,000 soms each.",
        );
        let fines: Vec<_> = rows.iter().filter(|r| r.0 == "fine").collect();
        assert_eq!(fines.len(), 2, "{rows:?}");
        assert!(
            fines.iter().all(|r| r.3.as_deref() == Some("2016-10-14")),
            "{rows:?}"
        );
    }
}

/// `rules.tsv`: the named rules a user may switch off (issue 13).
#[cfg(test)]
mod switchable_rules {
    use crate::gazetteer::Gazetteers;
    use crate::pipeline::testing::analyse_with;
    use crate::pipeline::{Analysis, Stages};

    fn analyse(rules: Option<&str>, text: &str) -> Analysis {
        let files: Vec<(&str, &str)> = rules.map(|r| ("rules.tsv", r)).into_iter().collect();
        analyse_with(&files, text, Stages::Events)
    }

    #[test]
    fn rules_tsv_names_every_guard_and_dating_check() {
        let shipped = Gazetteers::embedded().unwrap();
        let listed = |kind: &str| -> Vec<String> {
            shipped
                .kind("rules", kind)
                .map(|e| e.surface.clone())
                .collect()
        };
        let guards: Vec<String> = super::guards::GUARDS
            .iter()
            .map(|g| g.name.to_string())
            .collect();
        assert_eq!(listed("guard"), guards);
        // The checks of dating.rs, as written in its table.
        let source = include_str!("dating.rs");
        let checks: Vec<String> = source
            .split("(\"dating.")
            .skip(1)
            .filter_map(|rest| {
                let (name, after) = rest.split_once('"')?;
                after.starts_with(", &|m").then(|| format!("dating.{name}"))
            })
            .collect();
        assert_eq!(checks.len(), 9, "{checks:?}");
        assert_eq!(listed("dating"), checks);
    }

    #[test]
    fn a_switched_off_guard_no_longer_rejects() {
        let text = "Officers released a statement on Friday.";
        let on = analyse(None, text);
        assert!(on.events.is_empty());
        assert_eq!(on.rejected[0].rule, "guard.object_sense");
        // Switched off, the next guard that applies decides.
        let off = analyse(Some("!guard.object_sense\t-\tguard\n"), text);
        assert_eq!(off.rejected[0].rule, "guard.release_of_thing");
        let both = "!guard.object_sense\t-\tguard\n!guard.release_of_thing\t-\tguard\n";
        let off = analyse(Some(both), text);
        assert!(
            off.rejected.iter().all(|r| !r.rule.starts_with("guard.")),
            "{:?}",
            off.rejected
        );
    }

    #[test]
    fn a_switched_off_dating_check_lets_its_date_through() {
        let text = "Police detained the activist, a spokesman told reporters on Wednesday.";
        let on = analyse(None, text);
        assert_eq!(on.events[0].date, None);
        assert_eq!(on.events[0].dates_passed_over[0].1, "dating.report_date");
        let off = analyse(Some("!dating.report_date\t-\tdating\n"), text);
        assert_eq!(
            off.events[0].date.as_ref().map(|(_, v)| v.as_str()),
            Some("2024-03-06")
        );
    }

    #[test]
    fn a_user_cannot_add_a_rule() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("rules.tsv"), "guard.my_own\t-\tguard\n").unwrap();
        let error = Gazetteers::with_overlay(dir.path()).unwrap_err();
        assert!(
            error.problem.contains("can only switch a shipped rule off"),
            "{error}"
        );
    }
}
