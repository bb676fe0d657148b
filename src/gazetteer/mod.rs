//! Gazetteers: the plain-text lists in `gazetteers/` and the matchers built
//! from them.
//!
//! The files are embedded in the binary so that civex works with no data
//! folder; `--gazetteers DIR` layers a user's files on top. The file format
//! is documented in `gazetteers/README.md`: four TAB-separated columns,
//! `surface`, `canonical`, `kind`, `attributes`.
//!
//! [`PhraseMatcher`] compiles entries into Aho-Corasick automata, walks them
//! from the token starts of a text ([`crate::tokens`]) and applies the
//! matching rules every list shares (case, word boundaries, longest match),
//! so that no tagger re-implements them.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use crate::document::ByteSpan;
use crate::error::BuildError;
use crate::tokens::Tokens;
use crate::trie::PhraseTrie;

#[cfg(feature = "cli")]
pub mod check;
pub mod schema;
use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind};

/// The lists civex knows, with their embedded default contents. A user file
/// must carry one of these names (plus `.tsv`) to extend the list.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "abbreviations",
        include_str!("../../gazetteers/abbreviations.tsv"),
    ),
    (
        "categories",
        include_str!("../../gazetteers/categories.tsv"),
    ),
    ("cities", include_str!("../../gazetteers/cities.tsv")),
    ("countries", include_str!("../../gazetteers/countries.tsv")),
    (
        "currencies",
        include_str!("../../gazetteers/currencies.tsv"),
    ),
    (
        "event_cues",
        include_str!("../../gazetteers/event_cues.tsv"),
    ),
    (
        "given_names",
        include_str!("../../gazetteers/given_names.tsv"),
    ),
    (
        "name_parts",
        include_str!("../../gazetteers/name_parts.tsv"),
    ),
    ("numbers", include_str!("../../gazetteers/numbers.tsv")),
    (
        "organisations",
        include_str!("../../gazetteers/organisations.tsv"),
    ),
    ("org_heads", include_str!("../../gazetteers/org_heads.tsv")),
    (
        "person_descriptors",
        include_str!("../../gazetteers/person_descriptors.tsv"),
    ),
    (
        "state_agents",
        include_str!("../../gazetteers/state_agents.tsv"),
    ),
    ("rules", include_str!("../../gazetteers/rules.tsv")),
    ("temporal", include_str!("../../gazetteers/temporal.tsv")),
    ("triggers", include_str!("../../gazetteers/triggers.tsv")),
];

/// A malformed gazetteer line or an unreadable gazetteer file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerError {
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    pub problem: String,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "gazetteer {}: {}", self.file, self.problem)
        } else {
            write!(f, "gazetteer {}:{}: {}", self.file, self.line, self.problem)
        }
    }
}

impl std::error::Error for GazetteerError {}

/// One line of a gazetteer file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub surface: String,
    pub canonical: String,
    pub kind: String,
    pub attrs: Vec<(String, String)>,
    /// Where the line is: shown by `civex explain` and `civex gazetteers`.
    pub origin: Origin,
}

/// The file and line an [`Entry`] comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file's name as given: `triggers.tsv` for a shipped list, the
    /// path for a user's file.
    pub file: std::sync::Arc<str>,
    /// 1-based.
    pub line: usize,
    /// A shipped (embedded) list, not a user's file.
    pub built_in: bool,
}

impl Origin {
    /// `file:line`, without saying whether the list is shipped.
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

impl fmt::Display for Origin {
    /// `triggers.tsv:57 (built-in)` or `my-rules/triggers.tsv:3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if self.built_in {
            write!(f, " (built-in)")?;
        }
        Ok(())
    }
}

impl Entry {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn flag(&self, key: &str) -> bool {
        matches!(self.attr(key), Some("1") | Some("true") | Some("yes"))
    }
}

/// All lists, after the user's overlay has been applied.
///
/// An embedded list is parsed the first time it is asked for: `civex
/// sentences` needs only the abbreviations, and parsing the 15,000 lines of
/// names and places would double its start-up time. (The embedded files are
/// checked by a unit test; a user's files are parsed at once, so that their
/// errors stop the start.)
#[derive(Clone, Debug, Default)]
pub struct Gazetteers {
    lists: BTreeMap<String, std::sync::OnceLock<Vec<Entry>>>,
}

/// The files of a user's rule folder, in name order.
pub(crate) fn folder_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, GazetteerError> {
    let read_dir = std::fs::read_dir(dir).map_err(|e| GazetteerError {
        file: dir.display().to_string(),
        line: 0,
        problem: format!("cannot read the folder: {e}"),
    })?;
    let mut paths: Vec<_> = read_dir
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    Ok(paths)
}

/// The list a user's file extends: its name without `.tsv`.
pub(crate) fn list_name(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string()
}

/// The problem with a user's file named `list`, if civex ships no such list.
pub(crate) fn unknown_list(list: &str) -> Option<String> {
    if EMBEDDED.iter().any(|(name, _)| *name == list) {
        return None;
    }
    let known: Vec<_> = EMBEDDED.iter().map(|(n, _)| format!("{n}.tsv")).collect();
    Some(format!(
        "unknown list name; a user file extends a shipped list and must be named one of: {}",
        known.join(", ")
    ))
}

fn embedded_list(name: &str) -> Vec<Entry> {
    let content = EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, c)| c);
    // The embedded files are part of the program; the test
    // `embedded_lists_parse` keeps them well-formed.
    parse_lines(&format!("{name}.tsv"), true, content)
        .map(|lines| lines.into_iter().filter_map(Line::into_entry).collect())
        .unwrap_or_default()
}

impl Gazetteers {
    /// The lists shipped in the binary.
    pub fn embedded() -> Result<Gazetteers, GazetteerError> {
        let lists = EMBEDDED
            .iter()
            .map(|(name, _)| (name.to_string(), std::sync::OnceLock::new()))
            .collect();
        Ok(Gazetteers { lists })
    }

    /// The shipped lists with every `*.tsv` of `dir` layered on top: a user
    /// entry replaces a shipped entry with the same surface and kind, other
    /// user entries are added.
    pub fn with_overlay(dir: &Path) -> Result<Gazetteers, GazetteerError> {
        let mut gazetteers = Gazetteers::embedded()?;
        for path in folder_files(dir)?
            .into_iter()
            .filter(|p| p.extension().is_some_and(|ext| ext == "tsv"))
        {
            let file = path.display().to_string();
            let stem = list_name(&path);
            if let Some(problem) = unknown_list(&stem) {
                return Err(GazetteerError {
                    file,
                    line: 0,
                    problem,
                });
            }
            let content = std::fs::read_to_string(&path).map_err(|e| GazetteerError {
                file: file.clone(),
                line: 0,
                problem: format!("cannot read the file: {e}"),
            })?;
            let lines = parse_lines(&file, false, &content)?;
            gazetteers.overlay(&stem, lines)?;
        }
        Ok(gazetteers)
    }

