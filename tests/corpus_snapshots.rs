//! Snapshots of `sayso annotate` on every article in `corpus/`, in the
//! terminal view with `--explain` and as JSON Lines, plus invariants of the
//! JSON that hold whatever the grammar's tuning: spans inside the file,
//! statements in order and not overlapping, statement text equal to the
//! original bytes it points at, and only the documented verdicts and sources.
//!
//! The analysis is being tuned: when its output changes on purpose, review the
//! new snapshots and accept them with
//! `INSTA_UPDATE=always cargo test --test corpus_snapshots`.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

const VERDICTS: &[&str] = &["confirmed", "alleged", "disputed"];
const SOURCES: &[&str] = &["none", "named", "unnamed"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus files, by relative path ("corpus/01-port-strike.txt"), sorted.
fn corpus_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join("corpus"))
        .expect("corpus/ exists")
        .map(|e| {
            e.expect("readable corpus entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| !n.starts_with('.'))
        .map(|n| format!("corpus/{n}"))
        .collect();
    files.sort();
    files
}

fn sayso(args: &[&str]) -> String {
    let out = Command::cargo_bin("sayso")
        .expect("the sayso binary is built")
        .current_dir(root())
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("sayso runs");
    assert!(
        out.status.success(),
        "sayso {args:?} failed with {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("sayso prints UTF-8")
}

/// A snapshot name for a corpus file: "01-port-strike_txt".
fn snapshot_name(file: &str) -> String {
    let name = Path::new(file).file_name().unwrap().to_string_lossy();
    name.replace('.', "_")
}

#[test]
fn corpus_has_the_promised_mix_of_formats() {
    let files = corpus_files();
    let count = |ext: &str| files.iter().filter(|f| f.ends_with(ext)).count();
    assert!(files.len() >= 14, "{files:?}");
    assert!(count(".txt") >= 8, "{files:?}");
    assert!(count(".md") >= 3, "{files:?}");
    assert!(count(".html") >= 3, "{files:?}");
    assert!(files.contains(&"corpus/01-port-strike.txt".to_string()));
}

#[test]
fn explain_view_snapshots() {
    for file in corpus_files() {
        let out = sayso(&["annotate", "--color", "never", "--explain", &file]);
        assert!(!out.contains('\u{1b}'), "{file}: escape codes with --color never");
        insta::assert_snapshot!(format!("{}_explain", snapshot_name(&file)), out);
    }
}

#[test]
fn jsonl_snapshots() {
    for file in corpus_files() {
        let out = sayso(&["annotate", "--format", "jsonl", &file]);
        // stored pretty-printed so that a change in one statement is a readable diff
        let doc: Value = serde_json::from_str(out.trim_end()).unwrap_or_else(|e| panic!("{file}: invalid JSON: {e}"));
        let pretty = serde_json::to_string_pretty(&doc).unwrap();
        insta::assert_snapshot!(format!("{}_jsonl", snapshot_name(&file)), pretty);
    }
}

fn span(v: &Value, what: &str) -> (usize, usize) {
    let a = v
        .as_array()
        .unwrap_or_else(|| panic!("{what}: span is not an array: {v}"));
    assert_eq!(a.len(), 2, "{what}: span {v}");
    let s = a[0].as_u64().unwrap_or_else(|| panic!("{what}: bad start {v}")) as usize;
    let e = a[1].as_u64().unwrap_or_else(|| panic!("{what}: bad end {v}")) as usize;
    (s, e)
}

/// Every span of a role object: `{"span": [s, e]}` or `{"spans": [[s, e], ...]}`.
fn role_spans(role: &Value, what: &str) -> Vec<(usize, usize)> {
    if let Some(s) = role.get("span") {
        vec![span(s, what)]
    } else if let Some(ss) = role.get("spans") {
        ss.as_array()
            .unwrap_or_else(|| panic!("{what}: spans is not an array"))
            .iter()
            .map(|s| span(s, what))
            .collect()
    } else {
        panic!("{what}: neither span nor spans in {role}")
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_in_file(file: &str, bytes: &[u8], (s, e): (usize, usize), what: &str) {
    assert!(
        s <= e && e <= bytes.len(),
        "{file}: {what} span [{s}, {e}] outside the file ({} bytes)",
        bytes.len()
    );
}

#[test]
fn jsonl_invariants() {
    for file in corpus_files() {
        let bytes = std::fs::read(root().join(&file)).unwrap();
        let out = sayso(&["annotate", "--format", "jsonl", &file]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 1, "{file}: one JSON line per document");
        let doc: Value = serde_json::from_str(lines[0]).unwrap_or_else(|e| panic!("{file}: invalid JSON: {e}"));
        assert_eq!(doc["path"], file.as_str(), "{file}: path as given");
        let statements = doc["statements"].as_array().expect("statements array");
        assert!(!statements.is_empty(), "{file}: a news article yields statements");
        let mut prev_end = 0;
        for (i, st) in statements.iter().enumerate() {
            let what = format!("statement {i}");
            let (s, e) = span(&st["span"], &what);
            check_in_file(&file, &bytes, (s, e), &what);
            assert!(s < e, "{file}: {what} is empty");
            assert!(
                s >= prev_end,
                "{file}: {what} [{s}, {e}] starts before the previous one ends ({prev_end})"
            );
            prev_end = e;
            let verdict = st["verdict"].as_str().unwrap_or_default();
            assert!(VERDICTS.contains(&verdict), "{file}: {what} verdict {verdict:?}");
            let source = st["source"].as_str().unwrap_or_default();
            assert!(SOURCES.contains(&source), "{file}: {what} source {source:?}");
            let original = std::str::from_utf8(&bytes[s..e])
                .unwrap_or_else(|_| panic!("{file}: {what} [{s}, {e}] does not fall on character boundaries"));
            if file.ends_with(".txt") {
                let text = st["text"].as_str().expect("statement text");
                let (want, got) = (squash(original), squash(text));
                match got.strip_suffix('…') {
                    // a long statement's text is an excerpt of its first 200 characters
                    Some(prefix) if got.chars().count() > 200 => assert!(
                        want.starts_with(prefix.trim_end()),
                        "{file}: {what} text {got:?} is not a prefix of the original {want:?}"
                    ),
                    _ => assert_eq!(
                        want, got,
                        "{file}: {what} text differs from the original bytes [{s}, {e}]"
                    ),
                }
            }
            for (k, at) in st["attributions"]
                .as_array()
                .expect("attributions array")
                .iter()
                .enumerate()
            {
                let what = format!("statement {i} attribution {k}");
                let cue = role_spans(&at["cue"], &what);
                for c in &cue {
                    check_in_file(&file, &bytes, *c, &format!("{what} cue"));
                    // an attribution sits in the statement that holds its cue
                    assert!(
                        c.0 >= s && c.1 <= e,
                        "{file}: {what} cue {c:?} outside its statement [{s}, {e}]"
                    );
                }
                if !at["source"].is_null() {
                    for sp in role_spans(&at["source"], &what) {
                        check_in_file(&file, &bytes, sp, &format!("{what} source"));
                    }
                }
                for sp in role_spans(&at["content"], &what) {
                    check_in_file(&file, &bytes, sp, &format!("{what} content"));
                }
            }
            for (k, h) in st["hedges"].as_array().expect("hedges array").iter().enumerate() {
                let what = format!("statement {i} hedge {k}");
                let hs = span(&h["span"], &what);
                check_in_file(&file, &bytes, hs, &what);
                assert!(
                    hs.0 >= s && hs.1 <= e,
                    "{file}: {what} {hs:?} outside its statement [{s}, {e}]"
                );
            }
        }
    }
}
