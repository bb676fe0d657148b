//! Sentence boundaries in the failure modes of scraped news, beyond the
//! Golden Rules: datelines, bylines, captions, lists, quotes, abbreviations
//! and initials common in the region's transliteration, other scripts,
//! missing spaces, wrapped lines. Each case is written for this table.

use civex::internals::Gazetteers;
use civex::internals::Segmenter;

fn split(text: &str) -> Vec<String> {
    static SEGMENTER: std::sync::OnceLock<Segmenter> = std::sync::OnceLock::new();
    let segmenter =
        SEGMENTER.get_or_init(|| Segmenter::new(&Gazetteers::embedded().expect("gazetteers")));
    segmenter
        .split(text)
        .iter()
        .map(|s| s.slice(text).to_string())
        .collect()
}

#[test]
fn news_failure_modes() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "a clock time with its time zone",
            "Polls closed at 8 p.m. GMT Sunday. Counting began at once.",
            &["Polls closed at 8 p.m. GMT Sunday.", "Counting began at once."],
        ),
        (
            "dateline with agency",
            "ALMATY, Oct 25 (Reuters) - Police detained nine activists on Tuesday. They were released later.",
            &["ALMATY, Oct 25 (Reuters) - Police detained nine activists on Tuesday.", "They were released later."],
        ),
        (
            "headline, then dateline on the next line",
            "Kazakh police detain land activists\nALMATY, Oct 25 - Police detained nine activists.",
            &["Kazakh police detain land activists", "ALMATY, Oct 25 - Police detained nine activists."],
        ),
        (
            "byline",
            "By Staff Reporter\n\nSecurity forces dispersed the rally. Two people were hurt.",
            &["By Staff Reporter", "Security forces dispersed the rally.", "Two people were hurt."],
        ),
        (
            "photo caption on its own line",
            "Photo: Protesters in Bishkek on Monday (AFP)\nThe march was peaceful. Police watched.",
            &["Photo: Protesters in Bishkek on Monday (AFP)", "The march was peaceful.", "Police watched."],
        ),
        (
            "bullet list",
            "This week:\n• Almaty: nine activists detained\n• Minsk: a blogger fined\n- Baku: a journalist jailed",
            &["This week:", "• Almaty: nine activists detained", "• Minsk: a blogger fined", "- Baku: a journalist jailed"],
        ),
        (
            "a quotation spanning two sentences",
            "\"We will not stop. We will come back,\" she said. Police did not comment.",
            &["\"We will not stop.", "We will come back,\" she said.", "Police did not comment."],
        ),
        (
            "U.S.-based and No. 10",
            "The U.S.-based group said the No. 10 cell held him. He denied it.",
            &["The U.S.-based group said the No. 10 cell held him.", "He denied it."],
        ),
        (
            "St. Petersburg and Gen. Petraeus",
            "Gen. Petraeus spoke in St. Petersburg on Jan. 5. The talks ended.",
            &["Gen. Petraeus spoke in St. Petersburg on Jan. 5.", "The talks ended."],
        ),
        (
            "initials in transliterated names",
            "A. Nazarbayev and B. K. Osmonaliev met. Aigerim S. Tokhtarova was not there.",
            &["A. Nazarbayev and B. K. Osmonaliev met.", "Aigerim S. Tokhtarova was not there."],
        ),
        (
            "Cyrillic inside English",
            "The group (Правозащитный центр «Весна») was banned. Its head fled.",
            &["The group (Правозащитный центр «Весна») was banned.", "Its head fled."],
        ),
        (
            "a sentence in Cyrillic",
            "Он был задержан. Police confirmed the arrest.",
            &["Он был задержан.", "Police confirmed the arrest."],
        ),
        (
            "no space after a period",
            "Two journalists were detained.The police gave no reason.",
            &["Two journalists were detained.", "The police gave no reason."],
        ),
        (
            "wrapped wire text",
            "Police in the capital said on Monday that\nnine people were held after the rally\nand would be charged. A court will rule.",
            &[
                "Police in the capital said on Monday that\nnine people were held after the rally\nand would be charged.",
                "A court will rule.",
            ],
        ),
        (
            "non-breaking spaces",
            "He was fined 50,000\u{a0}tenge. The\u{a0}court agreed.",
            &["He was fined 50,000\u{a0}tenge.", "The\u{a0}court agreed."],
        ),
        (
            "decimals and money",
            "It cost $2.50 and 1.5 million roubles. Nobody paid.",
            &["It cost $2.50 and 1.5 million roubles.", "Nobody paid."],
        ),
        (
            "a sentence in brackets",
            "The court fined him. (He had been detained twice before.) He will appeal.",
            &["The court fined him.", "(He had been detained twice before.)", "He will appeal."],
        ),
    ];
    let mut failures = Vec::new();
    for (name, text, expected) in cases {
        let got = split(text);
        if got != *expected {
            failures.push(format!(
                "{name}:\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
