//! Scoring: turn the matcher's findings into one verdict and one source kind
//! per statement, with the evidence that decided them, and a document summary.
//!
//! The rules follow `shared/spec/verdicts.md`:
//! - disputed: a denying or criticising cue (not negated), or a marker such as
//!   "no evidence" or "raised concerns";
//! - alleged: any other attribution (a confirming cue only when hedged or
//!   negated), a writer's hedge, an "unverified" marker, or quoted speech that
//!   continues an earlier attribution;
//! - confirmed: everything else, including a confirming cue that stands plain.

use crate::matcher::Findings;
use crate::model::{Analysis, Evidence, HedgeKind, Reason, SourceKind, Stance, Statement, Summary, Verdict};
use crate::segment::{Segmentation, SentenceKind};
use crate::span::Span;

/// Build the statements of a document from its sentences and findings.
pub fn score(seg: &Segmentation, f: Findings) -> Analysis {
    let Findings {
        attributions,
        hedges,
        markers,
        words,
        continuations,
    } = f;
    let sentences = &seg.sentences;
    // which statement holds each cue, and which statements a content or a
    // continued quote covers: binary searches, so long documents stay linear
    let sentence_at = |byte: usize| sentences.partition_point(|s| s.span.end <= byte);
    let covered = |c: Span| {
        let first = sentences.partition_point(|s| s.span.start < c.start);
        let last = sentences.partition_point(|s| s.span.end <= c.end + 2);
        first..last.max(first)
    };
    let mut own: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
    let mut inherited: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
    for (k, a) in attributions.iter().enumerate() {
        let home = sentence_at(a.cue.start);
        if let Some(v) = own.get_mut(home) {
            v.push(k);
        }
        for c in &a.content {
            for i in covered(*c) {
                if i != home && !inherited[i].contains(&k) {
                    inherited[i].push(k);
                }
            }
        }
    }
    for (q, k) in &continuations {
        // quoted speech that continues an earlier attribution: statements mostly inside the quote
        let lo = sentences.partition_point(|s| s.span.end <= q.start);
        for i in lo..sentences.len() {
            let span = sentences[i].span;
            if span.start >= q.end {
                break;
            }
            let inside = q.end.min(span.end).saturating_sub(q.start.max(span.start));
            if own[i].is_empty() && inherited[i].is_empty() && inside * 10 >= span.len() * 6 {
                inherited[i].push(*k);
            }
        }
    }
    let mut statements = Vec::with_capacity(sentences.len());
    let (mut hi, mut mi) = (0, 0);
    for (i, s) in sentences.iter().enumerate() {
        let span = s.span;
        let mut st = Statement {
            span,
            verdict: Verdict::Confirmed,
            source: SourceKind::None,
            confidence: 0.0,
            kind: match s.kind {
                SentenceKind::Prose => "prose",
                SentenceKind::Headline => "headline",
                SentenceKind::TableRow => "table-row",
            },
            attributions: std::mem::take(&mut own[i]),
            inherited: std::mem::take(&mut inherited[i]),
            hedges: vec![],
            markers: vec![],
            evidence: vec![],
        };
        // (copied as slices: one allocation of the right size, none when empty)
        while hi < hedges.len() && hedges[hi].span.start < span.start {
            hi += 1;
        }
        let from = hi;
        while hi < hedges.len() && hedges[hi].span.start < span.end {
            hi += 1;
        }
        st.hedges = hedges[from..hi].to_vec();
        while mi < markers.len() && markers[mi].span.start < span.start {
            mi += 1;
        }
        let from = mi;
        while mi < markers.len() && markers[mi].span.start < span.end {
            mi += 1;
        }
        st.markers = markers[from..mi].to_vec();
        decide(&mut st, &attributions);
        statements.push(st);
    }
    let summary = summarise(&statements, words, attributions.len());
    Analysis {
        statements,
        attributions,
        summary,
    }
}

