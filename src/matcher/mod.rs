//! Matching: find attributions, hedges and markers in a document.
//!
//! The lexicon is found in the one pass over the tokens that also looks each
//! word up in the matcher's lists; around each cue the grammar's
//! constructions are tried in order, each matched outward from the cue: the
//! elements before the cue backwards, those after it forwards. Every element
//! is a bounded scan inside its sentence (or its quote), so no input makes the
//! matcher backtrack without bound.

mod hedge_context;
pub mod learned_cues;
pub mod lexicon;
pub mod non_claims;
pub mod quotes;
pub mod tokens;
pub mod words;

use crate::grammar::{Construction, Element, Grammar};
use crate::model::{Attribution, Hedge, HedgeKind, Marker, Source, SourceKind, Stance};
use crate::segment::Segmentation;
use crate::span::Span;
use learned_cues::{CueCandidate, CueModel, CuePass};
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

/// Longest noun phrase the chunker accepts as a holder, in tokens.
const MAX_NP: usize = 12;

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
    /// not a list: the token starts a cue of the lexicon
    pub const CUE_START: u32 = 1 << 13;
    /// not a list: the token opens its sentence, where a capital says nothing
    /// (see `mark_sentence_starts`)
    pub const SENTENCE_INITIAL: u32 = 1 << 19;
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
    /// per cue rule, the marker name of its cues that no construction placed
    unplaced_rule: Vec<&'static str>,
    /// source rules by name (names are unique within a kind: a later rule replaces one of its name)
    source_rule_at: rustc_hash::FxHashMap<&'static str, usize>,
    /// the learned cue detector (`learned_cues`); `None` finds the grammar's cues alone
    cue_model: Option<std::sync::Arc<CueModel>>,
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
        ] {
            vocab.add(&l(name), b);
        }
        vocab.add(&be_forms, bit::BE_FORM);
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
            vocab,
        };
        let constructions_for = grammar
            .cues
            .iter()
            .map(|rule| {
                let fits = |c: &Construction| match c.pattern.iter().find(|e| matches!(e, Element::Cue(_))) {
                    Some(Element::Cue(Some(filter))) => filter.accepts_rule(rule),
                    // "according to" and a speaker's colon only in constructions that name them
                    Some(_) => !(rule.flags.prep || rule.flags.speaker),
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
            unplaced_rule,
            source_rule_at,
            cue_model: None,
        }
    }

    /// This matcher with a learned cue detector for the cues the grammar does
    /// not list (`None`: the grammar's cues alone).
    pub fn with_cue_model(mut self, model: Option<std::sync::Arc<CueModel>>) -> Matcher {
        self.cue_model = model;
        self
    }

    pub fn cue_model(&self) -> Option<&CueModel> {
        self.cue_model.as_deref()
    }

    /// The source rule of this name, if the grammar has one (a holder found by its
    /// shape, "pronoun" or "group-noun", has none).
    fn source_rule(&self, name: &str) -> Option<&crate::grammar::SourceRule> {
        self.source_rule_at.get(name).map(|&i| &self.grammar.sources[i])
    }

    /// Find everything in one document.
    pub fn find(&self, text: &str, seg: &Segmentation) -> Findings {
        let pass = match &self.cue_model {
            Some(m) => CuePass::Detect(m.as_ref()),
            None => CuePass::Off,
        };
        self.find_with(text, seg, pass).0
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
        self.find_with(text, seg, CuePass::Collect(forms))
    }

    fn find_with(&self, text: &str, seg: &Segmentation, pass: CuePass<'_>) -> (Findings, Vec<CueCandidate>) {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
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
            hits: &hits,
            quotes: &quotes,
            seg,
            out: Findings::default(),
            cue_pass: pass,
            collected: Vec::new(),
        };
        doc.out.words = toks.iter().filter(|t| t.is_word()).count();
        // every attribution rests on a cue hit and every hedge but a weasel holder on a hedge hit:
        // room for them all up front, not regrowth copies of large records
        let count = |f: fn(&Entry) -> bool| hits.iter().filter(|h| f(&h.entry)).count();
        doc.out.attributions.reserve(count(|e| matches!(e, Entry::Cue(_))));
        doc.out.hedges.reserve(count(|e| matches!(e, Entry::Hedge(_))));
        doc.run();
        let collected = std::mem::take(&mut doc.collected);
        let mut out = doc.out;
        out.quotes = (0..quotes.len()).map(|q| quotes.content_span(q)).collect();
        out.negations = (toks.iter().zip(&masks))
            .filter(|(_, m)| *m & bit::NEGATOR != 0)
            .map(|(t, _)| t.span())
            .collect();
        out.non_claims = non_claims::find(text, seg, &out.attributions, &self.non_claim_headings);
        (out, collected)
    }
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
    hits: &'a [Hit],
    quotes: &'a Quotes,
    seg: &'a Segmentation,
    out: Findings,
    /// whether and how the learned cue detector runs after the grammar
    cue_pass: CuePass<'a>,
    /// candidates collected for the trainer (`CuePass::Collect`)
    collected: Vec<CueCandidate>,
}

