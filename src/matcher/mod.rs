//! Matching: find attributions, hedges and markers in a document.
//!
//! The lexicon is found in the one pass over the tokens that also looks each
//! word up in the matcher's lists; around each cue the grammar's
//! constructions are tried in order, each matched outward from the cue: the
//! elements before the cue backwards, those after it forwards. Every element
//! is a bounded scan inside its sentence (or its quote), so no input makes the
//! matcher backtrack without bound.
//!
//! `Doc::run` gives the order of the stages; each has its file:
//! - `hedges`: the hedges and markers of a sentence (with `hedge_context`);
//! - `cues`: whether a cue hit is a cue here, and which construction places it;
//! - `constructions`: one pattern matched around a cue;
//! - `holder_search` and `holder_kind`: the holder's words, and whether it is named;
//! - `content`: where the content starts and ends;
//! - `learned_cues`: the cues the grammar does not list;
//! - `learned_spans`: where a content ends, chosen among clause boundaries;
//! - `passes`: the clean-up of each sentence and the passes over the document.

mod constructions;
mod content;
mod cues;
mod hedge_context;
mod hedges;
mod holder_kind;
mod holder_search;
pub mod learned_cues;
pub mod learned_holders;
pub mod learned_spans;
pub mod lexicon;
pub mod non_claims;
mod passes;
pub mod quotes;
pub mod tokens;
pub mod words;

use crate::grammar::{Construction, Element, Grammar};
use crate::model::{Attribution, Hedge, Marker, SourceKind};
use crate::segment::{Segmentation, SentenceKind};
use crate::span::Span;
use learned_cues::{CueCandidate, CueModel, CuePass};
use learned_holders::{HolderCandidates, HolderModel, HolderPass};
use learned_spans::{EndCandidates, SpanModel, SpanPass};
use lexicon::{Entry, Hit, Lexicon};
use quotes::Quotes;
use tokens::{TokKind, Token, tokenize};
use words::{Phrases, Vocab, WordSet};

