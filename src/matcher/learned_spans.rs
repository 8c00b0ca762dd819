//! Learned content ends: where the words a cue reports stop.
//!
//! The rules (`content`) run a content on to the end of its sentence, to a
//! dash, or to a coordinated clause with a cue of its own. PolNeAR's
//! annotators often stop earlier, at a clause boundary: "he said the plan
//! would fail[, because …]", "[…] and added …". After every other stage,
//! each attribution whose content is one piece after its cue gets candidate
//! ends: the rules' end (`keep`), each boundary inside the content and
//! outside quotations (a comma, a semicolon, a colon, a dash, an opening
//! parenthesis, a clause conjunction or a preposition without a comma before
//! it, a time phrase, the end of a quotation, the end of a sentence the
//! content runs past), and the sentence's end when the rules stopped short of
//! it and no other attribution's cue lies between (`extend`). The span model
//! scores each candidate; the best one replaces the rules' end when its
//! margin passes keep's by the model's threshold. Trained by `sayso train
//! spans` (`commands::train_spans`) on PolNeAR's gold contents, pairwise, so
//! that the margin ranks the candidates of one attribution: a feature every
//! candidate of an attribution shares would carry no weight, so each is
//! joined with the kind of candidate.
//!
//! # Feature template
//! Every feature is `namespace:value`, lower-cased; KIND is the kind of
//! candidate (keep, comma, semicolon, colon, dash, paren, conj, prep, time,
//! close-quote, sentence-end, extend). The boundary is the token the content
//! would stop before (for `close-quote`, `sentence-end` and `extend`, the token
//! after the end).
//! - `kind:KIND`
//! - `kind-next:KIND_w`, the word after the boundary (for a conjunction or a
//!   preposition, the word itself), `kind-next-class:KIND_CLASS` its class
//! - `prev:w`, `prev-class:`, `kind-prev:KIND_w`: the content's last word
//! - `kind-dist:KIND_N`, `kind-rest:KIND_N`: the tokens from the content's start
//!   to the end, and between the boundary and the rules' end, bucketed
//! - `kind-that` (the content opens with "that"), `kind-quoted` (with a
//!   quotation mark), `kind-quote-before` (a quotation mark before the end)
//! - `kind-clause` (a subject and verb follow the boundary: `bare_clause`),
//!   `kind-cue-follows` (a cue word of the lexicon within six tokens)
//! - `kind-cue:KIND_RULE`, `kind-stance:KIND_STANCE`, `kind-construction:KIND_NAME`

use super::holder_search::finite_verb_shape;
use super::learned_cues::{TOKEN_CLASSES, class};
use super::tokens::TokKind;
use super::{Bounds, Doc, bit};
use crate::learn::Model;
use crate::learn::keys::{
    Grid, KeyTable, Margin, Names, Ns, Part, Sink, Weighed, best_over_keep, feature_key, key, static_part,
};
use crate::model::Attribution;
use crate::span::Span;

/// The classes of the span model, in the order of its weights.
pub const CLASSES: [&str; 2] = ["other", "end"];

/// Conjunctions that open a clause where a content may stop without a comma
/// (the matcher's vocabulary marks them, `bit::CONJUNCTION`).
pub(super) const CONJUNCTIONS: [&str; 14] = [
    "and", "but", "while", "as", "because", "although", "though", "whereas", "since", "so", "which", "when", "after",
    "before",
];

/// Is `w` a conjunction that opens a clause where a content may stop without
/// a comma (`CONJUNCTIONS`), in any ASCII case? (Its bytes lowered as one
/// word, `words::short_key`, and matched against the packed list: how
/// `end_candidates` told them before the vocabulary's bit, kept to check that
/// bit against.)
#[cfg(test)]
fn conjunction(w: &str) -> bool {
    /// `w`'s bytes, little-endian, as `short_key` packs a word of at most 8 bytes.
    const fn pack(w: &str) -> u64 {
        let b = w.as_bytes();
        let mut x = 0u64;
        let mut i = 0;
        while i < b.len() {
            x |= (b[i] as u64) << (8 * i);
            i += 1;
        }
        x
    }
    const PACKED: [u64; 14] = [
        pack("and"),
        pack("but"),
        pack("while"),
        pack("as"),
        pack("because"),
        pack("although"),
        pack("though"),
        pack("whereas"),
        pack("since"),
        pack("so"),
        pack("which"),
        pack("when"),
        pack("after"),
        pack("before"),
    ];
    if !(2..=8).contains(&w.len()) {
        return false;
    }
    let key = super::words::short_key(w.as_bytes()).0;
    PACKED.contains(&key)
}

