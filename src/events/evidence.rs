//! Evidence and confidence: what supports an event record, and how much.
//!
//! Most news is not about civic space, and many trigger words have other
//! senses ("prices rallied", "a $5m charge against earnings", "the album's
//! release", "beat the top seed", "the quake killed 30"). An event record is
//! a claim a tracker acts on, so each one says what supports it and how
//! strongly, and records below a threshold are not written.
//!
//! # Evidence
//!
//! Each item is read from the event and the sentence of its trigger. The
//! word lists are data: `event_cues.tsv` (kinds `ambiguous_trigger` and
//! `context_*`) and `person_descriptors.tsv` (kinds `descriptor` and
//! `human`).
//!
//! 1. `specific_trigger`: the trigger's surface or lemma has no common other sense
//!    ("detain", "sentence to"), or has one only in a domain the sentence
//!    is not in ("kill" outside a disaster); "release", "charge", "attack"
//!    have one anywhere (`ambiguous_trigger`, `senses=general`). A protest
//!    word with a verb of holding a gathering within
//!    [`HELD_EVENT_WINDOW`] words (`held_event` cues: "a protest was
//!    held", "staged a protest", "protests took place") is specific too.
//! 2. `named_target`: a target named as a person or an organisation.
//! 3. `human_target`: some target (named, counted, described, a pronoun),
//!    or a word for people ("villagers", "a farmer"), a person's name or a
//!    counted group within [`HUMAN_WINDOW`] words of the trigger, or (for
//!    violence: assault, killing, ill-treatment) a personal pronoun or a
//!    place where people live or gather (`inhabited_place` cues: "attacked
//!    the village") among the four words after it.
//! 4. `state_agent`: an agent of kind `state`, or a state agent named in
//!    the sentence ("police", "the court").
//! 5. `civic_context`: a word of the legal, security or civic domain in the
//!    sentence, other than the trigger's own ("court", "custody",
//!    "protesters"), or a verb of claims after "to" (`civic_infinitive`
//!    cues: "gathered to demand lower fees").
//! 6. `date`, `place`: the event has a date; its sentence names a place.
//! 7. `other_domain`: unless the sentence has civic context, it reads as
//!    markets ("shares", "earnings"), sport ("match", "season", a score such
//!    as "6-3"), a disaster or an accident ("earthquake", "crash") or a
//!    publication or product ("album", "figures"). A sentence with no such
//!    words and no state agent takes the domain of its document, when one
//!    domain has at least [`DOCUMENT_DOMAIN_WORDS`] words in it and that
//!    many more than the civic domain ("played a part in the rally" in a
//!    report of oil prices). In such a document, a trigger with a sense of
//!    its domain also needs a target, a word for people or a state agent
//!    beside the civic words ("fears about terrorism played a part in the
//!    rally").
//! 8. `unmet:N`: the trigger entry says what it needs (`needs=` in
//!    `triggers.tsv`) and the event lacks it; such an event scores 0:
//!    - `state_agent` ("picked up an award" is no arrest without one);
//!    - `civic_context`, met by a state agent or a civic document too;
//!    - `human_target`;
//!    - `media`: a media outlet or website (`media_noun` cues or a media
//!      organisation's name) within six words of the trigger, or before a
//!      passive trigger in its sentence;
//!    - `organisation`: an organisation there (`organisation_noun` cues or
//!      the name of one that is not a company);
//!    - `offence`: a word of an offence within six words after the trigger
//!      (`offence_word` cues), or civic context ("accused of fraud", not
//!      "accused of panic");
//!    - `assembly`: a word of a protest or a crowd in the sentence
//!      (`protest_noun` and `crowd_noun` cues: "police cordoned off the
//!      square before the march", "broke up the crowd"; not "cordoned off
//!      the district after a shooting", "the firm is being broken up");
//!    - `held`: someone held: a target (named, counted, described, a
//!      pronoun), a word for people or a pronoun within [`HELD_WINDOW`] words
//!      on the target's side of the trigger ("the man was released", "the
//!      release of a villager"), an arrest reported before it in the
//!      document, a word of custody in the sentence (`custody` cues) or a
//!      state agent ("they were released on bail", "police freed three";
//!      not "the game was released in November");
//!    - `violence`: a word of violence in the sentence (`violence_word`
//!      cues), or a violent event (assault, ill-treatment, killing, arrest;
//!      confidence 0.6 or more) within two sentences ("gunmen shot
//!      three drivers; two died", not "he died of cancer").
//!
//! # Confidence
//!
//! A sum of weights, clamped to [0, 1]:
//!
//! | evidence | weight |
//! | --- | --- |
//! | (base) | 0.25 |
//! | `specific_trigger` | +0.25 |
//! | `human_target` | +0.15 (+0.20 when `named_target`) |
//! | `state_agent` | +0.15 |
//! | `civic_context` | +0.20 |
//! | `date` | +0.10 |
//! | `place` | +0.05 |
//! | `civic_document`: another event of the document scores at least 0.75 on its own, with a specific trigger, and not a death that needs violence nearby (`needs=violence`) | +0.15 |
//! | `domain_sense`: the trigger has a sense in `other_domain` | −0.40 |
//!
//! So "Police detained two activists" (specific, human, state, and
//! "activists" as civic context) scores 1.0; "X was arrested on Monday"
//! 0.75; "the strike" alone (ambiguous, nothing else) 0.25; "bonds rallied"
//! with a market word 0. An ambiguous trigger needs two kinds of support
//! ("a strike by dockworkers, the union said": human, civic: 0.6). Events below [`DEFAULT_MIN_CONFIDENCE`] are dropped unless
//! the user sets another threshold (`--min-confidence`).