/// A word in lower case, borrowed when it already is (most words are), so
/// the matcher's many word tests allocate nothing.
fn lower(w: &str) -> std::borrow::Cow<'_, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(w.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// Is `w` one of `words` (written in lower case), in any ASCII case? Unlike
/// `lower`, it never allocates for a capitalised word.
fn one_of(w: &str, words: &[&str]) -> bool {
    words.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// Does `w` end with `suffix` (written in lower case), in any ASCII case?
fn ends_with_ci(w: &str, suffix: &str) -> bool {
    w.len() >= suffix.len() && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// What the matcher finds in one document (spans into the prose text).
#[derive(Debug, Default, Clone)]
pub struct Findings {
    pub attributions: Vec<Attribution>,
    pub hedges: Vec<Hedge>,
    pub markers: Vec<Marker>,
    /// the number of word tokens (for hedge density)
    pub words: usize,
    /// quotations no attribution covers, each with the attribution whose
    /// holder is speaking (the nearest one before it, in its paragraph or the
    /// one before): quoted speech continuing an earlier attribution
    pub continuations: Vec<(Span, usize)>,
    /// quotations, marks included, in text order
    pub quotes: Vec<Span>,
    /// negations (list negators: "not", "never"), in text order
    pub negations: Vec<Span>,
    /// mentions of a poll or a survey, named when the article names its poll
    pub polls: Vec<(Span, SourceKind)>,
    /// the sentences that make no claim (bylines, section markers, question-only
    /// lines): indices into the segmentation's sentences, ascending
    pub non_claims: Vec<usize>,
}

struct Lists {
    /// time and place adverbials, some of several words ("last week"), matched as phrases
    time_words: WordSet,
    /// shares and counts in words, for the last part of a hyphenated word ("two-thirds")
    quantity_words: WordSet,
    /// participles after which "may be" still means "it is possible that" ("may be derived from")
    epistemic_passives: WordSet,
    /// nouns naming whoever holds a role ("a player", "the user"): after "a", "an" or
    /// "the" the subject of a modal is generic (list generic-roles)
    generic_roles: WordSet,
    /// sentence openings that make a statement about kinds of case ("Depending on",
    /// "In severe cases"), where "may" means "sometimes" (list generic-openers)
    generic_openers: Phrases,
    /// adverbs of habit ("often", "typically"): a modal they follow or go on from is
    /// the generic "may" of "sometimes" (list habitual-adverbs)
    habitual_adverbs: WordSet,
    /// verbs (and "for") whose object does what an infinitive after it says ("led
    /// voters to question"): that object holds an infinitive cue (list causing-verbs)
    causing_verbs: WordSet,
    /// participles of feeling, after which "by" names a cause, not a holder ("angered
    /// by the fee"; list feeling-participles)
    feeling_participles: WordSet,
    /// verbs whose subject receives what others say ("faced criticism"; list
    /// receiving-verbs)
    receiving_verbs: WordSet,
    /// words besides prepositions that open a sentence's adverbial ("While
    /// campaigning,"; list adverbial-openers)
    adverbial_openers: WordSet,
    /// words that open a subordinate clause fronted in a reported clause ("that if the
    /// vote fails, …"): its comma is no content end (list fronted-subordinators)
    fronted_subordinators: WordSet,
    /// adjectives of evidence after an expletive "it" ("it is unclear whether"): a
    /// learned cue on one takes no "it" as its holder (list evidence-adjectives)
    evidence_adjectives: WordSet,
    /// every single word of the matcher's lists, with a bit per list (see `bit`)
    vocab: Vocab,
}

/// The bit of each list in a token's mask (`Doc::is`).
mod bit {
    pub const PRONOUN: u32 = 1 << 0;
    pub const AUXILIARY: u32 = 1 << 1;
    pub const CUE_ADVERB: u32 = 1 << 2;
    pub const NEGATOR: u32 = 1 << 3;
    pub const DETERMINER: u32 = 1 << 4;
    pub const JOINER: u32 = 1 << 5;
    pub const CLAUSE_OPENER: u32 = 1 << 6;
    pub const CONTENT_STOP: u32 = 1 << 7;
    pub const TIME_WORD: u32 = 1 << 8;
    pub const GROUP_NOUN: u32 = 1 << 9;
    pub const DOCUMENT_NOUN: u32 = 1 << 10;
    pub const BE_FORM: u32 = 1 << 11;
    pub const PREPOSITION: u32 = 1 << 12;
    pub const PLURAL_NOUN: u32 = 1 << 14;
    pub const ROLE_TOWARD: u32 = 1 << 15;
    /// the first and the last word of a multi-word time adverbial ("last week")
    pub const TIME_FIRST: u32 = 1 << 16;
    pub const TIME_LAST: u32 = 1 << 17;
    /// a share or a count in words (list quantity-words)
    pub const QUANTITY: u32 = 1 << 18;
    /// a word that counts a cue's speakers: "most said" (list counted-subjects)
    pub const COUNTED_SUBJECT: u32 = 1 << 20;
    /// "his", "their" (list possessives)
    pub const POSSESSIVE: u32 = 1 << 21;
    /// a word that makes a modal's subject generic: "one may", "a player may" (list generic-subjects)
    pub const GENERIC_SUBJECT: u32 = 1 << 22;
    /// "Mr", "Sen", "Governor": a title before a person's name (list name-titles)
    pub const NAME_TITLE: u32 = 1 << 23;
    /// not a list: the token starts a cue of the lexicon
    pub const CUE_START: u32 = 1 << 13;
    /// not a list: the token opens its sentence, where a capital says nothing
    /// (see `mark_sentence_starts`)
    pub const SENTENCE_INITIAL: u32 = 1 << 19;
    /// not a list: one of the learned cue model's forms (`Matcher::with_cue_model`
    /// adds them to the vocabulary, so the detector's test of a word is this bit)
    pub const CUE_FORM: u32 = 1 << 24;
    /// not a list: a conjunction where a content may end without a comma
    /// (`learned_spans::CONJUNCTIONS`)
    pub const CONJUNCTION: u32 = 1 << 25;
}

/// The compiled grammar: lexicon trie plus word sets.
pub struct Matcher {
    pub grammar: Grammar,
    lexicon: Lexicon,
    lists: Lists,
    /// per cue rule, the constructions (in grammar order) whose `CUE` element
    /// its flags and stance can fill, each with the place of that element in
    /// its pattern; the form's ending is checked per match
    constructions_for: Vec<Vec<Candidate>>,
    /// per hedge, marker and cue rule: the phrases around a finding that cancel
    /// it (or, `only_next`, that it needs)
    hedge_context: Vec<Context>,
    marker_context: Vec<Context>,
    cue_unless_next: Vec<Phrases>,
    /// attempt and aspect verbs before a cue's "to" (list cue-frames), and
    /// refusals (list refusal-frames), lower case
    cue_frames: Vec<String>,
    refusal_frames: Vec<String>,
    /// bare section headings that make no claim (list non-claim-headings), lower case
    non_claim_headings: Vec<String>,
    /// labels before a colon that name no speaker (lists headline-labels and
    /// non-claim-headings), lower case
    speaker_labels: Vec<String>,
    /// per cue rule, the marker name of its cues that no construction placed
    unplaced_rule: Vec<&'static str>,
    /// source rules by name (names are unique within a kind: a later rule replaces one of its name)
    source_rule_at: rustc_hash::FxHashMap<&'static str, usize>,
    /// the learned cue detector (`learned_cues`); `None` finds the grammar's cues alone
    cue_model: Option<std::sync::Arc<CueModel>>,
    /// the learned content ends (`learned_spans`); `None` keeps the rules' ends
    span_model: Option<std::sync::Arc<SpanModel>>,
    /// the learned holder boundaries (`learned_holders`); `None` keeps the rules' holders
    holder_model: Option<std::sync::Arc<HolderModel>>,
    /// whether a content end or holder the learned models move keeps the
    /// features that weighed most (`Chosen::features`, shown by `annotate
    /// --explain` and nothing else): off, they are not computed a second time
    pub choice_evidence: bool,
}

/// A construction a cue rule may fill: its index, the place of its `CUE`
/// element, and what must stand next to the cue for it to match at all.
struct Candidate {
    construction: usize,
    cue_at: usize,
    before: Gate,
    after: Gate,
}

/// A test on one token beside the cue, taken from the pattern element next to
/// it, that fails fast where the construction cannot match. It only ever says
/// what the element itself would check first, so a gate never changes a
/// match; it saves building and abandoning one (most constructions tried on a
/// cue fail on the element next to it).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Gate {
    Any,
    /// a word or punctuation mark ("," "by" "when" ":"); "—" stands for any dash
    Word(&'static str),
    /// a closing quote mark, right before the cue or before a comma there
    CloseQuote,
}

impl Gate {
    /// The gate for the element before the cue (`pattern[..k]`, read right to left).
    fn before(pattern: &[Element]) -> Gate {
        match pattern {
            [.., Element::Quote] => Gate::CloseQuote,
            [.., Element::Quote, Element::Literal { text, optional: true }] if text == "," => Gate::CloseQuote,
            [.., Element::Literal { text, optional: false }] => Gate::Word(crate::grammar::intern(text)),
            _ => Gate::Any,
        }
    }

    /// The gate for the element after the cue (`pattern[k + 1..]`). A comma is
    /// not gated: it may come after the cue's adverbials ("said on Monday,").
    fn after(pattern: &[Element]) -> Gate {
        match pattern {
            [Element::Literal { text, optional: false }, ..] if text != "," => Gate::Word(crate::grammar::intern(text)),
            _ => Gate::Any,
        }
    }
}

/// A rule's neighbouring phrases, compiled (see `Phrases`).
struct Context {
    only_next: Phrases,
    unless_next: Phrases,
    unless_prev: Phrases,
}

/// Where a construction match stands while it is being built.
#[derive(Debug, Default, Clone)]
struct Partial {
    /// the cue is a preposition ("according to"): its holder runs to the next comma
    prep: bool,
    source: Option<(usize, usize)>,
    subject: bool,
    content: Vec<Span>,
}

/// The sentence a cue sits in, as token bounds.
#[derive(Clone, Copy)]
struct Bounds {
    lo: usize,
    hi: usize,
}

impl Matcher {
    pub fn new(grammar: Grammar) -> Matcher {
        let lexicon = Lexicon::new(&grammar);
        let l = |n: &str| WordSet::new(grammar.list(n));
        let be_forms = WordSet::new(&["is", "are", "was", "were", "be", "been", "being", "'s", "’s"]);
        let mut vocab = Vocab::default();
        for (name, b) in [
            ("pronouns", bit::PRONOUN),
            ("auxiliaries", bit::AUXILIARY),
            ("cue-adverbs", bit::CUE_ADVERB),
            ("negators", bit::NEGATOR),
            ("determiners", bit::DETERMINER),
            ("np-joiners", bit::JOINER),
            ("clause-openers", bit::CLAUSE_OPENER),
            ("content-stops", bit::CONTENT_STOP),
            ("time-words", bit::TIME_WORD),
            ("group-nouns", bit::GROUP_NOUN),
            ("document-nouns", bit::DOCUMENT_NOUN),
            ("prepositions", bit::PREPOSITION),
            ("plural-nouns", bit::PLURAL_NOUN),
            ("roles-toward", bit::ROLE_TOWARD),
            ("counted-subjects", bit::COUNTED_SUBJECT),
            ("possessives", bit::POSSESSIVE),
            ("generic-subjects", bit::GENERIC_SUBJECT),
            ("name-titles", bit::NAME_TITLE),
        ] {
            vocab.add(&l(name), b);
        }
        vocab.add(&be_forms, bit::BE_FORM);
        for w in learned_spans::CONJUNCTIONS {
            vocab.add_word(w, bit::CONJUNCTION);
        }
        let quantity_words = l("quantity-words");
        vocab.add(&quantity_words, bit::QUANTITY);
        let time_words = l("time-words");
        vocab.add_phrase_edges(&time_words, bit::TIME_FIRST, bit::TIME_LAST);
        for (word, root) in lexicon.first_words() {
            vocab.add_tagged(word, 0, root);
        }
        let lists = Lists {
            time_words,
            quantity_words,
            epistemic_passives: l("epistemic-passives"),
            generic_roles: l("generic-roles"),
            generic_openers: Phrases::new(grammar.list("generic-openers")),
            habitual_adverbs: l("habitual-adverbs"),
            causing_verbs: l("causing-verbs"),
            feeling_participles: l("feeling-participles"),
            receiving_verbs: l("receiving-verbs"),
            adverbial_openers: l("adverbial-openers"),
            fronted_subordinators: l("fronted-subordinators"),
            evidence_adjectives: l("evidence-adjectives"),
            vocab,
        };
        let constructions_for = grammar
            .cues
            .iter()
            .map(|rule| {
                let fits = |c: &Construction| match c.pattern.iter().find(|e| matches!(e, Element::Cue(_))) {
                    Some(Element::Cue(Some(filter))) => filter.accepts_rule(rule),
                    // "according to", a speaker's colon and a crediting dash only in constructions that name them
                    Some(_) => !(rule.flags.prep || rule.flags.speaker || rule.flags.credit),
                    None => false,
                };
                (0..grammar.constructions.len())
                    .filter(|&i| fits(&grammar.constructions[i]))
                    .filter_map(|i| {
                        let pattern = &grammar.constructions[i].pattern;
                        let k = pattern.iter().position(|e| matches!(e, Element::Cue(_)))?;
                        Some(Candidate {
                            construction: i,
                            cue_at: k,
                            before: Gate::before(&pattern[..k]),
                            after: Gate::after(&pattern[k + 1..]),
                        })
                    })
                    .collect()
            })
            .collect();
        let frames = |name: &str| grammar.list(name).iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
        let (cue_frames, refusal_frames) = (frames("cue-frames"), frames("refusal-frames"));
        let non_claim_headings = frames("non-claim-headings");
        let speaker_labels = [frames("headline-labels"), non_claim_headings.clone()].concat();
        let unplaced_rule = (grammar.cues.iter())
            .map(|r| crate::grammar::intern(&format!("{}-unplaced", r.meta.name)))
            .collect();
        let hedge_context = (grammar.hedges.iter())
            .map(|r| Context {
                only_next: Phrases::new(&r.only_next),
                unless_next: Phrases::new(&r.unless_next),
                unless_prev: Phrases::new(&r.unless_prev),
            })
            .collect();
        let marker_context = (grammar.markers.iter())
            .map(|r| Context {
                only_next: Phrases::default(),
                unless_next: Phrases::new(&r.unless_next),
                unless_prev: Phrases::new(&r.unless_prev),
            })
            .collect();
        let cue_unless_next = grammar.cues.iter().map(|r| Phrases::new(&r.unless_next)).collect();
        let source_rule_at = (grammar.sources.iter().enumerate())
            .map(|(i, r)| (r.meta.name, i))
            .collect();
        Matcher {
            grammar,
            lexicon,
            lists,
            constructions_for,
            hedge_context,
            marker_context,
            cue_unless_next,
            cue_frames,
            refusal_frames,
            non_claim_headings,
            speaker_labels,
            unplaced_rule,
            source_rule_at,
            cue_model: None,
            span_model: None,
            holder_model: None,
            choice_evidence: true,
        }
    }

    /// This matcher with a learned cue detector for the cues the grammar does
    /// not list (`None`: the grammar's cues alone).
    pub fn with_cue_model(mut self, model: Option<std::sync::Arc<CueModel>>) -> Matcher {
        // the model's forms get a bit in the vocabulary every token is looked up in,
        // so that the detector tests a word by its mask (a bit left by an earlier
        // model only costs that model's forms a look-up in `CueModel::form`)
        if let Some(m) = &model {
            for form in m.forms() {
                self.lists.vocab.add_word(form, bit::CUE_FORM);
            }
        }
        self.cue_model = model;
        self
    }

    pub fn cue_model(&self) -> Option<&CueModel> {
        self.cue_model.as_deref()
    }

    /// This matcher with a learned chooser of content ends (`None`: the
    /// rules' ends).
    pub fn with_span_model(mut self, model: Option<std::sync::Arc<SpanModel>>) -> Matcher {
        self.span_model = model;
        self
    }

    pub fn span_model(&self) -> Option<&SpanModel> {
        self.span_model.as_deref()
    }

    /// This matcher with a learned chooser of holder boundaries (`None`: the
    /// rules' holders).
    pub fn with_holder_model(mut self, model: Option<std::sync::Arc<HolderModel>>) -> Matcher {
        self.holder_model = model;
        self
    }

    pub fn holder_model(&self) -> Option<&HolderModel> {
        self.holder_model.as_deref()
    }

    /// The source rule of this name, if the grammar has one (a holder found by its
    /// shape, "pronoun" or "group-noun", has none).
    fn source_rule(&self, name: &str) -> Option<&crate::grammar::SourceRule> {
        self.source_rule_at.get(name).map(|&i| &self.grammar.sources[i])
    }

    /// The learned passes as loaded: each model chooses, or is off.
    fn cue_pass(&self) -> CuePass<'_> {
        self.cue_model
            .as_ref()
            .map_or(CuePass::Off, |m| CuePass::Detect(m.as_ref()))
    }

    fn span_pass(&self) -> SpanPass<'_> {
        self.span_model
            .as_ref()
            .map_or(SpanPass::Off, |m| SpanPass::Choose(m.as_ref()))
    }

    fn holder_pass(&self) -> HolderPass<'_> {
        self.holder_model
            .as_ref()
            .map_or(HolderPass::Off, |m| HolderPass::Choose(m.as_ref()))
    }

    /// Find everything in one document.
    pub fn find(&self, text: &str, seg: &Segmentation) -> Findings {
        let pass = self.cue_pass();
        let spans = self.span_pass();
        let holders = self.holder_pass();
        self.find_inner(text, seg, pass, spans, holders, &mut Collected::default())
            .0
    }

    /// The findings (with the rules' content ends) and every attribution's
    /// candidate content ends with their features: the examples the span
    /// model is trained on (`sayso train spans`).
    pub fn collect_end_candidates(&self, text: &str, seg: &Segmentation) -> (Findings, Vec<EndCandidates>) {
        let pass = self.cue_pass();
        let mut out = Collected::default();
        let (f, _) = self.find_inner(text, seg, pass, SpanPass::Collect, HolderPass::Off, &mut out);
        (f, out.ends)
    }

    /// The findings (with the learned cues and content ends, the rules'
    /// holders) and every attribution's candidate holders with their
    /// features: the examples the holder model is trained on (`sayso train
    /// holders`).
    pub fn collect_holder_candidates(&self, text: &str, seg: &Segmentation) -> (Findings, Vec<HolderCandidates>) {
        let pass = self.cue_pass();
        let spans = self.span_pass();
        let mut out = Collected::default();
        let (f, _) = self.find_inner(text, seg, pass, spans, HolderPass::Collect, &mut out);
        (f, out.holders)
    }

    /// The grammar's findings, and every word whose form is in `forms` and that
    /// no grammar attribution uses, with its cue features: the examples the cue
    /// model is trained on (`sayso train cues`).
    pub fn collect_cue_candidates(
        &self,
        text: &str,
        seg: &Segmentation,
        forms: &rustc_hash::FxHashSet<u64>,
    ) -> (Findings, Vec<CueCandidate>) {
        self.find_inner(
            text,
            seg,
            CuePass::Collect(forms),
            SpanPass::Off,
            HolderPass::Off,
            &mut Collected::default(),
        )
    }

    fn find_inner(
        &self,
        text: &str,
        seg: &Segmentation,
        pass: CuePass<'_>,
        spans: SpanPass<'_>,
        holders: HolderPass<'_>,
        collected: &mut Collected,
    ) -> (Findings, Vec<CueCandidate>) {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        // (the tokenizer and the lexicon's pass: a step a token)
        crate::work::add(toks.len());
        // one lookup per token: its list bits, and the lexicon phrases it may start
        let looked_up: Vec<(u32, u32)> = toks
            .iter()
            .map(|t| self.lists.vocab.lookup_tagged(t.bytes(text)))
            .collect();
        let mut hits = Vec::new();
        self.lexicon.find(text, &toks, |i| looked_up[i].1, &mut hits);
        let mut masks: Vec<u32> = looked_up.iter().map(|&(bits, _)| bits).collect();
        // (8 bytes a token, not needed past here: freed before the long pass below)
        drop(looked_up);
        mark_cue_starts(&toks, &hits, &mut masks);
        mark_sentence_starts(&toks, seg, &mut masks);
        let quotes = Quotes::pair(text, &toks, seg);
        let source_from = source_starts(&toks, &hits);
        let mut doc = Doc {
            m: self,
            text,
            toks: &toks,
            masks: &masks,
            source_from: &source_from,
            np_back_memo: std::cell::Cell::new(None),
            unplaced: std::cell::Cell::new(false),
            content_stop: std::cell::OnceCell::new(),
            steps: std::cell::Cell::new(0),
            surnames: std::cell::OnceCell::new(),
            quote_marks_before: std::cell::OnceCell::new(),
            hits: &hits,
            quotes: &quotes,
            seg,
            out: Findings::default(),
            cue_pass: pass,
            collected: Vec::new(),
            span_pass: spans,
            span_collected: Vec::new(),
            holder_pass: holders,
            holder_collected: Vec::new(),
        };
        doc.out.words = toks.iter().filter(|t| t.is_word()).count();
        // every attribution rests on a cue hit and every hedge but a weasel holder on a hedge hit:
        // room for them all up front, not regrowth copies of large records
        let count = |f: fn(&Entry) -> bool| hits.iter().filter(|h| f(&h.entry)).count();
        doc.out.attributions.reserve(count(|e| matches!(e, Entry::Cue(_))));
        doc.out.hedges.reserve(count(|e| matches!(e, Entry::Hedge(_))));
        doc.run();
        let cues = std::mem::take(&mut doc.collected);
        collected.ends = std::mem::take(&mut doc.span_collected);
        collected.holders = std::mem::take(&mut doc.holder_collected);
        crate::work::add(doc.steps.get() as usize);
        let mut out = doc.out;
        out.quotes = (0..quotes.len()).map(|q| quotes.content_span(q)).collect();
        out.negations = (toks.iter().zip(&masks))
            .filter(|(_, m)| *m & bit::NEGATOR != 0)
            .map(|(t, _)| t.span())
            .collect();
        out.non_claims = non_claims::find(text, seg, &out.attributions, &self.non_claim_headings);
        (out, cues)
    }
}

