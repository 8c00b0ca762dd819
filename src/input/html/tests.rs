//! Unit tests of the HTML projection: what is read, and where it maps.

use super::*;
use crate::input::{Document, Format};
use crate::span::Span;
use proptest::prelude::*;

fn read(src: &str) -> Document {
    Document::from_bytes("t.html", src.as_bytes().to_vec(), Format::Html).expect("loads")
}

fn read_with(src: &str, scopes: &[&str]) -> Document {
    let options = HtmlOptions {
        skipped_scopes: scopes.iter().map(|s| Selector::parse(s).unwrap()).collect(),
    };
    Document::from_bytes_with("t.html", src.as_bytes().to_vec(), Format::Html, &options).expect("loads")
}

/// The source bytes a projected span maps to.
fn source<'a>(d: &Document, src: &'a str, start: usize, end: usize) -> &'a str {
    let o = d.to_original(Span::new(start, end));
    &src[o.start..o.end]
}

/// The offset property: every character of the projection maps to source
/// bytes that decode to it. Whitespace maps to whitespace (or a reference to
/// it), or to nothing where a tag separated two blocks; any other character to
/// itself or to the whole character reference that decodes to it.
fn assert_every_char_maps_back(d: &Document, src: &str) {
    for (p, c) in d.text.char_indices() {
        let from = source(d, src, p, p + c.len_utf8());
        let decoded = charref::decode(from, 0..from.len());
        if c.is_ascii_whitespace() || c == '|' && decoded.is_empty() {
            assert!(
                decoded.bytes().all(is_ws),
                "{c:?} at {p} maps to {from:?} in {src:?} -> {:?}",
                d.text
            );
        } else if c.len_utf8() == from.len() && !from.starts_with('&') {
            assert_eq!(from, c.to_string(), "at {p} in {src:?}");
        } else {
            assert!(
                from.starts_with('&') && decoded.contains(c),
                "{c:?} at {p} maps to {from:?} in {src:?}"
            );
        }
    }
}

#[test]
fn tag_lists_are_sorted_for_binary_search() {
    for list in [CODE, LITERAL, CONTENT, VOID, BLOCK, CLOSES_P] {
        assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
    }
    assert!(mentions_article("x <MAIN>") && mentions_article("<article") && !mentions_article("<p>main article</p> <"));
}

#[test]
fn every_named_reference_is_decoded_and_maps_to_the_whole_reference() {
    let src =
        "<p>Go &rarr; left, add &frac13; cup &check; two&nbspaides, &#8217;&#x2019; &NotEqualTilde; AT&T&amp;co</p>";
    let d = read(src);
    assert_eq!(
        d.text,
        "Go → left, add ⅓ cup ✓ two\u{A0}aides, \u{2019}\u{2019} \u{2242}\u{338} AT&T&co"
    );
    for (needle, reference) in [
        ("→", "&rarr;"),
        ("⅓", "&frac13;"),
        ("✓", "&check;"),
        ("\u{A0}", "&nbsp"),
        ("\u{2019}\u{2019}", "&#8217;&#x2019;"),
        ("\u{2242}\u{338}", "&NotEqualTilde;"),
        ("&co", "&amp;co"),
        ("T&T", "T&T"),
    ] {
        let p = d.text.find(needle).unwrap();
        assert_eq!(source(&d, src, p, p + needle.len()), reference, "{needle}");
    }
    assert_every_char_maps_back(&d, src);
}

#[test]
fn references_in_title_are_decoded_and_literal_text_is_not() {
    let d = read("<title>Q&amp;A &mdash; the mayor</title><xmp>&amp; <b></xmp><p>Body&colon; text</p>");
    assert_eq!(d.text, "Q&A \u{2014} the mayor\n\n&amp; <b>\n\nBody: text");
}

#[test]
fn whitespace_references_collapse_with_whitespace() {
    let src = "<p>one&#32; two&#10;three</p>";
    let d = read(src);
    assert_eq!(d.text, "one two three");
    let p = d.text.find(' ').unwrap();
    assert_eq!(source(&d, src, p, p + 1), "&#32; ");
    assert_every_char_maps_back(&d, src);
}

