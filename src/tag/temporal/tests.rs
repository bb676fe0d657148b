//! Unit tests of the temporal tagger.

use super::*;
use crate::segment::Segmenter;

fn tag(text: &str, anchor: Option<&str>) -> Vec<(String, String, String)> {
    let gazetteers = Gazetteers::embedded().unwrap();
    let tagger = TemporalTagger::new(&gazetteers).unwrap();
    let sentences = Segmenter::new(&gazetteers).split(text);
    let anchor = anchor.map(|a| NaiveDate::parse_from_str(a, "%Y-%m-%d").unwrap());
    tagger
        .tag(&TemporalContext {
            text,
            sentences: &sentences,
            anchor,
        })
        .into_iter()
        .map(|m| {
            (
                m.span.slice(text).to_string(),
                m.kind.as_str().to_string(),
                m.value.unwrap_or_default(),
            )
        })
        .collect()
}

fn values(text: &str, anchor: &str) -> Vec<(String, String)> {
    tag(text, Some(anchor))
        .into_iter()
        .map(|(t, _, v)| (t, v))
        .collect()
}

/// The values found with a user's temporal.tsv layered over the lists.
fn values_with_overlay(temporal_tsv: &str, text: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("temporal.tsv"), temporal_tsv).unwrap();
    let gazetteers = Gazetteers::with_overlay(dir.path()).unwrap();
    let tagger = TemporalTagger::new(&gazetteers).unwrap();
    let sentences = Segmenter::new(&gazetteers).split(text);
    let context = TemporalContext {
        text,
        sentences: &sentences,
        anchor: NaiveDate::from_ymd_opt(2021, 9, 1),
    };
    tagger
        .tag(&context)
        .into_iter()
        .map(|m| (m.span.slice(text).to_string(), m.value.unwrap_or_default()))
        .collect()
}

#[test]
fn the_will_of_the_people_is_no_future() {
    // Written in November: "Monday" after a future cue is the next one,
    // after the noun "will" the last one.
    assert_eq!(
        values("Protesters will march on Monday.", "2021-11-10"),
        pairs(&[("Monday", "2021-11-15")])
    );
    assert_eq!(
        values(
            "Against the will of the people, the vote is on Monday.",
            "2021-11-10"
        ),
        pairs(&[("Monday", "2021-11-08")])
    );
}

#[test]
fn a_rule_over_its_size_limit_is_an_error_naming_the_lists() {
    let gazetteers = Gazetteers::embedded().unwrap();
    let error = TemporalTagger::within(&gazetteers, 10_000)
        .err()
        .expect("too large");
    assert!(error.is_too_large());
    let message = error.to_string();
    for part in [
        "temporal.tsv",
        "size limit",
        "temporal rule",
        "largest kinds",
    ] {
        assert!(message.contains(part), "{part}: {message}");
    }
}

#[test]
fn tens_of_thousands_of_holidays_build() {
    let mut tsv = String::new();
    for i in 0..20_000 {
        tsv.push_str(&format!(
            "Festival Number{i}\t{:02}-{:02}\tholiday\t-\n",
            1 + i % 12,
            1 + i % 28
        ));
    }
    let found = values_with_overlay(&tsv, "Crowds gathered for Festival Number13 this year.");
    assert!(
        found.contains(&("Festival Number13".into(), "2021-02-14".into())),
        "{found:?}"
    );
}

