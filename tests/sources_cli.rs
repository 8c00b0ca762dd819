//! `sayso sources` from the command line, on a small article written for this
//! test with very plain attributions ("X said ..."), so that the grouping and
//! counts do not hinge on how the grammar is tuned.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;
use tempfile::TempDir;

const ARTICLE: &str = "\
City Hall Faces Budget Gap

Mayor Ana Ruiz said the city would close the library branch on Elm Street next spring.
Ruiz said the decision followed a review of the budget.
She said the review found a shortfall of four million dollars.
Sources familiar with the talks said the council had not yet seen the review.
The branch opened in 1962.
Council member Tom Becker said the council would vote in March.
";

const OTHER: &str = "\
Harbor Reopens

Port director Lena Okafor said the harbor would reopen on Monday.
";

fn sayso() -> Command {
    let mut c = Command::cargo_bin("sayso").expect("the sayso binary is built");
    c.env_remove("NO_COLOR");
    c
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Out {
    let out = sayso().args(args).output().expect("sayso runs");
    Out {
        code: out.status.code().expect("an exit code"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn files() -> (TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("ruiz.txt");
    let b = dir.path().join("harbor.txt");
    std::fs::write(&a, ARTICLE).unwrap();
    std::fs::write(&b, OTHER).unwrap();
    (dir, a, b)
}

fn holder<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["holders"]
        .as_array()
        .expect("holders array")
        .iter()
        .find(|h| h["holder"] == name)
        .unwrap_or_else(|| panic!("no holder {name:?} in {doc:#}"))
}

#[test]
fn json_groups_mentions_and_counts_statements() {
    let (_d, a, _) = files();
    let r = run(&["sources", "--format", "json", a.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let docs = v.as_array().expect("an array of documents");
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["path"], a.to_str().unwrap());
    let hs = doc["holders"].as_array().unwrap();
    let names: Vec<&str> = hs.iter().map(|h| h["holder"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        vec![
            "Mayor Ana Ruiz",
            "Sources familiar with the talks",
            "Council member Tom Becker"
        ],
        "sorted by statements, then first appearance"
    );

    let ruiz = holder(doc, "Mayor Ana Ruiz");
    assert_eq!(ruiz["kind"], "named");
    assert_eq!(ruiz["mentions"], 3);
    assert_eq!(ruiz["forms"], serde_json::json!(["Mayor Ana Ruiz", "Ruiz", "She"]));
    assert_eq!(ruiz["statements"], 3);
    assert_eq!(ruiz["first"]["line"], 3);
    let mix = &ruiz["verdicts"];
    let total: u64 = ["confirmed", "alleged", "disputed"]
        .iter()
        .map(|k| mix[k].as_u64().unwrap())
        .sum();
    assert_eq!(total, 3, "every statement resting on Ruiz has one verdict");
    assert_eq!(mix["alleged"], 3, "'said' does not vouch for its content");
    // mention spans are byte offsets into the file and point at the mentions
    let spans = ruiz["mention_spans"].as_array().unwrap();
    let texts: Vec<&str> = spans
        .iter()
        .map(|s| &ARTICLE[s[0].as_u64().unwrap() as usize..s[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(texts, vec!["Mayor Ana Ruiz", "Ruiz", "She"]);

    let anon = holder(doc, "Sources familiar with the talks");
    assert_eq!(anon["kind"], "unnamed");
    assert_eq!(anon["statements"], 1);
    assert_eq!(anon["first"]["line"], 6);

    let becker = holder(doc, "Council member Tom Becker");
    assert_eq!(becker["mentions"], 1);
    assert_eq!(becker["first"]["line"], 8);
}

#[test]
fn text_table_lists_each_holder_once_with_its_other_forms() {
    let (_d, a, _) = files();
    let r = run(&["sources", "--color", "never", a.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains('\x1b'), "no colour with --color never");
    assert!(r.stdout.contains("3 holders"), "{}", r.stdout);
    let ruiz: Vec<&str> = r.stdout.lines().filter(|l| l.contains("Ruiz")).collect();
    assert_eq!(ruiz.len(), 1, "one row for Ruiz:\n{}", r.stdout);
    assert!(ruiz[0].contains("(“Ruiz”, “She”)"), "{}", ruiz[0]);
    let cells: Vec<&str> = ruiz[0].split_whitespace().collect();
    assert_eq!(&cells[..2], &["3", "0"], "3 statements, none confirmed: {}", ruiz[0]);

    let coloured = run(&["sources", "--color", "always", a.to_str().unwrap()]);
    assert!(coloured.stdout.contains('\x1b'), "colour with --color always");
}

#[test]
fn csv_has_documented_header_and_one_row_per_holder_with_path() {
    let (_d, a, b) = files();
    let r = run(&["sources", "--format", "csv", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut rd = csv::Reader::from_reader(r.stdout.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        vec![
            "path",
            "holder",
            "kind",
            "mentions",
            "forms",
            "statements",
            "confirmed",
            "alleged",
            "disputed",
            "first_line"
        ]
    );
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 4, "3 holders + 1 holder:\n{}", r.stdout);
    let ruiz = rows.iter().find(|r| &r[1] == "Mayor Ana Ruiz").unwrap();
    assert_eq!(&ruiz[0], a.to_str().unwrap());
    assert_eq!(&ruiz[3], "3");
    assert_eq!(&ruiz[4], "Mayor Ana Ruiz | Ruiz | She");
    assert_eq!(&ruiz[5], "3");
    assert_eq!(&ruiz[9], "3");
    let okafor = rows.iter().find(|r| &r[1] == "Port director Lena Okafor").unwrap();
    assert_eq!(&okafor[0], b.to_str().unwrap());
    assert_eq!(&okafor[2], "named");

    let help = run(&["sources", "--help"]);
    for col in header {
        assert!(
            help.stdout.contains(&format!("  {col} ")),
            "--help documents column {col}"
        );
    }
}

#[test]
fn jsonl_is_one_document_per_line_and_a_bad_file_fails_without_stopping_others() {
    let (d, a, b) = files();
    let missing = d.path().join("missing.txt");
    let r = run(&[
        "sources",
        "--format",
        "jsonl",
        a.to_str().unwrap(),
        missing.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2, "a missing file is an input error");
    assert!(r.stderr.contains("missing.txt"), "{}", r.stderr);
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2, "both readable files are still reported");
    assert_eq!(lines[0]["path"], a.to_str().unwrap());
    assert_eq!(lines[1]["path"], b.to_str().unwrap());
    assert_eq!(lines[1]["holders"].as_array().unwrap().len(), 1);
}
