//! `--changed-since REV`: which lines of a file differ from a git revision.
//! Runs `git diff --unified=0 REV -- FILE` in the file's folder and reads the
//! hunk headers (`@@ -a,b +c,d @@`): lines c..c+d of the current file changed.
//! A file git does not track yet counts as changed throughout.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Changed line ranges (1-based, inclusive) of the working-tree file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// not tracked by git: every line is new
    All,
    Lines(Vec<(usize, usize)>),
}

impl Changed {
    /// Does the line range `[from, to]` touch a changed line?
    pub fn touches(&self, from: usize, to: usize) -> bool {
        match self {
            Changed::All => true,
            Changed::Lines(r) => r.iter().any(|&(a, b)| a <= to && from <= b),
        }
    }
    pub fn is_empty(&self) -> bool {
        matches!(self, Changed::Lines(r) if r.is_empty())
    }
}

/// Parse `git diff --unified=0` output into changed ranges of the new file.
pub fn parse_hunks(diff: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for line in diff.lines() {
        let Some(rest) = line.strip_prefix("@@ ") else { continue };
        let Some(plus) = rest.split_whitespace().find(|p| p.starts_with('+')) else {
            continue;
        };
        let plus = &plus[1..];
        let (start, count) = match plus.split_once(',') {
            Some((s, c)) => (s.parse::<usize>().ok(), c.parse::<usize>().ok()),
            None => (plus.parse::<usize>().ok(), Some(1)),
        };
        if let (Some(s), Some(c)) = (start, count)
            && c > 0
        {
            out.push((s, s + c - 1));
        }
    }
    out
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))
}

/// The folder git runs in for `file`.
fn folder_of(file: &Path) -> &Path {
    match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The top folder of the git repository `dir` lies in, or None outside one.
fn repository_of(dir: &Path) -> Result<Option<PathBuf>, String> {
    let out = git(dir, &["rev-parse", "--show-toplevel"])?;
    let top = String::from_utf8_lossy(&out.stdout).trim().to_string();
    Ok((out.status.success() && !top.is_empty()).then(|| PathBuf::from(top)))
}

/// Check `rev` once for a run, before any file is read: every file must lie
/// in a git repository, and `rev` must be a commit in each repository they
/// lie in. One message for the run, not one per file.
pub fn verify_revision(rev: &str, files: &[&Path]) -> Result<(), String> {
    let mut folders: Vec<&Path> = files.iter().map(|f| folder_of(f)).collect();
    folders.sort();
    folders.dedup();
    let mut repositories: Vec<PathBuf> = Vec::new();
    for dir in folders {
        match repository_of(dir)? {
            Some(top) if !repositories.contains(&top) => repositories.push(top),
            Some(_) => {}
            None => {
                let file = files
                    .iter()
                    .find(|f| folder_of(f) == dir)
                    .expect("the folder of a file");
                return Err(format!(
                    "--changed-since: {} is not in a git repository, so it has no revision '{rev}' to compare with",
                    file.display()
                ));
            }
        }
    }
    for top in &repositories {
        let verify = git(top, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])?;
        if !verify.status.success() {
            return Err(format!(
                "--changed-since: '{rev}' is not a commit in the repository at {} (a branch, tag or commit \
                 that exists there? in CI, fetch it: actions/checkout with fetch-depth: 0)",
                top.display()
            ));
        }
    }
    Ok(())
}

/// The changed lines of `file` relative to `rev` (a commit, as
/// [`verify_revision`] has checked).
pub fn changed_lines(file: &Path, rev: &str) -> Result<Changed, String> {
    let dir = folder_of(file);
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tracked = git(dir, &["ls-files", "--error-unmatch", "--", &name])?;
    if !tracked.status.success() {
        return Ok(Changed::All);
    }
    let out = git(
        dir,
        &["diff", "--unified=0", "--no-color", "--no-ext-diff", rev, "--", &name],
    )?;
    if !out.status.success() {
        return Err(format!(
            "--changed-since: git diff failed for {}: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(Changed::Lines(parse_hunks(&String::from_utf8_lossy(&out.stdout))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunk_headers() {
        let d = "diff --git a/x b/x\n@@ -3 +3 @@\n-a\n+b\n@@ -10,0 +11,2 @@ ctx\n+c\n+d\n@@ -20,3 +21,0 @@\n";
        assert_eq!(parse_hunks(d), [(3, 3), (11, 12)]);
        let c = Changed::Lines(parse_hunks(d));
        assert!(c.touches(12, 14));
        assert!(!c.touches(4, 10));
    }
}
