//! Holders: the distinct sources of a document. Runs after scoring and reads
//! only the `Analysis`, so that `sayso sources` agrees with `annotate` by
//! construction: every statement that `annotate` gives a source (`named` or
//! `unnamed`) is counted on exactly one row, under the class `annotate` gave
//! it, and resting on the holder of the attribution `annotate` lists for it.
//!
//! Which attribution a statement rests on: the first of its own attributions
//! whose holder has the statement's class, else the first of its own with a
//! holder, else the first of its own (an attribution with no holder: "it was
//! reported that"), else the same among the attributions it inherits (a
//! quote running on from an earlier sentence). A statement with none of these
//! ("Some say …", a quote the source model gives a speaker) rests on
//! "(no holder)". Learned acts ("the governor signed the bill", stance `act`)
//! rest no claim on their holder and are left out. A statement `annotate`
//! gives no source, and a non-claim, is on no row.
//!
//! Mentions are normalised (`normalise`): leading determiners and titles, a
//! possessive and trailing punctuation removed; an appositive is split off
//! ("Steve Coll, the dean of …" is "Steve Coll", "his wife, Julia Dalton" is
//! "Julia Dalton", a relative); a mention that is only a prepositional phrase
//! ("In court") is a setting, not a holder, and one that opens with one ("In
//! court, prosecutors") loses it. Merging rules, in order of strength:
//! 1. the normalised forms are equal (case-insensitive) and have more than
//!    one word;
//! 2. the shorter mention is all proper name and its words are a subset of the
//!    longer one's trailing proper name, ending on the same word (the surname):
//!    "Trump" ⊂ "Donald Trump", "Foreign Minister Gil" ⊂ "Venezuelan Foreign
//!    Minister Yvan Gil" (an equal one-word surname counts here too);
//! 3. a spelling variant: the same number of words with the same initials,
//!    each pair and the whole with Jaro-Winkler similarity ≥ 0.92 ("Nicolás
//!    Maduro" / "Nicolas Maduro").
//!
//! Merging is conservative: two different people are never merged. Full names
//! with different first names ("Hillary Clinton", "Chelsea Clinton") fit
//! none of the rules; a gendered title or relation ("Mr.", "Ms.", "his wife")
//! that conflicts with a group's keeps a mention out of it; an organisation
//! ("Acme Corp", "the Water Board") never merges with a mention that names a
//! person by title or relation. A bare surname that fits several holders goes
//! to one of the gender its title states ("Mrs. Dalton"), then to one not
//! introduced as someone's relative ("his wife, Julia Dalton"),
//! then to the one mentioned most recently before it (a reader resolves it the
//! same way), or to the first introduced when neither precedes it.
//!
//! Unnamed holders ("sources familiar with the matter", "officials") merge
//! only on an exact normalised match: two vague groups are not known to be the
//! same people. Pronouns join the holder of the span they were resolved to;
//! unresolved pronouns form "(unresolved pronoun)".
//!
//! Grouping is near-linear in the number of mentions: each prepared mention is
//! filed under keys (its exact key, the ordered sub-names of its proper name
//! ending on the surname, and its initials) and compared only with the groups
//! that share one.

use crate::model::{Analysis, SourceKind, Verdict};
use crate::span::Span;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet};

/// Name of the group of pronouns that were not resolved to a holder.
pub const UNRESOLVED_PRONOUN: &str = "(unresolved pronoun)";
/// Name of the group of statements with a source but no holder ("it was
/// reported that", "Some say …").
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

