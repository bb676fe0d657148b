//! Sentence segmentation.
//!
//! A single left-to-right scan over the bytes of the text looks at every
//! candidate terminator (`.`, `!`, `?`, blank lines, list markers, bullets)
//! and decides with a few local rules whether it ends a sentence. The rules
//! consult word lists from `gazetteers/abbreviations.tsv` (titles, number
//! prefixes, general abbreviations, sentence starters), so that most
//! improvements are data changes. No regular expression runs over the whole
//! text; the scan is linear in its length.
//!
//! The decisions, in order:
//! 1. A blank line always ends a sentence; a line that starts with a bullet
//!    (`-`, `*`, `•`, …) starts one. Other single newlines are spaces
//!    (wire text is line-wrapped).
//! 2. Inline lists (`1.) a 2.) b`, `a. x b. y`, `• x • y`) are cut before
//!    each item marker; the periods inside markers end nothing.
//! 3. `!` and `?` runs end a sentence unless a lower-case word follows.
//! 4. A period ends a sentence when whitespace and then a non-lower-case
//!    character follow, except after a title ("Mr."), a number prefix before
//!    a number ("No. 10"), and, unless the next word is a sentence starter,
//!    after other abbreviations ("U.S.", "Co.") and single initials ("E.").
//! 5. Ellipses: three dots (`...`, `. . .`, `…`) end nothing; four end a
//!    sentence before a capital; a period glued to a word and followed by a
//!    spaced ellipsis ends the sentence there, the ellipsis opening the next.

use crate::document::ByteSpan;
use crate::gazetteer::{Gazetteers, Lexicon};

/// Splits text into sentences. Build once, use from many threads.
pub struct Segmenter {
    titles: Lexicon<()>,
    number_prefixes: Lexicon<()>,
    abbreviations: Lexicon<()>,
    starters: Lexicon<()>,
    /// "EST", "GMT" (the temporal list's time zones): "at 6 p.m. EST" goes on.
    time_zones: Lexicon<()>,
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '}', '*'];
const BULLETS: &[char] = &['•', '⁃', '▪', '◦', '‣', '●', '■', '►', '–', '—'];

impl Segmenter {
    /// The splitter, with its abbreviation lists.
    pub fn new(gazetteers: &Gazetteers) -> Segmenter {
        let list = |kind| Lexicon::of_entries(gazetteers.kind("abbreviations", kind));
        Segmenter {
            titles: list("title"),
            number_prefixes: list("number"),
            abbreviations: list("general"),
            starters: list("starter"),
            time_zones: Lexicon::of_entries(gazetteers.kind("temporal", "time_zone")),
        }
    }

    /// The sentences of `text`, as byte spans trimmed of surrounding
    /// whitespace, in order, never empty and never overlapping.
    pub fn split(&self, text: &str) -> Vec<ByteSpan> {
        let mut sentences = Vec::new();
        let lower_cased = is_lower_cased(text);
        for block in blocks(text) {
            self.split_block(text, block, lower_cased, &mut sentences);
        }
        sentences
    }

    fn split_block(&self, text: &str, block: ByteSpan, lower_cased: bool, out: &mut Vec<ByteSpan>) {
        let mut markers = list_markers(text, block);
        markers.sort_by_key(|m| m.span.start);
        let marker_cuts: Vec<usize> = markers
            .iter()
            .filter(|m| m.cut)
            .map(|m| m.span.start)
            .collect();
        let mut cuts = marker_cuts.clone();
        let bytes = text.as_bytes();
        // Cursors into the sorted markers, so the scan stays linear.
        let mut next_marker = 0;
        let mut next_marker_cut = 0;
        let mut last_cut = block.start;
        let mut i = block.start;
        // Jump from terminator to terminator (memchr scans many bytes per
        // step); '…' is rare enough to check for once per block.
        let has_ellipsis = block.slice(text).contains('…');
        while i < block.end {
            let b = bytes[i];
            let is_terminator =
                matches!(b, b'.' | b'!' | b'?') || (b == 0xE2 && text[i..].starts_with('…'));
            if !is_terminator {
                i = if has_ellipsis {
                    i + 1
                } else {
                    memchr::memchr3(b'.', b'!', b'?', &bytes[i..block.end])
                        .map_or(block.end, |p| i + p)
                };
                continue;
            }
            while next_marker < markers.len() && markers[next_marker].span.end <= i {
                next_marker += 1;
            }
            if markers.get(next_marker).is_some_and(|m| m.span.start <= i) {
                i += 1; // the period of a list marker ends nothing
                continue;
            }
            while next_marker_cut < marker_cuts.len() && marker_cuts[next_marker_cut] <= i {
                last_cut = last_cut.max(marker_cuts[next_marker_cut]);
                next_marker_cut += 1;
            }
            let (cut, next) = self.decide(text, block, i, last_cut, lower_cased);
            if let Some(cut) = cut {
                cuts.push(cut);
                last_cut = last_cut.max(cut);
            }
            i = next.max(i + 1);
        }
        cuts.push(block.end);
        cuts.sort_unstable();
        cuts.dedup();
        let mut start = block.start;
        for cut in cuts {
            if cut <= start {
                continue;
            }
            if let Some(span) = trim(text, ByteSpan::new(start, cut)) {
                out.push(span);
            }
            start = cut;
        }
    }

