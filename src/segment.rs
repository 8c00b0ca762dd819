//! Segmentation: paragraphs and sentences of the projected prose text.
//!
//! The input is the prose of one document (Markdown/HTML already stripped;
//! blocks separated by blank lines). The output is a list of paragraphs and a
//! list of sentences, both as byte spans into the input.
//!
//! Guarantees (checked by property tests): sentence spans are non-empty,
//! trimmed of white space (`char::is_whitespace`), ordered, non-overlapping,
//! on char boundaries, and together cover every visible character of the
//! text exactly once. A line or sentence with no visible character (only white
//! space and invisible ones such as zero-width spaces, see [`is_invisible`]) is
//! no sentence, and a paragraph left with no sentence is no paragraph. Each
//! paragraph span covers its sentences.
//!
//! The scan is a single linear pass over the bytes (plus small, bounded
//! look-arounds); nothing is allocated per character.

use crate::span::Span;

/// What kind of unit a sentence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceKind {
    /// Ordinary running prose.
    Prose,
    /// A line with no sentence-final punctuation (title, section heading,
    /// dateline, time stamp). Never split.
    Headline,
    /// A row of a converted table (`| a | b |` or cells separated by ` | `).
    /// Never split.
    TableRow,
}

/// One sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into [`Segmentation::paragraphs`].
    pub paragraph: usize,
    pub kind: SentenceKind,
}

/// One paragraph: a run of sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// Index of its first sentence in [`Segmentation::sentences`].
    pub first_sentence: usize,
    pub sentence_count: usize,
}

/// Paragraphs and sentences of one text.
#[derive(Debug, Default, Clone)]
pub struct Segmentation {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

impl Segmentation {
    /// The sentences of paragraph `p`.
    pub fn sentences_of(&self, p: usize) -> &[Sentence] {
        let para = &self.paragraphs[p];
        &self.sentences[para.first_sentence..para.first_sentence + para.sentence_count]
    }
}

/// Segment `text` into paragraphs and sentences.
pub fn segment(text: &str) -> Segmentation {
    let mut out = Segmentation::default();
    segment_into(text, &mut out);
    out
}

/// Same as [`segment`], reusing the vectors' allocations (for batch runs).
pub fn segment_into(text: &str, out: &mut Segmentation) {
    out.paragraphs.clear();
    out.sentences.clear();
    // (news sentences run 100 to 150 bytes: reserving saves most regrowth copies)
    out.sentences.reserve(text.len() / 128 + 1);
    out.paragraphs.reserve(text.len() / 512 + 1);
    let bytes = text.as_bytes();

    let mut current: Option<OpenParagraph> = None;
    let mut prev: Option<LineInfo> = None;
    let mut pos = 0;
    while pos <= bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |o| pos + o);
        let (ts, te) = trim(text, pos, end);
        if ts == te {
            // Blank (or white-space-only) line: paragraph break.
            if let Some(p) = current.take() {
                flush(text, p, out);
            }
            prev = None;
        } else {
            let line = LineInfo {
                start: ts,
                ends_final: ends_final(text, ts, te),
                table: is_table_row(&bytes[ts..te]),
            };
            let join = match prev {
                Some(p) => !p.ends_final && !p.table && !line.table && starts_continuation(text, line.start),
                None => false,
            };
            match current.as_mut() {
                Some(open) if join => {
                    open.end = te;
                    open.lines += 1;
                    open.last = line;
                }
                _ => {
                    if let Some(p) = current.take() {
                        flush(text, p, out);
                    }
                    current = Some(OpenParagraph {
                        start: ts,
                        end: te,
                        lines: 1,
                        last: line,
                    });
                }
            }
            prev = Some(line);
        }
        pos = end + 1;
    }
    if let Some(p) = current.take() {
        flush(text, p, out);
    }
}

#[derive(Debug, Clone, Copy)]
struct LineInfo {
    start: usize,
    ends_final: bool,
    table: bool,
}

