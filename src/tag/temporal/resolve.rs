//! Resolution: the TIMEX3 value of each candidate, in document order,
//! against the anchor, the narrative anchor, the reported quarter and the
//! tense of the sentence.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::candidate::{Candidate, Relation, Spec};
use super::context::{future_word_before, past_verb_before};
use super::timex::{iso_week, quarter_count, quarter_value, shifted_month, with_part, ymd};
use super::{TemporalContext, TemporalTagger};
use crate::document::ByteSpan;
use crate::tag::numbers::Count;
use crate::tag::value::TypedValue;
use crate::tag::{before_window, word_before, Mention};

impl TemporalTagger {
    // --- resolution -------------------------------------------------------

    /// Whether sentence `index` compares figures: a digit and a money or
    /// share word.
    fn compares_figures(&self, ctx: &TemporalContext, index: usize) -> bool {
        ctx.sentences.get(index).is_some_and(|s| {
            let sentence = s.slice(ctx.text);
            sentence.bytes().any(|b| b.is_ascii_digit()) && self.figure_words.is_match(sentence)
        })
    }

    fn tense(&self, sentence: &str) -> Tense {
        let future = self.future_cue.find_iter(sentence).any(|m| {
            let before = word_before(before_window(sentence, m.start()));
            !self.determiners.contains(&before)
        });
        if future {
            Tense::Future
        } else if self.past_cue.is_match(sentence) {
            Tense::Past
        } else {
            Tense::Unknown
        }
    }

    /// In a sentence with words of both the future and the past, whether a
    /// word of the past stands nearer the day than any of the future: the
    /// nearer one governs it ("On Friday a demonstration was held against
    /// the plan to settle ..." is last Friday). A word of the future after
    /// the day and beyond a comma, when a word of the past stands before
    /// the day, speaks for another clause ("killed two activists Saturday
    /// morning, ahead of scheduled protests"; but "On Tuesday, the league
    /// plans to ..." looks ahead).
    fn past_nearer(&self, text: &str, sentence: Option<&ByteSpan>, day: ByteSpan) -> bool {
        let Some(s) = sentence else {
            return false;
        };
        let slice = s.slice(text);
        let from = day.start.saturating_sub(s.start);
        let to = day.end.saturating_sub(s.start);
        let distance = |m: regex::Match| {
            if m.end() <= from {
                from - m.end()
            } else {
                m.start().saturating_sub(to)
            }
        };
        // The day's own clause has a verb of the past before the day.
        let past_before = self.past_cue.find_iter(slice).any(|m| m.end() <= from);
        let future = self
            .future_cue
            .find_iter(slice)
            .filter(|m| {
                let other_clause =
                    past_before && m.start() >= to && slice[to..m.start()].contains(',');
                let determiner = self
                    .determiners
                    .contains(&word_before(before_window(slice, m.start())));
                !determiner && !other_clause
            })
            .map(distance)
            .min();
        let past = self.past_cue.find_iter(slice).map(distance).min();
        match (past, future) {
            (Some(p), Some(f)) => p < f,
            (Some(_), None) => true,
            _ => false,
        }
    }

