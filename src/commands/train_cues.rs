//! `sayso train cues`: fit the learned cue detector (`matcher::learned_cues`)
//! to PolNeAR's annotated attributions, and write `cue.json`.
//!
//! The gold file is PolNeAR as in `shared/data/polnear/train/gold.jsonl`: one
//! line per article, `{"doc": "text/a.txt", "attributions": [{"cue": [[s, e]],
//! ...}]}` (byte offsets). Every article is matched with the grammar alone.
//! A gold cue no grammar attribution overlaps is *missed*; the words of missed
//! cues that occur often enough, and are cues often enough where they occur,
//! make the lexicon of candidate forms; the other inflections of their stems
//! ("touts", "touting" for "touted") are candidates too. Every free word of such
//! a form is an example, labelled a cue when it lies in a missed gold cue. A
//! form none of whose examples passes the threshold once fitted is left out of
//! the model (listed in its `silent_forms`): it costs the detector a look-up at
//! every occurrence and would not fire.
//!
//! The threshold is chosen without the fold it is measured on: for each of
//! the five folds of the evaluation scorer's split by article, a model fitted
//! without that fold scores its candidates, and the threshold is the lowest
//! margin at which the precision over all the held-out candidates reaches
//! `--min-precision`. (One fold alone holds about 1,700 positives, and its
//! threshold moved by tenths with any change of the features.) The model
//! written is then fitted on every article.

use super::train::Args;
use super::train::round4 as round;
use super::train_hedges::Prf;
use crate::analysis::Analyzer;
use crate::input::Document;
use crate::learn::ModelFile;
use crate::learn::folds::fold_of;
use crate::learn::keys::feature_key;
use crate::learn::train::{Dataset, Settings, fit};
use crate::matcher::learned_cues::{CLASSES, CueCandidate, SILENT_FORMS, candidate_forms};
use crate::matcher::tokens::{TokKind, tokenize};
use crate::segment::segment;
use crate::span::Span;
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where PolNeAR's training attributions are unless `--gold` names a file.
pub const DEFAULT_GOLD: &str = "../shared/data/polnear/train/gold.jsonl";

/// A form is a candidate when it lies in at least this many missed gold cues...
const MIN_MISSED: usize = 3;
/// ...and in a missed gold cue at no less than this share of its occurrences.
const MIN_RATE: f64 = 0.04;

/// The folds of the scorer's split whose held-out candidates choose the threshold.
const FOLDS: usize = 5;

#[derive(Deserialize)]
struct GoldArticle {
    doc: String,
    attributions: Vec<GoldAttribution>,
}

#[derive(Deserialize)]
struct GoldAttribution {
    cue: Vec<[usize; 2]>,
}

/// One article: its text, fold, gold cues the grammar missed, and the
/// grammar's word forms (lower case) for the lexicon's counts.
struct Article {
    path: PathBuf,
    doc: Document,
    fold: usize,
    missed: Vec<Span>,
    /// the cues and holders of the grammar's attributions
    taken: Vec<Span>,
}

/// How the detector is fitted: the forms and neighbours are many and sparse,
/// so single words are held back harder than the classes around them.
pub fn settings() -> Settings {
    Settings {
        classes: 2,
        // (held-out recall at the threshold over the five folds: 0.292 at 0.00005,
        // 0.298 at 0.0001, 0.294 at 0.0002, 0.283 at the former 0.00003)
        l2: 0.0001,
        l2_scale: vec![("prev-form".into(), 2.0), ("form-next".into(), 2.0)],
        min_count: 5,
        max_iterations: 300,
        class_weights: vec![],
        prior: vec![],
    }
}

