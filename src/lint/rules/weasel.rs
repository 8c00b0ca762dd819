//! `weasel`: a vague or hidden holder ("some say", "critics argue", "it is believed").
//!
//! The rule reads the kinds the analysis gives each hedge (`../../../docs/grammar.md`):
//! a `weasel` hedge hides who holds a claim and is flagged; a `vague` one ("many
//! voters", "is often seen as", "one of the most popular") names no holder at all,
//! so it is flagged only with the option `vague = true`, as a request for a number or
//! a name rather than a source.

use crate::lint::text::{clip, words};
use crate::lint::{Context, Example, Hit, OptionKind, Options, Rule, RuleOption, Severity};
use crate::model::{HedgeKind, SourceKind};
use crate::span::Span;

pub struct Weasel;

/// Quantities that stand in for a holder.
const VAGUE_QUANTITIES: &[&str] = &[
    "some",
    "many",
    "most",
    "several",
    "numerous",
    "countless",
    "various",
    "few",
    "certain",
    "multiple",
];

/// Does the hedge open with a vague quantity standing in for a holder ("some
/// say", "many critics", "according to some")? Such a weasel names a crowd
/// rather than hiding the holder behind a passive.
pub(crate) fn quantity_holder(cx: &Context, span: Span) -> bool {
    let text = cx.text(span);
    let mut ws = text.split_whitespace();
    let first = ws.next().unwrap_or("");
    let first = if first.eq_ignore_ascii_case("according") {
        ws.nth(1).unwrap_or("")
    } else {
        first
    };
    VAGUE_QUANTITIES
        .iter()
        .chain(["others", "other", "a"].iter())
        .any(|q| first.eq_ignore_ascii_case(q))
}

/// Bare crowd nouns that hide who is speaking.
const CROWDS: &[&str] = &[
    "critics",
    "experts",
    "analysts",
    "observers",
    "commentators",
    "pundits",
    "skeptics",
    "sceptics",
    "detractors",
    "others",
    "some",
    "many",
    "people",
    "scholars",
    "historians",
    "economists",
    "rumors",
    "rumours",
];

/// Verbs that make a vague quantity the holder of a claim ("some say").
const CLAIM_VERBS: &[&str] = &[
    "say",
    "said",
    "argue",
    "argued",
    "believe",
    "believed",
    "claim",
    "claimed",
    "suggest",
    "suggested",
    "think",
    "feel",
    "consider",
    "contend",
    "fear",
    "speculate",
    "some",
];

/// Feeling cues: a claim only with a "that" clause ("many feel that…", not "many felt betrayed").
const FEELINGS: &[&str] = &[
    "feel", "feels", "felt", "feeling", "hope", "hoped", "hopes", "would", "worry", "worried",
];

/// Heads of vague holders that are not people ("some steep challenges", "many cases").
const NOT_PEOPLE: &[&str] = &[
    "years",
    "cases",
    "times",
    "ways",
    "days",
    "months",
    "weeks",
    "things",
    "challenges",
    "problems",
    "questions",
    "issues",
    "reasons",
    "places",
    "parts",
    "areas",
    "states",
    "countries",
    "nations",
    "steep",
    "more",
    "of",
];

/// Determiners and adjectives that make a weasel phrase a noun ("the speculation that…").
const NOUN_DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "such", "any", "much", "needless", "wild", "some",
];

/// Is the word before `span` a determiner ("the speculation that")?
fn after_determiner(cx: &Context, span: Span) -> bool {
    let before = cx.doc.text[..span.start].trim_end();
    let prev = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    NOUN_DETERMINERS.contains(&prev.as_str())
}

/// Past participles that hide a holder only in a passive frame ("is regarded
/// as", "are thought to"), not in an active one ("supporters have long regarded as").
const PARTICIPLES: &[&str] = &[
    "regarded",
    "considered",
    "thought",
    "believed",
    "seen",
    "said",
    "described",
    "called",
    "viewed",
    "known",
    "reputed",
    "rumored",
    "rumoured",
    "suggested",
    "claimed",
    "alleged",
    "reported",
    "cited",
    "characterized",
];
const BE: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "it",
    "widely",
    "generally",
    "often",
    "commonly",
];

