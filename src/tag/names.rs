//! Names: persons, organisations and locations.
//!
//! Three sources of evidence, from the most to the least certain:
//!
//! 1. **Gazetteers** (`countries`, `cities`, `organisations`, the capitalised
//!    entries of `state_agents`): matched with the shared [`PhraseMatcher`].
//! 2. **Name shapes** over runs of capitalised words:
//!    - a person is a run that starts with a known given name ("Timur
//!      Bekov"), follows an honorific ("Mr. Karimov") or a person descriptor
//!      ("civic activist Zhanar Kemelova"), is followed by an apposition
//!      with a descriptor ("Ruslan Ibrayev, a blogger") or by a speech verb
//!      ("Aliya Serikova said");
//!    - an organisation is a run built around a head word from
//!      `gazetteers/org_heads.tsv` ("Ministry of Internal Affairs", "Union of
//!      Oil Workers", "Democratic Choice Party"), or any capitalised run
//!      followed by an acronym of its initials in brackets.
//! 3. **The document itself**: a surname-only mention ("Bekov") takes the
//!    full name introduced earlier as its value; an acronym defined in
//!    brackets ("(CFE)") is an organisation wherever it recurs.

use super::{Mention, MentionKind};
use crate::document::ByteSpan;
use crate::error::BuildError;
use crate::gazetteer::{Entry, Gazetteers, Lexicon, PhraseMatcher};
use crate::tokens::Tokens;

pub struct NameTagger {
    /// Of each name token, which of the word sets below hold it, in one
    /// lookup ([`word`] flags): the name rules ask of the words of a run
    /// up to a dozen times.
    word_sets: Lexicon<u16>,
    places_and_bodies: PhraseMatcher,
    descriptors: PhraseMatcher,
    /// Given names, each with whether it is ambiguous.
    given_names: Lexicon<bool>,
    particles: Lexicon<()>,
    surname_suffixes: Vec<String>,
    speech: Lexicon<()>,
    months_weekdays: Lexicon<()>,
    full_names: FullNames,
}

/// The full names of organisations with an ambiguous surface ("AP",
/// "Memorial") or an acronym: an ambiguous surface is an organisation only
/// where the document also names it in full, and an acronym takes its full
/// name as its value only then. One automaton over all the full names
/// tells, in one pass over a document, which of them it holds.
struct FullNames {
    matcher: aho_corasick::AhoCorasick,
    index: rustc_hash::FxHashMap<String, usize>,
}

impl FullNames {
    fn new<'e>(entries: impl Iterator<Item = &'e Entry>) -> Result<FullNames, BuildError> {
        let mut index = rustc_hash::FxHashMap::default();
        let mut names: Vec<&str> = Vec::new();
        for entry in entries.filter(|e| e.flag("ambiguous") || e.flag("acronym")) {
            let next = names.len();
            if *index.entry(entry.canonical.clone()).or_insert(next) == next {
                names.push(entry.canonical.as_str());
            }
        }
        let matcher = aho_corasick::AhoCorasick::new(&names).map_err(|e| {
            BuildError::automaton(
                "the full names of organisations",
                "organisations.tsv, state_agents.tsv",
                names.len(),
                &e,
            )
        })?;
        Ok(FullNames { matcher, index })
    }

    /// Which full names `text` holds, by index.
    fn present(&self, text: &str) -> Vec<bool> {
        let mut present = vec![false; self.index.len()];
        for m in self.matcher.find_overlapping_iter(text) {
            present[m.pattern().as_usize()] = true;
        }
        present
    }
}

/// The word sets of [`NameTagger`] a token may belong to, as flags.
mod word {
    pub const DESCRIPTOR: u16 = 1;
    pub const GIVEN: u16 = 1 << 1;
    pub const HONORIFIC: u16 = 1 << 2;
    pub const PARTICLE: u16 = 1 << 3;
    pub const NOT_NAME: u16 = 1 << 4;
    pub const STARTER: u16 = 1 << 5;
    pub const ORG_FINAL: u16 = 1 << 6;
    pub const ORG_INITIAL: u16 = 1 << 7;
    pub const MONTH_WEEKDAY: u16 = 1 << 8;
    /// Not looked up yet (no set's flag).
    pub const UNKNOWN: u16 = 1 << 15;
}

#[derive(Clone, Debug)]
struct Token<'t> {
    span: ByteSpan,
    text: &'t str,
    sentence: usize,
    /// Whether `text` starts with a capital letter (the name rules ask of
    /// most tokens several times).
    capital: bool,
    /// The [`word`] sets that hold `text`, looked up the first time a rule
    /// asks ([`NameTagger::is`]): [`word::UNKNOWN`] until then.
    sets: std::cell::Cell<u16>,
}

impl Token<'_> {
    fn capitalised(&self) -> bool {
        self.capital
    }

    fn is_initial(&self, text: &str) -> bool {
        self.text.chars().count() == 1
            && self.capitalised()
            && text[self.span.end..].starts_with('.')
    }
}

impl NameTagger {
    pub fn new(gazetteers: &Gazetteers) -> Result<NameTagger, BuildError> {
        let bodies = gazetteers
            .list("countries")
            .iter()
            .chain(gazetteers.list("cities"))
            .chain(gazetteers.list("organisations"))
            .chain(
                gazetteers
                    .list("state_agents")
                    .iter()
                    .filter(|e| e.surface.starts_with(|c: char| c.is_uppercase())),
            );
        let given = gazetteers
            .kind("given_names", "given")
            .map(|e| (e.surface.as_str(), e.flag("ambiguous")));
        let words = |kind| Lexicon::of_entries(gazetteers.kind("name_parts", kind));
        let heads = |kind| Lexicon::of_entries(gazetteers.kind("org_heads", kind));
        let particles = words("particle");
        let months_weekdays = Lexicon::of_entries(
            gazetteers
                .list("temporal")
                .iter()
                .filter(|e| e.kind == "month" || e.kind == "weekday"),
        );
        let given_names = Lexicon::new(given);
        let word_sets = Lexicon::flags_of(&[
            (
                &Lexicon::of_entries(
                    gazetteers
                        .kind("person_descriptors", "descriptor")
                        .filter(|e| !e.surface.contains(' ')),
                ),
                word::DESCRIPTOR,
            ),
            // Membership, whatever the value (`given_names` holds that).
            (&given_names.key_set(), word::GIVEN),
            (
                &Lexicon::new(
                    gazetteers
                        .kind("person_descriptors", "honorific")
                        .map(|e| (e.surface.trim_end_matches('.'), ())),
                ),
                word::HONORIFIC,
            ),
            (&particles, word::PARTICLE),
            (&words("not_name"), word::NOT_NAME),
            (
                &Lexicon::of_entries(gazetteers.kind("abbreviations", "starter")),
                word::STARTER,
            ),
            (&heads("final"), word::ORG_FINAL),
            (&heads("initial"), word::ORG_INITIAL),
            (&months_weekdays, word::MONTH_WEEKDAY),
        ]);
        Ok(NameTagger {
            word_sets,
            places_and_bodies: PhraseMatcher::new(
                "the place and organisation automaton",
                "countries.tsv, cities.tsv, organisations.tsv, state_agents.tsv",
                bodies,
            )?,
            descriptors: crate::gazetteer::descriptor_matcher(gazetteers)?,
            given_names,
            particles,
            surname_suffixes: gazetteers
                .kind("name_parts", "surname_suffix")
                .map(|e| e.surface.clone())
                .collect(),
            speech: words("speech"),
            full_names: FullNames::new(
                gazetteers
                    .list("organisations")
                    .iter()
                    .chain(gazetteers.list("state_agents")),
            )?,
            months_weekdays,
        })
    }

