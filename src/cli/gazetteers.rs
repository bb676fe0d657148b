//! `civex gazetteers check DIR` and `civex gazetteers list`.

use std::io::Write;
use std::path::Path;

use super::Failure;

use crate::gazetteer::check::{check_folder, counts};

/// Prints every finding of `dir` (`file:line: severity: message`) and a
/// summary; `Ok(true)` when there is no error and no warning.
pub fn check(dir: &Path, out: &mut dyn Write) -> Result<bool, Failure> {
    let findings = check_folder(dir).map_err(|e| Failure::Usage(e.to_string()))?;
    for finding in &findings {
        writeln!(out, "{finding}")?;
    }
    let (errors, warnings, notes) = counts(&findings);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "{}: {}, {}, {}",
        dir.display(),
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(notes, "note")
    )?;
    Ok(errors == 0 && warnings == 0)
}

/// Prints what is loaded: per list and kind, the entries and how many come
/// from the user's folder; with `grep`, the entries whose surface or
/// canonical form holds it (any case), each with its `file:line`.
pub fn list(dir: Option<&Path>, grep: Option<&str>, out: &mut dyn Write) -> Result<(), Failure> {
    let gazetteers = super::load_gazetteers(dir)?;
    if let Some(word) = grep {
        let word = word.to_lowercase();
        for name in gazetteers.names() {
            for entry in gazetteers.list(name) {
                if entry.surface.to_lowercase().contains(&word)
                    || entry.canonical.to_lowercase().contains(&word)
                {
                    let attrs: Vec<String> = entry
                        .attrs
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect();
                    let attrs = if attrs.is_empty() {
                        "-".to_string()
                    } else {
                        attrs.join(";")
                    };
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}",
                        entry.origin, entry.surface, entry.canonical, entry.kind, attrs
                    )?;
                }
            }
        }
        return Ok(());
    }
    writeln!(
        out,
        "{:<24}{:<22}{:>8}{:>8}",
        "list", "kind", "entries", "user"
    )?;
    for name in gazetteers.names() {
        let mut kinds: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
        for entry in gazetteers.list(name) {
            let count = kinds.entry(entry.kind.as_str()).or_default();
            count.0 += 1;
            count.1 += usize::from(!entry.origin.built_in);
        }
        for (kind, (all, user)) in kinds {
            writeln!(
                out,
                "{:<24}{:<22}{:>8}{:>8}",
                format!("{name}.tsv"),
                kind,
                all,
                user
            )?;
        }
    }
    Ok(())
}
