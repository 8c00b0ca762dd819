//! Hedges and markers in a sentence: which lexicon hits stand as hedges (the
//! rule's casing, clause and sentence position and context phrases, and the
//! sense tests of `hedge_context.rs`) and which as markers; a vague holder as a
//! weasel hedge (`weasel_holders`); and what the cue reader asks about the
//! hedges found ("does a hedge end right before this 'to'?").

use super::lexicon::{Entry, Hit};
use super::tokens::TokKind;
use super::{Bounds, Doc, bit, one_of};
use crate::model::{Hedge, HedgeKind, Marker, SourceKind};
use crate::span::Span;

impl Doc<'_> {
    pub(super) fn hedges_and_markers(&mut self, hits: &[Hit], b: Bounds) {
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
                    // "to" before a name is a preposition, not the infinitive the hedge
                    // needs: "the saint appeared to Maria" is an apparition, not "seemed to"
                    if t1 > t0 && t1 < b.hi && self.word_is(t1 - 1, "to") && self.is_cap(t1) && !self.title_case(b) {
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
                        subject: None,
                    });
                }
                _ => {}
            }
        }
    }

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

    /// A vague holder ("critics say", "experts believe") is a weasel attribution: a hedge.
    pub(super) fn weasel_holders(&mut self, first: usize) {
        for k in first..self.out.attributions.len() {
            let Some(src) = &self.out.attributions[k].source else {
                continue;
            };
            // criticism a holder is said to voice ("the union criticized the plan") is
            // theirs: not the vague, unattributed criticism of `vague-criticism`
            let cue = self.out.attributions[k].cue;
            let near = self.out.hedges.len().saturating_sub(16);
            let mut kept = near;
            for j in near..self.out.hedges.len() {
                let h = &self.out.hedges[j];
                if !(h.rule == "vague-criticism" && h.span.overlaps(cue)) {
                    self.out.hedges.swap(kept, j);
                    kept += 1;
                }
            }
            self.out.hedges.truncate(kept);
            let first = src.span.slice(self.text).split_whitespace().next().unwrap_or("");
            let quantified = one_of(
                first,
                &["some", "many", "most", "several", "others", "numerous", "various"],
            );
            let vague = quantified || self.m.source_rule(src.rule).is_some_and(|r| r.class == "vague");
            // a counted share ("some 40 percent of renters") is a figure, not a vague quantity
            if vague && src.kind == SourceKind::Unnamed && src.rule != "share-of-group" {
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

    pub(super) fn hedge_ends_at(&self, tok: usize) -> bool {
        let end = self.toks[tok].end as usize;
        self.out.hedges.iter().any(|h| h.span.end == end)
    }

    pub(super) fn hedge_start_tok(&self, tok: usize) -> usize {
        let end = self.toks[tok].end as usize;
        self.out
            .hedges
            .iter()
            .find(|h| h.span.end == end)
            .map_or(tok, |h| self.tok_at(h.span.start))
    }

    pub(super) fn hedge_covers(&self, tok: usize) -> bool {
        let s = self.toks[tok].span();
        self.out
            .hedges
            .iter()
            .rev()
            .take(8)
            .any(|h| h.span.contains(s) && h.kind == HedgeKind::Modal)
    }

    pub(super) fn hedge_covers_any(&self, tok: usize) -> bool {
        let s = self.toks[tok].span();
        self.out.hedges.iter().rev().take(8).any(|h| h.span.contains(s))
    }
}
