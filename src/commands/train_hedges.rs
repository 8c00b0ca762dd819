//! `sayso train hedges`: fit the hedge filter (`score::hedges`) to sentences
//! labelled certain or uncertain, measure it by cross-validation over
//! sentences, and write `hedge.json`.
//!
//! The sentences are JSON Lines as in `shared/data/hedge/wiki-train.gold.jsonl`:
//! `{"id": "wiki-train-00042", "doc": "hedge/wiki-train.txt", "span": [s, e],
//! "uncertain": true}` (byte offsets). Every document is analysed once with the
//! filter off, so each statement offers all its candidate hedges. A sentence
//! is an example when the statement that overlaps it most has candidates; its
//! label is the sentence's. The threshold is chosen, like the weights, without
//! the fold it is measured on: for each fold, on the held-out scores of an
//! inner cross-validation over the other folds. The figures printed count
//! every sentence, so they compare with `score.py run hedge-train`.

use super::train::Args;
use super::train::round4;
use crate::analysis::Analyzer;
use crate::input::Document;
use crate::learn::ModelFile;
use crate::learn::folds::fold_of_name;
use crate::learn::train::{Dataset, Settings, expected_calibration_error, fit, fit_temperature, probabilities};
use crate::score::Models;
use crate::score::hedges::{self, CLASSES};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Where the labelled sentences are unless `--gold` names a file.
pub const DEFAULT_GOLD: &str = "../shared/data/hedge/wiki-train.gold.jsonl";

#[derive(Deserialize)]
struct GoldLine {
    id: String,
    doc: String,
    span: [usize; 2],
    uncertain: bool,
}

/// One labelled sentence, as the filter sees it.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub uncertain: bool,
    /// a hedge the filter does not decide already makes it uncertain
    pub reported: bool,
    /// the features of the candidates of the statement that overlaps it most
    pub features: Option<Vec<(String, f32)>>,
    pub fold: usize,
}

/// How the filter is fitted: the grammar's classes (kind, rule, where the
/// hedge stands) carry the signal; a candidate's first word is held back
/// harder, and the words of the whole sentence hardest. A feature seen in
/// fewer than twenty candidate sentences gets no weight: with five, over a
/// thousand rare words got weights that fitted the training sentences and did
/// not carry over (the cross-validated F1 is the same, the in-sample one 0.03
/// lower and honest; docs/accuracy.md, "hedges7").
pub fn settings() -> Settings {
    Settings {
        classes: 2,
        l2: 0.003,
        l2_scale: vec![
            ("hedge-rule".into(), 2.0),
            ("hedge-word".into(), 4.0),
            ("sentence-word".into(), 8.0),
        ],
        min_count: 20,
        max_iterations: 300,
        class_weights: vec![],
        prior: vec![],
    }
}

