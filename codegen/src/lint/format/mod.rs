//! Output formats of `hostapi-codegen lint`, one module each.

pub(crate) mod github;
mod json;
pub(crate) mod junit;
pub(crate) mod sarif;
mod text;

use std::path::Path;

use super::Report;
use crate::diag::Severity;

/// How a report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// For people: rustc-style, with the source line and a caret underline.
    Text,
    /// A documented, versioned shape (docs/lint.md).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, one test case per file.
    Junit,
}

impl Format {
    pub const NAMES: [&'static str; 5] = ["text", "json", "sarif", "github", "junit"];

    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name {
            "text" => Format::Text,
            "json" => Format::Json,
            "sarif" => Format::Sarif,
            "github" => Format::Github,
            "junit" => Format::Junit,
            _ => return None,
        })
    }
}

/// The report in `format`. `fail_on` is the threshold the run fails at,
/// which text and JUnit mention.
pub fn render(report: &Report, format: Format, fail_on: Severity) -> String {
    match format {
        Format::Text => text::render(report, fail_on),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
        Format::Junit => junit::render(report, fail_on, "lint"),
    }
}

/// A path as written in machine-read reports (JSON, SARIF): `/`-separated,
/// otherwise as it is; their encodings escape what needs it.
fn display_path(path: &Path) -> String {
    slashes(path.display().to_string())
}

/// A path as written in reports people read (text, GitHub annotations,
/// JUnit): `/`-separated, hidden characters escaped, so a file name cannot
/// break or reorder a line of the report.
fn shown_path(path: &Path) -> String {
    slashes(crate::diag::path_text(path))
}

fn slashes(text: String) -> String {
    if std::path::MAIN_SEPARATOR == '/' {
        text
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// "1 error", "2 warnings", "3 info", "0 hints".
fn counted(n: usize, severity: Severity) -> String {
    let name = severity.as_str();
    match (n, severity) {
        (_, Severity::Info) | (1, _) => format!("{n} {name}"),
        _ => format!("{n} {name}s"),
    }
}
