//! Character references in text (`&amp;`, `&rarr;`, `&#8217;`, the legacy
//! `&nbsp` without a semicolon), decoded as the WHATWG tokenizer decodes them
//! in the data and RCDATA states, piece by piece, so that every decoded
//! character keeps the span of the whole reference it came from.
//!
//! The tokenizer (html5gum) decodes references too, but hands back a whole run
//! of text with one span; this module redoes the decoding over that run's source
//! bytes so each piece can be mapped on its own. The named references are the
//! WHATWG table of 2,231 names (the `entities` crate ships it).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// A piece of a text run: source bytes that stand for themselves, or a
/// character reference and what it decodes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Verbatim(Range<usize>),
    Reference { decoded: &'a str, source: Range<usize> },
}

/// The longest name in the table ("CounterClockwiseContourIntegral;").
const MAX_NAME: usize = 32;
/// The longest legacy name, one that may go without its semicolon ("frac34").
const MAX_LEGACY_NAME: usize = 6;

/// Named references by name without the `&`: `"amp;"` and the legacy `"amp"`.
fn table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        entities::ENTITIES
            .iter()
            .map(|e| (e.entity.trim_start_matches('&'), e.characters))
            .collect()
    })
}

/// Split `src[range]` into pieces, in order: runs of text between references
/// (never empty) and the references. `&` that starts no reference is text.
pub(crate) fn pieces(src: &str, range: Range<usize>, mut sink: impl FnMut(Piece<'_>)) {
    let bytes = src.as_bytes();
    let mut text_start = range.start;
    let mut i = range.start;
    while let Some(off) = memchr::memchr(b'&', &bytes[i..range.end]) {
        let amp = i + off;
        let mut buf = [0u8; 4];
        let found = match bytes.get(amp + 1) {
            Some(b'#') => numeric(&src[..range.end], amp).map(|(c, end)| (&*c.encode_utf8(&mut buf), end)),
            _ => named(&src[..range.end], amp),
        };
        match found {
            Some((decoded, end)) => {
                if text_start < amp {
                    sink(Piece::Verbatim(text_start..amp));
                }
                sink(Piece::Reference {
                    decoded,
                    source: amp..end,
                });
                text_start = end;
                i = end;
            }
            None => i = amp + 1,
        }
    }
    if text_start < range.end {
        sink(Piece::Verbatim(text_start..range.end));
    }
}

/// The whole of `src[range]` decoded (for comparing headlines and titles).
pub(crate) fn decode(src: &str, range: Range<usize>) -> String {
    let mut out = String::with_capacity(range.len());
    pieces(src, range, |p| match p {
        Piece::Verbatim(r) => out.push_str(&src[r]),
        Piece::Reference { decoded, .. } => out.push_str(decoded),
    });
    out
}

/// A named reference at `s[amp]` (an `&`): the longest name in the table that
/// the text starts with. In text, a legacy name needs no semicolon ("&notit;"
/// reads "¬it;"); the rule that keeps "&amp=" literal holds in attributes only.
fn named(s: &str, amp: usize) -> Option<(&'static str, usize)> {
    let b = s.as_bytes();
    let start = amp + 1;
    let run = b[start..]
        .iter()
        .take(MAX_NAME)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if run == 0 {
        return None;
    }
    let table = table();
    // (every name is letters and digits, so one ending in ';' spans the whole run)
    if b.get(start + run) == Some(&b';')
        && let Some(decoded) = table.get(&s[start..start + run + 1])
    {
        return Some((decoded, start + run + 1));
    }
    (1..=run.min(MAX_LEGACY_NAME))
        .rev()
        .find_map(|len| table.get(&s[start..start + len]).map(|d| (*d, start + len)))
}

/// A numeric reference at `s[amp]` (`&#` follows): `&#8217;`, `&#x2019;`, the
/// semicolon optional. None when no digit follows (then it is text).
fn numeric(s: &str, amp: usize) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let hex = matches!(b.get(amp + 2), Some(b'x' | b'X'));
    let digits_start = amp + 2 + usize::from(hex);
    let radix = if hex { 16 } else { 10 };
    let digits = b[digits_start.min(b.len())..]
        .iter()
        .take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() })
        .count();
    if digits == 0 {
        return None;
    }
    // (a value past the last code point is an error whatever its size: saturate)
    let value = b[digits_start..digits_start + digits].iter().fold(0u32, |v, &c| {
        let d = (c as char).to_digit(radix).unwrap_or(0);
        v.saturating_mul(radix).saturating_add(d).min(0x11_0000)
    });
    let mut end = digits_start + digits;
    if b.get(end) == Some(&b';') {
        end += 1;
    }
    Some((code_point(value), end))
}