    /// Whether one of the [`word`] sets `sets` holds `token`: one lookup
    /// of its word in all sets, the first time a rule asks.
    #[inline]
    fn is(&self, token: &Token, sets: u16) -> bool {
        let mut known = token.sets.get();
        if known == word::UNKNOWN {
            known = self.look_up(token);
        }
        known & sets != 0
    }

    /// The [`word`] flags of `token`, looked up and kept (out of line:
    /// [`NameTagger::is`] is inlined where rules ask).
    #[inline(never)]
    fn look_up(&self, token: &Token) -> u16 {
        let known = self.word_sets.get(token.text).copied().unwrap_or(0);
        token.sets.set(known);
        known
    }

    /// The value of a given name (whether it is ambiguous), for a token
    /// the given names hold.
    fn given_name(&self, token: &Token) -> Option<bool> {
        if self.is(token, word::GIVEN) {
            self.given_names.get(token.text).copied()
        } else {
            None
        }
    }

    /// Person, organisation and location mentions of a text.
    #[cfg(test)]
    pub fn tag(&self, text: &str, sentences: &[ByteSpan]) -> Vec<Mention> {
        self.tag_in(text, &Tokens::new(text), sentences)
    }

    /// [`NameTagger::tag`] with the tokens of `text` (the token layer)
    /// computed.
    pub fn tag_in(&self, text: &str, layer: &Tokens, sentences: &[ByteSpan]) -> Vec<Mention> {
        let tokens = name_tokens(text, layer, sentences);
        let mut mentions = self.gazetteer_mentions(text, layer);
        let organisations = self.organisation_shapes(text, &tokens, &mentions);
        mentions.extend(organisations);
        // Person shapes look up what is known by position: sorted, disjoint.
        let mut mentions = super::resolve_overlaps(mentions);
        let persons = self.person_shapes(text, layer, &tokens, &mentions);
        mentions.extend(persons);
        let mentions = super::resolve_overlaps(mentions);
        self.document_references(text, &tokens, mentions)
    }

    /// Words: runs of letters, marks and digits, with inner apostrophes and
    /// hyphens ("O'Brien", "Kavaliova-Shumskaya"). A hand-written scan: this
    /// runs over every byte of every document.
    fn gazetteer_mentions(&self, text: &str, layer: &Tokens) -> Vec<Mention> {
        let matches = self.places_and_bodies.find_in(text, layer);
        let mut out = Vec::new();
        let mut last: Option<ByteSpan> = None;
        // Which full names of ambiguous organisations the document holds:
        // found in one pass, when the first ambiguous surface needs it (a
        // search of the whole text per mention is quadratic).
        let mut named_in_full: Option<Vec<bool>> = None;
        for m in matches {
            if Some(m.span) == last {
                continue; // one mention per span: the first entry wins
            }
            let entry = self.places_and_bodies.entry(m.entry);
            if let Some(mention) = self.entry_mention(text, m.span, entry, &mut named_in_full) {
                last = Some(m.span);
                out.push(mention);
            }
        }
        out
    }

    fn entry_mention(
        &self,
        text: &str,
        span: ByteSpan,
        entry: &Entry,
        named_in_full: &mut Option<Vec<bool>>,
    ) -> Option<Mention> {
        let (kind, rule) = match entry.kind.as_str() {
            "country" => (MentionKind::Location, "location.country"),
            "demonym" => (MentionKind::Location, "location.demonym"),
            "city" | "capital" => (MentionKind::Location, "location.city"),
            "region" => (MentionKind::Location, "location.region"),
            "intergovernmental" | "ngo" | "media" | "party" | "state" | "company" => {
                (MentionKind::Organisation, "organisation.gazetteer")
            }
            _ => return None,
        };
        if entry.flag("ambiguous")
            && kind == MentionKind::Organisation
            && !self.named_in_full(text, entry, named_in_full)
        {
            // "AP", "Memorial": only when the document also names it in full.
            return None;
        }
        if entry.flag("ambiguous") && kind == MentionKind::Location {
            // "Georgia Smith", "Jordan Peters": a capitalised word right after
            // makes it a name, not a place.
            let next = text[span.end..].trim_start_matches(' ');
            if next.starts_with(|c: char| c.is_uppercase())
                && !text[span.end..].starts_with(['\n', ','])
            {
                return None;
            }
            // A city or region whose name is also a word or a given name
            // ("Nasir", "Reading") needs a preposition of place before it.
            if entry.kind != "country" && entry.kind != "demonym" {
                let prev = super::word_before(&text[..span.start]);
                let locative = matches!(
                    prev.as_str(),
                    "in" | "from"
                        | "near"
                        | "to"
                        | "at"
                        | "of"
                        | "outside"
                        | "into"
                        | "across"
                        | "around"
                        | "towards"
                );
                if !locative {
                    return None;
                }
            }
        }
        // Organisations are named as written, as the annotation guide has
        // it; an acronym takes its full name when the text also gives it.
        let value = if kind == MentionKind::Organisation {
            let written = normalise_space(span.slice(text));
            if entry.flag("acronym") && self.named_in_full(text, entry, named_in_full) {
                entry.canonical.clone()
            } else {
                written
            }
        } else {
            entry.canonical.clone()
        };
        let mut mention = Mention::new(kind, span, Some(value), rule);
        if let Some(cc) = entry.attr("cc") {
            mention = mention.with("country", cc.to_string());
        }
        if let Some(admin1) = entry.attr("admin1") {
            mention = mention.with("admin1", admin1.to_string());
        }
        if kind == MentionKind::Organisation {
            mention = mention.with("org_kind", entry.kind.clone());
        }
        Some(mention)
    }

