//! The HTML tokenizer: html5gum, a WHATWG-compliant tokenizer, turned into a
//! stream of the few tokens the projection needs, each with its source span.
//!
//! html5gum tokenizes; it builds no tree. Its "naive" state switching puts the
//! text of `<script>`, `<style>`, `<title>`, `<textarea>` and the other raw-text
//! elements in the right tokenizer state, which is all a text extractor needs
//! from the tree builder. Comments, doctypes and parse errors are dropped.

use std::convert::Infallible;
use std::ops::Range;

use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    Start(StartTag),
    End(String),
    /// A run of text: the source bytes, character references still in them.
    Text(Range<usize>),
}

/// Builds start tags from html5gum's piecewise events.
#[derive(Default)]
struct Collect {
    tag: StartTag,
    attribute: Vec<u8>,
}

fn owned(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl Callback<Token, usize> for Collect {
    fn handle_event(&mut self, event: CallbackEvent<'_>, span: Span<usize>) -> Option<Token> {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag = StartTag {
                    name: owned(name),
                    ..StartTag::default()
                };
                self.attribute.clear();
            }
            CallbackEvent::AttributeName { name } => {
                self.attribute.clear();
                self.attribute.extend_from_slice(name);
            }
            CallbackEvent::AttributeValue { value } => {
                // (a repeated attribute is ignored, as in a browser: the first one counts)
                let slot = match self.attribute.as_slice() {
                    b"id" => &mut self.tag.id,
                    b"class" => &mut self.tag.class,
                    _ => return None,
                };
                slot.get_or_insert_with(|| owned(value));
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                self.tag.self_closing = self_closing;
                return Some(Token::Start(std::mem::take(&mut self.tag)));
            }
            CallbackEvent::EndTag { name } => return Some(Token::End(owned(name))),
            CallbackEvent::String { .. } => return Some(Token::Text(span.start..span.end)),
            CallbackEvent::Comment { .. } | CallbackEvent::Doctype { .. } | CallbackEvent::Error(_) => {}
        }
        None
    }
}

/// The tokens of `src`, in order.
pub(crate) fn tokens(src: &str) -> impl Iterator<Item = Token> + '_ {
    let mut emitter = CallbackEmitter::new(Collect::default());
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(src, emitter).map(|t: Result<Token, Infallible>| match t {
        Ok(t) => t,
        Err(never) => match never {},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_text_and_spans() {
        let src = "<!DOCTYPE html><p class=\"a b\" id=x class=c>Hi &amp; <!-- no -->bye</p><br/>";
        let got: Vec<Token> = tokens(src).collect();
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
        assert_eq!(
            got,
            [
                Token::Start(p),
                Token::Text(hi..hi + 9),
                Token::Text(bye..bye + 3),
                Token::End("p".into()),
                Token::Start(br),
            ]
        );
        assert_eq!(&src[hi..hi + 9], "Hi &amp; ");
    }

    #[test]
    fn raw_text_elements_hold_no_tags() {
        let src = "<script>if (a<b) x = \"</p>\";</script><STYLE>p{}</STYLE>";
        let got: Vec<Token> = tokens(src).collect();
        assert_eq!(got.len(), 6, "{got:?}");
        assert_eq!(got[1], Token::Text(8..28));
        assert_eq!(got[5], Token::End("style".into()));
    }
}