/// One distinct source of a document, under one source class.
#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    /// canonical name: the longest proper name among the mentions, or a placeholder name
    pub name: String,
    /// the source class `annotate` gives the statements on this row (for a
    /// holder with no statement, the kind of its mentions)
    pub kind: SourceKind,
    /// a placeholder group (`(no holder)`, `(unresolved pronoun)`) rather than a holder from the text
    pub placeholder: bool,
    /// distinct mention spans (projected text), in text order; for `(no holder)` the cues
    /// and the weasel words ("Some say") of statements with no attribution
    pub mentions: Vec<Span>,
    /// distinct surface forms, in order of first appearance
    pub forms: Vec<String>,
    /// indexes into `Analysis::attributions`
    pub attributions: Vec<usize>,
    /// indexes into `Analysis::statements` of the statements resting on this holder
    pub statements: Vec<usize>,
    /// the spans of those statements (projected text)
    pub statement_spans: Vec<Span>,
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
/// Words that open a setting rather than a holder ("In court", "At the hearing").
const PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "during",
    "after",
    "before",
    "inside",
    "outside",
    "amid",
    "despite",
    "following",
    "throughout",
];
/// Last words of an organisation's name.
const ORG_WORDS: &[&str] = &[
    "administration",
    "agency",
    "airlines",
    "association",
    "authority",
    "bank",
    "board",
    "co",
    "college",
    "commission",
    "committee",
    "company",
    "congress",
    "corp",
    "corporation",
    "council",
    "court",
    "department",
    "foundation",
    "government",
    "group",
    "holdings",
    "hospital",
    "inc",
    "institute",
    "league",
    "llc",
    "ltd",
    "ministry",
    "office",
    "parliament",
    "party",
    "plc",
    "police",
    "service",
    "school",
    "senate",
    "union",
    "university",
];
/// Relations that introduce someone through another person ("his wife, …"),
/// with the gender they imply.
const RELATIONS: &[(&str, Option<Gender>)] = &[
    ("wife", Some(Gender::Female)),
    ("widow", Some(Gender::Female)),
    ("mother", Some(Gender::Female)),
    ("daughter", Some(Gender::Female)),
    ("sister", Some(Gender::Female)),
    ("girlfriend", Some(Gender::Female)),
    ("grandmother", Some(Gender::Female)),
    ("aunt", Some(Gender::Female)),
    ("niece", Some(Gender::Female)),
    ("husband", Some(Gender::Male)),
    ("widower", Some(Gender::Male)),
    ("father", Some(Gender::Male)),
    ("son", Some(Gender::Male)),
    ("brother", Some(Gender::Male)),
    ("boyfriend", Some(Gender::Male)),
    ("grandfather", Some(Gender::Male)),
    ("uncle", Some(Gender::Male)),
    ("nephew", Some(Gender::Male)),
    ("spouse", None),
    ("partner", None),
    ("child", None),
    ("cousin", None),
    ("parent", None),
];

/// A gender a title or relation states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

fn bare(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

fn is_title(word: &str) -> bool {
    TITLES.contains(&bare(word).as_str())
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

fn strip_leading(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '(' | ',' | '—' | '–'))
}

/// A mention that opens with a setting ("In court, prosecutors"): what follows
/// the setting; `None` when the mention is nothing but a setting ("In court").
fn strip_setting(s: &str) -> Option<&str> {
    let mut words = s.split_whitespace().map(str::to_lowercase);
    let first = words.next().unwrap_or_default();
    // "at least 40" counts people
    let counts = first == "at" && words.next().is_some_and(|w| w == "least" || w == "most");
    if !PREPOSITIONS.contains(&first.as_str()) || counts {
        return Some(s);
    }
    let comma = s.find(", ")?;
    Some(strip_leading(&s[comma + 1..]))
}

/// The parts of a mention separated by appositive punctuation: a comma
/// followed by a space, a dash, parentheses.
fn appositive_parts(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        let boundary = match c {
            ',' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
            '(' | ')' | '—' | '–' => true,
            _ => false,
        };
        if boundary {
            parts.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&s[start..]);
    parts
        .into_iter()
        .map(|p| strip_trailing(strip_leading(p)))
        .filter(|p| !p.is_empty())
        .collect()
}

/// A mention reduced to the words that identify its holder.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalised {
    /// words as written, determiners, titles, possessive and punctuation removed
    pub words: Vec<String>,
    /// the trailing run of capitalised words: the proper name, if any
    pub name: Vec<String>,
    /// the part of the mention that names the holder, as shown ("Mayor Ana
    /// Ruiz" of "Mayor Ana Ruiz, who chairs the board")
    pub shown: String,
    /// the gender a title ("Mr.", "Ms.") or a relation ("his wife") states
    pub gender: Option<Gender>,
    /// introduced through another person ("his wife, Julia Dalton")
    pub relation: bool,
    /// a personal title ("Mr.", "Dr.", "Senator") or relation names a person
    pub person: bool,
    /// the name ends on an organisation's word ("Acme Corp", "Water Board")
    pub org: bool,
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

