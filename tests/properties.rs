//! Properties of the whole pipeline on generated text: spans inside the input
//! and on UTF-8 boundaries (projected and original), statements ordered and
//! disjoint, Markdown/HTML offsets pointing at the same words in the original,
//! output independent of the thread count, and a document's statements
//! unchanged when another document is appended after a blank line.

use proptest::prelude::*;
use sayso::analysis::Analyzer;
use sayso::input::{Document, Format};
use sayso::model::Analysis;
use sayso::span::Span;
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::builtin)
}

const WORDS: &[&str] = &[
    "the",
    "mayor",
    "said",
    "officials",
    "according",
    "to",
    "a",
    "report",
    "denied",
    "claimed",
    "confirmed",
    "reportedly",
    "may",
    "port",
    "was",
    "closed",
    "police",
    "she",
    "he",
    "they",
    "told",
    "reporters",
    "that",
    "sources",
    "familiar",
    "with",
    "matter",
    "Smith",
    "Ana",
    "Ruiz",
    "U.S.",
    "Mr.",
    "no",
    "evidence",
    "café",
    "naïve",
    "Zürich",
    "東京",
    "😀",
    "believe",
    "alleged",
    "critics",
    "rejected",
    "it",
    "is",
    "over",
];
const PUNCT: &[&str] = &[
    ".", ",", "!", "?", ":", ";", "\"", "\u{201c}", "\u{201d}", "'", "\u{2019}", "(", ")", "—", "-", "\n", "\n\n",
    "...", "\t", "\u{a0}",
];

/// Prose from the word and punctuation lists.
fn prose() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(WORDS).prop_map(|w| format!("{w} ")),
            1 => prop::sample::select(PUNCT).prop_map(|p| p.to_string()),
        ],
        0..120,
    )
    .prop_map(|v| v.concat())
}

/// Sentences that end properly: used where the text must be well formed.
fn sentences() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(prop::sample::select(WORDS), 1..12), 1..6).prop_map(|ss| {
        ss.iter()
            .map(|s| {
                let mut t = s.join(" ");
                if let Some(c) = t.get_mut(0..1) {
                    c.make_ascii_uppercase();
                }
                t + "."
            })
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn spans(a: &Analysis) -> Vec<Span> {
    let mut v = Vec::new();
    for st in &a.statements {
        v.push(st.span);
        v.extend(st.hedges.iter().map(|h| h.span));
        v.extend(st.markers.iter().map(|m| m.span));
    }
    for at in &a.attributions {
        v.push(at.cue);
        v.extend(at.content.iter().copied());
        if let Some(s) = &at.source {
            v.push(s.span);
            v.extend(s.resolved);
        }
    }
    v
}

fn check_spans(doc: &Document, a: &Analysis) -> Result<(), TestCaseError> {
    let orig = std::str::from_utf8(&doc.original).ok();
    for s in spans(a) {
        prop_assert!(s.start <= s.end && s.end <= doc.text.len(), "{s:?} outside the text");
        prop_assert!(
            doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end),
            "{s:?} splits a char"
        );
        let o = doc.to_original(s);
        prop_assert!(
            o.start <= o.end && o.end <= doc.original.len(),
            "{o:?} outside the original"
        );
        if let Some(orig) = orig {
            prop_assert!(
                orig.is_char_boundary(o.start) && orig.is_char_boundary(o.end),
                "{o:?} splits a char"
            );
        }
    }
    let mut last = 0;
    for st in &a.statements {
        prop_assert!(
            st.span.start >= last,
            "statements overlap or are out of order: {:?}",
            st.span
        );
        prop_assert!(st.span.start < st.span.end, "empty statement {:?}", st.span);
        last = st.span.end;
    }
    Ok(())
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Each word of a statement's projected text appears in the original slice.
fn check_words(doc: &Document, a: &Analysis) -> Result<(), TestCaseError> {
    for st in &a.statements {
        let o = doc.to_original(st.span);
        let slice = String::from_utf8_lossy(&doc.original[o.start..o.end]);
        for w in words(st.span.slice(&doc.text)) {
            prop_assert!(
                slice.contains(w),
                "word {w:?} of {:?} not in original {slice:?}",
                st.span.slice(&doc.text)
            );
        }
    }
    Ok(())
}

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (sentences(), 0..7usize).prop_map(|(s, k)| match k {
            0 => format!("# {s}"),
            1 => format!("*{s}*"),
            2 => format!("> {s}"),
            3 => format!("- {s}"),
            4 => format!("[{s}](http://example.com/x)"),
            5 => format!("**{s}** and `code`"),
            _ => s,
        }),
        1..5,
    )
    .prop_map(|v| v.join("\n\n") + "\n")
}

