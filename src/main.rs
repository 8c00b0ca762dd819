//! The `sayso` command line.

use clap::{Parser, Subcommand};
use sayso::analysis::Analyzer;
use sayso::commands::{self, ColorChoice, EXIT_ERROR, annotate};
use std::path::PathBuf;

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
  1  check: findings at or above --fail-on
  2  usage, configuration or input error (other inputs are still processed)

Examples:
  sayso annotate corpus/seed-strike.txt          annotated article in the terminal
  sayso annotate --explain draft.md              ... with the rules behind every verdict
  sayso annotate --format jsonl corpus/ > out.jsonl
  cat article.txt | sayso annotate -";

#[derive(Parser)]
#[command(name = "sayso", version, about = "On whose say-so does each claim in a news article rest?", long_about = None, after_help = AFTER_HELP)]
struct Cli {
    /// Extra grammar directory: its .sayso files add rules or replace built-in ones by name
    #[arg(long, global = true, value_name = "DIR")]
    grammar: Option<PathBuf>,
    /// When to use colour (also honours NO_COLOR)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate articles statement by statement: verdict, source, cues, hedges
    #[command(after_help = AFTER_HELP)]
    Annotate {
        /// Files or directories (.txt, .md, .html; directories are walked); - reads standard input
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<String>,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = annotate::AnnotateFormat::Text)]
        format: annotate::AnnotateFormat,
        /// Show which rules and words decided each verdict
        #[arg(long)]
        explain: bool,
    },
}

fn main() {
    let cli = Cli::parse();
    let grammar = match commands::load_grammar(cli.grammar.as_deref()) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("sayso: {e}");
            std::process::exit(EXIT_ERROR);
        }
    };
    let analyzer = Analyzer::new(grammar);
    let color = commands::use_color(cli.color);
    colored::control::set_override(color);
    let code = match cli.command {
        Command::Annotate { paths, format, explain } => annotate::run(
            &analyzer,
            &annotate::Options {
                paths,
                format,
                color,
                explain,
            },
        ),
    };
    std::process::exit(code);
}
