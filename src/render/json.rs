//! JSON and JSON Lines output, the contract in `shared/spec/output.md`:
//! byte offsets into the original file, one object per document.

use crate::input::Document;
use crate::model::{Analysis, Attribution, Evidence, Hedge, SourceKind, Statement, Summary, Verdict};
use crate::score::{features, hedges};
use crate::span::Span;
use serde::Serialize;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::collections::BTreeMap;

// The output is built from typed records rather than `serde_json::Value` trees:
// the same bytes (fields in alphabetical order, as a Value map writes them) at a
// fraction of the allocations. Field order below is therefore alphabetical.

fn sp(doc: &Document, s: Span) -> [usize; 2] {
    let o = doc.to_original(s);
    [o.start, o.end]
}

/// The analysed text of a span, whole: machine output never shortens what it
/// quotes (line breaks stay as they are, escaped by JSON).
fn excerpt(doc: &Document, s: Span) -> String {
    crate::work::add(s.len());
    s.slice(&doc.text).to_owned()
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    format: String,
    path: &'a str,
    // (written before the summary, which a windowed analysis knows only once
    // its statements are written)
    statements: StatementsOut<'a>,
    summary: SummaryOut<'a>,
    warnings: &'a [String],
}

/// Where a document's statements come from.
#[derive(Clone, Copy)]
enum Source<'a> {
    /// an analysis of the whole document, made before
    Whole(&'a Analysis),
    /// made window by window as they are written
    Windowed(Windows<'a>),
}

/// A document's analyses, one window at a time in text order, each made when
/// it is asked for and dropped after: the caller's `Analyzer::analyze_windowed`,
/// handed in so that this printer never runs the analysis itself. It gives each
/// window's analysis to the function it is called with, stops at that
/// function's first `Err`, and gives the summary of the whole document.
pub type Windows<'a> = &'a dyn Fn(&mut dyn FnMut(&Analysis) -> Result<(), ()>) -> Result<Summary, ()>;

/// A document's statements, each turned into its record only as it is
/// written: a long document's output is never held whole.
struct StatementsOut<'a> {
    doc: &'a Document,
    source: Source<'a>,
    /// every object's keys in sorted order, as a `serde_json::Value` writes them
    /// (`--format json`; JSON Lines keeps the records' own order, which puts an
    /// attribution's `negated` before `learned`)
    sorted: bool,
    /// the document's summary, once known
    summary: &'a RefCell<Option<Summary>>,
}

impl StatementsOut<'_> {
    fn element<S: serde::ser::SerializeSeq>(&self, seq: &mut S, a: &Analysis, st: &Statement) -> Result<(), S::Error> {
        let record = statement(self.doc, a, st);
        if self.sorted {
            seq.serialize_element(&serde_json::to_value(record).map_err(serde::ser::Error::custom)?)
        } else {
            seq.serialize_element(&record)
        }
    }
}

impl Serialize for StatementsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        match self.source {
            Source::Whole(a) => {
                let mut seq = s.serialize_seq(Some(a.statements.len()))?;
                for st in &a.statements {
                    self.element(&mut seq, a, st)?;
                }
                seq.end()
            }
            Source::Windowed(windows) => {
                // (no length: the writer gives `[]` for none either way)
                let mut seq = s.serialize_seq(None)?;
                let mut failed = None;
                let summary = windows(&mut |a| {
                    (a.statements.iter())
                        .try_for_each(|st| self.element(&mut seq, a, st))
                        .map_err(|e| failed = Some(e))
                });
                if let Some(e) = failed {
                    return Err(e);
                }
                let summary = summary.map_err(|()| serde::ser::Error::custom("a window could not be analysed"))?;
                *self.summary.borrow_mut() = Some(summary);
                seq.end()
            }
        }
    }
}

/// The summary object, from the summary the statements left.
struct SummaryOut<'a>(&'a RefCell<Option<Summary>>);

