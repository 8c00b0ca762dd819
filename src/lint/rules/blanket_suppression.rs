//! Meta-rules about suppression comments. Their findings come from
//! `lint::suppress`, not from the analysis; they are listed here so they can
//! be documented, configured and reported like any other rule.

use crate::lint::{Context, Example, Hit, Options, Rule, Severity};

pub struct BlanketSuppression;
pub struct InvalidSuppression;

impl Rule for BlanketSuppression {
    fn id(&self) -> &'static str {
        "blanket-suppression"
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A sayso-disable comment that names no rule"
    }
    fn rationale(&self) -> &'static str {
        "A suppression is an editor's decision about one specific problem, and should say which rule it \
         overrides and why: `<!-- sayso-disable-next-line loaded-cue: he pleaded guilty -->`. A comment that \
         names no rule would silence every current and future rule at once, so sayso does not honour it: \
         it suppresses nothing and is reported itself, until the rule is named."
    }
    fn examples(&self) -> &'static [Example] {
        &[
            Example {
                text: "<!-- sayso-disable-next-line -->",
                flagged: true,
            },
            Example {
                text: "<!-- sayso-disable-next-line loaded-cue: he pleaded guilty -->",
                flagged: false,
            },
        ]
    }
    fn check(&self, _cx: &Context, _opts: &Options) -> Vec<Hit> {
        vec![]
    }
}

impl Rule for InvalidSuppression {
    fn id(&self) -> &'static str {
        "invalid-suppression"
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A sayso suppression comment names an unknown rule or is malformed"
    }
    fn rationale(&self) -> &'static str {
        "A misspelt rule name in a suppression comment silently suppresses nothing, and the writer believes \
         the finding was dealt with. sayso reports such comments (with a \"did you mean\" suggestion), as well \
         as unknown directives (`sayso-disabel`) and an enable with no matching disable."
    }
    fn examples(&self) -> &'static [Example] {
        &[
            Example {
                text: "<!-- sayso-disable-next-line wesel: quoting the ruling -->",
                flagged: true,
            },
            Example {
                text: "<!-- sayso-disable-next-line weasel: quoting the ruling -->",
                flagged: false,
            },
        ]
    }
    fn check(&self, _cx: &Context, _opts: &Options) -> Vec<Hit> {
        vec![]
    }
}
