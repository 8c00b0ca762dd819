//! Markdown -> prose, via pulldown-cmark's offset iterator.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::offsets::{Emitter, OffsetMap};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Is this tag a block (whose edges separate paragraphs of prose)?
fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::TableCell
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::TableCell
    )
}

/// Content inside these tags is not prose.
fn is_skipped(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. } | Tag::HtmlBlock
    )
}

fn is_skipped_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image | TagEnd::HtmlBlock
    )
}

/// A Markdown file is parsed a piece of at least this many bytes at a time.
/// pulldown-cmark keeps a tree of the whole text it parses (about three times
/// its size for a file of one-line headings): parsed whole, a large file
/// peaked there before any of it was analysed (docs/hardening.md).
const PIECE: usize = 1 << 20;

/// Project Markdown source to prose. The map points into `src`.
pub(crate) fn project(src: &str) -> (String, OffsetMap) {
    project_in_pieces(src, PIECE)
}

/// Project `src` parsing it in pieces of at least `piece` bytes, cut where
/// [`cuts`] finds the parse of the pieces to be the parse of the whole.
pub(crate) fn project_in_pieces(src: &str, piece: usize) -> (String, OffsetMap) {
    let mut out = Emitter::new(src);
    let mut skip = 0usize;
    let mut start = 0;
    for end in cuts(src, piece) {
        project_piece(&mut out, &mut skip, src, start, end);
        start = end;
    }
    out.finish()
}

/// Where to cut `src` into pieces of at least `piece` bytes that parse as the
/// whole does: the ends of the pieces, the last one `src.len()`.
///
/// A piece starts on a line that follows a blank line, at no indentation,
/// with a letter, `#`, a quotation mark or a non-ASCII character: a paragraph
/// or a heading, outside every block, since after a blank line an unindented
/// line of text ends any list, block quote, table or indented code. What can
/// run on over a blank line is a fenced code block, an HTML block, footnote
/// definitions and a metadata block; and link reference definitions are read
/// from the whole document. So the file is parsed whole when it has `]:`
/// anywhere (a reference or footnote definition), a carriage return, a line
/// starting with `<` (up to three spaces in, outside a fence), a fence
/// indented one to three spaces, or a fence that does not follow a blank line
/// (where a table or a list could take it in). Fences are followed from their
/// opening line to their closing one, and no cut falls between them.
/// pulldown-cmark opens a metadata block at a `---` or `+++` line that starts
/// a block anywhere in the file (inside a list or a quotation too), if a
/// closing line follows anywhere after it, so no cut falls between a line
/// that ends in `---` or `+++` over a line that is not blank and the next
/// closing line (`---` or `...`, `+++`), and a fence there parses whole.
pub(crate) fn cuts(src: &str, piece: usize) -> Vec<usize> {
    let whole = vec![src.len()];
    let b = src.as_bytes();
    if b.len() < piece.saturating_mul(2)
        || memchr::memmem::find(b, b"]:").is_some()
        || memchr::memchr(b'\r', b).is_some()
    {
        return whole;
    }
    let mut out = Vec::new();
    // the open fence: its character and length
    let mut fence: Option<(u8, usize)> = None;
    // a metadata block may be open: `---` (closed by `---` or `...`), `+++`
    let (mut dashes, mut pluses) = (false, false);
    let mut prev_blank = true;
    let mut last = 0usize;
    let mut at = 0usize;
    while at < b.len() {
        let end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |k| at + k);
        let line = &b[at..end];
        let indent = line.iter().take_while(|&&c| c == b' ').count();
        let rest = &line[indent..];
        let blank = rest.iter().all(|&c| c == b' ' || c == b'\t');
        // (pulldown-cmark looks for a closing line in the raw lines, fenced or not)
        match metadata_close(line) {
            Some(b'-') => dashes = false,
            Some(_) => pluses = false,
            None => {}
        }
        if let Some((c, n)) = fence {
            let run = rest.iter().take_while(|&&x| x == c).count();
            if indent <= 3 && run >= n && rest[run..].iter().all(|&x| x == b' ' || x == b'\t') {
                fence = None;
            }
        } else if indent <= 3 && rest.first() == Some(&b'<') {
            return whole;
        } else if let Some(open) = fence_open(rest) {
            if indent > 3 {
                // indented code or a list item's content: ended by the next
                // unindented line
            } else if indent > 0 || !prev_blank || dashes || pluses {
                return whole;
            } else {
                fence = Some(open);
            }
        } else if prev_blank
            && !dashes
            && !pluses
            && at >= last + piece
            && b.len() - at >= piece
            && rest.len() == line.len()
            && rest
                .first()
                .is_some_and(|&c| c.is_ascii_alphabetic() || matches!(c, b'#' | b'"' | b'\'') || c >= 0x80)
        {
            out.push(at);
            last = at;
        }
        if fence.is_none() {
            let next = b.get(end + 1..).unwrap_or(&[]);
            let next = &next[..memchr::memchr(b'\n', next).unwrap_or(next.len())];
            if !next.iter().all(|&c| c == b' ' || c == b'\t') {
                let body = line.trim_ascii_end();
                dashes |= body.ends_with(b"---");
                pluses |= body.ends_with(b"+++");
            }
        }
        prev_blank = blank && fence.is_none();
        at = end + 1;
    }
    out.push(src.len());
    out
}

