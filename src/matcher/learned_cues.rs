//! Learned cue detection: the long tail of attribution cues that the grammar
//! does not list ("touted", "lamented", "weighed in on", "signed").
//!
//! After the grammar has placed its attributions in a sentence, every other
//! word whose form the cue model knows is a candidate. The model weighs the
//! features below into one margin; a candidate above the model's threshold is
//! a cue, and a run of adjacent cue words is one cue. Its holder and content
//! come from the same noun-phrase and content readers the constructions use.
//!
//! A learned cue's stance is `act`: the model knows that someone is reported
//! to have said, done or planned something, not whether they vouch for it,
//! so it moves neither verdict nor source (`docs/grammar.md`).
//!
//! # Feature template
//! Every feature is `namespace:value`, lower-cased; `w0` is the candidate,
//! `w-1`, `w+1` its neighbours in the sentence (`<s>`, `</s>` past its ends).
//! - `bias`
//! - `form:w0`, `stem:` its crude stem
//! - `prev:w-1`, `next:w+1`
//! - `prev-form:w-1_w0`, `form-next:w0_w+1`
//! - `prev-class:`, `next-class:`, `next2-class:` the neighbour's class
//!   (pronoun, name, determiner, auxiliary, preposition, that, quote, colon, ...),
//!   `prev-classes:`, `next-classes:` two of them, `stem-next-class:`
//! - `grammar-cue:RULE`, `grammar-cue-stance:STANCE` when the grammar's lexicon
//!   has a cue starting here that no construction placed
//! - `in-quote`, `quote-in-sentence`, `position:` first, early or late,
//!   `attributed-sentence` (the grammar found an attribution in the sentence),
//!   `in-content` (inside the content of one of them)
//! - `that-follows`, `colon-follows` (within three tokens), `cap` (a capital
//!   inside the sentence)
//! - `widened`, `negated` (auxiliaries, adverbs or a negation before it),
//!   `holder:` the kind of the noun phrase before it (none, pronoun, named,
//!   unnamed), `holder-stem:`, `bare-clause` (a clause without "that" follows)

use super::tokens::TokKind;
use super::{Bounds, Doc, bit};
use crate::learn::{KeyHasher, Model, key_of_name};
use crate::model::{Attribution, Stance};
use crate::span::Span;
use rustc_hash::{FxHashMap, FxHashSet};

/// Words never taken as candidates: auxiliaries, negators, prepositions,
/// determiners, pronouns, joiners and clause openers.
const CLOSED_CLASS: u32 = bit::AUXILIARY
    | bit::NEGATOR
    | bit::PREPOSITION
    | bit::DETERMINER
    | bit::POSSESSIVE
    | bit::PRONOUN
    | bit::JOINER
    | bit::CLAUSE_OPENER;

/// The classes of the cue model, in the order of its weights.
pub const CLASSES: [&str; 2] = ["other", "cue"];

/// The cue rule and construction names a learned cue carries.
pub const RULE: &str = "learned-cue";
pub const CONSTRUCTION: &str = "learned";

/// A cue model ready for the matcher: the weights, the forms that make a
/// candidate, and the margin a candidate must pass.
#[derive(Debug, Clone)]
pub struct CueModel {
    pub model: Model,
    /// per feature key, its weight for "cue" less its weight for "other" (as
    /// f32, the same difference the two f32 weights give): one look-up a feature
    margins: FxHashMap<u64, f32>,
    forms: FxHashSet<u64>,
    pub threshold: f32,
    /// the most the shape features can add to a margin (each of their
    /// namespaces fires at most once): a candidate whose word features leave
    /// it further below the threshold is decided without them
    shape_bound: f32,
}

/// The namespaces of the shape features (`Doc::shape_features`).
const SHAPE: [&str; 5] = ["widened", "negated", "holder", "holder-stem", "bare-clause"];