impl Serialize for SummaryOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let summary = self.0.borrow();
        let summary = summary
            .as_ref()
            .ok_or_else(|| serde::ser::Error::custom("summary before statements"))?;
        summary_with(summary, [("reading", summary.reading().into())]).serialize(s)
    }
}

#[derive(Serialize)]
struct StatementOut<'a> {
    attributions: Vec<AttributionOut<'a>>,
    column: usize,
    confidence: f64,
    evidence: Vec<EvidenceOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hedge_filter: Option<HedgeFilterOut<'a>>,
    hedges: Vec<HedgeOut<'a>>,
    kind: &'static str,
    line: usize,
    markers: Vec<MarkerOut<'a>>,
    probabilities: ProbabilitiesOut,
    source: &'static str,
    source_confidence: f64,
    source_evidence: Vec<EvidenceOut>,
    span: [usize; 2],
    text: String,
    verdict: &'static str,
}

/// One feature a decision weighed: its name, the words it rests on, and its
/// pull toward the class decided (log-odds against the average class).
#[derive(Serialize)]
struct EvidenceOut {
    feature: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    weight: f64,
}

#[derive(Serialize)]
struct ProbabilitiesOut {
    source: BTreeMap<&'static str, f64>,
    verdict: BTreeMap<&'static str, f64>,
}

#[derive(Serialize)]
struct HedgeOut<'a> {
    kind: &'static str,
    rule: &'a str,
    span: [usize; 2],
    text: String,
}

/// Why the learned hedge filter kept or dropped a statement's candidate
/// hedges: the probability that the statement is uncertain, the threshold,
/// the features it weighed (log-odds toward uncertain) and what it dropped.
#[derive(Serialize)]
struct HedgeFilterOut<'a> {
    dropped: Vec<HedgeOut<'a>>,
    evidence: Vec<EvidenceOut>,
    probability: f64,
    threshold: f64,
}

#[derive(Serialize)]
struct MarkerOut<'a> {
    rule: &'a str,
    span: [usize; 2],
    text: String,
    verdict: &'static str,
}

#[derive(Serialize)]
struct AttributionOut<'a> {
    construction: &'a str,
    content: ContentOut,
    cue: CueOut<'a>,
    hedged: bool,
    negated: bool,
    /// a cue found by the learned detector: why
    #[serde(skip_serializing_if = "Option::is_none")]
    learned: Option<LearnedOut>,
    source: Option<SourceOut<'a>>,
}

#[derive(Serialize)]
struct LearnedOut {
    features: Vec<EvidenceOut>,
    margin: f64,
    threshold: f64,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ContentOut {
    One { span: [usize; 2] },
    Many { spans: Vec<[usize; 2]> },
}

#[derive(Serialize)]
struct CueOut<'a> {
    rule: &'a str,
    span: [usize; 2],
    stance: &'static str,
    text: String,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolved: Option<ResolvedOut>,
    rule: &'a str,
    span: [usize; 2],
    text: String,
}

#[derive(Serialize)]
struct ResolvedOut {
    span: [usize; 2],
    text: String,
}

fn attribution<'a>(doc: &Document, a: &'a Attribution) -> AttributionOut<'a> {
    AttributionOut {
        construction: a.construction,
        content: match a.content.as_slice() {
            [one] => ContentOut::One { span: sp(doc, *one) },
            many => ContentOut::Many {
                spans: many.iter().map(|s| sp(doc, *s)).collect(),
            },
        },
        cue: CueOut {
            rule: a.cue_rule,
            span: sp(doc, a.cue),
            stance: a.stance.as_str(),
            text: excerpt(doc, a.cue),
        },
        hedged: a.hedged,
        learned: a.learned.as_ref().map(|l| LearnedOut {
            features: (l.features.iter())
                .map(|(name, w)| EvidenceOut {
                    feature: name.clone(),
                    text: None,
                    weight: round2(*w),
                })
                .collect(),
            margin: round2(l.margin),
            threshold: round2(l.threshold),
        }),
        negated: a.negated,
        source: a.source.as_ref().map(|s| SourceOut {
            kind: s.kind.as_str(),
            resolved: s.resolved.map(|r| ResolvedOut {
                span: sp(doc, r),
                text: excerpt(doc, r),
            }),
            rule: s.rule,
            span: sp(doc, s.span),
            text: excerpt(doc, s.span),
        }),
    }
}

