//! Implied protests: a use of force or an arrest against protesters tells
//! that a protest was held, even where no word of the sentence names it.
//!
//! 1. An asserted `protest_restriction`, `assault`, `killing`, `arrest` or
//!    `ill_treatment` event whose sentence names protesters
//!    (`protest_participant` cues: "protesters", "demonstrators",
//!    "marchers") within [`PARTICIPANT_WINDOW`] words of its trigger, in a
//!    sentence with no protest event of its own, implies a `protest`
//!    ("Police fired tear gas at protesters in Nairobi on Monday";
//!    "Soldiers shot dead three demonstrators").
//! 2. The implied event's trigger is the word for the protesters; its rule
//!    is `protest.implied`; it takes the date, modality and places of the
//!    event that implies it, and the count of its targets when they are the
//!    protesters ("arrested 20 protesters": a protest by 20).
//! 3. It refers back like a definite noun ("the protest"): a protest
//!    reported in the sentences just before makes it a restatement.

use super::lexicon::Cues;
use super::Event;
use crate::document::ByteSpan;

/// How many words from an event's trigger the word for protesters may
/// stand.
pub const PARTICIPANT_WINDOW: usize = 8;

/// The event types that, done to protesters, imply their protest.
const IMPLYING_TYPES: &[&str] = &[
    "protest_restriction",
    "assault",
    "killing",
    "arrest",
    "ill_treatment",
];

/// The protests that the events of one sentence imply (rule 1), at most
/// one per sentence.
pub(super) fn implied_protest(
    sentence_events: &[Event],
    words: &[(ByteSpan, &str)],
    cues: &Cues,
) -> Option<Event> {
    if sentence_events.iter().any(|e| e.event_type == "protest") {
        return None;
    }
    sentence_events.iter().find_map(|e| {
        if e.modality != "asserted" || !IMPLYING_TYPES.contains(&e.event_type) {
            return None;
        }
        let at = words.iter().position(|(s, _)| s.end > e.trigger.start)?;
        let from = at.saturating_sub(PARTICIPANT_WINDOW);
        let to = (at + PARTICIPANT_WINDOW + 1).min(words.len());
        let (span, word) = words[from..to].iter().find(|(s, w)| {
            !s.overlaps(&e.trigger) && cues.protest_participant.contains(&w.to_lowercase())
        })?;
        let lower = word.to_lowercase();
        let counted = e
            .target_description
            .as_deref()
            .is_some_and(|d| d.eq_ignore_ascii_case(&lower));
        Some(Event {
            event_type: "protest",
            trigger: *span,
            date_source: e.date_source,
            targets: Vec::new(),
            target_count: if counted { e.target_count } else { None },
            target_description: Some(lower.clone()),
            agents: Vec::new(),
            penalty: None,
            rule: "protest.implied".to_string(),
            trigger_entry: format!("{lower} (implied)"),
            // Like "the protest": a protest reported in the sentences just
            // before is the one these protesters held.
            definite_noun: true,
            further_incident: false,
            needs: Vec::new(),
            trigger_entry_index: None,
            attached: super::Attachments {
                targets: "none: a protest implied by an event against its participants",
                agents: "none",
                modality: "asserted, as the event that implies it",
                location: e.attached.location,
            },
            dates_passed_over: Vec::new(),
            ..e.clone()
        })
    })
}