use crate::document::ByteSpan;
use crate::events::lexicon::EventLexicon;
use crate::events::Event;
use crate::gazetteer::Lexicon;
use crate::tag::{Mention, MentionKind};
use crate::tokens::Tokens;

/// The threshold below which events are not written, by default.
pub const DEFAULT_MIN_CONFIDENCE: f64 = 0.5;

/// How many words on either side of a protest word a verb of holding it
/// may stand ("a protest was held").
pub const HELD_EVENT_WINDOW: usize = 3;

/// How many words on either side of a trigger a word for people counts as
/// its participant.
pub const HUMAN_WINDOW: usize = 12;

/// What supports one event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    pub specific_trigger: bool,
    pub named_target: bool,
    pub human_target: bool,
    pub state_agent: bool,
    pub civic_context: bool,
    pub date: bool,
    pub place: bool,
    /// The other domain the sentence reads as, if any.
    pub other_domain: Option<&'static str>,
    /// The trigger has a sense in that domain ("rally" in markets, "kill"
    /// in a disaster).
    pub domain_sense: bool,
    /// The first requirement of the trigger entry (`needs=`) that the
    /// event does not meet: it is then not written (confidence 0).
    pub unmet: Option<&'static str>,
    /// A media outlet or website is named within [`OUTLET_WINDOW`] words of
    /// the trigger (`media_noun` cues): what `needs=media` asks of "shut
    /// down", "blocked" ("a court blocked the merger" is no censorship).
    pub media: bool,
    /// An organisation is named there (`organisation_noun` cues, or an
    /// organisation's name that is not a company's: `company_suffix` cues):
    /// what `needs=organisation` asks of "close down", "ban".
    pub organisation: bool,
    /// A word of an offence stands within [`OUTLET_WINDOW`] words after the
    /// trigger (`offence_word` cues): what `needs=offence` asks of "accused
    /// of", "charged with" ("accused of fraud", not "accused of panic").
    pub offence: bool,
    /// A word of violence stands in the sentence (`violence_word` cues), or
    /// a violent event (assault, ill-treatment, killing, arrest) of the
    /// document with confidence [`VIOLENT_SUPPORT`] or more stands within
    /// [`VIOLENCE_SENTENCES`] sentences of it: what `needs=violence` asks of "died", "found dead" ("gunmen shot
    /// three drivers; two died", not "died of cancer aged 84").
    pub violence: bool,
    /// Another event of the document is clear ([`CLEAR_EVENT`]): the
    /// document is about civic space or crime, and its other triggers
    /// likely have that sense ("They were later released").
    pub civic_document: bool,
    /// A word of a protest or a crowd stands in the sentence (`protest_noun`
    /// and `crowd_noun` cues): what `needs=assembly` asks of "cordoned off",
    /// "broke up".
    pub assembly: bool,
    /// Someone is held: the event has a target (named, counted or
    /// described), people stand on the target's side of the trigger
    /// ([`HELD_WINDOW`]), or its sentence holds a word of custody
    /// (`custody` cues: "prison", "bail", "hostages"); an arrest earlier in
    /// the document or a state agent does too. What `needs=held` asks of
    /// "released", "freed" ("the game was released in November", "they
    /// have released a single" hold no one).
    pub held: bool,
}