const PAGE: &str = "<!DOCTYPE html>\n<html><head><title>Bridge Closes After Cracks Found | The Daily Example</title></head>\n\
<body>\n<header class=\"site\"><a href=\"/\">The Daily Example</a><nav><a>Home</a> <a>Politics</a></nav></header>\n\
<main>\n<article>\n<header><h1>Bridge Closes After Cracks Found</h1><p class=\"byline\">By Ann Lee</p></header>\n\
<p>The state closed the bridge on Tuesday, the department said.</p>\n\
<figure><img src=\"b.jpg\"><figcaption>The bridge in May.</figcaption></figure>\n\
<div class=\"ad promo\">Subscribe now for one dollar.</div>\n\
<p>Repairs could take nine months, officials said.</p>\n\
<footer>Filed under: Transport</footer>\n</article>\n\
<aside><article><p>Related: council votes on budget.</p></article></aside>\n</main>\n\
<footer><p>Copyright 2026 The Daily Example</p></footer>\n</body></html>\n";

#[test]
fn the_main_content_is_read_without_the_page_around_it() {
    let d = read(PAGE);
    assert_eq!(
        d.text,
        "Bridge Closes After Cracks Found\n\nBy Ann Lee\n\n\
         The state closed the bridge on Tuesday, the department said.\n\n\
         The bridge in May.\n\nSubscribe now for one dollar.\n\n\
         Repairs could take nine months, officials said."
    );
    assert_every_char_maps_back(&d, PAGE);
    let p = d.text.find("Repairs").unwrap();
    assert_eq!(source(&d, PAGE, p, p + 7), "Repairs");
}

#[test]
fn skipped_scopes_are_configurable() {
    // the list replaces the defaults: asides and footers are read again
    let d = read_with(PAGE, &["nav", "header", "figure", ".ad"]);
    assert!(!d.text.contains("bridge in May"), "{}", d.text);
    assert!(!d.text.contains("Subscribe"), "{}", d.text);
    assert!(d.text.contains("Related: council votes"), "{}", d.text);
    assert!(d.text.contains("Filed under"), "{}", d.text);
    assert!(d.text.starts_with("Bridge Closes"), "{}", d.text);
    assert_every_char_maps_back(&d, PAGE);
    // by id, and a tag with a class
    let d = read_with(
        "<p>Kept.</p><section id=comments><p>Great!</p></section><p class=ad>Ad</p>",
        &["#comments", "p.ad"],
    );
    assert_eq!(d.text, "Kept.");
}

#[test]
fn without_an_article_everything_but_the_boilerplate_is_read() {
    let src = "<html><head><title>City Hall | Example News</title></head><body>\
        <header><div class=logo>Example News</div><h1>Council Passes Budget</h1></header>\
        <nav><ul><li>Home</li></ul></nav>\
        <p>The council passed the budget, the mayor said.</p>\
        <aside>Most read: five stories</aside><footer>Contact us</footer></body></html>";
    let d = read(src);
    // the title does not repeat the headline: it is read
    assert_eq!(
        d.text,
        "City Hall | Example News\n\nCouncil Passes Budget\n\nThe council passed the budget, the mayor said."
    );
    assert_every_char_maps_back(&d, src);
}

#[test]
fn a_title_that_repeats_the_headline_is_skipped() {
    let d = read("<title>Council  passes budget - Example</title><h1>Council passes <em>budget</em></h1><p>Text.</p>");
    assert_eq!(d.text, "Council passes budget\n\nText.");
    // with no headline the title is the headline
    let d = read("<title>Council passes budget</title><article><p>Text.</p></article>");
    assert_eq!(d.text, "Council passes budget\n\nText.");
    // an h1 outside the article is read with it; a skipped h1 is no headline
    let d = read("<nav><h1>Menu</h1></nav><h1>Headline</h1><div>Teaser.</div><article><p>Text.</p></article>");
    assert_eq!(d.text, "Headline\n\nText.");
    // an empty article does not hide the page
    let d = read("<article> </article><p>Text.</p>");
    assert_eq!(d.text, "Text.");
}

