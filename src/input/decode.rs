//! Bytes -> UTF-8: BOM handling, UTF-16, lossy repair of invalid UTF-8, and
//! the binary-file check.

use std::borrow::Cow;

use super::InputError;
use super::offsets::{OffsetMap, Run, RunBuilder};

/// How the original bytes were encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

pub(crate) struct Decoded<'a> {
    /// Borrowed from the bytes when they are valid UTF-8 (no second copy of a
    /// large file while it is projected)
    pub text: Cow<'a, str>,
    /// decoded text -> original bytes
    pub map: OffsetMap,
    pub encoding: Encoding,
    pub warnings: Vec<String>,
}

/// How many leading bytes the binary check looks at.
pub(crate) const SNIFF_LEN: usize = 8 * 1024;

/// True if the sample looks like binary data: any NUL byte, or more than 10%
/// control characters other than tab, newline, carriage return and form feed.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if memchr::memchr(0, sample).is_some() {
        return true;
    }
    // (written without branches, counting in bytes over chunks of at most 255, so
    // the count vectorises sixteen bytes to an instruction: every file passes here)
    let controls: usize = sample
        .chunks(255)
        .map(|chunk| {
            chunk.iter().fold(0u8, |n, &b| {
                let control = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0c) | (b == 0x7f);
                n + u8::from(control)
            }) as usize
        })
        .sum();
    controls > 0 && controls * 10 > sample.len()
}

/// True if a file starting with `bytes` is refused as binary: what `decode`
/// decides from the same bytes (a UTF-16 byte order mark is text).
pub(crate) fn is_binary(bytes: &[u8]) -> bool {
    !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF])
        && utf16_without_bom(bytes).is_none()
        && looks_binary(bytes)
}

pub(crate) fn decode<'a>(path: &str, bytes: &'a [u8]) -> Result<Decoded<'a>, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Ok(decode_utf16(bytes, true));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(decode_utf16(bytes, false));
    }
    if let Some(le) = utf16_without_bom(bytes) {
        let mut d = decode_utf16_from(bytes, le, 0);
        d.warnings[0].push_str(" (no byte order mark: guessed from the NUL bytes)");
        return Ok(d);
    }
    // (the sniff looks at the first 8 KB; a NUL byte anywhere later is binary too)
    if looks_binary(bytes) || memchr::memchr(0, bytes).is_some() {
        return Err(InputError::Binary { path: path.to_string() });
    }
    let (start, encoding) = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        (3, Encoding::Utf8Bom)
    } else {
        (0, Encoding::Utf8)
    };
    let body = &bytes[start..];
    let mut warnings = Vec::new();
    let (text, map) = match std::str::from_utf8(body) {
        Ok(s) if start == 0 => (Cow::Borrowed(s), OffsetMap::identity(s.len())),
        Ok(s) => {
            let runs = if s.is_empty() {
                Vec::new()
            } else {
                vec![Run {
                    proj_start: 0,
                    orig_start: start,
                    proj_len: s.len(),
                    orig_len: s.len(),
                    verbatim: true,
                }]
            };
            (Cow::Borrowed(s), OffsetMap::from_runs(runs, s.len(), bytes.len()))
        }
        Err(_) => {
            let mut text = String::with_capacity(body.len() + 16);
            let mut runs = RunBuilder::default();
            let mut pos = start;
            let mut bad = 0usize;
            let mut first_bad = None;
            for chunk in body.utf8_chunks() {
                let valid = chunk.valid();
                if !valid.is_empty() {
                    runs.push(Run {
                        proj_start: text.len(),
                        orig_start: pos,
                        proj_len: valid.len(),
                        orig_len: valid.len(),
                        verbatim: true,
                    });
                    text.push_str(valid);
                    pos += valid.len();
                }
                let invalid = chunk.invalid();
                if !invalid.is_empty() {
                    first_bad.get_or_insert(pos);
                    bad += 1;
                    runs.push(Run {
                        proj_start: text.len(),
                        orig_start: pos,
                        proj_len: '\u{FFFD}'.len_utf8(),
                        orig_len: invalid.len(),
                        verbatim: false,
                    });
                    text.push('\u{FFFD}');
                    pos += invalid.len();
                }
            }
            warnings.push(format!(
                "invalid UTF-8 at byte {}: replaced with U+FFFD ({} bad sequence{} in total)",
                first_bad.unwrap_or(start),
                bad,
                if bad == 1 { "" } else { "s" }
            ));
            let len = text.len();
            (Cow::Owned(text), OffsetMap::from_runs(runs.runs, len, bytes.len()))
        }
    };
    Ok(Decoded {
        text,
        map,
        encoding,
        warnings,
    })
}

