//! Gazetteer entries in other scripts and with non-ASCII letters match as
//! the case rule of `gazetteers/README.md` says, in every kind of list:
//! Cyrillic, accented Latin, Turkish dotted and dotless i, Arabic script.
//! A language is added as data; nothing in the matchers may assume ASCII.

use civex::{Analysis, Document, Extractor};

/// A user's overlay folder with entries of several kinds.
fn overlay() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let files: &[(&str, &str)] = &[
        (
            "temporal.tsv",
            "мая\t5\tmonth\t-\nAğustos\t8\tmonth\t-\nmart\t3\tmonth\t-\n",
        ),
        (
            "cities.tsv",
            "Алматы\tAlmaty\tcity\tcc=KZ\nŞırnak\t-\tcity\tcc=TR\nİzmir\t-\tcity\tcc=TR\n\
             القاهرة\tCairo\tcity\tcc=EG\nŁódź\t-\tcity\tcc=PL\n",
        ),
        ("organisations.tsv", "Мемориал\tMemorial\tngo\t-\n"),
        (
            "person_descriptors.tsv",
            "журналист\tjournalist\tdescriptor\tgroup=journalist\n\
             gazeteci\tjournalist\tdescriptor\tgroup=journalist\n",
        ),
        (
            "given_names.tsv",
            "Айгуль\t-\tgiven\t-\nAyşe\t-\tgiven\t-\n",
        ),
        ("currencies.tsv", "тенге\tKZT\tname\t-\n"),
        (
            "triggers.tsv",
            "gözaltına aldı\tarrest\tverb\tlemma=gözaltına almak;subject=agent;object=target\n",
        ),
    ];
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).expect("writable");
    }
    dir
}

fn analyse(text: &str) -> (Analysis, String) {
    let dir = overlay();
    let extractor = Extractor::builder()
        .gazetteers(dir.path())
        .build()
        .expect("the overlay builds");
    let doc = Document::new("t", text)
        .with_published(chrono::NaiveDate::from_ymd_opt(2021, 9, 1).expect("a date"));
    (extractor.extract(&doc), text.to_string())
}

/// (kind, text, value) of every mention.
fn mentions(text: &str) -> Vec<(String, String, String)> {
    let (analysis, text) = analyse(text);
    analysis
        .mentions
        .iter()
        .map(|m| {
            // The record's character offsets select its text.
            let chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(chars, m.text);
            (
                m.kind.clone(),
                m.text.clone(),
                m.value.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn has(found: &[(String, String, String)], kind: &str, text: &str, value: &str) -> bool {
    found
        .iter()
        .any(|(k, t, v)| k == kind && t == text && v == value)
}

#[test]
fn months_in_cyrillic_and_turkish_in_any_case() {
    let found = mentions("Rallies on 9 мая 2021 and 10 МАЯ 2021, 9 Ağustos 2021 and 3 mart 2021.");
    for (text, value) in [
        ("9 мая 2021", "2021-05-09"),
        ("10 МАЯ 2021", "2021-05-10"),
        ("9 Ağustos 2021", "2021-08-09"),
        ("3 mart 2021", "2021-03-03"),
    ] {
        assert!(has(&found, "date", text, value), "{text}: {found:?}");
    }
}

#[test]
fn capitalised_entries_of_other_scripts_keep_the_case_rule() {
    // "Ağustos" is written capitalised: it matches as written or in capitals
    // ("AĞUSTOS"), not in lower case.
    let found = mentions("On 9 AĞUSTOS 2021 and on 9 ağustos 2021.");
    assert!(
        has(&found, "date", "9 AĞUSTOS 2021", "2021-08-09"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(_, t, _)| t.contains("ağustos")),
        "{found:?}"
    );
}

#[test]
fn places_in_cyrillic_turkish_polish_and_arabic_script() {
    let found = mentions(
        "Protesters gathered in Алматы, in Şırnak, in İzmir, in Łódź and in القاهرة on Sunday.",
    );
    for (text, value) in [
        ("Алматы", "Almaty"),
        ("Şırnak", "Şırnak"),
        ("İzmir", "İzmir"),
        ("Łódź", "Łódź"),
        ("القاهرة", "Cairo"),
    ] {
        assert!(has(&found, "location", text, value), "{text}: {found:?}");
    }
    // A place name inside a longer word is no match.
    let found = mentions("Protesters gathered in Алматыская on Sunday.");
    assert!(!found.iter().any(|(k, _, _)| k == "location"), "{found:?}");
}

#[test]
fn organisations_people_and_money_in_cyrillic() {
    let found = mentions(
        "The rights group Мемориал said that журналист Айгуль Серикова was fined 50,000 тенге.",
    );
    assert!(
        has(&found, "organisation", "Мемориал", "Мемориал"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(k, t, _)| k == "person" && t.contains("Айгуль Серикова")),
        "{found:?}"
    );
    assert!(
        has(&found, "money", "50,000 тенге", "50000 KZT"),
        "{found:?}"
    );
}

#[test]
fn triggers_with_dotless_i_in_any_case() {
    for text in [
        "Police gözaltına aldı Ayşe Kaya in İzmir on Monday.",
        "Police GÖZALTINA ALDI Ayşe Kaya in İzmir on Monday.",
    ] {
        let (analysis, text) = analyse(text);
        let arrests: Vec<&str> = analysis
            .events
            .iter()
            .filter(|e| e.event_type == "arrest")
            .map(|e| e.trigger.text.as_str())
            .collect();
        assert_eq!(arrests.len(), 1, "{text}: {:?}", analysis.events);
    }
}
