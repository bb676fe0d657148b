//! Trigger patterns with slots: `held {target} incommunicado`,
//! `sentenced {target} to {duration}`, `{agent} opened fire on {target}`.
//!
//! A line of `triggers.tsv` whose surface holds a `{slot}` is a pattern:
//! its event type, form and attributes are read as for any trigger. Rules:
//!
//! 1. **Parts.** A pattern is words and slots, at least one word, never two
//!    slots side by side. Its first run of words is its *anchor*: it is
//!    found in the text like any trigger phrase (the shared matching rules:
//!    case, word boundaries).
//! 2. **Slots.** `{target}` and `{agent}` take a group of participants (a
//!    name, names joined by "and", a counted group "three activists", a
//!    described one "the blogger X", a pronoun "him", a back-reference "the
//!    two"), which becomes the event's targets or agents; `{duration}` takes
//!    a duration ("five years"), `{money}` an amount ("500 somoni"),
//!    `{place}` a place (write `in {place}` for "in Khujand"). These three
//!    only say where the pattern matches: the event's penalty and place are
//!    read as for any trigger (and find what the slot holds).
//! 3. **Case.** A pattern's words match as trigger phrases do: in lower
//!    case, in any case; with a capital, as written or in capitals.
//! 4. **Adjacency.** Between a slot's filler and the words beside it there
//!    is only space, or an article before the filler ("held the blogger X
//!    incommunicado"); a slot between two runs of words holds at most
//!    [`MAX_SLOT_BYTES`] bytes.
//! 5. **Reading.** The whole match is the event's trigger; its rule is
//!    `TYPE.pattern`; the sense guards of single words are not applied (the
//!    pattern says what it means), everything else is as for any trigger:
//!    modality, date, place, penalty (read after the anchor), evidence.
//!    Without an `{agent}` slot, the subject of a verb pattern's clause is
//!    its agent when the entry says `subject=agent` (the default for
//!    verbs): "Security services have held X incommunicado".
//! 6. **Precedence.** A trigger phrase inside a matched pattern gives no
//!    event of its own (`pattern.covered`); an anchor whose slots are not
//!    filled gives none either (`pattern.unfilled`), and `civex explain`
//!    shows both.

use crate::document::ByteSpan;
use crate::tag::{Mention, MentionKind};

use super::participants::Group;

/// The most bytes a slot between two runs of words may hold.
pub const MAX_SLOT_BYTES: usize = 120;

/// What a slot takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotKind {
    Target,
    Agent,
    Duration,
    Money,
    Place,
}

/// The slot names, as written between braces.
pub const SLOT_NAMES: &[(&str, SlotKind)] = &[
    ("target", SlotKind::Target),
    ("agent", SlotKind::Agent),
    ("duration", SlotKind::Duration),
    ("money", SlotKind::Money),
    ("place", SlotKind::Place),
];

/// One part of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternPart {
    /// Words, as written (matched as trigger phrases are).
    Words(String),
    Slot(SlotKind),
}

/// A trigger pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotPattern {
    pub parts: Vec<PatternPart>,
}

/// Whether a trigger surface is a pattern (holds a brace).
pub fn is_pattern(surface: &str) -> bool {
    surface.contains(['{', '}'])
}

