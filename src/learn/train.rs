//! Fitting a linear softmax model: multinomial logistic regression with an L2
//! penalty, minimised by L-BFGS. Everything runs in one thread in a fixed
//! order, so the same data always gives the same weights.

use super::{FORMAT, ModelFile};
use std::collections::{BTreeMap, HashMap};

/// One labelled example: feature indexes with values, a class and a fold.
#[derive(Debug, Clone)]
pub struct Example {
    pub features: Vec<(u32, f32)>,
    pub label: usize,
    pub fold: usize,
}

/// Examples with their feature names interned.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub names: Vec<String>,
    index: HashMap<String, u32>,
    pub examples: Vec<Example>,
}

impl Dataset {
    /// The index of a feature name, if an example has it.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.index.get(name).map(|&i| i as usize)
    }

    /// Add an example; repeated features are summed.
    pub fn push<I: IntoIterator<Item = (String, f32)>>(&mut self, features: I, label: usize, fold: usize) {
        let mut fs: Vec<(u32, f32)> = Vec::new();
        for (name, x) in features {
            let next = self.names.len() as u32;
            let i = *self.index.entry(name).or_insert_with_key(|n| {
                self.names.push(n.clone());
                next
            });
            fs.push((i, x));
        }
        fs.sort_by_key(|&(i, _)| i);
        fs.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 += b.1;
                true
            } else {
                false
            }
        });
        self.examples.push(Example {
            features: fs,
            label,
            fold,
        });
    }
}

/// How to fit.
#[derive(Debug, Clone)]
pub struct Settings {
    pub classes: usize,
    /// the L2 penalty on every weight but the bias's
    pub l2: f64,
    /// per-namespace multipliers of `l2` ("word" -> 4.0 holds word weights back)
    pub l2_scale: Vec<(String, f64)>,
    /// a feature must occur in this many training examples to get a weight
    pub min_count: usize,
    pub max_iterations: usize,
    /// per-class weight of an example's loss (1.0 each for none)
    pub class_weights: Vec<f64>,
    /// weights a feature starts from and is pulled back to instead of zero:
    /// what the grammar already says ("rules:disputed" counts for disputed),
    /// so that the data moves it only as far as the data shows
    pub prior: Vec<(String, Vec<f64>)>,
}

impl Settings {
    pub fn describe(&self) -> BTreeMap<String, serde_json::Value> {
        let mut m = BTreeMap::new();
        m.insert("l2".into(), self.l2.into());
        m.insert(
            "l2_scale".into(),
            serde_json::Value::Object(self.l2_scale.iter().map(|(k, v)| (k.clone(), (*v).into())).collect()),
        );
        m.insert("min_count".into(), self.min_count.into());
        m.insert("max_iterations".into(), self.max_iterations.into());
        m.insert("class_weights".into(), self.class_weights.clone().into());
        m.insert(
            "prior".into(),
            serde_json::Value::Object(self.prior.iter().map(|(k, v)| (k.clone(), v.clone().into())).collect()),
        );
        m
    }
    fn l2_of(&self, name: &str) -> f64 {
        if name == "bias" {
            return 0.0;
        }
        let ns = name.split(':').next().unwrap_or(name);
        self.l2 * self.l2_scale.iter().find(|(n, _)| n == ns).map_or(1.0, |(_, s)| *s)
    }
}

/// Weights fitted on some of a dataset's examples.
#[derive(Debug, Clone)]
pub struct Fitted {
    pub classes: usize,
    /// feature index -> its weights (zero for features that were not kept)
    pub weights: Vec<f64>,
    pub iterations: usize,
    pub loss: f64,
}

impl Fitted {
    /// The class scores of an example (before the softmax).
    pub fn scores(&self, ex: &Example) -> Vec<f64> {
        let k = self.classes;
        let mut s = vec![0.0; k];
        for &(i, x) in &ex.features {
            let w = &self.weights[i as usize * k..i as usize * k + k];
            for c in 0..k {
                s[c] += w[c] * x as f64;
            }
        }
        s
    }

