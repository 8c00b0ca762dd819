//! The grammar: cues, sources, hedges, markers, word lists and constructions,
//! written in `.sayso` files (see `docs/grammar.md`). The default English
//! grammar is embedded in the binary; `--grammar DIR` adds or overrides rules
//! by name.

pub mod inflect;
pub mod parse;

use crate::model::{HedgeKind, SourceKind, Stance, Verdict};
use inflect::{VerbEntry, verb_forms};
use parse::{RawBlock, RawEntry, RawValue};
use std::fmt;
use std::path::Path;

/// The built-in English grammar, compiled into the binary.
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    ("grammar/en/lists.sayso", include_str!("../../grammar/en/lists.sayso")),
    ("grammar/en/cues.sayso", include_str!("../../grammar/en/cues.sayso")),
    (
        "grammar/en/sources.sayso",
        include_str!("../../grammar/en/sources.sayso"),
    ),
    ("grammar/en/hedges.sayso", include_str!("../../grammar/en/hedges.sayso")),
    (
        "grammar/en/markers.sayso",
        include_str!("../../grammar/en/markers.sayso"),
    ),
    (
        "grammar/en/constructions.sayso",
        include_str!("../../grammar/en/constructions.sayso"),
    ),
];

/// Where a rule was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// An example a rule carries; the test suite runs every one.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub text: String,
    pub verdict: Option<Verdict>,
    pub source: Option<SourceKind>,
    /// `no-hedge`, `no-attribution`: the example must NOT fire anything of that kind
    pub negative: Vec<String>,
    /// hedge kinds (`modal`, `evidential`, `weasel`, `distancing`, `vague`) the
    /// example must contain; in a hedge rule's example, found by that rule
    pub hedge_kinds: Vec<HedgeKind>,
    pub line: usize,
}

