//! Tagging: the stage that attaches typed spans ("mentions") to a document.
//!
//! Each rule family lives in its own module and proposes candidate mentions;
//! [`resolve_overlaps`] then keeps, wherever candidates overlap, the longest
//! one (ties go to the family with the higher priority). Every mention names
//! the rule that produced it.

pub mod money;
pub mod names;
pub mod numbers;
pub mod temporal;
pub mod truecase;
pub mod value;

use serde_json::Value;

use crate::document::{ByteSpan, SpanSet};
use value::{DateValue, DurationValue, MoneyValue, TypedValue};

/// How far the rules read around a candidate, in bytes. Every rule that
/// looks at the words before or after a candidate reads them through
/// [`before_window`] and [`after_window`], so that the work per candidate is
/// bounded however long the document is (a 20 MB document costs twenty
/// times a 1 MB one, not four hundred).
pub(crate) const LOOK_AROUND_BYTES: usize = 256;

/// At most [`LOOK_AROUND_BYTES`] of `text` before byte `pos`, starting on
/// a character boundary.
pub(crate) fn before_window(text: &str, pos: usize) -> &str {
    let mut start = pos.saturating_sub(LOOK_AROUND_BYTES);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..pos]
}

/// At most [`LOOK_AROUND_BYTES`] of `text` after byte `pos`, ending on a
/// character boundary.
pub(crate) fn after_window(text: &str, pos: usize) -> &str {
    let mut end = (pos + LOOK_AROUND_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[pos..end]
}

/// The word that ends `before` (trailing whitespace skipped), lower-cased:
/// the context the rules read before a candidate ("in", "since", "of").
/// Empty when `before` ends in punctuation.
pub(crate) fn word_before(before: &str) -> String {
    before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// What a mention is. The names are those of the record contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MentionKind {
    Date,
    Time,
    Duration,
    Set,
    Person,
    Organisation,
    Location,
    Money,
    Penalty,
    Quantity,
    Trigger,
}

impl MentionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Date => "date",
            MentionKind::Time => "time",
            MentionKind::Duration => "duration",
            MentionKind::Set => "set",
            MentionKind::Person => "person",
            MentionKind::Organisation => "organisation",
            MentionKind::Location => "location",
            MentionKind::Money => "money",
            MentionKind::Penalty => "penalty",
            MentionKind::Quantity => "quantity",
            MentionKind::Trigger => "trigger",
        }
    }

    pub fn is_temporal(self) -> bool {
        matches!(
            self,
            MentionKind::Date | MentionKind::Time | MentionKind::Duration | MentionKind::Set
        )
    }

    /// Who wins a tie between overlapping candidates of equal length.
    fn priority(self) -> u8 {
        match self {
            MentionKind::Money => 9,
            MentionKind::Date | MentionKind::Time | MentionKind::Duration | MentionKind::Set => 8,
            MentionKind::Organisation => 7,
            MentionKind::Person => 6,
            MentionKind::Location => 5,
            MentionKind::Quantity => 4,
            MentionKind::Penalty | MentionKind::Trigger => 3,
        }
    }
}

/// A typed span of a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub kind: MentionKind,
    pub span: ByteSpan,
    /// The normalised value: a TIMEX3 value, a canonical name, "180 EUR".
    pub value: Option<String>,
    /// The rule that produced the mention, `family.rule`.
    pub rule: &'static str,
    /// Further fields of the record (`country`, `amount`, `currency`, `mod`).
    pub attrs: Vec<(&'static str, Value)>,
    /// The value as Rust values, for the stages after the taggers (dates,
    /// durations, money, counts; see [`value`]); not written in records.
    /// [`Mention::new`] reads it from the value string, once.
    pub typed: Option<TypedValue>,
}

impl Mention {
    pub fn new(
        kind: MentionKind,
        span: ByteSpan,
        value: Option<String>,
        rule: &'static str,
    ) -> Mention {
        let typed = TypedValue::of_value(kind, value.as_deref());
        Mention {
            kind,
            span,
            value,
            rule,
            attrs: Vec::new(),
            typed,
        }
    }

    /// The typed date of a date or time mention.
    pub fn date(&self) -> Option<&DateValue> {
        match &self.typed {
            Some(TypedValue::Date(date)) => Some(date),
            _ => None,
        }
    }

    /// The typed duration of a duration mention.
    pub fn duration(&self) -> Option<&DurationValue> {
        match &self.typed {
            Some(TypedValue::Duration(duration)) => Some(duration),
            _ => None,
        }
    }

    /// The amount and currency of a money mention.
    pub fn money(&self) -> Option<&MoneyValue> {
        match &self.typed {
            Some(TypedValue::Money(money)) => Some(money),
            _ => None,
        }
    }

    /// The number of people of a counted group, when exact.
    pub fn count(&self) -> Option<u64> {
        match &self.typed {
            Some(TypedValue::Count(count)) => *count,
            _ => None,
        }
    }

    pub fn with(mut self, key: &'static str, value: impl Into<Value>) -> Mention {
        self.attrs.push((key, value.into()));
        self
    }

    pub fn attr(&self, key: &str) -> Option<&Value> {
        self.attrs.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
}

/// Keeps non-overlapping candidates: longer spans first, then by kind
/// priority, then earlier. The result is sorted by position.
pub fn resolve_overlaps(mut candidates: Vec<Mention>) -> Vec<Mention> {
    candidates.sort_by(|a, b| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(b.kind.priority().cmp(&a.kind.priority()))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut kept: Vec<Mention> = Vec::with_capacity(candidates.len());
    let mut taken = SpanSet::new();
    for candidate in candidates {
        if taken.insert_if_free(candidate.span) {
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|m| (m.span.start, m.span.end));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_bounded_and_on_char_boundaries() {
        let text = "é".repeat(1000);
        let before = before_window(&text, 1000);
        assert!(before.len() <= LOOK_AROUND_BYTES && before.len() >= LOOK_AROUND_BYTES - 1);
        assert!(text[..1000].ends_with(before));
        let after = after_window(&text, 1000);
        assert!(after.len() <= LOOK_AROUND_BYTES && text[1000..].starts_with(after));
        assert_eq!(before_window("ab", 1), "a");
        assert_eq!(after_window("ab", 1), "b");
    }

    #[test]
    fn longest_candidate_wins_then_priority() {
        let m = |kind, s, e| Mention::new(kind, ByteSpan::new(s, e), None, "test");
        let kept = resolve_overlaps(vec![
            m(MentionKind::Date, 0, 3),
            m(MentionKind::Person, 0, 8),
            m(MentionKind::Location, 10, 14),
            m(MentionKind::Money, 10, 14),
            m(MentionKind::Quantity, 20, 22),
        ]);
        let kinds: Vec<_> = kept.iter().map(|m| (m.kind, m.span.start)).collect();
        assert_eq!(
            kinds,
            [
                (MentionKind::Person, 0),
                (MentionKind::Money, 10),
                (MentionKind::Quantity, 20)
            ]
        );
    }
}