    /// Decides about the terminator at byte `i`: where a sentence ends (if
    /// it does) and where the scan continues.
    fn decide(
        &self,
        text: &str,
        block: ByteSpan,
        i: usize,
        sentence_start: usize,
        lower_cased: bool,
    ) -> (Option<usize>, usize) {
        let bytes = text.as_bytes();
        // The run of terminators: dots, `!`, `?`, `…`.
        let mut j = i;
        let mut dots = 0;
        let mut bang = false;
        while j < block.end {
            match bytes[j] {
                b'.' => {
                    dots += 1;
                    j += 1
                }
                b'!' | b'?' => {
                    bang = true;
                    j += 1
                }
                0xE2 if text[j..].starts_with('…') => {
                    dots += 3;
                    j += '…'.len_utf8()
                }
                _ => break,
            }
        }
        let run_end = j;
        // A spaced ellipsis, ". . ." or ". . . .", starting at the last dot.
        if bytes[run_end - 1] == b'.' {
            let spaced = spaced_dots(bytes, run_end - 1, block.end);
            if spaced >= 2 {
                let group_end = run_end - 1 + 2 * (spaced - 1) + 1;
                let glued = i > block.start && !bytes[i - 1].is_ascii_whitespace() && dots == 1;
                let next = next_char_after_closers(text, group_end, block.end);
                let capital_follows = next.is_some_and(|(_, c)| c.is_uppercase());
                if glued && spaced >= 4 && capital_follows {
                    // "compounds. . . . The": the period ends this sentence,
                    // the ellipsis opens the next one.
                    return (Some(i + 1), group_end);
                }
                if !glued && spaced >= 4 && capital_follows {
                    let end = closers_end(text, group_end, block.end);
                    return (Some(end), end);
                }
                return (None, group_end);
            }
        }
        let end = closers_end(text, run_end, block.end);
        if end >= block.end {
            return (None, end);
        }
        let Some(first_after) = text[end..].chars().next() else {
            return (None, end);
        };
        if !first_after.is_whitespace() {
            // No space after the terminator: "Jane.Doe", "U.S.A", "3.5",
            // "example.com". Only a glued sentence start ("detained.The")
            // counts.
            if !bang && dots == 1 && end == run_end && self.glued_sentence_start(text, i, end) {
                return (Some(end), end);
            }
            return (None, end);
        }
        let Some((next_pos, next_char)) = next_char_after_closers(text, end, block.end) else {
            return (None, end);
        };
        // In a lower-cased document ("police arrested him. the court ..."),
        // a lower-case letter may start a sentence: the word lists decide.
        if next_char.is_lowercase() && !lower_cased {
            return (None, end);
        }
        // The word lists are written in their usual case ("Mr", "It").
        let listed = |list: &Lexicon<()>, w: &str| {
            list.contains(w) || (lower_cased && list.contains(&crate::gazetteer::capitalise(w)))
        };
        if bang {
            return (Some(end), end);
        }
        if dots >= 4 {
            return (Some(end), end);
        }
        if dots == 3 || dots == 2 {
            return (None, end);
        }
        // A single period.
        let word = word_before(text, i, block.start);
        let next_word = word_at(text, next_pos);
        if word.is_empty() {
            return (Some(end), end);
        }
        if listed(&self.titles, word) {
            return (None, end);
        }
        if next_char.is_ascii_digit() && listed(&self.number_prefixes, word) {
            return (None, end);
        }
        if is_clock_abbreviation(word) && self.time_zones.contains(next_word) {
            return (None, end); // "at 6 p.m. EST Tuesday"
        }
        if is_clock_abbreviation(word) && next_char.is_uppercase() {
            // "at 6 P.M. Mr. Smith ...": a time ends the clause before a
            // capital, unless the time was itself the opening phrase ("At
            // 5 a.m. Mr. Smith went ...").
            let opening_phrase = text[sentence_start..i].split_whitespace().count() <= 3;
            return (if opening_phrase { None } else { Some(end) }, end);
        }
        let single_initial = word.chars().count() == 1
            && word
                .chars()
                .all(|c| c.is_uppercase() || (lower_cased && c.is_alphabetic()));
        if single_initial
            || listed(&self.abbreviations, word)
            || is_letter_period_abbreviation(word)
        {
            // Starters are told by their capital: in lower-cased text ("at
            // 6 p.m. on tuesday") an abbreviation ends no sentence.
            let starter = !lower_cased && self.starters.contains(next_word);
            return (if starter { Some(end) } else { None }, end);
        }
        (Some(end), end)
    }

