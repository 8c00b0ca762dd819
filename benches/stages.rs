//! Criterion benches for the library stages on text built from `corpus/`
//! (every file's prose projection, joined), or an embedded article of our own
//! when the corpus is empty: segmentation, matching, scoring, JSON writing,
//! and the whole `Analyzer::analyze`. The `scaling` group times the
//! adversarial inputs of tests/bounded.rs at n and 4n (the tests count their
//! work instead: linear is 4 times the time, quadratic 16).

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sayso::analysis::Analyzer;
use sayso::input::{Document, Format};
use std::hint::black_box;

#[path = "../tests/common/inputs.rs"]
mod inputs;
use inputs::speakers;

const EMBEDDED: &str = "Port Talks Collapse\n\nThe union said the strike would continue until a deal was reached. \
Officials familiar with the talks said the employer may raise its offer. The company denied that it had \
refused to negotiate.\n\nThe port handled 40,000 containers last year, according to the harbour authority. \
It is believed the dispute could spread to other terminals. Critics claimed the plan would reportedly cut \
jobs, a charge the minister rejected.\n\n\"We will not back down,\" the union leader, Maria Lopez, told reporters.\n";

/// The corpus prose, one article after another, about 64 KB.
fn corpus_text() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    let mut one = String::new();
    for p in paths {
        if let Ok(d) = Document::load(&p) {
            one.push_str(&d.text);
            one.push_str("\n\n");
        }
    }
    if one.trim().is_empty() {
        one = EMBEDDED.to_string();
    }
    let mut text = String::new();
    while text.len() < 64 * 1024 {
        text.push_str(&one);
    }
    text
}

fn stages(c: &mut Criterion) {
    let text = corpus_text();
    let analyzer = Analyzer::builtin();
    let seg = sayso::segment::segment(&text);
    let doc = Document::from_bytes("bench.txt", text.clone().into_bytes(), Format::Text).unwrap();
    let analysis = analyzer.analyze(&doc);

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("segment", |b| b.iter(|| sayso::segment::segment(black_box(&text))));
    g.bench_function("tokenize", |b| {
        let mut toks = Vec::new();
        b.iter(|| sayso::matcher::tokens::tokenize(black_box(&text), &mut toks))
    });
    g.bench_function("match", |b| b.iter(|| analyzer.matcher.find(black_box(&text), &seg)));
    g.bench_function("score", |b| {
        b.iter_batched(
            || analyzer.matcher.find(&text, &seg),
            |f| sayso::score::score(&text, black_box(&seg), f, &analyzer.models),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("json_line", |b| {
        b.iter(|| sayso::render::json::line(black_box(&doc), &analysis))
    });
    g.bench_function("analyze", |b| b.iter(|| analyzer.analyze(black_box(&doc))));
    g.bench_function("load_text", |b| {
        b.iter(|| Document::from_bytes("bench.txt", black_box(text.as_bytes().to_vec()), Format::Text).unwrap())
    });
    g.finish();
}

/// The inputs of the scaling tests in tests/bounded.rs, timed at n and 4n.
fn scaling(c: &mut Criterion) {
    let analyzer = Analyzer::builtin();
    let doc = |bytes: Vec<u8>, format| Document::from_bytes("scaling", bytes, format).unwrap();
    let utf16 = |s: String| {
        let mut b = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        b
    };
    let zurich = |n: usize| "Prices rose in Zürich. ".repeat(n);
    let html = |n: usize| {
        format!(
            "<html><body>{}</body></html>",
            "<p>\u{201c}The port is closed,\u{201d} the mayor said.</p>".repeat(n)
        )
    };
    let mut g = c.benchmark_group("scaling");
    for n in [1000, 4000] {
        // after the analysis: the line and column of each statement, in JSON Lines
        for (name, d) in [
            ("jsonl, Zürich line", doc(zurich(n).into_bytes(), Format::Text)),
            ("jsonl, UTF-16 Zürich line", doc(utf16(zurich(n)), Format::Text)),
            (
                "jsonl, curly-quoted HTML line",
                doc(html(n / 2).into_bytes(), Format::Html),
            ),
        ] {
            let a = analyzer.analyze(&d);
            g.bench_with_input(BenchmarkId::new(name, n), &(d, a), |b, (d, a)| {
                b.iter(|| sayso::render::json::line(d, a))
            });
        }
        // the analysis
        for (name, text) in [
            (
                "analyze, chained clausal cues",
                format!("The mayor {}was right.", "said that the official ".repeat(n)),
            ),
            (
                "analyze, according-to chain",
                format!("{}the bridge was safe.", "according to the mayor, ".repeat(n)),
            ),
        ] {
            let d = doc(text.into_bytes(), Format::Text);
            g.bench_with_input(BenchmarkId::new(name, n), &d, |b, d| {
                b.iter(|| analyzer.analyze(black_box(d)))
            });
        }
        // the sources over the analysis
        let d = doc(speakers(n).into_bytes(), Format::Text);
        let a = analyzer.analyze(&d);
        g.bench_with_input(
            BenchmarkId::new("sources, distinct speakers", n),
            &(d, a),
            |b, (d, a)| b.iter(|| sayso::holders::holders(&d.text, a)),
        );
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = stages, scaling
}
criterion_main!(benches);
