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

use super::tokens::TokKind;
use super::{Bounds, Doc, bit};
use crate::learn::Model;
use crate::learn::keys::{KeyTable, Margin, Names, Part, Sink, Weighed, best_over_keep, feature_key, static_part};
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
}

impl SpanModel {
    pub fn new(model: Model) -> SpanModel {
        let threshold = (model.file.settings.get("threshold"))
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as f32;
        let f32_at = |w: &[f64], k: usize| w.get(k).map_or(0.0, |&x| x as f32);
        let margins =
            KeyTable::new((model.file.weights.iter()).map(|(n, w)| (feature_key(n), f32_at(w, 1) - f32_at(w, 0))));
        SpanModel {
            model,
            margins,
            threshold,
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
    /// (`kind`)
    kind: Part<'static>,
}

/// The kinds of candidate, each hashed at compile time.
mod kind {
    use crate::learn::keys::Part;
    pub const KEEP: Part = Part::new("keep");
    pub const COMMA: Part = Part::new("comma");
    pub const SEMICOLON: Part = Part::new("semicolon");
    pub const COLON: Part = Part::new("colon");
    pub const DASH: Part = Part::new("dash");
    pub const PAREN: Part = Part::new("paren");
    pub const CONJ: Part = Part::new("conj");
    pub const PREP: Part = Part::new("prep");
    pub const TIME: Part = Part::new("time");
    pub const CLOSE_QUOTE: Part = Part::new("close-quote");
    pub const SENTENCE_END: Part = Part::new("sentence-end");
    pub const EXTEND: Part = Part::new("extend");
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
                        self.end_features(&x, c, &mut sink);
                        sink.margin
                    };
                    let Some((i, margin, keep_margin)) =
                        best_over_keep(cands.len(), m.threshold, |i| margin_of(&cands[i]))
                    else {
                        continue;
                    };
                    let c = &cands[i];
                    let mut sink = Weighed::new(&m.margins);
                    self.end_features(&x, c, &mut sink);
                    let weighed = sink.strongest();
                    let content = self.span(x.s0, c.end);
                    let learned = LearnedEnd {
                        kind: c.kind.s,
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
                            self.end_features(&x, c, &mut names);
                            EndCandidate {
                                content: self.span(x.s0, c.end),
                                keep: c.kind.s == "keep",
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
        let push = |end: usize, at: usize, kind: Part<'static>, cands: &mut Vec<Cand>| {
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
            if let Some(kind) = kind {
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
    fn end_features(&self, x: &Ctx, c: &Cand, sink: &mut impl Sink<'a>) {
        let (s0, e1) = (x.s0, x.e1);
        // each part is hashed once, however many features it takes part in
        let kind = c.kind;
        let n = self.toks.len();
        let b = Bounds { lo: s0, hi: n };
        sink.add(ns::KIND, &[kind]);
        // the word after the boundary (for a conjunction or a preposition, the word itself)
        let next_at = if c.at < n && !self.toks[c.at].is_word() {
            c.at + 1
        } else {
            c.at
        };
        let next = Part::new(if next_at < n { self.word(next_at) } else { "</s>" });
        sink.add(ns::KIND_NEXT, &[kind, SEP, next]);
        sink.add(ns::KIND_NEXT_CLASS, &[kind, SEP, self.class_of(Some(next_at), b)]);
        let prev_at = c.end - 1;
        let prev = Part::new(self.word(prev_at));
        sink.add(ns::PREV, &[prev]);
        sink.add(ns::PREV_CLASS, &[self.class_of(Some(prev_at), b)]);
        sink.add(ns::KIND_PREV, &[kind, SEP, prev]);
        sink.add(ns::KIND_DIST, &[kind, SEP, bucket(c.end - s0)]);
        sink.add(ns::KIND_REST, &[kind, SEP, bucket(e1.abs_diff(c.at))]);
        if x.that {
            sink.add(ns::KIND_THAT, &[kind]);
        }
        if self.quote_marks(s0, c.end) > 0 {
            sink.add(ns::KIND_QUOTE_BEFORE, &[kind]);
        }
        if x.quoted {
            sink.add(ns::KIND_QUOTED, &[kind]);
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
            sink.add(ns::KIND_CLAUSE, &[kind]);
        }
        if (c.at + 1..(c.at + 7).min(e1)).any(|k| self.is_cue_word(k)) {
            sink.add(ns::KIND_CUE_FOLLOWS, &[kind]);
        }
        sink.add(ns::KIND_CUE, &[kind, SEP, x.cue]);
        sink.add(ns::KIND_STANCE, &[kind, SEP, x.stance]);
        sink.add(ns::KIND_CONSTRUCTION, &[kind, SEP, x.construction]);
    }
}

/// The separator of a feature's parts.
const SEP: Part = Part::new("_");

/// A token distance, bucketed.
fn bucket(d: usize) -> Part<'static> {
    const BUCKETS: [Part; 5] = [
        Part::new("0-3"),
        Part::new("4-7"),
        Part::new("8-15"),
        Part::new("16-31"),
        Part::new("32+"),
    ];
    BUCKETS[match d {
        0..=3 => 0,
        4..=7 => 1,
        8..=15 => 2,
        16..=31 => 3,
        _ => 4,
    }]
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
    fn a_bucket_keys_as_its_name() {
        let mut names = Names::default();
        names.add(ns::KIND_DIST, &[Part::new("comma"), SEP, bucket(9)]);
        names.add(ns::KIND_REST, &[Part::new("keep"), SEP, bucket(40)]);
        assert_eq!(names.0, ["kind-dist:comma_8-15", "kind-rest:keep_32+"]);
    }
}
