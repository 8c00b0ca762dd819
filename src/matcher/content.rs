//! Content bounds: where the words a cue reports start and end. After the cue,
//! past commas, time words and adverbials to a "that" or a quote, and on to the
//! sentence end, a dash, or a coordinated clause with a cue of its own
//! (`content_forward`); after a colon that ends its sentence, the next quote or
//! sentence (`content_after_colon`). `bare_clause` recognises a clause without
//! "that".

use super::tokens::TokKind;
use super::{Bounds, Doc, bit, one_of};
use crate::span::Span;

impl Doc<'_> {
    /// The content after a cue: a quote, a that-clause, or the rest of the sentence.
    pub(super) fn content_forward(&self, pos: usize, b: Bounds) -> Option<Vec<Span>> {
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
        // "said after the hearing that …", "has said repeatedly that …": past the adverbials to "that"
        let j = self.skip_adverbials(i, b, true);
        if j > i
            && j < b.hi
            && self.word_is(j, "that")
            // (no verb among them: "at a news conference announcing that" is another attribution;
            // "the hearing", "a briefing" are nouns, "during", "following" prepositions)
            && (i..j).all(|k| {
                !self.is_cue_word(k)
                    && (!self.word(k).ends_with("ing")
                        || one_of(self.word(k), &ADVERBIAL_PREPOSITIONS)
                        || (k > 0 && self.is(k - 1, bit::DETERMINER)))
            })
        {
            i = j;
        }
        // "said at a news conference, “…”", "said of the senator: “…”": the quote
        if i < b.hi
            && !self.is_punct(i, ",")
            && (one_of(self.word(i), &ADVERBIAL_PREPOSITIONS) || self.word_is(i, "of"))
        {
            let look = (i + 14).min(b.hi);
            if let Some(k) = (i + 1..look).find(|&k| !self.toks[k].is_word())
                && (self.is_punct(k, ",") || self.is_punct(k, ":"))
                && k + 1 < b.hi
                && self.toks[k + 1].kind == TokKind::OpenQuote
                && (i + 1..k).all(|m| !self.is_cue_word(m))
            {
                i = k + 1;
            }
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

    /// Past the time words and trailing prepositional phrases after a cue:
    /// "… said in a statement on Tuesday"; with `topic`, past its topic too
    /// ("said of the move").
    pub(super) fn skip_adverbials(&self, pos: usize, b: Bounds, topic: bool) -> usize {
        let mut i = pos;
        while i < b.hi {
            if let Some(n) = self.time_words_at(i, b.hi) {
                i += n;
                continue;
            }
            let w = self.word(i);
            // "has said repeatedly", "said only": a manner or focus adverb
            if self.toks[i].is_word() && self.adverb_after_cue(i) {
                i += 1;
                continue;
            }
            // "has said for weeks", "said for the first time"
            if let Some(n) = self.duration_at(i, b.hi) {
                i += n;
                continue;
            }
            // "wrote to the council that", "said to reporters": an addressee, not "said to be"
            let addressee = w.eq_ignore_ascii_case("to")
                && i + 1 < b.hi
                && (self.is(i + 1, bit::DETERMINER)
                    || self.is_cap(i + 1)
                    || one_of(
                        self.word(i + 1),
                        &["him", "her", "them", "us", "me", "reporters", "journalists"],
                    ));
            // "said of the move", "said about the money": the topic, before a quote's end or a
            // "that" (`topic`)
            let topic = topic && one_of(w, &["of", "about"]);
            if addressee || topic || one_of(w, &ADVERBIAL_PREPOSITIONS) {
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

    /// Is token `i` an adverb of manner or focus that may stand between a cue
    /// and its content ("repeatedly", "publicly", "only", "instead")? One of the
    /// grammar's cue adverbs other than a negator, or a lower-case word in "-ly"
    /// that is not one of the few nouns so spelled.
    fn adverb_after_cue(&self, i: usize) -> bool {
        let w = self.word(i);
        if (self.is(i, bit::CUE_ADVERB) && !self.is(i, bit::NEGATOR)) || one_of(w, &["only", "instead"]) {
            return true;
        }
        w.len() > 4
            && w.ends_with("ly")
            && w.as_bytes()[0].is_ascii_lowercase()
            && !one_of(
                w,
                &[
                    "rally", "family", "ally", "supply", "reply", "assembly", "daily", "weekly", "monthly",
                ],
            )
    }

    /// The tokens of a duration after a cue: "for weeks", "for years", "for the
    /// first time", "for some time".
    fn duration_at(&self, i: usize, hi: usize) -> Option<usize> {
        if i + 1 >= hi || !self.word(i).eq_ignore_ascii_case("for") {
            return None;
        }
        let next = self.word(i + 1);
        if one_of(next, &["days", "weeks", "months", "years", "decades", "hours", "ages"]) {
            return Some(2);
        }
        if i + 3 < hi
            && one_of(next, &["the", "a", "some"])
            && one_of(self.word(i + 2), &["first", "second", "last", "long", "third"])
            && self.word(i + 3).eq_ignore_ascii_case("time")
        {
            return Some(4);
        }
        (i + 2 < hi && one_of(next, &["some"]) && self.word(i + 2).eq_ignore_ascii_case("time")).then_some(3)
    }

    pub(super) fn content_after_colon(&self, b: Bounds) -> Option<Span> {
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

    /// `content_stop`: for each token, the first token at or after it that is
    /// outside quotes and is a dash, or "and" followed by a cue word (u32::MAX:
    /// none). One pass from the end.
    fn content_stops(&self) -> &[u32] {
        self.content_stop.get_or_init(|| {
            let n = self.toks.len();
            self.step(n);
            let mut stop = vec![u32::MAX; n + 1];
            for k in (0..n).rev() {
                let ends = !self.quotes.inside(k)
                    && (self.is_dash(k) || (k + 1 < n && self.is_cue_word(k + 1) && self.word_is(k, "and")));
                stop[k] = if ends { k as u32 } else { stop[k + 1] };
            }
            stop
        })
    }

    /// Does a clause without "that" start at token `i`: a short subject, then a verb
    /// ("noted the department returned the weapon", "added prices will rise")?
    pub(super) fn bare_clause(&self, i: usize, b: Bounds) -> bool {
        for k in i + 1..(i + 7).min(b.hi) {
            let t = self.toks[k];
            if !t.is_word() || self.is(k, bit::CLAUSE_OPENER) || one_of(self.word(k), &["who", "whom"]) {
                return false;
            }
            if self.is(k, bit::AUXILIARY) && !self.is(k - 1, bit::AUXILIARY) {
                return true;
            }
            let w = self.word(k);
            if w.len() > 4 && w.ends_with("ed") && !self.is_cap(k) && !self.is(k - 1, bit::DETERMINER) {
                return true;
            }
        }
        false
    }
}

/// Prepositions that open an adverbial between a cue and its content ("said in
/// a statement on Tuesday that", "said during a news conference that").
const ADVERBIAL_PREPOSITIONS: [&str; 16] = [
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
];
