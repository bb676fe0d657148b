//! Guards: named rules that reject a trigger candidate before its roles are
//! read. A trigger word found in text is only a candidate; each guard below
//! recognises one way in which such a word states no event, and a rejected
//! candidate keeps the guard's name (`guard.NAME`), so that a trace can say
//! why no event came of it.
//!
//! The guards, in the order they are tried (the first that fires names the
//! rejection); each with an example of what it rejects:
//!
//! 1. `not_event_cue` — "called for the **release** of": a `not_event` cue
//!    phrase (`event_cues.tsv`: calls, plans, figures of speech) earlier in
//!    the clause, with no comma after it.
//! 2. `generic_noun_phrase` — "the ongoing **harassment** of activists": a
//!    generic adjective (`generic` cues) before a noun trigger, also across a
//!    coordinated list.
//! 3. `noun_as_modifier` — "**protest** rights": a noun trigger that
//!    qualifies the noun after it (`modifier` cues).
//! 4. `attack_on_abstraction` — "an **attack** on press freedom": an assault,
//!    killing or censorship noun followed by "on" and no participant.
//! 5. `charged_that` — "the NGO **charged** that ...": to charge that is to
//!    allege.
//! 6. `tried_to` — "anyone who **tried** to picket the embassy": an attempt,
//!    not a trial.
//! 7. `charged_at` — "police **charged** at the crowd": a rush, not a
//!    charge (the crowd's treatment is read by force triggers).
//! 8. `charge_as_ground` — "held on extremism **charges**", "pleaded
//!    guilty to fraud **charges**", "denies the **charges**": a charge cited
//!    only as the basis of another act (as the guidelines say;
//!    `charge_ground` cues among the four words before a charge noun).
//! 9. `offence_as_ground` — "arrested for unlawful **assembly**", "charged
//!    with **illegal assembly**": a noun that also names an offence
//!    (`offence=1` in triggers.tsv) as the ground of proceedings.
//! 10. `arrest_as_penalty` — "12 days of administrative **arrest**": a
//!     penalty, read by the sentence's penalty.
//! 11. `habitual` — "police often **disperse** ...": a habit (`habitual`
//!     cues in the clause before the trigger); "householders who **kill**
//!     intruders": a base-form verb in a "who" clause.
//! 12. `contest_sense` — "**beat** her rival in the election", "**killed**
//!     the match", "**beating** three singers to the award": violence words
//!     of contests (`contest` cues among the ten words after the trigger).
//! 13. `aggregate_since` — "Since the start of the year, police have
//!     **arrested** 40 activists", "gunmen have **killed** 52 policemen
//!     this year": a count over a period, not one incident (a perfect tense
//!     with an `aggregate_period` cue in the sentence).
//! 14. `heading` — "PROTESTERS **ARRESTED**": a sentence all in capitals is
//!     a heading that the article restates.
//! 15. `status_adjective` — "the **jailed** blogger": a participle naming a
//!     state, not an act.
//! 16. `participle_adjective` — "**detained** activists", "small, **dispersed**
//!     rallies": a participle before a person or event noun, with no subject
//!     right before it ("police detained activists" is a verb).
//! 17. `verb_as_noun` — "Martika's 1980s **hit**", "his **shot** went
//!     wide": a verb trigger with no noun entry, right after a determiner
//!     or a possessive (also across a decade: "its 1980s hit"), is
//!     a noun of another sense. "her" is left out ("saw her shot").
//! 18. `thing_object` — "the regime **executed** a plan", "**seized**
//!     shares", "for **killing** the ball": a violent or custodial verb (or
//!     a gerund) whose object is a thing, not a person.
//! 19. `threat_of_action` — "the union **threatened** to strike", "strikes
//!     are being **threatened**": a threat to do something other than harm,
//!     or of a strike or protest (a threat "to kill" or "to arrest" him is
//!     intimidation).
//! 20. `gerund_subject` — "**Detaining** suspects without trial is
//!     unlawful", "a ruling that **detaining** them ...": a gerund that
//!     opens its clause names a kind of act.
//! 21. `status_participle` — "suspects currently **detained**", "the worst
//!     **hit** areas": a participle after `status` cues ("currently",
//!     "still", "worst") names a state.
//! 22. `natural_cause` — "the quake **killed** 30", "31 were **killed**
//!     after a fire": a killing or injury caused by a disaster, accident or
//!     disease (`natural_cause` cues), or "killed himself".
//! 23. `name_word` — "New **Fine** Gael leader", "its **Fine** Wine
//!     operations": a one-word trigger capitalised inside a sentence (not
//!     after a quote or colon, not in a headline of capitalised words) is
//!     part of a name.
//! 24. `fine_adjective` — "he was **fine**", "the **fine** details": "fine"
//!     after a form of "be" or before a noun.
//! 25. `non_court` — "a Senate committee **hearing**", "clinical
//!     **trials**": a hearing or trial that no court holds (`non_court`
//!     cues among the three words before it); questioning in a sentence
//!     with such a word ("**questioned** by the Senate committee").
//! 26. `hearing_verb` — "after **hearing** submissions": "hearing" as a
//!     verb with its object.
//! 27. `object_sense` — "unlikely to **gather** much support", "**shot** to
//!     fame", "**arrest** the dollar's fall", "poised to **strike**" out, "a
//!     graphic **demonstration** of": the word after the trigger (or after a
//!     determiner, "to" or a possessive) gives it another sense
//!     (`object_sense` cues, per lemma).
//! 28. `preceding_sense` — "put in **charge** of the inquiry", "an air
//!     **strike**": the word right before the trigger gives it another
//!     sense (`preceding_sense` cues, per lemma).
//! 29. `release_of_thing` — "the single was **released** on Monday", "a
//!     statement **released** through her attorney": a release next to a
//!     word of publishing or markets or a released thing (`published_thing`
//!     cues), in a sentence with no word of custody.
//! 30. `verbal_attack` — "Japan **attacked** OECD forecasts", "expected to
//!     **attack** Mr Blair's words", "**threaten** healthy trade": an
//!     attack or threat whose object holds a word of talk, plans or figures
//!     (`abstract_noun` cues, within four words after the trigger).
//! 31. `state_blockade` — "police **blocked the road** to the square": a
//!     blockade by the state is no protest (a protest trigger of blocking
//!     whose subject is a state agent).
//! 32. `infinitive` — "poised to **strike**", "voted to **strike**": a noun
//!     trigger in its base form right after "to" is a verb in the
//!     infinitive, a plan or a figure of speech, not an event held.
//! 33. `generic_plural` — "delays in court **hearings**", "rules that
//!     allowed **detentions**", "limits on **fines**": a bare plural noun of
//!     proceedings or penalties (no determiner, number, possessive or
//!     offence before it, no person, organisation or participant in its
//!     sentence) names a kind of act.
//! 34. `intransitive_particle` — "trading has **picked up**", "the wind
//!     **picked up** in the afternoon": a phrasal verb ("picked up",
//!     "rounded up") with no object after it.
//! 35. `gerund_without_person` — "difficulties in **convicting** the
//!     guilty", "a commitment to **outlawing** ageism", "their reward for
//!     **beating** Manchester City": a gerund of an act on people after a
//!     preposition, with no person, pronoun, word for people, number or
//!     participant group among the five words after it, names a kind of
//!     act ("jailed for beating a protester" stays).
//! 36. `evaluative_infinitive` — "it was absurd to **charge** farmers for
//!     committees", "it is illegal to **protest** there": a trigger
//!     after a form of "be", an adjective of judgement (`evaluative` cues)
//!     and "to" is an act weighed, not reported.
//! 37. `aggregate_toll` — "about 800,000 people were **killed** by
//!     militias": a killing or injury of ten thousand or more people (the
//!     count nearest the trigger in its clause) is the toll of a war or a
//!     long period, not one incident.
//! 38. `animal_victim` — "wounded a woman and **killed** two oxen", "oxen
//!     were also **killed**": a killing or injury of animals (`animal` cues
//!     among the words of its object, or of a passive subject).
//! 39. `generic_relative` — "vowed that they would jail anyone who
//!     tried to **picket** the embassy", "people who are **charged** under
//!     the decree risk ten years": a trigger in a "who" clause whose head
//!     is anyone, whoever or everyone (any tense), or people or those with
//!     a present "is"/"are", names a kind of act.
//! 40. `power_infinitive` — "granted sweeping powers to **arrest**
//!     reporters", "the right to **protest**": a verb trigger in an
//!     infinitive after a noun of a power or right (`power_noun` cues)
//!     states what someone may do, not an event.
//!
//! To add a guard: write a function `fn name(c: &Candidate) -> bool` with
//! its example above it, add it to [`GUARDS`] and to the list above, and
//! give it a unit test in `events::tests`.