/// How many tokens of a content are looked through for boundaries.
const SCAN: usize = 120;

/// A span model ready for the matcher.
#[derive(Debug, Clone)]
pub struct SpanModel {
    pub model: Model,
    /// per feature key (`feature_key`), its weight for "end" less its weight
    /// for "other": one look-up a feature
    margins: KeyTable<f32>,
    /// how far the best cut's margin must pass keep's
    pub threshold: f32,
    /// the margins of the features whose values are a kind and a class, a
    /// bucket or nothing, by their indices
    grids: Grids,
}

/// The margins of the span features with few values, looked up when the
/// model loads (`Grid`): per kind of candidate (`KINDS`), by the value's index.
#[derive(Debug, Clone)]
struct Grids {
    /// `kind:`, `kind-that`, `kind-quote-before`, `kind-quoted`, `kind-clause`,
    /// `kind-cue-follows` (one column)
    kind: Grid,
    that: Grid,
    quote_before: Grid,
    quoted: Grid,
    clause: Grid,
    cue_follows: Grid,
    /// `kind-next-class:` by the class (`TOKEN_CLASSES`)
    next_class: Grid,
    /// `prev-class:` (no kind: one row) by the class
    prev_class: Grid,
    /// `kind-dist:`, `kind-rest:` by the bucket (`BUCKETS`)
    dist: Grid,
    rest: Grid,
}

impl Grids {
    fn new(margins: &KeyTable<f32>) -> Grids {
        let flag = |n: Ns| Grid::new(KINDS.len(), 1, |k, _| margins.get(key(n, &[KINDS[k]])));
        let by_class = |n: Ns| {
            Grid::new(KINDS.len(), class::COUNT, |k, c| {
                margins.get(key(n, &[KINDS[k], SEP, TOKEN_CLASSES[c]]))
            })
        };
        let by_bucket = |n: Ns| {
            Grid::new(KINDS.len(), BUCKETS.len(), |k, b| {
                margins.get(key(n, &[KINDS[k], SEP, BUCKETS[b]]))
            })
        };
        Grids {
            kind: flag(ns::KIND),
            that: flag(ns::KIND_THAT),
            quote_before: flag(ns::KIND_QUOTE_BEFORE),
            quoted: flag(ns::KIND_QUOTED),
            clause: flag(ns::KIND_CLAUSE),
            cue_follows: flag(ns::KIND_CUE_FOLLOWS),
            next_class: by_class(ns::KIND_NEXT_CLASS),
            prev_class: Grid::new(1, class::COUNT, |_, c| {
                margins.get(key(ns::PREV_CLASS, &[TOKEN_CLASSES[c]]))
            }),
            dist: by_bucket(ns::KIND_DIST),
            rest: by_bucket(ns::KIND_REST),
        }
    }
}

impl SpanModel {
    pub fn new(model: Model) -> SpanModel {
        let threshold = (model.file.settings.get("threshold"))
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as f32;
        let f32_at = |w: &[f64], k: usize| w.get(k).map_or(0.0, |&x| x as f32);
        let margins =
            KeyTable::new((model.file.weights.iter()).map(|(n, w)| (feature_key(n), f32_at(w, 1) - f32_at(w, 0))));
        let grids = Grids::new(&margins);
        SpanModel {
            model,
            margins,
            threshold,
            grids,
        }
    }
}