    /// The model file: features with a non-zero weight, rounded.
    pub fn to_file(
        &self,
        data: &Dataset,
        task: &str,
        classes: &[&str],
        trained_on: &str,
        settings: &Settings,
    ) -> ModelFile {
        let k = self.classes;
        let mut weights = BTreeMap::new();
        for (i, name) in data.names.iter().enumerate() {
            let w: Vec<f64> = self.weights[i * k..i * k + k]
                .iter()
                .map(|x| (x * 1e4).round() / 1e4)
                .collect();
            if w.iter().any(|x| *x != 0.0) {
                weights.insert(name.clone(), w);
            }
        }
        ModelFile {
            format: FORMAT.to_string(),
            task: task.to_string(),
            classes: classes.iter().map(|s| s.to_string()).collect(),
            trained_on: trained_on.to_string(),
            settings: settings.describe(),
            evaluation: BTreeMap::new(),
            temperature: 1.0,
            weights,
        }
    }
}

/// Fit on the examples `take` selects.
pub fn fit(data: &Dataset, settings: &Settings, take: impl Fn(&Example) -> bool) -> Fitted {
    let k = settings.classes;
    let nf = data.names.len();
    let train: Vec<&Example> = data.examples.iter().filter(|e| take(e)).collect();
    // features seen too rarely in the training part stay at zero
    let mut count = vec![0usize; nf];
    for e in &train {
        for &(i, _) in &e.features {
            count[i as usize] += 1;
        }
    }
    let mut prior = vec![0.0; nf * k];
    let mut anchored = vec![false; nf];
    for (name, w) in &settings.prior {
        if let Some(i) = data.names.iter().position(|n| n == name) {
            prior[i * k..i * k + k].copy_from_slice(&w[..k]);
            anchored[i] = true;
        }
    }
    let kept: Vec<bool> = (0..nf)
        .map(|i| data.names[i] == "bias" || anchored[i] || count[i] >= settings.min_count.max(1))
        .collect();
    let l2: Vec<f64> = data.names.iter().map(|n| settings.l2_of(n)).collect();
    let cw = |c: usize| settings.class_weights.get(c).copied().unwrap_or(1.0);
    let norm: f64 = train.iter().map(|e| cw(e.label)).sum::<f64>().max(1.0);

    // the objective and its gradient over all weights (features x classes)
    let objective = |w: &[f64], grad: &mut [f64]| -> f64 {
        grad.iter_mut().for_each(|g| *g = 0.0);
        let mut loss = 0.0;
        let mut s = vec![0.0; k];
        for e in &train {
            s.iter_mut().for_each(|x| *x = 0.0);
            for &(i, x) in &e.features {
                if kept[i as usize] {
                    let wi = &w[i as usize * k..i as usize * k + k];
                    for c in 0..k {
                        s[c] += wi[c] * x as f64;
                    }
                }
            }
            let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let z: f64 = s.iter().map(|v| (v - max).exp()).sum();
            let weight = cw(e.label) / norm;
            loss -= weight * (s[e.label] - max - z.ln());
            for c in 0..k {
                let p = (s[c] - max).exp() / z;
                let d = weight * (p - if c == e.label { 1.0 } else { 0.0 });
                for &(i, x) in &e.features {
                    if kept[i as usize] {
                        grad[i as usize * k + c] += d * x as f64;
                    }
                }
            }
        }
        for i in 0..nf {
            if !kept[i] || l2[i] == 0.0 {
                continue;
            }
            for c in 0..k {
                let d = w[i * k + c] - prior[i * k + c];
                loss += 0.5 * l2[i] * d * d;
                grad[i * k + c] += l2[i] * d;
            }
        }
        loss
    };
    let mut w = prior.clone();
    let (iterations, loss) = lbfgs(&mut w, objective, settings.max_iterations);
    Fitted {
        classes: k,
        weights: w,
        iterations,
        loss,
    }
}

