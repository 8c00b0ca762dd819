//! `sayso train spans`: fit the content-end chooser (`matcher::learned_spans`)
//! to PolNeAR's gold contents, and write `span.json`.
//!
//! Every article of `shared/data/polnear/train/gold.jsonl` is matched with
//! the built-in grammar and cue detector, the content ends left as the rules
//! put them. Each attribution is paired with a gold one as the evaluation
//! scorer pairs them (one to one, by the largest cue overlap). For a paired
//! attribution with candidate ends, every candidate is scored against the
//! gold content with the scorer's token measure (Dice over whitespace tokens,
//! edge punctuation trimmed); the candidates with the best score are the
//! positive examples, the others negative. An attribution whose candidates
//! all score alike teaches nothing and is left out.
//!
//! The threshold (how far the best cut must pass the rules' end) is chosen by
//! cross-validation over articles (the scorer's five folds): for each fold
//! the model is fitted on the others, and the threshold kept is the one whose
//! summed held-out token score is highest. The model written is fitted on
//! every article.

use super::train::Args;
use super::train::round4 as round;
use crate::analysis::Analyzer;
use crate::input::Document;
use crate::learn::ModelFile;
use crate::learn::folds::fold_of;
use crate::learn::train::{Dataset, Fitted, Settings, fit};
use crate::matcher::learned_spans::CLASSES;
use crate::segment::segment;
use crate::span::Span;
use rayon::prelude::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Where PolNeAR's training attributions are unless `--gold` names a file.
/// the PolNeAR training attributions, as for the cue detector
use super::train_cues::DEFAULT_GOLD;

/// The thresholds the cross-validation chooses among.
const THRESHOLDS: [f64; 8] = [-1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 1.0, 2.0];

/// The folds of the cross-validation (the scorer's split by article).
pub(super) const FOLDS: usize = 5;

#[derive(Deserialize)]
pub(super) struct GoldArticle {
    pub(super) doc: String,
    pub(super) attributions: Vec<GoldAttribution>,
}

#[derive(Deserialize)]
pub(super) struct GoldAttribution {
    pub(super) cue: Vec<[usize; 2]>,
    pub(super) content: Vec<[usize; 2]>,
    /// (read by the holder trainer; null or absent when the gold has no holder)
    #[serde(default)]
    pub(super) source: Option<Vec<[usize; 2]>>,
}

/// One candidate of a paired attribution (a content end here, a holder in
/// `train_holders`): its features and how it scores against the gold span.
pub(super) struct Scored {
    pub(super) features: Vec<String>,
    pub(super) keep: bool,
    /// what ranks the candidates: the token score here; exact match first,
    /// then the token score, for holders
    pub(super) score: f64,
    pub(super) dice: f64,
    pub(super) exact: bool,
}

/// The candidates of one paired attribution.
pub(super) struct Group {
    pub(super) fold: usize,
    pub(super) candidates: Vec<Scored>,
}

impl Group {
    pub(super) fn informative(&self) -> bool {
        let best = self.best();
        self.candidates.iter().any(|c| c.score < best - 1e-9)
    }
    pub(super) fn best(&self) -> f64 {
        self.candidates.iter().map(|c| c.score).fold(0.0, f64::max)
    }
    pub(super) fn best_exact(&self) -> bool {
        self.candidates.iter().any(|c| c.exact)
    }
    pub(super) fn keep(&self) -> &Scored {
        self.candidates.iter().find(|c| c.keep).unwrap_or(&self.candidates[0])
    }
}

/// How the chooser is fitted.
pub fn settings() -> Settings {
    Settings {
        classes: 2,
        l2: 0.0003,
        l2_scale: vec![("kind-next".into(), 2.0), ("prev".into(), 2.0)],
        min_count: 8,
        max_iterations: 300,
        class_weights: vec![],
        prior: vec![],
    }
}

