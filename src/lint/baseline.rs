//! Baseline files (`check --write-baseline FILE`, `check --baseline FILE`): so
//! that an existing archive can adopt the gate without fixing every old article
//! first. A baseline records each unsuppressed finding as its rule, its file
//! (relative to the baseline file's folder, with `/`), and a fingerprint that
//! survives line shifts: a hash of the rule, the flagged text (whitespace
//! collapsed, so rewrapping a paragraph keeps it) and the occurrence index of
//! that rule and text in the file. Findings whose (file, fingerprint) is in the
//! baseline are hidden.

use super::Finding;
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The largest baseline file read (64 MiB).
pub const MAX_BASELINE_FILE: u64 = 64 << 20;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    pub fingerprint: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    /// for people reading the file; not used for matching
    #[serde(default)]
    about: String,
    findings: Vec<Entry>,
}

/// A loaded baseline: (path, fingerprint) pairs.
#[derive(Debug, Default)]
pub struct Baseline {
    keys: HashSet<(String, String)>,
    /// the folder paths are relative to
    pub dir: PathBuf,
}

/// The folder a baseline file's paths are relative to (canonical when it exists).
pub fn dir_of(file: &Path) -> PathBuf {
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::canonicalize(&dir).unwrap_or(dir)
}

/// A checked file's path as a baseline records it: relative to `dir` when it
/// lies inside it, with `/` separators; otherwise as given.
pub fn key_path(shown: &str, dir: &Path) -> String {
    let p = Path::new(shown);
    let rel = std::fs::canonicalize(p)
        .ok()
        .and_then(|c| c.strip_prefix(dir).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf());
    let s: Vec<String> = rel
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    s.join("/")
}

/// The fingerprint of each finding (in the order given, which should be
/// document order): rule, flagged text and occurrence index, hashed.
pub fn fingerprints<'a>(original: &[u8], findings: impl IntoIterator<Item = &'a Finding>) -> Vec<String> {
    let mut seen: HashMap<(&str, String), usize> = HashMap::new();
    findings
        .into_iter()
        .map(|f| {
            let bytes = original.get(f.start_byte..f.end_byte.max(f.start_byte)).unwrap_or(&[]);
            let text = String::from_utf8_lossy(bytes);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let n = seen.entry((f.rule, text.clone())).or_insert(0);
            let index = *n;
            *n += 1;
            let mut h = Sha1::new();
            h.update(f.rule.as_bytes());
            h.update([0]);
            h.update(text.as_bytes());
            h.update([0]);
            h.update(index.to_string().as_bytes());
            h.finalize().iter().take(10).map(|b| format!("{b:02x}")).collect()
        })
        .collect()
}

impl Baseline {
    pub fn load(file: &Path) -> Result<Baseline, String> {
        let src = crate::input::read_config_file(file, MAX_BASELINE_FILE)
            .map_err(|e| format!("baseline {}: cannot read: {e}", file.display()))?;
        let parsed: File = serde_json::from_str(&src).map_err(|e| {
            format!(
                "baseline {}: not a sayso baseline ({e}); write one with `sayso check --write-baseline FILE`",
                file.display()
            )
        })?;
        if parsed.version != 1 {
            return Err(format!(
                "baseline {}: version {} is not supported (expected 1)",
                file.display(),
                parsed.version
            ));
        }
        Ok(Baseline {
            keys: parsed.findings.into_iter().map(|e| (e.path, e.fingerprint)).collect(),
            dir: dir_of(file),
        })
    }

    pub fn contains(&self, path: &str, fingerprint: &str) -> bool {
        self.keys.contains(&(path.to_string(), fingerprint.to_string()))
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The baseline file's text for these entries (sorted, so that rewriting an
/// unchanged archive gives the same file).
pub fn render(mut entries: Vec<Entry>) -> String {
    entries.sort_by(|a, b| (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint)));
    let file = File {
        version: 1,
        about: "sayso check baseline: findings hidden by `sayso check --baseline FILE`; \
                rewrite with `sayso check --write-baseline FILE`"
            .to_string(),
        findings: entries,
    };
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Severity;

    fn finding(rule: &'static str, start: usize, end: usize, line: usize) -> Finding {
        Finding {
            rule,
            severity: Severity::Warning,
            message: String::new(),
            help: None,
            start_byte: start,
            end_byte: end,
            line,
            column: 1,
            end_line: line,
            end_column: 1,
            article: false,
            suppression: None,
        }
    }

    #[test]
    fn fingerprints_ignore_position_and_wrapping_but_count_repeats() {
        let a = b"Some critics say.\nSome critics say.";
        let fa = fingerprints(a, &[finding("weasel", 0, 12, 1), finding("weasel", 18, 30, 2)]);
        assert_ne!(fa[0], fa[1], "the second occurrence has its own fingerprint");
        let b = b"\n\n\nSome\n   critics say.";
        let fb = fingerprints(b, &[finding("weasel", 3, 18, 4)]);
        assert_eq!(fb[0], fa[0], "moved down and rewrapped: same fingerprint");
        let fc = fingerprints(a, &[finding("unnamed-source", 0, 12, 1)]);
        assert_ne!(fc[0], fa[0], "the rule is part of it");
    }
}
