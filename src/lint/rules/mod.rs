//! The check rules, one per file. `all()` is the registry `sayso rules` lists.

mod anonymity_unexplained;
mod blanket_suppression;
mod hedge_stack;
mod loaded_cue;
mod unattributed_figure;
mod unnamed_share;
mod unnamed_source;
mod weasel;

pub use anonymity_unexplained::AnonymityUnexplained;
pub use blanket_suppression::{BlanketSuppression, InvalidSuppression};
pub use hedge_stack::HedgeStack;
pub use loaded_cue::LoadedCue;
pub use unattributed_figure::UnattributedFigure;
pub use unnamed_share::UnnamedShare;
pub use unnamed_source::UnnamedSource;
pub use weasel::Weasel;

use super::Rule;

static ALL: [&dyn Rule; 9] = [
    &UnnamedSource,
    &AnonymityUnexplained,
    &Weasel,
    &LoadedCue,
    &UnattributedFigure,
    &HedgeStack,
    &UnnamedShare,
    &BlanketSuppression,
    &InvalidSuppression,
];

/// Every rule, in documentation order.
pub fn all() -> &'static [&'static dyn Rule] {
    &ALL
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for r in all() {
            assert!(seen.insert(r.id()), "duplicate id {}", r.id());
            assert!(r.id().chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", r.id());
            assert!(r.rationale().len() > 80, "{} needs a rationale paragraph", r.id());
            assert!(!r.summary().is_empty());
            assert!(
                r.examples().iter().any(|e| e.flagged),
                "{} needs a flagged example",
                r.id()
            );
        }
    }
}
