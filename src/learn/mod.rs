//! Learned decisions: small linear models over named features.
//!
//! The grammar finds evidence (cues with their stance, hedges, markers,
//! holders); a model weighs it into a decision. A model is a versioned JSON
//! file (`models/*.json`) holding one weight per feature and class, embedded in
//! the binary and trained by `sayso train` (see `docs/verdicts.md`).
//!
//! A feature has a name, `namespace:value` ("stance:deny", "word:hoax"). At
//! prediction time names are never built: a feature is hashed from its
//! namespace and its value's bytes (ASCII-lowercased as they are hashed), so
//! the text of a word is looked up without allocating.

pub mod folds;
pub mod keys;
pub mod metrics;
pub mod train;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The format tag every model file carries; bump it when the meaning of a
/// file changes.
pub const FORMAT: &str = "sayso-linear/1";

/// FNV-1a, byte by byte: a name hashes the same whether it is given whole or
/// as a namespace and a value, and a value hashes the same in any case.
#[derive(Clone, Copy)]
pub struct KeyHasher(u64);

impl KeyHasher {
    pub fn new(namespace: &str) -> KeyHasher {
        KeyHasher(KeyHasher::seed(namespace))
    }
    /// The state after `namespace` and its colon: what `new` starts from,
    /// computable at compile time so that a hot loop hashes only the values.
    pub const fn seed(namespace: &str) -> u64 {
        let b = namespace.as_bytes();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut i = 0;
        while i < b.len() {
            h ^= b[i].to_ascii_lowercase() as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
            i += 1;
        }
        h ^= b':' as u64;
        h.wrapping_mul(0x0100_0000_01b3)
    }
    /// A hasher that goes on from a `seed`.
    #[inline]
    pub const fn from_seed(seed: u64) -> KeyHasher {
        KeyHasher(seed)
    }
    #[inline]
    fn byte(&mut self, b: u8) {
        self.0 ^= b as u64;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }
    /// Add value bytes, lowered to ASCII lower case.
    #[inline]
    pub fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b.to_ascii_lowercase());
        }
    }
    pub fn finish(self) -> u64 {
        self.0
    }
}

/// The key of a whole feature name ("stance:deny").
pub fn key_of_name(name: &str) -> u64 {
    let (ns, value) = name.split_once(':').unwrap_or((name, ""));
    let mut h = KeyHasher::new(ns);
    h.bytes(value.as_bytes());
    h.finish()
}

/// A model file as stored: everything a reader needs to know what it is.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelFile {
    pub format: String,
    /// what it decides ("verdict", "source")
    pub task: String,
    pub classes: Vec<String>,
    /// the data it was fitted to, in words
    pub trained_on: String,
    /// the trainer's settings, so that a rerun can be checked
    pub settings: BTreeMap<String, serde_json::Value>,
    /// cross-validated measurements taken when it was trained
    #[serde(default)]
    pub evaluation: BTreeMap<String, serde_json::Value>,
    /// divides the scores before the softmax (fitted on held-out folds)
    pub temperature: f64,
    /// feature name -> one weight per class
    pub weights: BTreeMap<String, Vec<f64>>,
}

/// A linear softmax model ready for prediction.
#[derive(Debug, Clone)]
pub struct Model {
    pub file: ModelFile,
    weights: FxHashMap<u64, Box<[f32]>>,
}

/// Why a model file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a model file: {0}")]
    Json(#[from] serde_json::Error),
    #[error("model format '{found}' is not '{FORMAT}': retrain it with `sayso train`")]
    Format { found: String },
    #[error("model '{task}': feature '{name}' has {got} weights for {want} classes")]
    Shape {
        task: String,
        name: String,
        got: usize,
        want: usize,
    },
    #[error("model is for '{found}', expected '{want}'")]
    Task { found: String, want: String },
}