    pub(super) fn resolve(
        &self,
        ctx: &TemporalContext,
        candidates: Vec<Candidate>,
    ) -> Vec<Mention> {
        let mut narrative: Option<NaiveDate> = None;
        // The story has moved to a past month or year without a day ("A
        // case was opened in March"): no day to count "two days later" from.
        let mut narrative_vague = false;
        let mut mentions = Vec::with_capacity(candidates.len());
        let mut tense_cache: Vec<Option<Tense>> = vec![None; ctx.sentences.len()];
        let mut day_dates: Vec<(ByteSpan, NaiveDate)> = Vec::new();
        // The last quarter named with its year, as a count of quarters.
        let mut reported_quarter: Option<i64> = None;
        for candidate in candidates {
            let sentence = ctx
                .sentences
                .partition_point(|s| s.end <= candidate.span.start);
            // The tense of the sentence, read once per sentence and only for
            // the values that depend on it.
            let mut tense = || match tense_cache.get(sentence).copied() {
                Some(Some(t)) => t,
                Some(None) => {
                    let t = ctx
                        .sentences
                        .get(sentence)
                        .map_or(Tense::Unknown, |s| self.tense(s.slice(ctx.text)));
                    tense_cache[sentence] = Some(t);
                    t
                }
                None => Tense::Unknown,
            };
            // "in March ... two days later": counted in days from a day the
            // text does not give, not from the anchor.
            let counts_days =
                matches!(&candidate.spec, Spec::Narrative { unit, .. } if unit == "D");
            let base = if narrative.is_none() && narrative_vague && counts_days {
                None
            } else {
                narrative.or(ctx.anchor)
            };
            let (spec, clock) = match &candidate.spec {
                Spec::AtClock { hour, minute, day } => {
                    (&**day, Some(format!("{hour:02}:{minute:02}")))
                }
                Spec::PartOn { part, day } => (&**day, Some(part.clone())),
                spec => (spec, None),
            };
            let (value, day) = match spec {
                Spec::Fixed(v) => (v.clone(), None),
                // Never nested: `join_compounds` wraps plain days only.
                Spec::AtClock { .. } | Spec::PartOn { .. } => ("XXXX-XX-XX".into(), None),
                Spec::Calendar {
                    year,
                    month,
                    day,
                    modifier,
                } => {
                    // "since March" looks back, "by February" ahead,
                    // whatever the rest of the sentence says.
                    let before = before_window(ctx.text, candidate.span.start)
                        .trim_end()
                        .to_lowercase();
                    let tense = if before.ends_with(" since") {
                        Tense::Past
                    } else if [" until", " till", " by", " through", " effective"]
                        .iter()
                        .any(|p| before.ends_with(p))
                    {
                        Tense::Future
                    } else {
                        tense()
                    };
                    resolve_calendar(ctx.anchor, *year, *month, *day, *modifier, tense)
                }
                Spec::Weekday {
                    weekday,
                    relation,
                    part,
                } => {
                    // "said Wednesday", "was announced Wednesday": a past
                    // verb right before the day governs it, whatever else
                    // the sentence says of the future.
                    let before = before_window(ctx.text, candidate.span.start);
                    let future = (tense() == Tense::Future
                        && !past_verb_before(before)
                        && !self.past_nearer(
                            ctx.text,
                            ctx.sentences.get(sentence),
                            candidate.span,
                        ))
                        || future_word_before(before);
                    resolve_weekday(ctx.anchor, *weekday, *relation, part.as_deref(), future)
                }
                Spec::NumericDay { first, second } => {
                    resolve_numeric_day(ctx.anchor, *first, *second, tense())
                }
                Spec::NumericDate {
                    year,
                    first,
                    second,
                } => resolve_numeric_date(ctx.anchor, *year, *first, *second),
                Spec::DayOffset { days, part } => match ctx.anchor {
                    Some(a) => {
                        let d = a + Duration::days(*days);
                        (with_part(ymd(d), part.as_deref()), Some(d))
                    }
                    None => (with_part("XXXX-XX-XX".into(), part.as_deref()), None),
                },
                Spec::AnchorUnit { unit, offset } => {
                    (resolve_unit(ctx.anchor, unit, *offset), None)
                }
                Spec::Ago { count, unit }
                | Spec::Narrative {
                    count,
                    unit,
                    sign: -1,
                } if unit == "Y"
                    && count.exact() == Some(1.0)
                    && reported_quarter.is_some()
                    && self.compares_figures(ctx, sentence) =>
                {
                    // "up from $85 million a year ago" in a quarterly report:
                    // the same quarter a year before.
                    let q = reported_quarter.unwrap_or_default() - 4;
                    (quarter_value(q), None)
                }
                Spec::Ago { count, unit } => resolve_shift(ctx.anchor, *count, unit, -1),
                Spec::Narrative { count, unit, sign } => resolve_shift(base, *count, unit, *sign),
                Spec::Season {
                    season,
                    year,
                    offset,
                } => match (year, ctx.anchor) {
                    (Some(y), _) => (format!("{y}-{season}"), None),
                    (None, Some(a)) => (format!("{}-{season}", a.year() + *offset as i32), None),
                    (None, None) => (format!("XXXX-{season}"), None),
                },
                Spec::Quarter {
                    quarter,
                    year,
                    year_shift,
                } => match year.or(ctx.anchor.map(|a| a.year() + year_shift)) {
                    Some(y) => {
                        // Only a quarter that has ended by the anchor can be
                        // the one a report is about, and not the one it
                        // compares with ("the year-ago third quarter").
                        let q = y as i64 * 4 + *quarter as i64 - 1;
                        let ended =
                            *year_shift == 0 && ctx.anchor.is_none_or(|a| q < quarter_count(a));
                        if ended {
                            reported_quarter = Some(q);
                        }
                        (format!("{y}-Q{quarter}"), None)
                    }
                    None => (format!("XXXX-Q{quarter}"), None),
                },
                Spec::ReportedQuarter { offset } => {
                    let last_ended = ctx.anchor.map(|a| quarter_count(a) - 1);
                    match reported_quarter.or(last_ended) {
                        Some(q) => {
                            if *offset == 0 {
                                reported_quarter = Some(q);
                            }
                            let q = q + offset;
                            (quarter_value(q), None)
                        }
                        None => ("XXXX-QX".into(), None),
                    }
                }
                Spec::Holiday {
                    rule,
                    year,
                    relation,
                } => {
                    let date = match (year, ctx.anchor) {
                        (Some(y), _) => rule.date_in(*y),
                        (None, Some(a)) => {
                            let around =
                                [a.year() - 1, a.year(), a.year() + 1].map(|y| rule.date_in(y));
                            match relation {
                                Relation::Last => {
                                    around.into_iter().flatten().filter(|d| *d < a).max()
                                }
                                Relation::Next => {
                                    around.into_iter().flatten().filter(|d| *d > a).min()
                                }
                                Relation::This => rule.date_in(a.year()),
                                Relation::Plain => nearest(a, tense(), |y| rule.date_in(y)),
                            }
                        }
                        (None, None) => None,
                    };
                    match date {
                        Some(d) => (ymd(d), Some(d)),
                        None => ("XXXX-XX-XX".into(), None),
                    }
                }
                Spec::HalfYear { half, year, offset } => {
                    match year.or(ctx.anchor.map(|a| a.year() + *offset as i32)) {
                        Some(y) => (format!("{y}-H{half}"), None),
                        None => (format!("XXXX-H{half}"), None),
                    }
                }
                Spec::SomeWeek => match ctx.anchor {
                    Some(a) => (format!("{}-WXX", a.year()), None),
                    None => ("XXXX-WXX".into(), None),
                },
                Spec::Weekend => match ctx.anchor {
                    Some(a) => {
                        let saturday = resolve_weekday(
                            Some(a),
                            Weekday::Sat,
                            Relation::Plain,
                            None,
                            tense() == Tense::Future,
                        )
                        .1
                        .unwrap_or(a);
                        (format!("{}-WE", iso_week(saturday)), None)
                    }
                    None => ("XXXX-WXX-WE".into(), None),
                },
                Spec::Clock { .. } | Spec::DayPart { .. } => {
                    // The date of the sentence, if one precedes in it, else
                    // the day the narrative has reached, else the anchor:
                    // "Two days later ... detained him overnight".
                    let sentence_span = ctx.sentences.get(sentence).copied();
                    let date = day_dates
                        .iter()
                        .rev()
                        .find(|(span, _)| sentence_span.is_some_and(|s| s.contains(span)))
                        .map(|(_, d)| *d)
                        .or(narrative)
                        .or(ctx.anchor);
                    let prefix = date.map_or_else(|| "XXXX-XX-XX".to_string(), ymd);
                    let time = match spec {
                        Spec::Clock { hour, minute } => format!("{hour:02}:{minute:02}"),
                        Spec::DayPart { part } => part.clone(),
                        _ => String::new(),
                    };
                    (format!("{prefix}T{time}"), None)
                }
            };
            if let Some(d) = day {
                narrative = Some(d);
                narrative_vague = false;
                day_dates.push((candidate.span, d));
            } else if candidate.kind == crate::tag::MentionKind::Date
                && is_past_month_or_year(&value, ctx.anchor)
            {
                narrative_vague = true;
            }
            let value = match clock {
                Some(time) => {
                    let date = value.split('T').next().unwrap_or(&value);
                    format!("{date}T{time}")
                }
                None => value,
            };
            // The value is typed as the mention is made (tag/value.rs); the
            // count of "two weeks ago" only the rule knows.
            let mut mention =
                Mention::new(candidate.kind, candidate.span, Some(value), candidate.rule);
            if let (Some(TypedValue::Date(date)), Spec::Ago { count, unit }) =
                (&mut mention.typed, &candidate.spec)
            {
                let whole_weeks = count
                    .exact()
                    .filter(|n| *n >= 1.0 && n.fract() == 0.0 && *n <= 520.0);
                // "two weeks ago", "just a week ago" (EXACT); not "about
                // two weeks ago" (APPROX), "over a week ago" (MORE_THAN).
                let exact = matches!(candidate.modifier, None | Some("EXACT"));
                if unit == "W" && exact && ctx.anchor.is_some() {
                    date.weeks_ago = whole_weeks.map(|n| n as u32);
                }
            }
            if let Some(m) = candidate.modifier {
                mention = mention.with("mod", m);
            }
            mentions.push(mention);
        }
        mentions
    }
}

