//! The rule table: each rule's pattern, handler and cue classes
//! ([`build_rules`]), the cue words that give each class
//! ([`build_cue_words`]), and how the patterns are assembled from the
//! gazetteer lists ([`alternation`]) and compiled ([`compile`]).

use regex::{Captures, Regex};

use super::candidate::Candidate;
use super::TemporalTagger;
use crate::document::ByteSpan;
use crate::error::BuildError;
use crate::gazetteer::{capitalise, compile_rule_within, Gazetteers};
use crate::tag::numbers::NumberWords;

pub(super) type Handler = fn(&TemporalTagger, &Captures, &str) -> Option<Candidate>;

pub(super) struct Rule {
    pub(super) regex: Regex,
    pub(super) handler: Handler,
    /// The cue classes of which a sentence must contain one for the rule to
    /// be tried there.
    pub(super) cues: u64,
    /// Classes of which a cue must also lie near one of `cues` (or 0): the
    /// rule runs only around the cues that have one (see `with_near`).
    pub(super) with: u64,
}

/// Cue classes: cheap evidence that an expression of a rule may be near.
/// Every match of a rule holds a cue of one of its classes, so a rule is
/// searched only in windows around those cues, and most of the text meets
/// only a few of the rules.
pub(super) mod cue {
    pub const MONTH: u64 = 1 << 1;
    pub const WEEKDAY: u64 = 1 << 2;
    pub const DAY_OFFSET: u64 = 1 << 3;
    pub const PART_OF_DAY: u64 = 1 << 4;
    pub const UNIT: u64 = 1 << 5;
    pub const SEASON: u64 = 1 << 6;
    pub const AGO: u64 = 1 << 7;
    pub const QUARTER: u64 = 1 << 8;
    pub const REFERENCE: u64 = 1 << 9;
    pub const SET: u64 = 1 << 10;
    pub const HOLIDAY: u64 = 1 << 11;
    pub const SPOKEN_YEAR: u64 = 1 << 12;
    /// A decade word ("nineties").
    pub const DECADE_WORD: u64 = 1 << 13;
    /// The word "century".
    pub const CENTURY: u64 = 1 << 14;
    /// The word "year".
    pub const YEAR_WORD: u64 = 1 << 15;
    /// The word "week".
    pub const WEEK_WORD: u64 = 1 << 16;
    /// The word "half".
    pub const HALF: u64 = 1 << 17;
    /// "some time", "a while".
    pub const VAGUE_DURATION: u64 = 1 << 24;

    /// The classes whose words a rule may find inside a longer word
    /// ("midmorning"): every other class counts only for a cue that starts
    /// a word, as every rule's pattern has a word boundary, a space or a
    /// hyphen before its cue word ("today" holds no cue "day", "know" no
    /// "now").
    pub const INSIDE_WORDS: u64 = PART_OF_DAY;

    // Shapes of digits, found by one pass over the bytes of a sentence
    // (`digit_cues`): each is what its rule cannot match without.

    /// Four digits and a hyphen: "2016-11-01".
    pub const ISO_DATE: u64 = 1 << 18;
    /// One or two digits, a slash or period, one or two digits, the same
    /// mark and a digit: "11/01/2016", "1.11.2016" (not "3.5", "24/7").
    pub const DATE_DIGITS: u64 = 1 << 19;
    /// A digit, a slash, a digit: "11/02".
    pub const SLASH_DIGITS: u64 = 1 << 25;
    /// "18", "19" or "20" and two digits: "1998", "2016".
    pub const YEAR_DIGITS: u64 = 1 << 20;
    /// A digit, "0" and "s": "1990s", "'90s".
    pub const DECADE_DIGITS: u64 = 1 << 21;
    /// "Q" and a digit from 1 to 4: "Q3".
    pub const QUARTER_NUMBER: u64 = 1 << 22;
    /// A digit and a colon, or a digit and (after spaces) "a" or "p" with
    /// "m" or a period after it: "10:30", "9 a.m.", "5pm" (not "5 people").
    pub const CLOCK_DIGITS: u64 = 1 << 23;

    // Words that a rule's every match holds besides its cue: the rule runs
    // only around the cues that have one of them near (`Rule::with`).

