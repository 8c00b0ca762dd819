//! Learned cue detection: the long tail of attribution cues that the grammar
//! does not list ("touted", "lamented", "weighed in on", "signed").
//!
//! After the grammar has placed its attributions in a sentence, every other
//! word whose form the cue model knows is a candidate, and so is another
//! inflection of a form whose stem the model leans to "cue" on ("touts" when
//! "touted" is a form; `candidate_forms`), weighed without a form weight of its
//! own. A form none of whose training candidates fired is left out by the
//! trainer (the model's `silent_forms`) and is no candidate. The model weighs the
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
//! - `possessive-before` (a possessive determiner or a word in 's before it:
//!   "his criticism of", "the governor's decision to"), `possessor:` which of
//!   them (pronoun, name or other noun)
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
//! - `that-follows`, `colon-follows`, `quote-follows` (an opening quote; within
//!   three tokens), `cap` (a capital
//!   inside the sentence)
//! - `widened`, `negated` (auxiliaries, adverbs or a negation before it),
//!   `holder:` the kind of the noun phrase before it (none, pronoun, named,
//!   unnamed), `holder-stem:`, `bare-clause` (a clause without "that" follows)

use super::holder_search::is_past_form;
use super::tokens::TokKind;
use super::{Bounds, Doc, bit, ends_with_ci, is_irregular_participle, lower, one_of, words};
use crate::learn::Model;
use crate::learn::keys::{
    INVERSE_POWERS, KeyTable, Margin, Names, Ns, Part, Sink, Weighed, feature_key, key, poly, static_part,
};
use crate::model::{Attribution, Source, SourceKind, Stance};
use crate::span::Span;
use rustc_hash::FxHashSet;

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

/// Phrasal particles a learned cue takes: "passed up", "ticked off".
const PARTICLES: [&str; 3] = ["up", "off", "down"];

/// Prepositions after a learned cue's short object that the cue takes: "a challenge
/// against", "frustration over".
const OBJECT_PREPOSITIONS: [&str; 3] = ["about", "against", "over"];

/// A cue model ready for the matcher: the weights, the forms that make a
/// candidate, and the margin a candidate must pass.
#[derive(Debug, Clone)]
pub struct CueModel {
    pub model: Model,
    /// the words that make a candidate: the model's forms and the other
    /// inflections of their stems (`candidate_forms`), sorted
    candidates: Vec<String>,
    /// per feature key (`feature_key`), its weight for "cue" less its weight for
    /// "other" (as f32, the same difference the two f32 weights give): one
    /// look-up a feature
    margins: KeyTable<f32>,
    /// per form's feature key (`form:`), the margin of the features fixed by
    /// the form (`fixed_margin`) and the best its holder can add (`best_holder`)
    forms: KeyTable<(f32, f32)>,
    /// the forms of at most 16 bytes by their bytes (`words::short_key`), with
    /// their hashes: the detector's test of a word, before any hashing
    short_forms: ShortForms,
    pub threshold: f32,
    /// the most the shape features can add to a margin (each of their
    /// namespaces fires at most once): a candidate whose word features leave
    /// it further below the threshold is decided without them
    shape_bound: f32,
    /// the weights of the shape features without a value (`widened`,
    /// `negated`, `bare-clause`), looked up once
    widened: Option<f32>,
    negated: Option<f32>,
    bare: Option<f32>,
    /// the weights of the class features, per class (`TOKEN_CLASSES`)
    classes: ClassWeights,
}

/// The weights of the detector's class features (`prev-class:`,
/// `next-class:`, `next2-class:`, `prev-classes:`, `next-classes:`) for every
/// class or pair of classes, looked up when the model loads: a candidate reads
/// them by the classes' indices instead of hashing and looking up five keys.
#[derive(Debug, Clone)]
struct ClassWeights {
    prev: [Option<f32>; class::COUNT],
    next: [Option<f32>; class::COUNT],
    next2: [Option<f32>; class::COUNT],
    /// by the class two before and the class before
    prev2: [[Option<f32>; class::COUNT]; class::COUNT],
    /// by the class after and the class two after
    next12: [[Option<f32>; class::COUNT]; class::COUNT],
    /// and the other context features the words around a candidate do not
    /// name: `position:` by its value (`POSITIONS`), and the features without
    /// a value (`FLAGS`, in that order)
    position: [Option<f32>; 4],
    /// `possessor:` by its value (`POSSESSORS`)
    possessor: [Option<f32>; 3],
    flags: [Option<f32>; 9],
}

/// The values of the `position:` feature.
const POSITIONS: [Part; 4] = [
    Part::new("first"),
    Part::new("early"),
    Part::new("late"),
    Part::new("middle"),
];

/// The values of the `possessor:` feature: a possessive determiner ("his"),
/// a name's "'s" ("Warren's"), another noun's ("the governor's").
const POSSESSORS: [Part; 3] = [Part::new("pronoun"), Part::new("name"), Part::new("noun")];

/// The context features without a value, in the order of `ClassWeights::flags`.
const FLAGS: [Ns; 9] = [
    ns::IN_QUOTE,
    ns::QUOTE_IN_SENTENCE,
    ns::ATTRIBUTED_SENTENCE,
    ns::IN_CONTENT,
    ns::THAT_FOLLOWS,
    ns::COLON_FOLLOWS,
    ns::CAP,
    ns::POSSESSIVE_BEFORE,
    ns::QUOTE_FOLLOWS,
];

impl ClassWeights {
    fn new(margins: &KeyTable<f32>) -> ClassWeights {
        let one = |n: Ns| TOKEN_CLASSES.map(|c| margins.get(key(n, &[c])));
        let two = |n: Ns| TOKEN_CLASSES.map(|a| TOKEN_CLASSES.map(|c| margins.get(key(n, &[a, SEP, c]))));
        ClassWeights {
            prev: one(ns::PREV_CLASS),
            next: one(ns::NEXT_CLASS),
            next2: one(ns::NEXT2_CLASS),
            prev2: two(ns::PREV_CLASSES),
            next12: two(ns::NEXT_CLASSES),
            position: POSITIONS.map(|p| margins.get(key(ns::POSITION, &[p]))),
            possessor: POSSESSORS.map(|p| margins.get(key(ns::POSSESSOR, &[p]))),
            flags: FLAGS.map(|n| margins.get(key(n, &[]))),
        }
    }
}

/// The namespaces of the shape features (`Doc::shape_features`).
const SHAPE: [&str; 5] = ["widened", "negated", "holder", "holder-stem", "bare-clause"];

impl CueModel {
    pub fn new(model: Model) -> CueModel {
        let f32_at = |w: &[f64], k: usize| w.get(k).map_or(0.0, |&x| x as f32);
        let margins =
            KeyTable::new((model.file.weights.iter()).map(|(n, w)| (feature_key(n), f32_at(w, 1) - f32_at(w, 0))));
        // (only a stem the model leans to "cue" on brings its other inflections: the
        // rest could seldom fire without their form's weight, and each costs a look-up)
        let leans_cue = |st: &str| margins.get(feature_key(&format!("stem:{st}"))).is_some_and(|w| w > 0.0);
        let silent: FxHashSet<&str> = (model.file.settings.get(SILENT_FORMS))
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        let mut candidates = candidate_forms(
            (model.file.weights.keys()).filter_map(|n| n.strip_prefix("form:")),
            leans_cue,
        );
        candidates.retain(|f| !silent.contains(f.as_str()));
        let form_names = || candidates.iter().map(String::as_str);
        let forms = KeyTable::new(form_names().map(|f| {
            let st = stem_part(Part::new(f));
            (
                feature_key(&format!("form:{f}")),
                (fixed_margin(&margins, f), best_holder(&margins, st)),
            )
        }));
        let short_forms = ShortForms::new(form_names(), &margins);
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
        let weight = |ns: Ns| margins.get(key(ns, &[]));
        let (widened, negated, bare) = (weight(ns::WIDENED), weight(ns::NEGATED), weight(ns::BARE_CLAUSE));
        let classes = ClassWeights::new(&margins);
        CueModel {
            model,
            candidates,
            margins,
            forms,
            short_forms,
            threshold,
            // (a little over, for the f32 sums)
            shape_bound: most.iter().sum::<f64>() as f32 + 1e-3,
            widened,
            negated,
            bare,
            classes,
        }
    }

