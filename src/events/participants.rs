//! Participants: the noun phrases an event's roles are filled from.
//!
//! A participant is a person or organisation mention, a counted group ("9
//! activists"), a group named by its role ("protesters"), a state agent
//! ("Kazakhstani authorities", "police in Almaty"), a pronoun ("they") or a
//! back-reference to a group named earlier ("the two", "both activists").
//! Participants joined by commas and "and" form one [`Group`]: "Timur Bekov
//! and Yerlan Dosov", "The two, human rights defender Dana Oralova and civic
//! activist Zhanar Kemelova".

use crate::document::{ByteSpan, SpanSet};
use crate::events::lexicon::EventLexicon;
use crate::tag::{Mention, MentionKind};
use crate::tokens::Tokens;

#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Person(String),
    Organisation {
        name: String,
        state: bool,
    },
    Agent {
        name: String,
        state: bool,
    },
    /// A group by its number and role: "9 activists", "dozens of protesters".
    Counted {
        count: Option<u64>,
        description: String,
    },
    /// "they", "him": `None` for any number above one.
    Pronoun(Option<u64>),
    /// "the two", "both activists", "the journalists".
    BackReference {
        count: Option<u64>,
        description: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Participant {
    pub span: ByteSpan,
    pub part: Part,
}

/// Participants joined into one noun phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub span: ByteSpan,
    pub members: Vec<Participant>,
    /// Ends with a possessive "'s" ("Bekov and Dosov's hearing").
    pub possessive: bool,
}

/// The separators that join participants into one group.
fn joins(gap: &str) -> bool {
    // Ages between listed names ("Sok Dara, 28, and ...").
    let gap = AGE.replace_all(gap, ",");
    let gap = gap.trim();
    // "nine strikers, including a senior union official, Omar Hadi"
    if INCLUDING.is_match(gap) || APPOSITION.is_match(gap) {
        return true;
    }
    matches!(
        gap,
        "" | ","
            | "and"
            | ", and"
            | "or"
            | ", or"
            | "&"
            | "as well as"
            | ", as well as"
            | "along with"
            | ", along with"
    )
}

/// "of the AFP", "from Al Nour TV" right after a listed name: its
/// affiliation, up to five capitalised words.
static AFFILIATION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\s+(?:of|from)\s+(?:the\s+)?\p{Lu}[\w'’&.-]*(?:\s+\p{Lu}[\w'’&.-]*){0,4}")
        .expect("affiliation regex")
});

static AGE: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r",\s*\d{1,3}\s*,").expect("age regex"));
static INCLUDING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^,?\s*(?:including|among them|such as|namely)(?:\s+[^,;.]{1,40},)?$")
        .expect("including regex")
});
/// ", a freelance journalist," or ", head of the Farmers' Party," (a role
/// of a named body, with no article) between listed names: an apposition.
static APPOSITION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^,\s*(?:(?:an?|the)\s+[^,;.]{1,40}|(?:\p{Ll}[\w-]*\s+){1,3}of\s+(?:the\s+)?\p{Lu}[^,;.]{0,40}),(?:\s*and)?$",
    )
    .expect("apposition regex")
});

/// ", head of the", ", a member of" between a name and an organisation: the
/// name's role in that body.
static ROLE_OF: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^,\s*(?:(?:an?|the)\s+)?(?:\p{Ll}[\w-]*\s+){1,3}of(?:\s+the)?\s*$")
        .expect("role-of regex")
});

/// Compiles the patterns above now (about 38 M instructions: their Unicode
/// classes), while the stages are being built, not in the first document
/// that needs them.
pub fn compile_patterns() {
    for pattern in [&AFFILIATION, &AGE, &INCLUDING, &APPOSITION, &ROLE_OF] {
        std::sync::LazyLock::force(pattern);
    }
}

/// Titles of people who act for the state (their events' agents).
const STATE_TITLES: &[&str] = &[
    "judge",
    "justice",
    "prosecutor",
    "magistrate",
    "investigator",
    "inspector",
    "officer",
    "colonel",
    "col",
    "general",
    "gen",
    "major",
    "maj",
    "captain",
    "capt",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "commander",
    "governor",
    "gov",
];

