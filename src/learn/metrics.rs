//! Measures of a classifier: a confusion matrix and what is read off it.

use std::fmt::Write;

/// Counts of (gold, predicted) class pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct Confusion {
    pub classes: Vec<String>,
    /// `counts[gold][predicted]`
    pub counts: Vec<Vec<usize>>,
}

impl Confusion {
    pub fn new(classes: &[&str]) -> Confusion {
        Confusion {
            classes: classes.iter().map(|s| s.to_string()).collect(),
            counts: vec![vec![0; classes.len()]; classes.len()],
        }
    }

    pub fn add(&mut self, gold: usize, predicted: usize) {
        self.counts[gold][predicted] += 1;
    }

    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    pub fn accuracy(&self) -> f64 {
        let right: usize = (0..self.classes.len()).map(|c| self.counts[c][c]).sum();
        right as f64 / self.total().max(1) as f64
    }

    /// Of the examples whose gold class is `c`, the share predicted `c`.
    pub fn recall(&self, c: usize) -> f64 {
        let gold: usize = self.counts[c].iter().sum();
        self.counts[c][c] as f64 / gold.max(1) as f64
    }

    /// Of the examples predicted `c`, the share whose gold class is `c`.
    pub fn precision(&self, c: usize) -> f64 {
        let predicted: usize = self.counts.iter().map(|row| row[c]).sum();
        self.counts[c][c] as f64 / predicted.max(1) as f64
    }

    pub fn f1(&self, c: usize) -> f64 {
        let (p, r) = (self.precision(c), self.recall(c));
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    pub fn macro_f1(&self) -> f64 {
        (0..self.classes.len()).map(|c| self.f1(c)).sum::<f64>() / self.classes.len() as f64
    }

    /// The matrix as text, gold down, predicted across.
    pub fn table(&self) -> String {
        let w = self.classes.iter().map(String::len).max().unwrap_or(4).max(9);
        let mut s = format!("{:>w$}", "gold \\ predicted");
        for c in &self.classes {
            let _ = write!(s, " {c:>w$}");
        }
        let _ = writeln!(s, " {:>8}", "recall");
        for (g, row) in self.counts.iter().enumerate() {
            let _ = write!(s, "{:>w$}", self.classes[g], w = w.max(16));
            for n in row {
                let _ = write!(s, " {n:>w$}");
            }
            let _ = writeln!(s, " {:>8.3}", self.recall(g));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_from_counts() {
        let mut m = Confusion::new(&["a", "b"]);
        for (g, p) in [(0, 0), (0, 0), (0, 1), (1, 1)] {
            m.add(g, p);
        }
        assert_eq!(m.total(), 4);
        assert!((m.accuracy() - 0.75).abs() < 1e-9);
        assert!((m.recall(0) - 2.0 / 3.0).abs() < 1e-9);
        assert!((m.precision(1) - 0.5).abs() < 1e-9);
        assert!(m.table().contains("recall"));
    }
}
