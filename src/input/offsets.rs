//! The projected-text -> original-bytes offset map, and the `Emitter` that
//! builds a projection together with its map.

use crate::span::Span;

/// One run of the offset map: `proj_len` bytes of projected text starting at
/// `proj_start` stand for `orig_len` original bytes starting at `orig_start`.
/// Verbatim runs copy bytes 1:1 (so `proj_len == orig_len`); substituted runs
/// map only as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run {
    pub proj_start: usize,
    pub orig_start: usize,
    pub proj_len: usize,
    pub orig_len: usize,
    pub verbatim: bool,
}

impl Run {
    fn proj_end(&self) -> usize {
        self.proj_start + self.proj_len
    }
    fn orig_end(&self) -> usize {
        self.orig_start + self.orig_len
    }
}

/// A run as stored: four `u32`, the verbatim flag in the top bit of
/// `proj_len`, 16 bytes against 40 for a [`Run`] (a file of one-line Markdown
/// headings has a run for every 38 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Narrow {
    proj_start: u32,
    orig_start: u32,
    /// the projected length, and the verbatim flag in the top bit
    proj_len: u32,
    orig_len: u32,
}

const VERBATIM: u32 = 1 << 31;

impl Narrow {
    /// None when an offset or a length does not fit.
    fn new(r: Run) -> Option<Narrow> {
        let proj_len = u32::try_from(r.proj_len).ok().filter(|&n| n < VERBATIM)?;
        // (every end fits too, so that a run read back never overflows)
        u32::try_from(r.proj_start + r.proj_len).ok()?;
        u32::try_from(r.orig_start + r.orig_len).ok()?;
        Some(Narrow {
            proj_start: r.proj_start as u32,
            orig_start: r.orig_start as u32,
            proj_len: proj_len | if r.verbatim { VERBATIM } else { 0 },
            orig_len: r.orig_len as u32,
        })
    }

    fn run(self) -> Run {
        Run {
            proj_start: self.proj_start as usize,
            orig_start: self.orig_start as usize,
            proj_len: (self.proj_len & !VERBATIM) as usize,
            orig_len: self.orig_len as usize,
            verbatim: self.proj_len & VERBATIM != 0,
        }
    }
}

/// The runs of a map: [`Narrow`] while every offset fits in 32 bits, which
/// `--max-file-size` allows past; the first run that does not fit widens them
/// all to [`Run`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Runs {
    Narrow(Vec<Narrow>),
    Wide(Vec<Run>),
}

impl Default for Runs {
    fn default() -> Runs {
        Runs::Narrow(Vec::new())
    }
}

impl From<Vec<Run>> for Runs {
    fn from(v: Vec<Run>) -> Runs {
        let mut runs = Runs::default();
        for r in v {
            runs.push(r);
        }
        runs
    }
}

impl Runs {
    fn len(&self) -> usize {
        match self {
            Runs::Narrow(v) => v.len(),
            Runs::Wide(v) => v.len(),
        }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get(&self, i: usize) -> Option<Run> {
        match self {
            Runs::Narrow(v) => v.get(i).map(|n| n.run()),
            Runs::Wide(v) => v.get(i).copied(),
        }
    }

    fn last(&self) -> Option<Run> {
        self.get(self.len().checked_sub(1)?)
    }

    fn pop(&mut self) -> Option<Run> {
        match self {
            Runs::Narrow(v) => v.pop().map(|n| n.run()),
            Runs::Wide(v) => v.pop(),
        }
    }

    fn push(&mut self, r: Run) {
        match self {
            Runs::Narrow(v) => match Narrow::new(r) {
                Some(n) => v.push(n),
                None => {
                    let mut wide: Vec<Run> = v.iter().map(|n| n.run()).collect();
                    wide.push(r);
                    *self = Runs::Wide(wide);
                }
            },
            Runs::Wide(v) => v.push(r),
        }
    }

    /// The index of the first run for which `pred` is false (the runs are
    /// partitioned by it), as `slice::partition_point`.
    fn partition_point(&self, pred: impl Fn(&Run) -> bool) -> usize {
        match self {
            Runs::Narrow(v) => v.partition_point(|n| pred(&n.run())),
            Runs::Wide(v) => v.partition_point(pred),
        }
    }

    fn iter(&self) -> impl Iterator<Item = Run> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// Maps byte offsets of a projected string back to offsets of its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OffsetMap {
    /// Empty for the identity map. Otherwise contiguous over `[0, proj_len)`,
    /// sorted, with non-decreasing original offsets.
    runs: Runs,
    identity: bool,
    proj_len: usize,
    orig_len: usize,
}

impl OffsetMap {
    pub fn identity(len: usize) -> OffsetMap {
        OffsetMap {
            runs: Runs::default(),
            identity: true,
            proj_len: len,
            orig_len: len,
        }
    }

