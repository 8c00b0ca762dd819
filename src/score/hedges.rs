//! The learned hedge filter: which candidate hedges a statement reports.
//!
//! Hedge rules with `filter: learned` find candidates: phrases that hedge or
//! are vague in one context and not in another ("many" of a vague crowd or of
//! a counted set, "appeared" of seeming or of coming into view). A small
//! linear model (`models/hedge.json`, trained by `sayso train hedges` on the
//! CoNLL-2010 Wikipedia sentences) weighs a statement's candidates with a few
//! features of each (its rule and kind, its first word, a determiner before
//! it, a figure or a name that pins it down, where it stands in its clause and
//! in the statement) and of the statement
//! (how many candidates, the kinds of the hedges a rule without the filter
//! already found, a cue, a figure, a definition "X is a …", its length, its
//! words) into the probability that the statement is uncertain. Below the model's
//! threshold every candidate is dropped; above it, the candidates that pull
//! toward "uncertain" are kept (the strongest one at least). Hits of rules
//! without `filter: learned` are always reported: the filter never removes a
//! hedge the spec requires. It runs before the verdict features are taken, so
//! a dropped hedge never reaches the verdict model.

use crate::learn::{KeyHasher, Model};
use crate::model::{Hedge, HedgeEvidence, HedgeFeature, HedgeFilter, HedgeValue, Statement};
use crate::span::Span;

/// The model's classes, in order.
pub const CLASSES: [&str; 2] = ["certain", "uncertain"];

/// What the filter needs of the document beyond the statement.
pub struct Context<'a> {
    pub text: &'a str,
    pub quotes: &'a [Span],
}

/// One feature and its value.
pub type Found = (HedgeFeature, f32);

/// How many words a figure may stand after a candidate and still pin it down
/// ("some 40 delegates", "many of the 12 towns").
const PIN_WORDS: usize = 4;

fn feature(namespace: &'static str, value: HedgeValue, hedge: Option<Span>) -> HedgeFeature {
    HedgeFeature {
        namespace,
        value,
        hedge,
    }
}

fn fixed(namespace: &'static str, value: &'static str, hedge: Option<Span>) -> HedgeFeature {
    feature(namespace, HedgeValue::Fixed(value), hedge)
}

/// Does the statement have candidates for the filter?
pub fn has_candidates(st: &Statement) -> bool {
    st.hedges.iter().any(|h| h.learned)
}

/// List the filter's features of a statement's candidates into `out`
/// (cleared first).
pub fn extract(cx: &Context, st: &Statement, out: &mut Vec<Found>) {
    out.clear();
    let text = cx.text;
    out.push((fixed("bias", "", None), 1.0));
    let n = st.hedges.iter().filter(|h| h.learned).count();
    out.push((
        fixed(
            "candidates",
            if n >= 3 {
                "3+"
            } else if n == 2 {
                "2"
            } else {
                "1"
            },
            None,
        ),
        1.0,
    ));
    if st.hedges.iter().any(|h| !h.learned) {
        out.push((fixed("reported", "", None), 1.0));
    }
    if !st.attributions.is_empty() {
        out.push((fixed("cue", "", None), 1.0));
    }
    if quoted_share(cx.quotes, st.span) * 2 > st.span.len() {
        out.push((fixed("quoted", "", None), 1.0));
    }
    let words = st.span.slice(text).split_whitespace().count();
    let length = match words {
        0..=14 => "short",
        15..=34 => "medium",
        _ => "long",
    };
    out.push((fixed("length", length, None), 1.0));
    sentence_features(text, st, out);
    for h in st.hedges.iter().filter(|h| h.learned) {
        let at = Some(h.span);
        out.push((fixed("hedge-kind", h.kind.as_str(), at), 1.0));
        out.push((fixed("hedge-rule", h.rule, at), 1.0));
        let first = first_word(text, h.span);
        if first.len() < h.span.len() {
            out.push((feature("hedge-word", HedgeValue::Text(first), at), 1.0));
        }
        // the words right before and after a candidate are not features: as
        // single words they are too rare to carry over (branch hedges7), and
        // their classes below say what generalises
        let prev = word_before(text, h.span.start, st.span.start);
        let place = match prev {
            None => "start",
            Some(p) if is_clause_break(p.slice(text)) => "clause",
            Some(_) => "inside",
        };
        out.push((fixed("hedge-at", place, at), 1.0));
        if pinned(text, h.span.end, st.span.end) {
            out.push((fixed("hedge-pin", "number", at), 1.0));
        }
        if named_after(text, h.span.end, st.span.end) {
            out.push((fixed("hedge-pin", "name", at), 1.0));
        }
        if let Some(p) = prev.filter(|p| is_determiner(p.slice(text))) {
            out.push((fixed("hedge-det", determiner(p.slice(text)), at), 1.0));
        }
        let share = (h.span.start - st.span.start) * 3 / st.span.len().max(1);
        out.push((
            fixed("hedge-third", ["first", "second", "third"][share.min(2)], at),
            1.0,
        ));
        out.push((fixed("hedge-kind-at", kind_at(h.kind.as_str(), place), at), 1.0));
    }
}