/// How many words around a trigger an outlet or organisation may stand
/// (`needs=media`, `needs=organisation`).
pub const OUTLET_WINDOW: usize = 6;

/// How many words on the target's side of a release a word for people
/// may stand (`needs=held`).
pub const HELD_WINDOW: usize = 4;

/// How many sentences before or after a death a violent event may stand
/// (`needs=violence`).
pub const VIOLENCE_SENTENCES: usize = 2;

/// The confidence a violent event needs to make a death nearby a killing.
pub const VIOLENT_SUPPORT: f64 = 0.6;

/// The event types that make a death nearby a killing (`needs=violence`).
const VIOLENT_TYPES: &[&str] = &["assault", "ill_treatment", "killing", "arrest"];

/// The confidence of a clear event, which makes its document a civic one.
pub const CLEAR_EVENT: f64 = 0.75;

impl Evidence {
    /// The confidence of the module header's table.
    pub fn confidence(&self) -> f64 {
        if self.unmet.is_some() {
            return 0.0;
        }
        // The weights of the module header's table.
        let weights = [
            (true, 0.25),
            (self.specific_trigger, 0.25),
            (self.named_target, 0.20),
            (self.human_target && !self.named_target, 0.15),
            (self.state_agent, 0.15),
            (self.civic_context, 0.20),
            (self.date, 0.10),
            (self.place, 0.05),
            (self.civic_document, 0.15),
            (self.domain_sense, -0.40),
        ];
        let c: f64 = weights.iter().filter(|(on, _)| *on).map(|(_, w)| w).sum();
        // Two decimals: the figure is a score, not a measurement.
        (c.clamp(0.0, 1.0) * 100.0).round() / 100.0
    }

    /// The names of the evidence present, for the record ("human_target",
    /// "other_domain:sport").
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = [
            (self.specific_trigger, "specific_trigger"),
            (self.named_target, "named_target"),
            (self.human_target, "human_target"),
            (self.state_agent, "state_agent"),
            (self.civic_context, "civic_context"),
            (self.date, "date"),
            (self.place, "place"),
            (self.civic_document, "civic_document"),
        ]
        .iter()
        .filter(|(present, _)| *present)
        .map(|(_, name)| name.to_string())
        .collect();
        if let Some(domain) = self.other_domain {
            names.push(format!("other_domain:{domain}"));
        }
        if let Some(need) = self.unmet {
            names.push(format!("unmet:{need}"));
        }
        names
    }
}

