//! `sayso score`: agreement with `annotate`, ordering, pipe mode, errors, columns.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn sayso() -> Command {
    Command::cargo_bin("sayso").unwrap()
}

fn jsonl(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

const ARTICLE_A: &str = "Port Talks Collapse\n\nThe union said the strike would continue until a deal was reached. \
Officials familiar with the talks said the employer may raise its offer. The company denied that it had \
refused to negotiate.\n\nThe port handled 40,000 containers last year, according to the harbour authority. \
It is believed the dispute could spread to other terminals.\n";

const ARTICLE_B: &str = "# Budget vote\n\nThe council approved the budget on Tuesday. Critics claimed the plan \
would reportedly cut library hours, a charge the mayor rejected.\n\n- Sources said the vote was close.\n";

const ARTICLE_C: &str = "<html><body><h1>Recall</h1><p>The maker recalled 3,000 heaters after reports of \
overheating, the regulator said. There was no evidence that anyone had been hurt.</p>\
<p>Some say the recall came too late.</p></body></html>";

/// A temp dir with a few articles of our own (txt, md, html).
fn own_articles() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("a.txt"), ARTICLE_A).unwrap();
    std::fs::write(d.path().join("b.md"), ARTICLE_B).unwrap();
    std::fs::write(d.path().join("c.html"), ARTICLE_C).unwrap();
    std::fs::write(d.path().join("empty.txt"), "").unwrap();
    d
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

#[test]
fn score_agrees_with_annotate_summary_for_every_file() {
    let own = own_articles();
    let mut dirs = vec![own.path().to_path_buf()];
    let corpus = corpus_dir();
    if corpus.is_dir() && std::fs::read_dir(&corpus).unwrap().next().is_some() {
        dirs.push(corpus);
    }
    let args: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();

    let ann = sayso()
        .arg("annotate")
        .arg("--format")
        .arg("jsonl")
        .args(&args)
        .output()
        .unwrap();
    let sc = sayso()
        .arg("score")
        .arg("--format")
        .arg("jsonl")
        .arg("-q")
        .args(&args)
        .output()
        .unwrap();
    assert!(
        sc.status.success(),
        "score failed: {}",
        String::from_utf8_lossy(&sc.stderr)
    );
    let ann = jsonl(&ann.stdout);
    let sc = jsonl(&sc.stdout);
    assert!(sc.len() >= 4, "expected at least our own 4 files, got {}", sc.len());
    assert_eq!(ann.len(), sc.len(), "annotate and score saw different file sets");
    let by_path: HashMap<String, &Value> = ann
        .iter()
        .map(|d| (d["path"].as_str().unwrap().to_string(), d))
        .collect();
    for (row, doc) in sc.iter().zip(&ann) {
        // same order as annotate too
        assert_eq!(row["path"], doc["path"]);
        let doc = by_path[row["path"].as_str().unwrap()];
        let s = &doc["summary"];
        // lines that make no claim (kind "non-claim") are in annotate's output but counted nowhere
        let claims: Vec<&Value> = (doc["statements"].as_array().unwrap().iter())
            .filter(|st| st["kind"] != "non-claim")
            .collect();
        let n = claims.len() as u64;
        assert_eq!(row["statements"].as_u64().unwrap(), n, "{}", row["path"]);
        assert_eq!(row["statements"], s["statements"]);
        assert_eq!(row["words"], s["words"]);
        assert_eq!(row["attributions"], s["attributions"]);
        assert_eq!(row["hedges"], s["hedges"]);
        for v in ["confirmed", "alleged", "disputed"] {
            assert_eq!(row[v], s["verdicts"][v], "{} {v}", row["path"]);
            let counted = claims.iter().filter(|st| st["verdict"] == v).count();
            assert_eq!(row[v].as_u64().unwrap() as usize, counted);
            assert_eq!(row[format!("share_{v}")], s["shares"][v]);
        }
        for k in ["none", "named", "unnamed"] {
            assert_eq!(row[format!("source_{k}")], s["sources"][k], "{} {k}", row["path"]);
        }
        assert_eq!(row["share_unnamed"], s["shares"]["unnamed"]);
        assert_eq!(row["hedge_density"], s["hedge_density"]);
        assert!(row["error"].is_null());
    }
}

