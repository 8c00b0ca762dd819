//! The decision models: verdict and source kind, the hedge filter and the
//! cue detector, the content-end and holder-boundary choosers. The built-in
//! ones are `models/verdict.json`, `models/source.json`, `models/hedge.json`,
//! `models/cue.json`, `models/span.json` and `models/holder.json`, embedded in
//! the binary; `--models DIR` reads retrained ones instead (a folder without
//! `hedge.json`, `cue.json`, `span.json` or `holder.json` keeps the built-in one).

use crate::learn::{Model, ModelError};
use crate::matcher::learned_cues::{self, CueModel};
use crate::matcher::learned_holders::{self, HolderModel};
use crate::matcher::learned_spans::{self, SpanModel};
use std::path::Path;
use std::sync::{Arc, OnceLock};

pub const VERDICT_CLASSES: [&str; 3] = ["confirmed", "alleged", "disputed"];
pub const SOURCE_CLASSES: [&str; 3] = ["none", "named", "unnamed"];

const VERDICT_JSON: &str = include_str!("../../models/verdict.json");
const SOURCE_JSON: &str = include_str!("../../models/source.json");
const HEDGE_JSON: &str = include_str!("../../models/hedge.json");
const CUE_JSON: &str = include_str!("../../models/cue.json");
const SPAN_JSON: &str = include_str!("../../models/span.json");
const HOLDER_JSON: &str = include_str!("../../models/holder.json");

/// The models a statement's decisions are made with.
#[derive(Debug, Clone)]
pub struct Models {
    pub verdict: Model,
    pub source: Model,
    /// which candidate hedges are reported (`score::hedges`); `None` reports all
    pub hedge: Option<Model>,
    /// the learned cue detector the matcher runs after the grammar
    /// (`matcher::learned_cues`); `None` finds the grammar's cues alone
    pub cue: Option<Arc<CueModel>>,
    /// the learned chooser of content ends the matcher runs after its passes
    /// (`matcher::learned_spans`); `None` keeps the rules' ends
    pub span: Option<Arc<SpanModel>>,
    /// the learned chooser of holder boundaries the matcher runs last
    /// (`matcher::learned_holders`); `None` keeps the rules' holders
    pub holder: Option<Arc<HolderModel>>,
}

/// Why models could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path}: {source}")]
    Model { path: String, source: ModelError },
}

impl Models {
    /// The built-in models, parsed once per process.
    pub fn builtin() -> Arc<Models> {
        static BUILTIN: OnceLock<Arc<Models>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let load = |json: &str, task: &str, classes: &[&str]| {
                    Model::from_json(json)
                        .and_then(|m| m.expect(task, classes))
                        .unwrap_or_else(|e| panic!("the built-in {task} model is broken: {e}"))
                };
                Arc::new(Models {
                    verdict: load(VERDICT_JSON, "verdict", &VERDICT_CLASSES),
                    source: load(SOURCE_JSON, "source", &SOURCE_CLASSES),
                    hedge: Some(load(HEDGE_JSON, "hedge", &super::hedges::CLASSES)),
                    cue: Some(Arc::new(CueModel::new(load(CUE_JSON, "cue", &learned_cues::CLASSES)))),
                    span: Some(Arc::new(SpanModel::new(load(
                        SPAN_JSON,
                        "span",
                        &learned_spans::CLASSES,
                    )))),
                    holder: Some(Arc::new(HolderModel::new(load(
                        HOLDER_JSON,
                        "holder",
                        &learned_holders::CLASSES,
                    )))),
                })
            })
            .clone()
    }

    /// Models from a folder holding `verdict.json` and `source.json` (as
    /// `sayso train` writes them).
    pub fn from_dir(dir: &Path) -> Result<Models, LoadError> {
        let load = |file: &str, task: &str, classes: &[&str]| -> Result<Model, LoadError> {
            let path = dir.join(file);
            let shown = path.display().to_string();
            let json = std::fs::read_to_string(&path).map_err(|source| LoadError::Read {
                path: shown.clone(),
                source,
            })?;
            Model::from_json(&json)
                .and_then(|m| m.expect(task, classes))
                .map_err(|source| LoadError::Model { path: shown, source })
        };
        let hedge = if dir.join("hedge.json").is_file() {
            Some(load("hedge.json", "hedge", &super::hedges::CLASSES)?)
        } else {
            Models::builtin().hedge.clone()
        };
        let cue = if dir.join("cue.json").is_file() {
            Some(Arc::new(CueModel::new(load(
                "cue.json",
                "cue",
                &learned_cues::CLASSES,
            )?)))
        } else {
            Models::builtin().cue.clone()
        };
        let span = if dir.join("span.json").is_file() {
            Some(Arc::new(SpanModel::new(load(
                "span.json",
                "span",
                &learned_spans::CLASSES,
            )?)))
        } else {
            Models::builtin().span.clone()
        };
        let holder = if dir.join("holder.json").is_file() {
            Some(Arc::new(HolderModel::new(load(
                "holder.json",
                "holder",
                &learned_holders::CLASSES,
            )?)))
        } else {
            Models::builtin().holder.clone()
        };
        Ok(Models {
            verdict: load("verdict.json", "verdict", &VERDICT_CLASSES)?,
            source: load("source.json", "source", &SOURCE_CLASSES)?,
            hedge,
            cue,
            span,
            holder,
        })
    }

    /// These models without the learned cue detector, content ends and
    /// holder boundaries: attributions from the grammar alone (`--grammar-only`).
    pub fn grammar_only(&self) -> Models {
        Models {
            cue: None,
            span: None,
            holder: None,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_models_load() {
        let m = Models::builtin();
        assert_eq!(m.verdict.classes(), 3);
        assert_eq!(m.source.classes(), 3);
        assert_eq!(m.hedge.as_ref().map(|h| h.classes()), Some(2));
    }

    #[test]
    fn a_missing_folder_is_a_clear_error() {
        let err = Models::from_dir(Path::new("/no/such/folder")).unwrap_err();
        assert!(err.to_string().contains("verdict.json"), "{err}");
    }
}
