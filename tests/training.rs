//! `sayso train` and the learned decisions as a user meets them: training is
//! deterministic, the models it writes are the ones `--models` loads, the
//! committed models are what the command rebuilds from the gold data, and a
//! grammar extension still moves a verdict through the learned layer.
//! The articles here are written for these tests.

mod common;

use common::{root, run, sayso};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Sentences of each kind, with the labels the spec gives them.
const SENTENCES: &[(&str, &str, &str)] = &[
    ("The bridge reopened to traffic on Monday.", "confirmed", "none"),
    ("Crews repainted the railings in the spring.", "confirmed", "none"),
    ("The mayor said the repairs would finish early.", "alleged", "named"),
    (
        "Officials familiar with the plan said the cost had doubled.",
        "alleged",
        "unnamed",
    ),
    ("The contractor denied the report.", "disputed", "named"),
    ("Critics attacked the council over the delay.", "disputed", "unnamed"),
    ("The tolls may rise next year.", "alleged", "none"),
    (
        "The engineer confirmed that the cables were sound.",
        "confirmed",
        "named",
    ),
];

/// Ten small articles and a gold file labelling every sentence, laid out as the
/// real gold data is (`doc` relative to the gold file's folder).
fn write_gold(dir: &Path) -> PathBuf {
    let mut gold = String::new();
    for a in 0..10 {
        let mut text = String::new();
        for k in 0..SENTENCES.len() {
            // a different order per article, so the folds differ in what they hold
            let (sentence, verdict, source) = SENTENCES[(k * 3 + a) % SENTENCES.len()];
            let start = text.len();
            text.push_str(sentence);
            gold.push_str(&format!(
                "{{\"doc\": \"articles/a{a}.txt\", \"span\": [{start}, {}], \"verdict\": \"{verdict}\", \"source\": \"{source}\"}}\n",
                text.len()
            ));
            text.push(' ');
        }
        text.push('\n');
        let path = dir.join(format!("articles/a{a}.txt"));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let path = dir.join("gold.jsonl");
    fs::write(&path, gold).unwrap();
    path
}

fn train(gold: &Path, out: &Path) -> String {
    let (code, stdout, stderr) = run(sayso().args(["train", "--gold", s(gold), "--out", s(out)]));
    assert_eq!(code, 0, "{stderr}");
    stdout + &stderr
}

#[test]
fn training_twice_writes_the_same_bytes_and_the_models_load() {
    let tmp = TempDir::new().unwrap();
    let gold = write_gold(tmp.path());
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    let report = train(&gold, &one);
    train(&gold, &two);
    assert!(report.contains("cross-validated by article"), "{report}");
    for name in ["verdict.json", "source.json"] {
        let a = fs::read(one.join(name)).unwrap();
        assert_eq!(a, fs::read(two.join(name)).unwrap(), "{name} differs between two runs");
        let model: Value = serde_json::from_slice(&a).unwrap();
        assert_eq!(model["format"], "sayso-linear/1");
        assert!(model["weights"].as_object().is_some_and(|w| !w.is_empty()));
    }
    // the written models are the ones `--models` decides with
    let article = tmp.path().join("articles/a0.txt");
    let (code, stdout, stderr) = run(sayso().args(["--models", s(&one), "annotate", "--format", "jsonl", s(&article)]));
    assert_eq!(code, 0, "{stderr}");
    let doc: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(doc["statements"].as_array().unwrap().len(), SENTENCES.len());
}

#[test]
fn a_gold_file_with_an_unknown_label_is_a_clear_error() {
    let tmp = TempDir::new().unwrap();
    let gold = write_gold(tmp.path());
    let text = fs::read_to_string(&gold)
        .unwrap()
        .replacen("\"disputed\"", "\"contested\"", 1);
    fs::write(&gold, text).unwrap();
    let (code, _, stderr) = run(sayso().args(["train", "--dry-run", "--gold", s(&gold)]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("unknown label"), "{stderr}");
}

/// The committed models are exactly what `sayso train` builds from the gold
/// data, so anyone can rebuild and audit them. Needs `../shared/data`; without
/// it there is nothing to rebuild from, and the test says so.
#[test]
fn the_committed_models_are_what_the_train_command_rebuilds() {
    let gold = root().join("../shared/data/verdicts/train.gold.jsonl");
    if !gold.exists() {
        eprintln!("skipped: {} is not here", gold.display());
        return;
    }
    let tmp = TempDir::new().unwrap();
    // the gold path is recorded in the model as given, so give it as the docs do
    let (code, _, stderr) = run(sayso().current_dir(root()).args([
        "train",
        "--gold",
        "../shared/data/verdicts/train.gold.jsonl",
        "--out",
        s(tmp.path()),
    ]));
    assert_eq!(code, 0, "{stderr}");
    for name in ["verdict.json", "source.json"] {
        let rebuilt = fs::read_to_string(tmp.path().join(name)).unwrap();
        let committed = fs::read_to_string(root().join("models").join(name)).unwrap();
        assert!(
            rebuilt == committed,
            "models/{name} is not what `sayso train` writes: retrain and commit"
        );
    }
    let (code, _, stderr) = run(sayso()
        .current_dir(root())
        .args(["train", "hedges", "--out", s(tmp.path())]));
    assert_eq!(code, 0, "{stderr}");
    let rebuilt = fs::read_to_string(tmp.path().join("hedge.json")).unwrap();
    let committed = fs::read_to_string(root().join("models/hedge.json")).unwrap();
    assert!(
        rebuilt == committed,
        "models/hedge.json is not what `sayso train hedges` writes: retrain and commit"
    );
    let (code, _, stderr) = run(sayso()
        .current_dir(root())
        .args(["train", "cues", "--out", s(tmp.path())]));
    assert_eq!(code, 0, "{stderr}");
    let rebuilt = fs::read_to_string(tmp.path().join("cue.json")).unwrap();
    let committed = fs::read_to_string(root().join("models/cue.json")).unwrap();
    assert!(
        rebuilt == committed,
        "models/cue.json is not what `sayso train cues` writes: retrain and commit"
    );
    let (code, _, stderr) = run(sayso()
        .current_dir(root())
        .args(["train", "spans", "--out", s(tmp.path())]));
    assert_eq!(code, 0, "{stderr}");
    let rebuilt = fs::read_to_string(tmp.path().join("span.json")).unwrap();
    let committed = fs::read_to_string(root().join("models/span.json")).unwrap();
    assert!(
        rebuilt == committed,
        "models/span.json is not what `sayso train spans` writes: retrain and commit"
    );
    let (code, _, stderr) = run(sayso()
        .current_dir(root())
        .args(["train", "holders", "--out", s(tmp.path())]));
    assert_eq!(code, 0, "{stderr}");
    let rebuilt = fs::read_to_string(tmp.path().join("holder.json")).unwrap();
    let committed = fs::read_to_string(root().join("models/holder.json")).unwrap();
    assert!(
        rebuilt == committed,
        "models/holder.json is not what `sayso train holders` writes: retrain and commit"
    );
}

fn verdicts(grammar: Option<&Path>, article: &Path) -> Vec<String> {
    let mut cmd = sayso();
    if let Some(g) = grammar {
        cmd.args(["--grammar", s(g)]);
    }
    let (code, stdout, stderr) = run(cmd.args(["annotate", "--format", "jsonl", s(article)]));
    assert_eq!(code, 0, "{stderr}");
    let doc: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    doc["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|st| st["verdict"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_users_denial_cue_makes_the_statement_disputed() {
    let tmp = TempDir::new().unwrap();
    let article = tmp.path().join("a.txt");
    fs::write(&article, "The treasurer pooh-poohed the audit.\n").unwrap();
    assert_eq!(verdicts(None, &article), ["confirmed"]);
    let g = tmp.path().join("g");
    fs::create_dir_all(&g).unwrap();
    fs::write(
        g.join("dismiss.sayso"),
        "cue dismiss {\n    doc: Dismissing a claim out of hand.\n    stance: deny\n    verbs: pooh-pooh\n    flags: post\n    example: \"The treasurer pooh-poohed the audit.\" => disputed named\n}\n",
    )
    .unwrap();
    assert_eq!(verdicts(Some(&g), &article), ["disputed"]);
}

#[test]
fn explain_names_the_probabilities_and_the_weighted_features() {
    let tmp = TempDir::new().unwrap();
    let article = tmp.path().join("a.txt");
    fs::write(&article, "The contractor denied the report.\n").unwrap();
    let (code, stdout, stderr) = run(sayso()
        .env("NO_COLOR", "1")
        .args(["annotate", "--explain", s(&article)]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("disputed") && stdout.contains('%'), "{stdout}");
    assert!(
        stdout.contains("because") && stdout.contains("rules:disputed"),
        "{stdout}"
    );
}
