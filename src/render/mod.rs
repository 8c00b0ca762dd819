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
