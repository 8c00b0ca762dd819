//! Input: read a file's bytes, decide its format, and project its prose into
//! one analysable string whose every byte maps back to the original file.
//!
//! The analysis never sees Markdown syntax, HTML tags or invalid bytes: it reads
//! `Document::text`. Renderers translate spans back with `Document::to_original`.

mod decode;
mod html;
mod lines;
mod markdown;
mod offsets;

#[cfg(test)]
mod tests;

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::span::Span;

pub use html::{DEFAULT_SKIPPED_SCOPES, HtmlOptions, Selector};

use decode::Encoding;
use lines::LineTable;
use offsets::OffsetMap;

/// The kind of file being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// `.md`/`.markdown` -> Markdown, `.html`/`.htm` -> Html, else Text
    /// (extensions compared case-insensitively).
    pub fn from_path(path: &Path) -> Format {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") {
            Format::Markdown
        } else if ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm") {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// The extensions of the files sayso reads when it walks a folder, and that
/// `check` includes by default: one list, compared without regard to case
/// (`.TXT` and `.Md` are read the same way everywhere).
pub const PROSE_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm"];

/// Does `path` end in one of [`PROSE_EXTENSIONS`], in any case?
pub fn has_prose_extension(path: &Path) -> bool {
    (path.extension().and_then(|x| x.to_str()))
        .is_some_and(|x| PROSE_EXTENSIONS.iter().any(|k| x.eq_ignore_ascii_case(k)))
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} looks like a binary file (NUL bytes / control chars); sayso reads text, Markdown and HTML")]
    Binary { path: String },
    #[error("{path} is not a regular file; pass a text, Markdown or HTML file")]
    NotAFile { path: String },
    #[error("{path} is larger than the limit of {limit} bytes (--max-file-size); skipped")]
    TooLarge { path: String, limit: u64 },
    /// The configuration that says how to read the file is wrong.
    #[error("{message}")]
    Config { message: String },
}

/// The default of `--max-file-size`: 256 MiB. Analysing a file costs a small
/// multiple of its size in memory (docs/hardening.md).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 << 20;

static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_SIZE);

/// Set the largest input (file, standard input, JSON Lines record) read, in bytes.
pub fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes, Ordering::Relaxed);
}

/// The largest input read, in bytes (`--max-file-size`).
pub fn max_file_size() -> u64 {
    MAX_FILE_SIZE.load(Ordering::Relaxed)
}

/// Read an input stream of at most `limit` bytes. The first 8 KB are checked
/// for binary data before anything more is read, so `/dev/urandom` or
/// `/dev/zero` on standard input stop at once; past `limit` the read stops
/// with `InputError::TooLarge`.
pub fn read_bounded(path: &str, mut r: impl Read, limit: u64) -> Result<Vec<u8>, InputError> {
    let io = |source| InputError::Io {
        path: path.to_string(),
        source,
    };
    let mut buf = Vec::new();
    (&mut r)
        .take(decode::SNIFF_LEN as u64)
        .read_to_end(&mut buf)
        .map_err(io)?;
    if decode::is_binary(&buf) {
        return Err(InputError::Binary { path: path.to_string() });
    }
    let rest = (limit + 1).saturating_sub(buf.len() as u64);
    r.take(rest).read_to_end(&mut buf).map_err(io)?;
    if buf.len() as u64 > limit {
        return Err(InputError::TooLarge {
            path: path.to_string(),
            limit,
        });
    }
    Ok(buf)
}

/// Read a small text file that configures a run (a grammar file, `sayso.toml`):
/// only a regular file (a FIFO would block forever), at most `limit` bytes.
pub fn read_config_file(path: &Path, limit: u64) -> std::io::Result<String> {
    use std::io::{Error, ErrorKind};
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(Error::new(ErrorKind::InvalidInput, "not a regular file"));
    }
    if meta.len() > limit {
        return Err(Error::new(
            ErrorKind::InvalidData,
            format!("larger than the limit of {limit} bytes for this kind of file"),
        ));
    }
    let f = std::fs::File::open(path)?;
    let mut buf = Vec::new();
    f.take(limit + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(Error::new(
            ErrorKind::InvalidData,
            format!("larger than the limit of {limit} bytes for this kind of file"),
        ));
    }
    // a UTF-8 byte order mark is not part of the text
    let body = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf);
    String::from_utf8(body.to_vec())
        .map_err(|_| Error::new(ErrorKind::InvalidData, "stream did not contain valid UTF-8"))
}

/// Warning for a file with no prose at all.
pub const EMPTY_WARNING: &str = "empty file: nothing to annotate";