/// Whether and how the content ends are chosen after the rules.
pub enum SpanPass<'a> {
    Off,
    Choose(&'a SpanModel),
    /// record every candidate for the trainer, change nothing
    Collect,
}

/// One candidate end as the trainer sees it.
#[derive(Debug, Clone)]
pub struct EndCandidate {
    /// the content it would give
    pub content: Span,
    pub keep: bool,
    pub features: Vec<String>,
}

/// The candidates of one attribution (its index in the findings).
#[derive(Debug, Clone)]
pub struct EndCandidates {
    pub attribution: usize,
    pub candidates: Vec<EndCandidate>,
}

/// What `--explain` shows of a content end the model moved.
pub type LearnedEnd = crate::learn::keys::Chosen;

/// What the features of one attribution's candidates share, computed once.
struct Ctx {
    /// the content's first token, and the token after the rules' end
    s0: usize,
    e1: usize,
    /// the attribution's cue rule, stance and construction
    cue: Part<'static>,
    stance: Part<'static>,
    construction: Part<'static>,
    /// the content opens with "that", with a quotation mark
    that: bool,
    quoted: bool,
}

/// One candidate end in tokens: the content is `s0..end`.
struct Cand {
    end: usize,
    /// the token the content stops before (the end for keep)
    at: usize,
    /// (`kind`, its index in `KINDS`)
    kind: usize,
}

/// The kinds of candidate, each hashed at compile time, in the order of
/// `kind`'s indices.
const KINDS: [Part; 12] = [
    Part::new("keep"),
    Part::new("comma"),
    Part::new("semicolon"),
    Part::new("colon"),
    Part::new("dash"),
    Part::new("paren"),
    Part::new("conj"),
    Part::new("prep"),
    Part::new("time"),
    Part::new("close-quote"),
    Part::new("sentence-end"),
    Part::new("extend"),
];

/// The index of each kind of candidate in `KINDS`.
mod kind {
    pub const KEEP: usize = 0;
    pub const COMMA: usize = 1;
    pub const SEMICOLON: usize = 2;
    pub const COLON: usize = 3;
    pub const DASH: usize = 4;
    pub const PAREN: usize = 5;
    pub const CONJ: usize = 6;
    pub const PREP: usize = 7;
    pub const TIME: usize = 8;
    pub const CLOSE_QUOTE: usize = 9;
    pub const SENTENCE_END: usize = 10;
    pub const EXTEND: usize = 11;
}

impl<'a> Doc<'a> {
    /// Choose (or collect) the content end of every attribution that has
    /// candidates. Runs after the passes, once per attribution.
    pub(super) fn learned_ends(&mut self) {
        let pass = std::mem::replace(&mut self.span_pass, SpanPass::Off);
        match &pass {
            SpanPass::Off => {}
            SpanPass::Choose(m) => {
                let cue_starts = self.cue_starts();
                for k in 0..self.out.attributions.len() {
                    let Some((x, cands)) = self.end_candidates(&self.out.attributions[k], &cue_starts) else {
                        continue;
                    };
                    let margin_of = |c: &Cand| -> f32 {
                        let mut sink = Margin {
                            margins: &m.margins,
                            margin: 0.0,
                        };
                        self.end_features(&x, c, Some(&m.grids), &mut sink);
                        sink.margin
                    };
                    let Some((i, margin, keep_margin)) =
                        best_over_keep(cands.len(), m.threshold, |i| margin_of(&cands[i]))
                    else {
                        continue;
                    };
                    let c = &cands[i];
                    // (the features weighed again, by name, only for a reader of them)
                    let weighed = if self.m.choice_evidence {
                        let mut sink = Weighed::new(&m.margins);
                        self.end_features(&x, c, None, &mut sink);
                        sink.strongest()
                    } else {
                        Vec::new()
                    };
                    let content = self.span(x.s0, c.end);
                    let learned = LearnedEnd {
                        kind: KINDS[c.kind].s,
                        margin,
                        keep_margin,
                        threshold: m.threshold,
                        features: weighed,
                    };
                    let a = &mut self.out.attributions[k];
                    if let Some(last) = a.content.last_mut() {
                        *last = content;
                    }
                    a.learned_end = Some(Box::new(learned));
                }
            }
            SpanPass::Collect => {
                let cue_starts = self.cue_starts();
                for k in 0..self.out.attributions.len() {
                    let a = &self.out.attributions[k];
                    let Some((x, cands)) = self.end_candidates(a, &cue_starts) else {
                        continue;
                    };
                    let candidates = (cands.iter())
                        .map(|c| {
                            let mut names = Names::default();
                            self.end_features(&x, c, None, &mut names);
                            EndCandidate {
                                content: self.span(x.s0, c.end),
                                keep: c.kind == kind::KEEP,
                                features: names.0,
                            }
                        })
                        .collect();
                    self.span_collected.push(EndCandidates {
                        attribution: k,
                        candidates,
                    });
                }
            }
        }
        self.span_pass = pass;
    }

