//! The lexicon: every cue form, source phrase, hedge and marker of the grammar
//! in one Aho-Corasick automaton, found in a single pass over the text.

use crate::grammar::Grammar;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// What a lexicon phrase stands for: the rule kind and its index in the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Cue(usize),
    Source(usize),
    Hedge(usize),
    Marker(usize),
}

/// A lexicon phrase found in the text, on word boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: Entry,
}

pub struct Lexicon {
    automaton: AhoCorasick,
    /// for each pattern, the entries it stands for (one phrase may be a cue and a hedge)
    entries: Vec<Vec<Entry>>,
}

/// A phrase and its curly-apostrophe twin, so "didn't" also finds "didn’t".
fn spellings(p: &str) -> Vec<String> {
    let mut v = vec![p.to_string()];
    if p.contains('\'') {
        v.push(p.replace('\'', "’"));
    } else if p.contains('’') {
        v.push(p.replace('’', "'"));
    }
    v
}

impl Lexicon {
    pub fn new(g: &Grammar) -> Lexicon {
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        let mut add = |phrase: &str, e: Entry| {
            for s in spellings(phrase.trim()) {
                if s.is_empty() {
                    continue;
                }
                let key = s.to_lowercase();
                let id = *index.entry(key.clone()).or_insert_with(|| {
                    patterns.push(key);
                    entries.push(Vec::new());
                    patterns.len() - 1
                });
                if !entries[id].contains(&e) {
                    entries[id].push(e);
                }
            }
        };
        for (i, r) in g.cues.iter().enumerate() {
            r.forms.iter().for_each(|f| add(f, Entry::Cue(i)));
        }
        for (i, r) in g.sources.iter().enumerate() {
            r.phrases.iter().for_each(|f| add(f, Entry::Source(i)));
        }
        for (i, r) in g.hedges.iter().enumerate() {
            r.phrases.iter().for_each(|f| add(f, Entry::Hedge(i)));
        }
        for (i, r) in g.markers.iter().enumerate() {
            r.phrases.iter().for_each(|f| add(f, Entry::Marker(i)));
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("lexicon automaton builds");
        Lexicon { automaton, entries }
    }

    /// All hits in `text` on word boundaries, sorted by start then longest first.
    pub fn find(&self, text: &str, out: &mut Vec<Hit>) {
        out.clear();
        for m in self.automaton.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            // a hyphen joins words: "counter-narcotics" holds no cue "counter"; a phrase
            // that starts or ends on punctuation (":") needs no word boundary there
            let word_edge = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
            let boundary_before =
                !word_edge(text[s..e].chars().next()) || before.is_none_or(|c| !c.is_alphanumeric() && c != '-');
            let boundary_after =
                !word_edge(text[s..e].chars().next_back()) || after.is_none_or(|c| !c.is_alphanumeric() && c != '-');
            if !(boundary_before && boundary_after) {
                continue;
            }
            for &entry in &self.entries[m.pattern().as_usize()] {
                out.push(Hit {
                    start: s,
                    end: e,
                    entry,
                });
            }
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    }
}
