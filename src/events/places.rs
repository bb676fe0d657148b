//! Places: where an event happened.
//!
//! 1. **The places named in its sentence**, each once, in order (a
//!    demonym, "Kazakh", is not a place): "Police dispersed a rally in
//!    central Nairobi" -> Nairobi (city, KE, Kenya).
//! 2. **Else the country the article is about**: the most frequent
//!    country code of its places and demonyms, when it covers at least
//!    half of them. An article naming Tbilisi twice and Kutaisi once is
//!    about Georgia.
//! 3. Every place carries its country's code and canonical name, its kind
//!    (`city`, `region`, `country`, from the gazetteer entry) and, for a
//!    city, its first-level administrative area where `cities.tsv` gives
//!    one. The name is the gazetteer's canonical form, never a code.

use rustc_hash::FxHashMap;

use super::Place;
use crate::document::ByteSpan;
use crate::tag::{Mention, MentionKind};

/// The kind of place a location mention names, from its rule.
fn place_kind(rule: &str) -> &'static str {
    match rule {
        "location.city" => "city",
        "location.region" => "region",
        _ => "country",
    }
}

/// The place of one location mention.
fn place_of(m: &Mention, country_names: &FxHashMap<String, String>) -> Option<Place> {
    let country = m.attr("country")?.as_str()?.to_string();
    let kind = place_kind(m.rule);
    let country_name = country_names
        .get(&country)
        .cloned()
        .or_else(|| (kind == "country").then(|| m.value.clone()).flatten())
        .unwrap_or_else(|| country.clone());
    Some(Place {
        name: m.value.clone()?,
        country_name,
        kind,
        admin1: m
            .attr("admin1")
            .and_then(|a| a.as_str())
            .map(str::to_string),
        country,
    })
}

/// Places named in a sentence, each once, in order.
pub(super) fn sentence_places(
    mentions: &[Mention],
    sentence: ByteSpan,
    country_names: &FxHashMap<String, String>,
) -> Option<Vec<Place>> {
    let mut places: Vec<Place> = Vec::new();
    let found = mentions
        .iter()
        .filter(|m| {
            m.kind == MentionKind::Location
                && sentence.contains(&m.span)
                && m.rule != "location.demonym"
        })
        .filter_map(|m| place_of(m, country_names));
    // A place named twice ("NAIROBI, March 21 - ... in central Nairobi")
    // is one place of the event.
    for place in found {
        if !places.contains(&place) {
            places.push(place);
        }
    }
    (!places.is_empty()).then_some(places)
}

/// The country an article is about: the most frequent country code of its
/// places and demonyms, when it covers at least half of them.
pub(super) fn default_country(
    mentions: &[Mention],
    country_names: &FxHashMap<String, String>,
) -> Option<Place> {
    let mut counts: Vec<(String, String, usize)> = Vec::new();
    let mut total = 0;
    for m in mentions.iter().filter(|m| m.kind == MentionKind::Location) {
        let Some(cc) = m.attr("country").and_then(|c| c.as_str()) else {
            continue;
        };
        total += 1;
        let name = if matches!(m.rule, "location.country" | "location.demonym") {
            m.value.clone().unwrap_or_default()
        } else {
            String::new()
        };
        match counts.iter_mut().find(|(c, _, _)| c == cc) {
            Some(entry) => {
                entry.2 += 1;
                if entry.1.is_empty() {
                    entry.1 = name;
                }
            }
            None => counts.push((cc.to_string(), name, 1)),
        }
    }
    let (cc, named, n) = counts.into_iter().max_by_key(|(_, _, n)| *n)?;
    if n * 2 < total {
        return None;
    }
    // The gazetteer's name of the country; else the name the article gave
    // it; the code only when neither is known (a user's list with a code
    // and no country entry).
    let name = country_names
        .get(&cc)
        .cloned()
        .or_else(|| (!named.is_empty()).then_some(named))
        .unwrap_or_else(|| cc.clone());
    Some(Place {
        country_name: name.clone(),
        name,
        kind: "country",
        admin1: None,
        country: cc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(start: usize, end: usize, name: &str, country: &str) -> Mention {
        let mut m = Mention::new(
            MentionKind::Location,
            ByteSpan::new(start, end),
            Some(name.to_string()),
            "location.city",
        );
        m.attrs
            .push(("country", serde_json::Value::String(country.into())));
        m
    }

    #[test]
    fn a_place_named_twice_in_a_sentence_is_one_place() {
        // "NAIROBI, March 21 - Police dispersed a rally in central Nairobi and Kibera."
        let mentions = [
            place(0, 7, "Nairobi", "KE"),
            place(58, 65, "Nairobi", "KE"),
            place(70, 76, "Kibera", "KE"),
        ];
        let kenya = FxHashMap::from_iter([("KE".to_string(), "Kenya".to_string())]);
        let places = sentence_places(&mentions, ByteSpan::new(0, 77), &kenya).unwrap();
        let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Nairobi", "Kibera"]);
        assert_eq!(places[0].country_name, "Kenya");
        assert_eq!(places[0].kind, "city");
    }

    #[test]
    fn an_article_about_a_country_it_names_only_by_its_cities_gets_the_country_name() {
        // "Police in Tbilisi ... a rally in Kutaisi": no country named.
        let mentions = [place(0, 7, "Tbilisi", "GE"), place(40, 47, "Kutaisi", "GE")];
        let georgia = FxHashMap::from_iter([("GE".to_string(), "Georgia".to_string())]);
        let place = default_country(&mentions, &georgia).unwrap();
        assert_eq!((place.name.as_str(), place.kind), ("Georgia", "country"));
        assert_eq!(place.country, "GE");
        assert_eq!(place.country_name, "Georgia");
    }
}
