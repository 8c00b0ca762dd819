//! What the analysis finds: statements with verdicts, attributions and hedges.
//! All spans here are into the projected prose text (`Document::text`);
//! renderers map them back to original bytes.

use crate::span::Span;
use serde::Serialize;

/// How firmly the text stands behind a statement. Ordered by doubt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Confirmed,
    Alleged,
    Disputed,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Confirmed, Verdict::Alleged, Verdict::Disputed];
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Alleged => "alleged",
            Verdict::Disputed => "disputed",
        }
    }
}

/// Who a statement rests on. Ordered by how much it hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    None,
    Named,
    Unnamed,
}

impl SourceKind {
    pub const ALL: [SourceKind; 3] = [SourceKind::None, SourceKind::Named, SourceKind::Unnamed];
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::None => "none",
            SourceKind::Named => "named",
            SourceKind::Unnamed => "unnamed",
        }
    }
}

/// What a cue says about the truth of its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// vouches for the content: confirmed, acknowledged, showed, found
    Confirm,
    /// reports without vouching: said, told, wrote, according to
    Assert,
    /// a holder's belief or expectation: believes, thinks, expects
    Believe,
    /// an accusation or claim: alleged, claimed, accused
    Allege,
    /// contests the content: denied, rejected, refuted
    Deny,
    /// criticism aimed at the content or its subject: criticised, slammed
    Criticise,
    /// a question put: asked, wondered
    Question,
    /// an act, plan or event tied to its holder, or a cue found by the learned
    /// cue detector whose stance the grammar does not know: signed, ordered,
    /// touted. It is an attribution, but moves neither verdict nor source.
    Act,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Confirm => "confirm",
            Stance::Assert => "assert",
            Stance::Believe => "believe",
            Stance::Allege => "allege",
            Stance::Deny => "deny",
            Stance::Criticise => "criticise",
            Stance::Question => "question",
            Stance::Act => "act",
        }
    }
}

/// The kinds of hedge the grammar knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HedgeKind {
    /// epistemic modals and adverbs: may, might, possibly, probably
    Modal,
    /// evidentials: reportedly, allegedly, apparently, appears to, seems
    Evidential,
    /// hidden or vague holders: it is believed, has been described as, some say
    Weasel,
    /// distancing labels: so-called, purported
    Distancing,
    /// a vague quantity, extent or generalisation: many voters, often, one of
    /// the most. Reported, but it moves neither verdict nor source.
    Vague,
}

impl HedgeKind {
    /// Does this kind weaken a claim (make it alleged)? Vagueness does not.
    pub fn weakens(self) -> bool {
        self != HedgeKind::Vague
    }
    pub fn as_str(self) -> &'static str {
        match self {
            HedgeKind::Modal => "modal",
            HedgeKind::Evidential => "evidential",
            HedgeKind::Weasel => "weasel",
            HedgeKind::Distancing => "distancing",
            HedgeKind::Vague => "vague",
        }
    }
}

/// The holder of an attributed claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub span: Span,
    pub kind: SourceKind,
    /// the rule that recognised the holder ("pronoun", "anonymous-sources", "noun-phrase")
    pub rule: &'static str,
    /// for a pronoun: the projected span of the named holder it stands for
    pub resolved: Option<Span>,
}

/// One attribution relation: who (source) says (cue) what (content).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    pub source: Option<Source>,
    pub cue: Span,
    pub stance: Stance,
    /// the cue rule id
    pub cue_rule: &'static str,
    /// the construction that matched
    pub construction: &'static str,
    /// content pieces in text order (several when a quote is interrupted)
    pub content: Vec<Span>,
    /// the cue is negated ("did not confirm")
    pub negated: bool,
    /// the cue is itself hedged ("appeared to confirm")
    pub hedged: bool,
    /// the cue's last word is a preposition taken from the front of the content
    /// ("spoke about", grammar lists `cue-particles`); the verdict features read
    /// the word before it
    #[serde(skip)]
    pub particle: bool,
    /// a cue the learned detector found: why (`--explain`)
    #[serde(skip)]
    pub learned: Option<Box<crate::matcher::learned_cues::LearnedCue>>,
    /// a content end the learned span model moved: why (`--explain`)
    #[serde(skip)]
    pub learned_end: Option<Box<crate::matcher::learned_spans::LearnedEnd>>,
    /// a holder the learned holder model moved: why (`--explain`)
    #[serde(skip)]
    pub learned_holder: Option<Box<crate::matcher::learned_holders::LearnedHolder>>,
}