/// One `&'static str` per distinct rule name (or other short grammar string,
/// such as a pattern's literal word), however many grammars a process loads
/// (tests load hundreds): they are few, and every finding names its rule, so
/// findings copy a pointer instead of a string.
pub fn intern(name: &str) -> &'static str {
    static NAMES: std::sync::Mutex<Option<rustc_hash::FxHashSet<&'static str>>> = std::sync::Mutex::new(None);
    let mut names = NAMES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let set = names.get_or_insert_with(Default::default);
    if let Some(&known) = set.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// What every rule has.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// interned (see `intern`): findings carry it, and copying it costs nothing
    pub name: &'static str,
    pub doc: String,
    pub origin: Origin,
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CueFlags {
    /// may follow its content with the source after it: "..., said Smith."
    pub post: bool,
    /// takes an audience before the content: "told reporters that ..."
    pub audience: bool,
    /// a preposition-like cue whose source follows it: "according to Smith"
    pub prep: bool,
    /// a noun cue: "a statement", "the report that ..."
    pub noun: bool,
    /// may introduce content after a colon: "The Times reports:"
    pub colon: bool,
    /// an object before the content: "called Ryan a weak leader"
    pub object: bool,
    /// the content must be a that-clause, a quote, a colon or a question word,
    /// or stand before the cue
    pub clausal: bool,
    /// an adjective after "be": "are worried that"
    pub predicate: bool,
    /// a speaker's colon opening a paragraph: "Sanders: Endorsements prove nothing."
    pub speaker: bool,
    /// a dash crediting the quote before it to the name after it:
    /// "“We will win.” ― Jane Roe, 54, of Dayton"
    pub credit: bool,
    /// counts only with "as" ahead in its clause: "sees the plan as a threat"
    pub as_complement: bool,
    /// an announcement of the holder's own decision or action ("announced his
    /// candidacy", "announced she would step down") confirms
    pub own: bool,
    /// counts only when its holder is a count or share of people ("60 percent
    /// of voters favor", "most respondents approve of"): a poll's answers
    pub share: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CueRule {
    pub meta: Meta,
    pub stance: Stance,
    pub forms: Vec<String>,
    pub flags: CueFlags,
    /// object nouns that make the cue an outcome ("rejected the motion"), not an attribution
    pub outcome_objects: Vec<String>,
    /// the cue does not count when one of these follows it ("think tank", "raised concerns among")
    pub unless_next: Vec<String>,
    /// the uninflected forms ("say", "point out"): they agree only with a plural or I/we/you subject
    pub lemmas: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceRule {
    pub meta: Meta,
    pub kind: SourceKind,
    /// "anonymous", "role", "document", "organisation", "vague"
    pub class: String,
    pub phrases: Vec<String>,
    /// a stance this holder gives whatever the cue ("critics say" is criticism)
    pub stance: Option<Stance>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HedgeRule {
    pub meta: Meta,
    pub kind: HedgeKind,
    pub phrases: Vec<String>,
    /// the hedge does not count when one of these follows it
    pub unless_next: Vec<String>,
    /// the hedge does not count when one of these precedes it
    pub unless_prev: Vec<String>,
    /// only the lower-case spelling counts (keeps the month "May" out)
    pub lowercase_only: bool,
    /// the phrase must open a clause (sentence start, after a comma, "but", "however" ...)
    pub clause_start: bool,
    /// the phrase must open its sentence (or follow an opening quote or a colon there)
    pub sentence_start: bool,
    /// `sense: epistemic`: a modal counts only where it means "it is possible that",
    /// not in the generic or deontic reading ("a player may pass", "users may download")
    pub epistemic: bool,
    /// when not empty, one of these (or, for a weasel, a cue word) must follow the phrase
    pub only_next: Vec<String>,
    /// `filter: learned`: a candidate that the learned hedge filter keeps or drops
    /// (`score::hedges`); without it every hit is reported
    pub learned: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarkerRule {
    pub meta: Meta,
    pub verdict: Verdict,
    pub phrases: Vec<String>,
    pub unless_prev: Vec<String>,
    pub unless_next: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WordList {
    pub meta: Meta,
    pub words: Vec<String>,
}

/// One element of a construction pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    Source,
    /// the holder of the clause the cue continues ("..., adding that"); matches no words
    Subject,
    Audience,
    /// what a headline's speaker speaks on or to, between the name and the colon
    /// ("Ruiz on Harbour Fees:"); matched backwards from the colon
    Topic,
    Content,
    Quote,
    /// the cue itself, with what it must carry, if anything (`CUE[post]`)
    Cue(Option<CueFilter>),
    /// a literal word or punctuation, optional when written with a trailing '?'
    Literal {
        text: String,
        optional: bool,
    },
    Start,
    End,
}

/// What a `CUE[...]` element asks of the cue, parsed once at load: flags the cue
/// rule must carry, a stance, and the ending of the cue's first word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CueFilter {
    pub flags: CueFlags,
    pub stances: Vec<Stance>,
    /// the first word ends in "-ing" ("referring to") or "-ed" ("asked")
    pub ing: bool,
    pub ed: bool,
    /// the first word is no "-ing" participle: a finite verb ("said", "adds")
    pub finite: bool,
}

impl CueFilter {
    /// Does a cue of `rule`, written `form` in the text, pass?
    pub fn accepts(&self, rule: &CueRule, form: &str) -> bool {
        self.accepts_rule(rule) && self.accepts_form(form)
    }

    /// Does the cue's form (lower case) have the ending asked for? A phrasal
    /// cue's verb comes first: "referring to", "pointed out".
    pub fn accepts_form(&self, form: &str) -> bool {
        let first_word = || form.split(' ').next().unwrap_or(form);
        (!self.ing || first_word().ends_with("ing"))
            && (!self.ed || first_word().ends_with("ed"))
            && (!self.finite || !first_word().ends_with("ing"))
    }

    /// Can a cue of `rule` pass, whatever its form? (flags and stance only)
    pub fn accepts_rule(&self, rule: &CueRule) -> bool {
        let (want, have) = (self.flags, rule.flags);
        (!want.post || have.post)
            && (!want.audience || have.audience)
            && (!want.prep || have.prep)
            && (!want.noun || have.noun)
            && (!want.colon || have.colon)
            && (!want.object || have.object)
            && (!want.clausal || have.clausal)
            && (!want.predicate || have.predicate)
            && (!want.speaker || have.speaker)
            && (!want.credit || have.credit)
            && (!want.as_complement || have.as_complement)
            && self.stances.iter().all(|s| *s == rule.stance)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Construction {
    pub meta: Meta,
    pub pattern: Vec<Element>,
}

/// A whole grammar, ready for the matcher.
#[derive(Debug, Clone, Default)]
pub struct Grammar {
    pub cues: Vec<CueRule>,
    pub sources: Vec<SourceRule>,
    pub hedges: Vec<HedgeRule>,
    pub markers: Vec<MarkerRule>,
    pub lists: Vec<WordList>,
    pub constructions: Vec<Construction>,
}

/// A grammar file that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct GrammarError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for GrammarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.file, self.line, self.col, self.message)
        }
    }
}

impl std::error::Error for GrammarError {}

const KINDS: &[&str] = &["cue", "source", "hedge", "marker", "list", "construction"];
const STANCES: &[&str] = &[
    "confirm",
    "assert",
    "believe",
    "allege",
    "deny",
    "criticise",
    "question",
    "act",
];
const HEDGE_KINDS: &[&str] = &["modal", "evidential", "weasel", "distancing", "vague"];
const CUE_FLAGS: &[&str] = &[
    "speaker",
    "credit",
    "post",
    "audience",
    "prep",
    "noun",
    "colon",
    "object",
    "clausal",
    "predicate",
    "as",
    "own",
    "share",
    "ing",
];
const ELEMENTS: &[&str] = &[
    "SOURCE", "SUBJECT", "AUDIENCE", "TOPIC", "CONTENT", "QUOTE", "CUE", "START", "END",
];

/// The closest of `options` to `word`, when it is close enough to suggest.
pub fn did_you_mean<'a>(word: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    options
        .into_iter()
        .map(|o| (strsim::jaro_winkler(word, o), o))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, o)| o)
}

