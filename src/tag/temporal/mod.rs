//! Temporal expressions: dates, times, durations and sets, with TIMEX3 values.
//!
//! Rules are regular expressions assembled at start-up from the words in
//! `gazetteers/temporal.tsv` (months, weekdays, units, seasons, parts of day,
//! reference words, set words) and `gazetteers/numbers.tsv`. Each rule
//! proposes a candidate span and a [`Spec`]: what the value depends on.
//! Values are resolved afterwards, in document order, against
//!
//! - the document's publication date (the *anchor*) for deictic expressions
//!   ("yesterday", "last week", "on 25th October"),
//! - the most recent day-precise date of the text (the *narrative anchor*)
//!   for anaphoric ones ("two days later", "the next day"),
//! - the tense of the sentence for expressions whose direction is open
//!   ("on Monday", a year-less date after the anchor): news reports the past,
//!   so they resolve backwards unless the sentence speaks of the future.
//!
//! Spans follow the TimeML conventions: prepositions ("on", "in") and the
//! article before a day ("the 12th October") are outside; modifiers that
//! change the value ("early", "mid-", "last", "the past", "up to") are inside.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::{Captures, Regex};

use super::numbers::{Count, NumberWords};
use super::{Mention, MentionKind};
use crate::document::ByteSpan;
use crate::error::BuildError;
use crate::gazetteer::{capitalise, compile_rule_within, Gazetteers, Lexicon};

/// What a candidate's value depends on.
#[derive(Clone, Debug, PartialEq)]
enum Spec {
    /// Fully known from the text.
    Fixed(String),
    /// A calendar date, possibly without a year; `day` None means a month.
    Calendar {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
        modifier: Option<&'static str>,
    },
    /// A weekday, possibly qualified; `part` is a part-of-day code.
    Weekday {
        weekday: Weekday,
        relation: Relation,
        part: Option<String>,
    },
    /// "today", "yesterday" (days from the anchor), with an optional part of day.
    DayOffset { days: i64, part: Option<String> },
    /// "this week", "last month", "next year": `offset` units from the anchor.
    AnchorUnit { unit: String, offset: i64 },
    /// "two years ago", counted back from the anchor.
    Ago { count: Count, unit: String },
    /// "two days later", "the next day": from the narrative anchor.
    Narrative {
        count: Count,
        unit: String,
        sign: i64,
    },
    /// "summer 2016", "last winter".
    Season {
        season: String,
        year: Option<i32>,
        offset: i64,
    },
    /// "the third quarter (of 2016)".
    /// `year_shift` years from the anchor's when no year is given ("the
    /// year-ago third quarter").
    Quarter {
        quarter: u32,
        year: Option<i32>,
        year_shift: i32,
    },
    /// "the quarter", "the latest period", "the year-ago quarter" in a
    /// financial report: `offset` quarters from the quarter the report is
    /// about (the last one named, else the last one ended before the anchor).
    ReportedQuarter { offset: i64 },
    /// "Christmas", "Thanksgiving Day", "last Easter", "Election Day 1998".
    Holiday {
        rule: HolidayRule,
        year: Option<i32>,
        relation: Relation,
    },
    /// "the first half of 2013": a half year, of the anchor's year
    /// (shifted by `offset`) when no year is given.
    HalfYear {
        half: u32,
        year: Option<i32>,
        offset: i64,
    },
    /// "the week": a week of the anchor's year (`1989-WXX`).
    SomeWeek,
    /// "the weekend": the last one, or the next one in a sentence about the
    /// future.
    Weekend,
    /// "10 p.m. Wednesday", "noon Thursday": a clock time on a day that is
    /// resolved as its own expression would be.
    AtClock {
        hour: u32,
        minute: u32,
        day: Box<Spec>,
    },
    /// "mid-afternoon yesterday": a part of day on a day resolved as its
    /// own expression would be.
    PartOn { part: String, day: Box<Spec> },
    /// "mid-afternoon", "overnight": a part of day; the date comes from the
    /// sentence or the anchor, as for a clock time.
    DayPart { part: String },
    /// A clock time; the date comes from the sentence or the anchor.
    Clock { hour: u32, minute: u32 },
}

/// How to find a holiday's date in a given year (see `gazetteers/temporal.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HolidayRule {
    Fixed {
        month: u32,
        day: u32,
    },
    /// Days from Western Easter Sunday.
    Easter {
        days: i64,
    },
    /// The `nth` `weekday` of `month` (-1: the last), then `shift` days.
    NthWeekday {
        month: u32,
        weekday: Weekday,
        nth: i32,
        shift: i64,
    },
}

impl HolidayRule {
    fn parse(canonical: &str) -> Option<HolidayRule> {
        if let Some(rest) = canonical.strip_prefix("easter") {
            let days = if rest.is_empty() {
                0
            } else {
                rest.parse().ok()?
            };
            return Some(HolidayRule::Easter { days });
        }
        let parts: Vec<&str> = canonical.split('/').collect();
        match parts.as_slice() {
            [fixed] => {
                let (month, day) = fixed.split_once('-')?;
                Some(HolidayRule::Fixed {
                    month: month.parse().ok()?,
                    day: day.parse().ok()?,
                })
            }
            [month, weekday, nth] => {
                let (nth, shift) = match nth.split_once('+') {
                    Some((n, d)) => (n.parse().ok()?, d.parse().ok()?),
                    None => (nth.parse().ok()?, 0),
                };
                Some(HolidayRule::NthWeekday {
                    month: month.parse().ok()?,
                    weekday: weekday.parse().ok()?,
                    nth,
                    shift,
                })
            }
            _ => None,
        }
    }

    /// The holiday's date in `year`.
    fn date_in(self, year: i32) -> Option<NaiveDate> {
        match self {
            HolidayRule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            HolidayRule::Easter { days } => Some(easter_sunday(year)? + Duration::days(days)),
            HolidayRule::NthWeekday {
                month,
                weekday,
                nth,
                shift,
            } => {
                let date = if nth > 0 {
                    NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth as u8)?
                } else {
                    // The last one: step back from the last day of the month.
                    let next_month = if month == 12 {
                        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
                    } else {
                        NaiveDate::from_ymd_opt(year, month + 1, 1)?
                    };
                    let last = next_month.pred_opt()?;
                    let back = (last.weekday().num_days_from_monday() + 7
                        - weekday.num_days_from_monday())
                        % 7;
                    last - Duration::days(back as i64)
                };
                Some(date + Duration::days(shift))
            }
        }
    }
}

/// Western Easter Sunday (the Gregorian computus: the first Sunday after
/// the ecclesiastical full moon on or after 21 March).
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Relation {
    Plain,
    Last,
    Next,
    This,
}

#[derive(Clone, Debug)]
struct Candidate {
    span: ByteSpan,
    kind: MentionKind,
    rule: &'static str,
    spec: Spec,
    modifier: Option<&'static str>,
}

type Handler = fn(&TemporalTagger, &Captures, &str) -> Option<Candidate>;

struct Rule {
    regex: Regex,
    handler: Handler,
    /// The cue classes of which a sentence must contain one for the rule to
    /// be tried there.
    cues: u32,
}

/// Cue classes: cheap evidence that a sentence may hold an expression of a
/// rule. A rule runs only on sentences with one of its cues, so most
/// sentences meet only a few of the rules.
mod cue {
    pub const DIGIT: u32 = 1;
    pub const MONTH: u32 = 1 << 1;
    pub const WEEKDAY: u32 = 1 << 2;
    pub const DAY_OFFSET: u32 = 1 << 3;
    pub const PART_OF_DAY: u32 = 1 << 4;
    pub const UNIT: u32 = 1 << 5;
    pub const SEASON: u32 = 1 << 6;
    pub const AGO: u32 = 1 << 7;
    pub const QUARTER: u32 = 1 << 8;
    pub const REFERENCE: u32 = 1 << 9;
    pub const SET: u32 = 1 << 10;
    pub const HOLIDAY: u32 = 1 << 11;
    pub const SPOKEN_YEAR: u32 = 1 << 12;
}

/// The date and time tagger. Build once; tagging is read-only.
pub struct TemporalTagger {
    rules: Vec<Rule>,
    months: Lexicon<u32>,
    /// Month names that are also ordinary words (`ambiguous=1` in
    /// temporal.tsv: "May", "March").
    ambiguous_months: Lexicon<()>,
    weekdays: Lexicon<u32>,
    /// "about", "more than": the TIMEX3 `mod` each gives, and whether the
    /// word stays outside the span.
    approximators: Lexicon<(Option<&'static str>, bool)>,
    /// Finds the words of a sentence that compares figures ("$", "a share").
    figure_words: aho_corasick::AhoCorasick,
    /// Holidays and how to find their date.
    holidays: Lexicon<HolidayRule>,
    /// "the nineties": the decade digit.
    decade_words: Lexicon<u32>,
    /// "EST", "GMT", "local time", lower-cased.
    time_zones: Vec<String>,
    /// "latest", "year-ago": quarters from the reported quarter.
    period_words: Lexicon<i64>,
    /// Month and weekday abbreviations ("Jan", "Sun"), without their period:
    /// alone, they count only with the period ("Jan." but not "Jan Smith",
    /// "Sun." but not "the Sun").
    abbreviations: Vec<String>,
    units: Lexicon<String>,
    seasons: Lexicon<String>,
    parts_of_day: Lexicon<String>,
    day_offsets: Lexicon<i64>,
    references: Lexicon<String>,
    sets: Lexicon<String>,
    quarter_words: Lexicon<u32>,
    numbers: NumberWords,
    future_cue: Regex,
    /// Words that make the next word a noun ("the will of the people" is
    /// no future): event_cues.tsv, kind `determiner`.
    determiners: Lexicon<()>,
    /// A past-tense verb other than a reporting one ("was", "were", "had",
    /// "-ed" forms, common irregular pasts; not "said", which dates the
    /// report, not the event).
    past_cue: Regex,
    cue_words: aho_corasick::AhoCorasick,
    cue_classes: Vec<u32>,
    /// Per cue pattern, the classes that only capitalised surfaces give
    /// ("May" is a month, "may" is not): dropped where the word is written
    /// in lower case.
    cue_capitalised: Vec<u32>,
}

/// What the resolution of one document's expressions needs to know.
pub struct TemporalContext<'a> {
    pub text: &'a str,
    pub sentences: &'a [ByteSpan],
    pub anchor: Option<NaiveDate>,
}

/// ASCII word boundary: cheap for the DFA on any input. Where the temporal
/// or number lists hold a word of another script, the rules are compiled
/// in Unicode mode instead (see [`compile`]).
const B: &str = r"(?-u:\b)";

fn alternation<'e>(surfaces: impl Iterator<Item = &'e str>) -> String {
    let mut words: Vec<String> = surfaces
        .map(|s| regex::escape(s.trim_end_matches('.')).replace(' ', r"\s+"))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    words.join("|")
}

impl TemporalTagger {
    pub fn new(gazetteers: &Gazetteers) -> Result<TemporalTagger, BuildError> {
        TemporalTagger::within(gazetteers, crate::gazetteer::RULE_SIZE_LIMIT)
    }