impl CueModel {
    pub fn new(model: Model) -> CueModel {
        let forms = (model.file.weights.keys())
            .filter(|n| n.starts_with("form:"))
            .map(|n| key_of_name(n))
            .collect();
        let threshold = (model.file.settings.get("threshold"))
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as f32;
        let mut most = [0f64; SHAPE.len()];
        for (name, w) in &model.file.weights {
            let ns = name.split(':').next().unwrap_or("");
            if let Some(k) = SHAPE.iter().position(|s| *s == ns) {
                most[k] = most[k].max(w.get(1).unwrap_or(&0.0) - w.first().unwrap_or(&0.0));
            }
        }
        let margins = (model.keyed_weights())
            .map(|(k, w)| (k, w.get(1).copied().unwrap_or(0.0) - w.first().copied().unwrap_or(0.0)))
            .collect();
        CueModel {
            model,
            margins,
            forms,
            threshold,
            // (a little over, for the f32 sums)
            shape_bound: most.iter().sum::<f64>() as f32 + 1e-3,
        }
    }
}

/// The words that may be cues: the model's forms when detecting, the
/// trainer's lexicon when collecting examples.
pub enum CuePass<'a> {
    Off,
    Detect(&'a CueModel),
    Collect(&'a FxHashSet<u64>),
}

/// One candidate as the trainer sees it: the token's span and its features.
#[derive(Debug, Clone)]
pub struct CueCandidate {
    pub span: Span,
    pub features: Vec<String>,
}

/// What `--explain` shows of a learned cue: its margin over the threshold
/// and the features that weighed most.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedCue {
    pub margin: f32,
    pub threshold: f32,
    pub features: Vec<(String, f32)>,
}

/// A feature namespace, with the hash of `name:` computed at compile time
/// (`KeyHasher::seed`): a candidate's 25 or so features hash only their values.
#[derive(Clone, Copy)]
pub struct Ns {
    pub name: &'static str,
    seed: u64,
}

impl Ns {
    const fn new(name: &'static str) -> Ns {
        Ns {
            name,
            seed: KeyHasher::seed(name),
        }
    }
}

/// The namespaces of the template (the module's doc lists them).
mod ns {
    use super::Ns;
    pub const BIAS: Ns = Ns::new("bias");
    pub const FORM: Ns = Ns::new("form");
    pub const STEM: Ns = Ns::new("stem");
    pub const PREV: Ns = Ns::new("prev");
    pub const NEXT: Ns = Ns::new("next");
    pub const PREV_FORM: Ns = Ns::new("prev-form");
    pub const FORM_NEXT: Ns = Ns::new("form-next");
    pub const PREV_CLASS: Ns = Ns::new("prev-class");
    pub const NEXT_CLASS: Ns = Ns::new("next-class");
    pub const NEXT2_CLASS: Ns = Ns::new("next2-class");
    pub const PREV_CLASSES: Ns = Ns::new("prev-classes");
    pub const NEXT_CLASSES: Ns = Ns::new("next-classes");
    pub const STEM_NEXT_CLASS: Ns = Ns::new("stem-next-class");
    pub const GRAMMAR_CUE: Ns = Ns::new("grammar-cue");
    pub const GRAMMAR_CUE_STANCE: Ns = Ns::new("grammar-cue-stance");
    pub const IN_QUOTE: Ns = Ns::new("in-quote");
    pub const QUOTE_IN_SENTENCE: Ns = Ns::new("quote-in-sentence");
    pub const POSITION: Ns = Ns::new("position");
    pub const ATTRIBUTED_SENTENCE: Ns = Ns::new("attributed-sentence");
    pub const IN_CONTENT: Ns = Ns::new("in-content");
    pub const THAT_FOLLOWS: Ns = Ns::new("that-follows");
    pub const COLON_FOLLOWS: Ns = Ns::new("colon-follows");
    pub const CAP: Ns = Ns::new("cap");
    pub const WIDENED: Ns = Ns::new("widened");
    pub const NEGATED: Ns = Ns::new("negated");
    pub const HOLDER: Ns = Ns::new("holder");
    pub const HOLDER_STEM: Ns = Ns::new("holder-stem");
    pub const BARE_CLAUSE: Ns = Ns::new("bare-clause");
}

/// Where features go: summed into a margin, or named for the trainer.
pub trait Sink {
    fn add(&mut self, namespace: Ns, parts: &[&str]);
}

