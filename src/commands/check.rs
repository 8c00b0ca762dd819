//! `sayso check`: a CI gate for editorial drafts. Runs the lint rules
//! (`crate::lint`) over each file under the policy in `sayso.toml`, prints
//! diagnostics (human, JSON, SARIF, GitHub workflow commands) and exits
//! 0 (clean), 1 (findings at or above --fail-on, by default warning) or 2
//! (usage, config, input).

use super::inputs::{Input, expand, load_with};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Global, output};
use crate::analysis::Analyzer;
use crate::grammar::Grammar;
use crate::lint::baseline::{self, Baseline, Entry};
use crate::lint::changed::{Changed, changed_lines};
use crate::lint::config::{Config, Settings, discover};
use crate::lint::{Context, FileReport, Severity, run_rules, suppress};
use crate::render::{diagnostics, github, sarif};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// rustc-style diagnostics with the source line and a caret
    Human,
    /// one JSON document with every finding, suppressed ones included
    Json,
    /// SARIF 2.1.0 for GitHub code scanning (suppressed findings included)
    Sarif,
    /// GitHub Actions workflow commands (::warning file=…)
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Info,
    Warning,
    Error,
    /// always exit 0 on findings (still 2 on errors)
    Never,
}

const CHECK_HELP: &str = "\
Exit codes:
  0  no finding at or above --fail-on (default: warning, so info findings alone pass)
  1  findings at or above --fail-on: by default any warning or error (suppressed findings and
     findings hidden by --baseline never count); --fail-on error fails only on errors,
     --fail-on never only reports
  2  usage, configuration or input error, or no files to check (an empty report is still
     written: SARIF with no results)

Files:
  Folders are walked for .txt, .md and .html files (any case), skipping hidden names and what
  .gitignore/.ignore hide unless --hidden / --no-ignore. A file named on the command line needs
  no `include` glob; one that `exclude` names is skipped with a note on stderr, as ruff's
  --force-exclude does, and when every file given is skipped the run passes (exit 0).

Configuration:
  sayso.toml is found by walking up from each checked file's folder; the first one
  wins, and the walk stops at the repository root (a folder with .git). A nested file
  builds on another with extend = \"../sayso.toml\". --config FILE overrides discovery.
  --show-config prints the file used and the effective settings.
  [html] skipped-scopes sets the parts of an HTML page that are not read (docs/check.md).

Suppressing a finding (Markdown and HTML; the rule must be named; any case):
  <!-- sayso-disable-next-line RULE: reason -->
  <!-- sayso-disable RULE: reason --> ... <!-- sayso-enable RULE -->

Rules and baselines:
  One holder gives one finding: when anonymity-unexplained, weasel and unnamed-source flag the
  same holder, only the most specific (in that order) is reported; suppressing it silences the
  phrase.
  --select/--ignore pick the rules run; --statistics counts findings per rule. An archive adopts
  the gate with --write-baseline FILE once, then --baseline FILE hides what it recorded.

Examples:
  sayso check drafts/
  sayso check --fail-on error drafts/          fail only on errors
  sayso check --select weasel,loaded-cue drafts/
  sayso check --write-baseline sayso-baseline.json archive/
  sayso check --baseline sayso-baseline.json archive/
  sayso check --changed-since origin/main --format github $(git diff --name-only origin/main...HEAD -- '*.md')
  sayso check --format sarif --fail-on never drafts/ > sayso.sarif
  sayso rules                      the rules and their default severity
  sayso rules weasel               one rule's documentation";

/// Check editorial drafts against sourcing rules (for CI)
#[derive(Debug, clap::Args)]
#[command(after_help = CHECK_HELP)]
pub struct Args {
    /// Files or directories (.md, .html, .txt; directories are walked)
    #[arg(value_name = "PATH", value_parser = super::inputs::path_arg())]
    pub paths: Vec<std::path::PathBuf>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit 1 when an unsuppressed finding has at least this severity (`error` fails only on
    /// errors; `never` only reports)
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Run only these rules (comma-separated or repeated); a rule that sayso.toml turns off runs
    /// at its default severity when selected by name
    #[arg(long, value_name = "RULE[,RULE]", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Run every rule but these (comma-separated or repeated)
    #[arg(long, value_name = "RULE[,RULE]", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Print how many findings each rule gave instead of each finding (human or json format)
    #[arg(long)]
    pub statistics: bool,
    /// Hide the findings recorded in this baseline file (see --write-baseline); the number hidden
    /// is printed on stderr
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current unsuppressed findings in FILE (a baseline for --baseline) and exit 0
    /// instead of reporting them
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "changed_since", "statistics"])]
    pub write_baseline: Option<PathBuf>,
    /// Use this config file instead of discovering sayso.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Report only findings on lines changed since this git revision (article-level rules still
    /// see the whole file); the revision is checked once, before any file is read
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Print the config file used and the effective settings, then exit
    #[arg(long)]
    pub show_config: bool,
    #[command(flatten)]
    pub input: super::inputs::InputArgs,
}

