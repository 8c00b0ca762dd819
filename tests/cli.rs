//! What a user sees from the `sayso` command line: help, exit codes, output
//! formats, paths, colour, and how bad input is reported. These tests do not
//! depend on how the grammar is tuned (the corpus snapshots do that).

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sayso() -> Command {
    let mut c = Command::cargo_bin("sayso").expect("the sayso binary is built");
    c.current_dir(root()).env_remove("NO_COLOR");
    c
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("sayso runs");
    Run {
        code: out.status.code().expect("sayso exits with a code"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

const ESC: char = '\u{1b}';
const ARTICLE: &str = "corpus/01-port-strike.txt";

#[test]
fn help_explains_verdicts_and_exit_codes() {
    for args in [&["--help"][..], &["annotate", "--help"][..]] {
        let r = run(sayso().args(args));
        assert_eq!(r.code, 0, "{args:?}");
        for word in ["confirmed", "alleged", "disputed", "unnamed", "Exit codes"] {
            assert!(
                r.stdout.contains(word),
                "sayso {args:?} does not mention {word:?}:\n{}",
                r.stdout
            );
        }
        assert!(r.stdout.contains("  2  "), "exit code 2 is documented in {args:?}");
    }
}

#[test]
fn annotate_prints_legend_statements_and_summary() {
    let r = run(sayso().args(["annotate", ARTICLE]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("legend:"), "{}", r.stdout);
    assert!(r.stdout.contains(ARTICLE), "the path is shown");
    let summary = r
        .stdout
        .lines()
        .find(|l| l.contains(" statements: ") && l.contains("confirmed") && l.contains("disputed"))
        .unwrap_or_else(|| panic!("no summary line in:\n{}", r.stdout));
    let n: usize = summary
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .expect("summary starts with a count");
    assert!(n > 5, "{summary}");
    // every statement line carries a verdict and a source
    let labelled = r
        .stdout
        .lines()
        .filter(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            w.len() > 3
                && w[0].parse::<usize>().is_ok()
                && ["confirmed", "alleged", "disputed"].contains(&w[1])
                && ["none", "named", "unnamed"].contains(&w[2])
        })
        .count();
    assert_eq!(labelled, n, "one labelled line per statement");
    assert!(r.stderr.is_empty(), "no warnings for a clean article: {}", r.stderr);
}

#[test]
fn jsonl_is_one_object_per_document_with_the_contract_fields() {
    let files = [
        ARTICLE,
        "corpus/09-school-closures.md",
        "corpus/12-bridge-inspection.html",
    ];
    let mut args = vec!["annotate", "--format", "jsonl"];
    args.extend(files);
    let r = run(sayso().args(&args));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let docs = json_lines(&r.stdout);
    assert_eq!(docs.len(), files.len(), "one line per document");
    for (doc, file) in docs.iter().zip(files) {
        let len = std::fs::read(root().join(file)).unwrap().len() as u64;
        assert_eq!(doc["path"], file, "input order, path as given");
        let statements = doc["statements"].as_array().expect("statements");
        assert!(!statements.is_empty(), "{file}");
        let mut attributions = 0;
        for st in statements {
            let span = st["span"].as_array().expect("span");
            assert!(span[0].as_u64().unwrap() < span[1].as_u64().unwrap());
            assert!(
                span[1].as_u64().unwrap() <= len,
                "{file}: span past the end of the file"
            );
            assert!(["confirmed", "alleged", "disputed"].contains(&st["verdict"].as_str().unwrap()));
            assert!(["none", "named", "unnamed"].contains(&st["source"].as_str().unwrap()));
            assert!(st["hedges"].is_array(), "hedges");
            for h in st["hedges"].as_array().unwrap() {
                assert!(h["span"].is_array());
            }
            for a in st["attributions"].as_array().expect("attributions") {
                attributions += 1;
                assert!(a["cue"]["span"].is_array(), "cue span: {a}");
                assert!(a["source"].is_null() || a["source"]["span"].is_array(), "source: {a}");
                assert!(
                    a["content"]["span"].is_array() || a["content"]["spans"].is_array(),
                    "content: {a}"
                );
            }
        }
        assert!(attributions > 0, "{file}: a news article has attributions");
    }
}

#[test]
fn directory_is_walked_in_sorted_order_with_joined_paths() {
    let r = run(sayso().args(["annotate", "--format", "jsonl", "corpus"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let paths: Vec<String> = json_lines(&r.stdout)
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    let mut expected: Vec<String> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .map(|e| format!("corpus/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    expected.sort();
    assert_eq!(paths, expected);

    // nested directories, mixed extensions, and files that are not articles
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "b.txt", b"The mayor said the bridge was safe.\n");
    write(tmp.path(), "a.md", b"# Note\n\nThe council voted to close the pool.\n");
    write(tmp.path(), "sub/c.html", b"<p>The judge rejected the motion.</p>\n");
    write(tmp.path(), "notes.pdf", b"%PDF-1.4 not an article");
    let dir = s(tmp.path());
    let r = run(sayso().args(["annotate", "--format", "jsonl", dir]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let paths: Vec<String> = json_lines(&r.stdout)
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    let joined = |p: &str| Path::new(dir).join(p).display().to_string();
    assert_eq!(paths, [joined("a.md"), joined("b.txt"), joined("sub/c.html")]);
}

#[test]
fn dash_reads_standard_input() {
    let text = "The mayor said the bridge was safe. The bridge opened in 1931.\n";
    let r = run(sayso().args(["annotate", "--format", "jsonl", "-"]).write_stdin(text));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let docs = json_lines(&r.stdout);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["path"], "-");
    let statements = docs[0]["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 2, "{}", r.stdout);
    let last = statements[1]["span"].as_array().unwrap();
    let (a, b) = (last[0].as_u64().unwrap() as usize, last[1].as_u64().unwrap() as usize);
    assert_eq!(&text[a..b], "The bridge opened in 1931.");

    let r = run(sayso().args(["annotate", "-"]).write_stdin(text));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("The bridge opened in 1931."), "{}", r.stdout);
}

#[test]
fn colour_follows_no_color_pipes_and_the_flag() {
    let piped = run(sayso().args(["annotate", ARTICLE]));
    assert!(!piped.stdout.contains(ESC), "no escapes when stdout is a pipe");
    let no_color = run(sayso()
        .env("NO_COLOR", "1")
        .args(["annotate", "--color", "auto", ARTICLE]));
    assert!(!no_color.stdout.contains(ESC), "no escapes with NO_COLOR=1");
    let never = run(sayso().args(["annotate", "--color", "never", ARTICLE]));
    assert!(!never.stdout.contains(ESC));
    let always = run(sayso().args(["annotate", "--color", "always", ARTICLE]));
    assert_eq!(always.code, 0);
    assert!(always.stdout.contains(ESC), "--color always colours even into a pipe");
    // colour changes the decoration (the plain view marks roles with brackets),
    // not the statements: same lines, same labels, same summary
    let plain = strip_ansi(&always.stdout);
    assert_eq!(plain.lines().count(), never.stdout.lines().count());
    let labels = |t: &str| -> Vec<String> { t.lines().map(|l| l.chars().take(24).collect()).collect() };
    assert_eq!(labels(&plain)[1..], labels(&never.stdout)[1..]);
    let summary = |t: &str| t.lines().find(|l| l.contains(" statements: ")).map(str::to_string);
    assert!(summary(&plain).is_some());
    assert_eq!(summary(&plain), summary(&never.stdout));
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == ESC {
            // CSI: ESC [ params final-byte
            if chars.next() == Some('[') {
                for d in chars.by_ref() {
                    if ('@'..='~').contains(&d) {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn missing_file_is_one_error_line_and_the_rest_still_run() {
    let tmp = TempDir::new().unwrap();
    let missing = tmp.path().join("no-such-article.txt");
    let r = run(sayso().args(["annotate", "--format", "jsonl", s(&missing), ARTICLE]));
    assert_eq!(r.code, 2);
    let errors: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(errors.len(), 1, "one clear line: {}", r.stderr);
    assert!(errors[0].contains("no-such-article.txt"), "{}", errors[0]);
    assert!(errors[0].contains("no such file"), "{}", errors[0]);
    let docs = json_lines(&r.stdout);
    assert_eq!(docs.len(), 1, "the good file is still annotated");
    assert_eq!(docs[0]["path"], ARTICLE);

    let r = run(sayso().args(["annotate", s(&missing), ARTICLE]));
    assert_eq!(r.code, 2);
    assert!(
        r.stdout.contains(" statements: "),
        "text view of the good file: {}",
        r.stdout
    );
}

#[test]
fn empty_file_warns_and_succeeds() {
    let tmp = TempDir::new().unwrap();
    let empty = write(tmp.path(), "empty.txt", b"");
    let r = run(sayso().args(["annotate", "--format", "jsonl", s(&empty)]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("empty"),
        "{}",
        r.stderr
    );
    let docs = json_lines(&r.stdout);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["statements"].as_array().unwrap().len(), 0);
}

/// The terminal view shows the warning inline on stdout, but a user who
/// redirects stdout (or a CI log that keeps only stderr) does not see it.
#[test]
fn empty_file_warns_on_stderr_in_the_text_view() {
    let tmp = TempDir::new().unwrap();
    let empty = write(tmp.path(), "empty.txt", b"");
    let r = run(sayso().args(["annotate", s(&empty)]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("empty"),
        "{}",
        r.stderr
    );
}

#[test]
fn directory_without_articles_is_an_error() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "scan.pdf", b"%PDF-1.4");
    write(tmp.path(), "data.csv", b"a,b\n1,2\n");
    let r = run(sayso().args(["annotate", s(tmp.path())]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(s(tmp.path())),
        "the message names the directory: {}",
        r.stderr
    );
    assert!(r.stderr.contains("no .txt"), "{}", r.stderr);

    let empty = TempDir::new().unwrap();
    let r = run(sayso().args(["annotate", "--format", "jsonl", s(empty.path())]));
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "nothing on stdout: {}", r.stdout);
    assert!(!r.stderr.trim().is_empty());
}

#[test]
fn invalid_utf8_warns_and_keeps_offsets_in_the_original_bytes() {
    let tmp = TempDir::new().unwrap();
    let bytes: &[u8] = b"Caf\xe9 owners on Main Street reopened on Monday.\n\nThe mayor said the bridge was safe.\n";
    let f = write(tmp.path(), "latin1.txt", bytes);
    let r = run(sayso().args(["annotate", "--format", "jsonl", s(&f)]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("UTF-8"),
        "{}",
        r.stderr
    );
    let docs = json_lines(&r.stdout);
    let statements = docs[0]["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 2, "{}", r.stdout);
    let span = statements[1]["span"].as_array().unwrap();
    let (a, b) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
    assert_eq!(&bytes[a..b], b"The mayor said the bridge was safe.");
    for at in statements[1]["attributions"].as_array().unwrap() {
        let cue = at["cue"]["span"].as_array().unwrap();
        let (a, b) = (cue[0].as_u64().unwrap() as usize, cue[1].as_u64().unwrap() as usize);
        assert_eq!(&bytes[a..b], b"said");
    }
}

#[test]
fn binary_file_is_an_error() {
    let tmp = TempDir::new().unwrap();
    let f = write(tmp.path(), "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0");
    let r = run(sayso().args(["annotate", "--format", "jsonl", s(&f)]));
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "no document for a binary file: {}", r.stdout);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", r.stderr);
    assert!(
        lines[0].contains("error") && lines[0].contains("image.txt") && lines[0].contains("binary"),
        "{}",
        lines[0]
    );
}

#[test]
fn grammar_syntax_error_names_file_line_and_column() {
    let tmp = TempDir::new().unwrap();
    let g = write(
        tmp.path(),
        "g/extra.sayso",
        b"cue whisper {\n    stance: assert\n    verbs: whisper\n",
    );
    let r = run(sayso().args(["--grammar", s(g.parent().unwrap()), "annotate", ARTICLE]));
    assert_eq!(r.code, 2);
    assert!(
        r.stdout.is_empty() || !r.stdout.contains(" statements: "),
        "no analysis with a broken grammar"
    );
    let want = format!("{}:4:1: expected", s(&g));
    assert!(r.stderr.contains(&want), "expected {want:?} in: {}", r.stderr);

    // a misspelt key gets a suggestion at its own position
    let g = write(
        tmp.path(),
        "h/extra.sayso",
        b"cue whisper {\n    stance: assert\n    verbz: whisper\n}\n",
    );
    let r = run(sayso().args(["--grammar", s(g.parent().unwrap()), "annotate", ARTICLE]));
    assert_eq!(r.code, 2);
    let want = format!("{}:3:5:", s(&g));
    assert!(r.stderr.contains(&want), "expected {want:?} in: {}", r.stderr);
    assert!(r.stderr.contains("did you mean 'verbs'"), "{}", r.stderr);
}

#[test]
fn grammar_dir_with_an_extra_cue_changes_the_output() {
    let tmp = TempDir::new().unwrap();
    let article = write(tmp.path(), "a.txt", b"The minister whispered that the deal was dead.\n");
    let g = write(
        tmp.path(),
        "g/quiet.sayso",
        b"cue whisper {\n    doc: Quiet reporting.\n    stance: assert\n    verbs: whisper\n    flags: post\n}\n",
    );
    let cue_rules = |r: &Run| -> Vec<String> {
        json_lines(&r.stdout)[0]["statements"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|st| st["attributions"].as_array().unwrap().clone())
            .map(|a| a["cue"]["rule"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let before = run(sayso().args(["annotate", "--format", "jsonl", s(&article)]));
    assert_eq!(before.code, 0, "{}", before.stderr);
    assert!(!cue_rules(&before).contains(&"whisper".to_string()));
    let after = run(sayso().args([
        "--grammar",
        s(g.parent().unwrap()),
        "annotate",
        "--format",
        "jsonl",
        s(&article),
    ]));
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_eq!(cue_rules(&after), ["whisper"], "{}", after.stdout);
    assert_ne!(before.stdout, after.stdout);
}

/// A preposition that opens the content joins the cue ("complained about",
/// "warned of"); after a plain reporting verb, "on" opens a time and stays out.
#[test]
fn a_preposition_opening_the_content_joins_the_cue() {
    let dir = TempDir::new().unwrap();
    let text = "The harbour master complained about the new berthing fees.\n\n\
                The coastguard warned of high winds along the coast.\n\n\
                The mayor said on Tuesday that the quay would reopen.\n";
    let f = write(dir.path(), "particles.txt", text.as_bytes());
    let r = run(sayso().args(["annotate", "--format", "jsonl", "--grammar-only", s(&f)]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = &json_lines(&r.stdout)[0];
    let mut cues = Vec::new();
    for st in doc["statements"].as_array().unwrap() {
        for a in st["attributions"].as_array().unwrap() {
            let span = |v: &Value| {
                let v = v["span"].as_array().unwrap();
                &text[v[0].as_u64().unwrap() as usize..v[1].as_u64().unwrap() as usize]
            };
            cues.push((span(&a["cue"]).to_string(), span(&a["content"]).to_string()));
        }
    }
    let find = |cue: &str| {
        cues.iter()
            .find(|(c, _)| c == cue)
            .unwrap_or_else(|| panic!("no cue {cue:?} in {cues:?}"))
    };
    assert!(
        find("complained about").1.starts_with("the new berthing fees"),
        "{cues:?}"
    );
    assert!(find("warned of").1.starts_with("high winds"), "{cues:?}");
    assert!(find("said").1.contains("the quay would reopen"), "{cues:?}");
    assert!(!cues.iter().any(|(c, _)| c == "said on"), "{cues:?}");
}
