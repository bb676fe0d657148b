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
//! 5. **Penalty, modality, location, provenance, restatements** as described
//!    on the functions below.

pub mod evidence;
pub mod lexicon;
pub mod participants;
pub mod penalty;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::document::{ByteSpan, Document};
use crate::tag::{Mention, MentionKind};
use lexicon::{EventLexicon, Role, Trigger};
use participants::{groups, participants, words, Group, Part};
use penalty::Penalty;

/// A person or organisation an event happened to, or who did it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Actor {
    pub name: String,
    pub kind: &'static str,
    /// What a person is, from the role noun the text gives them
    /// ("independent journalist X", "X, a lawyer"): the `group=` of the
    /// descriptor in `person_descriptors.tsv`. Set once the document's
    /// events are assembled; absent when the text gives none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Place {
    pub name: String,
    pub country: String,
}

/// One event, in byte offsets.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub event_type: &'static str,
    pub modality: &'static str,
    pub trigger: ByteSpan,
    pub sentence: usize,
    /// The date mention: its span and TIMEX3 value.
    pub date: Option<(ByteSpan, String)>,
    /// How the date was chosen: "sentence" or "episode".
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
    /// What supports the event, and the confidence it gives (see
    /// [`evidence`]); set once the document's events are assembled.
    pub evidence: evidence::Evidence,
    pub confidence: f64,
    /// What the trigger entry requires (`needs=`); see [`evidence`].
    pub needs: Vec<&'static str>,
}

/// What an event's targets were resolved from, for the discourse memory.
#[derive(Clone, Debug, Default, PartialEq)]
struct Referent {
    names: Vec<Actor>,
    count: Option<u64>,
    description: Option<String>,
    sentence: usize,
    /// Came from a back-reference or pronoun (for date inheritance).
    via_reference: bool,
}

impl Referent {
    fn size(&self) -> Option<u64> {
        self.count
            .or_else(|| (!self.names.is_empty()).then_some(self.names.len() as u64))
    }
}

pub struct EventExtractor {
    lexicon: EventLexicon,
}

/// How many sentences back a pronoun or back-reference may reach.
const PRONOUN_WINDOW: usize = 3;
/// How far back a numbered back-reference ("the two") may reach.
const NUMBERED_WINDOW: usize = 10;
/// How many words before a trigger, within its clause, a negation or
/// possibility cue reaches ("could face between six months and two years
/// imprisonment").
const MODALITY_WINDOW: usize = 8;
/// A document of at most this many sentences is a short report ("On 3 May,
/// police dispersed ... They detained five."): its events are of one day, so
/// an undated one takes the last day-precise date before it, unless its
/// sentence moves in time ("They were later fined": `time_shift` cues).
const SHORT_REPORT_SENTENCES: usize = 4;
/// How far back a restatement may refer.
const RESTATEMENT_WINDOW: usize = 40;

/// The items of a position-sorted list that start inside `span`.
pub(crate) fn within<T>(items: &[T], key: impl Fn(&T) -> ByteSpan, span: ByteSpan) -> &[T] {
    let lo = items.partition_point(|x| key(x).start < span.start);
    let hi = items.partition_point(|x| key(x).start < span.end);
    &items[lo..hi.max(lo)]
}

impl EventExtractor {
    pub fn new(
        gazetteers: &crate::gazetteer::Gazetteers,
    ) -> Result<EventExtractor, crate::error::BuildError> {
        Ok(EventExtractor {
            lexicon: EventLexicon::new(gazetteers)?,
        })
    }

    /// The events of a document, given its sentences and mentions.
    pub fn extract(
        &self,
        doc: &Document,
        sentences: &[ByteSpan],
        mentions: &[Mention],
    ) -> Vec<Event> {
        let text = doc.text.as_str();
        let triggers = self.lexicon.find_triggers(text);
        if triggers.is_empty() {
            return Vec::new();
        }
        let all_participants = participants(text, mentions, &self.lexicon);
        let all_groups = groups(text, &all_participants);
        let default_country = default_country(mentions);
        let mut memory: Vec<Referent> = Vec::new();
        let mut events: Vec<Event> = Vec::new();

        for (s_index, sentence) in sentences.iter().enumerate() {
            if s_index > 0 {
                resolve_cataphora(&mut events, s_index - 1, sentences, &all_groups);
            }
            // Everything below looks only at this sentence's slice of the
            // document-wide lists (all sorted by position): work per
            // document stays linear in its length.
            memory.retain(|r| r.sentence + NUMBERED_WINDOW >= s_index);
            let sentence_mentions = within(mentions, |m| m.span, *sentence);
            let sentence_group_slice = within(&all_groups, |g| g.span, *sentence);
            let sentence_triggers: Vec<_> = within(&triggers, |t| t.span, *sentence)
                .iter()
                .filter(|t| sentence.contains(&t.span))
                .filter(|t| {
                    // A trigger inside a name ("Hunger Strike Committee") is no trigger.
                    !sentence_mentions.iter().any(|m| {
                        matches!(m.kind, MentionKind::Person | MentionKind::Organisation)
                            && m.span.overlaps(&t.span)
                    })
                })
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
            let words = words(text, *sentence);
            let mut sentence_events: Vec<Event> = Vec::new();
            for tm in &sentence_triggers {
                // Groups named before the trigger can be referred back to by it.
                remember_groups(
                    sentence_group_slice,
                    *sentence,
                    tm.span.start,
                    s_index,
                    &mut memory,
                );
                let Some(trigger) = self.choose_reading(text, tm, &words) else {
                    continue;
                };
                if let Some(event) = self.read_trigger(
                    doc,
                    *sentence,
                    s_index,
                    tm.span,
                    trigger,
                    &sentence_groups,
                    &words,
                    sentence_mentions,
                    &memory,
                    default_country.as_ref(),
                ) {
                    let (event, referent) = event;
                    memory.push(referent);
                    sentence_events.push(event);
                }
            }
            remember_groups(
                sentence_group_slice,
                *sentence,
                sentence.end,
                s_index,
                &mut memory,
            );
            // Several triggers of one type about the same targets in one
            // sentence are one event.
            let mut merged: Vec<Event> = Vec::new();
            for e in sentence_events {
                if let Some(prev) = merged.iter_mut().find(|p| {
                    p.event_type == e.event_type
                        && p.modality == e.modality
                        && p.targets == e.targets
                        && p.target_count == e.target_count
                        && p.target_description == e.target_description
                }) {
                    if prev.penalty.is_none() {
                        prev.penalty = e.penalty.clone();
                    }
                    continue;
                }
                merged.push(e);
            }
            // Inherit the episode's date from the previous sentence, when
            // this sentence gives no date of its own.
            let sentence_has_date = sentence_mentions
                .iter()
                .any(|m| m.kind == MentionKind::Date && sentence.contains(&m.span));
            for e in merged
                .iter_mut()
                .filter(|e| e.date.is_none() && !sentence_has_date)
            {
                if let Some(date) = episode_date(&events, s_index, e, &memory) {
                    e.date = Some(date);
                    e.date_source = Some("episode");
                } else if sentences.len() <= SHORT_REPORT_SENTENCES
                    && !words
                        .iter()
                        .any(|(_, w)| self.lexicon.cues.time_shift.contains(&w.to_lowercase()))
                {
                    if let Some(date) = report_date(mentions, sentence.start) {
                        e.date = Some(date);
                        e.date_source = Some("report");
                    }
                }
            }
            for e in merged {
                if !is_restatement(&events, &e) {
                    events.push(e);
                }
            }
        }
        if let Some(last) = sentences.len().checked_sub(1) {
            resolve_cataphora(&mut events, last, sentences, &all_groups);
        }
        let roles = participants::person_roles(text, mentions, &self.lexicon);
        for actor in events.iter_mut().flat_map(|e| e.targets.iter_mut()) {
            if actor.kind == "person" {
                actor.role = roles.get(&actor.name).cloned();
            }
        }
        evidence::assess_document(&mut events, text, sentences, mentions, &self.lexicon);
        events
    }

