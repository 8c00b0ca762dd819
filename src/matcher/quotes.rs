//! Quotations: pair opening and closing marks into regions, across sentences
//! and across paragraphs when the next paragraph reopens the quote (the news
//! convention for a quote that runs on).

use super::tokens::{TokKind, Token};
use crate::segment::Segmentation;
use crate::span::Span;

const NONE: u32 = u32::MAX;

#[derive(Debug, Default, Clone)]
pub struct Quotes {
    /// (open token, close token), inclusive
    regions: Vec<(usize, usize)>,
    /// the region each token is in (marks included), or NONE
    of_token: Vec<u32>,
    text_spans: Vec<Span>,
}

fn is_double(s: &str) -> bool {
    matches!(s, "“" | "”" | "\"" | "«" | "»" | "''")
}

impl Quotes {
    pub fn pair(text: &str, toks: &[Token], seg: &Segmentation) -> Quotes {
        let mut q = Quotes {
            regions: Vec::new(),
            of_token: vec![NONE; toks.len()],
            text_spans: Vec::new(),
        };
        // paragraph end (byte) for each token, walked in step
        let mut para = 0usize;
        let paras = &seg.paragraphs;
        let mut open: Option<(usize, bool)> = None; // (token, double?)
        let mut last_tok_of_para = None::<usize>;
        // an unterminated quote (no closing mark in its paragraph) ends with its sentence
        let sentence_end_tok = |open_tok: usize| -> usize {
            let b = toks[open_tok].start as usize;
            let si = seg.sentences.partition_point(|s| s.span.end <= b);
            let end = seg
                .sentences
                .get(si)
                .filter(|s| s.span.start <= b)
                .map_or(b, |s| s.span.end);
            toks.partition_point(|t| (t.end as usize) <= end)
                .saturating_sub(1)
                .max(open_tok)
        };
        // the end of the current paragraph (none past the last)
        let mut para_end = paras.first().map_or(usize::MAX, |p| p.span.end);
        for (i, t) in toks.iter().enumerate() {
            let start = t.start as usize;
            // crossing into a later paragraph
            let mut crossed = false;
            if start >= para_end {
                while para < paras.len() && start >= paras[para].span.end {
                    para += 1;
                    crossed = true;
                }
                para_end = paras.get(para).map_or(usize::MAX, |p| p.span.end);
            }
            if crossed && let Some((o, dbl)) = open {
                let continues = t.kind == TokKind::OpenQuote && is_double(t.text(text)) == dbl;
                if continues {
                    continue; // the reopening mark of a running quote
                }
                if let Some(end) = last_tok_of_para {
                    q.regions.push((o, sentence_end_tok(o).min(end)));
                }
                open = None;
            }
            last_tok_of_para = Some(i);
            match t.kind {
                TokKind::OpenQuote if open.is_none() => {
                    open = Some((i, is_double(t.text(text))));
                }
                TokKind::CloseQuote => {
                    if let Some((o, dbl)) = open
                        && dbl == is_double(t.text(text))
                    {
                        q.regions.push((o, i));
                        open = None;
                    }
                }
                _ => {}
            }
        }
        if let (Some((o, _)), Some(end)) = (open, last_tok_of_para) {
            q.regions.push((o, sentence_end_tok(o).min(end)));
        }
        for (k, &(o, c)) in q.regions.iter().enumerate() {
            for slot in &mut q.of_token[o..=c] {
                *slot = k as u32;
            }
            q.text_spans
                .push(Span::new(toks[o].start as usize, toks[c].end as usize));
        }
        q
    }

    /// The number of quotations.
    pub fn len(&self) -> usize {
        self.regions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// Is token `i` inside a quotation (between its marks)?
    pub fn inside(&self, i: usize) -> bool {
        self.region_of(i).is_some_and(|q| {
            let (o, c) = self.regions[q];
            o < i && i < c
        })
    }

    pub fn region_of(&self, i: usize) -> Option<usize> {
        self.of_token.get(i).copied().filter(|&r| r != NONE).map(|r| r as usize)
    }

    pub fn closing_at(&self, i: usize) -> Option<usize> {
        self.region_of(i).filter(|&q| self.regions[q].1 == i)
    }

    pub fn opening_at(&self, i: usize) -> Option<usize> {
        self.region_of(i).filter(|&q| self.regions[q].0 == i)
    }

    pub fn open_tok(&self, q: usize) -> usize {
        self.regions[q].0
    }

    pub fn close_tok(&self, q: usize) -> usize {
        self.regions[q].1
    }

    /// The quotation with its marks.
    pub fn content_span(&self, q: usize) -> Span {
        self.text_spans[q]
    }
}