    /// "detained.The": a lower-case word, a period and a capitalised word
    /// with no space between, outside e-mail addresses and URLs.
    fn glued_sentence_start(&self, text: &str, dot: usize, after: usize) -> bool {
        let before = word_before(text, dot, 0);
        let lower_word = before.len() >= 2 && before.chars().all(|c| c.is_lowercase());
        if !lower_word {
            return false;
        }
        let next = word_at(text, after);
        let mut chars = next.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase)
            && next.chars().count() >= 2
            && chars.all(char::is_lowercase);
        if !capitalised {
            return false;
        }
        let token_start = text[..dot].rfind(char::is_whitespace).map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        });
        let token_end = text[after..]
            .find(char::is_whitespace)
            .map_or(text.len(), |p| after + p);
        let token = &text[token_start..token_end];
        !(token.contains('@') || token.contains('/') || token.contains("www"))
    }
}

/// Whether a document was lower-cased as a whole, as some archives release
/// their text ("lucknow: the all-india committee said ..."): of its first
/// 400 ASCII letters (at least 200), at most three are capitals (a header
/// such as "This story is from March 10" may keep its case). Ordinary text
/// shows a fourth capital within a few sentences, so the scan stops early:
/// the test costs the same for any document length.
pub(crate) fn is_lower_cased(text: &str) -> bool {
    let (mut letters, mut capitals) = (0usize, 0usize);
    for &b in text.as_bytes() {
        if b.is_ascii_alphabetic() {
            letters += 1;
            if b.is_ascii_uppercase() {
                capitals += 1;
                if capitals > 3 {
                    return false;
                }
            }
            if letters == 400 {
                break;
            }
        }
    }
    letters >= 200
}

/// Whether the text is wrapped at a fixed width, as wire copy is: some line
/// continues a sentence, starting with a lower-case letter. In such text a
/// single newline is a space; elsewhere every line is a paragraph or a
/// heading of its own, and its end ends a sentence.
fn is_line_wrapped(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut lines = 0usize;
    let mut continued = 0usize;
    for newline in memchr::memchr_iter(b'\n', bytes) {
        let mut first = newline + 1;
        while first < bytes.len() && matches!(bytes[first], b' ' | b'\t' | b'\r') {
            first += 1;
        }
        let Some(first) = text.get(first..).and_then(|line| line.chars().next()) else {
            continue;
        };
        if first == '\n' {
            continue; // a blank line
        }
        lines += 1;
        if first.is_lowercase() || first.is_ascii_digit() || matches!(first, '(' | ',' | '&') {
            continued += 1;
        }
    }
    continued > 0 && continued * 10 >= lines
}

