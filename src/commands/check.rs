//! `sayso check`: a CI gate for editorial drafts. Runs the lint rules
//! (`crate::lint`) over each file under the policy in `sayso.toml`, prints
//! diagnostics (human, JSON, SARIF, GitHub workflow commands) and exits
//! 0 (clean), 1 (findings at or above --fail-on) or 2 (usage, config, input).

use super::inputs::{Input, expand, load_with};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Global, output};
use crate::analysis::Analyzer;
use crate::grammar::Grammar;
use crate::lint::changed::{Changed, changed_lines};
use crate::lint::config::{Config, discover};
use crate::lint::{Context, FileReport, Severity, run_rules, suppress};
use crate::render::{diagnostics, github, sarif};
use rayon::prelude::*;
use std::collections::HashMap;
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
  0  no findings at or above --fail-on
  1  findings at or above --fail-on (suppressed findings never count)
  2  usage, configuration or input error, or no files to check

Configuration:
  sayso.toml is found by walking up from each checked file's folder; the first one
  wins, and the walk stops at the repository root (a folder with .git). --config FILE
  overrides discovery. --show-config prints the file used and the effective settings.
  [html] skipped-scopes sets the parts of an HTML page that are not read (docs/check.md).

Suppressing a finding (Markdown and HTML; the rule must be named):
  <!-- sayso-disable-next-line RULE: reason -->
  <!-- sayso-disable RULE: reason --> ... <!-- sayso-enable RULE -->

Examples:
  sayso check drafts/
  sayso check --changed-since origin/main --format github $(git diff --name-only origin/main...HEAD -- '*.md')
  sayso check --format sarif drafts/ > sayso.sarif
  sayso rules                      the rules and their default severity
  sayso rules weasel               one rule's documentation";

/// Check editorial drafts against sourcing rules (for CI)
#[derive(Debug, clap::Args)]
#[command(after_help = CHECK_HELP)]
pub struct Args {
    /// Files or directories (.md, .html, .txt; directories are walked)
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit 1 when a finding has at least this severity
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Use this config file instead of discovering sayso.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Report only findings on lines changed since this git revision (article-level rules still see the whole file)
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Print the config file used and the effective settings, then exit
    #[arg(long)]
    pub show_config: bool,
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

/// Run the command; returns the exit code.
pub fn run(global: &Global, args: &Args) -> i32 {
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
        return EXIT_ERROR;
    }
    let (inputs, errors) = expand(&args.paths);
    let mut failed = false;
    for e in &errors {
        eprintln!("sayso: error: {e}");
        failed = true;
    }
    // pick each file's config; keep the selected files
    let mut selected: Vec<(Input, Arc<Config>)> = Vec::new();
    let mut excluded = 0usize;
    let mut excluded_by: Vec<Arc<Config>> = Vec::new();
    let mut used: Vec<(Arc<Config>, Vec<String>)> = Vec::new();
    for input in inputs {
        let (dir, path) = match &input {
            Input::Stdin => (PathBuf::from("."), None),
            Input::File { path, .. } => (
                path.parent().map(Path::to_path_buf).unwrap_or_default(),
                Some(path.clone()),
            ),
        };
        let cfg = match configs.for_dir(&dir) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("sayso: error: {e}");
                return EXIT_ERROR;
            }
        };
        // a file named on the command line needs no `include` glob (a draft
        // without an extension); one found in a directory does
        let named = matches!(&input, Input::File { shown, .. } if args.paths.contains(shown));
        if let Some(p) = &path
            && (if named { cfg.excludes(p) } else { !cfg.selects(p) })
        {
            excluded += 1;
            excluded_by.push(cfg.clone());
            continue;
        }
        let shown = match &input {
            Input::Stdin => "-".to_string(),
            Input::File { shown, .. } => shown.clone(),
        };
        match used.iter_mut().find(|(c, _)| config_key(c) == config_key(&cfg)) {
            Some((_, files)) => files.push(shown),
            None => used.push((cfg.clone(), vec![shown])),
        }
        selected.push((input, cfg));
    }
    if args.show_config {
        let code = output::print(&show_config(&used));
        return if failed { EXIT_ERROR } else { code };
    }
    if selected.is_empty() {
        let why = if excluded > 0 {
            let whose = match excluded_by.iter().find_map(|c| c.path.clone()) {
                Some(p) => format!("in {}", p.display()),
                None => "of the built-in defaults (no sayso.toml found)".to_string(),
            };
            format!(" ({excluded} excluded by the include/exclude globs {whose})")
        } else {
            String::new()
        };
        eprintln!("sayso: error: no files to check{why}");
        return EXIT_ERROR;
    }
    // one analyser per config (grammar directories may differ)
    let mut analyzers: HashMap<String, Arc<Analyzer>> = HashMap::new();
    for (cfg, _) in &used {
        match grammar_for(global, cfg) {
            Ok(g) => {
                analyzers.insert(config_key(cfg), Arc::new(Analyzer::new(g)));
            }
            Err(e) => {
                eprintln!("sayso: error: {e}");
                return EXIT_ERROR;
            }
        }
    }
    let results: Vec<Result<FileReport, String>> = selected
        .par_iter()
        .map(|(input, cfg)| check_one(input, cfg, &analyzers[&config_key(cfg)], args.changed_since.as_deref()))
        .collect();
    let mut reports = Vec::new();
    for r in results {
        match r {
            Ok(rep) => {
                for w in &rep.doc.warnings {
                    eprintln!("sayso: warning: {}: {w}", rep.doc.path);
                }
                reports.push(rep);
            }
            Err(e) => {
                eprintln!("sayso: error: {e}");
                failed = true;
            }
        }
    }
    let text = match args.format {
        CheckFormat::Human => diagnostics::render(&reports, global.color),
        CheckFormat::Github => github::render(&reports),
        CheckFormat::Sarif => serde_json::to_string_pretty(&sarif::document(&reports)).unwrap_or_default() + "\n",
        CheckFormat::Json => serde_json::to_string_pretty(&json(&reports)).unwrap_or_default() + "\n",
    };
    let written = output::print(&text);
    if failed || written != EXIT_OK {
        return EXIT_ERROR;
    }
    let threshold = match args.fail_on {
        FailOn::Info => Severity::Info,
        FailOn::Warning => Severity::Warning,
        FailOn::Error => Severity::Error,
        FailOn::Never => return EXIT_OK,
    };
    let failing = reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.suppression.is_none() && f.severity >= threshold);
    if failing { EXIT_FINDINGS } else { EXIT_OK }
}