// rounded in f64, so 0.8 prints as 0.8 rather than as the f32's 0.800000011920929
fn round2(x: f32) -> f64 {
    (f64::from(x) * 100.0).round() / 100.0
}

fn evidence(doc: &Document, a: &Analysis, st: &Statement, ev: &[Evidence]) -> Vec<EvidenceOut> {
    ev.iter()
        .map(|e| EvidenceOut {
            feature: features::name(&doc.text, &a.attributions, st, e.feature),
            text: e.span.map(|s| excerpt(doc, s)),
            weight: round2(e.weight),
        })
        .collect()
}

fn hedge<'a>(doc: &Document, h: &'a Hedge) -> HedgeOut<'a> {
    HedgeOut {
        kind: h.kind.as_str(),
        rule: h.rule,
        span: sp(doc, h.span),
        text: excerpt(doc, h.span),
    }
}

fn statement<'a>(doc: &Document, a: &'a Analysis, st: &'a Statement) -> StatementOut<'a> {
    crate::work::add(1);
    let o = doc.to_original(st.span);
    let (line, column) = doc.line_col(o.start);
    StatementOut {
        attributions: (st.attributions.iter().chain(&st.acts))
            .map(|&k| attribution(doc, &a.attributions[k]))
            .collect(),
        column,
        confidence: round2(st.confidence),
        evidence: evidence(doc, a, st, &st.evidence),
        hedge_filter: st.hedge_filter.as_ref().map(|f| HedgeFilterOut {
            dropped: f.dropped.iter().map(|h| hedge(doc, h)).collect(),
            evidence: (f.evidence.iter())
                .map(|e| EvidenceOut {
                    feature: hedges::name(&doc.text, e.feature),
                    text: e.feature.hedge.map(|s| excerpt(doc, s)),
                    weight: round2(e.weight),
                })
                .collect(),
            probability: round2(f.probability),
            threshold: round2(f.threshold),
        }),
        hedges: st.hedges.iter().map(|h| hedge(doc, h)).collect(),
        kind: st.kind,
        line,
        markers: st
            .markers
            .iter()
            .map(|m| MarkerOut {
                rule: m.rule,
                span: sp(doc, m.span),
                text: excerpt(doc, m.span),
                verdict: m.verdict.as_str(),
            })
            .collect(),
        probabilities: ProbabilitiesOut {
            source: (SourceKind::ALL.iter())
                .zip(st.source_probabilities)
                .map(|(k, p)| (k.as_str(), round2(p)))
                .collect(),
            verdict: (Verdict::ALL.iter())
                .zip(st.verdict_probabilities)
                .map(|(v, p)| (v.as_str(), round2(p)))
                .collect(),
        },
        source: st.source.as_str(),
        source_confidence: round2(st.source_probabilities[st.source as usize]),
        source_evidence: evidence(doc, a, st, &st.source_evidence),
        span: [o.start, o.end],
        text: excerpt(doc, st.span),
        verdict: st.verdict.as_str(),
    }
}

fn document_out<'a>(
    doc: &'a Document,
    source: Source<'a>,
    summary: &'a RefCell<Option<Summary>>,
    sorted: bool,
) -> DocumentOut<'a> {
    if let Source::Whole(a) = source {
        *summary.borrow_mut() = Some(a.summary.clone());
    }
    DocumentOut {
        format: format!("{:?}", doc.format).to_lowercase(),
        path: &doc.path,
        statements: StatementsOut {
            doc,
            source,
            sorted,
            summary,
        },
        summary: SummaryOut(summary),
        warnings: &doc.warnings,
    }
}