    /// "later", "earlier", "afterwards", "next", "following", "previous",
    /// "preceding", "before", "after", "that", "same": the narrative rule.
    pub const NARRATIVE_WORD: u64 = 1 << 26;
    /// "this", "last", "next", "past", "coming", "previous", "following",
    /// "current", "same", "end", "start", "beginning", "middle": the
    /// anchor_unit rule.
    pub const ANCHOR_WORD: u64 = 1 << 27;
    /// "end", "earlier", "later", "early", "late", "full", "fiscal": the
    /// year_part rule.
    pub const YEAR_PART_WORD: u64 = 1 << 28;
    /// An ordinal word of numbers.tsv ("first", "twentieth").
    pub const ORDINAL: u64 = 1 << 29;
    /// Not a cue word: any digit near the cue (checked on the bytes).
    pub const ANY_DIGIT: u64 = 1 << 30;

    // Cues of the bare_duration rule, one of which its every match holds.

    /// A plural unit the rule writes out: "years", "quarters".
    pub const PLURAL_UNIT: u64 = 1 << 31;
    /// "ended", "ending" ("the year ended"), "long" ("weeks-long").
    pub const DURATION_TAIL: u64 = 1 << 32;
}

/// The digit shapes (`cue::ISO_DATE` ...) of a sentence that starts at byte
/// `offset` of its text, found in one pass over its bytes, as cues with
/// their byte spans in the text (the span covers the shape: "2016-" of an
/// ISO date, "9 a" of "9 a.m.").
pub(super) fn digit_cues(sentence: &str, offset: usize, out: &mut Vec<CueAt>) {
    let bytes = sentence.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut push = |start: usize, len: usize, class: u64| {
        out.push(CueAt {
            span: ByteSpan::new(offset + start, offset + start + len),
            classes: class,
        })
    };
    let mut i = 0;
    while i < bytes.len() {
        i = digit_or_q_from(bytes, i);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let next = i + 1;
        if !b.is_ascii_digit() {
            if matches!(b, b'Q' | b'q') && matches!(bytes.get(i + 1), Some(b'1'..=b'4')) {
                push(i, 2, cue::QUARTER_NUMBER);
            }
            i = next;
            continue;
        }
        if digit(i + 1) && digit(i + 2) && digit(i + 3) && bytes.get(i + 4) == Some(&b'-') {
            push(i, 5, cue::ISO_DATE);
        }
        if let Some(&mark @ (b'/' | b'.')) = bytes.get(i + 1) {
            if digit(i + 2) {
                if mark == b'/' {
                    push(i, 3, cue::SLASH_DIGITS);
                }
                // The second mark after one or two digits, and a digit.
                let second = if digit(i + 3) { i + 4 } else { i + 3 };
                if bytes.get(second) == Some(&mark) && digit(second + 1) {
                    push(i, second + 2 - i, cue::DATE_DIGITS);
                }
            }
        }
        if matches!(
            (b, bytes.get(i + 1)),
            (b'1', Some(b'8' | b'9')) | (b'2', Some(b'0'))
        ) && digit(i + 2)
            && digit(i + 3)
        {
            push(i, 4, cue::YEAR_DIGITS);
        }
        if bytes.get(i + 1) == Some(&b'0') && matches!(bytes.get(i + 2), Some(b's' | b'S')) {
            push(i, 3, cue::DECADE_DIGITS);
        }
        if bytes.get(i + 1) == Some(&b':') {
            push(i, 2, cue::CLOCK_DIGITS);
        } else if !digit(i + 1) {
            let rest = sentence.get(i + 1..).unwrap_or("");
            let spaces = rest.len() - rest.trim_start_matches(char::is_whitespace).len();
            let after = &rest.as_bytes()[spaces..];
            if matches!(after.first(), Some(b'a' | b'A' | b'p' | b'P'))
                && matches!(after.get(1), Some(b'm' | b'M' | b'.'))
            {
                push(i, 2 + spaces, cue::CLOCK_DIGITS);
            }
        }
        i = next;
    }
}

