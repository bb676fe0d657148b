//! Incidents: the events of many articles that report one incident, linked
//! into one record (`civex incidents`).
//!
//! civex makes one event per article, so three articles on one arrest give
//! three events. [`link`] reads event records ([`EventInput`], as
//! `civex extract` writes them) and puts every event into exactly one
//! [`Incident`]: linked events together, every other event alone. Every link
//! names the rules that made it (the `by` of a [`Link`]). A false merge is
//! worse than a missed link, so each rule asks for evidence on both sides.
//!
//! Rules:
//!
//! 1. **Comparable events.** Two events can link only when their types are
//!    the same (reason `type`) or compatible (`compatible_types:A/B`), their
//!    countries are equal and their modalities are equal and not `negated`.
//!    The compatible types are two groups: `assault`, `ill_treatment` and
//!    `killing` ("beaten to death" in one article, "killed" in another);
//!    `sentence` and `fine` ("jailed and fined" reported as either). Not
//!    `censorship` and `organisation_restriction`: "the group was dissolved
//!    and its weekly shut down" is two acts. The country is the one of an
//!    event's first location; events without a location link only with
//!    events without one, and then by a named target only (rule 3). A
//!    `negated` event ("was not charged") links to nothing, and a
//!    `potential` event links only with potential events: "faces a fine"
//!    and "was fined" are two steps of a case, not two reports of one.
//! 2. **Dates.** An event's date is its TIMEX3 value read by
//!    [`CalendarRange::of`]. A day, a week or a month is a *dated* event:
//!    two dated events link only when their ranges share a day. "Monday"
//!    resolved to 2025-03-03 in one article and "3 March" in another share
//!    the day (`same_day`); "last week" (2025-W10) or "in March" (2025-03)
//!    overlaps 3 March (`date_overlap`). A year, a decade, a date without a
//!    year ("XXXX-03-03") or no date at all is *vague*: a vague event links
//!    by rule 6 only.
//! 3. **Named targets.** Names are compared folded: case, diacritics and
//!    punctuation ("Sáez" = "saez", "O'Neill" = "oneill"), a hyphenated
//!    name is one word ("Adebayo-Lawal"), particles are dropped ("de la
//!    Vega" = "Vega", "Al-Qattan" = "Qattan"). Two persons are the same when
//!    their last words are equal and either name is one word ("Beridze" =
//!    "Nino Beridze") or their first words agree, an initial agreeing with
//!    the word it begins ("N. Beridze" = "Nino Beridze", but "Tamar
//!    Beridze" is not "Nino Beridze"). Organisations are the same when
//!    their whole names are. Dated events that share a named target link
//!    (`named_target:Nino Beridze`). **Two events that both name targets
//!    and share none never link**, whatever else they share: two people
//!    fined on the same day by the same court are two incidents.
//! 4. **Unnamed targets.** Two dated events without named targets link when
//!    they state the same number and kind of people at the same place below
//!    the country: "police detained 9 activists in Tbilisi" and "nine civil
//!    activists were held in Tbilisi" (`target_count:9`,
//!    `target_kind:activist`, `place:Tbilisi`). The kind is the last word of
//!    `target_description`, singular. A place is a location name that is not
//!    a country (by the shipped `countries.tsv`) nor a country code: the
//!    country alone is no place evidence. Without a count, a kind or a
//!    place there is no link: "police detained protesters in Georgia" in
//!    two articles are not known to be one incident.
//! 5. **Protests.** Two `protest` events (or two `protest_restriction`
//!    events) on the same day at the same place below the country link
//!    (`protest_place:Tbilisi`) without target evidence: "hundreds rallied
//!    in Tbilisi on 3 March" and "students marched through Tbilisi on
//!    Monday" (3 March). Rule 3 still holds: two named solo pickets in one
//!    city on one day stay two incidents.
//! 6. **Vague dates.** A vague event links only by a shared named target
//!    (`date_vague`), and when both events have a range (a year, a decade)
//!    the ranges must overlap: "Beridze was arrested in 2023" is not the
//!    arrest of 3 March 2025. Type and place alone never link a vague
//!    event. A name shared by more than [`VAGUE_NAME_LIMIT`] events of one
//!    type group, country and modality is too common to link a vague event
//!    by.
//! 7. **Chains.** Links are transitive (union-find), but no incident may
//!    hold dates that share no day, or two sets of named targets that share
//!    no one. Events dated to a day are linked first, in `event_id` order,
//!    and a link that would break this is refused. Then come weeks, months,
//!    vague events with a range (a year), undated events, each in
//!    `event_id` order: each joins at once all the incidents it links to
//!    among the events before it, or none of them when they cannot be one.
//!    "In March" stays alone beside an incident of Beridze's arrest on 3
//!    March and another on 11 March; an undated "Beridze was arrested"
//!    stays alone beside his arrests of 2023 and of March 2025.
//!    Two full names of one surname that do not match ("Nino Beridze",
//!    "Tamar Beridze") never meet in one incident, and a report that
//!    names only the surname beside reports of both links to neither.
//! 8. **Within a document.** civex already merges restatements inside an
//!    article; two events of one document link only by the rules above.
//! 9. **The same event twice.** Records with the same `event_id` (a file
//!    read twice) are one event: always one incident (`same_event_id`),
//!    its id listed and counted once.
//! 10. **Deterministic.** Events are sorted by `event_id` before anything
//!     else, so the order of the input does not matter. An incident's id is
//!     `inc-` and the FNV-1a hash (16 hex digits) of its smallest
//!     `event_id`: adding unrelated events changes no existing id.
//!     Incidents are ordered by the first day of their date (undated last),
//!     then by id.
//! 11. **Linear in the number of events.** Events are bucketed by type
//!     group, country and modality, and indexed inside a bucket by key: a
//!     surname, an organisation, a protest's place and day, a count, kind
//!     and place. A day is compared with the events of its keys on the same
//!     day, at most [`LOOKBACK`] of them; a week or a month with the events
//!     of its keys that start at most 31 days before it (a month is the
//!     widest dated range) and before its end; of a key with more than
//!     [`LOOKBACK`] such events (a case a hundred outlets report), the
//!     [`LOOKBACK`] that start nearest its first day, the others joining
//!     through them; a vague event with the events of its
//!     names, passing over a name of more than [`VAGUE_NAME_LIMIT`] events.
//!     No bucket is compared all pairs: the work is O(n log n) for the
//!     sorting and O(n) beyond.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::calendar::{CalendarRange, Precision};
use crate::events::fnv1a;

/// How many events of one key a dated event is compared with (rule 11):
/// of more, those that start nearest its first day.
pub const LOOKBACK: usize = 64;

/// How many events may share a name before a vague event no longer links
/// by it (rule 6).
pub const VAGUE_NAME_LIMIT: usize = 64;

/// The widest range of a dated event (a month), in days: an event starting
/// earlier than this before another cannot overlap it.
const WIDEST_DATED_RANGE_DAYS: u64 = 31;

/// One event record as `civex extract` writes it: the fields linking reads.
/// Other fields are ignored; absent or `null` lists are empty.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct EventInput {
    pub doc_id: String,
    pub event_id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    /// `asserted`, `potential` or `negated`; absent is `asserted`.
    #[serde(default)]
    pub modality: Option<String>,
    #[serde(default)]
    pub date: Option<DateInput>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub targets: Vec<TargetInput>,
    #[serde(default)]
    pub target_count: Option<u64>,
    #[serde(default)]
    pub target_description: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub locations: Vec<LocationInput>,
}

/// The `date` of an event record.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct DateInput {
    /// The TIMEX3 value ("2025-03-03", "2025-W10", "2025-03", "2025").
    #[serde(default)]
    pub value: Option<String>,
}

/// A target of an event record.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct TargetInput {
    pub name: String,
    /// `person` or `organisation`; absent is a person.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
}

/// A location of an event record.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct LocationInput {
    pub name: String,
    /// ISO 3166-1 alpha-2.
    #[serde(default)]
    pub country: Option<String>,
}

fn null_as_empty<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

impl EventInput {
    fn modality(&self) -> &str {
        self.modality.as_deref().unwrap_or("asserted")
    }

    /// The country of the first location, upper case.
    fn country(&self) -> Option<String> {
        let country = self.locations.first()?.country.as_deref()?.trim();
        (!country.is_empty()).then(|| country.to_uppercase())
    }
}

/// What one input line holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Line {
    /// An event record.
    Event(Box<EventInput>),
    /// A record civex writes beside events (`{"error": …}`,
    /// `{"summary": …}`): passed over.
    CivexRecord,
    /// An empty line.
    Blank,
}