#[test]
fn per_statement_rows_match_annotate_statements_and_original_bytes() {
    let own = own_articles();
    for name in ["a.txt", "b.md", "c.html"] {
        let p = own.path().join(name);
        let ann = sayso()
            .args(["annotate", "--format", "jsonl"])
            .arg(&p)
            .output()
            .unwrap();
        let doc = &jsonl(&ann.stdout)[0];
        let sc = sayso()
            .args(["score", "--format", "jsonl", "--per-statement"])
            .arg(&p)
            .output()
            .unwrap();
        assert!(sc.status.success());
        let rows = jsonl(&sc.stdout);
        let sts = doc["statements"].as_array().unwrap();
        assert_eq!(rows.len(), sts.len(), "{name}");
        assert!(!rows.is_empty());
        let original = std::fs::read(&p).unwrap();
        for (i, (r, st)) in rows.iter().zip(sts).enumerate() {
            assert_eq!(r["index"].as_u64().unwrap() as usize, i);
            assert_eq!(r["verdict"], st["verdict"]);
            assert_eq!(r["source"], st["source"]);
            assert_eq!(r["line"], st["line"]);
            assert_eq!(r["column"], st["column"]);
            assert_eq!(r["start"], st["span"][0]);
            assert_eq!(r["end"], st["span"][1]);
            assert_eq!(
                r["attributions"].as_u64().unwrap() as usize,
                st["attributions"].as_array().unwrap().len()
            );
            assert_eq!(
                r["hedges"].as_u64().unwrap() as usize,
                st["hedges"].as_array().unwrap().len()
            );
            let (s, e) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert!(
                s < e && e <= original.len(),
                "{name}: span {s}..{e} out of the original file"
            );
            if name == "a.txt" {
                // plain text: the original bytes are the statement
                let orig = String::from_utf8_lossy(&original[s..e]).replace('\n', " ");
                assert_eq!(orig, r["text"].as_str().unwrap());
            }
        }
    }
}