/// Where each file's config came from: an explicit file, or discovery per folder.
struct Configs {
    explicit: Option<Arc<Config>>,
    by_dir: HashMap<PathBuf, Arc<Config>>,
    by_file: HashMap<PathBuf, Arc<Config>>,
}

impl Configs {
    fn new(explicit: Option<&Path>) -> Result<Configs, String> {
        let explicit = match explicit {
            Some(p) => Some(Arc::new(Config::load(p)?)),
            None => None,
        };
        Ok(Configs {
            explicit,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
        })
    }

    /// The config for files in `dir`.
    fn for_dir(&mut self, dir: &Path) -> Result<Arc<Config>, String> {
        if let Some(c) = &self.explicit {
            return Ok(c.clone());
        }
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let canon = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if let Some(c) = self.by_dir.get(&canon) {
            return Ok(c.clone());
        }
        let cfg = match discover(&canon) {
            Some(file) => match self.by_file.get(&file) {
                Some(c) => c.clone(),
                None => {
                    let c = Arc::new(Config::load(&file)?);
                    self.by_file.insert(file, c.clone());
                    c
                }
            },
            None => Arc::new(Config::defaults(&canon)),
        };
        self.by_dir.insert(canon, cfg.clone());
        Ok(cfg)
    }
}

fn config_key(c: &Config) -> String {
    c.path
        .as_ref()
        .map_or_else(|| "<defaults>".to_string(), |p| p.display().to_string())
}

/// Build the grammar for a config: built-in, then --grammar, then [check] grammar dirs.
fn grammar_for(global: &Global, cfg: &Config) -> Result<Grammar, String> {
    let mut g = super::load_grammar(global.grammar_dir.as_deref())?;
    for dir in &cfg.grammar {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("grammar directory {}: {e}", dir.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "sayso"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(format!("grammar directory {}: no .sayso files", dir.display()));
        }
        for f in files {
            let src = crate::input::read_config_file(&f, crate::grammar::MAX_GRAMMAR_FILE)
                .map_err(|e| format!("{}: cannot read grammar file: {e}", f.display()))?;
            g.add_source(&f.display().to_string(), &src)
                .map_err(|e| format!("grammar error: {e}"))?;
        }
    }
    Ok(g)
}

fn show_config(configs: &[(Arc<Config>, Vec<String>)]) -> String {
    let mut out = String::new();
    for (cfg, files) in configs {
        match &cfg.path {
            Some(p) => out.push_str(&format!("# config: {}\n", p.display())),
            None => out.push_str("# config: none found (built-in defaults)\n"),
        }
        for base in &cfg.extends {
            out.push_str(&format!("# extends: {}\n", base.display()));
        }
        if let Some(above) = cfg.shadows() {
            out.push_str(&format!(
                "# note: {} is not used here: the nearest sayso.toml wins; add extend = \"{}\" to build on it\n",
                above.display(),
                relative_path(cfg.root.as_path(), &above)
            ));
        }
        if !files.is_empty() {
            let shown: Vec<&str> = files.iter().take(5).map(String::as_str).collect();
            let more = if files.len() > 5 {
                format!(" and {} more", files.len() - 5)
            } else {
                String::new()
            };
            out.push_str(&format!("# used for: {}{more}\n", shown.join(", ")));
        }
        out.push_str(&cfg.describe());
        out.push('\n');
    }
    out
}

