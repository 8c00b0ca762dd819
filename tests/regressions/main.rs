//! Inputs that once broke sayso (found by fuzzing or the bad-input tests),
//! kept as files next to this one. Each must now be handled without a panic.

use sayso::analysis::Analyzer;
use sayso::grammar::Grammar;
use sayso::input::{Document, Format};
use std::path::Path;

fn file(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/regressions")
            .join(name),
    )
    .unwrap()
}

/// A grammar file must parse or give an error; never panic.
fn grammar_must_not_panic(name: &str) {
    let text = String::from_utf8(file(name)).unwrap();
    let r = std::panic::catch_unwind(|| {
        let mut g = Grammar::default();
        g.add_source(name, &text).map(|_| ()).map_err(|e| e.to_string())
    });
    assert!(r.is_ok(), "{name}: the grammar parser panicked");
}

// Fuzzer crash (grammar target): `verbs: +` -> src/grammar/inflect.rs `past`
// slices `&w[w.len() - 1..]` on an empty word (index underflow).
#[test]
fn grammar_empty_doubled_verb() {
    grammar_must_not_panic("grammar_empty_doubled_verb.sayso");
}

// Same code path: a doubled verb ending in a multi-byte char slices inside it.
#[test]
fn grammar_non_ascii_doubled_verb() {
    grammar_must_not_panic("grammar_non_ascii_doubled_verb.sayso");
}

// The first fuzzer artifact as found (a mutated cues.sayso).
#[test]
fn grammar_fuzz_crash_3edb0114() {
    grammar_must_not_panic("grammar_fuzz_crash_3edb0114.sayso");
}

// Property-test find (spans_are_inside_and_on_boundaries): a holder's party-and-state
// tag test ("R-Fla.") sliced a word's first two bytes, inside the "ü" of "Zürich";
// holder_tag_non_ascii.txt is that input and a natural sentence on the same path.

/// Every document in this directory (.txt/.md/.html) loads and analyses in all
/// three formats with spans inside the text.
#[test]
fn documents_do_not_panic() {
    let a = Analyzer::builtin();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
        if !["txt", "md", "html", "bin"].contains(&ext) {
            continue;
        }
        n += 1;
        let bytes = std::fs::read(&p).unwrap();
        for f in [Format::Text, Format::Markdown, Format::Html] {
            if let Ok(doc) = Document::from_bytes(p.display().to_string(), bytes.clone(), f) {
                let an = a.analyze(&doc);
                for st in &an.statements {
                    assert!(st.span.end <= doc.text.len());
                    assert!(doc.to_original(st.span).end <= bytes.len());
                }
            }
        }
    }
    assert!(n >= 1, "no regression documents found");
}
