//! Constructions: matching one grammar pattern around a cue. The elements
//! before the cue are matched right to left (`back`), those after it left to
//! right (`forward`); the gates (`gate_before`, `gate_after`) turn a
//! construction down on the token next to the cue before any of it is built.
//! A quote interrupted by its attribution is joined up here, and the passive
//! constructions ("it is believed that", "was denied by"), which the grammar
//! does not spell out, are built in code (`passive`).

use super::tokens::TokKind;
use super::{Bounds, Doc, Gate, Partial, bit, ends_with_ci, lower, one_of};
use crate::grammar::{Construction, Element};
use crate::model::{Attribution, Source, Stance};
use crate::span::Span;

impl Doc<'_> {
    /// Can the element before a cue widened to start at `start` match? (what `back` checks first)
    pub(super) fn gate_before(&self, gate: Gate, start: usize, b: Bounds) -> bool {
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
    pub(super) fn gate_after(&self, gate: Gate, c1: usize, b: Bounds) -> bool {
        match gate {
            Gate::Word(w) => c1 < b.hi && self.word_is(c1, w),
            _ => true,
        }
    }

    /// Try one construction around the cue at tokens [start, c1); the cue is
    /// element `k` of its pattern.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn construction(
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
        if self.set_off_subject_before(c, k, start, b, &p) {
            return None;
        }
        if p.source.is_none() && p.subject {
            p.source = self.subject(b, first_attr, start);
            p.source?;
        }
        Some(p)
    }

    /// Is the content of an inverted, closing attribution ("CONTENT, CUE SOURCE.") only a
    /// noun phrase with its apposition, the whole stretch from the sentence's start to the
    /// comma (and the cue not "according to", whose source always follows it)? Then it is
    /// the cue's subject and the phrase after the cue its object: "Ana Ruiz, a retired
    /// nurse, praised the mayor's plan.", "Tom Reyes, the port's spokesman, said the lease
    /// was void." The inverted order needs a clause or a quote before the comma ("The
    /// plant will close, said a spokeswoman.").
    fn set_off_subject_before(&self, c: &Construction, k: usize, start: usize, b: Bounds, p: &Partial) -> bool {
        let closing_inverted = k == 2
            && matches!(c.pattern.first(), Some(Element::Content))
            && matches!(c.pattern.last(), Some(Element::End));
        if !closing_inverted || p.prep || p.content.len() != 1 || start < b.lo + 2 {
            return false;
        }
        let content_start = self.tok_at(p.content[0].start);
        if self.toks[content_start].kind == TokKind::OpenQuote {
            return false;
        }
        // (a name and its apposition: one comma inside; a lone stretch up to the comma may
        // be a clause the noun-phrase reader walks through)
        self.np_back(start, b).is_some_and(|(s, e)| {
            s <= content_start && e + 1 >= start && !self.is(s, bit::PRONOUN) && (s..e).any(|k| self.is_punct(k, ","))
        })
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
            // "Ruiz on Harbour Fees:": the topic runs back from the colon to its preposition
            Element::Topic => self.headline_topic(pos, b),
            Element::Source | Element::Audience => {
                let (s, e) = self.np_back(pos, b)?;
                p.source = Some((s, e));
                Some(s)
            }
            Element::Quote => {
                // “Is that all?” Trump said. — the quote may close the sentence before
                // (or, before a credit line's dash, close the paragraph before: “…” / "- Jane Roe.")
                let closes_before = pos == b.lo
                    && pos > 0
                    && self.toks[pos - 1].kind == TokKind::CloseQuote
                    && (self.paragraph_of(self.toks[pos - 1].start as usize)
                        == self.paragraph_of(self.toks[pos].start as usize)
                        || self.credit_dash(pos, b));
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
                // "Asked about the pier, the mayor said, …": the question is an
                // attribution of its own (`asked-participle`), not this content
                if !(s == b.lo && self.word_is(s, "asked")) {
                    p.content.insert(0, self.span(s, pos));
                }
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
                // a quote's attribution may end on its topic ("“…,” she said of the move."),
                // where a clause's would take it as the cue's object ("raised concerns about
                // the plan")
                let quoted = p
                    .content
                    .first()
                    .is_some_and(|c| self.toks[self.tok_at(c.start)].kind == TokKind::OpenQuote);
                let mut i = self.skip_adverbials(pos, b, quoted);
                // "“…,” she said with a laugh.", "“…,” he said to cheers.": after a quote, any
                // prepositional phrase closing the sentence is the manner of the saying
                while quoted && i < b.hi && self.is(i, bit::PREPOSITION) && !self.word_is(i, "that") {
                    let mut j = i + 1;
                    while j < b.hi && self.toks[j].is_word() && !self.word_is(j, "that") && !self.is_cue_word(j) {
                        j += 1;
                    }
                    if j == i + 1 {
                        break;
                    }
                    i = self.skip_adverbials(j, b, quoted);
                }
                if i >= b.hi {
                    return Some(i);
                }
                let t = self.toks[i];
                // "In a statement, the mayor said: “…”": an adverbial that opens the sentence
                // is no content when the cue's own content follows it (a colon, a quote)
                if (self.is_punct(i, ":") || t.kind == TokKind::OpenQuote)
                    && let [c] = p.content.as_slice()
                    && self.opening_adverbial(self.tok_at(c.start))
                {
                    return None;
                }
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
                // "… the mayor said on Monday, will open": a comma after the cue may follow its
                // adverbials (but not its topic: "raised concerns about the plan, with …")
                let at = if after_cue && text == "," {
                    self.skip_adverbials(pos, b, false)
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
                // ("…, say some residents." is a holder: at the clause's end, a group
                // noun cannot be the subject of a content the way "said parents want …" is)
                let closes_clause = e >= b.hi
                    || matches!(self.word(e), "," | "." | ";" | "!" | "?")
                    || self.toks[e].kind == TokKind::CloseQuote;
                let group_at_end = closes_clause && self.is(e - 1, bit::GROUP_NOUN | bit::PLURAL_NOUN);
                if !p.prep && !self.holder_shaped(s, e) && !group_at_end {
                    return None; // "said parents want …", "said Tuesday", "told me"
                }
                if !p.prep {
                    e = self.post_holder_end(e, b);
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
            Element::Cue(_) | Element::Topic => None,
        }
    }

    /// Does the stretch from token `k` open as an adverbial: a preposition or a word
    /// of the list adverbial-openers, after an optional "but", "and" or "so" ("In one
    /// tweet,", "But during the debate,", "While campaigning,")?
    fn opening_adverbial(&self, mut k: usize) -> bool {
        if k + 1 < self.toks.len() && one_of(self.word(k), &["but", "and", "so"]) {
            k += 1;
        }
        k < self.toks.len() && (self.is(k, bit::PREPOSITION) || self.m.lists.adverbial_openers.has(self.word(k)))
    }

    /// “We will win,” she said. “And soon.” — a quote interrupted by its
    /// attribution goes on after it: the second part is content too.
    pub(super) fn extend_interrupted_quote(&self, p: &mut Partial, start: usize, c1: usize, b: Bounds) {
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
                let Some(q) = self.quotes.opening_at(k) else {
                    return;
                };
                // a quoted title after a word ("said on ABC's “This Week.” “…”") is where
                // it was said: the quote that goes on comes after it
                let close = self.quotes.close_tok(q);
                if k > c1 && self.toks[k - 1].is_word() && close <= k + 6 {
                    k = close + 1;
                    continue;
                }
                p.content.push(self.quotes.content_span(q));
                return;
            }
            if !(t.is_word() || matches!(self.word(k), "," | "." | ";")) || self.word_is(k, "that") {
                return;
            }
            k += 1;
        }
    }

    /// "It was reported that ..." (no holder) or "... was criticised by X".
    pub(super) fn passive(
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
            learned_end: None,
            learned_holder: None,
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
        // "new measures were announced on Monday": an announced decision or event
        // (the `own` flag) whose announcer is hidden
        if cue_rule.flags.own
            && !(c1 < b.hi && self.word_is(c1, "that"))
            && let Some((cs, _)) = self.np_back(start, b)
        {
            let mut a = mk(None, vec![self.span(cs, start)], "agentless-passive");
            a.stance = Stance::Confirm;
            return Some(a);
        }
        None
    }
}

