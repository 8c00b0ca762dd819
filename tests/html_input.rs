//! Reading HTML as a user meets it: `annotate --format jsonl` on a page the
//! test writes, with the site's navigation, asides, header and footer around
//! the article. Their text is no statement, and every statement's span slices
//! the original file to the statement's text. `[html] skipped-scopes` in
//! `sayso.toml` changes what is skipped, for `annotate` and `check` alike.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

const PAGE: &str = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n\
<title>Harbour Board Raises Fees | Example Gazette</title></head>\n<body>\n\
<header><a href=\"/\">Example Gazette</a>\n\
<nav><ul><li><a href=\"/p\">Officials said the navigation menu was broken.</a></li></ul></nav></header>\n\
<main><article>\n<header><h1>Harbour Board Raises Fees</h1></header>\n\
<p>The harbour board raised mooring fees on Monday, officials said.</p>\n\
<p>The board&rsquo;s chair said the increase would pay for dredging &rarr; next year.</p>\n\
<aside><p>Critics said the sidebar story was wrong.</p></aside>\n\
</article></main>\n\
<aside><p>Residents said the weather would improve.</p></aside>\n\
<footer><p>Editors said the footer was reviewed.</p></footer>\n</body></html>\n";

fn sayso(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sayso"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A folder that is its own repository root, so no `sayso.toml` above it counts.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("page.html"), PAGE).unwrap();
    dir
}

/// (text, span) of each statement `annotate --format jsonl` reports.
fn statements(dir: &Path) -> Vec<(String, [usize; 2])> {
    let (code, out, err) = sayso(dir, &["annotate", "--format", "jsonl", "page.html"]);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(out.trim()).unwrap();
    (doc["statements"].as_array().unwrap().iter())
        .map(|s| {
            let span = s["span"].as_array().unwrap();
            let at = |i: usize| span[i].as_u64().unwrap() as usize;
            (s["text"].as_str().unwrap().to_string(), [at(0), at(1)])
        })
        .collect()
}

/// The statement's span, sliced from the original file, reads as its text
/// (once the character references in the slice are read).
fn assert_spans_slice_the_file(sts: &[(String, [usize; 2])]) {
    for (text, [start, end]) in sts {
        let slice = &PAGE[*start..*end];
        let read = slice.replace("&rsquo;", "\u{2019}").replace("&rarr;", "\u{2192}");
        assert_eq!(&read, text, "span {start}..{end}: {slice:?}");
    }
}

#[test]
fn boilerplate_is_no_statement_and_spans_slice_the_file() {
    let dir = folder();
    let sts = statements(dir.path());
    let texts: Vec<&str> = sts.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Harbour Board Raises Fees",
            "The harbour board raised mooring fees on Monday, officials said.",
            "The board\u{2019}s chair said the increase would pay for dredging \u{2192} next year.",
        ]
    );
    assert_spans_slice_the_file(&sts);
    // check skips the same text: no finding on the asides' "Critics said" or "Residents said"
    let lines = check_lines(dir.path());
    assert!(lines.contains(&line_of("mooring fees")), "{lines:?}");
    assert!(!lines.contains(&line_of("Critics said")), "{lines:?}");
    assert!(!lines.contains(&line_of("Residents said")), "{lines:?}");
}

#[test]
fn skipped_scopes_come_from_sayso_toml_for_annotate_and_check() {
    let dir = folder();
    std::fs::write(
        dir.path().join("sayso.toml"),
        "[html]\nskipped-scopes = [\"nav\", \"header\", \"footer\", \"figure\"]\n",
    )
    .unwrap();
    let sts = statements(dir.path());
    let texts: Vec<&str> = sts.iter().map(|(t, _)| t.as_str()).collect();
    // asides are read now: the one in the article (the page around it is not)
    assert!(
        texts.contains(&"Critics said the sidebar story was wrong."),
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains("weather") || t.contains("navigation")),
        "{texts:?}"
    );
    assert_spans_slice_the_file(&sts);

    // check reads the page the same way: the aside's "Critics" is now a finding
    assert!(check_lines(dir.path()).contains(&line_of("Critics said")));
    let (code, shown, _) = sayso(dir.path(), &["check", "--show-config", "page.html"]);
    assert_eq!(code, 0);
    assert!(
        shown.contains("[html]\nskipped-scopes = [\"nav\", \"header\", \"footer\", \"figure\"]"),
        "{shown}"
    );
}

/// The 1-based line of the page that holds `needle`.
fn line_of(needle: &str) -> u64 {
    PAGE.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

/// The lines `check` reports findings on.
fn check_lines(dir: &Path) -> Vec<u64> {
    let (code, out, err) = sayso(dir, &["check", "--format", "json", "--fail-on", "never", "page.html"]);
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    (report["files"][0]["findings"].as_array().unwrap().iter())
        .filter_map(|f| f["line"].as_u64())
        .collect()
}

#[test]
fn a_bad_skipped_scope_is_an_error_that_says_what_is_accepted() {
    let dir = folder();
    std::fs::write(
        dir.path().join("sayso.toml"),
        "[html]\nskipped-scopes = [\"div > p\"]\n",
    )
    .unwrap();
    let (code, _, err) = sayso(dir.path(), &["annotate", "page.html"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("'div > p' is not a scope"), "{err}");
    assert!(err.contains("a class (\".ad\")"), "{err}");
}