fn unknown(what: &str, word: &str, options: &[&str]) -> String {
    match did_you_mean(word, options.iter().copied()) {
        Some(s) => format!("unknown {what} '{word}'; did you mean '{s}'?"),
        None => format!("unknown {what} '{word}'; expected one of: {}", options.join(", ")),
    }
}

/// The largest grammar file read (16 MiB: a word list of about a million words).
pub const MAX_GRAMMAR_FILE: u64 = 16 << 20;

impl Grammar {
    /// The embedded default English grammar.
    pub fn builtin() -> Grammar {
        let mut g = Grammar::default();
        for (file, src) in DEFAULT_FILES {
            g.add_source(file, src)
                .expect("the built-in grammar parses (checked by tests)");
        }
        g
    }

    /// The default grammar plus every `*.sayso` file in `dir` (sorted by name).
    /// Each must be a regular file of at most `MAX_GRAMMAR_FILE` bytes.
    /// A rule with the name and kind of an existing one replaces it.
    pub fn with_dir(dir: &Path) -> Result<Grammar, GrammarError> {
        let mut g = Grammar::builtin();
        let err = |message: String| GrammarError {
            file: dir.display().to_string(),
            line: 0,
            col: 0,
            message,
        };
        let rd = std::fs::read_dir(dir).map_err(|e| err(format!("cannot read grammar directory: {e}")))?;
        let mut files: Vec<_> = rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "sayso"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(err("no .sayso files in the grammar directory".into()));
        }
        for f in files {
            let name = f.display().to_string();
            let src = crate::input::read_config_file(&f, MAX_GRAMMAR_FILE).map_err(|e| GrammarError {
                file: name.clone(),
                line: 0,
                col: 0,
                message: format!("cannot read grammar file: {e}"),
            })?;
            g.add_source(&name, &src)?;
        }
        Ok(g)
    }

    /// Parse one file's text and add (or replace) its rules.
    pub fn add_source(&mut self, file: &str, src: &str) -> Result<(), GrammarError> {
        let blocks = parse::parse_file(src).map_err(|e| GrammarError {
            file: file.to_string(),
            line: e.line,
            col: e.col,
            message: format!("expected {}, found {}", e.expected, e.found),
        })?;
        // the lists the matcher reads are the ones the built-in grammar defines: on
        // top of it, a list by another name would be read by nothing
        let known_lists: Vec<&'static str> = self.lists.iter().map(|l| l.meta.name).collect();
        let mut seen: Vec<(String, String)> = Vec::new();
        for b in blocks {
            let key = (b.kind.clone(), b.name.clone());
            if seen.contains(&key) {
                return Err(GrammarError {
                    file: file.to_string(),
                    line: b.line,
                    col: b.col,
                    message: format!("a second {} block named '{}' in the same file", b.kind, b.name),
                });
            }
            seen.push(key);
            if b.kind == "list" && !known_lists.is_empty() && !known_lists.contains(&b.name.as_str()) {
                return Err(GrammarError {
                    file: file.to_string(),
                    line: b.line,
                    col: b.col,
                    message: unknown("list", &b.name, &known_lists),
                });
            }
            self.add_block(file, b)?;
        }
        Ok(())
    }

    /// Every rule's name and example, for tests and `sayso rules`.
    pub fn metas(&self) -> impl Iterator<Item = (&'static str, &Meta)> {
        let c = self.cues.iter().map(|r| ("cue", &r.meta));
        let s = self.sources.iter().map(|r| ("source", &r.meta));
        let h = self.hedges.iter().map(|r| ("hedge", &r.meta));
        let m = self.markers.iter().map(|r| ("marker", &r.meta));
        let l = self.lists.iter().map(|r| ("list", &r.meta));
        let k = self.constructions.iter().map(|r| ("construction", &r.meta));
        c.chain(s).chain(h).chain(m).chain(l).chain(k)
    }

    /// A word list by name (empty when the grammar has none).
    pub fn list(&self, name: &str) -> &[String] {
        self.lists
            .iter()
            .find(|l| l.meta.name == name)
            .map_or(&[], |l| &l.words)
    }

    fn add_block(&mut self, file: &str, b: RawBlock) -> Result<(), GrammarError> {
        let err = |line: usize, col: usize, message: String| GrammarError {
            file: file.to_string(),
            line,
            col,
            message,
        };
        // unknown keys first, so a misspelt key is reported as such (with a suggestion);
        // the same list checks at the end that every key given was read
        let allowed: &[&str] = match b.kind.as_str() {
            "cue" => &["stance", "verbs", "phrases", "flags", "outcome-objects", "unless-next"],
            "source" => &["kind", "class", "phrases", "stance"],
            "hedge" => &[
                "kind",
                "phrases",
                "unless-next",
                "unless-prev",
                "case",
                "at",
                "only-next",
                "sense",
                "filter",
            ],
            "marker" => &["verdict", "verbs", "phrases", "unless-prev", "unless-next"],
            "list" => &["words"],
            "construction" => &["pattern"],
            other => return Err(err(b.line, b.col, unknown("block kind", other, KINDS))),
        };
        for e in &b.entries {
            if e.key != "doc" && e.key != "example" && !allowed.contains(&e.key.as_str()) {
                let mut all = allowed.to_vec();
                all.extend(["doc", "example"]);
                let what = format!("key for a {} block", b.kind);
                return Err(err(e.line, e.col, unknown(&what, &e.key, &all)));
            }
        }
        let mut fields = Fields::new(file, &b)?;
        let meta = fields.meta()?;
        match b.kind.as_str() {
            "cue" => {
                let stance = stance_of(&fields.required("stance", STANCES)?);
                let mut forms = Vec::new();
                let mut lemmas = Vec::new();
                for item in fields.items("verbs") {
                    let entry = parse_verb(&item.text);
                    let f = verb_forms(&entry);
                    // a lemma that is also the past ("put it", "hit out") agrees with any subject
                    let head = entry.lemma.split(' ').next().unwrap_or_default();
                    let past_is_lemma = entry.past.as_deref() == Some(head);
                    if !past_is_lemma {
                        lemmas.extend(f.first().cloned());
                    }
                    forms.extend(f);
                }
                forms.extend(fields.items("phrases").into_iter().map(|i| i.text));
                let mut flags = CueFlags::default();
                for f in fields.words("flags", CUE_FLAGS)? {
                    set_flag(&mut flags, &f);
                }
                let outcome_objects = fields
                    .items("outcome-objects")
                    .into_iter()
                    .map(|i| i.text.to_lowercase())
                    .collect();
                let unless_next = fields.items("unless-next").into_iter().map(|i| i.text).collect();
                fields.finish(allowed)?;
                let rule = CueRule {
                    meta,
                    stance,
                    forms,
                    flags,
                    outcome_objects,
                    unless_next,
                    lemmas,
                };
                replace_or_push(&mut self.cues, rule, |r| r.meta.name);
            }
            "source" => {
                let kind = match fields.required("kind", &["named", "unnamed"])?.as_str() {
                    "named" => SourceKind::Named,
                    _ => SourceKind::Unnamed,
                };
                let class = fields
                    .one(
                        "class",
                        &["anonymous", "role", "document", "organisation", "vague", "media"],
                    )?
                    .unwrap_or_default();
                let phrases = fields.items("phrases").into_iter().map(|i| i.text).collect();
                let stance = fields.one("stance", STANCES)?.map(|s| stance_of(&s));
                fields.finish(allowed)?;
                replace_or_push(
                    &mut self.sources,
                    SourceRule {
                        meta,
                        kind,
                        class,
                        phrases,
                        stance,
                    },
                    |r| r.meta.name,
                );
            }
            "hedge" => {
                let kind = match fields.required("kind", HEDGE_KINDS)?.as_str() {
                    "modal" => HedgeKind::Modal,
                    "evidential" => HedgeKind::Evidential,
                    "weasel" => HedgeKind::Weasel,
                    "distancing" => HedgeKind::Distancing,
                    _ => HedgeKind::Vague,
                };
                let phrases = fields.items("phrases").into_iter().map(|i| i.text).collect();
                let unless_next = fields.items("unless-next").into_iter().map(|i| i.text).collect();
                let unless_prev = fields.items("unless-prev").into_iter().map(|i| i.text).collect();
                let only_next = fields.items("only-next").into_iter().map(|i| i.text).collect();
                let at = fields.one("at", &["clause-start", "sentence-start", "anywhere"])?;
                let clause_start = at.as_deref() == Some("clause-start");
                let sentence_start = at.as_deref() == Some("sentence-start");
                let epistemic = fields.one("sense", &["epistemic", "any"])?.as_deref() == Some("epistemic");
                let lowercase_only = fields.one("case", &["lower", "any"])?.as_deref() == Some("lower");
                let learned = fields.one("filter", &["learned", "keep"])?.as_deref() == Some("learned");
                fields.finish(allowed)?;
                let rule = HedgeRule {
                    learned,
                    meta,
                    kind,
                    phrases,
                    unless_next,
                    unless_prev,
                    lowercase_only,
                    clause_start,
                    sentence_start,
                    epistemic,
                    only_next,
                };
                replace_or_push(&mut self.hedges, rule, |r| r.meta.name);
            }
            "marker" => {
                let verdict = match fields.required("verdict", &["disputed", "alleged"])?.as_str() {
                    "disputed" => Verdict::Disputed,
                    _ => Verdict::Alleged,
                };
                let mut phrases: Vec<String> = (fields.items("verbs").into_iter())
                    .flat_map(|item| verb_forms(&parse_verb(&item.text)))
                    .collect();
                phrases.extend(fields.items("phrases").into_iter().map(|i| i.text));
                let unless_prev = fields.items("unless-prev").into_iter().map(|i| i.text).collect();
                let unless_next = fields.items("unless-next").into_iter().map(|i| i.text).collect();
                fields.finish(allowed)?;
                replace_or_push(
                    &mut self.markers,
                    MarkerRule {
                        meta,
                        verdict,
                        phrases,
                        unless_prev,
                        unless_next,
                    },
                    |r| r.meta.name,
                );
            }
            "list" => {
                let words = fields.items("words").into_iter().map(|i| i.text).collect();
                fields.finish(allowed)?;
                replace_or_push(&mut self.lists, WordList { meta, words }, |r| r.meta.name);
            }
            "construction" => {
                let mut pattern = Vec::new();
                for item in fields.items("pattern") {
                    pattern.push(parse_element(&item).map_err(|m| err(item.line, item.col, m))?);
                }
                let cues = pattern.iter().filter(|e| matches!(e, Element::Cue(_))).count();
                if cues != 1 {
                    return Err(err(
                        b.line,
                        b.col,
                        format!(
                            "construction '{}' needs exactly one CUE in its 'pattern:', found {cues}",
                            b.name
                        ),
                    ));
                }
                fields.finish(allowed)?;
                replace_or_push(&mut self.constructions, Construction { meta, pattern }, |r| r.meta.name);
            }
            other => {
                return Err(err(b.line, b.col, unknown("block kind", other, KINDS)));
            }
        }
        Ok(())
    }
}

