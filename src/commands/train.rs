//! `sayso train`: fit the verdict and source models to labelled sentences,
//! measure them by cross-validation over articles, and write the model files
//! that `score` embeds (`models/`) or that `--models DIR` reads.
//!
//! The sentences are JSON Lines as in `shared/data/verdicts/*.gold.jsonl`:
//! `{"doc": "verdicts/train/a.txt", "span": [s, e], "verdict": "alleged",
//! "source": "named"}` (byte offsets; `"skip": true` or a null verdict leaves a
//! sentence out). `doc` is found next to the gold file or in its ancestors.

use super::{EXIT_ERROR, EXIT_OK, Global};
use crate::analysis::Analyzer;
use crate::input::Document;
use crate::learn::folds::fold_of;
use crate::learn::metrics::Confusion;
use crate::learn::train::{Dataset, Settings, expected_calibration_error, fit, fit_temperature, probabilities};
use crate::learn::{ModelFile, train::Fitted};
use crate::score::models::{SOURCE_CLASSES, VERDICT_CLASSES};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the verdict trainer's labelled sentences are unless `--gold` names a file.
pub const DEFAULT_GOLD: &str = "../shared/data/verdicts/train.gold.jsonl";

/// What `sayso train` fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Task {
    /// the verdict and source models (models/verdict.json, source.json)
    Verdicts,
    /// the hedge filter (models/hedge.json), from ../shared/data/hedge/wiki-train.gold.jsonl
    Hedges,
    /// the learned cue detector (models/cue.json), from ../shared/data/polnear/train/gold.jsonl
    Cues,
    /// the content-end chooser (models/span.json), from ../shared/data/polnear/train/gold.jsonl
    Spans,
    /// the holder-boundary chooser (models/holder.json), from ../shared/data/polnear/train/gold.jsonl
    Holders,
}

/// Train the decision models from labelled sentences (see docs/verdicts.md)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to train
    #[arg(value_enum, default_value_t = Task::Verdicts)]
    pub task: Task,
    /// Labelled sentences, JSON Lines ({"doc", "span", "verdict", "source"})
    #[arg(
        long,
        value_name = "FILE",
        default_value = DEFAULT_GOLD
    )]
    pub gold: PathBuf,
    /// Where to write verdict.json and source.json
    #[arg(long, value_name = "DIR", default_value = "models")]
    pub out: PathBuf,
    /// Folds of the cross-validation by article (the evaluation scorer's split)
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub folds: usize,
    /// Also write the models fitted without fold K to DIR/fold-K, to score each with `score.py run SUITE --fold K/N`
    #[arg(long, value_name = "DIR")]
    pub fold_models: Option<PathBuf>,
    /// List the cross-validated mistakes, one per line (for error analysis)
    #[arg(long)]
    pub errors: bool,
    /// Measure only: do not write the models
    #[arg(long)]
    pub dry_run: bool,
    /// The L2 penalty (the default is the one the built-in models were trained with)
    #[arg(long, value_name = "X")]
    pub l2: Option<f64>,
    /// cues, spans, holders: train on this share of the articles (0.25, 0.5), for a learning curve
    #[arg(long, value_name = "SHARE")]
    pub articles: Option<f64>,
    /// cues: the held-out precision the detector's threshold must reach
    #[arg(long, value_name = "P", default_value_t = 0.7)]
    pub min_precision: f64,
    /// Also write the labelled features as JSON Lines to FILE (for analysis in other tools)
    #[arg(long, value_name = "FILE")]
    pub dump: Option<PathBuf>,
}

impl Args {
    /// The labelled data to read: `--gold` when given, else the task's own default
    /// (`--gold`'s default names the verdict data).
    pub fn gold_or(&self, task_default: &str) -> PathBuf {
        if self.gold == Path::new(DEFAULT_GOLD) {
            PathBuf::from(task_default)
        } else {
            self.gold.clone()
        }
    }
}

#[derive(Deserialize)]
struct GoldLine {
    doc: String,
    span: [usize; 2],
    verdict: Option<String>,
    source: Option<String>,
    #[serde(default)]
    skip: bool,
}

/// One labelled statement: its features, its labels, its article's fold.
struct Labelled {
    features: Vec<(String, f32)>,
    verdict: usize,
    source: usize,
    fold: usize,
    /// for error listings: article and statement text
    doc: String,
    text: String,
}