impl SlotPattern {
    /// Parses a surface with slots; the problem, in words, if it is not a
    /// pattern civex can match (rule 1).
    pub fn parse(surface: &str) -> Result<SlotPattern, String> {
        let mut parts = Vec::new();
        let mut rest = surface;
        while !rest.is_empty() {
            match rest.find(['{', '}']) {
                Some(open) if rest[open..].starts_with('{') => {
                    let words = rest[..open].trim();
                    if !words.is_empty() {
                        parts.push(PatternPart::Words(words.to_string()));
                    }
                    let Some(close) = rest[open..].find('}') else {
                        return Err(format!(
                            "the slot at {:?} has no closing brace",
                            &rest[open..]
                        ));
                    };
                    let name = &rest[open + 1..open + close];
                    let Some((_, kind)) = SLOT_NAMES.iter().find(|(n, _)| *n == name) else {
                        let names: Vec<String> =
                            SLOT_NAMES.iter().map(|(n, _)| format!("{{{n}}}")).collect();
                        return Err(format!(
                            "unknown slot {{{name}}}; slots: {}",
                            names.join(", ")
                        ));
                    };
                    if matches!(parts.last(), Some(PatternPart::Slot(_))) {
                        return Err("two slots side by side: words must stand between them".into());
                    }
                    parts.push(PatternPart::Slot(*kind));
                    rest = &rest[open + close + 1..];
                }
                Some(_) => return Err("a closing brace without its opening one".into()),
                None => {
                    let words = rest.trim();
                    if !words.is_empty() {
                        parts.push(PatternPart::Words(words.to_string()));
                    }
                    rest = "";
                }
            }
        }
        if !parts.iter().any(|p| matches!(p, PatternPart::Words(_))) {
            return Err("a pattern needs at least one word besides its slots".into());
        }
        let slots: Vec<SlotKind> = parts
            .iter()
            .filter_map(|p| match p {
                PatternPart::Slot(kind) => Some(*kind),
                PatternPart::Words(_) => None,
            })
            .collect();
        if (1..slots.len()).any(|i| slots[..i].contains(&slots[i])) {
            return Err("a slot appears twice".into());
        }
        Ok(SlotPattern { parts })
    }

    /// Whether the pattern has a slot of this kind.
    pub fn has_slot(&self, kind: SlotKind) -> bool {
        self.parts.contains(&PatternPart::Slot(kind))
    }

    /// The anchor: the first run of words (rule 1).
    pub fn anchor(&self) -> &str {
        self.parts
            .iter()
            .find_map(|p| match p {
                PatternPart::Words(w) => Some(w.as_str()),
                PatternPart::Slot(_) => None,
            })
            .unwrap_or("")
    }
}

/// A pattern matched in a sentence.
#[derive(Clone, Debug)]
pub struct PatternMatch<'g> {
    /// The whole match: the event's trigger.
    pub span: ByteSpan,
    /// The anchor's words (the penalty is read after them).
    pub anchor: ByteSpan,
    pub target: Option<&'g Group>,
    pub agent: Option<&'g Group>,
}

/// What a sentence offers the slots.
pub struct SlotFillers<'a, 'g> {
    pub text: &'a str,
    pub sentence: ByteSpan,
    /// The sentence's participant groups, in order.
    pub groups: &'a [&'g Group],
    /// The sentence's mentions, in order.
    pub mentions: &'a [Mention],
}

/// Skips spaces and at most one article: where a filler may start (rule 3).
fn filler_start(text: &str, from: usize, limit: usize) -> usize {
    let rest = &text[from..limit];
    let trimmed = rest.trim_start();
    let mut at = from + (rest.len() - trimmed.len());
    for article in ["the ", "a ", "an ", "The ", "A ", "An "] {
        if text[at..limit].starts_with(article) {
            at += article.len();
            let more = &text[at..limit];
            at += more.len() - more.trim_start().len();
            break;
        }
    }
    at
}

impl<'a, 'g> SlotFillers<'a, 'g> {
    /// The filler of `kind` that starts right at `start` (after spaces and
    /// an article), or that ends right at `end` when `start` is `None`.
    fn filler(
        &self,
        kind: SlotKind,
        start: Option<usize>,
        end: Option<usize>,
    ) -> Option<Filler<'g>> {
        let text = self.text;
        let fits = |span: ByteSpan| -> bool {
            let after_start = start
                .is_none_or(|s| span.start >= s && filler_start(text, s, span.start) == span.start);
            let before_end =
                end.is_none_or(|e| span.end <= e && text[span.end..e].trim().is_empty());
            after_start && before_end && self.sentence.contains(&span)
        };
        match kind {
            SlotKind::Target | SlotKind::Agent => self
                .groups
                .iter()
                .copied()
                .find(|g| fits(g.span))
                .map(|g| Filler {
                    span: g.span,
                    group: Some(g),
                }),
            SlotKind::Duration | SlotKind::Money | SlotKind::Place => {
                let wanted = match kind {
                    SlotKind::Duration => MentionKind::Duration,
                    SlotKind::Money => MentionKind::Money,
                    _ => MentionKind::Location,
                };
                self.mentions
                    .iter()
                    .find(|m| m.kind == wanted && fits(m.span))
                    .map(|m| Filler {
                        span: m.span,
                        group: None,
                    })
            }
        }
    }
}

