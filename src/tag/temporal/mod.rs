//! Temporal expressions: dates, times, durations and sets, with TIMEX3 values.
//!
//! Rules are regular expressions assembled at start-up from the words in
//! `gazetteers/temporal.tsv` (months, weekdays, units, seasons, parts of day,
//! reference words, set words) and `gazetteers/numbers.tsv`. Each rule
//! proposes a candidate span and a `Spec` (`candidate.rs`): what the value
//! depends on. Values are resolved afterwards, in document order, against
//!
//! - the document's publication date (the *anchor*) for deictic expressions
//!   ("yesterday", "last week", "on 14th October"),
//! - the most recent day-precise date of the text (the *narrative anchor*)
//!   for anaphoric ones ("two days later", "the next day"),
//! - the tense of the sentence for expressions whose direction is open
//!   ("on Monday", a year-less date after the anchor): news reports the past,
//!   so they resolve backwards unless the sentence speaks of the future.
//!
//! Spans follow the TimeML conventions: prepositions ("on", "in") and the
//! article before a day ("the 12th October") are outside; modifiers that
//! change the value ("early", "mid-", "last", "the past", "up to") are inside.
//!
//! # Where things are
//!
//! - `mod.rs`: [`TemporalTagger`] and how it is built from the lists
//!   (`within`), [`TemporalContext`], and [`TemporalTagger::tag`], the
//!   driver: it finds the cues of the text (cue words and shapes of
//!   digits, with their places), runs each rule in windows around its
//!   cues, then hands the candidates on.
//! - `rules.rs`: the rule table (`build_rules`): per rule, its pattern, its
//!   handler and its cue classes (`mod cue`); the cue words that give each
//!   class (`build_cue_words`); how patterns are assembled and compiled.
//! - `handlers.rs`: one handler per rule, reading its captures into a
//!   candidate, and their helpers.
//! - `candidate.rs`: `Candidate`, `Spec` (what a value depends on), `Relation`.
//! - `compounds.rs`: the longest of overlapping candidates, and neighbours
//!   joined into one expression ("10 p.m. EST Wednesday").
//! - `resolve.rs`: the values, against the anchor, the narrative anchor and
//!   the tense of the sentence.
//! - `timex.rs`: how TIMEX3 values and `mod` codes are written.
//! - `holidays.rs`: holiday date rules and Western Easter.
//! - `context.rs`: what the words around a match say (a year's context, a
//!   past verb before a day, a rate).
//! - `tests.rs`: the unit tests.
//!
//! # Adding a language / a rule
//!
//! 1. Words first: a language is mostly data. Its words go into
//!    `gazetteers/temporal.tsv` under the kinds documented at the top of that
//!    file, and its number words into `gazetteers/numbers.tsv`. At start-up
//!    they become the alternations of the patterns (`build_rules`), the
//!    lexicons the handlers read (`within`) and the cue words
//!    (`build_cue_words`); a word outside ASCII switches the rules to Unicode
//!    mode (`compile`). The kinds feed these rules (by handler name):
//!    `month`: day_month, month_day, month_year, set; `weekday`: weekday,
//!    set, and the weekday before a day_month or month_day date;
//!    `part_of_day`: weekday, day_offset, clock, set; `day_offset`:
//!    day_offset; `unit`: ago, narrative, duration, fraction_duration, set
//!    (and the unit codes of anchor_unit and bare_duration); `season`:
//!    anchor_unit, season, set; `quarter_word`: quarter; `period_word`:
//!    quarter, reported_quarter; `decade_word`: decade_word; `holiday`:
//!    holiday; `reference`: reference; `set`: set; `approximator`: ago,
//!    duration; `time_zone`: clock and the joining of a time to its day
//!    (`compounds.rs`); `figure_word`: the resolution of "a year ago" in a
//!    quarterly report (`resolve.rs`). Numbers feed ago, narrative,
//!    duration and set (counts), day_month and century (ordinals) and
//!    spoken_year.
//! 2. Some words are written in the patterns themselves ("last", "next",
//!    "early", "ago", "every", "the year two thousand" ...): a language's
//!    own go as alternatives into that rule's pattern in `rules.rs`, and,
//!    if they are what tells a sentence may hold the rule ("ago",
//!    "quarter", "every"), into `build_cue_words` too.
//! 3. A new rule is a new entry in the table of `build_rules`: an example
//!    line above it, the pattern (`{B}` is a word boundary), the handler,
//!    and the cue classes of which a sentence must hold one for the rule to
//!    run there (`cue::YEAR_DIGITS`: a shape of digits, see `digit_cues`),
//!    and the classes of which a cue must also lie near (`with`, or 0: the
//!    narrative rule runs only around units that have "later", "next",
//!    "that"... near). A new class is a new bit in `mod cue` and its words
//!    in `build_cue_words`. Every match must hold a cue of the rule's
//!    classes (and of its `with` classes): the test
//!    `cues_and_windows_never_change_a_mention` runs every rule over whole
//!    sentences and holds `tag` equal to it. Order matters: of
//!    overlapping candidates of the same length, the earlier rule's is kept.
//! 4. Its handler goes into `handlers.rs`: it returns `None` to reject a
//!    match, else a `Candidate` with its span, its rule name ("date.season",
//!    carried by the mention) and a `Spec`. A value of a new shape needs a
//!    `Spec` variant (`candidate.rs`), its case in `resolve` (`resolve.rs`)
//!    and, if it has a new form, a writer in `timex.rs`.
//! 5. Its test goes into `tests.rs`: text, anchor date, expected spans and
//!    values, with the `values` and `tag` helpers there. The snapshot tests
//!    (`tests/snapshots.rs`) then show what else changed.

