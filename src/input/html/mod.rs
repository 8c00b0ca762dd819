//! HTML -> prose. A WHATWG tokenizer (html5gum, in `tokens`) finds the tags and
//! the runs of text with their source spans; `charref` decodes the character
//! references in each run piece by piece; this module decides which text is
//! article text and writes it through an `Emitter`, so every character of the
//! prose maps back to its source bytes (a decoded reference to the whole
//! reference). Block tags separate paragraphs and whitespace collapses.
//!
//! Which text is read:
//! - never code or embedded content (`script`, `style`, `template`, `svg`, ...);
//! - never the skipped scopes (`HtmlOptions`: by default `nav`, `aside`,
//!   `footer` and a site `header`; a `header` inside the article is read, and
//!   the `<h1>` of a site header too);
//! - when the page has an `<article>` or `<main>` with text in it: only what is
//!   inside those, and any `<h1>` outside them (the headline);
//! - the `<title>` only when it does not repeat the `<h1>` (and, when an
//!   article or main element is read, only when the page has no `<h1>`).
//!
//! The page is read twice: a survey pass finds whether there is an article and
//! what the headline and title say, and the second pass writes the prose.
//! There is no tree builder: open elements are tracked on a stack, an end tag
//! closes the nearest open element of its name, and the commonest implied end
//! tags (`<p>`, `<li>`, table cells) are applied, which is what scoping needs.

mod charref;
mod scopes;
mod tokens;

pub use scopes::{DEFAULT_SKIPPED_SCOPES, HtmlOptions, Selector};

use rustc_hash::FxHashMap;

use super::offsets::{Emitter, OffsetMap};
use charref::Piece;
use std::ops::ControlFlow;
use tokens::{StartTag, Token};

/// Elements whose content is never prose: code, styling, embedded documents
/// and their fallbacks.
const CODE: &[&str] = &[
    "iframe", "math", "noembed", "noframes", "noscript", "object", "script", "style", "svg", "template", "textarea",
];

/// Elements whose text the tokenizer reads literally (no markup, no
/// character references) and a browser shows as it stands.
const LITERAL: &[&str] = &["plaintext", "xmp"];

/// Elements that hold the article.
const CONTENT: &[&str] = &["article", "main"];

/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
];

/// Elements whose edges separate paragraphs.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "audio",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "object",
    "ol",
    "option",
    "p",
    "plaintext",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "title",
    "tr",
    "ul",
    "video",
    "xmp",
];

/// Start tags that close an open `<p>` (HTML's implied `</p>`).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "plaintext",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
];

/// Is `name` in `list`? (Every list above is sorted: one binary search per tag.)
fn is_one_of(name: &str, list: &[&str]) -> bool {
    list.binary_search(&name).is_ok()
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// What an open element means for the text inside it. Each element has one
/// role, the first that applies in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Code,
    /// a skipped scope
    Skipped,
    /// a skipped `header` outside the article: only its `<h1>` is read
    SiteHeader,
    Content,
    Headline,
    Title,
    Literal,
    Plain,
}

const ROLES: usize = 8;

/// An open element: its interned name and its role.
#[derive(Debug, Clone, Copy)]
struct Open {
    name: u32,
    role: Role,
}

/// The open elements, and how many of each role and name are open, so that
/// "is this text inside a `nav`?" and "is a `div` open?" cost nothing whatever
/// the depth of the page.
struct Scopes<'o> {
    options: &'o HtmlOptions,
    stack: Vec<Open>,
    names: FxHashMap<String, u32>,
    open_by_name: Vec<u32>,
    open_by_role: [u32; ROLES],
}

/// How a run of text is read where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Skip,
    /// character references decoded
    Decoded,
    /// as it stands (`<xmp>`, `<plaintext>`)
    Literal,
}

impl<'o> Scopes<'o> {
    fn new(options: &'o HtmlOptions) -> Scopes<'o> {
        Scopes {
            options,
            stack: Vec::new(),
            names: FxHashMap::default(),
            open_by_name: Vec::new(),
            open_by_role: [0; ROLES],
        }
    }

    fn open(&self, role: Role) -> bool {
        self.open_by_role[role as usize] > 0
    }

    fn role_of(&self, tag: &StartTag) -> Role {
        let name = tag.name.as_str();
        if is_one_of(name, CODE) {
            Role::Code
        } else if self.options.skips(tag) {
            match (name, self.open(Role::Content)) {
                ("header", true) => Role::Plain,
                ("header", false) => Role::SiteHeader,
                _ => Role::Skipped,
            }
        } else if is_one_of(name, CONTENT) {
            Role::Content
        } else if name == "h1" {
            Role::Headline
        } else if name == "title" {
            Role::Title
        } else if is_one_of(name, LITERAL) {
            Role::Literal
        } else {
            Role::Plain
        }
    }

    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.names.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.insert(name.to_string(), id);
        self.open_by_name.push(0);
        id
    }