struct Filler<'g> {
    span: ByteSpan,
    group: Option<&'g Group>,
}

/// Matches `pattern` whose anchor was found at `anchor`; `words_at` finds a
/// run of the pattern's words starting at a position (after spaces), as
/// trigger phrases are matched (rule 3), and gives its end.
pub fn match_at<'g>(
    pattern: &SlotPattern,
    anchor: ByteSpan,
    fillers: &SlotFillers<'_, 'g>,
    words_at: &dyn Fn(&str, usize) -> Option<usize>,
) -> Option<PatternMatch<'g>> {
    let anchor_index = pattern
        .parts
        .iter()
        .position(|p| matches!(p, PatternPart::Words(_)))?;
    let mut matched = PatternMatch {
        span: anchor,
        anchor,
        target: None,
        agent: None,
    };
    let fill = |kind: SlotKind, filler: &Filler<'g>, matched: &mut PatternMatch<'g>| match kind {
        SlotKind::Target => matched.target = filler.group,
        SlotKind::Agent => matched.agent = filler.group,
        _ => {}
    };
    // A slot before the anchor: its filler ends right before it.
    if anchor_index == 1 {
        let PatternPart::Slot(kind) = pattern.parts[0] else {
            return None;
        };
        let filler = fillers.filler(kind, None, Some(anchor.start))?;
        matched.span.start = filler.span.start;
        fill(kind, &filler, &mut matched);
    }
    let mut at = anchor.end;
    // Each part follows the one before at once: words after a slot start
    // right after its filler (`words_at` skips only spaces).
    for part in &pattern.parts[anchor_index + 1..] {
        match part {
            PatternPart::Words(words) => {
                at = words_at(words, at)?;
            }
            PatternPart::Slot(kind) => {
                let filler = fillers.filler(*kind, Some(at), None)?;
                if filler.span.end > at + MAX_SLOT_BYTES {
                    return None;
                }
                at = filler.span.end;
                fill(*kind, &filler, &mut matched);
            }
        }
    }
    matched.span.end = at;
    Some(matched)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_parse_into_words_and_slots() {
        let p = SlotPattern::parse("held {target} incommunicado").unwrap();
        assert_eq!(
            p.parts,
            [
                PatternPart::Words("held".into()),
                PatternPart::Slot(SlotKind::Target),
                PatternPart::Words("incommunicado".into()),
            ]
        );
        assert_eq!(p.anchor(), "held");
        let q = SlotPattern::parse("{agent} opened fire on {target}").unwrap();
        assert_eq!(q.anchor(), "opened fire on");
        assert_eq!(q.parts.len(), 3);
    }

    #[test]
    fn malformed_patterns_say_what_is_wrong() {
        for (surface, problem) in [
            ("held {victim} incommunicado", "unknown slot {victim}"),
            ("held {target incommunicado", "no closing brace"),
            ("held target} incommunicado", "closing brace without"),
            ("{target} {agent}", "two slots side by side"),
            ("{target}", "at least one word"),
            ("{target} beat {target}", "a slot appears twice"),
        ] {
            let error = SlotPattern::parse(surface).unwrap_err();
            assert!(error.contains(problem), "{surface}: {error}");
        }
    }
}

#[cfg(test)]
mod pipeline_tests {
    use crate::pipeline::testing::analyse_with;
    use crate::pipeline::{Analysis, Stages};

