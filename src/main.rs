//! The `sayso` command line: parse arguments, hand off to `commands`.

use clap::{CommandFactory, Parser, Subcommand};
use sayso::commands::{self, ColorChoice, Global, annotate, check, rules, score, sources, train};
use std::path::PathBuf;

// The matcher builds many small, short-lived values per document; mimalloc
// serves them faster than the system allocator and keeps threads apart.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const AFTER_HELP: &str = "\
Verdicts:
  confirmed  the writer states it plainly, or a source vouches for it (confirmed, records show)
  alleged    it rests on someone's say-so (said, according to) or the writer hedges it (reportedly, may)
  disputed   the text reports it as contested (denied, rejected, no evidence, criticised)
Sources:
  none (the writer's own voice), named (a person, body or document), unnamed (sources familiar
  with the matter, officials, critics, it is believed)

Exit codes:
  0  success
  1  check: findings at or above --fail-on (default: any warning or error)
  2  usage, configuration or input error (other inputs are still processed)

Examples:
  sayso annotate corpus/01-port-strike.txt       annotated article in the terminal
  sayso annotate --explain draft.md              ... with the rules behind every verdict
  sayso annotate --format jsonl corpus/ > out.jsonl
  sayso annotate --format csv corpus/ > statements.csv   one row per statement
  sayso annotate --format html draft.md > page.html    one page to share (docs/pages.md)
  cat article.txt | sayso annotate -";

#[derive(Parser)]
#[command(name = "sayso", version, propagate_version = true, about = "On whose say-so does each claim in a news article rest?", after_help = AFTER_HELP)]
struct Cli {
    /// Extra grammar directory: its .sayso files add rules or replace built-in ones by name
    #[arg(long, global = true, value_name = "DIR")]
    grammar: Option<PathBuf>,
    /// Decision models to use instead of the built-in ones (a folder with verdict.json and source.json, as `sayso train` writes)
    #[arg(long, global = true, value_name = "DIR")]
    models: Option<PathBuf>,
    /// Find attributions with the grammar's rules alone: no learned cue detection,
    /// content ends or holder boundaries (the verdict and source models still decide; docs/grammar.md)
    #[arg(long, global = true)]
    grammar_only: bool,
    /// Largest input read, in bytes (K, M, G suffixes): a larger file, standard input or
    /// JSON Lines record is an error (exit 2) and the other inputs still run
    #[arg(long, global = true, value_name = "SIZE", default_value = "256M", value_parser = commands::parse_size)]
    max_file_size: u64,
    /// When to use colour (NO_COLOR is honoured; never when piped)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate articles statement by statement: verdict, source, cues, hedges
    #[command(after_help = AFTER_HELP)]
    Annotate(annotate::Args),
    /// Batch-score a corpus: per-article shares and corpus totals
    Score(score::Args),
    /// Check editorial drafts against sourcing rules (for CI)
    Check(check::Args),
    /// List the distinct sources of a document and what rests on each
    Sources(sources::Args),
    /// List the check rules, or print one rule's documentation
    Rules(rules::Args),
    /// Train the verdict and source models from labelled sentences
    Train(train::Args),
    /// Print a shell completion script to standard output
    #[command(after_help = "\
Install (one of):
  sayso completions bash > ~/.local/share/bash-completion/completions/sayso
  sayso completions zsh > ~/.zfunc/_sayso        (with fpath+=~/.zfunc before compinit)
  sayso completions fish > ~/.config/fish/completions/sayso.fish
  sayso completions powershell >> $PROFILE")]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output
    #[command(after_help = "\
Read it with `sayso manpage | man -l -`, or install it:
  sayso manpage > ~/.local/share/man/man1/sayso.1")]
    Manpage,
}

/// The completion script for `shell`, or the man page: generated from the
/// same clap definition the parser uses, written like any other output (a
/// closed pipe ends quietly, a full disk is an error).
fn generated(command: &Command) -> Option<i32> {
    let mut buf = Vec::new();
    match command {
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "sayso", &mut buf);
        }
        Command::Manpage => {
            if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut buf) {
                eprintln!("sayso: error: cannot render the man page: {e}");
                return Some(commands::EXIT_ERROR);
            }
        }
        _ => return None,
    }
    Some(commands::output::print(&String::from_utf8_lossy(&buf)))
}

/// Standard output closed at start (`sayso annotate >&-`). The Rust runtime
/// opens `/dev/null` in place of a closed descriptor before `main`, so every
/// write would then succeed and vanish; this probe runs earlier, as a
/// constructor, and sees the descriptor as the shell left it.
#[cfg(target_os = "linux")]
mod closed_stdout {
    use std::sync::atomic::{AtomicBool, Ordering};

    static CLOSED: AtomicBool = AtomicBool::new(false);

    extern "C" fn probe() {
        // SAFETY: F_GETFD only reads the flags of a descriptor number; it
        // touches no memory and is safe before the Rust runtime starts.
        if unsafe { libc::fcntl(1, libc::F_GETFD) } == -1 {
            CLOSED.store(true, Ordering::Relaxed);
        }
    }

    #[used]
    #[unsafe(link_section = ".init_array")]
    static PROBE: extern "C" fn() = probe;

    pub fn closed() -> bool {
        CLOSED.load(Ordering::Relaxed)
    }
}

#[cfg(not(target_os = "linux"))]
mod closed_stdout {
    pub fn closed() -> bool {
        false
    }
}

fn main() {
    let cli = Cli::parse();
    if closed_stdout::closed() {
        eprintln!(
            "sayso: error: standard output is closed; nothing could be written (redirect it to a file or /dev/null)"
        );
        std::process::exit(commands::EXIT_ERROR);
    }
    if let Some(code) = generated(&cli.command) {
        std::process::exit(code);
    }
    sayso::input::set_max_file_size(cli.max_file_size);
    let color = commands::use_color(cli.color);
    colored::control::set_override(color);
    let global = Global {
        grammar_dir: cli.grammar,
        models_dir: cli.models,
        grammar_only: cli.grammar_only,
        color,
    };
    let code = match &cli.command {
        Command::Annotate(a) => annotate::run(&global, a),
        Command::Score(a) => score::run(&global, a),
        Command::Check(a) => check::run(&global, a),
        Command::Sources(a) => sources::run(&global, a),
        Command::Rules(a) => rules::run(&global, a),
        Command::Train(a) => train::run(&global, a),
        Command::Completions { .. } | Command::Manpage => unreachable!("handled by generated()"),
    };
    std::process::exit(code);
}
