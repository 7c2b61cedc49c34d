//! Importers: turning a vendor's machine-readable documentation into spec
//! YAML, merged with a hand-written overlay that wins where they disagree.
//!
//! * [`liquidweb`]: Liquid Web's `docs.json` (`import liquidweb-docs`).
//! * [`yaml`]: the deterministic YAML writer they share.
//!
//! An import never guesses silently: whatever it cannot map, or maps by a
//! rule a reviewer should know about, becomes an [`Item`] of its
//! [`Report`], naming the section, method and field.

pub mod liquidweb;
pub mod yaml;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;

/// How an item of the report was handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Could not be mapped: a stand-in was written (named in the message).
    Unmapped,
    /// Not enforced by the client; kept as documentation on the member.
    Recorded,
    /// Mapped by a stated rule rather than one-to-one (see the message).
    Interpreted,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Unmapped => "unmapped",
            Kind::Recorded => "recorded",
            Kind::Interpreted => "interpreted",
        }
    }
}

/// One thing the importer could not map one-to-one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub kind: Kind,
    /// Stable id of the situation, e.g. `unknown-type`.
    pub code: &'static str,
    /// Section, method and member, e.g. ``Network/DNS/Record create: param `zone` ``.
    pub at: String,
    pub message: String,
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}",
            self.kind.as_str(),
            self.code,
            self.at,
            self.message
        )
    }
}

/// Everything an import could not map one-to-one, in input order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub items: Vec<Item>,
}

impl Report {
    pub fn push(&mut self, kind: Kind, code: &'static str, at: String, message: String) {
        self.items.push(Item {
            kind,
            code,
            at,
            message,
        });
    }

    /// How many items there are of each kind and code, sorted.
    pub fn counts(&self) -> BTreeMap<(Kind, &'static str), usize> {
        let mut counts = BTreeMap::new();
        for item in &self.items {
            *counts.entry((item.kind, item.code)).or_insert(0) += 1;
        }
        counts
    }

    /// One line per kind and code, e.g. `unmapped: 0; recorded: 8 (no-trim 6, …)`.
    pub fn summary(&self) -> String {
        let counts = self.counts();
        let mut parts = Vec::new();
        for kind in [Kind::Unmapped, Kind::Recorded, Kind::Interpreted] {
            let codes: Vec<String> = counts
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .map(|((_, code), n)| format!("{code} {n}"))
                .collect();
            let total: usize = counts
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .map(|(_, n)| n)
                .sum();
            if codes.is_empty() {
                parts.push(format!("{}: 0", kind.as_str()));
            } else {
                parts.push(format!("{}: {total} ({})", kind.as_str(), codes.join(", ")));
            }
        }
        parts.join("; ")
    }
}

/// Why an import failed. Nothing is written when it does.
#[derive(Debug)]
pub enum ImportError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The source is not valid JSON.
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// The source is JSON, but not shaped like the vendor's documentation.
    Shape {
        path: PathBuf,
        /// Where, e.g. `$["Account/Auth"].__methods.token.__input`.
        json_path: String,
        /// What was expected there and what was found.
        message: String,
    },
    /// The overlay cannot be used.
    Overlay { path: PathBuf, message: String },
    /// Spec errors in the overlay or the type libraries it uses.
    Spec(Diagnostics),
    /// The imported spec does not check (an importer bug); positions are in
    /// the text that would have been written.
    Imported(Diagnostics),
    /// The YAML writer cannot write something (an importer bug).
    Write(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Io { path, error } => write!(f, "{}: {error}", path.display()),
            ImportError::Json {
                path,
                line,
                column,
                message,
            } => write!(
                f,
                "{}:{line}:{column}: error[json]: {message}",
                path.display()
            ),
            ImportError::Shape {
                path,
                json_path,
                message,
            } => write!(
                f,
                "{}: error[shape] at {json_path}: {message}",
                path.display()
            ),
            ImportError::Overlay { path, message } => {
                write!(f, "{}: error[overlay]: {message}", path.display())
            }
            ImportError::Spec(diagnostics) => write!(f, "{diagnostics}"),
            ImportError::Imported(diagnostics) => write!(
                f,
                "internal error: the imported spec does not check, so nothing was written \
                 (please report this with the source):\n{diagnostics}"
            ),
            ImportError::Write(message) => write!(f, "internal error: {message}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Where the committed spec first differs from a fresh import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    pub path: PathBuf,
    /// 1-based line of the first difference.
    pub line: usize,
    /// That line in the committed file (`None` past its end).
    pub committed: Option<String>,
    /// That line in the fresh import (`None` past its end).
    pub imported: Option<String>,
    /// Number of lines that differ (a rough size of the change).
    pub differing_lines: usize,
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: differs from a fresh import ({} line(s) differ); first difference:",
            self.path.display(),
            self.line,
            self.differing_lines
        )?;
        match &self.committed {
            Some(line) => write!(f, "\n  - committed: {line}")?,
            None => write!(f, "\n  - committed: (end of file)")?,
        }
        match &self.imported {
            Some(line) => write!(f, "\n  + imported:  {line}"),
            None => write!(f, "\n  + imported:  (end of file)"),
        }
    }
}

/// Compares `fresh` with the file at `path`; `None` when they are equal.
pub fn drift(path: &Path, fresh: &str) -> Result<Option<Drift>, ImportError> {
    let committed = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => {
            return Err(ImportError::Io {
                path: path.to_path_buf(),
                error,
            });
        }
    };
    if committed == fresh {
        return Ok(None);
    }
    let old: Vec<&str> = committed.lines().collect();
    let new: Vec<&str> = fresh.lines().collect();
    let first = old
        .iter()
        .zip(&new)
        .position(|(a, b)| a != b)
        .unwrap_or(old.len().min(new.len()));
    let differing_lines = (0..old.len().max(new.len()))
        .filter(|&i| old.get(i) != new.get(i))
        .count()
        .max(1);
    Ok(Some(Drift {
        path: path.to_path_buf(),
        line: first + 1,
        committed: old.get(first).map(|l| l.to_string()),
        imported: new.get(first).map(|l| l.to_string()),
        differing_lines,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_by_kind_and_code() {
        let mut report = Report::default();
        report.push(Kind::Recorded, "no-trim", "a".into(), "m".into());
        report.push(Kind::Recorded, "no-trim", "b".into(), "m".into());
        report.push(Kind::Interpreted, "keys-matching", "c".into(), "m".into());
        assert_eq!(
            report.summary(),
            "unmapped: 0; recorded: 2 (no-trim 2); interpreted: 1 (keys-matching 1)"
        );
    }

    #[test]
    fn drift_names_the_first_differing_line() {
        let dir = std::env::temp_dir().join(format!("hostapi-drift-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("spec.yaml");
        std::fs::write(&path, "a\nb\nc\n").unwrap();
        assert_eq!(drift(&path, "a\nb\nc\n").unwrap(), None);
        let d = drift(&path, "a\nB\nc\nd\n").unwrap().unwrap();
        assert_eq!((d.line, d.differing_lines), (2, 2));
        assert_eq!(d.committed.as_deref(), Some("b"));
        assert_eq!(d.imported.as_deref(), Some("B"));
        assert!(d.to_string().contains("spec.yaml:2: differs"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
