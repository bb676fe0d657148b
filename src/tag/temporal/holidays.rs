//! Holidays: how to find a holiday's date in a given year, from the
//! canonical column of the `holiday` kind in `gazetteers/temporal.tsv`
//! ([`HolidayRule`]), and the date of Western Easter.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// How to find a holiday's date in a given year (see `gazetteers/temporal.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum HolidayRule {
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
    pub(super) fn parse(canonical: &str) -> Option<HolidayRule> {
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
    pub(super) fn date_in(self, year: i32) -> Option<NaiveDate> {
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
pub(super) fn easter_sunday(year: i32) -> Option<NaiveDate> {
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