mod candidate;
mod compounds;
mod context;
mod handlers;
mod holidays;
mod resolve;
mod rules;
#[cfg(test)]
mod tests;
mod timex;

use chrono::NaiveDate;
use regex::Regex;

use self::candidate::Candidate;
use self::compounds::keep_longest;
#[cfg(test)]
use self::holidays::easter_sunday;
use self::holidays::HolidayRule;
use self::rules::{build_cue_words, build_rules, cue, digit_cues, CueAt, Rule};
use self::timex::mod_code;
use super::numbers::NumberWords;
use super::Mention;
use crate::document::ByteSpan;
use crate::error::BuildError;
use crate::gazetteer::{Gazetteers, Lexicon};

/// The date and time tagger. Build once; tagging is read-only.
pub struct TemporalTagger {
    rules: Vec<Rule>,
    months: Lexicon<u32>,
    /// Month names that are also ordinary words (`ambiguous=1` in
    /// temporal.tsv: "May", "March").
    ambiguous_months: Lexicon<()>,
    weekdays: Lexicon<u32>,
    /// "about", "more than": the TIMEX3 `mod` each gives, and whether the
    /// word stays outside the span.
    approximators: Lexicon<(Option<&'static str>, bool)>,
    /// Finds the words of a sentence that compares figures ("$", "a share").
    figure_words: aho_corasick::AhoCorasick,
    /// Holidays and how to find their date.
    holidays: Lexicon<HolidayRule>,
    /// "the nineties": the decade digit.
    decade_words: Lexicon<u32>,
    /// "EST", "GMT", "local time", lower-cased.
    time_zones: Vec<String>,
    /// "latest", "year-ago": quarters from the reported quarter.
    period_words: Lexicon<i64>,
    /// Month and weekday abbreviations ("Jan", "Sun"), without their period:
    /// alone, they count only with the period ("Jan." but not "Jan Smith",
    /// "Sun." but not "the Sun").
    abbreviations: Vec<String>,
    units: Lexicon<String>,
    seasons: Lexicon<String>,
    parts_of_day: Lexicon<String>,
    day_offsets: Lexicon<i64>,
    references: Lexicon<String>,
    sets: Lexicon<String>,
    quarter_words: Lexicon<u32>,
    numbers: NumberWords,
    future_cue: Regex,
    /// Words that make the next word a noun ("the will of the people" is
    /// no future): event_cues.tsv, kind `determiner`.
    determiners: Lexicon<()>,
    /// A past-tense verb other than a reporting one ("was", "were", "had",
    /// "-ed" forms, common irregular pasts; not "said", which dates the
    /// report, not the event).
    past_cue: Regex,
    cue_words: aho_corasick::AhoCorasick,
    cue_classes: Vec<u64>,
    /// Per cue pattern, the classes that only capitalised surfaces give
    /// ("May" is a month, "may" is not): dropped where the word is written
    /// in lower case.
    cue_capitalised: Vec<u64>,
}

/// What the resolution of one document's expressions needs to know.
pub struct TemporalContext<'a> {
    pub text: &'a str,
    pub sentences: &'a [ByteSpan],
    pub anchor: Option<NaiveDate>,
}

