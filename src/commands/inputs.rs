//! Turning command-line paths into documents: files as given, directories
//! walked recursively in sorted order, `-` for standard input.

use crate::input::{Document, Format, InputError};
use std::io::Read;
use std::path::{Path, PathBuf};

/// File extensions read when walking a directory.
pub const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm"];

/// One input to process: a file path, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File { path: PathBuf, shown: String },
}

/// Expand paths into inputs, in order. Problems (missing paths, empty
/// directories) are returned as messages; the rest still run.
pub fn expand(paths: &[String]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(p);
        match std::fs::metadata(path) {
            Err(e) => errors.push(format!("{p}: {}", describe_io(&e))),
            Ok(m) if m.is_dir() => {
                let before = inputs.len();
                let walker = ignore::WalkBuilder::new(path)
                    .sort_by_file_name(|a, b| a.cmp(b))
                    .follow_links(false)
                    .build();
                for entry in walker {
                    match entry {
                        Ok(e) => {
                            if e.file_type().is_some_and(|t| t.is_file())
                                && e.path()
                                    .extension()
                                    .and_then(|x| x.to_str())
                                    .is_some_and(|x| EXTENSIONS.iter().any(|k| x.eq_ignore_ascii_case(k)))
                            {
                                inputs.push(Input::File {
                                    path: e.path().to_path_buf(),
                                    shown: e.path().display().to_string(),
                                });
                            }
                        }
                        Err(e) => errors.push(format!("{p}: {e}")),
                    }
                }
                if inputs.len() == before {
                    errors.push(format!("{p}: no .txt, .md or .html files found in this directory"));
                }
            }
            Ok(_) => inputs.push(Input::File {
                path: path.to_path_buf(),
                shown: p.clone(),
            }),
        }
    }
    (inputs, errors)
}

/// A one-line description of an I/O error, with what to do about it.
pub fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory (check the path)".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied (check the file's read permission)".into(),
        _ => e.to_string(),
    }
}

/// Read one input into a document.
pub fn load(input: &Input) -> Result<Document, InputError> {
    match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map_err(|e| InputError::Io {
                path: "-".into(),
                source: e,
            })?;
            Document::from_bytes("-", buf, Format::Text)
        }
        Input::File { path, shown } => {
            let mut d = Document::load(path)?;
            d.path = shown.clone();
            Ok(d)
        }
    }
}
