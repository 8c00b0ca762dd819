//! Human diagnostics for `sayso check`, rustc-style: the message, the file
//! location, the source line(s) and a caret under the span (annotate-snippets).

use crate::input::Document;
use crate::lint::{Finding, Severity, Totals};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// The byte offset of char column `col` (1-based) in `line`.
fn byte_at(line: &str, col: usize) -> usize {
    line.char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

/// The source lines of a finding and the annotation span inside them.
fn excerpt(doc: &Document, f: &Finding) -> (String, std::ops::Range<usize>) {
    let last = f.end_line.max(f.line);
    // an end at column 1 of the next line belongs to the line before
    let last = if last > f.line && f.end_column == 1 {
        last - 1
    } else {
        last
    };
    let mut src = String::new();
    let mut start = 0;
    let mut end = 0;
    for l in f.line..=last {
        let text = doc.line_text(l);
        if l == f.line {
            start = src.len() + byte_at(text, f.column);
        }
        if l == last {
            end = if l == f.end_line {
                src.len() + byte_at(text, f.end_column)
            } else {
                src.len() + text.len()
            };
        }
        src.push_str(text);
        if l != last {
            src.push('\n');
        }
    }
    if end <= start {
        // a zero-width or article-level finding: underline the first character
        end = (start + src[start..].chars().next().map_or(0, char::len_utf8)).min(src.len());
    }
    (src, start..end)
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        _ => Level::INFO.with_name("info"),
    }
}

/// Render one finding of `doc`.
pub fn finding(doc: &Document, f: &Finding, color: bool) -> String {
    let (src, range) = excerpt(doc, f);
    let mut report = vec![
        level(f.severity).primary_title(f.message.as_str()).id(f.rule).element(
            Snippet::source(src.as_str())
                .line_start(f.line)
                .path(doc.path.as_str())
                .fold(false)
                .annotation(AnnotationKind::Primary.span(range)),
        ),
    ];
    if let Some(h) = &f.help {
        report.push(Group::with_title(Level::HELP.secondary_title(h.as_str())));
    }
    report.push(Group::with_title(
        Level::NOTE.secondary_title(format!("`sayso rules {}` explains this rule", f.rule)),
    ));
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    renderer.render(&report)
}

/// One file's unsuppressed findings, rendered while its document is loaded,
/// each followed by a blank line: `sayso check` writes them file by file,
/// then [`summary`].
pub fn file(doc: &Document, findings: &[Finding], color: bool) -> String {
    let mut out = String::new();
    for f in findings.iter().filter(|f| f.suppression.is_none()) {
        out.push_str(&finding(doc, f, color));
        out.push_str("\n\n");
    }
    out
}

/// "checked 3 files: 1 error, 2 warnings, 0 info (1 suppressed)"
pub fn summary(t: &Totals) -> String {
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    let mut s = format!(
        "sayso check: {}: {}, {}, {} info",
        plural(t.files, "file"),
        plural(t.errors, "error"),
        plural(t.warnings, "warning"),
        t.infos
    );
    if t.suppressed > 0 {
        s.push_str(&format!(" ({} suppressed)", t.suppressed));
    }
    s
}
