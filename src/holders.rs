//! Holders: the distinct sources of a document. Runs after scoring and reads
//! only the `Analysis`: every attribution's source mention is normalised and
//! mentions that refer to the same holder are grouped, so that "President
//! Donald Trump", "Mr. Trump", "Trump" and a "he" resolved to one of them
//! come out as one holder with the statements that rest on it.
//!
//! Merging rules, in order of strength:
//! 1. the normalised forms are equal (case-insensitive; leading determiners,
//!    titles, a possessive and trailing punctuation removed);
//! 2. the shorter mention is all proper name and its words are a subset of the
//!    longer one's trailing proper name, ending on the same word (the surname):
//!    "Trump" ⊂ "Donald Trump", "Foreign Minister Gil" ⊂ "Venezuelan Foreign
//!    Minister Yvan Gil";
//! 3. a spelling variant: the same number of words, each pair and the whole
//!    with Jaro-Winkler similarity ≥ 0.92 ("Nicolás Maduro" / "Nicolas Maduro").
//!
//! Two full names with different first names ("Hillary Clinton", "Chelsea
//! Clinton") stay different holders: neither is a subset of the other and the
//! first names are not spelling variants. A bare "Clinton" that fits both goes
//! to the one mentioned most recently before it (a reader resolves it the same
//! way), or to the first introduced when neither precedes it.
//!
//! Unnamed holders ("sources familiar with the matter", "officials") merge
//! only on an exact normalised match: two vague groups are not known to be the
//! same people. Pronouns join the holder of the span they were resolved to;
//! unresolved pronouns form "(unresolved pronoun)" and attributions without a
//! holder ("it was reported that") form "(no holder)".

use crate::model::{Analysis, SourceKind, Verdict};
use crate::span::Span;

/// Name of the group of pronouns that were not resolved to a holder.
pub const UNRESOLVED_PRONOUN: &str = "(unresolved pronoun)";
/// Name of the group of attributions without a holder ("it was reported that").
pub const NO_HOLDER: &str = "(no holder)";

/// How many statements resting on a holder got each verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct VerdictMix {
    pub confirmed: usize,
    pub alleged: usize,
    pub disputed: usize,
}

impl VerdictMix {
    fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Confirmed => self.confirmed += 1,
            Verdict::Alleged => self.alleged += 1,
            Verdict::Disputed => self.disputed += 1,
        }
    }
}

/// One distinct source of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    /// canonical name: the longest proper-name mention, or a placeholder name
    pub name: String,
    /// named or unnamed
    pub kind: SourceKind,
    /// a placeholder group (`(no holder)`, `(unresolved pronoun)`) rather than a holder from the text
    pub placeholder: bool,
    /// distinct mention spans (projected text), in text order; for `(no holder)` the cues
    pub mentions: Vec<Span>,
    /// distinct surface forms, in order of first appearance
    pub forms: Vec<String>,
    /// indexes into `Analysis::attributions`
    pub attributions: Vec<usize>,
    /// indexes into `Analysis::statements` of the statements resting on this holder
    pub statements: Vec<usize>,
    pub verdicts: VerdictMix,
    /// where the holder first appears (projected text)
    pub first: Span,
}

const DETERMINERS: &[&str] = &["the", "a", "an"];
const TITLES: &[&str] = &[
    "president",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "secretary",
    "mayor",
    "prof",
    "professor",
    "gen",
    "general",
    "judge",
    "rev",
];

fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    TITLES.contains(&w.as_str())
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Strip a trailing possessive ('s, ’s, or a bare apostrophe after s).
fn strip_possessive(word: &str) -> &str {
    for suf in ["'s", "’s", "'S", "’S"] {
        if let Some(w) = word.strip_suffix(suf) {
            return w;
        }
    }
    word.strip_suffix('\'')
        .or_else(|| word.strip_suffix('’'))
        .unwrap_or(word)
}

/// Trailing punctuation off a mention; a final period stays when the last word
/// is an abbreviation with inner periods ("U.S.").
fn strip_trailing(s: &str) -> &str {
    let mut s = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '!' | '?' | '"' | '“' | '”' | ')' | '—' | '–')
    });
    if let Some(w) = s.strip_suffix('.') {
        let last = w.rsplit(char::is_whitespace).next().unwrap_or("");
        if !last.contains('.') {
            s = w;
        }
    }
    s.trim_end()
}

