//! `loaded-cue`: a judging attribution verb where a neutral one would do.

use crate::lint::text::words;
use crate::lint::{Context, Example, Hit, Options, Rule, Severity};
use crate::span::Span;

pub struct LoadedCue;

/// Loaded verb forms and the neutral verb to use instead, with what the loaded one implies.
pub const LOADED: &[(&str, &str, &str)] = &[
    ("claimed", "said", "casts doubt on what follows"),
    ("claims", "says", "casts doubt on what follows"),
    ("claiming", "saying", "casts doubt on what follows"),
    ("admitted", "said", "implies a confession of wrongdoing"),
    ("admits", "says", "implies a confession of wrongdoing"),
    ("admitting", "saying", "implies a confession of wrongdoing"),
    ("insisted", "said", "implies the claim is doubtful or resisted"),
    ("insists", "says", "implies the claim is doubtful or resisted"),
    ("insisting", "saying", "implies the claim is doubtful or resisted"),
    ("conceded", "said", "implies the speaker lost an argument"),
    ("concedes", "says", "implies the speaker lost an argument"),
    ("conceding", "saying", "implies the speaker lost an argument"),
    ("slammed", "criticized", "is headline slang that takes sides"),
    ("slams", "criticizes", "is headline slang that takes sides"),
    ("blasted", "criticized", "is headline slang that takes sides"),
    ("blasts", "criticizes", "is headline slang that takes sides"),
    ("boasted", "said", "mocks the speaker"),
    ("boasts", "says", "mocks the speaker"),
    ("bragged", "said", "mocks the speaker"),
    ("brags", "says", "mocks the speaker"),
    ("touted", "said", "implies salesmanship"),
    ("confessed", "said", "implies guilt"),
    ("lashed", "criticized", "takes sides"),
    ("ranted", "said", "mocks the speaker"),
    ("whined", "complained", "mocks the speaker"),
    ("griped", "complained", "mocks the speaker"),
    ("fumed", "said", "characterises the speaker's mood"),
    ("sneered", "said", "characterises the speaker's mood"),
    ("scoffed", "said", "characterises the speaker's mood"),
    ("purported", "said", "casts doubt on what follows"),
];

/// Words right before a noun "claims" ("the president's claims", "Fifth Amendment claims").
const NOUN_BEFORE: &[&str] = &[
    "the",
    "his",
    "her",
    "their",
    "its",
    "our",
    "your",
    "my",
    "these",
    "those",
    "such",
    "any",
    "these",
    "false",
    "new",
    "earlier",
    "similar",
    "amendment",
    "republican",
    "democratic",
    "legal",
    "fraud",
    "of",
    "'s",
    "’s",
];
/// Words right after a noun "claims" ("claims about", "claims as false").
const NOUN_AFTER: &[&str] = &[
    "about", "of", "as", "are", "were", "is", "was", "by", "from", "against", "and", "or",
];
/// Objects of "claim" in its possession sense ("claimed a loss", "claimed victory").
const OBJECTS: &[&str] = &[
    "loss",
    "losses",
    "deduction",
    "deductions",
    "credit",
    "credits",
    "victory",
    "responsibility",
    "title",
    "seat",
    "seats",
    "lives",
    "prize",
    "win",
    "asylum",
    "benefits",
    "refund",
    "exemption",
    "ownership",
    "wealth",
];

/// Is this "claim(s/ed)" a noun or the possession sense, not a speech verb?
fn noun_or_object_sense(cx: &Context, w: Span, lw: &str) -> bool {
    if !lw.starts_with("claim") {
        return false;
    }
    let text = &cx.doc.text;
    let before = text[..w.start].trim_end();
    let prev = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let after: Vec<String> = words(text, Span::new(w.end, (w.end + 60).min(text.len())))
        .iter()
        .take(3)
        .map(|x| x.slice(text).to_lowercase())
        .collect();
    let punct_after = text[w.end..]
        .trim_start()
        .starts_with([',', '.', ';', ':', ')', '–', '—']);
    if matches!(lw, "claims" | "claim") {
        let prev_word = prev.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        if NOUN_BEFORE.contains(&prev_word) || prev.ends_with("'s") || prev.ends_with("’s") || punct_after {
            return true;
        }
        if after.first().is_some_and(|a| NOUN_AFTER.contains(&a.as_str())) {
            return true;
        }
    }
    // "claimed a loss of $916 million", "claimed vast wealth"
    after.iter().take(3).any(|a| OBJECTS.contains(&a.as_str()))
}