/// The first position at or after `from` that holds a digit, "Q" or "q"
/// (where a shape of digits may start), or the end. Eight bytes are tested
/// at a time: most text has no digit.
pub(super) fn digit_or_q_from(bytes: &[u8], from: usize) -> usize {
    use crate::bytescan::{ascii_range, find_from, fold_case, lowest_equal};
    find_from(
        bytes,
        from,
        |x| ascii_range(x, b'0', b'9') | lowest_equal(fold_case(x), b'q'),
        |b| b.is_ascii_digit() || matches!(b, b'Q' | b'q'),
    )
}

/// A cue in a text: a cue word or a shape of digits, with the classes it
/// gives. Every match of a rule holds a cue of one of the rule's classes:
/// rules are searched only near their cues.
#[derive(Clone, Copy, Debug)]
pub(super) struct CueAt {
    pub(super) span: ByteSpan,
    pub(super) classes: u64,
}

/// ASCII word boundary: cheap for the DFA on any input. Where the temporal
/// or number lists hold a word of another script, the rules are compiled
/// in Unicode mode instead (see [`compile`]).
const B: &str = r"(?-u:\b)";

fn alternation<'e>(surfaces: impl Iterator<Item = &'e str>) -> String {
    let mut words: Vec<String> = surfaces
        .map(|s| regex::escape(s.trim_end_matches('.')).replace(' ', r"\s+"))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    words.join("|")
}

