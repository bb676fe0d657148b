//! The token layer: where the words and symbols of a text are, computed once
//! per document and read by every stage that looks up phrases.
//!
//! Rules (byte offsets into the text; `char::is_alphanumeric` and
//! `char::is_whitespace` decide the classes, as everywhere in civex):
//!
//! 1. A **word** is a longest run of letters and digits: "Kazakh", "2024",
//!    "Zhanaozen's" is the word "Zhanaozen", the symbol "'" and the word
//!    "s".
//! 2. A **symbol** is one character that is neither a letter, a digit nor
//!    white space: "$", "(", "-", "“".
//! 3. White space separates tokens and is no token.
//! 4. A **word for reading** (what the event stage counts and looks up) is
//!    a run of words joined by apostrophes with no space between ("don't",
//!    "O'Brien's", "rock'n"), without apostrophes at its end ("students'"
//!    is "students"): [`Tokens::words`].
//! 5. Each token has a **key**: a hash of its length and its first eight
//!    bytes with ASCII letters in lower case ([`token_key`]), so that
//!    "Police", "POLICE" and "police" have one key. A phrase list keeps the
//!    keys of its phrases' first tokens, and is walked only from the tokens
//!    whose key may be one of them (see [`crate::gazetteer::PhraseMatcher`]).
//!
//! A word's lower-case form, without a copy where it is one already:
//! [`lower_case`].
//!
//! Every gazetteer phrase starts where a token starts (its surface has no
//! white space at either end, and one that starts with a letter or digit
//! needs a word boundary before it), so a phrase matcher walks its automaton
//! from token starts only, instead of scanning every byte of the text once
//! per list (see [`crate::gazetteer::PhraseMatcher`]).

use crate::bytescan::{find_from, not_ascii_alphanumeric};
use crate::document::ByteSpan;

/// The tokens of one text, in order.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    spans: Vec<ByteSpan>,
    /// The key of each token (rule 5).
    keys: Vec<u64>,
    /// The length of the text they were computed from, in bytes.
    text_len: usize,
}

/// The class of a character: a letter or digit, white space, or a symbol.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Word,
    Space,
    Symbol,
}

/// The class of each ASCII byte (bytes outside ASCII are decoded).
const ASCII_CLASS: [Class; 128] = {
    let mut classes = [Class::Symbol; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        classes[byte] = if b.is_ascii_alphanumeric() {
            Class::Word
        } else if b.is_ascii_whitespace() || b == 0x0B {
            Class::Space
        } else {
            Class::Symbol
        };
        byte += 1;
    }
    classes
};

/// The class and the length in bytes of the character at `at` (a character
/// boundary), which is not ASCII.
#[cold]
fn class_of_non_ascii(text: &str, at: usize) -> (Class, usize) {
    match text.get(at..).and_then(|rest| rest.chars().next()) {
        Some(c) if c.is_alphanumeric() => (Class::Word, c.len_utf8()),
        Some(c) if c.is_whitespace() => (Class::Space, c.len_utf8()),
        Some(c) => (Class::Symbol, c.len_utf8()),
        None => (Class::Symbol, 1),
    }
}

