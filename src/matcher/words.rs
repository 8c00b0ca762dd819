//! Word sets from the grammar's lists, looked up without allocating.

use super::tokens::{Token, is_word_char};
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
/// (the matcher asks dozens of list questions per token). A word may also
/// carry a tag: the lexicon files the trie of the phrases a word starts there.
///
/// Every token of every document is looked up, so the table is built for that:
/// words of up to 16 bytes are keyed by their lower-cased bytes as two machine
/// words in an open-addressed table (no copy, no byte-wise hash, no memcmp);
/// longer words go to an ordinary map.
#[derive(Debug, Clone)]
pub struct Vocab {
    slots: Vec<Slot>,
    used: usize,
    long: FxHashMap<Box<[u8]>, (u32, u32)>,
    longest: usize,
    /// the first bytes of all entries: most tokens are rejected without hashing
    first_bytes: [bool; 256],
}

/// A word's key is its bytes, zero-padded; words hold no NUL byte, so the key
/// alone tells words of different lengths apart, and (0, 0) marks an empty slot.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: (u64, u64),
    bits: u32,
    tag: u32,
}

impl Default for Vocab {
    fn default() -> Vocab {
        Vocab {
            slots: vec![Slot::default(); 64],
            used: 0,
            long: FxHashMap::default(),
            longest: 0,
            first_bytes: [false; 256],
        }
    }
}

/// ASCII lower case of the eight bytes in `x`, as `make_ascii_lowercase` does bytewise.
#[inline]
fn lower_word(x: u64) -> u64 {
    const L7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const H: u64 = 0x8080_8080_8080_8080;
    let heptets = x & L7;
    let gt_z = heptets + 0x2525_2525_2525_2525; // high bit set where the byte > 'Z'
    let ge_a = heptets + 0x3f3f_3f3f_3f3f_3f3f; // high bit set where the byte >= 'A'
    let upper = !x & (ge_a ^ gt_z) & H;
    x | (upper >> 2)
}

/// The key of a word of at most 16 bytes: its bytes in lower case, zero-padded.
#[inline]
pub(super) fn short_key(w: &[u8]) -> (u64, u64) {
    let (a, b) = load_padded(w);
    // (most words fit in the first half: the second is zero and stays so)
    if w.len() <= 8 {
        (lower_word(a), 0)
    } else {
        (lower_word(a), lower_word(b))
    }
}

/// The bytes of `w` (at most 16) as two little-endian words, zero-padded, read
/// with overlapping fixed-size loads rather than a copy into a buffer (whose
/// variable-length copy stalls the loads that follow it; this runs per token).
#[inline]
fn load_padded(w: &[u8]) -> (u64, u64) {
    let n = w.len();
    let u64_at = |i: usize| u64::from_le_bytes(w[i..i + 8].try_into().unwrap_or_default());
    let u32_at = |i: usize| u64::from(u32::from_le_bytes(w[i..i + 4].try_into().unwrap_or_default()));
    match n {
        0 => (0, 0),
        1..=3 => {
            let a = u64::from(w[0]) | u64::from(w[n / 2]) << (8 * (n / 2)) | u64::from(w[n - 1]) << (8 * (n - 1));
            (a, 0)
        }
        4..=7 => (u32_at(0) | u32_at(n - 4) << (8 * (n - 4)), 0),
        8 => (u64_at(0), 0),
        _ => (u64_at(0), u64_at(n - 8) >> (8 * (16 - n))),
    }
}

#[inline]
pub(super) fn slot_of(key: (u64, u64), mask: usize) -> usize {
    let h = (key.0 ^ key.1.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 32) as usize & mask
}

impl Vocab {
    /// Mark the single words of `set` with `bit`.
    pub fn add(&mut self, set: &WordSet, bit: u32) {
        for w in set.singles() {
            self.add_entry(w, bit, 0);
        }
    }

    /// Mark the first word of each phrase of `set` with `first` and its last
    /// word with `last`, so a phrase test can be skipped where no phrase
    /// starts or ends.
    pub fn add_phrase_edges(&mut self, set: &WordSet, first: u32, last: u32) {
        for phrase in set.phrases() {
            for (w, bit) in [(phrase.first(), first), (phrase.last(), last)] {
                if let Some(w) = w {
                    self.add_entry(w, bit, 0);
                }
            }
        }
    }

    /// Mark `word` (lower case) with `bit` and give it `tag` (not 0).
    pub fn add_tagged(&mut self, word: &str, bit: u32, tag: u32) {
        self.add_entry(word, bit, tag);
    }