/// What a sentence says of time, as far as cue words tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Future,
    Past,
    Unknown,
}

/// "11/02" without a year: of its readings as day-month and month-day, the
/// one nearest before the anchor (a report tells what has happened), else
/// the nearest after it; day first without an anchor.
fn resolve_numeric_day(
    anchor: Option<NaiveDate>,
    first: u32,
    second: u32,
    tense: Tense,
) -> (String, Option<NaiveDate>) {
    let mut readings: Vec<(u32, u32)> = [(second, first), (first, second)]
        .into_iter()
        .filter(|&(month, day)| (1..=12).contains(&month) && (1..=31).contains(&day))
        .collect();
    readings.dedup();
    let Some(&(month, day)) = readings.first() else {
        return ("XXXX-XX-XX".into(), None);
    };
    let Some(a) = anchor else {
        return (format!("XXXX-{month:02}-{day:02}"), None);
    };
    readings
        .into_iter()
        .map(|(m, d)| resolve_calendar(Some(a), None, m, Some(d), None, tense))
        .min_by_key(|(_, date)| match date {
            Some(d) if *d <= a => (0, (a - *d).num_days()),
            Some(d) => (1, (*d - a).num_days()),
            None => (2, 0),
        })
        .unwrap_or_else(|| (format!("XXXX-{month:02}-{day:02}"), None))
}