    pub fn from_runs(runs: impl Into<Runs>, proj_len: usize, orig_len: usize) -> OffsetMap {
        let runs = runs.into();
        let identity = proj_len == orig_len
            && (runs.is_empty() && proj_len == 0
                || runs.len() == 1
                    && runs
                        .get(0)
                        .is_some_and(|r| r.verbatim && r.orig_start == 0 && r.proj_len == proj_len));
        if identity {
            return OffsetMap::identity(proj_len);
        }
        OffsetMap {
            runs,
            identity: false,
            proj_len,
            orig_len,
        }
    }

    #[cfg(test)]
    pub fn is_identity(&self) -> bool {
        self.identity
    }

    #[cfg(test)]
    pub fn run_count(&self) -> usize {
        self.runs.len()
    }

    /// Original offset for a projected offset used as a span start.
    fn map_start(&self, p: usize) -> usize {
        if self.runs.is_empty() {
            return p.min(self.orig_len);
        }
        // first run whose end is > p
        let i = self.runs.partition_point(|r| r.proj_end() <= p);
        match self.runs.get(i) {
            None => self.runs.last().map_or(0, |r| r.orig_end()),
            Some(r) if r.verbatim => r.orig_start + (p - r.proj_start),
            Some(r) => r.orig_start,
        }
    }

    /// Original offset for a projected offset used as a span end.
    fn map_end(&self, p: usize) -> usize {
        if self.runs.is_empty() {
            return p.min(self.orig_len);
        }
        if p == 0 {
            return self.runs.get(0).map_or(0, |r| r.orig_start);
        }
        // first run whose end is >= p (p lies in (proj_start, proj_end])
        let i = self.runs.partition_point(|r| r.proj_end() < p);
        match self.runs.get(i) {
            None => self.runs.last().map_or(0, |r| r.orig_end()),
            Some(r) if r.verbatim => r.orig_start + (p - r.proj_start),
            Some(r) => r.orig_end(),
        }
    }

    /// Map a projected span to an original span (clamped; start <= end).
    pub fn to_original(&self, span: Span) -> Span {
        let s = span.start.min(self.proj_len);
        let e = span.end.min(self.proj_len).max(s);
        if self.identity {
            return Span::new(s.min(self.orig_len), e.min(self.orig_len));
        }
        let os = self.map_start(s).min(self.orig_len);
        if e == s {
            return Span::new(os, os);
        }
        let oe = self.map_end(e).min(self.orig_len).max(os);
        Span::new(os, oe)
    }

    /// Compose `self` (proj -> mid) with `inner` (mid -> orig).
    pub fn compose(self, inner: &OffsetMap) -> OffsetMap {
        if inner.identity {
            return OffsetMap {
                orig_len: inner.orig_len,
                ..self
            };
        }
        let outer_runs: Runs = if self.identity {
            if self.proj_len == 0 {
                Runs::default()
            } else {
                Runs::from(vec![Run {
                    proj_start: 0,
                    orig_start: 0,
                    proj_len: self.proj_len,
                    orig_len: self.proj_len,
                    verbatim: true,
                }])
            }
        } else {
            self.runs
        };
        let mut out = RunBuilder::default();
        for r in outer_runs.iter() {
            if !r.verbatim {
                let sp = if r.orig_len == 0 {
                    let p = inner.map_end(r.orig_start).min(inner.orig_len);
                    Span::new(p, p)
                } else {
                    inner.to_original(Span::new(r.orig_start, r.orig_end()))
                };
                out.push(Run {
                    proj_start: r.proj_start,
                    orig_start: sp.start,
                    proj_len: r.proj_len,
                    orig_len: sp.len(),
                    verbatim: false,
                });
                continue;
            }
            let (a, b) = (r.orig_start, r.orig_end());
            let mut i = inner.runs.partition_point(|x| x.proj_end() <= a);
            while let Some(x) = inner.runs.get(i) {
                if x.proj_start >= b {
                    break;
                }
                let seg_s = a.max(x.proj_start);
                let seg_e = b.min(x.proj_end());
                let proj_start = r.proj_start + (seg_s - a);
                if x.verbatim {
                    out.push(Run {
                        proj_start,
                        orig_start: x.orig_start + (seg_s - x.proj_start),
                        proj_len: seg_e - seg_s,
                        orig_len: seg_e - seg_s,
                        verbatim: true,
                    });
                } else {
                    out.push(Run {
                        proj_start,
                        orig_start: x.orig_start,
                        proj_len: seg_e - seg_s,
                        orig_len: x.orig_len,
                        verbatim: false,
                    });
                }
                i += 1;
            }
        }
        OffsetMap::from_runs(out.runs, self.proj_len, inner.orig_len)
    }
}

/// Accumulates runs, merging adjacent contiguous verbatim runs.
#[derive(Debug, Default)]
pub(crate) struct RunBuilder {
    pub runs: Runs,
}

impl RunBuilder {
    pub fn push(&mut self, run: Run) {
        if run.proj_len == 0 {
            return;
        }
        if run.verbatim
            && let Some(mut last) = self.runs.last()
            && last.verbatim
            && last.proj_end() == run.proj_start
            && last.orig_end() == run.orig_start
        {
            self.runs.pop();
            last.proj_len += run.proj_len;
            last.orig_len += run.orig_len;
            self.runs.push(last);
            return;
        }
        self.runs.push(run);
    }
}

/// A separator waiting to be written before the next piece of prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Pending {
    None,
    /// A single space standing for the source whitespace `[start, end)`.
    Space(usize, usize),
    /// " | " between table cells.
    Cell,
    /// "\n" (hard line break).
    Line,
    /// "\n\n" (block boundary).
    Para,
}