#[derive(Debug, Clone, Copy)]
struct OpenParagraph {
    start: usize,
    end: usize,
    lines: usize,
    last: LineInfo,
}

/// Is `c` invisible: white space, a control character, or a format or
/// filler character that draws nothing (zero-width space, joiners, word
/// joiner, byte order mark, soft hyphen, bidirectional marks, variation
/// selectors, tag characters, Hangul fillers, the blank Braille pattern)?
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Does `s` hold at least one visible character (see [`is_invisible`])?
pub fn has_visible(s: &str) -> bool {
    // (an ASCII byte that is neither white space nor a control answers at once)
    s.bytes().any(|b| b.is_ascii_graphic()) || s.chars().any(|c| !is_invisible(c))
}

/// Emit one paragraph and its sentences (none when it has no visible character).
fn flush(text: &str, p: OpenParagraph, out: &mut Segmentation) {
    if !has_visible(&text[p.start..p.end]) {
        return;
    }
    let index = out.paragraphs.len();
    let first = out.sentences.len();
    let kind = if p.lines == 1 && p.last.table {
        SentenceKind::TableRow
    } else if p.lines == 1 && (!p.last.ends_final || is_timestamp_line(text, p.start, p.end)) {
        SentenceKind::Headline
    } else {
        SentenceKind::Prose
    };
    match kind {
        SentenceKind::Prose => split_prose(text, p.start, p.end, index, &mut out.sentences),
        _ => out.sentences.push(Sentence {
            span: Span::new(p.start, p.end),
            paragraph: index,
            kind,
        }),
    }
    out.paragraphs.push(Paragraph {
        span: Span::new(p.start, p.end),
        first_sentence: first,
        sentence_count: out.sentences.len() - first,
    });
}

// ---------------------------------------------------------------------------
// Character helpers
// ---------------------------------------------------------------------------

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

#[inline]
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// Trim white space from `[start, end)`; returns an empty range at `end` if
/// the range is all white space.
fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    if lead == s.len() {
        return (end, end);
    }
    let trail = s.len() - s.trim_end().len();
    (start + lead, end - trail)
}

/// Closing quotes and brackets that may follow sentence-final punctuation.
#[inline]
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '\u{201D}' | '\u{2019}' | '\u{BB}' | '\u{203A}'
    )
}

/// Opening quotes and brackets that may precede the first word of a sentence.
#[inline]
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '\u{201C}' | '\u{2018}' | '\u{AB}' | '\u{2039}' | '\u{BF}' | '\u{A1}'
    )
}

#[inline]
fn is_quote_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201C}' | '\u{2018}' | '\u{AB}' | '\u{2039}')
}

/// Does the line `[ts, te)` (trimmed, non-empty) end in sentence-final
/// punctuation, possibly followed by closing quotes/brackets?
fn ends_final(text: &str, ts: usize, te: usize) -> bool {
    let line = &text[ts..te];
    let core = line.trim_end_matches(is_closer);
    matches!(core.chars().next_back(), Some('.' | '!' | '?' | ':' | ';' | '\u{2026}'))
}

/// Does a line starting at `i` (first non-white-space char) continue the
/// previous line's prose?
fn starts_continuation(text: &str, i: usize) -> bool {
    match char_at(text, i) {
        Some(c) => {
            c.is_lowercase()
                || matches!(
                    c,
                    ',' | ';' | ':' | ')' | ']' | '}' | '&' | '%' | '/' | '\u{2013}' | '\u{2014}' | '\u{2026}'
                )
        }
        None => false,
    }
}

/// A line starting and ending with `|`, or containing ` | ` cell separators.
fn is_table_row(line: &[u8]) -> bool {
    if line.first() == Some(&b'|') && line.last() == Some(&b'|') {
        return true;
    }
    memchr::memchr_iter(b'|', line).any(|i| i > 0 && i + 1 < line.len() && line[i - 1] == b' ' && line[i + 1] == b' ')
}

