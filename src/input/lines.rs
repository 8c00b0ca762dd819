//! Line-start table over the original bytes, for line/column diagnostics.

use super::offsets::OffsetMap;
use crate::span::Span;

/// Line starts, built once. `\n`, `\r\n` and a lone `\r` all end a line.
#[derive(Debug, Clone)]
pub(crate) enum LineTable {
    /// Lines of the original bytes (UTF-8, possibly with invalid sequences).
    /// `starts[0]` skips a BOM.
    /// `ascii`: the whole file is ASCII, so a column is a byte distance (no counting)
    Utf8 { starts: Vec<usize>, ascii: bool },
    /// Lines of a decoded copy (UTF-16 originals); `map` takes decoded
    /// offsets back to original ones.
    Decoded {
        text: String,
        starts: Vec<usize>,
        map: OffsetMap,
    },
}

fn line_starts(b: &[u8], first: usize) -> Vec<usize> {
    let mut starts = vec![first.min(b.len())];
    let mut i = first;
    while let Some(k) = memchr::memchr2(b'\n', b'\r', b.get(i..).unwrap_or(&[])) {
        let at = i + k;
        let next = if b[at] == b'\r' && b.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        starts.push(next);
        i = next;
    }
    starts
}

/// End of line `idx` (excluding its terminator) given the line starts.
fn line_end(b: &[u8], starts: &[usize], idx: usize) -> usize {
    match starts.get(idx + 1) {
        None => b.len(),
        Some(&next) => {
            if next >= 2 && b[next - 2] == b'\r' && b[next - 1] == b'\n' {
                next - 2
            } else {
                next - 1
            }
        }
    }
}

fn line_index(starts: &[usize], off: usize) -> usize {
    starts.partition_point(|&s| s <= off).saturating_sub(1)
}

fn valid_prefix(b: &[u8]) -> &str {
    match std::str::from_utf8(b) {
        Ok(s) => s,
        // valid_up_to is a char boundary, so this cannot fail
        Err(e) => std::str::from_utf8(&b[..e.valid_up_to()]).unwrap_or(""),
    }
}

impl LineTable {
    pub fn utf8(bytes: &[u8], bom: usize) -> LineTable {
        LineTable::Utf8 {
            starts: line_starts(bytes, bom),
            ascii: bytes.is_ascii(),
        }
    }

    pub fn decoded(text: String, map: OffsetMap) -> LineTable {
        let starts = line_starts(text.as_bytes(), 0);
        LineTable::Decoded { text, starts, map }
    }

    pub fn count(&self) -> usize {
        match self {
            LineTable::Utf8 { starts, .. } | LineTable::Decoded { starts, .. } => starts.len(),
        }
    }

    pub fn line_col(&self, original: &[u8], off: usize) -> (usize, usize) {
        match self {
            LineTable::Utf8 { starts, ascii } => {
                let off = off.min(original.len());
                let idx = line_index(starts, off);
                let start = starts[idx].min(off);
                if *ascii {
                    return (idx + 1, off - start + 1);
                }
                // count chars; each byte that does not continue a UTF-8
                // sequence starts one (invalid bytes count as one each)
                let col = original[start..off].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
                (idx + 1, col + 1)
            }
            LineTable::Decoded { text, starts, map } => {
                let d = map.to_projected(off).min(text.len());
                let idx = line_index(starts, d);
                let start = starts[idx].min(d);
                let col = text.get(start..d).map_or(0, |s| s.chars().count());
                (idx + 1, col + 1)
            }
        }
    }

    pub fn line_text<'a>(&'a self, original: &'a [u8], line: usize) -> &'a str {
        if line == 0 {
            return "";
        }
        let idx = line - 1;
        match self {
            LineTable::Utf8 { starts, .. } => {
                let Some(&start) = starts.get(idx) else {
                    return "";
                };
                let end = line_end(original, starts, idx).max(start);
                valid_prefix(&original[start..end])
            }
            LineTable::Decoded { text, starts, .. } => {
                let Some(&start) = starts.get(idx) else {
                    return "";
                };
                let end = line_end(text.as_bytes(), starts, idx).max(start);
                text.get(start..end).unwrap_or("")
            }
        }
    }

    /// Original span of line `line` (1-based), without its ending.
    #[allow(dead_code)]
    pub fn line_span(&self, original: &[u8], line: usize) -> Option<Span> {
        let idx = line.checked_sub(1)?;
        match self {
            LineTable::Utf8 { starts, .. } => {
                let start = *starts.get(idx)?;
                Some(Span::new(start, line_end(original, starts, idx).max(start)))
            }
            LineTable::Decoded { text, starts, map } => {
                let start = *starts.get(idx)?;
                let end = line_end(text.as_bytes(), starts, idx).max(start);
                Some(map.to_original(Span::new(start, end)))
            }
        }
    }
}