fn html() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (sentences(), 0..7usize).prop_map(|(s, k)| match k {
            0 => format!("<h1>{s}</h1>"),
            1 => format!("<p><em>{s}</em></p>"),
            2 => format!("<p>{}</p>", s.replace(' ', " <b></b>")),
            3 => format!("<div class=\"x\"><p>{s}</p></div>"),
            4 => format!("<p>{s}</p><!-- note --><script>var x = 1;</script>"),
            5 => format!("<p>{}</p>", s.replace(" the ", " &amp; the ")),
            _ => format!("<p>{s}<br>more</p>"),
        }),
        1..5,
    )
    .prop_map(|v| format!("<html><body>{}</body></html>", v.join("\n")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(96), ..ProptestConfig::default() })]

    #[test]
    fn spans_are_inside_and_on_boundaries(text in prose()) {
        for f in [Format::Text, Format::Markdown, Format::Html] {
            let doc = Document::from_bytes("p", text.clone().into_bytes(), f).unwrap();
            let a = analyzer().analyze(&doc);
            check_spans(&doc, &a)?;
        }
    }

    #[test]
    fn spans_inside_for_invalid_utf8(mut bytes in prop::collection::vec(any::<u8>(), 0..200), text in prose()) {
        bytes.retain(|&b| b >= 0x80 || b == b' '); // invalid sequences, no NUL/control
        let mut all = text.into_bytes();
        let at = all.len() / 2;
        all.splice(at..at, bytes);
        if let Ok(doc) = Document::from_bytes("p", all, Format::Text) {
            let a = analyzer().analyze(&doc);
            check_spans(&doc, &a)?;
        }
    }

    #[test]
    fn markdown_offsets_point_at_the_same_words(md in markdown()) {
        let doc = Document::from_bytes("p.md", md.into_bytes(), Format::Markdown).unwrap();
        let a = analyzer().analyze(&doc);
        check_spans(&doc, &a)?;
        check_words(&doc, &a)?;
    }

    #[test]
    fn html_offsets_point_at_the_same_words(h in html()) {
        let doc = Document::from_bytes("p.html", h.into_bytes(), Format::Html).unwrap();
        let a = analyzer().analyze(&doc);
        check_spans(&doc, &a)?;
        check_words(&doc, &a)?;
    }

    #[test]
    fn appending_a_document_keeps_the_first_parts_statements(a in sentences(), b in sentences()) {
        let one = analyzer().analyze_text(&a);
        let joined = format!("{a}\n\n{b}");
        let both = analyzer().analyze_text(&joined);
        let first: Vec<_> = both.statements.iter().filter(|s| s.span.end <= a.len()).map(|s| (s.span, s.verdict)).collect();
        let alone: Vec<_> = one.statements.iter().map(|s| (s.span, s.verdict)).collect();
        prop_assert_eq!(alone, first);
    }
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let d = tempfile::tempdir().unwrap();
    // deterministic pseudo-random documents from the word list
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..40 {
        let mut s = String::new();
        for _ in 0..(20 + i * 7) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push_str(WORDS[(x % WORDS.len() as u64) as usize]);
            s.push_str(if x.is_multiple_of(9) { ". " } else { " " });
        }
        let ext = ["txt", "md", "html"][i % 3];
        std::fs::write(d.path().join(format!("{i:02}.{ext}")), format!("<p>{s}.</p>\n")).unwrap();
    }
    let run = |threads: &str| {
        let out = assert_cmd::Command::cargo_bin("sayso")
            .unwrap()
            .env("RAYON_NUM_THREADS", threads)
            .args(["annotate", "--format", "jsonl"])
            .arg(d.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let one = run("1");
    assert_eq!(String::from_utf8_lossy(&one).lines().count(), 40);
    assert!(one == run("2"), "output differs between 1 and 2 threads");
    assert!(one == run("4"), "output differs between 1 and 4 threads");
}

/// `default` cases, or as many as `PROPTEST_CASES` asks for (a deeper run
/// needs no edit: `PROPTEST_CASES=100000 cargo test --release --test properties`).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
