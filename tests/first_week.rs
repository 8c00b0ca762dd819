//! Small things a new user meets in the first week (issue 19): each checked
//! as the user sees it, by running `sayso` on files the test writes.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tempfile::TempDir;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn sayso(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sayso"));
    cmd.current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("sayso runs");
    if let Some(text) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().expect("sayso finishes");
    Run {
        code: out.status.code().expect("sayso exits with a code"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// One sentence, one statement.
const ONE: &str = "The harbour master said the pier would reopen on Monday.\n";

#[test]
fn version_is_accepted_after_every_subcommand() {
    let tmp = TempDir::new().unwrap();
    let version = env!("CARGO_PKG_VERSION");
    for sub in [
        &[][..],
        &["annotate"],
        &["score"],
        &["check"],
        &["sources"],
        &["rules"],
        &["train"],
    ] {
        let mut args = sub.to_vec();
        args.push("--version");
        let r = sayso(tmp.path(), &args, None);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(r.stdout.contains(version), "{args:?}: {}", r.stdout);
    }
}

#[test]
fn one_statement_and_one_file_are_singular() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "one.txt", ONE);
    let r = sayso(tmp.path(), &["annotate", "one.txt"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\n1 statement: "), "{}", r.stdout);
    assert!(!r.stdout.contains("1 statements"), "{}", r.stdout);
    assert!(
        r.stdout.contains("of 1 statement rests on unnamed sources"),
        "{}",
        r.stdout
    );

    let r = sayso(tmp.path(), &["score", "--per-statement", "one.txt"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("1 file scored, 0 failed; 1 statement\n"),
        "{}",
        r.stdout
    );

    // the failure summary on standard error
    let r = sayso(tmp.path(), &["score", "--format", "csv", "gone.txt"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("1 of 1 file could not be scored"), "{}", r.stderr);

    // and the plural stays plural
    write(
        tmp.path(),
        "two.txt",
        "The pier is closed. The ferry still runs, officials said.\n",
    );
    let r = sayso(tmp.path(), &["score", "--per-statement", "two.txt"], None);
    assert!(
        r.stdout.contains("1 file scored, 0 failed; 2 statements\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn score_table_of_standard_input_keeps_the_total_label() {
    let tmp = TempDir::new().unwrap();
    let r = sayso(tmp.path(), &["score", "-"], Some(ONE));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains('…'), "{}", r.stdout);
    let total = r
        .stdout
        .lines()
        .find(|l| l.starts_with("total "))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    let row = r.stdout.lines().find(|l| l.starts_with("- ")).unwrap();
    // the columns line up: the numbers start where the article row's do
    assert_eq!(total.find(" 1 "), row.find(" 1 "), "{}", r.stdout);
}

#[test]
fn keep_without_jsonl_input_is_a_usage_error() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "one.txt", ONE);
    let r = sayso(tmp.path(), &["score", "--keep", "url", "one.txt"], None);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr.contains("--keep") && r.stderr.contains("--input-format jsonl"),
        "{}",
        r.stderr
    );
    // with JSON Lines input it still works
    let r = sayso(
        tmp.path(),
        &["score", "--input-format", "jsonl", "--keep", "url"],
        Some("{\"id\":\"a\",\"url\":\"https://example.org/pier\",\"text\":\"The pier is closed.\"}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("\"url\":\"https://example.org/pier\""),
        "{}",
        r.stdout
    );
}

#[test]
fn every_failed_file_has_an_error_row() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "one.txt", ONE);
    std::fs::create_dir(tmp.path().join("empty")).unwrap();
    let args = ["one.txt", "missing.txt", "empty"];

    let r = sayso(tmp.path(), &[&["score", "--format", "json"][..], &args].concat(), None);
    assert_eq!(r.code, 2);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let rows = v["articles"].as_array().unwrap();
    assert_eq!(v["summary"]["files_failed"], 2);
    assert_eq!(v["summary"]["files_scored"], 1);
    let failed: Vec<&Value> = rows.iter().filter(|r| !r["error"].is_null()).collect();
    assert_eq!(failed.len(), 2, "{rows:?}");
    let missing = failed
        .iter()
        .find(|r| r["path"] == "missing.txt")
        .expect("a row for the missing file");
    assert!(missing["error"].as_str().unwrap().contains("no such file"), "{missing}");
    assert!(missing["statements"].is_null());
    assert!(failed.iter().any(|r| r["path"] == "empty"), "{failed:?}");

    let r = sayso(tmp.path(), &[&["score", "--format", "jsonl"][..], &args].concat(), None);
    assert_eq!(r.code, 2);
    let rows: Vec<Value> = r.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter()
            .any(|r| r["path"] == "missing.txt" && r["error"].is_string())
    );

    let r = sayso(tmp.path(), &[&["score", "--format", "csv"][..], &args].concat(), None);
    assert_eq!(r.code, 2);
    let mut csv = csv::Reader::from_reader(r.stdout.as_bytes());
    let header = csv.headers().unwrap().clone();
    let error_col = header.iter().position(|h| h == "error").unwrap();
    let records: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 3);
    let row = records
        .iter()
        .find(|r| &r[0] == "missing.txt")
        .expect("a CSV row for the missing file");
    assert!(row[error_col].contains("no such file"));

    // only a missing file: still a valid document with its row
    let r = sayso(tmp.path(), &["score", "--format", "json", "missing.txt"], None);
    assert_eq!(r.code, 2);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 1);
    assert_eq!(v["summary"]["files_failed"], 1);
}

