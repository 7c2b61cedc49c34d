//! For people: each finding as rustc shows an error, with the source line
//! and a caret underline, then a one-line summary.
//!
//! ```text
//! error[unknown-type]: unknown type `PositiveInteger`
//!   --> spec/enom.yaml:27:22
//!    |
//! 27 |           id: {type: PositiveInteger}
//!    |                      ^^^^^^^^^^^^^^^
//!    |
//!    = help: did you mean `PositiveInt`?
//! ```

use super::{Report, counted, display_path};
use crate::diag::{Diagnostic, Severity};
use crate::lint::source::SourceMap;

pub fn render(report: &Report, fail_on: Severity) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        finding_text(&mut out, report, finding);
        out.push('\n');
    }
    let counts: Vec<String> = Severity::ALL
        .iter()
        .map(|&s| counted(report.count(s), s))
        .collect();
    let files = report.files.len();
    out.push_str(&format!(
        "{files} file{}: {} ({} at --fail-on {fail_on})\n",
        if files == 1 { "" } else { "s" },
        counts.join(", "),
        if report.fails(fail_on) {
            "fails"
        } else {
            "passes"
        }
    ));
    out
}

fn finding_text(out: &mut String, report: &Report, d: &Diagnostic) {
    out.push_str(&format!("{}[{}]: {}\n", d.severity, d.code, d.message));
    let path = display_path(&d.file);
    let line = d
        .pos
        .is_known()
        .then(|| report.source(&d.file))
        .flatten()
        .and_then(|text| SourceMap::new(text).line(d.pos.line).map(str::to_string));
    let Some(line) = line else {
        if d.pos.is_known() {
            out.push_str(&format!("  --> {path}:{}:{}\n", d.pos.line, d.pos.column));
        } else {
            out.push_str(&format!("  --> {path}\n"));
        }
        if let Some(help) = &d.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        return;
    };
    let number = d.pos.line.to_string();
    let gutter = " ".repeat(number.len());
    out.push_str(&format!(
        "{gutter}--> {path}:{}:{}\n",
        d.pos.line, d.pos.column
    ));
    out.push_str(&format!("{gutter} |\n"));
    let (shown, offset, width) = underline(&line, d);
    out.push_str(format!("{number} | {shown}").trim_end());
    out.push('\n');
    out.push_str(&format!(
        "{gutter} | {}{}\n",
        " ".repeat(offset),
        "^".repeat(width)
    ));
    if let Some(help) = &d.help {
        out.push_str(&format!("{gutter} |\n"));
        out.push_str(&format!("{gutter} = help: {help}\n"));
    }
}

/// The line as shown (tabs expanded), and where the underline starts and how
/// wide it is, in shown columns. A finding running past the line is
/// underlined to the line's end.
fn underline(line: &str, d: &Diagnostic) -> (String, usize, usize) {
    let start = usize::try_from(d.pos.column.saturating_sub(1)).unwrap_or(0);
    let end = match d.end {
        Some(end) if end.line == d.pos.line => {
            usize::try_from(end.column.saturating_sub(1)).unwrap_or(start)
        }
        _ => usize::MAX,
    };
    let mut shown = String::new();
    let (mut offset, mut width) = (None, 0);
    for (i, c) in line.chars().enumerate() {
        if i == start {
            offset = Some(shown.chars().count());
        }
        let cell = if c == '\t' {
            "    ".to_string()
        } else {
            c.to_string()
        };
        if i >= start && i < end {
            width += cell.chars().count();
        }
        shown.push_str(&cell);
    }
    let offset = offset.unwrap_or_else(|| shown.chars().count());
    (shown, offset, width.max(1))
}
