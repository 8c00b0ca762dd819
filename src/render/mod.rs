//! Rendering: the annotated document for people (terminal, HTML pages), JSON for programs.
//! Renderers read an `Analysis` and its `Document`; they never analyse.

pub mod diagnostics;
pub mod github;
pub mod html;
pub mod json;
pub mod sarif;
pub mod score;
pub mod sources;
pub mod terminal;