const STATE_ORG_WORDS: &[&str] = &[
    "Court",
    "Ministry",
    "Police",
    "Prosecutor",
    "Prosecutor's",
    "Committee for National Security",
    "Service",
    "Government",
    "Tribunal",
    "Directorate",
    "Department",
    "Army",
    "Guard",
    "Militia",
    "Parliament",
    "Council",
    "Inspectorate",
    "Commission",
    "Office",
];

/// All participants of a text, in order; `tokens` and `doc_words` are its
/// tokens and its words ([`Tokens::words`]).
pub fn participants(
    text: &str,
    tokens: &Tokens,
    doc_words: &[(ByteSpan, &str)],
    mentions: &[Mention],
    lexicon: &EventLexicon,
) -> Vec<Participant> {
    let mut out: Vec<Participant> = Vec::new();
    // Spans already taken: the overlap test is a lookup, not a scan
    // (documents can be long).
    let mut occupied = SpanSet::new();
    let taken = |occupied: &SpanSet, span: ByteSpan| occupied.overlaps(span);
    let locations: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Location)
        .collect();
    // Names and counted groups from the mentions.
    for m in mentions {
        let part = match m.kind {
            MentionKind::Person => {
                let name = m
                    .value
                    .clone()
                    .unwrap_or_else(|| m.span.slice(text).to_string());
                // A judge, prosecutor or officer acts for the state.
                let official = m
                    .attr("honorific")
                    .and_then(|h| h.as_str())
                    .is_some_and(|h| {
                        let h = h.trim_end_matches('.').to_lowercase();
                        STATE_TITLES.contains(&h.as_str())
                    });
                if official {
                    Part::Agent { name, state: true }
                } else {
                    Part::Person(name)
                }
            }
            MentionKind::Organisation => {
                let name = m
                    .value
                    .clone()
                    .unwrap_or_else(|| m.span.slice(text).to_string());
                let state = m.attr("org_kind").and_then(|k| k.as_str()) == Some("state")
                    || STATE_ORG_WORDS
                        .iter()
                        .any(|w| name.split_whitespace().any(|t| t == *w));
                Part::Organisation { name, state }
            }
            MentionKind::Quantity => {
                let count = m.count();
                let slice = m.span.slice(text);
                // The description is what follows the number.
                let description = description_after_number(slice);
                Part::Counted { count, description }
            }
            _ => continue,
        };
        let mut span = m.span;
        if m.kind == MentionKind::Person {
            // The honorific belongs to the name in a list ("..., Ms. Tran
            // Thi Lan, 41, and Mr. Le Van Hoa").
            if let Some(title) = m.attr("honorific").and_then(|h| h.as_str()) {
                let before = text[..span.start].trim_end();
                let before = before.strip_suffix('.').unwrap_or(before);
                if before.ends_with(title) {
                    span.start = before.len() - title.len();
                }
            }
            span.start = descriptor_start(text, tokens, span.start, lexicon).unwrap_or(span.start);
        }
        if taken(&occupied, span) {
            span = m.span;
        }
        occupied.insert(span);
        out.push(Participant { span, part });
    }
    // State agents and attackers, with a place or demonym before them
    // ("Kazakhstani authorities") or after them ("police in Bishkek").
    let agents = lexicon.agents.find_in(text, tokens);
    let mut last: Option<ByteSpan> = None;
    for a in agents {
        if Some(a.span) == last || taken(&occupied, a.span) {
            continue;
        }
        last = Some(a.span);
        let entry = lexicon.agents.entry(a.entry);
        let mut span = a.span;
        // The place right before ("Kazakhstani authorities") ...
        let before = locations.partition_point(|m| m.span.start < span.start);
        if let Some(place) = before.checked_sub(1).map(|i| locations[i]) {
            if place.span.end < span.start && text[place.span.end..span.start] == *" " {
                span.start = place.span.start;
            }
        }
        // ... or "in" a place right after ("police in Bishkek").
        if text[span.end..].starts_with(" in ") {
            let at = span.end + 4;
            let i = locations.partition_point(|m| m.span.start < at);
            if let Some(place) = locations.get(i).filter(|m| m.span.start == at) {
                span.end = place.span.end;
            }
        }
        if taken(&occupied, span) {
            span = a.span;
        }
        let name = span
            .slice(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        occupied.insert(span);
        out.push(Participant {
            span,
            part: Part::Agent {
                name,
                state: entry.kind == "state",
            },
        });
    }
    // The role nouns of the document, in order (read by the back-references
    // and the counted groups below).
    let descriptors = lexicon.descriptors.find_in(text, tokens);
    // Back-references ("the two", "both activists") and pronouns.
    for m in lexicon.cues.phrases.find_in(text, tokens) {
        let entry = lexicon.cues.phrases.entry(m.entry);
        if entry.kind != "group" || taken(&occupied, m.span) {
            continue;
        }
        let count = entry.canonical.parse::<u64>().ok();
        let mut span = m.span;
        let mut description = None;
        // "both activists": the first role noun of the window after the
        // reference, right after it, belongs to it. The document's role
        // nouns give it, unless one of them runs across the reference's
        // end ("the women" + "women journalists"): the window is read
        // again then, as that noun does not start in it.
        let after = ByteSpan::new(
            span.end,
            span.end + crate::tag::after_window(text, span.end).len(),
        );
        let next = descriptors.partition_point(|d| d.span.start < after.start);
        let crossed = next > 0 && descriptors[next - 1].span.end > after.start;
        let first = if crossed {
            lexicon
                .descriptors
                .find_within(text, tokens, after)
                .into_iter()
                .next()
        } else {
            descriptors
                .get(next)
                .copied()
                .filter(|d| d.span.end <= after.end)
        };
        if let Some(d) = first {
            let gap = &text[span.end..d.span.start];
            if gap.trim().is_empty() && !gap.contains('\n') {
                span.end = d.span.end;
                description = Some(lexicon.descriptors.entry(d.entry).surface.clone());
            }
        }
        if description.is_none() {
            let words: Vec<&str> = m.span.slice(text).split_whitespace().collect();
            if let Some(last) = words.last() {
                if lexicon
                    .descriptors
                    .find(last)
                    .iter()
                    .any(|d| d.span.len() == last.len())
                {
                    description = Some(last.to_lowercase());
                }
            }
        }
        if taken(&occupied, span) {
            continue;
        }
        occupied.insert(span);
        out.push(Participant {
            span,
            part: Part::BackReference { count, description },
        });
    }
    for &(span, word) in doc_words {
        if let Some(count) = lexicon.cues.pronoun.get(word) {
            if word.chars().next().is_some_and(char::is_uppercase)
                && word != "They"
                && word != "He"
                && word != "She"
            {
                continue;
            }
            if !taken(&occupied, span) {
                occupied.insert(span);
                out.push(Participant {
                    span,
                    part: Part::Pronoun(*count),
                });
            }
        }
    }
    // Role nouns without a number: "protesters", "journalists".
    for d in descriptors {
        let entry = lexicon.descriptors.entry(d.entry);
        if !entry.flag("plural") || taken(&occupied, d.span) {
            continue;
        }
        occupied.insert(d.span);
        out.push(Participant {
            span: d.span,
            part: Part::Counted {
                count: None,
                description: d.span.slice(text).to_lowercase(),
            },
        });
    }
    out.sort_by_key(|p| p.span.start);
    out
}