/// What a run collects for the span and holder trainers.
#[derive(Default)]
struct Collected {
    ends: Vec<EndCandidates>,
    holders: Vec<HolderCandidates>,
}

/// Mark the tokens a cue starts on (`bit::CUE_START`).
fn mark_cue_starts(toks: &[Token], hits: &[Hit], masks: &mut [u32]) {
    let mut k = 0;
    for h in hits {
        if !matches!(h.entry, Entry::Cue(_)) {
            continue;
        }
        while k < toks.len() && (toks[k].start as usize) < h.start {
            k += 1;
        }
        if k < toks.len() && toks[k].start as usize == h.start {
            masks[k] |= bit::CUE_START;
        }
    }
}

/// Mark the first token of each sentence, and the token after it when it is a
/// quote mark (`bit::SENTENCE_INITIAL`). A token counts for the sentence it
/// falls in: the first whose end is past the token's start.
fn mark_sentence_starts(toks: &[Token], seg: &Segmentation, masks: &mut [u32]) {
    let sentences = &seg.sentences;
    let mut first = 0;
    for (si, s) in sentences.iter().enumerate() {
        while first < toks.len() && (toks[first].end as usize) <= s.span.start {
            first += 1;
        }
        let in_this_sentence = |i: usize| {
            let start = toks[i].start as usize;
            start < s.span.end && (si == 0 || sentences[si - 1].span.end <= start)
        };
        if first < toks.len() && in_this_sentence(first) {
            masks[first] |= bit::SENTENCE_INITIAL;
        }
        if first + 1 < toks.len() && toks[first].is_quote() && in_this_sentence(first + 1) {
            masks[first + 1] |= bit::SENTENCE_INITIAL;
        }
    }
}

