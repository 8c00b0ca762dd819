//! The evidence a statement offers its decisions, as model features.
//!
//! `extract` lists a statement's features without building a string; `key`
//! hashes one for the model and `name` spells it for training and for
//! `--explain`. Both come from `parts`, so the two can never disagree.

use crate::learn::KeyHasher;
use crate::model::{Attribution, Feature, HedgeKind, SourceKind, Stance, Statement, Verdict};
use crate::span::Span;

/// What a feature extractor needs beyond the statement itself.
pub struct Context<'a> {
    pub text: &'a str,
    pub attributions: &'a [Attribution],
    pub quotes: &'a [Span],
    pub negations: &'a [Span],
    pub polls: &'a [(Span, SourceKind)],
}

impl<'a> Context<'a> {
    /// The context of a finished analysis of `text`.
    pub fn of(text: &'a str, a: &'a crate::model::Analysis) -> Context<'a> {
        Context {
            text,
            attributions: &a.attributions,
            quotes: &a.quotes,
            negations: &a.negations,
            polls: &a.polls,
        }
    }
}

/// One feature of a statement: what it is, the words it rests on, its value.
pub type Found = (Feature, Option<Span>, f32);

/// The verdict the grammar's rules alone give: the most doubtful cue, hedge or
/// marker (a denying or criticising cue disputes unless negated; a confirming
/// cue confirms unless negated or hedged, and where it is inherited only where
/// its own content runs on; any other cue, a weakening hedge or a quote
/// continued from an earlier sentence alleges).
pub fn rules_verdict(st: &Statement, attrs: &[Attribution]) -> Verdict {
    let mut v = Verdict::Confirmed;
    for &k in &st.attributions {
        v = v.max(cue_effect(&attrs[k]));
    }
    for &k in &st.inherited {
        let a = &attrs[k];
        // A confirming cue vouches for its own content where that runs on
        // here; a quote that only continues it here is the holder's speech,
        // which the spec makes alleged like any continued quote.
        let plain_confirm =
            a.stance == Stance::Confirm && !a.negated && !a.hedged && a.content.iter().any(|c| c.overlaps(st.span));
        v = v.max(if plain_confirm {
            Verdict::Confirmed
        } else {
            Verdict::Alleged
        });
    }
    if st.hedges.iter().any(|h| h.kind.weakens()) {
        v = v.max(Verdict::Alleged);
    }
    for m in &st.markers {
        v = v.max(m.verdict);
    }
    v
}

/// What carried an earlier attribution into this statement, for the evidence
/// of `continued:*`: its cue when the cue's content runs on here or the cue
/// opened a quote that continues here; otherwise (a quote that opens after an
/// attribution of reported, unquoted speech: "X said on Monday that … ¶ "We
/// will …"") the whole earlier attribution, holder, cue and content, since no
/// quote was opened by that cue and the attribution itself is what carries
/// its holder forward.
pub fn carrier(cx: &Context, st: &Statement, a: &Attribution) -> Span {
    if carrier_is_cue(cx.quotes, st, a) {
        return a.cue;
    }
    let mut all = a.cue;
    for c in &a.content {
        all = all.cover(*c);
    }
    if let Some(s) = &a.source {
        all = all.cover(s.span);
    }
    all
}

/// Is the cue of an attribution that `st` inherits what carried it there:
/// does its content run on into `st`, or did it open a quote?
pub fn carrier_is_cue(quotes: &[Span], st: &Statement, a: &Attribution) -> bool {
    a.content.iter().any(|c| c.overlaps(st.span)) || opened_quote(quotes, a)
}

/// Does any of the attribution's content lie inside a quotation (`quotes`
/// in text order, not overlapping)?
pub fn opened_quote(quotes: &[Span], a: &Attribution) -> bool {
    a.content.iter().any(|c| {
        let first = quotes.partition_point(|q| q.end <= c.start);
        quotes.get(first).is_some_and(|q| q.start < c.end)
    })
}

