//! Rendering: the annotated document for people, JSON for programs.
//! Renderers read an `Analysis` and its `Document`; they never analyse.

pub mod diagnostics;
pub mod github;
pub mod json;
pub mod sarif;
pub mod score;
pub mod sources;
pub mod terminal;