/// A short time-stamp line such as "2:45 p.m." or "Updated Jan. 5, 9:10 a.m.":
/// ends with a.m./p.m. and has no lowercase-initial word before it.
fn is_timestamp_line(text: &str, ts: usize, te: usize) -> bool {
    let line = &text[ts..te];
    let lower = line.len() >= 4 && {
        let tail = &line.as_bytes()[line.len() - 4..];
        tail.eq_ignore_ascii_case(b"a.m.") || tail.eq_ignore_ascii_case(b"p.m.")
    };
    if !lower {
        return false;
    }
    let mut words = line.split_whitespace();
    let _last = words.next_back();
    words.all(|w| !w.chars().next().is_some_and(|c| c.is_lowercase()))
}

// ---------------------------------------------------------------------------
// Sentence splitting inside a prose paragraph
// ---------------------------------------------------------------------------

/// Common words a sentence starts with; after "U.S.", "a.m.", "Inc." and
/// initials we split only before one of these.
const STARTERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "A",
    "An",
    "This",
    "That",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "On",
    "At",
    "After",
    "Before",
    "When",
    "While",
    "According",
];

/// Abbreviations after which a sentence never ends.
const NEVER: &[&str] = &[
    // titles
    "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Gen", "Lt", "Col",
    "Sgt", "Capt", "Cmdr", "Adm", "Maj", "Cpl", "Pvt", "Prof", "St", "Rev", "Pres", "Atty", "Supt", "Dept", "Hon",
    "Mt", "Ft", "Ave", "Blvd", "Gens", "Mssrs", // Latin and misc.
    "vs", "v", "e.g", "i.e", "cf", "approx", "est", "Approx", "Est", "ca", // months
    "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", // weekdays
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
];

/// Abbreviations that precede a number ("No. 5", "Vol. 2").
const NUMBERISH: &[&str] = &["No", "Nos", "Vol", "Vols", "Art", "Fig", "p", "pp", "no"];

/// Abbreviations that often end a clause: split only before a common starter.
const SOFT: &[&str] = &[
    "etc", "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "al", "Bros", "LLC", "Cos",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbrev {
    None,
    Never,
    Numberish,
    Soft,
}

/// Letters separated by periods: "U.S", "a.m", "D.C", "Ph.D".
fn is_initialism(t: &str) -> bool {
    if !t.contains('.') {
        return false;
    }
    t.split('.')
        .all(|seg| !seg.is_empty() && seg.len() <= 2 && seg.bytes().all(|b| b.is_ascii_alphabetic()))
}

fn classify(token: &str) -> Abbrev {
    if token.is_empty() {
        return Abbrev::None;
    }
    // the three lists in one table, asked once per sentence end (a word in
    // more than one list takes the first: NEVER, then NUMBERISH, then SOFT)
    static ABBREVIATIONS: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, Abbrev>> =
        std::sync::LazyLock::new(|| {
            let lists = [
                (SOFT, Abbrev::Soft),
                (NUMBERISH, Abbrev::Numberish),
                (NEVER, Abbrev::Never),
            ];
            lists
                .iter()
                .flat_map(|&(words, class)| words.iter().map(move |&w| (w, class)))
                .collect()
        });
    if let Some(&class) = ABBREVIATIONS.get(token) {
        return class;
    }
    if is_initialism(token) {
        return Abbrev::Soft;
    }
    let mut chars = token.chars();
    // A single capital: a middle or first initial.
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return Abbrev::Soft;
    }
    Abbrev::None
}

/// Is the word at `i` (ASCII letters) one of [`STARTERS`], and not itself an
/// initial (followed by '.')?
fn starter_at(text: &str, i: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let mut j = i;
    while j < end && j - i < 16 && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    if j == i || (j < end && (b[j].is_ascii_alphabetic() || b[j] == b'.')) {
        return false;
    }
    STARTERS.contains(&&text[i..j])
}

/// How far past an unclosed '(' to look for its ')' (bytes).
const PAREN_LOOKAHEAD: usize = 300;

