//! The event lexicons: triggers (`gazetteers/triggers.tsv`) and the cue
//! words around them (`gazetteers/event_cues.tsv`), compiled once.

use crate::document::ByteSpan;
use crate::error::BuildError;
use crate::gazetteer::{Entry, Gazetteers, Lexicon, PhraseMatcher};
use crate::tokens::Tokens;

use super::patterns::{is_pattern, SlotPattern};

/// The fourteen event types of the record contract.
pub const EVENT_TYPES: &[&str] = &[
    "protest",
    "protest_restriction",
    "arrest",
    "ill_treatment",
    "assault",
    "killing",
    "charge",
    "trial",
    "sentence",
    "fine",
    "release",
    "harassment",
    "censorship",
    "organisation_restriction",
];

/// How a trigger relates its grammatical subject and object to the event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Agent,
    Target,
    None,
}

/// One trigger entry, interpreted.
#[derive(Clone, Debug)]
pub struct Trigger {
    /// The index of its entry among the triggers' ([`EventLexicon::entry`]).
    pub entry: usize,
    pub surface: String,
    pub event_type: &'static str,
    pub is_noun: bool,
    pub lemma: String,
    pub subject: Role,
    pub object: Role,
    pub participle: bool,
    pub modality: Option<&'static str>,
    pub penalty: Option<String>,
    /// What the event needs to be written (`needs=` in triggers.tsv):
    /// `state_agent`, `civic_context`, `human_target` ("picked up" needs
    /// a state agent: "picked up an award" is no arrest).
    pub needs: Vec<&'static str>,
    /// The noun names an offence ("unlawful assembly", `offence=1`): after
    /// "for", "with" or "of" it is the ground of proceedings, no event.
    pub offence: bool,
}

impl Trigger {
    /// How records name the entry: "surface (lemma)".
    pub fn entry_name(&self) -> String {
        format!("{} ({})", self.surface, self.lemma)
    }
}

/// The evidence a trigger entry may require (`needs=`).
pub const NEEDS: &[&str] = &[
    "state_agent",
    "civic_context",
    "human_target",
    "media",
    "organisation",
    "offence",
    "violence",
    "assembly",
    "held",
];

/// A trigger found in a text.
#[derive(Clone, Copy, Debug)]
pub struct TriggerMatch {
    pub span: ByteSpan,
    /// Index into [`EventLexicon::trigger`].
    pub trigger: usize,
    /// Another reading of the same surface with the other form (noun/verb).
    pub alternative: Option<usize>,
}

pub struct EventLexicon {
    triggers: PhraseMatcher,
    parsed: Vec<Option<Trigger>>,
    /// Per trigger entry, its pattern if its surface has slots
    /// (`patterns.rs`).
    patterns: Vec<Option<SlotPattern>>,
    /// The anchors of the patterns, and the entry of each: none when no
    /// entry is a pattern (the shipped lists have none).
    anchors: Option<(PhraseMatcher, Vec<usize>)>,
    /// The named rules (`rules.tsv`: guards, dating checks) a user's folder
    /// switched off; empty unless one did.
    pub disabled_rules: Vec<String>,
    pub cues: Cues,
    pub agents: PhraseMatcher,
    pub descriptors: PhraseMatcher,
    pub numbers: crate::tag::numbers::NumberWords,
    /// The canonical name of each country code (`countries.tsv`), for
    /// places: a record names a country, never just its code.
    pub country_names: rustc_hash::FxHashMap<String, String>,
    /// The categories trackers file events under (`categories.tsv`).
    pub categories: super::categories::CategoryTable,
}

/// Cue words by kind (see the header of `event_cues.tsv`).
/// Flags of the context lists in [`Cues::context_domains`].
pub mod domain {
    pub const CIVIC: u8 = 1;
    pub const MARKETS: u8 = 1 << 1;
    pub const SPORT: u8 = 1 << 2;
    pub const DISASTER: u8 = 1 << 3;
    pub const PUBLICATION: u8 = 1 << 4;
}