    /// Whether `text` holds the full name of `entry` (an ambiguous or
    /// acronym surface); `present` caches the one pass that tells.
    fn named_in_full(&self, text: &str, entry: &Entry, present: &mut Option<Vec<bool>>) -> bool {
        self.full_names
            .index
            .get(&entry.canonical)
            .is_some_and(|&i| present.get_or_insert_with(|| self.full_names.present(text))[i])
    }

    /// Whether two adjacent tokens belong to one name: only spaces between
    /// them, or the period of an initial or an abbreviated honorific.
    fn joined(&self, text: &str, a: &Token, b: &Token) -> bool {
        if a.sentence != b.sentence {
            return false;
        }
        let gap = &text[a.span.end..b.span.start];
        if gap.chars().all(|c| c == ' ' || c == '\u{a0}') && !gap.is_empty() {
            return true;
        }
        if gap.starts_with('.')
            && gap[1..].chars().all(|c| c == ' ' || c == '\u{a0}')
            && gap.len() > 1
        {
            return a.is_initial(text) || self.is(a, word::HONORIFIC);
        }
        // A single line break inside wrapped text.
        gap == "\n" || gap == " \n" || gap == "\n "
    }

    /// Organisation name shapes and acronym definitions.
    fn organisation_shapes(&self, text: &str, tokens: &[Token], known: &[Mention]) -> Vec<Mention> {
        let mut out = Vec::new();
        let connectors = [
            "of", "for", "the", "and", "on", "in", "against", "&", "de", "du", "des",
        ];
        let mut i = 0;
        while i < tokens.len() {
            if !tokens[i].capitalised() {
                i += 1;
                continue;
            }
            // The run: capitalised tokens joined by spaces, with connectors
            // between capitalised tokens.
            let mut j = i;
            while j + 1 < tokens.len() && self.joined(text, &tokens[j], &tokens[j + 1]) {
                let next = &tokens[j + 1];
                if next.capitalised() {
                    j += 1;
                    continue;
                }
                // "X and the Y", "X and Human Rights Watch": two names.
                let coordination = next.text == "and"
                    && tokens.get(j + 2).is_some_and(|after| {
                        after.text == "the"
                            || overlapping(known, after.span)
                                .iter()
                                .any(|m| m.span.start == after.span.start)
                    });
                // A connector never leads to a date ("Court on Thursday").
                let to_date = tokens
                    .get(j + 2)
                    .is_some_and(|after| self.is(after, word::MONTH_WEEKDAY));
                if connectors.contains(&next.text) && !coordination && !to_date {
                    // connectors may chain ("for the"), but must reach a capital
                    let mut k = j + 1;
                    while k + 1 < tokens.len()
                        && connectors.contains(&tokens[k].text)
                        && self.joined(text, &tokens[k], &tokens[k + 1])
                    {
                        k += 1;
                    }
                    if k > j + 1
                        && tokens[k].capitalised()
                        && self.joined(text, &tokens[k - 1], &tokens[k])
                    {
                        j = k;
                        continue;
                    }
                }
                break;
            }
            let run = &tokens[i..=j];
            i = j + 1;
            // Drop leading words that never begin a name ("On", "The", "Monday").
            let mut start = 0;
            while start < run.len()
                && (!run[start].capitalised()
                    || self.is(&run[start], word::STARTER)
                        && !self.is(&run[start], word::ORG_INITIAL)
                    || self.is(&run[start], word::MONTH_WEEKDAY))
            {
                start += 1;
            }
            let run = &run[start..];
            // Drop trailing connectors.
            let mut end = run.len();
            while end > 0 && !run[end - 1].capitalised() {
                end -= 1;
            }
            let mut run = &run[..end];
            if run.is_empty() {
                continue;
            }
            // "Kazakhstan's Bureau of Human Rights": the place is not part of
            // the name.
            if run.len() >= 3 && (run[0].text.ends_with("'s") || run[0].text.ends_with("’s")) {
                run = &run[1..];
            }
            // A final head word followed by "in"/"at" a place ends the name
            // ("the People's Court in Vietnam").
            if let Some(k) = run.iter().rposition(|t| self.is(t, word::ORG_FINAL)) {
                if k >= 1 && k + 1 < run.len() && matches!(run[k + 1].text, "in" | "at") {
                    run = &run[..=k];
                }
            }
            // "Okello Ayume of Northern Peoples Congress": a prefix without a
            // head word before "of" is a person or a place, not the name.
            if let Some(of) = run.iter().position(|t| t.text == "of") {
                let prefix_has_head = run[..of]
                    .iter()
                    .any(|t| self.is(t, word::ORG_INITIAL | word::ORG_FINAL));
                let mut rest = of + 1;
                while rest < run.len() && !run[rest].capitalised() {
                    rest += 1;
                }
                let suffix = &run[rest..];
                let suffix_is_name = suffix.len() >= 2
                    && (suffix.iter().any(|t| self.is(t, word::ORG_FINAL))
                        || suffix.windows(2).any(|w| {
                            self.is(&w[0], word::ORG_INITIAL)
                                && matches!(w[1].text, "of" | "for" | "on")
                        }));
                if !prefix_has_head && suffix_is_name {
                    run = suffix;
                }
            }
            let mut span = ByteSpan::new(run[0].span.start, run[run.len() - 1].span.end);
            // A place that ends inside the first word starts the name
            // ("U.S. State Department": the run begins at "S").
            if let Some(place) = overlapping(known, ByteSpan::new(span.start, span.start + 1))
                .iter()
                .find(|m| {
                    m.kind == MentionKind::Location
                        && m.span.start < span.start
                        && m.span.end > span.start
                })
            {
                span.start = place.span.start;
            }
            let acronym = acronym_after(text, span.end);
            let has_head = run
                .iter()
                .any(|t| self.is(t, word::ORG_INITIAL | word::ORG_FINAL));
            let initials_match = has_head
                && acronym
                    .as_ref()
                    .is_some_and(|(a, _)| initials_of(run) == *a);
            let head_initial = run.windows(2).any(|w| {
                self.is(&w[0], word::ORG_INITIAL) && matches!(w[1].text, "of" | "for" | "on")
            });
            // "Human Rights Network Uganda": a country after the head word.
            let last_is_place = overlapping(known, run[run.len() - 1].span)
                .iter()
                .any(|m| m.kind == MentionKind::Location && m.span == run[run.len() - 1].span);
            let head_final = run.len() >= 2 && self.is(&run[run.len() - 1], word::ORG_FINAL)
                || run.len() >= 3 && last_is_place && self.is(&run[run.len() - 2], word::ORG_FINAL);
            if !(head_initial || head_final || initials_match) {
                continue;
            }
            // A gazetteer entry that covers the run already says what it is.
            if overlapping(known, span)
                .iter()
                .any(|m| m.span == span || m.span.contains(&span))
            {
                continue;
            }
            let name = normalise_space(span.slice(text));
            let rule = if initials_match && !(head_initial || head_final) {
                "organisation.acronym_definition"
            } else {
                "organisation.name_shape"
            };
            out.push(Mention::new(
                MentionKind::Organisation,
                span,
                Some(name.clone()),
                rule,
            ));
            if let Some((acr, acr_span)) = acronym {
                out.push(
                    Mention::new(
                        MentionKind::Organisation,
                        acr_span,
                        Some(name),
                        "organisation.acronym",
                    )
                    .with("acronym", acr),
                );
            }
        }
        // Acronyms after gazetteer organisations define them too.
        for m in known.iter().filter(|m| m.kind == MentionKind::Organisation) {
            if let Some((acr, acr_span)) = acronym_after(text, m.span.end) {
                out.push(
                    Mention::new(
                        MentionKind::Organisation,
                        acr_span,
                        m.value.clone(),
                        "organisation.acronym",
                    )
                    .with("acronym", acr),
                );
            }
        }
        out
    }