use super::lexicon::{EventLexicon, Role, Trigger};
use super::modality::is_cue_word;
use super::participants::{names_people, Group, Part};
use super::roles;
use crate::document::ByteSpan;
use crate::tag::{Mention, MentionKind};
use crate::tokens::Tokens;

/// A trigger candidate in its sentence: what every guard may read.
pub(super) struct Candidate<'a> {
    pub text: &'a str,
    pub sentence: ByteSpan,
    pub span: ByteSpan,
    pub trigger: &'a Trigger,
    /// The participant groups of the sentence.
    pub groups: &'a [&'a Group],
    /// The sentence's words before and after the trigger.
    pub before: &'a [&'a (ByteSpan, &'a str)],
    pub after: &'a [&'a (ByteSpan, &'a str)],
    /// The mentions of the sentence.
    pub mentions: &'a [Mention],
    pub clause_start: usize,
    pub lexicon: &'a EventLexicon,
    /// The tokens of the whole text.
    pub tokens: &'a Tokens,
}

impl Candidate<'_> {
    fn next_word(&self) -> Option<String> {
        self.after.first().map(|(_, w)| w.to_lowercase())
    }

    fn prev_word(&self) -> Option<String> {
        self.before.last().map(|(_, w)| w.to_lowercase())
    }

    /// The lower-cased words up to `before` words before the trigger and
    /// `after` words after it.
    fn words_around(&self, before: usize, after: usize) -> impl Iterator<Item = String> + '_ {
        self.before
            .iter()
            .rev()
            .take(before)
            .chain(self.after.iter().take(after))
            .map(|(_, w)| w.to_lowercase())
    }

    /// A one-word participle trigger ("jailed", "detained").
    fn single_participle(&self) -> bool {
        self.trigger.participle && !self.trigger.surface.contains(' ')
    }
}

/// A named rule that rejects candidates.
pub(super) struct Guard {
    pub name: &'static str,
    pub rejects: fn(&Candidate) -> bool,
}

/// Every guard, in the order they are tried.
pub(super) const GUARDS: &[Guard] = &[
    Guard {
        name: "guard.not_event_cue",
        rejects: not_event_cue,
    },
    Guard {
        name: "guard.generic_noun_phrase",
        rejects: generic_noun_phrase,
    },
    Guard {
        name: "guard.noun_as_modifier",
        rejects: noun_as_modifier,
    },
    Guard {
        name: "guard.attack_on_abstraction",
        rejects: attack_on_abstraction,
    },
    Guard {
        name: "guard.charged_that",
        rejects: charged_that,
    },
    Guard {
        name: "guard.tried_to",
        rejects: tried_to,
    },
    Guard {
        name: "guard.charged_at",
        rejects: charged_at,
    },
    Guard {
        name: "guard.charge_as_ground",
        rejects: charge_as_ground,
    },
    Guard {
        name: "guard.offence_as_ground",
        rejects: offence_as_ground,
    },
    Guard {
        name: "guard.arrest_as_penalty",
        rejects: arrest_as_penalty,
    },
    Guard {
        name: "guard.habitual",
        rejects: habitual,
    },
    Guard {
        name: "guard.contest_sense",
        rejects: contest_sense,
    },
    Guard {
        name: "guard.aggregate_since",
        rejects: aggregate_since,
    },
    Guard {
        name: "guard.heading",
        rejects: heading,
    },
    Guard {
        name: "guard.status_adjective",
        rejects: status_adjective,
    },
    Guard {
        name: "guard.participle_adjective",
        rejects: participle_adjective,
    },
    Guard {
        name: "guard.verb_as_noun",
        rejects: verb_as_noun,
    },
    Guard {
        name: "guard.thing_object",
        rejects: thing_object,
    },
    Guard {
        name: "guard.threat_of_action",
        rejects: threat_of_action,
    },
    Guard {
        name: "guard.gerund_subject",
        rejects: gerund_subject,
    },
    Guard {
        name: "guard.status_participle",
        rejects: status_participle,
    },
    Guard {
        name: "guard.natural_cause",
        rejects: natural_cause,
    },
    Guard {
        name: "guard.name_word",
        rejects: name_word,
    },
    Guard {
        name: "guard.fine_adjective",
        rejects: fine_adjective,
    },
    Guard {
        name: "guard.non_court",
        rejects: non_court,
    },
    Guard {
        name: "guard.hearing_verb",
        rejects: hearing_verb,
    },
    Guard {
        name: "guard.object_sense",
        rejects: object_sense,
    },
    Guard {
        name: "guard.preceding_sense",
        rejects: preceding_sense,
    },
    Guard {
        name: "guard.release_of_thing",
        rejects: release_of_thing,
    },
    Guard {
        name: "guard.verbal_attack",
        rejects: verbal_attack,
    },
    Guard {
        name: "guard.state_blockade",
        rejects: state_blockade,
    },
    Guard {
        name: "guard.infinitive",
        rejects: infinitive,
    },
    Guard {
        name: "guard.generic_plural",
        rejects: generic_plural,
    },
    Guard {
        name: "guard.intransitive_particle",
        rejects: intransitive_particle,
    },
    Guard {
        name: "guard.gerund_without_person",
        rejects: gerund_without_person,
    },
    Guard {
        name: "guard.evaluative_infinitive",
        rejects: evaluative_infinitive,
    },
    Guard {
        name: "guard.aggregate_toll",
        rejects: aggregate_toll,
    },
    Guard {
        name: "guard.animal_victim",
        rejects: animal_victim,
    },
    Guard {
        name: "guard.generic_relative",
        rejects: generic_relative,
    },
    Guard {
        name: "guard.power_infinitive",
        rejects: power_infinitive,
    },
];

/// The name of the first guard that rejects the candidate, if any.
pub(super) fn rejection(candidate: &Candidate) -> Option<&'static str> {
    let disabled = &candidate.lexicon.disabled_rules;
    GUARDS
        .iter()
        .filter(|g| disabled.is_empty() || !disabled.iter().any(|d| d == g.name))
        .find(|g| (g.rejects)(candidate))
        .map(|g| g.name)
}

// "Amnesty called for the release of X": a call, plan or figure of speech
// earlier in the clause.
fn not_event_cue(c: &Candidate) -> bool {
    let phrases = &c.lexicon.cues.phrases;
    let clause_before = ByteSpan::new(c.clause_start, c.span.start);
    let found = phrases.find_within(c.text, c.tokens, clause_before);
    found.iter().any(|m| {
        phrases.entry(m.entry).kind == "not_event"
            && !c.text[m.span.end..c.span.start].contains(',')
            && is_cue_word(c.text, m.span, c.mentions, &c.lexicon.cues)
    })
}

