//! Diagnostics: what went wrong in a spec, where, and how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::spec::span::{LineCol, Pos};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    /// Every severity, most severe first.
    pub const ALL: [Severity; 4] = [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Hint,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity named `name` (`error`, `warning`, `info`, `hint`).
    pub fn from_name(name: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about a spec file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule id, e.g. `unknown-type`.
    pub code: &'static str,
    pub severity: Severity,
    pub file: PathBuf,
    /// Where the finding starts; unknown (`line == 0`) for whole-file
    /// problems such as an unreadable file.
    pub pos: Pos,
    /// Where it ends: the line and column just past its last character
    /// (exclusive, as in SARIF and LSP). `None` until computed from the
    /// source text (see [`crate::lint::source`]).
    pub end: Option<LineCol>,
    /// One line: what is wrong.
    pub message: String,
    /// How to fix it, when there is something specific to say.
    pub help: Option<String>,
}

/// Hidden characters escaped: a message names what it found, and a name
/// taken from a broken spec may hold a line break that would split the
/// report's line, or a bidirectional control that reorders it.
fn one_line(text: String) -> String {
    match crate::text::visible(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped,
    }
}

/// A path as shown in a report: hidden characters escaped, so a file name
/// cannot break or reorder the report's line.
pub fn path_text(path: &Path) -> String {
    crate::text::visible(&path.display().to_string()).into_owned()
}

impl Diagnostic {
    pub fn new(
        code: &'static str,
        severity: Severity,
        file: &Path,
        pos: Pos,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            file: file.to_path_buf(),
            pos,
            end: None,
            message: one_line(message.into()),
            help: None,
        }
    }

    pub fn error(code: &'static str, file: &Path, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic::new(code, Severity::Error, file, pos, message)
    }

    pub fn warning(code: &'static str, file: &Path, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, pos, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(one_line(help.into()));
        self
    }

    /// Adds "did you mean `X`?" when one of `candidates` is close to `name`.
    pub fn with_suggestion<'a>(
        self,
        name: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        match did_you_mean(name, candidates) {
            Some(s) => self.with_help(format!("did you mean `{s}`?")),
            None => self,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", path_text(&self.file))?;
        if self.pos.is_known() {
            write!(f, ":{}:{}", self.pos.line, self.pos.column)?;
        }
        write!(
            f,
            ": {}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Every diagnostic a step produced; a step fails when any is an error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Sorted by file and position, so output is stable.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.file, a.pos, a.code, &a.message).cmp(&(&b.file, b.pos, b.code, &b.message))
        });
        self
    }

    /// Sorted, with repeats of one finding (same file, place, rule and
    /// message) removed: a library checked through two APIs reports once.
    pub fn deduplicated(self) -> Self {
        let mut sorted = self.sorted();
        sorted.0.dedup_by(|a, b| {
            (&a.file, a.pos, a.code, &a.message) == (&b.file, b.pos, b.code, &b.message)
        });
        sorted
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The closest candidate to `name`, for "did you mean" help.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let name_lower = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&name_lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(name.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["PositiveInt", "SingleUseHash", "Boolean"];
        assert_eq!(did_you_mean("PositivInt", names), Some("PositiveInt"));
        assert_eq!(did_you_mean("boolean", names), Some("Boolean"));
        assert_eq!(did_you_mean("Completely", names), None);
    }
}

#[cfg(test)]
mod one_line_tests {
    use super::*;

    #[test]
    fn messages_stay_on_one_line() {
        let d = Diagnostic::error(
            "unknown-type",
            Path::new("a.yaml"),
            Pos::default(),
            "unknown type `str\ning`",
        )
        .with_help("did you mean `str\r\ning`?");
        assert_eq!(d.message, "unknown type `str\\ning`");
        assert_eq!(d.help.as_deref(), Some("did you mean `str\\r\\ning`?"));
    }
}
