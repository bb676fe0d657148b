//! Modality: whether the clause asserts the event, negates it or states it
//! as possible.
//!
//! 1. **Negation** among the MODALITY_WINDOW words of the clause before the
//!    trigger ("did not detain", "denied beating") → `negated`; not a doubt
//!    about a detail ("it is not clear why the editor was detained").
//! 2. **Conditional** sentence opener ("If convicted, ...") → `potential`.
//! 3. **Possibility** cue words and phrases ("could face", "threatened with
//!    arrest", "may be fined") → `potential`; a cue inside a mention
//!    ("Theresa May") or a noun homograph after a determiner ("his will")
//!    is no cue.
//!    So is a noun trigger followed, before the next clause, by a
//!    scheduling word (`scheduled` cues: "the hearing is scheduled for",
//!    "set for 19 April"), by a future passive ("the charges would be
//!    filed within the week"), or as the subject of a future ("the strike
//!    will affect passports"; not "will continue"); and a penalty noun
//!    reads the cues of its whole
//!    sentence before it for possibility ("faces up to five years in jail
//!    and a $250,000 fine").
//!    A noun trigger in an infinitive of holding ("decided to stage a
//!    protest"; not "gathered to stage a protest") is a plan; so is a verb
//!    trigger in an infinitive after a word of direction or intent
//!    (`directive` cues: "orders to arrest anyone", "instructions to
//!    detain or deport them").
//!    A verb trigger right after a bare "be" (a subjunctive or a modal's:
//!    "recommended that she be fined", "will be tried") is `potential` too.
//! 4. **A date to come.** An event dated in its own sentence to a day more
//!    than one day after the document's publication (a dateline may run a
//!    day ahead), or to a later month or year ("voted for a week of strike
//!    action beginning on April 3", "proposed a general strike for July
//!    15") has not happened yet → `potential` ([`after_publication`]).
//! 5. Otherwise `asserted`.

use super::lexicon::Cues;
use crate::document::ByteSpan;
use crate::tag::value::{DatePrecision, DateValue};
use crate::tag::Mention;
use crate::tokens::Tokens;

/// How many words before a trigger, within its clause, a negation or
/// possibility cue reaches ("could face between three months and four years
/// imprisonment").
const MODALITY_WINDOW: usize = 8;
/// How many words after a noun trigger a scheduling word reaches ("a
/// hearing at the district court has been set for 19 April").
const SCHEDULE_WINDOW: usize = 12;

