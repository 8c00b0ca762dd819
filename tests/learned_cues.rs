//! The learned cue detector as a user meets it: it finds cues the grammar
//! does not list, `--explain` says why, `--grammar-only` turns it off, it
//! moves no verdict or source, and `sayso train cues` is deterministic.
//! The articles here are written for these tests.

mod common;

use common::{root, run, sayso, write};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const ARTICLE: &str = "\
The senator touted the new rail plan at a rally on Friday.
The council voted to delay the project until the spring.
Harbor officials said the ferry would run on Sunday.
The mayor denied that the budget had a gap.
";

/// Every attribution of a JSON Lines document: (cue text, cue rule, stance).
fn attributions(jsonl: &str) -> Vec<(String, String, String)> {
    let doc: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    let mut out = Vec::new();
    for st in doc["statements"].as_array().unwrap() {
        for a in st["attributions"].as_array().unwrap() {
            let cue = &a["cue"];
            out.push((
                cue["text"].as_str().unwrap().to_string(),
                cue["rule"].as_str().unwrap().to_string(),
                cue["stance"].as_str().unwrap().to_string(),
            ));
        }
    }
    out
}

/// (verdict, source) of every statement.
fn decisions(jsonl: &str) -> Vec<(String, String)> {
    let doc: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    (doc["statements"].as_array().unwrap().iter())
        .map(|st| {
            (
                st["verdict"].as_str().unwrap().to_string(),
                st["source"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_cue_the_grammar_does_not_list_is_found_as_an_act_and_grammar_only_drops_it() {
    let tmp = TempDir::new().unwrap();
    let article = write(tmp.path(), "a.txt", ARTICLE);
    let (code, out, err) = run(sayso().args(["annotate", "--format", "jsonl"]).arg(&article));
    assert_eq!(code, 0, "{err}");
    let found = attributions(&out);
    assert!(
        found
            .iter()
            .any(|(cue, rule, stance)| cue == "touted" && rule == "learned-cue" && stance == "act"),
        "{found:?}"
    );
    // the grammar's own cues are still the grammar's
    assert!(
        found
            .iter()
            .any(|(cue, rule, _)| cue == "said" && rule != "learned-cue"),
        "{found:?}"
    );
    let (code, rules_only, err) = run(sayso()
        .args(["--grammar-only", "annotate", "--format", "jsonl"])
        .arg(&article));
    assert_eq!(code, 0, "{err}");
    let rules_found = attributions(&rules_only);
    assert!(
        rules_found.iter().all(|(_, rule, _)| rule != "learned-cue"),
        "{rules_found:?}"
    );
    assert!(rules_found.len() < found.len());
    // an act moves neither verdict nor source
    assert_eq!(decisions(&out), decisions(&rules_only));
}

#[test]
fn learned_cues_change_no_verdict_on_the_corpus() {
    for entry in fs::read_dir(root().join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        if !matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md" | "html")) {
            continue;
        }
        let (_, with, _) = run(sayso().args(["annotate", "--format", "jsonl"]).arg(&path));
        let (_, without, _) = run(sayso()
            .args(["--grammar-only", "annotate", "--format", "jsonl"])
            .arg(&path));
        assert_eq!(decisions(&with), decisions(&without), "{}", path.display());
    }
}

#[test]
fn explain_names_the_features_that_decided_a_learned_cue() {
    let tmp = TempDir::new().unwrap();
    let article = write(tmp.path(), "a.txt", ARTICLE);
    let (code, out, err) = run(sayso()
        .args(["annotate", "--explain", "--color", "never"])
        .arg(&article));
    assert_eq!(code, 0, "{err}");
    let line = out
        .lines()
        .find(|l| l.contains("learned cue (act)"))
        .unwrap_or_else(|| panic!("no learned cue explained:\n{out}"));
    assert!(
        line.contains("margin") && line.contains("form:") || line.contains("stem:"),
        "{line}"
    );
    let (_, json, _) = run(sayso().args(["annotate", "--format", "jsonl"]).arg(&article));
    let doc: Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    let learned: Vec<&Value> = (doc["statements"].as_array().unwrap().iter())
        .flat_map(|st| st["attributions"].as_array().unwrap())
        .filter_map(|a| a.get("learned"))
        .collect();
    assert!(!learned.is_empty());
    for l in learned {
        assert!(l["margin"].as_f64().unwrap() > l["threshold"].as_f64().unwrap(), "{l}");
        assert!(!l["features"].as_array().unwrap().is_empty(), "{l}");
    }
}

/// A PolNeAR-shaped gold file over articles written here: each has a cue the
/// grammar does not know ("touted"), a word that is no cue in the same
/// place ("painted"), and a word that is a cue in some articles only ("pitched").
fn write_polnear(dir: &Path) -> PathBuf {
    let mut gold = String::new();
    let owners = [
        "The senator",
        "The mayor",
        "A council member",
        "The governor",
        "Her rival",
    ];
    for a in 0..12 {
        let who = owners[a % owners.len()];
        let cue_sentence = format!("{who} touted the harbor plan on day {a}.");
        let other = format!("{who} painted the fence on day {a}.");
        // a second form, a cue in a third of its uses ("pitched the plan", not
        // "pitched a tent"), so that the forms' weights differ from the bias
        let pitched_cue = a % 3 == 0;
        let third = if pitched_cue {
            format!("{who} pitched the ferry plan on day {a}.")
        } else {
            format!("{who} pitched a tent on day {a}.")
        };
        let text = format!("{cue_sentence} {other} {third}\n");
        let cue_start = who.len() + 1;
        let cue_end = cue_start + "touted".len();
        let mut attributions = format!(
            "{{\"id\": \"E1\", \"type\": \"Attribution\", \"source\": [[0, {}]], \
             \"cue\": [[{cue_start}, {cue_end}]], \"content\": [[{}, {}]]}}",
            who.len(),
            cue_end + 1,
            cue_sentence.len() - 1
        );
        if pitched_cue {
            let at = cue_sentence.len() + 1 + other.len() + 1;
            let (p0, p1) = (at + who.len() + 1, at + who.len() + 1 + "pitched".len());
            attributions.push_str(&format!(
                ", {{\"id\": \"E2\", \"type\": \"Attribution\", \"source\": [[{at}, {}]], \
                 \"cue\": [[{p0}, {p1}]], \"content\": [[{}, {}]]}}",
                at + who.len(),
                p1 + 1,
                at + third.len() - 1
            ));
        }
        gold.push_str(&format!(
            "{{\"doc\": \"text/a{a}.txt\", \"attributions\": [{attributions}]}}\n"
        ));
        write(dir, &format!("text/a{a}.txt"), &text);
    }
    write(dir, "gold.jsonl", &gold)
}

#[test]
fn training_the_cue_detector_twice_writes_the_same_bytes_and_the_model_loads() {
    let tmp = TempDir::new().unwrap();
    let gold = write_polnear(tmp.path());
    let train = |out: &Path| {
        let (code, stdout, stderr) = run(sayso()
            .args(["train", "cues", "--gold"])
            .arg(&gold)
            .arg("--out")
            .arg(out));
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("candidate"), "{stdout}");
        fs::read_to_string(out.join("cue.json")).unwrap()
    };
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    let first = train(&one);
    assert_eq!(first, train(&two), "training is not deterministic");
    let model: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(model["task"], "cue");
    assert!(model["weights"].get("form:touted").is_some(), "{first}");
    // the threshold is chosen on the candidates of all five folds, each scored by
    // the model fitted without its fold, and reaches the precision asked for there
    assert_eq!(model["evaluation"]["held_out_folds"], 5, "{first}");
    let held_out_precision = model["evaluation"]["precision"].as_f64().unwrap();
    assert!(
        held_out_precision >= model["settings"]["min_precision"].as_f64().unwrap(),
        "{first}"
    );
    // the model loads with --models (next to the built-in verdict and source models)
    for name in ["verdict.json", "source.json"] {
        fs::copy(root().join("models").join(name), one.join(name)).unwrap();
    }
    let article = write(tmp.path(), "b.txt", "The senator touted the bridge plan on day 40.\n");
    let (code, out, err) = run(sayso()
        .arg("--models")
        .arg(&one)
        .args(["annotate", "--format", "jsonl"])
        .arg(&article));
    assert_eq!(code, 0, "{err}");
    assert!(
        attributions(&out)
            .iter()
            .any(|(cue, rule, _)| cue == "touted" && rule == "learned-cue"),
        "{out}"
    );
}

#[test]
fn a_gold_file_that_is_not_polnear_is_a_clear_error() {
    let tmp = TempDir::new().unwrap();
    let gold = write(tmp.path(), "gold.jsonl", "{\"doc\": \"a.txt\", \"span\": [0, 4]}\n");
    let (code, _, stderr) = run(sayso().args(["train", "cues", "--gold"]).arg(&gold).arg("--dry-run"));
    assert_eq!(code, 2);
    assert!(stderr.contains("not a PolNeAR gold article"), "{stderr}");
}

#[test]
fn an_impression_or_a_passive_without_its_agent_has_no_holder() {
    use sayso::analysis::Analyzer;
    let text = "The mayor seemed to soften her stance on the levy.\n\
                Ruiz was asked about the levy at the meeting.\n\
                Ruiz touted the levy at the meeting.\n";
    let a = Analyzer::builtin().analyze_text(text);
    let holder = |cue: &str| -> Option<String> {
        let at = a
            .attributions
            .iter()
            .find(|x| x.cue.slice(text).contains(cue))
            .unwrap_or_else(|| panic!("no cue {cue:?}"));
        at.source.as_ref().map(|s| s.span.slice(text).to_string())
    };
    // nobody is said to hold the impression, and the one who asked is not named
    assert_eq!(holder("seemed"), None);
    assert_eq!(holder("asked"), None);
    // an active learned cue keeps the subject before it
    assert_eq!(holder("touted").as_deref(), Some("Ruiz"));
}

#[test]
fn a_participle_after_a_comma_takes_its_clauses_holder() {
    use sayso::analysis::Analyzer;
    // "asking" goes on with the clause "He sent a text …": its holder is "He", and after
    // a clause with a cue of its own, that cue's holder
    let text = "He sent a text to his supporters on Monday, asking them to wait.\n";
    let a = Analyzer::builtin().analyze_text(text);
    let asking = (a.attributions.iter())
        .find(|x| x.cue.slice(text).contains("asking"))
        .expect("the learned cue 'asking'");
    assert_eq!(asking.source.as_ref().map(|s| s.span.slice(text)), Some("He"));
}

#[test]
fn a_grammar_cue_inside_a_learned_acts_content_is_no_attribution_of_its_own() {
    use sayso::analysis::Analyzer;
    // PolNeAR gives each token to one attribution: "officials said" inside what the
    // agency is pressed to explain is the act's content, not a second attribution,
    // while the same words on their own are one
    let text = "The council pressed the agency to explain why officials said the ferry would run late.\n\
                Harbor officials said the ferry would run late.\n";
    let a = Analyzer::builtin().analyze_text(text);
    let second = text.find("Harbor").unwrap();
    let said: Vec<usize> = (a.attributions.iter())
        .filter(|x| x.cue.slice(text) == "said")
        .map(|x| x.cue.start)
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0] > second);
    let act = (a.attributions.iter())
        .find(|x| x.construction == "learned" && x.cue.start < second)
        .expect("a learned act in the first sentence");
    assert!(act.content.iter().any(|c| c.slice(text).contains("officials said")));
}
