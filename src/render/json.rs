//! JSON and JSON Lines output, the contract in `shared/spec/output.md`:
//! byte offsets into the original file, one object per document.

use crate::input::Document;
use crate::model::{Analysis, Attribution, Statement, Summary};
use crate::span::Span;
use serde_json::{Map, Value, json};

fn sp(doc: &Document, s: Span) -> Value {
    let o = doc.to_original(s);
    json!([o.start, o.end])
}

fn excerpt(doc: &Document, s: Span) -> String {
    let t = s.slice(&doc.text);
    let mut out = String::with_capacity(t.len().min(200));
    for (i, c) in t.chars().enumerate() {
        if i >= 200 {
            out.push('…');
            break;
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

fn attribution(doc: &Document, a: &Attribution) -> Value {
    let source = match &a.source {
        None => Value::Null,
        Some(s) => {
            let mut m = Map::new();
            m.insert("span".into(), sp(doc, s.span));
            m.insert("text".into(), excerpt(doc, s.span).into());
            m.insert("kind".into(), s.kind.as_str().into());
            m.insert("rule".into(), s.rule.clone().into());
            if let Some(r) = s.resolved {
                m.insert("resolved".into(), json!({"span": sp(doc, r), "text": excerpt(doc, r)}));
            }
            Value::Object(m)
        }
    };
    let content = match a.content.as_slice() {
        [one] => json!({"span": sp(doc, *one)}),
        many => json!({"spans": many.iter().map(|s| sp(doc, *s)).collect::<Vec<_>>()}),
    };
    json!({
        "source": source,
        "cue": {"span": sp(doc, a.cue), "text": excerpt(doc, a.cue), "stance": a.stance.as_str(), "rule": a.cue_rule},
        "content": content,
        "construction": a.construction,
        "negated": a.negated,
        "hedged": a.hedged,
    })
}

fn statement(doc: &Document, a: &Analysis, st: &Statement) -> Value {
    let o = doc.to_original(st.span);
    let (line, column) = doc.line_col(o.start);
    json!({
        "span": [o.start, o.end],
        "line": line,
        "column": column,
        "kind": st.kind,
        "text": excerpt(doc, st.span),
        "verdict": st.verdict.as_str(),
        "source": st.source.as_str(),
        "confidence": (st.confidence * 100.0).round() / 100.0,
        "attributions": st.attributions.iter().map(|&k| attribution(doc, &a.attributions[k])).collect::<Vec<_>>(),
        "hedges": st.hedges.iter().map(|h| json!({"span": sp(doc, h.span), "text": excerpt(doc, h.span), "kind": h.kind.as_str(), "rule": h.rule})).collect::<Vec<_>>(),
        "markers": st.markers.iter().map(|m| json!({"span": sp(doc, m.span), "text": excerpt(doc, m.span), "verdict": m.verdict.as_str(), "rule": m.rule})).collect::<Vec<_>>(),
        "evidence": st.evidence.iter().map(|e| json!({"rule": e.rule, "effect": e.effect})).collect::<Vec<_>>(),
    })
}

/// One document as a JSON value.
pub fn document(doc: &Document, a: &Analysis) -> Value {
    let s = &a.summary;
    json!({
        "path": doc.path,
        "format": format!("{:?}", doc.format).to_lowercase(),
        "warnings": doc.warnings,
        "statements": a.statements.iter().map(|st| statement(doc, a, st)).collect::<Vec<_>>(),
                "summary": summary_with(s, [("reading", s.reading().into())]),
    })
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
    document(doc, a).to_string()
}
