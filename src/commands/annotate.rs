//! `sayso annotate`: print each document annotated, or as JSON / JSON Lines.

use super::inputs::{Input, expand, load};
use super::{EXIT_ERROR, EXIT_OK};
use crate::analysis::Analyzer;
use crate::render::{json, terminal};
use rayon::prelude::*;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AnnotateFormat {
    /// the annotated article for reading in a terminal
    Text,
    /// one pretty-printed JSON array of documents
    Json,
    /// one JSON object per document per line (the contract in docs/output.md)
    Jsonl,
}

pub struct Options {
    pub paths: Vec<String>,
    pub format: AnnotateFormat,
    pub color: bool,
    pub explain: bool,
}

/// Run the command; returns the exit code.
pub fn run(analyzer: &Analyzer, opts: &Options) -> i32 {
    let (inputs, errors) = expand(&opts.paths);
    let mut failed = !errors.is_empty();
    for e in &errors {
        eprintln!("sayso: error: {e}");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut first_json = true;
    if opts.format == AnnotateFormat::Json {
        let _ = out.write_all(b"[");
    }
    if opts.format == AnnotateFormat::Text && !inputs.is_empty() {
        let _ = writeln!(out, "{}\n", terminal::legend(opts.color));
    }
    // files in parallel, printed in input order, a chunk at a time to bound memory
    for chunk in inputs.chunks(64) {
        let rendered: Vec<Result<(String, Vec<String>), String>> = chunk
            .par_iter()
            .map(|input| {
                let doc = load(input).map_err(|e| e.to_string())?;
                let a = analyzer.analyze(&doc);
                let text = match opts.format {
                    AnnotateFormat::Jsonl => json::line(&doc, &a),
                    AnnotateFormat::Json => serde_json::to_string_pretty(&json::document(&doc, &a)).unwrap_or_default(),
                    AnnotateFormat::Text => terminal::document(
                        &doc,
                        &a,
                        terminal::Style {
                            color: opts.color,
                            explain: opts.explain,
                        },
                    ),
                };
                let warnings = doc.warnings.iter().map(|w| format!("{}: {w}", doc.path)).collect();
                Ok((text, warnings))
            })
            .collect();
        for (r, input) in rendered.into_iter().zip(chunk) {
            match r {
                Ok((text, warnings)) => {
                    if opts.format != AnnotateFormat::Text {
                        for w in warnings {
                            eprintln!("sayso: warning: {w}");
                        }
                    }
                    let res = match opts.format {
                        AnnotateFormat::Jsonl => writeln!(out, "{text}"),
                        AnnotateFormat::Json => {
                            let sep = if first_json { "\n" } else { ",\n" };
                            first_json = false;
                            write!(out, "{sep}{text}")
                        }
                        AnnotateFormat::Text => writeln!(out, "{text}"),
                    };
                    if res.is_err() {
                        return EXIT_OK; // the reader went away (a closed pipe): stop quietly
                    }
                }
                Err(e) => {
                    failed = true;
                    let _ = out.flush();
                    let what = match input {
                        Input::Stdin => "standard input".to_string(),
                        Input::File { .. } => String::new(),
                    };
                    eprintln!("sayso: error: {what}{e}");
                }
            }
        }
    }
    if opts.format == AnnotateFormat::Json {
        let _ = out.write_all(b"\n]\n");
    }
    let _ = out.flush();
    if inputs.is_empty() && errors.is_empty() {
        eprintln!("sayso: error: no input files; give a file, a directory or - for standard input");
        return EXIT_ERROR;
    }
    if failed { EXIT_ERROR } else { EXIT_OK }
}
