//! What each list accepts: its kinds, its attribute keys and their values,
//! and, for the triggers, the event types. Read when a user's folder is
//! loaded (strict loading: a line that breaks one of these rules stops the
//! start with its `file:line`) and by `civex gazetteers check`.
//!
//! Rules:
//!
//! 1. **Kinds.** A list's kinds are the kinds of its shipped entries (the
//!    header of each file in `gazetteers/` documents them): a user line of
//!    another kind would never be read by any rule ("arest" in
//!    `triggers.tsv`'s form column, "cty" in `cities.tsv`).
//! 2. **Attribute keys.** Each list accepts the keys of [`FORMATS`]; another
//!    key is a typo or a feature that does not exist (`subjet=agent`).
//! 3. **Attribute values.** A key whose values are a closed set says so in
//!    [`FORMATS`]: flags take `1`, `0`, `true`, `false`, `yes` or `no`;
//!    `subject=agent|target|none`; `needs=` a comma-separated list of the
//!    needs `triggers.tsv` documents; `cc=` a two-letter country code in
//!    capitals.
//! 4. **Event types.** The canonical column of `triggers.tsv` is one of the
//!    event types of the record contract (`arrest`, not `arest`).
//! 5. **Rules.** `rules.tsv` names civex's switchable rules: a user's file
//!    of that name may only switch one off (`!guard.object_sense`).
//! 6. **Patterns.** A trigger surface with braces is a pattern with slots
//!    (`events/patterns.rs`): its slots are known ones, it has words, no
//!    two slots stand side by side.
//!
//! Adding an attribute to a list: a row in [`FORMATS`], the code that reads
//! it, and a line in the header of the list's file.

use std::collections::BTreeSet;

use super::Entry;
use crate::events::lexicon::{EVENT_TYPES, NEEDS};

/// The values an attribute takes.
#[derive(Clone, Copy, Debug)]
pub enum Values {
    /// Any text ("lemma=go on strike").
    Any,
    /// A flag: `1`, `0`, `true`, `false`, `yes`, `no`.
    Flag,
    /// One of these.
    OneOf(&'static [&'static str]),
    /// One or more of these, separated by commas ("needs=state_agent,media").
    ListOf(&'static [&'static str]),
    /// An ISO 3166 alpha-2 code in capitals ("KZ").
    CountryCode,
}

/// One attribute key of a list.
#[derive(Clone, Copy, Debug)]
pub struct AttrFormat {
    pub key: &'static str,
    pub values: Values,
}

/// What one list accepts beyond its kinds (which its shipped entries give).
#[derive(Clone, Copy, Debug)]
pub struct ListFormat {
    pub list: &'static str,
    pub attrs: &'static [AttrFormat],
    /// The canonical column is one of these (`None`: any text).
    pub canonical: Option<&'static [&'static str]>,
}

const fn attr(key: &'static str, values: Values) -> AttrFormat {
    AttrFormat { key, values }
}

const FLAG_VALUES: &[&str] = &["1", "0", "true", "false", "yes", "no"];
const ROLES: &[&str] = &["agent", "target", "none"];
/// The penalty kinds of the record contract.
const PENALTY_KINDS: &[&str] = &[
    "fine",
    "prison",
    "restricted_freedom",
    "community_service",
    "travel_ban",
    "death",
    "other",
];
/// The domains of `ambiguous_trigger` senses (event_cues.tsv).
const SENSES: &[&str] = &["general", "publication", "markets", "sport", "disaster"];

