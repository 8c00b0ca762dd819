//! `sayso score --format html [--out-dir DIR]`: the corpus report as a page,
//! and with `--out-dir` one annotated page per article beside it.
//!
//! Files are analysed in the same ordered, bounded chunks as the other
//! formats. Of each article only its summary, its cue words and its holders
//! are kept for the report; its page (with `--out-dir`) is rendered and
//! written by the worker that analysed it.
//!
//! Containment: every page is written as `DIR/articles/NAME`, where NAME is
//! made here from the article's path below the directory given, reduced to
//! the characters `A-Z a-z 0-9 . _ -` with no leading dot, so it is always one
//! plain file name: never `..`, never absolute, never a separator, whatever
//! the corpus's file names are. Names that collide (also when compared
//! case-insensitively) get `-2`, `-3`... in input order, so the layout is the
//! same on every run. Each page is written to a temporary file in the same
//! directory (created new, never through an existing file or link) and then
//! renamed over its final name, so a reader never sees half a page.

use super::{Args, CHUNK_BYTES, CHUNK_FILES, Item, load_item, progress};
use crate::analysis::Analyzer;
use crate::commands::{EXIT_ERROR, EXIT_OK};
use crate::holders::holders;
use crate::model::{SourceKind, Summary};
use crate::render::html::{self, ArticleRow, PageOptions, Report, Tally};
use crate::render::score::Totals;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// The folder of the pages, below `--out-dir`.
pub const ARTICLES_DIR: &str = "articles";
/// The report's file name in `--out-dir`.
pub const INDEX: &str = "index.html";
/// Longest page name kept from a path (before `-N` and `.html`).
const NAME_MAX: usize = 120;

/// Where an article sits in the corpus: its path below the directory it was
/// found in, and the group the report counts it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// path components below the directory given (the file name alone for a
    /// file given directly)
    pub rel: Vec<String>,
    /// its top-level folder below that directory; for a file directly in it
    /// (or given directly), that directory's own name
    pub folder: String,
}

fn last_name(p: &Path) -> String {
    match p.file_name() {
        Some(n) => n.to_string_lossy().into_owned(),
        None => p.display().to_string(),
    }
}

/// Place an input below the first of `roots` (the directories given) it lies in.
pub fn place(item: &Item, roots: &[PathBuf]) -> Placed {
    match item {
        Item::Stdin { .. } => Placed {
            rel: vec!["stdin".into()],
            folder: "-".into(),
        },
        Item::File { path, .. } => {
            for root in roots {
                if let Ok(below) = path.strip_prefix(root) {
                    let rel: Vec<String> = (below.components())
                        .filter_map(|c| match c {
                            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                            _ => None,
                        })
                        .collect();
                    if rel.is_empty() {
                        continue;
                    }
                    let folder = if rel.len() >= 2 {
                        rel[0].clone()
                    } else {
                        last_name(root)
                    };
                    return Placed { rel, folder };
                }
            }
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
            Placed {
                rel: vec![last_name(path)],
                folder: parent.map_or_else(|| ".".to_string(), last_name),
            }
        }
    }
}

/// One path component reduced to a safe piece of a file name.
fn clean(component: &str) -> String {
    let s: String = component
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    s.trim_start_matches(['.', '-']).to_string()
}

const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// The page name of each placed article, in order: plain, unique (also
/// case-insensitively) and deterministic. See the module documentation.
pub fn page_names(placed: &[Placed]) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    placed
        .iter()
        .map(|p| {
            let mut stem = (p.rel.iter())
                .map(|c| clean(c))
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join("__");
            if stem.len() > NAME_MAX {
                stem.truncate(NAME_MAX); // (ASCII only: any byte is a boundary)
            }
            let stem = stem.trim_end_matches('.').to_string();
            let mut stem = if stem.is_empty() { "article".to_string() } else { stem };
            let first = stem.split('.').next().unwrap_or("").to_ascii_uppercase();
            if RESERVED.contains(&first.as_str()) {
                stem.insert(0, '_');
            }
            let mut name = format!("{stem}.html");
            let mut n = 2;
            while !taken.insert(name.to_ascii_lowercase()) {
                name = format!("{stem}-{n}.html");
                n += 1;
            }
            name
        })
        .collect()
}

/// Is `name` a single plain file name (no separator, not `.` or `..`)?
pub fn is_plain_name(name: &str) -> bool {
    let mut c = Path::new(name).components();
    matches!((c.next(), c.next()), (Some(Component::Normal(n)), None) if n == name)
        && !name.contains(['/', '\\'])
        && !name.starts_with('.')
}

