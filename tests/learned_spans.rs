//! The learned content ends as a user meets them: a content that the rules run
//! to the sentence end stops at a clause boundary, `--explain` says which
//! features chose it, `--grammar-only` keeps the rules' end, and `sayso train
//! spans` is deterministic. The articles here are written for these tests.

mod common;

use common::{root, run, sayso, write};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const ARTICLE: &str = "The union criticized the budget, arguing that it relied on old figures.\n";

/// The text of every content of a JSON Lines document.
fn contents(jsonl: &str, text: &str) -> Vec<String> {
    let doc: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    let mut out = Vec::new();
    for st in doc["statements"].as_array().unwrap() {
        for a in st["attributions"].as_array().unwrap() {
            let s = a["content"]["span"].as_array().unwrap();
            let (s, e) = (s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize);
            out.push(text[s..e].to_string());
        }
    }
    out
}

#[test]
fn a_content_stops_at_the_clause_boundary_and_grammar_only_keeps_the_rules_end() {
    let tmp = TempDir::new().unwrap();
    let article = write(tmp.path(), "a.txt", ARTICLE);
    let (code, out, err) = run(sayso().args(["annotate", "--format", "jsonl"]).arg(&article));
    assert_eq!(code, 0, "{err}");
    // the criticism's content stops before the participle that opens a second attribution
    assert_eq!(
        contents(&out, ARTICLE),
        ["the budget", "that it relied on old figures."]
    );
    let (code, out, err) = run(sayso()
        .args(["--grammar-only", "annotate", "--format", "jsonl"])
        .arg(&article));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        contents(&out, ARTICLE),
        [
            "the budget, arguing that it relied on old figures.",
            "that it relied on old figures."
        ]
    );
}

#[test]
fn explain_names_the_features_that_chose_a_content_end() {
    let tmp = TempDir::new().unwrap();
    let article = write(tmp.path(), "a.txt", ARTICLE);
    let (code, out, err) = run(sayso()
        .args(["annotate", "--explain", "--color", "never"])
        .arg(&article));
    assert_eq!(code, 0, "{err}");
    let line = out
        .lines()
        .find(|l| l.contains("learned content end (comma)"))
        .unwrap_or_else(|| panic!("no learned content end explained:\n{out}"));
    assert!(line.contains("kind-next-class:comma_cue-word"), "{line}");
    assert!(line.contains("the rules' end"), "{line}");
}

/// A PolNeAR-shaped gold file over articles written here: each content stops
/// before ", but", which the rules run past.
fn write_polnear(dir: &Path) -> PathBuf {
    let mut gold = String::new();
    let owners = [
        "The senator",
        "The mayor",
        "A council member",
        "The governor",
        "Her rival",
    ];
    for a in 0..15 {
        let who = owners[a % owners.len()];
        let said = format!("{who} said ");
        let content = format!("the harbor plan would cost {a} million dollars");
        let text = format!("{said}{content}, but the council has not voted on it.\n");
        let cue_start = who.len() + 1;
        gold.push_str(&format!(
            "{{\"doc\": \"text/a{a}.txt\", \"attributions\": [{{\"id\": \"E1\", \"type\": \"Attribution\", \
             \"source\": [[0, {}]], \"cue\": [[{cue_start}, {}]], \"content\": [[{}, {}]]}}]}}\n",
            who.len(),
            cue_start + 4,
            said.len(),
            said.len() + content.len()
        ));
        write(dir, &format!("text/a{a}.txt"), &text);
    }
    write(dir, "gold.jsonl", &gold)
}

#[test]
fn training_the_span_model_twice_writes_the_same_bytes_and_the_model_loads() {
    let tmp = TempDir::new().unwrap();
    let gold = write_polnear(tmp.path());
    let train = |out: &Path| {
        let (code, stdout, stderr) = run(sayso()
            .args(["train", "spans", "--gold"])
            .arg(&gold)
            .arg("--out")
            .arg(out));
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("15 paired attributions"), "{stdout}");
        fs::read_to_string(out.join("span.json")).unwrap()
    };
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    let first = train(&one);
    assert_eq!(first, train(&two), "training is not deterministic");
    let model: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(model["task"], "span");
    assert!(model["weights"].get("kind-next:comma_but").is_some(), "{first}");
    // the model loads with --models (next to the built-in verdict and source models) and cuts
    for name in ["verdict.json", "source.json"] {
        fs::copy(root().join("models").join(name), one.join(name)).unwrap();
    }
    let text =
        "The treasurer said the harbor plan would cost 40 million dollars, but the council has not voted on it.\n";
    let article = write(tmp.path(), "b.txt", text);
    let (code, out, err) = run(sayso()
        .arg("--models")
        .arg(&one)
        .args(["annotate", "--format", "jsonl"])
        .arg(&article));
    assert_eq!(code, 0, "{err}");
    assert_eq!(contents(&out, text), ["the harbor plan would cost 40 million dollars"]);
}
