//! SARIF 2.1.0 for `sayso check --format sarif` (GitHub code scanning).
//! Every registered rule is listed in `tool.driver.rules`; suppressed findings
//! are included with `suppressions: [{kind: "inSource", justification}]`.
//! Columns are counted in Unicode code points (`columnKind`).

use crate::lint::{FileReport, Severity, rules};
use serde_json::{Value, json};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Where the tool is documented (shown by code scanning).
pub const INFORMATION_URI: &str = "https://github.com/sayso-news/sayso/blob/main/docs/check.md";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Off => "none",
    }
}

/// A path as a relative URI reference (forward slashes, no leading "./").
pub fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.trim_start_matches("./");
    p.replace(' ', "%20").replace('#', "%23").replace('?', "%3F")
}

pub fn document(reports: &[FileReport]) -> Value {
    let mut frame = frame();
    frame["runs"][0]["results"] = Value::Array(results(reports).collect());
    frame
}

/// [`document`], pretty-printed to `w` (with a final line break) one result at
/// a time.
pub fn write(w: &mut impl std::io::Write, reports: &[FileReport]) -> std::io::Result<()> {
    crate::render::write_pretty_streaming(w, &frame(), results(reports))?;
    w.write_all(b"\n")
}

/// The log with its results array left to [`crate::render::write_pretty_streaming`].
fn frame() -> Value {
    let all = rules::all();
    let rule_defs: Vec<Value> = all
        .iter()
        .map(|r| {
            let examples: Vec<String> = r
                .examples()
                .iter()
                .map(|e| format!("{} {}", if e.flagged { "flagged:" } else { "passes: " }, e.text))
                .collect();
            json!({
                "id": r.id(),
                "name": r.id(),
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": r.rationale()},
                "help": {
                    "text": format!("{}\n\nExamples:\n{}\n\nRun `sayso rules {}` for details.", r.rationale(), examples.join("\n"), r.id()),
                },
                "helpUri": INFORMATION_URI,
                "defaultConfiguration": {"level": level(r.default_severity())},
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "sayso",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": rule_defs,
            }},
            "columnKind": "unicodeCodePoints",
            "results": crate::render::STREAMED,
        }]
    })
}

/// Each finding of `reports` as a SARIF result, in order.
fn results(reports: &[FileReport]) -> impl Iterator<Item = Value> + '_ {
    let all = rules::all();
    reports.iter().flat_map(move |rep| {
        rep.findings.iter().map(move |f| {
            let idx = all.iter().position(|r| r.id() == f.rule).unwrap_or(0);
            let mut text = f.message.clone();
            if let Some(h) = &f.help {
                text.push_str(&format!(" (help: {h})"));
            }
            let mut res = json!({
                "ruleId": f.rule,
                "ruleIndex": idx,
                "level": level(f.severity),
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&rep.path)},
                        "region": {
                            "startLine": f.line.max(1),
                            "startColumn": f.column.max(1),
                            "endLine": f.end_line.max(f.line).max(1),
                            "endColumn": f.end_column.max(1),
                        }
                    }
                }],
            });
            if let Some(s) = &f.suppression {
                let mut sup = json!({"kind": "inSource"});
                if let Some(j) = &s.justification {
                    sup["justification"] = json!(j);
                }
                res["suppressions"] = json!([sup]);
            }
            res
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references() {
        assert_eq!(uri("./drafts/a b.md"), "drafts/a%20b.md");
        assert_eq!(uri("drafts\\x.md"), "drafts/x.md");
    }

    #[test]
    fn empty_run_has_required_fields() {
        let d = document(&[]);
        assert_eq!(d["version"], "2.1.0");
        assert_eq!(d["runs"][0]["tool"]["driver"]["name"], "sayso");
        assert!(d["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().len() >= 7);
    }
}
