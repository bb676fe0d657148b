//! Dating: which date an event takes.
//!
//! 1. **Sentence.** The date mention of the event's sentence nearest the
//!    trigger, not separated from it by a clause opener (unless it opens the
//!    sentence: "On 14th October, ..."), not a report's date ("told AFP on
//!    Monday"), not a year used as an adjective of another noun ("its 1990
//!    invasion"), not a vague reference (PRESENT_REF).
//!    Nor a date that another trigger of the sentence claims (one up to two
//!    words before it, nearer, and both before this trigger: "also arrested
//!    on June 9, 2011, was sentenced"; or an event noun right after it:
//!    "the June 12 protests"; or an infinitive trigger between this one
//!    and the date, right before it: "at a rally, workers voted to strike
//!    on March 24"), nor one that the event comes ahead of ("Ahead of
//!    Constitution Day on 3rd September"), however the sentence names that
//!    day again ("... and told to stay home on that day").
//!    Nor, for proceedings (charge, trial, sentence, fine), a date after
//!    an event noun that follows the trigger ("pleaded guilty to organising
//!    an illegal assembly on 20 October": the date is the assembly's).
//!    Nor a limit ("remanded until 5 May") or the new date of a deferred
//!    event ("adjourned to 3 December", "adjourned the hearing to 7
//!    June"). A holiday's name ("a Labor Day march": its day varies by
//!    country) gives way to a date written at the opening of the sentence
//!    ("On 1 May 2020, ...").
//!    Nor a dateline's date ("Lagos, June 3, 2019 - ...", "(22 April
//!    2008) ..."), which dates the report.
//! 2. **Episode.** An undated event whose targets refer back to a dated
//!    event of the previous sentence takes its date.
//!    A restatement but for the penalty it adds takes the date of the
//!    incident it retells (`restatement::penalty_restatement_date`).
//! 3. **Heading.** A day standing as a sentence of its own ("26 August.")
//!    dates the undated events after it, up to the next such heading.
//! 4. **Report.** In a short report (at most SHORT_REPORT_SENTENCES
//!    sentences) an undated event takes the last day-precise date before
//!    it, unless its sentence moves in time ("They were later fined").

use super::lexicon::{Cues, EventLexicon};
use super::roles::Referent;
use super::Event;
use crate::document::ByteSpan;
use crate::tag::value::{DatePrecision, DateValue};
use crate::tag::{Mention, MentionKind};

/// A document of at most this many sentences is a short report ("On 3 May,
/// police dispersed ... They detained five."): its events are of one day, so
/// an undated one takes the last day-precise date before it, unless its
/// sentence moves in time ("They were later fined": `time_shift` cues).
pub(super) const SHORT_REPORT_SENTENCES: usize = 4;

/// The rule of the temporal tagger that names holidays ("Labor Day").
const HOLIDAY_RULE: &str = "date.holiday";

/// The date mention of the sentence nearest the trigger, skipping dates of
/// reports ("told AFP on Monday") and vague references (PRESENT_REF).
/// The other triggers of the event's sentence, which may claim a date.
pub(super) struct OtherTriggers<'a> {
    /// For proceedings, the sentence's nouns of offences.
    pub offence_nouns: &'a [ByteSpan],
    /// Every trigger of the sentence (the event's own included).
    pub all: &'a [ByteSpan],
    /// The event nouns of the sentence ("protests", "the attack").
    pub event_nouns: &'a [ByteSpan],
}