/// A mention reduced to the words that identify its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalised {
    /// words as written, determiners, titles, possessive and punctuation removed
    pub words: Vec<String>,
    /// the trailing run of capitalised words: the proper name, if any
    pub name: Vec<String>,
}

impl Normalised {
    /// Lower-cased words joined by spaces: the key for exact matches.
    pub fn key(&self) -> String {
        self.words
            .iter()
            .map(|w| w.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ")
    }
    /// The whole mention is a proper name ("Trump", "Ana Ruiz").
    pub fn is_proper(&self) -> bool {
        !self.words.is_empty() && self.name.len() == self.words.len()
    }
}

/// Normalise one mention: "President Donald Trump" -> "Donald Trump",
/// "the Trump administration's" -> "Trump administration".
pub fn normalise(mention: &str) -> Normalised {
    let s = strip_trailing(mention.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '(')));
    let mut words: Vec<&str> = s.split_whitespace().collect();
    // leading determiners and titles, in any order ("the Rev. Dr. King")
    while let Some(first) = words.first() {
        let lower = first.to_lowercase();
        if (DETERMINERS.contains(&lower.as_str()) || is_title(first)) && words.len() > 1 {
            words.remove(0);
        } else {
            break;
        }
    }
    let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    if let Some(last) = words.last_mut() {
        *last = strip_possessive(last).to_string();
        if last.is_empty() {
            words.pop();
        }
    }
    // a possessive inside the phrase: the holder is what follows it
    // ("Trump's chief of staff Susie Wiles" keeps the whole, but its name is "Susie Wiles")
    let mut name = Vec::new();
    for w in words.iter().rev() {
        if is_capitalised(w) && strip_possessive(w) == w.as_str() {
            name.push(w.clone());
        } else {
            break;
        }
    }
    name.reverse();
    // titles inside a name run are part of how the holder is written, but not of the name proper
    while name.len() > 1 && is_title(&name[0]) {
        name.remove(0);
    }
    Normalised { words, name }
}

fn lower(v: &[String]) -> Vec<String> {
    v.iter().map(|w| w.to_lowercase()).collect()
}

/// A named mention with what `match_strength` compares worked out once: every
/// mention is compared with every group, so nothing is lower-cased or
/// allocated per comparison.
#[derive(Debug, Clone)]
struct Prepared {
    norm: Normalised,
    key: String,
    /// characters in `key`
    key_chars: usize,
    /// characters of `key` by `char as u32 % 64`: a bound on what two keys share
    hist: [u16; 64],
    words: Vec<String>,
    name: Vec<String>,
    proper: bool,
}

impl Prepared {
    fn new(norm: Normalised) -> Prepared {
        let key = norm.key();
        let mut hist = [0u16; 64];
        let mut key_chars = 0;
        for c in key.chars() {
            hist[(c as u32 % 64) as usize] = hist[(c as u32 % 64) as usize].saturating_add(1);
            key_chars += 1;
        }
        Prepared {
            key,
            key_chars,
            hist,
            words: lower(&norm.words),
            name: lower(&norm.name),
            proper: norm.is_proper(),
            norm,
        }
    }

    /// Could the Jaro-Winkler similarity of the two keys reach `min`? An upper
    /// bound from the characters they can share (Jaro's matches are at most
    /// the common characters; the Winkler prefix adds at most 0.4 of the rest).
    fn may_reach(&self, other: &Prepared, min: f64) -> bool {
        let common: usize = (self.hist.iter().zip(&other.hist))
            .map(|(&a, &b)| a.min(b) as usize)
            .sum();
        if common == 0 {
            return false;
        }
        let m = common as f64;
        let jaro = (m / self.key_chars as f64 + m / other.key_chars as f64 + 1.0) / 3.0;
        jaro + 0.4 * (1.0 - jaro) >= min - 1e-9
    }
}

