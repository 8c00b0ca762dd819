//! The HTML pages (docs/pages.md): `annotate --format html` and
//! `score --format html [--out-dir DIR]`, checked as text. The same pages in a
//! real browser are checked by `tests/html_chromium.rs`.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn sayso() -> Command {
    Command::cargo_bin("sayso").unwrap()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 page")
}

/// The statements of each file, as `annotate --format jsonl` reports them.
fn statements(path: &Path) -> Vec<Value> {
    let out = run_ok(sayso().args(["annotate", "--format", "jsonl"]).arg(path));
    let doc: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    doc["statements"].as_array().unwrap().clone()
}

/// How many of them make a claim: a non-claim (a byline) is shown untinted.
fn claims(sts: &[Value]) -> usize {
    sts.iter().filter(|s| s["kind"] != "non-claim").count()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Elements tinted as statements: `<span class="st v-...`.
fn tinted(page: &str) -> usize {
    page.matches("<span class=\"st v-").count()
}

/// No requests: no external resources of any kind, one inline script, a policy.
fn assert_self_contained(page: &str) {
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
    assert_eq!(page.matches("<script").count(), 1, "exactly the page's own script");
    assert!(page.contains("<script>\n(function"), "the script is inline");
    // (escaped article text may read `src=x`, but never with a quote: quotes are escaped too)
    for bad in [
        "<link",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "src=\"",
        "href=\"http",
        "url(",
        "@import",
    ] {
        assert!(!page.contains(bad), "page contains {bad:?}");
    }
    assert!(page.trim_end().ends_with("</html>"));
}

#[test]
fn article_pages_tint_every_statement_of_every_corpus_file() {
    for f in corpus_files() {
        let page = run_ok(sayso().args(["annotate", "--format", "html"]).arg(&f));
        let sts = statements(&f);
        assert!(!sts.is_empty());
        assert_eq!(tinted(&page), claims(&sts), "{}", f.display());
        for v in ["confirmed", "alleged", "disputed"] {
            let n = sts
                .iter()
                .filter(|s| s["verdict"] == v && s["kind"] != "non-claim")
                .count();
            assert_eq!(
                page.matches(&format!("<span class=\"st v-{v} ")).count(),
                n,
                "{} {v}",
                f.display()
            );
        }
        assert_self_contained(&page);
        // the legend, with the three verdicts and every kind of mark
        assert!(page.contains("id=\"legend\""));
        for v in ["tint v-confirmed", "tint v-alleged", "tint v-disputed"] {
            assert!(page.contains(v), "legend lacks {v}");
        }
        for m in [
            "h-modal",
            "h-evidential",
            "h-distancing",
            "h-weasel",
            "m-vague",
            "m-cue",
            "m-source",
            "m-marker",
        ] {
            assert!(page.contains(m), "legend lacks {m}");
        }
        // the summary on top: before the article
        let summary = page.find("class=\"card summary\"").expect("summary");
        let article = page.find("<article class=\"doc\">").expect("article");
        assert!(summary < article);
        // one details block per statement, with the evidence from the JSON
        assert_eq!(page.matches("<div class=\"why\" id=\"d0-why-").count(), sts.len());
        for (k, st) in sts.iter().enumerate() {
            let id = format!("id=\"d0-why-{k}\"");
            let at = page.find(&id).unwrap();
            let block = &page[at..at + page[at..].find("</div>").unwrap()];
            if let Some(e) = st["evidence"].as_array().and_then(|e| e.first()) {
                let feature = esc(e["feature"].as_str().unwrap());
                assert!(
                    block.contains(&feature),
                    "{} statement {k}: {feature} missing",
                    f.display()
                );
                assert!(block.contains(&format!("{:+.2}", e["weight"].as_f64().unwrap())));
            }
            assert!(block.contains(&format!("badge v-{}", st["verdict"].as_str().unwrap())));
        }
    }
}

#[test]
fn markdown_headings_lists_and_quotes_keep_their_structure() {
    let page = run_ok(
        sayso()
            .args(["annotate", "--format", "html", "corpus/09-school-closures.md"])
            .current_dir(root()),
    );
    // `# Title` and `## Section` (one level down: the page's own title is the h1)
    assert!(page.contains("<h2><span class=\"st "), "the # heading");
    assert!(page.contains("<h3><span class=\"st "), "the ## heading");
    assert_eq!(page.matches("<li><span class=\"st ").count(), 3, "the three list items");
    assert_eq!(page.matches("<ul>\n").count(), 1, "one list");
    assert!(page.contains("<blockquote><p><span class=\"st "));
    assert!(page.matches("<p><span class=\"st ").count() >= 6, "paragraphs");
    // a heading of an HTML article
    let page = run_ok(
        sayso()
            .args(["annotate", "--format", "html", "corpus/12-bridge-inspection.html"])
            .current_dir(root()),
    );
    assert!(page.contains("<h2><span class=\"st "));
}

#[test]
fn article_text_is_escaped_everywhere() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("evil.txt");
    std::fs::write(
        &f,
        "Council <b>row</b> over budget\n\n\
         The mayor said <script>alert(1)</script> was a joke. \
         Critics claimed \"><img src=x onerror=alert(1)> may be 'quoted' & worse.\n",
    )
    .unwrap();
    let page = run_ok(sayso().args(["annotate", "--format", "html"]).arg(&f));
    assert_self_contained(&page);
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("Council &lt;b&gt;row&lt;/b&gt;"));
    assert!(!page.contains("<b>row"));
    assert!(page.contains("&#39;quoted&#39; &amp; worse"));
    // nothing of the article stands unescaped, in text or in an attribute (the
    // tooltips repeat the words)
    assert!(!page.contains("alert(1)</"));
    assert!(!page.contains("\"><img"));
}