    /// Person name shapes.
    fn person_shapes(
        &self,
        text: &str,
        layer: &Tokens,
        tokens: &[Token],
        known: &[Mention],
    ) -> Vec<Mention> {
        let mut out = Vec::new();
        // Runs that start with an ambiguous given name at a sentence start
        // ("Timur Bekov and ..."), kept if the surname recurs on its own.
        let mut weak: Vec<(ByteSpan, &str)> = Vec::new();
        // Other name-shaped runs, kept if they are listed with persons.
        let mut pending: Vec<ByteSpan> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            if !t.capitalised() {
                i += 1;
                continue;
            }
            // The run: capitalised tokens and initials, with particles inside.
            let mut j = i;
            while j + 1 < tokens.len() && self.joined(text, &tokens[j], &tokens[j + 1]) {
                let next = &tokens[j + 1];
                // Particles, possibly several ("de la"), between capitals.
                let mut k = j + 1;
                while k < tokens.len()
                    && self.is(&tokens[k], word::PARTICLE)
                    && !tokens[k].capitalised()
                    && k + 1 < tokens.len()
                    && self.joined(text, &tokens[k], &tokens[k + 1])
                {
                    k += 1;
                }
                let particle_inside = k > j + 1 && tokens[k].capitalised();
                if next.capitalised() || self.particle_compound(next.text) {
                    j += 1;
                } else if particle_inside {
                    j = k;
                } else {
                    break;
                }
            }
            let run_all = &tokens[i..=j];
            i = j + 1;
            // Leading honorifics and words that never begin a name.
            let mut start = 0;
            let mut honorific = false;
            while start < run_all.len() {
                let w = &run_all[start];
                if self.is(w, word::HONORIFIC) {
                    honorific = true;
                    start += 1;
                } else if self.is(w, word::NOT_NAME | word::MONTH_WEEKDAY | word::DESCRIPTOR)
                    && !self.is(w, word::GIVEN)
                    && !w.is_initial(text)
                {
                    start += 1;
                } else {
                    break;
                }
            }
            // A title or role inside the run ("CPJ Deputy Director Alan
            // Briggs", "Bulawayo North MP Ruth Sibanda"): the name follows it.
            let title = (start + 1 < run_all.len())
                .then(|| {
                    run_all[start..run_all.len() - 1]
                        .iter()
                        .rposition(|t| self.is(t, word::HONORIFIC | word::DESCRIPTOR))
                })
                .flatten();
            if let Some(k) = title {
                start += k + 1;
                honorific = true;
            } else if run_all.len() > start + 2
                && !honorific
                && run_all[start]
                    .text
                    .chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit())
                && run_all[start].text.chars().count() >= 2
            {
                // After an acronym, a given name starts the name ("CPJ Alan
                // Briggs"); elsewhere the first word may be a family name
                // ("Tran Van Hoa").
                if let Some(k) = run_all[start + 1..run_all.len() - 1]
                    .iter()
                    .position(|t| self.given_name(t) == Some(false))
                {
                    start += k + 1;
                }
            }
            let mut run = &run_all[start..];
            // Possessives and trailing descriptor words end the name.
            if run.is_empty() {
                continue;
            }
            // At most four capitalised words (particles do not count).
            let mut capitals = 0;
            let limit = run
                .iter()
                .position(|t| {
                    capitals += usize::from(t.capitalised());
                    capitals > 4
                })
                .unwrap_or(run.len());
            run = &run[..limit];
            // A date after a name ends it: "Bill Clinton Saturday", "Daniel
            // Davison Feb. 1" (but "Theresa May", a known name, stays).
            while run.len() > 1
                && run[run.len() - 1]
                    .text
                    .strip_suffix('.')
                    .map_or(self.is(&run[run.len() - 1], word::MONTH_WEEKDAY), |w| {
                        self.months_weekdays.contains(w)
                    })
                && !self.is(&run[run.len() - 1], word::GIVEN)
            {
                run = &run[..run.len() - 1];
            }
            let first = &run[0];
            let span = ByteSpan::new(
                first.span.start,
                strip_possessive(text, run[run.len() - 1].span),
            );
            // An organisation that overlaps wins; a place is left to the
            // overlap resolution (the longer span wins: "Rosa Elena Vargas").
            if overlapping(known, span)
                .iter()
                .any(|m| m.kind == MentionKind::Organisation || m.span.contains(&span))
            {
                continue;
            }
            if run
                .iter()
                .any(|t| self.is(t, word::NOT_NAME) && !self.is(t, word::GIVEN))
                && !honorific
            {
                continue;
            }
            let given = self.given_name(first);
            let multi = run.iter().filter(|t| !t.is_initial(text)).count() >= 2;
            let sentence_initial = i.saturating_sub(run_all.len()) == 0
                || tokens
                    .get(i - run_all.len() - 1)
                    .is_none_or(|p| p.sentence != first.sentence);
            let rule = if honorific && start == run_all.len() - run.len() {
                Some("person.honorific")
            } else if multi && (given == Some(false) || given == Some(true) && !sentence_initial) {
                Some("person.given_name")
            } else if multi && self.descriptor_before(text, layer, span.start) {
                Some("person.descriptor_before")
            } else if multi && self.apposition_after(text, span.end) {
                Some("person.apposition")
            } else if multi && run.len() <= 3 && self.speech_after(text, span.end) {
                Some("person.speech_verb")
            } else if multi && run.len() <= 3 && self.surname_shaped(run[run.len() - 1].text) {
                Some("person.surname_shape")
            } else {
                None
            };
            let Some(rule) = rule else {
                if given == Some(true) && multi {
                    weak.push((span, run[run.len() - 1].text));
                } else if multi && !honorific {
                    pending.push(span);
                }
                continue;
            };
            let mut mention = Mention::new(
                MentionKind::Person,
                span,
                Some(normalise_space(span.slice(text))),
                rule,
            );
            if honorific {
                mention = mention.with("honorific", run_all[0].text.to_string());
            }
            out.push(mention);
        }
        // "A, B, C and D": a name-shaped run listed next to a person is one.
        let mut person_starts: rustc_hash::FxHashSet<usize> =
            out.iter().map(|p| p.span.start).collect();
        let mut person_ends: rustc_hash::FxHashSet<usize> =
            out.iter().map(|p| p.span.end).collect();
        let separators = [", ", " and ", ", and ", " or "];
        loop {
            let before = pending.len();
            pending.retain(|span| {
                let listed = separators.iter().any(|sep| {
                    let after_person = span.start >= sep.len()
                        && person_ends.contains(&(span.start - sep.len()))
                        && text.get(span.start - sep.len()..span.start) == Some(*sep);
                    let before_person = person_starts.contains(&(span.end + sep.len()))
                        && text.get(span.end..span.end + sep.len()) == Some(*sep);
                    after_person || before_person
                });
                if listed {
                    person_starts.insert(span.start);
                    person_ends.insert(span.end);
                    let name = normalise_space(span.slice(text));
                    out.push(Mention::new(
                        MentionKind::Person,
                        *span,
                        Some(name),
                        "person.listed_with_persons",
                    ));
                }
                !listed
            });
            if pending.len() == before {
                break;
            }
        }
        // How often each candidate surname occurs, for the recurring-surname
        // test: counted for those words only, so that the table stays small
        // however long the document is.
        let mut occurrences: rustc_hash::FxHashMap<&str, usize> = weak
            .iter()
            .map(|(_, surname)| (without_possessive(surname), 0))
            .collect();
        if !occurrences.is_empty() {
            for t in tokens {
                let word = &text[t.span.start..strip_possessive(text, t.span)];
                if let Some(n) = occurrences.get_mut(word) {
                    *n += 1;
                }
            }
        }
        for (span, surname) in weak {
            let surname = without_possessive(surname);
            let recurs = occurrences.get(surname).is_some_and(|&n| n >= 2);
            if recurs {
                let name = normalise_space(span.slice(text));
                out.push(Mention::new(
                    MentionKind::Person,
                    span,
                    Some(name),
                    "person.given_name_recurring_surname",
                ));
            }
        }
        out
    }

    /// "al-Hakim", "el-Sisi", "bin-Salman": a particle joined to a name.
    fn particle_compound(&self, word: &str) -> bool {
        word.split_once('-').is_some_and(|(particle, rest)| {
            self.particles.contains(particle) && rest.starts_with(char::is_uppercase)
        })
    }

    /// A word ending like a surname ("Abdullaev", "Beridze", "Pashinyan").
    fn surname_shaped(&self, word: &str) -> bool {
        let word = word.trim_end_matches("'s").trim_end_matches("’s");
        let len = word.chars().count();
        self.surname_suffixes
            .iter()
            .any(|suffix| word.ends_with(suffix.as_str()) && len >= suffix.chars().count() + 3)
    }

    /// "activist ", "human rights defender " right before the name; or a
    /// possessive's descriptor set off by a comma ("her lawyer, Trust
    /// Makoni", "the group's spokesman, Ali Musa"), which introduces one
    /// person as the apposition does.
    fn descriptor_before(&self, text: &str, layer: &Tokens, start: usize) -> bool {
        let window_start = super::money::floor_char_boundary(text, start.saturating_sub(64));
        let window = &text[window_start..start];
        let trimmed = window.trim_end_matches([' ', '\u{a0}']);
        if trimmed.len() == window.len() {
            return false;
        }
        let (trimmed, after_comma) = match trimmed.strip_suffix(',') {
            Some(head) => (head, true),
            None => (trimmed, false),
        };
        let end = window_start + trimmed.len();
        let reach = end - window_start;
        self.descriptors
            .ending_at(text, layer, end, reach)
            .is_some_and(|m| {
                !after_comma || {
                    let owner = text[window_start..m.span.start]
                        .split_whitespace()
                        .next_back()
                        .unwrap_or("");
                    matches!(owner, "his" | "her" | "their" | "its" | "our" | "my")
                        || owner.ends_with("'s")
                        || owner.ends_with("’s")
                }
            })
    }

    /// ", a journalist", ", the editor of ...", ", 34, " after the name.
    fn apposition_after(&self, text: &str, end: usize) -> bool {
        let rest = &text[end..];
        let rest = match rest.strip_prefix(", ") {
            Some(rest) => rest,
            // "Farid Mammadli is a reporter for ..."
            None if rest.starts_with(" is ") || rest.starts_with(" was ") => &rest[1..],
            None => return false,
        };
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            return digits <= 2 && rest[digits..].starts_with([',', ')']);
        }
        let window: String = rest.chars().take(80).collect();
        let lower = window.to_lowercase();
        let lower = lower
            .strip_prefix("is ")
            .or_else(|| lower.strip_prefix("was "))
            .map(str::to_string)
            .unwrap_or(lower);
        let after_article = [
            "a ",
            "an ",
            "the ",
            "another ",
            "one of the ",
            "also a ",
            "herself a ",
            "himself a ",
        ]
        .iter()
        .find_map(|a| lower.strip_prefix(a));
        let candidate = after_article.unwrap_or(&lower);
        self.descriptors.find(candidate).first().is_some_and(|m| {
            // the descriptor must come within the first four words
            candidate[..m.span.start].split_whitespace().count() <= 3
        })
    }

    fn speech_after(&self, text: &str, end: usize) -> bool {
        let rest = text[end..].trim_start_matches([' ', ',']);
        let word = rest
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        self.speech.contains(word)
    }

    /// Surname-only mentions and acronyms that recur, resolved against the
    /// full names found so far in the document. A "surname" is any tail of a
    /// full name ("Bekov" of "Timur Bekov", "Sáez del Río" and "Río" of
    /// "Carmen Sáez del Río"); the longest tail that matches wins.
    fn document_references(
        &self,
        text: &str,
        tokens: &[Token],
        mut mentions: Vec<Mention>,
    ) -> Vec<Mention> {
        // Tables of this document's own names, read for every word of it:
        // the Fx hash (SipHash took 2% of a run here; a document is bounded
        // by --max-doc-bytes).
        let mut surnames: rustc_hash::FxHashMap<String, (usize, String)> = Default::default();
        let mut acronyms: rustc_hash::FxHashMap<String, String> = Default::default();
        for m in &mentions {
            let Some(value) = &m.value else { continue };
            match m.kind {
                MentionKind::Person => {
                    let parts: Vec<&str> = value.split_whitespace().collect();
                    for k in 1..parts.len() {
                        if parts[k].chars().count() < 2
                            || k + 1 == parts.len() && self.particles.contains(parts[k])
                        {
                            continue;
                        }
                        let tail = parts[k..].join(" ");
                        // "de la Vega" is also written "De la Vega" at a sentence start.
                        if parts[k].starts_with(char::is_lowercase) {
                            let mut chars = tail.chars();
                            if let Some(first) = chars.next() {
                                let capitalised: String =
                                    first.to_uppercase().chain(chars).collect();
                                surnames
                                    .entry(capitalised)
                                    .or_insert((m.span.start, value.clone()));
                            }
                        }
                        surnames
                            .entry(tail)
                            .or_insert((m.span.start, value.clone()));
                    }
                }
                MentionKind::Organisation => {
                    if let Some(serde_json::Value::String(acr)) = m.attr("acronym") {
                        acronyms.insert(acr.clone(), value.clone());
                    }
                }
                _ => {}
            }
        }
        if surnames.is_empty() && acronyms.is_empty() {
            return mentions;
        }
        // Person mentions that are a tail of an earlier full name take it.
        for m in mentions
            .iter_mut()
            .filter(|m| m.kind == MentionKind::Person)
        {
            if let Some((first_at, full)) = m.value.as_ref().and_then(|v| surnames.get(v.as_str()))
            {
                if *first_at < m.span.start {
                    m.value = Some(full.clone());
                }
            }
        }
        // Only tokens that can start a surname or are an acronym are looked at.
        let first_words: rustc_hash::FxHashSet<&str> = surnames
            .keys()
            .filter_map(|k| k.split(' ').next())
            .collect();
        // The first bytes and lengths (a bit each, 63 for longer) of those
        // words and the acronyms: most words have neither, and are passed
        // over without hashing.
        let mut first_bytes = [false; 256];
        let mut lengths = 0u64;
        for word in first_words
            .iter()
            .copied()
            .chain(acronyms.keys().map(String::as_str))
        {
            if let Some(&b) = word.as_bytes().first() {
                first_bytes[usize::from(b)] = true;
            }
            lengths |= 1 << word.len().min(63);
        }
        let mut extra: Vec<Mention> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let word = &text[tokens[i].span.start..strip_possessive(text, tokens[i].span)];
            let shaped = word
                .as_bytes()
                .first()
                .is_some_and(|&b| first_bytes[usize::from(b)])
                && lengths & (1 << word.len().min(63)) != 0;
            if !shaped || !first_words.contains(word) && !acronyms.contains_key(word) {
                i += 1;
                continue;
            }
            let mut matched = None;
            // Longest tail first: up to four tokens joined as a name.
            for len in (1..=4).rev() {
                let Some(last) = tokens.get(i + len - 1) else {
                    continue;
                };
                if (i..i + len - 1).any(|k| !self.joined(text, &tokens[k], &tokens[k + 1])) {
                    continue;
                }
                let span = ByteSpan::new(tokens[i].span.start, strip_possessive(text, last.span));
                let name = normalise_space(span.slice(text));
                if let Some((first_at, full)) = surnames.get(&name) {
                    if *first_at < span.start {
                        matched = Some((
                            len,
                            Mention::new(
                                MentionKind::Person,
                                span,
                                Some(full.clone()),
                                "person.surname_reference",
                            ),
                        ));
                        break;
                    }
                }
                if len == 1 {
                    if let Some(full) = acronyms.get(&name) {
                        matched = Some((
                            1,
                            Mention::new(
                                MentionKind::Organisation,
                                span,
                                Some(full.clone()),
                                "organisation.acronym_reference",
                            ),
                        ));
                    }
                }
            }
            match matched {
                Some((len, mention)) if overlapping(&mentions, mention.span).is_empty() => {
                    extra.push(mention);
                    i += len;
                }
                _ => i += 1,
            }
        }
        mentions.extend(extra);
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        mentions
    }
}