// "the ongoing persecution, surveillance and judicial harassment": a generic
// adjective before the noun phrase the trigger heads.
fn generic_noun_phrase(c: &Candidate) -> bool {
    if !c.trigger.is_noun {
        return false;
    }
    for (_, w) in c.before.iter().rev().take(6) {
        let lower = w.to_lowercase();
        if c.lexicon.cues.generic.contains(&lower) {
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

// "protest rights", "arrest warrant" (a modifier cue): the trigger
// qualifies another noun.
fn noun_as_modifier(c: &Candidate) -> bool {
    c.trigger.is_noun
        && c.next_word()
            .as_deref()
            .is_some_and(|w| c.lexicon.cues.modifier.contains(w))
}

// "Martika's 1980s hit", "his shot went wide" (a verb with a noun entry
// of its own was read as that noun before the guards).
fn verb_as_noun(c: &Candidate) -> bool {
    if c.trigger.is_noun || c.trigger.surface.contains(' ') {
        return false;
    }
    let determiner = |w: &str| {
        let lower = w.to_lowercase();
        (lower != "her" && c.lexicon.cues.determiner.contains(&lower))
            || ((lower.ends_with("'s") || lower.ends_with("’s"))
                && !matches!(
                    &lower[..lower.len() - if lower.ends_with("'s") { 2 } else { 4 }],
                    "he" | "she" | "it" | "that" | "there" | "who" | "what" | "let" | "here"
                ))
    };
    let mut before = c.before.iter().rev().map(|(_, w)| *w);
    match before.next() {
        Some(w) if determiner(w) => true,
        // "its 1980s hit" (but "the 58 killed" are people).
        Some(w) if w.starts_with(|ch: char| ch.is_ascii_digit()) && w.ends_with('s') => {
            before.next().is_some_and(determiner)
        }
        _ => false,
    }
}

// "an attack on press freedom" (an attack on a person names them).
fn attack_on_abstraction(c: &Candidate) -> bool {
    if !(c.trigger.is_noun
        && c.next_word().as_deref() == Some("on")
        && matches!(c.trigger.event_type, "assault" | "killing" | "censorship"))
        || c.groups
            .iter()
            .any(|g| g.span.start > c.span.end && g.span.start <= c.span.end + 8)
    {
        return false;
    }
    // "attacks on the Oromo ethnic group", "an attack on the village":
    // people, a community or a place where people live among the five
    // words after "on".
    let window = &c.after[1..c.after.len().min(1 + ABSTRACTION_WINDOW)];
    let people = window
        .first()
        .zip(window.last())
        .is_some_and(|(first, last)| {
            names_people(
                c.text,
                ByteSpan::new(first.0.start, last.0.end),
                c.mentions,
                c.lexicon,
            )
        })
        || window.iter().any(|(_, w)| {
            let lower = w.to_lowercase();
            c.lexicon.cues.inhabited_place.contains(&lower)
                || matches!(
                    lower.as_str(),
                    "community" | "communities" | "population" | "ethnic" | "minority" | "tribe"
                )
        });
    // "an assault on the whole Nasa people": a people as a whole is a
    // figure of speech.
    let whole = window
        .iter()
        .any(|(_, w)| matches!(w.to_lowercase().as_str(), "whole" | "entire"));
    !people || whole
}

/// How many words after "on" an attack's victims may be named.
const ABSTRACTION_WINDOW: usize = 5;

// "the NGO charged that the vote was rigged".
fn charged_that(c: &Candidate) -> bool {
    !c.trigger.is_noun
        && c.trigger.event_type == "charge"
        && c.next_word().as_deref() == Some("that")
}

// "anyone who tried to picket the embassy" (but "the hearing was adjourned
// to 5 May" is a trial event).
fn tried_to(c: &Candidate) -> bool {
    !c.trigger.is_noun && c.trigger.lemma == "try" && c.next_word().as_deref() == Some("to")
}

// "police charged at him".
fn charged_at(c: &Candidate) -> bool {
    !c.trigger.is_noun && c.trigger.event_type == "charge" && c.next_word().as_deref() == Some("at")
}

// "held on extremism charges", "on what charge": no charging act.
fn charge_as_ground(c: &Candidate) -> bool {
    let noun_charge = c.trigger.event_type == "charge"
        && (c.trigger.is_noun || c.trigger.surface.split_whitespace().count() == 1);
    noun_charge
        && (c.trigger.surface.split_whitespace().count() == 1
            && c.before
                .iter()
                .rev()
                .take(3)
                .any(|(_, w)| w.eq_ignore_ascii_case("on"))
            // "pleaded guilty to fraud charges", "denies the charges",
            // "settled SEC charges", "exonerated of highly damaging and
            // unfounded charges" (`charge_ground` cues, up to six words
            // before, in the same stretch of the clause: no comma between).
            || c.trigger.surface.split_whitespace().count() == 1
                && !c.trigger.surface.ends_with("ed")
                && c.before
                    .iter()
                    .rev()
                    .take(CHARGE_GROUND_WINDOW)
                    .take_while(|(s, _)| !c.text[s.end..c.span.start].contains([',', ';']))
                    .any(|(_, w)| c.lexicon.cues.charge_ground.contains(&w.to_lowercase())))
}

/// How many words before a charge noun a `charge_ground` cue reaches.
const CHARGE_GROUND_WINDOW: usize = 6;

/// Prepositions after which a gerund names a kind of act ("difficulties in
/// convicting the guilty") or an act in another's account ("jailed for
/// beating a protester").
const GERUND_PREPOSITIONS: &[&str] = &[
    "in", "of", "for", "by", "about", "without", "on", "against", "from", "to", "towards",
];

/// How many words after a gerund its object may stand.
const GERUND_OBJECT_WINDOW: usize = 5;

// "the difficulties faced by governing bodies in convicting the guilty",
// "a commitment to outlawing ageism", "their reward for beating Manchester
// City": a gerund of an act on people, after a preposition, with no
// person, pronoun, word for people or participant group among the words
// after it, names a kind of act ("jailed for beating a protester", "accused
// of torturing him" name their victims and stay).
fn gerund_without_person(c: &Candidate) -> bool {
    let person_types = matches!(
        c.trigger.event_type,
        "arrest"
            | "assault"
            | "killing"
            | "ill_treatment"
            | "sentence"
            | "charge"
            | "harassment"
            | "release"
            | "organisation_restriction"
    );
    let first = c.text[c.span.start..c.span.end]
        .split_whitespace()
        .next()
        .unwrap_or_default();
    if c.trigger.is_noun
        || !person_types
        || !first.to_lowercase().ends_with("ing")
        || !c.before.last().is_some_and(|(s, w)| {
            // A word of its own ("a drive-by shooting" holds no "by").
            let alone = c.text[..s.start].ends_with(char::is_whitespace) || s.start == 0;
            alone
                && c.text[s.end..c.span.start].trim().is_empty()
                && GERUND_PREPOSITIONS.contains(&w.to_lowercase().as_str())
        })
    {
        return false;
    }
    let window = c.after.iter().take(GERUND_OBJECT_WINDOW);
    let last_end = window
        .clone()
        .next_back()
        .map_or(c.span.end, |(s, _)| s.end);
    let after = ByteSpan::new(c.span.end, last_end);
    let group_after = c
        .groups
        .iter()
        .any(|g| g.span.start >= c.span.end && g.span.start < last_end);
    // "outlawing the party", "banning opposition groups": a ban's object
    // may be an organisation instead of people.
    let names_organisation = c.trigger.event_type == "organisation_restriction"
        && (window.clone().any(|(_, w)| {
            let lower = w.to_lowercase();
            c.lexicon.cues.organisation_noun.contains(&lower)
                || c.lexicon.cues.media_noun.contains(&lower)
        }) || crate::events::within(c.mentions, |m| m.span, after)
            .iter()
            .any(|m| m.kind == MentionKind::Organisation));
    !group_after && !names_organisation && !names_people(c.text, after, c.mentions, c.lexicon)
}

// "it was absurd to charge farmers for committees", "it would be wrong to
// arrest them", "it is illegal to protest there".
fn evaluative_infinitive(c: &Candidate) -> bool {
    let mut before = c.before.iter().rev().map(|(_, w)| w.to_lowercase());
    before.next().as_deref() == Some("to")
        && before
            .next()
            .is_some_and(|adjective| c.lexicon.cues.evaluative.contains(&adjective))
        && before.take(2).any(|w| {
            matches!(
                w.as_str(),
                "is" | "was"
                    | "be"
                    | "been"
                    | "are"
                    | "were"
                    | "it's"
                    | "seems"
                    | "seemed"
                    | "it"
                    | "very"
                    | "so"
                    | "too"
                    | "quite"
                    | "not"
            )
        })
}

/// The count of people at which a killing or injury is a toll over a war
/// or a long period rather than one incident.
const AGGREGATE_TOLL: u64 = 10_000;

/// How many words from the trigger the count of a toll may stand.
const TOLL_WINDOW: usize = 6;

// "About 800,000 Tutsis and moderate Hutus were killed by militias",
// "the war has killed 20,000 civilians".
fn aggregate_toll(c: &Candidate) -> bool {
    if !matches!(c.trigger.event_type, "killing" | "assault") {
        return false;
    }
    let from = c.before[c.before.len().saturating_sub(TOLL_WINDOW)..]
        .first()
        .map_or(c.span.start, |(s, _)| s.start)
        .max(c.clause_start);
    let to = c.after[..c.after.len().min(TOLL_WINDOW)]
        .last()
        .map_or(c.span.end, |(s, _)| s.end);
    let counted = c
        .groups
        .iter()
        .filter(|g| g.span.start >= from && g.span.end <= to)
        .flat_map(|g| &g.members)
        .any(|m| matches!(m.part, Part::Counted { count: Some(n), .. } if n >= AGGREGATE_TOLL));
    // "About 800,000 Tutsis and moderate Hutus were killed": a number of
    // people the participant reader does not know as a group.
    let words: Vec<&(ByteSpan, &str)> = c
        .before
        .iter()
        .filter(|(s, _)| s.start >= from)
        .chain(c.after.iter().take(TOLL_WINDOW))
        .copied()
        .collect();
    let numeral = words.iter().any(|(span, word)| {
        if !word.starts_with(|ch: char| ch.is_ascii_digit()) {
            return false;
        }
        // Words are runs of letters and digits: "800,000" is read whole.
        let rest = &c.text[span.start..];
        let length = rest
            .char_indices()
            .take_while(|&(i, ch)| {
                ch.is_ascii_digit()
                    || ch == ',' && rest[i + 1..].starts_with(|d: char| d.is_ascii_digit())
            })
            .last()
            .map_or(0, |(i, ch)| i + ch.len_utf8());
        let numeral_end = span.start + length;
        let Ok(number) = rest[..length].replace(',', "").parse::<u64>() else {
            return false;
        };
        let next = c.text[numeral_end..]
            .split(|ch: char| !ch.is_alphanumeric())
            .find(|w| !w.is_empty())
            .map(str::to_lowercase);
        let number = match next.as_deref() {
            Some("million" | "millions") => number.saturating_mul(1_000_000),
            _ => number,
        };
        let money = c.text[..span.start].ends_with(['$', '£', '€', '¥']);
        number >= AGGREGATE_TOLL
            && !money
            && !next.is_some_and(|w| c.lexicon.cues.unit.contains(&w))
    });
    counted || numeral
}

// "they would jail anyone who tried to picket the embassy", "people who are
// charged under the new decree risk ...": a "who" clause on a head
// that names no one in particular.
fn generic_relative(c: &Candidate) -> bool {
    let n = c.before.len();
    let Some(i) = (n.saturating_sub(5)..n).rev().find(|&i| {
        c.before[i].1.eq_ignore_ascii_case("who") && c.before[i].0.start >= c.clause_start
    }) else {
        return false;
    };
    let Some(head) = i.checked_sub(1).map(|j| c.before[j].1.to_lowercase()) else {
        return false;
    };
    let present = c.before[i + 1..]
        .iter()
        .any(|(_, w)| matches!(w.to_lowercase().as_str(), "is" | "are"));
    matches!(
        head.as_str(),
        "anyone" | "anybody" | "whoever" | "everyone" | "everybody"
    ) || matches!(head.as_str(), "people" | "those") && present
}

// "border guards were granted sweeping powers to arrest, search and hold
// reporters", "the right to protest peacefully".
fn power_infinitive(c: &Candidate) -> bool {
    super::modality::word_before_infinitive(c.before, c.clause_start)
        .is_some_and(|w| c.lexicon.cues.power_noun.contains(&w))
}

/// How many words an object or a passive subject may take before its noun.
const VICTIM_WINDOW: usize = 4;

// "wounded a woman and killed two oxen", "Oxen were also killed during the
// operation", "police shot a dog".
fn animal_victim(c: &Candidate) -> bool {
    if !matches!(c.trigger.event_type, "killing" | "assault") || c.trigger.is_noun {
        return false;
    }
    let cues = &c.lexicon.cues;
    // An animal that heads its noun phrase: at its end, not as a modifier
    // of another noun ("cattle owners", "a camel camp").
    let heads_phrase = |at: usize| {
        let rest = c.text[at..].trim_start();
        rest.is_empty()
            || !rest.starts_with(char::is_alphanumeric)
            || rest
                .split(|ch: char| !ch.is_alphanumeric())
                .next()
                .is_some_and(|next| {
                    matches!(
                        next.to_lowercase().as_str(),
                        "and"
                            | "or"
                            | "in"
                            | "at"
                            | "on"
                            | "during"
                            | "were"
                            | "was"
                            | "are"
                            | "is"
                            | "that"
                            | "which"
                            | "with"
                            | "from"
                            | "near"
                            | "by"
                            | "of"
                            | "to"
                            | "for"
                            | "as"
                            | "after"
                            | "before"
                            | "when"
                            | "while"
                            | "also"
                            | "belonging"
                            | "killed"
                            | "shot"
                            | "injured"
                    )
                })
    };
    // The first word of an animal or of people decides.
    let is_animal = |w: &str| cues.animal.contains(&w.to_lowercase());
    let first_victim = |words: &mut dyn Iterator<Item = &&(ByteSpan, &str)>| {
        words
            .take(VICTIM_WINDOW)
            .find(|(s, w)| is_animal(w) || names_people(c.text, *s, c.mentions, c.lexicon))
            .is_some_and(|(s, w)| is_animal(w) && heads_phrase(s.end))
    };
    let passive = c.trigger.participle
        && (roles::is_passive(c.text, c.span, c.before, cues)
            || c.before
                .last()
                .is_some_and(|(_, w)| cues.animal.contains(&w.to_lowercase())));
    if passive {
        let mut before = c
            .before
            .iter()
            .rev()
            .take_while(|(s, _)| s.start >= c.clause_start);
        first_victim(&mut before)
    } else if c.next_word().as_deref() == Some("by") {
        // "was shot dead by cattle rustlers": the agent, not the victim.
        false
    } else {
        first_victim(&mut c.after.iter())
    }
}

// "arrested for unlawful assembly", "charged with illegal assembly".
fn offence_as_ground(c: &Candidate) -> bool {
    c.trigger.offence
        && c.before
            .last()
            .is_some_and(|(_, w)| matches!(w.to_lowercase().as_str(), "for" | "with" | "of"))
}

// "sentenced to 12 days of administrative arrest": a penalty.
fn arrest_as_penalty(c: &Candidate) -> bool {
    c.trigger.event_type == "arrest"
        && c.trigger.is_noun
        && c.before
            .last()
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("of"))
        && c.before.iter().rev().nth(1).is_some_and(|(_, w)| {
            matches!(
                w.to_lowercase().as_str(),
                "days" | "months" | "years" | "weeks" | "hours"
            )
        })
}

// "police often use force to disperse ...": a habit.
//
// "Householders who injure or even kill intruders": a verb in its base
// form in a relative clause (within four words after "who") on a bare
// plural tells what a kind of people do.
fn habitual(c: &Candidate) -> bool {
    base_form_on_bare_plural(c)
        || c.before
            .iter()
            .filter(|(s, _)| s.start >= c.clause_start)
            .any(|(_, w)| c.lexicon.cues.habitual.contains(&w.to_lowercase()))
}

// A base-form verb within four words after "who" whose antecedent is a bare
// plural ("householders who", not "the two men who" or "Ciara, who").
fn base_form_on_bare_plural(c: &Candidate) -> bool {
    if c.trigger.is_noun || !c.span.slice(c.text).eq_ignore_ascii_case(&c.trigger.lemma) {
        return false;
    }
    let n = c.before.len();
    let Some(i) = (n.saturating_sub(4)..n)
        .rev()
        .find(|&i| c.before[i].1.eq_ignore_ascii_case("who"))
    else {
        return false;
    };
    let Some((antecedent_span, antecedent)) = i.checked_sub(1).map(|j| c.before[j]) else {
        return false;
    };
    let qualifier = i.checked_sub(2).map(|j| c.before[j].1.to_lowercase());
    antecedent.to_lowercase().ends_with('s')
        && !c.text[antecedent_span.end..c.before[i].0.start].contains([',', '-'])
        && !qualifier.is_some_and(|w| c.lexicon.cues.determiner.contains(&w) || is_number(c, &w))
}

/// How many words after an assault or killing trigger a contest word
/// reaches, names not counted ("beat her rival in the election"; further
/// on, "riots after a cricket match" is no contest of the violence).
const CONTEST_WINDOW: usize = 10;

// "beat X in the vote", "killed the game", "beating A, B, C and D to
// the prize" (names do not count towards the window).
fn contest_sense(c: &Candidate) -> bool {
    if !matches!(c.trigger.event_type, "assault" | "killing") {
        return false;
    }
    let mut counted = 0;
    for (_, w) in c.after {
        let lower = w.to_lowercase();
        // "attacked his home ahead of a by-election": a time, not the contest.
        if matches!(
            lower.as_str(),
            "ahead" | "before" | "after" | "during" | "since" | "amid"
        ) {
            return false;
        }
        if c.lexicon.cues.contest.contains(&lower) {
            return true;
        }
        if !w.starts_with(char::is_uppercase) {
            counted += 1;
            if counted >= CONTEST_WINDOW {
                break;
            }
        }
    }
    false
}

// "Since the beginning of last year, the junta has detained at least 31
// students": an aggregate over a period.
//
// "Gunmen have killed 52 policemen this year", "many singers have appeared
// before the courts in recent years": a perfect tense with a period
// (`aggregate_period` cues) in the sentence.
fn aggregate_since(c: &Candidate) -> bool {
    let perfect = c
        .before
        .iter()
        .rev()
        .take(3)
        .any(|(_, w)| matches!(w.to_lowercase().as_str(), "have" | "has"));
    let phrases = &c.lexicon.cues.phrases;
    if perfect
        && (phrases.find_within(c.text, c.tokens, c.sentence))
            .iter()
            .any(|m| phrases.entry(m.entry).kind == "aggregate_period")
    {
        return true;
    }
    // The "since" phrase of the trigger's clause, or the one that opens the
    // sentence ("Since the start of last year, the junta has arrested 31
    // students and sentenced nine").
    let opening = c.sentence.slice(c.text).trim_start();
    let sentence_opens_with_since = opening
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("since "));
    let from = if sentence_opens_with_since {
        c.sentence.start
    } else {
        c.clause_start
    };
    let clause_text = &c.text[from..c.sentence.end];
    let lower = clause_text.to_lowercase();
    let Some(p) = lower.find("since ") else {
        return false;
    };
    let after_since = &lower[p + 6..];
    after_since.starts_with("the beginning")
        || after_since.starts_with("the start")
        || c.mentions
            .iter()
            .any(|m| m.kind == MentionKind::Date && m.span.start == from + p + 6)
}

// "PROTESTERS ARRESTED IN CAPITAL": a heading.
fn heading(c: &Candidate) -> bool {
    let mut letters = c
        .sentence
        .slice(c.text)
        .chars()
        .filter(|ch| ch.is_alphabetic());
    let mut count = 0;
    let all_upper = letters.all(|ch| {
        count += 1;
        ch.is_uppercase()
    });
    all_upper && count >= 4
}

// "the jailed blogger": a status, not an event.
fn status_adjective(c: &Candidate) -> bool {
    // "the jailed blogger"; "Jailed tycoon X ..." at a sentence start; "a
    // sister of jailed Kyrgyz poet X".
    // "two imprisoned Iranian bloggers": after a determiner or a number, a
    // capitalised word may follow (a nationality, an outlet's name).
    let prev = c.prev_word();
    let adjacent = c
        .before
        .last()
        .is_none_or(|(s, _)| c.text[s.end..c.span.start].trim().is_empty());
    let after_determiner = adjacent
        && prev.as_deref().is_some_and(|w| {
            matches!(
                w,
                "the" | "a" | "an" | "his" | "her" | "their" | "its" | "jailed" | "of"
            ) || c.lexicon.numbers.parse(w).is_some()
                || w.chars().all(|ch| ch.is_ascii_digit() || ch == ',')
        });
    c.single_participle()
        && (prev.is_none() || after_determiner)
        && c.after.first().is_some_and(|(s, w)| {
            let lower = w.to_lowercase();
            // "Jailed Russian activist X ..." opens a sentence too (but
            // "Arrested Monday, ...": a date).
            let opens_sentence = prev.is_none()
                && !c.mentions.iter().any(|m| {
                    m.kind == MentionKind::Date && m.span.start <= s.start && s.start < m.span.end
                });
            (w.chars().all(char::is_lowercase)
                || (after_determiner || opens_sentence) && w.starts_with(char::is_uppercase))
                && !matches!(
                    lower.as_str(),
                    "by" | "in" | "on" | "at" | "for" | "and" | "with"
                )
        })
}

// "detained activists", "small, dispersed rallies": an adjective. "Police
// detained activists": a participant right before the participle is its
// subject, so it is a verb.
fn participle_adjective(c: &Candidate) -> bool {
    if !c.single_participle() || c.trigger.is_noun {
        return false;
    }
    let subject_right_before = c
        .groups
        .iter()
        .any(|g| g.span.end <= c.span.start && c.text[g.span.end..c.span.start].trim().is_empty());
    // "... identified as Bernard attacked mourners": a name the tagger did
    // not take as a participant is a subject too.
    let name_right_before = c.before.last().is_some_and(|(s, w)| {
        w.starts_with(char::is_uppercase)
            && c.text[s.end..c.span.start].trim().is_empty()
            && s.start > c.sentence.start
            && !c.lexicon.cues.determiner.contains(&w.to_lowercase())
    });
    // "special forces has attacked protesters", "a youth group attacked
    // members": an auxiliary, an adverb of report, a word for people or a
    // word for a group (`group_noun` cues) right before makes the
    // participle a verb.
    let verb_right_before = c.before.last().is_some_and(|(s, w)| {
        let lower = w.to_lowercase();
        c.text[s.end..c.span.start].trim().is_empty()
            && (matches!(
                lower.as_str(),
                "has"
                    | "have"
                    | "had"
                    | "having"
                    | "then"
                    | "also"
                    | "allegedly"
                    | "reportedly"
                    | "later"
            ) || c.lexicon.cues.human.contains(&lower)
                || c.lexicon.cues.group_noun.contains(&lower))
    });
    if subject_right_before || name_right_before || verb_right_before {
        return false;
    }
    let Some(after_space) = c.text[c.span.end..].strip_prefix(' ') else {
        return false;
    };
    let next = &after_space[..after_space
        .find(|ch: char| !ch.is_alphabetic())
        .unwrap_or(after_space.len())];
    !next.is_empty()
        && (c
            .lexicon
            .descriptors
            .find(next)
            .iter()
            .any(|d| d.span.len() == next.len())
            // A noun trigger, or a surface with a noun reading ("rallies").
            || c.lexicon.find_triggers(next).iter().any(|t| {
                t.span.len() == next.len()
                    && std::iter::once(t.trigger)
                        .chain(t.alternative)
                        .any(|i| c.lexicon.trigger(i).is_some_and(|tr| tr.is_noun))
            }))
}

// "the regime executed a plan of reprisals": a violent verb whose
// object is a thing, not a person.
fn thing_object(c: &Candidate) -> bool {
    if !matches!(
        c.trigger.event_type,
        "killing" | "assault" | "arrest" | "ill_treatment"
    ) {
        return false;
    }
    // A noun reading in "-ing" with an object right after it is a gerund
    // ("for killing the ball", "beating rivals to the award").
    let surface = c.span.slice(c.text);
    let gerund = c.trigger.is_noun
        && !surface.contains(' ')
        && surface.to_lowercase().ends_with("ing")
        && c.after
            .first()
            .is_some_and(|(s, _)| c.text[c.span.end..s.start].trim().is_empty());
    if c.trigger.is_noun && !gerund {
        return false;
    }
    // The object opens with a determiner, or is a bare plural right after
    // the trigger ("executed contracts", "seized shares").
    let Some((first_span, first)) = c.after.first() else {
        return false;
    };
    let first_lower = first.to_lowercase();
    // "the" only for killings and custody ("killed the business model";
    // "attacked the shrine" is an attack on the people in it).
    let definite = first_lower == "the" && c.trigger.event_type != "assault";
    let determiner = definite
        || matches!(
            first_lower.as_str(),
            "a" | "an" | "its" | "their" | "his" | "her"
        );
    // A bare plural for violence (but "pelted stones at police": what is
    // thrown), and for custody words of other senses ("seized shares").
    let bare_kind = match c.trigger.event_type {
        "arrest" => !c.trigger.needs.is_empty(),
        _ => !c.trigger.lemma.eq_ignore_ascii_case("pelt"),
    };
    let aimed = c
        .after
        .get(1)
        .is_some_and(|(_, w)| matches!(w.to_lowercase().as_str(), "at" | "on" | "into"));
    // "the worst hit areas": a state, read by `status_participle`.
    let bare_plural = bare_kind
        && !aimed
        && !status_participle(c)
        && first.chars().all(char::is_lowercase)
        && first_lower.len() > 3
        && first_lower.ends_with('s')
        && !first_lower.ends_with("ss")
        && c.text[c.span.end..first_span.start].trim().is_empty()
        && !is_quantity(c, &first_lower)
        && !c.lexicon.cues.clause.contains(&first_lower);
    if !determiner && !bare_plural {
        return false;
    }
    // "killed a Burkinabe gold trader", "arrested a local MP": a person
    // named by a word for people or a name within the noun phrase; "shot at
    // a bus": a place where people are (`inhabited_place` cues).
    let phrase = c
        .after
        .iter()
        .skip(usize::from(determiner))
        .take(6)
        .enumerate()
        .scan(
            (String::new(), false),
            |(previous, extended), (i, (s, w))| {
                let lower = w.to_lowercase();
                // "an unknown number of civilians", "a group of students": the
                // phrase runs on behind "of", up to six words.
                let quantity_of = lower == "of"
                    && matches!(
                        previous.as_str(),
                        "number" | "group" | "handful" | "couple" | "dozen" | "band" | "crowd"
                    );
                *extended |= quantity_of;
                let ends = (i >= 4 && !*extended)
                    || !quantity_of
                        && matches!(
                            lower.as_str(),
                            "in" | "on"
                                | "at"
                                | "of"
                                | "for"
                                | "with"
                                | "from"
                                | "and"
                                | "who"
                                | "after"
                        )
                    || c.text[c.span.end..s.start].contains([',', ';', '.']);
                *previous = lower;
                (!ends).then_some((s, w))
            },
        )
        .collect::<Vec<_>>();
    // "killed the day before", "arrested the next morning": a time, not an
    // object; "the head of the district": a person named by what follows.
    let time_or_of = phrase.iter().any(|(s, w)| {
        matches!(
            w.to_lowercase().as_str(),
            "day"
                | "night"
                | "morning"
                | "evening"
                | "afternoon"
                | "week"
                | "weekend"
                | "month"
                | "year"
                | "next"
                | "following"
                | "previous"
                | "same"
                | "time"
        ) || c
            .mentions
            .iter()
            .any(|m| m.kind == MentionKind::Date && m.span.overlaps(s))
    }) || definite
        && phrase.len() == 1
        && c.after
            .get(phrase.len() + 1)
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("of"));
    if time_or_of {
        return false;
    }
    let human = phrase.iter().enumerate().any(|(i, (s, w))| {
        let lower = w.to_lowercase();
        c.lexicon.cues.human.contains(&lower)
            || c.lexicon.cues.inhabited_place.contains(&lower)
            // "the 25-year-old", "the two", "dozens" (a count heads the
            // phrase; "contracts worth $5m" counts money).
            || i == 0 && is_quantity(c, &lower)
            || w.starts_with(char::is_uppercase)
            || !c.lexicon.descriptors.find(s.slice(c.text)).is_empty()
    });
    if human {
        return false;
    }
    let passive =
        c.trigger.participle && roles::is_passive(c.text, c.span, c.before, &c.lexicon.cues);
    !passive
        && (gerund || c.trigger.object == Role::Target)
        && roles::object_group(c.text, c.groups, c.span, c.sentence).is_none()
}

