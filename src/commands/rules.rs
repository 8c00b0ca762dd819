//! `sayso rules`: list the check rules, or print one rule's documentation
//! (`sayso rules RULE`, also spelt `sayso rules explain RULE`).

use super::{EXIT_ERROR, Global, output};
use crate::grammar::did_you_mean;
use crate::lint::{Rule, rule, rule_ids, rules};

/// List the check rules, or print one rule's documentation
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  sayso rules                  every rule with its default severity\n  sayso rules weasel           the rule's rationale, options and examples\n  sayso rules explain weasel   the same\n  sayso rules --format json    for tools"
)]
pub struct Args {
    /// A rule id (or `explain RULE`)
    #[arg(value_name = "RULE", num_args = 0..=2)]
    pub rule: Vec<String>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

/// One rule's documentation as text.
pub fn explain(r: &dyn Rule) -> String {
    let mut out = format!(
        "{} (default: {})\n\n{}\n\n",
        r.id(),
        r.default_severity().as_str(),
        r.summary()
    );
    out.push_str(&textwrap(r.rationale(), 78));
    out.push_str("\n\n");
    if !r.options().is_empty() {
        out.push_str("Options ([rules.");
        out.push_str(r.id());
        out.push_str("] in sayso.toml):\n");
        for o in r.options() {
            out.push_str(&format!("  {} = {}    {}\n", o.name, o.kind.show(o.default), o.doc));
        }
        out.push('\n');
    }
    out.push_str("Examples:\n");
    for e in r.examples() {
        out.push_str(&format!(
            "  {}  {}\n",
            if e.flagged { "flagged" } else { "passes " },
            e.text
        ));
    }
    out.push_str(&format!(
        "\nConfigure:  [rules]\n            {} = \"off\"   # or info, warning, error\nSuppress:   <!-- sayso-disable-next-line {}: reason -->\n",
        r.id(),
        r.id()
    ));
    out
}

fn textwrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for w in s.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + w.len() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    out.push_str(&line);
    out
}

fn json_of(r: &dyn Rule) -> serde_json::Value {
    serde_json::json!({
        "id": r.id(),
        "default_severity": r.default_severity(),
        "summary": r.summary(),
        "rationale": r.rationale(),
        "article_level": r.article_level(),
        "options": r.options().iter().map(|o| serde_json::json!({"name": o.name, "default": o.default, "kind": o.kind.as_str(), "doc": o.doc})).collect::<Vec<_>>(),
        "examples": r.examples().iter().map(|e| serde_json::json!({"text": e.text, "flagged": e.flagged})).collect::<Vec<_>>(),
    })
}

pub fn run(_global: &Global, args: &Args) -> i32 {
    let name = match args.rule.as_slice() {
        [] => None,
        [one] if one != "explain" => Some(one.as_str()),
        [ex, one] if ex == "explain" => Some(one.as_str()),
        _ => {
            eprintln!("sayso: error: usage: sayso rules [RULE] or sayso rules explain RULE");
            return EXIT_ERROR;
        }
    };
    match name {
        None => {
            let text = if args.format == RulesFormat::Json {
                let all: Vec<_> = rules::all().iter().map(|r| json_of(*r)).collect();
                serde_json::to_string_pretty(&all).unwrap_or_default() + "\n"
            } else {
                let w = rules::all().iter().map(|r| r.id().len()).max().unwrap_or(10);
                let mut text = String::new();
                for r in rules::all() {
                    text.push_str(&format!(
                        "{:w$}  {:7}  {}\n",
                        r.id(),
                        r.default_severity().as_str(),
                        r.summary()
                    ));
                }
                text.push_str("\n`sayso rules RULE` prints a rule's rationale, options and examples.\n");
                text
            };
            output::print(&text)
        }
        Some(id) => match rule(id) {
            Some(r) => {
                if args.format == RulesFormat::Json {
                    output::print(&(serde_json::to_string_pretty(&json_of(r)).unwrap_or_default() + "\n"))
                } else {
                    output::print(&explain(r))
                }
            }
            None => {
                let ids = rule_ids();
                match did_you_mean(id, ids.iter().copied()) {
                    Some(s) => eprintln!("sayso: error: unknown rule '{id}'; did you mean '{s}'?"),
                    None => eprintln!("sayso: error: unknown rule '{id}'; rules: {}", ids.join(", ")),
                }
                EXIT_ERROR
            }
        },
    }
}