#[test]
fn the_ambiguous_flag_of_a_month_comes_from_the_data() {
    // Built in, "May" is ambiguous: alone, only after a preposition.
    let text = "May 2021 was hot. Crowds came. May was dry.";
    assert_eq!(
        values(text, "2021-09-01"),
        pairs(&[("May 2021", "2021-05")])
    );
    // A user who says it is not takes "May" alone as the month.
    let found = values_with_overlay("May\t5\tmonth\t-\n", text);
    assert!(
        found.contains(&("May".into(), "2021-05".into())),
        "{found:?}"
    );
    // And a month the user marks ambiguous needs the preposition.
    let text = "June was dry. Rain came in June.";
    assert_eq!(values(text, "2021-09-01").len(), 2);
    let found = values_with_overlay("June\t6\tmonth\tambiguous=1\n", text);
    assert_eq!(found, pairs(&[("June", "2021-06")]));
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn triples(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(t, k, v)| (t.to_string(), k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn news_date_forms() {
    let text = "It began on 25 October 2016, continued on October 26, 2016, then on 27th October, on the 12th October, on 25/10/2016 and 2016-10-25.";
    assert_eq!(
        values(text, "2016-11-01"),
        pairs(&[
            ("25 October 2016", "2016-10-25"),
            ("October 26, 2016", "2016-10-26"),
            ("27th October", "2016-10-27"),
            ("12th October", "2016-10-12"),
            ("25/10/2016", "2016-10-25"),
            ("2016-10-25", "2016-10-25"),
        ])
    );
}

#[test]
fn partial_and_relative_dates() {
    let text = "In October 2016 and in mid-October, and last week, yesterday, on Monday, earlier this month, in 2015 and the 1990s.";
    assert_eq!(
        values(text, "2016-11-01"),
        pairs(&[
            ("October 2016", "2016-10"),
            ("mid-October", "2016-10"),
            ("last week", "2016-W43"),
            ("yesterday", "2016-10-31"),
            ("Monday", "2016-10-31"),
            ("earlier this month", "2016-11"),
            ("2015", "2015"),
            ("the 1990s", "199"),
        ])
    );
}

#[test]
fn yearless_dates_take_the_nearest_year() {
    assert_eq!(
        values("They were held on 20 December.", "2021-02-10"),
        pairs(&[("20 December", "2020-12-20")])
    );
    assert_eq!(
        values("The trial will open on 20 March.", "2021-02-10"),
        pairs(&[("20 March", "2021-03-20")])
    );
    // Written in November, January is the coming one; written in
    // February, November is the last one, whatever the tense.
    assert_eq!(
        values("Elections are set for January.", "1989-11-02"),
        pairs(&[("January", "1990-01")])
    );
    assert_eq!(
        values("The talks began in late November.", "2000-02-16"),
        pairs(&[("late November", "1999-11")])
    );
    // A past sentence about a date a little after the anchor: same year
    // only when much nearer than the year before.
    assert_eq!(
        values("It was signed on 5 March.", "2021-03-01"),
        pairs(&[("5 March", "2021-03-05")])
    );
    assert_eq!(
        values("It was signed on 5 September.", "2021-03-01"),
        pairs(&[("5 September", "2020-09-05")])
    );
    assert_eq!(
        tag("They were held on 20 December.", None)[0].2,
        "XXXX-12-20"
    );
}

#[test]
fn abbreviations_need_their_period_alone() {
    assert!(tag(
        "Jan Kowalski spoke to The Sun newspaper.",
        Some("2021-02-10")
    )
    .is_empty());
    assert_eq!(
        values("It opens on Sun. and closes in Jan.", "2021-02-10"),
        pairs(&[("Sun.", "2021-02-07"), ("Jan.", "2021-01")])
    );
    assert_eq!(
        values("It closed Jan 5.", "2021-02-10"),
        pairs(&[("Jan 5", "2021-01-05")])
    );
}

#[test]
fn spans_follow_timeml_annotation_practice() {
    // "about", "over", "only" stay outside; "more than", "at least" in.
    assert_eq!(
        values(
            "They were held for about six hours, over two days and at least 20 years.",
            "2021-02-10"
        ),
        pairs(&[
            ("six hours", "PT6H"),
            ("two days", "P2D"),
            ("at least 20 years", "P20Y")
        ])
    );
    // The article of a noun phrase is in, of an adjective out.
    assert_eq!(
        values("In the nine months, the 30-day limit passed.", "2021-02-10"),
        pairs(&[("the nine months", "P9M"), ("30-day", "P30D")])
    );
}

#[test]
fn financial_quarters_and_the_weekend() {
    // The quarter a report is about: the last one named, else the last
    // one that ended before the publication date.
    assert_eq!(
        values(
            "Profit rose in the quarter, against the year-ago quarter.",
            "1989-11-02"
        ),
        pairs(&[
            ("the quarter", "1989-Q3"),
            ("the year-ago quarter", "1988-Q3")
        ])
    );
    assert_eq!(
        values(
            "In the second quarter sales fell; the latest period was worse.",
            "1989-11-02"
        ),
        pairs(&[
            ("the second quarter", "1989-Q2"),
            ("the latest period", "1989-Q2")
        ])
    );
    assert_eq!(
        values(
            "Sales beat the year-ago third quarter and the fiscal first quarter.",
            "1989-11-02"
        ),
        pairs(&[
            ("the year-ago third quarter", "1988-Q3"),
            ("the fiscal first quarter", "1989-Q1")
        ])
    );
    // "the third-quarter loss": an adjective, the article stays out.
    assert_eq!(
        values("It posted the third-quarter loss.", "1989-11-02"),
        pairs(&[("third-quarter", "1989-Q3")])
    );
    assert!(tag(
        "During the period of detention he was ill.",
        Some("1989-11-02")
    )
    .is_empty());
    assert_eq!(
        values("Shares fell during the week.", "1989-11-02"),
        pairs(&[("the week", "1989-WXX")])
    );
    assert_eq!(
        values("Protests continued over the weekend.", "2021-02-10"),
        pairs(&[("the weekend", "2021-W05-WE")])
    );
    assert_eq!(
        values("They will march at the weekend.", "2021-02-10"),
        pairs(&[("the weekend", "2021-W06-WE")])
    );
}

#[test]
fn compounds_are_one_expression() {
    assert_eq!(
        values(
            "Polls closed at 10 p.m. EST Wednesday; talks resume noon Thursday.",
            "1998-02-13"
        ),
        pairs(&[
            ("10 p.m. EST Wednesday", "1998-02-11T22:00"),
            ("noon Thursday", "1998-02-12T12:00")
        ])
    );
    assert_eq!(
        values(
            "It began in January this year and June last year.",
            "1998-02-19"
        ),
        pairs(&[
            ("January this year", "1998-01"),
            ("June last year", "1997-06")
        ])
    );
}

#[test]
fn duration_compounds() {
    assert_eq!(
        values(
            "After a couple of years, two more weeks and eight trading days, the day-long strike began.",
            "1998-02-13"
        ),
        pairs(&[
            ("a couple of years", "P2Y"),
            ("two more weeks", "P2W"),
            ("eight trading days", "P8D"),
            ("day-long", "P1D"),
        ])
    );
    assert_eq!(
        values("They began a week-long strike.", "1998-02-13"),
        pairs(&[("week-long", "P1W")])
    );
}

#[test]
fn parts_of_day() {
    assert_eq!(
        values(
            "Shots were heard at 4 in the morning, again mid-afternoon yesterday and late yesterday.",
            "1998-02-13"
        ),
        pairs(&[
            ("4 in the morning", "1998-02-13T04:00"),
            ("mid-afternoon yesterday", "1998-02-12TAF"),
            ("late yesterday", "1998-02-12"),
        ])
    );
    assert!(tag(
        "It was high noon for a second group on 60 Minutes.",
        Some("1998-02-13")
    )
    .is_empty());
    assert_eq!(
        values("Sales in the 1988 second quarter fell.", "1989-11-02"),
        pairs(&[("the 1988 second quarter", "1988-Q2")])
    );
}

#[test]
fn parts_of_a_unit() {
    assert_eq!(
        values(
            "At the start of the year and by the end of next month, not the middle of this week.",
            "2013-03-22"
        ),
        pairs(&[
            ("the start of the year", "2013"),
            ("the end of next month", "2013-04"),
            ("the middle of this week", "2013-W12"),
        ])
    );
}

#[test]
fn fractions_of_units() {
    assert_eq!(
        values(
            "After half a century, a quarter of a century, an hour and a half and three-and-a-half years, it ran every Sunday morning.",
            "1998-02-13"
        ),
        pairs(&[
            ("half a century", "P50Y"),
            ("a quarter of a century", "P25Y"),
            ("an hour and a half", "PT1H30M"),
            ("three-and-a-half years", "P3Y6M"),
            ("every Sunday morning", "XXXX-WXX-7TMO"),
        ])
    );
}

#[test]
fn vague_and_financial_durations() {
    assert_eq!(
        values(
            "Within weeks, over the years and in the weeks ahead, for a while, after several quarters of losses, net income for the year ended March 31 fell over the next couple of years.",
            "1989-11-02"
        ),
        pairs(&[
            ("weeks", "PXW"),
            ("the years", "PXY"),
            ("the weeks ahead", "PXW"),
            ("a while", "PXX"),
            ("several quarters", "PXQ"),
            ("the year", "P1Y"),
            ("March 31", "1989-03-31"),
            ("the next couple of years", "P2Y"),
        ])
    );
    assert!(tag("The years of war left scars.", Some("1989-11-02")).is_empty());
}

#[test]
fn rates_and_fractions_are_not_durations() {
    assert!(tag(
        "It runs four flights a week and saves $2 million a year.",
        Some("1998-02-13")
    )
    .is_empty());
    assert!(tag("It imports three-quarters of its food.", Some("1998-02-13")).is_empty());
    assert_eq!(
        values("He was held for a week.", "1998-02-13"),
        pairs(&[("a week", "P1W")])
    );
}

#[test]
fn holidays_follow_their_calendar_rule() {
    assert_eq!(
        values(
            "Shops closed on Thanksgiving Day and reopened after Christmas.",
            "1999-12-20"
        ),
        pairs(&[
            ("Thanksgiving Day", "1999-11-25"),
            ("Christmas", "1999-12-25")
        ])
    );
    assert_eq!(
        values("Voters went to the polls on Election Day.", "1998-11-05"),
        pairs(&[("Election Day", "1998-11-03")])
    );
    assert_eq!(
        values(
            "Pilgrims will gather at Easter; last Easter they could not.",
            "2000-03-01"
        ),
        pairs(&[("Easter", "2000-04-23"), ("last Easter", "1999-04-04")])
    );
    assert_eq!(easter_sunday(2024), NaiveDate::from_ymd_opt(2024, 3, 31));
    assert_eq!(
        values("Workers marched on May Day.", "2024-05-03"),
        pairs(&[("May Day", "2024-05-01")])
    );
}

#[test]
fn spoken_years_centuries_and_decades() {
    assert_eq!(
        values(
            "In nineteen ninety-six, before the year two thousand, the 20th century and the nineties ended.",
            "1998-02-13"
        ),
        pairs(&[
            ("nineteen ninety-six", "1996"),
            ("the year two thousand", "2000"),
            ("the 20th century", "19"),
            ("the nineties", "199"),
        ])
    );
    assert!(tag(
        "Nineteen people were hurt; she is in her forties.",
        Some("1998-02-13")
    )
    .is_empty());
}

#[test]
fn plural_days_are_sets_and_the_past_unit_a_date() {
    let text =
        "The shop opens on Mondays and Tuesday nights, each July, and grew over the past year.";
    assert_eq!(
        tag(text, Some("1998-02-13")),
        triples(&[
            ("Mondays", "set", "XXXX-WXX-1"),
            ("Tuesday nights", "set", "XXXX-WXX-2TNI"),
            ("each July", "set", "XXXX-07"),
            ("the past year", "date", "1997"),
        ])
    );
}

#[test]
fn a_verb_right_before_a_weekday_decides_its_direction() {
    // 1998-02-13 is a Friday.
    assert_eq!(
        values(
            "Exiles will appeal, the government predicted Wednesday.",
            "1998-02-13"
        ),
        pairs(&[("Wednesday", "1998-02-11")])
    );
    assert_eq!(
        values("The hearing was postponed until Tuesday.", "1998-02-13"),
        pairs(&[("Tuesday", "1998-02-17")])
    );
}

#[test]
fn halves_year_ends_and_zones() {
    assert_eq!(
        values("Sales fell in the first half of 2013 and earlier in the year; by year-end, at 1 p.m. ET, this past spring was forgotten.", "2013-10-02"),
        pairs(&[
            ("the first half of 2013", "2013-H1"),
            ("earlier in the year", "2013"),
            ("year-end", "2013"),
            ("1 p.m. ET", "2013-10-02T13:00"),
            ("this past spring", "2013-SP"),
        ])
    );
}

#[test]
fn a_preposition_before_a_yearless_date_decides_its_direction() {
    // "scheduled" speaks of the future, but "since March" looks back.
    assert_eq!(
        values(
            "The ship, on patrol since March, was scheduled to return.",
            "1990-08-13"
        ),
        pairs(&[("March", "1990-03")])
    );
    // "expected" is past, but "by February" looks ahead.
    assert_eq!(
        values(
            "The loan, as expected, will be repaid by February.",
            "1989-10-30"
        ),
        pairs(&[("February", "1990-02")])
    );
    // An irregular past verb: "brought in" in January, written in October.
    assert_eq!(
        values("In January, the firm brought in a new chief.", "1989-10-27"),
        pairs(&[("January", "1989-01")])
    );
}

#[test]
fn narrative_anchor() {
    let text =
        "On 24th October he was beaten. Two days later he was charged. The next day he fled.";
    assert_eq!(
        values(text, "2016-11-01"),
        pairs(&[
            ("24th October", "2016-10-24"),
            ("Two days later", "2016-10-26"),
            ("The next day", "2016-10-27")
        ])
    );
}

#[test]
fn durations_sets_and_times() {
    let text = "He faces up to ten years, served 18 months and 15 days, a decade ago he met her at 3 p.m. and they met every week, daily.";
    assert_eq!(
        tag(text, Some("2016-11-01")),
        triples(&[
            ("up to ten years", "duration", "P10Y"),
            ("18 months", "duration", "P18M"),
            ("15 days", "duration", "P15D"),
            ("a decade ago", "date", "2006"),
            ("3 p.m.", "time", "2016-11-01T15:00"),
            ("every week", "set", "P1W"),
            ("daily", "set", "P1D"),
        ])
    );
}

#[test]
fn may_is_a_month_only_in_date_context() {
    assert!(tag("They may be fined.", Some("2016-11-01")).is_empty());
    assert_eq!(
        values("He was arrested in May.", "2016-11-01"),
        pairs(&[("May", "2016-05")])
    );
    assert_eq!(
        values("He was arrested on 17th May.", "2016-11-01"),
        pairs(&[("17th May", "2016-05-17")])
    );
}

#[test]
fn ages_and_amounts_are_not_times() {
    assert!(tag("The 45-year-old paid 2000 dollars.", Some("2016-11-01")).is_empty());
}

#[test]
fn digit_shapes_are_what_their_rules_need() {
    use super::rules::cue;
    let shapes = |s: &str| {
        let mut cues = Vec::new();
        super::rules::digit_cues(s, 0, &mut cues);
        cues.iter().fold(0, |all, c| all | c.classes)
    };
    assert_eq!(shapes("on 2016-11-01"), cue::ISO_DATE | cue::YEAR_DIGITS);
    assert_eq!(shapes("on 11/01/16"), cue::SLASH_DIGITS | cue::DATE_DIGITS);
    assert_eq!(shapes("on 1.11.2016"), cue::DATE_DIGITS | cue::YEAR_DIGITS);
    assert_eq!(shapes("open 24/7"), cue::SLASH_DIGITS);
    assert_eq!(shapes("it rose 3.5 times"), 0);
    assert_eq!(shapes("version 3.5.1"), cue::DATE_DIGITS);
    // A necessary condition, not a sufficient one: "5 a.k.a." is no time.
    assert_eq!(shapes("5 a.k.a."), cue::CLOCK_DIGITS);
    assert_eq!(shapes("5 pct and 3 people at 2 Acme"), 0);
    assert_eq!(
        shapes("in the 1990s"),
        cue::YEAR_DIGITS | cue::DECADE_DIGITS
    );
    assert_eq!(shapes("the '80s"), cue::DECADE_DIGITS);
    assert_eq!(shapes("in Q3"), cue::QUARTER_NUMBER);
    assert_eq!(shapes("at 10:30"), cue::CLOCK_DIGITS);
    assert_eq!(shapes("at 9 a.m."), cue::CLOCK_DIGITS);
    assert_eq!(shapes("at 5pm"), cue::CLOCK_DIGITS);
    // Digits that no digit rule can use.
    assert_eq!(shapes("3,000 cars and 45 trucks"), 0);
    assert_eq!(shapes("no digits"), 0);
}

#[test]
fn digit_cues_are_where_their_shapes_are() {
    use super::rules::cue;
    let text = "Filed on 2016-11-01, at 9 am.";
    let mut cues = Vec::new();
    super::rules::digit_cues(&text[6..], 6, &mut cues);
    let found: Vec<(&str, u64)> = cues
        .iter()
        .map(|c| (c.span.slice(text), c.classes))
        .collect();
    assert_eq!(
        found,
        [
            ("2016-", cue::ISO_DATE),
            ("2016", cue::YEAR_DIGITS),
            ("9 a", cue::CLOCK_DIGITS)
        ]
    );
}

#[test]
fn digit_cue_scan_finds_every_digit_and_q() {
    let text = "Quarterly q3 /09:10 \u{ff}:@ P\u{130}Q 2016-11-01 z/ qq";
    let bytes = text.as_bytes();
    for from in 0..=bytes.len() {
        let expected = (from..bytes.len())
            .find(|&i| bytes[i].is_ascii_digit() || matches!(bytes[i], b'Q' | b'q'))
            .unwrap_or(bytes.len());
        assert_eq!(
            super::rules::digit_or_q_from(bytes, from),
            expected,
            "{from}"
        );
    }
}

/// Rules are searched only near their cues: an expression far from the
/// start of a long sentence, two far apart, and one right at its end are
/// all found, as in sentences of their own.
#[test]
fn expressions_far_apart_in_a_long_sentence_are_all_found() {
    let filler = "the committee, which met behind closed doors with delegates from \
        several provinces and a number of observers, reviewed the budget and ";
    let text = format!(
        "Over the past three years {filler}{filler}{filler}said on Tuesday that \
         {filler}{filler}the talks would go on for two more weeks"
    );
    assert!(text.len() > 600);
    let found = values(&text, "2016-11-02");
    let expressions: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        expressions,
        ["the past three years", "Tuesday", "two more weeks"],
        "{found:?}"
    );
}

#[test]
fn cues_inside_words_do_not_count() {
    // "today" holds "day", "know" holds "now": neither makes the sentence
    // one for the unit or reference rules, and "for some time" is found
    // with or without another unit word in its sentence.
    for text in [
        "Talks have stalled for some time.",
        "Talks have stalled for some time, officials said today.",
    ] {
        assert_eq!(
            tag(text, Some("2016-11-01"))
                .into_iter()
                .filter(|(t, _, _)| t == "some time")
                .count(),
            1,
            "{text}"
        );
    }
    assert!(tag("They know the Sunday market.", Some("2016-11-01"))
        .iter()
        .all(|(t, _, _)| t != "now"));
}

#[test]
fn a_day_and_month_in_figures_take_the_reading_nearest_before_the_anchor() {
    // Day first when the first figure cannot be a month; either order
    // otherwise, the one that falls nearest before the report.
    assert_eq!(
        values(
            "Soldiers detained ten men at a camp on 29/01.",
            "2018-02-03"
        ),
        pairs(&[("29/01", "2018-01-29")])
    );
    assert_eq!(
        values(
            "Gunmen attacked a bus on 02/01 near the border.",
            "2016-01-04"
        ),
        pairs(&[("02/01", "2016-01-02")])
    );
    assert_eq!(
        values(
            "Gunmen attacked a bus on 11/02 near the border.",
            "2018-11-05"
        ),
        pairs(&[("11/02", "2018-11-02")])
    );
    // Not a ratio, and not the start of a date with a year.
    assert_eq!(values("The shop is open 24/7.", "2018-11-05"), pairs(&[]));
    assert_eq!(
        values("Police fired on 11/02/2018 in the town.", "2018-11-05"),
        pairs(&[("11/02/2018", "2018-11-02")])
    );
    // With a year, month first, unless that reading is still to come and
    // day first is not.
    assert_eq!(
        values(
            "A report dated 12/03/2023 names the organisers.",
            "2023-03-16"
        ),
        pairs(&[("12/03/2023", "2023-03-12")])
    );
    assert_eq!(
        values(
            "A report dated 03/12/2023 names the organisers.",
            "2023-03-16"
        ),
        pairs(&[("03/12/2023", "2023-03-12")])
    );
    assert_eq!(
        values(
            "A report dated 05/06/2023 names the organisers.",
            "2023-12-16"
        ),
        pairs(&[("05/06/2023", "2023-05-06")])
    );
}

#[test]
fn days_counted_from_a_month_without_a_day_are_unknown() {
    assert_eq!(
        values(
            "A case was opened in March. Police raided their flats two days later.",
            "2023-11-24"
        ),
        pairs(&[("March", "2023-03"), ("two days later", "XXXX-XX-XX")])
    );
    // From a day, they are counted.
    assert_eq!(
        values(
            "A case was opened on 3 March. Police raided their flats two days later.",
            "2023-11-24"
        ),
        pairs(&[("3 March", "2023-03-03"), ("two days later", "2023-03-05")])
    );
}

#[test]
fn june_and_july_have_abbreviations_and_a_count_is_no_year() {
    assert_eq!(
        values(
            "On Jun 27th 2019, gunmen shot a driver. On Jul 2nd, residents marched.",
            "2019-07-05"
        ),
        pairs(&[("Jun 27th 2019", "2019-06-27"), ("Jul 2nd", "2019-07-02")])
    );
    assert_eq!(
        values("Between 2000 and 10000 people marched.", "2021-02-03"),
        pairs(&[])
    );
    assert_eq!(
        values(
            "He joined the expedition of 1957-58, which crossed the ice.",
            "2021-02-03"
        ),
        pairs(&[("1957", "1957")])
    );
}

#[test]
fn the_nearer_of_a_past_and_a_future_word_decides_a_weekday() {
    // 2011-02-14 is a Monday.
    assert_eq!(
        values(
            "On Friday a demonstration was held against the government's plan to settle families on the land.",
            "2011-02-14"
        ),
        pairs(&[("Friday", "2011-02-11")])
    );
    assert_eq!(
        values("The union said it plans to strike on Friday.", "2011-02-14"),
        pairs(&[("Friday", "2011-02-18")])
    );
    // A word of the future beyond a comma after the day is another clause's.
    assert_eq!(
        values(
            "Police arrested two organisers Friday, ahead of scheduled protests.",
            "2011-02-14"
        ),
        pairs(&[("Friday", "2011-02-11")])
    );
    assert_eq!(
        values(
            "The strike is scheduled for Friday, the union said.",
            "2011-02-14"
        ),
        pairs(&[("Friday", "2011-02-18")])
    );
    assert_eq!(
        values(
            "On Friday, the league plans to show an advertisement made before he died.",
            "2011-02-14"
        ),
        pairs(&[("Friday", "2011-02-18")])
    );
}

/// The texts of the fixtures' documents, with their publication dates.
fn fixture_texts() -> Vec<(String, Option<NaiveDate>)> {
    crate::pipeline::fixture_documents()
        .into_iter()
        .map(|doc| (doc.text.clone(), doc.published))
        .collect()
}

/// Sentences that put every rule's expressions in many contexts: near
/// and far from other cues, at the ends of sentences, and the parts of an
/// expression on either side of a long run of white space or of a long
/// phrase.
fn rule_stress_texts() -> Vec<String> {
    let expressions = [
        "25/10/2016",
        "10/25/16",
        "25.10.2016",
        "on 11/02",
        "the night of 22/02",
        "open 24/7",
        "25 October 2016",
        "Tuesday, 25th of October",
        "the first of May",
        "twenty-first of June",
        "October 26, 2016",
        "Oct. 26",
        "Wednesday, October the 26th",
        "early October 2016",
        "mid-2016",
        "fiscal 1989",
        "the 1990s",
        "the early '90s",
        "the nineties",
        "the 20th century",
        "nineteen ninety-six",
        "the year two thousand and one",
        "last Easter",
        "last Friday",
        "Tuesday night",
        "late yesterday",
        "tomorrow morning",
        "last week",
        "the past year",
        "earlier this month",
        "the end of next year",
        "two years ago",
        "two days later",
        "the next day",
        "the week before",
        "later that same day",
        "this past spring",
        "winter of 2015",
        "the third quarter of 2016",
        "Q3 2016",
        "the year-ago quarter",
        "year-end",
        "year's end",
        "earlier in the year",
        "the fiscal year",
        "the first half of 2013",
        "the weekend",
        "recently",
        "the past six months",
        "four and a half months",
        "half a century",
        "a quarter of an hour",
        "for years",
        "recent weeks",
        "the years ahead",
        "decades-long",
        "a day-long strike",
        "month-long",
        "for some time",
        "for a\nwhile",
        "the year ended",
        "10 p.m.",
        "9:30am",
        "14:45",
        "noon",
        "four in the morning",
        "mid-afternoon",
        "every other day",
        "each Sunday morning",
        "Mondays",
        "twice a week",
        "daily",
        "5 pm",
        "3.5 million",
        "7 people",
    ];
    let fillers = [
        "",
        "the committee said ",
        "the council of elders and the regional governors, meeting in closed session, said that ",
        "that ",
        "a year ",
        "9 ",
    ];
    let mut texts = Vec::new();
    // Words a rule needs on either side of a long run of white space, or
    // at the far edge of a cue's reach.
    let run = " ".repeat(80);
    let far = "of the regional council and of the elders, ";
    for (before, after) in [
        ("the day", "before, witnesses said."),
        ("He was three years", "old."),
        ("two", "days later he was freed."),
        ("It lasted three years", "or so."),
        ("on 25", "October 2016"),
        ("the next", "week"),
    ] {
        texts.push(format!("Police said that {before}{run}{after}"));
        texts.push(format!("{before}{run}{after}"));
        texts.push(format!("As reported, {before}\n\n {run}\t{after}"));
        texts.push(format!("{before} {far}{far}{after}"));
    }
    for (i, expression) in expressions.iter().enumerate() {
        let after = expressions[(i * 7 + 3) % expressions.len()];
        for filler in fillers {
            texts.push(format!(
                "Protesters gathered {filler}{expression}. {expression}"
            ));
            texts.push(format!(
                "{filler}{expression} {filler}{after}, and {expression} {filler}."
            ));
        }
    }
    texts
}

/// A phrase of the lists is found across any white space, as its rule
/// reads it: its cue is its longest word, not the phrase as written.
#[test]
fn a_phrase_cue_holds_across_a_line_break() {
    let found = tag("Talks went on for some\ntime.", Some("2021-09-01"));
    assert_eq!(found, triples(&[("some\ntime", "duration", "PXX")]));
}

/// The cues and windows of `tag` never change what it finds: it equals
/// every rule run over every sentence, whole, on the fixtures and on
/// sentences built to put each rule's words at the edges of its reach.
#[test]
fn cues_and_windows_never_change_a_mention() {
    let gazetteers = Gazetteers::embedded().unwrap();
    let tagger = TemporalTagger::new(&gazetteers).unwrap();
    let segmenter = Segmenter::new(&gazetteers);
    let mut texts = fixture_texts();
    let anchor = NaiveDate::from_ymd_opt(2021, 9, 1);
    texts.extend(rule_stress_texts().into_iter().map(|t| (t, anchor)));
    assert!(texts.len() > 500, "{} texts", texts.len());
    let mut mentions = 0;
    for (text, anchor) in &texts {
        let sentences = segmenter.split(text);
        let ctx = TemporalContext {
            text,
            sentences: &sentences,
            anchor: *anchor,
        };
        let windowed = tagger.tag(&ctx);
        assert_eq!(windowed, tagger.tag_exhaustively(&ctx), "{text}");
        mentions += windowed.len();
    }
    assert!(mentions > 1000, "{mentions} mentions");
}

/// [`cues_and_windows_never_change_a_mention`] on the documents of a JSON
/// Lines file (`CIVEX_TEMPORAL_TEXTS`): run by hand on a corpus, with
/// `cargo test --release -- --ignored windows_on_a_corpus`.
#[test]
#[ignore]
fn windows_on_a_corpus() {
    let path =
        std::env::var("CIVEX_TEMPORAL_TEXTS").expect("CIVEX_TEMPORAL_TEXTS: a JSON Lines file");
    let gazetteers = Gazetteers::embedded().unwrap();
    let tagger = TemporalTagger::new(&gazetteers).unwrap();
    let segmenter = Segmenter::new(&gazetteers);
    let (mut documents, mut mentions) = (0, 0);
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(text) = value["text"].as_str() else {
            continue;
        };
        let sentences = segmenter.split(text);
        let ctx = TemporalContext {
            text,
            sentences: &sentences,
            anchor: NaiveDate::from_ymd_opt(2021, 9, 1),
        };
        let windowed = tagger.tag(&ctx);
        assert_eq!(windowed, tagger.tag_exhaustively(&ctx), "{text}");
        documents += 1;
        mentions += windowed.len();
    }
    eprintln!("{documents} documents, {mentions} mentions: equal");
}

#[test]
fn days_are_written_as_chrono_writes_them() {
    for year in (-12000..=12000).chain([262000]) {
        for (month, day) in [(1, 1), (2, 29), (12, 31)] {
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                assert_eq!(
                    super::timex::ymd(date),
                    date.format("%Y-%m-%d").to_string(),
                    "{date:?}"
                );
            }
        }
    }
}