pub fn train(analyzer: Analyzer, args: &Args) -> Result<(), String> {
    let gold = args.gold_or(DEFAULT_GOLD);
    // the examples come from what the grammar alone finds (its cues, and its
    // holders as the rules draw them)
    let mut analyzer = analyzer;
    analyzer.matcher = analyzer.matcher.with_cue_model(None).with_holder_model(None);
    let mut articles = load(&analyzer, &gold)?;
    if let Some(share) = args.articles {
        // a learning curve: the first share of the articles, in the order of their names' hashes
        articles.sort_by_key(|a| fold_of(&a.path, 1000));
        articles.truncate(((articles.len() as f64) * share).round() as usize);
    }
    let missed: usize = articles.iter().map(|a| a.missed.len()).sum();
    let forms = lexicon(&articles);
    crate::sayln!(
        "{}: {} with {} gold cues the grammar misses; {} candidate forms",
        gold.display(),
        crate::render::plural(articles.len(), "article"),
        missed,
        forms.len()
    );
    // (the other inflections of a form's stem are candidates too, as in the detector)
    let keys: FxHashSet<u64> = candidate_forms(forms.iter().map(String::as_str), |_| true)
        .iter()
        .map(|f| feature_key(&format!("form:{f}")))
        .collect();
    let examples: Vec<(usize, Vec<CueCandidate>, Vec<Span>)> = articles
        .par_iter()
        .map(|a| {
            let seg = segment(&a.doc.text);
            let (_, candidates) = analyzer.matcher.collect_cue_candidates(&a.doc.text, &seg, &keys);
            let spans = candidates.iter().map(|c| a.doc.to_original(c.span)).collect();
            (a.fold, candidates, spans)
        })
        .collect();
    let mut data = Dataset::default();
    for ((fold, candidates, spans), a) in examples.into_iter().zip(&articles) {
        for (c, span) in candidates.into_iter().zip(spans) {
            let label = a.missed.iter().any(|m| m.overlaps(span)) as usize;
            data.push(c.features.into_iter().map(|f| (f, 1.0)), label, fold);
        }
    }
    let positives = data.examples.iter().filter(|e| e.label == 1).count();
    crate::sayln!(
        "{} candidate words, {} of them in a missed cue",
        data.examples.len(),
        positives
    );
    let mut s = settings();
    if let Some(l2) = args.l2 {
        s.l2 = l2;
    }
    // the threshold, from every fold's candidates scored by the model fitted without it
    let mut scored: Vec<(f64, bool)> = Vec::new();
    for k in 0..FOLDS {
        let held = fit(&data, &s, |e| e.fold != k);
        scored.extend((data.examples.iter().filter(|e| e.fold == k)).map(|e| {
            let sc = held.scores(e);
            (sc[1] - sc[0], e.label == 1)
        }));
    }
    let (threshold, at) = choose_threshold(&mut scored, args.min_precision);
    crate::sayln!(
        "held-out folds: at margin {threshold:+.3}, precision {:.3}, recall {:.3} of the {} candidates in missed cues",
        at.precision(),
        at.recall(),
        at.tp + at.fn_
    );
    let fitted = fit(&data, &s, |_| true);
    let mut file: ModelFile = fitted.to_file(
        &data,
        "cue",
        &CLASSES,
        &format!(
            "{} ({} PolNeAR articles; candidates are words of gold cues the grammar misses)",
            gold.display(),
            articles.len()
        ),
        &s,
    );
    // a form none of whose training candidates passes the threshold is left out of
    // the model's forms, so it is no candidate at all: it would cost a look-up and
    // the context features at every occurrence and (on the training articles) never fire
    let mut fires: HashMap<usize, bool> = HashMap::new();
    for e in &data.examples {
        let Some(&(f, _)) = (e.features.iter()).find(|(i, _)| data.names[*i as usize].starts_with("form:")) else {
            continue;
        };
        let sc = fitted.scores(e);
        *fires.entry(f as usize).or_default() |= sc[1] - sc[0] > threshold;
    }
    let mut silent: Vec<&str> = (fires.into_iter())
        .filter(|&(f, fired)| !fired && file.weights.remove(&data.names[f]).is_some())
        .filter_map(|(f, _)| data.names[f].strip_prefix("form:"))
        .collect();
    silent.sort_unstable();
    crate::sayln!(
        "{} never pass the threshold on the training articles: left out",
        crate::render::plural(silent.len(), "form")
    );
    // (named, so that the detector does not take one back as another form's inflection)
    file.settings.insert(SILENT_FORMS.into(), silent.into());
    file.settings.insert("threshold".into(), round(threshold).into());
    file.settings.insert("min_precision".into(), args.min_precision.into());
    file.settings.insert("min_missed".into(), MIN_MISSED.into());
    file.settings.insert("min_rate".into(), MIN_RATE.into());
    file.evaluation.insert("held_out_folds".into(), FOLDS.into());
    file.evaluation.insert("precision".into(), round(at.precision()).into());
    file.evaluation.insert("recall".into(), round(at.recall()).into());
    file.evaluation.insert("candidates".into(), data.examples.len().into());
    file.evaluation.insert("candidate_forms".into(), forms.len().into());
    if args.dry_run {
        return Ok(());
    }
    super::train::save_model(&args.out, "cue", &file)
}

