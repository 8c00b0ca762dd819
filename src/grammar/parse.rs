//! The grammar file syntax, read with nom.
//!
//! ```text
//! # a comment
//! cue say {
//!     doc: Plain reporting verb; does not vouch for the content.
//!     stance: assert
//!     verbs: say(said) tell(told)
//!         state                      # an indented line continues the last key
//!     flags: post
//!     example: "The mayor said the bridge was closed." => alleged named
//! }
//! ```
//!
//! This module only knows the shape (blocks, keys, values, examples). What the
//! keys mean is checked in `grammar::build`, which reports unknown names with
//! a "did you mean".

use nom::{
    IResult,
    branch::alt,
    bytes::complete::{escaped_transform, is_not, tag, take_while, take_while1},
    character::complete::{char, space0, space1},
    combinator::{cut, map, opt, value},
    error::{ErrorKind, ParseError},
    multi::separated_list0,
    sequence::{delimited, preceded, terminated},
};

/// A block as written: `kind name { entries }`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawBlock {
    pub kind: String,
    pub name: String,
    pub line: usize,
    pub col: usize,
    pub entries: Vec<RawEntry>,
}

/// One `key: values` line (with its continuation lines folded in).
#[derive(Debug, Clone, PartialEq)]
pub struct RawEntry {
    pub key: String,
    pub line: usize,
    pub col: usize,
    pub value: RawValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// words and quoted strings
    List(Vec<Item>),
    /// free text after `doc:`
    Text(String),
    /// `"sentence" => word word`
    Example { text: String, expect: Vec<String> },
}

/// One value with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub text: String,
    pub quoted: bool,
    /// a quoted literal written with a trailing '?': `","?`
    pub optional: bool,
    pub line: usize,
    pub col: usize,
}

/// A syntax error at a position in a grammar file.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub line: usize,
    pub col: usize,
    pub expected: String,
    pub found: String,
}

/// nom error that remembers what was expected.
#[derive(Debug)]
struct Expect<'a> {
    at: &'a str,
    what: &'static str,
}

impl<'a> ParseError<&'a str> for Expect<'a> {
    fn from_error_kind(at: &'a str, _kind: ErrorKind) -> Self {
        Expect { at, what: "" }
    }
    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }
}

type Res<'a, T> = IResult<&'a str, T, Expect<'a>>;

fn expect<'a, T>(what: &'static str, mut p: impl FnMut(&'a str) -> Res<'a, T>) -> impl FnMut(&'a str) -> Res<'a, T> {
    move |i| {
        p(i).map_err(|e| {
            e.map(|mut x| {
                if x.what.is_empty() {
                    x.what = what;
                    x.at = i;
                }
                x
            })
        })
    }
}

fn ident(i: &str) -> Res<'_, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_')(i)
}

fn quoted(i: &str) -> Res<'_, String> {
    delimited(
        char('"'),
        map(
            opt(escaped_transform(
                is_not("\\\"\n"),
                '\\',
                alt((value("\\", tag("\\")), value("\"", tag("\"")), value("\n", tag("n")))),
            )),
            Option::unwrap_or_default,
        ),
        cut(expect("a closing '\"' on the same line", char('"'))),
    )(i)
}

fn bare(i: &str) -> Res<'_, &str> {
    // a word, possibly with inflection notes: say(said) write(wrote written) admit+
    let (rest, head) = take_while1(|c: char| !c.is_whitespace() && c != '"' && c != '#' && c != '(' && c != '}')(i)?;
    if let Some(r) = rest.strip_prefix('(') {
        let (r2, _) = take_while(|c: char| c != ')' && c != '\n')(r)?;
        let (r3, _) = expect("a closing ')'", char(')'))(r2)?;
        let (r4, _) = opt(char('+'))(r3)?;
        let used = i.len() - r4.len();
        return Ok((r4, &i[..used]));
    }
    Ok((rest, head))
}

fn comment(i: &str) -> Res<'_, ()> {
    value((), preceded(char('#'), take_while(|c| c != '\n')))(i)
}

fn line_end(i: &str) -> Res<'_, ()> {
    let (i, _) = space0(i)?;
    let (i, _) = opt(comment)(i)?;
    let (i, _) = opt(char('\r'))(i)?;
    if i.is_empty() {
        return Ok((i, ()));
    }
    expect("the end of the line", value((), char('\n')))(i)
}

/// Blank lines and comment lines.
fn skip_blank(mut i: &str) -> &str {
    loop {
        let t = i.trim_start_matches([' ', '\t', '\r', '\n']);
        if let Some(rest) = t.strip_prefix('#') {
            i = rest.find('\n').map_or("", |n| &rest[n..]);
        } else {
            return t;
        }
    }
}

