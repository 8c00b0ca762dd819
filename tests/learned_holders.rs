//! The learned holder boundaries as a user meets them: a holder the rules cut
//! inside a coordination takes the whole of it, `--explain` says which
//! features chose it, `--grammar-only` keeps the rules' holder, and `sayso
//! train holders` is deterministic. The articles here are written for these
//! tests.

mod common;

use common::{root, run, sayso, write};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const ARTICLE: &str = "The council, the mayor and other officials said the bridge would open in May.\n";

/// The text and kind of every holder of a JSON Lines document.
fn holders(jsonl: &str, text: &str) -> Vec<(String, String)> {
    let doc: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    let mut out = Vec::new();
    for st in doc["statements"].as_array().unwrap() {
        for a in st["attributions"].as_array().unwrap() {
            let src = &a["source"];
            let s = src["span"].as_array().unwrap();
            let (s, e) = (s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize);
            out.push((text[s..e].to_string(), src["kind"].as_str().unwrap().to_string()));
        }
    }
    out
}

#[test]
fn a_holder_takes_its_whole_coordination_and_grammar_only_keeps_the_rules_holder() {
    let tmp = TempDir::new().unwrap();
    let article = write(tmp.path(), "a.txt", ARTICLE);
    let (code, out, err) = run(sayso().args(["annotate", "--format", "jsonl"]).arg(&article));
    assert_eq!(code, 0, "{err}");
    // the model moves the holder's start back over the list; its kind stays the rules'
    assert_eq!(
        holders(&out, ARTICLE),
        [(
            "The council, the mayor and other officials".to_string(),
            "unnamed".to_string()
        )]
    );
    let (code, out, err) = run(sayso()
        .args(["--grammar-only", "annotate", "--format", "jsonl"])
        .arg(&article));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        holders(&out, ARTICLE),
        [("other officials".to_string(), "unnamed".to_string())]
    );
}

#[test]
fn explain_names_the_features_that_chose_a_holder() {
    let tmp = TempDir::new().unwrap();
    let article = write(tmp.path(), "a.txt", ARTICLE);
    let (code, out, err) = run(sayso()
        .args(["annotate", "--explain", "--color", "never"])
        .arg(&article));
    assert_eq!(code, 0, "{err}");
    let line = out
        .lines()
        .find(|l| l.contains("learned holder (coord)"))
        .unwrap_or_else(|| panic!("no learned holder explained:\n{out}"));
    assert!(line.contains("kind-cap:coord_yes"), "{line}");
    assert!(line.contains("the rules' holder"), "{line}");
}

/// A PolNeAR-shaped gold file over articles written here: each holder is a
/// list of three ("A, B and other officials"), of which the rules take the last.
fn write_polnear(dir: &Path) -> PathBuf {
    let mut gold = String::new();
    let firsts = ["The council", "The board", "The union", "The league", "The bank"];
    let seconds = ["the mayor", "the governor", "the treasurer", "the sheriff", "the dean"];
    for a in 0..15 {
        let who = format!(
            "{}, {} and other officials",
            firsts[a % firsts.len()],
            seconds[(a / 3) % seconds.len()]
        );
        let said = format!("{who} said ");
        let content = format!("the harbor plan would cost {a} million dollars");
        let text = format!("{said}{content}.\n");
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
fn training_the_holder_model_twice_writes_the_same_bytes_and_the_model_loads() {
    let tmp = TempDir::new().unwrap();
    let gold = write_polnear(tmp.path());
    let train = |out: &Path| {
        let (code, stdout, stderr) = run(sayso()
            .args(["train", "holders", "--gold"])
            .arg(&gold)
            .arg("--out")
            .arg(out));
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("15 paired attributions"), "{stdout}");
        fs::read_to_string(out.join("holder.json")).unwrap()
    };
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    let first = train(&one);
    assert_eq!(first, train(&two), "training is not deterministic");
    let model: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(model["task"], "holder");
    assert!(model["weights"].get("kind:coord").is_some(), "{first}");
    // the model loads with --models (next to the built-in verdict and source models) and moves the holder
    for name in ["verdict.json", "source.json"] {
        fs::copy(root().join("models").join(name), one.join(name)).unwrap();
    }
    let text = "The court, the clerk and other officials said the harbor plan would cost 40 million dollars.\n";
    let article = write(tmp.path(), "b.txt", text);
    let (code, out, err) = run(sayso()
        .arg("--models")
        .arg(&one)
        .args(["annotate", "--format", "jsonl"])
        .arg(&article));
    assert_eq!(code, 0, "{err}");
    assert_eq!(holders(&out, text)[0].0, "The court, the clerk and other officials");
}

/// The candidate holders the matcher offers the model (kind is not in the
/// trainer's record, so each is named by its text): the rules' holder first.
fn candidates(text: &str) -> Vec<Vec<String>> {
    let analyzer = sayso::analysis::Analyzer::builtin();
    let seg = sayso::segment::segment(text);
    let (_, found) = analyzer.matcher.collect_holder_candidates(text, &seg);
    found
        .iter()
        .map(|g| {
            assert!(g.candidates[0].keep, "the rules' holder comes first");
            (g.candidates.iter()).map(|c| c.span.slice(text).to_string()).collect()
        })
        .collect()
}

#[test]
fn candidates_trim_and_extend_the_rules_holder_at_fixed_boundaries() {
    // a coordination before the rules' holder, and the holder without its first word
    let c = candidates(ARTICLE);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0][0], "other officials");
    assert!(
        c[0].contains(&"The council, the mayor and other officials".to_string()),
        "{c:?}"
    );
    assert!(c[0].contains(&"officials".to_string()), "{c:?}");
    // a relative clause set off by commas: the name alone
    let c = candidates("Ortiz, who has run the agency since 2019, said the bridge would open in May.\n");
    assert_eq!(c[0][0], "Ortiz, who has run the agency since 2019");
    assert!(c[0].contains(&"Ortiz".to_string()), "{c:?}");
    // a contraction's clitic
    let c = candidates("He’s said the bridge would open in May.\n");
    assert_eq!(c[0][0], "He’s");
    assert!(c[0].contains(&"He".to_string()), "{c:?}");
    // a name after its cue, with the apposition the rules keep, and without it
    let c = candidates("The bridge will open in May, said Ortiz, a spokeswoman for the agency.\n");
    assert_eq!(c[0][0], "Ortiz, a spokeswoman for the agency");
    assert!(c[0].contains(&"Ortiz".to_string()), "{c:?}");
}
