//! `sayso check`: editorial sourcing rules over an analysed draft.
//!
//! The rules read what the analysis found (`Analysis`) and the `Document` it
//! came from; they never analyse text themselves beyond small word checks.
//! Every finding is located in the ORIGINAL file (byte span, line, column),
//! so Markdown and HTML drafts get their diagnostics where the words are.
//!
//! Pieces: `rules` (one file per rule), `config` (`sayso.toml`), `suppress`
//! (`<!-- sayso-disable… -->` comments), `changed` (`--changed-since`).

pub mod baseline;
pub mod changed;
pub mod config;
pub mod rules;
pub mod suppress;
pub mod text;

use crate::grammar::Grammar;
use crate::input::Document;
use crate::model::Analysis;
use crate::span::Span;
use serde::Serialize;
use std::collections::BTreeMap;

/// How much a finding matters. `Off` disables a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Off,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const NAMES: [&'static str; 4] = ["off", "info", "warning", "error"];
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "off" => Some(Severity::Off),
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// One example in a rule's documentation.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    pub text: &'static str,
    /// does the rule flag it?
    pub flagged: bool,
}

/// An option of a rule (`[rules.NAME] option = value` in sayso.toml). Every
/// value is kept as a number; `kind` says which ones sayso.toml may give.
#[derive(Debug, Clone, Copy)]
pub struct RuleOption {
    pub name: &'static str,
    pub default: f64,
    pub kind: OptionKind,
    pub doc: &'static str,
}

/// What a rule option's value means, which decides what sayso.toml may set it
/// to: a yes/no is written `true`, a share 0.2, a count 8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    /// a share between 0 and 1 (0.25 is a quarter)
    Share,
    /// a whole number (of words, of statements), 0 or more
    Count,
    /// yes or no: `true` or `false` (1 and 0 mean the same); kept as 1 or 0
    Switch,
}

impl OptionKind {
    /// The name `sayso rules --format json` gives the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            OptionKind::Share => "share",
            OptionKind::Count => "count",
            OptionKind::Switch => "switch",
        }
    }

    /// A value as sayso.toml would write it (`true`, `8`, `0.3`).
    pub fn show(self, v: f64) -> String {
        match self {
            OptionKind::Switch => (v != 0.0).to_string(),
            OptionKind::Count => format!("{}", v as u64),
            OptionKind::Share => format!("{v}"),
        }
    }
}

/// The option values a rule runs with (defaults filled in).
pub type Options = BTreeMap<String, f64>;

/// What a rule reports, before severity, suppression and location are applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// a span into `doc.text` (the prose projection); ignored for article-level hits
    pub span: Span,
    pub message: String,
    /// a suggestion for the fix, shown under the diagnostic
    pub help: Option<String>,
    /// about the whole article: located at line 1, column 1
    pub article: bool,
}

impl Hit {
    pub fn at(span: Span, message: impl Into<String>) -> Hit {
        Hit {
            span,
            message: message.into(),
            help: None,
            article: false,
        }
    }
    pub fn help(mut self, help: impl Into<String>) -> Hit {
        self.help = Some(help.into());
        self
    }
}

/// What a rule sees.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub analysis: &'a Analysis,
    pub grammar: &'a Grammar,
}

impl Context<'_> {
    /// The projected text of a span.
    pub fn text(&self, span: Span) -> &str {
        let t = &self.doc.text;
        let (s, e) = text::clamp(t, span);
        &t[s..e]
    }
}

/// Is this attribution a real report of a claim? Guards the rules against a
/// belief cue with no clause after it ("the pride that many feel for him"):
/// content that starts with a preposition is not a claim.
pub fn is_claim(cx: &Context, at: &crate::model::Attribution) -> bool {
    let Some(first) = at.content.first() else {
        return true;
    };
    let t = cx.text(*first).trim_start().to_lowercase();
    let w = t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    !matches!(w, "for" | "about" | "toward" | "towards" | "with" | "of" | "like")
}

/// Is `span` inside quotation marks within its statement? (An odd number of
/// quote characters between the statement start and the span.)
pub fn in_quote(cx: &Context, st: &crate::model::Statement, span: Span) -> bool {
    // count from the start of the paragraph: a quote may open sentences earlier
    let t = &cx.doc.text;
    let upto = span.start.max(st.span.start).min(t.len());
    let upto = text::clamp(t, Span::new(upto, upto)).0;
    let head = &t[..upto];
    let para = if cx.doc.format == crate::input::Format::Text {
        head.rfind('\n').map_or(0, |i| i + 1)
    } else {
        head.rfind("\n\n").map_or(0, |i| i + 2)
    };
    let before = &t[para..upto];
    let curly_open = before.matches('“').count();
    let curly_close = before.matches('”').count();
    if curly_open + curly_close > 0 {
        return curly_open > curly_close;
    }
    let opens = before.matches('"').count() + before.matches("''").count() + before.matches("``").count();
    opens % 2 == 1
}

