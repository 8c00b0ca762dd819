//! Writing to standard output. A closed pipe (`sayso rules | head -1`) ends a
//! run quietly; any other failed write (a full disk, a closed descriptor) is an
//! error with a message and a non-zero exit: output is never lost silently.

use super::{EXIT_ERROR, EXIT_OK};
use std::io::Write;

/// The exit code after a failed write to standard output: a closed pipe
/// (EPIPE) ends the run quietly with `EXIT_OK`; anything else is reported and
/// is `EXIT_ERROR`.
pub fn write_failed(e: &std::io::Error) -> i32 {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        EXIT_OK
    } else {
        eprintln!("sayso: error: cannot write output: {e}");
        EXIT_ERROR
    }
}

/// Write `s` to standard output and flush it; the exit code that follows
/// (`EXIT_OK`, or what `write_failed` says).
pub fn print(s: &str) -> i32 {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) => write_failed(&e),
    }
}

/// The first failed write of `say` (None while every write succeeded).
static SAY_FAILED: std::sync::Mutex<Option<std::io::Error>> = std::sync::Mutex::new(None);

/// Write a progress or report line to standard output for a long run (`train`)
/// that goes on when its report cannot be written: the first failure is kept
/// for `said`, and later lines are dropped.
pub fn say(args: std::fmt::Arguments) {
    let mut failed = SAY_FAILED.lock().unwrap_or_else(|p| p.into_inner());
    if failed.is_some() {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|_| out.flush()) {
        *failed = Some(e);
    }
}

/// `code`, or the exit code of `say`'s first failed write (reported here).
pub fn said(code: i32) -> i32 {
    let failed = SAY_FAILED.lock().unwrap_or_else(|p| p.into_inner()).take();
    match failed {
        Some(e) if write_failed(&e) != EXIT_OK => EXIT_ERROR,
        _ => code,
    }
}

/// `println!` through `output::say`.
#[macro_export]
macro_rules! sayln {
    ($($t:tt)*) => {
        $crate::commands::output::say(format_args!("{}\n", format_args!($($t)*)))
    };
}

/// `print!` through `output::say`.
#[macro_export]
macro_rules! say {
    ($($t:tt)*) => {
        $crate::commands::output::say(format_args!($($t)*))
    };
}