/// Whether the word or phrase at `span` can be a cue word: not inside a
/// mention ("12 May 2019", "Theresa May"), and, for a cue that is also a
/// noun (`noun=1`), not after a determiner ("the will of the people", "his
/// will"). Other cues keep their determiner ("an attempt to intimidate the
/// editor", "a possible sentence").
pub(super) fn is_cue_word(text: &str, span: ByteSpan, mentions: &[Mention], cues: &Cues) -> bool {
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

/// How the trigger reads for modality.
pub(super) struct Reading<'a> {
    pub clause_start: usize,
    pub sentence_start: usize,
    pub span: ByteSpan,
    pub before: &'a [&'a (ByteSpan, &'a str)],
    pub after: &'a [&'a (ByteSpan, &'a str)],
    /// A noun trigger ("the hearing", "a strike").
    pub noun: bool,
    /// A noun of a penalty ("a $5,000 fine", "a prison sentence"): the
    /// cues of its whole clause apply ("faces up to five years in jail and
    /// a $250,000 fine").
    pub penalty_noun: bool,
    /// The tokens of the whole text.
    pub tokens: &'a Tokens,
}

pub(super) fn modality(
    text: &str,
    reading: &Reading,
    mentions: &[Mention],
    cues: &Cues,
) -> &'static str {
    let (span, before) = (reading.span, reading.before);
    // The cue words of a window before the trigger, and whether a cue
    // phrase of `kind` lies there.
    let cues_in = |from: usize, max_words: usize| {
        let words: Vec<&&(ByteSpan, &str)> = before
            .iter()
            .rev()
            .take_while(|(s, _)| s.start >= from)
            .take(max_words)
            .collect();
        let start = words.last().map_or(span.start, |(s, _)| s.start);
        (words, start)
    };
    let phrase_in = |start: usize, kind: &str| {
        let found =
            (cues.phrases).find_within(text, reading.tokens, ByteSpan::new(start, span.start));
        found.iter().any(|m| {
            cues.phrases.entry(m.entry).kind == kind && is_cue_word(text, m.span, mentions, cues)
        })
    };
    let (near_words, window_start) = cues_in(reading.clause_start, MODALITY_WINDOW);
    // "It is not clear why the editor was detained": a doubt about a
    // detail, not a denial of the event.
    let doubt_after = |end: usize| {
        text[end..]
            .split(|ch: char| !ch.is_alphabetic())
            .find(|w| !w.is_empty())
            .is_some_and(|next| {
                matches!(
                    next.to_lowercase().as_str(),
                    "clear" | "known" | "immediately" | "certain" | "sure"
                )
            })
    };
    let negated = near_words.iter().any(|(s, w)| {
        let w = w.to_lowercase();
        (cues.negation.contains(&w) || w.ends_with("n't")) && !doubt_after(s.end)
    }) || (cues.phrases)
        .find_within(
            text,
            reading.tokens,
            ByteSpan::new(window_start, span.start),
        )
        .iter()
        .any(|m| {
            cues.phrases.entry(m.entry).kind == "negation"
                && is_cue_word(text, m.span, mentions, cues)
                && !doubt_after(m.span.end)
        });
    if negated {
        return "negated";
    }
    // A penalty noun reads its whole sentence for possibility: "faces up to
    // five years in jail and a $250,000 fine" coordinates it with the
    // potential one (but "is not related to the $550,000 fine" does not
    // negate it).
    let (near_words, window_start) = if reading.penalty_noun {
        cues_in(reading.sentence_start, usize::MAX)
    } else {
        (near_words, window_start)
    };
    // "If convicted, he could be fined or jailed": a conditional sentence
    // states no event.
    let conditional = before
        .first()
        .is_some_and(|(_, w)| cues.conditional.contains(&w.to_lowercase()));
    // "A hearing ... has been set for 19 April", "the strike is expected
    // to ...": a noun trigger with a scheduling word after it, before the
    // next clause.
    let scheduled = reading.noun && {
        let after: Vec<String> = reading
            .after
            .iter()
            .take(SCHEDULE_WINDOW)
            .map(|(_, w)| w.to_lowercase())
            .take_while(|w| !cues.clause.contains(w))
            .collect();
        // "Hearings are scheduled to continue tomorrow": under way.
        let continues = |i: usize| {
            after.get(i + 1).is_some_and(|n| n == "to")
                && after
                    .get(i + 2)
                    .is_some_and(|n| matches!(n.as_str(), "continue" | "resume"))
        };
        // "the charges would be filed within the week": a future passive of
        // a verb that brings the event about (not "the sentence will be
        // appealed").
        let future_passive = |i: usize| {
            after.get(i + 1).is_some_and(|n| n == "be")
                && after.get(i + 2).is_some_and(|n| {
                    matches!(
                        n.as_str(),
                        "filed"
                            | "held"
                            | "brought"
                            | "imposed"
                            | "laid"
                            | "pressed"
                            | "issued"
                            | "levied"
                            | "staged"
                            | "organised"
                            | "organized"
                    )
                })
        };
        // "the strike will affect passports": the event as the subject of a
        // future ("the protests will continue" goes on).
        let future_subject = |i: usize| {
            i <= 1
                && after.get(i + 1).is_some_and(|n| {
                    !matches!(
                        n.as_str(),
                        "be" | "continue" | "resume" | "go" | "last" | "remain" | "end" | "not"
                    )
                })
        };
        after.iter().enumerate().any(|(i, w)| {
            (cues.scheduled.contains(w)
                || w == "set" && after.get(i + 1).is_some_and(|n| n == "for" || n == "to"))
                && !continues(i)
                || matches!(w.as_str(), "will" | "would" | "shall")
                    && (future_passive(i) || future_subject(i))
        })
    };
    // "jurors recommended that she be fined", "he will be tried": a bare
    // "be" right before a verb trigger is a subjunctive or follows a modal
    // ("was found to be detained" is no cue).
    let bare_be = !reading.noun
        && before.last().is_some_and(|(s, w)| {
            w.eq_ignore_ascii_case("be") && text[s.end..span.start].trim().is_empty()
        })
        && before
            .iter()
            .rev()
            .nth(1)
            .is_none_or(|(_, w)| !w.eq_ignore_ascii_case("to"));
    // "decided to stage a protest", "failed to persuade others to hold a
    // rally": a gathering in an infinitive of holding is a plan or a purpose
    // ("gathered to stage a protest" held it; "were attempting to organise
    // a rally" attempted it, which the annotation guide counts).
    let planned_gathering = reading.noun && {
        let back: Vec<String> = before
            .iter()
            .rev()
            .take_while(|(s, _)| s.start >= reading.clause_start)
            .take(9)
            .map(|(_, w)| w.to_lowercase())
            .collect();
        back.iter().take(4).enumerate().any(|(i, w)| {
            // A verb of gathering or attempt up to three words before "to".
            matches!(
                w.as_str(),
                "stage" | "hold" | "organise" | "organize" | "launch" | "mount"
            ) && back.get(i + 1).is_some_and(|t| t == "to")
                && !back.iter().skip(i + 2).take(3).any(|v| {
                    matches!(
                        v.as_str(),
                        "gathered"
                            | "assembled"
                            | "came"
                            | "met"
                            | "converged"
                            | "arrived"
                            | "marched"
                            | "went"
                            | "streets"
                            | "attempting"
                            | "attempted"
                            | "tried"
                            | "trying"
                    )
                })
        })
    };
    // "specific orders to arrest anyone violating the ban", "instructions
    // to detain or deport members": a verb trigger in an infinitive after a
    // word of direction or intent (`directive` cues) is what is to be done,
    // not what was.
    let directed = !reading.noun
        && word_before_infinitive(before, reading.clause_start)
            .is_some_and(|w| cues.directive.contains(&w));
    let potential = conditional
        || scheduled
        || bare_be
        || planned_gathering
        || directed
        || near_words.iter().any(|(s, w)| {
            let w = w.to_lowercase();
            (cues.potential.contains(&w)
                || reading.penalty_noun && cues.penalty_potential.contains(&w))
                && is_cue_word(text, *s, mentions, cues)
        })
        || phrase_in(window_start, "potential");
    if potential {
        "potential"
    } else {
        "asserted"
    }
}

/// The word before the "to" of a verb in the infinitive ("orders to
/// arrest" → "orders"; "instructions to detain or deport" → "instructions"
/// for both verbs), within the clause.
pub(super) fn word_before_infinitive(
    before: &[&(ByteSpan, &str)],
    clause_start: usize,
) -> Option<String> {
    let back: Vec<String> = before
        .iter()
        .rev()
        .take_while(|(s, _)| s.start >= clause_start)
        .take(4)
        .map(|(_, w)| w.to_lowercase())
        .collect();
    let to_at = match back.first().map(String::as_str) {
        Some("to") => 0,
        Some("or" | "and") if back.get(2).is_some_and(|t| t == "to") => 2,
        _ => return None,
    };
    back.get(to_at + 1).cloned()
}

/// Whether a date ("2024-05-03", "2024-05", "2024") lies after the
/// publication date: a day more than one day after it, a later month or a
/// later year. Weeks, seasons and other values are never after it.
pub(super) fn after_publication(date: &DateValue, published: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    let Some(year) = date.year else {
        return false;
    };
    let published_year = published.year();
    match date.precision {
        DatePrecision::Year => year > published_year,
        DatePrecision::Month => date
            .month
            .is_some_and(|month| (year, month) > (published_year, published.month())),
        DatePrecision::Day => date
            .known_day()
            .is_some_and(|day| day > published + chrono::Days::new(1)),
        DatePrecision::Other => false,
    }
}

#[cfg(test)]
mod tests {
    use super::after_publication;
    use crate::tag::value::DateValue;
    use chrono::NaiveDate;

    #[test]
    fn a_date_to_come_is_after_publication() {
        let published = NaiveDate::from_ymd_opt(1987, 3, 18).unwrap();
        for (value, after) in [
            ("1987-04-03", true),
            ("1987-03-20", true),
            ("1987-03-19", false), // a dateline a day ahead
            ("1987-03-18", false),
            ("1987-03-01", false),
            ("1987-04", true),
            ("1987-03", false),
            ("1988", true),
            ("1987", false),
            ("1987-W13", false),
            ("1987-SP", false),
            ("XXXX-04-03", false),
            ("PRESENT_REF", false),
        ] {
            let date = DateValue::of(value);
            assert_eq!(after_publication(&date, published), after, "{value}");
        }
    }
}
