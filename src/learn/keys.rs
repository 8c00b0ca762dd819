//! Feature keys for the learned decisions that run inside the matcher (the cue
//! detector and the content ends), where every word of a document may be
//! tested: a polynomial hash, so that a feature's key is put together from the
//! hashes of its parts and a word is hashed once however many features it
//! takes part in, and an open-addressing table of the margins a model gives
//! those keys. The model files keep `key_of_name`'s FNV keys; these keys are
//! only each matcher model's index into the same weights, built when the
//! model is loaded.

/// The multiplier of the feature keys: a polynomial hash, so that
/// the hash of a name is put together from the hashes of its parts
/// (`H(a b) = H(a) * B^len(b) + H(b)`) and each word is hashed once however
/// many features it takes part in.
pub const B: u64 = 0x9E37_79B9_7F4A_7C15;

/// `B^n` for the short lengths most words have.
const POWERS: [u64; 32] = {
    let mut p = [1u64; 32];
    let mut i = 1;
    while i < 32 {
        p[i] = p[i - 1].wrapping_mul(B);
        i += 1;
    }
    p
};

/// `B^-n` (B is odd, so it has an inverse modulo 2^64), for the stems.
pub(crate) const INVERSE_POWERS: [u64; 4] = {
    // Newton's iteration doubles the correct low bits each step: 1, 2, 4, .., 64
    let mut x = B;
    let mut i = 0;
    while i < 6 {
        x = x.wrapping_mul(2u64.wrapping_sub(B.wrapping_mul(x)));
        i += 1;
    }
    [1, x, x.wrapping_mul(x), x.wrapping_mul(x).wrapping_mul(x)]
};

/// Each byte lowered to ASCII lower case.
const LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).to_ascii_lowercase();
        i += 1;
    }
    t
};

/// The polynomial hash of `bytes`, lowered to ASCII lower case, going on from `h`.
#[inline]
pub const fn poly(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h = h.wrapping_mul(B).wrapping_add(LOWER[bytes[i] as usize] as u64);
        i += 1;
    }
    h
}

/// `B^n`.
#[inline]
const fn power(n: usize) -> u64 {
    if n < POWERS.len() {
        return POWERS[n];
    }
    let mut p = POWERS[POWERS.len() - 1];
    let mut i = POWERS.len() - 1;
    while i < n {
        p = p.wrapping_mul(B);
        i += 1;
    }
    p
}

/// Spread the polynomial hash's high bits into its low ones before it keys a table.
#[inline]
pub(crate) const fn mix(h: u64) -> u64 {
    h ^ (h >> 29)
}

/// One part of a feature's value (a word, a class name, "_") with its hash:
/// a word's part is made once per sentence and shared by its features.
#[derive(Clone, Copy)]
pub struct Part<'s> {
    pub s: &'s str,
    pub(crate) h: u64,
    pub(crate) pow: u64,
}