impl Model {
    pub fn from_file(file: ModelFile) -> Result<Model, ModelError> {
        if file.format != FORMAT {
            return Err(ModelError::Format { found: file.format });
        }
        let k = file.classes.len();
        let mut weights = FxHashMap::default();
        weights.reserve(file.weights.len());
        for (name, w) in &file.weights {
            if w.len() != k {
                return Err(ModelError::Shape {
                    task: file.task.clone(),
                    name: name.clone(),
                    got: w.len(),
                    want: k,
                });
            }
            weights.insert(key_of_name(name), w.iter().map(|&x| x as f32).collect());
        }
        Ok(Model { file, weights })
    }

    pub fn from_json(json: &str) -> Result<Model, ModelError> {
        Model::from_file(serde_json::from_str(json)?)
    }

    /// Check that a model decides `task` with these classes, in this order.
    pub fn expect(self, task: &str, classes: &[&str]) -> Result<Model, ModelError> {
        if self.file.task != task || self.file.classes.iter().map(String::as_str).ne(classes.iter().copied()) {
            return Err(ModelError::Task {
                found: format!("{} {:?}", self.file.task, self.file.classes),
                want: format!("{task} {classes:?}"),
            });
        }
        Ok(self)
    }

    pub fn classes(&self) -> usize {
        self.file.classes.len()
    }

    /// The weights of one feature, if the model knows it.
    #[inline]
    pub fn weights(&self, key: u64) -> Option<&[f32]> {
        self.weights.get(&key).map(|w| &**w)
    }

    /// Every feature key with its weights (in no particular order).
    pub fn keyed_weights(&self) -> impl Iterator<Item = (u64, &[f32])> {
        self.weights.iter().map(|(&k, w)| (k, &**w))
    }

    /// Class probabilities from summed scores (temperature, then softmax).
    pub fn probabilities<const K: usize>(&self, scores: [f32; K]) -> [f32; K] {
        softmax(scores, self.file.temperature as f32)
    }
}

/// A softmax over `scores / temperature`.
pub fn softmax<const K: usize>(scores: [f32; K], temperature: f32) -> [f32; K] {
    let t = if temperature > 0.0 { temperature } else { 1.0 };
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut p = scores.map(|s| ((s - max) / t).exp());
    let sum: f32 = p.iter().sum();
    for x in &mut p {
        *x /= sum;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_and_its_parts_hash_alike_in_any_case() {
        let mut h = KeyHasher::new("word");
        h.bytes(b"HoAx");
        assert_eq!(h.finish(), key_of_name("word:hoax"));
        assert_ne!(key_of_name("word:hoax"), key_of_name("cue:hoax"));
        // the value may hold colons of its own
        let mut h = KeyHasher::new("stance");
        h.bytes(b"deny:negated");
        assert_eq!(h.finish(), key_of_name("stance:deny:negated"));
    }

    #[test]
    fn softmax_sums_to_one_and_temperature_flattens() {
        let p = softmax([2.0, 0.0, -1.0], 1.0);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        let q = softmax([2.0, 0.0, -1.0], 3.0);
        assert!(q[0] < p[0] && q[2] > p[2]);
    }

    #[test]
    fn a_model_file_is_checked() {
        let json = r#"{"format":"sayso-linear/1","task":"t","classes":["a","b"],"trained_on":"x",
            "settings":{},"temperature":1.0,"weights":{"bias":[0.5,-0.5],"word:x":[1.0,0.0]}}"#;
        let m = Model::from_json(json).unwrap();
        assert_eq!(m.weights(key_of_name("word:X")), Some(&[1.0f32, 0.0][..]));
        assert!(m.clone().expect("t", &["a", "b"]).is_ok());
        assert!(m.expect("t", &["b", "a"]).is_err());
        let bad = json.replace("[1.0,0.0]", "[1.0]");
        assert!(matches!(Model::from_json(&bad), Err(ModelError::Shape { .. })));
        let old = json.replace("sayso-linear/1", "sayso-linear/0");
        assert!(matches!(Model::from_json(&old), Err(ModelError::Format { .. })));
    }
}
