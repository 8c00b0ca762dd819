//! The whole pipeline for one document: segment, match, score.

use crate::grammar::Grammar;
use crate::input::Document;
use crate::matcher::Matcher;
use crate::model::Analysis;
use crate::score::{Models, score};
use crate::segment::segment;
use std::sync::Arc;

/// A ready-to-use analyser: the grammar compiled once, used for many documents
/// (and shared across threads).
pub struct Analyzer {
    pub matcher: Matcher,
    pub models: Arc<Models>,
}

impl Analyzer {
    pub fn new(grammar: Grammar) -> Analyzer {
        Analyzer::with_models(grammar, Models::builtin())
    }

    /// An analyser that decides with other models than the built-in ones.
    pub fn with_models(grammar: Grammar, models: Arc<Models>) -> Analyzer {
        Analyzer {
            matcher: Matcher::new(grammar).with_cue_model(models.cue.clone()),
            models,
        }
    }

    /// The built-in English grammar.
    pub fn builtin() -> Analyzer {
        Analyzer::new(Grammar::builtin())
    }

    /// Analyse the prose of a document (spans into `doc.text`).
    pub fn analyze(&self, doc: &Document) -> Analysis {
        self.analyze_text(&doc.text)
    }

    /// Analyse a plain string.
    pub fn analyze_text(&self, text: &str) -> Analysis {
        let seg = segment(text);
        let findings = self.matcher.find(text, &seg);
        score(text, &seg, findings, &self.models)
    }
}
