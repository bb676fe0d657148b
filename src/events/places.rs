//! Places: where an event happened. The places named in its sentence;
//! else the country the article is about.

use super::Place;
use crate::document::ByteSpan;
use crate::tag::{Mention, MentionKind};

/// Places named in a sentence.
pub(super) fn sentence_places(mentions: &[Mention], sentence: ByteSpan) -> Option<Vec<Place>> {
    let places: Vec<Place> = mentions
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
        })
        .collect();
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
