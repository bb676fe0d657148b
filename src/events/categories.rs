//! Categories: the codes trackers file an event under, from
//! `gazetteers/categories.tsv`.
//!
//! 1. **A line** names an event type, optionally with conditions, a
//!    category and a scheme: `arrest role=journalist <TAB> Journalist
//!    detained <TAB> civicus`. The schemes are `acled_event_type`,
//!    `acled_sub_event_type` and `civicus`.
//! 2. **Conditions** are `KEY=VALUE` words after the type; a value list
//!    (`role=activist,defender`) means any of them. `role`: a named target
//!    has the role, or the targets' description is a descriptor of that
//!    group ("three journalists" is of the group journalist). `description`:
//!    the description's last word, singular or plural ("peaceful protesters"
//!    ends in protester). `target`, `agent`: a target's or agent's kind.
//!    `penalty`: the penalty's kind. `modality`: the event's modality.
//! 3. **Asserted events only**, unless a line says `modality=`: a potential
//!    ("faces arrest") or negated arrest is no ACLED arrest.
//! 4. **The most specific line wins**, per scheme: the matching line with
//!    the most conditions; among equals, the first in the file.
//!    "Police detained the journalist Anna Bek" is an arrest with a target
//!    of role journalist: `Strategic developments` / `Arrests` /
//!    `Journalist detained`.

use serde::Serialize;

use crate::gazetteer::{Gazetteers, Lexicon};

use super::lexicon::EVENT_TYPES;
use super::Event;

/// The schemes of `categories.tsv` (its kinds).
pub const SCHEMES: &[&str] = &["acled_event_type", "acled_sub_event_type", "civicus"];

/// The condition keys a line may use.
pub const CONDITION_KEYS: &[&str] = &[
    "role",
    "description",
    "target",
    "agent",
    "penalty",
    "modality",
];

/// An event's categories, one per scheme (none where no line applies).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Categories {
    /// ACLED's event type ("Protests", "Violence against civilians").
    pub acled_event_type: Option<String>,
    /// ACLED's sub-event type ("Peaceful protest", "Arrests").
    pub acled_sub_event_type: Option<String>,
    /// A CIVICUS Monitor-style category ("HRD detained", "Protest disrupted").
    pub civicus: Option<String>,
}

impl Categories {
    fn slot(&mut self, scheme: usize) -> &mut Option<String> {
        match scheme {
            0 => &mut self.acled_event_type,
            1 => &mut self.acled_sub_event_type,
            _ => &mut self.civicus,
        }
    }
}

/// One condition of a line: a key and the values any of which it accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Condition {
    key: &'static str,
    values: Vec<String>,
}

/// One line of `categories.tsv`.
#[derive(Clone, Debug)]
struct CategoryRule {
    event_type: String,
    conditions: Vec<Condition>,
    scheme: usize,
    category: String,
}

/// Conditions as written: each key with its values.
pub type RawConditions = Vec<(String, Vec<String>)>;

/// Reads a line's surface: the event type and its conditions. The error
/// says what is wrong, in one sentence.
pub fn parse_surface(surface: &str) -> Result<(String, RawConditions), String> {
    let mut words = surface.split_whitespace();
    let event_type = words.next().unwrap_or_default();
    if !EVENT_TYPES.contains(&event_type) {
        return Err(format!(
            "{event_type:?} is not an event type; the surface starts with one of: {}",
            EVENT_TYPES.join(", ")
        ));
    }
    let mut conditions = Vec::new();
    for word in words {
        let Some((key, values)) = word.split_once('=') else {
            return Err(format!(
                "condition {word:?} is not KEY=VALUE; keys: {}",
                CONDITION_KEYS.join(", ")
            ));
        };
        if !CONDITION_KEYS.contains(&key) {
            return Err(format!(
                "unknown condition {key:?}; keys: {}",
                CONDITION_KEYS.join(", ")
            ));
        }
        let values: Vec<String> = values
            .split(',')
            .map(|v| v.trim().to_lowercase())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            return Err(format!("condition {key}= has no value"));
        }
        conditions.push((key.to_string(), values));
    }
    Ok((event_type.to_string(), conditions))
}