/// Joins adjacent participants into groups.
pub fn groups(text: &str, participants: &[Participant]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for p in participants {
        if let Some(last) = out.last_mut() {
            let gap_start = last.span.end;
            // "Omar Abu Salim of the AFP, Hassan ...": an affiliation
            // the organisation tagger does not know still belongs to the
            // name before it.
            let gap = text.get(gap_start..p.span.start).unwrap_or_default();
            let gap = match last.members.last().map(|m| &m.part) {
                Some(Part::Person(_)) => AFFILIATION.replace(gap, ""),
                _ => std::borrow::Cow::Borrowed(gap),
            };
            let joinable = !last.possessive
                && gap_start <= p.span.start
                && !text[gap_start..p.span.start].contains('\n')
                && (joins(&gap)
                    || matches!(
                        last.members.last().map(|m| &m.part),
                        Some(Part::BackReference { .. })
                    ) && text[gap_start..p.span.start].trim() == ",");
            // Pronouns and agents do not join lists of names.
            let compatible = !matches!(p.part, Part::Pronoun(_))
                && !last
                    .members
                    .iter()
                    .any(|m| matches!(m.part, Part::Pronoun(_)))
                && matches!(p.part, Part::Agent { .. })
                    == last
                        .members
                        .iter()
                        .any(|m| matches!(m.part, Part::Agent { .. }));
            if joinable && compatible {
                last.span.end = p.span.end;
                last.members.push(p.clone());
                last.possessive = possessive_after(text, p.span.end);
                continue;
            }
            // "Yusuf Abdel Karim of Reuters": an affiliation belongs to the
            // name before it and does not end a list of names.
            // "X of the Daily Star Weekly": a name after "of" that the
            // person tagger took for a person is an affiliation too.
            // "A, head of the Farmers' Party, and B": a role of a named body
            // set off by a comma is the name's apposition.
            let affiliation = matches!(p.part, Part::Organisation { .. } | Part::Person(_))
                && matches!(last.members.last().map(|m| &m.part), Some(Part::Person(_)))
                && gap_start <= p.span.start
                && (matches!(
                    text[gap_start..p.span.start].trim(),
                    "of" | "of the" | "from" | "from the"
                ) || matches!(p.part, Part::Organisation { .. })
                    && ROLE_OF.is_match(&text[gap_start..p.span.start]));
            if affiliation {
                last.span.end = p.span.end;
                last.possessive = possessive_after(text, p.span.end);
                continue;
            }
        }
        out.push(Group {
            span: p.span,
            members: vec![p.clone()],
            possessive: possessive_after(text, p.span.end),
        });
    }
    out
}

