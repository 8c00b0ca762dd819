//! Work counted, not timed. The scanning loops whose cost grows with the
//! input (the loops that were once quadratic, and the ones doing each stage's
//! per-token work) add the steps they take to a per-thread counter, so that a
//! test can check that an input four times as large takes about four times the
//! steps (a quadratic loop takes sixteen) without timing anything:
//! `tests/bounded.rs`. A step is one item a loop visits (a byte counted, a
//! token tested, an earlier attribution or a candidate group compared); the
//! figure means nothing across versions, only between two inputs of one build.
//!
//! The counter is always on and costs one add per loop or predicate call: no
//! allocation, no atomics. The matcher counts in a field of its per-document
//! state and adds the total here once per document.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Add `steps` to this thread's count.
#[inline]
pub fn add(steps: usize) {
    STEPS.with(|c| c.set(c.get().wrapping_add(steps as u64)));
}

/// The steps counted on this thread so far.
pub fn steps() -> u64 {
    STEPS.with(Cell::get)
}

/// What `f` returns, and the steps it took (on this thread).
pub fn counted<R>(f: impl FnOnce() -> R) -> (R, u64) {
    let before = steps();
    let r = f();
    (r, steps().wrapping_sub(before))
}