/// Features of the whole statement: its words (held back hard in training),
/// a figure anywhere, a definition ("X is a …"), the kinds of the hedges the
/// filter does not decide.
fn sentence_features(text: &str, st: &Statement, out: &mut Vec<Found>) {
    let t = st.span.slice(text);
    if t.bytes().any(|b| b.is_ascii_digit()) {
        out.push((fixed("sentence", "figure", None), 1.0));
    }
    let mut words = 0;
    let mut definition = false;
    let mut prev_copula = false;
    let mut rest = t;
    while let Some(skip) = rest.find(is_word_char) {
        let start = t.len() - rest.len() + skip;
        let tail = &t[start..];
        let len = tail.find(|c: char| !is_word_char(c)).unwrap_or(tail.len());
        let w = &tail[..len];
        rest = &tail[len..];
        words += 1;
        if words <= 10 && prev_copula && matches!(w, "a" | "an" | "the") {
            definition = true;
        }
        prev_copula = matches!(w, "is" | "was" | "are" | "were");
        if w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') && w.len() > 1 {
            let s = Span::new(st.span.start + start, st.span.start + start + w.len());
            out.push((feature("sentence-word", HedgeValue::Text(s), None), 1.0));
        }
    }
    if definition {
        out.push((fixed("sentence", "definition", None), 1.0));
    }
    for h in st.hedges.iter().filter(|h| !h.learned) {
        out.push((fixed("sentence-floor", h.kind.as_str(), None), 1.0));
    }
}

/// "vague@start" and the like, from a small fixed set.
fn kind_at(kind: &str, place: &str) -> &'static str {
    const KINDS: [&str; 5] = ["modal", "evidential", "distancing", "weasel", "vague"];
    const PLACES: [&str; 3] = ["start", "clause", "inside"];
    const NAMES: [[&str; 3]; 5] = [
        ["modal@start", "modal@clause", "modal@inside"],
        ["evidential@start", "evidential@clause", "evidential@inside"],
        ["distancing@start", "distancing@clause", "distancing@inside"],
        ["weasel@start", "weasel@clause", "weasel@inside"],
        ["vague@start", "vague@clause", "vague@inside"],
    ];
    let k = KINDS.iter().position(|k| *k == kind).unwrap_or(4);
    let p = PLACES.iter().position(|p| *p == place).unwrap_or(2);
    NAMES[k][p]
}

fn is_determiner(w: &str) -> bool {
    !determiner(w).is_empty()
}

/// A determiner before a candidate: a definite one pins the set ("the many
/// letters", "his several trips"), an indefinite one seldom does.
fn determiner(w: &str) -> &'static str {
    let w = w.to_ascii_lowercase();
    match w.as_str() {
        "the" | "this" | "these" | "those" | "that" => "definite",
        "his" | "her" | "its" | "their" | "our" | "my" | "your" | "whose" => "possessive",
        "a" | "an" => "indefinite",
        _ => "",
    }
}

/// Does a capitalised word (a name) follow within a few words ("many of the
/// Beatles' songs", "some Roman coins")?
fn named_after(text: &str, at: usize, hi: usize) -> bool {
    (text[at..hi].split_whitespace())
        .take(PIN_WORDS)
        .any(|w| w.starts_with(|c: char| c.is_uppercase()))
}