impl TemporalTagger {
    pub fn new(gazetteers: &Gazetteers) -> Result<TemporalTagger, BuildError> {
        TemporalTagger::within(gazetteers, crate::gazetteer::RULE_SIZE_LIMIT)
    }

    /// Builds the tagger with rules of at most `size_limit` bytes each.
    fn within(gazetteers: &Gazetteers, size_limit: usize) -> Result<TemporalTagger, BuildError> {
        let kind = |k: &'static str| gazetteers.kind("temporal", k);
        let ambiguous_months = Lexicon::new(
            kind("month")
                .filter(|e| e.flag("ambiguous"))
                .map(|e| (e.surface.trim_end_matches('.'), ())),
        );
        let parse_u32 = |s: &str| s.parse::<u32>().unwrap_or(0);
        let months = Lexicon::new(
            kind("month").map(|e| (e.surface.trim_end_matches('.'), parse_u32(&e.canonical))),
        );
        let weekdays = Lexicon::new(
            kind("weekday").map(|e| (e.surface.trim_end_matches('.'), parse_u32(&e.canonical))),
        );
        let units = Lexicon::new(kind("unit").map(|e| (e.surface.as_str(), e.canonical.clone())));
        let seasons =
            Lexicon::new(kind("season").map(|e| (e.surface.as_str(), e.canonical.clone())));
        let parts_of_day =
            Lexicon::new(kind("part_of_day").map(|e| (e.surface.as_str(), e.canonical.clone())));
        let day_offsets = Lexicon::new(
            kind("day_offset").map(|e| (e.surface.as_str(), e.canonical.parse().unwrap_or(0))),
        );
        let references =
            Lexicon::new(kind("reference").map(|e| (e.surface.as_str(), e.canonical.clone())));
        let sets = Lexicon::new(kind("set").map(|e| (e.surface.as_str(), e.canonical.clone())));
        let quarter_words = Lexicon::new(
            kind("quarter_word").map(|e| (e.surface.as_str(), parse_u32(&e.canonical))),
        );
        let numbers = NumberWords::new(gazetteers);
        let approximators = Lexicon::new(kind("approximator").map(|e| {
            let outside = e.attr("span") == Some("outside");
            (e.surface.as_str(), (mod_code(&e.canonical), outside))
        }));
        let period_words = Lexicon::new(
            kind("period_word").map(|e| (e.surface.as_str(), e.canonical.parse().unwrap_or(0))),
        );
        let figure_words = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(kind("figure_word").map(|e| e.surface.as_str()))
            .map_err(|e| {
                let count = kind("figure_word").count();
                BuildError::automaton("the figure words", "temporal.tsv", count, &e)
            })?;
        let holidays = Lexicon::new(
            kind("holiday")
                .filter_map(|e| Some((e.surface.as_str(), HolidayRule::parse(&e.canonical)?))),
        );
        let decade_words = Lexicon::new(
            kind("decade_word").map(|e| (e.surface.as_str(), parse_u32(&e.canonical))),
        );
        let mut time_zones: Vec<String> = kind("time_zone")
            .map(|e| e.surface.to_lowercase())
            .collect();
        time_zones.sort();
        let mut abbreviations: Vec<String> = kind("month")
            .chain(kind("weekday"))
            .filter(|e| e.flag("abbr"))
            .map(|e| e.surface.trim_end_matches('.').to_lowercase())
            .collect();
        abbreviations.sort();
        abbreviations.dedup();
        let rules = build_rules(gazetteers, &numbers, size_limit)?;
        let (cue_words, cue_classes, cue_capitalised) = build_cue_words(gazetteers)?;
        Ok(TemporalTagger {
            rules,
            months,
            ambiguous_months,
            cue_capitalised,
            weekdays,
            approximators,
            holidays,
            decade_words,
            figure_words,
            time_zones,
            period_words,
            abbreviations,
            units,
            seasons,
            parts_of_day,
            day_offsets,
            references,
            sets,
            quarter_words,
            numbers,
            cue_words,
            cue_classes,
            determiners: Lexicon::of_entries(gazetteers.kind("event_cues", "determiner")),
            past_cue: Regex::new(r"(?i)\b(?:was|were|had|did|[a-z]{3,}ed|brought|began|came|went|took|made|gave|held|left|met|saw|spoke|wrote|found|won|lost|fell|rose|sent|paid|sold|bought|led|fled|struck|broke|became|chose|drove|ran|told|thought|felt|kept|stood|fought|sought|caught|taught|threw|grew|knew|flew|drew|ate|beat|hid|shot|slept)\b")
                .expect("past cue regex compiles"),
            future_cue: Regex::new(r"(?i)\b(?:will|won't|shall|'ll|is\s+to|are\s+to|going\s+to|scheduled|set\s+to|to\s+be\s+held|due\s+to|plans?\s+to|planning\s+to|intends?\s+to|expected\s+to|upcoming)\b")
                .expect("future cue regex compiles"),
        })
    }