struct Cursor<'a> {
    src: &'a str,
    /// the byte offset of every line's start (every item asks for its position)
    line_starts: Vec<usize>,
}

impl<'a> Cursor<'a> {
    fn new(src: &'a str) -> Cursor<'a> {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1))
            .collect();
        Cursor { src, line_starts }
    }

    /// The line and column (1-based, in characters) where `at`, a tail of the source, starts.
    fn pos(&self, at: &str) -> (usize, usize) {
        let off = self.src.len() - at.len();
        let line = self.line_starts.partition_point(|&s| s <= off);
        let col = self.src[self.line_starts[line - 1]..off].chars().count() + 1;
        (line, col)
    }

    fn error(&self, at: &str, expected: &str) -> SyntaxError {
        let (line, col) = self.pos(at);
        let found: String = at.chars().take_while(|c| *c != '\n').take(24).collect();
        SyntaxError {
            line,
            col,
            expected: expected.to_string(),
            found: if !found.is_empty() {
                format!("'{found}'")
            } else if at.is_empty() {
                "the end of the file".into()
            } else {
                "the end of the line".into()
            },
        }
    }

    fn fail(&self, e: nom::Err<Expect<'a>>, fallback: &str) -> SyntaxError {
        match e {
            nom::Err::Error(x) | nom::Err::Failure(x) => {
                self.error(x.at, if x.what.is_empty() { fallback } else { x.what })
            }
            nom::Err::Incomplete(_) => self.error("", fallback),
        }
    }
}

fn item_list<'a>(cur: &Cursor<'a>, i: &'a str) -> Result<(&'a str, Vec<Item>), SyntaxError> {
    let r: Res<'a, Vec<(&'a str, String, bool, bool)>> = separated_list0(
        space1,
        alt((
            map(
                |s: &'a str| {
                    let (r, q) = quoted(s)?;
                    let (r, opt_mark) = opt(char('?'))(r)?;
                    Ok((r, (s, q, opt_mark.is_some())))
                },
                |(s, q, o)| (s, q, true, o),
            ),
            map(
                |s: &'a str| bare(s).map(|(r, b)| (r, (s, b.to_string()))),
                |(s, b)| (s, b, false, false),
            ),
        )),
    )(i);
    let (rest, raw) = r.map_err(|e| cur.fail(e, "a word or a quoted phrase"))?;
    let items = raw
        .into_iter()
        .map(|(at, text, quoted, optional)| {
            let (line, col) = cur.pos(at);
            Item {
                text,
                quoted,
                optional,
                line,
                col,
            }
        })
        .collect();
    Ok((rest, items))
}

fn example_value<'a>(cur: &Cursor<'a>, i: &'a str) -> Result<(&'a str, RawValue), SyntaxError> {
    let (i, text) =
        expect("a quoted example sentence", quoted)(i).map_err(|e| cur.fail(e, "a quoted example sentence"))?;
    let (i, _) = space0::<_, Expect>(i).map_err(|e| cur.fail(e, "'=>'"))?;
    let r: Res<'a, Option<&'a str>> = opt(terminated(tag("=>"), space0))(i);
    let (i, arrow) = r.map_err(|e| cur.fail(e, "'=>'"))?;
    if arrow.is_none() {
        let rest = i.trim_start_matches([' ', '\t']);
        if !(rest.is_empty() || rest.starts_with('\n') || rest.starts_with('#') || rest.starts_with('\r')) {
            return Err(cur.error(i, "'=>' followed by the expected verdict and source"));
        }
        return Ok((i, RawValue::Example { text, expect: vec![] }));
    }
    let r: Res<'a, Vec<&'a str>> = separated_list0(space1, ident)(i);
    let (i, words) = r.map_err(|e| cur.fail(e, "a verdict and a source"))?;
    Ok((
        i,
        RawValue::Example {
            text,
            expect: words.into_iter().map(String::from).collect(),
        },
    ))
}

