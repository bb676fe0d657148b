//! `civex gazetteers check DIR`: every problem of a user's rule folder at
//! once, with its `file:line`, before the folder feeds a tracker.
//!
//! What it finds, by severity:
//!
//! 1. **Errors** (a run with `--gazetteers DIR` would stop at the first):
//!    a file whose name is no list; a malformed line; a kind, event type,
//!    attribute key or value the list does not have (`schema.rs`); a `!`
//!    line that switches off no shipped entry.
//! 2. **Warnings** (the run goes on, but the line is probably not what was
//!    meant): a line that repeats a shipped entry word for word (it changes
//!    nothing: "already built in"); two lines of one folder with the same
//!    surface and kind (the later wins); an entry of several words in a
//!    list that is looked up one word at a time (`given_names.tsv`: "Mary
//!    Ann" can never match); a file that is not read (only `*.tsv` files
//!    are).
//! 3. **Notes**: a line that replaces a shipped entry, with what it
//!    changes.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

use super::{
    folder_files, list_name, parse_line, schema, unknown_list, Entry, GazetteerError, Gazetteers,
    Line, Origin,
};

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The folder cannot be loaded (`extract` would refuse it).
    Error,
    /// It loads, but a line does not do what it seems to.
    Warning,
    /// Worth knowing; nothing wrong.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// One problem of a rule folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The file, as given.
    pub file: String,
    /// 1-based; 0 when the finding concerns the whole file.
    pub line: usize,
    /// How much it matters.
    pub severity: Severity,
    /// What is wrong, and what to do.
    pub message: String,
}

impl fmt::Display for Finding {
    /// `rules/triggers.tsv:3: error: unknown event type "arest" …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}: {}", self.file, self.severity, self.message)
        } else {
            write!(
                f,
                "{}:{}: {}: {}",
                self.file, self.line, self.severity, self.message
            )
        }
    }
}

/// The lists whose entries are looked up one word (token) at a time (the
/// others are found as phrases in text, or built into patterns): an entry
/// of several words there can never match.
const WORD_LISTS: &[&str] = &["abbreviations", "given_names", "name_parts", "org_heads"];