/// The role of each person the text names with a role noun before the name
/// ("independent journalist Dilnoza Rahimova", "lawyer X") or in an
/// apposition after it ("X, a blogger,"): the `group=` of the descriptor
/// (its canonical form without one). The first role given to a name wins.
/// Only the names in `wanted` are read.
pub fn person_roles(
    text: &str,
    mentions: &[Mention],
    wanted: &rustc_hash::FxHashSet<&str>,
    lexicon: &EventLexicon,
) -> rustc_hash::FxHashMap<String, String> {
    let mut roles = rustc_hash::FxHashMap::default();
    if wanted.is_empty() {
        return roles;
    }
    for m in mentions.iter().filter(|m| m.kind == MentionKind::Person) {
        let Some(name) = m.value.as_deref().filter(|name| wanted.contains(name)) else {
            continue;
        };
        if roles.contains_key(name) {
            continue;
        }
        let name = name.to_string();
        let role_of = |entry: &crate::gazetteer::Entry| {
            entry
                .attr("group")
                .map(str::to_string)
                .unwrap_or_else(|| entry.canonical.clone())
        };
        // Before the name: the descriptor that ends right before it.
        let before = crate::tag::before_window(text, m.span.start);
        let trimmed = before.trim_end();
        let found = lexicon
            .descriptors
            .find(trimmed)
            .last()
            .filter(|d| d.span.end == trimmed.len() && trimmed.len() < before.len())
            .map(|d| role_of(lexicon.descriptors.entry(d.entry)));
        // After it: ", a blogger", ", an activist", ", the lawyer".
        let found = found.or_else(|| {
            let after = crate::tag::after_window(text, m.span.end);
            let rest = after.strip_prefix(", ")?;
            let rest = ["a ", "an ", "the "]
                .iter()
                .find_map(|article| rest.strip_prefix(article))?;
            let d = lexicon.descriptors.find(rest).into_iter().next()?;
            // The descriptor may follow one adjective ("a prominent lawyer").
            let gap = &rest[..d.span.start];
            (gap.split_whitespace().count() <= 1 && !gap.contains(','))
                .then(|| role_of(lexicon.descriptors.entry(d.entry)))
        });
        if let Some(role) = found {
            roles.insert(name, role);
        }
    }
    roles
}

fn possessive_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    rest.starts_with("'s")
        || rest.starts_with("’s")
        || rest.starts_with("' ")
        || rest.starts_with("’ ")
}

