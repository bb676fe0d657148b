//! Money: an amount with its ISO 4217 currency ("180 Euros" → 180 EUR,
//! "KZT 50,000", "$1,200", "2.5 million roubles"), and counted groups of
//! people ("9 activists", "two human rights defenders") as quantities.
//!
//! Currency names, codes and symbols come from `gazetteers/currencies.tsv`;
//! the amount next to them is read with the shared number grammar, so words
//! work as well as digits ("ten thousand tenge").

use regex::Regex;

use super::numbers::{Count, NumberWords};
use super::{Mention, MentionKind};
use crate::document::ByteSpan;
use crate::error::BuildError;
use crate::gazetteer::{compile_rule, Gazetteers, PhraseMatcher};
use crate::tokens::Tokens;

pub struct MoneyTagger {
    currencies: PhraseMatcher,
    descriptors: PhraseMatcher,
    numbers: NumberWords,
    /// An amount right after a symbol or code: "$ 1,200", "KZT 50,000".
    amount_after: Regex,
    /// An amount right before a name or code: "180 ", "2.5 million ".
    amount_before: Regex,
    /// A number, then up to three modifiers, up to a group noun: tried from
    /// each word boundary of the text before the noun (see
    /// [`MoneyTagger::leftmost_count`]).
    count_before: Regex,
    /// Words that cannot stand between a number and what it counts.
    not_modifier: crate::gazetteer::Lexicon<()>,
}

/// How far back from a currency name or group noun an amount may start.
const LOOKBACK: usize = 96;

impl MoneyTagger {
    pub fn new(gazetteers: &Gazetteers) -> Result<MoneyTagger, BuildError> {
        let numbers = NumberWords::new(gazetteers);
        let num = numbers.pattern().to_string();
        let scale = r"(?:\s*(?:million|billion|trillion|thousand|mln|bln|bn|m|k)(?-u:\b))?";
        // A word between a number and the noun it counts: an adjective or
        // noun modifier ("two prominent Kazakh ..."), never a function word.
        let modifier = r"(?:[\p{L}'’-]+)";
        let rule = |part: &str, pattern: String| compile_rule(part, "numbers.tsv", &pattern);
        Ok(MoneyTagger {
            currencies: PhraseMatcher::new(
                "the currency automaton",
                "currencies.tsv",
                gazetteers.list("currencies"),
            )?,
            descriptors: PhraseMatcher::new(
                "the counted-group automaton",
                "person_descriptors.tsv",
                gazetteers
                    .kind("person_descriptors", "descriptor")
                    .chain(gazetteers.kind("person_descriptors", "group")),
            )?,
            amount_after: rule(
                "the money rule amount_after",
                format!(r"(?i)^\s?(?P<n>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?{scale})"),
            )?,
            amount_before: rule(
                "the money rule amount_before",
                format!(r"(?i)(?-u:\b)(?P<n>(?:{num}){scale})\s*(?:of\s+)?$"),
            )?,
            count_before: rule(
                "the counted-group rule",
                format!(r"(?i)^(?P<n>{num}|\d+)\s+(?:(?:{modifier})\s+){{0,3}}$"),
            )?,
            not_modifier: crate::gazetteer::Lexicon::new(
                [
                    "and", "or", "as", "of", "the", "to", "with", "for", "in", "on", "at", "by",
                    "from", "than", "who", "were", "was", "are", "is", "had", "have", "has",
                    "been", "be", "their", "its", "his", "her", "against", "after", "before",
                    "during", "since", "over", "under", "into", "about", "between", "among",
                    "until", "when", "where", "while",
                ]
                .into_iter()
                .map(|w| (w, ()))
                .chain(
                    gazetteers
                        .kind("temporal", "unit")
                        .map(|e| (e.surface.as_str(), ())),
                )
                // "on 8 March activists marched": a day's number, not a count.
                .chain(
                    gazetteers
                        .kind("temporal", "month")
                        .chain(gazetteers.kind("temporal", "weekday"))
                        .filter(|e| !e.flag("abbr"))
                        .map(|e| (e.surface.as_str(), ())),
                ),
            ),
            numbers,
        })
    }

    #[cfg(test)]
    pub fn tag(&self, text: &str) -> Vec<Mention> {
        self.tag_in(text, &Tokens::new(text))
    }

    /// [`MoneyTagger::tag`] with the tokens of `text` computed.
    pub fn tag_in(&self, text: &str, tokens: &Tokens) -> Vec<Mention> {
        let mut mentions = Vec::new();
        let matches = self.currencies.find_in(text, tokens);
        let mut i = 0;
        while i < matches.len() {
            let m = matches[i];
            i += 1;
            // Several entries may share a span ("pounds": GBP, weight); take
            // the first non-ambiguous one, else the first.
            let entry = self.currencies.entry(m.entry);
            let code = entry.canonical.clone();
            let mention = match entry.kind.as_str() {
                "symbol" => self.after(text, m.span, &code, "money.symbol_amount"),
                "code" => self
                    .after(text, m.span, &code, "money.code_amount")
                    .or_else(|| self.before(text, m.span, &code, "money.amount_code")),
                _ => self.before(text, m.span, &code, "money.amount_name"),
            };
            if let Some(mention) = mention {
                mentions.push(mention);
            }
        }
        mentions.extend(self.counts(text, tokens));
        mentions
    }

