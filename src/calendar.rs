//! Calendar ranges of TIMEX3 date values, as trackers key on them.
//!
//! An event's `date.value` is a TIMEX3 value ("2016-10-25", "2024-W22",
//! "2016-10", "XXXX-WXX-3"). A tracker wants a plain day when the day is
//! known, how precise the date is, and the first and last day it may be.
//! [`CalendarRange::of`] reads a value into that:
//!
//! 1. **A day** ("2016-10-25", or the day of a time "2016-10-25T14:00"):
//!    precision `day`, first = last = that day.
//! 2. **A week** ("2024-W22", ISO 8601 weeks from Monday; a weekend
//!    "2024-W22-WE" is its Saturday and Sunday): precision `week`.
//! 3. **A month** ("2016-10"): precision `month`, from the 1st to the last day.
//! 4. **A quarter, a half or a season** ("2016-Q3", "2016-H1", "2016-SU"):
//!    precision `year` (coarser than a month, and trackers have no finer
//!    class), with first and last day of the quarter, half or season
//!    (seasons as the northern meteorological seasons: spring March-May,
//!    summer June-August, autumn September-November, winter December of the
//!    year to February of the next).
//! 5. **A year** ("2016"), or some week of it ("2016-WXX"): precision
//!    `year`.
//! 6. **A decade or century** ("201X", "20XX"): precision `unknown`, first
//!    and last day of the span.
//! 7. **No year** ("XXXX-10-25", "XXXX-WXX-3") and **references**
//!    ("PAST_REF", "PRESENT_REF"): no range ([`CalendarRange::of`] gives
//!    `None`; the precision a record writes for them is `unknown`).
//!
//! A value that names an impossible date ("2016-02-30") has no range.

use chrono::{Days, Months, NaiveDate, Weekday};

/// How precise a date is, in the classes trackers use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
    Unknown,
}

impl Precision {
    /// The name written in records: `day`, `week`, `month`, `year`, `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Unknown => "unknown",
        }
    }

    /// The precision of a TIMEX3 value, `unknown` when it has no range.
    pub fn of_timex(value: &str) -> Precision {
        CalendarRange::of(value).map_or(Precision::Unknown, |range| range.precision)
    }
}

/// The days a TIMEX3 date value covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CalendarRange {
    pub first: NaiveDate,
    /// The last day, inclusive.
    pub last: NaiveDate,
    pub precision: Precision,
}

impl CalendarRange {
    /// The range of a TIMEX3 value, or `None` when it names no span of a
    /// known year (rule 7) or no real date.
    pub fn of(value: &str) -> Option<CalendarRange> {
        let date = value.split_once('T').map_or(value, |(date, _)| date);
        let (year_part, rest) = match date.split_once('-') {
            Some((year, rest)) => (year, Some(rest)),
            None => (date, None),
        };
        if year_part.len() != 4 {
            return None;
        }
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year_part) {
            // "201X" (a decade), "20XX" (a century).
            let known = year_part.trim_end_matches('X');
            if rest.is_some() || known.len() < 2 || !digits(known) {
                return None;
            }
            let span = 10_i32.pow(4 - known.len() as u32);
            let first_year: i32 = known.parse::<i32>().ok()? * span;
            return range(
                NaiveDate::from_ymd_opt(first_year, 1, 1)?,
                NaiveDate::from_ymd_opt(first_year + span - 1, 12, 31)?,
                Precision::Unknown,
            );
        }
        let year: i32 = year_part.parse().ok()?;
        let Some(rest) = rest else {
            return range(
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
                Precision::Year,
            );
        };
        let months = |first_month: u32, count: u32| -> Option<(NaiveDate, NaiveDate)> {
            let first = NaiveDate::from_ymd_opt(year, first_month, 1)?;
            let last = first.checked_add_months(Months::new(count))? - Days::new(1);
            Some((first, last))
        };
        let month_range = |first_month: u32, count: u32| -> Option<CalendarRange> {
            let (first, last) = months(first_month, count)?;
            range(first, last, Precision::Year)
        };
        match rest {
            "Q1" | "Q2" | "Q3" | "Q4" => {
                let quarter: u32 = rest[1..].parse().ok()?;
                month_range(3 * quarter - 2, 3)
            }
            "H1" => month_range(1, 6),
            "H2" => month_range(7, 6),
            "SP" => month_range(3, 3),
            "SU" => month_range(6, 3),
            "FA" => month_range(9, 3),
            "WI" => month_range(12, 3),
            _ if rest.starts_with('W') => {
                let (week, weekend) = match rest[1..].split_once('-') {
                    Some((week, "WE")) => (week, true),
                    Some(_) => return None,
                    None => (&rest[1..], false),
                };
                if week == "XX" && !weekend {
                    // "2024-WXX": some week of 2024.
                    return range(
                        NaiveDate::from_ymd_opt(year, 1, 1)?,
                        NaiveDate::from_ymd_opt(year, 12, 31)?,
                        Precision::Year,
                    );
                }
                if !digits(week) {
                    return None;
                }
                let week: u32 = week.parse().ok()?;
                let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
                let (first, last) = if weekend {
                    (monday + Days::new(5), monday + Days::new(6))
                } else {
                    (monday, monday + Days::new(6))
                };
                range(first, last, Precision::Week)
            }
            _ => {
                let (month, day) = match rest.split_once('-') {
                    Some((month, day)) => (month, Some(day)),
                    None => (rest, None),
                };
                if month.len() != 2 || !digits(month) {
                    return None;
                }
                let month: u32 = month.parse().ok()?;
                match day {
                    None => {
                        let (first, last) = months(month, 1)?;
                        range(first, last, Precision::Month)
                    }
                    Some(day) if day.len() == 2 && digits(day) => {
                        let day = NaiveDate::from_ymd_opt(year, month, day.parse().ok()?)?;
                        range(day, day, Precision::Day)
                    }
                    Some(_) => None,
                }
            }
        }
    }

    /// The day, when the range is one known day.
    pub fn day(&self) -> Option<NaiveDate> {
        (self.precision == Precision::Day).then_some(self.first)
    }

    /// Whether two ranges share a day.
    pub fn overlaps(&self, other: &CalendarRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// The number of days covered.
    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }
}

