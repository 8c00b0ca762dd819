//! The whole document pipeline: bytes -> Document (each Format) -> analysis ->
//! JSON line + terminal view. Every span must lie inside the text it indexes
//! and on char boundaries; mapped to the original it must lie inside the file
//! and, when the file is valid UTF-8, on its char boundaries too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sayso::analysis::Analyzer;
use sayso::input::{Document, Format};
use sayso::model::Analysis;
use sayso::render::{json, terminal};
use sayso::span::Span;
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::builtin)
}

fn spans(a: &Analysis) -> Vec<Span> {
    let mut v = Vec::new();
    for st in &a.statements {
        v.push(st.span);
        v.extend(st.hedges.iter().map(|h| h.span));
        v.extend(st.markers.iter().map(|m| m.span));
        v.extend(st.evidence.iter().filter_map(|e| e.span));
        for &k in st.attributions.iter().chain(&st.inherited) {
            assert!(k < a.attributions.len(), "attribution index {k} out of range");
        }
    }
    for at in &a.attributions {
        v.push(at.cue);
        v.extend(at.content.iter().copied());
        if let Some(s) = &at.source {
            v.push(s.span);
            v.extend(s.resolved);
        }
    }
    v
}

fn check(doc: &Document, a: &Analysis) {
    let text = &doc.text;
    let utf8 = std::str::from_utf8(&doc.original).ok();
    for s in spans(a) {
        assert!(s.start <= s.end && s.end <= text.len(), "span {s:?} outside text of {} bytes", text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "span {s:?} not on char boundaries");
        let o = doc.to_original(s);
        assert!(o.start <= o.end && o.end <= doc.original.len(), "original span {o:?} outside {} bytes", doc.original.len());
        if let Some(orig) = utf8 {
            assert!(
                orig.is_char_boundary(o.start) && orig.is_char_boundary(o.end),
                "original span {o:?} (from {s:?}) not on char boundaries"
            );
        }
    }
    let mut last = 0;
    for st in &a.statements {
        assert!(st.span.start >= last, "statements overlap or out of order at {:?}", st.span);
        last = st.span.end;
    }
}

fuzz_target!(|data: &[u8]| {
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let Ok(doc) = Document::from_bytes("fuzz", data.to_vec(), format) else {
            continue;
        };
        let a = analyzer().analyze(&doc);
        check(&doc, &a);
        let line = json::line(&doc, &a);
        let v: serde_json::Value = serde_json::from_str(&line).expect("json::line is valid JSON");
        assert!(!line.contains('\n'), "JSON line contains a newline");
        for st in v["statements"].as_array().expect("statements array") {
            let end = st["span"][1].as_u64().unwrap() as usize;
            assert!(end <= data.len());
        }
        let _ = terminal::document(&doc, &a, terminal::Style { color: false, explain: true });
        let _ = terminal::document(&doc, &a, terminal::Style { color: true, explain: false });
        if let Some(n) = doc.line_count().checked_add(1) {
            let _ = doc.line_text(n);
        }
        let _ = doc.line_col(data.len() + 5);
    }
});
