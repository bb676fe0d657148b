//! Typing: the type an event takes when the words around its trigger say
//! more than the trigger's entry. The rules are tried in order; the first
//! that applies decides, and the entry's own type stands otherwise.
//!
//! 1. **Custody before a verdict.** "jailed for questioning", "jailed
//!    pending trial", "jailed without charge": `sentence` → `arrest` (and
//!    no penalty is read).
//! 2. **Torture outside custody.** A finite torture verb ("tortured") whose
//!    agents are all named and none a state agent, in a sentence with no
//!    word of custody (`custody` cues): "militiamen tortured a party
//!    official" → `assault` (the annotation guide: ill-treatment is what
//!    custody brings).
//! 3. **An attempted killing.** A killing noun before "attempt(s)" or "bid",
//!    or after "failed", "attempted", "botched", "foiled", "thwarted": "a
//!    failed assassination attempt" → `assault`.
//! 4. **Bans.** An `organisation_restriction` on a protest (`protest_noun`
//!    cues among the four words after: "banned the march") →
//!    `protest_restriction`; a verb on people, or a ban on leaving or
//!    travelling ("banned them from leaving the country") → `harassment`.
//! 5. **Raids.** A `harassment` raid or search of offices, an outlet or an
//!    organisation (`org_place` or `media_noun` cues among the five words
//!    after, or an organisation as the target: "raided the offices of",
//!    "raided the independent Zarya daily") → `organisation_restriction`;
//!    of a home it stays harassment.

use super::lexicon::{Cues, Trigger};
use super::participants::{Group, Part};
use super::Actor;
use crate::document::ByteSpan;

/// What the typing rules read around one trigger.
pub(super) struct Context<'a> {
    pub trigger: &'a Trigger,
    /// The sentence's words before and after the trigger, and all of them.
    pub before: &'a [&'a (ByteSpan, &'a str)],
    pub after: &'a [&'a (ByteSpan, &'a str)],
    pub words: &'a [(ByteSpan, &'a str)],
    pub agents: &'a [Actor],
    pub target_group: Option<&'a Group>,
    pub cues: &'a Cues,
}

/// The event's type (rules 1-5).
pub(super) fn event_type(c: &Context) -> &'static str {
    let trigger = c.trigger;
    let lower_after = |n: usize| -> Vec<String> {
        c.after
            .iter()
            .take(n)
            .map(|(_, w)| w.to_lowercase())
            .collect()
    };
    match trigger.event_type {
        "sentence" if custody_before_verdict(c) => "arrest",
        "ill_treatment" if torture_outside_custody(c) => "assault",
        "killing" if attempted_killing(c) => "assault",
        "organisation_restriction" => {
            let next = lower_after(4);
            if next.iter().any(|w| c.cues.protest_noun.contains(w)) {
                "protest_restriction"
            } else if !trigger.is_noun && names_people(c.target_group)
                || next
                    .iter()
                    .take(3)
                    .any(|w| matches!(w.as_str(), "leaving" | "travelling" | "traveling"))
            {
                "harassment"
            } else {
                trigger.event_type
            }
        }
        "harassment" if matches!(trigger.lemma.as_str(), "raid" | "search") => {
            let on_org = lower_after(5)
                .iter()
                .any(|w| c.cues.org_place.contains(w) || c.cues.media_noun.contains(w))
                || c.target_group.is_some_and(|g| {
                    g.members
                        .iter()
                        .any(|m| matches!(m.part, Part::Organisation { .. }))
                });
            if on_org {
                "organisation_restriction"
            } else {
                trigger.event_type
            }
        }
        other => other,
    }
}

// Rule 1: "jailed for questioning", "jailed pending trial".
fn custody_before_verdict(c: &Context) -> bool {
    let next: Vec<String> = c
        .after
        .iter()
        .take(2)
        .map(|(_, w)| w.to_lowercase())
        .collect();
    let next: Vec<&str> = next.iter().map(String::as_str).collect();
    !c.trigger.is_noun
        && c.trigger.lemma == "jail"
        && matches!(
            next.as_slice(),
            ["for", "questioning" | "interrogation"]
                | ["pending" | "awaiting", ..]
                | ["without", "charge" | "trial"]
        )
}

// Rule 2: "militiamen tortured a party official".
fn torture_outside_custody(c: &Context) -> bool {
    !c.trigger.is_noun
        && c.trigger.surface.ends_with("ed")
        && !c.agents.is_empty()
        && c.agents.iter().all(|a| a.kind != "state")
        && !c
            .words
            .iter()
            .any(|(_, w)| c.cues.custody.contains(&w.to_lowercase()))
}

// Rule 3: "a failed assassination attempt", "an attempted murder".
fn attempted_killing(c: &Context) -> bool {
    c.trigger.is_noun
        && (c.after.first().is_some_and(|(_, w)| {
            matches!(w.to_lowercase().as_str(), "attempt" | "attempts" | "bid")
        }) || c.before.last().is_some_and(|(_, w)| {
            matches!(
                w.to_lowercase().as_str(),
                "failed" | "attempted" | "botched" | "foiled" | "thwarted"
            )
        }))
}

/// Rule 4: a target group of people (persons, pronouns, counts, "the two").
fn names_people(group: Option<&Group>) -> bool {
    group.is_some_and(|g| {
        g.members.iter().any(|m| {
            matches!(
                m.part,
                Part::Person(_)
                    | Part::Pronoun(_)
                    | Part::Counted { .. }
                    | Part::BackReference { .. }
            )
        })
    })
}
