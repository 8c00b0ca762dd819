//! Context tests for hedges that a rule's phrase lists cannot express: the
//! sense of a modal (the "may" of "it is possible that" against the generic or
//! deontic "may" of "each player may pass the ball"), and a hedge word that is part
//! of a name or a title ("the album 'Maybe Tomorrow'").

use super::tokens::TokKind;
use super::{Bounds, Doc, bit, plural_form};

/// How far back the subject of a modal is looked for, in words.
const SUBJECT_WORDS: usize = 5;

impl Doc<'_> {
    /// Is the modal of tokens `m..e` (a rule with `sense: epistemic`) generic or
    /// deontic here, meaning "can", "is allowed to" or "sometimes" rather than "it
    /// is possible that"? Then it is no hedge.
    ///
    /// Epistemic whatever the subject: a perfect ("may have been", "might have
    /// left"), "well", a dummy subject ("it may be", "there might be"), a definite
    /// or named subject ("the bridge may close"), a time ahead ("may be called in
    /// next week"). Generic: a subject that is "one" or "you", or opens with a
    /// quantifying word (list `generic-subjects`: "any member may", "each player
    /// may"), or a bare plural ("users may download"); "may have" with an object
    /// ("a dish may have a sweet filling"); a passive ("may be used") unless
    /// its participle is one of the `epistemic-passives` ("may be derived from");
    /// a sentence that opens on kinds of case (list `generic-openers`: "Depending
    /// on the dose", "In rare cases"); and whoever holds a role, after "a", "an"
    /// or "the" (list `generic-roles`: "a player may", "the user may"); a habit
    /// (list `habitual-adverbs`: "may often vary", or "often starts mildly and
    /// may spread", where the subject is left out after the conjunction).
    pub(super) fn root_modal(&self, m: usize, e: usize, b: Bounds) -> bool {
        let next_is = |k: usize, w: &str| k < b.hi && self.word_is(k, w);
        if e - m > 1 {
            // a phrase: "may well", "could potentially", "may have" ...
            let last = self.word(e - 1);
            if !last.eq_ignore_ascii_case("have") || (e < b.hi && !self.object_after_have(e)) {
                return false;
            }
            // "may have" + a noun: possession, "can have" ("the dish may have a sweet filling")
            return !self.time_ahead(e, b);
        } else {
            // "may have left", "may not have known"
            let h = if next_is(e, "not") { e + 1 } else { e };
            if next_is(h, "have") && h + 1 < b.hi {
                if !self.object_after_have(h + 1) {
                    return false;
                }
                // "may have" + a noun: possession, "can have" ("a dish may have a sweet filling")
                return !self.time_ahead(e, b);
            }
        }
        if self.time_ahead(e, b) {
            return false;
        }
        // a habit: "may often vary", "may typically take"; or a clause going on from
        // a habitual one with its subject left out ("often starts mildly and may spread")
        let habitual = |k: usize| self.m.lists.habitual_adverbs.has(self.word(k));
        let a = if next_is(e, "not") { e + 1 } else { e };
        if a < b.hi && habitual(a) && !next_is(a + 1, "have") {
            return true;
        }
        if m > b.lo && ["and", "but", "or"].iter().any(|x| self.word_is(m - 1, x)) && (b.lo..m).any(habitual) {
            return true;
        }
        if next_is(e, "be") && e + 1 < b.hi && self.participle(e + 1) {
            return !self
                .m
                .lists
                .epistemic_passives
                .has(&self.word(e + 1).to_ascii_lowercase());
        }
        // a statement about kinds of case: "Depending on the dose, the rash may
        // spread", "In severe cases the joint may lock"
        if b.lo < m
            && self
                .m
                .lists
                .generic_openers
                .starts(&self.text[self.toks[b.lo].start as usize..])
        {
            return true;
        }
        // the subject: back over adverbs ("may also", "often may")
        let mut s = m;
        while s > b.lo && self.toks[s - 1].kind == TokKind::Word && self.adverb(s - 1) {
            s -= 1;
        }
        if s == b.lo || self.toks[s - 1].kind != TokKind::Word {
            return false;
        }
        let head = s - 1;
        let w = self.word(head);
        if ["it", "there", "this", "that", "these", "those", "which"]
            .iter()
            .any(|x| w.eq_ignore_ascii_case(x))
        {
            return false;
        }
        if self.is(head, bit::GENERIC_SUBJECT) && !self.is(head, bit::DETERMINER) {
            return true; // "one may", "you may"
        }
        if self.is(head, bit::PRONOUN) || self.is_cap(head) && !self.is(head, bit::SENTENCE_INITIAL) {
            return false;
        }
        // the noun phrase the head ends: back to its determiner, if any
        let mut k = head;
        while k > b.lo
            && head - k < SUBJECT_WORDS
            && self.toks[k - 1].kind == TokKind::Word
            && !self.is(
                k - 1,
                bit::DETERMINER | bit::POSSESSIVE | bit::PREPOSITION | bit::AUXILIARY,
            )
            && !self.is(k - 1, bit::CLAUSE_OPENER | bit::PRONOUN | bit::GENERIC_SUBJECT)
        {
            k -= 1;
        }
        if k > b.lo && self.toks[k - 1].kind == TokKind::Word {
            let det = k - 1;
            if self.is(det, bit::GENERIC_SUBJECT) {
                return true; // "any member may", "some patients may"
            }
            // whoever holds a role: "a player may pass", "the user may choose"
            let article = ["a", "an", "the"].iter().any(|x| self.word_is(det, x));
            if article && self.m.lists.generic_roles.has(w) {
                return true;
            }
            if self.is(det, bit::DETERMINER | bit::POSSESSIVE) {
                return false; // "the bridge may", "his son might"
            }
        }
        // a bare plural: "users may download", "severe cases may need surgery"
        let lw = w.to_ascii_lowercase();
        plural_form(&lw) && lw.len() > 3 && !lw.ends_with("us") && !lw.ends_with("is")
    }

    /// Is the epistemic sense of the modal of tokens `m..e` settled by its
    /// form, whatever its subject: a perfect ("may have left"), "well", a
    /// time ahead ("may close next week"), a dummy or demonstrative subject
    /// ("it may", "there might", "this could"), or a named one ("Ruiz may")?
    /// A hit of a `filter: learned` rule whose sense is settled is reported
    /// without the filter; the rest (a definite or pronoun subject in the
    /// present: "the infection may persist") is left to it.
    pub(super) fn settled_modal(&self, m: usize, e: usize, b: Bounds) -> bool {
        let next_is = |k: usize, w: &str| k < b.hi && self.word_is(k, w);
        let last = self.word(e - 1);
        if e - m > 1 && !last.eq_ignore_ascii_case("have") {
            return true; // "may well", "could potentially"
        }
        let h = if next_is(e, "not") { e + 1 } else { e };
        if last.eq_ignore_ascii_case("have") || next_is(h, "have") || next_is(h, "well") {
            return true;
        }
        if self.time_ahead(e, b) {
            return true;
        }
        let mut s = m;
        while s > b.lo && self.toks[s - 1].kind == TokKind::Word && self.adverb(s - 1) {
            s -= 1;
        }
        if s == b.lo || self.toks[s - 1].kind != TokKind::Word {
            return false;
        }
        let head = s - 1;
        let w = self.word(head);
        // a dummy, demonstrative, relative or personal subject, or one left out
        // after a conjunction ("… and could split the vote")
        let settling = [
            "it", "there", "this", "that", "these", "those", "which", "who", "he", "she", "i", "we", "they", "and",
            "but", "or",
        ];
        if settling.iter().any(|x| w.eq_ignore_ascii_case(x)) {
            return true;
        }
        if self.is_cap(head) && !self.is(head, bit::SENTENCE_INITIAL) {
            return true; // "… Ruiz may"
        }
        // the noun phrase's opener: a demonstrative, a possessive or an indefinite
        // article ("that plan may", "his son might", "a new dam may prove": a forecast)
        let lo = head.saturating_sub(SUBJECT_WORDS).max(b.lo);
        (lo..head)
            .rev()
            .take_while(|&k| self.toks[k].kind == TokKind::Word)
            .any(|k| {
                self.is(k, bit::POSSESSIVE)
                    || ["this", "that", "these", "those", "such", "a", "an"]
                        .iter()
                        .any(|x| self.word_is(k, x))
            })
    }

    /// Does an object follow "have" at `i` ("may have a sweet filling": possession),
    /// rather than a participle ("may have stuck", "may have been")?
    fn object_after_have(&self, i: usize) -> bool {
        self.toks[i].kind == TokKind::Number
            || self.is(
                i,
                bit::DETERMINER | bit::POSSESSIVE | bit::QUANTITY | bit::GENERIC_SUBJECT,
            )
            || self.toks[i].kind == TokKind::Word && !self.participle(i) && !self.adverb(i) && plural_form(self.word(i))
    }

    /// A participle after "be" or "have": "-ed", "-en", or an irregular form.
    fn participle(&self, i: usize) -> bool {
        let w = self.word(i).to_ascii_lowercase();
        self.toks[i].kind == TokKind::Word
            && (w.len() > 3 && (w.ends_with("ed") || w.ends_with("en"))
                || super::is_irregular_participle(&w)
                || matches!(
                    w.as_str(),
                    "been"
                        | "had"
                        | "done"
                        | "gone"
                        | "come"
                        | "become"
                        | "begun"
                        | "brought"
                        | "built"
                        | "bought"
                        | "caught"
                        | "chosen"
                        | "drawn"
                        | "driven"
                        | "fallen"
                        | "fought"
                        | "given"
                        | "grown"
                        | "heard"
                        | "hidden"
                        | "kept"
                        | "laid"
                        | "led"
                        | "left"
                        | "lost"
                        | "meant"
                        | "met"
                        | "paid"
                        | "put"
                        | "read"
                        | "run"
                        | "sent"
                        | "set"
                        | "sold"
                        | "spent"
                        | "spoken"
                        | "stolen"
                        | "struck"
                        | "taken"
                        | "taught"
                        | "thrown"
                        | "understood"
                        | "won"
                        | "worn"
                ))
    }

    /// An adverb between a subject and its modal: a listed one ("also", "often")
    /// or a lower-case word in "-ly".
    fn adverb(&self, i: usize) -> bool {
        let w = self.word(i);
        self.is(i, bit::CUE_ADVERB)
            || (w.len() > 4 && w.ends_with("ly") && !self.is_cap(i))
            || ["still", "even", "only", "thus", "therefore", "sometimes", "then", "not"]
                .iter()
                .any(|x| w.eq_ignore_ascii_case(x))
    }

    /// Does a time adverbial ("next week", "later this year", "tomorrow") follow
    /// in the sentence? It makes a modal a forecast about one event.
    fn time_ahead(&self, from: usize, b: Bounds) -> bool {
        (from..b.hi).any(|k| {
            self.time_words_at(k, b.hi).is_some() || ["next", "soon", "tomorrow"].iter().any(|x| self.word_is(k, x))
        })
    }

    /// Is the hedge at token `i`, capitalised inside its sentence, part of a name
    /// or a title ("the album 'Maybe Tomorrow'", "the band Some Velvet Morning")?
    /// Not in a headline, where every word is capitalised, nor where a quotation
    /// or a colon opens a sentence of its own ("she said: “Some of us…”").
    pub(super) fn in_name(&self, i: usize, b: Bounds) -> bool {
        if !self.is_cap(i) || self.is(i, bit::SENTENCE_INITIAL) || i == b.lo {
            return false;
        }
        let prev = &self.toks[i - 1];
        if prev.kind == TokKind::Punct && matches!(self.word(i - 1), ":" | "(" | "—" | "–") {
            return false;
        }
        if prev.kind == TokKind::OpenQuote {
            // a quotation opening with the hedge: speech if it runs on in lower case
            let lower_after = (i + 1..b.hi.min(i + 4))
                .filter(|&k| self.toks[k].kind == TokKind::Word)
                .any(|k| !self.is_cap(k));
            if lower_after {
                return false;
            }
        }
        !self.title_case(b)
    }

    /// Does token `i` open its sentence (after an opening quote or a bracket at
    /// most), or follow a colon?
    pub(super) fn opens_sentence(&self, i: usize, b: Bounds) -> bool {
        if i == b.lo || self.is(i, bit::SENTENCE_INITIAL) {
            return true;
        }
        let prev = &self.toks[i - 1];
        (prev.kind == TokKind::OpenQuote || self.word(i - 1) == "(") && i - 1 == b.lo || self.word(i - 1) == ":"
    }
}