    /// A surface that is both a noun and a verb ("arrest", "fine"): a
    /// determiner, possessive or preposition before it makes it a noun.
    fn choose_reading(
        &self,
        text: &str,
        tm: &lexicon::TriggerMatch,
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
            || text[..tm.span.start].ends_with("’s ");
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
        doc: &Document,
        sentence: ByteSpan,
        s_index: usize,
        span: ByteSpan,
        trigger: &Trigger,
        groups: &[&Group],
        words: &[(ByteSpan, &str)],
        mentions: &[Mention],
        memory: &[Referent],
        default_country: Option<&Place>,
    ) -> Option<(Event, Referent)> {
        let text = doc.text.as_str();
        let cues = &self.lexicon.cues;
        let before: Vec<&(ByteSpan, &str)> =
            words.iter().filter(|(s, _)| s.end <= span.start).collect();
        let after: Vec<&(ByteSpan, &str)> =
            words.iter().filter(|(s, _)| s.start >= span.end).collect();
        let clause_start = clause_start(text, sentence, span, &before, cues);

        // Not an event: called for, planned, figurative, a status adjective.
        let clause_before = &text[clause_start..span.start];
        if self
            .lexicon
            .cues
            .phrases
            .find(clause_before)
            .iter()
            .any(|m| {
                let at = ByteSpan::new(clause_start + m.span.start, clause_start + m.span.end);
                self.lexicon.cues.phrases.entry(m.entry).kind == "not_event"
                    && !clause_before[m.span.end..].contains(',')
                    && is_cue_word(text, at, mentions, cues)
            })
        {
            return None;
        }
        let next_word = after.first().map(|(_, w)| w.to_lowercase());
        if trigger.is_noun && self.generic_noun_phrase(&before) {
            return None; // "the ongoing harassment of activists": a pattern
        }
        if trigger.is_noun
            && next_word
                .as_deref()
                .is_some_and(|w| cues.modifier.contains(w))
        {
            return None; // "protest rights": the trigger qualifies another noun
        }
        if trigger.is_noun
            && next_word.as_deref() == Some("on")
            && matches!(trigger.event_type, "assault" | "killing" | "censorship")
        {
            // "an attack on press freedom" (an attack on a person names them).
            let on_person = groups
                .iter()
                .any(|g| g.span.start > span.end && g.span.start <= span.end + 8);
            if !on_person {
                return None;
            }
        }
        if !trigger.is_noun
            && trigger.event_type == "charge"
            && next_word.as_deref() == Some("that")
        {
            return None; // "the NGO charged that ..."
        }
        if !trigger.is_noun && trigger.event_type == "trial" && next_word.as_deref() == Some("to") {
            return None; // "anyone who tried to demonstrate"
        }
        if !trigger.is_noun && trigger.event_type == "charge" && next_word.as_deref() == Some("at")
        {
            return None; // "police charged at him"
        }
        // A charge named only as the ground of another event ("arrested on
        // hooliganism charges", "on what charge"): no charging act.
        if trigger.event_type == "charge"
            && trigger.surface.split_whitespace().count() == 1
            && before
                .iter()
                .rev()
                .take(3)
                .any(|(_, w)| w.eq_ignore_ascii_case("on"))
        {
            return None;
        }
        // "sentenced to 15 days of administrative arrest": a penalty.
        if trigger.event_type == "arrest"
            && trigger.is_noun
            && before
                .last()
                .is_some_and(|(_, w)| w.eq_ignore_ascii_case("of"))
            && before.iter().rev().nth(1).is_some_and(|(_, w)| {
                matches!(
                    w.to_lowercase().as_str(),
                    "days" | "months" | "years" | "weeks" | "hours"
                )
            })
        {
            return None;
        }
        // Habits and figures of speech: "police often use force to
        // disperse ...", "beat X in an election".
        if before
            .iter()
            .filter(|(s, _)| s.start >= clause_start)
            .any(|(_, w)| cues.habitual.contains(&w.to_lowercase()))
        {
            return None;
        }
        if matches!(trigger.event_type, "assault" | "killing")
            && after.iter().take(7).any(|(_, w)| {
                matches!(
                    w.to_lowercase().as_str(),
                    "election"
                        | "elections"
                        | "vote"
                        | "poll"
                        | "polls"
                        | "race"
                        | "match"
                        | "game"
                )
            })
        {
            return None;
        }
        // An aggregate over a period ("Since the beginning of this year,
        // Vietnam has arrested at least 24 activists").
        let clause_text = &text[clause_start..sentence.end];
        if let Some(p) = clause_text.to_lowercase().find("since ") {
            let after_since = &clause_text[p + 6..];
            let period = after_since.to_lowercase().starts_with("the beginning")
                || after_since.to_lowercase().starts_with("the start")
                || mentions
                    .iter()
                    .any(|m| m.kind == MentionKind::Date && m.span.start == clause_start + p + 6);
            if period {
                return None;
            }
        }
        // A whole sentence in capitals is a heading.
        let letters: Vec<char> = sentence
            .slice(text)
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect();
        if letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) {
            return None;
        }
        let prev_word = before.last().map(|(_, w)| w.to_lowercase());
        let definite = trigger.is_noun
            && before.iter().rev().take(2).any(|(_, w)| {
                matches!(
                    w.to_lowercase().as_str(),
                    "the" | "this" | "that" | "these" | "their" | "his" | "her" | "its"
                )
            });
        if trigger.participle
            && !trigger.surface.contains(' ')
            && prev_word.as_deref().is_some_and(|w| {
                matches!(
                    w,
                    "the" | "a" | "an" | "his" | "her" | "their" | "its" | "jailed"
                )
            })
            && next_word.as_deref().is_some_and(|w| {
                w.chars().all(char::is_lowercase)
                    && !matches!(w, "by" | "in" | "on" | "at" | "for" | "and" | "with")
            })
        {
            return None; // "the jailed blogger": a status, not an event
        }
        // "Police detained activists": a participant right before the
        // participle is its subject, so it is a verb.
        let subject_right_before = groups
            .iter()
            .any(|g| g.span.end <= span.start && text[g.span.end..span.start].trim().is_empty());
        if trigger.participle
            && !trigger.surface.contains(' ')
            && !trigger.is_noun
            && !subject_right_before
        {
            // "detained activists", "small, dispersed rallies": an adjective.
            let rest = &text[span.end..];
            if let Some(after_space) = rest.strip_prefix(' ') {
                let next = &after_space[..after_space
                    .find(|c: char| !c.is_alphabetic())
                    .unwrap_or(after_space.len())];
                let noun_follows = !next.is_empty()
                    && (self
                        .lexicon
                        .descriptors
                        .find(next)
                        .iter()
                        .any(|d| d.span.len() == next.len())
                        || self.lexicon.find_triggers(next).iter().any(|t| {
                            t.span.len() == next.len()
                                && self.lexicon.trigger(t.trigger).is_some_and(|tr| tr.is_noun)
                        }));
                if noun_follows {
                    return None;
                }
            }
        }