    fn after(
        &self,
        text: &str,
        currency: ByteSpan,
        code: &str,
        rule: &'static str,
    ) -> Option<Mention> {
        let caps = self.amount_after.captures(&text[currency.end..])?;
        let n = caps.name("n")?;
        let amount = self.numbers.parse(n.as_str())?.exact()?;
        let span = ByteSpan::new(currency.start, currency.end + n.end());
        Some(money(span, amount, code, rule))
    }

    fn before(
        &self,
        text: &str,
        currency: ByteSpan,
        code: &str,
        rule: &'static str,
    ) -> Option<Mention> {
        let window_start = floor_char_boundary(text, currency.start.saturating_sub(LOOKBACK));
        let window = &text[window_start..currency.start];
        let caps = self.amount_before.captures(window)?;
        let n = caps.name("n")?;
        let amount = self.numbers.parse(n.as_str())?.exact()?;
        let span = ByteSpan::new(window_start + n.start(), currency.end);
        Some(money(span, amount, code, rule))
    }

    /// "9 activists", "two prominent human rights defenders", "dozens of
    /// protesters": a number before a plural person descriptor.
    fn counts(&self, text: &str, tokens: &Tokens) -> Vec<Mention> {
        let mut out = Vec::new();
        for m in self.descriptors.find_in(text, tokens) {
            let entry = self.descriptors.entry(m.entry);
            if !entry.flag("plural") {
                continue;
            }
            let window_start = floor_char_boundary(text, m.span.start.saturating_sub(LOOKBACK));
            let window = &text[window_start..m.span.start];
            // A count ends at most three modifiers before the noun: without
            // a word there that can end a number, the rule cannot match.
            if !window
                .split_whitespace()
                .rev()
                .take(4)
                .any(|w| self.numbers.may_end_number(w))
            {
                continue;
            }
            // The number nearest the noun counts it: "on 8 March convicted
            // four leaders" counts four.
            // ("50 mln people": a scale word is no nearer number).
            let mut from = 0;
            let mut found = None;
            let n = loop {
                let Some((start, end)) = self.leftmost_count(&window[from..]) else {
                    break found;
                };
                let (start, end) = (from + start, from + end);
                found = Some((start, end));
                let nearer = window[end..]
                    .split_whitespace()
                    .any(|w| self.numbers.parse(w).is_some());
                if !nearer {
                    break found;
                }
                from = end;
            };
            let Some((n_start, n_end)) = n else { continue };
            let n_text = &window[n_start..n_end];
            // Do not reach over a sentence end, another clause or a
            // function word ("ten minutes and relatives").
            let between = &window[n_end..];
            if between.contains(['.', ',', ';', ':', '\n'])
                || between
                    .split_whitespace()
                    .any(|w| self.not_modifier.contains(w))
            {
                continue;
            }
            let Some(count) = self.numbers.parse(n_text) else {
                continue;
            };
            let value = match count {
                Count::Exact(v) if v >= 1.0 && v.fract() == 0.0 => format!("{}", v as i64),
                Count::Exact(_) => continue,
                Count::Vague => "X".to_string(),
            };
            let span = ByteSpan::new(window_start + n_start, m.span.end);
            out.push(
                Mention::new(MentionKind::Quantity, span, Some(value), "quantity.people")
                    .with("unit", entry.canonical.clone()),
            );
        }
        out
    }

    /// The number of the leftmost count in `text` that runs to its end ("on
    /// 8 March convicted four prominent" gives "8"): where the counted-group
    /// rule, preceded by an ASCII word boundary, matches first.
    ///
    /// The rule is tried from each word boundary, leftmost first, anchored
    /// there: one search over the whole text, unanchored, would run a
    /// reverse DFA from the end whose states (number words times modifiers)
    /// are mostly new in every text, measured at about 120,000 instructions
    /// a call; anchored at a boundary, the search stops within a byte or two
    /// of any word that starts no number.
    fn leftmost_count(&self, text: &str) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        let is_word = |at: usize| {
            bytes
                .get(at)
                .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
        };
        (0..bytes.len())
            .filter(|&at| text.is_char_boundary(at) && (at > 0 && is_word(at - 1)) != is_word(at))
            .find_map(|at| {
                let n = self.count_before.captures(&text[at..])?.name("n")?;
                Some((at + n.start(), at + n.end()))
            })
    }
}