/// The key of a feature given in parts, as `key_of_name` hashes the whole name.
#[inline]
fn key(namespace: Ns, parts: &[&str]) -> u64 {
    let mut h = KeyHasher::from_seed(namespace.seed);
    for p in parts {
        h.bytes(p.as_bytes());
    }
    h.finish()
}

struct Margin<'m> {
    margins: &'m FxHashMap<u64, f32>,
    margin: f32,
}

impl Sink for Margin<'_> {
    #[inline]
    fn add(&mut self, namespace: Ns, parts: &[&str]) {
        if let Some(w) = self.margins.get(&key(namespace, parts)) {
            self.margin += *w;
        }
    }
}

/// Feature names, as the trainer stores them and `--explain` shows them.
#[derive(Default)]
pub struct Names(pub Vec<String>);

impl Sink for Names {
    fn add(&mut self, namespace: Ns, parts: &[&str]) {
        let len = namespace.name.len() + 1 + parts.iter().map(|p| p.len()).sum::<usize>();
        let mut s = String::with_capacity(len);
        s.push_str(namespace.name);
        if !parts.is_empty() {
            s.push(':');
            let from = s.len();
            for p in parts {
                s.push_str(p);
            }
            // lower-cased in place, as the key hasher lowers ASCII (no copy per part)
            s[from..].make_ascii_lowercase();
        }
        self.0.push(s);
    }
}

/// What the grammar already found in a sentence, computed once for all its
/// candidates (so a sentence of thousands of cues stays linear).
struct Facts {
    lo: usize,
    /// per token: the cue or holder of a grammar attribution
    taken: Vec<bool>,
    /// per token: inside the content of a grammar attribution
    in_content: Vec<bool>,
    attributed: bool,
    quote: bool,
}

impl Facts {
    fn taken(&self, i: usize) -> bool {
        self.taken[i - self.lo]
    }
}

impl<'a> Doc<'a> {
    /// The learned cues of one sentence (after the grammar's, which start at
    /// `first_attr`), or its candidates when collecting for the trainer.
    pub(super) fn learned_cues(&mut self, b: Bounds, first_attr: usize) {
        let pass = std::mem::replace(&mut self.cue_pass, CuePass::Off);
        if !matches!(pass, CuePass::Off) {
            let facts = self.facts(b, first_attr);
            match &pass {
                CuePass::Off => {}
                CuePass::Detect(m) => self.detect(m, b, &facts),
                CuePass::Collect(forms) => self.collect(forms, b, &facts),
            }
        }
        self.cue_pass = pass;
    }

    fn facts(&self, b: Bounds, first_attr: usize) -> Facts {
        let n = b.hi - b.lo;
        let mut taken = vec![false; n];
        let mut depth = vec![0i32; n + 1];
        let grammar = &self.out.attributions[first_attr..];
        let range = |s: Span| {
            let s0 = self.tok_at(s.start).clamp(b.lo, b.hi);
            let s1 = (self.tok_at(s.end.saturating_sub(1)) + 1).clamp(s0, b.hi);
            (s0 - b.lo, s1 - b.lo)
        };
        for a in grammar {
            for s in std::iter::once(a.cue).chain(a.source.as_ref().map(|s| s.span)) {
                let (s0, s1) = range(s);
                taken[s0..s1].fill(true);
            }
            for c in &a.content {
                let (s0, s1) = range(*c);
                depth[s0] += 1;
                depth[s1] -= 1;
            }
        }
        let mut d = 0;
        let in_content = depth[..n]
            .iter()
            .map(|x| {
                d += x;
                d > 0
            })
            .collect();
        Facts {
            lo: b.lo,
            taken,
            in_content,
            attributed: !grammar.is_empty(),
            quote: (b.lo..b.hi).any(|k| self.toks[k].is_quote()),
        }
    }

    /// Is token `i` a word (not a number) the grammar's attributions do not
    /// already use as a cue or a holder, whose form is in `forms`?
    fn candidate(&self, i: usize, facts: &Facts, forms: &FxHashSet<u64>) -> bool {
        self.toks[i].kind == TokKind::Word
            && !facts.taken(i)
            // closed-class words ("to", "is", "for", "not") are half of all candidates and
            // almost never a cue alone: they are left to the grammar's phrases
            && !self.is(i, CLOSED_CLASS)
            && !self.word_is(i, "to")
            && forms.contains(&key(ns::FORM, &[self.word(i)]))
    }