/// The metadata block a raw line would close, by its first character: `---`
/// or `...` (`-`), `+++` (`+`), then only spaces.
fn metadata_close(line: &[u8]) -> Option<u8> {
    let c = *line.first()?;
    if !matches!(c, b'-' | b'.' | b'+') || line.iter().take_while(|&&x| x == c).count() != 3 {
        return None;
    }
    line[3..]
        .iter()
        .all(|&x| x == b' ')
        .then_some(if c == b'+' { b'+' } else { b'-' })
}

/// The fence a line opens (after its indentation): at least three backticks
/// (and no backtick after them) or three tildes.
fn fence_open(rest: &[u8]) -> Option<(u8, usize)> {
    let c = *rest.first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = rest.iter().take_while(|&&x| x == c).count();
    if n < 3 || (c == b'`' && rest[n..].contains(&b'`')) {
        return None;
    }
    Some((c, n))
}

/// Parse `src[start..end]` and write its prose to `out` (offsets into `src`).
fn project_piece(out: &mut Emitter, skip: &mut usize, src: &str, start: usize, end: usize) {
    let piece = &src[start..end];
    for (event, range) in Parser::new_ext(piece, options()).into_offset_iter() {
        let (s, e) = (range.start.min(piece.len()), range.end.min(piece.len()));
        let (ps, pe) = (start + s, start + e);
        match event {
            Event::Start(tag) => {
                if is_block(&tag) {
                    out.block_break();
                }
                if is_skipped(&tag) {
                    *skip += 1;
                }
            }
            Event::End(tag) => {
                if is_skipped_end(&tag) {
                    *skip = skip.saturating_sub(1);
                }
                if is_block_end(&tag) {
                    out.block_break();
                } else if tag == TagEnd::TableCell {
                    out.cell_break();
                }
            }
            Event::Text(t) if *skip == 0 => {
                let slice = piece.get(s..e).unwrap_or("");
                if slice == &*t {
                    out.verbatim_range(ps, pe);
                } else if !t.is_empty() && slice.ends_with(&*t) {
                    // backslash escape: `\*` yields "*" (the range may or may
                    // not include the backslash)
                    out.verbatim_range(pe - t.len(), pe);
                } else {
                    out.substituted(&t, ps, pe);
                }
            }
            Event::SoftBreak if *skip == 0 => out.space(ps, pe),
            Event::HardBreak if *skip == 0 => out.line_break(),
            Event::Rule => out.block_break(),
            // inline code, raw HTML, footnote references, task markers, math:
            // not prose
            _ => {}
        }
    }
}
