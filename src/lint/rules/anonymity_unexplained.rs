//! `anonymity-unexplained`: an anonymous source with no reason for the anonymity.

use crate::lint::text::{clip, has_phrase, words};
use crate::lint::{Context, Example, Hit, Options, Rule, Severity};
use crate::model::SourceKind;
use std::collections::{HashMap, HashSet};

pub struct AnonymityUnexplained;

/// Head nouns of holders that stand for hidden people: the conventions of
/// anonymous sourcing ("U.S. officials", "sources", "an insider").
const ANON_HEADS: &[&str] = &[
    "official",
    "officials",
    "source",
    "sources",
    "insider",
    "insiders",
    "diplomat",
    "diplomats",
];

/// Heads that are anonymous sourcing only for an individual ("a senior aide",
/// "two advisers"); a collective ("his advisers", "campaign aides") is a known
/// group speaking on the record, not a source granted anonymity.
const INDIVIDUAL_HEADS: &[&str] = &[
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "staffer",
    "staffers",
    "employee",
    "employees",
    "executive",
    "executives",
    "lawmaker",
    "lawmakers",
    "officer",
    "officers",
];

const INDIVIDUAL_DETERMINERS: &[&str] = &["a", "an", "one", "two", "three", "four", "five", "several", "another"];

/// The kind of holder, singular ("officials" and "an official" are one kind).
fn kind_of(head: &str) -> String {
    head.strip_suffix('s').unwrap_or(head).to_string()
}

/// Reasons that explain anonymity on their own.
const STRONG_REASONS: &[&str] = &[
    "not authorized",
    "not authorised",
    "not permitted",
    "not allowed to",
    "no authority to",
    "for fear",
    "fearing",
    "feared reprisal",
    "feared retaliation",
    "sensitivity",
    "sensitive",
    "private deliberations",
    "internal deliberations",
    "private discussions",
    "private conversations",
    "internal discussions",
    "confidential",
    "classified",
    "ongoing investigation",
    "investigation is ongoing",
    "not yet public",
    "not been made public",
    "had not been announced",
    "has not been announced",
    "have not been announced",
    "was not public",
    "were not public",
    "is not public",
    "speak freely",
    "protect their",
    "protect his",
    "protect her",
    "safety",
];

/// Reasons that count only next to an anonymity formula ("spoke on condition of
/// anonymity to discuss the plan").
const WEAK_REASONS: &[&str] = &[
    "to discuss",
    "to describe",
    "to speak",
    "to talk",
    "to detail",
    "to reveal",
    "because",
    "since they",
    "as they were",
    "as he was",
    "as she was",
];

const ANONYMITY_MARKERS: &[&str] = &[
    "anonymity",
    "anonymously",
    "not to be named",
    "not be named",
    "not to be identified",
    "not be identified",
    "declined to be named",
    "declined to be identified",
    "without being named",
    "without being identified",
    "not to be quoted",
    "unnamed",
];

/// Does this sentence give a reason for anonymity? `grammar_reasons` comes from
/// the grammar's `anonymity-reasons` source rule (extendable with --grammar).
pub fn gives_reason(sentence: &str, grammar_reasons: &[String]) -> bool {
    if grammar_reasons.iter().any(|r| has_phrase(sentence, r)) || STRONG_REASONS.iter().any(|r| has_phrase(sentence, r))
    {
        return true;
    }
    ANONYMITY_MARKERS.iter().any(|m| has_phrase(sentence, m)) && WEAK_REASONS.iter().any(|r| has_phrase(sentence, r))
}

