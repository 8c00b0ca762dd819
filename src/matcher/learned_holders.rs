//! Learned holder boundaries: where the words that hold an attribution start
//! and end.
//!
//! The rules (`holder_search`) take a noun phrase before or after the cue,
//! with an apposition or a relative clause set off by commas, a trailing
//! time phrase after a post-posed holder ("said Trump on Tuesday"), and so
//! on. PolNeAR's annotators draw the line elsewhere often enough: they keep
//! the apposition of a post-posed holder ("said Huma Abedin, vice chairwoman
//! for …") but drop the relative clause of a pre-posed one ("Barkley, who
//! said …,"), they take a whole coordination ("Obama, Clinton and other
//! Democrats"), and they leave out a leading "Then" or "Even". After every
//! other stage, each attribution with a holder gets candidate holders: the
//! rules' one (`keep`), and the same phrase trimmed or extended at
//! well-defined boundaries:
//! - `clitic`: without a contraction's clitic ("He’s" → "He");
//! - `cut-comma`, `cut-dash`, `cut-paren`, `cut-rel`: up to the first comma,
//!   dash or bracket, or the first "who", "whose", "which" or "that";
//! - `cut-time`: before the first time phrase ("on Tuesday", "last week");
//! - `cut-prep`: before the first preposition ("Trump in his speech");
//! - `cut-last`: without a lower-case last word ("Obama began", "Rubio only");
//! - `after-comma`: from after the last comma ("the group backing Bush, Mike
//!   Murphy" → "Mike Murphy");
//! - `drop-first`: without the first word ("Then Trump", "A petition");
//! - `coord`: extended back over a coordination ("Obama, Clinton, and [other
//!   Democrats]"; "Neither Cruz nor [Christie]");
//! - `front-word`: extended back by the word before ("[the] two voters",
//!   "[De] Blasio", "[About] one in five");
//! - `of`: extended back over "NOUN of" ("[a family of] super PACs");
//! - `apposition`: extended on over a stretch set off by a comma or a dash
//!   after the holder, to the next comma, dash or the sentence end ("said Huma
//!   Abedin[, vice chairwoman for Clinton’s campaign]").
//!
//! The holder model scores each candidate; the best one replaces the rules'
//! holder when its margin passes keep's by the model's threshold. Only the
//! holder's words move: its kind, its rule and what a pronoun stands for stay
//! the rules', so the verdict and source models see the same holder kinds.
//! Trained by `sayso train holders` (`commands::train_holders`) on PolNeAR's
//! gold sources, pairwise, as the content ends are (`learned_spans`): each
//! feature is joined with the kind of candidate.
//!
//! # Feature template
//! Every feature is `namespace:value`, lower-cased; KIND is the kind of
//! candidate. The *moved word* is the first word a candidate drops (a cut:
//! the word at the cut, or after the comma, dash or bracket it cuts at;
//! `drop-first`, `after-comma`: the first dropped word)
//! or the first it adds (`coord`, `front-word`, `of`: the new first word;
//! `apposition`: the word after the comma or dash); for `clitic`, the clitic.
//! - `kind:KIND`
//! - `kind-word:KIND_w`, `kind-class:KIND_CLASS`: the moved word and its class
//! - `kind-edge:KIND_w`, `kind-edge-class:KIND_CLASS`: the word the candidate
//!   now starts with (a start that moves) or ends with (an end that moves)
//! - `kind-n:KIND_N`: how many tokens it drops or adds, bucketed;
//!   `kind-len:KIND_N`: the rules' holder's length, bucketed
//! - `kind-side:KIND_before|after`: the holder stands before or after the cue,
//!   `kind-side-class:KIND_SIDE_CLASS` with the moved word's class;
//!   `kind-commas:KIND_0|1|2+`: the commas inside the rules' holder
//! - `kind-cap:KIND_yes|no`: the candidate's first word is capitalised
//! - `kind-next:KIND_w`, `kind-prev:KIND_w`: the word after the rules'
//!   holder and the word before it
//! - `kind-rule:KIND_RULE`, `kind-construction:KIND_NAME`: the holder's
//!   source rule and the attribution's construction