        // Voice.
        let passive =
            !trigger.is_noun && trigger.participle && self.is_passive(text, span, &before);
        let (subject_role, object_role, voice) = if trigger.is_noun {
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
        let next_trigger_start = sentence.end;
        let object = groups
            .iter()
            .copied()
            .find(|g| {
                g.span.start >= span.end
                    && g.span.start < next_trigger_start
                    && text[span.end..g.span.start].split_whitespace().count() <= 4
            })
            .filter(|g| !text[span.end..g.span.start].contains([',', ';']))
            .filter(|g| {
                !matches!(
                    words_between(text, span.end, g.span.start)
                        .first()
                        .map(String::as_str),
                    Some("by")
                )
            });
        let by_agent = groups.iter().copied().find(|g| {
            g.span.start >= span.end
                && text[span.end..g.span.start].split_whitespace().count() <= 8
                && {
                    let gap = &text[span.end..g.span.start];
                    gap.trim_end().ends_with(" by") || gap.trim() == "by"
                }
        });

        // "authorities executed a campaign of repression": a violent verb
        // whose object is a thing, not a person.
        if !trigger.is_noun
            && !passive
            && object_role == Role::Target
            && object.is_none()
            && matches!(
                trigger.event_type,
                "killing" | "assault" | "arrest" | "ill_treatment"
            )
            && next_word
                .as_deref()
                .is_some_and(|w| matches!(w, "a" | "an" | "its" | "their" | "his" | "her"))
        {
            return None;
        }
        let mut target_group: Option<&Group> = None;
        let mut agent_group: Option<&Group> = None;
        match (subject_role, object_role) {
            _ if trigger.is_noun => {
                // "the arrest of X", "X's arrest", "their trial", "by police".
                target_group = groups.iter().copied().find(|g| {
                    g.span.start >= span.end && {
                        let gap = text[span.end..g.span.start].trim();
                        gap == "of" || gap == "of the" || gap == "against" || gap == "of the two"
                    }
                });
                if target_group.is_none() {
                    target_group = groups.iter().copied().find(|g| {
                        g.possessive
                            && g.span.end <= span.start
                            && text[g.span.end..span.start].split_whitespace().count() <= 3
                    });
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
                }
                agent_group = by_agent;
            }
            (Role::Target, _) => {
                target_group = subject;
                agent_group = by_agent;
            }
            (Role::Agent, Role::Target) => {
                agent_group = subject;
                target_group = object;
            }
            (Role::Agent, _) => agent_group = subject,
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
        } else if possessive_pronoun {
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
        let use_of_force = matches!(
            trigger.event_type,
            "killing" | "assault" | "ill_treatment" | "protest_restriction"
        );
        if agent_group.is_none() && use_of_force {
            agent_group = force_agent(span, words, groups, cues);
        }
        // "police fired 70 rounds and lobbed teargas shells": a noun of force
        // takes a state subject of its clause as its agent.
        if agent_group.is_none() && use_of_force && trigger.is_noun {
            agent_group = subject.filter(|g| is_state_group(g));
        }
        // An agent named as a target is no target ("Police ... police").
        let agents = agent_group.map(agents_of).unwrap_or_default();
        referent.names.retain(|a| !agents.contains(a));

        // Modality. "faces charges" is a charge that happened.
        let modality = trigger
            .modality
            .unwrap_or_else(|| modality(text, clause_start, span, &before, mentions, cues));
        let modality = if modality == "potential"
            && trigger.event_type == "charge"
            && before.last().is_some_and(|(_, w)| {
                matches!(
                    w.to_lowercase().as_str(),
                    "face" | "faces" | "facing" | "faced" | "serious" | "criminal"
                )
            }) {
            "asserted"
        } else {
            modality
        };

        // Date.
        let date = choose_date(text, sentence, span, mentions, cues, words);

        // Penalty.
        let penalty = if matches!(trigger.event_type, "sentence" | "fine") {
            penalty::penalty_for(text, sentence, span, trigger, mentions, &self.lexicon)
        } else {
            None
        };

        // Location: the sentence's place, else the document's country.
        let locations = sentence_places(mentions, sentence)
            .or_else(|| default_country.cloned().map(|p| vec![p]))
            .unwrap_or_default();

        let target_count = referent
            .count
            .or_else(|| (!referent.names.is_empty()).then_some(referent.names.len() as u64));
        // A raid or search of offices, outlets or an organisation restricts
        // the organisation; of a home it is harassment.
        let mut event_type = trigger.event_type;
        // "banned the march": a ban on a protest restricts the protest; "banned
        // them from leaving the country": a ban on people is harassment.
        if event_type == "organisation_restriction" && !trigger.is_noun {
            let protest_object = after
                .iter()
                .take(4)
                .any(|(_, w)| cues.protest_noun.contains(&w.to_lowercase()));
            let person_object = target_group.is_some_and(|g| {
                g.members.iter().any(|m| {
                    matches!(
                        m.part,
                        Part::Person(_)
                            | Part::Pronoun(_)
                            | Part::Counted { .. }
                            | Part::BackReference { .. }
                    )
                })
            });
            if protest_object {
                event_type = "protest_restriction";
            } else if person_object
                || after.iter().take(3).any(|(_, w)| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "leaving" | "travelling" | "traveling"
                    )
                })
            {
                event_type = "harassment";
            }
        }
        if event_type == "harassment" && matches!(trigger.lemma.as_str(), "raid" | "search") {
            let on_org = after
                .iter()
                .take(5)
                .any(|(_, w)| cues.org_place.contains(&w.to_lowercase()))
                || target_group.is_some_and(|g| {
                    g.members
                        .iter()
                        .any(|m| matches!(m.part, Part::Organisation { .. }))
                });
            if on_org {
                event_type = "organisation_restriction";
            }
        }
        let event = Event {
            event_type,
            modality,
            trigger: span,
            sentence: s_index,
            date_source: date.as_ref().map(|_| "sentence"),
            date,
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
            trigger_entry: format!("{} ({})", trigger.surface, trigger.lemma),
            evidence: evidence::Evidence::default(),
            confidence: 0.0,
            needs: trigger.needs.clone(),
        };
        Some((event, referent))
    }

    /// A generic adjective before the noun phrase the trigger heads, also
    /// across a coordinated list ("the ongoing repression, intimidation and
    /// judicial harassment").
    fn generic_noun_phrase(&self, before: &[&(ByteSpan, &str)]) -> bool {
        for (_, w) in before.iter().rev().take(6) {
            let lower = w.to_lowercase();
            if self.lexicon.cues.generic.contains(&lower) {
                return true;
            }
            if matches!(
                lower.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "their"
                    | "his"
                    | "her"
                    | "its"
                    | "of"
                    | "to"
                    | "by"
                    | "for"
                    | "in"
                    | "on"
            ) {
                return false;
            }
        }
        false
    }

    fn is_passive(&self, text: &str, span: ByteSpan, before: &[&(ByteSpan, &str)]) -> bool {
        let cues = &self.lexicon.cues;
        for (_, w) in before.iter().rev().take(4) {
            let lower = w.to_lowercase();
            if cues.passive.contains(&lower) {
                return true;
            }
            if cues.adverb.contains(&lower)
                || cues.negation.contains(&lower)
                || lower.ends_with("ly")
                || lower == "n't"
            {
                continue;
            }
            break;
        }
        // "activists detained by police": a participle before "by".
        text[span.end..].trim_start().starts_with("by ")
    }
}

