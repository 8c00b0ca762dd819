//! `unattributed-figure`: a statistic or count stated with no source.

use crate::lint::text::{has_phrase, words};
use crate::lint::{Context, Example, Hit, OptionKind, Options, Rule, RuleOption, Severity};
use crate::model::SourceKind;
use crate::span::Span;

pub struct UnattributedFigure;

const SCALES: &[&str] = &["million", "billion", "trillion", "millions", "billions"];
const PERCENT: &[&str] = &["percent", "per", "percentage"];
const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "dozen",
    "dozens",
    "hundreds",
    "thousands",
    "tens",
];
/// Nouns that make any number a count worth sourcing: casualties, arrests, cases.
const CASUALTIES: &[&str] = &[
    "deaths",
    "dead",
    "killed",
    "casualties",
    "victims",
    "fatalities",
    "injured",
    "wounded",
    "injuries",
    "arrests",
    "arrested",
    "detained",
    "hostages",
    "displaced",
    "evacuated",
    "cases",
    "infections",
];
/// Nouns that make a LARGE number (100 or more, "thousands of") a count of people;
/// "six women work as advisers" is a fact of the story, not a statistic.
const PEOPLE: &[&str] = &[
    "people",
    "persons",
    "civilians",
    "soldiers",
    "troops",
    "migrants",
    "refugees",
    "residents",
    "voters",
    "workers",
    "children",
    "students",
    "protesters",
    "protestors",
    "demonstrators",
    "patients",
    "employees",
    "jobs",
    "members",
    "supporters",
    "fighters",
    "militants",
    "immigrants",
    "americans",
    "women",
    "men",
    "homeless",
    "inmates",
    "prisoners",
];
const LARGE_WORDS: &[&str] = &["hundred", "hundreds", "thousands", "tens", "dozens"];

fn is_large(w: &str) -> bool {
    LARGE_WORDS.contains(&w)
        || w.chars().filter(|c| c.is_ascii_digit()).count() >= 3
            && !w.contains('.')
            && w.chars().all(|c| c.is_ascii_digit() || c == ',')
}

/// Words that show the sentence names the basis of its figure, even when the
/// analysis found no attribution.
const BASIS: &[&str] = &[
    "according to",
    "data",
    "figures",
    "statistics",
    "survey",
    "poll",
    "polls",
    "census",
    "estimate",
    "estimates",
    "estimated",
    "report",
    "study",
    "records",
    "tally",
    "count",
    "counted",
];

/// More words that name a basis for figures.
const MORE_BASIS: &[&str] = &[
    "tallied",
    "analysis",
    "analyses",
    "show",
    "shows",
    "showed",
    "shown",
    "found",
    "research",
    "researchers",
];
/// Words that make a percentage a parameter of a rule or policy, not a measurement.
const POLICY: &[&str] = &[
    "tax",
    "taxes",
    "surtax",
    "surcharge",
    "tariff",
    "tariffs",
    "threshold",
    "bracket",
    "brackets",
    "required",
    "recommended",
    "requires",
    "target",
    "cap",
    "bylaws",
    "levels",
];

fn names_basis(sentence: &str) -> bool {
    BASIS.iter().chain(MORE_BASIS).any(|b| has_phrase(sentence, b))
}

fn is_digits(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.chars().all(|c| c.is_ascii_digit())
}