/// (pos, sentence bounds) and the noun phrase `np_back` found there.
type NpMemo = ((usize, usize, usize), Option<(usize, usize)>);

/// For each token, the first token of the earliest listed holder phrase
/// (a Source hit) that ends exactly at its end; u32::MAX where none does.
fn source_starts(toks: &[Token], hits: &[Hit]) -> Vec<u32> {
    let mut from = vec![u32::MAX; toks.len()];
    for h in hits {
        if !matches!(h.entry, Entry::Source(_)) {
            continue;
        }
        let e = toks.partition_point(|t| (t.end as usize) < h.end);
        if e < toks.len() && toks[e].end as usize == h.end {
            let s = toks.partition_point(|t| (t.end as usize) <= h.start) as u32;
            from[e] = from[e].min(s);
        }
    }
    from
}

struct Doc<'a> {
    m: &'a Matcher,
    text: &'a str,
    toks: &'a [Token],
    /// per token: `bit` flags
    masks: &'a [u32],
    /// per token: where a listed holder phrase ending on it starts (u32::MAX: none)
    source_from: &'a [u32],
    np_back_memo: std::cell::Cell<Option<NpMemo>>,
    /// set by `cue` when a cue passed every test of its word but no
    /// construction placed it (no holder or content found around it)
    unplaced: std::cell::Cell<bool>,
    /// per token k: the first token at or after k, outside quotes, that ends a
    /// content (a dash, or "and" before a cue word); built on first use
    content_stop: std::cell::OnceCell<Vec<u32>>,
    /// work done (`crate::work`): a step for each token a scan tests with
    /// `word_is`, `is_cap`, `is_dash` or `is_punct` or passes in
    /// `tok_at_from`, each earlier attribution `settle_sentence` compares, and
    /// each token of each sentence `run` visits; added to the thread's count
    /// once per document
    steps: std::cell::Cell<u64>,
    /// capitalised plurals the text shows as a person's surname ("Sanders",
    /// "Collins"); built on first use (`Doc::is_surname`)
    surnames: std::cell::OnceCell<std::collections::HashSet<&'a str>>,
    /// per token k: how many quotation marks come before it (`learned_spans`);
    /// built on first use
    quote_marks_before: std::cell::OnceCell<Vec<u32>>,
    hits: &'a [Hit],
    quotes: &'a Quotes,
    seg: &'a Segmentation,
    out: Findings,
    /// whether and how the learned cue detector runs after the grammar
    cue_pass: CuePass<'a>,
    /// candidates collected for the trainer (`CuePass::Collect`)
    collected: Vec<CueCandidate>,
    /// whether and how the learned content ends are chosen after the passes
    span_pass: SpanPass<'a>,
    /// candidate ends collected for the trainer (`SpanPass::Collect`)
    span_collected: Vec<EndCandidates>,
    /// whether and how the learned holder boundaries are chosen, last
    holder_pass: HolderPass<'a>,
    /// candidate holders collected for the trainer (`HolderPass::Collect`)
    holder_collected: Vec<HolderCandidates>,
}

