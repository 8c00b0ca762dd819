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

// ---------------------------------------------------------------------------
// issue 19: sources agree with annotate, and merge mentions conservatively

fn sources_json(path: &std::path::Path) -> Value {
    let r = run(&["sources", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    v[0].clone()
}

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn names(doc: &Value) -> Vec<String> {
    doc["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["holder"].as_str().unwrap().to_string())
        .collect()
}

/// The row whose statements include the one starting with `text`.
fn row_of<'a>(doc: &'a Value, source: &str, text: &str) -> &'a Value {
    let at = source.find(text).unwrap_or_else(|| panic!("{text:?} in the article")) as u64;
    let rows: Vec<&Value> = doc["holders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| {
            h["statement_spans"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s[0].as_u64() == Some(at))
        })
        .collect();
    assert_eq!(rows.len(), 1, "{text:?} rests on one row: {doc:#}");
    rows[0]
}

const FAMILY: &str = "\
Hacker Admits Breach

Mark Dalton, a programmer from Leeds, said he had opened the servers in an afternoon.
His wife, Julia Dalton, said she had known nothing about it.
Dalton said he regretted the damage.
Mrs. Dalton said the family would sell the house.
";

#[test]
fn a_bare_surname_goes_to_the_person_not_to_the_relative_introduced_through_him() {
    let d = tempfile::tempdir().unwrap();
    let p = write(&d, "family.txt", FAMILY);
    let doc = sources_json(&p);
    let mark = row_of(&doc, FAMILY, "Mark Dalton, a programmer");
    assert_eq!(mark["holder"], "Mark Dalton", "the appositive is not the name: {doc:#}");
    assert_eq!(
        row_of(&doc, FAMILY, "Dalton said he regretted")["holder"],
        "Mark Dalton"
    );
    let julia = row_of(&doc, FAMILY, "His wife, Julia Dalton");
    assert_eq!(julia["holder"], "Julia Dalton");
    assert_eq!(
        row_of(&doc, FAMILY, "Mrs. Dalton said")["holder"],
        "Julia Dalton",
        "{doc:#}"
    );
    assert_eq!(mark["statements"], 2);
    assert_eq!(julia["statements"], 2);
}

const COMPANY: &str = "\
Mill Recalls Flour

Greta Lund, a spokeswoman for Nordmill Corp, said the recall covered two batches.
Nordmill Corp said it had informed the food agency.
Ms. Lund said no one had fallen ill.
";

#[test]
fn a_company_is_not_merged_into_its_spokeswoman() {
    let d = tempfile::tempdir().unwrap();
    let p = write(&d, "mill.txt", COMPANY);
    let doc = sources_json(&p);
    let lund = row_of(&doc, COMPANY, "Greta Lund, a spokeswoman");
    assert_eq!(lund["holder"], "Greta Lund", "{doc:#}");
    assert_eq!(row_of(&doc, COMPANY, "Ms. Lund said")["holder"], "Greta Lund");
    assert_eq!(lund["statements"], 2);
    let mill = row_of(&doc, COMPANY, "Nordmill Corp said");
    assert_eq!(mill["holder"], "Nordmill Corp", "{doc:#}");
    assert_eq!(mill["statements"], 1);
}

const DEAN: &str = "\
School Warns Reporters

Petra Voss, the dean of the journalism school, said the case raised hard questions.
Ms. Voss said reporters should check every leak twice.
Some say the school reacted too late.
";

#[test]
fn a_title_and_surname_join_the_full_name_with_an_appositive_and_holderless_statements_get_a_row() {
    let d = tempfile::tempdir().unwrap();
    let p = write(&d, "dean.txt", DEAN);
    let doc = sources_json(&p);
    let voss = row_of(&doc, DEAN, "Petra Voss, the dean");
    assert_eq!(voss["holder"], "Petra Voss", "{doc:#}");
    assert_eq!(voss["statements"], 2);
    assert_eq!(
        voss["forms"],
        serde_json::json!(["Petra Voss, the dean of the journalism school", "Ms. Voss"])
    );
    // "Some say" names no holder, but annotate gives the statement a source: it has a row
    let some = row_of(&doc, DEAN, "Some say");
    assert_eq!(some["holder"], "(no holder)");
    assert_eq!(some["kind"], "unnamed");
    assert_eq!(some["placeholder"], true);
    let r = run(&["sources", "--color", "never", p.to_str().unwrap()]);
    assert!(r.stdout.contains("(no holder)  (“Some say”)"), "{}", r.stdout);
}

const JUNK: &str = "\
Party Disputes Count

The Harbor Party's said the count was wrong.
At the hearing, lawyers said the ballots were lost.
";

