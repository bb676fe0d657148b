//! Penalties of `sentence` and `fine` events, read from the clause after
//! the trigger: money for fines; durations for prison terms and other
//! penalties, with their kind from the words around them ("in prison",
//! "of restricted freedom", "of community service"), the bound ("up to",
//! "at least", ranges "three to five years"), and the flags `suspended` and
//! `life`.

use serde::Serialize;

use crate::document::ByteSpan;
use crate::events::lexicon::{EventLexicon, Trigger};
use crate::tag::value::DurationValue;
use crate::tag::{Mention, MentionKind};

/// The penalty of a `sentence` or `fine` event (`RECORDS.md`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Penalty {
    /// `fine`, `prison`, `restricted_freedom`, `community_service`,
    /// `travel_ban`, `death` or `other`.
    pub kind: String,
    /// The amount of a fine.
    pub amount: Option<f64>,
    /// The fine's currency (ISO 4217).
    pub currency: Option<String>,
    /// The term (ISO 8601: `P10Y`, `P18M`, `P15D`); none for a life term.
    pub duration: Option<String>,
    /// `exact`, `up_to` or `at_least`.
    pub bound: &'static str,
    /// The lower term of a range ("three to five years").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_duration: Option<String>,
    /// The lower amount of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_amount: Option<f64>,
    /// A suspended term.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspended: Option<bool>,
    /// A life term.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub life: Option<bool>,
    /// What has no field of its own (lashes, a ban from a profession), in
    /// the text's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    /// The penalty's text ("180 Euros").
    pub text: String,
}

/// The end of the trigger's clause: the sentence end, a semicolon, or the
/// start of a new clause about someone else (", while", "; ").
fn clause_end(text: &str, sentence: ByteSpan, from: usize) -> usize {
    let rest = &text[from..sentence.end];
    [";", ", while ", " while ", ", whereas ", ", but "]
        .iter()
        .filter_map(|sep| rest.find(sep))
        .min()
        .map_or(sentence.end, |p| from + p)
}

fn cue_kinds_in(lexicon: &EventLexicon, text: &str, window: ByteSpan) -> Vec<(ByteSpan, String)> {
    let words = &lexicon.cues.penalty_words;
    words
        .find(window.slice(text))
        .into_iter()
        .map(|m| {
            (
                ByteSpan::new(window.start + m.span.start, window.start + m.span.end),
                words.entry(m.entry).kind.clone(),
            )
        })
        .collect()
}

fn bound_of(m: &Mention, text: &str, cues: &[(ByteSpan, String)]) -> &'static str {
    match m.attr("mod").and_then(|v| v.as_str()) {
        Some("EQUAL_OR_LESS") | Some("LESS_THAN") => return "up_to",
        Some("EQUAL_OR_MORE") | Some("MORE_THAN") => return "at_least",
        _ => {}
    }
    let before_start =
        crate::tag::money::floor_char_boundary(text, m.span.start.saturating_sub(16));
    for (span, kind) in cues {
        if span.end <= m.span.start && span.start >= before_start {
            match kind.as_str() {
                "bound_up_to" => return "up_to",
                "bound_at_least" => return "at_least",
                _ => {}
            }
        }
    }
    "exact"
}