/// Where the trigger's clause starts: after the last clause opener before it
/// (";", "but", "who", "that", "after" ...), or at the sentence start.
fn clause_start(
    text: &str,
    sentence: ByteSpan,
    span: ByteSpan,
    before: &[&(ByteSpan, &str)],
    cues: &lexicon::Cues,
) -> usize {
    let mut start = sentence.start;
    // A dateline ("ISTANBUL (Reuters) - ...") is not part of the clause.
    let head = &text[sentence.start..span.start];
    for dash in [" - ", " -- ", " — ", " – "] {
        if let Some(p) = head.find(dash) {
            if p < 60 && head[..p].chars().next().is_some_and(char::is_uppercase) {
                start = sentence.start + p + dash.len();
                break;
            }
        }
    }
    // "According to X, ...": the source is not the subject.
    let rest = text[start..span.start].trim_start();
    if rest.to_lowercase().starts_with("according to") {
        if let Some(p) = rest.find(", ") {
            start = span.start - rest.len() + p + 2;
        }
    }
    if let Some(p) = text[start..span.start].rfind(';') {
        start = start + p + 1;
    }
    for (s, w) in before.iter().rev() {
        if s.start < start {
            break;
        }
        if cues.clause.contains(&w.to_lowercase()) {
            // "who"/"which" clauses keep their antecedent as subject: the
            // clause then starts before the antecedent (handled by the
            // subject search through the comma).
            let lower = w.to_lowercase();
            if matches!(lower.as_str(), "who" | "whom" | "which") {
                return start;
            }
            return s.end;
        }
    }
    start
}

/// The subject: the first group of the clause that is not the object of a
/// preposition ("harassment of civic activists") or a reporting phrase
/// ("According to Amnesty International").
fn subject_group<'g>(
    text: &str,
    clause_groups: &[&'g Group],
    clause_start: usize,
) -> Option<&'g Group> {
    clause_groups.iter().copied().find(|g| {
        let before = text[clause_start..g.span.start].trim_end();
        let prev = crate::tag::word_before(before);
        let preposition = matches!(
            prev.as_str(),
            "of" | "against"
                | "with"
                | "for"
                | "about"
                | "to"
                | "from"
                | "by"
                | "in"
                | "on"
                | "at"
                | "into"
                | "including"
                | "among"
                | "like"
                | "over"
                | "under"
                | "outside"
                | "near"
                | "behind"
                | "toward"
                | "towards"
        );
        let lower = before.to_lowercase();
        let reporting = lower.ends_with("according to");
        // "A brother of jailed lawyer X was sentenced": not X.
        let kin = [
            "brother of",
            "sister of",
            "son of",
            "daughter of",
            "wife of",
            "husband of",
            "mother of",
            "father of",
            "relative of",
            "relatives of",
            "family of",
        ]
        .iter()
        .any(|k| lower.contains(k) && lower.rfind(k).is_some_and(|p| !lower[p..].contains(',')));
        !preposition && !reporting && !kin && !g.possessive
    })
}

