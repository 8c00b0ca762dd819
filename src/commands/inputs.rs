//! Turning command-line paths into documents: files as given, directories
//! walked recursively in sorted order, `-` for standard input.

use crate::input::{Document, Format, HtmlOptions, InputError};
use std::path::{Path, PathBuf};

/// File extensions read when walking a directory (any case).
pub const EXTENSIONS: &[&str] = crate::input::PROSE_EXTENSIONS;

/// What standard input holds (`--input-type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputType {
    /// plain text
    Text,
    /// Markdown
    #[value(alias = "md")]
    Markdown,
    /// HTML
    #[value(alias = "htm")]
    Html,
}

impl From<InputType> for Format {
    fn from(t: InputType) -> Format {
        match t {
            InputType::Text => Format::Text,
            InputType::Markdown => Format::Markdown,
            InputType::Html => Format::Html,
        }
    }
}

/// How command-line paths become inputs, shared by every command that reads
/// documents: which files a folder walk skips, and what `-` holds.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct InputArgs {
    /// Walk into what .gitignore, .ignore and git's exclude files hide (they are skipped by
    /// default, also outside a git repository)
    #[arg(long)]
    pub no_ignore: bool,
    /// Walk into hidden files and folders (names starting with '.'; skipped by default)
    #[arg(long)]
    pub hidden: bool,
    /// What standard input (-) holds, and with `score --input-format jsonl` each record with no
    /// format field [default: from --stdin-filename's extension, else text]
    #[arg(long, value_enum, value_name = "TYPE")]
    pub input_type: Option<InputType>,
    /// A file name for standard input (-): shown in the output in place of "-", and its
    /// extension gives the format (.md Markdown, .html HTML) unless --input-type is given
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

impl InputArgs {
    /// The input `-` stands for under these options.
    pub fn stdin(&self) -> Input {
        let name = self.stdin_filename.clone().unwrap_or_else(|| "-".to_string());
        let format = match (self.input_type, &self.stdin_filename) {
            (Some(t), _) => t.into(),
            (None, Some(n)) => Format::from_path(Path::new(n)),
            (None, None) => Format::Text,
        };
        Input::Stdin { name, format }
    }
}

/// One input to process: a file path, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `name` is what the output calls it ("-", or --stdin-filename), `format`
    /// how it is read (--input-type)
    Stdin { name: String, format: Format },
    /// `shown` is the path as the user gave it (or the directory joined with the
    /// file's path below it); `size` is in bytes, for progress reporting
    File { path: PathBuf, shown: String, size: u64 },
}

impl Input {
    /// The name the output gives this input.
    pub fn shown(&self) -> &str {
        match self {
            Input::Stdin { name, .. } => name,
            Input::File { shown, .. } => shown,
        }
    }

    /// How the input is read: by its extension, or as --input-type says for `-`.
    pub fn format(&self) -> Format {
        match self {
            Input::Stdin { format, .. } => *format,
            Input::File { path, .. } => Format::from_path(path),
        }
    }
}

/// Expand paths into inputs, in order. Problems (missing paths, empty
/// directories) are returned as messages; the rest still run.
pub fn expand<P: AsRef<Path>>(paths: &[P], opts: &InputArgs) -> (Vec<Input>, Vec<String>) {
    expand_filtered(paths, &[], opts).unwrap_or_else(|e| (Vec::new(), vec![e]))
}

/// How a command reads its PATH arguments: as the operating system gives
/// them, so that a file name that is not UTF-8 is still a file to read (an
/// empty one is kept too, and reported as missing like any other).
pub fn path_arg() -> impl clap::builder::TypedValueParser<Value = PathBuf> {
    use clap::builder::TypedValueParser;
    clap::builder::OsStringValueParser::new().map(PathBuf::from)
}

/// A path as the output shows it: as given when it is UTF-8; otherwise each
/// byte sequence that is not UTF-8 becomes U+FFFD (the file is still read by
/// its real name).
pub fn shown_path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// A path given on the command line that gave no input: `path` as given, and
/// `message`, the whole one-line error (it names the path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub path: String,
    pub message: String,
}

