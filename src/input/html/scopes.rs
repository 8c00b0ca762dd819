//! Skipped scopes: the parts of a page whose text is never article text
//! (navigation, asides, site headers and footers, or whatever a `sayso.toml`
//! names), as Vale's `SkippedScopes`.

use std::fmt;

use super::tokens::StartTag;

/// The skipped scopes when `sayso.toml` sets none: the page's boilerplate.
pub const DEFAULT_SKIPPED_SCOPES: &[&str] = &["nav", "aside", "footer", "header"];

/// How HTML is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlOptions {
    /// Elements whose text is left out, with everything inside them. A skipped
    /// `header` is special: inside an `<article>` or `<main>` it is read (it holds
    /// the headline and the byline there), and outside one its `<h1>` still is.
    pub skipped_scopes: Vec<Selector>,
}

impl Default for HtmlOptions {
    fn default() -> HtmlOptions {
        HtmlOptions {
            skipped_scopes: DEFAULT_SKIPPED_SCOPES
                .iter()
                .map(|s| Selector::parse(s).expect("the defaults parse"))
                .collect(),
        }
    }
}

impl HtmlOptions {
    /// Does a skipped scope start at this tag?
    pub(crate) fn skips(&self, tag: &StartTag) -> bool {
        self.skipped_scopes.iter().any(|s| s.matches(tag))
    }
}

/// A simple selector: `tag`, `.class`, `#id`, `tag.class` or `tag#id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    tag: Option<String>,
    class: Option<String>,
    id: Option<String>,
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Selector {
    /// Parse a selector; the error says what is accepted.
    pub fn parse(s: &str) -> Result<Selector, String> {
        let bad = || {
            format!(
                "'{s}' is not a scope sayso can skip: give a tag (\"nav\"), a class (\".ad\"), an id (\"#comments\") or a tag with one of them (\"div.ad\")"
            )
        };
        let (tag, rest) = match s.find(['.', '#']) {
            Some(i) => (&s[..i], &s[i..]),
            None => (s, ""),
        };
        let (class, id) = match rest.split_at_checked(1) {
            Some((".", name)) => (Some(name), None),
            Some(("#", name)) => (None, Some(name)),
            _ => (None, None),
        };
        let parts_ok = (tag.is_empty() || is_name(tag)) && class.is_none_or(is_name) && id.is_none_or(is_name);
        if !parts_ok || (tag.is_empty() && rest.is_empty()) {
            return Err(bad());
        }
        Ok(Selector {
            // (tag names are case-insensitive; classes and ids are not)
            tag: (!tag.is_empty()).then(|| tag.to_ascii_lowercase()),
            class: class.map(str::to_string),
            id: id.map(str::to_string),
        })
    }

    pub(crate) fn matches(&self, tag: &StartTag) -> bool {
        self.tag.as_ref().is_none_or(|t| *t == tag.name)
            && self.class.as_ref().is_none_or(|c| {
                tag.class
                    .as_deref()
                    .is_some_and(|list| list.split_ascii_whitespace().any(|x| x == c))
            })
            && self.id.as_ref().is_none_or(|i| tag.id.as_deref() == Some(i.as_str()))
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(t) = &self.tag {
            f.write_str(t)?;
        }
        if let Some(c) = &self.class {
            write!(f, ".{c}")?;
        }
        if let Some(i) = &self.id {
            write!(f, "#{i}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(name: &str, class: Option<&str>, id: Option<&str>) -> StartTag {
        StartTag {
            name: name.into(),
            class: class.map(Into::into),
            id: id.map(Into::into),
            self_closing: false,
        }
    }

    #[test]
    fn selectors_parse_and_match() {
        let ad = Selector::parse(".ad").unwrap();
        assert!(ad.matches(&tag("div", Some("box ad wide"), None)));
        assert!(!ad.matches(&tag("div", Some("adx"), None)));
        let nav = Selector::parse("NAV").unwrap();
        assert!(nav.matches(&tag("nav", None, None)));
        let div_ad = Selector::parse("div.ad").unwrap();
        assert!(!div_ad.matches(&tag("p", Some("ad"), None)));
        let comments = Selector::parse("#comments").unwrap();
        assert!(comments.matches(&tag("section", None, Some("comments"))));
        for s in ["div.ad", ".ad", "#comments", "figure"] {
            assert_eq!(Selector::parse(s).unwrap().to_string(), s);
        }
        for bad in ["", ".", "#", "div > p", "div p", "a.b.c", "[role=nav]", "div.", "*"] {
            assert!(Selector::parse(bad).is_err(), "{bad:?}");
        }
    }
}