/// Match strength between two named mentions: 3 exact, 2 name subset, 1 spelling variant, 0 none.
fn match_strength(a: &Prepared, b: &Prepared) -> u8 {
    if a.norm.words.is_empty() || b.norm.words.is_empty() {
        return 0;
    }
    if a.key == b.key {
        return 3;
    }
    let (short, long) = if a.norm.words.len() <= b.norm.words.len() {
        (a, b)
    } else {
        (b, a)
    };
    if short.proper && !long.norm.name.is_empty() {
        let (s, l) = (&short.words, &long.name);
        if s.last() == l.last() && s.iter().all(|w| l.contains(w)) {
            return 2;
        }
    }
    if a.norm.words.len() == b.norm.words.len()
        && a.proper
        && b.proper
        && a.may_reach(b, 0.92)
        && strsim::jaro_winkler(&a.key, &b.key) >= 0.92
        && a.words
            .iter()
            .zip(b.words.iter())
            .all(|(x, y)| strsim::jaro_winkler(x, y) >= 0.92)
    {
        return 1;
    }
    0
}

struct Group {
    name: Option<(usize, String)>, // (name words, canonical text)
    kind: SourceKind,
    placeholder: bool,
    norms: Vec<Prepared>,
    unnamed_key: Option<String>,
    mentions: Vec<Span>,
    forms: Vec<String>,
    attributions: Vec<usize>,
}

