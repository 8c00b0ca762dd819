//! In-source suppression comments, read from the ORIGINAL bytes (they are
//! markup, not prose; the input layer drops them from the analysed text):
//!
//! ```text
//! <!-- sayso-disable-next-line RULE[, RULE…]: reason -->   the next line only
//! <!-- sayso-disable RULE[, RULE…]: reason -->             until a matching enable (or end of file)
//! <!-- sayso-enable RULE[, RULE…] -->
//! ```
//!
//! Directives and rule names are read in any case (`SAYSO-DISABLE WEASEL`).
//! A comment that names no rule suppresses nothing and is reported as
//! `blanket-suppression`; an unknown rule or directive, or an enable with no
//! open disable, is reported as `invalid-suppression`. Article-level findings
//! (line 1) are suppressed by a `sayso-disable RULE` anywhere in the file.

use super::config::Settings;
use super::{Finding, Severity, Suppression, rule_ids};
use crate::grammar::did_you_mean;
use crate::input::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    NextLine,
    Disable,
    Enable,
}

/// One `<!-- sayso-… -->` comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    /// None for an unknown `sayso-…` directive (the word is in `rules[0]`)
    pub directive: Option<Directive>,
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// original byte span of the whole comment
    pub start: usize,
    pub end: usize,
}

/// Find every sayso comment in the original bytes.
pub fn scan(bytes: &[u8]) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut i = 0;
    let finder = memchr::memmem::Finder::new(b"<!--");
    let closer = memchr::memmem::Finder::new(b"-->");
    while let Some(k) = finder.find(&bytes[i..]) {
        let start = i + k;
        let body_start = start + 4;
        let Some(c) = closer.find(&bytes[body_start..]) else {
            break;
        };
        let end = body_start + c + 3;
        i = end;
        let body = String::from_utf8_lossy(&bytes[body_start..body_start + c]);
        let body = body.trim();
        // directives and rule names in any case: an editor who writes
        // SAYSO-DISABLE-NEXT-LINE WEASEL means what the lower-case form says
        let Some(rest) = body
            .get(..6)
            .filter(|p| p.eq_ignore_ascii_case("sayso-"))
            .map(|_| &body[6..])
        else {
            continue;
        };
        let word_end = rest
            .find(|ch: char| ch.is_whitespace() || ch == ':')
            .unwrap_or(rest.len());
        let word = rest[..word_end].to_ascii_lowercase();
        let after = &rest[word_end..];
        let directive = match word.as_str() {
            "disable-next-line" => Some(Directive::NextLine),
            "disable" => Some(Directive::Disable),
            "enable" => Some(Directive::Enable),
            _ => None,
        };
        let (names, reason) = match after.split_once(':') {
            Some((n, r)) => (n, Some(r.trim().to_string()).filter(|r| !r.is_empty())),
            None => (after, None),
        };
        let mut rules: Vec<String> = names
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        if directive.is_none() {
            rules = vec![format!("sayso-{word}")];
        }
        out.push(Comment {
            directive,
            rules,
            reason,
            start,
            end,
        });
    }
    out
}

fn meta(doc: &Document, rule: &'static str, severity: Severity, c: &Comment, message: String) -> Finding {
    let (line, column) = doc.line_col(c.start);
    let (end_line, end_column) = doc.line_col(c.end);
    Finding {
        rule,
        severity,
        message,
        help: None,
        start_byte: c.start,
        end_byte: c.end,
        line,
        column,
        end_line,
        end_column,
        article: false,
        suppression: None,
    }
}