use super::learned_cues::{TOKEN_CLASSES, class};
use super::tokens::TokKind;
use super::{Bounds, Doc, bit, one_of};
use crate::learn::Model;
use crate::learn::keys::{
    Grid, KeyTable, Margin, Names, Ns, Part, Sink, Weighed, best_over_keep, feature_key, key, static_part,
};
use crate::model::Attribution;
use crate::span::Span;

/// The classes of the holder model, in the order of its weights.
pub const CLASSES: [&str; 2] = ["other", "holder"];

/// The longest stretch an `apposition` candidate adds, in tokens.
const APPOSITION: usize = 24;

/// Clitics a contraction may end a holder's last token with.
const CLITICS: [&str; 12] = [
    "’s", "'s", "’re", "'re", "’ve", "'ve", "’ll", "'ll", "’d", "'d", "’m", "'m",
];

/// The sentence `Doc::sentence_bounds` found last: its index and its first
/// and end tokens.
#[derive(Default)]
struct SentenceMemo(Option<(usize, usize, usize)>);

/// A holder model ready for the matcher.
#[derive(Debug, Clone)]
pub struct HolderModel {
    pub model: Model,
    /// per feature key (`feature_key`), its weight for "holder" less its
    /// weight for "other": one look-up a feature
    margins: KeyTable<f32>,
    /// how far the best candidate's margin must pass keep's
    pub threshold: f32,
    /// the margins of the features whose values are a kind and a class, a
    /// bucket, a side or nothing, by their indices
    grids: Grids,
}

/// The margins of the holder features with few values, looked up when the
/// model loads (`Grid`): per kind of candidate (`KINDS`), by the value's index.
#[derive(Debug, Clone)]
struct Grids {
    /// `kind:` (one column)
    kind: Grid,
    /// `kind-class:`, `kind-edge-class:` by the class (`TOKEN_CLASSES`)
    class: Grid,
    edge_class: Grid,
    /// `kind-n:`, `kind-len:` by the bucket (`BUCKETS`)
    n: Grid,
    len: Grid,
    /// `kind-side:` by the side (`SIDES`), `kind-side-class:` by the side and
    /// the class (`side * class::COUNT + class`)
    side: Grid,
    side_class: Grid,
    /// `kind-commas:` by `COMMAS`, `kind-cap:` by `CAPS`
    commas: Grid,
    cap: Grid,
}

impl Grids {
    fn new(margins: &KeyTable<f32>) -> Grids {
        let by = |n: Ns, values: &[Part]| {
            Grid::new(KINDS.len(), values.len(), |k, v| {
                margins.get(key(n, &[KINDS[k], SEP, values[v]]))
            })
        };
        Grids {
            kind: Grid::new(KINDS.len(), 1, |k, _| margins.get(key(ns::KIND, &[KINDS[k]]))),
            class: by(ns::KIND_CLASS, &TOKEN_CLASSES),
            edge_class: by(ns::KIND_EDGE_CLASS, &TOKEN_CLASSES),
            n: by(ns::KIND_N, &BUCKETS),
            len: by(ns::KIND_LEN, &BUCKETS),
            side: by(ns::KIND_SIDE, &SIDES),
            side_class: Grid::new(KINDS.len(), SIDES.len() * class::COUNT, |k, v| {
                let (side, c) = (SIDES[v / class::COUNT], TOKEN_CLASSES[v % class::COUNT]);
                margins.get(key(ns::KIND_SIDE_CLASS, &[KINDS[k], SEP, side, SEP, c]))
            }),
            commas: by(ns::KIND_COMMAS, &COMMAS),
            cap: by(ns::KIND_CAP, &CAPS),
        }
    }
}

impl HolderModel {
    pub fn new(model: Model) -> HolderModel {
        let threshold = (model.file.settings.get("threshold"))
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as f32;
        let f32_at = |w: &[f64], k: usize| w.get(k).map_or(0.0, |&x| x as f32);
        let margins =
            KeyTable::new((model.file.weights.iter()).map(|(n, w)| (feature_key(n), f32_at(w, 1) - f32_at(w, 0))));
        let grids = Grids::new(&margins);
        HolderModel {
            model,
            margins,
            threshold,
            grids,
        }
    }
}

