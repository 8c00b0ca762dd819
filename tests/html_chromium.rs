//! The HTML pages in a real browser: headless Chromium loads the article page
//! and the corpus report and we read back the DOM it built (after its scripts
//! ran), and keep screenshots in `target/test-artifacts/`.
//!
//! Chromium is found as `$SAYSO_CHROMIUM`, else `chromium` or
//! `chromium-browser` on the PATH. Without it these tests print a note and
//! pass, unless `SAYSO_REQUIRE_CHROMIUM=1` (as `.ci/run` sets), when they fail.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

fn sayso() -> Command {
    Command::cargo_bin("sayso").unwrap()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where screenshots are kept: `target/test-artifacts/`.
fn artifacts() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.parent().unwrap_or(&tmp).join("test-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SAYSO_CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// The browser, or `None` (with a note) when it is missing and not required.
fn chromium(test: &str) -> Option<PathBuf> {
    match find_chromium() {
        Some(p) => Some(p),
        None if std::env::var("SAYSO_REQUIRE_CHROMIUM").is_ok_and(|v| v == "1") => panic!(
            "SAYSO_REQUIRE_CHROMIUM=1 but no Chromium was found (looked for $SAYSO_CHROMIUM, then \
             `chromium` and `chromium-browser` on the PATH); install it with \
             `apt-get install -y --no-install-recommends chromium` (as .ci/run does)"
        ),
        None => {
            eprintln!(
                "note: {test}: skipped, Chromium is not installed (apt-get install chromium, or set \
                 SAYSO_CHROMIUM; SAYSO_REQUIRE_CHROMIUM=1 makes this a failure)"
            );
            None
        }
    }
}

/// Run headless Chromium on `url` with `extra` flags; its standard output.
/// A fresh profile each time, no network, killed after two minutes.
fn browse(chrome: &Path, url: &str, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--mute-audio",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chrome.display()));
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed on {url}: {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish on {url} within two minutes (a dialog left open by a script?)");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

fn dump_dom(chrome: &Path, file: &Path, fragment: &str) -> String {
    let url = format!("file://{}{fragment}", file.display());
    let dom = browse(chrome, &url, &["--dump-dom"]);
    assert!(dom.contains("</html>"), "no DOM from chromium for {url}: {dom:?}");
    dom
}

fn screenshot(chrome: &Path, file: &Path, name: &str, height: u32) -> PathBuf {
    let png = artifacts().join(name);
    let _ = std::fs::remove_file(&png);
    let url = format!("file://{}", file.display());
    browse(
        chrome,
        &url,
        &[
            &format!("--screenshot={}", png.display()),
            &format!("--window-size=1280,{height}"),
        ],
    );
    let bytes = std::fs::read(&png).unwrap_or_else(|e| panic!("no screenshot {}: {e}", png.display()));
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 10_000,
        "{} is not a page",
        png.display()
    );
    png
}

fn statement_count(file: &Path) -> usize {
    let out = sayso()
        .args(["annotate", "--format", "jsonl"])
        .arg(file)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(out.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    // the statements that make a claim: a non-claim (a byline) is shown untinted
    (doc["statements"].as_array().unwrap().iter())
        .filter(|s| s["kind"] != "non-claim")
        .count()
}

fn write_page(dir: &Path, name: &str, args: &[&str], input: &Path) -> PathBuf {
    let out = sayso().args(args).arg(input).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let p = dir.join(name);
    std::fs::write(&p, &out.stdout).unwrap();
    p
}

/// The rendered DOM's tinted statements (`<span class="st v-...`).
fn tinted(dom: &str) -> usize {
    dom.matches("<span class=\"st v-").count()
}

#[test]
fn article_page_in_chromium_shows_the_legend_and_every_statement_tinted() {
    let Some(chrome) = chromium("article page") else { return };
    let d = tempfile::tempdir().unwrap();
    for (file, shot) in [
        ("corpus/01-port-strike.txt", "article-01-port-strike.png"),
        ("corpus/09-school-closures.md", "article-09-school-closures.png"),
    ] {
        let input = root().join(file);
        let page = write_page(d.path(), "page.html", &["annotate", "--format", "html"], &input);
        let dom = dump_dom(&chrome, &page, "");
        // the page's own script ran (the policy allows it by its hash) ...
        assert!(dom.contains("data-ready=\"1\""), "the page script did not run");
        assert!(dom.contains("<html lang=\"en\" class=\"js\""));
        // ... the legend shows the three verdicts ...
        assert!(dom.contains("id=\"legend\""));
        for v in ["confirmed", "alleged", "disputed"] {
            assert!(
                dom.contains(&format!("<span class=\"tint v-{v}\">{v}</span>")),
                "legend: {v}"
            );
        }
        // ... and every statement of the JSON output is tinted
        let n = statement_count(&input);
        assert!(n > 5);
        assert_eq!(tinted(&dom), n, "{file}");
        // selecting a statement (here through the address) shows why in the panel
        let dom = dump_dom(&chrome, &page, "#d0-st-2");
        let panel = &dom[dom.find("class=\"panel-body\"").unwrap()..];
        assert!(
            panel.starts_with("class=\"panel-body\"><div class=\"why\" data-of=\"d0-why-2\""),
            "{}",
            &panel[..200]
        );
        assert!(panel.contains("What decided the verdict"));
        assert!(dom.contains("class=\"st v-") && dom.contains(" sel\" id=\"d0-st-2\""));
        screenshot(&chrome, &page, shot, 2000);
    }
}

#[test]
fn corpus_report_in_chromium_links_every_article_page() {
    let Some(chrome) = chromium("corpus report") else {
        return;
    };
    let d = tempfile::tempdir().unwrap();
    let site = d.path().join("site");
    let out = sayso()
        .args(["score", "-q", "--out-dir"])
        .arg(&site)
        .arg(root().join("corpus"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let index = site.join("index.html");
    let dom = dump_dom(&chrome, &index, "");
    assert!(dom.contains("data-ready=\"1\""));
    assert!(dom.contains("id=\"legend\""));
    for v in ["confirmed", "alleged", "disputed"] {
        assert!(
            dom.contains(&format!("<span class=\"swatch v-{v}\"></span>{v}")),
            "legend: {v}"
        );
    }
    let files = std::fs::read_dir(root().join("corpus")).unwrap().count();
    assert_eq!(dom.matches("<a href=\"articles/").count(), files);
    assert!(dom.matches("<svg").count() >= 7);
    screenshot(&chrome, &index, "corpus-report.png", 2400);
    // the table sorts (here through the address, as a click would): most unnamed first
    let unnamed = |dom: &str| -> Vec<f64> {
        let body = &dom[dom.find("<tbody>").unwrap()..dom.find("</tbody>").unwrap()];
        body.split("<tr>")
            .skip(1)
            .map(|row| {
                let cell = row.split("<td data-v=\"").nth(7).unwrap(); // (the folder cell has a class first)
                cell[..cell.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    };
    let before = unnamed(&dom);
    let sorted = dump_dom(&chrome, &index, "#sort=-unnamed");
    assert!(sorted.contains("data-key=\"unnamed\" aria-sort=\"descending\""));
    let after = unnamed(&sorted);
    let mut expected = before.clone();
    expected.sort_by(|a, b| b.total_cmp(a));
    assert_eq!(after, expected, "rows sorted by unnamed share, descending");
    assert_ne!(before, after, "the corpus's own order is not already sorted");
    // one article page, reached as the report links it
    let first = &dom[dom.find("<a href=\"articles/").unwrap() + 9..];
    let href = &first[..first.find('"').unwrap()];
    let page = site.join(href);
    let dom = dump_dom(&chrome, &page, "");
    let file = root()
        .join("corpus")
        .join(href.trim_start_matches("articles/").trim_end_matches(".html"));
    assert_eq!(tinted(&dom), statement_count(&file), "{href}");
    assert!(dom.contains("<a href=\"../index.html\">"));
    screenshot(&chrome, &page, "corpus-article-page.png", 1600);
}

/// The payloads: each would change the title, add an element or leave a mark
/// on the page if it ran.
const PAYLOAD_TXT: &str = "Payload <b>bold</b> headline\n\n\
The mayor said <script>alert(1);document.title='pwned';document.body.appendChild(document.createElement('hr'))</script> \
was only a test. Critics claimed \"><img src=x onerror=alert(1)> was worse, and '><svg onload=\"document.title='pwned'\"> too. \
Others said <iframe srcdoc=\"<script>parent.document.title='pwned'</script>\"></iframe> may follow.\n";

const PAYLOAD_HTML: &str = "<html><head><title>x</title><script>document.title='pwned'</script></head><body>\
<h1>Payload &lt;script&gt;document.title='pwned'&lt;/script&gt;</h1>\
<p>The council said &lt;script&gt;alert(1)&lt;/script&gt; was harmless. \
Critics claimed &quot;&gt;&lt;img src=x onerror=alert(1)&gt; was not.</p>\
<p onclick=\"document.title='pwned'\">Officials denied it.<img src=x onerror=\"document.title='pwned'\"></p></body></html>";

fn assert_inert(dom: &str, what: &str) {
    let title = &dom[dom.find("<title>").unwrap()..dom.find("</title>").unwrap()];
    assert!(
        !title.contains("pwned"),
        "{what}: a script ran and changed the title: {title}"
    );
    assert!(!dom.contains("<hr"), "{what}: a script ran and added an element");
    assert_eq!(dom.matches("<script").count(), 1, "{what}: only the page's own script");
    // (a text node may hold `onload="`: only an element could act on it)
    for bad in ["<img", "<iframe", "<svg onload", "<b>bold", "<p onclick"] {
        assert!(!dom.contains(bad), "{what}: the DOM holds {bad:?}");
    }
}

#[test]
fn article_scripts_and_markup_never_run_in_chromium() {
    let Some(chrome) = chromium("payloads") else { return };
    let d = tempfile::tempdir().unwrap();
    let corpus = d.path().join("corpus");
    std::fs::create_dir_all(corpus.join("outlet")).unwrap();
    let txt = corpus.join("outlet").join("payload.txt");
    std::fs::write(&txt, PAYLOAD_TXT).unwrap();
    let html = corpus.join("outlet").join("payload.html");
    std::fs::write(&html, PAYLOAD_HTML).unwrap();
    // a file name that is itself a payload
    let named = corpus.join("\"><img src=x onerror=alert(1)>.txt");
    std::fs::write(&named, "The mayor said the bridge was safe.\n").unwrap();

    let page = write_page(d.path(), "txt.html", &["annotate", "--format", "html"], &txt);
    let dom = dump_dom(&chrome, &page, "");
    assert_inert(&dom, "text article");
    assert!(dom.contains("data-ready=\"1\""));
    // the raw text is shown, escaped
    assert!(dom.contains("&lt;script&gt;alert(1);document.title='pwned';"));
    assert!(dom.contains("\"&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(dom.contains("Payload &lt;b&gt;bold&lt;/b&gt; headline"));
    assert_eq!(tinted(&dom), statement_count(&txt));
    // also inside the details panel, once shown
    let dom = dump_dom(&chrome, &page, "#d0-st-1");
    assert_inert(&dom, "text article, panel open");
    screenshot(&chrome, &page, "payload-article.png", 1200);

    let page = write_page(d.path(), "html.html", &["annotate", "--format", "html"], &html);
    let dom = dump_dom(&chrome, &page, "");
    assert_inert(&dom, "HTML article");
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(dom.contains("\"&gt;&lt;img src=x onerror=alert(1)&gt;"));

    let site = d.path().join("site");
    let out = sayso()
        .args(["score", "-q", "--out-dir"])
        .arg(&site)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dom = dump_dom(&chrome, &site.join("index.html"), "");
    assert_inert(&dom, "report");
    assert!(dom.contains("\"&gt;&lt;img src=x onerror=alert(1)&gt;.txt"));
    for entry in std::fs::read_dir(site.join("articles")).unwrap() {
        let p = entry.unwrap().path();
        let dom = dump_dom(&chrome, &p, "");
        assert_inert(&dom, &p.display().to_string());
    }
}
