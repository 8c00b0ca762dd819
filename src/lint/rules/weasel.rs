//! `weasel`: a vague or hidden holder ("some say", "critics argue", "it is believed").

use crate::lint::text::{clip, words};
use crate::lint::{Context, Example, Hit, Options, Rule, Severity};
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
         is a bare crowd noun or a vague quantity (\"critics\", \"some analysts\", \"many people\")."
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
    fn check(&self, cx: &Context, _opts: &Options) -> Vec<Hit> {
        let a = cx.analysis;
        let mut out: Vec<Hit> = Vec::new();
        let mut taken: Vec<Span> = Vec::new();
        for st in &a.statements {
            for h in &st.hedges {
                if matches!(h.kind, HedgeKind::Weasel | HedgeKind::VagueQuantity)
                    && !taken.iter().any(|t| t.overlaps(h.span))
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
                let Some(src) = a.attributions.get(k).and_then(|x| x.source.as_ref()) else {
                    continue;
                };
                if src.kind != SourceKind::Unnamed || taken.iter().any(|t| t.overlaps(src.span)) {
                    continue;
                }
                if !matches!(src.rule.as_str(), "vague-holders" | "group-noun") {
                    continue;
                }
                let spans = words(&cx.doc.text, src.span);
                let ws: Vec<String> = spans.iter().map(|w| w.slice(&cx.doc.text).to_lowercase()).collect();
                let Some(first) = ws.first() else { continue };
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
            .hedge("Some say", HedgeKind::VagueQuantity)
            .attr("Some", Unnamed, "vague-holders", "say", Stance::Assert);
        assert_eq!(f.run(&Weasel).len(), 1);
    }

    #[test]
    fn real_some_critics() {
        let hits = real("Some critics argue the plan favours the rich.", &Weasel);
        assert_eq!(hits.len(), 1, "{hits:?}");
    }
}