/// Is `span` inside the content of one of the statement's attributions (its
/// own or inherited)? Such words belong to the source, not the writer.
pub fn in_content(cx: &Context, st: &crate::model::Statement, span: Span) -> bool {
    st.attributions
        .iter()
        .chain(&st.inherited)
        .filter_map(|&k| cx.analysis.attributions.get(k))
        .any(|a| a.content.iter().any(|c| c.contains(span)))
}

/// A check rule. Each lives in its own file under `rules/`.
pub trait Rule: Sync + Send {
    fn id(&self) -> &'static str;
    fn default_severity(&self) -> Severity;
    /// one line
    fn summary(&self) -> &'static str;
    /// one paragraph: why an editor cares
    fn rationale(&self) -> &'static str;
    fn examples(&self) -> &'static [Example];
    fn options(&self) -> &'static [RuleOption] {
        &[]
    }
    /// Article-level rules see the whole file even with `--changed-since`.
    fn article_level(&self) -> bool {
        false
    }
    fn check(&self, cx: &Context, opts: &Options) -> Vec<Hit>;
}

/// An in-source suppression that silenced a finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suppression {
    /// always "inSource" (the SARIF term)
    pub kind: &'static str,
    pub justification: Option<String>,
    /// the line of the comment
    pub line: usize,
}

/// A located finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// original byte span
    pub start_byte: usize,
    pub end_byte: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    /// exclusive: the column after the last character
    pub end_column: usize,
    pub article: bool,
    pub suppression: Option<Suppression>,
}

/// Locate a projected span in the original file.
pub fn locate(doc: &Document, span: Span) -> (Span, (usize, usize), (usize, usize)) {
    let o = doc.to_original(span);
    let start = doc.line_col(o.start);
    let mut end = doc.line_col(o.end);
    if end < start {
        end = start;
    }
    (o, start, end)
}

/// Run every enabled rule over one analysed document. Suppressions and
/// `--changed-since` are applied by the caller (see `commands::check`).
pub fn run_rules(cx: &Context, settings: &config::Settings) -> Vec<Finding> {
    let mut hits = Vec::new();
    for rule in rules::all() {
        let rs = settings.rule(rule.id());
        if rs.severity == Severity::Off {
            continue;
        }
        for hit in rule.check(cx, &rs.options) {
            hits.push((rule.id(), rs.severity, hit));
        }
    }
    let mut out: Vec<Finding> = (one_per_holder(cx, hits).into_iter())
        .map(|(rule, severity, hit)| to_finding(cx.doc, rule, severity, hit))
        .collect();
    out.sort_by(|a, b| (a.start_byte, a.rule).cmp(&(b.start_byte, b.rule)));
    out
}

/// The rules that judge a statement's holder, most specific first. When
/// several of them flag the same holder (overlapping spans in one statement),
/// one finding is reported: the most specific rule's, with that rule's
/// severity (the finding is exactly what the rule named would report).
/// An anonymous source with no reason is a kind of unnamed source, as a
/// vague crowd ("critics", "some say") is; `unnamed-source` is the general case.
/// Documented in docs/check.md ("One finding per holder").
pub const HOLDER_RULES: [&str; 3] = ["anonymity-unexplained", "weasel", "unnamed-source"];

/// The statement a span starts in, if any.
fn statement_of(cx: &Context, span: Span) -> Option<usize> {
    cx.analysis
        .statements
        .iter()
        .position(|st| st.span.start <= span.start && span.start < st.span.end.max(st.span.start + 1))
}

