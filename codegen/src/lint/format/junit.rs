//! JUnit XML: one test suite, named after the command that made the report
//! (`lint`, `diff`), one test case per file. A file fails when it has
//! findings at or above the `--fail-on` threshold; the failure lists all of
//! them. Findings below the threshold go to the case's `system-out`.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Report, shown_path};
use crate::diag::{Diagnostic, Severity};

/// The report as JUnit XML; `command` (`lint`, `diff`) names the suite, the
/// test cases' class and the failures' type, so CI shows which check failed.
pub fn render(report: &Report, fail_on: Severity, command: &str) -> String {
    let mut by_file: BTreeMap<&Path, Vec<&Diagnostic>> = BTreeMap::new();
    for file in &report.files {
        by_file.entry(file.as_path()).or_default();
    }
    for d in &report.findings {
        by_file.entry(d.file.as_path()).or_default().push(d);
    }
    let tests = by_file.len();
    let failures = by_file
        .values()
        .filter(|ds| ds.iter().any(|d| d.severity >= fail_on))
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"hostapi-codegen {command}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"
    ));
    out.push_str(&format!(
        "  <testsuite name=\"hostapi-codegen {command}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n"
    ));
    for (file, findings) in by_file {
        let name = escape(&shown_path(file));
        out.push_str(&format!(
            "    <testcase classname=\"hostapi-codegen.{command}\" name=\"{name}\" file=\"{name}\""
        ));
        let (failing, below): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
            findings.into_iter().partition(|d| d.severity >= fail_on);
        if failing.is_empty() && below.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        if !failing.is_empty() {
            out.push_str(&format!(
                "      <failure type=\"{command}\" message=\"{} finding{} at or above {fail_on}\">{}</failure>\n",
                failing.len(),
                if failing.len() == 1 { "" } else { "s" },
                escape(&lines(&failing)),
            ));
        }
        if !below.is_empty() {
            out.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                escape(&lines(&below))
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// One finding per line, as `generate` prints them, with help indented.
fn lines(findings: &[&Diagnostic]) -> String {
    let text: Vec<String> = findings.iter().map(|d| d.to_string()).collect();
    text.join("\n")
}

/// Text for XML attributes and content. Characters XML 1.0 cannot hold at
/// all (most control characters) become U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_unrepresentable_characters() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
    }
}