/// The lists and what they accept.
pub const FORMATS: &[ListFormat] = &[
    ListFormat {
        list: "abbreviations",
        attrs: &[],
        canonical: None,
    },
    ListFormat {
        list: "categories",
        attrs: &[],
        canonical: None,
    },
    ListFormat {
        list: "cities",
        attrs: &[
            attr("cc", Values::CountryCode),
            attr("capital", Values::Flag),
            attr("ambiguous", Values::Flag),
            attr("admin1", Values::Any),
        ],
        canonical: None,
    },
    ListFormat {
        list: "countries",
        attrs: &[
            attr("cc", Values::CountryCode),
            attr("ambiguous", Values::Flag),
        ],
        canonical: None,
    },
    ListFormat {
        list: "currencies",
        attrs: &[attr("ambiguous", Values::Flag)],
        canonical: None,
    },
    ListFormat {
        list: "event_cues",
        attrs: &[
            attr("noun", Values::Flag),
            attr("surface", Values::Flag),
            attr("senses", Values::ListOf(SENSES)),
        ],
        canonical: None,
    },
    ListFormat {
        list: "given_names",
        attrs: &[attr("region", Values::Any), attr("ambiguous", Values::Flag)],
        canonical: None,
    },
    ListFormat {
        list: "name_parts",
        attrs: &[],
        canonical: None,
    },
    ListFormat {
        list: "numbers",
        attrs: &[attr("abbr", Values::Flag)],
        canonical: None,
    },
    ListFormat {
        list: "org_heads",
        attrs: &[],
        canonical: None,
    },
    ListFormat {
        list: "organisations",
        attrs: &[
            attr("acronym", Values::Flag),
            attr("ambiguous", Values::Flag),
        ],
        canonical: None,
    },
    ListFormat {
        list: "person_descriptors",
        attrs: &[
            attr("group", Values::Any),
            attr("plural", Values::Flag),
            attr("before", Values::OneOf(&["name"])),
        ],
        canonical: None,
    },
    ListFormat {
        list: "rules",
        attrs: &[],
        canonical: None,
    },
    ListFormat {
        list: "state_agents",
        attrs: &[attr("role", Values::Any)],
        canonical: None,
    },
    ListFormat {
        list: "temporal",
        attrs: &[
            attr("abbr", Values::Flag),
            attr("ambiguous", Values::Flag),
            attr("span", Values::OneOf(&["outside"])),
        ],
        canonical: None,
    },
    ListFormat {
        list: "triggers",
        attrs: &[
            attr("lemma", Values::Any),
            attr("subject", Values::OneOf(ROLES)),
            attr("object", Values::OneOf(ROLES)),
            attr("participle", Values::Flag),
            attr("offence", Values::Flag),
            attr("modality", Values::OneOf(&["potential", "negated"])),
            attr("penalty", Values::OneOf(PENALTY_KINDS)),
            attr("needs", Values::ListOf(NEEDS)),
        ],
        canonical: Some(EVENT_TYPES),
    },
];

/// Whether the canonical form is part of what identifies an entry of this
/// list and kind, beside its surface and kind: in `event_cues.tsv`, an
/// `object_sense` or `preceding_sense` entry names in its canonical column
/// the trigger lemma it concerns ("support" is an object of other senses of
/// "gather" and of "whip"). Elsewhere a user's line of a shipped surface and
/// kind replaces the shipped entries whatever their canonical form (it may
/// correct that form).
pub fn canonical_in_key(list: &str, kind: &str) -> bool {
    list == "event_cues" && matches!(kind, "object_sense" | "preceding_sense")
}

/// The format of `list`, if civex knows the list.
pub fn format_of(list: &str) -> Option<&'static ListFormat> {
    FORMATS.iter().find(|f| f.list == list)
}

/// What is wrong with `entry` of `list` (empty: nothing), given the kinds
/// of the list's shipped entries. Each problem is one sentence that says
/// what is accepted.
pub fn problems(list: &str, entry: &Entry, kinds: &BTreeSet<String>) -> Vec<String> {
    let mut problems = Vec::new();
    if list == "rules" && !entry.origin.built_in {
        problems.push(format!(
            "rules.tsv can only switch a shipped rule off (rules are code): write !{}\t-\t{}",
            entry.surface, entry.kind
        ));
        return problems;
    }
    if !kinds.contains(&entry.kind) {
        problems.push(unknown_kind(list, &entry.kind, kinds));
    }
    let Some(format) = format_of(list) else {
        return problems;
    };
    if list == "categories" {
        if let Err(problem) = crate::events::categories::parse_surface(&entry.surface) {
            problems.push(format!("surface {:?}: {problem}", entry.surface));
        }
    }
    if list == "triggers" && crate::events::patterns::is_pattern(&entry.surface) {
        if let Err(problem) = crate::events::patterns::SlotPattern::parse(&entry.surface) {
            problems.push(format!("pattern {:?}: {problem}", entry.surface));
        }
    }
    if let Some(allowed) = format.canonical {
        if !allowed.contains(&entry.canonical.as_str()) {
            problems.push(format!(
                "unknown event type {:?} in the second column{}; one of: {}",
                entry.canonical,
                suggestion(&entry.canonical, allowed.iter().copied()),
                allowed.join(", ")
            ));
        }
    }
    for (key, value) in &entry.attrs {
        let Some(attr) = format.attrs.iter().find(|a| a.key == key) else {
            let keys: Vec<&str> = format.attrs.iter().map(|a| a.key).collect();
            problems.push(if keys.is_empty() {
                format!("unknown attribute {key:?}: {list}.tsv takes no attributes")
            } else {
                format!(
                    "unknown attribute {key:?}{}; {list}.tsv takes: {}",
                    suggestion(key, keys.iter().copied()),
                    keys.join(", ")
                )
            });
            continue;
        };
        if let Some(problem) = value_problem(attr, value) {
            problems.push(problem);
        }
    }
    problems
}