    /// Lays a user's lines over a list. An entry replaces the shipped (or
    /// earlier) entries of the same surface and kind (all of them, where a
    /// list repeats one), or is added; where the canonical form is part of
    /// an entry's identity ([`schema::canonical_in_key`]: "support" is an
    /// object of several senses in `event_cues.tsv`), only those of its
    /// canonical form. A `!` line switches off the shipped entries of a
    /// surface and kind, of one canonical form if it names one. Strict: a
    /// line that breaks the list's format ([`schema::problems`]) or
    /// switches off nothing stops the load with its `file:line`.
    fn overlay(&mut self, list: &str, lines: Vec<Line>) -> Result<(), GazetteerError> {
        let kinds = Gazetteers::shipped_kinds(list);
        let cell = self.lists.entry(list.to_string()).or_default();
        let mut entries: Vec<Option<Entry>> = match cell.take() {
            Some(entries) => entries,
            None => embedded_list(list),
        }
        .into_iter()
        .map(Some)
        .collect();
        // Where the entries of each surface and kind are.
        let mut position: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(e) = e {
                position
                    .entry((e.surface.clone(), e.kind.clone()))
                    .or_default()
                    .push(i);
            }
        }
        let shipped: Vec<(String, String, String)> = entries
            .iter()
            .flatten()
            .filter(|e| e.origin.built_in)
            .map(|e| (e.surface.clone(), e.kind.clone(), e.canonical.clone()))
            .collect();
        let mut result = Ok(());
        for line in lines {
            let origin = line.origin().clone();
            let error = |problem: String| GazetteerError {
                file: origin.file.to_string(),
                line: origin.line,
                problem,
            };
            let (surface, kind) = line.key();
            let key = (surface.to_string(), kind.to_string());
            match line {
                Line::Entry(entry) => {
                    if let Some(problem) = schema::problems(list, &entry, &kinds).into_iter().next()
                    {
                        result = Err(error(problem));
                        break;
                    }
                    let by_canonical = schema::canonical_in_key(list, &entry.kind);
                    let at = position.entry(key).or_default();
                    let same: Vec<usize> = at
                        .iter()
                        .copied()
                        .filter(|&i| {
                            entries[i]
                                .as_ref()
                                .is_some_and(|e| !by_canonical || e.canonical == entry.canonical)
                        })
                        .collect();
                    match same.split_first() {
                        Some((&first, others)) => {
                            entries[first] = Some(entry);
                            for &other in others {
                                entries[other] = None;
                            }
                            at.retain(|i| !others.contains(i));
                        }
                        None => {
                            at.push(entries.len());
                            entries.push(Some(entry));
                        }
                    }
                }
                Line::Disable { canonical, .. } => {
                    let fits = |c: &str| canonical.as_deref().is_none_or(|wanted| wanted == c);
                    if !shipped
                        .iter()
                        .any(|(s, k, c)| *s == key.0 && *k == key.1 && fits(c))
                    {
                        result = Err(error(match &canonical {
                            Some(c) => format!(
                                "switches off nothing: {list}.tsv ships no entry {:?} of kind {:?} and canonical form {c:?}",
                                key.0, key.1
                            ),
                            None => format!(
                                "switches off nothing: {list}.tsv ships no entry {:?} of kind {:?}",
                                key.0, key.1
                            ),
                        }));
                        break;
                    }
                    let at = position.entry(key).or_default();
                    at.retain(|&i| {
                        let off = entries[i].as_ref().is_some_and(|e| fits(&e.canonical));
                        if off {
                            entries[i] = None;
                        }
                        !off
                    });
                }
            }
        }
        let _ = cell.set(entries.into_iter().flatten().collect());
        result
    }

    /// The kinds of a list's shipped entries: the kinds its rules read.
    pub fn shipped_kinds(list: &str) -> std::collections::BTreeSet<String> {
        embedded_list(list).into_iter().map(|e| e.kind).collect()
    }

    /// The names of the lists, in order ("abbreviations", "cities", …).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.lists.keys().map(String::as_str)
    }

    /// The entries of one list (empty if the list does not exist).
    pub fn list(&self, name: &str) -> &[Entry] {
        match self.lists.get(name) {
            Some(cell) => cell.get_or_init(|| embedded_list(name)).as_slice(),
            None => &[],
        }
    }

    /// The entries of one list with the given kind.
    pub fn kind<'g>(&'g self, list: &str, kind: &'g str) -> impl Iterator<Item = &'g Entry> + 'g {
        self.list(list).iter().filter(move |e| e.kind == kind)
    }
}

/// One meaningful line of a gazetteer file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// An entry, to add (or to replace the shipped entry of the same
    /// surface and kind).
    Entry(Entry),
    /// `!surface <TAB> canonical <TAB> kind`: switches off the shipped
    /// entries of this surface and kind, those of this canonical form only
    /// when one is given (`-` for all); the attributes are not read.
    Disable {
        surface: String,
        kind: String,
        canonical: Option<String>,
        origin: Origin,
    },
}

impl Line {
    /// The entry, if the line is one.
    pub fn into_entry(self) -> Option<Entry> {
        match self {
            Line::Entry(entry) => Some(entry),
            Line::Disable { .. } => None,
        }
    }

    /// Where the line is.
    pub fn origin(&self) -> &Origin {
        match self {
            Line::Entry(entry) => &entry.origin,
            Line::Disable { origin, .. } => origin,
        }
    }

    /// The surface and kind that identify what the line adds, replaces or
    /// switches off.
    pub fn key(&self) -> (&str, &str) {
        match self {
            Line::Entry(entry) => (&entry.surface, &entry.kind),
            Line::Disable { surface, kind, .. } => (surface, kind),
        }
    }
}

/// Parses one gazetteer file into its entries (lines that switch an entry
/// off are left out: see `parse_lines`). `file` names the file in error
/// messages and in each entry's `Origin`.
pub fn parse_list(file: &str, content: &str) -> Result<Vec<Entry>, GazetteerError> {
    Ok(parse_lines(file, false, content)?
        .into_iter()
        .filter_map(Line::into_entry)
        .collect())
}

/// Parses one gazetteer file, stopping at its first malformed line.
pub fn parse_lines(file: &str, built_in: bool, content: &str) -> Result<Vec<Line>, GazetteerError> {
    let file: std::sync::Arc<str> = file.into();
    let mut lines = Vec::new();
    for (index, raw) in content.lines().enumerate() {
        let origin = Origin {
            file: file.clone(),
            line: index + 1,
            built_in,
        };
        match parse_line(raw, origin) {
            Ok(Some(line)) => lines.push(line),
            Ok(None) => {}
            Err((origin, problem)) => {
                return Err(GazetteerError {
                    file: origin.file.to_string(),
                    line: origin.line,
                    problem,
                })
            }
        }
    }
    Ok(lines)
}

/// Parses one line of a gazetteer file: `None` for a comment or a blank
/// line, the problem for a malformed one.
pub fn parse_line(raw: &str, origin: Origin) -> Result<Option<Line>, (Origin, String)> {
    let line = raw.trim_end_matches('\r');
    if line.trim().is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let columns: Vec<&str> = line.split('\t').collect();
    if columns.len() > 4 {
        return Err((
            origin,
            format!(
                "expected at most 4 TAB-separated columns (surface, canonical, kind, attributes), found {}",
                columns.len()
            ),
        ));
    }
    let (surface, disable) = match columns[0].trim() {
        s if s.starts_with('!') => (s[1..].trim(), true),
        s => (s, false),
    };
    if surface.is_empty() {
        return Err((origin, "the surface form (first column) is empty".into()));
    }
    let kind = match columns.get(2).map(|c| c.trim()) {
        None | Some("") | Some("-") => {
            return Err((
                origin,
                "the kind (third column) is missing; each file's header lists its kinds".into(),
            ))
        }
        Some(k) => k.to_string(),
    };
    if disable {
        let canonical = match columns.get(1).map(|c| c.trim()) {
            None | Some("") | Some("-") => None,
            Some(c) => Some(c.to_string()),
        };
        return Ok(Some(Line::Disable {
            surface: surface.to_string(),
            kind,
            canonical,
            origin,
        }));
    }
    let canonical = match columns.get(1).map(|c| c.trim()) {
        None | Some("") | Some("-") => surface.to_string(),
        Some(c) => c.to_string(),
    };
    let mut attrs = Vec::new();
    if let Some(raw_attrs) = columns.get(3).map(|c| c.trim()) {
        if !raw_attrs.is_empty() && raw_attrs != "-" {
            for pair in raw_attrs.split(';').filter(|p| !p.trim().is_empty()) {
                let Some((key, value)) = pair.split_once('=') else {
                    return Err((
                        origin,
                        format!(
                            "attribute {pair:?} is not of the form key=value (pairs are separated by ';')"
                        ),
                    ));
                };
                if key.trim().is_empty() {
                    return Err((origin, format!("attribute {pair:?} has an empty key")));
                }
                attrs.push((key.trim().to_string(), value.trim().to_string()));
            }
        }
    }
    Ok(Some(Line::Entry(Entry {
        surface: surface.to_string(),
        canonical,
        kind,
        attrs,
        origin,
    })))
}

/// A match of a [`PhraseMatcher`]: which entry, where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    pub span: ByteSpan,
    /// Index into the entries the matcher was built from.
    pub entry: usize,
}

