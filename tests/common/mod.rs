//! Helpers the CLI tests share: the project root, the built binary, a run's
//! exit code and output, and a file written into a temporary folder.
// (each test binary uses its own subset)
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sayso() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sayso"))
}

/// Exit code, stdout and stderr of a finished command.
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("sayso runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Write `text` to `dir/name`, making its folders.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(&p, text).unwrap();
    p
}