#[test]
fn an_over_long_record_has_an_error_row_in_its_place() {
    let tmp = TempDir::new().unwrap();
    let long = format!("{{\"id\":\"long\",\"text\":\"{}\"}}", "The pier is closed. ".repeat(20));
    let input = format!(
        "{{\"id\":\"a\",\"text\":\"The pier is closed.\"}}\n{long}\n{{\"id\":\"b\",\"text\":\"It opens soon.\"}}\n"
    );
    let r = sayso(
        tmp.path(),
        &["score", "--input-format", "jsonl", "--max-file-size", "200"],
        Some(&input),
    );
    assert_eq!(r.code, 2);
    let rows: Vec<Value> = r.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3, "{}", r.stdout);
    assert_eq!(rows[0]["id"], "a");
    assert!(rows[1]["id"].is_null() && rows[1]["error"].as_str().unwrap().contains("line 2"));
    assert_eq!(rows[2]["id"], "b");
}

#[test]
fn annotate_csv_is_one_quoted_row_per_statement() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "one.txt", ONE);
    write(
        tmp.path(),
        "quote.txt",
        "The pier is shut, \"for now, at least,\" the harbour master said.\nOfficials reportedly said the ferry may run.\n",
    );
    let r = sayso(
        tmp.path(),
        &["annotate", "--format", "csv", "one.txt", "quote.txt"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("path,index,line,column,start,end,verdict,source,confidence,kind,text,cues,holders,hedges\n")
    );
    // RFC 4180: the field with commas and quotes is quoted, its quotes doubled
    assert!(
        r.stdout
            .contains("\"The pier is shut, \"\"for now, at least,\"\" the harbour master said.\""),
        "{}",
        r.stdout
    );
    let mut csv = csv::Reader::from_reader(r.stdout.as_bytes());
    let head = csv.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3, "{}", r.stdout);
    assert_eq!(&rows[0][col("path")], "one.txt");
    assert_eq!(&rows[0][col("text")], ONE.trim_end());
    assert_eq!(&rows[0][col("start")], "0");
    assert_eq!(&rows[0][col("end")], ONE.trim_end().len().to_string());
    assert_eq!(&rows[1][col("path")], "quote.txt");
    assert_eq!(&rows[1][col("cues")], "said");
    assert_eq!(&rows[1][col("holders")], "the harbour master");
    assert_eq!(&rows[2][col("line")], "2");
    assert_eq!(&rows[2][col("holders")], "Officials");
    assert!(rows[2][col("hedges")].contains("; "), "{:?}", &rows[2]);
    // and the same verdicts as the JSON Lines output
    let j = sayso(tmp.path(), &["annotate", "--format", "jsonl", "quote.txt"], None);
    let v: Value = serde_json::from_str(j.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(
        v["statements"][1]["verdict"].as_str().unwrap(),
        &rows[2][col("verdict")]
    );

    let help = sayso(tmp.path(), &["annotate", "--help"], None);
    assert!(help.stdout.contains("csv"), "{}", help.stdout);
}