/// "12/03/2023": month first, unless that reading lies more than a day
/// after the anchor and the day-first one does not.
fn resolve_numeric_date(
    anchor: Option<NaiveDate>,
    year: i32,
    first: u32,
    second: u32,
) -> (String, Option<NaiveDate>) {
    let month_first = NaiveDate::from_ymd_opt(year, first, second);
    let day_first = NaiveDate::from_ymd_opt(year, second, first);
    let to_come = |d: Option<NaiveDate>| {
        d.zip(anchor)
            .is_some_and(|(d, a)| d > a + Duration::days(1))
    };
    let date = match (month_first, day_first) {
        (Some(m), Some(d)) if to_come(Some(m)) && !to_come(Some(d)) => Some(d),
        (Some(m), _) => Some(m),
        (None, d) => d,
    };
    match date {
        Some(d) => (ymd(d), Some(d)),
        None => ("XXXX-XX-XX".into(), None),
    }
}

fn resolve_calendar(
    anchor: Option<NaiveDate>,
    year: Option<i32>,
    month: u32,
    day: Option<u32>,
    relation: Option<&'static str>,
    tense: Tense,
) -> (String, Option<NaiveDate>) {
    let year = match (year, anchor) {
        (Some(y), _) => Some(y),
        (None, None) => None,
        (None, Some(a)) => Some(match relation {
            Some("LAST") => {
                if month < a.month() {
                    a.year()
                } else {
                    a.year() - 1
                }
            }
            Some("NEXT") => {
                if month > a.month() {
                    a.year()
                } else {
                    a.year() + 1
                }
            }
            Some("THIS") => a.year(),
            _ => nearest_year(a, month, day, tense),
        }),
    };
    match (year, day) {
        (Some(y), Some(d)) => match NaiveDate::from_ymd_opt(y, month, d) {
            Some(date) => (ymd(date), Some(date)),
            None => (format!("{y:04}-{month:02}-{d:02}"), None),
        },
        (Some(y), None) => (format!("{y:04}-{month:02}"), None),
        (None, Some(d)) => (format!("XXXX-{month:02}-{d:02}"), None),
        (None, None) => (format!("XXXX-{month:02}"), None),
    }
}

/// The year that puts a year-less date ("Nov. 25", "late November") nearest
/// to the anchor: news about January written in November speaks of the
/// coming January, news about November written in January of the last one.
/// The tense weighs in: a date on the side the sentence does not point to
/// counts as farther (twice as far; four times against a past-tense verb,
/// so that "opened in March" written in November stays in that year).
fn nearest_year(anchor: NaiveDate, month: u32, day: Option<u32>, tense: Tense) -> i32 {
    nearest(anchor, tense, |year| {
        NaiveDate::from_ymd_opt(year, month, day.unwrap_or(15).min(28))
    })
    .map_or(anchor.year(), |date| date.year())
}

/// Of a yearly date's occurrences in the anchor's year and the years
/// around it, the one nearest the anchor, weighed by tense as
/// [`nearest_year`] explains.
fn nearest(
    anchor: NaiveDate,
    tense: Tense,
    date_in: impl Fn(i32) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    let y = anchor.year();
    [y, y - 1, y + 1]
        .into_iter()
        .filter_map(date_in)
        .min_by_key(|date| {
            let days = (*date - anchor).num_days();
            let (against, weight) = match tense {
                Tense::Future => (days < 0, 2),
                Tense::Past => (days > 0, 4),
                Tense::Unknown => (days > 0, 2),
            };
            if against {
                days.abs() * weight
            } else {
                days.abs()
            }
        })
}