/// The bytes `split_prose` stops at: brackets, sentence punctuation and the
/// first byte of "…".
const SPLIT_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let stops = b"()[].!?\xE2";
    while k < stops.len() {
        t[stops[k] as usize] = true;
        k += 1;
    }
    t
};

fn split_prose(text: &str, ps: usize, pe: usize, para: usize, out: &mut Vec<Sentence>) {
    let b = text.as_bytes();
    let mut sent_start = ps;
    let mut depth: u32 = 0;
    let mut i = ps;
    // most paragraphs hold no ellipsis and no bracket: then the scans for them
    // below are skipped (asked once here, not once per sentence end)
    // ("…" is E2 80 A6; its last byte is rare in text, unlike the E2 that opens every
    // curly quote and dash, so the scan looks for that)
    let ellipses = memchr::memchr_iter(0xA6, &b[ps..pe]).any(|k| k >= 2 && b[ps + k - 2..ps + k] == [0xE2, 0x80]);
    let brackets =
        memchr::memchr2(b'(', b'[', &b[ps..pe]).is_some() || memchr::memchr2(b')', b']', &b[ps..pe]).is_some();
    while i < pe {
        // skip the ordinary bytes up to the next sentence punctuation; brackets
        // on the way are counted in order (most stretches have none)
        let terminal = memchr::memchr3(b'.', b'!', b'?', &b[i..pe]).map_or(pe, |k| i + k);
        // an ellipsis "…" (E2 80 A6) ends a stretch too; other characters that
        // start with E2 (curly quotes and apostrophes, dashes) are passed over here
        let mut stop = terminal;
        let mut from = i;
        while ellipses && let Some(k) = memchr::memchr(0xE2, &b[from..terminal]) {
            let e = from + k;
            if e + 2 < pe && b[e + 1] == 0x80 && b[e + 2] == 0xA6 {
                stop = e;
                break;
            }
            from = e + 1;
        }
        if brackets
            && (memchr::memchr2(b'(', b'[', &b[i..stop]).is_some()
                || memchr::memchr2(b')', b']', &b[i..stop]).is_some())
        {
            while i < stop && !SPLIT_BYTES[b[i] as usize] {
                i += 1;
            }
        } else {
            i = stop;
        }
        if i >= pe {
            break;
        }
        match b[i] {
            b'(' | b'[' => {
                depth += 1;
                i += 1;
                continue;
            }
            b')' | b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
                continue;
            }
            b'.' | b'!' | b'?' => {}
            0xE2 if i + 2 < pe && b[i + 1] == 0x80 && b[i + 2] == 0xA6 => {}
            _ => {
                i += 1;
                continue;
            }
        }
        // A run of terminal punctuation.
        let mut dots = 0usize;
        let mut strong = false;
        let mut ellipsis = false;
        let mut j = i;
        while j < pe {
            match b[j] {
                b'.' => dots += 1,
                b'!' | b'?' => strong = true,
                0xE2 if j + 2 < pe && b[j + 1] == 0x80 && b[j + 2] == 0xA6 => {
                    ellipsis = true;
                    j += 3;
                    continue;
                }
                _ => break,
            }
            j += 1;
        }
        // Closing quotes and brackets belong to the sentence that ends here.
        while let Some(c) = char_at(text, j).filter(|&c| j < pe && is_closer(c)) {
            if c == ')' || c == ']' {
                depth = depth.saturating_sub(1);
            }
            j += c.len_utf8();
        }
        if j >= pe || !char_at(text, j).is_some_and(char::is_whitespace) {
            i = j;
            continue;
        }
        // Next non-white-space position (exists: pe is a trimmed end).
        let mut k = j;
        while let Some(c) = char_at(text, k).filter(|c| k < pe && c.is_whitespace()) {
            k += c.len_utf8();
        }
        if k >= pe {
            i = j;
            continue;
        }
        let kind = if strong {
            Terminal::Strong
        } else if ellipsis || dots >= 2 {
            Terminal::Ellipsis
        } else {
            Terminal::Period
        };
        if should_split(text, sent_start, i, k, pe, kind, depth) {
            push_visible(
                text,
                out,
                Sentence {
                    span: Span::new(sent_start, j),
                    paragraph: para,
                    kind: SentenceKind::Prose,
                },
            );
            sent_start = k;
            depth = 0;
            i = k;
        } else {
            i = j;
        }
    }
    if sent_start < pe {
        push_visible(
            text,
            out,
            Sentence {
                span: Span::new(sent_start, pe),
                paragraph: para,
                kind: SentenceKind::Prose,
            },
        );
    }
}