impl Rule for AnonymityUnexplained {
    fn id(&self) -> &'static str {
        "anonymity-unexplained"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "An anonymous source is used with no reason given for the anonymity"
    }
    fn rationale(&self) -> &'static str {
        "News style (AP, Reuters, the major papers' standards) grants anonymity only when the information \
         cannot be had on the record, and asks the writer to tell readers why the source is not named: \
         \"spoke on condition of anonymity because they were not authorized to discuss the talks\", \"to \
         discuss private deliberations\", \"for fear of reprisal\". This rule flags an anonymous holder \
         (\"sources familiar with the matter\", \"U.S. officials\", \"a person close to\") when neither its \
         sentence nor the next one gives such a reason. Once a reason is given for a kind of holder \
         (officials, sources, people), later uses of it in the article pass, and each unexplained holder \
         kind (officials, sources, people familiar…) is reported once, at its first use, with a count \
         of the later uses."
    }
    fn examples(&self) -> &'static [Example] {
        &[
            Example {
                text: "The talks collapsed, sources familiar with the matter said.",
                flagged: true,
            },
            Example {
                text: "The talks collapsed, said two officials, who spoke on condition of anonymity because they were not authorized to discuss them.",
                flagged: false,
            },
            Example {
                text: "The talks collapsed, a person familiar with the matter said. The person requested anonymity to discuss private deliberations.",
                flagged: false,
            },
        ]
    }
    fn check(&self, cx: &Context, _opts: &Options) -> Vec<Hit> {
        let a = cx.analysis;
        let reasons: Vec<String> = cx
            .grammar
            .sources
            .iter()
            .filter(|s| s.meta.name == "anonymity-reasons")
            .flat_map(|s| s.phrases.iter().cloned())
            .collect();
        let sts = &a.statements;
        let reason_in: Vec<bool> = sts.iter().map(|s| gives_reason(cx.text(s.span), &reasons)).collect();
        let mut explained: HashSet<String> = HashSet::new();
        let mut first: Vec<(String, Hit)> = Vec::new();
        let mut counts: HashMap<String, usize> = HashMap::new();
        for (i, st) in sts.iter().enumerate() {
            for &k in &st.attributions {
                let Some(src) = a.attributions.get(k).and_then(|x| x.source.as_ref()) else {
                    continue;
                };
                if src.kind != SourceKind::Unnamed {
                    continue;
                }
                let holder = cx.text(src.span);
                let ws = words(&cx.doc.text, src.span);
                let lw: Vec<String> = ws.iter().map(|w| w.slice(&cx.doc.text).to_lowercase()).collect();
                let individual = lw.first().is_some_and(|f| INDIVIDUAL_DETERMINERS.contains(&f.as_str()));
                let head = lw
                    .iter()
                    .rev()
                    .find(|w| ANON_HEADS.contains(&w.as_str()) || individual && INDIVIDUAL_HEADS.contains(&w.as_str()));
                let head = match (src.rule, head) {
                    ("vague-holders" | "documents" | "document", _) => continue,
                    (_, Some(h)) => kind_of(h),
                    // "people familiar with the matter", "a person close to"
                    ("anonymous", None) => "person".to_string(),
                    _ => continue,
                };
                let ok = reason_in[i] || reason_in.get(i + 1).copied().unwrap_or(false) || explained.contains(&head);
                if ok {
                    explained.insert(head);
                    continue;
                }
                let key = head.clone();
                let n = counts.entry(key.clone()).or_insert(0);
                *n += 1;
                if *n == 1 {
                    let hit = Hit::at(
                        src.span,
                        format!("anonymous source \"{}\" with no reason given for the anonymity", clip(holder, 60)),
                    )
                    .help("say why the source is not named, e.g. \"who spoke on condition of anonymity because they were not authorized to discuss the talks\"");
                    first.push((key, hit));
                }
            }
        }
        first
            .into_iter()
            .map(|(key, mut hit)| {
                let n = counts[&key];
                if n > 1 {
                    hit.message.push_str(&format!(
                        " ({} more {} in this article)",
                        n - 1,
                        if n == 2 { "use" } else { "uses" }
                    ));
                }
                hit
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testutil::Fake;
    use crate::model::{SourceKind::*, Stance};

    fn fake(text: &str, holder: &str, rule: &'static str) -> Fake {
        Fake::new(text).attr(holder, Unnamed, rule, "said", Stance::Assert)
    }

    #[test]
    fn unexplained_anonymous_source_is_flagged() {
        let f = fake(
            "The talks collapsed, sources familiar with the matter said.",
            "sources familiar with the matter",
            "anonymous",
        );
        assert_eq!(f.texts(&AnonymityUnexplained), ["sources familiar with the matter"]);
    }

    #[test]
    fn reason_in_same_or_next_sentence_passes() {
        let f = fake(
            "The talks collapsed, two officials said on condition of anonymity because they were not authorized to speak.",
            "two officials",
            "group-noun",
        );
        assert!(f.run(&AnonymityUnexplained).is_empty());
        let f = fake(
            "The talks collapsed, a person familiar with the plan said. The person asked not to be named to discuss private deliberations.",
            "a person familiar with the plan",
            "anonymous",
        );
        assert!(f.run(&AnonymityUnexplained).is_empty());
    }

    #[test]
    fn anonymity_formula_without_reason_is_flagged() {
        let f = fake(
            "The talks collapsed, officials said on condition of anonymity. Talks resume Monday.",
            "officials",
            "group-noun",
        );
        assert_eq!(f.run(&AnonymityUnexplained).len(), 1);
    }

    #[test]
    fn vague_crowds_and_plain_people_are_left_to_other_rules() {
        let f = fake("The plan is bad, critics said.", "critics", "vague-holders");
        assert!(f.run(&AnonymityUnexplained).is_empty());
        let f = fake("The plan is bad, many people said.", "many people", "group-noun");
        assert!(f.run(&AnonymityUnexplained).is_empty());
    }

    #[test]
    fn repeated_holder_reported_once_with_count() {
        let f = Fake::new("Officials said it was over. Officials said it was done.")
            .attr("Officials", Unnamed, "group-noun", "said", Stance::Assert)
            .attr("Officials@2", Unnamed, "group-noun", "said@2", Stance::Assert);
        let hits = f.run(&AnonymityUnexplained);
        assert_eq!(hits.len(), 1);
        assert!(hits[0].message.contains("1 more use"), "{}", hits[0].message);
    }

    #[test]
    fn a_reason_given_once_covers_later_uses() {
        let f = Fake::new("Officials, who were not authorized to speak, said it was over. The port closed. Officials said it was done.")
            .attr("Officials", Unnamed, "group-noun", "said", Stance::Assert)
            .attr("Officials@2", Unnamed, "group-noun", "said@2", Stance::Assert);
        assert!(f.run(&AnonymityUnexplained).is_empty());
    }

    #[test]
    fn collective_aides_pass_an_individual_aide_does_not() {
        let f = fake("The plan is set, campaign aides said.", "campaign aides", "noun-phrase");
        assert!(f.run(&AnonymityUnexplained).is_empty());
        let f = fake("The plan is set, a senior aide said.", "a senior aide", "noun-phrase");
        assert_eq!(f.run(&AnonymityUnexplained).len(), 1);
    }
}
