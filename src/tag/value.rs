//! Typed values: what a mention's value is, as Rust values, for the stages
//! after the taggers.
//!
//! The records carry each value as text ("2016-10-25", "P2Y", "180 EUR",
//! "9"), as the record contract says. The taggers also hand the event stage
//! the same value typed ([`Mention::typed`](super::Mention::typed)), so that
//! no later stage parses another stage's strings:
//!
//! 1. **Dates and times** ([`DateValue`]): whether the value is a point or
//!    period of the calendar (not a reference such as `PRESENT_REF`), its
//!    precision as far as the event stage asks (a day, a month, a year, or
//!    something else: a week, a quarter, a season, a decade), and its
//!    year, month and day where the value states them in digits.
//!    "2016-10" is a month of 2016; "XXXX-10-25" a day of no known year;
//!    "2016-10-25T14:30" (a time) is read by its day.
//! 2. **Durations** ([`DurationValue`]): amounts of units, in the order
//!    written. "P2Y" is two years, "P8Y6M" eight years and six months,
//!    "PT5H" five hours, "PXM" months of no stated amount; "PXX" names no
//!    unit.
//! 3. **Money** ([`MoneyValue`]): an amount in an ISO 4217 currency, as the
//!    money tagger found it.
//! 4. **Counted groups** ([`TypedValue::Count`]): the number of people of a
//!    group ("9 activists"), or none when it is vague ("dozens of
//!    protesters", written `X`).
//!
//! A mention reads its value string once, as it is made (`Mention::new`),
//! into its typed form ([`TypedValue::of_value`]): every tagger's mentions
//! and a library user's alike. The temporal tagger then adds what only it
//! knows ([`DateValue::weeks_ago`]).

use chrono::{Datelike, NaiveDate};

use super::MentionKind;

/// A mention's value, typed.
#[derive(Clone, Debug, PartialEq)]
pub enum TypedValue {
    /// A date or a time (mentions of kind `date` and `time`).
    Date(DateValue),
    /// A duration (kind `duration`).
    Duration(DurationValue),
    /// An amount of money (kind `money`).
    Money(MoneyValue),
    /// The number of people of a counted group (kind `quantity`); none when
    /// vague.
    Count(Option<u64>),
}

impl TypedValue {
    /// The typed form of the value string of a mention of `kind`, as the
    /// records write it: TIMEX3 for dates, times and durations, "180 EUR"
    /// for money, "9" or "X" for counted groups; none for other kinds (and
    /// sets), or a value of another form.
    pub fn of_value(kind: MentionKind, value: Option<&str>) -> Option<TypedValue> {
        let value = value?;
        match kind {
            MentionKind::Money => {
                let (amount, currency) = value.split_once(' ')?;
                Some(TypedValue::Money(MoneyValue {
                    amount: amount.parse().ok()?,
                    currency: currency.to_string(),
                }))
            }
            MentionKind::Quantity if value == "X" => Some(TypedValue::Count(None)),
            MentionKind::Quantity => Some(TypedValue::Count(Some(value.parse().ok()?))),
            _ => TypedValue::of_timex(kind, value),
        }
    }

    /// The typed form of a TIMEX3 value of a mention of `kind`: dates and
    /// times, durations; none for sets.
    pub fn of_timex(kind: MentionKind, value: &str) -> Option<TypedValue> {
        match kind {
            MentionKind::Date | MentionKind::Time => Some(TypedValue::Date(DateValue::of(value))),
            MentionKind::Duration => Some(TypedValue::Duration(DurationValue::of(value))),
            _ => None,
        }
    }
}

/// How precise a date is, as far as the event stage asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePrecision {
    /// "2016-10-25", "XXXX-10-25".
    Day,
    /// "2016-10".
    Month,
    /// "2016", "XXXX".
    Year,
    /// Anything else: a week, a weekend, a quarter, a half, a season, a
    /// decade, a century, a reference.
    Other,
}

/// A TIMEX3 date (or the date of a time), typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateValue {
    /// A point or period of the calendar, possibly partly unknown
    /// ("2016-10", "XXXX-WXX-3"), not a reference ("PRESENT_REF").
    pub calendar: bool,
    pub precision: DatePrecision,
    /// The year, where the value states it in digits.
    pub year: Option<i32>,
    /// The month (1-12), where the value states it in digits.
    pub month: Option<u32>,
    /// The day of the month, where the value states it in digits.
    pub day: Option<u32>,
    /// Whole weeks counted back from the publication date, exactly ("two
    /// weeks ago", "just a week ago", written as the week "2011-W15"; not
    /// "about two weeks ago"): the day the event stage dates such an event
    /// by.
    pub weeks_ago: Option<u32>,
}