impl Group {
    fn new(kind: SourceKind) -> Group {
        Group {
            name: None,
            kind,
            placeholder: false,
            norms: Vec::new(),
            unnamed_key: None,
            mentions: Vec::new(),
            forms: Vec::new(),
            attributions: Vec::new(),
        }
    }
    fn add(&mut self, span: Span, form: &str, attribution: usize) {
        if !self.mentions.contains(&span) {
            self.mentions.push(span);
        }
        let form = flat(form);
        if !self.forms.contains(&form) {
            self.forms.push(form);
        }
        if !self.attributions.contains(&attribution) {
            self.attributions.push(attribution);
        }
    }
    fn offer_name(&mut self, norm: &Normalised, surface: &str) {
        if norm.name.is_empty() {
            return;
        }
        let shown = display_form(surface);
        let better = match &self.name {
            None => true,
            Some((n, s)) => norm.name.len() > *n || (norm.name.len() == *n && shown.len() > s.len()),
        };
        if better {
            self.name = Some((norm.name.len(), shown));
        }
    }
    /// The latest of this group's mentions that starts before `at`.
    fn latest_before(&self, at: usize) -> Option<usize> {
        self.mentions.iter().filter(|m| m.start < at).map(|m| m.start).max()
    }
    fn first_start(&self) -> usize {
        self.mentions.iter().map(|m| m.start).min().unwrap_or(usize::MAX)
    }
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A mention as shown: whitespace flattened, trailing punctuation off, and a
/// leading determiner dropped before a proper name ("The U.S. State Department"
/// -> "U.S. State Department") or lower-cased before a common noun ("The
/// company" -> "the company").
pub fn display_form(surface: &str) -> String {
    let s = flat(strip_trailing(surface));
    let mut words: Vec<String> = s.split(' ').map(String::from).collect();
    if words.len() > 1 && DETERMINERS.contains(&words[0].to_lowercase().as_str()) {
        if is_capitalised(&words[1]) {
            words.remove(0);
        } else {
            words[0] = words[0].to_lowercase();
        }
    }
    words.join(" ")
}

/// Pick the group for a named mention: the strongest match; among equals, the
/// one mentioned most recently before `at`, else the one introduced first.
fn best_group(groups: &[Group], norm: &Normalised, at: usize) -> Option<usize> {
    let norm = &Prepared::new(norm.clone());
    let mut best: Option<(u8, Option<usize>, std::cmp::Reverse<usize>, usize)> = None;
    for (i, g) in groups.iter().enumerate() {
        if g.placeholder || g.kind != SourceKind::Named {
            continue;
        }
        let strength = g.norms.iter().map(|n| match_strength(norm, n)).max().unwrap_or(0);
        if strength == 0 {
            continue;
        }
        let cand = (strength, g.latest_before(at), std::cmp::Reverse(g.first_start()), i);
        if best.as_ref().is_none_or(|b| (cand.0, cand.1, cand.2) > (b.0, b.1, b.2)) {
            best = Some(cand);
        }
    }
    best.map(|b| b.3)
}

/// Group the attributions of an analysed text into holders, sorted by the
/// number of statements resting on them (most first), then first appearance.
pub fn holders(text: &str, analysis: &Analysis) -> Vec<Holder> {
    let mut groups: Vec<Group> = Vec::new();
    let slice = |s: Span| text.get(s.start..s.end).unwrap_or("");

    // 1. named, non-pronoun mentions: the fullest names first, so that a bare
    //    surname finds every full name it could stand for
    let mut named: Vec<(usize, Span, Normalised)> = Vec::new();
    let mut rest: Vec<usize> = Vec::new();
    for (i, a) in analysis.attributions.iter().enumerate() {
        // an act ("the governor signed the bill") rests no claim on its holder
        if a.stance == crate::model::Stance::Act {
            continue;
        }
        match &a.source {
            Some(s) if s.kind == SourceKind::Named && s.rule != "pronoun" => {
                let n = normalise(slice(s.span));
                if n.words.is_empty() {
                    rest.push(i);
                } else {
                    named.push((i, s.span, n));
                }
            }
            _ => rest.push(i),
        }
    }
    named.sort_by_key(|(_, span, n)| {
        (
            std::cmp::Reverse(n.name.len()),
            std::cmp::Reverse(n.words.len()),
            span.start,
        )
    });
    for (i, span, norm) in named {
        let g = match best_group(&groups, &norm, span.start) {
            Some(g) => g,
            None => {
                groups.push(Group::new(SourceKind::Named));
                groups.len() - 1
            }
        };
        let g = &mut groups[g];
        if !g.norms.iter().any(|p| p.norm == norm) {
            g.norms.push(Prepared::new(norm.clone()));
        }
        g.offer_name(&norm, slice(span));
        g.add(span, slice(span), i);
    }

    // 2. pronouns, unnamed holders and attributions without a holder
    for i in rest {
        let a = &analysis.attributions[i];
        match &a.source {
            None => {
                let g = placeholder(&mut groups, NO_HOLDER, SourceKind::Unnamed);
                groups[g].add(a.cue, slice(a.cue), i);
            }
            Some(s) if s.rule == "pronoun" => {
                let target = s.resolved.and_then(|r| {
                    // the group holding the resolved span, else one whose names match its text
                    groups
                        .iter()
                        .position(|g| !g.placeholder && g.mentions.iter().any(|m| m.overlaps(r)))
                        .or_else(|| {
                            let n = normalise(slice(r));
                            if n.words.is_empty() {
                                return None;
                            }
                            best_group(&groups, &n, r.start).or_else(|| {
                                let mut g = Group::new(SourceKind::Named);
                                g.offer_name(&n, slice(r));
                                if g.name.is_none() {
                                    g.name = Some((0, display_form(slice(r))));
                                }
                                g.norms.push(Prepared::new(n));
                                groups.push(g);
                                Some(groups.len() - 1)
                            })
                        })
                });
                let g = target.unwrap_or_else(|| placeholder(&mut groups, UNRESOLVED_PRONOUN, s.kind));
                groups[g].add(s.span, slice(s.span), i);
            }
            Some(s) => {
                let norm = normalise(slice(s.span));
                let key = if norm.words.is_empty() {
                    flat(slice(s.span)).to_lowercase()
                } else {
                    norm.key()
                };
                let g = match groups
                    .iter()
                    .position(|g| !g.placeholder && g.unnamed_key.as_deref() == Some(key.as_str()) && g.kind == s.kind)
                {
                    Some(g) => g,
                    None => {
                        let mut g = Group::new(s.kind);
                        g.unnamed_key = Some(key);
                        g.name = Some((0, display_form(slice(s.span))));
                        groups.push(g);
                        groups.len() - 1
                    }
                };
                groups[g].add(s.span, slice(s.span), i);
            }
        }
    }

    // 3. statements resting on each group
    let mut out: Vec<Holder> = groups
        .into_iter()
        .filter(|g| !g.attributions.is_empty())
        .map(|mut g| {
            g.mentions.sort();
            let mut statements = Vec::new();
            let mut verdicts = VerdictMix::default();
            for (si, st) in analysis.statements.iter().enumerate() {
                if st
                    .attributions
                    .iter()
                    .chain(st.inherited.iter())
                    .any(|a| g.attributions.contains(a))
                {
                    statements.push(si);
                    verdicts.add(st.verdict);
                }
            }
            g.attributions.sort_unstable();
            let name = match g.name {
                Some((_, n)) => n,
                None => g.forms.first().map(|f| display_form(f)).unwrap_or_default(),
            };
            Holder {
                name,
                kind: g.kind,
                placeholder: g.placeholder,
                first: g.mentions.first().copied().unwrap_or_default(),
                mentions: g.mentions,
                forms: g.forms,
                attributions: g.attributions,
                statements,
                verdicts,
            }
        })
        .collect();
    out.sort_by_key(|h| (std::cmp::Reverse(h.statements.len()), h.first.start, h.placeholder));
    out
}

fn placeholder(groups: &mut Vec<Group>, name: &str, kind: SourceKind) -> usize {
    if let Some(i) = groups
        .iter()
        .position(|g| g.placeholder && g.name.as_ref().is_some_and(|n| n.1 == name))
    {
        return i;
    }
    let mut g = Group::new(kind);
    g.placeholder = true;
    g.name = Some((0, name.to_string()));
    groups.push(g);
    groups.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attribution, Source, Stance, Statement};