/// "human rights defender Dana Oralova": where the descriptor before a
/// name starts (with one adjective after a comma: ", prominent human rights
/// defender Dana Oralova").
fn descriptor_start(
    text: &str,
    tokens: &Tokens,
    name_start: usize,
    lexicon: &EventLexicon,
) -> Option<usize> {
    let window_start = crate::tag::money::floor_char_boundary(text, name_start.saturating_sub(60));
    let end = window_start + text[window_start..name_start].strip_suffix(' ')?.len();
    let d = lexicon
        .descriptors
        .ending_at(text, tokens, end, end - window_start)?;
    let mut start = d.span.start;
    // Up to two modifiers before the role ("national spokesperson",
    // "anti-corruption activist"), but no function words.
    for _ in 0..2 {
        let before = &text[..start];
        let Some(stripped) = before.strip_suffix(' ') else {
            break;
        };
        let word_start = stripped
            .rfind(|c: char| !(c.is_alphabetic() || c == '-'))
            .map_or(0, |p| {
                p + stripped[p..].chars().next().map_or(1, char::len_utf8)
            });
        let word = &stripped[word_start..];
        let modifier = !word.is_empty()
            && word.chars().all(|c| c.is_lowercase() || c == '-')
            && !word.ends_with("ed")
            && !FUNCTION_WORDS.contains(&word);
        if !modifier {
            break;
        }
        start = word_start;
    }
    // One adjective right after a comma or at the start of a line.
    let before = &text[..start];
    if let Some(stripped) = before.strip_suffix(' ') {
        let word_start = stripped.rfind(|c: char| !c.is_alphabetic()).map_or(0, |p| {
            p + stripped[p..].chars().next().map_or(1, char::len_utf8)
        });
        let word = &stripped[word_start..];
        let preceded_by_comma = stripped[..word_start].trim_end().ends_with(',');
        if preceded_by_comma
            && !word.is_empty()
            && word.chars().all(char::is_lowercase)
            && !word.ends_with("ed")
        {
            start = word_start;
        }
    }
    Some(start)
}

const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "as",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "has",
    "have",
    "had",
    "that",
    "this",
    "who",
    "which",
    "their",
    "his",
    "her",
    "its",
    "our",
    "said",
    "says",
    "including",
    "among",
    "against",
    "after",
    "before",
    "while",
    "when",
    "where",
    "not",
    "also",
    "both",
    "all",
];

/// "two human rights activists" → "human rights activists".
fn description_after_number(slice: &str) -> String {
    // The first word is the number itself.
    let rest: Vec<&str> = slice.split_whitespace().skip(1).collect();
    // Multi-word numbers ("2.5 million", "a dozen", "dozens of").
    let skip = rest
        .iter()
        .take_while(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "of" | "dozen" | "hundred" | "thousand" | "million"
            )
        })
        .count();
    rest[skip..].join(" ")
}

/// The words of a span of text: letters, digits and inner apostrophes.
/// Whether `span` names people: a personal pronoun, "people", an age
/// ("a 16-year-old"), a word for people (`human` in
/// `person_descriptors.tsv`), a descriptor ("journalists"), or a person or
/// counted group the taggers found ("freed him", "the release of a
/// villager", "jailed for beating a protester").
pub fn names_people(
    text: &str,
    span: ByteSpan,
    mentions: &[Mention],
    lexicon: &EventLexicon,
) -> bool {
    let slice = span.slice(text);
    slice
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | '"'))
        .filter(|w| !w.is_empty())
        .any(|w| {
            let lower = w.to_lowercase();
            // "the US market": a capitalised abbreviation is no pronoun.
            let abbreviation = w.len() > 1 && w.chars().all(|c| c.is_uppercase());
            !abbreviation
                && matches!(
                    lower.as_str(),
                    "him"
                        | "her"
                        | "them"
                        | "us"
                        | "me"
                        | "he"
                        | "she"
                        | "they"
                        | "himself"
                        | "herself"
                        | "themselves"
                        | "people"
                )
                || lower.ends_with("year-old")
                || lower.ends_with("year-olds")
                || lexicon.cues.human.contains(&lower)
        })
        || !lexicon.descriptors.find(slice).is_empty()
        || crate::events::within(mentions, |m| m.span, span)
            .iter()
            .any(|m| matches!(m.kind, MentionKind::Person | MentionKind::Quantity))
}
