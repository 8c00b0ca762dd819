//! Tokens: words, numbers, punctuation and quote marks with byte offsets.
//! One pass over the text into a reused vector; no allocation per token.

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    Punct,
    /// an opening quotation mark: “ ‘ or a straight quote that opens
    OpenQuote,
    /// a closing quotation mark: ” ’ or a straight quote that closes
    CloseQuote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokKind,
    /// one run of ASCII letters and digits and nothing else (most words): the
    /// lexicon looks such a word up whole instead of walking its parts
    pub plain: bool,
}

impl Token {
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start as usize..self.end as usize]
    }
    /// The token's bytes: its text without the character-boundary checks of a `str` slice.
    pub fn bytes<'a>(&self, text: &'a str) -> &'a [u8] {
        &text.as_bytes()[self.start as usize..self.end as usize]
    }
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokKind::Word | TokKind::Number)
    }
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, TokKind::OpenQuote | TokKind::CloseQuote)
    }
}

/// The end of the run of ASCII letters and digits starting at `from`, and
/// whether the run holds only digits. Eight bytes at a time where the text
/// allows (a word's end is found with one mask, not a branch per byte).
#[inline]
pub(super) fn ascii_word_run(bytes: &[u8], from: usize) -> (usize, bool) {
    const H: u64 = 0x8080_8080_8080_8080;
    const L7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let rep = |b: u8| u64::from(b) * 0x0101_0101_0101_0101;
    let mut p = from;
    let mut digits_only = true;
    while let Some(chunk) = bytes.get(p..p + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let ascii = !x & H;
        // per byte, the high bit set when the byte (below 0x80) is at least the bound
        let at_least = |h: u64, bound: u8| h + rep(0x80 - bound);
        let h = x & L7;
        let digit = at_least(h, b'0') & !at_least(h, b'9' + 1) & ascii;
        let folded = (x | rep(0x20)) & L7;
        let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1) & ascii;
        let stop = !(digit | letter) & H;
        let n = if stop == 0 {
            8
        } else {
            (stop.trailing_zeros() / 8) as usize
        };
        let run_mask = if n == 8 { H } else { H & ((1u64 << (8 * n)) - 1) };
        digits_only &= letter & run_mask == 0;
        p += n;
        if n < 8 {
            return (p, digits_only);
        }
    }
    while let Some(&b) = bytes.get(p)
        && ASCII_WORD[b as usize]
    {
        digits_only &= b.is_ascii_digit();
        p += 1;
    }
    (p, digits_only)
}

/// ASCII letters and digits, by byte.
const ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// `char::is_alphanumeric`, answered without the Unicode tables for ASCII and
/// for the General Punctuation block (U+2000 to U+206F: curly quotes, dashes,
/// ellipsis, none of them a letter or digit), the non-ASCII characters news
/// text is made of; the table lookup costs some 350 instructions a character.
#[inline]
pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// Characters of a text with their byte offsets, like `char_indices().peekable()`
/// but reading ASCII (most of any news text) without UTF-8 decoding.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    #[inline]
    fn peek(&self) -> Option<(usize, char)> {
        let b = *self.text.as_bytes().get(self.pos)?;
        if b < 0x80 {
            Some((self.pos, b as char))
        } else {
            self.text[self.pos..].chars().next().map(|c| (self.pos, c))
        }
    }

    #[inline]
    fn next(&mut self) -> Option<(usize, char)> {
        let r = self.peek()?;
        self.pos += r.1.len_utf8();
        Some(r)
    }
}

/// The character at byte `i`, if any.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => text[i..].chars().next(),
        None => None,
    }
}

/// Split `text` into tokens, appending to `out` (cleared first).
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    tokenize_with::<true>(text, out);
}