/// Whether and how the holders are chosen after the rules.
pub enum HolderPass<'a> {
    Off,
    Choose(&'a HolderModel),
    /// record every candidate for the trainer, change nothing
    Collect,
}

/// One candidate holder as the trainer sees it.
#[derive(Debug, Clone)]
pub struct HolderCandidate {
    pub span: Span,
    pub keep: bool,
    pub features: Vec<String>,
}

/// The candidates of one attribution (its index in the findings).
#[derive(Debug, Clone)]
pub struct HolderCandidates {
    pub attribution: usize,
    pub candidates: Vec<HolderCandidate>,
}

/// What `--explain` shows of a holder the model moved.
pub type LearnedHolder = crate::learn::keys::Chosen;

/// What the candidates of one attribution share, computed once.
struct Ctx<'a> {
    /// the rules' holder in tokens
    h0: usize,
    h1: usize,
    /// commas inside the rules' holder
    commas: usize,
    /// the parts every candidate's features share: the side of its cue the
    /// holder stands on, the words after and before the rules' holder, its
    /// source rule and the attribution's construction
    /// (`side`: its index in `SIDES`)
    side: usize,
    next: Part<'a>,
    prev: Part<'a>,
    rule: Part<'static>,
    construction: Part<'static>,
}

/// The kinds of candidate, each hashed at compile time, in the order of
/// `kind`'s indices.
const KINDS: [Part; 15] = [
    Part::new("keep"),
    Part::new("clitic"),
    Part::new("cut-comma"),
    Part::new("cut-dash"),
    Part::new("cut-paren"),
    Part::new("cut-rel"),
    Part::new("cut-time"),
    Part::new("cut-prep"),
    Part::new("cut-last"),
    Part::new("after-comma"),
    Part::new("drop-first"),
    Part::new("coord"),
    Part::new("front-word"),
    Part::new("of"),
    Part::new("apposition"),
];

/// The index of each kind of candidate in `KINDS`.
mod kind {
    pub const KEEP: usize = 0;
    pub const CLITIC: usize = 1;
    pub const CUT_COMMA: usize = 2;
    pub const CUT_DASH: usize = 3;
    pub const CUT_PAREN: usize = 4;
    pub const CUT_REL: usize = 5;
    pub const CUT_TIME: usize = 6;
    pub const CUT_PREP: usize = 7;
    pub const CUT_LAST: usize = 8;
    pub const AFTER_COMMA: usize = 9;
    pub const DROP_FIRST: usize = 10;
    pub const COORD: usize = 11;
    pub const FRONT_WORD: usize = 12;
    pub const OF: usize = 13;
    pub const APPOSITION: usize = 14;
}

/// One candidate holder: tokens `start..end`, less `clip` bytes at its end.
struct Cand {
    start: usize,
    end: usize,
    clip: usize,
    /// (`kind`, its index in `KINDS`)
    kind: usize,
    /// the moved word (see the template)
    moved: usize,
    /// tokens dropped or added
    n: usize,
}