impl<'a> Doc<'a> {
    /// Count `n` steps of work (`Doc::steps`).
    #[inline]
    fn step(&self, n: usize) {
        self.steps.set(self.steps.get() + n as u64);
    }

    #[inline]
    fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    /// Is token `i` in the list(s) of `bits`?
    fn is(&self, i: usize, bits: u32) -> bool {
        self.masks[i] & bits != 0
    }

    /// Is token `i` the word `w`, in any ASCII case?
    #[inline]
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.step(1);
        self.toks[i].bytes(self.text).eq_ignore_ascii_case(w.as_bytes())
    }

    #[inline]
    fn is_cap(&self, i: usize) -> bool {
        self.step(1);
        match self.toks[i].bytes(self.text).first() {
            Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
            Some(_) => self.word(i).chars().next().is_some_and(|c| c.is_uppercase()),
            None => false,
        }
    }

    /// A dash standing alone: "—", "–", "--", or a hyphen with space around it.
    #[inline]
    fn is_dash(&self, i: usize) -> bool {
        self.step(1);
        // (compared as bytes: "—" is E2 80 94 in UTF-8, "–" E2 80 93)
        self.toks[i].kind == TokKind::Punct
            && matches!(
                self.toks[i].bytes(self.text),
                b"\xE2\x80\x94" | b"\xE2\x80\x93" | b"--" | b"-"
            )
    }

    #[inline]
    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.step(1);
        self.toks[i].kind == TokKind::Punct && self.toks[i].bytes(self.text) == p.as_bytes()
    }

    /// The number of tokens of a time adverbial starting at token `i` (before `hi`).
    fn time_words_at(&self, i: usize, hi: usize) -> Option<usize> {
        if i >= hi || !self.is(i, bit::TIME_WORD | bit::TIME_FIRST) {
            return None;
        }
        self.m.lists.time_words.match_at(self.text, self.toks, i, hi)
    }

    /// The number of tokens of a time adverbial ending just before token `end` (from `lo`).
    fn time_words_before(&self, lo: usize, end: usize) -> Option<usize> {
        if end <= lo || !self.is(end - 1, bit::TIME_WORD | bit::TIME_LAST) {
            return None;
        }
        self.m.lists.time_words.match_before(self.text, self.toks, lo, end)
    }

    fn tok_at(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| (t.end as usize) <= byte)
    }

    /// `tok_at(byte)` found by walking on from token `from`, every token before
    /// which ends by `byte`: for positions that come in order.
    fn tok_at_from(&self, from: usize, byte: usize) -> usize {
        let mut k = from;
        while k < self.toks.len() && (self.toks[k].end as usize) <= byte {
            k += 1;
        }
        self.step(k - from);
        k
    }

    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].start as usize, self.toks[b - 1].end as usize)
    }

    /// Per sentence: its hedges and markers, the grammar's attributions (each
    /// settled against the others of its sentence), weasel holders, the learned
    /// cues. Then the passes over the whole document.
    fn run(&mut self) {
        let mut hit_i = 0;
        for (si, s) in self.seg.sentences.iter().enumerate() {
            let lo = self.tok_at(s.span.start);
            let hi = self.tok_at(s.span.end);
            while hit_i < self.hits.len() && self.hits[hit_i].start < s.span.start {
                hit_i += 1;
            }
            let mut hit_end = hit_i;
            while hit_end < self.hits.len() && self.hits[hit_end].start < s.span.end {
                hit_end += 1;
            }
            if lo >= hi {
                continue;
            }
            self.step(hi - lo);
            let hits = &self.hits[hit_i..hit_end];
            let first_marker = self.out.markers.len();
            self.hedges_and_markers(hits, Bounds { lo, hi });
            let first = self.out.attributions.len();
            self.attributions(si, hits, Bounds { lo, hi });
            self.weasel_holders(first);
            self.learned_cues(Bounds { lo, hi }, first);
            self.mark_dispute_subjects(first_marker, Bounds { lo, hi }, s.kind == SentenceKind::Headline);
        }
        self.resolve_pronouns();
        self.name_poll_respondents();
        self.speakers_hold_their_paragraphs();
        self.link_continuations();
        self.letters_page();
        self.embedded_posts();
        self.cue_particles();
        self.relative_contents();
        self.one_attribution_per_token();
        self.learned_ends();
        self.learned_holders();
        self.out.hedges.sort_by_key(|h| (h.span.start, h.span.end));
        self.out.markers.sort_by_key(|m| (m.span.start, m.span.end));
    }

    fn paragraph_of(&self, byte: usize) -> usize {
        self.seg.paragraphs.partition_point(|p| p.span.end <= byte)
    }

    /// Is token `i` a number or a share: "47", "percent", "half", "three-fourths", "majorities"?
    fn is_quantity(&self, i: usize) -> bool {
        if self.toks[i].kind == TokKind::Number || self.is(i, bit::QUANTITY) {
            return true;
        }
        // "two-thirds", "three-fourths": the last part of a hyphenated word
        // (a plain token is one run of letters and digits: no hyphen)
        if self.toks[i].plain {
            return false;
        }
        let w = self.word(i);
        memchr::memrchr(b'-', w.as_bytes()).is_some_and(|k| self.m.lists.quantity_words.has(&w[k + 1..]))
    }

    fn is_cue_word(&self, tok: usize) -> bool {
        self.is(tok, bit::CUE_START)
    }
}

