//! `unnamed-source`: a statement rests on a source the reader cannot identify.

use crate::lint::text::clip;
use crate::lint::{Context, Example, Hit, Options, Rule, Severity};
use crate::model::SourceKind;
use std::collections::HashSet;

pub struct UnnamedSource;

impl Rule for UnnamedSource {
    fn id(&self) -> &'static str {
        "unnamed-source"
    }
    fn default_severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "A statement rests on an unnamed source"
    }
    fn rationale(&self) -> &'static str {
        "Readers cannot weigh a claim whose holder they cannot identify. Unnamed sources are sometimes \
         the only way to report a story, but each one should be a decision: name the source if you can, \
         otherwise say as precisely as possible who they are and why they are not named. This rule points \
         at the holder of every attribution the analysis classifies as unnamed (\"sources familiar with \
         the matter\", \"U.S. officials\", \"critics\"), once per holder phrase and statement. It is \
         informational by default; raise it to warning in sayso.toml for desks that require sign-off."
    }
    fn examples(&self) -> &'static [Example] {
        &[
            Example {
                text: "The talks collapsed, sources familiar with the matter said.",
                flagged: true,
            },
            Example {
                text: "The talks collapsed, Foreign Minister Yvan Gil said.",
                flagged: false,
            },
        ]
    }
    fn check(&self, cx: &Context, _opts: &Options) -> Vec<Hit> {
        let a = cx.analysis;
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for st in &a.statements {
            if st.source != SourceKind::Unnamed {
                continue;
            }
            // the statement's own unnamed holders; inherited ones were reported where they stand
            let mut any = false;
            for &i in &st.attributions {
                let Some(src) = a.attributions.get(i).and_then(|x| x.source.as_ref()) else {
                    continue;
                };
                if src.kind != SourceKind::Unnamed {
                    continue;
                }
                any = true;
                if seen.insert(src.span) {
                    out.push(
                        Hit::at(
                            src.span,
                            format!(
                                "statement rests on an unnamed source: \"{}\"",
                                clip(cx.text(src.span), 60)
                            ),
                        )
                        .help("name the source, or say who they are and why they cannot be named"),
                    );
                }
            }
            let inherited_unnamed = st.inherited.iter().any(|&i| {
                a.attributions
                    .get(i)
                    .and_then(|x| x.source.as_ref())
                    .is_some_and(|s| s.kind == SourceKind::Unnamed)
            });
            if !any && !inherited_unnamed && seen.insert(st.span) {
                // unnamed by some other route (a vague document, a hedge); point at the sentence
                let end = cx
                    .text(st.span)
                    .find(char::is_whitespace)
                    .map_or(st.span.end, |k| st.span.start + k);
                out.push(Hit::at(
                    crate::span::Span::new(st.span.start, end),
                    "statement rests on an unnamed source",
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testutil::{Fake, real};
    use crate::model::{SourceKind::*, Stance};

    #[test]
    fn points_at_the_unnamed_holder_once() {
        let f = Fake::new("The deal is off, sources familiar with the talks said. Gil said it was off.")
            .attr(
                "sources familiar with the talks",
                Unnamed,
                "anonymous",
                "said",
                Stance::Assert,
            )
            .attr("Gil", Named, "noun-phrase", "Gil said", Stance::Assert);
        assert_eq!(f.texts(&UnnamedSource), ["sources familiar with the talks"]);
    }

    #[test]
    fn named_and_plain_statements_pass() {
        let f = Fake::new("Gil said the deal is off. The port closed.").attr(
            "Gil",
            Named,
            "noun-phrase",
            "said",
            Stance::Assert,
        );
        assert!(f.run(&UnnamedSource).is_empty());
    }

    #[test]
    fn real_anonymous_formula_is_found() {
        let hits = real(
            "The talks collapsed on Friday, sources familiar with the matter said.",
            &UnnamedSource,
        );
        assert_eq!(hits.len(), 1);
        assert!(hits[0].contains("sources familiar"), "{hits:?}");
    }
}
