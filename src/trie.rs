//! A trie of phrases walked from a given start: the longest phrase that
//! starts there, in one pass over the bytes after it.
//!
//! The phrase matchers ([`crate::gazetteer::PhraseMatcher`]) only ever ask
//! which phrase starts at a token start, so they need no failure links and
//! no DFA (which an Aho-Corasick automaton builds to scan every byte): the
//! trie is built from the sorted phrases in one pass over their bytes.
//!
//! Rules:
//!
//! 1. A trie folds ASCII case or not, as built: folded, "Police" and
//!    "POLICE" walk as "police"; bytes outside ASCII always match as written.
//! 2. Where several phrases have the same (folded) bytes, the one given
//!    first is the one found.
//! 3. [`PhraseTrie::longest_at`] finds the longest phrase that starts at the
//!    given position, or none.
//!
//! Layout: nodes in the order they are built, the children of each node
//! side by side in `labels`/`targets` sorted by byte; the root, and every
//! node with more than [`DENSE_FROM`] children, also keep a table of 256
//! entries, so that the first bytes of a walk (where the fan-out is) cost
//! one lookup each.

/// No node, no phrase.
const NONE: u32 = u32::MAX;

/// A node with more children than this gets a table of 256 entries.
const DENSE_FROM: usize = 8;

/// See the module documentation.
#[derive(Clone, Debug)]
pub(crate) struct PhraseTrie {
    nodes: Vec<Node>,
    labels: Vec<u8>,
    targets: Vec<u32>,
    dense: Vec<[u32; 256]>,
    fold_ascii: bool,
}

#[derive(Clone, Copy, Debug)]
struct Node {
    /// The first of this node's children in `labels` and `targets`.
    first: u32,
    count: u32,
    /// Its table of 256 children in `dense`, or [`NONE`].
    dense: u32,
    /// The phrase that ends here, or [`NONE`].
    phrase: u32,
}

/// The trie has more nodes or phrases than its 32-bit indices can count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TooLarge;

impl PhraseTrie {
    /// The trie of `phrases` (a phrase's index is its position), folding
    /// ASCII case when `fold_ascii`.
    pub(crate) fn new(phrases: &[String], fold_ascii: bool) -> Result<PhraseTrie, TooLarge> {
        if phrases.len() >= NONE as usize {
            return Err(TooLarge);
        }
        let folded: Vec<Vec<u8>> = if fold_ascii {
            phrases
                .iter()
                .map(|p| p.as_bytes().to_ascii_lowercase())
                .collect()
        } else {
            Vec::new()
        };
        let key = |i: usize| -> &[u8] {
            match folded.get(i) {
                Some(f) => f,
                None => phrases[i].as_bytes(),
            }
        };
        // Sorted by bytes, then by index: a phrase sorts before the longer
        // ones it is a prefix of, and duplicates by order given.
        let mut order: Vec<usize> = (0..phrases.len()).collect();
        order.sort_by(|&a, &b| key(a).cmp(key(b)).then(a.cmp(&b)));
        let mut trie = PhraseTrie {
            nodes: vec![Node {
                first: 0,
                count: 0,
                dense: NONE,
                phrase: NONE,
            }],
            labels: Vec::new(),
            targets: Vec::new(),
            dense: Vec::new(),
            fold_ascii,
        };
        // (node, the sorted phrases that run through it, its depth)
        let mut pending = vec![(0usize, 0..order.len(), 0usize)];
        while let Some((node, range, depth)) = pending.pop() {
            let mut i = range.start;
            if i < range.end && key(order[i]).len() == depth {
                // The first in order of the phrases that end here.
                trie.nodes[node].phrase = index(order[i])?;
                while i < range.end && key(order[i]).len() == depth {
                    i += 1;
                }
            }
            let first = trie.labels.len();
            while i < range.end {
                let byte = key(order[i])[depth];
                let mut j = i;
                while j < range.end && key(order[j])[depth] == byte {
                    j += 1;
                }
                let child = trie.nodes.len();
                trie.nodes.push(Node {
                    first: 0,
                    count: 0,
                    dense: NONE,
                    phrase: NONE,
                });
                trie.labels.push(byte);
                trie.targets.push(index(child)?);
                pending.push((child, i..j, depth + 1));
                i = j;
            }
            let count = trie.labels.len() - first;
            trie.nodes[node].first = index(first)?;
            trie.nodes[node].count = index(count)?;
            if node == 0 || count > DENSE_FROM {
                let mut table = [NONE; 256];
                for (&label, &target) in trie.labels[first..].iter().zip(&trie.targets[first..]) {
                    table[usize::from(label)] = target;
                    if fold_ascii {
                        table[usize::from(label.to_ascii_uppercase())] = target;
                    }
                }
                trie.nodes[node].dense = index(trie.dense.len())?;
                trie.dense.push(table);
            }
        }
        Ok(trie)
    }

