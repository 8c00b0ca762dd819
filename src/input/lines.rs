//! Line-start table over the original bytes, for line/column diagnostics.

use super::offsets::OffsetMap;
use crate::span::Span;

/// Line starts, built once. `\n`, `\r\n` and a lone `\r` all end a line.
#[derive(Debug, Clone)]
pub(crate) enum LineTable {
    /// Lines of the original bytes (UTF-8, possibly with invalid sequences).
    /// `starts[0]` skips a BOM.
    /// `chars`: None when the whole file is ASCII, so a column is a byte
    /// distance (no counting)
    Utf8 {
        starts: Vec<usize>,
        chars: Option<CharIndex>,
    },
    /// Lines of a decoded copy (UTF-16 originals); `map` takes decoded
    /// offsets back to original ones.
    Decoded {
        text: String,
        starts: Vec<usize>,
        map: OffsetMap,
        chars: CharIndex,
    },
}

/// How many characters precede each multiple of `CharIndex::STEP` bytes, so
/// that the characters between two offsets are counted in at most two steps'
/// bytes, however long the line: a column on a long non-ASCII line costs
/// O(STEP), not O(line length). A character starts at every byte that does not
/// continue a UTF-8 sequence (an invalid byte counts as one character).
#[derive(Debug, Clone)]
pub(crate) struct CharIndex {
    before: Vec<usize>,
}

fn starts_char(b: u8) -> bool {
    (b & 0xC0) != 0x80
}

/// The characters of `b`, counted byte by byte: the only loop that counts
/// characters for a column, so the bytes it reads are counted as work
/// (`crate::work`; tests/bounded.rs checks they grow linearly).
fn count_chars(b: &[u8]) -> usize {
    crate::work::add(b.len());
    b.iter().filter(|&&c| starts_char(c)).count()
}

impl CharIndex {
    const STEP: usize = 256;

    /// (`crate::work`: counted once, a step a byte)
    fn new(b: &[u8]) -> CharIndex {
        let mut before = Vec::with_capacity(b.len() / Self::STEP + 1);
        let mut n = 0usize;
        for chunk in b.chunks(Self::STEP) {
            before.push(n);
            n += count_chars(chunk);
        }
        CharIndex { before }
    }

    /// Characters in `b[..off]`.
    fn count(&self, b: &[u8], off: usize) -> usize {
        let off = off.min(b.len());
        let k = off / Self::STEP;
        let base = self.before.get(k).copied().unwrap_or(0);
        base + count_chars(&b[k * Self::STEP..off])
    }

    /// Characters in `b[start..end]`.
    fn between(&self, b: &[u8], start: usize, end: usize) -> usize {
        if end.saturating_sub(start) <= Self::STEP {
            return count_chars(&b[start.min(b.len())..end.min(b.len())]);
        }
        self.count(b, end).saturating_sub(self.count(b, start))
    }
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
            chars: (!bytes.is_ascii()).then(|| CharIndex::new(bytes)),
        }
    }

    pub fn decoded(text: String, map: OffsetMap) -> LineTable {
        let starts = line_starts(text.as_bytes(), 0);
        let chars = CharIndex::new(text.as_bytes());
        LineTable::Decoded {
            text,
            starts,
            map,
            chars,
        }
    }

    pub fn count(&self) -> usize {
        match self {
            LineTable::Utf8 { starts, .. } | LineTable::Decoded { starts, .. } => starts.len(),
        }
    }

    pub fn line_col(&self, original: &[u8], off: usize) -> (usize, usize) {
        crate::work::add(1);
        match self {
            LineTable::Utf8 { starts, chars } => {
                let off = off.min(original.len());
                let idx = line_index(starts, off);
                let start = starts[idx].min(off);
                match chars {
                    None => (idx + 1, off - start + 1),
                    Some(c) => (idx + 1, c.between(original, start, off) + 1),
                }
            }
            LineTable::Decoded {
                text,
                starts,
                map,
                chars,
            } => {
                let d = map.to_projected(off).min(text.len());
                let idx = line_index(starts, d);
                let start = starts[idx].min(d);
                (idx + 1, chars.between(text.as_bytes(), start, d) + 1)
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
            LineTable::Decoded { text, starts, map, .. } => {
                let start = *starts.get(idx)?;
                let end = line_end(text.as_bytes(), starts, idx).max(start);
                Some(map.to_original(Span::new(start, end)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The column counted the slow way: characters from the line start.
    fn slow_col(b: &[u8], starts: &[usize], off: usize) -> usize {
        let idx = line_index(starts, off);
        b[starts[idx].min(off)..off].iter().filter(|&&c| starts_char(c)).count() + 1
    }

    #[test]
    fn indexed_columns_match_counting_from_the_line_start() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(["Zürich ", "“quoted” ", "plain ", "日本語 ", "\n", "x\r\n"][i % 6]);
        }
        let mut b = text.into_bytes();
        b.extend_from_slice(&[0xFF, 0xC3, b'a']); // invalid bytes count one each
        let t = LineTable::utf8(&b, 0);
        let LineTable::Utf8 { starts, .. } = &t else {
            unreachable!()
        };
        for off in (0..=b.len()).step_by(7).chain([b.len()]) {
            assert_eq!(t.line_col(&b, off).1, slow_col(&b, starts, off), "offset {off}");
        }
    }
}