/// The files to check, each with its config, and what the selection skipped.
#[derive(Default)]
struct Selection {
    selected: Vec<(Input, Arc<Config>)>,
    /// files found in a folder that the include/exclude globs leave out, each by its config
    excluded_walked: Vec<Arc<Config>>,
    /// files named on the command line that an `exclude` glob names: skipped,
    /// with a note, as ruff's `--force-exclude` does (a pre-commit hook or a CI
    /// step passes every changed file, excluded or not)
    excluded_named: Vec<(String, Arc<Config>)>,
    /// the configs used, each with the files it is used for (for --show-config)
    used: Vec<(Arc<Config>, Vec<String>)>,
}

/// Pick each input's config and keep the inputs it selects.
fn select(inputs: Vec<Input>, paths: &[PathBuf], configs: &mut Configs) -> Result<Selection, String> {
    let mut sel = Selection::default();
    for input in inputs {
        let (dir, path) = match &input {
            // (a --stdin-filename places standard input in a folder, for discovery)
            Input::Stdin { name, .. } => (
                Path::new(name).parent().map(Path::to_path_buf).unwrap_or_default(),
                None,
            ),
            Input::File { path, .. } => (
                path.parent().map(Path::to_path_buf).unwrap_or_default(),
                Some(path.clone()),
            ),
        };
        let cfg = configs.for_dir(&dir)?;
        // a file named on the command line needs no `include` glob (a draft
        // without an extension); one found in a directory does
        let named = match &input {
            Input::File { path, .. } => paths.iter().any(|p| p == path),
            Input::Stdin { .. } => false,
        };
        if let Some(p) = &path {
            if named && cfg.excludes(p) {
                sel.excluded_named.push((input.shown().to_string(), cfg));
                continue;
            }
            if !named && !cfg.selects(p) {
                sel.excluded_walked.push(cfg);
                continue;
            }
        }
        let shown = input.shown().to_string();
        match sel.used.iter_mut().find(|(c, _)| config_key(c) == config_key(&cfg)) {
            Some((_, files)) => files.push(shown),
            None => sel.used.push((cfg.clone(), vec![shown])),
        }
        sel.selected.push((input, cfg));
    }
    Ok(sel)
}

/// Where an exclusion comes from, for messages: "in FILE" or the defaults.
fn whose(cfg: &Config) -> String {
    match &cfg.path {
        Some(p) => format!("in {}", p.display()),
        None => "of the built-in defaults (no sayso.toml found)".to_string(),
    }
}

/// Say on standard error which files named on the command line were skipped.
fn note_excluded_named(excluded: &[(String, Arc<Config>)]) {
    for (shown, cfg) in excluded {
        eprintln!(
            "sayso: note: skipped {shown}: excluded by the exclude globs {}",
            whose(cfg)
        );
    }
}

/// `to` written relative to the folder `from` ("../sayso.toml"), for a hint.
fn relative_path(from: &Path, to: &Path) -> String {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (from, to) = (canon(from), canon(to));
    let common = from.ancestors().find(|a| to.starts_with(a));
    match common {
        Some(c) => {
            let up = from.strip_prefix(c).map_or(0, |r| r.components().count());
            let down = to.strip_prefix(c).unwrap_or(&to);
            let mut p = PathBuf::new();
            for _ in 0..up {
                p.push("..");
            }
            p.join(down).display().to_string()
        }
        None => to.display().to_string(),
    }
}

/// What the command line changes in every file's run: the rules run
/// (`--select`, `--ignore`) and the baseline read or written.
#[derive(Default)]
struct Plan {
    select: Option<Vec<&'static str>>,
    ignore: Vec<&'static str>,
    baseline: Option<Baseline>,
    /// `--write-baseline`: the folder its paths are relative to
    record: Option<PathBuf>,
}

/// Rule names given to `--select` or `--ignore`, checked against the rules.
fn rule_names(names: &[String], flag: &str) -> Result<Vec<&'static str>, String> {
    let ids = crate::lint::rule_ids();
    let mut out = Vec::new();
    for name in names {
        let name = name.trim();
        if name.is_empty() {
            return Err(format!(
                "{flag}: empty rule name; give rule names such as {flag} weasel,loaded-cue"
            ));
        }
        match ids.iter().find(|id| id.eq_ignore_ascii_case(name)) {
            Some(id) => out.push(*id),
            None => {
                let hint = match crate::grammar::did_you_mean(&name.to_lowercase(), ids.iter().copied()) {
                    Some(s) => format!("did you mean '{s}'?"),
                    None => "`sayso rules` lists them".to_string(),
                };
                return Err(format!("{flag}: unknown rule '{name}'; {hint}"));
            }
        }
    }
    Ok(out)
}