impl DateValue {
    /// Reads a TIMEX3 date or time value: a time by its date, the part
    /// before "T" ("2016-10-25T14:30" is the day 2016-10-25).
    pub fn of(value: &str) -> DateValue {
        let calendar =
            !value.ends_with("_REF") && value.starts_with(|c: char| c.is_ascii_digit() || c == 'X');
        let date = match value.split_once('T') {
            Some((date, _)) if calendar => date,
            _ => value,
        };
        let bytes = date.as_bytes();
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = date.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let year = number(0..4).and_then(|y| i32::try_from(y).ok());
        let precision = match date.len() {
            _ if !calendar => DatePrecision::Other,
            4 => DatePrecision::Year,
            7 if bytes[4] == b'-' && bytes[5] != b'W' && number(5..7).is_some() => {
                DatePrecision::Month
            }
            10 if bytes[4] == b'-' && bytes[7] == b'-' && !date.contains('W') => DatePrecision::Day,
            _ => DatePrecision::Other,
        };
        let (month, day) = match precision {
            DatePrecision::Month => (number(5..7), None),
            DatePrecision::Day => (number(5..7), number(8..10)),
            _ => (None, None),
        };
        DateValue {
            calendar,
            precision,
            year,
            month,
            day,
            weeks_ago: None,
        }
    }

    /// The value of a known day.
    pub fn of_day(day: NaiveDate) -> DateValue {
        DateValue {
            calendar: true,
            precision: DatePrecision::Day,
            year: Some(day.year()),
            month: Some(day.month()),
            day: Some(day.day()),
            weeks_ago: None,
        }
    }

    /// The day, when the value is a day whose year, month and day are all
    /// stated (and make a date of the calendar).
    pub fn known_day(&self) -> Option<NaiveDate> {
        match (self.precision, self.year, self.month, self.day) {
            (DatePrecision::Day, Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
            _ => None,
        }
    }

    /// Whether the value is a day with its year, month and day all stated
    /// in digits (valid or not: "2016-02-30" is written as a day).
    pub fn is_stated_day(&self) -> bool {
        self.precision == DatePrecision::Day
            && self.year.is_some()
            && self.month.is_some()
            && self.day.is_some()
    }
}

/// The unit of a TIMEX3 duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationUnit {
    Year,
    Month,
    Week,
    Day,
    Quarter,
    Weekend,
    Decade,
    Century,
    Hour,
    Minute,
    Second,
}

impl DurationUnit {
    /// The unit's TIMEX3 designator, and whether it is one of time ("T").
    fn designator(self) -> (&'static str, bool) {
        match self {
            DurationUnit::Year => ("Y", false),
            DurationUnit::Month => ("M", false),
            DurationUnit::Week => ("W", false),
            DurationUnit::Day => ("D", false),
            DurationUnit::Quarter => ("Q", false),
            DurationUnit::Weekend => ("WE", false),
            DurationUnit::Decade => ("DE", false),
            DurationUnit::Century => ("CE", false),
            DurationUnit::Hour => ("H", true),
            DurationUnit::Minute => ("M", true),
            DurationUnit::Second => ("S", true),
        }
    }
}

/// One part of a duration: an amount (unknown where the value says `X`)
/// of a unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DurationPart {
    pub amount: Option<f64>,
    pub unit: DurationUnit,
}

/// A TIMEX3 duration, typed: its parts in the order written ("P8Y6M" is
/// eight years and six months); none where the value names no unit ("PXX").
#[derive(Clone, Debug, PartialEq)]
pub struct DurationValue {
    pub parts: Vec<DurationPart>,
}