#[test]
fn completions_and_man_page_are_printed_from_the_clap_definition() {
    let tmp = TempDir::new().unwrap();
    let r = sayso(tmp.path(), &["completions", "bash"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("_sayso()"), "{}", r.stdout);
    for sub in [
        "annotate",
        "score",
        "check",
        "sources",
        "rules",
        "train",
        "completions",
        "manpage",
    ] {
        assert!(r.stdout.contains(sub), "bash completion lacks {sub}");
    }
    assert!(r.stdout.contains("--per-statement"), "options are completed too");
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let r = sayso(tmp.path(), &["completions", shell], None);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains("annotate"), "{shell}");
    }
    let r = sayso(tmp.path(), &["completions", "tcsh"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("possible values"), "{}", r.stderr);

    let r = sayso(tmp.path(), &["manpage"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(".TH sayso 1"), "{}", r.stdout);
    assert!(r.stdout.contains(env!("CARGO_PKG_VERSION")));
    assert!(r.stdout.contains("annotate") && r.stdout.contains("completions"));
}

/// A full disk is an error, as for every other command's output.
#[cfg(target_os = "linux")]
#[test]
fn completions_and_man_page_report_a_failed_write() {
    for args in [&["completions", "bash"][..], &["manpage"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_sayso"))
            .args(args)
            .stdout(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("cannot write output"),
            "{args:?}"
        );
    }
}

/// Reported speech, then a quote in the next paragraph with no cue of its own:
/// the quote is taken as the same speaker's, but her cue opened no quote.
const CONTINUED_UNQUOTED: &str = "\
The county's chief engineer, Ruth Okafor, said on Tuesday that the old ferry ramp was failing.

\"We will have to close the ramp to trucks and reroute the morning freight until the repairs are done.\"
";

/// The same speaker, quoted from the start: her cue opened the quote that runs on.
const CONTINUED_QUOTE: &str = "\
\"The ramp is failing, and we knew it last winter,\" the county's chief engineer, Ruth Okafor, said.

\"We will have to close the ramp to trucks and reroute the morning freight until the repairs are done.\"
";

#[test]
fn explain_names_the_attribution_a_quote_continues_when_its_cue_opened_no_quote() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "unquoted.txt", CONTINUED_UNQUOTED);
    write(tmp.path(), "quoted.txt", CONTINUED_QUOTE);

    let r = sayso(tmp.path(), &["annotate", "--explain", "unquoted.txt"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let block = r
        .stdout
        .split("\n   3  ")
        .nth(1)
        .expect("the quote on line 3")
        .to_string();
    let block = block.split("\n\n").next().unwrap();
    assert!(block.contains("named"), "the quote rests on Okafor: {block}");
    // the trace names the attribution on line 1, not its cue as an opened quote
    assert!(
        block.contains(
            "continues the attribution on line 1 (its cue opened no quote): The county's chief engineer, \
             Ruth Okafor (named) —said→ that the old ferry ramp was failing."
        ),
        "{block}"
    );
    let because = block.lines().find(|l| l.trim_start().starts_with("because")).unwrap();
    assert!(!because.contains("continued:assert \"said\""), "{because}");

    // the JSON evidence gives the same words: the whole earlier attribution
    let r = sayso(tmp.path(), &["annotate", "--format", "json", "unquoted.txt"], None);
    assert_eq!(r.code, 0);
    let docs: Value = serde_json::from_str(&r.stdout).unwrap();
    let quote = &docs[0]["statements"][1];
    assert!(quote["text"].as_str().unwrap().starts_with("\"We will"));
    let continued: Vec<&Value> = (quote["evidence"].as_array().unwrap().iter())
        .filter(|e| e["feature"].as_str().unwrap().starts_with("continued:"))
        .collect();
    assert_eq!(continued.len(), 1, "{quote}");
    assert_eq!(
        continued[0]["text"],
        "The county's chief engineer, Ruth Okafor, said on Tuesday that the old ferry ramp was failing."
    );

    // where the cue did open the quote, the trace stays on the cue, with no extra line
    let r = sayso(tmp.path(), &["annotate", "--explain", "quoted.txt"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("continues the attribution"), "{}", r.stdout);
    let r = sayso(tmp.path(), &["annotate", "--format", "json", "quoted.txt"], None);
    let docs: Value = serde_json::from_str(&r.stdout).unwrap();
    let quote = &docs[0]["statements"][1];
    let texts: Vec<&str> = (quote["evidence"].as_array().unwrap().iter())
        .filter(|e| e["feature"].as_str().unwrap().starts_with("continued:"))
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert!(texts.iter().all(|t| *t == "said"), "{texts:?}");
}

#[test]
fn confidence_is_a_probability_with_many_values_across_the_corpus() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let tmp = TempDir::new().unwrap();
    let r = sayso(
        tmp.path(),
        &["annotate", "--format", "jsonl", corpus.to_str().unwrap()],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut seen = std::collections::BTreeSet::new();
    let mut statements = 0;
    for line in r.stdout.lines() {
        let doc: Value = serde_json::from_str(line).unwrap();
        for st in doc["statements"].as_array().unwrap() {
            statements += 1;
            let c = st["confidence"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&c), "{c}");
            // the probability of the chosen verdict: the largest of the three, so at least 1/3
            let p = &st["probabilities"]["verdict"];
            let verdict = st["verdict"].as_str().unwrap();
            assert_eq!(p[verdict].as_f64().unwrap(), c, "{st}");
            for v in ["confirmed", "alleged", "disputed"] {
                assert!(p[v].as_f64().unwrap() <= c, "{st}");
            }
            assert!(c >= 0.33, "{c}");
            let s = st["source_confidence"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&s), "{s}");
            seen.insert((c * 100.0).round() as i64);
        }
    }
    assert!(statements > 100, "{statements}");
    // not the three fixed values it once took (0.75, 0.8, 0.9)
    assert!(seen.len() > 3, "{seen:?}");
    assert!(seen.len() >= 20, "a calibrated probability spreads: {seen:?}");
}