    /// Builds the tagger with rules of at most `size_limit` bytes each.
    fn within(gazetteers: &Gazetteers, size_limit: usize) -> Result<TemporalTagger, BuildError> {
        let kind = |k: &'static str| gazetteers.kind("temporal", k);
        let unicode = gazetteers
            .list("temporal")
            .iter()
            .chain(gazetteers.list("numbers"))
            .any(|e| !e.surface.is_ascii());
        let ambiguous_months = Lexicon::new(
            kind("month")
                .filter(|e| e.flag("ambiguous"))
                .map(|e| (e.surface.trim_end_matches('.'), ())),
        );
        let parse_u32 = |s: &str| s.parse::<u32>().unwrap_or(0);
        let months = Lexicon::new(
            kind("month").map(|e| (e.surface.trim_end_matches('.'), parse_u32(&e.canonical))),
        );
        let weekdays = Lexicon::new(
            kind("weekday").map(|e| (e.surface.trim_end_matches('.'), parse_u32(&e.canonical))),
        );
        let units = Lexicon::new(kind("unit").map(|e| (e.surface.as_str(), e.canonical.clone())));
        let seasons =
            Lexicon::new(kind("season").map(|e| (e.surface.as_str(), e.canonical.clone())));
        let parts_of_day =
            Lexicon::new(kind("part_of_day").map(|e| (e.surface.as_str(), e.canonical.clone())));
        let day_offsets = Lexicon::new(
            kind("day_offset").map(|e| (e.surface.as_str(), e.canonical.parse().unwrap_or(0))),
        );
        let references =
            Lexicon::new(kind("reference").map(|e| (e.surface.as_str(), e.canonical.clone())));
        let sets = Lexicon::new(kind("set").map(|e| (e.surface.as_str(), e.canonical.clone())));
        let quarter_words = Lexicon::new(
            kind("quarter_word").map(|e| (e.surface.as_str(), parse_u32(&e.canonical))),
        );
        let numbers = NumberWords::new(gazetteers);
        let approximators = Lexicon::new(kind("approximator").map(|e| {
            let outside = e.attr("span") == Some("outside");
            (e.surface.as_str(), (mod_code(&e.canonical), outside))
        }));
        let period_words = Lexicon::new(
            kind("period_word").map(|e| (e.surface.as_str(), e.canonical.parse().unwrap_or(0))),
        );
        let period_word =
            alternation(kind("period_word").map(|e| e.surface.as_str())).replace(r"\-", "[- ]");
        let figure_words = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(kind("figure_word").map(|e| e.surface.as_str()))
            .map_err(|e| {
                let count = kind("figure_word").count();
                BuildError::automaton("the figure words", "temporal.tsv", count, &e)
            })?;
        let holidays = Lexicon::new(
            kind("holiday")
                .filter_map(|e| Some((e.surface.as_str(), HolidayRule::parse(&e.canonical)?))),
        );
        let holiday = alternation(kind("holiday").map(|e| e.surface.as_str()));
        let decade_words = Lexicon::new(
            kind("decade_word").map(|e| (e.surface.as_str(), parse_u32(&e.canonical))),
        );
        let decade_word = alternation(kind("decade_word").map(|e| e.surface.as_str()));
        let below_hundred = numbers.below_hundred_pattern().to_string();
        let mut time_zones: Vec<String> = kind("time_zone")
            .map(|e| e.surface.to_lowercase())
            .collect();
        time_zones.sort();
        let mut abbreviations: Vec<String> = kind("month")
            .chain(kind("weekday"))
            .filter(|e| e.flag("abbr"))
            .map(|e| e.surface.trim_end_matches('.').to_lowercase())
            .collect();
        abbreviations.sort();
        abbreviations.dedup();

        // Abbreviations may carry a period ("Oct."); full names never take
        // the sentence's period with them.
        let words = |k: &'static str, abbr: bool| {
            alternation(
                kind(k)
                    .filter(move |e| e.flag("abbr") == abbr)
                    .map(|e| e.surface.as_str()),
            )
        };
        let mon = format!(
            "(?:(?:{}){B}|(?:{}){B}\\.?)",
            words("month", false),
            words("month", true)
        );
        let wd = format!(
            "(?:(?:{}){B}|(?:{}){B}\\.?)",
            words("weekday", false),
            words("weekday", true)
        );
        let wd_full = words("weekday", false);
        let unit = alternation(kind("unit").map(|e| e.surface.as_str()));
        let season = alternation(kind("season").map(|e| e.surface.as_str()));
        let pod = alternation(kind("part_of_day").map(|e| e.surface.as_str()));
        let day_offset = alternation(kind("day_offset").map(|e| e.surface.as_str()));
        let reference = alternation(kind("reference").map(|e| e.surface.as_str()));
        let set_words = alternation(kind("set").map(|e| e.surface.as_str()));
        let quarter = alternation(kind("quarter_word").map(|e| e.surface.as_str()));
        let num = format!("(?:{}|an?)", numbers.pattern());
        let ord = numbers.ordinal_pattern().to_string();
        let approx = format!(
            "(?:{})",
            alternation(kind("approximator").map(|e| e.surface.as_str()))
        );

