//! Rows and totals for `sayso score`: one row per article (or per statement)
//! as CSV, JSON or a terminal table, and the corpus summary.
//!
//! The column sets are a stable contract (docs/score.md): columns are only
//! ever added at the end, never renamed or reordered.

use crate::input::Document;
use crate::model::{Analysis, Statement, Summary};
use serde_json::Value;

/// Article-row columns after the key columns (`path, format` for files;
/// `id` and the `--keep` fields for records). `error` is always last.
pub const ARTICLE_COLUMNS: &[&str] = &[
    "statements",
    "words",
    "confirmed",
    "alleged",
    "disputed",
    "source_none",
    "source_named",
    "source_unnamed",
    "attributions",
    "hedges",
    "share_confirmed",
    "share_alleged",
    "share_disputed",
    "share_unnamed",
    "hedge_density",
    "error",
];

/// Statement-row columns after the key columns.
pub const STATEMENT_COLUMNS: &[&str] = &[
    "index",
    "line",
    "column",
    "start",
    "end",
    "verdict",
    "source",
    "confidence",
    "attributions",
    "hedges",
    "text",
];

/// Round to three decimals, as `annotate`'s summary does.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// One cell value, typed so that JSON keeps numbers as numbers.
#[derive(Debug, Clone)]
pub enum Cell {
    Int(usize),
    Num(f64),
    Str(String),
    Json(Value),
    Null,
}

impl Cell {
    /// The cell as CSV text (before quoting).
    pub fn csv(&self) -> String {
        match self {
            Cell::Int(n) => n.to_string(),
            Cell::Num(x) => fmt_num(*x),
            Cell::Str(s) => s.clone(),
            Cell::Json(Value::String(s)) => s.clone(),
            Cell::Json(Value::Null) | Cell::Null => String::new(),
            Cell::Json(v) => v.to_string(),
        }
    }
    /// The cell as JSON, appended to `out` (serde_json writes into the buffer:
    /// no string per cell, which the rows of a large batch would pay for).
    fn json(&self, out: &mut Vec<u8>) {
        match self {
            Cell::Int(n) => write_json(out, n),
            Cell::Num(x) => out.extend_from_slice(fmt_num(*x).as_bytes()),
            Cell::Str(s) => write_json(out, s),
            Cell::Json(v) => write_json(out, v),
            Cell::Null => out.extend_from_slice(b"null"),
        }
    }
}

fn fmt_num(x: f64) -> String {
    if x.is_finite() {
        let s = format!("{x}");
        if s.contains('.') || s.contains('e') {
            s
        } else {
            format!("{s}.0")
        }
    } else {
        "null".into()
    }
}

/// The summary counts of one article, in `ARTICLE_COLUMNS` order (without `error`).
pub fn article_cells(s: &Summary) -> Vec<Cell> {
    vec![
        Cell::Int(s.statements),
        Cell::Int(s.words),
        Cell::Int(s.confirmed),
        Cell::Int(s.alleged),
        Cell::Int(s.disputed),
        Cell::Int(s.source_none),
        Cell::Int(s.source_named),
        Cell::Int(s.source_unnamed),
        Cell::Int(s.attributions),
        Cell::Int(s.hedges),
        Cell::Num(round3(s.share(s.confirmed))),
        Cell::Num(round3(s.share(s.alleged))),
        Cell::Num(round3(s.share(s.disputed))),
        Cell::Num(round3(s.share(s.source_unnamed))),
        Cell::Num(round3(s.hedge_density)),
    ]
}

/// Empty cells for a failed article (all but `error`).
pub fn empty_article_cells() -> Vec<Cell> {
    vec![Cell::Null; ARTICLE_COLUMNS.len() - 1]
}

/// A statement's text on one line (line breaks become spaces).
pub fn one_line(t: &str) -> String {
    t.chars()
        .map(|c| if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c })
        .collect()
}

/// The cells of one statement, in `STATEMENT_COLUMNS` order. Offsets and
/// line:column are in the ORIGINAL bytes.
pub fn statement_cells(doc: &Document, _a: &Analysis, index: usize, st: &Statement) -> Vec<Cell> {
    let o = doc.to_original(st.span);
    let (line, column) = doc.line_col(o.start);
    vec![
        Cell::Int(index),
        Cell::Int(line),
        Cell::Int(column),
        Cell::Int(o.start),
        Cell::Int(o.end),
        Cell::Str(st.verdict.as_str().into()),
        Cell::Str(st.source.as_str().into()),
        Cell::Num((st.confidence as f64 * 100.0).round() / 100.0),
        Cell::Int(st.attributions.len() + st.acts.len()),
        Cell::Int(st.hedges.len()),
        Cell::Str(one_line(st.span.slice(&doc.text))),
    ]
}