/// How each model is fitted. The lexical namespaces (the cue's own word, a
/// rule's name) are held back harder than the grammar's classes (stance,
/// hedge kind, marker verdict), so the classes carry what generalises and a
/// rule a user adds still counts through its class.
pub fn settings(task: &str, classes: usize) -> Settings {
    // the grammar's own reading is the prior: its verdict, its holder kind
    let anchor = |ns: &str, names: &[&str]| -> Vec<(String, Vec<f64>)> {
        (0..names.len())
            .map(|c| {
                let mut w = vec![0.0; names.len()];
                w[c] = PRIOR;
                (format!("{ns}:{}", names[c]), w)
            })
            .collect()
    };
    let prior = match task {
        "verdict" => anchor("rules", &VERDICT_CLASSES),
        _ => [
            anchor("rules-source", &SOURCE_CLASSES),
            anchor("holder", &SOURCE_CLASSES),
        ]
        .concat(),
    };
    Settings {
        classes,
        l2: 0.002,
        l2_scale: vec![
            ("cue-word".into(), 8.0),
            // a cue's stance is the grammar's reading of it, held as firmly as its word
            ("stance".into(), 8.0),
            ("cue-rule".into(), 5.0),
            ("marker-rule".into(), 2.0),
            ("hedge-rule".into(), 2.0),
            ("holder-rule".into(), 2.0),
            // the grammar's reading moves only where the data clearly says so
            ("rules".into(), 8.0),
            ("rules-source".into(), 8.0),
            ("holder".into(), 8.0),
        ],
        min_count: 3,
        max_iterations: 300,
        class_weights: vec![],
        prior,
    }
}

/// Which features a model may weigh. Who holds a claim is a question about
/// holders: the cue's word or stance ("said" is mostly said by someone named)
/// would only teach the source model the habits of the training articles.
fn weighs(task: &str, name: &str) -> bool {
    let ns = name.split(':').next().unwrap_or(name);
    task == "verdict"
        || matches!(
            ns,
            "bias"
                | "kind"
                | "holder"
                | "continued-holder"
                | "act-holder"
                | "rules-source"
                | "hedge"
                | "poll"
                | "disputer"
                | "owned-marker"
                | "unattributed-quote"
        )
}

/// How strongly the grammar's reading counts before any data: a log-odds
/// lead of this much for the class its rules give.
const PRIOR: f64 = 3.0;

pub fn run(global: &Global, args: &Args) -> i32 {
    let Some(analyzer) = global.analyzer_or_report() else {
        return EXIT_ERROR;
    };
    let done = match args.task {
        Task::Verdicts => train(&analyzer, args),
        Task::Hedges => super::train_hedges::train(analyzer, args),
        Task::Cues => super::train_cues::train(analyzer, args),
        Task::Spans => super::train_spans::train(analyzer, args),
        Task::Holders => super::train_holders::train(analyzer, args),
    };
    match done {
        Ok(()) => super::output::said(EXIT_OK),
        Err(e) => {
            eprintln!("sayso: error: {e}");
            EXIT_ERROR
        }
    }
}