/// A hedge found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hedge {
    pub span: Span,
    pub kind: HedgeKind,
    pub rule: &'static str,
    /// the rule leaves the hit to the learned hedge filter (`filter: learned`)
    #[serde(skip)]
    pub learned: bool,
}

/// What the learned hedge filter weighed to keep or drop the hedges of a
/// statement whose rules leave them to it (`score::hedges`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HedgeFilter {
    /// the probability that the statement is uncertain, from its candidate hedges
    pub probability: f32,
    /// the probability from which candidates are kept
    pub threshold: f32,
    /// each feature's pull toward "uncertain" (log-odds), strongest first
    pub evidence: Vec<HedgeEvidence>,
    /// the candidates not reported
    pub dropped: Vec<Hedge>,
}

/// One feature of the hedge filter and its weight.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HedgeEvidence {
    pub feature: HedgeFeature,
    pub weight: f32,
}

/// A hedge-filter feature: a namespace and a value, either fixed or the text
/// of a span (a word next to a hedge). Named `namespace:value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HedgeFeature {
    pub namespace: &'static str,
    pub value: HedgeValue,
    /// the hedge it belongs to, if it belongs to one
    pub hedge: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum HedgeValue {
    Fixed(&'static str),
    Text(Span),
}

/// A phrase that marks a claim as contested or unverified ("no evidence",
/// "could not be independently verified").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Marker {
    pub span: Span,
    pub verdict: Verdict,
    pub rule: &'static str,
    /// the kind of the sentence's subject and its words, for a disputing
    /// marker: who voices the dispute when no cue says ("Sanders did not hold back")
    #[serde(skip)]
    pub subject: Option<(SourceKind, Span)>,
}

/// One piece of evidence a decision weighed, and how much it counted: its
/// pull toward the class decided, in log-odds against the average class
/// (positive for, negative against). Structured (indexes, not prose) because
/// batch scoring never reads it; `Feature::name` writes it out on demand.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Evidence {
    pub feature: Feature,
    /// the words it rests on, when it rests on words
    pub span: Option<Span>,
    pub weight: f32,
}