/// The model key of a feature (never allocates).
pub fn key(text: &str, f: HedgeFeature) -> u64 {
    let mut h = KeyHasher::new(f.namespace);
    match f.value {
        HedgeValue::Fixed(v) => h.bytes(v.as_bytes()),
        HedgeValue::Text(s) => h.bytes(s.slice(text).as_bytes()),
    }
    h.finish()
}

/// The name of a feature ("hedge-rule:vague-in-many", "hedge-next:of"), lower case.
/// (One allocation, the value lowered in place: the JSON output names every
/// piece of the filter's evidence.)
pub fn name(text: &str, f: HedgeFeature) -> String {
    let value = match f.value {
        HedgeValue::Fixed(v) => v,
        HedgeValue::Text(s) => s.slice(text),
    };
    let mut s = String::with_capacity(f.namespace.len() + 1 + value.len());
    s.push_str(f.namespace);
    if !value.is_empty() {
        s.push(':');
        let from = s.len();
        s.push_str(value);
        s[from..].make_ascii_lowercase();
    }
    s
}

/// The threshold a model keeps candidates from (its `settings.threshold`).
pub fn threshold(model: &Model) -> f32 {
    (model.file.settings.get("threshold"))
        .and_then(|v| v.as_f64())
        .unwrap_or(0.5) as f32
}