/// The categories of `categories.tsv`, ready to file events.
pub struct CategoryTable {
    rules: Vec<CategoryRule>,
    /// Descriptor surfaces (`person_descriptors.tsv`) and their group, for
    /// `role=` on described targets.
    descriptor_groups: Lexicon<String>,
}

impl CategoryTable {
    /// The table of the loaded gazetteers. Lines whose surface does not
    /// parse were refused at loading (strict loading); here they are
    /// passed over.
    pub fn new(gazetteers: &Gazetteers) -> CategoryTable {
        let rules = gazetteers
            .list("categories")
            .iter()
            .filter_map(|entry| {
                let scheme = SCHEMES.iter().position(|s| *s == entry.kind)?;
                let (event_type, conditions) = parse_surface(&entry.surface).ok()?;
                let conditions = conditions
                    .into_iter()
                    .filter_map(|(key, values)| {
                        let key = CONDITION_KEYS.iter().find(|k| **k == key)?;
                        Some(Condition { key, values })
                    })
                    .collect();
                Some(CategoryRule {
                    event_type,
                    conditions,
                    scheme,
                    category: entry.canonical.clone(),
                })
            })
            .collect();
        let descriptor_groups = Lexicon::new(
            gazetteers
                .kind("person_descriptors", "descriptor")
                .filter_map(|e| Some((e.surface.as_str(), e.attr("group")?.to_string()))),
        );
        CategoryTable {
            rules,
            descriptor_groups,
        }
    }

    /// The categories of one event.
    pub fn categorise(&self, event: &Event) -> Categories {
        let mut categories = Categories::default();
        let mut best: [Option<usize>; 3] = [None; 3];
        for rule in &self.rules {
            if rule.event_type != event.event_type || !self.holds(rule, event) {
                continue;
            }
            let specificity = rule.conditions.len();
            let slot = &mut best[rule.scheme];
            if slot.is_none_or(|b| specificity > b) {
                *slot = Some(specificity);
                *categories.slot(rule.scheme) = Some(rule.category.clone());
            }
        }
        categories
    }

    fn holds(&self, rule: &CategoryRule, event: &Event) -> bool {
        if !rule.conditions.iter().any(|c| c.key == "modality") && event.modality != "asserted" {
            return false;
        }
        rule.conditions.iter().all(|c| {
            let any = |value: &str| c.values.iter().any(|v| v == value);
            match c.key {
                "role" => {
                    event
                        .targets
                        .iter()
                        .any(|t| t.role.as_deref().is_some_and(&any))
                        || self.description_group(event).is_some_and(any)
                }
                "description" => description_head(event)
                    .is_some_and(|head| c.values.iter().any(|v| same_word(v, &head))),
                "target" => event.targets.iter().any(|t| any(t.kind)),
                "agent" => event.agents.iter().any(|a| any(a.kind)),
                "penalty" => event.penalty.as_ref().is_some_and(|p| any(&p.kind)),
                "modality" => any(event.modality),
                _ => false,
            }
        })
    }

    /// The group of the descriptor the targets' description ends in
    /// ("three independent journalists" -> journalist): the longest
    /// descriptor among its last three words.
    fn description_group(&self, event: &Event) -> Option<&str> {
        let description = event.target_description.as_deref()?;
        let words: Vec<&str> = description.split_whitespace().collect();
        (1..=words.len().min(3)).rev().find_map(|n| {
            let tail = words[words.len() - n..].join(" ");
            self.descriptor_groups.get(&tail).map(String::as_str)
        })
    }
}

/// The last word of the targets' description, lower-cased.
fn description_head(event: &Event) -> Option<String> {
    let description = event.target_description.as_deref()?;
    let last = description.split_whitespace().last()?;
    Some(
        last.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase(),
    )
}