/// Merge holder-rule hits that flag the same holder (see [`HOLDER_RULES`]).
fn one_per_holder(cx: &Context, hits: Vec<(&'static str, Severity, Hit)>) -> Vec<(&'static str, Severity, Hit)> {
    let rank = |rule: &str| HOLDER_RULES.iter().position(|r| *r == rule);
    let (mut holder, mut out): (Vec<_>, Vec<_>) =
        (hits.into_iter()).partition(|(r, _, h)| rank(r).is_some() && !h.article);
    // most specific first; ties in document order
    holder.sort_by_key(|(r, _, h)| (rank(r), h.span.start));
    let mut kept: Vec<(&'static str, Severity, Hit, Option<usize>)> = Vec::new();
    for (rule, severity, hit) in holder {
        let st = statement_of(cx, hit.span);
        let same = kept
            .iter_mut()
            .find(|(_, _, k, kst)| *kst == st && (k.span.overlaps(hit.span) || k.span == hit.span));
        if same.is_none() {
            kept.push((rule, severity, hit, st));
        }
    }
    out.extend(kept.into_iter().map(|(r, s, h, _)| (r, s, h)));
    out
}

/// Turn a hit into a located finding.
pub fn to_finding(doc: &Document, rule: &'static str, severity: Severity, hit: Hit) -> Finding {
    let (o, (line, column), (end_line, end_column)) = if hit.article {
        let first = doc.line_text(1).chars().count();
        (Span::new(0, 0), (1, 1), (1, first.max(1) + 1))
    } else {
        locate(doc, hit.span)
    };
    Finding {
        rule,
        severity,
        message: hit.message,
        help: hit.help,
        start_byte: o.start,
        end_byte: o.end,
        line,
        column,
        end_line,
        end_column,
        article: hit.article,
        suppression: None,
    }
}

/// Rule ids known to the checker, including the suppression meta-rules.
pub fn rule_ids() -> Vec<&'static str> {
    rules::all().iter().map(|r| r.id()).collect()
}

/// Find a rule by id.
pub fn rule(id: &str) -> Option<&'static dyn Rule> {
    rules::all().iter().copied().find(|r| r.id() == id)
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Hand-built analyses, so rule tests do not hinge on the grammar's tuning.
    use super::*;
    use crate::input::Format;
    use crate::model::*;

    pub struct Fake {
        pub doc: Document,
        pub analysis: Analysis,
        pub grammar: Grammar,
    }

    /// `needle`, or `needle@N` for its N-th occurrence (1-based).
    fn find(text: &str, needle: &str) -> Span {
        let (needle, nth) = match needle.rsplit_once('@') {
            Some((n, k)) if k.parse::<usize>().is_ok() => (n, k.parse::<usize>().unwrap()),
            _ => (needle, 1),
        };
        let s = text
            .match_indices(needle)
            .nth(nth - 1)
            .map(|(i, _)| i)
            .unwrap_or_else(|| panic!("'{needle}' not in '{text}'"));
        Span::new(s, s + needle.len())
    }

    impl Fake {
        /// One statement per sentence (split on ". "), all plain.
        pub fn new(text: &str) -> Fake {
            let doc = Document::from_bytes("t.txt", text.as_bytes().to_vec(), Format::Text).unwrap();
            let mut statements = Vec::new();
            let mut start = 0;
            let t = doc.text.clone();
            let mut cut: Vec<usize> = t.match_indices(". ").map(|(i, _)| i + 1).collect();
            cut.push(t.len());
            for c in cut {
                let s = t[start..c].trim_start();
                let st = c - s.len();
                statements.push(Statement {
                    confidence: 1.0,
                    ..Statement::new(Span::new(st, c), "prose", 0)
                });
                start = c;
            }
            let summary = Summary {
                statements: statements.len(),
                ..Default::default()
            };
            Fake {
                doc,
                analysis: Analysis {
                    statements,
                    summary,
                    ..Analysis::default()
                },
                grammar: Grammar::default(),
            }
        }
        fn stmt_of(&self, span: Span) -> usize {
            self.analysis
                .statements
                .iter()
                .position(|s| s.span.contains(span))
                .expect("span inside a statement")
        }
        /// Add an attribution: holder phrase, its kind and rule, the cue word.
        pub fn attr(mut self, holder: &str, kind: SourceKind, rule: &'static str, cue: &str, stance: Stance) -> Fake {
            let t = self.doc.text.clone();
            let cue_span = find(&t, cue);
            let source = (!holder.is_empty()).then(|| Source {
                span: find(&t, holder),
                kind,
                rule,
                resolved: None,
            });
            let i = self.stmt_of(cue_span);
            self.analysis.attributions.push(Attribution {
                source,
                cue: cue_span,
                stance,
                cue_rule: "say",
                construction: "test",
                content: vec![],
                negated: false,
                hedged: false,
                particle: false,
                learned: None,
                learned_end: None,
                learned_holder: None,
            });
            let n = self.analysis.attributions.len() - 1;
            let st = &mut self.analysis.statements[i];
            st.attributions.push(n);
            st.verdict = Verdict::Alleged;
            if kind > st.source {
                st.source = kind;
            }
            self
        }
        pub fn hedge(mut self, phrase: &str, kind: HedgeKind) -> Fake {
            let span = find(&self.doc.text, phrase);
            let i = self.stmt_of(span);
            self.analysis.statements[i].hedges.push(Hedge {
                span,
                kind,
                rule: "test",
                learned: false,
            });
            self
        }
        pub fn summarize(mut self) -> Fake {
            let s = &mut self.analysis.summary;
            s.source_unnamed = self
                .analysis
                .statements
                .iter()
                .filter(|s| s.source == SourceKind::Unnamed)
                .count();
            self
        }
        pub fn run(&self, rule: &dyn Rule) -> Vec<Hit> {
            let cx = Context {
                doc: &self.doc,
                analysis: &self.analysis,
                grammar: &self.grammar,
            };
            let opts = rule.options().iter().map(|o| (o.name.to_string(), o.default)).collect();
            rule.check(&cx, &opts)
        }
        /// `run` with some options set apart from their defaults.
        pub fn run_with(&self, rule: &dyn Rule, set: &[(&str, f64)]) -> Vec<Hit> {
            let cx = Context {
                doc: &self.doc,
                analysis: &self.analysis,
                grammar: &self.grammar,
            };
            let mut opts: Options = rule.options().iter().map(|o| (o.name.to_string(), o.default)).collect();
            opts.extend(set.iter().map(|&(k, v)| (k.to_string(), v)));
            rule.check(&cx, &opts)
        }
        /// The texts the hits point at.
        pub fn texts(&self, rule: &dyn Rule) -> Vec<String> {
            self.run(rule)
                .iter()
                .map(|h| h.span.slice(&self.doc.text).to_string())
                .collect()
        }
    }

    /// Run a rule over real text with the built-in grammar.
    pub fn real(text: &str, rule: &dyn Rule) -> Vec<String> {
        let doc = Document::from_bytes("t.txt", text.as_bytes().to_vec(), Format::Text).unwrap();
        let az = crate::analysis::Analyzer::builtin();
        let a = az.analyze(&doc);
        let cx = Context {
            doc: &doc,
            analysis: &a,
            grammar: &az.matcher.grammar,
        };
        let opts = rule.options().iter().map(|o| (o.name.to_string(), o.default)).collect();
        rule.check(&cx, &opts)
            .iter()
            .map(|h| h.span.slice(&doc.text).to_string())
            .collect()
    }
}