/// A word without its possessive ending ("Bekov's" → "Bekov").
fn without_possessive(word: &str) -> &str {
    word.trim_end_matches("'s").trim_end_matches("’s")
}

/// The mentions of a position-sorted, non-overlapping list that overlap
/// `span` (a binary search, not a scan: documents can be long).
fn overlapping(sorted: &[Mention], span: ByteSpan) -> &[Mention] {
    let hi = sorted.partition_point(|m| m.span.start < span.end);
    let mut lo = hi;
    while lo > 0 && sorted[lo - 1].span.end > span.start {
        lo -= 1;
    }
    &sorted[lo..hi]
}

/// The words the name rules read, from the token layer: runs of letters,
/// digits and combining marks, joined by one apostrophe or hyphen between
/// two of them ("O'Brien", "Al-Farabi", "Zhanaozen’s"), each with the index
/// of its sentence.
fn name_tokens<'t>(text: &'t str, layer: &Tokens, sentences: &[ByteSpan]) -> Vec<Token<'t>> {
    let bytes = text.as_bytes();
    // A letter, digit or combining mark: a word token, or a symbol that is
    // a mark. Most tokens start with an ASCII byte: no decoding then.
    let wordlike = |span: &ByteSpan| match bytes.get(span.start) {
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        _ => text
            .get(span.start..span.end)
            .and_then(|piece| piece.chars().next())
            .is_some_and(|c| c.is_alphanumeric() || is_mark(c)),
    };
    let joiner = |span: &ByteSpan| match span.end - span.start {
        1 => matches!(bytes.get(span.start), Some(b'\'' | b'-')),
        _ => text.get(span.start..span.end) == Some("’"),
    };
    let spans = layer.spans();
    // At most one word per token: reserved once, as documents run long.
    let mut words = Vec::with_capacity(spans.len());
    let mut sentence = 0;
    let mut i = 0;
    while i < spans.len() {
        if !wordlike(&spans[i]) {
            i += 1;
            continue;
        }
        let start = spans[i].start;
        let mut end = spans[i].end;
        i += 1;
        while let Some(next) = spans.get(i).filter(|next| next.start == end) {
            if wordlike(next) {
                end = next.end;
                i += 1;
            } else if joiner(next)
                && spans
                    .get(i + 1)
                    .is_some_and(|after| after.start == next.end && wordlike(after))
            {
                end = spans[i + 1].end;
                i += 2;
            } else {
                break;
            }
        }
        let span = ByteSpan::new(start, end);
        while sentence + 1 < sentences.len() && sentences[sentence].end <= span.start {
            sentence += 1;
        }
        words.push(name_token(text, span, sentence));
    }
    words
}