impl Plan {
    fn new(args: &Args) -> Result<Plan, String> {
        if args.statistics && matches!(args.format, CheckFormat::Sarif | CheckFormat::Github) {
            return Err(
                "--statistics prints a table (--format human) or JSON (--format json), not SARIF or workflow commands"
                    .into(),
            );
        }
        let select = if args.select.is_empty() {
            None
        } else {
            Some(rule_names(&args.select, "--select")?)
        };
        let ignore = rule_names(&args.ignore, "--ignore")?;
        let baseline = match &args.baseline {
            Some(f) => Some(Baseline::load(f)?),
            None => None,
        };
        Ok(Plan {
            select,
            ignore,
            baseline,
            record: args.write_baseline.as_deref().map(baseline::dir_of),
        })
    }

    /// A config's settings with the command line's rule selection applied.
    fn settings(&self, base: &Settings) -> Settings {
        let mut s = base.clone();
        for (id, rs) in s.rules.iter_mut() {
            match &self.select {
                Some(sel) if !sel.contains(id) => rs.severity = Severity::Off,
                Some(_) if rs.severity == Severity::Off => {
                    rs.severity = crate::lint::rule(id).map_or(Severity::Warning, |r| r.default_severity());
                }
                _ => {}
            }
            if self.ignore.contains(id) {
                rs.severity = Severity::Off;
            }
        }
        s
    }
}

/// One file's result: its report, its warnings, its findings rendered for the
/// human format (when asked), the findings the baseline hid, and the baseline
/// entries of its findings (with `--write-baseline`).
struct Checked {
    report: FileReport,
    warnings: Vec<String>,
    rendered: String,
    hidden: usize,
    entries: Vec<Entry>,
}