/// A number in figures or words ("25-year-old", "two", "a dozen").
fn is_number(c: &Candidate, lower: &str) -> bool {
    lower.starts_with(|ch: char| ch.is_ascii_digit()) || c.lexicon.numbers.parse(lower).is_some()
}

/// A number or a word of quantity ("two", "25-year-old", "dozens"): a
/// counted group of people when it is the object of violence or custody.
fn is_quantity(c: &Candidate, lower: &str) -> bool {
    is_number(c, lower)
        || matches!(
            lower,
            "dozens"
                | "hundreds"
                | "thousands"
                | "scores"
                | "many"
                | "several"
                | "some"
                | "others"
                | "all"
                | "both"
                | "each"
                | "everyone"
                | "anyone"
                | "people"
        )
}

// "the union threatened to strike", "threatened to make a complaint" (but
// "threatened to kill him" is a threat of harm).
fn threat_of_action(c: &Candidate) -> bool {
    if c.trigger.event_type != "harassment" || !c.trigger.lemma.starts_with("threat") {
        return false;
    }
    // "Other strikes are being threatened", "threatened a walkout".
    let industrial = c
        .words_around(4, 3)
        .any(|w| c.lexicon.cues.protest_noun.contains(&w));
    if industrial {
        return true;
    }
    // "threatened legal action", "threatened sanctions": a step of law or
    // policy, no harm.
    let step = c.words_around(0, 3).any(|w| {
        matches!(
            w.as_str(),
            "action" | "actions" | "measures" | "steps" | "sanctions" | "legal" | "lawsuit"
        )
    });
    if step {
        return true;
    }
    // "a school threatened with closure" (but "threatened with death",
    // "threatened with arrest").
    if c.next_word().as_deref() == Some("with") {
        let Some((from, _)) = c.after.get(1) else {
            return false;
        };
        let to = c.after.get(4).map_or(c.sentence.end, |(s, _)| s.end);
        let rest = &c.text[from.start..to.max(from.start)];
        let harm = c.lexicon.find_triggers(rest).iter().any(|t| {
            c.lexicon.trigger(t.trigger).is_some_and(|tr| {
                matches!(
                    tr.event_type,
                    "killing" | "assault" | "arrest" | "ill_treatment" | "sentence" | "charge"
                )
            })
        }) || c.after.iter().skip(1).take(3).any(|(_, w)| {
            let lower = w.to_lowercase();
            c.lexicon.cues.violence_word.contains(&lower)
                || c.lexicon.cues.custody.contains(&lower)
                || matches!(lower.as_str(), "death" | "violence" | "rape" | "reprisals")
        });
        return !harm;
    }
    if c.next_word().as_deref() != Some("to") {
        return false;
    }
    let Some((verb_span, _)) = c.after.get(1) else {
        return false;
    };
    let rest = &c.text[verb_span.start..c.sentence.end];
    let harm = c.lexicon.find_triggers(rest).iter().any(|t| {
        t.span.start == 0
            && c.lexicon.trigger(t.trigger).is_some_and(|tr| {
                matches!(
                    tr.event_type,
                    "killing" | "assault" | "arrest" | "ill_treatment" | "sentence" | "harassment"
                )
            })
    });
    !harm
}