    /// The temporal mentions of a text, resolved.
    pub fn tag(&self, ctx: &TemporalContext) -> Vec<Mention> {
        let text = ctx.text;
        let cues = self.cues(ctx);
        let mut candidates = Vec::new();
        // A rule is searched only near its cues (a regex set over all rules
        // first was measured slower: its lazy DFA keeps growing).
        let mut near: Vec<ByteSpan> = Vec::new();
        for rule in &self.rules {
            near.clear();
            near.extend(
                cues.iter()
                    .filter(|c| c.classes & rule.cues != 0)
                    .filter(|c| rule.with == 0 || with_near(text, &cues, c.span, rule.with))
                    .map(|c| c.span),
            );
            self.run_rule(rule, text, ctx.sentences, &near, &mut candidates);
        }
        let candidates = self.join_compounds(text, ctx.anchor, keep_longest(candidates));
        self.resolve(ctx, candidates)
    }

    /// [`TemporalTagger::tag`] by the definition: every rule searched over
    /// every sentence, whole, without cues or windows. `tag` must give the
    /// same mentions (its cues and windows only spare the search of text
    /// where a rule cannot match); the tests hold the two equal.
    #[cfg(test)]
    pub(super) fn tag_exhaustively(&self, ctx: &TemporalContext) -> Vec<Mention> {
        let text = ctx.text;
        let mut candidates = Vec::new();
        for rule in &self.rules {
            for sentence in ctx.sentences {
                let sentence_text = &text[..sentence.end];
                let mut at = sentence.start;
                while at < sentence.end {
                    let Some(caps) = rule.regex.captures_at(sentence_text, at) else {
                        break;
                    };
                    at = self.take_match(rule, &caps, sentence_text, &mut candidates);
                }
            }
        }
        let candidates = self.join_compounds(text, ctx.anchor, keep_longest(candidates));
        self.resolve(ctx, candidates)
    }

    /// The cues of a text in the order of their starts: its cue words (one
    /// pass of the cue automaton) and its shapes of digits (one pass over
    /// the bytes of each sentence).
    fn cues(&self, ctx: &TemporalContext) -> Vec<CueAt> {
        let text = ctx.text;
        let mut cues = Vec::new();
        for m in self.cue_words.find_overlapping_iter(text) {
            let pattern = m.pattern().as_usize();
            let mut class = self.cue_classes[pattern];
            // The case rule of the gazetteers: a word the lists write
            // capitalised ("May", "March") is no cue in lower case ("may",
            // "march": a verb and a noun); one they write in lower case
            // ("мая") is a cue in any case.
            if text[m.start()..].starts_with(char::is_lowercase) {
                class &= !self.cue_capitalised[pattern];
            }
            // A cue inside a word ("today") is no cue of most classes. (A
            // byte outside ASCII counts as a boundary: in Unicode mode a
            // letter there is none, so this keeps more cues, never fewer.)
            let inside_word = m.start() > 0
                && text
                    .as_bytes()
                    .get(m.start() - 1)
                    .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
            if inside_word {
                class &= cue::INSIDE_WORDS;
            }
            if class != 0 {
                cues.push(CueAt {
                    span: ByteSpan::new(m.start(), m.end()),
                    classes: class,
                });
            }
        }
        for sentence in ctx.sentences {
            digit_cues(sentence.slice(text), sentence.start, &mut cues);
        }
        cues.sort_by_key(|c| (c.span.start, c.span.end));
        cues
    }