pub(super) fn choose_date(
    text: &str,
    sentence: ByteSpan,
    span: ByteSpan,
    mentions: &[Mention],
    lexicon: &EventLexicon,
    words: &[(ByteSpan, &str)],
    others: &OtherTriggers,
) -> DateChoice {
    let cues: &Cues = &lexicon.cues;
    // The checks a user's rules.tsv switched off.
    let disabled = &lexicon.disabled_rules;
    let mut passed_over: Vec<(ByteSpan, &'static str)> = Vec::new();
    let offence_nouns = others.offence_nouns;
    let distance = |a: ByteSpan, b: ByteSpan| {
        if a.start >= b.end {
            a.start - b.end
        } else {
            b.start.saturating_sub(a.end)
        }
    };
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
    // The sentence's opening phrase ("On 14th October, ...") dates every
    // event of the main clause.
    let opening_end = text[sentence.start..sentence.end]
        .find(", ")
        .map(|p| sentence.start + p);
    // "X, who was detained ...", "the court where their hearing was held":
    // a relative pronoun among the four words before the trigger, in a
    // clause still open ("workers, most of whom were women, held a
    // protest": the comma closed it).
    let relative_word = |pronouns: &[&str]| {
        words
            .iter()
            .filter(|(s, _)| s.end <= span.start)
            .rev()
            .take(4)
            .any(|(s, w)| {
                pronouns.contains(&w.to_lowercase().as_str())
                    && !text[s.end..span.start].contains(',')
            })
    };
    let in_relative_clause = relative_word(&["who", "which", "where", "whose", "whom"]);
    // A clause of place goes on with the story of the sentence's opening
    // date ("On 1 August, soldiers took them to the barracks, where they
    // beat them"); one of a person or a thing may tell of another time.
    let in_relative_of_person_or_thing = relative_word(&["who", "which", "whose", "whom"]);
    let ahead_of = |m: &Mention| {
        text[sentence.start..m.span.start]
            .split_whitespace()
            .rev()
            .take(5)
            .any(|w| cues.ahead.contains(&w.to_lowercase()))
    };
    let ahead_values: Vec<&str> = mentions
        .iter()
        .filter(|m| {
            matches!(m.kind, MentionKind::Date | MentionKind::Time)
                && sentence.contains(&m.span)
                && ahead_of(m)
        })
        .filter_map(|m| m.value.as_deref())
        .collect();
    // Every date or time of the sentence but the trigger is considered;
    // each check below keeps a date or passes over it, under the check's
    // name (`civex explain` shows which).
    let checks: [DateCheck; 9] = [
        ("dating.other_clause", &|m: &Mention| {
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
            // A date inside a relative clause ("X, who was detained on 15
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
            !clause_cue_between(a, b) || opening && !in_relative_of_person_or_thing
        }),
        ("dating.not_calendar", &|m: &Mention| {
            m.date().is_some_and(|d| d.calendar)
        }),
        ("dating.year_of_another_noun", &|m: &Mention| {
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
            let year_only = m.date().is_some_and(|d| d.precision == DatePrecision::Year);
            let modifies_trigger = m.span.end <= span.start
                && text
                    .get(m.span.end..span.start)
                    .is_some_and(|gap| gap.trim().is_empty());
            // "victims of the 2019 cyclone" written "of the cyclone (2019)":
            // a year in brackets names its noun's year.
            let bracketed =
                text[..m.span.start].ends_with('(') && text[m.span.end..].starts_with(')');
            !(year_only && (bracketed || determiner && noun_follows && !modifies_trigger))
        }),
        ("dating.offence_date", &|m: &Mention| {
            // "pleaded guilty to organising an illegal assembly on 20
            // October": in proceedings, an event noun between the trigger
            // and a date after it is the offence, and the date is its own
            // ("arrested at a rally on Sunday" shares the rally's date).
            !offence_nouns
                .iter()
                .any(|n| n.start >= span.end && n.end <= m.span.start)
        }),
        ("dating.claimed_by_another_trigger", &|m: &Mention| {
            // Another trigger's date: "X, also arrested on June 9, 2011, was
            // sentenced ... on 29 June" (a trigger up to two words before
            // a date that comes before this trigger, and nearer to it),
            // "calling for the June 12 protests" (an event noun right after
            // it).
            // The claiming trigger opens an insertion after a comma (",
            // also detained on ..."), not the main clause ("appeared in
            // court on 1 May, were remanded ...": both of that day).
            let inserted = |t: &ByteSpan| {
                let head = text[sentence.start..t.start].trim_end();
                head.rfind(',')
                    .is_some_and(|c| head[c + 1..].split_whitespace().count() <= 1)
            };
            let claimed_before = others.all.iter().any(|t| {
                *t != span
                    && inserted(t)
                    && t.end <= m.span.start
                    && m.span.end <= span.start
                    && text[t.end..m.span.start].split_whitespace().count() <= 2
                    && distance(m.span, *t) < distance(m.span, span)
                    // "the rally on Oct 20, when crowds filled the
                    // streets": the date is this trigger's too.
                    && !text[m.span.end..span.start].split_whitespace().any(|w| {
                        matches!(w.to_lowercase().as_str(), "when" | "as" | "while")
                    })
            });
            // A date used as an adjective (not after a preposition: "on
            // Monday detained" is an adverbial) right before an event noun
            // of another event.
            let adverbial = matches!(
                crate::tag::word_before(crate::tag::before_window(text, m.span.start)).as_str(),
                "on" | "in" | "at" | "since" | "by" | "from" | "until" | "till" | "of" | "during"
            );
            let modifies_noun = !adverbial
                && others.event_nouns.iter().any(|t| {
                    *t != span
                        && t.start >= m.span.end
                        && text[m.span.end..t.start].trim().is_empty()
                });
            // "At a rally, workers voted to strike on March 24": an
            // infinitive trigger between this one and the date, right before
            // the date, claims it (a plan's date is the plan's).
            let claimed_by_infinitive = others.all.iter().any(|t| {
                *t != span
                    && t.start >= span.end
                    && t.end <= m.span.start
                    && text[t.end..m.span.start].split_whitespace().count() <= 2
                    && crate::tag::word_before(crate::tag::before_window(text, t.start))
                        .eq_ignore_ascii_case("to")
            });
            !claimed_before && !modifies_noun && !claimed_by_infinitive
        }),
        ("dating.dateline", &|m: &Mention| {
            !in_dateline(text, sentence, m.span)
        }),
        ("dating.ahead_of", &|m: &Mention| {
            // "Ahead of Constitution Day on 3rd September": the event
            // comes before the date (`ahead` cues among the five words
            // before it), also where the sentence names that day again
            // ("... were detained and told to stay home on that day").
            !ahead_of(m)
                && !m
                    .value
                    .as_deref()
                    .is_some_and(|v| ahead_values.contains(&v))
        }),
        ("dating.limit_or_deferral", &|m: &Mention| {
            // "remanded until 5 May", "adjourned to 3 December", "adjourned
            // the hearing to 7 June": a limit or the new date of a deferred
            // event (the deferral word up to three words before "to").
            let before: Vec<String> = text[sentence.start..m.span.start]
                .split_whitespace()
                .rev()
                .take(5)
                .map(|w| w.to_lowercase())
                .collect();
            let limit = before.first().is_some_and(|w| cues.date_limit.contains(w));
            let deferred = before
                .first()
                .is_some_and(|w| matches!(w.as_str(), "to" | "for" | "until" | "till"))
                && before[1..].iter().any(|w| cues.deferral.contains(w));
            !limit && !deferred
        }),
        ("dating.report_date", &|m: &Mention| {
            // A reporting verb up to four words before the date dates the report.
            let before = &text[sentence.start..m.span.start];
            let recent: Vec<&str> = before.split_whitespace().rev().take(5).collect();
            !recent.iter().any(|w| {
                cues.reporting.contains(
                    &w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase(),
                )
            })
        }),
    ];
    let candidates = mentions
        .iter()
        .filter(|m| {
            matches!(m.kind, MentionKind::Date | MentionKind::Time) && sentence.contains(&m.span)
        })
        .filter(|m| !m.span.overlaps(&span))
        .filter(|m| {
            match checks
                .iter()
                .filter(|(rule, _)| disabled.is_empty() || !disabled.iter().any(|d| d == rule))
                .find(|(_, keep)| !keep(m))
            {
                Some((rule, _)) => {
                    passed_over.push((m.span, *rule));
                    false
                }
                None => true,
            }
        })
        .collect::<Vec<&Mention>>();
    // A holiday's day varies by country ("Labor Day" is 1 May in most of
    // the world and September in the US): a date written out at the
    // opening of the sentence dates the event before it ("On 1 May 2020,
    // workers staged a Labor Day march").
    let opening_date = |m: &Mention| {
        m.rule != HOLIDAY_RULE
            && text[sentence.start..m.span.start]
                .split_whitespace()
                .count()
                <= 3
    };
    let opening_dated = candidates.iter().any(|m| opening_date(m));
    let chosen = candidates.iter().copied().min_by_key(|m| {
        let distance = if m.span.start >= span.end {
            m.span.start - span.end
        } else {
            span.start.saturating_sub(m.span.end)
        };
        (opening_dated && m.rule == HOLIDAY_RULE, distance)
    });
    for m in &candidates {
        if chosen.is_some_and(|c| c.span != m.span) {
            passed_over.push((
                m.span,
                if opening_dated && m.rule == HOLIDAY_RULE {
                    "dating.holiday_after_opening_date"
                } else {
                    "dating.another_date_nearer"
                },
            ));
        }
    }
    passed_over.sort_by_key(|(at, _)| at.start);
    let chosen = chosen.and_then(|m| {
        let typed = *m.date()?;
        let value = m.value.clone().unwrap_or_default();
        // A time carries its day: the event date is the day.
        let value = match value.split_once('T') {
            Some((day, _)) if m.kind == MentionKind::Time => day.to_string(),
            _ => value,
        };
        Some((m.span, value, typed))
    });
    DateChoice {
        chosen,
        passed_over,
    }
}

/// A check of `choose_date`: its name, and whether it keeps a date.
type DateCheck<'a> = (&'static str, &'a dyn Fn(&Mention) -> bool);

/// The date an event takes from its sentence, and the dates it does not.
pub(super) struct DateChoice {
    pub(super) chosen: Option<(ByteSpan, String, DateValue)>,
    /// The other dates of the sentence, each with the check that passed
    /// over it (`dating.NAME`), in order of position.
    pub(super) passed_over: Vec<(ByteSpan, &'static str)>,
}

/// "26 August." or "16 Aug." standing as a sentence of its own, a day: a
/// heading that dates the undated events told after it (bulletins and
/// incident logs are written so).
pub(super) fn date_heading(
    text: &str,
    sentence: ByteSpan,
    mentions: &[Mention],
) -> Option<(ByteSpan, String)> {
    let body = sentence
        .slice(text)
        .trim()
        .trim_end_matches(['.', ':', '-', '–', '—'])
        .trim_end();
    mentions.iter().find_map(|m| {
        let value = m.value.as_deref()?;
        let day = m.kind == MentionKind::Date && m.date().is_some_and(DateValue::is_stated_day);
        (day && sentence.contains(&m.span)
            && m.span.slice(text).trim_end_matches('.') == body.trim_end_matches('.'))
        .then(|| (m.span, value.to_string()))
    })
}

/// "was detained a week ago": TIMEX3 gives the week ("2011-W15"), but an
/// event's date is the day, counted back from the publication date (the
/// annotation guide resolves "a week ago" against `published`). The
/// temporal tagger counted the week from the same date and says how many
/// whole weeks back, when the count is exact (`DateValue::weeks_ago`;
/// none for "about two weeks ago").
pub(super) fn weeks_ago_day(
    date: &DateValue,
    published: chrono::NaiveDate,
) -> Option<chrono::NaiveDate> {
    let weeks = date.weeks_ago?;
    published.checked_sub_signed(chrono::Duration::weeks(i64::from(weeks)))
}

/// "Lagos, June 3, 2019 - A court has ...", "(Nairobi, 12 February 2018) -
/// ...", "LONDON, March 3 (Reuters) - ...", "(22 April 2008) The court ...": a
/// date at the head of a sentence after a place or an opening bracket,
/// closed by a bracket or a dash, is the dateline's: it dates the report,
/// not the events the report tells of.
fn in_dateline(text: &str, sentence: ByteSpan, date: ByteSpan) -> bool {
    let head = &text[sentence.start..date.start];
    let head_words: Vec<&str> = head.split_whitespace().collect();
    // A place and a comma, or an opening bracket, right before the date
    // ("From October 22nd-24th" is no dateline).
    let heading = !head_words.is_empty()
        && head_words.len() <= 4
        && head_words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c == '('))
        && head.trim_end().ends_with([',', '(']);
    if !heading {
        return false;
    }
    let after = text[date.end..].trim_start_matches([',', ' ']);
    // A dash that opens the story, not a range ("22nd-24th").
    let dash = |s: &str| {
        let s = s.trim_start();
        s.starts_with(['-', '–', '—'])
            && !s
                .trim_start_matches(['-', '–', '—'])
                .starts_with(|c: char| c.is_ascii_digit())
    };
    after.starts_with(')')
        || dash(after)
        || after.starts_with('(')
            && after
                .find(')')
                .is_some_and(|p| p < 40 && dash(&after[p + 1..]))
}

/// The date of the episode a sentence continues: the previous sentence's
/// dated events, when this event's targets came from a back-reference to
/// them (or are the same names).
pub(super) fn episode_date(
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
pub(super) fn report_date(
    text: &str,
    sentences: &[ByteSpan],
    mentions: &[Mention],
    before: usize,
) -> Option<(ByteSpan, String)> {
    let end = mentions.partition_point(|m| m.span.start < before);
    mentions[..end].iter().rev().find_map(|m| {
        let value = m.value.as_deref()?;
        // Nor from a dateline, which dates the report.
        let sentence = sentences.iter().find(|s| s.contains(&m.span));
        if sentence.is_some_and(|s| in_dateline(text, *s, m.span)) {
            return None;
        }
        let day = m.kind == MentionKind::Date && m.date().is_some_and(DateValue::is_stated_day);
        day.then(|| (m.span, value.to_string()))
    })
}