/// Finds gazetteer phrases in text with the shared matching rules: case
/// (capitalised surfaces match as written or in ALL CAPS, lower-case surfaces
/// in any case), word boundaries, and the longest match where matches overlap.
///
/// The surfaces are split among up to three parts, because where a part is
/// tried decides most of the cost:
///
/// 1. surfaces that start with a capital letter ("Human Rights Watch", with
///    their ALL CAPS forms): case-sensitive, tried only where a capitalised
///    word starts, a few places per sentence;
/// 2. other surfaces written with a capital ("eSwatini", "al-Hol", "the
///    Ukraine"): case-sensitive, tried at every token start;
/// 3. lower-case surfaces: ASCII case-insensitive, tried at every token
///    start (where a word starts, and at every character that is no letter
///    or digit, "$"), about one place in six bytes. (A case-insensitive
///    search for "Male" or "Nice" would stop at every "male" and "nice" only
///    to reject it: hence the split.)
///
/// Each part is walked from those places, a state per byte until no surface
/// goes on: the capitalised part, the largest (every place name) and walked
/// from the fewest places, as a trie (`trie.rs`), built in one pass
/// over its phrases; the others as anchored DFAs, which cost more to build
/// and less to walk (measured: a trie for every part saved 200 M
/// instructions of start-up and cost 60 M more per MB of news), or as tries
/// when a list is too large for a DFA. A scan of an
/// Aho-Corasick automaton over every byte found the same matches: one that
/// starts inside a word ("men" in "government") is rejected for its word
/// boundary, and the scan went on after that word, where the next token
/// starts.
///
/// Matches of the parts are merged: leftmost first, the longest where they
/// overlap.
pub struct PhraseMatcher {
    parts: Vec<MatcherPart>,
    /// The keys of the first tokens of all parts' patterns: a matcher of
    /// several parts reads a text's tokens once for them, and each part
    /// walks from the tokens that pass only.
    first_tokens: FirstTokens,
    entries: Vec<Entry>,
}

/// One part of a [`PhraseMatcher`].
struct MatcherPart {
    walker: Walker,
    /// The keys of the patterns' first tokens: no walk starts at a token
    /// whose key is not among them.
    first_tokens: FirstTokens,
    /// Every pattern starts with a capital letter: walked only from the
    /// words that start with one.
    capitals_only: bool,
    /// Per pattern: the entries with that surface.
    pattern_entries: Vec<Vec<usize>>,
}

/// The keys ([`crate::tokens::token_key`]) of the first tokens of a part's
/// patterns, as bits of a table (a key that shares a bit with one of them
/// passes too: the filter may let a token through, never turn one away).
///
/// A pattern that matches at a token start and passes its word boundaries
/// begins with that token, in the ASCII case the automaton folds: the
/// token ends where the pattern's first token ends (a word of the pattern
/// is followed in it by a character that is no letter or digit, or ends it
/// at a word boundary; a symbol is a token of one character). So a token
/// whose key is not among the first tokens' starts no match, and most
/// tokens of a text are turned away by one bit test instead of a walk.
struct FirstTokens {
    bits: Vec<u64>,
    /// log2 of the number of bits.
    shift: u32,
}

impl FirstTokens {
    /// An empty table sized for `count` patterns: about 16 bits a
    /// pattern, between 64 and 2^20.
    fn new(count: usize) -> FirstTokens {
        let log2 = (count.max(4) * 16)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(6, 20);
        FirstTokens {
            bits: vec![0; 1 << (log2 - 6)],
            shift: 64 - log2,
        }
    }

    /// The key of each pattern's first token; `None` for a pattern of
    /// white space only (which no list holds), which every token may start.
    fn keys_of(patterns: &[String]) -> Vec<Option<u64>> {
        patterns
            .iter()
            .map(|pattern| Tokens::new(pattern).keys().first().copied())
            .collect()
    }

    /// Adds the first-token keys `keys` ([`FirstTokens::keys_of`]).
    fn add(&mut self, keys: &[Option<u64>]) {
        for key in keys {
            match key {
                Some(key) => self.insert(*key),
                None => self.bits.iter_mut().for_each(|b| *b = u64::MAX),
            }
        }
    }

    fn bit(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn insert(&mut self, key: u64) {
        let bit = self.bit(key);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    #[inline]
    fn may_start(&self, key: u64) -> bool {
        let bit = self.bit(key);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// What a part walks from a token start.
enum Walker {
    /// A large table walked from few places (capitalised words): a trie,
    /// built in one pass over its phrases.
    Trie(PhraseTrie),
    /// A table walked from every token start: a DFA, a table lookup a byte.
    Dfa(Box<AnchoredDfa>),
}

/// A DFA with an anchored start only, walked by hand from the places where
/// a pattern may start.
struct AnchoredDfa {
    dfa: aho_corasick::dfa::DFA,
    /// The bytes a pattern can start with (in either ASCII case when the
    /// DFA folds case): no walk starts at any other. (A filter on the first
    /// two bytes rejected too few more to pay: measured.)
    first_bytes: [bool; 256],
}

impl AnchoredDfa {
    /// The DFA of `patterns`, or an error when they need more states than
    /// it can number (a very large user list).
    fn build(
        patterns: &[String],
        case_insensitive: bool,
    ) -> Result<AnchoredDfa, aho_corasick::BuildError> {
        let dfa = aho_corasick::dfa::DFA::builder()
            .ascii_case_insensitive(case_insensitive)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .prefilter(false)
            .build(patterns)?;
        let mut first_bytes = [false; 256];
        for &byte in patterns.iter().filter_map(|p| p.as_bytes().first()) {
            first_bytes[usize::from(byte)] = true;
            if case_insensitive {
                first_bytes[usize::from(byte.to_ascii_lowercase())] = true;
                first_bytes[usize::from(byte.to_ascii_uppercase())] = true;
            }
        }
        Ok(AnchoredDfa { dfa, first_bytes })
    }
}

/// The matches of several parts merged: leftmost-longest, each span with
/// all its entries (adjacent, in entry order).
fn leftmost_longest(mut found: Vec<PhraseMatch>) -> Vec<PhraseMatch> {
    found.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end), m.entry));
    let mut kept: Vec<PhraseMatch> = Vec::with_capacity(found.len());
    let mut covered_until = 0;
    let mut last_span: Option<ByteSpan> = None;
    for m in found {
        if Some(m.span) == last_span {
            kept.push(m);
        } else if m.span.start >= covered_until {
            covered_until = m.span.end;
            last_span = Some(m.span);
            kept.push(m);
        }
    }
    kept
}

/// Walks `automaton` from its anchored start over `haystack[at..]` until no
/// pattern goes on, remembering the longest pattern that starts at `at`.
/// (A state may also hold the patterns that end there but start later, as
/// "man" at the end of "human": they are not matches here.)
#[inline]
fn walk_longest<A: Automaton>(automaton: &A, haystack: &[u8], at: usize) -> Option<(usize, usize)> {
    let mut state = automaton.start_state(Anchored::Yes).ok()?;
    let mut longest = None;
    for (offset, &byte) in haystack.get(at..)?.iter().enumerate() {
        state = automaton.next_state(Anchored::Yes, state, byte);
        if automaton.is_special(state) {
            if automaton.is_dead(state) {
                break;
            }
            if automaton.is_match(state) {
                let walked = offset + 1;
                if let Some(pattern) = (0..automaton.match_len(state))
                    .map(|i| automaton.match_pattern(state, i))
                    .find(|&pattern| automaton.pattern_len(pattern) == walked)
                {
                    longest = Some((pattern.as_usize(), at + walked));
                }
            }
        }
    }
    longest
}

impl PhraseMatcher {
    /// Builds the matcher for `part` (the words of an error message, "the
    /// trigger automaton") from entries of `files` ("triggers.tsv").
    pub fn new<'e>(
        part: &str,
        files: &str,
        entries: impl IntoIterator<Item = &'e Entry>,
    ) -> Result<PhraseMatcher, BuildError> {
        let entries: Vec<Entry> = entries.into_iter().cloned().collect();
        let mut capitalised = PatternTable::default();
        let mut other_cased = PatternTable::default();
        let mut folded = PatternTable::default();
        let mut add_exact = |pattern: String, entry: usize| {
            if pattern.chars().next().is_some_and(char::is_uppercase) {
                capitalised.add(pattern, entry);
            } else {
                other_cased.add(pattern, entry);
            }
        };
        for (i, entry) in entries.iter().enumerate() {
            if entry.surface.chars().any(char::is_uppercase) {
                add_exact(entry.surface.clone(), i);
                let upper = entry.surface.to_uppercase();
                if upper != entry.surface && upper.chars().any(char::is_alphabetic) {
                    add_exact(upper, i);
                }
            } else {
                folded.add(entry.surface.to_ascii_lowercase(), i);
                // The automaton folds ASCII case only: a lower-case surface
                // in another script ("мая", "ağustos") also needs its
                // capitalised and upper-case forms to match in any case.
                if !entry.surface.is_ascii() {
                    folded.add(capitalise(&entry.surface), i);
                    folded.add(entry.surface.to_uppercase(), i);
                }
            }
        }
        let mut parts = Vec::new();
        let mut first_tokens = FirstTokens::new(
            capitalised.patterns.len() + other_cased.patterns.len() + folded.patterns.len(),
        );
        // (table, capitals only, case-insensitive)
        for (table, capitals_only, case_insensitive) in [
            (capitalised, true, false),
            (other_cased, false, false),
            (folded, false, true),
        ] {
            if table.patterns.is_empty() {
                continue;
            }
            let count = table.patterns.len();
            // A list too large for a DFA is walked as a trie.
            let dfa = (!capitals_only)
                .then(|| AnchoredDfa::build(&table.patterns, case_insensitive).ok())
                .flatten();
            let walker = match dfa {
                Some(dfa) => Walker::Dfa(Box::new(dfa)),
                None => Walker::Trie(
                    PhraseTrie::new(&table.patterns, case_insensitive)
                        .map_err(|_| BuildError::phrase_table(part, files, count))?,
                ),
            };
            let keys = FirstTokens::keys_of(&table.patterns);
            first_tokens.add(&keys);
            let mut part_first_tokens = FirstTokens::new(keys.len());
            part_first_tokens.add(&keys);
            parts.push(MatcherPart {
                first_tokens: part_first_tokens,
                walker,
                capitals_only,
                pattern_entries: table.entries,
            });
        }
        Ok(PhraseMatcher {
            parts,
            first_tokens,
            entries,
        })
    }