/// Checks every file of `dir`; the findings come in file and line order.
/// Fails only when the folder cannot be read.
pub fn check_folder(dir: &Path) -> Result<Vec<Finding>, GazetteerError> {
    let paths = folder_files(dir)?;
    // The shipped lists, each parsed once whatever the files that extend it.
    let shipped = Gazetteers::embedded()?;
    let mut findings = Vec::new();
    // Per list, the lines of the folder seen so far, by surface and kind.
    let mut seen: HashMap<(String, String, String, String), Origin> = HashMap::new();
    for path in paths {
        let file = path.display().to_string();
        let finding = |line: usize, severity: Severity, message: String| Finding {
            file: file.clone(),
            line,
            severity,
            message,
        };
        if path.extension().is_none_or(|ext| ext != "tsv") {
            findings.push(finding(
                0,
                Severity::Warning,
                "not read: only *.tsv files of the folder are loaded".into(),
            ));
            continue;
        }
        let list = list_name(&path);
        if let Some(problem) = unknown_list(&list) {
            findings.push(finding(0, Severity::Error, problem));
            continue;
        }
        let content = match std::fs::read_to_string(&path) {
            Ok(content) => content,
            Err(e) => {
                findings.push(finding(
                    0,
                    Severity::Error,
                    format!("cannot read the file: {e}"),
                ));
                continue;
            }
        };
        let shipped_entries = shipped.list(&list);
        // The shipped entries of each surface and kind.
        let mut shipped_at: HashMap<(&str, &str), Vec<&Entry>> = HashMap::new();
        for e in shipped_entries {
            shipped_at
                .entry((e.surface.as_str(), e.kind.as_str()))
                .or_default()
                .push(e);
        }
        let kinds: BTreeSet<String> = shipped_entries.iter().map(|e| e.kind.clone()).collect();
        let file_name: std::sync::Arc<str> = file.as_str().into();
        for (index, raw) in content.lines().enumerate() {
            let origin = Origin {
                file: file_name.clone(),
                line: index + 1,
                built_in: false,
            };
            let line = match parse_line(raw, origin) {
                Ok(Some(line)) => line,
                Ok(None) => continue,
                Err((origin, problem)) => {
                    findings.push(finding(origin.line, Severity::Error, problem));
                    continue;
                }
            };
            let line_no = line.origin().line;
            let (surface, kind) = line.key();
            // Lines of one surface and kind replace each other (and of one
            // canonical form, where that is part of an entry's identity); a
            // switch-off line stands apart.
            let by_canonical = schema::canonical_in_key(&list, kind);
            let canonical = match &line {
                Line::Entry(entry) if by_canonical => entry.canonical.clone(),
                Line::Entry(_) => String::new(),
                Line::Disable { canonical, .. } => {
                    format!("!{}", canonical.as_deref().unwrap_or("-"))
                }
            };
            let key = (
                list.clone(),
                surface.to_string(),
                kind.to_string(),
                canonical,
            );
            if let Some(earlier) = seen.insert(key, line.origin().clone()) {
                findings.push(finding(
                    line_no,
                    Severity::Warning,
                    format!(
                        "same surface and kind as line {} ({surface:?}, {kind}): the later line wins",
                        earlier.line
                    ),
                ));
            }
            let shipped_here: &[&Entry] =
                shipped_at.get(&(surface, kind)).map_or(&[], Vec::as_slice);
            match &line {
                Line::Disable { canonical, .. } => {
                    let fits = |e: &&Entry| canonical.as_deref().is_none_or(|c| c == e.canonical);
                    if !shipped_here.iter().any(fits) {
                        let of = canonical
                            .as_deref()
                            .map(|c| format!(" and canonical form {c:?}"))
                            .unwrap_or_default();
                        findings.push(finding(
                            line_no,
                            Severity::Error,
                            format!("switches off nothing: {list}.tsv ships no entry {surface:?} of kind {kind:?}{of}"),
                        ));
                    }
                }
                Line::Entry(entry) => {
                    let problems = schema::problems(&list, entry, &kinds);
                    let valid = problems.is_empty();
                    for problem in problems {
                        findings.push(finding(line_no, Severity::Error, problem));
                    }
                    let replaced = shipped_here
                        .iter()
                        .find(|e| !by_canonical || e.canonical == entry.canonical);
                    match replaced {
                        Some(shipped) => {
                            findings.push(compare_with_shipped(entry, shipped, &finding))
                        }
                        None => {
                            if let Some(other) = shipped_here.first() {
                                findings.push(finding(
                                    line_no,
                                    Severity::Note,
                                    format!(
                                        "added beside the shipped entry of canonical form {:?} at {} (both are read; '!{}\t{}\t{}' switches that one off)",
                                        other.canonical,
                                        other.origin.location(),
                                        other.surface,
                                        other.canonical,
                                        other.kind
                                    ),
                                ));
                            }
                        }
                    }
                    if valid
                        && WORD_LISTS.contains(&list.as_str())
                        && entry.surface.contains(char::is_whitespace)
                    {
                        findings.push(finding(
                            line_no,
                            Severity::Warning,
                            format!(
                                "{:?} can never match: {list}.tsv is looked up one word at a time",
                                entry.surface
                            ),
                        ));
                    }
                }
            }
        }
    }
    Ok(findings)
}

/// A warning for a line that repeats its shipped entry, else a note of
/// what the line changes.
fn compare_with_shipped(
    entry: &Entry,
    shipped: &Entry,
    finding: &dyn Fn(usize, Severity, String) -> Finding,
) -> Finding {
    let mut ours = entry.attrs.clone();
    let mut theirs = shipped.attrs.clone();
    ours.sort();
    theirs.sort();
    if entry.canonical == shipped.canonical && ours == theirs {
        return finding(
            entry.origin.line,
            Severity::Warning,
            format!(
                "already built in at {}: this line changes nothing",
                shipped.origin.location()
            ),
        );
    }
    let mut changes = Vec::new();
    if entry.canonical != shipped.canonical {
        changes.push(format!("{:?} -> {:?}", shipped.canonical, entry.canonical));
    }
    if ours != theirs {
        let show = |attrs: &[(String, String)]| {
            if attrs.is_empty() {
                "-".to_string()
            } else {
                attrs
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(";")
            }
        };
        changes.push(format!("{} -> {}", show(&theirs), show(&ours)));
    }
    finding(
        entry.origin.line,
        Severity::Note,
        format!(
            "replaces the shipped entry at {}: {}",
            shipped.origin.location(),
            changes.join(", ")
        ),
    )
}

