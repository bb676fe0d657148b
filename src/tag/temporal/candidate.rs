//! What a rule proposes: a [`Candidate`], a span with its kind, its rule's
//! name and a [`Spec`], what its value depends on. `resolve.rs` turns the
//! specs into TIMEX3 values.

use chrono::Weekday;

use super::holidays::HolidayRule;
use crate::document::ByteSpan;
use crate::tag::numbers::Count;
use crate::tag::MentionKind;

/// What a candidate's value depends on.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Spec {
    /// Fully known from the text.
    Fixed(String),
    /// A calendar date, possibly without a year; `day` None means a month.
    Calendar {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
        modifier: Option<&'static str>,
    },
    /// "11/02" without a year: day and month in either order, the reading
    /// nearest before the anchor (day first without an anchor).
    NumericDay { first: u32, second: u32 },
    /// "12/03/2023": both numbers could be the month. Month first (the
    /// wire services' convention), unless that reading lies more than a day
    /// after the anchor and day first does not ("12/03/2023" in a report
    /// of 16 March 2023 is 12 March).
    NumericDate { year: i32, first: u32, second: u32 },
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Relation {
    Plain,
    Last,
    Next,
    This,
}

#[derive(Clone, Debug)]
pub(super) struct Candidate {
    pub(super) span: ByteSpan,
    pub(super) kind: MentionKind,
    pub(super) rule: &'static str,
    pub(super) spec: Spec,
    pub(super) modifier: Option<&'static str>,
}
