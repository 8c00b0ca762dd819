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

/// Project Markdown source to prose. The map points into `src`.
pub(crate) fn project(src: &str) -> (String, OffsetMap) {
    let mut out = Emitter::new(src);
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        let (start, end) = (range.start.min(src.len()), range.end.min(src.len()));
        match event {
            Event::Start(tag) => {
                if is_block(&tag) {
                    out.block_break();
                }
                if is_skipped(&tag) {
                    skip += 1;
                }
            }
            Event::End(tag) => {
                if is_skipped_end(&tag) {
                    skip = skip.saturating_sub(1);
                }
                if is_block_end(&tag) {
                    out.block_break();
                } else if tag == TagEnd::TableCell {
                    out.cell_break();
                }
            }
            Event::Text(t) if skip == 0 => {
                let slice = src.get(start..end).unwrap_or("");
                if slice == &*t {
                    out.verbatim_range(start, end);
                } else if !t.is_empty() && slice.ends_with(&*t) {
                    // backslash escape: `\*` yields "*" (the range may or may
                    // not include the backslash)
                    out.verbatim_range(end - t.len(), end);
                } else {
                    out.substituted(&t, start, end);
                }
            }
            Event::SoftBreak if skip == 0 => out.space(start, end),
            Event::HardBreak if skip == 0 => out.line_break(),
            Event::Rule => out.block_break(),
            // inline code, raw HTML, footnote references, task markers, math:
            // not prose
            _ => {}
        }
    }
    out.finish()
}