/// The first statistic or count in the words, as a span from the number to its unit.
pub fn find_figure(text: &str, ws: &[Span], money: bool) -> Option<Span> {
    let lw: Vec<String> = ws.iter().map(|w| w.slice(text).to_lowercase()).collect();
    for (i, w) in lw.iter().enumerate() {
        let has_digit = w.chars().any(|c| c.is_ascii_digit());
        // "a 25 percent tariff", "a $50 million reward": a property of a thing, not a measurement
        let attributive = i > 0 && matches!(lw[i - 1].as_str(), "a" | "an");
        // "9/11 victims", "24/7": not a count
        let after_slash = text[..ws[i].start].ends_with('/');
        if attributive || after_slash {
            continue;
        }
        if !money && w.starts_with(['$', '€', '£']) {
            continue;
        }
        if has_digit && (w.ends_with('%') || w.starts_with(['$', '€', '£'])) {
            // "$3.5 million": take the scale word along
            let end = if lw.get(i + 1).is_some_and(|n| SCALES.contains(&n.as_str())) {
                i + 1
            } else {
                i
            };
            return Some(ws[i].cover(ws[end]));
        }
        let numeric = is_digits(w) || NUMBER_WORDS.contains(&w.as_str());
        if !numeric {
            continue;
        }
        if let Some(n) = lw.get(i + 1)
            && (PERCENT.contains(&n.as_str()) || SCALES.contains(&n.as_str()) && has_digit && money)
        {
            return Some(ws[i].cover(ws[i + 1]));
        }
        if is_year(w) || w == "1" {
            continue;
        }
        // a count of people: "107 deaths", "at least 30 civilians", "thousands of protesters"
        for k in 1..=3 {
            let Some(n) = lw.get(i + k) else { break };
            let scaled = lw.get(i + 1).is_some_and(|x| SCALES.contains(&x.as_str()));
            if CASUALTIES.contains(&n.as_str()) || PEOPLE.contains(&n.as_str()) && (is_large(w) || scaled) {
                return Some(ws[i].cover(ws[i + k]));
            }
            // "three protesters were killed", "30 civilians died"
            if PEOPLE.contains(&n.as_str()) {
                let fate = (i + k + 1..=(i + k + 3).min(lw.len() - 1))
                    .find(|&j| CASUALTIES.contains(&lw[j].as_str()) || lw[j] == "died");
                if let Some(j) = fate {
                    return Some(ws[i].cover(ws[j]));
                }
            }
            if !matches!(
                n.as_str(),
                "of" | "more" | "other" | "young" | "local" | "foreign" | "civilian" | "new"
            ) && !SCALES.contains(&n.as_str())
            {
                break;
            }
        }
    }
    None
}

/// "$500 a month", "$6,000 annually": a rate in a rule or a worked example, not a statistic.
fn is_rate(cx: &Context, fig: Span) -> bool {
    let after: Vec<String> = words(&cx.doc.text, Span::new(fig.end, (fig.end + 30).min(cx.doc.text.len())))
        .iter()
        .take(2)
        .map(|w| w.slice(&cx.doc.text).to_lowercase())
        .collect();
    let unit = |w: &str| matches!(w, "month" | "year" | "week" | "day" | "hour");
    match after.as_slice() {
        [a, ..] if matches!(a.as_str(), "annually" | "monthly" | "apiece" | "each") => true,
        [a, b, ..] => matches!(a.as_str(), "a" | "per" | "an" | "every") && unit(b),
        _ => false,
    }
}

/// Does one of the two statements before `idx`, in the same paragraph, name a
/// source or a basis for figures?
fn sourced_before(cx: &Context, idx: usize) -> bool {
    let sts = &cx.analysis.statements;
    let mut cur = idx;
    for _ in 0..2 {
        let Some(prev) = cur.checked_sub(1) else { return false };
        let gap = cx.text(Span::new(sts[prev].span.end, sts[cur].span.start));
        let para_break = gap.contains("\n\n") || cx.doc.format == crate::input::Format::Text && gap.contains('\n');
        if para_break {
            return false;
        }
        let p = &sts[prev];
        if p.source != SourceKind::None || names_basis(cx.text(p.span)) {
            return true;
        }
        cur = prev;
    }
    false
}

