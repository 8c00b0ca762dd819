//! Pages for people who will not open a terminal: the annotated article as
//! one self-contained HTML page (`annotate --format html`), and the corpus
//! report with inline SVG charts (`score --format html`).
//!
//! A printer like the other renderers: it reads a `Document` and its
//! `Analysis` and never analyses. The evidence, probabilities and rules shown
//! for each statement are the very values `--format json` prints
//! (`render::json::document`), so the page and the JSON cannot disagree.
//!
//! Safety: every piece of article text (and every path) goes through
//! [`escape`], in text and in attribute values alike, so nothing in an article
//! can open a tag. The pages also carry a Content-Security-Policy that allows
//! no requests at all and only the one inline script below (by its hash), so
//! even a mistake here could not run an article's script or fetch anything.

use crate::holders::Holder;
use crate::input::{Document, Format};
use crate::model::{Analysis, HedgeKind, SourceKind, Statement, Summary, Verdict};
use crate::render::score::{Distribution, Totals};
use crate::span::Span;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write;

// ---------------------------------------------------------------------------
// escaping

/// Append `s` to `out` escaped for HTML text and for (double- or
/// single-quoted) attribute values. Control characters other than tab and
/// line breaks become U+FFFD, so the page stays well-formed.
pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// `s` escaped for HTML text and attribute values (see [`push_escaped`]).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    push_escaped(&mut out, s);
    out
}

/// Line breaks and tabs as spaces (a statement reads as one run of text).
fn flat(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

// ---------------------------------------------------------------------------
// the page frame: style, script, policy

/// The one script either page runs: select a statement to see why it got its
/// verdict (article page), sort the table by a column (report). Allowed by
/// its hash in the page's Content-Security-Policy; change one, change both
/// (`SCRIPT_SHA256` is checked by a test).
pub const SCRIPT: &str = r#"
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  root.setAttribute("data-ready", "1");
  function show(st) {
    var doc = st.closest(".doc-wrap");
    if (!doc) return;
    var panel = doc.querySelector(".panel-body");
    var src = document.getElementById(st.getAttribute("data-why"));
    if (!panel || !src) return;
    var old = doc.querySelectorAll(".st.sel");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("sel");
    st.classList.add("sel");
    var copy = src.cloneNode(true);
    copy.removeAttribute("id");
    copy.setAttribute("data-of", src.id);
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    panel.appendChild(copy);
  }
  document.addEventListener("click", function (e) {
    var st = e.target.closest ? e.target.closest(".st") : null;
    if (st) show(st);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" && e.key !== " ") return;
    var st = document.activeElement;
    if (st && st.classList && st.classList.contains("st")) { e.preventDefault(); show(st); }
  });
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var st = id ? document.getElementById(id) : null;
    if (st && st.classList.contains("st")) { show(st); st.scrollIntoView({ block: "center" }); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  function value(row, col) {
    var cell = row.cells[col];
    return cell ? cell.getAttribute("data-v") || "" : "";
  }
  function sortBy(th, asc) {
    var table = th.closest("table"), body = table.tBodies[0];
    var col = th.cellIndex, num = th.getAttribute("data-sort") === "num";
    var all = table.querySelectorAll("th[data-sort]");
    for (var k = 0; k < all.length; k++) all[k].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, col), y = value(b, col), c;
      if (num) { c = (parseFloat(x) || 0) - (parseFloat(y) || 0); }
      else { c = x < y ? -1 : x > y ? 1 : 0; }
      return asc ? c : -c;
    });
    for (var r = 0; r < rows.length; r++) body.appendChild(rows[r]);
  }
  var heads = document.querySelectorAll("table.sortable th[data-sort]");
  for (var h = 0; h < heads.length; h++) {
    heads[h].addEventListener("click", function () {
      sortBy(this, this.getAttribute("aria-sort") !== "ascending");
    });
  }
  var m = /^#sort=(-?)([a-z_]+)$/.exec(location.hash);
  if (m) {
    var th = document.querySelector("table.sortable th[data-key='" + m[2] + "']");
    if (th) sortBy(th, m[1] !== "-");
  }
})();
"#;

/// base64(SHA-256(`SCRIPT`)), for the Content-Security-Policy.
pub const SCRIPT_SHA256: &str = "rc0vO/N/MQo1IMCD1ldt/RvIy91tzTPOI97Wmq8l4P0=";

