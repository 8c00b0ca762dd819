//! Integration tests for `sayso::input`: loading from disk and a property
//! test that no input makes the projection panic or map out of bounds.

use proptest::prelude::*;
use sayso::input::{Document, Format, InputError};
use sayso::span::Span;

const FORMATS: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

/// Checks every word span and a few arbitrary spans of `d.text`.
fn check_maps(d: &Document, extra: &[(usize, usize)]) {
    let n = d.original.len();
    let mut spans: Vec<Span> = Vec::new();
    let mut start = None;
    for (i, c) in d.text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                spans.push(Span::new(s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        spans.push(Span::new(s, d.text.len()));
    }
    spans.extend(extra.iter().map(|&(a, b)| Span::new(a, b)));
    let valid = std::str::from_utf8(&d.original).ok();
    for s in spans {
        let o = d.to_original(s);
        assert!(o.start <= o.end && o.end <= n, "{s:?} -> {o:?} (len {n})");
        if let Some(orig) = valid
            && d.text.is_char_boundary(s.start.min(d.text.len()))
            && d.text.is_char_boundary(s.end.min(d.text.len()))
        {
            assert!(orig.is_char_boundary(o.start) && orig.is_char_boundary(o.end));
        }
        let (line, col) = d.line_col(o.start);
        assert!(line >= 1 && col >= 1);
        let _ = d.line_text(line);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
        extra in proptest::collection::vec((0usize..700, 0usize..700), 0..8),
    ) {
        for f in FORMATS {
            match Document::from_bytes("p", bytes.clone(), f) {
                Ok(d) => {
                    prop_assert_eq!(&d.original, &bytes);
                    check_maps(&d, &extra);
                }
                Err(InputError::Binary { .. }) => {}
                Err(e) => prop_assert!(false, "unexpected error {e}"),
            }
        }
    }

    #[test]
    fn markup_like_text_never_panics(
        s in "([a-z ]{0,6}|[<>/&;#!*_`|\\[\\]()\\-=+~\n\r\t]|&amp;|&#x41;|<p>|</p>|<b>|<!--|-->|<script>|</script>|```|---|\\*\\*|é|€|😀){0,60}",
        extra in proptest::collection::vec((0usize..400, 0usize..400), 0..8),
    ) {
        for f in FORMATS {
            let d = Document::from_bytes("p", s.clone().into_bytes(), f).unwrap();
            check_maps(&d, &extra);
        }
    }
}

#[test]
fn load_uses_extension_and_reports_errors() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("story.md");
    std::fs::write(&md, "# Title\n\nBody `code` text.\n").unwrap();
    let d = Document::load(&md).unwrap();
    assert_eq!(d.format, Format::Markdown);
    assert_eq!(d.text, "Title\n\nBody  text.");
    assert_eq!(d.path, md.display().to_string());

    let html = dir.path().join("story.HTM");
    std::fs::write(&html, "<p>Hello <i>there</i></p>").unwrap();
    let d = Document::load(&html).unwrap();
    assert_eq!(d.format, Format::Html);
    assert_eq!(d.text, "Hello there");

    let err = Document::load(dir.path()).err().unwrap();
    assert!(matches!(err, InputError::NotAFile { .. }), "{err}");

    let missing = dir.path().join("nope.txt");
    let err = Document::load(&missing).err().unwrap();
    assert!(matches!(err, InputError::Io { .. }), "{err}");
    assert!(err.to_string().starts_with("cannot read "), "{err}");

    let bin = dir.path().join("x.txt");
    std::fs::write(&bin, b"\x7fELF\x02\x01\x01\x00\x00").unwrap();
    let err = Document::load(&bin).err().unwrap();
    assert!(matches!(err, InputError::Binary { .. }), "{err}");
    assert!(!err.to_string().contains('\n'));
}

/// `default` cases, or as many as `PROPTEST_CASES` asks for (a deeper run
/// needs no edit: `PROPTEST_CASES=100000 cargo test --release --test input_props`).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