fn money(span: ByteSpan, amount: f64, code: &str, rule: &'static str) -> Mention {
    let amount_text = if amount.fract() == 0.0 {
        format!("{}", amount as i64)
    } else {
        format!("{amount}")
    };
    let amount_json = if amount.fract() == 0.0 && amount.abs() < 9.0e15 {
        serde_json::Value::from(amount as i64)
    } else {
        serde_json::Value::from(amount)
    };
    Mention::new(
        MentionKind::Money,
        span,
        Some(format!("{amount_text} {code}")),
        rule,
    )
    .with("amount", amount_json)
    .with("currency", code.to_string())
}

/// The largest character boundary at or below `pos`.
pub fn floor_char_boundary(text: &str, mut pos: usize) -> usize {
    while pos > 0 && !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money_values(text: &str) -> Vec<(String, String)> {
        let tagger = MoneyTagger::new(&Gazetteers::embedded().unwrap()).unwrap();
        tagger
            .tag(text)
            .into_iter()
            .map(|m| (m.span.slice(text).to_string(), m.value.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn amounts_and_currencies() {
        let cases = [
            ("fined them 150 Euros.", "150 Euros", "150 EUR"),
            ("a fine of KZT 50,000 was", "KZT 50,000", "50000 KZT"),
            ("paid 50,000 tenge", "50,000 tenge", "50000 KZT"),
            ("bail of $1,200 was", "$1,200", "1200 USD"),
            ("2.5 million roubles", "2.5 million roubles", "2500000 RUB"),
            ("€3,000", "€3,000", "3000 EUR"),
            ("ten thousand tenge", "ten thousand tenge", "10000 KZT"),
            (
                "100,000 Kenyan shillings",
                "100,000 Kenyan shillings",
                "100000 KES",
            ),
        ];
        for (text, span, value) in cases {
            let got = money_values(text);
            assert!(
                got.contains(&(span.to_string(), value.to_string())),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn counted_people() {
        let got =
            money_values("Police arrested 9 activists and two prominent human rights defenders.");
        assert!(got.contains(&("9 activists".into(), "9".into())), "{got:?}");
        assert!(
            got.contains(&("two prominent human rights defenders".into(), "2".into())),
            "{got:?}"
        );
    }

    #[test]
    fn the_number_nearest_the_noun_counts_it_and_a_day_does_not() {
        let got = money_values("A court on 8 March convicted four leaders of the union.");
        assert!(
            got.contains(&("four leaders".into(), "4".into())),
            "{got:?}"
        );
        assert_eq!(got.len(), 1, "{got:?}");
        let got = money_values("On 12 May activists marched to the square.");
        assert!(got.is_empty(), "{got:?}");
        let got = money_values("The flood displaced 50 mln people.");
        assert!(
            got.contains(&("50 mln people".into(), "50".into())),
            "{got:?}"
        );
    }

    /// The anchored tries at word boundaries find what one unanchored search
    /// of the rule (with its boundary in front) finds.
    #[test]
    fn counts_tried_at_boundaries_are_the_leftmost_of_one_search() {
        use proptest::prelude::*;
        let tagger = MoneyTagger::new(&Gazetteers::embedded().unwrap()).unwrap();
        let num = tagger.numbers.pattern();
        let unanchored = Regex::new(&format!(
            r"(?i)(?-u:\b)(?P<n>{num}|\d+)\s+(?:(?:[\p{{L}}'’-]+)\s+){{0,3}}$"
        ))
        .unwrap();
        let leftmost = |text: &str| {
            unanchored
                .captures(text)
                .and_then(|c| c.name("n"))
                .map(|n| (n.start(), n.end()))
        };
        // A digit outside ASCII right after a letter starts at a boundary.
        for text in [
            "x٣ elected ",
            "on 8 March convicted four ",
            "x_9 three ",
            "dozens of ",
        ] {
            assert_eq!(tagger.leftmost_count(text), leftmost(text), "{text:?}");
        }
        assert_eq!(tagger.leftmost_count("x٣ elected "), Some((1, 3)));
        let words = [
            "two",
            "hundred",
            "and",
            "fifty",
            "8",
            "March",
            "a",
            "dozen",
            "of",
            "some",
            "x",
            "prominent",
            "Kazakh",
            "on",
            "1,200",
            "x_9",
            "٣",
            "élus",
            "twenty-one",
            "few",
        ];
        let seps = [" ", "  ", "\n", ", ", "-", ""];
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
            cases: 600,
            ..ProptestConfig::default()
        });
        runner
            .run(
                &proptest::collection::vec((0..words.len(), 0..seps.len()), 0..9),
                |picks| {
                    let text: String = picks
                        .iter()
                        .map(|&(w, s)| format!("{}{}", words[w], seps[s]))
                        .collect();
                    prop_assert_eq!(tagger.leftmost_count(&text), leftmost(&text), "{:?}", text);
                    Ok(())
                },
            )
            .unwrap();
    }
}