/// Reads one line of an events file. `Err` says what is wrong with it: not
/// JSON, not an object, no `event_id`, `type` or `doc_id` string, or a
/// field read here of the wrong shape.
pub fn parse_line(line: &str) -> Result<Line, String> {
    if line.trim().is_empty() {
        return Ok(Line::Blank);
    }
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(object) = &value else {
        return Err("not a JSON object".into());
    };
    if object.contains_key("error") || object.contains_key("summary") {
        return Ok(Line::CivexRecord);
    }
    for field in ["event_id", "type", "doc_id"] {
        match object.get(field) {
            Some(Value::String(text)) if !text.is_empty() => {}
            Some(_) => return Err(format!("{field:?} is not a non-empty string")),
            None => return Err(format!("no {field:?}: not an event record")),
        }
    }
    serde_json::from_value(value)
        .map(|event| Line::Event(Box::new(event)))
        .map_err(|e| format!("not an event record: {e}"))
}

/// One incident: the events that report it and what they say together.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Incident {
    /// `inc-` and the FNV-1a hash of the smallest `event_id` (rule 10).
    pub incident_id: String,
    /// The most common type of its events; a tie goes to the first of
    /// [`TYPE_PRECEDENCE`].
    #[serde(rename = "type")]
    pub incident_type: String,
    /// The types of its events, sorted, each once.
    pub types: Vec<String>,
    pub date: Option<IncidentDate>,
    /// ISO 3166-1 alpha-2, or null for events without a location.
    pub country: Option<String>,
    /// The location names of its events, sorted, each once (bare country
    /// codes left out).
    pub places: Vec<String>,
    /// Its named targets, one per person or organisation, full names
    /// preferred over surnames; sorted by name.
    pub targets: Vec<IncidentTarget>,
    /// The largest `target_count` of its events.
    pub target_count: Option<u64>,
    pub event_ids: Vec<String>,
    pub doc_ids: Vec<String>,
    /// The number of its events.
    pub events: usize,
    /// The links that joined its events (none for a single event).
    pub links: Vec<Link>,
}

/// The date of an incident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IncidentDate {
    /// The most precise TIMEX3 value of its events.
    pub value: String,
    /// The precision of that value: `day`, `week`, `month`, `year`, `unknown`.
    pub precision: &'static str,
    /// The first and last day (YYYY-MM-DD) its events' ranges share; the
    /// range of the most precise value when they share none (rule 9 only).
    pub first: String,
    pub last: String,
    /// The day (YYYY-MM-DD), when the most precise value is a day.
    pub day: Option<String>,
}

/// A target of an incident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IncidentTarget {
    pub name: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A link between two events, with the rules that made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The smaller `event_id`.
    pub from: String,
    pub to: String,
    /// The reasons: `type` or `compatible_types:A/B`; `same_day`,
    /// `date_overlap` or `date_vague`; then the evidence
    /// (`named_target:NAME`, `protest_place:PLACE`, `target_count:N` +
    /// `target_kind:KIND` + `place:PLACE`), or `same_event_id`.
    pub by: Vec<String>,
}

/// The incidents of a set of events, with what linking passed over.
#[derive(Clone, Debug, PartialEq)]
pub struct Linked {
    pub incidents: Vec<Incident>,
    /// Links that rule 7 refused (their incidents' dates or names disagree).
    pub refused_links: usize,
    /// Week, month or vague events left alone because they would have
    /// joined incidents that must stay apart (rule 7).
    pub ambiguous_events: usize,
}

/// The order that breaks a tie between the most common types of an
/// incident: the gravest of compatible types first. Types not listed come
/// after, alphabetically.
pub const TYPE_PRECEDENCE: &[&str] = &[
    "killing",
    "ill_treatment",
    "assault",
    "sentence",
    "fine",
    "arrest",
    "charge",
    "trial",
    "release",
    "protest_restriction",
    "protest",
    "organisation_restriction",
    "censorship",
    "harassment",
];

/// The group of types that may link with `event_type` (rule 1).
fn type_group(event_type: &str) -> &str {
    match event_type {
        "assault" | "ill_treatment" | "killing" => "violence",
        "sentence" | "fine" => "penalty",
        other => other,
    }
}

fn is_protest_type(event_type: &str) -> bool {
    matches!(event_type, "protest" | "protest_restriction")
}

/// Links `events` into incidents by the rules of the module header.
pub fn link(events: &[EventInput]) -> Linked {
    Linker::new(events).run()
}

/// A name of a target, folded for comparison (rule 3).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Name {
    organisation: bool,
    words: Vec<String>,
}

/// Words dropped from a person's name for comparison, when other words are
/// left.
const NAME_PARTICLES: &[&str] = &[
    "al", "el", "de", "del", "della", "der", "di", "da", "das", "do", "dos", "du", "la", "le",
    "van", "von", "den", "ter", "bin", "ibn", "y",
];

impl Name {
    fn parse(raw: &str, organisation: bool) -> Option<Name> {
        let folded = fold(raw);
        let mut words: Vec<String> = Vec::new();
        for chunk in folded.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
            // A hyphenated name is one word; an Arabic article before a
            // hyphen is dropped ("al-qattan" = "qattan").
            let mut parts: Vec<&str> = chunk.split('-').filter(|p| !p.is_empty()).collect();
            if parts.len() > 1 && !organisation && matches!(parts[0], "al" | "el") {
                parts.remove(0);
            }
            let word = parts.concat();
            if !word.is_empty() {
                words.push(word);
            }
        }
        if organisation {
            if words.len() > 1 && words[0] == "the" {
                words.remove(0);
            }
        } else {
            let kept: Vec<String> = words
                .iter()
                .filter(|w| !NAME_PARTICLES.contains(&w.as_str()))
                .cloned()
                .collect();
            if !kept.is_empty() {
                words = kept;
            }
        }
        (!words.is_empty()).then_some(Name {
            organisation,
            words,
        })
    }

    /// The index key: a person's last word, an organisation's whole name.
    fn key(&self) -> String {
        if self.organisation {
            format!("o:{}", self.words.join(" "))
        } else {
            format!("p:{}", self.words.last().map_or("", String::as_str))
        }
    }

    fn matches(&self, other: &Name) -> bool {
        if self.organisation != other.organisation {
            return false;
        }
        if self.organisation {
            return self.words == other.words;
        }
        let (Some(last), Some(other_last)) = (self.words.last(), other.words.last()) else {
            return false;
        };
        if last != other_last {
            return false;
        }
        if self.words.len() == 1 || other.words.len() == 1 {
            return true;
        }
        let (first, other_first) = (&self.words[0], &other.words[0]);
        let initial_of =
            |initial: &str, word: &str| initial.chars().count() == 1 && word.starts_with(initial);
        first == other_first || initial_of(first, other_first) || initial_of(other_first, first)
    }
}

/// Lower case without diacritics; characters that are not letters or
/// digits kept as they are (callers split on them).
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            // Combining marks (a decomposed "é", the dot of "İ").
            '\u{300}'..='\u{36f}' => {}
            // Apostrophes join: "O'Neill" = "ONeill".
            '\'' | '\u{2019}' | '\u{2bc}' | '`' => {}
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            _ => out.push(base_letter(c)),
        }
    }
    out
}

/// The Latin letter under a lower-case letter with a diacritic.
fn base_letter(c: char) -> char {
    const TABLE: &[(&str, char)] = &[
        ("àáâãäåāăą", 'a'),
        ("çćĉċč", 'c'),
        ("ďđð", 'd'),
        ("èéêëēĕėęě", 'e'),
        ("ĝğġģ", 'g'),
        ("ĥħ", 'h'),
        ("ìíîïĩīĭįı", 'i'),
        ("ĵ", 'j'),
        ("ķ", 'k'),
        ("ĺļľŀł", 'l'),
        ("ñńņňŉ", 'n'),
        ("òóôõöøōŏő", 'o'),
        ("ŕŗř", 'r'),
        ("śŝşšș", 's'),
        ("ţťŧț", 't'),
        ("ùúûüũūŭůűų", 'u'),
        ("ŵ", 'w'),
        ("ýÿŷ", 'y'),
        ("źżž", 'z'),
    ];
    if c.is_ascii() {
        return c;
    }
    TABLE
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map_or(c, |(_, base)| *base)
}

/// A place name folded for comparison: words of letters and digits.
fn fold_place(name: &str) -> String {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The folded names of countries in the shipped `countries.tsv`.
fn country_names() -> &'static HashSet<String> {
    static NAMES: OnceLock<HashSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| match crate::gazetteer::Gazetteers::embedded() {
        Ok(gazetteers) => gazetteers
            .kind("countries", "country")
            .flat_map(|entry| [fold_place(&entry.surface), fold_place(&entry.canonical)])
            .collect(),
        Err(_) => HashSet::new(),
    })
}