/// Minimise `f` from `x` with L-BFGS (memory 10) and a backtracking line
/// search; returns the iterations taken and the final value.
fn lbfgs(x: &mut [f64], mut f: impl FnMut(&[f64], &mut [f64]) -> f64, max_iterations: usize) -> (usize, f64) {
    const MEMORY: usize = 10;
    let n = x.len();
    let mut g = vec![0.0; n];
    let mut fx = f(x, &mut g);
    let mut s_hist: Vec<Vec<f64>> = Vec::new();
    let mut y_hist: Vec<Vec<f64>> = Vec::new();
    let mut rho: Vec<f64> = Vec::new();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let mut x_new = vec![0.0; n];
    let mut g_new = vec![0.0; n];
    let mut it = 0;
    while it < max_iterations {
        it += 1;
        let gnorm = dot(&g, &g).sqrt();
        if gnorm < 1e-7 {
            break;
        }
        // two-loop recursion: d = -H g
        let mut d: Vec<f64> = g.iter().map(|v| -v).collect();
        let m = s_hist.len();
        let mut alpha = vec![0.0; m];
        for j in (0..m).rev() {
            alpha[j] = rho[j] * dot(&s_hist[j], &d);
            for (di, yi) in d.iter_mut().zip(&y_hist[j]) {
                *di -= alpha[j] * yi;
            }
        }
        let gamma = if m > 0 {
            dot(&s_hist[m - 1], &y_hist[m - 1]) / dot(&y_hist[m - 1], &y_hist[m - 1])
        } else {
            1.0 / gnorm.max(1.0)
        };
        d.iter_mut().for_each(|v| *v *= gamma);
        for j in 0..m {
            let beta = rho[j] * dot(&y_hist[j], &d);
            for (di, si) in d.iter_mut().zip(&s_hist[j]) {
                *di += (alpha[j] - beta) * si;
            }
        }
        let mut slope = dot(&g, &d);
        if slope >= 0.0 {
            // not a descent direction: restart from the gradient
            d = g.iter().map(|v| -v).collect();
            slope = dot(&g, &d);
            s_hist.clear();
            y_hist.clear();
            rho.clear();
        }
        // backtracking (Armijo)
        let mut step = 1.0;
        let mut f_new;
        loop {
            for i in 0..n {
                x_new[i] = x[i] + step * d[i];
            }
            f_new = f(&x_new, &mut g_new);
            if f_new <= fx + 1e-4 * step * slope || step < 1e-10 {
                break;
            }
            step *= 0.5;
        }
        let s: Vec<f64> = (0..n).map(|i| x_new[i] - x[i]).collect();
        let y: Vec<f64> = (0..n).map(|i| g_new[i] - g[i]).collect();
        let sy = dot(&s, &y);
        x.copy_from_slice(&x_new);
        g.copy_from_slice(&g_new);
        let done = (fx - f_new).abs() < 1e-10 * fx.abs().max(1.0);
        fx = f_new;
        if sy > 1e-12 {
            if s_hist.len() == MEMORY {
                s_hist.remove(0);
                y_hist.remove(0);
                rho.remove(0);
            }
            s_hist.push(s);
            y_hist.push(y);
            rho.push(1.0 / sy);
        }
        if done {
            break;
        }
    }
    (it, fx)
}

/// Softmax of scores over a temperature, in f64 (for training-side measures).
pub fn probabilities(scores: &[f64], temperature: f64) -> Vec<f64> {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = scores.iter().map(|s| ((s - max) / temperature).exp()).collect();
    let z: f64 = e.iter().sum();
    e.iter().map(|v| v / z).collect()
}

/// The temperature that minimises the log loss of held-out scores (a golden
/// section search on [0.25, 4]).
pub fn fit_temperature(held_out: &[(Vec<f64>, usize)]) -> f64 {
    let nll = |t: f64| -> f64 {
        held_out
            .iter()
            .map(|(s, y)| -probabilities(s, t)[*y].max(1e-12).ln())
            .sum()
    };
    let (mut a, mut b) = (0.25f64, 4.0f64);
    let phi = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..60 {
        let c = b - phi * (b - a);
        let d = a + phi * (b - a);
        if nll(c) < nll(d) {
            b = d;
        } else {
            a = c;
        }
    }
    ((a + b) / 2.0 * 1e4).round() / 1e4
}