impl Rule for UnattributedFigure {
    fn id(&self) -> &'static str {
        "unattributed-figure"
    }
    fn default_severity(&self) -> Severity {
        Severity::Info
    }
    fn options(&self) -> &'static [RuleOption] {
        &[RuleOption {
            name: "money",
            default: 0.0,
            kind: OptionKind::Switch,
            doc: "true to flag sums of money too ($3.5 million); off by default, as most are facts of record",
        }]
    }
    fn summary(&self) -> &'static str {
        "A statistic or count is stated with no source"
    }
    fn rationale(&self) -> &'static str {
        "Numbers carry authority, and a wrong one travels far. A percentage, a sum of money, a figure in \
         millions or a count of people (deaths, arrests, protesters) should say where it comes from: \"at \
         least 107 deaths, according to administration figures\". This rule flags the first such figure in \
         a statement that the analysis found no attribution for (source none), unless the sentence or one of \
         the two before it in the paragraph names its basis (data, figures, a survey, a report, an analysis). \
         Sums of money are skipped unless option `money = true` (most are facts of record: fines, prices, \
         donations), and so are percentages in rules and policies (tax rates, thresholds, targets). Years, dates, ages, times of day, ordinals and \
         bare numbers without a unit are not statistics and are never flagged. Headlines and table rows are \
         skipped: they summarise figures the body or the table's caption should source."
    }
    fn examples(&self) -> &'static [Example] {
        &[
            Example {
                text: "Unemployment rose to 7.5% last year.",
                flagged: true,
            },
            Example {
                text: "At least 107 people have died since September.",
                flagged: true,
            },
            Example {
                text: "The company was fined $185 million in September.",
                flagged: false,
            },
            Example {
                text: "Unemployment rose to 7.5%, according to the Labor Department.",
                flagged: false,
            },
            Example {
                text: "The 45-year-old was elected in 2019 and took office on May 3.",
                flagged: false,
            },
        ]
    }
    fn check(&self, cx: &Context, opts: &Options) -> Vec<Hit> {
        let money = opts.get("money").copied().unwrap_or(0.0) > 0.0;
        let a = cx.analysis;
        let mut out = Vec::new();
        for (idx, st) in a.statements.iter().enumerate() {
            if st.source != SourceKind::None || !st.attributions.is_empty() || !st.inherited.is_empty() {
                continue;
            }
            if matches!(st.kind, "headline" | "table-row") {
                continue;
            }
            let sentence = cx.text(st.span);
            if names_basis(sentence) {
                continue;
            }
            // a figure continuing a sourced sentence of the same paragraph ("Census data show X. Y rose to Z%.")
            if sourced_before(cx, idx) {
                continue;
            }
            let ws = words(&cx.doc.text, st.span);
            if POLICY.iter().any(|b| has_phrase(sentence, b)) {
                continue;
            }
            if let Some(fig) =
                find_figure(&cx.doc.text, &ws, money).filter(|f| !crate::lint::in_quote(cx, st, *f) && !is_rate(cx, *f))
            {
                out.push(
                    Hit::at(fig, format!("figure \"{}\" has no source", cx.text(fig)))
                        .help("say where the number comes from (\"according to …\")"),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testutil::{Fake, real};
    use crate::model::{SourceKind::*, Stance};

    fn fig(s: &str) -> Option<String> {
        find_figure(s, &words(s, Span::new(0, s.len())), true).map(|f| f.slice(s).to_string())
    }

    #[test]
    fn figures_with_units_are_found() {
        assert_eq!(fig("Unemployment rose to 7.5% last year.").as_deref(), Some("7.5%"));
        assert_eq!(
            fig("The deal cost $3.5 million in all.").as_deref(),
            Some("$3.5 million")
        );
        assert_eq!(fig("It rose 12 percent.").as_deref(), Some("12 percent"));
        assert_eq!(fig("At least 107 people died.").as_deref(), Some("107 people"));
        assert_eq!(
            fig("Three protesters were killed.").as_deref(),
            Some("Three protesters were killed")
        );
        assert_eq!(fig("Police made 12 arrests.").as_deref(), Some("12 arrests"));
        assert_eq!(
            fig("Thousands of protesters marched.").as_deref(),
            Some("Thousands of protesters")
        );
        assert_eq!(fig("About 2.4 million barrels a day.").as_deref(), Some("2.4 million"));
    }

    #[test]
    fn dates_years_ages_times_and_ordinals_are_not_figures() {
        for s in [
            "The 45-year-old was elected in 2019 and took office on May 3.",
            "The meeting starts at 10:30 on the 21st floor.",
            "In 2024 voters chose a new mayor.",
            "He was 52 years old.",
            "Chapter 11 covers one person.",
            "Six women also work as close advisers.",
            "He enacted a 25 percent tariff.",
            "Following an outcry from 9/11 victims' groups, the bill passed.",
        ] {
            assert_eq!(fig(s), Option::None, "{s}");
        }
    }

    #[test]
    fn attributed_or_sourced_figures_pass() {
        let f = Fake::new("Unemployment rose to 7.5%, the ministry said.").attr(
            "the ministry",
            Named,
            "roles",
            "said",
            Stance::Assert,
        );
        assert!(f.run(&UnattributedFigure).is_empty());
        let f = Fake::new("Unemployment rose to 7.5%, census data show.");
        assert!(f.run(&UnattributedFigure).is_empty(), "the sentence names its basis");
        let f = Fake::new("Unemployment rose to 7.5% last year.");
        assert_eq!(f.texts(&UnattributedFigure), ["7.5%"]);
        let f = Fake::new("\u{201c}We got 14 million votes,\u{201d} he told the crowd.");
        assert!(f.run(&UnattributedFigure).is_empty(), "inside a quotation");
        let f = Fake::new("Parents will need to save $500 a month.");
        assert!(f.run(&UnattributedFigure).is_empty(), "a rate");
        let f = Fake::new("Survey data show a shift. Women were 25 percent of executives.");
        assert!(f.run(&UnattributedFigure).is_empty(), "continues a sourced sentence");
    }

    #[test]
    fn real_plain_statistic() {
        assert_eq!(
            real("Unemployment rose to 7.5% last year.", &UnattributedFigure),
            ["7.5%"]
        );
    }
}