pub struct Cues {
    pub negation: Lexicon<()>,
    pub potential: Lexicon<()>,
    pub passive: Lexicon<()>,
    pub adverb: Lexicon<()>,
    pub pronoun: Lexicon<Option<u64>>,
    pub clause: Lexicon<()>,
    pub reporting: Lexicon<()>,
    pub generic: Lexicon<()>,
    pub modifier: Lexicon<()>,
    pub org_place: Lexicon<()>,
    pub habitual: Lexicon<()>,
    pub protest_noun: Lexicon<()>,
    /// Words for crowds and protesters ("crowd", "demonstrators"): with
    /// `protest_noun`, what `needs=assembly` looks for.
    pub crowd_noun: Lexicon<()>,
    /// Words that make the next word a noun ("the will", "his will").
    pub determiner: Lexicon<()>,
    /// Cue words that are also nouns (`noun=1`): no cues after a determiner.
    pub noun_homograph: Lexicon<()>,
    /// First words of a conditional sentence ("If", "Unless").
    pub conditional: Lexicon<()>,
    /// Nouns of a use of force ("firing", "lathi-charge"): "killed in police
    /// firing" names the police as the agent.
    pub force_noun: Lexicon<()>,
    /// Verbs of a use of force ("fired", "opened"): "killed when the police
    /// fired" names the police as the agent.
    pub force_verb: Lexicon<()>,
    /// Verbs of speaking about, answering or preventing an act
    /// ("condemned", "denied", "prevented"): "officials condemned the
    /// attacks" names no attacker.
    pub response_verb: Lexicon<()>,
    /// Adjectives of judgement before "to" and a verb ("it was absurd to
    /// charge farmers"): the act is weighed, not reported.
    pub evaluative: Lexicon<()>,
    /// Units of money and measure after a number ("20,000 dollars",
    /// "15,000 tonnes"): the number counts no people.
    pub unit: Lexicon<()>,
    /// Animals ("cattle", "oxen", "dogs"): a killing or injury of animals
    /// is no event against people.
    pub animal: Lexicon<()>,
    /// Verbs of holding a gathering ("held", "staged", "took place"): a
    /// protest word beside one has no other sense.
    pub held_event: Lexicon<()>,
    /// Verbs of claims that are civic context after "to" ("to demand").
    pub civic_infinitive: Lexicon<()>,
    /// Words for people taking part in a protest ("protesters"): force or
    /// arrests against them imply their protest.
    pub protest_participant: Lexicon<()>,
    /// Words of direction or intent before "to" and a verb trigger
    /// ("orders to arrest"): the act is to be done.
    pub directive: Lexicon<()>,
    /// Nouns of a power or right before "to" and a verb trigger ("powers
    /// to arrest"): a statement of law or power, not an event.
    pub power_noun: Lexicon<()>,
    /// Words for a group that acts ("gang", "militia", "forces"): right
    /// before a participle, its subject ("a youth group attacked members").
    pub group_noun: Lexicon<()>,
    /// Words that move a sentence away from the day of the one before
    /// ("later", "subsequently").
    pub time_shift: Lexicon<()>,
    /// A date right after these is a limit, not the event's day ("remanded
    /// until 5 May").
    pub date_limit: Lexicon<()>,
    /// Among the five words before a date: the event comes before it
    /// ("ahead of Constitution Day on 3rd September").
    pub ahead: Lexicon<()>,
    /// Words that mark a further incident of a kind already reported
    /// ("also", "another", "other"): no restatement.
    pub further: Lexicon<()>,
    /// Nouns of media outlets and websites ("newspaper", "website"): what
    /// `needs=media` looks for.
    pub media_noun: Lexicon<()>,
    /// Nouns of organisations ("NGO", "party"): what `needs=organisation`
    /// looks for.
    pub organisation_noun: Lexicon<()>,
    /// Words of offences ("fraud", "murder", "extorting"): what
    /// `needs=offence` asks of "accused of", "charged with".
    pub offence_word: Lexicon<()>,
    /// Words of violence ("shot", "wounds", "machetes"): what
    /// `needs=violence` asks of "died", "found dead" in their sentence.
    pub violence_word: Lexicon<()>,
    /// Places where people live or gather ("village", "camp", "church"):
    /// an attack on one is an attack on people.
    pub inhabited_place: Lexicon<()>,
    /// Things released that are no publication of a domain ("statement",
    /// "footage"): a release next to one is a release of a thing.
    pub published_thing: Lexicon<()>,
    /// Words of contests ("election", "match", "award"): an assault or
    /// killing word before one is a contest ("beat her rival in the
    /// election").
    pub contest: Lexicon<()>,
    /// Last words of company names ("Inc", "Ltd"): a company is no
    /// organisation for `needs=organisation`.
    pub company_suffix: Lexicon<()>,
    /// Causes of death and injury that are no one's act ("earthquake",
    /// "flooding"): `guard.natural_cause`.
    pub natural_cause: Lexicon<()>,
    /// Words that make a participle a state ("currently detained").
    pub status: Lexicon<()>,
    /// After a noun trigger: it is scheduled, not held ("the hearing is
    /// scheduled for").
    pub scheduled: Lexicon<()>,
    /// Before "hearing" or "trial": not a court's ("Senate committee
    /// hearing", "clinical trials").
    pub non_court: Lexicon<()>,
    /// (trigger lemma, next word) pairs that give the trigger another
    /// sense (`object_sense`: "gather support", "strike out",
    /// "demonstration of").
    pub object_sense: std::collections::HashSet<(String, String)>,
    /// (trigger lemma, previous word) pairs that give the trigger another
    /// sense (`preceding_sense`: "in charge", "air strike").
    pub preceding_sense: std::collections::HashSet<(String, String)>,
    /// Words of custody: a release near one is from custody.
    pub custody: Lexicon<()>,
    /// Before a charge noun: the charge is only the ground of another act
    /// ("pleaded guilty to fraud charges", "denies the charges").
    pub charge_ground: Lexicon<()>,
    /// Before a penalty noun: the penalty is what a law provides ("carry
    /// sentences of up to 20 years").
    pub penalty_potential: Lexicon<()>,
    /// Words of talk, plans and figures: an attack on one is verbal.
    pub abstract_noun: Lexicon<()>,
    /// A date after these and "to"/"for"/"until" is the new date of a
    /// deferred event ("the hearing was adjourned to 3 December").
    pub deferral: Lexicon<()>,
    /// Words for people (`person_descriptors.tsv`, kinds `human` and
    /// `descriptor`): evidence of a human participant.
    pub human: Lexicon<()>,
    /// Trigger surfaces and lemmas with common senses outside civic space,
    /// with where those senses live (`senses=`: "general", or domains).
    pub ambiguous_trigger: Lexicon<String>,
    /// The same for entries that name a surface only (`surface=1`).
    pub ambiguous_surface: Lexicon<String>,
    /// Words of the legal, security and civic domain.
    pub context_civic: Lexicon<()>,
    /// Words of other domains: markets, sport, disasters and accidents,
    /// publications and products.
    pub context_finance: Lexicon<()>,
    pub context_sport: Lexicon<()>,
    pub context_disaster: Lexicon<()>,
    pub context_publication: Lexicon<()>,
    /// The five lists above as one table: per word, the [`domain`] flags of
    /// the lists that hold it (one lookup per word of a whole document).
    pub context_domains: Lexicon<u8>,
    /// Penalty words: kind → phrases.
    pub penalty_words: PhraseMatcher,
    pub phrases: PhraseMatcher,
}