    /// The number of quotation marks among tokens `a..b` (from a count per
    /// token built on first use).
    pub(super) fn quote_marks(&self, a: usize, b: usize) -> u32 {
        let before = self.quote_marks_before.get_or_init(|| {
            let mut v = Vec::with_capacity(self.toks.len() + 1);
            let mut n = 0u32;
            v.push(0);
            for t in self.toks {
                n += t.is_quote() as u32;
                v.push(n);
            }
            v
        });
        before[b] - before[a]
    }

    /// The cue starts of all attributions, sorted.
    fn cue_starts(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self.out.attributions.iter().map(|a| a.cue.start).collect();
        v.sort_unstable();
        v
    }

    /// What the candidates of an attribution share, and its candidate ends
    /// (keep first), or `None` when it has no other candidate. `cue_starts`:
    /// every attribution's cue start, sorted.
    fn end_candidates(&self, a: &Attribution, cue_starts: &[usize]) -> Option<(Ctx, Vec<Cand>)> {
        // (the last piece, when the piece before it is the subject next to the cue, "the
        // vote … to pass", or the pronoun next to the holder, "which … would fail"; the
        // two halves around a parenthetical cue are left to the rules: measured better)
        let c = a.content.last()?;
        if let [first, _] = a.content.as_slice() {
            let next_to = |x: usize| x >= first.end && x - first.end <= 1;
            if !(next_to(a.cue.start) || a.source.as_ref().is_some_and(|s| next_to(s.span.start))) {
                return None;
            }
        } else if a.content.len() > 2 {
            return None;
        }
        if c.start < a.cue.end || c.len() < 2 {
            return None;
        }
        let s0 = self.tok_at(c.start);
        let e1 = self.tok_at(c.end - 1) + 1;
        if e1 > self.toks.len() || e1 < s0 + 4 {
            return None;
        }
        // the rules' end, without trailing punctuation other than a closing quote
        let trim = |mut e: usize| {
            while e > s0 + 1 && self.toks[e - 1].kind == TokKind::Punct {
                e -= 1;
            }
            e
        };
        let mut cands = vec![Cand {
            end: e1,
            at: e1,
            kind: kind::KEEP,
        }];
        let keep_end = trim(e1);
        let push = |end: usize, at: usize, kind: usize, cands: &mut Vec<Cand>| {
            let end = trim(end);
            if end >= s0 + 2 && end < keep_end && !cands.iter().any(|c| c.end == end) {
                cands.push(Cand { end, at, kind });
            }
        };
        let sentence_end = |k: usize| {
            let b = self.toks[k].end as usize;
            let si = self.seg.sentences.partition_point(|s| s.span.end < b);
            self.seg.sentences.get(si).is_some_and(|s| s.span.end == b)
        };
        // "that if the vote fails, the council will …": the comma closing a subordinate
        // clause fronted in the reported clause is no end (list fronted-subordinators;
        // on polnear-train the gold runs past it 55 times, stops there twice)
        let fronted = self.word_is(s0, "that") && self.m.lists.fronted_subordinators.has(self.word(s0 + 1));
        let fronted_comma = fronted.then(|| (s0 + 2..e1).find(|&k| self.is_punct(k, ","))).flatten();
        // "said that the audit, completed in May, found …": "that" before a determiner
        // opens a clause, which does not end before its verb (on polnear-train one gold
        // content of 588 so opened has none)
        let clause_verb = if self.word_is(s0, "that") && self.is(s0 + 1, bit::DETERMINER | bit::POSSESSIVE) {
            (s0 + 2..e1.min(s0 + SCAN))
                .find(|&k| self.is(k, bit::AUXILIARY | bit::NEGATOR) || finite_verb_shape(self.word(k)))
                .unwrap_or(e1)
        } else {
            s0
        };
        // (a boundary past the first `SCAN` tokens is not looked for: a content that
        // runs over a chain of thousands of cues would cost each of them its length)
        for k in s0 + 2..e1.min(s0 + SCAN) {
            let t = self.toks[k];
            if t.kind == TokKind::CloseQuote && self.quotes.closing_at(k).is_some() {
                push(k + 1, k + 1, kind::CLOSE_QUOTE, &mut cands);
                continue;
            }
            if self.quotes.inside(k) {
                continue;
            }
            let kind = match t.kind {
                TokKind::Punct => match self.word(k) {
                    "," if fronted_comma == Some(k) => None,
                    "," => Some(kind::COMMA),
                    ";" => Some(kind::SEMICOLON),
                    ":" => Some(kind::COLON),
                    "(" => Some(kind::PAREN),
                    _ if self.is_dash(k) => Some(kind::DASH),
                    "." | "!" | "?" if sentence_end(k) => {
                        push(k + 1, k + 1, kind::SENTENCE_END, &mut cands);
                        None
                    }
                    _ => None,
                },
                TokKind::Word if self.is(k, bit::CONJUNCTION) && !self.is_punct(k - 1, ",") => Some(kind::CONJ),
                TokKind::Word if self.is(k, bit::PREPOSITION) && !self.is_punct(k - 1, ",") => Some(kind::PREP),
                TokKind::Word
                    if self.is(k, bit::TIME_WORD | bit::TIME_FIRST) && self.time_words_at(k, e1).is_some() =>
                {
                    Some(kind::TIME)
                }
                _ => None,
            };
            if let Some(kind) = kind.filter(|_| k > clause_verb) {
                push(k, k, kind, &mut cands);
            }
        }
        // the rest of the sentence, when the rules stopped short of it and no
        // other attribution's cue lies between
        let last = e1 - 1;
        let si = self
            .seg
            .sentences
            .partition_point(|s| s.span.end <= self.toks[last].start as usize);
        if let Some(sent) = self.seg.sentences.get(si) {
            let hi = self.tok_at(sent.span.end);
            let (from, to) = (c.end, self.toks[hi.max(1) - 1].end as usize);
            if hi > e1
                && !self.quotes.inside(e1)
                && cue_starts.partition_point(|&x| x < from) == cue_starts.partition_point(|&x| x < to)
            {
                let end = trim(hi);
                if end > e1 {
                    cands.push(Cand {
                        end,
                        at: hi,
                        kind: kind::EXTEND,
                    });
                }
            }
        }
        if cands.len() < 2 {
            return None;
        }
        let ctx = Ctx {
            s0,
            e1,
            cue: static_part(a.cue_rule),
            stance: static_part(a.stance.as_str()),
            construction: static_part(a.construction),
            that: self.word_is(s0, "that"),
            quoted: self.toks[s0].kind == TokKind::OpenQuote,
        };
        Some((ctx, cands))
    }

