//! The pipeline: one document in, its sentences and mentions out.
//!
//! Everything compiled from the gazetteers (automata, regular expressions,
//! lookup tables) is built once in [`Pipeline::new`] and shared read-only by
//! all worker threads.

use crate::document::{ByteSpan, Document};
use crate::gazetteer::Gazetteers;
use crate::segment::Segmenter;
use crate::tag::money::MoneyTagger;
use crate::tag::names::NameTagger;
use crate::tag::temporal::{TemporalContext, TemporalTagger};
use crate::tag::{resolve_overlaps, Mention};

/// What the pipeline found in one document, in byte offsets.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub sentences: Vec<ByteSpan>,
    /// Non-overlapping, sorted by position.
    pub mentions: Vec<Mention>,
}

impl Analysis {
    /// The index of the sentence that contains byte `pos`, if any.
    pub fn sentence_of(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        self.sentences.get(i).filter(|s| s.start <= pos).map(|_| i)
    }
}

/// Which stages to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stages {
    /// Sentence splitting only.
    Sentences,
    /// Dates, times, durations and sets only.
    Temporal,
    /// Everything up to mentions.
    Mentions,
}

pub struct Pipeline {
    segmenter: Segmenter,
    temporal: TemporalTagger,
    money: MoneyTagger,
    names: NameTagger,
}

impl Pipeline {
    pub fn new(gazetteers: &Gazetteers) -> Pipeline {
        Pipeline {
            segmenter: Segmenter::new(gazetteers),
            temporal: TemporalTagger::new(gazetteers),
            money: MoneyTagger::new(gazetteers),
            names: NameTagger::new(gazetteers),
        }
    }

    pub fn analyse(&self, doc: &Document, stages: Stages) -> Analysis {
        let sentences = self.segmenter.split(&doc.text);
        if stages == Stages::Sentences {
            return Analysis {
                sentences,
                mentions: Vec::new(),
            };
        }
        let mut candidates = self.temporal.tag(&TemporalContext {
            text: &doc.text,
            sentences: &sentences,
            anchor: doc.published,
        });
        if stages == Stages::Mentions {
            candidates.extend(self.money.tag(&doc.text));
            candidates.extend(self.names.tag(&doc.text, &sentences));
        }
        Analysis {
            mentions: resolve_overlaps(candidates),
            sentences,
        }
    }
}
