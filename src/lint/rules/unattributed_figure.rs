//! `unattributed-figure`: a statistic or count stated with no source.

use crate::lint::text::{has_phrase, words};
use crate::lint::{Context, Example, Hit, Options, Rule, Severity};
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
/// Nouns that make a number a count of people (or of deaths, arrests...).
const PEOPLE: &[&str] = &[
    "people",
    "persons",
    "deaths",
    "dead",
    "killed",
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
    "casualties",
    "victims",
    "fatalities",
    "injured",
    "wounded",
    "arrests",
    "arrested",
    "detained",
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
    "cases",
    "infections",
    "homeless",
    "inmates",
    "prisoners",
    "hostages",
    "displaced",
    "evacuated",
];
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

fn is_digits(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.chars().all(|c| c.is_ascii_digit())
}

/// The first statistic or count in the words, as a span from the number to its unit.
pub fn find_figure(text: &str, ws: &[Span]) -> Option<Span> {
    let lw: Vec<String> = ws.iter().map(|w| w.slice(text).to_lowercase()).collect();
    for (i, w) in lw.iter().enumerate() {
        let has_digit = w.chars().any(|c| c.is_ascii_digit());
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
        if let Some(n) = lw.get(i + 1) {
            if PERCENT.contains(&n.as_str()) || SCALES.contains(&n.as_str()) && has_digit {
                return Some(ws[i].cover(ws[i + 1]));
            }
        }
        if is_year(w) || w == "1" {
            continue;
        }
        // a count of people: "107 deaths", "at least 30 civilians", "thousands of protesters"
        for k in 1..=3 {
            let Some(n) = lw.get(i + k) else { break };
            if PEOPLE.contains(&n.as_str()) {
                return Some(ws[i].cover(ws[i + k]));
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

impl Rule for UnattributedFigure {
    fn id(&self) -> &'static str {
        "unattributed-figure"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A statistic or count is stated with no source"
    }
    fn rationale(&self) -> &'static str {
        "Numbers carry authority, and a wrong one travels far. A percentage, a sum of money, a figure in \
         millions or a count of people (deaths, arrests, protesters) should say where it comes from: \"at \
         least 107 deaths, according to administration figures\". This rule flags the first such figure in \
         a statement that the analysis found no attribution for (source none), unless the sentence names its \
         basis (data, figures, a survey, a report, a census). Years, dates, ages, times of day, ordinals and \
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
                text: "Unemployment rose to 7.5%, according to the Labor Department.",
                flagged: false,
            },
            Example {
                text: "The 45-year-old was elected in 2019 and took office on May 3.",
                flagged: false,
            },
        ]
    }
    fn check(&self, cx: &Context, _opts: &Options) -> Vec<Hit> {
        let a = cx.analysis;
        let mut out = Vec::new();
        for st in &a.statements {
            if st.source != SourceKind::None || !st.attributions.is_empty() || !st.inherited.is_empty() {
                continue;
            }
            if matches!(st.kind, "headline" | "table-row") {
                continue;
            }
            let sentence = cx.text(st.span);
            if BASIS.iter().any(|b| has_phrase(sentence, b)) {
                continue;
            }
            let ws = words(&cx.doc.text, st.span);
            if let Some(fig) = find_figure(&cx.doc.text, &ws) {
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
        find_figure(s, &words(s, Span::new(0, s.len()))).map(|f| f.slice(s).to_string())
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
    }

    #[test]
    fn real_plain_statistic() {
        assert_eq!(
            real("Unemployment rose to 7.5% last year.", &UnattributedFigure),
            ["7.5%"]
        );
    }
}