impl Rule for LoadedCue {
    fn id(&self) -> &'static str {
        "loaded-cue"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A judging attribution verb (claimed, admitted, insisted, slammed) where a neutral one would do"
    }
    fn rationale(&self) -> &'static str {
        "The verb that introduces a quote tells the reader what to think of it. \"Claimed\" casts doubt, \
         \"admitted\" and \"conceded\" imply a confession or a lost argument, \"insisted\" implies resistance, \
         \"slammed\", \"blasted\" and \"boasted\" take sides. Style guides (AP: \"said is almost always the \
         right word\") keep these for when the writer means exactly that and can stand behind it. This rule \
         flags attribution cues from a fixed list and suggests the neutral verb; suppress it with a reason \
         when the judgement is deliberate (\"admitted\" after a guilty plea)."
    }
    fn examples(&self) -> &'static [Example] {
        &[
            Example {
                text: "The senator claimed the bill would cut taxes.",
                flagged: true,
            },
            Example {
                text: "The mayor slammed the decision.",
                flagged: true,
            },
            Example {
                text: "The senator said the bill would cut taxes.",
                flagged: false,
            },
        ]
    }
    fn check(&self, cx: &Context, _opts: &Options) -> Vec<Hit> {
        let a = cx.analysis;
        let mut out = Vec::new();
        for st in &a.statements {
            for &k in &st.attributions {
                let Some(at) = a.attributions.get(k) else { continue };
                let ws = words(&cx.doc.text, at.cue);
                for w in ws {
                    let lw = w.slice(&cx.doc.text).to_lowercase();
                    if noun_or_object_sense(cx, w, &lw) {
                        continue;
                    }
                    if let Some((_, neutral, why)) = LOADED.iter().find(|(l, _, _)| *l == lw) {
                        out.push(
                            Hit::at(w, format!("loaded attribution verb \"{lw}\" {why}"))
                                .help(format!("use \"{neutral}\" unless you mean exactly that")),
                        );
                    }
                }
            }
        }
        out.sort_by_key(|h| h.span.start);
        out.dedup_by_key(|h| h.span);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testutil::{Fake, real};
    use crate::model::{SourceKind::*, Stance};

    #[test]
    fn loaded_cue_gets_a_neutral_suggestion() {
        let f = Fake::new("The senator claimed the bill would cut taxes.").attr(
            "The senator",
            Named,
            "noun-phrase",
            "claimed",
            Stance::Allege,
        );
        let hits = f.run(&LoadedCue);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].span.slice(&f.doc.text), "claimed");
        assert!(hits[0].help.as_deref().unwrap().contains("\"said\""));
    }

    #[test]
    fn neutral_cue_and_non_cue_words_pass() {
        let f = Fake::new("The senator said the claimed savings were real.").attr(
            "The senator",
            Named,
            "noun-phrase",
            "said",
            Stance::Assert,
        );
        assert!(f.run(&LoadedCue).is_empty(), "'claimed' outside a cue is not flagged");
    }

    #[test]
    fn real_slammed() {
        assert_eq!(
            real("Mayor Jane Ortiz slammed the decision on Tuesday.", &LoadedCue),
            ["slammed"]
        );
    }

    #[test]
    fn noun_claims_and_possession_sense_pass() {
        for (text, cue) in [
            (
                "The judge may reject his Fifth Amendment claims, lawyers said.",
                "claims",
            ),
            (
                "Families say the president's claims about retaliation are unfounded.",
                "claims",
            ),
            (
                "The Times wrote that Trump had claimed a loss of $916 million.",
                "claimed",
            ),
        ] {
            let f = Fake::new(text).attr("", Named, "", cue, Stance::Allege);
            assert!(f.run(&LoadedCue).is_empty(), "{text}");
        }
        let f = Fake::new("But Trump claims that he should be the exception.").attr(
            "Trump",
            Named,
            "noun-phrase",
            "claims",
            Stance::Allege,
        );
        assert_eq!(f.texts(&LoadedCue), ["claims"]);
    }
}
