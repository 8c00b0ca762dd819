//! HTML -> prose: a lenient, non-recursive scanner. Tags are dropped, block
//! tags separate paragraphs, whitespace collapses, entities are decoded.

use memchr::{memchr, memmem};

use super::offsets::{Emitter, OffsetMap};

/// Elements whose content is never article text: code and styling, and the
/// page's boilerplate scopes (navigation, asides, footers), which would
/// otherwise become statements. (`header` is kept: inside an article it holds
/// the headline.)
const SKIP_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "textarea", "svg", "nav", "aside", "footer",
];

/// Elements whose edges separate paragraphs.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "ul",
    "ol",
    "table",
    "pre",
    "hr",
    "title",
    "figcaption",
    "figure",
    "main",
    "nav",
    "aside",
    "dl",
    "dt",
    "dd",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "form",
    "address",
    "details",
    "summary",
    "body",
    "html",
    "head",
    "fieldset",
    "legend",
    "center",
    "option",
    "menu",
    "hgroup",
    "dialog",
    "iframe",
    "video",
    "audio",
    "object",
];

fn is_one_of(name: &[u8], list: &[&str]) -> bool {
    list.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(name))
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Project HTML source to prose. The map points into `src`.
pub(crate) fn project(src: &str) -> (String, OffsetMap) {
    let b = src.as_bytes();
    let n = b.len();
    let mut out = Emitter::new(src);
    let mut i = 0;
    while i < n {
        match b[i] {
            b'<' => i = tag(src, i, &mut out),
            b'&' => {
                if let Some((decoded, len)) = entity(&src[i..]) {
                    let mut buf = [0u8; 4];
                    out.substituted(decoded.encode_utf8(&mut buf), i, i + len);
                    i += len;
                } else {
                    out.verbatim_range(i, i + 1);
                    i += 1;
                }
            }
            c if is_ws(c) => {
                let start = i;
                while i < n && is_ws(b[i]) {
                    i += 1;
                }
                out.space(start, i);
            }
            _ => {
                // words with single spaces between them come through as they stand: one
                // range for the stretch (what word-by-word emitting would give, faster)
                let start = i;
                let is_text = |c: u8| !matches!(c, b'<' | b'&') && !is_ws(c);
                while i < n && (is_text(b[i]) || (b[i] == b' ' && i + 1 < n && is_text(b[i + 1]))) {
                    i += 1;
                }
                out.verbatim_range(start, i);
            }
        }
    }
    out.finish()
}

/// Handle markup starting at `b[i] == b'<'`; returns the offset after it.
fn tag(src: &str, i: usize, out: &mut Emitter) -> usize {
    let b = src.as_bytes();
    let n = b.len();
    let rest = &b[i..];
    if rest.starts_with(b"<!--") {
        return match memmem::find(&rest[4..], b"-->") {
            Some(k) => i + 4 + k + 3,
            None => n,
        };
    }
    if rest.starts_with(b"<![CDATA[") {
        return match memmem::find(rest, b"]]>") {
            Some(k) => i + k + 3,
            None => n,
        };
    }
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
        return memchr(b'>', rest).map_or(n, |k| i + k + 1);
    }
    let closing = rest.get(1) == Some(&b'/');
    let name_start = i + 1 + usize::from(closing);
    if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
        // a lone '<' is text
        out.verbatim_range(i, i + 1);
        return i + 1;
    }
    let mut j = name_start;
    while j < n && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
        j += 1;
    }
    let name = &b[name_start..j];
    // scan attributes to the closing '>', honouring quotes
    let mut self_closing = false;
    let end = loop {
        if j >= n {
            break n;
        }
        match b[j] {
            b'>' => {
                self_closing = j > name_start && b[j - 1] == b'/';
                break j + 1;
            }
            q @ (b'"' | b'\'') => match memchr(q, &b[j + 1..]) {
                Some(k) => j += k + 2,
                None => break n,
            },
            _ => j += 1,
        }
    };
    if name.eq_ignore_ascii_case(b"br") {
        out.line_break();
    } else if name.eq_ignore_ascii_case(b"td") || name.eq_ignore_ascii_case(b"th") {
        if !closing {
            out.cell_break();
        }
    } else if is_one_of(name, BLOCK) {
        out.block_break();
    }
    if !closing && !self_closing && is_one_of(name, SKIP_CONTENT) {
        return skip_raw_text(b, end, name);
    }
    end
}

/// Skip to just past `</name ...>` (case-insensitive), or to the end.
fn skip_raw_text(b: &[u8], from: usize, name: &[u8]) -> usize {
    let n = b.len();
    let mut k = from;
    while k < n {
        let Some(off) = memchr(b'<', &b[k..]) else {
            return n;
        };
        let lt = k + off;
        let after = lt + 2 + name.len();
        if b.get(lt + 1) == Some(&b'/')
            && after <= n
            && b[lt + 2..after].eq_ignore_ascii_case(name)
            && !b.get(after).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return memchr(b'>', &b[after..]).map_or(n, |m| after + m + 1);
        }
        k = lt + 1;
    }
    n
}

/// Decode an entity at the start of `s` (which begins with '&'). Returns the
/// character and the entity's byte length, or None if it is not a known,
/// well-formed entity (then it stays verbatim).
pub(crate) fn entity(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let semi = memchr(b';', &b[..b.len().min(34)])?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let cp = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            if hex.is_empty() || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(hex, 16).ok()?
        } else {
            if num.is_empty() || !num.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            num.parse::<u32>().ok()?
        };
        if cp == 0 {
            return None;
        }
        char::from_u32(cp)?
    } else {
        named(body)?
    };
    Some((c, semi + 1))
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "sbquo" => '\u{201A}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "bdquo" => '\u{201E}',
        "laquo" => '\u{AB}',
        "raquo" => '\u{BB}',
        "lsaquo" => '\u{2039}',
        "rsaquo" => '\u{203A}',
        "hellip" => '\u{2026}',
        "bull" => '\u{2022}',
        "middot" => '\u{B7}',
        "prime" => '\u{2032}',
        "Prime" => '\u{2033}',
        "copy" => '\u{A9}',
        "reg" => '\u{AE}',
        "trade" => '\u{2122}',
        "deg" => '\u{B0}',
        "plusmn" => '\u{B1}',
        "times" => '\u{D7}',
        "divide" => '\u{F7}',
        "minus" => '\u{2212}',
        "frac12" => '\u{BD}',
        "frac14" => '\u{BC}',
        "frac34" => '\u{BE}',
        "cent" => '\u{A2}',
        "pound" => '\u{A3}',
        "euro" => '\u{20AC}',
        "yen" => '\u{A5}',
        "sect" => '\u{A7}',
        "para" => '\u{B6}',
        "dagger" => '\u{2020}',
        "Dagger" => '\u{2021}',
        "shy" => '\u{AD}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "iexcl" => '\u{A1}',
        "iquest" => '\u{BF}',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "aring" => 'å',
        "aelig" => 'æ',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "oslash" => 'ø',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yacute" => 'ý',
        "yuml" => 'ÿ',
        "szlig" => 'ß',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Atilde" => 'Ã',
        "Auml" => 'Ä',
        "Aring" => 'Å',
        "AElig" => 'Æ',
        "Ccedil" => 'Ç',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Euml" => 'Ë',
        "Iacute" => 'Í',
        "Ntilde" => 'Ñ',
        "Oacute" => 'Ó',
        "Ouml" => 'Ö',
        "Oslash" => 'Ø',
        "Uacute" => 'Ú',
        "Uuml" => 'Ü',
        _ => return None,
    })
}