fn many_files(n: usize) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let parts = [ARTICLE_A, ARTICLE_B, ARTICLE_C];
    let exts = ["txt", "md", "html"];
    for i in 0..n {
        let sub = d.path().join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).unwrap();
        let k = i % 3;
        // vary the text so rows differ
        let extra = "The minister said the figures were wrong. ".repeat(i % 5);
        let body = if k == 1 {
            format!("{}\n{extra}\n", parts[k])
        } else if k == 0 {
            format!("{extra}\n\n{}", parts[k])
        } else {
            parts[k].replace("<p>Some", &format!("<p>{extra}Some"))
        };
        std::fs::write(sub.join(format!("f{i:04}.{}", exts[k])), body).unwrap();
    }
    d
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let d = many_files(600); // more than two chunks
    let run = |jobs: &str, fmt: &str| {
        let o = sayso()
            .args(["score", "-q", "--jobs", jobs, "--format", fmt])
            .arg(d.path())
            .output()
            .unwrap();
        assert!(o.status.success());
        o.stdout
    };
    for fmt in ["jsonl", "csv", "json", "table"] {
        let one = run("1", fmt);
        assert_eq!(one, run("2", fmt), "format {fmt}");
        assert_eq!(one, run("4", fmt), "format {fmt}");
    }
    let rows = jsonl(&run("2", "jsonl"));
    assert_eq!(rows.len(), 600);
    let paths: Vec<&str> = rows.iter().map(|r| r["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "directory walk is in sorted order");
}

#[test]
fn pipe_mode_returns_every_record_once_in_order() {
    let n = 3000;
    let mut input = String::new();
    let texts = [
        "The union said the strike would continue.",
        "Officials familiar with the talks said the offer may rise.",
        "The company denied the report.",
        "Prices rose 3% in May.",
    ];
    for i in 0..n {
        let rec = serde_json::json!({"id": format!("r{i}"), "text": format!("{} Item {i}.", texts[i % 4]), "lang": "en", "n": i});
        input.push_str(&rec.to_string());
        input.push('\n');
        if i == 1500 {
            input.push_str("{not json\n");
        }
    }
    let o = sayso()
        .args(["score", "--input-format", "jsonl", "--keep", "n", "--jobs", "2", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "a malformed line makes the exit status 2");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("line 1502"),
        "stderr names the malformed line: {stderr}"
    );
    let rows = jsonl(&o.stdout);
    assert_eq!(rows.len(), n + 1);
    let ok: Vec<&Value> = rows.iter().filter(|r| r["error"].is_null()).collect();
    assert_eq!(ok.len(), n);
    for (i, r) in ok.iter().enumerate() {
        assert_eq!(
            r["id"],
            Value::String(format!("r{i}")),
            "record {i} out of order or missing"
        );
        assert_eq!(r["n"], Value::from(i));
        assert!(r["statements"].as_u64().unwrap() >= 1);
        assert!(r.get("lang").is_none(), "only --keep fields are copied");
    }
    let bad = rows.iter().position(|r| !r["error"].is_null()).unwrap();
    assert_eq!(bad, 1501, "the error record sits where the bad line was");
    assert!(rows[bad]["error"].as_str().unwrap().contains("line 1502"));
}

#[test]
fn pipe_mode_custom_fields_and_csv() {
    let input = "{\"doc\":\"x,1\",\"body\":\"The mayor said taxes would rise.\"}\n\
                 {\"doc\":\"x2\",\"body\":42}\n";
    let o = sayso()
        .args([
            "score",
            "--input-format",
            "jsonl",
            "--id-field",
            "doc",
            "--text-field",
            "body",
            "-f",
            "csv",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let mut r = csv::Reader::from_reader(&o.stdout[..]);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers[0], "doc");
    assert_eq!(headers.last().unwrap(), "error");
    let recs: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(recs.len(), 2);
    assert_eq!(&recs[0][0], "x,1");
    assert_eq!(&recs[0][headers.len() - 1], "");
    assert_eq!(&recs[1][0], "x2");
    assert!(recs[1][headers.len() - 1].contains("not a string"));
}

#[test]
fn failed_files_are_reported_counted_and_the_rest_continue() {
    let d = own_articles();
    std::fs::write(d.path().join("bin.txt"), [0u8, 1, 2, 0, 255, 0, 7, 0]).unwrap();
    let o = sayso()
        .args(["score", "--format", "json"])
        .arg(d.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("bin.txt"), "stderr names the file: {stderr}");
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["files_failed"], 1);
    assert_eq!(v["summary"]["files"], 5);
    assert_eq!(v["summary"]["files_scored"], 4);
    let arts = v["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 5);
    assert!(
        arts.iter()
            .filter(|a| !a["error"].is_null())
            .all(|a| a["path"].as_str().unwrap().ends_with("bin.txt"))
    );
    let total: u64 = arts.iter().filter_map(|a| a["statements"].as_u64()).sum();
    assert_eq!(v["summary"]["statements"].as_u64().unwrap(), total);

    let t = sayso()
        .args(["score", "--format", "table"])
        .arg(d.path())
        .output()
        .unwrap();
    assert_eq!(t.status.code(), Some(2));
    let table = String::from_utf8_lossy(&t.stdout);
    assert!(table.contains("4 scored, 1 failed"), "{table}");

    // without the binary file: exit 0
    std::fs::remove_file(d.path().join("bin.txt")).unwrap();
    sayso().args(["score", "-f", "csv"]).arg(d.path()).assert().code(0);
}

#[test]
fn walk_respects_hidden_gitignore_and_globs() {
    let d = own_articles();
    std::fs::create_dir_all(d.path().join(".hidden")).unwrap();
    std::fs::write(d.path().join(".hidden/h.txt"), ARTICLE_A).unwrap();
    std::fs::create_dir_all(d.path().join("drafts")).unwrap();
    std::fs::write(d.path().join("drafts/d.txt"), ARTICLE_A).unwrap();
    std::fs::write(d.path().join("skip.txt"), ARTICLE_A).unwrap();
    std::fs::write(d.path().join("notes.pdf"), "x").unwrap();
    std::fs::write(d.path().join(".gitignore"), "skip.txt\n").unwrap();
    let paths = |extra: &[&str]| -> Vec<String> {
        let o = sayso()
            .args(["score", "-f", "jsonl"])
            .args(extra)
            .arg(d.path())
            .output()
            .unwrap();
        let mut v: Vec<String> = jsonl(&o.stdout)
            .iter()
            .map(|r| {
                Path::new(r["path"].as_str().unwrap())
                    .strip_prefix(d.path())
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(paths(&[]), ["a.txt", "b.md", "c.html", "drafts/d.txt", "empty.txt"]);
    assert_eq!(
        paths(&["--glob", "!drafts/**"]),
        ["a.txt", "b.md", "c.html", "empty.txt"]
    );
    assert_eq!(paths(&["--glob", "*.md", "--glob", "*.html"]), ["b.md", "c.html"]);
    sayso().args(["score", "--glob", "[bad"]).arg(d.path()).assert().code(2);
}

#[test]
fn csv_columns_are_the_documented_set() {
    let d = own_articles();
    let o = sayso()
        .args(["score", "-f", "csv"])
        .arg(d.path().join("a.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "path,format,statements,words,confirmed,alleged,disputed,source_none,source_named,source_unnamed,\
attributions,hedges,share_confirmed,share_alleged,share_disputed,share_unnamed,hedge_density,error"
    );
    let o = sayso()
        .args(["score", "-f", "csv", "--per-statement"])
        .arg(d.path().join("a.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "path,format,index,line,column,start,end,verdict,source,confidence,attributions,hedges,text,error"
    );
    let help = sayso().args(["score", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    for col in ["share_unnamed", "hedge_density", "files_failed", "confidence"] {
        assert!(help.contains(col), "long help documents {col}");
    }
}

#[test]
fn closed_stdout_ends_quietly() {
    let d = many_files(400);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("sayso"))
        .args(["score", "-f", "jsonl", "--jobs", "1"])
        .arg(d.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut buf = [0u8; 16];
    out.read_exact(&mut buf).unwrap();
    drop(out);
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    assert!(err.is_empty(), "no message on a closed pipe: {err}");
    assert_eq!(status.code(), Some(0));
    let _ = std::io::stdout().flush();
}
