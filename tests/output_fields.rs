//! `annotate --format jsonl` as another tool reads it: the fields docs/output.md
//! promises, whole. The article is written for this test.

use serde_json::Value;
use std::process::Command;

#[test]
fn long_statements_keep_their_whole_text_and_every_documented_field() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("long.txt");
    let clause = "and the ferry ran late again on the northern route past the old mill";
    let sentence = format!("The harbour board said the fares would rise {}.", [clause; 8].join(" "));
    std::fs::write(&path, format!("{sentence}\nThe board may meet again in June.\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sayso"))
        .args(["annotate", "--format", "jsonl", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let statements = doc["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 2);
    let first = &statements[0];
    assert!(sentence.len() > 500);
    assert_eq!(
        first["text"].as_str().unwrap(),
        sentence,
        "machine output never shortens the text"
    );
    assert_eq!(
        first["span"][1].as_u64().unwrap() - first["span"][0].as_u64().unwrap(),
        sentence.len() as u64
    );
    for field in [
        "span",
        "line",
        "column",
        "text",
        "kind",
        "verdict",
        "source",
        "confidence",
        "source_confidence",
        "probabilities",
        "evidence",
        "source_evidence",
        "attributions",
        "hedges",
        "markers",
    ] {
        assert!(first.get(field).is_some(), "missing {field}");
    }
    let p = &first["probabilities"]["verdict"];
    let total: f64 = ["confirmed", "alleged", "disputed"]
        .iter()
        .map(|c| p[c].as_f64().unwrap())
        .sum();
    assert!((total - 1.0).abs() < 0.02, "{p}");
    assert_eq!(first["verdict"], "alleged");
    let hedge = &statements[1]["hedges"][0];
    assert_eq!(
        (hedge["kind"].as_str(), hedge["text"].as_str()),
        (Some("modal"), Some("may"))
    );
}