/// Precision, recall and F1 of the uncertain class.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl Prf {
    pub fn add(&mut self, gold: bool, pred: bool) {
        match (gold, pred) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The margin (uncertain minus certain score) from which candidates are kept
/// that gives the best F1 over `sentences`, given each candidate sentence's
/// margin (`margins[i]` for `sentences[i]`, `None` without candidates).
pub fn best_margin(sentences: &[&Sentence], margins: &[Option<f64>]) -> f64 {
    let mut cands: Vec<(f64, bool)> = (sentences.iter().zip(margins))
        .filter(|(s, m)| m.is_some() && !s.reported)
        .map(|(s, m)| (m.unwrap_or(0.0), s.uncertain))
        .collect();
    // sentences decided without the filter
    let (mut tp, mut fp, mut pos) = (0usize, 0usize, 0usize);
    for s in sentences {
        pos += s.uncertain as usize;
        if s.reported {
            tp += s.uncertain as usize;
            fp += !s.uncertain as usize;
        }
    }
    // keep from the highest margin down; a cut between two margins
    cands.sort_by(|a, b| b.0.total_cmp(&a.0));
    let f1 = |tp: usize, fp: usize| ratio(2 * tp, tp + fp + pos);
    let (mut best, mut best_f1) = (f64::INFINITY, f1(tp, fp));
    let mut i = 0;
    while i < cands.len() {
        let m = cands[i].0;
        while i < cands.len() && cands[i].0 == m {
            tp += cands[i].1 as usize;
            fp += !cands[i].1 as usize;
            i += 1;
        }
        let f = f1(tp, fp);
        if f > best_f1 {
            best_f1 = f;
            let next = cands.get(i).map_or(m - 1.0, |c| c.0);
            best = (m + next) / 2.0;
        }
    }
    best
}

/// Fitted on the sentences `take` selects: the margin of each sentence.
fn margins(data: &Dataset, index: &[Option<usize>], s: &Settings, take: impl Fn(usize) -> bool) -> Vec<Option<f64>> {
    let fitted = fit(data, s, |e| take(e.fold));
    (index.iter())
        .map(|i| {
            i.map(|i| {
                let sc = fitted.scores(&data.examples[i]);
                sc[1] - sc[0]
            })
        })
        .collect()
}

/// The cross-validated figures and the model fitted to every sentence.
pub struct Trained {
    pub file: ModelFile,
    /// each sentence's cross-validated decision (uncertain or not)
    pub predictions: Vec<bool>,
    pub cv: Prf,
    /// the model fitted to every sentence, scored on them: how far the
    /// cross-validated figure falls below it is the over-fitting
    pub in_sample: Prf,
    pub without_filter: Prf,
    pub examples: usize,
}

/// Fit and measure the filter. Deterministic: the same sentences give the
/// same file.
pub fn train_on(sentences: &[Sentence], folds: usize, s: &Settings, trained_on: &str) -> Trained {
    let mut data = Dataset::default();
    let mut index = Vec::with_capacity(sentences.len());
    for sent in sentences {
        index.push(sent.features.as_ref().map(|f| {
            data.push(f.iter().cloned(), sent.uncertain as usize, sent.fold);
            data.examples.len() - 1
        }));
    }
    let all: Vec<&Sentence> = sentences.iter().collect();
    // outer folds: weights fitted without fold k; the threshold from an inner
    // cross-validation over the other folds
    let mut held_out: Vec<Option<f64>> = vec![None; sentences.len()];
    let mut cuts = Vec::with_capacity(folds);
    for k in 0..folds {
        let outer = margins(&data, &index, s, |f| f != k);
        let mut inner: Vec<Option<f64>> = vec![None; sentences.len()];
        for j in (0..folds).filter(|&j| j != k) {
            let m = margins(&data, &index, s, |f| f != k && f != j);
            for (i, sent) in sentences.iter().enumerate().filter(|(_, x)| x.fold == j) {
                let _ = sent;
                inner[i] = m[i];
            }
        }
        let (train, train_m): (Vec<&Sentence>, Vec<Option<f64>>) = (sentences.iter().zip(&inner))
            .filter(|(x, _)| x.fold != k)
            .map(|(x, m)| (x, *m))
            .unzip();
        let cut = best_margin(&train, &train_m);
        cuts.push(cut);
        for (i, sent) in sentences.iter().enumerate().filter(|(_, x)| x.fold == k) {
            let _ = sent;
            held_out[i] = outer[i].map(|m| m - cut);
        }
    }
    let mut cv = Prf::default();
    let mut without_filter = Prf::default();
    let mut predictions = Vec::with_capacity(sentences.len());
    for (sent, m) in sentences.iter().zip(&held_out) {
        let pred = sent.reported || m.is_some_and(|m| m >= 0.0);
        predictions.push(pred);
        cv.add(sent.uncertain, pred);
        without_filter.add(sent.uncertain, sent.reported || sent.features.is_some());
    }
    // calibration and the final threshold, from the held-out margins of the outer folds
    let outer_margins: Vec<Option<f64>> = (held_out.iter().zip(sentences))
        .map(|(m, x)| m.map(|m| m + cuts[x.fold]))
        .collect();
    let pairs: Vec<(Vec<f64>, usize)> = (outer_margins.iter().zip(sentences))
        .filter_map(|(m, x)| m.map(|m| (vec![0.0, m], x.uncertain as usize)))
        .collect();
    let temperature = fit_temperature(&pairs);
    let calibrated: Vec<(Vec<f64>, usize)> = (pairs.iter())
        .map(|(sc, y)| (probabilities(sc, temperature), *y))
        .collect();
    let ece = expected_calibration_error(&calibrated, 10);
    let cut = best_margin(&all, &outer_margins);
    let threshold = 1.0 / (1.0 + (-cut / temperature).exp());
    let fitted = fit(&data, s, |_| true);
    let mut in_sample = Prf::default();
    for (sent, i) in sentences.iter().zip(&index) {
        let m = i.map(|i| {
            let sc = fitted.scores(&data.examples[i]);
            sc[1] - sc[0]
        });
        in_sample.add(sent.uncertain, sent.reported || m.is_some_and(|m| m >= cut));
    }
    let mut file = fitted.to_file(&data, "hedge", &CLASSES, trained_on, s);
    file.temperature = temperature;
    file.settings.insert("threshold".into(), round4(threshold).into());
    let mut ev = BTreeMap::new();
    ev.insert("folds".into(), folds.into());
    ev.insert("split".into(), "by sentence id (sha1 mod folds)".into());
    ev.insert("precision".into(), round3(cv.precision()).into());
    ev.insert("recall".into(), round3(cv.recall()).into());
    ev.insert("f1".into(), round3(cv.f1()).into());
    ev.insert("accuracy".into(), round3(cv.accuracy()).into());
    ev.insert(
        "confusion".into(),
        serde_json::json!({"tp": cv.tp, "fp": cv.fp, "fn": cv.fn_, "tn": cv.tn}),
    );
    ev.insert("f1_without_filter".into(), round3(without_filter.f1()).into());
    ev.insert("candidate_sentences".into(), data.examples.len().into());
    ev.insert("expected_calibration_error".into(), round3(ece).into());
    file.evaluation = ev;
    Trained {
        file,
        predictions,
        cv,
        in_sample,
        without_filter,
        examples: data.examples.len(),
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `sayso train hedges`.
pub fn train(analyzer: Analyzer, args: &Args) -> Result<(), String> {
    if args.folds < 2 {
        return Err("--folds must be at least 2".into());
    }
    let gold = args.gold_or(DEFAULT_GOLD);
    // candidates unfiltered: the same analyser with the filter off
    let mut analyzer = analyzer;
    analyzer.models = Arc::new(Models {
        hedge: None,
        ..(*analyzer.models).clone()
    });
    let (sentences, found) = load(&analyzer, &gold, args.folds)?;
    let mut s = settings();
    if let Some(l2) = args.l2 {
        s.l2 = l2;
    }
    let n = sentences.len();
    let uncertain = sentences.iter().filter(|x| x.uncertain).count();
    let trained_on = format!(
        "{} ({n} Wikipedia sentences, {uncertain} labelled uncertain; CoNLL-2010)",
        gold.display()
    );
    let t = train_on(&sentences, args.folds, &s, &trained_on);
    crate::sayln!(
        "{}: {} ({uncertain} uncertain), {} with candidates for the filter",
        gold.display(),
        crate::render::plural(n, "sentence"),
        t.examples
    );
    let show = |what: &str, p: &Prf| {
        crate::sayln!(
            "{what}: P {:.3}  R {:.3}  F1 {:.3}  accuracy {:.3}  (tp {} fp {} fn {} tn {})",
            p.precision(),
            p.recall(),
            p.f1(),
            p.accuracy(),
            p.tp,
            p.fp,
            p.fn_,
            p.tn
        );
    };
    show("every candidate reported        ", &t.without_filter);
    show(&format!("filtered, cross-validated ({} folds)", args.folds), &t.cv);
    show("filtered, in-sample (not a measure)", &t.in_sample);
    crate::sayln!(
        "threshold {} at temperature {}; {} features with a weight",
        t.file.settings["threshold"],
        t.file.temperature,
        t.file.weights.len()
    );
    if args.errors {
        // the cross-validated mistakes, for error analysis: what made each
        // false positive uncertain (a floor hedge, or the filter's candidates)
        for ((x, found), pred) in sentences.iter().zip(&found).zip(&t.predictions) {
            if x.uncertain != *pred {
                let what = if *pred { "fp" } else { "fn" };
                let by = if x.reported { "floor" } else { "filter" };
                crate::sayln!("{what}\t{}\t{by}\t{}", found.id, found.hedges.join("  "));
            }
        }
    }
    if !args.dry_run {
        super::train::write_model(&args.out, "hedge", &t.file)?;
        crate::sayln!("wrote {}/hedge.json", args.out.display());
    }
    Ok(())
}

/// What a sentence's statements found, for `--errors`.
struct Found {
    id: String,
    /// "rule:kind:text" of each floor hedge and each candidate of the best statement
    hedges: Vec<String>,
}

/// Read the labelled sentences, analyse their documents, and take each
/// sentence's candidates.
fn load(analyzer: &Analyzer, gold: &Path, folds: usize) -> Result<(Vec<Sentence>, Vec<Found>), String> {
    let text = std::fs::read_to_string(gold).map_err(|e| {
        format!(
            "cannot read {}: {e} (pass --gold FILE; the project's data is in ../shared/data/hedge/)",
            gold.display()
        )
    })?;
    let mut lines = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let g: GoldLine = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: not a hedge gold sentence: {e}", gold.display(), n + 1))?;
        lines.push(g);
    }
    let mut docs: Vec<&str> = lines.iter().map(|g| g.doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    let analysed: Vec<(Document, crate::model::Analysis)> = docs
        .par_iter()
        .map(|d| {
            let path = super::train::find_doc(gold, d).ok_or_else(|| format!("{}: cannot find {d}", gold.display()))?;
            let doc = Document::load(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let a = analyzer.analyze(&doc);
            Ok((doc, a))
        })
        .collect::<Result<_, String>>()?;
    let by_doc: BTreeMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (*d, i)).collect();
    let mut out = Vec::with_capacity(lines.len());
    let mut listed = Vec::with_capacity(lines.len());
    let mut found = Vec::new();
    for g in &lines {
        let (doc, a) = &analysed[by_doc[g.doc.as_str()]];
        let spans: Vec<(usize, crate::span::Span)> = (a.statements.iter().enumerate())
            .map(|(k, st)| (k, doc.to_original(st.span)))
            .filter(|(_, o)| o.start < g.span[1] && g.span[0] < o.end)
            .collect();
        let overlap = |o: &crate::span::Span| o.end.min(g.span[1]) - o.start.max(g.span[0]);
        let reported = spans
            .iter()
            .any(|(k, _)| a.statements[*k].hedges.iter().any(|h| !h.learned));
        let best = spans.iter().max_by_key(|(_, o)| overlap(o)).map(|(k, _)| *k);
        let hedges = (spans.iter())
            .flat_map(|(k, _)| a.statements[*k].hedges.iter().map(move |h| (*k, h)))
            .filter(|(k, h)| !h.learned || Some(*k) == best)
            .map(|(_, h)| format!("{}:{}:{}", h.rule, h.kind.as_str(), h.span.slice(&doc.text)))
            .collect();
        listed.push(Found {
            id: g.id.clone(),
            hedges,
        });
        let features = best.filter(|&k| hedges::has_candidates(&a.statements[k])).map(|k| {
            let st = &a.statements[k];
            let cx = hedges::Context {
                text: &doc.text,
                quotes: &a.quotes,
            };
            hedges::extract(&cx, st, &mut found);
            (found.iter()).map(|&(f, x)| (hedges::name(&doc.text, f), x)).collect()
        });
        out.push(Sentence {
            uncertain: g.uncertain,
            reported,
            features,
            fold: fold_of_name(&g.id, folds),
        });
    }
    Ok((out, listed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(uncertain: bool, words: &[&str], fold: usize) -> Sentence {
        let mut f: Vec<(String, f32)> = vec![("bias".into(), 1.0)];
        f.extend(words.iter().map(|w| (format!("hedge-rule:{w}"), 1.0)));
        Sentence {
            uncertain,
            reported: false,
            features: Some(f),
            fold,
        }
    }

    /// A small made-up set: rule "a" mostly uncertain, rule "b" mostly not.
    fn synthetic() -> Vec<Sentence> {
        (0..60)
            .map(|i| {
                let rule = if i % 2 == 0 { "a" } else { "b" };
                let uncertain = (rule == "a") != (i % 7 == 0);
                sentence(uncertain, &[rule], i % 3)
            })
            .collect()
    }

    #[test]
    fn training_is_deterministic() {
        let data = synthetic();
        let s = settings();
        let one = train_on(&data, 3, &s, "synthetic");
        let two = train_on(&data, 3, &s, "synthetic");
        let json = |t: &Trained| serde_json::to_string(&t.file).unwrap();
        assert_eq!(json(&one), json(&two));
        let a = &one.file.weights["hedge-rule:a"];
        let b = &one.file.weights["hedge-rule:b"];
        assert!(a[1] - a[0] > b[1] - b[0], "{a:?} {b:?}");
        assert!(one.cv.f1() > 0.6, "{:?}", one.cv);
    }

    #[test]
    fn the_best_margin_keeps_what_pays() {
        let yes = sentence(true, &[], 0);
        let no = sentence(false, &[], 0);
        let all = [&yes, &yes, &no, &no];
        let m = [Some(2.0), Some(1.0), Some(-1.0), Some(-2.0)];
        let cut = best_margin(&all, &m);
        assert!(cut < 1.0 && cut > -1.0, "{cut}");
        // nothing worth keeping: an infinite cut keeps nothing
        let m = [Some(-2.0), Some(-2.5), Some(3.0), Some(2.0)];
        let only_no = [&no, &no, &no, &no];
        assert_eq!(best_margin(&only_no, &m), f64::INFINITY);
    }
}
