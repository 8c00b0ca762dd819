//! `unnamed-share`: too much of the article rests on unnamed sources.

use crate::lint::{Context, Example, Hit, OptionKind, Options, Rule, RuleOption, Severity};
use crate::span::Span;

pub struct UnnamedShare;

impl Rule for UnnamedShare {
    fn id(&self) -> &'static str {
        "unnamed-share"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Too large a share of the article's statements rest on unnamed sources"
    }
    fn rationale(&self) -> &'static str {
        "One anonymous source can be justified; an article where a third of the statements rest on people \
         the reader cannot identify asks for a great deal of trust. This article-level rule compares the \
         share of statements whose source is unnamed with a threshold (option `threshold`, default 0.3) \
         and reports at line 1. Very short drafts are skipped (option `min-statements`, default 5). It sees \
         the whole file even with --changed-since."
    }
    fn examples(&self) -> &'static [Example] {
        &[
            Example {
                text: "The deal is off, officials said. Talks will resume, sources said. The port closed, a person familiar said.",
                flagged: true,
            },
            Example {
                text: "The port closed on Friday. The mayor said it would reopen. Trade fell.",
                flagged: false,
            },
        ]
    }
    fn options(&self) -> &'static [RuleOption] {
        &[
            RuleOption {
                name: "threshold",
                default: 0.3,
                kind: OptionKind::Share,
                doc: "the largest share (0-1) of statements that may rest on unnamed sources",
            },
            RuleOption {
                name: "min-statements",
                default: 5.0,
                kind: OptionKind::Count,
                doc: "articles with fewer statements are not judged",
            },
        ]
    }
    fn article_level(&self) -> bool {
        true
    }
    fn check(&self, cx: &Context, opts: &Options) -> Vec<Hit> {
        let threshold = opts.get("threshold").copied().unwrap_or(0.3);
        let min = opts.get("min-statements").copied().unwrap_or(5.0);
        let s = &cx.analysis.summary;
        if (s.statements as f64) < min || s.statements == 0 {
            return vec![];
        }
        let share = s.share(s.source_unnamed);
        if share <= threshold {
            return vec![];
        }
        vec![Hit {
            span: Span::new(0, 0),
            message: format!(
                "{} of {} statements ({:.0}%) rest on unnamed sources; the limit is {:.0}%",
                s.source_unnamed,
                s.statements,
                share * 100.0,
                threshold * 100.0
            ),
            help: Some("name more sources, or add on-the-record reporting".into()),
            article: true,
        }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testutil::Fake;
    use crate::model::{SourceKind::*, Stance};

    fn draft(unnamed: usize, total: usize) -> Fake {
        let text: Vec<String> = (0..total).map(|i| format!("Claim {i} holds, X{i} said.")).collect();
        let mut f = Fake::new(&text.join(" "));
        for i in 0..unnamed {
            f = f.attr(
                &format!("X{i}"),
                Unnamed,
                "anonymous",
                &format!("X{i} said"),
                Stance::Assert,
            );
        }
        f.summarize()
    }

    #[test]
    fn above_threshold_is_reported_at_article_level() {
        let hits = draft(3, 6).run(&UnnamedShare);
        assert_eq!(hits.len(), 1);
        assert!(hits[0].article);
        assert!(
            hits[0].message.starts_with("3 of 6 statements (50%)"),
            "{}",
            hits[0].message
        );
    }

    #[test]
    fn at_or_below_threshold_and_short_drafts_pass() {
        assert!(draft(1, 6).run(&UnnamedShare).is_empty());
        assert!(draft(3, 4).run(&UnnamedShare).is_empty(), "fewer than 5 statements");
    }
}