// "Detaining suspects without trial is unlawful", "ruled that detaining
// them breaks the law".
//
// But "arrested while protesting": a gerund after "while" tells what its
// clause's subject did ("when sentencing murderers" stays generic, "while
// shooting of the film" is a noun).
fn gerund_subject(c: &Candidate) -> bool {
    let first_word = c.span.slice(c.text).split_whitespace().next().unwrap_or("");
    let adverbial =
        c.prev_word().as_deref() == Some("while") && c.next_word().as_deref() != Some("of");
    !adverbial
        && !c.trigger.is_noun
        && first_word.to_lowercase().ends_with("ing")
        && c.before
            .iter()
            .rev()
            .take_while(|(s, _)| s.start >= c.clause_start)
            .next()
            .is_none_or(|(_, w)| matches!(w.to_lowercase().as_str(), "that" | "whether"))
}

// "the suspects currently detained", "still imprisoned".
fn status_participle(c: &Candidate) -> bool {
    c.single_participle()
        && c.prev_word()
            .as_deref()
            .is_some_and(|w| c.lexicon.cues.status.contains(w))
}

// "the earthquake killed 30", "were killed after a fire", "killed himself".
fn natural_cause(c: &Candidate) -> bool {
    if !matches!(c.trigger.event_type, "killing" | "assault") {
        return false;
    }
    let cues = &c.lexicon.cues;
    let lower = |w: &&&(ByteSpan, &str)| w.1.to_lowercase();
    let reflexive = c
        .next_word()
        .as_deref()
        .is_some_and(|w| matches!(w, "himself" | "herself" | "themselves" | "oneself"));
    // "opened fire", "police fire": gunfire, not a blaze.
    let before_words: Vec<String> = c.before.iter().map(|w| lower(&w)).collect();
    let cause_at = |words: &[String], i: usize| {
        let w = &words[i];
        cues.natural_cause.contains(w)
            && !(matches!(w.as_str(), "fire" | "fires")
                && i.checked_sub(1)
                    .and_then(|j| words.get(j))
                    .is_some_and(|p| {
                        matches!(
                            p.as_str(),
                            "open"
                                | "opened"
                                | "opens"
                                | "opening"
                                | "returned"
                                | "return"
                                | "police"
                                | "gun"
                                | "live"
                                | "heavy"
                                | "under"
                                | "cross"
                                | "sniper"
                                | "army"
                        )
                    }))
    };
    // A cause among the ten words before an active trigger, in its
    // sentence ("a strong earthquake that struck the south killed two").
    let n = before_words.len();
    // No actor may stand between the cause and the trigger ("after the
    // earthquake, soldiers shot two looters").
    let cause_before = !c.trigger.is_noun
        && (n.saturating_sub(10)..n).any(|i| {
            let at = c.before[i].0.end;
            cause_at(&before_words, i)
                && !c
                    .groups
                    .iter()
                    .any(|g| g.span.start >= at && g.span.end <= c.span.start)
        });
    // "were killed in flooding", "injured after a crash", "died from
    // cancer": a trigger without an acting subject ("Gunmen killed two
    // villagers after the earthquake" has one).
    // "the number killed in the disaster": a participle with a preposition
    // right after it has no object, so it is passive.
    let reduced_passive = c.trigger.participle
        && c.next_word()
            .is_some_and(|w| matches!(w.as_str(), "in" | "after" | "during" | "from"));
    let no_actor = c.trigger.is_noun
        || c.trigger.subject == Role::Target
        || reduced_passive
        || c.trigger.participle && roles::is_passive(c.text, c.span, c.before, cues);
    let words: Vec<String> = c.after.iter().take(6).map(|w| lower(&w)).collect();
    let cause_after = no_actor
        && (0..words.len()).any(|i| {
            cause_at(&words, i)
                && words[..i]
                    .iter()
                    .any(|p| matches!(p.as_str(), "in" | "by" | "after" | "during" | "from" | "of"))
        });
    reflexive || cause_before || cause_after
}

