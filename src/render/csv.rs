//! `annotate --format csv`: one row per statement, with a header row. Quoting
//! is RFC 4180, by the same writer `score`'s CSV uses (`score::csv_record`).

use super::score::{csv_record, statement_cells};
use crate::input::Document;
use crate::model::{Analysis, Statement};

/// The columns, in order (a contract: columns are only ever added at the end).
pub const COLUMNS: &[&str] = &[
    "path",
    "index",
    "line",
    "column",
    "start",
    "end",
    "verdict",
    "source",
    "confidence",
    "kind",
    "text",
    "cues",
    "holders",
    "hedges",
];

/// Several values in one cell.
const SEPARATOR: &str = "; ";

/// The header row (with its line ending).
pub fn header() -> String {
    csv_record(&COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>())
}

/// One row per statement of a document (each with its line ending); none
/// when it has no statements.
pub fn rows(doc: &Document, a: &Analysis) -> String {
    rows_from(doc, a, 0)
}

/// [`rows`] of one window of a document, its first statement numbered `first`.
pub fn rows_from(doc: &Document, a: &Analysis, first: usize) -> String {
    let mut out = String::new();
    for (i, st) in a.statements.iter().enumerate() {
        out.push_str(&csv_record(&row(doc, a, first + i, st)));
    }
    out
}

fn row(doc: &Document, a: &Analysis, index: usize, st: &Statement) -> Vec<String> {
    // index, line, column, start, end, verdict, source, confidence: as `score --per-statement` writes them
    let mut cells: Vec<String> = vec![doc.path.clone()];
    cells.extend(statement_cells(doc, a, index, st).iter().take(8).map(|c| c.csv()));
    let text = |s: crate::span::Span| s.slice(&doc.text).to_string();
    let cues: Vec<String> = (st.attributions.iter().chain(&st.acts))
        .map(|&k| text(a.attributions[k].cue))
        .collect();
    let mut holders: Vec<String> = Vec::new();
    for &k in st.attributions.iter().chain(&st.inherited) {
        if let Some(s) = &a.attributions[k].source {
            let h = text(s.resolved.unwrap_or(s.span));
            if !holders.contains(&h) {
                holders.push(h);
            }
        }
    }
    let hedges: Vec<String> = st.hedges.iter().map(|h| text(h.span)).collect();
    cells.push(st.kind.to_string());
    cells.push(text(st.span));
    cells.push(cues.join(SEPARATOR));
    cells.push(holders.join(SEPARATOR));
    cells.push(hedges.join(SEPARATOR));
    cells
}