fn event_type(name: &str) -> Option<&'static str> {
    EVENT_TYPES.iter().copied().find(|t| *t == name)
}

fn role(value: Option<&str>, default: Role) -> Role {
    match value {
        Some("agent") => Role::Agent,
        Some("target") => Role::Target,
        Some("none") => Role::None,
        _ => default,
    }
}

fn parse_trigger(index: usize, entry: &Entry) -> Option<Trigger> {
    let event_type = event_type(&entry.canonical)?;
    let is_noun = entry.kind == "noun";
    let modality = match entry.attr("modality") {
        Some("potential") => Some("potential"),
        Some("negated") => Some("negated"),
        _ => None,
    };
    Some(Trigger {
        entry: index,
        surface: entry.surface.clone(),
        event_type,
        is_noun,
        lemma: entry.attr("lemma").unwrap_or(&entry.surface).to_string(),
        subject: role(
            entry.attr("subject"),
            if is_noun { Role::None } else { Role::Agent },
        ),
        object: role(
            entry.attr("object"),
            if is_noun { Role::None } else { Role::Target },
        ),
        participle: entry.flag("participle"),
        offence: entry.flag("offence"),
        modality,
        penalty: entry.attr("penalty").map(str::to_string),
        needs: entry
            .attr("needs")
            .unwrap_or("")
            .split(',')
            .filter_map(|n| NEEDS.iter().find(|k| **k == n.trim()).copied())
            .collect(),
    })
}