impl<'a> Doc<'a> {
    /// Choose (or collect) the holder of every attribution that has
    /// candidates. Runs last, once per attribution.
    pub(super) fn learned_holders(&mut self) {
        let pass = std::mem::replace(&mut self.holder_pass, HolderPass::Off);
        match &pass {
            HolderPass::Off => {}
            HolderPass::Choose(m) => {
                let mut memo = SentenceMemo::default();
                for k in 0..self.out.attributions.len() {
                    let a = &self.out.attributions[k];
                    let Some((x, cands)) = self.holder_candidates(a, &mut memo) else {
                        continue;
                    };
                    let margin_of = |c: &Cand| -> f32 {
                        let mut sink = Margin {
                            margins: &m.margins,
                            margin: 0.0,
                        };
                        self.holder_features(&x, c, Some(&m.grids), &mut sink);
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
                        self.holder_features(&x, c, None, &mut sink);
                        sink.strongest()
                    } else {
                        Vec::new()
                    };
                    let span = self.cand_span(c);
                    let learned = LearnedHolder {
                        kind: KINDS[c.kind].s,
                        margin,
                        keep_margin,
                        threshold: m.threshold,
                        features: weighed,
                    };
                    let a = &mut self.out.attributions[k];
                    if let Some(s) = a.source.as_mut() {
                        s.span = span;
                    }
                    a.learned_holder = Some(Box::new(learned));
                }
            }
            HolderPass::Collect => {
                let mut memo = SentenceMemo::default();
                for k in 0..self.out.attributions.len() {
                    let a = &self.out.attributions[k];
                    let Some((x, cands)) = self.holder_candidates(a, &mut memo) else {
                        continue;
                    };
                    let candidates = (cands.iter())
                        .map(|c| {
                            let mut names = Names::default();
                            self.holder_features(&x, c, None, &mut names);
                            HolderCandidate {
                                span: self.cand_span(c),
                                keep: c.kind == kind::KEEP,
                                features: names.0,
                            }
                        })
                        .collect();
                    self.holder_collected.push(HolderCandidates {
                        attribution: k,
                        candidates,
                    });
                }
            }
        }
        self.holder_pass = pass;
    }

    fn cand_span(&self, c: &Cand) -> Span {
        let s = self.span(c.start, c.end);
        Span::new(s.start, s.end - c.clip)
    }

    /// The sentence's tokens around token `k`. (`memo`: the last sentence
    /// found, which the next attribution's holder is usually in.)
    fn sentence_bounds(&self, k: usize, memo: &mut SentenceMemo) -> Bounds {
        let at = self.toks[k].start as usize;
        let sentences = &self.seg.sentences;
        // (the sentence `partition_point` would find: the first that ends after `at`)
        let si = match memo.0 {
            Some((si, _, _)) if sentences[si].span.end > at && (si == 0 || sentences[si - 1].span.end <= at) => si,
            _ => sentences.partition_point(|s| s.span.end <= at),
        };
        match sentences.get(si) {
            Some(s) if s.span.start <= at => {
                let (lo, hi) = match memo.0 {
                    Some((m, lo, hi)) if m == si => (lo, hi),
                    _ => (self.tok_at(s.span.start), self.tok_at(s.span.end)),
                };
                memo.0 = Some((si, lo, hi));
                Bounds { lo, hi: hi.max(k + 1) }
            }
            _ => Bounds { lo: k, hi: k + 1 },
        }
    }