/// Parse a whole grammar file into raw blocks.
pub fn parse_file(src: &str) -> Result<Vec<RawBlock>, SyntaxError> {
    let cur = Cursor::new(src);
    let mut blocks = Vec::new();
    let mut i = skip_blank(src);
    while !i.is_empty() {
        let at = i;
        let header: Res<'_, (&str, &str)> = (|s| {
            let (s, kind) = expect("a block kind such as 'cue', 'source' or 'hedge'", ident)(s)?;
            let (s, _) = expect("a space and the rule's name", space1)(s)?;
            let (s, name) = expect("the rule's name (letters, digits, '-')", ident)(s)?;
            let (s, _) = space0(s)?;
            let (s, _) = cut(expect("'{' to open the block", char('{')))(s)?;
            let (s, _) = line_end(s)?;
            Ok((s, (kind, name)))
        })(i);
        let (rest, (kind, name)) = header.map_err(|e| cur.fail(e, "a block header"))?;
        let (line, col) = cur.pos(at);
        let mut block = RawBlock {
            kind: kind.into(),
            name: name.into(),
            line,
            col,
            entries: vec![],
        };
        i = rest;
        loop {
            i = skip_blank(i);
            if i.is_empty() {
                return Err(cur.error(
                    i,
                    &format!("'}}' to close the block '{kind} {name}' opened on line {line}"),
                ));
            }
            if let Some(r) = i.strip_prefix('}') {
                i = r;
                let r: Res<'_, ()> = line_end(i);
                i = r.map_err(|e| cur.fail(e, "the end of the line after '}'"))?.0;
                break;
            }
            let entry_at = i;
            let keyed: Res<'_, &str> = terminated(ident, preceded(space0, char(':')))(i);
            match keyed {
                Ok((r, key)) => {
                    let (kl, kc) = cur.pos(entry_at);
                    let r = r.trim_start_matches([' ', '\t']);
                    let (r, value) = match key {
                        "doc" => {
                            let end = r.find('\n').unwrap_or(r.len());
                            let text = r[..end].trim().trim_end_matches('\r').to_string();
                            (&r[end..], RawValue::Text(text))
                        }
                        "example" => example_value(&cur, r)?,
                        _ => {
                            let (r, items) = item_list(&cur, r)?;
                            (r, RawValue::List(items))
                        }
                    };
                    let r2: Res<'_, ()> = line_end(r);
                    i = r2.map_err(|e| cur.fail(e, "the end of the line"))?.0;
                    block.entries.push(RawEntry {
                        key: key.into(),
                        line: kl,
                        col: kc,
                        value,
                    });
                }
                Err(_) => {
                    // a continuation line: more values (or more doc text) for the last key,
                    // indented deeper than that key (so a forgotten ':' is an error, not more values)
                    let col = cur.pos(entry_at).1;
                    let Some(last) = block.entries.last_mut().filter(|l| col > l.col) else {
                        return Err(cur.error(entry_at, "a 'key:' such as 'doc:', 'words:' or 'example:' (a value line must be indented under its key)"));
                    };
                    match &mut last.value {
                        RawValue::List(items) => {
                            let (r, more) = item_list(&cur, i)?;
                            if more.is_empty() {
                                return Err(cur.error(i, "a 'key:', a word, a quoted phrase or '}'"));
                            }
                            items.extend(more);
                            let r2: Res<'_, ()> = line_end(r);
                            i = r2.map_err(|e| cur.fail(e, "the end of the line"))?.0;
                        }
                        RawValue::Text(t) => {
                            let end = i.find('\n').unwrap_or(i.len());
                            t.push(' ');
                            t.push_str(i[..end].trim());
                            i = &i[end..];
                        }
                        RawValue::Example { .. } => {
                            return Err(cur.error(entry_at, "a new 'key:' (an example takes one line)"));
                        }
                    }
                }
            }
        }
        blocks.push(block);
        i = skip_blank(i);
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_blocks_keys_continuations_and_examples() {
        let src = "# lead comment\ncue say {\n  doc: Plain reporting.\n    Second line.\n  verbs: say(said) \"point out\" admit+\n     tell(told)\n  example: \"She said it.\" => alleged named\n}\n\nlist negators {\n words: not never\n}\n";
        let blocks = parse_file(src).unwrap();
        assert_eq!(blocks.len(), 2);
        let b = &blocks[0];
        assert_eq!((b.kind.as_str(), b.name.as_str(), b.line), ("cue", "say", 2));
        assert_eq!(
            b.entries[0].value,
            RawValue::Text("Plain reporting. Second line.".into())
        );
        let RawValue::List(items) = &b.entries[1].value else {
            panic!()
        };
        let words: Vec<_> = items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(words, ["say(said)", "point out", "admit+", "tell(told)"]);
        assert_eq!((items[3].line, items[3].col), (6, 6));
        assert_eq!(
            b.entries[2].value,
            RawValue::Example {
                text: "She said it.".into(),
                expect: vec!["alleged".into(), "named".into()]
            }
        );
    }

    #[test]
    fn reports_position_and_expectation() {
        let e = parse_file("cue say {\n  verbs: \"said\n}\n").unwrap_err();
        assert_eq!((e.line, e.expected.as_str()), (2, "a closing '\"' on the same line"));
        let e = parse_file("cue say\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.expected.contains("'{'"), "{e:?}");
        let e = parse_file("cue say {\n  verbs: said\n").unwrap_err();
        assert!(e.expected.contains("'}' to close the block 'cue say'"), "{e:?}");
        let e = parse_file("cue say {\n  said\n}\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 3));
    }
}