/// What a decision can weigh. Indexes point into `Analysis::attributions`
/// (attribution) and into the statement's own `hedges` and `markers`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Feature {
    /// every statement has it: the model's prior
    Bias,
    /// a headline or a table row rather than prose
    Kind,
    /// the stance of a cue in the statement, negated or hedged
    Stance {
        attribution: usize,
    },
    /// the grammar rule of that cue
    CueRule {
        attribution: usize,
    },
    /// the cue's last word ("denied", "according to")
    CueWord {
        attribution: usize,
    },
    /// the construction it stood in
    Construction {
        attribution: usize,
    },
    /// the kind of its holder (or none found)
    Holder {
        attribution: usize,
    },
    /// the rule that recognised its holder
    HolderRule {
        attribution: usize,
    },
    /// an attribution from an earlier sentence whose content runs on here
    Continued {
        attribution: usize,
    },
    /// the kind of that attribution's holder
    ContinuedHolder {
        attribution: usize,
    },
    /// the holder kind of an act in the statement (an act, plan or event
    /// tied to its holder, which the rules do not weigh: "Sanders laid out
    /// an agenda", "the mayor tweeted a photo")
    ActHolder {
        attribution: usize,
    },

    /// a hedge's kind, and its rule
    Hedge {
        hedge: usize,
    },
    HedgeRule {
        hedge: usize,
    },
    /// a marker's verdict, and its rule
    Marker {
        marker: usize,
    },
    MarkerRule {
        marker: usize,
    },
    /// a marker inside quoted speech: the source's words, not the writer's
    QuotedMarker {
        marker: usize,
    },
    /// the statement mentions a poll or survey ("in the same poll"): named
    /// when the article names the poll
    Poll {
        source: SourceKind,
    },
    /// a dispute with no cue, and the kind of the sentence's subject, who is
    /// then its likely holder ("Sanders went on the attack")
    Disputer {
        source: SourceKind,
    },
    /// a marker inside the content of one of the statement's attributions:
    /// the holder's words, which the cue reports
    ReportedMarker {
        marker: usize,
    },
    /// a cue whose content opens with a personal pronoun ("announced she would
    /// run", "said he had not"): the holder speaks of their own doing
    OwnAction {
        attribution: usize,
    },
    /// a marker owned by someone ("his attacks", "Trump's critique"): the
    /// dispute has a holder even without a cue
    OwnedMarker {
        marker: usize,
    },
    /// most of the statement is inside quotation marks
    Quoted,
    /// quoted speech that no attribution found holds: someone's words, whose
    /// speaker the grammar could not find
    UnattributedQuote,
    /// a negation outside any cue ("not", "never")
    Negation,
    /// the statement ends with a question mark
    Question,
    /// what the grammar's rules alone say: the most doubtful cue, hedge or marker
    Rules {
        verdict: Verdict,
    },
    /// the source kind the rules alone give: the strongest holder
    RulesSource {
        source: SourceKind,
    },
    /// what the rules say of the statement before or after this one in its paragraph
    Neighbour {
        before: bool,
        verdict: Verdict,
    },
}

/// One statement (a sentence) with its verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub span: Span,
    pub verdict: Verdict,
    pub source: SourceKind,
    /// the probability of the verdict (calibrated on held-out folds)
    pub confidence: f32,
    /// the probability of each verdict, in `Verdict::ALL` order
    pub verdict_probabilities: [f32; 3],
    /// the probability of each source kind, in `SourceKind::ALL` order
    pub source_probabilities: [f32; 3],
    /// a headline or table row rather than running prose
    pub kind: &'static str,
    /// the paragraph it is in (an index into the document's paragraphs)
    pub paragraph: usize,
    /// indexes into `Analysis::attributions` whose cue lies in this statement
    pub attributions: Vec<usize>,
    /// attributions from earlier statements whose content covers this one
    pub inherited: Vec<usize>,
    /// attributions with the stance `act` whose cue lies in this statement:
    /// reported with the others, but they move neither verdict nor source
    pub acts: Vec<usize>,
    pub hedges: Vec<Hedge>,
    pub markers: Vec<Marker>,
    /// what decided the verdict, strongest first
    pub evidence: Vec<Evidence>,
    /// what decided the source kind, strongest first
    pub source_evidence: Vec<Evidence>,
    /// why the learned hedge filter kept or dropped candidate hedges, when it ran
    pub hedge_filter: Option<HedgeFilter>,
}

impl Statement {
    /// A statement not yet decided: confirmed, no source, nothing found.
    pub fn new(span: Span, kind: &'static str, paragraph: usize) -> Statement {
        Statement {
            span,
            verdict: Verdict::Confirmed,
            source: SourceKind::None,
            confidence: 0.0,
            verdict_probabilities: [0.0; 3],
            source_probabilities: [0.0; 3],
            kind,
            paragraph,
            attributions: vec![],
            inherited: vec![],
            acts: vec![],
            hedges: vec![],
            markers: vec![],
            evidence: vec![],
            source_evidence: vec![],
            hedge_filter: None,
        }
    }
}

