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
}

/// A hedge found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hedge {
    pub span: Span,
    pub kind: HedgeKind,
    pub rule: &'static str,
}

/// A phrase that marks a claim as contested or unverified ("no evidence",
/// "could not be independently verified").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Marker {
    pub span: Span,
    pub verdict: Verdict,
    pub rule: &'static str,
}

/// Why a statement got its verdict: one fired rule and the words it fired on.
/// It stays structured (indexes, not prose) because batch scoring reads only
/// verdicts; `rule` and `effect` write it out for a reader on demand.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Evidence {
    pub span: Option<Span>,
    pub reason: Reason,
}

/// What fired, by index into the statement's and the analysis's findings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Reason {
    /// `Analysis::attributions[attribution]`, a cue in this statement, and the
    /// verdict it gives
    Cue { attribution: usize, effect: Verdict },
    /// an attribution in an earlier statement whose content covers this one
    Continued { attribution: usize },
    /// `Statement::hedges[hedge]`
    Hedge { hedge: usize },
    /// `Statement::markers[marker]`
    Marker { marker: usize },
    /// nothing fired: a plain statement
    Plain,
}

impl Evidence {
    /// The rule that fired, as `annotate --explain` and the JSON output name it.
    pub fn rule(&self, st: &Statement, attributions: &[Attribution]) -> String {
        match self.reason {
            Reason::Cue { attribution, .. } => {
                let a = &attributions[attribution];
                format!("cue:{} construction:{}", a.cue_rule, a.construction)
            }
            Reason::Continued { attribution } => format!("continued-quote cue:{}", attributions[attribution].cue_rule),
            Reason::Hedge { hedge } => format!("hedge:{}", st.hedges[hedge].rule),
            Reason::Marker { marker } => format!("marker:{}", st.markers[marker].rule),
            Reason::Plain => "plain-statement".to_string(),
        }
    }

    /// What the rule did to the verdict, quoting the words it fired on.
    pub fn effect(&self, text: &str, st: &Statement, attributions: &[Attribution]) -> String {
        match self.reason {
            Reason::Cue { attribution, effect } => {
                let a = &attributions[attribution];
                let why = match (a.stance, a.negated, a.hedged) {
                    (Stance::Confirm, true, _) => "negated confirmation".to_string(),
                    (Stance::Confirm, _, true) => "hedged confirmation".to_string(),
                    (Stance::Deny | Stance::Criticise, true, _) => "negated denial".to_string(),
                    (s, _, _) => format!("{} cue", s.as_str()),
                };
                format!("{} ({why}: \"{}\")", effect.as_str(), a.cue.slice(text))
            }
            Reason::Continued { attribution } => format!(
                "alleged (content of \"{}\" in an earlier sentence)",
                attributions[attribution].cue.slice(text)
            ),
            Reason::Hedge { hedge } => {
                let h = &st.hedges[hedge];
                format!("alleged ({} hedge \"{}\")", h.kind.as_str(), h.span.slice(text))
            }
            Reason::Marker { marker } => {
                let m = &st.markers[marker];
                format!("{} (\"{}\")", m.verdict.as_str(), m.span.slice(text))
            }
            Reason::Plain => "confirmed (no attribution, no hedge)".to_string(),
        }
    }
}

/// One statement (a sentence) with its verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub span: Span,
    pub verdict: Verdict,
    pub source: SourceKind,
    pub confidence: f32,
    /// a headline or table row rather than running prose
    pub kind: &'static str,
    /// indexes into `Analysis::attributions` whose cue lies in this statement
    pub attributions: Vec<usize>,
    /// attributions from earlier statements whose content covers this one
    pub inherited: Vec<usize>,
    pub hedges: Vec<Hedge>,
    pub markers: Vec<Marker>,
    pub evidence: Vec<Evidence>,
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
    /// hedges per 1,000 words
    pub hedge_density: f64,
    pub attributions: usize,
}

impl Summary {
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
            "{} of {} statements rest on unnamed sources; {} alleged, {} disputed; {:.1} hedges per 1,000 words",
            self.source_unnamed, self.statements, self.alleged, self.disputed, self.hedge_density
        )
    }
}

/// Everything sayso found in one document.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub statements: Vec<Statement>,
    pub attributions: Vec<Attribution>,
    pub summary: Summary,
}