const STYLE: &str = r#"
:root { --confirmed: #e3f3e6; --confirmed-edge: #2e7d32; --alleged: #fff1c7; --alleged-edge: #b7860b;
  --disputed: #fcdcdc; --disputed-edge: #c62828; --ink: #1f2328; --muted: #59636e; --line: #d0d7de;
  --named: #1565c0; --unnamed: #8e24aa; --none: #9aa4ad; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fafafa; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header.top { background: #fff; border-bottom: 1px solid var(--line); padding: 12px 24px; }
header.top .crumbs { font-size: 13px; color: var(--muted); }
header.top h1 { font-size: 18px; margin: 2px 0 0; word-break: break-all; }
a { color: #0b57d0; }
.wrap { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
section.card, aside.panel { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 0 0 16px; }
section.card h2 { font-size: 15px; margin: 0 0 8px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.reading { font-size: 17px; margin: 0 0 8px; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 20px; font-size: 14px; color: var(--muted); margin: 0 0 8px; padding: 0; list-style: none; }
.facts b { color: var(--ink); }
.bar { display: flex; height: 14px; border-radius: 4px; overflow: hidden; border: 1px solid var(--line); }
.bar span { display: block; height: 100%; }
.bar .v-confirmed, .swatch.v-confirmed { background: var(--confirmed-edge); }
.bar .v-alleged, .swatch.v-alleged { background: var(--alleged-edge); }
.bar .v-disputed, .swatch.v-disputed { background: var(--disputed-edge); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 14px; align-items: baseline; margin: 0; padding: 0; list-style: none; }
.legend .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; vertical-align: -1px; margin-right: 4px; }
.legend .tint { padding: 1px 6px; border-radius: 3px; }
.legend .tint.v-confirmed { background: var(--confirmed); box-shadow: inset 0 -2px 0 var(--confirmed-edge); }
.legend .tint.v-alleged { background: var(--alleged); box-shadow: inset 0 -2px 0 var(--alleged-edge); }
.legend .tint.v-disputed { background: var(--disputed); box-shadow: inset 0 -2px 0 var(--disputed-edge); }
.legend .note { color: var(--muted); font-size: 13px; }
.warnings { color: #8a4b00; font-size: 14px; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 380px; gap: 16px; align-items: start; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
article.doc { overflow-wrap: anywhere; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 28px 20px; font: 18px/1.75 Georgia, "Times New Roman", serif; }
article.doc h2, article.doc h3, article.doc h4, article.doc h5, article.doc h6 { font-family: system-ui, sans-serif; line-height: 1.3; }
article.doc p.headline { font-weight: 700; }
article.doc blockquote { border-left: 3px solid var(--line); margin: 0 0 1em; padding-left: 16px; }
article.doc .rows div { padding: 2px 0; }
.st { border-radius: 3px; padding: 1px 1px; cursor: pointer; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.st.v-confirmed { background: var(--confirmed); box-shadow: inset 0 -2px 0 var(--confirmed-edge); }
.st.v-alleged { background: var(--alleged); box-shadow: inset 0 -2px 0 var(--alleged-edge); }
.st.v-disputed { background: var(--disputed); box-shadow: inset 0 -2px 0 var(--disputed-edge); }
.st.nc { color: #6b7280; }
.st:hover, .st:focus { outline: 2px solid #9aa4ad; outline-offset: 1px; }
.st.sel { outline: 2px solid var(--ink); outline-offset: 1px; }
.m-source { text-decoration: underline 2px; text-underline-offset: 3px; }
.m-source.k-named { text-decoration-color: var(--named); }
.m-source.k-unnamed { text-decoration-color: var(--unnamed); text-decoration-style: double; }
.m-cue { font-weight: 700; color: #6b4700; }
.m-hedge { font-style: italic; color: #6a1b9a; text-decoration: underline 2px; text-underline-offset: 3px; }
.m-hedge.h-modal { text-decoration-style: dotted; }
.m-hedge.h-evidential { text-decoration-style: dashed; }
.m-hedge.h-distancing { text-decoration-style: double; }
.m-hedge.h-weasel { text-decoration-style: wavy; }
.m-vague { color: #0d47a1; border: 1px dashed #5c8dd6; border-radius: 3px; padding: 0 2px; }
.m-marker { font-weight: 700; color: #b71c1c; text-decoration: underline 2px wavy #b71c1c; text-underline-offset: 3px; }
aside.panel { position: sticky; top: 12px; font-size: 14px; max-height: calc(100vh - 24px); overflow: auto; }
aside.panel h2 { font-size: 15px; margin: 0 0 8px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.panel-body .hint { color: var(--muted); }
.why { border-top: 1px solid var(--line); padding: 8px 0; font-size: 14px; }
.why h3 { font-size: 14px; margin: 0 0 4px; }
.why h4 { font-size: 13px; margin: 10px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.why .quote { font-family: Georgia, serif; margin: 0 0 6px; }
.why table { border-collapse: collapse; width: 100%; }
.why td { padding: 1px 4px; vertical-align: top; border-bottom: 1px solid #eef0f2; overflow-wrap: anywhere; }
.why td:nth-child(3) { width: 38%; }
.why td.w { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.why td.w.pos { color: #1b5e20; } .why td.w.neg { color: #b71c1c; }
.why ul { margin: 0; padding-left: 18px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 700; color: #fff; }
.badge.v-confirmed { background: var(--confirmed-edge); } .badge.v-alleged { background: var(--alleged-edge); }
.badge.v-disputed { background: var(--disputed-edge); }
.panel-body .why { border-top: 0; padding-top: 0; }
.js section.details { display: none; }
table.articles { border-collapse: collapse; width: 100%; font-size: 14px; background: #fff; }
table.articles th, table.articles td { padding: 4px 8px; border-bottom: 1px solid #eef0f2; text-align: right; white-space: nowrap; }
table.articles th:first-child, table.articles td:first-child, table.articles th.l, table.articles td.l { text-align: left; }
table.articles td:first-child { white-space: normal; word-break: break-all; }
table.articles th { position: sticky; top: 0; background: #f3f5f7; cursor: pointer; user-select: none; }
table.articles th[aria-sort="ascending"]::after { content: " \25B2"; }
table.articles th[aria-sort="descending"]::after { content: " \25BC"; }
table.articles td.err { color: #b71c1c; text-align: left; white-space: normal; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(270px, 1fr)); gap: 12px; }
.charts figure { margin: 0; }
.charts.wide { grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); }
figure { margin: 0; }
figcaption { font-size: 13px; color: var(--muted); }
figure svg { max-width: 100%; height: auto; }
svg text { font: 11px system-ui, sans-serif; fill: #444; }
svg .c-confirmed { fill: var(--confirmed-edge); } svg .c-alleged { fill: var(--alleged-edge); }
svg .c-disputed { fill: var(--disputed-edge); } svg .c-unnamed { fill: var(--unnamed); }
svg .c-named { fill: var(--named); } svg .c-none { fill: var(--none); } svg .c-cue { fill: #6b4700; }
svg .axis { stroke: #999; stroke-width: 1; }
"#;

/// The head of a page: policy first, then title and style.
fn head(out: &mut String, title: &str) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'sha256-{SCRIPT_SHA256}'; img-src data:; \
         base-uri 'none'; form-action 'none'\">"
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"sayso\">\n<title>");
    push_escaped(out, title);
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n");
}

fn tail(out: &mut String) {
    out.push_str("<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
}

// ---------------------------------------------------------------------------
// the annotated article

/// How one article page is framed.
#[derive(Debug, Clone, Default)]
pub struct PageOptions<'a> {
    /// a link back to the corpus report (`score --out-dir`): its relative URL
    pub back: Option<&'a str>,
}

/// The start of a page of annotated articles: head, top bar, legend.
pub fn page_start(title: &str, opts: &PageOptions) -> String {
    let mut out = String::with_capacity(16 * 1024);
    head(&mut out, &format!("{title} · sayso"));
    out.push_str("<body>\n<header class=\"top\"><div class=\"crumbs\">");
    if let Some(back) = opts.back {
        out.push_str("<a href=\"");
        push_escaped(&mut out, back);
        out.push_str("\">← corpus report</a> · ");
    }
    out.push_str("sayso · annotated article</div><h1>");
    push_escaped(&mut out, title);
    out.push_str("</h1></header>\n<div class=\"wrap\">\n");
    legend(&mut out);
    out
}

/// The end of a page of annotated articles.
pub fn page_end() -> String {
    let mut out = String::from("</div>\n");
    tail(&mut out);
    out
}

/// One whole page for one document.
pub fn page(doc: &Document, a: &Analysis, opts: &PageOptions) -> String {
    let mut out = page_start(&doc.path, opts);
    out.push_str(&document(doc, a, 0, false));
    out.push_str(&page_end());
    out
}

fn legend(out: &mut String) {
    out.push_str(
        "<section class=\"card\" id=\"legend\"><h2>Legend</h2>\n<ul class=\"legend verdicts\">\
<li><span class=\"tint v-confirmed\">confirmed</span> <span class=\"note\">the writer states it, or a source vouches for it</span></li>\
<li><span class=\"tint v-alleged\">alleged</span> <span class=\"note\">rests on someone's say-so, or the writer hedges it</span></li>\
<li><span class=\"tint v-disputed\">disputed</span> <span class=\"note\">reported as contested</span></li>\
</ul>\n<ul class=\"legend marks\">\
<li><span class=\"m-source k-named\">named source</span></li>\
<li><span class=\"m-source k-unnamed\">unnamed source</span></li>\
<li><span class=\"m-cue\">cue</span></li>\
<li><span class=\"m-hedge h-modal\">modal</span>, <span class=\"m-hedge h-evidential\">evidential</span>, \
<span class=\"m-hedge h-distancing\">distancing</span>, <span class=\"m-hedge h-weasel\">weasel</span> \
<span class=\"note\">hedges</span></li>\
<li><span class=\"m-vague\">vague</span> <span class=\"note\">reported, moves no verdict</span></li>\
<li><span class=\"m-marker\">marker</span> <span class=\"note\">contests a claim</span></li>\
<li class=\"note\">Select a statement to see the evidence and rules behind its verdict.</li>\
</ul></section>\n",
    );
}

fn verdict_bar(out: &mut String, s: &Summary) {
    out.push_str("<div class=\"bar\" role=\"img\" aria-label=\"");
    let _ = write!(
        out,
        "{} confirmed, {} alleged, {} disputed",
        s.confirmed, s.alleged, s.disputed
    );
    out.push_str("\">");
    for (v, n) in [
        (Verdict::Confirmed, s.confirmed),
        (Verdict::Alleged, s.alleged),
        (Verdict::Disputed, s.disputed),
    ] {
        if n > 0 {
            let _ = write!(
                out,
                "<span class=\"v-{}\" style=\"width:{:.3}%\" title=\"{} {} ({})\"></span>",
                v.as_str(),
                s.share(n) * 100.0,
                n,
                v.as_str(),
                pct(s.share(n))
            );
        }
    }
    out.push_str("</div>");
}

fn summary_card(out: &mut String, doc: &Document, a: &Analysis) {
    let s = &a.summary;
    out.push_str("<section class=\"card summary\"><h2>Summary</h2><p class=\"reading\">");
    push_escaped(out, &s.reading());
    out.push_str("</p><ul class=\"facts\">");
    let _ = write!(
        out,
        "<li><b>{}</b> {}</li><li><b>{}</b> confirmed ({})</li><li><b>{}</b> alleged ({})</li>\
         <li><b>{}</b> disputed ({})</li><li>sources: <b>{}</b> none, <b>{}</b> named, <b>{}</b> unnamed ({} unnamed)</li>\
         <li><b>{}</b> {} ({} vague) in <b>{}</b> {} ({:.1} per 1,000)</li><li><b>{}</b> {}</li>",
        s.statements,
        super::noun(s.statements, "statement"),
        s.confirmed,
        pct(s.share(s.confirmed)),
        s.alleged,
        pct(s.share(s.alleged)),
        s.disputed,
        pct(s.share(s.disputed)),
        s.source_none,
        s.source_named,
        s.source_unnamed,
        pct(s.share(s.source_unnamed)),
        s.hedges,
        super::noun(s.hedges, "hedge"),
        s.vague,
        s.words,
        super::noun(s.words, "word"),
        s.hedge_density,
        s.attributions,
        super::noun(s.attributions, "attribution")
    );
    out.push_str("</ul>");
    if s.statements > 0 {
        verdict_bar(out, s);
    }
    if !doc.warnings.is_empty() {
        out.push_str("<ul class=\"warnings\">");
        for w in &doc.warnings {
            out.push_str("<li>warning: ");
            push_escaped(out, w);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>\n");
}

/// The kind of block a paragraph of the article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Paragraph,
    /// a heading of this level (1..=6 in the article)
    Heading(u8),
    /// a headline line of a plain-text article that is not its title
    Headline,
    ListItem,
    Quote,
    Rows,
}

/// The opening tags right before an original offset (HTML input), innermost
/// first: `<p><a href=..>Text` gives `["a", "p"]`. Bounded look-back.
fn tags_before(original: &[u8], at: usize) -> Vec<String> {
    let mut names = Vec::new();
    let mut i = at.min(original.len());
    let floor = i.saturating_sub(4096);
    while names.len() < 8 && i > floor {
        while i > floor && original[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        if i == floor || original[i - 1] != b'>' {
            break;
        }
        let Some(lt) = original[floor..i - 1].iter().rposition(|&b| b == b'<') else {
            break;
        };
        let lt = floor + lt;
        let tag = &original[lt + 1..i - 1];
        let name: String = tag
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'/' || **b == b'!')
            .map(|b| b.to_ascii_lowercase() as char)
            .collect();
        names.push(name);
        i = lt;
    }
    names
}

/// What block a paragraph starting at projected offset `start` is, from the
/// original file's syntax (Markdown line prefixes, HTML tags).
fn block_of(doc: &Document, st: &Statement, first_in_doc: bool) -> Block {
    if st.kind == "table-row" {
        return Block::Rows;
    }
    let o = doc.to_original(st.span).start;
    match doc.format {
        Format::Markdown => {
            let (line, _) = doc.line_col(o);
            let text = doc.line_text(line);
            let mut t = text.trim_start();
            let mut quoted = false;
            while let Some(rest) = t.strip_prefix('>') {
                quoted = true;
                t = rest.trim_start();
            }
            let hashes = t.bytes().take_while(|&b| b == b'#').count();
            if (1..=6).contains(&hashes) && (t.len() == hashes || t[hashes..].starts_with([' ', '\t'])) {
                return Block::Heading(hashes as u8);
            }
            let next = doc.line_text(line + 1).trim();
            if st.kind == "headline" && !next.is_empty() {
                if next.bytes().all(|b| b == b'=') {
                    return Block::Heading(1);
                }
                if next.bytes().all(|b| b == b'-') && next.len() >= 2 {
                    return Block::Heading(2);
                }
            }
            let list = t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") || {
                let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
            };
            if list {
                Block::ListItem
            } else if quoted {
                Block::Quote
            } else {
                Block::Paragraph
            }
        }
        Format::Html => {
            for name in tags_before(&doc.original, o) {
                match name.as_str() {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        return Block::Heading(name.as_bytes()[1] - b'0');
                    }
                    "li" | "dt" | "dd" => return Block::ListItem,
                    "blockquote" => return Block::Quote,
                    _ => {}
                }
            }
            Block::Paragraph
        }
        Format::Text => {
            if st.kind == "headline" {
                if first_in_doc {
                    Block::Heading(1)
                } else {
                    Block::Headline
                }
            } else {
                Block::Paragraph
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Source,
    Cue,
    Hedge,
    Vague,
    Marker,
}

/// One highlighted span inside a statement, with its class and tooltip.
struct Highlight {
    span: Span,
    mark: Mark,
    class: String,
    title: String,
}

fn highlights(doc: &Document, a: &Analysis, st: &Statement) -> Vec<Highlight> {
    let text = |s: Span| flat(s.slice(&doc.text));
    let mut marks = Vec::new();
    for &k in &st.attributions {
        let at = &a.attributions[k];
        let mut cue_title = format!("cue “{}”: {} (rule {})", text(at.cue), at.stance.as_str(), at.cue_rule);
        if at.negated {
            cue_title.push_str(", negated");
        }
        if at.hedged {
            cue_title.push_str(", hedged");
        }
        marks.push(Highlight {
            span: at.cue,
            mark: Mark::Cue,
            class: "m m-cue".into(),
            title: cue_title,
        });
        if let Some(s) = &at.source {
            let mut title = format!("source: {} (rule {})", s.kind.as_str(), s.rule);
            if let Some(r) = s.resolved {
                let _ = write!(title, " = {}", text(r));
            }
            marks.push(Highlight {
                span: s.span,
                mark: Mark::Source,
                class: format!("m m-source k-{}", s.kind.as_str()),
                title,
            });
        }
    }
    for h in &st.hedges {
        let (mark, class) = if h.kind == HedgeKind::Vague {
            (Mark::Vague, "m m-vague".to_string())
        } else {
            (Mark::Hedge, format!("m m-hedge h-{}", h.kind.as_str()))
        };
        let title = if h.kind == HedgeKind::Vague {
            format!("vague (rule {}): reported, moves no verdict", h.rule)
        } else {
            format!("hedge: {} (rule {})", h.kind.as_str(), h.rule)
        };
        marks.push(Highlight {
            span: h.span,
            mark,
            class,
            title,
        });
    }
    for m in &st.markers {
        marks.push(Highlight {
            span: m.span,
            mark: Mark::Marker,
            class: "m m-marker".into(),
            title: format!("marker: {} (rule {})", m.verdict.as_str(), m.rule),
        });
    }
    marks.retain(|h| st.span.contains(h.span) && !h.span.is_empty());
    marks.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end), h.mark));
    marks
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(0.0)
}

fn s_of(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// The other classes' probabilities, most likely first: "alleged 7%, disputed 2%".
fn others(probs: &Value, chosen: &str) -> String {
    let mut rest: Vec<(&str, f64)> = probs
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(k, _)| k.as_str() != chosen)
                .map(|(k, v)| (k.as_str(), num(v)))
                .collect()
        })
        .unwrap_or_default();
    rest.sort_by(|a, b| b.1.total_cmp(&a.1));
    rest.iter()
        .map(|(k, p)| format!("{k} {}", pct(*p)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The evidence list of one decision, as the JSON has it: feature, words, weight.
fn evidence_table(out: &mut String, ev: &Value) {
    let items = ev.as_array().map(Vec::as_slice).unwrap_or(&[]);
    if items.is_empty() {
        out.push_str("<p class=\"hint\">nothing weighed</p>");
        return;
    }
    out.push_str("<table>");
    for e in items {
        let w = num(&e["weight"]);
        let _ = write!(
            out,
            "<tr><td class=\"w {}\">{:+.2}</td><td>",
            if w >= 0.0 { "pos" } else { "neg" },
            w
        );
        push_escaped(out, s_of(&e["feature"]));
        out.push_str("</td><td>");
        if let Some(t) = e["text"].as_str() {
            out.push('“');
            push_escaped(out, t);
            out.push('”');
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</table>");
}

/// The details of one statement: its probabilities, the evidence of both
/// decisions and the rules that matched, all from the statement's JSON.
fn why(out: &mut String, id: &str, index: usize, js: &Value) {
    let verdict = s_of(&js["verdict"]);
    let source = s_of(&js["source"]);
    let _ = write!(
        out,
        "<div class=\"why\" id=\"{id}\"><h3>Statement {} · line {}</h3>",
        index + 1,
        num(&js["line"])
    );
    out.push_str("<p class=\"quote\">");
    push_escaped(out, s_of(&js["text"]));
    out.push_str("</p><p>");
    let _ = write!(
        out,
        "<span class=\"badge v-{v}\">{v}</span> {} <small>({})</small><br>source <b>{}</b> {} <small>({})</small>",
        pct(num(&js["confidence"])),
        escape(&others(&js["probabilities"]["verdict"], verdict)),
        escape(source),
        pct(num(&js["source_confidence"])),
        escape(&others(&js["probabilities"]["source"], source)),
        v = escape(verdict),
    );
    out.push_str("</p><h4>What decided the verdict</h4>");
    evidence_table(out, &js["evidence"]);
    out.push_str("<h4>What decided the source</h4>");
    evidence_table(out, &js["source_evidence"]);
    let attrs = js["attributions"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    let hedges = js["hedges"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    let markers = js["markers"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    if !(attrs.is_empty() && hedges.is_empty() && markers.is_empty()) {
        out.push_str("<h4>Rules that matched</h4><ul>");
        for at in attrs {
            let cue = &at["cue"];
            out.push_str("<li>cue <b>“");
            push_escaped(out, s_of(&cue["text"]));
            let _ = write!(
                out,
                "”</b> {} (rule <code>{}</code>){}{}",
                escape(s_of(&cue["stance"])),
                escape(s_of(&cue["rule"])),
                if at["negated"].as_bool() == Some(true) {
                    ", negated"
                } else {
                    ""
                },
                if at["hedged"].as_bool() == Some(true) {
                    ", hedged"
                } else {
                    ""
                },
            );
            match at["source"].as_object() {
                Some(src) => {
                    out.push_str("; source “");
                    push_escaped(out, src.get("text").and_then(Value::as_str).unwrap_or(""));
                    let _ = write!(
                        out,
                        "” {} (rule <code>{}</code>)",
                        escape(src.get("kind").and_then(Value::as_str).unwrap_or("")),
                        escape(src.get("rule").and_then(Value::as_str).unwrap_or(""))
                    );
                    if let Some(r) = src.get("resolved").and_then(|r| r["text"].as_str()) {
                        out.push_str(" = “");
                        push_escaped(out, r);
                        out.push('”');
                    }
                }
                None => out.push_str("; no source found"),
            }
            out.push_str("; construction <code>");
            push_escaped(out, s_of(&at["construction"]));
            out.push_str("</code></li>");
        }
        for h in hedges {
            let kind = s_of(&h["kind"]);
            out.push_str(if kind == "vague" {
                "<li>vague “"
            } else {
                "<li>hedge “"
            });
            push_escaped(out, s_of(&h["text"]));
            let _ = write!(
                out,
                "” {} (rule <code>{}</code>){}</li>",
                escape(kind),
                escape(s_of(&h["rule"])),
                if kind == "vague" { ": moves no verdict" } else { "" }
            );
        }
        for m in markers {
            out.push_str("<li>marker “");
            push_escaped(out, s_of(&m["text"]));
            let _ = write!(
                out,
                "” {} (rule <code>{}</code>)</li>",
                escape(s_of(&m["verdict"])),
                escape(s_of(&m["rule"]))
            );
        }
        out.push_str("</ul>");
    }
    if let Some(f) = js["hedge_filter"].as_object() {
        let p = f.get("probability").map_or(0.0, num);
        let t = f.get("threshold").map_or(0.0, num);
        let _ = write!(
            out,
            "<h4>Hedge filter</h4><p>{}: uncertain {} (keeps from {})</p>",
            if p >= t { "kept" } else { "dropped" },
            pct(p),
            pct(t)
        );
        evidence_table(out, f.get("evidence").unwrap_or(&Value::Null));
        let dropped = f
            .get("dropped")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if !dropped.is_empty() {
            out.push_str("<p>not reported: ");
            for (i, h) in dropped.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push('“');
                push_escaped(out, s_of(&h["text"]));
                let _ = write!(out, "” ({})", escape(s_of(&h["kind"])));
            }
            out.push_str("</p>");
        }
    }
    out.push_str("</div>\n");
}

/// The hover text of a statement: verdict, source and the strongest evidence.
fn tooltip(js: &Value) -> String {
    let mut t = format!(
        "{} {} · source {} {}",
        s_of(&js["verdict"]),
        pct(num(&js["confidence"])),
        s_of(&js["source"]),
        pct(num(&js["source_confidence"]))
    );
    let ev = js["evidence"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    for e in ev.iter().take(3) {
        let _ = write!(t, "\n{:+.2} {}", num(&e["weight"]), s_of(&e["feature"]));
        if let Some(w) = e["text"].as_str() {
            let _ = write!(t, " “{w}”");
        }
    }
    t
}

/// One statement, tinted by verdict, its cue / source / hedge / marker spans marked.
fn statement(out: &mut String, doc: &Document, a: &Analysis, st: &Statement, id: &str, js: &Value) {
    // a line that makes no claim (a byline, a section marker) gets no verdict tint
    let class = if st.kind == crate::score::NON_CLAIM {
        "nc".to_string()
    } else {
        format!("v-{} s-{}", st.verdict.as_str(), st.source.as_str())
    };
    let _ = write!(
        out,
        "<span class=\"st {class}\" id=\"{}\" tabindex=\"0\" data-why=\"{id}\" data-line=\"{}\" title=\"",
        id.replace("-why-", "-st-"),
        num(&js["line"])
    );
    push_escaped(out, &tooltip(js));
    out.push_str("\">");
    let mut at = st.span.start;
    for h in highlights(doc, a, st) {
        if h.span.start < at {
            continue; // overlapping highlight: the first one wins (as in the terminal)
        }
        push_escaped(out, &flat(&doc.text[at..h.span.start]));
        let _ = write!(out, "<span class=\"{}\" title=\"", h.class);
        push_escaped(out, &h.title);
        out.push_str("\">");
        push_escaped(out, &flat(h.span.slice(&doc.text)));
        out.push_str("</span>");
        at = h.span.end;
    }
    push_escaped(out, &flat(&doc.text[at..st.span.end]));
    out.push_str("</span>");
}

fn open_block(out: &mut String, b: Block) {
    match b {
        Block::Paragraph => out.push_str("<p>"),
        Block::Headline => out.push_str("<p class=\"headline\">"),
        Block::Heading(n) => {
            let _ = write!(out, "<h{}>", (n + 1).min(6));
        }
        Block::ListItem => out.push_str("<li>"),
        Block::Quote => out.push_str("<blockquote><p>"),
        Block::Rows => out.push_str("<div class=\"rows\">"),
    }
}

fn close_block(out: &mut String, b: Block) {
    match b {
        Block::Paragraph | Block::Headline => out.push_str("</p>\n"),
        Block::Heading(n) => {
            let _ = writeln!(out, "</h{}>", (n + 1).min(6));
        }
        Block::ListItem => out.push_str("</li>\n"),
        Block::Quote => out.push_str("</blockquote>\n"),
        Block::Rows => out.push_str("</div>\n"),
    }
}

/// One annotated document as a fragment of a page: its summary, the article
/// with every statement tinted, a panel for the selected statement and the
/// details of every statement (shown in the panel; listed below the article
/// when scripts are off). `n` numbers the document on its page, so that
/// several documents on one page keep their ids apart; `heading` puts the
/// document's path above it (for pages of several documents).
pub fn document(doc: &Document, a: &Analysis, n: usize, heading: bool) -> String {
    let mut out = String::with_capacity(doc.text.len() * 4 + 8192);
    let json = crate::render::json::document(doc, a);
    let statements = json["statements"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    let _ = writeln!(out, "<div class=\"doc-wrap\" id=\"doc-{n}\">");
    if heading {
        out.push_str("<h2 class=\"doc-path\">");
        push_escaped(&mut out, &doc.path);
        out.push_str("</h2>\n");
    }
    summary_card(&mut out, doc, a);
    out.push_str("<div class=\"layout\">\n<article class=\"doc\">\n");
    let mut i = 0;
    let mut in_list = false;
    while i < a.statements.len() {
        let para = a.statements[i].paragraph;
        let mut j = i;
        while j < a.statements.len() && a.statements[j].paragraph == para {
            j += 1;
        }
        let block = block_of(doc, &a.statements[i], i == 0);
        if in_list && block != Block::ListItem {
            out.push_str("</ul>\n");
            in_list = false;
        }
        if block == Block::ListItem && !in_list {
            out.push_str("<ul>\n");
            in_list = true;
        }
        open_block(&mut out, block);
        for k in i..j {
            let st = &a.statements[k];
            let id = format!("d{n}-why-{k}");
            if block == Block::Rows {
                out.push_str("<div>");
            } else if k > i {
                out.push(' ');
            }
            statement(&mut out, doc, a, st, &id, statements.get(k).unwrap_or(&Value::Null));
            if block == Block::Rows {
                out.push_str("</div>");
            }
        }
        close_block(&mut out, block);
        i = j;
    }
    if in_list {
        out.push_str("</ul>\n");
    }
    if a.statements.is_empty() {
        out.push_str("<p class=\"hint\">No statements: nothing to annotate.</p>\n");
    }
    out.push_str(
        "</article>\n<aside class=\"panel\"><h2>Why</h2><div class=\"panel-body\">\
<p class=\"hint\">Select a statement to see the evidence and the rules that decided its verdict and source.</p>\
</div></aside>\n</div>\n",
    );
    out.push_str("<section class=\"card details\"><h2>Why each verdict</h2>\n");
    for (k, js) in statements.iter().enumerate() {
        why(&mut out, &format!("d{n}-why-{k}"), k, js);
    }
    out.push_str("</section>\n</div>\n");
    out
}

// ---------------------------------------------------------------------------
// the corpus report

/// What the report keeps of one article beyond its summary: the cue words and
/// the holders it found (small; the article itself is not kept).
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// cue words, lower-cased, and how often each occurs
    pub cues: Vec<(String, usize)>,
    /// holders: name, kind and the number of statements resting on them
    pub sources: Vec<(String, SourceKind, usize)>,
}

/// The cues and holders of one analysed article (`holders` from `crate::holders`).
pub fn tally(doc: &Document, a: &Analysis, holders: &[Holder]) -> Tally {
    let mut cues: HashMap<String, usize> = HashMap::new();
    for at in &a.attributions {
        let w = flat(at.cue.slice(&doc.text)).to_lowercase();
        let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
        if !w.is_empty() {
            *cues.entry(w).or_default() += 1;
        }
    }
    let mut cues: Vec<(String, usize)> = cues.into_iter().collect();
    cues.sort();
    let sources = holders
        .iter()
        .filter(|h| !h.placeholder)
        .map(|h| (h.name.clone(), h.kind, h.statements.len()))
        .collect();
    Tally { cues, sources }
}

/// One row of the report's table.
#[derive(Debug, Clone)]
pub struct ArticleRow {
    /// the path as shown elsewhere (the directory joined with the path below it)
    pub path: String,
    /// the group it is counted in (its top-level folder)
    pub folder: String,
    /// the relative URL of its annotated page, when pages are written
    pub link: Option<String>,
    /// its summary, or why it could not be scored
    pub result: Result<Summary, String>,
}

/// Everything the report shows, gathered by `sayso score`.
pub struct Report<'a> {
    pub title: &'a str,
    pub rows: &'a [ArticleRow],
    pub totals: &'a Totals,
    /// cue word -> occurrences, over the corpus
    pub cues: &'a HashMap<String, usize>,
    /// (holder name, kind) -> (statements resting on it, articles it appears in)
    pub sources: &'a HashMap<(String, SourceKind), (usize, usize)>,
}

const TOP: usize = 15;

/// A histogram of shares (0..=1) in ten bins, as an inline SVG.
fn histogram(out: &mut String, caption: &str, class: &str, values: &[f64]) {
    let mut bins = [0usize; 10];
    for &v in values {
        let b = ((v * 10.0).floor() as isize).clamp(0, 9) as usize;
        bins[b] += 1;
    }
    let max = bins.iter().copied().max().unwrap_or(0).max(1);
    let (w, h, left, bottom, top) = (260.0, 130.0, 28.0, 20.0, 8.0);
    let bw = (w - left - 4.0) / 10.0;
    out.push_str("<figure><svg viewBox=\"0 0 260 130\" width=\"260\" height=\"130\" role=\"img\" aria-label=\"");
    push_escaped(out, caption);
    out.push_str("\">");
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\"/>",
        y = h - bottom,
        x2 = w - 4.0
    );
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{max}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>",
        left - 4.0,
        top + 8.0,
        left - 4.0,
        h - bottom
    );
    for (i, &n) in bins.iter().enumerate() {
        let bh = (h - bottom - top) * n as f64 / max as f64;
        let x = left + i as f64 * bw;
        let _ = write!(
            out,
            "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>{}–{}%: {} article{}</title></rect>",
            x + 1.0,
            h - bottom - bh,
            bw - 2.0,
            bh,
            i * 10,
            i * 10 + 10,
            n,
            if n == 1 { "" } else { "s" }
        );
    }
    for (i, anchor) in [(0, "start"), (5, "middle"), (10, "end")] {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"{anchor}\">{}%</text>",
            left + i as f64 * bw,
            h - 6.0,
            i * 10
        );
    }
    out.push_str("</svg><figcaption>");
    push_escaped(out, caption);
    out.push_str("</figcaption></figure>\n");
}

/// Horizontal bars: label, value, class of each bar.
fn bars(out: &mut String, caption: &str, items: &[(String, usize, &str)]) {
    let max = items.iter().map(|x| x.1).max().unwrap_or(0).max(1);
    let row = 18.0;
    let h = 8.0 + row * items.len().max(1) as f64;
    let (label_w, w) = (190.0, 440.0);
    let _ = write!(
        out,
        "<figure><svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\""
    );
    push_escaped(out, caption);
    out.push_str("\">");
    if items.is_empty() {
        out.push_str("<text x=\"4\" y=\"16\">none found</text>");
    }
    for (i, (label, n, class)) in items.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        let bw = (w - label_w - 40.0) * *n as f64 / max as f64;
        let short: String = if label.chars().count() > 27 {
            let mut s: String = label.chars().take(26).collect();
            s.push('…');
            s
        } else {
            label.clone()
        };
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">",
            label_w - 6.0,
            y + 12.0
        );
        push_escaped(out, &short);
        let _ = write!(
            out,
            "</text><rect class=\"{class}\" x=\"{label_w}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>",
            y + 2.0,
            bw.max(1.0),
            row - 5.0
        );
        push_escaped(out, label);
        let _ = write!(
            out,
            ": {n}</title></rect><text x=\"{:.1}\" y=\"{:.1}\">{n}</text>",
            label_w + bw + 4.0,
            y + 12.0
        );
    }
    out.push_str("</svg><figcaption>");
    push_escaped(out, caption);
    out.push_str("</figcaption></figure>\n");
}

/// Verdict and unnamed shares of each folder, as stacked bars.
fn folders(out: &mut String, rows: &[ArticleRow]) {
    let mut groups: Vec<(String, usize, Summary)> = Vec::new();
    for r in rows {
        let Ok(s) = &r.result else { continue };
        let g = match groups.iter_mut().find(|g| g.0 == r.folder) {
            Some(g) => g,
            None => {
                groups.push((r.folder.clone(), 0, Summary::default()));
                groups.last_mut().unwrap_or_else(|| unreachable!())
            }
        };
        g.1 += 1;
        g.2.statements += s.statements;
        g.2.confirmed += s.confirmed;
        g.2.alleged += s.alleged;
        g.2.disputed += s.disputed;
        g.2.source_unnamed += s.source_unnamed;
        g.2.source_named += s.source_named;
        g.2.source_none += s.source_none;
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let row = 26.0;
    let (label_w, bar_w, w) = (150.0, 300.0, 640.0);
    let h = 24.0 + row * groups.len().max(1) as f64;
    let _ = write!(
        out,
        "<figure><svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"verdict and source shares by folder\">"
    );
    let _ = write!(
        out,
        "<text x=\"{label_w}\" y=\"12\">verdicts (confirmed · alleged · disputed)</text><text x=\"{}\" y=\"12\">unnamed sources</text>",
        label_w + bar_w + 16.0
    );
    for (i, (name, n, s)) in groups.iter().enumerate() {
        let y = 20.0 + row * i as f64;
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">",
            label_w - 6.0,
            y + 13.0
        );
        let short: String = name.chars().take(24).collect();
        push_escaped(out, &short);
        let _ = write!(out, " ({n})</text>");
        let mut x = label_w;
        for (v, c) in [
            (Verdict::Confirmed, s.confirmed),
            (Verdict::Alleged, s.alleged),
            (Verdict::Disputed, s.disputed),
        ] {
            let bw = bar_w * s.share(c);
            if bw > 0.0 {
                let _ = write!(
                    out,
                    "<rect class=\"c-{v}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"16\"><title>",
                    y + 2.0,
                    v = v.as_str()
                );
                push_escaped(out, name);
                let _ = write!(
                    out,
                    ": {} {} of {} ({})</title></rect>",
                    c,
                    v.as_str(),
                    super::plural(s.statements, "statement"),
                    pct(s.share(c))
                );
            }
            x += bw;
        }
        let ux = label_w + bar_w + 16.0;
        let uw = 120.0 * s.share(s.source_unnamed);
        let _ = write!(
            out,
            "<rect class=\"axis\" fill=\"none\" x=\"{ux}\" y=\"{:.1}\" width=\"120\" height=\"16\"/>\
             <rect class=\"c-unnamed\" x=\"{ux}\" y=\"{:.1}\" width=\"{uw:.1}\" height=\"16\"><title>",
            y + 2.0,
            y + 2.0
        );
        push_escaped(out, name);
        let _ = write!(
            out,
            ": {} of {} {} on unnamed sources</title></rect><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            s.source_unnamed,
            super::plural(s.statements, "statement"),
            if s.statements == 1 { "rests" } else { "rest" },
            ux + 126.0,
            y + 14.0,
            pct(s.share(s.source_unnamed))
        );
    }
    out.push_str("</svg><figcaption>Articles grouped by their top-level folder (for example one folder per outlet); the number of articles in brackets.</figcaption></figure>\n");
}

fn dist_line(out: &mut String, name: &str, d: Option<Distribution>, pctg: bool) {
    out.push_str("<li>");
    push_escaped(out, name);
    match d {
        None => out.push_str(": –"),
        Some(d) => {
            let f = |x: f64| if pctg { pct(x) } else { format!("{x:.1}") };
            let _ = write!(
                out,
                ": min <b>{}</b>, median <b>{}</b>, mean <b>{}</b>, max <b>{}</b>",
                f(d.min),
                f(d.median),
                f(d.mean),
                f(d.max)
            );
        }
    }
    out.push_str("</li>");
}

/// The corpus report: totals, charts and the sortable table of articles.
pub fn report(r: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024 + r.rows.len() * 600);
    head(&mut out, &format!("{} · sayso corpus report", r.title));
    out.push_str("<body>\n<header class=\"top\"><div class=\"crumbs\">sayso · corpus report</div><h1>");
    push_escaped(&mut out, r.title);
    out.push_str("</h1></header>\n<div class=\"wrap\">\n");

    // totals
    let t = r.totals;
    let s = &t.sum;
    out.push_str("<section class=\"card summary\" id=\"summary\"><h2>Corpus</h2><ul class=\"facts\">");
    let _ = write!(
        out,
        "<li><b>{}</b> {} scored, <b>{}</b> failed</li><li><b>{}</b> {}</li><li><b>{}</b> {}</li>\
         <li><b>{}</b> confirmed ({})</li><li><b>{}</b> alleged ({})</li><li><b>{}</b> disputed ({})</li>\
         <li>sources: <b>{}</b> none, <b>{}</b> named, <b>{}</b> unnamed ({} unnamed)</li>\
         <li><b>{}</b> {} ({:.1} per 1,000 words)</li>",
        t.files - t.files_failed,
        super::noun(t.files - t.files_failed, "article"),
        t.files_failed,
        s.statements,
        super::noun(s.statements, "statement"),
        s.words,
        super::noun(s.words, "word"),
        s.confirmed,
        pct(s.share(s.confirmed)),
        s.alleged,
        pct(s.share(s.alleged)),
        s.disputed,
        pct(s.share(s.disputed)),
        s.source_none,
        s.source_named,
        s.source_unnamed,
        pct(s.share(s.source_unnamed)),
        s.hedges,
        super::noun(s.hedges, "hedge"),
        s.hedge_density
    );
    out.push_str("</ul>");
    if s.statements > 0 {
        verdict_bar(&mut out, s);
    }
    out.push_str("<ul class=\"facts\" style=\"margin-top:8px\">");
    dist_line(
        &mut out,
        "unnamed share across articles",
        Distribution::of(&t.unnamed_shares),
        true,
    );
    dist_line(
        &mut out,
        "hedges per 1,000 words across articles",
        Distribution::of(&t.hedge_densities),
        false,
    );
    out.push_str("</ul></section>\n");

    // legend
    out.push_str(
        "<section class=\"card\" id=\"legend\"><h2>Legend</h2><ul class=\"legend verdicts\">\
<li><span class=\"swatch v-confirmed\"></span>confirmed</li>\
<li><span class=\"swatch v-alleged\"></span>alleged</li>\
<li><span class=\"swatch v-disputed\"></span>disputed</li>\
<li><svg width=\"12\" height=\"12\"><rect class=\"c-unnamed\" width=\"12\" height=\"12\" rx=\"3\"/></svg> unnamed source</li>\
<li><svg width=\"12\" height=\"12\"><rect class=\"c-named\" width=\"12\" height=\"12\" rx=\"3\"/></svg> named source</li>\
<li class=\"note\">Shares are of an article's statements. Hover a bar for its numbers; click a column heading to sort the table.</li>\
</ul></section>\n",
    );

    // distributions
    let scored: Vec<&Summary> = r
        .rows
        .iter()
        .filter_map(|x| x.result.as_ref().ok())
        .filter(|s| s.statements > 0)
        .collect();
    let shares = |f: &dyn Fn(&Summary) -> usize| -> Vec<f64> { scored.iter().map(|s| s.share(f(s))).collect() };
    out.push_str("<section class=\"card\" id=\"distributions\"><h2>Across articles</h2><div class=\"charts\">\n");
    histogram(
        &mut out,
        "Share of statements confirmed, per article",
        "c-confirmed",
        &shares(&|s| s.confirmed),
    );
    histogram(
        &mut out,
        "Share of statements alleged, per article",
        "c-alleged",
        &shares(&|s| s.alleged),
    );
    histogram(
        &mut out,
        "Share of statements disputed, per article",
        "c-disputed",
        &shares(&|s| s.disputed),
    );
    histogram(
        &mut out,
        "Share of statements resting on unnamed sources, per article",
        "c-unnamed",
        &shares(&|s| s.source_unnamed),
    );
    out.push_str("</div></section>\n");

    // folders
    out.push_str("<section class=\"card\" id=\"folders\"><h2>By folder</h2>\n");
    folders(&mut out, r.rows);
    out.push_str("</section>\n");

    // cues and sources
    let mut cues: Vec<(&String, &usize)> = r.cues.iter().collect();
    cues.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let cue_items: Vec<(String, usize, &str)> = cues
        .iter()
        .take(TOP)
        .map(|(k, n)| ((*k).clone(), **n, "c-cue"))
        .collect();
    let mut srcs: Vec<(&(String, SourceKind), &(usize, usize))> = r.sources.iter().collect();
    srcs.sort_by(|a, b| (b.1.0, b.1.1).cmp(&(a.1.0, a.1.1)).then(a.0.0.cmp(&b.0.0)));
    let src_items: Vec<(String, usize, &str)> = srcs
        .iter()
        .take(TOP)
        .map(|((name, kind), (n, _))| {
            (
                name.clone(),
                *n,
                if *kind == SourceKind::Unnamed {
                    "c-unnamed"
                } else {
                    "c-named"
                },
            )
        })
        .collect();
    out.push_str(
        "<section class=\"card\" id=\"cues-sources\"><h2>Most frequent cues and sources</h2><div class=\"charts wide\">\n",
    );
    bars(&mut out, "Cues: attributions per cue word", &cue_items);
    bars(
        &mut out,
        "Sources: statements resting on each holder (named, unnamed)",
        &src_items,
    );
    out.push_str("</div></section>\n");

    // the table
    out.push_str(
        "<section class=\"card\" id=\"articles\"><h2>Articles</h2>\n<table class=\"articles sortable\"><thead><tr>\
<th data-sort=\"text\" data-key=\"article\">article</th><th data-sort=\"text\" data-key=\"folder\" class=\"l\">folder</th>\
<th data-sort=\"num\" data-key=\"statements\">statements</th><th data-sort=\"num\" data-key=\"words\">words</th>\
<th data-sort=\"num\" data-key=\"confirmed\">confirmed</th><th data-sort=\"num\" data-key=\"alleged\">alleged</th>\
<th data-sort=\"num\" data-key=\"disputed\">disputed</th><th data-sort=\"num\" data-key=\"unnamed\">unnamed</th>\
<th data-sort=\"num\" data-key=\"hedge_density\">hedges / 1k words</th>\
</tr></thead>\n<tbody>\n",
    );
    for row in r.rows {
        out.push_str("<tr><td data-v=\"");
        push_escaped(&mut out, &row.path);
        out.push_str("\">");
        match &row.link {
            Some(l) => {
                out.push_str("<a href=\"");
                push_escaped(&mut out, l);
                out.push_str("\">");
                push_escaped(&mut out, &row.path);
                out.push_str("</a>");
            }
            None => push_escaped(&mut out, &row.path),
        }
        out.push_str("</td><td class=\"l\" data-v=\"");
        push_escaped(&mut out, &row.folder);
        out.push_str("\">");
        push_escaped(&mut out, &row.folder);
        out.push_str("</td>");
        match &row.result {
            Ok(s) => {
                let _ = write!(
                    out,
                    "<td data-v=\"{0}\">{0}</td><td data-v=\"{1}\">{1}</td>",
                    s.statements, s.words
                );
                for n in [s.confirmed, s.alleged, s.disputed, s.source_unnamed] {
                    let x = s.share(n);
                    let _ = write!(out, "<td data-v=\"{x:.4}\">{}</td>", pct(x));
                }
                let _ = write!(out, "<td data-v=\"{0:.3}\">{0:.1}</td>", s.hedge_density);
            }
            Err(e) => {
                out.push_str("<td data-v=\"-1\" class=\"err\" colspan=\"7\">error: ");
                push_escaped(&mut out, e);
                out.push_str("</td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></section>\n</div>\n");
    tail(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            escape(r#"<script>alert(1)</script> "><img src=x onerror=alert(1)> & 'x'"#),
            "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;x&#39;"
        );
        assert_eq!(escape("a\u{0}b\u{7}c\td"), "a\u{FFFD}b\u{FFFD}c\td");
    }

    #[test]
    fn script_hash_matches_the_policy() {
        // base64(sha256(SCRIPT)) with the system's tools, where they exist
        let Ok(mut child) = std::process::Command::new("sh")
            .arg("-c")
            .arg("openssl dgst -sha256 -binary | base64")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
        else {
            return;
        };
        use std::io::Write as _;
        let _ = child.stdin.take().map(|mut i| i.write_all(SCRIPT.as_bytes()));
        let Ok(out) = child.wait_with_output() else { return };
        let got = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !out.status.success() || got.len() != 44 {
            eprintln!("note: openssl/base64 not available; the script hash was not checked");
            return;
        }
        assert_eq!(got, SCRIPT_SHA256, "update SCRIPT_SHA256 after changing SCRIPT");
    }

    #[test]
    fn tags_before_reads_back_over_opening_tags() {
        let html = b"<body>\n<h2 class=\"x\"><a href=\"#\">Title</a></h2>";
        let at = html.iter().position(|&b| b == b'T').unwrap();
        assert_eq!(tags_before(html, at), vec!["a", "h2", "body"]);
    }
}