/// The counts of findings: (errors, warnings, notes).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(files: &[(&str, &str)]) -> Vec<Finding> {
        let dir = tempfile::tempdir().unwrap();
        for (name, content) in files {
            std::fs::write(dir.path().join(name), content).unwrap();
        }
        check_folder(dir.path()).unwrap()
    }

    #[test]
    fn a_clean_folder_has_no_findings() {
        let findings = check(&[(
            "triggers.tsv",
            "# mine\nfrogmarched\tarrest\tverb\tlemma=frogmarch;subject=agent;object=target;participle=1\n",
        )]);
        assert!(findings.is_empty(), "{findings:?}");
    }

    /// The planted faults of `tests/rules/faulty` (the CLI test
    /// `tests/rules.rs` checks every message; here, what they are).
    #[test]
    fn every_planted_fault_is_found_at_its_line() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules/faulty");
        let findings = check_folder(&dir).unwrap();
        let summary: Vec<(String, usize, Severity)> = findings
            .iter()
            .map(|f| {
                let name = Path::new(&f.file).file_name().unwrap().to_string_lossy();
                (name.into_owned(), f.line, f.severity)
            })
            .collect();
        let expected: Vec<(String, usize, Severity)> = [
            ("cities.tsv", 1, Severity::Error),
            ("cities.tsv", 2, Severity::Error),
            ("given_names.tsv", 2, Severity::Warning),
            ("notes.txt", 0, Severity::Warning),
            ("places.tsv", 0, Severity::Error),
            ("triggers.tsv", 2, Severity::Error),
            ("triggers.tsv", 3, Severity::Error),
            ("triggers.tsv", 4, Severity::Error),
            ("triggers.tsv", 5, Severity::Error),
            ("triggers.tsv", 6, Severity::Warning),
            ("triggers.tsv", 7, Severity::Note),
            ("triggers.tsv", 9, Severity::Warning),
            ("triggers.tsv", 10, Severity::Error),
            ("triggers.tsv", 11, Severity::Error),
            ("triggers.tsv", 12, Severity::Error),
        ]
        .into_iter()
        .map(|(f, l, s)| (f.to_string(), l, s))
        .collect();
        assert_eq!(summary, expected, "{findings:#?}");
        assert_eq!(counts(&findings), (10, 4, 1));
        // Line 8 is good; line 9 repeats it.
        assert!(findings[11]
            .message
            .contains("same surface and kind as line 8"));
    }

    /// The example lines of `gazetteers/README.md` (its table of lists)
    /// are what they claim: new, valid lines, each for its file.
    #[test]
    fn the_readme_examples_are_clean_user_lines() {
        let readme = include_str!("../../gazetteers/README.md");
        let mut files: std::collections::BTreeMap<String, String> = Default::default();
        for row in readme
            .lines()
            .filter(|l| l.starts_with("| `") && l.contains(".tsv`"))
        {
            let cells: Vec<&str> = row.split(" | ").collect();
            let file = cells[0]
                .trim_start_matches("| `")
                .split('`')
                .next()
                .unwrap();
            let line = cells
                .last()
                .unwrap()
                .trim_end_matches(" |")
                .trim_matches('`');
            files
                .entry(file.to_string())
                .or_default()
                .push_str(&format!("{line}\n"));
        }
        assert_eq!(files.len(), super::schema::FORMATS.len(), "{files:?}");
        let dir = tempfile::tempdir().unwrap();
        for (name, content) in &files {
            std::fs::write(dir.path().join(name), content).unwrap();
        }
        let findings = check_folder(dir.path()).unwrap();
        assert!(findings.is_empty(), "{findings:#?}");
    }

    #[test]
    fn a_finding_reads_as_file_line_severity_message() {
        let f = Finding {
            file: "r/triggers.tsv".into(),
            line: 3,
            severity: Severity::Error,
            message: "m".into(),
        };
        assert_eq!(f.to_string(), "r/triggers.tsv:3: error: m");
    }
}
