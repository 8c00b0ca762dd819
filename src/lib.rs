//! sayso: on whose say-so does each claim rest?
//!
//! The pipeline runs one way, one module per stage:
//!
//! ```text
//! input (bytes -> prose + offset map) -> segment (paragraphs, sentences)
//!   -> grammar (the rule language, parsed with nom) -> matcher (tokens,
//!   lexicon trie + constructions) -> score (features weighed by the learned
//!   models of `learn` into verdicts and sources, summary)
//!   -> render (terminal, JSON) <- commands (the CLI verbs)
//! ```

pub mod analysis;
pub mod commands;
pub mod grammar;
pub mod holders;
pub mod input;
pub mod learn;
pub mod lint;
pub mod matcher;
pub mod model;
pub mod render;
pub mod score;
pub mod segment;
pub mod span;
pub mod work;