/// A CSV record (with its line ending) via the `csv` crate.
pub fn csv_record(cells: &[String]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::with_capacity(128));
    let _ = w.write_record(cells);
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A CSV row from (name, cell) pairs; names are ignored (the header carries them).
pub fn csv_row(cells: &[(String, Cell)]) -> String {
    csv_record(&cells.iter().map(|(_, c)| c.csv()).collect::<Vec<_>>())
}

/// A JSON object from (name, cell) pairs, keys in the given order (no newline).
pub fn json_row(cells: &[(String, Cell)]) -> String {
    let mut out = Vec::with_capacity(384);
    out.push(b'{');
    for (i, (k, c)) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_json(&mut out, k);
        out.push(b':');
        c.json(&mut out);
    }
    out.push(b'}');
    // (serde_json writes UTF-8 only, so the lossy branch never runs)
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `value` as JSON, appended to `out`.
fn write_json<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // (writing into a Vec cannot fail, and these values have no map keys that could)
    let _ = serde_json::to_writer(out, value);
}

/// The label of the totals row in the table.
pub const TOTAL_LABEL: &str = "total";

/// The width of the table's key column for keys at most `longest` characters
/// long: never narrower than the labels it holds ("path", "total"), so those
/// are never cut, and at most 48 (longer paths are cut from the left).
pub fn key_width(longest: usize) -> usize {
    longest.clamp(TOTAL_LABEL.chars().count().max("path".len()), 48)
}

/// Left-truncate a path to `width` characters ("…" + tail), or pad it; safe
/// for a terminal (`super::visible`).
pub fn fit_left(s: &str, width: usize) -> String {
    let s = &*super::visible(s);
    let n = s.chars().count();
    if n <= width {
        format!("{s:<width$}")
    } else {
        let tail: String = s.chars().skip(n - (width - 1)).collect();
        format!("…{tail}")
    }
}

/// Right-truncate a text to `width` characters.
pub fn fit_right(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n <= width {
        s.to_string()
    } else {
        let head: String = s.chars().take(width - 1).collect();
        format!("{head}…")
    }
}

fn pct(x: f64) -> String {
    format!("{:>5.1}%", x * 100.0)
}

/// The table header for article rows.
pub fn table_article_header(key_width: usize) -> String {
    let head = format!(
        "{} {:>6} {:>7} {:>7} {:>7} {:>7} {:>7}",
        fit_left("path", key_width),
        "stmts",
        "confirm",
        "alleged",
        "dispute",
        "unnamed",
        "hedge/k"
    );
    let rule = "─".repeat(head.chars().count());
    format!("{head}\n{rule}\n")
}

/// One article as a table row.
pub fn table_article_row(key: &str, key_width: usize, s: &Summary) -> String {
    format!(
        "{} {:>6} {:>7} {:>7} {:>7} {:>7} {:>7.1}\n",
        fit_left(key, key_width),
        s.statements,
        pct(s.share(s.confirmed)),
        pct(s.share(s.alleged)),
        pct(s.share(s.disputed)),
        pct(s.share(s.source_unnamed)),
        s.hedge_density
    )
}

/// A failed article as a table row.
pub fn table_error_row(key: &str, key_width: usize, error: &str) -> String {
    format!(
        "{} error: {}\n",
        fit_left(key, key_width),
        super::visible(&one_line(error))
    )
}

/// The table header for statement rows.
pub fn table_statement_header(key_width: usize) -> String {
    let head = format!(
        "{} {:>5} {:>9} {:<9} {:<7} {:>4} text",
        fit_left("path", key_width),
        "#",
        "line:col",
        "verdict",
        "source",
        "conf"
    );
    let rule = "─".repeat(head.chars().count() + 20);
    format!("{head}\n{rule}\n")
}

/// One statement as a table row.
pub fn table_statement_row(key: &str, key_width: usize, doc: &Document, index: usize, st: &Statement) -> String {
    let o = doc.to_original(st.span);
    let (line, column) = doc.line_col(o.start);
    format!(
        "{} {:>5} {:>9} {:<9} {:<7} {:>4.2} {}\n",
        fit_left(key, key_width),
        index,
        format!("{line}:{column}"),
        st.verdict.as_str(),
        st.source.as_str(),
        st.confidence,
        fit_right(&super::visible(&one_line(st.span.slice(&doc.text))), 80)
    )
}

/// min / median / mean / max of a set of values (None when empty).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Distribution {
    pub min: f64,
    pub median: f64,
    pub mean: f64,
    pub max: f64,
}