    fn collect(&mut self, forms: &FxHashSet<u64>, b: Bounds, facts: &Facts) {
        for i in b.lo..b.hi {
            if !self.candidate(i, facts, forms) {
                continue;
            }
            let mut names = Names::default();
            self.cue_features(i, b, facts, &mut names);
            self.collected.push(CueCandidate {
                span: self.toks[i].span(),
                features: names.0,
            });
        }
    }

    fn detect(&mut self, m: &CueModel, b: Bounds, facts: &Facts) {
        let fires = |d: &Self, k: usize| -> Option<f32> {
            if k >= b.hi || !d.candidate(k, facts, &m.forms) {
                return None;
            }
            let mut sink = Margin {
                margins: &m.margins,
                margin: 0.0,
            };
            d.word_features(k, b, facts, &mut sink);
            // the shape features cannot lift a margin this far below the threshold
            if sink.margin + m.shape_bound <= m.threshold {
                return None;
            }
            d.shape_features(k, b, &mut sink);
            (sink.margin > m.threshold).then_some(sink.margin)
        };
        let mut i = b.lo;
        while i < b.hi {
            let Some(margin) = fires(self, i) else {
                i += 1;
                continue;
            };
            // a run of cue words is one cue: "weighed in on", "took aim at"
            let mut end = i + 1;
            while fires(self, end).is_some() {
                end += 1;
            }
            if let Some(mut a) = self.learned_attribution(i, end, b) {
                let mut names = Names::default();
                self.cue_features(i, b, facts, &mut names);
                let mut weighed: Vec<(String, f32)> = (names.0.into_iter())
                    .filter_map(|n| m.model.weights(key_of_name(&n)).map(|w| (n, w[1] - w[0])))
                    .collect();
                weighed.sort_by(|x, y| y.1.abs().total_cmp(&x.1.abs()).then_with(|| x.0.cmp(&y.0)));
                weighed.truncate(6);
                a.learned = Some(Box::new(LearnedCue {
                    margin,
                    threshold: m.threshold,
                    features: weighed,
                }));
                self.out.attributions.push(a);
            }
            i = end;
        }
    }

    /// The attribution a learned cue over tokens `c0..c1` makes: the holder
    /// before it (or after it, "…,” quipped the senator"), and the content
    /// after it (or the quote before it).
    fn learned_attribution(&self, c0: usize, c1: usize, b: Bounds) -> Option<Attribution> {
        let (start, negated) = self.widen_left(c0, b);
        // a quote just before the holder, or before the cue, is what was said
        let quote_before = |at: usize| -> Option<Span> {
            let mut k = at;
            if k > b.lo && self.is_punct(k - 1, ",") {
                k -= 1;
            }
            (k > b.lo && self.toks[k - 1].kind == TokKind::CloseQuote)
                .then(|| self.quotes.closing_at(k - 1).map(|q| self.quotes.content_span(q)))
                .flatten()
        };
        let holder_before = self.np_back(start, b);
        let (source, content) = if let Some(q) = quote_before(start) {
            // "“…,” quipped the senator": the holder follows the cue
            (self.np_forward(c1, b, false), vec![q])
        } else if let Some((s, e)) = holder_before
            && let Some(q) = quote_before(s)
        {
            (Some((s, e)), vec![q])
        } else {
            (holder_before, self.content_forward(c1, b)?)
        };
        let source = source.map(|(s, e)| self.source(s, e));
        Some(Attribution {
            source,
            cue: self.span(start, c1),
            stance: Stance::Act,
            cue_rule: RULE,
            construction: CONSTRUCTION,
            content,
            negated,
            hedged: false,
            particle: false,
            learned: None,
        })
    }

