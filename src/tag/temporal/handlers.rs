//! The rule handlers, one per rule of the table in `rules.rs`: each reads
//! its rule's captures, rejects what is no temporal expression there and
//! proposes a [`Candidate`]; with their helpers (month names, bare
//! abbreviations, approximators, time zones, period words).

use chrono::NaiveDate;
use regex::Captures;

use super::candidate::{Candidate, Relation, Spec};
use super::context::{is_fraction_of, is_rate, year_context};
use super::timex::{duration_value, modifier_code, offset_of, relation_code, weekday_from};
use super::TemporalTagger;
use crate::document::ByteSpan;
use crate::tag::numbers::Count;
use crate::tag::{after_window, before_window, word_before, MentionKind};

impl TemporalTagger {
    // --- rules -----------------------------------------------------------

    pub(super) fn iso(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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

    pub(super) fn numeric(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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
        // first (the convention of the wire services), unless the anchor
        // says otherwise (Spec::NumericDate).
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        NaiveDate::from_ymd_opt(year, month, day)?;
        if a != b && a <= 12 && b <= 12 {
            return Some(Candidate {
                span: whole(caps),
                kind: MentionKind::Date,
                rule: "date.numeric",
                spec: Spec::NumericDate {
                    year,
                    first: a,
                    second: b,
                },
                modifier: None,
            });
        }
        Some(fixed(
            whole(caps),
            MentionKind::Date,
            "date.numeric",
            format!("{year:04}-{month:02}-{day:02}"),
        ))
    }

    pub(super) fn numeric_day(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let (span, first, second) = numeric_day_span(caps, text)?;
        Some(Candidate {
            span,
            kind: MentionKind::Date,
            rule: "date.numeric_day",
            spec: Spec::NumericDay { first, second },
            modifier: None,
        })
    }

    pub(super) fn day_month(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let month = self.month(caps.name("mon")?.as_str())?;
        let day = match (caps.name("d"), caps.name("dw")) {
            (Some(d), _) => d.as_str().parse().ok()?,
            (None, Some(w)) => self.numbers.parse(w.as_str())?.exact()? as u32,
            _ => return None,
        };
        self.day_of_month(
            caps,
            text,
            month,
            day,
            ["date.day_month_year", "date.day_month"],
        )
    }

    pub(super) fn month_day(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let month = self.month(caps.name("mon")?.as_str())?;
        let day: u32 = caps["d"].parse().ok()?;
        self.day_of_month(
            caps,
            text,
            month,
            day,
            ["date.month_day_year", "date.month_day"],
        )
    }

    /// The date of a day_month or month_day match: `rules` name it with a
    /// year and without.
    fn day_of_month(
        &self,
        caps: &Captures,
        text: &str,
        month: u32,
        day: u32,
        [with_year, without_year]: [&'static str; 2],
    ) -> Option<Candidate> {
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
                with_year
            } else {
                without_year
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

    pub(super) fn month_year(&self, caps: &Captures, text: &str) -> Option<Candidate> {
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

    pub(super) fn year(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let y = caps.name("y")?;
        let span = whole(caps);
        let before = before_window(text, y.start());
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
        if caps.name("mod").is_none() && !year_context(before, after) || count_range(after) {
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

    pub(super) fn decade(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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

    pub(super) fn weekday(&self, caps: &Captures, text: &str) -> Option<Candidate> {
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

    pub(super) fn day_offset(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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

    pub(super) fn anchor_unit(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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

    pub(super) fn ago(&self, caps: &Captures, text: &str) -> Option<Candidate> {
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

    pub(super) fn narrative(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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

    pub(super) fn season(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        let season_word = caps.name("season")?;
        let season = self.seasons.get(season_word.as_str())?.clone();
        let year = caps.name("y").and_then(|y| y.as_str().parse().ok());
        let rel = caps.name("rel").map(|r| r.as_str().to_lowercase());
        if year.is_none() && rel.is_none() {
            // A bare season word is a date only after "in", "the", "during",
            // ... ("spring" and "fall" are also verbs).
            let before = before_window(text, season_word.start())
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

    pub(super) fn quarter(&self, caps: &Captures, text: &str) -> Option<Candidate> {
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

    pub(super) fn decade_word(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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

    pub(super) fn century(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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

    pub(super) fn spoken_year(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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

    pub(super) fn holiday(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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

    pub(super) fn reported_quarter(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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
    pub(super) fn year_part(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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
    pub(super) fn half_year(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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
    pub(super) fn weekend(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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

    pub(super) fn reference(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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

    pub(super) fn duration(&self, caps: &Captures, text: &str) -> Option<Candidate> {
        if caps
            .name("tail")
            .is_some_and(|t| t.as_str().to_lowercase().contains("old"))
        {
            return None; // an age, not a duration
        }
        let n = caps.name("n")?;
        let count = self.numbers.parse(n.as_str())?;
        let unit = self.units.get(caps.name("unit")?.as_str())?.clone();
        let after = after_window(text, caps.get(0).map_or(n.end(), |m| m.end()));
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
        if article && caps.name("pre").is_none() && is_rate(before_window(text, n.start())) {
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
    pub(super) fn fraction_duration(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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

    pub(super) fn bare_duration(&self, caps: &Captures, text: &str) -> Option<Candidate> {
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
                let before = before_window(text, pre.start()).trim_end().to_lowercase();
                let after_over_or_in = before.ends_with(" over") || before.ends_with(" in");
                if pre.as_str() == "the" && caps.name("ahead").is_none() && !after_over_or_in {
                    return None;
                }
                // "in the weeks before the shooting": annotators mark "weeks".
                let next = after_window(text, unit.end()).trim_start().to_lowercase();
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

    pub(super) fn clock(&self, caps: &Captures, text: &str) -> Option<Candidate> {
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
            if before_window(text, word.start())
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
        if let Some(zone) = self.zone_after(after_window(text, span.end)) {
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

    pub(super) fn set(&self, caps: &Captures, _: &str) -> Option<Candidate> {
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
        let prev = word_before(before_window(text, start));
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
}

/// Whether the text after a four-digit number makes it the first count of a
/// range: "between 2000 and 10000 people", "2000 to 3000 protesters" (a
/// second number that is no year, or one followed by a plural noun; not
/// "1957-58").
fn count_range(after: &str) -> bool {
    let rest = after.trim_start();
    let Some((joint, rest)) = ["and ", "to ", "-", "–"]
        .iter()
        .find_map(|joint| rest.strip_prefix(joint).map(|r| (*joint, r)))
    else {
        return false;
    };
    let rest = rest.trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return false;
    }
    // "1957-58" is a span of years.
    let second_is_year = digits == 4 && matches!(rest.get(..2), Some("18" | "19" | "20"))
        || digits == 2 && matches!(joint, "-" | "–");
    let next_word = rest[digits..]
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    // "between 2000 and 3000 people" counts, "the 1985-1986 arms sales"
    // spans years.
    !second_is_year
        || matches!(joint, "and " | "to ")
            && next_word.starts_with(char::is_lowercase)
            && (next_word == "people" || next_word.len() > 3 && next_word.ends_with('s'))
}

/// "on 11/02", "the night of 22/02": a day and a month without a year,
/// in either order (resolved against the anchor: [`Spec::NumericDay`]).
/// Not a fraction or a ratio ("1/2", "24/7" stand after no "on" or "of"),
/// nor the start of a date with a year ("on 11/02/2018").
fn numeric_day_span(caps: &Captures, text: &str) -> Option<(ByteSpan, u32, u32)> {
    let a = caps.name("a")?;
    let b = caps.name("b")?;
    if text[b.end()..].starts_with(['/', '.'])
        && text[b.end() + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let first: u32 = a.as_str().parse().ok()?;
    let second: u32 = b.as_str().parse().ok()?;
    let day_month = (1..=31).contains(&first) && (1..=12).contains(&second);
    let month_day = (1..=12).contains(&first) && (1..=31).contains(&second);
    (day_month || month_day).then(|| (ByteSpan::new(a.start(), b.end()), first, second))
}

fn whole(caps: &Captures) -> ByteSpan {
    let m = caps.get(0).expect("group 0 always exists");
    // Trim whitespace that optional leading groups may leave.
    let s = m.as_str();
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    ByteSpan::new(m.start() + lead, m.end() - trail)
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