/// "their" (or "his", "her") among the six words before the trigger, in its
/// clause.
fn possessive_before(before: &[&(ByteSpan, &str)], clause_start: usize) -> bool {
    before
        .iter()
        .rev()
        .take(6)
        .take_while(|(s, _)| s.start >= clause_start)
        .any(|(_, w)| matches!(w.to_lowercase().as_str(), "their" | "his" | "her"))
}

/// The state agent of a use of force named after a trigger ("killed in
/// police firing", "died in the police firing", "injured in a lathi-charge by
/// the police") or inside it ("died in police custody"): a group of state
/// agents within 8 words after the trigger,
/// after "in", "during", "amid" or "by", and followed by a force noun
/// (`force_noun` in event_cues.tsv), or preceded by one and "by".
fn force_agent<'g>(
    trigger: ByteSpan,
    words: &[(ByteSpan, &str)],
    groups: &[&'g Group],
    cues: &lexicon::Cues,
) -> Option<&'g Group> {
    let lower = |w: &&(ByteSpan, &str)| w.1.to_lowercase();
    groups
        .iter()
        .copied()
        .filter(|g| is_state_group(g))
        .find(|g| {
            // "died in police custody": the agent is inside the trigger phrase.
            if trigger.contains(&g.span) {
                return true;
            }
            if g.span.start < trigger.end {
                return false;
            }
            let gap: Vec<String> = words
                .iter()
                .filter(|(s, _)| s.start >= trigger.end && s.end <= g.span.start)
                .map(|w| lower(&w))
                .collect();
            if gap.len() > 8 {
                return false;
            }
            let next = words
                .iter()
                .find(|(s, _)| s.start >= g.span.end)
                .map(|w| lower(&w));
            let before = gap
                .iter()
                .rev()
                .find(|w| !matches!(w.as_str(), "the" | "a"));
            let force_after = next.as_deref().is_some_and(|w| cues.force_noun.contains(w));
            let force_before = gap.iter().any(|w| cues.force_noun.contains(w))
                && before.is_some_and(|w| w == "by");
            (force_after
                && before.is_some_and(|w| {
                    matches!(w.as_str(), "in" | "during" | "amid" | "by" | "after")
                }))
                || force_before
        })
}

/// Whether a group holds a state agent ("police", "the army").
fn is_state_group(group: &Group) -> bool {
    group.members.iter().any(|m| {
        matches!(
            m.part,
            Part::Agent { state: true, .. } | Part::Organisation { state: true, .. }
        )
    })
}

fn words_between(text: &str, start: usize, end: usize) -> Vec<String> {
    text[start..end]
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect()
}

fn agents_of(group: &Group) -> Vec<Actor> {
    let mut out = Vec::new();
    for m in &group.members {
        let actor = match &m.part {
            Part::Agent { name, state } => Actor {
                name: name.clone(),
                kind: if *state { "state" } else { "non_state" },
                role: None,
            },
            Part::Organisation { name, state } => Actor {
                name: name.clone(),
                kind: if *state { "state" } else { "organisation" },
                role: None,
            },
            Part::Person(name) => Actor {
                name: name.clone(),
                kind: "person",
                role: None,
            },
            _ => continue,
        };
        if !out.contains(&actor) {
            out.push(actor);
        }
    }
    out
}

/// Fills a referent from a target group, resolving pronouns and
/// back-references against the memory.
fn fill_from_group(
    group: &Group,
    referent: &mut Referent,
    memory: &[Referent],
    s_index: usize,
    text: &str,
) {
    let mut count: Option<u64> = None;
    // "MDC Alliance spokesperson Fadzayi Mahere": an organisation right
    // before a person qualifies the person.
    let qualifying_org = |i: usize| {
        matches!(group.members[i].part, Part::Organisation { .. })
            && group.members.get(i + 1).is_some_and(|next| {
                matches!(next.part, Part::Person(_))
                    && text[group.members[i].span.end..next.span.start]
                        .trim()
                        .is_empty()
            })
    };
    // "The two, A and B": names in the group itself need no resolution.
    let named = group
        .members
        .iter()
        .any(|m| matches!(m.part, Part::Person(_)));
    for (i, m) in group.members.iter().enumerate() {
        if qualifying_org(i) {
            continue;
        }
        match &m.part {
            Part::Person(name) => push_unique(
                &mut referent.names,
                Actor {
                    name: name.clone(),
                    kind: "person",
                    role: None,
                },
            ),
            Part::Organisation { name, state } if !state => push_unique(
                &mut referent.names,
                Actor {
                    name: name.clone(),
                    kind: "organisation",
                    role: None,
                },
            ),
            Part::Counted {
                count: c,
                description,
            } => {
                count = count.or(*c);
                referent
                    .description
                    .get_or_insert_with(|| description.clone());
            }
            Part::Pronoun(_) if named => {}
            Part::BackReference {
                count: c,
                description,
            } if named => {
                count = count.or(*c);
                if let Some(d) = description {
                    referent.description.get_or_insert_with(|| d.clone());
                }
            }
            Part::Pronoun(n) => {
                if let Some(found) = resolve(memory, *n, None, s_index, PRONOUN_WINDOW) {
                    for a in &found.names {
                        push_unique(&mut referent.names, a.clone());
                    }
                    count = count.or(found.size());
                    if referent.description.is_none() {
                        referent.description = found.description.clone();
                    }
                    referent.via_reference = true;
                }
            }
            Part::BackReference {
                count: c,
                description,
            } => {
                let window = if c.is_some() {
                    NUMBERED_WINDOW
                } else {
                    PRONOUN_WINDOW
                };
                let found = resolve(memory, *c, description.as_deref(), s_index, window);
                count = count.or(*c).or_else(|| found.and_then(Referent::size));
                if let Some(found) = found {
                    for a in &found.names {
                        push_unique(&mut referent.names, a.clone());
                    }
                    if referent.description.is_none() {
                        referent.description = found.description.clone();
                    }
                    referent.via_reference = true;
                }
                if let Some(d) = description {
                    referent.description.get_or_insert_with(|| d.clone());
                }
            }
            _ => {}
        }
    }
    // An explicit number names the count even when names are listed.
    referent.count = count;
}