impl DurationValue {
    /// Reads a TIMEX3 duration value ("P2Y", "P1.5Y", "P8Y6M", "PT5H",
    /// "PXM"); a value it cannot read has no parts.
    pub fn of(value: &str) -> DurationValue {
        let unreadable = DurationValue { parts: Vec::new() };
        let Some(mut rest) = value.strip_prefix('P') else {
            return unreadable;
        };
        let mut parts = Vec::new();
        let mut time = false;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('T') {
                time = true;
                rest = after;
                continue;
            }
            let split = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            let (amount, after) = match rest.split_at(split) {
                ("", after) => match after.strip_prefix('X') {
                    Some(after) => (None, after),
                    None => return unreadable,
                },
                (number, after) => match number.parse::<f64>() {
                    Ok(amount) => (Some(amount), after),
                    Err(_) => return unreadable,
                },
            };
            let designators: [(&str, bool, DurationUnit); 11] = [
                ("WE", false, DurationUnit::Weekend),
                ("DE", false, DurationUnit::Decade),
                ("CE", false, DurationUnit::Century),
                ("Y", false, DurationUnit::Year),
                ("M", false, DurationUnit::Month),
                ("W", false, DurationUnit::Week),
                ("D", false, DurationUnit::Day),
                ("Q", false, DurationUnit::Quarter),
                ("H", true, DurationUnit::Hour),
                ("M", true, DurationUnit::Minute),
                ("S", true, DurationUnit::Second),
            ];
            let Some((designator, _, unit)) = designators
                .into_iter()
                .find(|(d, of_time, _)| *of_time == time && after.starts_with(d))
            else {
                return unreadable;
            };
            parts.push(DurationPart { amount, unit });
            rest = &after[designator.len()..];
        }
        DurationValue { parts }
    }

    /// Every part has a known amount ("P2Y", "P8Y6M"; not "PXY", nor a
    /// value without parts).
    pub fn is_known(&self) -> bool {
        !self.parts.is_empty() && self.parts.iter().all(|p| p.amount.is_some())
    }

    /// The length in days, when every amount is known: years and months
    /// at their mean Gregorian length (365.2425 and 30.436875 days),
    /// quarters a quarter of a year, weekends two days, times in fractions
    /// of a day. "P10Y" is 3652.425 days, "P18M" 547.86, "PT48H" 2.
    pub fn days(&self) -> Option<f64> {
        if !self.is_known() {
            return None;
        }
        const YEAR: f64 = 365.2425;
        Some(
            self.parts
                .iter()
                .map(|part| {
                    let amount = part.amount.unwrap_or(0.0);
                    amount
                        * match part.unit {
                            DurationUnit::Century => 100.0 * YEAR,
                            DurationUnit::Decade => 10.0 * YEAR,
                            DurationUnit::Year => YEAR,
                            DurationUnit::Quarter => YEAR / 4.0,
                            DurationUnit::Month => YEAR / 12.0,
                            DurationUnit::Week => 7.0,
                            DurationUnit::Weekend => 2.0,
                            DurationUnit::Day => 1.0,
                            DurationUnit::Hour => 1.0 / 24.0,
                            DurationUnit::Minute => 1.0 / 1440.0,
                            DurationUnit::Second => 1.0 / 86400.0,
                        }
                })
                .sum(),
        )
    }

    /// The length in months, for comparing terms: years, months and weeks
    /// (four to a month); 0 for other units and unknown amounts.
    pub fn months(&self) -> f64 {
        self.parts
            .iter()
            .map(|part| {
                let amount = part.amount.unwrap_or(0.0);
                match part.unit {
                    DurationUnit::Year => amount * 12.0,
                    DurationUnit::Month => amount,
                    DurationUnit::Week => amount / 4.0,
                    _ => 0.0,
                }
            })
            .sum()
    }

    /// `amount` of the first part's unit ("three to 8 1/2 years": "P3Y").
    pub fn with_amount(&self, amount: f64) -> DurationValue {
        DurationValue {
            parts: self
                .parts
                .first()
                .map(|first| DurationPart {
                    amount: Some(amount),
                    unit: first.unit,
                })
                .into_iter()
                .collect(),
        }
    }

    /// The TIMEX3 value ("P3Y", "P8Y6M", "PT5H", "PXM"; "PXX" without
    /// parts).
    pub fn timex(&self) -> String {
        if self.parts.is_empty() {
            return "PXX".to_string();
        }
        let mut out = String::from("P");
        let mut time = false;
        for part in &self.parts {
            let (designator, of_time) = part.unit.designator();
            if of_time && !time {
                out.push('T');
                time = true;
            }
            match part.amount {
                Some(v) if v.fract() == 0.0 => out.push_str(&format!("{}", v as i64)),
                Some(v) => out.push_str(&format!("{v}")),
                None => out.push('X'),
            }
            out.push_str(designator);
        }
        out
    }
}

