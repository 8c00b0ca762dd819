//! Failed writes at the command line: a closed pipe ends every command quietly
//! (exit 0, nothing on standard error, never a panic); a full disk or a closed
//! standard output is an error with a message and exit 2, in every format.

use std::io::Read;
use std::process::{Command, Stdio};

const ARTICLE: &str = "The mayor said the bridge was safe. Officials denied it.\n";

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("sayso")
}

/// Every command and format that writes to standard output, on `file`.
fn commands(file: &str) -> Vec<Vec<String>> {
    let mut v: Vec<Vec<&str>> = vec![
        vec!["rules"],
        vec!["rules", "--format", "json"],
        vec!["rules", "weasel"],
        vec!["check", "--show-config"],
        vec!["check", "--show-config", file],
    ];
    for f in ["text", "json", "jsonl"] {
        v.push(vec!["annotate", "--format", f, file]);
    }
    for f in ["text", "json", "jsonl", "csv"] {
        v.push(vec!["sources", "--format", f, file]);
    }
    for f in ["human", "json", "sarif", "github"] {
        v.push(vec!["check", "--fail-on", "never", "--format", f, file]);
    }
    for f in ["table", "json", "jsonl", "csv"] {
        v.push(vec!["score", "--format", f, file]);
    }
    v.into_iter()
        .map(|c| c.into_iter().map(String::from).collect())
        .collect()
}

fn article() -> (tempfile::TempDir, String) {
    let d = tempfile::tempdir().unwrap();
    // a weasel phrase so that `check --format github` has something to write
    let p = d.path().join("a.md");
    std::fs::write(&p, format!("{ARTICLE}Many experts say the plan will fail.\n")).unwrap();
    let s = p.display().to_string();
    (d, s)
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let (_d, file) = article();
    for args in commands(&file) {
        let mut child = Command::new(bin())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away before anything is written
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: no message on a closed pipe: {err}");
        assert_eq!(status.code(), Some(0), "{args:?}");
    }
}

#[test]
fn a_full_disk_is_an_error_in_every_command_and_format() {
    let (_d, file) = article();
    for args in commands(&file) {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let out = Command::new(bin()).args(&args).stdout(full).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(err.contains("cannot write output"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    }
}

#[test]
fn a_closed_standard_output_is_an_error() {
    let (_d, file) = article();
    for args in commands(&file) {
        let out = Command::new("sh")
            .arg("-c")
            .arg("exec \"$0\" \"$@\" >&-")
            .arg(bin())
            .args(&args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("standard output is closed"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn dev_null_is_still_a_place_to_write() {
    let (_d, file) = article();
    for null in [
        std::fs::OpenOptions::new().write(true).open("/dev/null").unwrap(),
        // read-write, as Python's subprocess.DEVNULL opens it
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/null")
            .unwrap(),
    ] {
        let out = Command::new(bin())
            .args(["annotate", "--format", "jsonl", &file])
            .stdout(null)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn score_on_a_full_disk_exits_2_after_its_message() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(bin())
        .args(["score", "--input-format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin
                .take()
                .unwrap()
                .write_all(b"{\"id\":1,\"text\":\"The mayor said so.\"}\n")?;
            c.wait_with_output()
        })
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write output"));
    assert_eq!(out.status.code(), Some(2));
}