impl<'s> Part<'s> {
    #[inline]
    pub const fn new(s: &'s str) -> Part<'s> {
        Part {
            s,
            h: poly(0, s.as_bytes()),
            pow: power(s.len()),
        }
    }
}

/// The part of a name that lives as long as the program (a grammar rule's,
/// a construction's or a stance's name): the same as `Part::new(s)`, its hash
/// remembered per thread by the name's address, so that the few hundred names
/// an attribution's features read are hashed once and not again for every
/// attribution. (A slot holds one name; a name whose slot another took is
/// hashed again.)
#[inline]
pub fn static_part(s: &'static str) -> Part<'static> {
    use std::cell::Cell;
    const SLOTS: usize = 64;
    thread_local! {
        static MEMO: [Cell<(usize, usize, u64, u64)>; SLOTS] =
            const { [const { Cell::new((0, 0, 0, 0)) }; SLOTS] };
    }
    let at = s.as_ptr() as usize;
    MEMO.with(|memo| {
        let slot = &memo[((at >> 3) ^ s.len()) % SLOTS];
        let (a, n, h, pow) = slot.get();
        if a == at && n == s.len() && a != 0 {
            return Part { s, h, pow };
        }
        let p = Part::new(s);
        slot.set((at, s.len(), p.h, p.pow));
        p
    })
}

/// The key of a feature name ("prev-form:the_senator"): what
/// `key(namespace, parts)` gives for its parts. (A name without a colon keys
/// as if it ended in one, as `learn::key_of_name` does.)
pub fn feature_key(name: &str) -> u64 {
    let (ns, value) = name.split_once(':').unwrap_or((name, ""));
    mix(poly(poly(poly(0, ns.as_bytes()), b":"), value.as_bytes()))
}

/// A feature namespace, with the hash of `name:` computed at compile time:
/// a candidate's 25 or so features only combine the hashes of their parts.
#[derive(Clone, Copy)]
pub struct Ns {
    pub name: &'static str,
    seed: u64,
}

impl Ns {
    pub const fn new(name: &'static str) -> Ns {
        Ns {
            name,
            seed: poly(poly(0, name.as_bytes()), b":"),
        }
    }
}

/// A table of feature keys for the detector's look-ups: open addressing with
/// linear probing, at most a third full, so that a key the model does not know
/// (most of them) is told after one or two slots. Key 0 marks an empty slot
/// and is kept aside.
#[derive(Debug, Clone)]
pub struct KeyTable<V> {
    keys: Box<[u64]>,
    values: Box<[V]>,
    shift: u32,
    zero: Option<V>,
}

impl<V: Copy + Default> KeyTable<V> {
    pub fn new(entries: impl Iterator<Item = (u64, V)>) -> KeyTable<V> {
        let entries: Vec<(u64, V)> = entries.collect();
        let slots = (entries.len() * 3).next_power_of_two().max(16);
        let mut t = KeyTable {
            keys: vec![0; slots].into_boxed_slice(),
            values: vec![V::default(); slots].into_boxed_slice(),
            shift: 64 - slots.trailing_zeros(),
            zero: None,
        };
        for (k, v) in entries {
            t.insert(k, v);
        }
        t
    }

    #[inline]
    fn slot(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn insert(&mut self, k: u64, v: V) {
        if k == 0 {
            self.zero = Some(v);
            return;
        }
        let mask = self.keys.len() - 1;
        let mut i = self.slot(k);
        while self.keys[i] != 0 && self.keys[i] != k {
            i = (i + 1) & mask;
        }
        self.keys[i] = k;
        self.values[i] = v;
    }

    #[inline]
    pub fn get(&self, k: u64) -> Option<V> {
        if k == 0 {
            return self.zero;
        }
        let mask = self.keys.len() - 1;
        let mut i = self.slot(k);
        loop {
            let s = self.keys[i];
            if s == k {
                return Some(self.values[i]);
            }
            if s == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    pub fn contains(&self, k: u64) -> bool {
        self.get(k).is_some()
    }
}

/// Where features go: summed into a margin, or named for the trainer. (`'s`:
/// the parts' strings, which `Weighed` keeps until it names the strongest.)
pub trait Sink<'s> {
    fn add(&mut self, namespace: Ns, parts: &[Part<'s>]);

    /// A feature whose margin the caller may have read from a table of the
    /// model's made ahead (`known`: `Some` of what `margins.get` gives its key):
    /// a `Margin` adds it without a look-up; every other sink takes the
    /// feature as `add` does.
    #[inline]
    fn add_known(&mut self, namespace: Ns, parts: &[Part<'s>], known: Option<Option<f32>>) {
        let _ = known;
        self.add(namespace, parts);
    }
}

/// The key of a feature given in parts, as `feature_key` hashes the whole name.
#[inline]
pub fn key(namespace: Ns, parts: &[Part]) -> u64 {
    let mut h = namespace.seed;
    for p in parts {
        h = h.wrapping_mul(p.pow).wrapping_add(p.h);
    }
    mix(h)
}

/// The margins of one namespace's features over a small grid of values (a
/// kind of candidate by a token class, a bucket, a side), looked up when a
/// model loads: a candidate reads its feature's margin by the two indices
/// instead of hashing the key and probing the table (`Sink::add_known`).
#[derive(Debug, Clone)]
pub struct Grid {
    cols: usize,
    margins: Box<[Option<f32>]>,
}

impl Grid {
    /// The grid of `rows` by `cols`, each cell's margin from `margin(row, col)`
    /// (what `KeyTable::get` gives the cell's feature key).
    pub fn new(rows: usize, cols: usize, margin: impl Fn(usize, usize) -> Option<f32>) -> Grid {
        Grid {
            cols,
            margins: (0..rows * cols).map(|i| margin(i / cols, i % cols)).collect(),
        }
    }

    #[inline]
    pub fn get(&self, row: usize, col: usize) -> Option<f32> {
        self.margins[row * self.cols + col]
    }
}

/// Sums the margins of the features a table knows.
pub struct Margin<'m> {
    pub margins: &'m KeyTable<f32>,
    pub margin: f32,
}

impl<'s> Sink<'s> for Margin<'_> {
    #[inline]
    fn add(&mut self, namespace: Ns, parts: &[Part<'s>]) {
        if let Some(w) = self.margins.get(key(namespace, parts)) {
            self.margin += w;
        }
    }

    #[inline]
    fn add_known(&mut self, namespace: Ns, parts: &[Part<'s>], known: Option<Option<f32>>) {
        match known {
            Some(Some(w)) => self.margin += w,
            Some(None) => {}
            None => self.add(namespace, parts),
        }
    }
}

/// Feature names, as the trainer stores them and `--explain` shows them.
#[derive(Default)]
pub struct Names(pub Vec<String>);

impl<'s> Sink<'s> for Names {
    fn add(&mut self, namespace: Ns, parts: &[Part<'s>]) {
        self.0.push(name(namespace, parts));
    }
}

/// A feature's name, as the trainer stores it.
pub fn name(namespace: Ns, parts: &[Part]) -> String {
    let mut strs = [""; MAX_PARTS];
    for (s, p) in strs.iter_mut().zip(parts) {
        *s = p.s;
    }
    name_of(namespace.name, &strs[..parts.len()])
}

/// The name of a feature in `namespace` whose value is `parts` joined.
fn name_of(namespace: &str, parts: &[&str]) -> String {
    let len = namespace.len() + 1 + parts.iter().map(|p| p.len()).sum::<usize>();
    let mut s = String::with_capacity(len);
    s.push_str(namespace);
    if !parts.is_empty() {
        s.push(':');
        let from = s.len();
        for p in parts {
            s.push_str(p);
        }
        // lower-cased in place, as the key hasher lowers ASCII (no copy per part)
        s[from..].make_ascii_lowercase();
    }
    s
}

/// The most parts a feature has.
const MAX_PARTS: usize = 5;

/// How many of a decision's features `--explain` shows.
const SHOWN: usize = 6;

/// The features with their margins, for `--explain`: of those the table
/// knows, only the ones that may be among the six strongest are kept (as
/// their parts), and named only at the end (`Weighed::strongest`).
pub struct Weighed<'m, 's> {
    margins: &'m KeyTable<f32>,
    /// strongest first: every feature so far at least as strong as the sixth
    top: Vec<Kept<'s>>,
}

/// A feature `Weighed` keeps: its namespace, parts and margin.
struct Kept<'s> {
    ns: &'static str,
    parts: [&'s str; MAX_PARTS],
    n: u8,
    w: f32,
}

impl<'m, 's> Weighed<'m, 's> {
    pub fn new(margins: &'m KeyTable<f32>) -> Weighed<'m, 's> {
        Weighed {
            margins,
            top: Vec::with_capacity(SHOWN + 2),
        }
    }

    /// The six features that weighed most, strongest first (equal weights by
    /// name): what `--explain` shows of a learned decision.
    pub fn strongest(self) -> Vec<(String, f32)> {
        let named = (self.top.iter())
            .map(|k| (name_of(k.ns, &k.parts[..k.n as usize]), k.w))
            .collect();
        strongest(named)
    }
}

impl<'s> Sink<'s> for Weighed<'_, 's> {
    fn add(&mut self, namespace: Ns, parts: &[Part<'s>]) {
        if let Some(w) = self.margins.get(key(namespace, parts)) {
            self.keep(namespace, parts, w);
        }
    }

    /// (a margin read from the model's tables is the table's for the key: no look-up)
    fn add_known(&mut self, namespace: Ns, parts: &[Part<'s>], known: Option<Option<f32>>) {
        match known {
            Some(Some(w)) => self.keep(namespace, parts, w),
            Some(None) => {}
            None => self.add(namespace, parts),
        }
    }
}

impl<'s> Weighed<'_, 's> {
    /// Keep a feature of margin `w` when it may be among the strongest.
    fn keep(&mut self, namespace: Ns, parts: &[Part<'s>], w: f32) {
        let strength = |k: &Kept| k.w.abs();
        if self.top.len() >= SHOWN && w.abs().total_cmp(&strength(&self.top[SHOWN - 1])).is_lt() {
            return;
        }
        let mut kept = Kept {
            ns: namespace.name,
            parts: [""; MAX_PARTS],
            n: parts.len() as u8,
            w,
        };
        for (k, p) in kept.parts.iter_mut().zip(parts) {
            *k = p.s;
        }
        let at = (self.top).partition_point(|k| strength(k).total_cmp(&w.abs()).is_ge());
        self.top.insert(at, kept);
        if self.top.len() > SHOWN {
            let sixth = strength(&self.top[SHOWN - 1]);
            while self.top.last().is_some_and(|k| strength(k).total_cmp(&sixth).is_lt()) {
                self.top.pop();
            }
        }
    }
}

/// Among candidates `0..n`, where 0 is the rules' own ("keep"), the best other
/// one, when its margin passes keep's by `threshold`: its index, its margin
/// and keep's. (The first of equal margins wins.)
pub fn best_over_keep(n: usize, threshold: f32, mut margin_of: impl FnMut(usize) -> f32) -> Option<(usize, f32, f32)> {
    let keep = margin_of(0);
    let mut best: Option<(usize, f32)> = None;
    for i in 1..n {
        let mg = margin_of(i);
        if best.is_none_or(|(_, b)| mg > b) {
            best = Some((i, mg));
        }
    }
    best.filter(|&(_, mg)| mg > keep + threshold)
        .map(|(i, mg)| (i, mg, keep))
}

/// The six features that weighed most, strongest first (equal weights by
/// name).
fn strongest(mut weighed: Vec<(String, f32)>) -> Vec<(String, f32)> {
    weighed.sort_by(|x, y| y.1.abs().total_cmp(&x.1.abs()).then_with(|| x.0.cmp(&y.0)));
    weighed.truncate(SHOWN);
    weighed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_table_finds_what_it_holds_and_nothing_else() {
        let keys: Vec<u64> = (0..1000u64)
            .map(|k| mix(k.wrapping_mul(B)))
            .chain([0, u64::MAX])
            .collect();
        let t = KeyTable::new(keys.iter().map(|&k| (k, k as f32)));
        for &k in &keys {
            assert_eq!(t.get(k), Some(k as f32));
        }
        for k in 1000..3000u64 {
            assert_eq!(t.get(mix(k.wrapping_mul(B))), None);
        }
        let empty: KeyTable<()> = KeyTable::new(std::iter::empty());
        assert!(!empty.contains(0) && !empty.contains(7));
    }

    #[test]
    fn a_feature_in_parts_keys_as_its_whole_name_does() {
        const KIND_NEXT: Ns = Ns::new("kind-next");
        let parts = [Part::new("Comma"), Part::new("_"), Part::new("Because")];
        assert_eq!(key(KIND_NEXT, &parts), feature_key("kind-next:comma_because"));
        let mut names = Names::default();
        names.add(KIND_NEXT, &parts);
        assert_eq!(names.0, ["kind-next:comma_because".to_string()]);
        assert_eq!(feature_key("bias"), feature_key("bias:"));
        assert_eq!(INVERSE_POWERS[1].wrapping_mul(B), 1);
    }

    #[test]
    fn weighed_names_the_six_strongest_features_as_sorting_them_all_would() {
        // weights with ties at the sixth place, and features the table does not know
        let weights = [0.5f32, -2.0, 0.25, 1.0, -1.0, 0.5, 3.0, -0.5, 0.125, 0.5, 1.0, -0.25];
        const NS: Ns = Ns::new("w");
        let words: Vec<String> = (0..weights.len() + 3).map(|i| format!("f{i:02}")).collect();
        let table = KeyTable::new((weights.iter().enumerate()).map(|(i, &w)| (key(NS, &[Part::new(&words[i])]), w)));
        for order in [false, true] {
            let mut sink = Weighed::new(&table);
            let mut all = Vec::new();
            let mut ids: Vec<usize> = (0..words.len()).collect();
            if order {
                ids.reverse();
            }
            for i in ids {
                sink.add(NS, &[Part::new(&words[i])]);
                if let Some(&w) = weights.get(i) {
                    all.push((format!("w:{}", words[i]), w));
                }
            }
            let shown = sink.strongest();
            assert_eq!(shown, strongest(all));
            assert_eq!(shown.len(), 6);
            assert_eq!(shown[0], ("w:f06".to_string(), 3.0));
            // of the four features at 0.5 and -0.5 in sixth place, the first by name
            assert_eq!(shown[4..], [("w:f10".to_string(), 1.0), ("w:f00".to_string(), 0.5)]);
        }
    }
}

/// What `--explain` shows of a boundary a chooser moved (a content end, a
/// holder): the kind of candidate chosen, its margin against keeping the
/// rules' boundary, the threshold, and the features that weighed most
/// (empty when the matcher was told no one reads them,
/// `Matcher::choice_evidence`).
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    pub kind: &'static str,
    pub margin: f32,
    pub keep_margin: f32,
    pub threshold: f32,
    pub features: Vec<(String, f32)>,
}
