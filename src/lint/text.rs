//! Small word helpers the rules share (no analysis here).

use crate::span::Span;

/// Words of `text[span]` as spans into `text`: runs of letters, digits and
/// in-word punctuation (apostrophes, hyphens, `.`/`,` between digits, `%`, `$`).
pub fn words(text: &str, span: Span) -> Vec<Span> {
    let (s, e) = clamp(text, span);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let seg = &text[s..e];
    let chars: Vec<(usize, char)> = seg.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|x| x.1);
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let inner = matches!(c, '\'' | '’' | '-' | '.' | ',' | ':')
            && start.is_some()
            && next.is_some_and(|n| n.is_alphanumeric())
            && (c != '.' && c != ',' && c != ':'
                || prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit()));
        let word = c.is_alphanumeric() || matches!(c, '%' | '$' | '€' | '£') || inner;
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push(Span::new(s + st, s + i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push(Span::new(s + st, e));
    }
    out
}

/// A span clamped to the text and to char boundaries (start moves left, end left).
pub fn clamp(text: &str, span: Span) -> (usize, usize) {
    let mut s = span.start.min(text.len());
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = span.end.min(text.len()).max(s);
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    (s, e.max(s))
}

/// How many words lie strictly between two spans (in either order).
pub fn words_between(text: &str, a: Span, b: Span) -> usize {
    let (x, y) = if a.start <= b.start { (a, b) } else { (b, a) };
    if y.start <= x.end {
        return 0;
    }
    words(text, Span::new(x.end, y.start)).len()
}

/// Does `hay` contain `needle` as whole words (case-insensitive)?
pub fn has_phrase(hay: &str, needle: &str) -> bool {
    let h = hay.to_lowercase();
    let n = needle.to_lowercase();
    let mut from = 0;
    while let Some(i) = h[from..].find(&n) {
        let at = from + i;
        let before = h[..at].chars().next_back();
        let after = h[at + n.len()..].chars().next();
        let ok_b = before.is_none_or(|c| !c.is_alphanumeric());
        let ok_a = after.is_none_or(|c| !c.is_alphanumeric());
        if ok_b && ok_a {
            return true;
        }
        from = at + n.len().max(1);
        if from >= h.len() {
            break;
        }
    }
    false
}

/// Shorten a phrase for a message.
pub fn clip(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        let t: String = s.chars().take(max).collect();
        format!("{}…", t.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_numbers_and_symbols_together() {
        let t = "Some 1,200 people (45%) paid $3.5 million, officials' data said.";
        let w: Vec<&str> = words(t, Span::new(0, t.len())).iter().map(|s| s.slice(t)).collect();
        assert_eq!(
            w,
            [
                "Some",
                "1,200",
                "people",
                "45%",
                "paid",
                "$3.5",
                "million",
                "officials",
                "data",
                "said"
            ]
        );
    }

    #[test]
    fn spans_inside_a_character_are_clamped() {
        let t = "a “b” c";
        assert_eq!(words(t, Span::new(0, 3)).len(), 1);
        assert_eq!(clamp(t, Span::new(3, 100)), (2, t.len()));
    }

    #[test]
    fn phrases_match_whole_words_only() {
        assert!(has_phrase("They were NOT authorized to speak", "not authorized"));
        assert!(!has_phrase("unauthorized", "authorized"));
        assert_eq!(words_between("may well possibly", Span::new(0, 3), Span::new(9, 17)), 1);
    }
}
