//! `hedge-stack`: two or more hedges on one claim ("may possibly").

use crate::lint::text::{clip, words_between};
use crate::lint::{Context, Example, Hit, OptionKind, Options, Rule, RuleOption, Severity};
use crate::model::{Hedge, HedgeKind};
use crate::span::Span;

const CLAUSE_WORDS: &[&str] = &[
    "what", "whether", "that", "which", "who", "whom", "if", "when", "because", "while", "although", "though", "but",
];

/// Do two hedges (in text order) qualify one claim? Close together, not the
/// same word repeated ("may lie, he may throw"), no clause break between.
fn same_claim(text: &str, a: &Hedge, b: &Hedge, window: usize) -> bool {
    if words_between(text, a.span, b.span) > window {
        return false;
    }
    if a.span.slice(text).eq_ignore_ascii_case(b.span.slice(text)) {
        return false;
    }
    let gap = Span::new(a.span.end.min(b.span.start), b.span.start).slice(text);
    if gap.contains([',', ';', ':', '—', '–', '(', ')']) {
        return false;
    }
    // a new clause starts a new claim ("might stop to consider what it could look like")
    !gap.split(|c: char| !c.is_alphanumeric())
        .any(|w| CLAUSE_WORDS.contains(&w.to_lowercase().as_str()))
}

pub struct HedgeStack;

impl Rule for HedgeStack {
    fn id(&self) -> &'static str {
        "hedge-stack"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Two or more hedges on one claim (\"may possibly\", \"reportedly could\")"
    }
    fn rationale(&self) -> &'static str {
        "One hedge tells the reader how sure the writer is; a stack of them (\"it appears the strike may \
         possibly have\") tells them the writer does not know and is hiding it. Stacked hedges blur who \
         doubts what, and usually mean the claim is not ready to publish or needs a source. Keep the one \
         hedge that says what you mean, or attribute the claim. This rule flags hedges within a few words of \
         each other in one statement (option `window`, default 8 words)."
    }
    fn examples(&self) -> &'static [Example] {
        &[
            Example {
                text: "The strike may possibly have killed civilians.",
                flagged: true,
            },
            Example {
                text: "The gang allegedly used the dock.",
                flagged: false,
            },
        ]
    }
    fn options(&self) -> &'static [RuleOption] {
        &[RuleOption {
            name: "window",
            default: 8.0,
            kind: OptionKind::Count,
            doc: "the most words between two hedges that still stack",
        }]
    }
    fn check(&self, cx: &Context, opts: &Options) -> Vec<Hit> {
        let window = opts.get("window").copied().unwrap_or(8.0).max(0.0) as usize;
        let mut out = Vec::new();
        for st in &cx.analysis.statements {
            // a vague quantity is a holder (see `weasel`), and a hedge that is an
            // attribution's own cue ("suggested that") belongs to the source, not the writer
            let cues: Vec<crate::span::Span> = st
                .attributions
                .iter()
                .filter_map(|&k| cx.analysis.attributions.get(k))
                .map(|a| a.cue)
                .collect();
            let mut hs: Vec<&Hedge> = st
                .hedges
                .iter()
                .filter(|h| {
                    h.kind != HedgeKind::Vague
                        && !super::weasel::quantity_holder(cx, h.span)
                        && !cues.iter().any(|c| c.overlaps(h.span))
                        && !cx.text(h.span).to_lowercase().starts_with("suggest")
                        && !crate::lint::in_content(cx, st, h.span)
                        && !crate::lint::in_quote(cx, st, h.span)
                })
                .collect();
            hs.sort_by_key(|h| h.span.start);
            hs.dedup_by(|b, a| a.span.overlaps(b.span));
            // greedy runs of hedges, each within `window` words of the previous
            let mut i = 0;
            while i < hs.len() {
                let mut j = i;
                while j + 1 < hs.len() && same_claim(&cx.doc.text, hs[j], hs[j + 1], window) {
                    j += 1;
                }
                if j > i {
                    let run = &hs[i..=j];
                    let names: Vec<String> = run
                        .iter()
                        .map(|h| format!("\"{}\"", clip(cx.text(h.span), 30)))
                        .collect();
                    out.push(
                        Hit::at(
                            run[0].span.cover(run[j - i].span),
                            format!("{} hedges on one claim: {}", run.len(), names.join(", ")),
                        )
                        .help("keep the one hedge you mean, or attribute the claim to a source"),
                    );
                }
                i = j + 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testutil::{Fake, real};
    use crate::model::HedgeKind;

    #[test]
    fn two_close_hedges_stack() {
        let f = Fake::new("The strike may possibly have killed civilians.")
            .hedge("may", HedgeKind::Modal)
            .hedge("possibly", HedgeKind::Modal);
        assert_eq!(f.texts(&HedgeStack), ["may possibly"]);
    }

    #[test]
    fn far_apart_or_single_hedges_do_not() {
        let f = Fake::new("The strike may have hit the dock that the gang used for years to load boats bound for ports abroad, reportedly.")
            .hedge("may", HedgeKind::Modal)
            .hedge("reportedly", HedgeKind::Evidential);
        assert!(f.run(&HedgeStack).is_empty());
        let f = Fake::new("The gang allegedly used the dock. It may be closed.")
            .hedge("allegedly", HedgeKind::Evidential)
            .hedge("may", HedgeKind::Modal);
        assert!(
            f.run(&HedgeStack).is_empty(),
            "hedges in different statements do not stack"
        );
    }

    #[test]
    fn real_may_possibly() {
        let hits = real("The strike may possibly have killed civilians.", &HedgeStack);
        assert_eq!(hits.len(), 1, "{hits:?}");
    }

    #[test]
    fn parallel_clauses_and_cue_hedges_do_not_stack() {
        let f = Fake::new("Trump may lie, he may throw misinformation out there.")
            .hedge("may", HedgeKind::Modal)
            .hedge("may@2", HedgeKind::Modal);
        assert!(f.run(&HedgeStack).is_empty());
        let f = Fake::new("Some critics may possibly object.")
            .hedge("Some critics", HedgeKind::Weasel)
            .hedge("may", HedgeKind::Modal);
        assert!(f.run(&HedgeStack).is_empty(), "vague quantities are weasel's business");
    }

    #[test]
    fn a_new_clause_is_a_new_claim() {
        let f = Fake::new("Voters might stop to consider what it could look like.")
            .hedge("might", HedgeKind::Modal)
            .hedge("could", HedgeKind::Modal);
        assert!(f.run(&HedgeStack).is_empty());
    }
}