    /// The features of candidate `c` of attribution `a` (see the module's
    /// template), each given to `sink` as a namespace and the parts of its value.
    /// `grids`: the model's margins of the features with few values, for a
    /// `Margin` (a sink that names its features takes `None`).
    fn end_features(&self, x: &Ctx, c: &Cand, grids: Option<&Grids>, sink: &mut impl Sink<'a>) {
        let (s0, e1) = (x.s0, x.e1);
        // each part is hashed once, however many features it takes part in
        let (k, kind) = (c.kind, KINDS[c.kind]);
        let n = self.toks.len();
        let b = Bounds { lo: s0, hi: n };
        // (a feature's margin from the model's grids when it gave them)
        let flag = |ns: Ns, grid: fn(&Grids) -> &Grid, sink: &mut _| {
            Sink::add_known(sink, ns, &[kind], grids.map(|g| grid(g).get(k, 0)))
        };
        flag(ns::KIND, |g| &g.kind, sink);
        // the word after the boundary (for a conjunction or a preposition, the word itself)
        let next_at = if c.at < n && !self.toks[c.at].is_word() {
            c.at + 1
        } else {
            c.at
        };
        let next = Part::new(if next_at < n { self.word(next_at) } else { "</s>" });
        sink.add(ns::KIND_NEXT, &[kind, SEP, next]);
        let next_class = self.class_index(Some(next_at), b);
        sink.add_known(
            ns::KIND_NEXT_CLASS,
            &[kind, SEP, TOKEN_CLASSES[next_class]],
            grids.map(|g| g.next_class.get(k, next_class)),
        );
        let prev_at = c.end - 1;
        let prev = Part::new(self.word(prev_at));
        sink.add(ns::PREV, &[prev]);
        let prev_class = self.class_index(Some(prev_at), b);
        sink.add_known(
            ns::PREV_CLASS,
            &[TOKEN_CLASSES[prev_class]],
            grids.map(|g| g.prev_class.get(0, prev_class)),
        );
        sink.add(ns::KIND_PREV, &[kind, SEP, prev]);
        let (dist, rest) = (bucket_index(c.end - s0), bucket_index(e1.abs_diff(c.at)));
        sink.add_known(
            ns::KIND_DIST,
            &[kind, SEP, BUCKETS[dist]],
            grids.map(|g| g.dist.get(k, dist)),
        );
        sink.add_known(
            ns::KIND_REST,
            &[kind, SEP, BUCKETS[rest]],
            grids.map(|g| g.rest.get(k, rest)),
        );
        if x.that {
            flag(ns::KIND_THAT, |g| &g.that, sink);
        }
        if self.quote_marks(s0, c.end) > 0 {
            flag(ns::KIND_QUOTE_BEFORE, |g| &g.quote_before, sink);
        }
        if x.quoted {
            flag(ns::KIND_QUOTED, |g| &g.quoted, sink);
        }
        if c.at < n
            && self.bare_clause(
                c.at,
                Bounds {
                    lo: s0,
                    hi: e1.max(c.at + 1),
                },
            )
        {
            flag(ns::KIND_CLAUSE, |g| &g.clause, sink);
        }
        if (c.at + 1..(c.at + 7).min(e1)).any(|k| self.is_cue_word(k)) {
            flag(ns::KIND_CUE_FOLLOWS, |g| &g.cue_follows, sink);
        }
        sink.add(ns::KIND_CUE, &[kind, SEP, x.cue]);
        sink.add(ns::KIND_STANCE, &[kind, SEP, x.stance]);
        sink.add(ns::KIND_CONSTRUCTION, &[kind, SEP, x.construction]);
    }
}