/// UTF-16 without a byte order mark: text that is mostly ASCII has a NUL in
/// every other byte and none in the others. Some(true) little-endian,
/// Some(false) big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for p in sample.chunks_exact(2) {
        even += usize::from(p[0] == 0);
        odd += usize::from(p[1] == 0);
    }
    // (at least half the units ASCII, and no unit with a NUL in its other byte)
    if even == 0 && odd * 2 >= pairs {
        Some(true)
    } else if odd == 0 && even * 2 >= pairs {
        Some(false)
    } else {
        None
    }
}

fn decode_utf16(bytes: &[u8], le: bool) -> Decoded<'static> {
    decode_utf16_from(bytes, le, 2)
}

/// Decode UTF-16 from byte `skip` on (2 after a byte order mark, 0 without one).
fn decode_utf16_from(bytes: &[u8], le: bool, skip: usize) -> Decoded<'static> {
    let body = &bytes[skip..];
    let mut text = String::with_capacity(body.len());
    let mut runs = RunBuilder::default();
    let unit = |i: usize| -> u16 {
        let (a, b) = (body[i], body[i + 1]);
        if le {
            u16::from_le_bytes([a, b])
        } else {
            u16::from_be_bytes([a, b])
        }
    };
    let n = body.len() / 2;
    let mut i = 0;
    let mut bad = 0usize;
    while i < n {
        let u = unit(2 * i);
        let (c, used) = if (0xD800..0xDC00).contains(&u) {
            if i + 1 < n {
                let v = unit(2 * i + 2);
                if (0xDC00..0xE000).contains(&v) {
                    let cp = 0x10000 + (((u as u32) - 0xD800) << 10) + ((v as u32) - 0xDC00);
                    (char::from_u32(cp).unwrap_or('\u{FFFD}'), 2)
                } else {
                    ('\u{FFFD}', 1)
                }
            } else {
                ('\u{FFFD}', 1)
            }
        } else {
            (char::from_u32(u as u32).unwrap_or('\u{FFFD}'), 1)
        };
        if c == '\u{FFFD}' && u != 0xFFFD {
            bad += 1;
        }
        let orig_start = skip + 2 * i;
        let proj_start = text.len();
        text.push(c);
        runs.push(Run {
            proj_start,
            orig_start,
            proj_len: c.len_utf8(),
            orig_len: 2 * used,
            verbatim: false,
        });
        i += used;
    }
    if body.len() % 2 == 1 {
        bad += 1;
        let proj_start = text.len();
        text.push('\u{FFFD}');
        runs.push(Run {
            proj_start,
            orig_start: bytes.len() - 1,
            proj_len: 3,
            orig_len: 1,
            verbatim: false,
        });
    }
    let name = if le { "UTF-16LE" } else { "UTF-16BE" };
    let mut warnings = vec![format!("decoded {name}")];
    if bad > 0 {
        warnings.push(format!(
            "invalid {name}: {bad} bad code unit{} replaced with U+FFFD",
            if bad == 1 { "" } else { "s" }
        ));
    }
    let len = text.len();
    Decoded {
        text: Cow::Owned(text),
        map: OffsetMap::from_runs(runs.runs, len, bytes.len()),
        encoding: if le { Encoding::Utf16Le } else { Encoding::Utf16Be },
        warnings,
    }
}