    /// Build an analysis over `text` with one statement per attribution: each
    /// source is given as (mention, rule, kind, resolved mention).
    fn analysis(text: &str, sources: &[(Option<&str>, &'static str, SourceKind, Option<&str>)]) -> Analysis {
        let find = |m: &str, from: usize| {
            let at = text[from..].find(m).expect("mention in text") + from;
            Span::new(at, at + m.len())
        };
        let mut a = Analysis::default();
        let mut pos = 0;
        for (i, (mention, rule, kind, resolved)) in sources.iter().enumerate() {
            let source = mention.map(|m| {
                let span = find(m, pos);
                pos = span.end;
                Source {
                    span,
                    kind: *kind,
                    rule,
                    resolved: resolved.map(|r| find(r, 0)),
                }
            });
            let cue = find("said", pos);
            pos = cue.end;
            a.attributions.push(Attribution {
                source,
                cue,
                stance: Stance::Assert,
                cue_rule: "report",
                construction: "test",
                content: vec![],
                negated: false,
                hedged: false,
                particle: false,
                learned: None,
            });
            a.statements.push(Statement {
                verdict: if i == 0 { Verdict::Confirmed } else { Verdict::Alleged },
                source: *kind,
                confidence: 1.0,
                attributions: vec![i],
                ..Statement::new(cue, "sentence", i)
            });
        }
        a
    }

    const N: SourceKind = SourceKind::Named;
    const U: SourceKind = SourceKind::Unnamed;

    #[test]
    fn normalise_strips_determiners_titles_possessives_and_punctuation() {
        assert_eq!(normalise("President Donald Trump").key(), "donald trump");
        assert_eq!(normalise("Mr. Trump,").key(), "trump");
        assert_eq!(normalise("the Trump administration’s").key(), "trump administration");
        assert_eq!(normalise("The U.S.").key(), "u.s.");
        assert_eq!(normalise("Sen. Ana Ruiz's").name, vec!["Ana", "Ruiz"]);
        assert!(normalise("Trump’s chief of staff Susie Wiles").name == vec!["Susie", "Wiles"]);
        assert!(normalise("U.S. intelligence officials").name.is_empty());
    }

    #[test]
    fn display_form_drops_determiners_only_before_proper_names() {
        assert_eq!(display_form("The U.S. State Department,"), "U.S. State Department");
        assert_eq!(display_form("The company"), "the company");
        assert_eq!(display_form("A department\n spokesman"), "a department spokesman");
    }

    #[test]
    fn common_noun_holders_merge_on_exact_match_and_keep_their_determiner() {
        let text = "The company said a. the company said b. It said c.";
        let a = analysis(
            text,
            &[
                (Some("The company"), "noun-phrase", N, None),
                (Some("the company"), "noun-phrase", N, None),
                (Some("It"), "pronoun", N, Some("the company")),
            ],
        );
        let hs = holders(text, &a);
        assert_eq!(hs.len(), 1, "{hs:#?}");
        assert_eq!(hs[0].name, "the company");
        assert_eq!(hs[0].statements, vec![0, 1, 2]);
    }

    #[test]
    fn trump_variants_and_a_resolved_pronoun_are_one_holder() {
        let text = "President Donald Trump said x. Mr. Trump said y. Trump said z. He said w.";
        let a = analysis(
            text,
            &[
                (Some("President Donald Trump"), "noun-phrase", N, None),
                (Some("Mr. Trump"), "noun-phrase", N, None),
                (Some("Trump"), "noun-phrase", N, None),
                (Some("He"), "pronoun", N, Some("Trump")),
            ],
        );
        let hs = holders(text, &a);
        assert_eq!(hs.len(), 1, "{hs:#?}");
        let h = &hs[0];
        assert_eq!(h.name, "President Donald Trump");
        assert_eq!(h.kind, SourceKind::Named);
        assert_eq!(h.mentions.len(), 4);
        assert_eq!(h.forms, vec!["President Donald Trump", "Mr. Trump", "Trump", "He"]);
        assert_eq!(h.statements, vec![0, 1, 2, 3]);
        assert_eq!(
            h.verdicts,
            VerdictMix {
                confirmed: 1,
                alleged: 3,
                disputed: 0
            }
        );
    }

    #[test]
    fn different_first_names_are_different_holders() {
        // "Hillary Clinton" and "Chelsea Clinton" share a surname but not a first
        // name: two people. A bare "Clinton" goes to the one named last before it.
        let text = "Hillary Clinton said a. Chelsea Clinton said b. Clinton said c.";
        let a = analysis(
            text,
            &[
                (Some("Hillary Clinton"), "noun-phrase", N, None),
                (Some("Chelsea Clinton"), "noun-phrase", N, None),
                (Some("Clinton"), "noun-phrase", N, None),
            ],
        );
        let hs = holders(text, &a);
        assert_eq!(hs.len(), 2, "{hs:#?}");
        let chelsea = hs.iter().find(|h| h.name == "Chelsea Clinton").unwrap();
        let hillary = hs.iter().find(|h| h.name == "Hillary Clinton").unwrap();
        assert_eq!(chelsea.statements, vec![1, 2]);
        assert_eq!(hillary.statements, vec![0]);
    }

    #[test]
    fn surname_before_full_name_still_merges_and_spelling_variants_merge() {
        let text = "Maduro said a. Nicolás Maduro said b. Nicolas Maduro said c.";
        let a = analysis(
            text,
            &[
                (Some("Maduro"), "noun-phrase", N, None),
                (Some("Nicolás Maduro"), "noun-phrase", N, None),
                (Some("Nicolas Maduro"), "noun-phrase", N, None),
            ],
        );
        let hs = holders(text, &a);
        assert_eq!(hs.len(), 1, "{hs:#?}");
        assert_eq!(hs[0].mentions.len(), 3);
    }

    #[test]
    fn a_surname_does_not_merge_with_an_organisation_named_after_it() {
        let text = "Trump said a. The Trump administration said b.";
        let a = analysis(
            text,
            &[
                (Some("Trump"), "noun-phrase", N, None),
                (Some("The Trump administration"), "noun-phrase", N, None),
            ],
        );
        assert_eq!(holders(text, &a).len(), 2);
    }

    #[test]
    fn unnamed_unresolved_and_missing_holders_get_their_own_groups() {
        let text =
            "Officials said a. Sources familiar with the talks said b. She said c. It was said d. officials said e.";
        let a = analysis(
            text,
            &[
                (Some("Officials"), "anonymous", U, None),
                (Some("Sources familiar with the talks"), "anonymous", U, None),
                (Some("She"), "pronoun", N, None),
                (None, "", U, None),
                (Some("officials"), "anonymous", U, None),
            ],
        );
        let hs = holders(text, &a);
        let names: Vec<&str> = hs.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Officials",
                "Sources familiar with the talks",
                UNRESOLVED_PRONOUN,
                NO_HOLDER
            ],
            "{hs:#?}"
        );
        assert_eq!(hs[0].statements, vec![0, 4]);
        assert_eq!(hs[0].kind, SourceKind::Unnamed);
        assert!(hs[2].placeholder && hs[3].placeholder);
        assert_eq!(hs[3].kind, SourceKind::Unnamed);
    }

    #[test]
    fn inherited_attributions_count_as_resting_on_the_holder() {
        let text = "Ana Ruiz said a. More quote said.";
        let mut a = analysis(text, &[(Some("Ana Ruiz"), "noun-phrase", N, None)]);
        let mut st = a.statements[0].clone();
        st.attributions.clear();
        st.inherited = vec![0];
        st.verdict = Verdict::Disputed;
        a.statements.push(st);
        let hs = holders(text, &a);
        assert_eq!(hs[0].statements, vec![0, 1]);
        assert_eq!(
            hs[0].verdicts,
            VerdictMix {
                confirmed: 1,
                alleged: 0,
                disputed: 1
            }
        );
    }
}