fn stance_of(s: &str) -> Stance {
    match s {
        "confirm" => Stance::Confirm,
        "believe" => Stance::Believe,
        "allege" => Stance::Allege,
        "deny" => Stance::Deny,
        "criticise" => Stance::Criticise,
        "question" => Stance::Question,
        "act" => Stance::Act,
        _ => Stance::Assert,
    }
}

fn replace_or_push<T>(v: &mut Vec<T>, rule: T, name: impl Fn(&T) -> &'static str) {
    match v.iter().position(|r| name(r) == name(&rule)) {
        Some(i) => v[i] = rule,
        None => v.push(rule),
    }
}

fn parse_verb(text: &str) -> VerbEntry {
    let (text, double) = match text.strip_suffix('+') {
        Some(t) => (t, true),
        None => (text, false),
    };
    match text.split_once('(') {
        Some((lemma, rest)) => {
            let mut it = rest.trim_end_matches(')').split_whitespace();
            VerbEntry {
                lemma: lemma.to_string(),
                past: it.next().map(String::from),
                participle: it.next().map(String::from),
                double,
            }
        }
        None => VerbEntry {
            lemma: text.to_string(),
            past: None,
            participle: None,
            double,
        },
    }
}

/// Set the cue flag named `name` (one of `CUE_FLAGS`; "ing" is a form's
/// ending, not a rule's flag).
fn set_flag(flags: &mut CueFlags, name: &str) {
    match name {
        "post" => flags.post = true,
        "audience" => flags.audience = true,
        "prep" => flags.prep = true,
        "noun" => flags.noun = true,
        "colon" => flags.colon = true,
        "clausal" => flags.clausal = true,
        "predicate" => flags.predicate = true,
        "speaker" => flags.speaker = true,
        "credit" => flags.credit = true,
        "as" => flags.as_complement = true,
        "object" => flags.object = true,
        "own" => flags.own = true,
        "share" => flags.share = true,
        _ => {}
    }
}

