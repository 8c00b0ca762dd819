//! `sayso score`: batch-score a corpus. One row per article (or per
//! statement) as a table, CSV, JSON Lines or JSON, then corpus totals.
//!
//! Files are processed in parallel on a local thread pool, in ordered chunks:
//! each chunk is analysed with `par_iter`, then written in input order, so the
//! output is the same whatever `--jobs` is and memory stays bounded by the
//! chunk (at most `CHUNK_FILES` files and about `CHUNK_BYTES` of input), not
//! by the corpus. `--input-format jsonl` reads `{"id", "text"}` records from
//! files or standard input the same way, for use as a pipe step.

use super::inputs::{Input as Item, PathError, describe_io, expand_with_paths};
use super::{EXIT_ERROR, EXIT_OK, Global, output};
use crate::analysis::Analyzer;
use crate::input::{Document, Format};
use crate::model::{Analysis, Summary};
use crate::render::plural;
use crate::render::score::{
    self as rs, ARTICLE_COLUMNS, Cell, STATEMENT_COLUMNS, Totals, csv_record, csv_row, json_row,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde_json::Value;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

pub mod pages;

/// At most this many files (or records) are analysed between two writes.
pub const CHUNK_FILES: usize = 256;
/// ... and at most about this many input bytes (one larger file is a chunk of its own).
pub const CHUNK_BYTES: u64 = 16 << 20;
/// Records per batch in `--input-format jsonl`.
pub const BATCH_RECORDS: usize = 512;

const COLUMNS_HELP: &str = "\
Columns (a stable contract; new columns are only ever added at the end):

Article rows (default), after the key columns:
  files:   path, format (text|markdown|html)
  records: id (--id-field), then each --keep FIELD in the order given
  statements      number of statements (sentences, headlines, table rows)
  words           number of words
  confirmed       statements with verdict confirmed
  alleged         statements with verdict alleged
  disputed        statements with verdict disputed
  source_none     statements resting on the writer's own voice
  source_named    statements resting on a named source
  source_unnamed  statements resting on an unnamed source
  attributions    attribution relations found (source + cue + content)
  hedges          hedges found (may, reportedly, it is believed, ...)
  share_confirmed confirmed / statements (0..1, 3 decimals)
  share_alleged   alleged / statements
  share_disputed  disputed / statements
  share_unnamed   source_unnamed / statements
  hedge_density   hedges per 1,000 words
  error           why the article could not be scored (empty when it was)

Statement rows (--per-statement), after the key columns:
  index           0-based statement number in the article
  line, column    1-based position of the statement's start in the ORIGINAL file
  start, end      byte offsets [start, end) in the ORIGINAL file (records: in the text field, UTF-8)
  verdict         confirmed | alleged | disputed
  source          none | named | unnamed
  confidence      the verdict's probability, 0..1, calibrated on held-out articles (docs/output.md)
  attributions    attributions whose cue lies in the statement
  hedges          hedges in the statement
  text            the statement on one line
  error           set on the single row of an article that failed

--format json prints {\"articles\": [rows...], \"summary\": {...}}; the summary holds files,
files_scored, files_failed, the totals, corpus shares and the distribution across articles
(min/median/mean/max of share_unnamed over articles with statements and of hedge_density over
articles with words). --format table prints the same summary as a footer.

--format html prints one self-contained report page instead: charts of the verdict and
unnamed-source shares across articles and by top-level folder, the most frequent cues and
sources, and a sortable table of articles. --out-dir DIR writes it as DIR/index.html with one
annotated page per article in DIR/articles/ (names made safe: never outside DIR; each page
written whole). See docs/pages.md.

Exit status: 0 when every file or record was scored, 2 when any failed (each failure is
reported on standard error with its path or line number; the rest still run).

Examples:
  sayso score corpus/                                 table, all cores
  sayso score --format csv --glob '*.md' --glob '!drafts/**' site/ > scores.csv
  sayso score --format jsonl --per-statement corpus/ > statements.jsonl
  sayso score --input-format jsonl --keep url - < records.jsonl > scores.jsonl
  sayso score --input-format jsonl --input-type html - < pages.jsonl     records hold HTML
  sayso score --out-dir site/ corpus/                 site/index.html + site/articles/*.html";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScoreFormat {
    /// an aligned table with corpus totals (for people)
    Table,
    /// CSV with a header row
    Csv,
    /// one JSON object per row per line
    Jsonl,
    /// {"articles": [...], "summary": {...}}
    Json,
    /// a corpus report page with inline SVG charts and a sortable table of articles;
    /// with --out-dir, also one annotated page per article (docs/pages.md)
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// text, Markdown and HTML files; directories are walked
    Files,
    /// JSON Lines records such as {"id": ..., "text": ...}
    Jsonl,
}

/// Batch-score a corpus: per-article shares and corpus totals
#[derive(Debug, clap::Args)]
#[command(after_long_help = COLUMNS_HELP)]
pub struct Args {
    /// Files or directories (walked recursively; hidden files and .gitignore'd paths are skipped
    /// unless --hidden / --no-ignore); - reads standard input. With --input-format jsonl, JSON Lines files (default: standard input)
    #[arg(value_name = "PATH", value_parser = super::inputs::path_arg())]
    pub paths: Vec<std::path::PathBuf>,
    /// Output format [default: table; jsonl with --input-format jsonl]
    #[arg(long, short, value_enum)]
    pub format: Option<ScoreFormat>,
    /// One row per statement instead of per article
    #[arg(long)]
    pub per_statement: bool,
    /// Worker threads [default: all cores]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Include (GLOB) or exclude (!GLOB) paths when walking directories, gitignore-style,
    /// relative to the directory given; repeatable
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// No progress bar, no warnings (errors are still reported)
    #[arg(long, short)]
    pub quiet: bool,
    /// What the inputs are
    #[arg(long, value_enum, default_value_t = InputFormat::Files)]
    pub input_format: InputFormat,
    /// Record field holding the text (--input-format jsonl)
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_field: String,
    /// Record field holding the id, copied to every output row (--input-format jsonl)
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id_field: String,
    /// Record field saying how the text is read: "text", "markdown" (or "md") or "html"; when a
    /// record has none, --input-type decides, else text (--input-format jsonl)
    #[arg(long, value_name = "NAME", default_value = "format")]
    pub format_field: String,
    /// Record field to copy to the output rows, after the id; repeatable (only with --input-format jsonl)
    #[arg(long, value_name = "FIELD")]
    pub keep: Vec<String>,
    /// Write the HTML report as DIR/index.html and one annotated page per article in
    /// DIR/articles/, linked from the report's table (implies --format html). Nothing is
    /// written outside DIR, whatever the file names; each page is written whole
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    #[command(flatten)]
    pub input: super::inputs::InputArgs,
}

/// Run the command; returns the exit code.
pub fn run(global: &Global, args: &Args) -> i32 {
    let Some(analyzer) = global.analyzer_or_report() else {
        return EXIT_ERROR;
    };
    run_with(&analyzer, args)
}

/// Run with an analyser already built.
pub fn run_with(analyzer: &Analyzer, args: &Args) -> i32 {
    let html = args.format == Some(ScoreFormat::Html) || args.format.is_none() && args.out_dir.is_some();
    if args.out_dir.is_some() && !html {
        eprintln!("sayso: error: --out-dir writes HTML pages; use it with --format html (or without --format)");
        return EXIT_ERROR;
    }
    if html && args.input_format == InputFormat::Jsonl {
        eprintln!("sayso: error: --format html reads files (text, Markdown, HTML), not --input-format jsonl");
        return EXIT_ERROR;
    }
    if !args.keep.is_empty() && args.input_format != InputFormat::Jsonl {
        eprintln!(
            "sayso: error: --keep copies fields of JSON Lines records; use it with --input-format jsonl (files have no fields to keep)"
        );
        return EXIT_ERROR;
    }
    if args.input.stdin_filename.is_some() && args.input_format == InputFormat::Jsonl {
        eprintln!(
            "sayso: error: --stdin-filename names one document read from -; JSON Lines records say their format in a field (--format-field) or take --input-type"
        );
        return EXIT_ERROR;
    }
    if html && args.per_statement {
        eprintln!(
            "sayso: error: --format html has no --per-statement form; --out-dir writes every statement on the article pages"
        );
        return EXIT_ERROR;
    }
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(super::cap_jobs(args.jobs.unwrap_or(0)))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("sayso: error: cannot start worker threads: {e}");
            return EXIT_ERROR;
        }
    };
    match args.input_format {
        InputFormat::Files => run_files(analyzer, &pool, args),
        InputFormat::Jsonl => run_records(analyzer, &pool, args),
    }
}

// ---------------------------------------------------------------------------
// shared: rendering one scored unit, writing ordered chunks

/// What one file or record turned into: its rendered rows, and its summary
/// (None when it failed, with the message for standard error).
struct Outcome {
    rows: Vec<String>,
    summary: Option<Summary>,
    error: Option<String>,
    warnings: Vec<String>,
}

/// Report an outcome's messages (above the progress bar), count it, and write its rows.
fn absorb(o: &Outcome, warn: bool, pb: &ProgressBar, totals: &mut Totals, sink: &mut Sink) {
    if warn {
        for w in &o.warnings {
            pb.suspend(|| eprintln!("sayso: warning: {w}"));
        }
    }
    if let Some(e) = &o.error {
        pb.suspend(|| eprintln!("sayso: error: {e}"));
    }
    match &o.summary {
        Some(s) => totals.add(s),
        None => totals.fail(),
    }
    for r in &o.rows {
        sink.push_row(r);
    }
}

struct Ctx<'a> {
    analyzer: &'a Analyzer,
    format: ScoreFormat,
    per_statement: bool,
    key_width: usize,
}

impl Ctx<'_> {
    fn header(&self, key_names: &[String]) -> String {
        match self.format {
            ScoreFormat::Csv => {
                let cols = if self.per_statement {
                    STATEMENT_COLUMNS
                } else {
                    ARTICLE_COLUMNS
                };
                let mut names: Vec<String> = key_names.to_vec();
                names.extend(cols.iter().map(|s| s.to_string()));
                if self.per_statement {
                    names.push("error".into());
                }
                csv_record(&names)
            }
            ScoreFormat::Json => "{\"articles\":[".into(),
            ScoreFormat::Jsonl | ScoreFormat::Html => String::new(),
            ScoreFormat::Table => {
                if self.per_statement {
                    rs::table_statement_header(self.key_width)
                } else {
                    rs::table_article_header(self.key_width)
                }
            }
        }
    }

    fn row(&self, cells: &[(String, Cell)]) -> String {
        match self.format {
            ScoreFormat::Csv => {
                let mut r = csv_row(cells);
                r.pop();
                r
            }
            _ => json_row(cells),
        }
    }

    /// Analyse one document and render it (or its failure) as rows. A long
    /// document is analysed window by window (`Analyzer::analyze_windowed`):
    /// only its rows and its summary are kept.
    fn render(&self, key: &[(String, Cell)], key_str: &str, res: Result<Document, String>) -> Outcome {
        let mut rows = Vec::new();
        match res {
            Err(e) => {
                if self.format == ScoreFormat::Table {
                    rows.push(rs::table_error_row(key_str, self.key_width, &e).trim_end().to_string());
                } else {
                    let mut cells = key.to_vec();
                    let names = if self.per_statement {
                        STATEMENT_COLUMNS
                    } else {
                        ARTICLE_COLUMNS
                    };
                    let n = if self.per_statement {
                        names.len()
                    } else {
                        names.len() - 1
                    };
                    cells.extend(names.iter().take(n).map(|c| (c.to_string(), Cell::Null)));
                    cells.push(("error".into(), Cell::Str(e.clone())));
                    rows.push(self.row(&cells));
                }
                Outcome {
                    rows,
                    summary: None,
                    error: Some(e),
                    warnings: Vec::new(),
                }
            }
            Ok(doc) => {
                let each = |a: &Analysis, first: usize| {
                    if !self.per_statement {
                        return Ok::<(), std::convert::Infallible>(());
                    }
                    // lines that make no claim (bylines, section markers) are no one's statement
                    let claims = (a.statements.iter().enumerate()).filter(|(_, st)| st.kind != crate::score::NON_CLAIM);
                    for (i, st) in claims {
                        if self.format == ScoreFormat::Table {
                            let r = rs::table_statement_row(key_str, self.key_width, &doc, first + i, st);
                            rows.push(r.trim_end_matches('\n').to_string());
                        } else {
                            let mut cells = key.to_vec();
                            let vals = rs::statement_cells(&doc, a, first + i, st);
                            cells.extend(STATEMENT_COLUMNS.iter().map(|c| c.to_string()).zip(vals));
                            cells.push(("error".into(), Cell::Null));
                            rows.push(self.row(&cells));
                        }
                    }
                    Ok(())
                };
                let Ok(summary) = self.analyzer.analyze_windowed(&doc, each);
                if self.per_statement {
                    // (its rows are made above, window by window)
                } else if self.format == ScoreFormat::Table {
                    let r = rs::table_article_row(key_str, self.key_width, &summary);
                    rows.push(r.trim_end_matches('\n').to_string());
                } else {
                    let mut cells = key.to_vec();
                    cells.extend(
                        ARTICLE_COLUMNS
                            .iter()
                            .map(|c| c.to_string())
                            .zip(rs::article_cells(&summary)),
                    );
                    cells.push(("error".into(), Cell::Null));
                    rows.push(self.row(&cells));
                }
                Outcome {
                    rows,
                    summary: Some(summary),
                    error: None,
                    warnings: doc.warnings.iter().map(|w| format!("{}: {w}", doc.path)).collect(),
                }
            }
        }
    }
}

/// Writes whole rows to standard output: each chunk is built in memory and
/// written with one `write_all`; a closed pipe stops the run quietly.
struct Sink {
    format: ScoreFormat,
    rows_written: usize,
    closed: bool,
    /// a write failed for another reason than a closed pipe (already reported)
    write_failed: bool,
    buf: String,
}

impl Sink {
    fn new(format: ScoreFormat) -> Sink {
        Sink {
            format,
            rows_written: 0,
            closed: false,
            write_failed: false,
            buf: String::new(),
        }
    }
    fn push_raw(&mut self, s: &str) {
        self.buf.push_str(s);
    }
    fn push_row(&mut self, row: &str) {
        if self.format == ScoreFormat::Json {
            self.buf.push_str(if self.rows_written == 0 { "\n" } else { ",\n" });
            self.buf.push_str(row);
        } else {
            self.buf.push_str(row);
            self.buf.push('\n');
        }
        self.rows_written += 1;
    }
    /// Write what is buffered. Returns false once standard output is gone.
    fn flush(&mut self) -> bool {
        if self.closed {
            return false;
        }
        if !self.buf.is_empty() {
            let mut out = std::io::stdout().lock();
            let r = out.write_all(self.buf.as_bytes()).and_then(|_| out.flush());
            self.buf.clear();
            if let Err(e) = r {
                self.write_failed = output::write_failed(&e) != EXIT_OK;
                self.closed = true;
                return false;
            }
        }
        true
    }

    /// `code`, unless output was lost: then `EXIT_ERROR`.
    fn exit(&self, code: i32) -> i32 {
        if self.write_failed { EXIT_ERROR } else { code }
    }
}

fn progress(quiet: bool, total_bytes: Option<u64>) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    match total_bytes {
        Some(t) => {
            let pb = ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr());
            if let Ok(st) = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] [{wide_bar}] {binary_bytes}/{binary_total_bytes} \
                 ({binary_bytes_per_sec}, ETA {eta}) {msg}",
            ) {
                pb.set_style(st.progress_chars("=> "));
            }
            pb
        }
        None => {
            let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            if let Ok(st) = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {binary_bytes} ({binary_bytes_per_sec}) {msg}",
            ) {
                pb.set_style(st);
            }
            pb
        }
    }
}

fn finish(sink: &mut Sink, ctx: &Ctx, totals: &Totals) {
    match ctx.format {
        ScoreFormat::Table => {
            if !ctx.per_statement {
                sink.push_raw(&totals.table_footer(ctx.key_width));
            } else {
                sink.push_raw(&format!(
                    "\n{} scored, {} failed; {}\n",
                    plural(totals.files - totals.files_failed, "file"),
                    totals.files_failed,
                    plural(totals.sum.statements, "statement")
                ));
            }
        }
        ScoreFormat::Json => {
            sink.push_raw(&format!("\n],\"summary\":{}}}\n", totals.json()));
        }
        ScoreFormat::Csv | ScoreFormat::Jsonl | ScoreFormat::Html => {}
    }
    sink.flush();
}

// ---------------------------------------------------------------------------
// files

fn load_item(item: &Item) -> Result<Document, String> {
    match item {
        Item::Stdin { name, format } => {
            let buf =
                crate::input::read_bounded("standard input", std::io::stdin().lock(), crate::input::max_file_size())
                    .map_err(|e| match e {
                        crate::input::InputError::Io { source, .. } => {
                            format!("standard input: {}", describe_io(&source))
                        }
                        e => e.to_string(),
                    })?;
            Document::from_bytes(name.clone(), buf, *format).map_err(|e| e.to_string())
        }
        Item::File { path, shown, .. } => {
            let mut d = super::inputs::load_path(path).map_err(|e| e.to_string())?;
            d.path = shown.clone();
            Ok(d)
        }
    }
}

fn item_key(item: &Item) -> (String, Option<Format>) {
    (item.shown().to_string(), Some(item.format()))
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Text => "text",
        Format::Markdown => "markdown",
        Format::Html => "html",
    }
}

/// The row of a command-line path that gave no file: its path, no format
/// (nothing was read), its error.
fn path_error(ctx: &Ctx, e: &PathError) -> Outcome {
    let key = [
        ("path".to_string(), Cell::Str(e.path.clone())),
        ("format".to_string(), Cell::Null),
    ];
    ctx.render(&key, &e.path, Err(e.message.clone()))
}

fn run_files(analyzer: &Analyzer, pool: &rayon::ThreadPool, args: &Args) -> i32 {
    if args.paths.is_empty() {
        eprintln!("sayso: error: no input files; give a file, a directory or - for standard input");
        return EXIT_ERROR;
    }
    let (items, errors) = match expand_with_paths(&args.paths, &args.glob, &args.input) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("sayso: error: {e}");
            return EXIT_ERROR;
        }
    };
    if items.is_empty() && errors.is_empty() {
        eprintln!("sayso: error: no input files; give a file, a directory or - for standard input");
        return EXIT_ERROR;
    }
    if args.format == Some(ScoreFormat::Html) || args.out_dir.is_some() {
        for e in &errors {
            eprintln!("sayso: error: {}", e.message);
        }
        if items.is_empty() {
            return EXIT_ERROR;
        }
        return pages::run(analyzer, pool, args, &items, &errors);
    }
    let format = args.format.unwrap_or(ScoreFormat::Table);
    let longest = (items.iter().map(|i| item_key(i).0.chars().count()))
        .chain(errors.iter().map(|e| e.path.chars().count()))
        .max()
        .unwrap_or(0);
    let key_width = rs::key_width(longest);
    let ctx = Ctx {
        analyzer,
        format,
        per_statement: args.per_statement,
        key_width,
    };
    let total_bytes: u64 = items
        .iter()
        .map(|i| match i {
            Item::File { size, .. } => *size,
            Item::Stdin { .. } => 0,
        })
        .sum();
    let total_files = items.len();
    let pb = progress(args.quiet, Some(total_bytes));
    let mut sink = Sink::new(format);
    let mut totals = Totals::default();
    sink.push_raw(&ctx.header(&["path".into(), "format".into()]));
    // paths that gave no file (missing, unreadable or empty directories): a row
    // each, first, as docs/score.md says, and counted in files_failed
    for e in &errors {
        absorb(&path_error(&ctx, e), false, &pb, &mut totals, &mut sink);
    }

    // chunks: at most CHUNK_FILES files and about CHUNK_BYTES bytes each
    let mut start = 0;
    let mut done = 0usize;
    while start < items.len() {
        let mut end = start;
        let mut bytes = 0u64;
        while end < items.len() && end - start < CHUNK_FILES {
            let sz = match &items[end] {
                Item::File { size, .. } => *size,
                Item::Stdin { .. } => 0,
            };
            if end > start && bytes + sz > CHUNK_BYTES {
                break;
            }
            bytes += sz;
            end += 1;
        }
        let chunk = &items[start..end];
        start = end;
        let outcomes: Vec<Outcome> = pool.install(|| {
            chunk
                .par_iter()
                .map(|item| {
                    let (shown, fmt) = item_key(item);
                    let key = [
                        ("path".to_string(), Cell::Str(shown.clone())),
                        (
                            "format".to_string(),
                            fmt.map_or(Cell::Null, |f| Cell::Str(format_name(f).into())),
                        ),
                    ];
                    let res = load_item(item);
                    let o = ctx.render(&key, &shown, res);
                    if let Item::File { size, .. } = item {
                        pb.inc(*size);
                    }
                    o
                })
                .collect()
        });
        for o in outcomes {
            absorb(&o, !args.quiet, &pb, &mut totals, &mut sink);
        }
        done += chunk.len();
        pb.set_message(format!("{done}/{}", plural(total_files, "file")));
        if !sink.flush() {
            pb.finish_and_clear();
            return sink.exit(if totals.files_failed > 0 { EXIT_ERROR } else { EXIT_OK });
        }
    }
    pb.finish_and_clear();
    finish(&mut sink, &ctx, &totals);
    if totals.files_failed > 0 {
        if matches!(format, ScoreFormat::Csv | ScoreFormat::Jsonl) {
            eprintln!(
                "sayso: {} of {} could not be scored (see the messages above)",
                totals.files_failed,
                plural(totals.files, "file")
            );
        }
        EXIT_ERROR
    } else {
        sink.exit(EXIT_OK)
    }
}

// ---------------------------------------------------------------------------
// JSON Lines records

/// One input line of a records file.
struct RawLine {
    source: usize,
    number: usize,
    bytes: Vec<u8>,
}

/// What `read_record` found.
#[derive(Debug, PartialEq, Eq)]
enum Record {
    /// a line (without its limit exceeded), newline included if there was one
    Line,
    /// a line longer than the limit: read to its end and dropped
    TooLong,
    /// a NUL byte: no JSON Lines file holds one (the rest is not read)
    Binary,
    /// the end of the input
    End,
}

/// Read one line of at most `limit` bytes into `buf`, in bounded memory
/// whatever the input: a longer line is consumed and dropped, and a NUL byte
/// (`/dev/zero`, a binary file) stops the reading.
fn read_record(r: &mut dyn BufRead, buf: &mut Vec<u8>, limit: u64) -> std::io::Result<Record> {
    let mut seen = 0u64;
    let mut too_long = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(if too_long {
                Record::TooLong
            } else if seen == 0 {
                Record::End
            } else {
                Record::Line
            });
        }
        let end = memchr::memchr(b'\n', chunk).map_or(chunk.len(), |i| i + 1);
        let part = &chunk[..end];
        if memchr::memchr(0, part).is_some() {
            return Ok(Record::Binary);
        }
        seen += part.len() as u64;
        if seen > limit {
            too_long = true;
            buf.clear();
            buf.shrink_to_fit();
        } else {
            buf.extend_from_slice(part);
        }
        let newline = part.last() == Some(&b'\n');
        r.consume(end);
        if newline {
            return Ok(if too_long { Record::TooLong } else { Record::Line });
        }
    }
}

fn id_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// How long pipe mode waits for the next record before it scores the records
/// it holds and writes their rows.
pub const STALL: std::time::Duration = std::time::Duration::from_millis(20);

/// Records read ahead of the batch being scored (each at most --max-file-size).
const READ_AHEAD: usize = 16;

/// What the reader thread found in the record sources.
enum Read {
    /// a record (a line that is not blank)
    Line(RawLine),
    /// a line longer than the limit, read to its end and dropped: the message for its error row
    TooLong(String),
    /// a source that could not be opened or read on (the message names it)
    Failed(String),
}

/// Read every source's records on a thread of their own, in order, into a
/// channel of at most `READ_AHEAD` records.
fn spawn_reader(sources: Vec<PathBuf>) -> std::sync::mpsc::Receiver<Read> {
    let (tx, rx) = std::sync::mpsc::sync_channel(READ_AHEAD);
    std::thread::spawn(move || {
        for (si, src) in sources.iter().enumerate() {
            // (a send fails once the scoring side has stopped: stop reading too)
            if read_source(si, src, &tx).is_err() {
                return;
            }
        }
    });
    rx
}

/// Send one source's records; Err when no one receives them any more.
fn read_source(si: usize, path: &Path, tx: &std::sync::mpsc::SyncSender<Read>) -> Result<(), ()> {
    let send = |r: Read| tx.send(r).map_err(|_| ());
    let name = super::inputs::shown_path(path);
    let src = name.as_str();
    let mut reader: Box<dyn BufRead> = if src == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => return send(Read::Failed(format!("{src}: {}", describe_io(&e)))),
        }
    };
    let shown = if src == "-" { "standard input" } else { src };
    let limit = crate::input::max_file_size();
    let mut number = 0usize;
    loop {
        let mut buf = Vec::new();
        match read_record(&mut reader, &mut buf, limit) {
            Ok(Record::End) => return Ok(()),
            Ok(Record::Binary) => {
                return send(Read::Failed(format!(
                    "{shown} line {}: a NUL byte: this is not JSON Lines (a binary file?); stopped reading it",
                    number + 1
                )));
            }
            Ok(Record::TooLong) => {
                number += 1;
                send(Read::TooLong(format!(
                    "{shown} line {number}: record longer than the limit of {limit} bytes (--max-file-size); skipped"
                )))?;
            }
            Ok(Record::Line) => {
                number += 1;
                if !buf.iter().all(|b| b.is_ascii_whitespace()) {
                    // (blank lines carry no record)
                    send(Read::Line(RawLine {
                        source: si,
                        number,
                        bytes: buf,
                    }))?;
                }
            }
            Err(e) => return send(Read::Failed(format!("{src}: {}", describe_io(&e)))),
        }
    }
}

/// How a record's text is read: its `--format-field` ("text", "markdown" or
/// "md", "html"; any case), else `--input-type`, else plain text. Any other
/// value is the record's error: a guess would score markup as prose.
fn record_format(record: &serde_json::Map<String, Value>, args: &Args) -> Result<Format, String> {
    let default = args.input.input_type.map_or(Format::Text, Format::from);
    match record.get(&args.format_field) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::String(s)) => match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "html" | "htm" => Ok(Format::Html),
            _ => Err(format!(
                "field \"{}\" is \"{s}\"; expected text, markdown or html (another field: --format-field)",
                args.format_field
            )),
        },
        Some(_) => Err(format!(
            "field \"{}\" is not a string; expected text, markdown or html (another field: --format-field)",
            args.format_field
        )),
    }
}

fn run_records(analyzer: &Analyzer, pool: &rayon::ThreadPool, args: &Args) -> i32 {
    let format = args.format.unwrap_or(ScoreFormat::Jsonl);
    let ctx = Ctx {
        analyzer,
        format,
        per_statement: args.per_statement,
        key_width: 24,
    };
    let sources: Vec<PathBuf> = if args.paths.is_empty() {
        vec!["-".into()]
    } else {
        args.paths.clone()
    };
    let names: Vec<String> = sources.iter().map(|p| super::inputs::shown_path(p)).collect();
    let mut key_names = vec![args.id_field.clone()];
    key_names.extend(args.keep.iter().cloned());
    let pb = progress(args.quiet, None);
    let mut sink = Sink::new(format);
    let mut totals = Totals::default();
    sink.push_raw(&ctx.header(&key_names));

    let process = |line: &RawLine| -> Outcome {
        let where_ = if names[line.source] == "-" {
            format!("standard input line {}", line.number)
        } else {
            format!("{} line {}", names[line.source], line.number)
        };
        let parsed: Result<serde_json::Map<String, Value>, String> = match serde_json::from_slice::<Value>(&line.bytes)
        {
            Ok(Value::Object(m)) => Ok(m),
            Ok(_) => Err("not a JSON object".into()),
            Err(e) => Err(format!("invalid JSON: {e}")),
        };
        let (key, key_str, res) = match parsed {
            Err(e) => {
                let mut key = vec![(args.id_field.clone(), Cell::Null)];
                key.extend(args.keep.iter().map(|k| (k.clone(), Cell::Null)));
                (key, String::new(), Err(format!("{where_}: {e}")))
            }
            Ok(m) => {
                let id = m.get(&args.id_field).cloned().unwrap_or(Value::Null);
                let id_s = id_string(&id);
                let mut key = vec![(args.id_field.clone(), Cell::Json(id))];
                key.extend(
                    args.keep
                        .iter()
                        .map(|k| (k.clone(), Cell::Json(m.get(k).cloned().unwrap_or(Value::Null)))),
                );
                let res = match (m.get(&args.text_field), record_format(&m, args)) {
                    (_, Err(e)) => Err(format!("{where_}: {e}")),
                    (Some(Value::String(t)), Ok(f)) => Document::from_bytes(id_s.clone(), t.as_bytes().to_vec(), f)
                        .map_err(|e| format!("{where_}: {e}")),
                    (Some(_), _) => Err(format!("{where_}: field \"{}\" is not a string", args.text_field)),
                    (None, _) => Err(format!(
                        "{where_}: no field \"{}\" (choose the text field with --text-field)",
                        args.text_field
                    )),
                };
                (key, id_s, res)
            }
        };
        ctx.render(&key, &key_str, res)
    };

    let mut batch: Vec<RawLine> = Vec::with_capacity(BATCH_RECORDS);
    let mut batch_bytes = 0usize;
    let mut records = 0usize;
    let mut run_batch = |batch: &mut Vec<RawLine>, totals: &mut Totals, sink: &mut Sink| -> bool {
        let outcomes: Vec<Outcome> = pool.install(|| batch.par_iter().map(&process).collect());
        records += batch.len();
        let bytes: usize = batch.iter().map(|l| l.bytes.len() + 1).sum();
        batch.clear();
        for o in outcomes {
            absorb(&o, false, &pb, totals, sink);
        }
        pb.inc(bytes as u64);
        pb.set_message(plural(records, "record"));
        sink.flush()
    };

    // the records come from a reader thread, so that a batch can be scored as
    // soon as the input stalls: a coprocess that writes one record and waits
    // for its row gets it, instead of waiting for 512 records or the end
    let reads = spawn_reader(sources.clone());
    let mut read_failed = false;
    loop {
        let event = if batch.is_empty() {
            reads.recv().ok()
        } else {
            match reads.recv_timeout(STALL) {
                Ok(ev) => Some(ev),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    if !run_batch(&mut batch, &mut totals, &mut sink) {
                        break;
                    }
                    batch_bytes = 0;
                    continue;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => None,
            }
        };
        match event {
            None => break,
            Some(Read::Failed(message)) => {
                // (after the rows of the records read before it)
                if !batch.is_empty() && !run_batch(&mut batch, &mut totals, &mut sink) {
                    break;
                }
                batch_bytes = 0;
                pb.suspend(|| eprintln!("sayso: error: {message}"));
                read_failed = true;
            }
            Some(Read::TooLong(message)) => {
                // an error row in its place, as for any record that failed
                // (after the records before it: output order is input order)
                if !batch.is_empty() && !run_batch(&mut batch, &mut totals, &mut sink) {
                    break;
                }
                batch_bytes = 0;
                let mut key = vec![(args.id_field.clone(), Cell::Null)];
                key.extend(args.keep.iter().map(|k| (k.clone(), Cell::Null)));
                absorb(&ctx.render(&key, "", Err(message)), false, &pb, &mut totals, &mut sink);
            }
            Some(Read::Line(line)) => {
                batch_bytes += line.bytes.len();
                batch.push(line);
                if batch.len() >= BATCH_RECORDS || batch_bytes as u64 >= CHUNK_BYTES {
                    if !run_batch(&mut batch, &mut totals, &mut sink) {
                        break;
                    }
                    batch_bytes = 0;
                }
            }
        }
    }
    if !batch.is_empty() && !sink.closed {
        run_batch(&mut batch, &mut totals, &mut sink);
    }
    pb.finish_and_clear();
    if sink.closed {
        return sink.exit(if totals.files_failed > 0 || read_failed {
            EXIT_ERROR
        } else {
            EXIT_OK
        });
    }
    finish(&mut sink, &ctx, &totals);
    if totals.files_failed > 0 && matches!(format, ScoreFormat::Csv | ScoreFormat::Jsonl) {
        eprintln!(
            "sayso: {} of {} could not be scored (see the messages above)",
            totals.files_failed,
            plural(totals.files, "record")
        );
    }
    if totals.files_failed > 0 || read_failed {
        EXIT_ERROR
    } else {
        sink.exit(EXIT_OK)
    }
}
