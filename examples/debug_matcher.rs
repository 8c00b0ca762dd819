//! Developer aid: print tokens' lexicon hits and findings for a sentence.
//! `cargo run --example debug_matcher -- "text"`
fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let a = sayso::analysis::Analyzer::builtin();
    let seg = sayso::segment::segment(&text);
    let f = a.matcher.find(&text, &seg);
    for s in &seg.sentences {
        println!("sentence {:?} {:?}", s.span, s.kind);
    }
    for at in &f.attributions {
        println!(
            "attr {} {:?} cue={:?} src={:?} content={:?}",
            at.construction,
            at.stance,
            at.cue.slice(&text),
            at.source.as_ref().map(|s| (s.span.slice(&text), s.kind, &s.rule)),
            at.content.iter().map(|c| c.slice(&text)).collect::<Vec<_>>()
        );
    }
    for h in &f.hedges {
        println!("hedge {:?} {}", h.kind, h.span.slice(&text));
    }
    for m in &f.markers {
        println!("marker {:?} {}", m.verdict, m.span.slice(&text));
    }
}