    /// Open an element (void elements and `<svg/>` open none).
    fn start(&mut self, tag: &StartTag) {
        self.close_implied(&tag.name);
        // (`<x/>` closes itself only in SVG and MathML; elsewhere HTML ignores the slash)
        let foreign = matches!(tag.name.as_str(), "svg" | "math");
        if is_one_of(&tag.name, VOID) || (tag.self_closing && foreign) {
            return;
        }
        let role = self.role_of(tag);
        let name = self.intern(&tag.name);
        self.stack.push(Open { name, role });
        self.open_by_name[name as usize] += 1;
        self.open_by_role[role as usize] += 1;
    }

    /// Close the nearest open element named `name`, and all opened after it.
    /// An end tag with no open element of its name is ignored.
    fn end(&mut self, name: &str) {
        let Some(&id) = self.names.get(name) else {
            return;
        };
        if self.open_by_name[id as usize] == 0 {
            return;
        }
        while let Some(top) = self.pop() {
            if top.name == id {
                break;
            }
        }
    }

    fn pop(&mut self) -> Option<Open> {
        let top = self.stack.pop()?;
        self.open_by_name[top.name as usize] -= 1;
        self.open_by_role[top.role as usize] -= 1;
        Some(top)
    }

    fn top_is(&self, names: &[&str]) -> bool {
        self.stack
            .last()
            .is_some_and(|top| names.iter().any(|n| self.names.get(*n) == Some(&top.name)))
    }

    /// HTML's commonest implied end tags: a block closes an open `<p>`, an item
    /// its open sibling, a cell or row the open cell. (Only the innermost open
    /// element is looked at: enough for `<p>a<p>b` and `<li>a<li>b`.)
    fn close_implied(&mut self, name: &str) {
        if is_one_of(name, CLOSES_P) && self.top_is(&["p"]) {
            self.pop();
        }
        let siblings: &[&str] = match name {
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            "td" | "th" | "tr" => &["td", "th"],
            "option" => &["option"],
            _ => &[],
        };
        if self.top_is(siblings) {
            self.pop();
        }
        if name == "tr" && self.top_is(&["tr"]) {
            self.pop();
        }
    }

    /// How text here is read, given whether only the article is read and
    /// whether the title is.
    fn reading(&self, article_only: bool, title: bool) -> Reading {
        let skip = self.open(Role::Code)
            || self.open(Role::Skipped)
            || (self.open(Role::SiteHeader) && !self.open(Role::Headline))
            || (self.open(Role::Title) && !title)
            || (article_only && !self.open(Role::Content) && !self.open(Role::Headline) && !self.open(Role::Title));
        if skip {
            Reading::Skip
        } else if self.open(Role::Literal) {
            Reading::Literal
        } else {
            Reading::Decoded
        }
    }
}

/// What the first pass learns about a page.
#[derive(Debug, Default)]
struct Survey {
    /// an `<article>` or `<main>` outside the skipped scopes has text
    article_has_text: bool,
    /// the text of the first `<h1>` read, and of the first `<title>`
    headline: Option<String>,
    title: Option<String>,
}

