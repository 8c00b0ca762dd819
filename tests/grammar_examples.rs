//! Every `example:` in the built-in grammar is a test case: the analysis of the
//! example sentence must give the verdict and source the example expects, and
//! must not fire what the example rules out (`no-hedge`, `no-attribution`,
//! `no-marker`). All failures are collected and reported together.

use sayso::analysis::Analyzer;
use sayso::grammar::{Example, Grammar};
use sayso::model::{Analysis, SourceKind, Verdict};
use sayso::score::Models;
use std::sync::Arc;

/// The most doubtful verdict of the text (disputed > alleged > confirmed).
fn most_doubtful(a: &Analysis) -> Option<Verdict> {
    a.statements.iter().map(|s| s.verdict).max()
}

/// The strongest source of the text (unnamed > named > none).
fn strongest_source(a: &Analysis) -> Option<SourceKind> {
    a.statements.iter().map(|s| s.source).max()
}

fn show<T: std::fmt::Debug>(x: Option<T>) -> String {
    match x {
        Some(v) => format!("{v:?}").to_lowercase(),
        None => "no statement".to_string(),
    }
}

/// What is wrong with one example, if anything.
fn check(analyzer: &Analyzer, kind: &str, rule: &str, ex: &Example) -> Vec<String> {
    let kind_of_rule = kind;
    let a = analyzer.analyze_text(&ex.text);
    let mut problems = Vec::new();
    let verdict = most_doubtful(&a);
    if let Some(want) = ex.verdict
        && verdict != Some(want)
    {
        problems.push(format!("expected verdict {}, got {}", want.as_str(), show(verdict)));
    }
    let source = strongest_source(&a);
    if let Some(want) = ex.source
        && source != Some(want)
    {
        problems.push(format!("expected source {}, got {}", want.as_str(), show(source)));
    }
    let neg = |w: &str| ex.negative.iter().any(|n| n == w);
    if neg("no-hedge") {
        let hedges: Vec<&str> = a
            .statements
            .iter()
            .flat_map(|s| &s.hedges)
            .map(|h| &ex.text[h.span.start..h.span.end])
            .collect();
        if !hedges.is_empty() {
            problems.push(format!("expected no hedge, got {hedges:?}"));
        }
    }
    // a hedge kind the example expects: found, and in a hedge rule's own
    // example found by that rule
    for &kind in &ex.hedge_kinds {
        let hit = a
            .statements
            .iter()
            .flat_map(|s| &s.hedges)
            .any(|h| h.kind == kind && (kind_of_rule != "hedge" || h.rule == rule));
        if !hit {
            let got: Vec<String> = a
                .statements
                .iter()
                .flat_map(|s| &s.hedges)
                .map(|h| {
                    format!(
                        "{} ({}, {})",
                        &ex.text[h.span.start..h.span.end],
                        h.kind.as_str(),
                        h.rule
                    )
                })
                .collect();
            problems.push(format!(
                "expected a {} hedge{}, got {got:?}",
                kind.as_str(),
                if kind_of_rule == "hedge" {
                    format!(" by rule '{rule}'")
                } else {
                    String::new()
                }
            ));
        }
    }
    if neg("no-attribution") && !a.attributions.is_empty() {
        let cues: Vec<&str> = a
            .attributions
            .iter()
            .map(|t| &ex.text[t.cue.start..t.cue.end])
            .collect();
        problems.push(format!("expected no attribution, got cues {cues:?}"));
    }
    if neg("no-marker") {
        let markers: Vec<&str> = a
            .statements
            .iter()
            .flat_map(|s| &s.markers)
            .map(|m| &ex.text[m.span.start..m.span.end])
            .collect();
        if !markers.is_empty() {
            problems.push(format!("expected no marker, got {markers:?}"));
        }
    }
    // A cue rule's own example that expects an attributed verdict must be
    // matched by that very rule, not by a neighbour that happens to agree.
    if kind == "cue"
        && ex.verdict.is_some_and(|v| v != Verdict::Confirmed)
        && !neg("no-attribution")
        && !a.attributions.iter().any(|t| t.cue_rule == rule)
    {
        let rules: Vec<&str> = a.attributions.iter().map(|t| t.cue_rule).collect();
        problems.push(format!(
            "expected an attribution by cue rule '{rule}', got cue rules {rules:?}"
        ));
    }
    problems
}

#[test]
fn every_grammar_example_gives_its_expected_result() {
    let grammar = Grammar::builtin();
    // the examples are the grammar's: they run without the learned cue
    // detector, which finds cues the grammar leaves out (tests/learned_cues.rs)
    let grammar_only = Models::builtin().grammar_only();
    let analyzer = Analyzer::with_models(Grammar::builtin(), Arc::new(grammar_only.clone()));
    // a `filter: learned` hedge rule's examples check its candidates, before
    // the learned filter decides (tests/hedge_filter.rs tests the filter)
    let unfiltered = Analyzer::with_models(
        Grammar::builtin(),
        Arc::new(Models {
            hedge: None,
            ..grammar_only
        }),
    );
    let learned =
        |kind: &str, name: &str| kind == "hedge" && grammar.hedges.iter().any(|r| r.meta.name == name && r.learned);
    let mut failures = Vec::new();
    let mut checked = 0;
    for (kind, meta) in grammar.metas() {
        for ex in &meta.examples {
            checked += 1;
            let an = if learned(kind, meta.name) {
                &unfiltered
            } else {
                &analyzer
            };
            let problems = check(an, kind, meta.name, ex);
            if !problems.is_empty() {
                failures.push(format!(
                    "{kind} {} ({}:{}): {} — {}",
                    meta.name,
                    meta.origin.file,
                    ex.line,
                    ex.text,
                    problems.join("; ")
                ));
            }
        }
    }
    assert!(
        checked > 20,
        "the built-in grammar should carry examples; found {checked}"
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} grammar examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn checker_catches_a_wrong_expectation() {
    // guard against a checker that cannot fail: a deliberately wrong expectation
    let analyzer = Analyzer::builtin();
    let ex = Example {
        text: "The ministry denied the report.".into(),
        verdict: Some(Verdict::Confirmed),
        source: Some(SourceKind::None),
        negative: vec!["no-attribution".into()],
        hedge_kinds: vec![sayso::model::HedgeKind::Vague],
        line: 0,
    };
    let problems = check(&analyzer, "cue", "deny", &ex);
    assert!(problems.len() >= 3, "{problems:?}");
}