fn gender_of_title(t: &str) -> Option<Gender> {
    match t {
        "mr" => Some(Gender::Male),
        "mrs" | "ms" | "miss" => Some(Gender::Female),
        _ => None,
    }
}

/// Normalise one appositive part of a mention.
fn normalise_part(part: &str) -> Normalised {
    let mut words: Vec<&str> = part.split_whitespace().collect();
    let mut titles = Vec::new();
    // leading determiners and titles, in any order ("the Rev. Dr. King")
    while let Some(first) = words.first() {
        let lower = first.to_lowercase();
        if (DETERMINERS.contains(&lower.as_str()) || is_title(first)) && words.len() > 1 {
            if is_title(first) {
                titles.push(bare(first));
            }
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
        titles.push(bare(&name[0]));
        name.remove(0);
    }
    let gender = titles.iter().find_map(|t| gender_of_title(t));
    let person = titles
        .iter()
        .any(|t| t != "president" && t != "secretary" && t != "general");
    let org = name.last().is_some_and(|w| ORG_WORDS.contains(&bare(w).as_str()));
    Normalised {
        words,
        name,
        shown: display_form(part),
        gender,
        relation: false,
        person,
        org,
    }
}

/// Normalise one mention: "President Donald Trump" -> "Donald Trump",
/// "the Trump administration's" -> "Trump administration", "Steve Coll, the
/// dean of the school" -> "Steve Coll", "In court" -> nothing (no holder).
pub fn normalise(mention: &str) -> Normalised {
    let s = strip_trailing(strip_leading(mention));
    let Some(s) = strip_setting(s) else {
        return Normalised::default();
    };
    let parts = appositive_parts(s);
    if parts.is_empty() {
        return Normalised::default();
    }
    let normed: Vec<Normalised> = parts.iter().map(|p| normalise_part(p)).collect();
    // the part that is a proper name names the holder; the others describe it
    let pick = normed.iter().position(|n| n.is_proper()).unwrap_or(0);
    let mut n = normed[pick].clone();
    for (i, part) in parts.iter().enumerate() {
        if i == pick {
            continue;
        }
        for w in part.split_whitespace() {
            let w = strip_possessive(w.trim_matches(|c: char| !c.is_alphanumeric())).to_lowercase();
            if let Some((_, g)) = RELATIONS.iter().find(|(r, _)| *r == w) {
                n.relation = true;
                n.person = true;
                n.gender = n.gender.or(*g);
            }
        }
    }
    n
}

fn lower(v: &[String]) -> Vec<String> {
    v.iter().map(|w| w.to_lowercase()).collect()
}

/// The first letter of a word without its accent, for the initials key.
fn initial(word: &str) -> char {
    let c = word.chars().next().unwrap_or(' ');
    match c {
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' => 's',
        'ž' => 'z',
        'č' | 'ć' => 'c',
        'ł' => 'l',
        _ => c,
    }
}

/// A named mention with what `match_strength` compares worked out once.
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

    /// The key of its spelling variants: the number of words and their initials.
    fn initials(&self) -> Option<String> {
        self.proper.then(|| self.words.iter().map(|w| initial(w)).collect())
    }

    /// Ordered sub-names of its proper name that end on the surname ("donald
    /// trump" gives "trump" and "donald trump"); at most the last six words.
    fn sub_names(&self) -> Vec<String> {
        let name = &self.name[self.name.len().saturating_sub(6)..];
        let Some((last, rest)) = name.split_last() else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(1 << rest.len());
        for mask in 0u32..(1 << rest.len()) {
            let mut k = String::new();
            for (i, w) in rest.iter().enumerate() {
                if mask & (1 << i) != 0 {
                    k.push_str(w);
                    k.push(' ');
                }
            }
            k.push_str(last);
            out.push(k);
        }
        out
    }
}