/// Sets the evidence and confidence of every event of a document: each on
/// its own first, then `civic_document` for the others of a document with
/// a clear event. `doc_words` are the words of the whole text
/// ([`Tokens::words`]).
pub fn assess_document(
    events: &mut [Event],
    text: &str,
    tokens: &Tokens,
    doc_words: &[(ByteSpan, &str)],
    sentences: &[ByteSpan],
    mentions: &[Mention],
    lexicon: &EventLexicon,
) {
    // The document is read only when a trigger has a sense in some domain.
    let document_domain = if events
        .iter()
        .any(|e| senses_of(e, &lexicon.cues).is_some_and(|s| s != "general"))
    {
        document_domain(doc_words, &lexicon.cues)
    } else {
        None
    };
    for event in events.iter_mut() {
        let sentence = sentences
            .get(event.sentence)
            .copied()
            .unwrap_or(event.trigger);
        event.evidence = assess(
            event,
            (text, tokens),
            &tokens.words_within(text, doc_words, sentence),
            sentence,
            mentions,
            lexicon,
            document_domain,
        );
        event.confidence = event.evidence.confidence();
    }
    // A death that needs violence nearby ("died") makes no document civic
    // on its own.
    let clear: Vec<bool> = events
        .iter()
        .map(|e| {
            e.evidence.specific_trigger
                && e.confidence >= CLEAR_EVENT
                && !e.needs.contains(&"violence")
        })
        .collect();
    // Violent events with support beyond their trigger ("the couple were
    // hit by tragedy", 0.5, is not one).
    // The sentences of violent events, in order: each event looks up the
    // few near its own (a long document has thousands of events).
    let mut violent: Vec<(usize, usize)> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            VIOLENT_TYPES.contains(&e.event_type)
                && !e.needs.contains(&"violence")
                && e.confidence >= VIOLENT_SUPPORT
        })
        .map(|(i, e)| (e.sentence, i))
        .collect();
    violent.sort_unstable();
    let clear_count = clear.iter().filter(|&&c| c).count();
    let first_arrest = events
        .iter()
        .filter(|e| e.event_type == "arrest" && e.modality == "asserted")
        .map(|e| e.sentence)
        .min();
    for (i, event) in events.iter_mut().enumerate() {
        let sentence = event.sentence;
        let evidence = &mut event.evidence;
        evidence.civic_document = clear_count > usize::from(clear[i]);
        let from = violent.partition_point(|&(s, _)| s + VIOLENCE_SENTENCES < sentence);
        evidence.violence |= violent[from..]
            .iter()
            .take_while(|&&(s, _)| s <= sentence + VIOLENCE_SENTENCES)
            .any(|&(_, j)| j != i);
        // The trigger entry's requirements; a civic document is civic
        // context enough ("The hearing lasted ten minutes").
        let civic = evidence.civic_context || evidence.state_agent || evidence.civic_document;
        // "... were arrested on Monday. They had been released by
        // evening": someone held earlier in the document.
        evidence.held |= first_arrest.is_some_and(|s| s <= sentence);
        evidence.unmet = event.needs.iter().copied().find(|need| match *need {
            "state_agent" => !evidence.state_agent,
            "civic_context" => !civic,
            "human_target" => !evidence.human_target,
            "media" => !evidence.media,
            "organisation" => !evidence.organisation,
            "offence" => !evidence.offence && !evidence.civic_context,
            "violence" => !evidence.violence,
            "assembly" => !evidence.assembly,
            "held" => !evidence.held && !evidence.state_agent,
            _ => false,
        });
        event.confidence = event.evidence.confidence();
    }
}

/// How many words of one other domain a document needs, and by how many
/// they must outnumber its civic words, to read as a report of that domain.
pub const DOCUMENT_DOMAIN_WORDS: usize = 4;

/// The domain a whole document (its words) reads as (rule 7): the other domain with the
/// most words, when it has at least [`DOCUMENT_DOMAIN_WORDS`] and at least
/// that many more than the civic domain ("Instability in Iraq has played a
/// part in the rally" in a report of oil prices).
pub fn document_domain(
    doc_words: &[(ByteSpan, &str)],
    cues: &crate::events::lexicon::Cues,
) -> Option<&'static str> {
    use crate::events::lexicon::domain;
    let domains: [(&'static str, u8); 4] = [
        ("markets", domain::MARKETS),
        ("sport", domain::SPORT),
        ("disaster", domain::DISASTER),
        ("publication", domain::PUBLICATION),
    ];
    let mut counts = [0usize; 4];
    let mut civic = 0usize;
    for (_, word) in doc_words {
        let Some(&flags) = cues.context_domains.get(word) else {
            continue;
        };
        if flags & domain::CIVIC != 0 {
            civic += 1;
        }
        for ((_, flag), count) in domains.iter().zip(counts.iter_mut()) {
            if flags & flag != 0 {
                *count += 1;
            }
        }
    }
    let (best, &count) = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| (**c, usize::MAX - i))?;
    (count >= DOCUMENT_DOMAIN_WORDS && count >= civic + DOCUMENT_DOMAIN_WORDS)
        .then_some(domains[best].0)
}