/// Counts and shares for one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub statements: usize,
    pub words: usize,
    pub confirmed: usize,
    pub alleged: usize,
    pub disputed: usize,
    pub source_none: usize,
    pub source_named: usize,
    pub source_unnamed: usize,
    pub hedges: usize,
    /// of those, the vague ones (reported, moving no verdict)
    pub vague: usize,
    /// hedges per 1,000 words
    pub hedge_density: f64,
    pub attributions: usize,
}

impl Summary {
    /// Add the counts of another part of the same document (a window of it),
    /// or of another article (corpus totals); the hedge density is recomputed
    /// from the sums.
    pub fn add(&mut self, o: &Summary) {
        self.statements += o.statements;
        self.words += o.words;
        self.confirmed += o.confirmed;
        self.alleged += o.alleged;
        self.disputed += o.disputed;
        self.source_none += o.source_none;
        self.source_named += o.source_named;
        self.source_unnamed += o.source_unnamed;
        self.hedges += o.hedges;
        self.vague += o.vague;
        self.attributions += o.attributions;
        self.hedge_density = if self.words == 0 {
            0.0
        } else {
            self.hedges as f64 * 1000.0 / self.words as f64
        };
    }
    pub fn share(&self, n: usize) -> f64 {
        if self.statements == 0 {
            0.0
        } else {
            n as f64 / self.statements as f64
        }
    }
    /// One line an editor can read: the document's footing at a glance.
    pub fn reading(&self) -> String {
        if self.statements == 0 {
            return "no statements".to_string();
        }
        format!(
            "{} of {} {} on unnamed sources; {} alleged, {} disputed; {:.1} hedges per 1,000 words",
            self.source_unnamed,
            crate::render::plural(self.statements, "statement"),
            if self.statements == 1 { "rests" } else { "rest" },
            self.alleged,
            self.disputed,
            self.hedge_density
        )
    }
}

/// Everything sayso found in one document.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub statements: Vec<Statement>,
    pub attributions: Vec<Attribution>,
    pub summary: Summary,
    /// quotations, marks included, in text order
    pub quotes: Vec<Span>,
    /// negations ("not", "never"), in text order
    pub negations: Vec<Span>,
    /// mentions of a poll or survey, named when the article names its poll
    pub polls: Vec<(Span, SourceKind)>,
}

impl Analysis {
    /// Move every span `by` bytes on and every paragraph index `paragraphs`
    /// on: the analysis of a window of a document, made the document's.
    /// (Attribution, hedge and marker indexes stay local to this analysis.)
    pub fn shift(&mut self, by: usize, paragraphs: usize) {
        let hedge = |h: &mut Hedge| h.span = h.span.shifted(by);
        let evidence = |e: &mut Evidence| e.span = e.span.map(|s| s.shifted(by));
        for st in &mut self.statements {
            st.span = st.span.shifted(by);
            st.paragraph += paragraphs;
            st.hedges.iter_mut().for_each(hedge);
            for m in &mut st.markers {
                m.span = m.span.shifted(by);
            }
            st.evidence.iter_mut().for_each(evidence);
            st.source_evidence.iter_mut().for_each(evidence);
            if let Some(f) = &mut st.hedge_filter {
                for e in &mut f.evidence {
                    e.feature.hedge = e.feature.hedge.map(|s| s.shifted(by));
                    if let HedgeValue::Text(s) = &mut e.feature.value {
                        *s = s.shifted(by);
                    }
                }
                f.dropped.iter_mut().for_each(hedge);
            }
        }
        for a in &mut self.attributions {
            a.cue = a.cue.shifted(by);
            for c in &mut a.content {
                *c = c.shifted(by);
            }
            if let Some(s) = &mut a.source {
                s.span = s.span.shifted(by);
                s.resolved = s.resolved.map(|r| r.shifted(by));
            }
        }
        for q in self.quotes.iter_mut().chain(&mut self.negations) {
            *q = q.shifted(by);
        }
        for (p, _) in &mut self.polls {
            *p = p.shifted(by);
        }
    }
}