fn push_unique(list: &mut Vec<Actor>, actor: Actor) {
    if !list.contains(&actor) {
        list.push(actor);
    }
}

/// The most recent group that fits a back-reference: of size `count` (any
/// size above one for `None`; exactly one person for `Some(1)`), named
/// preferably, within `window` sentences.
fn resolve<'m>(
    memory: &'m [Referent],
    count: Option<u64>,
    description: Option<&str>,
    s_index: usize,
    window: usize,
) -> Option<&'m Referent> {
    let fits = |r: &&Referent| {
        s_index.saturating_sub(r.sentence) <= window
            && match count {
                Some(n) => r.size() == Some(n) && (n > 1 || !r.names.is_empty()),
                None => {
                    r.size().is_none_or(|s| s > 1)
                        && (r.size().is_some() || r.description.is_some())
                }
            }
            && description.is_none_or(|d| {
                // "the activists" fits a group described as activists, or a named one.
                !r.names.is_empty()
                    || r.description
                        .as_deref()
                        .is_some_and(|rd| rd.contains(d.trim_end_matches('s')))
            })
    };
    let named = memory
        .iter()
        .rev()
        .filter(fits)
        .find(|r| !r.names.is_empty());
    named.or_else(|| memory.iter().rev().find(fits))
}

/// Groups of a sentence (up to `until`) enter the memory even when no event
/// uses them: "Max Bokayev and Talgat Ayan" become "the two" later, "two
/// human rights defenders" become "their".
fn remember_groups(
    groups: &[Group],
    sentence: ByteSpan,
    until: usize,
    s_index: usize,
    memory: &mut Vec<Referent>,
) {
    for g in groups
        .iter()
        .filter(|g| sentence.contains(&g.span) && g.span.end <= until)
    {
        let mut referent = Referent {
            sentence: s_index,
            ..Referent::default()
        };
        for m in &g.members {
            match &m.part {
                Part::Person(name) => referent.names.push(Actor {
                    name: name.clone(),
                    kind: "person",
                    role: None,
                }),
                Part::Counted { count, description } => {
                    referent.count = referent.count.or(*count);
                    referent
                        .description
                        .get_or_insert_with(|| description.clone());
                }
                _ => {}
            }
        }
        let counted = referent.count.is_some_and(|c| c >= 2);
        if referent.names.is_empty() && !counted {
            continue;
        }
        if !memory.iter().any(|r| {
            r.sentence == s_index && r.names == referent.names && r.count == referent.count
        }) {
            memory.push(referent);
        }
    }
}

/// Negation or possibility in the words of the clause before the trigger.
/// Whether the word or phrase at `span` can be a cue word: not inside a
/// mention ("12 May 2019", "Theresa May"), and, for a cue that is also a
/// noun (`noun=1`), not after a determiner ("the will of the people", "his
/// will"). Other cues keep their determiner ("an attempt to intimidate him",
/// "a possible sentence").
fn is_cue_word(text: &str, span: ByteSpan, mentions: &[Mention], cues: &lexicon::Cues) -> bool {
    let i = mentions.partition_point(|m| m.span.end <= span.start);
    if mentions.get(i).is_some_and(|m| m.span.overlaps(&span)) {
        return false;
    }
    if !cues
        .noun_homograph
        .contains(&span.slice(text).to_lowercase())
    {
        return true;
    }
    let before = crate::tag::word_before(crate::tag::before_window(text, span.start));
    !cues.determiner.contains(&before)
}

fn modality(
    text: &str,
    clause_start: usize,
    span: ByteSpan,
    before: &[&(ByteSpan, &str)],
    mentions: &[Mention],
    cues: &lexicon::Cues,
) -> &'static str {
    let near_words: Vec<&&(ByteSpan, &str)> = before
        .iter()
        .rev()
        .take_while(|(s, _)| s.start >= clause_start)
        .take(MODALITY_WINDOW)
        .collect();
    let near: Vec<String> = near_words.iter().map(|(_, w)| w.to_lowercase()).collect();
    let window_start = near_words.last().map_or(span.start, |(s, _)| s.start);
    let window = &text[window_start..span.start];
    let phrase_hits = cues.phrases.find(window);
    let phrase_of = |kind: &str| {
        phrase_hits.iter().any(|m| {
            let at = ByteSpan::new(window_start + m.span.start, window_start + m.span.end);
            cues.phrases.entry(m.entry).kind == kind && is_cue_word(text, at, mentions, cues)
        })
    };
    let negated = near
        .iter()
        .any(|w| cues.negation.contains(w) || w.ends_with("n't"))
        || phrase_of("negation");
    if negated {
        return "negated";
    }
    // "If convicted, he could be fined or jailed": a conditional sentence
    // states no event.
    let conditional = before
        .first()
        .is_some_and(|(_, w)| cues.conditional.contains(&w.to_lowercase()));
    let potential = conditional
        || near
            .iter()
            .zip(&near_words)
            .any(|(w, (s, _))| cues.potential.contains(w) && is_cue_word(text, *s, mentions, cues))
        || phrase_of("potential");
    if potential {
        "potential"
    } else {
        "asserted"
    }
}