impl Doc<'_> {
    /// Where a holder after its cue ends, given the noun phrase ends at `e`.
    /// It keeps what describes it, stretch by stretch up to the sentence's
    /// end: a party tag ("said Sen. Chris Murphy (D-Conn.)"), a relative
    /// clause ("said an official who was not authorised to speak"), an age,
    /// a place or an apposition ("said Gavin Hall, 23, a student from Fresno,
    /// Calif."). It stops before a stretch that goes on with the sentence: a
    /// participle ("…, speaking publicly for the first time"), a conjunction,
    /// "which", an auxiliary or a reporting verb of its own ("…, who said he
    /// would not vote").
    pub(super) fn post_holder_end(&self, e: usize, b: Bounds) -> usize {
        let mut e = e;
        // "Sen. Chris Murphy (D-Conn.)": a short bracketed tag
        if e + 2 < b.hi && self.is_punct(e, "(") {
            let close = (e + 1..b.hi.min(e + 8)).find(|&k| self.is_punct(k, ")"));
            if let Some(c) = close {
                e = c + 1;
            }
        }
        loop {
            let relative = e < b.hi && (self.word_is(e, "who") || self.word_is(e, "whose"));
            let set_off = e + 2 < b.hi && self.is_punct(e, ",");
            if !relative && !set_off {
                return e;
            }
            let first = if set_off { e + 1 } else { e };
            let w1 = self.word(first);
            let goes_on = ends_with_ci(w1, "ing")
                || one_of(w1, &["and", "but", "as", "while", "according", "which", "that", "when"])
                || self.is(first, bit::AUXILIARY)
                // a circumstance: "…, after listening to the speech", "…, in a statement",
                // "…, surrounded by his family"
                || (set_off
                    && !self.is_cap(first)
                    && (ends_with_ci(w1, "ed") || self.is(first, bit::PREPOSITION))
                    && !w1.eq_ignore_ascii_case("of"));
            if goes_on {
                return e;
            }
            // the stretch: words (and a bracketed tag) up to the next comma or the end
            let mut k = first;
            let mut clause = relative;
            while k < b.hi && k - first < 30 && (self.toks[k].is_word() || matches!(self.word(k), "(" | ")" | "-")) {
                // a relative clause that reports speech is an attribution of its own ("…, who
                // said he would not vote"); "who voted against the bill" describes the holder,
                // and in an apposition a cue word is a noun ("a think tank")
                let reports = k + 1 < b.hi
                    && (self.word_is(k + 1, "that") || self.is(k + 1, bit::PRONOUN) || self.toks[k + 1].is_quote());
                if clause && k > first && self.is_cue_word(k) && !self.is_cap(k) && reports {
                    return e;
                }
                clause |= one_of(self.word(k), &["who", "whose", "that"]);
                k += 1;
            }
            let ends = k >= b.hi || matches!(self.word(k), "." | "!" | "?" | ";" | ",");
            // (a relative clause needs a verb: two words at least)
            if !ends || k <= first + usize::from(relative) {
                return e;
            }
            e = k;
        }
    }
}
