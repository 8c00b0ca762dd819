//! Verb inflection for cue entries, so the grammar lists lemmas, not every form.
//!
//! `say(said)` gives say, says, said, saying; `write(wrote written)` adds the
//! participle; `admit+` doubles the final consonant (admitted, admitting).
//! A multi-word verb ("point out") inflects its first word.

/// All forms of one verb entry, lemma first.
pub fn verb_forms(entry: &VerbEntry) -> Vec<String> {
    let (head, rest) = match entry.lemma.split_once(' ') {
        Some((h, r)) => (h, format!(" {r}")),
        None => (entry.lemma.as_str(), String::new()),
    };
    let mut forms = vec![
        head.to_string(),
        third_person(head),
        entry.past.clone().unwrap_or_else(|| past(head, entry.double)),
        present_participle(head, entry.double),
    ];
    if let Some(p) = &entry.participle {
        forms.push(p.clone());
    }
    let mut out: Vec<String> = Vec::with_capacity(forms.len());
    for f in forms {
        let full = format!("{f}{rest}");
        if !out.contains(&full) {
            out.push(full);
        }
    }
    out
}

/// One verb as written in a grammar file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    pub lemma: String,
    pub past: Option<String>,
    pub participle: Option<String>,
    pub double: bool,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The word without its last character, and that character ("" for an empty word).
fn split_last(w: &str) -> (&str, &str) {
    match w.char_indices().next_back() {
        Some((i, _)) => (&w[..i], &w[i..]),
        None => ("", ""),
    }
}

fn third_person(w: &str) -> String {
    let b = w.as_bytes();
    if w.ends_with("s")
        || w.ends_with("sh")
        || w.ends_with("ch")
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with('o')
    {
        format!("{w}es")
    } else if b.len() > 1 && b[b.len() - 1] == b'y' && !is_vowel(b[b.len() - 2]) {
        format!("{}ies", split_last(w).0)
    } else {
        format!("{w}s")
    }
}

fn past(w: &str, double: bool) -> String {
    let b = w.as_bytes();
    if double {
        format!("{w}{}ed", split_last(w).1)
    } else if w.ends_with('e') {
        format!("{w}d")
    } else if b.len() > 1 && b[b.len() - 1] == b'y' && !is_vowel(b[b.len() - 2]) {
        format!("{}ied", split_last(w).0)
    } else {
        format!("{w}ed")
    }
}

fn present_participle(w: &str, double: bool) -> String {
    if double {
        format!("{w}{}ing", split_last(w).1)
    } else if let Some(stem) = w.strip_suffix("ie") {
        format!("{stem}ying")
    } else if w.ends_with('e') && !w.ends_with("ee") && w.len() > 2 {
        format!("{}ing", split_last(w).0)
    } else {
        format!("{w}ing")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(lemma: &str, past: Option<&str>, double: bool) -> Vec<String> {
        verb_forms(&VerbEntry {
            lemma: lemma.into(),
            past: past.map(Into::into),
            participle: None,
            double,
        })
    }

    #[test]
    fn regular_and_irregular_verbs() {
        assert_eq!(
            forms("confirm", None, false),
            ["confirm", "confirms", "confirmed", "confirming"]
        );
        assert_eq!(forms("say", Some("said"), false), ["say", "says", "said", "saying"]);
        assert_eq!(forms("deny", None, false), ["deny", "denies", "denied", "denying"]);
        assert_eq!(forms("argue", None, false), ["argue", "argues", "argued", "arguing"]);
        assert_eq!(forms("admit", None, true), ["admit", "admits", "admitted", "admitting"]);
        assert_eq!(
            forms("criticize", None, false),
            ["criticize", "criticizes", "criticized", "criticizing"]
        );
        assert_eq!(
            forms("point out", None, false),
            ["point out", "points out", "pointed out", "pointing out"]
        );
        assert_eq!(forms("see", Some("saw"), false), ["see", "sees", "saw", "seeing"]);
        assert_eq!(
            forms("stress", None, false),
            ["stress", "stresses", "stressed", "stressing"]
        );
        // a phrasal verb doubles its first word's consonant
        assert_eq!(
            forms("refer to", Some("referred"), true),
            ["refer to", "refers to", "referred to", "referring to"]
        );
    }

    /// Built-in cue verbs that double their final consonant keep their -ing and -ed forms:
    /// a missing `+` in the grammar silently loses "referring to" or "rebutting".
    #[test]
    fn builtin_cues_double_where_english_does() {
        let g = crate::grammar::Grammar::builtin();
        let forms: Vec<String> = g.cues.iter().flat_map(|c| c.forms.iter().cloned()).collect();
        for needed in ["admitting", "referring to", "rebutting", "slamming"] {
            assert!(forms.iter().any(|f| f == needed), "missing cue form {needed}");
        }
    }
}