/// The date mention of the sentence nearest the trigger, skipping dates of
/// reports ("told AFP on Monday") and vague references (PRESENT_REF).
fn choose_date(
    text: &str,
    sentence: ByteSpan,
    span: ByteSpan,
    mentions: &[Mention],
    cues: &lexicon::Cues,
    words: &[(ByteSpan, &str)],
) -> Option<(ByteSpan, String)> {
    // Clause openers that separate a date from the trigger. Temporal
    // connectives do not: a date of the occasion dates what happened
    // straight after it ("fined ... after they marked it on February 24").
    let clause_cue_between = |a: usize, b: usize| {
        words.iter().any(|(s, w)| {
            let lower = w.to_lowercase();
            s.start >= a
                && s.end <= b
                && cues.clause.contains(&lower)
                && !matches!(lower.as_str(), "after" | "as" | "when" | "while" | "before")
        }) || text[a..b].contains(';')
    };
    // The sentence's opening phrase ("On 25th October, ...") dates every
    // event of the main clause.
    let opening_end = text[sentence.start..sentence.end]
        .find(", ")
        .map(|p| sentence.start + p);
    // "X, who was detained ...", "the court where their hearing was held":
    // a relative pronoun among the four words before the trigger.
    let in_relative_clause = words
        .iter()
        .filter(|(s, _)| s.end <= span.start)
        .rev()
        .take(4)
        .any(|(_, w)| {
            matches!(
                w.to_lowercase().as_str(),
                "who" | "which" | "where" | "whose" | "whom"
            )
        });
    mentions
        .iter()
        .filter(|m| {
            matches!(m.kind, MentionKind::Date | MentionKind::Time) && sentence.contains(&m.span)
        })
        .filter(|m| !m.span.overlaps(&span))
        .filter(|m| {
            let (a, b) = if m.span.start >= span.end {
                (span.end, m.span.start)
            } else {
                (m.span.end, span.start)
            };
            let opening = opening_end.is_some_and(|e| {
                m.span.end <= e && !clause_cue_between(sentence.start, m.span.start)
            }) || text[sentence.start..m.span.start]
                .split_whitespace()
                .count()
                <= 3;
            // A date inside a relative clause ("X, who was arrested on 15
            // May, faces ...") dates only what that clause says.
            let date_in_relative = words
                .iter()
                .filter(|(s, _)| s.end <= m.span.start)
                .rev()
                .take(6)
                .any(|(_, w)| matches!(w.to_lowercase().as_str(), "who" | "which" | "whom"));
            let trigger_after_relative =
                span.start > m.span.end && text[m.span.end..span.start].contains(',');
            if date_in_relative && trigger_after_relative && !in_relative_clause {
                return false;
            }
            !clause_cue_between(a, b) || opening && !in_relative_clause
        })
        .filter(|m| {
            m.value.as_deref().is_some_and(|v| {
                !v.ends_with("_REF") && v.starts_with(|c: char| c.is_ascii_digit() || c == 'X')
            })
        })
        .filter(|m| {
            // A year used as an adjective ("over a 2013 sit-in", "its 1990
            // invasion") dates its noun, which is not this event unless it
            // is the trigger itself ("the 2015 protests").
            let before = text[sentence.start..m.span.start].trim_end();
            let determiner = before.rsplit(char::is_whitespace).next().is_some_and(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "a" | "an" | "the" | "its" | "his" | "her" | "their" | "our"
                ) || w.ends_with("'s")
                    || w.ends_with("’s")
            });
            let noun_follows = text[m.span.end..sentence.end]
                .strip_prefix(' ')
                .is_some_and(|rest| rest.starts_with(char::is_lowercase));
            let year_only = m.value.as_deref().is_some_and(|v| v.len() == 4);
            let modifies_trigger = m.span.end <= span.start
                && text
                    .get(m.span.end..span.start)
                    .is_some_and(|gap| gap.trim().is_empty());
            !(year_only && determiner && noun_follows && !modifies_trigger)
        })
        .filter(|m| {
            // A reporting verb up to four words before the date dates the report.
            let before = &text[sentence.start..m.span.start];
            let recent: Vec<&str> = before.split_whitespace().rev().take(5).collect();
            !recent.iter().any(|w| {
                cues.reporting.contains(
                    &w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase(),
                )
            })
        })
        .min_by_key(|m| {
            if m.span.start >= span.end {
                m.span.start - span.end
            } else {
                span.start.saturating_sub(m.span.end)
            }
        })
        .map(|m| {
            let value = m.value.clone().unwrap_or_default();
            // A time carries its day: the event date is the day.
            let value = match value.split_once('T') {
                Some((day, _)) if m.kind == MentionKind::Time => day.to_string(),
                _ => value,
            };
            (m.span, value)
        })
}

/// The date of the episode a sentence continues: the previous sentence's
/// dated events, when this event's targets came from a back-reference to
/// them (or are the same names).
fn episode_date(
    events: &[Event],
    s_index: usize,
    event: &Event,
    memory: &[Referent],
) -> Option<(ByteSpan, String)> {
    if s_index == 0 {
        return None;
    }
    // Only a date stated in the previous sentence itself: episodes do not chain.
    let previous: Vec<&Event> = events
        .iter()
        .rev()
        .take_while(|e| e.sentence + 1 >= s_index)
        .filter(|e| {
            e.sentence + 1 == s_index && e.date.is_some() && e.date_source == Some("sentence")
        })
        .collect();
    let referent = memory
        .iter()
        .rev()
        .find(|r| r.sentence == s_index && r.names == event.targets);
    let continues = previous.iter().find(|p| {
        let shared_names =
            !event.targets.is_empty() && event.targets.iter().all(|t| p.targets.contains(t));
        let via_reference = referent.is_some_and(|r| r.via_reference)
            && (event.targets.is_empty() || event.targets.iter().any(|t| p.targets.contains(t)));
        let same_count = event.targets.is_empty()
            && event.target_count.is_some()
            && event.target_count == p.target_count;
        shared_names || via_reference || same_count
    })?;
    continues.date.clone()
}

/// The last date mention before `before` that names a day (YYYY-MM-DD),
/// for an undated event of a short report.
fn report_date(mentions: &[Mention], before: usize) -> Option<(ByteSpan, String)> {
    let end = mentions.partition_point(|m| m.span.start < before);
    mentions[..end].iter().rev().find_map(|m| {
        let value = m.value.as_deref()?;
        let day = m.kind == MentionKind::Date
            && value.len() == 10
            && value.as_bytes()[4] == b'-'
            && value.as_bytes()[7] == b'-'
            && value.bytes().filter(u8::is_ascii_digit).count() == 8;
        day.then(|| (m.span, value.to_string()))
    })
}