impl<'a> Doc<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    /// Is token `i` in the list(s) of `bits`?
    fn is(&self, i: usize, bits: u32) -> bool {
        self.masks[i] & bits != 0
    }

    /// Is token `i` the word `w`, in any ASCII case?
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.toks[i].bytes(self.text).eq_ignore_ascii_case(w.as_bytes())
    }

    fn is_cap(&self, i: usize) -> bool {
        match self.toks[i].bytes(self.text).first() {
            Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
            Some(_) => self.word(i).chars().next().is_some_and(|c| c.is_uppercase()),
            None => false,
        }
    }

    /// `content_stop`: for each token, the first token at or after it that is
    /// outside quotes and is a dash, or "and" followed by a cue word (u32::MAX:
    /// none). One pass from the end.
    fn content_stops(&self) -> &[u32] {
        self.content_stop.get_or_init(|| {
            let n = self.toks.len();
            let mut stop = vec![u32::MAX; n + 1];
            for k in (0..n).rev() {
                let ends = !self.quotes.inside(k)
                    && (self.is_dash(k) || (k + 1 < n && self.is_cue_word(k + 1) && self.word_is(k, "and")));
                stop[k] = if ends { k as u32 } else { stop[k + 1] };
            }
            stop
        })
    }

    /// A dash standing alone: "—", "–", "--", or a hyphen with space around it.
    fn is_dash(&self, i: usize) -> bool {
        // (compared as bytes: "—" is E2 80 94 in UTF-8, "–" E2 80 93)
        self.toks[i].kind == TokKind::Punct
            && matches!(
                self.toks[i].bytes(self.text),
                b"\xE2\x80\x94" | b"\xE2\x80\x93" | b"--" | b"-"
            )
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
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
        k
    }

    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].start as usize, self.toks[b - 1].end as usize)
    }

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
            let hits = &self.hits[hit_i..hit_end];
            self.hedges_and_markers(hits, Bounds { lo, hi });
            let first = self.out.attributions.len();
            self.attributions(si, hits, Bounds { lo, hi });
            self.weasel_holders(first);
            self.learned_cues(Bounds { lo, hi }, first);
        }
        self.resolve_pronouns();
        self.name_poll_respondents();
        self.speakers_hold_their_paragraphs();
        self.link_continuations();
        self.letters_page();
        self.embedded_posts();
        self.cue_particles();
        self.out.hedges.sort_by_key(|h| (h.span.start, h.span.end));
        self.out.markers.sort_by_key(|m| (m.span.start, m.span.end));
    }

    /// A preposition that opens a cue's content belongs to the cue: "spoke about
    /// the plan", "sided with the mayor", "warned of delays" (grammar lists
    /// `cue-particles` and `object-cue-particles`); the content starts after it.
    /// After a plain reporting verb the second list's words open a time, a place or
    /// a topic instead ("said on Tuesday"), so they stay outside its cue. This runs
    /// last, on every attribution, learned ones included: no earlier stage sees the
    /// longer cue.
    fn cue_particles(&mut self) {
        let always = self.m.grammar.list("cue-particles");
        let not_after_reporting = self.m.grammar.list("object-cue-particles");
        for a in &mut self.out.attributions {
            let Some(first) = a.content.first_mut() else { continue };
            let k = self.toks.partition_point(|t| (t.start as usize) < a.cue.end);
            if k + 1 >= self.toks.len() || self.toks[k].start as usize != first.start {
                continue;
            }
            let w = &self.text[self.toks[k].start as usize..self.toks[k].end as usize];
            let reporting = matches!(
                a.cue_rule,
                "say" | "tell" | "inform" | "report" | "report-clausal" | "according-to" | "announce"
            );
            let joins = always.iter().any(|p| p.eq_ignore_ascii_case(w))
                || (!reporting && not_after_reporting.iter().any(|p| p.eq_ignore_ascii_case(w)));
            let next = self.toks[k + 1].start as usize;
            if !joins || next >= first.end {
                continue;
            }
            a.cue = Span::new(a.cue.start, self.toks[k].end as usize);
            first.start = next;
            a.particle = true;
        }
    }

    /// A letters page (a paragraph that is only a heading such as "Letters"
    /// or "Letters to the editor", list letters-headings): each letter rests
    /// on the reader who signs it, so every letter becomes an attribution whose
    /// cue and holder are the signature and whose content is the letter.
    fn letters_page(&mut self) {
        let paras = &self.seg.paragraphs;
        let bare = |k: usize| {
            let t = paras[k].span.slice(self.text).trim();
            t.trim_end_matches(['.', ':'])
        };
        let headings = self.m.grammar.list("letters-headings");
        let Some(first) = (0..paras.len()).find(|&k| headings.iter().any(|h| bare(k).eq_ignore_ascii_case(h))) else {
            return;
        };
        let mut body: Vec<Span> = Vec::new();
        let mut k = first + 1;
        while k < paras.len() {
            let t = bare(k);
            if self.signature(t) {
                let sig = paras[k].span;
                let sig = Span::new(
                    sig.start,
                    sig.start + sig.slice(self.text).trim_end().trim_end_matches('.').len(),
                );
                if !body.is_empty() {
                    self.out.attributions.push(Attribution {
                        source: Some(Source {
                            span: sig,
                            kind: SourceKind::Named,
                            rule: "letter-signature",
                            resolved: None,
                        }),
                        cue: sig,
                        stance: Stance::Assert,
                        cue_rule: "letter",
                        construction: "letters-page",
                        content: std::mem::take(&mut body),
                        negated: false,
                        hedged: false,
                        particle: false,
                        learned: None,
                    });
                }
                // the signer's town, or a section label, follows: not a letter
                while k + 1 < paras.len() && self.signature(bare(k + 1)) {
                    k += 1;
                }
            } else {
                body.push(paras[k].span);
            }
            k += 1;
        }
    }

    /// An embedded social-media post, as it reads when copied from a web
    /// page: "TEXT — Ana Ruiz (@anaruiz) June 28, 2016". The post rests on the
    /// name before the handle: an attribution with the signature as its cue.
    fn embedded_posts(&mut self) {
        for p in &self.seg.paragraphs {
            let t = p.span.slice(self.text);
            // the last " — " of the paragraph, followed by "Name (@handle)"
            let Some(dash) = t.rfind(" — ").or_else(|| t.rfind(" -- ")) else {
                continue;
            };
            let after = &t[dash..];
            let name_at = dash + after.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
            let Some(open) = t[name_at..].find(" (@").map(|k| name_at + k) else {
                continue;
            };
            let Some(close) = t[open..].find(')').map(|k| open + k + 1) else {
                continue;
            };
            let name = &t[name_at..open];
            if name.is_empty() || name.split_whitespace().count() > 5 || t[open + 3..close - 1].contains(' ') {
                continue;
            }
            // the post starts after a leading markup tag, if the page left one
            let start = if t.starts_with('<') {
                t.find('>').map_or(0, |k| k + 1)
            } else {
                0
            };
            if start >= dash {
                continue;
            }
            let base = p.span.start;
            self.out.attributions.push(Attribution {
                source: Some(Source {
                    span: Span::new(base + name_at, base + open),
                    kind: SourceKind::Named,
                    rule: "post-signature",
                    resolved: None,
                }),
                cue: Span::new(base + open + 1, base + close),
                stance: Stance::Assert,
                cue_rule: "post",
                construction: "embedded-post",
                content: vec![Span::new(base + start, base + dash)],
                negated: false,
                hedged: false,
                particle: false,
                learned: None,
            });
        }
    }

    /// Is a paragraph a signature or a place line ("Ana T. Ruiz", "Eastvale,
    /// Ore.", "@harbourfan", "TWITTER")? A few capitalised words and nothing else.
    fn signature(&self, t: &str) -> bool {
        let words: Vec<&str> = t.split_whitespace().collect();
        !words.is_empty()
            && words.len() <= 6
            && !t.contains(['"', '“', '”', '?', '!'])
            && words.iter().all(|w| {
                w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '@')
                    || one_of(w, &["de", "van", "von", "der", "la", "of", "and", "jr.", "sr."])
            })
    }

    fn paragraph_of(&self, byte: usize) -> usize {
        self.seg.paragraphs.partition_point(|p| p.span.end <= byte)
    }

    fn link_continuations(&mut self) {
        // every content piece, sorted, to ask "does any content overlap this quote?" by binary search
        // (acts carry no speech a quote could continue)
        let said = || (self.out.attributions.iter().enumerate()).filter(|(_, a)| a.stance != Stance::Act);
        let mut pieces: Vec<Span> = said().flat_map(|(_, a)| a.content.iter().copied()).collect();
        pieces.sort_unstable();
        let mut reach = Vec::with_capacity(pieces.len()); // the furthest end among pieces[..=i]
        let mut far = 0;
        for p in &pieces {
            far = far.max(p.end);
            reach.push(far);
        }
        let (cues, index): (Vec<Span>, Vec<usize>) = said().map(|(k, a)| (a.cue, k)).unzip();
        for q in 0..self.quotes.len() {
            let span = self.quotes.content_span(q);
            let words = (self.quotes.open_tok(q)..=self.quotes.close_tok(q))
                .filter(|&i| self.toks[i].is_word())
                .count();
            if words < 4 {
                continue; // a scare quote or a label, not speech
            }
            let n = pieces.partition_point(|p| p.start < span.end);
            if n > 0 && reach[n - 1] > span.start {
                continue; // some content already covers it
            }
            let first_cue_inside = cues.partition_point(|c| c.start < span.start);
            if cues.get(first_cue_inside).is_some_and(|c| c.end <= span.end) {
                continue;
            }
            let para = self.paragraph_of(span.start);
            let near = |c: &Span| para - self.paragraph_of(c.start).min(para) <= 1;
            // the nearest cue before the quote (cues are in text order)
            let before = first_cue_inside
                .checked_sub(1)
                .filter(|&k| cues[k].end <= span.start && near(&cues[k]));
            let after = || {
                let k = cues.partition_point(|c| c.start < span.end);
                cues.get(k).filter(|c| self.paragraph_of(c.start) == para).map(|_| k)
            };
            if let Some(k) = before.or_else(after) {
                self.out.continuations.push((span, index[k]));
            }
        }
    }

    // ---------- hedges and markers ----------

    fn hedges_and_markers(&mut self, hits: &[Hit], b: Bounds) {
        let text = self.text;
        let mut last_end = 0;
        for h in hits {
            match h.entry {
                Entry::Hedge(r) => {
                    let rule = &self.m.grammar.hedges[r];
                    let surface = &text[h.start..h.end];
                    if rule.lowercase_only
                        && surface.chars().next().is_some_and(|c| c.is_uppercase())
                        && !self.title_case_modal(h.start, h.end, b)
                    {
                        continue;
                    }
                    if rule.clause_start && !self.opens_clause(h.start, h.end) {
                        continue;
                    }
                    let (t0, t1) = (self.tok_at(h.start), self.tok_at(h.end));
                    if rule.sentence_start && !self.opens_sentence(t0, b) {
                        continue;
                    }
                    if self.in_name(t0, b) {
                        continue;
                    }
                    if rule.epistemic && self.root_modal(t0, t1, b) {
                        continue;
                    }
                    let context = &self.m.hedge_context[r];
                    // a weasel holder may also stand before a cue ("Some argue", "Others insisted")
                    let needed_follows = context.only_next.is_empty()
                        || context.only_next.starts(&text[h.end..])
                        || rule.kind == HedgeKind::Weasel && self.cue_follows(h.end);
                    if !needed_follows {
                        continue;
                    }
                    if context.unless_next.starts(&text[h.end..]) || context.unless_prev.ends(&text[..h.start]) {
                        continue;
                    }
                    if h.start < last_end {
                        // inside a longer hedge already taken; but at the same start a
                        // hedge that weakens the claim wins over a vague one ("Some
                        // argue": a weasel holder, not only a vague quantity)
                        let last =
                            self.out.hedges.last_mut().filter(|l| {
                                l.span.start == h.start && l.kind == HedgeKind::Vague && rule.kind.weakens()
                            });
                        if let Some(l) = last {
                            *l = Hedge {
                                span: Span::new(h.start, h.end),
                                kind: rule.kind,
                                rule: rule.meta.name,
                                learned: rule.learned,
                            };
                            last_end = h.end;
                        }
                        continue;
                    }
                    last_end = h.end;
                    // a modal whose epistemic sense its form settles is no candidate
                    let learned = rule.learned && !(rule.kind == HedgeKind::Modal && self.settled_modal(t0, t1, b));
                    self.out.hedges.push(Hedge {
                        span: Span::new(h.start, h.end),
                        kind: rule.kind,
                        rule: rule.meta.name,
                        learned,
                    });
                }
                Entry::Marker(r) => {
                    let rule = &self.m.grammar.markers[r];
                    let context = &self.m.marker_context[r];
                    if context.unless_prev.ends(&text[..h.start]) || context.unless_next.starts(&text[h.end..]) {
                        continue;
                    }
                    if self
                        .out
                        .markers
                        .last()
                        .is_some_and(|m| m.span.overlaps(Span::new(h.start, h.end)))
                    {
                        continue;
                    }
                    self.out.markers.push(Marker {
                        span: Span::new(h.start, h.end),
                        verdict: rule.verdict,
                        rule: rule.meta.name,
                    });
                }
                _ => {}
            }
        }
    }

    /// A vague holder ("critics say", "experts believe") is a weasel attribution: a hedge.
    fn weasel_holders(&mut self, first: usize) {
        for k in first..self.out.attributions.len() {
            let Some(src) = &self.out.attributions[k].source else {
                continue;
            };
            let first = src.span.slice(self.text).split_whitespace().next().unwrap_or("");
            let quantified = one_of(
                first,
                &["some", "many", "most", "several", "others", "numerous", "various"],
            );
            let vague = quantified || self.m.source_rule(src.rule).is_some_and(|r| r.class == "vague");
            if vague && src.kind == SourceKind::Unnamed {
                // a vague quantity inside the holder ("Many residents say") gives way to the weasel holder
                let (span, near) = (src.span, self.out.hedges.len().saturating_sub(8));
                let mut kept = near;
                for j in near..self.out.hedges.len() {
                    let h = &self.out.hedges[j];
                    if !(h.kind == HedgeKind::Vague && h.span.overlaps(span)) {
                        self.out.hedges.swap(kept, j);
                        kept += 1;
                    }
                }
                self.out.hedges.truncate(kept);
                if self.out.hedges[near..].iter().any(|h| h.span.overlaps(span)) {
                    continue;
                }
                self.out.hedges.push(Hedge {
                    span: src.span,
                    kind: HedgeKind::Weasel,
                    rule: "weasel-holder",
                    learned: false,
                });
            }
        }
    }

    /// Does the phrase at [start, end) open a clause, with words (not a number) after it?
    fn opens_clause(&self, start: usize, end: usize) -> bool {
        let i = self.tok_at(start);
        let j = self.tok_at(end);
        if j >= self.toks.len() || !self.toks[j].is_word() || self.toks[j].kind == TokKind::Number {
            return false; // "some 150,000": an approximation, not a holder
        }
        let in_sentence = |k: usize| {
            let b = self.toks[k].start as usize;
            let si = self.seg.sentences.partition_point(|s| s.span.end <= b);
            self.seg
                .sentences
                .get(si)
                .is_some_and(|s| s.span.start as u32 == self.toks[i].start)
        };
        if i == 0 || in_sentence(i) {
            return true;
        }
        let p = self.word(i - 1);
        if self.toks[i - 1].kind == TokKind::OpenQuote && (i < 2 || in_sentence(i - 1)) {
            return true;
        }
        matches!(p, "," | ";" | ":" | "—" | "–")
            || one_of(
                p,
                &[
                    "however", "but", "and", "while", "although", "though", "yet", "that", "because", "whereas",
                    "since",
                ],
            )
    }

    // ---------- attributions ----------

    fn attributions(&mut self, si: usize, hits: &[Hit], b: Bounds) {
        let first_attr = self.out.attributions.len();
        let mut taken_until = 0usize; // byte end of the last cue taken
        let mut last_cue_start: Option<(usize, usize)> = None;
        let mut cursor = b.lo; // hits come in order of start, all inside the sentence
        for h in hits {
            let Entry::Cue(r) = h.entry else { continue };
            if h.start < taken_until {
                continue;
            }
            // the longest cue starting here wins (hits at one start come longest first)
            match last_cue_start {
                Some((st, en)) if st == h.start && h.end < en => continue,
                _ => last_cue_start = Some((h.start, h.end)),
            }
            let c0 = self.tok_at_from(cursor, h.start);
            let c1 = self.tok_at_from(c0, h.end - 1) + 1;
            cursor = c0;
            if c0 < b.lo || c1 > b.hi {
                continue;
            }
            if self.quotes.inside(c0) {
                continue; // a cue word inside quoted speech is content, not a cue
            }
            if let Some(a) = self.cue(si, r, c0, c1, b, first_attr) {
                taken_until = h.end;
                self.out.attributions.push(a);
            } else if self.unplaced.get() {
                self.unplaced_dispute(r, h, c0, c1);
            }
        }
        self.settle_sentence(first_attr, b);
    }

    /// A denial or a criticism the constructions could not attach to a holder
    /// ("a post that attacked the mayor", "even though several oppose the
    /// deal") still reports a dispute: it stands as a marker named after its cue
    /// rule.
    fn unplaced_dispute(&mut self, rule: usize, h: &Hit, c0: usize, c1: usize) {
        if !matches!(self.m.grammar.cues[rule].stance, Stance::Deny | Stance::Criticise) {
            return;
        }
        // only a verb form says something happened: "attacked", "opposing", not "attack";
        // a base form is a verb after "to" with an object: "breaks silence to dispute the film"
        let first = self.text[h.start..h.end].split(' ').next().unwrap_or("");
        let lw = lower(first);
        let word = |i: usize| self.toks.get(i).map(|t| &self.text[t.start as usize..t.end as usize]);
        let infinitive = c0 > 0
            && word(c0 - 1).is_some_and(|w| w.eq_ignore_ascii_case("to"))
            && !lw.ends_with('s')
            && word(c1).is_some_and(|w| {
                w.starts_with(|c: char| c.is_uppercase())
                    || [
                        "the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those", "claims",
                    ]
                    .iter()
                    .any(|d| w.eq_ignore_ascii_case(d))
            });
        if !(lw.ends_with("ed") || lw.ends_with("ing") || is_irregular_participle(&lw) || infinitive) {
            return;
        }
        let span = Span::new(h.start, h.end);
        if self.out.markers.iter().rev().take(4).any(|m| m.span.overlaps(span)) {
            return;
        }
        self.out.markers.push(Marker {
            span,
            verdict: crate::model::Verdict::Disputed,
            rule: self.m.unplaced_rule[rule],
        });
    }

    fn cue(&self, si: usize, rule: usize, c0: usize, c1: usize, b: Bounds, first_attr: usize) -> Option<Attribution> {
        self.unplaced.set(false);
        let cue_rule = &self.m.grammar.cues[rule];
        let flags = cue_rule.flags;
        let form = lower(&self.text[self.toks[c0].start as usize..self.toks[c1 - 1].end as usize]);
        let participle = form.ends_with("ed") || is_irregular_participle(&form);
        if flags.speaker && !self.speaker_colon(c0, b) {
            return None;
        }
        // a capitalised cue word inside a sentence is a name ("the State Department", "United States")
        // (in a headline written in title case every word is capitalised: "Glenn Beck Says …")
        if self.is_cap(c0)
            && c0 > b.lo
            && !matches!(self.toks[c0 - 1].kind, TokKind::OpenQuote)
            && !self.is_punct(c0 - 1, ":")
            && !self.title_case(b)
        {
            return None;
        }
        // a cue right after a determiner or possessive is a noun ("the report", "his claim")
        if c0 > b.lo {
            let p = self.word(c0 - 1);
            // ("one in five say": a share, not a determiner)
            let share = c0 >= b.lo + 2 && self.is_quantity(c0 - 1) && self.is(c0 - 2, bit::JOINER);
            // ("2,000 said", "most said": a counted subject before a past-tense verb)
            let counted = (self.toks[c0 - 1].kind == TokKind::Number || self.is(c0 - 1, bit::COUNTED_SUBJECT))
                && (participle || form == "says");
            let noun_before =
                (self.is(c0 - 1, bit::DETERMINER) || self.toks[c0 - 1].kind == TokKind::Number) && !share && !counted
                    || self.is(c0 - 1, bit::POSSESSIVE);
            if !flags.prep && !flags.predicate && noun_before {
                return None;
            }
            // "to" before a cue: an infinitive ("declined to comment"), unless a hedge
            // ("appeared to") or an attempt or aspect verb ("tried to", "went on to") frames it
            if !flags.prep
                && p.eq_ignore_ascii_case("to")
                && !self.hedge_ends_at(c0 - 1)
                && self.frame_before(c0 - 1).is_none()
            {
                return None;
            }
        }
        if c1 == c0 + 1 && self.is(c0, bit::PLURAL_NOUN) && self.plural_noun_reading(c0, b) {
            return None;
        }
        // "lacks support from", "her support for", "60% support:": a bare form that is also a
        // noun, followed by its preposition or by punctuation, is the noun
        if c1 == c0 + 1
            && matches!(
                form.as_ref(),
                "support"
                    | "report"
                    | "claim"
                    | "plan"
                    | "estimate"
                    | "demand"
                    | "pledge"
                    | "promise"
                    | "call"
                    | "praise"
            )
            && (c1 >= b.hi || !self.toks[c1].is_word() || one_of(self.word(c1), &["for", "from", "among", "of", "in"]))
        {
            return None;
        }
        // "sees the plan as a threat": a view needs its "as" (not "saw the crash")
        if flags.as_complement
            && !(c1..(c1 + 10).min(b.hi))
                .take_while(|&k| self.toks[k].is_word())
                .any(|k| self.word_is(k, "as"))
        {
            return None;
        }
        // "his best showing in Ohio", "a strong showing on Tuesday": the noun
        if form == "showing" && (c1 >= b.hi || !self.toks[c1].is_word() || self.is(c1, bit::PREPOSITION)) {
            return None;
        }
        // "a super PAC called Future45", "a band called the Ravens": naming, not labelling
        if flags.object && form == "called" && c0 > b.lo {
            let noun_before = self.toks[c0 - 1].is_word() && !self.is_cap(c0 - 1) && !self.is(c0 - 1, bit::PRONOUN)
                || (self.is_punct(c0 - 1, ",") && c0 > b.lo + 1 && !self.is_cap(c0 - 2));
            let indefinite =
                (c0.saturating_sub(5).max(b.lo)..c0).any(|k| one_of(self.word(k), &["a", "an", "another"]));
            let name_after = c1 < b.hi
                && (self.is_cap(c1)
                    || self.toks[c1].is_quote()
                    || (self.word_is(c1, "the") && c1 + 1 < b.hi && self.is_cap(c1 + 1)));
            if noun_before && indefinite && name_after {
                return None;
            }
        }
        let after = &self.text[self.toks[c1 - 1].end as usize..];
        if self.m.cue_unless_next[rule].starts(after) {
            return None;
        }
        // "asked the moderator to fact-check him": a request, not a question
        if cue_rule.stance == Stance::Question {
            // (the addressee may carry an apposition: "asked NBC's Lester Holt, the
            // moderator, to fact-check him"; a comma right after the cue opens the question)
            for k in c1..(c1 + 25).min(b.hi) {
                let w = lower(self.word(k));
                let relative = matches!(w.as_ref(), "who" | "which" | "when") && k > c1 && self.is_punct(k - 1, ",");
                if matches!(
                    w.as_ref(),
                    "whether" | "if" | "why" | "how" | "what" | "when" | "who" | "about" | ":" | "that"
                ) && !relative
                    || (w == "," && k == c1)
                    || self.toks[k].is_quote()
                {
                    break;
                }
                // "asked to testify", "asking for anonymity": a request
                if w == "to" || (k == c1 && w == "for") {
                    return None;
                }
            }
        }
        // "rejected the motion": an outcome, not an attribution
        if !cue_rule.outcome_objects.is_empty() {
            let mut i = c1;
            while i < b.hi && i < c1 + 6 && self.toks[i].is_word() && !self.word_is(i, "that") {
                let w = lower(self.word(i));
                if cue_rule.outcome_objects.iter().any(|o| *o == w) {
                    return None;
                }
                i += 1;
            }
        }
        // widen the cue over auxiliaries, adverbs, negation and a hedging frame
        let (mut start, mut negated, mut hedged, mut passive, mut aux) = (c0, false, false, false, false);
        loop {
            if start <= b.lo {
                break;
            }
            let w = self.word(start - 1);
            if self.is_punct(start - 1, ",") || self.toks[start - 1].is_quote() {
                break;
            }
            let lw = lower(w);
            if self.is(start - 1, bit::NEGATOR) || w.ends_with("n't") || w.ends_with("n’t") {
                negated = true;
                start -= 1;
            } else if self.is(start - 1, bit::AUXILIARY) {
                aux = true;
                if self.is(start - 1, bit::BE_FORM) && participle && !flags.predicate {
                    passive = true;
                }
                start -= 1;
            } else if self.is(start - 1, bit::CUE_ADVERB)
                || (lw.len() > 4 && lw.ends_with("ly") && !self.is_cap(start - 1))
            {
                start -= 1;
            } else if lw == "to" && self.hedge_ends_at(start - 1) {
                hedged = true;
                aux = true; // an infinitive: no agreement with the subject
                start = self.hedge_start_tok(start - 1);
            } else if lw == "to"
                && let Some((frame, refusal)) = self.frame_before(start - 1)
            {
                negated |= refusal;
                aux = true;
                start = frame;
            } else if self.hedge_covers(start - 1) {
                hedged = true;
                start -= 1;
            } else {
                break;
            }
        }
        if flags.predicate && !aux {
            return None; // "worried" without "be" is the verb's business
        }
        if passive {
            return self.passive(si, rule, start, c1, b, negated);
        }
        self.unplaced.set(!negated);
        // a bare lemma ("say", "signal") needs a plural or first/second-person subject
        let bare = !aux && !flags.predicate && cue_rule.lemmas.iter().any(|l| *l == form);
        // "a creative writing professor": a bare "-ing" form before a lower-case noun
        // modifies it; no holder before it says anything
        let modifier_ing = !aux
            && form.ends_with("ing")
            && c1 < b.hi
            && self.toks[c1].kind == TokKind::Word
            && !self.is_cap(c1)
            && !self.is(
                c1,
                bit::DETERMINER | bit::PRONOUN | bit::PREPOSITION | bit::JOINER | bit::CLAUSE_OPENER | bit::AUXILIARY,
            )
            // and the noun ends the phrase: "writing professor," (not "seeking information about")
            && (c1 + 1 >= b.hi || self.toks[c1 + 1].kind == TokKind::Punct || self.is_cue_word(c1 + 1));
        // "payments promised by the department": a reduced passive; the noun before it holds nothing
        let reduced_passive = !aux && participle && c1 < b.hi && self.word_is(c1, "by");
        for cand in &self.m.constructions_for[rule] {
            if !self.gate_before(cand.before, start, b) || !self.gate_after(cand.after, c1, b) {
                continue;
            }
            let (ci, k) = (cand.construction, cand.cue_at);
            let c = &self.m.grammar.constructions[ci];
            if (modifier_ing || reduced_passive) && c.pattern[..k].iter().any(|e| matches!(e, Element::Source)) {
                continue;
            }
            let Some(p) = self.construction(c, k, cue_rule, &form, start, c1, b, first_attr) else {
                continue;
            };
            // (a study, an audit or an inspection finds things, not places: "the survey found
            // broad support" needs no clause)
            let document_finding = cue_rule.stance == Stance::Confirm
                && p.source.is_some_and(|(s, e)| {
                    // "a survey of riders": the head stands before its prepositional phrase
                    let e = self.head_end(s, e);
                    self.is(self.head_before_phrase(s, e, true).unwrap_or(e - 1), bit::DOCUMENT_NOUN)
                });
            if flags.clausal && !document_finding && !self.clausal_ok(&p, c1, b, flags.predicate) {
                continue;
            }
            if bare
                && !flags.prep
                && let Some((s, e)) = p.source
                && !self.plural_subject(s, e)
            {
                continue;
            }
            let mut p = p;
            self.extend_interrupted_quote(&mut p, start, c1, b);
            let mut source = p.source.map(|(s, e)| self.source(s, e));
            // "Ruiz, who had vowed a veto": the relative pronoun stands for the phrase before it
            if let Some(src) = &mut source
                && let Some((s, e)) = p.source
                && e == s + 1
                && s >= b.lo + 2
                && self.word_is(s, "who")
                && (self.is_punct(s - 1, ",") || self.is_dash(s - 1))
                && let Some((hs, he)) = self.np_simple(s - 1, b)
            {
                let head = self.source(hs, he);
                src.resolved = Some(head.span);
                src.kind = head.kind;
            }
            let mut stance = cue_rule.stance;
            if let Some(src) = &source
                && let Some(r) = self.m.source_rule(src.rule)
                && let Some(st) = r.stance
                && matches!(stance, Stance::Assert | Stance::Believe | Stance::Allege)
            {
                stance = st;
            }
            return Some(Attribution {
                source,
                cue: self.span(start, c1),
                stance,
                cue_rule: cue_rule.meta.name,
                construction: c.meta.name,
                content: p.content,
                negated,
                hedged,
                particle: false,
                learned: None,
            });
        }
        None
    }

    /// Can the element before a cue widened to start at `start` match? (what `back` checks first)
    fn gate_before(&self, gate: Gate, start: usize, b: Bounds) -> bool {
        match gate {
            Gate::Any => true,
            Gate::Word(w) => start > b.lo && (self.word_is(start - 1, w) || (w == "—" && self.is_dash(start - 1))),
            Gate::CloseQuote => {
                let close = |k: usize| self.toks[k].kind == TokKind::CloseQuote;
                start > 0 && (close(start - 1) || (start > 1 && self.is_punct(start - 1, ",") && close(start - 2)))
            }
        }
    }

    /// Can the element after a cue ending before token `c1` match? (what `forward` checks first)
    fn gate_after(&self, gate: Gate, c1: usize, b: Bounds) -> bool {
        match gate {
            Gate::Word(w) => c1 < b.hi && self.word_is(c1, w),
            _ => true,
        }
    }

    /// Is the sentence written in title case, as headlines are ("Senator Says Deal Is
    /// Near")? Then a capital says nothing about names.
    /// A capitalised modal inside a title-case headline ("How Trump Could Win",
    /// "Fed May Raise Rates") is the modal, not a name or the month: not first,
    /// not after a preposition of time ("Set For May"), not before a number ("May 5").
    fn title_case_modal(&self, start: usize, end: usize, b: Bounds) -> bool {
        let (i, j) = (self.tok_at(start), self.tok_at(end));
        if i == b.lo || j >= b.hi || !self.title_case(b) {
            return false;
        }
        let prev = self.word(i - 1);
        let time_word = [
            "in", "on", "for", "since", "until", "by", "last", "next", "early", "late", "mid", "of", "to",
        ]
        .iter()
        .any(|w| prev.eq_ignore_ascii_case(w));
        self.toks[j].kind == TokKind::Word && !time_word && self.toks[i - 1].kind == TokKind::Word
    }

    fn title_case(&self, b: Bounds) -> bool {
        let (mut words, mut caps) = (0, 0);
        for k in b.lo..b.hi {
            if self.toks[k].kind == TokKind::Word && self.word(k).starts_with(char::is_alphabetic) {
                words += 1;
                caps += usize::from(self.is_cap(k));
            }
        }
        words >= 4 && caps * 10 >= words * 8
    }

    /// Is the cue word at `i` (a form like "attacks" or "reports") a plural noun
    /// here? After a possessive or a number ("Trump's attacks", "48 reports"), or
    /// before a preposition, punctuation or an auxiliary ("attacks in Paris",
    /// "contests have"), where the verb would need its object.
    fn plural_noun_reading(&self, i: usize, b: Bounds) -> bool {
        if i > b.lo {
            let p = lower(self.word(i - 1));
            let contraction = matches!(
                p.as_ref(),
                "it's"
                    | "it’s"
                    | "he's"
                    | "he’s"
                    | "she's"
                    | "she’s"
                    | "that's"
                    | "that’s"
                    | "what's"
                    | "what’s"
                    | "who's"
                    | "who’s"
                    | "there's"
                    | "there’s"
            );
            let possessive = self.toks[i - 1].kind == TokKind::Word
                && !contraction
                && (p.ends_with("'s") || p.ends_with("’s") || p.ends_with("s'") || p.ends_with("s’"));
            if possessive || self.toks[i - 1].kind == TokKind::Number {
                return true;
            }
        }
        if i + 1 >= b.hi {
            return true; // nothing after it: no object for a verb
        }
        let n = i + 1;
        let next = lower(self.word(n));
        (self.toks[n].kind == TokKind::Punct && !matches!(next.as_ref(), ":" | "—" | "–" | "-"))
            || matches!(
                next.as_ref(),
                "in" | "on"
                    | "of"
                    | "from"
                    | "against"
                    | "like"
                    | "by"
                    | "at"
                    | "during"
                    | "over"
                    | "after"
                    | "were"
                    | "are"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "could"
                    | "can"
                    | "may"
                    | "might"
                    | "should"
            )
    }

    /// Is the colon at `colon` a speaker's ("Sanders: Endorsements prove nothing.",
    /// "Q: How did it go?")? A short capitalised name opens the paragraph and a
    /// clause follows: a quote, or a verb we can see (an auxiliary, a negation, a
    /// past form). "Tren de Aragua: a gang's rise", a topic and its subtitle, is not.
    fn speaker_colon(&self, colon: usize, b: Bounds) -> bool {
        let para = self.paragraph_of(self.toks[b.lo].start as usize);
        let opens_paragraph = self
            .seg
            .paragraphs
            .get(para)
            .is_some_and(|p| p.span.start == self.toks[b.lo].start as usize);
        let name = b.lo..colon;
        if !opens_paragraph || name.is_empty() || name.len() > 5 || !self.is_cap(b.lo) {
            return false;
        }
        // a name: capitalised words, possessives, "of" ("Secretary of State Kerry"); a
        // preposition makes a phrase, not a name ("Stealth Over Health: …")
        let name_word = |k: usize| {
            let w = lower(self.word(k));
            self.toks[k].is_word()
                && (!self.is_cue_word(k) || self.is_cap(k))
                && (w == "of" || !self.is(k, bit::PREPOSITION))
                && (self.is_cap(k) || self.is(k, bit::JOINER) || w.ends_with("s'") || w.ends_with("s’"))
        };
        if !name.clone().all(name_word) {
            return false;
        }
        // "Q:" marks an interviewer's turn in a transcript: whatever follows is speech
        // ("A:" reads as the article "a", so answers are left to their own cues)
        if name.len() == 1 && self.word(b.lo) == "Q" {
            return true;
        }
        let rest = colon + 1..b.hi;
        let words = rest.clone().filter(|&k| self.toks[k].is_word()).count();
        // "Poll: …", "Officials: …": a headline crediting a document or a group
        let credit = name.len() == 1 && self.is(b.lo, bit::DOCUMENT_NOUN | bit::GROUP_NOUN);
        words >= 3
            && (credit
                || rest.into_iter().any(|k| {
                    let w = lower(self.word(k));
                    // a quote, a verb we can see, or the speaker's own voice ("Clinton: I support …")
                    self.toks[k].is_quote()
                        || self.is(k, bit::AUXILIARY | bit::NEGATOR)
                        || matches!(
                            w.as_ref(),
                            "i" | "we" | "my" | "our" | "me" | "us" | "i'm" | "i’m" | "we're" | "we’re"
                        )
                        || w.ends_with("n't")
                        || w.ends_with("n’t")
                        || (w.len() > 4 && w.ends_with("ed"))
                }))
    }

    /// “We will win,” she said. “And soon.” — a quote interrupted by its
    /// attribution goes on after it: the second part is content too.
    fn extend_interrupted_quote(&self, p: &mut Partial, start: usize, c1: usize, b: Bounds) {
        let Some(first) = p.content.first().copied() else {
            return;
        };
        let cue_start = self.toks[start].start as usize;
        let ends_in_quote = first.end <= cue_start && self.toks[self.tok_at(first.end - 1)].kind == TokKind::CloseQuote;
        if !ends_in_quote {
            return;
        }
        let para = self.paragraph_of(cue_start);
        let limit = (b.hi + 1).min(self.toks.len());
        let mut k = c1;
        while k < limit {
            let t = self.toks[k];
            if t.kind == TokKind::OpenQuote {
                if self.paragraph_of(t.start as usize) != para {
                    return;
                }
                if let Some(q) = self.quotes.opening_at(k) {
                    p.content.push(self.quotes.content_span(q));
                }
                return;
            }
            if !(t.is_word() || matches!(self.word(k), "," | "." | ";")) || self.word_is(k, "that") {
                return;
            }
            k += 1;
        }
    }

    /// A clausal cue's content is a that-clause, a quote, a colon's or question's
    /// complement, or stands before the cue.
    fn clausal_ok(&self, p: &Partial, c1: usize, b: Bounds, predicate: bool) -> bool {
        let Some(first) = p.content.first() else { return false };
        let cue_end = self.toks[c1 - 1].end as usize;
        if first.end <= cue_end {
            return true; // content before the cue: "…, she added."
        }
        let i = self.tok_at(first.start);
        if i >= self.toks.len() || i > b.hi {
            return false;
        }
        // what stands between the cue and its content, and the content's first word
        let between = &self.text[cue_end..first.start];
        let w = lower(self.word(i));
        // (a comma sets the content off as a clause of its own: "As Comey noted, people …")
        between.contains(':')
            || between.contains(',')
            || (c1..=i).any(|k| self.toks[k].kind == TokKind::OpenQuote)
            || matches!(
                w.as_ref(),
                "that" | "whether" | "how" | "why" | "what" | "if" | "when" | "who"
            )
            || (predicate && w == "about")
            // "agreed with the landlord that …": a construction took the "that"
            || (i > c1 && self.word_is(i - 1, "that"))
            || self.bare_clause(i, b)
    }

    /// Does a clause without "that" start at token `i`: a short subject, then a verb
    /// ("noted the department returned the weapon", "added prices will rise")?
    fn bare_clause(&self, i: usize, b: Bounds) -> bool {
        for k in i + 1..(i + 7).min(b.hi) {
            let t = self.toks[k];
            if !t.is_word() || self.is(k, bit::CLAUSE_OPENER) || one_of(self.word(k), &["who", "whom"]) {
                return false;
            }
            if self.is(k, bit::AUXILIARY) && !self.is(k - 1, bit::AUXILIARY) {
                return true;
            }
            let w = self.word(k);
            if !self.is_cap(k) && w.len() > 4 && w.ends_with("ed") && !self.is(k - 1, bit::DETERMINER) {
                return true;
            }
        }
        false
    }

    /// The end of the holder [s, e) before its relative clause ("officials | who …").
    fn head_end(&self, s: usize, e: usize) -> usize {
        (s + 1..e)
            .find(|&k| one_of(self.word(k), &["who", "whose"]))
            .unwrap_or(e)
    }

    /// Is the phrase [s, e) a plural or first/second-person subject?
    fn plural_subject(&self, s: usize, e: usize) -> bool {
        // "executives who have worked with him": the head stands before the relative clause
        let e = self.head_end(s, e);
        let head = lower(self.word(e - 1));
        if e - s == 1 && matches!(head.as_ref(), "i" | "we" | "you" | "they" | "who") {
            return true;
        }
        // a share of a group: "61 percent say", "three-fourths say", "4 in 10 say"
        if head == "%" || (self.is_quantity(e - 1) && head != "one") {
            return true;
        }
        if (s..e).any(|i| self.word_is(i, "and")) {
            return true;
        }
        // "polls in New Hampshire show", "members of the board say": the head stands before
        // its prepositional phrase
        if let Some(h) = self.head_before_phrase(s, e, false)
            && !one_of(self.word(s), &["this", "that", "a", "an", "each", "every", "it"])
            && plural_form(&lower(self.word(h)))
        {
            return true;
        }
        plural_form(&head)
            || self.is(e - 1, bit::GROUP_NOUN) && !matches!(head.as_ref(), "someone" | "somebody" | "anyone" | "one")
            || matches!(
                head.as_ref(),
                "people"
                    | "data"
                    | "police"
                    | "staff"
                    | "media"
                    | "public"
                    | "government"
                    | "administration"
                    | "campaign"
                    | "committee"
            )
    }

    /// "It was reported that ..." (no holder) or "... was criticised by X".
    fn passive(
        &self,
        _si: usize,
        rule: usize,
        start: usize,
        c1: usize,
        b: Bounds,
        negated: bool,
    ) -> Option<Attribution> {
        let cue_rule = &self.m.grammar.cues[rule];
        let mk = |source: Option<Source>, content: Vec<Span>, construction: &'static str| Attribution {
            source,
            cue: self.span(start, c1),
            stance: cue_rule.stance,
            cue_rule: cue_rule.meta.name,
            construction,
            content,
            negated,
            hedged: false,
            particle: false,
            learned: None,
        };
        // impersonal: "It is believed that CONTENT"
        if start > b.lo && self.word_is(start - 1, "it") && c1 < b.hi && self.word_is(c1, "that") {
            let content = self.content_forward(c1, b)?;
            return Some(mk(None, content, "impersonal-passive"));
        }
        // agentive: "CONTENT was denied by SOURCE"
        if c1 < b.hi && self.word_is(c1, "by") {
            let (s, e) = self.np_forward(c1 + 1, b, false)?;
            let (cs, _) = self.np_back(start, b)?;
            let source = Some(self.source(s, e));
            return Some(mk(source, vec![self.span(cs, start)], "passive-by"));
        }
        // agentless: "the plan was widely condemned", "he is accused of fraud": the critic or
        // the accuser is hidden. (A denial without its agent is usually an outcome: "bail was
        // denied".)
        if matches!(cue_rule.stance, Stance::Criticise | Stance::Allege)
            && let Some((cs, _)) = self.np_back(start, b)
        {
            return Some(mk(None, vec![self.span(cs, start)], "agentless-passive"));
        }
        None
    }

    /// An attempt, aspect or refusal verb ending right before the "to" at token
    /// `to` ("tried to", "has begun to", "refused to"): its first token, and
    /// whether it is a refusal.
    fn frame_before(&self, to: usize) -> Option<(usize, bool)> {
        let before = self.text[..self.toks[to].start as usize].trim_end();
        let lists = [(&self.m.cue_frames, false), (&self.m.refusal_frames, true)];
        for (frames, refusal) in lists {
            for f in frames.iter() {
                let Some(at) = before
                    .len()
                    .checked_sub(f.len())
                    .filter(|&at| before.is_char_boundary(at))
                else {
                    continue;
                };
                let same = before[at..].eq_ignore_ascii_case(f);
                if same && before[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric()) {
                    return Some((self.tok_at(at), refusal));
                }
            }
        }
        None
    }

    fn hedge_ends_at(&self, tok: usize) -> bool {
        let end = self.toks[tok].end as usize;
        self.out.hedges.iter().any(|h| h.span.end == end)
    }

    fn hedge_start_tok(&self, tok: usize) -> usize {
        let end = self.toks[tok].end as usize;
        self.out
            .hedges
            .iter()
            .find(|h| h.span.end == end)
            .map_or(tok, |h| self.tok_at(h.span.start))
    }

    fn hedge_covers_any(&self, tok: usize) -> bool {
        let s = self.toks[tok].span();
        self.out.hedges.iter().rev().take(8).any(|h| h.span.contains(s))
    }

    fn hedge_covers(&self, tok: usize) -> bool {
        let s = self.toks[tok].span();
        self.out
            .hedges
            .iter()
            .rev()
            .take(8)
            .any(|h| h.span.contains(s) && h.kind == HedgeKind::Modal)
    }

    /// Try one construction around the cue at tokens [start, c1); the cue is
    /// element `k` of its pattern.
    #[allow(clippy::too_many_arguments)]
    fn construction(
        &self,
        c: &Construction,
        k: usize,
        cue_rule: &crate::grammar::CueRule,
        form: &str,
        start: usize,
        c1: usize,
        b: Bounds,
        first_attr: usize,
    ) -> Option<Partial> {
        // (the cue rule's flags and stance were checked once, in `Matcher::constructions_for`)
        if let Element::Cue(Some(filter)) = &c.pattern[k]
            && !filter.accepts_form(form)
        {
            return None;
        }
        let mut p = Partial {
            prep: cue_rule.flags.prep,
            ..Partial::default()
        };
        // before the cue, right to left
        let mut pos = start;
        for e in c.pattern[..k].iter().rev() {
            pos = self.back(e, pos, b, &mut p, first_attr)?;
        }
        // after the cue, left to right
        let mut pos = c1;
        let mut saw_colon = false;
        for (n, e) in c.pattern[k + 1..].iter().enumerate() {
            if let Element::Literal { text, .. } = e {
                saw_colon |= text == ":";
            }
            pos = self.forward(e, pos, b, &mut p, saw_colon, n == 0)?;
        }
        if p.content.is_empty() {
            return None;
        }
        if p.source.is_none() && p.subject {
            p.source = self.subject(b, first_attr, start);
            p.source?;
        }
        Some(p)
    }

    fn back(&self, e: &Element, pos: usize, b: Bounds, p: &mut Partial, _first_attr: usize) -> Option<usize> {
        match e {
            Element::Start => {
                // the sentence may open with a bracket, a quote mark, a conjunction or a
                // short adverbial set off by a comma: "But according to …", "Now, according to …"
                let lead_in = (b.lo..pos).all(|k| {
                    let w = lower(self.word(k));
                    matches!(self.toks[k].kind, TokKind::OpenQuote)
                        || matches!(
                            w.as_ref(),
                            "(" | "["
                                | ","
                                | "but"
                                | "and"
                                | "yet"
                                | "so"
                                | "now"
                                | "still"
                                | "however"
                                | "meanwhile"
                                | "indeed"
                        )
                        || (w.ends_with("ly") && k + 1 < pos && self.is_punct(k + 1, ","))
                });
                (pos == b.lo || (pos - b.lo <= 3 && lead_in)).then_some(pos)
            }
            Element::End => None,
            Element::Subject => {
                p.subject = true;
                Some(pos)
            }
            Element::Literal { text, optional } => {
                // a dash in a pattern stands for any dash: "—", "–", "--", a spaced "-"
                let dash = text == "—" && pos > b.lo && self.is_dash(pos - 1);
                if dash || pos > b.lo && self.word_is(pos - 1, text) {
                    Some(pos - 1)
                } else if *optional {
                    Some(pos)
                } else {
                    None
                }
            }
            Element::Source | Element::Audience => {
                let (s, e) = self.np_back(pos, b)?;
                p.source = Some((s, e));
                Some(s)
            }
            Element::Quote => {
                // “Is that all?” Trump said. — the quote may close the sentence before
                let closes_before = pos == b.lo
                    && pos > 0
                    && self.toks[pos - 1].kind == TokKind::CloseQuote
                    && self.paragraph_of(self.toks[pos - 1].start as usize)
                        == self.paragraph_of(self.toks[pos].start as usize);
                if !closes_before && (pos <= b.lo || self.toks[pos - 1].kind != TokKind::CloseQuote) {
                    return None;
                }
                let q = self.quotes.closing_at(pos - 1)?;
                p.content.insert(0, self.quotes.content_span(q));
                Some(b.lo.min(self.quotes.open_tok(q)))
            }
            Element::Content => {
                if pos <= b.lo {
                    return None;
                }
                let mut s = b.lo;
                // the sentence may continue a quote that opened in an earlier sentence
                if let Some(q) = self.quotes.region_of(b.lo) {
                    s = self.quotes.open_tok(q).min(s);
                }
                if pos - b.lo < 1 {
                    return None;
                }
                p.content.insert(0, self.span(s, pos));
                Some(b.lo)
            }
            Element::Cue(_) => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn forward(
        &self,
        e: &Element,
        pos: usize,
        b: Bounds,
        p: &mut Partial,
        after_colon: bool,
        after_cue: bool,
    ) -> Option<usize> {
        match e {
            Element::End => {
                let i = self.skip_adverbials(pos, b);
                if i >= b.hi {
                    return Some(i);
                }
                let t = self.toks[i];
                match t.kind {
                    TokKind::Punct | TokKind::CloseQuote | TokKind::OpenQuote => Some(i),
                    _ => {
                        let w = lower(self.word(i));
                        matches!(w.as_ref(), "and" | "but" | "as" | "because" | "while" | "when").then_some(i)
                    }
                }
            }
            Element::Start => None,
            Element::Subject => {
                p.subject = true;
                Some(pos)
            }
            Element::Literal { text, optional } => {
                // "… the mayor said on Monday, will open": a comma after the cue may follow its adverbials
                let at = if after_cue && text == "," {
                    self.skip_adverbials(pos, b)
                } else {
                    pos
                };
                if at < b.hi && self.word_is(at, text) {
                    Some(at + 1)
                } else if *optional {
                    Some(pos)
                } else {
                    None
                }
            }
            Element::Source => {
                let (s, mut e) = if p.prep {
                    // "…, according to Craig Bryan, head of the centre, and other scientists."
                    self.np_to_comma(pos, b, !p.content.is_empty())?
                } else {
                    self.np_forward(pos, b, false)?
                };
                if !p.prep && !self.holder_shaped(s, e) {
                    return None; // "said parents want …", "said Tuesday", "told me"
                }
                // a post-posed holder keeps its relative clause: "said an official who was not
                // authorised to speak publicly."
                if !p.prep && e < b.hi && (self.word_is(e, "who") || self.word_is(e, "whose")) {
                    let mut k = e + 1;
                    while k < b.hi && k - e < 24 && self.toks[k].is_word() {
                        k += 1;
                    }
                    if k > e + 1 && (k >= b.hi || self.toks[k].kind == TokKind::Punct) {
                        e = k;
                    }
                }
                // a post-posed holder keeps its apposition: "said Jo Park, a lawyer for the city."
                if !p.prep && e + 2 < b.hi && self.is_punct(e, ",") {
                    let mut k = e + 1;
                    while k < b.hi
                        && self.toks[k].is_word()
                        && k - e < 24
                        && !self.word_is(k, "that")
                        && (!self.is_cue_word(k) || self.is_cap(k))
                    {
                        k += 1;
                    }
                    let ends = k >= b.hi
                        || (self.toks[k].kind == TokKind::Punct && matches!(self.word(k), "." | "!" | "?" | ";"));
                    let w1 = lower(self.word(e + 1));
                    // (an auxiliary after the comma goes on with the sentence: "The hall, said
                    // Ortega, is the biggest project")
                    let det = !w1.ends_with("ing")
                        && !matches!(w1.as_ref(), "and" | "but" | "as" | "while" | "according")
                        && !self.is(e + 1, bit::AUXILIARY);
                    if ends && det && k > e + 2 {
                        e = k;
                    }
                }
                p.source = Some((s, e));
                Some(e)
            }
            Element::Audience => {
                let (_, e) = self.np_forward(pos, b, true)?;
                // skip a time adverbial between the audience and the content
                let mut i = e;
                while i < b.hi {
                    if let Some(n) = self.time_words_at(i, b.hi) {
                        i += n;
                    } else {
                        break;
                    }
                }
                Some(i)
            }
            Element::Quote => {
                if pos >= b.hi || self.toks[pos].kind != TokKind::OpenQuote {
                    return None;
                }
                let q = self.quotes.opening_at(pos)?;
                p.content.push(self.quotes.content_span(q));
                Some(b.hi.max(self.quotes.close_tok(q) + 1))
            }
            Element::Content => {
                if pos >= b.hi && after_colon {
                    // "The Times reports:" with the content in the next paragraph
                    let c = self.content_after_colon(b)?;
                    p.content.push(c);
                    return Some(b.hi);
                }
                if !p.content.is_empty() && pos < b.hi {
                    // the second half of a content split by its attribution goes on with the
                    // same clause; "…, he said, citing …" and "…, she said, and …" start new ones
                    let w = lower(self.word(pos));
                    if w.ends_with("ing")
                        || matches!(
                            w.as_ref(),
                            "and"
                                | "but"
                                | "or"
                                | "while"
                                | "as"
                                | "who"
                                | "which"
                                | "because"
                                | "although"
                                | "though"
                                | "when"
                                | "after"
                                | "before"
                                | "so"
                                | "since"
                                | "if"
                        )
                    {
                        return None;
                    }
                }
                let c = self.content_forward(pos, b)?;
                p.content.extend(c);
                Some(b.hi)
            }
            Element::Cue(_) => None,
        }
    }

    /// Past the time words and trailing prepositional phrases after a cue:
    /// "… said in a statement on Tuesday".
    fn skip_adverbials(&self, pos: usize, b: Bounds) -> usize {
        let mut i = pos;
        while i < b.hi {
            if let Some(n) = self.time_words_at(i, b.hi) {
                i += n;
                continue;
            }
            let w = self.word(i);
            if one_of(
                w,
                &[
                    "on",
                    "in",
                    "at",
                    "during",
                    "via",
                    "through",
                    "after",
                    "before",
                    "late",
                    "early",
                    "outside",
                    "inside",
                    "near",
                    "from",
                    "following",
                    "ahead",
                ],
            ) {
                // a trailing prepositional phrase: "... said in a statement on Tuesday."
                let mut j = i + 1;
                while j < b.hi && self.toks[j].is_word() && !self.word_is(j, "that") {
                    j += 1;
                }
                i = j;
                continue;
            }
            break;
        }
        i
    }

    /// The content after a cue: a quote, a that-clause, or the rest of the sentence.
    fn content_forward(&self, pos: usize, b: Bounds) -> Option<Vec<Span>> {
        let mut i = pos;
        while i < b.hi
            && (self.is_punct(i, ",") || self.is_punct(i, ":") || self.is_punct(i, "—") || self.is_punct(i, "-"))
        {
            i += 1;
        }
        while i < b.hi {
            match self.time_words_at(i, b.hi) {
                Some(n) => i += n,
                None => break,
            }
        }
        // "said after the hearing that …": past the adverbials to "that"
        let j = self.skip_adverbials(i, b);
        if j > i
            && j < b.hi
            && self.word_is(j, "that")
            // (no verb among them: "at a news conference announcing that" is another attribution;
            // "the hearing", "a briefing" are nouns)
            && (i..j).all(|k| {
                !self.is_cue_word(k) && (!self.word(k).ends_with("ing") || (k > 0 && self.is(k - 1, bit::DETERMINER)))
            })
        {
            i = j;
        }
        // "says at a campaign stop in Ohio, that ...": the content starts at "that"
        let look = (i + 14).min(b.hi);
        for j in i + 1..look {
            if self.word_is(j, "that")
                && (self.is_punct(j - 1, ",") || self.time_words_before(i, j).is_some())
                && (i..j).all(|k| !self.toks[k].is_quote())
            {
                i = j;
                break;
            }
        }
        while i < b.hi && (self.is_punct(i, ",") || self.is_punct(i, ":")) {
            i += 1;
        }
        // "scolded him: “…”": a short object, a colon, then the quote
        if let Some(k) = (i..(i + 4).min(b.hi)).find(|&k| self.is_punct(k, ":"))
            && k + 1 < b.hi
            && self.toks[k + 1].kind == TokKind::OpenQuote
        {
            i = k + 1;
        }
        if i >= b.hi {
            return None;
        }
        let mut end = b.hi;
        // a coordinated second clause or an aside ends the content: "… and called for tariffs", "… — a metaphor"
        // (the first such token is looked up, not scanned for: a sentence of
        // thousands of chained cues would rescan its tail for each)
        if self.toks[i].kind != TokKind::OpenQuote
            && let Some(&k) = self.content_stops().get(i + 2)
            && (k as usize) + 1 < b.hi
        {
            end = k as usize;
        }
        // a quote that starts here and runs past the sentence end carries the content with it
        if let Some(q) = self.quotes.region_of(end - 1).or_else(|| self.quotes.region_of(i)) {
            end = end.max(self.quotes.close_tok(q) + 1);
        }
        if self.toks[i].kind == TokKind::OpenQuote
            && let Some(q) = self.quotes.opening_at(i)
        {
            let qs = self.quotes.content_span(q);
            let qend = self.quotes.close_tok(q) + 1;
            // only the quote when nothing but punctuation, or a trailing "she said", follows it
            let rest_words = || (qend..b.hi).filter(|&k| self.toks[k].is_word());
            let words = rest_words().count();
            let trailing_attribution = words <= 5 && rest_words().any(|k| self.is_cue_word(k));
            if words == 0 || trailing_attribution {
                return Some(vec![qs]);
            }
        }
        let s = self.span(i, end);
        (s.len() > 1).then(|| vec![s])
    }

    fn content_after_colon(&self, b: Bounds) -> Option<Span> {
        let i = b.hi;
        if i >= self.toks.len() {
            return None;
        }
        if self.toks[i].kind == TokKind::OpenQuote
            && let Some(q) = self.quotes.opening_at(i)
        {
            return Some(self.quotes.content_span(q));
        }
        // otherwise the next sentence
        let next = self
            .seg
            .sentences
            .iter()
            .find(|s| s.span.start >= self.toks[i].start as usize)?;
        Some(next.span)
    }

    /// The holder of the clause a continuing cue belongs to.
    fn subject(&self, b: Bounds, first_attr: usize, before: usize) -> Option<(usize, usize)> {
        if let Some(a) = self.out.attributions[first_attr..].last()
            && let Some(s) = &a.source
        {
            let s0 = self.tok_at(s.span.start);
            let s1 = self.tok_at(s.span.end - 1) + 1;
            return Some((s0, s1));
        }
        // the sentence's own subject: a noun phrase at its start followed by a verb
        let (s, e) = self.np_forward(b.lo, Bounds { lo: b.lo, hi: before }, false)?;
        (s == b.lo && e < before).then_some((s, e))
    }

    // ---------- noun phrases ----------

    /// The first token of a listed holder phrase ("a senior official") that
    /// ends with token `end_tok`, if any.
    fn is_source_hit_ending(&self, end_tok: usize) -> Option<usize> {
        let s = self.source_from[end_tok];
        (s != u32::MAX).then_some(s as usize)
    }

    /// A holder ending just before `pos`, scanning backwards, with an
    /// apposition or a relative clause set off by commas: "A lawyer for the
    /// outlets, David Schulz, said", "Clinton, who spoke in Ohio, said".
    fn np_back(&self, pos: usize, b: Bounds) -> Option<(usize, usize)> {
        // several constructions ask for the holder before the same cue: remember the last answer
        let key = (pos, b.lo, b.hi);
        if let Some((k, np)) = self.np_back_memo.get()
            && k == key
        {
            return np;
        }
        let np = self.np_back_uncached(pos, b);
        self.np_back_memo.set(Some((key, np)));
        np
    }

    fn np_back_uncached(&self, pos: usize, b: Bounds) -> Option<(usize, usize)> {
        if pos >= b.lo + 3 && self.is_punct(pos - 1, ",") {
            return self.np_back_set_off(pos - 1, b);
        }
        // "Mayor Ana Ruiz — who had vowed a veto — said": the holder stands before an aside set off by dashes
        if pos >= b.lo + 4 && self.is_dash(pos - 1) {
            let mut k = pos - 1;
            while k > b.lo + 1 && pos - k < 40 {
                k -= 1;
                if matches!(self.word(k), "." | ";" | ":" | "!" | "?") && !self.quotes.inside(k) {
                    return None;
                }
                if self.is_dash(k) && !self.quotes.inside(k) {
                    return self.np_simple(k, b);
                }
            }
            return None;
        }
        // "a White House official who spoke anonymously said", "officials whose
        // offices were searched say": the holder with its relative clause
        let simple = self.np_simple(pos, b).map(|np| self.with_participle_phrase(np, b));
        let mut k = pos;
        while k > b.lo + 1 && pos - k < 24 {
            k -= 1;
            if !self.toks[k].is_word() || (self.is_cue_word(k) && !self.is_cap(k)) {
                break;
            }
            let w = self.word(k);
            if !one_of(w, &["who", "whose"]) || k + 1 >= pos {
                continue;
            }
            // "the man who Trump said was …": an object relative; the holder follows "who"
            if w.eq_ignore_ascii_case("who")
                && let Some((s, _)) = simple
                && s == k + 1
            {
                return simple;
            }
            // "who" speaks of a person or a group: any noun phrase before it heads the holder
            if let Some((hs, _)) = self.np_simple(k, b) {
                return Some((hs, pos));
            }
            break;
        }
        simple
    }

    /// "A survey of 1,200 riders released on Wednesday by the authority found": a holder
    /// ending in a "by" phrase belongs to the noun the participle before it describes.
    fn with_participle_phrase(&self, np: (usize, usize), b: Bounds) -> (usize, usize) {
        let (s, e) = np;
        if s < b.lo + 3 || !self.word_is(s - 1, "by") {
            return np;
        }
        for k in (s.saturating_sub(8).max(b.lo + 1)..s - 1).rev() {
            if !self.toks[k].is_word() {
                break;
            }
            let w = lower(self.word(k));
            let participle = !self.is_cap(k)
                && (w.ends_with("ed") || matches!(w.as_ref(), "done" | "written" | "taken" | "drawn" | "made"));
            if participle {
                return match self.np_simple(k, b) {
                    Some((ns, _)) if !self.is(ns, bit::PRONOUN) => (ns, e),
                    _ => np,
                };
            }
        }
        np
    }

    /// A holder followed by a stretch set off by commas, ending at the comma
    /// `close`: an apposition ("Tad Devine, a senior adviser,") or a relative
    /// clause ("Sweeney, who also serves …,") belongs to the holder; a
    /// parenthetical ("experts, however,", "McKeague, writing for the
    /// majority,") does not.
    fn np_back_set_off(&self, close: usize, b: Bounds) -> Option<(usize, usize)> {
        // a relative clause may hold commas of its own: look for ", who|which|whose"
        let mut k = close;
        while k > b.lo + 1 && close - k < 30 {
            k -= 1;
            if self.toks[k].is_quote() {
                break;
            }
            if one_of(self.word(k), &["who", "whose", "which"]) && self.is_punct(k - 1, ",") {
                let (hs, _) = self.np_simple(k - 1, b)?;
                return Some((hs, close));
            }
        }
        // otherwise the stretch since the previous comma
        let mut open = close;
        let mut depth = 0i32;
        while open > b.lo && close - open < 28 {
            let w = self.word(open - 1);
            if depth == 0 && w == "," {
                break;
            }
            match w {
                ")" => depth += 1,
                "(" => depth -= 1,
                _ => {}
            }
            if self.toks[open - 1].is_quote() || matches!(w, "." | ";" | ":" | "!" | "?") {
                return None;
            }
            open -= 1;
        }
        if open == b.lo && close > open {
            // "Sen. Jack Reed (D-R.I.), said": a holder set off by a lone comma at the sentence start
            let (hs, he) = self.np_simple(close, b)?;
            return (hs == b.lo).then_some((hs, he));
        }
        if open <= b.lo + 1 || !self.is_punct(open - 1, ",") || open == close {
            return None;
        }
        let first = lower(self.word(open));
        let Some((hs, he)) = self
            .np_simple(open - 1, b)
            .map(|(hs, he)| (self.before_set_off_tags(hs, b), he))
        else {
            // "…, after winning Ohio, Gov. John Kasich (R-OH), said": the stretch is the holder
            return (self.is_cap(open) && self.np_simple(close, b) == Some((open, close))).then_some((open, close));
        };
        let parenthetical = matches!(
            first.as_ref(),
            "however"
                | "too"
                | "meanwhile"
                | "though"
                | "also"
                | "for"
                | "in"
                | "at"
                | "on"
                | "by"
                | "like"
                | "then"
                | "now"
                | "instead"
                | "still"
        ) || first.ends_with("ing")
            || first.ends_with("ly");
        if parenthetical {
            return Some((hs, he));
        }
        // an apposition: a short stretch of words with no cue and no clause opener
        let words_only = (open..close).all(|k| self.toks[k].is_word() || matches!(self.word(k), "(" | ")" | "-"));
        // a cue word may describe the holder inside a relative clause or as a modifier
        // ("a lawyer who advised the campaign", "a creative writing professor"), but a
        // verb of its own makes the stretch a clause ("…, Ellery announced Monday, citing")
        let mut no_cue = true;
        for k in open..close {
            if one_of(self.word(k), &["who", "whose", "that", "which"]) {
                break;
            }
            if self.is_cue_word(k) && !self.is_cap(k) && !(k > open && lower(self.word(k)).ends_with("ing")) {
                no_cue = false;
                break;
            }
        }
        if !(words_only && no_cue && close - open <= 24 && !self.is(open, bit::CLAUSE_OPENER)) {
            return None;
        }
        Some((hs, close))
    }

    /// "Roxana Leon, 63, a voter, said", "Sen. Marco Rubio, R-Fla., said": an age or a
    /// party-and-state tag set off by commas belongs to the name before it. Returns the
    /// start of the name, or `hs` when no such tag starts there.
    fn before_set_off_tags(&self, hs: usize, b: Bounds) -> usize {
        let mut hs = hs;
        loop {
            // (compared as bytes: a word's second byte may fall inside a letter, as in "Zürich")
            let w = self.toks[hs].bytes(self.text);
            let tag = self.toks[hs].kind == TokKind::Number
                || (w.len() >= 3 && matches!(&w[..2], b"R-" | b"D-" | b"I-") && w[2].is_ascii_uppercase());
            if !(tag && hs >= b.lo + 2 && self.is_punct(hs - 1, ",")) {
                return hs;
            }
            match self.np_simple(hs - 1, b) {
                Some((s, _)) if self.is_cap(hs - 2) => hs = s,
                _ => return hs,
            }
        }
    }

    /// A noun phrase ending just before `pos`, scanning backwards.
    fn np_simple(&self, pos: usize, b: Bounds) -> Option<(usize, usize)> {
        if pos <= b.lo {
            return None;
        }
        // "Sen. Rob Portman (R-Ohio)": step over a short bracketed tag
        if self.is_punct(pos - 1, ")") {
            let mut k = pos - 1;
            while k > b.lo && pos - k < 8 && !self.is_punct(k, "(") {
                k -= 1;
            }
            if self.is_punct(k, "(") && k > b.lo {
                let (s, _) = self.np_simple(k, b)?;
                return Some((s, pos));
            }
            return None;
        }
        let last = pos - 1;
        // "47% say": a percentage heads the phrase
        if self.is_punct(last, "%") && last > b.lo && self.toks[last - 1].kind == TokKind::Number {
            let (s, _) = self.np_simple(last, b)?;
            return Some((s, pos));
        }
        if !self.toks[last].is_word() {
            return None;
        }
        if self.is(last, bit::PRONOUN) {
            return Some((last, pos));
        }
        // a number word closing a share ("one in five") is a head, not a determiner
        let share = self.is_quantity(last) && last > b.lo && self.is(last - 1, bit::JOINER);
        // ("another says", "neither would say": a determiner standing for a noun said before)
        let elliptical = one_of(self.word(last), &["another", "neither", "each", "both", "one"]);
        if (self.is(last, bit::DETERMINER) && !share && !elliptical)
            || self.is(last, bit::JOINER)
            || self.is(last, bit::PREPOSITION)
            || self.is(last, bit::CLAUSE_OPENER)
            || self.is(last, bit::AUXILIARY)
            || self.is(last, bit::NEGATOR)
        {
            return None;
        }
        let mut s = last;
        let mut counted = false; // opened by "at least", "more than": keep the opening word
        if let Some(h) = self.is_source_hit_ending(last)
            && h >= b.lo
        {
            s = h;
        }
        // walk left over the phrase
        while s > b.lo && pos - s < MAX_NP {
            let i = s - 1;
            let t = self.toks[i];
            if !t.is_word() {
                break;
            }
            let w = self.word(i);
            // "at least 2,000", "more than half", "nearly three in five": a counted holder
            if self.is_quantity(s) {
                let pair = i > b.lo && {
                    let prev = self.word(i - 1);
                    (prev.eq_ignore_ascii_case("at") && w.eq_ignore_ascii_case("least"))
                        || (one_of(prev, &["more", "fewer", "less"]) && w.eq_ignore_ascii_case("than"))
                };
                if pair {
                    s = i - 1;
                    counted = true;
                    break;
                }
                if one_of(
                    w,
                    &[
                        "nearly",
                        "almost",
                        "roughly",
                        "about",
                        "approximately",
                        "just",
                        "only",
                        "over",
                        "some",
                    ],
                ) {
                    s = i;
                    break;
                }
            }
            if self.is(i, bit::DETERMINER) {
                // a determiner opens the phrase unless a joiner precedes it ("chief of the")
                if i > b.lo && self.is(i - 1, bit::JOINER) && !self.word_is(i - 1, "and") {
                    s = i - 1;
                    continue;
                }
                s = i;
                break;
            }
            if w.eq_ignore_ascii_case("and") {
                // "Smith and Jones", "experts and critics": join two holders
                let left_ok =
                    i > b.lo && (self.is_cap(i - 1) || self.is(i - 1, bit::GROUP_NOUN) || self.is(i - 1, bit::PRONOUN));
                let right_ok = self.is_cap(s) || self.is(s, bit::GROUP_NOUN);
                if left_ok && right_ok {
                    s = i;
                    continue;
                }
                break;
            }
            if self.is(i, bit::JOINER) {
                if i == b.lo {
                    break;
                }
                let prev = self.word(i - 1);
                // "two of the", "most of the": a quantity before a joiner keeps the phrase going
                let number = self.is_quantity(i - 1)
                    || one_of(
                        prev,
                        &["some", "many", "most", "all", "both", "each", "several", "none"],
                    );
                if i > b.lo && self.toks[i - 1].is_word() && (!self.is(i - 1, bit::DETERMINER) || number) {
                    s = i;
                    continue;
                }
                break;
            }
            if self.is(i, bit::CLAUSE_OPENER)
                || self.is(i, bit::AUXILIARY)
                || self.is(i, bit::PRONOUN)
                || self.is(i, bit::NEGATOR)
                || self.is(i, bit::TIME_WORD)
            {
                break;
            }
            if self.is_cue_word(i) && !self.is_cap(i) {
                break;
            }
            if !self.is_cap(i) && (ends_with_ci(w, "ly") || ends_with_ci(w, "ed")) && !self.is(i, bit::GROUP_NOUN) {
                break; // an adverb or a verb: the phrase is over
            }
            s = i;
        }
        // never start on a joiner
        while s < last && !counted && (self.is(s, bit::JOINER) && !self.is(s, bit::DETERMINER)) {
            s += 1;
        }
        // a bare lower-case word that is not a known holder is not enough ("the plan", "protesters" are fine; "it" handled above)
        let first = self.word(s);
        let ok_start = self.is_cap(s)
            || self.is_cap(last)
            || self.is(s, bit::DETERMINER)
            || self.is(s, bit::GROUP_NOUN)
            || self.is(s, bit::DOCUMENT_NOUN)
            || self.toks[s].kind == TokKind::Number
            || self.is_quantity(s)
            || counted
            || self.is_source_hit_ending(last).is_some()
            || first.contains('’')
            || first.contains('\'');
        // "hacking specialists say", "proponents of the bill argue": a plural noun agreeing
        // with a bare cue right after it heads a holder, listed or not
        let plural_before_bare_cue = pos < b.hi && self.is_cue_word(pos) && {
            let cue = lower(self.word(pos));
            !cue.ends_with('s')
                && !cue.ends_with("ed")
                && !cue.ends_with("ing")
                && !is_irregular_participle(&cue)
                && self.bare_plural(last)
        };
        if !ok_start && !plural_before_bare_cue {
            // accept a lower-case head noun only if it is a known holder
            if !(self.is(last, bit::GROUP_NOUN) || self.is(last, bit::DOCUMENT_NOUN)) {
                return None;
            }
        }
        // a phrase of determiners only is not a holder
        let elliptical = elliptical && pos == s + 1;
        if (s..pos).all(|i| self.is(i, bit::DETERMINER)) && !share && !elliptical {
            return None;
        }
        Some((s, pos))
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

    /// Does a cue word follow `byte`, maybe after an auxiliary or a negator
    /// ("Some argue", "Many have called", "Others would not agree")?
    fn cue_follows(&self, byte: usize) -> bool {
        let mut k = self.tok_at(byte);
        while k < self.toks.len() && self.is(k, bit::AUXILIARY | bit::NEGATOR | bit::CUE_ADVERB) && !self.is_cue_word(k)
        {
            k += 1;
        }
        k < self.toks.len() && self.is_cue_word(k)
    }

    fn is_cue_word(&self, tok: usize) -> bool {
        self.is(tok, bit::CUE_START)
    }

    /// Can a post-posed holder start at `s`? A name, a determiner or a subject pronoun,
    /// not a time word, a preposition or a bare lower-case noun.
    fn holder_shaped(&self, s: usize, e: usize) -> bool {
        let w = self.word(s);
        if self.is(s, bit::TIME_WORD) || self.is(s, bit::PREPOSITION) {
            return false;
        }
        if one_of(w, &["he", "she", "they", "i", "we", "it"]) {
            return true;
        }
        // "said former Vermont governor Howard Dean": a lower-case title before a name
        let named_later = (s + 1..e).any(|i| self.is_cap(i));
        self.is_cap(s) || named_later || (self.is(s, bit::DETERMINER) && !one_of(w, &["some", "many", "most", "few"]))
    }

    /// The holder after "according to": everything up to the next comma or the sentence end.
    fn np_to_comma(&self, pos: usize, b: Bounds, to_end: bool) -> Option<(usize, usize)> {
        let mut e = pos;
        while e < b.hi
            && e - pos < 30
            && (self.toks[e].is_word()
                || matches!(self.word(e), "(" | ")" | "-" | "’s" | "'s" | "&")
                || (to_end
                    && self.word(e) == ","
                    && !self.is_cue_word((e + 1).min(b.hi - 1))
                    // "Ridership, according to the authority, has doubled": a verb after the
                    // comma goes on with the sentence, not the holder
                    && !self.is((e + 1).min(b.hi - 1), bit::AUXILIARY)))
        {
            e += 1;
        }
        while e > pos && self.word(e - 1) == "," {
            e -= 1;
        }
        (e > pos && self.toks[pos].is_word()).then_some((pos, e))
    }

    /// A noun phrase starting at `pos`, scanning forwards.
    fn np_forward(&self, pos: usize, b: Bounds, audience: bool) -> Option<(usize, usize)> {
        if pos >= b.hi || !self.toks[pos].is_word() {
            return None;
        }
        let w = self.word(pos);
        if self.is(pos, bit::PRONOUN) || one_of(w, &["him", "her", "them", "us", "me"]) {
            return Some((pos, pos + 1));
        }
        if self.is(pos, bit::CLAUSE_OPENER)
            || self.is(pos, bit::AUXILIARY)
            || (self.is(pos, bit::TIME_WORD) && !self.is_cap(pos))
        {
            return None;
        }
        let mut e = pos;
        // a listed holder phrase ("a source close to the campaign") is taken whole
        let sb = self.toks[pos].start as usize;
        let hi = self.hits.partition_point(|h| h.start < sb);
        if let Some(h) = self.hits[hi..]
            .iter()
            .take_while(|h| h.start == sb)
            .find(|h| matches!(h.entry, Entry::Source(_)))
        {
            e = self.tok_at(h.end - 1) + 1;
        }
        while e < b.hi && e - pos < MAX_NP {
            let t = self.toks[e];
            if !t.is_word() {
                break;
            }
            let w = self.word(e);
            if e > pos {
                if self.is(e, bit::CLAUSE_OPENER) && !w.eq_ignore_ascii_case("and")
                    || one_of(w, &["who", "whom", "whose"])
                {
                    break;
                }
                if w.eq_ignore_ascii_case("and")
                    && !(e + 1 < b.hi && (self.is_cap(e + 1) || (!audience && self.is(e + 1, bit::DETERMINER))))
                {
                    break;
                }
                if self.is(e, bit::CONTENT_STOP) && (audience || !self.is(e, bit::JOINER)) {
                    break;
                }
                if self.is(e, bit::AUXILIARY) || self.is_cue_word(e) && !self.is_cap(e) {
                    break;
                }
                if self.is(e, bit::TIME_WORD) || (self.is(e, bit::CUE_ADVERB) && !self.is_cap(e)) {
                    break;
                }
                if self.is(e, bit::DETERMINER)
                    && !self.is_cap(e)
                    && !self.is(e - 1, bit::JOINER)
                    && !self.word_is(e - 1, "to")
                {
                    break;
                }
                // a verb ends the phrase: a past form, or a word a hedge covers ("appeared to")
                // "a longtime adviser to the governor": a role held towards someone
                let role_to = w.eq_ignore_ascii_case("to") && self.is(e - 1, bit::ROLE_TOWARD);
                if !self.is_cap(e)
                    && !role_to
                    && (ends_with_ci(w, "ed")
                        || self.hedge_covers_any(e)
                        || self.is(e, bit::PREPOSITION) && !self.is(e, bit::JOINER))
                {
                    break;
                }
            }
            e += 1;
        }
        while e > pos + 1
            && (self.is(e - 1, bit::JOINER) || self.is(e - 1, bit::DETERMINER) || self.word_is(e - 1, "to"))
        {
            e -= 1;
        }
        if e == pos || (pos..e).all(|i| self.is(i, bit::DETERMINER)) {
            return None;
        }
        // an acronym in brackets belongs to the name: "Alliance to Reclaim Our Schools (AROS)"
        if !audience && e + 2 < b.hi && self.is_punct(e, "(") && self.is_punct(e + 2, ")") && self.is_cap(e + 1) {
            e += 3;
        }
        Some((pos, e))
    }

    // ---------- sources ----------

    fn source(&self, s: usize, e: usize) -> Source {
        let span = self.span(s, e);
        // a relative clause describes the holder; the kind comes from the head before it
        let e = self.head_end(s, e);
        let first = self.word(s);
        let mut rule: &'static str = "noun-phrase";
        let kind = if e - s == 1 && self.is(e - 1, bit::PRONOUN) {
            rule = "pronoun";
            SourceKind::Named
        } else if let Some(r) = self.source_rule_in(span) {
            rule = self.m.grammar.sources[r].meta.name;
            let sr = &self.m.grammar.sources[r];
            if sr.class == "document" && self.has_proper(s, e) {
                SourceKind::Named
            } else {
                sr.kind
            }
        } else if self.is(e - 1, bit::GROUP_NOUN) || self.vague_head_before_phrase(s, e) {
            rule = "group-noun"; // "officials", "polls in Ohio", "residents of the valley"
            SourceKind::Unnamed
        } else if (self.is_quantity(e - 1)
            || self.is_punct(e - 1, "%")
            || self.is_quantity(s)
            || one_of(first, &["at", "more", "fewer", "less", "nearly", "almost"]))
            && !self.has_proper(s, e)
        {
            rule = "share-of-group"; // "47% say", "three-fourths said": poll respondents
            SourceKind::Unnamed
        } else if self.is(e - 1, bit::DOCUMENT_NOUN) {
            rule = "document";
            if self.has_proper(s, e)
                || one_of(first, &["the", "this", "that", "its", "his", "her", "their"])
                || first.contains('’')
                || first.contains('\'')
            {
                SourceKind::Named
            } else {
                SourceKind::Unnamed
            }
        } else if !self.has_proper(s, e) && !self.is(s, bit::DETERMINER) && self.bare_plural(e - 1) {
            rule = "bare-plural"; // "hacking specialists say": a kind of people, not a named one
            SourceKind::Unnamed
        } else if self.capitalised_group(s, e) {
            rule = "group-noun"; // "Republicans denounced", "most Democrats say": a party or a people
            SourceKind::Unnamed
        } else if self.has_proper(s, e) || self.is_cap(s) && !self.is(s, bit::DETERMINER) {
            SourceKind::Named
        } else if one_of(
            first,
            &[
                "a", "an", "one", "another", "some", "someone", "somebody", "several", "many", "few", "two", "three",
            ],
        ) {
            SourceKind::Unnamed
        } else {
            SourceKind::Named
        };
        Source {
            span,
            kind,
            rule,
            resolved: None,
        }
    }

    /// The noun before the first prepositional phrase of the holder [s, e): "survey" in
    /// "a survey of riders", "polls" in "polls in Ohio". With `agent`, a "by" phrase counts
    /// too ("a study by Loyola professors"); without it, "an analysis by the Pew Research
    /// Center" keeps its name.
    fn head_before_phrase(&self, s: usize, e: usize, agent: bool) -> Option<usize> {
        (s + 1..e)
            .find(|&k| {
                let w = self.word(k);
                one_of(w, &["of", "in", "from", "at", "for", "with", "on"]) || (agent && w.eq_ignore_ascii_case("by"))
            })
            .map(|k| k - 1)
    }

    /// Does the holder open with a vague plural before a prepositional phrase ("polls in
    /// Ohio", "members of the board")? The phrase's names do not name the holder.
    fn vague_head_before_phrase(&self, s: usize, e: usize) -> bool {
        let Some(head) = self.head_before_phrase(s, e, false) else {
            return false;
        };
        let k = head + 1;
        let plural = self.word(head).ends_with('s') && !self.word(head).ends_with("ss");
        !self.has_proper(s, k)
            && (self.is(head, bit::GROUP_NOUN) || (self.is(head, bit::DOCUMENT_NOUN) && plural))
            && !one_of(self.word(s), &["the", "this", "that", "his", "her", "its", "their"])
    }

    /// Is token `i` a lower-case plural noun ("specialists", "residents")?
    /// A holder that is a capitalised plural on its own, or after a quantity
    /// ("Republicans", "most Democrats", "many Europeans"): a party or a
    /// people, not anyone the reader can name.
    fn capitalised_group(&self, s: usize, e: usize) -> bool {
        let quantified = e == s + 2 && self.is(s, bit::COUNTED_SUBJECT | bit::QUANTITY);
        (e == s + 1 || quantified) && {
            let w = self.word(e - 1);
            self.is_cap(e - 1) && w.len() > 4 && plural_form(w) && !w.ends_with("us") && !w.ends_with("ss")
        }
    }

    fn bare_plural(&self, i: usize) -> bool {
        let w = self.word(i);
        !self.is_cap(i)
            && w.len() > 3
            && plural_form(w)
            && !w.ends_with("us")
            && !w.ends_with("is")
            && !self.is(i, bit::PRONOUN)
    }

    fn has_proper(&self, s: usize, e: usize) -> bool {
        if self.is(s, bit::SENTENCE_INITIAL) {
            return (s + 1..e).any(|i| self.is_cap(i));
        }
        (s..e).any(|i| i > s && self.is_cap(i)) || (self.is_cap(s) && !self.is(s, bit::DETERMINER))
    }

    fn source_rule_in(&self, span: Span) -> Option<usize> {
        let i = self.hits.partition_point(|h| h.start < span.start);
        self.hits[i..]
            .iter()
            .take_while(|h| h.start < span.end)
            .filter(|h| h.end <= span.end)
            .find_map(|h| match h.entry {
                Entry::Source(r) => Some(r),
                _ => None,
            })
    }

    // ---------- per-sentence clean-up ----------

    /// Cut a content where a later attribution in the same sentence begins, and
    /// drop attributions nested inside another's content without a clause break.
    fn settle_sentence(&mut self, first: usize, _b: Bounds) {
        let n = self.out.attributions.len();
        if n - first < 2 {
            return;
        }
        let mut keep = vec![true; n - first];
        let left_edge_of = |b: &Attribution| b.source.as_ref().map_or(b.cue.start, |s| s.span.start.min(b.cue.start));
        // the leftmost edge of attribution j or any after it: an earlier attribution
        // whose content ends there or before can meet none of them any more
        let mut min_future: Vec<usize> = (self.out.attributions[first..].iter()).map(left_edge_of).collect();
        for k in (0..min_future.len().saturating_sub(1)).rev() {
            min_future[k] = min_future[k].min(min_future[k + 1]);
        }
        // earlier attributions that may still hold a later one's left edge, in order:
        // pruned as they fall behind, so a chain of attributions in one sentence
        // ("according to the mayor, according to …") costs linear, not quadratic, time
        let mut active: Vec<usize> = vec![first];
        for j in first + 1..n {
            let (left_edge, construction) = {
                let bj = &self.out.attributions[j];
                (left_edge_of(bj), bj.construction)
            };
            let bound = min_future[j - first];
            let attributions = &self.out.attributions;
            active.retain(|&i| keep[i - first] && attributions[i].content.last().is_some_and(|last| last.end > bound));
            for ai in 0..active.len() {
                let i = active[ai];
                if !keep[i - first] {
                    continue;
                }
                let Some(last) = self.out.attributions[i].content.last().copied() else {
                    continue;
                };
                if !(last.start <= left_edge && left_edge < last.end) {
                    continue;
                }
                let li = self.tok_at(left_edge);
                let boundary = li > 0 && {
                    let w = self.word(li - 1);
                    matches!(w, "," | ";" | "—" | "–")
                        || one_of(w, &["and", "but", "while", "whereas", "although", "though"])
                };
                // "an event that Carson says led him to faith": an attribution inside a
                // relative clause of i's content is nested in it; both stand
                let nested = li > 0
                    && one_of(self.word(li - 1), &["which", "who", "whom"])
                    && !construction.starts_with("continuing");
                if nested {
                    continue;
                }
                if construction.starts_with("continuing") || boundary {
                    // cut i's content before j (and the joining word)
                    let mut cut = li;
                    while cut > 0 && {
                        let w = self.word(cut - 1);
                        matches!(w, "," | ";" | "—" | "–")
                            || one_of(w, &["and", "but", "while", "whereas", "although", "though"])
                    } {
                        cut -= 1;
                    }
                    let end = self.toks[cut.max(1) - 1].end as usize;
                    let c = &mut self.out.attributions[i].content;
                    if let Some(l) = c.last_mut() {
                        if end > l.start {
                            l.end = end;
                        } else if c.len() > 1 {
                            c.pop();
                        }
                        // (j opens i's only content: "According to the Post, the mayor said …"
                        // nests one attribution in the other, and both stand)
                    }
                } else {
                    keep[j - first] = false;
                }
            }
            active.push(j);
        }
        // rebuild only this sentence's tail, so the clean-up stays linear in the document
        let tail: Vec<Attribution> = self.out.attributions.drain(first..).collect();
        for (a, keep) in tail.into_iter().zip(keep) {
            if keep && !a.content.is_empty() {
                self.out.attributions.push(a);
            }
        }
    }

    /// Poll respondents ("two in three said", "47% say") and an unnamed "poll"
    /// rest on the poll; when the article names a poll or its sponsor
    /// anywhere ("a Monmouth poll", "a survey by the Pew Research Center"),
    /// they are named.
    fn name_poll_respondents(&mut self) {
        let polls = ["poll", "polls", "survey", "surveys", "polling"];
        let named_poll = (0..self.toks.len()).any(|i| {
            if !one_of(self.word(i), &polls) {
                return false;
            }
            // a name just before ("the NBC News/Wall Street Journal poll") ...
            let before = (i.saturating_sub(4)..i).any(|k| {
                self.is_cap(k) && !self.is(k, bit::SENTENCE_INITIAL | bit::DETERMINER) && self.toks[k].is_word()
            });
            // ... or "by"/"for"/"from" and a name after ("a poll ... released by Latino Decisions")
            let after = (i + 1..(i + 12).min(self.toks.len()))
                .any(|k| one_of(self.word(k), &["by", "for", "from"]) && k + 1 < self.toks.len() && self.is_cap(k + 1));
            before || after
        });
        let kind = if named_poll {
            SourceKind::Named
        } else {
            SourceKind::Unnamed
        };
        self.out.polls = (0..self.toks.len())
            .filter(|&i| one_of(self.word(i), &polls))
            .map(|i| (self.toks[i].span(), kind))
            .collect();
        if !named_poll {
            return;
        }
        for a in &mut self.out.attributions {
            if let Some(s) = &mut a.source {
                let head = s.span.slice(self.text).rsplit(' ').next().unwrap_or("");
                let poll = s.rule == "document" && one_of(head, &polls);
                if s.kind == SourceKind::Unnamed
                    && (s.rule == "share-of-group" || poll || one_of(head, &["respondents"]))
                {
                    s.kind = SourceKind::Named;
                    s.rule = "poll-respondents";
                }
            }
        }
    }

    /// A speaker's colon opening a paragraph ("SMITH: …", a transcript or an
    /// interview) holds the whole paragraph, not only its first sentence.
    fn speakers_hold_their_paragraphs(&mut self) {
        for k in 0..self.out.attributions.len() {
            if self.out.attributions[k].construction != "speaker-colon" {
                continue;
            }
            let Some(last) = self.out.attributions[k].content.last().copied() else {
                continue;
            };
            let end = self.seg.paragraphs[self.paragraph_of(last.start)].span.end;
            if end > last.end {
                let content = &mut self.out.attributions[k].content;
                let n = content.len();
                content[n - 1] = Span::new(last.start, end);
            }
        }
    }

    /// Point each pronoun source at the last named, non-pronoun holder before it.
    fn resolve_pronouns(&mut self) {
        let mut last_named: Option<(Span, SourceKind)> = None;
        for a in &mut self.out.attributions {
            let act = a.stance == Stance::Act;
            let Some(s) = &mut a.source else { continue };
            if s.rule == "pronoun" && s.resolved.is_some() {
                // a relative pronoun already points at its antecedent
            } else if s.rule == "pronoun" {
                s.resolved = last_named.map(|l| l.0);
                let w = lower(s.span.slice(self.text));
                if matches!(w.as_ref(), "they" | "who" | "it" | "we")
                    && let Some((_, k)) = last_named
                {
                    s.kind = k;
                }
            } else if !act {
                // (an act's holder is no antecedent: acts move no source, and
                // come after the grammar's attributions of their sentence)
                last_named = Some((s.span, s.kind));
            }
        }
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
