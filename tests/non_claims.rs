//! Lines that make no claim (bylines, section markers, bare headings,
//! question-only lines): kept in annotate's output with kind "non-claim",
//! counted in no share, no score and no check rule. The article is written for
//! this test.

use serde_json::Value;
use std::process::Command;

const ARTICLE: &str = "By Jane Doe\n\nHarbour Fees Rise Again\n\nThe harbour board raised fees on Monday, officials said.\n\n\
Some say the fees are too high?\n\nFinal Thoughts\n\nFULL TEXT.\n\nSome say the fees are too high.\n";

fn sayso(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sayso")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn non_claims_keep_their_offsets_and_count_nowhere() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("fees.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    let p = path.to_str().unwrap();

    let (code, out) = sayso(&["annotate", "--format", "jsonl", p]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(out.trim()).unwrap();
    let kinds: Vec<(&str, &str)> = (doc["statements"].as_array().unwrap().iter())
        .map(|s| (s["text"].as_str().unwrap(), s["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("By Jane Doe", "non-claim"),
            ("Harbour Fees Rise Again", "headline"),
            ("The harbour board raised fees on Monday, officials said.", "prose"),
            ("Some say the fees are too high?", "non-claim"),
            ("Final Thoughts", "non-claim"),
            ("FULL TEXT.", "non-claim"),
            ("Some say the fees are too high.", "prose"),
        ]
    );
    assert_eq!(doc["summary"]["statements"], 3, "{}", doc["summary"]);

    let (code, out) = sayso(&["score", "--format", "jsonl", p]);
    assert_eq!(code, 0);
    let row: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(row["statements"], 3, "{row}");
    let (_, rows) = sayso(&["score", "--per-statement", "--format", "jsonl", p]);
    assert_eq!(rows.lines().count(), 3, "{rows}");

    // the same weasel is a finding in a claim and none in a question-only line
    let (_, found) = sayso(&["check", "--format", "json", p]);
    let found: Value = serde_json::from_str(&found).unwrap();
    let weasel_lines: Vec<u64> = (found["files"][0]["findings"].as_array().unwrap().iter())
        .filter(|f| f["rule"] == "weasel")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(weasel_lines, [13], "{found}");
}

#[test]
fn html_navigation_asides_and_footers_are_not_read() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("page.html");
    let page = "<html><body><nav><a href=\"/\">Home</a> Sports said nothing.</nav>\
<article><header><h1>Ferry Fares Rise</h1></header><p>The harbour board raised fares on Monday.</p>\
<aside>Readers said the ferry is late.</aside><footer>Reporters said nothing here.</footer></article></body></html>";
    std::fs::write(&path, page).unwrap();
    let (code, out) = sayso(&["annotate", "--format", "jsonl", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(out.trim()).unwrap();
    let texts: Vec<&str> = (doc["statements"].as_array().unwrap().iter())
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["Ferry Fares Rise", "The harbour board raised fares on Monday."]);
    // offsets still point into the original bytes
    let first = &doc["statements"][1]["span"];
    let (s, e) = (first[0].as_u64().unwrap() as usize, first[1].as_u64().unwrap() as usize);
    assert_eq!(&page[s..e], "The harbour board raised fares on Monday.");
}
