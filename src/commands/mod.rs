//! The CLI verbs. Each command reads inputs, runs the analysis and hands the
//! results to a renderer; exit codes are defined here, once.

pub mod annotate;
pub mod check;
pub mod inputs;
pub mod output;
pub mod rules;
pub mod score;
pub mod sources;
pub mod train;
pub mod train_cues;
pub mod train_hedges;
pub mod train_holders;
pub mod train_spans;

use crate::grammar::Grammar;
use std::path::Path;

/// Everything went as asked.
pub const EXIT_OK: i32 = 0;
/// `check`: findings at or above `--fail-on` (by default `warning`).
pub const EXIT_FINDINGS: i32 = 1;
/// Usage, configuration or input error (other inputs are still processed).
pub const EXIT_ERROR: i32 = 2;

/// Options every command shares.
#[derive(Debug, Clone)]
pub struct Global {
    /// `--grammar DIR`
    pub grammar_dir: Option<std::path::PathBuf>,
    /// `--models DIR`: decision models other than the built-in ones
    pub models_dir: Option<std::path::PathBuf>,
    /// `--grammar-only`: no learned cue detection, no learned content ends or holders
    pub grammar_only: bool,
    /// resolved from `--color`, NO_COLOR and whether stdout is a terminal
    pub color: bool,
}

impl Global {
    /// The analyser for these options, or a one-line error.
    pub fn analyzer(&self) -> Result<crate::analysis::Analyzer, String> {
        let grammar = load_grammar(self.grammar_dir.as_deref())?;
        Ok(crate::analysis::Analyzer::with_models(grammar, self.models()?))
    }

    /// The decision models for these options: `--models DIR` or the built-in
    /// ones, without the cue detector and span model under `--grammar-only`.
    pub fn models(&self) -> Result<std::sync::Arc<crate::score::Models>, String> {
        let models = match &self.models_dir {
            None => crate::score::Models::builtin(),
            Some(d) => std::sync::Arc::new(crate::score::Models::from_dir(d).map_err(|e| format!("models: {e}"))?),
        };
        Ok(if self.grammar_only {
            std::sync::Arc::new(models.grammar_only())
        } else {
            models
        })
    }

    /// The analyzer, or `None` after reporting why the grammar did not load.
    pub fn analyzer_or_report(&self) -> Option<crate::analysis::Analyzer> {
        self.analyzer().map_err(|e| eprintln!("sayso: {e}")).ok()
    }
}

/// The grammar: built-in, plus a user directory when given.
pub fn load_grammar(dir: Option<&Path>) -> Result<Grammar, String> {
    match dir {
        None => Ok(Grammar::builtin()),
        Some(d) => Grammar::with_dir(d).map_err(|e| format!("grammar error: {e}")),
    }
}

/// Should output be coloured? `--color`, then NO_COLOR, then whether stdout is a terminal.
pub fn use_color(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `--jobs` at most this many times the number of cores: more threads only
/// cost memory (each has its own stack) and gain nothing.
pub const JOBS_PER_CORE: usize = 4;

/// `--jobs N` capped at `JOBS_PER_CORE` times the core count, with a warning
/// when it is lowered. 0 (the default: one per core) passes through.
pub fn cap_jobs(jobs: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let max = JOBS_PER_CORE * cores;
    if jobs > max {
        eprintln!("sayso: warning: --jobs {jobs} is more than {JOBS_PER_CORE} per core ({cores} cores); using {max}");
        max
    } else {
        jobs
    }
}

/// A size in bytes: a number with an optional K, M or G suffix (powers of
/// 1024; `KB`, `MiB` and lower case also accepted), for `--max-file-size`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(digits);
    let n: u64 = n
        .parse()
        .map_err(|_| format!("'{s}' is not a size (a number of bytes, or with K, M or G: 300M)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("'{s}': unknown unit '{unit}' (use K, M or G)")),
    };
    n.checked_mul(1 << shift)
        .filter(|&b| b > 0)
        .ok_or_else(|| format!("'{s}' is not a usable size"))
}