/// Like `expand`, with `--glob` overrides applied inside directories. Files are
/// walked in sorted order; hidden files and `.gitignore`d paths are skipped (also
/// outside a git repository) unless `--hidden` / `--no-ignore` say otherwise;
/// only .txt, .md and .html files and their variants are read. A bad glob is an
/// error for the whole command.
pub fn expand_filtered<P: AsRef<Path>>(
    paths: &[P],
    globs: &[String],
    opts: &InputArgs,
) -> Result<(Vec<Input>, Vec<String>), String> {
    let (inputs, errors) = expand_with_paths(paths, globs, opts)?;
    Ok((inputs, errors.into_iter().map(|e| e.message).collect()))
}

/// [`expand_filtered`], each problem kept with the path it is about (for
/// `score`'s error rows).
pub fn expand_with_paths<P: AsRef<Path>>(
    paths: &[P],
    globs: &[String],
    opts: &InputArgs,
) -> Result<(Vec<Input>, Vec<PathError>), String> {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for given in paths {
        let path = given.as_ref();
        if path.as_os_str() == "-" {
            inputs.push(opts.stdin());
            continue;
        }
        let shown = shown_path(path);
        let p = &shown;
        match std::fs::metadata(path) {
            Err(e) => errors.push(path_error(p, format!("{p}: {}", describe_io(&e)))),
            Ok(m) if m.is_dir() => {
                let overrides = glob_overrides(path, globs)?;
                let filters = Filters {
                    ignore: !opts.no_ignore,
                    hidden: !opts.hidden,
                };
                let (before, errors_before) = (inputs.len(), errors.len());
                for entry in walk(path, &overrides, filters) {
                    match entry {
                        Ok(found) => inputs.push(found),
                        Err(e) => errors.push(path_error(p, format!("{p}: {e}"))),
                    }
                }
                sort_walked(&mut inputs[before..]);
                errors[errors_before..].sort_by(|a, b| a.message.cmp(&b.message)); // (each names its path: path order, whatever the directory order)
                if inputs.len() == before {
                    let why = why_nothing_found(path, &overrides, filters, !globs.is_empty());
                    errors.push(path_error(
                        p,
                        format!("{p}: no .txt, .md or .html files found in this directory{why}"),
                    ));
                }
            }
            Ok(m) => inputs.push(Input::File {
                path: path.to_path_buf(),
                shown: shown.clone(),
                size: m.len(),
            }),
        }
    }
    Ok((inputs, errors))
}

fn path_error(p: &str, message: String) -> PathError {
    PathError {
        path: p.to_string(),
        message,
    }
}

/// The `--glob` overrides for a walk of `dir`; a bad glob is a usage error.
fn glob_overrides(dir: &Path, globs: &[String]) -> Result<ignore::overrides::Override, String> {
    let mut ob = ignore::overrides::OverrideBuilder::new(dir);
    for g in globs {
        ob.add(g).map_err(|e| format!("--glob {g}: {e}"))?;
    }
    ob.build().map_err(|e| format!("--glob: {e}"))
}

/// What a folder walk skips: paths its ignore files name, hidden names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Filters {
    ignore: bool,
    hidden: bool,
}

/// The readable files below `dir` (unsorted), and the walk's errors.
fn walk(
    dir: &Path,
    overrides: &ignore::overrides::Override,
    filters: Filters,
) -> impl Iterator<Item = Result<Input, ignore::Error>> {
    // (standard_filters covers .ignore, .gitignore in the folder and its
    // parents, git's global and exclude files, and hidden names: --no-ignore
    // turns off all but the last, as in ripgrep)
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(filters.ignore)
        .hidden(filters.hidden)
        .overrides(overrides.clone())
        .require_git(false)
        .follow_links(false)
        .build();
    walker.filter_map(|entry| match entry {
        Err(e) => Some(Err(e)),
        Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && crate::input::has_prose_extension(e.path()) => {
            let size = e.metadata().map(|m| m.len()).unwrap_or(0);
            Some(Ok(Input::File {
                shown: e.path().display().to_string(),
                path: e.into_path(),
                size,
            }))
        }
        Ok(_) => None,
    })
}