    /// A cue widened over auxiliaries, negation and adverbs before it ("has
    /// repeatedly touted"): where it starts, and whether it is negated.
    fn widen_left(&self, c0: usize, b: Bounds) -> (usize, bool) {
        let (mut start, mut negated) = (c0, false);
        while start > b.lo {
            let k = start - 1;
            let w = self.word(k);
            if self.is(k, bit::NEGATOR) || w.ends_with("n't") || w.ends_with("n’t") {
                negated = true;
            } else if !(self.is(k, bit::AUXILIARY | bit::CUE_ADVERB)
                || (w.len() > 4 && w.ends_with("ly") && !self.is_cap(k)))
            {
                break;
            }
            start -= 1;
        }
        (start, negated)
    }

    /// The features of candidate `i` (see the module's template).
    fn cue_features(&self, i: usize, b: Bounds, facts: &Facts, sink: &mut impl Sink) {
        self.word_features(i, b, facts, sink);
        self.shape_features(i, b, sink);
    }

    /// The features read from the words around candidate `i`: cheap.
    fn word_features(&self, i: usize, b: Bounds, facts: &Facts, sink: &mut impl Sink) {
        let w0 = self.word(i);
        sink.add(ns::BIAS, &[]);
        sink.add(ns::FORM, &[w0]);
        sink.add(ns::STEM, &[stem(w0)]);
        let at = |k: isize| -> &str {
            let j = i as isize + k;
            if j < b.lo as isize {
                "<s>"
            } else if j >= b.hi as isize {
                "</s>"
            } else {
                self.word(j as usize)
            }
        };
        let (p1, n1) = (at(-1), at(1));
        sink.add(ns::PREV, &[p1]);
        sink.add(ns::NEXT, &[n1]);
        sink.add(ns::PREV_FORM, &[p1, "_", w0]);
        sink.add(ns::FORM_NEXT, &[w0, "_", n1]);
        let before = |k: usize| self.class_of(i.checked_sub(k).filter(|&k| k >= b.lo), b);
        let (pc1, pc2) = (before(1), before(2));
        let (nc1, nc2) = (self.class_of(Some(i + 1), b), self.class_of(Some(i + 2), b));
        sink.add(ns::PREV_CLASS, &[pc1]);
        sink.add(ns::NEXT_CLASS, &[nc1]);
        sink.add(ns::NEXT2_CLASS, &[nc2]);
        sink.add(ns::PREV_CLASSES, &[pc2, "_", pc1]);
        sink.add(ns::NEXT_CLASSES, &[nc1, "_", nc2]);
        sink.add(ns::STEM_NEXT_CLASS, &[stem(w0), "_", nc1]);
        if self.is(i, bit::CUE_START) {
            let t = self.toks[i].start as usize;
            let from = self.hits.partition_point(|h| h.start < t);
            for h in self.hits[from..].iter().take_while(|h| h.start == t) {
                if let super::Entry::Cue(r) = h.entry {
                    let rule = &self.m.grammar.cues[r];
                    sink.add(ns::GRAMMAR_CUE, &[rule.meta.name]);
                    sink.add(ns::GRAMMAR_CUE_STANCE, &[rule.stance.as_str()]);
                    break;
                }
            }
        }
        if self.quotes.inside(i) {
            sink.add(ns::IN_QUOTE, &[]);
        }
        if facts.quote {
            sink.add(ns::QUOTE_IN_SENTENCE, &[]);
        }
        let position = if i == b.lo {
            "first"
        } else if i < b.lo + 4 {
            "early"
        } else if i + 4 >= b.hi {
            "late"
        } else {
            "middle"
        };
        sink.add(ns::POSITION, &[position]);
        if facts.attributed {
            sink.add(ns::ATTRIBUTED_SENTENCE, &[]);
        }
        if facts.in_content[i - facts.lo] {
            sink.add(ns::IN_CONTENT, &[]);
        }
        let ahead = (i + 1)..(i + 4).min(b.hi);
        if ahead.clone().any(|k| self.word_is(k, "that")) {
            sink.add(ns::THAT_FOLLOWS, &[]);
        }
        if ahead.clone().any(|k| self.is_punct(k, ":")) {
            sink.add(ns::COLON_FOLLOWS, &[]);
        }
        if i > b.lo && self.is_cap(i) && !self.is(i, bit::SENTENCE_INITIAL) {
            sink.add(ns::CAP, &[]);
        }
    }