    /// Whether some phrase starts with `byte`.
    #[inline]
    pub(crate) fn may_start_with(&self, byte: u8) -> bool {
        self.dense
            .first()
            .is_some_and(|root| root[usize::from(byte)] != NONE)
    }

    /// The longest phrase that starts at `at` in `haystack`: its index and
    /// where it ends.
    pub(crate) fn longest_at(&self, haystack: &[u8], at: usize) -> Option<(usize, usize)> {
        let mut node = *self.nodes.first()?;
        let mut longest = None;
        for (offset, &byte) in haystack.get(at..)?.iter().enumerate() {
            let child = if let Some(table) = self.dense.get(node.dense as usize) {
                table[usize::from(byte)]
            } else {
                let byte = if self.fold_ascii {
                    byte.to_ascii_lowercase()
                } else {
                    byte
                };
                let children = node.first as usize..(node.first + node.count) as usize;
                match self.labels.get(children.clone()) {
                    Some(labels) => labels
                        .iter()
                        .position(|&l| l == byte)
                        .map_or(NONE, |i| self.targets[children.start + i]),
                    None => NONE,
                }
            };
            let Some(&next) = self.nodes.get(child as usize) else {
                break;
            };
            node = next;
            if node.phrase != NONE {
                longest = Some((node.phrase as usize, at + offset + 1));
            }
        }
        longest
    }
}

fn index(i: usize) -> Result<u32, TooLarge> {
    u32::try_from(i).ok().filter(|&i| i != NONE).ok_or(TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_longest_phrase_that_starts_here() {
        let trie =
            PhraseTrie::new(&phrases(&["police", "police officer", "pol", "$"]), true).unwrap();
        let text = b"Police officers paid $5";
        assert_eq!(trie.longest_at(text, 0), Some((1, 14)));
        assert_eq!(trie.longest_at(b"POLICE", 0), Some((0, 6)));
        assert_eq!(trie.longest_at(b"polo", 0), Some((2, 3)));
        assert_eq!(trie.longest_at(text, 21), Some((3, 22)));
        assert_eq!(trie.longest_at(text, 1), None);
        assert_eq!(trie.longest_at(text, 99), None);
        assert!(trie.may_start_with(b'P') && trie.may_start_with(b'$'));
        assert!(!trie.may_start_with(b'x'));
    }

    #[test]
    fn case_is_kept_unless_folded_and_duplicates_keep_the_first() {
        let exact = PhraseTrie::new(&phrases(&["Chad", "CHAD", "Chad"]), false).unwrap();
        assert_eq!(exact.longest_at(b"Chad", 0), Some((0, 4)));
        assert_eq!(exact.longest_at(b"CHAD", 0), Some((1, 4)));
        assert_eq!(exact.longest_at(b"chad", 0), None);
        let folded = PhraseTrie::new(&phrases(&["ağustos", "Ağustos", "AĞUSTOS"]), true).unwrap();
        assert_eq!(folded.longest_at("AĞUSTOS".as_bytes(), 0), Some((2, 8)));
        assert_eq!(folded.longest_at("aĞustos".as_bytes(), 0), Some((2, 8)));
        assert_eq!(folded.longest_at("AğUSTOS".as_bytes(), 0), Some((0, 8)));
    }

    #[test]
    fn wide_nodes_and_empty_tries() {
        let many: Vec<String> = (b'a'..=b'z').map(|c| format!("x{}", c as char)).collect();
        let trie = PhraseTrie::new(&many, true).unwrap();
        for (i, c) in (b'a'..=b'z').enumerate() {
            assert_eq!(
                trie.longest_at(&[b'X', c.to_ascii_uppercase()], 0),
                Some((i, 2))
            );
        }
        let empty = PhraseTrie::new(&[], true).unwrap();
        assert_eq!(empty.longest_at(b"abc", 0), None);
        assert!(!empty.may_start_with(b'a'));
    }
}