/// The problem with one attribute's value, if any.
fn value_problem(attr: &AttrFormat, value: &str) -> Option<String> {
    let key = attr.key;
    let one_of = |allowed: &[&str], v: &str| -> Option<String> {
        (!allowed.contains(&v)).then(|| {
            format!(
                "{key}={v} is not a value of {key}{}; one of: {}",
                suggestion(v, allowed.iter().copied()),
                allowed.join(", ")
            )
        })
    };
    match attr.values {
        Values::Any if value.is_empty() => Some(format!("{key}= has no value")),
        Values::Any => None,
        Values::Flag => one_of(FLAG_VALUES, value),
        Values::OneOf(allowed) => one_of(allowed, value),
        Values::ListOf(allowed) => value.split(',').find_map(|v| one_of(allowed, v.trim())),
        Values::CountryCode => {
            let ok = value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase());
            (!ok).then(|| format!("{key}={value} is not a country code: two capital letters (ISO 3166 alpha-2), as KZ"))
        }
    }
}

fn unknown_kind(list: &str, kind: &str, kinds: &BTreeSet<String>) -> String {
    let column = if list == "triggers" {
        "form (third column)"
    } else {
        "kind (third column)"
    };
    let kinds: Vec<&str> = kinds.iter().map(String::as_str).collect();
    format!(
        "unknown {column} {kind:?}{}; {list}.tsv has: {}",
        suggestion(kind, kinds.iter().copied()),
        kinds.join(", ")
    )
}

/// ` (did you mean "arrest"?)` when one known word is one or two edits
/// from `word`, else nothing.
fn suggestion<'a>(word: &str, known: impl Iterator<Item = &'a str>) -> String {
    known
        .map(|k| (edit_distance(word, k), k))
        .filter(|&(d, _)| d <= 2)
        .min()
        .map(|(_, k)| format!(" (did you mean {k:?}?)"))
        .unwrap_or_default()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{parse_list, Gazetteers};

    fn entry(line: &str) -> Entry {
        parse_list("user/triggers.tsv", line).unwrap().remove(0)
    }

    fn kinds(list: &str) -> BTreeSet<String> {
        Gazetteers::shipped_kinds(list)
    }

    #[test]
    fn every_shipped_entry_meets_its_format() {
        let gazetteers = Gazetteers::embedded().unwrap();
        for format in FORMATS {
            let kinds = kinds(format.list);
            assert!(!kinds.is_empty(), "{}", format.list);
            for entry in gazetteers.list(format.list) {
                let problems = problems(format.list, entry, &kinds);
                assert!(problems.is_empty(), "{}: {problems:?}", entry.origin);
            }
        }
    }

    #[test]
    fn every_list_has_a_format() {
        for (name, _) in super::super::EMBEDDED {
            assert!(format_of(name).is_some(), "{name}");
        }
    }

    #[test]
    fn a_misspelt_event_type_is_named_with_a_suggestion() {
        let problems = problems(
            "triggers",
            &entry("held incommunicado\tarest\tverb\tsubject=agent\n"),
            &kinds("triggers"),
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("\"arest\""), "{problems:?}");
        assert!(
            problems[0].contains("did you mean \"arrest\""),
            "{problems:?}"
        );
    }

    #[test]
    fn unknown_forms_keys_and_values_are_each_named() {
        let problems = problems(
            "triggers",
            &entry("held incommunicado\tarrest\tverbb\tsubjet=agent;object=targets;needs=held,custody;participle=2\n"),
            &kinds("triggers"),
        );
        let joined = problems.join("\n");
        assert_eq!(problems.len(), 5, "{joined}");
        for part in [
            "form (third column) \"verbb\" (did you mean \"verb\"?)",
            "unknown attribute \"subjet\" (did you mean \"subject\"?)",
            "object=targets",
            "needs=custody",
            "participle=2",
        ] {
            assert!(joined.contains(part), "{part}: {joined}");
        }
    }

    #[test]
    fn a_malformed_pattern_is_a_problem() {
        let problems = problems(
            "triggers",
            &entry("held {victim} incommunicado\tarrest\tverb\n"),
            &kinds("triggers"),
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("unknown slot {victim}"),
            "{problems:?}"
        );
        let good = entry("{agent} opened fire on {target}\tassault\tverb\n");
        assert!(super::problems("triggers", &good, &kinds("triggers")).is_empty());
    }

    #[test]
    fn a_good_line_has_no_problem() {
        let line = "held incommunicado\tarrest\tverb\tlemma=hold incommunicado;subject=agent;object=target;needs=state_agent,held\n";
        assert!(problems("triggers", &entry(line), &kinds("triggers")).is_empty());
    }

    #[test]
    fn country_codes_are_two_capitals() {
        let good = parse_list("c.tsv", "Khujand\t-\tcity\tcc=TJ\n").unwrap();
        let bad = parse_list("c.tsv", "Khujand\t-\tcity\tcc=tjk\n").unwrap();
        assert!(problems("cities", &good[0], &kinds("cities")).is_empty());
        assert_eq!(problems("cities", &bad[0], &kinds("cities")).len(), 1);
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("arest", "arrest"), 1);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