/// Keep or drop the statement's candidates with the model; `found` is a
/// buffer reused between statements. Hedges of rules without the filter stay.
pub fn filter(cx: &Context, st: &mut Statement, model: &Model, found: &mut Vec<Found>) {
    if !has_candidates(st) {
        return;
    }
    extract(cx, st, found);
    let mut scores = [0f32; 2];
    let mut evidence = Vec::with_capacity(found.len());
    for &(f, x) in found.iter() {
        if let Some(w) = model.weights(key(cx.text, f)) {
            scores[0] += w[0] * x;
            scores[1] += w[1] * x;
            let weight = (w[1] - w[0]) * x;
            if weight.abs() >= 0.005 {
                evidence.push(HedgeEvidence { feature: f, weight });
            }
        }
    }
    let probability = model.probabilities(scores)[1];
    let threshold = threshold(model);
    // each candidate's own pull: the sum of the features that belong to it
    let pull = |h: &Hedge| -> f32 {
        (evidence.iter())
            .filter(|e| e.feature.hedge == Some(h.span))
            .map(|e| e.weight)
            .sum()
    };
    let keep_any = probability >= threshold;
    let strongest = (st.hedges.iter())
        .filter(|h| h.learned)
        .map(|h| (h.span, pull(h)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(s, _)| s);
    let mut dropped = Vec::new();
    let mut kept = Vec::with_capacity(st.hedges.len());
    for h in std::mem::take(&mut st.hedges) {
        let keep = !h.learned || keep_any && (pull(&h) > 0.0 || Some(h.span) == strongest);
        if keep {
            kept.push(h);
        } else {
            dropped.push(h);
        }
    }
    st.hedges = kept;
    evidence.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    st.hedge_filter = Some(HedgeFilter {
        probability,
        threshold,
        evidence,
        dropped,
    });
}

/// How many bytes of `span` lie inside quotations.
fn quoted_share(quotes: &[Span], span: Span) -> usize {
    let first = quotes.partition_point(|q| q.end <= span.start);
    quotes[first..]
        .iter()
        .take_while(|q| q.start < span.end)
        .map(|q| q.end.min(span.end).saturating_sub(q.start.max(span.start)))
        .sum()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// The first word of a span.
fn first_word(text: &str, s: Span) -> Span {
    let t = s.slice(text);
    let end = t.find(|c: char| c.is_whitespace()).unwrap_or(t.len());
    Span::new(s.start, s.start + end)
}

/// The word (or the punctuation mark) before byte `at`, not before `lo`.
fn word_before(text: &str, at: usize, lo: usize) -> Option<Span> {
    let head = &text[lo..at];
    let trimmed = head.trim_end();
    let c = trimmed.chars().next_back()?;
    let end = lo + trimmed.len();
    if !is_word_char(c) {
        return Some(Span::new(end - c.len_utf8(), end));
    }
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(0, |(i, _)| i);
    Some(Span::new(lo + start, end))
}

fn is_clause_break(w: &str) -> bool {
    matches!(w, "," | ";" | ":" | "(" | "—" | "–" | "\"" | "“")
        || ["and", "but", "while", "whereas", "although", "though", "or", "yet"]
            .iter()
            .any(|x| w.eq_ignore_ascii_case(x))
}

/// Does a figure follow within a few words ("some 40", "many of the 12")?
fn pinned(text: &str, at: usize, hi: usize) -> bool {
    (text[at..hi].split_whitespace())
        .take(PIN_WORDS)
        .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_around_a_span() {
        let t = "Yet, many of the 12 towns flooded.";
        let many = Span::new(5, 9);
        assert_eq!(word_before(t, many.start, 0).map(|s| s.slice(t)), Some(","));
        assert_eq!(word_before(t, 3, 0).map(|s| s.slice(t)), Some("Yet"));
        assert_eq!(word_before(t, 0, 0), None);
        assert!(pinned(t, many.end, t.len()));
        assert!(!pinned(t, 26, t.len()));
        assert_eq!(first_word(t, Span::new(5, 12)).slice(t), "many");
    }

    #[test]
    fn what_pins_a_candidate_down() {
        let t = "Some of the Roman coins and his many letters";
        assert!(named_after(t, 4, t.len()));
        assert!(!named_after(t, 23, t.len()));
        assert_eq!(determiner("His"), "possessive");
        assert_eq!(determiner("the"), "definite");
        assert_eq!(determiner("a"), "indefinite");
        assert!(!is_determiner("many"));
        assert_eq!(kind_at("vague", "clause"), "vague@clause");
        assert_eq!(kind_at("weasel", "start"), "weasel@start");
    }

    #[test]
    fn a_candidate_is_described_by_classes_not_by_its_neighbours() {
        let t = "Many of the old letters were lost in the fire.";
        let a = crate::analysis::Analyzer::builtin().analyze_text(t);
        let st = a
            .statements
            .iter()
            .find(|st| has_candidates(st))
            .expect("a vague candidate");
        let cx = Context {
            text: t,
            quotes: &a.quotes,
        };
        let mut out = Vec::new();
        extract(&cx, st, &mut out);
        let names: Vec<String> = out.iter().map(|&(f, _)| name(t, f)).collect();
        assert!(names.iter().any(|n| n.starts_with("hedge-rule:")), "{names:?}");
        assert!(names.iter().any(|n| n.starts_with("hedge-at:")), "{names:?}");
        // the single words around it are too rare to carry over (hedges7)
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with("hedge-prev") || n.starts_with("hedge-next")),
            "{names:?}"
        );
    }

    #[test]
    fn sentence_words_and_definitions() {
        let t = "The café — a bakery — is a landmark of 1920.";
        let a = crate::analysis::Analyzer::builtin().analyze_text(t);
        assert_eq!(a.statements.len(), 1);
        let mut out = Vec::new();
        sentence_features(t, &a.statements[0], &mut out);
        let names: Vec<String> = out.iter().map(|&(f, _)| name(t, f)).collect();
        assert!(names.contains(&"sentence:figure".to_string()), "{names:?}");
        assert!(names.contains(&"sentence:definition".to_string()), "{names:?}");
        assert!(names.contains(&"sentence-word:café".to_string()), "{names:?}");
        assert!(names.contains(&"sentence-word:landmark".to_string()), "{names:?}");
        // one-letter words and figures are not words of the sentence
        assert!(
            !names
                .iter()
                .any(|n| n == "sentence-word:a" || n == "sentence-word:1920"),
            "{names:?}"
        );
    }

    #[test]
    fn keys_and_names_agree() {
        let t = "In Many cases";
        let f = feature("hedge-next", HedgeValue::Text(Span::new(3, 7)), None);
        assert_eq!(name(t, f), "hedge-next:many");
        assert_eq!(key(t, f), crate::learn::key_of_name("hedge-next:many"));
        let b = fixed("bias", "", None);
        assert_eq!(name(t, b), "bias");
        assert_eq!(key(t, b), crate::learn::key_of_name("bias"));
    }
}