// "New Fine Gael leader", "its Fine Wine operations".
fn name_word(c: &Candidate) -> bool {
    let surface = c.span.slice(c.text);
    let mut chars = surface.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase)
        && chars.clone().next().is_some()
        && chars.all(|ch| ch.is_lowercase() || ch == '-');
    if !capitalised || surface.contains(' ') || c.before.is_empty() {
        return false;
    }
    // "C-Murder", "Anti-Riot Squad": a capitalised word joined by a hyphen
    // to the word before it is part of one name.
    let mut joined = c.text[..c.span.start].chars().rev();
    if joined.next() == Some('-') && joined.next().is_some_and(char::is_alphanumeric) {
        return true;
    }
    let gap = c.text[..c.span.start].trim_end();
    if gap.ends_with(['"', '“', '‘', '\'', ':', '(', '-', '—']) {
        return false;
    }
    // A headline ("Police Arrest Three Activists") capitalises its words.
    let words: Vec<&str> = c.sentence.slice(c.text).split_whitespace().collect();
    let capitalised_words = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    capitalised_words * 2 <= words.len()
}

// "he was fine", "the fine details", "a fine performance".
fn fine_adjective(c: &Candidate) -> bool {
    if !c.span.slice(c.text).eq_ignore_ascii_case("fine") {
        return false;
    }
    let copula = c.prev_word().as_deref().is_some_and(|w| {
        matches!(
            w,
            "is" | "was"
                | "are"
                | "were"
                | "be"
                | "been"
                | "feel"
                | "feels"
                | "felt"
                | "looks"
                | "seems"
                | "very"
                | "quite"
                | "so"
                | "too"
                | "perfectly"
        )
    });
    let noun_after = c.after.first().is_some_and(|(s, w)| {
        s.start == c.span.end + 1
            && w.chars().all(char::is_lowercase)
            && !matches!(
                w.to_lowercase().as_str(),
                "of" | "for"
                    | "on"
                    | "and"
                    | "or"
                    | "from"
                    | "to"
                    | "was"
                    | "is"
                    | "were"
                    | "has"
                    | "had"
                    | "imposed"
                    | "levied"
                    | "handed"
                    | "paid"
                    | "against"
                    | "in"
                    | "by"
                    | "which"
                    | "that"
                    | "totalling"
                    | "totaling"
                    | "worth"
                    | "plus"
                    | "over"
                    | "after"
                    | "at"
                    | "under"
                    | "would"
                    | "will"
                    | "could"
                    | "because"
                    | "but"
                    | "as"
                    | "with"
            )
    });
    copula || noun_after
}