fn train(analyzer: &Analyzer, args: &Args) -> Result<(), String> {
    if args.folds < 2 {
        return Err("--folds must be at least 2".into());
    }
    let (examples, skipped) = load(analyzer, &args.gold, args.folds)?;
    let articles = examples
        .iter()
        .map(|e| &e.doc)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    crate::sayln!(
        "{}: {} from {} ({} skipped or without a statement)",
        args.gold.display(),
        crate::render::plural(examples.len(), "sentence"),
        crate::render::plural(articles, "article"),
        skipped
    );
    if let Some(path) = &args.dump {
        let mut out = String::new();
        for e in &examples {
            let line = serde_json::json!({
                "doc": e.doc, "fold": e.fold, "verdict": VERDICT_CLASSES[e.verdict],
                "source": SOURCE_CLASSES[e.source], "text": e.text, "features": e.features,
            });
            out.push_str(&line.to_string());
            out.push('\n');
        }
        std::fs::write(path, out).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let trained_on = format!(
        "{} ({} labelled sentences from {articles} news articles)",
        args.gold.display(),
        examples.len()
    );
    let mut files = Vec::new();
    for (task, classes) in [("verdict", &VERDICT_CLASSES), ("source", &SOURCE_CLASSES)] {
        let mut data = Dataset::default();
        for e in &examples {
            let label = if task == "verdict" { e.verdict } else { e.source };
            let relevant = e.features.iter().filter(|(name, _)| weighs(task, name)).cloned();
            data.push(relevant, label, e.fold);
        }
        let mut s = settings(task, classes.len());
        if let Some(l2) = args.l2 {
            s.l2 = l2;
        }
        // cross-validation: each fold predicted by a model that never saw it
        let mut confusion = Confusion::new(classes);
        let mut held_out: Vec<(Vec<f64>, usize)> = vec![(vec![], 0); data.examples.len()];
        for k in 0..args.folds {
            let fitted = fit(&data, &s, |e| e.fold != k);
            for (i, e) in data.examples.iter().enumerate().filter(|(_, e)| e.fold == k) {
                held_out[i] = (fitted.scores(e), e.label);
            }
            if let Some(dir) = &args.fold_models {
                let file = fitted.to_file(&data, task, classes, &format!("{trained_on}, without fold {k}"), &s);
                write_model(&dir.join(format!("fold-{k}")), task, &file)?;
            }
        }
        for (scores, label) in &held_out {
            confusion.add(*label, argmax(scores));
        }
        let temperature = fit_temperature(&held_out);
        let calibrated: Vec<(Vec<f64>, usize)> = (held_out.iter())
            .map(|(s, y)| (probabilities(s, temperature), *y))
            .collect();
        let raw: Vec<(Vec<f64>, usize)> = held_out.iter().map(|(s, y)| (probabilities(s, 1.0), *y)).collect();
        let (ece_raw, ece) = (
            expected_calibration_error(&raw, 10),
            expected_calibration_error(&calibrated, 10),
        );
        crate::sayln!(
            "\n{task}, cross-validated by article ({} folds): accuracy {:.3}, macro-F1 {:.3}",
            args.folds,
            confusion.accuracy(),
            confusion.macro_f1()
        );
        crate::say!("{}", confusion.table());
        crate::sayln!(
            "calibration: expected calibration error {ece_raw:.3} raw, {ece:.3} at temperature {temperature}"
        );
        if args.errors {
            for (i, (scores, label)) in held_out.iter().enumerate() {
                let p = argmax(scores);
                if p != *label {
                    let e = &examples[i];
                    crate::sayln!(
                        "  {} -> {}  {}  | {}",
                        classes[*label],
                        classes[p],
                        flat(&e.text, 200),
                        e.doc
                    );
                }
            }
        }
        let fitted: Fitted = fit(&data, &s, |_| true);
        let mut file = fitted.to_file(&data, task, classes, &trained_on, &s);
        file.temperature = temperature;
        let mut ev = BTreeMap::new();
        ev.insert("folds".into(), args.folds.into());
        ev.insert("accuracy".into(), round3(confusion.accuracy()).into());
        ev.insert("macro_f1".into(), round3(confusion.macro_f1()).into());
        for (c, name) in classes.iter().enumerate() {
            ev.insert(format!("recall_{name}"), round3(confusion.recall(c)).into());
        }
        ev.insert("expected_calibration_error".into(), round3(ece).into());
        ev.insert(
            "confusion".into(),
            serde_json::to_value(&confusion.counts).unwrap_or_default(),
        );
        file.evaluation = ev;
        crate::sayln!(
            "{} features with a weight; fitted in {} iterations",
            file.weights.len(),
            fitted.iterations
        );
        files.push((task, file));
    }
    if !args.dry_run {
        for (task, file) in &files {
            write_model(&args.out, task, file)?;
        }
        crate::sayln!("\nwrote {}/verdict.json and source.json", args.out.display());
    }
    Ok(())
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn argmax(s: &[f64]) -> usize {
    (0..s.len()).fold(0, |best, c| if s[c] > s[best] { c } else { best })
}

fn flat(s: &str, max: usize) -> String {
    let one: String = s.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    match one.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &one[..i]),
        None => one,
    }
}