/// Mark findings silenced by comments (their `suppression` is set) and return
/// the findings about the comments themselves.
pub fn apply(doc: &Document, findings: &mut [Finding], settings: &Settings) -> Vec<Finding> {
    let comments = scan(&doc.original);
    let ids = rule_ids();
    let mut metas = Vec::new();
    let blanket = settings.rule("blanket-suppression").severity;
    let invalid = settings.rule("invalid-suppression").severity;
    // (rule, from byte, to byte, reason, comment line)
    let mut blocks: Vec<(String, usize, usize, Option<String>, usize)> = Vec::new();
    let mut open: Vec<(String, usize, Option<String>, usize)> = Vec::new();
    let mut next_line: Vec<(String, usize, Option<String>, usize)> = Vec::new();
    for c in &comments {
        let (cline, _) = doc.line_col(c.start);
        let (end_line, _) = doc.line_col(c.end.saturating_sub(1));
        let Some(d) = c.directive else {
            let word = c.rules[0].trim_start_matches("sayso-");
            let hint = did_you_mean(word, ["disable-next-line", "disable", "enable"])
                .map(|s| format!("; did you mean 'sayso-{s}'?"))
                .unwrap_or_else(|| "; use sayso-disable-next-line, sayso-disable or sayso-enable".into());
            if invalid != Severity::Off {
                metas.push(meta(
                    doc,
                    "invalid-suppression",
                    invalid,
                    c,
                    format!("unknown directive '{}'{hint}", c.rules[0]),
                ));
            }
            continue;
        };
        if c.rules.is_empty() {
            if blanket != Severity::Off && d != Directive::Enable {
                metas.push(meta(
                    doc,
                    "blanket-suppression",
                    blanket,
                    c,
                    "suppression comment names no rule, so it suppresses nothing; name the rule: <!-- sayso-disable-next-line RULE: reason -->".into(),
                ));
            }
            continue;
        }
        for r in &c.rules {
            if !ids.contains(&r.as_str()) {
                if invalid != Severity::Off {
                    let hint = did_you_mean(r, ids.iter().copied())
                        .map(|s| format!("did you mean '{s}'?"))
                        .unwrap_or_else(|| "run `sayso rules` for the list".into());
                    metas.push(meta(
                        doc,
                        "invalid-suppression",
                        invalid,
                        c,
                        format!("unknown rule '{r}' in suppression comment; {hint}"),
                    ));
                }
                continue;
            }
            match d {
                Directive::NextLine => next_line.push((r.clone(), end_line + 1, c.reason.clone(), cline)),
                Directive::Disable => open.push((r.clone(), c.end, c.reason.clone(), cline)),
                Directive::Enable => match open.iter().rposition(|o| &o.0 == r) {
                    Some(k) => {
                        let (rule, from, reason, line) = open.remove(k);
                        blocks.push((rule, from, c.start, reason, line));
                    }
                    None => {
                        if invalid != Severity::Off {
                            metas.push(meta(
                                doc,
                                "invalid-suppression",
                                invalid,
                                c,
                                format!("sayso-enable {r} without an earlier sayso-disable {r}"),
                            ));
                        }
                    }
                },
            }
        }
    }
    for (rule, from, reason, line) in open {
        blocks.push((rule, from, usize::MAX, reason, line));
    }
    for f in findings.iter_mut() {
        let hit = next_line
            .iter()
            .find(|(r, l, _, _)| r == f.rule && *l == f.line)
            .map(|(_, _, reason, line)| (reason, *line))
            .or_else(|| {
                blocks
                    .iter()
                    .find(|(r, from, to, _, _)| {
                        r == f.rule && (f.article || (*from <= f.start_byte && f.start_byte < *to))
                    })
                    .map(|(_, _, _, reason, line)| (reason, *line))
            });
        if let Some((reason, line)) = hit {
            f.suppression = Some(Suppression {
                kind: "inSource",
                justification: reason.clone(),
                line,
            });
        }
    }
    metas
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_parsed() {
        let src = b"a <!-- sayso-disable-next-line weasel, loaded-cue: quoting the ruling --> b <!-- plain --> <!--sayso-enable weasel-->";
        let cs = scan(src);
        assert_eq!(cs.len(), 2);
        assert_eq!(cs[0].directive, Some(Directive::NextLine));
        assert_eq!(cs[0].rules, ["weasel", "loaded-cue"]);
        assert_eq!(cs[0].reason.as_deref(), Some("quoting the ruling"));
        assert_eq!(cs[1].directive, Some(Directive::Enable));
        assert_eq!(cs[1].reason, None);
    }

    #[test]
    fn directives_and_rules_are_read_in_any_case() {
        let cs = scan(b"<!-- SAYSO-DISABLE-NEXT-LINE Weasel, LOADED-CUE: As Quoted --> <!-- Sayso-Enable weasel -->");
        assert_eq!(cs.len(), 2);
        assert_eq!(cs[0].directive, Some(Directive::NextLine));
        assert_eq!(cs[0].rules, ["weasel", "loaded-cue"]);
        assert_eq!(cs[0].reason.as_deref(), Some("As Quoted"), "the reason keeps its case");
        assert_eq!(cs[1].directive, Some(Directive::Enable));
    }

    #[test]
    fn unknown_directive_keeps_its_word() {
        let cs = scan(b"<!-- sayso-disabel weasel -->");
        assert_eq!(cs[0].directive, None);
        assert_eq!(cs[0].rules, ["sayso-disabel"]);
    }
}