// "a Senate committee hearing", "clinical trials".
fn non_court(c: &Candidate) -> bool {
    let non_court = |w: &&(ByteSpan, &str)| c.lexicon.cues.non_court.contains(&w.1.to_lowercase());
    c.trigger.event_type == "trial" && c.before.iter().rev().take(3).any(non_court)
        // "questioned about the dollar during testimony to the Senate
        // Finance Committee": no one's custody.
        || c.trigger.lemma == "question"
            && c.before.iter().chain(c.after.iter()).any(non_court)
}

// "after hearing submissions by the parties".
fn hearing_verb(c: &Candidate) -> bool {
    c.span.slice(c.text).eq_ignore_ascii_case("hearing")
        && c.text[c.span.end..].starts_with(' ')
        && c.after
            .first()
            .is_some_and(|(_, w)| w.chars().all(char::is_lowercase))
        && c.next_word().as_deref().is_some_and(|w| {
            !matches!(
                w,
                "of" | "in"
                    | "on"
                    | "at"
                    | "was"
                    | "is"
                    | "will"
                    | "into"
                    | "before"
                    | "for"
                    | "against"
                    | "had"
                    | "has"
                    | "took"
                    | "that"
                    | "which"
                    | "and"
                    | "or"
            ) && w.chars().all(char::is_alphabetic)
        })
        && c.prev_word().as_deref().is_some_and(|w| {
            !matches!(
                w,
                "a" | "the"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "court"
                    | "bail"
                    | "appeal"
                    | "next"
                    | "first"
                    | "final"
                    | "closed"
                    | "public"
                    | "preliminary"
            )
        })
}

// "gather much support", "arrest the decline" (the next word but one
// after "much", "more" or a determiner),
// "strike out", "a demonstration of strength".
fn object_sense(c: &Candidate) -> bool {
    let senses = &c.lexicon.cues.object_sense;
    let lemma = c.trigger.lemma.to_lowercase();
    // Only words that follow the trigger directly ("protests, his lawyer
    // said" is no "protested his innocence").
    let direct = c
        .after
        .first()
        .is_some_and(|(s, _)| c.text[c.span.end..s.start].trim().is_empty());
    if !direct {
        return false;
    }
    let hit = |w: &str| senses.contains(&(lemma.clone(), w.to_string()));
    // The sense word itself, or behind a determiner, "to" and a
    // possessive: "arrest the dollar's fall", "shot to fame"; behind a
    // determiner, up to two adjectives too: "beat a hasty retreat".
    let mut adjectives = 0;
    let mut after_determiner = false;
    for (i, (_, word)) in c.after.iter().take(6).enumerate() {
        let word = word.to_lowercase();
        // Behind adjectives only a noun counts ("protest the fact that" is
        // no "protest that").
        let function_word = c.lexicon.cues.clause.contains(&word)
            || c.lexicon.cues.determiner.contains(&word)
            || word == "that";
        if hit(&word) && (adjectives == 0 || !function_word) {
            return true;
        }
        let determiner = matches!(
            word.as_str(),
            "the" | "a" | "an" | "its" | "this" | "his" | "her" | "their"
        ) || word.ends_with("'s")
            || word.ends_with("’s");
        let adverb = matches!(
            word.as_str(),
            "much" | "more" | "enough" | "little" | "to" | "quite"
        );
        let adjective = after_determiner
            && adjectives < 2
            && word.chars().all(|ch| ch.is_lowercase() || ch == '-')
            && !c.lexicon.cues.clause.contains(&word)
            && !matches!(
                word.as_str(),
                "of" | "in" | "on" | "at" | "for" | "with" | "from" | "by" | "and" | "or"
            );
        if !(determiner || adverb || adjective) || i >= 2 && !after_determiner {
            return false;
        }
        adjectives += usize::from(adjective && !determiner && !adverb);
        after_determiner |= determiner;
    }
    false
}