/// Keep a sentence that has a visible character; one of zero-width spaces
/// alone is no statement.
fn push_visible(text: &str, out: &mut Vec<Sentence>, s: Sentence) {
    if has_visible(s.span.slice(text)) {
        out.push(s);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// Contains '!' or '?'.
    Strong,
    /// "..." or "…".
    Ellipsis,
    /// A single '.'.
    Period,
}

/// Decide whether a sentence ends at the punctuation starting at `p`, given
/// that the next non-white-space char is at `k`.
fn should_split(text: &str, sent_start: usize, p: usize, k: usize, pe: usize, kind: Terminal, depth: u32) -> bool {
    // First letter of the next word, past any opening quotes/brackets.
    let mut w = k;
    let mut quoted = false;
    let mut skipped = 0;
    while let Some(c) = char_at(text, w).filter(|&c| w < pe && is_opener(c)) {
        quoted |= is_quote_opener(c);
        w += c.len_utf8();
        skipped += 1;
        if skipped > 4 {
            break;
        }
    }
    let first = if w < pe { char_at(text, w) } else { None };
    if first.is_some_and(char::is_lowercase) {
        return false;
    }
    // Inside parentheses that close a little later: not the outer end.
    if depth > 0 {
        let window_end = pe.min(k + PAREN_LOOKAHEAD);
        if text.as_bytes()[k..window_end].iter().any(|&c| c == b')' || c == b']') {
            return false;
        }
    }
    match kind {
        Terminal::Strong => true,
        Terminal::Ellipsis => quoted || first.is_some_and(char::is_uppercase),
        Terminal::Period => {
            // The token before the period, back to white space (bounded).
            let mut ts = p;
            while ts > sent_start && p - ts <= 64 {
                match char_before(text, ts) {
                    Some(c) if !c.is_whitespace() => ts -= c.len_utf8(),
                    _ => break,
                }
            }
            if p - ts > 64 {
                return true;
            }
            let raw = &text[ts..p];
            let token = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
            // Numbered list marker at the start of a sentence: "1. ", "12. ".
            if ts == sent_start && !raw.is_empty() && raw.len() <= 3 && raw.bytes().all(|c| c.is_ascii_digit()) {
                return false;
            }
            match classify(token) {
                Abbrev::None => true,
                Abbrev::Never => false,
                Abbrev::Numberish => !first.is_some_and(|c| c.is_ascii_digit() || c == '#'),
                Abbrev::Soft => starter_at(text, w, pe),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .map(|s| &text[s.span.start..s.span.end])
            .collect()
    }

    #[test]
    fn invisible_lines_and_sentences_are_no_sentences() {
        let zw = "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}\u{AD}";
        assert!(segment(&format!("{zw}\n{zw} \t{zw}\n\n{zw}\n")).sentences.is_empty());
        assert!(segment(&format!("{zw}\n")).paragraphs.is_empty());
        // a paragraph of invisible characters between real ones is dropped
        let t = format!("The port closed.\n\n{zw}\n \n{zw}{zw}\n\nIt reopened.");
        let seg = segment(&t);
        assert_eq!(texts(&t), vec!["The port closed.", "It reopened."]);
        assert_eq!(seg.paragraphs.len(), 2);
        assert_eq!(seg.sentences[1].paragraph, 1);
        // invisible characters inside a visible sentence stay in it
        let t = format!("The{zw} port closed.");
        assert_eq!(texts(&t), vec![t.as_str()]);
        assert!(has_visible("\u{200B}a") && !has_visible(zw) && has_visible("\u{200B}."));
    }

    #[test]
    fn splits_simple_prose() {
        assert_eq!(
            texts("The vote passed. Critics objected! Was it fair?"),
            vec!["The vote passed.", "Critics objected!", "Was it fair?"]
        );
    }

    #[test]
    fn titles_and_initials() {
        assert_eq!(
            texts("Mr. Smith met Dr. Jones. Donald J. Trump spoke."),
            vec!["Mr. Smith met Dr. Jones.", "Donald J. Trump spoke."]
        );
    }

    #[test]
    fn us_rule() {
        assert_eq!(
            texts("He moved to the U.S. The move was hard."),
            vec!["He moved to the U.S.", "The move was hard."]
        );
        assert_eq!(texts("The U.S. Senate voted."), vec!["The U.S. Senate voted."]);
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            texts("He said, “We will win.” Then he left."),
            vec!["He said, “We will win.”", "Then he left."]
        );
        assert_eq!(
            texts("“Too little?” asked Robby Mook."),
            vec!["“Too little?” asked Robby Mook."]
        );
    }

    #[test]
    fn headline_and_paragraphs() {
        let text = "Big News Today\nThe mayor resigned. She cited health.\n\nFinal Thoughts";
        let seg = segment(text);
        assert_eq!(seg.paragraphs.len(), 3);
        assert_eq!(seg.sentences.len(), 4);
        assert_eq!(seg.sentences[0].kind, SentenceKind::Headline);
        assert_eq!(seg.sentences[1].kind, SentenceKind::Prose);
        assert_eq!(seg.sentences[3].kind, SentenceKind::Headline);
        assert_eq!(seg.paragraphs[1].first_sentence, 1);
        assert_eq!(seg.paragraphs[1].sentence_count, 2);
        assert_eq!(seg.sentences_of(1).len(), 2);
    }

    #[test]
    fn wrapped_lines_join() {
        let text = "The council said the\nbudget would pass. It did.";
        let seg = segment(text);
        assert_eq!(seg.paragraphs.len(), 1);
        assert_eq!(texts(text), vec!["The council said the\nbudget would pass.", "It did."]);
    }

    #[test]
    fn table_rows() {
        let seg = segment("| Name | Votes |\n| Ann | 12 |");
        assert_eq!(seg.paragraphs.len(), 2);
        assert!(seg.sentences.iter().all(|s| s.kind == SentenceKind::TableRow));
    }

    #[test]
    fn parentheses() {
        assert_eq!(
            texts("He won (the count was close. Very close) and left. Next day."),
            vec!["He won (the count was close. Very close) and left.", "Next day."]
        );
    }

    #[test]
    fn classify_tokens() {
        assert_eq!(classify("Mr"), Abbrev::Never);
        assert_eq!(classify("U.S"), Abbrev::Soft);
        assert_eq!(classify("p.m"), Abbrev::Soft);
        assert_eq!(classify("No"), Abbrev::Numberish);
        assert_eq!(classify("J"), Abbrev::Soft);
        assert_eq!(classify("house"), Abbrev::None);
        assert!(is_initialism("D.C"));
        assert!(!is_initialism("example.com"));
    }

    #[test]
    fn segment_into_reuses() {
        let mut out = Segmentation::default();
        segment_into("One. Two.", &mut out);
        assert_eq!(out.sentences.len(), 2);
        segment_into("", &mut out);
        assert!(out.sentences.is_empty() && out.paragraphs.is_empty());
    }

    #[test]
    fn timestamp_headline() {
        let seg = segment("2:45 p.m.\nThe polls closed at 8 p.m. on Tuesday.");
        assert_eq!(seg.paragraphs.len(), 2);
        assert_eq!(seg.sentences[0].kind, SentenceKind::Headline);
        assert_eq!(seg.sentences[1].kind, SentenceKind::Prose);
    }
}
