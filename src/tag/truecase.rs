//! Case for lower-cased documents. Some archives release their text
//! lower-cased ("lucknow: police arrested rakesh kumar in kanpur on
//! monday"), and the name rules read capitals. For such a document (see
//! `segment::is_lower_cased`) the name tagger reads a copy in
//! which the words that are names by general knowledge get their capitals
//! back. ASCII letters change case in place, so every byte offset of the
//! copy is an offset of the text.
//!
//! The rules, in order:
//!
//! 1. **Given names.** A word that is an unambiguous given name
//!    (`given_names.tsv` without `ambiguous=1`) followed by one to three
//!    words that can be parts of a name — letters only, at least two of
//!    them, not a function word (`function_word` and `not_name` in
//!    `name_parts.tsv`), not a person descriptor, not shaped like a verb or
//!    an adverb (-ed, -ing, -ly) unless a given name itself — is a name: all its words
//!    are capitalised ("rakesh kumar had" → "Rakesh Kumar had"). A given
//!    name alone is left as it is.
//! 2. **Places.** A city, region or country (`cities.tsv`,
//!    `countries.tsv`, without `ambiguous=1`) right after a locative word
//!    ("in", "at", "from", "near", "to", "across", "outside", "around",
//!    "of") is capitalised ("in kanpur" → "in Kanpur").
//!
//! Nothing else changes: a lower-cased organisation is still found by the
//! gazetteer entries written in lower case, such as "police".

use rustc_hash::FxHashSet;

use crate::document::ByteSpan;
use crate::error::BuildError;
use crate::gazetteer::Gazetteers;
use crate::trie::PhraseTrie;

/// How many words after a given name may belong to the name.
const MAX_NAME_TAIL: usize = 3;

pub struct Truecaser {
    /// Unambiguous given names, lower-cased.
    given: FxHashSet<String>,
    /// Words that never belong to a name, lower-cased.
    function_words: FxHashSet<String>,
    /// Person descriptors of one word, lower-cased ("activist").
    descriptors: FxHashSet<String>,
    /// Unambiguous places, lower-cased, in a trie that folds ASCII case.
    places: PhraseTrie,
}

const LOCATIVE: &[&str] = &[
    "in", "at", "from", "near", "to", "across", "outside", "around", "of",
];

impl Truecaser {
    pub fn new(gazetteers: &Gazetteers) -> Result<Truecaser, BuildError> {
        let lower = |s: &str| s.to_lowercase();
        let given = gazetteers
            .kind("given_names", "given")
            .filter(|e| !e.flag("ambiguous"))
            .map(|e| lower(&e.surface))
            .collect();
        let function_words = gazetteers
            .kind("name_parts", "function_word")
            .chain(gazetteers.kind("name_parts", "not_name"))
            .map(|e| lower(&e.surface))
            .collect();
        let descriptors = gazetteers
            .kind("person_descriptors", "descriptor")
            .filter(|e| !e.surface.contains(' '))
            .map(|e| lower(&e.surface))
            .collect();
        let place_names: Vec<String> = gazetteers
            .list("cities")
            .iter()
            .chain(gazetteers.list("countries"))
            .filter(|e| !e.flag("ambiguous") && e.surface.chars().count() >= 3)
            .map(|e| lower(&e.surface))
            .collect();
        let places = PhraseTrie::new(&place_names, true).map_err(|_| {
            BuildError::phrase_table(
                "the lower-case place table",
                "cities.tsv, countries.tsv",
                place_names.len(),
            )
        })?;
        Ok(Truecaser {
            given,
            function_words,
            descriptors,
            places,
        })
    }