/// Why a walk under `filters` found no file, for its error message: the files
/// the ignore rules or hidden names kept out (found by walking again without
/// them), with the flag that reads them, or the globs.
fn why_nothing_found(dir: &Path, overrides: &ignore::overrides::Override, filters: Filters, globs: bool) -> String {
    let count = |f: Filters| walk(dir, overrides, f).filter(Result::is_ok).count();
    let neither = Filters {
        ignore: false,
        hidden: false,
    };
    let candidates = [
        (
            Filters {
                ignore: false,
                ..filters
            },
            "hidden by ignore rules (.gitignore, .ignore or git's exclude file); --no-ignore reads them",
        ),
        (
            Filters {
                hidden: false,
                ..filters
            },
            "in hidden files or folders (names starting with '.'); --hidden reads them",
        ),
        (
            neither,
            "hidden by ignore rules and hidden names; --no-ignore --hidden reads them",
        ),
    ];
    let hint = (candidates.iter())
        .filter(|(f, _)| *f != filters)
        .find_map(|(f, why)| {
            let n = count(*f);
            (n > 0).then(|| format!(": {} {why}", crate::render::plural(n, "file")))
        })
        .unwrap_or_default();
    match (hint.is_empty(), globs) {
        (true, true) => " (or all were excluded)".to_string(),
        (false, true) => format!("{hint} (or --glob excluded them)"),
        _ => hint,
    }
}

/// Put files found in a directory in the order of a walk that visits each
/// directory's entries sorted by name: the order of their paths' component
/// lists. One sort here on keys made once per file is cheaper than the
/// walker's own sorting, which finds both file names afresh from their paths
/// for every comparison: 14 % of all the work of scoring a folder of 50,000
/// short articles, 2 % on a folder of 200 news articles.
fn sort_walked(files: &mut [Input]) {
    files.sort_by_cached_key(|f| match f {
        // the path's bytes with each separator made the lowest byte: comparing those
        // compares the names component by component ("d/x" before "d-y/x")
        Input::File { path, .. } => (path.as_os_str().as_encoded_bytes().iter())
            .map(|&b| if std::path::is_separator(b as char) { 0 } else { b })
            .collect(),
        Input::Stdin { .. } => Vec::new(),
    });
}

/// A one-line description of an I/O error, with what to do about it.
pub fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory (check the path)".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied (check the file's read permission)".into(),
        _ => e.to_string(),
    }
}

/// Read one input into a document (an HTML file as the `[html]` section of its
/// `sayso.toml` says).
pub fn load(input: &Input) -> Result<Document, InputError> {
    load_with(input, None)
}

/// Read one input into a document, HTML as `html` says (None: as the
/// `sayso.toml` found for the file says).
pub fn load_with(input: &Input, html: Option<&HtmlOptions>) -> Result<Document, InputError> {
    match input {
        Input::Stdin { name, format } => {
            let buf =
                crate::input::read_bounded("standard input", std::io::stdin().lock(), crate::input::max_file_size())?;
            Document::from_bytes(name.clone(), buf, *format)
        }
        Input::File { path, shown, .. } => {
            let mut d = match html {
                Some(html) => Document::load_with(path, html)?,
                None => load_path(path)?,
            };
            d.path = shown.clone();
            Ok(d)
        }
    }
}

