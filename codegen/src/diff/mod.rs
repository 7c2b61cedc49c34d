//! `hostapi-codegen diff`: what a spec change does to a client built from
//! the old spec (the wire contract) and to code written against the old
//! generated crate (the Rust API, hence the semver bump).
//!
//! One concept per module:
//! [`registry`] (every rule: id, severity and semver impact per direction,
//! explanation) · [`side`] (one side's APIs, types, usage and Rust names) ·
//! [`api`] (APIs, sections, methods, errors) · [`wire`] (the wire, auth,
//! credentials) · [`members`] (parameters and fields) · [`types`] (named
//! types and their constraints) · [`bounds`] (sets of lengths and
//! characters) ·
//! [`settings`] (severity overrides, version checks) · [`render`] (output).
//!
//! Things are matched by wire name; both positions are kept so a finding
//! points at the old and the new text.

pub mod api;
pub mod bounds;
pub mod http;
pub mod members;
pub mod registry;
pub mod render;
pub mod settings;
pub mod side;
pub mod types;
pub mod wire;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::spec::load::{self, LoadOptions, Loaded};
use crate::spec::span::Pos;
pub use registry::{DiffRule, RULES, rule};
use side::Side;

/// How much a finding matters to a client built from the old spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Info,
    Warning,
    Breaking,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Breaking, Level::Warning, Level::Info];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Breaking => "breaking",
        }
    }

    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The semver bump the generated crate needs for a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    Patch,
    Minor,
    Major,
}

impl Impact {
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Patch => "patch",
            Impact::Minor => "minor",
            Impact::Major => "major",
        }
    }
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which way the changed thing travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    /// Sent: a parameter, or a type only parameters use.
    Request,
    /// Received: a returned field, an error field, or a type only they use.
    Response,
    /// Both, or not a value at all (a method, the wire, a name).
    Both,
    /// A type nothing uses: only its Rust definition matters.
    Unused,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
            Direction::Both => "both",
            Direction::Unused => "unused",
        }
    }

    /// What it becomes where something travels both `self` and `other`.
    pub fn and(self, other: Direction) -> Direction {
        match (self, other) {
            (a, b) if a == b => a,
            (Direction::Unused, x) | (x, Direction::Unused) => x,
            _ => Direction::Both,
        }
    }
}

/// A place in a spec file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: PathBuf,
    pub pos: Pos,
}

impl Location {
    pub fn new(file: &Path, pos: Pos) -> Location {
        Location {
            file: file.to_path_buf(),
            pos,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::diag::path_text(&self.file))?;
        if self.pos.is_known() {
            write!(f, ":{}:{}", self.pos.line, self.pos.column)?;
        }
        Ok(())
    }
}

/// One change and what it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule's stable id, e.g. `param-removed`.
    pub rule: &'static str,
    pub level: Level,
    pub impact: Impact,
    pub direction: Direction,
    /// Where the thing was; `None` for something added.
    pub old: Option<Location>,
    /// Where it is now; `None` for something removed.
    pub new: Option<Location>,
    /// One line: what changed, naming it by its wire names.
    pub message: String,
}

/// Collects findings, each getting its severity and impact from the
/// registry by direction.
#[derive(Debug, Default)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    pub fn push(
        &mut self,
        id: &'static str,
        direction: Direction,
        old: Option<Location>,
        new: Option<Location>,
        message: impl Into<String>,
    ) {
        let Some(rule) = rule(id) else {
            debug_assert!(false, "unregistered diff rule {id}");
            return;
        };
        let effect = match direction {
            Direction::Request => rule.request,
            Direction::Response => rule.response,
            Direction::Both => rule.worst(),
            // Nothing travels: the wire cannot break, the Rust type can.
            Direction::Unused => registry::Effect {
                level: Level::Info,
                impact: rule.worst().impact,
            },
        };
        let message = crate::text::visible(&message.into()).into_owned();
        self.0.push(Finding {
            rule: id,
            level: effect.level,
            impact: effect.impact,
            direction,
            old,
            new,
            message,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What comparing two sides found.
#[derive(Debug)]
pub struct Comparison {
    /// Every finding, sorted by place and then rule.
    pub findings: Vec<Finding>,
    /// The files read on each side.
    pub old_files: Vec<PathBuf>,
    pub new_files: Vec<PathBuf>,
}

impl Comparison {
    /// The highest semver impact of any finding (`None`: nothing changed).
    pub fn impact(&self) -> Option<Impact> {
        self.findings.iter().map(|f| f.impact).max()
    }

    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level).count()
    }

    pub fn fails(&self, threshold: Level) -> bool {
        self.findings.iter().any(|f| f.level >= threshold)
    }
}

/// Why a side could not be compared: its specs do not load or check.
#[derive(Debug)]
pub struct Invalid {
    /// The loader's and checker's errors, each message naming the side.
    pub diagnostics: Vec<Diagnostic>,
    /// Both sides' sources, for showing the lines at fault.
    pub loaded: Loaded,
}

/// Loads both sides and compares them.
pub fn diff_paths(
    old: &[PathBuf],
    new: &[PathBuf],
    options: &LoadOptions,
) -> Result<Comparison, Box<Invalid>> {
    // The two sides are independent: load them side by side.
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| load::load_lenient_with(old, options));
        let new = load::load_lenient_with(new, options);
        (old.join(), new)
    });
    let old = old.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    diff_loaded(old, new)
}

/// Compares two loaded sides, or reports why one of them cannot be.
pub fn diff_loaded(old: Loaded, new: Loaded) -> Result<Comparison, Box<Invalid>> {
    // Checking each side into its IR is most of the work: both at once.
    let (old_side, new_side) = std::thread::scope(|scope| {
        let old_side = scope.spawn(|| Side::new(&old));
        let new_side = Side::new(&new);
        (old_side.join(), new_side)
    });
    let old_side = old_side.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    match (old_side, new_side) {
        (Ok(old_side), Ok(new_side)) => Ok(compare(&old_side, &new_side)),
        (old_result, new_result) => {
            let mut diagnostics = Vec::new();
            for (name, result) in [("old", old_result.err()), ("new", new_result.err())] {
                for mut d in result.unwrap_or_default() {
                    d.message = format!("({name} side) {}", d.message);
                    diagnostics.push(d);
                }
            }
            let mut loaded = old;
            loaded.set.files.extend(new.set.files);
            loaded.unparsed.extend(new.unparsed);
            Err(Box::new(Invalid {
                diagnostics,
                loaded,
            }))
        }
    }
}

/// Compares two sides that loaded and checked.
pub fn compare(old: &Side<'_>, new: &Side<'_>) -> Comparison {
    let mut findings = Findings::default();
    api::compare(old, new, &mut findings);
    let mut findings = findings.0;
    findings.sort_by(|a, b| {
        let place = |f: &Finding| (f.new.clone().or_else(|| f.old.clone()), f.rule);
        place(a)
            .cmp(&place(b))
            .then_with(|| a.message.cmp(&b.message))
    });
    // A library type used by several APIs is compared once per API.
    findings.dedup();
    Comparison {
        findings,
        old_files: old.files(),
        new_files: new.files(),
    }
}