pub fn train(analyzer: Analyzer, args: &Args) -> Result<(), String> {
    let gold = args.gold_or(DEFAULT_GOLD);
    let mut groups = load(&analyzer, &gold, args.articles)?;
    groups.sort_by_key(|g| g.fold);
    let (paired, informative) = (groups.len(), groups.iter().filter(|g| g.informative()).count());
    let keep_dice: f64 = groups.iter().map(|g| g.keep().dice).sum();
    let keep_exact = groups.iter().filter(|g| g.keep().exact).count();
    let oracle: f64 = groups.iter().map(Group::best).sum();
    crate::sayln!(
        "{}: {paired} paired attributions with candidate ends, {informative} where the end matters; token score of the rules' ends {:.4}, exact {:.4}, best candidate {:.4}",
        gold.display(),
        keep_dice / paired.max(1) as f64,
        keep_exact as f64 / paired.max(1) as f64,
        oracle / paired.max(1) as f64,
    );
    let mut s = settings();
    if let Some(l2) = args.l2 {
        s.l2 = l2;
    }
    let data = dataset(&groups, |_| true);
    // cross-validation by article: the held-out score at each threshold
    let mut at = vec![(0.0f64, 0usize); THRESHOLDS.len()];
    for k in 0..FOLDS {
        let fitted = fit(&data, &s, |e| e.fold != k);
        for g in groups.iter().filter(|g| g.fold == k) {
            for (t, (dice, exact)) in THRESHOLDS.iter().zip(at.iter_mut()) {
                let c = choose(&fitted, &data, g, *t);
                *dice += c.dice;
                *exact += c.exact as usize;
            }
        }
    }
    let n = paired.max(1) as f64;
    for (t, (dice, exact)) in THRESHOLDS.iter().zip(&at) {
        crate::sayln!(
            "  threshold {t:.2}: held-out token score {:.4} ({:+.4}), exact {:.4} ({:+.4})",
            dice / n,
            (dice - keep_dice) / n,
            *exact as f64 / n,
            (*exact as f64 - keep_exact as f64) / n
        );
    }
    let best = (0..THRESHOLDS.len())
        .max_by(|&a, &b| at[a].0.total_cmp(&at[b].0).then(b.cmp(&a)))
        .unwrap_or(0);
    let threshold = THRESHOLDS[best];
    let fitted = fit(&data, &s, |_| true);
    let mut file: ModelFile = fitted.to_file(
        &data,
        "span",
        &CLASSES,
        &format!(
            "{} ({paired} attributions paired with a gold one; the candidates scoring best against its content are the ends)",
            gold.display()
        ),
        &s,
    );
    file.settings.insert("threshold".into(), threshold.into());
    file.settings
        .insert("thresholds_tried".into(), THRESHOLDS.to_vec().into());
    file.evaluation.insert("folds".into(), FOLDS.into());
    file.evaluation.insert("paired".into(), paired.into());
    file.evaluation.insert("informative".into(), informative.into());
    file.evaluation
        .insert("rules_token".into(), round(keep_dice / n).into());
    file.evaluation
        .insert("rules_exact".into(), round(keep_exact as f64 / n).into());
    file.evaluation.insert("oracle_token".into(), round(oracle / n).into());
    file.evaluation
        .insert("held_out_token".into(), round(at[best].0 / n).into());
    file.evaluation
        .insert("held_out_exact".into(), round(at[best].1 as f64 / n).into());
    crate::sayln!(
        "chose threshold {threshold:.2}: held-out token score {:.4} against the rules' {:.4}",
        at[best].0 / n,
        keep_dice / n
    );
    if args.dry_run {
        return Ok(());
    }
    super::train::save_model(&args.out, "span", &file)
}

/// The examples of the informative groups `take` selects: pairwise, a best
/// candidate against each worse one (the difference of their features,
/// labelled with the model's second class, "end" or "holder") and the reverse
/// (labelled "other"), so that the model's margin ranks the candidates of one
/// attribution.
pub(super) fn dataset(groups: &[Group], take: impl Fn(&Group) -> bool) -> Dataset {
    let mut data = Dataset::default();
    for g in groups.iter().filter(|g| g.informative() && take(g)) {
        let best = g.best();
        for b in g.candidates.iter().filter(|c| c.score >= best - 1e-9) {
            for o in g.candidates.iter().filter(|c| c.score < best - 1e-9) {
                for (label, sign) in [(1, 1.0f32), (0, -1.0)] {
                    let pair = (b.features.iter().map(|f| (f.clone(), sign)))
                        .chain(o.features.iter().map(|f| (f.clone(), -sign)));
                    data.push(pair, label, g.fold);
                }
            }
        }
    }
    data
}