/// The kind of people of a target description: its last word, singular
/// ("human rights activists" → "activist").
fn kind_of_people(description: &str) -> Option<String> {
    let word = fold(description)
        .split(|c: char| !c.is_alphabetic())
        .rfind(|w| !w.is_empty())?
        .to_string();
    let singular = match word.as_str() {
        "people" | "persons" => "person".to_string(),
        "children" => "child".to_string(),
        "women" => "woman".to_string(),
        "men" => "man".to_string(),
        _ if word.ends_with("men") => format!("{}man", &word[..word.len() - 3]),
        _ if word.ends_with("ies") && word.len() > 4 => format!("{}y", &word[..word.len() - 3]),
        _ if ["ches", "shes", "sses", "xes"]
            .iter()
            .any(|s| word.ends_with(s)) =>
        {
            word[..word.len() - 2].to_string()
        }
        _ if word.ends_with('s') && !word.ends_with("ss") && word.len() > 3 => {
            word[..word.len() - 1].to_string()
        }
        _ => word,
    };
    Some(singular)
}

/// What linking reads of one event, computed once.
struct Prepared {
    /// Type group, country and modality (rule 1).
    bucket: String,
    negated: bool,
    range: Option<CalendarRange>,
    /// The names of the named targets, and the index of each one's target.
    names: Vec<Name>,
    name_targets: Vec<usize>,
    /// The kind of people (rule 4).
    people: Option<String>,
    /// Places below the country: folded name and display name.
    places: Vec<(String, String)>,
}

impl Prepared {
    fn of(event: &EventInput) -> Prepared {
        let range = event
            .date
            .as_ref()
            .and_then(|d| d.value.as_deref())
            .and_then(CalendarRange::of);
        let (name_targets, names) = event
            .targets
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                Name::parse(&t.name, t.kind.as_deref() == Some("organisation")).map(|n| (i, n))
            })
            .unzip();
        let country = event.country();
        let mut places: Vec<(String, String)> = Vec::new();
        for location in &event.locations {
            let folded = fold_place(&location.name);
            let is_country = country_names().contains(&folded)
                || location
                    .country
                    .as_deref()
                    .is_some_and(|cc| cc.eq_ignore_ascii_case(location.name.trim()));
            if !folded.is_empty() && !is_country && !places.iter().any(|(f, _)| *f == folded) {
                places.push((folded, location.name.clone()));
            }
        }
        Prepared {
            bucket: format!(
                "{}\u{1f}{}\u{1f}{}",
                type_group(&event.event_type),
                country.as_deref().unwrap_or(""),
                event.modality()
            ),
            negated: event.modality() == "negated",
            range,
            names,
            name_targets,
            people: event.target_description.as_deref().and_then(kind_of_people),
            places,
        }
    }

    /// The range of a dated event: a day, a week or a month (rule 2).
    fn dated(&self) -> Option<&CalendarRange> {
        self.range
            .as_ref()
            .filter(|r| r.precision <= Precision::Month)
    }

    fn shared_place(&self, other: &Prepared) -> Option<&str> {
        self.places
            .iter()
            .find(|(folded, _)| other.places.iter().any(|(f, _)| f == folded))
            .map(|(_, display)| display.as_str())
    }
}

/// Union-find over events, each root with what rule 7 checks: the days
/// its dates share and its names by key.
struct Components {
    parent: Vec<usize>,
    size: Vec<usize>,
    /// Per root: the days every dated or vague range of the component
    /// shares (`None`: no range).
    days: Vec<Option<(NaiveDate, NaiveDate)>>,
    /// Per root: the names of the component by key, as (event, name index).
    names: Vec<HashMap<String, Vec<(usize, usize)>>>,
}

impl Components {
    fn new(prepared: &[Prepared]) -> Components {
        Components {
            parent: (0..prepared.len()).collect(),
            size: vec![1; prepared.len()],
            days: prepared
                .iter()
                .map(|p| p.range.map(|r| (r.first, r.last)))
                .collect(),
            names: prepared
                .iter()
                .enumerate()
                .map(|(event, p)| {
                    let mut by_key: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
                    for (i, name) in p.names.iter().enumerate() {
                        by_key.entry(name.key()).or_default().push((event, i));
                    }
                    by_key
                })
                .collect(),
        }
    }

    fn root(&mut self, mut event: usize) -> usize {
        while self.parent[event] != event {
            self.parent[event] = self.parent[self.parent[event]];
            event = self.parent[event];
        }
        event
    }

    /// The days two components' ranges share: `Some(None)` when either has
    /// no range, `None` when they share no day.
    fn shared_days(
        a: Option<(NaiveDate, NaiveDate)>,
        b: Option<(NaiveDate, NaiveDate)>,
    ) -> Option<Option<(NaiveDate, NaiveDate)>> {
        match (a, b) {
            (Some((a_first, a_last)), Some((b_first, b_last))) => {
                let (first, last) = (a_first.max(b_first), a_last.min(b_last));
                (first <= last).then_some(Some((first, last)))
            }
            (Some(days), None) | (None, Some(days)) => Some(Some(days)),
            (None, None) => Some(None),
        }
    }

    /// Whether two roots' names may be one incident's: either has none, or
    /// they share one and no two of their names of one key are different
    /// people ("Nino Beridze" and "Tamar Beridze" never meet in one
    /// incident, even through a report that says only "Beridze").
    fn names_agree(&self, a: usize, b: usize, prepared: &[Prepared]) -> bool {
        let (small, large) = if self.names[a].len() <= self.names[b].len() {
            (&self.names[a], &self.names[b])
        } else {
            (&self.names[b], &self.names[a])
        };
        if small.is_empty() || large.is_empty() {
            return true;
        }
        let name = |&(e, i): &(usize, usize)| &prepared[e].names[i];
        let full = |r: &(usize, usize)| name(r).words.len() > 1;
        let mut shared = false;
        for (key, refs) in small {
            let Some(others) = large.get(key) else {
                continue;
            };
            shared = shared
                || refs
                    .iter()
                    .any(|x| others.iter().any(|y| name(x).matches(name(y))));
            // Two full names of this key, each without a match on the
            // other side, are two people: "Nino Beridze" against "Tamar
            // Beridze" (a report naming both matches either).
            let unmatched = |side: &[(usize, usize)], other: &[(usize, usize)]| -> bool {
                side.iter().filter(|x| full(x)).any(|x| {
                    !other
                        .iter()
                        .filter(|y| full(y))
                        .any(|y| name(x).matches(name(y)))
                })
            };
            let has_full = |side: &[(usize, usize)]| side.iter().any(full);
            if has_full(refs)
                && has_full(others)
                && unmatched(refs, others)
                && unmatched(others, refs)
            {
                return false;
            }
        }
        shared
    }

    /// Whether roots `a` and `b` may be joined (rule 7).
    fn may_join(&self, a: usize, b: usize, prepared: &[Prepared]) -> bool {
        Self::shared_days(self.days[a], self.days[b]).is_some() && self.names_agree(a, b, prepared)
    }

    /// Joins two roots (no check). A name already held under its key (the
    /// same words) is not held twice: the checks stay linear in the number
    /// of distinct names, not of reports.
    fn join(&mut self, a: usize, b: usize, prepared: &[Prepared]) {
        if a == b {
            return;
        }
        let (keep, gone) = if self.size[a] >= self.size[b] {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[gone] = keep;
        self.size[keep] += self.size[gone];
        // Same event twice (rule 9) may disagree; keep the kept root's days then.
        if let Some(days) = Self::shared_days(self.days[keep], self.days[gone]) {
            self.days[keep] = days;
        }
        let moved = std::mem::take(&mut self.names[gone]);
        for (key, refs) in moved {
            let held = self.names[keep].entry(key).or_default();
            for (e, i) in refs {
                let words = &prepared[e].names[i].words;
                if !held
                    .iter()
                    .any(|&(f, j)| &prepared[f].names[j].words == words)
                {
                    held.push((e, i));
                }
            }
        }
    }
}

struct Linker<'a> {
    events: Vec<&'a EventInput>,
    prepared: Vec<Prepared>,
}