/// Expected calibration error of the top class over `bins` equal-width bins.
pub fn expected_calibration_error(predictions: &[(Vec<f64>, usize)], bins: usize) -> f64 {
    let mut conf = vec![0.0; bins];
    let mut correct = vec![0.0; bins];
    let mut count = vec![0usize; bins];
    for (p, y) in predictions {
        let (best, &pmax) = p
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .expect("at least one class");
        let bin = ((pmax * bins as f64) as usize).min(bins - 1);
        conf[bin] += pmax;
        correct[bin] += if best == *y { 1.0 } else { 0.0 };
        count[bin] += 1;
    }
    let n = predictions.len().max(1) as f64;
    (0..bins)
        .filter(|&b| count[b] > 0)
        .map(|b| (count[b] as f64 / n) * ((conf[b] - correct[b]) / count[b] as f64).abs())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Dataset {
        // class 0 when "a" is on, class 1 when "b" is on, class 2 when both
        let mut d = Dataset::default();
        for i in 0..60 {
            let (fs, y): (Vec<&str>, usize) = match i % 3 {
                0 => (vec!["a"], 0),
                1 => (vec!["b"], 1),
                _ => (vec!["a", "b", "both"], 2),
            };
            let mut named: Vec<(String, f32)> = fs.into_iter().map(|f| (f.to_string(), 1.0)).collect();
            named.push(("bias".into(), 1.0));
            d.push(named, y, i % 5);
        }
        d
    }

    fn settings() -> Settings {
        Settings {
            classes: 3,
            l2: 0.01,
            l2_scale: vec![],
            min_count: 1,
            max_iterations: 200,
            class_weights: vec![],
            prior: vec![],
        }
    }

    #[test]
    fn it_learns_a_separable_toy_problem() {
        let d = toy();
        let m = fit(&d, &settings(), |_| true);
        for e in &d.examples {
            let s = m.scores(e);
            let best = (0..3).max_by(|&a, &b| s[a].total_cmp(&s[b])).unwrap();
            assert_eq!(best, e.label);
        }
    }

    #[test]
    fn the_same_data_gives_the_same_weights() {
        let d = toy();
        let a = fit(&d, &settings(), |e| e.fold != 0);
        let b = fit(&d, &settings(), |e| e.fold != 0);
        assert_eq!(a.weights, b.weights);
    }

    #[test]
    fn rare_features_and_held_out_folds_get_no_weight() {
        let mut d = toy();
        d.push(vec![("rare".to_string(), 1.0), ("bias".to_string(), 1.0)], 1, 0);
        let mut s = settings();
        s.min_count = 2;
        let m = fit(&d, &s, |_| true);
        let rare = d.names.iter().position(|n| n == "rare").unwrap();
        assert!(m.weights[rare * 3..rare * 3 + 3].iter().all(|w| *w == 0.0));
    }

    #[test]
    fn a_prior_holds_a_weight_the_data_cannot_see() {
        let mut d = toy();
        // "rare" is seen once; with a prior toward class 1 it keeps that pull
        d.push(vec![("rare".to_string(), 1.0), ("bias".to_string(), 1.0)], 0, 0);
        let mut s = settings();
        s.min_count = 5;
        s.prior = vec![("rare".into(), vec![0.0, 2.0, 0.0])];
        let m = fit(&d, &s, |_| true);
        let rare = d.names.iter().position(|n| n == "rare").unwrap();
        let w = &m.weights[rare * 3..rare * 3 + 3];
        assert!(w[1] > w[0] && w[1] > 1.0, "{w:?}");
    }

    #[test]
    fn calibration_measures() {
        let good = vec![(vec![0.9, 0.1], 0), (vec![0.1, 0.9], 1)];
        assert!(expected_calibration_error(&good, 10) < 0.11);
        let overconfident = vec![(vec![0.99, 0.01], 1), (vec![0.99, 0.01], 0)];
        assert!(expected_calibration_error(&overconfident, 10) > 0.4);
        // scores that are too sharp get a temperature above 1
        let sharp: Vec<(Vec<f64>, usize)> = (0..20).map(|i| (vec![5.0, 0.0], usize::from(i % 3 == 0))).collect();
        assert!(fit_temperature(&sharp) > 1.0);
    }
}