/// Reads the evidence of `event`, whose trigger stands in `sentence` (of
/// which `words` are the words for reading, [`Tokens::words`]);
/// `document_domain` is what the whole document reads as
/// ([`document_domain`]), taken when the sentence reads as no domain of its
/// own and names no state agent.
#[allow(clippy::too_many_arguments)]
pub fn assess(
    event: &Event,
    (text, tokens): (&str, &Tokens),
    words: &[(ByteSpan, &str)],
    sentence: ByteSpan,
    mentions: &[Mention],
    lexicon: &EventLexicon,
    document_domain: Option<&'static str>,
) -> Evidence {
    let cues = &lexicon.cues;
    let lower: Vec<std::borrow::Cow<str>> = words
        .iter()
        .map(|(_, w)| crate::tokens::lower_case(w))
        .collect();
    let trigger_word = words
        .iter()
        .position(|(s, _)| s.end > event.trigger.start)
        .unwrap_or(0);
    let near =
        trigger_word.saturating_sub(HUMAN_WINDOW)..(trigger_word + HUMAN_WINDOW).min(words.len());
    let window = window_span(words, trigger_word).unwrap_or(event.trigger);
    let sentence_mentions = crate::events::within(mentions, |m| m.span, sentence);
    // "beat them", "attacked the village": for violence, a personal pronoun
    // or a place where people live or gather (`inhabited_place` cues) among
    // the four words after the trigger.
    let after_trigger = (trigger_word + 1).min(words.len())..(trigger_word + 5).min(words.len());
    let people_after = matches!(event.event_type, "assault" | "killing" | "ill_treatment")
        && lower[after_trigger].iter().any(|w| {
            matches!(w.as_ref(), "him" | "her" | "them" | "us" | "me")
                || cues.inhabited_place.contains(w)
        });
    let human_word = people_after
        || lower[near].iter().any(|w| cues.human.contains(w))
        || !(lexicon.descriptors.find_within(text, tokens, window)).is_empty()
        || crate::events::within(sentence_mentions, |m| m.span, window)
            .iter()
            .any(|m| matches!(m.kind, MentionKind::Person | MentionKind::Quantity));
    // People on the side of the trigger where its target stands: before a
    // passive ("the man was released"), after an active verb or a noun
    // ("freed him", "the release of a villager").
    let target_side = if event.rule.ends_with(".passive") {
        trigger_word.saturating_sub(HELD_WINDOW)..trigger_word
    } else {
        (trigger_word + 1).min(words.len())..(trigger_word + 1 + HELD_WINDOW).min(words.len())
    };
    let people_on_target_side = words.get(target_side).is_some_and(|side| {
        side.first().zip(side.last()).is_some_and(|(first, last)| {
            let span = ByteSpan::new(first.0.start, last.0.end);
            crate::events::participants::names_people(text, span, sentence_mentions, lexicon)
        })
    });
    let named_target = event
        .targets
        .iter()
        .any(|t| matches!(t.kind, "person" | "organisation"));
    let has_target = !event.targets.is_empty()
        || event.target_count.is_some()
        || event.target_description.is_some();
    let state_agent = event.agents.iter().any(|a| a.kind == "state")
        || (lexicon.agents.find_within(text, tokens, sentence))
            .iter()
            .any(|m| lexicon.agents.entry(m.entry).kind == "state");
    // The trigger's own words are no context ("protest" confirms nothing
    // about itself), and neither are words of a name ("Awami League").
    let in_name = |span: &ByteSpan| {
        sentence_mentions.iter().any(|m| {
            matches!(m.kind, MentionKind::Organisation | MentionKind::Person)
                && m.span.overlaps(span)
        })
    };
    let in_list = |kind: &Lexicon<()>| {
        words
            .iter()
            .zip(&lower)
            .any(|((s, _), w)| !s.overlaps(&event.trigger) && kind.contains(w) && !in_name(s))
    };
    // "gathered to demand lower fees": a verb of claims in the infinitive
    // (`civic_infinitive` cues; "demand for oil" is no claim).
    let claim = lower
        .windows(2)
        .any(|pair| pair[0] == "to" && cues.civic_infinitive.contains(&pair[1]));
    let civic_context = in_list(&cues.context_civic) || claim;
    // A passive trigger's subject may stand further back ("the weekly X,
    // which had published ..., was shut down"): its clause from the start.
    let outlet_from = if event.rule.ends_with(".passive") {
        0
    } else {
        trigger_word.saturating_sub(OUTLET_WINDOW)
    };
    let outlet_near = outlet_from..(trigger_word + OUTLET_WINDOW + 1).min(words.len());
    let media = lower[outlet_near.clone()]
        .iter()
        .any(|w| cues.media_noun.contains(w))
        || words[outlet_near.clone()].iter().any(|(s, _)| {
            sentence_mentions.iter().any(|m| {
                m.kind == MentionKind::Organisation
                    && m.span.overlaps(s)
                    && m.attr("org_kind").and_then(|k| k.as_str()) == Some("media")
            })
        });
    let is_company = |m: &Mention| {
        m.span
            .slice(text)
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .is_some_and(|last| cues.company_suffix.contains(last))
    };
    let organisation = lower[outlet_near.clone()]
        .iter()
        .any(|w| cues.organisation_noun.contains(w))
        || words[outlet_near].iter().any(|(s, _)| {
            sentence_mentions.iter().any(|m| {
                m.kind == MentionKind::Organisation && m.span.overlaps(s) && !is_company(m)
            })
        });
    // Words of the civic domain outweigh those of another ("protests over
    // food prices", "journalists covering a match").
    let senses = senses_of(event, cues);
    let has_sense = |sense: &str| senses.is_some_and(|s| s.split(',').any(|x| x.trim() == sense));
    // In a report of another domain, a trigger with a sense there needs
    // people or a state agent beside a civic word ("fears about terrorism
    // played a part in the rally" in a report of oil prices).
    let civic_in_other_document =
        document_domain.is_some_and(has_sense) && !state_agent && !has_target && !human_word;
    let other_domain = if civic_context && civic_in_other_document {
        document_domain
    } else if civic_context {
        None
    } else if in_list(&cues.context_finance) {
        Some("markets")
    } else if in_list(&cues.context_sport) || has_score(sentence.slice(text)) {
        Some("sport")
    } else if in_list(&cues.context_disaster) {
        Some("disaster")
    } else if in_list(&cues.context_publication) {
        Some("publication")
    } else if state_agent {
        None
    } else {
        document_domain
    };
    // "a protest was held", "staged a protest", "protests took place": a
    // verb of holding a gathering beside a protest word leaves it no other
    // sense (`held_event` cues, within three words in its sentence).
    let held_protest = event.event_type == "protest"
        && !other_domain.is_some_and(has_sense)
        && lower[trigger_word.saturating_sub(HELD_EVENT_WINDOW)..trigger_word]
            .iter()
            .chain(
                lower
                    .get(trigger_word + 1..(trigger_word + 1 + HELD_EVENT_WINDOW).min(lower.len()))
                    .unwrap_or_default(),
            )
            .any(|w| cues.held_event.contains(w));
    Evidence {
        specific_trigger: senses.is_none()
            || !(has_sense("general") || other_domain.is_some_and(has_sense))
            || held_protest,
        domain_sense: other_domain.is_some_and(has_sense),
        civic_document: false,
        media,
        organisation,
        violence: in_list(&cues.violence_word),
        assembly: in_list(&cues.protest_noun) || in_list(&cues.crowd_noun),
        held: has_target || people_on_target_side || in_list(&cues.custody),
        offence: lower[trigger_word..(trigger_word + OUTLET_WINDOW + 1).min(words.len())]
            .iter()
            .any(|w| cues.offence_word.contains(w)),
        unmet: None,
        named_target,
        human_target: named_target || has_target || human_word,
        state_agent,
        civic_context,
        date: event.date.is_some(),
        place: sentence_mentions
            .iter()
            .any(|m| m.kind == MentionKind::Location),
        other_domain,
    }
}