fn resolve_weekday(
    anchor: Option<NaiveDate>,
    weekday: Weekday,
    relation: Relation,
    part: Option<&str>,
    future: bool,
) -> (String, Option<NaiveDate>) {
    let Some(a) = anchor else {
        return (
            with_part(format!("XXXX-WXX-{}", weekday.number_from_monday()), part),
            None,
        );
    };
    let diff = weekday.num_days_from_monday() as i64 - a.weekday().num_days_from_monday() as i64;
    let back = (-diff).rem_euclid(7); // days back to the previous such weekday (0 = today)
    let forward = diff.rem_euclid(7);
    let days = match relation {
        Relation::Last => -(if back == 0 { 7 } else { back }),
        Relation::Next => {
            if forward == 0 {
                7
            } else {
                forward
            }
        }
        Relation::This | Relation::Plain => {
            if future {
                forward
            } else {
                -back
            }
        }
    };
    let date = a + Duration::days(days);
    (with_part(ymd(date), part), Some(date))
}

fn resolve_unit(anchor: Option<NaiveDate>, unit: &str, offset: i64) -> String {
    let Some(a) = anchor else {
        return match unit {
            "W" => "XXXX-WXX".into(),
            "M" => "XXXX-XX".into(),
            "WE" => "XXXX-WXX-WE".into(),
            _ => "XXXX".into(),
        };
    };
    match unit {
        "W" => iso_week(a + Duration::weeks(offset)),
        "WE" => format!("{}-WE", iso_week(a + Duration::weeks(offset))),
        "M" => shifted_month(a, offset),
        "QU" => {
            let total = quarter_count(a) + offset;
            quarter_value(total)
        }
        "DE" => format!("{}", (a.year() as i64 / 10) + offset),
        "CE" => format!("{}", (a.year() as i64 / 100) + offset),
        "D" => ymd(a + Duration::days(offset)),
        _ => format!("{}", a.year() as i64 + offset),
    }
}

/// A date `count` units before (sign -1) or after (sign 1) `base`, written
/// at the granularity of the unit.
/// A month ("2023-03") or year ("2022") value before the anchor's month.
fn is_past_month_or_year(value: &str, anchor: Option<NaiveDate>) -> bool {
    let Some(a) = anchor else {
        return false;
    };
    fn digits(part: Option<&str>) -> Option<&str> {
        part.filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
    }
    let year: Option<i32> = digits(value.get(0..4)).and_then(|y| y.parse().ok());
    let Some(year) = year else {
        return false;
    };
    match value.len() {
        4 => year < a.year(),
        7 if value.as_bytes()[4] == b'-' => digits(value.get(5..7))
            .and_then(|m| m.parse::<u32>().ok())
            .is_some_and(|month| (year, month) < (a.year(), a.month())),
        _ => false,
    }
}

fn resolve_shift(
    base: Option<NaiveDate>,
    count: Count,
    unit: &str,
    sign: i64,
) -> (String, Option<NaiveDate>) {
    let Some(base) = base else {
        return (
            match unit {
                "D" => "XXXX-XX-XX".into(),
                "W" => "XXXX-WXX".into(),
                "M" => "XXXX-XX".into(),
                _ => {
                    if sign < 0 {
                        "PAST_REF".into()
                    } else {
                        "FUTURE_REF".into()
                    }
                }
            },
            None,
        );
    };
    let Some(n) = count.exact() else {
        return (
            if sign < 0 {
                "PAST_REF".into()
            } else if sign > 0 {
                "FUTURE_REF".into()
            } else {
                ymd(base)
            },
            None,
        );
    };
    let n = n as i64 * sign;
    match unit {
        "D" => {
            let d = base + Duration::days(n);
            (ymd(d), Some(d))
        }
        "W" => (iso_week(base + Duration::weeks(n)), None),
        "M" => (shifted_month(base, n), None),
        "Y" => (format!("{}", base.year() as i64 + n), None),
        "DE" => (format!("{}", base.year() as i64 + 10 * n), None),
        "QU" => {
            let total = quarter_count(base) + n;
            (quarter_value(total), None)
        }
        "H" | "MIN" | "S" => (ymd(base), None),
        _ => (format!("{}", base.year() as i64 + n), None),
    }
}