/// Write one model file (pretty JSON, one feature a line, so diffs read well).
/// Write the one model file of a task (`cue`, `span`) and say where, with its size.
pub fn save_model(dir: &Path, task: &str, file: &ModelFile) -> Result<(), String> {
    write_model(dir, task, file)?;
    crate::sayln!(
        "wrote {} ({} weights)",
        dir.join(format!("{task}.json")).display(),
        file.weights.len()
    );
    Ok(())
}

/// A figure as a model file keeps it: four decimals.
pub fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

pub fn write_model(dir: &Path, task: &str, file: &ModelFile) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(format!("{task}.json"));
    let mut text = serde_json::to_string_pretty(file).map_err(|e| e.to_string())?;
    // weights on one line each: "name": [a, b, c]
    text = compact_arrays(&text);
    text.push('\n');
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Put every array of numbers on one line.
fn compact_arrays(pretty: &str) -> String {
    let mut out = String::with_capacity(pretty.len());
    let mut in_array = false;
    for line in pretty.lines() {
        let t = line.trim();
        if in_array {
            if t.starts_with(']') {
                out.push_str(t);
                out.push('\n');
                in_array = false;
            } else {
                out.push_str(t);
                if t.ends_with(',') {
                    out.push(' ');
                }
            }
        } else if t.ends_with('[') && !t.ends_with("[[") {
            out.push_str(line);
            in_array = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Read the gold sentences, analyse their articles, and pair each sentence
/// with the statement that overlaps it most.
fn load(analyzer: &Analyzer, gold: &Path, folds: usize) -> Result<(Vec<Labelled>, usize), String> {
    let text = std::fs::read_to_string(gold).map_err(|e| {
        format!(
            "cannot read {}: {e} (pass --gold FILE; the project's data is in ../shared/data/verdicts/)",
            gold.display()
        )
    })?;
    let mut lines = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let g: GoldLine = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: not a gold sentence: {e}", gold.display(), n + 1))?;
        lines.push(g);
    }
    let mut docs: Vec<&str> = lines.iter().map(|g| g.doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    let analysed: Vec<(String, Document, crate::model::Analysis)> = docs
        .par_iter()
        .map(|d| {
            let path = find_doc(gold, d).ok_or_else(|| format!("{}: cannot find {d}", gold.display()))?;
            let doc = Document::load(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let a = analyzer.analyze(&doc);
            Ok((d.to_string(), doc, a))
        })
        .collect::<Result<_, String>>()?;
    let by_doc: BTreeMap<&str, usize> = analysed
        .iter()
        .enumerate()
        .map(|(i, (d, ..))| (d.as_str(), i))
        .collect();
    let features: Vec<Vec<Vec<(String, f32)>>> = analysed
        .iter()
        .map(|(_, doc, a)| crate::score::named_features(&doc.text, a))
        .collect();
    let mut out = Vec::new();
    let mut skipped = 0;
    for g in &lines {
        let (verdict, source) = match (&g.verdict, &g.source, g.skip) {
            (Some(v), Some(s), false) => (v, s),
            _ => {
                skipped += 1;
                continue;
            }
        };
        let (Some(v), Some(s)) = (
            VERDICT_CLASSES.iter().position(|c| c == verdict),
            SOURCE_CLASSES.iter().position(|c| c == source),
        ) else {
            return Err(format!("{}: unknown label {verdict}/{source}", g.doc));
        };
        let i = by_doc[g.doc.as_str()];
        let (_, doc, a) = &analysed[i];
        let overlap = |k: usize| {
            let o = doc.to_original(a.statements[k].span);
            o.end.min(g.span[1]).saturating_sub(o.start.max(g.span[0]))
        };
        let Some(best) = (0..a.statements.len())
            .filter(|&k| overlap(k) > 0)
            .max_by_key(|&k| overlap(k))
        else {
            skipped += 1;
            continue;
        };
        out.push(Labelled {
            features: features[i][best].clone(),
            verdict: v,
            source: s,
            fold: fold_of(Path::new(&g.doc), folds),
            doc: g.doc.clone(),
            text: a.statements[best].span.slice(&doc.text).to_string(),
        });
    }
    Ok((out, skipped))
}

/// A gold document path, relative to the gold file's folder or one of its ancestors.
pub fn find_doc(gold: &Path, doc: &str) -> Option<PathBuf> {
    let start = gold.parent()?;
    start.ancestors().map(|a| a.join(doc)).find(|p| p.is_file())
}