        let specs: Vec<(String, Handler, u32)> = vec![
            (
                format!(
                    r"{B}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?:T(?P<H>\d{{2}}):(?P<M>\d{{2}}))?{B}"
                ),
                TemporalTagger::iso,
                cue::DIGIT,
            ),
            (
                format!(
                    r"{B}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}}){B}|{B}(?P<a2>\d{{1,2}})\.(?P<b2>\d{{1,2}})\.(?P<y2>\d{{4}}){B}"
                ),
                TemporalTagger::numeric,
                cue::DIGIT,
            ),
            (
                format!(
                    r"(?i)(?:{B}(?P<wd>{wd}),?\s+)?{B}(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?|(?P<dw>{ord}))(?:\s+of)?\s+(?P<mon>{mon})(?:\s?,?\s+(?P<y>\d{{4}}){B})?"
                ),
                TemporalTagger::day_month,
                cue::MONTH,
            ),
            (
                format!(
                    r"(?i)(?:{B}(?P<wd>{wd}),?\s+)?{B}(?P<mon>{mon})\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{B}(?:\s?,?\s+(?P<y>\d{{4}}){B})?"
                ),
                TemporalTagger::month_day,
                cue::MONTH,
            ),
            (
                format!(
                    r"(?i){B}(?:(?P<mod>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[- ]?\s*|(?P<rel>last|next|this|that)\s+)?(?P<mon>{mon})(?:,?\s+(?:of\s+)?(?P<y>\d{{4}}){B})?"
                ),
                TemporalTagger::month_year,
                cue::MONTH,
            ),
            (
                format!(
                    r"(?i){B}(?:(?P<mod>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|fiscal|calendar)[- ]?\s*)?(?P<y>(?:1[89]|20)\d{{2}}){B}"
                ),
                TemporalTagger::year,
                cue::DIGIT,
            ),
            (
                format!(
                    r"(?i){B}(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?:(?P<dec>(?:1[89]|20)\d)0s{B}|'(?P<d2>\d)0s{B})"
                ),
                TemporalTagger::decade,
                cue::DIGIT,
            ),
            (
                format!(r"(?i){B}the\s+(?:(?P<mod>early|mid|late)[- ])?(?P<dw>{decade_word}){B}"),
                TemporalTagger::decade_word,
                cue::UNIT,
            ),
            (
                format!(
                    r"(?i){B}(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<nw>{ord}))[- ]century{B}"
                ),
                TemporalTagger::century,
                cue::UNIT,
            ),
            (
                format!(
                    r"(?i){B}(?:(?:the\s+year\s+)?(?P<hi>eighteen|nineteen)[\s-]+(?P<lo>{below_hundred}|hundred)|the\s+year\s+two\s+thousand(?:\s+and)?(?:[\s-]+(?P<lo2>{below_hundred}))?){B}"
                ),
                TemporalTagger::spoken_year,
                cue::SPOKEN_YEAR,
            ),
            (
                format!(
                    r"(?:{B}(?P<rel>last|next|this)\s+)?{B}(?P<h>{holiday}){B}(?:,?\s+(?P<y>\d{{4}}){B})?"
                ),
                TemporalTagger::holiday,
                cue::HOLIDAY,
            ),
            (
                format!(
                    r"(?i){B}(?:(?P<rel>last|next|this|that|coming|past)\s+)?(?P<wd>{wd})(?:\s+(?P<pod>{pod}){B})?"
                ),
                TemporalTagger::weekday,
                cue::WEEKDAY,
            ),
            (
                format!(
                    r"(?i){B}(?:(?P<dmod>early|late|earlier|later)\s+)?(?P<off>{day_offset}){B}(?:\s+(?P<pod>{pod}){B})?|{B}(?P<rel>this|last|yesterday|tomorrow)\s+(?P<pod2>morning|afternoon|evening|night){B}"
                ),
                TemporalTagger::day_offset,
                cue::DAY_OFFSET | cue::PART_OF_DAY,
            ),
            (
                format!(
                    r"(?i){B}(?P<mod>earlier|later|early|late)?\s*{B}(?P<rel>this|last|next|the\s+past|the\s+coming|the\s+previous|the\s+following|the\s+current|the\s+same|the\s+next|the\s+last|(?:by\s+)?the\s+(?:end|start|beginning|middle)\s+of\s+(?:the|this|last|next))\s+(?P<unit>week|month|year|quarter|decade|century|weekend|{season}){B}"
                ),
                TemporalTagger::anchor_unit,
                cue::UNIT | cue::SEASON,
            ),
            (
                format!(
                    r"(?i){B}(?:(?P<mod>{approx})\s+)?(?P<n>{num})\s+(?P<unit>{unit}){B}\s+ago{B}"
                ),
                TemporalTagger::ago,
                cue::AGO,
            ),
            (
                format!(
                    r"(?i){B}(?:(?P<n>{num})\s+(?P<unit>{unit}){B}\s+(?P<dir>later|earlier|afterwards){B}|the\s+(?P<rel>next|following|previous|preceding)\s+(?P<unit2>day|week|month|year|morning|evening|night|afternoon){B}|the\s+(?P<unit3>day|week|month|year)\s+(?P<dir3>before|after){B}|(?P<mod4>earlier|later)?\s*{B}(?P<that>that(?:\s+same)?|the\s+same)\s+(?P<unit4>day|morning|afternoon|evening|night|week|month|year){B})"
                ),
                TemporalTagger::narrative,
                cue::UNIT | cue::PART_OF_DAY,
            ),
            (
                format!(
                    r"(?i){B}(?:(?P<rel>this\s+past|this|last|next|early|late|mid)[- ]\s*)?(?P<season>{season}){B}(?:\s+(?:of\s+)?(?P<y>\d{{4}}){B})?"
                ),
                TemporalTagger::season,
                cue::SEASON,
            ),
            (
                format!(
                    r"(?i){B}(?:the\s+)?(?:(?P<y0>(?:1[89]|20)\d\d)\s+)?(?:(?P<pw>{period_word})\s+)?(?:fiscal[\s-]+)?(?P<q>{quarter})[- ]quarter(?:\s+of\s+(?P<y>\d{{4}}))?{B}|{B}Q(?P<qn>[1-4])(?:\s+(?P<y2>\d{{4}}))?{B}|{B}(?P<y3>\d{{4}})\s+Q(?P<qn3>[1-4]){B}"
                ),
                TemporalTagger::quarter,
                cue::QUARTER | cue::DIGIT,
            ),
            (
                format!(
                    r"(?i){B}the\s+(?:(?P<rel>{period_word})\s+)?(?:fiscal[- ])?(?P<what>quarter|period){B}(?P<ago>\s+a\s+year\s+(?:ago|earlier){B})?"
                ),
                TemporalTagger::reported_quarter,
                cue::QUARTER,
            ),
            (
                format!(
                    r"(?i){B}(?:(?:the\s+)?year[- ]end|year's\s+end|(?P<pos>earlier|later|early|late)\s+in\s+the\s+year|the\s+(?P<fy>full|fiscal|current\s+fiscal)\s+year){B}"
                ),
                TemporalTagger::year_part,
                cue::UNIT,
            ),
            (
                format!(
                    r"(?i){B}(?:the\s+)?(?P<half>first|second|last|latter)\s+half\s+of\s+(?:(?P<y>\d{{4}}){B}|(?P<rel>this|last|next|the)\s+year{B})"
                ),
                TemporalTagger::half_year,
                cue::UNIT | cue::DIGIT,
            ),
            (
                format!(r"(?i){B}the\s+(?P<wk>weekend|week){B}"),
                TemporalTagger::weekend,
                cue::UNIT,
            ),
            (
                format!(r"(?i){B}(?P<ref>{reference}){B}"),
                TemporalTagger::reference,
                cue::REFERENCE,
            ),
            (
                format!(
                    r"(?i){B}(?:(?P<pre>the(?:\s+(?:past|last|next|coming|first|previous|following|final|remaining|same|latest))?|{approx})\s+)?(?P<n>{num})(?P<half>\s+1/2|[\s-]+and[\s-]+a[\s-]+half|½)?(?:\s+(?:more|additional|further|trading|business|working|straight|consecutive))?(?:-\s?|\s)(?P<unit>{unit}){B}(?P<tail>-old|-long|\s+old|\s+or\s+so{B}|(?P<half2>\s+and\s+a\s+half){B})?"
                ),
                TemporalTagger::duration,
                cue::UNIT,
            ),
            (
                format!(
                    r"(?i){B}(?:(?P<h1>half)\s+an?\s+(?P<u1>{unit})|an?\s+(?P<f2>half|quarter)[\s-](?:of\s+an?\s+)?(?P<u2>{unit})){B}"
                ),
                TemporalTagger::fraction_duration,
                cue::UNIT,
            ),
            (
                format!(
                    r"(?i){B}(?:for|within)\s+(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries){B}|{B}(?P<pre>(?:the\s+)?(?:recent|coming|past)|(?-i:the))\s+(?P<unit2>years|months|weeks|days|decades|quarters|centuries){B}(?P<ahead>\s+ahead{B})?|{B}for\s+(?P<vague>some\s+time|a\s+while){B}|{B}(?P<fyu>the\s+(?:fiscal\s+)?year)\s+(?:ended|ending){B}|{B}(?P<unit3>days?|weeks?|months?|years?|decades?|hours?)-long{B}"
                ),
                TemporalTagger::bare_duration,
                cue::UNIT,
            ),
            (
                format!(
                    r"(?i){B}(?P<h>\d{{1,2}})(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am{B}|pm{B})|{B}(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d){B}|{B}(?P<word>noon|midday|midnight){B}|{B}(?P<hw>\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o'clock)?\s+(?:in\s+the\s+(?P<dp>morning|afternoon|evening)|at\s+(?P<night>night)){B}|{B}(?P<pmod>early|late|mid)[- ]?(?P<pod3>morning|afternoon|evening){B}|{B}(?P<overnight>overnight){B}"
                ),
                TemporalTagger::clock,
                cue::DIGIT | cue::PART_OF_DAY,
            ),
            (
                format!(
                    r"(?i){B}(?:every|each)\s+(?:(?P<n>{num}|other)\s+)?(?P<what>{unit}|{wd}|{pod}|{season}|{mon}){B}(?:\s+(?P<podw>{pod}){B})?|{B}(?P<wdp>{wd_full})(?:s(?:\s+(?P<podp>{pod})s?)?|\s+(?P<pods>{pod})s){B}|{B}(?P<freq>once|twice|thrice|{num}\s+times)\s+(?:a|per|each|every)\s+(?P<unit2>day|week|month|year){B}|{B}(?P<word>{set_words}){B}"
                ),
                TemporalTagger::set,
                // "every"/"each", "once"/"times", "daily", or a weekday
                // ("Mondays", "Tuesday nights").
                cue::SET | cue::WEEKDAY,
            ),
        ];
        let count = specs.len();
        let rules = specs
            .into_iter()
            .enumerate()
            .map(|(i, (pattern, handler, cues))| {
                Ok(Rule {
                    regex: compile(&pattern, unicode, (i + 1, count), size_limit, gazetteers)?,
                    handler,
                    cues,
                })
            })
            .collect::<Result<Vec<Rule>, BuildError>>()?;
        let mut cue_patterns: Vec<String> = Vec::new();
        let mut cue_index: rustc_hash::FxHashMap<String, usize> = Default::default();
        let mut cue_classes: Vec<u32> = Vec::new();
        // Per pattern: the classes given by capitalised surfaces, and by
        // lower-case ones.
        let mut capitalised_classes: Vec<u32> = Vec::new();
        let mut lower_classes: Vec<u32> = Vec::new();
        let mut add_cue = |surface: &str, class: u32| {
            let surface = surface.trim_end_matches('.');
            let capitalised = surface.starts_with(char::is_uppercase);
            let lower = surface.to_lowercase();
            // The automaton folds ASCII case only: a word of another script
            // goes in lower case, capitalised and upper case.
            let mut forms = vec![lower.to_ascii_lowercase()];
            if !surface.is_ascii() {
                forms.extend([lower.clone(), capitalise(&lower), lower.to_uppercase()]);
            }
            for form in forms {
                let i = *cue_index.entry(form.clone()).or_insert_with(|| {
                    cue_patterns.push(form);
                    cue_classes.push(0);
                    capitalised_classes.push(0);
                    lower_classes.push(0);
                    cue_patterns.len() - 1
                });
                cue_classes[i] |= class;
                if capitalised {
                    capitalised_classes[i] |= class;
                } else {
                    lower_classes[i] |= class;
                }
            }
        };
        for (k, class) in [
            ("month", cue::MONTH),
            ("weekday", cue::WEEKDAY),
            ("day_offset", cue::DAY_OFFSET),
            ("part_of_day", cue::PART_OF_DAY),
            ("unit", cue::UNIT),
            ("season", cue::SEASON),
            ("reference", cue::REFERENCE),
            ("set", cue::SET),
        ] {
            for e in kind(k) {
                add_cue(&e.surface, class);
            }
        }
        add_cue("ago", cue::AGO);
        add_cue("quarter", cue::QUARTER);
        for e in kind("holiday") {
            add_cue(&e.surface, cue::HOLIDAY);
        }
        for e in kind("decade_word") {
            add_cue(&e.surface, cue::UNIT);
        }
        for w in ["eighteen", "nineteen", "thousand"] {
            add_cue(w, cue::SPOKEN_YEAR);
        }
        add_cue("period", cue::QUARTER);
        for w in ["every", "each", "times", "once", "twice", "thrice"] {
            add_cue(w, cue::SET);
        }
        let cue_words = aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&cue_patterns)
            .or_else(|_| {
                aho_corasick::AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .build(&cue_patterns)
            })
            .map_err(|e| {
                BuildError::automaton(
                    "the temporal cue words",
                    "temporal.tsv",
                    cue_patterns.len(),
                    &e,
                )
            })?;
        let cue_capitalised = capitalised_classes
            .iter()
            .zip(&lower_classes)
            .map(|(cap, lower)| cap & !lower)
            .collect();
        Ok(TemporalTagger {
            rules,
            months,
            ambiguous_months,
            cue_capitalised,
            weekdays,
            approximators,
            holidays,
            decade_words,
            figure_words,
            time_zones,
            period_words,
            abbreviations,
            units,
            seasons,
            parts_of_day,
            day_offsets,
            references,
            sets,
            quarter_words,
            numbers,
            cue_words,
            cue_classes,
            determiners: Lexicon::of_entries(gazetteers.kind("event_cues", "determiner")),
            past_cue: Regex::new(r"(?i)\b(?:was|were|had|did|[a-z]{3,}ed|brought|began|came|went|took|made|gave|held|left|met|saw|spoke|wrote|found|won|lost|fell|rose|sent|paid|sold|bought|led|fled|struck|broke|became|chose|drove|ran|told|thought|felt|kept|stood|fought|sought|caught|taught|threw|grew|knew|flew|drew|ate|beat|hid|shot|slept)\b")
                .expect("past cue regex compiles"),
            future_cue: Regex::new(r"(?i)\b(?:will|won't|shall|'ll|is\s+to|are\s+to|going\s+to|scheduled|set\s+to|to\s+be\s+held|due\s+to|plans?\s+to|planning\s+to|intends?\s+to|expected\s+to|upcoming)\b")
                .expect("future cue regex compiles"),
        })
    }

    /// The temporal mentions of a text, resolved.
    pub fn tag(&self, ctx: &TemporalContext) -> Vec<Mention> {
        let text = ctx.text;
        // The cue classes present in each sentence.
        let mut masks = vec![0u32; ctx.sentences.len()];
        for m in self.cue_words.find_overlapping_iter(text) {
            let at = ctx.sentences.partition_point(|s| s.end <= m.start());
            let pattern = m.pattern().as_usize();
            let mut class = self.cue_classes[pattern];
            // The case rule of the gazetteers: a word the lists write
            // capitalised ("May", "March") is no cue in lower case ("may",
            // "march": a verb and a noun); one they write in lower case
            // ("мая") is a cue in any case.
            if text[m.start()..].starts_with(char::is_lowercase) {
                class &= !self.cue_capitalised[pattern];
            }
            if let Some(mask) = masks.get_mut(at) {
                *mask |= class;
            }
        }
        for (mask, sentence) in masks.iter_mut().zip(ctx.sentences) {
            if sentence.slice(text).bytes().any(|b| b.is_ascii_digit()) {
                *mask |= cue::DIGIT;
            }
        }
        let mut candidates = Vec::new();
        // A rule runs only where its cue words are (a regex set over all
        // rules first was measured slower: its lazy DFA keeps growing).
        for rule in &self.rules {
            for (sentence, mask) in ctx.sentences.iter().zip(&masks) {
                if mask & rule.cues == 0 {
                    continue;
                }
                // The haystack ends with the sentence, so that no match runs
                // past it; it starts with the text, so offsets stay absolute.
                let haystack = &text[..sentence.end];
                let mut at = sentence.start;
                while at < sentence.end {
                    let Some(caps) = rule.regex.captures_at(haystack, at) else {
                        break;
                    };
                    let m = caps.get(0).expect("group 0 always exists");
                    at = if m.end() > m.start() {
                        m.end()
                    } else {
                        m.end() + 1
                    };
                    while at < haystack.len() && !haystack.is_char_boundary(at) {
                        at += 1;
                    }
                    if let Some(candidate) = (rule.handler)(self, &caps, haystack) {
                        if !candidate.span.is_empty() {
                            candidates.push(candidate);
                        }
                    }
                }
            }
        }
        let candidates = self.join_compounds(text, ctx.anchor, keep_longest(candidates));
        self.resolve(ctx, candidates)
    }

    // --- rules -----------------------------------------------------------

    fn iso(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let year: i32 = caps["y"].parse().ok()?;
        let month: u32 = caps["m"].parse().ok()?;
        let day: u32 = caps["d"].parse().ok()?;
        NaiveDate::from_ymd_opt(year, month, day)?;
        let span = whole(caps);
        match (caps.name("H"), caps.name("M")) {
            (Some(h), Some(m)) => Some(fixed(
                span,
                MentionKind::Time,
                "time.iso",
                format!(
                    "{year:04}-{month:02}-{day:02}T{}:{}",
                    h.as_str(),
                    m.as_str()
                ),
            )),
            _ => Some(fixed(
                span,
                MentionKind::Date,
                "date.iso",
                format!("{year:04}-{month:02}-{day:02}"),
            )),
        }
    }

    fn numeric(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let (a, b, y) = match (caps.name("a"), caps.name("b"), caps.name("y")) {
            (Some(a), Some(b), Some(y)) => (a.as_str(), b.as_str(), y.as_str()),
            _ => (
                caps.name("a2")?.as_str(),
                caps.name("b2")?.as_str(),
                caps.name("y2")?.as_str(),
            ),
        };
        let a: u32 = a.parse().ok()?;
        let b: u32 = b.parse().ok()?;
        let mut year: i32 = y.parse().ok()?;
        if y.len() == 2 {
            year += if year < 50 { 2000 } else { 1900 };
        }
        // Day first when the first number cannot be a month; otherwise month
        // first (the convention of the wire services).
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        NaiveDate::from_ymd_opt(year, month, day)?;
        Some(fixed(
            whole(caps),
            MentionKind::Date,
            "date.numeric",
            format!("{year:04}-{month:02}-{day:02}"),
        ))
    }

    fn day_month(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let month = self.month(caps.name("mon")?.as_str())?;
        let day = match (caps.name("d"), caps.name("dw")) {
            (Some(d), _) => d.as_str().parse().ok()?,
            (None, Some(w)) => self.numbers.parse(w.as_str())?.exact()? as u32,
            _ => return None,
        };
        if !(1..=31).contains(&day) {
            return None;
        }
        let year = caps.name("y").and_then(|y| y.as_str().parse().ok());
        if !self.month_word_ok(caps.name("mon")?.as_str(), text, whole(caps).start, true) {
            return None;
        }
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Date,
            rule: if year.is_some() {
                "date.day_month_year"
            } else {
                "date.day_month"
            },
            spec: Spec::Calendar {
                year,
                month,
                day: Some(day),
                modifier: None,
            },
            modifier: None,
        })
    }

    fn month_day(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let month = self.month(caps.name("mon")?.as_str())?;
        let day: u32 = caps["d"].parse().ok()?;
        if !(1..=31).contains(&day) {
            return None;
        }
        if !self.month_word_ok(caps.name("mon")?.as_str(), text, whole(caps).start, true) {
            return None;
        }
        let year = caps.name("y").and_then(|y| y.as_str().parse().ok());
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Date,
            rule: if year.is_some() {
                "date.month_day_year"
            } else {
                "date.month_day"
            },
            spec: Spec::Calendar {
                year,
                month,
                day: Some(day),
                modifier: None,
            },
            modifier: None,
        })
    }

    fn month_year(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let mon = caps.name("mon")?;
        let month = self.month(mon.as_str())?;
        let year: Option<i32> = caps.name("y").and_then(|y| y.as_str().parse().ok());
        let qualified = year.is_some() || caps.name("mod").is_some() || caps.name("rel").is_some();
        if !self.month_word_ok(mon.as_str(), text, mon.start(), qualified)
            || (!qualified && self.bare_abbreviation(mon.as_str(), text, caps))
        {
            return None;
        }
        let modifier = caps.name("mod").and_then(|m| modifier_code(m.as_str()));
        let span = whole(caps);
        if let Some(rel) = caps.name("rel") {
            let rel = rel.as_str().to_lowercase();
            let relation = match rel.as_str() {
                "last" => Relation::Last,
                "next" => Relation::Next,
                _ => Relation::This,
            };
            // "last October": the most recent October before the anchor.
            return Some(Candidate {
                span,
                kind: MentionKind::Date,
                rule: "date.relative_month",
                spec: Spec::Calendar {
                    year: None,
                    month,
                    day: None,
                    modifier: relation_code(relation),
                },
                modifier,
            });
        }
        Some(Candidate {
            span,
            kind: MentionKind::Date,
            rule: if year.is_some() {
                "date.month_year"
            } else {
                "date.month"
            },
            spec: Spec::Calendar {
                year,
                month,
                day: None,
                modifier: None,
            },
            modifier,
        })
    }

    fn year(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let y = caps.name("y")?;
        let span = whole(caps);
        let before = super::before_window(text, y.start());
        if before.ends_with(['$', '£', '€', '#', '№'])
            || before.ends_with("No. ")
            || before.ends_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.')
        {
            return None;
        }
        let after = &text[y.end()..];
        if after.starts_with([',', '.']) && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        if caps.name("mod").is_none() && !year_context(before, after) {
            return None;
        }
        let modifier = caps.name("mod").and_then(|m| {
            let m = m.as_str().to_lowercase();
            (m != "fiscal" && m != "calendar")
                .then(|| modifier_code(&m))
                .flatten()
        });
        Some(Candidate {
            span,
            kind: MentionKind::Date,
            rule: "date.year",
            spec: Spec::Fixed(y.as_str().to_string()),
            modifier,
        })
    }

    fn decade(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let value = match (caps.name("dec"), caps.name("d2")) {
            (Some(d), _) => d.as_str().to_string(),
            (None, Some(d)) => format!("19{}", d.as_str()),
            _ => return None,
        };
        let modifier = caps.name("mod").and_then(|m| modifier_code(m.as_str()));
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Date,
            rule: "date.decade",
            spec: Spec::Fixed(value),
            modifier,
        })
    }

    fn weekday(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let wd = caps.name("wd")?.as_str();
        let weekday = weekday_from(*self.weekdays.get(wd.trim_end_matches('.'))?)?;
        if !wd.starts_with(char::is_uppercase) || self.bare_abbreviation(wd, text, caps) {
            return None;
        }
        let relation = match caps
            .name("rel")
            .map(|r| r.as_str().to_lowercase())
            .as_deref()
        {
            Some("last") | Some("past") => Relation::Last,
            Some("next") | Some("coming") => Relation::Next,
            Some("this") | Some("that") => Relation::This,
            _ => Relation::Plain,
        };
        let part = caps
            .name("pod")
            .and_then(|p| self.parts_of_day.get(p.as_str()).cloned());
        Some(Candidate {
            span: whole(caps),
            kind: if part.is_some() {
                MentionKind::Time
            } else {
                MentionKind::Date
            },
            rule: "date.weekday",
            spec: Spec::Weekday {
                weekday,
                relation,
                part,
            },
            modifier: None,
        })
    }

    fn day_offset(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let span = whole(caps);
        if let Some(off) = caps.name("off") {
            let word = off.as_str();
            let days = *self.day_offsets.get(word)?;
            let mut part = caps
                .name("pod")
                .and_then(|p| self.parts_of_day.get(p.as_str()).cloned());
            if word.eq_ignore_ascii_case("tonight") {
                part = Some("NI".into());
            }
            let kind = if part.is_some() {
                MentionKind::Time
            } else {
                MentionKind::Date
            };
            return Some(Candidate {
                span,
                kind,
                rule: "date.relative_day",
                spec: Spec::DayOffset { days, part },
                // "late yesterday": the end of the day ("earlier today" none).
                modifier: caps.name("dmod").and_then(|m| modifier_code(m.as_str())),
            });
        }
        let rel = caps.name("rel")?.as_str().to_lowercase();
        let part = self.parts_of_day.get(caps.name("pod2")?.as_str()).cloned();
        let days = match rel.as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            "last" => -1,
            _ => 0,
        };
        Some(Candidate {
            span,
            kind: MentionKind::Time,
            rule: "time.part_of_day",
            spec: Spec::DayOffset { days, part },
            modifier: None,
        })
    }

    fn anchor_unit(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let rel = caps.name("rel")?.as_str().to_lowercase();
        let rel = rel.split_whitespace().collect::<Vec<_>>().join(" ");
        let unit_word = caps.name("unit")?.as_str();
        let unit = self
            .units
            .get(unit_word)
            .cloned()
            .or_else(|| self.seasons.get(unit_word).map(|s| format!("season:{s}")))?;
        let mut span = whole(caps);
        let modifier = caps.name("mod").and_then(|m| modifier_code(m.as_str()));
        if caps.name("mod").is_none() {
            span.start = caps.name("rel")?.start();
        }
        if rel.starts_with("by ") {
            span.start = caps.name("rel")?.start() + 3;
        }
        let season = unit.strip_prefix("season:").map(str::to_string);
        let spec = match (rel.as_str(), season) {
            ("the past" | "the last", None) => {
                // "the past year", "the last week": annotators read the
                // previous unit, a date (4 of 4 in TimeBank/AQUAINT).
                return Some(Candidate {
                    span,
                    kind: MentionKind::Date,
                    rule: "date.the_past_unit",
                    spec: Spec::AnchorUnit { unit, offset: -1 },
                    modifier: None,
                });
            }
            ("the past" | "the coming" | "the next" | "the last", _) => {
                // "the coming year": a duration starting now.
                let value = duration_value(Count::Exact(1.0), &unit)?;
                return Some(Candidate {
                    span,
                    kind: MentionKind::Duration,
                    rule: "duration.the_past_unit",
                    spec: Spec::Fixed(value),
                    modifier: None,
                });
            }
            ("the previous" | "the following" | "the same", None) => {
                let sign = match rel.as_str() {
                    "the previous" => -1,
                    "the following" => 1,
                    _ => 0,
                };
                return Some(Candidate {
                    span,
                    kind: MentionKind::Date,
                    rule: "date.narrative_unit",
                    spec: Spec::Narrative {
                        count: Count::Exact(1.0),
                        unit,
                        sign,
                    },
                    modifier,
                });
            }
            (r, Some(season)) => Spec::Season {
                season,
                year: None,
                offset: offset_of(r),
            },
            (r, None)
                if [
                    "the end of",
                    "the start of",
                    "the beginning of",
                    "the middle of",
                ]
                .iter()
                .any(|p| r.trim_start_matches("by ").starts_with(p)) =>
            {
                let offset = if r.ends_with("last") {
                    -1
                } else if r.ends_with("next") {
                    1
                } else {
                    0
                };
                return Some(Candidate {
                    span,
                    kind: MentionKind::Date,
                    rule: "date.part_of_unit",
                    spec: Spec::AnchorUnit { unit, offset },
                    modifier: modifier_code(r.trim_start_matches("by the ")),
                });
            }
            (r, None) => Spec::AnchorUnit {
                unit,
                offset: offset_of(r),
            },
        };
        Some(Candidate {
            span,
            kind: MentionKind::Date,
            rule: "date.anchor_unit",
            spec,
            modifier,
        })
    }

    fn ago(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let count = self.numbers.parse(caps.name("n")?.as_str())?;
        let unit = self.units.get(caps.name("unit")?.as_str())?.clone();
        let (modifier, span) = self.approximated(caps.name("mod"), whole(caps), text);
        Some(Candidate {
            span,
            kind: MentionKind::Date,
            rule: "date.ago",
            spec: Spec::Ago { count, unit },
            modifier,
        })
    }

    fn narrative(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let span = whole(caps);
        let (count, unit, sign, rule) = if let Some(n) = caps.name("n") {
            let count = self.numbers.parse(n.as_str())?;
            let unit = self.units.get(caps.name("unit")?.as_str())?.clone();
            let dir = caps.name("dir")?.as_str().to_lowercase();
            let sign = if dir == "earlier" || dir == "before" {
                -1
            } else {
                1
            };
            (count, unit, sign, "date.narrative_offset")
        } else if let Some(rel) = caps.name("rel") {
            let sign = match rel.as_str().to_lowercase().as_str() {
                "previous" | "preceding" => -1,
                _ => 1,
            };
            let unit_word = caps.name("unit2")?.as_str();
            let unit = self
                .units
                .get(unit_word)
                .cloned()
                .unwrap_or_else(|| "D".into());
            (Count::Exact(1.0), unit, sign, "date.narrative_next")
        } else if let Some(u) = caps.name("unit3") {
            let sign = if caps.name("dir3")?.as_str().eq_ignore_ascii_case("before") {
                -1
            } else {
                1
            };
            (
                Count::Exact(1.0),
                self.units.get(u.as_str())?.clone(),
                sign,
                "date.narrative_next",
            )
        } else {
            let unit_word = caps.name("unit4")?.as_str();
            let unit = self
                .units
                .get(unit_word)
                .cloned()
                .unwrap_or_else(|| "D".into());
            (Count::Exact(0.0), unit, 0, "date.narrative_same")
        };
        Some(Candidate {
            span,
            kind: MentionKind::Date,
            rule,
            spec: Spec::Narrative { count, unit, sign },
            modifier: None,
        })
    }

    fn season(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let season_word = caps.name("season")?;
        let season = self.seasons.get(season_word.as_str())?.clone();
        let year = caps.name("y").and_then(|y| y.as_str().parse().ok());
        let rel = caps.name("rel").map(|r| r.as_str().to_lowercase());
        if year.is_none() && rel.is_none() {
            // A bare season word is a date only after "in", "the", "during",
            // ... ("spring" and "fall" are also verbs).
            let before = super::before_window(text, season_word.start())
                .trim_end()
                .to_lowercase();
            let ok = [
                "in the",
                "in",
                "during the",
                "during",
                "this",
                "the",
                "since",
                "until",
                "by",
            ]
            .iter()
            .any(|w| before.ends_with(&format!(" {w}")) || before == *w);
            if !ok {
                return None;
            }
        }
        let rel = rel.map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "));
        let (offset, modifier) = match rel.as_deref() {
            Some("last") => (-1, None),
            // "this past spring": the last one, in the anchor's year if it
            // has ended, else the year before.
            Some("this past") => (0, None),
            Some("next") => (1, None),
            Some("early") => (0, Some("START")),
            Some("late") => (0, Some("END")),
            Some("mid") => (0, Some("MID")),
            _ => (0, None),
        };
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Date,
            rule: "date.season",
            spec: Spec::Season {
                season,
                year,
                offset,
            },
            modifier,
        })
    }

    fn quarter(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let (quarter, year) = if let Some(q) = caps.name("q") {
            (
                *self.quarter_words.get(q.as_str())?,
                caps.name("y").or(caps.name("y0")),
            )
        } else if let Some(q) = caps.name("qn") {
            (q.as_str().parse().ok()?, caps.name("y2"))
        } else {
            (caps.name("qn3")?.as_str().parse().ok()?, caps.name("y3"))
        };
        // "the year-ago third quarter": that quarter a year before.
        let shift = caps
            .name("pw")
            .and_then(|w| self.period_word(w.as_str()))
            .map_or(0, |quarters| (quarters / 4) as i32);
        let year = year
            .and_then(|y| y.as_str().parse::<i32>().ok())
            .map(|y| y + shift);
        let mut span = whole(caps);
        if let Some(q) = caps.name("q") {
            if text[q.end()..].starts_with('-') && caps.name("pw").is_none() {
                span.start = q.start(); // "the third-quarter loss": an adjective
            }
        }
        Some(Candidate {
            span,
            kind: MentionKind::Date,
            rule: "date.quarter",
            spec: Spec::Quarter {
                quarter,
                year,
                year_shift: if year.is_some() { 0 } else { shift },
            },
            modifier: None,
        })
    }

    fn decade_word(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let digit = self
            .decade_words
            .get(&caps.name("dw")?.as_str().to_lowercase())?;
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Date,
            rule: "date.decade_word",
            spec: Spec::Fixed(format!("19{digit}")),
            modifier: caps.name("mod").and_then(|m| modifier_code(m.as_str())),
        })
    }

    fn century(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let n: u32 = match (caps.name("n"), caps.name("nw")) {
            (Some(n), _) => n.as_str().parse().ok()?,
            (None, Some(w)) => self.numbers.parse(w.as_str())?.exact()? as u32,
            _ => return None,
        };
        if !(1..=30).contains(&n) {
            return None;
        }
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Date,
            rule: "date.century",
            spec: Spec::Fixed(format!("{:02}", n - 1)),
            modifier: caps.name("mod").and_then(|m| modifier_code(m.as_str())),
        })
    }

    fn spoken_year(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let year = if let Some(hi) = caps.name("hi") {
            let hi = self.numbers.parse(hi.as_str())?.exact()? as u32;
            let lo = caps.name("lo")?.as_str();
            let lo = if lo.eq_ignore_ascii_case("hundred") {
                0
            } else {
                let lo = self.numbers.parse(lo)?.exact()? as u32;
                if lo < 10 {
                    return None; // "nineteen five" is no way to say 1905
                }
                lo
            };
            hi * 100 + lo
        } else {
            let lo = match caps.name("lo2") {
                Some(lo) => self.numbers.parse(lo.as_str())?.exact()? as u32,
                None => 0,
            };
            2000 + lo
        };
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Date,
            rule: "date.spoken_year",
            spec: Spec::Fixed(year.to_string()),
            modifier: None,
        })
    }

    fn holiday(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let name = caps.name("h")?;
        if !name.as_str().starts_with(char::is_uppercase) {
            return None;
        }
        let rule = *self.holidays.get(name.as_str()).or_else(|| {
            self.holidays.get(
                &name
                    .as_str()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })?;
        let relation = match caps
            .name("rel")
            .map(|r| r.as_str().to_lowercase())
            .as_deref()
        {
            Some("last") => Relation::Last,
            Some("next") => Relation::Next,
            Some(_) => Relation::This,
            None => Relation::Plain,
        };
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Date,
            rule: "date.holiday",
            spec: Spec::Holiday {
                rule,
                year: caps.name("y").and_then(|y| y.as_str().parse().ok()),
                relation,
            },
            modifier: None,
        })
    }

    /// The quarters a period word counts from the reported quarter
    /// ("year-ago", "year ago" and "year-\nago" alike).
    fn period_word(&self, word: &str) -> Option<i64> {
        let key = word.replace(['-', '\n', '\t'], " ").to_lowercase();
        let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
        self.period_words
            .get(&key)
            .or_else(|| self.period_words.get(&key.replace(' ', "-")))
            .copied()
    }

    fn reported_quarter(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let relation = caps
            .name("rel")
            .map(|r| self.period_word(r.as_str()).unwrap_or(0));
        let is_period = caps
            .name("what")
            .is_some_and(|w| w.as_str().eq_ignore_ascii_case("period"));
        if is_period && relation.is_none() {
            return None; // "the period" alone is no date
        }
        let offset = relation.unwrap_or(0) + if caps.name("ago").is_some() { -4 } else { 0 };
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Date,
            rule: "date.reported_quarter",
            spec: Spec::ReportedQuarter { offset },
            modifier: None,
        })
    }

    /// "year-end", "earlier in the year", "the fiscal year": the anchor's
    /// year (its end, for year-end).
    fn year_part(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let year_end = caps.name("pos").is_none() && caps.name("fy").is_none();
        let modifier = year_end.then_some("END");
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Date,
            rule: "date.year_part",
            spec: Spec::AnchorUnit {
                unit: "Y".into(),
                offset: 0,
            },
            modifier,
        })
    }

    /// "the first half of 2013", "the second half of the year": `2013-H1`.
    fn half_year(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let half = if caps.name("half")?.as_str().eq_ignore_ascii_case("first") {
            1
        } else {
            2
        };
        let year = match (caps.name("y"), caps.name("rel")) {
            (Some(y), _) => Some(y.as_str().parse().ok()?),
            _ => None,
        };
        let offset = caps
            .name("rel")
            .map_or(0, |r| offset_of(&r.as_str().to_lowercase()));
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Date,
            rule: "date.half_year",
            spec: Spec::HalfYear { half, year, offset },
            modifier: None,
        })
    }

    /// "the weekend" (resolved by tense); "the week" (some week of the
    /// anchor's year: which one, the text rarely says).
    fn weekend(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let weekend = caps.name("wk")?.as_str().eq_ignore_ascii_case("weekend");
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Date,
            rule: if weekend {
                "date.the_weekend"
            } else {
                "date.the_week"
            },
            spec: if weekend {
                Spec::Weekend
            } else {
                Spec::SomeWeek
            },
            modifier: None,
        })
    }

    fn reference(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let word = caps.name("ref")?.as_str();
        let value = self.references.get(&word.to_lowercase())?.clone();
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Date,
            rule: "date.reference",
            spec: Spec::Fixed(value),
            modifier: None,
        })
    }

    fn duration(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        if caps
            .name("tail")
            .is_some_and(|t| t.as_str().to_lowercase().contains("old"))
        {
            return None; // an age, not a duration
        }
        let n = caps.name("n")?;
        let count = self.numbers.parse(n.as_str())?;
        let unit = self.units.get(caps.name("unit")?.as_str())?.clone();
        let after = super::after_window(text, caps.get(0).map_or(n.end(), |m| m.end()));
        if unit == "QU" && is_fraction_of(after) {
            return None; // "three-quarters of its food": a fraction
        }
        let article = n.as_str().eq_ignore_ascii_case("a") || n.as_str().eq_ignore_ascii_case("an");
        let unit_word = caps.name("unit").map_or("", |u| u.as_str());
        if unit == "S"
            && unit_word.eq_ignore_ascii_case("second")
            && after.starts_with(' ')
            && after[1..].starts_with(char::is_lowercase)
        {
            return None; // "a second group", "the 1988 second quarter": an ordinal
        }
        if unit_word.starts_with(char::is_uppercase) && !n.as_str().starts_with(char::is_uppercase)
        {
            return None; // "CBS's 60 Minutes": a title
        }
        if article && caps.name("pre").is_none() && is_rate(super::before_window(text, n.start())) {
            return None; // "four flights a week", "$2 million a year": a rate
        }
        // "a week or so": about a week, as annotators keep it in the span.
        let mut value = duration_value(count, &unit)?;
        // "8 1/2 years", "four and a half months".
        if caps.name("half").is_some() || caps.name("half2").is_some() {
            let half = match unit.as_str() {
                "Y" => "6M",
                "M" => "15D",
                "D" => "T12H",
                "H" => "30M",
                _ => "",
            };
            if !half.is_empty() && !value.contains('X') {
                value.push_str(half);
            }
        }
        let mut span = whole(caps);
        // "a two-week-long strike": "-long" belongs to the expression, an
        // age's "-old" was rejected above.
        if let Some(tail) = caps.name("tail") {
            if tail.as_str().contains("old") {
                span.end = tail.start();
            } else if article && tail.as_str() == "-long" {
                // "a week-long strike": the article is the strike's.
                span.start = caps.name("unit").map_or(span.start, |u| u.start());
            }
        }
        let pre = caps.name("pre");
        let (modifier, span) = match pre {
            // "the nine months" keeps its article, "the 30-day period" does
            // not: there the duration is an adjective.
            Some(the) if the.as_str().eq_ignore_ascii_case("the") => {
                let hyphenated = caps
                    .name("unit")
                    .is_some_and(|u| text[..u.start()].ends_with('-'));
                let start = if hyphenated { n.start() } else { span.start };
                (None, ByteSpan::new(start, span.end))
            }
            Some(p) if p.as_str().to_lowercase().starts_with("the ") => (None, span),
            _ => self.approximated(pre, span, text),
        };
        let kind = MentionKind::Duration;
        Some(Candidate {
            span,
            kind,
            rule: "duration.count_unit",
            spec: Spec::Fixed(value),
            modifier,
        })
    }

    /// "half a century", "a half-century", "a quarter of a century".
    fn fraction_duration(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let (fraction, unit) = match (caps.name("u1"), caps.name("f2"), caps.name("u2")) {
            (Some(unit), _, _) => (0.5, unit),
            (None, Some(f), Some(unit)) if f.as_str().eq_ignore_ascii_case("half") => (0.5, unit),
            (None, Some(_), Some(unit)) => (0.25, unit),
            _ => return None,
        };
        let unit = self.units.get(unit.as_str())?;
        // In the next smaller unit, so that the count stays whole.
        let (smaller, per) = match unit.as_str() {
            "CE" => ("Y", 100.0),
            "DE" => ("Y", 10.0),
            "Y" => ("M", 12.0),
            "M" => ("D", 30.0),
            "W" => ("D", 7.0),
            "D" => ("H", 24.0),
            "H" => ("MIN", 60.0),
            "MIN" => ("S", 60.0),
            _ => return None,
        };
        let count: f64 = fraction * per;
        if count.fract() != 0.0 {
            return None;
        }
        Some(Candidate {
            span: whole(caps),
            kind: MentionKind::Duration,
            rule: "duration.fraction",
            spec: Spec::Fixed(duration_value(Count::Exact(count), smaller)?),
            modifier: None,
        })
    }

    fn bare_duration(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        // "for years": the unit alone; "recent weeks": with its modifier.
        if let Some(vague) = caps.name("vague") {
            // "for some time", "for a while".
            return Some(Candidate {
                span: ByteSpan::new(vague.start(), vague.end()),
                kind: MentionKind::Duration,
                rule: "duration.vague",
                spec: Spec::Fixed("PXX".into()),
                modifier: None,
            });
        }
        if let Some(year) = caps.name("fyu") {
            // "in the year ended March 31": a financial year, one year long.
            return Some(Candidate {
                span: ByteSpan::new(year.start(), year.end()),
                kind: MentionKind::Duration,
                rule: "duration.financial_year",
                spec: Spec::Fixed("P1Y".into()),
                modifier: None,
            });
        }
        let (start, unit_match) = match (caps.name("unit"), caps.name("pre"), caps.name("unit2")) {
            (Some(unit), _, _) => (unit.start(), unit),
            (None, Some(pre), Some(unit)) => {
                // "the years" only after "over" or "in" ("over the years",
                // "in the weeks ahead"), not "the years of war".
                let before = super::before_window(text, pre.start())
                    .trim_end()
                    .to_lowercase();
                let after_over_or_in = before.ends_with(" over") || before.ends_with(" in");
                if pre.as_str() == "the" && caps.name("ahead").is_none() && !after_over_or_in {
                    return None;
                }
                // "in the weeks before the shooting": annotators mark "weeks".
                let next = super::after_window(text, unit.end())
                    .trim_start()
                    .to_lowercase();
                let relative_to_event = ["before", "after", "following", "preceding", "leading"]
                    .iter()
                    .any(|w| next.starts_with(w));
                if pre.as_str() == "the" && relative_to_event {
                    (unit.start(), unit)
                } else {
                    (pre.start(), unit)
                }
            }
            _ => {
                // "day-long" (one day), "decades-long" (some decades).
                let unit = caps.name("unit3")?;
                let code = self.units.get(unit.as_str())?.clone();
                let count = if unit.as_str().ends_with('s') {
                    Count::Vague
                } else {
                    Count::Exact(1.0)
                };
                return Some(Candidate {
                    span: ByteSpan::new(unit.start(), unit.end() + "-long".len()),
                    kind: MentionKind::Duration,
                    rule: "duration.bare_unit",
                    spec: Spec::Fixed(duration_value(count, &code)?),
                    modifier: None,
                });
            }
        };
        let unit = self.units.get(unit_match.as_str())?.clone();
        let value = duration_value(Count::Vague, &unit)?;
        let end = caps.name("ahead").map_or(unit_match.end(), |a| a.end());
        Some(Candidate {
            span: ByteSpan::new(start, end),
            kind: MentionKind::Duration,
            rule: "duration.bare_unit",
            spec: Spec::Fixed(value),
            modifier: None,
        })
    }

    fn clock(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let (hour, minute) = if let Some(h) = caps.name("h") {
            let mut hour: u32 = h.as_str().parse().ok()?;
            let minute: u32 = caps
                .name("mi")
                .map_or(Some(0), |m| m.as_str().parse().ok())?;
            let pm = caps.name("ap")?.as_str().to_lowercase().starts_with('p');
            if hour == 0 || hour > 12 {
                return None;
            }
            if pm && hour < 12 {
                hour += 12;
            } else if !pm && hour == 12 {
                hour = 0;
            }
            (hour, minute)
        } else if let Some(h) = caps.name("h24") {
            (
                h.as_str().parse().ok()?,
                caps.name("mi24")?.as_str().parse().ok()?,
            )
        } else if let Some(h) = caps.name("hw") {
            // "4 in the morning", "10 at night".
            let mut hour = self.numbers.parse(h.as_str())?.exact()? as u32;
            if !(1..=12).contains(&hour) {
                return None;
            }
            let evening = caps.name("night").is_some()
                || caps
                    .name("dp")
                    .is_some_and(|d| !d.as_str().eq_ignore_ascii_case("morning"));
            if evening && hour < 12 && !(caps.name("night").is_some() && hour < 5) {
                hour += 12;
            } else if !evening && hour == 12 {
                hour = 0;
            }
            (hour, 0)
        } else if let Some(part) = caps.name("pod3").or(caps.name("overnight")) {
            // "mid-afternoon", "overnight": a part of the day.
            let part = self
                .parts_of_day
                .get(&part.as_str().to_lowercase())?
                .clone();
            return Some(Candidate {
                span: whole(caps),
                kind: MentionKind::Time,
                rule: "time.day_part",
                spec: Spec::DayPart { part },
                modifier: caps.name("pmod").and_then(|m| modifier_code(m.as_str())),
            });
        } else {
            let word = caps.name("word")?;
            if super::before_window(text, word.start())
                .to_lowercase()
                .ends_with("high ")
            {
                return None; // "high noon": a figure of speech
            }
            match word.as_str().to_lowercase().as_str() {
                "midnight" => (24, 0),
                _ => (12, 0),
            }
        };
        // "1 p.m. ET": the time zone belongs to the time.
        let mut span = whole(caps);
        if let Some(zone) = self.zone_after(super::after_window(text, span.end)) {
            span.end += zone;
        }
        Some(Candidate {
            span,
            kind: MentionKind::Time,
            rule: "time.clock",
            spec: Spec::Clock { hour, minute },
            modifier: None,
        })
    }

    /// The length of " EST" or " local time" at the start of `after`, if a
    /// time zone follows there as a whole word.
    fn zone_after(&self, after: &str) -> Option<usize> {
        let rest = after.strip_prefix(' ')?;
        self.time_zones
            .iter()
            .filter(|zone| {
                rest.len() >= zone.len()
                    && rest.is_char_boundary(zone.len())
                    && rest[..zone.len()].eq_ignore_ascii_case(zone)
                    && !rest[zone.len()..].starts_with(|c: char| c.is_alphanumeric())
                    // Abbreviations only in capitals: "et" is no zone.
                    && (zone.contains(' ') || rest[..zone.len()].chars().all(|c| c.is_ascii_uppercase()))
            })
            .map(|zone| zone.len() + 1)
            .max()
    }

    fn set(&self, caps: &Captures, _: &str) -> Option<Candidate> {
        let span = whole(caps);
        let value = if let Some(what) = caps.name("what") {
            let word = what.as_str();
            let every_n = match caps.name("n").map(|n| n.as_str().to_lowercase()) {
                Some(n) if n == "other" => 2.0,
                Some(n) => self.numbers.parse(&n)?.exact()?,
                None => 1.0,
            };
            if let Some(unit) = self.units.get(word) {
                duration_value(Count::Exact(every_n), unit)?
            } else if let Some(&wd) = self.weekdays.get(word.trim_end_matches('.')) {
                // "every Sunday morning": the part of day too.
                self.weekly(wd, caps.name("podw"))
            } else if let Some(part) = self.parts_of_day.get(word) {
                format!("XXXX-XX-XXT{part}")
            } else if let Some(month) = self.month(word) {
                format!("XXXX-{month:02}")
            } else {
                format!("XXXX-{}", self.seasons.get(word)?)
            }
        } else if let Some(wd) = caps.name("wdp") {
            // "on Mondays", "Tuesday nights": every such day.
            let wd = *self.weekdays.get(wd.as_str())?;
            self.weekly(wd, caps.name("podp").or(caps.name("pods")))
        } else if let Some(unit_word) = caps.name("unit2") {
            duration_value(Count::Exact(1.0), self.units.get(unit_word.as_str())?)?
        } else {
            self.sets.get(caps.name("word")?.as_str())?.clone()
        };
        Some(Candidate {
            span,
            kind: MentionKind::Set,
            rule: "set.frequency",
            spec: Spec::Fixed(value),
            modifier: None,
        })
    }

    // --- helpers ----------------------------------------------------------

    /// The SET value of a weekday, with its part of day if one is named:
    /// `XXXX-WXX-7`, `XXXX-WXX-7TMO`.
    fn weekly(&self, weekday: u32, part: Option<regex::Match>) -> String {
        match part.and_then(|p| self.parts_of_day.get(&p.as_str().to_lowercase())) {
            Some(part) => format!("XXXX-WXX-{weekday}T{part}"),
            None => format!("XXXX-WXX-{weekday}"),
        }
    }

    fn month(&self, word: &str) -> Option<u32> {
        self.months
            .get(word.trim_end_matches('.'))
            .copied()
            .or_else(|| {
                // Month names in any case ("OCTOBER", "october").
                let mut title = word.trim_end_matches('.').to_lowercase();
                if let Some(first) = title.get(..1) {
                    title = first.to_uppercase() + &title[1..];
                }
                self.months.get(&title).copied()
            })
    }

    /// The `mod` an approximator gives, and the span without it when
    /// annotators leave it out ("about [five hours]").
    fn approximated(
        &self,
        word: Option<regex::Match>,
        span: ByteSpan,
        text: &str,
    ) -> (Option<&'static str>, ByteSpan) {
        let Some(word) = word else {
            return (None, span);
        };
        let key = word
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        match self.approximators.get(&key) {
            Some(&(modifier, true)) => {
                // The span resumes at the next word.
                let after = &text[word.end()..span.end];
                let start = span.end - after.trim_start().len();
                (modifier, ByteSpan::new(start, span.end))
            }
            Some(&(modifier, false)) => (modifier, span),
            None => (None, span),
        }
    }

    /// Whether `word`, the last word of the match, is an abbreviation
    /// without its period ("Jan Smith", "the Sun").
    fn bare_abbreviation(&self, word: &str, text: &str, caps: &Captures) -> bool {
        let end = caps.get(0).map_or(0, |m| m.end());
        let dotted = word.ends_with('.') || text[end..].starts_with('.');
        !dotted
            && self
                .abbreviations
                .binary_search(&word.to_lowercase())
                .is_ok()
    }

    /// Month names that are also ordinary words ("May", "March") count only
    /// when capitalised and, alone, after a preposition that takes a date.
    fn month_word_ok(&self, word: &str, text: &str, start: usize, qualified: bool) -> bool {
        let bare = word.trim_end_matches('.');
        // The case rule: "May" is a month, "may" is not; a month the list
        // writes in lower case ("мая") is one in any case.
        if !self.months.contains(bare) {
            return false;
        }
        let ambiguous = self.ambiguous_months.contains(bare);
        if !ambiguous || qualified {
            return true;
        }
        let prev = super::word_before(super::before_window(text, start));
        matches!(
            prev.as_str(),
            "in" | "since"
                | "until"
                | "till"
                | "by"
                | "from"
                | "during"
                | "of"
                | "through"
                | "before"
                | "after"
                | "early"
                | "late"
                | "mid"
                | "last"
                | "next"
                | "this"
        )
    }

    /// Joins neighbours that annotators read as one expression:
    /// a clock time and its day ("10 p.m. EST Wednesday", "noon Thursday",
    /// "5 p.m. Nov. 9"), and a month and its relative year ("January this
    /// year", "June last year").
    fn join_compounds(
        &self,
        text: &str,
        anchor: Option<NaiveDate>,
        candidates: Vec<Candidate>,
    ) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = Vec::with_capacity(candidates.len());
        for next in candidates {
            let Some(prev) = out.last_mut() else {
                out.push(next);
                continue;
            };
            let between = text.get(prev.span.end..next.span.start).unwrap_or("x");
            let joined = match (&prev.spec, &next.spec) {
                (Spec::Clock { hour, minute }, day_spec)
                    if matches!(
                        day_spec,
                        Spec::Weekday { part: None, .. }
                            | Spec::DayOffset { part: None, .. }
                            | Spec::Calendar { day: Some(_), .. }
                    ) && self.only_zone_between(between) =>
                {
                    Some((
                        MentionKind::Time,
                        Spec::AtClock {
                            hour: *hour,
                            minute: *minute,
                            day: Box::new(day_spec.clone()),
                        },
                    ))
                }
                (Spec::DayPart { part }, day_spec)
                    if matches!(
                        day_spec,
                        Spec::Weekday { part: None, .. } | Spec::DayOffset { part: None, .. }
                    ) && between.trim().is_empty() =>
                {
                    Some((
                        MentionKind::Time,
                        Spec::PartOn {
                            part: part.clone(),
                            day: Box::new(day_spec.clone()),
                        },
                    ))
                }
                (
                    Spec::Calendar {
                        year: None,
                        month,
                        day,
                        modifier: None,
                    },
                    Spec::AnchorUnit { unit, offset },
                ) if unit == "Y"
                    && between.trim().is_empty()
                    && prev.rule != "date.relative_month" =>
                {
                    anchor.map(|a| {
                        (
                            MentionKind::Date,
                            Spec::Calendar {
                                year: Some(a.year() + *offset as i32),
                                month: *month,
                                day: *day,
                                modifier: None,
                            },
                        )
                    })
                }
                _ => None,
            };
            match joined {
                Some((kind, spec)) => {
                    prev.span = ByteSpan::new(prev.span.start, next.span.end);
                    prev.kind = kind;
                    prev.rule = match spec {
                        Spec::AtClock { .. } => "time.clock_on_day",
                        Spec::PartOn { .. } => "time.part_of_day",
                        _ => "date.month_relative_year",
                    };
                    prev.spec = spec;
                }
                None => out.push(next),
            }
        }
        out
    }

    /// Whether only spaces, a comma, "on" or a time zone separate a clock
    /// time from its day.
    fn only_zone_between(&self, between: &str) -> bool {
        let rest = between.trim().trim_end_matches(',').trim_end();
        let rest = rest.strip_suffix("on").map_or(rest, str::trim_end);
        let rest = rest.trim_end_matches(',').trim();
        rest.is_empty() || self.time_zones.binary_search(&rest.to_lowercase()).is_ok()
    }

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
            let before = super::word_before(super::before_window(sentence, m.start()));
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

    fn resolve(&self, ctx: &TemporalContext, candidates: Vec<Candidate>) -> Vec<Mention> {
        let mut narrative: Option<NaiveDate> = None;
        let mut mentions = Vec::with_capacity(candidates.len());
        let mut tense_cache: Vec<Option<Tense>> = vec![None; ctx.sentences.len()];
        let mut day_dates: Vec<(ByteSpan, NaiveDate)> = Vec::new();
        // The last quarter named with its year, as a count of quarters.
        let mut reported_quarter: Option<i64> = None;
        for candidate in candidates {
            let sentence = ctx
                .sentences
                .partition_point(|s| s.end <= candidate.span.start);
            let tense = match tense_cache.get(sentence).copied() {
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
            let future = tense == Tense::Future;
            let base = narrative.or(ctx.anchor);
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
                    let before = super::before_window(ctx.text, candidate.span.start)
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
                        tense
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
                    let before = super::before_window(ctx.text, candidate.span.start);
                    let future =
                        (future && !past_verb_before(before)) || future_word_before(before);
                    resolve_weekday(ctx.anchor, *weekday, *relation, part.as_deref(), future)
                }
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
                                Relation::Plain => nearest(a, tense, |y| rule.date_in(y)),
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
                        let saturday =
                            resolve_weekday(Some(a), Weekday::Sat, Relation::Plain, None, future)
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
                day_dates.push((candidate.span, d));
            }
            let value = match clock {
                Some(time) => {
                    let date = value.split('T').next().unwrap_or(&value);
                    format!("{date}T{time}")
                }
                None => value,
            };
            let mut mention =
                Mention::new(candidate.kind, candidate.span, Some(value), candidate.rule);
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

/// Compiles rule `number` of `count` within `size_limit` bytes. With English lists the patterns are
/// ASCII (words, digits, `\s`), so Unicode is switched off: ASCII case
/// folding and word boundaries keep the lazy DFA small and fast on any text.
/// Where a list holds a word of another script (`unicode`), a word boundary
/// and case folding must know its letters: the rule is compiled with Unicode
/// boundaries and case folding instead, and digits stay ASCII digits.
fn compile(
    pattern: &str,
    unicode: bool,
    (number, count): (usize, usize),
    size_limit: usize,
    gazetteers: &Gazetteers,
) -> Result<Regex, BuildError> {
    let pattern = if unicode {
        pattern.replace(B, r"\b").replace(r"\d", "[0-9]")
    } else {
        format!("(?-u){pattern}")
    };
    let part = format!("temporal rule {number} of {count}");
    compile_rule_within(&part, "temporal.tsv, numbers.tsv", &pattern, size_limit)
        .map_err(|e| e.with_hint(largest_kinds(gazetteers)))
}

/// The kinds of temporal.tsv and numbers.tsv with the most entries, for an
/// error message: "holiday (20,040 entries), month (38 entries)".
fn largest_kinds(gazetteers: &Gazetteers) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for entry in gazetteers
        .list("temporal")
        .iter()
        .chain(gazetteers.list("numbers"))
    {
        match counts.iter_mut().find(|(k, _)| *k == entry.kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((entry.kind.clone(), 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let largest: Vec<String> = counts
        .iter()
        .take(3)
        .map(|(k, n)| format!("{k} ({n} entries)"))
        .collect();
    format!("the largest kinds: {}", largest.join(", "))
}

fn whole(caps: &Captures) -> ByteSpan {
    let m = caps.get(0).expect("group 0 always exists");
    // Trim whitespace that optional leading groups may leave.
    let s = m.as_str();
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    ByteSpan::new(m.start() + lead, m.end() - trail)
}

/// Whether the word before a day (skipping "on", "early", "late") is a
/// verb in the past tense: "-ed" or a common irregular past ("said",
/// "told", "met").
fn past_verb_before(before: &str) -> bool {
    const IRREGULAR: [&str; 16] = [
        "said", "told", "met", "came", "went", "began", "held", "left", "gave", "took", "made",
        "saw", "spoke", "wrote", "found", "was",
    ];
    before
        .split_whitespace()
        .rev()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .find(|w| !matches!(w.as_str(), "on" | "early" | "late" | "last"))
        .is_some_and(|w| (w.len() > 4 && w.ends_with("ed")) || IRREGULAR.contains(&w.as_str()))
}

/// Whether the day follows "until" or "as soon as": a day still to come
/// ("postponed until Tuesday").
fn future_word_before(before: &str) -> bool {
    let lower = before.trim_end().to_lowercase();
    lower.ends_with(" until")
        || lower.ends_with(" till")
        || lower.ends_with("as soon as")
        || lower.ends_with("until next")
}

/// Whether "quarters" is followed by "of" and a determiner: a fraction of
/// a thing ("three-quarters of its food"), not a span of quarters ("several
/// quarters of losses").
fn is_fraction_of(after: &str) -> bool {
    let lower = after.trim_start().to_lowercase();
    let Some(rest) = lower.strip_prefix("of ") else {
        return false;
    };
    let next = rest.split_whitespace().next().unwrap_or("");
    matches!(
        next,
        "the"
            | "a"
            | "an"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "your"
            | "all"
            | "this"
            | "that"
            | "these"
            | "those"
            | "them"
            | "us"
            | "it"
    )
}

/// Whether the text before "a week" ends in a count or an amount, so that
/// "a week" is a rate ("four flights a week", "$2 million a year", "24
/// hours a day") rather than a duration ("for a week").
fn is_rate(before: &str) -> bool {
    let Some(word) = before.split_whitespace().next_back() else {
        return false;
    };
    let word = word.trim_end_matches([',', ')']).to_lowercase();
    const FUNCTION_WORDS: [&str; 12] = [
        "this", "was", "has", "his", "its", "is", "as", "less", "across", "unless", "perhaps",
        "always",
    ];
    word.bytes().any(|b| b.is_ascii_digit())
        || matches!(
            word.as_str(),
            "million" | "billion" | "thousand" | "hundred" | "dozen" | "times"
        )
        || (word.len() >= 4 && word.ends_with('s') && !FUNCTION_WORDS.contains(&word.as_str()))
}

fn fixed(span: ByteSpan, kind: MentionKind, rule: &'static str, value: String) -> Candidate {
    Candidate {
        span,
        kind,
        rule,
        spec: Spec::Fixed(value),
        modifier: None,
    }
}

/// Keeps the longest of overlapping temporal candidates (earlier rule wins a tie).
fn keep_longest(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    let order: Vec<usize> = (0..candidates.len()).collect();
    let mut indexed: Vec<(usize, Candidate)> =
        order.into_iter().zip(candidates.drain(..)).collect();
    indexed.sort_by(|(ia, a), (ib, b)| b.span.len().cmp(&a.span.len()).then(ia.cmp(ib)));
    let mut taken = crate::document::SpanSet::new();
    let mut kept = Vec::new();
    for (_, c) in indexed {
        if taken.insert_if_free(c.span) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.span.start);
    kept
}

/// Whether a bare four-digit number reads as a year here.
fn year_context(before: &str, after: &str) -> bool {
    let prev = super::word_before(before);
    let prev_is_cue = matches!(
        prev.as_str(),
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "from"
            | "during"
            | "of"
            | "for"
            | "before"
            | "after"
            | "between"
            | "and"
            | "to"
            | "year"
            | "around"
            | "circa"
            | "through"
            | "throughout"
            | "the"
            | "this"
            | "that"
            | "early"
            | "late"
            | "mid"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
            | "than"
            | "on"
            // A determiner or possessive before a year used as an
            // adjective: "a 1996 law", "its 1990 invasion", "the company's
            // 1989 results" (a count would not take them: "its 1990 staff"
            // is rare, "a 1990 people" ungrammatical).
            | "a"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "both"
            | "due"
    ) || {
        let before = before.trim_end();
        before.ends_with("'s") || before.ends_with("’s")
    };
    let next = after.trim_start();
    let next_is_end = after.is_empty()
        || after.starts_with([
            '.', ',', ';', ':', ')', '!', '?', '"', '\'', '’', '”', '-', '–', '/',
        ])
        || next.starts_with("'s")
        || after.starts_with('\n');
    let next_word = next
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let next_is_noun = next_word.starts_with(char::is_lowercase)
        && !matches!(
            next_word,
            "and"
                | "or"
                | "when"
                | "after"
                | "before"
                | "as"
                | "to"
                | "the"
                | "that"
                | "which"
                | "in"
                | "on"
                | "he"
                | "she"
                | "they"
                | "it"
                | "we"
                | "but"
                | "while"
                | "elections"
                | "election"
                | "budget"
                | "season"
                | "law"
        );
    prev_is_cue || (next_is_end && !next_is_noun)
}

/// The TIMEX3 `mod` of "early", "mid-", "late", "the end of" ...; none for
/// "earlier"/"later" ("earlier this month" is within the month, not at its
/// start).
fn modifier_code(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    Some(if w == "earlier" || w == "later" {
        return None;
    } else if w.starts_with("early") || w.contains("beginning") || w.contains("start") {
        "START"
    } else if w.starts_with("mid") || w.contains("middle") {
        "MID"
    } else if w.starts_with("late") || w.contains("end") {
        "END"
    } else {
        "APPROX"
    })
}

/// The TIMEX3 `mod` named in the approximator list (NONE for none).
fn mod_code(code: &str) -> Option<&'static str> {
    const CODES: [&str; 8] = [
        "BEFORE",
        "AFTER",
        "MORE_THAN",
        "LESS_THAN",
        "EQUAL_OR_MORE",
        "EQUAL_OR_LESS",
        "APPROX",
        "EXACT",
    ];
    CODES.into_iter().find(|c| *c == code)
}

fn relation_code(relation: Relation) -> Option<&'static str> {
    match relation {
        Relation::Last => Some("LAST"),
        Relation::Next => Some("NEXT"),
        Relation::This => Some("THIS"),
        Relation::Plain => None,
    }
}

fn offset_of(rel: &str) -> i64 {
    match rel {
        "last" => -1,
        "next" => 1,
        _ => 0,
    }
}

fn weekday_from(n: u32) -> Option<Weekday> {
    Some(match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        7 => Weekday::Sun,
        _ => return None,
    })
}

/// Quarters since year 0: the anchor's quarter as one number, so that
/// quarters can be counted across years.
fn quarter_count(date: NaiveDate) -> i64 {
    date.year() as i64 * 4 + (date.month0() / 3) as i64
}

/// The TIMEX3 value of a quarter count: `1989-Q3`.
fn quarter_value(count: i64) -> String {
    format!("{}-Q{}", count.div_euclid(4), count.rem_euclid(4) + 1)
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn with_part(value: String, part: Option<&str>) -> String {
    match part {
        Some(p) => format!("{value}T{p}"),
        None => value,
    }
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// A TIMEX3 duration value for a count of a unit ("P10Y", "PT5H", "PXM").
fn duration_value(count: Count, unit: &str) -> Option<String> {
    let n = match count {
        Count::Exact(v) => Some(v),
        Count::Vague => None,
    };
    let fmt = |v: f64| {
        if v.fract() == 0.0 {
            format!("{}", v as i64)
        } else {
            format!("{v}")
        }
    };
    let num = |mult: f64| n.map_or_else(|| "X".to_string(), |v| fmt(v * mult));
    Some(match unit {
        "Y" => format!("P{}Y", num(1.0)),
        "M" => format!("P{}M", num(1.0)),
        "W" => format!("P{}W", num(1.0)),
        "D" => format!("P{}D", num(1.0)),
        "DE" => match n {
            Some(v) => format!("P{}Y", fmt(v * 10.0)),
            None => "PXDE".into(),
        },
        "CE" => match n {
            Some(v) => format!("P{}Y", fmt(v * 100.0)),
            None => "PXCE".into(),
        },
        "QU" => format!("P{}Q", num(1.0)),
        "WE" => format!("P{}WE", num(1.0)),
        "FN" => format!("P{}W", num(2.0)),
        "H" => format!("PT{}H", num(1.0)),
        "MIN" => format!("PT{}M", num(1.0)),
        "S" => format!("PT{}S", num(1.0)),
        _ => return None,
    })
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
        "M" => {
            let total = a.year() as i64 * 12 + a.month0() as i64 + offset;
            format!(
                "{:04}-{:02}",
                total.div_euclid(12),
                total.rem_euclid(12) + 1
            )
        }
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
        "M" => {
            let total = base.year() as i64 * 12 + base.month0() as i64 + n;
            (
                format!(
                    "{:04}-{:02}",
                    total.div_euclid(12),
                    total.rem_euclid(12) + 1
                ),
                None,
            )
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn tag(text: &str, anchor: Option<&str>) -> Vec<(String, String, String)> {
        let gazetteers = Gazetteers::embedded().unwrap();
        let tagger = TemporalTagger::new(&gazetteers).unwrap();
        let sentences = Segmenter::new(&gazetteers).split(text);
        let anchor = anchor.map(|a| NaiveDate::parse_from_str(a, "%Y-%m-%d").unwrap());
        tagger
            .tag(&TemporalContext {
                text,
                sentences: &sentences,
                anchor,
            })
            .into_iter()
            .map(|m| {
                (
                    m.span.slice(text).to_string(),
                    m.kind.as_str().to_string(),
                    m.value.unwrap_or_default(),
                )
            })
            .collect()
    }

    fn values(text: &str, anchor: &str) -> Vec<(String, String)> {
        tag(text, Some(anchor))
            .into_iter()
            .map(|(t, _, v)| (t, v))
            .collect()
    }

    /// The values found with a user's temporal.tsv layered over the lists.
    fn values_with_overlay(temporal_tsv: &str, text: &str) -> Vec<(String, String)> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("temporal.tsv"), temporal_tsv).unwrap();
        let gazetteers = Gazetteers::with_overlay(dir.path()).unwrap();
        let tagger = TemporalTagger::new(&gazetteers).unwrap();
        let sentences = Segmenter::new(&gazetteers).split(text);
        let context = TemporalContext {
            text,
            sentences: &sentences,
            anchor: NaiveDate::from_ymd_opt(2021, 9, 1),
        };
        tagger
            .tag(&context)
            .into_iter()
            .map(|m| (m.span.slice(text).to_string(), m.value.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn the_will_of_the_people_is_no_future() {
        // Written in November: "Monday" after a future cue is the next one,
        // after the noun "will" the last one.
        assert_eq!(
            values("Protesters will march on Monday.", "2021-11-10"),
            pairs(&[("Monday", "2021-11-15")])
        );
        assert_eq!(
            values(
                "Against the will of the people, the vote is on Monday.",
                "2021-11-10"
            ),
            pairs(&[("Monday", "2021-11-08")])
        );
    }

    #[test]
    fn a_rule_over_its_size_limit_is_an_error_naming_the_lists() {
        let gazetteers = Gazetteers::embedded().unwrap();
        let error = TemporalTagger::within(&gazetteers, 10_000)
            .err()
            .expect("too large");
        assert!(error.is_too_large());
        let message = error.to_string();
        for part in [
            "temporal.tsv",
            "size limit",
            "temporal rule",
            "largest kinds",
        ] {
            assert!(message.contains(part), "{part}: {message}");
        }
    }

    #[test]
    fn tens_of_thousands_of_holidays_build() {
        let mut tsv = String::new();
        for i in 0..20_000 {
            tsv.push_str(&format!(
                "Festival Number{i}\t{:02}-{:02}\tholiday\t-\n",
                1 + i % 12,
                1 + i % 28
            ));
        }
        let found = values_with_overlay(&tsv, "Crowds gathered for Festival Number13 this year.");
        assert!(
            found.contains(&("Festival Number13".into(), "2021-02-14".into())),
            "{found:?}"
        );
    }

    #[test]
    fn the_ambiguous_flag_of_a_month_comes_from_the_data() {
        // Built in, "May" is ambiguous: alone, only after a preposition.
        let text = "May 2021 was hot. Crowds came. May was dry.";
        assert_eq!(
            values(text, "2021-09-01"),
            pairs(&[("May 2021", "2021-05")])
        );
        // A user who says it is not takes "May" alone as the month.
        let found = values_with_overlay("May\t5\tmonth\t-\n", text);
        assert!(
            found.contains(&("May".into(), "2021-05".into())),
            "{found:?}"
        );
        // And a month the user marks ambiguous needs the preposition.
        let text = "June was dry. Rain came in June.";
        assert_eq!(values(text, "2021-09-01").len(), 2);
        let found = values_with_overlay("June\t6\tmonth\tambiguous=1\n", text);
        assert_eq!(found, pairs(&[("June", "2021-06")]));
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn triples(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
        list.iter()
            .map(|(t, k, v)| (t.to_string(), k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn news_date_forms() {
        let text = "It began on 25 October 2016, continued on October 26, 2016, then on 27th October, on the 12th October, on 25/10/2016 and 2016-10-25.";
        assert_eq!(
            values(text, "2016-11-01"),
            pairs(&[
                ("25 October 2016", "2016-10-25"),
                ("October 26, 2016", "2016-10-26"),
                ("27th October", "2016-10-27"),
                ("12th October", "2016-10-12"),
                ("25/10/2016", "2016-10-25"),
                ("2016-10-25", "2016-10-25"),
            ])
        );
    }

    #[test]
    fn partial_and_relative_dates() {
        let text = "In October 2016 and in mid-October, and last week, yesterday, on Monday, earlier this month, in 2015 and the 1990s.";
        assert_eq!(
            values(text, "2016-11-01"),
            pairs(&[
                ("October 2016", "2016-10"),
                ("mid-October", "2016-10"),
                ("last week", "2016-W43"),
                ("yesterday", "2016-10-31"),
                ("Monday", "2016-10-31"),
                ("earlier this month", "2016-11"),
                ("2015", "2015"),
                ("the 1990s", "199"),
            ])
        );
    }

    #[test]
    fn yearless_dates_take_the_nearest_year() {
        assert_eq!(
            values("They were held on 20 December.", "2021-02-10"),
            pairs(&[("20 December", "2020-12-20")])
        );
        assert_eq!(
            values("The trial will open on 20 March.", "2021-02-10"),
            pairs(&[("20 March", "2021-03-20")])
        );
        // Written in November, January is the coming one; written in
        // February, November is the last one, whatever the tense.
        assert_eq!(
            values("Elections are set for January.", "1989-11-02"),
            pairs(&[("January", "1990-01")])
        );
        assert_eq!(
            values("The talks began in late November.", "2000-02-16"),
            pairs(&[("late November", "1999-11")])
        );
        // A past sentence about a date a little after the anchor: same year
        // only when much nearer than the year before.
        assert_eq!(
            values("It was signed on 5 March.", "2021-03-01"),
            pairs(&[("5 March", "2021-03-05")])
        );
        assert_eq!(
            values("It was signed on 5 September.", "2021-03-01"),
            pairs(&[("5 September", "2020-09-05")])
        );
        assert_eq!(
            tag("They were held on 20 December.", None)[0].2,
            "XXXX-12-20"
        );
    }

    #[test]
    fn abbreviations_need_their_period_alone() {
        assert!(tag(
            "Jan Kowalski spoke to The Sun newspaper.",
            Some("2021-02-10")
        )
        .is_empty());
        assert_eq!(
            values("It opens on Sun. and closes in Jan.", "2021-02-10"),
            pairs(&[("Sun.", "2021-02-07"), ("Jan.", "2021-01")])
        );
        assert_eq!(
            values("It closed Jan 5.", "2021-02-10"),
            pairs(&[("Jan 5", "2021-01-05")])
        );
    }

    #[test]
    fn spans_follow_timeml_annotation_practice() {
        // "about", "over", "only" stay outside; "more than", "at least" in.
        assert_eq!(
            values(
                "They were held for about six hours, over two days and at least 20 years.",
                "2021-02-10"
            ),
            pairs(&[
                ("six hours", "PT6H"),
                ("two days", "P2D"),
                ("at least 20 years", "P20Y")
            ])
        );
        // The article of a noun phrase is in, of an adjective out.
        assert_eq!(
            values("In the nine months, the 30-day limit passed.", "2021-02-10"),
            pairs(&[("the nine months", "P9M"), ("30-day", "P30D")])
        );
    }

    #[test]
    fn financial_quarters_and_the_weekend() {
        // The quarter a report is about: the last one named, else the last
        // one that ended before the publication date.
        assert_eq!(
            values(
                "Profit rose in the quarter, against the year-ago quarter.",
                "1989-11-02"
            ),
            pairs(&[
                ("the quarter", "1989-Q3"),
                ("the year-ago quarter", "1988-Q3")
            ])
        );
        assert_eq!(
            values(
                "In the second quarter sales fell; the latest period was worse.",
                "1989-11-02"
            ),
            pairs(&[
                ("the second quarter", "1989-Q2"),
                ("the latest period", "1989-Q2")
            ])
        );
        assert_eq!(
            values(
                "Sales beat the year-ago third quarter and the fiscal first quarter.",
                "1989-11-02"
            ),
            pairs(&[
                ("the year-ago third quarter", "1988-Q3"),
                ("the fiscal first quarter", "1989-Q1")
            ])
        );
        // "the third-quarter loss": an adjective, the article stays out.
        assert_eq!(
            values("It posted the third-quarter loss.", "1989-11-02"),
            pairs(&[("third-quarter", "1989-Q3")])
        );
        assert!(tag(
            "During the period of detention he was ill.",
            Some("1989-11-02")
        )
        .is_empty());
        assert_eq!(
            values("Shares fell during the week.", "1989-11-02"),
            pairs(&[("the week", "1989-WXX")])
        );
        assert_eq!(
            values("Protests continued over the weekend.", "2021-02-10"),
            pairs(&[("the weekend", "2021-W05-WE")])
        );
        assert_eq!(
            values("They will march at the weekend.", "2021-02-10"),
            pairs(&[("the weekend", "2021-W06-WE")])
        );
    }

    #[test]
    fn compounds_are_one_expression() {
        assert_eq!(
            values(
                "Polls closed at 10 p.m. EST Wednesday; talks resume noon Thursday.",
                "1998-02-13"
            ),
            pairs(&[
                ("10 p.m. EST Wednesday", "1998-02-11T22:00"),
                ("noon Thursday", "1998-02-12T12:00")
            ])
        );
        assert_eq!(
            values(
                "It began in January this year and June last year.",
                "1998-02-19"
            ),
            pairs(&[
                ("January this year", "1998-01"),
                ("June last year", "1997-06")
            ])
        );
    }

    #[test]
    fn duration_compounds() {
        assert_eq!(
            values(
                "After a couple of years, two more weeks and eight trading days, the day-long strike began.",
                "1998-02-13"
            ),
            pairs(&[
                ("a couple of years", "P2Y"),
                ("two more weeks", "P2W"),
                ("eight trading days", "P8D"),
                ("day-long", "P1D"),
            ])
        );
        assert_eq!(
            values("They began a week-long strike.", "1998-02-13"),
            pairs(&[("week-long", "P1W")])
        );
    }

    #[test]
    fn parts_of_day() {
        assert_eq!(
            values(
                "Shots were heard at 4 in the morning, again mid-afternoon yesterday and late yesterday.",
                "1998-02-13"
            ),
            pairs(&[
                ("4 in the morning", "1998-02-13T04:00"),
                ("mid-afternoon yesterday", "1998-02-12TAF"),
                ("late yesterday", "1998-02-12"),
            ])
        );
        assert!(tag(
            "It was high noon for a second group on 60 Minutes.",
            Some("1998-02-13")
        )
        .is_empty());
        assert_eq!(
            values("Sales in the 1988 second quarter fell.", "1989-11-02"),
            pairs(&[("the 1988 second quarter", "1988-Q2")])
        );
    }

    #[test]
    fn parts_of_a_unit() {
        assert_eq!(
            values("At the start of the year and by the end of next month, not the middle of this week.", "2013-03-22"),
            pairs(&[
                ("the start of the year", "2013"),
                ("the end of next month", "2013-04"),
                ("the middle of this week", "2013-W12"),
            ])
        );
    }

    #[test]
    fn fractions_of_units() {
        assert_eq!(
            values(
                "After half a century, a quarter of a century, an hour and a half and three-and-a-half years, it ran every Sunday morning.",
                "1998-02-13"
            ),
            pairs(&[
                ("half a century", "P50Y"),
                ("a quarter of a century", "P25Y"),
                ("an hour and a half", "PT1H30M"),
                ("three-and-a-half years", "P3Y6M"),
                ("every Sunday morning", "XXXX-WXX-7TMO"),
            ])
        );
    }

    #[test]
    fn vague_and_financial_durations() {
        assert_eq!(
            values(
                "Within weeks, over the years and in the weeks ahead, for a while, after several quarters of losses, net income for the year ended March 31 fell over the next couple of years.",
                "1989-11-02"
            ),
            pairs(&[
                ("weeks", "PXW"),
                ("the years", "PXY"),
                ("the weeks ahead", "PXW"),
                ("a while", "PXX"),
                ("several quarters", "PXQ"),
                ("the year", "P1Y"),
                ("March 31", "1989-03-31"),
                ("the next couple of years", "P2Y"),
            ])
        );
        assert!(tag("The years of war left scars.", Some("1989-11-02")).is_empty());
    }

    #[test]
    fn rates_and_fractions_are_not_durations() {
        assert!(tag(
            "It runs four flights a week and saves $2 million a year.",
            Some("1998-02-13")
        )
        .is_empty());
        assert!(tag("It imports three-quarters of its food.", Some("1998-02-13")).is_empty());
        assert_eq!(
            values("He was held for a week.", "1998-02-13"),
            pairs(&[("a week", "P1W")])
        );
    }

    #[test]
    fn holidays_follow_their_calendar_rule() {
        assert_eq!(
            values(
                "Shops closed on Thanksgiving Day and reopened after Christmas.",
                "1999-12-20"
            ),
            pairs(&[
                ("Thanksgiving Day", "1999-11-25"),
                ("Christmas", "1999-12-25")
            ])
        );
        assert_eq!(
            values("Voters went to the polls on Election Day.", "1998-11-05"),
            pairs(&[("Election Day", "1998-11-03")])
        );
        assert_eq!(
            values(
                "Pilgrims will gather at Easter; last Easter they could not.",
                "2000-03-01"
            ),
            pairs(&[("Easter", "2000-04-23"), ("last Easter", "1999-04-04")])
        );
        assert_eq!(easter_sunday(2024), NaiveDate::from_ymd_opt(2024, 3, 31));
        assert_eq!(
            values("Workers marched on May Day.", "2024-05-03"),
            pairs(&[("May Day", "2024-05-01")])
        );
    }

    #[test]
    fn spoken_years_centuries_and_decades() {
        assert_eq!(
            values(
                "In nineteen ninety-six, before the year two thousand, the 20th century and the nineties ended.",
                "1998-02-13"
            ),
            pairs(&[
                ("nineteen ninety-six", "1996"),
                ("the year two thousand", "2000"),
                ("the 20th century", "19"),
                ("the nineties", "199"),
            ])
        );
        assert!(tag(
            "Nineteen people were hurt; she is in her forties.",
            Some("1998-02-13")
        )
        .is_empty());
    }

    #[test]
    fn plural_days_are_sets_and_the_past_unit_a_date() {
        let text =
            "The shop opens on Mondays and Tuesday nights, each July, and grew over the past year.";
        assert_eq!(
            tag(text, Some("1998-02-13")),
            triples(&[
                ("Mondays", "set", "XXXX-WXX-1"),
                ("Tuesday nights", "set", "XXXX-WXX-2TNI"),
                ("each July", "set", "XXXX-07"),
                ("the past year", "date", "1997"),
            ])
        );
    }

    #[test]
    fn a_verb_right_before_a_weekday_decides_its_direction() {
        // 1998-02-13 is a Friday.
        assert_eq!(
            values(
                "Exiles will appeal, the government predicted Wednesday.",
                "1998-02-13"
            ),
            pairs(&[("Wednesday", "1998-02-11")])
        );
        assert_eq!(
            values("The hearing was postponed until Tuesday.", "1998-02-13"),
            pairs(&[("Tuesday", "1998-02-17")])
        );
    }

    #[test]
    fn halves_year_ends_and_zones() {
        assert_eq!(
            values("Sales fell in the first half of 2013 and earlier in the year; by year-end, at 1 p.m. ET, this past spring was forgotten.", "2013-10-02"),
            pairs(&[
                ("the first half of 2013", "2013-H1"),
                ("earlier in the year", "2013"),
                ("year-end", "2013"),
                ("1 p.m. ET", "2013-10-02T13:00"),
                ("this past spring", "2013-SP"),
            ])
        );
    }

    #[test]
    fn a_preposition_before_a_yearless_date_decides_its_direction() {
        // "scheduled" speaks of the future, but "since March" looks back.
        assert_eq!(
            values(
                "The ship, on patrol since March, was scheduled to return.",
                "1990-08-13"
            ),
            pairs(&[("March", "1990-03")])
        );
        // "expected" is past, but "by February" looks ahead.
        assert_eq!(
            values(
                "The loan, as expected, will be repaid by February.",
                "1989-10-30"
            ),
            pairs(&[("February", "1990-02")])
        );
        // An irregular past verb: "brought in" in January, written in October.
        assert_eq!(
            values("In January, the firm brought in a new chief.", "1989-10-27"),
            pairs(&[("January", "1989-01")])
        );
    }

    #[test]
    fn narrative_anchor() {
        let text =
            "On 24th October he was beaten. Two days later he was charged. The next day he fled.";
        assert_eq!(
            values(text, "2016-11-01"),
            pairs(&[
                ("24th October", "2016-10-24"),
                ("Two days later", "2016-10-26"),
                ("The next day", "2016-10-27")
            ])
        );
    }

    #[test]
    fn durations_sets_and_times() {
        let text = "He faces up to ten years, served 18 months and 15 days, a decade ago he met her at 3 p.m. and they met every week, daily.";
        assert_eq!(
            tag(text, Some("2016-11-01")),
            triples(&[
                ("up to ten years", "duration", "P10Y"),
                ("18 months", "duration", "P18M"),
                ("15 days", "duration", "P15D"),
                ("a decade ago", "date", "2006"),
                ("3 p.m.", "time", "2016-11-01T15:00"),
                ("every week", "set", "P1W"),
                ("daily", "set", "P1D"),
            ])
        );
    }

    #[test]
    fn may_is_a_month_only_in_date_context() {
        assert!(tag("They may be fined.", Some("2016-11-01")).is_empty());
        assert_eq!(
            values("He was arrested in May.", "2016-11-01"),
            pairs(&[("May", "2016-05")])
        );
        assert_eq!(
            values("He was arrested on 17th May.", "2016-11-01"),
            pairs(&[("17th May", "2016-05-17")])
        );
    }

    #[test]
    fn ages_and_amounts_are_not_times() {
        assert!(tag("The 45-year-old paid 2000 dollars.", Some("2016-11-01")).is_empty());
    }
}