/// The candidate the fitted model takes for a group, as the matcher does:
/// the best other candidate when its margin passes keep's by `threshold`.
pub(super) fn choose<'g>(fitted: &Fitted, data: &Dataset, g: &'g Group, threshold: f64) -> &'g Scored {
    let margin = |c: &Scored| -> f64 {
        let k = fitted.classes;
        let mut m = 0.0;
        for f in &c.features {
            if let Some(i) = data.index_of(f) {
                let w = &fitted.weights[i * k..i * k + k];
                m += w[1] - w[0];
            }
        }
        m
    };
    let keep = g.keep();
    let keep_margin = margin(keep);
    let mut best: Option<(&Scored, f64)> = None;
    for c in g.candidates.iter().filter(|c| !c.keep) {
        let m = margin(c);
        if best.is_none_or(|(_, b)| m > b) {
            best = Some((c, m));
        }
    }
    match best {
        Some((c, m)) if m > keep_margin + threshold => c,
        _ => keep,
    }
}

/// The gold articles of `gold` with the paths of their texts: the first
/// `share` of them, in the order of their names' hashes, when a share is given.
pub(super) fn articles(gold: &Path, share: Option<f64>) -> Result<Vec<(PathBuf, GoldArticle)>, String> {
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
    let mut articles: Vec<(PathBuf, GoldArticle)> = Vec::with_capacity(lines.len());
    for g in lines {
        let path =
            super::train::find_doc(gold, &g.doc).ok_or_else(|| format!("{}: cannot find {}", gold.display(), g.doc))?;
        articles.push((path, g));
    }
    if let Some(share) = share {
        // a learning curve: the first share of the articles, in the order of their names' hashes
        articles.sort_by_key(|(p, _)| fold_of(p, 1000));
        articles.truncate(((articles.len() as f64) * share).round() as usize);
    }
    Ok(articles)
}

fn load(analyzer: &Analyzer, gold: &Path, share: Option<f64>) -> Result<Vec<Group>, String> {
    let articles = articles(gold, share)?;
    let per_article: Vec<Result<Vec<Group>, String>> = articles
        .par_iter()
        .map(|(path, g)| {
            let doc = Document::load(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let seg = segment(&doc.text);
            let (found, ends) = analyzer.matcher.collect_end_candidates(&doc.text, &seg);
            let raw = doc.text.as_bytes();
            let cues: Vec<Span> = found.attributions.iter().map(|a| doc.to_original(a.cue)).collect();
            let pairs = pair(&cues, &g.attributions);
            let fold = fold_of(path, FOLDS);
            let mut groups = Vec::new();
            for e in ends {
                let Some(gi) = pairs[e.attribution] else { continue };
                let gold_pieces: Vec<(usize, usize)> =
                    g.attributions[gi].content.iter().map(|&[s, e]| (s, e)).collect();
                let gold_norm = norm(raw, &gold_pieces);
                let gold_toks = tokens(raw, &gold_norm);
                let candidates = (e.candidates.into_iter())
                    .map(|c| {
                        let o = doc.to_original(c.content);
                        let n = norm(raw, &[(o.start, o.end)]);
                        let t = tokens(raw, &n);
                        let d = dice(&t, &gold_toks);
                        Scored {
                            score: d,
                            dice: d,
                            exact: n == gold_norm,
                            keep: c.keep,
                            features: c.features,
                        }
                    })
                    .collect();
                groups.push(Group { fold, candidates });
            }
            Ok(groups)
        })
        .collect();
    let mut out = Vec::new();
    for g in per_article {
        out.extend(g?);
    }
    Ok(out)
}

/// Pair predicted cues with gold attributions one to one, the largest overlap
/// first (ties: the nearer start, then document order), as the scorer does.
pub(super) fn pair(cues: &[Span], gold: &[GoldAttribution]) -> Vec<Option<usize>> {
    let mut cand = Vec::new();
    for (pi, p) in cues.iter().enumerate() {
        for (gi, g) in gold.iter().enumerate() {
            let ov: usize = (g.cue.iter())
                .map(|&[s, e]| e.min(p.end).saturating_sub(s.max(p.start)))
                .sum();
            if ov > 0 {
                let g0 = g.cue.first().map_or(0, |c| c[0]);
                cand.push((std::cmp::Reverse(ov), p.start.abs_diff(g0), gi, pi));
            }
        }
    }
    cand.sort();
    let mut pg = vec![None; cues.len()];
    let mut taken = vec![false; gold.len()];
    for (_, _, gi, pi) in cand {
        if pg[pi].is_none() && !taken[gi] {
            pg[pi] = Some(gi);
            taken[gi] = true;
        }
    }
    pg
}

/// Is `c` trimmed from a span's edge by the scorer: white space, punctuation,
/// quote marks, control and format characters?
fn is_edge(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '!' | '"' | '#' | '%' | '&' | '\'' | '(' | ')' | '*' | ',' | '-' | '.' | '/' | ':' | ';' | '?' | '@' | '['
                | '\\' | ']' | '_' | '{' | '}' | '`' | '\u{a1}' | '\u{a7}' | '\u{ab}' | '\u{b6}' | '\u{b7}' | '\u{bb}'
                | '\u{bf}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}' | '\u{fffd}' | '\u{feff}'
        )
}

