//! `sayso sources`: the distinct sources (holders) of each document, their
//! mentions grouped, how many statements rest on each and their verdict mix.

use super::inputs::{for_each_ordered, report_failure};
use super::{EXIT_ERROR, Global};
use crate::analysis::Analyzer;
use crate::holders::holders;
use crate::render::sources as render;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourcesFormat {
    /// a table per document for reading in a terminal
    Text,
    /// one pretty-printed JSON array of documents, each {"path", "holders": [...]}
    Json,
    /// one JSON object {"path", "holders": [...]} per document per line
    Jsonl,
    /// one row per holder, with a header (columns below)
    Csv,
}

const AFTER_HELP: &str = "\
Holders are grouped from their mentions: \"President Donald Trump\", \"Mr. Trump\", \"Trump\" and
a \"he\" that stands for him are one holder. Unnamed holders (\"officials\", \"sources familiar
with the matter\") are kept apart; \"(unresolved pronoun)\" and \"(no holder)\" (\"it was reported
that\") collect the rest. Rows are sorted by statements resting on the holder, then first line.

CSV columns:
  path        the input path as given
  holder      canonical name: the longest proper-name mention
  kind        named | unnamed
  mentions    number of distinct mentions
  forms       the distinct ways it is written, separated by \" | \"
  statements  statements resting on the holder (directly or by a continuing quote)
  confirmed   ... of those, confirmed
  alleged     ... alleged
  disputed    ... disputed
  first_line  line (1-based, in the original file) of the first mention

Examples:
  sayso sources article.txt
  sayso sources --format csv corpus/ > holders.csv";

/// List the distinct sources of a document and what rests on each
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Files or directories (.txt, .md, .html; directories are walked); - reads standard input
    #[arg(required = true, value_name = "PATH", value_parser = super::inputs::path_arg())]
    pub paths: Vec<std::path::PathBuf>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = SourcesFormat::Text)]
    pub format: SourcesFormat,
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

enum Rendered {
    Text(String),
    Json(serde_json::Value),
    Csv(Vec<Vec<String>>),
}

/// Run with an analyser already built.
pub fn run_with(analyzer: &Analyzer, color: bool, opts: &Args) -> i32 {
    super::inputs::run_over_inputs(&opts.paths, &opts.input, |inputs, failed| {
        write_all(analyzer, color, opts, inputs, failed)
    })
}

/// List every input's holders and write them out; stops at the first failed write.
fn write_all(
    analyzer: &Analyzer,
    color: bool,
    opts: &Args,
    inputs: &[super::inputs::Input],
    failed: &mut bool,
) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if opts.format == SourcesFormat::Csv && !inputs.is_empty() {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(render::CSV_COLUMNS)?;
        out.write_all(&w.into_inner().map_err(|e| e.into_error())?)?;
    }
    let mut first_json = true;
    if opts.format == SourcesFormat::Json {
        out.write_all(b"[")?;
    }
    let make = |doc: &crate::input::Document| {
        let a = analyzer.analyze(doc);
        let hs = holders(&doc.text, &a);
        match opts.format {
            SourcesFormat::Text => Rendered::Text(render::table(doc, &hs, color)),
            SourcesFormat::Json | SourcesFormat::Jsonl => Rendered::Json(render::document(doc, &hs)),
            SourcesFormat::Csv => Rendered::Csv(render::csv_records(doc, &hs)),
        }
    };
    for_each_ordered(inputs, make, |input, r| match r {
        Ok(Rendered::Text(t)) => writeln!(out, "{t}"),
        Ok(Rendered::Json(v)) if opts.format == SourcesFormat::Jsonl => writeln!(out, "{v}"),
        Ok(Rendered::Json(v)) => {
            let sep = if first_json { "\n" } else { ",\n" };
            first_json = false;
            write!(out, "{sep}{}", serde_json::to_string_pretty(&v).unwrap_or_default())
        }
        Ok(Rendered::Csv(rows)) => {
            let mut w = csv::Writer::from_writer(Vec::new());
            for row in rows {
                w.write_record(&row)?;
            }
            match w.into_inner() {
                Ok(buf) => out.write_all(&buf),
                Err(e) => Err(e.into_error()),
            }
        }
        Err(e) => {
            *failed = true;
            out.flush()?;
            report_failure(input, &e);
            Ok(())
        }
    })?;
    if opts.format == SourcesFormat::Json {
        out.write_all(b"\n]\n")?;
    }
    out.flush()
}
