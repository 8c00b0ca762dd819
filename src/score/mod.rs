//! Scoring: turn the matcher's findings into one verdict and one source kind
//! per statement, with the evidence that decided them, and a document summary.
//!
//! The grammar's findings (cues with their stance, hedges, markers, holders,
//! quoted speech running on from an earlier sentence) become features
//! (`features`); two small linear models (`models`) weigh them into a verdict
//! and a source kind with a probability each, as `shared/spec/verdicts.md`
//! defines them. The models are trained by `sayso train` from labelled news
//! (`docs/verdicts.md`); the grammar's stance, hedge kind and marker verdict
//! are features of their own, so a rule a user adds still moves verdicts.

pub mod features;
pub mod hedges;
pub mod models;

use crate::matcher::Findings;
use crate::model::{Analysis, Evidence, SourceKind, Statement, Summary, Verdict};
use crate::segment::{Segmentation, SentenceKind};
use crate::span::Span;
use features::{Context, Found};
pub use models::Models;

/// Build the statements of a document from its sentences and findings.
pub fn score(text: &str, seg: &Segmentation, f: Findings, models: &Models) -> Analysis {
    let Findings {
        attributions,
        hedges,
        markers,
        words,
        continuations,
        quotes,
        negations,
        polls,
        non_claims,
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
    let mut acts: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
    for (k, a) in attributions.iter().enumerate() {
        let home = sentence_at(a.cue.start);
        if a.stance == crate::model::Stance::Act {
            if let Some(v) = acts.get_mut(home) {
                v.push(k);
            }
            continue;
        }
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
    let (hcx, mut hedge_found) = (hedges::Context { text, quotes: &quotes }, Vec::new());
    for (i, s) in sentences.iter().enumerate() {
        let span = s.span;
        let kind = match s.kind {
            _ if non_claims.binary_search(&i).is_ok() => NON_CLAIM,
            SentenceKind::Prose => "prose",
            SentenceKind::Headline => "headline",
            SentenceKind::TableRow => "table-row",
        };
        let mut st = Statement {
            attributions: std::mem::take(&mut own[i]),
            inherited: std::mem::take(&mut inherited[i]),
            acts: std::mem::take(&mut acts[i]),
            ..Statement::new(span, kind, s.paragraph)
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
        if let Some(model) = &models.hedge {
            hedges::filter(&hcx, &mut st, model, &mut hedge_found);
        }
        statements.push(st);
    }
    // each statement weighs its own evidence and what the rules say next door in its paragraph
    let rules = rules_verdicts(&statements, &attributions);
    let cx = Context {
        text,
        attributions: &attributions,
        quotes: &quotes,
        negations: &negations,
        polls: &polls,
    };
    let mut found = Vec::with_capacity(32);
    let mut room = Scratch::default();
    for i in 0..statements.len() {
        features::extract(
            &cx,
            &statements[i],
            rules[i],
            neighbours(&statements, &rules, i),
            &mut found,
        );
        let decided = decide(&cx, &statements[i], &found, models, &mut room);
        let st = &mut statements[i];
        st.verdict = decided.verdict;
        st.source = decided.source;
        st.confidence = decided.verdict_probabilities[decided.verdict as usize];
        st.verdict_probabilities = decided.verdict_probabilities;
        st.source_probabilities = decided.source_probabilities;
        st.evidence = decided.evidence;
        st.source_evidence = decided.source_evidence;
    }
    let summary = summarise(&statements, words, attributions.len());
    Analysis {
        statements,
        attributions,
        summary,
        quotes,
        negations,
        polls,
    }
}

fn rules_verdicts(statements: &[Statement], attributions: &[crate::model::Attribution]) -> Vec<Verdict> {
    (statements.iter())
        .map(|st| features::rules_verdict(st, attributions))
        .collect()
}

/// What the rules say of the statements before and after `i` in its paragraph.
fn neighbours(statements: &[Statement], rules: &[Verdict], i: usize) -> (Option<Verdict>, Option<Verdict>) {
    let para = statements[i].paragraph;
    let before = (i > 0 && statements[i - 1].paragraph == para).then(|| rules[i - 1]);
    let after = (statements.get(i + 1))
        .filter(|s| s.paragraph == para)
        .map(|_| rules[i + 1]);
    (before, after)
}

/// Every statement's features by name, as `score` weighed them: what a
/// trainer learns from.
pub fn named_features(text: &str, a: &Analysis) -> Vec<Vec<(String, f32)>> {
    let rules = rules_verdicts(&a.statements, &a.attributions);
    let cx = Context::of(text, a);
    let mut found = Vec::new();
    (0..a.statements.len())
        .map(|i| {
            let st = &a.statements[i];
            features::extract(&cx, st, rules[i], neighbours(&a.statements, &rules, i), &mut found);
            (found.iter())
                .map(|&(f, _, x)| (features::name(text, &a.attributions, st, f), x))
                .collect()
        })
        .collect()
}

/// A statement's two decisions and what made them.
struct Decided {
    verdict: Verdict,
    source: SourceKind,
    verdict_probabilities: [f32; 3],
    source_probabilities: [f32; 3],
    evidence: Vec<Evidence>,
    source_evidence: Vec<Evidence>,
}

/// Room reused from statement to statement: what each model weighed (the
/// index of the found feature and its three class weights) and the order of
/// the evidence.
#[derive(Default)]
struct Scratch {
    verdict: Vec<(u32, [f32; 3])>,
    source: Vec<(u32, [f32; 3])>,
    order: Vec<u64>,
    /// each feature's weights in the two models, by `features::lookup`
    weights: features::KeyMemo<(Option<[f32; 3]>, Option<[f32; 3]>)>,
}

/// Weigh a statement's features with both models. A feature is hashed and
/// looked up once per document (the memo in `room`); the evidence keeps every
/// feature a model weighs.
/// (Never inlined, so that a profile can count the decision by itself:
/// docs/performance.md.)
#[inline(never)]
fn decide(cx: &Context, st: &Statement, found: &[Found], models: &Models, room: &mut Scratch) -> Decided {
    let mut vs = [0f32; 3];
    let mut ss = [0f32; 3];
    room.verdict.clear();
    room.source.clear();
    let three = |w: &[f32]| <[f32; 3]>::try_from(w).ok();
    for (i, &(f, _, x)) in found.iter().enumerate() {
        let (verdict_weights, source_weights) = features::lookup(cx, st, f, &mut room.weights, |key| {
            (
                models.verdict.weights(key).and_then(three),
                models.source.weights(key).and_then(three),
            )
        });
        if let Some(w) = verdict_weights {
            let w = w.map(|w| w * x);
            (0..3).for_each(|c| vs[c] += w[c]);
            room.verdict.push((i as u32, w));
        }
        if let Some(w) = source_weights {
            let w = w.map(|w| w * x);
            (0..3).for_each(|c| ss[c] += w[c]);
            room.source.push((i as u32, w));
        }
    }
    let verdict_probabilities = models.verdict.probabilities(vs);
    let source_probabilities = models.source.probabilities(ss);
    let verdict = Verdict::ALL[argmax(&verdict_probabilities)];
    let source = SourceKind::ALL[argmax(&source_probabilities)];
    Decided {
        verdict,
        source,
        verdict_probabilities,
        source_probabilities,
        evidence: evidence(found, &room.verdict, verdict as usize, &mut room.order),
        source_evidence: evidence(found, &room.source, source as usize, &mut room.order),
    }
}

fn argmax(p: &[f32; 3]) -> usize {
    // ties go to the less doubtful class, the first
    let mut best = 0;
    for c in 1..3 {
        if p[c] > p[best] {
            best = c;
        }
    }
    best
}

/// Each feature's pull toward class `c` against the average class, strongest
/// first; features that do not pull are left out.
fn evidence(found: &[Found], weighed: &[(u32, [f32; 3])], c: usize, order: &mut Vec<u64>) -> Vec<Evidence> {
    // Sorted as keys, not as records. A key holds the pull's magnitude (a positive
    // float's bits order as the float does) inverted, so the strongest comes first;
    // then the feature's place in `found`, so that equal pulls keep the order found,
    // as a stable sort would; then the pull's sign, so the pull comes back whole.
    order.clear();
    for &(at, w) in weighed {
        let pull = w[c] - (w[0] + w[1] + w[2]) / 3.0;
        if pull.abs() >= 0.005 {
            let sign = u64::from(pull.is_sign_negative());
            order.push(u64::from(!pull.abs().to_bits()) << 32 | u64::from(at) << 1 | sign);
        }
    }
    order.sort_unstable();
    // one allocation of the right size: a long document keeps thousands of these lists
    let mut ev = Vec::with_capacity(order.len());
    for &o in order.iter() {
        let (feature, span, _) = found[(o as u32 >> 1) as usize];
        let weight = f32::from_bits(!((o >> 32) as u32) | (o as u32 & 1) << 31);
        ev.push(Evidence { feature, span, weight });
    }
    ev
}

/// The kind of a statement that makes no claim (a byline, a section marker, a
/// question-only line): kept for its offsets, counted nowhere.
pub const NON_CLAIM: &str = "non-claim";

fn summarise(statements: &[Statement], words: usize, attributions: usize) -> Summary {
    let mut s = Summary {
        words,
        attributions,
        ..Summary::default()
    };
    for st in statements.iter().filter(|st| st.kind != NON_CLAIM) {
        s.statements += 1;
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
        s.vague += st
            .hedges
            .iter()
            .filter(|h| h.kind == crate::model::HedgeKind::Vague)
            .count();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Feature;
    use proptest::prelude::*;

    /// The evidence as first written: records sorted by strength, stably.
    fn evidence_by_records(found: &[Found], weighed: &[(u32, [f32; 3])], c: usize) -> Vec<Evidence> {
        let mut ev: Vec<Evidence> = (weighed.iter())
            .map(|&(at, w)| Evidence {
                feature: found[at as usize].0,
                span: found[at as usize].1,
                weight: w[c] - (w[0] + w[1] + w[2]) / 3.0,
            })
            .filter(|e| e.weight.abs() >= 0.005)
            .collect();
        ev.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
        ev
    }

    proptest! {
        /// Sorting keys gives the list, order and weights of sorting records,
        /// ties (a few weights on purpose) and signs included.
        #[test]
        fn evidence_keys_order_as_records_do(
            weights in proptest::collection::vec(
                prop_oneof![
                    Just([0.5f32, -0.25, 0.0]),
                    Just([-0.5f32, 0.25, 0.0]),
                    Just([0.001f32, 0.0, 0.0]),
                    prop::array::uniform3(-3.0f32..3.0),
                ],
                0..24,
            ),
            c in 0usize..3,
        ) {
            let found: Vec<Found> = (0..weights.len())
                .map(|i| (Feature::Hedge { hedge: i }, Some(Span::new(i, i + 1)), 1.0))
                .collect();
            // as `decide` keeps them: every second feature weighed, in the order found
            let weighed: Vec<(u32, [f32; 3])> = (weights.iter().enumerate())
                .map(|(i, &w)| (2 * i as u32, w))
                .filter(|&(at, _)| (at as usize) < found.len())
                .collect();
            let mut order = Vec::new();
            let by_keys = evidence(&found, &weighed, c, &mut order);
            let by_records = evidence_by_records(&found, &weighed, c);
            prop_assert_eq!(by_keys.len(), by_records.len());
            for (a, b) in by_keys.iter().zip(&by_records) {
                prop_assert_eq!(a.feature, b.feature);
                prop_assert_eq!(a.span, b.span);
                prop_assert_eq!(a.weight.to_bits(), b.weight.to_bits());
            }
        }
    }
}