fn parse_element(item: &parse::Item) -> Result<Element, String> {
    let t = item.text.as_str();
    if item.quoted {
        return Ok(Element::Literal {
            text: t.to_string(),
            optional: item.optional,
        });
    }
    if let Some(flags) = t.strip_prefix("CUE[").and_then(|r| r.strip_suffix(']')) {
        // CUE[post] or CUE[question,ed]: flags, a stance, or the form's ending
        for flag in flags.split(',') {
            if !CUE_FLAGS.contains(&flag) && !STANCES.contains(&flag) && flag != "ed" && flag != "finite" {
                let all: Vec<&str> = CUE_FLAGS.iter().chain(STANCES).copied().collect();
                return Err(unknown("cue flag", flag, &all));
            }
        }
        let mut filter = CueFilter::default();
        for flag in flags.split(',') {
            match flag {
                "ing" => filter.ing = true,
                "ed" => filter.ed = true,
                "finite" => filter.finite = true,
                _ if STANCES.contains(&flag) => filter.stances.push(stance_of(flag)),
                _ => set_flag(&mut filter.flags, flag),
            }
        }
        return Ok(Element::Cue(Some(filter)));
    }
    Ok(match t {
        "SOURCE" => Element::Source,
        "SUBJECT" => Element::Subject,
        "AUDIENCE" => Element::Audience,
        "TOPIC" => Element::Topic,
        "CONTENT" => Element::Content,
        "QUOTE" => Element::Quote,
        "CUE" => Element::Cue(None),
        "START" => Element::Start,
        "END" => Element::End,
        _ if t.chars().any(|c| c.is_ascii_uppercase()) && t.chars().all(|c| c.is_ascii_uppercase() || c == '?') => {
            return Err(unknown("pattern element", t, ELEMENTS));
        }
        _ => match t.strip_suffix('?') {
            Some(w) => Element::Literal {
                text: w.to_string(),
                optional: true,
            },
            None => Element::Literal {
                text: t.to_string(),
                optional: false,
            },
        },
    })
}