    /// Runs `rule` near its cues (`near`, in the order of their starts),
    /// adding its candidates to `out`.
    ///
    /// 1. Every match of a rule holds one of its cues and runs at most
    ///    [`CUE_REACH`] bytes before or after it (a number, a modifier and
    ///    a unit: "the past twenty-five years"). So the rule is searched in
    ///    windows: from `CUE_REACH` bytes before a cue to as far after it,
    ///    within the cue's sentence; the windows of nearby cues merge.
    /// 2. A window ends where no word goes on (a space or a punctuation
    ///    mark), so that a word boundary reads the same as in the whole
    ///    text. White space runs on in patterns (`\s+`) without adding a
    ///    word: an end or a start that meets a run of [`LONG_RUN`] or more
    ///    white-space bytes moves outward past the run and the word beyond
    ///    it ("three years", sixty spaces, "old").
    /// 3. A match that comes within [`CUE_REACH_CHECK`] bytes of a window's
    ///    end or cut-off start is searched again over the whole sentence:
    ///    a window never changes a match, it only spares the search of the
    ///    text far from any cue.
    /// 4. A match never runs past the end of its sentence, and the handler
    ///    reads the sentence up to its end.
    /// 5. As every match holds one of the rule's cues (a cue that starts
    ///    within the match), the search of a window stops once it has
    ///    passed the start of the window's last cue.
    fn run_rule(
        &self,
        rule: &Rule,
        text: &str,
        sentences: &[ByteSpan],
        near: &[ByteSpan],
        out: &mut Vec<Candidate>,
    ) {
        // Where the previous match ended: no match starts before it.
        let mut after_match = 0;
        let mut i = 0;
        while i < near.len() {
            let s = sentences.partition_point(|s| s.end <= near[i].start);
            let Some(&sentence) = sentences.get(s).filter(|s| s.start <= near[i].start) else {
                i += 1;
                continue;
            };
            // The window of this cue and of the cues after it that reach
            // into it.
            let mut window = ByteSpan::new(
                near[i].start.saturating_sub(CUE_REACH),
                near[i].end + CUE_REACH,
            );
            i += 1;
            while i < near.len()
                && near[i].start < sentence.end
                && near[i].start.saturating_sub(CUE_REACH) <= window.end
            {
                window.end = window.end.max(near[i].end + CUE_REACH);
                i += 1;
            }
            // Every match holds a cue that starts within it: none starts
            // after the last cue's start.
            let last_cue_start = near[i - 1].start;
            let lower = after_match.max(sentence.start);
            let start = window_start(
                text,
                crate::tag::money::floor_char_boundary(text, window.start.max(lower)),
                lower,
            );
            let end = window_end(text, window.end.min(sentence.end), sentence.end);
            let start_cut = start > lower;
            let end_cut = end < sentence.end;
            let sentence_text = &text[..sentence.end];
            let mut at = start;
            while at < end && at <= last_cue_start {
                // A window that runs to the end of its sentence gives the
                // match and its groups in one search; a cut one gives the
                // match, whose groups are read over the rest of the
                // sentence (an optional tail may go on past the window).
                let (found, windowed) = if end_cut {
                    let Some(found) = rule.regex.find_at(&text[..end], at) else {
                        break;
                    };
                    (found.range(), None)
                } else {
                    let Some(caps) = rule.regex.captures_at(&text[..end], at) else {
                        break;
                    };
                    let found = caps.get(0).expect("group 0 always exists").range();
                    (found, Some(caps))
                };
                let near_edge = (start_cut && found.start < start + CUE_REACH_CHECK)
                    || (end_cut && found.end + CUE_REACH_CHECK > end);
                let caps = match windowed {
                    Some(caps) if !near_edge => caps,
                    _ => {
                        let from = match near_edge {
                            true if at == start => lower,
                            true => at,
                            false => found.start,
                        };
                        let Some(caps) = rule.regex.captures_at(sentence_text, from) else {
                            break;
                        };
                        caps
                    }
                };
                at = self.take_match(rule, &caps, sentence_text, out);
                after_match = at;
            }
        }
    }