/// The separator of a feature's parts.
const SEP: Part = Part::new("_");

/// The buckets of a token distance.
const BUCKETS: [Part; 5] = [
    Part::new("0-3"),
    Part::new("4-7"),
    Part::new("8-15"),
    Part::new("16-31"),
    Part::new("32+"),
];

/// A token distance, bucketed: its index in `BUCKETS`.
fn bucket_index(d: usize) -> usize {
    match d {
        0..=3 => 0,
        4..=7 => 1,
        8..=15 => 2,
        16..=31 => 3,
        _ => 4,
    }
}

/// A token distance, bucketed.
#[cfg(test)]
fn bucket(d: usize) -> Part<'static> {
    BUCKETS[bucket_index(d)]
}

/// The namespaces of the template, each with its hash seed computed at compile time.
mod ns {
    use crate::learn::keys::Ns;
    pub const KIND: Ns = Ns::new("kind");
    pub const KIND_CLAUSE: Ns = Ns::new("kind-clause");
    pub const KIND_CONSTRUCTION: Ns = Ns::new("kind-construction");
    pub const KIND_CUE: Ns = Ns::new("kind-cue");
    pub const KIND_CUE_FOLLOWS: Ns = Ns::new("kind-cue-follows");
    pub const KIND_DIST: Ns = Ns::new("kind-dist");
    pub const KIND_NEXT: Ns = Ns::new("kind-next");
    pub const KIND_NEXT_CLASS: Ns = Ns::new("kind-next-class");
    pub const KIND_PREV: Ns = Ns::new("kind-prev");
    pub const KIND_QUOTE_BEFORE: Ns = Ns::new("kind-quote-before");
    pub const KIND_QUOTED: Ns = Ns::new("kind-quoted");
    pub const KIND_REST: Ns = Ns::new("kind-rest");
    pub const KIND_STANCE: Ns = Ns::new("kind-stance");
    pub const KIND_THAT: Ns = Ns::new("kind-that");
    pub const PREV: Ns = Ns::new("prev");
    pub const PREV_CLASS: Ns = Ns::new("prev-class");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::key_of_name;

