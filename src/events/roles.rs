//! Roles: who did it and to whom. The trigger's clause, its subject and
//! object, the agent of a use of force, and the discourse memory that
//! back-references ("the two", "they") resolve against.
//!
//! 1. **Clause.** A trigger's clause starts after the last clause opener
//!    before it (";", "but", "that", "after" ...), after a dateline
//!    ("ISTANBUL (Reuters) - ") and after "According to X,".
//! 2. **Subject.** The first participant group of the clause that is not
//!    the object of a preposition, a reporting source or a relative named
//!    through kin ("a brother of X").
//! 3. **Voice.** A participle after a form of "be"/"get" or before "by" is
//!    passive.
//! 4. **Agent of force.** "killed in police firing", "died in police
//!    custody": a state group next to a force noun names who used force.
//! 5. **Memory.** Named groups and counted groups of two or more enter the
//!    memory; pronouns reach back PRONOUN_WINDOW sentences, numbered
//!    back-references NUMBERED_WINDOW.

use super::lexicon::{Cues, EventLexicon};
use super::participants::{Group, Part, Participant};
use super::{within, Actor, Event};
use crate::document::ByteSpan;

/// How many sentences back a pronoun or back-reference may reach.
pub(super) const PRONOUN_WINDOW: usize = 3;
/// How far back a numbered back-reference ("the two") may reach.
pub(super) const NUMBERED_WINDOW: usize = 10;

/// What an event's targets were resolved from, for the discourse memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Referent {
    pub(super) names: Vec<Actor>,
    pub(super) count: Option<u64>,
    pub(super) description: Option<String>,
    pub(super) sentence: usize,
    /// Came from a back-reference or pronoun (for date inheritance).
    pub(super) via_reference: bool,
}

impl Referent {
    pub(super) fn size(&self) -> Option<u64> {
        self.count
            .or_else(|| (!self.names.is_empty()).then_some(self.names.len() as u64))
    }
}

/// Whether a participle trigger is passive: a form of "be"/"get" before
/// it (adverbs and negation may stand between: "were not quickly
/// detained"), "by" right after it ("activists detained by police"), or an
/// insertion it opens after a comma, with a preposition after it ("X, also
/// detained on 4 March, was sentenced").
pub(super) fn is_passive(
    text: &str,
    span: ByteSpan,
    before: &[&(ByteSpan, &str)],
    cues: &Cues,
) -> bool {
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
    if text[span.end..].trim_start().starts_with("by ") {
        return true;
    }
    // "Another activist, X, also detained on 4 March, was sentenced": a
    // participle opening an insertion after a comma (adverbs may stand
    // between) and followed by no object but a preposition.
    // Read from the words before the trigger, so that the scan stays
    // within them.
    let adverb =
        |w: &str| cues.adverb.contains(&w.to_lowercase()) || w.ends_with("ly") || w == "also";
    let mut words_back = before.iter().rev();
    let comma_before = match words_back.next() {
        // ", detained on ...".
        Some((last, _)) if text[last.end..span.start].contains(',') => true,
        // ", also detained on ...".
        Some((last, w)) if adverb(w) => words_back
            .next()
            .is_some_and(|(prev, _)| text[prev.end..last.start].contains(',')),
        _ => false,
    };
    let next = text[span.end..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    comma_before
        && matches!(
            next.as_str(),
            "on" | "in" | "at" | "for" | "since" | "after" | "during" | "last" | "earlier"
        )
}

/// The words of a verb group that may stand between a closing comma and a
/// trigger ("..., was later arrested").
const AUXILIARIES: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "been",
    "being",
    "be",
    "also",
    "later",
    "then",
    "reportedly",
    "allegedly",
    "subsequently",
    "eventually",
    "finally",
];