    /// The words that make a candidate: the model's forms (as the model file
    /// spells them) and the other inflections of their stems.
    pub(super) fn forms(&self) -> impl Iterator<Item = &str> {
        self.candidates.iter().map(String::as_str)
    }
}

/// The words that make a candidate, given the forms of a model or a
/// trainer's lexicon: each form, and the other inflections of its stem that
/// `stem` takes back to it ("touted" brings "touts", "touting"), so that a verb
/// seen in one form is a candidate in the others; such a word is weighed by
/// its stem and context, its form being unknown. Sorted, without repeats.
pub fn candidate_forms<'f>(forms: impl Iterator<Item = &'f str>, inflect: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for f in forms {
        out.push(f.to_string());
        let s = stem(f);
        if !inflect(s) {
            continue;
        }
        for suffix in INFLECTIONS {
            let v = format!("{s}{suffix}");
            if stem(&v) == s {
                out.push(v);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The model setting that lists the forms the trainer left out because none
/// of their training candidates passed the threshold: no candidates, not
/// even as another form's inflection.
pub const SILENT_FORMS: &str = "silent_forms";

/// The endings `candidate_forms` adds to a stem.
const INFLECTIONS: [&str; 5] = ["", "s", "es", "ed", "ing"];

/// The margin of the features a form fixes, `bias`, `form:` and `stem:`,
/// summed as `Doc::word_features` gives them to a `Margin` (the same f32
/// additions in the same order, from 0): a candidate's margin starts here.
fn fixed_margin(margins: &KeyTable<f32>, form: &str) -> f32 {
    let mut sink = Margin { margins, margin: 0.0 };
    let w0 = Part::new(form);
    fixed_features(w0, stem_part(w0), &mut sink);
    sink.margin
}

/// The most the holder features (`holder:` and `holder-stem:`) can add to the
/// margin of a candidate of stem `st`: the best of the four holder values, as
/// `Doc::shape_margin` bounds a candidate (computed once per form).
fn best_holder(margins: &KeyTable<f32>, st: Part) -> f32 {
    let weight = |ns: Ns, parts: &[Part]| margins.get(key(ns, parts));
    (HOLDER_VALUES.iter())
        .map(|&h| weight(ns::HOLDER, &[h]).unwrap_or(0.0) + weight(ns::HOLDER_STEM, &[h, SEP, st]).unwrap_or(0.0))
        .fold(f32::MIN, f32::max)
}

/// The model's forms of at most 16 bytes, keyed by their bytes in lower case
/// (`words::short_key`: a few instructions a word, where the feature key
/// hashes byte by byte), each with the hash of its part (`Part::new`), so that
/// a candidate's word is never hashed, and its `fixed_margin`. Open
/// addressing, at most a quarter full.
#[derive(Debug, Clone)]
struct ShortForms {
    keys: Box<[(u64, u64)]>,
    parts: Box<[(u64, u64, f32, f32)]>,
}

/// The longest form `ShortForms` holds.
const SHORT: usize = 16;

impl ShortForms {
    fn new<'f>(forms: impl Iterator<Item = &'f str>, margins: &KeyTable<f32>) -> ShortForms {
        let forms: Vec<&str> = forms.filter(|f| short_form(f)).collect();
        let slots = (forms.len() * 4).next_power_of_two().max(16);
        let mut t = ShortForms {
            keys: vec![(0, 0); slots].into_boxed_slice(),
            parts: vec![(0, 0, 0.0, 0.0); slots].into_boxed_slice(),
        };
        let mask = slots - 1;
        for f in forms {
            let key = words::short_key(f.as_bytes());
            let mut i = words::slot_of(key, mask);
            while t.keys[i] != (0, 0) && t.keys[i] != key {
                i = (i + 1) & mask;
            }
            let p = Part::new(f);
            t.keys[i] = key;
            t.parts[i] = (p.h, p.pow, fixed_margin(margins, f), best_holder(margins, stem_part(p)));
        }
        t
    }

    /// The hash, `B^len`, fixed margin and best holder margin of `w` (at most
    /// 16 bytes, no NUL) when it is a form.
    #[inline]
    fn get(&self, w: &[u8]) -> Option<(u64, u64, f32, f32)> {
        let key = words::short_key(w);
        let mask = self.keys.len() - 1;
        let mut i = words::slot_of(key, mask);
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(self.parts[i]);
            }
            if k == (0, 0) {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// Does `ShortForms` hold this form? (A zero-padded key tells apart words
/// without a NUL byte only.)
fn short_form(w: &str) -> bool {
    !w.is_empty() && w.len() <= SHORT && !w.as_bytes().contains(&0)
}

/// The keys of the forms that make a candidate.
trait Forms {
    fn holds(&self, key: u64) -> bool;
}

impl Forms for FxHashSet<u64> {
    fn holds(&self, key: u64) -> bool {
        self.contains(&key)
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
    pub const POSSESSIVE_BEFORE: Ns = Ns::new("possessive-before");
    pub const QUOTE_FOLLOWS: Ns = Ns::new("quote-follows");
    pub const POSSESSOR: Ns = Ns::new("possessor");
    pub const WIDENED: Ns = Ns::new("widened");
    pub const NEGATED: Ns = Ns::new("negated");
    pub const HOLDER: Ns = Ns::new("holder");
    pub const HOLDER_STEM: Ns = Ns::new("holder-stem");
    pub const BARE_CLAUSE: Ns = Ns::new("bare-clause");
}

/// The hashes of a sentence's words, made when first asked for: per token
/// its hash and `B^len`, which is odd once made and 0 before.
struct Words {
    lo: usize,
    hashes: Vec<u64>,
}

impl Words {
    fn new(b: Bounds) -> Words {
        Words {
            lo: b.lo,
            hashes: vec![0; 2 * (b.hi - b.lo)],
        }
    }
}

/// What the grammar already found in a sentence, computed once for all its
/// candidates (so a sentence of thousands of cues stays linear).
struct Facts {
    lo: usize,
    /// per token: the cue or holder of a grammar attribution
    taken: Vec<bool>,
    /// per token: how many contents of grammar attributions it is inside
    depth: Vec<i32>,
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
        // (a sentence without a word of the model's forms has no candidate: its
        // facts are not needed; its tokens are still a step each, as `detect` counts them)
        let formless = matches!(pass, CuePass::Detect(_)) && !(b.lo..b.hi).any(|k| self.is(k, bit::CUE_FORM));
        if formless {
            self.step(b.hi - b.lo);
        } else if !matches!(pass, CuePass::Off) {
            let facts = self.facts(b, first_attr);
            match &pass {
                CuePass::Off => {}
                CuePass::Detect(m) => self.detect(m, b, first_attr, &facts),
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
        if grammar.iter().any(|a| !a.content.is_empty()) {
            for k in 1..n {
                depth[k] += depth[k - 1];
            }
        }
        Facts {
            lo: b.lo,
            taken,
            depth,
            attributed: !grammar.is_empty(),
            quote: self.quote_marks(b.lo, b.hi) > 0,
        }
    }

    /// The part of word `k` of the sentence (hashed on first use).
    #[inline]
    fn part(&self, words: &mut Words, k: usize) -> Part<'a> {
        let s = self.word(k);
        let j = 2 * (k - words.lo);
        let slot = &mut words.hashes[j..j + 2];
        if slot[1] != 0 {
            return Part {
                s,
                h: slot[0],
                pow: slot[1],
            };
        }
        let p = Part::new(s);
        slot.copy_from_slice(&[p.h, p.pow]);
        p
    }

    /// Is token `i` a word (not a number) the grammar's attributions do not
    /// already use as a cue or a holder, and not a closed-class word? (The
    /// test before a word is hashed.)
    #[inline(always)]
    fn open_word(&self, i: usize, facts: &Facts) -> bool {
        self.toks[i].kind == TokKind::Word
            && !facts.taken(i)
            // closed-class words ("to", "is", "for", "not") are half of all candidates and
            // almost never a cue alone: they are left to the grammar's phrases
            && !self.is(i, CLOSED_CLASS)
            && !self.word_is(i, "to")
    }

    /// Is token `i` an open word (`open_word`) whose form is in `forms`?
    fn candidate(&self, i: usize, facts: &Facts, forms: &impl Forms, words: &mut Words) -> bool {
        self.open_word(i, facts) && forms.holds(key(ns::FORM, &[self.part(words, i)]))
    }

    fn collect(&mut self, forms: &FxHashSet<u64>, b: Bounds, facts: &Facts) {
        let mut words = Words::new(b);
        for i in b.lo..b.hi {
            if !self.candidate(i, facts, forms, &mut words) {
                continue;
            }
            let mut names = Names::default();
            self.cue_features(i, b, facts, &mut words, None, &mut names);
            self.collected.push(CueCandidate {
                span: self.toks[i].span(),
                features: names.0,
            });
        }
    }

    /// Is token `i` an open word (`open_word`) that is one of the model's
    /// forms? Then its part (made from the form's hash), the margin of the
    /// features its form fixes (`fixed_margin`) and the most its holder can
    /// add (`best_holder`).
    fn detect_candidate(
        &self,
        i: usize,
        facts: &Facts,
        m: &CueModel,
        words: &mut Words,
    ) -> Option<(Part<'a>, f32, f32)> {
        // the vocabulary look-up of every token marked the model's forms
        // (`Matcher::with_cue_model`): most words end at this load
        if !self.is(i, bit::CUE_FORM) || !self.open_word(i, facts) {
            return None;
        }
        let w = self.word(i);
        // (a token holds no NUL byte: `Vocab::lookup_tagged`)
        if w.len() > SHORT {
            let p = self.part(words, i);
            return m
                .forms
                .get(key(ns::FORM, &[p]))
                .map(|(fixed, holder)| (p, fixed, holder));
        }
        let (h, pow, fixed, holder) = m.short_forms.get(w.as_bytes())?;
        let j = 2 * (i - words.lo);
        words.hashes[j..j + 2].copy_from_slice(&[h, pow]);
        Some((Part { s: w, h, pow }, fixed, holder))
    }

    fn detect(&mut self, m: &CueModel, b: Bounds, first_attr: usize, facts: &Facts) {
        // (the test of each token: a step a token, counted once for the sentence)
        self.step(b.hi - b.lo);
        let mut words = Words::new(b);
        // (a candidate that fires: its margin and the shape it read)
        let fires = |d: &Self, k: usize, words: &mut Words| -> Option<(f32, Shape)> {
            if k >= b.hi {
                return None;
            }
            // (the features the form fixes are summed in already)
            let (w0, fixed, best_holder) = d.detect_candidate(k, facts, m, words)?;
            let mut sink = Margin {
                margins: &m.margins,
                margin: fixed,
            };
            d.context_features(k, b, facts, words, w0, stem_part(w0), Some(&m.classes), &mut sink);
            // the shape features cannot lift a margin this far below the threshold
            if sink.margin + m.shape_bound <= m.threshold {
                return None;
            }
            d.shape_margin(k, b, words, m, sink.margin, best_holder)
        };
        let mut i = b.lo;
        while i < b.hi {
            // (most tokens are no form of the model's: told by their mask here)
            if !self.is(i, bit::CUE_FORM) {
                i += 1;
                continue;
            }
            let Some((margin, shape)) = fires(self, i, &mut words) else {
                i += 1;
                continue;
            };
            // a run of cue words is one cue: "weighed in on", "took aim at"
            let mut end = i + 1;
            while fires(self, end, &mut words).is_some() {
                end += 1;
            }
            if let Some(mut a) = self.learned_attribution(i, end, b, first_attr) {
                let mut sink = Weighed::new(&m.margins);
                // (the shape as `fires` read it: the holder search is not repeated; the
                // class and flag margins from the model's tables)
                self.cue_features(i, b, facts, &mut words, Some((shape, &m.classes)), &mut sink);
                let weighed = sink.strongest();
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
    /// after it (or the quote before it). The sentence's attributions so far
    /// start at `first_attr`.
    fn learned_attribution(&self, c0: usize, c1: usize, b: Bounds, first_attr: usize) -> Option<Attribution> {
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
        // an impression or a passive with no agent has no holder before it: "Ruiz seemed
        // to", "it appears", "Ruiz was asked about", "the vote is expected" (the one who
        // asks or expects is not named)
        let w0 = lower(self.word(c0));
        let impression = ["seem", "appear"].iter().any(|v| w0.starts_with(v));
        let participle = w0.ends_with("ed") || is_irregular_participle(&w0);
        // (a participle of feeling after "be" is the subject's state, not a passive: "Voters
        // are worried that", "She was thrilled with": the one who feels holds it)
        let passive = (start..c0).any(|k| self.is(k, bit::BE_FORM))
            && participle
            && !(c1 < b.hi && self.word_is(c1, "by"))
            && !self.m.lists.feeling_participles.has(self.word(c0));
        // "the plan was backed by most farmers", "a bill opposed by the union", "as
        // reported by the Ledger": a participle with its agent, who holds it (not a means,
        // "by raising taxes")
        if let Some(a) = self.agent_attribution(start, c0, c1, b, participle, negated) {
            return Some(a);
        }
        // "…, promising to stay", "…, asking voters to wait": a participle after a comma
        // goes on with its clause, whose holder is the clause's subject; so does one after
        // a quote that ends on its comma ("“…,” she said, adding"), a participle after a
        // preposition ("… by promising", "…, before adding") and a verb joined by "and"
        // ("The mayor signed the order and warned")
        let after_comma = start > b.lo + 1 && self.is_punct(start - 1, ",");
        let after_quote =
            start > b.lo + 2 && self.toks[start - 1].kind == TokKind::CloseQuote && self.is_punct(start - 2, ",");
        let ing = w0.ends_with("ing");
        let after_prep = ing
            && start > b.lo + 1
            && one_of(
                self.word(start - 1),
                &[
                    "by", "after", "before", "while", "without", "when", "since", "in", "upon", "through",
                ],
            );
        // (a verb after "and", not a noun: "… and endorsement of")
        let verb = start < c0 || w0.ends_with("ed") || is_irregular_participle(&w0);
        let after_and = start > b.lo + 2 && self.word_is(start - 1, "and") && verb;
        let continuing = (ing && (after_comma || after_quote)) || after_prep || after_and;
        // "it is unclear whether", "it was obvious that": the expletive "it" before an
        // adjective of evidence holds nothing (and in "made it clear that" the holder is
        // the verb's subject, not "it")
        let evidence_adjective = self.m.lists.evidence_adjectives.has(&w0);
        let holder_before = if impression || passive {
            None
        } else if continuing {
            // (after a preposition or "and" the clause may be long: its subject is an
            // earlier attribution's holder, or a short phrase of words opening the sentence)
            let loose = after_prep || after_and;
            // (and never a phrase opened by a preposition or a figure: "In 2008, …")
            let short = |&(s, e): &(usize, usize)| {
                let earlier = (self.out.attributions[first_attr..].iter()).any(|a| {
                    a.source
                        .as_ref()
                        .is_some_and(|h| h.span.start == self.toks[s].start as usize)
                });
                earlier
                    || (!self.is(s, bit::PREPOSITION | bit::CLAUSE_OPENER)
                        && self.toks[s].kind != TokKind::Number
                        && (!loose || (e - s <= 6 && (s..e).all(|k| self.toks[k].is_word()))))
            };
            // (a phrase a verb or a preposition governs before the comma is the clause's
            // end, not its subject: "spoke about the storm, arguing")
            self.np_back(start, b)
                .filter(|&(s, e)| !self.governed_before_participle(s, e, start, b))
                .or_else(|| self.subject(b, first_attr, start).filter(short))
                .or_else(|| self.subject_after_opening(start, c1, b))
        } else {
            (self.np_back(start, b))
                .or_else(|| self.pronoun_holder(start, c0, b))
                .or_else(|| self.infinitive_holder(start, b))
                .or_else(|| self.subject_after_opening(start, c1, b))
                .or_else(|| self.predicate_subject(start, b))
        };
        let holder_before = match holder_before {
            Some((s, e)) if evidence_adjective && e == s + 1 && self.word_is(s, "it") => {
                // "The mayor made it clear that": the subject before "made"
                let made = s > b.lo && one_of(self.word(s - 1), &["make", "makes", "made", "making"]);
                made.then(|| self.np_back(s - 1, b)).flatten()
            }
            h => h,
        };
        // "passed up easy chances", "filed a challenge against the law": the cue takes a
        // particle or a short object (and its preposition) that the content would open with
        let quoted_before =
            quote_before(start).is_some() || holder_before.is_some_and(|(s, _)| quote_before(s).is_some());
        let c1 = if impression || passive || quoted_before {
            c1
        } else {
            self.cue_object_end(c1, b)
        };
        let (source, content) = if continuing && after_quote {
            // the quote before is the earlier attribution's, not this participle's
            (holder_before, self.content_forward(c1, b)?)
        } else if let Some(q) = quote_before(start) {
            // "“…,” quipped the senator": the holder follows the cue
            (self.np_forward(c1, b, false), vec![q])
        } else if let Some((s, e)) = holder_before
            && let Some(q) = quote_before(s)
        {
            (Some((s, e)), vec![q])
        } else if impression || passive {
            // what seems or is expected is the clause around the cue, its subject with
            // it: "the vote … to pass", "Ruiz … ready to quit" (PolNeAR's reading; not
            // the expletive "it appears that", nor a person who was asked)
            let mut content = self.content_forward(c1, b)?;
            if !w0.starts_with("ask")
                && let Some((s, e)) = self.np_back(start, b)
                && !self.word_is(s, "it")
                && !self.word_is(s, "there")
            {
                content.insert(0, self.span(s, e));
            }
            (None, content)
        } else {
            (holder_before, self.content_forward(c1, b)?)
        };
        let source = source.map(|(s, e)| self.source(s, e));
        Some(self.learned_act(source, start, c1, content, negated))
    }

    /// A learned cue's attribution over `start..c1`: stance `act`, which moves no
    /// verdict, and the detector's rule and construction names (its evidence is added by
    /// the caller).
    fn learned_act(
        &self,
        source: Option<Source>,
        start: usize,
        c1: usize,
        content: Vec<Span>,
        negated: bool,
    ) -> Attribution {
        Attribution {
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
            learned_end: None,
            learned_holder: None,
        }
    }

    /// The attribution of a learned cue over `start..c1` (`c0` its own word) whose holder
    /// follows it after a preposition: a participle's agent after "by" ("The plan was
    /// backed by most farmers", "As reported by the Ledger, …") or a noun's "from" ("The
    /// plan drew criticism from farmers", "praise from the union"). The noun phrase right
    /// before the cue, what was backed or criticised, is the content; with none there,
    /// the words after the holder are.
    #[allow(clippy::too_many_arguments)]
    fn agent_attribution(
        &self,
        start: usize,
        c0: usize,
        c1: usize,
        b: Bounds,
        participle: bool,
        negated: bool,
    ) -> Option<Attribution> {
        let mut c1 = (c0 + 1..c1).find(|&k| self.word_is(k, "by")).unwrap_or(c1);
        // ("won overwhelming support from": the noun an adjective cue describes)
        if !participle
            && c1 + 2 < b.hi
            && self.word_is(c1 + 1, "from")
            && self.toks[c1].is_word()
            && !self.is_cap(c1)
            && !self.is(
                c1,
                bit::PREPOSITION | bit::AUXILIARY | bit::BE_FORM | bit::CLAUSE_OPENER | bit::DETERMINER,
            )
        {
            c1 += 1;
        }
        if c1 + 1 >= b.hi || ends_with_ci(self.word(c1 + 1), "ing") {
            return None;
        }
        // (after a participle of feeling "by" names a cause: "voters angered by the fee")
        let agent = participle && self.word_is(c1, "by") && !self.m.lists.feeling_participles.has(self.word(c0));
        // (a noun: not a verb form, and "-ing" only after a determiner, "a warning from")
        let last = lower(self.word(c1 - 1));
        let noun = !participle
            && !is_past_form(&last)
            && (!last.ends_with("ing") || (c1 - 1 > b.lo && self.is(c1 - 2, bit::DETERMINER)));
        let from = noun && self.word_is(c1, "from");
        // "won the endorsement of the union": a noun cue ending in "of" after a verb of
        // receiving (list receiving-verbs) names its holder after "of"
        let of_inside = c1 - 1 > c0 && self.word_is(c1 - 1, "of");
        let received_of = noun
            && (of_inside || self.word_is(c1, "of"))
            && (start.saturating_sub(3).max(b.lo)..start).any(|k| self.m.lists.receiving_verbs.has(self.word(k)));
        if !(agent || from || received_of) {
            return None;
        }
        let at = if received_of && of_inside { c1 } else { c1 + 1 };
        let (s, mut e) = self.np_forward(at, b, false)?;
        // ("by her campaign": after "by", "her" before a noun is a possessive)
        if self.word_is(s, "her")
            && let Some((_, e2)) = self
                .np_forward(s + 1, b, false)
                .filter(|_| !self.is(s + 1, bit::PREPOSITION))
        {
            e = e2;
        }
        // (a bare singular noun is the means: "said by telephone", "sent by email")
        let bare = !self.is_cap(s)
            && self.toks[s].kind == TokKind::Word
            && !self.word(s).ends_with('s')
            && !self.is(s, bit::PRONOUN | bit::GROUP_NOUN | bit::DETERMINER | bit::QUANTITY)
            && (e == s + 1 || self.is(s + 1, bit::PREPOSITION | bit::JOINER));
        if bare {
            return None;
        }
        let content = match self.subject_before_verb(start, b) {
            Some((cs, ce)) => vec![self.span(cs, ce)],
            None => self.content_forward(e, b)?,
        };
        Some(self.learned_act(Some(self.source(s, e)), start, c1, content, negated))
    }

    /// The noun phrase before a cue at `start`, right before it or before the verb whose
    /// object the cue is ("The plan [has drawn] criticism from …"): up to four words of
    /// auxiliaries, negation, adverbs and one lower-case word, the verb, stand between.
    fn subject_before_verb(&self, start: usize, b: Bounds) -> Option<(usize, usize)> {
        let adjacent = |k: usize| {
            self.np_back(k, b)
                .filter(|&(_, ce)| ce == k || (ce..k).all(|i| self.is_punct(i, ",")))
        };
        if let Some(np) = adjacent(start) {
            return Some(np);
        }
        let mut k = start;
        let mut verb = false;
        while k > b.lo && start - k < 4 {
            let w = self.word(k - 1);
            if self.is(k - 1, bit::AUXILIARY | bit::BE_FORM | bit::NEGATOR) || (w.len() > 4 && w.ends_with("ly")) {
                k -= 1;
            } else if !verb
                && !self.is_cap(k - 1)
                && self.toks[k - 1].is_word()
                && !self.is(
                    k - 1,
                    bit::PREPOSITION | bit::DETERMINER | bit::JOINER | bit::CLAUSE_OPENER | bit::PRONOUN,
                )
            {
                verb = true;
                k -= 1;
            } else {
                break;
            }
        }
        adjacent(k)
    }

    /// Where a learned cue ending before `c1` ends once it takes the words its content
    /// would otherwise open with: a phrasal particle ("passed up", "ticked off") or a
    /// short object with the preposition after it ("expressed frustration over", "filed
    /// a challenge against"), or that preposition alone ("spoke about"). Only when more
    /// words follow; otherwise `c1`. (Only "about", "against" and "over": "to", "of",
    /// "on", "for" and "with", and "that" after an object, lost content credit on
    /// polnear-train, see docs/accuracy.md.)
    fn cue_object_end(&self, c1: usize, b: Bounds) -> usize {
        let word = |k: usize| k < b.hi && self.toks[k].is_word();
        if c1 + 1 >= b.hi || !word(c1) {
            return c1;
        }
        if one_of(self.word(c1), &PARTICLES) && word(c1 + 1) && !self.is(c1 + 1, bit::PREPOSITION | bit::CLAUSE_OPENER)
        {
            return c1 + 1;
        }
        if one_of(self.word(c1), &OBJECT_PREPOSITIONS) && word(c1 + 1) {
            return c1 + 1;
        }
        // a short object: up to three lower-case words, no cue word, no preposition or
        // verb ("his attention", "colorful language", "frustration"), then the preposition
        let verb_form = |k: usize| self.word(k).ends_with("ed") || self.word(k).ends_with("ing");
        let mut k = c1;
        while k < (c1 + 3).min(b.hi)
            && word(k)
            && !self.is_cap(k)
            && !self.is_cue_word(k)
            && !self.is(k, bit::PREPOSITION | bit::CLAUSE_OPENER | bit::AUXILIARY | bit::BE_FORM | bit::NEGATOR)
            && !one_of(self.word(k), &["to", "of", "on", "for", "with", "about", "against", "over", "that"])
            // (no "-ed" or "-ing" word: "passed", "making" are verbs more often than not)
            && !verb_form(k)
        {
            k += 1;
        }
        if k > c1 && k + 1 < b.hi && word(k + 1) && one_of(self.word(k), &OBJECT_PREPOSITIONS) {
            return k + 1;
        }
        c1
    }

    /// The one-word holder right before a learned cue over `start..` (from `c0` on its
    /// own word) that no noun phrase gives: a possessive before a noun ("his criticism",
    /// "their support for"), a relative "which" ("the union, which endorsed") or a
    /// relative "that" before a verb ("a group that endorsed", "a memo that says").
    fn pronoun_holder(&self, start: usize, c0: usize, b: Bounds) -> Option<(usize, usize)> {
        let k = start.checked_sub(1).filter(|&k| k >= b.lo)?;
        if self.is(k, bit::POSSESSIVE) {
            return Some((k, start));
        }
        if k == b.lo || (!self.toks[k - 1].is_word() && !self.word_is(k, "which")) {
            return None;
        }
        let w0 = lower(self.word(c0));
        let verb = start < c0 || w0.ends_with("ed") || w0.ends_with('s') || is_irregular_participle(&w0);
        let relative = self.word_is(k, "which")
            || (self.word_is(k, "that") && verb && !self.is_cue_word(k - 1) && !self.is(k - 1, bit::PREPOSITION));
        relative.then_some((k, k + 1))
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
    /// (`known`: the shape `shape_margin` read and the model's class weights,
    /// when the candidate was scored already)
    fn cue_features(
        &self,
        i: usize,
        b: Bounds,
        facts: &Facts,
        words: &mut Words,
        known: Option<(Shape, &ClassWeights)>,
        sink: &mut impl Sink<'a>,
    ) {
        self.word_features(i, b, facts, words, known.map(|k| k.1), sink);
        self.shape_features(i, b, words, known.map(|k| k.0), sink);
    }

    /// The features read from the words around candidate `i`: cheap.
    fn word_features(
        &self,
        i: usize,
        b: Bounds,
        facts: &Facts,
        words: &mut Words,
        classes: Option<&ClassWeights>,
        sink: &mut impl Sink<'a>,
    ) {
        let w0 = self.part(words, i);
        let st = stem_part(w0);
        fixed_features(w0, st, sink);
        self.context_features(i, b, facts, words, w0, st, classes, sink);
    }

    /// The word features past those the form fixes (`fixed_features`), for
    /// candidate `i` with part `w0` and stem `st`.
    #[allow(clippy::too_many_arguments)]
    fn context_features(
        &self,
        i: usize,
        b: Bounds,
        facts: &Facts,
        words: &mut Words,
        w0: Part<'a>,
        st: Part<'a>,
        classes: Option<&ClassWeights>,
        sink: &mut impl Sink<'a>,
    ) {
        const START: Part = Part::new("<s>");
        const END: Part = Part::new("</s>");
        let p1 = if i > b.lo { self.part(words, i - 1) } else { START };
        let n1 = if i + 1 < b.hi { self.part(words, i + 1) } else { END };
        sink.add(ns::PREV, &[p1]);
        sink.add(ns::NEXT, &[n1]);
        sink.add(ns::PREV_FORM, &[p1, SEP, w0]);
        sink.add(ns::FORM_NEXT, &[w0, SEP, n1]);
        let before = |k: usize| self.class_index(i.checked_sub(k).filter(|&k| k >= b.lo), b);
        let (p1i, p2i) = (before(1), before(2));
        let (n1i, n2i) = (self.class_index(Some(i + 1), b), self.class_index(Some(i + 2), b));
        let (pc1, pc2, nc1, nc2) = (
            TOKEN_CLASSES[p1i],
            TOKEN_CLASSES[p2i],
            TOKEN_CLASSES[n1i],
            TOKEN_CLASSES[n2i],
        );
        // (the class features' weights from the model's tables when it gave them)
        sink.add_known(ns::PREV_CLASS, &[pc1], classes.map(|t| t.prev[p1i]));
        sink.add_known(ns::NEXT_CLASS, &[nc1], classes.map(|t| t.next[n1i]));
        sink.add_known(ns::NEXT2_CLASS, &[nc2], classes.map(|t| t.next2[n2i]));
        sink.add_known(ns::PREV_CLASSES, &[pc2, SEP, pc1], classes.map(|t| t.prev2[p2i][p1i]));
        sink.add_known(ns::NEXT_CLASSES, &[nc1, SEP, nc2], classes.map(|t| t.next12[n1i][n2i]));
        sink.add(ns::STEM_NEXT_CLASS, &[st, SEP, nc1]);
        // a possessive before ("his criticism of", "the governor's decision to"): a noun
        // whose holder is the possessor
        let possessive = i > b.lo && {
            let p = self.toks[i - 1].bytes(self.text);
            self.is(i - 1, bit::POSSESSIVE)
                || (self.toks[i - 1].kind == TokKind::Word
                    && (p.ends_with(b"'s") || p.ends_with("\u{2019}s".as_bytes()) || p.ends_with(b"s'")))
        };
        if self.is(i, bit::CUE_START) {
            let t = self.toks[i].start as usize;
            let from = self.hits.partition_point(|h| h.start < t);
            for h in self.hits[from..].iter().take_while(|h| h.start == t) {
                if let super::Entry::Cue(r) = h.entry {
                    let rule = &self.m.grammar.cues[r];
                    sink.add(ns::GRAMMAR_CUE, &[static_part(rule.meta.name)]);
                    sink.add(ns::GRAMMAR_CUE_STANCE, &[static_part(rule.stance.as_str())]);
                    break;
                }
            }
        }
        // (a feature without a value: its weight from the model's table when it gave one)
        let flag = |f: usize, sink: &mut _| Sink::add_known(sink, FLAGS[f], &[], classes.map(|t| t.flags[f]));
        if self.quotes.inside(i) {
            flag(0, sink);
        }
        if facts.quote {
            flag(1, sink);
        }
        let position = if i == b.lo {
            0
        } else if i < b.lo + 4 {
            1
        } else if i + 4 >= b.hi {
            2
        } else {
            3
        };
        sink.add_known(
            ns::POSITION,
            &[POSITIONS[position]],
            classes.map(|t| t.position[position]),
        );
        if facts.attributed {
            flag(2, sink);
        }
        if facts.depth[i - facts.lo] > 0 {
            flag(3, sink);
        }
        // the next three tokens, each read once (`word_is` "that", `is_punct` ":")
        let ahead = (i + 1)..(i + 4).min(b.hi);
        self.step(2 * ahead.len());
        let (mut that, mut colon, mut quote) = (false, false, false);
        for k in ahead {
            let t = &self.toks[k];
            let w = t.bytes(self.text);
            that |= w.eq_ignore_ascii_case(b"that");
            colon |= t.kind == TokKind::Punct && w == b":";
            quote |= t.kind == TokKind::OpenQuote;
        }
        if that {
            flag(4, sink);
        }
        if colon {
            flag(5, sink);
        }
        // (`is_cap`, its ASCII test here)
        let cap = match self.toks[i].bytes(self.text).first() {
            Some(&c) if c < 0x80 => c.is_ascii_uppercase(),
            _ => self.is_cap(i),
        };
        if i > b.lo && cap && !self.is(i, bit::SENTENCE_INITIAL) {
            flag(6, sink);
        }
        if possessive {
            flag(7, sink);
            // (`is_cap`: a name's "'s", not a sentence's first word)
            let v = if self.is(i - 1, bit::POSSESSIVE) {
                0
            } else if self.is_cap(i - 1) && !self.is(i - 1, bit::SENTENCE_INITIAL) {
                1
            } else {
                2
            };
            sink.add_known(ns::POSSESSOR, &[POSSESSORS[v]], classes.map(|t| t.possessor[v]));
        }
        if quote {
            flag(8, sink);
        }
    }

    /// The margin of candidate `i` with its shape features added to
    /// `margin` (its word features'), when it passes the threshold, and the
    /// holder's value it read: what `shape_features` gives a `Margin`, in the
    /// same order. The holder
    /// search (the costly part) is skipped when even the best of the four
    /// holder values (`best_holder`, for the candidate's form) could not lift
    /// the margin over the threshold.
    fn shape_margin(
        &self,
        i: usize,
        b: Bounds,
        words: &mut Words,
        m: &CueModel,
        margin: f32,
        best_holder: f32,
    ) -> Option<(f32, Shape)> {
        let (start, negated_before) = self.widen_left(i, b);
        let widened = if start < i { m.widened } else { None };
        let negated = if negated_before { m.negated } else { None };
        // (the bounds a little over, for the f32 sums)
        let known = [widened, negated].iter().flatten().sum::<f32>();
        let bare_most = m.bare.unwrap_or(0.0).max(0.0);
        if margin + known + best_holder + bare_most + 1e-3 <= m.threshold {
            return None;
        }
        let bare_clause = self.bare_clause(i, b);
        let bare = if bare_clause { m.bare } else { None };
        if margin + known + bare.unwrap_or(0.0) + best_holder + 1e-3 <= m.threshold {
            return None;
        }
        let st = stem_part(self.part(words, i));
        let h = self.holder_value(start, b);
        let weight = |ns: Ns, parts: &[Part]| m.margins.get(key(ns, parts));
        let (w, ws) = (weight(ns::HOLDER, &[h]), weight(ns::HOLDER_STEM, &[h, SEP, st]));
        let mut margin = margin;
        for x in [widened, negated, w, ws, bare].into_iter().flatten() {
            margin += x;
        }
        let shape = Shape {
            start,
            negated: negated_before,
            holder: h,
            bare: bare_clause,
        };
        (margin > m.threshold).then_some((margin, shape))
    }

    /// The holder feature's value for a cue starting at `start`: the kind of
    /// the noun phrase before it.
    fn holder_value(&self, start: usize, b: Bounds) -> Part<'static> {
        match self.np_back(start, b) {
            None => H_NONE,
            Some((s, e)) if e == s + 1 && self.is(s, bit::PRONOUN) => H_PRONOUN,
            Some((s, e)) => match self.source(s, e).kind {
                SourceKind::None => H_NONE,
                SourceKind::Named => H_NAMED,
                SourceKind::Unnamed => H_UNNAMED,
            },
        }
    }

    /// The features that read the shape of an attribution around candidate
    /// `i`, a holder before and a clause after: the costly ones, each
    /// namespace at most once (`SHAPE`).
    /// (`known`: the shape when `shape_margin` read it already)
    fn shape_features(&self, i: usize, b: Bounds, words: &mut Words, known: Option<Shape>, sink: &mut impl Sink<'a>) {
        let w0 = self.part(words, i);
        let (start, negated) = known.map_or_else(|| self.widen_left(i, b), |k| (k.start, k.negated));
        if start < i {
            sink.add(ns::WIDENED, &[]);
        }
        if negated {
            sink.add(ns::NEGATED, &[]);
        }
        let holder = known.map_or_else(|| self.holder_value(start, b), |k| k.holder);
        sink.add(ns::HOLDER, &[holder]);
        sink.add(ns::HOLDER_STEM, &[holder, SEP, stem_part(w0)]);
        if known.map_or_else(|| self.bare_clause(i, b), |k| k.bare) {
            sink.add(ns::BARE_CLAUSE, &[]);
        }
    }
}

/// What the shape features of a candidate read (`Doc::shape_margin`): where
/// its widening starts, whether it is negated, the holder's value, whether a
/// bare clause follows.
#[derive(Clone, Copy)]
struct Shape {
    start: usize,
    negated: bool,
    holder: Part<'static>,
    bare: bool,
}

/// The separator of a feature's parts.
const SEP: Part = Part::new("_");

/// The values of the `holder:` feature: no noun phrase before the cue (or
/// one of no kind), a pronoun, or the kind of the holder it makes
/// (`SourceKind::as_str`).
const H_NONE: Part = Part::new("none");
const H_PRONOUN: Part = Part::new("pronoun");
const H_NAMED: Part = Part::new("named");
const H_UNNAMED: Part = Part::new("unnamed");
const HOLDER_VALUES: [Part; 4] = [H_NONE, H_PRONOUN, H_NAMED, H_UNNAMED];

/// The first word features, those fixed by the form `w0` (stem `st`) alone:
/// `bias`, `form:`, `stem:`. (`CueModel` sums their margin per form.)
fn fixed_features<'s>(w0: Part<'s>, st: Part<'s>, sink: &mut impl Sink<'s>) {
    sink.add(ns::BIAS, &[]);
    sink.add(ns::FORM, &[w0]);
    sink.add(ns::STEM, &[st]);
}

/// The part of `w`'s stem, its hash taken from the word's: the word's hash
/// less the suffix's, divided by `B` once per byte of the suffix.
#[inline]
fn stem_part(w: Part) -> Part {
    let s = stem(w.s);
    let cut = w.s.len() - s.len();
    if cut == 0 {
        return w;
    }
    let suffix = poly(0, &w.s.as_bytes()[s.len()..]);
    Part {
        s,
        h: w.h.wrapping_sub(suffix).wrapping_mul(INVERSE_POWERS[cut]),
        pow: w.pow.wrapping_mul(INVERSE_POWERS[cut]),
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

/// The token classes, by their index (`Doc::class_index`).
pub(super) const TOKEN_CLASSES: [Part; class::COUNT] = [
    C_EDGE,
    C_OPEN_QUOTE,
    C_CLOSE_QUOTE,
    C_NUMBER,
    C_COMMA,
    C_COLON,
    C_STOP,
    C_DASH,
    C_PUNCT,
    C_THAT,
    C_TO,
    C_PRONOUN,
    C_AUXILIARY,
    C_NEGATOR,
    C_DETERMINER,
    C_PREPOSITION,
    C_CLAUSE_OPENER,
    C_NAME,
    C_CUE_WORD,
    C_WORD,
];

/// The index of each class in `TOKEN_CLASSES`.
pub(super) mod class {
    pub const EDGE: usize = 0;
    pub const OPEN_QUOTE: usize = 1;
    pub const CLOSE_QUOTE: usize = 2;
    pub const NUMBER: usize = 3;
    pub const COMMA: usize = 4;
    pub const COLON: usize = 5;
    pub const STOP: usize = 6;
    pub const DASH: usize = 7;
    pub const PUNCT: usize = 8;
    pub const THAT: usize = 9;
    pub const TO: usize = 10;
    pub const PRONOUN: usize = 11;
    pub const AUXILIARY: usize = 12;
    pub const NEGATOR: usize = 13;
    pub const DETERMINER: usize = 14;
    pub const PREPOSITION: usize = 15;
    pub const CLAUSE_OPENER: usize = 16;
    pub const NAME: usize = 17;
    pub const CUE_WORD: usize = 18;
    pub const WORD: usize = 19;
    pub const COUNT: usize = 20;
}

/// The classes of `Doc::class_index`.
const C_EDGE: Part = Part::new("edge");
const C_OPEN_QUOTE: Part = Part::new("open-quote");
const C_CLOSE_QUOTE: Part = Part::new("close-quote");
const C_NUMBER: Part = Part::new("number");
const C_COMMA: Part = Part::new("comma");
const C_COLON: Part = Part::new("colon");
const C_STOP: Part = Part::new("stop");
const C_DASH: Part = Part::new("dash");
const C_PUNCT: Part = Part::new("punct");
const C_THAT: Part = Part::new("that");
const C_TO: Part = Part::new("to");
const C_PRONOUN: Part = Part::new("pronoun");
const C_AUXILIARY: Part = Part::new("auxiliary");
const C_NEGATOR: Part = Part::new("negator");
const C_DETERMINER: Part = Part::new("determiner");
const C_PREPOSITION: Part = Part::new("preposition");
const C_CLAUSE_OPENER: Part = Part::new("clause-opener");
const C_NAME: Part = Part::new("name");
const C_CUE_WORD: Part = Part::new("cue-word");
const C_WORD: Part = Part::new("word");

impl Doc<'_> {
    /// A coarse class of the token at `k` (`None` or past the sentence: an
    /// edge), as its index in `TOKEN_CLASSES`. (Read from the token's bytes and
    /// its mask once, a step a call: four calls per detector candidate, two per
    /// content end and holder candidate.)
    #[inline]
    pub(super) fn class_index(&self, k: Option<usize>, b: Bounds) -> usize {
        let Some(k) = k.filter(|&k| k < b.hi) else {
            return class::EDGE;
        };
        self.step(1);
        let t = &self.toks[k];
        match t.kind {
            TokKind::OpenQuote => return class::OPEN_QUOTE,
            TokKind::CloseQuote => return class::CLOSE_QUOTE,
            TokKind::Number => return class::NUMBER,
            TokKind::Punct => {
                // (the dashes as `Doc::is_dash` tells them)
                return match t.bytes(self.text) {
                    b"," => class::COMMA,
                    b":" => class::COLON,
                    b"." | b"!" | b"?" => class::STOP,
                    b"\xE2\x80\x94" | b"\xE2\x80\x93" | b"--" | b"-" => class::DASH,
                    _ => class::PUNCT,
                };
            }
            TokKind::Word => {}
        }
        let w = t.bytes(self.text);
        let m = self.masks[k];
        if w.eq_ignore_ascii_case(b"that") {
            class::THAT
        } else if w.eq_ignore_ascii_case(b"to") {
            class::TO
        } else if m & bit::PRONOUN != 0 {
            class::PRONOUN
        } else if m & bit::AUXILIARY != 0 {
            class::AUXILIARY
        } else if m & bit::NEGATOR != 0 {
            class::NEGATOR
        } else if m & (bit::DETERMINER | bit::POSSESSIVE) != 0 {
            class::DETERMINER
        } else if m & bit::PREPOSITION != 0 {
            class::PREPOSITION
        } else if m & bit::CLAUSE_OPENER != 0 {
            class::CLAUSE_OPENER
        } else if m & bit::SENTENCE_INITIAL == 0
            // (`is_cap`, its ASCII test here)
            && match w.first() {
                Some(&c) if c < 0x80 => c.is_ascii_uppercase(),
                _ => self.is_cap(k),
            }
        {
            class::NAME
        } else if m & bit::CUE_START != 0 {
            class::CUE_WORD
        } else {
            class::WORD
        }
    }
}

#[cfg(test)]
mod margin_tests {
    use super::*;
    use crate::learn::key_of_name;

    #[test]
    fn a_feature_in_parts_keys_as_its_whole_name_does() {
        for (ns, parts, name) in [
            (ns::BIAS, &[][..], "bias"),
            (ns::FORM, &["Touted"][..], "form:touted"),
            (ns::PREV_FORM, &["the", "_", "Senator"][..], "prev-form:the_senator"),
            (ns::HOLDER_STEM, &["named", "_", "tout"][..], "holder-stem:named_tout"),
            (
                ns::PREV,
                &["a-very-long-hyphenated-word-of-more-than-32-bytes"][..],
                "prev:a-very-long-hyphenated-word-of-more-than-32-bytes",
            ),
        ] {
            let parts: Vec<Part> = parts.iter().map(|p| Part::new(p)).collect();
            assert_eq!(key(ns, &parts), feature_key(name), "{name}");
            let mut names = Names::default();
            names.add(ns, &parts);
            assert_eq!(names.0, [name.to_string()]);
        }
        assert_eq!(feature_key("bias"), feature_key("bias:"));
        for w in [
            "Touted",
            "touting",
            "TOUTS",
            "pledges",
            "said",
            "ed",
            "a-very-long-hyphenated-word-ending-in-ed",
        ] {
            let (derived, direct) = (stem_part(Part::new(w)), Part::new(stem(w)));
            assert_eq!(
                (derived.s, derived.h, derived.pow),
                (direct.s, direct.h, direct.pow),
                "{w}"
            );
        }
        assert_ne!(feature_key("form:touted"), feature_key("stem:touted"));
        assert_ne!(
            feature_key("prev-form:the_senator"),
            feature_key("prev-form:thesenator")
        );
    }

    #[test]
    fn the_class_tables_hold_each_class_features_weight_by_name() {
        let models = crate::score::models::Models::builtin();
        let cue = models.cue.as_ref().expect("the built-in cue model");
        let by_name = |name: String| cue.margins.get(feature_key(&name)).map(f32::to_bits);
        let t = &cue.classes;
        let mut known = 0;
        for (a, pa) in TOKEN_CLASSES.iter().enumerate() {
            let bits = |w: Option<f32>| w.map(f32::to_bits);
            assert_eq!(bits(t.prev[a]), by_name(format!("prev-class:{}", pa.s)));
            assert_eq!(bits(t.next[a]), by_name(format!("next-class:{}", pa.s)));
            assert_eq!(bits(t.next2[a]), by_name(format!("next2-class:{}", pa.s)));
            for (c, pc) in TOKEN_CLASSES.iter().enumerate() {
                assert_eq!(bits(t.prev2[a][c]), by_name(format!("prev-classes:{}_{}", pa.s, pc.s)));
                assert_eq!(bits(t.next12[a][c]), by_name(format!("next-classes:{}_{}", pa.s, pc.s)));
                known += t.prev2[a][c].is_some() as usize + t.next12[a][c].is_some() as usize;
            }
        }
        // the model weighs many of the pairs: the tables are not empty
        assert!(known > 50, "{known}");
        for (p, w) in POSITIONS.iter().zip(t.position) {
            assert_eq!(w.map(f32::to_bits), by_name(format!("position:{}", p.s)));
        }
        let flags = [
            "in-quote",
            "quote-in-sentence",
            "attributed-sentence",
            "in-content",
            "that-follows",
            "colon-follows",
            "cap",
            "possessive-before",
            "quote-follows",
        ];
        assert_eq!(FLAGS.len(), flags.len());
        for (f, n) in FLAGS.iter().zip(flags) {
            assert_eq!(f.name, n);
        }
        for (n, w) in flags.iter().zip(t.flags) {
            assert_eq!(w.map(f32::to_bits), by_name(n.to_string()), "{n}");
        }
        for (p, w) in POSSESSORS.iter().zip(t.possessor) {
            assert_eq!(w.map(f32::to_bits), by_name(format!("possessor:{}", p.s)));
        }
        let bits = |w: Option<f32>| w.map(f32::to_bits);
        assert_eq!(
            [bits(cue.widened), bits(cue.negated), bits(cue.bare)],
            [
                by_name("widened".into()),
                by_name("negated".into()),
                by_name("bare-clause".into())
            ]
        );
    }

    #[test]
    fn the_margin_table_holds_each_features_cue_weight_less_its_other_weight() {
        let models = crate::score::models::Models::builtin();
        let cue = models.cue.as_ref().expect("the built-in cue model");
        let mut keys = FxHashSet::default();
        for name in cue.model.file.weights.keys() {
            let w = cue.model.weights(key_of_name(name)).expect("a weight the model holds");
            assert_eq!(
                cue.margins.get(feature_key(name)).map(f32::to_bits),
                Some((w[1] - w[0]).to_bits()),
                "{name}"
            );
            keys.insert(feature_key(name));
        }
        // no two feature names share a key
        assert_eq!(keys.len(), cue.model.file.weights.len());
        assert!(keys.len() > 1000);
        // the forms by their bytes: each form in any case, with its part's hash; nothing else
        // (the model's forms and the inflections they bring, which have no weight of their own)
        let mut short = 0;
        let candidates: Vec<String> = cue.forms().map(String::from).collect();
        for form in candidates.iter().map(String::as_str) {
            let upper = form.to_ascii_uppercase();
            let got = cue.short_forms.get(upper.as_bytes());
            // the margin of bias, form and stem, as the sink sums it feature by feature
            let mut sink = Margin {
                margins: &cue.margins,
                margin: 0.0,
            };
            for name in [
                "bias".to_string(),
                format!("form:{form}"),
                format!("stem:{}", stem(form)),
            ] {
                if let Some(w) = cue.margins.get(feature_key(&name)) {
                    sink.margin += w;
                }
            }
            let fixed = sink.margin.to_bits();
            // the most the holder features can add: the best of the four values, by name
            let by_name = |name: String| cue.margins.get(feature_key(&name)).unwrap_or(0.0);
            let holder = ["none", "pronoun", "named", "unnamed"]
                .map(|h| by_name(format!("holder:{h}")) + by_name(format!("holder-stem:{h}_{}", stem(form))))
                .into_iter()
                .fold(f32::MIN, f32::max)
                .to_bits();
            let by_key = cue.forms.get(feature_key(&format!("form:{form}")));
            assert_eq!(
                by_key.map(|(m, h)| (m.to_bits(), h.to_bits())),
                Some((fixed, holder)),
                "{form}"
            );
            if short_form(form) {
                let p = Part::new(form);
                assert_eq!(
                    got.map(|(h, pow, m, most)| (h, pow, m.to_bits(), most.to_bits())),
                    Some((p.h, p.pow, fixed, holder)),
                    "{form}"
                );
                short += 1;
            }
            assert_eq!(
                cue.short_forms.get(format!("{form}x").as_bytes()).is_some(),
                cue.forms.contains(feature_key(&format!("form:{form}x"))) && form.len() < SHORT
            );
        }
        assert!(short > 900);
        // an inflection without a weight of its own is a candidate: "touts" by "touted"
        let own = |f: &str| cue.model.file.weights.contains_key(&format!("form:{f}"));
        assert!(candidates.iter().filter(|f| !own(f)).count() > 300);
        // a form the trainer left out for never firing is no candidate, not even as an
        // inflection of another form
        let silent = cue.model.file.settings[SILENT_FORMS]
            .as_array()
            .expect("the silent forms");
        assert!(silent.len() > 100);
        for f in silent.iter().filter_map(|v| v.as_str()) {
            assert!(!own(f), "{f}");
            assert!(!cue.forms.contains(feature_key(&format!("form:{f}"))), "{f}");
            assert!(!candidates.iter().any(|c| c == f), "{f}");
        }
        assert_eq!(cue.short_forms.get(b"accepts-not"), None);
        assert!(cue.forms.contains(feature_key("form:Accepted")));
        assert!(!cue.forms.contains(feature_key("stem:accept")));
    }

    #[test]
    fn a_form_brings_the_other_inflections_of_its_stem() {
        let all = candidate_forms(["touted", "blasts"].into_iter(), |_| true);
        assert_eq!(
            all,
            [
                "blast", "blasted", "blastes", "blasting", "blasts", "tout", "touted", "toutes", "touting", "touts"
            ]
        );
        // an inflection goes back to its form's stem, or is not made ("process": not "proces")
        let made = candidate_forms(["process", "says", "decided"].into_iter(), |_| true);
        for f in &made {
            assert!(["proces", "say", "decid"].contains(&stem(f)), "{f}");
        }
        assert!(made.iter().any(|f| f == "deciding") && !made.iter().any(|f| f == "proces"));
        // a stem the predicate refuses brings nothing
        assert_eq!(candidate_forms(["touted"].into_iter(), |s| s != "tout"), ["touted"]);
    }

    /// The features of each candidate in `text` whose form is in `forms`, by
    /// the candidate's text, as the trainer collects them.
    fn candidate_features(text: &str, forms: &[&str]) -> Vec<(String, Vec<String>)> {
        let az = crate::analysis::Analyzer::builtin();
        let keys: FxHashSet<u64> = forms.iter().map(|f| feature_key(&format!("form:{f}"))).collect();
        let seg = crate::segment::segment(text);
        let (_, found) = az.matcher.collect_cue_candidates(text, &seg, &keys);
        (found.into_iter())
            .map(|c| (text[c.span.start..c.span.end].to_string(), c.features))
            .collect()
    }

    #[test]
    fn a_possessive_before_a_noun_and_a_quote_after_it_are_features() {
        let text = "His criticism of the plan was sharp. The governor's decision to leave \
                    stunned Ruiz. Yet Warren's criticism drew notice. The criticism was new. \
                    The senator offered praise, \u{201c}It works.\u{201d}\n";
        let found = candidate_features(text, &["criticism", "decision", "praise"]);
        let has = |k: usize, f: &str| found[k].1.iter().any(|g| g == f);
        let words: Vec<&str> = found.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, ["criticism", "decision", "criticism", "criticism", "praise"]);
        // the possessor's kind: a possessive determiner, another noun's "'s", a name's
        assert!(has(0, "possessive-before") && has(0, "possessor:pronoun"), "{found:?}");
        assert!(has(1, "possessive-before") && has(1, "possessor:noun"), "{found:?}");
        assert!(has(2, "possessive-before") && has(2, "possessor:name"), "{found:?}");
        // "the" is no possessive
        assert!(!found[3].1.iter().any(|g| g.starts_with("possess")), "{found:?}");
        // an opening quote within three tokens
        assert!(has(4, "quote-follows") && !has(0, "quote-follows"), "{found:?}");
    }
}