    /// What the candidates of an attribution share, and its candidate
    /// holders (keep first), or `None` when it has no other candidate.
    fn holder_candidates(&self, a: &Attribution, memo: &mut SentenceMemo) -> Option<(Ctx<'a>, Vec<Cand>)> {
        let s = a.source.as_ref()?;
        if s.span.is_empty() || s.span.end > self.text.len() {
            return None;
        }
        let h0 = self.tok_at(s.span.start);
        // (every token before `h0` ends by the holder's start: walked on over the holder)
        let h1 = self.tok_at_from(h0, s.span.end - 1) + 1;
        if h1 > self.toks.len() || h0 >= h1 || self.span(h0, h1) != s.span {
            return None;
        }
        let before = s.span.end <= a.cue.start;
        let b = self.sentence_bounds(h0, memo);
        let commas = (h0..h1).filter(|&k| self.is_punct(k, ",")).count();
        let mut cands = vec![Cand {
            start: h0,
            end: h1,
            clip: 0,
            kind: kind::KEEP,
            moved: h0,
            n: 0,
        }];
        let mut push = |c: Cand| {
            let valid = c.start < c.end
                && (c.start, c.end, c.clip) != (h0, h1, 0)
                && self.toks[c.start].is_word()
                && !cands
                    .iter()
                    .any(|d| (d.start, d.end, d.clip) == (c.start, c.end, c.clip));
            if valid {
                cands.push(c);
            }
        };
        // the clitic of a contraction
        let last = self.toks[h1 - 1];
        if last.kind == TokKind::Word {
            let w = self.word(h1 - 1);
            // (every clitic has an apostrophe, ' or the last byte of ’, in its last three bytes)
            let apostrophe = w.as_bytes()[w.len().saturating_sub(3)..]
                .iter()
                .any(|&c| c == b'\'' || c == 0x99);
            if apostrophe && let Some(cl) = CLITICS.iter().find(|c| w.len() > c.len() && w.ends_with(*c)) {
                push(Cand {
                    start: h0,
                    end: h1,
                    clip: cl.len(),
                    kind: kind::CLITIC,
                    moved: h1 - 1,
                    n: 0,
                });
            }
        }
        // cuts inside the holder: the first of each kind
        let mut seen: u8 = 0;
        let mut last_comma = None;
        for k in h0 + 1..h1 {
            let w = self.word(k);
            let kind = if self.quotes.inside(k) && !self.quotes.inside(h0) {
                None
            } else if w == "," {
                last_comma = Some(k);
                Some((0, kind::CUT_COMMA))
            } else if self.is_dash(k) {
                Some((1, kind::CUT_DASH))
            } else if w == "(" {
                Some((2, kind::CUT_PAREN))
            } else if one_of(w, &["who", "whose", "which", "that", "whom"]) {
                Some((3, kind::CUT_REL))
            } else if self.is(k, bit::TIME_WORD | bit::TIME_FIRST) && self.time_words_at(k, h1).is_some() {
                Some((4, kind::CUT_TIME))
            } else if self.is(k, bit::PREPOSITION) && self.toks[k].is_word() {
                Some((5, kind::CUT_PREP))
            } else {
                None
            };
            if let Some((bitn, kind)) = kind
                && seen & (1 << bitn) == 0
            {
                seen |= 1 << bitn;
                let mut end = k;
                while end > h0 + 1 && !self.toks[end - 1].is_word() {
                    end -= 1;
                }
                // a cut that strands a participle is no phrase ("a survey released | on
                // Wednesday by …"): the participle needs what follows it
                let stranded = self.toks[k].is_word() && end == k && {
                    let p = self.word(k - 1);
                    !self.is_cap(k - 1) && p.len() > 4 && p.ends_with("ed")
                };
                if stranded {
                    continue;
                }
                // (after a comma, a dash or a bracket, the word that opens the stretch)
                let moved = if self.toks[k].is_word() || k + 1 >= h1 {
                    k
                } else {
                    k + 1
                };
                push(Cand {
                    start: h0,
                    end,
                    clip: 0,
                    kind,
                    moved,
                    n: h1 - end,
                });
            }
        }
        // a lower-case last word
        if h1 - h0 >= 2 && last.kind == TokKind::Word && !self.is_cap(h1 - 1) && !self.is(h1 - 1, bit::GROUP_NOUN) {
            push(Cand {
                start: h0,
                end: h1 - 1,
                clip: 0,
                kind: kind::CUT_LAST,
                moved: h1 - 1,
                n: 1,
            });
        }
        // from after the last comma
        if let Some(c) = last_comma
            && c + 1 < h1
            && self.toks[c + 1].is_word()
        {
            push(Cand {
                start: c + 1,
                end: h1,
                clip: 0,
                kind: kind::AFTER_COMMA,
                moved: h0,
                n: c + 1 - h0,
            });
        }
        // without the first word (and a comma after it)
        if h1 - h0 >= 2 {
            let mut s = h0 + 1;
            while s < h1 && !self.toks[s].is_word() {
                s += 1;
            }
            if s < h1 {
                push(Cand {
                    start: s,
                    end: h1,
                    clip: 0,
                    kind: kind::DROP_FIRST,
                    moved: h0,
                    n: s - h0,
                });
            }
        }
        if h0 > b.lo {
            let lo = Bounds { lo: b.lo, hi: h0 };
            // back over a coordination
            let mut s = h0;
            let mut crossed = false;
            let joins = |k: usize| one_of(self.word(k), &["and", "or", "nor"]);
            let listed = (h0..h1).any(joins);
            while s > b.lo + 1 && h0 - s < 40 {
                let j = s - 1;
                let w = self.word(j);
                // the token a noun phrase before the joint must end before
                let mut at = j;
                if joins(j) || (one_of(w, &["even", "also"]) && joins(j - 1)) {
                    at = if joins(j) { j } else { j - 1 };
                    crossed = true;
                    if at > b.lo && self.is_punct(at - 1, ",") {
                        at -= 1;
                    }
                } else if w == "," && (crossed || listed) {
                    // a list: "A, B, and C", "A, [B and C]"
                    crossed = true;
                } else {
                    break;
                }
                match self.np_simple(at, lo) {
                    // ("However, critics and scholars": an opening adverb is no list's member)
                    Some((ns, _)) if ns < at && !(at - ns == 1 && self.opening_adverb(ns)) => s = ns,
                    _ => break,
                }
            }
            if s < h0 && crossed {
                if s > b.lo && one_of(self.word(s - 1), &["neither", "either", "both"]) {
                    s -= 1;
                }
                push(Cand {
                    start: s,
                    end: h1,
                    clip: 0,
                    kind: kind::COORD,
                    moved: s,
                    n: h0 - s,
                });
            }
            // the word before: a name, a determiner, a number, a modifier ("about",
            // "early"); not a preposition, a verb or a clause word ("to", "runs", "who")
            let j = h0 - 1;
            let closed = bit::PREPOSITION
                | bit::JOINER
                | bit::AUXILIARY
                | bit::CLAUSE_OPENER
                | bit::NEGATOR
                | bit::PRONOUN
                | bit::BE_FORM;
            let verb_like = !self.is_cap(j)
                && !self.is(j, bit::DETERMINER | bit::QUANTITY | bit::POSSESSIVE)
                && (self.word(j).ends_with('s') || self.word(j).ends_with("ed"));
            if self.toks[j].kind == TokKind::Word
                && !self.is_cue_word(j)
                && (!self.is(j, closed) || self.is(j, bit::DETERMINER))
                && !verb_like
            {
                push(Cand {
                    start: j,
                    end: h1,
                    clip: 0,
                    kind: kind::FRONT_WORD,
                    moved: j,
                    n: 1,
                });
            }
            // "NOUN of" before
            if self.word_is(j, "of")
                && let Some((ns, _)) = self.np_simple(j, lo)
            {
                push(Cand {
                    start: ns,
                    end: h1,
                    clip: 0,
                    kind: kind::OF,
                    moved: ns,
                    n: h0 - ns,
                });
            }
        }
        // on over a stretch set off by a comma or a dash after the holder
        if h1 + 1 < b.hi && (self.is_punct(h1, ",") || self.is_dash(h1)) && self.toks[h1 + 1].is_word() {
            let cue_tok = self.tok_at(a.cue.start);
            let mut e = h1 + 1;
            while e < b.hi && e - h1 <= APPOSITION {
                let w = self.word(e);
                if self.toks[e].is_quote()
                    || matches!(w, "," | ";" | ":" | "." | "!" | "?")
                    || self.is_dash(e)
                    || (self.is_cue_word(e) && !self.is_cap(e))
                    || (before && e >= cue_tok)
                {
                    break;
                }
                e += 1;
            }
            let closed = e < b.hi && !self.toks[e].is_quote() && e - h1 <= APPOSITION;
            // (a holder never runs into its own content: "The hall, said the harbour master,
            // is the port's biggest project" ends the holder at the comma)
            let stretch = Span::new(self.toks[h1].start as usize, self.toks[e - 1].end as usize);
            if closed && e > h1 + 1 && !a.content.iter().any(|c| c.overlaps(stretch)) {
                push(Cand {
                    start: h0,
                    end: e,
                    clip: 0,
                    kind: kind::APPOSITION,
                    moved: h1 + 1,
                    n: e - h1,
                });
            }
        }
        if cands.len() < 2 {
            return None;
        }
        let n = self.toks.len();
        let x = Ctx {
            h0,
            h1,
            commas,
            side: if before { 0 } else { 1 },
            next: Part::new(if h1 < n { self.word(h1) } else { "</s>" }),
            prev: Part::new(if h0 > 0 { self.word(h0 - 1) } else { "<s>" }),
            rule: static_part(s.rule),
            construction: static_part(a.construction),
        };
        Some((x, cands))
    }