#[test]
fn several_files_make_one_page_with_distinct_ids() {
    let files = ["corpus/01-port-strike.txt", "corpus/10-water-rates.md"];
    let page = run_ok(
        sayso()
            .args(["annotate", "--format", "html"])
            .args(files)
            .current_dir(root()),
    );
    assert_self_contained(&page);
    let n: usize = files.iter().map(|f| claims(&statements(&root().join(f)))).sum();
    assert_eq!(tinted(&page), n);
    assert!(page.contains("id=\"d0-why-0\"") && page.contains("id=\"d1-why-0\""));
    assert_eq!(page.matches("<h2 class=\"doc-path\">").count(), 2);
    assert_eq!(page.matches("<!DOCTYPE html>").count(), 1);
}

#[test]
fn corpus_report_on_standard_output() {
    let page = run_ok(
        sayso()
            .args(["score", "--format", "html", "-q", "corpus"])
            .current_dir(root()),
    );
    assert_self_contained(&page);
    let files = corpus_files();
    assert!(page.contains("id=\"legend\""));
    assert_eq!(
        page.matches("<tr><td data-v=").count(),
        files.len(),
        "one row per article"
    );
    // without --out-dir the rows link nowhere
    assert!(!page.contains("href=\"articles/"));
    for id in ["distributions", "folders", "cues-sources", "articles"] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(page.matches("<svg").count() >= 7, "charts");
    assert!(page.contains("table class=\"articles sortable\""));
    assert!(page.contains("<th data-sort=\"num\" data-key=\"unnamed\">unnamed</th>"));
    // totals agree with score --format json
    let json: Value = serde_json::from_str(&run_ok(
        sayso()
            .args(["score", "--format", "json", "corpus"])
            .current_dir(root()),
    ))
    .unwrap();
    let st = json["summary"]["statements"].as_u64().unwrap();
    assert!(page.contains(&format!("<b>{st}</b> statements")));
    // the same page whatever the number of threads
    let again = run_ok(
        sayso()
            .args(["score", "--format", "html", "-q", "-j", "1", "corpus"])
            .current_dir(root()),
    );
    assert_eq!(page, again);
}

fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let t = e.file_type().unwrap();
            if t.is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

/// `href="..."` targets in a page.
fn links(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn out_dir_writes_a_linked_page_per_article() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("site");
    let o = sayso()
        .args(["score", "--format", "html", "--out-dir"])
        .arg(&dir)
        .arg("corpus")
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty(), "the report goes to DIR/index.html");
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert_self_contained(&index);
    let files = corpus_files();
    let hrefs = links(&index);
    assert_eq!(hrefs.len(), files.len(), "{hrefs:?}");
    for f in &files {
        let shown = format!("corpus/{}", f.file_name().unwrap().to_string_lossy());
        let name = format!("articles/{}.html", f.file_name().unwrap().to_string_lossy());
        assert!(
            index.contains(&format!("<a href=\"{name}\">{shown}</a>")),
            "{name} not linked"
        );
        let page = std::fs::read_to_string(dir.join(&name)).unwrap();
        assert_self_contained(&page);
        assert_eq!(tinted(&page), claims(&statements(f)), "{name}");
        assert!(page.contains("<a href=\"../index.html\">"), "a way back to the report");
    }
    let written = all_files(&dir);
    assert_eq!(
        written.len(),
        files.len() + 1,
        "pages and index only (no temporary files): {written:?}"
    );
    // --out-dir alone means html
    let dir2 = out.path().join("site2");
    run_ok(
        sayso()
            .arg("score")
            .arg("--out-dir")
            .arg(&dir2)
            .arg("corpus/01-port-strike.txt")
            .current_dir(root()),
    );
    assert!(dir2.join("articles/01-port-strike.txt.html").is_file());
}