/// Run the command; returns the exit code.
pub fn run(global: &Global, args: &Args) -> i32 {
    let plan = match Plan::new(args) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("sayso: error: {e}");
            return EXIT_ERROR;
        }
    };
    let mut configs = match Configs::new(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("sayso: error: {e}");
            return EXIT_ERROR;
        }
    };
    if args.paths.is_empty() {
        if args.show_config {
            return match configs.for_dir(Path::new(".")) {
                Ok(c) => output::print(&show_config(&[(c, vec![])])),
                Err(e) => {
                    eprintln!("sayso: error: {e}");
                    EXIT_ERROR
                }
            };
        }
        eprintln!("sayso: error: no files to check; give files or directories (see `sayso check --help`)");
        return write_report(global, args, &[], true);
    }
    let (inputs, errors) = expand(&args.paths, &args.input);
    let mut failed = false;
    for e in &errors {
        eprintln!("sayso: error: {e}");
        failed = true;
    }
    let sel = match select(inputs, &args.paths, &mut configs) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("sayso: error: {e}");
            return EXIT_ERROR;
        }
    };
    if args.show_config {
        let code = output::print(&show_config(&sel.used));
        return if failed { EXIT_ERROR } else { code };
    }
    note_excluded_named(&sel.excluded_named);
    if sel.selected.is_empty() {
        return nothing_selected(global, args, &sel, failed);
    }
    if let Some(rev) = &args.changed_since
        && let Err(e) = verify_revision(rev, &sel.selected)
    {
        eprintln!("sayso: error: {e}");
        return write_report(global, args, &[], true);
    }
    // one analyser per config (grammar directories may differ)
    let models = match global.models() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("sayso: error: {e}");
            return EXIT_ERROR;
        }
    };
    let mut analyzers: HashMap<String, Arc<Analyzer>> = HashMap::new();
    for (cfg, _) in &sel.used {
        match grammar_for(global, cfg) {
            Ok(g) => {
                analyzers.insert(config_key(cfg), Arc::new(Analyzer::with_models(g, models.clone())));
            }
            Err(e) => {
                eprintln!("sayso: error: {e}");
                return EXIT_ERROR;
            }
        }
    }
    // files in parallel a chunk at a time, their results taken in input order:
    // the human and GitHub formats write each file's findings as it comes, and
    // JSON, SARIF and --statistics keep only the findings (never the documents)
    let streamed = args.write_baseline.is_none()
        && !args.statistics
        && matches!(args.format, CheckFormat::Human | CheckFormat::Github);
    let color = global.color;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // a failed write: a closed pipe ends the output quietly and the run still
    // decides its exit code from every file; any other failure is an error
    let mut write_error: Option<std::io::Error> = None;
    let mut totals = crate::lint::Totals::default();
    let mut reports = Vec::new();
    let mut hidden = 0;
    let mut entries = Vec::new();
    let mut failing = false;
    let threshold = fail_threshold(args.fail_on);
    for chunk in sel.selected.chunks(64) {
        let results: Vec<Result<Checked, String>> = (chunk.par_iter())
            .map(|(input, cfg)| {
                let analyzer = &analyzers[&config_key(cfg)];
                let human = streamed && args.format == CheckFormat::Human;
                check_one(
                    input,
                    cfg,
                    analyzer,
                    args.changed_since.as_deref(),
                    &plan,
                    human.then_some(color),
                )
            })
            .collect();
        for r in results {
            match r {
                Ok(c) => {
                    for w in &c.warnings {
                        eprintln!("sayso: warning: {}: {w}", c.report.path);
                    }
                    hidden += c.hidden;
                    entries.extend(c.entries);
                    totals.add(&c.report);
                    failing |= threshold.is_some_and(|t| {
                        (c.report.findings.iter()).any(|f| f.suppression.is_none() && f.severity >= t)
                    });
                    if !streamed {
                        if args.write_baseline.is_none() {
                            reports.push(c.report);
                        }
                    } else if write_error.is_none() {
                        let text = match args.format {
                            CheckFormat::Github => github::render(std::slice::from_ref(&c.report)),
                            _ => c.rendered,
                        };
                        if let Err(e) = out.write_all(text.as_bytes()) {
                            write_error = Some(e);
                        }
                    }
                }
                Err(e) => {
                    eprintln!("sayso: error: {e}");
                    failed = true;
                }
            }
        }
    }
    if let Some(file) = &args.write_baseline {
        drop(out);
        return write_baseline(file, entries, totals.files, failed);
    }
    if let Some(file) = &args.baseline {
        eprintln!(
            "sayso: note: {} hidden by the baseline {}",
            count(hidden, "finding"),
            file.display()
        );
    }
    if !streamed {
        drop(out);
        return write_report(global, args, &reports, failed);
    }
    if write_error.is_none() && args.format == CheckFormat::Human {
        let summary = format!("{}\n", diagnostics::summary(&totals));
        if let Err(e) = out.write_all(summary.as_bytes()) {
            write_error = Some(e);
        }
    }
    if let Err(e) = out.flush() {
        write_error.get_or_insert(e);
    }
    let written = write_error.as_ref().map_or(EXIT_OK, output::write_failed);
    if failed || written != EXIT_OK {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// The lowest severity that fails the run (None: `--fail-on never`).
fn fail_threshold(fail_on: FailOn) -> Option<Severity> {
    match fail_on {
        FailOn::Info => Some(Severity::Info),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Error => Some(Severity::Error),
        FailOn::Never => None,
    }
}

/// "1 finding", "2 findings".
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("{n} {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// `--write-baseline FILE`: record the findings (never a partial baseline: a
/// file that could not be checked fails the run and nothing is written).
fn write_baseline(file: &Path, entries: Vec<Entry>, files: usize, failed: bool) -> i32 {
    if failed {
        eprintln!(
            "sayso: error: baseline {} not written: some files could not be checked",
            file.display()
        );
        return EXIT_ERROR;
    }
    let n = entries.len();
    if let Err(e) = std::fs::write(file, baseline::render(entries)) {
        eprintln!("sayso: error: cannot write baseline {}: {e}", file.display());
        return EXIT_ERROR;
    }
    eprintln!(
        "sayso: wrote {} in {} to the baseline {}",
        count(n, "finding"),
        count(files, "file"),
        file.display()
    );
    EXIT_OK
}

/// No file is left to check. When the only files skipped were named on the
/// command line and excluded by the config, that is what was asked for: the
/// run passes (exit 0) with an empty report. Otherwise (an empty folder, a
/// walk the globs emptied) it is an error, with the empty report still
/// written, so that a SARIF upload step gets a valid log.
fn nothing_selected(global: &Global, args: &Args, sel: &Selection, failed: bool) -> i32 {
    if !failed && sel.excluded_walked.is_empty() && !sel.excluded_named.is_empty() {
        eprintln!("sayso: note: nothing to check: every file given is excluded");
        return write_report(global, args, &[], false);
    }
    let by: Vec<&Arc<Config>> = (sel.excluded_walked.iter())
        .chain(sel.excluded_named.iter().map(|(_, c)| c))
        .collect();
    let why = match by.iter().find(|c| c.path.is_some()).or(by.first()) {
        Some(cfg) => format!(" ({} excluded by the include/exclude globs {})", by.len(), whose(cfg)),
        None => String::new(),
    };
    eprintln!("sayso: error: no files to check{why}");
    write_report(global, args, &[], true)
}

/// Write the report in the chosen format (an empty one is still a whole
/// document: SARIF with no results, JSON with no files) and give the exit code.
fn write_report(_global: &Global, args: &Args, reports: &[FileReport], failed: bool) -> i32 {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // (JSON and SARIF are written one file or result at a time: the same bytes
    // as the whole document pretty-printed, without building it)
    let result = match args.format {
        CheckFormat::Human if args.statistics => out.write_all(statistics_table(reports).as_bytes()),
        CheckFormat::Json if args.statistics => out
            .write_all((serde_json::to_string_pretty(&statistics_json(reports)).unwrap_or_default() + "\n").as_bytes()),
        // (a run with files writes their findings file by file; this is the report of a
        // run that checked none)
        CheckFormat::Human => writeln!(out, "{}", diagnostics::summary(&crate::lint::Totals::of(reports))),
        CheckFormat::Github => out.write_all(github::render(reports).as_bytes()),
        CheckFormat::Sarif => sarif::write(&mut out, reports),
        CheckFormat::Json => write_json(&mut out, reports),
    };
    let written = match result.and_then(|_| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) => output::write_failed(&e),
    };
    if failed || written != EXIT_OK {
        return EXIT_ERROR;
    }
    let Some(threshold) = fail_threshold(args.fail_on) else {
        return EXIT_OK;
    };
    let failing = (reports.iter())
        .flat_map(|r| &r.findings)
        .any(|f| f.suppression.is_none() && f.severity >= threshold);
    if failing { EXIT_FINDINGS } else { EXIT_OK }
}

/// `--statistics`: each rule with its unsuppressed findings (count, highest
/// severity), most findings first.
fn statistics(reports: &[FileReport]) -> Vec<(&'static str, Severity, usize)> {
    let mut by: Vec<(&'static str, Severity, usize)> = Vec::new();
    for f in reports
        .iter()
        .flat_map(|r| &r.findings)
        .filter(|f| f.suppression.is_none())
    {
        match by.iter_mut().find(|(r, _, _)| *r == f.rule) {
            Some(x) => {
                x.1 = x.1.max(f.severity);
                x.2 += 1;
            }
            None => by.push((f.rule, f.severity, 1)),
        }
    }
    by.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    by
}

fn statistics_table(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for (rule, severity, n) in statistics(reports) {
        out.push_str(&format!("{n:>5}  {rule:<24} {}\n", severity.as_str()));
    }
    out.push_str(&diagnostics::summary(&crate::lint::Totals::of(reports)));
    out.push('\n');
    out
}

fn statistics_json(reports: &[FileReport]) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = (statistics(reports).into_iter())
        .map(|(rule, severity, n)| serde_json::json!({"rule": rule, "severity": severity, "count": n}))
        .collect();
    serde_json::json!({
        "version": 1,
        "rules": rules,
        "totals": crate::lint::Totals::of(reports),
    })
}

/// `--changed-since REV` is checked once, before any file is read: every file
/// must lie in a git repository, and REV must be a commit in each of them.
fn verify_revision(rev: &str, selected: &[(Input, Arc<Config>)]) -> Result<(), String> {
    let files: Vec<&Path> = (selected.iter())
        .filter_map(|(input, _)| match input {
            Input::File { path, .. } => Some(path.as_path()),
            Input::Stdin { .. } => None,
        })
        .collect();
    if files.len() < selected.len() {
        return Err("--changed-since cannot be used with standard input: it compares files with a git revision".into());
    }
    crate::lint::changed::verify_revision(rev, &files)
}

/// Load, analyse and lint one file; with `human` (the colour choice), render
/// its unsuppressed findings for the human format while the document is here.
fn check_one(
    input: &Input,
    cfg: &Config,
    analyzer: &Analyzer,
    since: Option<&str>,
    plan: &Plan,
    human: Option<bool>,
) -> Result<Checked, String> {
    let doc = load_with(input, Some(&cfg.html)).map_err(|e| e.to_string())?;
    let changed = match (since, input) {
        (Some(rev), Input::File { path, .. }) => Some(changed_lines(path, rev)?),
        (Some(_), Input::Stdin { .. }) => return Err("--changed-since cannot be used with standard input".into()),
        _ => None,
    };
    if changed.as_ref().is_some_and(Changed::is_empty) {
        return Ok(Checked {
            report: FileReport {
                path: doc.path,
                findings: vec![],
            },
            warnings: doc.warnings,
            rendered: String::new(),
            hidden: 0,
            entries: vec![],
        });
    }
    let mut analysis = analyzer.analyze(&doc);
    // lines that make no claim (bylines, section markers) are no one's say-so
    analysis.statements.retain(|st| st.kind != crate::score::NON_CLAIM);
    let cx = Context {
        doc: &doc,
        analysis: &analysis,
        grammar: &analyzer.matcher.grammar,
    };
    let settings = plan.settings(&cfg.settings);
    let mut findings = run_rules(&cx, &settings);
    let metas = suppress::apply(&doc, &mut findings, &settings);
    findings.extend(metas);
    findings.sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
    // baseline fingerprints are taken over the whole file, before --changed-since narrows it
    let shown = |f: &crate::lint::Finding| {
        (changed.as_ref()).is_none_or(|c| f.article || c.touches(f.line, f.end_line.max(f.line)))
    };
    let (mut hidden, mut entries) = (0, Vec::new());
    let dir = (plan.baseline.as_ref().map(|b| b.dir.as_path())).or(plan.record.as_deref());
    if let Some(dir) = dir {
        let path = baseline::key_path(&doc.path, dir);
        let open: Vec<usize> = (0..findings.len())
            .filter(|&i| findings[i].suppression.is_none())
            .collect();
        let prints = baseline::fingerprints(&doc.original, open.iter().map(|&i| &findings[i]));
        let mut drop = vec![false; findings.len()];
        for (&i, fingerprint) in open.iter().zip(prints) {
            if let Some(b) = &plan.baseline
                && b.contains(&path, &fingerprint)
            {
                drop[i] = true;
                hidden += usize::from(shown(&findings[i]));
            }
            if plan.record.is_some() {
                entries.push(Entry {
                    rule: findings[i].rule.to_string(),
                    path: path.clone(),
                    fingerprint,
                });
            }
        }
        let mut i = 0;
        findings.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }
    findings.retain(shown);
    let rendered = human.map_or_else(String::new, |color| diagnostics::file(&doc, &findings, color));
    Ok(Checked {
        report: FileReport {
            path: doc.path,
            findings,
        },
        warnings: doc.warnings,
        rendered,
        hidden,
        entries,
    })
}

/// [`json`], pretty-printed to `w` (with a final line break) one file at a time.
fn write_json(w: &mut impl Write, reports: &[FileReport]) -> std::io::Result<()> {
    let frame = serde_json::json!({
        "version": 1,
        "files": crate::render::STREAMED,
        "totals": crate::lint::Totals::of(reports),
    });
    let files = (reports.iter()).map(|r| serde_json::json!({"path": r.path, "findings": r.findings}));
    crate::render::write_pretty_streaming(w, &frame, files)?;
    w.write_all(b"\n")
}

/// The `--format json` document.
pub fn json(reports: &[FileReport]) -> serde_json::Value {
    let files: Vec<serde_json::Value> = reports
        .iter()
        .map(|r| serde_json::json!({"path": r.path, "findings": r.findings}))
        .collect();
    serde_json::json!({
        "version": 1,
        "files": files,
        "totals": crate::lint::Totals::of(reports),
    })
}