    /// The features of candidate `c` of attribution `a` (see the module's
    /// template), each given to `sink` as a namespace and the parts of its value.
    /// `grids`: the model's margins of the features with few values, for a
    /// `Margin` (a sink that names its features takes `None`).
    fn holder_features(&self, x: &Ctx<'a>, c: &Cand, grids: Option<&Grids>, sink: &mut impl Sink<'a>) {
        // each part is hashed once, however many features it takes part in
        let (k, kind) = (c.kind, KINDS[c.kind]);
        let n = self.toks.len();
        let b = Bounds { lo: 0, hi: n };
        sink.add_known(ns::KIND, &[kind], grids.map(|g| g.kind.get(k, 0)));
        let moved = Part::new(if c.kind == kind::CLITIC {
            let w = self.word(c.moved);
            CLITICS.iter().find(|cl| w.ends_with(*cl)).map_or("", |cl| {
                cl.strip_prefix('’').or_else(|| cl.strip_prefix('\'')).unwrap_or(cl)
            })
        } else {
            self.word(c.moved)
        });
        let moved_class = self.class_index(Some(c.moved), b);
        let moved_part = TOKEN_CLASSES[moved_class];
        sink.add(ns::KIND_WORD, &[kind, SEP, moved]);
        sink.add_known(
            ns::KIND_CLASS,
            &[kind, SEP, moved_part],
            grids.map(|g| g.class.get(k, moved_class)),
        );
        let edge = if c.start != x.h0 { c.start } else { c.end - 1 };
        sink.add(ns::KIND_EDGE, &[kind, SEP, Part::new(self.word(edge))]);
        let edge_class = self.class_index(Some(edge), b);
        sink.add_known(
            ns::KIND_EDGE_CLASS,
            &[kind, SEP, TOKEN_CLASSES[edge_class]],
            grids.map(|g| g.edge_class.get(k, edge_class)),
        );
        let (dropped, len) = (bucket_index(c.n), bucket_index(x.h1 - x.h0));
        sink.add_known(
            ns::KIND_N,
            &[kind, SEP, BUCKETS[dropped]],
            grids.map(|g| g.n.get(k, dropped)),
        );
        sink.add_known(
            ns::KIND_LEN,
            &[kind, SEP, BUCKETS[len]],
            grids.map(|g| g.len.get(k, len)),
        );
        let (si, side) = (x.side, SIDES[x.side]);
        sink.add_known(ns::KIND_SIDE, &[kind, SEP, side], grids.map(|g| g.side.get(k, si)));
        sink.add_known(
            ns::KIND_SIDE_CLASS,
            &[kind, SEP, side, SEP, moved_part],
            grids.map(|g| g.side_class.get(k, si * class::COUNT + moved_class)),
        );
        let commas = x.commas.min(2);
        sink.add_known(
            ns::KIND_COMMAS,
            &[kind, SEP, COMMAS[commas]],
            grids.map(|g| g.commas.get(k, commas)),
        );
        let cap = if self.is_cap(c.start) { 0 } else { 1 };
        sink.add_known(ns::KIND_CAP, &[kind, SEP, CAPS[cap]], grids.map(|g| g.cap.get(k, cap)));
        sink.add(ns::KIND_NEXT, &[kind, SEP, x.next]);
        sink.add(ns::KIND_PREV, &[kind, SEP, x.prev]);
        sink.add(ns::KIND_RULE, &[kind, SEP, x.rule]);
        sink.add(ns::KIND_CONSTRUCTION, &[kind, SEP, x.construction]);
    }
}

