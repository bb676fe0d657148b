//! Restatements: a later mention of an incident already recorded is not a
//! new event (the annotation guide's rule): same type and modality, and no
//! new targets, date, count or penalty; or a definite noun ("the trial",
//! "this attack") after an event of its type, and a definite charge noun
//! after a trial or sentence ("their prosecution" after their trial began:
//! the same case). An event that the text marks
//! as a further incident ("also detained", "another activist", "arrested
//! again": `further` cues) or that happens at another place named in its
//! sentence is no restatement; a bare mention (no targets, count or
//! description) restates only an incident of the last five sentences.
//!
//! A death told without a killing verb ("40 soldiers died today",
//! `needs=violence`) restates a killing told with one in the same place,
//! before or after it ("... were killed when guerrillas attacked the
//! base"), unless the text marks it as another ("two more died"): the
//! killing is kept, for it names how and by whom.

use super::Event;
use crate::document::ByteSpan;

/// How far back (in sentences) a restatement may refer.
const RESTATEMENT_WINDOW: usize = 40;
/// How far back a bare mention (no targets, count or description) may
/// refer: nothing but proximity ties it to an earlier incident, and a
/// report of several incidents ("police fired 12 rounds in X ... police had
/// to fire six rounds in Y") names each one barely.
const BARE_RESTATEMENT_WINDOW: usize = 5;

/// A later mention of an incident already recorded ("their prosecution",
/// "this attack"): same type, no new targets, date, count, penalty or
/// modality.
pub(super) fn is_restatement(events: &[Event], e: &Event) -> bool {
    restated(events, e).is_some()
}

/// The index in `events` of the event that `e` restates (the most recent
/// that fits), if any.
fn restated(events: &[Event], e: &Event) -> Option<usize> {
    // Only the incidents of the last RESTATEMENT_WINDOW sentences are
    // compared: a restatement refers back to something recent, and a long
    // document must not cost quadratic time.
    let recent = || {
        events
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, p)| p.sentence + RESTATEMENT_WINDOW >= e.sentence)
    };
    // "Another activist was also detained", "arrested again".
    if e.further_incident {
        return None;
    }
    // "In Vadodara, one person was killed ..." after a killing in Ahmedabad.
    let elsewhere = |p: &Event| {
        e.place_in_sentence
            && p.place_in_sentence
            && !e.locations.iter().any(|l| p.locations.contains(l))
    };
    // "Police opened fire" after "the mob injured nine policemen": an act
    // by other hands is another incident. A killing or an assault that
    // names its perpetrator after one that named none ("two were killed"
    // ... "one person died in police firing") tells who did it, which
    // the first did not: not a mere restatement.
    let other_hands = |p: &Event| {
        !e.agents.is_empty()
            && (p.agents.is_empty() && is_violence(e)
                || !p.agents.is_empty()
                    && !e
                        .agents
                        .iter()
                        .any(|a| p.agents.iter().any(|b| a.kind == b.kind)))
    };
    // "the trial", "this attack" after a trial or an attack was reported;
    // "their prosecution" after their trial began (charges come before a
    // trial: a definite charge noun after one names the same case).
    let same_case = |p: &Event| {
        p.event_type == e.event_type
            || e.event_type == "charge" && matches!(p.event_type, "trial" | "sentence")
    };
    if e.definite_noun && e.penalty.is_none() {
        if let Some((i, _)) = recent().find(|(_, p)| same_case(p) && !other_hands(p)) {
            return Some(i);
        }
    }
    // A bare mention (no targets, count or description: "police opened
    // fire") can refer back only to a recent incident.
    let bare = e.targets.is_empty() && e.target_count.is_none() && e.target_description.is_none();
    recent()
        .find(|(_, p)| {
            (!is_bare_death(p) || is_bare_death(e))
                && (!bare || p.sentence + BARE_RESTATEMENT_WINDOW >= e.sentence)
                && !elsewhere(p)
                && !other_hands(p)
                && p.event_type == e.event_type
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
        .map(|(i, _)| i)
}

/// An undated event that would restate an earlier one but for the penalty
/// it adds ("Police fined the activists A and B on 24 May ... The two were
/// fined 5,000 soms each") tells the same incident: it takes that incident's
/// date (the annotation guide: a date stated elsewhere for the same
/// incident).
pub(super) fn penalty_restatement_date(events: &[Event], e: &Event) -> Option<(ByteSpan, String)> {
    if e.date.is_some() || e.penalty.is_none() {
        return None;
    }
    let probe = Event {
        penalty: None,
        ..e.clone()
    };
    events[restated(events, &probe)?].date.clone()
}

/// Violence against people, where who did it is the heart of the report.
fn is_violence(e: &Event) -> bool {
    matches!(e.event_type, "killing" | "assault")
}

/// A death told without a killing verb ("two died", `needs=violence`).
fn is_bare_death(e: &Event) -> bool {
    e.needs.contains(&"violence")
}

/// The deaths told without a killing verb that restate a killing told with
/// one, in the same place, within [`RESTATEMENT_WINDOW`] sentences before
/// or after them, unless the text marks them as further deaths ("two more
/// died").
pub(super) fn restated_deaths(events: &[Event]) -> Vec<usize> {
    // The killings told with a verb, by sentence: each death looks up the
    // ones of its window only (a long document has thousands of events).
    let mut killings: Vec<(usize, &Event)> = events
        .iter()
        .filter(|k| k.event_type == "killing" && !is_bare_death(k))
        .map(|k| (k.sentence, k))
        .collect();
    killings.sort_by_key(|&(s, _)| s);
    events
        .iter()
        .enumerate()
        .filter(|(_, d)| is_bare_death(d) && !d.further_incident)
        .filter(|(_, d)| {
            let from = killings.partition_point(|&(s, _)| s + RESTATEMENT_WINDOW < d.sentence);
            killings[from..]
                .iter()
                .take_while(|&&(s, _)| s <= d.sentence + RESTATEMENT_WINDOW)
                .any(|&(_, k)| {
                    k.modality == d.modality
                        && !(k.place_in_sentence
                            && d.place_in_sentence
                            && !k.locations.iter().any(|l| d.locations.contains(l)))
                })
        })
        .map(|(i, _)| i)
        .collect()
}
