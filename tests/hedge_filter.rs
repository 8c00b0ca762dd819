//! The learned hedge filter (`score::hedges`): it decides only the hits of
//! `filter: learned` rules, drops or keeps them as its model says, and
//! explains itself. The sentences are written for these tests.

use sayso::analysis::Analyzer;
use sayso::grammar::Grammar;
use sayso::learn::Model;
use sayso::model::{Analysis, HedgeKind};
use sayso::score::Models;
use std::sync::Arc;

/// An analyser whose hedge filter is this model (weights by feature name).
fn with_filter(weights: &str, threshold: f64) -> Analyzer {
    let json = format!(
        r#"{{"format":"sayso-linear/1","task":"hedge","classes":["certain","uncertain"],
            "trained_on":"test","settings":{{"threshold":{threshold}}},"temperature":1.0,
            "weights":{{{weights}}}}}"#
    );
    let hedge = Model::from_json(&json).unwrap();
    let models = Models {
        hedge: Some(hedge),
        ..(*Models::builtin()).clone()
    };
    Analyzer::with_models(Grammar::builtin(), Arc::new(models))
}

fn hedges(a: &Analysis) -> Vec<(String, HedgeKind)> {
    a.statements
        .iter()
        .flat_map(|s| &s.hedges)
        .map(|h| (h.rule.to_string(), h.kind))
        .collect()
}

const VAGUE: &str = "Many of the farms closed after the flood.";
const FLOOR: &str = "The fire may have started in the kitchen.";

#[test]
fn a_model_that_says_certain_drops_candidates_only() {
    let an = with_filter(r#""bias": [2.0, -2.0]"#, 0.5);
    let a = an.analyze_text(VAGUE);
    assert!(hedges(&a).is_empty(), "{:?}", hedges(&a));
    let f = a.statements[0].hedge_filter.as_ref().expect("the filter ran");
    assert!(f.probability < 0.5);
    assert_eq!(f.dropped.len(), 1);
    assert_eq!(f.dropped[0].kind, HedgeKind::Vague);
    // a perfect settles the epistemic sense: no candidate, always reported
    let a = an.analyze_text(FLOOR);
    assert_eq!(hedges(&a), vec![("epistemic-may".to_string(), HedgeKind::Modal)]);
    assert!(a.statements[0].hedge_filter.is_none());
}

#[test]
fn a_model_that_says_uncertain_keeps_them_and_explains_why() {
    let an = with_filter(
        r#""bias": [0.0, 0.5], "hedge-kind:vague": [0.0, 1.0], "hedge-at:start": [0.0, 0.25]"#,
        0.5,
    );
    let a = an.analyze_text(VAGUE);
    assert_eq!(hedges(&a).len(), 1);
    let f = a.statements[0].hedge_filter.as_ref().expect("the filter ran");
    assert!(f.probability > 0.8, "{}", f.probability);
    let names: Vec<String> = (f.evidence.iter())
        .map(|e| sayso::score::hedges::name(VAGUE, e.feature))
        .collect();
    assert_eq!(names, ["hedge-kind:vague", "bias", "hedge-at:start"]);
    // vagueness moves no verdict
    assert_eq!(a.statements[0].verdict, sayso::model::Verdict::Confirmed);
}

#[test]
fn a_statement_without_candidates_is_left_alone() {
    let an = with_filter(r#""bias": [2.0, -2.0]"#, 0.5);
    let a = an.analyze_text("The ferry left at noon.");
    assert!(a.statements[0].hedge_filter.is_none());
}

#[test]
fn the_builtin_filter_explains_itself_in_json_and_in_the_terminal() {
    let dir = std::env::temp_dir().join(format!("sayso-hedge-filter-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.txt");
    std::fs::write(&file, format!("{VAGUE} {FLOOR}\n")).unwrap();
    let bin = env!("CARGO_BIN_EXE_sayso");
    let out = std::process::Command::new(bin)
        .args(["annotate", "--format", "jsonl"])
        .arg(&file)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let st = &doc["statements"][0];
    let f = &st["hedge_filter"];
    assert!(f["probability"].is_number() && f["threshold"].is_number(), "{st}");
    assert!(f["evidence"].as_array().is_some_and(|e| !e.is_empty()), "{st}");
    assert!(doc["statements"][1].get("hedge_filter").is_none());
    let out = std::process::Command::new(bin)
        .args(["annotate", "--explain", "--color", "never"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("hedges  kept") || text.contains("hedges  dropped"),
        "{text}"
    );
    assert!(text.contains("hedge-kind:vague"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
