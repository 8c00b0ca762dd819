//! Rendering: the annotated document for people, JSON for programs.
//! Renderers read an `Analysis` and its `Document`; they never analyse.

pub mod json;
pub mod sources;
pub mod terminal;
