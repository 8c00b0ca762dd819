//! The whole pipeline for one document: segment, match, score.

use crate::grammar::Grammar;
use crate::input::Document;
use crate::matcher::Matcher;
use crate::model::{Analysis, Summary};
use crate::score::{Models, score};
use crate::segment::segment;
use crate::span::Span;
use std::sync::Arc;

/// A projected text of this many bytes or more is analysed in windows
/// ([`Analyzer::analyze_windowed`]); a shorter one whole, as always.
pub const WINDOWED_FROM: usize = 2 << 20;

/// The length a window reaches before it ends at the next paragraph break
/// (smaller windows saved no more memory on 10 MB of prose, larger ones cost more).
pub const WINDOW: usize = 512 << 10;

/// Where `text` is cut for [`Analyzer::analyze_windowed`]: the whole text under
/// [`WINDOWED_FROM`]; past it, pieces of at least [`WINDOW`] bytes, each ending
/// just after a blank line (`\n\n`, a paragraph break) that neither follows a
/// colon nor comes before a quotation mark. A text with no such break past a
/// window's length is not cut there: its tail is one window.
pub fn windows(text: &str) -> Vec<Span> {
    if text.len() < WINDOWED_FROM {
        return vec![Span::new(0, text.len())];
    }
    let finder = memchr::memmem::Finder::new(b"\n\n");
    // the first paragraph break from `from` that does not follow a colon (a
    // paragraph ending "said in a statement:" introduces the quotation after
    // it) nor come before a quotation mark (a quotation running on over
    // paragraphs opens each of them with one)
    let cut_after = |mut from: usize| {
        while let Some(at) = text.as_bytes().get(from..).and_then(|rest| finder.find(rest)) {
            let end = from + at + 2;
            if !text[..from + at].trim_end().ends_with(':') && !text[end..].starts_with(['"', '\u{201C}']) {
                return Some(end);
            }
            from = end;
        }
        None
    };
    let mut out = Vec::with_capacity(text.len() / WINDOW + 1);
    let mut start = 0;
    while start < text.len() {
        let end = match cut_after(start + WINDOW) {
            // (the rest is one window when it would leave a sliver of less than half a window)
            Some(end) if text.len() - end >= WINDOW / 2 => end,
            _ => text.len(),
        };
        out.push(Span::new(start, end));
        start = end;
    }
    out
}

/// A ready-to-use analyser: the grammar compiled once, used for many documents
/// (and shared across threads).
pub struct Analyzer {
    pub matcher: Matcher,
    pub models: Arc<Models>,
}

impl Analyzer {
    pub fn new(grammar: Grammar) -> Analyzer {
        Analyzer::with_models(grammar, Models::builtin())
    }

    /// An analyser that decides with other models than the built-in ones.
    pub fn with_models(grammar: Grammar, models: Arc<Models>) -> Analyzer {
        Analyzer {
            matcher: Matcher::new(grammar)
                .with_cue_model(models.cue.clone())
                .with_span_model(models.span.clone())
                .with_holder_model(models.holder.clone()),
            models,
        }
    }

    /// The built-in English grammar.
    pub fn builtin() -> Analyzer {
        Analyzer::new(Grammar::builtin())
    }

    /// Analyse the prose of a document (spans into `doc.text`).
    pub fn analyze(&self, doc: &Document) -> Analysis {
        self.analyze_text(&doc.text)
    }

    /// Analyse a document piece by piece, so that what the analysis holds
    /// stays bounded on any document length (issue 20): `each` is given the
    /// analysis of each window of [`windows`] in text order, its spans into
    /// `doc.text` and its paragraph indexes the document's, together with
    /// the document-wide index of its first statement; each is dropped
    /// before the next is made. Gives the summary of the whole document.
    ///
    /// Under [`WINDOWED_FROM`] there is one window, analysed exactly as
    /// [`Analyzer::analyze`] does. Past it, each window is analysed on its
    /// own: an attribution's content, a quotation running on, a pronoun's
    /// antecedent do not reach across the paragraph break that ends a window
    /// (docs/hardening.md, "Memory (issue 20)", measures what that changes).
    /// Stops at, and gives, the first error of `each`.
    pub fn analyze_windowed<E>(
        &self,
        doc: &Document,
        mut each: impl FnMut(&Analysis, usize) -> Result<(), E>,
    ) -> Result<Summary, E> {
        let text = doc.text.as_str();
        let cuts = windows(text);
        if let [_] = cuts.as_slice() {
            let a = self.analyze(doc);
            each(&a, 0)?;
            return Ok(a.summary);
        }
        let mut total = Summary::default();
        let (mut first, mut paragraphs) = (0, 0);
        // (one window at a time: analysing two in parallel took 1.7 times the
        // memory and, on two shared cores, no less time)
        for w in cuts {
            let piece = w.slice(text);
            let seg = segment(piece);
            let findings = self.matcher.find(piece, &seg);
            let mut a = score(piece, &seg, findings, &self.models);
            a.shift(w.start, paragraphs);
            paragraphs += seg.paragraphs.len();
            drop(seg);
            each(&a, first)?;
            first += a.statements.len();
            total.add(&a.summary);
        }
        Ok(total)
    }

    /// Analyse a plain string.
    pub fn analyze_text(&self, text: &str) -> Analysis {
        let seg = segment(text);
        let findings = self.matcher.find(text, &seg);
        score(text, &seg, findings, &self.models)
    }
}