/// The token of the word at `span` of `text`, in sentence `sentence`.
fn name_token(text: &str, span: ByteSpan, sentence: usize) -> Token<'_> {
    let text = &text[span.start..span.end];
    let capital = match text.as_bytes().first() {
        Some(&b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => text.starts_with(|c: char| c.is_uppercase()),
    };
    Token {
        span,
        text,
        sentence,
        capital,
        sets: std::cell::Cell::new(word::UNKNOWN),
    }
}

/// Combining marks (accents written as separate code points).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// "(CFE)" right after a name: the acronym and its span.
fn acronym_after(text: &str, end: usize) -> Option<(String, ByteSpan)> {
    let rest = &text[end..];
    let open = rest.strip_prefix(" (")?;
    let close = open.find(')')?;
    let inner = &open[..close];
    let valid = (2..=12).contains(&inner.len())
        && inner.chars().next().is_some_and(|c| c.is_uppercase())
        && inner.chars().filter(|c| c.is_uppercase()).count() >= 2
        && inner
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '&' || c == '/');
    if !valid {
        return None;
    }
    let start = end + 2;
    Some((inner.to_string(), ByteSpan::new(start, start + inner.len())))
}

/// The capital initials of a run's capitalised words ("Coalition for Fair
/// Elections" → "CFE").
fn initials_of(run: &[Token]) -> String {
    run.iter()
        .filter(|t| t.capitalised())
        .filter_map(|t| t.text.chars().next())
        .collect()
}