/// The senses of an ambiguous trigger (`ambiguous_trigger` cues:
/// "general,markets"), by its surface or its lemma.
fn senses_of<'c>(event: &Event, cues: &'c crate::events::lexicon::Cues) -> Option<&'c str> {
    let (surface, lemma) = trigger_surface_and_lemma(event);
    cues.ambiguous_surface
        .get(&surface)
        .or_else(|| cues.ambiguous_trigger.get(&surface))
        .or_else(|| cues.ambiguous_trigger.get(&lemma))
        .map(String::as_str)
}

/// The surface and lemma of the trigger entry that fired: "detained
/// (detain)" → ("detained", "detain").
fn trigger_surface_and_lemma(event: &Event) -> (String, String) {
    let entry = &event.trigger_entry;
    match (entry.rfind(" ("), entry.ends_with(')')) {
        (Some(open), true) => (
            entry[..open].to_lowercase(),
            entry[open + 2..entry.len() - 1].to_lowercase(),
        ),
        _ => (entry.to_lowercase(), entry.to_lowercase()),
    }
}

/// The span of the words around word `at`, within [`HUMAN_WINDOW`].
fn window_span(words: &[(ByteSpan, &str)], at: usize) -> Option<ByteSpan> {
    let first = words.get(at.saturating_sub(HUMAN_WINDOW))?;
    let last = words.get((at + HUMAN_WINDOW).min(words.len().saturating_sub(1)))?;
    Some(ByteSpan::new(first.0.start, last.0.end))
}

