//! `sayso annotate`: print each document annotated, or as JSON / JSON Lines.

use super::inputs::{for_each_ordered_indexed, report_failure};
use super::{EXIT_ERROR, Global};
use crate::analysis::Analyzer;
use crate::render::{csv, html, json, terminal};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AnnotateFormat {
    /// the annotated article for reading in a terminal
    Text,
    /// one pretty-printed JSON array of documents
    Json,
    /// one JSON object per document per line (fields: docs/output.md)
    Jsonl,
    /// one row per statement with a header row, RFC 4180 quoting (columns: path, index,
    /// line, column, start, end, verdict, source, confidence, kind, text, cues, holders,
    /// hedges; several cues, holders or hedges are joined with "; ")
    Csv,
    /// one self-contained HTML page: the article with each statement tinted by verdict,
    /// cues, sources and hedges marked, the evidence behind each verdict (docs/pages.md)
    Html,
}

/// Annotate articles statement by statement: verdict, source, cues, hedges
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories (.txt, .md, .html; directories are walked); - reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = AnnotateFormat::Text)]
    pub format: AnnotateFormat,
    /// Show which rules and words decided each verdict, with the probability of each verdict and
    /// source (calibrated on held-out articles: docs/output.md, "What confidence means")
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub input: super::inputs::InputArgs,
}

/// Run the command; returns the exit code.
pub fn run(global: &Global, args: &Args) -> i32 {
    let Some(analyzer) = global.analyzer_or_report() else {
        return EXIT_ERROR;
    };
    run_with(&analyzer, global.color, args)
}

/// Run with an analyser already built.
pub fn run_with(analyzer: &Analyzer, color: bool, opts: &Args) -> i32 {
    super::inputs::run_over_inputs(&opts.paths, &opts.input, |inputs, failed| {
        write_all(analyzer, color, opts, inputs, failed)
    })
}

/// Annotate every input and write it out; stops at the first failed write.
fn write_all(
    analyzer: &Analyzer,
    color: bool,
    opts: &Args,
    inputs: &[super::inputs::Input],
    failed: &mut bool,
) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut first_json = true;
    if opts.format == AnnotateFormat::Json {
        out.write_all(b"[")?;
    }
    if opts.format == AnnotateFormat::Html && !inputs.is_empty() {
        // one file: the page is titled by its path; several: by their count
        let title = match inputs {
            [super::inputs::Input::Stdin { name, .. }] if name == "-" => "standard input".to_string(),
            [one] => one.shown().to_string(),
            _ => crate::render::plural(inputs.len(), "article"),
        };
        out.write_all(html::page_start(&title, &html::PageOptions::default()).as_bytes())?;
    }
    if opts.format == AnnotateFormat::Csv {
        out.write_all(csv::header().as_bytes())?;
    }
    if opts.format == AnnotateFormat::Text && !inputs.is_empty() {
        writeln!(out, "{}\n", terminal::legend(color))?;
    }
    // files in parallel, printed in input order, a chunk at a time to bound memory
    let style = terminal::Style {
        color,
        explain: opts.explain,
    };
    let several = inputs.len() > 1;
    let make = |n: usize, doc: &crate::input::Document| {
        let a = analyzer.analyze(doc);
        match opts.format {
            AnnotateFormat::Jsonl => json::line(doc, &a),
            AnnotateFormat::Json => serde_json::to_string_pretty(&json::document(doc, &a)).unwrap_or_default(),
            AnnotateFormat::Text => terminal::document(doc, &a, style),
            AnnotateFormat::Html => html::document(doc, &a, n, several),
            AnnotateFormat::Csv => csv::rows(doc, &a),
        }
    };
    for_each_ordered_indexed(inputs, make, |input, r| match r {
        Ok(text) => match opts.format {
            AnnotateFormat::Jsonl | AnnotateFormat::Text => writeln!(out, "{text}"),
            AnnotateFormat::Html | AnnotateFormat::Csv => write!(out, "{text}"),
            AnnotateFormat::Json => {
                let sep = if first_json { "\n" } else { ",\n" };
                first_json = false;
                write!(out, "{sep}{text}")
            }
        },
        Err(e) => {
            *failed = true;
            out.flush()?;
            report_failure(input, &e);
            Ok(())
        }
    })?;
    if opts.format == AnnotateFormat::Json {
        out.write_all(b"\n]\n")?;
    }
    if opts.format == AnnotateFormat::Html && !inputs.is_empty() {
        out.write_all(html::page_end().as_bytes())?;
    }
    out.flush()
}