#[test]
fn possessives_and_settings_are_not_part_of_a_holder() {
    let d = tempfile::tempdir().unwrap();
    let p = write(&d, "junk.txt", JUNK);
    let doc = sources_json(&p);
    let all = names(&doc);
    for n in &all {
        assert!(!n.ends_with("'s"), "a possessive in a holder: {all:?}");
        assert!(
            !n.to_lowercase().starts_with("at the"),
            "a setting as a holder: {all:?}"
        );
    }
    assert_eq!(
        row_of(&doc, JUNK, "The Harbor Party's said")["holder"],
        "Harbor Party",
        "{doc:#}"
    );
}

/// Statements per row and per source class, derived from `annotate --format
/// json` for the same file, as `sources` documents it: every statement with a
/// source on exactly one row of its class, resting on the holder of its first
/// own attribution with a holder of that class (else with any holder), a
/// statement whose own attributions name no holder on "(no holder)", and no
/// statement without a source or that is a non-claim on any row.
fn assert_agrees_with_annotate(path: &str) {
    let out = |cmd: &str| {
        let r = Command::cargo_bin("sayso")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([cmd, "--format", "json", path])
            .output()
            .unwrap();
        assert!(r.status.success(), "{cmd} {path}");
        let v: Value = serde_json::from_slice(&r.stdout).unwrap();
        v[0].clone()
    };
    let (ann, src) = (out("annotate"), out("sources"));
    let rows = src["holders"].as_array().unwrap();
    let mut seen = std::collections::HashMap::new();
    for (i, h) in rows.iter().enumerate() {
        let spans = h["statement_spans"].as_array().unwrap();
        assert_eq!(h["statements"].as_u64().unwrap() as usize, spans.len(), "{path}: {h}");
        for s in spans {
            assert!(seen.insert(s.clone(), i).is_none(), "{path}: {s} on two rows");
        }
    }
    let mut per_class = std::collections::HashMap::new();
    let mut verdicts = vec![std::collections::HashMap::new(); rows.len()];
    for st in ann["statements"].as_array().unwrap() {
        let class = st["source"].as_str().unwrap();
        let row = seen.remove(&st["span"]);
        if st["kind"] == "non-claim" || class == "none" {
            assert!(row.is_none(), "{path}: {} has no source but a row", st["text"]);
            continue;
        }
        let row = row.unwrap_or_else(|| panic!("{path}: {} is on no row", st["text"]));
        let h = &rows[row];
        assert_eq!(h["kind"], class, "{path}: {}", st["text"]);
        *per_class.entry(class.to_string()).or_insert(0u64) += 1;
        *verdicts[row]
            .entry(st["verdict"].as_str().unwrap().to_string())
            .or_insert(0u64) += 1;
        let own: Vec<&Value> = (st["attributions"].as_array().unwrap().iter())
            .filter(|a| a["cue"]["stance"] != "act")
            .collect();
        let with_holder: Vec<&Value> = own
            .iter()
            .filter_map(|a| a.get("source"))
            .filter(|s| !s.is_null())
            .collect();
        let same_class = with_holder.iter().find(|s| s["kind"] == class);
        match same_class.or(with_holder.first()) {
            Some(s) => assert!(
                h["mention_spans"].as_array().unwrap().contains(&s["span"]),
                "{path}: {} rests on {} but is counted on {}",
                st["text"],
                s["text"],
                h["holder"]
            ),
            None if !own.is_empty() => assert_eq!(h["holder"], "(no holder)", "{path}: {}", st["text"]),
            None => {}
        }
    }
    assert!(
        seen.is_empty(),
        "{path}: rows count statements annotate does not have: {seen:?}"
    );
    for class in ["named", "unnamed"] {
        let rows_total: u64 = (rows.iter())
            .filter(|h| h["kind"] == class)
            .map(|h| h["statements"].as_u64().unwrap())
            .sum();
        assert_eq!(
            ann["summary"]["sources"][class], rows_total,
            "{path}: {class} statements"
        );
        assert_eq!(
            per_class.get(class).copied().unwrap_or(0),
            rows_total,
            "{path}: {class}"
        );
    }
    for (h, v) in rows.iter().zip(&verdicts) {
        for k in ["confirmed", "alleged", "disputed"] {
            assert_eq!(
                h["verdicts"][k],
                v.get(k).copied().unwrap_or(0),
                "{path}: {} {k}",
                h["holder"]
            );
        }
    }
}

#[test]
fn sources_agree_with_annotate_on_every_corpus_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| format!("corpus/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|n| !n.starts_with("corpus/."))
        .collect();
    files.sort();
    assert!(files.len() >= 14);
    for f in &files {
        assert_agrees_with_annotate(f);
    }
}

#[test]
fn sources_agree_with_annotate_on_the_merging_cases() {
    let d = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("family.txt", FAMILY),
        ("mill.txt", COMPANY),
        ("dean.txt", DEAN),
        ("junk.txt", JUNK),
        ("ruiz.txt", ARTICLE),
    ] {
        let p = write(&d, name, text);
        assert_agrees_with_annotate(p.to_str().unwrap());
    }
}