    /// The text with names capitalised, when it is lower-cased; `None`
    /// otherwise (the text is read as it is).
    pub fn truecase(&self, text: &str) -> Option<String> {
        if !crate::segment::is_lower_cased(text) {
            return None;
        }
        let words = words(text);
        let mut capitals: Vec<usize> = Vec::new();
        let lower: Vec<String> = words.iter().map(|w| w.slice(text).to_lowercase()).collect();
        // 1. Given names and the name parts after them.
        let mut i = 0;
        while i < words.len() {
            if !self.given.contains(&lower[i]) {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < words.len()
                && end - i <= MAX_NAME_TAIL
                && text[words[end - 1].end..words[end].start] == *" "
                && self.name_part(&lower[end])
            {
                end += 1;
            }
            if end > i + 1 {
                capitals.extend(words[i..end].iter().map(|w| w.start));
            }
            i = end;
        }
        // 2. Places after a locative word.
        // Leftmost-longest, one after another: at each byte, the longest
        // place that starts there, and after a place, the next one.
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&first) = bytes.get(at) {
            let found = if self.places.may_start_with(first) {
                self.places.longest_at(bytes, at)
            } else {
                None
            };
            let Some((_, end)) = found else {
                at += 1;
                continue;
            };
            let span = ByteSpan::new(at, end);
            at = end;
            let bounded = !text[..span.start].ends_with(char::is_alphanumeric)
                && !text[span.end..].starts_with(char::is_alphanumeric);
            let before = crate::tag::word_before(crate::tag::before_window(text, span.start));
            if bounded && LOCATIVE.contains(&before.as_str()) {
                capitals.extend(
                    words
                        .iter()
                        .filter(|w| w.start >= span.start && w.end <= span.end)
                        .map(|w| w.start),
                );
            }
        }
        if capitals.is_empty() {
            return None;
        }
        let mut bytes = text.as_bytes().to_vec();
        for at in capitals {
            bytes[at] = bytes[at].to_ascii_uppercase();
        }
        // Only ASCII letters changed case: the bytes are still UTF-8.
        String::from_utf8(bytes).ok()
    }

    /// A word that may continue a name: letters, not a function word or a
    /// descriptor, and not shaped like a verb or an adverb ("-ed", "-ing",
    /// "-ly") unless it is itself a given name ("javed", "saeed").
    fn name_part(&self, word: &str) -> bool {
        let verb_or_adverb = ["ed", "ing", "ly"].iter().any(|end| word.ends_with(end));
        word.len() >= 2
            && word.bytes().all(|b| b.is_ascii_lowercase())
            && !self.function_words.contains(word)
            && !self.descriptors.contains(word)
            && (!verb_or_adverb || self.given.contains(word))
    }
}

/// Words of ASCII letters (names in such archives are transliterated).
fn words(text: &str) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, b) in text.bytes().enumerate() {
        match (b.is_ascii_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(ByteSpan::new(s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(ByteSpan::new(s, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn truecaser() -> Truecaser {
        Truecaser::new(&Gazetteers::embedded().expect("gazetteers")).expect("builds")
    }

    const LOWER: &str = "lucknow: the police on monday arrested rakesh kumar and sunil \
        verma in kanpur after a clash near the railway station. both were taken to a \
        police station, sources said. the two men had organised a march from lucknow \
        that the district administration had not allowed, officials said.";

    #[test]
    fn names_and_places_of_a_lower_cased_text_get_capitals() {
        let cased = truecaser().truecase(LOWER).expect("lower-cased");
        assert_eq!(cased.len(), LOWER.len());
        assert!(
            cased.contains("arrested Rakesh Kumar and Sunil Verma in Kanpur"),
            "{cased}"
        );
        assert!(cased.contains("from Lucknow"), "{cased}");
        // Function words after a name end it; other words keep their case.
        assert!(cased.contains("the police on monday"), "{cased}");
    }

    #[test]
    fn an_ordinary_text_is_read_as_it_is() {
        let text = "Police in Kanpur arrested Rakesh Kumar on Monday. ".repeat(10);
        assert_eq!(truecaser().truecase(&text), None);
    }
}