    #[test]
    fn the_margin_table_holds_each_features_end_weight_less_its_other_weight() {
        let models = crate::score::models::Models::builtin();
        let span = models.span.as_ref().expect("the built-in span model");
        for name in span.model.file.weights.keys() {
            let w = span.model.weights(key_of_name(name)).expect("a weight the model holds");
            assert_eq!(
                span.margins.get(feature_key(name)).map(f32::to_bits),
                Some((w[1] - w[0]).to_bits()),
                "{name}"
            );
        }
        assert!(span.model.file.weights.len() > 1000);
        assert_eq!(span.margins.get(feature_key("kind-next:comma_no-such-word")), None);
    }

    /// Each conjunction as written, upper case and capitalised.
    fn conjunction_cases() -> impl Iterator<Item = String> {
        CONJUNCTIONS.iter().flat_map(|w| {
            [
                w.to_string(),
                w.to_ascii_uppercase(),
                w[..1].to_ascii_uppercase() + &w[1..],
            ]
        })
    }

    /// Words near a conjunction that are none.
    const NOT_CONJUNCTIONS: [&str; 10] = [
        "a",
        "an",
        "andy",
        "whiles",
        "alth",
        "althoughs",
        "sø",
        "becauseX",
        "ánd",
        "so-called",
    ];

    #[test]
    fn a_conjunction_is_one_of_the_list_in_any_case() {
        for w in conjunction_cases() {
            assert!(conjunction(&w), "{w}");
        }
        for w in std::iter::once("").chain(NOT_CONJUNCTIONS) {
            assert_eq!(conjunction(w), super::super::one_of(w, &CONJUNCTIONS), "{w}");
            assert!(!conjunction(w), "{w}");
        }
        assert_eq!(CONJUNCTIONS.len(), 14);
        // the vocabulary's bit, which `end_candidates` reads, marks the same words
        let mut vocab = super::super::words::Vocab::default();
        for w in CONJUNCTIONS {
            vocab.add_word(w, 1);
        }
        for w in conjunction_cases().chain(NOT_CONJUNCTIONS.map(String::from)) {
            assert_eq!(vocab.lookup_tagged(w.as_bytes()).0 == 1, conjunction(&w), "{w}");
        }
        // the packed list is the list
        for (w, k) in CONJUNCTIONS.iter().zip(0..) {
            assert!(conjunction(w) && CONJUNCTIONS[..k].iter().all(|x| x != w), "{w}");
        }
    }

