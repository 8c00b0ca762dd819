//! Cues: is a word the lexicon lists as a cue one here, and how far does it
//! reach? `attributions` walks a sentence's cue hits. `cue` turns down the
//! readings in which the word is something else (a name, a noun after a
//! determiner, an infinitive, a plural noun, a request, an outcome), widens the
//! cue over auxiliaries, negation and a hedging frame, then tries the
//! constructions (`constructions.rs`) in grammar order and keeps the first that
//! places a holder and a content and agrees with the cue (a clausal cue needs a
//! clause, a bare lemma a plural subject). A denial no construction placed
//! stands as a marker (`unplaced_dispute`).

use super::lexicon::{Entry, Hit};
use super::tokens::TokKind;
use super::{Bounds, Doc, Partial, bit, ends_with_ci, is_irregular_participle, lower, one_of, plural_form};
use crate::grammar::Element;
use crate::model::{Attribution, Marker, SourceKind, Stance};
use crate::span::Span;

impl Doc<'_> {
    pub(super) fn attributions(&mut self, si: usize, hits: &[Hit], b: Bounds) {
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
        self.push_dispute_marker(rule, Span::new(h.start, h.end));
    }

    /// A dispute marker named after cue rule `rule` (`<rule>-unplaced`) over
    /// `span`, unless a marker of the last few already covers it.
    pub(super) fn push_dispute_marker(&mut self, rule: usize, span: Span) {
        if self.out.markers.iter().rev().take(4).any(|m| m.span.overlaps(span)) {
            return;
        }
        self.out.markers.push(Marker {
            span,
            verdict: crate::model::Verdict::Disputed,
            rule: self.m.unplaced_rule[rule],
            subject: None,
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
        if flags.credit && !(c1 == c0 + 1 && self.credit_dash(c0, b)) {
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
            let Some(mut p) = self.construction(c, k, cue_rule, &form, start, c1, b, first_attr) else {
                continue;
            };
            // "The mayor spoke about the storm, arguing …": the phrase before the comma ends
            // the clause the participle continues; `continuing-participle` finds its holder
            if !aux
                && form.ends_with("ing")
                && c.pattern[..k].iter().any(|e| matches!(e, Element::Source))
                && p.source
                    .is_some_and(|(s, e)| self.governed_before_participle(s, e, start, b))
            {
                continue;
            }
            // a speaker's name stops at a verb the phrase found before the colon took in
            // ("… did not surprise pollster Ana Ruiz:"), and a credit line's at its tag
            // ("― Jane Roe, 54, of Dayton")
            if (flags.speaker || flags.credit)
                && let Some((s, e)) = p.source
            {
                p.source = if flags.credit {
                    let cut = (s..e)
                        .find(|&k| self.is_punct(k, ",") || self.word_is(k, "("))
                        .unwrap_or(e);
                    (cut > s).then_some((s, cut))
                } else if (s..e).any(|k| {
                    let w = self.word(k);
                    self.is(k, bit::AUXILIARY | bit::NEGATOR)
                        || w.ends_with("n't")
                        || w.ends_with("n’t")
                        || (c.meta.name == "name-colon-quote" && self.is(k, bit::PREPOSITION) && !self.word_is(k, "of"))
                }) {
                    let mut from = e;
                    while from > s
                        && (self.is_cap(from - 1) || self.is(from - 1, bit::JOINER))
                        && self.toks[from - 1].is_word()
                    {
                        from -= 1;
                    }
                    (from < e && self.is_cap(from)).then_some((from, e))
                } else {
                    Some((s, e))
                };
                if p.source.is_none() {
                    continue;
                }
            }
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
            if flags.share && !p.source.is_some_and(|(s, e)| self.share_of_people(s, e)) {
                continue;
            }
            if bare
                && !flags.prep
                && let Some((s, e)) = p.source
                && !self.plural_subject(s, e)
            {
                continue;
            }
            self.extend_interrupted_quote(&mut p, start, c1, b);
            let mut source = p.source.map(|(s, e)| self.source(s, e));
            // "Ruiz, who had vowed a veto", "the manager who wrote it": the relative
            // pronoun stands for the phrase before it
            if let Some(src) = &mut source
                && let Some((s, e)) = p.source
                && e == s + 1
                && s >= b.lo + 2
                && self.word_is(s, "who")
                && let Some((hs, he)) = if self.is_punct(s - 1, ",") || self.is_dash(s - 1) {
                    self.np_simple(s - 1, b)
                } else {
                    self.np_simple(s, b).filter(|&(hs, _)| !self.is(hs, bit::PRONOUN))
                }
            {
                let mut head = self.source(hs, he);
                // "criticism from lawmakers in Congress who say …": the people in a
                // prepositional phrase, not the phrase's first noun or its last name,
                // are what "who" stands for
                const PREPS: [&str; 6] = ["from", "by", "among", "of", "in", "at"];
                if head.kind == SourceKind::Named {
                    let people = (hs + 1..he).filter(|&k| one_of(self.word(k - 1), &PREPS)).find(|&k| {
                        let p = (k + 1..he).find(|&q| one_of(self.word(q), &PREPS)).unwrap_or(he);
                        self.unnamed_people(k, p)
                    });
                    if people.is_some() {
                        head.kind = SourceKind::Unnamed;
                    }
                }
                src.resolved = Some(head.span);
                src.kind = head.kind;
            }
            // "the mayor released a statement saying …": the statement is its releaser's
            if let Some(src) = &mut source
                && let Some((s, _)) = p.source
                && src.rule == "document"
                && src.kind == SourceKind::Unnamed
                && s > b.lo + 1
                && one_of(self.word(s), &["a", "an"])
                && one_of(self.word(s - 1), &["issued", "released", "sent", "posted", "published"])
                && let Some((rs, re)) = self.np_back(s - 1, b)
            {
                src.kind = self.source(rs, re).kind;
            }
            let mut stance = cue_rule.stance;
            if let Some(src) = &source
                && let Some(r) = self.m.source_rule(src.rule)
                && let Some(st) = r.stance
                && matches!(stance, Stance::Assert | Stance::Believe | Stance::Allege)
            {
                stance = st;
            }
            if flags.own && stance == Stance::Assert && self.own_action(&p.content, c1, b) {
                stance = Stance::Confirm;
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
                learned_end: None,
                learned_holder: None,
            });
        }
        None
    }

    /// Does a content after the cue (ending at token `c1`) announce the
    /// holder's own decision or action: a clause whose subject is a personal
    /// pronoun ("announced [that] she would step down"), or a noun phrase
    /// rather than a clause ("announced new measures")? A clause about
    /// anything else ("announced that sales rose") is a report.
    fn own_action(&self, content: &[Span], c1: usize, b: Bounds) -> bool {
        let Some(first) = content.first().filter(|c| c.start >= self.toks[c1 - 1].end as usize) else {
            return false;
        };
        let mut k = self.tok_at(first.start);
        let that = self.word_is(k, "that");
        if that {
            k += 1;
        }
        while k < b.hi && self.toks[k].is_quote() {
            k += 1;
        }
        if k >= b.hi {
            return false;
        }
        if one_of(self.word(k), &["he", "she", "they", "we", "it", "i"]) {
            return true;
        }
        !that && self.toks[k].is_word() && !self.bare_clause(k, b)
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

    /// Is the sentence written in title case, as headlines are ("Senator Says Deal Is
    /// Near")? Then a capital says nothing about names.
    pub(super) fn title_case(&self, b: Bounds) -> bool {
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
    /// Before a quote the name may also follow a headline's dash ("POLLS WERE
    /// EARLY - Ana Ruiz: “…”"), close a sentence that names no cue of its own ("The
    /// result did not surprise pollster Ana Ruiz: “…”"), carry a party tag ("Rep. Ana
    /// Ruiz (D-Ore.):") and be longer.
    fn speaker_colon(&self, colon: usize, b: Bounds) -> bool {
        let para = self.paragraph_of(self.toks[b.lo].start as usize);
        let opens_paragraph = self
            .seg
            .paragraphs
            .get(para)
            .is_some_and(|p| p.span.start == self.toks[b.lo].start as usize);
        let quote_after = colon + 1 < b.hi && self.toks[colon + 1].kind == TokKind::OpenQuote;
        // a name: capitalised words, possessives, "of" ("Secretary of State Kerry"); a
        // preposition makes a phrase, not a name ("Stealth Over Health: …")
        let name_word = |k: usize| {
            let w = lower(self.word(k));
            self.toks[k].is_word()
                && (!self.is_cue_word(k) || self.is_cap(k))
                && (w == "of" || !self.is(k, bit::PREPOSITION))
                && (self.is_cap(k) || self.is(k, bit::JOINER) || w.ends_with("s'") || w.ends_with("s’"))
        };
        if quote_after && colon > b.lo {
            // a party or state tag in brackets closes the name: "(R-S.C.)"
            let mut end = colon;
            if self.word_is(end - 1, ")")
                && let Some(open) = (end.saturating_sub(6).max(b.lo)..end - 1)
                    .rev()
                    .find(|&k| self.word_is(k, "("))
            {
                end = open;
            }
            let named = |s: usize| {
                s < end
                    && end - s <= 8
                    && self.is_cap(s)
                    && self.is_cap(end - 1)
                    && (s..end).all(|k| {
                        (self.toks[k].is_word() || self.word_is(k, ".")) && (!self.is_cue_word(k) || self.is_cap(k))
                    })
            };
            // the whole line up to the colon: "Former secretary of state Ana Ruiz:“…”"
            if opens_paragraph
                && named(b.lo)
                && (b.lo..end).all(|k| !self.is(k, bit::PREPOSITION) || self.word_is(k, "of"))
            {
                return true;
            }
            // after a headline's dash: "POLLS WERE EARLY - Ana Ruiz: “…”"
            if opens_paragraph
                && let Some(d) = (b.lo + 1..end).rev().find(|&k| self.is_dash(k))
                && end - d - 1 <= 5
                && (d + 1..end).all(name_word)
            {
                return true;
            }
            // closing a sentence with no cue of its own: "… did not surprise pollster Ana Ruiz: “…”"
            // (the name stands as an object, not after a preposition: "a message to Ruiz:",
            // "later on CNN:" introduce a quote without saying whose it is)
            let mut from = end;
            while from > b.lo
                && self.toks[from - 1].is_word()
                && (self.is_cap(from - 1) || self.is(from - 1, bit::JOINER))
            {
                from -= 1;
            }
            if from > b.lo
                && from < end
                && self.is_cap(from)
                && (end - from) <= 5
                && self.toks[from - 1].is_word()
                && !self.is(from - 1, bit::PREPOSITION | bit::DETERMINER | bit::POSSESSIVE)
                && !(b.lo..end).any(|k| self.is_cue_word(k) || self.toks[k].is_quote())
            {
                return true;
            }
        }
        let name = b.lo..colon;
        // a headline's speaker and a topic: "Ruiz on Harbour Fees: …" (the clause after the
        // colon is read as for any speaker)
        let topic = self.headline_topic(colon, b).is_some();
        if !topic {
            if !opens_paragraph || name.is_empty() || name.len() > 5 || !self.is_cap(b.lo) {
                return false;
            }
            if !name.clone().all(name_word) {
                return false;
            }
            // a label that names nobody: "The Latest: …", "BREAKING: …", "Editor's note: …"
            // (lists headline-labels and non-claim-headings)
            let label = lower(&self.text[self.toks[b.lo].start as usize..self.toks[colon - 1].end as usize]);
            if self.m.speaker_labels.iter().any(|l| *l == label) {
                return false;
            }
            // "Q:" marks an interviewer's turn in a transcript: whatever follows is speech
            // ("A:" reads as the article "a", so answers are left to their own cues)
            if name.len() == 1 && self.word(b.lo) == "Q" {
                return true;
            }
        }
        let rest = colon + 1..b.hi;
        let words = rest.clone().filter(|&k| self.toks[k].is_word()).count();
        // "Poll: …", "Officials: …": a headline crediting a document or a group
        let credit = name.len() == 1 && self.is(b.lo, bit::DOCUMENT_NOUN | bit::GROUP_NOUN);
        words >= 3
            && (credit
                || rest.into_iter().any(|k| {
                    let w = lower(self.word(k));
                    // a quote, a verb we can see, or the speaker's own voice ("Clinton: I support …",
                    // "I'd consider …")
                    self.toks[k].is_quote()
                        || self.is(k, bit::AUXILIARY | bit::NEGATOR)
                        || matches!(
                            w.as_ref(),
                            "i" | "we" | "my" | "our" | "me" | "us" | "i'm" | "i’m" | "we're" | "we’re"
                        )
                        || w.ends_with("n't")
                        || w.ends_with("n’t")
                        || ["'d", "’d", "'ll", "’ll", "'ve", "’ve"].iter().any(|c| w.ends_with(c))
                        || (w.len() > 4 && w.ends_with("ed"))
                        || is_irregular_participle(&w)
                        // a cue verb after its subject: "Hillary thinks …", "… threatens …"
                        || (k > colon + 1
                            && self.is_cue_word(k)
                            && w.ends_with('s')
                            && !self.is(k, bit::PLURAL_NOUN)
                            && !self.is(k - 1, bit::DETERMINER | bit::POSSESSIVE | bit::PREPOSITION))
                }))
    }

    /// A headline's speaker and what or whom they speak on or to, before the
    /// colon at `colon`: "Ruiz on Harbour Fees: …", "Mayor Ortiz to Tenants: …",
    /// "Former Chief Holt at Council: …". Only in the document's first paragraph,
    /// its headline, which the name opens: one to four capitalised words, no
    /// determiner, pronoun or cue word among them ("A Plan to Fix the Pier:", "Still
    /// to come:", "Trump Responds to Critics:"), then "on", "to" or "at" and a
    /// capitalised topic of at most eight tokens. Returns the preposition.
    pub(super) fn headline_topic(&self, colon: usize, b: Bounds) -> Option<usize> {
        let headline = self.seg.paragraphs.first()?;
        if colon <= b.lo + 2 || colon >= self.toks.len() || headline.span.start != self.toks[b.lo].start as usize {
            return None;
        }
        let prep = (b.lo + 1..colon.min(b.lo + 5)).find(|&k| {
            let w = lower(self.word(k));
            matches!(w.as_ref(), "on" | "to" | "at")
        })?;
        let name_ok = (b.lo..prep).all(|k| {
            self.toks[k].is_word()
                && (self.is_cap(k) || self.word_is(k, "of"))
                && !self.is(k, bit::DETERMINER | bit::PRONOUN)
                && !self.is_cue_word(k)
        }) && self.is_cap(b.lo)
            && self.is_cap(prep - 1);
        let topic = prep + 1..colon;
        let topic_ok = !topic.is_empty()
            && topic.len() <= 8
            && self.is_cap(prep + 1)
            && topic
                .clone()
                .all(|k| self.toks[k].is_word() || self.toks[k].kind == TokKind::Number || self.word_is(k, "."));
        (name_ok && topic_ok).then_some(prep)
    }

    /// Is the dash at `dash` a credit line: a quote that makes up its whole
    /// paragraph, then the dash and a short capitalised name, on the same line
    /// ("“We will win.” ― Jane Roe, 54, of Dayton") or on a line of its own
    /// after the quote's paragraph ("- Jane Roe.")? A dash inside a sentence
    /// ("the slogan “Build the wall” — Smith's idea — ...") is no credit.
    pub(super) fn credit_dash(&self, dash: usize, b: Bounds) -> bool {
        if !self.is_credit_mark(dash) || dash == 0 || self.toks[dash - 1].kind != TokKind::CloseQuote {
            return false;
        }
        let para = self.paragraph_of(self.toks[dash].start as usize);
        let para_start = |p: usize| self.seg.paragraphs.get(p).map(|p| p.span.start);
        let quote_para = self.paragraph_of(self.toks[dash - 1].start as usize);
        let same_line = quote_para == para;
        let own_line = quote_para + 1 == para && para_start(para) == Some(self.toks[dash].start as usize);
        if !(same_line || own_line) {
            return false;
        }
        // the quote opens its paragraph and holds a sentence (at least three words)
        let Some(q) = self.quotes.closing_at(dash - 1) else {
            return false;
        };
        let open = self.quotes.open_tok(q);
        if para_start(quote_para) != Some(self.toks[open].start as usize)
            || (open..dash).filter(|&k| self.toks[k].is_word()).count() < 3
        {
            return false;
        }
        // a capitalised name follows, and the line ends after a short tag ("Jane Roe, 54,
        // of Dayton", "a retired nurse"): no other dash, quote or verb we can see
        let rest = dash + 1..b.hi;
        dash + 1 < b.hi
            && self.is_cap(dash + 1)
            && self.toks[dash + 1].is_word()
            && rest.clone().filter(|&k| self.toks[k].is_word()).count() <= 12
            && !rest.clone().any(|k| {
                self.toks[k].is_quote()
                    || self.is_credit_mark(k)
                    || self.is(k, bit::AUXILIARY | bit::NEGATOR)
                    || self.paragraph_of(self.toks[k].start as usize) != para
            })
    }

    /// A dash of any kind, or the horizontal bar "―" of a credit line.
    pub(super) fn is_credit_mark(&self, i: usize) -> bool {
        self.is_dash(i) || (self.toks[i].kind == TokKind::Punct && self.toks[i].bytes(self.text) == "―".as_bytes())
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

    /// Does the phrase [s, e) count or share out people ("60 percent of voters",
    /// "two-thirds of residents", "most respondents", "a majority")?
    fn share_of_people(&self, s: usize, e: usize) -> bool {
        (s..e.min(s + 3)).any(|k| self.toks[k].kind == TokKind::Number || self.is(k, bit::QUANTITY))
            || self.is(s, bit::COUNTED_SUBJECT)
    }

    /// Is the phrase [s, e) a plural or first/second-person subject?
    fn plural_subject(&self, s: usize, e: usize) -> bool {
        // "executives who have worked with him": the head stands before the relative clause
        // (and before its comma: "…, say some residents, who live near the pier")
        let mut e = self.head_end(s, e);
        while e > s + 1 && self.is_punct(e - 1, ",") {
            e -= 1;
        }
        let head = lower(self.word(e - 1));
        if e - s == 1 && matches!(head.as_ref(), "i" | "we" | "you" | "they" | "who") {
            return true;
        }
        // a share of a group: "61 percent say", "three-fourths say", "4 in 10 say"
        if head == "%" || (self.is_quantity(e - 1) && head != "one") {
            return true;
        }
        // "the mayor and the council say": the phrase found may be the last of two joined
        if (s..e).any(|i| self.word_is(i, "and"))
            || (s >= 2 && self.word_is(s - 1, "and") && self.toks[s - 2].is_word())
        {
            return true;
        }
        // "diplomats based in Geneva say", "residents hoping for rain say": the head stands
        // before the participle that describes it
        let participle = (s + 1..e).find(|&k| {
            let w = self.word(k);
            !self.is_cap(k) && w.len() > 4 && (ends_with_ci(w, "ed") || ends_with_ci(w, "ing"))
        });
        if let Some(k) = participle
            && self.plural_subject(s, k)
        {
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
}