/// Where the trigger's clause starts: after the last clause opener before it
/// (";", "but", "who", "that", "after" ...), or at the sentence start.
pub(super) fn clause_start(
    text: &str,
    sentence: ByteSpan,
    span: ByteSpan,
    before: &[&(ByteSpan, &str)],
    cues: &Cues,
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
    // "Dara, described by friends as a quiet reader, was
    // arrested": an opener inside a parenthesis that closes with a comma
    // right before the trigger's verb group does not start its clause.
    let parenthesis_closed = |opener_end: usize| {
        text[opener_end..span.start]
            .rfind(',')
            .is_some_and(|comma| {
                text[opener_end + comma + 1..span.start]
                    .split_whitespace()
                    .all(|w| AUXILIARIES.contains(&w.to_lowercase().as_str()))
            })
    };
    for (s, w) in before.iter().rev() {
        if s.start < start {
            break;
        }
        if cues.clause.contains(&w.to_lowercase()) && !parenthesis_closed(s.end) {
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

/// The object: the first group after the trigger, within four words, in
/// the same clause (no comma or semicolon between) and not a "by" phrase.
pub(super) fn object_group<'g>(
    text: &str,
    groups: &[&'g Group],
    span: ByteSpan,
    sentence: ByteSpan,
) -> Option<&'g Group> {
    groups
        .iter()
        .copied()
        .find(|g| {
            g.span.start >= span.end
                && g.span.start < sentence.end
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
        })
}

/// An object named in apposition to a description of a person: "police
/// detained the head of the regional office of the Union, Bakhyt Ormanov,
/// who ...": the first group after the trigger that follows a comma, within
/// [`APPOSITION_WORDS`] words of the trigger, when the words between open
/// with a determiner, hold a word for a person (`descriptor` in
/// person_descriptors.tsv) and hold no other comma, semicolon or verb of
/// another clause.
pub(super) fn appositive_object(
    text: &str,
    groups: &[&Group],
    span: ByteSpan,
    sentence: ByteSpan,
    lexicon: &EventLexicon,
) -> Option<Group> {
    // The first person after the trigger that follows a comma (a group may
    // join it to the organisation that ends the description: "of the
    // Union, Bakhyt Ormanov").
    let (g, first) = groups
        .iter()
        .copied()
        .filter(|g| g.span.start >= span.end && g.span.start < sentence.end)
        .find_map(|g| {
            let i = g.members.iter().position(|m| {
                matches!(m.part, Part::Person(_))
                    && text[span.end..m.span.start].trim_end().ends_with(',')
            })?;
            Some((g, i))
        })?;
    let start = g.members[first].span.start;
    let description = text[span.end..start].trim_end().strip_suffix(',')?;
    let words: Vec<&str> = description.split_whitespace().collect();
    let opens = words.first().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "the" | "a" | "an" | "its" | "their" | "his" | "her" | "another" | "fellow"
        )
    });
    let persons: Vec<_> = g.members[first..]
        .iter()
        .take_while(|m| matches!(m.part, Part::Person(_)))
        .cloned()
        .collect();
    (opens
        && words.len() <= APPOSITION_WORDS
        && !description.contains([',', ';'])
        && !words
            .iter()
            .any(|w| lexicon.cues.clause.contains(&w.to_lowercase()))
        && !lexicon.descriptors.find(description).is_empty())
    .then(|| Group {
        span: ByteSpan::new(start, persons.last().map_or(start, |m| m.span.end)),
        members: persons,
        possessive: false,
    })
}

/// How many words a description may have before its name in apposition.
pub(super) const APPOSITION_WORDS: usize = 14;

/// The subject: the first group of the clause that is not the object of a
/// preposition ("harassment of civic activists") or a reporting phrase
/// ("According to Amnesty International").
pub(super) fn subject_group<'g>(
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
        // "about 100 people were shot", "over 50 protesters were held":
        // before a count, these words approximate it.
        let approximator = matches!(prev.as_str(), "about" | "over" | "under" | "around")
            && g.members
                .first()
                .is_some_and(|m| matches!(m.part, Part::Counted { count: Some(_), .. }));
        let preposition = preposition && !approximator;
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
pub(super) fn possessive_before(before: &[&(ByteSpan, &str)], clause_start: usize) -> bool {
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
/// (`force_noun` in event_cues.tsv), or preceded by one and "by"; or after
/// "when", "as" or "after" and followed by a force verb (`force_verb`:
/// "killed when the police fired 15 rounds").
pub(super) fn force_agent<'g>(
    trigger: ByteSpan,
    words: &[(ByteSpan, &str)],
    groups: &[&'g Group],
    cues: &Cues,
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
            // "killed when the police fired 15 rounds", "injured as police
            // opened fire": a state group acting with force in a clause of
            // time right after the trigger.
            let force_verb_after = next.as_deref().is_some_and(|w| cues.force_verb.contains(w))
                && before.is_some_and(|w| matches!(w.as_str(), "when" | "as" | "after"));
            let force_before = gap.iter().any(|w| cues.force_noun.contains(w))
                && before.is_some_and(|w| w == "by");
            (force_after
                && before.is_some_and(|w| {
                    matches!(w.as_str(), "in" | "during" | "amid" | "by" | "after")
                }))
                || force_before
                || force_verb_after
        })
}

/// Whether a group holds a state agent ("police", "the army").
pub(super) fn is_state_group(group: &Group) -> bool {
    group.members.iter().any(|m| {
        matches!(
            m.part,
            Part::Agent { state: true, .. } | Part::Organisation { state: true, .. }
        )
    })
}

pub(super) fn words_between(text: &str, start: usize, end: usize) -> Vec<String> {
    text[start..end]
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect()
}