    #[test]
    fn the_grids_hold_each_features_margin_by_name() {
        let models = crate::score::models::Models::builtin();
        let span = models.span.as_ref().expect("the built-in span model");
        let by_name = |name: String| span.margins.get(feature_key(&name)).map(f32::to_bits);
        let bits = |w: Option<f32>| w.map(f32::to_bits);
        let g = &span.grids;
        let mut known = 0;
        for (k, kind) in KINDS.iter().map(|p| p.s).enumerate() {
            let flags = [
                (&g.kind, "kind"),
                (&g.that, "kind-that"),
                (&g.quote_before, "kind-quote-before"),
                (&g.quoted, "kind-quoted"),
                (&g.clause, "kind-clause"),
                (&g.cue_follows, "kind-cue-follows"),
            ];
            for (grid, ns) in flags {
                assert_eq!(bits(grid.get(k, 0)), by_name(format!("{ns}:{kind}")), "{ns}:{kind}");
                known += grid.get(k, 0).is_some() as usize;
            }
            for (c, class) in TOKEN_CLASSES.iter().map(|p| p.s).enumerate() {
                let name = format!("kind-next-class:{kind}_{class}");
                assert_eq!(bits(g.next_class.get(k, c)), by_name(name.clone()), "{name}");
                known += g.next_class.get(k, c).is_some() as usize;
            }
            for (b, bucket) in BUCKETS.iter().map(|p| p.s).enumerate() {
                assert_eq!(bits(g.dist.get(k, b)), by_name(format!("kind-dist:{kind}_{bucket}")));
                assert_eq!(bits(g.rest.get(k, b)), by_name(format!("kind-rest:{kind}_{bucket}")));
            }
        }
        for (c, class) in TOKEN_CLASSES.iter().map(|p| p.s).enumerate() {
            assert_eq!(bits(g.prev_class.get(0, c)), by_name(format!("prev-class:{class}")));
        }
        // the model weighs many of them: the grids are not empty
        assert!(known > 50, "{known}");
        // the kinds' indices name the kinds
        assert_eq!((KINDS[kind::KEEP].s, KINDS[kind::EXTEND].s), ("keep", "extend"));
        assert_eq!(
            (KINDS[kind::CONJ].s, KINDS[kind::CLOSE_QUOTE].s),
            ("conj", "close-quote")
        );
    }

    #[test]
    fn a_moved_end_keeps_its_evidence_only_for_a_reader_of_it() {
        // (a participle after a comma opens a second attribution: the first content
        // stops before it, as `tests/learned_spans.rs` shows)
        let text = "The union criticized the budget, arguing that it relied on old figures.\n";
        let mut analyzer = crate::analysis::Analyzer::builtin();
        let with = analyzer.analyze_text(text);
        analyzer.matcher.choice_evidence = false;
        let without = analyzer.analyze_text(text);
        let moved = |a: &crate::model::Analysis| -> Vec<(Vec<Span>, Option<(&'static str, u32, usize)>)> {
            (a.attributions.iter())
                .map(|x| {
                    let end = x
                        .learned_end
                        .as_ref()
                        .map(|l| (l.kind, l.margin.to_bits(), l.features.len()));
                    (x.content.clone(), end)
                })
                .collect()
        };
        let (w, wo) = (moved(&with), moved(&without));
        assert!(w.iter().any(|(_, e)| e.is_some_and(|(_, _, n)| n > 0)), "{w:?}");
        // the same ends, kinds and margins; no features without a reader
        assert_eq!(w.len(), wo.len());
        for ((cw, ew), (cwo, ewo)) in w.iter().zip(&wo) {
            assert_eq!(cw, cwo);
            assert_eq!(ew.map(|(k, m, _)| (k, m)), ewo.map(|(k, m, _)| (k, m)));
            assert!(ewo.is_none_or(|(_, _, n)| n == 0));
        }
    }

    #[test]
    fn a_bucket_keys_as_its_name() {
        let mut names = Names::default();
        names.add(ns::KIND_DIST, &[Part::new("comma"), SEP, bucket(9)]);
        names.add(ns::KIND_REST, &[Part::new("keep"), SEP, bucket(40)]);
        assert_eq!(names.0, ["kind-dist:comma_8-15", "kind-rest:keep_32+"]);
    }
}
