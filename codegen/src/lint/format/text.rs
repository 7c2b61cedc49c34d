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

use super::{Report, counted, shown_path};
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
    let path = shown_path(&d.file);
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
/// Characters of a source line shown around a finding: long lines (a
/// minified spec, a 300 KB scalar) are cut to a window around it.
const SNIPPET_BEFORE: usize = 40;
const SNIPPET_WIDTH: usize = 160;

fn underline(line: &str, d: &Diagnostic) -> (String, usize, usize) {
    let start = usize::try_from(d.pos.column.saturating_sub(1)).unwrap_or(0);
    let end = match d.end {
        Some(end) if end.line == d.pos.line => {
            usize::try_from(end.column.saturating_sub(1)).unwrap_or(start)
        }
        _ => usize::MAX,
    };
    let from = start.saturating_sub(SNIPPET_BEFORE);
    let to = from + SNIPPET_WIDTH;
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    let (mut offset, mut width) = (None, 0);
    for (i, c) in line.chars().enumerate().skip(from) {
        if i >= to {
            shown.push('…');
            break;
        }
        if i == start {
            offset = Some(shown.chars().count());
        }
        // Tabs as spaces; what would break or reorder the line as escapes.
        let cell = if c == '\t' {
            "    ".to_string()
        } else {
            crate::text::visible(c.encode_utf8(&mut [0; 4])).into_owned()
        };
        if i >= start && i < end {
            width += cell.chars().count();
        }
        shown.push_str(&cell);
    }
    let offset = offset.unwrap_or_else(|| shown.chars().count());
    (shown, offset, width.max(1))
}

#[cfg(test)]
mod snippet_tests {
    use super::*;
    use crate::spec::span::{LineCol, Pos};

    fn at(column: u32, len: u32) -> Diagnostic {
        let mut d = Diagnostic::error(
            "yaml",
            std::path::Path::new("a.yaml"),
            Pos {
                line: 1,
                column,
                len,
            },
            "m",
        );
        d.end = Some(LineCol {
            line: 1,
            column: column + len,
        });
        d
    }

    #[test]
    fn long_lines_are_cut_around_the_finding() {
        let line = format!("{}X{}", "a".repeat(10_000), "b".repeat(10_000));
        let (shown, offset, width) = underline(&line, &at(10_001, 1));
        assert!(
            shown.chars().count() <= SNIPPET_WIDTH + 2,
            "{}",
            shown.len()
        );
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().nth(offset), Some('X'));
        assert_eq!(width, 1);
        let (short, offset, _) = underline("key: value", &at(6, 5));
        assert_eq!((short.as_str(), offset), ("key: value", 5));
    }

    #[test]
    fn hidden_characters_in_the_line_are_shown_escaped() {
        let (shown, offset, width) = underline("a\u{202E}b: c", &at(2, 1));
        assert_eq!(shown, "a\\u{202E}b: c");
        assert_eq!((offset, width), (1, 8));
    }
}