impl Distribution {
    pub fn of(values: &[f64]) -> Option<Distribution> {
        if values.is_empty() {
            return None;
        }
        let mut v = values.to_vec();
        v.sort_by(|a, b| a.total_cmp(b));
        let n = v.len();
        let median = if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        };
        Some(Distribution {
            min: v[0],
            median,
            mean: v.iter().sum::<f64>() / n as f64,
            max: v[n - 1],
        })
    }
    fn json(d: Option<Distribution>) -> Value {
        match d {
            None => Value::Null,
            Some(d) => serde_json::json!({
                "min": round3(d.min), "median": round3(d.median), "mean": round3(d.mean), "max": round3(d.max)
            }),
        }
    }
}

/// Corpus totals, accumulated article by article. Keeps two numbers per
/// article for the distribution; everything else is a running sum.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub files: usize,
    pub files_failed: usize,
    pub sum: Summary,
    /// unnamed-source share of each article with at least one statement
    pub unnamed_shares: Vec<f64>,
    /// hedge density of each article with at least one word
    pub hedge_densities: Vec<f64>,
}

impl Totals {
    pub fn add(&mut self, s: &Summary) {
        self.files += 1;
        self.sum.add(s);
        if s.statements > 0 {
            self.unnamed_shares.push(s.share(s.source_unnamed));
        }
        if s.words > 0 {
            self.hedge_densities.push(s.hedge_density);
        }
    }

    pub fn fail(&mut self) {
        self.files += 1;
        self.files_failed += 1;
    }

    /// The summary object of `--format json`.
    pub fn json(&self) -> Value {
        crate::render::json::summary_with(
            &self.sum,
            [
                ("files", self.files.into()),
                ("files_scored", (self.files - self.files_failed).into()),
                ("files_failed", self.files_failed.into()),
                (
                    "distribution",
                    serde_json::json!({
                        "unnamed_share": Distribution::json(Distribution::of(&self.unnamed_shares)),
                        "hedge_density": Distribution::json(Distribution::of(&self.hedge_densities)),
                    }),
                ),
            ],
        )
    }

    /// The table footer: totals and the distribution across articles.
    pub fn table_footer(&self, key_width: usize) -> String {
        let s = &self.sum;
        let mut out = String::new();
        let rule = "─".repeat(key_width + 7 + 8 * 5);
        out.push_str(&rule);
        out.push('\n');
        out.push_str(&table_article_row(TOTAL_LABEL, key_width, s));
        out.push('\n');
        out.push_str(&format!(
            "files: {} scored, {} failed; statements: {}; words: {}; hedges: {}; attributions: {}\n",
            self.files - self.files_failed,
            self.files_failed,
            s.statements,
            s.words,
            s.hedges,
            s.attributions
        ));
        out.push_str(&format!(
            "verdicts: {} confirmed, {} alleged, {} disputed; sources: {} none, {} named, {} unnamed\n",
            s.confirmed, s.alleged, s.disputed, s.source_none, s.source_named, s.source_unnamed
        ));
        out.push_str(&format!(
            "\n{:<17} {:>8} {:>8} {:>8} {:>8}\n",
            "across articles", "min", "median", "mean", "max"
        ));
        let line = |name: &str, d: Option<Distribution>, scale: f64, suffix: &str| match d {
            None => format!("{name:<17} {:>8}\n", "-"),
            Some(d) => {
                let f = |x: f64| format!("{:.1}{suffix}", x * scale);
                format!(
                    "{name:<17} {:>8} {:>8} {:>8} {:>8}\n",
                    f(d.min),
                    f(d.median),
                    f(d.mean),
                    f(d.max)
                )
            }
        };
        out.push_str(&line(
            "unnamed share",
            Distribution::of(&self.unnamed_shares),
            100.0,
            "%",
        ));
        out.push_str(&line(
            "hedges / 1k words",
            Distribution::of(&self.hedge_densities),
            1.0,
            "",
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distribution_median_even_and_odd() {
        let d = Distribution::of(&[3.0, 1.0, 2.0]).unwrap();
        assert_eq!((d.min, d.median, d.max), (1.0, 2.0, 3.0));
        let d = Distribution::of(&[4.0, 1.0, 2.0, 3.0]).unwrap();
        assert_eq!(d.median, 2.5);
        assert_eq!(d.mean, 2.5);
        assert!(Distribution::of(&[]).is_none());
    }

    #[test]
    fn csv_quotes_commas_and_quotes() {
        let r = csv_record(&["a,b".into(), "say \"x\"".into(), "c".into()]);
        assert_eq!(r, "\"a,b\",\"say \"\"x\"\"\",c\n");
    }

    #[test]
    fn json_row_keeps_key_order() {
        let r = json_row(&[
            ("z".into(), Cell::Int(1)),
            ("a".into(), Cell::Num(0.5)),
            ("m".into(), Cell::Null),
        ]);
        assert_eq!(r, r#"{"z":1,"a":0.5,"m":null}"#);
    }
}
