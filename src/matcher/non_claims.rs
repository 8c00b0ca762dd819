//! Lines that make no claim: bylines, credit lines, section markers, bare
//! section headings, question-only sentences and table header rows. The spec
//! skips them; sayso keeps them as statements (so offsets stay complete) of
//! kind `non-claim`, which no share, count or check rule includes.

use crate::model::Attribution;
use crate::segment::{Segmentation, SentenceKind};

/// The sentences (indices into `seg.sentences`) that make no claim.
/// `headings` is the grammar's list `non-claim-headings`, lower-cased.
pub fn find(text: &str, seg: &Segmentation, attributions: &[Attribution], headings: &[String]) -> Vec<usize> {
    // which sentences hold a cue: a question someone is reported to ask is a claim
    let mut has_cue = vec![false; seg.sentences.len()];
    // (an act, "who is expected to win?", asks nothing on anyone's behalf)
    for a in attributions.iter().filter(|a| a.stance != crate::model::Stance::Act) {
        let i = seg.sentences.partition_point(|s| s.span.end <= a.cue.start);
        if let Some(c) = has_cue.get_mut(i) {
            *c = true;
        }
    }
    let mut out = Vec::new();
    for (i, s) in seg.sentences.iter().enumerate() {
        let line = s.span.slice(text).trim();
        let header_row = s.kind == SentenceKind::TableRow
            && (i == 0 || seg.sentences[i - 1].kind != SentenceKind::TableRow)
            && !line.bytes().any(|b| b.is_ascii_digit());
        if header_row || (!has_cue[i] && is_non_claim(line, s.kind, headings)) {
            out.push(i);
        }
    }
    out
}

/// Is this line, on its own, no claim at all?
pub fn is_non_claim(line: &str, kind: SentenceKind, headings: &[String]) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    // "___.", ".", "* * *": nothing but marks
    if !line.chars().any(char::is_alphanumeric) {
        return true;
    }
    let bare = line.trim_end_matches(['.', ':', ';', ' ']);
    // "ABSTRACT.", "FULL TEXT.", "ASSOCIATED PRESS.": a short line in capitals
    let capitals = bare.chars().any(char::is_alphabetic) && !bare.chars().any(char::is_lowercase);
    if capitals && words.len() <= 3 && (line.ends_with(['.', ':']) || kind == SentenceKind::Headline) {
        return true;
    }
    byline(&words) || credit(&words) || question_only(line) || heading(bare, kind, headings)
}

/// "By Jane Doe", "By JANE DOE and OMAR LEE", "By Jane Doe, Associated Press".
fn byline(words: &[&str]) -> bool {
    let [first, rest @ ..] = words else { return false };
    if !first.eq_ignore_ascii_case("by") || rest.is_empty() || words.len() > 9 {
        return false;
    }
    rest.iter().all(|w| {
        let w = w.trim_matches(|c: char| matches!(c, ',' | '.' | '|' | '—' | '-'));
        w.is_empty() || w.starts_with(char::is_uppercase) || matches!(w, "and" | "&" | "of" | "the" | "in")
    })
}

/// "Photo: Reuters", "Image credit: ...", "(AP Photo/Jane Doe)", "Photograph by ...".
fn credit(words: &[&str]) -> bool {
    const LEADS: [&str; 9] = [
        "photo",
        "photos",
        "photograph",
        "image",
        "images",
        "credit",
        "graphic",
        "illustration",
        "video",
    ];
    let Some(first) = words.first() else { return false };
    let lead = first.trim_start_matches('(').to_ascii_lowercase();
    let lead = lead.trim_end_matches(':');
    let second = words.get(1).map(|w| w.to_ascii_lowercase());
    let credit_form = first.ends_with(':')
        || matches!(second.as_deref(), Some("by" | "credit:" | "courtesy"))
        || first.starts_with("(AP")
        || first.contains("Photo/");
    words.len() <= 12 && (LEADS.contains(&lead) && credit_form || first.starts_with("(AP") && first.contains("Photo"))
}

/// "Who pays?": a sentence that only asks. A tag question ("…, right?") asserts.
fn question_only(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '”', '’', '\'', ')', ' ']);
    if !end.ends_with('?') {
        return false;
    }
    let body = &end[..end.len() - 1];
    // a tag after the last comma: "…, right?", "…, isn't it?", "…, didn't he?"
    if let Some((_, tag)) = body.rsplit_once(',')
        && tag.split_whitespace().count() <= 3
    {
        return false;
    }
    true
}

/// A bare section heading the grammar lists ("Final Thoughts", "Background").
fn heading(bare: &str, kind: SentenceKind, headings: &[String]) -> bool {
    if kind != SentenceKind::Headline && !bare.ends_with(':') {
        return false;
    }
    let lower = bare.trim_end_matches(':').trim().to_lowercase();
    headings.contains(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;
    use SentenceKind::*;

    fn headings() -> Vec<String> {
        ["final thoughts", "background"].iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn lines_without_a_claim() {
        for (line, kind) in [
            ("By Jane Doe", Headline),
            ("By MARIA OKAFOR and TOM LEE", Headline),
            ("By Jane Doe, Ridgeport Ledger", Headline),
            ("ASSOCIATED PRESS.", Prose),
            ("FULL TEXT.", Prose),
            ("ABSTRACT.", Prose),
            ("___.", Prose),
            (".", Prose),
            ("* * *", Headline),
            ("Photo: Harbour Authority", Headline),
            ("Photograph by Sam Reyes", Headline),
            ("Final Thoughts", Headline),
            ("Who pays?", Prose),
            ("“Who will pay for the dredging?”", Prose),
        ] {
            assert!(is_non_claim(line, kind, &headings()), "{line}");
        }
    }

    #[test]
    fn claims_stay_claims() {
        for (line, kind) in [
            ("Dockworkers Walk Out at Harbor Point", Headline),
            ("By Friday the port had reopened.", Prose),
            ("By the end of the week, Harbor Point was quiet.", Prose),
            ("The deal is dead, right?", Prose),
            ("NASA launched the probe on Monday.", Prose),
            ("Photos show the crane collapsing onto the dock.", Prose),
            ("Background checks were skipped for 40 hires.", Prose),
            ("Mayor Resigns", Headline),
        ] {
            assert!(!is_non_claim(line, kind, &headings()), "{line}");
        }
    }
}
