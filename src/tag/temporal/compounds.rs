//! What happens to the candidates between the rules and resolution: of
//! overlapping ones the longest is kept, and neighbours that annotators
//! read as one expression are joined ("10 p.m. EST Wednesday", "January
//! this year").

use chrono::{Datelike, NaiveDate};

use super::candidate::{Candidate, Spec};
use super::TemporalTagger;
use crate::document::ByteSpan;
use crate::tag::MentionKind;

impl TemporalTagger {
    /// Joins neighbours that annotators read as one expression:
    /// a clock time and its day ("10 p.m. EST Wednesday", "noon Thursday",
    /// "5 p.m. Nov. 9"), and a month and its relative year ("January this
    /// year", "June last year").
    pub(super) fn join_compounds(
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
}

/// Keeps the longest of overlapping temporal candidates (earlier rule wins a tie).
pub(super) fn keep_longest(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
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
