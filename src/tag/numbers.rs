//! Numbers written in digits or words ("9", "1,200", "2.5 million",
//! "nine", "twenty-five", "a dozen", "dozens"), from `gazetteers/numbers.tsv`.
//!
//! Taggers embed [`NumberWords::pattern`] in their regular expressions and
//! read the matched text back with [`NumberWords::parse`], so that "ten years",
//! "10 years" and "a decade" reach the same value.

use crate::gazetteer::{Gazetteers, Lexicon};

/// A parsed number: exact, or known only to be "some" ("several", "dozens").
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Count {
    Exact(f64),
    Vague,
}

impl Count {
    pub fn exact(self) -> Option<f64> {
        match self {
            Count::Exact(v) => Some(v),
            Count::Vague => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Word {
    Unit(f64),
    Ten(f64),
    Scale(f64),
    Group(f64),
    Vague,
    Ordinal(f64),
}

pub struct NumberWords {
    words: Lexicon<Word>,
    /// The last word of every number word or phrase ("five" of
    /// "twenty-five", "dozen" of "a dozen"), and "of" ("dozens of").
    final_words: Lexicon<()>,
    /// The length of the longest of them, in chars.
    longest_final_word: usize,
    pattern: String,
    ordinal_pattern: String,
    below_hundred_pattern: String,
}

impl NumberWords {
    pub fn new(gazetteers: &Gazetteers) -> NumberWords {
        let mut words = Lexicon::default();
        let mut final_words = Lexicon::new([("of", ())]);
        let mut longest_final_word = 2;
        let mut units = Vec::new();
        let mut tens = Vec::new();
        let mut scales = Vec::new();
        let mut groups = Vec::new();
        let mut vague = Vec::new();
        let mut ordinals = Vec::new();
        for entry in gazetteers.list("numbers") {
            let value: f64 = entry.canonical.parse().unwrap_or(0.0);
            let word = match entry.kind.as_str() {
                "unit" => Word::Unit(value),
                "ten" => Word::Ten(value),
                "scale" => Word::Scale(value),
                "group" => Word::Group(value),
                "vague" => Word::Vague,
                "ordinal" => Word::Ordinal(value),
                _ => continue,
            };
            words.insert(&entry.surface, word);
            if let Some(last) = entry
                .surface
                .rsplit(|c: char| c.is_whitespace() || c == '-')
                .next()
            {
                final_words.insert(last, ());
                longest_final_word = longest_final_word.max(last.chars().count());
            }
            let escaped = regex::escape(&entry.surface).replace(' ', r"\s+");
            match word {
                Word::Unit(_) => units.push(escaped),
                Word::Ten(_) => tens.push(escaped),
                Word::Scale(_) if !entry.flag("abbr") => scales.push(escaped),
                Word::Group(_) => groups.push(escaped),
                Word::Vague => vague.push(escaped),
                Word::Ordinal(_) => ordinals.push(escaped),
                _ => {}
            }
        }
        let alt = |mut v: Vec<String>| {
            v.sort_by_key(|s| std::cmp::Reverse(s.len()));
            v.join("|")
        };
        let units = alt(units);
        let tens = alt(tens);
        let scales = alt(scales);
        let groups = alt(groups);
        let vague = alt(vague);
        let ordinals = alt(ordinals);
        // digits (with thousands separators and decimals) or words, then an
        // optional scale ("2.5 million", "two hundred thousand").
        let word_number = format!(
            r"(?:(?:{tens})(?:[- ](?:{units}))?|(?:{units}))(?:\s+(?:and\s+)?(?:{tens}|{units}|{scales}))*"
        );
        let pattern = format!(
            r"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{word_number}|an?\s+(?:(?:{groups})(?:\s+of)?|{scales})|(?:{groups})(?:\s+of)?|(?:{vague})(?:\s+of)?)(?:\s+(?:{scales})(?:\s+(?:{scales}))?)?"
        );
        let ordinal_pattern = format!(r"(?:(?:{tens})[- ])?(?:{ordinals})");
        let below_hundred_pattern = format!(r"(?:{tens})(?:[- ](?:{units}))?|(?:{units})");
        NumberWords {
            words,
            final_words,
            longest_final_word,
            pattern,
            ordinal_pattern,
            below_hundred_pattern,
        }
    }

    /// A regular-expression fragment (no capture groups) that matches a
    /// number in digits or words; case-insensitive use is intended.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// A fragment matching a number from one to ninety-nine in words
    /// ("seven", "ninety-six"), as spoken years are built from.
    pub fn below_hundred_pattern(&self) -> &str {
        &self.below_hundred_pattern
    }

    /// A fragment matching ordinal words ("third", "twenty-first").
    pub fn ordinal_pattern(&self) -> &str {
        &self.ordinal_pattern
    }

    /// Whether a word (text between spaces) can end a number that
    /// [`NumberWords::pattern`] matches: it holds a digit, or it ends with
    /// the last word of a number ("twenty-five", "(five", "“some", "dozens
    /// of"). A cheap test before a rule's regex runs: a number matched by
    /// the pattern and followed by a space ends a word for which this is
    /// true.
    pub fn may_end_number(&self, word: &str) -> bool {
        word.bytes().any(|b| b.is_ascii_digit())
            || word
                .char_indices()
                .rev()
                .take(self.longest_final_word)
                .any(|(at, _)| self.final_words.contains(&word[at..]))
    }

    /// The value of a number matched by [`NumberWords::pattern`] (also plain
    /// "a"/"an", which count as one).
    pub fn parse(&self, text: &str) -> Option<Count> {
        let text = text.trim();
        let lower = text.to_lowercase();
        if lower == "a" || lower == "an" || lower == "one" {
            return Some(Count::Exact(1.0));
        }
        let mut total = 0.0;
        let mut current = 0.0;
        let mut seen = false;
        for raw in lower.split(|c: char| c.is_whitespace() || c == '-') {
            if raw.is_empty() || raw == "and" || raw == "of" {
                continue;
            }
            if raw == "a" || raw == "an" {
                current = 1.0;
                seen = true;
                continue;
            }
            if raw.starts_with(|c: char| c.is_ascii_digit()) {
                let digits: String = raw.chars().filter(|c| *c != ',').collect();
                current += digits.parse::<f64>().ok()?;
                seen = true;
                continue;
            }
            match self.words.get(raw)? {
                Word::Unit(v) | Word::Ten(v) => current += v,
                Word::Group(v) => current = current.max(1.0) * v,
                Word::Scale(v) => {
                    let v = *v;
                    if v >= 1000.0 {
                        total += current.max(1.0) * v;
                        current = 0.0;
                    } else {
                        current = current.max(1.0) * v;
                    }
                }
                Word::Vague => return Some(Count::Vague),
                Word::Ordinal(v) => current += v,
            }
            seen = true;
        }
        seen.then_some(Count::Exact(total + current))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn numbers() -> NumberWords {
        NumberWords::new(&Gazetteers::embedded().unwrap())
    }

    #[test]
    fn parses_digits_and_words() {
        let n = numbers();
        let cases = [
            ("9", 9.0),
            ("1,200", 1200.0),
            ("2.5 million", 2_500_000.0),
            ("nine", 9.0),
            ("twenty-five", 25.0),
            ("a dozen", 12.0),
            ("two hundred thousand", 200_000.0),
            ("one hundred and fifty", 150.0),
            ("Ten", 10.0),
        ];
        for (text, value) in cases {
            assert_eq!(n.parse(text), Some(Count::Exact(value)), "{text}");
        }
        assert_eq!(n.parse("dozens"), Some(Count::Vague));
        assert_eq!(n.parse("several"), Some(Count::Vague));
        assert_eq!(n.parse("banana"), None);
    }

    #[test]
    fn words_that_may_end_a_number() {
        let n = numbers();
        for word in [
            "9",
            "1,200",
            "five",
            "twenty-five",
            "(Five",
            "\u{201c}some",
            "dozen",
            "dozens",
            "of",
            "million",
        ] {
            assert!(n.may_end_number(word), "{word}");
        }
        for word in ["banana", "people", "five)", "", "-"] {
            assert!(!n.may_end_number(word), "{word}");
        }
    }

    #[test]
    fn pattern_matches_whole_numbers() {
        let n = numbers();
        let re = Regex::new(&format!(r"(?i)^(?:{})$", n.pattern())).unwrap();
        for text in [
            "9",
            "1,200",
            "2.5 million",
            "twenty-five",
            "a dozen",
            "dozens of",
            "nine",
        ] {
            assert!(re.is_match(text), "{text}");
        }
    }
}