/// The entries of one block, consumed key by key so leftovers can be reported.
struct Fields<'a> {
    file: &'a str,
    block: &'a RawBlock,
    used: Vec<bool>,
}

impl<'a> Fields<'a> {
    fn new(file: &'a str, block: &'a RawBlock) -> Result<Fields<'a>, GrammarError> {
        Ok(Fields {
            file,
            block,
            used: vec![false; block.entries.len()],
        })
    }

    fn err(&self, e: &RawEntry, message: String) -> GrammarError {
        GrammarError {
            file: self.file.to_string(),
            line: e.line,
            col: e.col,
            message,
        }
    }

    fn take(&mut self, key: &str) -> Vec<&'a RawEntry> {
        let mut out = Vec::new();
        for (i, e) in self.block.entries.iter().enumerate() {
            if e.key == key {
                self.used[i] = true;
                out.push(e);
            }
        }
        out
    }

    fn items(&mut self, key: &str) -> Vec<parse::Item> {
        self.take(key)
            .into_iter()
            .flat_map(|e| match &e.value {
                RawValue::List(items) => items.clone(),
                _ => vec![],
            })
            .collect()
    }

    fn words(&mut self, key: &str, allowed: &[&str]) -> Result<Vec<String>, GrammarError> {
        let mut out = Vec::new();
        for e in self.take(key) {
            if let RawValue::List(items) = &e.value {
                for it in items {
                    if !allowed.contains(&it.text.as_str()) {
                        return Err(GrammarError {
                            file: self.file.to_string(),
                            line: it.line,
                            col: it.col,
                            message: unknown(key.trim_end_matches('s'), &it.text, allowed),
                        });
                    }
                    out.push(it.text.clone());
                }
            }
        }
        Ok(out)
    }

    /// A key every block of this kind must have, with one of `allowed` as its value.
    fn required(&mut self, key: &str, allowed: &[&str]) -> Result<String, GrammarError> {
        self.one(key, allowed)?.ok_or_else(|| GrammarError {
            file: self.file.to_string(),
            line: self.block.line,
            col: self.block.col,
            message: format!(
                "{} '{}' needs a '{key}:' ({})",
                self.block.kind,
                self.block.name,
                allowed.join(", ")
            ),
        })
    }

    fn one(&mut self, key: &str, allowed: &[&str]) -> Result<Option<String>, GrammarError> {
        let entries = self.take(key);
        let Some(e) = entries.first() else { return Ok(None) };
        let words = self.words_of(e);
        if words.len() != 1 || entries.len() > 1 {
            return Err(self.err(e, format!("'{key}:' takes exactly one value")));
        }
        let w = &words[0];
        if !allowed.contains(&w.text.as_str()) {
            return Err(GrammarError {
                file: self.file.to_string(),
                line: w.line,
                col: w.col,
                message: unknown(key, &w.text, allowed),
            });
        }
        Ok(Some(w.text.clone()))
    }

    fn words_of(&self, e: &RawEntry) -> Vec<parse::Item> {
        match &e.value {
            RawValue::List(items) => items.clone(),
            _ => vec![],
        }
    }

    fn meta(&mut self) -> Result<Meta, GrammarError> {
        let doc = self
            .take("doc")
            .into_iter()
            .filter_map(|e| match &e.value {
                RawValue::Text(t) => Some(t.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        let mut examples = Vec::new();
        for e in self.take("example") {
            let RawValue::Example { text, expect } = &e.value else {
                continue;
            };
            let mut ex = Example {
                text: text.clone(),
                verdict: None,
                source: None,
                negative: vec![],
                hedge_kinds: vec![],
                line: e.line,
            };
            for w in expect {
                match w.as_str() {
                    "confirmed" => ex.verdict = Some(Verdict::Confirmed),
                    "alleged" => ex.verdict = Some(Verdict::Alleged),
                    "disputed" => ex.verdict = Some(Verdict::Disputed),
                    "none" => ex.source = Some(SourceKind::None),
                    "named" => ex.source = Some(SourceKind::Named),
                    "unnamed" => ex.source = Some(SourceKind::Unnamed),
                    "no-hedge" | "no-attribution" | "no-marker" => ex.negative.push(w.clone()),
                    "modal" => ex.hedge_kinds.push(HedgeKind::Modal),
                    "evidential" => ex.hedge_kinds.push(HedgeKind::Evidential),
                    "weasel" => ex.hedge_kinds.push(HedgeKind::Weasel),
                    "distancing" => ex.hedge_kinds.push(HedgeKind::Distancing),
                    "vague" => ex.hedge_kinds.push(HedgeKind::Vague),
                    other => {
                        const WORDS: &[&str] = &[
                            "confirmed",
                            "alleged",
                            "disputed",
                            "none",
                            "named",
                            "unnamed",
                            "no-hedge",
                            "no-attribution",
                            "no-marker",
                            "modal",
                            "evidential",
                            "weasel",
                            "distancing",
                            "vague",
                        ];
                        return Err(self.err(e, unknown("expectation", other, WORDS)));
                    }
                }
            }
            examples.push(ex);
        }
        Ok(Meta {
            name: intern(&self.block.name),
            doc,
            origin: Origin {
                file: self.file.to_string(),
                line: self.block.line,
            },
            examples,
        })
    }

    fn finish(&self, keys: &[&str]) -> Result<(), GrammarError> {
        for (i, e) in self.block.entries.iter().enumerate() {
            if !self.used[i] {
                let mut all: Vec<&str> = keys.to_vec();
                all.extend(["doc", "example"]);
                return Err(self.err(
                    e,
                    unknown(&format!("key for a {} block", self.block.kind), &e.key, &all),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_grammar_parses() {
        let g = Grammar::builtin();
        assert!(g.cues.len() > 10);
        assert!(g.constructions.len() >= 6);
        assert!(!g.list("pronouns").is_empty());
    }

    #[test]
    fn unknown_names_get_suggestions() {
        let mut g = Grammar::default();
        let e = g.add_source("x.sayso", "cue say {\n  stanse: assert\n}\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 3));
        assert!(e.message.contains("did you mean 'stance'"), "{e}");
        let e = g.add_source("x.sayso", "cue say {\n  stance: asert\n}\n").unwrap_err();
        assert!(e.message.contains("did you mean 'assert'"), "{e}");
        let e = g.add_source("x.sayso", "hedg maybe {\n}\n").unwrap_err();
        assert!(e.message.contains("did you mean 'hedge'"), "{e}");
        let e = g
            .add_source("x.sayso", "construction c {\n pattern: SORCE CUE CONTENT\n}\n")
            .unwrap_err();
        assert!(e.message.contains("did you mean 'SOURCE'"), "{e}");
        assert_eq!(
            e.to_string().split(':').take(3).collect::<Vec<_>>(),
            ["x.sayso", "2", "11"]
        );
    }

    #[test]
    fn cue_filters_check_flags_stance_and_ending() {
        let mut g = Grammar::default();
        g.add_source(
            "a",
            "cue tell {\n stance: assert\n verbs: tell(told)\n flags: audience clausal\n}\n\
             cue ask {\n stance: question\n verbs: ask(asked)\n}\n\
             construction c {\n pattern: SOURCE CUE[question,ed] CONTENT\n}\n\
             construction d {\n pattern: SOURCE CUE[audience,clausal] AUDIENCE CONTENT\n}\n",
        )
        .unwrap();
        let filter = |i: usize| match g.constructions[i].pattern.iter().find(|e| matches!(e, Element::Cue(_))) {
            Some(Element::Cue(Some(f))) => f.clone(),
            other => panic!("no filter: {other:?}"),
        };
        let (tell, ask) = (&g.cues[0], &g.cues[1]);
        let (c, d) = (filter(0), filter(1));
        assert!(c.accepts(ask, "asked") && !c.accepts(ask, "asks"));
        assert!(c.accepts_rule(ask) && !c.accepts_rule(tell));
        assert!(d.accepts(tell, "told") && !d.accepts(ask, "asked"));
    }

    #[test]
    fn later_rules_replace_by_name() {
        let mut g = Grammar::default();
        g.add_source("a", "cue say {\n stance: assert\n verbs: say(said)\n}\n")
            .unwrap();
        g.add_source("b", "cue say {\n stance: confirm\n verbs: say(said)\n}\n")
            .unwrap();
        assert_eq!(g.cues.len(), 1);
        assert_eq!(g.cues[0].stance, Stance::Confirm);
        assert_eq!(g.cues[0].forms, ["say", "says", "said", "saying"]);
    }
}
