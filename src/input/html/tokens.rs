//! The HTML tokenizer: html5gum, a WHATWG-compliant tokenizer, turned into a
//! stream of the few tokens the projection needs, each with its source span.
//!
//! html5gum tokenizes; it builds no tree. Its "naive" state switching puts the
//! text of `<script>`, `<style>`, `<title>`, `<textarea>` and the other raw-text
//! elements in the right tokenizer state, which is all a text extractor needs
//! from the tree builder. Comments, doctypes and parse errors are dropped.

use std::ops::{ControlFlow, Range};

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

/// A start tag, with the attributes skipped scopes can select on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct StartTag {
    /// lower case, as the tokenizer gives it
    pub name: String,
    pub id: Option<String>,
    pub class: Option<String>,
    /// written `<x/>`: honoured only where HTML honours it (foreign and void elements)
    pub self_closing: bool,
}

impl StartTag {
    /// Start afresh with `name`, keeping the name's buffer.
    fn reset(&mut self, name: &[u8]) {
        self.name.clear();
        self.name.push_str(&String::from_utf8_lossy(name));
        self.id = None;
        self.class = None;
        self.self_closing = false;
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'t> {
    Start(&'t StartTag),
    End(&'t str),
    /// A run of text: the source bytes, character references still in them.
    Text(Range<usize>),
}

/// Hand each token of `src` to `visit`, in order, until it says to stop.
/// (The tokens borrow buffers that are reused from one tag to the next: no
/// allocation per tag.)
pub(crate) fn for_each(src: &str, mut visit: impl FnMut(Token<'_>) -> ControlFlow<()>) {
    let mut tag = StartTag::default();
    let mut attribute: Vec<u8> = Vec::new();
    let mut end = String::new();
    // (the tokenizer may report a few more events before it yields: none reach `visit`)
    let mut stopped = false;
    let callback = |event: CallbackEvent<'_>, span: Span<usize>| -> Option<()> {
        if stopped {
            return None;
        }
        let flow = match event {
            CallbackEvent::OpenStartTag { name } => {
                tag.reset(name);
                attribute.clear();
                ControlFlow::Continue(())
            }
            CallbackEvent::AttributeName { name } => {
                attribute.clear();
                attribute.extend_from_slice(name);
                ControlFlow::Continue(())
            }
            CallbackEvent::AttributeValue { value } => {
                // (a repeated attribute is ignored, as in a browser: the first one counts)
                let slot = match attribute.as_slice() {
                    b"id" => Some(&mut tag.id),
                    b"class" => Some(&mut tag.class),
                    _ => None,
                };
                if let Some(slot) = slot {
                    slot.get_or_insert_with(|| String::from_utf8_lossy(value).into_owned());
                }
                ControlFlow::Continue(())
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                tag.self_closing = self_closing;
                visit(Token::Start(&tag))
            }
            CallbackEvent::EndTag { name } => {
                end.clear();
                end.push_str(&String::from_utf8_lossy(name));
                visit(Token::End(&end))
            }
            CallbackEvent::String { .. } => visit(Token::Text(span.start..span.end)),
            CallbackEvent::Comment { .. } | CallbackEvent::Doctype { .. } | CallbackEvent::Error(_) => {
                ControlFlow::Continue(())
            }
        };
        stopped = flow.is_break();
        stopped.then_some(())
    };
    let mut emitter = CallbackEmitter::new(callback);
    emitter.naively_switch_states(true);
    // (the tokenizer yields an item only when `visit` asked to stop)
    let _ = Tokenizer::new_with_emitter(src, emitter).next();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each(src, |t| {
            out.push(format!("{t:?}"));
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn tags_text_and_spans() {
        let src = "<!DOCTYPE html><p class=\"a b\" id=x class=c>Hi &amp; <!-- no -->bye</p><br/>";
        let got = tokens(src);
        let hi = src.find("Hi").unwrap();
        let bye = src.find("bye").unwrap();
        let p = StartTag {
            name: "p".into(),
            id: Some("x".into()),
            class: Some("a b".into()),
            self_closing: false,
        };
        let br = StartTag {
            name: "br".into(),
            self_closing: true,
            ..StartTag::default()
        };
        let want = [
            Token::Start(&p),
            Token::Text(hi..hi + 9),
            Token::Text(bye..bye + 3),
            Token::End("p"),
            Token::Start(&br),
        ];
        assert_eq!(got, want.map(|t| format!("{t:?}")));
        assert_eq!(&src[hi..hi + 9], "Hi &amp; ");
    }

    #[test]
    fn visiting_stops_when_asked() {
        let mut seen = 0;
        for_each("<p>a</p><p>b</p>", |_| {
            seen += 1;
            if seen == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert_eq!(seen, 2);
    }

    #[test]
    fn raw_text_elements_hold_no_tags() {
        let src = "<script>if (a<b) x = \"</p>\";</script><STYLE>p{}</STYLE>";
        let got = tokens(src);
        assert_eq!(got.len(), 6, "{got:?}");
        assert_eq!(got[1], format!("{:?}", Token::Text(8..28)));
        assert_eq!(got[5], format!("{:?}", Token::End("style")));
    }
}