/// A span trimmed of edge characters (kept as it is when nothing would remain).
fn trim(raw: &[u8], s: usize, e: usize) -> (usize, usize) {
    let e = e.min(raw.len());
    let s = s.min(e);
    let Ok(t) = std::str::from_utf8(&raw[s..e]) else {
        return (s, e);
    };
    let front = t.len() - t.trim_start_matches(is_edge).len();
    let back = t.trim_end_matches(is_edge).len();
    if front >= back { (s, e) } else { (s + front, s + back) }
}

/// Pieces trimmed, sorted, and merged where only edge characters lie between.
pub(super) fn norm(raw: &[u8], pieces: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut ps: Vec<(usize, usize)> = pieces.iter().map(|&(s, e)| trim(raw, s, e)).collect();
    ps.sort();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ps.into_iter().filter(|(s, e)| e > s) {
        if let Some(last) = out.last_mut() {
            let gap_edge = s <= last.1 || std::str::from_utf8(&raw[last.1..s]).is_ok_and(|g| g.chars().all(is_edge));
            if gap_edge {
                last.1 = last.1.max(e);
                continue;
            }
        }
        out.push((s, e));
    }
    out
}

/// The whitespace tokens of the pieces, each trimmed of edge characters.
pub(super) fn tokens(raw: &[u8], pieces: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(s, e) in pieces {
        let mut k = s;
        while k < e {
            while k < e && raw[k].is_ascii_whitespace() {
                k += 1;
            }
            let start = k;
            while k < e && !raw[k].is_ascii_whitespace() {
                k += 1;
            }
            if k > start {
                let (ts, te) = trim(raw, start, k);
                if te > ts
                    && !(te - ts == k - start
                        && std::str::from_utf8(&raw[ts..te]).is_ok_and(|w| w.chars().all(is_edge)))
                {
                    out.push((ts, te));
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The Dice coefficient of two sorted token sets.
pub(super) fn dice(a: &[(usize, usize)], b: &[(usize, usize)]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.iter().filter(|t| b.binary_search(t).is_ok()).count();
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_trimmed_and_scored_as_the_scorer_does() {
        let raw = "He said “the plan will fail,” and left.".as_bytes();
        let open = raw.iter().position(|&b| b == 0xE2).unwrap();
        let (s, e) = trim(raw, open, raw.len());
        assert_eq!(
            std::str::from_utf8(&raw[s..e]).unwrap(),
            "the plan will fail,” and left"
        );
        let t = tokens(raw, &[(s, e)]);
        assert_eq!(t.len(), 6);
        let short = tokens(raw, &norm(raw, &[(open, open + 22)]));
        assert_eq!(short.len(), 4);
        assert!((dice(&short, &t) - 0.8).abs() < 1e-9);
        // pieces with only punctuation between them are one
        assert_eq!(norm(raw, &[(0, 2), (2, 7)]), vec![(0, 7)]);
    }

    #[test]
    fn cues_pair_one_to_one_by_the_largest_overlap() {
        let gold = vec![
            GoldAttribution {
                cue: vec![[10, 14]],
                content: vec![],
                source: None,
            },
            GoldAttribution {
                cue: vec![[20, 30]],
                content: vec![],
                source: None,
            },
        ];
        let cues = [
            Span::new(10, 14),
            Span::new(12, 22),
            Span::new(21, 30),
            Span::new(40, 44),
        ];
        assert_eq!(pair(&cues, &gold), vec![Some(0), None, Some(1), None]);
    }
}