/// Write `bytes` as `dir/name` whole: to a new temporary file in `dir`, then
/// renamed over the name. `name` must be a plain file name.
pub fn write_whole(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    if !is_plain_name(name) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("refusing to write {name:?}: not a plain file name"),
        ));
    }
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp); // a leftover of an interrupted run (never followed: removes a link itself)
    let written = (|| {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.flush()?;
        drop(f);
        std::fs::rename(&tmp, dir.join(name))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Make `DIR` and `DIR/articles` (a real directory, not a link elsewhere).
fn prepare(dir: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("--out-dir {}: {e}", dir.display()))?;
    let articles = dir.join(ARTICLES_DIR);
    match std::fs::symlink_metadata(&articles) {
        Ok(m) if m.file_type().is_dir() => {}
        Ok(_) => {
            return Err(format!(
                "--out-dir: {} exists and is not a directory (a file or a link); remove it or choose another DIR",
                articles.display()
            ));
        }
        Err(_) => std::fs::create_dir(&articles).map_err(|e| format!("--out-dir {}: {e}", articles.display()))?,
    }
    Ok(articles)
}

/// What became of one article.
struct Done {
    result: Result<(Summary, Tally), String>,
    warnings: Vec<String>,
    /// the page could not be written (the article still counts)
    write_error: Option<String>,
}

fn title_of(paths: &[PathBuf]) -> String {
    let shown = |p: &PathBuf| crate::commands::inputs::shown_path(p);
    match paths {
        [one] => shown(one),
        many => {
            let mut t = many.iter().take(3).map(shown).collect::<Vec<_>>().join(", ");
            if many.len() > 3 {
                t.push_str(&format!(" and {} more", many.len() - 3));
            }
            t
        }
    }
}

/// Score the files and print the report (or write it and the pages into `--out-dir`).
pub(super) fn run(
    analyzer: &Analyzer,
    pool: &rayon::ThreadPool,
    args: &Args,
    items: &[Item],
    errors: &[super::super::inputs::PathError],
) -> i32 {
    let roots: Vec<PathBuf> = (args.paths.iter())
        .filter(|p| p.as_os_str() != "-" && p.is_dir())
        .cloned()
        .collect();
    let placed: Vec<Placed> = items.iter().map(|i| place(i, &roots)).collect();
    let out = match &args.out_dir {
        None => None,
        Some(d) => match prepare(d) {
            Ok(articles) => Some((d.clone(), articles)),
            Err(e) => {
                eprintln!("sayso: error: {e}");
                return EXIT_ERROR;
            }
        },
    };
    let names = page_names(&placed);
    let back = format!("../{INDEX}");

    let total_bytes: u64 = (items.iter())
        .map(|i| match i {
            Item::File { size, .. } => *size,
            Item::Stdin { .. } => 0,
        })
        .sum();
    let pb = progress(args.quiet, Some(total_bytes));
    let mut totals = Totals::default();
    for _ in errors {
        totals.fail();
    }
    let mut rows: Vec<ArticleRow> = Vec::with_capacity(items.len());
    let mut cues: HashMap<String, usize> = HashMap::new();
    let mut sources: HashMap<(String, SourceKind), (usize, usize)> = HashMap::new();
    let mut failed = false;
    let mut pages = 0usize;

    let mut start = 0;
    while start < items.len() {
        let mut end = start;
        let mut bytes = 0u64;
        while end < items.len() && end - start < CHUNK_FILES {
            let sz = match &items[end] {
                Item::File { size, .. } => *size,
                Item::Stdin { .. } => 0,
            };
            if end > start && bytes + sz > CHUNK_BYTES {
                break;
            }
            bytes += sz;
            end += 1;
        }
        let range = start..end;
        start = end;
        let done: Vec<Done> = pool.install(|| {
            range
                .clone()
                .into_par_iter()
                .map(|i| {
                    let item = &items[i];
                    let r = load_item(item).map(|doc| {
                        let a = analyzer.analyze(&doc);
                        let hs = holders(&doc.text, &a);
                        let tally = html::tally(&doc, &a, &hs);
                        let write_error = out.as_ref().and_then(|(_, articles)| {
                            let page = html::page(&doc, &a, &PageOptions { back: Some(&back) });
                            (write_whole(articles, &names[i], page.as_bytes()).err())
                                .map(|e| format!("{}: cannot write its page {}: {e}", doc.path, names[i]))
                        });
                        let warnings = doc.warnings.iter().map(|w| format!("{}: {w}", doc.path)).collect();
                        (a.summary, tally, warnings, write_error)
                    });
                    if let Item::File { size, .. } = item {
                        pb.inc(*size);
                    }
                    match r {
                        Ok((s, t, warnings, write_error)) => Done {
                            result: Ok((s, t)),
                            warnings,
                            write_error,
                        },
                        Err(e) => Done {
                            result: Err(e),
                            warnings: Vec::new(),
                            write_error: None,
                        },
                    }
                })
                .collect()
        });
        for (i, d) in range.zip(done) {
            if !args.quiet {
                for w in &d.warnings {
                    pb.suspend(|| eprintln!("sayso: warning: {w}"));
                }
            }
            let path = super::item_key(&items[i]).0;
            let link = match (&out, &d.result, &d.write_error) {
                (Some(_), Ok(_), None) => {
                    pages += 1;
                    Some(format!("{ARTICLES_DIR}/{}", names[i]))
                }
                _ => None,
            };
            if let Some(e) = &d.write_error {
                failed = true;
                pb.suspend(|| eprintln!("sayso: error: {e}"));
            }
            let result = match d.result {
                Ok((s, t)) => {
                    totals.add(&s);
                    for (w, n) in t.cues {
                        *cues.entry(w).or_default() += n;
                    }
                    for (name, kind, n) in t.sources {
                        let e = sources.entry((name, kind)).or_default();
                        e.0 += n;
                        e.1 += 1;
                    }
                    Ok(s)
                }
                Err(e) => {
                    pb.suspend(|| eprintln!("sayso: error: {e}"));
                    totals.fail();
                    Err(e)
                }
            };
            rows.push(ArticleRow {
                path,
                folder: placed[i].folder.clone(),
                link,
                result,
            });
        }
    }
    pb.finish_and_clear();

    let title = title_of(&args.paths);
    let page = html::report(&Report {
        title: &title,
        rows: &rows,
        totals: &totals,
        cues: &cues,
        sources: &sources,
    });
    match &out {
        None => {
            let mut o = std::io::stdout().lock();
            if let Err(e) = o.write_all(page.as_bytes()).and_then(|_| o.flush())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                eprintln!("sayso: error: cannot write output: {e}");
                failed = true;
            }
        }
        Some((dir, _)) => {
            if let Err(e) = write_whole(dir, INDEX, page.as_bytes()) {
                eprintln!("sayso: error: cannot write {}: {e}", dir.join(INDEX).display());
                failed = true;
            } else if !args.quiet {
                eprintln!(
                    "sayso: wrote {} and {pages} article page{} in {}",
                    dir.join(INDEX).display(),
                    if pages == 1 { "" } else { "s" },
                    dir.join(ARTICLES_DIR).display()
                );
            }
        }
    }
    if failed || totals.files_failed > 0 {
        EXIT_ERROR
    } else {
        EXIT_OK
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(rel: &[&str]) -> Placed {
        Placed {
            rel: rel.iter().map(|s| s.to_string()).collect(),
            folder: String::new(),
        }
    }

    #[test]
    fn names_are_plain_unique_and_deterministic() {
        let input = [
            placed(&["..", "evil.txt"]),
            placed(&["../evil.txt"]),
            placed(&["/etc/passwd"]),
            placed(&["outlet", "a b.txt"]),
            placed(&["outlet", "a_b.txt"]),
            placed(&["Outlet", "A_B.txt"]),
            placed(&[".hidden.md"]),
            placed(&["..."]),
            placed(&["CON.txt"]),
            placed(&["é<script>.md"]),
            placed(&["a\\..\\b.txt"]),
        ];
        let names = page_names(&input);
        assert_eq!(names, page_names(&input));
        for n in &names {
            assert!(is_plain_name(n), "{n:?}");
            assert!(n.ends_with(".html"), "{n:?}");
            assert!(
                n.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
                "{n:?}"
            );
        }
        let lower: HashSet<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
        assert_eq!(lower.len(), names.len(), "{names:?}");
        assert_eq!(names[0], "evil.txt.html");
        assert_eq!(names[1], "_evil.txt.html");
        assert_eq!(names[3], "outlet__a_b.txt.html");
        assert_eq!(names[4], "outlet__a_b.txt-2.html");
        assert_eq!(names[5], "Outlet__A_B.txt-3.html");
        assert_eq!(names[7], "article.html");
        assert_eq!(names[8], "_CON.txt.html");
    }

    #[test]
    fn plain_names_only() {
        for bad in ["..", ".", "../x", "a/b", "/abs", "a\\b", ".x", ""] {
            assert!(!is_plain_name(bad), "{bad:?}");
        }
        assert!(is_plain_name("a.txt.html"));
        let d = tempfile::tempdir().unwrap();
        assert!(write_whole(d.path(), "../x.html", b"x").is_err());
        write_whole(d.path(), "ok.html", b"one").unwrap();
        write_whole(d.path(), "ok.html", b"two").unwrap();
        assert_eq!(std::fs::read(d.path().join("ok.html")).unwrap(), b"two");
        let left: Vec<_> = std::fs::read_dir(d.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary files left behind");
    }

    #[test]
    fn folders_are_top_level_folders_below_the_root() {
        let root = PathBuf::from("corpus");
        let item = |p: &str| Item::File {
            path: PathBuf::from(p),
            shown: p.into(),
            size: 0,
        };
        let p = place(&item("corpus/outlet-a/x.txt"), std::slice::from_ref(&root));
        assert_eq!((p.rel.len(), p.folder.as_str()), (2, "outlet-a"));
        let p = place(&item("corpus/x.txt"), std::slice::from_ref(&root));
        assert_eq!(p.folder, "corpus");
        let p = place(&item("elsewhere/y.md"), &[root]);
        assert_eq!((p.rel, p.folder.as_str()), (vec!["y.md".to_string()], "elsewhere"));
    }
}