// "put in charge of the inquiry", "took charge of the unit", "an air
// strike": the word right before the trigger gives it another sense
// (`preceding_sense` cues, per lemma).
fn preceding_sense(c: &Candidate) -> bool {
    let lemma = c.trigger.lemma.to_lowercase();
    c.before.last().is_some_and(|(s, w)| {
        c.text[s.end..c.span.start].trim().is_empty()
            && c.lexicon
                .cues
                .preceding_sense
                .contains(&(lemma, w.to_lowercase()))
    })
}

// "the single, which was released on Monday", "a statement released
// through her lawyer" (but "released from prison", "released on bail").
fn release_of_thing(c: &Candidate) -> bool {
    if c.trigger.event_type != "release" {
        return false;
    }
    let cues = &c.lexicon.cues;
    if c.before
        .iter()
        .chain(c.after.iter())
        .any(|(_, w)| cues.custody.contains(&w.to_lowercase()))
    {
        return false;
    }
    c.words_around(4, 4).any(|w| {
        cues.context_publication.contains(&w)
            || cues.context_finance.contains(&w)
            || cues.published_thing.contains(&w)
    })
}

// "Japan attacked OECD forecasts", "threaten healthy trade".
fn verbal_attack(c: &Candidate) -> bool {
    let attack_or_threat = matches!(c.trigger.event_type, "assault" | "harassment")
        && (c.trigger.lemma.starts_with("attack") || c.trigger.lemma.starts_with("threat"));
    attack_or_threat
        && c.words_around(0, 4)
            .take_while(|w| !matches!(w.as_str(), "and" | "but" | "who" | "which" | "that"))
            .any(|w| c.lexicon.cues.abstract_noun.contains(&w))
}

// "police blocked the road to the square" (but "workers blocked the road").
fn state_blockade(c: &Candidate) -> bool {
    if c.trigger.event_type != "protest" || !c.trigger.lemma.starts_with("block") {
        return false;
    }
    let clause_groups: Vec<&Group> = c
        .groups
        .iter()
        .copied()
        .filter(|g| g.span.start >= c.clause_start && g.span.end <= c.span.start)
        .collect();
    roles::subject_group(c.text, &clause_groups, c.clause_start).is_some_and(|g| {
        g.members.iter().all(|m| {
            matches!(
                m.part,
                Part::Agent { state: true, .. } | Part::Organisation { state: true, .. }
            )
        })
    })
}

// "he was poised to strike", "the union voted to strike" (but "led to
// protests" is a plural noun, and "went on strike" no infinitive).
fn infinitive(c: &Candidate) -> bool {
    let surface = c.span.slice(c.text);
    // Only a noun with no verb reading ("strike"; "rioted to protest the
    // memo" is a protest).
    let verb_reading = || {
        c.lexicon.find_triggers(surface).iter().any(|t| {
            std::iter::once(t.trigger)
                .chain(t.alternative)
                .any(|i| c.lexicon.trigger(i).is_some_and(|tr| !tr.is_noun))
        })
    };
    c.trigger.is_noun
        && !surface.contains(' ')
        && surface.eq_ignore_ascii_case(&c.trigger.lemma)
        && c.prev_word().as_deref() == Some("to")
        && !c.before.iter().rev().nth(1).is_some_and(|(_, w)| {
            matches!(
                w.to_lowercase().as_str(),
                "due"
                    | "led"
                    | "lead"
                    | "leads"
                    | "leading"
                    | "response"
                    | "return"
                    | "returned"
                    | "resorted"
                    | "resort"
                    | "according"
                    | "owing"
                    | "prior"
                    | "go"
                    | "went"
                    | "gone"
                    | "going"
                    | "joined"
                    | "join"
            )
        })
        && !verb_reading()
}

// "delays in court hearings", "the rules allowed detentions", "the limits
// on fines imposed as a result of ...".
fn generic_plural(c: &Candidate) -> bool {
    if !c.trigger.is_noun
        || !matches!(
            c.trigger.event_type,
            "trial" | "fine" | "charge" | "sentence" | "arrest"
        )
        || c.trigger.lemma.eq_ignore_ascii_case("arrest")
    {
        return false;
    }
    let surface = c.span.slice(c.text).to_lowercase();
    let plural = surface.ends_with('s') && !surface.ends_with("ss");
    let qualified = c.before.last().is_some_and(|(s, w)| {
        let lower = w.to_lowercase();
        c.text[s.end..c.span.start].trim().is_empty()
            && (c.lexicon.cues.determiner.contains(&lower)
                || is_quantity(c, &lower)
                || lower.ends_with("'s")
                || lower.ends_with("’s")
                || w.starts_with(char::is_uppercase) && s.start > c.sentence.start
                || matches!(
                    lower.as_str(),
                    "these" | "those" | "such" | "new" | "further" | "more" | "fresh"
                ))
    });
    // "corruption charges", "fraud trials": an offence names the case.
    let offence_before = c
        .prev_word()
        .is_some_and(|w| c.lexicon.cues.offence_word.contains(&w));
    // Someone in the six words of its clause before it, or in the four
    // words after it, is whom the proceedings concern ("X's lawyers said
    // criminal charges"; "hearings against X"); so is the subject of
    // "faces" ("X, arrested on 15 May, faces criminal proceedings"), and
    // whoever the proceedings are "against".
    let from = c
        .before
        .iter()
        .rev()
        .nth(5)
        .map_or(c.clause_start, |(s, _)| s.start.max(c.clause_start));
    let to = c.after.get(4).map_or(c.sentence.end, |(s, _)| s.end);
    let near = |span: &ByteSpan| span.start >= from && span.start <= to && !span.overlaps(&c.span);
    // A pronoun before it is the subject of a verb ("as they allowed
    // detentions"), not whom the proceedings concern.
    let participant =
        c.groups.iter().any(|g| {
            near(&g.span) && !g.members.iter().all(|m| matches!(m.part, Part::Pronoun(_)))
        }) || c.mentions.iter().any(|m| {
            matches!(m.kind, MentionKind::Person | MentionKind::Organisation) && near(&m.span)
        });
    // ... and "carry sentences of up to 20 years" is what a law provides
    // (potential, read by modality).
    let faced = c.words_around(2, 0).any(|w| {
        matches!(w.as_str(), "faces" | "face" | "facing" | "faced")
            || c.lexicon.cues.penalty_potential.contains(&w)
    }) || c.words_around(0, 2).any(|w| w == "against");
    // "Hearings in the case were delayed": a plural that opens its clause
    // is the subject of a report.
    let opens_clause = !c.before.iter().any(|(s, _)| s.start >= c.clause_start);
    plural && !qualified && !offence_before && !participant && !faced && !opens_clause
}

// "trading in the region has picked up", "the wind picked up".
fn intransitive_particle(c: &Candidate) -> bool {
    let surface = c.span.slice(c.text).to_lowercase();
    let particle = surface
        .rsplit(' ')
        .next()
        .is_some_and(|p| surface.contains(' ') && matches!(p, "up" | "down" | "off" | "out"));
    if c.trigger.is_noun || !particle || c.trigger.object != Role::Target {
        return false;
    }
    if c.trigger.participle && roles::is_passive(c.text, c.span, c.before, &c.lexicon.cues) {
        return false;
    }
    let rest = c.text[c.span.end..c.sentence.end].trim_start();
    rest.is_empty()
        || rest.starts_with(['.', ',', ';', ':', '!', '?', ')'])
        || c.next_word().as_deref().is_some_and(|w| {
            matches!(
                w,
                "in" | "on"
                    | "at"
                    | "since"
                    | "after"
                    | "again"
                    | "sharply"
                    | "slightly"
                    | "strongly"
                    | "recently"
                    | "from"
                    | "during"
            )
        })
}