/// Read a file; an HTML file as the `[html]` section of the `sayso.toml` found
/// from its folder says, so that every command reads a page alike.
pub fn load_path(path: &Path) -> Result<Document, InputError> {
    if Format::from_path(path) != Format::Html {
        return Document::load(path);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let html = crate::lint::config::html_options_near(dir).map_err(|message| InputError::Config { message })?;
    Document::load_with(path, &html)
}

/// Load every input and turn it into output with `make`, in parallel a chunk at a
/// time (so memory stays bounded), then hand each result to `sink` in input order.
/// A file's warnings go to stderr; a file that cannot be read reaches `sink` as
/// `Err(message)` and the others go on. Stops at the first error `sink` returns
/// (a closed stdout).
pub fn for_each_ordered<T: Send>(
    inputs: &[Input],
    make: impl Fn(&Document) -> T + Sync,
    sink: impl FnMut(&Input, Result<T, String>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for_each_ordered_indexed(inputs, |_, doc| make(doc), sink)
}

/// [`for_each_ordered`], with `make` also given the input's index in `inputs`.
pub fn for_each_ordered_indexed<T: Send>(
    inputs: &[Input],
    make: impl Fn(usize, &Document) -> T + Sync,
    sink: impl FnMut(&Input, Result<T, String>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for_each_ordered_owned(inputs, |i, doc| make(i, &doc), sink)
}

/// [`for_each_ordered_indexed`], with `make` given the document itself (it may
/// hand it on to `sink`, to be written there without a copy of its output).
pub fn for_each_ordered_owned<T: Send>(
    inputs: &[Input],
    make: impl Fn(usize, Document) -> T + Sync,
    mut sink: impl FnMut(&Input, Result<T, String>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    for (c, chunk) in inputs.chunks(64).enumerate() {
        let done: Vec<Result<(T, Vec<String>), String>> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, input)| {
                let doc = load(input).map_err(|e| e.to_string())?;
                let warnings = doc.warnings.iter().map(|w| format!("{}: {w}", doc.path)).collect();
                Ok((make(c * 64 + i, doc), warnings))
            })
            .collect();
        for (r, input) in done.into_iter().zip(chunk) {
            let r = r.map(|(t, warnings): (T, Vec<String>)| {
                for w in warnings {
                    eprintln!("sayso: warning: {w}");
                }
                t
            });
            sink(input, r)?;
        }
    }
    Ok(())
}

/// The one-line error for an input that could not be read.
pub fn report_failure(_input: &Input, message: &str) {
    // (every message names its input: the path, or "standard input")
    eprintln!("sayso: error: {message}");
}

/// The frame of a command that writes one report per input: expand the paths,
/// report those that could not be read, let `write` do the rest (it sets its
/// flag when an input fails), and give the exit code: a failed write as
/// `output::write_failed` says, no input at all, or any failure, is an error.
pub fn run_over_inputs<P: AsRef<Path>>(
    paths: &[P],
    opts: &InputArgs,
    write: impl FnOnce(&[Input], &mut bool) -> std::io::Result<()>,
) -> i32 {
    let (inputs, errors) = expand(paths, opts);
    let mut failed = !errors.is_empty();
    for e in &errors {
        eprintln!("sayso: error: {e}");
    }
    if let Err(e) = write(&inputs, &mut failed) {
        return super::output::write_failed(&e);
    }
    if inputs.is_empty() && errors.is_empty() {
        eprintln!("sayso: error: no input files; give a file, a directory or - for standard input");
        return super::EXIT_ERROR;
    }
    if failed { super::EXIT_ERROR } else { super::EXIT_OK }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files under `dir` in the order of a walk that sorts each directory's
    /// entries by name (the walker's own sorting, which `sort_walked` replaces).
    fn walk_sorted_by_name(dir: &Path) -> Vec<PathBuf> {
        ignore::WalkBuilder::new(dir)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(|e| e.into_path())
            .collect()
    }

    #[test]
    fn files_come_in_the_order_of_a_walk_sorted_by_name() {
        let tmp = tempfile::TempDir::new().unwrap();
        // names that order differently as whole paths and component by component
        // ("d-x" < "d/…" as strings, but the directory "d" sorts before "d-x")
        for name in [
            "d/b.txt",
            "d/a.txt",
            "d-x/a.txt",
            "d.txt",
            "D/z.txt",
            "d/sub/a.txt",
            "d/sub-2/a.txt",
            "d/sub.txt",
            "a b.txt",
            "a.txt",
            "a/b.txt",
            "é.txt",
            "e.txt",
            "z.md",
        ] {
            let p = tmp.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "The mayor said the bridge was safe.\n").unwrap();
        }
        let (inputs, errors) = expand(&[tmp.path().display().to_string()], &InputArgs::default());
        assert!(errors.is_empty(), "{errors:?}");
        let got: Vec<PathBuf> = inputs
            .iter()
            .map(|i| match i {
                Input::File { path, .. } => path.clone(),
                Input::Stdin { .. } => unreachable!(),
            })
            .collect();
        assert_eq!(got, walk_sorted_by_name(tmp.path()));
        assert_eq!(got.len(), 14);
    }
}