/// The blocks of text between blank lines and before bulleted lines; in text
/// that is not line-wrapped, every line.
fn blocks(text: &str) -> Vec<ByteSpan> {
    let lines_are_paragraphs = text.contains('\n') && !is_line_wrapped(text);
    let bytes = text.as_bytes();
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Jump to the next newline.
        match memchr::memchr(b'\n', &bytes[i..]) {
            Some(p) => i += p,
            None => break,
        }
        if bytes[i] == b'\n' {
            // Look at what follows the newline on the next line.
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            let blank_line = j < bytes.len() && bytes[j] == b'\n' || j >= bytes.len();
            let bullet_line = starts_with_bullet(&text[j..]);
            if blank_line || bullet_line || lines_are_paragraphs {
                if start < i {
                    blocks.push(ByteSpan::new(start, i));
                }
                start = if blank_line { j } else { i + 1 };
                i = j.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
    if start < bytes.len() {
        blocks.push(ByteSpan::new(start, bytes.len()));
    }
    blocks
}

fn starts_with_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-') | Some('*') => chars.next().is_some_and(|c| c == ' ' || c == '\t'),
        Some(c) => BULLETS.contains(&c) && c != '–' && c != '—',
        None => false,
    }
}

/// An inline list-item marker: `1.)`, `2)`, `3.`, `a.`, `•`.
#[derive(Debug, Clone, Copy)]
struct Marker {
    span: ByteSpan,
    /// Whether a sentence starts at this marker.
    cut: bool,
}

/// Finds chains of list-item markers in a block: bullets anywhere, and
/// enumerators (`1.)`, `1)`, `1.`, `a.`) that count up from a marker at the
/// start of the block or right after a bullet.
fn list_markers(text: &str, block: ByteSpan) -> Vec<Marker> {
    let slice = block.slice(text);
    let bytes = slice.as_bytes();
    let mut markers = Vec::new();
    // Every bullet is a character of U+2000..U+27FF, whose UTF-8 form starts
    // with 0xE2, so bullets are found by memchr rather than by decoding
    // every character of every block.
    for pos in memchr::memchr_iter(0xE2, bytes) {
        let Some(c) = slice.get(pos..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let bullet = BULLETS.contains(&c) && c != '–' && c != '—';
        if bullet && char_before(slice, pos).is_none_or(is_space) {
            let abs = block.start + pos;
            markers.push(Marker {
                span: ByteSpan::new(abs, abs + c.len_utf8()),
                cut: pos > 0,
            });
        }
    }
    // Enumerators end in '.' or ')': find those, then look back for one or
    // two digits or a lower-case letter that follow a space, a bullet or
    // the block start.
    let mut enumerators: Vec<(ByteSpan, u32, bool)> = Vec::new(); // span, value, starts chain
    for end in memchr::memchr2_iter(b'.', b')', bytes) {
        if end == 0 || (bytes[end] == b')' && bytes[end - 1] == b'.') {
            continue; // ".)" is looked at from its period
        }
        let start = if bytes[end - 1].is_ascii_lowercase() {
            end - 1
        } else {
            let digits = bytes[..end]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits == 0 || digits > 2 {
                continue;
            }
            end - digits
        };
        let before = char_before(slice, start);
        let after_bullet = before.is_some_and(|c| BULLETS.contains(&c));
        if !(before.is_none_or(is_space) || after_bullet) {
            continue;
        }
        if let Some((len, value)) = enumerator_at(&slice[start..]) {
            let abs = block.start + start;
            let chain_start = start == 0 || after_bullet || {
                let before = slice[..start].trim_end();
                before.is_empty()
                    || before.ends_with(':')
                    || before.ends_with(|ch| BULLETS.contains(&ch))
            };
            enumerators.push((ByteSpan::new(abs, abs + len), value, chain_start));
        }
    }
    // Keep enumerators in counting chains of two or more.
    let mut k = 0;
    while k < enumerators.len() {
        let (span, value, starts) = enumerators[k];
        if !starts {
            k += 1;
            continue;
        }
        let mut chain = vec![span];
        let mut expected = value + 1;
        let mut m = k + 1;
        while m < enumerators.len() {
            if enumerators[m].1 == expected {
                chain.push(enumerators[m].0);
                expected += 1;
            }
            m += 1;
        }
        if chain.len() >= 2 {
            // Bullets are in order: the one right before a marker is found by
            // binary search.
            let bullet_ends: Vec<usize> = markers.iter().map(|b| b.span.end).collect();
            for (n, span) in chain.iter().enumerate() {
                let before = bullet_ends.partition_point(|&end| end <= span.start);
                let after_bullet =
                    before > 0 && text[bullet_ends[before - 1]..span.start].trim().is_empty();
                markers.push(Marker {
                    span: *span,
                    cut: n > 0 && !after_bullet,
                });
            }
            break;
        }
        k += 1;
    }
    markers
}

/// The character that ends right before byte `pos` of `text`.
fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)
        .and_then(|before| before.chars().next_back())
}