#[test]
fn out_dir_never_writes_outside_whatever_the_names() {
    let t = tempfile::tempdir().unwrap();
    let base = t.path();
    let art = "Mayor Ana Ruiz said the bridge was safe. Critics claimed it may close.\n";
    let corpus = base.join("corpus");
    std::fs::create_dir_all(corpus.join("outlet")).unwrap();
    std::fs::create_dir_all(corpus.join("work")).unwrap();
    let hostile = [
        "outlet/\"><img src=x onerror=alert(1)>.txt",
        "outlet/..evil.txt",
        "outlet/a b.txt",
        "outlet/a_b.txt",
        "outlet/A_B.txt",
        "outlet/-rf.txt",
        "outlet/CON.txt",
        "outlet/x..\\..\\evil.md",
        "outlet/é è.md",
        "index.html.txt",
    ];
    for h in hostile {
        std::fs::write(corpus.join(h), art).unwrap();
    }
    std::fs::write(base.join("evil.txt"), art).unwrap();
    let before = all_files(base);
    let out = corpus.join("work").join("out");
    // a directory, and a file reached through `..`, as a user might give them
    let o = sayso()
        .args(["score", "-q", "--out-dir"])
        .arg(&out)
        .arg("outlet")
        .arg("../evil.txt")
        .arg("work/../index.html.txt")
        .current_dir(&corpus)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = all_files(base);
    let new: Vec<&PathBuf> = after.iter().filter(|p| !before.contains(p)).collect();
    for p in &new {
        assert!(p.starts_with(&out), "written outside --out-dir: {}", p.display());
    }
    // every file that was there is unchanged
    for p in &before {
        assert_eq!(std::fs::read_to_string(p).unwrap(), art, "{} changed", p.display());
    }
    let pages: Vec<&PathBuf> = new
        .iter()
        .copied()
        .filter(|p| p.starts_with(out.join("articles")))
        .collect();
    // the walk skips hidden files (`..evil.txt`); the rest each get a page
    let expected = hostile.len() - 1 + 1;
    assert_eq!(pages.len(), expected, "{new:?}");
    assert!(out.join("index.html").is_file());
    for p in &pages {
        let name = p.file_name().unwrap().to_str().unwrap();
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) && !name.starts_with('.'),
            "{name}"
        );
        assert_eq!(p.parent().unwrap(), out.join("articles"));
    }
    // the report links each page by its plain name, and shows the hostile name escaped
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_self_contained(&index);
    let hrefs = links(&index);
    assert_eq!(hrefs.len(), expected);
    for h in &hrefs {
        let parts: Vec<&str> = h.split('/').collect();
        assert!(
            parts.len() == 2 && parts[0] == "articles" && !parts[1].starts_with('.'),
            "{h}"
        );
        assert!(out.join(h).is_file(), "{h}");
    }
    assert!(index.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt"));
    // collisions are resolved the same way every run
    let again = corpus.join("work").join("again");
    run_ok(
        sayso()
            .args(["score", "-q", "--out-dir"])
            .arg(&again)
            .arg("outlet")
            .arg("../evil.txt")
            .arg("work/../index.html.txt")
            .current_dir(&corpus),
    );
    let names = |d: &Path| -> Vec<String> {
        all_files(d)
            .iter()
            .map(|p| p.strip_prefix(d).unwrap().display().to_string())
            .collect()
    };
    assert_eq!(names(&out), names(&again));
}

#[cfg(unix)]
#[test]
fn out_dir_refuses_an_articles_link_that_leads_elsewhere() {
    let t = tempfile::tempdir().unwrap();
    let elsewhere = t.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let out = t.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("articles")).unwrap();
    let o = sayso()
        .arg("score")
        .arg("--out-dir")
        .arg(&out)
        .arg(root().join("corpus/01-port-strike.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a directory"));
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[test]
fn html_options_that_do_not_fit_are_usage_errors() {
    for args in [
        &["score", "--format", "csv", "--out-dir", "x", "corpus"][..],
        &["score", "--format", "html", "--per-statement", "corpus"][..],
        &["score", "--format", "html", "--input-format", "jsonl"][..],
    ] {
        let o = sayso().args(args).current_dir(root()).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty());
    }
    assert!(!root().join("x").exists());
}

#[test]
fn help_mentions_the_new_format_and_out_dir() {
    let h = run_ok(sayso().args(["score", "--help"]));
    assert!(h.contains("--out-dir <DIR>") && h.contains("html"));
    let h = run_ok(sayso().args(["annotate", "--help"]));
    assert!(h.contains("html"));
}