    /// The entry a match names by its index.
    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries[index]
    }

    /// Non-overlapping matches, leftmost-longest, that start and end at word
    /// boundaries; where several entries share the winning span, all of them
    /// are returned (adjacent in the result, in entry order).
    pub fn find(&self, text: &str) -> Vec<PhraseMatch> {
        self.find_in(text, &Tokens::new(text))
    }

    /// [`PhraseMatcher::find`] with the tokens of `text` already computed
    /// (a document's, shared by every list looked up in it). As a cheap
    /// guard, tokens computed from a text of another length are not used:
    /// the text's own are computed instead.
    pub fn find_in(&self, text: &str, tokens: &Tokens) -> Vec<PhraseMatch> {
        let own;
        let tokens = if tokens.fit(text.len()) {
            tokens
        } else {
            own = Tokens::new(text);
            &own
        };
        self.find_from_tokens(text, tokens, 0..tokens.spans().len(), text.len())
    }

    /// [`PhraseMatcher::find_in`] over the part of the text at `range`, with
    /// the tokens of the whole text: the matches that start at a token
    /// starting in `range` and end by its end, with word boundaries read in
    /// the whole text. This is what [`PhraseMatcher::find`] finds in the
    /// slice `range` (at its offsets in the text), without reading the
    /// slice's tokens again, except where an end of the range cuts a word:
    /// the piece of a word there is no word. With tokens of another text
    /// the slice is read as `find` reads it; a range outside the text, or
    /// off its character boundaries, holds no match.
    pub fn find_within(&self, text: &str, tokens: &Tokens, range: ByteSpan) -> Vec<PhraseMatch> {
        if !tokens.fit(text.len()) || range.end > text.len() || range.start > range.end {
            let Some(slice) = text.get(range.start..range.end) else {
                return Vec::new();
            };
            let mut found = self.find(slice);
            for m in &mut found {
                m.span = ByteSpan::new(m.span.start + range.start, m.span.end + range.start);
            }
            return found;
        }
        let spans = tokens.spans();
        let first = spans.partition_point(|s| s.start < range.start);
        let last = first + spans[first..].partition_point(|s| s.start < range.end);
        self.find_from_tokens(text, tokens, first..last, range.end)
    }

    /// The match that ends at byte `end` of the text, as the last match
    /// of the `reach` bytes before `end` ([`PhraseMatcher::find_within`]):
    /// the role noun right before a name ("human rights defender").
    pub fn ending_at(
        &self,
        text: &str,
        tokens: &Tokens,
        end: usize,
        reach: usize,
    ) -> Option<PhraseMatch> {
        let start = crate::tag::money::floor_char_boundary(text, end.saturating_sub(reach));
        let range = ByteSpan::new(start, end);
        let last = self.find_within(text, tokens, range).pop()?;
        (last.span.end == end).then_some(last)
    }

    /// The matches that start at the tokens `walked` (indices into
    /// `tokens`, the whole text's) and end by byte `limit`.
    fn find_from_tokens(
        &self,
        text: &str,
        tokens: &Tokens,
        walked: std::ops::Range<usize>,
        limit: usize,
    ) -> Vec<PhraseMatch> {
        let mut found = Vec::new();
        if let [part] = self.parts.as_slice() {
            self.collect_walked(part, (text, limit), tokens, walked, &mut found);
            return found;
        }
        // The tokens that may start a pattern of some part, found once
        // (each part's own tests turn away every token this turns away: a
        // test compares).
        let keys = tokens.keys();
        let candidates: Vec<usize> = walked
            .filter(|&i| {
                keys.get(i)
                    .is_some_and(|&key| self.first_tokens.may_start(key))
            })
            .collect();
        for part in &self.parts {
            let candidates = candidates.iter().copied();
            self.collect_walked(part, (text, limit), tokens, candidates, &mut found);
        }
        leftmost_longest(found)
    }

    /// [`PhraseMatcher::find_in`] for a matcher of several parts, each part
    /// walked from every token: what the matcher's key filter is checked
    /// against.
    #[cfg(test)]
    fn find_unfiltered(&self, text: &str, tokens: &Tokens) -> Vec<PhraseMatch> {
        let mut found = Vec::new();
        for part in &self.parts {
            self.collect_walked(
                part,
                (text, text.len()),
                tokens,
                0..tokens.spans().len(),
                &mut found,
            );
        }
        leftmost_longest(found)
    }

    /// Walks the automaton of `part` from the start of each token whose
    /// first byte can start a pattern (`capitals_only`: of each word that
    /// starts with a capital letter) and takes the longest pattern there
    /// that ends at a word boundary, then goes on after it.
    ///
    /// This finds what a scan of the automaton over every byte found: a
    /// match that starts inside a word fails its word boundary, and such a
    /// scan then went on after the word, where the next token starts; one
    /// whose longest pattern fails at a token start went on after that
    /// token's word (or symbol), where the next token starts.
    ///
    /// `candidates` are the indices of the tokens to try, in order: all, or
    /// those the matcher's keys let through (a token no part may start at
    /// is passed over as the part's own tests would pass it over).
    ///
    /// A match ends by byte `limit` of the text (its length, or the end of
    /// the range of [`PhraseMatcher::find_within`]).
    fn collect_walked(
        &self,
        part: &MatcherPart,
        (text, limit): (&str, usize),
        tokens: &Tokens,
        candidates: impl Iterator<Item = usize>,
        out: &mut Vec<PhraseMatch>,
    ) {
        match &part.walker {
            Walker::Trie(trie) => self.collect_walked_with(
                part,
                |b| trie.may_start_with(b),
                |bytes, at| trie.longest_at(bytes, at),
                (text, limit),
                tokens,
                candidates,
                out,
            ),
            Walker::Dfa(walked) => self.collect_walked_with(
                part,
                |b| walked.first_bytes[usize::from(b)],
                |bytes, at| walk_longest(&walked.dfa, bytes, at),
                (text, limit),
                tokens,
                candidates,
                out,
            ),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn collect_walked_with(
        &self,
        part: &MatcherPart,
        may_start_with: impl Fn(u8) -> bool,
        longest_at: impl Fn(&[u8], usize) -> Option<(usize, usize)>,
        (text, limit): (&str, usize),
        tokens: &Tokens,
        candidates: impl Iterator<Item = usize>,
        out: &mut Vec<PhraseMatch>,
    ) {
        let bytes = text.as_bytes();
        let walked = bytes.get(..limit).unwrap_or(bytes);
        let spans = tokens.spans();
        let keys = tokens.keys();
        let mut after = 0;
        for i in candidates {
            let (Some(token), Some(&key)) = (spans.get(i), keys.get(i)) else {
                break;
            };
            let at = token.start;
            let Some(&first) = bytes.get(at) else {
                break;
            };
            if at < after || !may_start_with(first) || !part.first_tokens.may_start(key) {
                continue;
            }
            if part.capitals_only {
                let capital = if first.is_ascii() {
                    first.is_ascii_uppercase()
                } else {
                    text.get(at..)
                        .and_then(|rest| rest.chars().next())
                        .is_some_and(char::is_uppercase)
                };
                if !capital {
                    continue;
                }
            }
            let Some((pattern, end)) = longest_at(walked, at) else {
                continue;
            };
            let span = ByteSpan::new(at, end);
            let entries = &part.pattern_entries[pattern];
            let ok = text.is_char_boundary(end)
                && entries
                    .first()
                    .is_some_and(|&e| at_word_boundaries(text, span, &self.entries[e].surface));
            if ok {
                out.extend(entries.iter().map(|&entry| PhraseMatch { span, entry }));
                after = end;
            }
        }
    }
}

#[derive(Default)]
struct PatternTable {
    /// Keyed by our own lists' surfaces, not by input: the Fx hash.
    index: rustc_hash::FxHashMap<String, usize>,
    patterns: Vec<String>,
    entries: Vec<Vec<usize>>,
}

impl PatternTable {
    fn add(&mut self, pattern: String, entry: usize) {
        let p = match self.index.get(&pattern) {
            Some(&p) => p,
            None => {
                self.index.insert(pattern.clone(), self.patterns.len());
                self.patterns.push(pattern);
                self.entries.push(Vec::new());
                self.patterns.len() - 1
            }
        };
        if !self.entries[p].contains(&entry) {
            self.entries[p].push(entry);
        }
    }
}

/// The largest compiled rule pattern, in bytes of heap. The regex crate's
/// default (10 MiB) is hit by a user list of about ten thousand phrases in
/// one rule; this allows tens of thousands, at a few hundred MiB at most.
pub const RULE_SIZE_LIMIT: usize = 256 << 20;

/// The lazy DFA cache of one rule, per thread. A larger cache keeps it from
/// being rebuilt on long texts.
pub const RULE_DFA_CACHE: usize = 32 << 20;

/// Compiles a rule pattern built from gazetteer entries of `files`, for
/// `part` (the words of an error message: "the temporal rule date.holiday").
pub fn compile_rule(part: &str, files: &str, pattern: &str) -> Result<regex::Regex, BuildError> {
    compile_rule_within(part, files, pattern, RULE_SIZE_LIMIT)
}

/// [`compile_rule`] with another size limit (a test's).
pub(crate) fn compile_rule_within(
    part: &str,
    files: &str,
    pattern: &str,
    size_limit: usize,
) -> Result<regex::Regex, BuildError> {
    regex::RegexBuilder::new(pattern)
        .size_limit(size_limit)
        .dfa_size_limit(RULE_DFA_CACHE)
        .build()
        .map_err(|e| BuildError::regex(part, files, &e))
}

/// The matcher of person descriptors ("human rights defender",
/// "journalists": `person_descriptors.tsv`, kind `descriptor`), which the
/// name tagger and the event stage both read.
pub fn descriptor_matcher(gazetteers: &Gazetteers) -> Result<PhraseMatcher, BuildError> {
    PhraseMatcher::new(
        "the person descriptor automaton",
        "person_descriptors.tsv",
        gazetteers.kind("person_descriptors", "descriptor"),
    )
}

/// `word` with its first letter in upper case ("мая" → "Мая").
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The case rule: a surface with a capital letter matches as written or in
/// ALL CAPS; an all-lower-case surface matches in any case.
#[cfg(test)]
pub fn case_matches(surface: &str, matched: &str) -> bool {
    if !surface.chars().any(char::is_uppercase) {
        return true;
    }
    surface == matched
        || (matched.chars().any(char::is_alphabetic) && surface.to_uppercase() == matched)
}

/// Whether `span` starts and ends at word boundaries. An edge of the surface
/// that is not a letter or digit (`$`, `Mr.`) needs no boundary on that side.
pub fn at_word_boundaries(text: &str, span: ByteSpan, surface: &str) -> bool {
    let first_is_word = surface.chars().next().is_some_and(char::is_alphanumeric);
    let last_is_word = surface
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let before_ok = !first_is_word
        || text[..span.start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = !last_is_word
        || text[span.end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(tsv: &str) -> Vec<Entry> {
        parse_list("test.tsv", tsv).unwrap()
    }

    /// The shipped lists with `files` (name, content) as a user's folder.
    fn overlaid(files: &[(&str, &str)]) -> Result<Gazetteers, GazetteerError> {
        let dir = tempfile::tempdir().unwrap();
        for (name, content) in files {
            std::fs::write(dir.path().join(name), content).unwrap();
        }
        Gazetteers::with_overlay(dir.path())
    }

    fn find<'g>(g: &'g Gazetteers, list: &str, surface: &str, kind: &str) -> Option<&'g Entry> {
        g.list(list)
            .iter()
            .find(|e| e.surface == surface && e.kind == kind)
    }

    #[test]
    fn entries_know_their_file_and_line() {
        let g = overlaid(&[(
            "triggers.tsv",
            "# mine\n\nheld incommunicado\tarrest\tverb\n",
        )])
        .unwrap();
        let mine = find(&g, "triggers", "held incommunicado", "verb").unwrap();
        assert_eq!(mine.origin.line, 3);
        assert!(!mine.origin.built_in);
        assert!(
            mine.origin.to_string().ends_with("triggers.tsv:3"),
            "{}",
            mine.origin
        );
        let shipped = find(&g, "triggers", "arrested", "verb").unwrap();
        assert!(shipped.origin.built_in);
        let line = include_str!("../../gazetteers/triggers.tsv")
            .lines()
            .position(|l| l.starts_with("arrested\t"))
            .unwrap();
        assert_eq!(
            shipped.origin.to_string(),
            format!("triggers.tsv:{} (built-in)", line + 1)
        );
    }

    #[test]
    fn a_bang_line_switches_a_shipped_entry_off() {
        assert!(find(
            &Gazetteers::embedded().unwrap(),
            "triggers",
            "picked up",
            "verb"
        )
        .is_some());
        let g = overlaid(&[("triggers.tsv", "!picked up\t-\tverb\n")]).unwrap();
        assert!(find(&g, "triggers", "picked up", "verb").is_none());
        assert!(find(&g, "triggers", "picked up by police", "verb").is_some());
    }

    #[test]
    fn entries_of_another_canonical_form_are_added_beside() {
        let count = |g: &Gazetteers, canonical: &str| {
            g.list("event_cues")
                .iter()
                .filter(|e| {
                    e.surface == "support" && e.kind == "object_sense" && e.canonical == canonical
                })
                .count()
        };
        let g = overlaid(&[("event_cues.tsv", "support\trelease\tobject_sense\n")]).unwrap();
        assert_eq!(
            (count(&g, "gather"), count(&g, "whip"), count(&g, "release")),
            (1, 1, 1)
        );
        let g = overlaid(&[("event_cues.tsv", "!support\twhip\tobject_sense\n")]).unwrap();
        assert_eq!((count(&g, "gather"), count(&g, "whip")), (1, 0));
        let g = overlaid(&[("event_cues.tsv", "!support\t-\tobject_sense\n")]).unwrap();
        assert_eq!((count(&g, "gather"), count(&g, "whip")), (0, 0));
        let error = overlaid(&[("event_cues.tsv", "!support\tflog\tobject_sense\n")]).unwrap_err();
        assert!(error.problem.contains("canonical form \"flog\""), "{error}");
    }

    #[test]
    fn no_shipped_list_holds_a_line_twice() {
        for (list, content) in EMBEDDED {
            let mut seen = std::collections::HashSet::new();
            for (i, line) in content.lines().enumerate() {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                assert!(
                    seen.insert(line),
                    "{list}.tsv:{} repeats a line: {line:?}",
                    i + 1
                );
            }
        }
    }

    #[test]
    fn a_bang_line_switches_off_every_shipped_entry_of_its_key() {
        // Shipped once as a noun; a user's two lines of the key (a
        // replacement and a switch-off) leave nothing of it.
        let shipped = Gazetteers::embedded().unwrap();
        let count = |g: &Gazetteers| {
            g.list("triggers")
                .iter()
                .filter(|e| e.surface == "road blockade" && e.kind == "noun")
                .count()
        };
        assert_eq!(count(&shipped), 1);
        let off = overlaid(&[("triggers.tsv", "!road blockade\t-\tnoun\n")]).unwrap();
        assert_eq!(count(&off), 0);
        let replaced = overlaid(&[("triggers.tsv", "road blockade\tprotest\tnoun\n")]).unwrap();
        assert_eq!(count(&replaced), 1);
        // Replaced first, then switched off: the shipped key is still one
        // to switch off, and nothing of it stays.
        let both = "road blockade\tprotest\tnoun\n!road blockade\t-\tnoun\n";
        assert_eq!(count(&overlaid(&[("triggers.tsv", both)]).unwrap()), 0);
    }

    #[test]
    fn a_user_line_replaces_the_shipped_entry_of_its_surface_and_kind() {
        let g = overlaid(&[("triggers.tsv", "picked up\tarrest\tverb\tneeds=held\n")]).unwrap();
        let entries: Vec<_> = g
            .list("triggers")
            .iter()
            .filter(|e| e.surface == "picked up" && e.kind == "verb")
            .collect();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].attr("needs"), Some("held"));
    }

    #[test]
    fn strict_loading_names_the_line_of_each_fault() {
        let cases = [
            (
                "triggers.tsv",
                "held\tarrest\tverb\n\nheld incommunicado\tarest\tverb\n",
                3,
                "unknown event type \"arest\"",
            ),
            (
                "triggers.tsv",
                "held incommunicado\tarrest\tphrase\n",
                1,
                "unknown form",
            ),
            (
                "triggers.tsv",
                "held incommunicado\tarrest\tverb\tsubjet=agent\n",
                1,
                "unknown attribute \"subjet\"",
            ),
            (
                "cities.tsv",
                "# x\nKhujand\t-\tcty\tcc=TJ\n",
                2,
                "unknown kind (third column) \"cty\"",
            ),
            (
                "organisations.tsv",
                "Rights Now\t-\tngo\tacronym=maybe\n",
                1,
                "acronym=maybe",
            ),
            (
                "triggers.tsv",
                "!picked upp\t-\tverb\n",
                1,
                "switches off nothing",
            ),
        ];
        for (file, content, line, problem) in cases {
            let error = overlaid(&[(file, content)]).unwrap_err();
            assert_eq!(error.line, line, "{error}");
            assert!(error.file.ends_with(file), "{error}");
            assert!(error.problem.contains(problem), "{problem}: {error}");
        }
    }

    #[test]
    fn embedded_lists_parse() {
        for (name, content) in EMBEDDED {
            if let Err(e) = parse_list(name, content) {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn parses_columns_defaults_and_attributes() {
        let list = entries(
            "# a comment\n\nKazakh\tKazakhstan\tdemonym\tcc=KZ;ambiguous=1\npolice\t-\tstate\n",
        );
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].canonical, "Kazakhstan");
        assert_eq!(list[0].attr("cc"), Some("KZ"));
        assert!(list[0].flag("ambiguous"));
        assert_eq!(list[1].canonical, "police");
        assert!(list[1].attrs.is_empty());
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let err = parse_list("x.tsv", "ok\t-\tk\n\t-\tk\n").unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("x.tsv", 2));
        let err = parse_list("x.tsv", "a\t-\tk\tnot-a-pair\n").unwrap_err();
        assert!(err.problem.contains("key=value"), "{}", err.problem);
        let err = parse_list("x.tsv", "a\t-\n").unwrap_err();
        assert!(err.problem.contains("kind"));
        let err = parse_list("x.tsv", "a\tb\tc\td\te\n").unwrap_err();
        assert!(err.problem.contains("at most 4"));
    }

    #[test]
    fn case_rule() {
        assert!(case_matches("Georgia", "Georgia"));
        assert!(case_matches("Georgia", "GEORGIA"));
        assert!(!case_matches("Georgia", "georgia"));
        assert!(case_matches("riot police", "Riot Police"));
    }

    #[test]
    fn the_match_ending_at_a_place_is_the_last_one_before_it() {
        let list = entries("human rights defender\t-\td\ndefender\t-\td\nlawyer\t-\td\n");
        let matcher = PhraseMatcher::new("test", "test.tsv", &list).unwrap();
        let text = "the lawyer and human rights defender Dana said";
        let tokens = Tokens::new(text);
        let end = text.find(" Dana").unwrap();
        let found = matcher.ending_at(text, &tokens, end, 64).unwrap();
        assert_eq!(found.span.slice(text), "human rights defender");
        // Within a reach that cuts "human", the longest is what is left.
        let found = matcher.ending_at(text, &tokens, end, 18).unwrap();
        assert_eq!(found.span.slice(text), "defender");
        // No match ends at "and".
        assert_eq!(
            matcher.ending_at(text, &tokens, text.find(" human").unwrap(), 64),
            None
        );
    }

    #[test]
    fn matcher_respects_boundaries_case_and_longest_match() {
        let list = entries(
            "Human Rights\t-\tx\nHuman Rights Watch\t-\tngo\npolice\t-\tstate\nriot police\t-\tstate\n$\tUSD\tsymbol\nChad\t-\tcountry\n",
        );
        let matcher = PhraseMatcher::new("test", "test.tsv", &list).unwrap();
        let text = "Human Rights Watch said Riot police hit policemen in Chad; chad; $5.";
        let found: Vec<_> = matcher
            .find(text)
            .iter()
            .map(|m| m.span.slice(text).to_string())
            .collect();
        assert_eq!(found, ["Human Rights Watch", "Riot police", "Chad", "$"]);
    }
}

