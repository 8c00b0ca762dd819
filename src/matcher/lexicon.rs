//! The lexicon: every cue form, source phrase, hedge and marker of the grammar,
//! found in one pass over a document's words.
//!
//! The automaton is word-keyed. A phrase can only start where a word (a run of
//! letters and digits) starts, so each phrase is filed under its first run,
//! lower-cased, in a hash table; the pass looks each run of the text up once
//! and compares the few phrases filed under it with the bytes that follow.
//! Most runs are whole tokens that the matcher looks up in its vocabulary
//! anyway: a vocabulary bit says whether one starts a phrase at all, so the
//! pass costs almost nothing beyond the tokenizer. (A byte-level Aho-Corasick
//! automaton did the same job before: 13 % of the time in `score`, and a
//! quarter of a `check` run's start-up to build.)
//!
//! A phrase matches on word boundaries, ASCII case-insensitively, with its
//! spaces and punctuation as written: "U.S. officials" does not match
//! "U.S.  officials", and "counter" does not match in "counter-narcotics".

use super::tokens::{Token, ascii_word_run, is_word_char};
use super::words::Vocab;
use crate::grammar::Grammar;

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

/// One spelling of a phrase, lower-cased, and the entries it stands for (one
/// phrase may be a cue and a hedge).
struct Phrase {
    bytes: Box<[u8]>,
    entries: Vec<Entry>,
    /// starts / ends with a letter or digit, so needs a word boundary there
    /// (a phrase may start or end on punctuation: ":")
    word_start: bool,
    word_end: bool,
}

pub struct Lexicon {
    phrases: Vec<Phrase>,
    /// the first run of ASCII letters and digits of a phrase (lower case) ->
    /// 1 + the index of the trie node of what may follow it
    first_runs: Vocab,
    /// the same, as a list: (first run, 1 + trie node)
    first_words: Vec<(Box<str>, u32)>,
    /// what follows a first run, byte by byte (lower case): a trie
    nodes: Vec<Node>,
    /// the nodes' outgoing edges (byte, node) and the phrases ending at them
    edges: Vec<(u8, u32)>,
    ends: Vec<u32>,
    /// phrases that start with anything else (punctuation, a non-ASCII
    /// letter), by first byte: few, found with memchr
    by_other_start: Vec<(u8, Vec<u32>)>,
}

/// A trie node: the phrases that end here and the bytes that lead on
/// (ranges of `edges` and `ends`).
struct Node {
    /// one bit per ASCII byte with an edge: most walks stop at the first byte
    /// after the word, on one test (two words, as a u128 shift costs several
    /// instructions)
    ascii_edges: [u64; 2],
    edges: (u32, u32),
    ends: (u32, u32),
}