impl Survey {
    fn of(src: &str, options: &HtmlOptions) -> Survey {
        let mut scopes = Scopes::new(options);
        let mut survey = Survey::default();
        // (the element whose text is being collected, and whether it is done)
        let mut headline = (String::new(), false);
        let mut title = (String::new(), false);
        // (a page with no `<article` or `<main` anywhere has no article to look for)
        let mut article_unknown = mentions_article(src);
        tokens::for_each(src, |token| {
            match token {
                Token::Start(tag) => scopes.start(tag),
                Token::End(name) => {
                    // (the first one with text: an empty or skipped `<h1>` is no headline)
                    if scopes.open(Role::Headline) && name == "h1" && !headline.0.trim().is_empty() {
                        headline.1 = true;
                    }
                    if scopes.open(Role::Title) && name == "title" && !title.0.trim().is_empty() {
                        title.1 = true;
                    }
                    scopes.end(name);
                }
                Token::Text(range) => {
                    let in_article = scopes.open(Role::Content) && !survey.article_has_text;
                    let in_headline = scopes.open(Role::Headline) && !headline.1;
                    let in_title = scopes.open(Role::Title) && !title.1;
                    // (most text is none of these: it is not decoded here)
                    if (in_article || in_headline || in_title) && scopes.reading(false, true) == Reading::Decoded {
                        let text = charref::decode(src, range);
                        if in_article && !text.bytes().all(is_ws) {
                            survey.article_has_text = true;
                        }
                        if in_headline {
                            headline.0.push_str(&text);
                        } else if in_title {
                            title.0.push_str(&text);
                        }
                    }
                }
            }
            // what the survey learns is final once found: stop when all of it is
            // (on most pages after the article's first paragraph)
            article_unknown &= !survey.article_has_text;
            if !article_unknown && headline.1 && title.1 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        survey.headline = Some(normalised(&headline.0)).filter(|s| !s.is_empty());
        survey.title = Some(normalised(&title.0)).filter(|s| !s.is_empty());
        survey
    }

    /// Is the `<title>` read? Not when it repeats the headline (most titles are
    /// the headline, often with the site's name), and not beside an article
    /// when there is a headline to read instead.
    fn reads_title(&self) -> bool {
        match (&self.headline, &self.title) {
            (None, _) | (_, None) => true,
            (Some(_), Some(_)) if self.article_has_text => false,
            (Some(h1), Some(title)) => !(title.contains(h1.as_str()) || h1.contains(title.as_str())),
        }
    }
}

/// Does `<article` or `<main` (in any case) occur in the source?
fn mentions_article(src: &str) -> bool {
    let b = src.as_bytes();
    memchr::memchr_iter(b'<', b).any(|i| {
        let after = &b[i + 1..];
        CONTENT
            .iter()
            .any(|name| after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()))
    })
}

/// Whitespace collapsed, lower case: how a title and a headline are compared.
fn normalised(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Project HTML source to prose. The map points into `src`.
pub(crate) fn project(src: &str, options: &HtmlOptions) -> (String, OffsetMap) {
    let survey = Survey::of(src, options);
    let (article_only, title) = (survey.article_has_text, survey.reads_title());
    let mut scopes = Scopes::new(options);
    let mut out = Emitter::new(src);
    tokens::for_each(src, |token| {
        match token {
            Token::Start(tag) => {
                separate(&mut out, &tag.name, true);
                scopes.start(tag);
            }
            Token::End(name) => {
                separate(&mut out, name, false);
                scopes.end(name);
            }
            Token::Text(range) => match scopes.reading(article_only, title) {
                Reading::Skip => {}
                Reading::Literal => plain(&mut out, src, range.start, range.end),
                Reading::Decoded => decoded(&mut out, src, range),
            },
        }
        ControlFlow::Continue(())
    });
    out.finish()
}

/// The separator a tag stands for: a line break, a table cell, a paragraph.
fn separate(out: &mut Emitter, name: &str, start: bool) {
    if name == "br" {
        out.line_break();
    } else if name == "td" || name == "th" {
        if start {
            out.cell_break();
        }
    } else if is_one_of(name, BLOCK) {
        out.block_break();
    }
}

/// A run of text with its character references decoded. A reference that
/// decodes to whitespace (`&#32;`, `&#10;`) collapses like whitespace.
fn decoded(out: &mut Emitter, src: &str, range: std::ops::Range<usize>) {
    charref::pieces(src, range, |piece| match piece {
        Piece::Verbatim(r) => plain(out, src, r.start, r.end),
        Piece::Reference { decoded, source } => {
            if decoded.bytes().all(is_ws) {
                out.space(source.start, source.end);
            } else {
                out.substituted(decoded, source.start, source.end);
            }
        }
    });
}

/// Text as it stands, whitespace collapsed.
fn plain(out: &mut Emitter, src: &str, start: usize, end: usize) {
    let b = src.as_bytes();
    let mut i = start;
    while i < end {
        if is_ws(b[i]) {
            let ws = i;
            while i < end && is_ws(b[i]) {
                i += 1;
            }
            out.space(ws, i);
        } else {
            // words with single spaces between them come through as they stand: one
            // range for the stretch (what word-by-word emitting would give, faster)
            let text = i;
            while i < end && (!is_ws(b[i]) || (b[i] == b' ' && i + 1 < end && !is_ws(b[i + 1]))) {
                i += 1;
            }
            out.verbatim_range(text, i);
        }
    }
}

#[cfg(test)]
mod tests;