pub(super) fn agents_of(group: &Group) -> Vec<Actor> {
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
pub(super) fn fill_from_group(
    group: &Group,
    referent: &mut Referent,
    memory: &[Referent],
    s_index: usize,
    text: &str,
) {
    let mut count: Option<u64> = None;
    // "Civic Alliance spokesperson Rudo Chari": an organisation right
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
                // "X, who was with her lawyer Y and colleagues Z and W. ...
                // the four were arrested": no one group of four, but the
                // last sentence that named persons named exactly four.
                let gathered = match (found, *c) {
                    (None, Some(n)) if n >= 2 => last_sentence_names(memory, s_index, n),
                    _ => None,
                };
                if let Some(names) = gathered {
                    for a in names {
                        push_unique(&mut referent.names, a);
                    }
                    referent.via_reference = true;
                }
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

pub(super) fn push_unique(list: &mut Vec<Actor>, actor: Actor) {
    if !list.contains(&actor) {
        list.push(actor);
    }
}

/// The most recent group that fits a back-reference: of size `count` (any
/// size above one for `None`; exactly one person for `Some(1)`), named
/// preferably, within `window` sentences.
pub(super) fn resolve<'m>(
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
/// uses them: "Timur Bekov and Yerlan Dosov" become "the two" later, "two
/// human rights defenders" become "their".
pub(super) fn remember_groups(
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

/// The persons named by the memory's referents of the last sentence before
/// `s_index` that named any, when they are exactly `n`.
fn last_sentence_names(memory: &[Referent], s_index: usize, n: u64) -> Option<Vec<Actor>> {
    let last = memory
        .iter()
        .filter(|r| r.sentence < s_index && !r.names.is_empty())
        .map(|r| r.sentence)
        .max()?;
    let mut names: Vec<Actor> = Vec::new();
    for r in memory.iter().filter(|r| r.sentence == last) {
        for a in &r.names {
            if a.kind == "person" && !names.iter().any(|b| b.name == a.name) {
                names.push(a.clone());
            }
        }
    }
    (names.len() as u64 == n).then_some(names)
}

/// The distinct names of the persons among `members`, in order.
fn person_names<'g>(members: impl Iterator<Item = &'g Participant>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for m in members {
        if let Part::Person(name) = &m.part {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    names
}

/// "Two journalists were arrested. Elvin X and Nigar Y ...": an unnamed
/// group of N in one sentence, followed by a sentence whose first group is
/// exactly N named persons, takes their names.
pub(super) fn resolve_cataphora(
    events: &mut [Event],
    sentence: usize,
    sentences: &[ByteSpan],
    groups: &[Group],
    text: &str,
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
        let next_groups: Vec<&Group> = within(groups, |g| g.span, *next)
            .iter()
            .filter(|g| next.contains(&g.span))
            .collect();
        let Some(first) = next_groups.first() else {
            continue;
        };
        let only_persons = first
            .members
            .iter()
            .all(|m| matches!(m.part, Part::Person(_) | Part::BackReference { .. }));
        let first_names = person_names(first.members.iter());
        // Or the persons of the whole next sentence, when they are exactly
        // N and no organisation or agent stands among them ("Mr A, 25, was
        // sentenced to five years, Ms B, 38, and Mr C to four years each").
        let sentence_names = person_names(next_groups.iter().flat_map(|g| g.members.iter()));
        let sentence_only_persons = next_groups.iter().all(|g| {
            g.members.iter().all(|m| {
                matches!(
                    m.part,
                    Part::Person(_) | Part::BackReference { .. } | Part::Pronoun(_)
                )
            })
        });
        // Or, one sentence further, a sentence that says who they are ("The
        // activists are A, a former convenor; B and C of the party; and D").
        let identified = sentences.get(e.sentence + 2).and_then(|after| {
            let opening: Vec<String> = after
                .slice(text)
                .split_whitespace()
                .take(5)
                .map(|w| w.to_lowercase())
                .collect();
            let identifies = opening
                .first()
                .is_some_and(|w| matches!(w.as_str(), "the" | "they" | "these" | "those"))
                && opening
                    .iter()
                    .any(|w| matches!(w.as_str(), "are" | "were" | "include" | "included"));
            let names = person_names(
                within(groups, |g| g.span, *after)
                    .iter()
                    .filter(|g| after.contains(&g.span))
                    .flat_map(|g| g.members.iter()),
            );
            (identifies && names.len() as u64 == n).then_some(names)
        });
        let names = if first_names.len() as u64 == n && only_persons {
            first_names
        } else if sentence_names.len() as u64 == n && sentence_only_persons {
            sentence_names
        } else if let Some(names) = identified {
            names
        } else {
            continue;
        };
        e.attached.targets =
            "named in the next sentences (\"Two activists were detained. A and B ...\")";
        e.targets = names
            .into_iter()
            .map(|name| Actor {
                name,
                kind: "person",
                role: None,
            })
            .collect();
    }
}
