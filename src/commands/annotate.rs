//! `sayso annotate`: print each document annotated, or as JSON / JSON Lines.

use super::inputs::{for_each_ordered_owned, report_failure};
use super::{EXIT_ERROR, Global};
use crate::analysis::{Analyzer, WINDOWED_FROM};
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
    #[arg(required = true, value_name = "PATH", value_parser = super::inputs::path_arg())]
    pub paths: Vec<std::path::PathBuf>,
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
    let Some(mut analyzer) = global.analyzer_or_report() else {
        return EXIT_ERROR;
    };
    // the features behind a moved content end or holder are shown by `--explain`'s
    // text alone (the JSON, HTML and CSV give the learned cues' only)
    analyzer.matcher.choice_evidence = args.format == AnnotateFormat::Text && args.explain;
    run_with(&analyzer, global.color, args)
}

/// Run with an analyser already built.
pub fn run_with(analyzer: &Analyzer, color: bool, opts: &Args) -> i32 {
    super::inputs::run_over_inputs(&opts.paths, &opts.input, |inputs, failed| {
        write_all(analyzer, color, opts, inputs, failed)
    })
}

/// From this many bytes on, a document's JSON is written as it is made, in
/// input order, rather than made in parallel into a string first.
const STREAM_FROM: usize = 1 << 20;

/// The formats that analyse a long document in windows as they write it.
fn windowed(format: AnnotateFormat) -> bool {
    matches!(
        format,
        AnnotateFormat::Jsonl | AnnotateFormat::Json | AnnotateFormat::Csv
    )
}

/// One input's output: made (in parallel), or left to be written in order.
enum Made {
    Text(String),
    Later(Box<(crate::input::Document, crate::model::Analysis)>),
    /// a document long enough to be analysed window by window as it is
    /// written (`Analyzer::analyze_windowed`): never analysed whole
    Windowed(Box<crate::input::Document>),
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
    let make = |n: usize, doc: crate::input::Document| {
        if doc.text.len() >= WINDOWED_FROM && windowed(opts.format) {
            return Made::Windowed(Box::new(doc));
        }
        let a = analyzer.analyze(&doc);
        Made::Text(match opts.format {
            // a large document's JSON is written statement by statement in input
            // order, not held whole (one 100 MB file once took 20 times its size)
            AnnotateFormat::Jsonl | AnnotateFormat::Json if doc.original.len() >= STREAM_FROM => {
                return Made::Later(Box::new((doc, a)));
            }
            AnnotateFormat::Jsonl => json::line(&doc, &a),
            AnnotateFormat::Json => json::pretty(&doc, &a),
            AnnotateFormat::Text => terminal::document(&doc, &a, style),
            AnnotateFormat::Html => html::document(&doc, &a, n, several),
            AnnotateFormat::Csv => csv::rows(&doc, &a),
        })
    };
    for_each_ordered_owned(inputs, make, |input, r| match r {
        Ok(made) => {
            if opts.format == AnnotateFormat::Json {
                let sep = if first_json { "\n" } else { ",\n" };
                first_json = false;
                out.write_all(sep.as_bytes())?;
            }
            match (made, opts.format) {
                (Made::Text(text), AnnotateFormat::Jsonl | AnnotateFormat::Text) => writeln!(out, "{text}"),
                (Made::Text(text), _) => write!(out, "{text}"),
                (Made::Later(later), AnnotateFormat::Jsonl) => {
                    json::write_line(&mut out, &later.0, &later.1)?;
                    writeln!(out)
                }
                (Made::Later(later), _) => json::write_pretty(&mut out, &later.0, &later.1),
                (Made::Windowed(doc), AnnotateFormat::Jsonl) => {
                    json::write_line_windowed(&mut out, &doc, &|each| analyzer.analyze_windowed(&doc, |a, _| each(a)))?;
                    writeln!(out)
                }
                (Made::Windowed(doc), AnnotateFormat::Json) => {
                    json::write_pretty_windowed(&mut out, &doc, &|each| analyzer.analyze_windowed(&doc, |a, _| each(a)))
                }
                (Made::Windowed(doc), _) => {
                    // CSV: the rows of each window, numbered through the document
                    analyzer.analyze_windowed(&doc, |a, first| {
                        out.write_all(csv::rows_from(&doc, a, first).as_bytes())
                    })?;
                    Ok(())
                }
            }
        }
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