    const PATTERNS: &str = "held {target} incommunicado\tarrest\tverb\tlemma=hold incommunicado\n\
        {agent} opened fire on {target}\tassault\tverb\tlemma=open fire on\n\
        sentenced {target} in absentia to {duration}\tsentence\tverb\tlemma=sentence in absentia;penalty=prison\n\
        frogmarched {target} away\tarrest\tverb\tlemma=frogmarch away\n";

    fn analyse(text: &str, stages: Stages) -> Analysis {
        analyse_with(&[("triggers.tsv", PATTERNS)], text, stages)
    }

    fn names(actors: &[crate::events::Actor]) -> Vec<&str> {
        actors.iter().map(|a| a.name.as_str()).collect()
    }

    #[test]
    fn slots_give_the_targets_agents_and_penalty() {
        let text = "Security services have held the blogger Rustam Nazarov incommunicado since Monday. \
            On Tuesday, soldiers opened fire on three protesters in Khorog. \
            A court in Dushanbe sentenced the journalist Daler Imomali in absentia to ten years in prison.";
        let analysis = analyse(text, Stages::Events);
        let events = &analysis.events;
        assert_eq!(events.len(), 3, "{events:#?}");
        let held = &events[0];
        assert_eq!(
            held.trigger.slice(text),
            "held the blogger Rustam Nazarov incommunicado"
        );
        assert_eq!(held.rule, "arrest.pattern");
        assert_eq!(names(&held.targets), ["Rustam Nazarov"]);
        assert_eq!(names(&held.agents), ["Security services"]);
        let fire = &events[1];
        assert_eq!(
            fire.trigger.slice(text),
            "soldiers opened fire on three protesters"
        );
        assert_eq!(names(&fire.agents), ["soldiers"]);
        assert_eq!(fire.target_count, Some(3));
        assert_eq!(fire.attached.targets, "the {target} slot of the pattern");
        let sentence = &events[2];
        assert_eq!(sentence.event_type, "sentence");
        assert_eq!(names(&sentence.targets), ["Daler Imomali"]);
        let penalty = sentence.penalty.as_ref().unwrap();
        assert_eq!(
            (penalty.kind.as_str(), penalty.duration.as_deref()),
            ("prison", Some("P10Y"))
        );
        // The shipped phrases inside the matches give no events of their own.
        let covered: Vec<&str> = analysis
            .rejected
            .iter()
            .filter(|r| r.rule == "pattern.covered")
            .map(|r| r.trigger.slice(text))
            .collect();
        assert_eq!(covered, ["opened fire on", "sentenced"]);
    }

    #[test]
    fn an_anchor_without_its_slots_gives_no_event() {
        let text =
            "Organisers held the meeting incommunicado. Guards frogmarched nobody's opinion.";
        let analysis = analyse(text, Stages::Events);
        assert!(analysis.events.is_empty(), "{:#?}", analysis.events);
        let unfilled: Vec<&str> = analysis
            .rejected
            .iter()
            .filter(|r| r.rule == "pattern.unfilled")
            .map(|r| r.trigger.slice(text))
            .collect();
        assert_eq!(unfilled, ["held", "frogmarched"]);
    }

    #[test]
    fn a_document_whose_only_candidate_is_an_anchor_is_read_by_extract() {
        // "frogmarched" is no shipped trigger: only the pattern's anchor
        // makes the document a candidate (Stages::EventsOnly).
        let text = "Guards frogmarched Ali Karimov away on Monday.";
        let analysis = analyse(text, Stages::EventsOnly);
        assert_eq!(analysis.events.len(), 1, "{:#?}", analysis.rejected);
        assert_eq!(
            analysis.events[0].trigger.slice(text),
            "frogmarched Ali Karimov away"
        );
        // Anchors are no trigger mentions.
        let mentions = analyse(text, Stages::Mentions).mentions;
        assert!(mentions
            .iter()
            .all(|m| m.kind != crate::tag::MentionKind::Trigger));
    }
}