    /// Hands a match of `rule` in `sentence_text` (the text up to the end
    /// of its sentence) to the rule's handler, adding its candidate to
    /// `out`; returns where the next search starts: the end of the match,
    /// or the next character after an empty one.
    fn take_match(
        &self,
        rule: &Rule,
        caps: &regex::Captures,
        sentence_text: &str,
        out: &mut Vec<Candidate>,
    ) -> usize {
        let m = caps.get(0).expect("group 0 always exists");
        let mut next = if m.end() > m.start() {
            m.end()
        } else {
            m.end() + 1
        };
        while next < sentence_text.len() && !sentence_text.is_char_boundary(next) {
            next += 1;
        }
        if let Some(candidate) = (rule.handler)(self, caps, sentence_text) {
            if !candidate.span.is_empty() {
                out.push(candidate);
            }
        }
        next
    }
}

/// How far a rule's match may run before or after its cue, in bytes.
const CUE_REACH: usize = 64;

/// Whether a cue of the classes `with` lies in the window of the cue at
/// `anchor` (`cues` in the order of their starts), or, for the class
/// [`cue::ANY_DIGIT`], a digit: from [`CUE_REACH`] bytes before it to as
/// far after it, moved past runs of white space as `run_rule` moves a
/// window (here without the bounds of the sentence: a window that is never
/// smaller). A rule whose every match holds both one of its cues and one
/// of its `with` classes needs only the windows of the cues that have the
/// other in them.
fn with_near(text: &str, cues: &[CueAt], anchor: ByteSpan, with: u64) -> bool {
    let low = window_start(
        text,
        crate::tag::money::floor_char_boundary(text, anchor.start.saturating_sub(CUE_REACH)),
        0,
    );
    let high = window_end(text, (anchor.end + CUE_REACH).min(text.len()), text.len());
    let first = cues.partition_point(|c| c.span.start < low);
    let by_cue = cues[first..]
        .iter()
        .take_while(|c| c.span.start < high)
        .any(|c| c.classes & with != 0);
    by_cue
        || (with & cue::ANY_DIGIT != 0
            && text
                .as_bytes()
                .get(low..high)
                .is_some_and(|bytes| bytes.iter().any(u8::is_ascii_digit)))
}

/// A run of white space at least this long at a window's edge moves the
/// edge past it and the word beyond (shorter runs, such as a paragraph's
/// indent, fit in the reach).
const LONG_RUN: usize = 8;

/// A match this close to a window's edge is searched again over its whole
/// sentence.
const CUE_REACH_CHECK: usize = 32;

/// Where a window that would end at `at` ends (at most `limit`): the
/// first word break at or after it, or, where that break meets a run of
/// [`LONG_RUN`] or more white-space bytes, the break after the word beyond
/// the run.
fn window_end(text: &str, at: usize, limit: usize) -> usize {
    let end = word_break_at_or_after(text, at, limit);
    let bytes = text.as_bytes();
    let (mut run_start, mut run_end) = (end, end);
    while run_start > 0 && bytes[run_start - 1].is_ascii_whitespace() {
        run_start -= 1;
    }
    while run_end < limit && bytes[run_end].is_ascii_whitespace() {
        run_end += 1;
    }
    if run_end - run_start >= LONG_RUN && run_end < limit {
        word_break_at_or_after(text, run_end + 1, limit)
    } else {
        end
    }
}

/// Where a window that would start at `at` starts (at least `lower`): at
/// `at`, or, where `at` meets a run of [`LONG_RUN`] or more white-space
/// bytes, at the start of the word before the run.
fn window_start(text: &str, at: usize, lower: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut run_start, mut run_end) = (at, at);
    while run_start > lower && bytes[run_start - 1].is_ascii_whitespace() {
        run_start -= 1;
    }
    while run_end < bytes.len() && bytes[run_end].is_ascii_whitespace() {
        run_end += 1;
    }
    if run_end - run_start < LONG_RUN {
        return at;
    }
    let mut start = run_start;
    // Back over the word (letters, digits, bytes outside ASCII) before the
    // run: a character boundary, as the run's start is one.
    while start > lower && {
        let b = bytes[start - 1];
        !b.is_ascii() || b.is_ascii_alphanumeric() || b == b'_'
    } {
        start -= 1;
    }
    start
}

/// The first position at or after `at` (and at most `limit`) where no word
/// goes on: an ASCII byte that is neither a letter, a digit nor `_`.
fn word_break_at_or_after(text: &str, at: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    (at..limit)
        .find(|&i| {
            let b = bytes[i];
            b.is_ascii() && !(b.is_ascii_alphanumeric() || b == b'_')
        })
        .unwrap_or(limit)
}
