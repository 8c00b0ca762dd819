//! Unit tests for the input stage.

use super::*;

fn doc(bytes: &[u8], format: Format) -> Document {
    Document::from_bytes("t", bytes.to_vec(), format).expect("loads")
}

/// Byte spans of whitespace-separated words in `s`.
fn words(s: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() || c == '|' {
            if let Some(st) = start.take() {
                out.push(Span::new(st, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(Span::new(st, s.len()));
    }
    out
}

/// Every word of the projection maps back to the same word in the original.
fn assert_words_map_back(d: &Document) {
    let orig = std::str::from_utf8(&d.original).expect("test inputs are UTF-8");
    for w in words(&d.text) {
        let word = w.slice(&d.text);
        let o = d.to_original(w);
        assert!(o.end <= d.original.len() && o.start <= o.end);
        assert_eq!(&orig[o.start..o.end], word, "word {word:?} at {w:?} mapped to {o:?}");
    }
}

#[test]
fn format_from_path() {
    use std::path::Path;
    assert_eq!(Format::from_path(Path::new("a/b.md")), Format::Markdown);
    assert_eq!(Format::from_path(Path::new("b.MARKDOWN")), Format::Markdown);
    assert_eq!(Format::from_path(Path::new("b.htm")), Format::Html);
    assert_eq!(Format::from_path(Path::new("b.html")), Format::Html);
    assert_eq!(Format::from_path(Path::new("b.txt")), Format::Text);
    assert_eq!(Format::from_path(Path::new("README")), Format::Text);
}

#[test]
fn plain_text_is_identity() {
    let src = "Officials said the plan\r\nwould\tfail.\rOk.";
    let d = doc(src.as_bytes(), Format::Text);
    assert_eq!(d.text, src);
    assert!(d.map.is_identity());
    assert!(d.warnings.is_empty());
    assert_eq!(d.to_original(Span::new(3, 9)), Span::new(3, 9));
    assert_eq!(d.to_original(Span::new(3, 999)), Span::new(3, src.len()));
}

#[test]
fn bom_is_stripped_and_mapped() {
    let mut b = vec![0xEF, 0xBB, 0xBF];
    b.extend_from_slice("He said so.\nBye".as_bytes());
    let d = doc(&b, Format::Text);
    assert_eq!(d.text, "He said so.\nBye");
    assert_eq!(d.to_original(Span::new(0, 2)), Span::new(3, 5));
    assert_eq!(d.line_col(3), (1, 1));
    assert_eq!(d.line_text(1), "He said so.");
    assert_eq!(d.line_col(3 + 12), (2, 1));
    let md = doc(&b, Format::Markdown);
    assert_eq!(md.text, "He said so. Bye");
    assert_eq!(md.to_original(Span::new(12, 15)), Span::new(15, 18));
}

#[test]
fn invalid_utf8_is_replaced_with_one_warning() {
    let b = b"ab\xFFcd\xC3(ef".to_vec();
    let d = doc(&b, Format::Text);
    assert_eq!(d.text, "ab\u{FFFD}cd\u{FFFD}(ef");
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    assert!(d.warnings[0].contains("byte 2"), "{:?}", d.warnings);
    assert!(d.warnings[0].contains('2'), "{:?}", d.warnings);
    // "cd" lies after the 3-byte replacement char in text, at 3..5 in original
    let cd = d.text.find("cd").unwrap();
    assert_eq!(d.to_original(Span::new(cd, cd + 2)), Span::new(3, 5));
    let ef = d.text.find("ef").unwrap();
    assert_eq!(d.to_original(Span::new(ef, ef + 2)), Span::new(7, 9));
    // the replacement char maps to the bad byte as a whole
    assert_eq!(d.to_original(Span::new(2, 5)), Span::new(2, 3));
    assert_eq!(d.line_text(1), "ab");
    assert_eq!(d.line_col(3), (1, 4));
}

#[test]
fn utf16le_with_bom() {
    let s = "Il a dit « non ».\nFin 😀 ok";
    let mut b = vec![0xFF, 0xFE];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    let d = doc(&b, Format::Text);
    assert_eq!(d.text, s);
    assert!(d.warnings.iter().any(|w| w == "decoded UTF-16LE"), "{:?}", d.warnings);
    // "dit" is chars 5..8 -> original bytes 2 + 2*5 .. 2 + 2*8
    let p = s.find("dit").unwrap();
    assert_eq!(d.to_original(Span::new(p, p + 3)), Span::new(12, 18));
    // the emoji is a surrogate pair: 4 original bytes
    let e = s.find('😀').unwrap();
    let o = d.to_original(Span::new(e, e + 4));
    assert_eq!(o.len(), 4);
    let ok = s.find("ok").unwrap();
    let o = d.to_original(Span::new(ok, ok + 2));
    assert_eq!(d.line_col(o.start), (2, 7));
    assert_eq!(d.line_text(2), "Fin 😀 ok");
    // UTF-16BE too
    let mut b = vec![0xFE, 0xFF];
    for u in "Hi".encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    let d = doc(&b, Format::Text);
    assert_eq!(d.text, "Hi");
    assert!(d.warnings.iter().any(|w| w == "decoded UTF-16BE"));
}

#[test]
fn binary_is_rejected() {
    let err = Document::from_bytes("x.bin", b"PK\x03\x04\x00\x00abc".to_vec(), Format::Text).expect_err("binary");
    assert!(matches!(err, InputError::Binary { .. }));
    assert!(err.to_string().contains("binary"));
    let ctl: Vec<u8> = (0..200u8).map(|i| if i % 3 == 0 { 0x01 } else { b'a' }).collect();
    assert!(matches!(
        Document::from_bytes("x", ctl, Format::Text),
        Err(InputError::Binary { .. })
    ));
    // form feeds and tabs are fine
    assert!(Document::from_bytes("x", b"a\x0cb\tc".to_vec(), Format::Text).is_ok());
}

#[test]
fn empty_and_blank_files_warn() {
    for src in [&b""[..], b"  \n\t\r\n"] {
        for f in [Format::Text, Format::Markdown, Format::Html] {
            let d = doc(src, f);
            assert!(d.text.trim().is_empty());
            assert_eq!(d.warnings, vec![EMPTY_WARNING.to_string()]);
            let o = d.to_original(Span::new(0, 5));
            assert!(o.start <= o.end && o.end <= src.len());
            let _ = d.line_col(0);
        }
    }
}

#[test]
fn crlf_line_col() {
    let src = "one\r\ntwo\rthree\nfour";
    let d = doc(src.as_bytes(), Format::Text);
    assert_eq!(d.text, src);
    assert_eq!(d.line_col(0), (1, 1));
    assert_eq!(d.line_col(5), (2, 1));
    assert_eq!(d.line_col(6), (2, 2));
    assert_eq!(d.line_col(9), (3, 1));
    assert_eq!(d.line_col(15), (4, 1));
    assert_eq!(d.line_col(999), (4, 5));
    assert_eq!(d.line_text(1), "one");
    assert_eq!(d.line_text(2), "two");
    assert_eq!(d.line_text(3), "three");
    assert_eq!(d.line_text(4), "four");
    assert_eq!(d.line_text(5), "");
    assert_eq!(d.line_text(0), "");
    assert_eq!(d.line_count(), 4);
    // columns count characters, tabs as 1
    let d = doc("\té€x".as_bytes(), Format::Text);
    assert_eq!(d.line_col(6), (1, 4));
}

const MD: &str = "---\ntitle: Secret Front\nauthor: nobody\n---\n# Minister &amp; aide resign\n\n\
Officials said the plan, *according to* [sources](http://secret.example/link \"Hidden title\") close to it,\n\
would fail \\* badly. Use `hidden_code` here.\n\n\
- A wrapped list item that\n  continues on the next line\n  - nested point\n\n\
> A quoted claim\n> that wraps.\n\n\
| Who | Said |\n|-----|------|\n| Ann | yes  |\n\n\
```rust\nlet hidden = 1;\n```\n\n\
<!-- hidden comment -->\n<div>hiddenhtml</div>\n\n\
![hidden alt](hidden.png)\n\nLast line  \nafter hard break.\n";

#[test]
fn markdown_projection() {
    let d = doc(MD.as_bytes(), Format::Markdown);
    let t = &d.text;
    for absent in [
        "Secret",
        "author",
        "---",
        "secret.example",
        "Hidden title",
        "hidden_code",
        "let hidden",
        "hidden comment",
        "hiddenhtml",
        "hidden alt",
        "hidden.png",
        "#",
        "*according",
        "`",
        "[",
        "](",
    ] {
        assert!(!t.contains(absent), "{absent:?} leaked into {t:?}");
    }
    assert!(t.starts_with("Minister & aide resign\n\n"), "{t:?}");
    assert!(
        t.contains("Officials said the plan, according to sources close to it, would"),
        "{t:?}"
    );
    assert!(t.contains("would fail * badly."), "{t:?}");
    assert!(
        t.contains("\n\nA wrapped list item that continues on the next line\n\nnested point\n\n"),
        "{t:?}"
    );
    assert!(t.contains("\n\nA quoted claim that wraps.\n\n"), "{t:?}");
    assert!(t.contains("\n\nWho | Said\n\nAnn | yes\n\n"), "{t:?}");
    assert!(t.ends_with("Last line\nafter hard break."), "{t:?}");
    assert_words_map_back_except(&d, &["&", "*"]);
    // the entity maps to its whole source
    let amp = t.find('&').unwrap();
    let o = d.to_original(Span::new(amp, amp + 1));
    assert_eq!(&MD[o.start..o.end], "&amp;");
    // a word on the wrapped second line of the list item has the right line/col
    let w = t.find("continues").unwrap();
    let o = d.to_original(Span::new(w, w + 9));
    let (line, col) = d.line_col(o.start);
    assert_eq!(d.line_text(line), "  continues on the next line");
    assert_eq!(col, 3);
    // a span across the soft break covers both lines
    let s = t.find("that continues").unwrap();
    let o = d.to_original(Span::new(s, s + "that continues".len()));
    assert_eq!(&MD[o.start..o.end], "that\n  continues");
}

/// Like `assert_words_map_back`, skipping words that contain a decoded
/// entity; a word split by inline markup (`fail</b>,`) must read the same
/// once the markup inside its original span is removed.
fn assert_words_map_back_except(d: &Document, skip: &[&str]) {
    let orig = std::str::from_utf8(&d.original).unwrap();
    for w in words(&d.text) {
        let word = w.slice(&d.text);
        if skip.iter().any(|s| word.contains(s)) {
            continue;
        }
        let o = d.to_original(w);
        let got = &orig[o.start..o.end];
        if got != word {
            assert_eq!(
                strip_markup(got),
                word,
                "word {word:?} at {w:?} mapped to {o:?} = {got:?}"
            );
        }
    }
}

fn strip_markup(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            '*' | '_' | '~' if !in_tag => {}
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn markdown_words_map_back() {
    let src = "Intro para with **bold** and _em_ text.\n\nSecond para\nwraps here. \
        1. one\n2. two\n\n## Heading two\n\nTail ~~struck~~ words.\r\nCRLF line.\r\n";
    let d = doc(src.as_bytes(), Format::Markdown);
    assert!(d.text.contains("Second para wraps here."), "{:?}", d.text);
    assert!(d.text.contains("Tail struck words. CRLF line."), "{:?}", d.text);
    assert_words_map_back(&d);
}

#[test]
fn markdown_toml_front_matter_and_bom() {
    let src = "\u{FEFF}+++\ntitle = \"secret\"\n+++\nBody text here.\n";
    let d = doc(src.as_bytes(), Format::Markdown);
    assert_eq!(d.text, "Body text here.");
    let o = d.to_original(Span::new(0, 4));
    assert_eq!(&src.as_bytes()[o.start..o.end], b"Body");
    assert_eq!(d.line_col(o.start), (4, 1));
}

const HTML: &str = "<!DOCTYPE html>\n<html><head><title>Big &amp; Bold\n  Headline</title>\n\
<meta charset=\"utf-8\"><style>p { color: red } .hidden{}</style>\n\
<script>var hidden = \"</p>\";</script></head>\n<body>\n\
<!-- hidden comment -->\n<h1>Minister resigns</h1>\n\
<p class=\"lede\" data-x='a>b'>Officials said the\n    plan would <b>fail</b>, \
<a href=\"http://hidden.example/\">according</a> to two&nbsp;aides.</p>\n\
<p>foo<b>bar</b> &ldquo;quoted&rdquo; it&#8217;s &#x2019; &bogus; AT&T &#xZZ;</p>\n\
<ul><li>first item</li><li>second\n item</li></ul>\n\
<table><tr><th>Who</th> <th>Said</th></tr><tr><td>Ann</td><td>yes</td></tr></table>\n\
line one<br>line two<noscript>hidden noscript</noscript>\n</body></html>\n";

#[test]
fn html_projection() {
    let d = doc(HTML.as_bytes(), Format::Html);
    let t = &d.text;
    for absent in ["DOCTYPE", "color", "hidden", "charset", "lede", "a>b", "<", ">", "href"] {
        assert!(!t.contains(absent), "{absent:?} leaked into {t:?}");
    }
    let expect = "Big & Bold Headline\n\nMinister resigns\n\n\
        Officials said the plan would fail, according to two\u{A0}aides.\n\n\
        foobar \u{201C}quoted\u{201D} it\u{2019}s \u{2019} &bogus; AT&T &#xZZ;\n\n\
        first item\n\nsecond item\n\nWho | Said\n\nAnn | yes\n\nline one\nline two";
    assert_eq!(t, expect);
    assert_words_map_back_except(&d, &["&", "\u{201C}", "\u{2019}", "\u{A0}"]);
    // entities map to their whole source text
    for (needle, src) in [
        ("&", "&amp;"),
        ("\u{201C}", "&ldquo;"),
        ("\u{A0}", "&nbsp;"),
        ("\u{2019}s", "&#8217;s"),
        (" \u{2019} ", " &#x2019; "),
    ] {
        let p = t.find(needle).unwrap();
        let o = d.to_original(Span::new(p, p + needle.len()));
        assert_eq!(&HTML[o.start..o.end], src);
    }
    // collapsed whitespace maps to the whole whitespace run
    let p = t.find("the plan").unwrap() + 3;
    let o = d.to_original(Span::new(p, p + 1));
    assert_eq!(&HTML[o.start..o.end], "\n    ");
    // unknown / malformed entities stay verbatim and map 1:1
    let p = t.find("&bogus;").unwrap();
    let o = d.to_original(Span::new(p, p + 7));
    assert_eq!(&HTML[o.start..o.end], "&bogus;");
    let p = t.find("plan").unwrap();
    let o = d.to_original(Span::new(p, p + 4));
    assert_eq!(
        d.line_text(d.line_col(o.start).0),
        "    plan would <b>fail</b>, <a href=\"http://hidden.example/\">according</a> to two&nbsp;aides.</p>"
    );
}

#[test]
fn html_deep_nesting_and_unterminated_markup() {
    let mut s = String::new();
    for _ in 0..100_000 {
        s.push_str("<div>");
    }
    s.push_str("deep");
    for _ in 0..100_000 {
        s.push_str("</div>");
    }
    let d = doc(s.as_bytes(), Format::Html);
    assert_eq!(d.text, "deep");
    assert_eq!(d.to_original(Span::new(0, 4)), Span::new(500_000, 500_004));

    let d = doc(b"before <!-- never closed <p>hidden", Format::Html);
    assert_eq!(d.text, "before");
    for src in [
        &b"<p title=\"unterminated>"[..],
        b"<script>never closed",
        b"a < b && c <",
        b"<",
        b"&",
        b"&#;",
        b"&#x110000;",
        b"<![CDATA[ x",
        b"</",
        b"<a",
    ] {
        let d = doc(src, Format::Html);
        for w in words(&d.text) {
            let o = d.to_original(w);
            assert!(o.end <= src.len());
        }
    }
    let d = doc(b"a < b && c <", Format::Html);
    assert_eq!(d.text, "a < b && c <");
    assert_words_map_back(&d);
}

#[test]
fn deep_markdown_nesting_does_not_panic() {
    let s = ">".repeat(50_000) + " deep";
    let d = doc(s.as_bytes(), Format::Markdown);
    assert!(d.text.contains("deep"));
    let s = "- ".repeat(10_000) + "deep";
    let _ = doc(s.as_bytes(), Format::Markdown);
}

#[test]
fn map_edges() {
    let d = doc(b"<p>ab</p><p>cd</p>", Format::Html);
    assert_eq!(d.text, "ab\n\ncd");
    // separator maps (zero-width) to the end of the previous block
    assert_eq!(d.to_original(Span::new(2, 4)), Span::new(5, 5));
    // a span across the separator covers both blocks
    assert_eq!(d.to_original(Span::new(0, 6)), Span::new(3, 14));
    // empty spans and out-of-range spans
    assert_eq!(d.to_original(Span::new(1, 1)), Span::new(4, 4));
    assert_eq!(d.to_original(Span::new(100, 200)), Span::new(14, 14));
    assert_eq!(d.to_original(Span::new(5, 2)), Span::new(13, 13));
}

#[test]
fn html_with_invalid_utf8_composes_maps() {
    let b = b"<p>caf\xE9 &amp; cr\xE8me</p><p>done</p>".to_vec();
    let d = doc(&b, Format::Html);
    assert_eq!(d.text, "caf\u{FFFD} & cr\u{FFFD}me\n\ndone");
    assert_eq!(d.warnings.len(), 1);
    let p = d.text.find("done").unwrap();
    let o = d.to_original(Span::new(p, p + 4));
    assert_eq!(&b[o.start..o.end], b"done");
    let p = d.text.find('&').unwrap();
    let o = d.to_original(Span::new(p, p + 1));
    assert_eq!(&b[o.start..o.end], b"&amp;");
    let o = d.to_original(Span::new(0, 6));
    assert_eq!(&b[o.start..o.end], b"caf\xE9");
}

// ---------------------------------------------------------------------------
// Markdown parsed in pieces (issue 20): the projection and its map must be
// those of the whole file parsed at once.
// ---------------------------------------------------------------------------

/// The whole file parsed at once.
fn markdown_whole(src: &str) -> (String, offsets::OffsetMap) {
    markdown::project_in_pieces(src, usize::MAX)
}

/// Blocks after which a piece may start, and blocks that run on over a blank
/// line (fences holding blank lines and text, lists, quotes, unclosed fences
/// and emphasis).
const MD_BLOCKS: &[&str] = &[
    "# Port Strike Budget Court Recall 12",
    "#NoSpace heading",
    "The mayor said the bridge would reopen in June.",
    "Prices *may rise\n\nagain* next year, analysts `warned\n\nloudly`.",
    "\u{201C}We will not close the port,\u{201D} the minister said.",
    "\"Quoted\" start and 'single' quotes",
    "A line with a hard break  \nand the next line\nand a soft one.",
    "Links [here](https://example.com/a) and [ref] and [^1] and <https://x.example>.",
    "Escapes \\* and entities &amp; &copy; &#8212; inside.",
    "```\ncode\n\nHidden words in code\n\n# not a heading\n```",
    "```rust\nlet x = 1;\n```",
    "~~~~\n```\n\nText inside the fence\n~~~\n\nStill inside\n~~~~",
    "``` a`b\n\nNot a fence above",
    "```\n\nAn unclosed fence runs on to the end",
    "- item one\n\n  continued in the item\n\n- item two\nlazy line",
    "1. one\n\n2. two\n\n   ```\n   listed code\n\n   more\n   ```",
    "- ```\n  code in an item\n\n  more code\n",
    "> A quoted claim\n> that wraps.\n\n> Another quote",
    "> ```\n> quoted code\n\nText after the quote",
    "| Who | Said |\n|-----|------|\n| Ann | yes  |\n| Bob | no |",
    "    indented code\n\n    more indented code",
    "Setext heading\n===",
    "Setext two\n---",
    "***",
    "---",
    "Text\n```\nfence after a line\n```",
    "  ```\n\nAn indented fence\n  ```",
    "<div>\n\nText in HTML\n\n</div>",
    "<!--\n\nA comment\n\n-->",
    "[ref]: https://example.com/r",
    "[^1]: A footnote\n\n    continued",
    "Windows\r\nline\r\n",
    "Zürich café résumé naïve",
    "---\ntitle: x\n\nAuthor y\n...",
    "> ---\n> quoted metadata?\n\nText",
    "- ---\n  item metadata?",
    "+++\ntoml = 1\n\nText\n+++",
    "---\n```\n\nText\n",
    "* star item\n\n      deep code\n\nAfter the list",
    "+ plus item\n+++\nafter pluses",
    "Table | no pipes\n--- | ---\ncell | cell\n```\nfence after a table",
    "Ends with dashes ---\nnext line",
    "~~~\nunclosed tilde fence",
    "#",
    "",
];

const MD_SEPARATORS: &[&str] = &["\n", "\n\n", "\n\n\n", " \n\n", "\n \n"];

fn markdown_doc() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let block =
        (0..MD_BLOCKS.len(), 0..MD_SEPARATORS.len()).prop_map(|(b, s)| format!("{}{}", MD_BLOCKS[b], MD_SEPARATORS[s]));
    proptest::collection::vec(block, 0..30).prop_map(|v| v.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

    #[test]
    fn markdown_in_pieces_is_markdown_whole(src in markdown_doc(), piece in 1usize..200) {
        let whole = markdown_whole(&src);
        let pieces = markdown::project_in_pieces(&src, piece);
        proptest::prop_assert_eq!(&pieces.0, &whole.0);
        proptest::prop_assert_eq!(&pieces.1, &whole.1);
    }
}

#[test]
fn markdown_is_cut_where_it_can_be_and_parses_the_same() {
    // (the property above must not pass by never cutting)
    // (not the unclosed fence, which runs to the end, nor a fence indented
    // in a list, which makes the file parse whole)
    let blocks: Vec<&str> = (MD_BLOCKS[..25].iter().copied())
        .filter(|b| !b.starts_with("```\n\nAn unclosed") && !b.contains("   ```"))
        .collect();
    let src = blocks.join("\n\n").repeat(4);
    let cuts = markdown::cuts(&src, 1);
    assert!(cuts.len() > 20, "{} pieces", cuts.len());
    assert_eq!(markdown::project_in_pieces(&src, 1), markdown_whole(&src));
    // no cut inside the fences, each piece starts a paragraph or heading
    for &c in &cuts[..cuts.len() - 1] {
        assert!(src[..c].ends_with("\n\n"), "{:?}", &src[c.saturating_sub(20)..c]);
        let line = src[c..].lines().next().unwrap();
        assert!(
            !["Hidden", "Text inside", "Still inside"]
                .iter()
                .any(|w| line.starts_with(w)),
            "{line:?}"
        );
    }
    // pulldown-cmark opens a metadata block at a `---` anywhere a block starts,
    // closed by the next `---` line however far on: no cut between them
    let src = "The mayor said so.\n\n---\nA line.\n\nB line.\nPrices *rise\n\nagain*.\nSetext two\n---\n";
    assert_eq!(markdown::cuts(src, 1), vec![src.len()]);
    assert_eq!(markdown::project_in_pieces(src, 1), markdown_whole(src));
    assert_eq!(markdown_whole(src).0, "The mayor said so.");
    // what runs on over a blank line, or is read from the whole file, is parsed whole
    for whole in [
        "[ref]: https://example.com/r",
        "<div>\n\nx\n</div>",
        "a\r\nb",
        "  ```\n\nx",
    ] {
        let src = format!("{src}\n\n{whole}\n\nMore text\n\nAnd more\n");
        assert_eq!(markdown::cuts(&src, 1), vec![src.len()], "{whole:?}");
    }
}

#[test]
fn a_large_markdown_file_of_headings_is_parsed_in_pieces() {
    let mut src = String::new();
    let mut k = 0;
    while src.len() < 3 << 20 {
        src.push_str(&format!("# Port Strike Budget Court Recall {k}\n\n"));
        k += 1;
    }
    let cuts = markdown::cuts(&src, 1 << 20);
    assert!((2..=3).contains(&cuts.len()), "{cuts:?}");
    assert!(cuts[0] >= 1 << 20);
    let (text, map) = markdown::project(&src);
    assert_eq!((text, map), markdown_whole(&src));
    // a break between headings is the source's "\n\n": one run a heading
    let d = doc(src.as_bytes(), Format::Markdown);
    assert_eq!(d.map.run_count(), k);
    assert_words_map_back(&d);
}

#[test]
fn offset_runs_past_four_gib_are_kept_wide() {
    // runs are stored in 32 bits; an offset past u32::MAX (a --max-file-size
    // over 4 GiB) widens them all, and the map reads the same
    let big = 5usize << 30;
    let run = |proj_start, orig_start, len, verbatim| offsets::Run {
        proj_start,
        orig_start,
        proj_len: len,
        orig_len: if verbatim { len } else { 0 },
        verbatim,
    };
    let runs = vec![run(0, 10, 5, true), run(5, 15, 2, false), run(7, big, 6, true)];
    let map = offsets::OffsetMap::from_runs(runs, 13, big + 6);
    assert_eq!(map.to_original(Span::new(1, 4)), Span::new(11, 14));
    assert_eq!(map.to_original(Span::new(8, 13)), Span::new(big + 1, big + 6));
    assert_eq!(map.to_original(Span::new(2, 9)), Span::new(12, big + 2));
    assert_eq!(map.to_projected(big + 3), 10);
    assert_eq!(map.run_count(), 3);
}