/// The verdict one cue gives on its own.
pub fn cue_effect(a: &Attribution) -> Verdict {
    match (a.stance, a.negated, a.hedged) {
        (Stance::Deny | Stance::Criticise, false, _) => Verdict::Disputed,
        (Stance::Confirm, false, false) => Verdict::Confirmed,
        _ => Verdict::Alleged,
    }
}

/// List the features of `st` into `out` (cleared first). `rules` is the rules'
/// verdict of `st` (`rules_verdict`, computed once for the whole document);
/// `before` and `after` are those of the neighbouring statements in its paragraph.
pub fn extract(
    cx: &Context,
    st: &Statement,
    rules: Verdict,
    (before, after): (Option<Verdict>, Option<Verdict>),
    out: &mut Vec<Found>,
) {
    out.clear();
    out.push((Feature::Bias, None, 1.0));
    if st.kind != "prose" {
        out.push((Feature::Kind, None, 1.0));
    }
    for &attribution in &st.attributions {
        let a = &cx.attributions[attribution];
        out.push((Feature::Stance { attribution }, Some(a.cue), 1.0));
        out.push((Feature::CueRule { attribution }, Some(a.cue), 1.0));
        out.push((Feature::CueWord { attribution }, Some(a.cue), 1.0));
        out.push((Feature::Construction { attribution }, Some(a.cue), 1.0));
        let holder = a.source.as_ref().map(|s| s.span);
        out.push((Feature::Holder { attribution }, holder, 1.0));
        if let Some(c) = a.content.first()
            && opens_with_pronoun(c.slice(cx.text))
        {
            out.push((Feature::OwnAction { attribution }, Some(*c), 1.0));
        }
        if a.source.is_some() {
            out.push((Feature::HolderRule { attribution }, holder, 1.0));
        }
    }
    for &attribution in &st.inherited {
        let a = &cx.attributions[attribution];
        out.push((Feature::Continued { attribution }, Some(carrier(cx, st, a)), 1.0));
        out.push((
            Feature::ContinuedHolder { attribution },
            a.source.as_ref().map(|s| s.span),
            1.0,
        ));
    }
    for &attribution in &st.acts {
        let a = &cx.attributions[attribution];
        if let Some(s) = &a.source {
            out.push((Feature::ActHolder { attribution }, Some(s.span), 1.0));
        }
    }
    for (hedge, h) in st.hedges.iter().enumerate() {
        if h.kind.weakens() {
            out.push((Feature::Hedge { hedge }, Some(h.span), 1.0));
            out.push((Feature::HedgeRule { hedge }, Some(h.span), 1.0));
        }
    }
    for (marker, m) in st.markers.iter().enumerate() {
        out.push((Feature::Marker { marker }, Some(m.span), 1.0));
        out.push((Feature::MarkerRule { marker }, Some(m.span), 1.0));
        if quoted_share(cx.quotes, m.span) == m.span.len() {
            out.push((Feature::QuotedMarker { marker }, Some(m.span), 1.0));
        }
        let reported = (st.attributions.iter()).any(|&k| cx.attributions[k].content.iter().any(|c| c.contains(m.span)));
        if reported {
            out.push((Feature::ReportedMarker { marker }, Some(m.span), 1.0));
        }
        if owned(cx.text, st.span.start, m.span.start) {
            out.push((Feature::OwnedMarker { marker }, Some(m.span), 1.0));
        }
    }
    if quoted_share(cx.quotes, st.span) * 2 > st.span.len() {
        out.push((Feature::Quoted, None, 1.0));
        if st.attributions.is_empty() && st.inherited.is_empty() {
            out.push((Feature::UnattributedQuote, None, 1.0));
        }
    }
    let first_poll = cx.polls.partition_point(|(p, _)| p.start < st.span.start);
    if let Some(&(p, source)) = cx.polls.get(first_poll).filter(|(p, _)| p.start < st.span.end) {
        out.push((Feature::Poll { source }, Some(p), 1.0));
    }
    let disputes = st.markers.iter().any(|m| m.verdict == Verdict::Disputed);
    if disputes && st.attributions.is_empty() && st.inherited.is_empty() {
        let subject = st.markers.iter().find_map(|m| m.subject);
        let (source, span) = subject.map_or((SourceKind::None, None), |(k, s)| (k, Some(s)));
        out.push((Feature::Disputer { source }, span, 1.0));
    }
    if let Some(n) = negation_outside_cues(cx, st) {
        out.push((Feature::Negation, Some(n), 1.0));
    }
    if cx.text[st.span.start..st.span.end]
        .trim_end_matches(['"', '”', '’', '\'', ')', ' ', '.'])
        .ends_with('?')
    {
        out.push((Feature::Question, None, 1.0));
    }
    out.push((Feature::Rules { verdict: rules }, None, 1.0));
    out.push((
        Feature::RulesSource {
            source: rules_source(st, cx.attributions),
        },
        None,
        1.0,
    ));
    for (is_before, v) in [(true, before), (false, after)] {
        if let Some(verdict) = v {
            out.push((
                Feature::Neighbour {
                    before: is_before,
                    verdict,
                },
                None,
                1.0,
            ));
        }
    }
}

