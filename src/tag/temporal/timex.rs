//! How TIMEX3 values are written: dates, weeks, quarters, durations, and
//! the `mod` codes.

use chrono::{Datelike, NaiveDate, Weekday};

use super::candidate::Relation;
use crate::tag::numbers::Count;

/// The TIMEX3 `mod` of "early", "mid-", "late", "the end of" ...; none for
/// "earlier"/"later" ("earlier this month" is within the month, not at its
/// start).
pub(super) fn modifier_code(word: &str) -> Option<&'static str> {
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
pub(super) fn mod_code(code: &str) -> Option<&'static str> {
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

pub(super) fn relation_code(relation: Relation) -> Option<&'static str> {
    match relation {
        Relation::Last => Some("LAST"),
        Relation::Next => Some("NEXT"),
        Relation::This => Some("THIS"),
        Relation::Plain => None,
    }
}

pub(super) fn offset_of(rel: &str) -> i64 {
    match rel {
        "last" => -1,
        "next" => 1,
        _ => 0,
    }
}

pub(super) fn weekday_from(n: u32) -> Option<Weekday> {
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
pub(super) fn quarter_count(date: NaiveDate) -> i64 {
    date.year() as i64 * 4 + (date.month0() / 3) as i64
}

/// The TIMEX3 value of a quarter count: `1989-Q3`.
pub(super) fn quarter_value(count: i64) -> String {
    format!("{}-Q{}", count.div_euclid(4), count.rem_euclid(4) + 1)
}

/// The month `months` after (or before) the month of `date`: "2016-11".
pub(super) fn shifted_month(date: NaiveDate, months: i64) -> String {
    let total = date.year() as i64 * 12 + date.month0() as i64 + months;
    format!(
        "{:04}-{:02}",
        total.div_euclid(12),
        total.rem_euclid(12) + 1
    )
}

/// `date` as chrono's `%Y-%m-%d` writes it ("2016-11-01"), written
/// directly for years of four digits (chrono parses its format string on
/// every call).
pub(super) fn ymd(date: NaiveDate) -> String {
    if (0..=9999).contains(&date.year()) {
        format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
    } else {
        date.format("%Y-%m-%d").to_string()
    }
}

pub(super) fn with_part(value: String, part: Option<&str>) -> String {
    match part {
        Some(p) => format!("{value}T{p}"),
        None => value,
    }
}

pub(super) fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// A TIMEX3 duration value for a count of a unit ("P10Y", "PT5H", "PXM").
pub(super) fn duration_value(count: Count, unit: &str) -> Option<String> {
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
