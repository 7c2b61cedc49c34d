//! One generated test case: spec files to write, and what the checker can
//! know about them beyond the text (defaults and patterns planted with a
//! known meaning).

use std::fmt;
use std::path::{Path, PathBuf};

/// Planted in every piece of spec text that must never become code (docs,
/// titles, versions, URLs, wire names that have a `rust_name`, file names).
/// Names that may legitimately become identifiers never contain it.
pub const MARKER: &str = "ZQJX";

/// Stands for the case's directory in spec text (absolute `uses` entries).
pub const CASE_DIR: &str = "{CASE_DIR}";

/// The spec root inside the case directory; files elsewhere are outside it.
pub const SPEC_ROOT: &str = "spec";

#[derive(Clone)]
pub struct Case {
    /// Which part of the format this case is hostile in.
    pub focus: &'static str,
    pub files: Vec<CaseFile>,
    pub probes: Vec<Probe>,
}

#[derive(Clone)]
pub struct CaseFile {
    /// Relative to the case directory: `spec/...` or `outside/...`.
    pub path: PathBuf,
    pub text: String,
}

/// A fact about a planted value the checker can test against the rules
/// generated code runs (hostapi-rules).
#[derive(Clone, Debug)]
pub enum Probe {
    /// The default of parameter `param`, whose type's rule is `rule`.
    Default {
        param: String,
        rule: Rule,
        value: serde_json::Value,
    },
    /// A `pattern` type and a value the pattern, read as documented
    /// ("the whole value must match"), accepts.
    Pattern {
        ty: String,
        pattern: String,
        sample: String,
    },
}

/// The part of a type's rule a default is checked against.
#[derive(Clone, Debug)]
pub enum Rule {
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Text {
        lengths: Option<Vec<u32>>,
        min: Option<u32>,
        max: Option<u32>,
    },
    Enum {
        values: Vec<String>,
        case_insensitive: bool,
    },
    Pattern(String),
    BuiltinString,
    BuiltinInteger,
    BuiltinBoolean,
    BuiltinFloat,
}

impl Case {
    /// Writes the files under `dir` (which must not exist yet).
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir.join(SPEC_ROOT))?;
        for file in &self.files {
            let path = dir.join(&file.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let text = file.text.replace(CASE_DIR, &dir.to_string_lossy());
            std::fs::write(path, text)?;
        }
        Ok(())
    }
}

/// Prints the files as they are written, so a failure message is a
/// reproduction: paths quoted (they may hold line breaks), text verbatim.
impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "case (focus: {}), {} file(s):",
            self.focus,
            self.files.len()
        )?;
        for file in &self.files {
            writeln!(f, "--- file {:?}", file.path)?;
            f.write_str(&file.text)?;
            if !file.text.ends_with('\n') {
                writeln!(f)?;
            }
        }
        if !self.probes.is_empty() {
            writeln!(f, "--- probes")?;
            for probe in &self.probes {
                writeln!(f, "{probe:?}")?;
            }
        }
        write!(f, "---")
    }
}