/// A trie node while the lexicon is built.
#[derive(Default)]
struct Building {
    ends: Vec<u32>,
    next: Vec<(u8, u32)>,
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

/// The leading run of ASCII letters and digits of `s`.
fn first_run(s: &str) -> &str {
    let n = s.bytes().take_while(u8::is_ascii_alphanumeric).count();
    &s[..n]
}

/// May a phrase starting with a letter or digit start at byte `s`? Not inside
/// a word, and not after a hyphen: "counter-narcotics" holds no cue "counter".
#[inline]
fn boundary_before(text: &str, s: usize) -> bool {
    match s.checked_sub(1).map(|p| text.as_bytes()[p]) {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric() && b != b'-',
        Some(_) => text[..s].chars().next_back().is_none_or(|c| !is_word_char(c)),
    }
}

/// May a phrase ending with a letter or digit end at byte `e`?
#[inline]
fn boundary_after(text: &str, e: usize) -> bool {
    text[e..].chars().next().is_none_or(|c| !is_word_char(c) && c != '-')
}

impl Lexicon {
    pub fn new(g: &Grammar) -> Lexicon {
        let mut index: rustc_hash::FxHashMap<String, usize> = Default::default();
        let mut phrases: Vec<Phrase> = Vec::new();
        let mut add = |phrase: &str, e: Entry| {
            for s in spellings(phrase.trim()) {
                if s.is_empty() {
                    continue;
                }
                let key = s.to_lowercase();
                let id = *index.entry(key.clone()).or_insert_with(|| {
                    let edge = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                    phrases.push(Phrase {
                        word_start: edge(key.chars().next()),
                        word_end: edge(key.chars().next_back()),
                        bytes: key.into_bytes().into(),
                        entries: Vec::new(),
                    });
                    phrases.len() - 1
                });
                if !phrases[id].entries.contains(&e) {
                    phrases[id].entries.push(e);
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
        let mut first_runs = Vocab::default();
        let mut first_words: Vec<(Box<str>, u32)> = Vec::new();
        let mut nodes: Vec<Building> = Vec::new();
        let mut by_other_start: Vec<(u8, Vec<u32>)> = Vec::new();
        for (id, p) in phrases.iter().enumerate() {
            let id = id as u32;
            // lower-cased from valid UTF-8: still valid
            let text = std::str::from_utf8(&p.bytes).unwrap_or_default();
            let run = first_run(text);
            if run.is_empty() {
                let first = p.bytes[0];
                match by_other_start.iter_mut().find(|(b, _)| *b == first) {
                    Some((_, ids)) => ids.push(id),
                    None => by_other_start.push((first, vec![id])),
                }
                continue;
            }
            let mut node = match first_runs.lookup_tagged(run.as_bytes()).1 {
                0 => {
                    nodes.push(Building::default());
                    first_runs.add_tagged(run, 0, nodes.len() as u32);
                    first_words.push((run.into(), nodes.len() as u32));
                    nodes.len() - 1
                }
                root => root as usize - 1,
            };
            for &b in &p.bytes[run.len()..] {
                node = match nodes[node].next.iter().find(|(nb, _)| *nb == b) {
                    Some(&(_, child)) => child as usize,
                    None => {
                        nodes.push(Building::default());
                        let child = nodes.len() - 1;
                        nodes[node].next.push((b, child as u32));
                        child
                    }
                };
            }
            nodes[node].ends.push(id);
        }
        fn append<T>(all: &mut Vec<T>, items: Vec<T>) -> (u32, u32) {
            let lo = all.len() as u32;
            all.extend(items);
            (lo, all.len() as u32)
        }
        let (mut edges, mut ends) = (Vec::new(), Vec::new());
        let nodes = nodes
            .into_iter()
            .map(|n| Node {
                ascii_edges: n.next.iter().filter(|(b, _)| *b < 128).fold([0; 2], |mut m, (b, _)| {
                    m[(b >> 6) as usize] |= 1 << (b & 63);
                    m
                }),
                edges: append(&mut edges, n.next),
                ends: append(&mut ends, n.ends),
            })
            .collect();
        Lexicon {
            phrases,
            first_runs,
            first_words,
            nodes,
            edges,
            ends,
            by_other_start,
        }
    }

    /// The words (lower case) that start a lexicon phrase, each with its trie
    /// root, for the matcher's vocabulary to hand back to `find` per token.
    pub fn first_words(&self) -> impl Iterator<Item = (&str, u32)> {
        self.first_words.iter().map(|(w, root)| (&**w, *root))
    }

    /// All hits in `text` on word boundaries, sorted by start then longest
    /// first. `toks` are the text's tokens; `root_of(i)` is the trie root that
    /// `first_words` gives plain token `i` (0 if it starts no phrase).
    pub fn find(&self, text: &str, toks: &[Token], root_of: impl Fn(usize) -> u32, out: &mut Vec<Hit>) {
        out.clear();
        let bytes = text.as_bytes();
        for (i, t) in toks.iter().enumerate() {
            let (start, end) = (t.start as usize, t.end as usize);
            if t.plain {
                let root = root_of(i);
                if root != 0 && boundary_before(text, start) {
                    self.walk(root, text, start, end, out);
                }
                continue;
            }
            if !t.is_word() {
                continue;
            }
            // "U.S.", "it's", "self-styled": every run of ASCII letters and
            // digits in the word may start a phrase
            let mut p = start;
            while p < end {
                if !bytes[p].is_ascii_alphanumeric() {
                    p += 1;
                    continue;
                }
                let (run_end, _) = ascii_word_run(bytes, p);
                if boundary_before(text, p) {
                    let root = self.first_runs.lookup_tagged(&bytes[p..run_end]).1;
                    self.walk(root, text, p, run_end, out);
                }
                p = run_end;
            }
        }
        for (first, ids) in &self.by_other_start {
            for s in memchr::memchr_iter(*first, bytes) {
                for &id in ids {
                    self.try_phrase(id, text, s, out);
                }
            }
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    }

    /// The phrases whose first run is `text[s..run_end]` (trie node `root - 1`;
    /// 0: none): follow the trie along the text from the run's end.
    #[inline]
    fn walk(&self, root: u32, text: &str, s: usize, run_end: usize, out: &mut Vec<Hit>) {
        if root == 0 {
            return;
        }
        let bytes = text.as_bytes();
        let mut node = &self.nodes[root as usize - 1];
        let mut e = run_end;
        loop {
            for &id in &self.ends[node.ends.0 as usize..node.ends.1 as usize] {
                let p = &self.phrases[id as usize];
                // a phrase ends on a character: the bytes up to `e` equal it
                if !p.word_end || boundary_after(text, e) {
                    out.extend(p.entries.iter().map(|&entry| Hit {
                        start: s,
                        end: e,
                        entry,
                    }));
                }
            }
            let Some(&b) = bytes.get(e) else { return };
            let b = b.to_ascii_lowercase();
            if b < 128 && node.ascii_edges[(b >> 6) as usize] & (1 << (b & 63)) == 0 {
                return;
            }
            let edges = &self.edges[node.edges.0 as usize..node.edges.1 as usize];
            match edges.iter().find(|(nb, _)| *nb == b) {
                Some(&(_, child)) => {
                    node = &self.nodes[child as usize];
                    e += 1;
                }
                None => return,
            }
        }
    }

    /// Record phrase `id` if it is written at byte `s`, on word boundaries.
    fn try_phrase(&self, id: u32, text: &str, s: usize, out: &mut Vec<Hit>) {
        let p = &self.phrases[id as usize];
        let e = s + p.bytes.len();
        // the phrase is whole UTF-8 and starts on a character, so equal bytes end on one
        let written = text
            .as_bytes()
            .get(s..e)
            .is_some_and(|w| w.eq_ignore_ascii_case(&p.bytes));
        if !written || (p.word_start && !boundary_before(text, s)) || (p.word_end && !boundary_after(text, e)) {
            return;
        }
        out.extend(p.entries.iter().map(|&entry| Hit {
            start: s,
            end: e,
            entry,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::tokens::tokenize;
    use aho_corasick::{AhoCorasickBuilder, MatchKind};

    fn grammar(src: &str) -> Grammar {
        let mut g = Grammar::default();
        g.add_source("test.sayso", src).expect("test grammar parses");
        g
    }

    fn hits(lex: &Lexicon, text: &str) -> Vec<Hit> {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let roots: rustc_hash::FxHashMap<&str, u32> = lex.first_words().collect();
        let mut out = Vec::new();
        lex.find(
            text,
            &toks,
            |i| {
                roots
                    .get(toks[i].text(text).to_ascii_lowercase().as_str())
                    .copied()
                    .unwrap_or(0)
            },
            &mut out,
        );
        out
    }

    /// The byte-level automaton the lexicon replaced: every occurrence of every
    /// phrase (ASCII case-insensitive), kept where it sits on word boundaries.
    fn reference(lex: &Lexicon, text: &str) -> Vec<Hit> {
        let patterns: Vec<&[u8]> = lex.phrases.iter().map(|p| &*p.bytes).collect();
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("reference automaton builds");
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            let p = &lex.phrases[m.pattern().as_usize()];
            if (p.word_start && !boundary_before(text, s)) || (p.word_end && !boundary_after(text, e)) {
                continue;
            }
            out.extend(p.entries.iter().map(|&entry| Hit {
                start: s,
                end: e,
                entry,
            }));
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        out
    }

    #[test]
    fn phrases_match_on_word_boundaries_in_any_case() {
        let lex = Lexicon::new(&Grammar::builtin());
        let text = "U.S. officials said it's unclear. A so-called expert: \"Counter-claims,\" SAID one.";
        let found: Vec<&str> = hits(&lex, text).iter().map(|h| &text[h.start..h.end]).collect();
        for want in ["U.S. officials", "said", "it's unclear", "so-called", ":", "SAID"] {
            assert!(found.contains(&want), "{want:?} not in {found:?}");
        }
        // "claims" follows a hyphen: no cue there
        assert!(!found.contains(&"claims"), "{found:?}");
        assert_eq!(hits(&lex, text), reference(&lex, text));
    }

    #[test]
    fn the_builtin_grammar_matches_the_byte_automaton() {
        let lex = Lexicon::new(&Grammar::builtin());
        for name in std::fs::read_dir("corpus").expect("corpus/ is readable").flatten() {
            let text = std::fs::read_to_string(name.path()).unwrap_or_default();
            assert_eq!(hits(&lex, &text), reference(&lex, &text), "{:?}", name.path());
        }
    }

    #[test]
    fn phrases_starting_on_punctuation_or_a_non_ascii_letter() {
        let lex = Lexicon::new(&grammar(
            "hedge odd {\n  kind: vague\n  phrases: \"-ish\" \"élysée says\" \"(reportedly)\" \"'m told\"\n}\n",
        ));
        for text in [
            "greenish -ish (reportedly) Élysée says élysée says",
            "I'm told, i’m told",
        ] {
            assert_eq!(hits(&lex, text), reference(&lex, text), "{text}");
        }
        assert!(!hits(&lex, "(reportedly)").is_empty());
    }

    proptest::proptest! {
        /// Random text from pieces of phrases, joiners and odd characters finds
        /// exactly what the byte-level automaton finds.
        #[test]
        fn matches_the_byte_automaton(pieces in proptest::collection::vec(0usize..28, 0..40)) {
            const PIECES: [&str; 28] = [
                "said", "Said", "SAID", " ", "  ", "-", "—", "'", "’", ".", ",", ":", "\n",
                "U.S.", "officials", "it", "s", "unclear", "according", "to", "é", "x",
                "allegedly", "so", "called", "\"", "sources", "familiar with the matter",
            ];
            let lex = Lexicon::new(&Grammar::builtin());
            let text: String = pieces.iter().map(|&k| PIECES[k]).collect();
            proptest::prop_assert_eq!(hits(&lex, &text), reference(&lex, &text));
        }
    }
}
