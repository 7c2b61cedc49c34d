//! GitHub Actions workflow commands: one annotation per finding,
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`.
//! Errors are `error`, warnings `warning`, info and hints `notice`. Escaping
//! follows GitHub's rules: in the message `%`, CR and LF become `%25`, `%0D`
//! and `%0A`; in properties `:` and `,` also become `%3A` and `%2C`.

use super::{Report, shown_path};
use crate::diag::Severity;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.findings {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        let mut properties = vec![format!("file={}", property(&shown_path(&d.file)))];
        if d.pos.is_known() {
            properties.push(format!("line={}", d.pos.line));
            properties.push(format!("col={}", d.pos.column));
            if let Some(end) = d.end {
                properties.push(format!("endLine={}", end.line));
                properties.push(format!("endColumn={}", end.column));
            }
        }
        properties.push(format!("title={}", property(d.code)));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            data(&message)
        ));
    }
    out
}

/// A command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_requires() {
        assert_eq!(data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