/// A word (or short phrase) lookup table that applies the shared case rule:
/// a key written with capitals matches as written or in ALL CAPS, a key in
/// lower case matches in any case.
///
/// Lookups happen for nearly every word of every document, so the table uses
/// the Fx hash (fast on short keys; the keys are our own data, not input).
#[derive(Clone, Debug)]
pub struct Lexicon<T> {
    exact: rustc_hash::FxHashMap<String, T>,
    folded: rustc_hash::FxHashMap<String, T>,
    /// The length of the longest key, in bytes: an ASCII word longer than
    /// that is in neither table (ASCII case folding keeps lengths), so it is
    /// answered without hashing. Most words looked up in a short list
    /// (pronouns, particles, honorifics) are longer than all its keys.
    longest_key: usize,
    /// For each ASCII first byte (in either case), the lengths of the keys
    /// that start with it, one bit per length (the last bit for 63 bytes
    /// and more): an ASCII word whose first byte and length no key has is
    /// answered without hashing. Keys that start outside ASCII are not
    /// counted: a word that does is always looked up.
    shapes: Box<[u64; 128]>,
}

/// The value of `word` in lower case in `folded`.
fn get_lower_case<'m, T>(
    folded: &'m rustc_hash::FxHashMap<String, T>,
    word: &str,
) -> Option<&'m T> {
    if word.is_ascii() {
        // Most lookups are short ASCII words: they are lower-cased on the
        // stack, not in a new string.
        let mut buffer = [0u8; 64];
        if let Some(lowered) = buffer.get_mut(..word.len()) {
            lowered.copy_from_slice(word.as_bytes());
            lowered.make_ascii_lowercase();
            return std::str::from_utf8(lowered)
                .ok()
                .and_then(|key| folded.get(key));
        }
    }
    if word.chars().any(char::is_uppercase) {
        folded.get(&word.to_lowercase())
    } else {
        folded.get(word)
    }
}