#[test]
fn implied_end_tags_end_scopes() {
    // the second <p> closes the first, so only the first is an ad
    let d = read_with(
        "<div><p class=ad>Ad<p>Kept one.<li class=ad>Ad<li>Kept two.</div>",
        &[".ad"],
    );
    assert_eq!(d.text, "Kept one.\n\nKept two.");
    // an unclosed skipped scope ends with its parent; stray end tags are ignored
    let d = read("<div><nav>Menu</div></span></nav><p>Kept.</p>");
    assert_eq!(d.text, "Kept.");
    // <svg/> opens nothing
    let d = read("<svg/><p>Kept.</p>");
    assert_eq!(d.text, "Kept.");
}

/// html5gum's own decoding of each run of text, next to ours.
fn runs_both_ways(src: &str) -> Vec<(String, String)> {
    use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
    use html5gum::{Span as GumSpan, Tokenizer};
    let mut literal = false;
    let emitter = CallbackEmitter::new(move |event: CallbackEvent<'_>, span: GumSpan<usize>| match event {
        CallbackEvent::OpenStartTag { name } => {
            // (text in these elements is not decoded by the tokenizer)
            literal = matches!(
                name,
                b"script" | b"style" | b"xmp" | b"iframe" | b"noembed" | b"noframe" | b"noscript" | b"plaintext"
            );
            None
        }
        CallbackEvent::EndTag { .. } => {
            literal = false;
            None
        }
        CallbackEvent::String { value } if !literal => {
            // (the tokenizer reads CR LF and CR as LF; `&#13;` gives a CR, which we read as whitespace anyway)
            let theirs = String::from_utf8_lossy(value).replace('\r', "\n");
            let ours = charref::decode(src, span.start..span.end)
                .replace("\r\n", "\n")
                .replace('\r', "\n");
            Some((theirs, ours))
        }
        _ => None,
    });
    let mut emitter = emitter;
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(src, emitter).map(Result::unwrap).collect()
}

#[test]
fn our_decoding_agrees_with_the_tokenizers() {
    for src in [
        "a &amp; b &notit; &nbsp &#150; &#x110000; &bogus; && &#; &",
        "<p>x&rarr</p>&frac34y&AMP<title>&lt;t&gt;</title>&ampx",
        "one\r\ntwo\rthree &#13;",
    ] {
        for (theirs, ours) in runs_both_ways(src) {
            assert_eq!(theirs, ours, "{src:?}");
        }
    }
}

fn pages() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z .,]{0,12}",
        Just("&amp;".to_string()),
        Just("&nbsp".to_string()),
        Just("&notit;".to_string()),
        Just("&rarr;".to_string()),
        Just("&#8217;".to_string()),
        Just("&#x93".to_string()),
        Just("&#32; ".to_string()),
        Just("&".to_string()),
        Just("\r\n".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<br>".to_string()),
        Just("<td>".to_string()),
        Just("<article>".to_string()),
        Just("</article>".to_string()),
        Just("<nav>".to_string()),
        Just("</nav>".to_string()),
        Just("<header>".to_string()),
        Just("</header>".to_string()),
        Just("<h1>".to_string()),
        Just("</h1>".to_string()),
        Just("<title>".to_string()),
        Just("</title>".to_string()),
        Just("<xmp>".to_string()),
        Just("</xmp>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<div class=\"ad\">".to_string()),
        Just("</div>".to_string()),
        Just("é€".to_string()),
        Just("<".to_string()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_char_of_any_page_maps_back(src in pages()) {
        assert_every_char_maps_back(&read(&src), &src);
        assert_every_char_maps_back(&read_with(&src, &[".ad", "nav"]), &src);
    }

    #[test]
    fn decoding_agrees_with_the_tokenizer_on_any_page(src in pages()) {
        for (theirs, ours) in runs_both_ways(&src) {
            prop_assert_eq!(theirs, ours);
        }
    }
}
