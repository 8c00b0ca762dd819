//! Cross-validation folds by article, the same split as the evaluation
//! scorer's (`score.py folds SUITE`): the SHA-1 of the article's file name,
//! read as a big-endian number, modulo the number of folds.

use sha1::{Digest, Sha1};
use std::path::Path;

/// The fold (0..n) of an article, from its file name alone.
pub fn fold_of(path: &Path, n: usize) -> usize {
    let name = path.file_name().map(|s| s.to_string_lossy()).unwrap_or_default();
    fold_of_name(&name, n)
}

/// The fold of a file name.
pub fn fold_of_name(name: &str, n: usize) -> usize {
    assert!(n > 0, "at least one fold");
    let digest = Sha1::digest(name.as_bytes());
    digest.iter().fold(0usize, |acc, &b| (acc * 256 + b as usize) % n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_follow_the_scorer() {
        // int(sha1(name).hexdigest(), 16) % 5, computed with Python's hashlib
        assert_eq!(fold_of_name("a.txt", 5), 2);
        assert_eq!(fold_of_name("article-1.txt", 5), 0);
        assert_eq!(fold_of(Path::new("x/y/a.txt"), 5), 2);
        assert_eq!(fold_of_name("a.txt", 1), 0);
    }
}