/// The bit of a key or word length in [`Lexicon`]'s shapes.
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

impl<T> Default for Lexicon<T> {
    fn default() -> Self {
        Lexicon {
            exact: Default::default(),
            folded: Default::default(),
            longest_key: 0,
            shapes: Box::new([0; 128]),
        }
    }
}

impl<T: Clone> Lexicon<T> {
    /// Builds the table from `(surface, value)` pairs; a later pair with the
    /// same surface replaces an earlier one.
    pub fn new<'s>(pairs: impl IntoIterator<Item = (&'s str, T)>) -> Lexicon<T> {
        let mut lexicon = Lexicon::default();
        for (surface, value) in pairs {
            lexicon.insert(surface, value);
        }
        lexicon
    }

    /// Adds `surface` with its value (the case rule of `gazetteers/README.md`).
    pub fn insert(&mut self, surface: &str, value: T) {
        self.add_shape(surface);
        if surface.chars().any(char::is_uppercase) {
            self.add_shape(&surface.to_uppercase());
            let upper = surface.to_uppercase();
            self.longest_key = self.longest_key.max(upper.len()).max(surface.len());
            self.exact.insert(upper, value.clone());
            self.exact.insert(surface.to_string(), value);
        } else {
            self.longest_key = self.longest_key.max(surface.len());
            self.folded.insert(surface.to_string(), value);
        }
    }

    fn add_shape(&mut self, key: &str) {
        if let Some(&first) = key.as_bytes().first().filter(|b| b.is_ascii()) {
            for byte in [first.to_ascii_lowercase(), first.to_ascii_uppercase()] {
                self.shapes[usize::from(byte)] |= length_bit(key.len());
            }
        }
    }

    /// The value of `word`. Inlined where it is asked: most words are
    /// answered by their length and first byte alone (see `shapes`); the
    /// others are hashed out of line (`get_hashed`).
    #[inline]
    pub fn get(&self, word: &str) -> Option<&T> {
        let ascii = word.is_ascii();
        if ascii {
            let first = usize::from(*word.as_bytes().first()?);
            if word.len() > self.longest_key || self.shapes[first] & length_bit(word.len()) == 0 {
                return None;
            }
        }
        self.get_hashed(word, ascii)
    }

    /// [`Lexicon::get`] once the shapes let `word` through (`ascii`: whether
    /// it is ASCII).
    #[inline(never)]
    fn get_hashed(&self, word: &str, ascii: bool) -> Option<&T> {
        if ascii && !word.bytes().any(|b| b.is_ascii_uppercase()) {
            // Every key of `exact` holds a capital: a lower-case word is
            // looked up in `folded` only.
            return self.folded.get(word);
        }
        if let Some(value) = self.exact.get(word) {
            return Some(value);
        }
        if self.folded.is_empty() {
            return None;
        }
        get_lower_case(&self.folded, word)
    }

    /// Whether `word` is in the lexicon.
    pub fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// The words of this table as a set: `contains` answers as here.
    pub fn key_set(&self) -> Lexicon<()> {
        Lexicon {
            exact: self.exact.keys().map(|k| (k.clone(), ())).collect(),
            folded: self.folded.keys().map(|k| (k.clone(), ())).collect(),
            longest_key: self.longest_key,
            shapes: self.shapes.clone(),
        }
    }
}