fn decide(st: &mut Statement, attrs: &[crate::model::Attribution]) {
    let mut verdict = Verdict::Confirmed;
    let mut source = SourceKind::None;
    let mut ev =
        Vec::with_capacity((st.attributions.len() + st.inherited.len() + st.hedges.len() + st.markers.len()).max(1));
    let raise = |v: &mut Verdict, to: Verdict| {
        if to > *v {
            *v = to;
        }
    };
    for &k in &st.attributions {
        let a = &attrs[k];
        let effect = match (a.stance, a.negated, a.hedged) {
            (Stance::Deny | Stance::Criticise, false, _) => Verdict::Disputed,
            (Stance::Confirm, false, false) => Verdict::Confirmed,
            _ => Verdict::Alleged,
        };
        raise(&mut verdict, effect);
        ev.push(Evidence {
            span: Some(a.cue),
            reason: Reason::Cue { attribution: k, effect },
        });
        // no holder: hidden ("it was reported that") unless it is the reporter's own question
        let hidden = if a.stance == Stance::Question {
            SourceKind::None
        } else {
            SourceKind::Unnamed
        };
        let sk = a.source.as_ref().map_or(hidden, |s| s.kind);
        source = source.max(sk);
    }
    for &k in &st.inherited {
        let a = &attrs[k];
        raise(
            &mut verdict,
            if a.stance == Stance::Confirm && !a.negated && !a.hedged {
                Verdict::Confirmed
            } else {
                Verdict::Alleged
            },
        );
        let sk = a.source.as_ref().map_or(SourceKind::Unnamed, |s| s.kind);
        source = source.max(sk);
        ev.push(Evidence {
            span: Some(a.cue),
            reason: Reason::Continued { attribution: k },
        });
    }
    for (i, h) in st.hedges.iter().enumerate() {
        if !h.kind.weakens() {
            continue; // vagueness is reported, not weighed
        }
        raise(&mut verdict, Verdict::Alleged);
        if h.kind == HedgeKind::Weasel {
            source = source.max(SourceKind::Unnamed);
        }
        ev.push(Evidence {
            span: Some(h.span),
            reason: Reason::Hedge { hedge: i },
        });
    }
    for (i, m) in st.markers.iter().enumerate() {
        raise(&mut verdict, m.verdict);
        ev.push(Evidence {
            span: Some(m.span),
            reason: Reason::Marker { marker: i },
        });
    }
    if ev.is_empty() {
        ev.push(Evidence {
            span: None,
            reason: Reason::Plain,
        });
    }
    let confidence = match verdict {
        Verdict::Confirmed if st.attributions.is_empty() && st.inherited.is_empty() => 0.75,
        _ if ev.len() > 1 => 0.9,
        _ => 0.8,
    };
    st.verdict = verdict;
    st.source = source;
    st.confidence = confidence;
    st.evidence = ev;
}

fn summarise(statements: &[Statement], words: usize, attributions: usize) -> Summary {
    let mut s = Summary {
        statements: statements.len(),
        words,
        attributions,
        ..Summary::default()
    };
    for st in statements {
        match st.verdict {
            Verdict::Confirmed => s.confirmed += 1,
            Verdict::Alleged => s.alleged += 1,
            Verdict::Disputed => s.disputed += 1,
        }
        match st.source {
            SourceKind::None => s.source_none += 1,
            SourceKind::Named => s.source_named += 1,
            SourceKind::Unnamed => s.source_unnamed += 1,
        }
        s.hedges += st.hedges.len();
    }
    s.hedge_density = if words == 0 {
        0.0
    } else {
        s.hedges as f64 * 1000.0 / words as f64
    };
    s
}

/// The statement spans, for callers that only need where sentences are.
pub fn spans(a: &Analysis) -> impl Iterator<Item = Span> + '_ {
    a.statements.iter().map(|s| s.span)
}