/// The separator of a feature's parts.
const SEP: Part = Part::new("_");

/// The sides of its cue a holder stands on.
const SIDES: [Part; 2] = [Part::new("before"), Part::new("after")];

/// The values of `kind-commas:`, the commas inside the rules' holder.
const COMMAS: [Part; 3] = [Part::new("0"), Part::new("1"), Part::new("2+")];

/// The values of `kind-cap:`, whether the candidate opens with a capital.
const CAPS: [Part; 2] = [Part::new("yes"), Part::new("no")];

/// The buckets of a count of tokens.
const BUCKETS: [Part; 6] = [
    Part::new("0"),
    Part::new("1"),
    Part::new("2"),
    Part::new("3-5"),
    Part::new("6-10"),
    Part::new("11+"),
];

/// A count of tokens, bucketed: its index in `BUCKETS`.
fn bucket_index(d: usize) -> usize {
    match d {
        0..=2 => d,
        3..=5 => 3,
        6..=10 => 4,
        _ => 5,
    }
}

/// The namespaces of the template, each with its hash seed computed at compile time.
mod ns {
    use crate::learn::keys::Ns;
    pub const KIND: Ns = Ns::new("kind");
    pub const KIND_CAP: Ns = Ns::new("kind-cap");
    pub const KIND_CLASS: Ns = Ns::new("kind-class");
    pub const KIND_COMMAS: Ns = Ns::new("kind-commas");
    pub const KIND_CONSTRUCTION: Ns = Ns::new("kind-construction");
    pub const KIND_EDGE: Ns = Ns::new("kind-edge");
    pub const KIND_EDGE_CLASS: Ns = Ns::new("kind-edge-class");
    pub const KIND_LEN: Ns = Ns::new("kind-len");
    pub const KIND_N: Ns = Ns::new("kind-n");
    pub const KIND_NEXT: Ns = Ns::new("kind-next");
    pub const KIND_PREV: Ns = Ns::new("kind-prev");
    pub const KIND_RULE: Ns = Ns::new("kind-rule");
    pub const KIND_SIDE: Ns = Ns::new("kind-side");
    pub const KIND_SIDE_CLASS: Ns = Ns::new("kind-side-class");
    pub const KIND_WORD: Ns = Ns::new("kind-word");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grids_hold_each_features_margin_by_name() {
        let models = crate::score::models::Models::builtin();
        let holder = models.holder.as_ref().expect("the built-in holder model");
        let by_name = |name: String| holder.margins.get(feature_key(&name)).map(f32::to_bits);
        let bits = |w: Option<f32>| w.map(f32::to_bits);
        let g = &holder.grids;
        let mut known = 0;
        for (k, kind) in KINDS.iter().map(|p| p.s).enumerate() {
            assert_eq!(bits(g.kind.get(k, 0)), by_name(format!("kind:{kind}")));
            for (c, class) in TOKEN_CLASSES.iter().map(|p| p.s).enumerate() {
                assert_eq!(bits(g.class.get(k, c)), by_name(format!("kind-class:{kind}_{class}")));
                assert_eq!(
                    bits(g.edge_class.get(k, c)),
                    by_name(format!("kind-edge-class:{kind}_{class}"))
                );
                for (s, side) in SIDES.iter().map(|p| p.s).enumerate() {
                    let name = format!("kind-side-class:{kind}_{side}_{class}");
                    let cell = g.side_class.get(k, s * class::COUNT + c);
                    assert_eq!(bits(cell), by_name(name.clone()), "{name}");
                    known += cell.is_some() as usize;
                }
            }
            for (b, bucket) in BUCKETS.iter().map(|p| p.s).enumerate() {
                assert_eq!(bits(g.n.get(k, b)), by_name(format!("kind-n:{kind}_{bucket}")));
                assert_eq!(bits(g.len.get(k, b)), by_name(format!("kind-len:{kind}_{bucket}")));
            }
            for (s, side) in SIDES.iter().map(|p| p.s).enumerate() {
                assert_eq!(bits(g.side.get(k, s)), by_name(format!("kind-side:{kind}_{side}")));
            }
            for (v, commas) in COMMAS.iter().map(|p| p.s).enumerate() {
                assert_eq!(
                    bits(g.commas.get(k, v)),
                    by_name(format!("kind-commas:{kind}_{commas}"))
                );
            }
            for (v, cap) in CAPS.iter().map(|p| p.s).enumerate() {
                assert_eq!(bits(g.cap.get(k, v)), by_name(format!("kind-cap:{kind}_{cap}")));
            }
        }
        // the model weighs many of them: the grids are not empty
        assert!(known > 20, "{known}");
        assert_eq!((KINDS[kind::KEEP].s, KINDS[kind::CLITIC].s), ("keep", "clitic"));
        assert_eq!(KINDS[kind::APPOSITION].s, "apposition");
    }
}