/// `tokenize`, with the fast path for plain words switched on or off (off
/// only in the test that checks both give the same tokens).
fn tokenize_with<const FAST: bool>(text: &str, out: &mut Vec<Token>) {
    out.clear();
    out.reserve(text.len() / 4); // news prose runs five to six bytes a token
    let bytes = text.as_bytes();
    let mut it = Cursor { text, pos: 0 };
    // is a single quotation mark open in this line? Then a trailing apostrophe may close it.
    let mut single_open = false;
    loop {
        // spaces between words: skipped bytewise
        while bytes.get(it.pos) == Some(&b' ') {
            it.pos += 1;
        }
        // most tokens are a run of ASCII letters and digits followed by a space, by
        // punctuation that joins nothing, by a comma or period that does not join it
        // to what follows, or by a closing quote or dash: taken here without decoding
        // characters (the rest of the loop gives the same token, more slowly)
        if FAST
            && let Some(&first) = bytes.get(it.pos)
            && ASCII_WORD[first as usize]
        {
            let i = it.pos;
            let (end, digits_only) = ascii_word_run(bytes, i);
            let ends_here = match bytes.get(end) {
                None => true,
                Some(b'\'' | b'-' | b'&') => false,
                // "2,000" joins; "said," does not
                Some(b',') => !(digits_only && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)),
                // "U.S", "a.m", "3.5" and "Inc.," join (as do the abbreviations); "said." does not
                Some(b'.') => {
                    bytes
                        .get(end + 1)
                        .is_none_or(|&m| m < 0x80 && !m.is_ascii_alphanumeric() && m != b',')
                        && !is_abbrev_dot(&text[i..end + 1])
                        && !is_title_abbrev(&text[i..end])
                }
                Some(&n) if n < 0x80 => true,
                // ” – —
                Some(0xE2) => matches!(bytes.get(end + 1..end + 3), Some([0x80, 0x9D | 0x93 | 0x94])),
                Some(_) => false,
            };
            if ends_here {
                out.push(Token {
                    start: i as u32,
                    end: end as u32,
                    kind: if digits_only { TokKind::Number } else { TokKind::Word },
                    plain: true,
                });
                it.pos = end;
                continue;
            }
        }
        // and ASCII punctuation other than quote marks is a token of its own
        if FAST
            && let Some(&b) = bytes.get(it.pos)
            && b.is_ascii_punctuation()
            && !matches!(b, b'\'' | b'"')
        {
            out.push(Token {
                start: it.pos as u32,
                end: it.pos as u32 + 1,
                kind: TokKind::Punct,
                plain: false,
            });
            it.pos += 1;
            continue;
        }
        let Some((i, c)) = it.next() else { break };
        if c.is_whitespace() {
            if c == '\n' {
                single_open = false;
            }
            continue;
        }
        // "the teachers' union", "Sanders’ campaign": a plural possessive stays in its word
        if matches!(c, '\'' | '’')
            && !single_open
            && let Some(last) = out.last_mut()
            && last.end as usize == i
            && last.kind == TokKind::Word
            && bytes[i - 1].eq_ignore_ascii_case(&b's')
            && text[i + c.len_utf8()..].starts_with(' ')
            && text[i + c.len_utf8() + 1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_alphabetic())
        {
            last.end = (i + c.len_utf8()) as u32;
            last.plain = false;
            continue;
        }
        if is_word_char(c) {
            // a word: letters/digits joined by internal apostrophes, hyphens, periods
            // (U.S., a.m., law-of-war, Trump’s, $50.5), ending on a word character
            let mut end = i + c.len_utf8();
            let mut numeric = c.is_ascii_digit();
            let mut plain = c.is_ascii();
            loop {
                // most of a word is a run of ASCII letters and digits: take it bytewise
                let (p, digits_only) = ascii_word_run(bytes, it.pos);
                numeric &= digits_only;
                if p > it.pos {
                    end = p;
                    it.pos = p;
                }
                let Some((j, d)) = it.peek() else { break };
                if is_word_char(d) {
                    if !d.is_ascii_digit() {
                        numeric = false;
                    }
                    end = j + d.len_utf8();
                    it.next();
                    plain = false;
                    continue;
                }
                if matches!(d, '\'' | '’' | '-' | '.' | ',' | '&') {
                    // joiner only when a word character follows
                    let after = j + d.len_utf8();
                    let next = char_at(text, after);
                    let joins = match d {
                        ',' => numeric && next.is_some_and(|n| n.is_ascii_digit()),
                        // "R-Fla., said", "Acme Inc., which": a period before a comma ends an abbreviation
                        '.' => {
                            next.is_some_and(|n| is_word_char(n) || n == ',')
                                || is_abbrev_dot(&text[i..after])
                                || is_title_abbrev(&text[i..j])
                        }
                        _ => next.is_some_and(is_word_char),
                    };
                    if joins {
                        end = after;
                        it.next();
                        plain = false;
                        continue;
                    }
                }
                break;
            }
            let kind = if numeric { TokKind::Number } else { TokKind::Word };
            out.push(Token {
                start: i as u32,
                end: end as u32,
                kind,
                plain,
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        // two apostrophes stand for a double quote mark in some newsroom text: ''like this''
        if c == '\'' && bytes.get(end) == Some(&b'\'') {
            it.next();
            end += 1;
            let prev = bytes[..i].iter().rev().find(|b| **b != b'*' && **b != b'_').copied();
            let kind = if prev.is_none_or(|p| p.is_ascii_whitespace() || matches!(p, b'(' | b'[' | b'{' | b'-')) {
                TokKind::OpenQuote
            } else {
                TokKind::CloseQuote
            };
            out.push(Token {
                start: i as u32,
                end: end as u32,
                kind,
                plain: false,
            });
            continue;
        }
        let kind = match c {
            '“' | '‘' | '«' => TokKind::OpenQuote,
            '”' | '»' => TokKind::CloseQuote,
            '’' => TokKind::CloseQuote,
            '"' => {
                // a straight quote opens after space, an opening bracket or a colon it is glued
                // to ('Rep. Roe:"I have not …'), else closes; one with space on both sides closes
                // a quote typed with a stray space: “… this, " he said”
                let prev = bytes[..i].iter().rev().find(|b| **b != b'*' && **b != b'_').copied();
                let next = char_at(text, end);
                if prev.is_none_or(|p| p.is_ascii_whitespace() || matches!(p, b'(' | b'[' | b'{' | b'-' | b':'))
                    && next.is_some_and(|n| !n.is_whitespace())
                {
                    TokKind::OpenQuote
                } else {
                    TokKind::CloseQuote
                }
            }
            '\'' => {
                let prev = if i == 0 { None } else { Some(bytes[i - 1]) };
                let next = char_at(text, end);
                if prev.is_none_or(|p| p.is_ascii_whitespace()) && next.is_some_and(is_word_char) {
                    TokKind::OpenQuote
                } else {
                    TokKind::CloseQuote
                }
            }
            _ => TokKind::Punct,
        };
        if matches!(c, '\'' | '‘') {
            single_open = kind == TokKind::OpenQuote;
        } else if c == '’' {
            single_open = false;
        }
        out.push(Token {
            start: i as u32,
            end: end as u32,
            kind,
            plain: false,
        });
    }
}

/// Titles, initials and other abbreviations that keep their period: "Mr.", "Sen.", "R." in "Barry R. McCaffrey".
fn is_title_abbrev(word: &str) -> bool {
    let b = word.as_bytes();
    if b.len() == 1 && b[0].is_ascii_uppercase() {
        return true;
    }
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Sen"
            | "Sens"
            | "Rep"
            | "Reps"
            | "Gov"
            | "Gen"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Cmdr"
            | "Adm"
            | "Prof"
            | "St"
            | "Rev"
            | "Jr"
            | "Sr"
            | "Pres"
            | "Atty"
            | "Supt"
            | "Gov's"
            | "Mt"
            | "Ft"
            | "No"
            | "Co"
            | "Corp"
            | "Inc"
            | "Ltd"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Aug"
            | "Sept"
            | "Sep"
            | "Oct"
            | "Nov"
            | "Dec"
            | "vs"
            | "etc"
            | "Calif"
            | "Fla"
            | "Mass"
            | "Ariz"
            | "Wis"
            | "Mich"
            | "Penn"
            | "Ore"
    )
}

/// "U.S." and "a.m." keep their final period; a sentence-final period does not join.
fn is_abbrev_dot(word_with_dot: &str) -> bool {
    let w = word_with_dot.as_bytes();
    // X.Y. patterns: the word so far already holds an internal period and short parts
    w.len() <= 6 && w.iter().filter(|b| **b == b'.').count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(text, &mut v);
        v.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn word_chars_agree_with_the_unicode_tables() {
        // the fast paths of `is_word_char` must answer as `is_alphanumeric` does,
        // over ASCII, the punctuation block it skips and its neighbours
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn joins_inside_words_and_numbers() {
        assert_eq!(words("U.S. officials said"), ["U.S.", "officials", "said"]);
        assert_eq!(words("Trump’s law-of-war claims"), ["Trump’s", "law-of-war", "claims"]);
        assert_eq!(
            words("$50.5 million, 1,200 people."),
            ["$", "50.5", "million", ",", "1,200", "people", "."]
        );
        assert_eq!(words("“Yes,” he said."), ["“", "Yes", ",", "”", "he", "said", "."]);
        assert_eq!(words("didn't"), ["didn't"]);
        assert_eq!(
            words("Mr. Barry R. McCaffrey said."),
            ["Mr.", "Barry", "R.", "McCaffrey", "said", "."]
        );
    }

    #[test]
    fn plural_possessives_keep_their_apostrophe() {
        assert_eq!(
            words("Sanders’ campaign manager and the teachers' union said"),
            [
                "Sanders’",
                "campaign",
                "manager",
                "and",
                "the",
                "teachers'",
                "union",
                "said"
            ]
        );
        // a closing single quote is still a quote mark
        assert_eq!(
            words("he called it ‘the bosses’ party’ today"),
            ["he", "called", "it", "‘", "the", "bosses", "’", "party", "’", "today"]
        );
        assert_eq!(words("a 'yes' vote"), ["a", "'", "yes", "'", "vote"]);
    }

    proptest::proptest! {
        #[test]
        fn word_runs_match_a_bytewise_scan(
            text in proptest::collection::vec(proptest::sample::select(b"aZ09 .'-\x80\xe2_@[`{/:".to_vec()), 0..40),
            from in 0usize..40,
        ) {
            let from = from.min(text.len());
            let mut end = from;
            while end < text.len() && text[end].is_ascii_alphanumeric() {
                end += 1;
            }
            let digits = text[from..end].iter().all(u8::is_ascii_digit);
            proptest::prop_assert_eq!(ascii_word_run(&text, from), (end, digits));
        }

        #[test]
        fn the_fast_path_for_plain_words_changes_no_token(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "said", "U", "S", "50", "5", "a", "Ortega", "it", "s", " ", " ", "  ", "\n", ".", ",", "'", "’",
                "-", "—", "–", "&", "\"", "“", "”", "‘", "(", ")", ":", "é", "$", "%", "''", "Mr", "R", "*", "_",
                "Inc", "Sens", "m", "…", ".,", "2,000",
            ]), 0..60),
        ) {
            let text = pieces.concat();
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            tokenize_with::<true>(&text, &mut fast);
            tokenize_with::<false>(&text, &mut slow);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn doubled_apostrophes_are_one_quote_mark() {
        let t = "''We won,'' he said.";
        let mut v = Vec::new();
        tokenize(t, &mut v);
        let texts: Vec<_> = v.iter().map(|x| x.text(t)).collect();
        assert_eq!(texts, ["''", "We", "won", ",", "''", "he", "said", "."]);
        assert_eq!(v[0].kind, TokKind::OpenQuote);
        assert_eq!(v[4].kind, TokKind::CloseQuote);
    }

    #[test]
    fn straight_quotes_open_and_close() {
        let t = "He said \"no\" twice.";
        let mut v = Vec::new();
        tokenize(t, &mut v);
        let kinds: Vec<_> = v.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[2], TokKind::OpenQuote);
        assert_eq!(kinds[4], TokKind::CloseQuote);
    }

    #[test]
    fn a_straight_quote_glued_to_a_colon_opens() {
        // 'Roe:"…"' opens the quote; a quote closing on a colon ("Related:") still closes
        let t = "Rep. Roe:\"I have not.\" Then \"Related:\" and more.";
        let mut v = Vec::new();
        tokenize(t, &mut v);
        let quotes: Vec<_> = (v.iter()).filter(|x| x.is_quote()).map(|x| (x.start, x.kind)).collect();
        assert_eq!(
            quotes,
            [
                (9, TokKind::OpenQuote),
                (21, TokKind::CloseQuote),
                (28, TokKind::OpenQuote),
                (37, TokKind::CloseQuote)
            ]
        );
    }
}