impl Pending {
    fn rank(&self) -> u8 {
        match self {
            Pending::None => 0,
            Pending::Space(..) => 1,
            Pending::Cell => 2,
            Pending::Line => 3,
            Pending::Para => 4,
        }
    }
}

/// Builds a projected string plus its map back to a source string. Separators
/// are written lazily, only between two pieces of prose, so the projection
/// never starts or ends with one and never repeats them.
pub(crate) struct Emitter<'a> {
    src: &'a str,
    text: String,
    runs: RunBuilder,
    pending: Pending,
    /// Source offset just past the last prose written.
    last_end: usize,
}

impl<'a> Emitter<'a> {
    pub fn new(src: &'a str) -> Emitter<'a> {
        Emitter {
            src,
            text: String::with_capacity(src.len()),
            runs: RunBuilder::default(),
            pending: Pending::None,
            last_end: 0,
        }
    }

    fn raise(&mut self, p: Pending) {
        if self.text.is_empty() {
            return;
        }
        if p.rank() > self.pending.rank() {
            self.pending = p;
        }
    }

    pub fn space(&mut self, start: usize, end: usize) {
        // (whitespace next to whitespace already pending is one space for both)
        if let Pending::Space(s, e) = self.pending
            && e == start
        {
            self.pending = Pending::Space(s, end);
            return;
        }
        self.raise(Pending::Space(start, end));
    }
    pub fn cell_break(&mut self) {
        self.raise(Pending::Cell);
    }
    pub fn line_break(&mut self) {
        self.raise(Pending::Line);
    }
    pub fn block_break(&mut self) {
        self.raise(Pending::Para);
    }

    /// Source text copied as it is: a verbatim run, which merges with its neighbours.
    fn push_verbatim(&mut self, s: &str, orig_start: usize) {
        let proj_start = self.text.len();
        self.text.push_str(s);
        self.runs.push(Run {
            proj_start,
            orig_start,
            proj_len: s.len(),
            orig_len: s.len(),
            verbatim: true,
        });
    }

    fn push_subst(&mut self, s: &str, orig_start: usize, orig_len: usize) {
        let proj_start = self.text.len();
        self.text.push_str(s);
        self.runs.push(Run {
            proj_start,
            orig_start,
            proj_len: s.len(),
            orig_len,
            verbatim: false,
        });
    }

    /// Write the pending separator before prose that starts at source offset
    /// `next`.
    fn flush_pending(&mut self, next: usize) {
        let at = self.last_end;
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::None => {}
            Pending::Space(s, e) => {
                if self.src.get(s..e) == Some(" ") {
                    self.push_verbatim(" ", s);
                } else {
                    self.push_subst(" ", s, e.saturating_sub(s));
                }
            }
            Pending::Cell => self.push_subst(" | ", at, 0),
            Pending::Line => self.push_subst("\n", at, 0),
            // (a break over a source "\n\n" is that source: mapped verbatim it
            // merges with the prose on either side and costs no run of its own,
            // which for a file of one-line headings halves the runs)
            Pending::Para if at + 2 <= next && self.src.get(at..at + 2) == Some("\n\n") => {
                self.push_verbatim("\n\n", at);
            }
            Pending::Para => self.push_subst("\n\n", at, 0),
        }
    }

    /// Prose that is exactly the source range `[start, end)`.
    pub fn verbatim_range(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let Some(s) = self.src.get(start..end) else {
            return;
        };
        self.flush_pending(start);
        self.push_verbatim(s, start);
        self.last_end = end;
    }

    /// Prose `s` that stands for the source range `[start, end)` as a whole.
    pub fn substituted(&mut self, s: &str, start: usize, end: usize) {
        if s.is_empty() {
            return;
        }
        self.flush_pending(start);
        self.push_subst(s, start, end.saturating_sub(start));
        self.last_end = end.max(start);
    }

    pub fn finish(self) -> (String, OffsetMap) {
        let len = self.text.len();
        let map = OffsetMap::from_runs(self.runs.runs, len, self.src.len());
        (self.text, map)
    }
}

impl OffsetMap {
    /// Reverse lookup: the projected offset for an original offset (the start
    /// of the run covering it, or the exact byte in a verbatim run).
    pub fn to_projected(&self, orig: usize) -> usize {
        if self.identity {
            return orig.min(self.proj_len);
        }
        let i = self.runs.partition_point(|r| r.orig_start <= orig);
        if i == 0 {
            return 0;
        }
        let Some(r) = self.runs.get(i - 1) else {
            return 0;
        };
        if orig >= r.orig_end() {
            return r.proj_end().min(self.proj_len);
        }
        if r.verbatim {
            r.proj_start + (orig - r.orig_start)
        } else {
            r.proj_start
        }
    }
}
