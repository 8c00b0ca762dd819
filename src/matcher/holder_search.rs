//! Holder search: which words hold an attribution. Bounded noun-phrase scans
//! backwards from a cue (`np_back`, with an apposition, a relative clause or an
//! aside set off by commas or dashes; `np_simple` for the phrase itself),
//! forwards after it (`np_forward`; `np_to_comma` after "according to"), and the
//! subject a continuing cue takes over (`subject`).

use super::lexicon::Entry;
use super::tokens::TokKind;
use super::{Bounds, Doc, bit, ends_with_ci, is_irregular_participle, lower, one_of, plural_form};

/// Longest noun phrase the chunker accepts as a holder, in tokens.
const MAX_NP: usize = 12;

/// Irregular past forms that are no nouns or adjectives in a holder: where the
/// phrase walks left onto one, a clause with its own verb is over ("The mayor
/// spoke for an hour on Monday, denouncing …").
const PAST_FORMS: &[&str] = &[
    "spoke", "went", "came", "took", "gave", "made", "met", "ran", "won", "kept", "brought", "began", "became", "sat",
    "stood", "fell", "sent", "spent", "broke", "chose", "drew", "drove", "flew", "grew", "knew", "sought", "struck",
    "swore", "taught", "threw", "wrote", "fought", "caught", "bought", "heard", "told", "said", "thought", "held",
    "felt", "meant",
];

pub(super) fn is_past_form(w: &str) -> bool {
    PAST_FORMS.iter().any(|p| w.eq_ignore_ascii_case(p))
}

/// Does `w` look like a finite verb after a subject: an irregular past, a form in
/// "-ed", or a present in "-s" (not "-ss")?
pub(super) fn finite_verb_shape(w: &str) -> bool {
    is_past_form(w) || (w.len() > 3 && (ends_with_ci(w, "ed") || (w.ends_with('s') && !w.ends_with("ss"))))
}

/// Words that make a figure approximate ("nearly 40 percent", "about one in five").
pub(super) const APPROXIMATORS: &[&str] = &[
    "nearly",
    "almost",
    "roughly",
    "about",
    "around",
    "approximately",
    "just",
    "only",
    "over",
    "some",
];

/// Do two words bound the count after them: "at least", "at most", "more than", "fewer
/// than", "less than"?
pub(super) fn bounds_a_count(first: &str, second: &str) -> bool {
    (first.eq_ignore_ascii_case("at") && one_of(second, &["least", "most"]))
        || (one_of(first, &["more", "fewer", "less"]) && second.eq_ignore_ascii_case("than"))
}

/// The joiners that open a surname when capitalised ("De Blasio", "Van Hollen").
const NAME_PARTICLES: &[&str] = &["de", "la", "del", "van", "von", "der"];