fn strip_possessive(text: &str, span: ByteSpan) -> usize {
    let s = span.slice(text);
    for suffix in ["'s", "’s"] {
        if s.len() > suffix.len() + 1 && s.ends_with(suffix) {
            return span.end - suffix.len();
        }
    }
    span.end
}

/// `s` with its runs of white space as one space, and none at its ends.
fn normalise_space(s: &str) -> String {
    if is_normal_space(s) {
        return s.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `s` is its own [`normalise_space`]: ASCII (so that no white
/// space outside ASCII hides in it), not empty, no white space but single
/// spaces between other characters. Most names are written so.
fn is_normal_space(s: &str) -> bool {
    if !s.is_ascii() {
        return false;
    }
    // After a space (or at the start): another one is not normal.
    let mut after_space = true;
    for &byte in s.as_bytes() {
        match byte {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => return false,
            _ => after_space = false,
        }
    }
    !after_space
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The name rules' words read character by character: the definition
    /// `name_tokens` is checked against.
    fn name_tokens_by_chars<'t>(text: &'t str, sentences: &[ByteSpan]) -> Vec<Token<'t>> {
        let is_word = |c: char| c.is_alphanumeric() || (!c.is_ascii() && is_mark(c));
        let mut words = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !is_word(c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(pos, next)) = chars.peek() {
                if is_word(next) {
                    end = pos + next.len_utf8();
                    chars.next();
                } else if matches!(next, '\'' | '’' | '-')
                    && text[pos + next.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_word)
                {
                    chars.next();
                } else {
                    break;
                }
            }
            words.push(ByteSpan::new(start, end));
        }
        let mut sentence = 0;
        words
            .into_iter()
            .map(|span| {
                while sentence + 1 < sentences.len() && sentences[sentence].end <= span.start {
                    sentence += 1;
                }
                name_token(text, span, sentence)
            })
            .collect()
    }

    proptest::proptest! {
        /// The shortcut for names already written with single spaces gives
        /// what splitting and joining gives.
        #[test]
        fn normal_space_is_what_splitting_and_joining_gives(
            picks in proptest::collection::vec(0..10usize, 0..10),
        ) {
            let fragments = ["Ana", " ", "  ", "\t", "\n", "\u{a0}", "\u{b}", "\u{1c}", "é", "-"];
            let text: String = picks.iter().map(|&i| fragments[i]).collect();
            proptest::prop_assert_eq!(
                normalise_space(&text),
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, .. Default::default() })]
        #[test]
        fn name_tokens_from_the_token_layer_are_those_read_by_characters(
            picks in proptest::collection::vec(0..14usize, 0..18),
            cut in 0usize..64,
        ) {
            let fragments = [
                "Al", "farabi", "'", "’", "-", " ", "--", "e\u{301}", "\u{301}", ". ", "O", "9",
                "Ürümqi", "\u{a0}",
            ];
            let text: String = picks.iter().map(|&i| fragments[i]).collect();
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let middle = bounds[cut % bounds.len()];
            let sentences = [ByteSpan::new(0, middle), ByteSpan::new(middle, text.len())];
            // With whether each starts with a capital, by its definition.
            let read = |tokens: Vec<Token>| -> Vec<(ByteSpan, usize, bool)> {
                for t in &tokens {
                    assert_eq!(t.capital, t.text.starts_with(char::is_uppercase), "{:?}", t.text);
                }
                tokens.iter().map(|t| (t.span, t.sentence, t.capital)).collect()
            };
            proptest::prop_assert_eq!(
                read(name_tokens(&text, &Tokens::new(&text), &sentences)),
                read(name_tokens_by_chars(&text, &sentences))
            );
        }
    }
    use crate::segment::Segmenter;

    fn names(text: &str) -> Vec<(String, &'static str, String)> {
        let gazetteers = Gazetteers::embedded().unwrap();
        let sentences = Segmenter::new(&gazetteers).split(text);
        NameTagger::new(&gazetteers)
            .unwrap()
            .tag(text, &sentences)
            .into_iter()
            .map(|m| {
                (
                    m.span.slice(text).to_string(),
                    m.kind.as_str(),
                    m.value.unwrap_or_default(),
                )
            })
            .collect()
    }

    fn has(found: &[(String, &'static str, String)], text: &str, kind: &str, value: &str) -> bool {
        found
            .iter()
            .any(|(t, k, v)| t == text && *k == kind && v == value)
    }

    #[test]
    fn persons_by_given_name_descriptor_apposition_and_surname() {
        let text = "Timur Bekov and Aigerim Nurlanovna were detained. Later, activist Zhanar Kemelova and Qwerty Zxcvbn, a journalist, spoke. Bekov's lawyer said Kemelova was ill.";
        let found = names(text);
        assert!(
            has(&found, "Timur Bekov", "person", "Timur Bekov"),
            "{found:?}"
        );
        assert!(
            has(&found, "Zhanar Kemelova", "person", "Zhanar Kemelova"),
            "{found:?}"
        );
        assert!(
            has(&found, "Qwerty Zxcvbn", "person", "Qwerty Zxcvbn"),
            "{found:?}"
        );
        assert!(has(&found, "Bekov", "person", "Timur Bekov"), "{found:?}");
        assert!(
            has(&found, "Kemelova", "person", "Zhanar Kemelova"),
            "{found:?}"
        );
    }

    #[test]
    fn a_possessive_descriptor_set_off_by_a_comma_introduces_a_person() {
        let text = "The editor was held with her lawyer, Trust Tarwa, and the union's spokesman, Given Chidzu. A lawyer, Amnesty International said, was barred.";
        let found = names(text);
        assert!(
            has(&found, "Trust Tarwa", "person", "Trust Tarwa"),
            "{found:?}"
        );
        assert!(
            has(&found, "Given Chidzu", "person", "Given Chidzu"),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(t, k, _)| t == "Amnesty International" && *k == "person"),
            "{found:?}"
        );
    }

    #[test]
    fn a_date_after_a_name_is_not_part_of_it() {
        let text = "President Timur Bekov Saturday vowed to act. He will succeed Aigerim Nurlanovna Feb. 1.";
        let found = names(text);
        assert!(
            has(&found, "Timur Bekov", "person", "Timur Bekov"),
            "{found:?}"
        );
        assert!(
            has(&found, "Aigerim Nurlanovna", "person", "Aigerim Nurlanovna"),
            "{found:?}"
        );
    }

    #[test]
    fn organisations_by_shape_gazetteer_and_acronym() {
        let text = "The Coalition for Fair Elections (CFE) and the Ministry of Internal Affairs met Human Rights Watch. CFE said the Democratic Choice Party was banned.";
        let found = names(text);
        assert!(
            has(
                &found,
                "Coalition for Fair Elections",
                "organisation",
                "Coalition for Fair Elections"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "CFE",
                "organisation",
                "Coalition for Fair Elections"
            ),
            "{found:?}"
        );
        assert!(
            found.iter().filter(|(t, _, _)| t == "CFE").count() == 2,
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Ministry of Internal Affairs",
                "organisation",
                "Ministry of Internal Affairs"
            ),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(t, k, _)| t == "Human Rights Watch" && *k == "organisation"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Democratic Choice Party",
                "organisation",
                "Democratic Choice Party"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn particles_lists_and_capitalised_tails() {
        let text = "The four, Juan Pablo de la Torre, Qarlo Vexin and Wilson Chalá, were freed. De la Torre said so.";
        let found = names(text);
        assert!(
            has(
                &found,
                "Juan Pablo de la Torre",
                "person",
                "Juan Pablo de la Torre"
            ),
            "{found:?}"
        );
        assert!(
            has(&found, "Qarlo Vexin", "person", "Qarlo Vexin"),
            "{found:?}"
        );
        assert!(
            has(&found, "De la Torre", "person", "Juan Pablo de la Torre"),
            "{found:?}"
        );
    }

    #[test]
    fn acronym_definitions_need_an_organisation_head() {
        let found = names(
            "Police filed a First Information Report (FIR) against the Union of Bus Drivers (UBD).",
        );
        assert!(!found.iter().any(|(t, _, _)| t == "FIR"), "{found:?}");
        assert!(
            has(&found, "UBD", "organisation", "Union of Bus Drivers"),
            "{found:?}"
        );
    }

    #[test]
    fn coordinated_organisations_stay_apart() {
        let found =
            names("Amnesty International and the Committee to Protect Journalists protested.");
        assert!(
            found
                .iter()
                .any(|(t, k, _)| t == "Amnesty International" && *k == "organisation"),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(t, k, _)| t == "Committee to Protect Journalists" && *k == "organisation"),
            "{found:?}"
        );
    }

    #[test]
    fn locations_with_country_codes() {
        let gazetteers = Gazetteers::embedded().unwrap();
        let text = "Kazakhstani police in Almaty, Kazakhstan.";
        let sentences = Segmenter::new(&gazetteers).split(text);
        let found = NameTagger::new(&gazetteers).unwrap().tag(text, &sentences);
        let countries: Vec<_> = found
            .iter()
            .filter(|m| m.kind == MentionKind::Location)
            .map(|m| {
                m.attr("country")
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        assert_eq!(countries, ["KZ", "KZ", "KZ"]);
    }
}