/// Is the word before `at` (within the statement) a possessive: "his", "her",
/// "their", "its" or a name's ("Trump's")?
fn owned(text: &str, from: usize, at: usize) -> bool {
    let before = text[from..at].trim_end();
    let word = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    matches!(word.to_ascii_lowercase().as_str(), "his" | "her" | "their" | "its")
        || (word.len() > 2 && (word.ends_with("'s") || word.ends_with("’s") || word.ends_with("s'")))
}

/// Does a content open (after "that" or a quote mark) with a personal pronoun?
fn opens_with_pronoun(content: &str) -> bool {
    // (most contents open with plain ASCII words: read those bytes, not chars)
    opens_with_pronoun_ascii(content.as_bytes()).unwrap_or_else(|| is_pronoun(opening_word(content)))
}

/// The first word of a content, trimmed of punctuation, or the one after an
/// opening "that".
fn opening_word(content: &str) -> &str {
    let mut words = content
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'));
    let w = words.next().unwrap_or("");
    if w.eq_ignore_ascii_case("that") {
        words.next().unwrap_or("")
    } else {
        w
    }
}

/// `opens_with_pronoun` over bytes, the same answer where the words it reads
/// are ASCII; `None` at the first other byte, for the general reading.
fn opens_with_pronoun_ascii(content: &[u8]) -> Option<bool> {
    let mut at = 0;
    let mut word = || -> Option<&[u8]> {
        while at < content.len() && content[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while at < content.len() && !content[at].is_ascii_whitespace() {
            if !content[at].is_ascii() {
                return None;
            }
            at += 1;
        }
        let kept = |b: &u8| b.is_ascii_alphanumeric() || *b == b'\'';
        let w = &content[start..at];
        let from = w.iter().position(kept).unwrap_or(w.len());
        let to = w.iter().rposition(kept).map_or(from, |i| i + 1);
        Some(&w[from..to])
    };
    // (a run of whitespace that is not ASCII would end a word for `char::is_whitespace`)
    let mut w = word()?;
    if w.eq_ignore_ascii_case(b"that") {
        w = word()?;
    }
    // (no '’' among ASCII bytes: the base is what comes before a straight apostrophe)
    let base = w.split(|&b| b == b'\'').next().unwrap_or(w);
    Some(PRONOUNS.iter().any(|p| base.eq_ignore_ascii_case(p.as_bytes())))
}

const PRONOUNS: [&str; 6] = ["he", "she", "it", "they", "we", "i"];

/// A personal pronoun, before any apostrophe ("he's", "they'd").
fn is_pronoun(word: &str) -> bool {
    let base = word.split(['\'', '’']).next().unwrap_or(word);
    PRONOUNS.iter().any(|p| base.eq_ignore_ascii_case(p))
}

/// How many bytes of `span` lie inside quotations.
fn quoted_share(quotes: &[Span], span: Span) -> usize {
    let first = quotes.partition_point(|q| q.end <= span.start);
    quotes[first..]
        .iter()
        .take_while(|q| q.start < span.end)
        .map(|q| q.end.min(span.end).saturating_sub(q.start.max(span.start)))
        .sum()
}

/// A negation in the statement that no cue of its own holds.
fn negation_outside_cues(cx: &Context, st: &Statement) -> Option<Span> {
    let first = cx.negations.partition_point(|n| n.start < st.span.start);
    cx.negations[first..]
        .iter()
        .take_while(|n| n.start < st.span.end)
        .find(|n| !st.attributions.iter().any(|&k| cx.attributions[k].cue.contains(**n)))
        .copied()
}

/// A feature's namespace with the hash state after it, both fixed at compile
/// time: a key then hashes only the value's bytes.
#[derive(Clone, Copy)]
struct Namespace {
    name: &'static str,
    seed: u64,
}

macro_rules! ns {
    ($name:literal) => {
        const {
            Namespace {
                name: $name,
                seed: KeyHasher::seed($name),
            }
        }
    };
}

/// A feature's namespace and its value in up to three pieces.
fn parts<'a>(text: &'a str, attrs: &'a [Attribution], st: &'a Statement, f: Feature) -> (Namespace, [&'a str; 3]) {
    let a = |k: usize| &attrs[k];
    let flags = |a: &Attribution| -> [&'static str; 2] {
        [
            if a.negated { ":negated" } else { "" },
            if a.hedged { ":hedged" } else { "" },
        ]
    };
    let holder = |a: &Attribution| a.source.as_ref().map_or("absent", |s| s.kind.as_str());
    match f {
        Feature::Bias => (ns!("bias"), ["", "", ""]),
        Feature::Kind => (ns!("kind"), [st.kind, "", ""]),
        Feature::Stance { attribution } => {
            let at = a(attribution);
            let [n, h] = flags(at);
            (ns!("stance"), [at.stance.as_str(), n, h])
        }
        Feature::CueRule { attribution } => (ns!("cue-rule"), [a(attribution).cue_rule, "", ""]),
        Feature::CueWord { attribution } => {
            let a = a(attribution);
            let cue = a.cue.slice(text);
            // a preposition joined from the content is not the cue's word ("spoke about" -> "spoke")
            let cue = if a.particle {
                cue.trim_end().rsplit_once(char::is_whitespace).map_or(cue, |(v, _)| v)
            } else {
                cue
            };
            (ns!("cue-word"), [last_word(cue), "", ""])
        }
        Feature::Construction { attribution } => (ns!("construction"), [a(attribution).construction, "", ""]),
        Feature::Holder { attribution } => (ns!("holder"), [holder(a(attribution)), "", ""]),
        Feature::HolderRule { attribution } => (
            ns!("holder-rule"),
            [a(attribution).source.as_ref().map_or("", |s| s.rule), "", ""],
        ),
        Feature::Continued { attribution } => {
            let at = a(attribution);
            let [n, h] = flags(at);
            (ns!("continued"), [at.stance.as_str(), n, h])
        }
        Feature::ContinuedHolder { attribution } => (ns!("continued-holder"), [holder(a(attribution)), "", ""]),
        Feature::ActHolder { attribution } => (ns!("act-holder"), [holder(a(attribution)), "", ""]),
        Feature::Hedge { hedge } => (ns!("hedge"), [st.hedges[hedge].kind.as_str(), "", ""]),
        Feature::HedgeRule { hedge } => (ns!("hedge-rule"), [st.hedges[hedge].rule, "", ""]),
        Feature::Marker { marker } => (ns!("marker"), [st.markers[marker].verdict.as_str(), "", ""]),
        Feature::MarkerRule { marker } => (ns!("marker-rule"), [st.markers[marker].rule, "", ""]),
        Feature::QuotedMarker { marker } => (ns!("quoted-marker"), [st.markers[marker].rule, "", ""]),
        Feature::Poll { source } => (ns!("poll"), [source.as_str(), "", ""]),
        Feature::Disputer { source } => (ns!("disputer"), [source.as_str(), "", ""]),
        Feature::ReportedMarker { marker } => (ns!("reported-marker"), [st.markers[marker].rule, "", ""]),
        Feature::OwnAction { attribution } => (ns!("own-action"), [a(attribution).cue_rule, "", ""]),
        Feature::OwnedMarker { marker } => (ns!("owned-marker"), [st.markers[marker].verdict.as_str(), "", ""]),
        Feature::Quoted => (ns!("quoted"), ["", "", ""]),
        Feature::UnattributedQuote => (ns!("unattributed-quote"), ["", "", ""]),
        Feature::Negation => (ns!("negation"), ["", "", ""]),
        Feature::Question => (ns!("question"), ["", "", ""]),
        Feature::Rules { verdict } => (ns!("rules"), [verdict.as_str(), "", ""]),
        Feature::RulesSource { source } => (ns!("rules-source"), [source.as_str(), "", ""]),
        Feature::Neighbour { before, verdict } => (
            if before { ns!("before") } else { ns!("after") },
            [verdict.as_str(), "", ""],
        ),
    }
}

/// The last word of a cue ("has repeatedly denied" -> "denied"); a cue of
/// punctuation (":") is itself.
fn last_word(cue: &str) -> &str {
    cue.rsplit(|c: char| c.is_whitespace())
        .find(|w| !w.is_empty())
        .unwrap_or(cue)
}

/// What a feature's model key leads to (its weights, say), from `fill` the
/// first time the document has that feature and from the memo after.
#[inline]
pub fn lookup<T: Copy>(
    cx: &Context,
    st: &Statement,
    f: Feature,
    memo: &mut KeyMemo<T>,
    fill: impl FnOnce(u64) -> T,
) -> T {
    let fixed = fixed_slot(f);
    if let Some(v) = fixed.and_then(|i| memo.fixed[i]) {
        return v;
    }
    let (ns, pieces) = parts(cx.text, cx.attributions, st, f);
    let v = memo.get_or(ns.seed, pieces, fill);
    if let Some(i) = fixed {
        memo.fixed[i] = Some(v);
    }
    v
}

/// A slot for each feature whose name depends on nothing but the feature
/// itself (no attribution, hedge or text): the features every statement has.
fn fixed_slot(f: Feature) -> Option<usize> {
    Some(match f {
        Feature::Bias => 0,
        Feature::Quoted => 1,
        Feature::UnattributedQuote => 2,
        Feature::Negation => 3,
        Feature::Question => 4,
        Feature::Rules { verdict } => 5 + verdict as usize,
        Feature::RulesSource { source } => 8 + source as usize,
        Feature::Poll { source } => 11 + source as usize,
        Feature::Disputer { source } => 14 + source as usize,
        Feature::Neighbour { before, verdict } => 17 + 3 * before as usize + verdict as usize,
        _ => return None,
    })
}

/// What one document's features led to, found again by the addresses of their
/// pieces, so that a feature is hashed and looked up in the models once per
/// document. Most features repeat from statement to statement ("bias",
/// "rules:confirmed", a rule's name), and every piece is a `&'static str` or
/// borrowed from the document's text, which outlives the memo: the same
/// address and length is the same text, so a slot compares addresses, never
/// bytes. (A slot another feature takes over is simply filled again.)
pub struct KeyMemo<T> {
    slots: Vec<Option<MemoSlot<T>>>,
    /// by `fixed_slot`
    fixed: [Option<T>; 23],
}

#[derive(Clone, Copy)]
struct MemoSlot<T> {
    seed: u64,
    pieces: [(usize, usize); 3],
    value: T,
}

impl<T: Copy> KeyMemo<T> {
    const SLOTS: usize = 256;

    pub fn new() -> KeyMemo<T> {
        KeyMemo {
            slots: vec![None; Self::SLOTS],
            fixed: [None; 23],
        }
    }

    fn get_or(&mut self, seed: u64, text: [&str; 3], fill: impl FnOnce(u64) -> T) -> T {
        let pieces = text.map(|p| (p.as_ptr() as usize, p.len()));
        let mut mix = seed;
        for (at, len) in pieces {
            mix = (mix ^ at as u64 ^ (len as u64) << 48).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
        let slot = &mut self.slots[(mix >> 56) as usize % Self::SLOTS];
        match slot {
            Some(s) if s.seed == seed && s.pieces == pieces => s.value,
            _ => {
                let mut h = KeyHasher::from_seed(seed);
                for p in text {
                    h.bytes(p.as_bytes());
                }
                let value = fill(h.finish());
                *slot = Some(MemoSlot { seed, pieces, value });
                value
            }
        }
    }
}

impl<T: Copy> Default for KeyMemo<T> {
    fn default() -> Self {
        KeyMemo::new()
    }
}

/// The name of a feature ("stance:deny:negated"), lower case.
pub fn name(text: &str, attrs: &[Attribution], st: &Statement, f: Feature) -> String {
    let (ns, pieces) = parts(text, attrs, st, f);
    let mut s = String::with_capacity(24);
    s.push_str(ns.name);
    s.push(':');
    for p in pieces {
        s.push_str(p);
    }
    // cue words come as written ("Said"); one pass, no allocation per piece
    s.make_ascii_lowercase();
    if s.ends_with(':') {
        s.pop();
    }
    s
}

/// The source kind the grammar's findings alone suggest: the strongest holder
/// of any cue or continued quote, or unnamed for a weasel hedge.
pub fn rules_source(st: &Statement, attrs: &[Attribution]) -> SourceKind {
    let mut source = SourceKind::None;
    for &k in &st.attributions {
        let a = &attrs[k];
        // no holder: hidden ("it was reported that") unless it is the reporter's own question
        let hidden = if a.stance == Stance::Question {
            SourceKind::None
        } else {
            SourceKind::Unnamed
        };
        source = source.max(a.source.as_ref().map_or(hidden, |s| s.kind));
    }
    for &k in &st.inherited {
        source = source.max(attrs[k].source.as_ref().map_or(SourceKind::Unnamed, |s| s.kind));
    }
    if st.hedges.iter().any(|h| h.kind == HedgeKind::Weasel) {
        source = SourceKind::Unnamed;
    }
    source
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::key_of_name;

    /// Every feature's key, memoised or not, is the key of its spelled name,
    /// which is what the model files are keyed by.
    #[test]
    fn memoised_keys_are_the_keys_of_the_names() {
        let text = "The mayor denied the report on Tuesday, her office said. \
                    \"It is simply not true,\" a spokeswoman said. Officials reportedly \
                    considered the plan. Critics say it may never work. The council \
                    approved the budget. Two aides said the mayor had not seen the memo.";
        let a = crate::analysis::Analyzer::builtin().analyze_text(text);
        let cx = Context::of(text, &a);
        let mut memo = KeyMemo::<u64>::new();
        let (mut found, mut checked) = (Vec::new(), 0);
        // twice over the same statements, so that the second round reads the memo
        for _ in 0..2 {
            for st in &a.statements {
                extract(
                    &cx,
                    st,
                    rules_verdict(st, &a.attributions),
                    (Some(Verdict::Alleged), Some(Verdict::Confirmed)),
                    &mut found,
                );
                for &(f, _, _) in &found {
                    let spelled = name(text, &a.attributions, st, f);
                    assert_eq!(lookup(&cx, st, f, &mut memo, |k| k), key_of_name(&spelled), "{spelled}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 40, "only {checked} features");
    }
}

#[cfg(test)]
mod pronoun_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Where the byte reading answers, it answers as the reading by chars does.
        #[test]
        fn the_ascii_reading_agrees(content in "[ \\t\\n\"'’(a-zA-Z.,—\u{a0}]{0,24}") {
            if let Some(answer) = opens_with_pronoun_ascii(content.as_bytes()) {
                prop_assert_eq!(answer, is_pronoun(opening_word(&content)));
            }
        }
    }

    #[test]
    fn pronouns_open_contents() {
        assert!(opens_with_pronoun("he would step down"));
        assert!(opens_with_pronoun("that they'd been warned"));
        assert!(opens_with_pronoun("\u{201C}We will appeal\u{201D}"));
        assert!(!opens_with_pronoun("the council would vote"));
        assert!(!opens_with_pronoun("hereafter the rules change"));
    }
}