/// A space for list markers: ASCII whitespace, or any Unicode space.
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_whitespace()
    } else {
        c.is_whitespace()
    }
}

/// An enumerator at the start of `s` followed by whitespace: its length and
/// its value (letters count a = 1).
fn enumerator_at(s: &str) -> Option<(usize, u32)> {
    let bytes = s.as_bytes();
    let (value, mut len) = if bytes[0].is_ascii_digit() {
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 2 {
            return None;
        }
        (s[..digits].parse::<u32>().ok()?, digits)
    } else if bytes[0].is_ascii_lowercase() {
        ((bytes[0] - b'a') as u32 + 1, 1)
    } else {
        return None;
    };
    match (bytes.get(len), bytes.get(len + 1)) {
        (Some(b'.'), Some(b')')) => len += 2,
        (Some(b'.'), _) | (Some(b')'), _) => len += 1,
        _ => return None,
    }
    // Letters only with a period or bracket and a following space.
    match bytes.get(len) {
        Some(b' ') | Some(b'\t') => Some((len, value)),
        _ => None,
    }
}

/// How many dots follow in the pattern ". . ." starting at `i` (which holds
/// a dot): 1 for a lone dot.
fn spaced_dots(bytes: &[u8], i: usize, end: usize) -> usize {
    let mut count = 1;
    let mut k = i;
    while k + 2 < end && bytes[k + 1] == b' ' && bytes[k + 2] == b'.' {
        count += 1;
        k += 2;
    }
    count
}

/// The position after any closing quotes and brackets at `pos`.
fn closers_end(text: &str, pos: usize, end: usize) -> usize {
    let mut p = pos;
    for c in text[pos..end].chars() {
        if CLOSERS.contains(&c) {
            p += c.len_utf8();
        } else {
            break;
        }
    }
    p
}

/// The first character after whitespace and any opening quotes or brackets.
fn next_char_after_closers(text: &str, pos: usize, end: usize) -> Option<(usize, char)> {
    let mut p = pos;
    for c in text[pos..end].chars() {
        if c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«') {
            p += c.len_utf8();
        } else {
            return Some((p, c));
        }
    }
    None
}

/// The word that ends at `dot` (exclusive), without opening punctuation.
fn word_before(text: &str, dot: usize, floor: usize) -> &str {
    let start = text[floor..dot]
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '‘' | '«'))
        .map_or(floor, |p| {
            floor + p + text[floor + p..].chars().next().map_or(1, char::len_utf8)
        });
    &text[start..dot]
}

/// The word that starts at `pos`: letters, digits, apostrophes.
fn word_at(text: &str, pos: usize) -> &str {
    let end = text[pos..]
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(text.len(), |p| pos + p);
    &text[pos..end]
}

/// "a.m", "P.M" and their unpunctuated forms.
fn is_clock_abbreviation(word: &str) -> bool {
    word.eq_ignore_ascii_case("a.m") || word.eq_ignore_ascii_case("p.m")
}

/// "U.S", "a.m", "E.U" (the final period is not part of the word).
fn is_letter_period_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    let mut letters = 0;
    loop {
        match chars.next() {
            Some(c) if c.is_alphabetic() => letters += 1,
            _ => return false,
        }
        match chars.next() {
            Some('.') => continue,
            None => return letters >= 2,
            _ => return false,
        }
    }
}

