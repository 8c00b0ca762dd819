//! `sayso score` (being built).

use super::{EXIT_ERROR, Global};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Inputs
    pub paths: Vec<String>,
}

pub fn run(_global: &Global, _args: &Args) -> i32 {
    eprintln!("sayso: 'score' is not available in this build yet");
    EXIT_ERROR
}