/// The rules in the order they run: of overlapping candidates of the same
/// length, the earlier rule's is kept (see `keep_longest`). Each is
/// compiled within `size_limit` bytes.
pub(super) fn build_rules(
    gazetteers: &Gazetteers,
    numbers: &NumberWords,
    size_limit: usize,
) -> Result<Vec<Rule>, BuildError> {
    let kind = |k: &'static str| gazetteers.kind("temporal", k);
    let unicode = gazetteers
        .list("temporal")
        .iter()
        .chain(gazetteers.list("numbers"))
        .any(|e| !e.surface.is_ascii());
    let period_word =
        alternation(kind("period_word").map(|e| e.surface.as_str())).replace(r"\-", "[- ]");
    let holiday = alternation(kind("holiday").map(|e| e.surface.as_str()));
    let decade_word = alternation(kind("decade_word").map(|e| e.surface.as_str()));
    let below_hundred = numbers.below_hundred_pattern().to_string();

    // Abbreviations may carry a period ("Oct."); full names never take
    // the sentence's period with them.
    let words = |k: &'static str, abbr: bool| {
        alternation(
            kind(k)
                .filter(move |e| e.flag("abbr") == abbr)
                .map(|e| e.surface.as_str()),
        )
    };
    let mon = format!(
        "(?:(?:{}){B}|(?:{}){B}\\.?)",
        words("month", false),
        words("month", true)
    );
    let wd = format!(
        "(?:(?:{}){B}|(?:{}){B}\\.?)",
        words("weekday", false),
        words("weekday", true)
    );
    let wd_full = words("weekday", false);
    let unit = alternation(kind("unit").map(|e| e.surface.as_str()));
    let season = alternation(kind("season").map(|e| e.surface.as_str()));
    let pod = alternation(kind("part_of_day").map(|e| e.surface.as_str()));
    let day_offset = alternation(kind("day_offset").map(|e| e.surface.as_str()));
    let reference = alternation(kind("reference").map(|e| e.surface.as_str()));
    let set_words = alternation(kind("set").map(|e| e.surface.as_str()));
    let quarter = alternation(kind("quarter_word").map(|e| e.surface.as_str()));
    let num = format!("(?:{}|an?)", numbers.pattern());
    let ord = numbers.ordinal_pattern().to_string();
    let approx = format!(
        "(?:{})",
        alternation(kind("approximator").map(|e| e.surface.as_str()))
    );

    let specs: Vec<(String, Handler, u64, u64)> = vec![
        // "2016-10-25", "2016-10-25T14:30"
        (
            format!(
                r"{B}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?:T(?P<H>\d{{2}}):(?P<M>\d{{2}}))?{B}"
            ),
            TemporalTagger::iso,
            cue::ISO_DATE,
            0,
        ),
        // "25/10/2016", "10/25/16", "25.10.2016"
        (
            format!(
                r"{B}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}}){B}|{B}(?P<a2>\d{{1,2}})\.(?P<b2>\d{{1,2}})\.(?P<y2>\d{{4}}){B}"
            ),
            TemporalTagger::numeric,
            cue::DATE_DIGITS,
            0,
        ),
        // "on 11/02", "the night of 22/02" (day and month, in the order the
        // anchor makes likelier)
        (
            format!(r"(?i){B}(?:on|of)\s+(?:the\s+)?(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}}){B}"),
            TemporalTagger::numeric_day,
            cue::SLASH_DIGITS,
            0,
        ),
        // "25 October 2016", "Tuesday, 25th of October", "first of May"
        (
            format!(
                r"(?i)(?:{B}(?P<wd>{wd}),?\s+)?{B}(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?|(?P<dw>{ord}))(?:\s+of)?\s+(?P<mon>{mon})(?:\s?,?\s+(?P<y>\d{{4}}){B})?"
            ),
            TemporalTagger::day_month,
            cue::MONTH,
            cue::ORDINAL | cue::ANY_DIGIT,
        ),
        // "October 26, 2016", "Oct. 26", "Wednesday, October the 26th"
        (
            format!(
                r"(?i)(?:{B}(?P<wd>{wd}),?\s+)?{B}(?P<mon>{mon})\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{B}(?:\s?,?\s+(?P<y>\d{{4}}){B})?"
            ),
            TemporalTagger::month_day,
            cue::MONTH,
            0,
        ),
        // "October 2016", "early October", "last October", "the end of October"
        (
            format!(
                r"(?i){B}(?:(?P<mod>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[- ]?\s*|(?P<rel>last|next|this|that)\s+)?(?P<mon>{mon})(?:,?\s+(?:of\s+)?(?P<y>\d{{4}}){B})?"
            ),
            TemporalTagger::month_year,
            cue::MONTH,
            0,
        ),
        // "in 2016", "mid-2016", "fiscal 1989" (a bare year only where `year_context` allows)
        (
            format!(
                r"(?i){B}(?:(?P<mod>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|fiscal|calendar)[- ]?\s*)?(?P<y>(?:1[89]|20)\d{{2}}){B}"
            ),
            TemporalTagger::year,
            cue::YEAR_DIGITS,
            0,
        ),
        // "the 1990s", "the early '90s", "mid-1980s"
        (
            format!(
                r"(?i){B}(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?:(?P<dec>(?:1[89]|20)\d)0s{B}|'(?P<d2>\d)0s{B})"
            ),
            TemporalTagger::decade,
            cue::DECADE_DIGITS,
            0,
        ),
        // "the nineties", "the late sixties"
        (
            format!(r"(?i){B}the\s+(?:(?P<mod>early|mid|late)[- ])?(?P<dw>{decade_word}){B}"),
            TemporalTagger::decade_word,
            cue::DECADE_WORD,
            0,
        ),
        // "the 20th century", "the early twenty-first century"
        (
            format!(
                r"(?i){B}(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<nw>{ord}))[- ]century{B}"
            ),
            TemporalTagger::century,
            cue::CENTURY,
            0,
        ),
        // "nineteen ninety-six", "the year two thousand and one"
        (
            format!(
                r"(?i){B}(?:(?:the\s+year\s+)?(?P<hi>eighteen|nineteen)[\s-]+(?P<lo>{below_hundred}|hundred)|the\s+year\s+two\s+thousand(?:\s+and)?(?:[\s-]+(?P<lo2>{below_hundred}))?){B}"
            ),
            TemporalTagger::spoken_year,
            cue::SPOKEN_YEAR,
            0,
        ),
        // "Christmas", "last Easter", "Election Day 1998"
        (
            format!(
                r"(?:{B}(?P<rel>last|next|this)\s+)?{B}(?P<h>{holiday}){B}(?:,?\s+(?P<y>\d{{4}}){B})?"
            ),
            TemporalTagger::holiday,
            cue::HOLIDAY,
            0,
        ),
        // "Monday", "last Friday", "Tuesday night", "Wed."
        (
            format!(
                r"(?i){B}(?:(?P<rel>last|next|this|that|coming|past)\s+)?(?P<wd>{wd})(?:\s+(?P<pod>{pod}){B})?"
            ),
            TemporalTagger::weekday,
            cue::WEEKDAY,
            0,
        ),
        // "yesterday", "late yesterday", "tomorrow morning", "last night"
        (
            format!(
                r"(?i){B}(?:(?P<dmod>early|late|earlier|later)\s+)?(?P<off>{day_offset}){B}(?:\s+(?P<pod>{pod}){B})?|{B}(?P<rel>this|last|yesterday|tomorrow)\s+(?P<pod2>morning|afternoon|evening|night){B}"
            ),
            TemporalTagger::day_offset,
            cue::DAY_OFFSET | cue::PART_OF_DAY,
            0,
        ),
        // "last week", "the past year", "earlier this month", "the end of next year"
        (
            format!(
                r"(?i){B}(?P<mod>earlier|later|early|late)?\s*{B}(?P<rel>this|last|next|the\s+past|the\s+coming|the\s+previous|the\s+following|the\s+current|the\s+same|the\s+next|the\s+last|(?:by\s+)?the\s+(?:end|start|beginning|middle)\s+of\s+(?:the|this|last|next))\s+(?P<unit>week|month|year|quarter|decade|century|weekend|{season}){B}"
            ),
            TemporalTagger::anchor_unit,
            cue::UNIT | cue::SEASON,
            cue::ANCHOR_WORD,
        ),
        // "two years ago", "about three weeks ago"
        (
            format!(r"(?i){B}(?:(?P<mod>{approx})\s+)?(?P<n>{num})\s+(?P<unit>{unit}){B}\s+ago{B}"),
            TemporalTagger::ago,
            cue::AGO,
            0,
        ),
        // "two days later", "the next day", "the week before", "later that same day"
        (
            format!(
                r"(?i){B}(?:(?P<n>{num})\s+(?P<unit>{unit}){B}\s+(?P<dir>later|earlier|afterwards){B}|the\s+(?P<rel>next|following|previous|preceding)\s+(?P<unit2>day|week|month|year|morning|evening|night|afternoon){B}|the\s+(?P<unit3>day|week|month|year)\s+(?P<dir3>before|after){B}|(?P<mod4>earlier|later)?\s*{B}(?P<that>that(?:\s+same)?|the\s+same)\s+(?P<unit4>day|morning|afternoon|evening|night|week|month|year){B})"
            ),
            TemporalTagger::narrative,
            cue::UNIT | cue::PART_OF_DAY,
            cue::NARRATIVE_WORD,
        ),
        // "summer 2016", "winter of 2015", "this past spring", "mid-summer"
        (
            format!(
                r"(?i){B}(?:(?P<rel>this\s+past|this|last|next|early|late|mid)[- ]\s*)?(?P<season>{season}){B}(?:\s+(?:of\s+)?(?P<y>\d{{4}}){B})?"
            ),
            TemporalTagger::season,
            cue::SEASON,
            0,
        ),
        // "the third quarter of 2016", "the year-ago fourth quarter", "Q3 2016", "2016 Q3"
        (
            format!(
                r"(?i){B}(?:the\s+)?(?:(?P<y0>(?:1[89]|20)\d\d)\s+)?(?:(?P<pw>{period_word})\s+)?(?:fiscal[\s-]+)?(?P<q>{quarter})[- ]quarter(?:\s+of\s+(?P<y>\d{{4}}))?{B}|{B}Q(?P<qn>[1-4])(?:\s+(?P<y2>\d{{4}}))?{B}|{B}(?P<y3>\d{{4}})\s+Q(?P<qn3>[1-4]){B}"
            ),
            TemporalTagger::quarter,
            cue::QUARTER | cue::QUARTER_NUMBER,
            0,
        ),
        // "the quarter", "the latest period", "the year-ago quarter", "the quarter a year ago"
        (
            format!(
                r"(?i){B}the\s+(?:(?P<rel>{period_word})\s+)?(?:fiscal[- ])?(?P<what>quarter|period){B}(?P<ago>\s+a\s+year\s+(?:ago|earlier){B})?"
            ),
            TemporalTagger::reported_quarter,
            cue::QUARTER,
            0,
        ),
        // "year-end", "year's end", "earlier in the year", "the fiscal year"
        (
            format!(
                r"(?i){B}(?:(?:the\s+)?year[- ]end|year's\s+end|(?P<pos>earlier|later|early|late)\s+in\s+the\s+year|the\s+(?P<fy>full|fiscal|current\s+fiscal)\s+year){B}"
            ),
            TemporalTagger::year_part,
            cue::YEAR_WORD,
            cue::YEAR_PART_WORD,
        ),
        // "the first half of 2013", "the second half of the year"
        (
            format!(
                r"(?i){B}(?:the\s+)?(?P<half>first|second|last|latter)\s+half\s+of\s+(?:(?P<y>\d{{4}}){B}|(?P<rel>this|last|next|the)\s+year{B})"
            ),
            TemporalTagger::half_year,
            cue::HALF,
            0,
        ),
        // "the weekend", "the week"
        (
            format!(r"(?i){B}the\s+(?P<wk>weekend|week){B}"),
            TemporalTagger::weekend,
            cue::WEEK_WORD,
            0,
        ),
        // "now", "recently", "the near future"
        (
            format!(r"(?i){B}(?P<ref>{reference}){B}"),
            TemporalTagger::reference,
            cue::REFERENCE,
            0,
        ),
        // "three years", "the past six months", "about five hours", "four and a half months"
        (
            format!(
                r"(?i){B}(?:(?P<pre>the(?:\s+(?:past|last|next|coming|first|previous|following|final|remaining|same|latest))?|{approx})\s+)?(?P<n>{num})(?P<half>\s+1/2|[\s-]+and[\s-]+a[\s-]+half|½)?(?:\s+(?:more|additional|further|trading|business|working|straight|consecutive))?(?:-\s?|\s)(?P<unit>{unit}){B}(?P<tail>-old|-long|\s+old|\s+or\s+so{B}|(?P<half2>\s+and\s+a\s+half){B})?"
            ),
            TemporalTagger::duration,
            cue::UNIT,
            0,
        ),
        // "half a century", "a half-century", "a quarter of an hour"
        (
            format!(
                r"(?i){B}(?:(?P<h1>half)\s+an?\s+(?P<u1>{unit})|an?\s+(?P<f2>half|quarter)[\s-](?:of\s+an?\s+)?(?P<u2>{unit})){B}"
            ),
            TemporalTagger::fraction_duration,
            cue::HALF | cue::QUARTER,
            0,
        ),
        // "for years", "recent weeks", "the years ahead", "decades-long",
        // "for some time"
        (
            format!(
                r"(?i){B}(?:for|within)\s+(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries){B}|{B}(?P<pre>(?:the\s+)?(?:recent|coming|past)|(?-i:the))\s+(?P<unit2>years|months|weeks|days|decades|quarters|centuries){B}(?P<ahead>\s+ahead{B})?|{B}for\s+(?P<vague>some\s+time|a\s+while){B}|{B}(?P<fyu>the\s+(?:fiscal\s+)?year)\s+(?:ended|ending){B}|{B}(?P<unit3>days?|weeks?|months?|years?|decades?|hours?)-long{B}"
            ),
            TemporalTagger::bare_duration,
            cue::PLURAL_UNIT | cue::VAGUE_DURATION | cue::DURATION_TAIL,
            0,
        ),
        // "10 p.m.", "9:30am", "14:45", "noon", "four in the morning", "mid-afternoon"
        (
            format!(
                r"(?i){B}(?P<h>\d{{1,2}})(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am{B}|pm{B})|{B}(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d){B}|{B}(?P<word>noon|midday|midnight){B}|{B}(?P<hw>\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o'clock)?\s+(?:in\s+the\s+(?P<dp>morning|afternoon|evening)|at\s+(?P<night>night)){B}|{B}(?P<pmod>early|late|mid)[- ]?(?P<pod3>morning|afternoon|evening){B}|{B}(?P<overnight>overnight){B}"
            ),
            TemporalTagger::clock,
            cue::CLOCK_DIGITS | cue::PART_OF_DAY,
            0,
        ),
        // "every other day", "each Sunday morning", "Mondays", "twice a week", "daily"
        (
            format!(
                r"(?i){B}(?:every|each)\s+(?:(?P<n>{num}|other)\s+)?(?P<what>{unit}|{wd}|{pod}|{season}|{mon}){B}(?:\s+(?P<podw>{pod}){B})?|{B}(?P<wdp>{wd_full})(?:s(?:\s+(?P<podp>{pod})s?)?|\s+(?P<pods>{pod})s){B}|{B}(?P<freq>once|twice|thrice|{num}\s+times)\s+(?:a|per|each|every)\s+(?P<unit2>day|week|month|year){B}|{B}(?P<word>{set_words}){B}"
            ),
            TemporalTagger::set,
            // "every"/"each", "once"/"times", "daily", or a weekday
            // ("Mondays", "Tuesday nights").
            cue::SET | cue::WEEKDAY,
            0,
        ),
    ];
    let count = specs.len();
    let rules = specs
        .into_iter()
        .enumerate()
        .map(|(i, (pattern, handler, cues, with))| {
            Ok(Rule {
                regex: compile(&pattern, unicode, (i + 1, count), size_limit, gazetteers)?,
                handler,
                cues,
                with,
            })
        })
        .collect::<Result<Vec<Rule>, BuildError>>()?;
    Ok(rules)
}

