//! Places: where an event happened. The places named in its sentence;
//! else the country the article is about.

use super::Place;
use crate::document::ByteSpan;
use crate::tag::{Mention, MentionKind};

/// Places named in a sentence, each once, in order.
pub(super) fn sentence_places(mentions: &[Mention], sentence: ByteSpan) -> Option<Vec<Place>> {
    let mut places: Vec<Place> = Vec::new();
    let found = mentions
        .iter()
        .filter(|m| {
            m.kind == MentionKind::Location
                && sentence.contains(&m.span)
                && m.rule != "location.demonym"
        })
        .filter_map(|m| {
            let country = m.attr("country")?.as_str()?.to_string();
            Some(Place {
                name: m.value.clone()?,
                country,
            })
        });
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
pub(super) fn default_country(mentions: &[Mention]) -> Option<Place> {
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
    let (cc, name, n) = counts.into_iter().max_by_key(|(_, _, n)| *n)?;
    (n * 2 >= total).then(|| Place {
        name: if name.is_empty() { cc.clone() } else { name },
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
        let places = sentence_places(&mentions, ByteSpan::new(0, 77)).unwrap();
        let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Nairobi", "Kibera"]);
    }
}