/// Warning for a file whose prose is only white space and invisible
/// characters (zero-width spaces, joiners, soft hyphens, byte order marks).
pub const NO_VISIBLE_WARNING: &str = "file has no visible text (only white space and invisible characters such as zero-width spaces): nothing to annotate";

/// A loaded file: its original bytes, the prose projection the analysis reads,
/// and the map between the two.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as given by the caller.
    pub path: String,
    pub format: Format,
    /// The exact bytes read; never modified.
    pub original: Vec<u8>,
    /// The prose projection the analysis reads.
    pub text: String,
    /// Non-fatal problems, one line each.
    pub warnings: Vec<String>,
    map: OffsetMap,
    lines: LineTable,
}

impl Document {
    /// Read a file; its format follows from the extension.
    pub fn load(path: &Path) -> Result<Document, InputError> {
        Document::load_with(path, &HtmlOptions::default())
    }

    /// Read a file, HTML as `html` says; its format follows from the extension.
    pub fn load_with(path: &Path, html: &HtmlOptions) -> Result<Document, InputError> {
        let shown = path.display().to_string();
        let io = |source| InputError::Io {
            path: shown.clone(),
            source,
        };
        // (checked before opening: opening a FIFO blocks until it has a writer)
        let meta = std::fs::metadata(path).map_err(io)?;
        if !meta.is_file() {
            return Err(InputError::NotAFile { path: shown });
        }
        let limit = max_file_size();
        if meta.len() > limit {
            return Err(InputError::TooLarge { path: shown, limit });
        }
        let file = std::fs::File::open(path).map_err(io)?;
        let bytes = read_bounded(&shown, file, limit)?;
        Document::from_bytes_with(shown, bytes, Format::from_path(path), html)
    }

    /// Build a document from bytes already in memory.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>, format: Format) -> Result<Document, InputError> {
        Document::from_bytes_with(path, bytes, format, &HtmlOptions::default())
    }

    /// Build a document from bytes already in memory, HTML as `html` says.
    pub fn from_bytes_with(
        path: impl Into<String>,
        bytes: Vec<u8>,
        format: Format,
        html: &HtmlOptions,
    ) -> Result<Document, InputError> {
        let path = path.into();
        // (the decoded text borrows `bytes` when they are valid UTF-8: a file is
        // not held twice while it is projected, which is where loading peaks)
        let (text, map, lines, mut warnings, blank) = {
            let decoded = decode::decode(&path, &bytes)?;
            let blank = decoded.text.trim().is_empty();
            let lines = match decoded.encoding {
                Encoding::Utf8 => LineTable::utf8(&bytes, 0),
                Encoding::Utf8Bom => LineTable::utf8(&bytes, 3),
                Encoding::Utf16Le | Encoding::Utf16Be => {
                    LineTable::decoded(decoded.text.clone().into_owned(), decoded.map.clone())
                }
            };
            let (text, map) = match format {
                Format::Text => (decoded.text.into_owned(), decoded.map),
                Format::Markdown => {
                    let (text, map) = markdown::project(&decoded.text);
                    (text, map.compose(&decoded.map))
                }
                Format::Html => {
                    let (text, map) = html::project(&decoded.text, html);
                    (text, map.compose(&decoded.map))
                }
            };
            (text, map, lines, decoded.warnings, blank)
        };
        if blank {
            warnings.push(EMPTY_WARNING.to_string());
        } else if text.trim().is_empty() {
            warnings.push("no prose found (only markup or code): nothing to annotate".to_string());
        } else if !crate::segment::has_visible(&text) {
            warnings.push(NO_VISIBLE_WARNING.to_string());
        }
        Ok(Document {
            path,
            format,
            original: bytes,
            text,
            warnings,
            map,
            lines,
        })
    }

    /// Map a projected-text span (into `text`) to a span of original bytes.
    /// Out-of-range input is clamped; the result always lies inside `original`.
    pub fn to_original(&self, span: Span) -> Span {
        self.map.to_original(span)
    }

    /// 1-based line and 1-based column (in characters, tabs count as 1) of an
    /// original byte offset (clamped to the file length).
    pub fn line_col(&self, original_offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.original, original_offset)
    }

    /// The original line `line` (1-based), without its line ending; "" if out
    /// of range. Invalid UTF-8 is cut at the first bad byte.
    pub fn line_text(&self, line: usize) -> &str {
        self.lines.line_text(&self.original, line)
    }

    /// Number of lines in the original.
    pub fn line_count(&self) -> usize {
        self.lines.count()
    }
}
