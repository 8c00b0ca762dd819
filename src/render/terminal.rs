//! The annotated document for a person at a terminal: each statement with a
//! verdict marker, sources, cues and hedges highlighted, and a summary.
//! Without colour (NO_COLOR, a pipe, `--color never`) the highlights become
//! brackets so the output stays readable as plain text.

use crate::input::Document;
use crate::model::{Analysis, Evidence, HedgeKind, SourceKind, Statement, Verdict};
use crate::score::features;
use crate::span::Span;
use colored::{ColoredString, Colorize};
use std::fmt::Write;

/// How to draw highlights.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub explain: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Source,
    Cue,
    Hedge,
    /// vagueness: reported apart from hedges, since it moves no verdict
    Vague,
    Marker,
}

fn badge(v: Verdict, s: SourceKind, color: bool) -> String {
    let text = format!("{:<9} {:<7}", v.as_str(), s.as_str());
    if !color {
        return text;
    }
    let c: ColoredString = match v {
        Verdict::Confirmed => text.green(),
        Verdict::Alleged => text.yellow(),
        Verdict::Disputed => text.red().bold(),
    };
    c.to_string()
}

fn paint(kind: Mark, s: &str, color: bool) -> String {
    if color {
        match kind {
            Mark::Source => s.cyan().underline().to_string(),
            Mark::Cue => s.yellow().bold().to_string(),
            Mark::Hedge => s.magenta().italic().to_string(),
            Mark::Vague => s.blue().italic().to_string(),
            Mark::Marker => s.red().bold().to_string(),
        }
    } else {
        match kind {
            Mark::Source => format!("[{s}]"),
            Mark::Cue => format!("_{s}_"),
            Mark::Hedge => format!("{{{s}}}"),
            Mark::Vague => format!("~{s}~"),
            Mark::Marker => format!("!{s}!"),
        }
    }
}

/// The legend printed above a document.
pub fn legend(color: bool) -> String {
    format!(
        "legend: {} source  {} cue  {} hedge  {} vague  {} contested",
        paint(Mark::Source, "source", color),
        paint(Mark::Cue, "cue", color),
        paint(Mark::Hedge, "hedge", color),
        paint(Mark::Vague, "vague", color),
        paint(Mark::Marker, "marker", color)
    )
}

