//! Rendering: the annotated document for people (terminal, HTML pages), JSON for programs.
//! Renderers read an `Analysis` and its `Document`; they never analyse.

pub mod csv;
pub mod diagnostics;
pub mod github;
pub mod html;
pub mod json;
pub mod sarif;
pub mod score;
pub mod sources;
pub mod terminal;

use std::borrow::Cow;

/// `word` as it goes with a count of `n`: "statement" for 1, "statements"
/// otherwise (every noun sayso counts takes a plain -s).
pub fn noun(n: usize, word: &str) -> String {
    if n == 1 { word.to_string() } else { format!("{word}s") }
}

/// A count and its noun for people to read: `plural(1, "statement")` is
/// "1 statement", `plural(2, "statement")` "2 statements". Every message that
/// counts something goes through here (or `noun`), never a bare "{n} ...s".
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {}", noun(n, word))
}

/// Article text (or a path) made safe to print to a terminal: escape and
/// other control characters become visible, so an ANSI or OSC sequence in an
/// article cannot recolour, retitle or rewrite the reader's terminal. This is
/// `check`'s own treatment, reused: annotate-snippets' normalisation (ESC shows
/// as ␛, BEL as ␇, bidirectional overrides as U+FFFD, a tab as four spaces),
/// plus the C1 controls (U+0080 to U+009F, among them the one-character CSI
/// U+009B), which it leaves alone and which become U+FFFD here.
pub fn visible(s: &str) -> Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{200d}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    // (the common case: nothing to replace, nothing allocated)
    if !s.chars().any(|c| unsafe_char(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    let normalized = annotate_snippets::normalize_untrusted_str(s);
    Cow::Owned(
        normalized
            .chars()
            .map(|c| {
                if ('\u{80}'..='\u{9f}').contains(&c) {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::{noun, plural, visible};

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(plural(0, "statement"), "0 statements");
        assert_eq!(plural(1, "statement"), "1 statement");
        assert_eq!(plural(2, "file"), "2 files");
        assert_eq!(noun(1, "article"), "article");
    }

    #[test]
    fn escapes_become_visible() {
        assert_eq!(visible("plain text, “quoted”"), "plain text, “quoted”");
        assert_eq!(visible("a\u{1b}[31mred\u{1b}[0m"), "a␛[31mred␛[0m");
        assert_eq!(visible("\u{1b}]0;title\u{7}"), "␛]0;title␇");
        assert_eq!(visible("x\u{9b}31m"), "x\u{FFFD}31m");
        assert_eq!(visible("a\u{202e}b"), "a\u{FFFD}b");
        assert!(matches!(visible("no escapes"), std::borrow::Cow::Borrowed(_)));
    }
}

/// The string that stands for a streamed array in [`write_pretty_streaming`]'s
/// frame.
pub const STREAMED: &str = "sayso-streamed-array";

/// Write `frame` as `serde_json::to_writer_pretty` would, with its one string
/// value [`STREAMED`] replaced by an array of `items`, each serialised as it
/// comes: the same bytes as building the whole document first, without
/// holding it (`check --format json` and `sarif` over a large folder).
pub fn write_pretty_streaming<W: std::io::Write, T: serde::Serialize>(
    w: &mut W,
    frame: &serde_json::Value,
    items: impl IntoIterator<Item = T>,
) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(frame)?;
    let quoted = format!("\"{STREAMED}\"");
    let Some(at) = text.find(&quoted) else {
        return w.write_all(text.as_bytes());
    };
    // (the array's elements are indented one step past the line it opens on;
    // a JSON string holds no raw line break, so indenting line by line is safe)
    let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..];
    let indent = line.len() - line.trim_start_matches(' ').len();
    let pad = " ".repeat(indent + 2);
    w.write_all(&text.as_bytes()[..at])?;
    let mut first = true;
    for item in items {
        w.write_all(if first { b"[\n" } else { b",\n" })?;
        first = false;
        let s = serde_json::to_string_pretty(&item)?;
        for (k, l) in s.split('\n').enumerate() {
            if k > 0 {
                w.write_all(b"\n")?;
            }
            w.write_all(pad.as_bytes())?;
            w.write_all(l.as_bytes())?;
        }
    }
    if first {
        w.write_all(b"[]")?;
    } else {
        write!(w, "\n{}]", &pad[..indent])?;
    }
    w.write_all(&text.as_bytes()[at + quoted.len()..])
}

#[cfg(test)]
mod streaming_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn streamed_arrays_print_as_the_whole_document_would() {
        let items = |n: usize| -> Vec<serde_json::Value> {
            (0..n)
                .map(|i| json!({"b": [i, {"c": "x\ny"}], "a": {"d": [], "e": {}}, "s": "a \"q\" \\ é"}))
                .collect()
        };
        for n in [0, 1, 3] {
            let whole = json!({"version": 1, "runs": [{"tool": {"x": 1}, "results": items(n), "z": []}]});
            let frame = json!({"version": 1, "runs": [{"tool": {"x": 1}, "results": STREAMED, "z": []}]});
            let mut out = Vec::new();
            write_pretty_streaming(&mut out, &frame, items(n)).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string_pretty(&whole).unwrap(),
                "{n}"
            );
        }
    }
}
