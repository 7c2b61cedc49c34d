//! `hostapi-codegen lint`: everything `generate` would reject, plus lint
//! rules that catch what it would accept but should not, each finding with a
//! stable rule id, a severity, a start and end position, a message and help,
//! in the formats CI systems read.
//!
//! One concept per module:
//! [`registry`] (every rule id, severity and explanation) ·
//! [`rules`] (the lint rules, one module each) ·
//! [`suppress`] (`lint.allow` entries) ·
//! [`source`] (lines and end positions) ·
//! [`words`] (names as words and styles) ·
//! [`format`](mod@format) (text, json, sarif, github, junit).
//!
//! Lint first: the loader's and the checker's diagnostics are part of every
//! report, so a spec that lints without errors also generates.

pub mod format;
pub mod registry;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod words;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::ir;
use crate::spec::load::{self, Loaded};
pub use registry::{RULES, Rule, Source, rule};
use rules::{FileContext, Findings, Index};
use source::SourceMap;

/// What linting found.
#[derive(Debug)]
pub struct Report {
    /// Every file looked at (read or not), sorted.
    pub files: Vec<PathBuf>,
    /// Every finding, sorted by file and position, each with its end where
    /// the position is known and help where there is any to give.
    pub findings: Vec<Diagnostic>,
    loaded: Loaded,
}

impl Report {
    /// A report of findings made elsewhere (`diff`), so they can be written
    /// by the same formatters; `loaded` gives the source lines text shows.
    pub fn from_findings(files: Vec<PathBuf>, findings: Vec<Diagnostic>, loaded: Loaded) -> Report {
        Report {
            files,
            findings,
            loaded,
        }
    }

    /// The text of a file that was read.
    pub fn source(&self, path: &Path) -> Option<&str> {
        self.loaded.source(path)
    }

    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether any finding is at or above `threshold`.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= threshold)
    }

    /// Whether a path could not be read (an I/O problem, not a spec one).
    pub fn has_io_errors(&self) -> bool {
        self.findings.iter().any(|f| f.code == "io")
    }
}

/// Lints every spec file under `paths` (files or directories) and the
/// libraries they use.
pub fn lint_paths(paths: &[PathBuf]) -> Report {
    lint_paths_with(paths, &load::LoadOptions::default())
}

/// [`lint_paths`] with loading options (how far `uses` may reach).
pub fn lint_paths_with(paths: &[PathBuf], options: &load::LoadOptions) -> Report {
    finish(load::load_lenient_with(paths, options))
}

/// Lints one spec given as bytes (named `path` in findings); libraries it
/// uses are read from disk relative to `path`.
pub fn lint_source(path: &Path, source: &[u8]) -> Report {
    finish(load::load_source_lenient(path, source))
}

/// Runs the emitter as `generate` would (writing nothing), so lint rejects
/// whatever `generate` fails on even where the checker missed it: a spec
/// whose generated code would not parse is reported at its API's name.
fn emit_failure(set: &crate::spec::load::SpecSet) -> Option<Diagnostic> {
    emit_failure_of(set, &ir::build(set).ok()?)
}

fn emit_failure_of(
    set: &crate::spec::load::SpecSet,
    workspace: &ir::Workspace,
) -> Option<Diagnostic> {
    let error = crate::emit::emit(workspace, Path::new("")).err()?;
    let module = error
        .file
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy();
    let (file, pos) = set
        .files
        .values()
        .find_map(|f| {
            let api = f.spec.api.as_ref()?;
            (api.name.value == module).then(|| (f.path.clone(), api.name.pos))
        })
        .or_else(|| {
            let f = set.files.values().next()?;
            Some((f.path.clone(), f.spec.hostapi.pos))
        })?;
    Some(
        Diagnostic::error("generate", &file, pos, error.to_string())
            .with_help("this is a generator bug: please report it with the spec"),
    )
}

fn finish(loaded: Loaded) -> Report {
    let checked = ir::check(&loaded.set);
    let index = Index::new(&loaded.set);
    let mut lint_findings = Vec::new();
    let mut skipped: BTreeSet<(PathBuf, &'static str)> = BTreeSet::new();
    for file in loaded.set.files.values() {
        let cx = FileContext {
            file,
            set: &loaded.set,
            checked: &checked,
            index: &index,
        };
        for rule in RULES {
            let Source::Lint(check) = rule.source else {
                continue;
            };
            let mut findings = Findings::new(rule, &file.path);
            check(&cx, &mut findings);
            if findings.skipped() {
                skipped.insert((file.path.clone(), rule.id));
            }
            lint_findings.extend(findings.into_findings());
        }
    }
    let mut all = Diagnostics::default();
    all.extend(loaded.diagnostics.clone());
    all.extend(checked.diagnostics);
    if !all.has_errors()
        && let Some(failure) = emit_failure(&loaded.set)
    {
        all.push(failure);
    }
    all.0
        .extend(suppress::apply(&loaded.set, lint_findings, &skipped));
    let mut findings = all.deduplicated().0;
    // By place; at one place the most severe first.
    findings.sort_by(|a, b| {
        (
            &a.file,
            a.pos.line,
            a.pos.column,
            std::cmp::Reverse(a.severity),
            a.code,
        )
            .cmp(&(
                &b.file,
                b.pos.line,
                b.pos.column,
                std::cmp::Reverse(b.severity),
                b.code,
            ))
    });

    let mut maps: BTreeMap<PathBuf, SourceMap<'_>> = BTreeMap::new();
    for finding in &mut findings {
        if finding.help.is_none()
            && let Some(rule) = rule(finding.code)
        {
            finding.help = Some(rule.short_help());
        }
        if !finding.pos.is_known() {
            continue;
        }
        if !maps.contains_key(&finding.file)
            && let Some(text) = loaded.source(&finding.file)
        {
            maps.insert(finding.file.clone(), SourceMap::new(text));
        }
        finding.end = match maps.get(&finding.file) {
            Some(map) => map.end(finding.pos),
            None => SourceMap::new("").end(finding.pos),
        };
    }
    drop(maps);

    let mut files: BTreeSet<PathBuf> = loaded.set.files.keys().cloned().collect();
    files.extend(loaded.unparsed.keys().cloned());
    files.extend(findings.iter().map(|f| f.file.clone()));
    Report {
        files: files.into_iter().collect(),
        findings,
        loaded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_emitter_failure_is_a_located_finding() {
        let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/specs/wire_json.yaml");
        let set = load::load_paths(std::slice::from_ref(&spec)).unwrap();
        let mut workspace = ir::build(&set).unwrap();
        assert!(emit_failure_of(&set, &workspace).is_none());
        // What a missing check would let through: a name that is not Rust.
        let method = workspace.apis[0]
            .sections
            .iter_mut()
            .flat_map(|s| &mut s.methods)
            .find(|m| !m.returns.is_empty())
            .unwrap();
        method.returns[0].rust_name = "x {".to_string();
        let finding = emit_failure_of(&set, &workspace).expect("a finding");
        assert_eq!(finding.code, "generate");
        assert_eq!(finding.file, load::normalize(&spec));
        assert!(finding.pos.is_known(), "{finding}");
        assert!(rule(finding.code).is_some());
    }
}