fn trim(text: &str, span: ByteSpan) -> Option<ByteSpan> {
    let slice = span.slice(text);
    let trimmed_start = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = span.start + trimmed_start;
    Some(ByteSpan::new(start, start + trimmed.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let segmenter = Segmenter::new(&Gazetteers::embedded().unwrap());
        segmenter
            .split(text)
            .iter()
            .map(|s| s.slice(text).to_string())
            .collect()
    }

    #[test]
    fn a_lower_cased_document_is_split_at_lower_case_starts() {
        let segmenter = Segmenter::new(&Gazetteers::embedded().unwrap());
        let filler = "the district was calm on tuesday and shops opened as usual in the old city. ";
        let text = format!(
            "{filler}{filler}{filler}police arrested 12 people in the old city on monday. mr. l. k. shah said the curfew \
             would stay. the army was deployed at 6 p.m. on tuesday."
        );
        let sentences: Vec<&str> = segmenter
            .split(&text)
            .iter()
            .map(|s| s.slice(&text))
            .collect();
        assert_eq!(
            sentences,
            [
                filler.trim(),
                filler.trim(),
                filler.trim(),
                "police arrested 12 people in the old city on monday.",
                "mr. l. k. shah said the curfew would stay.",
                "the army was deployed at 6 p.m. on tuesday."
            ]
        );
        // In ordinary text a lower-case word after a period continues the
        // sentence ("approx. five").
        let ordinary = "The crowd numbered approx. five thousand. It dispersed.";
        assert_eq!(segmenter.split(ordinary).len(), 2);
    }

    #[test]
    fn news_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Police detained him. He was released.",
                &["Police detained him.", "He was released."],
            ),
            (
                "Mr. Karimov met Dr. Yusuf in St. Petersburg on Jan. 5.",
                &["Mr. Karimov met Dr. Yusuf in St. Petersburg on Jan. 5."],
            ),
            (
                "The U.S.-based group said so. It left.",
                &["The U.S.-based group said so.", "It left."],
            ),
            (
                "He lives at No. 10 Downing St. near the park.",
                &["He lives at No. 10 Downing St. near the park."],
            ),
            (
                "A. Nazarbayev spoke. Then he left.",
                &["A. Nazarbayev spoke.", "Then he left."],
            ),
            (
                "It cost $2.50 or 1.5 million tenge. Nobody paid.",
                &["It cost $2.50 or 1.5 million tenge.", "Nobody paid."],
            ),
            (
                "\"We will not stop,\" she said. \"Never.\" He agreed.",
                &[
                    "\"We will not stop,\" she said.",
                    "\"Never.\"",
                    "He agreed.",
                ],
            ),
            (
                "Headline without a stop\n\nFirst sentence here.",
                &["Headline without a stop", "First sentence here."],
            ),
            (
                "A line that is\nwrapped by the wire. Next one.",
                &["A line that is\nwrapped by the wire.", "Next one."],
            ),
            (
                "Demands:\n- free the activists\n- end the ban",
                &["Demands:", "- free the activists", "- end the ban"],
            ),
            (
                "They were detained.The police said nothing.",
                &["They were detained.", "The police said nothing."],
            ),
            (
                "Write to jane.doe@example.org. She answers.",
                &["Write to jane.doe@example.org.", "She answers."],
            ),
            (
                "He said\u{a0}no. They left.",
                &["He said\u{a0}no.", "They left."],
            ),
            (
                "He waited… and waited. Nothing.",
                &["He waited… and waited.", "Nothing."],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(split(text), *expected, "text: {text:?}");
        }
    }

    #[test]
    fn lines_end_sentences_unless_the_text_is_wrapped() {
        assert_eq!(
            split("Headline Without Stop\nThe first paragraph.\nThe second one"),
            [
                "Headline Without Stop",
                "The first paragraph.",
                "The second one"
            ]
        );
        assert_eq!(
            split("Police in the capital said\nthat nine people were held\non Monday. They were freed."),
            ["Police in the capital said\nthat nine people were held\non Monday.", "They were freed."]
        );
    }

    #[test]
    fn inline_lists() {
        assert_eq!(
            split("1.) The first item 2.) The second item"),
            ["1.) The first item", "2.) The second item"]
        );
        assert_eq!(
            split("a. The first item b. The second item c. The third list item").len(),
            3
        );
        assert_eq!(
            split("• 9. The first item • 10. The second item"),
            ["• 9. The first item", "• 10. The second item"]
        );
    }

    #[test]
    fn spans_are_trimmed_and_ordered() {
        let text = "  One.   Two!  \n\n  Three?  ";
        let segmenter = Segmenter::new(&Gazetteers::embedded().unwrap());
        let spans = segmenter.split(text);
        assert_eq!(spans.len(), 3);
        for pair in spans.windows(2) {
            assert!(pair[0].end <= pair[1].start);
        }
        for span in spans {
            assert_eq!(span.slice(text), span.slice(text).trim());
        }
    }

    #[test]
    fn letter_period_abbreviations() {
        assert!(is_letter_period_abbreviation("U.S"));
        assert!(is_letter_period_abbreviation("a.m"));
        assert!(!is_letter_period_abbreviation("U"));
        assert!(!is_letter_period_abbreviation("example.com"));
    }
}