impl<F: Copy + Default + std::ops::BitOrAssign> Lexicon<F> {
    /// Several word sets as one table: each word maps to the flags of the
    /// sets that hold it, as `contains` on each set would say, in one
    /// lookup. (A key written with capitals also takes the flags of the sets
    /// that hold its lower-case form, which match it in any case.)
    pub fn flags_of(sets: &[(&Lexicon<()>, F)]) -> Lexicon<F> {
        let mut out = Lexicon::<F>::default();
        for &(set, flag) in sets {
            out.longest_key = out.longest_key.max(set.longest_key);
            for (shape, other) in out.shapes.iter_mut().zip(set.shapes.iter()) {
                *shape |= other;
            }
            for key in set.exact.keys() {
                *out.exact.entry(key.clone()).or_default() |= flag;
            }
            for key in set.folded.keys() {
                *out.folded.entry(key.clone()).or_default() |= flag;
            }
        }
        let folded = &out.folded;
        for (key, flags) in out.exact.iter_mut() {
            if let Some(&lower) = get_lower_case(folded, key) {
                *flags |= lower;
            }
        }
        out
    }
}

impl Lexicon<()> {
    /// The surfaces of entries as a set.
    pub fn of_entries<'e>(entries: impl IntoIterator<Item = &'e Entry>) -> Lexicon<()> {
        Lexicon::new(entries.into_iter().map(|e| (e.surface.as_str(), ())))
    }
}

#[cfg(test)]
mod lexicon_tests {
    use super::*;

    /// Every lookup answers as the case rule says, whether or not the
    /// shapes of the keys let it skip the table.
    #[test]
    fn lookups_skipped_by_shape_answer_as_the_case_rule_says() {
        let keys = [
            "Jan",
            "co",
            "ağustos",
            "Über",
            "x",
            "UN",
            "police officer",
            "İzmir",
        ];
        let lexicon = Lexicon::new(keys.iter().map(|&k| (k, ())));
        let rule = |word: &str| {
            keys.iter().any(|&key| {
                if key.chars().any(char::is_uppercase) {
                    word == key || word == key.to_uppercase()
                } else {
                    word.to_lowercase() == key
                }
            })
        };
        let words = [
            "Jan",
            "JAN",
            "jan",
            "Ja",
            "Jane",
            "co",
            "CO",
            "Co",
            "cO",
            "c",
            "cow",
            "ağustos",
            "AĞUSTOS",
            "Ağustos",
            "Über",
            "ÜBER",
            "über",
            "x",
            "X",
            "UN",
            "un",
            "Un",
            "Police Officer",
            "POLICE OFFICER",
            "police",
            "İzmir",
            "İZMİR",
            "izmir",
            "",
        ];
        for word in words {
            assert_eq!(lexicon.contains(word), rule(word), "{word:?}");
        }
    }

    #[test]
    fn lexicon_applies_the_case_rule() {
        let lexicon = Lexicon::new([("Jan", 1), ("co", 2)]);
        assert_eq!(lexicon.get("Jan"), Some(&1));
        assert_eq!(lexicon.get("JAN"), Some(&1));
        assert_eq!(lexicon.get("jan"), None);
        assert_eq!(lexicon.get("Co"), Some(&2));
        assert_eq!(lexicon.get("co"), Some(&2));
        assert_eq!(lexicon.get("CO"), Some(&2));
    }

    #[test]
    fn words_longer_than_every_key_are_not_found_and_longer_keys_still_are() {
        let mut pronouns = Lexicon::new([("he", ()), ("They", ())]);
        assert!(pronouns.contains("he") && pronouns.contains("HE"));
        assert!(pronouns.contains("They") && pronouns.contains("THEY"));
        assert!(!pronouns.contains("heavy") && !pronouns.contains("Theyre"));
        // A key added later, longer than the others, is found in any case.
        pronouns.insert("themselves", ());
        assert!(pronouns.contains("Themselves") && pronouns.contains("THEMSELVES"));
        // A set of sets answers for the longest key of any of them.
        let long = Lexicon::new([("whoever", ())]);
        let both = Lexicon::flags_of(&[(&pronouns, 1), (&long, 2)]);
        assert_eq!(both.get("Whoever"), Some(&2));
        assert_eq!(both.get("themselves"), Some(&1));
        assert_eq!(both.get("whomsoever"), None);
    }

    #[test]
    fn flags_of_several_sets_answer_as_each_set_would() {
        let a = Lexicon::new([("Fed", ()), ("rally", ())]);
        let b = Lexicon::new([("fed", ()), ("match", ())]);
        let both = Lexicon::flags_of(&[(&a, 1), (&b, 2)]);
        for word in [
            "Fed", "FED", "fed", "rally", "Rally", "match", "MATCH", "other",
        ] {
            let expected = u8::from(a.contains(word)) | (u8::from(b.contains(word)) << 1);
            assert_eq!(both.get(word).copied().unwrap_or(0), expected, "{word}");
        }
    }

    /// Words of a few letters in mixed case, with a non-ASCII letter: keys
    /// of different sets often differ only in case.
    fn mixed_case_word() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec!['a', 'A', 'b', 'B', 'é', 'É', '.']),
            1..4,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    use proptest::prelude::*;

    proptest! {
        /// A table's key set holds the words the table holds.
        #[test]
        fn a_key_set_answers_as_its_table(
            keys in proptest::collection::vec((mixed_case_word(), any::<bool>()), 0..8),
            words in proptest::collection::vec(mixed_case_word(), 1..20),
        ) {
            let table = Lexicon::new(keys.iter().map(|(w, v)| (w.as_str(), *v)));
            let set = table.key_set();
            for word in words.iter().chain(keys.iter().map(|(w, _)| w)) {
                prop_assert_eq!(set.contains(word), table.contains(word), "{}", word);
            }
        }

        /// Up to nine sets merged into 16-bit flags answer every word as
        /// `contains` on each set does.
        #[test]
        fn flags_of_answers_as_each_set_does(
            sets in proptest::collection::vec(proptest::collection::vec(mixed_case_word(), 0..6), 1..10),
            words in proptest::collection::vec(mixed_case_word(), 1..20),
        ) {
            let lexicons: Vec<Lexicon<()>> = sets
                .iter()
                .map(|set| Lexicon::new(set.iter().map(|w| (w.as_str(), ()))))
                .collect();
            let flagged: Vec<(&Lexicon<()>, u16)> = lexicons
                .iter()
                .enumerate()
                .map(|(i, set)| (set, 1u16 << i))
                .collect();
            let merged = Lexicon::flags_of(&flagged);
            for word in words.iter().chain(sets.iter().flatten()) {
                let expected = flagged
                    .iter()
                    .filter(|(set, _)| set.contains(word))
                    .fold(0, |flags, (_, flag)| flags | flag);
                prop_assert_eq!(merged.get(word).copied().unwrap_or(0), expected, "{}", word);
            }
        }
    }
}