/// Whether a sentence holds a game score: two small numbers joined by a
/// hyphen or dash ("won 6-3", "a 2–1 defeat"), not a date or a range of
/// years.
fn has_score(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    let number_at = |from: usize, forward: bool| -> usize {
        let mut n = 0;
        if forward {
            while from + n < bytes.len() && bytes[from + n].is_ascii_digit() {
                n += 1;
            }
        } else {
            while n < from && bytes[from - n - 1].is_ascii_digit() {
                n += 1;
            }
        }
        n
    };
    for (i, c) in sentence.char_indices() {
        if !matches!(c, '-' | '–') {
            continue;
        }
        let left = number_at(i, false);
        let right = number_at(i + c.len_utf8(), true);
        let bounded = (i < left + 1 || !bytes[i - left - 1].is_ascii_alphanumeric())
            && bytes
                .get(i + c.len_utf8() + right)
                .is_none_or(|b| !b.is_ascii_alphanumeric());
        if (1..=2).contains(&left) && (1..=2).contains(&right) && bounded {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_follows_the_table() {
        let strong = Evidence {
            specific_trigger: true,
            human_target: true,
            state_agent: true,
            ..Evidence::default()
        };
        assert_eq!(strong.confidence(), 0.8);
        assert_eq!(Evidence::default().confidence(), 0.25);
        let markets = Evidence {
            other_domain: Some("markets"),
            domain_sense: true,
            ..Evidence::default()
        };
        assert_eq!(markets.confidence(), 0.0);
        assert_eq!(markets.names(), ["other_domain:markets".to_string()]);
    }

    #[test]
    fn scores_are_small_numbers_around_a_dash() {
        assert!(has_score("Smith won 6-3 7-5 on Sunday."));
        assert!(has_score("a 2–1 defeat"));
        assert!(!has_score("in 1987-88"));
        assert!(!has_score("the 2004-2005 season"));
        assert!(!has_score("a 24-hour strike"));
        assert!(!has_score("COVID-19 cases"));
    }
}