/// An amount of money in a currency (ISO 4217 code).
#[derive(Clone, Debug, PartialEq)]
pub struct MoneyValue {
    pub amount: f64,
    pub currency: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_by_precision() {
        let day = DateValue::of("2016-10-25");
        assert_eq!(day.precision, DatePrecision::Day);
        assert_eq!(day.known_day(), NaiveDate::from_ymd_opt(2016, 10, 25));
        assert!(day.is_stated_day() && day.calendar);
        let month = DateValue::of("2016-10");
        assert_eq!(
            (month.precision, month.year, month.month),
            (DatePrecision::Month, Some(2016), Some(10))
        );
        let year = DateValue::of("XXXX");
        assert_eq!((year.precision, year.year), (DatePrecision::Year, None));
        assert_eq!(DateValue::of("2016").year, Some(2016));
        for other in [
            "2016-W43",
            "2016-Q3",
            "2016-SU",
            "199",
            "XXXX-WXX-3",
            "2016-H1",
        ] {
            assert_eq!(
                DateValue::of(other).precision,
                DatePrecision::Other,
                "{other}"
            );
            assert!(DateValue::of(other).calendar, "{other}");
        }
        let unknown_year = DateValue::of("XXXX-10-25");
        assert_eq!(unknown_year.precision, DatePrecision::Day);
        assert!(!unknown_year.is_stated_day() && unknown_year.known_day().is_none());
        let reference = DateValue::of("PRESENT_REF");
        assert!(!reference.calendar);
        assert_eq!(reference.precision, DatePrecision::Other);
        // A time is read by its day.
        let time = DateValue::of("2016-10-25T14:30");
        assert_eq!(time.known_day(), NaiveDate::from_ymd_opt(2016, 10, 25));
        // Written as a day, though no such day exists.
        let invalid = DateValue::of("2016-02-30");
        assert!(invalid.is_stated_day() && invalid.known_day().is_none());
        let of_day = DateValue::of_day(NaiveDate::from_ymd_opt(2020, 1, 2).unwrap());
        assert_eq!(of_day, DateValue::of("2020-01-02"));
    }

    #[test]
    fn durations_read_and_written() {
        use DurationUnit::*;
        for (value, parts) in [
            ("P2Y", vec![(Some(2.0), Year)]),
            ("P1.5Y", vec![(Some(1.5), Year)]),
            ("P6M", vec![(Some(6.0), Month)]),
            ("P8Y6M", vec![(Some(8.0), Year), (Some(6.0), Month)]),
            ("PT6M", vec![(Some(6.0), Minute)]),
            ("PT5H", vec![(Some(5.0), Hour)]),
            ("P1DT2H", vec![(Some(1.0), Day), (Some(2.0), Hour)]),
            ("P3WE", vec![(Some(3.0), Weekend)]),
            ("PXDE", vec![(None, Decade)]),
            ("PXM", vec![(None, Month)]),
            ("PXX", vec![]),
        ] {
            let typed = DurationValue::of(value);
            let read: Vec<(Option<f64>, DurationUnit)> =
                typed.parts.iter().map(|p| (p.amount, p.unit)).collect();
            assert_eq!(read, parts, "{value}");
            assert_eq!(typed.timex(), value, "{value}");
        }
        assert!(DurationValue::of("P2Y").is_known());
        assert!(DurationValue::of("P8Y6M").is_known());
        assert!(!DurationValue::of("PXY").is_known());
        assert!(!DurationValue::of("PXX").is_known());
        assert!(!DurationValue::of("2016").is_known());
        assert_eq!(DurationValue::of("P2Y").months(), 24.0);
        assert_eq!(DurationValue::of("P8Y6M").months(), 102.0);
        assert_eq!(DurationValue::of("P8W").months(), 2.0);
        assert_eq!(DurationValue::of("PT5H").months(), 0.0);
        assert_eq!(DurationValue::of("P5Y").with_amount(3.0).timex(), "P3Y");
        assert_eq!(DurationValue::of("PT5H").with_amount(3.0).timex(), "PT3H");
        assert_eq!(DurationValue::of("P8Y6M").with_amount(3.0).timex(), "P3Y");
    }

    #[test]
    fn timex_values_by_kind() {
        assert!(matches!(
            TypedValue::of_timex(MentionKind::Date, "2016"),
            Some(TypedValue::Date(_))
        ));
        assert!(matches!(
            TypedValue::of_timex(MentionKind::Duration, "P2Y"),
            Some(TypedValue::Duration(_))
        ));
        assert_eq!(TypedValue::of_timex(MentionKind::Set, "P1W"), None);
    }

    #[test]
    fn value_strings_of_every_kind() {
        let money = TypedValue::of_value(MentionKind::Money, Some("2500000.5 RUB"));
        assert_eq!(
            money,
            Some(TypedValue::Money(MoneyValue {
                amount: 2_500_000.5,
                currency: "RUB".into()
            }))
        );
        let count = |v| TypedValue::of_value(MentionKind::Quantity, Some(v));
        assert_eq!(count("9"), Some(TypedValue::Count(Some(9))));
        assert_eq!(count("X"), Some(TypedValue::Count(None)));
        assert_eq!(count("nine"), None);
        assert!(matches!(
            TypedValue::of_value(MentionKind::Date, Some("2016-10")),
            Some(TypedValue::Date(DateValue {
                precision: DatePrecision::Month,
                ..
            }))
        ));
        assert_eq!(
            TypedValue::of_value(MentionKind::Person, Some("Timur Bekov")),
            None
        );
        assert_eq!(TypedValue::of_value(MentionKind::Date, None), None);
    }
}