/// The walks from token starts against the definition they replace: an
/// automaton scanned over every byte, each match checked for its word
/// boundaries, the scan going on after the word where a match failed.
#[cfg(test)]
mod walk_tests {
    use super::*;
    use proptest::prelude::*;

    /// Lower-case surfaces (one automaton part) that start and end inside
    /// words of each other, with symbols and a non-ASCII word.
    const FOLDED: &str = "man\tman\thuman\nmen\tman\thuman\nhuman rights defender\t-\tdescriptor\n\
        police\t-\tstate\npolice officer\t-\tstate\n$\tUSD\tsymbol\nus$\tUSD\tsymbol\n\
        rights\t-\tx\nürümqi\t-\tcity\n-led\t-\tx\n";
    const FRAGMENTS: &[&str] = &[
        "man",
        "men",
        "hu",
        "human",
        " rights",
        " defender",
        "s",
        "police",
        " officer",
        "$",
        "US",
        "us",
        "5",
        " ",
        ", ",
        "-",
        "-led",
        "Ürümqi",
        "ÜRÜMQI",
        "é",
        "'",
        "MEN",
        "Police",
    ];

    /// The definition: one case-folded automaton of `entries` (all ASCII,
    /// all different) scanned over every byte; a match that fails its word
    /// boundaries is rejected and the scan goes on after the word where it
    /// started (or after its first character, if that is no letter or
    /// digit).
    fn scanned(text: &str, entries: &[Entry]) -> Vec<(usize, usize, String)> {
        let patterns: Vec<String> = entries
            .iter()
            .map(|e| e.surface.to_ascii_lowercase())
            .collect();
        let automaton = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .unwrap();
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(m) = automaton.find(aho_corasick::Input::new(text).range(at..)) {
            let span = ByteSpan::new(m.start(), m.end());
            let surface = &entries[m.pattern().as_usize()].surface;
            if at_word_boundaries(text, span, surface) {
                out.push((span.start, span.end, surface.clone()));
                at = span.end;
                continue;
            }
            let rest = &text[span.start..];
            let first = rest.chars().next().unwrap();
            at = span.start
                + if first.is_alphanumeric() {
                    rest.find(|c: char| !c.is_alphanumeric())
                        .unwrap_or(rest.len())
                } else {
                    first.len_utf8()
                };
        }
        out
    }

    fn walked(text: &str, matcher: &PhraseMatcher) -> Vec<(usize, usize, String)> {
        matcher
            .find(text)
            .iter()
            .map(|m| {
                (
                    m.span.start,
                    m.span.end,
                    matcher.entry(m.entry).surface.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn a_suffix_of_a_walked_word_is_no_match_at_its_start() {
        let entries = parse_list("t.tsv", FOLDED).unwrap();
        let matcher = PhraseMatcher::new("t", "t.tsv", &entries).unwrap();
        assert_eq!(
            walked("the human rights group", &matcher),
            [(10, 16, "rights".into())]
        );
        assert_eq!(
            walked("two men, US$5", &matcher),
            [(4, 7, "men".into()), (9, 12, "us$".into())]
        );
        assert_eq!(walked("a $5 fine", &matcher), [(2, 3, "$".into())]);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]
        /// A trie (for lists too large for a DFA) walks as the DFA does,
        /// folded or not.
        #[test]
        fn tries_walk_as_dfas_do(
            picks in proptest::collection::vec(0..FRAGMENTS.len(), 0..14),
            fold in proptest::bool::ANY,
        ) {
            let text: String = picks.iter().map(|&i| FRAGMENTS[i]).collect();
            let patterns: Vec<String> = parse_list("t.tsv", FOLDED)
                .unwrap()
                .iter()
                .flat_map(|e| [e.surface.clone(), e.surface.to_uppercase()])
                .collect();
            let dfa = AnchoredDfa::build(&patterns, fold).unwrap();
            let trie = PhraseTrie::new(&patterns, fold).unwrap();
            for at in 0..=text.len() {
                prop_assert_eq!(
                    trie.longest_at(text.as_bytes(), at),
                    walk_longest(&dfa.dfa, text.as_bytes(), at)
                );
            }
        }

        /// A matcher of several parts (capitalised, other-cased and folded
        /// patterns) finds the same with the tokens its keys let through as
        /// with every token.
        #[test]
        fn the_matchers_key_filter_turns_away_no_match(
            picks in proptest::collection::vec(0..FRAGMENTS.len(), 0..14)
        ) {
            let text: String = picks.iter().map(|&i| FRAGMENTS[i]).collect();
            let list = format!("{FOLDED}Police Officer\t-\tstate\nUS\tUSA\tcountry\nmEN\t-\tx\nÜrümqi\t-\tcity\n");
            let entries = parse_list("t.tsv", &list).unwrap();
            let matcher = PhraseMatcher::new("t", "t.tsv", &entries).unwrap();
            prop_assert!(matcher.parts.len() == 3);
            let tokens = Tokens::new(&text);
            prop_assert_eq!(matcher.find_in(&text, &tokens), matcher.find_unfiltered(&text, &tokens));
        }

        /// Within a range whose ends cut no word, the matches are those of
        /// the slice (at its offsets), for a matcher of one part and of
        /// several.
        #[test]
        fn matches_within_a_range_are_those_of_the_slice(
            picks in proptest::collection::vec(0..FRAGMENTS.len(), 0..14),
            from in 0usize..200,
            to in 0usize..200,
            several in proptest::bool::ANY,
        ) {
            let text: String = picks.iter().map(|&i| FRAGMENTS[i]).collect();
            let list = if several {
                format!("{FOLDED}Police Officer\t-\tstate\nUS\tUSA\tcountry\nmEN\t-\tx\n")
            } else {
                FOLDED.to_string()
            };
            let entries = parse_list("t.tsv", &list).unwrap();
            let matcher = PhraseMatcher::new("t", "t.tsv", &entries).unwrap();
            prop_assert_eq!(matcher.parts.len() > 1, several);
            let tokens = Tokens::new(&text);
            // Range ends where no word goes on across them.
            let cuts_no_word = |at: usize| {
                text.is_char_boundary(at)
                    && !(text[..at].chars().next_back().is_some_and(char::is_alphanumeric)
                        && text[at..].chars().next().is_some_and(char::is_alphanumeric))
            };
            let ends: Vec<usize> = (0..=text.len()).filter(|&at| cuts_no_word(at)).collect();
            let (a, b) = (ends[from % ends.len()], ends[to % ends.len()]);
            let range = ByteSpan::new(a.min(b), a.max(b));
            let shifted: Vec<PhraseMatch> = matcher
                .find(range.slice(&text))
                .into_iter()
                .map(|m| PhraseMatch {
                    span: ByteSpan::new(m.span.start + range.start, m.span.end + range.start),
                    entry: m.entry,
                })
                .collect();
            prop_assert_eq!(matcher.find_within(&text, &tokens, range), shifted);
        }

        #[test]
        fn walks_from_token_starts_find_what_a_scan_finds(
            picks in proptest::collection::vec(0..FRAGMENTS.len(), 0..14)
        ) {
            let text: String = picks.iter().map(|&i| FRAGMENTS[i]).collect();
            let entries = parse_list("t.tsv", FOLDED).unwrap();
            // The scan has one automaton: give it the ASCII surfaces only,
            // whose case folding the automaton does in full.
            let ascii: Vec<Entry> = entries.iter().filter(|e| e.surface.is_ascii()).cloned().collect();
            let matcher = PhraseMatcher::new("t", "t.tsv", &ascii).unwrap();
            prop_assert_eq!(walked(&text, &matcher), scanned(&text, &ascii));
        }
    }
}