/// Serialise document `doc` from `source` with `f` (a `serde_json` writer).
fn with_document<T>(
    doc: &Document,
    source: Source<'_>,
    sorted: bool,
    f: impl FnOnce(&DocumentOut<'_>) -> serde_json::Result<T>,
) -> serde_json::Result<T> {
    let summary = RefCell::new(None);
    f(&document_out(doc, source, &summary, sorted))
}

/// One document as a JSON value.
pub fn document(doc: &Document, a: &Analysis) -> Value {
    with_document(doc, Source::Whole(a), true, |d| serde_json::to_value(d)).unwrap_or(Value::Null)
}

/// The summary object that `annotate` and `score` share, with extra fields added.
pub fn summary_with<const N: usize>(s: &Summary, extra: [(&str, Value); N]) -> Value {
    let mut v = json!({
        "statements": s.statements,
        "words": s.words,
        "attributions": s.attributions,
        "verdicts": {"confirmed": s.confirmed, "alleged": s.alleged, "disputed": s.disputed},
        "sources": {"none": s.source_none, "named": s.source_named, "unnamed": s.source_unnamed},
        "shares": {
            "confirmed": round3(s.share(s.confirmed)),
            "alleged": round3(s.share(s.alleged)),
            "disputed": round3(s.share(s.disputed)),
            "unnamed": round3(s.share(s.source_unnamed)),
        },
        "hedges": s.hedges,
        "hedge_density": round3(s.hedge_density),
    });
    if let Value::Object(m) = &mut v {
        for (k, x) in extra {
            m.insert(k.to_string(), x);
        }
    }
    v
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// One document as a single JSON line (no trailing newline).
pub fn line(doc: &Document, a: &Analysis) -> String {
    with_document(doc, Source::Whole(a), false, |d| serde_json::to_string(d)).unwrap_or_default()
}

/// [`line`], written to `w` statement by statement.
pub fn write_line(w: &mut impl std::io::Write, doc: &Document, a: &Analysis) -> std::io::Result<()> {
    with_document(doc, Source::Whole(a), false, |d| serde_json::to_writer(w, d)).map_err(std::io::Error::from)
}

/// [`write_line`] of the document analysed as it is written, window by window
/// (`windows`): what is held stays bounded on any length.
pub fn write_line_windowed(w: &mut impl std::io::Write, doc: &Document, windows: Windows) -> std::io::Result<()> {
    with_document(doc, Source::Windowed(windows), false, |d| serde_json::to_writer(w, d)).map_err(std::io::Error::from)
}

/// One document pretty-printed (the `--format json` element): the bytes of
/// `serde_json::to_string_pretty(&document(doc, a))`, written to `w`
/// statement by statement.
pub fn write_pretty(w: &mut impl std::io::Write, doc: &Document, a: &Analysis) -> std::io::Result<()> {
    with_document(doc, Source::Whole(a), true, |d| serde_json::to_writer_pretty(w, d)).map_err(std::io::Error::from)
}

/// [`write_pretty`] of the document analysed as it is written, window by window.
pub fn write_pretty_windowed(w: &mut impl std::io::Write, doc: &Document, windows: Windows) -> std::io::Result<()> {
    with_document(doc, Source::Windowed(windows), true, |d| {
        serde_json::to_writer_pretty(w, d)
    })
    .map_err(std::io::Error::from)
}

/// [`write_pretty`] into a string.
pub fn pretty(doc: &Document, a: &Analysis) -> String {
    let mut out = Vec::new();
    // (writing to a Vec fails only on a serialisation error, which these records never give)
    let _ = write_pretty(&mut out, doc, a);
    String::from_utf8(out).unwrap_or_default()
}