/// The cue words of the lists and of the rules, as one automaton; per
/// pattern of it, the cue classes it gives, and those that only its
/// capitalised surfaces give (see `TemporalTagger::cue_capitalised`).
pub(super) fn build_cue_words(
    gazetteers: &Gazetteers,
) -> Result<(aho_corasick::AhoCorasick, Vec<u64>, Vec<u64>), BuildError> {
    let kind = |k: &'static str| gazetteers.kind("temporal", k);
    let mut cue_patterns: Vec<String> = Vec::new();
    let mut cue_index: rustc_hash::FxHashMap<String, usize> = Default::default();
    let mut cue_classes: Vec<u64> = Vec::new();
    // Per pattern: the classes given by capitalised surfaces, and by
    // lower-case ones.
    let mut capitalised_classes: Vec<u64> = Vec::new();
    let mut lower_classes: Vec<u64> = Vec::new();
    let mut add_cue = |surface: &str, class: u64| {
        let surface = surface.trim_end_matches('.');
        // The patterns read the space of a phrase as any white space
        // ("some\ntime"), the automaton only as written: a phrase is cued
        // by its longest word.
        let surface = surface
            .split_whitespace()
            .rev()
            .max_by_key(|word| word.chars().count())
            .unwrap_or(surface);
        let capitalised = surface.starts_with(char::is_uppercase);
        let lower = surface.to_lowercase();
        // The automaton folds ASCII case only: a word of another script
        // goes in lower case, capitalised and upper case.
        let mut forms = vec![lower.to_ascii_lowercase()];
        if !surface.is_ascii() {
            forms.extend([lower.clone(), capitalise(&lower), lower.to_uppercase()]);
        }
        for form in forms {
            let i = *cue_index.entry(form.clone()).or_insert_with(|| {
                cue_patterns.push(form);
                cue_classes.push(0);
                capitalised_classes.push(0);
                lower_classes.push(0);
                cue_patterns.len() - 1
            });
            cue_classes[i] |= class;
            if capitalised {
                capitalised_classes[i] |= class;
            } else {
                lower_classes[i] |= class;
            }
        }
    };
    for (k, class) in [
        ("month", cue::MONTH),
        ("weekday", cue::WEEKDAY),
        ("day_offset", cue::DAY_OFFSET),
        ("part_of_day", cue::PART_OF_DAY),
        ("unit", cue::UNIT),
        ("season", cue::SEASON),
        ("reference", cue::REFERENCE),
        ("set", cue::SET),
    ] {
        for e in kind(k) {
            add_cue(&e.surface, class);
        }
    }
    add_cue("ago", cue::AGO);
    add_cue("quarter", cue::QUARTER);
    for e in kind("holiday") {
        add_cue(&e.surface, cue::HOLIDAY);
    }
    for e in kind("decade_word") {
        add_cue(&e.surface, cue::UNIT | cue::DECADE_WORD);
    }
    // Words that a rule's every match holds.
    add_cue("century", cue::CENTURY);
    add_cue("year", cue::YEAR_WORD);
    add_cue("week", cue::WEEK_WORD);
    add_cue("half", cue::HALF);
    add_cue("some time", cue::VAGUE_DURATION);
    add_cue("a while", cue::VAGUE_DURATION);
    for w in ["eighteen", "nineteen", "thousand"] {
        add_cue(w, cue::SPOKEN_YEAR);
    }
    add_cue("period", cue::QUARTER);
    for w in ["every", "each", "times", "once", "twice", "thrice"] {
        add_cue(w, cue::SET);
    }
    // The words of the patterns that a rule needs besides its cue (its
    // `with` classes), and the cues of bare_duration, as its pattern
    // writes them.
    for e in gazetteers.kind("numbers", "ordinal") {
        add_cue(&e.surface, cue::ORDINAL);
    }
    for w in [
        "later",
        "earlier",
        "afterwards",
        "next",
        "following",
        "previous",
        "preceding",
        "before",
        "after",
        "that",
        "same",
    ] {
        add_cue(w, cue::NARRATIVE_WORD);
    }
    for w in [
        "this",
        "last",
        "next",
        "past",
        "coming",
        "previous",
        "following",
        "current",
        "same",
        "end",
        "start",
        "beginning",
        "middle",
    ] {
        add_cue(w, cue::ANCHOR_WORD);
    }
    for w in ["end", "earlier", "later", "early", "late", "full", "fiscal"] {
        add_cue(w, cue::YEAR_PART_WORD);
    }
    for w in [
        "years",
        "months",
        "weeks",
        "days",
        "decades",
        "hours",
        "minutes",
        "centuries",
        "quarters",
    ] {
        add_cue(w, cue::PLURAL_UNIT);
    }
    for w in ["ended", "ending", "long"] {
        add_cue(w, cue::DURATION_TAIL);
    }
    let cue_words = aho_corasick::AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&cue_patterns)
        .or_else(|_| {
            aho_corasick::AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(&cue_patterns)
        })
        .map_err(|e| {
            BuildError::automaton(
                "the temporal cue words",
                "temporal.tsv",
                cue_patterns.len(),
                &e,
            )
        })?;
    let cue_capitalised = capitalised_classes
        .iter()
        .zip(&lower_classes)
        .map(|(cap, lower)| cap & !lower)
        .collect();
    Ok((cue_words, cue_classes, cue_capitalised))
}

