//! A quote that a confirming cue opened and that runs on into later sentences
//! is the holder's speech: the rules' verdict makes those sentences alleged, as
//! the spec rules for continued quotes, while the cue's own sentence stays
//! confirmed (`rules_verdict` in src/score/features.rs).

use serde_json::Value;
use std::process::{Command, Stdio};

fn annotate_json(text: &str) -> Value {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sayso"))
        .args(["annotate", "--format", "json", "-"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sayso runs");
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().expect("sayso finishes");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

/// The `rules:<verdict>` feature among a statement's evidence.
fn rules_verdict(st: &Value) -> String {
    (st["evidence"].as_array().unwrap().iter())
        .filter_map(|e| e["feature"].as_str())
        .find_map(|f| f.strip_prefix("rules:"))
        .unwrap_or_else(|| panic!("no rules feature: {st}"))
        .to_string()
}

#[test]
fn a_quote_continuing_a_confirming_cue_is_alleged() {
    let docs = annotate_json(
        "The harbour master acknowledged on Monday that the ferry had run aground. \
         “We lost the boat for a week. Nobody on board was hurt, and the crew did well.”\n",
    );
    let statements = docs[0]["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 3, "{docs}");
    // the confirming cue's own content
    assert_eq!(rules_verdict(&statements[0]), "confirmed", "{}", statements[0]);
    assert_eq!(statements[0]["verdict"], "confirmed", "{}", statements[0]);
    // the quote after it is the holder's speech
    for st in &statements[1..] {
        let continued = (st["evidence"].as_array().unwrap().iter())
            .any(|e| e["feature"].as_str().unwrap().starts_with("continued:confirm"));
        assert!(continued, "the quote continues the acknowledgement: {st}");
        assert_eq!(rules_verdict(st), "alleged", "{st}");
        assert_eq!(st["verdict"], "alleged", "{st}");
    }
}