fn range(first: NaiveDate, last: NaiveDate, precision: Precision) -> Option<CalendarRange> {
    (first <= last).then_some(CalendarRange {
        first,
        last,
        precision,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(value: &str) -> Option<(String, String, &'static str)> {
        CalendarRange::of(value).map(|r| {
            (
                r.first.to_string(),
                r.last.to_string(),
                r.precision.as_str(),
            )
        })
    }

    fn some(
        first: &str,
        last: &str,
        precision: &'static str,
    ) -> Option<(String, String, &'static str)> {
        Some((first.to_string(), last.to_string(), precision))
    }

    #[test]
    fn days_and_times() {
        assert_eq!(of("2016-10-25"), some("2016-10-25", "2016-10-25", "day"));
        assert_eq!(
            of("2016-10-25T14:30"),
            some("2016-10-25", "2016-10-25", "day")
        );
        assert_eq!(of("2016-02-30"), None);
        assert_eq!(of("2016-1-25"), None);
    }

    #[test]
    fn weeks_and_weekends_are_iso_weeks() {
        // ISO week 22 of 2024 runs from Monday 27 May to Sunday 2 June.
        assert_eq!(of("2024-W22"), some("2024-05-27", "2024-06-02", "week"));
        assert_eq!(of("2024-W22-WE"), some("2024-06-01", "2024-06-02", "week"));
        // Week 1 of 2021 starts on 4 January (the week with the first Thursday).
        assert_eq!(of("2021-W01"), some("2021-01-04", "2021-01-10", "week"));
        assert_eq!(of("2021-W54"), None);
        // Some week of a known year: the year.
        assert_eq!(of("2021-WXX"), some("2021-01-01", "2021-12-31", "year"));
    }

    #[test]
    fn months_quarters_halves_seasons_years() {
        assert_eq!(of("2016-02"), some("2016-02-01", "2016-02-29", "month"));
        assert_eq!(of("2016-13"), None);
        assert_eq!(of("2016-Q3"), some("2016-07-01", "2016-09-30", "year"));
        assert_eq!(of("2016-H1"), some("2016-01-01", "2016-06-30", "year"));
        assert_eq!(of("2016-WI"), some("2016-12-01", "2017-02-28", "year"));
        assert_eq!(of("2016"), some("2016-01-01", "2016-12-31", "year"));
    }

    #[test]
    fn decades_and_centuries_have_a_range_of_unknown_precision() {
        assert_eq!(of("201X"), some("2010-01-01", "2019-12-31", "unknown"));
        assert_eq!(of("20XX"), some("2000-01-01", "2099-12-31", "unknown"));
        assert_eq!(of("2XXX"), None);
    }

    #[test]
    fn no_year_and_references_have_no_range() {
        for value in [
            "XXXX-10-25",
            "XXXX-WXX-3",
            "XXXX",
            "PAST_REF",
            "PRESENT_REF",
            "",
            "P2Y",
        ] {
            assert_eq!(of(value), None, "{value}");
            assert_eq!(Precision::of_timex(value), Precision::Unknown);
        }
    }

    #[test]
    fn overlap_and_day() {
        let week = CalendarRange::of("2024-W22").unwrap();
        let monday = CalendarRange::of("2024-05-27").unwrap();
        let later = CalendarRange::of("2024-06-03").unwrap();
        assert!(week.overlaps(&monday) && monday.overlaps(&week));
        assert!(!week.overlaps(&later));
        assert_eq!(
            monday.day().map(|d| d.to_string()),
            Some("2024-05-27".into())
        );
        assert_eq!(week.day(), None);
        assert_eq!(week.days(), 7);
    }
}
