//! Word sets from the grammar's lists, looked up without allocating.

use super::tokens::Token;
use rustc_hash::{FxHashMap, FxHashSet as HashSet};

/// A set of words and multi-word phrases, compared case-insensitively.
#[derive(Debug, Default, Clone)]
pub struct WordSet {
    single: HashSet<String>,
    /// phrases of two or more words, as word sequences
    multi: Vec<Vec<String>>,
}

impl WordSet {
    pub fn new<S: AsRef<str>>(words: &[S]) -> WordSet {
        let mut set = WordSet {
            single: HashSet::default(),
            multi: Vec::new(),
        };
        for w in words {
            let w = w.as_ref().to_lowercase();
            let parts: Vec<String> = w.split_whitespace().map(String::from).collect();
            match parts.len() {
                0 => {}
                1 => {
                    set.single.insert(parts.into_iter().next().unwrap_or_default());
                }
                _ => set.multi.push(parts),
            }
        }
        set
    }

    /// The single words of the set (lower case).
    pub fn singles(&self) -> impl Iterator<Item = &str> {
        self.single.iter().map(String::as_str)
    }

    /// The phrases of two or more words (lower case), as word sequences.
    pub fn phrases(&self) -> impl Iterator<Item = &[String]> {
        self.multi.iter().map(Vec::as_slice)
    }

    /// Is this one word in the set?
    pub fn has(&self, word: &str) -> bool {
        if word.bytes().all(|b| !b.is_ascii_uppercase()) {
            return self.single.contains(word);
        }
        let mut buf = [0u8; 48];
        if word.len() <= buf.len() {
            buf[..word.len()].copy_from_slice(word.as_bytes());
            buf[..word.len()].make_ascii_lowercase();
            // ASCII lowering keeps UTF-8 valid
            if let Ok(s) = std::str::from_utf8(&buf[..word.len()]) {
                return self.single.contains(s);
            }
        }
        self.single.contains(&word.to_lowercase())
    }

    /// The number of tokens of a set entry that starts at token `i`, if any
    /// (the longest entry wins).
    pub fn match_at(&self, text: &str, toks: &[Token], i: usize, end: usize) -> Option<usize> {
        if i >= end {
            return None;
        }
        let mut best = None;
        for phrase in &self.multi {
            if i + phrase.len() <= end
                && phrase
                    .iter()
                    .enumerate()
                    .all(|(k, w)| toks[i + k].text(text).eq_ignore_ascii_case(w))
                && best.is_none_or(|b| phrase.len() > b)
            {
                best = Some(phrase.len());
            }
        }
        if best.is_none() && self.has(toks[i].text(text)) {
            best = Some(1);
        }
        best
    }

    /// The number of tokens of a set entry that ends just before token `end`.
    pub fn match_before(&self, text: &str, toks: &[Token], lo: usize, end: usize) -> Option<usize> {
        if end <= lo {
            return None;
        }
        let mut best = None;
        for phrase in &self.multi {
            let n = phrase.len();
            if end >= lo + n
                && phrase
                    .iter()
                    .enumerate()
                    .all(|(k, w)| toks[end - n + k].text(text).eq_ignore_ascii_case(w))
                && best.is_none_or(|b| n > b)
            {
                best = Some(n);
            }
        }
        if best.is_none() && self.has(toks[end - 1].text(text)) {
            best = Some(1);
        }
        best
    }
}

/// For every word of the matcher's lists, a bit per list it belongs to, so a
/// document's tokens are looked up once and list tests on them are a mask test
/// (the matcher asks dozens of list questions per token).
#[derive(Debug, Clone)]
pub struct Vocab {
    bits: FxHashMap<Box<[u8]>, u32>,
    longest: usize,
    /// the first bytes of all entries: most tokens are rejected without hashing
    first_bytes: [bool; 256],
}

impl Default for Vocab {
    fn default() -> Vocab {
        Vocab {
            bits: FxHashMap::default(),
            longest: 0,
            first_bytes: [false; 256],
        }
    }
}

impl Vocab {
    /// Mark the single words of `set` with `bit`.
    pub fn add(&mut self, set: &WordSet, bit: u32) {
        for w in set.singles() {
            self.add_word(w, bit);
        }
    }

    /// Mark the first word of each phrase of `set` with `first` and its last
    /// word with `last`, so a phrase test can be skipped where no phrase
    /// starts or ends.
    pub fn add_phrase_edges(&mut self, set: &WordSet, first: u32, last: u32) {
        for phrase in set.phrases() {
            for (w, bit) in [(phrase.first(), first), (phrase.last(), last)] {
                if let Some(w) = w {
                    self.add_word(w, bit);
                }
            }
        }
    }

    fn add_word(&mut self, w: &str, bit: u32) {
        *self.bits.entry(w.as_bytes().into()).or_insert(0) |= bit;
        if let Some(&b) = w.as_bytes().first() {
            self.first_bytes[b as usize] = true;
            self.first_bytes[b.to_ascii_uppercase() as usize] = true;
        }
        if w.len() <= 64 {
            self.longest = self.longest.max(w.len());
        }
    }

    /// The list bits of `word`, compared case-insensitively (ASCII).
    pub fn lookup(&self, word: &str) -> u32 {
        match word.as_bytes().first() {
            Some(&b) if word.len() <= self.longest && self.first_bytes[b as usize] => {}
            _ => return 0,
        }
        let mut buf = [0u8; 64];
        let b = &mut buf[..word.len()]; // longest ≤ 64: lists hold short words (checked in add)
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        self.bits.get(&*b).copied().unwrap_or(0)
    }
}

/// Does `text` start (after spaces) with `phrase`, ending on a word boundary?
/// A word of the phrase written `*ed` matches any word ending in "ed".
pub fn starts_with_phrase(text: &str, phrase: &str) -> bool {
    if phrase.contains('*') {
        let mut rest = text;
        for want in phrase.split_whitespace() {
            let t = rest.trim_start();
            let end = t
                .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
                .unwrap_or(t.len());
            if end == 0 {
                return false;
            }
            let word = &t[..end];
            let ok = match want.strip_prefix('*') {
                Some(suffix) => word.len() > suffix.len() + 1 && word.to_ascii_lowercase().ends_with(suffix),
                None => word.eq_ignore_ascii_case(want),
            };
            if !ok {
                return false;
            }
            rest = &t[end..];
        }
        return true;
    }
    let t = text.trim_start();
    t.len() >= phrase.len()
        && t.is_char_boundary(phrase.len())
        && t[..phrase.len()].eq_ignore_ascii_case(phrase)
        && t[phrase.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// Does `text` end (before trailing spaces) with `phrase`, starting on a word boundary?
pub fn ends_with_phrase(text: &str, phrase: &str) -> bool {
    let t = text.trim_end();
    t.len() >= phrase.len()
        && t.is_char_boundary(t.len() - phrase.len())
        && t[t.len() - phrase.len()..].eq_ignore_ascii_case(phrase)
        && t[..t.len() - phrase.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_with_suffix_wildcards() {
        assert!(starts_with_phrase(" be treated by surgery", "be *ed"));
        assert!(!starts_with_phrase(" be the best", "be *ed"));
        assert!(starts_with_phrase(" not be reached", "not be reached"));
        assert!(!starts_with_phrase(" nothing", "not"));
    }
}