/// A weasel hedge that starts with a participle needs a passive "be" (or an
/// impersonal "it") within the two words before it.
fn impersonal(cx: &Context, span: Span) -> bool {
    let text = cx.text(span).to_lowercase();
    let first = text.split_whitespace().next().unwrap_or("");
    if !PARTICIPLES.contains(&first) {
        return true;
    }
    let before = &cx.doc.text[..span.start];
    let prev: Vec<String> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .map(str::to_lowercase)
        .collect();
    prev.iter().any(|w| BE.contains(&w.as_str()))
}

/// For "by some"/"by others": "seen by others as evasive" hides a holder,
/// "joined by some guests" does not. None when the hedge does not start with "by".
fn by_a_crowd(cx: &Context, span: Span) -> Option<bool> {
    if !cx.text(span).to_lowercase().starts_with("by ") {
        return None;
    }
    let after = cx.doc.text[span.end..].trim_start().to_lowercase();
    Some(after.starts_with("as ") || after.starts_with("to "))
}

/// Is the hedge the cue of an attribution with a known holder ("Sen. Warren
/// suggested that…")? Then nobody is hidden.
fn named_cue(cx: &Context, st: &crate::model::Statement, span: Span) -> bool {
    st.attributions
        .iter()
        .filter_map(|&k| cx.analysis.attributions.get(k))
        .any(|a| {
            a.cue.overlaps(span)
                && a.source
                    .as_ref()
                    .is_some_and(|s| s.kind != crate::model::SourceKind::Unnamed)
        })
}

/// Does this attribution report a claim (not a feeling without a "that" clause)?
fn reports_claim(cx: &Context, at: &crate::model::Attribution) -> bool {
    if !crate::lint::is_claim(cx, at) {
        return false;
    }
    let cue = cx.text(at.cue).to_lowercase();
    let last = cue.split_whitespace().last().unwrap_or("");
    if FEELINGS.contains(&last) {
        let after = cx.doc.text[at.cue.end..].trim_start().to_lowercase();
        return after.starts_with("that ");
    }
    true
}

/// Is a vague quantity ("some people", "many critics") the holder of a claim
/// here, rather than just a subject ("some people may not vote") or puffery
/// ("one of the first")?
fn holds_a_claim(cx: &Context, st: &crate::model::Statement, span: Span) -> bool {
    let text = cx.text(span).to_lowercase();
    if text.starts_with("one of") {
        return false;
    }
    if let Some(b) = by_a_crowd(cx, span) {
        return b;
    }
    let last = text.split_whitespace().last().unwrap_or("");
    if last == "some" && !text.starts_with("according to") {
        // "joined by some guests": a quantity, not a holder
    } else if CLAIM_VERBS.contains(&last) {
        return true;
    }
    // the holder of an attribution, or right before its cue
    st.attributions
        .iter()
        .filter_map(|&k| cx.analysis.attributions.get(k))
        .any(|at| {
            reports_claim(cx, at)
                && (at.source.as_ref().is_some_and(|s| {
                    let last = cx
                        .text(s.span)
                        .rsplit(|c: char| !c.is_alphanumeric())
                        .find(|w| !w.is_empty())
                        .unwrap_or("");
                    s.span.start == span.start && !NOT_PEOPLE.contains(&last.to_lowercase().as_str())
                }) || at.cue.start >= span.end && words(&cx.doc.text, Span::new(span.end, at.cue.start)).len() <= 3)
        })
}