/// Whether two words are the same up to a plural "s" or "es".
fn same_word(a: &str, b: &str) -> bool {
    let stem = |w: &str| -> String {
        let w = w
            .strip_suffix("es")
            .filter(|s| s.ends_with(['s', 'x', 'h']))
            .unwrap_or(w);
        w.strip_suffix('s').unwrap_or(w).to_string()
    };
    a == b || stem(a) == stem(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ByteSpan;
    use crate::events::penalty::Penalty;
    use crate::events::Actor;

    fn table(lines: &str) -> CategoryTable {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("categories.tsv"), lines).unwrap();
        CategoryTable::new(&Gazetteers::with_overlay(dir.path()).unwrap())
    }

    fn event(event_type: &'static str) -> Event {
        Event {
            event_type,
            modality: "asserted",
            trigger: ByteSpan::new(0, 5),
            ..Event::default()
        }
    }

    fn person(name: &str, role: Option<&str>) -> Actor {
        Actor {
            name: name.into(),
            kind: "person",
            role: role.map(str::to_string),
        }
    }

    #[test]
    fn the_shipped_table_files_arrests_by_role_and_description() {
        let shipped = CategoryTable::new(&Gazetteers::embedded().unwrap());
        let mut e = event("arrest");
        e.targets = vec![person("Anna Bek", Some("journalist"))];
        let c = shipped.categorise(&e);
        assert_eq!(
            c.acled_event_type.as_deref(),
            Some("Strategic developments")
        );
        assert_eq!(c.acled_sub_event_type.as_deref(), Some("Arrests"));
        assert_eq!(c.civicus.as_deref(), Some("Journalist detained"));

        // "Police detained 40 peaceful protesters": protesters are of the
        // group activist, but the line on the description comes first.
        let mut e = event("arrest");
        e.target_description = Some("peaceful protesters".into());
        assert_eq!(
            shipped.categorise(&e).civicus.as_deref(),
            Some("Protester(s) detained")
        );

        // "three independent journalists were detained": the role from the
        // description's descriptor.
        let mut e = event("arrest");
        e.target_description = Some("three independent journalists".into());
        assert_eq!(
            shipped.categorise(&e).civicus.as_deref(),
            Some("Journalist detained")
        );

        let e = event("arrest");
        assert_eq!(shipped.categorise(&e).civicus.as_deref(), Some("Detention"));
    }

    #[test]
    fn potential_and_negated_events_take_no_category_unless_a_line_says_so() {
        let shipped = CategoryTable::new(&Gazetteers::embedded().unwrap());
        let mut e = event("arrest");
        e.modality = "potential";
        assert_eq!(shipped.categorise(&e), Categories::default());

        let own = table("arrest modality=potential\tThreat of arrest\tcivicus\n");
        assert_eq!(
            own.categorise(&e).civicus.as_deref(),
            Some("Threat of arrest")
        );
    }

    #[test]
    fn the_most_specific_line_wins_and_the_first_among_equals() {
        let own = table(
            "fine\tFined\tcivicus\n\
             fine penalty=fine agent=state\tFined by the state\tcivicus\n\
             fine penalty=fine\tFined (penalty)\tcivicus\n",
        );
        let mut e = event("fine");
        e.penalty = Some(Penalty {
            kind: "fine".into(),
            amount: Some(100.0),
            currency: Some("EUR".into()),
            duration: None,
            bound: "exact",
            min_duration: None,
            min_amount: None,
            suspended: None,
            life: None,
            other: None,
            text: "100 euros".into(),
        });
        assert_eq!(
            own.categorise(&e).civicus.as_deref(),
            Some("Fined (penalty)")
        );
        e.agents = vec![Actor {
            name: "a court".into(),
            kind: "state",
            role: None,
        }];
        assert_eq!(
            own.categorise(&e).civicus.as_deref(),
            Some("Fined by the state")
        );
    }

    #[test]
    fn surfaces_are_checked() {
        assert!(parse_surface("arrest role=journalist,activist").is_ok());
        assert!(parse_surface("parade")
            .unwrap_err()
            .contains("not an event type"));
        assert!(parse_surface("arrest colour=red")
            .unwrap_err()
            .contains("unknown condition"));
        assert!(parse_surface("arrest journalist")
            .unwrap_err()
            .contains("KEY=VALUE"));
    }

    #[test]
    fn plural_and_singular_are_one_word() {
        assert!(same_word("protester", "protesters"));
        assert!(same_word("marches", "march"));
        assert!(!same_word("protester", "protest"));
    }
}
