//! Holder kind: whether a holder is named or unnamed, and the rule that says so
//! (`source`): a pronoun, a listed source phrase, a group noun, a share of a
//! group, a document, a bare plural, a capitalised group, or a name.

use super::holder_search::{APPROXIMATORS, bounds_a_count};
use super::lexicon::Entry;
use super::{Bounds, Doc, bit, one_of, plural_form};
use crate::model::{Source, SourceKind};
use crate::span::Span;

impl<'a> Doc<'a> {
    pub(super) fn source(&self, s: usize, e: usize) -> Source {
        let s = self.quantity_lead(s);
        let span = self.span(s, e);
        // a relative clause describes the holder; the kind comes from the head before it
        let e = self.head_end(s, e);
        let first = self.word(s);
        let mut rule: &'static str = "noun-phrase";
        let kind = if e - s == 1 && self.is(e - 1, bit::PRONOUN) {
            rule = "pronoun";
            SourceKind::Named
        } else if self.is_share(s, e) {
            rule = "share-of-group"; // "one in four say", "some 40 percent of renters said"
            SourceKind::Unnamed
        } else if self.anonymous_description(s, span.end) {
            rule = "anonymous"; // "a Republican familiar with the remarks", "two aides close to her"
            SourceKind::Unnamed
        } else if let Some(r) = self.source_rule_in(span) {
            rule = self.m.grammar.sources[r].meta.name;
            let sr = &self.m.grammar.sources[r];
            if sr.class == "document" && self.has_proper(s, e) {
                SourceKind::Named
            } else {
                sr.kind
            }
        } else if self.possessed_role(s, e) {
            rule = "possessed-role"; // "his chief aide", "Ortiz's spokesman": one person
            SourceKind::Named
        } else if (self.is(e - 1, bit::GROUP_NOUN) && !self.named_head_before_phrase(s, e))
            || self.vague_head_before_phrase(s, e)
        {
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
        } else if self.capitalised_group(s, e) && !self.is_surname(e - 1) {
            rule = "group-noun"; // "Republicans denounced", "most Democrats say": a party or a people
            SourceKind::Unnamed
        } else if self.has_proper(s, e) || self.is_cap(s) && !self.is(s, bit::DETERMINER) {
            SourceKind::Named
        } else if self.document_of_definite(s, e) {
            // "a transcript of the hearing": the hearing identifies it (the rule stays the chunker's)
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
        // a name set off from its description: "Mark Ruiz, a housing expert"
        let kind = if kind == SourceKind::Unnamed && rule == "group-noun" && self.name_before_apposition(s, e) {
            rule = "apposition";
            SourceKind::Named
        } else {
            kind
        };
        Source {
            span,
            kind,
            rule,
            resolved: None,
        }
    }

    /// Does the holder [s, e) open with a name set off by a comma from what
    /// describes it ("Mark Ruiz, a housing expert", "Tom and Ana Reyes, the
    /// parents")? The name, not the description's noun, decides: named. Not a
    /// list ("Ana Ruiz, a welder, and other residents" has an unnamed member),
    /// and not a party or a people ("Democrats, the party of …").
    fn name_before_apposition(&self, s: usize, e: usize) -> bool {
        let Some(k) = (s + 1..e).find(|&k| self.is_punct(k, ",")) else {
            return false;
        };
        if k + 1 >= e || (k + 1..e).any(|j| one_of(self.word(j), &["and", "or"])) {
            return false;
        }
        let words = (s..k).filter(|&j| self.toks[j].is_word());
        let mut any = false;
        for j in words {
            if one_of(self.word(j), &["and", "&"]) {
                continue;
            }
            if !self.is_cap(j) || self.is(j, bit::DETERMINER | bit::GROUP_NOUN | bit::PRONOUN | bit::QUANTITY) {
                return false;
            }
            any = true;
        }
        let single_initial = k == s + 1 && self.is(s, bit::SENTENCE_INITIAL);
        any && !single_initial && (self.is_surname(k - 1) || !self.capitalised_group(s, k))
    }

    /// Is the holder [s, e) one role of a possessor: a possessive and a singular
    /// role noun ("his chief aide", "her spokesman", "Ortiz's lawyer")? One
    /// person the reader can identify, unlike "his aides".
    fn possessed_role(&self, s: usize, e: usize) -> bool {
        let w = self.word(s);
        // a possessive determiner, or a name in 's among the first three words before the head
        let possessive = self.is(s, bit::POSSESSIVE)
            || (s..(s + 3).min(e.saturating_sub(1))).any(|j| {
                let x = self.word(j);
                (x.ends_with("'s") || x.ends_with("’s")) && self.is_cap(j)
            });
        let head = self.word(e - 1);
        possessive
            && e > s + 1
            && !one_of(w, &["its"])
            && self.is(e - 1, bit::GROUP_NOUN)
            && !plural_form(head)
            && !one_of(
                head,
                &[
                    "one", "someone", "somebody", "anyone", "some", "many", "most", "several", "few", "others",
                ],
            )
    }

    /// Is the holder [s, e) a document identified by what it is of: a document
    /// noun, "of" and a definite or possessive phrase ("a transcript of the
    /// hearing", "a copy of her letter", "a recording of the call")?
    fn document_of_definite(&self, s: usize, e: usize) -> bool {
        self.head_before_phrase(s, e, false).is_some_and(|h| {
            h + 2 < e
                && self.is(h, bit::DOCUMENT_NOUN)
                && !plural_form(self.word(h))
                && self.word_is(h + 1, "of")
                && (one_of(self.word(h + 2), &["the", "this", "that"]) || self.is(h + 2, bit::POSSESSIVE))
        })
    }

    /// Are tokens [s, e) people nobody names: a group noun or a capitalised group
    /// ("lawmakers", "Democrats and Republicans") whose kind is unnamed?
    pub(super) fn unnamed_people(&self, s: usize, e: usize) -> bool {
        e > s
            && (self.is(e - 1, bit::GROUP_NOUN) || self.capitalised_group(s, e))
            && self.source(s, e).kind == SourceKind::Unnamed
    }

    /// Is the holder over tokens `s..` (up to byte `end`) someone described
    /// rather than named: an indefinite, counted or group head ("a Democrat",
    /// "two aides", "aides") followed by what gives them access ("familiar
    /// with", "close to", "with knowledge of", "briefed on")? The formula of
    /// anonymous sourcing, whatever the head noun.
    fn anonymous_description(&self, s: usize, end: usize) -> bool {
        const ACCESS: [(&str, &str); 6] = [
            ("familiar", "with"),
            ("close", "to"),
            ("with", "knowledge"),
            ("with", "direct"),
            ("briefed", "on"),
            ("privy", "to"),
        ];
        // the head is the first word ("aides close to") or follows it ("a Democrat familiar with")
        let head_at = if self.is(s, bit::GROUP_NOUN) {
            s
        } else if one_of(self.word(s), &["a", "an", "one", "another", "several", "some"])
            || self.toks[s].kind == super::TokKind::Number
            || self.is_quantity(s)
        {
            s + 1
        } else {
            return false;
        };
        // the access phrase follows the head within a few words
        let mut k = s + 1;
        while k + 1 < self.toks.len() && k < s + 6 && (self.toks[k + 1].end as usize) <= end {
            if ACCESS.iter().any(|(a, b)| self.word_is(k, a) && self.word_is(k + 1, b)) {
                return k > head_at;
            }
            k += 1;
        }
        false
    }

    /// Is the holder over tokens `s..e` a share of a group spelled out as one:
    /// a percentage ("40 percent of renters", "56% of those polled") or a
    /// ratio ("one in four", "two out of three")? Such holders are a poll's
    /// respondents even when a name follows ("40 percent of Cuban-Americans").
    /// Where a holder that opens on a count starts once the words bounding the count are
    /// taken back in: "More than six in 10 said", "at least four senators claim", "as
    /// many as 30 lawmakers have said", "nearly a third of voters say". The holder is the
    /// bounded count, not the bare number.
    fn quantity_lead(&self, s: usize) -> usize {
        let counted = self.is_quantity(s)
            || (s + 1 < self.toks.len() && one_of(self.word(s), &["a", "an"]) && self.is_quantity(s + 1));
        if !counted || s == 0 {
            return s;
        }
        let at = |k: usize, w: &str| self.toks[k].is_word() && self.word_is(k, w);
        let w1 = self.word(s - 1);
        if s >= 3 && at(s - 3, "as") && (at(s - 2, "many") || at(s - 2, "few")) && at(s - 1, "as") {
            s - 3
        } else if s >= 2 && bounds_a_count(self.word(s - 2), w1) {
            s - 2
        } else if one_of(w1, APPROXIMATORS) {
            s - 1
        } else {
            s
        }
    }

    fn is_share(&self, s: usize, e: usize) -> bool {
        let e = e.min(s + 6);
        (s..e).any(|k| {
            self.is_punct(k, "%")
                || one_of(self.word(k), &["percent", "per"]) && k > s && self.is_quantity(k - 1)
                || self.is_quantity(k)
                    && k + 2 < self.toks.len()
                    && (one_of(self.word(k + 1), &["in"]) && self.is_quantity(k + 2)
                        || self.word_is(k + 1, "out") && self.word_is(k + 2, "of"))
        })
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

    /// Does a prepositional phrase end the holder after a head that is no group
    /// noun, in a phrase with a name ("the Real Clear Politics average of recent
    /// polls", "a CNN tally of delegates")? Then the group noun at the end is not its head.
    fn named_head_before_phrase(&self, s: usize, e: usize) -> bool {
        // (not a list: "Craig Bryan, head of the centre, and other scientists" has an
        // unnamed member)
        self.head_before_phrase(s, e, false).is_some_and(|h| {
            h + 1 < e
                && !self.is(h, bit::GROUP_NOUN)
                && self.has_proper(s, h + 1)
                && !(h + 1..e).any(|k| self.word_is(k, "and") || self.is_punct(k, ","))
        })
    }

    /// A holder that is a capitalised plural on its own, or after a quantity
    /// ("Republicans", "most Democrats", "many Europeans"): a party or a
    /// people, not anyone the reader can name.
    fn capitalised_group(&self, s: usize, e: usize) -> bool {
        // "Democrats and Republicans": two groups joined
        if e == s + 3 && self.word_is(s + 1, "and") {
            return self.capitalised_group(s, s + 1)
                && self.capitalised_group(s + 2, e)
                && !self.is_surname(s)
                && !self.is_surname(e - 1);
        }
        let quantified = e == s + 2 && self.is(s, bit::COUNTED_SUBJECT | bit::QUANTITY);
        (e == s + 1 || quantified) && {
            let w = self.word(e - 1);
            self.is_cap(e - 1) && w.len() > 4 && plural_form(w) && !w.ends_with("us") && !w.ends_with("ss")
        }
    }

    /// Give the sentence's disputing markers (from `first_marker` on) the kind of
    /// the sentence's subject: who voices a dispute that no cue attributes.
    pub(super) fn mark_dispute_subjects(&mut self, first_marker: usize, b: Bounds, headline: bool) {
        if !(self.out.markers[first_marker..].iter()).any(|m| m.verdict == crate::model::Verdict::Disputed) {
            return;
        }
        let subject = self.sentence_subject(b, headline);
        for m in &mut self.out.markers[first_marker..] {
            m.subject = subject;
        }
    }

    /// The sentence's subject, roughly: a personal pronoun is someone named; a
    /// capitalised noun phrase takes its holder kind ("Sanders" named,
    /// "Democrats" unnamed); an article before a capital is named, before a
    /// lower-case noun nobody ("The plan has drawn criticism"); a count or a
    /// share of people unnamed. In a headline's title case every word is a capital, so
    /// a capitalised plural that opens it stands alone ("Riders Split Over Fares": a group).
    fn sentence_subject(&self, b: Bounds, headline: bool) -> Option<(SourceKind, Span)> {
        const OPENERS: [&str; 8] = ["but", "and", "yet", "so", "still", "however", "meanwhile", "instead"];
        let mut i = b.lo;
        while i < b.hi && (!self.toks[i].is_word() || one_of(self.word(i), &OPENERS)) {
            i += 1;
        }
        if i >= b.hi {
            return None;
        }
        let at = self.span(i, i + 1);
        let w = self.word(i);
        if one_of(w, &["he", "she", "they", "we", "i"]) {
            return Some((SourceKind::Named, at));
        }
        if one_of(
            w,
            &[
                "the", "a", "an", "this", "that", "these", "his", "her", "their", "its", "our",
            ],
        ) {
            let named = i + 1 < b.hi && self.toks[i + 1].is_word() && self.is_cap(i + 1);
            return Some((if named { SourceKind::Named } else { SourceKind::None }, at));
        }
        // a count or share of people ("Most respondents", "Many Republicans",
        // "Two-thirds of voters"): a group nobody can name
        if self.is(i, bit::COUNTED_SUBJECT | bit::QUANTITY) && !one_of(w, &["one", "each", "another"]) {
            return Some((SourceKind::Unnamed, at));
        }
        if headline && self.capitalised_group(i, i + 1) && !self.is_surname(i) {
            return Some((SourceKind::Unnamed, at));
        }
        if self.is_cap(i) {
            let kind = match self.np_forward(i, b, false) {
                Some((s, e)) => self.source(s, e).kind,
                None => SourceKind::Named,
            };
            return Some((kind, at));
        }
        None
    }

    /// Is token `i` a capitalised plural that the text shows elsewhere as a
    /// person's surname? News names a person in full before the bare surname
    /// ("Bernie Sanders ... Sanders said"), where a party or a people is bare
    /// ("Democrats said") or comes with its singular ("a Democrat", "Democratic").
    fn is_surname(&self, i: usize) -> bool {
        self.surnames
            .get_or_init(|| self.find_surnames())
            .contains(self.word(i))
    }

    /// One pass over the text: capitalised plurals after a title ("Sen. Sessions"),
    /// after a capitalised word that is not a function word ("Bernie Sanders"),
    /// or before a singular verb ("Collins has"); less those whose singular also
    /// occurs ("Vermont Democrats" beside "a Democrat").
    fn find_surnames(&self) -> std::collections::HashSet<&'a str> {
        let n = self.toks.len();
        let mut found = std::collections::HashSet::new();
        let candidate = |i: usize| {
            let w = self.word(i);
            self.is_cap(i) && w.len() > 4 && plural_form(w) && !w.ends_with("us")
        };
        for i in 0..n {
            if !candidate(i) {
                continue;
            }
            let titled = (i >= 1 && self.is(i - 1, bit::NAME_TITLE))
                || (i >= 2 && self.word(i - 1) == "." && self.is(i - 2, bit::NAME_TITLE));
            // (a sentence may open with the first name: "Bernie Sanders said"; a
            // group's modifier, "Senate Republicans", is caught by the singular below)
            let first_name = i >= 1 && {
                let p = i - 1;
                self.is_cap(p)
                    && self.word(p).bytes().all(|b| b.is_ascii_alphabetic())
                    && !one_of(
                        self.word(p),
                        &["even", "only", "plus", "leading", "top", "fellow", "young"],
                    )
                    && !self.is(
                        p,
                        bit::PRONOUN
                            | bit::POSSESSIVE
                            | bit::DETERMINER
                            | bit::QUANTITY
                            | bit::COUNTED_SUBJECT
                            | bit::GROUP_NOUN
                            | bit::PREPOSITION
                            | bit::CLAUSE_OPENER,
                    )
            };
            let singular_verb = i + 1 < n
                && one_of(
                    self.word(i + 1),
                    &["is", "was", "has", "says", "does", "himself", "herself"],
                );
            if titled || first_name || singular_verb {
                found.insert(self.word(i));
            }
        }
        if !found.is_empty() {
            // "Democrats" beside "a Democrat" or "Democratic": a party, not a person
            let mut stems: std::collections::HashSet<&str> = found.iter().map(|p| &p[..p.len() - 1]).collect();
            for i in 0..n {
                let w = self.word(i);
                if self.is_cap(i) {
                    stems.remove(w.strip_suffix("ic").unwrap_or(w));
                }
            }
            found.retain(|p| stems.contains(&p[..p.len() - 1]));
        }
        found
    }

    /// Is token `i` a lower-case plural noun ("specialists", "residents")?
    pub(super) fn bare_plural(&self, i: usize) -> bool {
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
            // (an acronym is a name wherever it stands: "FEC records show")
            let acronym = {
                let w = self.word(s);
                w.len() >= 2 && w.bytes().all(|c| c.is_ascii_uppercase())
            };
            return acronym || (s + 1..e).any(|i| self.is_cap(i));
        }
        (s..e).any(|i| i > s && self.is_cap(i)) || (self.is_cap(s) && !self.is(s, bit::DETERMINER))
    }
}