/// The lowest margin at which the held-out precision is at least
/// `min_precision` (a candidate fires above it), and the counts there.
fn choose_threshold(scored: &mut [(f64, bool)], min_precision: f64) -> (f64, Prf) {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let pos = scored.iter().filter(|s| s.1).count();
    let mut best = (
        scored.first().map_or(0.0, |s| s.0),
        Prf {
            fn_: pos,
            ..Prf::default()
        },
    );
    let (mut tp, mut fp) = (0, 0);
    for (k, &(m, gold)) in scored.iter().enumerate() {
        if gold {
            tp += 1;
        } else {
            fp += 1;
        }
        // a threshold between this margin and the next lower one
        let next = scored.get(k + 1).map_or(m - 1.0, |s| s.0);
        if next == m {
            continue;
        }
        let c = Prf {
            tp,
            fp,
            fn_: pos - tp,
            tn: 0,
        };
        if c.precision() >= min_precision {
            best = ((m + next) / 2.0, c);
        }
    }
    best
}

/// The candidate forms: words of missed gold cues, often enough and at a
/// high enough share of their occurrences.
fn lexicon(articles: &[Article]) -> Vec<String> {
    let mut in_missed: HashMap<String, usize> = HashMap::new();
    let mut total: HashMap<String, usize> = HashMap::new();
    let mut toks = Vec::new();
    for a in articles {
        toks.clear();
        tokenize(&a.doc.text, &mut toks);
        for t in &toks {
            if t.kind != TokKind::Word {
                continue;
            }
            let o = a.doc.to_original(t.span());
            if a.taken.iter().any(|m| m.overlaps(o)) {
                continue; // (a word the grammar uses is no candidate)
            }
            let w = t.text(&a.doc.text).to_ascii_lowercase();
            if a.missed.iter().any(|m| m.overlaps(o)) {
                *in_missed.entry(w.clone()).or_default() += 1;
            }
            *total.entry(w).or_default() += 1;
        }
    }
    let mut forms: Vec<String> = in_missed
        .into_iter()
        .filter(|(w, n)| *n >= MIN_MISSED && (*n as f64) >= MIN_RATE * total[w] as f64)
        .map(|(w, _)| w)
        .collect();
    forms.sort();
    forms
}

fn load(analyzer: &Analyzer, gold: &Path) -> Result<Vec<Article>, String> {
    let text = std::fs::read_to_string(gold).map_err(|e| {
        format!(
            "cannot read {}: {e} (pass --gold FILE; PolNeAR's training articles are in ../shared/data/polnear/train/)",
            gold.display()
        )
    })?;
    let mut lines = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let g: GoldArticle = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: not a PolNeAR gold article: {e}", gold.display(), n + 1))?;
        lines.push(g);
    }
    lines
        .par_iter()
        .map(|g| {
            let path = super::train::find_doc(gold, &g.doc)
                .ok_or_else(|| format!("{}: cannot find {}", gold.display(), g.doc))?;
            let doc = Document::load(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let found = analyzer.matcher.find(&doc.text, &segment(&doc.text));
            let taken: Vec<Span> = (found.attributions.iter())
                .flat_map(|a| std::iter::once(a.cue).chain(a.source.as_ref().map(|s| s.span)))
                .map(|s| doc.to_original(s))
                .collect();
            let found: Vec<Span> = found.attributions.iter().map(|a| doc.to_original(a.cue)).collect();
            let missed = (g.attributions.iter())
                .filter(|a| {
                    !a.cue
                        .iter()
                        .any(|&[s, e]| found.iter().any(|f| f.overlaps(Span::new(s, e))))
                })
                .flat_map(|a| a.cue.iter().map(|&[s, e]| Span::new(s, e)))
                .collect();
            Ok(Article {
                fold: fold_of(&path, FOLDS),
                path,
                doc,
                missed,
                taken,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_is_the_lowest_margin_with_enough_precision() {
        let mut s = vec![
            (3.0, true),
            (2.0, true),
            (1.0, false),
            (0.5, true),
            (0.0, false),
            (-1.0, false),
        ];
        let (t, c) = choose_threshold(&mut s, 0.7);
        // above 0.25: 3 right, 1 wrong (0.75); above -0.5: 3 right, 2 wrong (0.6)
        assert!((t - 0.25).abs() < 1e-9, "{t}");
        assert_eq!((c.tp, c.fp, c.fn_), (3, 1, 0));
        let (t, c) = choose_threshold(&mut s, 1.0);
        assert!((t - 1.5).abs() < 1e-9, "{t}");
        assert_eq!((c.tp, c.fp), (2, 0));
    }
}