impl Doc<'_> {
    /// Is the word at `k` a sentence adverb that opens a clause before a comma
    /// ("However,", "Meanwhile,", "Separately,")?
    pub(super) fn opening_adverb(&self, k: usize) -> bool {
        const OPENERS: [&str; 22] = [
            "however",
            "meanwhile",
            "still",
            "instead",
            "moreover",
            "indeed",
            "nonetheless",
            "nevertheless",
            "yet",
            "further",
            "furthermore",
            "besides",
            "otherwise",
            "thus",
            "therefore",
            "now",
            "then",
            "also",
            "earlier",
            "later",
            "overall",
            "again",
        ];
        let w = self.word(k);
        one_of(w, &OPENERS) || (w.len() > 4 && w.to_ascii_lowercase().ends_with("ly"))
    }

    /// The holder of the clause a continuing cue at token `before` belongs to: the
    /// holder of the sentence's last attribution (from `first_attr`) whose cue comes
    /// before it, else the sentence's own subject.
    pub(super) fn subject(&self, b: Bounds, first_attr: usize, before: usize) -> Option<(usize, usize)> {
        let at = self.toks[before].start as usize;
        let earlier = (self.out.attributions[first_attr..].iter())
            .filter(|a| a.cue.end <= at)
            .max_by_key(|a| a.cue.start);
        if let Some(a) = earlier
            && let Some(s) = &a.source
        {
            let s0 = self.tok_at(s.span.start);
            let s1 = self.tok_at(s.span.end - 1) + 1;
            return Some((s0, s1));
        }
        // the sentence's own subject: a noun phrase at its start followed by a verb, after
        // a conjunction and an opening phrase set off by a comma ("But on Tuesday, the
        // mayor spoke …")
        let mut lo = b.lo;
        while lo < before && (!self.toks[lo].is_word() || one_of(self.word(lo), &["but", "and", "so", "yet", "even"])) {
            lo += 1;
        }
        // ("However, …", "Earlier, …": one opening word and its comma)
        if lo + 2 < before && self.is_punct(lo + 1, ",") && self.opening_adverb(lo) {
            lo += 2;
        } else if lo < before
            && self.is(
                lo,
                bit::PREPOSITION | bit::CLAUSE_OPENER | bit::TIME_WORD | bit::TIME_FIRST,
            )
        {
            let comma = (lo + 1..before.min(lo + 20)).find(|&k| self.is_punct(k, ",") && !self.quotes.inside(k))?;
            lo = comma + 1;
        }
        let (s, e) = self.np_forward(lo, Bounds { lo, hi: before }, false)?;
        // (not a preposition, a figure or a bare demonstrative: "That is the consensus")
        let shaped = !self.is(s, bit::PREPOSITION | bit::CLAUSE_OPENER)
            && self.toks[s].kind != TokKind::Number
            && !(e == s + 1 && one_of(self.word(s), &["that", "this", "there", "what"]));
        (s == lo && e < before && shaped).then_some((s, e))
    }

    /// The holder of an infinitive cue at `start` ("to say", "to call for"), which
    /// has no subject of its own: the object of a verb that makes someone act ("led
    /// voters to say", "allow him to call for", "for the board to explain"), else the
    /// subject of its clause ("The mayor tried to explain", "Critics were quick to
    /// point out"). Only within a clause: no comma, no clause opener between. The
    /// verbs that make someone act are the grammar's list `causing-verbs`.
    pub(super) fn infinitive_holder(&self, start: usize, b: Bounds) -> Option<(usize, usize)> {
        if start < b.lo + 2 || !self.word_is(start - 1, "to") {
            return None;
        }
        let to = start - 1;
        if one_of(self.word(to - 1), &["him", "her", "them", "us", "me"]) {
            return Some((to - 1, to));
        }
        if let Some((s, e)) = self.np_simple(to, b)
            && s > b.lo
            && self.m.lists.causing_verbs.has(self.word(s - 1))
        {
            return Some((s, e));
        }
        // ("leaving some to wonder": a word counting people)
        if to >= b.lo + 2 && self.is(to - 1, bit::COUNTED_SUBJECT) && self.m.lists.causing_verbs.has(self.word(to - 2))
        {
            return Some((to - 1, to));
        }
        // the clause's start: after a comma or a clause opener, at most 15 tokens back
        let mut cs = to;
        while cs > b.lo && to - cs < 15 {
            let k = cs - 1;
            if !self.toks[k].is_word() || self.is(k, bit::CLAUSE_OPENER) || one_of(self.word(k), &["who", "which"]) {
                break;
            }
            cs -= 1;
        }
        let opened = cs == b.lo || self.is(cs - 1, bit::CLAUSE_OPENER) || self.is_punct(cs - 1, ",");
        if !opened || cs >= to || one_of(self.word(cs), &["it", "there", "this", "that", "what"]) {
            return None;
        }
        let (s, e) = self.np_forward(cs, Bounds { lo: cs, hi: to }, false)?;
        // (a name, a determiner or a pronoun; not a participle opening the clause,
        // "Walking into the office to …", nor "it's" or "that's")
        let w = lower(self.word(s));
        let shaped = self.holder_shaped(s, e)
            && !self.is(s, bit::CLAUSE_OPENER)
            && self.toks[s].kind != TokKind::Number
            && !(w.len() > 4 && w.ends_with("ing"))
            && !(w.starts_with("it") || w.starts_with("that"));
        (s == cs && e < to && shaped).then_some((s, e))
    }

    /// The holder of a learned cue at `start` that is the object of its clause's verb
    /// or follows it ("He avoided direct criticism of …", "The mayor made comments
    /// about …", "She has begun urging …"): the subject that opens the clause, when
    /// a verb follows it and at most six words, none a preposition, a clause opener or
    /// "to", stand between it and the cue.
    pub(super) fn predicate_subject(&self, start: usize, b: Bounds) -> Option<(usize, usize)> {
        // the clause's start: after a comma or a clause opener, at most 10 tokens back
        let mut cs = start;
        while cs > b.lo && start - cs < 10 {
            let k = cs - 1;
            if !self.toks[k].is_word() || self.is(k, bit::CLAUSE_OPENER) || one_of(self.word(k), &["who", "which"]) {
                break;
            }
            cs -= 1;
        }
        let opened = cs == b.lo || self.is(cs - 1, bit::CLAUSE_OPENER) || !self.toks[cs - 1].is_word();
        // ("Certainly the mayor …": an opening adverb is no part of the subject)
        if opened && cs + 1 < start && ends_with_ci(self.word(cs), "ly") {
            cs += 1;
        }
        if !opened || cs >= start || self.toks[cs].kind == TokKind::Number {
            return None;
        }
        // (a pronoun subject, or a name or a determiner's phrase; not "it's", "there")
        let w = lower(self.word(cs));
        // (not "it": a thing that "sends a clear message" is seldom a holder)
        let pronoun = one_of(&w, &["he", "she", "they", "i", "we", "you"]);
        if !pronoun && (one_of(&w, &["there", "this", "that", "what"]) || w.starts_with("it")) {
            return None;
        }
        let (s, e) = if pronoun {
            (cs, cs + 1)
        } else {
            self.np_forward(cs, Bounds { lo: cs, hi: start }, false)?
        };
        if s != cs
            || e >= start
            || start - e > 6
            || !(pronoun || self.holder_shaped(s, e))
            || self.is(s, bit::CLAUSE_OPENER)
        {
            return None;
        }
        let plain = (e..start).all(|k| {
            self.toks[k].is_word()
                && !self.is_cap(k)
                && !self.is(k, bit::PREPOSITION | bit::CLAUSE_OPENER)
                && !self.word_is(k, "to")
        });
        // (a verb right after the subject, maybe after an adverb)
        let mut v = e;
        if v + 1 < start && ends_with_ci(self.word(v), "ly") {
            v += 1;
        }
        let w = self.word(v);
        let verb = self.is(v, bit::AUXILIARY | bit::BE_FORM | bit::NEGATOR) || finite_verb_shape(w);
        // (the subject of "faced criticism", "drew complaints" receives what others say; after
        // "is", "was" only a verb in -ing goes on to the cue: "is making a case", not "is
        // best known for", "is a self-described")
        // (nor does the subject of a verb that makes something happen: "the crisis forced a
        // recognition that …")
        let receiving = (e..start)
            .any(|k| self.m.lists.receiving_verbs.has(self.word(k)) || self.m.lists.causing_verbs.has(self.word(k)));
        let progressive = match (e..start).find(|&k| self.is(k, bit::BE_FORM)) {
            Some(be) => (be + 1..=start).any(|k| k < b.hi && ends_with_ci(self.word(k), "ing")),
            None => true,
        };
        (plain && verb && !receiving && progressive).then_some((s, e))
    }

    /// The holder of a participle cue at `start` (its own word ending before `c1`)
    /// inside a phrase that opens the sentence: the subject of the main clause after
    /// the phrase's comma ("After thanking the crowd, which cheered, the mayor said …",
    /// "But while praising the plan, she warned …", "Recalling the flood, the report
    /// urged …"). Only when nothing but conjunctions, a time phrase and one preposition
    /// or subordinator stands before the cue, and the subject after the comma is
    /// followed by a verb.
    pub(super) fn subject_after_opening(&self, start: usize, c1: usize, b: Bounds) -> Option<(usize, usize)> {
        // (not "according", whose holder follows its "to")
        if !ends_with_ci(self.word(c1 - 1), "ing") || self.word_is(c1 - 1, "according") {
            return None;
        }
        // what stands before the cue: conjunctions and opening adverbs, a time phrase, then
        // at most one preposition or subordinator ("in addition to", "after", "while")
        let mut k = b.lo;
        while k < start
            && (!self.toks[k].is_word() || one_of(self.word(k), &["but", "and", "yet", "so", "now", "still"]))
        {
            k += 1;
        }
        while k < start {
            match self.time_words_at(k, start) {
                Some(n) => k += n,
                None => break,
            }
        }
        if k + 2 < start && self.word_is(k, "in") && self.word_is(k + 1, "addition") {
            k += 2;
        }
        if k < start && self.is(k, bit::PREPOSITION | bit::CLAUSE_OPENER) {
            k += 1;
        }
        if k != start {
            return None;
        }
        // the comma that closes the opening phrase: the first one followed by a subject
        // and a verb, within 40 tokens
        let mut k = c1;
        while k < b.hi && k - c1 < 40 {
            // (a comma inside a quote only where the quote closes on it: "Recalling “…,” the
            // mayor said")
            let closes_quote = k + 1 < b.hi && self.toks[k + 1].kind == TokKind::CloseQuote;
            if !self.is_punct(k, ",") || (self.quotes.inside(k) && !closes_quote) {
                k += 1;
                continue;
            }
            let mut at = k + 1;
            if at < b.hi && self.toks[at].kind == TokKind::CloseQuote {
                at += 1;
            }
            k += 1;
            let Some((s, e)) = self.np_forward(at, b, false) else {
                continue;
            };
            if s != at || e >= b.hi || self.is(s, bit::CLAUSE_OPENER) || !self.holder_shaped(s, e) {
                continue;
            }
            // (a verb after it: an auxiliary, a past or present form, maybe after an adverb)
            let mut v = e;
            if ends_with_ci(self.word(v), "ly") && v + 1 < b.hi {
                v += 1;
            }
            let w = self.word(v);
            let verb = !self.is_cap(v)
                && self.toks[v].is_word()
                && (self.is(v, bit::AUXILIARY | bit::BE_FORM) || self.is_cue_word(v) || finite_verb_shape(w));
            if verb {
                return Some((s, e));
            }
        }
        None
    }

    /// A holder ending just before `pos`, scanning backwards, with an
    /// apposition or a relative clause set off by commas: "A lawyer for the
    /// outlets, David Schulz, said", "Clinton, who spoke in Ohio, said".
    pub(super) fn np_back(&self, pos: usize, b: Bounds) -> Option<(usize, usize)> {
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
        // "A poll released on Monday found", "a report published last week found": a
        // participle and its time belong to the holder
        if let Some(n) = self.time_words_before(b.lo, pos)
            && pos - n > b.lo + 1
        {
            let k = pos - n - 1;
            let w = self.word(k);
            if !self.is_cap(k)
                && w.len() > 4
                && ends_with_ci(w, "ed")
                && let Some((s, _)) = self.np_simple(k, b)
                && !self.is(s, bit::PRONOUN)
            {
                return Some((s, pos));
            }
        }
        // "Scott on Monday announced", "Beck, who has in the past described", "When
        // Fiorina a month later announced": a time phrase (with its preposition and the
        // auxiliaries before it) is no holder; the holder stands before it, if anywhere
        if let Some(n) = self.time_words_before(b.lo, pos) {
            let mut k = pos - n;
            while k > b.lo && self.is(k - 1, bit::PREPOSITION | bit::AUXILIARY | bit::CUE_ADVERB) {
                k -= 1;
            }
            // (inside a relative clause the time is the clause's: "the groups who wrote to
            // her on Thursday say")
            let relative = (k.saturating_sub(12).max(b.lo)..k.saturating_sub(1))
                .any(|i| one_of(self.word(i), &["who", "whose"]) && (i..k).all(|j| self.toks[j].is_word()));
            if k > b.lo && k < pos && !relative && self.np_simple(pos, b).is_some_and(|(s, _)| s >= k) {
                return self.np_back_uncached(k, b);
            }
        }
        let simple = self.np_simple(pos, b).map(|np| self.with_participle_phrase(np, b));
        let mut k = pos;
        while k > b.lo + 1 && pos - k < 24 {
            k -= 1;
            if !self.toks[k].is_word() {
                break;
            }
            // "Residents trying to save the mill say", "Farmers hoping for rain say": a
            // participle phrase describes a plural subject that opens the clause
            if pos - k <= 10
                && k + 1 < pos
                && let Some(np) = self.participle_subject(k, b)
            {
                return Some((np, pos));
            }
            // (a cue word right after "who" is the relative clause's verb: "Voters who
            // backed the levy said")
            // (a preposition is no verb, though a cue may open with one: "in a poll")
            if self.is_cue_word(k)
                && !self.is_cap(k)
                && !self.is(k, bit::PREPOSITION | bit::JOINER)
                && !one_of(self.word(k - 1), &["who", "whose"])
            {
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

    /// The start of a subject that a participle at `k` describes: a
    /// noun phrase of people ending in a plural ("Residents trying to …",
    /// "Democrats hoping to …") that opens the clause, so that the participle
    /// cannot be a verb of its own ("The mayor is trying to …" has an auxiliary).
    fn participle_subject(&self, k: usize, b: Bounds) -> Option<usize> {
        let w = self.word(k);
        // or a past participle with its preposition: "People briefed on the talks",
        // "Diplomats based in Geneva", "Residents opposed to the plan"
        // (an agent's "by" is left to `with_participle_phrase`: "polls compiled by …")
        let past = ends_with_ci(w, "ed")
            && k + 1 < b.hi
            && self.is(k + 1, bit::PREPOSITION | bit::JOINER)
            && !self.word_is(k + 1, "by");
        if self.is_cap(k) || w.len() < 5 || !((w.len() > 5 && ends_with_ci(w, "ing")) || past) {
            return None;
        }
        let (s, e) = self.np_simple(k, b)?;
        // (after "a survey of riders" a past participle describes the survey: "released on …")
        if past && (s..e).any(|i| self.is(i, bit::JOINER)) {
            return None;
        }
        let head = self.word(e - 1);
        let plural = head.len() > 3 && (head.ends_with('s') || self.is(e - 1, bit::GROUP_NOUN));
        let opens = s == b.lo || (s > b.lo && matches!(self.word(s - 1), "," | ";" | ":" | "—" | "--" | "“" | "\""));
        (e == k && plural && opens && !self.is(s, bit::PRONOUN) && self.holder_shaped(s, e)).then_some(s)
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
        // an aside before a finite cue (not a participle: in "X, disputed the count in an
        // interview, calling …" the stretch is the clause the participle goes on from)
        let finite_cue = close + 1 < b.hi && !ends_with_ci(self.word(close + 1), "ing");
        let aside = finite_cue
            && (matches!(
                first.as_ref(),
                // "The mayor, after the storm hit, said": a subordinate clause set off
                "after" | "before" | "when" | "while" | "although" | "despite" | "during" | "unlike" | "amid" | "following"
            )
            // "The mayor, asked about the storm, said": a participle aside
            || (first.len() > 4 && first.ends_with("ed") && !self.is_cap(open)));
        let parenthetical = aside
            || matches!(
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
            )
            || first.ends_with("ing")
            || first.ends_with("ly");
        // "However, he held his fire on the governor, calling": a sentence adverb opening the
        // sentence is no holder, and the stretch after it is the clause itself
        if he == hs + 1 && hs == b.lo && self.opening_adverb(hs) {
            return None;
        }
        if parenthetical {
            return Some((hs, he));
        }
        // an apposition: a short stretch of words with no cue and no clause opener
        let words_only = (open..close).all(|k| self.toks[k].is_word() || matches!(self.word(k), "(" | ")" | "-"));
        // "Just under half, 48%, say": a figure restating a share
        let figure = self.is_quantity(he - 1)
            && (open..close).any(|k| self.toks[k].kind == TokKind::Number)
            && (open..close).all(|k| self.toks[k].kind == TokKind::Number || matches!(self.word(k), "%" | "percent"));
        if figure {
            return Some((hs, close));
        }
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
    pub(super) fn np_simple(&self, pos: usize, b: Bounds) -> Option<(usize, usize)> {
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
        // "all of whom opposed", "two of whom have said": a count of the people a
        // relative clause speaks of
        if self.word_is(last, "whom")
            && last >= b.lo + 2
            && self.word_is(last - 1, "of")
            && (self.is(last - 2, bit::COUNTED_SUBJECT | bit::QUANTITY) || self.toks[last - 2].kind == TokKind::Number)
        {
            return Some((last - 2, pos));
        }
        // ("another says", "neither would say": a determiner standing for a noun said before;
        // "Some say", "…, many said", "But most oppose": a word counting people, opening
        // its clause)
        let opens_clause = last == b.lo || !self.toks[last - 1].is_word() || self.is(last - 1, bit::CLAUSE_OPENER);
        let elliptical = one_of(self.word(last), &["another", "neither", "each", "both", "one"])
            || (self.is(last, bit::COUNTED_SUBJECT) && opens_clause);
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
        // a particle that opens a surname: capitalised ("De Blasio", "Van Hollen"), or in
        // lower case at the start or after punctuation ("…, de Blasio said")
        let particle = |k: usize| {
            self.is_cap(k + 1)
                && one_of(self.word(k), NAME_PARTICLES)
                && (self.is_cap(k) || k == b.lo || !self.toks[k - 1].is_word())
        };
        // walk left over the phrase
        while s > b.lo && pos - s < MAX_NP {
            let i = s - 1;
            let t = self.toks[i];
            if !t.is_word() {
                // "a CNN/ORC poll", "the Reuters/Ipsos poll", "9/11 widow": a slash
                // between two names or figures joins them
                let named = |k: usize| self.is_cap(k) || self.toks[k].kind == TokKind::Number;
                if i > b.lo && self.is_punct(i, "/") && named(i - 1) && named(s) {
                    s = i;
                    continue;
                }
                break;
            }
            let w = self.word(i);
            // "at least 2,000", "more than half", "nearly three in five": a counted holder
            if self.is_quantity(s) {
                let pair = i > b.lo && bounds_a_count(self.word(i - 1), w);
                if pair {
                    s = i - 1;
                    counted = true;
                    break;
                }
                if one_of(w, APPROXIMATORS) {
                    s = i;
                    break;
                }
            }
            // "About four in 10 voters": an approximation opens a counted holder
            if self.is_quantity(i) && i > b.lo && one_of(self.word(i - 1), APPROXIMATORS) {
                s = i - 1;
                counted = true;
                break;
            }
            if self.is(i, bit::DETERMINER) {
                // "Sanders and his supporters", "the mayor and her campaign": a second holder
                // joined to a name or a known holder
                let joined = i > b.lo + 1
                    && self.word_is(i - 1, "and")
                    && (self.is_cap(i - 2) || self.is(i - 2, bit::GROUP_NOUN))
                    && self.toks[i - 2].is_word()
                    && (self.is(last, bit::GROUP_NOUN) || plural_form(&lower(self.word(last))));
                if joined {
                    s = i - 1;
                    continue;
                }
                // a determiner opens the phrase unless a joiner precedes it ("chief of the")
                if i > b.lo && self.is(i - 1, bit::JOINER) && !self.word_is(i - 1, "and") {
                    s = i - 1;
                    continue;
                }
                // or the formula of anonymous sourcing ("aides close to the governor")
                if i > b.lo + 1 && self.word_is(i - 1, "to") && self.word_is(i - 2, "close") {
                    s = i - 2;
                    continue;
                }
                s = i;
                break;
            }
            if w.eq_ignore_ascii_case("and") {
                // "Smith and Jones", "experts and critics": join two holders
                let left_ok =
                    i > b.lo && (self.is_cap(i - 1) || self.is(i - 1, bit::GROUP_NOUN) || self.is(i - 1, bit::PRONOUN));
                // ("officials and political operatives": a modifier before a known holder's
                // head; a determiner after "and" is the determiner branch's: "Sanders and his
                // supporters")
                let right_ok = self.is_cap(s)
                    || self.is(s, bit::GROUP_NOUN)
                    || (self.is(last, bit::GROUP_NOUN) && (s..last).all(|k| self.toks[k].is_word()));
                if left_ok && right_ok {
                    s = i;
                    continue;
                }
                // "The former mayor and radio host said": two lower-case titles of one
                // person (or two people) joined under a determiner that opens the clause
                if let Some(d) = self.determiner_opening_conjunct(i, b) {
                    s = d;
                    break;
                }
                break;
            }
            // "aides close to Ortiz": the formula of anonymous sourcing
            if self.word_is(i, "to") && i > b.lo && self.word_is(i - 1, "close") {
                s = i - 1;
                continue;
            }
            if self.is(i, bit::JOINER) {
                // "De Blasio", "Van Hollen", "…, de Blasio said": a particle opens the surname
                if particle(i) {
                    s = i;
                    continue;
                }
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
            if !self.is_cap(i) && !self.is(i, bit::GROUP_NOUN) {
                // "the mayor spoke for an hour": an irregular past ends the phrase
                if is_past_form(w) {
                    break;
                }
                // "registered voters", "the elected officials": a participle after a
                // determiner or opening the clause describes the noun after it; so does one
                // after a joiner or a count ("a group of retired teachers", "52 percent of
                // registered voters", "three elected officials"), where no verb can stand
                let adjective = ends_with_ci(w, "ed")
                    && (i == b.lo
                        || self.is(i - 1, bit::DETERMINER)
                        || (self.is(i - 1, bit::JOINER) && !self.word_is(i - 1, "and"))
                        || self.is_quantity(i - 1)
                        || matches!(self.word(i - 1), "," | "“" | "\"" | "—"));
                if (ends_with_ci(w, "ly") || ends_with_ci(w, "ed")) && !adjective {
                    break; // an adverb or a verb: the phrase is over
                }
            }
            s = i;
        }
        // never start on a joiner, but a name may open on its particle ("De Blasio said")
        while s < last && !counted && (self.is(s, bit::JOINER) && !self.is(s, bit::DETERMINER)) && !particle(s) {
            s += 1;
        }
        // a bare lower-case word that is not a known holder is not enough ("the plan", "protesters" are fine; "it" handled above)
        let first = self.word(s);
        let ok_start = self.is_cap(s)
            || self.is_cap(last)
            || self.is(s, bit::DETERMINER)
            || self.is(s, bit::GROUP_NOUN)
            || self.is(s, bit::DOCUMENT_NOUN)
            // ("elected officials": a participle describing a known holder)
            || (s < last && ends_with_ci(first, "ed") && self.is(s + 1, bit::GROUP_NOUN))
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

    /// The determiner opening the left conjunct before "and" at `and`, when that
    /// conjunct is a short run of plain modifiers and a noun ("the former mayor") and the determiner opens its clause (the sentence start or after
    /// punctuation): then "and" joins two noun phrases, not two clauses.
    fn determiner_opening_conjunct(&self, and: usize, b: Bounds) -> Option<usize> {
        let mut k = and;
        while k > b.lo && and - k < 5 {
            k -= 1;
            if !self.toks[k].is_word() {
                return None;
            }
            if self.is(k, bit::DETERMINER) {
                let opens = k == b.lo || !self.toks[k - 1].is_word();
                let article = one_of(self.word(k), &["the", "a", "an"]);
                return (opens && article && k + 1 < and).then_some(k);
            }
            let w = self.word(k);
            // (capitalised modifiers are fine: "the Democratic front-runner")
            let plain = !self.is_cue_word(k)
                && !self.is(k, bit::JOINER | bit::PREPOSITION | bit::CLAUSE_OPENER | bit::AUXILIARY)
                && !self.is(k, bit::PRONOUN | bit::NEGATOR | bit::TIME_WORD)
                && !is_past_form(w)
                && !ends_with_ci(w, "ly")
                && !ends_with_ci(w, "ing");
            // ("the retired teacher": a participle right after the determiner describes
            // the noun; elsewhere an -ed word may be the clause's verb)
            let verb_like = ends_with_ci(w, "ed") && !(k > b.lo && self.is(k - 1, bit::DETERMINER));
            if !plain || verb_like {
                return None;
            }
        }
        None
    }

    /// The first token of a listed holder phrase ("a senior official") that
    /// ends with token `end_tok`, if any.
    fn is_source_hit_ending(&self, end_tok: usize) -> Option<usize> {
        let s = self.source_from[end_tok];
        (s != u32::MAX).then_some(s as usize)
    }

    /// A noun phrase starting at `pos`, scanning forwards.
    pub(super) fn np_forward(&self, pos: usize, b: Bounds, audience: bool) -> Option<(usize, usize)> {
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
                // "told CNN she believed …", "told reporters he’d back …": a subject pronoun
                // opens the next clause; it never goes on a noun phrase
                if subject_pronoun(w) {
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
                        || is_past_form(w)
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

    /// Is a holder `s..e` that `np_back` found before a participle cue at `cue`
    /// after a comma ("…, arguing") rather the end of the clause the participle
    /// continues: a noun phrase a word before it governs, a verb's object or a
    /// preposition's ("The mayor spoke about [the storm in Tulsa], arguing …")?
    /// A holder opening the sentence or set off by punctuation is the participle's
    /// own ("The senator, citing the report, …").
    pub(super) fn governed_before_participle(&self, s: usize, e: usize, cue: usize, b: Bounds) -> bool {
        cue > b.lo + 1
            && self.is_punct(cue - 1, ",")
            && ends_with_ci(self.word(cue), "ing")
            && e < cue
            && s > b.lo
            && self.toks[s - 1].is_word()
            && !self.quotes.inside(s)
    }

    /// Can a post-posed holder start at `s`? A name, a determiner or a subject pronoun,
    /// not a time word, a preposition or a bare lower-case noun.
    pub(super) fn holder_shaped(&self, s: usize, e: usize) -> bool {
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
    pub(super) fn np_to_comma(&self, pos: usize, b: Bounds, to_end: bool) -> Option<(usize, usize)> {
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

    /// The end of the holder [s, e) before its relative clause ("officials | who …").
    pub(super) fn head_end(&self, s: usize, e: usize) -> usize {
        (s + 1..e)
            .find(|&k| {
                one_of(self.word(k), &["who", "whose"])
                    || self.participle_subject(k, Bounds { lo: s, hi: e }) == Some(s)
            })
            .unwrap_or(e)
    }

    /// The noun before the first prepositional phrase of the holder [s, e): "survey" in
    /// "a survey of riders", "polls" in "polls in Ohio". With `agent`, a "by" phrase counts
    /// too ("a study by Loyola professors"); without it, "an analysis by the Pew Research
    /// Center" keeps its name.
    pub(super) fn head_before_phrase(&self, s: usize, e: usize, agent: bool) -> Option<usize> {
        (s + 1..e)
            .find(|&k| {
                let w = self.word(k);
                // "a poll released Monday": a participle after the head opens a phrase too
                // (not after an adverb: "a closely watched poll")
                let participle = k > s + 1
                    && !self.is_cap(k)
                    && w.len() > 4
                    && ends_with_ci(w, "ed")
                    && self.toks[k - 1].is_word()
                    && !ends_with_ci(self.word(k - 1), "ly");
                participle
                    || one_of(w, &["of", "in", "from", "at", "for", "with", "on"])
                    || (agent && w.eq_ignore_ascii_case("by"))
            })
            .map(|k| k - 1)
    }
}

/// Is `w` a subject pronoun, alone or with a contracted verb ("she", "he’d",
/// "they're")?
fn subject_pronoun(w: &str) -> bool {
    let head = w.split(['’', '\'']).next().unwrap_or(w);
    one_of(head, &["he", "she", "they", "we", "i"])
}