/// Compiles rule `number` of `count` within `size_limit` bytes. With English lists the patterns are
/// ASCII (words, digits, `\s`), so Unicode is switched off: ASCII case
/// folding and word boundaries keep the lazy DFA small and fast on any text.
/// Where a list holds a word of another script (`unicode`), a word boundary
/// and case folding must know its letters: the rule is compiled with Unicode
/// boundaries and case folding instead, and digits stay ASCII digits.
fn compile(
    pattern: &str,
    unicode: bool,
    (number, count): (usize, usize),
    size_limit: usize,
    gazetteers: &Gazetteers,
) -> Result<Regex, BuildError> {
    let pattern = if unicode {
        pattern.replace(B, r"\b").replace(r"\d", "[0-9]")
    } else {
        format!("(?-u){pattern}")
    };
    let part = format!("temporal rule {number} of {count}");
    compile_rule_within(&part, "temporal.tsv, numbers.tsv", &pattern, size_limit)
        .map_err(|e| e.with_hint(largest_kinds(gazetteers)))
}

/// The kinds of temporal.tsv and numbers.tsv with the most entries, for an
/// error message: "holiday (20,040 entries), month (38 entries)".
fn largest_kinds(gazetteers: &Gazetteers) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for entry in gazetteers
        .list("temporal")
        .iter()
        .chain(gazetteers.list("numbers"))
    {
        match counts.iter_mut().find(|(k, _)| *k == entry.kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((entry.kind.clone(), 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let largest: Vec<String> = counts
        .iter()
        .take(3)
        .map(|(k, n)| format!("{k} ({n} entries)"))
        .collect();
    format!("the largest kinds: {}", largest.join(", "))
}