    /// Mark `word` (in any ASCII case) with `bit`.
    pub fn add_word(&mut self, word: &str, bit: u32) {
        self.add_entry(word, bit, 0);
    }

    fn add_entry(&mut self, w: &str, bit: u32, tag: u32) {
        let b = w.as_bytes();
        let Some(&first) = b.first() else { return };
        if b.contains(&0) {
            return; // no token holds a NUL byte (and keys are zero-padded)
        }
        self.first_bytes[first as usize] = true;
        self.first_bytes[first.to_ascii_uppercase() as usize] = true;
        self.longest = self.longest.max(b.len());
        if b.len() > 16 {
            let entry = self.long.entry(b.to_ascii_lowercase().into()).or_insert((0, 0));
            entry.0 |= bit;
            if tag != 0 {
                entry.1 = tag;
            }
            return;
        }
        if (self.used + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let key = short_key(b);
        let mask = self.slots.len() - 1;
        let mut i = slot_of(key, mask);
        loop {
            let s = &mut self.slots[i];
            if s.key == (0, 0) {
                *s = Slot { key, bits: bit, tag };
                self.used += 1;
                return;
            }
            if s.key == key {
                s.bits |= bit;
                if tag != 0 {
                    s.tag = tag;
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let doubled = vec![Slot::default(); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|s| s.key != (0, 0)) {
            let mut i = slot_of(s.key, mask);
            while self.slots[i].key != (0, 0) {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }

    /// The list bits and the tag of `word`, compared case-insensitively
    /// (ASCII); 0 and 0 for an unknown word.
    /// The word is a token or a part of one, so it holds no NUL byte.
    #[inline(always)]
    pub fn lookup_tagged(&self, b: &[u8]) -> (u32, u32) {
        debug_assert!(b.len() <= 1 || !b.contains(&0), "a NUL byte inside a looked-up word");
        match b.first() {
            Some(&f) if b.len() <= self.longest && self.first_bytes[f as usize] => {}
            _ => return (0, 0),
        }
        if b.len() > 16 {
            return self.long.get(&*b.to_ascii_lowercase()).copied().unwrap_or((0, 0));
        }
        let key = short_key(b);
        let mask = self.slots.len() - 1;
        let mut i = slot_of(key, mask);
        loop {
            let s = &self.slots[i];
            if s.key == key {
                return (s.bits, s.tag);
            }
            if s.key == (0, 0) {
                return (0, 0);
            }
            i = (i + 1) & mask;
        }
    }
}

/// A rule's list of neighbouring phrases (`unless-next`, `only-next`,
/// `unless-prev`), ready to test: the single words of ASCII letters and
/// digits, which are most entries, in a set looked up once with the word
/// next to a finding; the other phrases tested one by one. Gives the answers
/// `starts_with_any` and `ends_with_any` give for the whole list.
#[derive(Debug, Clone, Default)]
pub struct Phrases {
    /// lower case
    words: HashSet<Box<[u8]>>,
    longest_word: usize,
    others: Vec<String>,
}

impl Phrases {
    pub fn new<S: AsRef<str>>(list: &[S]) -> Phrases {
        let mut p = Phrases::default();
        for phrase in list {
            let phrase = phrase.as_ref();
            if !phrase.is_empty() && phrase.bytes().all(|b| b.is_ascii_alphanumeric()) {
                p.longest_word = p.longest_word.max(phrase.len());
                p.words.insert(phrase.to_ascii_lowercase().into_bytes().into());
            } else {
                p.others.push(phrase.to_string());
            }
        }
        p
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.others.is_empty()
    }

    /// Does `text` start (after spaces) with one of the phrases, ending on a word boundary?
    pub fn starts(&self, text: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let t = trim_start(text);
        let b = t.as_bytes();
        if !self.words.is_empty() {
            // a listed word is the whole run of letters and digits the text starts with
            let end = b.iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(b.len());
            let run_ends =
                b.get(end).is_none_or(|&c| c < 0x80) || t[end..].chars().next().is_none_or(|c| !is_word_char(c));
            if end > 0 && run_ends && self.has_word(&b[..end]) {
                return true;
            }
        }
        self.others.iter().any(|p| phrase_at(t, p))
    }

    /// Does `text` end (before trailing spaces) with one of the phrases, starting on a word boundary?
    pub fn ends(&self, text: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let t = text.trim_end();
        let b = t.as_bytes();
        if !self.words.is_empty() {
            let start = b.iter().rposition(|c| !c.is_ascii_alphanumeric()).map_or(0, |k| k + 1);
            let run_starts =
                start == 0 || b[start - 1] < 0x80 || t[..start].chars().next_back().is_none_or(|c| !is_word_char(c));
            if start < b.len() && run_starts && self.has_word(&b[start..]) {
                return true;
            }
        }
        self.others.iter().any(|p| phrase_before(t, p))
    }

    fn has_word(&self, w: &[u8]) -> bool {
        let mut buf = [0u8; 32];
        if w.len() > self.longest_word || w.len() > buf.len() {
            return false;
        }
        buf[..w.len()].copy_from_slice(w);
        buf[..w.len()].make_ascii_lowercase();
        self.words.contains(&buf[..w.len()])
    }
}

/// `str::trim_start`, with the usual case (ASCII spaces, then an ASCII
/// character) taken bytewise.
#[inline]
fn trim_start(text: &str) -> &str {
    let b = text.as_bytes();
    let i = b
        .iter()
        .position(|&c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
        .unwrap_or(b.len());
    match b.get(i) {
        Some(&c) if c >= 0x80 => text[i..].trim_start(),
        _ => &text[i..],
    }
}

/// Does `t` (spaces already skipped) start with `phrase`, ending on a word boundary?
fn phrase_at(t: &str, phrase: &str) -> bool {
    let p = phrase.as_bytes();
    // most phrases fail on their first letter
    if let (Some(&p0), Some(&t0)) = (p.first(), t.as_bytes().first())
        && p0.is_ascii_alphanumeric()
        && !p0.eq_ignore_ascii_case(&t0)
    {
        return false;
    }
    if p.contains(&b'*') || p.contains(&b'#') {
        let mut rest = t;
        for want in phrase.split_whitespace() {
            let t = rest.trim_start();
            let end = t
                .find(|c: char| !(is_word_char(c) || c == '-' || c == '\'' || c == '’'))
                .unwrap_or(t.len());
            if end == 0 {
                return false;
            }
            let word = &t[..end];
            let ok = match want.strip_prefix('*') {
                Some(suffix) => word.len() > suffix.len() + 1 && word.to_ascii_lowercase().ends_with(suffix),
                // `#`: a figure ("some 150,000", "many of the 40 delegates")
                None if want == "#" => word.starts_with(|c: char| c.is_ascii_digit()),
                None => word.eq_ignore_ascii_case(want),
            };
            if !ok {
                return false;
            }
            rest = &t[end..];
        }
        return true;
    }
    let b = t.as_bytes();
    if b.len() < p.len() || !b[..p.len()].eq_ignore_ascii_case(p) {
        return false;
    }
    // (the bytes matched, so `p.len()` is a character boundary of `t` when the
    // phrase ends on a whole character, as every phrase does)
    match b.get(p.len()) {
        None => true,
        Some(&c) if c < 0x80 => !c.is_ascii_alphanumeric(),
        Some(_) => t.is_char_boundary(p.len()) && t[p.len()..].chars().next().is_none_or(|c| !is_word_char(c)),
    }
}

/// Does `t` (trailing spaces already cut) end with `phrase`, starting on a word boundary?
fn phrase_before(t: &str, phrase: &str) -> bool {
    t.len() >= phrase.len()
        && t.is_char_boundary(t.len() - phrase.len())
        && t[t.len() - phrase.len()..].eq_ignore_ascii_case(phrase)
        && t[..t.len() - phrase.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The lists tested phrase by phrase: what `Phrases` must answer.
    /// Does `text` start (after spaces) with any of `phrases`, ending on a word
    /// boundary? A word of a phrase written `*ed` matches any word ending in "ed".
    fn starts_with_any<S: AsRef<str>>(text: &str, phrases: &[S]) -> bool {
        if phrases.is_empty() {
            return false;
        }
        let t = trim_start(text);
        phrases.iter().any(|p| phrase_at(t, p.as_ref()))
    }

    /// Does `text` end (before trailing spaces) with any of `phrases`, each
    /// starting on a word boundary?
    fn ends_with_any<S: AsRef<str>>(text: &str, phrases: &[S]) -> bool {
        if phrases.is_empty() {
            return false;
        }
        let t = text.trim_end();
        phrases.iter().any(|p| phrase_before(t, p.as_ref()))
    }

    #[test]
    fn vocab_looks_words_up_in_any_ascii_case() {
        let bits = |v: &Vocab, w: &str| v.lookup_tagged(w.as_bytes()).0;
        let mut v = Vocab::default();
        let long = "counterintelligence-officials"; // over 16 bytes: the map
        v.add(&WordSet::new(&["said", "officials", long, "état"]), 1);
        v.add(&WordSet::new(&["said", "told"]), 2);
        assert_eq!(bits(&v, "said"), 3);
        assert_eq!(bits(&v, "SAID"), 3);
        assert_eq!(bits(&v, "Told"), 2);
        assert_eq!(bits(&v, "Officials"), 1);
        assert_eq!(bits(&v, &long.to_uppercase()), 1);
        assert_eq!(bits(&v, "état"), 1);
        assert_eq!(bits(&v, "sai"), 0);
        assert_eq!(bits(&v, "saids"), 0);
        assert_eq!(bits(&v, "[said"), 0);
        assert_eq!(bits(&v, ""), 0);
        // many words: the table grows and still finds every one
        let many: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        v.add(&WordSet::new(&many), 4);
        assert!(many.iter().all(|w| bits(&v, &w.to_uppercase()) == 4));
        assert_eq!(bits(&v, "said"), 3);
        // a tag rides along with the bits, and bits added later keep it
        v.add_tagged("said", 8, 42);
        v.add(&WordSet::new(&["said"]), 16);
        assert_eq!(v.lookup_tagged(b"Said"), (3 | 8 | 16, 42));
        assert_eq!(v.lookup_tagged(b"told"), (2, 0));
    }

    proptest::proptest! {
        #[test]
        fn padded_loads_match_a_copy(w in proptest::collection::vec(proptest::num::u8::ANY, 0..=16)) {
            let mut buf = [0u8; 16];
            buf[..w.len()].copy_from_slice(&w);
            let a = u64::from_le_bytes(buf[..8].try_into().unwrap());
            let b = u64::from_le_bytes(buf[8..].try_into().unwrap());
            proptest::prop_assert_eq!(load_padded(&w), (a, b));
        }

        #[test]
        fn swar_lowering_matches_bytewise(x: u64) {
            let mut b = x.to_le_bytes();
            b.make_ascii_lowercase();
            proptest::prop_assert_eq!(lower_word(x), u64::from_le_bytes(b));
        }
    }

    #[test]
    fn phrases_with_suffix_wildcards() {
        let starts = |text: &str, phrase: &str| starts_with_any(text, &[phrase]);
        assert!(starts(" be treated by surgery", "be *ed"));
        assert!(!starts(" be the best", "be *ed"));
        assert!(starts(" not be reached", "not be reached"));
        assert!(!starts(" nothing", "not"));
    }

    proptest::proptest! {
        #[test]
        fn compiled_phrases_answer_as_the_list_does(
            list in proptest::collection::vec(proptest::sample::select(vec![
                "not", "NOT", "n't", "be *ed", "in the", "the", ",", "a", "an", "état", "of", "said", "2020",
            ]), 0..6),
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                " ", "  ", "\u{a0}", "\n", "Not", "not", "n't", "no", "é", "état", "In", "the", "a", ",", ".",
                "be", "treated", "said", "2020", "-", "’", "an", "of",
            ]), 0..8),
        ) {
            let text = pieces.concat();
            let compiled = Phrases::new(&list);
            proptest::prop_assert_eq!(compiled.starts(&text), starts_with_any(&text, &list), "starts {:?}", text);
            proptest::prop_assert_eq!(compiled.ends(&text), ends_with_any(&text, &list), "ends {:?}", text);
        }
    }

    #[test]
    fn phrases_at_either_end_keep_word_boundaries_and_any_spaces() {
        let starts = |text: &str, phrase: &str| starts_with_any(text, &[phrase]);
        let ends = |text: &str, phrase: &str| ends_with_any(text, &[phrase]);
        assert!(starts("  \n\tNot yet", "not"));
        // a no-break space and an em space are spaces too
        assert!(starts("\u{a0}\u{2003}not yet", "not"));
        assert!(!starts(" notably", "not"));
        assert!(!starts(" notés", "not"), "a non-ASCII letter goes on with the word");
        assert!(starts(" not—yet", "not"));
        assert!(starts(" not", "not"));
        assert!(!starts(" no", "not"));
        assert!(!starts("", "not"));
        assert!(!starts_with_any::<&str>(" not", &[]));
        assert!(starts_with_any(" was not", &["is", "was"]));
        assert!(ends("he did not \u{a0}", "not"));
        assert!(!ends("cannot ", "not"));
        assert!(!ends("énot", "not"));
        assert!(ends("not", "not"));
        assert!(ends_with_any("it was not", &["is not", "was not"]));
    }
}
