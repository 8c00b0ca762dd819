//! GitHub Actions workflow commands for `sayso check --format github`:
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`.
//! Suppressed findings are not printed.

use crate::lint::{FileReport, Severity};

/// Escape a message (data) for a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value (also `:` and `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let file = escape_property(r.path.trim_start_matches("./"));
        for f in r.findings.iter().filter(|f| f.suppression.is_none()) {
            let cmd = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                _ => "notice",
            };
            let mut msg = f.message.clone();
            if let Some(h) = &f.help {
                msg.push_str(&format!("\nhelp: {h}"));
            }
            out.push_str(&format!(
                "::{cmd} file={file},line={},col={},endLine={},endColumn={},title={}::{}\n",
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                escape_property(f.rule),
                escape_data(&msg)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