/// A later mention of an incident already recorded ("their prosecution",
/// "this attack"): same type, no new targets, date, count, penalty or
/// modality.
fn is_restatement(events: &[Event], e: &Event) -> bool {
    // Only the incidents of the last RESTATEMENT_WINDOW sentences are
    // compared: a restatement refers back to something recent, and a long
    // document must not cost quadratic time.
    let recent = || {
        events
            .iter()
            .rev()
            .take_while(|p| p.sentence + RESTATEMENT_WINDOW >= e.sentence)
    };
    // "the trial", "this attack" after a trial or an attack was reported.
    if e.definite_noun && e.penalty.is_none() && recent().any(|p| p.event_type == e.event_type) {
        return true;
    }
    recent().any(|p| {
        p.event_type == e.event_type
            && p.modality == e.modality
            && (e.targets.is_empty()
                && e.target_count.is_none()
                && e.target_description
                    .as_ref()
                    .is_none_or(|d| p.target_description.as_ref() == Some(d))
                || !e.targets.is_empty() && e.targets.iter().all(|t| p.targets.contains(t)))
            && e.date
                .as_ref()
                .is_none_or(|(_, v)| p.date.as_ref().is_some_and(|(_, pv)| pv == v))
            && e.penalty.is_none()
            && (e.target_count.is_none() || e.target_count == p.target_count)
            && e.sentence != p.sentence
    })
}

/// "Two journalists were arrested. Elvin X and Nigar Y ...": an unnamed
/// group of N in one sentence, followed by a sentence whose first group is
/// exactly N named persons, takes their names.
fn resolve_cataphora(
    events: &mut [Event],
    sentence: usize,
    sentences: &[ByteSpan],
    groups: &[Group],
) {
    let from = events.partition_point(|e| e.sentence < sentence);
    for e in events[from..].iter_mut().filter(|e| e.sentence == sentence) {
        let Some(n) = e.target_count else { continue };
        if !e.targets.is_empty() || n < 2 {
            continue;
        }
        let Some(next) = sentences.get(e.sentence + 1) else {
            continue;
        };
        let Some(first) = within(groups, |g| g.span, *next)
            .iter()
            .find(|g| next.contains(&g.span))
        else {
            continue;
        };
        let names: BTreeSet<&String> = first
            .members
            .iter()
            .filter_map(|m| match &m.part {
                Part::Person(name) => Some(name),
                _ => None,
            })
            .collect();
        let only_persons = first
            .members
            .iter()
            .all(|m| matches!(m.part, Part::Person(_) | Part::BackReference { .. }));
        if names.len() as u64 == n && only_persons {
            e.targets = first
                .members
                .iter()
                .filter_map(|m| match &m.part {
                    Part::Person(name) => Some(Actor {
                        name: name.clone(),
                        kind: "person",
                        role: None,
                    }),
                    _ => None,
                })
                .collect();
        }
    }
}

/// Places named in a sentence.
fn sentence_places(mentions: &[Mention], sentence: ByteSpan) -> Option<Vec<Place>> {
    let places: Vec<Place> = mentions
        .iter()
        .filter(|m| {
            m.kind == MentionKind::Location
                && sentence.contains(&m.span)
                && m.rule != "location.demonym"
        })
        .filter_map(|m| {
            let country = m.attr("country")?.as_str()?.to_string();
            Some(Place {
                name: m.value.clone()?,
                country,
            })
        })
        .collect();
    (!places.is_empty()).then_some(places)
}

/// The country an article is about: the most frequent country code of its
/// places and demonyms, when it covers at least half of them.
fn default_country(mentions: &[Mention]) -> Option<Place> {
    let mut counts: Vec<(String, String, usize)> = Vec::new();
    let mut total = 0;
    for m in mentions.iter().filter(|m| m.kind == MentionKind::Location) {
        let Some(cc) = m.attr("country").and_then(|c| c.as_str()) else {
            continue;
        };
        total += 1;
        let name = if matches!(m.rule, "location.country" | "location.demonym") {
            m.value.clone().unwrap_or_default()
        } else {
            String::new()
        };
        match counts.iter_mut().find(|(c, _, _)| c == cc) {
            Some(entry) => {
                entry.2 += 1;
                if entry.1.is_empty() {
                    entry.1 = name;
                }
            }
            None => counts.push((cc.to_string(), name, 1)),
        }
    }
    let (cc, name, n) = counts.into_iter().max_by_key(|(_, _, n)| *n)?;
    (n * 2 >= total).then(|| Place {
        name: if name.is_empty() { cc.clone() } else { name },
        country: cc,
    })
}

/// A stable id: FNV-1a over the document id, the type and the trigger's
/// character offsets (the same input gives the same id on any run).
pub fn event_id(doc_id: &str, event_type: &str, start: usize, end: usize) -> String {
    let mut hash: u64 = 0xcbf29ce484222325;
    for byte in doc_id
        .bytes()
        .chain([0])
        .chain(event_type.bytes())
        .chain([0])
        .chain(start.to_le_bytes())
        .chain(end.to_le_bytes())
    {
        hash ^= byte as u64;
        hash = hash.wrapping_mul(0x100000001b3);
    }
    format!("{hash:016x}")
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
            "Authorities prosecuted Aigerim Nurlanova and Timur Bekov and fined them 180 Euros.",
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
    fn back_references_resolve_to_the_named_group() {
        let text = "Aigerim Nurlanova and Timur Bekov were arrested on 17th May. Both activists face up to ten years in prison.";
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
    fn evidence_of_a_clear_event() {
        let all = assessed("Police detained two activists in Almaty on Monday.");
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
        let rows = events("On 12 May 2019, bakery workers rallied outside the mill.");
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
    fn the_next_sentence_of_an_episode_inherits_its_date_but_no_further() {
        let text = "On 25th October, two activists picketed the court. They were detained by police. They were later fined.";
        let rows = events(text);
        assert_eq!(find(&rows, "protest").3.as_deref(), Some("2016-10-25"));
        assert_eq!(find(&rows, "arrest").3.as_deref(), Some("2016-10-25"));
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
    }

    #[test]
    fn calls_plans_and_figures_of_speech_are_no_events() {
        for text in [
            "Amnesty International called for their immediate release.",
            "Activists plan to rally next week.",
            "The law is an attack on press freedom.",
            "Police often use force to disperse peaceful demonstrations.",
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
}