/// The other classes' probabilities: "alleged 7%, confirmed 2%".
fn others(names: &[&str; 3], p: &[f32; 3], chosen: usize) -> String {
    let mut rest: Vec<usize> = (0..3).filter(|&c| c != chosen).collect();
    rest.sort_by(|&a, &b| p[b].total_cmp(&p[a]));
    rest.iter()
        .map(|&c| format!("{} {:.0}%", names[c], p[c] * 100.0))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many of a decision's features `--explain` lists (the strongest).
const EXPLAINED: usize = 6;

/// The strongest features of a decision with their weights:
/// `+2.10 stance:deny "denied" · -0.40 bias`.
fn weighed(doc: &Document, a: &Analysis, st: &Statement, ev: &[Evidence]) -> String {
    let mut parts: Vec<String> = ev
        .iter()
        .take(EXPLAINED)
        .map(|e| {
            let name = features::name(&doc.text, &a.attributions, st, e.feature);
            match e.span {
                Some(s) => format!("{:+.2} {name} \"{}\"", e.weight, shorten(&flat(s.slice(&doc.text)), 40)),
                None => format!("{:+.2} {name}", e.weight),
            }
        })
        .collect();
    if ev.len() > EXPLAINED {
        let rest: f32 = ev[EXPLAINED..].iter().map(|e| e.weight).sum();
        parts.push(format!("{rest:+.2} from {} more", ev.len() - EXPLAINED));
    }
    if parts.is_empty() {
        return "nothing weighed".to_string();
    }
    parts.join("  ·  ")
}

/// Why the learned cue detector took a word as a cue (its stance is `act`:
/// it moves neither verdict nor source).
fn learned_cue_line(l: &crate::matcher::learned_cues::LearnedCue) -> String {
    let parts: Vec<String> = (l.features.iter()).map(|(name, w)| format!("{w:+.2} {name}")).collect();
    format!(
        "          learned cue (act), margin {:+.2} over {:+.2}: {}",
        l.margin,
        l.threshold,
        parts.join("  ·  ")
    )
}

/// Why a learned chooser moved a boundary the rules drew (`what`: "content
/// end" or "holder", and the rules' one: "end" or "holder"): the kind of
/// candidate, its margin against the rules' boundary, and the features that
/// weighed most.
fn learned_choice_line(what: &str, rules: &str, l: &crate::learn::keys::Chosen) -> String {
    let parts: Vec<String> = (l.features.iter()).map(|(name, w)| format!("{w:+.2} {name}")).collect();
    format!(
        "          learned {what} ({}), margin {:+.2} against {:+.2} for the rules' {rules} (threshold {:+.2}): {}",
        l.kind,
        l.margin,
        l.keep_margin,
        l.threshold,
        parts.join("  ·  ")
    )
}

/// The learned hedge filter's decision: the probability that the statement
/// is uncertain against the threshold, the strongest features, what it dropped.
fn hedge_filter_line(doc: &Document, f: &crate::model::HedgeFilter) -> String {
    let verb = if f.probability >= f.threshold {
        "kept"
    } else {
        "dropped"
    };
    let mut parts: Vec<String> = (f.evidence.iter().take(EXPLAINED))
        .map(|e| {
            let name = crate::score::hedges::name(&doc.text, e.feature);
            match e.feature.hedge {
                Some(s) => format!("{:+.2} {name} \"{}\"", e.weight, flat(s.slice(&doc.text))),
                None => format!("{:+.2} {name}", e.weight),
            }
        })
        .collect();
    if f.evidence.len() > EXPLAINED {
        let rest: f32 = f.evidence[EXPLAINED..].iter().map(|e| e.weight).sum();
        parts.push(format!("{rest:+.2} from {} more", f.evidence.len() - EXPLAINED));
    }
    let mut line = format!(
        "        hedges  {verb}: uncertain {:.0}% (keeps from {:.0}%) because {}",
        f.probability * 100.0,
        f.threshold * 100.0,
        parts.join("  ·  ")
    );
    if !f.dropped.is_empty() {
        let dropped: Vec<String> = (f.dropped.iter())
            .map(|h| format!("\"{}\" ({})", flat(h.span.slice(&doc.text)), h.kind.as_str()))
            .collect();
        let _ = write!(line, "  ·  not reported: {}", dropped.join(", "));
    }
    line
}

/// Render one annotated document.
pub fn document(doc: &Document, a: &Analysis, style: Style) -> String {
    let mut out = String::new();
    let path = super::visible(&doc.path);
    let head = if style.color {
        path.bold().to_string()
    } else {
        path.into_owned()
    };
    let _ = writeln!(out, "{head}");
    for w in &doc.warnings {
        let _ = writeln!(out, "  warning: {}", super::visible(w));
    }
    let mut prev_end = 0usize;
    for st in &a.statements {
        // a blank line where the original has a paragraph break
        if prev_end > 0 && doc.text[prev_end..st.span.start].contains('\n') {
            out.push('\n');
        }
        prev_end = st.span.end;
        let mut marks: Vec<(Span, Mark)> = Vec::new();
        for &k in st.attributions.iter().chain(&st.acts) {
            let at = &a.attributions[k];
            marks.push((at.cue, Mark::Cue));
            if let Some(s) = &at.source {
                marks.push((s.span, Mark::Source));
            }
        }
        marks.extend(st.hedges.iter().map(|h| {
            let mark = if h.kind == HedgeKind::Vague {
                Mark::Vague
            } else {
                Mark::Hedge
            };
            (h.span, mark)
        }));
        marks.extend(st.markers.iter().map(|m| (m.span, Mark::Marker)));
        marks.retain(|(s, _)| st.span.contains(*s));
        marks.sort_by_key(|(s, k)| (s.start, std::cmp::Reverse(s.end), *k));
        let mut body = String::new();
        let mut at = st.span.start;
        for (s, k) in marks {
            if s.start < at {
                continue; // overlapping highlight: the first one wins
            }
            body.push_str(&flat(&doc.text[at..s.start]));
            body.push_str(&paint(k, &flat(s.slice(&doc.text)), style.color));
            at = s.end;
        }
        body.push_str(&flat(&doc.text[at..st.span.end]));
        let (line, _) = doc.line_col(doc.to_original(st.span).start);
        let loc = format!("{line:>4}");
        let loc = if style.color { loc.dimmed().to_string() } else { loc };
        if st.kind == crate::score::NON_CLAIM {
            // no one's say-so: no verdict shown, none counted
            let tag = format!("{:<17}", "(no claim)");
            let tag = if style.color { tag.dimmed().to_string() } else { tag };
            let _ = writeln!(out, "{loc}  {tag}  {body}");
            continue;
        }
        let _ = writeln!(out, "{loc}  {}  {body}", badge(st.verdict, st.source, style.color));
        if style.explain {
            let lines = [
                format!(
                    "        {} {:.0}% ({})  ·  source {} {:.0}% ({})",
                    st.verdict.as_str(),
                    st.confidence * 100.0,
                    others(
                        &Verdict::ALL.map(Verdict::as_str),
                        &st.verdict_probabilities,
                        st.verdict as usize
                    ),
                    st.source.as_str(),
                    st.source_probabilities[st.source as usize] * 100.0,
                    others(
                        &SourceKind::ALL.map(SourceKind::as_str),
                        &st.source_probabilities,
                        st.source as usize
                    ),
                ),
                format!("        because {}", weighed(doc, a, st, &st.evidence)),
                format!("        source  {}", weighed(doc, a, st, &st.source_evidence)),
            ];
            for line in lines {
                let _ = writeln!(out, "{}", if style.color { line.dimmed().to_string() } else { line });
            }
            // a quote taken as the speech of an earlier attribution whose cue opened
            // no quote: name that attribution, which is what carried the holder here
            for &k in &st.inherited {
                let at = &a.attributions[k];
                if features::carrier_is_cue(&a.quotes, st, at) {
                    continue;
                }
                let (line, _) = doc.line_col(doc.to_original(at.cue).start);
                let line = format!(
                    "        continues the attribution on line {line} (its cue opened no quote): {}",
                    attribution_text(doc, at)
                );
                let _ = writeln!(out, "{}", if style.color { line.dimmed().to_string() } else { line });
            }
            if let Some(f) = &st.hedge_filter {
                let line = hedge_filter_line(doc, f);
                let _ = writeln!(out, "{}", if style.color { line.dimmed().to_string() } else { line });
            }
            for &k in st.attributions.iter().chain(&st.acts) {
                let at = &a.attributions[k];
                let line = format!("        attribution: {}", attribution_text(doc, at));
                let _ = writeln!(out, "{}", if style.color { line.dimmed().to_string() } else { line });
                if let Some(l) = &at.learned {
                    let line = learned_cue_line(l);
                    let _ = writeln!(out, "{}", if style.color { line.dimmed().to_string() } else { line });
                }
                if let Some(l) = &at.learned_end {
                    let line = learned_choice_line("content end", "end", l);
                    let _ = writeln!(out, "{}", if style.color { line.dimmed().to_string() } else { line });
                }
                if let Some(l) = &at.learned_holder {
                    let line = learned_choice_line("holder", "holder", l);
                    let _ = writeln!(out, "{}", if style.color { line.dimmed().to_string() } else { line });
                }
            }
        }
    }
    let s = &a.summary;
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}: {} confirmed ({:.0}%), {} alleged ({:.0}%), {} disputed ({:.0}%)",
        super::plural(s.statements, "statement"),
        s.confirmed,
        100.0 * s.share(s.confirmed),
        s.alleged,
        100.0 * s.share(s.alleged),
        s.disputed,
        100.0 * s.share(s.disputed)
    );
    let _ = writeln!(
        out,
        "sources: {} none, {} named, {} unnamed ({:.0}% unnamed); {} ({} vague) in {} ({:.1} per 1,000)",
        s.source_none,
        s.source_named,
        s.source_unnamed,
        100.0 * s.share(s.source_unnamed),
        super::plural(s.hedges, "hedge"),
        s.vague,
        super::plural(s.words, "word"),
        s.hedge_density
    );
    let _ = writeln!(out, "{}", s.reading());
    out
}

/// An attribution on one line: `holder (kind) —cue→ content`.
fn attribution_text(doc: &Document, at: &crate::model::Attribution) -> String {
    let src = at.source.as_ref().map_or("(no source)".to_string(), |s| {
        let mut t = format!("{} ({})", flat(s.span.slice(&doc.text)), s.kind.as_str());
        if let Some(r) = s.resolved {
            let _ = write!(t, " = {}", flat(r.slice(&doc.text)));
        }
        t
    });
    let content: Vec<String> = (at.content.iter())
        .map(|c| shorten(&flat(c.slice(&doc.text)), 70))
        .collect();
    format!("{src} —{}→ {}", flat(at.cue.slice(&doc.text)), content.join(" … "))
}

/// Article text on one line, safe for a terminal (`super::visible`).
fn flat(s: &str) -> String {
    super::visible(&s.replace(['\n', '\r', '\t'], " ")).into_owned()
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut t: String = s.chars().take(n).collect();
    t.push('…');
    t
}