/// One checked file and what was found in it (for the renderers): its path
/// as shown and its findings, not the document, so that a run over a large
/// folder keeps only its findings (the human format renders each finding's
/// excerpt while the document is loaded, `render::diagnostics::finding`).
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub findings: Vec<Finding>,
}

/// Counts over reports (unsuppressed findings only, except `suppressed`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
}

impl Totals {
    pub fn of(reports: &[FileReport]) -> Totals {
        let mut t = Totals::default();
        for r in reports {
            t.add(r);
        }
        t
    }

    /// Count one more file and its findings.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        for f in &report.findings {
            if f.suppression.is_some() {
                self.suppressed += 1;
                continue;
            }
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
                Severity::Off => {}
            }
        }
    }
}

#[cfg(test)]
mod holder_tests {
    use super::testutil::Fake;
    use super::*;
    use crate::model::{SourceKind::*, Stance};

    fn rules_run(f: &Fake, settings: &config::Settings) -> Vec<(&'static str, Severity, String)> {
        let cx = Context {
            doc: &f.doc,
            analysis: &f.analysis,
            grammar: &f.grammar,
        };
        run_rules(&cx, settings)
            .into_iter()
            .map(|x| (x.rule, x.severity, f.doc.text[x.start_byte..x.end_byte].to_string()))
            .collect()
    }

    #[test]
    fn one_holder_gives_one_finding_of_the_most_specific_rule() {
        let f = Fake::new("Some critics argue the plan favours the rich. The port closed.").attr(
            "Some critics",
            Unnamed,
            "vague-holders",
            "argue",
            Stance::Assert,
        );
        let got = rules_run(&f, &config::Settings::default());
        assert_eq!(got, [("weasel", Severity::Warning, "Some critics".to_string())]);
        // with weasel off, the general rule reports the holder
        let mut s = config::Settings::default();
        s.rules.get_mut("weasel").unwrap().severity = Severity::Off;
        assert_eq!(
            rules_run(&f, &s),
            [("unnamed-source", Severity::Info, "Some critics".to_string())]
        );
        // the finding has the reported rule's own severity
        let mut s = config::Settings::default();
        s.rules.get_mut("unnamed-source").unwrap().severity = Severity::Error;
        assert_eq!(
            rules_run(&f, &s),
            [("weasel", Severity::Warning, "Some critics".to_string())]
        );
    }

    #[test]
    fn the_order_is_one_list_of_known_rules() {
        for r in HOLDER_RULES {
            assert!(rule(r).is_some(), "{r}");
        }
    }
}
