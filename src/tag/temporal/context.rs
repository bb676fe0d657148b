//! What the words around a match say: whether a number reads as a year,
//! a count of a unit as a rate or a fraction, and whether a past verb or
//! a word of the future stands before a day.

use crate::tag::word_before;

/// Whether the word before a day (skipping "on", "early", "late") is a
/// verb in the past tense: "-ed" or a common irregular past ("said",
/// "told", "met").
pub(super) fn past_verb_before(before: &str) -> bool {
    const IRREGULAR: [&str; 16] = [
        "said", "told", "met", "came", "went", "began", "held", "left", "gave", "took", "made",
        "saw", "spoke", "wrote", "found", "was",
    ];
    before
        .split_whitespace()
        .rev()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .find(|w| !matches!(w.as_str(), "on" | "early" | "late" | "last"))
        .is_some_and(|w| (w.len() > 4 && w.ends_with("ed")) || IRREGULAR.contains(&w.as_str()))
}

/// Whether the day follows "until" or "as soon as": a day still to come
/// ("postponed until Tuesday").
pub(super) fn future_word_before(before: &str) -> bool {
    let lower = before.trim_end().to_lowercase();
    lower.ends_with(" until")
        || lower.ends_with(" till")
        || lower.ends_with("as soon as")
        || lower.ends_with("until next")
}

/// Whether "quarters" is followed by "of" and a determiner: a fraction of
/// a thing ("three-quarters of its food"), not a span of quarters ("several
/// quarters of losses").
pub(super) fn is_fraction_of(after: &str) -> bool {
    let lower = after.trim_start().to_lowercase();
    let Some(rest) = lower.strip_prefix("of ") else {
        return false;
    };
    let next = rest.split_whitespace().next().unwrap_or("");
    matches!(
        next,
        "the"
            | "a"
            | "an"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "your"
            | "all"
            | "this"
            | "that"
            | "these"
            | "those"
            | "them"
            | "us"
            | "it"
    )
}

/// Whether the text before "a week" ends in a count or an amount, so that
/// "a week" is a rate ("four flights a week", "$2 million a year", "24
/// hours a day") rather than a duration ("for a week").
pub(super) fn is_rate(before: &str) -> bool {
    let Some(word) = before.split_whitespace().next_back() else {
        return false;
    };
    let word = word.trim_end_matches([',', ')']).to_lowercase();
    const FUNCTION_WORDS: [&str; 12] = [
        "this", "was", "has", "his", "its", "is", "as", "less", "across", "unless", "perhaps",
        "always",
    ];
    word.bytes().any(|b| b.is_ascii_digit())
        || matches!(
            word.as_str(),
            "million" | "billion" | "thousand" | "hundred" | "dozen" | "times"
        )
        || (word.len() >= 4 && word.ends_with('s') && !FUNCTION_WORDS.contains(&word.as_str()))
}

/// Whether a bare four-digit number reads as a year here.
pub(super) fn year_context(before: &str, after: &str) -> bool {
    let prev = word_before(before);
    let prev_is_cue = matches!(
        prev.as_str(),
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "from"
            | "during"
            | "of"
            | "for"
            | "before"
            | "after"
            | "between"
            | "and"
            | "to"
            | "year"
            | "around"
            | "circa"
            | "through"
            | "throughout"
            | "the"
            | "this"
            | "that"
            | "early"
            | "late"
            | "mid"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
            | "than"
            | "on"
            // A determiner or possessive before a year used as an
            // adjective: "a 1996 law", "its 1990 invasion", "the company's
            // 1989 results" (a count would not take them: "its 1990 staff"
            // is rare, "a 1990 people" ungrammatical).
            | "a"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "both"
            | "due"
    ) || {
        let before = before.trim_end();
        before.ends_with("'s") || before.ends_with("’s")
    };
    let next = after.trim_start();
    let next_is_end = after.is_empty()
        || after.starts_with([
            '.', ',', ';', ':', ')', '!', '?', '"', '\'', '’', '”', '-', '–', '/',
        ])
        || next.starts_with("'s")
        || after.starts_with('\n');
    let next_word = next
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let next_is_noun = next_word.starts_with(char::is_lowercase)
        && !matches!(
            next_word,
            "and"
                | "or"
                | "when"
                | "after"
                | "before"
                | "as"
                | "to"
                | "the"
                | "that"
                | "which"
                | "in"
                | "on"
                | "he"
                | "she"
                | "they"
                | "it"
                | "we"
                | "but"
                | "while"
                | "elections"
                | "election"
                | "budget"
                | "season"
                | "law"
        );
    prev_is_cue || (next_is_end && !next_is_noun)
}