impl<'a> Linker<'a> {
    fn new(events: &'a [EventInput]) -> Linker<'a> {
        let mut events: Vec<&EventInput> = events.iter().collect();
        events.sort_by(|a, b| {
            (&a.event_id, &a.doc_id, &a.event_type).cmp(&(&b.event_id, &b.doc_id, &b.event_type))
        });
        let prepared = events.iter().map(|e| Prepared::of(e)).collect();
        Linker { events, prepared }
    }

    /// The reasons to link events `a` and `b`, or `None` (rules 1-6).
    fn evidence(&self, a: usize, b: usize) -> Option<Vec<String>> {
        let (pa, pb) = (&self.prepared[a], &self.prepared[b]);
        if pa.negated || pb.negated || pa.bucket != pb.bucket {
            return None;
        }
        let (ea, eb) = (self.events[a], self.events[b]);
        let mut by = vec![if ea.event_type == eb.event_type {
            "type".to_string()
        } else {
            let (x, y) = if ea.event_type < eb.event_type {
                (&ea.event_type, &eb.event_type)
            } else {
                (&eb.event_type, &ea.event_type)
            };
            format!("compatible_types:{x}/{y}")
        }];
        let shared = self.shared_names(a, b);
        if !pa.names.is_empty() && !pb.names.is_empty() && shared.is_empty() {
            return None;
        }
        let named = |by: &mut Vec<String>| {
            by.extend(shared.iter().map(|n| format!("named_target:{n}")));
        };
        match (pa.dated(), pb.dated()) {
            (Some(ra), Some(rb)) => {
                if !ra.overlaps(rb) {
                    return None;
                }
                let same_day = ra.day().is_some() && ra.day() == rb.day();
                by.push(if same_day { "same_day" } else { "date_overlap" }.to_string());
                if !shared.is_empty() {
                    named(&mut by);
                    return Some(by);
                }
                if same_day && is_protest_type(&ea.event_type) {
                    if let Some(place) = pa.shared_place(pb) {
                        by.push(format!("protest_place:{place}"));
                        return Some(by);
                    }
                }
                if pa.names.is_empty() && pb.names.is_empty() {
                    let count = ea.target_count.filter(|c| Some(*c) == eb.target_count)?;
                    let people = pa
                        .people
                        .as_ref()
                        .filter(|p| Some(*p) == pb.people.as_ref())?;
                    let place = pa.shared_place(pb)?;
                    by.push(format!("target_count:{count}"));
                    by.push(format!("target_kind:{people}"));
                    by.push(format!("place:{place}"));
                    return Some(by);
                }
                None
            }
            _ => {
                if let (Some(ra), Some(rb)) = (&pa.range, &pb.range) {
                    if !ra.overlaps(rb) {
                        return None;
                    }
                }
                if shared.is_empty() {
                    return None;
                }
                by.push("date_vague".to_string());
                named(&mut by);
                Some(by)
            }
        }
    }

    /// The targets two events share, by the longer of the two names given.
    fn shared_names(&self, a: usize, b: usize) -> Vec<String> {
        let mut shared: Vec<String> = Vec::new();
        for (ta, na) in self.named_targets(a) {
            for (tb, nb) in self.named_targets(b) {
                if na.matches(nb) {
                    let name = if nb.words.len() > na.words.len() {
                        &tb.name
                    } else {
                        &ta.name
                    };
                    if !shared.contains(name) {
                        shared.push(name.clone());
                    }
                }
            }
        }
        shared.sort();
        shared
    }

    /// An event's targets with their parsed names.
    fn named_targets(&self, event: usize) -> impl Iterator<Item = (&TargetInput, &Name)> {
        let prepared = &self.prepared[event];
        let targets = &self.events[event].targets;
        prepared
            .name_targets
            .iter()
            .filter_map(move |&i| targets.get(i))
            .zip(prepared.names.iter())
    }

    /// The index keys of event `i` (rule 11), each prefixed by its bucket:
    /// by name (every named event), and the keys of a dated event (by name,
    /// by protest place and day, by count, kind and place).
    fn keys_of(&self, i: usize) -> (Vec<String>, Vec<String>) {
        let p = &self.prepared[i];
        if p.negated {
            return (Vec::new(), Vec::new());
        }
        let mut names: Vec<String> = p.names.iter().map(Name::key).collect();
        names.sort();
        names.dedup();
        let mut dated: Vec<String> = Vec::new();
        if let Some(range) = p.dated() {
            dated.clone_from(&names);
            if let Some(day) = range.day() {
                if is_protest_type(&self.events[i].event_type) {
                    for (place, _) in &p.places {
                        dated.push(format!("d:{place}\u{1f}{day}"));
                    }
                }
            }
            if p.names.is_empty() {
                if let (Some(count), Some(people)) = (self.events[i].target_count, &p.people) {
                    for (place, _) in &p.places {
                        dated.push(format!("c:{count}\u{1f}{people}\u{1f}{place}"));
                    }
                }
            }
        }
        let prefixed = |keys: Vec<String>| {
            keys.into_iter()
                .map(|key| format!("{}\u{1e}{key}", p.bucket))
                .collect()
        };
        (prefixed(names), prefixed(dated))
    }

    /// The events whose every person is named by a surname alone, and
    /// whose partners among `pairs` name two different people of that
    /// surname in full.
    fn ambiguous_surnames(&self, pairs: &[(usize, usize)]) -> HashSet<usize> {
        let surname_only = |i: usize| {
            let names = &self.prepared[i].names;
            !names.is_empty() && names.iter().all(|n| !n.organisation && n.words.len() == 1)
        };
        let mut partners: HashMap<usize, Vec<usize>> = HashMap::new();
        for &(a, b) in pairs {
            for (v, w) in [(a, b), (b, a)] {
                if surname_only(v) {
                    partners.entry(v).or_default().push(w);
                }
            }
        }
        let mut ambiguous = HashSet::new();
        for (v, others) in partners {
            for surname in &self.prepared[v].names {
                let full: Vec<&Name> = others
                    .iter()
                    .flat_map(|&w| self.prepared[w].names.iter())
                    .filter(|n| n.words.len() > 1 && surname.matches(n))
                    .collect();
                if full.iter().any(|x| full.iter().any(|y| !x.matches(y))) {
                    ambiguous.insert(v);
                }
            }
        }
        ambiguous
    }

    fn run(self) -> Linked {
        let n = self.events.len();
        let mut components = Components::new(&self.prepared);
        let mut links: Vec<(usize, usize, Vec<String>)> = Vec::new();

        // Rule 9: the same event twice.
        for i in 1..n {
            if self.events[i].event_id == self.events[i - 1].event_id {
                let (a, b) = (components.root(i - 1), components.root(i));
                components.join(a, b, &self.prepared);
                links.push((i - 1, i, vec!["same_event_id".to_string()]));
            }
        }

        // The indexes of rule 11; dated lists sorted by first day.
        let mut name_index: HashMap<String, Vec<usize>> = HashMap::new();
        let mut dated_index: HashMap<String, Vec<usize>> = HashMap::new();
        for i in 0..n {
            let (names, dated) = self.keys_of(i);
            for key in names {
                name_index.entry(key).or_default().push(i);
            }
            for key in dated {
                dated_index.entry(key).or_default().push(i);
            }
        }
        let first_day = |i: usize| self.prepared[i].dated().map(|r| (r.first, r.last));
        for list in dated_index.values_mut() {
            list.sort_by_key(|&i| (first_day(i), i));
        }

        // Events of one day with each other, in event_id order (rule 7).
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for list in dated_index.values() {
            for (position, &i) in list.iter().enumerate() {
                let Some(day) = self.prepared[i].dated().and_then(CalendarRange::day) else {
                    continue;
                };
                // Sorted by (first, last): the entries before i that start
                // on its day are days too.
                for &j in list[..position].iter().rev().take(LOOKBACK) {
                    if first_day(j).is_none_or(|(first, _)| first < day) {
                        break;
                    }
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        // A report that names only a surname ("Beridze") beside same-day
        // reports of two people of that surname ("Nino Beridze", "Tamar
        // Beridze") could be either: it links to neither.
        let ambiguous = self.ambiguous_surnames(&pairs);
        pairs.retain(|(a, b)| !ambiguous.contains(a) && !ambiguous.contains(b));
        let mut refused_links = 0;
        for (a, b) in pairs {
            let Some(by) = self.evidence(a, b) else {
                continue;
            };
            let (ra, rb) = (components.root(a), components.root(b));
            if ra == rb {
                continue;
            }
            if components.may_join(ra, rb, &self.prepared) {
                components.join(ra, rb, &self.prepared);
                links.push((a, b, by));
            } else {
                refused_links += 1;
            }
        }

        // Then weeks, months, vague events with a range and undated events,
        // each joining every incident it links to among the events before
        // it in that order, or none (rules 6 and 7).
        let rank = |i: usize| -> Option<(u8, usize)> {
            let p = &self.prepared[i];
            let class = match (p.dated(), &p.range) {
                _ if p.negated => return None,
                (Some(r), _) if r.precision == Precision::Day => 0,
                (Some(r), _) if r.precision == Precision::Week => 1,
                (Some(_), _) => 2,
                (None, Some(_)) => 3,
                (None, None) => 4,
            };
            Some((class, i))
        };
        let mut coarse: Vec<(u8, usize)> = (0..n)
            .filter_map(rank)
            .filter(|&(class, i)| class > 0 && (class <= 2 || !self.prepared[i].names.is_empty()))
            .collect();
        coarse.sort_unstable();
        let mut ambiguous_events = 0;
        for (class, v) in coarse {
            let candidates = self
                .candidates(v, &name_index, &dated_index)
                .into_iter()
                .filter(|&j| rank(j).is_some_and(|r| r < (class, v)));
            // Per incident, the best partner: dated first, then by event_id.
            let own_root = components.root(v);
            let mut partners: BTreeMap<usize, (bool, usize, Vec<String>)> = BTreeMap::new();
            for j in candidates {
                let root = components.root(j);
                if root == own_root
                    || partners.get(&root).is_some_and(|(undated, best, _)| {
                        (*undated, *best) <= (self.prepared[j].dated().is_none(), j)
                    })
                {
                    continue;
                }
                if let Some(by) = self.evidence(v, j) {
                    partners.insert(root, (self.prepared[j].dated().is_none(), j, by));
                }
            }
            if partners.is_empty() {
                continue;
            }
            // All or nothing: every partner's incident must be able to join
            // v's and those of the partners before it (rule 7).
            let mut days = components.days[own_root];
            let mut joined = vec![own_root];
            let mut agree = true;
            for &root in partners.keys() {
                match Components::shared_days(days, components.days[root]) {
                    Some(shared) => days = shared,
                    None => agree = false,
                }
                let named: Vec<usize> = joined
                    .iter()
                    .copied()
                    .filter(|&r| !components.names[r].is_empty())
                    .collect();
                // It shares a name with one of them, and no other of them
                // names someone else of that name.
                agree = agree
                    && (named.is_empty()
                        || components.names[root].is_empty()
                        || named.iter().all(|&r| {
                            !components.names[r]
                                .keys()
                                .any(|k| components.names[root].contains_key(k))
                                || components.names_agree(r, root, &self.prepared)
                        }) && named
                            .iter()
                            .any(|&r| components.names_agree(r, root, &self.prepared)));
                if !agree {
                    break;
                }
                joined.push(root);
            }
            if !agree {
                ambiguous_events += 1;
                continue;
            }
            for (_, (_, j, by)) in partners {
                let (a, b) = (components.root(v), components.root(j));
                components.join(a, b, &self.prepared);
                links.push((v.min(j), v.max(j), by));
            }
        }

        let incidents = self.incidents(&mut components, links);
        Linked {
            incidents,
            refused_links,
            ambiguous_events,
        }
    }

    /// The events a week, month or vague event `v` may link to, by its
    /// keys; a key with more than [`LOOKBACK`] events in v's dates (or more
    /// than [`VAGUE_NAME_LIMIT`] for a vague event) is passed over.
    fn candidates(
        &self,
        v: usize,
        name_index: &HashMap<String, Vec<usize>>,
        dated_index: &HashMap<String, Vec<usize>>,
    ) -> Vec<usize> {
        let (names, dated) = self.keys_of(v);
        let mut found: Vec<usize> = Vec::new();
        match self.prepared[v].dated() {
            Some(range) => {
                let Some(earliest) = range
                    .first
                    .checked_sub_days(Days::new(WIDEST_DATED_RANGE_DAYS))
                else {
                    return found;
                };
                let first_of = |j: usize| self.prepared[j].dated().map(|r| r.first);
                for key in dated {
                    let Some(list) = dated_index.get(&key) else {
                        continue;
                    };
                    let start = list.partition_point(|&j| first_of(j).is_none_or(|f| f < earliest));
                    let end =
                        list.partition_point(|&j| first_of(j).is_none_or(|f| f <= range.last));
                    let window = &list[start..end.max(start)];
                    // A key reported more than LOOKBACK times in the window
                    // (a case many outlets cover): the LOOKBACK events that
                    // start nearest this one's first day. The pairs still
                    // meet every rule, and the rest join through them.
                    let window = if window.len() > LOOKBACK {
                        let at = window
                            .partition_point(|&j| first_of(j).is_none_or(|f| f < range.first));
                        let from = at.saturating_sub(LOOKBACK / 2).min(window.len() - LOOKBACK);
                        &window[from..from + LOOKBACK]
                    } else {
                        window
                    };
                    found.extend(window.iter().copied().filter(|&j| j != v));
                }
            }
            None => {
                for key in names {
                    let Some(list) = name_index.get(&key) else {
                        continue;
                    };
                    if list.len() <= VAGUE_NAME_LIMIT {
                        found.extend(list.iter().copied().filter(|&j| j != v));
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The incident records of the components, in output order (rule 10).
    fn incidents(
        &self,
        components: &mut Components,
        links: Vec<(usize, usize, Vec<String>)>,
    ) -> Vec<Incident> {
        let n = self.events.len();
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..n {
            let root = components.root(i);
            members.entry(root).or_default().push(i);
        }
        let mut links_of: HashMap<usize, Vec<Link>> = HashMap::new();
        for (a, b, by) in links {
            let root = components.root(a);
            links_of.entry(root).or_default().push(Link {
                from: self.events[a].event_id.clone(),
                to: self.events[b].event_id.clone(),
                by,
            });
        }
        let mut incidents: Vec<(Option<NaiveDate>, Incident)> = members
            .into_iter()
            .map(|(root, events)| {
                let mut links = links_of.remove(&root).unwrap_or_default();
                links.sort_by(|x, y| (&x.from, &x.to).cmp(&(&y.from, &y.to)));
                self.incident(&events, links)
            })
            .collect();
        incidents.sort_by(|(a_day, a), (b_day, b)| {
            (a_day.is_none(), a_day, &a.incident_id).cmp(&(b_day.is_none(), b_day, &b.incident_id))
        });
        incidents
            .into_iter()
            .map(|(_, incident)| incident)
            .collect()
    }

    /// One incident of `members` (indices in event_id order), with its
    /// first day for the output order.
    fn incident(&self, members: &[usize], links: Vec<Link>) -> (Option<NaiveDate>, Incident) {
        let events: Vec<&EventInput> = members.iter().map(|&i| self.events[i]).collect();
        let smallest_id = events.first().map_or("", |e| e.event_id.as_str());

        let mut type_counts: BTreeMap<&str, usize> = BTreeMap::new();
        for event in &events {
            *type_counts.entry(event.event_type.as_str()).or_default() += 1;
        }
        let precedence = |t: &str| {
            TYPE_PRECEDENCE
                .iter()
                .position(|p| *p == t)
                .unwrap_or(TYPE_PRECEDENCE.len())
        };
        let incident_type = type_counts
            .iter()
            .min_by(|(a, a_count), (b, b_count)| {
                b_count
                    .cmp(a_count)
                    .then(precedence(a).cmp(&precedence(b)))
                    .then(a.cmp(b))
            })
            .map_or(String::new(), |(t, _)| t.to_string());

        let date = self.incident_date(members);
        let first_day = date
            .as_ref()
            .and_then(|d| NaiveDate::parse_from_str(&d.first, "%Y-%m-%d").ok());

        let mut places: Vec<String> = Vec::new();
        for event in &events {
            for location in &event.locations {
                let bare_code = location
                    .country
                    .as_deref()
                    .is_some_and(|cc| cc.eq_ignore_ascii_case(location.name.trim()));
                if !bare_code && !location.name.trim().is_empty() {
                    places.push(location.name.clone());
                }
            }
        }
        places.sort();
        places.dedup();

        let mut doc_ids: Vec<String> = events.iter().map(|e| e.doc_id.clone()).collect();
        doc_ids.sort();
        doc_ids.dedup();

        let incident = Incident {
            incident_id: format!("inc-{:016x}", fnv1a(smallest_id.bytes())),
            incident_type,
            types: type_counts.keys().map(|t| t.to_string()).collect(),
            date,
            country: events.first().and_then(|e| e.country()),
            places,
            targets: self.incident_targets(members),
            target_count: events.iter().filter_map(|e| e.target_count).max(),
            // The same event read twice (rule 9) counts once.
            event_ids: {
                let mut ids: Vec<String> = events.iter().map(|e| e.event_id.clone()).collect();
                ids.dedup();
                ids
            },
            doc_ids,
            events: {
                let mut ids: Vec<&str> = events.iter().map(|e| e.event_id.as_str()).collect();
                ids.dedup();
                ids.len()
            },
            links,
        };
        (first_day, incident)
    }

    fn incident_date(&self, members: &[usize]) -> Option<IncidentDate> {
        let mut ranged: Vec<(CalendarRange, &str)> = members
            .iter()
            .filter_map(|&i| {
                let range = self.prepared[i].range?;
                let value = self.events[i].date.as_ref()?.value.as_deref()?;
                Some((range, value))
            })
            .collect();
        ranged.sort_by(|(a, a_value), (b, b_value)| {
            (a.precision, a.days(), a.first, a_value).cmp(&(
                b.precision,
                b.days(),
                b.first,
                b_value,
            ))
        });
        let (most_precise, value) = *ranged.first()?;
        let mut first = most_precise.first;
        let mut last = most_precise.last;
        for (range, _) in &ranged {
            first = first.max(range.first);
            last = last.min(range.last);
        }
        if first > last {
            (first, last) = (most_precise.first, most_precise.last);
        }
        Some(IncidentDate {
            value: value.to_string(),
            precision: most_precise.precision.as_str(),
            first: first.to_string(),
            last: last.to_string(),
            day: most_precise.day().map(|d| d.to_string()),
        })
    }

    /// The named targets of the events, one per person or organisation:
    /// the longest name first, shorter names that match it merged into it.
    fn incident_targets(&self, members: &[usize]) -> Vec<IncidentTarget> {
        let mut all: Vec<(&TargetInput, &Name)> = members
            .iter()
            .flat_map(|&i| self.named_targets(i))
            .collect();
        all.sort_by(|(ta, na), (tb, nb)| {
            nb.words
                .len()
                .cmp(&na.words.len())
                .then(tb.name.chars().count().cmp(&ta.name.chars().count()))
                .then(ta.name.cmp(&tb.name))
        });
        let mut merged: Vec<(&Name, IncidentTarget)> = Vec::new();
        for (target, name) in all {
            match merged.iter_mut().find(|(kept, _)| kept.matches(name)) {
                Some((_, kept)) => {
                    if kept.role.is_none() {
                        kept.role = target.role.clone();
                    }
                }
                None => merged.push((
                    name,
                    IncidentTarget {
                        name: target.name.clone(),
                        kind: target.kind.clone().unwrap_or_else(|| "person".into()),
                        role: target.role.clone(),
                    },
                )),
            }
        }
        let mut targets: Vec<IncidentTarget> = merged.into_iter().map(|(_, t)| t).collect();
        targets.sort_by(|a, b| a.name.cmp(&b.name));
        targets
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// An arrest in Tbilisi, Georgia; `fields` overrides or adds fields.
    fn event(id: &str, doc: &str, fields: Value) -> EventInput {
        let mut record = json!({
            "doc_id": doc,
            "event_id": id,
            "type": "arrest",
            "modality": "asserted",
            "date": null,
            "targets": [],
            "target_count": null,
            "target_description": null,
            "locations": [{"name": "Tbilisi", "country": "GE"}],
            "confidence": 0.9,
        });
        if let (Value::Object(record), Value::Object(fields)) = (&mut record, fields) {
            record.extend(fields);
        }
        serde_json::from_value(record).expect("a test event")
    }

    fn dated(value: &str) -> Value {
        json!({"text": value, "value": value, "source": "sentence"})
    }

    fn person(name: &str) -> Value {
        json!({"name": name, "kind": "person"})
    }

    /// The incidents as sorted lists of event ids.
    fn groups(events: &[EventInput]) -> Vec<Vec<String>> {
        let mut groups: Vec<Vec<String>> = link(events)
            .incidents
            .into_iter()
            .map(|i| i.event_ids)
            .collect();
        groups.sort();
        groups
    }

    fn ids(groups: &[&[&str]]) -> Vec<Vec<String>> {
        let mut groups: Vec<Vec<String>> = groups
            .iter()
            .map(|g| g.iter().map(|s| s.to_string()).collect())
            .collect();
        groups.sort();
        groups
    }

    fn name(raw: &str) -> Name {
        Name::parse(raw, false).expect("a name")
    }

    #[test]
    fn a_surname_alone_never_joins_two_people_of_that_surname() {
        // Nino and Tamar Beridze fined the same day; a third report says
        // only "Beridze", on that day, that week or that year.
        for date in ["2025-03-03", "2025-W10", "2025"] {
            let events = [
                event(
                    "a1",
                    "outlet-a",
                    json!({"type": "fine", "date": dated("2025-03-03"), "targets": [person("Nino Beridze")]}),
                ),
                event(
                    "b1",
                    "outlet-b",
                    json!({"type": "fine", "date": dated("2025-03-03"), "targets": [person("Tamar Beridze")]}),
                ),
                event(
                    "c1",
                    "outlet-c",
                    json!({"type": "fine", "date": dated(date), "targets": [person("Beridze")]}),
                ),
            ];
            let linked = link(&events);
            for incident in &linked.incidents {
                let names: Vec<&str> = incident.targets.iter().map(|t| t.name.as_str()).collect();
                assert!(
                    !(names.contains(&"Nino Beridze") && names.contains(&"Tamar Beridze")),
                    "{date}: {names:?}"
                );
            }
            assert_eq!(
                linked.incidents.len(),
                3,
                "{date}: the surname alone could be either"
            );
        }
        // A report naming both links to each report of one of them.
        let events = [
            event(
                "a1",
                "outlet-a",
                json!({"date": dated("2025-03-03"), "targets": [person("Nino Beridze")]}),
            ),
            event(
                "b1",
                "outlet-b",
                json!({"date": dated("2025-03-03"), "targets": [person("Nino Beridze"), person("Tamar Beridze")]}),
            ),
            event(
                "c1",
                "outlet-c",
                json!({"date": dated("2025-03-03"), "targets": [person("Tamar Beridze")]}),
            ),
        ];
        assert_eq!(link(&events).incidents.len(), 1);
    }

    #[test]
    fn a_case_reported_more_than_lookback_times_in_a_week_is_still_one_incident() {
        // A hundred outlets: "police detained Nino Beridze last week".
        let events: Vec<EventInput> = (0..LOOKBACK + 36)
            .map(|k| {
                event(
                    &format!("{k:016x}"),
                    &format!("outlet-{k}"),
                    json!({"date": dated("2025-W10"), "targets": [person("Nino Beridze")]}),
                )
            })
            .collect();
        let linked = link(&events);
        assert_eq!(linked.incidents.len(), 1);
        assert_eq!(linked.incidents[0].events, LOOKBACK + 36);
    }

    #[test]
    fn names_fold_case_diacritics_punctuation_and_particles() {
        assert!(name("Nino Beridze").matches(&name("Beridze")));
        assert!(name("N. Beridze").matches(&name("Nino Beridze")));
        assert!(name("NINO BERIDZE").matches(&name("nino beridze")));
        assert!(name("Carmen Sáez del Río").matches(&name("Carmen Saez del Rio")));
        assert!(name("María José de la Vega").matches(&name("de la Vega")));
        assert!(name("Yousif Al-Qattan").matches(&name("Al Qattan")));
        assert!(name("Tobi Adebayo-Lawal").matches(&name("Adebayo-Lawal")));
        assert!(name("Aigerim S. Tokhtarova").matches(&name("Aigerim Tokhtarova")));
        assert!(name("Selin Karabağ").matches(&name("Karabag")));
        assert!(name("Seán O'Neill").matches(&name("Sean ONeill")));
        assert!(!name("Nino Beridze").matches(&name("Tamar Beridze")));
        assert!(!name("T. Beridze").matches(&name("Nino Beridze")));
        assert!(!name("Nino Beridze").matches(&name("Nino Kapanadze")));
        let org = |raw| Name::parse(raw, true).expect("a name");
        assert!(org("The Coastal Rights Observatory").matches(&org("Coastal Rights Observatory")));
        assert!(!org("Coastal Rights Observatory").matches(&org("Observatory")));
        assert!(!org("Beridze").matches(&name("Beridze")));
    }

    #[test]
    fn kinds_of_people_are_singular_head_nouns() {
        assert_eq!(
            kind_of_people("human rights activists").as_deref(),
            Some("activist")
        );
        assert_eq!(kind_of_people("activist").as_deref(), Some("activist"));
        assert_eq!(kind_of_people("local people").as_deref(), Some("person"));
        assert_eq!(kind_of_people("women").as_deref(), Some("woman"));
        assert_eq!(
            kind_of_people("journalists'").as_deref(),
            Some("journalist")
        );
        assert_eq!(kind_of_people("fishermen").as_deref(), Some("fisherman"));
        assert_eq!(kind_of_people("party deputies").as_deref(), Some("deputy"));
        assert_eq!(kind_of_people("witnesses").as_deref(), Some("witness"));
    }

    #[test]
    fn a_day_a_week_and_a_month_overlap_by_precision() {
        let beridze = json!([person("Nino Beridze")]);
        let events = vec![
            // "Monday", resolved to Monday 3 March 2025.
            event(
                "a1",
                "a",
                json!({"date": dated("2025-03-03"), "targets": beridze}),
            ),
            // "3 March".
            event(
                "b1",
                "b",
                json!({"date": dated("2025-03-03"), "targets": [person("N. Beridze")]}),
            ),
            // "last week": ISO week 10 of 2025 (3 to 9 March).
            event(
                "c1",
                "c",
                json!({"date": dated("2025-W10"), "targets": [person("Beridze")]}),
            ),
            // Week 11 does not overlap 3 March.
            event(
                "d1",
                "d",
                json!({"date": dated("2025-W11"), "targets": beridze}),
            ),
        ];
        let linked = link(&events);
        assert_eq!(groups(&events), ids(&[&["a1", "b1", "c1"], &["d1"]]));
        let incident = &linked.incidents[0];
        assert_eq!(incident.event_ids, ["a1", "b1", "c1"]);
        let date = incident.date.as_ref().expect("a date");
        assert_eq!(
            (
                date.value.as_str(),
                date.precision,
                date.first.as_str(),
                date.last.as_str()
            ),
            ("2025-03-03", "day", "2025-03-03", "2025-03-03")
        );
        assert_eq!(date.day.as_deref(), Some("2025-03-03"));
        assert_eq!(incident.links.len(), 2);
        assert_eq!(
            incident.links[0].by,
            ["type", "same_day", "named_target:Nino Beridze"]
        );
        assert_eq!(
            incident.links[1].by,
            ["type", "date_overlap", "named_target:Nino Beridze"]
        );
        assert_eq!(
            incident.targets,
            [IncidentTarget {
                name: "Nino Beridze".into(),
                kind: "person".into(),
                role: None
            }]
        );
    }

    #[test]
    fn a_month_that_would_join_two_days_joins_neither() {
        let beridze = json!([person("Nino Beridze")]);
        let events = vec![
            event(
                "a1",
                "a",
                json!({"date": dated("2025-03-03"), "targets": beridze}),
            ),
            event(
                "b1",
                "b",
                json!({"date": dated("2025-03-11"), "targets": beridze}),
            ),
            event(
                "c1",
                "c",
                json!({"date": dated("2025-03"), "targets": beridze}),
            ),
            event(
                "d1",
                "d",
                json!({"date": dated("2025-03-03"), "targets": beridze}),
            ),
        ];
        assert_eq!(groups(&events), ids(&[&["a1", "d1"], &["b1"], &["c1"]]));
        assert_eq!(link(&events).ambiguous_events, 1);
        // Without the second day, the month joins the first.
        let events: Vec<EventInput> = events.into_iter().filter(|e| e.event_id != "b1").collect();
        assert_eq!(groups(&events), ids(&[&["a1", "c1", "d1"]]));
    }

    #[test]
    fn undated_events_link_by_a_name_only_and_only_unambiguously() {
        let beridze = json!([person("Nino Beridze")]);
        let mut events = vec![
            event(
                "a1",
                "a",
                json!({"date": dated("2025-03-03"), "targets": beridze}),
            ),
            // "Beridze, arrested earlier" (no date).
            event("b1", "b", json!({"targets": [person("Beridze")]})),
            // A year is vague too.
            event(
                "e1",
                "e",
                json!({"date": dated("2025"), "targets": beridze}),
            ),
            // Undated and nameless: never linked by type and place.
            event(
                "f1",
                "f",
                json!({"target_count": 3, "target_description": "activists"}),
            ),
            event(
                "g1",
                "g",
                json!({"target_count": 3, "target_description": "activists"}),
            ),
        ];
        assert_eq!(
            groups(&events),
            ids(&[&["a1", "b1", "e1"], &["f1"], &["g1"]])
        );
        let linked = link(&events);
        assert!(linked.incidents[0]
            .links
            .iter()
            .all(|l| l.by.contains(&"date_vague".to_string())));
        // An arrest of 2023 (a year does not overlap 2025): the undated
        // report could be either.
        events.push(event(
            "c1",
            "c",
            json!({"date": dated("2023"), "targets": beridze}),
        ));
        assert_eq!(
            groups(&events),
            ids(&[&["a1", "e1"], &["b1"], &["c1"], &["f1"], &["g1"]])
        );
        assert_eq!(link(&events).ambiguous_events, 1);
        // So could a year with a second arrest in November.
        events.retain(|e| e.event_id != "c1");
        events.push(event(
            "h1",
            "h",
            json!({"date": dated("2025-11-20"), "targets": beridze}),
        ));
        assert_eq!(
            groups(&events),
            ids(&[&["a1"], &["b1"], &["e1"], &["f1"], &["g1"], &["h1"]])
        );
    }

    #[test]
    fn unnamed_targets_link_by_count_kind_and_place() {
        let nine = |id: &str, doc: &str, description: &str, place: &str| {
            event(
                id,
                doc,
                json!({
                    "date": dated("2025-03-03"),
                    "target_count": 9,
                    "target_description": description,
                    "locations": [{"name": "Georgia", "country": "GE"}, {"name": place, "country": "GE"}],
                }),
            )
        };
        let events = vec![
            nine("a1", "a", "activists", "Tbilisi"),
            nine("b1", "b", "civil activists", "Tbilisi"),
            // Another place, another kind of people.
            nine("c1", "c", "activists", "Batumi"),
            nine("d1", "d", "journalists", "Tbilisi"),
            // The country alone is no place.
            event(
                "e1",
                "e",
                json!({"date": dated("2025-03-03"), "target_count": 9, "target_description": "activists",
                       "locations": [{"name": "Georgia", "country": "GE"}]}),
            ),
            event(
                "f1",
                "f",
                json!({"date": dated("2025-03-03"), "target_count": 9, "target_description": "activists",
                       "locations": [{"name": "GE", "country": "GE"}]}),
            ),
        ];
        assert_eq!(
            groups(&events),
            ids(&[&["a1", "b1"], &["c1"], &["d1"], &["e1"], &["f1"]])
        );
        let linked = link(&events);
        let pair = linked
            .incidents
            .iter()
            .find(|i| i.events == 2)
            .expect("the pair");
        assert_eq!(
            pair.links[0].by,
            [
                "type",
                "same_day",
                "target_count:9",
                "target_kind:activist",
                "place:Tbilisi"
            ]
        );
        assert_eq!(pair.places, ["Georgia", "Tbilisi"]);
        assert_eq!(pair.target_count, Some(9));
    }

    #[test]
    fn protests_link_on_the_same_day_in_the_same_city() {
        let protest = |id: &str, doc: &str, date: &str, place: &str, targets: Value| {
            event(
                id,
                doc,
                json!({"type": "protest", "date": dated(date), "targets": targets,
                       "locations": [{"name": place, "country": "GE"}]}),
            )
        };
        let events = vec![
            protest("a1", "a", "2025-03-03", "Tbilisi", json!([])),
            protest(
                "b1",
                "b",
                "2025-03-03",
                "Tbilisi",
                json!([person("Nino Beridze")]),
            ),
            protest("c1", "c", "2025-03-04", "Tbilisi", json!([])),
            protest("d1", "d", "2025-03-03", "Batumi", json!([])),
            // Two named solo pickets, the same day and city: two incidents.
            protest(
                "e1",
                "e",
                "2025-03-03",
                "Tbilisi",
                json!([person("Tamar Kapanadze")]),
            ),
            // Not a protest: an arrest needs target evidence.
            event("f1", "f", json!({"date": dated("2025-03-03")})),
            event("g1", "g", json!({"date": dated("2025-03-03")})),
        ];
        let linked = link(&events);
        assert_eq!(
            groups(&events),
            ids(&[&["a1", "b1"], &["c1"], &["d1"], &["e1"], &["f1"], &["g1"]])
        );
        assert_eq!(linked.refused_links, 1);
        let pair = &linked
            .incidents
            .iter()
            .find(|i| i.events == 2)
            .expect("a pair");
        assert_eq!(
            pair.links[0].by,
            ["type", "same_day", "protest_place:Tbilisi"]
        );
    }

    #[test]
    fn two_people_fined_by_one_court_on_one_day_are_two_incidents() {
        let fine = |id: &str, doc: &str, name: &str| {
            event(
                id,
                doc,
                json!({"type": "fine", "date": dated("2025-03-03"), "targets": [person(name)],
                       "target_count": 1, "target_description": "activist",
                       "agents": [{"name": "Tbilisi City Court", "kind": "state"}]}),
            )
        };
        let events = vec![
            fine("a1", "a", "Nino Beridze"),
            fine("b1", "a", "Tamar Kapanadze"),
            fine("c1", "b", "Tamar Kapanadze"),
        ];
        assert_eq!(groups(&events), ids(&[&["a1"], &["b1", "c1"]]));
    }

    #[test]
    fn types_countries_and_modalities_must_agree() {
        let named = |id: &str, fields: Value| {
            let mut e = event(id, id, fields);
            e.targets = vec![TargetInput {
                name: "Nino Beridze".into(),
                kind: Some("person".into()),
                role: None,
            }];
            e.date = Some(DateInput {
                value: Some("2025-03-03".into()),
            });
            e
        };
        let events = vec![
            named("a1", json!({"type": "assault"})),
            named("b1", json!({"type": "killing"})),
            named("c1", json!({"type": "arrest"})),
            named(
                "d1",
                json!({"type": "assault", "locations": [{"name": "Yerevan", "country": "AM"}]}),
            ),
            named("e1", json!({"type": "assault", "modality": "negated"})),
            named("f1", json!({"type": "assault", "modality": "potential"})),
        ];
        assert_eq!(
            groups(&events),
            ids(&[&["a1", "b1"], &["c1"], &["d1"], &["e1"], &["f1"]])
        );
        let linked = link(&events);
        let pair = linked
            .incidents
            .iter()
            .find(|i| i.events == 2)
            .expect("a pair");
        assert_eq!(pair.incident_type, "killing");
        assert_eq!(pair.types, ["assault", "killing"]);
        assert_eq!(pair.links[0].by[0], "compatible_types:assault/killing");
    }

    #[test]
    fn links_are_transitive_across_articles() {
        // a and b share Beridze, b and c share Kapanadze.
        let events = vec![
            event(
                "a1",
                "a",
                json!({"date": dated("2025-03-03"), "targets": [person("Nino Beridze")]}),
            ),
            event(
                "b1",
                "b",
                json!({"date": dated("2025-03-03"),
                       "targets": [person("Nino Beridze"), person("Tamar Kapanadze")]}),
            ),
            event(
                "c1",
                "c",
                json!({"date": dated("2025-03-03"), "targets": [person("Kapanadze")]}),
            ),
        ];
        let linked = link(&events);
        assert_eq!(groups(&events), ids(&[&["a1", "b1", "c1"]]));
        let incident = &linked.incidents[0];
        assert_eq!(incident.doc_ids, ["a", "b", "c"]);
        let names: Vec<&str> = incident.targets.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Nino Beridze", "Tamar Kapanadze"]);
    }

    #[test]
    fn the_same_event_twice_is_one_incident() {
        let e = event("a1", "a", json!({}));
        let linked = link(&[e.clone(), e]);
        assert_eq!(linked.incidents.len(), 1);
        // Counted once, listed once (the schema's event_ids are unique).
        assert_eq!(linked.incidents[0].events, 1);
        assert_eq!(linked.incidents[0].event_ids, ["a1"]);
        assert_eq!(linked.incidents[0].links[0].by, ["same_event_id"]);
    }

    /// Events of three articles and two singletons, in a fixed order.
    fn mixed() -> Vec<EventInput> {
        vec![
            event(
                "a1",
                "a",
                json!({"date": dated("2025-03-03"), "targets": [person("Nino Beridze")]}),
            ),
            event(
                "b1",
                "b",
                json!({"date": dated("2025-W10"), "targets": [person("Beridze")]}),
            ),
            event("c1", "c", json!({"targets": [person("N. Beridze")]})),
            event(
                "d1",
                "d",
                json!({"type": "fine", "date": dated("2025-03-05"),
                                    "targets": [person("Tamar Kapanadze")]}),
            ),
            event(
                "e1",
                "e",
                json!({"type": "protest", "date": dated("2025-02-28")}),
            ),
            event("f1", "f", json!({})),
        ]
    }

    #[test]
    fn shuffled_input_gives_the_same_output() {
        let events = mixed();
        let expected = link(&events);
        let mut shuffled = events.clone();
        shuffled.reverse();
        assert_eq!(link(&shuffled), expected);
        shuffled.rotate_left(2);
        assert_eq!(link(&shuffled), expected);
        let order: Vec<&str> = expected
            .incidents
            .iter()
            .map(|i| i.event_ids[0].as_str())
            .collect();
        // By first day (undated last), then id.
        assert_eq!(order[..3], ["e1", "a1", "d1"]);
        assert_eq!(order[3], "f1");
    }

    #[test]
    fn ids_do_not_change_when_unrelated_events_are_added() {
        let before = link(&mixed());
        let mut more = mixed();
        more.push(event("0000", "z", json!({"type": "harassment"})));
        more.push(event(
            "zzzz",
            "z",
            json!({"date": dated("2025-03-03"),
                                            "targets": [person("Levan Gelashvili")]}),
        ));
        let after = link(&more);
        assert_eq!(after.incidents.len(), before.incidents.len() + 2);
        for incident in &before.incidents {
            assert!(
                after.incidents.contains(incident),
                "{}",
                incident.incident_id
            );
        }
        assert_eq!(
            before.incidents[1].incident_id,
            format!("inc-{:016x}", fnv1a(*b"a1"))
        );
    }

    #[test]
    fn every_event_is_in_exactly_one_incident_of_a_large_input() {
        // 50,000 events in one country: 2,000 surnames and 40 places over a
        // year, arrests and fines, some undated or nameless. A quadratic
        // linker would take minutes here.
        let mut state: u64 = 7;
        let mut next = |below: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % below
        };
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
        let events: Vec<EventInput> = (0..50_000)
            .map(|i| {
                let day = start + Days::new(next(366));
                let date = match next(10) {
                    0 => None,
                    1 => Some(day.format("%G-W%V").to_string()),
                    2 => Some(day.format("%Y-%m").to_string()),
                    _ => Some(day.to_string()),
                };
                let targets = if next(5) == 0 {
                    vec![]
                } else {
                    vec![TargetInput {
                        name: format!("Given{} Surname{}", next(3), next(2_000)),
                        kind: Some("person".into()),
                        role: None,
                    }]
                };
                EventInput {
                    doc_id: format!("doc{}", i / 3),
                    event_id: format!("{i:08}"),
                    event_type: if next(2) == 0 { "arrest" } else { "fine" }.into(),
                    modality: None,
                    date: date.map(|value| DateInput { value: Some(value) }),
                    targets,
                    target_count: Some(next(3) + 1),
                    target_description: Some("activists".into()),
                    locations: vec![LocationInput {
                        name: format!("Town{}", next(40)),
                        country: Some("GE".into()),
                    }],
                }
            })
            .collect();
        let linked = link(&events);
        let mut seen: Vec<&str> = linked
            .incidents
            .iter()
            .flat_map(|i| i.event_ids.iter().map(String::as_str))
            .collect();
        assert_eq!(seen.len(), events.len());
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), events.len());
        assert!(linked.incidents.iter().any(|i| i.events > 1));
        for incident in &linked.incidents {
            assert_eq!(incident.events, incident.event_ids.len());
            assert_eq!(incident.links.len() + 1, incident.events);
        }
    }

    #[test]
    fn lines_are_events_civex_records_or_errors() {
        assert!(matches!(parse_line("  "), Ok(Line::Blank)));
        assert!(matches!(
            parse_line(r#"{"error": "bad", "file": "x", "line": 2}"#),
            Ok(Line::CivexRecord)
        ));
        let line =
            r#"{"doc_id": "d", "event_id": "e", "type": "arrest", "targets": null, "extra": 1}"#;
        match parse_line(line) {
            Ok(Line::Event(event)) => {
                assert_eq!(event.event_id, "e");
                assert!(event.targets.is_empty());
            }
            other => panic!("{other:?}"),
        }
        assert!(parse_line("{nope").is_err_and(|e| e.starts_with("not JSON")));
        assert!(parse_line("[1]").is_err_and(|e| e == "not a JSON object"));
        assert!(parse_line(r#"{"doc_id": "d", "type": "arrest"}"#)
            .is_err_and(|e| e.contains("event_id")));
        assert!(
            parse_line(r#"{"doc_id": "d", "event_id": 3, "type": "arrest"}"#)
                .is_err_and(|e| e.contains("event_id"))
        );
        assert!(
            parse_line(r#"{"doc_id": "d", "event_id": "e", "type": "arrest", "targets": 5}"#)
                .is_err_and(|e| e.starts_with("not an event record"))
        );
    }
}