/// The rules of the shipped `rules.tsv` that the loaded one lacks: those a
/// user's `!` lines switched off.
fn disabled_rules(gazetteers: &Gazetteers) -> Vec<String> {
    let loaded: std::collections::HashSet<&str> = gazetteers
        .list("rules")
        .iter()
        .map(|e| e.surface.as_str())
        .collect();
    Gazetteers::embedded()
        .map(|shipped| {
            shipped
                .list("rules")
                .iter()
                .filter(|e| !loaded.contains(e.surface.as_str()))
                .map(|e| e.surface.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Country code to canonical country name: the first `country` entry of
/// each code.
fn country_names(gazetteers: &Gazetteers) -> rustc_hash::FxHashMap<String, String> {
    let mut names = rustc_hash::FxHashMap::default();
    for entry in gazetteers.kind("countries", "country") {
        if let Some(cc) = entry.attr("cc") {
            names
                .entry(cc.to_string())
                .or_insert_with(|| entry.canonical.clone());
        }
    }
    names
}

impl EventLexicon {
    pub fn new(gazetteers: &Gazetteers) -> Result<EventLexicon, BuildError> {
        let entries = gazetteers.list("triggers");
        // A pattern that does not parse was refused at loading (strict
        // loading, `gazetteer::schema`); here it is simply none.
        let patterns: Vec<Option<SlotPattern>> = entries
            .iter()
            .map(|e| {
                is_pattern(&e.surface)
                    .then(|| SlotPattern::parse(&e.surface).ok())
                    .flatten()
            })
            .collect();
        let anchor_entries: Vec<(Entry, usize)> = patterns
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let anchor = p.as_ref()?.anchor().to_string();
                Some((
                    Entry {
                        surface: anchor,
                        ..entries[i].clone()
                    },
                    i,
                ))
            })
            .collect();
        let anchors = if anchor_entries.is_empty() {
            None
        } else {
            Some((
                PhraseMatcher::new(
                    "the trigger pattern anchors",
                    "triggers.tsv",
                    anchor_entries.iter().map(|(e, _)| e),
                )?,
                anchor_entries.iter().map(|(_, i)| *i).collect(),
            ))
        };
        let parsed = entries
            .iter()
            .enumerate()
            .map(|(i, e)| parse_trigger(i, e))
            .collect();
        let cue = |kind: &'static str| Lexicon::of_entries(gazetteers.kind("event_cues", kind));
        let counted = |kind: &'static str| {
            Lexicon::new(
                gazetteers
                    .kind("event_cues", kind)
                    .map(|e| (e.surface.as_str(), e.canonical.parse::<u64>().ok())),
            )
        };
        let penalty_kinds = [
            "prison",
            "restricted_freedom",
            "community_service",
            "travel_ban",
            "death",
            "life",
            "other",
            "suspended",
            "bound_up_to",
            "bound_at_least",
        ];
        let context_civic = cue("context_civic");
        let context_finance = cue("context_finance");
        let context_sport = cue("context_sport");
        let context_disaster = cue("context_disaster");
        let context_publication = cue("context_publication");
        let context_domains = Lexicon::flags_of(&[
            (&context_civic, domain::CIVIC),
            (&context_finance, domain::MARKETS),
            (&context_sport, domain::SPORT),
            (&context_disaster, domain::DISASTER),
            (&context_publication, domain::PUBLICATION),
        ]);
        let cues = Cues {
            negation: cue("negation"),
            potential: cue("potential"),
            passive: cue("passive"),
            adverb: cue("adverb"),
            pronoun: counted("pronoun"),
            clause: cue("clause"),
            reporting: cue("reporting"),
            generic: cue("generic"),
            modifier: cue("modifier"),
            org_place: cue("org_place"),
            habitual: cue("habitual"),
            protest_noun: cue("protest_noun"),
            crowd_noun: cue("crowd_noun"),
            determiner: cue("determiner"),
            conditional: cue("conditional"),
            force_noun: cue("force_noun"),
            force_verb: cue("force_verb"),
            response_verb: cue("response_verb"),
            evaluative: cue("evaluative"),
            unit: cue("unit"),
            animal: cue("animal"),
            held_event: cue("held_event"),
            civic_infinitive: cue("civic_infinitive"),
            protest_participant: cue("protest_participant"),
            directive: cue("directive"),
            power_noun: cue("power_noun"),
            group_noun: cue("group_noun"),
            time_shift: cue("time_shift"),
            date_limit: cue("date_limit"),
            ahead: cue("ahead"),
            further: cue("further"),
            media_noun: cue("media_noun"),
            organisation_noun: cue("organisation_noun"),
            offence_word: cue("offence_word"),
            violence_word: cue("violence_word"),
            inhabited_place: cue("inhabited_place"),
            published_thing: cue("published_thing"),
            contest: cue("contest"),
            company_suffix: cue("company_suffix"),
            natural_cause: cue("natural_cause"),
            status: cue("status"),
            scheduled: cue("scheduled"),
            non_court: cue("non_court"),
            object_sense: gazetteers
                .kind("event_cues", "object_sense")
                .map(|e| (e.canonical.to_lowercase(), e.surface.to_lowercase()))
                .collect(),
            preceding_sense: gazetteers
                .kind("event_cues", "preceding_sense")
                .map(|e| (e.canonical.to_lowercase(), e.surface.to_lowercase()))
                .collect(),
            custody: cue("custody"),
            charge_ground: cue("charge_ground"),
            penalty_potential: cue("penalty_potential"),
            abstract_noun: cue("abstract_noun"),
            deferral: cue("deferral"),
            human: Lexicon::of_entries(
                gazetteers
                    .kind("person_descriptors", "human")
                    .chain(gazetteers.kind("person_descriptors", "descriptor")),
            ),
            ambiguous_trigger: Lexicon::new(
                gazetteers
                    .kind("event_cues", "ambiguous_trigger")
                    .filter(|e| !e.flag("surface"))
                    .map(|e| {
                        (
                            e.surface.as_str(),
                            e.attr("senses").unwrap_or("general").to_string(),
                        )
                    }),
            ),
            ambiguous_surface: Lexicon::new(
                gazetteers
                    .kind("event_cues", "ambiguous_trigger")
                    .filter(|e| e.flag("surface"))
                    .map(|e| {
                        (
                            e.surface.as_str(),
                            e.attr("senses").unwrap_or("general").to_string(),
                        )
                    }),
            ),
            context_civic,
            context_finance,
            context_sport,
            context_disaster,
            context_publication,
            context_domains,
            noun_homograph: Lexicon::of_entries(
                gazetteers
                    .list("event_cues")
                    .iter()
                    .filter(|e| e.flag("noun")),
            ),
            penalty_words: PhraseMatcher::new(
                "the penalty words",
                "event_cues.tsv",
                gazetteers
                    .list("event_cues")
                    .iter()
                    .filter(|e| penalty_kinds.contains(&e.kind.as_str())),
            )?,
            phrases: PhraseMatcher::new(
                "the event cue phrases",
                "event_cues.tsv",
                gazetteers.list("event_cues").iter().filter(|e| {
                    matches!(
                        e.kind.as_str(),
                        "negation" | "potential" | "not_event" | "group" | "aggregate_period"
                    )
                }),
            )?,
        };
        Ok(EventLexicon {
            triggers: PhraseMatcher::new("the trigger automaton", "triggers.tsv", entries)?,
            patterns,
            anchors,
            disabled_rules: disabled_rules(gazetteers),
            parsed,
            cues,
            agents: PhraseMatcher::new(
                "the state agent automaton",
                "state_agents.tsv",
                gazetteers.list("state_agents"),
            )?,
            descriptors: crate::gazetteer::descriptor_matcher(gazetteers)?,
            numbers: crate::tag::numbers::NumberWords::new(gazetteers),
            country_names: country_names(gazetteers),
            categories: super::categories::CategoryTable::new(gazetteers),
        })
    }

    pub fn trigger(&self, index: usize) -> Option<&Trigger> {
        self.parsed.get(index).and_then(Option::as_ref)
    }

    pub fn entry(&self, index: usize) -> &Entry {
        self.triggers.entry(index)
    }

    /// Whether any trigger entry is a pattern.
    pub fn has_patterns(&self) -> bool {
        self.anchors.is_some()
    }

    /// The pattern of a trigger entry, if its surface has slots.
    pub fn pattern(&self, index: usize) -> Option<&SlotPattern> {
        self.patterns.get(index).and_then(Option::as_ref)
    }

    /// Trigger matches in a text: leftmost-longest; where a surface is both
    /// a noun and a verb, both readings are kept for the context to decide.
    pub fn find_triggers(&self, text: &str) -> Vec<TriggerMatch> {
        self.find_triggers_in(text, &Tokens::new(text))
    }

    /// [`EventLexicon::find_triggers`] with the tokens of `text` computed.
    pub fn find_triggers_in(&self, text: &str, tokens: &Tokens) -> Vec<TriggerMatch> {
        let mut out: Vec<TriggerMatch> = Vec::new();
        for m in self.triggers.find_in(text, tokens) {
            // A pattern is found by its anchor, below.
            if self.trigger(m.entry).is_none() || self.pattern(m.entry).is_some() {
                continue;
            }
            match out.last_mut() {
                Some(last) if last.span == m.span => {
                    if last.alternative.is_none() {
                        last.alternative = Some(m.entry);
                    }
                }
                _ => out.push(TriggerMatch {
                    span: m.span,
                    trigger: m.entry,
                    alternative: None,
                }),
            }
        }
        if let Some((anchors, entry_of)) = &self.anchors {
            let found = anchors.find_in(text, tokens);
            if !found.is_empty() {
                out.extend(found.into_iter().map(|m| TriggerMatch {
                    span: m.span,
                    trigger: entry_of[m.entry],
                    alternative: None,
                }));
                out.sort_by_key(|t| (t.span.start, t.span.end));
            }
        }
        out
    }
}