impl Rule for Weasel {
    fn id(&self) -> &'static str {
        "weasel"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A vague holder stands in for a source (\"some say\", \"critics argue\", \"it is believed\")"
    }
    fn rationale(&self) -> &'static str {
        "Weasel attributions give a claim the weight of a crowd without saying who is in it: \"some say\", \
         \"many believe\", \"critics argue\", \"it is widely believed\", \"experts warn\". The reader cannot \
         tell whether the crowd is two bloggers or the whole profession, and the writer can smuggle an \
         opinion in under it. Name the critics, or quantify and characterise them (\"three Democratic \
         senators\", \"a 2023 survey of 400 economists\"). This rule flags the weasel hedges the analysis \
         finds (impersonal \"it is believed\", vague quantities \"some say\") and attributions whose holder \
         is a bare crowd noun or a vague quantity (\"critics\", \"some analysts\", \"many people\"). \
         With the option vague = true it also flags the expressions the analysis reports as vague: a vague \
         quantity or extent (\"many voters\", \"in some cases\") or a generalisation in the writer's \
         voice (\"is often seen as\", \"one of the most popular\"), which name no holder at all."
    }
    fn options(&self) -> &'static [RuleOption] {
        &[RuleOption {
            name: "vague",
            default: 0.0,
            kind: OptionKind::Switch,
            doc: "true also flags vague quantities and generalisations (hedges of kind vague); false flags weasels only",
        }]
    }
    fn examples(&self) -> &'static [Example] {
        &[
            Example {
                text: "Some critics argue the plan favours the rich.",
                flagged: true,
            },
            Example {
                text: "It is widely believed that the minister will resign.",
                flagged: true,
            },
            Example {
                text: "Three Democratic senators argued the plan favours the rich.",
                flagged: false,
            },
        ]
    }
    fn check(&self, cx: &Context, opts: &Options) -> Vec<Hit> {
        let a = cx.analysis;
        let vague = opts.get("vague").copied().unwrap_or(0.0) >= 1.0;
        let mut out: Vec<Hit> = Vec::new();
        let mut taken: Vec<Span> = Vec::new();
        for st in &a.statements {
            for h in &st.hedges {
                if h.kind == HedgeKind::Vague {
                    if vague
                        && !taken.iter().any(|t| t.overlaps(h.span))
                        && !crate::lint::in_content(cx, st, h.span)
                        && !crate::lint::in_quote(cx, st, h.span)
                    {
                        taken.push(h.span);
                        out.push(
                            Hit::at(
                                h.span,
                                format!("vague: \"{}\" says neither how many nor who", clip(cx.text(h.span), 50)),
                            )
                            .help("give a number, a name or a source"),
                        );
                    }
                    continue;
                }
                let quantity = quantity_holder(cx, h.span);
                if h.kind != HedgeKind::Weasel
                    || taken.iter().any(|t| t.overlaps(h.span))
                    || quantity && !holds_a_claim(cx, st, h.span)
                    || !quantity && (after_determiner(cx, h.span) || !impersonal(cx, h.span))
                    || named_cue(cx, st, h.span)
                    || by_a_crowd(cx, h.span) == Some(false)
                    || crate::lint::in_content(cx, st, h.span)
                    || crate::lint::in_quote(cx, st, h.span)
                {
                    continue;
                }
                {
                    taken.push(h.span);
                    out.push(
                        Hit::at(
                            h.span,
                            format!(
                                "weasel words: \"{}\" hides who holds the claim",
                                clip(cx.text(h.span), 50)
                            ),
                        )
                        .help("name who says it, or say how many and who they are"),
                    );
                }
            }
            for &k in &st.attributions {
                let Some(at) = a.attributions.get(k) else { continue };
                let Some(src) = at.source.as_ref() else { continue };
                if !reports_claim(cx, at) || crate::lint::in_quote(cx, st, src.span) {
                    continue;
                }
                if src.kind != SourceKind::Unnamed || taken.iter().any(|t| t.overlaps(src.span)) {
                    continue;
                }
                if !matches!(src.rule, "vague-holders" | "group-noun") {
                    continue;
                }
                let spans = words(&cx.doc.text, src.span);
                let ws: Vec<String> = spans.iter().map(|w| w.slice(&cx.doc.text).to_lowercase()).collect();
                let Some(first) = ws.first() else { continue };
                if NOT_PEOPLE.contains(&ws[ws.len() - 1].as_str()) {
                    continue;
                }
                let vague_q = VAGUE_QUANTITIES.contains(&first.as_str())
                    || ws.len() >= 3 && ws[0] == "a" && matches!(ws[1].as_str(), "number" | "lot" | "host" | "handful");
                // "critics", "legal experts" (but not "Democratic critics": a capital narrows the crowd)
                let lower_first = spans[0].slice(&cx.doc.text).starts_with(|c: char| c.is_lowercase());
                let bare_crowd =
                    CROWDS.contains(&ws[ws.len() - 1].as_str()) && (ws.len() == 1 || ws.len() == 2 && lower_first);
                if vague_q || bare_crowd {
                    taken.push(src.span);
                    out.push(
                        Hit::at(
                            src.span,
                            format!(
                                "weasel words: \"{}\" hides who holds the claim",
                                clip(cx.text(src.span), 50)
                            ),
                        )
                        .help("name who says it, or say how many and who they are"),
                    );
                }
            }
        }
        out.sort_by_key(|h| h.span.start);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testutil::{Fake, real};
    use crate::model::{SourceKind::*, Stance};

    #[test]
    fn vague_hedges_are_flagged_only_with_the_option() {
        let f = Fake::new("Many voters stayed home.").hedge("Many", HedgeKind::Vague);
        assert!(f.run(&Weasel).is_empty(), "vague is not a weasel by default");
        let hits = f.run_with(&Weasel, &[("vague", 1.0)]);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert!(hits[0].message.starts_with("vague:"), "{hits:?}");
    }

    #[test]
    fn weasel_hedges_are_flagged() {
        let f = Fake::new("It is believed that the minister will resign.").hedge("It is believed", HedgeKind::Weasel);
        assert_eq!(f.texts(&Weasel), ["It is believed"]);
        let f = Fake::new("He may resign.").hedge("may", HedgeKind::Modal);
        assert!(f.run(&Weasel).is_empty(), "a modal is not a weasel");
    }

    #[test]
    fn vague_holders_are_flagged_specific_ones_are_not() {
        let f = Fake::new("Critics argue the plan favours the rich.").attr(
            "Critics",
            Unnamed,
            "vague-holders",
            "argue",
            Stance::Assert,
        );
        assert_eq!(f.texts(&Weasel), ["Critics"]);
        let f = Fake::new("Some analysts argue it failed.").attr(
            "Some analysts",
            Unnamed,
            "group-noun",
            "argue",
            Stance::Assert,
        );
        assert_eq!(f.texts(&Weasel), ["Some analysts"]);
        let f = Fake::new("Two senior Pentagon officials argue it failed.").attr(
            "Two senior Pentagon officials",
            Unnamed,
            "group-noun",
            "argue",
            Stance::Assert,
        );
        assert!(f.run(&Weasel).is_empty());
    }

    #[test]
    fn overlapping_hedge_and_holder_reported_once() {
        let f = Fake::new("Some say the plan failed.")
            .hedge("Some say", HedgeKind::Weasel)
            .attr("Some", Unnamed, "vague-holders", "say", Stance::Assert);
        assert_eq!(f.run(&Weasel).len(), 1);
    }

    #[test]
    fn real_some_critics() {
        let hits = real("Some critics argue the plan favours the rich.", &Weasel);
        assert_eq!(hits.len(), 1, "{hits:?}");
    }

    #[test]
    fn a_vague_quantity_that_holds_no_claim_passes() {
        let f = Fake::new("She worried that some people may not vote.").hedge("some people", HedgeKind::Weasel);
        assert!(f.run(&Weasel).is_empty());
        let f = Fake::new("It was one of the first strikes.").hedge("one of the first", HedgeKind::Vague);
        assert!(f.run(&Weasel).is_empty());
        let f = Fake::new("Some people say the vote was rigged.")
            .hedge("Some people", HedgeKind::Weasel)
            .attr("Some people", Unnamed, "group-noun", "say", Stance::Assert);
        assert_eq!(f.texts(&Weasel), ["Some people"]);
    }

    #[test]
    fn feelings_non_people_and_nouns_pass() {
        let f = Fake::new("Many Mexicans felt betrayed by the visit.").attr(
            "Many Mexicans",
            Unnamed,
            "group-noun",
            "felt",
            Stance::Believe,
        );
        assert!(f.run(&Weasel).is_empty());
        let f = Fake::new("Many Mexicans feel that the visit was a betrayal.").attr(
            "Many Mexicans",
            Unnamed,
            "group-noun",
            "feel",
            Stance::Believe,
        );
        assert_eq!(f.run(&Weasel).len(), 1);
        let f = Fake::new("Their plan faced some steep challenges.").attr(
            "some steep",
            Unnamed,
            "group-noun",
            "faced",
            Stance::Assert,
        );
        assert!(f.run(&Weasel).is_empty());
        let f = Fake::new("That ends the needless speculation that he hid it.")
            .hedge("speculation that", HedgeKind::Weasel);
        assert!(f.run(&Weasel).is_empty());
    }

    #[test]
    fn active_participles_and_quantities_of_guests_pass() {
        let f = Fake::new("He and his supporters have long regarded as racist the questions.")
            .hedge("regarded as", HedgeKind::Weasel);
        assert!(f.run(&Weasel).is_empty());
        let f = Fake::new("The painting is regarded as a forgery.").hedge("regarded as", HedgeKind::Weasel);
        assert_eq!(f.run(&Weasel).len(), 1);
        let f = Fake::new("They were joined by some guests.").hedge("by some", HedgeKind::Weasel);
        assert!(f.run(&Weasel).is_empty());
    }
}
