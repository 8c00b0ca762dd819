//! Rendering for `sayso sources`: the holders of a document as a table for
//! people, JSON for programs and CSV rows for spreadsheets. Spans are mapped
//! to the original file before any line number is printed.

use crate::holders::{Holder, display_form};
use crate::input::Document;
use crate::model::SourceKind;
use colored::Colorize;
use serde_json::{Value, json};

/// The CSV columns, in order (documented in `sayso sources --help`).
pub const CSV_COLUMNS: &[&str] = &[
    "path",
    "holder",
    "kind",
    "mentions",
    "forms",
    "statements",
    "confirmed",
    "alleged",
    "disputed",
    "first_line",
];

/// Line and column (1-based, in the original file) where a holder first appears.
pub fn first_position(doc: &Document, h: &Holder) -> (usize, usize) {
    doc.line_col(doc.to_original(h.first).start)
}

fn kind_str(h: &Holder) -> &'static str {
    match h.kind {
        SourceKind::Unnamed => "unnamed",
        _ => "named",
    }
}

/// One holder as a JSON object.
pub fn holder_json(doc: &Document, h: &Holder) -> Value {
    let (line, column) = first_position(doc, h);
    let mentions: Vec<Value> = h
        .mentions
        .iter()
        .map(|m| {
            let o = doc.to_original(*m);
            json!([o.start, o.end])
        })
        .collect();
    json!({
        "holder": h.name,
        "kind": kind_str(h),
        "placeholder": h.placeholder,
        "mentions": h.mentions.len(),
        "mention_spans": mentions,
        "forms": h.forms,
        "statements": h.statements.len(),
        "statement_spans": h
            .statement_spans
            .iter()
            .map(|s| {
                let o = doc.to_original(*s);
                json!([o.start, o.end])
            })
            .collect::<Vec<_>>(),
        "verdicts": h.verdicts,
        "first": {"line": line, "column": column},
    })
}

/// One document's holders as a JSON object: `{"path", "holders": [...]}`.
pub fn document(doc: &Document, holders: &[Holder]) -> Value {
    json!({
        "path": doc.path,
        "holders": holders.iter().map(|h| holder_json(doc, h)).collect::<Vec<_>>(),
    })
}

/// One CSV record per holder, matching `CSV_COLUMNS`.
pub fn csv_records(doc: &Document, holders: &[Holder]) -> Vec<Vec<String>> {
    holders
        .iter()
        .map(|h| {
            let (line, _) = first_position(doc, h);
            vec![
                doc.path.clone(),
                h.name.clone(),
                kind_str(h).to_string(),
                h.mentions.len().to_string(),
                h.forms.join(" | "),
                h.statements.len().to_string(),
                h.verdicts.confirmed.to_string(),
                h.verdicts.alleged.to_string(),
                h.verdicts.disputed.to_string(),
                line.to_string(),
            ]
        })
        .collect()
}

fn pad_left(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(s.chars().count())))
}

fn pad_right(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.chars().count())))
}

/// The readable table for one document.
pub fn table(doc: &Document, holders: &[Holder], color: bool) -> String {
    let mut out = String::new();
    let n = holders.iter().filter(|h| !h.placeholder).count();
    let head = format!("{} — {}", super::visible(&doc.path), super::plural(n, "holder"));
    out.push_str(&if color { head.bold().to_string() } else { head });
    out.push('\n');
    if holders.is_empty() {
        out.push_str("  no attributions: every statement is in the writer's own voice\n");
        return out;
    }
    let header = format!(
        "  {}  {}  {}  {}  {}  {}  {}  {}",
        pad_left("stmts", 5),
        pad_left("conf", 4),
        pad_left("alleg", 5),
        pad_left("disp", 4),
        pad_right("kind", 7),
        pad_left("line", 4),
        pad_left("ment", 4),
        "holder (forms)"
    );
    out.push_str(&if color { header.dimmed().to_string() } else { header });
    out.push('\n');
    for h in holders {
        let (line, _) = first_position(doc, h);
        let num = |v: usize, w: usize, paint: fn(String) -> String| {
            let s = pad_left(&v.to_string(), w);
            if color && v > 0 { paint(s) } else { s }
        };
        let kind = pad_right(kind_str(h), 7);
        let kind = if color && h.kind == SourceKind::Unnamed {
            kind.magenta().to_string()
        } else {
            kind
        };
        let shown = super::visible(&h.name);
        let name = if color && !h.placeholder {
            shown.bold().to_string()
        } else {
            shown.into_owned()
        };
        let others: Vec<String> = h
            .forms
            .iter()
            .filter(|f| display_form(f) != h.name)
            .map(|f| format!("“{}”", super::visible(f)))
            .collect();
        let forms = if others.is_empty() {
            String::new()
        } else {
            let f = format!("  ({})", others.join(", "));
            if color { f.dimmed().to_string() } else { f }
        };
        out.push_str(&format!(
            "  {}  {}  {}  {}  {}  {}  {}  {}{}\n",
            pad_left(&h.statements.len().to_string(), 5),
            num(h.verdicts.confirmed, 4, |s| s.green().to_string()),
            num(h.verdicts.alleged, 5, |s| s.yellow().to_string()),
            num(h.verdicts.disputed, 4, |s| s.red().bold().to_string()),
            kind,
            pad_left(&line.to_string(), 4),
            pad_left(&h.mentions.len().to_string(), 4),
            name,
            forms
        ));
    }
    out
}