/// Load, analyse and lint one file.
fn check_one(input: &Input, cfg: &Config, analyzer: &Analyzer, since: Option<&str>) -> Result<FileReport, String> {
    let doc = load_with(input, Some(&cfg.html)).map_err(|e| e.to_string())?;
    let changed = match (since, input) {
        (Some(rev), Input::File { path, .. }) => Some(changed_lines(path, rev)?),
        (Some(_), Input::Stdin) => return Err("--changed-since cannot be used with standard input".into()),
        _ => None,
    };
    if changed.as_ref().is_some_and(Changed::is_empty) {
        return Ok(FileReport { doc, findings: vec![] });
    }
    let mut analysis = analyzer.analyze(&doc);
    // lines that make no claim (bylines, section markers) are no one's say-so
    analysis.statements.retain(|st| st.kind != crate::score::NON_CLAIM);
    let cx = Context {
        doc: &doc,
        analysis: &analysis,
        grammar: &analyzer.matcher.grammar,
    };
    let mut findings = run_rules(&cx, &cfg.settings);
    let metas = suppress::apply(&doc, &mut findings, &cfg.settings);
    findings.extend(metas);
    if let Some(c) = &changed {
        findings.retain(|f| f.article || c.touches(f.line, f.end_line.max(f.line)));
    }
    findings.sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
    Ok(FileReport { doc, findings })
}

/// The `--format json` document.
pub fn json(reports: &[FileReport]) -> serde_json::Value {
    let files: Vec<serde_json::Value> = reports
        .iter()
        .map(|r| serde_json::json!({"path": r.doc.path, "findings": r.findings}))
        .collect();
    serde_json::json!({
        "version": 1,
        "files": files,
        "totals": crate::lint::Totals::of(reports),
    })
}