    /// The features that read the shape of an attribution around candidate
    /// `i`, a holder before and a clause after: the costly ones, each
    /// namespace at most once (`SHAPE`).
    fn shape_features(&self, i: usize, b: Bounds, sink: &mut impl Sink) {
        let w0 = self.word(i);
        let (start, negated) = self.widen_left(i, b);
        if start < i {
            sink.add(ns::WIDENED, &[]);
        }
        if negated {
            sink.add(ns::NEGATED, &[]);
        }
        let holder = match self.np_back(start, b) {
            None => "none",
            Some((s, e)) if e == s + 1 && self.is(s, bit::PRONOUN) => "pronoun",
            Some((s, e)) => self.source(s, e).kind.as_str(),
        };
        sink.add(ns::HOLDER, &[holder]);
        sink.add(ns::HOLDER_STEM, &[holder, "_", stem(w0)]);
        if self.bare_clause(i, b) {
            sink.add(ns::BARE_CLAUSE, &[]);
        }
    }
}

/// A crude stem, so that the forms of a verb share a weight: "touted",
/// "touting", "touts" -> "tout".
pub fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if w.len() > suffix.len() + 2 && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
        {
            return &w[..w.len() - suffix.len()];
        }
    }
    w
}

impl Doc<'_> {
    /// A coarse class of the token at `k` (`None` or past the sentence: an edge).
    fn class_of(&self, k: Option<usize>, b: Bounds) -> &'static str {
        let Some(k) = k.filter(|&k| k < b.hi) else {
            return "edge";
        };
        let t = &self.toks[k];
        match t.kind {
            TokKind::OpenQuote => return "open-quote",
            TokKind::CloseQuote => return "close-quote",
            TokKind::Number => return "number",
            TokKind::Punct => {
                return match self.word(k) {
                    "," => "comma",
                    ":" => "colon",
                    "." | "!" | "?" => "stop",
                    _ if self.is_dash(k) => "dash",
                    _ => "punct",
                };
            }
            TokKind::Word => {}
        }
        if self.word_is(k, "that") {
            "that"
        } else if self.word_is(k, "to") {
            "to"
        } else if self.is(k, bit::PRONOUN) {
            "pronoun"
        } else if self.is(k, bit::AUXILIARY) {
            "auxiliary"
        } else if self.is(k, bit::NEGATOR) {
            "negator"
        } else if self.is(k, bit::DETERMINER | bit::POSSESSIVE) {
            "determiner"
        } else if self.is(k, bit::PREPOSITION) {
            "preposition"
        } else if self.is(k, bit::CLAUSE_OPENER) {
            "clause-opener"
        } else if self.is_cap(k) && !self.is(k, bit::SENTENCE_INITIAL) {
            "name"
        } else if self.is(k, bit::CUE_START) {
            "cue-word"
        } else {
            "word"
        }
    }
}

#[cfg(test)]
mod margin_tests {
    use super::*;
    use crate::learn::key_of_name;

    #[test]
    fn namespace_seeds_hash_as_the_whole_name_does() {
        for (ns, parts, name) in [
            (ns::BIAS, &[][..], "bias"),
            (ns::FORM, &["Touted"][..], "form:touted"),
            (ns::PREV_FORM, &["the", "_", "Senator"][..], "prev-form:the_senator"),
            (ns::HOLDER_STEM, &["named", "_", "tout"][..], "holder-stem:named_tout"),
        ] {
            assert_eq!(key(ns, parts), key_of_name(name), "{name}");
            let mut names = Names::default();
            names.add(ns, parts);
            assert_eq!(names.0, [name.to_string()]);
        }
    }

    #[test]
    fn the_margin_table_holds_each_features_cue_weight_less_its_other_weight() {
        let models = crate::score::models::Models::builtin();
        let cue = models.cue.as_ref().expect("the built-in cue model");
        let mut n = 0;
        for (k, w) in cue.model.keyed_weights() {
            assert_eq!(cue.margins[&k].to_bits(), (w[1] - w[0]).to_bits());
            n += 1;
        }
        assert_eq!(n, cue.margins.len());
        assert!(n > 1000);
    }
}