/// Match strength between two named mentions: 3 exact, 2 name subset, 1 spelling variant, 0 none.
fn match_strength(a: &Prepared, b: &Prepared) -> u8 {
    if a.norm.words.is_empty() || b.norm.words.is_empty() {
        return 0;
    }
    if a.norm.org != b.norm.org && (a.norm.person || b.norm.person) {
        return 0;
    }
    if a.key == b.key {
        return if a.words.len() > 1 { 3 } else { 2 };
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
    norm_keys: FxHashSet<String>,
    gender: Option<Gender>,
    relation: bool,
    person: bool,
    org: bool,
    mentions: Vec<Span>,
    mention_set: FxHashSet<Span>,
    /// starts of the mentions, for "the latest before" in logarithmic time
    starts: BTreeSet<usize>,
    forms: Vec<String>,
    form_set: FxHashSet<String>,
    attributions: Vec<usize>,
}

impl Group {
    fn new(kind: SourceKind) -> Group {
        Group {
            name: None,
            kind,
            placeholder: false,
            norms: Vec::new(),
            norm_keys: FxHashSet::default(),
            gender: None,
            relation: false,
            person: false,
            org: false,
            mentions: Vec::new(),
            mention_set: FxHashSet::default(),
            starts: BTreeSet::new(),
            forms: Vec::new(),
            form_set: FxHashSet::default(),
            attributions: Vec::new(),
        }
    }
    fn add(&mut self, span: Span, form: &str, attribution: Option<usize>) {
        if self.mention_set.insert(span) {
            self.mentions.push(span);
            self.starts.insert(span.start);
        }
        let form = flat(form);
        if self.form_set.insert(form.clone()) {
            self.forms.push(form);
        }
        // each attribution is added to one group once
        if let Some(a) = attribution {
            self.attributions.push(a);
        }
    }
    fn offer_name(&mut self, norm: &Normalised) {
        if norm.name.is_empty() {
            return;
        }
        let shown = norm.shown.clone();
        let better = match &self.name {
            None => true,
            Some((n, s)) => norm.name.len() > *n || (norm.name.len() == *n && shown.len() > s.len()),
        };
        if better {
            self.name = Some((norm.name.len(), shown));
        }
    }
    /// Can a mention with these traits join the group without joining two people?
    fn admits(&self, n: &Normalised) -> bool {
        let gender_clash = matches!((self.gender, n.gender), (Some(a), Some(b)) if a != b);
        let kind_clash = (self.org && n.person) || (self.person && n.org);
        !gender_clash && !kind_clash
    }
    /// The latest of this group's mentions that starts before `at`.
    fn latest_before(&self, at: usize) -> Option<usize> {
        self.starts.range(..at).next_back().copied()
    }
    fn first_start(&self) -> usize {
        self.starts.first().copied().unwrap_or(usize::MAX)
    }
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A mention as shown: whitespace flattened, trailing punctuation and a final
/// possessive off ("the GOP's" -> "GOP"), and a leading determiner dropped
/// before a proper name ("The U.S. State Department" -> "U.S. State
/// Department") or lower-cased before a common noun ("The company" -> "the
/// company").
pub fn display_form(surface: &str) -> String {
    let s = flat(strip_trailing(surface));
    let mut words: Vec<String> = s.split(' ').map(String::from).collect();
    if let Some(last) = words.last_mut() {
        let stripped = strip_possessive(last);
        if !stripped.is_empty() {
            *last = stripped.to_string();
        }
    }
    if words.len() > 1 && DETERMINERS.contains(&words[0].to_lowercase().as_str()) {
        if is_capitalised(&words[1]) {
            words.remove(0);
        } else {
            words[0] = words[0].to_lowercase();
        }
    }
    words.join(" ")
}

/// The groups of a document and the keys that find them.
#[derive(Default)]
struct Groups {
    all: Vec<Group>,
    /// exact key of any norm -> groups
    by_key: FxHashMap<String, Vec<usize>>,
    /// ordered sub-names of a norm's proper name -> groups (a surname finds every full name)
    by_sub_name: FxHashMap<String, Vec<usize>>,
    /// initials of a proper norm -> groups (spelling variants)
    by_initials: FxHashMap<String, Vec<usize>>,
    /// named mention spans by start -> (end, group): the group holding a resolved span
    by_span: BTreeMap<usize, Vec<(usize, usize)>>,
    longest_mention: usize,
    unnamed: FxHashMap<(String, SourceKind), usize>,
    placeholders: FxHashMap<&'static str, usize>,
}

fn file(map: &mut FxHashMap<String, Vec<usize>>, key: String, g: usize) {
    let v = map.entry(key).or_default();
    crate::work::add(v.len());
    if v.last() != Some(&g) && !v.contains(&g) {
        v.push(g);
    }
}

impl Groups {
    fn push(&mut self, g: Group) -> usize {
        self.all.push(g);
        self.all.len() - 1
    }

    /// Add a named norm to group `g` and file it under its keys.
    fn add_norm(&mut self, g: usize, norm: &Normalised) {
        let p = Prepared::new(norm.clone());
        let group = &mut self.all[g];
        group.gender = group.gender.or(norm.gender);
        group.relation |= norm.relation;
        group.person |= norm.person;
        group.org |= norm.org;
        if !group.norm_keys.insert(p.key.clone()) {
            return;
        }
        file(&mut self.by_key, p.key.clone(), g);
        for k in p.sub_names() {
            file(&mut self.by_sub_name, k, g);
        }
        if let Some(k) = p.initials() {
            file(&mut self.by_initials, k, g);
        }
        self.all[g].norms.push(p);
    }

    fn add_mention(&mut self, g: usize, span: Span, form: &str, attribution: Option<usize>) {
        if !self.all[g].placeholder && self.all[g].kind == SourceKind::Named {
            self.by_span.entry(span.start).or_default().push((span.end, g));
            self.longest_mention = self.longest_mention.max(span.len());
        }
        self.all[g].add(span, form, attribution);
    }

    /// The named group with a mention overlapping `r`.
    fn holding(&self, r: Span) -> Option<usize> {
        let lo = r.start.saturating_sub(self.longest_mention);
        (self.by_span.range(lo..r.end.max(r.start + 1)))
            .flat_map(|(&s, v)| v.iter().map(move |&(e, g)| (Span::new(s, e), g)))
            .filter(|(m, _)| {
                crate::work::add(1);
                m.overlaps(r)
            })
            .map(|(_, g)| g)
            .min()
    }

    /// Pick the group for a named mention: the strongest match; among equals,
    /// one of the gender its title states, then one not introduced as a relative, then the one mentioned most recently
    /// before `at`, else the one introduced first. Only groups that share a
    /// key with the mention are compared.
    fn best(&self, norm: &Normalised, at: usize) -> Option<usize> {
        let p = Prepared::new(norm.clone());
        let mut cands: Vec<usize> = Vec::new();
        let mut take = |v: Option<&Vec<usize>>| cands.extend(v.into_iter().flatten().copied());
        take(self.by_key.get(&p.key));
        if p.proper {
            take(self.by_sub_name.get(&p.key));
        }
        for k in p.sub_names() {
            take(self.by_key.get(&k));
        }
        if let Some(k) = p.initials() {
            take(self.by_initials.get(&k));
        }
        cands.sort_unstable();
        cands.dedup();
        type Rank = (u8, bool, bool, Option<usize>, std::cmp::Reverse<usize>);
        let mut best: Option<(Rank, usize)> = None;
        for i in cands {
            // (work: a step for each group compared with the mention, and for each of its names)
            crate::work::add(1);
            let g = &self.all[i];
            if g.placeholder || g.kind != SourceKind::Named || !g.admits(norm) {
                continue;
            }
            crate::work::add(g.norms.len());
            let strength = g.norms.iter().map(|n| match_strength(&p, n)).max().unwrap_or(0);
            if strength == 0 {
                continue;
            }
            let rank = (
                strength,
                norm.gender.is_some() && g.gender == norm.gender,
                !g.relation || norm.relation,
                g.latest_before(at),
                std::cmp::Reverse(g.first_start()),
            );
            if best.as_ref().is_none_or(|b| rank > b.0) {
                best = Some((rank, i));
            }
        }
        best.map(|b| b.1)
    }

    fn placeholder(&mut self, name: &'static str, kind: SourceKind) -> usize {
        if let Some(&i) = self.placeholders.get(name) {
            return i;
        }
        let mut g = Group::new(kind);
        g.placeholder = true;
        g.name = Some((0, name.to_string()));
        let i = self.push(g);
        self.placeholders.insert(name, i);
        i
    }
}

/// The attribution a statement rests on (see the module documentation), if any.
pub fn resting_attribution(analysis: &Analysis, statement: usize) -> Option<usize> {
    let st = &analysis.statements[statement];
    let pick = |list: &[usize]| {
        let src = |k: usize| analysis.attributions[k].source.as_ref();
        (list.iter().copied())
            .find(|&k| src(k).is_some_and(|s| s.kind == st.source))
            .or_else(|| list.iter().copied().find(|&k| src(k).is_some()))
            .or_else(|| list.first().copied())
    };
    pick(&st.attributions).or_else(|| pick(&st.inherited))
}

/// Group the attributions of an analysed text into holders, and count each
/// statement with a source on exactly one of them. Sorted by the number of
/// statements resting on them (most first), then first appearance.
pub fn holders(text: &str, analysis: &Analysis) -> Vec<Holder> {
    let mut groups = Groups::default();
    // (work: a step for each attribution and statement; `Groups` counts its comparisons)
    crate::work::add(analysis.attributions.len() + analysis.statements.len());
    let slice = |s: Span| text.get(s.start..s.end).unwrap_or("");
    // the group of each attribution
    let mut group_of: Vec<Option<usize>> = vec![None; analysis.attributions.len()];

    // 1. named, non-pronoun mentions: the fullest names first, so that a bare
    //    surname finds every full name it could stand for
    let mut named: Vec<(usize, Span, Normalised)> = Vec::new();
    let mut rest: Vec<(usize, Option<Normalised>)> = Vec::new();
    for (i, a) in analysis.attributions.iter().enumerate() {
        // an act ("the governor signed the bill") rests no claim on its holder
        if a.stance == crate::model::Stance::Act {
            continue;
        }
        match &a.source {
            Some(s) if s.rule != "pronoun" => {
                let n = normalise(slice(s.span));
                if s.kind == SourceKind::Named && !n.words.is_empty() {
                    named.push((i, s.span, n));
                } else {
                    rest.push((i, Some(n)));
                }
            }
            _ => rest.push((i, None)),
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
        let g = match groups.best(&norm, span.start) {
            Some(g) => g,
            None => groups.push(Group::new(SourceKind::Named)),
        };
        groups.add_norm(g, &norm);
        groups.all[g].offer_name(&norm);
        if groups.all[g].name.is_none() {
            groups.all[g].name = Some((0, norm.shown.clone()));
        }
        groups.add_mention(g, span, slice(span), Some(i));
        group_of[i] = Some(g);
    }

    // 2. pronouns, unnamed holders and attributions without a holder
    for (i, norm) in rest {
        let a = &analysis.attributions[i];
        let g = match (&a.source, norm) {
            (Some(s), _) if s.rule == "pronoun" => {
                let target = s.resolved.and_then(|r| {
                    // the group holding the resolved span, else one whose names match its text
                    groups.holding(r).or_else(|| {
                        let n = normalise(slice(r));
                        if n.words.is_empty() {
                            return None;
                        }
                        groups.best(&n, r.start).or_else(|| {
                            let g = groups.push(Group::new(SourceKind::Named));
                            groups.all[g].offer_name(&n);
                            if groups.all[g].name.is_none() {
                                groups.all[g].name = Some((0, n.shown.clone()));
                            }
                            groups.add_norm(g, &n);
                            Some(g)
                        })
                    })
                });
                let g = target.unwrap_or_else(|| groups.placeholder(UNRESOLVED_PRONOUN, s.kind));
                groups.add_mention(g, s.span, slice(s.span), Some(i));
                g
            }
            (Some(s), Some(norm)) if !norm.words.is_empty() => {
                let key = (norm.key(), s.kind);
                let g = match groups.unnamed.get(&key) {
                    Some(&g) => g,
                    None => {
                        let mut g = Group::new(s.kind);
                        g.name = Some((0, norm.shown.clone()));
                        let g = groups.push(g);
                        groups.unnamed.insert(key, g);
                        g
                    }
                };
                groups.add_mention(g, s.span, slice(s.span), Some(i));
                g
            }
            // no holder, or a mention that is only a setting ("In court")
            _ => {
                let g = groups.placeholder(NO_HOLDER, SourceKind::Unnamed);
                groups.add_mention(g, a.cue, slice(a.cue), Some(i));
                g
            }
        };
        group_of[i] = Some(g);
    }

    // 3. each statement with a source on one row: its group, under its class
    let mut rows: Vec<(usize, SourceKind, Vec<usize>)> = Vec::new();
    let mut row_of: FxHashMap<(usize, SourceKind), usize> = FxHashMap::default();
    for (si, st) in analysis.statements.iter().enumerate() {
        if st.kind == crate::score::NON_CLAIM || st.source == SourceKind::None {
            continue;
        }
        let g = match resting_attribution(analysis, si).and_then(|k| group_of[k]) {
            Some(g) => g,
            None => {
                // no attribution: the weasel words are its mention ("Some say")
                let g = groups.placeholder(NO_HOLDER, st.source);
                let weasel = st.hedges.iter().find(|h| h.kind == crate::model::HedgeKind::Weasel);
                if let Some(h) = weasel {
                    groups.add_mention(g, h.span, slice(h.span), None);
                }
                g
            }
        };
        let r = *row_of.entry((g, st.source)).or_insert_with(|| {
            rows.push((g, st.source, Vec::new()));
            rows.len() - 1
        });
        rows[r].2.push(si);
    }
    // a holder none of whose statements has a source still gets its row
    let with_rows: FxHashSet<usize> = row_of.keys().map(|&(g, _)| g).collect();
    for (g, group) in groups.all.iter().enumerate() {
        if !group.mentions.is_empty() && !with_rows.contains(&g) {
            rows.push((g, group.kind, Vec::new()));
        }
    }

    let mut out: Vec<Holder> = rows
        .into_iter()
        .map(|(g, kind, statements)| {
            let group = &groups.all[g];
            let mut mentions = group.mentions.clone();
            mentions.sort();
            let mut verdicts = VerdictMix::default();
            for &si in &statements {
                verdicts.add(analysis.statements[si].verdict);
            }
            let mut attributions = group.attributions.clone();
            attributions.sort_unstable();
            let name = match &group.name {
                Some((_, n)) => n.clone(),
                None => group.forms.first().map(|f| display_form(f)).unwrap_or_default(),
            };
            let first_statement = statements.first().map(|&si| analysis.statements[si].span);
            let first = match (mentions.first().copied(), first_statement) {
                (Some(m), Some(s)) if s.start < m.start => s,
                (Some(m), _) => m,
                (None, s) => s.unwrap_or_default(),
            };
            Holder {
                name,
                kind,
                placeholder: group.placeholder,
                first,
                mentions,
                forms: group.forms.clone(),
                attributions,
                statement_spans: statements.iter().map(|&si| analysis.statements[si].span).collect(),
                statements,
                verdicts,
            }
        })
        .collect();
    out.sort_by_key(|h| (std::cmp::Reverse(h.statements.len()), h.first.start, h.placeholder));
    out
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
                learned_end: None,
                learned_holder: None,
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

#[cfg(test)]
mod appositive_tests {
    use super::*;

    #[test]
    fn appositives_settings_and_relations() {
        let n = normalise("Steve Coll, the dean of the journalism school,");
        assert_eq!(n.key(), "steve coll");
        assert_eq!(n.shown, "Steve Coll");
        let w = normalise("His wife, Julia Dalton");
        assert_eq!(w.key(), "julia dalton");
        assert!(w.relation && w.gender == Some(Gender::Female));
        assert_eq!(
            normalise("John Reyes, a spokesman for Acme Corp").name,
            vec!["John", "Reyes"]
        );
        assert!(normalise("Acme Corp").org);
        assert!(normalise("In court").words.is_empty());
        assert_eq!(normalise("In court, prosecutors").key(), "prosecutors");
        assert_eq!(normalise("at least 40").key(), "at least 40");
        assert_eq!(display_form("The GOP's"), "GOP");
        assert_eq!(normalise("Mr. Coll").gender, Some(Gender::Male));
    }
}