/// The penalty stated with a `sentence` or `fine` trigger, if any.
pub fn penalty_for(
    text: &str,
    sentence: ByteSpan,
    span: ByteSpan,
    trigger: &Trigger,
    mentions: &[Mention],
    lexicon: &EventLexicon,
) -> Option<Penalty> {
    let end = clause_end(text, sentence, span.end);
    let window = ByteSpan::new(span.start, end);
    let cues = cue_kinds_in(lexicon, text, window);
    // Mentions after the trigger, or overlapping its end ("face up to" +
    // "up to ten years").
    let in_window =
        |m: &&Mention| m.span.end > span.end && m.span.start >= span.start && m.span.end <= end;

    if trigger.event_type == "fine" {
        let moneys: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Money)
            .filter(in_window)
            .collect();
        // Amounts in brackets are conversions ("(USD 230)").
        let moneys: Vec<&Mention> = moneys
            .into_iter()
            .filter(|m| !text[..m.span.start].trim_end().ends_with('('))
            .collect();
        let first = *moneys.first()?;
        let amount = first.money().map(|m| m.amount);
        let currency = first.money().map(|m| m.currency.clone());
        let mut penalty = Penalty {
            amount,
            currency,
            bound: bound_of(first, text, &cues),
            ..simple("fine", first.span.slice(text), None)
        };
        // "from 400 to 2,500 manat", "between X and Y".
        if let Some(second) = moneys.get(1) {
            let gap = text[first.span.end..second.span.start]
                .trim()
                .to_lowercase();
            if gap == "to" || gap == "and" {
                penalty.min_amount = penalty.amount;
                penalty.amount = second.money().map(|m| m.amount);
                penalty.bound = "up_to";
                penalty.text = text[first.span.start..second.span.end].to_string();
            }
        }
        return Some(penalty);
    }

    // Sentences: durations, life, death, other.
    let durations: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Duration)
        .filter(in_window)
        .filter(|m| m.duration().is_some_and(DurationValue::is_known))
        .collect();
    let has = |kind: &str| cues.iter().any(|(_, k)| k == kind);
    let first_cue = |kind: &str| cues.iter().find(|(_, k)| k == kind).map(|(s, _)| *s);
    let suspended = has("suspended").then_some(true);

    if durations.is_empty() {
        if let Some(s) = first_cue("life") {
            return Some(Penalty {
                life: Some(true),
                ..simple("prison", s.slice(text), suspended)
            });
        }
        if let Some(s) = first_cue("death") {
            return Some(simple("death", s.slice(text), suspended));
        }
        if let Some(s) = first_cue("other") {
            // "74 lashes": the number before the word.
            let start = text[..s.start]
                .trim_end()
                .rfind(' ')
                .map_or(s.start, |p| p + 1);
            let phrase = text[start..s.end].trim();
            let mut p = simple("other", phrase, suspended);
            p.other = Some(phrase.to_string());
            return Some(p);
        }
        return None;
    }

    // One penalty: the principal (first) term, its kind from the words
    // around it; several terms for several people give the highest, up to.
    let first = durations[0];
    let kind = kind_near(first.span, &cues)
        .or_else(|| trigger.penalty.clone())
        .unwrap_or_else(|| "prison".to_string());
    let mut penalty = Penalty {
        duration: first.value.clone(),
        bound: bound_of(first, text, &cues),
        ..simple(&kind, first.span.slice(text), suspended)
    };
    if let Some(second) = durations.get(1) {
        let gap = text[first.span.end..second.span.start]
            .trim()
            .to_lowercase();
        if gap == "to" || gap == "and" {
            // "between six months and two years", "three to five years".
            penalty.min_duration = first.value.clone();
            penalty.duration = second.value.clone();
            penalty.bound = "up_to";
            penalty.text = text[first.span.start..second.span.end].to_string();
            return Some(penalty);
        }
        // "X to seven years, Y to three years": several people, the highest term.
        let same_kind = kind_near(second.span, &cues).is_none_or(|k| k == penalty.kind);
        let another_person = gap.contains(',') && gap.contains(" to ") || gap.ends_with(" to");
        if same_kind && another_person {
            if months(second) > months(first) {
                penalty.duration = second.value.clone();
            }
            penalty.bound = "up_to";
        }
    }
    // "three to five years": a bare number, "to", then the duration.
    let before = text[..first.span.start].trim_end();
    if let Some(stripped) = before
        .strip_suffix(" to")
        .or_else(|| before.strip_suffix(" and"))
    {
        let number = stripped.rsplit(' ').next().unwrap_or("");
        // Only a bare number ("three", "3"): "52," in "Bekov, 52, to a
        // decade" is an age. The number words parse digits too.
        let bare = !number.is_empty() && number.chars().all(char::is_alphanumeric);
        let low = bare
            .then(|| lexicon.numbers.parse(number).and_then(|c| c.exact()))
            .flatten();
        if let (Some(duration), Some(n)) = (first.duration(), low) {
            penalty.min_duration = Some(duration.with_amount(f64::from(n as u32)).timex());
            penalty.bound = "up_to";
        }
    }
    Some(penalty)
}

/// A penalty of a kind with nothing but its text (and the suspended flag);
/// the other constructors fill in what they know.
fn simple(kind: &str, text: &str, suspended: Option<bool>) -> Penalty {
    Penalty {
        kind: kind.into(),
        amount: None,
        currency: None,
        duration: None,
        bound: "exact",
        min_duration: None,
        min_amount: None,
        suspended,
        life: None,
        other: None,
        text: text.to_string(),
    }
}

/// The penalty kind named right after (or just before) a duration.
fn kind_near(duration: ByteSpan, cues: &[(ByteSpan, String)]) -> Option<String> {
    let kinds = [
        "prison",
        "restricted_freedom",
        "community_service",
        "travel_ban",
        "death",
    ];
    cues.iter()
        .filter(|(s, k)| {
            kinds.contains(&k.as_str())
                && (s.start >= duration.end && s.start <= duration.end + 24
                    || s.end <= duration.start && s.end + 16 >= duration.start)
        })
        .min_by_key(|(s, _)| {
            if s.start >= duration.end {
                s.start - duration.end
            } else {
                duration.start - s.end
            }
        })
        .map(|(_, k)| k.clone())
}

/// The length of a duration mention in months (0 if it has none).
fn months(duration: &Mention) -> f64 {
    duration.duration().map_or(0.0, DurationValue::months)
}