/// The key of the token at `span` of `bytes` (rule 5): a hash of its
/// length and its first eight bytes, the same for any ASCII case of its
/// letters (bytes outside ASCII count as they are). Tokens that share
/// their length and first eight bytes share a key: a filter on keys lets
/// them both through.
pub fn token_key(bytes: &[u8], span: ByteSpan) -> u64 {
    let len = span.end.saturating_sub(span.start);
    // The first eight bytes, the first in the lowest bits: one load where
    // the text goes on for eight bytes, else byte by byte.
    let eight = bytes
        .get(span.start..span.start + 8)
        .and_then(|eight| <[u8; 8]>::try_from(eight).ok());
    let prefix = match eight {
        Some(eight) if len >= 8 => u64::from_le_bytes(eight),
        Some(eight) => u64::from_le_bytes(eight) & ((1u64 << (8 * len)) - 1),
        None => bytes
            .get(span.start..span.end)
            .unwrap_or_default()
            .iter()
            .take(8)
            .rev()
            .fold(0, |prefix, &byte| prefix << 8 | u64::from(byte)),
    };
    (ascii_lower_case(prefix) ^ (len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
        .wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The eight bytes of `word` with ASCII capitals in lower case (bytes
/// outside ASCII as they are): each byte from `A` to `Z` gains 0x20.
fn ascii_lower_case(word: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let heptets = word & LOW7;
    // The high bit of each byte: at least `A`, above `Z`, ASCII at all.
    let from_a = heptets + 0x3f3f_3f3f_3f3f_3f3f;
    let past_z = heptets + 0x2525_2525_2525_2525;
    let capital = from_a & !past_z & !word & HIGH;
    word | (capital >> 2)
}

/// `word` in lower case, as `str::to_lowercase` writes it, without a copy
/// where it is already (an ASCII word without capitals: most words).
pub fn lower_case(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

impl Tokens {
    /// The tokens of `text`.
    ///
    /// One pass over the bytes: white space is skipped, a symbol is one
    /// token, a word runs while its bytes are ASCII letters or digits
    /// (eight bytes tested at a time) or decode to a letter or digit; each
    /// token's key is computed as it is pushed, while its bytes are in the
    /// cache.
    pub fn new(text: &str) -> Tokens {
        let bytes = text.as_bytes();
        // About one token per five bytes of news text: reserved once,
        // grown if a text holds more.
        let mut spans = Vec::with_capacity(text.len() / 5 + 4);
        let mut keys = Vec::with_capacity(text.len() / 5 + 4);
        let mut push = |span: ByteSpan| {
            spans.push(span);
            keys.push(token_key(bytes, span));
        };
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            let (class, len) = if byte.is_ascii() {
                (ASCII_CLASS[usize::from(byte)], 1)
            } else {
                class_of_non_ascii(text, at)
            };
            match class {
                Class::Space => at += len,
                Class::Symbol => {
                    push(ByteSpan::new(at, at + len));
                    at += len;
                }
                Class::Word => {
                    let start = at;
                    at += len;
                    loop {
                        // Eight bytes at a time to the first that is no
                        // ASCII letter or digit: a word's end costs no
                        // mispredicted branch per byte.
                        at = find_from(bytes, at, not_ascii_alphanumeric, |b| {
                            !b.is_ascii_alphanumeric()
                        });
                        match bytes.get(at) {
                            Some(&b) if !b.is_ascii() => match class_of_non_ascii(text, at) {
                                (Class::Word, len) => at += len,
                                _ => break,
                            },
                            _ => break,
                        }
                    }
                    push(ByteSpan::new(start, at));
                }
            }
        }
        Tokens {
            spans,
            keys,
            text_len: text.len(),
        }
    }

    /// The key of each token (rule 5), in the order of [`Tokens::spans`].
    pub fn keys(&self) -> &[u64] {
        &self.keys
    }

    /// The tokens, in order of position.
    pub fn spans(&self) -> &[ByteSpan] {
        &self.spans
    }

    /// The words for reading (rule 4) within `span` of `text`, with their
    /// spans; a token that crosses an end of `span` counts as far as it lies
    /// within it.
    pub fn words<'t>(&self, text: &'t str, span: ByteSpan) -> Vec<(ByteSpan, &'t str)> {
        let first = self.spans.partition_point(|t| t.end <= span.start);
        let last = first + self.spans[first..].partition_point(|t| t.start < span.end);
        // At most one word per token: reserved once, as documents run long.
        let mut out = Vec::with_capacity(last - first);
        // The word being read: where it starts, where its last word token
        // ends, and where its last token (maybe an apostrophe) ends.
        let mut current: Option<(usize, usize)> = None;
        let mut reach = 0;
        for token in &self.spans[first..last] {
            let start = token.start.max(span.start);
            let end = token.end.min(span.end);
            let Some(piece) = text.get(start..end) else {
                continue;
            };
            // Most tokens start with an ASCII byte, whose class is a table
            // lookup; only the others are decoded.
            let is_word = match piece.as_bytes().first() {
                Some(&b) if b.is_ascii() => ASCII_CLASS[usize::from(b)] == Class::Word,
                _ => piece.chars().next().is_some_and(char::is_alphanumeric),
            };
            let is_apostrophe = !is_word && matches!(piece, "'" | "’");
            match current {
                Some((word_start, _)) if start == reach && (is_word || is_apostrophe) => {
                    if is_word {
                        current = Some((word_start, end));
                    }
                    reach = end;
                }
                _ => {
                    if let Some((word_start, word_end)) = current.take() {
                        out.push((
                            ByteSpan::new(word_start, word_end),
                            &text[word_start..word_end],
                        ));
                    }
                    if is_word {
                        current = Some((start, end));
                        reach = end;
                    }
                }
            }
        }
        if let Some((word_start, word_end)) = current {
            out.push((
                ByteSpan::new(word_start, word_end),
                &text[word_start..word_end],
            ));
        }
        out
    }

    /// The words for reading within `span`, taken from `all` (the words of
    /// the whole text, [`Tokens::words`] over it) when no word of `all`
    /// crosses an end of `span`: then they are what [`Tokens::words`]
    /// reads within `span` (a word's ends depend only on the tokens
    /// beside it, and clipping removes none of those inside `span`), and
    /// no copy is made; else they are read again.
    pub fn words_within<'w, 't>(
        &self,
        text: &'t str,
        all: &'w [(ByteSpan, &'t str)],
        span: ByteSpan,
    ) -> std::borrow::Cow<'w, [(ByteSpan, &'t str)]> {
        let first = all.partition_point(|(w, _)| w.end <= span.start);
        let last = all.partition_point(|(w, _)| w.start < span.end);
        let inside = all[first..last.max(first)]
            .first()
            .is_none_or(|(w, _)| w.start >= span.start)
            && all[first..last.max(first)]
                .last()
                .is_none_or(|(w, _)| w.end <= span.end);
        if inside {
            std::borrow::Cow::Borrowed(&all[first..last.max(first)])
        } else {
            std::borrow::Cow::Owned(self.words(text, span))
        }
    }

    /// Whether these tokens were computed from a text of `len` bytes (a
    /// cheap guard against passing the tokens of another text, not a proof).
    pub fn fit(&self, len: usize) -> bool {
        self.text_len == len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The class and the length in bytes of the character at `at`.
    fn class_at(text: &str, at: usize) -> (Class, usize) {
        match text.as_bytes().get(at) {
            Some(&byte) if byte.is_ascii() => (ASCII_CLASS[usize::from(byte)], 1),
            Some(_) => class_of_non_ascii(text, at),
            None => (Class::Space, 1),
        }
    }

    /// The tokens of `text` as the first version found them: the reference
    /// the one-pass `Tokens::new` is checked against.
    fn tokens_reference(text: &str) -> Tokens {
        let bytes = text.as_bytes();
        let mut spans = Vec::with_capacity(text.len() / 4 + 1);
        let mut at = 0;
        while at < bytes.len() {
            let (class, len) = class_at(text, at);
            match class {
                Class::Space => at += len,
                Class::Symbol => {
                    spans.push(ByteSpan::new(at, at + len));
                    at += len;
                }
                Class::Word => {
                    let start = at;
                    at += len;
                    loop {
                        while let Some(&b) = bytes.get(at) {
                            if !b.is_ascii() || ASCII_CLASS[usize::from(b)] != Class::Word {
                                break;
                            }
                            at += 1;
                        }
                        match bytes.get(at) {
                            Some(&b) if !b.is_ascii() => {
                                let (class, len) = class_of_non_ascii(text, at);
                                if class != Class::Word {
                                    break;
                                }
                                at += len;
                            }
                            _ => break,
                        }
                    }
                    spans.push(ByteSpan::new(start, at));
                }
            }
        }
        let keys = spans.iter().map(|&span| token_key(bytes, span)).collect();
        Tokens {
            spans,
            keys,
            text_len: text.len(),
        }
    }

    fn tokens(text: &str) -> Vec<&str> {
        Tokens::new(text)
            .spans()
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn lower_case_is_to_lowercase() {
        for word in [
            "police",
            "Police",
            "POLICE",
            "Ağustos",
            "ağustos",
            "İstanbul",
            "x1",
            "",
        ] {
            assert_eq!(lower_case(word), word.to_lowercase(), "{word}");
        }
        assert!(matches!(
            lower_case("police"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn keys_ignore_ascii_case_only() {
        // Alone, and with more text after it (the other way of reading).
        let key = |s: &str| {
            let alone = token_key(s.as_bytes(), ByteSpan::new(0, s.len()));
            let padded = format!("{s}          ");
            assert_eq!(
                alone,
                token_key(padded.as_bytes(), ByteSpan::new(0, s.len())),
                "{s}"
            );
            alone
        };
        assert_eq!(key("Police"), key("POLICE"));
        assert_eq!(key("police"), key("pOLICE"));
        assert_eq!(key("Zhanaozen's"), key("zhanaozen'S"));
        assert_eq!(key("AĞUSTOS"), key("aĞustos"));
        assert_ne!(key("ağustos"), key("aĞustos"));
        assert_ne!(key("police"), key("polices"));
        assert_ne!(key("ab"), key("ab\0"));
        assert_ne!(key("journalist"), key("journalists"));
        // Every byte: the letters fold, nothing else does.
        for byte in 0..=255u8 {
            let lowered = ascii_lower_case(u64::from(byte));
            assert_eq!(lowered, u64::from(byte.to_ascii_lowercase()), "{byte}");
        }
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(
            tokens("Police detained 12 activists in Almaty."),
            ["Police", "detained", "12", "activists", "in", "Almaty", "."]
        );
        assert_eq!(tokens("Zhanaozen's"), ["Zhanaozen", "'", "s"]);
        assert_eq!(tokens("Ağustos’ta"), ["Ağustos", "’", "ta"]);
        assert_eq!(tokens("мая 2024"), ["мая", "2024"]);
    }

    #[test]
    fn symbols_are_single_characters_and_space_is_no_token() {
        assert_eq!(
            tokens("$1,200 (“fine”)"),
            ["$", "1", ",", "200", "(", "“", "fine", "”", ")"]
        );
        assert_eq!(tokens(" \t\n\u{a0}\u{2003} "), Vec::<&str>::new());
        assert_eq!(tokens(""), Vec::<&str>::new());
    }

    #[test]
    fn every_token_starts_where_a_phrase_may_start() {
        // A position starts a token exactly when its character is no white
        // space and, if it is a letter or digit, the one before is not.
        let text = "Mr. O'Brien, 45, paid €1.5m—fined “twice” in São Paulo\u{a0}x";
        let starts: Vec<usize> = Tokens::new(text).spans().iter().map(|s| s.start).collect();
        let mut expected = Vec::new();
        let mut before: Option<char> = None;
        for (i, c) in text.char_indices() {
            let word = c.is_alphanumeric();
            if !c.is_whitespace() && (!word || !before.is_some_and(char::is_alphanumeric)) {
                expected.push(i);
            }
            before = Some(c);
        }
        assert_eq!(starts, expected);
    }

    /// Rule 4 read character by character: the definition the token-based
    /// reading is checked against.
    fn words_by_chars(text: &str, span: ByteSpan) -> Vec<(ByteSpan, &str)> {
        let slice = &text[span.start..span.end];
        let mut out = Vec::new();
        let mut push = |s: usize, e: usize| {
            let word = slice[s..e].trim_end_matches(['\'', '’']);
            out.push((
                ByteSpan::new(span.start + s, span.start + s + word.len()),
                word,
            ));
        };
        let mut start: Option<usize> = None;
        for (i, c) in slice.char_indices() {
            let word_char = c.is_alphanumeric() || ((c == '\'' || c == '’') && start.is_some());
            match (word_char, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    push(s, i);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            push(s, slice.len());
        }
        out
    }

    #[test]
    fn words_for_reading_join_apostrophes() {
        let text = "O'Brien's students' 'tis rock''n don’t stop";
        let words: Vec<&str> = Tokens::new(text)
            .words(text, ByteSpan::new(0, text.len()))
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(
            words,
            ["O'Brien's", "students", "tis", "rock''n", "don’t", "stop"]
        );
    }

    /// A text of word pieces, apostrophes, hyphens and spaces (`picks`
    /// of them), and a span of it between two character boundaries
    /// (`cut`).
    fn text_and_span(picks: &[usize], cut: (usize, usize)) -> (String, ByteSpan) {
        let fragments = [
            "ab", "X9", "'", "’", " ", "-", "é", "ß'", ".", "\u{a0}", "s", "''",
        ];
        let text: String = picks
            .iter()
            .map(|&i| fragments[i % fragments.len()])
            .collect();
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let (a, b) = (bounds[cut.0 % bounds.len()], bounds[cut.1 % bounds.len()]);
        (text, ByteSpan::new(a.min(b), a.max(b)))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, .. Default::default() })]
        #[test]
        fn one_pass_tokens_are_the_reference_tokens(
            picks in proptest::collection::vec(0..20usize, 0..40),
        ) {
            let fragments = [
                "ab", "X9", "'", "’", " ", "-", "é", "ß", ".", "\u{a0}", "\u{2003}", "\n",
                "Police", "мая", "\u{301}", "2024", "$", "“", "İ", "\u{0}",
            ];
            let text: String = picks.iter().map(|&i| fragments[i]).collect();
            let (new, reference) = (Tokens::new(&text), tokens_reference(&text));
            proptest::prop_assert_eq!(new.spans(), reference.spans());
            proptest::prop_assert_eq!(new.keys(), reference.keys());
        }

        #[test]
        fn words_from_tokens_are_words_by_characters(
            picks in proptest::collection::vec(0..12usize, 0..16),
            cut in (0usize..64, 0usize..64),
        ) {
            let (text, span) = text_and_span(&picks, cut);
            proptest::prop_assert_eq!(Tokens::new(&text).words(&text, span), words_by_chars(&text, span));
        }

        #[test]
        fn words_within_are_the_words_read_within(
            picks in proptest::collection::vec(0..12usize, 0..16),
            cut in (0usize..64, 0usize..64),
        ) {
            let (text, span) = text_and_span(&picks, cut);
            let tokens = Tokens::new(&text);
            let all = tokens.words(&text, ByteSpan::new(0, text.len()));
            proptest::prop_assert_eq!(
                tokens.words_within(&text, &all, span).into_owned(),
                tokens.words(&text, span)
            );
        }
    }
}