/// Does the word end like a plural noun ("officials", not "press", "Trump's")?
fn plural_form(w: &str) -> bool {
    w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("'s") && !w.ends_with("’s")
}

pub(crate) fn is_irregular_participle(form: &str) -> bool {
    // (the last word of a form such as "has said")
    let last = form
        .as_bytes()
        .iter()
        .rposition(|&b| b == b' ')
        .map_or(form, |k| &form[k + 1..]);
    matches!(
        last,
        "said"
            | "told"
            | "thought"
            | "shown"
            | "found"
            | "written"
            | "known"
            | "felt"
            | "proven"
            | "seen"
            | "held"
            | "made"
    )
}

#[cfg(test)]
mod gate_tests {
    use super::{Gate, Grammar};

    /// The gates of a built-in construction: (before the cue, after it).
    fn gates(name: &str) -> (Gate, Gate) {
        let g = Grammar::builtin();
        let c = g.constructions.iter().find(|c| c.meta.name == name).expect(name);
        let k = c
            .pattern
            .iter()
            .position(|e| matches!(e, super::Element::Cue(_)))
            .expect("a CUE");
        (Gate::before(&c.pattern[..k]), Gate::after(&c.pattern[k + 1..]))
    }

    #[test]
    fn gates_come_from_the_elements_next_to_the_cue() {
        // QUOTE ","? CUE[post] SOURCE END
        assert_eq!(gates("quote-cue-source"), (Gate::CloseQuote, Gate::Any));
        // CONTENT "," CUE[post] SOURCE "," CONTENT
        assert_eq!(gates("parenthetical-cue-source"), (Gate::Word(","), Gate::Any));
        // SOURCE CUE[colon] ":" CONTENT
        assert_eq!(gates("source-cue-colon"), (Gate::Any, Gate::Word(":")));
        // SOURCE CUE "with" AUDIENCE "that" CONTENT
        assert_eq!(gates("source-cue-with"), (Gate::Any, Gate::Word("with")));
        // SUBJECT "—" CUE[ing] CONTENT
        assert_eq!(gates("continuing-participle-dash"), (Gate::Word("—"), Gate::Any));
        // SOURCE CUE CONTENT: nothing fixed beside the cue
        assert_eq!(gates("source-cue-content"), (Gate::Any, Gate::Any));
        // "as" SOURCE CUE "," CONTENT: a comma after the cue may follow its adverbials
        assert_eq!(gates("as-source-cue"), (Gate::Any, Gate::Any));
    }
}