/// The character a numeric reference stands for, after the spec's repairs:
/// NUL, surrogates and values past U+10FFFF become U+FFFD, and the C1 controls
/// that Windows-1252 uses for printable characters become those characters.
fn code_point(value: u32) -> char {
    const WINDOWS_1252: [(u32, char); 27] = [
        (0x80, '\u{20AC}'),
        (0x82, '\u{201A}'),
        (0x83, '\u{0192}'),
        (0x84, '\u{201E}'),
        (0x85, '\u{2026}'),
        (0x86, '\u{2020}'),
        (0x87, '\u{2021}'),
        (0x88, '\u{02C6}'),
        (0x89, '\u{2030}'),
        (0x8A, '\u{0160}'),
        (0x8B, '\u{2039}'),
        (0x8C, '\u{0152}'),
        (0x8E, '\u{017D}'),
        (0x91, '\u{2018}'),
        (0x92, '\u{2019}'),
        (0x93, '\u{201C}'),
        (0x94, '\u{201D}'),
        (0x95, '\u{2022}'),
        (0x96, '\u{2013}'),
        (0x97, '\u{2014}'),
        (0x98, '\u{02DC}'),
        (0x99, '\u{2122}'),
        (0x9A, '\u{0161}'),
        (0x9B, '\u{203A}'),
        (0x9C, '\u{0153}'),
        (0x9E, '\u{017E}'),
        (0x9F, '\u{0178}'),
    ];
    if value == 0 {
        return '\u{FFFD}';
    }
    if let Some(&(_, c)) = WINDOWS_1252.iter().find(|(v, _)| *v == value) {
        return c;
    }
    char::from_u32(value).unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> String {
        decode(s, 0..s.len())
    }

    #[test]
    fn the_whole_table_is_there() {
        assert_eq!(table().len(), 2231);
        assert_eq!(
            dec("&rarr; &frac13; &check; &CounterClockwiseContourIntegral;"),
            "→ ⅓ ✓ ∳"
        );
        // two code points for one name
        assert_eq!(dec("&NotEqualTilde;"), "\u{2242}\u{338}");
    }

    #[test]
    fn legacy_names_need_no_semicolon_in_text() {
        assert_eq!(dec("two&nbspaides"), "two\u{A0}aides");
        assert_eq!(dec("&notit; &notin; &amp=1 AT&T"), "¬it; ∉ &=1 AT&T");
        // a name that is no legacy one needs its semicolon
        assert_eq!(dec("&rarr &check"), "&rarr &check");
        assert_eq!(dec("&bogus; & &; &#; &#x; &#xZZ;"), "&bogus; & &; &#; &#x; &#xZZ;");
    }

    #[test]
    fn numeric_references_follow_the_spec() {
        assert_eq!(dec("&#8217;&#x2019;&#X41;&#65"), "\u{2019}\u{2019}AA");
        assert_eq!(dec("&#0;&#xD800;&#x110000;&#99999999999999;"), "\u{FFFD}".repeat(4));
        assert_eq!(dec("&#150;&#x93;&#x81;"), "\u{2013}\u{201C}\u{81}");
    }

    #[test]
    fn pieces_keep_the_source_of_each_reference() {
        let s = "a &amp; b&nbspc";
        let mut got = Vec::new();
        pieces(s, 0..s.len(), |p| got.push(format!("{p:?}")));
        assert_eq!(
            got,
            [
                "Verbatim(0..2)",
                "Reference { decoded: \"&\", source: 2..7 }",
                "Verbatim(7..9)",
                "Reference { decoded: \"\\u{a0}\", source: 9..14 }",
                "Verbatim(14..15)",
            ]
        );
        // a reference never reaches past the end of the range
        let mut got = Vec::new();
        pieces(s, 0..5, |p| got.push(format!("{p:?}")));
        assert_eq!(got, ["Verbatim(0..5)"]);
    }
}
